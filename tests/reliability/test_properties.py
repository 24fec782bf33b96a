"""Properties of the parser and cleaner over arbitrary input (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tasks.read import decode_bytes
from tasks.records import split_text_dump
from tests.helpers import parse_text

# Text made of the pieces real dumps are made of, glued at random, plus arbitrary Unicode.
FRAGMENTS = [
    " date 2022-04-22 ",
    "\ndate 2023-12 ",
    "\n date 2022-02-30 ",
    "\n\n",
    "\n",
    "The council met. ",
    "Dr. Ames said 3.5% was “fine”. ",
    " — Name (@handle) April 21, 2022",
    "View this post on Instagram\n",
    "A post shared by Chef (@chef.a) on Jun 2, 2022 at 9:14am PDT",
    "Posted by Page on Friday, May 5, 2023",
    "@user caption #tag ♬ sound",
    "https://t.co/AbC pic.twitter.com/XyZ ",
    "youtu.be/abcdefgh ",
    "READ: more news\n",
    "(MEMO, PC, Social Media)",
    "&amp; â€™ \u00a0\u200b\x00\x1b",
    "قال الوزير. ",
    "👩\u200d👩\u200d👧 ",
]
dump_text = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=40)), max_size=30).map("".join)


# Each example is a whole parse (about 0.4 s of fixed cost over the parser's expressions), so the
# default run keeps to a few dozen examples per property and stays inside the CI budget; the same
# properties run at scale, with fresh seeds, in `tests/fuzz/fuzz_parse.py --seconds N`.
@settings(max_examples=75, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dump_text)
def test_parser_never_raises_and_offsets_always_hold(text):
    batch = parse_text(text)
    bodies = dict(batch.articles.select("article_id", "body").iter_rows())
    for article_id, sentence, start, end in batch.sentences.select(
        "article_id", "text", "char_start", "char_end"
    ).iter_rows():
        assert bodies[article_id][start:end] == sentence
    # Every record is accounted for: an article, or a reject saying why not.
    records = split_text_dump(decode_bytes(text.encode()).text).height
    empty = batch.rejects.filter(batch.rejects["reason"] == "empty_article").height
    assert batch.article_sources.height + empty == records
    assert batch.articles["article_id"].null_count() == 0


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dump_text)
def test_reparsing_the_same_bytes_gives_the_same_ids(text):
    first, second = parse_text(text), parse_text(text)
    assert first.articles["article_id"].to_list() == second.articles["article_id"].to_list()
    assert first.social_embeds["embed_id"].to_list() == second.social_embeds["embed_id"].to_list()
    assert first.sentences.rows() == second.sentences.rows()


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=2000))
def test_decoding_never_raises_on_arbitrary_bytes(data):
    decoded = decode_bytes(data)
    assert isinstance(decoded.text, str)
    assert decoded.encoding
