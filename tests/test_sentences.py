from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tasks.sentences import segment_paragraphs


def sentences_of(*paragraph_texts: str) -> list[str]:
    frame = pl.DataFrame(
        {
            "article_key": [0] * len(paragraph_texts),
            "paragraph_no": list(range(len(paragraph_texts))),
            "text": list(paragraph_texts),
            "body_start": [0] * len(paragraph_texts),
        },
        schema={"article_key": pl.Int64, "paragraph_no": pl.Int32, "text": pl.String, "body_start": pl.Int32},
    )
    return segment_paragraphs(frame)["text"].to_list()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The U.S. economy grew 2.5 percent. Officials said so.",
            ["The U.S. economy grew 2.5 percent.", "Officials said so."],
        ),
        (
            "Dr. Lee met Gen. Ruiz and Lt. Col. Ames. They talked.",
            ["Dr. Lee met Gen. Ruiz and Lt. Col. Ames.", "They talked."],
        ),
        ("It began in Jan. 2021 and ended in Feb. last year.", ["It began in Jan. 2021 and ended in Feb. last year."]),
        ("The author J. R. Okafor spoke. Fans cheered.", ["The author J. R. Okafor spoke.", "Fans cheered."]),
        (
            "Shares rose 3.75% to $12.50 on Friday. Trading was light.",
            ["Shares rose 3.75% to $12.50 on Friday.", "Trading was light."],
        ),
        ('He said: "We will win." Then he left.', ['He said: "We will win."', "Then he left."]),
        ("“Are you ready?” she asked. “Yes.”", ["“Are you ready?” she asked.", "“Yes.”"]),
        ("Wait... what happened? Nobody knew.", ["Wait... what happened?", "Nobody knew."]),
        (
            "Items: 1. a longer route 2. a new race 3. more checks.",
            ["Items: 1. a longer route 2. a new race 3. more checks."],
        ),
        (
            "See https://example.com/a.b?c=d.e now. Or mail desk@news.example.org today.",
            ["See https://example.com/a.b?c=d.e now.", "Or mail desk@news.example.org today."],
        ),
        ("Reach @city.desk on X. It replies fast.", ["Reach @city.desk on X.", "It replies fast."]),
        ("The No. 2 official, Mr. A. B. Clark, resigned.", ["The No. 2 official, Mr. A. B. Clark, resigned."]),
        ("Population: 1.2 million. Area: 3.4 sq km.", ["Population: 1.2 million.", "Area: 3.4 sq km."]),
        (
            "Lumen Devices Inc. said it would hire. The plant opens in 2026.",
            ["Lumen Devices Inc. said it would hire.", "The plant opens in 2026."],
        ),
    ],
)
def test_news_sentence_cases(text, expected):
    assert sentences_of(text) == expected


def test_sentences_never_cross_paragraphs():
    assert sentences_of("First paragraph without a stop", "Second one.") == [
        "First paragraph without a stop",
        "Second one.",
    ]


def test_offsets_into_body():
    paragraphs = ["One. Two three.", "Four!"]
    body = "\n\n".join(paragraphs)
    frame = pl.DataFrame(
        {"article_key": [7, 7], "paragraph_no": [0, 1], "text": paragraphs, "body_start": [0, len(paragraphs[0]) + 2]},
        schema={"article_key": pl.Int64, "paragraph_no": pl.Int32, "text": pl.String, "body_start": pl.Int32},
    )
    out = segment_paragraphs(frame)
    assert out["sentence_no"].to_list() == [0, 1, 2]
    assert out["paragraph_no"].to_list() == [0, 0, 1]
    for text, start, end in out.select("text", "char_start", "char_end").iter_rows():
        assert body[start:end] == text


def test_many_paragraphs_across_chunks(monkeypatch):
    import tasks.sentences as module

    monkeypatch.setattr(module, "CHUNK_CHARS", 50)
    texts = [f"Paragraph {i} says hello. It ends here." for i in range(30)]
    assert sentences_of(*texts) == [s for i in range(30) for s in (f"Paragraph {i} says hello.", "It ends here.")]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1), min_size=1, max_size=4))
def test_offset_invariant_on_arbitrary_text(texts):
    texts = [t for t in texts if t.strip()]
    if not texts:
        return
    starts, offset = [], 0
    for t in texts:
        starts.append(offset)
        offset += len(t) + 2
    body = "\n\n".join(texts)
    frame = pl.DataFrame(
        {"article_key": [0] * len(texts), "paragraph_no": list(range(len(texts))), "text": texts, "body_start": starts},
        schema={"article_key": pl.Int64, "paragraph_no": pl.Int32, "text": pl.String, "body_start": pl.Int32},
    )
    out = segment_paragraphs(frame)
    for text, start, end in out.select("text", "char_start", "char_end").iter_rows():
        assert body[start:end] == text
        assert text == text.strip() and text
