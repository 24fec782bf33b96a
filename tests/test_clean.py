from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tasks.clean import clean_text


def clean(text: str) -> str:
    return clean_text(pl.DataFrame({"raw_text": [text]}))["text"][0]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("caf\u0065\u0301", "café"),  # NFC
        ("a\u00a0b\u2009c\u202fd", "a b c d"),  # odd spaces
        ("zero\u200bwidth\ufeff", "zerowidth"),
        ("A &amp; B &mdash; C &#8217;s &quot;x&quot;", 'A & B — C ’s "x"'),
        ("double &amp;amp; escaped", "double & escaped"),
        ("Itâ€™s a â€œtestâ€\x9d", "It’s a “test”"),
        ("line one  \r\nline   two\r", "line one\nline two"),
        ("ctrl\x07chars\x00", "ctrlchars"),
        ("emoji 👩\u200d👩\u200d👧 kept", "emoji 👩\u200d👩\u200d👧 kept"),
        # JavaScript escape() output: BMP characters and surrogate pairs; a lone surrogate stays as written
        ("now %u2014 Ana %uD83D%uDE00 (@ana)", "now — Ana 😀 (@ana)"),
        ("lone %uD83D here, 50%used", "lone %uD83D here, 50%used"),
        ("twice %u0025u00E9", "twice é"),
    ],
)
def test_cleaning_cases(raw, expected):
    assert clean(raw) == expected


def test_clean_text_keeps_paragraph_breaks():
    assert clean("  First.\n\n\u00a0Second.  \n") == "First.\n\nSecond."


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_cleaning_is_idempotent_and_never_raises(text):
    once = clean(text)
    assert clean(once) == once
