"""Where the Parquet tables live: a local folder, or any fsspec URL (s3://bucket/processed, gs://…, memory://…).

A local folder keeps the fast path (tmp file + fsync + rename, pathlib globs), and that is also what a
`file://` URL becomes. A URL goes through the fsspec filesystem its protocol names (s3:// needs s3fs,
gs:// gcsfs, az:// adlfs: installed by the user), so workers on several hosts can write to shared
object storage. Files under a URL are named by full URLs (strings); files under a folder by Paths.

Object stores have no rename, but they publish an object whole when its upload completes (a single
PUT, or the completion of a multipart upload), so a Parquet file is encoded in memory and uploaded in
one call: no reader ever sees half a file under its final name, and no temporary object is left behind.
Listings are never cached: another process (a Dask worker, the previous run) may have written since.
DuckDB reads local copies of the files it needs (tasks/parquet_io.py ParquetFiles), fetched here.
"""

from __future__ import annotations

import io
import itertools
import os
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

import fsspec
import polars as pl
from fsspec.implementations.local import LocalFileSystem

# A local folder (resolved Path) or a URL with a protocol, kept as a string without a trailing slash.
OutDir = Path | str
# A file under an OutDir: a Path under a folder, a full URL under a URL.
OutPath = Path | str


def as_out_dir(value: str | os.PathLike[str]) -> OutDir:
    text = os.fspath(value)
    if "://" in text:
        fs, root = fsspec.core.url_to_fs(text)
        if isinstance(fs, LocalFileSystem):  # file:// is a folder: keep the rename path and the lock
            return Path(root).expanduser().resolve()
        return text.rstrip("/")
    return Path(text).expanduser().resolve()


def filesystem(url: str) -> tuple[fsspec.AbstractFileSystem, str]:
    """The fsspec filesystem of `url` (without a listings cache) and the URL's path within it."""
    fs, root = fsspec.core.url_to_fs(url, use_listings_cache=False)
    return fs, root.rstrip("/")


def child(out_dir: OutDir, *parts: str) -> OutPath:
    """The path (or URL) of `parts` under out_dir."""
    if isinstance(out_dir, Path):
        return out_dir.joinpath(*parts)
    return "/".join([out_dir, *parts])


def parent_name(path: OutPath) -> str:
    """Name of the folder holding a file (the partition, `published_month=YYYY-MM`), for paths and URLs alike."""
    return PurePosixPath(os.fspath(path)).parent.name


def file_name(path: OutPath) -> str:
    return PurePosixPath(os.fspath(path)).name


def list_files(out_dir: OutDir, pattern: str) -> list[OutPath]:
    """Files matching the glob `pattern` (relative to out_dir, e.g. `articles/*/*.parquet`), sorted."""
    if isinstance(out_dir, Path):
        return sorted(out_dir.glob(pattern))
    # One flat listing of the pattern's literal prefix (the table's folder), matched here: a glob walks
    # folder by folder, one LIST request per month partition, where a flat listing pages 1000 names a request.
    fs, root = filesystem(out_dir)
    parts = pattern.split("/")
    literal = list(itertools.takewhile(lambda part: not any(c in part for c in "*?["), parts[:-1]))
    prefix = "/".join([root, *literal])
    depth = len(parts)
    found = []
    for path in fs.find(prefix):
        relative = PurePosixPath(path).relative_to(root)
        if len(relative.parts) == depth and relative.match(pattern):
            found.append(f"{out_dir}/{relative.as_posix()}")
    return sorted(found)


def put_files(contents: dict[str, bytes]) -> None:
    """Upload finished files to their URLs, each in one call (an object appears whole or not at all).

    Async filesystems (s3fs, gcsfs) send the uploads concurrently.
    """
    if not contents:
        return
    fs, _ = filesystem(next(iter(contents)))
    fs.pipe(contents)


def remove_files(paths: Iterable[OutPath]) -> None:
    """Delete files (missing ones are no error); URLs are deleted in one bulk request where the store has one."""
    urls: list[str] = []
    for path in paths:
        if isinstance(path, Path):
            path.unlink(missing_ok=True)
        else:
            urls.append(path)
    if not urls:
        return
    fs, _ = filesystem(urls[0])
    try:
        fs.rm(urls)
    except FileNotFoundError:  # stores without idempotent deletes (memory://): one by one
        for url in urls:
            if fs.exists(url):
                fs.rm(url)


def read_parquet_files(paths: list[OutPath], columns: list[str] | None = None) -> pl.DataFrame:
    """The rows of several Parquet files as one frame; columns a file lacks read as nulls.

    Local files are read by polars directly; URLs (all under one out_dir) are fetched together
    (concurrently on async stores) and decoded from memory, so many small files (the ledger: one per
    raw file) cost one round of requests rather than one sequence each.
    """
    if not paths:
        raise ValueError("no Parquet files to read")
    if all(isinstance(path, Path) for path in paths):
        return pl.read_parquet(list(paths), columns=columns, missing_columns="insert")
    fs, _ = filesystem(str(paths[0]))
    fetched = fs.cat([str(path) for path in paths])  # keyed by the store's own names, without the protocol
    frames = [
        pl.read_parquet(io.BytesIO(fetched[fsspec.core.strip_protocol(str(path))]), columns=columns) for path in paths
    ]
    return pl.concat(frames, how="diagonal_relaxed")


def fetch_files(out_dir: str, urls: list[str], staging: Path) -> list[Path]:
    """Local copies of `urls` (files under the URL `out_dir`) in the folder `staging`, at the same
    relative paths. Files fetched before are not downloaded again; the others in one call (concurrent
    GETs on async stores).
    """
    fs, _ = filesystem(out_dir)
    copies = [staging / PurePosixPath(url[len(out_dir) + 1 :]) for url in urls]
    missing = [(url, copy) for url, copy in zip(urls, copies, strict=True) if not copy.exists()]
    for folder in {copy.parent for _, copy in missing}:
        folder.mkdir(parents=True, exist_ok=True)
    if missing:
        fs.get([url for url, _ in missing], [str(copy) for _, copy in missing])
    return copies
