"""Recognise social-media posts flattened into article text, as polars regex expressions.

Every pattern here runs over a whole column of paragraphs at once (Rust regex, no
backtracking, no look-around). A post is recognised by its signature, never by a bare
`@mention`: prose that names a handle stays prose.
"""

from __future__ import annotations

import polars as pl

MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
SIGNATURE_DATE = rf"(?:{MONTHS})\.?\s+\d{{1,2}},\s*\d{{4}}"
TWITTER_HANDLE = r"[A-Za-z0-9_]{1,15}"

# X/Twitter: `<text> — Display Name (@handle) Month D, YYYY`. The text is greedy so the
# separator is the last dash before the signature; an ASCII hyphen needs a space before it
# (so `Ex-minister` is not a separator); the name may hold parentheses and emoji.
TWEET_RE = (
    r"^(?s:(?P<text>.*))(?:\s*[—–―]|\s--?|^--?)\s*(?P<name>[^\n]*?)\s*"
    rf"\(@(?P<handle>{TWITTER_HANDLE})\)\s*(?P<date>{SIGNATURE_DATE})\s*×?\s*$"
)
INSTAGRAM_LABEL_RE = r"(?i)^\s*View this post on Instagram\s*"
INSTAGRAM_SIGNATURE_RE = (
    r"(?i)A post shared by\s+(?P<name>[^\n]*?)\s*\(@(?P<handle>[A-Za-z0-9_.]{1,30})\)"
    rf"(?:\s+on\s+(?P<date>{SIGNATURE_DATE})"
    r"(?:\s+at\s+\d{1,2}:\d{2}\s*[ap]\.?m\.?(?:\s+[A-Z]{2,5})?)?)?"
)
FACEBOOK_RE = (
    r"^(?s:(?P<text>.*?))\s*Posted by\s+(?P<name>[^\n]+?)\s+on\s+"
    rf"(?:(?:{WEEKDAYS}),?\s+)?(?P<date>{SIGNATURE_DATE})\s*$"
)
TIKTOK_RE = r"^@(?P<handle>[A-Za-z0-9_.]{2,24})\s+(?P<text>.*?)\s*♬\s*(?P<sound>.*)$"

URL_RE = r"(?:https?://|www\.)[^\s\]\)>\"“”]+"
MEDIA_LINK_RE = r"(?:https?://)?pic\.(?:twitter|x)\.com/[A-Za-z0-9]+"
# Links to a single post on a platform whose embed leaves no text (YouTube, Telegram,
# Facebook iframes) or that appear bare. `\b` keeps `netflix.com/...` from matching `x.com/`.
POST_LINK_RE = (
    r"\b(?:https?://)?(?:www\.|m\.|mobile\.)?(?:"
    r"youtube\.com/(?:watch\?v=|shorts/|live/)[\w-]{6,}"
    r"|youtu\.be/[\w-]{6,}"
    r"|t\.me/[A-Za-z0-9_]{3,}/\d+"
    r"|(?:facebook|fb)\.com/[\w.\-]+/(?:posts|videos)/[\w.\-:]+"
    r"|fb\.watch/[\w-]+"
    rf"|(?:twitter|x)\.com/{TWITTER_HANDLE}/status(?:es)?/\d+"
    r"|instagram\.com/(?:p|reel|tv)/[\w-]+"
    r"|tiktok\.com/@[\w.]+/video/\d+"
    r")[^\s\]\)>\"“”]*"
)


def parse_signature_date(expr: pl.Expr) -> pl.Expr:
    """`April 21, 2022` / `Sept. 3, 2020` / `Apr 3,2021` -> Date (NULL when it is no date)."""
    normalised = (
        expr.str.replace(r"\.", "").str.replace(r"^Sept\b", "Sep").str.replace(r",\s*", ", ").str.replace(r"\s+", " ")
    )
    return pl.coalesce(
        normalised.str.strptime(pl.Date, "%B %d, %Y", strict=False),
        normalised.str.strptime(pl.Date, "%b %d, %Y", strict=False),
    )


def post_links(expr: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """(links, media_links) found in a text column; media links are not repeated in links."""
    media = expr.str.extract_all(MEDIA_LINK_RE)
    links = expr.str.replace_all(MEDIA_LINK_RE, " ").str.extract_all(URL_RE)
    return links, media


def match_posts(paragraphs: pl.DataFrame) -> pl.DataFrame:
    """Paragraph-level post signatures.

    Adds `post_platform` (twitter, facebook, tiktok; NULL for none), `post_name`,
    `post_handle`, `post_date_raw`, `post_text`, and the Instagram markers
    `ig_label` / `ig_signature`, which span paragraphs and are grouped by the caller.
    """
    text = pl.col("text")
    tweet = text.str.extract_groups(TWEET_RE)
    facebook = text.str.extract_groups(FACEBOOK_RE)
    tiktok = text.str.extract_groups(TIKTOK_RE)
    instagram = text.str.extract_groups(INSTAGRAM_SIGNATURE_RE)
    return (
        paragraphs.with_columns(_tw=tweet, _fb=facebook, _tt=tiktok, _ig=instagram)
        .with_columns(
            ig_label=text.str.contains(INSTAGRAM_LABEL_RE),
            ig_signature=pl.col("_ig").struct.field("handle").is_not_null(),
            post_platform=pl.when(pl.col("_tw").struct.field("handle").is_not_null())
            .then(pl.lit("twitter"))
            .when(pl.col("_fb").struct.field("name").is_not_null())
            .then(pl.lit("facebook"))
            .when(pl.col("_tt").struct.field("handle").is_not_null())
            .then(pl.lit("tiktok")),
        )
        .with_columns(
            post_name=pl.when(pl.col("post_platform") == "twitter")
            .then(pl.col("_tw").struct.field("name"))
            .when(pl.col("post_platform") == "facebook")
            .then(pl.col("_fb").struct.field("name"))
            .when(pl.col("ig_signature"))
            .then(pl.col("_ig").struct.field("name")),
            post_handle=pl.when(pl.col("post_platform") == "twitter")
            .then(pl.col("_tw").struct.field("handle"))
            .when(pl.col("post_platform") == "tiktok")
            .then(pl.col("_tt").struct.field("handle"))
            .when(pl.col("ig_signature"))
            .then(pl.col("_ig").struct.field("handle")),
            post_date_raw=pl.when(pl.col("post_platform") == "twitter")
            .then(pl.col("_tw").struct.field("date"))
            .when(pl.col("post_platform") == "facebook")
            .then(pl.col("_fb").struct.field("date"))
            .when(pl.col("ig_signature"))
            .then(pl.col("_ig").struct.field("date")),
            post_text=pl.when(pl.col("post_platform") == "twitter")
            .then(pl.col("_tw").struct.field("text"))
            .when(pl.col("post_platform") == "facebook")
            .then(pl.col("_fb").struct.field("text"))
            .when(pl.col("post_platform") == "tiktok")
            .then(
                pl.concat_str(
                    pl.col("_tt").struct.field("text"),
                    pl.lit(" ♬ "),
                    pl.col("_tt").struct.field("sound"),
                )
            )
            .when(pl.col("ig_signature") | pl.col("ig_label"))
            .then(text.str.replace(INSTAGRAM_LABEL_RE, "").str.replace(INSTAGRAM_SIGNATURE_RE, "").str.strip_chars()),
        )
        .drop("_tw", "_fb", "_tt", "_ig")
    )


def link_platform(url: pl.Expr) -> pl.Expr:
    lower = url.str.to_lowercase()
    return (
        pl.when(lower.str.contains(r"youtube\.com|youtu\.be"))
        .then(pl.lit("youtube"))
        .when(lower.str.contains(r"\bt\.me/"))
        .then(pl.lit("telegram"))
        .when(lower.str.contains(r"facebook\.com|fb\.com|fb\.watch"))
        .then(pl.lit("facebook"))
        .when(lower.str.contains(r"\b(?:twitter|x)\.com/"))
        .then(pl.lit("twitter"))
        .when(lower.str.contains(r"instagram\.com"))
        .then(pl.lit("instagram"))
        .when(lower.str.contains(r"tiktok\.com"))
        .then(pl.lit("tiktok"))
        .otherwise(pl.lit("other"))
    )


def link_handle(url: pl.Expr) -> pl.Expr:
    return pl.coalesce(
        url.str.extract(rf"(?:twitter|x)\.com/({TWITTER_HANDLE})/status", 1),
        url.str.extract(r"t\.me/([A-Za-z0-9_]+)/", 1),
        url.str.extract(r"tiktok\.com/@([\w.]+)/", 1),
        url.str.extract(r"facebook\.com/([\w.\-]+)/(?:posts|videos)/", 1),
    )
