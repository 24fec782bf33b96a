"""A full disk and a read-only out_dir: a clear error, nothing corrupted, and the next run after the
problem is fixed completes normally. Uses real small file systems (tmpfs; needs root, else skipped)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from tests.conftest import ROOT, SAMPLE_RAW_DIR
from tests.reliability.support import can_mount, remount, tmpfs

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not can_mount(), reason="needs root to mount a tmpfs")]


def ingest(env: dict[str, str], raw: Path, out: Path, db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsflow.cli", "ingest", "--raw-dir", str(raw), "--out-dir", str(out), "--db", str(db)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )


def article_count(db: Path) -> int:
    with duckdb.connect(str(db), read_only=True) as con:
        return int(con.execute("SELECT count(*) FROM articles").fetchone()[0])  # type: ignore[index]


def assert_nothing_half_written(out: Path) -> None:
    assert not list(out.rglob(".*.tmp"))
    for path in out.rglob("*.parquet"):
        pq.read_metadata(path)  # every visible file is a whole Parquet file


def test_full_disk_fails_clearly_and_the_next_run_recovers(prefect_server, tmp_path):
    raw, db = tmp_path / "raw", tmp_path / "warehouse.duckdb"
    generate(raw, 4, seed=5, file_mb=0.5)
    with tmpfs(tmp_path / "out", size="1m") as out:
        failed = ingest(prefect_server, raw, out, db)
        assert failed.returncode == 1
        assert "No space left on device" in failed.stderr
        assert not db.exists()  # nothing was published
        assert_nothing_half_written(out)
        remount(out, "size=256m")
        recovered = ingest(prefect_server, raw, out, db)
        assert recovered.returncode == 0, recovered.stderr[-2000:]
        clean_out, clean_db = tmp_path / "clean_out", tmp_path / "clean.duckdb"
        assert ingest(prefect_server, raw, clean_out, clean_db).returncode == 0
        assert article_count(db) == article_count(clean_db)


def test_read_only_out_dir_fails_clearly_and_changes_nothing(prefect_server, tmp_path):
    raw, db = tmp_path / "raw", tmp_path / "warehouse.duckdb"
    shutil.copytree(SAMPLE_RAW_DIR, raw)
    with tmpfs(tmp_path / "out") as out:
        assert ingest(prefect_server, raw, out, db).returncode == 0
        before = article_count(db)
        (raw / "late.txt").write_text(" date 2023-06-01 A late article. It waits.\n")
        remount(out, "ro")
        refused = ingest(prefect_server, raw, out, db)
        assert refused.returncode == 1
        assert "Read-only file system" in refused.stderr
        assert article_count(db) == before
        remount(out, "rw")
        assert ingest(prefect_server, raw, out, db).returncode == 0
        assert article_count(db) == before + 1
