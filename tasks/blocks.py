"""Split articles into blocks (one per line) and decide what each one is.

Every line break starts a block (crawls separate paragraphs by blank lines, single newlines
or both). A block is prose, a heading, the title, a standfirst, a byline, a dateline, a time
line, a caption, a related-story link, page furniture, reader comments, literal HTML, an
embedded post, a link to a post, a label introducing a post, or the closing attribution.
Only prose and headings make up `articles.body`; everything else is kept, classified, in the
`blocks` table, so nothing is silently lost.

Three kinds of evidence, all polars expressions over every line of a batch at once:
- wording (regexes for bylines, time lines, captions, related links, widgets, ...);
- repetition: a short line found in several articles of the same dump file is furniture (the
  way C4 and dolma drop lines that repeat across documents), counted with one group-by;
- shape and position: length, sentence end, capitals, link/digit/stopword density (as in
  jusText), and where the line sits relative to the first and last prose line.
"""

from __future__ import annotations

import polars as pl

from tasks.embeds import (
    DATE_ONLY_MAX_CHARS,
    DATE_ONLY_RE,
    POST_LINK_RE,
    REST_ENDS_WITH_LINK_RE,
    TWEET_SPLIT_RE,
    link_handle,
    link_platform,
    match_posts,
    parse_signature_date,
    post_links,
)
from tasks.lines import (
    ACRONYM_NAME_RE,
    AGENCY_PHOTO_CAPTION_RE,
    AGENCY_PHOTO_DATE_MARKS,
    AUTHOR_BIO_RE,
    BIO_WORDS_RE,
    BREADCRUMB_RE,
    BULLET_NAME_RE,
    BYLINE_AGENCIES,
    BYLINE_DATE_TAIL_RE,
    BYLINE_GLUED_DATE_RE,
    BYLINE_LEAD_RE,
    BYLINE_PLACE_RE,
    BYLINE_PREFIX_RE,
    BYLINE_RE,
    BYLINE_SITENAME_RE,
    CAPITALISED_WORD_RE,
    CAPTION_CREDIT_END_RE,
    CAPTION_DASH_CREDIT_RE,
    CAPTION_MAX_CHARS,
    CAPTION_RE,
    CAPTION_SOURCE_END_RE,
    CITED_HANDLE_RE,
    COMMENT_PROMPT_END_RE,
    COMMENTS_START_RE,
    COMMUNITY_RULES_RE,
    CREDIT_LINE_RE,
    CREDIT_TAIL_CHARS,
    DASH_CREDIT_RE,
    DASH_TRAIL_RE,
    DATE_TIME_RE,
    DATED_LABEL_RE,
    DATELINE_PREFIX_RE,
    EMOJI_LINK_RE,
    ENDS_WITH_PERIOD_RE,
    FILED_IN_LABEL_RE,
    FURNITURE_RE,
    GLUED_PROMO_RE,
    GLUED_STEP_RE,
    HEADLINE_MAX_CHARS,
    HEADLINE_MAX_WORDS,
    HTML_TAG_RE,
    ICON_SPRITE_RE,
    IMAGE_FILE_CAPTION_RE,
    KEYWORD_LIST_RE,
    LABELLED_HEADLINE_RE,
    LABELLED_HEADLINE_RE_PREFIX,
    LEAD_IN_RE,
    LEAD_IN_SHAPE_RE,
    LOWERCASE_NAME_RE,
    MASTHEAD_RE,
    META_DESK_FIELD_RE,
    META_FIELD_LABEL_RE,
    META_FIELDS_RE,
    META_LEADING_STAMPS_RE,
    META_LINE_RE,
    META_NOT_AUTHOR_RE,
    META_SEPARATOR_RE,
    META_STAMP_FIELD_RE,
    NAME_DATE_RE,
    NAME_HANDLE_RE,
    NAME_LINE_RE,
    NAME_ROLE_DATE_RE,
    NEWSLETTER_PROMPT_START_RE,
    NOT_BYLINE_RE,
    NOT_BYLINE_SITENAME_RE,
    NOT_DATELINE_RE,
    NOTE_LINE_RE,
    NOTE_LINE_WORDS,
    OPENING_CLAUSE_RE,
    PICTURE_LIBRARY_LEAD_RE,
    PICTURED_CAPTION_RE,
    POLL_ANSWERS_END_RE,
    POLL_QUESTION_RE,
    PREFIX_CHARS,
    PROMO_TEASER_RE,
    READER_ADDRESS_RE,
    READING_TIME_RE,
    RELATED_HEADER_RE,
    RELATED_MORE_RE,
    RELATED_RE,
    REPORTED_QUOTE_RE,
    ROLE_LINE_RE,
    RUN_TOGETHER_MENU_RE,
    SCREENSHOT_CAPTION_RE,
    SECTION_LABEL_RE,
    SECTION_WORD_RE,
    SECTION_WORDS,
    SEEN_CAPTION_RE,
    SENTENCE_END_RE,
    SEPARATOR_LINE_RE,
    SHARE_RUN_RE,
    SHORT_LINE_CHARS,
    SIGN_OFF_RE,
    SOURCE_CREDIT_RE,
    SOURCE_LINE_RE,
    STAFF_LINE_RE,
    STOPPED_CREDIT_END_RE,
    STOPPED_CREDIT_MARKS,
    STOPWORD_RE,
    STOPWORDS,
    SUPPORT_APPEAL_START_RE,
    SUPPORT_BUTTON_RE,
    TAGLINE_RE,
    TEMPLATE_PLACEHOLDER_RE,
    THANK_YOU_LINE_RE,
    TICKER_RE,
    TIMESTAMP_ANY_RE,
    TIMESTAMP_MAX_CHARS,
    TIMESTAMP_PREFIX_RE,
    TIMESTAMP_RE,
    TITLE_AGENCY_BYLINE_RE,
    TITLE_BYLINE_RE,
    TITLE_MAX_CHARS,
    TITLE_STAMP_RE,
    TITLE_SYNDICATION_RE,
    TRUNCATED_CAPTION_RE,
    URL_ENCODED_TEXT_RE,
    add_line_features,
    repeat_key,
)

# `(MEMO, PC, Social Media)` closing an article: short comma/slash/semicolon-separated names.
ATTRIBUTION_RE = r"^\((?P<list>[^()\n]{1,160})\)\.?$"
ATTRIBUTION_ITEM_MAX_WORDS = 6
# A line that is nothing but a link to a post (plus punctuation) is an embed, not prose.
LINK_ONLY_RE = rf"^\W*(?:{POST_LINK_RE}\W*)+$"
# A few words and a colon introducing a link to a post (`Watch the announcement: <link>`) label it.
LABELLED_LINK_RE = rf"^[^:.!?]+:\s*{POST_LINK_RE}\W*$"
# An Instagram block opens with its label and closes with its signature within this many lines.
INSTAGRAM_MAX_SPAN = 8
# Titles, bylines, datelines and time lines glued to other text are looked for this near the top.
HEAD_LINES = 12
# A labelled headline (`BREAKING: ...`) is the page's own when a word of it is in the first prose lines.
LABELLED_HEADLINE_LEAD_LINES = 3
# A field of a meta line with a date in it is a label or a date when it is this short (`Rail`, `3 min read`).
META_FIELD_MAX_WORDS = 5
# The script of an article is read from this many characters of its first prose line: Latin when it
# takes fewer bytes per character than this in UTF-8.
SCRIPT_SAMPLE_CHARS = 200
LATIN_BYTES_PER_CHAR = 1.6
# Meta lines (`<date> • Jane Roe • Last update: <time>`) are looked for in head lines this short.
META_LINE_MAX_WORDS = 24
# The page-head shapes added after real set B are looked for in lines this short.
BRIEF_LINE_CHARS = 80
# A short line found in this many articles of one dump file is furniture.
REPEAT_MIN_ARTICLES = 2
# ... and a line that reads like a sentence must sit above or below the body of this many.
REPEAT_MIN_ARTICLES_PROSE_LIKE = 3
REPEAT_MAX_WORDS = 25
# A line of this many characters or less printed this many times in its own article is a label.
OWN_REPEAT_MAX_CHARS = 80
OWN_REPEAT_MIN = 3
# A long paragraph whose first or last this many characters open or close a paragraph in this many
# other articles of its dump file is the site's boilerplate (a disclaimer, a stock definition, an
# author's bio) when it comes after the body; copies differ in a word or are cut off at a page's end.
SHARED_END_CHARS = 64
SHARED_MIN_CHARS = 64
# A tweet is at most 280 characters: the paragraphs before a signature join it within this budget.
TWEET_MAX_CHARS = 300
TWEET_MAX_PARAGRAPHS = 3
# A paragraph of ten words or more that ends with no sentence stop or colon and opens with no
# list number: what a tweet's first paragraph looks like above its signature.
TWEET_OPENING_RE = r"^(?:[^\d\s]\S*|\d+(?:[^\d\s.)]\S*)?)(?:\s+\S+){9,}[^\s.!?…:：\"'”’»]$"
# Hashtags, mentions (not a handle in brackets, as prose cites them), t.co links, emoji.
TWEET_MARKER_RE = r"#\w|(?:^|[^(\w])@\w|https?://t\.co/|\p{Extended_Pictographic}"

KINDS = (
    "title",
    "standfirst",
    "byline",
    "dateline",
    "timestamp",
    "caption",
    "heading",
    "prose",
    "embed",
    "link",
    "label",
    "attribution",
    "related",
    "furniture",
    "comments",
    "html",
)
# A line that repeats the line above it (give or take this many characters) is what that line
# is, when that is one of these.
INHERITED_KINDS = ("caption", "furniture", "timestamp", "related", "html")
REPEAT_SLACK_CHARS = 8
# This many heading-shaped lines in a row are no headings.
HEADING_RUN = 3
# Kinds that make up articles.body, and kinds counted as boilerplate (kept out of it).
BODY_KINDS = ("prose", "heading")
BOILERPLATE_KINDS = ("related", "furniture", "comments", "html", "timestamp")


def _near(expr: pl.Expr, k: int) -> pl.Expr:
    """`expr` on the line k lines above (k > 0) or below (k < 0) in the same article, else NULL.

    Frames here are in article order, so a plain shift checked against article_key does what
    `shift(k).over("article_key")` does without grouping the whole frame each time (100x faster).
    """
    key = pl.col("article_key")
    return pl.when(key.shift(k) == key).then(expr.shift(k))


def _only(cond: pl.Expr) -> pl.Expr:
    """The line's text where `cond` holds, "" elsewhere: patterns then scan only those lines.

    (`pl.when(cond).then(text)` marks the other lines NULL but keeps their bytes, and `contains`,
    `replace_all` and `to_lowercase` still go through them: ten times the work on a sparse mask.)
    """
    return pl.when(cond).then(pl.col("text")).otherwise(pl.lit(""))


def _text_below(cond: pl.Expr) -> pl.Expr:
    """For the lines where `cond` holds, the text of the line under them in the same article; "" or
    NULL elsewhere (only those lines' neighbours are copied, not every line)."""
    return _near(_only(_near(cond, 1).fill_null(False)), -1)


def _loose(text: pl.Expr) -> pl.Expr:
    """`text` in lower case with everything but letters and digits taken out: two copies of one line
    that differ in spacing, punctuation, apostrophes or case compare equal (`Caption - AFP` / `CaptionAFP`)."""
    return text.str.to_lowercase().str.replace_all(r"[^\p{L}\p{N}]+", "")


def _row_key() -> pl.Expr:
    """One integer per line of a batch (article, block; an article has fewer than 2**20 blocks): marks
    found on a few lines are set back with `is_in`, not with a join, which would copy every column of
    the frame."""
    return pl.col("article_key").cast(pl.Int64) * (1 << 20) + pl.col("block_no").cast(pl.Int64)


def _meta_lines(classified: pl.DataFrame) -> pl.DataFrame:
    """`_meta_byline` and `_meta_stamp`: head lines of bullet- or bar-separated fields.

    A line naming a date or time and the author (a name, a worded byline or a desk) in any order is a
    byline (`<date> • Jane Roe • Last update: <time>`); without an author, short fields around a
    date (`Rail • Transport • <date>`) are a time line. Only the few head lines holding a separator
    and a digit are cut into fields (see META_SEPARATOR_RE); the marks are set back by `_row_key`.
    """
    no = pl.col("block_no")
    text = pl.col("text")
    head = _only((no < HEAD_LINES) & (pl.col("n_words") <= META_LINE_MAX_WORDS))
    candidates = (
        classified.select("article_key", "block_no", "n_words", "text")
        .filter(head.str.contains(r"[•|·]") & head.str.contains(r"\d"))
        .select(_key=_row_key(), _fields=text.str.replace_all(META_SEPARATOR_RE, "\x01").str.split("\x01"))
    )
    if candidates.is_empty():
        return classified.with_columns(_meta_byline=pl.lit(False), _meta_stamp=pl.lit(False))
    fields = pl.col("_fields")
    field = pl.element().str.strip_chars()
    # (the editor or the source named in a labelled field is not the author: `Edited By: Desk`)
    author_field = (
        field.str.contains(NAME_LINE_RE) | field.str.contains(BYLINE_RE) | field.str.contains(META_DESK_FIELD_RE)
    ) & ~field.str.contains(META_NOT_AUTHOR_RE)
    dated = (fields.list.len() >= 2) & fields.list.eval(field.str.contains(META_STAMP_FIELD_RE)).list.any()
    byline = dated & fields.list.eval(author_field).list.any()
    short_fields = fields.list.eval(field.str.count_matches(r"\S+") <= META_FIELD_MAX_WORDS).list.all()
    found = candidates.with_columns(_byline=byline, _stamp=dated & short_fields & ~byline)
    return classified.with_columns(
        _meta_byline=_row_key().is_in(found.filter("_byline")["_key"].implode()),
        _meta_stamp=_row_key().is_in(found.filter("_stamp")["_key"].implode()),
    )


def _is_latin_script(text: pl.Expr) -> pl.Expr:
    """Whether `text` reads as Latin script (NULL for an empty line), from its UTF-8 bytes per character
    (spaces, digits and punctuation included): about 1 for Latin text with its accents and an emoji
    or two (Vietnamese up to ~1.45); about 1.8 for Cyrillic, Greek, Arabic and Hebrew; near 3 for
    Indic scripts and CJK. A line in another script that is mostly Latin names and digits can read as
    Latin. (No pattern: a Unicode script class costs tens of milliseconds to compile, and counting
    letters one match per letter.)"""
    chars = text.str.len_chars()
    return pl.when(chars > 0).then(text.str.len_bytes() < chars * LATIN_BYTES_PER_CHAR)


def _body_script(classified: pl.DataFrame) -> pl.DataFrame:
    """`_body_latin` on the lines above (and on) each article's first prose line: whether that line
    reads as Latin script (`_is_latin_script`; NULL for an article without a prose line, and below it).

    Read from that one line per article (its first SCRIPT_SAMPLE_CHARS characters) and carried up to
    the lines above it, where the headline stands: rows are in article order, and the value travels
    with its article's key, so it never crosses into the article before.
    """
    key = pl.col("article_key").cast(pl.Int64)
    at_start = pl.col("block_no") == pl.col("_body_start")
    sample = _only(at_start).str.slice(0, SCRIPT_SAMPLE_CHARS)
    latin = _is_latin_script(sample)
    # (key and value packed in one integer: 0 not Latin, 1 Latin, 2 no letters)
    packed = pl.when(at_start).then(key * 4 + latin.cast(pl.Int64).fill_null(2)).backward_fill()
    return classified.with_columns(_body_latin=pl.when((packed // 4 == key) & (packed % 4 < 2)).then((packed % 4) == 1))


def _labelled_headline_on_topic(classified: pl.DataFrame) -> pl.DataFrame:
    """Keep `_labelled_headline` only where the line shares a word with the article's first prose
    or post lines.

    `BREAKING: Hospital director speaks` over a body about the hospital is the page's headline;
    `BREAKING: Power restored after storm Close` over a body about a cliff fall is a ticker for
    another story. A shared word is one of five letters or more, its first five letters compared
    (`hospitals` / `hospital`), function words and a ticker's `Close` button left out. Only the
    articles holding such a line are read (a handful per batch).
    """
    by = "article_key"
    candidates = classified.select(by, "block_no", "text", "_labelled_headline").filter("_labelled_headline")
    if candidates.is_empty():
        return classified
    lead = (
        classified.filter(
            pl.col(by).is_in(candidates[by].implode())
            & (pl.col("_prose") | (pl.col("base") == "embed").fill_null(False))
        )
        .group_by(by)
        .agg(_lead=pl.col("text").head(LABELLED_HEADLINE_LEAD_LINES).str.join(" ").str.to_lowercase())
    )
    stems = (
        pl.col("text")
        .str.replace(LABELLED_HEADLINE_RE_PREFIX, "")
        .str.replace(r"\s+(?:Close|CLOSE|close|×)$", "")
        .str.to_lowercase()
        .str.replace_all(STOPWORD_RE, " ")
        .str.extract_all(r"\p{L}{5,}")
        .list.eval(pl.element().str.slice(0, 5))
        .list.unique()
        .list.join("|")
    )
    on_topic = (
        candidates.join(lead, on=by, how="left")
        .with_columns(_stems=stems)
        .filter((pl.col("_stems") != "") & pl.col("_lead").str.contains(pl.col("_stems")).fill_null(False))
        .select(_key=_row_key())
    )
    return classified.with_columns(
        _labelled_headline=pl.col("_labelled_headline") & _row_key().is_in(on_topic["_key"].implode())
    )


def _cum_sum(expr: pl.Expr) -> pl.Expr:
    """Running sum of `expr` (NULL as 0) within each article; frames are in article order."""
    key = pl.col("article_key")
    value = expr.fill_null(0)
    total = value.cum_sum()
    starts = key.shift(1).is_null() | (key.shift(1) != key)
    return total - pl.when(starts).then(total - value).forward_fill()


def _article_total(expr: pl.Expr) -> pl.Expr:
    """Sum of `expr` (NULL as 0) over the whole article, on every line; frames are in article order.

    (A running sum read at each article's last line and filled back: no group-by, unlike `.over`.)
    """
    key = pl.col("article_key")
    ends = key.shift(-1).is_null() | (key.shift(-1) != key)
    return pl.when(ends).then(_cum_sum(expr)).backward_fill()


def explode_paragraphs(articles: pl.DataFrame) -> pl.DataFrame:
    """(article_key, text[, cut_off]) -> one row per non-empty line: article_key, paragraph_no, text,
    blank_before, cut_end (the article's last line, where its dump was cut off: `cut_off`)."""
    cut_off = pl.col("cut_off").fill_null(False) if "cut_off" in articles.columns else pl.lit(False)
    lines = (
        articles.select("article_key", pl.col("text").str.split("\n"), _cut_off=cut_off)
        .explode("text")
        .with_columns(blank=pl.col("text").str.strip_chars() == "")
        .with_columns(blank_before=pl.col("blank").shift(1, fill_value=False).over("article_key"))
        .filter(~pl.col("blank"))
    )
    no = pl.int_range(pl.len(), dtype=pl.Int32).over("article_key")
    return lines.with_columns(
        paragraph_no=no, cut_end=pl.col("_cut_off") & (no == pl.len().over("article_key") - 1)
    ).select("article_key", "paragraph_no", "text", "blank_before", "cut_end")


def layout(lines: pl.DataFrame) -> pl.DataFrame:
    """Per article: 'blank' (paragraphs apart by blank lines), 'single' (single newlines) or 'mixed'."""
    following = lines.filter(pl.col("paragraph_no") > 0)
    return following.group_by("article_key").agg(
        layout=pl.when(pl.col("blank_before").all())
        .then(pl.lit("blank"))
        .when((~pl.col("blank_before")).all())
        .then(pl.lit("single"))
        .otherwise(pl.lit("mixed"))
    )


def _split_after_signatures(lines: pl.DataFrame) -> pl.DataFrame:
    """Cut a line after every post signature that has text after it on the same line.

    `post — Name (@h) May 1, 2022 The club said ...` -> the post, and the prose after it; a page
    flattened onto one line (`1.text — A (@a) May 1, 2022 2.text — B (@b) May 2, 2022 ...`) -> one
    piece per post. Text after the last signature stays with it when it is the end of that tweet
    (it ends in a link, as the rest of a flattened tweet does, and holds no further signature).
    Adds `piece` (0, 1, ... along the line) and `_after_sig` (the row came out of such a cut: no
    other split applies to it). The rows come back in their order with the further pieces after
    them (the caller sorts): one pass over the lines, then one per further signature over the
    rest pieces only.
    """
    text = pl.col("text")

    def cut_first(frame: pl.DataFrame, has_sig: pl.Expr) -> pl.DataFrame:
        found = frame.with_columns(
            _prefix=pl.when(has_sig).then(text).otherwise(pl.lit("")).str.extract(TWEET_SPLIT_RE, 1)
        )
        rest = pl.when(pl.col("_prefix").is_not_null()).then(text.str.slice(pl.col("_prefix").str.len_chars()))
        return found.with_columns(
            _cut=(
                pl.col("_prefix").is_not_null()
                & (~rest.str.contains(REST_ENDS_WITH_LINK_RE) | rest.str.contains("(@", literal=True))
            ).fill_null(False)
        )

    def rest_of(cut: pl.DataFrame) -> pl.DataFrame:
        return (
            cut.with_columns(
                # (separators go, except before a second post's signature dash)
                text=text.str.slice(pl.col("_prefix").str.len_chars()).str.strip_chars(),
                piece=pl.col("piece") + 1,
                _after_sig=pl.lit(True),
                **({"blank_before": pl.lit(False)} if "blank_before" in lines.columns else {}),
            )
            .drop("_prefix", "_cut")
            .filter(text != "")
        )

    def first_piece(frame: pl.DataFrame) -> pl.DataFrame:
        return frame.with_columns(
            text=pl.when(pl.col("_cut")).then(pl.col("_prefix").str.strip_chars()).otherwise(text),
            _after_sig=pl.col("_after_sig") | pl.col("_cut"),
        ).drop("_prefix", "_cut")

    found = cut_first(
        lines.with_columns(piece=pl.lit(0, pl.Int32), _after_sig=pl.lit(False)), text.str.contains("(@", literal=True)
    )
    if not found["_cut"].any():
        return found.drop("_prefix", "_cut")
    pieces = [first_piece(found)]
    todo = rest_of(found.filter(pl.col("_cut")))
    while not todo.is_empty():
        found = cut_first(todo, text.str.contains("(@", literal=True))
        pieces.append(first_piece(found))
        todo = rest_of(found.filter(pl.col("_cut")))
    return pl.concat(pieces, how="vertical") if len(pieces) > 1 else pieces[0]


def split_glued(lines: pl.DataFrame) -> pl.DataFrame:
    """Cut a line in two where a dateline, time line or byline is glued to other text near the top,
    and after every post signature with text after it on the same line (`_split_after_signatures`).

    `WASHINGTON (AP) — The senate ...` -> a dateline block and a prose block;
    `post — Name (@h) May 1, 2022 The club said ...` -> the post, and the prose after it;
    `By Name • May 9, 2023` -> byline + time line; `TitleBy Name` -> title + byline.
    Adds `part` (0, or 1 for the second piece of a head split), `split_kind` (what the first piece
    is known to be) and `block_no` (0-based in the article, after splitting).
    """
    lines = _split_after_signatures(lines)
    text = pl.col("text")
    # (pieces cut at a signature are posts and what follows them: no head split applies to them)
    is_early = (pl.col("paragraph_no") < HEAD_LINES) & ~pl.col("_after_sig")
    # Datelines and glued time lines are prefixes: only the start of a line is searched. The
    # other shapes are whole short lines.
    # ("" rather than NULL off the mask, so that `contains` skips those lines: see `_only`)
    start = pl.when(is_early).then(text.str.slice(0, PREFIX_CHARS)).otherwise(pl.lit(""))
    early = _only(is_early & (text.str.len_chars() <= SHORT_LINE_CHARS))
    # Cheap literal tests pick the few lines each pattern can match before it runs.
    stamp_words = r"(?i:updated|published|posted)"
    # (`Desk Name Publicado em <date>`: the time line's word in the page's language)
    glued = pl.when(early.str.contains(rf"[•|·/]|{stamp_words}|(?i:publi|ver[öo]ff|diterbit)")).then(early)
    # Each extraction runs once into a column (an expression used twice in one eager
    # `with_columns` is evaluated twice), and the decisions below read the columns.
    found = lines.with_columns(
        _dl=pl.when(start.str.contains(r"[(—–:]|--")).then(start).str.extract_groups(DATELINE_PREFIX_RE),
        _st=pl.when(start.str.contains(stamp_words)).then(start).str.extract_groups(TIMESTAMP_PREFIX_RE),
        _by=glued.str.extract_groups(BYLINE_PREFIX_RE),
        _ti=pl.when(early.str.contains("By ", literal=True)).then(early).str.extract_groups(TITLE_BYLINE_RE),
        _nd=pl.when((text.str.len_chars() <= 120) & early.str.contains(r"\d{4}|\d:\d\d"))
        .then(early)
        .str.extract_groups(NAME_DATE_RE),
        _ts=glued.str.extract_groups(TITLE_STAMP_RE),
        _ta=pl.when(early.str.contains(rf",\s+(?:{BYLINE_AGENCIES})"))
        .then(early)
        .str.extract_groups(TITLE_AGENCY_BYLINE_RE),
        _nr=pl.when(early.str.contains(NAME_ROLE_DATE_RE)).then(early).str.extract_groups(NAME_ROLE_DATE_RE),
        # (a syndicated headline tops the page: further down the whole line is the note, see NOTE_LINE_RE)
        _sy=pl.when((pl.col("paragraph_no") < 3) & early.str.contains("originally", literal=True))
        .then(early)
        .str.extract_groups(TITLE_SYNDICATION_RE),
    )
    dateline_prefix = pl.col("_dl").struct.field("prefix")
    stamp_prefix = pl.col("_st").struct.field("prefix")
    byline_prefix = pl.col("_by").struct.field("prefix")
    titled_prefix = pl.col("_ti").struct.field("prefix")
    # (a name, job title, date and time run together is split the same way)
    named_prefix = pl.coalesce(pl.col("_nr").struct.field("prefix"), pl.col("_nd").struct.field("prefix"))
    title_stamp_prefix = pl.col("_ts").struct.field("prefix")
    named_ok = named_prefix.str.contains(NAME_LINE_RE) | named_prefix.str.contains(BYLINE_RE)
    rest_chars = text.str.len_chars() - dateline_prefix.str.len_chars()
    dateline_ok = (
        dateline_prefix.is_not_null()
        & ~dateline_prefix.str.contains(NOT_DATELINE_RE)
        & (rest_chars >= 30)
        # (`OPERATIONAL UPDATE:— Name (@handle) May 20, 2021`: a post's first words glued to its signature)
        & ~((rest_chars <= 90) & text.str.contains("(@", literal=True))
        # (`PSG : <headline> !`, a French headline's topic before a spaced colon, on a short line with no
        # final stop; a dateline opens a paragraph)
        & ~(
            dateline_prefix.str.contains(r"\s:$")
            & (text.str.len_chars() <= HEADLINE_MAX_CHARS)
            & ~text.str.contains(ENDS_WITH_PERIOD_RE)
        )
    )
    bare_byline = byline_prefix.str.strip_chars()
    # A bare name needs a date after it (`Jane Doe • May 9, 2023`); `READ MORE | Title` is no byline.
    byline_ok = (bare_byline.str.contains(BYLINE_RE) & ~bare_byline.str.contains(NOT_BYLINE_RE)) | (
        bare_byline.str.contains(NAME_LINE_RE) & pl.col("_by").struct.field("rest").str.contains(r"\d")
    )
    marked = found.with_columns(
        _dateline=dateline_ok.fill_null(False),
        _byline_ok=byline_ok.fill_null(False),
        _named_ok=named_ok.fill_null(False),
        _title_stamp_ok=title_stamp_prefix.is_not_null()
        & ~pl.when(title_stamp_prefix.is_not_null()).then(early).str.contains(TIMESTAMP_RE).fill_null(False),
    ).with_columns(
        # Only the first dateline of an article: later ones are quoted text. (Rows are not in
        # order here: the pieces cut after signatures come last.)
        _dateline=pl.col("_dateline")
        & (
            pl.when(pl.col("_dateline")).then(pl.col("paragraph_no")).min().over("article_key")
            == pl.col("paragraph_no")
        ),
    )
    marked = marked.with_columns(
        prefix=pl.when(pl.col("_dateline"))
        .then(dateline_prefix)
        .when(stamp_prefix.is_not_null())
        .then(stamp_prefix)
        .when(pl.col("_byline_ok"))
        .then(byline_prefix)
        .when(pl.col("_named_ok"))
        .then(named_prefix)
        .when(titled_prefix.is_not_null())
        .then(titled_prefix)
        # (`Headline JANE DOE, Associated Press <date> Updated: <time>`: the title first, then the
        # rest as one byline block, its date and time cut off in `article_fields`)
        .when(pl.col("_ta").struct.field("prefix").is_not_null())
        .then(pl.col("_ta").struct.field("prefix"))
        .when(pl.col("_title_stamp_ok"))
        .then(title_stamp_prefix)
        # (`<headline> originally appeared on <Outlet>`: the title first, the syndication note after it)
        .when(pl.col("_sy").struct.field("prefix").is_not_null())
        .then(pl.col("_sy").struct.field("prefix")),
        split_kind=pl.when(pl.col("_dateline"))
        .then(pl.lit("dateline"))
        .when(stamp_prefix.is_not_null())
        .then(pl.lit("timestamp"))
        .when(pl.col("_byline_ok") | pl.col("_named_ok"))
        .then(pl.lit("byline")),
        _ta_prefix=pl.col("_ta").struct.field("prefix"),
        _sy_prefix=pl.col("_sy").struct.field("prefix"),
    ).drop(
        "_dateline",
        "_byline_ok",
        "_named_ok",
        "_title_stamp_ok",
        "_dl",
        "_st",
        "_by",
        "_ti",
        "_nd",
        "_nr",
        "_ts",
        "_ta",
        "_sy",
    )
    # (the piece after a headline cut before an agency byline is that byline; after a syndicated
    # headline, its note)
    marked = marked.with_columns(
        _rest_kind=pl.when(pl.col("prefix") == pl.col("_ta_prefix"))
        .then(pl.lit("byline"))
        .when(pl.col("prefix") == pl.col("_sy_prefix"))
        .then(pl.lit("furniture"))
        .otherwise(pl.lit(None, pl.String))
    ).drop("_ta_prefix", "_sy_prefix")
    first = marked.with_columns(
        text=pl.coalesce(pl.col("prefix").str.strip_chars(), text),
        part=pl.lit(0, pl.Int32),
    )
    second = marked.filter(pl.col("prefix").is_not_null()).with_columns(
        # Separators between the two pieces go.
        text=text.str.slice(pl.col("prefix").str.len_chars()).str.replace(r"^[\s•|·,;:/–—-]+", ""),
        part=pl.lit(1, pl.Int32),
        split_kind=pl.col("_rest_kind"),
        **({"blank_before": pl.lit(False)} if "blank_before" in lines.columns else {}),
    )
    # A glued title keeps `title` to be found by position; its split_kind stays NULL.
    blocks = pl.concat([first, second.filter(pl.col("text") != "")], how="vertical").sort(
        "article_key", "paragraph_no", "piece", "part"
    )
    return blocks.drop("prefix", "piece", "_after_sig", "_rest_kind").with_columns(
        block_no=pl.int_range(pl.len(), dtype=pl.Int32).over("article_key")
    )


def _instagram_groups(marked: pl.DataFrame) -> pl.DataFrame:
    by_article = "article_key"
    no = pl.col("block_no")
    marked = marked.with_columns(
        last_label=pl.when(pl.col("ig_label")).then(no).forward_fill().over(by_article),
        next_signature=pl.when(pl.col("ig_signature")).then(no).backward_fill().over(by_article),
        prev_signature=pl.when(pl.col("ig_signature")).then(no).shift(1).forward_fill().over(by_article),
    )
    # A line belongs to an Instagram block when it sits between a label and the next
    # signature, with no other signature in between. A signature without a label, or a
    # label without a signature (a remnant), is a block of its own.
    open_block = (
        pl.col("last_label").is_not_null()
        & pl.col("next_signature").is_not_null()
        & (pl.col("prev_signature").is_null() | (pl.col("prev_signature") < pl.col("last_label")))
        & (pl.col("next_signature") - pl.col("last_label") <= INSTAGRAM_MAX_SPAN)
    )
    in_instagram = open_block | pl.col("ig_signature") | pl.col("ig_label")
    return marked.with_columns(
        _ig_group=pl.when(open_block).then(pl.col("last_label")).when(in_instagram).then(no),
        _ig_open=open_block,
    ).drop("last_label", "next_signature", "prev_signature")


def _dated_remnants(marked: pl.DataFrame) -> pl.DataFrame:
    """A line that is only a date, right under a line ending in a picture link, is the date of an
    author-less remnant (`text pic.twitter.com/...` / `August 8, 2021`): a signature of its own,
    which the picture line above then joins (see `_tweet_groups`), unless it repeats the date of
    the signature right above the picture line."""
    # (only the short lines right under a picture line are read)
    if not marked["tweet_continuation"].any():
        return marked
    below_pic = _near(pl.col("tweet_continuation") & pl.col("post_platform").is_null(), 1).fill_null(False)
    under_pic = (
        below_pic & pl.col("post_platform").is_null() & (_only(below_pic).str.len_chars() <= DATE_ONLY_MAX_CHARS)
    )
    date_only = _only(under_pic).str.extract(DATE_ONLY_RE, 1)
    # (not the signature's date printed again under the rest of its tweet: `text— Name (@h) May 1, 2022` /
    # `rest of the tweet pic.twitter.com/...` / `May 1, 2022` is one post)
    dated = under_pic & date_only.is_not_null() & ~(_near(pl.col("post_date_raw"), 2) == date_only).fill_null(False)
    return marked.with_columns(
        post_platform=pl.when(dated).then(pl.lit("twitter")).otherwise(pl.col("post_platform")),
        post_date_raw=pl.when(dated).then(date_only).otherwise(pl.col("post_date_raw")),
        # (the date is no text of the post)
        post_text=pl.when(dated).then(pl.lit("")).otherwise(pl.col("post_text")),
    )


def _tweet_groups(marked: pl.DataFrame) -> pl.DataFrame:
    """Twitter posts over several lines.

    Before a signature: up to TWEET_MAX_PARAGRAPHS lines join the tweet, within its length,
    when each carries tweet markers (hashtag, mention, t.co link, emoji), or a label line
    (ending in `:`) opened the run, or the signature stands on a line of its own (its text is
    then necessarily above it). After a signature: the rest of the tweet, up to two lines
    ending in its picture link.
    """
    by_article = "article_key"
    no = pl.col("block_no")
    blank_before = pl.col("blank_before") if "blank_before" in marked.columns else pl.lit(False)
    signature = (pl.col("post_platform") == "twitter").fill_null(False)
    text = pl.col("text")
    n_chars = text.str.len_chars()
    free = (
        pl.col("post_platform").is_null()
        & pl.col("tiktok_post_below").is_null()
        & ~pl.col("ig_label")
        & ~pl.col("ig_signature")
        & ~pl.col("_ig_open")
        & (n_chars <= TWEET_MAX_CHARS)
    )
    marked = marked.with_columns(
        _free=free,
        _prev_sig=pl.when(signature).then(no).forward_fill().over(by_article),
        # (filled over the whole frame, then checked against the article: cheaper than `.over`)
        _next_real_sig=pl.when(pl.when(signature).then(pl.col(by_article)).backward_fill() == pl.col(by_article)).then(
            pl.when(signature).then(no).backward_fill()
        ),
        # (a picture line right above a signature is that post's text, never the rest of the one before)
        _next_pic=pl.when(free & pl.col("tweet_continuation") & ~_near(signature, -1).fill_null(False))
        .then(no)
        .backward_fill()
        .over(by_article),
    )
    # The rest of a tweet after its signature: lines up to one ending in the tweet's picture link.
    joins_previous = (
        pl.col("_free")
        & (no - pl.col("_prev_sig")).is_between(1, 2)
        & (pl.col("_next_pic") - pl.col("_prev_sig")).is_between(1, 2)
        & (no <= pl.col("_next_pic"))
    ).fill_null(False)
    # A line ending in a picture link that belongs to no signature is what is left of a post
    # whose signature was lost: an embed of its own, author and date unknown (`post_fragment`: recorded
    # as a fragment, not a post; see `post_embeds`). Not near a signature, though:
    # just above one it is that tweet's text, a few lines under one it is a link line that
    # follows the post (`👉 ... pic.twitter.com/...`), and neither is a second post. (A remnant
    # with its date is a signature of its own, from `match_posts`.)
    near_signature = (no - pl.col("_prev_sig")).is_between(1, TWEET_MAX_PARAGRAPHS + 1).fill_null(False) | (
        pl.col("_next_real_sig") - no
    ).is_between(1, TWEET_MAX_PARAGRAPHS).fill_null(False)
    remnant = pl.col("_free") & pl.col("tweet_continuation") & ~joins_previous & ~near_signature
    marked = marked.with_columns(
        _joins_previous=joins_previous, _sig=signature | remnant, post_fragment=remnant
    ).with_columns(
        _free=pl.col("_free") & ~pl.col("_sig"),
        _next_sig=pl.when(pl.col("_sig")).then(no).backward_fill().over(by_article),
        # A signature alone on its line, right under the line above (no blank line between):
        # in single-newline layouts that line is the post's text. After a blank line, the
        # signature is a post whose text was lost.
        _next_sig_bare=pl.when(pl.col("_sig"))
        .then((pl.col("post_text").fill_null("").str.strip_chars() == "") & ~blank_before)
        .backward_fill()
        .over(by_article),
        _label_no=pl.when(text.str.contains(r"[:：]\s*$")).then(no).forward_fill().over(by_article),
    )
    after_label = (
        (no - pl.col("_label_no")).is_between(1, TWEET_MAX_PARAGRAPHS)
        & (pl.col("_prev_sig").is_null() | (pl.col("_label_no") > pl.col("_prev_sig")))
    ).fill_null(False)
    # (only lines close enough above a signature to join it are read)
    near_signature = pl.col("_free") & (pl.col("_next_sig") - no).is_between(1, TWEET_MAX_PARAGRAPHS).fill_null(False)
    # (the signature's handle is fetched by row number for those lines only; a remnant has none)
    signature_row = pl.int_range(pl.len(), dtype=pl.Int64) + pl.col("_next_sig") - no
    own_author_cited = _mentions_the_signature_author(
        _only(near_signature), pl.col("post_handle").gather(pl.when(near_signature).then(signature_row))
    )
    # A sentence citing a handle with a verb of saying (`..., aka @jroe, said that ...`) reports a post:
    # its mention is no mark of a post's text.
    mention_only = _only(pl.col("_free") & text.str.contains("@", literal=True))
    cites_handle = (
        mention_only.str.contains(CITED_HANDLE_RE)
        & ~mention_only.str.contains(r"#\w|https?://t\.co/|\p{Extended_Pictographic}")
        & mention_only.str.slice(-8).str.contains(SENTENCE_END_RE)
    )
    # In a page whose paragraphs are mostly apart by blank lines, a line glued to the line under
    # it (no blank line between) is one paragraph of the post with it, full stop or not.
    later = pl.col("paragraph_no") > 0
    n_blank = _article_total((blank_before & later).cast(pl.Int32))
    blank_layout = (n_blank > 0) & (n_blank * 2 >= _article_total(later.cast(pl.Int32)))
    glued_below = (~_near(blank_before, -1)).fill_null(False) & blank_layout
    # (the line right above a signature, for the test of a lead-in over a bare one)
    above_sig = _only(pl.col("_next_sig") - no == 1)
    # The article quoting the post in its own words (`Another user wrote: "..."`, `The company
    # acknowledged the outage. "We're aware ..."`): a reporting clause with a colon, or a whole sentence,
    # before the quotation mark. The post is the one below; this line is the article's.
    quoting = _only(near_signature & (text.str.contains("“", literal=True) | text.str.contains('"', literal=True)))
    reports_quote = quoting.str.contains(REPORTED_QUOTE_RE)
    before = (
        marked.with_columns(_eligible=pl.col("_free") & ~own_author_cited & ~reports_quote)
        .with_columns(
            _cand=pl.col("_eligible")
            & (
                (text.str.contains(TWEET_MARKER_RE) & ~cites_handle)
                | pl.col("tweet_continuation")
                | glued_below
                # A signature on a line of its own takes the line above it as its text, unless that
                # line introduces it (`You can see the full tweet below:`: the post's text was lost).
                | (
                    pl.col("_next_sig_bare").fill_null(False)
                    & (pl.col("_next_sig") - no == 1)
                    & ~(above_sig.str.contains(LEAD_IN_SHAPE_RE) & above_sig.str.contains(LEAD_IN_RE))
                )
                # So does any signature, when the line right above it reads as no sentence: a long
                # line with no final stop (a tweet's first paragraph), not a label, list item or heading.
                | ((pl.col("_next_sig") - no == 1) & above_sig.str.contains(TWEET_OPENING_RE))
            ),
            _dist=pl.col("_next_sig") - no,
        )
        .with_columns(
            # A line joins for being under a label only when the label opens the run (`_only_label`).
            _only_label=pl.col("_eligible") & after_label & ~pl.col("_cand"),
            _cand=pl.col("_cand") | (pl.col("_eligible") & after_label),
        )
        .with_columns(
            # Every line from the candidate down to the signature must qualify, within the length budget.
            _run_ok=(
                (~(pl.col("_cand") | pl.col("_sig"))).cast(pl.Int32).cum_sum(reverse=True).over(by_article, "_next_sig")
                == 0
            ),
            _run_chars=pl.when(pl.col("_dist") >= 0).then(n_chars).cum_sum(reverse=True).over(by_article, "_next_sig"),
        )
    )
    joins_next = (
        pl.col("_cand")
        & pl.col("_run_ok")
        & pl.col("_dist").is_between(1, TWEET_MAX_PARAGRAPHS)
        & (pl.col("_run_chars") <= TWEET_MAX_CHARS + 60)
    )
    # A label's reach is the unbroken run under it: `Rolling Stone reported:` / a long quoted
    # paragraph / a sentence / a post -- the sentence is the article's, not the post's. A line that
    # joins only for its label keeps joining when the line right under the label joins too (read
    # by row number: rows are in article order).
    before = before.with_columns(_joins=joins_next.fill_null(False), _cut_off=pl.lit(False))
    if not bool((before["_joins"] & before["_only_label"]).any()):
        return _tweet_group_column(before)
    label_top_row = pl.int_range(pl.len(), dtype=pl.Int64) - (no - pl.col("_label_no") - 1)
    cut_off = (
        pl.col("_joins")
        & pl.col("_only_label")
        & ~pl.col("_joins")
        .gather(pl.when(pl.col("_joins") & pl.col("_only_label")).then(label_top_row))
        .fill_null(False)
    )
    before = before.with_columns(_cut_off=cut_off).with_columns(
        # (and what joined above a line cut off is cut off from its signature too)
        _joins=pl.col("_joins")
        & ~pl.col("_cut_off")
        & ~_near(pl.col("_cut_off"), -1).fill_null(False)
        & ~_near(pl.col("_cut_off"), -2).fill_null(False)
    )
    return _tweet_group_column(before)


def _tweet_group_column(before: pl.DataFrame) -> pl.DataFrame:
    """`_tw_group` (the block_no of the signature a line belongs to) from the joins; the work columns go."""
    no = pl.col("block_no")
    return before.with_columns(
        _tw_group=pl.when(pl.col("_joins_previous"))
        .then(pl.col("_prev_sig"))
        .when(pl.col("_sig"))
        .then(no)
        .when(pl.col("_joins"))
        .then(pl.col("_next_sig")),
    ).drop(
        "_sig",
        "_joins_previous",
        "_free",
        "_next_sig",
        "_next_sig_bare",
        "_prev_sig",
        "_next_real_sig",
        "_label_no",
        "_next_pic",
        "_cand",
        "_only_label",
        "_eligible",
        "_joins",
        "_cut_off",
        "_dist",
        "_run_ok",
        "_run_chars",
    )


def _repeats(blocks: pl.DataFrame) -> pl.DataFrame:
    """Add `n_repeats`: in how many articles of the same source file the (short) line appears, and
    `_n_in_article`: how many times a line of OWN_REPEAT_MAX_CHARS or less appears in its article.

    One group-by over all lines of the batch, keyed by source file: a file's output never depends
    on which other files were parsed with it (a re-run of some files equals a clean run).
    """
    doc = pl.col("article_id") if "article_id" in blocks.columns else pl.col("article_key").cast(pl.String)
    scope = ["source_file"] if "source_file" in blocks.columns else []
    keyed = blocks.with_columns(
        _doc=doc,
        _rkey=pl.when(pl.col("text").str.len_chars() <= SHORT_LINE_CHARS).then(
            repeat_key(_only(pl.col("text").str.len_chars() <= SHORT_LINE_CHARS))
        ),
    )
    counts = keyed.drop_nulls("_rkey").group_by(*scope, "_rkey").agg(n_repeats=pl.col("_doc").n_unique().cast(pl.Int32))
    keyed = keyed.join(counts, on=[*scope, "_rkey"], how="left", maintain_order="left").with_columns(
        n_repeats=pl.col("n_repeats").fill_null(1)
    )
    # `_n_in_article`: how many times a short line is printed in its own article (a gallery's label
    # under each of its photos: `Summer weather July 18th 2022` twelve times). Counted on the short
    # lines only, whose few keys are grouped apart and set back by row.
    # (the text as printed, not `_rkey`, which reads every number alike: `May 4` / `May 3` are two dates)
    brief = keyed.select(
        "article_key",
        "text",
        _row=pl.int_range(pl.len(), dtype=pl.UInt32),
    ).filter(pl.col("text").str.len_chars() <= OWN_REPEAT_MAX_CHARS)
    own = brief.with_columns(_n_in_article=pl.len().over("article_key", "text").cast(pl.Int32)).select(
        "_row", "_n_in_article"
    )
    # `_n_shared`: for long lines, in how many articles a paragraph opens or closes the same way
    # (hashes of its first and last SHARED_END_CHARS characters; the larger count of the two).
    # An end counts only when two articles of its group print the paragraph with both ends the same:
    # the site's boilerplate is copied whole, but for a word or a cut; the articles' own closing
    # paragraphs written to a template (`The index rose 1.2 percent to ..., brokers said.`) share
    # one end and differ in the middle in every article.
    long_line = pl.col("text").str.len_chars() >= SHARED_MIN_CHARS
    shared = (
        keyed.select(
            *scope,
            "_doc",
            _row=pl.int_range(pl.len(), dtype=pl.UInt32),
            _head=pl.when(long_line).then(pl.col("text").str.head(SHARED_END_CHARS).hash()),
            _tail=pl.when(long_line).then(pl.col("text").str.tail(SHARED_END_CHARS).hash()),
        )
        .filter(pl.col("_head").is_not_null())
        .with_columns(_n_whole=pl.col("_doc").n_unique().over(*scope, "_head", "_tail"))
    )
    n_shared = pl.max_horizontal(
        pl.when(pl.col("_n_whole").max().over(*scope, "_head") >= 2).then(
            pl.col("_doc").n_unique().over(*scope, "_head")
        ),
        pl.when(pl.col("_n_whole").max().over(*scope, "_tail") >= 2).then(
            pl.col("_doc").n_unique().over(*scope, "_tail")
        ),
    ).cast(pl.Int32)
    # (both counts are set back in one join: the small frames are joined first)
    rows = shared.select("_row", _n_shared=n_shared).join(own, on="_row", how="full", coalesce=True)
    return (
        keyed.with_columns(_row=pl.int_range(pl.len(), dtype=pl.UInt32))
        .join(rows, on="_row", how="left", maintain_order="left")
        .with_columns(pl.col("_n_shared").fill_null(1), pl.col("_n_in_article").fill_null(1))
        .drop("_doc", "_rkey", "_row")
    )


def _inherit_repeats(classified: pl.DataFrame) -> pl.DataFrame:
    """A line that repeats the line just above it, up to spacing, punctuation and case, is what
    that line is: `Caption - AFP` then `CaptionAFP`, a credit printed twice, a time line twice.

    Only lines of about the same length as the one above, under a line already known to be
    furniture, a caption, a time line, a related link or HTML, are compared.
    """
    prev_base = _near(pl.col("base"), 1)
    cand = (
        pl.col("base").is_null()
        & (pl.col("n_chars") <= CAPTION_MAX_CHARS)
        & prev_base.is_in(INHERITED_KINDS).fill_null(False)
        & (
            (pl.col("n_chars").cast(pl.Int32) - _near(pl.col("n_chars"), 1).cast(pl.Int32)).abs() <= REPEAT_SLACK_CHARS
        ).fill_null(False)
    )
    keyed = classified.with_columns(_cand=cand).with_columns(
        _key=_loose(_only(pl.col("_cand") | _near(pl.col("_cand"), -1).fill_null(False)))
    )
    same = pl.col("_cand") & (pl.col("_key") == _near(pl.col("_key"), 1)).fill_null(False)
    return keyed.with_columns(base=pl.when(same).then(prev_base).otherwise(pl.col("base"))).drop("_cand", "_key")


def _caption_printed_twice(classified: pl.DataFrame) -> pl.DataFrame:
    """A caption printed twice in a row, next to a caption, a credit, a time line, furniture or HTML:
    both copies leave the body. The article's own paragraphs are not printed twice in a row; a
    picture's caption is (once in the player, once under it), the second copy the same up to
    spacing, punctuation and case, or with its credit run on (`..., Tuesday, June 20,` over
    `..., Tuesday, June 20, - Agency, 1920, 15.07.2023`).

    A copy ends in a full stop or a comma: a headline printed twice ends in neither. A copy with a
    credit run on ends in no sentence: a first paragraph opening with the standfirst above it does.
    """
    text = pl.col("text")
    # (only lines about as long as the next one, or shorter by a credit's length, and opening with
    # the same characters, pay for the loose comparison)
    longer_by = _near(pl.col("n_chars"), -1).cast(pl.Int32) - pl.col("n_chars").cast(pl.Int32)
    cand = (
        pl.col("base").is_null()
        & (pl.col("n_words") >= 4)
        & (pl.col("n_chars") <= CAPTION_MAX_CHARS)
        & longer_by.is_between(-REPEAT_SLACK_CHARS, 80).fill_null(False)
        & (pl.col("ends_period") | text.str.ends_with(","))
    )
    # (the few candidate pairs are compared on their own and set back by row key: string
    # operations on a column masked with NULLs still run over every row's text)
    pairs = (
        classified.select(_key=_row_key(), text=text, _below=_text_below(cand), _cand=cand)
        .filter(pl.col("_cand") & (text.str.slice(0, 12) == pl.col("_below").str.slice(0, 12)))
        .filter(
            (_loose(text) == _loose(pl.col("_below")))
            | (
                pl.col("_below").str.starts_with(text)
                & (pl.col("_below").str.len_chars() - text.str.len_chars() >= 3)
                # (a credit run on ends in no sentence: a paragraph that opens with the line above, a
                # standfirst repeated as the first sentence of the body, ends in a full stop)
                & ~pl.col("_below").str.contains(SENTENCE_END_RE)
            )
        )
    )
    first = _row_key().is_in(pairs["_key"].implode())
    beside = _near(pl.col("base"), 1).is_in(INHERITED_KINDS).fill_null(False)
    after_pair = _near(pl.col("base"), -2).is_in(INHERITED_KINDS).fill_null(False)
    first = first & (beside | after_pair)
    twice = first | _near(first, 1).fill_null(False)
    return classified.with_columns(base=pl.when(twice).then(pl.lit("caption")).otherwise(pl.col("base")))


def _caption_glued_to_itself(classified: pl.DataFrame) -> pl.DataFrame:
    """A line that is one sentence printed twice with nothing (or one space) between, `Boats in the
    bay.Boats in the bay.`, is a caption: the player's copy run into the picture's. So is the copy on
    the line right under it. The article's own paragraphs are never their own text twice.
    """
    text = pl.col("text")
    n = pl.col("n_chars").cast(pl.Int64)
    half = n // 2
    # (the second half starts after the middle, or after the space in the middle of an odd length)
    second = half + n % 2
    # (only lines whose halves open alike pay for the full comparison, on their own)
    cand = pl.col("base").is_null() & (n >= 40) & (n <= 2 * CAPTION_MAX_CHARS)
    twin = (
        classified.select(
            _key=_row_key(),
            text=text,
            _half=half,
            _second=second,
            _below=_text_below(cand),
            _cand=cand,
        )
        .filter(pl.col("_cand"))
        .filter(pl.col("text").str.slice(0, 12) == pl.col("text").str.slice(pl.col("_second"), 12))
        .filter(
            (pl.col("text").str.slice(0, pl.col("_half")) == pl.col("text").str.slice(pl.col("_second")))
            & ((pl.col("_second") == pl.col("_half")) | (pl.col("text").str.slice(pl.col("_half"), 1) == " "))
            # (a caption states, a chant the article quotes calls out: `No more cuts! No more cuts!`)
            & ~pl.col("text").str.slice(0, pl.col("_half")).str.contains(r"[!?][\s\"'”’»)]*$")
        )
    )
    if twin.is_empty():
        return classified
    under = twin.filter(pl.col("_below") == pl.col("text").str.slice(0, pl.col("_half")).str.strip_chars())
    keys = pl.concat([twin["_key"], under["_key"] + 1])
    return classified.with_columns(
        base=pl.when(_row_key().is_in(keys.implode())).then(pl.lit("caption")).otherwise(pl.col("base"))
    )


def _acronym_name_line() -> pl.Expr:
    """`NBA The National Basketball Association`: an acronym, then the words whose capitals spell it.

    Such a line names a site, a league or a body (a label over the page), never a headline. Only
    short lines (`_brief`) opening with a run of capitals pay for the extraction.
    """
    brief = pl.col("_brief")
    found = pl.when(brief.str.contains(r"^\p{Lu}{2,6}\s")).then(brief).str.extract_groups(ACRONYM_NAME_RE)
    initials = found.struct.field("2").str.replace_all(r"(\p{Lu})\S*", "${1}").str.replace_all(r"[^\p{Lu}]+", "")
    return (initials == found.struct.field("1")).fill_null(False)


def _tag_list_line() -> pl.Expr:
    """`US donald trump US elections`: tags run together on one line: the first word printed again
    further on, a word left in lower case, no function word, no sentence stop. A headline does not
    repeat its first word that way. (String tests only: list operations cost a copy per row.)"""
    tags = pl.when(pl.col("n_words").is_between(4, 8) & ~pl.col("ends_sentence") & (pl.col("stop_ratio") == 0)).then(
        pl.col("_brief")
    )
    first_word = tags.str.extract(r"^(\S+)\s", 1)
    rest = pl.concat_str(tags.str.slice(first_word.str.len_chars()), pl.lit(" "))
    repeated = rest.str.contains(pl.concat_str(pl.lit(" "), first_word, pl.lit(" ")), literal=True)
    return (repeated & tags.str.contains(r"(?:^|\s)\p{Ll}")).fill_null(False)


def _after_comments_start(has_comments: bool) -> pl.Expr:
    """The line is at or below a comments header (`Leave a Reply`) that follows a prose-shaped line
    (`has_comments`: the batch has a comments header at all; without one, no line is)."""
    if not has_comments:
        return pl.lit(False)
    header = (pl.col("base") == "comments").fill_null(False) & (_cum_sum(pl.col("_prose").cast(pl.Int32)) > 0)
    return _cum_sum(header.cast(pl.Int32)) > 0


def _author_box(classified: pl.DataFrame) -> pl.DataFrame:
    """The author box's lines: `_role_under_name`, a job title under the author's name (`Jane Roe` /
    `Content Writer, Lisbon`), and the author's bio closing the article, now furniture.

    A bio is one of the article's last two lines that names the author by the first name of the
    byline in the page head (or of a bare name over a job title or a time line) and is worded as bios
    are (`A keen cook, Jane can be found ...`, `Jane is a reporter ...`): an article does not otherwise
    speak of its own author.
    """
    no = pl.col("block_no")
    byline_or_name = (pl.col("base") == "byline").fill_null(False) | pl.col("_name")
    # (a bare name names the author only with a job title or a time line under it)
    author_line = (no < HEAD_LINES) & (
        (pl.col("base") == "byline").fill_null(False)
        | (
            pl.col("_name")
            & (_near(pl.col("_role_line"), -1) | (_near(pl.col("base"), -1) == "timestamp")).fill_null(False)
        )
    )
    first_name = _only(author_line).str.replace(BYLINE_LEAD_RE, "").str.extract(r"^(\p{Lu}\p{Ll}{2,})(?:\s|$)", 1)
    tail = pl.col("is_last") | _near(pl.col("is_last"), -1).fill_null(False)
    bio_cand = pl.col("base").is_null() & tail & pl.col("n_words").is_between(10, 90) & (no >= 3)
    found = pl.col("_first_name").is_not_null()
    marked = classified.with_columns(_first_name=first_name).with_columns(
        _author=pl.when(found).then(pl.col("_first_name")).forward_fill(),
        _author_key=pl.when(found).then(pl.col("article_key")).forward_fill(),
    )
    cand = bio_cand & (pl.col("_author_key") == pl.col("article_key")).fill_null(False)
    # (a plain search for the name first; only the few lines holding it are split into words)
    marked = marked.with_columns(
        _named=cand & _only(cand).str.contains(pl.col("_author"), literal=True).fill_null(False)
    )
    named = pl.col("_named")
    words = pl.concat_str(pl.lit(" "), _only(named).str.replace_all(r"[^\p{L}]+", " "), pl.lit(" "))
    names_author = words.str.contains(pl.concat_str(pl.lit(" "), pl.col("_author"), pl.lit(" ")), literal=True)
    bio = named & names_author.fill_null(False) & _only(named).str.contains(BIO_WORDS_RE)
    return marked.with_columns(
        base=pl.when(bio).then(pl.lit("furniture")).otherwise(pl.col("base")),
        _role_under_name=pl.col("_role_line") & _near(byline_or_name, 1).fill_null(False),
    ).drop("_first_name", "_author", "_author_key", "_named")


def _live_blog_stamps(classified: pl.DataFrame) -> pl.DataFrame:
    """Add `_live_stamp`: the time lines of a live blog's entries.

    A live blog dates every entry with a time line of one shape (`June 9, 2024, 2:20 pm IST`), the
    first right under the headline. It is told from a page whose related-story teasers carry dates
    by where the second such line stands: above the body's second prose line (the entries start at
    once), where a teaser's date comes after the whole body. Three lines of the shape at least.
    """
    stamp = (pl.col("base") == "timestamp").fill_null(False)
    # (only a batch with an article holding three time lines pays for the rule)
    if classified.filter(stamp).group_by("article_key").len().filter(pl.col("len") >= 3).is_empty():
        return classified.with_columns(_live_stamp=pl.lit(False))
    # (`a 0, 0, 0:0 a a`: letters and digits runs as one mark each)
    shape = _only(stamp).str.replace_all(r"\p{L}+", "a").str.replace_all(r"\d+", "0")
    first_stamp = stamp & (_cum_sum(stamp.cast(pl.Int32)) == 1)
    marked = classified.with_columns(_shape=shape).with_columns(
        # (filled forward from the article's first time line: only time lines below it read it)
        _same=stamp & (pl.col("_shape") == pl.when(first_stamp).then(pl.col("_shape")).forward_fill())
    )
    same = pl.col("_same")
    early_second = same & (_cum_sum(same.cast(pl.Int32)) == 2) & (_cum_sum(pl.col("_prose").cast(pl.Int32)) <= 1)
    live = (_article_total(early_second.cast(pl.Int32)) > 0) & (_article_total(same.cast(pl.Int32)) >= 3)
    return marked.with_columns(_live_stamp=same & live).drop("_shape", "_same")


def _mentions_the_signature_author(text: pl.Expr, handle: pl.Expr) -> pl.Expr:
    """A sentence that names the handle of the post below it (`... when @jdoe shared this.`) is the
    article introducing the post: a post does not mention its own author."""
    mentioning = pl.when(text.str.contains("@", literal=True) & text.str.slice(-8).str.contains(SENTENCE_END_RE))
    cited = mentioning.then(pl.concat_str(pl.lit("@"), handle)).str.to_lowercase()
    return mentioning.then(text).str.to_lowercase().str.contains(cited, literal=True).fill_null(False)


def classify_paragraphs(paragraphs: pl.DataFrame) -> pl.DataFrame:
    """Lines -> classified blocks: `kind`, the post fields, `embed_group`, `attribution`, `n_repeats`.

    `paragraphs` has article_key, paragraph_no (0-based non-empty line), text, and optionally
    blank_before, article_id (repetition is counted over distinct article_ids when present),
    source_file (repetition is counted within each file) and json_title (a title the dump supplies).
    """
    by = "article_key"
    # From here on rows stay in article order (split_glued sorts them), which `_near` and
    # `_cum_sum` rely on.
    blocks = split_glued(paragraphs)
    no = pl.col("block_no")
    text = pl.col("text")
    blocks = blocks.with_columns(is_last=no == no.max().over(by))
    marked = _tweet_groups(_instagram_groups(_dated_remnants(match_posts(blocks))))
    marked = add_line_features(_repeats(marked), pl.col("n_repeats") >= REPEAT_MIN_ARTICLES)
    # A line ending in an initialism ends in no full stop only in the article's head, above its first
    # line that does: in the body it is a sentence (`The firm will move its headquarters to the U.S.`).
    marked = marked.with_columns(
        ends_period=pl.col("ends_period")
        | (pl.col("ends_initialism") & (_cum_sum(pl.col("ends_period").cast(pl.Int32)) > 0))
    ).drop("ends_initialism")

    short = pl.col("n_chars") <= SHORT_LINE_CHARS
    # The texts below are the line where it can be what is tested, and "" elsewhere (no pattern
    # here matches an empty line): a masked NULL would keep the line's bytes underneath, and
    # `contains` would still scan them.
    short_text = _only(short)
    # Widgets, menus, related links and comment headers are short.
    widget_text = _only(pl.col("n_chars") <= TITLE_MAX_CHARS)
    lead_in_over_post = (
        pl.col("ends_colon")
        & (pl.col("n_words") >= 4)
        & _near(pl.col("post_platform").is_not_null(), -1).fill_null(False)
    )
    caption_text = _only(pl.col("n_chars") <= CAPTION_MAX_CHARS)
    credit_text = _only((pl.col("n_chars") <= CAPTION_MAX_CHARS) & ~pl.col("ends_period"))
    # (the end of a stopped line that may close on a credit sentence: holding a colon or a slash)
    stopped_tail = _only(
        (pl.col("n_chars") <= CAPTION_MAX_CHARS)
        & pl.col("ends_period")
        & (text.str.contains(":", literal=True) | text.str.contains("/", literal=True))
    ).str.slice(-CREDIT_TAIL_CHARS)
    stamp_text = _only(pl.col("n_chars") <= TIMESTAMP_MAX_CHARS)
    attribution = pl.when(text.str.starts_with("(")).then(text).str.extract(ATTRIBUTION_RE, 1)
    attribution_items = attribution.str.replace_all(";", ",").str.split(",")
    classified = marked.with_columns(
        embed_group=pl.coalesce("_ig_group", "_tw_group"),
        embed_platform=pl.when(pl.col("_ig_group").is_not_null())
        .then(pl.lit("instagram"))
        .when(pl.col("_tw_group").is_not_null())
        .then(pl.lit("twitter"))
        .otherwise(pl.col("post_platform")),
        # Caption lines inside an Instagram block, and lines joining a tweet, are the post's text as they stand.
        post_text=pl.when((pl.col("_ig_open") | pl.col("_tw_group").is_not_null()) & pl.col("post_text").is_null())
        .then(text)
        .otherwise(pl.col("post_text")),
        attribution=pl.when(pl.col("is_last")).then(
            attribution_items.list.eval(pl.element().str.strip_chars()).list.filter(pl.element() != "")
        ),
    ).with_columns(
        embed_group=pl.when(pl.col("embed_group").is_null() & pl.col("post_platform").is_not_null())
        .then(no)
        # (a TikTok `@handle` line belongs to the post on the line under it)
        .when(pl.col("tiktok_post_below").is_not_null())
        .then(no + pl.col("tiktok_post_below"))
        .otherwise(pl.col("embed_group")),
        embed_platform=pl.when(pl.col("tiktok_post_below").is_not_null())
        .then(pl.lit("tiktok"))
        .otherwise(pl.col("embed_platform")),
        attribution=pl.when(
            pl.col("attribution")
            .list.eval(pl.element().str.count_matches(r"\S+") <= ATTRIBUTION_ITEM_MAX_WORDS)
            .list.all()
            & (pl.col("attribution").list.len() > 0)
        ).then(pl.col("attribution")),
    )

    # 1. What the wording says.
    tagged = _only(text.str.contains("<", literal=True))
    is_html = (tagged.str.count_matches(HTML_TAG_RE) > 0) & (
        tagged.str.contains(r"^\s*<") | (tagged.str.replace_all(HTML_TAG_RE, "").str.count_matches(r"\S+") < 6)
    ) | _only(text.str.contains("[[", literal=True) | text.str.contains("{{", literal=True)).str.contains(
        TEMPLATE_PLACEHOLDER_RE
    )
    # Repeated lines that read like sentences (a quote syndicated across articles, a stock
    # phrase) are furniture only above or below the body, never between prose lines.
    prose_like = pl.col("ends_sentence") & (pl.col("n_words") >= 4) & (pl.col("stop_ratio") >= 0.15)
    repeated = (pl.col("n_repeats") >= REPEAT_MIN_ARTICLES) & (pl.col("n_words") <= REPEAT_MAX_WORDS)
    # A syndicated copy shares most of its prose with another article: repetition says nothing there.
    # (An article with as many long lines of its own as shared ones is no copy: its shared lines are
    # the site's boilerplate.)
    long_shared = (pl.col("n_words") >= 15) & (pl.col("n_repeats") >= REPEAT_MIN_ARTICLES)
    long_own = (pl.col("n_words") >= 15) & (pl.col("n_repeats") < REPEAT_MIN_ARTICLES)
    near_duplicate = (long_shared.sum().over(by) >= 2) & (long_shared.sum().over(by) > long_own.sum().over(by))
    author_bio = _only(text.str.contains(") ", literal=True)).str.extract_groups(AUTHOR_BIO_RE)
    author_box = (
        (author_bio.struct.field("again") == author_bio.struct.field("name"))
        | author_bio.struct.field("name").str.ends_with(pl.concat_str(pl.lit(" "), author_bio.struct.field("again")))
    ).fill_null(False)
    # (only head lines holding one of the words, and no comma, pay for the count)
    section_words = _only(
        _only(
            (no < HEAD_LINES)
            & (pl.col("n_words") >= 4)
            & (pl.col("n_chars") <= TITLE_MAX_CHARS)
            & ~pl.col("ends_period")
            & ~text.str.contains(",", literal=True)
        ).str.contains_any(SECTION_WORDS)
    ).str.count_matches(SECTION_WORD_RE)
    byline_text = _only(pl.col("n_words") <= 14)
    byline_words = byline_text.str.contains(BYLINE_RE) & ~byline_text.str.contains(NOT_BYLINE_RE)
    # (every dateline shape ends in a dash or a colon: lines without one never pay for the pattern)
    whole_dateline = pl.when((no < HEAD_LINES) & text.str.contains(r"[—–:-]")).then(
        pl.concat_str(short_text, pl.lit(" and the rest of it"))
    ).str.extract(DATELINE_PREFIX_RE, 2) == pl.lit("and the rest of it")
    # Shapes added after real set B (issue 8): section labels (`Dans : Section.`), a site's or a
    # league's name as `ACRONYM Words It Stands For`, reader-support appeals; reading-time lines
    # (`·7 min read`) are time lines; `By examplenews` is a byline naming the site.
    # (`_brief`, the text of lines of BRIEF_LINE_CHARS or less, is made once for all these tests)
    classified = classified.with_columns(_brief=_only(pl.col("n_chars") <= BRIEF_LINE_CHARS))
    brief = pl.col("_brief")
    head_lines = _only(no < HEAD_LINES)
    has_bar = (pl.col("n_words") <= 30) & text.str.contains("|", literal=True)
    # a CMS meta line of bar-separated `Label: value` fields (after real set C): a time line, its
    # author, if any, being cut off before it (`Reported By:Name| Edited By: ... |Updated: ...`)
    meta_label_fields = _only(has_bar & _only(has_bar).str.contains(META_FIELD_LABEL_RE)).str.contains(META_FIELDS_RE)
    classified = _meta_lines(classified)
    # A headline's copy cut short by an ellipsis right above the full headline (a teaser card's
    # text): `Fans flock to the new…` over `Fans flock to the new harbour baths`.
    ellipsis_line = (
        (pl.col("n_words") >= 3) & (pl.col("n_chars") <= TITLE_MAX_CHARS) & text.str.contains(r"(?:…|\.\.\.)$")
    )
    stem = _only(ellipsis_line).str.replace(r"\s*(?:…|\.\.\.)$", "")
    below = _text_below(ellipsis_line)
    # A caption printed twice, the second time with its credit in brackets run on (`Flood water on
    # the quay.` over `Flood water on the quay.(Harbour Fire Rescue via Facebook)`): the first is a caption too.
    credited_below = _near(text.str.ends_with(")") | text.str.ends_with("]"), -1).fill_null(False)
    caption_cand = credited_below & (pl.col("n_chars") <= CAPTION_MAX_CHARS)
    below_credited = _text_below(caption_cand)
    caption_copy = (
        caption_cand
        & below_credited.str.starts_with(_only(caption_cand))
        & below_credited.str.slice(pl.col("n_chars")).str.contains(r"^\s*[(\[][^()\[\]]{2,80}[)\]]$")
    ).fill_null(False)
    # A section trail with dashes over the headline it files (`Foot - Mercato - PSG` over `Mercato - PSG :
    # <headline>`): the headline opens with the trail's sections after the first.
    trail_line = (no < HEAD_LINES) & (pl.col("n_chars") <= 60) & text.str.contains(" - ", literal=True)
    trail_tail = _only(trail_line).str.extract(DASH_TRAIL_RE, 1)
    classified = classified.with_columns(
        _caption_copy=caption_copy,
        _truncated_copy=(ellipsis_line & below.str.starts_with(stem)).fill_null(False),
        _dash_trail=(
            trail_tail.is_not_null() & _text_below(trail_line).str.starts_with(pl.concat_str(trail_tail, pl.lit(" ")))
        ).fill_null(False),
        _bullet_name=_only((no < HEAD_LINES) & (pl.col("n_words") <= 6) & text.str.contains(r"^[•·]")).str.contains(
            BULLET_NAME_RE
        ),
        # (a name glued to the author's handle: `Jane Roe@janeroeStaff WriterMay 9, 2023`)
        _name_handle=_only(
            (no < HEAD_LINES) & (pl.col("n_words") <= 12) & text.str.contains("@", literal=True)
        ).str.contains(NAME_HANDLE_RE),
        _meta_fields=meta_label_fields,
        _label_or_appeal=(
            ((pl.col("n_words") <= 7) & brief.str.contains(FILED_IN_LABEL_RE))
            # (an appeal is looked for near the top of the page only, where the pages put it)
            | head_lines.str.contains(SUPPORT_APPEAL_START_RE)
            | head_lines.str.contains(SUPPORT_BUTTON_RE)
            | _acronym_name_line()
        ),
        _reading_time=(pl.col("n_words") <= 10) & brief.str.contains(READING_TIME_RE),
        _site_byline=(pl.col("n_words") <= 3)
        & brief.str.contains(BYLINE_SITENAME_RE)
        & ~brief.str.contains(NOT_BYLINE_SITENAME_RE),
        _dated_label=brief.str.contains(DATED_LABEL_RE),
        # Shapes added after real set C: a caption opening with the picture's file name, a screenshot's
        # caption, a one-sentence picture description in the present passive (`X is pictured ...`).
        # (a cheap test on a word of the shape picks the few lines its pattern runs over)
        _caption_shape=_only(
            (pl.col("n_chars") <= CAPTION_MAX_CHARS)
            & text.str.contains(r"\.(?:jpe?g|png|gif|webp|avif|heic|JPE?G|PNG|GIF|WEBP)(?:\s|$)")
        ).str.contains(IMAGE_FILE_CAPTION_RE)
        | _only(pl.col("n_words") <= 30).str.contains(SCREENSHOT_CAPTION_RE)
        | _only(
            (pl.col("n_words") <= 50)
            & (pl.col("n_chars") <= CAPTION_MAX_CHARS)
            & text.str.contains("pictured|photographed")
        ).str.contains(PICTURED_CAPTION_RE)
        | _only(
            (pl.col("n_words") <= 80)
            & (pl.col("n_chars") <= 2 * CAPTION_MAX_CHARS)
            & text.str.contains_any(AGENCY_PHOTO_DATE_MARKS)
        ).str.contains(AGENCY_PHOTO_CAPTION_RE),
    )
    base = (
        pl.when(pl.col("embed_group").is_not_null())
        .then(pl.lit("embed"))
        .when(pl.col("attribution").is_not_null())
        .then(pl.lit("attribution"))
        .when(short_text.str.contains(LINK_ONLY_RE))
        .then(pl.lit("link"))
        # A tweet's picture link left over near a signature, in no post (see `_tweet_groups`).
        .when(pl.col("tweet_continuation"))
        .then(pl.lit("link"))
        .when(short_text.str.contains(LABELLED_LINK_RE))
        .then(pl.lit("label"))
        .when(pl.col("split_kind").is_not_null())
        .then(pl.col("split_kind"))
        .when(
            is_html
            | short_text.str.contains(r"\[email(?:\s|&#160;)*protected\]|^/html/")
            | _only(text.str.contains("+", literal=True) & ~text.str.contains(" ", literal=True)).str.contains(
                URL_ENCODED_TEXT_RE
            )
        )
        .then(pl.lit("html"))
        .when(pl.col("_meta_byline") | pl.col("_name_handle") | pl.col("_bullet_name"))
        .then(pl.lit("byline"))
        .when(
            (
                widget_text.str.contains(RELATED_RE)
                # (`More from the interim premier:` over a post introduces it: a lead-in, not a list's header)
                | (widget_text.str.contains(RELATED_HEADER_RE) & ~lead_in_over_post)
            )
            | ((pl.col("n_chars") <= TITLE_MAX_CHARS) & text.str.contains(RELATED_MORE_RE))
            | _only((pl.col("n_chars") <= TITLE_MAX_CHARS) & (pl.col("link_ratio") > 0)).str.contains(EMOJI_LINK_RE)
            | _only((pl.col("n_words") <= 15) & ~pl.col("ends_sentence") & ~pl.col("ends_colon")).str.contains(
                PROMO_TEASER_RE
            )
        )
        .then(pl.lit("related"))
        .when(
            widget_text.str.contains(COMMENTS_START_RE)
            | (
                _only(pl.col("n_words") == 2).str.contains(COMMUNITY_RULES_RE)
                & _near(text, -1).str.contains(READER_ADDRESS_RE)
            ).fill_null(False)
        )
        .then(pl.lit("comments"))
        .when(
            widget_text.str.contains(FURNITURE_RE)
            | widget_text.str.contains(TICKER_RE)
            # a menu of section names on one line at the top: four or more, three in four of its words
            # (a headline listing topics is punctuated, `Local Food, Local Music, Local Arts`: a menu is not)
            | (
                (section_words >= 4) & (section_words.cast(pl.Float64) / pl.col("n_words").cast(pl.Float64) >= 0.75)
            ).fill_null(False)
            | _only(text.str.starts_with("Sign") | text.str.starts_with("sign")).str.contains(
                NEWSLETTER_PROMPT_START_RE
            )
            # (the box names its author twice, before and after the role: `Veteran Harbour Times
            # Columnist (and former sports editor) Ruth Clay has died.` is news)
            | author_box
            # a bare address of any length (`https://…/photos/…?type=3&…` where an embed was)
            | (text.str.starts_with("http") & ~text.str.contains(" ", literal=True))
            | _only((pl.col("n_chars") <= CAPTION_MAX_CHARS) & text.str.contains("?", literal=True))
            .str.slice(-16)
            .str.contains(POLL_ANSWERS_END_RE)
            | ~pl.when(pl.col("n_chars") <= 12).then(text).str.contains(r"\p{L}")
            | ((pl.col("n_chars") <= 2) & ~text.str.contains(r"^\p{Lu}{2}$"))
            | _only((pl.col("n_chars") <= TITLE_MAX_CHARS) & text.str.contains(r"[>»›|•·/]")).str.contains(
                BREADCRUMB_RE
            )
            | widget_text.str.contains(RUN_TOGETHER_MENU_RE)
            | (
                (
                    _only((pl.col("n_words") <= 10) & (pl.col("n_chars") <= TITLE_MAX_CHARS)).str.count_matches(
                        GLUED_STEP_RE
                    )
                    * 2
                )
                >= pl.max_horizontal(pl.col("n_words"), 6)
            )
            | widget_text.str.contains(GLUED_PROMO_RE)
            | _only((pl.col("n_chars") <= TITLE_MAX_CHARS) & text.str.contains("()", literal=True)).str.contains(
                SOURCE_LINE_RE
            )
            | _only(
                (pl.col("n_chars") <= CAPTION_MAX_CHARS) & ~pl.col("ends_period") & text.str.contains(r"\d\s*, \p{Lu}")
            ).str.contains(META_LINE_RE)
            | pl.col("_label_or_appeal")
            | _only((pl.col("n_chars") <= TITLE_MAX_CHARS) & text.str.contains("?", literal=True)).str.contains(
                POLL_QUESTION_RE
            )
            | _only(short_text.str.contains(r"^\p{Ll}")).str.contains(KEYWORD_LIST_RE)
            | _only(
                (pl.col("n_words") <= 16)
                & text.str.contains(r"(?i)provided|supplied|submitted|courtesy")
                # (`Photo courtesy of Name via Instagram.` is a caption)
                & ~text.str.contains(r"\svia\s|\(")
            ).str.contains(SOURCE_CREDIT_RE)
            | _only(pl.col("n_words") <= 20).str.contains(TAGLINE_RE)
            | _only((pl.col("n_words") <= 30) & text.str.contains(NOTE_LINE_WORDS)).str.contains(NOTE_LINE_RE)
            | _only((pl.col("n_words") <= 14) & text.str.contains(r"(?i)share|tweet|mail")).str.contains(SHARE_RUN_RE)
            | _only(text.str.contains("icon", literal=True)).str.contains(ICON_SPRITE_RE)
            | _only(text.str.starts_with("Thank") | text.str.starts_with("THANK")).str.contains(THANK_YOU_LINE_RE)
            | _only(pl.col("n_words") == 1).str.contains(SEPARATOR_LINE_RE)
            | _only(
                (pl.col("n_chars") <= TITLE_MAX_CHARS) & text.str.contains("the comment", literal=True)
            ).str.contains(COMMENT_PROMPT_END_RE)
            | pl.col("_truncated_copy")
            | pl.col("_dash_trail")
            # a short label printed three times or more in one article, no sentence (a gallery's label under
            # every photo); above the first sentence only between other lines (a headline printed three
            # times in a row is the title)
            | (
                (pl.col("_n_in_article") >= OWN_REPEAT_MIN)
                & ~pl.col("ends_sentence")
                & (pl.col("n_words") <= 12)
                & (
                    (_cum_sum(pl.col("ends_period").cast(pl.Int32)) > 0)
                    | ((text != _near(text, 1)).fill_null(True) & (text != _near(text, -1)).fill_null(True))
                )
            )
        )
        .then(pl.lit("furniture"))
        .when(
            caption_text.str.contains(CAPTION_RE)
            | credit_text.str.contains(CAPTION_CREDIT_END_RE)
            | credit_text.str.contains(CAPTION_SOURCE_END_RE)
            | pl.when(stopped_tail.str.contains_any(STOPPED_CREDIT_MARKS))
            .then(stopped_tail)
            .otherwise(pl.lit(""))
            .str.contains(STOPPED_CREDIT_END_RE)
            | (
                _only((pl.col("n_chars") <= CAPTION_MAX_CHARS) & ~pl.col("ends_period"))
                .str.slice(-CREDIT_TAIL_CHARS)
                .str.contains(CAPTION_DASH_CREDIT_RE)
                .fill_null(False)
            )
            | pl.col("_credit_line")
            | pl.col("_brief").str.contains(DASH_CREDIT_RE)
            | credit_text.str.contains(PICTURE_LIBRARY_LEAD_RE)
            | pl.col("_caption_shape")
            | pl.col("_caption_copy")
        )
        .then(pl.lit("caption"))
        .when(
            (pl.col("n_words") <= 16)
            & (
                stamp_text.str.contains(TIMESTAMP_RE)
                | stamp_text.str.contains(TIMESTAMP_ANY_RE)
                | pl.col("_dated_label")
            )
            | pl.col("_reading_time")
            | pl.col("_meta_fields")
            | pl.col("_meta_stamp")
        )
        .then(pl.lit("timestamp"))
        .when(
            (pl.col("n_words") <= 14) & byline_words & ~(pl.col("ends_period") & (pl.col("n_words") > 6))
            | pl.col("_site_byline")
        )
        .then(pl.lit("byline"))
        .when(whole_dateline.fill_null(False))
        .then(pl.lit("dateline"))
        .when(repeated & ~near_duplicate & ~prose_like)
        .then(pl.lit("furniture"))
        .when((pl.col("link_ratio") >= 0.6) & (pl.col("n_words") <= 6))
        .then(pl.lit("furniture"))
    )
    # A picture credit on a line of its own (`Name, AGENCY`, `Name for Outlet`); `By Name for Outlet` is a byline.
    # (the byline test runs only over the few lines shaped like a credit)
    credit_shaped = _only((pl.col("n_words") <= 10) & ~pl.col("ends_period")).str.contains(CREDIT_LINE_RE)
    credit_line = credit_shaped & ~_only(credit_shaped).str.contains(BYLINE_RE)
    # (a sentence of the article: not one of the reader comments under a comments header)
    sentence = (
        pl.col("ends_period")
        & pl.col("base").is_null()
        & (_cum_sum((pl.col("base") == "comments").fill_null(False).cast(pl.Int32)) == 0)
    ).cast(pl.Int32)
    classified = (
        classified.with_columns(_credit_line=credit_line)
        .with_columns(base=base)
        .drop(
            "_label_or_appeal",
            "_site_byline",
            "_dated_label",
            "_meta_byline",
            "_meta_stamp",
            "_name_handle",
            "_truncated_copy",
            "_bullet_name",
            "_caption_copy",
        )
    )
    # (only a batch with a byline printed twice in one article pays for the rule)
    bylines = classified.filter(pl.col("base") == "byline").select(by, "text")
    if bylines.height > bylines.n_unique():
        classified = (
            classified.with_columns(
                # (a byline under a caption or between sentences: computed over the whole
                # article before the per-text window below, where shifts would see only that text's rows)
                # (windows keyed by the byline's text, "" elsewhere: hashing every line's text is costly)
                _byline_key=_only((pl.col("base") == "byline").fill_null(False)),
                _credit_placed=(pl.col("base") == "byline")
                & (
                    (_near(pl.col("base"), 1) == "caption").fill_null(False)
                    | (_near(pl.col("n_words"), 1) >= 10).fill_null(False)
                    | _cum_sum(sentence).is_between(1, _article_total(sentence) - 1)
                ),
            )
            .with_columns(
                # A byline printed twice in one article is a picture credit (`Reuters` under each photo
                # of a gallery), not the article's author -- unless no copy stands under a caption (or a
                # line as long as one) or between two sentences (the page head printing its byline twice,
                # a sign-off repeating it after the body).
                base=pl.when(
                    (pl.col("base") == "byline")
                    & (pl.len().over(by, "_byline_key") >= 2)
                    & pl.col("_credit_placed").any().over(by, "_byline_key")
                )
                .then(pl.lit("caption"))
                .otherwise(pl.col("base"))
            )
            .drop("_credit_placed", "_byline_key")
        )
    # Captions known by their neighbours: a caption the site cut off with `...` (at the top of the
    # page or next to another caption); a sentence with no final stop right under a caption (the
    # next photo's caption, in a gallery); and one right above a credit line (the credit's caption).
    # The last two only in the body (under a sentence with a full stop): at the top of the page
    # such a line is the headline.
    # A headline cut short by an ellipsis on the header line (`Harbour Zoo is Expecting a Baby...`, `Paris
    # 2024: Shooter goes viral for...`): one clause in title case, or behind a topic and a colon. (A
    # caption cut the same way is a sentence in sentence case.)
    ellipsis_top = (
        (no == 0)
        & pl.col("base").is_null()
        & pl.col("n_words").is_between(3, 15)
        & (text.str.ends_with("...") | text.str.ends_with("…"))
    )
    top_text = _only(ellipsis_top)
    classified = classified.with_columns(
        _cut_title_top=ellipsis_top
        & top_text.str.contains(r"^[^.!?…]*\p{L}(?:\.\.\.|…)$")
        & (
            top_text.str.contains(r"^[^:]{2,60}:\s")
            | (top_text.str.count_matches(CAPITALISED_WORD_RE) * 2 >= pl.col("n_words"))
        )
    )
    prev_base = _near(pl.col("base"), 1)
    in_body = _cum_sum((pl.col("ends_period") & pl.col("base").is_null()).cast(pl.Int32)) > 0
    unstopped = pl.col("base").is_null() & ~pl.col("ends_sentence") & ~pl.col("ends_colon") & in_body
    maybe_cut = (
        pl.col("base").is_null()
        & pl.col("ends_period")
        & (pl.col("n_words") >= 8)
        & (pl.col("n_chars") <= CAPTION_MAX_CHARS)
    )
    cut_caption = _only(maybe_cut & ~pl.col("_cut_title_top")).str.contains(TRUNCATED_CAPTION_RE) & (
        (no == 0)
        | (prev_base == "caption").fill_null(False)
        | (_near(pl.col("base"), -1) == "caption").fill_null(False)
    )
    # `X is seen leaving ...`, `... are shown at ...`: a picture described in the present passive, beside a
    # caption or a credit (elsewhere `is seen` is as often the article's).
    beside_caption = ((prev_base == "caption") | (_near(pl.col("base"), -1) == "caption")).fill_null(False)
    seen_caption = _only(pl.col("base").is_null() & beside_caption & (pl.col("n_words") <= 50)).str.contains(
        SEEN_CAPTION_RE
    )
    classified = classified.with_columns(
        base=pl.when(
            cut_caption
            | seen_caption
            | (unstopped & (prev_base == "caption").fill_null(False) & pl.col("n_words").is_between(6, 40))
            | (unstopped & _near(pl.col("_credit_line"), -1).fill_null(False) & pl.col("n_words").is_between(3, 40))
        )
        .then(pl.lit("caption"))
        .otherwise(pl.col("base"))
    )
    classified = _caption_glued_to_itself(_caption_printed_twice(_inherit_repeats(classified)))
    classified = classified.with_columns(
        _repeated_prose=(
            repeated & ~near_duplicate & prose_like & (pl.col("n_repeats") >= REPEAT_MIN_ARTICLES_PROSE_LIKE)
        ).fill_null(False),
        # a long paragraph the site prints after many articles, the same way or nearly (see SHARED_END_CHARS)
        _shared_paragraph=(
            (pl.col("_n_shared") >= REPEAT_MIN_ARTICLES_PROSE_LIKE) & ~near_duplicate & pl.col("base").is_null()
        ).fill_null(False),
        _name=pl.when(short & (pl.col("n_words") <= 8)).then(text).str.contains(NAME_LINE_RE).fill_null(False),
        _lowercase_name=(pl.col("n_words").is_between(2, 3) & pl.col("_brief").str.contains(LOWERCASE_NAME_RE)),
        _role_line=_only((pl.col("n_words") <= 4) & (pl.col("n_chars") <= BRIEF_LINE_CHARS)).str.contains(ROLE_LINE_RE),
        _tag_list=_tag_list_line(),
        # a section or topic label (`World Cup 2022`, `World News`) is neither a headline nor a name
        _section_label=_only(pl.col("base").is_null() & (pl.col("n_words") <= 3)).str.contains(SECTION_LABEL_RE),
        _staff_line=_only(pl.col("base").is_null() & (pl.col("n_words") <= 5)).str.contains(STAFF_LINE_RE),
    ).with_columns(_name=pl.col("_name") & ~pl.col("_section_label"))
    classified = _author_box(classified)

    # 2. Where the line sits. Prose-shaped lines anchor the body; what comes before the first
    # of them is the page head (furniture, title, standfirst, byline), what comes after the
    # last is the page tail.
    is_text = pl.col("base").is_null()
    # Prose ends with a full stop, or is long, or holds more than one sentence. A line ending in
    # `?` or `!` alone, or a long line with no final stop, may be a headline.
    # (a Spanish headline's opening clause, `¿Quién ganó? El equipo ...`, `¡Gol! El ...`, ends no sentence)
    opening_clause = text.str.starts_with("¿") | text.str.starts_with("¡")
    several_sentences = (
        pl.when(short & ~pl.col("ends_period"))
        .then(pl.when(opening_clause).then(_only(opening_clause).str.replace(OPENING_CLAUSE_RE, "")).otherwise(text))
        .str.contains(r"[.!?…][\"'”’»)]*\s+[\p{Lu}\"“‘«]")
        .fill_null(True)
    )
    # A lead-in sentence ending in a colon that introduces a quote or a post (`The minister
    # later added on social media:`) is prose; bare labels (`Watch:`, `READ MORE:`) are not.
    lead_in_cand = is_text & pl.col("ends_colon") & pl.col("n_words").is_between(4, 40)
    # A sentence of four words or more ending its paragraph (a blank line under it) is the article's
    # whatever its verb: of 56 such lines annotated on 347 real pages, 55 are prose and the one other
    # a related-links header, which its wording catches first. Without the blank line (a layout of
    # single newlines, where a post's first line can end in a colon too) it needs a word of saying or
    # showing (LEAD_IN_RE).
    paragraph_end = (
        _near(pl.col("blank_before"), -1).fill_null(False) if "blank_before" in classified.columns else pl.lit(False)
    )
    # ... or the line under it is a whole post, its text and signature on one line: a post's
    # first line ending in a colon runs on into more text above the signature. (Of 8 such lines
    # read as labels on 497 real pages, all 8 introduce the post; 4 were annotated as prose.)
    whole_post_below = _near(
        (pl.col("post_platform") == "twitter")
        & pl.col("post_date_raw").is_not_null()
        & (pl.col("post_text").fill_null("").str.strip_chars() != ""),
        -1,
    ).fill_null(False)
    # ... or it is a whole sentence: eight words or more, in sentence case, with function words (`For the
    # fans on the quay it was a night to remember:`). Of 125 lines of seven words or more ending in a colon on
    # 495 real pages, 123 are the article's (prose or its headings); the other two, a headline in capitals
    # and a teaser in title case, are neither.
    long_cand = lead_in_cand & (pl.col("n_words") >= 8) & (pl.col("stop_ratio") >= 0.2)
    whole_sentence = long_cand & (
        _only(long_cand).str.count_matches(CAPITALISED_WORD_RE).cast(pl.Float64)
        < 0.5 * pl.col("n_words").cast(pl.Float64)
    )
    lead_in = (
        lead_in_cand
        & _only(lead_in_cand).str.contains(r"^[\p{Lu}\p{Lo}\"“‘«]")
        & (paragraph_end | whole_post_below | whole_sentence | _only(lead_in_cand).str.contains(LEAD_IN_RE))
    )
    # A line ending in `!` is an exclamation, not a headline (4 of the 400 headlines annotated on real
    # and in-repo pages end in one): on the header line, with four words or more, it is the body's
    # first sentence (further down, a short one stays a heading). The exceptions are the shapes of
    # those four: a line in title case (`Stars Wish Their Fathers A Happy Day!`), seven in ten of its
    # words capitalised, and the line under a section trail (`Foot - PSG` over `PSG : <headline> !`).
    ends_exclaimed = pl.col("ends_sentence") & ~pl.col("ends_period") & text.str.slice(-3).str.contains(r"![\"'”’»)]*$")
    exclaimed_words = _only(ends_exclaimed & pl.col("n_words").is_between(4, HEADLINE_MAX_WORDS)).str.count_matches(
        r"(?:^|\s)[\"“‘(¡]?\p{Lu}"
    )
    exclamation = (
        ends_exclaimed
        & (exclaimed_words.cast(pl.Float64) < 0.7 * pl.col("n_words").cast(pl.Float64))
        & ~_near(pl.col("_dash_trail"), 1).fill_null(False)
    )
    # A sentence opening with a conjunction carries on from the one above it (`But how did the fans
    # react?`): prose, never a headline (none of the 400 headlines annotated on real and in-repo pages
    # opens with one).
    carries_on = text.str.contains(r"^(?:But|And|So|Yet|Or)\s")
    prose_shaped = (
        pl.col("ends_period")
        | (carries_on & pl.col("ends_sentence") & (pl.col("n_words") >= 4))
        | (exclamation & (pl.col("n_words") >= 4) & (no == 0))
        | (pl.col("n_words") > 30)
        | ((pl.col("ends_sentence") | (pl.col("n_words") >= 16)) & several_sentences)
        | lead_in
    ) & ~pl.col("_cut_title_top")
    next_base = _near(pl.col("base"), -1)
    menu_like = (pl.col("cap_ratio") > 0.8) & (pl.col("stop_ratio") == 0) & (pl.col("n_words") >= 4)
    titleish = (
        is_text
        & (~pl.col("ends_period") | pl.col("_cut_title_top"))
        & ~pl.col("ends_colon")
        & pl.col("n_words").is_between(2, HEADLINE_MAX_WORDS)
        & (pl.col("n_chars") <= HEADLINE_MAX_CHARS)
        & ((pl.col("n_words") >= 3) | (pl.col("n_chars") >= 12))
        & ~menu_like
        & ~pl.col("_tag_list")
        & ~pl.col("_role_under_name")
        & ~((pl.col("cap_ratio") > 0.8) & (pl.col("n_words") <= 3))
        & ~short_text.str.contains(MASTHEAD_RE)
        & ~pl.col("_section_label")
        & (pl.col("digit_ratio") < 0.3)
        & ~_only(
            is_text & pl.col("n_words").is_between(2, HEADLINE_MAX_WORDS) & text.str.contains(r"\d[:.]\d\d")
        ).str.contains(DATE_TIME_RE)
        & (pl.col("link_ratio") < 0.3)
        # a headline opens with a word, not a list dash or bullet (`- Outlet, 1920`), nor with a
        # conjunction (see `carries_on`)
        & ~text.str.contains(r"^[-–—•·*]\s")
        & ~carries_on
        & ~exclamation
        # (a line ending in a bullet or an arrow is a menu, a breadcrumb or a site's name: `Site • Section •`;
        # a bar is left alone: `Headline |` is a headline whose site name after the bar was cut)
        & ~text.str.slice(-2).str.contains(r"[•·>»]\s*$")
        # a person's name alone (`Jane Roe`) is a byline, not a headline (of the 175 annotated
        # headlines, none is two or three capitalised words; three-word ones are left as they were:
        # `Hospital Cuts Staff` is a headline)
        & ~(pl.col("_name") & (pl.col("n_words") == 2))
    )
    # (three words or more each side: a column of one-word tags in lower case is no paragraph)
    wrapped = (
        is_text
        & ~pl.col("ends_sentence")
        & ~pl.col("ends_colon")
        & (pl.col("n_words") >= 3)
        & _near(pl.col("base").is_null() & (pl.col("n_words") >= 3) & text.str.slice(0, 1).str.contains(r"^\p{Ll}"), -1)
    ).fill_null(False)
    # The text right under an agency dateline on a line of its own (`ROTTERDAM —`) opens the body,
    # however it is shaped (a hard-wrapped paragraph's first piece has no final stop).
    under_dateline = (_near(pl.col("base"), 1) == "dateline").fill_null(False)
    # (a gallery's `PHOTOS: ...` reads as a caption; a caption's own label is `Photo:`)
    labelled = (
        (
            pl.col("base").is_in(["furniture", "related"])
            | ((pl.col("base") == "caption") & text.str.contains(r"^(?:PHOTOS|Photos)\s*:"))
        )
        & (no < HEAD_LINES)
        & ~pl.col("ends_period")
        & pl.col("n_words").is_between(4, HEADLINE_MAX_WORDS)
        & (pl.col("n_chars") <= HEADLINE_MAX_CHARS)
    ).fill_null(False)
    # Other stories' headlines cut short by an ellipsis, two or more in a row (`Booster approved for all
    # adults...` / `Youth unemployment falls...`): no prose, and so no start of the body, whatever their wording.
    cut_headline = (
        _only(is_text & (pl.col("n_words") <= 15) & (text.str.ends_with("...") | text.str.ends_with("…")))
        .str.contains(r"^[^.!?…]*\p{L}[\"'”’»)]*(?:\.\.\.|…)$")
        .fill_null(False)
    )
    classified = classified.with_columns(
        _cut_headlines=cut_headline
        & (_near(cut_headline, 1).fill_null(False) | _near(cut_headline, -1).fill_null(False))
    )
    classified = classified.with_columns(
        _labelled_headline=_only(labelled).str.contains(LABELLED_HEADLINE_RE),
        _prose=is_text & (prose_shaped | under_dateline) & ~pl.col("_repeated_prose") & ~pl.col("_cut_headlines"),
        _related_header=(pl.col("base") == "related").fill_null(False),
        _section=(pl.col("base") == "related").fill_null(False) | (is_text & prose_shaped),
        _titleish=titleish.fill_null(False),
    )
    classified = _labelled_headline_on_topic(classified)
    classified = _live_blog_stamps(classified)
    # A line ending in `!` or `?` right under a headline-like line (not under a short
    # capitalised section label) is its standfirst, not the headline nor the body.
    label_above = _near(
        (pl.col("n_words") <= 3) & _only(pl.col("n_words") <= 3).str.contains(r"^(?:[\p{Lu}\d]\S*\s*){1,3}$"), 1
    ).fill_null(False)
    # (short: a paragraph of several sentences and more than 30 words ending in `!` is the body's first)
    # (the sentence test runs only over the few long lines ending in `!` or `?`)
    long_exclaim = pl.col("ends_sentence") & ~pl.col("ends_period") & (pl.col("n_words") > 30)
    exclaims = (
        pl.col("ends_sentence")
        & ~pl.col("ends_period")
        & ~(long_exclaim & (_only(long_exclaim & short).str.contains(r"[.!?…][\"'”’»)]*\s+[\p{Lu}\"“‘«]") | ~short))
    )
    under_headline = (_near(pl.col("_titleish"), 1) & ~label_above).fill_null(False)
    classified = classified.with_columns(
        _sub_title=exclaims & under_headline,
        # The first prose-shaped line is a standfirst, not the body, when a byline or a time
        # line follows it (or a bare name, as bylines often are), or when it ends in `!` or `?`
        # right under the headline with more prose below.
        _standfirst=pl.col("_prose")
        & (pl.col("n_words") <= 60)
        & (
            (next_base.is_in(["byline", "timestamp"]) & ~_near(pl.col("_live_stamp"), -1)).fill_null(False)
            | (_near(pl.col("_name"), -1) & (_near(pl.col("n_words"), -1) <= 5) & next_base.is_null()).fill_null(False)
            | (exclaims & under_headline & _near(pl.col("_prose"), -1).fill_null(False))
        )
        & ((_cum_sum(pl.col("_prose").cast(pl.Int32)) - 1) == 0),
        _in_related=pl.col("_related_header")
        .fill_null(False)
        .first()
        .over(by, _cum_sum(pl.col("_section").cast(pl.Int32))),
        # (the nearest related-links header above the line, for the head rule below)
        _related_header_no=pl.when(pl.col("_related_header")).then(no).forward_fill(),
    )
    anchor = pl.col("_prose") & ~pl.col("_standfirst")
    has_comments = bool((classified["base"] == "comments").any())
    classified = classified.with_columns(
        # (a lone prose line followed by a time line is the body, not a standfirst)
        _body_start=pl.coalesce(
            pl.when(anchor).then(no).min().over(by), pl.when(pl.col("_prose")).then(no).min().over(by)
        ),
        # (not counting the prose-shaped lines of reader comments after the body)
        # (nor the site's boilerplate paragraphs, which only count as prose inside the body)
        _last_prose=pl.when(pl.col("_prose") & ~pl.col("_shared_paragraph") & ~_after_comments_start(has_comments))
        .then(no)
        .max()
        .over(by),
        _n_blocks=pl.len().over(by),
        _before_posts=_cum_sum((pl.col("base") == "embed").fill_null(False).cast(pl.Int32)) == 0,
        _byline_before=(_cum_sum((pl.col("base") == "byline").fill_null(False).cast(pl.Int32)) > 0),
        _norm=pl.when((pl.col("n_chars") <= TITLE_MAX_CHARS) & ~pl.col("ends_period")).then(
            _only((pl.col("n_chars") <= TITLE_MAX_CHARS) & ~pl.col("ends_period")).str.to_lowercase()
        ),
    )
    head_end = pl.coalesce("_body_start", "_n_blocks")
    titleish = pl.col("_titleish")
    # (a headline stands above the page's posts: what follows the first post is no headline, even
    # on a page with no prose line, such as a list of posts flattened onto one line)
    # A headline is written in the script of the article it heads: a line in another script (a
    # photo caption from a foreign agency's feed, a calendar date in the local script over an English
    # article) is not it. The script is the majority of a line's letters, Latin or not; the article's
    # is its first prose line's (only those lines and the head's title-like lines are counted).
    head_titleish = _only(titleish & (no < HEAD_LINES))
    classified = _body_script(classified).with_columns(_latin=_is_latin_script(head_titleish))
    other_script = (pl.col("_latin") != pl.col("_body_latin")).fill_null(False)
    candidate = titleish & ~pl.col("_sub_title") & pl.col("_before_posts") & ~other_script
    # The headline is the first title-like line of the head with four words or more (section
    # labels such as `Turkish Politics` come before it), else the first title-like line. With
    # none there, a title-like line printed twice in a row near the top is the headline even
    # below a tagline that reads like prose (an SEO title, then the page's own heading).
    # (above the page's posts, as any headline: a heading printed twice below a post heads a section)
    doubled = titleish & pl.col("_before_posts") & (no < HEAD_LINES) & (pl.col("_norm") == _near(pl.col("_norm"), -1))
    # Last, a title-like line right above a reading-time line (`30. Juni 2024 - 2 Min. Lesezeit`):
    # only an article's own headline carries one, even below an opening teaser that reads as prose.
    over_reading_time_no = (
        pl.when(candidate & (no < HEAD_LINES) & _near(pl.col("_reading_time"), -1).fill_null(False))
        .then(no)
        .min()
        .over(by)
    )
    # A headline behind a label (`BREAKING: ...`, `VIDEO: ...`), taken for a ticker above: on a page
    # with no other headline of four words or more in its head it is the page's own (over a short
    # section label such as `News & Politics`).
    labelled_no = pl.when(pl.col("_labelled_headline") & (no < head_end) & (no < HEAD_LINES)).then(no).min().over(by)
    head_title_no = pl.coalesce(
        pl.when(candidate & (no < head_end) & (pl.col("n_words") >= 4)).then(no).min().over(by),
        labelled_no,
        pl.when(candidate & (no < head_end)).then(no).min().over(by),
        pl.when(doubled).then(no).min().over(by),
    )
    # (what stands above a headline found by its reading time stays: a scrolling intro, not a teaser)
    classified = classified.with_columns(_head_title_no=head_title_no).with_columns(
        _title_over_reading_time=pl.col("_head_title_no").is_null()
    )
    found_title_no = pl.coalesce(pl.col("_head_title_no"), over_reading_time_no)
    if "json_title" in classified.columns:
        given = pl.col("json_title").str.to_lowercase()
        title_no = pl.coalesce(
            pl.when(is_text & (pl.col("_norm") == given)).then(no).min().over(by),
            found_title_no,
        )
    else:
        title_no = found_title_no
    classified = classified.with_columns(_title_no=title_no).with_columns(
        _title_norm=pl.col("_norm").filter(no == pl.col("_title_no")).first().over(by),
        # A headline found below the first prose-shaped line moves the body's start under it:
        # what stood above it was the page's head (a tagline, a teaser).
        _body_start=pl.when((pl.col("_title_no") > pl.col("_body_start")) & ~pl.col("_title_over_reading_time"))
        .then(pl.when(anchor & (no > pl.col("_title_no"))).then(no).min().over(by))
        .otherwise(pl.col("_body_start")),
    )
    head = no < head_end
    after_title = pl.col("_title_no").is_null() | (no > pl.col("_title_no"))
    is_title = (is_text | pl.col("_labelled_headline")) & (
        (no == pl.col("_title_no"))
        | ((pl.col("_norm") == pl.col("_title_norm")) & (no < head_end + 3))
        | (
            head
            & pl.col("_title_norm").is_not_null()
            & pl.col("_norm").str.starts_with(pl.col("_title_norm"))
            & titleish
        )
    )
    next_is_post = next_base.is_in(["embed", "link"]).fill_null(False)
    kind = (
        pl.when(~is_text & ~(pl.col("_labelled_headline") & is_title))
        .then(pl.col("base"))
        .when(is_title)
        .then(pl.lit("title"))
        # (a `LATEST` / `Trending` label over the headline heads no links below the headline: the
        # author's name under it is the byline)
        .when(
            pl.col("_in_related")
            & ~pl.col("_prose")
            & ~(
                head
                & after_title
                & pl.col("_name")
                & (pl.col("_related_header_no") < pl.col("_title_no")).fill_null(False)
            )
        )
        .then(pl.lit("related"))
        .when(
            pl.col("_repeated_prose")
            & ((no < pl.col("_body_start").fill_null(0)) | (no > pl.col("_last_prose").fill_null(1 << 30)))
        )
        .then(pl.lit("furniture"))
        .when(pl.col("_shared_paragraph") & (no > pl.col("_last_prose").fill_null(1 << 30)))
        .then(pl.lit("furniture"))
        # (no prose at all, as in a gallery: what stands above the title is still furniture)
        .when(pl.col("_body_start").is_null() & pl.col("_title_no").is_not_null() & (no < pl.col("_title_no")))
        .then(pl.lit("furniture"))
        .when(pl.col("_body_start").is_null())
        .then(pl.lit("prose"))
        .when(
            head
            & after_title
            & pl.col("_title_no").is_not_null()
            & ~pl.col("_byline_before")
            & (pl.col("_standfirst") | (~pl.col("_prose") & (pl.col("n_words") >= 8)))
        )
        .then(pl.lit("standfirst"))
        .when(head & pl.col("_title_no").is_not_null() & (no < pl.col("_title_no")))
        .then(pl.lit("furniture"))
        # `Content Writer, Lisbon` under the author's name: the author box, not a heading.
        .when(head & pl.col("_role_under_name"))
        .then(pl.lit("furniture"))
        # A short line just above the first paragraph, under the title block, heads that paragraph.
        .when(
            head
            & pl.col("_title_no").is_not_null()
            & (no == pl.col("_body_start") - 1)
            & (pl.col("n_words") <= 15)
            & ~pl.col("_name")
        )
        .then(pl.lit("heading"))
        .when(head & after_title & (pl.col("_name") | pl.col("_staff_line")))
        .then(pl.lit("byline"))
        # `dan burke` over `·7 min read`: a name left in lower case, placed as a byline is.
        .when(head & after_title & pl.col("_lowercase_name") & (next_base == "timestamp").fill_null(False))
        .then(pl.lit("byline"))
        .when(head & pl.col("_prose"))
        .then(pl.lit("prose"))
        # A sentence too long for a headline, worded like one (function words), opening a page
        # without a headline: the first paragraph, not furniture.
        .when(
            head
            & is_text
            & pl.col("_title_no").is_null()
            & ((pl.col("n_words") > HEADLINE_MAX_WORDS) | (pl.col("n_chars") > HEADLINE_MAX_CHARS))
            & (pl.col("stop_ratio") >= 0.25)
        )
        .then(pl.lit("prose"))
        .when(head)
        .then(pl.lit("furniture"))
        .when(pl.col("_prose") | pl.col("_repeated_prose"))
        .then(pl.lit("prose"))
        .when(pl.col("ends_colon") & next_is_post & (pl.col("n_words") <= 40))
        .then(pl.lit("label"))
        # After the last prose line: widgets, tag lists, sign-offs. A line that still reads like
        # a sentence (enough function words) stays prose.
        # `--Jane Roe` after the body: a blog's author signing off. (A sign-off stands alone: dash-led
        # lines in a run, or under a line ending in a colon, are a list of places or people.)
        .when(
            (no > pl.col("_last_prose"))
            & _only((no > pl.col("_last_prose")) & (pl.col("n_words") <= 4)).str.contains(SIGN_OFF_RE)
            & ~_near(text.str.starts_with("-"), 1).fill_null(False)
            & ~_near(text.str.starts_with("-"), -1).fill_null(False)
            & ~_near(pl.col("ends_colon"), 1).fill_null(False)
        )
        .then(pl.lit("byline"))
        # `Jane Roe` over `Rédactrice` after the body: the author signing off.
        .when((no > pl.col("_last_prose")) & pl.col("_name") & _near(pl.col("_role_line"), -1).fill_null(False))
        .then(pl.lit("byline"))
        .when((no > pl.col("_last_prose")) & ((pl.col("n_words") <= 5) | (pl.col("stop_ratio") < 0.2)))
        .then(pl.lit("furniture"))
        .when(no > pl.col("_last_prose"))
        .then(pl.lit("prose"))
        # A line running on into a next line that opens in lower case is a hard-wrapped piece of
        # a paragraph, not a heading.
        .when(wrapped)
        .then(pl.lit("prose"))
        .when(pl.col("n_words") <= 15)
        .then(pl.lit("heading"))
        .otherwise(pl.lit("prose"))
    )
    classified = classified.with_columns(kind=kind)
    # Teasers of other stories after the body: a short heading followed within two lines by a
    # time line (`Transport` / `Other headline` / `2 hours ago` / teaser). From there on, the
    # article is related links, provided most of its prose came before.
    is_prose = (pl.col("kind") == "prose").cast(pl.Int32)
    next_kind = _near(pl.col("kind"), -1)
    # ... or a section label over another story's headline over its teaser (`2020 Election` /
    # `Other headline` / first paragraph), the shape of a related-story card.
    label_over_headline = (
        (pl.col("kind") == "heading")
        & (pl.col("n_words") <= 4)
        & next_kind.is_in(["heading", "prose"])
        & ~_near(pl.col("ends_sentence"), -1)
        & (_near(pl.col("n_words"), -1) >= 6)
        & (_near(pl.col("kind"), -2) == "prose")
    ).fill_null(False)
    # (an entry's time line in a live blog dates no teaser)
    dated_teaser = (pl.col("kind") == "timestamp") & ~pl.col("_live_stamp")
    teaser_start = (
        (
            pl.col("kind").is_in(["heading", "furniture"])
            & (_near(dated_teaser, -1).fill_null(False) | _near(dated_teaser, -2).fill_null(False))
        )
        | label_over_headline
    ) & (_cum_sum(is_prose) >= 2)
    # A reading-time line dates the article's own headline, never another story's teaser.
    over_reading_time = _near(pl.col("_reading_time"), -1).fill_null(False) | _near(
        pl.col("_reading_time"), -2
    ).fill_null(False)
    teaser_start = teaser_start & ~over_reading_time
    # Teasers hold headlines that fall through as prose: only sentences count as the body's prose there.
    sentence_prose = (is_prose.cast(pl.Boolean) & pl.col("ends_sentence")).cast(pl.Int32)
    classified = classified.with_columns(
        _teaser_no=pl.when(teaser_start).then(no).min().over(by),
    ).with_columns(
        _prose_after=pl.when(no >= pl.col("_teaser_no")).then(sentence_prose).sum().over(by),
        _prose_total=is_prose.sum().over(by),
    )
    in_teasers = (
        (no >= pl.col("_teaser_no"))
        & (pl.col("_prose_after") * 2 <= pl.col("_prose_total") - pl.col("_prose_after"))
        & pl.col("kind").is_in(["prose", "heading", "furniture", "timestamp", "title"])
    ).fill_null(False)
    classified = classified.with_columns(kind=pl.when(in_teasers).then(pl.lit("related")).otherwise(pl.col("kind")))
    # A heading heads prose: three or more heading-shaped lines in a row (headings, or short
    # text lines already taken for furniture) are a tag list, a menu or a column of credits.
    heading = pl.col("kind") == "heading"
    shaped = heading | ((pl.col("kind") == "furniture") & pl.col("base").is_null() & ~pl.col("_prose"))
    run = _cum_sum((~shaped).cast(pl.Int32))
    classified = classified.with_columns(
        kind=pl.when(heading & (shaped.cast(pl.Int32).sum().over(by, run) >= HEADING_RUN))
        .then(pl.lit("furniture"))
        .otherwise(pl.col("kind"))
    )
    # A list the article announces (`Here is the set list:` / `- Song` / `- Song` ...): dash- or bullet-led
    # lines under a prose line ending in a colon are its own, however short (three in a row read as a menu
    # above). Only lines no wording claimed; the anchor is the last line above them that is no list item.
    list_item = text.str.contains(r"^[-–•·*]\s")
    anchor = pl.when(~list_item)
    announced = (
        list_item
        & anchor.then((pl.col("kind") == "prose") & pl.col("ends_colon")).forward_fill()
        & (anchor.then(pl.col("article_key")).forward_fill() == pl.col("article_key"))
        & pl.col("base").is_null()
        & pl.col("kind").is_in(["heading", "furniture"])
    ).fill_null(False)
    classified = classified.with_columns(kind=pl.when(announced).then(pl.lit("prose")).otherwise(pl.col("kind")))
    # Other stories' headlines cut short by an ellipsis, two or more in a row (`_cut_headlines`): a list
    # of links, whatever their wording.
    classified = classified.with_columns(
        kind=pl.when(pl.col("_cut_headlines") & pl.col("kind").is_in(["prose", "heading", "standfirst", "furniture"]))
        .then(pl.lit("related"))
        .otherwise(pl.col("kind"))
    )
    # A gallery of people: each picture's subject named on a line over its caption (`Jane Roe` / `Wearing
    # Studio Name at the gala.`), three times or more in the article. The names belong to the captions.
    over_caption = (
        pl.col("kind").is_in(["heading", "furniture", "prose"])
        & (pl.col("n_words") <= 4)
        & (_near(pl.col("kind"), -1) == "caption").fill_null(False)
    )
    name_over_caption = over_caption & _only(over_caption).str.contains(
        r"^\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,3}$"
    )
    classified = classified.with_columns(
        kind=pl.when(name_over_caption & (_article_total(name_over_caption.cast(pl.Int32)) >= 3))
        .then(pl.lit("caption"))
        .otherwise(pl.col("kind"))
    )
    # A line of the body printed again elsewhere in its article is no paragraph of it: the article's own
    # paragraphs are written once. A heading-shaped line printed twice is a picture's caption or another
    # story's headline (every copy leaves). A sentence printed twice is a standfirst or a caption that the
    # body repeats further down: the first copy leaves (a standfirst above the body's first paragraph, a
    # caption below it). A short sentence printed three times or more is a widget's message (every copy leaves).
    # Lines ending in a colon are lead-ins the article may repeat (`Check out the post below:`). On 495
    # real pages, 177 lines are printed more than once in their article and 170 of them were annotated
    # out of the body; the other 7 are 4 copies of lead-ins and the last copies of 3 sentences printed
    # twice, which stay.
    # (three words or more: a blogger's `Lol…` between posts is theirs however often they say it)
    own_line = pl.col("kind").is_in(["prose", "heading"]) & ~pl.col("ends_colon") & (pl.col("n_words") >= 3)
    copies = pl.len().over(by, "text")
    printed_again = own_line & (copies >= 2)
    later_copy = pl.col("block_no") < pl.col("block_no").max().over(by, "text")
    # (a paragraph doubled in a row by the crawl, with no caption beside it, is `_caption_printed_twice`'s
    # to judge: both copies stay there)
    apart = (text != _near(text, -1)).fill_null(True)
    first_copies = printed_again & pl.col("ends_sentence") & (copies == 2) & later_copy & apart
    # (a widget's message is short: a long paragraph printed many times is the crawl repeating the article)
    widget_message = (copies >= 3) & (pl.col("n_words") <= 20)
    gone = printed_again & (~pl.col("ends_sentence") | widget_message | first_copies)
    kept_prose = ((pl.col("kind") == "prose") & ~gone).cast(pl.Int32)
    prose_above = _cum_sum(kept_prose) - kept_prose
    classified = classified.with_columns(
        kind=pl.when(gone & pl.col("ends_sentence") & (prose_above == 0) & (copies == 2))
        .then(pl.lit("standfirst"))
        .when(gone & pl.col("ends_sentence") & (copies == 2))
        .then(pl.lit("caption"))
        .when(gone)
        .then(pl.lit("furniture"))
        .otherwise(pl.col("kind"))
    )
    # The last line of a dump cut off in the middle of it (`cut_end`) is a fragment of the paragraph it
    # began: `She was questio`, `“I want to a`. Under the body's prose (or a post), opening like a
    # sentence (a quotation mark, or a function word in its first three words), a line no wording
    # claimed is prose, not a short heading-shaped line. (Of the 13 such fragments annotated as prose
    # on 495 real pages and read as furniture, this takes 9: `He` and `“Y` are claimed by their shape
    # first, and two open with no function word. The fragments annotated as out of the body there open
    # with names or capitals, `David Vesters`, `VIA PORTAL`, or sit under furniture.)
    if "cut_end" in classified.columns:
        opening = _only(pl.col("cut_end") & pl.col("is_last")).str.extract(r"^(\S+(?:\s+\S+){0,2})", 1)
        fragment = (
            pl.col("cut_end")
            & pl.col("is_last")
            & pl.col("base").is_null()
            & pl.col("kind").is_in(["furniture", "heading"])
            & _near(pl.col("kind"), 1).is_in(["prose", "heading", "embed", "label", "link", "html"]).fill_null(False)
            # (a function word between spaces: the ASCII word boundary of STOPWORD_RE finds `o` in `źródło`)
            & (opening.str.contains(r"^[\"“‘«„]") | opening.str.contains(rf"(?i)(?:^|\s)(?:{STOPWORDS})(?:$|\s|[,;:])"))
            & ~opening.str.contains(r"^[\p{Lu}\d\s\p{P}]+$")
        ).fill_null(False)
        classified = classified.with_columns(kind=pl.when(fragment).then(pl.lit("prose")).otherwise(pl.col("kind")))
    # Reader comments: from a comments header that follows the body, everything but posts.
    comments_start = (pl.col("kind") == "comments") & (no > pl.col("_body_start").fill_null(0))
    classified = classified.with_columns(
        kind=pl.when((_cum_sum(comments_start.cast(pl.Int32)) > 0) & ~pl.col("kind").is_in(["embed", "link"]))
        .then(pl.lit("comments"))
        .otherwise(pl.col("kind"))
    )
    return classified.drop(
        [c for c in classified.columns if c.startswith("_")] + ["base", "is_last", "split_kind", "cut_end"],
        strict=False,
    )


def post_embeds(classified: pl.DataFrame) -> pl.DataFrame:
    """One row per embedded post: paragraphs of one embed_group folded together."""
    posts = classified.filter(pl.col("kind") == "embed").sort("article_key", "block_no")
    grouped = posts.group_by("article_key", "embed_group", maintain_order=True).agg(
        platform=pl.col("embed_platform").first(),
        author_name=pl.col("post_name").drop_nulls().last(),
        handle=pl.col("post_handle").drop_nulls().last(),
        date_raw=pl.col("post_date_raw").drop_nulls().last(),
        fragment=pl.col("post_fragment").fill_null(False).any(),
        text=pl.col("post_text").fill_null("").str.join("\n").str.strip_chars(),
        raw=pl.col("text").str.join("\n"),
        paragraph_no=pl.col("paragraph_no").min(),
    )
    links, media = post_links(pl.col("raw"))
    # A tweet's text and picture link with no signature at all, neither author nor date (a `fragment`):
    # what is left of a post, kept apart from the posts it cannot be told from. On 630 real pages
    # annotators counted none of the 11 such fragments as a post; a remnant with its date is one.
    fragment = (
        pl.col("fragment") & pl.col("author_name").is_null() & pl.col("handle").is_null() & pl.col("date_raw").is_null()
    )
    return grouped.with_columns(
        kind=pl.when(fragment).then(pl.lit("fragment")).otherwise(pl.lit("post")),
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
    """Prose and heading blocks with their offsets in the body they form (joined by a blank line).

    Returns article_key, paragraph_no (in body), block_no (in the raw article), text, body_start.
    """
    prose = classified.filter(pl.col("kind").is_in(BODY_KINDS)).sort("article_key", "block_no")
    length = pl.col("text").str.len_chars() + 2
    return prose.select(
        "article_key",
        paragraph_no=pl.int_range(pl.len(), dtype=pl.Int32).over("article_key"),
        block_no=pl.col("block_no"),
        text=pl.col("text"),
        body_start=(length.cum_sum() - length).over("article_key").cast(pl.Int32),
    )


def article_fields(classified: pl.DataFrame) -> pl.DataFrame:
    """Per article: found_title, standfirst, byline, dateline (first of each) and captions (all, in order)."""

    def first(kind: str) -> pl.Expr:
        return pl.col("text").filter(pl.col("kind") == kind).first()

    is_byline = pl.col("kind") == "byline"
    # A byline in words (`By Jane Roe`, `Web Desk`) over a bare name taken by position (a caption
    # naming the subject can stand where a byline would).
    worded = pl.when(is_byline).then(pl.col("text")).otherwise(pl.lit("")).str.contains(BYLINE_RE)
    return (
        classified.sort("article_key", "block_no")
        .with_columns(_worded_byline=worded & ~pl.col("text").str.contains(NOT_BYLINE_RE))
        .group_by("article_key")
        .agg(
            # (a close glyph left in front of the headline by a lightbox or modal, `× Title`, or the bar
            # of a site name cut off before it, `| Title`)
            found_title=first("title").str.replace(r"^[×✕✖|]\s+", "").str.replace(r"\s+\|$", ""),
            standfirst=first("standfirst"),
            byline=pl.coalesce(pl.col("text").filter(pl.col("_worded_byline")).first(), first("byline"))
            # (a meta line's date and time fields before the author's: `<date> • Jane Roe • ...`)
            .str.replace(META_LEADING_STAMPS_RE, "")
            .str.replace(r"^[•·–—-]+\s*", "")
            .str.replace(r"^By(\p{Lu}{2})", "$1")
            # (`Jane RoeESPN`: the outlet's name in capitals run on after the name)
            .str.replace(r"(\p{Ll})\p{Lu}{2,}$", "$1")
            .str.replace(BYLINE_LEAD_RE, "")
            .str.replace(BYLINE_PLACE_RE, "")
            .str.replace(BYLINE_DATE_TAIL_RE, "")
            .str.replace(BYLINE_GLUED_DATE_RE, "$1")
            .str.replace(r"\s*\|.*$", "")
            .str.replace(rf",\s*(?:{BYLINE_AGENCIES})$", "")
            .str.replace(r"\s+[•·]\s.*$", "")
            .str.replace(r"\s*@[A-Za-z0-9_]{2,15}.*$", "")
            .str.replace(r"[\s•|·,;:–—).-]+$", ""),
            dateline=first("dateline").str.replace(r"[\s:–—-]+$", ""),
            captions=pl.col("text").filter(pl.col("kind") == "caption"),
        )
        # (a byline block that was all lead word, date and separators names no one)
        .with_columns(byline=pl.when(pl.col("byline") != "").then(pl.col("byline")))
    )
