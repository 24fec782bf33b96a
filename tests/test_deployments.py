"""Scheduling and manual triggers for real: a Prefect server on 127.0.0.1, a process work pool,
`prefect deploy --all` from prefect.yaml, a manual run with parameters picked up by a worker,
and `newsflow serve`. Every process started here is stopped again."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from tests.conftest import ROOT, SAMPLE_RAW_DIR

pytestmark = pytest.mark.slow
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def stop(process: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> None:
    """Stop a process started in its own session, and everything it started."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, sig)
            process.wait(timeout=20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


@pytest.fixture(scope="module")
def prefect_server(tmp_path_factory) -> Iterator[dict[str, str]]:
    home = tmp_path_factory.mktemp("prefect_home")
    port = free_port()
    env = {
        **os.environ,
        "PREFECT_HOME": str(home),
        "PREFECT_API_URL": f"http://127.0.0.1:{port}/api",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "DO_NOT_TRACK": "1",
        "PREFECT_UI_ENABLED": "false",
    }
    log = open(home / "server.log", "wb")  # noqa: SIM115 - closed in teardown
    server = subprocess.Popen(
        [BIN / "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("Prefect server did not start:\n" + (home / "server.log").read_text()[-3000:])
            time.sleep(0.5)
        yield env
    finally:
        stop(server)
        log.close()


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
