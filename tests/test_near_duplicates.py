"""Near-duplicate clusters: MinHash/LSH in SQL, verified by Jaccard; deterministic canonical; patch == build."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import duckdb
import polars as pl
import pytest
from polars.testing import assert_frame_equal

from tasks.near_duplicates import connected_components, update_near_duplicates
from tests.conftest import SAMPLE_RAW_DIR
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
