from __future__ import annotations

import subprocess
import sys

import duckdb
import pyarrow.parquet as pq
import pytest

from newsflow import schemas
from tasks.batch import ledger_rows
from tasks.discover import RawFile
from tasks.ledger import bytes_hash
from tasks.parquet_io import file_key, write_batch_outputs
from tasks.warehouse import PublishMode, publish_database, standby_path
from tests.helpers import NOW, RUN_ID, parse_text

TEXT = " date 2022-04-19 Alpha one. Alpha two.\n date 2022-05-02 Beta.\n date 2022-05-02 Beta.\n"


def write_batch(out_dir, batch, source_file="dump.txt"):
    """Write a parsed batch as the ingest task does, ledger row included (its hash: the articles' ids)."""
    frames = batch.frames()
    digest = bytes_hash("".join(sorted(frames["articles"]["article_id"].to_list())).encode())
    frames["ingested_files"] = ledger_rows([RawFile(source_file, 1, digest)], frames, RUN_ID, NOW)
    write_batch_outputs(out_dir, frames, [source_file])


def test_parquet_layout_schema_and_no_temp_files(tmp_path):
    write_batch(tmp_path, parse_text(TEXT))
    files = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    key = file_key("dump.txt")
    assert f"articles/published_month=2022-04/{key}.parquet" in files
    assert f"articles/published_month=2022-05/{key}.parquet" in files
    assert f"sentences/published_month=2022-04/{key}.parquet" in files
    assert not [f for f in files if f.endswith(".tmp")]
    assert pq.read_schema(tmp_path / files[0]).names == schemas.ARTICLE_SOURCES.column_names
    for name in ("articles", "sentences"):
        path = next((tmp_path / name).rglob("*.parquet"))
        assert pq.read_schema(path).remove_metadata() == schemas.TABLES[name].arrow_schema


def test_rewriting_a_source_replaces_exactly_its_files(tmp_path):
    write_batch(tmp_path, parse_text(TEXT))
    write_batch(tmp_path, parse_text(" date 2023-01-01 Other file.\n", "other.txt"), "other.txt")
    write_batch(tmp_path, parse_text(" date 2022-04-19 Changed text only in April.\n"))
    months = sorted(p.parent.name for p in (tmp_path / "articles").rglob(f"{file_key('dump.txt')}.parquet"))
    assert months == ["published_month=2022-04"]
    assert list((tmp_path / "articles").rglob(f"{file_key('other.txt')}.parquet"))


def test_publish_is_idempotent_commented_and_deduplicated(tmp_path):
    out, db = tmp_path / "out", tmp_path / "wh.duckdb"
    write_batch(out, parse_text(TEXT))
    write_batch(out, parse_text(TEXT, "copy.txt"), "copy.txt")  # the same articles in a second file
    first = publish_database(out, db)
    with duckdb.connect(str(db), read_only=True) as con:
        snapshot = {
            t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall()
            for t in ("articles", "sentences", "social_embeds")
        }
        comments = con.execute(
            "SELECT count(*) FROM duckdb_columns() WHERE comment IS NULL AND database_name = 'wh'"
        ).fetchone()
        table_comments = con.execute("SELECT table_name, comment FROM duckdb_tables() ORDER BY 1").fetchall()
        canonical = con.execute("SELECT DISTINCT source_file FROM articles").fetchall()
    assert first.rows["articles"] == 2
    assert first.rows["article_sources"] == 6
    assert comments == (0,)
    assert all(comment for _, comment in table_comments)
    assert canonical == [("copy.txt",)]  # smallest (source_file, record_no) wins
    second = publish_database(out, db)
    assert second.rows == first.rows
    with duckdb.connect(str(db), read_only=True) as con:
        again = {
            t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall()
            for t in ("articles", "sentences", "social_embeds")
        }
    assert again == snapshot
    assert not [p for p in tmp_path.iterdir() if "building" in p.name]


def test_reader_keeps_its_snapshot_while_a_new_database_is_published(tmp_path):
    out, db = tmp_path / "out", tmp_path / "wh.duckdb"
    write_batch(out, parse_text(TEXT))
    publish_database(out, db)
    reader = duckdb.connect(str(db), read_only=True)
    try:
        write_batch(out, parse_text(" date 2023-03-03 New article.\n", "new.txt"), "new.txt")
        publish_database(out, db)  # must not be blocked by the open reader
        assert reader.execute("SELECT count(*) FROM articles").fetchone() == (2,)
    finally:
        reader.close()
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (3,)


def dump(db):
    with duckdb.connect(str(db), read_only=True) as con:
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in schemas.TABLES}


def test_patching_gives_the_same_tables_as_a_rebuild(tmp_path):
    out, patched, rebuilt = tmp_path / "out", tmp_path / "patched.duckdb", tmp_path / "rebuilt.duckdb"
    dup = " date 2022-05-02 Beta.\n"
    steps = [
        ("a.txt", TEXT),  # new file
        ("b.txt", dup + " date 2022-06-01 Gamma only in b.\n"),  # holds a duplicate of an article in a.txt
        ("a.txt", " date 2022-04-19 Alpha rewritten.\n"),  # a.txt changes: Beta must survive through b.txt
        ("0first.txt", dup),  # a file that sorts first now owns Beta
        ("b.txt", " date 2022-07-07 b changed again.\n"),
    ]
    for source, text in steps:
        write_batch(out, parse_text(text, source), source)
        publish_database(out, patched)
        publish_database(out, rebuilt, rebuild=True)  # full build every time
        assert dump(patched) == dump(rebuilt), source
    with duckdb.connect(str(patched), read_only=True) as con:
        owners = con.execute("SELECT body, source_file FROM articles ORDER BY 1").fetchall()
    assert owners == [
        ("Alpha rewritten.", "a.txt"),
        ("Beta.", "0first.txt"),
        ("b changed again.", "b.txt"),
    ]


def test_patch_falls_back_to_rebuild_without_a_current_database(tmp_path):
    out, db = tmp_path / "out", tmp_path / "wh.duckdb"
    write_batch(out, parse_text(TEXT))
    db.write_bytes(b"not a duckdb file")
    counts = publish_database(out, db).rows
    assert counts["articles"] == 2


def test_leftovers_of_a_killed_publish_are_removed(tmp_path):
    from tasks.warehouse import remove_stale_builds

    db = tmp_path / "wh.duckdb"
    (tmp_path / ".wh.duckdb.abcd1234.building").write_bytes(b"half")
    (tmp_path / ".wh.duckdb.abcd1234.building.wal").write_bytes(b"wal")
    spill = tmp_path / ".wh.duckdb.abcd1234.building.spill"
    spill.mkdir()
    (spill / "duckdb_temp_block-1.block").write_bytes(b"spilled")
    assert remove_stale_builds(db) == 3
    assert list(tmp_path.iterdir()) == []


def test_nightly_publish_patches_the_standby_generation_instead_of_copying(tmp_path):
    out, db = tmp_path / "out", tmp_path / "wh.duckdb"
    write_batch(out, parse_text(TEXT))
    assert publish_database(out, db).mode is PublishMode.BUILD
    assert standby_path(db).exists()  # a build leaves a standby for the next run
    modes = []
    for n in range(3):
        source = f"night{n}.txt"
        write_batch(out, parse_text(f" date 2023-03-0{n + 1} Night {n}.\n", source), source)
        published = publish_database(out, db)
        modes.append(published.mode)
        assert published.rows["articles"] == 3 + n
    assert modes == [PublishMode.STANDBY] * 3
    # Both generations stay complete databases: the standby is one run behind, never half-patched.
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (5,)
    with duckdb.connect(str(standby_path(db)), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (4,)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".wh.duckdb.standby", "out", "wh.duckdb"]


def test_a_run_that_rewrote_most_of_the_warehouse_publishes_a_build(tmp_path, monkeypatch):
    import tasks.warehouse as warehouse

    monkeypatch.setattr(warehouse, "PATCH_MIN_ARTICLES", 0)  # the share rule alone, on a small warehouse
    out, db = tmp_path / "out", tmp_path / "wh.duckdb"
    sources = [f"dump{n}.txt" for n in range(10)]
    for n, source in enumerate(sources):
        write_batch(out, parse_text(f" date 2023-01-{n + 1:02d} Night {n}.\n", source), source)
    assert publish_database(out, db).mode is PublishMode.BUILD
    # One file of ten changed (10% of the articles): the standby is patched.
    write_batch(out, parse_text(" date 2023-02-01 Changed.\n", sources[0]), sources[0])
    assert publish_database(out, db).mode is PublishMode.STANDBY
    # Every file re-read (a new parser version): patching would re-insert everything, so it builds,
    # and leaves a standby equal to the new generation for the next nightly patch.
    for n, source in enumerate(sources):
        write_batch(out, parse_text(f" date 2023-03-{n + 1:02d} Again {n}.\n", source), source)
    assert publish_database(out, db).mode is PublishMode.BUILD
    for path in (db, standby_path(db)):
        with duckdb.connect(str(path), read_only=True) as con:
            assert con.execute("SELECT count(*), min(published_date) FROM articles").fetchone()[0] == 10
            assert con.execute("SELECT count(*) FROM articles WHERE body LIKE 'Again%'").fetchone() == (10,)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".wh.duckdb.standby", "out", "wh.duckdb"]
    write_batch(out, parse_text(" date 2023-04-01 Next night.\n", "next.txt"), "next.txt")
    assert publish_database(out, db).mode is PublishMode.STANDBY


def test_the_copy_path_also_builds_when_most_of_the_warehouse_changed(tmp_path, monkeypatch):
    import tasks.warehouse as warehouse

    monkeypatch.setattr(warehouse, "PATCH_MIN_ARTICLES", 0)
    out, db = tmp_path / "out", tmp_path / "wh.duckdb"
    write_batch(out, parse_text(TEXT))
    publish_database(out, db)
    standby_path(db).unlink()  # no standby: a small change copies the published file
    write_batch(out, parse_text(" date 2023-03-03 One.\n", "one.txt"), "one.txt")
    write_batch(out, parse_text(" date 2023-03-04 Two.\n", "two.txt"), "two.txt")
    write_batch(out, parse_text(" date 2023-03-05 Three.\n", "three.txt"), "three.txt")
    write_batch(out, parse_text(" date 2023-03-06 Four.\n", "four.txt"), "four.txt")
    assert publish_database(out, db).mode is PublishMode.BUILD  # 4 of 6 articles new: no copy
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (6,)


def hold_open_in_another_process(db):
    """A reader in its own process (DuckDB's file lock is per process), like a BI tool; returns it."""
    script = (
        "import duckdb, sys; con = duckdb.connect(sys.argv[1], read_only=True); "
        "print(con.execute('SELECT count(*) FROM articles').fetchone()[0], flush=True); sys.stdin.read(); "
        "print(con.execute('SELECT count(*) FROM articles').fetchone()[0], flush=True)"
    )
    reader = subprocess.Popen(
        [sys.executable, "-c", script, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert reader.stdout is not None
    return reader, int(reader.stdout.readline())


def test_a_reader_holding_the_old_generation_makes_publish_copy_instead(tmp_path):
    out, db = tmp_path / "out", tmp_path / "wh.duckdb"
    write_batch(out, parse_text(TEXT))
    publish_database(out, db)
    reader, seen = hold_open_in_another_process(db)  # left open across two nightly runs
    try:
        write_batch(out, parse_text(" date 2023-03-03 One.\n", "one.txt"), "one.txt")
        assert publish_database(out, db).mode is PublishMode.STANDBY  # the reader's file becomes the standby
        write_batch(out, parse_text(" date 2023-03-04 Two.\n", "two.txt"), "two.txt")
        third = publish_database(out, db)
        assert third.mode is PublishMode.COPY  # the standby is held: never patched under a reader
        assert third.rows["articles"] == 4
    finally:
        seen_at_end, _ = reader.communicate("")
    assert seen == 2 and int(seen_at_end) == 2  # its snapshot stayed intact throughout
    write_batch(out, parse_text(" date 2023-03-05 Three.\n", "three.txt"), "three.txt")
    assert publish_database(out, db).mode is PublishMode.STANDBY  # reader gone: back to the cheap path
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (5,)


def test_keys_are_checked_by_the_loader_not_by_a_duckdb_index(tmp_path):
    from tasks.warehouse import DuplicateKeyError, check_keys_unique

    out, db = tmp_path / "out", tmp_path / "wh.duckdb"
    write_batch(out, parse_text(TEXT))
    publish_database(out, db)
    with duckdb.connect(str(db)) as con:
        # An index would be rewritten whole by every checkpoint: the keys are documented instead.
        assert con.execute("SELECT count(*) FROM duckdb_indexes()").fetchone() == (0,)
        comment = con.execute("SELECT comment FROM duckdb_tables() WHERE table_name = 'articles'").fetchone()
        assert comment is not None and comment[0].endswith("Key: (article_id).")
        check_keys_unique(con)
        con.execute("INSERT INTO articles SELECT * FROM articles LIMIT 1")
        with pytest.raises(DuplicateKeyError, match="articles: key"):
            check_keys_unique(con)
