"""Scale-out on Dask (prefect-dask): a LocalCluster of 2 worker processes reporting to a real Prefect
server gives the same tables as the default thread runner; without a server the run is refused."""

from __future__ import annotations

import os
import shutil
import subprocess

import duckdb
import pytest

from tests.conftest import BIN, ROOT, SAMPLE_RAW_DIR
from tests.helpers import table_contents

pytestmark = pytest.mark.slow


def newsflow_ingest(env: dict[str, str], raw, out, db, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [BIN / "newsflow", "ingest", "--raw-dir", str(raw), "--out-dir", str(out), "--db", str(db), *extra],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_dask_local_cluster_gives_the_same_tables_as_threads(prefect_server, tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(SAMPLE_RAW_DIR, raw)
    one_file_per_task = ("--batch-mb", "0.000001")  # 8 tasks, so both workers get some
    threads = newsflow_ingest(
        prefect_server, raw, tmp_path / "out_threads", tmp_path / "threads.duckdb", *one_file_per_task
    )
    assert threads.returncode == 0, threads.stderr[-3000:]

    env = {**prefect_server, "NEWSFLOW_DASK_WORKERS": "2"}
    dask = newsflow_ingest(
        env, raw, tmp_path / "out_dask", tmp_path / "dask.duckdb", "--task-runner", "dask", *one_file_per_task
    )
    assert dask.returncode == 0, dask.stdout[-3000:] + dask.stderr[-3000:]
    logs = dask.stdout + dask.stderr
    assert "Creating a new Dask cluster with `distributed.deploy.local.LocalCluster`" in logs
    assert "Register worker addr" in logs and "name: 1" in logs  # two worker processes
    assert logs.count("Task run 'parse-and-write-batch") >= 8

    expected, got = table_contents(tmp_path / "threads.duckdb"), table_contents(tmp_path / "dask.duckdb")
    assert got["articles"] and got["social_embeds"]
    assert got == expected
    with duckdb.connect(str(tmp_path / "dask.duckdb"), read_only=True) as con:
        assert con.execute("SELECT status, files_processed FROM runs").fetchall() == [("completed", 8)]


def test_dask_without_a_prefect_server_is_refused_with_the_reason(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    result = newsflow_ingest(env, SAMPLE_RAW_DIR, tmp_path / "out", tmp_path / "db.duckdb", "--task-runner", "dask")
    assert result.returncode == 2
    assert "needs a Prefect server" in result.stderr
    assert not (tmp_path / "out").exists()  # refused before anything started
