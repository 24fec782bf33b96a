"""`newsflow report`: one self-contained HTML page drawn from the views, checked in headless Chromium."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from newsflow.cli import app
from newsflow.report import Window, headline_figures, headlines_markdown, report_data
from tests.browser import check_page, chromium_paths
from tests.conftest import SAMPLE_RAW_DIR
from tests.sample_warehouse import build_sample_warehouse

EXTRA_DUMP = Path(__file__).parent / "data" / "analytics_extra.txt"
CHART_IDS = {
    "chart-articles-per-day",
    "chart-embeds-per-platform",
    "chart-top-handles",
    "chart-post-spread",
    "chart-rejects",
}


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("report")
    shutil.copytree(SAMPLE_RAW_DIR, base / "raw")
    shutil.copy(EXTRA_DUMP, base / "raw" / "misc" / EXTRA_DUMP.name)
    return build_sample_warehouse(base / "raw", base / "out", base / "newsflow.duckdb")


@pytest.fixture(scope="module")
def report_html(sample_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report_out") / "report.html"
    result = CliRunner().invoke(app, ["report", "--db", str(sample_db), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"wrote {out}")
    assert "14 articles, 18 embeds, all dates" in result.output  # the undated article is not in the dated count
    return out


def test_headlines_and_window(sample_db: Path) -> None:
    with duckdb.connect(str(sample_db), read_only=True) as con:
        everything = headline_figures(con)
        april = headline_figures(con, Window(date(2022, 4, 1), date(2022, 4, 30)))
        data = report_data(con, Window(date(2022, 4, 1), date(2022, 4, 30)))
    assert {k: everything[k] for k in ("articles", "sentences", "embeds", "handles", "undated_articles")} == {
        "articles": 14,
        "sentences": 67,
        "embeds": 18,
        "handles": 14,
        "undated_articles": 1,
    }
    assert everything["posts_embedded_more_than_once"] == 1
    assert (april["articles"], april["embeds"], april["first_day"], april["last_day"]) == (
        6,
        9,
        date(2022, 4, 19),
        date(2022, 4, 25),
    )
    assert [r["n_articles"] for r in data["articles_per_day"]] == [1, 1, 1, 1, 1, 1]
    assert data["post_spread"][0]["handle"] == "InesCarvalhoPA"
    assert data["post_spread"][0]["n_articles"] == 2
    markdown = headlines_markdown(april)
    assert "| articles (dated) | 6 |" in markdown


def test_the_page_is_self_contained(report_html: Path) -> None:
    page = report_html.read_text()
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=", page)  # no external asset
    assert page.count("Plotly.newPlot(") == len(CHART_IDS)
    assert all(f'id="{chart}"' in page for chart in CHART_IDS)


def test_report_refuses_a_missing_database(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["report", "--db", str(tmp_path / "nope.duckdb"), "--out", str(tmp_path / "r")])
    assert result.exit_code == 2


@pytest.mark.skipif(
    chromium_paths() is None,
    reason="headless Chromium not installed (apt-get install chromium chromium-driver; .ci/run does it as root)",
)
def test_the_page_renders_in_headless_chromium(report_html: Path, tmp_path: Path) -> None:
    screenshot = tmp_path / "report.png"
    check = check_page(report_html, screenshot)
    assert check.title == "newsflow report"
    assert set(check.charts) == CHART_IDS
    assert all(n_svg > 0 for n_svg in check.charts.values()), check.charts
    assert check.errors == []
    assert screenshot.stat().st_size > 10_000
