from __future__ import annotations

from datetime import date

from newsflow import schemas
from tests.helpers import parse_text

ARTICLE = """ date 2022-04-19 The council voted on Tuesday. Dr. Lindqvist objected.

Night buses from September https://t.co/Xq3LmP9aZk pic.twitter.com/b7TnR2kWq1 — Ines Carvalho (@InesCarvalhoPA) April 19, 2022

READ: Fares to rise in January

The union wrote on Twitter (@AlderTransit) that it needs drivers.

(PAX, Social Media)
 date 2022-04-20 Second article. It is short.
"""


def test_body_holds_only_prose_and_offsets_hold():
    batch = parse_text(ARTICLE)
    first = batch.articles.row(0, named=True)
    assert first["body"] == (
        "The council voted on Tuesday. Dr. Lindqvist objected.\n\n"
        "The union wrote on Twitter (@AlderTransit) that it needs drivers."
    )
    assert first["attribution"] == ["PAX", "Social Media"]
    assert (first["n_paragraphs"], first["n_sentences"], first["n_embeds"], first["n_boilerplate"]) == (2, 3, 1, 1)
    assert first["n_words"] == len(first["body"].split())
    assert first["published_date"] == date(2022, 4, 19)
    bodies = dict(batch.articles.select("article_id", "body").iter_rows())
    for article_id, text, start, end in batch.sentences.select(
        "article_id", "text", "char_start", "char_end"
    ).iter_rows():
        assert bodies[article_id][start:end] == text
    assert "Ines" not in " ".join(batch.sentences["text"].to_list())
    assert "READ" not in " ".join(batch.sentences["text"].to_list())


def test_frames_match_declared_schemas():
    batch = parse_text(ARTICLE)
    for name, frame in batch.frames().items():
        expected = schemas.TABLES[name].polars_schema
        assert frame.select(list(expected)).schema == expected, name
        # Sentences and embeds also say which file's output holds them; nothing else is extra.
        assert set(frame.columns) - set(expected) <= {"source_file"}, name


def test_ids_are_stable_and_content_based():
    first, second = parse_text(ARTICLE), parse_text(ARTICLE, name="other_name.txt")
    assert first.articles["article_id"].to_list() == second.articles["article_id"].to_list()
    assert first.social_embeds["embed_id"].to_list() == second.social_embeds["embed_id"].to_list()
    assert first.articles["article_id"].n_unique() == 2


def test_exact_duplicates_are_stored_once_per_file_and_every_place_is_listed():
    batch = parse_text(ARTICLE + ARTICLE)
    assert batch.articles.height == 2
    assert batch.articles["record_no"].to_list() == [0, 1]
    assert batch.article_sources.height == 4
    assert batch.article_sources["record_no"].to_list() == [0, 1, 2, 3]


def test_empty_articles_are_rejected_and_the_rest_lands():
    batch = parse_text("date 2022-05-02\n\n date 2022-05-03 Kept.\n date 2022-02-30 Bad date kept.")
    assert batch.articles["body"].to_list() == ["Kept.", "Bad date kept."]
    assert batch.articles["published_date"].to_list() == [date(2022, 5, 3), None]
    assert sorted(batch.rejects["reason"].to_list()) == ["empty_article", "invalid_date"]


def test_jsonl_site_url_and_title():
    batch = parse_text(
        '{"text": "Body text here.", "url": "https://www.Example.org/x", "title": "Hello", "date": "2023-01-02"}\n'
        '{"text": "Other body.", "url": "https://b.example/y", "source": "Source Name"}\n',
        name="crawl.jsonl",
    )
    rows = batch.articles.select("site", "url", "title").rows()
    assert rows == [("example.org", "https://www.Example.org/x", "Hello"), ("Source Name", "https://b.example/y", None)]
