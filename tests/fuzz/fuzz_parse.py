"""Bounded fuzzing of the parser, cleaner and decoder (not part of the default test run).

    python tests/fuzz/fuzz_parse.py [--seconds 300]

Runs hypothesis at scale, batch after batch with fresh random seeds, until the time is up:
arbitrary bytes through the decoder, dump-shaped text through the whole parse. Checks that
nothing raises, that every sentence is exactly the body slice its offsets name, that cleaning
is idempotent, and that re-parsing gives the same ids. A failure prints the shrunk input.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import polars as pl

from tasks.clean import clean_text
from tasks.read import decode_bytes
from tests.helpers import parse_text
from tests.reliability.test_properties import dump_text

BATCH = settings(max_examples=500, deadline=None, suppress_health_check=list(HealthCheck), database=None)


@BATCH
@given(st.binary(max_size=4000))
def bytes_through_decoder_and_parser(data: bytes) -> None:
    text = decode_bytes(data).text
    parse_text(text)


@BATCH
@given(dump_text)
def dump_text_through_parser(text: str) -> None:
    first = parse_text(text)
    bodies = dict(first.articles.select("article_id", "body").iter_rows())
    for article_id, sentence, start, end in first.sentences.select(
        "article_id", "text", "char_start", "char_end"
    ).iter_rows():
        assert bodies[article_id][start:end] == sentence, (sentence, start, end)
    again = parse_text(text)
    assert first.articles["article_id"].to_list() == again.articles["article_id"].to_list()


@BATCH
@given(st.text())
def cleaning_is_idempotent(text: str) -> None:
    once = clean_text(pl.DataFrame({"raw_text": [text]}))["text"][0]
    assert clean_text(pl.DataFrame({"raw_text": [once]}))["text"][0] == once


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=300)
    args = parser.parse_args()
    deadline = time.monotonic() + args.seconds
    targets = [bytes_through_decoder_and_parser, dump_text_through_parser, cleaning_is_idempotent]
    rounds = 0
    while time.monotonic() < deadline:
        for target in targets:
            target()
        rounds += 1
        print(f"round {rounds}: {rounds * 500 * len(targets)} inputs, no failure", flush=True)
    print(f"fuzzing done: {rounds} rounds in {args.seconds:.0f} s, no failure")


if __name__ == "__main__":
    main()
