"""One batch of raw files through the pipeline: read, parse, write Parquet, record in the ledger.

Plain Python (no Prefect): the Prefect task in tasks/ingest_tasks.py wraps it, and the
reliability tests drive it directly.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

import polars as pl

from newsflow import schemas
from tasks.discover import RawFile
from tasks.ledger import bytes_hash
from tasks.out_store import OutDir
from tasks.parquet_io import ExistingFiles, list_existing_outputs, write_batch_outputs
from tasks.parse import PARSER_VERSION, Document, parse_documents, rejects_frame
from tasks.raw_store import RawDir, raw_file_name
from tasks.read import Problem, RawFileError, decode_file_bytes, logical_suffix, read_raw_file_bytes


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


# Parsing multiplies memory by ~25 over the raw text (cleaned copies, paragraphs, sentences,
# embeds); files are parsed in groups of at most this many characters so that a task's peak
# stays near half a gigabyte whatever the batch or corpus size.
PARSE_CHUNK_CHARS = 8_000_000


def process_batch(
    raw_dir: RawDir,
    out_dir: OutDir,
    files: list[RawFile],
    run_id: str,
    now: datetime,
    window_months: dict[str, list[str]] | None = None,
) -> BatchReport:
    """Read, parse and write a batch of dump files: one Parquet file per table, month and source file,
    each file's ledger row last. Files are parsed in groups of about PARSE_CHUNK_CHARS. Returns what it did."""
    report = BatchReport()
    existing = list_existing_outputs(out_dir, [raw_file.source_file for raw_file in files])
    group: list[tuple[RawFile, Document | None, Problem | None]] = []
    chars = 0
    read_s = 0.0
    for raw_file in files:
        started = time.perf_counter()
        read_file, document, problem = read_one(raw_dir, raw_file)
        read_s += time.perf_counter() - started
        group.append((read_file, document, problem))
        chars += len(document.decoded.text) if document else 0
        if chars >= PARSE_CHUNK_CHARS:
            report.merge(_parse_and_write(out_dir, group, run_id, now, window_months, existing))
            group, chars = [], 0
    if group:
        report.merge(_parse_and_write(out_dir, group, run_id, now, window_months, existing))
    report.read_s = read_s
    return report


def read_one(raw_dir: RawDir, raw_file: RawFile) -> tuple[RawFile, Document | None, Problem | None]:
    """Read and decode one file: (its ledger identity as read, the document or None, the file-level problem)."""
    path = raw_file_name(raw_dir, raw_file.source_file)
    # The stat comes before the read: if the file changes in between, the recorded time is older
    # than the content and the next run re-hashes it (never the other way round).
    try:
        mtime_ns: int | None = path.stat().st_mtime_ns if isinstance(path, Path) else None
    except OSError:
        mtime_ns = None
    try:
        data = read_raw_file_bytes(raw_dir, raw_file.source_file)
    except RawFileError as exc:
        # Unknown content: the ledger must not call it ingested, so it is read again next run.
        return replace(raw_file, content_hash=""), None, Problem(exc.reason, exc.detail)
    # The ledger records the bytes actually parsed: if the file changed since it was planned,
    # the new content is what this run read.
    read_file = replace(raw_file, size_bytes=len(data), content_hash=bytes_hash(data), mtime_ns=mtime_ns)
    try:
        return read_file, Document(raw_file.source_file, logical_suffix(path), decode_file_bytes(path, data)), None
    except RawFileError as exc:
        return read_file, None, Problem(exc.reason, exc.detail)


def _parse_and_write(
    out_dir: OutDir,
    group: list[tuple[RawFile, Document | None, Problem | None]],
    run_id: str,
    now: datetime,
    window_months: dict[str, list[str]] | None,
    existing: ExistingFiles | None = None,
) -> BatchReport:
    started = time.perf_counter()
    documents = [document for _, document, _ in group if document is not None]
    file_problems = [(raw_file.source_file, problem) for raw_file, _, problem in group if problem is not None]
    parsed = parse_documents(documents, run_id, now)
    frames = parsed.frames()
    frames["rejects"] = pl.concat([frames["rejects"], rejects_frame(file_problems, run_id, now)])
    parse_done = time.perf_counter()

    frames["ingested_files"] = ledger_rows([raw_file for raw_file, _, _ in group], frames, run_id, now)
    write_batch_outputs(out_dir, frames, [raw_file.source_file for raw_file, _, _ in group], window_months, existing)
    write_done = time.perf_counter()

    return BatchReport(
        files=len(group),
        files_failed=frames["ingested_files"].filter(pl.col("status") == "failed").height,
        rows={name: frame.height for name, frame in frames.items() if name != "ingested_files"},
        rejects_by_reason=dict(frames["rejects"].group_by("reason").len().iter_rows()),
        embeds_by_platform=dict(frames["social_embeds"].group_by("platform").len().iter_rows()),
        blocks_by_kind=parsed.block_counts,
        parse_s=parse_done - started,
        write_s=write_done - parse_done,
    )


def ledger_rows(files: list[RawFile], frames: dict[str, pl.DataFrame], run_id: str, now: datetime) -> pl.DataFrame:
    """One ingested_files row per raw file of the batch, with what came of it."""
    articles = frames["article_sources"].group_by("source_file").agg(n_articles=pl.len())
    rejected = frames["rejects"].select("source_file").unique().with_columns(has_rejects=pl.lit(True))
    ledger = (
        pl.DataFrame(
            {
                "path": [f.source_file for f in files],
                "size_bytes": [f.size_bytes for f in files],
                "mtime_ns": [f.mtime_ns for f in files],
                "content_hash": [f.content_hash for f in files],
            },
            schema={"path": pl.String, "size_bytes": pl.Int64, "mtime_ns": pl.Int64, "content_hash": pl.String},
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
