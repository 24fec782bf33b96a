"""Small builders shared by tests."""

from __future__ import annotations

from datetime import datetime

import polars as pl

from tasks.blocks import classify_paragraphs
from tasks.parse import Document, ParsedBatch, parse_documents
from tasks.read import decode_bytes

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
