"""Where raw dumps are read from: a local folder, or any fsspec URL (s3://bucket/dumps, gs://…, file://…).

Local folders keep the fast path (os.walk, plain reads) and newsflow's symlink policy; a URL goes through
the fsspec filesystem its protocol names, so a cluster can read dumps from shared object storage. s3://
needs the s3fs package (gs:// gcsfs, az:// adlfs…): installed by the user, not by newsflow.
Everything downstream works on paths relative to raw_dir, so the tables are the same either way.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath
from typing import BinaryIO

import fsspec

# A local folder (resolved Path) or a URL with a protocol, kept as a string.
RawDir = Path | str


def as_raw_dir(value: str | os.PathLike[str]) -> RawDir:
    text = os.fspath(value)
    if "://" in text:
        return text.rstrip("/")
    return Path(text).expanduser().resolve()


def _fs_and_root(url: str) -> tuple[fsspec.AbstractFileSystem, str]:
    # No listings cache: a long-lived process (`newsflow serve`, a Prefect worker) would otherwise
    # list last night's dumps again, and read a changed object by its old ETag.
    fs, root = fsspec.core.url_to_fs(url, use_listings_cache=False)
    return fs, root.rstrip("/")


def raw_dir_exists(raw_dir: RawDir) -> bool:
    if isinstance(raw_dir, Path):
        return raw_dir.is_dir()
    try:
        fs, root = _fs_and_root(raw_dir)
        return bool(fs.isdir(root))
    except (OSError, ValueError, ImportError):
        return False


def list_remote_files(url: str) -> list[tuple[str, int]]:
    """(path relative to the URL's folder, size) of every file under it, hidden names left out, sorted."""
    fs, root = _fs_and_root(url)
    found = []
    for path, info in fs.find(root, detail=True, withdirs=False).items():
        relative = PurePosixPath(path).relative_to(PurePosixPath(root))
        if any(part.startswith(".") for part in relative.parts):
            continue
        found.append((relative.as_posix(), int(info.get("size") or 0)))
    return sorted(found)


def raw_file_name(raw_dir: RawDir, relative: str) -> Path | PurePosixPath:
    """A path naming the file (for its suffixes and messages); local files can also be opened with it."""
    return raw_dir / relative if isinstance(raw_dir, Path) else PurePosixPath(relative)


def open_raw_file(raw_dir: RawDir, relative: str) -> BinaryIO:
    if isinstance(raw_dir, Path):
        return open(raw_dir / relative, "rb")
    fs, root = _fs_and_root(raw_dir)
    return fs.open(f"{root}/{relative}", "rb")  # type: ignore[no-any-return]


def read_raw_bytes(raw_dir: RawDir, relative: str) -> bytes:
    if isinstance(raw_dir, Path):
        return (raw_dir / relative).read_bytes()
    with open_raw_file(raw_dir, relative) as handle:
        return handle.read()
