"""From decoded dump files to the frames of every output table: the pure core of ingest.

No Prefect, no paths on disk: a list of decoded documents in, polars frames out. The whole
batch goes through each step together, so the work is a handful of column operations per
batch rather than Python loops per article.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime

import polars as pl

from newsflow import schemas
from tasks.blocks import (
    BOILERPLATE_KINDS,
    article_body,
    article_fields,
    classify_paragraphs,
    explode_paragraphs,
    layout,
    link_embeds,
    post_embeds,
)
from tasks.clean import clean_text
from tasks.language import article_languages, segment_by_language
from tasks.read import JSONL_SUFFIXES, DecodedFile, Problem
from tasks.records import RECORD_SCHEMA, parse_record_dates, split_jsonl, split_text_dump

# Bump when a change to parsing, cleaning, embeds or sentences changes output: every file
# read by an older version is then re-ingested by the next run.
PARSER_VERSION = 22


@dataclass
class Document:
    """One raw file, decoded: `source_file` is its path relative to raw_dir."""

    source_file: str
    format_suffix: str
    decoded: DecodedFile


@dataclass
class ParsedBatch:
    articles: pl.DataFrame
    article_sources: pl.DataFrame
    sentences: pl.DataFrame
    social_embeds: pl.DataFrame
    blocks: pl.DataFrame
    rejects: pl.DataFrame
    # Block counts per kind (prose, embed, furniture, byline, ...) for the run summary.
    block_counts: dict[str, int]

    def frames(self) -> dict[str, pl.DataFrame]:
        return {
            "articles": self.articles,
            "article_sources": self.article_sources,
            "sentences": self.sentences,
            "social_embeds": self.social_embeds,
            "blocks": self.blocks,
            "rejects": self.rejects,
        }


def stable_hash(values: pl.Series) -> pl.Series:
    """128-bit BLAKE2b hex digest of each string: stable across runs, versions and machines
    (polars' own hash is not)."""
    return pl.Series(
        values.name,
        [hashlib.blake2b(v.encode("utf-8"), digest_size=16).hexdigest() for v in values.to_list()],
        dtype=pl.String,
    )


def hashed(*parts: pl.Expr) -> pl.Expr:
    """Stable id from the given string columns (joined by a unit separator)."""
    return pl.concat_str(list(parts), separator="\x1f").map_batches(stable_hash, return_dtype=pl.String)


def with_owner(table: schemas.Table, frame: pl.DataFrame) -> pl.DataFrame:
    """`table`'s columns plus `source_file`: the file whose Parquet output will hold each row."""
    return pl.concat([table.conform(frame), frame.select("source_file")], how="horizontal")


def rejects_frame(rows: list[tuple[str, Problem]], run_id: str, now: datetime) -> pl.DataFrame:
    frame = pl.DataFrame(
        {
            "source_file": [source for source, _ in rows],
            "record_no": [p.record_no for _, p in rows],
            "reason": [p.reason for _, p in rows],
            "detail": [p.detail for _, p in rows],
        },
        schema={"source_file": pl.String, "record_no": pl.Int32, "reason": pl.String, "detail": pl.String},
    )
    return schemas.REJECTS.conform(frame.with_columns(run_id=pl.lit(run_id), rejected_at=pl.lit(now)))


def _records(documents: list[Document], today: date) -> tuple[pl.DataFrame, list[tuple[str, Problem]]]:
    frames: list[pl.DataFrame] = []
    problems: list[tuple[str, Problem]] = []
    for doc in documents:
        problems.extend((doc.source_file, p) for p in doc.decoded.problems)
        if doc.format_suffix in JSONL_SUFFIXES:
            records, bad_lines = split_jsonl(doc.decoded.text)
            problems.extend((doc.source_file, p) for p in bad_lines)
            records = records.with_columns(cut_off=pl.lit(False))
        else:
            records = split_text_dump(doc.decoded.text)
            # A dump that stops with no newline at its end was cut off inside its last article, maybe
            # in the middle of a word: that article's last line is a fragment (`She was questio`).
            cut = not doc.decoded.text.rstrip(" \t").endswith("\n")
            records = records.with_columns(cut_off=(pl.int_range(pl.len()) == pl.len() - 1) & cut)
        records, bad_dates = parse_record_dates(records, today)
        problems.extend((doc.source_file, p) for p in bad_dates)
        frames.append(records.with_columns(source_file=pl.lit(doc.source_file), encoding=pl.lit(doc.decoded.encoding)))
    if not frames:
        empty = pl.DataFrame(schema=RECORD_SCHEMA).with_columns(
            published_date=pl.lit(None, pl.Date),
            date_precision=pl.lit(None, pl.String),
            source_file=pl.lit(None, pl.String),
            encoding=pl.lit(None, pl.String),
            cut_off=pl.lit(None, pl.Boolean),
        )
        return empty, problems
    return pl.concat(frames, how="vertical"), problems


def parse_documents(documents: list[Document], run_id: str, now: datetime) -> ParsedBatch:
    """Decoded files -> articles, article_sources, sentences, social_embeds and rejects frames."""
    records, problems = _records(documents, now.date())
    cleaned = clean_text(records).with_row_index("article_key").with_columns(pl.col("article_key").cast(pl.Int64))

    paragraphs = explode_paragraphs(cleaned)
    has_text = paragraphs.select("article_key").unique()
    empty_articles = cleaned.join(has_text, on="article_key", how="anti")
    problems.extend(
        (source, Problem("empty_article", "header with no body text; nothing to keep", record_no))
        for source, record_no in empty_articles.select("source_file", "record_no").iter_rows()
    )

    # Exact duplicates (same date and cleaned text) share one article_id; the warehouse stores
    # them once and article_sources lists every place they appeared.
    identified = cleaned.join(has_text, on="article_key", how="semi").with_columns(
        article_id=hashed(pl.col("date_raw").fill_null(""), pl.col("text")),
        site=pl.coalesce(
            pl.col("source"),
            pl.col("url").str.extract(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*://)?(?:www\.)?([^/:?#\s]+)", 1).str.to_lowercase(),
        ),
    )
    article_sources = schemas.ARTICLE_SOURCES.conform(identified.with_columns(run_id=pl.lit(run_id)))
    # Each source file keeps its own copy (so that its Parquet files stand alone and a
    # changed or deleted file never takes another file's article with it); the warehouse
    # keeps one row per article_id.
    unique = identified.unique(["source_file", "article_id"], keep="first", maintain_order=True)
    keys = unique.select("article_key", "article_id", "source_file", json_title=pl.col("title"))

    lines = paragraphs.join(keys, on="article_key", how="inner")
    classified = classify_paragraphs(lines)
    block_counts = dict(classified.group_by("kind").len().iter_rows())

    body_paragraphs = article_body(classified)
    languages = article_languages(body_paragraphs)  # articles.language; segmentation follows it
    sentences = segment_by_language(body_paragraphs, languages)
    embeds = pl.concat([post_embeds(classified), link_embeds(classified)], how="vertical").sort(
        "article_key", "paragraph_no", maintain_order=True
    )

    per_article = (
        body_paragraphs.group_by("article_key")
        .agg(
            body=pl.col("text").str.join("\n\n"),
            n_paragraphs=pl.len().cast(pl.Int32),
        )
        .join(sentences.group_by("article_key").agg(n_sentences=pl.len().cast(pl.Int32)), on="article_key", how="left")
        .join(
            classified.group_by("article_key").agg(
                attribution=pl.col("attribution").drop_nulls().first(),
                n_boilerplate=pl.col("kind").is_in(BOILERPLATE_KINDS).sum().cast(pl.Int32),
            ),
            on="article_key",
            how="right",
        )
        .join(article_fields(classified), on="article_key", how="left")
        .join(layout(lines), on="article_key", how="left")
        .join(embeds.group_by("article_key").agg(n_embeds=pl.len().cast(pl.Int32)), on="article_key", how="left")
        .join(languages, on="article_key", how="left")
    )
    articles = unique.join(per_article, on="article_key", how="left").with_columns(
        title=pl.coalesce("title", "found_title"),
        body=pl.col("body").fill_null(""),
        n_paragraphs=pl.col("n_paragraphs").fill_null(0),
        n_sentences=pl.col("n_sentences").fill_null(0),
        n_embeds=pl.col("n_embeds").fill_null(0),
        n_boilerplate=pl.col("n_boilerplate").fill_null(0),
        n_words=pl.col("body").fill_null("").str.count_matches(r"\S+").cast(pl.Int32),
        ingested_at=pl.lit(now),
        run_id=pl.lit(run_id),
    )
    ids = articles.select("article_key", "article_id", "source_file")
    sentences = sentences.join(ids, on="article_key", how="left")
    # embed_no (position in the article) keeps two identical links in one paragraph distinct.
    embeds = (
        embeds.join(ids, on="article_key", how="left")
        .with_columns(embed_no=pl.int_range(pl.len()).over("article_key").cast(pl.String))
        .with_columns(
            embed_id=hashed(
                pl.col("article_id"),
                pl.col("embed_no"),
                pl.col("paragraph_no").cast(pl.String),
                pl.col("kind"),
                pl.col("handle").fill_null(""),
                pl.col("text").fill_null(""),
            )
        )
    )
    # Each block's paragraph in body (prose and headings), for joining blocks to sentences.
    blocks = (
        classified.join(
            body_paragraphs.select("article_key", "block_no", body_paragraph_no="paragraph_no"),
            on=["article_key", "block_no"],
            how="left",
        )
        .drop("article_id", "source_file")
        .join(ids, on="article_key", how="inner")
        .select(
            "article_id",
            "source_file",
            "block_no",
            line_no=pl.col("paragraph_no"),
            kind="kind",
            text="text",
            paragraph_no="body_paragraph_no",
            n_repeats="n_repeats",
        )
    )
    return ParsedBatch(
        articles=schemas.ARTICLES.conform(articles.sort("source_file", "record_no")),
        article_sources=article_sources,
        sentences=with_owner(schemas.SENTENCES, sentences.sort("source_file", "article_id", "sentence_no")),
        social_embeds=with_owner(schemas.SOCIAL_EMBEDS, embeds),
        blocks=with_owner(schemas.BLOCKS, blocks.sort("source_file", "article_id", "block_no")),
        rejects=rejects_frame(problems, run_id, now),
        block_counts=block_counts,
    )
