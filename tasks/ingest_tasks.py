"""Prefect task wrappers: file I/O, retries and one log line around the pure steps."""

from __future__ import annotations

import errno
import time
from collections import Counter
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import polars as pl
from prefect import get_run_logger, task
from prefect.states import State
from prefect.tasks import exponential_backoff

from newsflow import schemas
from tasks.discover import RawFile, list_raw_files
from tasks.ledger import WorkPlan, bytes_hash, content_hash, plan_work, read_ledger, sources_in_window
from tasks.parquet_io import remove_stale_temp_files, write_batch_outputs
from tasks.parse import PARSER_VERSION, Document, parse_documents, rejects_frame
from tasks.read import Problem, RawFileError, decode_file_bytes, logical_suffix, read_file_bytes
from tasks.warehouse import publish_database, remove_stale_builds


@dataclass
class BatchReport:
    files: int = 0
    files_failed: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    rejects_by_reason: dict[str, int] = field(default_factory=dict)
    embeds_by_platform: dict[str, int] = field(default_factory=dict)
    blocks_by_kind: dict[str, int] = field(default_factory=dict)
    read_s: float = 0.0
    parse_s: float = 0.0
    write_s: float = 0.0

    def merge(self, other: BatchReport) -> None:
        self.files += other.files
        self.files_failed += other.files_failed
        for mine, theirs in (
            (self.rows, other.rows),
            (self.rejects_by_reason, other.rejects_by_reason),
            (self.embeds_by_platform, other.embeds_by_platform),
            (self.blocks_by_kind, other.blocks_by_kind),
        ):
            mine.update(Counter(mine) + Counter(theirs))
        self.read_s += other.read_s
        self.parse_s += other.parse_s
        self.write_s += other.write_s

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


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
def clean_up_interrupted_run(out_dir: Path, db_path: Path) -> None:
    """Remove temporary Parquet files and half-built databases left by a run that was killed."""
    removed = remove_stale_temp_files(out_dir) + remove_stale_builds(db_path)
    if removed:
        get_run_logger().warning("removed %d temporary files left by an interrupted run", removed)


@task(name="plan-ingest")
def plan_ingest(
    raw_dir: Path,
    out_dir: Path,
    reprocess: bool = False,
    limit: int | None = None,
    since: date | None = None,
    until: date | None = None,
) -> WorkPlan:
    """List the dump files under raw_dir, hash them, and keep those the ledger has not seen as they are
    (plus, for a since/until backfill, the files holding articles published in that window)."""
    logger = get_run_logger()
    files, skipped = list_raw_files(raw_dir)
    hashed: list[RawFile] = []
    for raw_file in files:
        try:
            hashed.append(replace(raw_file, content_hash=content_hash(raw_dir / raw_file.source_file)))
        except OSError as exc:
            skipped.append(f"{raw_file.source_file}: {exc.strerror or exc} (vanished or unreadable while listing)")
    for reason in skipped:
        logger.warning("skipped %s", reason)
    window = sources_in_window(out_dir, since, until) if (since or until) else None
    plan = plan_work(hashed, read_ledger(out_dir), PARSER_VERSION, reprocess, window)
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
    raw_dir: Path,
    out_dir: Path,
    files: list[RawFile],
    run_id: str,
    now: datetime,
    window_months: dict[str, list[str]] | None = None,
) -> BatchReport:
    """Read, parse and write one batch of dump files; one Parquet file per table, month and source file."""

    started = time.perf_counter()
    documents: list[Document] = []
    file_problems: list[tuple[str, Problem]] = []
    read_files: list[RawFile] = []
    for raw_file in files:
        path = raw_dir / raw_file.source_file
        try:
            data = read_file_bytes(path)
        except RawFileError as exc:
            file_problems.append((raw_file.source_file, Problem(exc.reason, exc.detail)))
            read_files.append(replace(raw_file, content_hash=""))  # unknown content: read it again next run
            continue
        # The ledger records the bytes actually parsed: if the file changed since it was
        # planned, the new content is what this run read.
        read_files.append(replace(raw_file, size_bytes=len(data), content_hash=bytes_hash(data)))
        try:
            documents.append(Document(raw_file.source_file, logical_suffix(path), decode_file_bytes(path, data)))
        except RawFileError as exc:
            file_problems.append((raw_file.source_file, Problem(exc.reason, exc.detail)))
    read_done = time.perf_counter()

    parsed = parse_documents(documents, run_id, now)
    frames = parsed.frames()
    frames["rejects"] = pl.concat([frames["rejects"], rejects_frame(file_problems, run_id, now)])
    parse_done = time.perf_counter()

    frames["ingested_files"] = ledger_rows(read_files, frames, run_id, now)
    write_batch_outputs(out_dir, frames, [f.source_file for f in files], window_months)
    write_done = time.perf_counter()

    report = BatchReport(
        files=len(files),
        files_failed=frames["ingested_files"].filter(pl.col("status") == "failed").height,
        rows={name: frame.height for name, frame in frames.items() if name != "ingested_files"},
        rejects_by_reason=dict(frames["rejects"].group_by("reason").len().iter_rows()),
        embeds_by_platform=dict(frames["social_embeds"].group_by("platform").len().iter_rows()),
        blocks_by_kind=parsed.block_counts,
        read_s=read_done - started,
        parse_s=parse_done - read_done,
        write_s=write_done - parse_done,
    )
    get_run_logger().info(
        "batch of %d files: %d articles, %d sentences, %d embeds, %d rejects",
        len(files),
        report.rows.get("articles", 0),
        report.rows.get("sentences", 0),
        report.rows.get("social_embeds", 0),
        report.rows.get("rejects", 0),
    )
    return report


def ledger_rows(files: list[RawFile], frames: dict[str, pl.DataFrame], run_id: str, now: datetime) -> pl.DataFrame:
    """One ingested_files row per raw file of the batch, with what came of it."""
    articles = frames["article_sources"].group_by("source_file").agg(n_articles=pl.len())
    rejected = frames["rejects"].select("source_file").unique().with_columns(has_rejects=pl.lit(True))
    ledger = (
        pl.DataFrame(
            {
                "path": [f.source_file for f in files],
                "size_bytes": [f.size_bytes for f in files],
                "content_hash": [f.content_hash for f in files],
            },
            schema={"path": pl.String, "size_bytes": pl.Int64, "content_hash": pl.String},
        )
        .join(articles, left_on="path", right_on="source_file", how="left")
        .join(rejected, left_on="path", right_on="source_file", how="left")
        .with_columns(
            n_articles=pl.col("n_articles").fill_null(0),
            status=pl.when(pl.col("n_articles").fill_null(0) == 0)
            .then(pl.lit("failed"))
            .when(pl.col("has_rejects").fill_null(False))
            .then(pl.lit("partial"))
            .otherwise(pl.lit("ok")),
            parser_version=pl.lit(PARSER_VERSION),
            run_id=pl.lit(run_id),
            ingested_at=pl.lit(now),
        )
    )
    return schemas.INGESTED_FILES.conform(ledger)


@task(
    name="publish-duckdb",
    retries=2,
    retry_delay_seconds=exponential_backoff(backoff_factor=2),
    retry_condition_fn=retry_on_transient_io,
)
def publish_warehouse(out_dir: Path, db_path: Path, rebuild: bool, run_row: dict[str, Any]) -> dict[str, int]:
    """Patch (or rebuild) the DuckDB file, record the run, swap it in atomically."""
    counts = publish_database(out_dir, db_path, rebuild, run_row)
    get_run_logger().info("published %s: %s", db_path, ", ".join(f"{k}={v}" for k, v in counts.items()))
    return counts
