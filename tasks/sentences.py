"""Sentence segmentation: sentencex (Rust) over many paragraphs per call, then news fixes in polars.

sentencex is called once per chunk of a few MB of paragraphs joined by blank lines (it
always breaks at a blank line), never once per sentence or article. Its output is then
corrected with vectorised rules for what it gets wrong in news text: splits before a
lowercase continuation (`1. apples 2. pears`), splits inside a token (no space between
the pieces), and splits after a title (`Gen.`, `Sgt.`).
"""

from __future__ import annotations

import polars as pl
import sentencex

CHUNK_CHARS = 4_000_000
SEPARATOR = "\n\n"

# A sentence ending in a title is not finished ("Lt. Col. Jones"). Single initials are left to
# sentencex, which already keeps "J. R. Smith" whole while still ending "on X." and "Plan B.".
NON_FINAL_ABBREVIATION_RE = (
    r"(?:^|[\s(\"“‘])(?:Mr|Mrs|Ms|Mx|Dr|Prof|Gen|Col|Lt|Maj|Sgt|Capt|Cmdr|Adm|Sen|Rep|Gov|Pres|Rev|Hon"
    r"|St|Mt|Ft|Jr|Sr|vs|No|Nos|Vol|Art|Fig|approx|est)\.$"
)
# The next piece continues the sentence when it starts with a lowercase letter, or with
# closing punctuation that belongs to the previous sentence.
CONTINUATION_RE = r"^(?:\p{Ll}|[,;:)\]}%])"


def _chunks(texts: list[str]) -> list[tuple[int, int]]:
    """[first, last) paragraph ranges of at most CHUNK_CHARS characters (one paragraph at least)."""
    ranges: list[tuple[int, int]] = []
    first = 0
    while first < len(texts):
        last, size = first, 0
        while last < len(texts) and (size == 0 or size + len(texts[last]) <= CHUNK_CHARS):
            size += len(texts[last]) + len(SEPARATOR)
            last += 1
        ranges.append((first, last))
        first = last
    return ranges


def _raw_boundaries(texts: list[str], language: str) -> pl.DataFrame:
    """(para_idx, start, end) of every sentence sentencex finds, offsets within the paragraph."""
    frames = []
    schema = {"start": pl.Int64, "end": pl.Int64}
    for first, last in _chunks(texts):
        chunk = texts[first:last]
        boundaries = [
            (b["start_index"], b["end_index"])
            for b in sentencex.get_sentence_boundaries(language, SEPARATOR.join(chunk))
            if not b["is_paragraph_break"]
        ]
        paragraph_starts = pl.DataFrame(
            {
                "para_start": pl.Series([len(t) + len(SEPARATOR) for t in chunk]).cum_sum().shift(1, fill_value=0),
                "para_idx": pl.int_range(first, last, eager=True),
            }
        ).cast(pl.Int64)
        frames.append(
            pl.DataFrame(boundaries, schema=schema, orient="row")
            .join_asof(paragraph_starts, left_on="start", right_on="para_start", strategy="backward")
            .select("para_idx", start=pl.col("start") - pl.col("para_start"), end=pl.col("end") - pl.col("para_start"))
        )
    if not frames:
        return pl.DataFrame(schema={"para_idx": pl.Int64, **schema})
    return pl.concat(frames)


def segment_paragraphs(paragraphs: pl.DataFrame, language: str = "en") -> pl.DataFrame:
    """Sentences of prose paragraphs.

    `paragraphs` has article_key, paragraph_no, text, body_start (offset of the paragraph in
    the article body). Returns article_key, sentence_no, paragraph_no, text, char_start,
    char_end with body[char_start:char_end] == text.
    """
    indexed = paragraphs.with_row_index("para_idx").with_columns(pl.col("para_idx").cast(pl.Int64))
    raw = _raw_boundaries(indexed.get_column("text").to_list(), language)
    pieces = (
        raw.join(indexed.select("para_idx", "text"), on="para_idx", how="left")
        .with_columns(
            piece=pl.col("text").str.slice(pl.col("start"), pl.col("end") - pl.col("start")),
        )
        .with_columns(
            # Trim the whitespace sentencex leaves on either side, keeping offsets true.
            lead=pl.col("piece").str.len_chars() - pl.col("piece").str.strip_chars_start().str.len_chars(),
            trail=pl.col("piece").str.len_chars() - pl.col("piece").str.strip_chars_end().str.len_chars(),
        )
        .with_columns(start=pl.col("start") + pl.col("lead"), end=pl.col("end") - pl.col("trail"))
        .filter(pl.col("end") > pl.col("start"))
        .with_columns(piece=pl.col("text").str.slice(pl.col("start"), pl.col("end") - pl.col("start")))
        .sort("para_idx", "start")
    )
    same_paragraph = pl.col("para_idx") == pl.col("para_idx").shift(1)
    previous = pl.col("piece").shift(1)
    joins_previous = same_paragraph & (
        pl.col("piece").str.contains(CONTINUATION_RE)
        | (pl.col("start") == pl.col("end").shift(1))  # split inside a token
        | previous.str.contains(NON_FINAL_ABBREVIATION_RE)
    )
    merged = (
        pieces.with_columns(sentence_group=(~joins_previous.fill_null(False)).cum_sum())
        .group_by("sentence_group", maintain_order=True)
        .agg(pl.col("para_idx").first(), pl.col("start").min(), pl.col("end").max(), pl.col("text").first())
    )
    return (
        merged.join(indexed.drop("text"), on="para_idx", how="left")
        .sort("para_idx", "start")
        .select(
            "article_key",
            sentence_no=pl.int_range(pl.len(), dtype=pl.Int32).over("article_key"),
            paragraph_no=pl.col("paragraph_no"),
            text=pl.col("text").str.slice(pl.col("start"), pl.col("end") - pl.col("start")),
            char_start=(pl.col("body_start") + pl.col("start")).cast(pl.Int32),
            char_end=(pl.col("body_start") + pl.col("end")).cast(pl.Int32),
        )
    )
