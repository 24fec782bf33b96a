"""The ingest flow for real: Prefect (temporary server), Parquet on disk, a DuckDB file."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import duckdb
import pytest

from newsflow import schemas
from tasks.blocks import KINDS
from tests.conftest import SAMPLE_RAW_DIR

# What the sample dumps shipped in data/raw contain (see README, "Sample data").
EXPECTED_ROWS = {
    "articles": 13,
    "article_sources": 14,
    # 67 (was 69): the two lines of the form `Some words: <link to a post>` are labels of
    # the post, kept in blocks, no longer sentences of the body.
    "sentences": 67,
    "social_embeds": 17,
    "rejects": 4,
    "ingested_files": 8,
}
EXPECTED_PLATFORMS = [
    ("facebook", "link", 1),
    ("facebook", "post", 1),
    ("instagram", "post", 1),
    ("telegram", "link", 2),
    ("tiktok", "post", 2),
    ("twitter", "link", 1),
    ("twitter", "post", 7),
    ("youtube", "link", 2),
]
STABLE_TABLES = ("articles", "article_sources", "sentences", "social_embeds", "blocks", "rejects", "ingested_files")


def readme_sql() -> list[str]:
    readme = (SAMPLE_RAW_DIR.parents[1] / "README.md").read_text()
    blocks = re.findall(r"```sql\n(.*?)```", readme, flags=re.S)
    statements = [
        "\n".join(line for line in statement.splitlines() if not line.strip().startswith("--")).strip()
        for block in blocks
        for statement in block.split(";")
    ]
    assert statements, "README has no SQL examples"
    return [statement for statement in statements if statement]


def table_rows(db: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in STABLE_TABLES}


@pytest.fixture
def sample_raw(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    shutil.copytree(SAMPLE_RAW_DIR, raw)
    return raw


def test_ingest_sample_then_rerun_changes_nothing(prefect_harness, sample_raw, tmp_path):
    from flows.ingest import ingest

    out, db = tmp_path / "out", tmp_path / "newsflow.duckdb"
    summary = ingest(raw_dir=str(sample_raw), out_dir=str(out), db=str(db))
    assert summary["files_seen"] == 8
    assert summary["files_processed"] == 8
    assert summary["warehouse_rows"]["articles"] == EXPECTED_ROWS["articles"]
    assert {k: summary["warehouse_rows"][k] for k in EXPECTED_ROWS} == EXPECTED_ROWS
    assert summary["rejects_by_reason"] == {"empty_article": 1, "empty_file": 1, "invalid_json": 1, "missing_text": 1}

    with duckdb.connect(str(db), read_only=True) as con:
        platforms = con.execute(
            "SELECT platform, kind, count(*) FROM social_embeds GROUP BY ALL ORDER BY ALL"
        ).fetchall()
        bodies = con.execute("SELECT article_id, body FROM articles").fetchall()
        sentences = con.execute("SELECT article_id, text, char_start, char_end FROM sentences").fetchall()
        leaked = con.execute(
            "SELECT count(*) FROM sentences WHERE text LIKE '%(@%) %, 20%' OR text LIKE 'READ%' OR text LIKE 'Subscribe%'"
        ).fetchone()
        orphans = con.execute("SELECT count(*) FROM sentences s ANTI JOIN articles a USING (article_id)").fetchone()
        runs = con.execute("SELECT status, files_seen, files_processed, n_articles FROM runs").fetchall()
    assert platforms == EXPECTED_PLATFORMS
    assert {p for p, _, _ in platforms} <= set(schemas.PLATFORMS)
    assert {k for _, k, _ in platforms} <= set(schemas.EMBED_KINDS)
    assert set(summary["blocks_by_kind"]) <= set(KINDS)
    body_of = dict(bodies)
    assert all(body_of[a][s:e] == t for a, t, s, e in sentences)
    assert leaked == (0,)
    assert orphans == (0,)
    assert runs == [("completed", 8, 8, 14)]  # 14 read, one of them a duplicate stored once

    # Every SQL example in the README runs on the sample warehouse and returns rows.
    with duckdb.connect(str(db), read_only=True) as con:
        for statement in readme_sql():
            assert con.execute(statement).fetchall(), statement

    before = table_rows(db)
    again = ingest(raw_dir=str(sample_raw), out_dir=str(out), db=str(db))
    assert again["files_processed"] == 0
    assert again["files_skipped"] == 8
    assert table_rows(db) == before

    # A changed file replaces exactly its own rows; a new file adds its own.
    wire = sample_raw / "2022" / "wire_2022-04.txt"
    wire.write_text(wire.read_text().split(" date 2022-04-21", 1)[0])
    (sample_raw / "misc" / "late.txt").write_text(" date 2023-03-03 A late article. It has two sentences.\n")
    third = ingest(raw_dir=str(sample_raw), out_dir=str(out), db=str(db))
    assert third["files_processed"] == 2
    with duckdb.connect(str(db), read_only=True) as con:
        per_file = dict(con.execute("SELECT source_file, count(*) FROM articles GROUP BY 1").fetchall())
        n_runs = con.execute("SELECT count(*) FROM runs").fetchone()
    assert per_file["2022/wire_2022-04.txt"] == 1
    assert per_file["misc/late.txt"] == 1
    assert sum(per_file.values()) == EXPECTED_ROWS["articles"] - 3 + 1
    assert n_runs == (3,)

    # --reprocess reads everything again and changes nothing but the record of when it was read.
    def content(db: Path) -> list[tuple]:
        with duckdb.connect(str(db), read_only=True) as con:
            return con.execute("SELECT * EXCLUDE (ingested_at, run_id) FROM articles ORDER BY ALL").fetchall()

    settled, settled_content = table_rows(db), content(db)
    reprocessed = ingest(raw_dir=str(sample_raw), out_dir=str(out), db=str(db), reprocess=True)
    assert reprocessed["files_processed"] == 9
    after = table_rows(db)
    assert content(db) == settled_content
    assert after["sentences"] == settled["sentences"]
    assert after["social_embeds"] == settled["social_embeds"]


def test_ingest_refuses_a_missing_raw_dir(prefect_harness, tmp_path):
    from flows.ingest import ingest

    with pytest.raises(ValueError, match="does not exist"):
        ingest(raw_dir=str(tmp_path / "nope"), out_dir=str(tmp_path / "out"), db=str(tmp_path / "db.duckdb"))


def test_backfill_window_rewrites_only_that_window(prefect_harness, sample_raw, tmp_path):
    from flows.ingest import ingest

    out, db = tmp_path / "out", tmp_path / "newsflow.duckdb"
    ingest(raw_dir=str(sample_raw), out_dir=str(out), db=str(db))
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.parquet") if "published_month=" in str(p)}
    content_before = table_rows(db)

    summary = ingest(raw_dir=str(sample_raw), out_dir=str(out), db=str(db), since="2022-04-20", until="2022-04-30")
    assert summary["files_processed"] == 1  # only the April 2022 wire dump holds articles in the window
    after = {p: p.stat().st_mtime_ns for p in out.rglob("*.parquet") if "published_month=" in str(p)}
    rewritten = {p.parent.name for p in after if after[p] != before.get(p)}
    assert rewritten == {"published_month=2022-04"}
    assert set(after) == set(before)
    for name in ("sentences", "social_embeds", "rejects"):
        assert table_rows(db)[name] == content_before[name]


def test_flow_rejects_bad_parameters(prefect_harness, sample_raw, tmp_path):
    from flows.ingest import ingest

    with pytest.raises(ValueError, match=r"since .* is after until"):
        ingest(raw_dir=str(sample_raw), out_dir=str(tmp_path / "o"), since="2023-02-01", until="2023-01-01")
    with pytest.raises(ValueError, match="limit must be a positive"):
        ingest(raw_dir=str(sample_raw), out_dir=str(tmp_path / "o"), limit=0)
