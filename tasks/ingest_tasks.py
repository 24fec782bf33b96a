"""Prefect task wrappers: file I/O, retries and one log line around the pure steps."""

from __future__ import annotations

import errno
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb
from prefect import get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.states import State
from prefect.tasks import exponential_backoff

from newsflow.memory import release_unused_memory
from tasks.batch import BatchReport, process_batch
from tasks.discover import RawFile
from tasks.ledger import WorkPlan, list_hashed_raw_files, plan_work, read_ledger, sources_in_window
from tasks.out_store import OutDir
from tasks.parquet_io import remove_stale_temp_files
from tasks.parse import PARSER_VERSION
from tasks.raw_store import RawDir
from tasks.warehouse import Published, PublishMode, publish_database, remove_stale_builds

PUBLISH_HOW = {
    PublishMode.STANDBY: "patched the standby generation",
    PublishMode.COPY: "patched a copy of the current file",
    PublishMode.BUILD: "built from all the Parquet",
}

TRANSIENT_ERRNOS = frozenset({errno.EIO, errno.EAGAIN, errno.EBUSY, errno.ETIMEDOUT, errno.ESTALE, errno.EINTR})


def retry_on_transient_io(task: object, task_run: object, state: State[Any]) -> bool:
    """Retry a task only for I/O errors that may pass (a flaky mount), never for bad data,
    a full or read-only disk, or a bug: those fail the same way every time."""
    try:
        state.result()
    except TimeoutError:
        return True
    except OSError as exc:
        return exc.errno in TRANSIENT_ERRNOS
    except Exception:
        return False
    return False


@task(name="clean-up-interrupted-run")
def clean_up_interrupted_run(out_dir: OutDir, db_path: Path) -> None:
    """Remove temporary Parquet files and half-built databases left by a run that was killed."""
    removed = remove_stale_temp_files(out_dir) + remove_stale_builds(db_path)
    if removed:
        get_run_logger().warning("removed %d temporary files left by an interrupted run", removed)


@task(name="plan-ingest")
def plan_ingest(
    raw_dir: RawDir,
    out_dir: OutDir,
    reprocess: bool = False,
    limit: int | None = None,
    since: date | None = None,
    until: date | None = None,
) -> WorkPlan:
    """List the dump files under raw_dir, hash them, and keep those the ledger has not seen as they are
    (plus, for a since/until backfill, the files holding articles published in that window)."""
    logger = get_run_logger()
    ledger = read_ledger(out_dir)
    hashed, skipped = list_hashed_raw_files(raw_dir, None if reprocess else ledger)
    for reason in skipped:
        logger.warning("skipped %s", reason)
    window = sources_in_window(out_dir, since, until) if (since or until) else None
    plan = plan_work(hashed, ledger, PARSER_VERSION, reprocess, window)
    if limit is not None:
        plan = replace(plan, to_process=plan.to_process[:limit])
    logger.info(
        "%d dump files (%.1f MB) in %s: %d new, %d changed, %d outdated, %d unchanged; processing %d"
        + (f" ({len(plan.window_months)} for the {since or '…'} – {until or '…'} backfill)" if window else ""),
        len(hashed),
        sum(f.size_bytes for f in hashed) / 1e6,
        raw_dir,
        plan.new,
        plan.changed,
        plan.outdated,
        plan.unchanged,
        len(plan.to_process),
    )
    return plan


@task(
    name="parse-and-write-batch",
    retries=2,
    retry_delay_seconds=exponential_backoff(backoff_factor=2),
    retry_condition_fn=retry_on_transient_io,
)
def parse_and_write_batch(
    raw_dir: RawDir,
    out_dir: OutDir,
    files: list[RawFile],
    run_id: str,
    now: datetime,
    window_months: dict[str, list[str]] | None = None,
) -> BatchReport:
    """Read, parse and write one batch of dump files; one Parquet file per table, month and source file."""
    report = process_batch(raw_dir, out_dir, files, run_id, now, window_months)
    get_run_logger().info(
        "batch of %d files: %d articles, %d sentences, %d embeds, %d rejects",
        len(files),
        report.rows.get("articles", 0),
        report.rows.get("sentences", 0),
        report.rows.get("social_embeds", 0),
        report.rows.get("rejects", 0),
    )
    return report


@task(
    name="publish-duckdb",
    retries=2,
    retry_delay_seconds=exponential_backoff(backoff_factor=2),
    retry_condition_fn=retry_on_transient_io,
)
def publish_warehouse(
    out_dir: OutDir, db_path: Path, rebuild: bool, run_row: dict[str, Any], reindex: bool = False
) -> Published:
    """Patch (or rebuild) the DuckDB file, record the run, swap it in atomically."""
    release_unused_memory()  # the parse stage's freed pages would otherwise add to DuckDB's peak
    published = publish_database(out_dir, db_path, rebuild, run_row, reindex)
    get_run_logger().info(
        "published %s (%s): %s",
        db_path,
        PUBLISH_HOW[published.mode],
        ", ".join(f"{k}={v}" for k, v in published.rows.items()),
    )
    return published


HEADLINES_ARTIFACT_KEY = "newsflow-headlines"


@task(name="publish-headlines")
def publish_headlines(db_path: Path) -> None:
    """The published warehouse's headline figures (newsflow/report.py) as a keyed markdown artifact."""
    from newsflow.report import headline_figures, headlines_markdown

    with duckdb.connect(str(db_path), read_only=True) as con:
        markdown = headlines_markdown(headline_figures(con))
    create_markdown_artifact(key=HEADLINES_ARTIFACT_KEY, markdown=markdown, description="newsflow headline figures")
