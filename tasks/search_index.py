"""Full-text search over sentences: newsflow's own inverted index in ordinary DuckDB tables, BM25 at query time.

Why not DuckDB's fts index: `PRAGMA create_fts_index` cannot be updated in place, and its
`match_bm25` is evaluated for every document (1.2 s per query on 9 M sentences). This index is
kept in plain tables, patched with the articles a publish touched, and a query reads only the
postings of its own words.

Tables (all rebuilt by a full build, patched by a nightly publish):
- `search_postings(word, article_no, sentence_no, tf, len)`: one row per distinct word of a sentence,
  with its count there and the sentence's length (words kept, stop words excluded). Each insert is
  sorted by word, so the zone maps (min/max per row group) let a lookup skip every row group that
  cannot hold the query's words: a full build is one sorted run, each patch appends a small one.
- `search_vocabulary(word, term)`: every indexed word and its Porter stem. Postings hold the word
  as written (lower case, accents stripped) and the stem is applied to the vocabulary only: stemming
  every token of a full build was a third of its time, stemming each distinct word once is free.
  A query stems its own words and reads the postings of every word sharing a stem.
- `search_articles(article_no, article_id, char_start, char_end)`: a small integer per article for
  the postings, and each sentence's offsets in `articles.body` (lists indexed by sentence_no), so
  the text of the best hits comes from the 386 k-row articles table instead of a scan of sentences.
- `search_stopwords(word)`: the fts extension's English stop word list, ignored in text and queries.
- `search_stats`: number of sentences, their total length, postings appended by patches.

Tokens are the runs of letters and digits of lower(strip_accents(text)) (any script; digits are
kept, so years are searchable; curly quotes and apostrophes split words as straight ones do).
Stop words are dropped before stemming, as the fts extension does. Scores are the extension's
BM25: idf = log10((N - df + 0.5) / (df + 0.5) + 1), k1 = 1.2, b = 0.75, df counted per stem over
sentences, N = all sentences, sentence length = its kept words. Hits are ranked by the score rounded
to 4 places (the value shown), then article_id and sentence_no, so a patched index and a rebuilt one
return the same rows in the same order.

Stemming needs the fts extension's `stem()`, loaded from the `duckdb-extension-fts` wheel (no
download; DuckDB fetches extensions at first use, which fails air-gapped). Without the wheel at
publish time the index is dropped and `search_sentences` raises an error that says so; a reader
must load the extension too (`newsflow query` does).

Incremental: a patch deletes the postings of the articles it touched and inserts their new ones,
updates the vocabulary and the stats; nothing else is read. When the postings appended by patches
pass a fifth of the index, the patch rebuilds it (one sorted run again). `--reindex` forces that
rebuild; it is maintenance, never needed for correctness.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
from collections.abc import Sequence
from pathlib import Path

import duckdb

POSTINGS = "search_postings"
VOCABULARY = "search_vocabulary"
ARTICLES = "search_articles"
STOPWORDS = "search_stopwords"
STATS = "search_stats"
SEARCH_TABLES = (POSTINGS, VOCABULARY, ARTICLES, STOPWORDS, STATS)
K1 = 1.2
B = 0.75
# Postings appended by patches since the last build, as a share of all postings, past which a
# patch rebuilds the index: appended runs each cost a lookup a row group or two per word.
REBUILD_SHARE = 0.2
# Articles whose sentence offsets are aggregated at once (about 1.2 M sentences at the corpus's ~23 per
# article): the list aggregate cannot spill, so its memory is bounded by the slice, not the warehouse.
ARTICLE_SLICE = 50_000
# Word characters are letters and digits of any script; everything else separates words.
SEPARATORS = r"[^\p{L}\p{N}]+"

TABLE_COMMENTS = {
    POSTINGS: "Full-text index: one row per distinct word of a sentence (stop words excluded), sorted by word "
    "per run. Use the search_sentences macro.",
    VOCABULARY: "Full-text index: every indexed word and its Porter stem.",
    ARTICLES: "Full-text index: article number used by the postings, and sentence offsets in articles.body.",
    STOPWORDS: "Full-text index: English stop words (the fts extension's list), ignored in text and queries.",
    STATS: "Full-text index: sentence count, total length and postings appended since the last rebuild.",
}
COLUMN_COMMENTS = {
    POSTINGS: {
        "word": "Word as indexed: lower case, accents stripped.",
        "article_no": "Article number (search_articles).",
        "sentence_no": "Sentence number in the article.",
        "tf": "Occurrences of the word in the sentence.",
        "len": "Words in the sentence, stop words excluded (BM25 document length).",
    },
    VOCABULARY: {
        "word": "Indexed word.",
        "term": "Its Porter stem: query words match by stem.",
        "postings": "Sentences holding the word (its rows in search_postings); a word leaves at 0.",
    },
    ARTICLES: {
        "article_no": "Article number used by search_postings.",
        "article_id": "Article.",
        "char_start": "Start offset of each sentence in articles.body, indexed by sentence_no + 1.",
        "char_end": "End offset (exclusive) of each sentence in articles.body, indexed by sentence_no + 1.",
    },
    STOPWORDS: {"word": "Stop word."},
    STATS: {
        "num_docs": "Sentences (BM25 N, empty ones included).",
        "total_len": "Sum of sentence lengths (BM25 average length = total_len / num_docs).",
        "patched_postings": "Postings appended by patches since the last rebuild.",
    },
}
TABLE_SQL = {
    POSTINGS: "word VARCHAR NOT NULL, article_no INTEGER NOT NULL, sentence_no INTEGER NOT NULL, "
    "tf INTEGER NOT NULL, len INTEGER NOT NULL",
    VOCABULARY: "word VARCHAR NOT NULL, term VARCHAR NOT NULL, postings BIGINT NOT NULL",
    ARTICLES: "article_no INTEGER NOT NULL, article_id VARCHAR NOT NULL, char_start INTEGER[] NOT NULL, "
    "char_end INTEGER[] NOT NULL",
    STOPWORDS: "word VARCHAR NOT NULL",
    STATS: "num_docs BIGINT NOT NULL, total_len BIGINT NOT NULL, patched_postings BIGINT NOT NULL",
}


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


@functools.cache
def fts_stopwords() -> tuple[str, ...]:
    """The fts extension's English stop words (it creates them with an index: build one over nothing; once
    per process, as it costs a publish of the small sample a third of its index build)."""
    with duckdb.connect() as scratch:
        if not load_fts(scratch):
            raise RuntimeError("the fts extension is not available")
        scratch.execute("CREATE TABLE t (id INTEGER, text VARCHAR)")
        scratch.execute("PRAGMA create_fts_index('t', 'id', 'text')")
        return tuple(row[0] for row in scratch.execute("SELECT sw FROM fts_main_t.stopwords ORDER BY sw").fetchall())


def words_sql(text: str) -> str:
    """SQL for the list of words of the VARCHAR expression `text` (empty strings removed)."""
    return (
        f"list_filter(string_split(regexp_replace(lower(strip_accents({text})), '{SEPARATORS}', ' ', 'g'), ' '), "
        "w -> w <> '')"
    )


def stopword_pattern(stopwords: Sequence[str]) -> str:
    """One RE2 alternation of the stop words that can be tokens: matching it per word is ~10x faster than
    a 571-value IN list inside a lambda, and a list lambda cannot use a join."""
    words = sorted({w for w in stopwords if w and re.fullmatch(r"\w+", w)}, key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w) for w in words) + ")"


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


SEARCH_MACRO_SQL = f"""
CREATE OR REPLACE MACRO search_sentences(query, max_rows := 100) AS TABLE
WITH query_terms AS (
    SELECT DISTINCT stem(w, 'porter') AS term
    FROM (SELECT unnest({words_sql("query")}) AS w)
    WHERE w NOT IN (SELECT word FROM {STOPWORDS})
),
query_words AS (  -- each indexed word sharing a stem with the query; a small number for its stem
    SELECT word, dense_rank() OVER (ORDER BY term)::INTEGER AS t, count(*) OVER (PARTITION BY term) > 1 AS shared
    FROM {VOCABULARY} WHERE term IN (SELECT term FROM query_terms)
),
postings AS (  -- fixed-width document key: grouping on it is several times faster than on two columns
    SELECT q.t, q.shared, (p.article_no::BIGINT << 32) | p.sentence_no AS doc, p.tf::DOUBLE AS tf,
           p.len::DOUBLE AS len
    FROM {POSTINGS} AS p JOIN query_words AS q ON p.word = q.word
),
hits AS (  -- one row per stem and sentence: only stems with several words can have several rows to add up
    SELECT t, doc, tf, len FROM postings WHERE NOT shared
    UNION ALL
    SELECT t, doc, sum(tf), any_value(len) FROM postings WHERE shared GROUP BY t, doc
),
stats AS (
    SELECT num_docs::DOUBLE AS n, {B} * num_docs::DOUBLE / greatest(total_len, 1) AS length_weight FROM {STATS}
),
inverse_document_frequency AS (  -- once per stem, not per posting
    SELECT h.t, log10((st.n - count(*) + 0.5) / (count(*) + 0.5) + 1) AS idf
    FROM hits AS h, stats AS st
    GROUP BY h.t, st.n
),
scored AS (
    SELECT h.doc,
           round(sum(d.idf * h.tf * {K1 + 1} / (h.tf + {K1} * ({1 - B} + h.len * st.length_weight))), 4) AS score
    FROM hits AS h JOIN inverse_document_frequency AS d USING (t), stats AS st
    GROUP BY h.doc
),
cutoff AS (  -- the max_rows-th best score: only sentences scoring at least that need their article_id
    SELECT min(score) AS score FROM (SELECT score FROM scored ORDER BY score DESC LIMIT max_rows)
),
best AS (
    SELECT x.article_id, x.article_no, (s.doc & 4294967295)::INTEGER AS sentence_no, s.score
    FROM scored AS s JOIN {ARTICLES} AS x ON x.article_no = (s.doc >> 32)::INTEGER
    WHERE s.score >= (SELECT score FROM cutoff)
    ORDER BY s.score DESC, x.article_id, sentence_no
    LIMIT max_rows
)
SELECT b.article_id, b.sentence_no, a.published_date, coalesce(a.site, '(dump)') AS site, b.score,
       substring(a.body, x.char_start[b.sentence_no + 1] + 1,
                 x.char_end[b.sentence_no + 1] - x.char_start[b.sentence_no + 1]) AS text
FROM best AS b
JOIN {ARTICLES} AS x USING (article_no)
JOIN articles AS a ON a.article_id = b.article_id
ORDER BY b.score DESC, b.article_id, b.sentence_no
"""
SEARCH_MACRO_COMMENT = (
    "Full-text search (BM25, English stemming, stop words ignored) over sentences: the best max_rows matches for "
    "`query`, best first. Needs the fts extension loaded: `newsflow query` loads it from the duckdb-extension-fts "
    "wheel."
)
NO_SEARCH_MESSAGE = (
    "full-text search is off in this database: it was published without the duckdb-extension-fts wheel "
    "(needed for stemming); install it and run `newsflow ingest --reindex`"
)
# Same columns as the real macro, so a query written against it binds; any call raises the message.
NO_SEARCH_MACRO_SQL = f"""
CREATE OR REPLACE MACRO search_sentences(query, max_rows := 100) AS TABLE
SELECT NULL::VARCHAR AS article_id, NULL::INTEGER AS sentence_no, NULL::DATE AS published_date,
       NULL::VARCHAR AS site, NULL::DOUBLE AS score, NULL::VARCHAR AS text
WHERE error({_literal(NO_SEARCH_MESSAGE)})
"""


def has_search_index(con: duckdb.DuckDBPyConnection) -> bool:
    row = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = ?", [STATS]
    ).fetchone()
    return row is not None and row[0] > 0


def drop_search_index(con: duckdb.DuckDBPyConnection) -> None:
    """Remove the index tables (and the fts extension's index of older databases)."""
    for table in SEARCH_TABLES:
        con.execute(f'DROP TABLE IF EXISTS "{table}"')
    con.execute("DROP SCHEMA IF EXISTS fts_main_sentence_search CASCADE")
    con.execute("DROP TABLE IF EXISTS sentence_search")


def _create_tables(con: duckdb.DuckDBPyConnection) -> None:
    for table in SEARCH_TABLES:
        con.execute(f'CREATE TABLE "{table}" ({TABLE_SQL[table]})')
        con.execute(f'COMMENT ON TABLE "{table}" IS {_literal(TABLE_COMMENTS[table])}')
        for column, comment in COLUMN_COMMENTS[table].items():
            con.execute(f'COMMENT ON COLUMN "{table}"."{column}" IS {_literal(comment)}')


def _number_articles(con: duckdb.DuckDBPyConnection, where: str) -> None:
    """Give the articles with sentences (those matching `where`) numbers past the largest in use, with
    their sentence offsets.

    The offsets are a list aggregate, which DuckDB cannot spill to disk: over all 9 M sentences of the
    1 GB corpus it ran out of memory under a 512 MB cap. So the articles are numbered first (one row each,
    in article_id order) and their lists are built ARTICLE_SLICE articles at a time.
    """
    con.execute(
        "CREATE OR REPLACE TEMP TABLE search_numbering AS "
        f"SELECT ((SELECT coalesce(max(article_no), 0) FROM {ARTICLES}) "
        "+ row_number() OVER (ORDER BY article_id))::INTEGER AS article_no, article_id "
        f"FROM (SELECT DISTINCT article_id FROM sentences {where})"
    )
    bounds = con.execute("SELECT min(article_no), max(article_no) FROM search_numbering").fetchone()
    first, last = bounds if bounds is not None and bounds[0] is not None else (1, 0)
    for low in range(first, last + 1, ARTICLE_SLICE):
        # list(... ORDER BY ...) buffers every row; sorting each article's small list afterwards does not.
        con.execute(
            f"INSERT INTO {ARTICLES} SELECT n.article_no, n.article_id, "
            "list_transform(spans, x -> x[2]), list_transform(spans, x -> x[3]) "
            "FROM (SELECT article_id, list_sort(list([sentence_no, char_start, char_end])) AS spans "
            "FROM sentences WHERE article_id IN "
            "(SELECT article_id FROM search_numbering WHERE article_no BETWEEN ? AND ?) GROUP BY article_id) AS s "
            "JOIN search_numbering AS n USING (article_id) ORDER BY n.article_no",
            [low, low + ARTICLE_SLICE - 1],
        )
    con.execute("DROP TABLE search_numbering")
    # The offsets are looked up by position: sentence numbers must run 0..n-1 (tasks/sentences.py numbers them so).
    row = con.execute(
        f"SELECT count(*) FROM (SELECT article_id FROM sentences {where} GROUP BY article_id "
        "HAVING min(sentence_no) <> 0 OR max(sentence_no) <> count(*) - 1)"
    ).fetchone()
    if row is not None and row[0] > 0:
        raise ValueError(f"{row[0]} articles have sentence numbers that do not run 0..n-1; cannot index them")


def _insert_postings(con: duckdb.DuckDBPyConnection, stop_pattern: str, where: str, target: str = POSTINGS) -> int:
    """Tokenise the sentences of the numbered articles matching `where` and append their postings to `target`
    as one run sorted by word. Per sentence: words, stop words out, a histogram (word -> tf) unnested into rows,
    so no aggregate over all postings is needed. Returns the number of rows appended."""
    words = f"list_filter({words_sql('s.text')}, w -> NOT regexp_full_match(w, {_literal(stop_pattern)}))"
    row = con.execute(
        f"""INSERT INTO {target}
        SELECT word, article_no, sentence_no, tf::INTEGER, len::INTEGER FROM (
            SELECT article_no, sentence_no, len(words) AS len,
                   unnest(map_keys(counts)) AS word, unnest(map_values(counts)) AS tf
            FROM (
                SELECT article_no, sentence_no, words, list_aggregate(words, 'histogram') AS counts
                FROM (
                    SELECT x.article_no, s.sentence_no, {words} AS words
                    FROM sentences AS s JOIN {ARTICLES} AS x ON x.article_id = s.article_id {where}
                )
            )
        )
        ORDER BY word, article_no, sentence_no"""
    ).fetchone()
    return int(row[0]) if row else 0


def _update_stats(con: duckdb.DuckDBPyConnection, patched: int) -> None:
    con.execute(f"DELETE FROM {STATS}")
    con.execute(
        f"INSERT INTO {STATS} SELECT (SELECT count(*) FROM sentences), "
        f"(SELECT coalesce(sum(tf), 0) FROM {POSTINGS}), ?",
        [patched],
    )


def _create_macro(con: duckdb.DuckDBPyConnection, sql: str) -> None:
    con.execute(sql)
    con.execute("COMMENT ON MACRO TABLE search_sentences IS " + _literal(SEARCH_MACRO_COMMENT))


def build_search_index(con: duckdb.DuckDBPyConnection) -> bool:
    """(Re)build the index over every sentence and the search_sentences macro; False without the extension."""
    drop_search_index(con)
    if not load_fts(con):
        _create_macro(con, NO_SEARCH_MACRO_SQL)
        return False
    stopwords = fts_stopwords()
    _create_tables(con)
    con.execute(f"INSERT INTO {STOPWORDS} SELECT unnest(?::VARCHAR[])", [list(stopwords)])
    _number_articles(con, "")
    _insert_postings(con, stopword_pattern(stopwords), "")
    con.execute(
        f"INSERT INTO {VOCABULARY} SELECT word, stem(word, 'porter'), n FROM "
        f"(SELECT word, count(*) AS n FROM {POSTINGS} GROUP BY word) ORDER BY word"
    )
    _update_stats(con, 0)
    _create_macro(con, SEARCH_MACRO_SQL)
    return True


def patch_search_index(con: duckdb.DuckDBPyConnection, affected: str) -> bool:
    """Bring the index up to date with the articles in table `affected` (changed, new or deleted since it
    was built): only their postings are rewritten (finding them scans the article_no column of the postings;
    no text but theirs is read). Rebuilds instead when the patch touches more than REBUILD_SHARE of the
    indexed articles, or when the runs appended by patches pass REBUILD_SHARE of the index. False without
    the extension (the index is then dropped)."""
    if not has_search_index(con) or not load_fts(con):
        return build_search_index(con)
    # A patch that touches much of the index (a re-parse of everything, an out_dir rebuilt under an old
    # database) is a rebuild: deleting most postings row by row ran out of memory under the 512 MB cap
    # on the 1 GB warehouse, and a rebuild ends with the same index in one sorted run.
    sizes = con.execute(f'SELECT (SELECT count(*) FROM "{affected}"), (SELECT count(*) FROM {ARTICLES})').fetchone()
    if sizes is not None and sizes[0] > REBUILD_SHARE * max(sizes[1], 1):
        return build_search_index(con)
    stats = con.execute(f"SELECT patched_postings FROM {STATS}").fetchone()
    patched = int(stats[0]) if stats else 0
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE search_old AS SELECT article_no FROM {ARTICLES} "
        f'WHERE article_id IN (SELECT article_id FROM "{affected}")'
    )
    # Per-word posting counts of what leaves and what enters keep the vocabulary exact without reading
    # the rest of the postings.
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE search_delta AS SELECT word, -count(*) AS n FROM {POSTINGS} "
        "WHERE article_no IN (SELECT article_no FROM search_old) GROUP BY word"
    )
    con.execute(f"DELETE FROM {POSTINGS} WHERE article_no IN (SELECT article_no FROM search_old)")
    con.execute(f"DELETE FROM {ARTICLES} WHERE article_no IN (SELECT article_no FROM search_old)")
    _number_articles(con, f'WHERE article_id IN (SELECT article_id FROM "{affected}")')
    stop_pattern = stopword_pattern([row[0] for row in con.execute(f"SELECT word FROM {STOPWORDS}").fetchall()])
    con.execute(f"CREATE OR REPLACE TEMP TABLE search_new ({TABLE_SQL[POSTINGS]})")
    _insert_postings(con, stop_pattern, f'WHERE s.article_id IN (SELECT article_id FROM "{affected}")', "search_new")
    row = con.execute(f"INSERT INTO {POSTINGS} SELECT * FROM search_new ORDER BY word, article_no, sentence_no")
    patched += int((row.fetchone() or (0,))[0])
    con.execute("INSERT INTO search_delta SELECT word, count(*) FROM search_new GROUP BY word")
    con.execute("CREATE OR REPLACE TEMP TABLE search_delta AS SELECT word, sum(n) AS n FROM search_delta GROUP BY word")
    con.execute(
        f"UPDATE {VOCABULARY} AS v SET postings = v.postings + d.n FROM search_delta AS d WHERE v.word = d.word"
    )
    con.execute(
        f"INSERT INTO {VOCABULARY} SELECT word, stem(word, 'porter'), n FROM search_delta "
        f"WHERE word NOT IN (SELECT word FROM {VOCABULARY})"
    )
    con.execute(f"DELETE FROM {VOCABULARY} WHERE postings = 0")
    for table in ("search_old", "search_new", "search_delta"):
        con.execute(f"DROP TABLE {table}")
    total = con.execute(f"SELECT count(*) FROM {POSTINGS}").fetchone()
    if total is not None and patched > REBUILD_SHARE * total[0]:
        return build_search_index(con)
    _update_stats(con, patched)
    return True
