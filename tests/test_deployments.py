"""Scheduling and manual triggers for real: a Prefect server on 127.0.0.1, a process work pool,
`prefect deploy --all` from prefect.yaml, a manual run with parameters picked up by a worker,
and `newsflow serve`. Every process started here is stopped again."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import time

import duckdb
import pytest

from tests.conftest import BIN, ROOT, SAMPLE_RAW_DIR, stop

pytestmark = pytest.mark.slow


def prefect(env: dict[str, str], *args: str, timeout: float = 120) -> str:
    result = subprocess.run(
        [BIN / "prefect", *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, f"prefect {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def test_deploy_then_manual_run_with_parameters_completes_on_a_worker(prefect_server, tmp_path):
    env = prefect_server
    raw = tmp_path / "raw"
    shutil.copytree(SAMPLE_RAW_DIR, raw)
    out, db = tmp_path / "out", tmp_path / "warehouse.duckdb"

    prefect(env, "work-pool", "create", "newsflow", "--type", "process")
    prefect(env, "deploy", "--all", "--no-prompt")
    nightly = prefect(env, "deployment", "inspect", "ingest/nightly")
    assert "'cron': '0 2 * * *'" in nightly
    assert "'timezone': 'UTC'" in nightly

    prefect(
        env,
        "deployment",
        "run",
        "ingest/manual",
        "--param",
        f"raw_dir={raw}",
        "--param",
        f"out_dir={out}",
        "--param",
        f"db={db}",
        "--param",
        "limit=5",
    )
    worker = subprocess.run(
        [BIN / "prefect", "worker", "start", "--pool", "newsflow", "--run-once"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        start_new_session=True,
    )
    assert worker.returncode == 0, worker.stdout[-3000:] + worker.stderr[-3000:]
    assert "Completed" in worker.stdout + worker.stderr

    with duckdb.connect(str(db), read_only=True) as con:
        files = con.execute("SELECT count(*) FROM ingested_files").fetchone()
        articles = con.execute("SELECT count(*) FROM articles").fetchone()
        runs = con.execute("SELECT status, files_processed, flow_run_id FROM runs").fetchall()
    assert files == (5,)  # limit=5 reached the flow
    assert articles is not None and articles[0] > 0
    assert runs[0][:2] == ("completed", 5)
    assert runs[0][2]  # the Prefect flow run id is recorded

    artifacts = prefect(env, "artifact", "ls")
    assert "newsflow-ingest-su" in artifacts  # the table is narrow: keys are cut
    assert "newsflow-ingest-co" in artifacts
    assert "newsflow-headline" in artifacts


def test_serve_registers_the_nightly_schedule_and_leaves_it_active(prefect_server, tmp_path):
    env = prefect_server
    served = subprocess.Popen(
        [
            BIN / "newsflow",
            "serve",
            "--raw-dir",
            str(SAMPLE_RAW_DIR),
            "--out-dir",
            str(tmp_path / "out"),
            "--db",
            str(tmp_path / "db.duckdb"),
            "--cron",
            "30 3 * * *",
            "--timezone",
            "Europe/Paris",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 90
        inspected = ""
        while time.monotonic() < deadline:
            result = subprocess.run(
                [BIN / "prefect", "deployment", "inspect", "ingest/nightly-served", "--output", "json"],
                env=env,
                capture_output=True,
                text=True,
                timeout=60,
            )
            if result.returncode == 0:
                inspected = result.stdout
                break
            assert served.poll() is None, "newsflow serve exited early"
            time.sleep(1)
        assert inspected, "the served deployment never appeared"
    finally:
        stop(served, signal.SIGINT)
    deployment = json.loads(inspected)
    schedule = deployment["schedules"][0]["schedule"]
    assert (schedule["cron"], schedule["timezone"]) == ("30 3 * * *", "Europe/Paris")
    assert deployment["parameters"]["db"] == str(tmp_path / "db.duckdb")
    after = json.loads(prefect(env, "deployment", "inspect", "ingest/nightly-served", "--output", "json"))
    assert after["schedules"][0]["active"] is True  # pause_on_shutdown=False
