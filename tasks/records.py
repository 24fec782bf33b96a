"""Split decoded dump text into article records (one row per article).

Text dumps: each article starts at a `date YYYY-MM-DD` (or `date YYYY-MM`) header at the
start of the file or of a line, possibly after whitespace; text before the first header,
or a file with no header at all, is an article of unknown date.
JSON Lines: one object per line with `text` and optionally `url`, `date`, `title`, `source`;
the header may also sit inside `text`.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta

import polars as pl

from tasks.read import Problem

# `date` + space + ISO date; what follows on the same line is the article's first line.
HEADER_RE = re.compile(r"(?m)^[ \t\ufeff\u00a0]*date[ \t]+(\d{4}-\d{2}(?:-\d{2})?)(?![\d-])[ \t]*")

RECORD_SCHEMA = {
    "record_no": pl.Int32,
    "date_raw": pl.String,
    "url": pl.String,
    "title": pl.String,
    "source": pl.String,
    "raw_text": pl.String,
}

JSON_FIELDS = ("text", "url", "date", "title", "source")


def split_text_dump(text: str) -> pl.DataFrame:
    """One row per article of a plain-text dump, in file order."""
    headers = list(HEADER_RE.finditer(text))
    dates: list[str | None] = []
    bodies: list[str] = []
    preamble = text[: headers[0].start()] if headers else text
    if preamble.strip():
        dates.append(None)
        bodies.append(preamble)
    for i, match in enumerate(headers):
        end = headers[i + 1].start() if i + 1 < len(headers) else len(text)
        dates.append(match.group(1))
        bodies.append(text[match.end() : end])
    n = len(bodies)
    return pl.DataFrame(
        {
            "record_no": pl.int_range(n, eager=True, dtype=pl.Int32),
            "date_raw": dates,
            "url": [None] * n,
            "title": [None] * n,
            "source": [None] * n,
            "raw_text": bodies,
        },
        schema=RECORD_SCHEMA,
    )


def split_jsonl(text: str) -> tuple[pl.DataFrame, list[Problem]]:
    """One row per JSON line with usable text; bad lines become problems, the rest still lands."""
    problems: list[Problem] = []
    lines = text.split("\n")
    rows: dict[str, list[object]] = {k: [] for k in ("record_no", *JSON_FIELDS)}
    for line_no, line in enumerate(lines):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(Problem("invalid_json", f"line {line_no + 1}, column {exc.colno}: {exc.msg}", line_no))
            continue
        if not isinstance(obj, dict):
            problems.append(Problem("invalid_json", f"line {line_no + 1}: not a JSON object", line_no))
            continue
        body = obj.get("text")
        if not isinstance(body, str) or not body.strip():
            problems.append(Problem("missing_text", f"line {line_no + 1}: no non-empty string `text` field", line_no))
            continue
        rows["record_no"].append(line_no)
        for key in JSON_FIELDS:
            value = obj.get(key)
            rows[key].append(None if value is None else str(value))
    frame = pl.DataFrame(rows, schema={"record_no": pl.Int32, **{k: pl.String for k in JSON_FIELDS}})
    # A `date` header inside `text` is used when the object has no `date` field, and is
    # removed from the text either way.
    in_text_header = r"^[ \t\ufeff\u00a0]*date[ \t]+(\d{4}-\d{2}(?:-\d{2})?)(?:[ \t]+|\n|$)"
    frame = frame.with_columns(
        date_raw=pl.coalesce(pl.col("date").str.slice(0, 10), pl.col("text").str.extract(in_text_header, 1)),
        raw_text=pl.col("text").str.replace(in_text_header, ""),
    )
    return frame.select(list(RECORD_SCHEMA)), problems


def parse_record_dates(records: pl.DataFrame, today: date) -> tuple[pl.DataFrame, list[Problem]]:
    """Add `published_date` and `date_precision`; impossible or far-future dates become NULL and a problem."""
    day = pl.col("date_raw").str.strptime(pl.Date, "%Y-%m-%d", strict=False)
    month = (pl.col("date_raw") + "-01").str.strptime(pl.Date, "%Y-%m-%d", strict=False)
    is_month = pl.col("date_raw").str.contains(r"^\d{4}-\d{2}$")
    latest = today + timedelta(days=2)
    parsed = records.with_columns(
        parsed=pl.when(is_month).then(month).otherwise(day),
    ).with_columns(
        valid=pl.col("parsed").is_not_null() & (pl.col("parsed") <= latest) & (pl.col("parsed").dt.year() >= 1900),
    )
    bad = parsed.filter(pl.col("date_raw").is_not_null() & ~pl.col("valid"))
    problems = [
        Problem(
            "future_date" if parsed_date is not None else "invalid_date",
            f"date header {raw!r} is {'in the future' if parsed_date is not None else 'not a calendar date'};"
            " article kept with published_date NULL",
            record_no,
        )
        for record_no, raw, parsed_date in bad.select("record_no", "date_raw", "parsed").iter_rows()
    ]
    out = parsed.with_columns(
        published_date=pl.when(pl.col("valid")).then(pl.col("parsed")),
        date_precision=pl.when(pl.col("valid")).then(pl.when(is_month).then(pl.lit("month")).otherwise(pl.lit("day"))),
    ).drop("parsed", "valid")
    return out, problems
