"""Language of each article, and sentence segmentation with that language's rules.

py3langid (a maintained fork of langid.py; its model ships inside the wheel, nothing is
downloaded) names the language of the start of each body: DETECT_CHARS characters are plenty
for news prose and keep the cost near 0.1 ms per article (the detector walks the text in
Python, so it is called once per article on a short prefix, never per sentence). sentencex then segments each language's
articles with that language's abbreviation rules (it falls back to generic rules for a
language it does not know).
"""

from __future__ import annotations

import polars as pl

from tasks.sentences import segment_paragraphs

DETECT_CHARS = 250
# Paragraphs of the body read for detection (the first ones; DETECT_CHARS caps the text).
DETECT_PARAGRAPHS = 3


def detect_languages(texts: pl.Series) -> pl.Series:
    """ISO 639-1 code of each text (None for a text without letters)."""
    import py3langid

    has_letters = texts.str.contains(r"\p{L}").fill_null(False).to_list()
    codes = [
        py3langid.classify(text[:DETECT_CHARS])[0] if letters else None
        for text, letters in zip(texts.to_list(), has_letters, strict=True)
    ]
    return pl.Series(texts.name, codes, dtype=pl.String)


def article_languages(paragraphs: pl.DataFrame) -> pl.DataFrame:
    """article_key, language: detected on the first prose paragraphs of each article."""
    if paragraphs.is_empty():
        return pl.DataFrame(schema={"article_key": pl.Int64, "language": pl.String})
    starts = (
        paragraphs.sort("article_key", "paragraph_no")
        .group_by("article_key", maintain_order=True)
        .agg(pl.col("text").head(DETECT_PARAGRAPHS).str.join(" ").str.slice(0, DETECT_CHARS))
    )
    return starts.select("article_key", language=pl.col("text").map_batches(detect_languages, pl.String))


def segment_by_language(paragraphs: pl.DataFrame, languages: pl.DataFrame) -> pl.DataFrame:
    """segment_paragraphs over each language's articles with that language's rules (English when unknown)."""
    tagged = paragraphs.join(languages, on="article_key", how="left").with_columns(pl.col("language").fill_null("en"))
    groups = tagged.partition_by("language", as_dict=True, maintain_order=True)
    if len(groups) <= 1:
        language = next(iter(groups))[0] if groups else "en"
        return segment_paragraphs(paragraphs, str(language))
    frames = [segment_paragraphs(group.drop("language"), str(key[0])) for key, group in groups.items()]
    return pl.concat(frames).sort("article_key", "sentence_no")
