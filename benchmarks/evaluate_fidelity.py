"""Score newsflow's parser on an annotated set of raw pages (real-crawl fidelity, issue 8).

    python benchmarks/evaluate_fidelity.py [--cases DIR] [--annotations FILE] [--json OUT] [--markdown OUT]

Defaults score the in-repo set: benchmarks/fidelity/cases/ and benchmarks/fidelity/annotations.jsonl.
Point --cases/--annotations at another folder (e.g. a private set of real crawled pages kept out of
the repo) to score that instead.

What it does:
  1. copies every case file into a temporary raw folder;
  2. runs the real pipeline end to end: `newsflow ingest --raw-dir RAW --out-dir T/processed --db T/w.duckdb`;
  3. reads `article_sources`, `articles` and `social_embeds` back from the DuckDB file, matched to the
     annotations by source file name;
  4. scores each annotation and prints a table; --json / --markdown write the figures and the misses.

Annotation format (one JSON object per line):
  {"file": "001_x.txt", "record": int (optional), "title": str|null, "title_alt": [str, ...] (optional), "byline": str|null,
   "embeds": [{"platform": "twitter", "handle": "name"|null, "date": "YYYY-MM-DD"|null}, ...],
   "out_of_body": [line, ...], "prose_sample": [line, ...], "shapes": [tag, ...]}
Without "record" an annotation scores its whole file (title and byline of its first article, bodies and posts
of all); with "record" (0-based, as articles_sources.record_no) it scores that one article of a dump file
holding many, which is how a site's pages are scored together (lines repeated across them count).

Scores:
  embeds     precision / recall over posts (social_embeds.kind = 'post'): a found post matches an expected
             one when platform, handle (case-insensitive; NULL matches null) and date (NULL matches null)
             are all equal; each found post matches at most one expected post.
  title      exact match after whitespace normalisation (a missing title must come out NULL or empty);
             rate over all cases and over the cases that have a title; the target needs both.
  byline     same, after also dropping a leading "By"/"Por"/"Par"/"Von"/"Oleh"/"Written by" and a colon.
  furniture  an out_of_body line is leaked when it is, after normalisation (HTML entities decoded, NFC,
             whitespace collapsed), a line of articles.body; copies count (a line the annotation also
             marks as prose elsewhere on the page leaks only when the body holds one copy more).
  prose      a prose_sample line is removed when its normalised text is not inside the normalised body; a
             line that starts with the article's agency dateline (`CITY (AGENCY) --`, kept in
             articles.dateline with or without its closing dash or colon) counts as kept when the
             rest of it is inside the body.
If `articles` has no `title` / `byline` column the figure is 0 and reported as "not extracted".

Targets (issue 8): embeds P >= 0.99 and R >= 0.98; titles >= 95% exact; no furniture in body; < 1% prose removed.
Not part of the default test run; needs nothing beyond the project's own dependencies.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CASES = ROOT / "benchmarks" / "fidelity" / "cases"
DEFAULT_ANNOTATIONS = ROOT / "benchmarks" / "fidelity" / "annotations.jsonl"
NEWSFLOW = [sys.executable, "-m", "newsflow.cli"]

TARGETS = {
    "embeds_precision": 0.99,
    "embeds_recall": 0.98,
    "title_exact": 0.95,
    "furniture_leaked": 0,
    "prose_removed_rate": 0.01,
}
BYLINE_PREFIX = re.compile(r"^(?:written\s+by|by|por|par|von|oleh|di)\s*:?\s+", re.IGNORECASE)

EmbedKey = tuple[str, str | None, str | None]


def norm(text: str | None) -> str:
    """HTML entities decoded, NFC, non-breaking and zero-width spaces folded, whitespace collapsed, stripped."""
    if text is None:
        return ""
    text = unicodedata.normalize("NFC", html.unescape(text)).replace("\u200b", "").replace("\ufeff", "")
    return re.sub(r"\s+", " ", text).strip()


def norm_byline(text: str | None) -> str:
    return BYLINE_PREFIX.sub("", norm(text)).strip(" •|,;-–—")


def embed_key(platform: str | None, handle: str | None, date: str | None) -> EmbedKey:
    return ((platform or "").lower(), handle.lower() if handle else None, date or None)


@dataclass
class Found:
    """What the warehouse holds for one source file."""

    title: str | None = None
    byline: str | None = None
    body: str = ""
    embeds: list[dict[str, Any]] = field(default_factory=list)
    datelines: list[str] = field(default_factory=list)


@dataclass
class CaseResult:
    file: str
    shapes: list[str]
    expected_embeds: int = 0
    found_embeds: int = 0
    matched_embeds: int = 0
    missing_embeds: list[dict[str, Any]] = field(default_factory=list)
    spurious_embeds: list[dict[str, Any]] = field(default_factory=list)
    title_expected: str | None = None
    title_found: str | None = None
    title_ok: bool = False
    byline_expected: str | None = None
    byline_found: str | None = None
    byline_ok: bool = False
    out_of_body: int = 0
    leaked: list[str] = field(default_factory=list)
    prose: int = 0
    removed: list[str] = field(default_factory=list)
    in_warehouse: bool = True

    def has_miss(self) -> bool:
        return bool(
            self.missing_embeds
            or self.spurious_embeds
            or not self.title_ok
            or not self.byline_ok
            or self.leaked
            or self.removed
            or not self.in_warehouse
        )


def load_annotations(path: Path) -> list[dict[str, Any]]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            raise SystemExit(f"{path}:{n}: not JSON: {err}") from err
        if "file" not in row:
            raise SystemExit(f"{path}:{n}: no 'file'")
        rows.append(row)
    return rows


def run_pipeline(cases: Path, work: Path) -> tuple[Path, float]:
    """Copy the cases to work/raw and run `newsflow ingest` on them; returns the DuckDB path and seconds."""
    raw = work / "raw"
    raw.mkdir(parents=True)
    for path in sorted(cases.iterdir()):
        if path.is_file() and not path.name.startswith("."):
            shutil.copy2(path, raw / path.name)
    db = work / "w.duckdb"
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1"}
    for name in ("NEWSFLOW_RAW_DIR", "NEWSFLOW_OUT_DIR", "NEWSFLOW_DB"):
        env.pop(name, None)
    started = time.perf_counter()
    proc = subprocess.run(
        [*NEWSFLOW, "ingest", "--raw-dir", str(raw), "--out-dir", str(work / "processed"), "--db", str(db)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
    )
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"newsflow ingest failed ({proc.returncode}):\n{proc.stderr[-4000:]}")
    return db, seconds


def columns(con: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    rows = con.execute("SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table]).fetchall()
    return {r[0] for r in rows}


FoundKey = str | tuple[str, int]


def read_warehouse(db: Path) -> tuple[dict[FoundKey, Found], dict[str, bool]]:
    """Per source file name and per (name, record_no): title, byline, body and posts; plus which
    structure columns exist."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        art_cols = columns(con, "articles")
        emb_cols = columns(con, "social_embeds")
        has = {"title": "title" in art_cols, "byline": "byline" in art_cols}
        title = "a.title" if has["title"] else "NULL"
        byline = "a.byline" if has["byline"] else "NULL"
        dateline = "a.dateline" if "dateline" in art_cols else "NULL"
        rows = con.execute(
            f"""SELECT s.source_file, s.record_no, a.article_id, {title}, {byline}, a.body, {dateline}
                FROM article_sources s JOIN articles a USING (article_id)
                ORDER BY s.source_file, s.record_no"""
        ).fetchall()
        kind = "WHERE kind = 'post'" if "kind" in emb_cols else ""
        embeds = con.execute(
            f"SELECT article_id, platform, handle, CAST(posted_date AS VARCHAR), author_name FROM social_embeds {kind}"
        ).fetchall()
    finally:
        con.close()
    by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for article_id, platform, handle, date, name in embeds:
        by_article[article_id].append({"platform": platform, "handle": handle, "date": date, "author_name": name})
    found: dict[FoundKey, Found] = {}
    for source_file, record_no, article_id, t, b, body, dateline in rows:
        name = Path(source_file).name
        if name not in found:  # rows come in record order: title and byline from the file's first article
            found[name] = Found(title=t, byline=b)
        found[(name, record_no)] = Found(title=t, byline=b)
        for entry in (found[name], found[(name, record_no)]):
            entry.body = f"{entry.body}\n\n{body}" if entry.body else (body or "")
            entry.embeds.extend(by_article.get(article_id, []))
            if dateline:
                entry.datelines.append(norm(dateline))
    return found, has


def found_for(ann: dict[str, Any], found: dict[FoundKey, Found]) -> Found | None:
    """The file's articles together, or the one record the annotation names."""
    record = ann.get("record")
    return found.get(ann["file"]) if record is None else found.get((ann["file"], int(record)))


def score_case(ann: dict[str, Any], found: Found | None) -> CaseResult:
    name = ann["file"] if ann.get("record") is None else f"{ann['file']}#{ann['record']}"
    res = CaseResult(file=name, shapes=list(ann.get("shapes") or []))
    if found is None:
        res.in_warehouse = False
        found = Found()
    expected = [embed_key(e.get("platform"), e.get("handle"), e.get("date")) for e in ann.get("embeds") or []]
    got = [embed_key(e["platform"], e["handle"], e["date"]) for e in found.embeds]
    res.expected_embeds, res.found_embeds = len(expected), len(got)
    remaining = Counter(got)
    for key in expected:
        if remaining[key] > 0:
            remaining[key] -= 1
            res.matched_embeds += 1
        else:
            res.missing_embeds.append({"platform": key[0], "handle": key[1], "date": key[2]})
    for e in found.embeds:
        key = embed_key(e["platform"], e["handle"], e["date"])
        if remaining[key] > 0:
            remaining[key] -= 1
            res.spurious_embeds.append(e)

    res.title_expected, res.title_found = ann.get("title"), found.title
    accepted = {norm(t) for t in [ann.get("title"), *(ann.get("title_alt") or [])] if t}
    res.title_ok = norm(found.title) in accepted if accepted else not norm(found.title)
    res.byline_expected, res.byline_found = ann.get("byline"), found.byline
    res.byline_ok = norm_byline(found.byline) == norm_byline(ann.get("byline"))

    # Copies count: a page that prints a sentence twice, once out of the body (a standfirst) and once as
    # its prose, leaks only when the body holds it twice.
    body_copies = Counter(norm(line) for line in found.body.split("\n"))
    prose = [norm(x) for x in ann.get("prose_sample") or [] if norm(x)]
    for x in prose:
        if body_copies[x] > 0:
            body_copies[x] -= 1
    outs = [norm(x) for x in ann.get("out_of_body") or [] if norm(x)]
    res.out_of_body = len(outs)
    res.leaked = []
    for x in outs:
        if body_copies[x] > 0:
            body_copies[x] -= 1
            res.leaked.append(x)
    body_flat = norm(found.body)
    res.prose = len(prose)
    res.removed = [x for x in prose if not prose_kept(x, body_flat, found.datelines)]
    return res


def prose_kept(line: str, body_flat: str, datelines: list[str]) -> bool:
    """The line is in the body, or it opens with the article's dateline and the rest is in the body."""
    if line in body_flat:
        return True
    for dateline in datelines:
        if dateline and line.startswith(dateline):
            # (articles.dateline drops the dash or colon that ends a dateline; the line still has it)
            rest = line[len(dateline) :].strip().lstrip("-–—:").strip()
            if rest and rest in body_flat:
                return True
    return False


def ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def summarise(results: list[CaseResult], has: dict[str, bool], seconds: float, label: str) -> dict[str, Any]:
    exp = sum(r.expected_embeds for r in results)
    fnd = sum(r.found_embeds for r in results)
    hit = sum(r.matched_embeds for r in results)
    titled = [r for r in results if r.title_expected]
    bylined = [r for r in results if r.byline_expected]
    outs = sum(r.out_of_body for r in results)
    leaked = sum(len(r.leaked) for r in results)
    prose = sum(r.prose for r in results)
    removed = sum(len(r.removed) for r in results)
    shape_cases: Counter[str] = Counter()
    shape_missed: Counter[str] = Counter()
    for r in results:
        for s in set(r.shapes):
            shape_cases[s] += 1
            if r.has_miss():
                shape_missed[s] += 1
    figures: dict[str, Any] = {
        "set": label,
        "cases": len(results),
        "cases_not_in_warehouse": sum(not r.in_warehouse for r in results),
        "ingest_seconds": round(seconds, 1),
        "embeds_expected": exp,
        "embeds_found": fnd,
        "embeds_matched": hit,
        "embeds_precision": ratio(hit, fnd),
        "embeds_recall": ratio(hit, exp),
        "title_extracted": has["title"],
        "title_exact": ratio(sum(r.title_ok for r in results), len(results)) if has["title"] else 0.0,
        "title_exact_titled": ratio(sum(r.title_ok for r in titled), len(titled)) if has["title"] else 0.0,
        "titled_cases": len(titled),
        "byline_extracted": has["byline"],
        "byline_exact": ratio(sum(r.byline_ok for r in results), len(results)) if has["byline"] else 0.0,
        "byline_exact_bylined": ratio(sum(r.byline_ok for r in bylined), len(bylined)) if has["byline"] else 0.0,
        "bylined_cases": len(bylined),
        "out_of_body_lines": outs,
        "furniture_leaked": leaked,
        "furniture_leaked_rate": ratio(leaked, outs),
        "prose_lines": prose,
        "prose_removed": removed,
        "prose_removed_rate": ratio(removed, prose),
        "shapes": {
            s: {"cases": n, "cases_with_a_miss": shape_missed[s]}
            for s, n in sorted(shape_cases.items(), key=lambda kv: (-shape_missed[kv[0]] / kv[1], -kv[1], kv[0]))
        },
    }
    figures["targets_met"] = targets_met(figures)
    return figures


def targets_met(f: dict[str, Any]) -> dict[str, bool]:
    return {
        "embeds_precision": (f["embeds_precision"] or 0) >= TARGETS["embeds_precision"],
        "embeds_recall": (f["embeds_recall"] or 0) >= TARGETS["embeds_recall"],
        # Both on all pages (a page without a headline must give none) and on the pages that have one.
        "title_exact": f["title_extracted"]
        and (f["title_exact"] or 0) >= TARGETS["title_exact"]
        and (f["title_exact_titled"] if f["titled_cases"] else 1.0) >= TARGETS["title_exact"],
        "furniture_leaked": f["furniture_leaked"] <= TARGETS["furniture_leaked"],
        "prose_removed_rate": (f["prose_removed_rate"] or 0) < TARGETS["prose_removed_rate"],
    }


def pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.1f}%"


def dec(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.3f}"


def table_rows(f: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """(measure, value, target, met) rows shared by the console table and the markdown."""
    met = f["targets_met"]
    ok = {True: "yes", False: "NO"}
    title_val = (
        f"{pct(f['title_exact'])} ({pct(f['title_exact_titled'])} of {f['titled_cases']} titled)"
        if f["title_extracted"]
        else "0 (not extracted)"
    )
    byline_val = (
        f"{pct(f['byline_exact'])} ({pct(f['byline_exact_bylined'])} of {f['bylined_cases']} with a byline)"
        if f["byline_extracted"]
        else "0 (not extracted)"
    )
    return [
        (
            "embeds precision",
            f"{dec(f['embeds_precision'])} ({f['embeds_matched']}/{f['embeds_found']} found)",
            ">= 0.99",
            ok[met["embeds_precision"]],
        ),
        (
            "embeds recall",
            f"{dec(f['embeds_recall'])} ({f['embeds_matched']}/{f['embeds_expected']} expected)",
            ">= 0.98",
            ok[met["embeds_recall"]],
        ),
        ("titles exact", title_val, ">= 95%", ok[met["title_exact"]]),
        ("bylines exact", byline_val, "-", "-"),
        (
            "furniture lines leaked into body",
            f"{f['furniture_leaked']} of {f['out_of_body_lines']} ({pct(f['furniture_leaked_rate'])})",
            "0",
            ok[met["furniture_leaked"]],
        ),
        (
            "prose lines removed",
            f"{f['prose_removed']} of {f['prose_lines']} ({pct(f['prose_removed_rate'])})",
            "< 1%",
            ok[met["prose_removed_rate"]],
        ),
    ]


def misses(results: list[CaseResult]) -> list[dict[str, Any]]:
    out = []
    for r in results:
        if not r.has_miss():
            continue
        m: dict[str, Any] = {"file": r.file, "shapes": r.shapes}
        if not r.in_warehouse:
            m["not_in_warehouse"] = True
        if r.missing_embeds:
            m["embeds_missing"] = r.missing_embeds
        if r.spurious_embeds:
            m["embeds_spurious"] = r.spurious_embeds
        if not r.title_ok:
            m["title"] = {"expected": r.title_expected, "found": r.title_found}
        if not r.byline_ok:
            m["byline"] = {"expected": r.byline_expected, "found": r.byline_found}
        if r.leaked:
            m["furniture_leaked"] = r.leaked
        if r.removed:
            m["prose_removed"] = r.removed
        out.append(m)
    return out


def short(text: Any, n: int = 90) -> str:
    s = "null" if text is None else str(text)
    s = s.replace("|", "\\|").replace("\n", " ")
    return s if len(s) <= n else s[: n - 1] + "…"


def fmt_embed(e: dict[str, Any]) -> str:
    handle = f"@{e['handle']}" if e.get("handle") else "(no handle)"
    return f"{e.get('platform')} {handle} {e.get('date') or '(no date)'}"


def render_markdown(f: dict[str, Any], miss: list[dict[str, Any]], with_title: bool = True) -> str:
    lines = []
    if with_title:
        lines.append(f"## Fidelity evaluation: {f['set']}")
        lines.append("")
    lines.append(
        f"{f['cases']} annotated pages, `newsflow ingest` end to end in {f['ingest_seconds']} s "
        f"(`python benchmarks/evaluate_fidelity.py`)."
    )
    lines.append("")
    lines.append("| measure | value | target | met |")
    lines.append("| --- | --- | --- | --- |")
    for row in table_rows(f):
        lines.append("| " + " | ".join(row) + " |")
    lines.append("")
    worst = [(s, v) for s, v in f["shapes"].items() if v["cases_with_a_miss"]][:25]
    if worst:
        lines.append("Shapes whose cases have a miss (cases with a miss / cases with the shape):")
        lines.append("")
        lines.append(", ".join(f"`{s}` {v['cases_with_a_miss']}/{v['cases']}" for s, v in worst))
        lines.append("")
    if miss:
        lines.append(f"### Misses ({len(miss)} cases)")
        lines.append("")
        lines.append("| case | what | expected | found |")
        lines.append("| --- | --- | --- | --- |")
        for m in miss:
            case = m["file"]
            if m.get("not_in_warehouse"):
                lines.append(f"| {case} | article | in warehouse | absent |")
            for e in m.get("embeds_missing", []):
                lines.append(f"| {case} | embed missing | {short(fmt_embed(e))} | - |")
            for e in m.get("embeds_spurious", []):
                lines.append(f"| {case} | embed spurious | - | {short(fmt_embed(e))} |")
            if "title" in m:
                lines.append(f"| {case} | title | {short(m['title']['expected'])} | {short(m['title']['found'])} |")
            if "byline" in m:
                lines.append(f"| {case} | byline | {short(m['byline']['expected'])} | {short(m['byline']['found'])} |")
            for x in m.get("furniture_leaked", []):
                lines.append(f"| {case} | leaked into body | not in body | {short(x)} |")
            for x in m.get("prose_removed", []):
                lines.append(f"| {case} | prose removed | {short(x)} | not in body |")
        lines.append("")
    return "\n".join(lines)


def print_table(f: dict[str, Any], miss: list[dict[str, Any]], max_misses: int) -> None:
    rows = [("measure", "value", "target", "met"), *table_rows(f)]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    print(f"\nfidelity: {f['set']}  ({f['cases']} cases, ingest {f['ingest_seconds']} s)")
    for n, r in enumerate(rows):
        print("  " + "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)))
        if n == 0:
            print("  " + "  ".join("-" * w for w in widths))
    if miss:
        print(f"\nmisses in {len(miss)} cases (first {min(max_misses, len(miss))}; all in --json/--markdown):")
        for m in miss[:max_misses]:
            parts = []
            if m.get("embeds_missing"):
                parts.append("missing " + ", ".join(fmt_embed(e) for e in m["embeds_missing"]))
            if m.get("embeds_spurious"):
                parts.append("spurious " + ", ".join(fmt_embed(e) for e in m["embeds_spurious"]))
            if "title" in m:
                parts.append(f"title {short(m['title']['expected'], 50)!r} -> {short(m['title']['found'], 50)!r}")
            if "byline" in m:
                parts.append(f"byline {short(m['byline']['expected'], 40)!r} -> {short(m['byline']['found'], 40)!r}")
            if m.get("furniture_leaked"):
                parts.append(f"{len(m['furniture_leaked'])} furniture lines in body")
            if m.get("prose_removed"):
                parts.append(f"{len(m['prose_removed'])} prose lines removed")
            print(f"  {m['file']}: " + "; ".join(parts))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Score the real newsflow pipeline on annotated pages: embeds P/R, titles, bylines, "
        "furniture leaked into body, prose removed.",
    )
    parser.add_argument(
        "--cases", type=Path, default=DEFAULT_CASES, help="folder of raw case files (default: %(default)s)"
    )
    parser.add_argument(
        "--annotations",
        type=Path,
        default=None,
        help="JSON Lines annotations (default: the in-repo set, or CASES/../annotations.jsonl)",
    )
    parser.add_argument("--json", type=Path, help="write figures and misses as JSON here")
    parser.add_argument("--markdown", type=Path, help="write a markdown section (table and misses) here")
    parser.add_argument("--label", default=None, help="name of the set in the report (default: the cases folder)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary raw/processed/DuckDB folder")
    parser.add_argument(
        "--max-misses", type=int, default=40, help="misses printed on the console (default: %(default)s)"
    )
    args = parser.parse_args(argv)

    cases = args.cases.resolve()
    annotations_path = args.annotations
    if annotations_path is None:
        sibling = cases.parent / "annotations.jsonl"
        annotations_path = DEFAULT_ANNOTATIONS if cases == DEFAULT_CASES.resolve() or not sibling.exists() else sibling
    if not cases.is_dir():
        raise SystemExit(f"no cases folder: {cases}")
    annotations = load_annotations(annotations_path)
    names = {p.name for p in cases.iterdir() if p.is_file()}
    absent = [a["file"] for a in annotations if a["file"] not in names]
    if absent:
        raise SystemExit(f"annotated files not in {cases}: {', '.join(absent[:10])}")
    unannotated = sorted(names - {a["file"] for a in annotations})
    if unannotated:
        print(f"note: {len(unannotated)} case files have no annotation and are not scored", file=sys.stderr)

    work = Path(tempfile.mkdtemp(prefix="newsflow-fidelity-"))
    try:
        db, seconds = run_pipeline(cases, work)
        found, has = read_warehouse(db)
    finally:
        if args.keep:
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)

    results = [score_case(a, found_for(a, found)) for a in annotations]
    label = args.label or str(args.cases)
    figures = summarise(results, has, seconds, label)
    miss = misses(results)
    print_table(figures, miss, args.max_misses)
    if args.json:
        args.json.write_text(json.dumps({"figures": figures, "misses": miss}, ensure_ascii=False, indent=2) + "\n")
    if args.markdown:
        args.markdown.write_text(render_markdown(figures, miss) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
