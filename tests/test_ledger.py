"""The ledger decides what a run reads: unchanged local files cost a stat, not a read."""

from __future__ import annotations

import os
from datetime import datetime

import pytest

import tasks.ledger as ledger_module
from tasks.batch import process_batch
from tasks.discover import list_raw_files
from tasks.ledger import list_hashed_raw_files, plan_work, read_ledger
from tasks.parse import PARSER_VERSION

NOW = datetime(2026, 1, 1, 2, 0)


@pytest.fixture
def ingested(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / "a.txt").write_text(" date 2022-01-01 Alpha story.\n")
    (raw / "b.txt").write_text(" date 2022-01-02 Beta story.\n")
    files, _ = list_raw_files(raw)
    process_batch(raw, out, files, "run-1", NOW)
    return raw, out


def counting_hashes(monkeypatch) -> list[str]:
    hashed: list[str] = []
    real = ledger_module.raw_content_hash

    def spy(raw_dir, relative):
        hashed.append(relative)
        return real(raw_dir, relative)

    monkeypatch.setattr(ledger_module, "raw_content_hash", spy)
    return hashed


def test_the_ledger_records_size_and_mtime_seen_before_reading(ingested):
    raw, out = ingested
    recorded = read_ledger(out).sort("path")
    assert recorded["mtime_ns"].to_list() == [(raw / n).stat().st_mtime_ns for n in ("a.txt", "b.txt")]


def test_unchanged_files_are_not_read_again(ingested, monkeypatch):
    raw, out = ingested
    hashed = counting_hashes(monkeypatch)
    files, _ = list_hashed_raw_files(raw, read_ledger(out))
    assert hashed == []  # a stat each, no read
    plan = plan_work(files, read_ledger(out), PARSER_VERSION)
    assert (plan.unchanged, plan.to_process) == (2, [])


def test_a_touched_file_is_hashed_again_and_still_unchanged(ingested, monkeypatch):
    raw, out = ingested
    stat = (raw / "a.txt").stat()
    os.utime(raw / "a.txt", ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    hashed = counting_hashes(monkeypatch)
    files, _ = list_hashed_raw_files(raw, read_ledger(out))
    assert hashed == ["a.txt"]
    assert plan_work(files, read_ledger(out), PARSER_VERSION).unchanged == 2  # content decides, not mtime


def test_a_changed_file_is_found_by_its_hash(ingested):
    raw, out = ingested
    (raw / "b.txt").write_text(" date 2022-01-02 Beta story, corrected.\n")
    files, _ = list_hashed_raw_files(raw, read_ledger(out))
    plan = plan_work(files, read_ledger(out), PARSER_VERSION)
    assert [f.source_file for f in plan.to_process] == ["b.txt"] and plan.changed == 1


def test_same_size_and_restored_mtime_is_trusted_unless_hashing_everything(ingested):
    # The documented trade-off of the stat shortcut (git makes the same one): content rewritten
    # at the same size with its old mtime put back is not noticed by a nightly run...
    raw, out = ingested
    stat = (raw / "a.txt").stat()
    (raw / "a.txt").write_text(" date 2022-01-01 Alpha st0ry.\n")
    os.utime(raw / "a.txt", ns=(stat.st_atime_ns, stat.st_mtime_ns))
    nightly, _ = list_hashed_raw_files(raw, read_ledger(out))
    assert plan_work(nightly, read_ledger(out), PARSER_VERSION).changed == 0
    # ...while hashing without the ledger (what --reprocess does) sees it.
    full, _ = list_hashed_raw_files(raw)
    assert plan_work(full, read_ledger(out), PARSER_VERSION).changed == 1


def test_ledger_files_of_an_older_version_read_with_null_mtime(ingested):
    _raw, out = ingested
    old = read_ledger(out).drop("mtime_ns").head(1)  # as version 0.1 wrote it
    old.write_parquet(out / "ingested_files" / "00-old.parquet")
    ledger = read_ledger(out).sort("path")
    assert ledger.height == 3 and ledger["mtime_ns"].null_count() == 1


def test_a_warehouse_builds_from_parquet_an_older_version_wrote(ingested, tmp_path):
    import duckdb
    import polars as pl

    from tasks.warehouse import publish_database

    _raw, out = ingested
    for path in (out / "ingested_files").glob("*.parquet"):  # every ledger file lacks the new column
        pl.read_parquet(path).drop("mtime_ns").write_parquet(path)
    publish_database(out, tmp_path / "wh.duckdb")
    with duckdb.connect(str(tmp_path / "wh.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*), count(mtime_ns) FROM ingested_files").fetchone() == (2, 0)
