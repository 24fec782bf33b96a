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

A patch (the `affected` table of the loader names the articles it touched) gives the same tables as a
full build, at a cost that follows the new data, not the warehouse:
- signatures and bands of the touched articles only (their bodies picked by rowid, not by a join that
  drags every body along), and their pairs from the rows of the buckets they leave or join (one pass
  over article_bands, no grouping of all of it);
- pairs of two untouched articles can change too, through the MAX_BUCKET rule: where a bucket crosses
  MAX_BUCKET or changes its first article, those pairs are looked at again (_recheck_shifted_buckets);
- clusters are re-derived only around what changed: the old clusters (from article_duplicates) of the
  touched articles and of every end of a pair added or dropped form a set of articles no pair leaves;
  its components are recomputed and its rows of article_duplicates replaced, the rest kept
  (_patch_clusters). So clusters merge, split and change canonical article as in a full build.
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


def _bodies_of(ids_sql: str) -> str:
    """article_id, body of the articles whose ids ids_sql selects.

    Through rowid: a semi-join on article_id drags the body column of every article through the
    join (0.1-0.3 s on a 1 GB warehouse); picking the rowids on the narrow id column first reads
    only the bodies wanted.
    """
    return (
        "SELECT article_id, body FROM articles "
        f"WHERE rowid IN (SELECT rowid FROM articles WHERE article_id IN ({ids_sql}))"
    )


def _insert_signatures(con: duckdb.DuckDBPyConnection, shingles_sql: str) -> None:
    """MinHash signatures and LSH band hashes of the articles (article_id, shingles) of shingles_sql.

    One-permutation hashing (Li, Owen and Zhang, 2012): each shingle is hashed once, its hash picks
    one of SIGNATURE_SIZE bins and the rest of the hash competes for that bin's minimum. Same
    estimator as SIGNATURE_SIZE independent hashes at 1/SIGNATURE_SIZE of the cost (30 seeded hashes
    per shingle took 24 s per 100 MB of text; this takes a few). An article with fewer shingles than
    bins leaves some bins NULL: they never count as equal, and only make band candidates looser.
    The new band rows are left in the temp table `new_bands` for the caller.
    """
    mask = MASKS[0]
    # One aggregate per bin in a single group-by: packing (bin, min) rows into lists took 2-3x longer.
    bin_minima = ", ".join(
        f"min(x // {SIGNATURE_SIZE}) FILTER (WHERE x % {SIGNATURE_SIZE} = {i})" for i in range(SIGNATURE_SIZE)
    )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE new_signatures AS "
        "WITH hashed AS (SELECT article_id, unnest(shingles) AS h "
        f"FROM ({shingles_sql}) WHERE len(shingles) > 0), "
        f"bins AS (SELECT article_id, hash(h // 2 + {mask}) AS x FROM hashed) "
        f"SELECT article_id, [{bin_minima}] AS signature FROM bins GROUP BY article_id"
    )
    con.execute("INSERT INTO article_signatures SELECT article_id, signature FROM new_signatures")
    con.execute(
        "CREATE OR REPLACE TEMP TABLE new_bands AS SELECT article_id, band::UTINYINT AS band, "
        f"hash(band, signature[band * {ROWS_PER_BAND} + 1 : (band + 1) * {ROWS_PER_BAND}]) AS band_hash "
        f"FROM new_signatures, range({BANDS}) AS b(band)"
    )
    con.execute("INSERT INTO article_bands SELECT article_id, band, band_hash FROM new_bands")
    con.execute("DROP TABLE new_signatures")


def _bucket_stats_sql(buckets_sql: str) -> str:
    """band, band_hash, size, first_id (smallest article_id) of the buckets (band, band_hash) of buckets_sql.

    Only those buckets are grouped: a semi-join over article_bands instead of grouping all of it.
    """
    return (
        "SELECT band, band_hash, count(*) AS size, min(article_id) AS first_id FROM article_bands "
        f"WHERE (band, band_hash) IN ({buckets_sql}) GROUP BY ALL"
    )


def _screen(con: duckdb.DuckDBPyConnection, pairs: str, into: str) -> None:
    """Temp table `into`: the pairs (article_id, other_id) of table `pairs` whose signatures agree on at
    least SCREEN_MATCHES values. The signatures of their articles are read in one pass first (a join on
    each side would read every signature of the warehouse twice)."""
    con.execute(
        "CREATE OR REPLACE TEMP TABLE pair_signatures AS SELECT article_id, signature FROM article_signatures "
        f"WHERE article_id IN (SELECT article_id FROM {pairs} UNION SELECT other_id FROM {pairs})"
    )
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {into} AS SELECT p.article_id, p.other_id FROM {pairs} AS p "
        "JOIN pair_signatures AS x ON x.article_id = p.article_id "
        "JOIN pair_signatures AS y ON y.article_id = p.other_id "
        "WHERE len(list_filter(list_zip(x.signature, y.signature), z -> z[1] = z[2])) "
        f">= {SCREEN_MATCHES}"
    )
    con.execute("DROP TABLE pair_signatures")


def _insert_verified_pairs(
    con: duckdb.DuckDBPyConnection,
    touched_bands: str,
    members: str = "article_bands",
    known_shingles: str | None = None,
) -> None:
    """Candidate pairs (sharing a band) with at least one article of touched_bands (a table of their
    bands): first screened by the share of equal MinHash values (an estimate of their Jaccard
    similarity), then verified exactly. `members` holds at least every band row of the buckets of
    touched_bands (all of article_bands, or just those buckets' rows)."""
    within = (
        "" if touched_bands == members else f" WHERE (band, band_hash) IN (SELECT band, band_hash FROM {touched_bands})"
    )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE band_pairs AS "
        "WITH buckets AS (SELECT band, band_hash, count(*) AS size, min(article_id) AS first_id "
        f"FROM {members}{within} GROUP BY ALL HAVING count(*) > 1), "
        # Small bucket: every pair. Large bucket (mass syndication, or shared boilerplate): each
        # member against the bucket's first article only, so candidates grow linearly.
        # x runs over the touched articles only (a pair is found from either side), y over all.
        "pairs AS (SELECT DISTINCT least(x.article_id, y.article_id) AS article_id, "
        "greatest(x.article_id, y.article_id) AS other_id "
        f"FROM {touched_bands} AS x "
        f"JOIN buckets AS b USING (band, band_hash) JOIN {members} AS y USING (band, band_hash) "
        "WHERE x.article_id <> y.article_id "
        f"AND (b.size <= {MAX_BUCKET} OR y.article_id = b.first_id OR x.article_id = b.first_id)) "
        "FROM pairs"
    )
    _screen(con, "band_pairs", "candidates")
    con.execute("DROP TABLE band_pairs")
    _insert_verified_candidates(con, known_shingles)


def _insert_verified_candidates(con: duckdb.DuckDBPyConnection, known_shingles: str | None = None) -> None:
    """Insert the pairs of the temp table `candidates` whose exact Jaccard similarity reaches THRESHOLD.

    known_shingles names a table (article_id, shingles) already computed for some of them.
    """
    ids = "SELECT article_id FROM candidates UNION SELECT other_id FROM candidates"
    if known_shingles is None:
        shingles = _shingles_from(_bodies_of(ids))
    else:
        shingles = (
            f"SELECT article_id, shingles FROM {known_shingles} WHERE article_id IN ({ids}) UNION ALL "
            + _shingles_from(_bodies_of(f"SELECT * FROM ({ids}) EXCEPT SELECT article_id FROM {known_shingles}"))
        )
    con.execute("CREATE OR REPLACE TEMP TABLE candidate_shingles AS " + shingles)
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


def _recheck_shifted_buckets(con: duckdb.DuckDBPyConnection, touched: str) -> None:
    """Pairs of two untouched articles whose candidacy the patch changed, brought to what a full build finds.

    A pair's candidacy depends on its buckets' size and first article (the MAX_BUCKET rule), and the
    touched articles change both in the buckets they leave (old_bands) or join (`bucket_members` holds
    every row of those buckets now). Where a bucket stays
    at most MAX_BUCKET, or stays larger with the same first article, pairs of untouched articles keep
    their candidacy; in the others (`shifted`) those pairs are looked at again: the existing ones are
    dropped unless still a candidate through some bucket, and the new candidates are verified.
    The endpoints of every pair dropped or added go to the temp table `pair_ends` (clusters to redo).
    """
    con.execute(
        "CREATE OR REPLACE TEMP TABLE shifted AS "
        "WITH new_stats AS (SELECT band, band_hash, count(*) AS size, min(article_id) AS first_id "
        "FROM bucket_members GROUP BY ALL), "
        "old_stats AS (SELECT band, band_hash, count(*) AS size, min(article_id) AS first_id FROM ("
        f"SELECT * FROM bucket_members WHERE article_id NOT IN ({touched}) "
        "UNION ALL SELECT band, band_hash, article_id FROM old_bands) GROUP BY ALL) "
        "SELECT band, band_hash, coalesce(n.size, 0) AS size, n.first_id "
        "FROM new_stats AS n FULL JOIN old_stats AS o USING (band, band_hash) "
        f"WHERE greatest(coalesce(n.size, 0), coalesce(o.size, 0)) > {MAX_BUCKET} "
        f"AND NOT (coalesce(n.size, 0) > {MAX_BUCKET} AND coalesce(o.size, 0) > {MAX_BUCKET} "
        "AND n.first_id = o.first_id)"
    )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE shifted_members AS SELECT m.*, s.size, s.first_id "
        f"FROM bucket_members AS m JOIN shifted AS s USING (band, band_hash) WHERE m.article_id NOT IN ({touched})"
    )
    con.execute("DROP TABLE shifted")
    if _count(con, "shifted_members") == 0:
        con.execute("DROP TABLE shifted_members")
        return
    # Pairs to look at again: existing pairs inside a shifted bucket, and the bucket's candidates now
    # (every pair of a small bucket, the first article with each other member of a large one).
    con.execute(
        "CREATE OR REPLACE TEMP TABLE recheck AS "
        "SELECT p.article_id, p.other_id FROM duplicate_pairs AS p "
        "JOIN shifted_members AS x ON x.article_id = p.article_id "
        "JOIN shifted_members AS y ON y.article_id = p.other_id AND x.band = y.band AND x.band_hash = y.band_hash "
        "UNION SELECT x.article_id, y.article_id FROM shifted_members AS x JOIN shifted_members AS y "
        f"USING (band, band_hash) WHERE x.size <= {MAX_BUCKET} AND x.article_id < y.article_id "
        "UNION SELECT least(x.article_id, x.first_id), greatest(x.article_id, x.first_id) FROM shifted_members AS x "
        f"WHERE x.size > {MAX_BUCKET} AND x.article_id <> x.first_id "
        "AND x.first_id IN (SELECT article_id FROM shifted_members)"
    )
    # Keep the pairs that may be duplicate pairs (existing, or passing the screen), then their candidacy
    # now through every bucket they share.
    _screen(con, "recheck", "screened")
    con.execute(
        "CREATE OR REPLACE TEMP TABLE recheck AS "
        "SELECT * FROM recheck WHERE (article_id, other_id) IN (SELECT article_id, other_id FROM duplicate_pairs) "
        "UNION FROM screened"
    )
    con.execute("DROP TABLE screened")
    con.execute(
        "CREATE OR REPLACE TEMP TABLE recheck_bands AS SELECT * FROM article_bands "
        "WHERE article_id IN (SELECT article_id FROM recheck UNION SELECT other_id FROM recheck)"
    )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE recheck AS "
        "WITH shared AS (SELECT r.article_id, r.other_id, x.band, x.band_hash FROM recheck AS r "
        "JOIN recheck_bands AS x ON x.article_id = r.article_id "
        "JOIN recheck_bands AS y ON y.article_id = r.other_id AND x.band = y.band AND x.band_hash = y.band_hash), "
        f"stats AS ({_bucket_stats_sql('SELECT band, band_hash FROM shared')}) "
        "SELECT article_id, other_id, "
        f"bool_or(size <= {MAX_BUCKET} OR first_id = article_id OR first_id = other_id) AS candidate, "
        "(article_id, other_id) IN (SELECT article_id, other_id FROM duplicate_pairs) AS existing "
        "FROM shared JOIN stats USING (band, band_hash) GROUP BY article_id, other_id"
    )
    con.execute(
        "DELETE FROM duplicate_pairs WHERE (article_id, other_id) IN "
        "(SELECT article_id, other_id FROM recheck WHERE existing AND NOT candidate)"
    )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE candidates AS "
        "SELECT article_id, other_id FROM recheck WHERE candidate AND NOT existing"
    )
    _insert_verified_candidates(con)
    changed = (
        "SELECT article_id, other_id FROM recheck WHERE existing AND NOT candidate UNION "
        "SELECT article_id, other_id FROM recheck WHERE candidate AND NOT existing "
        "AND (article_id, other_id) IN (SELECT article_id, other_id FROM duplicate_pairs)"
    )
    con.execute(f"INSERT INTO pair_ends SELECT article_id FROM ({changed}) UNION SELECT other_id FROM ({changed})")
    for table in ("shifted_members", "recheck", "recheck_bands"):
        con.execute(f"DROP TABLE {table}")


def _count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    row = con.execute(f"SELECT count(*) FROM {table}").fetchone()
    return int(row[0]) if row else 0


def _cluster_rows_sql(scope: str | None) -> str:
    """article_id, dup_cluster_id, is_canonical, cluster_size of the articles in scope (all when None),
    from the temp table `components` (article_id, component) of the articles that have pairs."""
    where = "" if scope is None else f" WHERE a.article_id IN ({scope})"
    return (
        "WITH clustered AS (SELECT a.article_id, a.published_date, coalesce(c.component, a.article_id) AS component "
        f"FROM articles AS a LEFT JOIN components AS c USING (article_id){where}), "
        "ranked AS (SELECT *, first(article_id ORDER BY published_date NULLS LAST, article_id) "
        "OVER (PARTITION BY component) AS dup_cluster_id, count(*) OVER (PARTITION BY component) AS cluster_size "
        "FROM clustered) "
        "SELECT article_id, dup_cluster_id, article_id = dup_cluster_id AS is_canonical, cluster_size FROM ranked"
    )


def _register_components(con: duckdb.DuckDBPyConnection, pairs_sql: str) -> None:
    """Temp table `components`: the connected components of the pairs of pairs_sql."""
    pairs = con.execute(pairs_sql).pl()
    components = (
        connected_components(pairs)
        if pairs.height
        else pl.DataFrame(schema={"article_id": pl.String, "component": pl.String})
    )
    con.register("components_frame", components.to_arrow())
    con.execute("CREATE OR REPLACE TEMP TABLE components AS FROM components_frame")
    con.unregister("components_frame")


def _derive_clusters(con: duckdb.DuckDBPyConnection) -> None:
    _register_components(con, "SELECT article_id, other_id FROM duplicate_pairs")
    con.execute("CREATE OR REPLACE TABLE article_duplicates AS " + _cluster_rows_sql(None))
    con.execute("DROP TABLE components")
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


def _patch_clusters(con: duckdb.DuckDBPyConnection, touched: str) -> None:
    """Re-derive only the clusters the patch can have changed, from the previous article_duplicates.

    Every pair added or dropped has an end in `pair_ends` or in the touched articles (all their pairs
    were replaced), so a cluster that holds none of those articles (`ends`) kept its pairs and its
    articles: it is unchanged. The old clusters of `ends` together form a set no pair leaves (a pair
    kept lies inside one old cluster; a pair added has both ends in `ends`): its components, taken
    from its own pairs, are final, whether clusters merged, split or lost their canonical article.
    """
    con.execute(
        "CREATE OR REPLACE TEMP TABLE ends AS "
        f"{touched} UNION SELECT article_id FROM pair_ends "
        f"UNION SELECT other_id FROM duplicate_pairs WHERE article_id IN ({touched}) "
        f"UNION SELECT article_id FROM duplicate_pairs WHERE other_id IN ({touched})"
    )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE regrouped AS SELECT article_id FROM ends UNION "
        "SELECT article_id FROM article_duplicates WHERE dup_cluster_id IN "
        "(SELECT dup_cluster_id FROM article_duplicates WHERE article_id IN (SELECT article_id FROM ends))"
    )
    _register_components(
        con,
        "SELECT article_id, other_id FROM duplicate_pairs WHERE article_id IN (SELECT article_id FROM regrouped)",
    )
    con.execute("DELETE FROM article_duplicates WHERE article_id IN (SELECT article_id FROM regrouped)")
    con.execute("INSERT INTO article_duplicates " + _cluster_rows_sql("SELECT article_id FROM regrouped"))
    for table in ("components", "ends", "regrouped"):
        con.execute(f"DROP TABLE {table}")


def update_near_duplicates(con: duckdb.DuckDBPyConnection, affected: str | None = None) -> None:
    """Bring bands, verified pairs and clusters up to date; only `affected` articles are re-hashed (all when None)."""
    create_tables(con)
    has_clusters = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'article_duplicates' AND NOT temporary"
    ).fetchone() == (1,)
    if affected is None:
        for table in ("article_signatures", "article_bands", "duplicate_pairs"):
            con.execute(f"DELETE FROM {table}")
        # Signatures in slices of articles: one group-by over the shingles of a whole large
        # warehouse spills to disk and ran ~2x slower per article.
        row = con.execute("SELECT count(*) FROM articles").fetchone()
        slices = max(1, (row[0] if row else 0) // SIGNATURE_SLICE_ARTICLES + 1)
        for part in range(slices):
            in_slice = f"SELECT article_id, body FROM articles WHERE hash(article_id) % {slices} = {part}"
            _insert_signatures(con, _shingles_from(in_slice))
        con.execute("DROP TABLE IF EXISTS new_bands")
        # Pairs in one pass (an ordinary join and group-by, which spill): a pair is found once.
        _insert_verified_pairs(con, "article_bands")
        _derive_clusters(con)
        return
    touched = f'SELECT article_id FROM "{affected}"'
    if has_clusters and _count(con, f'"{affected}"') == 0:
        return  # nothing touched (a run with no new data): nothing to change
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE old_bands AS SELECT * FROM article_bands WHERE article_id IN ({touched})"
    )
    con.execute(f"DELETE FROM article_signatures WHERE article_id IN ({touched})")
    con.execute(f"DELETE FROM article_bands WHERE article_id IN ({touched})")
    con.execute(f"DELETE FROM duplicate_pairs WHERE article_id IN ({touched}) OR other_id IN ({touched})")
    # The touched articles' shingles serve both their signatures and the exact check of their pairs.
    con.execute("CREATE OR REPLACE TEMP TABLE touched_shingles AS " + _shingles_from(_bodies_of(touched)))
    _insert_signatures(con, "FROM touched_shingles")
    # One pass over article_bands for every row of the buckets the touched articles leave or join:
    # their new pairs and the recheck of the buckets that shifted need no other.
    con.execute(
        "CREATE OR REPLACE TEMP TABLE bucket_members AS SELECT band, band_hash, article_id FROM article_bands "
        "WHERE (band, band_hash) IN (SELECT band, band_hash FROM old_bands UNION SELECT band, band_hash FROM new_bands)"
    )
    _insert_verified_pairs(con, "new_bands", "bucket_members", "touched_shingles")
    con.execute("CREATE OR REPLACE TEMP TABLE pair_ends (article_id VARCHAR)")
    _recheck_shifted_buckets(con, touched)
    if has_clusters:
        _patch_clusters(con, touched)
    else:
        _derive_clusters(con)
    for table in ("old_bands", "new_bands", "bucket_members", "touched_shingles", "pair_ends"):
        con.execute(f"DROP TABLE {table}")
