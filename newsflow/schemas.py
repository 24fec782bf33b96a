"""The one place where newsflow's tables are declared.

The Parquet writer casts every frame to these schemas, the DuckDB loader derives its
DDL and `COMMENT ON` statements from them, and the tests check output against them.
Nothing downstream infers a schema from data.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl
import pyarrow as pa


@dataclass(frozen=True)
class Column:
    name: str
    dtype: pa.DataType
    comment: str
    nullable: bool = True
    # DuckDB type when it is not the one derived from dtype (e.g. JSON stored as a Parquet string).
    sql_type: str | None = None

    @property
    def duckdb_type(self) -> str:
        return self.sql_type or duckdb_type(self.dtype)


@dataclass(frozen=True)
class Table:
    name: str
    comment: str
    columns: tuple[Column, ...]
    # Rows of a table partitioned by month live under `<table>/published_month=YYYY-MM/`.
    partitioned_by_month: bool = True
    # The row key. Unique by construction and checked by the loader, not declared to DuckDB: a key
    # constraint keeps an index that every checkpoint rewrites whole (1.5 s per publish at 1 GB of text).
    primary_key: tuple[str, ...] = ()

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def arrow_schema(self) -> pa.Schema:
        return pa.schema([pa.field(c.name, c.dtype, nullable=c.nullable) for c in self.columns])

    @property
    def polars_schema(self) -> pl.Schema:
        empty = pl.from_arrow(self.arrow_schema.empty_table())
        assert isinstance(empty, pl.DataFrame)
        return empty.schema

    def empty_frame(self) -> pl.DataFrame:
        return pl.DataFrame(schema=self.polars_schema)

    def conform(self, frame: pl.DataFrame) -> pl.DataFrame:
        """Select and cast `frame` to exactly this table's columns, in order."""
        missing = [c for c in self.column_names if c not in frame.columns]
        if missing:
            raise ValueError(f"{self.name}: frame lacks columns {missing}")
        return frame.select([pl.col(name).cast(dtype, strict=True) for name, dtype in self.polars_schema.items()])

    def to_arrow(self, frame: pl.DataFrame) -> pa.Table:
        return self.conform(frame).to_arrow().cast(self.arrow_schema)


STR = pa.string()
STR_LIST = pa.list_(pa.string())
I32 = pa.int32()
I64 = pa.int64()
DATE = pa.date32()
TS = pa.timestamp("us")  # naive UTC
F64 = pa.float64()

ARTICLES = Table(
    name="articles",
    comment="One row per distinct article (exact duplicates stored once; see article_sources).",
    primary_key=("article_id",),
    columns=(
        Column("article_id", STR, "Stable content hash of the article's date and cleaned text.", False),
        Column(
            "published_date", DATE, "Date from the article's `date` header or JSON field; NULL when unknown or invalid."
        ),
        Column(
            "date_precision", STR, "'day' for a YYYY-MM-DD date, 'month' for YYYY-MM (published_date is then the 1st)."
        ),
        Column("source_file", STR, "Raw dump file the article was read from, relative to raw_dir.", False),
        Column("record_no", I32, "0-based position of the article inside its source file.", False),
        Column("url", STR, "Article URL when the dump carries one (JSON Lines exports)."),
        Column("site", STR, "Host name of the URL without www., or the JSON `source` field."),
        Column(
            "title",
            STR,
            "Headline: JSON Lines `title`, else the title found at the top of the text (repeats collapsed).",
        ),
        Column("standfirst", STR, "Summary line between the title and the byline, when the page has one."),
        Column("byline", STR, "First byline as written (`By Jane Doe`, `Web Desk`, `Jane Doe in Lagos`)."),
        Column("dateline", STR, "Agency dateline opening the text, e.g. `GENEVA (Reuters)`, without its dash."),
        Column("captions", STR_LIST, "Photo captions and credits, in order."),
        Column("layout", STR, "'blank' (paragraphs apart by blank lines), 'single' (single newlines) or 'mixed'."),
        Column(
            "body",
            STR,
            "Prose paragraphs and headings joined by a blank line; no title, byline, captions, furniture, "
            "embeds or attribution (those are in blocks).",
            False,
        ),
        Column("attribution", STR_LIST, "Sources listed in a closing line such as `(MEMO, PC, Social Media)`."),
        Column("n_paragraphs", I32, "Number of paragraphs (prose and headings) in body.", False),
        Column("n_sentences", I32, "Number of rows in sentences for this article.", False),
        Column("n_words", I32, "Whitespace-separated words in body.", False),
        Column("n_embeds", I32, "Number of rows in social_embeds for this article.", False),
        Column(
            "n_boilerplate",
            I32,
            "Blocks kept out of body as page furniture: related links, prompts, widgets, time lines, comments, HTML.",
            False,
        ),
        Column("encoding", STR, "Encoding the source file was decoded with (utf-8, cp1252, ...).", False),
        Column("language", STR, "ISO 639-1 code detected from the start of body (py3langid); NULL without letters."),
        Column("ingested_at", TS, "UTC time the article was processed.", False),
        Column("run_id", STR, "newsflow run that produced the row.", False),
    ),
)

ARTICLE_SOURCES = Table(
    name="article_sources",
    comment="Every place an article was found, including exact duplicates of articles stored once in articles.",
    primary_key=("source_file", "record_no"),
    columns=(
        Column("article_id", STR, "Article found at this place.", False),
        Column("source_file", STR, "Raw dump file, relative to raw_dir.", False),
        Column("record_no", I32, "0-based position inside the file.", False),
        Column("url", STR, "URL given at this place, if any."),
        Column("published_date", DATE, "Publication date of the article."),
        Column("run_id", STR, "newsflow run that read it.", False),
    ),
)

SENTENCES = Table(
    name="sentences",
    comment="Sentences of each article's body; body[char_start:char_end] == text (0-based, characters). "
    "Unique on (article_id, sentence_no).",
    # No PRIMARY KEY in DuckDB: its index must fit in memory, and sentences is the largest table.
    # The loader's dedup keeps (article_id, sentence_no) unique; the tests check it.
    columns=(
        Column("article_id", STR, "Article the sentence belongs to.", False),
        Column("sentence_no", I32, "0-based sentence number in the article.", False),
        Column("paragraph_no", I32, "0-based prose paragraph number in body.", False),
        Column("text", STR, "Sentence text, exactly body[char_start:char_end].", False),
        Column("char_start", I32, "Start offset in articles.body, in characters.", False),
        Column("char_end", I32, "End offset (exclusive) in articles.body, in characters.", False),
    ),
)

SOCIAL_EMBEDS = Table(
    name="social_embeds",
    comment="Social-media posts embedded in articles (flattened to text), and bare links to posts.",
    primary_key=("embed_id",),
    columns=(
        Column("embed_id", STR, "Stable id: hash of article_id, position and embed text.", False),
        Column("article_id", STR, "Article the embed appeared in.", False),
        Column("platform", STR, "twitter, instagram, facebook, tiktok, youtube, telegram or other.", False),
        Column(
            "kind",
            STR,
            "'post' for a flattened embedded post, 'fragment' for a post's text and picture link left with no"
            " signature (author and date unknown), 'link' for a bare link to a post.",
            False,
        ),
        Column("author_name", STR, "Display name in the post's signature, as written."),
        Column("handle", STR, "Account handle without '@'."),
        Column("posted_date", DATE, "Date in the post's signature."),
        Column("text", STR, "Post text without its signature (the URL for kind 'link')."),
        Column("links", STR_LIST, "Links in the post (t.co and others), in order."),
        Column("media_links", STR_LIST, "Media links (pic.twitter.com, pic.x.com), in order."),
        Column("paragraph_no", I32, "0-based paragraph number in the raw article where the embed sits.", False),
    ),
)

BLOCKS = Table(
    name="blocks",
    comment="Every line of every article, classified: what went into body and what was kept out of it. "
    "Unique on (article_id, block_no).",
    # No PRIMARY KEY in DuckDB, as for sentences: one row per line of text.
    columns=(
        Column("article_id", STR, "Article the block belongs to.", False),
        Column("block_no", I32, "0-based block number in the article (a line cut in two gives two blocks).", False),
        Column(
            "line_no",
            I32,
            "0-based non-empty line of the raw article it comes from (social_embeds.paragraph_no counts the same).",
            False,
        ),
        Column(
            "kind",
            STR,
            "title, standfirst, byline, dateline, timestamp, caption, heading, prose, embed, link, label, "
            "attribution, related, furniture, comments or html.",
            False,
        ),
        Column("text", STR, "The block's cleaned text.", False),
        Column("paragraph_no", I32, "0-based paragraph number in body for prose and headings; NULL otherwise."),
        Column(
            "n_repeats",
            I32,
            "Articles of the same source file holding this line (short lines only; 1 otherwise); "
            "repeated lines are furniture.",
            False,
        ),
    ),
)

REJECTS = Table(
    name="rejects",
    comment="Every file, record or part that could not be ingested as it was, with a reason code.",
    partitioned_by_month=False,
    columns=(
        Column("source_file", STR, "Raw dump file, relative to raw_dir.", False),
        Column("record_no", I32, "0-based record (article or JSON line) in the file; NULL for the whole file."),
        Column("reason", STR, "Reason code (see README, Failure modes).", False),
        Column("detail", STR, "Human-readable detail: what was wrong and what was kept."),
        Column("run_id", STR, "newsflow run that met it.", False),
        Column("rejected_at", TS, "UTC time of the rejection.", False),
    ),
)

RUNS = Table(
    name="runs",
    comment="One row per ingest run.",
    partitioned_by_month=False,
    primary_key=("run_id",),
    columns=(
        Column("run_id", STR, "newsflow run id.", False),
        Column("flow_run_id", STR, "Prefect flow run id."),
        Column("started_at", TS, "UTC start.", False),
        Column("finished_at", TS, "UTC end.", False),
        Column("status", STR, "completed or failed.", False),
        Column("files_seen", I32, "Raw files found.", False),
        Column("files_new", I32, "Files not in the ledger before.", False),
        Column("files_changed", I32, "Files whose content hash changed.", False),
        Column("files_outdated", I32, "Files read by an older parser version.", False),
        Column("files_skipped", I32, "Unchanged files skipped.", False),
        Column("files_processed", I32, "Raw files parsed in this run.", False),
        Column("files_failed", I32, "Raw files that yielded nothing (all rejected).", False),
        Column("n_articles", I64, "Article rows written in this run.", False),
        Column("n_sentences", I64, "Sentence rows written in this run.", False),
        Column("n_embeds", I64, "Embed rows written in this run.", False),
        Column("n_rejects", I64, "Reject rows written in this run.", False),
        Column("rows_by_table", STR, 'Rows written per table, e.g. {"articles": 12}.', False, "JSON"),
        Column("rejects_by_reason", STR, "Rejects per reason code.", False, "JSON"),
        Column("embeds_by_platform", STR, "Embeds per platform.", False, "JSON"),
        Column("blocks_by_kind", STR, "Blocks per kind (prose, embed, furniture, byline, ...).", False, "JSON"),
        Column(
            "stage_seconds", STR, "Seconds per stage: plan, read, parse, write_parquet, publish_duckdb.", False, "JSON"
        ),
        Column("error", STR, "Why the run failed, when it did."),
        Column("duration_s", F64, "Wall-clock seconds.", False),
    ),
)

INGESTED_FILES = Table(
    name="ingested_files",
    comment="Ledger of raw files: what was read, from which content, by which parser version.",
    partitioned_by_month=False,
    primary_key=("path",),
    columns=(
        Column("path", STR, "Raw dump file, relative to raw_dir.", False),
        Column("size_bytes", I64, "Size on disk when read.", False),
        Column(
            "mtime_ns",
            I64,
            "Modification time (ns since the epoch) seen just before reading, for local files; while size and "
            "mtime stay the same, the next runs reuse content_hash instead of reading the file again.",
        ),
        Column("content_hash", STR, "BLAKE2b-128 of the file's bytes; a changed hash means re-ingest.", False),
        Column("parser_version", I32, "newsflow parser version that read it; an older one means re-ingest.", False),
        Column("status", STR, "ok, partial (some records rejected) or failed (nothing ingested).", False),
        Column("n_articles", I32, "Articles read from the file (duplicates included).", False),
        Column("run_id", STR, "newsflow run that read it.", False),
        Column("ingested_at", TS, "UTC time it was read.", False),
    ),
)

TABLES: dict[str, Table] = {
    t.name: t for t in (ARTICLES, ARTICLE_SOURCES, SENTENCES, SOCIAL_EMBEDS, BLOCKS, REJECTS, RUNS, INGESTED_FILES)
}

PLATFORMS = ("twitter", "instagram", "facebook", "tiktok", "youtube", "telegram", "other")
EMBED_KINDS = ("post", "fragment", "link")


def duckdb_type(dtype: pa.DataType) -> str:
    """DuckDB column type for an Arrow type used in these schemas."""
    if pa.types.is_list(dtype):
        return duckdb_type(dtype.value_type) + "[]"
    mapping = {
        pa.string(): "VARCHAR",
        pa.int32(): "INTEGER",
        pa.int64(): "BIGINT",
        pa.date32(): "DATE",
        pa.timestamp("us"): "TIMESTAMP",
        pa.float64(): "DOUBLE",
    }
    return mapping[dtype]
