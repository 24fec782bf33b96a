"""out_dir as an fsspec URL: Parquet in object storage, the same warehouse as from a local out_dir."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import duckdb
import fsspec
import polars as pl
import pytest
from typer.testing import CliRunner

from flows.ingest import ingest
from newsflow.cli import app
from newsflow.locking import LOCK_NAME
from newsflow.schemas import TABLES
from newsflow.settings import Settings
from tasks.ledger import read_ledger, sources_in_window
from tasks.out_store import as_out_dir, list_files
from tasks.parquet_io import file_key, write_atomic
from tests.conftest import SAMPLE_RAW_DIR
from tests.helpers import RUN_COLUMNS, table_contents
from tests.test_raw_urls import s3_bucket  # noqa: F401  (fixture: a moto S3 server with the sample dumps)


def object_names(url: str) -> dict[str, int]:
    """Every object under `url` (relative name -> size)."""
    fs, root = fsspec.core.url_to_fs(url, use_listings_cache=False)
    root = root.rstrip("/")
    return {path[len(root) + 1 :]: int(info["size"]) for path, info in fs.find(root, detail=True).items()}


def parquet_layout(folder: Path) -> dict[str, int]:
    """Every Parquet file under a local out_dir (relative name -> number of rows)."""
    return {p.relative_to(folder).as_posix(): pl.read_parquet(p).height for p in sorted(folder.rglob("*.parquet"))}


def test_settings_keep_urls_and_put_the_lock_beside_the_database(tmp_path):
    remote = Settings.resolve(out_dir="s3://bucket/processed/", db=str(tmp_path / "w.duckdb"))
    assert remote.out_dir == "s3://bucket/processed"
    assert remote.lock_path == tmp_path / f".w.duckdb{LOCK_NAME}"
    local = Settings.resolve(out_dir=str(tmp_path / "out"), db=str(tmp_path / "w.duckdb"))
    assert local.lock_path == tmp_path / "out" / LOCK_NAME  # unchanged for a folder
    assert as_out_dir(f"file://{tmp_path}/out") == tmp_path / "out"  # file:// is a folder
    with pytest.raises(ValueError, match="local file"):
        Settings.resolve(db="s3://bucket/w.duckdb")


def test_a_written_file_is_whole_under_its_final_name_and_leaves_nothing_else(tmp_path):
    url = "memory://newsflow-test-out-write"
    frame = TABLES["rejects"].empty_frame()
    write_atomic(TABLES["rejects"], frame, f"{url}/rejects/one.parquet")
    try:
        assert list_files(url, "rejects/*.parquet") == [f"{url}/rejects/one.parquet"]
        assert list(object_names(url)) == ["rejects/one.parquet"]  # no temporary object left behind
    finally:
        fsspec.filesystem("memory").rm("/newsflow-test-out-write", recursive=True)


@pytest.fixture
def memory_out():
    url = "memory://newsflow-test-processed"
    yield url
    fs = fsspec.filesystem("memory")
    if fs.exists("/newsflow-test-processed"):
        fs.rm("/newsflow-test-processed", recursive=True)


def test_ingest_to_a_memory_url_matches_a_local_out_dir(prefect_harness, memory_out, tmp_path):
    local = ingest(raw_dir=str(SAMPLE_RAW_DIR), out_dir=str(tmp_path / "out"), db=str(tmp_path / "a.duckdb"))
    remote = ingest(raw_dir=str(SAMPLE_RAW_DIR), out_dir=memory_out, db=str(tmp_path / "b.duckdb"))
    assert remote["out_dir"] == memory_out
    assert remote["files_processed"] == local["files_processed"] == 8
    assert table_contents(tmp_path / "b.duckdb") == table_contents(tmp_path / "a.duckdb")
    # The same files, by name, as in the folder (runs are named by run id, so they differ).
    names = {name for name in object_names(memory_out) if not name.startswith("runs/")}
    local_names = {name for name in parquet_layout(tmp_path / "out") if not name.startswith("runs/")}
    assert names == local_names
    # The ledger and a backfill window read from the URL as from the folder.
    ledger_columns = [c for c in TABLES["ingested_files"].column_names if c not in RUN_COLUMNS]
    assert (
        read_ledger(memory_out)
        .select(ledger_columns)
        .sort("path")
        .equals(read_ledger(tmp_path / "out").select(ledger_columns).sort("path"))
    )
    for since, until in [(date(2023, 1, 1), None), (None, date(2022, 12, 31)), (date(2024, 3, 1), date(2024, 3, 31))]:
        assert sources_in_window(memory_out, since, until) == sources_in_window(tmp_path / "out", since, until)
    assert sources_in_window(memory_out, None, None)  # the window is not trivially empty


def test_ingest_to_s3_end_to_end(prefect_harness, s3_bucket, tmp_path):  # noqa: F811
    raw_url, _ = s3_bucket
    fs = fsspec.filesystem("s3", skip_instance_cache=True)
    fs.mkdir("processed-bucket")
    out_url = "s3://processed-bucket/newsflow/processed"
    local_raw = tmp_path / "raw"
    shutil.copytree(SAMPLE_RAW_DIR, local_raw)

    # A local out_dir run, the reference.
    ingest(raw_dir=str(local_raw), out_dir=str(tmp_path / "out"), db=str(tmp_path / "local.duckdb"))
    db = tmp_path / "s3.duckdb"
    first = ingest(raw_dir=raw_url, out_dir=out_url, db=str(db))
    assert first["files_processed"] == 8 and first["publish_mode"] == "build"
    ignored = RUN_COLUMNS | {"mtime_ns"}  # only local raw files carry an mtime
    assert table_contents(db, ignored) == table_contents(tmp_path / "local.duckdb", ignored)

    # Every table lives in the bucket, laid out as in a folder; nothing but Parquet was written there
    # (no temporary objects, no lock: the lock sits beside the database).
    objects = object_names(out_url)
    tables = {name.split("/", 1)[0] for name in objects}
    assert tables == {name.split("/", 1)[0] for name in parquet_layout(tmp_path / "out")}
    assert all(name.endswith(".parquet") and "/." not in f"/{name}" for name in objects)
    assert (tmp_path / f".s3.duckdb{LOCK_NAME}").exists()
    assert not (Path.cwd() / "s3:").exists()  # the URL was never taken for a relative folder
    assert not list(tmp_path.glob("*-parquet"))  # the local copies DuckDB read are gone

    # A second run reads nothing and changes no table, patching the database from the bucket.
    before = {name: size for name, size in objects.items() if not name.startswith("runs/")}
    again = ingest(raw_dir=raw_url, out_dir=out_url, db=str(db))
    assert (again["files_processed"], again["files_skipped"]) == (0, 8)
    assert again["publish_mode"] == "standby"  # the nightly path: the previous generation patched
    assert table_contents(db, ignored) == table_contents(tmp_path / "local.duckdb", ignored)
    after = object_names(out_url)
    assert {name: size for name, size in after.items() if not name.startswith("runs/")} == before
    assert sum(name.startswith("runs/") for name in after) == 2

    # A changed dump replaces exactly its own objects; the patched database has the new text.
    fs.pipe(f"{raw_url}/misc/undated_note.txt", b" date 2024-02-02 A note rewritten in the bucket.\n")
    changed = ingest(raw_dir=raw_url, out_dir=out_url, db=str(db))
    assert changed["files_processed"] == 1
    key = file_key("misc/undated_note.txt")
    others = {n: size for n, size in object_names(out_url).items() if not n.startswith("runs/") and key not in n}
    assert others == {n: size for n, size in before.items() if key not in n}
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT body FROM articles WHERE source_file = 'misc/undated_note.txt'").fetchall() == [
            ("A note rewritten in the bucket.",)
        ]
    ledger = read_ledger(out_url)
    assert ledger.height == 8 and ledger["path"].n_unique() == 8

    # A rebuild from the bucket gives the same warehouse as the patches did.
    patched = table_contents(db, ignored)
    rebuilt = ingest(raw_dir=raw_url, out_dir=out_url, db=str(db), rebuild=True)
    assert rebuilt["publish_mode"] == "build"
    assert table_contents(db, ignored) == patched

    # status reads the ledger from the bucket: nothing pending.
    result = CliRunner().invoke(app, ["status", "--raw-dir", raw_url, "--out-dir", out_url, "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "Pending for the next run: 0 files" in result.output
    assert "8 unchanged" in result.output
