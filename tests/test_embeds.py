from __future__ import annotations

from datetime import date

import pytest

from tasks.blocks import link_embeds, post_embeds
from tests.helpers import classify


def only_post(*texts: str) -> dict:
    posts = post_embeds(classify(*texts)).to_dicts()
    assert len(posts) == 1, posts
    return posts[0]


@pytest.mark.parametrize("dash", ["—", "–", "--", "-"])
def test_tweet_signature_with_every_dash(dash):
    post = only_post(f"Polls close at 8pm tonight https://t.co/AbC123xyz {dash} Election Desk (@ElectDesk) May 4, 2023")
    assert post["platform"] == "twitter"
    assert post["kind"] == "post"
    assert post["author_name"] == "Election Desk"
    assert post["handle"] == "ElectDesk"
    assert post["posted_date"] == date(2023, 5, 4)
    assert post["text"] == "Polls close at 8pm tonight https://t.co/AbC123xyz"
    assert post["links"] == ["https://t.co/AbC123xyz"]


def test_tweet_with_media_links_parenthesised_name_and_emoji():
    post = only_post(
        "Sunrise over the bay 🌅 pic.twitter.com/Ab12Cd34Ef pic.x.com/Zz98Yy76Xx — Bay Watch (Official) 🌊 (@bay_watch) Sept 3, 2021"
    )
    assert post["author_name"] == "Bay Watch (Official) 🌊"
    assert post["handle"] == "bay_watch"
    assert post["posted_date"] == date(2021, 9, 3)
    assert post["media_links"] == ["pic.twitter.com/Ab12Cd34Ef", "pic.x.com/Zz98Yy76Xx"]
    assert post["links"] == []


def test_tweet_separator_is_the_last_dash_and_hyphenated_words_are_not_separators():
    post = only_post("Talks - and more talks - on the ex-minister's plan — Jean-Luc Moreau (@jlmoreau) June 1, 2022")
    assert post["author_name"] == "Jean-Luc Moreau"
    assert post["text"] == "Talks - and more talks - on the ex-minister's plan"


def test_glued_dash_and_stray_close_glyph():
    post = only_post("We are live now— City Hall (@CityHallLive) March 2, 2024 ×")
    assert post["handle"] == "CityHallLive"
    assert post["text"] == "We are live now"


def test_instagram_block_over_paragraphs():
    classified = classify(
        "Intro prose.",
        "View this post on Instagram",
        "Opening night tomorrow! #stage",
        "A post shared by Oak Stage (@oak.stage) on Jun 2, 2022 at 10:14am PDT",
        "Closing prose.",
    )
    assert classified["kind"].to_list() == ["prose", "embed", "embed", "embed", "prose"]
    post = post_embeds(classified).to_dicts()[0]
    assert (post["platform"], post["handle"], post["author_name"]) == ("instagram", "oak.stage", "Oak Stage")
    assert post["posted_date"] == date(2022, 6, 2)
    assert post["text"] == "Opening night tomorrow! #stage"
    assert post["paragraph_no"] == 1


def test_instagram_signature_without_date():
    post = only_post("A post shared by Chef Ana (@chef.ana)")
    assert (post["platform"], post["handle"], post["posted_date"]) == ("instagram", "chef.ana", None)


def test_facebook_post():
    post = only_post(
        "Roads reopened at noon. Thank you for your patience. Posted by County Police on Tuesday, May 9, 2023"
    )
    assert (post["platform"], post["author_name"], post["handle"]) == ("facebook", "County Police", None)
    assert post["posted_date"] == date(2023, 5, 9)
    assert post["text"] == "Roads reopened at noon. Thank you for your patience."


def test_tiktok_post():
    post = only_post("@river.cafe new menu drop this weekend #food #local ♬ original sound - River Cafe")
    assert (post["platform"], post["handle"]) == ("tiktok", "river.cafe")
    assert post["text"].startswith("new menu drop this weekend")


@pytest.mark.parametrize(
    ("text", "platform", "handle"),
    [
        ("Watch: https://www.youtube.com/watch?v=abcDEF12345", "youtube", None),
        ("youtu.be/abcDEF12345", "youtube", None),
        ("Updates at t.me/cityalerts/1234", "telegram", "cityalerts"),
        ("https://www.facebook.com/CityPolice/posts/pfbid0abc123", "facebook", "CityPolice"),
        ("See twitter.com/CityPolice/status/1518291234567890123", "twitter", "CityPolice"),
        ("See https://x.com/CityPolice/status/1518291234567890123", "twitter", "CityPolice"),
    ],
)
def test_bare_post_links(text, platform, handle):
    links = link_embeds(classify(text)).to_dicts()
    assert len(links) == 1
    assert (links[0]["platform"], links[0]["kind"], links[0]["handle"]) == (platform, "link", handle)


@pytest.mark.parametrize(
    "text",
    [
        "The minister wrote on X (@fin_min) that the budget was balanced.",
        "He said on Twitter that he would resign, tagging @PMOffice in the post.",
        "Follow the story at netflix.com/title/812345 for the documentary.",
        "The vote - held on May 4, 2023 - was close.",
        "Contact (@desk) for tips.",
    ],
)
def test_prose_mentioning_handles_is_not_an_embed(text):
    classified = classify(text)
    assert classified["kind"].to_list() == ["prose"]
    assert post_embeds(classified).height == 0
    assert link_embeds(classified).height == 0


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("READ: Port fares to rise in January", "related"),
        ("READ MORE: What the drought means", "related"),
        ("READ MORE | Fuel subsidy cut", "related"),
        ("Read also: A new arts centre", "related"),
        ("READ FULL STORY: Market plans", "related"),
        ("Subscribe to our newsletter for daily news.", "furniture"),
        ("Follow us on Facebook for live updates.", "furniture"),
        ("Sign up for our weekly briefing.", "furniture"),
    ],
)
def test_boilerplate_lines(text, kind):
    assert classify("Prose first.", text, "Prose after.")["kind"].to_list() == ["prose", kind, "prose"]


@pytest.mark.parametrize(
    "text",
    [
        "Readers said the library mattered.",
        "Following the vote, the council adjourned.",
        "Subscribers to the service will pay more, the company said in a long statement that ran to many pages.",
    ],
)
def test_prose_that_starts_like_boilerplate_stays(text):
    assert classify(text)["kind"].to_list() == ["prose"]


def test_closing_attribution_becomes_a_list():
    classified = classify("Prose.", "(MEMO, PC, Social Media)")
    assert classified["kind"].to_list() == ["prose", "attribution"]
    assert classified["attribution"].to_list()[1] == ["MEMO", "PC", "Social Media"]


def test_parenthesised_prose_in_the_middle_is_not_attribution():
    classified = classify(
        "(Reuters)", "Prose.", "(This paragraph is an aside that says quite a lot more than a list of sources would.)"
    )
    # A lone agency name at the top is the article's byline (it used to count as prose).
    assert classified["kind"].to_list() == ["byline", "prose", "prose"]
