"""Helpers for the reliability suite: run batches for real on files in a temp raw_dir, mount small file systems."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pytest

from tasks.batch import process_batch
from tasks.ledger import list_hashed_raw_files
from tasks.warehouse import publish_database
from tests.helpers import NOW, RUN_ID


def ingest_dir(raw: Path, out: Path, db: Path) -> dict[str, list[tuple]]:
    """Plan, parse, write and publish everything under raw (no Prefect); returns the tables."""
    files, _ = list_hashed_raw_files(raw)
    process_batch(raw, out, files, RUN_ID, NOW)
    publish_database(out, db)
    return tables(db)


def tables(db: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {
            "articles": con.execute(
                "SELECT source_file, record_no, published_date, body, encoding FROM articles ORDER BY ALL"
            ).fetchall(),
            "rejects": con.execute(
                "SELECT source_file, record_no, reason, detail FROM rejects ORDER BY ALL"
            ).fetchall(),
            "embeds": con.execute(
                "SELECT platform, kind, author_name, handle, posted_date, text FROM social_embeds ORDER BY ALL"
            ).fetchall(),
            "offsets_ok": con.execute(
                "SELECT bool_and(substr(a.body, s.char_start + 1, s.char_end - s.char_start) = s.text) "
                "FROM sentences s JOIN articles a USING (article_id)"
            ).fetchall(),
            "ledger": con.execute("SELECT path, status FROM ingested_files ORDER BY ALL").fetchall(),
        }


def can_mount() -> bool:
    return os.geteuid() == 0 and subprocess.run(["which", "mount"], capture_output=True).returncode == 0


@contextmanager
def tmpfs(path: Path, size: str = "64m") -> Iterator[Path]:
    """A real, small file system mounted at path (root only): for full-disk and read-only cases."""
    path.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], capture_output=True)
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.decode().strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def remount(path: Path, options: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{options}", str(path)], check=True)
