"""Which raw files need (re-)ingesting: compare content hashes with the ledger of earlier runs."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import polars as pl

from newsflow.schemas import ARTICLE_SOURCES, INGESTED_FILES
from tasks.discover import RawFile, list_raw_files
from tasks.out_store import OutDir, list_files, parent_name, read_parquet_files
from tasks.parquet_io import PARTITION_KEY
from tasks.raw_store import RawDir, open_raw_file

HASH_CHUNK_BYTES = 1 << 20


def list_hashed_raw_files(raw_dir: RawDir, ledger: pl.DataFrame | None = None) -> tuple[list[RawFile], list[str]]:
    """The dump files under raw_dir with their content hashes, and what was skipped and why
    (a file that vanishes or cannot be read between listing and hashing is skipped, not fatal).

    With the `ledger` of earlier runs, a local file whose size and modification time are those
    recorded when it was last read keeps its recorded hash without being read: the nightly
    cost of the unchanged archive is a stat per file (as git's index does). `--reprocess`
    re-reads everything regardless.
    """
    files, skipped = list_raw_files(raw_dir)
    known = known_stats(ledger) if ledger is not None else {}
    hashed: list[RawFile] = []
    for raw_file in files:
        recorded = known.get(raw_file.source_file)
        if raw_file.mtime_ns is not None and recorded and recorded[:2] == (raw_file.size_bytes, raw_file.mtime_ns):
            hashed.append(replace(raw_file, content_hash=recorded[2]))
            continue
        try:
            hashed.append(replace(raw_file, content_hash=raw_content_hash(raw_dir, raw_file.source_file)))
        except OSError as exc:
            skipped.append(f"{raw_file.source_file}: {exc.strerror or exc} (vanished or unreadable while listing)")
    return hashed, skipped


def known_stats(ledger: pl.DataFrame) -> dict[str, tuple[int, int, str]]:
    """path -> (size, mtime_ns, content_hash) recorded when each local file was last read."""
    rows = ledger.filter(pl.col("mtime_ns").is_not_null() & (pl.col("content_hash") != ""))
    return {
        path: (size, mtime, digest)
        for path, size, mtime, digest in rows.select("path", "size_bytes", "mtime_ns", "content_hash").iter_rows()
    }


def bytes_hash(data: bytes) -> str:
    """The same digest as content_hash, of bytes already in memory."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def content_hash(path: Path) -> str:
    """BLAKE2b-128 of a local file's bytes."""
    return raw_content_hash(path.parent, path.name)


def raw_content_hash(raw_dir: RawDir, relative: str) -> str:
    """BLAKE2b-128 of a raw file's bytes, read in 1 MiB chunks (never the whole file at once)."""
    digest = hashlib.blake2b(digest_size=16)
    with open_raw_file(raw_dir, relative) as handle:
        while chunk := handle.read(HASH_CHUNK_BYTES):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True)
class WorkPlan:
    to_process: list[RawFile]
    new: int
    changed: int
    outdated: int  # read by an older parser version
    unchanged: int
    # Unchanged files re-read only for a publication-date backfill: the months to rewrite.
    window_months: dict[str, list[str]] = field(default_factory=dict)


def plan_work(
    files: list[RawFile],
    ledger: pl.DataFrame,
    parser_version: int,
    reprocess: bool = False,
    window_sources: dict[str, set[str]] | None = None,
) -> WorkPlan:
    """Files that are new, changed (by content hash) or read by an older parser; all of them with
    reprocess; plus, for a backfill, the unchanged files holding articles in the window."""
    seen = {
        path: (content, version)
        for path, content, version in ledger.select("path", "content_hash", "parser_version").iter_rows()
    }
    window_sources = window_sources or {}
    to_process: list[RawFile] = []
    window_months: dict[str, list[str]] = {}
    new = changed = outdated = unchanged = 0
    for raw_file in files:
        previous = seen.get(raw_file.source_file)
        if previous is None:
            new += 1
        elif previous[0] != raw_file.content_hash:
            changed += 1
        elif previous[1] < parser_version:
            outdated += 1
        else:
            unchanged += 1
            if raw_file.source_file in window_sources and not reprocess:
                window_months[raw_file.source_file] = sorted(window_sources[raw_file.source_file])
            elif not reprocess:
                continue
        to_process.append(raw_file)
    return WorkPlan(to_process, new, changed, outdated, unchanged, window_months)


def sources_in_window(out_dir: OutDir, since: date | None, until: date | None) -> dict[str, set[str]]:
    """Source files holding articles published in [since, until], with the months they fall in.

    Reads only the article_sources partitions of the months that overlap the window.
    """
    first = since.strftime("%Y-%m") if since else "0000-00"
    last = until.strftime("%Y-%m") if until else "9999-99"
    files = [
        path
        for path in list_files(out_dir, f"{ARTICLE_SOURCES.name}/{PARTITION_KEY}=*/*.parquet")
        if first <= parent_name(path).split("=", 1)[1] <= last
    ]
    if not files:
        return {}
    dates = pl.col("published_date")
    in_window = (dates >= (since or date.min)) & (dates <= (until or date.max))
    found = (
        read_parquet_files(files, columns=["source_file", "published_date"])
        .filter(in_window)
        .group_by("source_file")
        .agg(months=dates.dt.strftime("%Y-%m").unique())
    )
    return {source: set(months) for source, months in found.iter_rows()}


def read_ledger(out_dir: OutDir) -> pl.DataFrame:
    """The ledger as Parquet under out_dir (one small file per raw file), or an empty frame."""
    if isinstance(out_dir, Path):
        folder = out_dir / INGESTED_FILES.name
        if not any(folder.glob("*.parquet")):
            return INGESTED_FILES.empty_frame()
        # Ledger files of older versions may lack newer columns (mtime_ns): read them as nulls.
        return INGESTED_FILES.conform(
            pl.read_parquet(folder / "*.parquet", schema=INGESTED_FILES.polars_schema, missing_columns="insert")
        )
    files = list_files(out_dir, f"{INGESTED_FILES.name}/*.parquet")
    if not files:
        return INGESTED_FILES.empty_frame()
    # The empty frame first gives every column, those older ledger files lack included (as nulls).
    frame = pl.concat([INGESTED_FILES.empty_frame(), read_parquet_files(files)], how="diagonal_relaxed")
    return INGESTED_FILES.conform(frame)
