"""The ready-made SQL layer of a published warehouse: views and table macros, declared once.

The loader calls `create_views` on every database it builds or patches, so each published
file answers the day-one questions of an analyst with plain SQL (`FROM articles_per_day`,
`FROM kwic('bridge')`). Every view and macro carries a `COMMENT ON`, listed by
`SELECT view_name, comment FROM duckdb_views() WHERE NOT internal` and
`SELECT function_name, comment FROM duckdb_functions() WHERE function_type = 'table_macro'`.

Views hold no rows of their own: they cost nothing at publish time and always match the tables.
Dates "over time" are the article's `published_date` (a month-only date counts as the 1st);
rows of undated articles keep a NULL day so that totals add up.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb


@dataclass(frozen=True)
class View:
    name: str
    topic: str  # volume, social, text or quality (README, "Querying")
    comment: str
    sql: str
    # Column comments where COLUMN_COMMENTS' general meaning does not fit this view.
    column_comments: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Macro:
    """A table macro: `FROM name(arguments)`."""

    name: str
    topic: str
    parameters: str
    comment: str
    sql: str


# Post text compared across articles: lowercased, links dropped (t.co links differ between
# copies of one post), every run of non-letters/digits a single space.
NORMALISED_POST_TEXT = (
    r"trim(regexp_replace(lower(regexp_replace(coalesce(e.text, ''), "
    r"'(https?://|pic\.(twitter|x)\.com/)\S+', ' ', 'g')), '[^\p{L}\p{N}]+', ' ', 'g'))"
)

VIEWS: tuple[View, ...] = (
    # --- volume ---
    View(
        "articles_per_day",
        "volume",
        "Articles, sentences, words and embeds per publication day and site "
        "(site '(dump)' for text dumps without one; day NULL for undated articles).",
        """
        SELECT published_date AS day, coalesce(site, '(dump)') AS site,
               count(*) AS n_articles, sum(n_sentences)::BIGINT AS n_sentences,
               sum(n_words)::BIGINT AS n_words, sum(n_embeds)::BIGINT AS n_embeds
        FROM articles GROUP BY ALL
        """,
    ),
    View(
        "articles_per_week",
        "volume",
        "Articles, sentences and embeds per ISO week (starting Monday) and site; week NULL for undated articles.",
        """
        SELECT date_trunc('week', published_date)::DATE AS week, coalesce(site, '(dump)') AS site,
               count(*) AS n_articles, sum(n_sentences)::BIGINT AS n_sentences, sum(n_embeds)::BIGINT AS n_embeds
        FROM articles GROUP BY ALL
        """,
    ),
    View(
        "articles_per_source",
        "volume",
        "Articles and sentences per attribution source (each name in articles.attribution), "
        "with the first and last publication day.",
        """
        SELECT source, count(*) AS n_articles, sum(n_sentences)::BIGINT AS n_sentences,
               min(published_date) AS first_day, max(published_date) AS last_day
        FROM (SELECT unnest(attribution) AS source, n_sentences, published_date FROM articles)
        GROUP BY ALL
        """,
    ),
    # --- social ---
    View(
        "embeds_per_day",
        "social",
        "Embeds per publication day of the article, platform and kind (post or link), "
        "with the number of articles holding them.",
        """
        SELECT a.published_date AS day, e.platform, e.kind,
               count(*) AS n_embeds, count(DISTINCT e.article_id) AS n_articles
        FROM social_embeds AS e JOIN articles AS a USING (article_id) GROUP BY ALL
        """,
    ),
    View(
        "embeds_per_handle_month",
        "social",
        "Embeds per month (of the article's date), platform and handle (handles compared case-insensitively; "
        "the lowest spelling shown).",
        """
        SELECT date_trunc('month', a.published_date)::DATE AS month, e.platform, min(e.handle) AS handle,
               count(*) AS n_embeds, count(DISTINCT e.article_id) AS n_articles
        FROM social_embeds AS e JOIN articles AS a USING (article_id)
        WHERE e.handle IS NOT NULL
        GROUP BY month, e.platform, lower(e.handle)
        """,
    ),
    View(
        "top_handles",
        "social",
        "Every embedded handle per platform: embeds (posts and links), articles, sites ('(dump)' counts as one), "
        "first and last article day. "
        "ORDER BY n_embeds DESC for the top ones.",
        """
        SELECT e.platform, min(e.handle) AS handle, any_value(e.author_name ORDER BY e.author_name) AS author_name,
               count(*) AS n_embeds, count(*) FILTER (e.kind = 'post') AS n_posts,
               count(*) FILTER (e.kind = 'link') AS n_links,
               count(DISTINCT e.article_id) AS n_articles, count(DISTINCT coalesce(a.site, '(dump)')) AS n_sites,
               min(a.published_date) AS first_seen, max(a.published_date) AS last_seen
        FROM social_embeds AS e JOIN articles AS a USING (article_id)
        WHERE e.handle IS NOT NULL
        GROUP BY e.platform, lower(e.handle)
        """,
    ),
    View(
        "embed_lag",
        "social",
        "One row per embedded post: its post_key (same platform, author and normalised text = same post), "
        "the post's date, the article's date and the lag in days between them.",
        f"""
        SELECT e.embed_id, e.article_id, e.platform, e.handle, e.author_name,
               md5(e.platform || chr(31) || lower(coalesce(e.handle, e.author_name, '')) || chr(31)
                   || {NORMALISED_POST_TEXT}) AS post_key,
               e.posted_date, a.published_date, a.published_date - e.posted_date AS lag_days,
               coalesce(a.site, '(dump)') AS site, e.text
        FROM social_embeds AS e JOIN articles AS a USING (article_id)
        WHERE e.kind = 'post' AND coalesce(e.handle, e.author_name) IS NOT NULL AND {NORMALISED_POST_TEXT} <> ''
        """,
    ),
    View(
        "post_spread",
        "social",
        "One row per distinct embedded post (same platform, handle and normalised text): how many articles and "
        "sites ('(dump)' counts as one) embedded it, first and last article day, "
        "and the lag from the post's date to its first embedding. "
        "WHERE n_articles > 1 gives posts picked up more than once.",
        """
        SELECT post_key, platform, min(handle) AS handle, any_value(author_name ORDER BY author_name) AS author_name,
               any_value(text ORDER BY published_date NULLS LAST, embed_id) AS text,
               min(posted_date) AS posted_date, count(*) AS n_embeds, count(DISTINCT article_id) AS n_articles,
               count(DISTINCT site) AS n_sites, min(published_date) AS first_seen, max(published_date) AS last_seen,
               min(published_date) - min(posted_date) AS first_lag_days
        FROM embed_lag GROUP BY post_key, platform
        """,
    ),
    View(
        "duplicate_clusters",
        "volume",
        "Near-duplicate clusters of two or more articles (syndicated copies, light edits; MinHash/LSH verified by "
        "Jaccard similarity): canonical article, size, first and last day, sites, closest and loosest match.",
        """
        SELECT d.dup_cluster_id, any_value(d.cluster_size) AS cluster_size,
               min(a.published_date) AS first_day, max(a.published_date) AS last_day,
               count(DISTINCT coalesce(a.site, '(dump)')) AS n_sites,
               list(DISTINCT coalesce(a.site, '(dump)') ORDER BY coalesce(a.site, '(dump)')) AS sites,
               (SELECT round(max(jaccard), 3) FROM duplicate_pairs AS p
                WHERE p.article_id IN (SELECT article_id FROM article_duplicates AS m
                                       WHERE m.dup_cluster_id = d.dup_cluster_id)) AS max_jaccard,
               any_value(left(a.body, 80)) FILTER (d.is_canonical) AS excerpt
        FROM article_duplicates AS d JOIN articles AS a USING (article_id)
        WHERE d.cluster_size > 1
        GROUP BY d.dup_cluster_id
        """,
        {"excerpt": "First 80 characters of the canonical article's body."},
    ),
    # --- text ---
    View(
        "handle_mentions",
        "text",
        "Every @handle written in a sentence (prose, not embeds): article, sentence, handle without '@', text.",
        """
        SELECT article_id, sentence_no, handle, text
        FROM (
            SELECT s.article_id, s.sentence_no, s.text,
                   unnest(regexp_extract_all(s.text, '(?:^|[^\\w@])@(\\w+(?:\\.\\w+)*)', 1)) AS handle
            FROM sentences AS s
            WHERE contains(s.text, '@')
        )
        """,
    ),
    # --- quality ---
    View(
        "rejects_per_day",
        "quality",
        "Rejects per day they were met (rejected_at, UTC) and reason code, with the number of files involved.",
        """
        SELECT rejected_at::DATE AS day, reason, count(*) AS n_rejects, count(DISTINCT source_file) AS n_files
        FROM rejects GROUP BY ALL
        """,
    ),
    View(
        "runs_per_day",
        "quality",
        "Ingest runs per day they started (UTC): how many, how many failed, files read, rows written, time spent.",
        """
        SELECT started_at::DATE AS day, count(*) AS n_runs, count(*) FILTER (status = 'failed') AS n_failed,
               sum(files_processed)::BIGINT AS files_processed, sum(n_articles)::BIGINT AS n_articles,
               sum(n_embeds)::BIGINT AS n_embeds, sum(n_rejects)::BIGINT AS n_rejects,
               round(sum(duration_s), 3) AS seconds,
               round(max(TRY_CAST(stage_seconds->>'publish_duckdb' AS DOUBLE)), 3) AS max_publish_seconds
        FROM runs GROUP BY ALL
        """,
    ),
    View(
        "undated_articles",
        "quality",
        "Articles without a publication date, with why (the date reject when the date was invalid or in the "
        "future, else 'no date header') and the start of the body.",
        """
        SELECT a.article_id, a.source_file, a.record_no, a.site, a.url, a.n_words,
               coalesce(r.reason, 'no date header') AS why, left(a.body, 80) AS excerpt
        FROM articles AS a
        LEFT JOIN (SELECT source_file, record_no, min(reason) AS reason FROM rejects
                   WHERE reason IN ('invalid_date', 'future_date') GROUP BY ALL) AS r
               USING (source_file, record_no)
        WHERE a.published_date IS NULL
        """,
    ),
    View(
        "social_media_without_embeds",
        "quality",
        "Articles that credit 'Social Media' in their attribution but hold no embed: posts quoted in prose, "
        "or embeds the parser missed.",
        """
        SELECT article_id, published_date, coalesce(site, '(dump)') AS site, source_file, record_no, attribution,
               left(body, 80) AS excerpt
        FROM articles
        WHERE n_embeds = 0 AND list_contains(list_transform(attribution, x -> lower(x)), 'social media')
        """,
    ),
)

MACROS: tuple[Macro, ...] = (
    Macro(
        "kwic",
        "text",
        "word, width := 40",
        "Keyword in context: sentences containing `word` as a whole word (case-insensitive), with up to `width` "
        "characters either side of its first occurrence.",
        r"""
        SELECT s.article_id, s.sentence_no, a.published_date,
               right(regexp_extract(s.text, s.pattern, 1), width) AS left_context,
               regexp_extract(s.text, s.pattern, 2) AS keyword,
               left(regexp_extract(s.text, s.pattern, 3), width) AS right_context
        FROM (SELECT article_id, sentence_no, text, '(?is)^(.*?)\b(' || regexp_escape(word) || ')\b(.*)$' AS pattern
              FROM sentences
              WHERE regexp_matches(text, '(?i)\b' || regexp_escape(word) || '\b')) AS s
        JOIN articles AS a USING (article_id)
        ORDER BY a.published_date NULLS LAST, s.article_id, s.sentence_no
        """,
    ),
    Macro(
        "sentences_mentioning",
        "text",
        "who",
        "Sentences that write @who (with or without the '@' in the argument; case-insensitive), "
        "with the article's date and site.",
        """
        SELECT m.article_id, m.sentence_no, a.published_date, coalesce(a.site, '(dump)') AS site, m.handle, m.text
        FROM handle_mentions AS m JOIN articles AS a USING (article_id)
        WHERE lower(m.handle) = lower(ltrim(who, '@'))
        """,
    ),
)


# What each view column means, unless the view says otherwise (View.column_comments).
COLUMN_COMMENTS: dict[str, str] = {
    "article_id": "Article (articles.article_id).",
    "attribution": "Sources listed in the article's closing line.",
    "author_name": "Display name in the post's signature.",
    "day": "Day (DATE).",
    "dup_cluster_id": "article_id of the cluster's canonical article (article_duplicates).",
    "cluster_size": "Articles in the cluster.",
    "sites": "Sites of the cluster's articles ('(dump)' for text dumps).",
    "max_jaccard": "Highest Jaccard similarity of word 5-grams between two articles of the cluster.",
    "embed_id": "Embed (social_embeds.embed_id).",
    "excerpt": "First 80 characters of the article body.",
    "files_processed": "Raw files read.",
    "first_day": "Earliest publication day.",
    "first_lag_days": "Days from the post's date to the first article that embedded it.",
    "first_seen": "Earliest publication day of an article that embedded it.",
    "handle": "Account handle without '@'.",
    "kind": "'post' (flattened embedded post), 'fragment' (a post's text and picture link with no signature)"
    " or 'link' (bare link to a post).",
    "lag_days": "published_date - posted_date, in days (negative for a month-only article date).",
    "last_day": "Latest publication day.",
    "last_seen": "Latest publication day of an article that embedded it.",
    "max_publish_seconds": "Longest publish_duckdb stage of those runs, in seconds.",
    "month": "First day of the month.",
    "n_articles": "Number of distinct articles.",
    "n_embeds": "Number of embeds.",
    "n_failed": "Runs that failed.",
    "n_files": "Distinct raw files.",
    "n_links": "Embeds of kind 'link'.",
    "n_posts": "Embeds of kind 'post'.",
    "n_rejects": "Reject rows.",
    "n_runs": "Ingest runs.",
    "n_sentences": "Number of sentences.",
    "n_sites": "Distinct sites ('(dump)' counts as one).",
    "n_words": "Words in the article bodies.",
    "platform": "twitter, instagram, facebook, tiktok, youtube, telegram or other.",
    "post_key": "Same post = same key: md5 of platform, lowercased handle (or author) and normalised text.",
    "posted_date": "Date in the post's signature.",
    "published_date": "Publication date of the article.",
    "reason": "Reject reason code.",
    "record_no": "0-based position inside the source file.",
    "seconds": "Wall-clock seconds of those runs, summed.",
    "sentence_no": "0-based sentence number in the article.",
    "site": "Site of the article ('(dump)' for text dumps without one).",
    "source": "One name from articles.attribution.",
    "source_file": "Raw dump file, relative to raw_dir.",
    "text": "Text (sentence or post).",
    "url": "Article URL, when known.",
    "week": "Monday of the ISO week.",
    "why": "Why the date is missing: invalid_date, future_date or 'no date header'.",
}


def quote_literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def create_views(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Create (or replace) every view and table macro, with its comment; returns their names."""
    for view in VIEWS:
        con.execute(f'CREATE OR REPLACE VIEW "{view.name}" AS {view.sql.strip()}')
        con.execute(f'COMMENT ON VIEW "{view.name}" IS {quote_literal(view.comment)}')
        columns = [d[0] for d in con.execute(f'SELECT * FROM "{view.name}" LIMIT 0').description]
        for column in columns:
            comment = view.column_comments.get(column) or COLUMN_COMMENTS[column]
            con.execute(f'COMMENT ON COLUMN "{view.name}"."{column}" IS {quote_literal(comment)}')
    for macro in MACROS:
        con.execute(f'CREATE OR REPLACE MACRO "{macro.name}"({macro.parameters}) AS TABLE {macro.sql.strip()}')
        con.execute(f'COMMENT ON MACRO TABLE "{macro.name}" IS {quote_literal(macro.comment)}')
    return [v.name for v in VIEWS] + [m.name for m in MACROS]
