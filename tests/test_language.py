"""Language per article (py3langid, model in the wheel) and segmentation with the language's rules."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from tasks.language import detect_languages, segment_by_language
from tests.helpers import paragraphs, parse_text


def test_the_model_ships_in_the_wheel() -> None:
    import py3langid.langid

    assert (Path(py3langid.langid.__file__).parent / py3langid.langid.MODEL_FILE).is_file()


def test_detect_languages() -> None:
    texts = pl.Series(
        "text",
        [
            "The city council of Port Alder voted on Tuesday to extend the night bus network.",
            "Le conseil municipal a voté mardi pour prolonger le réseau de bus de nuit.",
            "Der Stadtrat hat am Dienstag beschlossen, das Nachtbusnetz zu erweitern.",
            "Совет города проголосовал во вторник за расширение сети ночных автобусов.",
            "12 345 — 678",
            "",
        ],
    )
    assert detect_languages(texts).to_list() == ["en", "fr", "de", "ru", None, None]


GERMAN = "Am 3. Mai kam der Bürgermeister nach Berlin. Er sagte, die Stadt werde das neue Busnetz bis zum Sommer fertigstellen."


def test_sentences_follow_the_article_language() -> None:
    body = paragraphs(GERMAN).with_columns(body_start=pl.lit(0, pl.Int32))
    german = segment_by_language(body, pl.DataFrame({"article_key": [0], "language": ["de"]}))
    english = segment_by_language(body, pl.DataFrame({"article_key": [0], "language": ["en"]}))
    assert german["text"].to_list() == [
        "Am 3. Mai kam der Bürgermeister nach Berlin.",
        "Er sagte, die Stadt werde das neue Busnetz bis zum Sommer fertigstellen.",
    ]
    assert english.height == 3  # English rules end a sentence at "3."


def test_parse_records_language_and_segments_each_article_by_its_language() -> None:
    batch = parse_text(
        " date 2023-03-01 " + GERMAN + "\n date 2023-03-02 The mayor arrived in Berlin on May 3. He spoke briefly.\n"
    )
    assert batch.articles.sort("published_date")["language"].to_list() == ["de", "en"]
    assert batch.articles.sort("published_date")["n_sentences"].to_list() == [2, 2]
    assert batch.sentences.height == 4
