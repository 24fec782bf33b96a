"""Which raw files need (re-)ingesting: compare content hashes with the ledger of earlier runs."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from newsflow.schemas import INGESTED_FILES
from tasks.discover import RawFile

HASH_CHUNK_BYTES = 1 << 20


def content_hash(path: Path) -> str:
    """BLAKE2b-128 of the file's bytes, read in 1 MiB chunks (never the whole file at once)."""
    digest = hashlib.blake2b(digest_size=16)
    with open(path, "rb") as handle:
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


def plan_work(files: list[RawFile], ledger: pl.DataFrame, parser_version: int, reprocess: bool = False) -> WorkPlan:
    """Files that are new, changed (by content hash) or read by an older parser; all of them with reprocess."""
    seen = {
        path: (content, version)
        for path, content, version in ledger.select("path", "content_hash", "parser_version").iter_rows()
    }
    to_process: list[RawFile] = []
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
            if not reprocess:
                continue
        to_process.append(raw_file)
    return WorkPlan(to_process, new, changed, outdated, unchanged)


def read_ledger(out_dir: Path) -> pl.DataFrame:
    """The ledger as Parquet under out_dir (one small file per raw file), or an empty frame."""
    folder = out_dir / INGESTED_FILES.name
    if not any(folder.glob("*.parquet")):
        return INGESTED_FILES.empty_frame()
    return INGESTED_FILES.conform(pl.read_parquet(folder / "*.parquet"))
