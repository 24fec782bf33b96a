"""Every view and table macro of the published warehouse, on the bundled sample dumps, with exact rows."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pytest

from newsflow.views import MACROS, VIEWS
from tests.conftest import SAMPLE_RAW_DIR
from tests.sample_warehouse import build_sample_warehouse

EXTRA_DUMP = Path(__file__).parent / "data" / "analytics_extra.txt"

EXPECTED: dict[str, tuple[str, list[tuple[Any, ...]]]] = {
    # The sample has no near-duplicate (tests/test_near_duplicates.py adds one).
    "duplicate_clusters": ("SELECT * FROM duplicate_clusters", []),
    "articles_per_day": (
        "SELECT * FROM articles_per_day ORDER BY ALL",
        [
            (date(2021, 11, 30), "(dump)", 1, 5, 63, 0),
            (date(2022, 4, 19), "(dump)", 1, 7, 128, 1),
            (date(2022, 4, 21), "(dump)", 1, 5, 82, 2),
            (date(2022, 4, 22), "(dump)", 1, 5, 61, 2),
            (date(2022, 4, 25), "(dump)", 1, 7, 104, 3),
            (date(2022, 5, 3), "(dump)", 1, 2, 12, 0),
            (date(2022, 6, 1), "(dump)", 1, 4, 58, 1),
            (date(2022, 6, 14), "(dump)", 1, 7, 80, 1),
            (date(2023, 1, 9), "northbaynews.example", 1, 5, 73, 1),
            (date(2023, 1, 12), "coastlinepost.example", 1, 5, 61, 3),
            (date(2023, 2, 3), "techdesk.example", 1, 5, 60, 2),
            (date(2023, 2, 7), "techdesk.example", 1, 5, 63, 1),
            (None, "(dump)", 1, 5, 64, 0),
        ],
    ),
    "articles_per_week": (
        "SELECT * FROM articles_per_week ORDER BY ALL",
        [
            (date(2021, 11, 29), "(dump)", 1, 5, 0),
            (date(2022, 4, 18), "(dump)", 3, 17, 5),
            (date(2022, 4, 25), "(dump)", 1, 7, 3),
            (date(2022, 5, 2), "(dump)", 1, 2, 0),
            (date(2022, 5, 30), "(dump)", 1, 4, 1),
            (date(2022, 6, 13), "(dump)", 1, 7, 1),
            (date(2023, 1, 9), "coastlinepost.example", 1, 5, 3),
            (date(2023, 1, 9), "northbaynews.example", 1, 5, 1),
            (date(2023, 1, 30), "techdesk.example", 1, 5, 2),
            (date(2023, 2, 6), "techdesk.example", 1, 5, 1),
            (None, "(dump)", 1, 5, 0),
        ],
    ),
    "articles_per_source": (
        "SELECT * FROM articles_per_source ORDER BY ALL",
        [
            ("Market Courier", 1, 5, date(2021, 11, 30), date(2021, 11, 30)),
            ("Marl Gazette", 1, 7, date(2022, 6, 14), date(2022, 6, 14)),
            ("NBN", 1, 5, date(2023, 1, 9), date(2023, 1, 9)),
            ("PAX", 1, 7, date(2022, 4, 19), date(2022, 4, 19)),
            ("RNA", 1, 7, date(2022, 6, 14), date(2022, 6, 14)),
            ("Social Media", 3, 17, date(2022, 4, 19), date(2023, 1, 9)),
            ("Velde Herald", 1, 5, date(2022, 4, 21), date(2022, 4, 21)),
        ],
    ),
    "embeds_per_day": (
        "SELECT * FROM embeds_per_day ORDER BY ALL",
        [
            (date(2022, 4, 19), "twitter", "post", 1, 1),
            (date(2022, 4, 21), "tiktok", "post", 1, 1),
            (date(2022, 4, 21), "twitter", "post", 1, 1),
            (date(2022, 4, 22), "facebook", "post", 1, 1),
            (date(2022, 4, 22), "youtube", "link", 1, 1),
            (date(2022, 4, 25), "telegram", "link", 1, 1),
            (date(2022, 4, 25), "twitter", "link", 1, 1),
            (date(2022, 4, 25), "twitter", "post", 1, 1),
            (date(2022, 6, 1), "instagram", "post", 1, 1),
            (date(2022, 6, 14), "twitter", "post", 1, 1),
            (date(2023, 1, 9), "twitter", "post", 1, 1),
            (date(2023, 1, 12), "telegram", "link", 1, 1),
            (date(2023, 1, 12), "twitter", "post", 1, 1),
            (date(2023, 1, 12), "youtube", "link", 1, 1),
            (date(2023, 2, 3), "facebook", "link", 1, 1),
            (date(2023, 2, 3), "twitter", "post", 1, 1),
            (date(2023, 2, 7), "tiktok", "post", 1, 1),
        ],
    ),
    "embeds_per_handle_month": (
        "SELECT * FROM embeds_per_handle_month ORDER BY ALL",
        [
            (date(2022, 4, 1), "telegram", "lakestour", 1, 1),
            (date(2022, 4, 1), "tiktok", "veldefarmlife", 1, 1),
            (date(2022, 4, 1), "twitter", "InesCarvalhoPA", 1, 1),
            (date(2022, 4, 1), "twitter", "LakesTour", 1, 1),
            (date(2022, 4, 1), "twitter", "RidersOfficial", 1, 1),
            (date(2022, 4, 1), "twitter", "marta_quell", 1, 1),
            (date(2022, 6, 1), "instagram", "oakhurst.fest", 1, 1),
            (date(2022, 6, 1), "twitter", "RoadsNorth", 1, 1),
            (date(2023, 1, 1), "telegram", "coastalerts", 1, 1),
            (date(2023, 1, 1), "twitter", "AMensahFin", 1, 1),
            (date(2023, 1, 1), "twitter", "CoastlinePost", 1, 1),
            (date(2023, 2, 1), "facebook", "LumenDevices", 1, 1),
            (date(2023, 2, 1), "tiktok", "shortclipsapp", 1, 1),
            (date(2023, 2, 1), "twitter", "GovElenaRuiz", 1, 1),
        ],
    ),
    "top_handles": (
        "SELECT * FROM top_handles ORDER BY ALL",
        [
            ("facebook", "LumenDevices", None, 1, 0, 1, 1, 1, date(2023, 2, 3), date(2023, 2, 3)),
            (
                "instagram",
                "oakhurst.fest",
                "Oakhurst Theatre Festival",
                1,
                1,
                0,
                1,
                1,
                date(2022, 6, 1),
                date(2022, 6, 1),
            ),
            ("telegram", "coastalerts", None, 1, 0, 1, 1, 1, date(2023, 1, 12), date(2023, 1, 12)),
            ("telegram", "lakestour", None, 1, 0, 1, 1, 1, date(2022, 4, 25), date(2022, 4, 25)),
            ("tiktok", "shortclipsapp", None, 1, 1, 0, 1, 1, date(2023, 2, 7), date(2023, 2, 7)),
            ("tiktok", "veldefarmlife", None, 1, 1, 0, 1, 1, date(2022, 4, 21), date(2022, 4, 21)),
            ("twitter", "AMensahFin", "Adaeze Mensah", 1, 1, 0, 1, 1, date(2023, 1, 9), date(2023, 1, 9)),
            ("twitter", "CoastlinePost", "Coastline Post", 1, 1, 0, 1, 1, date(2023, 1, 12), date(2023, 1, 12)),
            ("twitter", "GovElenaRuiz", "Gov. Elena Ruiz", 1, 1, 0, 1, 1, date(2023, 2, 3), date(2023, 2, 3)),
            ("twitter", "InesCarvalhoPA", "Ines Carvalho", 1, 1, 0, 1, 1, date(2022, 4, 19), date(2022, 4, 19)),
            ("twitter", "LakesTour", None, 1, 0, 1, 1, 1, date(2022, 4, 25), date(2022, 4, 25)),
            ("twitter", "RidersOfficial", "Riders (Official)", 1, 1, 0, 1, 1, date(2022, 4, 25), date(2022, 4, 25)),
            ("twitter", "RoadsNorth", "Roads Agency North", 1, 1, 0, 1, 1, date(2022, 6, 14), date(2022, 6, 14)),
            ("twitter", "marta_quell", "Marta Quell 🚜", 1, 1, 0, 1, 1, date(2022, 4, 21), date(2022, 4, 21)),
        ],
    ),
    "embed_lag": (
        "SELECT platform, handle, author_name, posted_date, published_date, lag_days, site FROM embed_lag ORDER BY ALL",
        [
            ("facebook", None, "Saint-Roch Coast Guard", date(2022, 4, 22), date(2022, 4, 22), 0, "(dump)"),
            (
                "instagram",
                "oakhurst.fest",
                "Oakhurst Theatre Festival",
                date(2022, 6, 2),
                date(2022, 6, 1),
                -1,
                "(dump)",
            ),
            ("tiktok", "shortclipsapp", None, None, date(2023, 2, 7), None, "techdesk.example"),
            ("tiktok", "veldefarmlife", None, None, date(2022, 4, 21), None, "(dump)"),
            ("twitter", "AMensahFin", "Adaeze Mensah", date(2023, 1, 9), date(2023, 1, 9), 0, "northbaynews.example"),
            (
                "twitter",
                "CoastlinePost",
                "Coastline Post",
                date(2023, 1, 12),
                date(2023, 1, 12),
                0,
                "coastlinepost.example",
            ),
            ("twitter", "GovElenaRuiz", "Gov. Elena Ruiz", date(2023, 2, 3), date(2023, 2, 3), 0, "techdesk.example"),
            ("twitter", "InesCarvalhoPA", "Ines Carvalho", date(2022, 4, 19), date(2022, 4, 19), 0, "(dump)"),
            ("twitter", "RidersOfficial", "Riders (Official)", date(2022, 4, 24), date(2022, 4, 25), 1, "(dump)"),
            ("twitter", "RoadsNorth", "Roads Agency North", date(2022, 6, 14), date(2022, 6, 14), 0, "(dump)"),
            ("twitter", "marta_quell", "Marta Quell 🚜", date(2022, 4, 20), date(2022, 4, 21), 1, "(dump)"),
        ],
    ),
    "post_spread": (
        "SELECT platform, handle, posted_date, n_embeds, n_articles, n_sites, first_seen, last_seen, first_lag_days FROM post_spread ORDER BY ALL",
        [
            ("facebook", None, date(2022, 4, 22), 1, 1, 1, date(2022, 4, 22), date(2022, 4, 22), 0),
            ("instagram", "oakhurst.fest", date(2022, 6, 2), 1, 1, 1, date(2022, 6, 1), date(2022, 6, 1), -1),
            ("tiktok", "shortclipsapp", None, 1, 1, 1, date(2023, 2, 7), date(2023, 2, 7), None),
            ("tiktok", "veldefarmlife", None, 1, 1, 1, date(2022, 4, 21), date(2022, 4, 21), None),
            ("twitter", "AMensahFin", date(2023, 1, 9), 1, 1, 1, date(2023, 1, 9), date(2023, 1, 9), 0),
            ("twitter", "CoastlinePost", date(2023, 1, 12), 1, 1, 1, date(2023, 1, 12), date(2023, 1, 12), 0),
            ("twitter", "GovElenaRuiz", date(2023, 2, 3), 1, 1, 1, date(2023, 2, 3), date(2023, 2, 3), 0),
            ("twitter", "InesCarvalhoPA", date(2022, 4, 19), 1, 1, 1, date(2022, 4, 19), date(2022, 4, 19), 0),
            ("twitter", "RidersOfficial", date(2022, 4, 24), 1, 1, 1, date(2022, 4, 25), date(2022, 4, 25), 1),
            ("twitter", "RoadsNorth", date(2022, 6, 14), 1, 1, 1, date(2022, 6, 14), date(2022, 6, 14), 0),
            ("twitter", "marta_quell", date(2022, 4, 20), 1, 1, 1, date(2022, 4, 21), date(2022, 4, 21), 1),
        ],
    ),
    "handle_mentions": (
        "SELECT left(article_id, 8), sentence_no, handle FROM handle_mentions ORDER BY ALL",
        [
            ("75761939", 6, "AlderTransit"),
        ],
    ),
    "rejects_per_day": (
        "SELECT * FROM rejects_per_day ORDER BY ALL",
        [
            (date(2026, 11, 25), "empty_article", 1, 1),
            (date(2026, 11, 25), "empty_file", 1, 1),
            (date(2026, 11, 25), "invalid_json", 1, 1),
            (date(2026, 11, 25), "missing_text", 1, 1),
        ],
    ),
    "runs_per_day": (
        "SELECT * EXCLUDE (seconds, max_publish_seconds) FROM runs_per_day ORDER BY ALL",
        [
            (date(2026, 11, 25), 1, 0, 8, 14, 17, 4),
        ],
    ),
    "undated_articles": (
        "SELECT left(article_id, 8), source_file, record_no, site, url, n_words, why FROM undated_articles ORDER BY ALL",
        [
            ("c37ac0f4", "misc/undated_note.txt", 0, None, None, 64, "no date header"),
        ],
    ),
    "social_media_without_embeds": (
        "SELECT * FROM social_media_without_embeds ORDER BY ALL",
        [],
    ),
    "kwic": (
        "SELECT left(article_id, 8), sentence_no, published_date, left_context, keyword, right_context FROM kwic('bridge', width := 20) ORDER BY ALL",
        [
            ("3e801601", 0, date(2022, 6, 14), " the first time the ", "bridge", " has closed since 19"),
            ("3e801601", 1, date(2022, 6, 14), "The A&B road ", "bridge", " over the river Marl"),
        ],
    ),
    "sentences_mentioning": (
        "SELECT left(article_id, 8), sentence_no, published_date, site, handle FROM sentences_mentioning('aldertransit') ORDER BY ALL",
        [
            ("75761939", 6, date(2022, 4, 19), "(dump)", "AlderTransit"),
        ],
    ),
}


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("views")
    return build_sample_warehouse(SAMPLE_RAW_DIR, base / "out", base / "newsflow.duckdb")


@pytest.fixture(scope="module")
def extra_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample plus one dump that re-embeds a sample tweet and credits 'Social Media' without an embed."""
    base = tmp_path_factory.mktemp("views_extra")
    shutil.copytree(SAMPLE_RAW_DIR, base / "raw")
    shutil.copy(EXTRA_DUMP, base / "raw" / "misc" / EXTRA_DUMP.name)
    return build_sample_warehouse(base / "raw", base / "out", base / "newsflow.duckdb")


def test_every_view_and_macro_is_tested() -> None:
    assert {v.name for v in VIEWS} | {m.name for m in MACROS} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_view_rows_on_the_sample(sample_db: Path, name: str) -> None:
    sql, rows = EXPECTED[name]
    with duckdb.connect(str(sample_db), read_only=True) as con:
        assert con.execute(sql).fetchall() == rows


def test_views_and_macros_carry_comments(sample_db: Path) -> None:
    with duckdb.connect(str(sample_db), read_only=True) as con:
        views = dict(con.execute("SELECT view_name, comment FROM duckdb_views() WHERE NOT internal").fetchall())
        macros = dict(
            con.execute(
                "SELECT function_name, comment FROM duckdb_functions() WHERE function_type = 'table_macro' "
                "AND database_name = 'newsflow'"
            ).fetchall()
        )
    assert {v.name: v.comment for v in VIEWS}.items() <= views.items()
    assert {m.name: m.comment for m in MACROS}.items() <= macros.items()


def test_runs_per_day_times_are_recorded(sample_db: Path) -> None:
    with duckdb.connect(str(sample_db), read_only=True) as con:
        seconds, publish = con.execute("SELECT seconds, max_publish_seconds FROM runs_per_day").fetchone()  # type: ignore[misc]
    assert seconds > 0 and publish > 0


def test_a_post_embedded_twice_and_social_media_without_embeds(extra_db: Path) -> None:
    with duckdb.connect(str(extra_db), read_only=True) as con:
        spread = con.execute(
            "SELECT platform, handle, posted_date, n_embeds, n_articles, n_sites, first_seen, last_seen, first_lag_days "
            "FROM post_spread WHERE n_articles > 1"
        ).fetchall()
        lags = con.execute(
            "SELECT published_date, lag_days FROM embed_lag WHERE handle = 'InesCarvalhoPA' ORDER BY ALL"
        ).fetchall()
        quiet = con.execute(
            "SELECT published_date, site, source_file, record_no, attribution FROM social_media_without_embeds"
        ).fetchall()
    # The second copy has another t.co link and "kept!" for "kept.": the same post once normalised.
    assert spread == [
        ("twitter", "InesCarvalhoPA", date(2022, 4, 19), 2, 2, 1, date(2022, 4, 19), date(2022, 4, 20), 0)
    ]
    assert lags == [(date(2022, 4, 19), 0), (date(2022, 4, 20), 1)]
    assert quiet == [(date(2022, 4, 23), "(dump)", "misc/analytics_extra.txt", 1, ["Lake News", "Social Media"])]


def test_a_patched_database_keeps_the_views(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(SAMPLE_RAW_DIR, raw)
    db = build_sample_warehouse(raw, tmp_path / "out", tmp_path / "newsflow.duckdb")
    shutil.copy(EXTRA_DUMP, raw / "misc" / EXTRA_DUMP.name)
    build_sample_warehouse(raw, tmp_path / "out", db)  # patches: only the new file is read
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM post_spread WHERE n_articles > 1").fetchone() == (1,)
        assert con.execute("SELECT sum(n_articles) FROM articles_per_day").fetchone() == (15,)
