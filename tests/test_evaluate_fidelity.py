"""The fidelity scorer's rules (no pipeline run), and that the committed set matches cases.src."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "benchmarks" / "fidelity"))

import build_cases  # noqa: E402
import evaluate_fidelity as ev  # noqa: E402


def annotation(**kw: object) -> dict[str, object]:
    base: dict[str, object] = {"file": "a.txt", "title": None, "byline": None, "embeds": [], "out_of_body": []}
    base["prose_sample"] = []
    base.update(kw)
    return base


def test_embeds_match_on_platform_handle_case_and_date_with_nulls() -> None:
    ann = annotation(
        embeds=[
            {"platform": "twitter", "handle": "SomeOne", "date": "2022-04-21"},
            {"platform": "twitter", "handle": None, "date": None},
            {"platform": "twitter", "handle": "other", "date": None},
        ]
    )
    found = ev.Found(
        embeds=[
            {"platform": "twitter", "handle": "someone", "date": "2022-04-21"},
            {"platform": "twitter", "handle": None, "date": None},
            {"platform": "twitter", "handle": "other", "date": "2022-01-01"},
        ]
    )
    res = ev.score_case(ann, found)
    assert (res.expected_embeds, res.found_embeds, res.matched_embeds) == (3, 3, 2)
    assert res.missing_embeds == [{"platform": "twitter", "handle": "other", "date": None}]
    assert [e["date"] for e in res.spurious_embeds] == ["2022-01-01"]


def test_title_byline_furniture_and_prose_rules() -> None:
    ann = annotation(
        title="A  headline",
        title_alt=["Short headline"],
        byline="Mara Quintal",
        out_of_body=["Advertisement", "By Mara Quintal"],
        prose_sample=["First prose line.", "Second line stays."],
    )
    body = "First prose line.\n\nAdvertisement\n\nSecond\u00a0line   stays."
    res = ev.score_case(ann, ev.Found(title="Short headline", byline="By: Mara Quintal", body=body))
    assert res.title_ok and res.byline_ok
    assert res.leaked == ["Advertisement"]
    assert res.removed == []
    missing = ev.score_case(ann, ev.Found(title=None, byline=None, body="Other text."))
    assert not missing.title_ok and not missing.byline_ok
    assert missing.removed == ["First prose line.", "Second line stays."]
    untitled = ev.score_case(annotation(), ev.Found(title="", body=""))
    assert untitled.title_ok and untitled.byline_ok


def test_a_line_annotated_both_out_of_the_body_and_as_prose_leaks_only_as_an_extra_copy() -> None:
    standfirst = "The port reopened on Monday."
    ann = annotation(out_of_body=[standfirst], prose_sample=[standfirst, "Ships queued all day."])
    once = ev.score_case(ann, ev.Found(body=f"{standfirst}\n\nShips queued all day."))
    assert once.leaked == [] and once.removed == []
    twice = ev.score_case(ann, ev.Found(body=f"{standfirst}\n\n{standfirst}\n\nShips queued all day."))
    assert twice.leaked == [standfirst]


def test_a_prose_line_opening_with_the_dateline_is_kept_when_the_rest_is_in_the_body() -> None:
    ann = annotation(prose_sample=["HARWICK, Devon (HNS) -- The ferry sailed at noon.", "GONE -- Never printed."])
    body = "The ferry sailed at noon."
    res = ev.score_case(ann, ev.Found(body=body, datelines=["HARWICK, Devon (HNS) --"]))
    assert res.removed == ["GONE -- Never printed."]
    assert ev.score_case(ann, ev.Found(body=body)).removed == ann["prose_sample"]  # no dateline recorded
    # the parser records the dateline without its closing dash: the line is still kept
    assert ev.score_case(ann, ev.Found(body=body, datelines=["HARWICK, Devon (HNS)"])).removed == [
        "GONE -- Never printed."
    ]


def test_absent_columns_score_zero_and_say_not_extracted() -> None:
    res = ev.score_case(annotation(title="T"), ev.Found(title=None))
    figures = ev.summarise([res], {"title": False, "byline": False}, 1.0, "x")
    assert figures["title_exact"] == 0.0 and not figures["targets_met"]["title_exact"]
    assert any("not extracted" in row[1] for row in ev.table_rows(figures))


def test_committed_cases_and_annotations_match_cases_src() -> None:
    blocks = [b for b in build_cases.SRC.read_text(encoding="utf-8").split("@@@ ")[1:] if b.strip()]
    built = [build_cases.parse_case(b.rstrip("\n") + "\n") for b in blocks]
    committed = [json.loads(line) for line in build_cases.ANNOTATIONS.read_text(encoding="utf-8").splitlines()]
    assert [ann for _, ann, _ in built] == committed
    for name, ann, text in built:
        assert (build_cases.CASES / name).read_text(encoding="utf-8") == text
        lines = {line.strip() for line in text.split("\n")}
        first = build_cases.HEADER.sub("", text.split("\n")[0]).strip()
        for expected in ann["out_of_body"] + ann["prose_sample"]:
            assert expected in lines or expected == first, (name, expected)
    assert len(built) >= 60


def test_a_record_annotation_scores_one_article_of_a_dump_file(tmp_path: Path) -> None:
    import duckdb

    db = tmp_path / "w.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE article_sources (source_file VARCHAR, record_no INT, article_id VARCHAR)")
    con.execute("CREATE TABLE articles (article_id VARCHAR, title VARCHAR, byline VARCHAR, body VARCHAR)")
    con.execute(
        "CREATE TABLE social_embeds (article_id VARCHAR, platform VARCHAR, handle VARCHAR, kind VARCHAR, "
        "posted_date DATE, author_name VARCHAR)"
    )
    con.execute("INSERT INTO article_sources VALUES ('/r/site.txt', 0, 'a0'), ('/r/site.txt', 1, 'a1')")
    con.execute(
        "INSERT INTO articles VALUES ('a0', 'First', NULL, 'Menu\n\nOne.'), ('a1', 'Second', 'Kim Ode', 'Two.')"
    )
    con.execute("INSERT INTO social_embeds VALUES ('a1', 'twitter', 'kim', 'post', DATE '2022-04-21', 'Kim')")
    con.close()
    found, has = ev.read_warehouse(db)
    assert has == {"title": True, "byline": True}
    second = ev.found_for(annotation(file="site.txt", record=1), found)
    assert second is not None and (second.title, second.byline, second.body) == ("Second", "Kim Ode", "Two.")
    assert [e["handle"] for e in second.embeds] == ["kim"]
    whole = ev.found_for(annotation(file="site.txt"), found)
    assert whole is not None and whole.title == "First" and len(whole.embeds) == 1 and "Two." in whole.body
    res = ev.score_case(
        annotation(file="site.txt", record=0, title="First", out_of_body=["Menu"]),
        ev.found_for(annotation(file="site.txt", record=0), found),
    )
    assert res.file == "site.txt#0" and res.title_ok and res.leaked == ["Menu"] and res.found_embeds == 0
    assert ev.found_for(annotation(file="site.txt", record=2), found) is None
