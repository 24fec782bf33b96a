from __future__ import annotations

from datetime import date

from tasks.records import parse_record_dates, split_jsonl, split_text_dump

TODAY = date(2026, 11, 25)


def test_headers_split_articles_and_body_starts_on_header_line():
    text = " date 2022-04-22 First line.\n\nMore.\n  date 2022-04-23 Second article.\ndate 2022-04-24\nThird."
    records = split_text_dump(text)
    assert records["date_raw"].to_list() == ["2022-04-22", "2022-04-23", "2022-04-24"]
    assert records["raw_text"].to_list()[0].startswith("First line.")
    assert records["raw_text"].to_list()[1] == "Second article.\n"
    assert records["record_no"].to_list() == [0, 1, 2]


def test_word_date_inside_prose_is_not_a_header():
    records = split_text_dump("date 2022-01-01 They set the date 2022-02-02 for talks.\nThe date is fixed.")
    assert records.height == 1


def test_file_without_header_is_one_undated_article():
    records = split_text_dump("Just a note.\n\nWith two paragraphs.")
    assert records.height == 1
    assert records["date_raw"].to_list() == [None]


def test_text_before_first_header_is_kept_as_undated_article():
    records = split_text_dump("Orphan paragraph.\n date 2022-01-01 Dated article.")
    assert records["date_raw"].to_list() == [None, "2022-01-01"]


def test_dates_month_precision_invalid_and_future():
    records = split_text_dump("date 2022-04-22 a\ndate 2023-12 b\ndate 2022-02-30 c\ndate 2099-01-01 d")
    parsed, problems = parse_record_dates(records, TODAY)
    assert parsed["published_date"].to_list() == [date(2022, 4, 22), date(2023, 12, 1), None, None]
    assert parsed["date_precision"].to_list() == ["day", "month", None, None]
    assert [(p.reason, p.record_no) for p in problems] == [("invalid_date", 2), ("future_date", 3)]


def test_jsonl_fields_header_in_text_and_bad_lines():
    text = "\n".join(
        [
            '{"text": "Body one.", "url": "https://a.example/1", "date": "2023-01-09T10:00:00Z", "title": "T"}',
            '{"text": "date 2023-01-10 Body two.", "source": "b.example"}',
            '{"text": "cut off',
            '{"url": "https://c.example/no-text"}',
            "[1, 2]",
            "",
        ]
    )
    records, problems = split_jsonl(text)
    assert records["date_raw"].to_list() == ["2023-01-09", "2023-01-10"]
    assert records["raw_text"].to_list() == ["Body one.", "Body two."]
    assert records["title"].to_list() == ["T", None]
    assert [(p.reason, p.record_no) for p in problems] == [
        ("invalid_json", 2),
        ("missing_text", 3),
        ("invalid_json", 4),
    ]
