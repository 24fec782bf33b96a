"""Near-duplicate clusters: MinHash/LSH in SQL, verified by Jaccard; deterministic canonical; patch == build."""

from __future__ import annotations

import random
import re
import shutil
from datetime import date, timedelta
from pathlib import Path

import duckdb
import polars as pl
import pytest
from polars.testing import assert_frame_equal

from tasks.near_duplicates import connected_components, update_near_duplicates
from tasks.warehouse import build_database
from tests.conftest import SAMPLE_RAW_DIR
from tests.helpers import parse_text
from tests.sample_warehouse import build_sample_warehouse

COPY = Path(__file__).parent / "data" / "syndicated_copy.txt"
CAFE = "64b3eae660ff1234c8c1af7a520e5b08"  # archive/market_courier_cp1252.txt, 2021-11-30


def clusters(db: Path) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(
            "SELECT a.source_file, a.published_date, d.dup_cluster_id, d.is_canonical, d.cluster_size "
            "FROM article_duplicates AS d JOIN articles AS a USING (article_id) WHERE d.cluster_size > 1 ORDER BY ALL"
        ).fetchall()


def test_connected_components() -> None:
    pairs = pl.DataFrame({"article_id": ["a", "b", "x", "c"], "other_id": ["b", "c", "y", "d"]})
    expected = pl.DataFrame({"article_id": ["a", "b", "c", "d", "x", "y"], "component": ["a"] * 4 + ["x"] * 2})
    assert_frame_equal(connected_components(pairs).sort("article_id"), expected)


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    shutil.copytree(SAMPLE_RAW_DIR, tmp_path / "raw")
    return tmp_path / "raw"


def test_sample_has_no_near_duplicates_and_every_article_a_row(raw: Path, tmp_path: Path) -> None:
    db = build_sample_warehouse(raw, tmp_path / "out", tmp_path / "wh.duckdb")
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT count(*), count(*) FILTER (is_canonical), max(cluster_size) FROM article_duplicates")
        assert rows.fetchone() == (13, 13, 1)
        assert con.execute("SELECT count(*) FROM article_duplicates WHERE article_id = dup_cluster_id").fetchone() == (
            13,
        )


def test_a_light_edit_copy_joins_the_original_in_build_and_patch(raw: Path, tmp_path: Path) -> None:
    expected = [
        ("archive/market_courier_cp1252.txt", date(2021, 11, 30), CAFE, True, 2),
        ("misc/syndicated_copy.txt", date(2021, 12, 2), CAFE, False, 2),
    ]
    patched = build_sample_warehouse(raw, tmp_path / "out", tmp_path / "wh.duckdb")
    shutil.copy(COPY, raw / "misc" / COPY.name)
    build_sample_warehouse(raw, tmp_path / "out", patched)  # a patch: only the copy is read and hashed
    assert clusters(patched) == expected

    built = build_sample_warehouse(raw, tmp_path / "out2", tmp_path / "built.duckdb")  # a full build
    assert clusters(built) == expected
    with duckdb.connect(str(built), read_only=True) as con:
        cluster = con.execute(
            "SELECT dup_cluster_id, cluster_size, first_day, last_day, max_jaccard FROM duplicate_clusters"
        )
        assert cluster.fetchall() == [(CAFE, 2, date(2021, 11, 30), date(2021, 12, 2), 0.73)]

    (raw / "misc" / COPY.name).unlink()
    (raw / "misc" / COPY.name).write_text(" date 2021-12-02 Something else entirely happened in another town today.\n")
    build_sample_warehouse(raw, tmp_path / "out", patched)
    assert clusters(patched) == []


def test_canonical_is_the_earliest_then_the_smallest_id() -> None:
    body = " ".join(f"word{i}" for i in range(60))
    articles = pl.DataFrame(
        {
            "article_id": ["c", "b", "a", "z"],
            "published_date": [date(2022, 1, 1), date(2022, 1, 2), date(2022, 1, 2), None],
            "body": [body, body + " extra", body + " more", body],
        }
    )
    con = duckdb.connect()
    con.register("frame", articles.to_arrow())
    con.execute("CREATE TABLE articles AS FROM frame")
    update_near_duplicates(con)
    rows = con.execute("SELECT article_id, dup_cluster_id, is_canonical FROM article_duplicates ORDER BY 1").fetchall()
    assert rows == [("a", "c", False), ("b", "c", False), ("c", "c", True), ("z", "c", False)]
    con.execute("UPDATE articles SET published_date = NULL WHERE article_id = 'c'")
    update_near_duplicates(con)
    canonical = con.execute("SELECT article_id FROM article_duplicates WHERE is_canonical").fetchall()
    assert canonical == [("a",)]  # same day as b: the smaller id; undated articles come last


def test_a_full_build_in_slices_finds_the_same_pairs_once(raw: Path, tmp_path: Path, monkeypatch) -> None:
    import tasks.near_duplicates as near_duplicates

    shutil.copy(COPY, raw / "misc" / COPY.name)
    monkeypatch.setattr(near_duplicates, "SIGNATURE_SLICE_ARTICLES", 2)  # 8 slices for 14 articles
    built = build_sample_warehouse(raw, tmp_path / "out", tmp_path / "sliced.duckdb")
    assert len(clusters(built)) == 2
    with duckdb.connect(str(built), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM duplicate_pairs").fetchone() == (1,)
        assert con.execute("SELECT count(*) FROM article_signatures").fetchone() == (14,)


# --- Patches follow the data, and a chain of them gives what a full build gives ---------------------

NEAR_DUPLICATE_TABLES = {
    "article_duplicates": "SELECT article_id, dup_cluster_id, is_canonical, cluster_size FROM article_duplicates",
    "duplicate_pairs": "SELECT article_id, other_id, round(jaccard, 12) FROM duplicate_pairs",
    "article_bands": "SELECT article_id, band, band_hash FROM article_bands",
    "article_signatures": "SELECT article_id, signature FROM article_signatures",
}


def _vocabulary() -> list[str]:
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted((SAMPLE_RAW_DIR / "2022").glob("*.txt")))
    return sorted({w for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 2})


VOCABULARY = _vocabulary()


def _sentences(seed: int, count: int = 10) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choice(VOCABULARY) for _ in range(12)).capitalize() + "." for _ in range(count)]


def _edited(sentences: list[str], seed: int, words: int = 2) -> list[str]:
    """A light edit: `words` words replaced (each costs ~5 of the article's ~110 shingles)."""
    rng = random.Random(seed)
    edited = [s.split(" ") for s in sentences]
    for _ in range(words):
        sentence = rng.randrange(len(edited))
        edited[sentence][rng.randrange(1, 11)] = "zzedit" + str(rng.randrange(10**6))
    return [" ".join(s) for s in edited]


def _dump(day: str, sentences: list[str]) -> str:
    paragraphs = [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
    return f" date {day} " + "\n\n".join(paragraphs) + "\n"


# Two texts sharing 5 of their 10 sentences (Jaccard ~0.32, below THRESHOLD: not duplicates), and
# one between them sharing 7 of its 9 sentences with each (Jaccard ~0.58 with both).
SENTENCES = _sentences(1, 15)
X, Y, BRIDGE = SENTENCES[0:10], SENTENCES[5:15], SENTENCES[3:12]


def _snapshot(db: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {name: sorted(con.execute(sql).fetchall()) for name, sql in NEAR_DUPLICATE_TABLES.items()}


def _labelled_clusters(db: Path) -> set[tuple[str, frozenset[str]]]:
    """(canonical file, files of the cluster) for every cluster of two or more articles, named by raw file."""
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            "SELECT c.source_file, list(a.source_file) FROM article_duplicates AS d "
            "JOIN articles AS a USING (article_id) JOIN articles AS c ON c.article_id = d.dup_cluster_id "
            "WHERE d.cluster_size > 1 GROUP BY c.source_file"
        ).fetchall()
    return {(canonical, frozenset(members)) for canonical, members in rows}


class Chain:
    """A raw folder changed step by step; each step is a real ingest and patch of one warehouse, then
    compared with a full build of the same Parquet."""

    def __init__(self, tmp_path: Path) -> None:
        self.raw, self.out, self.db = tmp_path / "raw", tmp_path / "out", tmp_path / "wh.duckdb"
        self.raw.mkdir()
        self.tmp = tmp_path
        self.step = 0

    def write(self, files: dict[str, str]) -> None:
        for name, text in files.items():
            (self.raw / name).write_text(text, encoding="utf-8")
        self.step += 1
        build_sample_warehouse(self.raw, self.out, self.db)
        rebuilt = self.tmp / f"rebuilt{self.step}.duckdb"
        build_database(self.out, rebuilt)
        assert _snapshot(self.db) == _snapshot(rebuilt), f"step {self.step}: patch differs from a full build"
        rebuilt.unlink()


UNRELATED = _dump("2021-03-09", _sentences(99))


@pytest.fixture
def chain(tmp_path: Path) -> Chain:
    return Chain(tmp_path)


def test_clusters_merge_split_and_change_canonical_through_patches(chain: Chain) -> None:
    chain.write(
        {
            "a1.txt": _dump("2021-03-01", X),
            "a2.txt": _dump("2021-03-02", _edited(X, 1)),
            "b1.txt": _dump("2021-03-03", Y),
            "b2.txt": _dump("2021-03-04", _edited(Y, 2)),
        }
    )
    assert _labelled_clusters(chain.db) == {
        ("a1.txt", frozenset({"a1.txt", "a2.txt"})),
        ("b1.txt", frozenset({"b1.txt", "b2.txt"})),
    }
    # Merge: a new article near both clusters.
    chain.write({"bridge.txt": _dump("2021-03-05", BRIDGE)})
    assert _labelled_clusters(chain.db) == {
        ("a1.txt", frozenset({"a1.txt", "a2.txt", "b1.txt", "b2.txt", "bridge.txt"}))
    }
    # Split: the bridge becomes something else; its two clusters come apart again.
    chain.write({"bridge.txt": UNRELATED})
    assert _labelled_clusters(chain.db) == {
        ("a1.txt", frozenset({"a1.txt", "a2.txt"})),
        ("b1.txt", frozenset({"b1.txt", "b2.txt"})),
    }
    # A new, earlier copy becomes the canonical article of its cluster.
    chain.write({"a0.txt": _dump("2021-02-01", _edited(X, 3))})
    assert _labelled_clusters(chain.db) == {
        ("a0.txt", frozenset({"a0.txt", "a1.txt", "a2.txt"})),
        ("b1.txt", frozenset({"b1.txt", "b2.txt"})),
    }
    # The canonical article changes date (a new article_id): the next earliest takes over.
    chain.write({"a0.txt": _dump("2021-04-01", _edited(X, 3))})
    assert _labelled_clusters(chain.db) == {
        ("a1.txt", frozenset({"a0.txt", "a1.txt", "a2.txt"})),
        ("b1.txt", frozenset({"b1.txt", "b2.txt"})),
    }


def _article_id(dump: str) -> str:
    return str(parse_text(dump).articles["article_id"][0])


def _copy_of_x(smaller_than: str | None = None, larger_than: str | None = None) -> str:
    """A dump of X on the first day of 2020 whose article_id is below / above the given ids."""
    for day in range(1, 366):
        dump = _dump((date(2020, 1, 1) + timedelta(days=day)).isoformat(), X)
        article_id = _article_id(dump)
        if (smaller_than is None or article_id < smaller_than) and (larger_than is None or article_id > larger_than):
            return dump
    raise AssertionError("no such day")


def _pairs(db: Path) -> set[tuple[str, str]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return set(con.execute("SELECT article_id, other_id FROM duplicate_pairs").fetchall())


def test_patches_equal_a_full_build_when_buckets_outgrow_max_bucket(chain: Chain, monkeypatch) -> None:
    """With MAX_BUCKET 2, three copies make a large bucket (only its first article is paired): articles
    joining or leaving a bucket change which pairs of the articles left untouched are candidates."""
    import tasks.near_duplicates as near_duplicates

    monkeypatch.setattr(near_duplicates, "MAX_BUCKET", 2)
    # The same text on other days: other articles with the same signature, so in every bucket of X.
    c1, c2 = _copy_of_x(), _dump("2021-03-02", X)
    ids = sorted([_article_id(c1), _article_id(c2)])
    chain.write(
        {"c1.txt": c1, "c2.txt": c2, "b1.txt": _dump("2021-03-05", Y), "b2.txt": _dump("2021-03-06", _edited(Y, 1))}
    )
    assert tuple(ids) in _pairs(chain.db)
    # A third copy with the smallest id: X's buckets outgrow MAX_BUCKET and pair only with it, so the
    # pair of the two untouched copies is no longer a candidate.
    c3 = _copy_of_x(smaller_than=ids[0])
    chain.write({"c3.txt": c3})
    assert tuple(ids) not in _pairs(chain.db)
    assert _labelled_clusters(chain.db) >= {("c1.txt", frozenset({"c1.txt", "c2.txt", "c3.txt"}))}
    # Without it, the smaller of the two is the buckets' first article again: their pair comes back.
    chain.write({"c3.txt": UNRELATED, "c4.txt": _copy_of_x(larger_than=ids[1])})
    assert tuple(ids) in _pairs(chain.db)
    chain.write({"c5.txt": _dump("2021-02-01", _edited(X, 5)), "bridge.txt": _dump("2021-03-08", BRIDGE)})
    chain.write({"c1.txt": _dump("2021-03-09", _sentences(98)), "c2.txt": _dump("2021-03-11", Y)})
    assert _labelled_clusters(chain.db)  # the chain ends with clusters to compare, not an empty table
