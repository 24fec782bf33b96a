"""Small builders shared by tests."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb
import polars as pl

from newsflow.schemas import TABLES
from tasks.blocks import classify_paragraphs
from tasks.parse import Document, ParsedBatch, parse_documents
from tasks.read import decode_bytes

# Columns that name the run that wrote a row, not what was read: two equal ingests differ only there.
RUN_COLUMNS = frozenset({"run_id", "ingested_at", "rejected_at", "flow_run_id"})

RUN_ID = "test-run"
NOW = datetime(2026, 11, 25, 2, 0, 0)


def paragraphs(*texts: str, article_key: int = 0) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "article_key": [article_key] * len(texts),
            "paragraph_no": list(range(len(texts))),
            "text": list(texts),
        },
        schema={"article_key": pl.Int64, "paragraph_no": pl.Int32, "text": pl.String},
    )


def classify(*texts: str) -> pl.DataFrame:
    return classify_paragraphs(paragraphs(*texts))


def parse_text(text: str, name: str = "dump.txt") -> ParsedBatch:
    suffix = ".jsonl" if name.endswith(".jsonl") else ".txt"
    return parse_documents([Document(name, suffix, decode_bytes(text.encode()))], RUN_ID, NOW)


def table_contents(db: Path, ignore: frozenset[str] = RUN_COLUMNS) -> dict[str, list[tuple]]:
    """Every table of a published database but `runs`, without the `ignore` columns, rows sorted."""
    with duckdb.connect(str(db), read_only=True) as con:
        return {
            t.name: con.execute(
                "SELECT "
                + ", ".join(f'"{c}"' for c in t.column_names if c not in ignore)
                + f' FROM "{t.name}" ORDER BY ALL'
            ).fetchall()
            for t in TABLES.values()
            if t.name != "runs"
        }
