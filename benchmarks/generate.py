"""Deterministic generator of synthetic raw dumps in newsflow's input format.

    python benchmarks/generate.py OUT_DIR --mb 100 [--seed 7] [--file-mb 16]

Articles are assembled from paragraphs written by this file's own rules: varied lengths,
0-4 embedded posts per article across platforms (tweets with every dash, Instagram blocks,
Facebook, TikTok, bare post links), attributions, boilerplate lines, abbreviations, decimals,
quotes, a few month-only headers, and a small share of bad records (broken JSON lines, headers
with no body, impossible dates). Files are .txt, .txt.gz and .jsonl.zst in a mix. The same
seed and size always give the same bytes.

The text has the statistics of real news where they drive newsflow's costs: most sentences draw
their words from a Zipf-distributed vocabulary of VOCABULARY_SIZE invented words behind real English
function words (so word 5-grams rarely repeat between unrelated articles, and a search term hits a
realistic share of sentences), the rest are template sentences full of abbreviations and numbers
(what the segmenter must get right). SYNDICATED_SHARE of the articles are lightly edited copies of
an earlier one (another date, a few words changed, a paragraph dropped or added): the near-duplicates
a real archive holds. Generator version 1 built every sentence from templates over ~300 words, which
made almost every pair of articles share shingles; figures measured on it are not comparable.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import random
from datetime import date, timedelta
from pathlib import Path

import zstandard

GENERATOR_VERSION = 2

SUBJECTS = [
    "The city council",
    "Regional officials",
    "The health ministry",
    "Union leaders",
    "The central bank",
    "Dr. Amara Osei",
    "Gov. Elena Ruiz",
    "Sen. Piet van Dam",
    "Prof. Hanna Weiss",
    "The U.S. embassy",
    "Local farmers",
    "The harbour authority",
    "Mr. Tomas Lind",
    "Ms. Leila Haddad",
    "The coast guard",
    "Lt. Col. Aiko Tanaka",
    "The transport agency",
    "Residents of Oakhurst",
    "The school board",
    "Police",
]
VERBS = [
    "said",
    "announced",
    "warned",
    "confirmed",
    "denied",
    "told reporters",
    "argued",
    "estimated",
    "reported",
    "promised",
    "acknowledged",
    "insisted",
    "wrote in a statement",
]
OBJECTS = [
    "that the new budget would cut fuel subsidies by 3.5 percent",
    "that talks would resume on Jan. 12 in Geneva",
    "that the bridge would reopen after repairs costing $1.8 million",
    "that at least 42 people had been evacuated overnight",
    "that the plan had the support of the U.K. and the E.U.",
    "that inflation eased to 2.9% in the third quarter",
    "that the ferry service would resume on Saturday at 9 a.m.",
    "that the investigation was still at an early stage",
    "that no decision had been taken on the No. 2 runway",
    "that water use would reach 20 million litres a day",
    "that the harvest came two weeks early after a dry spring",
    "that the vote, held on Tuesday, was closer than expected",
]
CLAUSES = [
    "according to figures released on Monday",
    "despite protests outside the building",
    "after a session lasting more than 14 hours",
    "citing people familiar with the matter",
    "in a move welcomed by opposition parties",
    "although details remain unclear",
    "as prices rose for a third month",
    "following a review by independent experts",
]
QUOTES = [
    "“We will not wait any longer,” she said.",
    "“It is not a punishment. It is about focus,” he added.",
    '"This is a promise kept," the mayor said.',
    "“Are we ready? Yes,” one official told the crowd.",
    "“The numbers speak for themselves...” a spokesperson said.",
]
NAMES = [
    "Marta Quell",
    "Coastline Post",
    "Roads Agency North",
    "Ines Carvalho",
    "Riders (Official)",
    "Bay Watch 🌊",
    "City Hall Live",
    "Adaeze Mensah",
    "Farm Life 🚜",
    "Election Desk",
]
HANDLES = [
    "marta_quell",
    "CoastlinePost",
    "RoadsNorth",
    "InesCarvalhoPA",
    "RidersOfficial",
    "bay_watch",
    "CityHallLive",
    "AMensahFin",
    "farm_life",
    "ElectDesk",
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
BOILERPLATE = [
    "READ: Port fares to rise in January",
    "READ MORE: What the drought means for prices",
    "Subscribe to our newsletter for daily news.",
    "Follow us on Facebook for live updates.",
    "Read also: A new arts centre opens",
]
ATTRIBUTIONS = ["(MEMO, PC, Social Media)", "(Reuters, Social Media)", "(PAX, Social Media)", "(Market Courier)"]
CODE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


def _code(rng: random.Random, n: int = 10) -> str:
    return "".join(rng.choice(CODE_ALPHABET) for _ in range(n))


FUNCTION_WORDS = [
    "the",
    "of",
    "and",
    "to",
    "a",
    "in",
    "that",
    "is",
    "was",
    "for",
    "on",
    "with",
    "as",
    "by",
    "at",
    "it",
    "from",
    "be",
    "has",
    "have",
    "are",
    "were",
    "said",
    "this",
    "but",
    "not",
    "an",
    "will",
    "which",
    "their",
    "its",
    "after",
    "who",
    "they",
    "had",
    "been",
    "would",
    "more",
    "than",
    "over",
    "about",
    "into",
    "also",
]
SYLLABLES = [c + v for c in "bcdfghklmnprstvwz" for v in ("a", "e", "i", "o", "u", "ai", "ou", "ea")]
VOCABULARY_SIZE = 40_000
SYNDICATED_SHARE = 0.04
FREE_SENTENCE_SHARE = 0.7


def _vocabulary() -> tuple[list[str], list[float]]:
    """Invented content words (2-4 syllables, some with a common English ending) and Zipf cumulative
    weights over function words + content words (s = 1.05, the head taken by the function words)."""
    rng = random.Random(1)
    endings = ["", "", "", "s", "ed", "ing", "ion", "er", "al", "ly"]
    words: list[str] = []
    seen: set[str] = set()
    while len(words) < VOCABULARY_SIZE:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice([1, 2, 2, 3, 3, 4]))) + rng.choice(endings)
        if word not in seen and len(word) > 2:
            seen.add(word)
            words.append(word)
    vocabulary = FUNCTION_WORDS + words
    total, cumulative = 0.0, []
    for rank in range(1, len(vocabulary) + 1):
        total += 1 / rank**1.05
        cumulative.append(total)
    return vocabulary, cumulative


VOCABULARY, ZIPF_CUMULATIVE = _vocabulary()


def _free_sentence(rng: random.Random) -> str:
    words = rng.choices(VOCABULARY, cum_weights=ZIPF_CUMULATIVE, k=rng.randint(6, 32))
    if rng.random() < 0.4:  # a name or a place
        words.insert(rng.randrange(len(words)), rng.choice(VOCABULARY[60:3000]).capitalize())
    if rng.random() < 0.25:
        words.insert(rng.randrange(len(words)), str(rng.randint(2, 2000)))
    if len(words) > 12 and rng.random() < 0.5:
        words[rng.randint(4, len(words) - 4)] += ","
    return " ".join([words[0].capitalize(), *words[1:]])


def _sentence(rng: random.Random) -> str:
    if rng.random() < FREE_SENTENCE_SHARE:
        return _free_sentence(rng) + "."
    if rng.random() < 0.15:
        return rng.choice(QUOTES)
    text = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
    if rng.random() < 0.5:
        text += f", {rng.choice(CLAUSES)}"
    return text + "."


def _syndicated(rng: random.Random, original: str) -> str:
    """A light edit of an earlier article: ~2% of words replaced, a paragraph dropped or added."""
    paragraphs = original.split("\n\n")
    if len(paragraphs) > 2 and rng.random() < 0.5:
        del paragraphs[rng.randrange(1, len(paragraphs))]
    elif rng.random() < 0.5:
        paragraphs.insert(rng.randint(1, len(paragraphs)), _paragraph(rng))
    edited = []
    for paragraph in paragraphs:
        words = paragraph.split(" ")
        for _ in range(len(words) // 50):
            words[rng.randrange(len(words))] = rng.choice(VOCABULARY[:5000])
        edited.append(" ".join(words))
    return "\n\n".join(edited)


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(1, 5)))


def _embed(rng: random.Random, day: date) -> str:
    kind = rng.random()
    posted = day - timedelta(days=rng.randint(0, 3))
    signature_date = f"{MONTHS[posted.month - 1]} {posted.day}, {posted.year}"
    who = rng.randrange(len(NAMES))
    if kind < 0.6:
        dash = rng.choice(["—", "–", "--", "-"])
        links = f" https://t.co/{_code(rng)}" if rng.random() < 0.5 else ""
        media = f" pic.twitter.com/{_code(rng)}" if rng.random() < 0.4 else ""
        return f"{_sentence(rng)}{links}{media} {dash} {NAMES[who]} (@{HANDLES[who]}) {signature_date}"
    if kind < 0.72:
        return (
            f"View this post on Instagram\n\n{_sentence(rng)} #news\n\nA post shared by {NAMES[who]} "
            f"(@{HANDLES[who].lower()}) on {MONTHS[posted.month - 1][:3]} {posted.day}, {posted.year} at 9:14am PDT"
        )
    if kind < 0.82:
        return f"{_sentence(rng)} Posted by {NAMES[who]} on Friday, {signature_date}"
    if kind < 0.9:
        return f"@{HANDLES[who].lower()} {_sentence(rng)} #update ♬ original sound - {NAMES[who]}"
    return rng.choice(
        [
            f"Watch: https://www.youtube.com/watch?v={_code(rng, 11)}",
            f"Updates on Telegram: https://t.me/cityalerts/{rng.randint(100, 99999)}",
            f"https://twitter.com/{HANDLES[who]}/status/{rng.randint(10**17, 10**18)}",
        ]
    )


def _article(rng: random.Random, day: date) -> str:
    paragraphs = [_paragraph(rng) for _ in range(rng.choice([2, 3, 4, 6, 8, 12, 20]))]
    for _ in range(rng.choice([0, 0, 1, 1, 2, 3, 4])):
        paragraphs.insert(rng.randint(1, len(paragraphs)), _embed(rng, day))
    if rng.random() < 0.3:
        paragraphs.insert(rng.randint(1, len(paragraphs)), rng.choice(BOILERPLATE))
    if rng.random() < 0.5:
        paragraphs.append(rng.choice(ATTRIBUTIONS))
    return "\n\n".join(paragraphs)


def _header(rng: random.Random, day: date) -> str:
    roll = rng.random()
    if roll < 0.03:
        return f"date {day:%Y-%m}"
    if roll < 0.035:
        return "date 2022-02-30"
    return f"date {day:%Y-%m-%d}"


def generate(out_dir: Path, total_mb: float, seed: int = 7, file_mb: float = 16) -> list[Path]:
    """Write about `total_mb` MB of raw text under out_dir; returns the files written."""
    rng = random.Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    target, written, files = int(total_mb * 1e6), 0, []
    start = date(2021, 1, 1)
    file_no = 0
    recent: list[str] = []  # bodies a syndicated copy can come from
    while written < target:
        layout = ("txt", "txt.gz", "jsonl.zst")[file_no % 3]
        budget = min(int(file_mb * 1e6), target - written)
        buffer = io.StringIO()
        size = 0
        while size < budget:
            day = start + timedelta(days=rng.randint(0, 1400))
            if recent and rng.random() < SYNDICATED_SHARE:
                body = _syndicated(rng, rng.choice(recent))
            else:
                body = _article(rng, day)
                recent.append(body)
                if len(recent) > 2000:
                    del recent[: len(recent) - 1000]
            if layout == "jsonl.zst":
                if rng.random() < 0.002:
                    line = '{"url": "https://broken.example/' + _code(rng) + '", "text": "cut off\n'
                else:
                    line = (
                        json.dumps(
                            {
                                "url": f"https://news{rng.randint(1, 40)}.example/{day:%Y/%m/%d}/{_code(rng, 8)}",
                                "date": f"{day:%Y-%m-%d}",
                                "title": _sentence(rng)[:80],
                                "text": body,
                            },
                            ensure_ascii=False,
                        )
                        + "\n"
                    )
            else:
                line = f" {_header(rng, day)} {body}\n"
                if rng.random() < 0.002:
                    line += f" date {day:%Y-%m-%d}\n\n"  # a header with no body
            buffer.write(line)
            size += len(line.encode())
        data = buffer.getvalue().encode()
        path = out_dir / f"dump_{file_no:05d}.{layout}"
        if layout == "txt.gz":
            path.write_bytes(gzip.compress(data, compresslevel=6, mtime=0))
        elif layout == "jsonl.zst":
            path.write_bytes(zstandard.ZstdCompressor(level=3).compress(data))
        else:
            path.write_bytes(data)
        files.append(path)
        written += len(data)
        file_no += 1
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--mb", type=float, default=100, help="uncompressed MB of raw text to write")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--file-mb", type=float, default=16, help="uncompressed MB per file")
    args = parser.parse_args()
    files = generate(args.out_dir, args.mb, args.seed, args.file_mb)
    print(f"wrote {len(files)} files to {args.out_dir}")


if __name__ == "__main__":
    main()
