"""Overlaps users meet: two ingest runs at once, and people querying while a run publishes."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb

from tasks.warehouse import publish_database
from tests.helpers import parse_text
from tests.test_warehouse import TEXT, write_batch

HOLD_LOCK = textwrap.dedent(
    """
    import sys, time
    from newsflow.locking import run_lock
    from newsflow.settings import Settings
    with run_lock(Settings.resolve(out_dir=sys.argv[1]).lock_path, "holder-run"):
        print("locked", flush=True)
        time.sleep(float(sys.argv[2]))
    """
)


def hold_lock(out_dir: Path, seconds: float) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(out_dir), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    return holder


def ingest_cli(tmp_path: Path, *extra: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    raw = tmp_path / "raw"
    raw.mkdir(exist_ok=True)
    (raw / "a.txt").write_text(" date 2022-01-01 One article. Two sentences.\n")
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "newsflow.cli",
            "ingest",
            "--raw-dir",
            str(raw),
            "--out-dir",
            str(tmp_path / "out"),
            "--db",
            str(tmp_path / "db.duckdb"),
            *extra,
        ],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
    )


def test_second_ingest_is_refused_with_a_clear_message(tmp_path):
    holder = hold_lock(tmp_path / "out", 60)
    try:
        result = ingest_cli(tmp_path)
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 3
    assert "ingest run holder-run" in result.stderr
    assert "not starting a second one" in result.stderr
    assert not (tmp_path / "db.duckdb").exists()


def test_second_ingest_waits_for_the_first_when_asked(tmp_path, prefect_server):
    # Against a running Prefect server the flow starts in ~2 s, well inside the holder's 25 s.
    holder = hold_lock(tmp_path / "out", 25)
    started = time.monotonic()
    try:
        result = ingest_cli(tmp_path, "--wait", "120", env=prefect_server)
    finally:
        holder.wait(timeout=30)
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started >= 25
    assert "waiting for ingest run holder-run" in result.stdout + result.stderr
    with duckdb.connect(str(tmp_path / "db.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (1,)


def test_a_dead_holder_does_not_block_the_next_run(tmp_path):
    holder = hold_lock(tmp_path / "out", 60)
    holder.kill()  # SIGKILL: no cleanup runs; the OS drops the lock
    holder.wait()
    assert ingest_cli(tmp_path).returncode == 0


READER = textwrap.dedent(
    """
    import os, sys, time, duckdb
    db, stop_file = sys.argv[1], sys.argv[2]
    allowed = {(2, 3), (3, 4)}  # (articles, sentences) of the two published states
    seen, deadline = set(), time.monotonic() + 300
    while not os.path.exists(stop_file) and time.monotonic() < deadline:
        with duckdb.connect(db, read_only=True) as con:
            state = con.execute(
                "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM sentences)"
            ).fetchone()
            total = con.execute("SELECT sum(n_sentences) FROM articles").fetchone()[0]
        if state not in allowed or total != state[1]:
            print("inconsistent", state, total, flush=True)
            sys.exit(1)
        seen.add(state)
    print(sorted(seen), flush=True)
    """
)


def test_readers_never_block_and_never_see_a_half_published_state(tmp_path):
    small, large, db = tmp_path / "small", tmp_path / "large", tmp_path / "db.duckdb"
    write_batch(small, parse_text(TEXT))  # 2 articles, 3 sentences
    write_batch(large, parse_text(TEXT))
    write_batch(large, parse_text(" date 2023-03-03 One more.\n", "more.txt"), "more.txt")  # 3 articles, 4 sentences
    publish_database(small, db)
    stop_file = tmp_path / "stop"
    readers = [
        subprocess.Popen([sys.executable, "-c", READER, str(db), str(stop_file)], stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    # A fixed number of publishes, not a time budget: on a loaded machine a publish takes longer, and
    # the point is that every one completes while readers keep the file open.
    time.sleep(1)  # let both readers open the first state
    for publishes in range(6):
        publish_database(large if publishes % 2 == 0 else small, db, rebuild=True)  # never blocked by readers
        time.sleep(0.2)
    stop_file.touch()
    outputs = [reader.communicate(timeout=60)[0] for reader in readers]
    assert [reader.returncode for reader in readers] == [0, 0], outputs
    assert all("(3, 4)" in out and "(2, 3)" in out for out in outputs), outputs  # both states were seen
