"""Parquet output: one file per (table, publication month, source file), written atomically.

Layout: `<out_dir>/<table>/published_month=YYYY-MM/<file_key>.parquet` (`unknown` when the
article has no date); unpartitioned tables (rejects, runs) sit directly under `<table>/`.
In a folder, a file is written to a hidden temporary name and renamed into place; under an
object-store URL it is encoded in memory and uploaded in one call (tasks/out_store.py). Either
way a reader never sees half a file; re-processing a source file replaces exactly the files
that came from it.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import polars as pl
import pyarrow.parquet as pq

from newsflow.schemas import TABLES, Table
from tasks.out_store import (
    OutDir,
    OutPath,
    child,
    fetch_files,
    file_name,
    list_files,
    parent_name,
    put_files,
    remove_files,
)

UNKNOWN_MONTH = "unknown"
PARTITION_KEY = "published_month"


def file_key(source_file: str) -> str:
    """Readable, collision-free output name for a source file (its path relative to raw_dir)."""
    stem = re.sub(r"[^A-Za-z0-9_-]+", "_", Path(source_file).name.split(".")[0])[:40] or "file"
    digest = hashlib.blake2b(source_file.encode("utf-8"), digest_size=6).hexdigest()
    return f"{stem}-{digest}"


def month_partition(date_col: str = "published_date") -> pl.Expr:
    return pl.col(date_col).dt.strftime("%Y-%m").fill_null(UNKNOWN_MONTH).alias(PARTITION_KEY)


def write_atomic(table: Table, frame: pl.DataFrame, path: OutPath) -> None:
    """Write `frame` as `table` to `path` via a temporary file in the same folder and a rename
    (under a URL: one upload of the finished file)."""
    write_all_atomic([(table, frame, path)])


# fsync waits on the disk, not the CPU: files flushed together share the file system's journal
# commits (one 16 MB dump makes ~200 month files; flushed one by one they took a third of the batch).
FSYNC_THREADS = 8


def _fsync_file(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


# zstd level 1: most of the size win of the default level at two thirds of its CPU time.
def _write_parquet(table: Table, frame: pl.DataFrame, where: Path | io.BytesIO) -> None:
    pq.write_table(table.to_arrow(frame), where, compression="zstd", compression_level=1)


def write_all_atomic(items: list[tuple[Table, pl.DataFrame, OutPath]]) -> None:
    """Write each frame to its path atomically: all to temporary names, flushed to disk together,
    then renamed into place one by one (a reader or a crash sees each file whole or not at all).
    Files under a URL are encoded in memory and uploaded whole, together."""
    uploads: dict[str, bytes] = {}
    for table, frame, url in (item for item in items if isinstance(item[2], str)):
        buffer = io.BytesIO()
        _write_parquet(table, frame, buffer)
        uploads[url] = buffer.getvalue()
    put_files(uploads)
    local = [(table, frame, path) for table, frame, path in items if isinstance(path, Path)]
    staged: list[tuple[Path, Path]] = []
    try:
        for table, frame, path in local:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
            staged.append((tmp, path))
            _write_parquet(table, frame, tmp)
        if len(staged) == 1:
            _fsync_file(staged[0][0])
        elif staged:
            with ThreadPoolExecutor(min(FSYNC_THREADS, len(staged))) as pool:
                list(pool.map(_fsync_file, [tmp for tmp, _ in staged]))
        for tmp, path in staged:
            os.replace(tmp, path)
    finally:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)


def existing_files(out_dir: OutDir, table: Table, key: str) -> set[OutPath]:
    pattern = f"*/{key}.parquet" if table.partitioned_by_month else f"{key}.parquet"
    return set(list_files(out_dir, f"{table.name}/{pattern}"))


def existing_files_of_keys(out_dir: OutDir, table: Table, keys: list[str]) -> dict[str, set[OutPath]]:
    """The files of `table` that came from each source file key.

    In a folder, a glob per key; under a URL, one listing of the table: an object store lists a
    prefix page by page (1000 names per request on S3) and cannot match a wildcard in the middle,
    so a listing per key would cost the whole table each time.
    """
    if isinstance(out_dir, Path):
        return {key: existing_files(out_dir, table, key) for key in keys}
    wanted = {f"{key}.parquet": key for key in keys}
    found: dict[str, set[OutPath]] = {key: set() for key in keys}
    for path in list_files(out_dir, f"{table.name}/{_pattern(table)}"):
        key = wanted.get(file_name(path))
        if key is not None:
            found[key].add(path)
    return found


def write_source_file_rows(
    out_dir: OutDir,
    table: Table,
    frame: pl.DataFrame,
    key: str,
    only_months: list[str] | None = None,
    existing: set[OutPath] | None = None,
) -> list[OutPath]:
    """Replace every output file of `table` that came from source file `key` with `frame`'s rows.

    `frame` must carry `published_month` for partitioned tables. With `only_months` (a
    backfill of a date window), only those month partitions are replaced and the others
    are left as they are. `existing`, when given, are the files of `key` listed beforehand
    (else they are listed now). Returns the files written.
    """
    stale = existing_files(out_dir, table, key) if existing is None else set(existing)
    written: list[OutPath] = []
    if table.partitioned_by_month and only_months is not None:
        frame = frame.filter(pl.col(PARTITION_KEY).is_in(only_months))
        stale = {p for p in stale if parent_name(p).split("=", 1)[1] in only_months}
    if table.partitioned_by_month:
        items: list[tuple[Table, pl.DataFrame, OutPath]] = [
            (table, part, child(out_dir, table.name, f"{PARTITION_KEY}={month}", f"{key}.parquet"))
            for (month,), part in frame.partition_by(PARTITION_KEY, as_dict=True, maintain_order=True).items()
        ]
        write_all_atomic(items)
        written += [path for _, _, path in items]
    elif frame.height:
        path = child(out_dir, table.name, f"{key}.parquet")
        write_atomic(table, frame, path)
        written.append(path)
    # Old files of this source in partitions it no longer touches go only after the new ones exist.
    remove_files(sorted(stale - set(written), key=str))
    return written


def _pattern(table: Table) -> str:
    return "*/*.parquet" if table.partitioned_by_month else "*.parquet"


def table_glob(out_dir: OutDir, table: Table) -> str:
    """Glob over every committed file of `table` (temporary files are hidden and never match)."""
    return str(child(out_dir, table.name, _pattern(table)))


def has_files(out_dir: OutDir, table: Table) -> bool:
    if isinstance(out_dir, Path):
        return next((out_dir / table.name).glob(_pattern(table)), None) is not None
    return bool(list_files(out_dir, f"{table.name}/{_pattern(table)}"))


class ParquetFiles:
    """What DuckDB reads of an out_dir: local paths (or globs) it can open directly.

    A folder's files are read where they are, as they always were. Under a URL each file is fetched
    once, on first use, into `staging` (a local folder beside the database being built) in one call
    of concurrent GETs, and DuckDB reads the copies: read through fsspec by DuckDB itself
    (register_filesystem), every file cost several HEAD and ranged GET requests made one at a time,
    and a build from 9,000 small objects on a local S3 server had not finished after 8 minutes.
    Listings are made once per table: the caller holds the run lock, nothing else writes meanwhile.
    """

    def __init__(self, out_dir: OutDir, staging: Path) -> None:
        self.out_dir = out_dir
        self.staging = staging
        self._listings: dict[str, list[OutPath]] = {}

    def _listing(self, table: Table) -> list[OutPath]:
        if table.name not in self._listings:
            self._listings[table.name] = list_files(self.out_dir, f"{table.name}/{_pattern(table)}")
        return self._listings[table.name]

    def has_files(self, table: Table) -> bool:
        if isinstance(self.out_dir, Path):
            return has_files(self.out_dir, table)
        return bool(self._listing(table))

    def table_glob(self, table: Table) -> str:
        """Glob over every file of `table` (all of them fetched first under a URL)."""
        if isinstance(self.out_dir, Path):
            return table_glob(self.out_dir, table)
        self.local([str(path) for path in self._listing(table)])
        return str(self.staging / table.name / _pattern(table))

    def files_of(self, table: Table, source_files: list[str]) -> list[Path]:
        """The files of `table` that came from `source_files`, sorted."""
        keys = [file_key(source) for source in source_files]
        if isinstance(self.out_dir, Path):
            found = existing_files_of_keys(self.out_dir, table, keys)
            return sorted((Path(p) for files in found.values() for p in files), key=str)
        wanted = {f"{key}.parquet" for key in keys}
        return sorted(self.local([str(p) for p in self._listing(table) if file_name(p) in wanted]), key=str)

    def local(self, paths: list[OutPath]) -> list[Path]:
        """Local paths of files under out_dir (fetched into staging under a URL)."""
        if isinstance(self.out_dir, Path):
            return [Path(p) for p in paths]
        return fetch_files(self.out_dir, [str(p) for p in paths], self.staging)


@contextmanager
def parquet_files(out_dir: OutDir, beside: Path) -> Iterator[ParquetFiles]:
    """ParquetFiles of out_dir, staging any fetched copies in `<beside>-parquet/` (removed on exit)."""
    staging = Path(f"{beside}-parquet")
    try:
        yield ParquetFiles(out_dir, staging)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def keyed_by_source(frames: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """Give every table the `source_file` (and, where partitioned, `published_month`) its files are keyed by.

    Sentences, embeds and blocks carry the `source_file` of their article and take its month.
    """
    articles = frames["articles"].with_columns(month_partition())
    month_of = articles.select("source_file", "article_id", "published_month")
    keyed = {
        "articles": articles,
        "article_sources": frames["article_sources"].with_columns(month_partition()),
        "sentences": frames["sentences"].join(month_of, on=["source_file", "article_id"], how="left"),
        "social_embeds": frames["social_embeds"].join(month_of, on=["source_file", "article_id"], how="left"),
        "blocks": frames["blocks"].join(month_of, on=["source_file", "article_id"], how="left"),
        "rejects": frames["rejects"],
    }
    if "ingested_files" in frames:
        keyed["ingested_files"] = frames["ingested_files"].with_columns(source_file=pl.col("path"))
    return keyed


# (table name, source file key) -> the files of that key listed before a batch wrote anything.
ExistingFiles = dict[tuple[str, str], set[OutPath]]


def list_existing_outputs(out_dir: OutDir, source_files: list[str]) -> ExistingFiles | None:
    """The output files of `source_files` in every table, listed once per table: for a URL out_dir
    (where per-file listings would each cost the whole table). None for a folder, whose per-file
    globs are cheap and stay as they were.

    Valid for the whole batch: the lock keeps other runs out, and no other task writes these keys.
    """
    if isinstance(out_dir, Path):
        return None
    keys = [file_key(source) for source in source_files]
    return {
        (table.name, key): files
        for table in TABLES.values()
        for key, files in existing_files_of_keys(out_dir, table, keys).items()
    }


def write_batch_outputs(
    out_dir: OutDir,
    frames: dict[str, pl.DataFrame],
    source_files: list[str],
    window_months: dict[str, list[str]] | None = None,
    existing: ExistingFiles | None = None,
) -> None:
    """Write a parsed batch: for each source file, replace its files in every table
    (only the given months' partitions for files in `window_months`).

    Tables are written in the order of `frames`; the caller puts the ledger last, so a
    crash part-way leaves the file unrecorded and the next run reads it again.
    `existing` (see list_existing_outputs) saves listing each source file's files again.
    """
    by_table = {
        name: frame.partition_by("source_file", as_dict=True, include_key=True)
        for name, frame in keyed_by_source(frames).items()
    }
    for source_file in source_files:
        key = file_key(source_file)
        for name, parts in by_table.items():
            table = TABLES[name]
            rows = parts.get((source_file,))
            if rows is None:
                rows = table.empty_frame().with_columns(published_month=pl.lit(None, pl.String))
            write_source_file_rows(
                out_dir,
                table,
                rows,
                key,
                (window_months or {}).get(source_file),
                None if existing is None else existing.get((name, key), set()),
            )


def remove_stale_temp_files(out_dir: OutDir) -> int:
    """Delete temporary files a killed run left behind (call only while holding the out_dir lock).
    Uploads to a URL leave none: an object store publishes an object whole or not at all."""
    if not isinstance(out_dir, Path):
        return 0
    removed = 0
    for path in out_dir.glob("*/**/.*.tmp"):
        path.unlink(missing_ok=True)
        removed += 1
    return removed
