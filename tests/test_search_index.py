"""Full-text search over sentences: newsflow's inverted index, checked against the fts extension's own BM25."""

from __future__ import annotations

import math
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

import tasks.search_index as search_index
from tasks.search_index import build_search_index, fts_extension_path, load_fts, patch_search_index
from tests.conftest import SAMPLE_RAW_DIR
from tests.sample_warehouse import build_sample_warehouse

pytestmark = pytest.mark.skipif(
    fts_extension_path() is None, reason="duckdb-extension-fts is not installed for this DuckDB version"
)


def corpus(con: duckdb.DuckDBPyConnection, articles: dict[str, list[str]]) -> None:
    """The two tables the index reads, filled with articles whose body is their sentences joined by spaces."""
    con.execute("CREATE TABLE articles (article_id VARCHAR, published_date DATE, site VARCHAR, body VARCHAR)")
    con.execute(
        "CREATE TABLE sentences (article_id VARCHAR, sentence_no INTEGER, text VARCHAR, char_start INTEGER, "
        "char_end INTEGER)"
    )
    add_articles(con, articles)


def add_articles(con: duckdb.DuckDBPyConnection, articles: dict[str, list[str]]) -> None:
    for article_id, texts in articles.items():
        con.execute("DELETE FROM articles WHERE article_id = ?", [article_id])
        con.execute("DELETE FROM sentences WHERE article_id = ?", [article_id])
        con.execute(
            "INSERT INTO articles VALUES (?, DATE '2024-01-02', 'site.example', ?)", [article_id, " ".join(texts)]
        )
        start = 0
        for number, text in enumerate(texts):
            con.execute(
                "INSERT INTO sentences VALUES (?, ?, ?, ?, ?)", [article_id, number, text, start, start + len(text)]
            )
            start += len(text) + 1


def search(con: duckdb.DuckDBPyConnection, query: str, max_rows: int = 100) -> list[tuple]:
    return con.execute(
        "SELECT article_id, sentence_no, score, text FROM search_sentences(?, max_rows := ?)", [query, max_rows]
    ).fetchall()


def fts_reference(con: duckdb.DuckDBPyConnection, query: str) -> dict[tuple[str, int], float]:
    """Scores of DuckDB's own fts index over the same sentences, with newsflow's word separators."""
    rows = con.execute(
        "SELECT article_id, sentence_no, score FROM (SELECT article_id, sentence_no, "
        "fts_main_reference.match_bm25(doc_id, ?) AS score FROM reference) WHERE score IS NOT NULL",
        [query],
    ).fetchall()
    return {(a, s): round(score, 4) for a, s, score in rows}


def build_reference(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        "CREATE TABLE reference AS SELECT row_number() OVER (ORDER BY article_id, sentence_no) AS doc_id, "
        "article_id, sentence_no, text FROM sentences"
    )
    separators = search_index.SEPARATORS.replace("'", "''")
    con.execute(f"PRAGMA create_fts_index('reference', 'doc_id', 'text', ignore = '{separators}', overwrite = 1)")


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


def test_rankings_match_the_fts_extension_on_the_sample(sample_db: Path) -> None:
    """Every sentence the fts extension scores, with the same score, and nothing else (the extension keeps
    stop words in queries, so the queries here hold none)."""
    with duckdb.connect() as con:
        assert load_fts(con)
        con.execute(f"ATTACH '{sample_db}' AS sample (READ_ONLY)")
        con.execute("CREATE TABLE articles AS SELECT article_id, published_date, site, body FROM sample.articles")
        con.execute(
            "CREATE TABLE sentences AS SELECT article_id, sentence_no, text, char_start, char_end FROM sample.sentences"
        )
        assert build_search_index(con)
        build_reference(con)
        checked = 0
        for query in ("bridges closed", "council budget vote", "transit", "café 1998", "ferry harbour", "zzyzx"):
            expected = fts_reference(con, query)
            got = {(a, s): score for a, s, score, _ in search(con, query, 1000)}
            assert got == expected, query
            checked += len(got)
        assert checked > 10
        # And in the extension's order for the top hits: score, then article and sentence.
        top = search(con, "council budget vote", 5)
        assert [r[2] for r in top] == sorted((r[2] for r in top), reverse=True)


def test_a_hand_computed_bm25_score() -> None:
    with duckdb.connect() as con:
        corpus(
            con,
            {
                "a1": ["Ferry ferry service resumed.", "The harbour is closed."],
                "a2": ["A ferry crossed.", ""],
            },
        )
        assert build_search_index(con)
        rows = search(con, "ferry")
    # Sentence lengths without stop words: 4 (ferry ferry service resumed), 2 (harbour closed), 2 (ferry crossed),
    # 0; N = 4 sentences, average length 2; "ferry" is in 2 of them.
    idf = math.log10((4 - 2 + 0.5) / (2 + 0.5) + 1)

    def bm25(tf: int, length: int) -> float:
        return round(idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * length / 2)), 4)

    assert rows == [
        ("a1", 0, bm25(2, 4), "Ferry ferry service resumed."),
        ("a2", 0, bm25(1, 2), "A ferry crossed."),
    ]


def test_stop_words_stemming_accents_unknown_and_empty_queries() -> None:
    with duckdb.connect() as con:
        corpus(
            con,
            {
                "a1": ["The bridges were closed on Monday.", "Le Café de Flore reopened."],
                "a2": ["Closing the bridge is planned.", "It’s a CAFE now."],
            },
        )
        assert build_search_index(con)
        bridge = search(con, "bridge")
        assert {(a, s) for a, s, _, _ in bridge} == {("a1", 0), ("a2", 0)}  # bridges, bridge
        assert search(con, "the bridge") == bridge  # the stop word is ignored
        assert search(con, "BRIDGING") == bridge  # stemmed and lower-cased like the text
        assert {(a, s) for a, s, _, _ in search(con, "close")} == {("a1", 0), ("a2", 0)}  # closed, closing
        assert {(a, s) for a, s, _, _ in search(con, "café")} == {("a1", 1), ("a2", 1)}  # accents stripped
        assert search(con, "it’s") == []  # "it" and "s" are stop words, with a curly or a straight apostrophe
        assert search(con, "the of and") == []
        assert search(con, "zeppelin") == []
        assert search(con, "zeppelin bridge") == bridge  # an unknown word adds nothing
        assert search(con, "") == []
        assert search(con, "  ...  ") == []
        assert search(con, "bridge", 1) == bridge[:1]


def test_the_text_is_the_sentence_and_the_columns_are_unchanged(sample_db: Path) -> None:
    with duckdb.connect(str(sample_db), read_only=True) as con:
        assert load_fts(con)
        rows = con.execute(
            "SELECT r.text = s.text, r.site, r.published_date IS NOT DISTINCT FROM a.published_date "
            "FROM search_sentences('bridges closed council ferry') AS r "
            "JOIN sentences AS s USING (article_id, sentence_no) JOIN articles AS a USING (article_id)"
        ).fetchall()
        columns = [c[0] for c in con.execute("DESCRIBE SELECT * FROM search_sentences('x')").fetchall()]
        comment = con.execute(
            "SELECT comment FROM duckdb_functions() WHERE function_name = 'search_sentences'"
        ).fetchone()
    assert len(rows) > 3 and all(same_text and site and same_date for same_text, site, same_date in rows)
    assert columns == ["article_id", "sentence_no", "published_date", "site", "score", "text"]
    assert comment == (search_index.SEARCH_MACRO_COMMENT,)


def test_a_full_build_is_one_run_sorted_by_word(sample_db: Path) -> None:
    with duckdb.connect(str(sample_db), read_only=True) as con:
        unsorted = con.execute(
            "SELECT count(*) FROM (SELECT word < lag(word) OVER (ORDER BY rowid) AS back FROM search_postings) "
            "WHERE back"
        ).fetchone()
        stats = con.execute(
            "SELECT num_docs = (SELECT count(*) FROM sentences), total_len = (SELECT sum(tf) FROM search_postings), "
            "patched_postings FROM search_stats"
        ).fetchone()
    assert unsorted == (0,)
    assert stats == (True, True, 0)


def index_contents(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    """The index as it means, independent of the article numbers a build or a patch handed out."""
    return {
        "postings": con.execute(
            "SELECT p.word, x.article_id, p.sentence_no, p.tf, p.len FROM search_postings AS p "
            "JOIN search_articles AS x USING (article_no) ORDER BY ALL"
        ).fetchall(),
        "articles": con.execute("SELECT article_id, char_start, char_end FROM search_articles ORDER BY ALL").fetchall(),
        "vocabulary": con.execute("SELECT word, term, postings FROM search_vocabulary ORDER BY ALL").fetchall(),
        "stats": con.execute("SELECT num_docs, total_len FROM search_stats").fetchall(),
        "unique numbers": con.execute("SELECT count(DISTINCT article_no) = count(*) FROM search_articles").fetchall(),
    }


def test_offsets_built_in_slices_equal_one_pass(sample_db: Path, tmp_path: Path, monkeypatch) -> None:
    """The offset lists are aggregated ARTICLE_SLICE articles at a time (a list aggregate cannot spill):
    slices of 3 articles, with a last partial slice, give the same index as one slice over everything."""
    copies = []
    for slice_size in (3, 10**9):
        monkeypatch.setattr(search_index, "ARTICLE_SLICE", slice_size)
        copy = tmp_path / f"slice_{slice_size}.duckdb"
        shutil.copyfile(sample_db, copy)
        with duckdb.connect(str(copy)) as con:
            assert build_search_index(con)
            articles = con.execute("SELECT count(*), max(article_no) FROM search_articles").fetchone()
            copies.append((index_contents(con), con.execute("FROM search_articles ORDER BY 1").fetchall()))
    assert articles is not None and articles[0] == articles[1] and articles[0] % 3 != 0
    assert copies[0] == copies[1]


def test_a_chain_of_patches_equals_a_full_rebuild(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(SAMPLE_RAW_DIR, raw)
    db = build_sample_warehouse(raw, tmp_path / "out", tmp_path / "newsflow.duckdb")
    queries = ("ferry", "hovercraft record", "bridges closed", "council", "lighthouse keeper")
    # New articles, a changed file and a removed one, each published by a nightly patch.
    (raw / "misc" / "ferry.txt").write_text(" date 2023-03-01 A new ferry crossed the bay in record time.\n")
    build_sample_warehouse(raw, tmp_path / "out", db)
    (raw / "misc" / "ferry.txt").write_text(
        " date 2023-03-01 A hovercraft crossed the bay in record time.\n\n"
        " date 2023-03-02 The lighthouse keeper retired after forty years.\n"
    )
    build_sample_warehouse(raw, tmp_path / "out", db)
    with duckdb.connect(str(db), read_only=True) as con:
        load_fts(con)
        patched = index_contents(con)
        patched_hits = {q: search(con, q) for q in queries}
        assert con.execute("SELECT patched_postings > 0 FROM search_stats").fetchone() == (True,)
    assert patched_hits["ferry"] and patched_hits["hovercraft record"] and patched_hits["lighthouse keeper"]
    assert all("new ferry" not in text for _, _, _, text in patched_hits["ferry"])  # the replaced text is gone

    rebuilt = tmp_path / "rebuilt.duckdb"
    shutil.copyfile(db, rebuilt)
    with duckdb.connect(str(rebuilt)) as con:
        assert build_search_index(con)
        assert index_contents(con) == patched
        assert {q: search(con, q) for q in queries} == patched_hits


def test_a_patch_touches_only_the_given_articles_and_a_large_one_rebuilds(monkeypatch) -> None:
    monkeypatch.setattr(search_index, "REBUILD_SHARE", math.inf)  # a tiny corpus: keep patching
    with duckdb.connect() as con:
        corpus(con, {"a1": ["The ferry left."], "a2": ["The harbour closed."], "a3": ["A bridge opened."]})
        assert build_search_index(con)
        numbers = dict(con.execute("SELECT article_id, article_no FROM search_articles").fetchall())
        add_articles(con, {"a2": ["The harbour reopened today."], "a4": ["Another ferry sailed."]})
        con.execute("DELETE FROM articles WHERE article_id = 'a3'")
        con.execute("DELETE FROM sentences WHERE article_id = 'a3'")
        con.execute("CREATE TEMP TABLE affected AS SELECT unnest(['a2', 'a3', 'a4']) AS article_id")
        assert patch_search_index(con, "affected")
        after = dict(con.execute("SELECT article_id, article_no FROM search_articles").fetchall())
        assert after["a1"] == numbers["a1"] and set(after) == {"a1", "a2", "a4"}
        assert after["a2"] > after["a1"] and after["a4"] > after["a1"]  # numbered past those still in use
        assert {a for a, *_ in search(con, "ferry")} == {"a1", "a4"}
        assert search(con, "bridge") == [] and search(con, "reopened")[0][0] == "a2"
        assert con.execute("SELECT count(*) FROM search_vocabulary WHERE word = 'bridge'").fetchone() == (0,)
        patched = con.execute("SELECT patched_postings FROM search_stats").fetchone()
        assert patched is not None and patched[0] > 0

        monkeypatch.setattr(search_index, "REBUILD_SHARE", 0.0)  # any appended run now triggers a rebuild
        add_articles(con, {"a5": ["The ferry returned."]})
        con.execute("CREATE OR REPLACE TEMP TABLE affected AS SELECT 'a5' AS article_id")
        assert patch_search_index(con, "affected")
        assert con.execute("SELECT patched_postings FROM search_stats").fetchone() == (0,)
        assert con.execute("SELECT article_id FROM search_articles ORDER BY article_no").fetchall() == [
            ("a1",),
            ("a2",),
            ("a4",),
            ("a5",),
        ]  # renumbered in article_id order
        assert {a for a, *_ in search(con, "ferry")} == {"a1", "a4", "a5"}


def test_a_patch_touching_most_articles_is_a_rebuild(monkeypatch) -> None:
    """Deleting most postings one by one ran out of memory on the 1 GB warehouse: a patch over more than
    REBUILD_SHARE of the indexed articles rebuilds instead, before deleting anything."""
    monkeypatch.setattr(search_index, "REBUILD_SHARE", 0.5)
    with duckdb.connect() as con:
        corpus(con, {"a1": ["The ferry left."], "a2": ["The harbour closed."], "a3": ["A bridge opened."]})
        assert build_search_index(con)
        add_articles(con, {"a4": ["Another ferry sailed."]})
        con.execute("CREATE TEMP TABLE affected AS SELECT 'a4' AS article_id")
        assert patch_search_index(con, "affected")  # 1 of 3: a patch, appended as its own run
        assert con.execute("SELECT patched_postings > 0 FROM search_stats").fetchone() == (True,)
        add_articles(con, {"a1": ["The ferry came back."], "a2": ["The harbour reopened."], "a3": ["It rained."]})
        con.execute("CREATE OR REPLACE TEMP TABLE affected AS SELECT unnest(['a1', 'a2', 'a3']) AS article_id")
        postings_before = con.execute("SELECT count(*) FROM search_postings").fetchone()
        seen_by_rebuild = []
        rebuild = search_index.build_search_index

        def spy(con: duckdb.DuckDBPyConnection) -> bool:
            seen_by_rebuild.append(con.execute("SELECT count(*) FROM search_postings").fetchone())
            return rebuild(con)

        monkeypatch.setattr(search_index, "build_search_index", spy)
        assert patch_search_index(con, "affected")  # 3 of 4: rebuilt, one sorted run again
        assert seen_by_rebuild == [postings_before]  # ... before a single posting was deleted
        assert con.execute("SELECT patched_postings FROM search_stats").fetchone() == (0,)
        assert search(con, "bridge") == [] and {a for a, *_ in search(con, "ferry")} == {"a1", "a4"}


def test_without_the_extension_search_says_why(monkeypatch) -> None:
    with duckdb.connect() as con:
        corpus(con, {"a1": ["The ferry left."]})
        assert build_search_index(con)
        monkeypatch.setattr(search_index, "fts_extension_path", lambda: None)
        con.execute("CREATE TEMP TABLE affected AS SELECT 'a1' AS article_id")
        assert not patch_search_index(con, "affected")
        tables = con.execute("SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'search_%'").fetchall()
        assert tables == []
        with pytest.raises(duckdb.Error, match="full-text search is off"):
            search(con, "ferry")
        columns = [c[0] for c in con.execute("DESCRIBE SELECT * FROM search_sentences('x')").fetchall()]
        assert columns == ["article_id", "sentence_no", "published_date", "site", "score", "text"]


def test_a_reader_without_the_extension_gets_an_error_not_wrong_rows(sample_db: Path) -> None:
    code = (
        "import duckdb, sys\n"
        f"con = duckdb.connect({str(sample_db)!r}, read_only=True)\n"
        "con.execute('SET autoinstall_known_extensions = false')\n"
        "con.execute('SET autoload_known_extensions = false')\n"
        "try:\n"
        "    con.execute(\"SELECT * FROM search_sentences('ferry')\").fetchall()\n"
        "except duckdb.Error as error:\n"
        "    print('stem' in str(error))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "True"
