"""Full-text search over sentences: the fts extension from its wheel, offline, and the search_sentences macro."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb
import pytest

from tasks.search_index import FTS_SCHEMA, fts_extension_path, load_fts
from tests.conftest import SAMPLE_RAW_DIR
from tests.sample_warehouse import build_sample_warehouse

pytestmark = pytest.mark.skipif(
    fts_extension_path() is None, reason="duckdb-extension-fts is not installed for this DuckDB version"
)


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("search")
    return build_sample_warehouse(SAMPLE_RAW_DIR, base / "out", base / "newsflow.duckdb")


def test_the_extension_loads_without_downloading(tmp_path: Path) -> None:
    """A fresh HOME (no ~/.duckdb) and automatic install/load switched off: only the wheel's file can serve."""
    code = (
        "import duckdb\n"
        "from tasks.search_index import load_fts\n"
        "con = duckdb.connect()\n"
        "con.execute('SET autoinstall_known_extensions = false')\n"
        "con.execute('SET autoload_known_extensions = false')\n"
        "assert load_fts(con)\n"
        "print(con.execute(\"SELECT stem('bridges', 'porter')\").fetchone()[0])\n"
    )
    env = {**os.environ, "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=Path(__file__).parents[1], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "bridg"
    assert not (tmp_path / ".duckdb").exists()


def test_search_sentences_on_the_sample(sample_db: Path) -> None:
    with duckdb.connect(str(sample_db), read_only=True) as con:
        assert load_fts(con)
        rows = con.execute(
            "SELECT left(article_id, 8), sentence_no, published_date, site, score "
            "FROM search_sentences('bridges closed')"
        ).fetchall()
    # Stemmed: "bridges" finds "bridge", "closed" finds "close" (the café that "will close").
    assert rows == [
        ("3e801601", 0, date(2022, 6, 14), "(dump)", 3.0252),
        ("3e801601", 1, date(2022, 6, 14), "(dump)", 1.2727),
        ("64b3eae6", 0, date(2021, 11, 30), "(dump)", 1.2727),
    ]


def test_the_index_follows_a_patch_and_the_text_is_not_stored_twice(tmp_path: Path) -> None:
    import shutil

    raw = tmp_path / "raw"
    shutil.copytree(SAMPLE_RAW_DIR, raw)
    db = build_sample_warehouse(raw, tmp_path / "out", tmp_path / "newsflow.duckdb")
    (raw / "misc" / "ferry.txt").write_text(" date 2023-03-01 A new ferry crossed the bay in record time.\n")
    build_sample_warehouse(raw, tmp_path / "out", db)
    with duckdb.connect(str(db), read_only=True) as con:
        load_fts(con)
        hits = con.execute("SELECT text FROM search_sentences('ferry')").fetchall()
        columns = [r[0] for r in con.execute("DESCRIBE sentence_search").fetchall()]
        counts = con.execute(
            f"SELECT (SELECT count(*) FROM sentence_search), (SELECT count(*) FROM sentences), "
            f"(SELECT count(*) FROM {FTS_SCHEMA}.docs)"
        ).fetchone()
    assert ("A new ferry crossed the bay in record time.",) in hits
    assert columns == ["doc_id", "article_id", "sentence_no"]
    assert counts == (68, 68, 68)


def test_on_a_large_warehouse_a_patch_keeps_the_index_until_a_reindex(tmp_path: Path, monkeypatch) -> None:
    import shutil

    import tasks.analytics as analytics
    from tasks.warehouse import publish_database

    monkeypatch.setattr(analytics, "FTS_AUTO_REBUILD_MAX_SENTENCES", 0)  # every warehouse counts as large
    raw = tmp_path / "raw"
    shutil.copytree(SAMPLE_RAW_DIR, raw)
    db = build_sample_warehouse(raw, tmp_path / "out", tmp_path / "newsflow.duckdb")  # a build indexes

    def search(word: str) -> tuple[list[tuple], tuple | None]:
        with duckdb.connect(str(db), read_only=True) as con:
            load_fts(con)
            hits = con.execute(f"SELECT text FROM search_sentences('{word}')").fetchall()
            counts = con.execute("SELECT (SELECT count(*) FROM sentence_search), (SELECT count(*) FROM sentences)")
            return hits, counts.fetchone()

    (raw / "misc" / "ferry.txt").write_text(" date 2023-03-01 A hovercraft crossed the bay in record time.\n")
    build_sample_warehouse(raw, tmp_path / "out", db)  # a nightly patch: no rebuild over every sentence
    hits, counts = search("hovercraft")
    assert hits == [] and counts == (67, 68)  # the new article waits for the next reindex
    assert search("bridges")[0]  # the rest is still searchable

    publish_database(tmp_path / "out", db, reindex=True)
    hits, counts = search("hovercraft")
    assert hits == [("A hovercraft crossed the bay in record time.",)] and counts == (68, 68)
