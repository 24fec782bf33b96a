"""The `newsflow report` page and the headline figures, read from the warehouse's views.

One self-contained HTML file: Plotly charts with plotly.js inlined once (include_plotlyjs
semantics, ~4.8 MB), no external asset, so the page opens from a mail attachment or an
air-gapped share. The data come from the views of newsflow/views.py, filtered to a window of
publication days (since/until, inclusive); undated articles are left out of the charts and
counted in the headlines.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb

TOP_HANDLES = 15
TOP_POSTS = 15


@dataclass(frozen=True)
class Window:
    since: date | None = None
    until: date | None = None

    def where(self, column: str) -> tuple[str, list[date]]:
        """SQL condition on a DATE column, and its parameters."""
        clauses, params = [], []
        if self.since:
            clauses.append(f"{column} >= ?")
            params.append(self.since)
        if self.until:
            clauses.append(f"{column} <= ?")
            params.append(self.until)
        return (" AND ".join(clauses) or "TRUE"), params

    def label(self) -> str:
        if not self.since and not self.until:
            return "all dates"
        return f"{self.since or '…'} – {self.until or '…'}"


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cursor = con.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def headline_figures(con: duckdb.DuckDBPyConnection, window: Window = Window()) -> dict[str, Any]:
    """Counts for the top of the report and the Prefect artifact."""
    where, params = window.where("published_date")
    articles = con.execute(
        f"SELECT count(*), coalesce(sum(n_sentences), 0), coalesce(sum(n_embeds), 0), count(DISTINCT site), "
        f"min(published_date), max(published_date) FROM articles WHERE published_date IS NOT NULL AND {where}",
        params,
    ).fetchone()
    assert articles is not None
    handles = con.execute(
        "SELECT count(DISTINCT (platform, lower(handle))) FROM social_embeds JOIN articles USING (article_id) "
        f"WHERE handle IS NOT NULL AND {where}",
        params,
    ).fetchone()
    shared = con.execute(
        f"SELECT count(*) FROM (SELECT post_key FROM embed_lag WHERE {where} "
        "GROUP BY post_key HAVING count(DISTINCT article_id) > 1)",
        params,
    ).fetchone()
    undated = con.execute("SELECT count(*) FROM undated_articles").fetchone()
    rejects = con.execute("SELECT count(*) FROM rejects").fetchone()
    last_run = con.execute("SELECT run_id, status, finished_at FROM runs ORDER BY started_at DESC LIMIT 1").fetchone()
    return {
        "window": window.label(),
        "articles": int(articles[0]),
        "sentences": int(articles[1]),
        "embeds": int(articles[2]),
        "sites": int(articles[3]),
        "first_day": articles[4],
        "last_day": articles[5],
        "handles": int(handles[0]) if handles else 0,
        "posts_embedded_more_than_once": int(shared[0]) if shared else 0,
        "undated_articles": int(undated[0]) if undated else 0,
        "rejects_all_time": int(rejects[0]) if rejects else 0,
        "last_run": f"{last_run[0]} ({last_run[1]}, {last_run[2]:%Y-%m-%d %H:%M} UTC)" if last_run else "none",
    }


HEADLINE_LABELS = {
    "window": "window (publication dates)",
    "articles": "articles (dated)",
    "sentences": "sentences",
    "embeds": "social embeds",
    "sites": "sites",
    "first_day": "first day",
    "last_day": "last day",
    "handles": "distinct embedded handles",
    "posts_embedded_more_than_once": "posts embedded by 2+ articles",
    "undated_articles": "undated articles (all time)",
    "rejects_all_time": "rejects (all time)",
    "last_run": "last run",
}


def headlines_markdown(figures: dict[str, Any]) -> str:
    """The headline figures as a markdown table (the newsflow-headlines Prefect artifact)."""
    lines = ["# newsflow headlines", "", "| figure | value |", "|---|---|"]
    lines += [f"| {HEADLINE_LABELS[key]} | {value if value is not None else '—'} |" for key, value in figures.items()]
    return "\n".join(lines)


def report_data(con: duckdb.DuckDBPyConnection, window: Window = Window()) -> dict[str, list[dict[str, Any]]]:
    """The rows behind each chart, from the views."""
    day_where, day_params = window.where("day")
    return {
        "articles_per_day": _rows(
            con,
            f"SELECT day, sum(n_articles)::BIGINT AS n_articles FROM articles_per_day "
            f"WHERE day IS NOT NULL AND {day_where} GROUP BY day ORDER BY day",
            day_params,
        ),
        "embeds_per_day": _rows(
            con,
            f"SELECT day, platform, sum(n_embeds)::BIGINT AS n_embeds FROM embeds_per_day "
            f"WHERE day IS NOT NULL AND {day_where} GROUP BY ALL ORDER BY day, platform",
            day_params,
        ),
        "top_handles": _rows(
            con,
            "SELECT platform, min(handle) AS handle, count(*) AS n_embeds, count(DISTINCT article_id) AS n_articles "
            f"FROM social_embeds JOIN articles USING (article_id) "
            f"WHERE handle IS NOT NULL AND {window.where('published_date')[0]} "
            "GROUP BY platform, lower(handle) ORDER BY n_embeds DESC, n_articles DESC, handle LIMIT ?",
            [*window.where("published_date")[1], TOP_HANDLES],
        ),
        "post_spread": _rows(
            con,
            "SELECT platform, min(handle) AS handle, any_value(text ORDER BY published_date NULLS LAST, embed_id) "
            "AS text, count(DISTINCT article_id) AS n_articles, count(DISTINCT site) AS n_sites, "
            "min(published_date) AS first_seen, max(published_date) AS last_seen "
            f"FROM embed_lag WHERE {window.where('published_date')[0]} GROUP BY post_key, platform "
            "ORDER BY n_articles DESC, n_sites DESC, first_seen, handle LIMIT ?",
            [*window.where("published_date")[1], TOP_POSTS],
        ),
        "rejects_per_day": _rows(
            con,
            f"SELECT day, reason, n_rejects FROM rejects_per_day WHERE {day_where} ORDER BY day, reason",
            day_params,
        ),
    }


def _figures(data: dict[str, list[dict[str, Any]]]) -> list[tuple[str, str, Any]]:
    """(element id, title, plotly figure) for each chart."""
    import plotly.graph_objects as go

    layout = {"template": "plotly_white", "height": 360, "margin": {"l": 60, "r": 20, "t": 50, "b": 60}}
    charts: list[tuple[str, str, Any]] = []

    per_day = data["articles_per_day"]
    fig = go.Figure(go.Bar(x=[r["day"] for r in per_day], y=[r["n_articles"] for r in per_day], name="articles"))
    fig.update_layout(title="Articles per day", yaxis_title="articles", **layout)
    charts.append(("chart-articles-per-day", "Articles per day", fig))

    fig = go.Figure()
    for platform in sorted({r["platform"] for r in data["embeds_per_day"]}):
        rows = [r for r in data["embeds_per_day"] if r["platform"] == platform]
        fig.add_trace(go.Bar(x=[r["day"] for r in rows], y=[r["n_embeds"] for r in rows], name=platform))
    fig.update_layout(title="Embeds per platform over time", barmode="stack", yaxis_title="embeds", **layout)
    charts.append(("chart-embeds-per-platform", "Embeds per platform over time", fig))

    handles = list(reversed(data["top_handles"]))
    fig = go.Figure(
        go.Bar(
            x=[r["n_embeds"] for r in handles],
            y=[f"{r['handle']} ({r['platform']})" for r in handles],
            orientation="h",
            customdata=[r["n_articles"] for r in handles],
            hovertemplate="%{y}: %{x} embeds in %{customdata} articles<extra></extra>",
        )
    )
    fig.update_layout(title=f"Top {TOP_HANDLES} embedded handles", xaxis_title="embeds", **layout)
    charts.append(("chart-top-handles", "Top handles", fig))

    posts = list(reversed(data["post_spread"]))
    labels = [f"{r['handle'] or '?'}: {(r['text'] or '')[:40]}…" for r in posts]
    fig = go.Figure(
        [
            go.Bar(x=[r["n_articles"] for r in posts], y=labels, orientation="h", name="articles"),
            go.Bar(x=[r["n_sites"] for r in posts], y=labels, orientation="h", name="sites"),
        ]
    )
    fig.update_layout(title="Spread of the most-embedded posts", barmode="group", xaxis_title="count", **layout)
    charts.append(("chart-post-spread", "Spread of the most-embedded posts", fig))

    fig = go.Figure()
    for reason in sorted({r["reason"] for r in data["rejects_per_day"]}):
        rows = [r for r in data["rejects_per_day"] if r["reason"] == reason]
        fig.add_trace(go.Bar(x=[r["day"] for r in rows], y=[r["n_rejects"] for r in rows], name=reason))
    fig.update_layout(title="Rejects per day of ingestion, by reason", barmode="stack", yaxis_title="rejects", **layout)
    fig.update_xaxes(type="category")  # few days: one labelled bar each, not a time axis in hours
    charts.append(("chart-rejects", "Rejects by reason", fig))
    return charts


PAGE_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 1100px; color: #222; }
h1 { margin-bottom: 0.2rem; } .muted { color: #666; }
table.headlines { border-collapse: collapse; margin: 1rem 0 2rem; }
table.headlines td { padding: 0.25rem 1rem; border-bottom: 1px solid #eee; }
table.headlines td.value { font-weight: 600; text-align: right; }
.chart { margin-bottom: 1.5rem; }
"""


def render_report(con: duckdb.DuckDBPyConnection, window: Window = Window(), db_label: str = "") -> str:
    """The whole HTML page."""
    import plotly.offline

    figures = headline_figures(con, window)
    rows = "".join(
        f"<tr><td>{html.escape(HEADLINE_LABELS[k])}</td><td class='value'>{html.escape(str(v))}</td></tr>"
        for k, v in figures.items()
    )
    charts = "".join(
        f"<section class='chart' aria-label='{html.escape(title)}'>"
        + fig.to_html(full_html=False, include_plotlyjs=False, div_id=element_id, config={"displaylogo": False})
        + "</section>"
        for element_id, title, fig in _figures(report_data(con, window))
    )
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>newsflow report</title>"
        f"<style>{PAGE_STYLE}</style>"
        f"<script type='text/javascript'>{plotly.offline.get_plotlyjs()}</script></head><body>"
        f"<h1>newsflow report</h1><p class='muted'>{html.escape(window.label())} · {html.escape(db_label)} · "
        f"generated {generated}</p>"
        f"<table class='headlines'>{rows}</table>{charts}</body></html>"
    )


def write_report(db_path: Path, out_path: Path, window: Window = Window()) -> dict[str, Any]:
    """Render the report of the database at db_path (opened read-only) into out_path; returns the headlines."""
    with duckdb.connect(str(db_path), read_only=True) as con:
        page = render_report(con, window, db_label=db_path.name)
        figures = headline_figures(con, window)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_path.with_name(f".{out_path.name}.tmp")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(out_path)
    return figures
