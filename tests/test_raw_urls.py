"""raw_dir as an fsspec URL: the same tables as the local folder, incremental runs included."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import fsspec
import pytest

from flows.ingest import ingest
from tasks.discover import list_raw_files
from tasks.raw_store import as_raw_dir, raw_dir_exists
from tests.conftest import SAMPLE_RAW_DIR
from tests.helpers import RUN_COLUMNS, table_contents

# The run's own columns, and the mtime only local files carry.
IGNORED = RUN_COLUMNS | {"mtime_ns"}


@pytest.fixture
def memory_raw():
    """The sample dumps in fsspec's in-memory filesystem (visible to the flow's threads in this process)."""
    fs = fsspec.filesystem("memory")
    root = "/newsflow-test-dumps"
    for path in SAMPLE_RAW_DIR.rglob("*"):
        if path.is_file():
            fs.pipe(f"{root}/{path.relative_to(SAMPLE_RAW_DIR).as_posix()}", path.read_bytes())
    fs.pipe(f"{root}/.hidden/ignored.txt", b" date 2022-01-01 Hidden.\n")
    yield f"memory://{root}"
    fs.rm(root, recursive=True)


def test_urls_are_kept_and_paths_resolved():
    assert as_raw_dir("s3://bucket/dumps/") == "s3://bucket/dumps"
    assert as_raw_dir("data/raw") == Path("data/raw").resolve()
    assert not raw_dir_exists("memory://no/such/folder")


def test_listing_a_url_matches_the_local_listing(memory_raw):
    local, _ = list_raw_files(SAMPLE_RAW_DIR)
    remote, _ = list_raw_files(memory_raw)
    # Same relative names and sizes; hidden folders skipped both ways (only local files carry an mtime).
    assert [(f.source_file, f.size_bytes) for f in remote] == [(f.source_file, f.size_bytes) for f in local]
    assert all(f.mtime_ns is None for f in remote) and all(f.mtime_ns for f in local)


def test_ingest_from_a_url_gives_the_same_tables_as_from_the_folder(prefect_harness, memory_raw, tmp_path):
    local_raw = tmp_path / "raw"
    shutil.copytree(SAMPLE_RAW_DIR, local_raw)
    from_folder = ingest(raw_dir=str(local_raw), out_dir=str(tmp_path / "a"), db=str(tmp_path / "a.duckdb"))
    from_url = ingest(raw_dir=memory_raw, out_dir=str(tmp_path / "b"), db=str(tmp_path / "b.duckdb"))
    assert from_url["files_processed"] == from_folder["files_processed"] == 8
    assert from_url["raw_dir"] == memory_raw
    assert table_contents(tmp_path / "b.duckdb", IGNORED) == table_contents(tmp_path / "a.duckdb", IGNORED)

    # Incremental through the URL too: nothing changed -> nothing read; one file changed -> only it.
    again = ingest(raw_dir=memory_raw, out_dir=str(tmp_path / "b"), db=str(tmp_path / "b.duckdb"))
    assert (again["files_processed"], again["files_skipped"]) == (0, 8)
    fs = fsspec.filesystem("memory")
    fs.pipe("/newsflow-test-dumps/misc/undated_note.txt", b" date 2024-02-02 A new note from the bucket.\n")
    changed = ingest(raw_dir=memory_raw, out_dir=str(tmp_path / "b"), db=str(tmp_path / "b.duckdb"))
    assert changed["files_processed"] == 1
    with duckdb.connect(str(tmp_path / "b.duckdb"), read_only=True) as con:
        assert con.execute("SELECT body FROM articles WHERE source_file = 'misc/undated_note.txt'").fetchall() == [
            ("A new note from the bucket.",)
        ]


def test_a_missing_url_is_refused_before_anything_runs(prefect_harness, tmp_path):
    with pytest.raises(ValueError, match="does not exist"):
        ingest(raw_dir="memory://nothing/here", out_dir=str(tmp_path / "o"), db=str(tmp_path / "d.duckdb"))
    assert not (tmp_path / "o").exists()


@pytest.fixture
def s3_bucket(tmp_path):
    """A real S3 API on 127.0.0.1 (moto's server, no network), holding the sample dumps; yields (url, env)."""
    pytest.importorskip("s3fs")
    pytest.importorskip("moto.server")
    import subprocess
    import sys
    import time
    import urllib.request

    from tests.conftest import free_port, stop

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(endpoint, timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("moto server did not start") from None
                time.sleep(0.2)
        env = {
            "AWS_ACCESS_KEY_ID": "test",
            "AWS_SECRET_ACCESS_KEY": "test",
            "AWS_DEFAULT_REGION": "us-east-1",
            "AWS_ENDPOINT_URL": endpoint,  # read by botocore, hence by s3fs
        }
        with pytest.MonkeyPatch.context() as patch:
            for key, value in env.items():
                patch.setenv(key, value)
            # fsspec caches filesystem instances per set of arguments: one made for an earlier test's server
            # would still point at that (stopped) endpoint.
            fsspec.get_filesystem_class("s3").clear_instance_cache()
            fs = fsspec.filesystem("s3", skip_instance_cache=True)
            fs.mkdir("dumps-bucket")
            for path in SAMPLE_RAW_DIR.rglob("*"):
                if path.is_file():
                    fs.pipe(f"dumps-bucket/nightly/{path.relative_to(SAMPLE_RAW_DIR).as_posix()}", path.read_bytes())
            yield "s3://dumps-bucket/nightly", env
    finally:
        stop(server)


def test_ingest_from_an_s3_bucket(prefect_harness, s3_bucket, tmp_path):
    url, _ = s3_bucket
    local_raw = tmp_path / "raw"
    shutil.copytree(SAMPLE_RAW_DIR, local_raw)
    ingest(raw_dir=str(local_raw), out_dir=str(tmp_path / "a"), db=str(tmp_path / "a.duckdb"))
    summary = ingest(raw_dir=url, out_dir=str(tmp_path / "b"), db=str(tmp_path / "b.duckdb"))
    assert summary["files_processed"] == 8
    assert table_contents(tmp_path / "b.duckdb", IGNORED) == table_contents(tmp_path / "a.duckdb", IGNORED)
