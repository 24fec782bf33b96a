"""Each kind of bad input: the rest of the batch lands, the bad part is a reject with a reason
and a location, and nothing else is lost."""

from __future__ import annotations

import codecs
import gzip
import os
import random
from datetime import date
from pathlib import Path

import pytest
import zstandard

from tasks.batch import process_batch
from tasks.discover import RawFile, list_raw_files
from tasks.ledger import content_hash, plan_work, read_ledger
from tasks.parse import PARSER_VERSION
from tests.helpers import NOW, RUN_ID
from tests.reliability.support import ingest_dir

GOOD = " date 2022-03-01 A good article. It always lands.\n"


def with_good_file(raw: Path) -> None:
    (raw / "good.txt").write_text(GOOD)


def assert_good_landed(result: dict) -> None:
    assert ("good.txt", 0, date(2022, 3, 1), "A good article. It always lands.", "utf-8") in result["articles"]
    assert result["offsets_ok"] == [(True,)] or result["offsets_ok"] == [(None,)]


def reasons(result: dict) -> list[tuple]:
    return [(source, record, reason) for source, record, reason, _ in result["rejects"]]


def test_empty_file(dirs):
    raw, out, db = dirs
    with_good_file(raw)
    (raw / "empty.txt").write_bytes(b"")
    result = ingest_dir(raw, out, db)
    assert_good_landed(result)
    assert reasons(result) == [("empty.txt", None, "empty_file")]
    assert ("empty.txt", "failed") in result["ledger"]


def test_binary_junk_named_txt(dirs):
    raw, out, db = dirs
    with_good_file(raw)
    (raw / "junk.txt").write_bytes(random.Random(1).randbytes(50_000))
    result = ingest_dir(raw, out, db)
    assert_good_landed(result)
    assert reasons(result) == [("junk.txt", None, "binary_file")]


def test_mixed_utf8_and_cp1252_bytes(dirs):
    raw, out, db = dirs
    with_good_file(raw)
    (raw / "mixed.txt").write_bytes(" date 2022-03-02 Zürich said “yes”.".encode() + b" The caf\xe9 agreed.\n")
    result = ingest_dir(raw, out, db)
    assert_good_landed(result)
    assert ("mixed.txt", 0, date(2022, 3, 2), "Zürich said “yes”. The café agreed.", "utf-8") in result["articles"]
    assert reasons(result) == [("mixed.txt", None, "mixed_encoding")]


def test_utf16_with_bom_and_latin1(dirs):
    raw, out, db = dirs
    (raw / "utf16.txt").write_bytes(codecs.BOM_UTF16_LE + " date 2022-03-03 Ñandú news. Done.".encode("utf-16-le"))
    (raw / "latin1.txt").write_bytes(" date 2022-03-04 Le café était fermé. Voilà.".encode("latin-1"))
    result = ingest_dir(raw, out, db)
    bodies = {row[0]: (row[3], row[4]) for row in result["articles"]}
    assert bodies["utf16.txt"] == ("Ñandú news. Done.", "utf-16")
    assert bodies["latin1.txt"] == ("Le café était fermé. Voilà.", "cp1252")
    assert result["rejects"] == []


def test_truncated_gzip_and_zstd_keep_what_they_held(dirs):
    raw, out, db = dirs
    with_good_file(raw)
    text = "".join(f" date 2022-04-{1 + i % 28:02d} Article {i} about item {i * 7919 % 10007}.\n" for i in range(20000))
    gz = gzip.compress(text.encode())
    (raw / "cut.txt.gz").write_bytes(gz[: len(gz) // 2])
    zst = zstandard.ZstdCompressor().compress(text.encode())
    (raw / "cut.jsonl.zst").write_bytes(zst[: len(zst) // 2])
    result = ingest_dir(raw, out, db)
    assert_good_landed(result)
    gz_articles = [row for row in result["articles"] if row[0] == "cut.txt.gz"]
    assert 0 < len(gz_articles) < 20000
    assert ("cut.txt.gz", None, "truncated_archive") in reasons(result)
    assert ("cut.jsonl.zst", None, "truncated_archive") in reasons(result)


def test_invalid_json_lines_are_rejected_by_line(dirs):
    raw, out, db = dirs
    (raw / "crawl.jsonl").write_text(
        '{"text": "First good one.", "date": "2023-01-01"}\n{"text": "cut\n[]\n{"title": "no text"}\n'
        '{"text": "Second good one.", "date": "2023-01-02"}\n'
    )
    result = ingest_dir(raw, out, db)
    assert [row[3] for row in result["articles"]] == ["First good one.", "Second good one."]
    assert reasons(result) == [
        ("crawl.jsonl", 1, "invalid_json"),
        ("crawl.jsonl", 2, "invalid_json"),
        ("crawl.jsonl", 3, "missing_text"),
    ]


def test_impossible_and_far_future_dates_keep_the_article(dirs):
    raw, out, db = dirs
    (raw / "dates.txt").write_text(" date 2022-02-30 Impossible day.\n date 2099-01-01 From the future.\n")
    result = ingest_dir(raw, out, db)
    assert [(row[2], row[3]) for row in result["articles"]] == [(None, "Impossible day."), (None, "From the future.")]
    assert reasons(result) == [("dates.txt", 0, "invalid_date"), ("dates.txt", 1, "future_date")]


def test_header_without_body_and_two_headers_in_a_row(dirs):
    raw, out, db = dirs
    (raw / "headers.txt").write_text(" date 2022-05-01\n date 2022-05-02\n\n date 2022-05-03 Only this one has text.\n")
    result = ingest_dir(raw, out, db)
    assert [row[3] for row in result["articles"]] == ["Only this one has text."]
    assert reasons(result) == [("headers.txt", 0, "empty_article"), ("headers.txt", 1, "empty_article")]


def test_huge_article_without_blank_lines_and_a_single_huge_line(dirs):
    raw, out, db = dirs
    sentence = "The committee met again on Tuesday and Dr. Ames said the U.S. figures were 3.5% higher. "
    (raw / "five_mb.txt").write_text(" date 2022-06-01 " + "\n".join(sentence * 20 for _ in range(2800)) + "\n")
    (raw / "one_line.txt").write_text(" date 2022-06-02 " + sentence * 570_000 + "\n")  # ~50 MB on one line
    result = ingest_dir(raw, out, db)
    sizes = {row[0]: len(row[3]) for row in result["articles"]}
    assert sizes["five_mb.txt"] > 4_900_000
    assert sizes["one_line.txt"] > 49_000_000
    assert result["offsets_ok"] == [(True,)]
    assert result["rejects"] == []


def test_extremely_long_token(dirs):
    raw, out, db = dirs
    url = "https://example.org/" + "a" * 100_000
    (raw / "long_url.txt").write_text(f" date 2022-06-03 See {url} for details. Then stop.\n")
    result = ingest_dir(raw, out, db)
    assert result["articles"][0][3] == f"See {url} for details. Then stop."
    assert result["offsets_ok"] == [(True,)]


def test_nul_bytes_and_control_characters_are_cleaned_not_fatal(dirs):
    raw, out, db = dirs
    (raw / "ctrl.txt").write_bytes(b" date 2022-06-04 Clean\x00 text\x07 with\x1b controls.\x0b Done.\n")
    result = ingest_dir(raw, out, db)
    assert result["articles"][0][3] == "Clean text with controls. Done."
    assert result["rejects"] == []


def test_rtl_and_mixed_script_text(dirs):
    raw, out, db = dirs
    text = "قال الوزير إن المحادثات ستستمر. The talks resume on Monday. Переговоры продолжатся."
    (raw / "rtl.txt").write_text(f" date 2022-06-05 {text}\n")
    result = ingest_dir(raw, out, db)
    assert result["articles"][0][3] == text
    assert result["offsets_ok"] == [(True,)]


def test_embed_signature_without_text_and_back_to_back_embeds(dirs):
    raw, out, db = dirs
    (raw / "embeds.txt").write_text(
        " date 2022-06-06 Prose first.\n\n"
        "— Empty Post (@emptypost) June 5, 2022\n\n"
        "First post — Alpha (@alpha) June 5, 2022\n"
        "Second post — Beta (@beta) June 6, 2022\n\n"
        "Quoting: the original post — Gamma (@gamma) June 1, 2022 — Delta (@delta) June 6, 2022\n\n"
        "Prose last.\n"
    )
    result = ingest_dir(raw, out, db)
    assert result["articles"][0][3] == "Prose first.\n\nProse last."
    handles = [(row[3], row[5]) for row in result["embeds"]]
    assert ("emptypost", None) in handles
    assert ("alpha", "First post") in handles
    assert ("beta", "Second post") in handles
    assert any(handle == "delta" for handle, _ in handles)  # the quoting post; the quoted one is in its text


def test_file_that_vanishes_before_it_is_read_is_read_again_later(dirs):
    raw, out, _db = dirs
    with_good_file(raw)
    (raw / "vanishing.txt").write_text(" date 2022-07-01 Here today.\n")
    files, _ = list_raw_files(raw)
    planned = [RawFile(f.source_file, f.size_bytes, content_hash(raw / f.source_file)) for f in files]
    (raw / "vanishing.txt").unlink()
    process_batch(raw, out, planned, RUN_ID, NOW)
    ledger = read_ledger(out)
    row = ledger.filter(ledger["path"] == "vanishing.txt").row(0, named=True)
    assert row["status"] == "failed"
    assert row["content_hash"] == ""  # unknown content: not "already ingested"
    (raw / "vanishing.txt").write_text(" date 2022-07-01 Here today.\n")
    files, _ = list_raw_files(raw)
    plan = plan_work(
        [RawFile(f.source_file, f.size_bytes, content_hash(raw / f.source_file)) for f in files], ledger, PARSER_VERSION
    )
    assert [f.source_file for f in plan.to_process] == ["vanishing.txt"]


def test_file_that_changes_after_planning_records_what_was_read(dirs):
    raw, out, _db = dirs
    (raw / "changing.txt").write_text(" date 2022-07-02 Version one.\n")
    files, _ = list_raw_files(raw)
    planned = [RawFile(f.source_file, f.size_bytes, content_hash(raw / f.source_file)) for f in files]
    (raw / "changing.txt").write_text(" date 2022-07-02 Version two, longer.\n")
    process_batch(raw, out, planned, RUN_ID, NOW)
    assert read_ledger(out)["content_hash"].to_list() == [content_hash(raw / "changing.txt")]


def test_symlink_outside_raw_dir_is_not_followed(dirs, tmp_path):
    raw, _out, _db = dirs
    outside = tmp_path / "secret.txt"
    outside.write_text(" date 2022-07-03 Not for ingest.\n")
    os.symlink(outside, raw / "link.txt")
    os.symlink(raw / "inner_target.txt", raw / "inner_link.txt")
    (raw / "inner_target.txt").write_text(" date 2022-07-04 Inside.\n")
    files, skipped = list_raw_files(raw)
    assert [f.source_file for f in files] == ["inner_link.txt", "inner_target.txt"]
    assert any("link.txt: symlink to" in s and "outside raw_dir" in s for s in skipped)


def test_path_with_spaces_and_non_ascii(dirs):
    raw, out, db = dirs
    folder = raw / "Região Norte" / "dump de março"
    folder.mkdir(parents=True)
    (folder / "notícias 01 (cópia).txt").write_text(" date 2022-03-05 Olá. Tudo bem.\n")
    result = ingest_dir(raw, out, db)
    assert result["articles"][0][0] == "Região Norte/dump de março/notícias 01 (cópia).txt"
    written = [p.name for p in out.rglob("*.parquet")]
    assert written and all(name.isascii() and " " not in name for name in written)


@pytest.mark.parametrize("name", ["../escape.txt", "/etc/passwd"])
def test_output_names_never_leave_out_dir(dirs, name):
    from tasks.parquet_io import file_key

    key = file_key(name)
    assert "/" not in key and ".." not in key
