"""The `ingest` flow: raw dumps -> Parquet tables -> DuckDB. It only orchestrates."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime
from typing import Any

from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact
from prefect.runtime import flow_run
from prefect.task_runners import ThreadPoolTaskRunner

import newsflow  # noqa: F401  (sets Prefect's offline defaults before prefect is imported)
from newsflow.locking import run_lock
from newsflow.settings import Settings
from tasks.discover import plan_batches
from tasks.ingest_tasks import (
    BatchReport,
    parse_and_write_batch,
    plan_ingest,
    publish_warehouse,
    write_run_record,
)


def new_run_id(now: datetime) -> str:
    return now.strftime("%Y%m%dT%H%M%SZ-") + uuid.uuid4().hex[:6]


def summary_markdown(summary: dict[str, Any]) -> str:
    rows = summary["rows"]
    lines = [
        f"# newsflow ingest {summary['run_id']}",
        "",
        "| | |",
        "|---|---|",
        f"| files | {summary['files_seen']} seen, {summary['files_processed']} processed, "
        f"{summary['files_skipped']} unchanged, {summary['files_failed']} failed |",
        f"| articles | {rows.get('articles', 0)} |",
        f"| sentences | {rows.get('sentences', 0)} |",
        f"| social embeds | {rows.get('social_embeds', 0)} |",
        f"| rejects | {rows.get('rejects', 0)} |",
        f"| time | {summary['duration_s']:.1f} s |",
        "",
        "Rejects by reason: "
        + (", ".join(f"{k} {v}" for k, v in sorted(summary["rejects_by_reason"].items())) or "none"),
        "",
        "Embeds by platform: "
        + (", ".join(f"{k} {v}" for k, v in sorted(summary["embeds_by_platform"].items())) or "none"),
    ]
    return "\n".join(lines)


@flow(name="ingest", task_runner=ThreadPoolTaskRunner(max_workers=2))
def ingest(
    raw_dir: str | None = None,
    out_dir: str | None = None,
    db: str | None = None,
    limit: int | None = None,
    reprocess: bool = False,
    rebuild: bool = False,
    wait_seconds: float = 0.0,
) -> dict[str, Any]:
    """Ingest every dump under raw_dir into Parquet under out_dir and publish the DuckDB file db."""
    logger = get_run_logger()
    settings = Settings.resolve(raw_dir=raw_dir, out_dir=out_dir, db=db)
    if not settings.raw_dir.is_dir():
        raise ValueError(f"raw_dir {settings.raw_dir} does not exist or is not a folder")
    if limit is not None and limit < 1:
        raise ValueError(f"limit must be a positive number of files, got {limit}")

    started = datetime.now(UTC).replace(tzinfo=None)
    clock = time.perf_counter()
    run_id = new_run_id(started)
    with run_lock(settings.out_dir, run_id, wait_seconds=wait_seconds, on_wait=logger.warning):
        plan = plan_ingest(settings.raw_dir, settings.out_dir, reprocess=reprocess, limit=limit)
        files_seen = plan.new + plan.changed + plan.outdated + plan.unchanged
        batches = plan_batches(plan.to_process)
        futures = [
            parse_and_write_batch.submit(settings.raw_dir, settings.out_dir, batch, run_id, started)
            for batch in batches
        ]
        total = BatchReport()
        for future in futures:
            total.merge(future.result())
        parsed_s = time.perf_counter() - clock

        finished = datetime.now(UTC).replace(tzinfo=None)
        run_row = {
            "run_id": run_id,
            "flow_run_id": str(flow_run.get_id() or ""),
            "started_at": started,
            "finished_at": finished,
            "status": "completed",
            "files_seen": files_seen,
            "files_new": plan.new,
            "files_changed": plan.changed,
            "files_outdated": plan.outdated,
            "files_skipped": plan.unchanged if not reprocess else 0,
            "files_processed": total.files,
            "files_failed": total.files_failed,
            "n_articles": total.rows.get("articles", 0),
            "n_sentences": total.rows.get("sentences", 0),
            "n_embeds": total.rows.get("social_embeds", 0),
            "n_rejects": total.rows.get("rejects", 0),
            "duration_s": time.perf_counter() - clock,
        }
        write_run_record(settings.out_dir, run_row)
        publish_started = time.perf_counter()
        changed = None if rebuild else [f.source_file for f in plan.to_process]
        warehouse_rows = publish_warehouse(settings.out_dir, settings.db_path, changed)
        publish_s = time.perf_counter() - publish_started

    summary: dict[str, Any] = {
        "run_id": run_id,
        "raw_dir": str(settings.raw_dir),
        "out_dir": str(settings.out_dir),
        "db": str(settings.db_path),
        "files_seen": files_seen,
        "files_processed": total.files,
        "files_skipped": run_row["files_skipped"],
        "files_failed": total.files_failed,
        "rows": total.rows,
        "rejects_by_reason": total.rejects_by_reason,
        "embeds_by_platform": total.embeds_by_platform,
        "blocks_by_kind": total.blocks_by_kind,
        "warehouse_rows": warehouse_rows,
        "stage_seconds": {
            "read": round(total.read_s, 3),
            "parse": round(total.parse_s, 3),
            "write_parquet": round(total.write_s, 3),
            "parse_and_write_wall": round(parsed_s, 3),
            "publish_duckdb": round(publish_s, 3),
        },
        "duration_s": time.perf_counter() - clock,
    }
    create_markdown_artifact(
        key="newsflow-ingest-summary", markdown=summary_markdown(summary), description="newsflow ingest run"
    )
    logger.info(
        "run %s: %d files, %d articles, %d sentences, %d embeds, %d rejects in %.1f s",
        run_id,
        total.files,
        total.rows.get("articles", 0),
        total.rows.get("sentences", 0),
        total.rows.get("social_embeds", 0),
        total.rows.get("rejects", 0),
        summary["duration_s"],
    )
    return summary


if __name__ == "__main__":
    ingest()
