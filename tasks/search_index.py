"""Full-text search over sentences with DuckDB's fts extension, loaded from its PyPI wheel (no network).

DuckDB downloads extensions at first use, which fails on an air-gapped machine. The
`duckdb-extension-fts` wheel ships the compiled extension for our pinned DuckDB version; it is
loaded from that file, so nothing is fetched and nothing is installed into ~/.duckdb.

`PRAGMA create_fts_index` builds a BM25 index (schema `fts_main_sentence_search`) over a narrow
table `sentence_search (doc_id, article_id, sentence_no)`: the extension needs one unique id
column, sentences has a two-column key, and rowids are not stable across a patch. The text is
only read while indexing and dropped afterwards, so the sentences are not stored twice.
The index cannot be updated in place: it is rebuilt over all sentences by full builds, by `--reindex`
runs, and by patches while the warehouse is small (tasks/analytics.py says when; README, "Querying",
says what it costs on a large warehouse).
"""

from __future__ import annotations

import importlib.resources
from pathlib import Path

import duckdb

SEARCH_TABLE = "sentence_search"
FTS_SCHEMA = f"fts_main_{SEARCH_TABLE}"


def fts_extension_path() -> Path | None:
    """The fts extension file shipped by the duckdb-extension-fts wheel for this DuckDB version, if installed."""
    try:
        import duckdb_extension_fts
    except ImportError:
        return None
    path = Path(str(importlib.resources.files(duckdb_extension_fts))) / "extensions" / f"v{duckdb.__version__}"
    path = path / "fts.duckdb_extension"
    return path if path.is_file() else None


def load_fts(con: duckdb.DuckDBPyConnection) -> bool:
    """Load the fts extension into `con` from the wheel; False when it is not available (search is then off)."""
    path = fts_extension_path()
    if path is None:
        return False
    try:
        con.execute("LOAD " + "'" + str(path).replace("'", "''") + "'")
    except duckdb.Error:
        return False
    return True


SEARCH_MACRO_SQL = f"""
CREATE OR REPLACE MACRO search_sentences(query, max_rows := 100) AS TABLE
SELECT d.article_id, d.sentence_no, a.published_date, coalesce(a.site, '(dump)') AS site,
       round(d.score, 4) AS score, s.text
FROM (SELECT article_id, sentence_no, {FTS_SCHEMA}.match_bm25(doc_id, query) AS score FROM {SEARCH_TABLE}) AS d
JOIN sentences AS s USING (article_id, sentence_no)
JOIN articles AS a USING (article_id)
WHERE d.score IS NOT NULL
ORDER BY d.score DESC, d.article_id, d.sentence_no
LIMIT max_rows
"""
SEARCH_MACRO_COMMENT = (
    "Full-text search (BM25, English stemming, stop words ignored) over sentences: the best max_rows matches for "
    "`query`, best first. Needs the fts extension loaded: `newsflow query` loads it from the duckdb-extension-fts "
    "wheel."
)


def has_search_index(con: duckdb.DuckDBPyConnection) -> bool:
    row = con.execute("SELECT count(*) FROM duckdb_schemas() WHERE schema_name = ?", [FTS_SCHEMA]).fetchone()
    return row is not None and row[0] > 0


def drop_search_index(con: duckdb.DuckDBPyConnection) -> None:
    """Remove the index, its table and macro (a patched copy must not keep a stale index)."""
    con.execute(f"DROP SCHEMA IF EXISTS {FTS_SCHEMA} CASCADE")
    con.execute(f"DROP TABLE IF EXISTS {SEARCH_TABLE}")
    con.execute("DROP MACRO TABLE IF EXISTS search_sentences")


def forget_articles(con: duckdb.DuckDBPyConnection, affected: str) -> None:
    """Drop the index entries of the articles in table `affected` (changed or new since the index was built):
    search_sentences reaches documents through sentence_search, so they are never returned stale."""
    con.execute(f'DELETE FROM {SEARCH_TABLE} WHERE article_id IN (SELECT article_id FROM "{affected}")')


def build_search_index(con: duckdb.DuckDBPyConnection) -> bool:
    """(Re)build the BM25 index over every sentence and the search_sentences macro; False without the extension."""
    if not load_fts(con):
        drop_search_index(con)
        return False
    con.execute(
        f"CREATE OR REPLACE TABLE {SEARCH_TABLE} AS SELECT "
        "row_number() OVER (ORDER BY article_id, sentence_no) AS doc_id, article_id, sentence_no, text FROM sentences"
    )
    con.execute(f"PRAGMA create_fts_index('{SEARCH_TABLE}', 'doc_id', 'text', overwrite = 1)")
    con.execute(f"ALTER TABLE {SEARCH_TABLE} DROP COLUMN text")
    con.execute(
        f"COMMENT ON TABLE {SEARCH_TABLE} IS 'Document ids of the full-text index over sentences "
        f"({FTS_SCHEMA}); use the search_sentences macro.'"
    )
    con.execute(f"COMMENT ON COLUMN {SEARCH_TABLE}.doc_id IS 'Document id in the full-text index.'")
    con.execute(f"COMMENT ON COLUMN {SEARCH_TABLE}.article_id IS 'Article of the sentence.'")
    con.execute(f"COMMENT ON COLUMN {SEARCH_TABLE}.sentence_no IS 'Sentence number in the article.'")
    internal = con.execute(
        "SELECT table_name, column_name FROM duckdb_columns() WHERE schema_name = ? AND comment IS NULL", [FTS_SCHEMA]
    ).fetchall()
    for table, column in internal:
        con.execute(f'COMMENT ON COLUMN {FTS_SCHEMA}."{table}"."{column}" IS \'Internal to the fts index.\'')
    tables = con.execute("SELECT table_name FROM duckdb_tables() WHERE schema_name = ?", [FTS_SCHEMA]).fetchall()
    for (table,) in tables:
        con.execute(f"COMMENT ON TABLE {FTS_SCHEMA}.\"{table}\" IS 'Internal table of the fts index over sentences.'")
    con.execute(SEARCH_MACRO_SQL)
    con.execute("COMMENT ON MACRO TABLE search_sentences IS '" + SEARCH_MACRO_COMMENT.replace("'", "''") + "'")
    return True
