"""SIGKILL the ingest at several points — while Parquet is being written, between batches, while
the DuckDB file is being built — then run again: the tables must be exactly what one clean run
gives, with no duplicates, no visible partial files, and a consistent ledger."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate

pytestmark = pytest.mark.slow

CONTENT = {
    "articles": "SELECT * EXCLUDE (ingested_at, run_id) FROM articles",
    "article_sources": "SELECT * EXCLUDE (run_id) FROM article_sources",
    "sentences": "SELECT * FROM sentences",
    "social_embeds": "SELECT * FROM social_embeds",
    "rejects": "SELECT source_file, record_no, reason, detail FROM rejects",
    "ingested_files": "SELECT path, size_bytes, content_hash, parser_version, status, n_articles FROM ingested_files",
}


def content(db: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {name: con.execute(sql + " ORDER BY ALL").fetchall() for name, sql in CONTENT.items()}


def start_ingest(env: dict[str, str], raw: Path, out: Path, db: Path) -> subprocess.Popen[bytes]:
    """`newsflow ingest` against the test session's Prefect server (no ephemeral start-up per run)."""
    return subprocess.Popen(
        [sys.executable, "-m", "newsflow.cli", "ingest", "--raw-dir", str(raw), "--out-dir", str(out), "--db", str(db)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        start_new_session=True,
    )


def run_ingest(env: dict[str, str], raw: Path, out: Path, db: Path) -> None:
    process = start_ingest(env, raw, out, db)
    assert process.wait(timeout=600) == 0


def kill_when(process: subprocess.Popen[bytes], ready, timeout: float = 300) -> bool:
    """SIGKILL the whole process group as soon as ready() holds; False if the run ended first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        if ready():
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            return True
        time.sleep(0.002)
    raise TimeoutError("the kill point was never reached")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, prefect_server) -> tuple[Path, dict[str, list[tuple]]]:
    root = tmp_path_factory.mktemp("crash")
    raw = root / "raw"
    # Several batches' worth of small files, so kills land between and inside batches.
    generate(raw, 6, seed=3, file_mb=0.2)
    run_ingest(prefect_server, raw, root / "clean_out", root / "clean.duckdb")
    return raw, content(root / "clean.duckdb")


def parquet_files(out: Path) -> int:
    return sum(1 for _ in out.glob("articles/*/*.parquet"))


def ledger_files(out: Path) -> int:
    return sum(1 for _ in out.glob("ingested_files/*.parquet"))


def building(db: Path) -> bool:
    return any(db.parent.glob(f".{db.name}.*.building"))


KILL_POINTS = {
    "first Parquet files written": lambda out, db: parquet_files(out) > 0,
    "some files recorded in the ledger": lambda out, db: ledger_files(out) >= 5,
    "most files recorded in the ledger": lambda out, db: ledger_files(out) >= 22,
    "DuckDB file being built": lambda out, db: building(db),
}


@pytest.mark.parametrize("point", list(KILL_POINTS))
def test_killed_run_then_rerun_equals_a_clean_run(corpus, prefect_server, tmp_path, point):
    raw, clean = corpus
    out, db = tmp_path / "out", tmp_path / "warehouse.duckdb"
    ready = KILL_POINTS[point]
    killed = kill_when(start_ingest(prefect_server, raw, out, db), lambda: ready(out, db))
    assert killed, f"the run finished before the kill point '{point}'"
    run_ingest(prefect_server, raw, out, db)
    assert content(db) == clean
    assert not list(out.rglob(".*.tmp")), "temporary files left visible"
    assert not building(db)


def test_killed_publish_on_an_existing_warehouse_keeps_the_old_file_readable(corpus, prefect_server, tmp_path):
    shared_raw, clean = corpus
    raw, out, db = tmp_path / "raw", tmp_path / "out", tmp_path / "warehouse.duckdb"
    shutil.copytree(shared_raw, raw)
    run_ingest(prefect_server, raw, out, db)
    before = content(db)
    (raw / "zz_late.txt").write_text(" date 2023-05-05 A late article. It arrives last.\n")
    killed = kill_when(start_ingest(prefect_server, raw, out, db), lambda: building(db))
    assert killed
    assert content(db) == before  # readers still see the last published state
    run_ingest(prefect_server, raw, out, db)
    after = content(db)
    assert len(after["articles"]) == len(clean["articles"]) + 1
    assert {row[0] for row in clean["articles"]} <= {row[0] for row in after["articles"]}  # article ids
