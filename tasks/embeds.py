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
ENGLISH_DATE = rf"(?:{MONTHS})\.?\s+\d{{1,2}},\s*\d{{4}}"
# Month names of localised embeds (day first: `1 de marzo de 2022`, `12 juin 2023`,
# `26 февраля 2023 г.`, `27 Mayıs 2023`, `2. Aug. 2021`), mapped to month numbers.
LOCAL_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "january jan enero ene janeiro janvier janv januar jän gennaio gen января январь ocak januari jänner يناير",
        "february feb febrero febr fevereiro fev février févr februar febbraio февраля февраль şubat februari فبراير",
        "march mar marzo março mars märz mär marzo марта март maret maart مارس",
        "april apr abril avril aprile апреля апрель nisan أبريل",
        "may mayo maio mai maggio mag мая май mayıs mei مايو",
        "june jun junio junho juin juni giugno giu июня июнь haziran يونيو",
        "july jul julio julho juillet juil juli luglio lug июля июль temmuz يوليو",
        "august aug agosto août august ago августа август ağustos agustus augustus أغسطس",
        "september sep sept septiembre setiembre setembro set septembre settembre сентября сентябрь eylül سبتمبر",
        "october oct octubre outubro out octobre oktober okt ottobre ott октября октябрь ekim أكتوبر",
        "november nov noviembre novembro novembre ноября ноябрь kasım نوفمبر",
        "december dec diciembre dic dezembro dez décembre déc dezember dicembre декабря декабрь aralık desember ديسمبر",
    ),
    start=1,
):
    LOCAL_MONTHS.update(dict.fromkeys(_names.split(), _number))
LOCAL_MONTH_NAMES = "|".join(sorted(LOCAL_MONTHS, key=len, reverse=True))
# A day of the month as written before its month: `1.`, `1er`, `1º`.
DAY_OF_MONTH = r"\d{1,2}(?:er|º|°|\.)?"
LOCAL_DATE = rf"{DAY_OF_MONTH}\s+(?:de\s+)?(?i:{LOCAL_MONTH_NAMES})\.?\s+(?:de\s+)?\d{{4}}(?:\s*г\.?)?"
SIGNATURE_DATE = rf"(?:{ENGLISH_DATE}|{LOCAL_DATE})"
TWITTER_HANDLE = r"[A-Za-z0-9_]{1,15}"

# X/Twitter: `<text> — Display Name (@handle) Month D, YYYY`. The text is greedy so the
# separator is the last dash before the signature; an ASCII hyphen needs a space before it
# (so `Ex-minister` is not a separator); the dash may be glued to the text (`now— Name`);
# the name may hold parentheses, emoji and decorative letters. A stray close glyph `×` may
# follow the date, and so may the rest of the tweet when the signature sits in its middle
# (kept only when that rest ends in a link, as the rest of a flattened tweet does).
DASH_SEPARATOR = r"(?:\s*[—–―]|\s--?|^--?)"
# (`(@ handle)`: some crawls put a space after the at sign)
SIGNATURE_TAIL = (
    rf"\s*\(@\s?(?P<handle>{TWITTER_HANDLE})\)\s*(?P<date>{SIGNATURE_DATE})\s*×?\s*(?P<rest>[^\n]*?)\s*×?\s*$"
)
TWEET_RE = rf"^(?s:(?P<text>.*)){DASH_SEPARATOR}\s*(?P<name>[^\n]*?){SIGNATURE_TAIL}"
# An embed plugin that prints the post's time as Unix seconds and the display name where the handle
# goes (`text— Name (@Name) 1642351234`, the name sometimes in literal `\uXXXX` escapes): a post
# dated by its timestamp, with a handle only when the bracket holds a valid one.
EPOCH_SECONDS = r"1[0-9]{9}"
TWEET_EPOCH_RE = (
    rf"^(?s:(?P<text>.*)){DASH_SEPARATOR}\s*(?P<name>[^\n]*?)\s*\(@(?P<handle>[^()\n]+)\)\s*(?P<date>{EPOCH_SECONDS})(?:\.0+)?"
    r"\s*×?\s*(?P<rest>[^\n]*?)\s*$"
)
# No dash at all: the display name glued to the 10-character id of a picture link.
# (`pic.twitter.com / AbCdEfGhIj`: some crawls put spaces around the slash)
PIC_PREFIX = r"pic\.(?:twitter|x)\.com\s?/\s?"
PIC_ID = rf"{PIC_PREFIX}[A-Za-z0-9]{{10}}"
TWEET_AFTER_PIC_RE = rf"^(?s:(?P<text>.*{PIC_ID}))\s*(?P<name>[^\n]*?){SIGNATURE_TAIL}"
# What the rest after a mid-tweet signature must end with.
REST_ENDS_WITH_LINK_RE = r"(?:https?://\S+|pic\.(?:twitter|x)\.com/[A-Za-z0-9]+)\W*$"
# Text glued after a complete signature on the same line: the first signature ends a post, and
# what follows is the article's next sentence or a second (quoted) post. The caller cuts the line
# after `prefix` unless the rest is the end of this tweet (ending in a link).
TWEET_SPLIT_RE = (
    rf"^(?P<prefix>(?s:.*?){DASH_SEPARATOR}\s*[^\n]*?\s*\(@\s?{TWITTER_HANDLE}\)\s*{SIGNATURE_DATE}\s*×?)"
    r"\s+(?P<rest>\S)"
)
# Two signatures crawls print without their usual marks (real set W, session 10): the handle without its
# at sign, `— Name (handle) July 7, 2020` (a handle with a lower-case letter, a digit or an underscore:
# `(AP) May 5, 2022` is an agency), and the dash turned into a spaced quote, `text ' Name (@handle) <date>`.
# Each is given its marks back in the copy of the line the signature patterns read.
BARE_HANDLE_SIGNATURE_RE = (
    rf"(?P<lead>(?:[—–―]|\s--?)\s*[^\n()@]{{1,60}}?\s*)\((?P<handle>[A-Za-z0-9_]*[a-z0-9_][A-Za-z0-9_]*)\)"
    rf"(?P<tail>\s*(?:{SIGNATURE_DATE})\s*×?\s*$)"
)
QUOTE_DASH_SIGNATURE_RE = (
    rf"\s['‘’]\s(?P<sig>[^\n()'‘’]{{1,60}}?\s*\(@\s?{TWITTER_HANDLE}\)\s*(?:{SIGNATURE_DATE})\s*×?\s*$)"
)
# A remnant: a picture link and a date, no author.
TWEET_REMNANT_RE = rf"^(?s:(?P<text>.*?{PIC_ID}))\s*(?:[—–―]|--?)?\s*(?P<date>{SIGNATURE_DATE})\s*×?\s*$"
# A signature cut off by the end of a truncated page: the dash, a name and the start of `(@handle`.
TWEET_TRUNCATED_RE = (
    rf"^(?s:(?P<text>.*)){DASH_SEPARATOR}\s*(?P<name>[^\n]*?)\s*"
    rf"\(@\s?(?P<handle>{TWITTER_HANDLE})?(?P<closed>\))?\s*"
    rf"(?P<date>[A-Za-z]*\.?\s*\d{{0,2}},?\s*\d{{0,4}}|{DAY_OF_MONTH}\s+(?:de\s+)?\p{{L}}*\.?(?:\s+(?:de\s+)?\d{{0,4}})?)\s*$"
)
# A post printed signature first, with no date (`Jane Roe (@janeroe) Shelves empty again #toiletpaper
# pic.twitter.com/...`): a name of up to five words, the handle, then the post's text, which opens with a
# capital, a mention, a hashtag, a quote or an emoji (`Jane Roe (@janeroe) said on Monday ...` reports a
# post in the article's words; a script without capitals is not read this way).
LEADING_SIGNATURE_RE = (
    rf"^(?P<name>[^\s()@—–―.!?:;,][^\s()@]*(?:\s+[^\s()@]+){{0,4}}?)\s*\(@\s?(?P<handle>{TWITTER_HANDLE})\)"
    r"\s+(?P<text>[\p{Lu}@#\"“‘\p{Extended_Pictographic}]\S*\s+\S.*)$"
)
# ... cut before its `(@`: the dash and a name (up to 39 characters) after the tweet's link, on the
# page's last line (`... pic.twitter.com/AbCdEf1234 — Jane Ro`), or alone on it under a line ending
# in the tweet's link (TWEET_NAME_ONLY_LINE_RE, matched on the last line).
# A link to a tweet's picture or its short link, as a tweet's text ends.
TWEET_LINK = rf"(?:{PIC_PREFIX}[A-Za-z0-9]+|https?://t\.co/[A-Za-z0-9]+)"
TWEET_NAME_CUT_NAME = r"(?P<name>[^\s()@—–―.!?:;,][^()@—–―.!?:;\n]{0,38}?)"
TWEET_NAME_TRUNCATED_RE = (
    rf"^(?s:(?P<text>.*{TWEET_LINK}\W*?))"
    rf"{DASH_SEPARATOR}\s*{TWEET_NAME_CUT_NAME}\s*$"
)
TWEET_NAME_ONLY_LINE_RE = rf"^\s*(?:[—–―]|--?)\s*{TWEET_NAME_CUT_NAME}\s*$"
TWEET_LINK_END_RE = rf"{TWEET_LINK}\W*$"
# A line that is only the rest of a tweet: text ending in its picture link (no signature).
TWEET_CONTINUATION_RE = rf"{PIC_PREFIX}[A-Za-z0-9]+\W*$"
# A line that is only a signature's date (`August 8, 2021`, `— 8 août 2021`): under a line ending in a
# picture link, it is the date of an author-less remnant whose date went onto a line of its own.
DATE_ONLY_RE = rf"^(?:[—–―]|--?)?\s*(?P<date>{SIGNATURE_DATE})\s*×?$"
DATE_ONLY_MAX_CHARS = 40
TWEET_CONTINUATION_MAX_CHARS = 300

# Instagram's embed label and signature in the languages of the pages that carry them.
INSTAGRAM_LABEL_RE = (
    r"(?i)^\s*(?:View this (?:post|photo|video|profile) on Instagram"
    r"|Ver est[ae] publicaci[óo]n en Instagram"
    r"|Ver (?:essa|esta) (?:publica[çc][ãa]o|foto|postagem) no Instagram"
    r"|Voir cette publication sur Instagram"
    r"|Diesen Beitrag auf Instagram ansehen"
    r"|Visualizza questo post su Instagram"
    r"|Посмотреть эту публикацию в Instagram"
    r"|عرض هذا المنشور على Instagram"
    r"|Bu gönderiyi Instagram['’]da gör(?:üntüle(?:yin)?)?"
    r"|Lihat postingan ini di Instagram"
    r"|Bekijk dit bericht op Instagram|Dit bericht bekijken op Instagram|Dit bericht op Instagram bekijken"
    r")\s*"
)
INSTAGRAM_SHARED_BY = (
    r"(?:A (?:post|photo|video) (?:shared|posted) by"
    r"|Una publicaci[óo]n compartida (?:por|de)"
    r"|Uma publica[çc][ãa]o compartilhada por|Um post compartilhado por"
    r"|Une publication partag[ée]e par"
    r"|Ein Beitrag geteilt von"
    r"|Un post condiviso da"
    r"|Публикация от"
    r"|تمت مشاركة منشور بواسطة|منشور تمت مشاركته بواسطة"
    r"|Sebuah kiriman dibagikan oleh"
    r"|Een bericht gedeeld door|Een post gedeeld door|Een (?:foto|video) die is geplaatst door)"
)
INSTAGRAM_SIGNATURE_RE = (
    rf"(?i){INSTAGRAM_SHARED_BY}\s+(?P<name>[^\n]*?)\s*\(@(?P<handle>[A-Za-z0-9_.]{{1,30}})\)"
    rf"(?:\s+(?:on|am|el|le|em|il|pada|op|в)\s+(?P<date>{SIGNATURE_DATE})"
    r"(?:\s+(?:at|um|a las|à|às|alle|pukul|om|в)\s+\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s+\(?[A-Z]{2,5}\)?)?)?)?"
)
# The older embed names only the account when it has no display name, with no `(@...)`:
# `A post shared by jo.rivera_ on May 3, 2019 at 10:05am PDT`. The account name is the handle
# (lower case, as Instagram prints it: `A photo shared by Reuters on ...` is a credit, not a post).
INSTAGRAM_SIGNATURE_BARE_RE = (
    rf"(?i){INSTAGRAM_SHARED_BY}\s+(?P<handle>(?-i:[a-z0-9_.]{{1,30}}))"
    rf"\s+(?:on|am|el|le|em|il|pada|op|в)\s+(?P<date>{SIGNATURE_DATE})"
)
INSTAGRAM_SHARED_BY_WORDS = r"(?i)shared by|posted by|compartid|partag|geteilt|condiviso|dibagikan|gedeeld|geplaatst"
# Turkish puts the name first: `Name (@handle)'in paylaştığı bir gönderi`.
INSTAGRAM_SIGNATURE_TR_RE = (
    r"(?i)^\s*(?P<name>[^\n]*?)\s*\(@(?P<handle>[A-Za-z0-9_.]{1,30})\)\s*['’]?\p{L}{0,4}\s+"
    r"(?:paylaştığı bir gönderi|tarafından paylaşılan bir gönderi)"
)
# Facebook: `<text> Posted by <Page> on <Weekday>, <Month D, YYYY>`, and the same in other languages.
FACEBOOK_SIGNED_BY = r"Posted by|Publicado por|Publié par|Gepostet von|Pubblicato da|Diposting oleh"
FACEBOOK_RE = (
    rf"^(?s:(?P<text>.*?))\s*(?:{FACEBOOK_SIGNED_BY})\s+"
    r"(?P<name>[^\n]+?)\s+(?:on|en|em|le|am|il|pada)\s+"
    rf"(?:(?:{WEEKDAYS}|\p{{L}}+-?\p{{L}}*),?\s+)?(?P<date>{SIGNATURE_DATE})\s*$"
)
TIKTOK_RE = r"^@(?P<handle>[A-Za-z0-9_.]{2,24})\s+(?P<text>.*?)\s*♬\s*(?P<sound>.*)$"
# The same post with its `@handle` on a line of its own above the text and sound credit (the credit
# often glued to the last hashtag: `#film♬ original sound - Name`).
TIKTOK_HANDLE_LINE_RE = r"^@([A-Za-z0-9_.]{2,24})$"
TIKTOK_BODY_RE = r"^(?P<text>[^@].*?)\s*♬\s*(?P<sound>.*)$"

URL_RE = r"(?:https?://|www\.)[^\s\]\)>\"“”]+"
# Picture ids are 10 characters: a longer run is a display name glued to the id (no dash).
MEDIA_LINK_RE = r"(?:https?://)?pic\.(?:twitter|x)\.com/(?:[A-Za-z0-9]{10}|[A-Za-z0-9]+)"
# Links to a single post on a platform whose embed leaves no text (YouTube, Telegram,
# Facebook iframes) or that appear bare. `(?-u:\b)` keeps `netflix.com/...` from matching `x.com/`.
POST_LINK_RE = (
    r"(?-u:\b)(?:https?://)?(?:www\.|m\.|mobile\.)?(?:"
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
    """`April 21, 2022` / `Sept. 3, 2020` / `Apr 3,2021` / `1 de marzo de 2022` / `26 февраля 2023 г.` /
    `1642351234` (Unix seconds, UTC) -> Date (NULL when it is no date)."""
    normalised = (
        expr.str.replace(r"\.", "")
        .str.replace(r"^Sept(?-u:\b)", "Sep")
        .str.replace(r",\s*", ", ")
        .str.replace(r"\s+", " ")
    )
    local = expr.str.extract_groups(
        r"^(?P<day>\d{1,2})(?:er|º|°|\.)?\s+(?:de\s+)?(?P<month>\p{L}+)\.?\s+(?:de\s+)?(?P<year>\d{4})"
    )
    month = (
        local.struct.field("month").str.to_lowercase().replace_strict(LOCAL_MONTHS, default=None, return_dtype=pl.Int32)
    )
    epoch = pl.when(expr.str.contains(rf"^{EPOCH_SECONDS}$")).then(expr).cast(pl.Int64, strict=False)
    return pl.coalesce(
        pl.from_epoch(epoch, time_unit="s").dt.date(),
        normalised.str.strptime(pl.Date, "%B %d, %Y", strict=False),
        normalised.str.strptime(pl.Date, "%b %d, %Y", strict=False),
        # Built as text and parsed leniently: an impossible date (31 February) becomes NULL.
        pl.concat_str(
            local.struct.field("year"),
            month.cast(pl.String).str.zfill(2),
            local.struct.field("day").str.zfill(2),
            separator="-",
        ).str.strptime(pl.Date, "%Y-%m-%d", strict=False),
    )


def post_links(expr: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """(links, media_links) found in a text column; media links are not repeated in links."""
    media = expr.str.extract_all(MEDIA_LINK_RE)
    links = expr.str.replace_all(MEDIA_LINK_RE, " ").str.extract_all(URL_RE)
    return links, media


def _first_match(*candidates: tuple[pl.Expr, pl.Expr]) -> pl.Expr:
    """The struct of the first (condition, struct) pair whose condition holds."""
    chain = pl.when(candidates[0][0]).then(candidates[0][1])
    for condition, value in candidates[1:]:
        chain = chain.when(condition).then(value)
    return chain


def match_posts(paragraphs: pl.DataFrame) -> pl.DataFrame:
    """Line-level post signatures.

    Adds `post_platform` (twitter, facebook, tiktok; NULL for none), `post_name`,
    `post_handle`, `post_date_raw`, `post_text`, `tweet_continuation` (a line that is only
    the rest of a tweet, ending in its picture link), and the Instagram markers
    `ig_label` / `ig_signature`, which span lines and are grouped by the caller, and
    `tiktok_post_below` (on a TikTok post's lines above its sound line, how many lines down the post's
    line stands; rows must be in article order).
    A signature cut off at the very end of an article (`is_last`, when the frame has it),
    or one that shows no date, is a post with what is known.
    """
    # The line with a signature's lost marks given back (see BARE_HANDLE_SIGNATURE_RE), read by every
    # pattern below: one column, computed once. Only lines that may hold such a signature (a bracket
    # closed before a date's digit, with no `(@`; or a spaced quote) pay for the replacement.
    line = pl.col("text")

    def only(cond: pl.Expr) -> pl.Expr:
        # ("" off the mask: a pattern still reads the text under a NULL one)
        return pl.when(cond).then(line).otherwise(pl.lit(""))

    bracketed = line.str.contains(")", literal=True) & ~line.str.contains("(@", literal=True)
    dated_bracket = bracketed & only(bracketed).str.contains(r"\)\s*\S*\s*\d")
    quoted = line.str.contains(" ' ", literal=True) | line.str.contains(" ’ ", literal=True)
    paragraphs = paragraphs.with_columns(
        _sig_line=pl.when(dated_bracket)
        .then(only(dated_bracket).str.replace(BARE_HANDLE_SIGNATURE_RE, "${lead}(@${handle})${tail}"))
        .when(quoted)
        .then(only(quoted).str.replace(QUOTE_DASH_SIGNATURE_RE, " — ${sig}"))
        .otherwise(line)
    )
    text = pl.col("_sig_line")
    # Only lines that can hold a signature pay for the extraction.
    maybe_tweet = pl.when(text.str.contains("(@", literal=True)).then(text)
    maybe_pic = pl.when(text.str.contains(PIC_PREFIX)).then(text)
    is_last = pl.col("is_last") if "is_last" in paragraphs.columns else pl.lit(False)
    tweet = maybe_tweet.str.extract_groups(TWEET_RE)
    # (empty text, not NULL, on every other line: a pattern still reads the text under a NULL mask)
    epoch_tweet = (
        pl.when(tweet.struct.field("handle").is_null() & text.str.contains("(@", literal=True))
        .then(text)
        .otherwise(pl.lit(""))
        .str.extract_groups(TWEET_EPOCH_RE)
    )
    glued = maybe_pic.str.extract_groups(TWEET_AFTER_PIC_RE)
    remnant = maybe_pic.str.extract_groups(TWEET_REMNANT_RE)
    # A signature cut off by the end of a truncated page, on the article's last line; or, on any line, a
    # complete signature that shows no date (`— HubSpot (@HubSpot)`): a post with what is known.
    signature_cut = (
        pl.when(is_last | (tweet.struct.field("handle").is_null() & text.str.contains(r"\(@\s?\w+\)\s*$")))
        .then(maybe_tweet)
        .str.extract_groups(TWEET_TRUNCATED_RE)
    )
    undated = (
        ~is_last
        & signature_cut.struct.field("closed").is_not_null()
        & signature_cut.struct.field("handle").is_not_null()
        & (signature_cut.struct.field("date") == "")
    )
    leading = pl.when(tweet.struct.field("handle").is_null()).then(maybe_tweet).str.extract_groups(LEADING_SIGNATURE_RE)
    truncated = (
        pl.when((is_last | undated) & signature_cut.struct.field("text").is_not_null())
        .then(signature_cut)
        .when(leading.struct.field("handle").is_not_null())
        .then(
            pl.struct(
                text=leading.struct.field("text"),
                name=leading.struct.field("name"),
                handle=leading.struct.field("handle"),
                closed=pl.lit(")"),
                date=pl.lit(""),
            )
        )
    )
    # (rows are in article order; the line above or below counts only within the same article)
    if "article_key" in paragraphs.columns:
        same_above = pl.col("article_key").shift(1) == pl.col("article_key")
        same_below = pl.col("article_key").shift(-1) == pl.col("article_key")
    else:
        same_above = same_below = pl.lit(True)
    # (the name-only cuts: the last line holds no `(@`; it is short, or ends in a name after a link)
    last_dashed = is_last & ~text.str.contains("(@", literal=True) & text.str.contains(r"[—–―-]\s*[^—–―-]{1,40}$")
    name_cut = pl.when(last_dashed).then(text).str.extract_groups(TWEET_NAME_TRUNCATED_RE)
    link_above = (text.str.contains(TWEET_LINK_END_RE).shift(1) & same_above).fill_null(False)
    own_line_cut = pl.when(last_dashed & link_above).then(text).str.extract(TWEET_NAME_ONLY_LINE_RE, 1)
    no_text = pl.lit(None, pl.String)
    truncated = (
        pl.when(truncated.struct.field("text").is_not_null())
        .then(truncated)
        .when(name_cut.struct.field("name").is_not_null())
        .then(
            pl.struct(
                text=name_cut.struct.field("text"),
                name=name_cut.struct.field("name"),
                handle=no_text,
                closed=no_text,
                date=no_text,
            )
        )
        .when(own_line_cut.is_not_null())
        .then(pl.struct(text=pl.lit(""), name=own_line_cut, handle=no_text, closed=no_text, date=no_text))
    )
    facebook = pl.when(text.str.contains(FACEBOOK_SIGNED_BY, literal=False)).then(text).str.extract_groups(FACEBOOK_RE)
    tiktok = pl.when(text.str.starts_with("@") & text.str.contains("♬", literal=True)).then(text)
    tiktok = tiktok.str.extract_groups(TIKTOK_RE)
    # A ♬ line that does not open with its handle takes it from a handle-only line right above it.
    # (the handles are extracted first and shifted: shifting the text itself would copy every line)
    sound_line = text.str.contains("♬", literal=True) & ~text.str.starts_with("@")
    handle_only = pl.when(text.str.starts_with("@") & (text.str.len_bytes() <= 26)).then(text)
    handle_above = pl.when(sound_line & same_above).then(handle_only.str.extract(TIKTOK_HANDLE_LINE_RE, 1).shift(1))
    tiktok_below = pl.when(handle_above.is_not_null()).then(text).str.extract_groups(TIKTOK_BODY_RE)
    # ... or, when the caption stands on a line of its own between them (`@handle` / caption / `♬ sound`),
    # from the handle-only line two above, the caption being the line in between.
    key = pl.col("article_key")
    same_two_above = (key.shift(2) == key) if "article_key" in paragraphs.columns else pl.lit(True)
    sound_only = sound_line & text.str.starts_with("♬") & same_above & same_two_above
    handle_two_above = pl.when(sound_only & handle_above.is_null()).then(
        handle_only.str.extract(TIKTOK_HANDLE_LINE_RE, 1).shift(2)
    )
    caption_between = pl.when(handle_two_above.is_not_null().shift(-1).fill_null(False)).then(text).shift(1)
    tiktok_three_lines = pl.struct(
        handle=handle_two_above,
        text=caption_between,
        sound=pl.when(handle_two_above.is_not_null()).then(text).str.extract(r"^♬\s*(.*)$", 1),
    )
    instagram = pl.when(text.str.contains("(@", literal=True)).then(text)
    ig_sig = instagram.str.extract_groups(INSTAGRAM_SIGNATURE_RE)
    ig_sig_tr = instagram.str.extract_groups(INSTAGRAM_SIGNATURE_TR_RE)
    ig_sig_bare = (
        pl.when(~text.str.contains("(@", literal=True) & text.str.contains(INSTAGRAM_SHARED_BY_WORDS))
        .then(text)
        .str.extract_groups(INSTAGRAM_SIGNATURE_BARE_RE)
    )

    def rest_ok(struct: str) -> pl.Expr:
        rest = pl.col(struct).struct.field("rest")
        return pl.col(struct).struct.field("handle").is_not_null() & (
            (rest == "") | rest.str.contains(REST_ENDS_WITH_LINK_RE)
        )

    field = pl.col("_tw").struct.field
    return (
        paragraphs.with_columns(
            _tw1=tweet,
            _tw2=glued,
            _tw3=epoch_tweet,
            _rem=remnant,
            _trunc=truncated,
            _fb=facebook,
            _tt=pl.when(tiktok_below.struct.field("text").is_not_null())
            .then(
                pl.struct(
                    handle=handle_above,
                    text=tiktok_below.struct.field("text"),
                    sound=tiktok_below.struct.field("sound"),
                )
            )
            .when(handle_two_above.is_not_null())
            .then(tiktok_three_lines)
            .otherwise(tiktok),
            _tt3=handle_two_above.is_not_null(),
            _ig1=ig_sig,
            _ig2=ig_sig_tr,
            _ig3=ig_sig_bare,
        )
        .with_columns(
            _tw=_first_match(
                (rest_ok("_tw1"), pl.col("_tw1")),
                (rest_ok("_tw2"), pl.col("_tw2")),
                (
                    pl.col("_tw3").struct.field("date").is_not_null()
                    & pl.col("_tw3").struct.field("rest").str.contains(rf"^$|{REST_ENDS_WITH_LINK_RE}"),
                    pl.col("_tw3").struct.with_fields(
                        handle=pl.when(pl.col("_tw3").struct.field("handle").str.contains(rf"^{TWITTER_HANDLE}$")).then(
                            pl.col("_tw3").struct.field("handle")
                        )
                    ),
                ),
            ),
            _ig=_first_match(
                (pl.col("_ig1").struct.field("handle").is_not_null(), pl.col("_ig1")),
                (
                    pl.col("_ig2").struct.field("handle").is_not_null(),
                    pl.struct(
                        name=pl.col("_ig2").struct.field("name"),
                        handle=pl.col("_ig2").struct.field("handle"),
                        date=pl.lit(None, pl.String),
                    ),
                ),
                (
                    pl.col("_ig3").struct.field("handle").is_not_null(),
                    pl.struct(
                        name=pl.col("_ig3").struct.field("handle"),
                        handle=pl.col("_ig3").struct.field("handle"),
                        date=pl.col("_ig3").struct.field("date"),
                    ),
                ),
            ),
            _is_remnant=pl.col("_rem").struct.field("date").is_not_null(),
            # A signature that lost its end: the line has the dash, a name and `(@`, but no complete signature.
            _is_truncated=pl.col("_trunc").struct.field("text").is_not_null()
            & ~(
                pl.col("_trunc").struct.field("closed").is_not_null()
                # (a year cut to its first digits, `February 16, 20`, is no complete date)
                & pl.col("_trunc").struct.field("date").str.contains(r"\d{4}$")
                & parse_signature_date(pl.col("_trunc").struct.field("date")).is_not_null()
            ),
        )
        .with_columns(
            ig_label=pl.when(text.str.contains("Instagram", literal=True))
            .then(text)
            .str.contains(INSTAGRAM_LABEL_RE)
            .fill_null(False),
            ig_signature=pl.col("_ig").struct.field("handle").is_not_null(),
            post_platform=pl.when(field("date").is_not_null())
            .then(pl.lit("twitter"))
            .when(pl.col("_fb").struct.field("name").is_not_null())
            .then(pl.lit("facebook"))
            .when(pl.col("_tt").struct.field("handle").is_not_null())
            .then(pl.lit("tiktok"))
            .when(pl.col("_is_remnant") | pl.col("_is_truncated"))
            .then(pl.lit("twitter")),
            tweet_continuation=(text.str.len_chars() <= TWEET_CONTINUATION_MAX_CHARS)
            & text.str.contains(TWEET_CONTINUATION_RE),
            # How many lines down the TikTok post stands that this line belongs to: 2 for the `@handle` line
            # of a post whose sound line stands two lines down, 1 for the line right over a post's line
            # (an `@handle` line, or such a post's caption line); NULL on every other line.
            tiktok_post_below=pl.when(pl.col("_tt3").shift(-2).fill_null(False) & same_below)
            .then(pl.lit(2, pl.Int32))
            .when(
                (pl.col("_tt").struct.field("handle").is_not_null() & ~text.str.starts_with("@") & same_above)
                .shift(-1)
                .fill_null(False)
                & same_below
            )
            .then(pl.lit(1, pl.Int32)),
        )
        .with_columns(
            post_name=pl.when(field("date").is_not_null())
            .then(field("name"))
            .when(pl.col("post_platform") == "facebook")
            .then(pl.col("_fb").struct.field("name"))
            .when(pl.col("_is_truncated") & ~pl.col("_is_remnant"))
            .then(pl.col("_trunc").struct.field("name"))
            .when(pl.col("ig_signature"))
            .then(pl.col("_ig").struct.field("name")),
            post_handle=pl.when(field("date").is_not_null())
            .then(field("handle"))
            .when(pl.col("post_platform") == "tiktok")
            .then(pl.col("_tt").struct.field("handle"))
            .when(pl.col("_is_remnant"))
            .then(pl.lit(None, pl.String))
            # (a handle cut by the page's end is kept as far as it is shown)
            .when(pl.col("_is_truncated"))
            .then(pl.col("_trunc").struct.field("handle"))
            .when(pl.col("ig_signature"))
            .then(pl.col("_ig").struct.field("handle")),
            post_date_raw=pl.when(field("date").is_not_null())
            .then(field("date"))
            .when(pl.col("post_platform") == "facebook")
            .then(pl.col("_fb").struct.field("date"))
            .when(pl.col("_is_remnant"))
            .then(pl.col("_rem").struct.field("date"))
            .when(pl.col("ig_signature"))
            .then(pl.col("_ig").struct.field("date")),
            post_text=pl.when(field("date").is_not_null())
            .then(pl.concat_str(field("text").str.strip_chars(), field("rest"), separator=" ").str.strip_chars())
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
            .when(pl.col("_is_remnant"))
            .then(pl.col("_rem").struct.field("text"))
            .when(pl.col("_is_truncated"))
            .then(pl.col("_trunc").struct.field("text"))
            .when(pl.col("ig_signature") | pl.col("ig_label"))
            .then(
                text.str.replace(INSTAGRAM_LABEL_RE, "")
                .str.replace(INSTAGRAM_SIGNATURE_RE, "")
                .str.replace(INSTAGRAM_SIGNATURE_TR_RE, "")
                .str.replace(INSTAGRAM_SIGNATURE_BARE_RE, "")
                .str.strip_chars()
            ),
        )
        .drop(
            "_tw1",
            "_tw2",
            "_tw3",
            "_rem",
            "_trunc",
            "_fb",
            "_tt",
            "_tt3",
            "_ig1",
            "_ig2",
            "_ig3",
            "_tw",
            "_ig",
            "_is_remnant",
            "_is_truncated",
            "_sig_line",
        )
    )


def link_platform(url: pl.Expr) -> pl.Expr:
    lower = url.str.to_lowercase()
    return (
        pl.when(lower.str.contains(r"youtube\.com|youtu\.be"))
        .then(pl.lit("youtube"))
        .when(lower.str.contains(r"(?-u:\b)t\.me/"))
        .then(pl.lit("telegram"))
        .when(lower.str.contains(r"facebook\.com|fb\.com|fb\.watch"))
        .then(pl.lit("facebook"))
        .when(lower.str.contains(r"(?-u:\b)(?:twitter|x)\.com/"))
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
