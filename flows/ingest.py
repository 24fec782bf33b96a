"""The `ingest` flow: raw dumps -> Parquet tables -> DuckDB. It only orchestrates."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, date, datetime
from typing import Any

import newsflow  # noqa: F401  (sets Prefect's offline defaults before prefect is imported)

# isort: split
from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.futures import as_completed
from prefect.runtime import flow_run
from prefect.task_runners import ThreadPoolTaskRunner

from newsflow import progress
from newsflow.locking import run_lock
from newsflow.settings import Settings
from tasks.batch import BatchReport
from tasks.discover import BATCH_MAX_BYTES, plan_batches
from tasks.ingest_tasks import (
    clean_up_interrupted_run,
    parse_and_write_batch,
    plan_ingest,
    publish_headlines,
    publish_warehouse,
)
from tasks.raw_store import raw_dir_exists
from tasks.run_record import completed_run_row, failed_run_row
from tasks.warehouse import write_run_row

SUMMARY_ARTIFACT_KEY = "newsflow-ingest-summary"
COUNTS_ARTIFACT_KEY = "newsflow-ingest-counts"


def new_run_id(now: datetime) -> str:
    return now.strftime("%Y%m%dT%H%M%SZ-") + uuid.uuid4().hex[:6]


def validate_parameters(settings: Settings, limit: int | None, since: date | None, until: date | None) -> None:
    if not raw_dir_exists(settings.raw_dir):
        raise ValueError(f"raw_dir {settings.raw_dir} does not exist or is not a folder")
    if limit is not None and limit < 1:
        raise ValueError(f"limit must be a positive number of files, got {limit}")
    if since and until and since > until:
        raise ValueError(f"since ({since}) is after until ({until})")
    if settings.db_path.exists() and settings.db_path.is_dir():
        raise ValueError(f"db {settings.db_path} is a folder, not a database file")


def _listing(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "none"


def summary_markdown(summary: dict[str, Any]) -> str:
    rows = summary["rows"]
    stages = ", ".join(f"{k} {v:.2f} s" for k, v in summary["stage_seconds"].items())
    return "\n".join(
        [
            f"# newsflow ingest `{summary['run_id']}`",
            "",
            "| | |",
            "|---|---|",
            f"| files | {summary['files_seen']} seen, {summary['files_processed']} processed, "
            f"{summary['files_skipped']} unchanged, {summary['files_failed']} failed |",
            f"| articles | {rows.get('articles', 0)} read, "
            f"{summary['warehouse_rows'].get('articles', 0)} in the warehouse |",
            f"| sentences | {rows.get('sentences', 0)} |",
            f"| social embeds | {rows.get('social_embeds', 0)} ({_listing(summary['embeds_by_platform'])}) |",
            f"| blocks | {rows.get('blocks', 0)} ({_listing(summary['blocks_by_kind'])}) |",
            f"| rejects | {rows.get('rejects', 0)} ({_listing(summary['rejects_by_reason'])}) |",
            f"| time | {summary['duration_s']:.1f} s ({stages}) |",
            f"| database | `{summary['db']}` |",
        ]
    )


@flow(name="ingest", task_runner=ThreadPoolTaskRunner(max_workers=2), validate_parameters=True)
def ingest(
    raw_dir: str | None = None,
    out_dir: str | None = None,
    db: str | None = None,
    since: date | None = None,
    until: date | None = None,
    reprocess: bool = False,
    limit: int | None = None,
    rebuild: bool = False,
    reindex: bool = False,
    wait_seconds: float = 0.0,
    batch_mb: float = BATCH_MAX_BYTES / 1e6,
) -> dict[str, Any]:
    """Ingest new and changed dumps under raw_dir into Parquet under out_dir and publish the DuckDB file db.

    since/until re-read the files holding articles published in that window (a backfill that
    rewrites only those months); reprocess re-reads everything; limit caps the files read;
    rebuild rebuilds the database from all the Parquet; reindex rebuilds the full-text index
    (maintenance: patches keep it exact);
    wait_seconds queues behind a running ingest;
    batch_mb caps the raw megabytes of one task (smaller batches spread better over many workers).
    """
    logger = get_run_logger()
    settings = Settings.resolve(raw_dir=raw_dir, out_dir=out_dir, db=db)
    validate_parameters(settings, limit, since, until)
    if batch_mb <= 0:
        raise ValueError(f"batch_mb must be positive, got {batch_mb}")

    started = datetime.now(UTC).replace(tzinfo=None)
    clock = time.perf_counter()
    run_id = new_run_id(started)
    run_row: dict[str, Any] = {"run_id": run_id, "flow_run_id": str(flow_run.get_id() or ""), "started_at": started}
    with run_lock(settings.lock_path, run_id, wait_seconds=wait_seconds, on_wait=logger.warning):
        try:
            clean_up_interrupted_run(settings.out_dir, settings.db_path)
            plan = plan_ingest(settings.raw_dir, settings.out_dir, reprocess, limit, since, until)
            plan_s = time.perf_counter() - clock
            total = BatchReport()
            reporter = progress.current()
            reporter.start(len(plan.to_process), sum(f.size_bytes for f in plan.to_process))
            try:
                futures = {}
                for batch in plan_batches(plan.to_process, max_bytes=max(1, int(batch_mb * 1e6))):
                    months = {
                        f.source_file: plan.window_months[f.source_file]
                        for f in batch
                        if f.source_file in plan.window_months
                    }
                    future = parse_and_write_batch.submit(
                        settings.raw_dir, settings.out_dir, batch, run_id, started, months or None
                    )
                    futures[future] = batch
                for future in as_completed(list(futures)):
                    total.merge(future.result())
                    reporter.advance(len(futures[future]), sum(f.size_bytes for f in futures[future]))
            finally:
                reporter.finish()  # a failed batch must not leave a bar drawn over the error
            parse_s = time.perf_counter() - clock - plan_s

            run_row = completed_run_row(
                run_row,
                plan,
                total,
                reprocess,
                {
                    "plan": plan_s,
                    "read": total.read_s,
                    "parse": total.parse_s,
                    "write_parquet": total.write_s,
                    "parse_and_write_wall": parse_s,
                },
            )
            published = publish_warehouse(settings.out_dir, settings.db_path, rebuild, run_row, reindex)
            warehouse_rows = published.rows
        except Exception as exc:
            # The failed run is recorded in Parquet; the next successful publish shows it. If even
            # that fails (a full or read-only disk), the original error is the one to report.
            try:
                write_run_row(settings.out_dir, failed_run_row(run_row, exc))
            except OSError as record_error:
                logger.error("could not record the failed run: %s", record_error)
            raise

    duration = time.perf_counter() - clock
    summary: dict[str, Any] = {
        "run_id": run_id,
        "raw_dir": str(settings.raw_dir),
        "out_dir": str(settings.out_dir),
        "db": str(settings.db_path),
        "files_seen": run_row["files_seen"],
        "files_processed": total.files,
        "files_skipped": run_row["files_skipped"],
        "files_failed": total.files_failed,
        "rows": total.rows,
        "rejects_by_reason": total.rejects_by_reason,
        "embeds_by_platform": total.embeds_by_platform,
        "blocks_by_kind": total.blocks_by_kind,
        "warehouse_rows": warehouse_rows,
        # standby (the nightly path), copy (a reader held the standby) or build (first run, --rebuild, new schema)
        "publish_mode": published.mode.name.lower(),
        "stage_seconds": {**run_row["stage_seconds"], "publish_duckdb": round(duration - plan_s - parse_s, 3)},
        "duration_s": duration,
    }
    create_markdown_artifact(
        key=SUMMARY_ARTIFACT_KEY, markdown=summary_markdown(summary), description="newsflow ingest run"
    )
    publish_headlines(settings.db_path)  # the warehouse's headline figures, artifact newsflow-headlines
    create_table_artifact(
        key=COUNTS_ARTIFACT_KEY,
        table=[
            {"table": name, "rows_written": total.rows.get(name, 0), "rows_in_warehouse": warehouse_rows.get(name, 0)}
            for name in warehouse_rows
        ],
        description=f"newsflow ingest {run_id}: rows per table",
    )
    logger.info(
        "run %s: %d files processed, %d articles, %d sentences, %d embeds, %d rejects in %.1f s",
        run_id,
        total.files,
        total.rows.get("articles", 0),
        total.rows.get("sentences", 0),
        total.rows.get("social_embeds", 0),
        total.rows.get("rejects", 0),
        duration,
    )
    return summary


if __name__ == "__main__":
    ingest()
