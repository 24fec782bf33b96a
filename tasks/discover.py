"""Find raw dump files under raw_dir and group them into batches for parallel tasks."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from tasks.raw_store import RawDir, list_remote_files
from tasks.read import is_raw_file

# A batch is one Prefect task: large enough that task overhead is noise, small enough that
# a batch's frames stay well inside memory and the two cores stay busy.
BATCH_MAX_BYTES = 16 * 1024 * 1024
BATCH_MAX_FILES = 64


@dataclass(frozen=True)
class RawFile:
    source_file: str  # path relative to raw_dir, with forward slashes
    size_bytes: int
    content_hash: str = ""  # filled in by the ledger step
    mtime_ns: int | None = None  # local files only: with the size, the ledger's cue to skip re-hashing


def list_raw_files(raw_dir: RawDir, follow_external_symlinks: bool = False) -> tuple[list[RawFile], list[str]]:
    """Supported dump files under raw_dir (a folder or an fsspec URL; sorted) and the paths skipped with why.

    Hidden files and folders are ignored. A symlink whose target lies outside raw_dir is
    not followed unless asked: data paths never escape raw_dir by default.
    """
    if isinstance(raw_dir, str):
        remote: list[RawFile] = []
        skipped_remote: list[str] = []
        for relative, size in list_remote_files(raw_dir):
            if is_raw_file(Path(relative)):
                remote.append(RawFile(relative, size))
            else:
                skipped_remote.append(f"{relative}: not a .txt/.jsonl/.ndjson dump (optionally .gz/.zst)")
        return remote, skipped_remote
    root = raw_dir.resolve()
    found: list[RawFile] = []
    skipped: list[str] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = Path(dirpath) / name
            relative = path.relative_to(root).as_posix()
            if not is_raw_file(path):
                skipped.append(f"{relative}: not a .txt/.jsonl/.ndjson dump (optionally .gz/.zst)")
                continue
            if path.is_symlink() and not follow_external_symlinks:
                target = path.resolve()
                if not target.is_relative_to(root):
                    skipped.append(f"{relative}: symlink to {target}, outside raw_dir; not followed")
                    continue
            try:
                status = path.stat()
            except OSError as exc:
                skipped.append(f"{relative}: {exc.strerror or exc}")
                continue
            found.append(RawFile(relative, status.st_size, mtime_ns=status.st_mtime_ns))
    return found, skipped


def plan_batches(
    files: list[RawFile], max_bytes: int = BATCH_MAX_BYTES, max_files: int = BATCH_MAX_FILES
) -> list[list[RawFile]]:
    """Consecutive groups of files, each at most max_bytes (unless one file is larger) and max_files."""
    batches: list[list[RawFile]] = []
    current: list[RawFile] = []
    size = 0
    for raw_file in files:
        if current and (size + raw_file.size_bytes > max_bytes or len(current) >= max_files):
            batches.append(current)
            current, size = [], 0
        current.append(raw_file)
        size += raw_file.size_bytes
    if current:
        batches.append(current)
    return batches
