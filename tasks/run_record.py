"""Rows of the `runs` table: what a run saw, did, and how long each stage took."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from tasks.batch import BatchReport
from tasks.ledger import WorkPlan

COUNT_COLUMNS = (
    "files_seen",
    "files_new",
    "files_changed",
    "files_outdated",
    "files_skipped",
    "files_processed",
    "files_failed",
    "n_articles",
    "n_sentences",
    "n_embeds",
    "n_rejects",
)
JSON_COLUMNS = ("rows_by_table", "rejects_by_reason", "embeds_by_platform", "blocks_by_kind", "stage_seconds")


def completed_run_row(
    base: dict[str, Any], plan: WorkPlan, total: BatchReport, reprocess: bool, stage_seconds: dict[str, float]
) -> dict[str, Any]:
    """The row of a run whose files were all parsed and written (publishing completes it)."""
    return base | {
        "status": "completed",
        "files_seen": plan.new + plan.changed + plan.outdated + plan.unchanged,
        "files_new": plan.new,
        "files_changed": plan.changed,
        "files_outdated": plan.outdated,
        "files_skipped": 0 if reprocess else plan.unchanged - len(plan.window_months),
        "files_processed": total.files,
        "files_failed": total.files_failed,
        "n_articles": total.rows.get("articles", 0),
        "n_sentences": total.rows.get("sentences", 0),
        "n_embeds": total.rows.get("social_embeds", 0),
        "n_rejects": total.rows.get("rejects", 0),
        "rows_by_table": total.rows,
        "rejects_by_reason": total.rejects_by_reason,
        "embeds_by_platform": total.embeds_by_platform,
        "blocks_by_kind": total.blocks_by_kind,
        "stage_seconds": {k: round(v, 3) for k, v in stage_seconds.items()},
        "error": None,
    }


def failed_run_row(base: dict[str, Any], error: BaseException) -> dict[str, Any]:
    """The row of a run that stopped with `error`; counts it did not reach are zero."""
    finished = datetime.now(UTC).replace(tzinfo=None)
    return (
        dict.fromkeys(COUNT_COLUMNS, 0)
        | {name: {} for name in JSON_COLUMNS}
        | {k: v for k, v in base.items() if k != "status"}
        | {
            "status": "failed",
            "error": f"{type(error).__name__}: {error}"[:2000],
            "finished_at": finished,
            "duration_s": (finished - base["started_at"]).total_seconds(),
        }
    )
