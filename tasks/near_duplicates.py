"""Near-duplicate articles (syndicated copies, light edits): MinHash + LSH in DuckDB SQL, at publish.

Nothing is deleted: every article gets a `dup_cluster_id` (the id of its cluster's canonical
article; its own id when it has no near-duplicate) and `is_canonical` (earliest published_date,
then smallest article_id) in the table `article_duplicates`.

1. Shingles: lowercased word 5-grams of the body, each hashed (DuckDB `hash`, 64 bits).
2. MinHash by one-permutation hashing: each shingle hashed once more (DuckDB's integer hash, a
   MurmurHash finaliser, over the shingle hash and a fixed mask); the hash picks one of
   SIGNATURE_SIZE bins and the rest of it competes for the bin's minimum. Vectorised SQL (an unnest
   and a group-by), no Python per article.
3. LSH: the signature cut into BANDS bands of ROWS_PER_BAND values; each band hashed and kept in
   `article_bands`. Articles sharing a band hash are candidates (a band join); in a bucket holding more
   than MAX_BUCKET articles each one is only paired with the bucket's first (candidates stay linear).
4. Candidates are screened by the share of equal signature values (an estimate of their Jaccard
   similarity), then verified with the exact Jaccard similarity of their shingle sets (>= THRESHOLD)
   and kept in `duplicate_pairs`; clusters are the connected components of those pairs.

A patch recomputes bands and pairs only for the articles it touched (the `affected` table of the
loader), so the nightly cost follows the new data; the clusters are then re-derived from the pairs
(a narrow pass over article ids and dates).
With BANDS=10 and ROWS_PER_BAND=3, a pair of Jaccard 0.8 becomes a candidate with probability
1-(1-0.8^3)^10 = 0.999, one of 0.5 with 0.74, one of 0.3 with 0.24.
Measured (benchmarks/near_duplicates.py): copies with 2% of words replaced and a sentence dropped
and added are found 98.7% of the time, with 8% replaced 55%; no distinct articles were joined.
"""

from __future__ import annotations

import random

import duckdb
import polars as pl

SHINGLE_WORDS = 5
# Shingles come from the first SHINGLE_CHARS characters of the body (~400 words: a syndicated copy
# shares its opening with the original). Hashing whole bodies cost 0.16 s per MB of text at publish.
SHINGLE_CHARS = 2500
BANDS = 10
ROWS_PER_BAND = 3
SIGNATURE_SIZE = BANDS * ROWS_PER_BAND
THRESHOLD = 0.35
SIGNATURE_SLICE_ARTICLES = 40_000
MAX_BUCKET = 50
# Candidates whose signatures agree on fewer values than this are dropped before the exact check
# (an estimated Jaccard of 0.33: the estimate's standard error is ~0.09 at 30 values).
SCREEN_MATCHES = 10
# Fixed masks: the same article always gets the same signature (changing them means a --rebuild).
_SEEDS = random.Random(20261125)
MASKS = [_SEEDS.getrandbits(63) for _ in range(SIGNATURE_SIZE)]

SHINGLES_SQL = (
    "list_distinct(list_transform(range(1, greatest(len(words) - {k} + 2, 1) + 1), "
    "i -> hash(" + ", ".join(f"words[i + {j}]" for j in range(SHINGLE_WORDS)) + ")))"
).format(k=SHINGLE_WORDS)


def _shingles_from(articles_sql: str) -> str:
    """article_id, shingles (distinct UBIGINT hashes) of the articles selected by articles_sql."""
    return (
        f"SELECT article_id, {SHINGLES_SQL} AS shingles FROM ("
        rf"SELECT article_id, regexp_extract_all(lower(left(body, {SHINGLE_CHARS})), '\w+') AS words "
        f"FROM ({articles_sql}))"
    )


def create_tables(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        "CREATE TABLE IF NOT EXISTS article_signatures (article_id VARCHAR NOT NULL, signature UBIGINT[] NOT NULL)"
    )
    con.execute(
        "CREATE TABLE IF NOT EXISTS article_bands (article_id VARCHAR NOT NULL, band UTINYINT NOT NULL, "
        "band_hash UBIGINT NOT NULL)"
    )
    con.execute(
        "CREATE TABLE IF NOT EXISTS duplicate_pairs (article_id VARCHAR NOT NULL, other_id VARCHAR NOT NULL, "
        "jaccard DOUBLE NOT NULL)"
    )
    comments = {
        "article_signatures": f"MinHash signature ({SIGNATURE_SIZE} values) of each article's word "
        f"{SHINGLE_WORDS}-grams.",
        "article_signatures.article_id": "Article.",
        "article_signatures.signature": "Min of each seeded hash over the article's shingles.",
        "article_bands": "LSH band hashes of each article's MinHash signature (near-duplicate search).",
        "article_bands.article_id": "Article.",
        "article_bands.band": f"Band number, 0 to {BANDS - 1}.",
        "article_bands.band_hash": f"Hash of the band's {ROWS_PER_BAND} MinHash values.",
        "duplicate_pairs": f"Verified near-duplicate pairs: Jaccard similarity of word {SHINGLE_WORDS}-grams "
        f">= {THRESHOLD} (article_id < other_id).",
        "duplicate_pairs.article_id": "One article of the pair (the smaller id).",
        "duplicate_pairs.other_id": "The other article.",
        "duplicate_pairs.jaccard": f"Exact Jaccard similarity of the two articles' word {SHINGLE_WORDS}-gram sets.",
    }
    for target, comment in comments.items():
        kind = "COLUMN" if "." in target else "TABLE"
        con.execute(f"COMMENT ON {kind} {target} IS '" + comment.replace("'", "''") + "'")


def _insert_signatures(con: duckdb.DuckDBPyConnection, articles_sql: str) -> None:
    """MinHash signatures and LSH band hashes of the articles selected by articles_sql.

    One-permutation hashing (Li, Owen and Zhang, 2012): each shingle is hashed once, its hash picks
    one of SIGNATURE_SIZE bins and the rest of the hash competes for that bin's minimum. Same
    estimator as SIGNATURE_SIZE independent hashes at 1/SIGNATURE_SIZE of the cost (30 seeded hashes
    per shingle took 24 s per 100 MB of text; this takes a few). An article with fewer shingles than
    bins leaves some bins NULL: they never count as equal, and only make band candidates looser.
    """
    mask = MASKS[0]
    # One aggregate per bin in a single group-by: packing (bin, min) rows into lists took 2-3x longer.
    bin_minima = ", ".join(
        f"min(x // {SIGNATURE_SIZE}) FILTER (WHERE x % {SIGNATURE_SIZE} = {i})" for i in range(SIGNATURE_SIZE)
    )
    con.execute(
        "INSERT INTO article_signatures "
        "WITH hashed AS (SELECT article_id, unnest(shingles) AS h "
        f"FROM ({_shingles_from(articles_sql)}) WHERE len(shingles) > 0), "
        f"bins AS (SELECT article_id, hash(h // 2 + {mask}) AS x FROM hashed) "
        f"SELECT article_id, [{bin_minima}] FROM bins GROUP BY article_id"
    )
    con.execute(
        "INSERT INTO article_bands SELECT article_id, band::UTINYINT, "
        f"hash(band, signature[band * {ROWS_PER_BAND} + 1 : (band + 1) * {ROWS_PER_BAND}]) "
        f"FROM article_signatures, range({BANDS}) AS b(band) "
        f"WHERE article_id IN (SELECT article_id FROM ({articles_sql}))"
    )


def _insert_verified_pairs(con: duckdb.DuckDBPyConnection, touched_sql: str) -> None:
    """Candidate pairs (sharing a band) with at least one article in touched_sql: first screened by the
    share of equal MinHash values (an estimate of their Jaccard similarity), then verified exactly."""
    touched = f"(SELECT article_id FROM ({touched_sql}))"
    con.execute(
        "CREATE OR REPLACE TEMP TABLE candidates AS "
        "WITH buckets AS (SELECT band, band_hash, count(*) AS size, min(article_id) AS first_id "
        "FROM article_bands GROUP BY ALL HAVING count(*) > 1), "
        # Small bucket: every pair. Large bucket (mass syndication, or shared boilerplate): each
        # member against the bucket's first article only, so candidates grow linearly.
        # x runs over the touched articles only (a pair is found from either side), y over all.
        "pairs AS (SELECT DISTINCT least(x.article_id, y.article_id) AS article_id, "
        "greatest(x.article_id, y.article_id) AS other_id "
        f"FROM (SELECT * FROM article_bands WHERE article_id IN {touched}) AS x "
        "JOIN buckets AS b USING (band, band_hash) JOIN article_bands AS y USING (band, band_hash) "
        "WHERE x.article_id <> y.article_id "
        f"AND (b.size <= {MAX_BUCKET} OR y.article_id = b.first_id OR x.article_id = b.first_id)) "
        "SELECT p.article_id, p.other_id FROM pairs AS p "
        "JOIN article_signatures AS x ON x.article_id = p.article_id "
        "JOIN article_signatures AS y ON y.article_id = p.other_id "
        "WHERE len(list_filter(list_zip(x.signature, y.signature), p -> p[1] = p[2])) "
        f">= {SCREEN_MATCHES}"
    )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE candidate_shingles AS "
        + _shingles_from(
            "SELECT article_id, body FROM articles WHERE article_id IN "
            "(SELECT article_id FROM candidates UNION SELECT other_id FROM candidates)"
        )
    )
    con.execute(
        "INSERT INTO duplicate_pairs SELECT article_id, other_id, jaccard FROM ("
        "SELECT c.article_id, c.other_id, len(list_intersect(x.shingles, y.shingles)) AS shared, "
        "shared / (len(x.shingles) + len(y.shingles) - shared) AS jaccard "
        "FROM candidates AS c JOIN candidate_shingles AS x ON x.article_id = c.article_id "
        "JOIN candidate_shingles AS y ON y.article_id = c.other_id) "
        f"WHERE jaccard >= {THRESHOLD}"
    )
    con.execute("DROP TABLE candidates")
    con.execute("DROP TABLE candidate_shingles")


def connected_components(pairs: pl.DataFrame) -> pl.DataFrame:
    """article_id, component (smallest article_id of its connected component) for every article in pairs."""
    edges = pl.concat(
        [
            pairs.select(a=pl.col("article_id"), b=pl.col("other_id")),
            pairs.select(a=pl.col("other_id"), b=pl.col("article_id")),
        ]
    )
    labels = edges.group_by("a").agg(component=pl.min_horizontal(pl.col("a").first(), pl.col("b").min()))
    # Label propagation: every article takes its neighbours' smallest label until nothing changes
    # (as many rounds as the longest chain of copies; a handful in practice).
    while True:
        proposed = (
            edges.join(labels, left_on="b", right_on="a")
            .group_by("a")
            .agg(pl.col("component").min())
            .join(labels, on="a", suffix="_old")
            .select("a", component=pl.min_horizontal("component", "component_old"))
        )
        if proposed.sort("a").equals(labels.sort("a")):
            return labels.rename({"a": "article_id"})
        labels = proposed


def _derive_clusters(con: duckdb.DuckDBPyConnection) -> None:
    pairs = con.execute("SELECT article_id, other_id FROM duplicate_pairs").pl()
    components = (
        connected_components(pairs)
        if pairs.height
        else pl.DataFrame(schema={"article_id": pl.String, "component": pl.String})
    )
    con.register("components_frame", components.to_arrow())
    con.execute(
        "CREATE OR REPLACE TABLE article_duplicates AS "
        "WITH clustered AS (SELECT a.article_id, a.published_date, coalesce(c.component, a.article_id) AS component "
        "FROM articles AS a LEFT JOIN components_frame AS c USING (article_id)), "
        "ranked AS (SELECT *, first(article_id ORDER BY published_date NULLS LAST, article_id) "
        "OVER (PARTITION BY component) AS dup_cluster_id, count(*) OVER (PARTITION BY component) AS cluster_size "
        "FROM clustered) "
        "SELECT article_id, dup_cluster_id, article_id = dup_cluster_id AS is_canonical, cluster_size FROM ranked"
    )
    con.unregister("components_frame")
    comments = {
        "article_duplicates": "Near-duplicate clusters (MinHash/LSH, verified by Jaccard): one row per article; "
        "nothing is deleted. WHERE is_canonical keeps one article per cluster.",
        "article_duplicates.article_id": "Article.",
        "article_duplicates.dup_cluster_id": "article_id of the cluster's canonical article (its own id when it has "
        "no near-duplicate).",
        "article_duplicates.is_canonical": "True for the cluster's earliest article (published_date, then smallest "
        "article_id; undated last).",
        "article_duplicates.cluster_size": "Articles in the cluster (1: no near-duplicate).",
    }
    for target, comment in comments.items():
        kind = "COLUMN" if "." in target else "TABLE"
        con.execute(f"COMMENT ON {kind} {target} IS '" + comment.replace("'", "''") + "'")


def update_near_duplicates(con: duckdb.DuckDBPyConnection, affected: str | None = None) -> None:
    """Bring bands, verified pairs and clusters up to date; only `affected` articles are re-hashed (all when None)."""
    create_tables(con)
    if affected is None:
        for table in ("article_signatures", "article_bands", "duplicate_pairs"):
            con.execute(f"DELETE FROM {table}")
        # Signatures in slices of articles: one group-by over the shingles of a whole large
        # warehouse spills to disk and ran ~2x slower per article.
        row = con.execute("SELECT count(*) FROM articles").fetchone()
        slices = max(1, (row[0] if row else 0) // SIGNATURE_SLICE_ARTICLES + 1)
        in_slice = "SELECT article_id{body} FROM articles WHERE hash(article_id) % {n} = {k}"
        for part in range(slices):
            _insert_signatures(con, in_slice.format(body=", body", n=slices, k=part))
        # Pairs in one pass (an ordinary join and group-by, which spill): a pair is found once.
        _insert_verified_pairs(con, "SELECT article_id FROM articles")
    else:
        touched = f'SELECT article_id FROM "{affected}"'
        con.execute(f"DELETE FROM article_signatures WHERE article_id IN ({touched})")
        con.execute(f"DELETE FROM article_bands WHERE article_id IN ({touched})")
        con.execute(f"DELETE FROM duplicate_pairs WHERE article_id IN ({touched}) OR other_id IN ({touched})")
        _insert_signatures(con, f"SELECT article_id, body FROM articles WHERE article_id IN ({touched})")
        _insert_verified_pairs(con, touched)
    _derive_clusters(con)
