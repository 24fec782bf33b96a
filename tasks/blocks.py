"""Split articles into paragraphs and decide what each one is: prose, embed, boilerplate, attribution.

Every line break starts a paragraph (crawls separate paragraphs by blank lines or by single
newlines). Only prose paragraphs make up `articles.body`; everything else is kept, classified,
in the frame this module returns, so nothing is silently lost.
"""

from __future__ import annotations

import polars as pl

from tasks.embeds import (
    POST_LINK_RE,
    link_handle,
    link_platform,
    match_posts,
    parse_signature_date,
    post_links,
)

# Related-story links and prompts to subscribe/follow; only short paragraphs qualify, so a
# prose paragraph that happens to start with "Read" or "Follow" is never dropped.
BOILERPLATE_RE = (
    r"(?i)^(?:"
    r"read(?:\s+(?:more|also|next|full\s+story|the\s+full\s+story))?\s*(?:[:|>»\-–—]|$)"
    r"|read\s+(?:more|also|full\s+story)\b"
    r"|(?:please\s+)?(?:subscribe|sign\s+up)\b"
    r"|follow\s+(?:us\b|@?\w+\s+on\s+(?:twitter|x|facebook|instagram|telegram|tiktok|youtube|google\s+news)\b)"
    r"|(?:like|join|find)\s+us\s+on\b"
    r"|click\s+here\b"
    r"|(?:download|get)\s+(?:our|the)\s+(?:\w+\s+)?app\b"
    r"|share\s+this\s+(?:article|story)\b"
    r")"
)
BOILERPLATE_MAX_CHARS = 300
# `(MEMO, PC, Social Media)` closing an article: short comma/slash/semicolon-separated names.
ATTRIBUTION_RE = r"^\((?P<list>[^()\n]{1,160})\)\.?$"
ATTRIBUTION_ITEM_MAX_WORDS = 6
# A paragraph that is nothing but a link to a post (plus punctuation) is an embed, not prose.
LINK_ONLY_RE = rf"^\W*(?:{POST_LINK_RE}\W*)+$"
# An Instagram block opens with its label and closes with its signature within this many paragraphs.
INSTAGRAM_MAX_SPAN = 8

KINDS = ("prose", "embed", "link", "boilerplate", "attribution")


def explode_paragraphs(articles: pl.DataFrame) -> pl.DataFrame:
    """(article_key, text) -> one row per non-empty line: article_key, paragraph_no, text."""
    return (
        articles.select("article_key", pl.col("text").str.split("\n"))
        .explode("text")
        .filter(pl.col("text").str.strip_chars() != "")
        .with_columns(paragraph_no=pl.int_range(pl.len(), dtype=pl.Int32).over("article_key"))
        .select("article_key", "paragraph_no", "text")
    )


def classify_paragraphs(paragraphs: pl.DataFrame) -> pl.DataFrame:
    """Add `kind` and the post fields; Instagram blocks spanning paragraphs share `embed_group`."""
    marked = match_posts(paragraphs)
    by_article = "article_key"
    no = pl.col("paragraph_no")
    marked = marked.with_columns(
        last_label=pl.when(pl.col("ig_label")).then(no).forward_fill().over(by_article),
        next_signature=pl.when(pl.col("ig_signature")).then(no).backward_fill().over(by_article),
        prev_signature=pl.when(pl.col("ig_signature")).then(no).shift(1).forward_fill().over(by_article),
        is_last=no == no.max().over(by_article),
    )
    # A paragraph belongs to an Instagram block when it sits between a label and the next
    # signature, with no other signature in between. A signature without a label, or a
    # label without a signature (a remnant), is a block of its own.
    open_block = (
        pl.col("last_label").is_not_null()
        & pl.col("next_signature").is_not_null()
        & (pl.col("prev_signature").is_null() | (pl.col("prev_signature") < pl.col("last_label")))
        & (pl.col("next_signature") - pl.col("last_label") <= INSTAGRAM_MAX_SPAN)
    )
    in_instagram = open_block | pl.col("ig_signature") | pl.col("ig_label")
    attribution = pl.col("text").str.extract(ATTRIBUTION_RE, 1)
    attribution_items = attribution.str.replace_all(";", ",").str.split(",")
    classified = marked.with_columns(
        embed_group=pl.when(open_block)
        .then(pl.col("last_label"))
        .when(in_instagram | pl.col("post_platform").is_not_null())
        .then(no),
        embed_platform=pl.when(in_instagram).then(pl.lit("instagram")).otherwise(pl.col("post_platform")),
        # Caption paragraphs inside an Instagram block are the post's text as they stand.
        post_text=pl.when(open_block & pl.col("post_text").is_null())
        .then(pl.col("text"))
        .otherwise(pl.col("post_text")),
        attribution=pl.when(pl.col("is_last")).then(
            attribution_items.list.eval(pl.element().str.strip_chars()).list.filter(pl.element() != "")
        ),
    ).with_columns(
        attribution=pl.when(
            pl.col("attribution")
            .list.eval(pl.element().str.count_matches(r"\S+") <= ATTRIBUTION_ITEM_MAX_WORDS)
            .list.all()
            & (pl.col("attribution").list.len() > 0)
        ).then(pl.col("attribution"))
    )
    kind = (
        pl.when(pl.col("embed_group").is_not_null())
        .then(pl.lit("embed"))
        .when(pl.col("attribution").is_not_null())
        .then(pl.lit("attribution"))
        .when(pl.col("text").str.contains(LINK_ONLY_RE))
        .then(pl.lit("link"))
        .when((pl.col("text").str.len_chars() <= BOILERPLATE_MAX_CHARS) & pl.col("text").str.contains(BOILERPLATE_RE))
        .then(pl.lit("boilerplate"))
        .otherwise(pl.lit("prose"))
    )
    return classified.with_columns(kind=kind).drop("last_label", "next_signature", "prev_signature", "is_last")


def post_embeds(classified: pl.DataFrame) -> pl.DataFrame:
    """One row per embedded post: paragraphs of one embed_group folded together."""
    posts = classified.filter(pl.col("kind") == "embed").sort("article_key", "paragraph_no")
    grouped = posts.group_by("article_key", "embed_group", maintain_order=True).agg(
        platform=pl.col("embed_platform").first(),
        author_name=pl.col("post_name").drop_nulls().last(),
        handle=pl.col("post_handle").drop_nulls().last(),
        date_raw=pl.col("post_date_raw").drop_nulls().last(),
        text=pl.col("post_text").fill_null("").str.join("\n").str.strip_chars(),
        raw=pl.col("text").str.join("\n"),
        paragraph_no=pl.col("paragraph_no").min(),
    )
    links, media = post_links(pl.col("raw"))
    return grouped.with_columns(
        kind=pl.lit("post"),
        posted_date=parse_signature_date(pl.col("date_raw")),
        links=links,
        media_links=media,
        text=pl.when(pl.col("text") == "").then(None).otherwise(pl.col("text")),
    ).select(
        "article_key",
        "platform",
        "kind",
        "author_name",
        "handle",
        "posted_date",
        "text",
        "links",
        "media_links",
        "paragraph_no",
    )


def link_embeds(classified: pl.DataFrame) -> pl.DataFrame:
    """One row per bare link to a post found outside embedded posts."""
    found = (
        classified.filter(pl.col("kind") != "embed")
        .select("article_key", "paragraph_no", url=pl.col("text").str.extract_all(POST_LINK_RE))
        .explode("url")
        .drop_nulls("url")
    )
    return found.select(
        "article_key",
        platform=link_platform(pl.col("url")),
        kind=pl.lit("link"),
        author_name=pl.lit(None, dtype=pl.String),
        handle=link_handle(pl.col("url")),
        posted_date=pl.lit(None, dtype=pl.Date),
        text=pl.col("url"),
        links=pl.concat_list(pl.col("url")),
        media_links=pl.lit([], dtype=pl.List(pl.String)),
        paragraph_no=pl.col("paragraph_no"),
    )


def article_body(classified: pl.DataFrame) -> pl.DataFrame:
    """Prose paragraphs with their offsets in the body they form (joined by a blank line).

    Returns article_key, paragraph_no (in body), block_no (in the raw article), text, body_start.
    """
    prose = classified.filter(pl.col("kind") == "prose").sort("article_key", "paragraph_no")
    length = pl.col("text").str.len_chars() + 2
    return prose.select(
        "article_key",
        paragraph_no=pl.int_range(pl.len(), dtype=pl.Int32).over("article_key"),
        block_no=pl.col("paragraph_no"),
        text=pl.col("text"),
        body_start=(length.cum_sum() - length).over("article_key").cast(pl.Int32),
    )
