"""Build the fidelity evaluation set (cases/*.txt and annotations.jsonl) from cases.src.

    python benchmarks/fidelity/build_cases.py

cases.src holds every synthetic page once, with its annotation next to it, so the two cannot drift:

    @@@ 001_some_shape.txt
    site: invented-outlet.example
    title: Expected headline            (omit for none)
    title_alt: Another accepted title   (optional, repeatable)
    byline: Expected byline name        (omit for none)
    embed: twitter handle 2022-04-21    (repeatable; `null` for no handle / no date)
    shapes: tag, tag, ...
    final_newline: no                   (optional: the file ends without a newline)
    ---
     date 2022-04-22 Page text as the crawler would flatten it ⟦O⟧
    A prose line that must stay in the body ⟦P⟧

A line ending in ` ⟦O⟧` must stay out of `articles.body` (furniture, caption, byline, title...); a line
ending in ` ⟦P⟧` is a prose sample that must stay in it. The markers are removed from the case file.
On the header line the expected text is what follows the `date` header. Everything here is invented.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SRC = HERE / "cases.src"
CASES = HERE / "cases"
ANNOTATIONS = HERE / "annotations.jsonl"
HEADER = re.compile(r"^\s*date\s+\d{4}-\d{2}(?:-\d{2})?[ \t]*")
OUT, PROSE = " ⟦O⟧", " ⟦P⟧"


def null(value: str) -> str | None:
    return None if value == "null" else value


def parse_case(block: str) -> tuple[str, dict[str, Any], str]:
    head, sep, body = block.partition("\n---\n")
    if not sep:
        raise SystemExit(f"case without '---': {block[:60]!r}")
    lines = head.split("\n")
    name = lines[0].strip()
    ann: dict[str, Any] = {
        "file": name,
        "site": None,
        "title": None,
        "title_alt": [],
        "byline": None,
        "embeds": [],
        "out_of_body": [],
        "prose_sample": [],
        "shapes": [],
    }
    final_newline = True
    for line in lines[1:]:
        if not line.strip():
            continue
        key, _, value = line.partition(":")
        key, value = key.strip(), value.strip()
        if key == "embed":
            platform, handle, date = value.split()
            ann["embeds"].append({"platform": platform, "handle": null(handle), "date": null(date)})
        elif key == "shapes":
            ann["shapes"] = [s.strip() for s in value.split(",") if s.strip()]
        elif key == "title_alt":
            ann["title_alt"].append(value)
        elif key == "final_newline":
            final_newline = value != "no"
        elif key in ("site", "title", "byline"):
            ann[key] = value
        else:
            raise SystemExit(f"{name}: unknown key {key!r}")
    text_lines = []
    for n, line in enumerate(body.split("\n")):
        for marker, field in ((OUT, "out_of_body"), (PROSE, "prose_sample")):
            if line.endswith(marker):
                line = line[: -len(marker)]
                expected = HEADER.sub("", line, count=1) if n == 0 else line
                ann[field].append(expected.strip())
        text_lines.append(line)
    text = "\n".join(text_lines).rstrip("\n")
    if final_newline:
        text += "\n"
    return name, ann, text


def main() -> int:
    blocks = [b for b in SRC.read_text(encoding="utf-8").split("@@@ ")[1:] if b.strip()]
    CASES.mkdir(exist_ok=True)
    for old in CASES.glob("*.txt"):
        old.unlink()
    rows = []
    for block in blocks:
        name, ann, text = parse_case(block.rstrip("\n") + "\n")
        if (CASES / name).exists():
            raise SystemExit(f"duplicate case {name}")
        (CASES / name).write_text(text, encoding="utf-8")
        rows.append(ann)
    with ANNOTATIONS.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    sites = {r["site"] for r in rows}
    embeds = sum(len(r["embeds"]) for r in rows)
    print(f"{len(rows)} cases from {len(sites)} invented sites, {embeds} embeds -> {CASES}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
