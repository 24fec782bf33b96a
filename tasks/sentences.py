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
# Sentences run together with no space after the stop (`the vote.The mayor`), as some crawls
# flatten paragraphs: a cut between a lowercase word's stop and a capitalised word. The body is
# never changed; the cut only ends one sentence's offsets and starts the next one's.
RUN_TOGETHER_RE = r"(\p{Ll}\p{Ll}[.!?]+[\"”’)]?)(\p{Lu}\p{Ll})"
CUT = "\x00"
# ... except after a title (`Prof.Ada`), which is not the end of a sentence.
TITLE_BEFORE_CUT_RE = (
    r"((?:^|[\s(\"“‘])(?:Mrs|Ms|Mx|Prof|Gen|Col|Maj|Sgt|Capt|Cmdr|Adm|Sen|Rep|Gov|Pres|Rev|Hon|Jr|Sr|vs|Nos|Vol|Art|Fig"
    r"|approx|est)\.)\x00"
)
# The next piece continues the sentence when it starts with a lowercase letter, or with
# closing punctuation that belongs to the previous sentence.
CONTINUATION_RE = r"^(?:\p{Ll}|[,;:)\]}%])"


def _chunk_bounds(texts: pl.Series) -> list[tuple[int, int]]:
    """[first, last) paragraph ranges of about CHUNK_CHARS characters each (one paragraph at least)."""
    ends = (texts.str.len_chars().cast(pl.Int64) + len(SEPARATOR)).cum_sum()
    chunk_of = (ends - 1) // CHUNK_CHARS
    starts = (
        chunk_of.to_frame("chunk")
        .with_row_index("i")
        .group_by("chunk", maintain_order=True)
        .agg(first=pl.col("i").min(), last=pl.col("i").max() + 1)
    )
    return [(int(first), int(last)) for first, last in starts.select("first", "last").iter_rows()]


BOUNDARY_SCHEMA = {"start_index": pl.Int64, "end_index": pl.Int64, "text": pl.String, "is_paragraph_break": pl.Boolean}


def _raw_boundaries(texts: pl.Series, language: str) -> pl.DataFrame:
    """(para_idx, start, end, piece) of every sentence sentencex finds: offsets within the
    paragraph, and the piece's own text (sentencex hands it over, so a huge paragraph is never
    sliced by character offset again, which would cost time quadratic in its length)."""
    frames = []
    for first, last in _chunk_bounds(texts):
        chunk = texts.slice(first, last - first)
        # sentencex returns one dict per sentence; polars reads them in Rust, not in a Python loop.
        boundaries = pl.from_dicts(
            sentencex.get_sentence_boundaries(language, SEPARATOR.join(chunk.to_list())), schema=BOUNDARY_SCHEMA
        ).filter(~pl.col("is_paragraph_break"))
        paragraph_starts = pl.DataFrame(
            {
                "para_start": (chunk.str.len_chars().cast(pl.Int64) + len(SEPARATOR)).cum_sum().shift(1, fill_value=0),
                "para_idx": pl.int_range(first, last, eager=True, dtype=pl.Int64),
            }
        )
        frames.append(
            boundaries.join_asof(
                paragraph_starts, left_on="start_index", right_on="para_start", strategy="backward"
            ).select(
                "para_idx",
                piece=pl.col("text"),
                start=pl.col("start_index") - pl.col("para_start"),
                end=pl.col("end_index") - pl.col("para_start"),
            )
        )
    if not frames:
        return pl.DataFrame(schema={"para_idx": pl.Int64, "piece": pl.String, "start": pl.Int64, "end": pl.Int64})
    return pl.concat(frames)


def segment_paragraphs(paragraphs: pl.DataFrame, language: str = "en") -> pl.DataFrame:
    """Sentences of prose paragraphs.

    `paragraphs` has article_key, paragraph_no, text, body_start (offset of the paragraph in
    the article body). Returns article_key, sentence_no, paragraph_no, text, char_start,
    char_end with body[char_start:char_end] == text.
    """
    indexed = paragraphs.with_row_index("para_idx").with_columns(
        pl.col("para_idx").cast(pl.Int64), para_len=pl.col("text").str.len_chars().cast(pl.Int64)
    )
    raw = _raw_boundaries(indexed.get_column("text"), language)
    # Within a paragraph sentencex's pieces are contiguous and carry their whitespace, so the
    # concatenation of consecutive pieces is exactly the body text they span.
    pieces = (
        raw.join(indexed.select("para_idx", "para_len"), on="para_idx", how="left")
        .with_columns(end=pl.min_horizontal("end", "para_len"))  # never past its paragraph
        .with_columns(piece=pl.col("piece").str.slice(0, pl.col("end") - pl.col("start")))
        .sort("para_idx", "start")
        .with_columns(stripped=pl.col("piece").str.strip_chars())
    )
    same_paragraph = pl.col("para_idx") == pl.col("para_idx").shift(1)
    previous = pl.col("stripped").shift(1)
    # No whitespace at the seam: the raw pieces meet inside a token.
    touches_previous = pl.col("piece").str.contains(r"^\S") & pl.col("piece").shift(1).str.contains(r"\S$")
    joins_previous = same_paragraph & (
        (pl.col("stripped") == "")  # whitespace only: belongs to the sentence before
        | pl.col("stripped").str.contains(CONTINUATION_RE)
        | touches_previous  # split inside a token
        | previous.str.contains(NON_FINAL_ABBREVIATION_RE)
    )
    grouped = pieces.with_columns(sentence_group=(~joins_previous.fill_null(False)).cum_sum()).with_columns(
        group_size=pl.len().over("sentence_group")
    )
    # Most sentences are one piece; only the merged ones pay for a string join.
    joined = (
        grouped.filter(pl.col("group_size") > 1)
        .group_by("sentence_group", maintain_order=True)
        .agg(pl.col("para_idx").first(), pl.col("start").min(), pl.col("piece").str.join(""))
    )
    merged = (
        pl.concat([grouped.filter(pl.col("group_size") == 1).select(joined.columns), joined])
        .with_columns(
            lead=pl.col("piece").str.len_chars() - pl.col("piece").str.strip_chars_start().str.len_chars(),
            text=pl.col("piece").str.strip_chars(),
        )
        .filter(pl.col("text") != "")
        .with_columns(start=pl.col("start") + pl.col("lead"))
        .with_columns(end=pl.col("start") + pl.col("text").str.len_chars())
    )
    merged = split_run_together(merged)
    return (
        merged.join(indexed.drop("text"), on="para_idx", how="left")
        .sort("para_idx", "start")
        .select(
            "article_key",
            sentence_no=pl.int_range(pl.len(), dtype=pl.Int32).over("article_key"),
            paragraph_no=pl.col("paragraph_no"),
            text=pl.col("text"),
            char_start=(pl.col("body_start") + pl.col("start")).cast(pl.Int32),
            char_end=(pl.col("body_start") + pl.col("end")).cast(pl.Int32),
        )
    )


def split_run_together(sentences: pl.DataFrame) -> pl.DataFrame:
    """Cut sentences at `word.Next` (no space after the stop); `start`/`end` stay offsets of the
    same text, so each piece is still exactly the text at its offsets."""
    glued = pl.col("text").str.contains(RUN_TOGETHER_RE)
    if not sentences.select(glued.any()).item():
        return sentences
    rest = sentences.filter(~glued)
    cut = (
        sentences.filter(glued)
        .with_columns(
            piece=pl.col("text")
            .str.replace_all(RUN_TOGETHER_RE, f"${{1}}{CUT}${{2}}")
            .str.replace_all(TITLE_BEFORE_CUT_RE, "${1}")
            .str.split(CUT)
        )
        .explode("piece")
        .with_columns(length=pl.col("piece").str.len_chars())
        .with_columns(
            start=pl.col("start") + (pl.col("length").cum_sum() - pl.col("length")).over("para_idx", "start"),
        )
        .with_columns(text=pl.col("piece"), end=pl.col("start") + pl.col("length"))
        .select(rest.columns)
    )
    return pl.concat([rest, cut])
