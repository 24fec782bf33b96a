"""The `newsflow` command as a user runs it: a real subprocess against a real DuckDB file."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from tasks.warehouse import publish_database
from tests.helpers import parse_text
from tests.test_warehouse import TEXT, write_batch


def newsflow(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsflow.cli", *args], capture_output=True, text=True, timeout=120, env=env
    )


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    root = tmp_path_factory.mktemp("cli")
    write_batch(root / "out", parse_text(TEXT))
    publish_database(root / "out", root / "wh.duckdb")
    return root / "wh.duckdb"


@pytest.mark.parametrize("command", [[], ["ingest"], ["query"]])
def test_help_on_every_command(command):
    result = newsflow(*command, "--help")
    assert result.returncode == 0
    assert "Usage" in result.stdout


def test_query_formats(warehouse):
    sql = "SELECT published_date, count(*) AS n FROM articles GROUP BY 1 ORDER BY 1"
    table = newsflow("query", sql, "--db", str(warehouse))
    assert table.returncode == 0, table.stderr
    assert "2022-04-19" in table.stdout and "2022-05-02" in table.stdout
    rows = list(csv.reader(io.StringIO(newsflow("query", sql, "--db", str(warehouse), "--format", "csv").stdout)))
    assert rows == [["published_date", "n"], ["2022-04-19", "1"], ["2022-05-02", "1"]]
    as_json = json.loads(newsflow("query", sql, "--db", str(warehouse), "--format", "json").stdout)
    assert as_json == [{"published_date": "2022-04-19", "n": 1}, {"published_date": "2022-05-02", "n": 1}]


def test_query_is_read_only(warehouse):
    result = newsflow("query", "DELETE FROM articles", "--db", str(warehouse))
    assert result.returncode != 0
    assert "read-only" in result.stderr.lower() or "read only" in result.stderr.lower()
    assert "2" in newsflow("query", "SELECT count(*) FROM articles", "--db", str(warehouse), "-f", "csv").stdout


def test_clear_errors_without_database_or_with_bad_sql(tmp_path, warehouse):
    missing = newsflow("query", "SELECT 1", "--db", str(tmp_path / "none.duckdb"))
    assert missing.returncode == 2
    assert "run `newsflow ingest` first" in missing.stderr
    bad = newsflow("query", "SELEC nonsense", "--db", str(warehouse))
    assert bad.returncode == 1
    assert "query failed" in bad.stderr


def test_ingest_with_missing_raw_dir_fails_clearly(tmp_path):
    result = newsflow("ingest", "--raw-dir", str(tmp_path / "absent"), "--out-dir", str(tmp_path / "o"))
    assert result.returncode == 2
    assert "does not exist" in result.stderr


def test_status_shows_runs_and_pending_files(tmp_path):
    raw, out, db = tmp_path / "raw", tmp_path / "out", tmp_path / "db.duckdb"
    raw.mkdir()
    (raw / "a.txt").write_text(" date 2022-01-01 First. Second.\n")
    ingested = newsflow("ingest", "--raw-dir", str(raw), "--out-dir", str(out), "--db", str(db))
    assert ingested.returncode == 0, ingested.stderr
    (raw / "b.txt").write_text(" date 2022-01-02 New file.\n")
    (raw / "a.txt").write_text(" date 2022-01-01 First. Second. Changed.\n")
    status = newsflow("status", "--raw-dir", str(raw), "--out-dir", str(out), "--db", str(db))
    assert status.returncode == 0, status.stderr
    assert "completed" in status.stdout
    assert "2 files" in status.stdout  # pending: one new, one changed
    assert "1 new, 1 changed" in status.stdout
    assert "a.txt" in status.stdout and "b.txt" in status.stdout
