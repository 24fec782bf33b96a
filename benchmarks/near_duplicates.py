"""Precision and recall of near-duplicate clustering (tasks/near_duplicates.py) on constructed pairs.

    python benchmarks/near_duplicates.py [--articles 2000] [--copies 500] [--seed 7] [--db WAREHOUSE]

Takes distinct articles (bodies of at least 80 words) from a warehouse built from a
benchmarks/generate.py corpus (or from data/raw when --db is not given, parsed on the fly), makes
light-edit copies of some of them (words replaced, a sentence dropped or added, punctuation
changed: the edits a syndicating site makes) and runs the clustering over originals + copies:

- recall: share of (original, copy) pairs that end in the same cluster, per edit level;
- precision: share of same-cluster pairs that are (original, copy) pairs (the rest join
  distinct articles).
"""

from __future__ import annotations

import argparse
import random
import re
import time
from pathlib import Path

import duckdb
import polars as pl

from tasks.near_duplicates import update_near_duplicates

EDIT_LEVELS = {"light": 0.02, "medium": 0.08, "heavy": 0.20}
FILLER = ["reportedly", "officials", "local", "said", "new", "on Monday", "also", "however"]


def edit(body: str, share: float, rnd: random.Random) -> str:
    """A copy with about `share` of its words replaced, one sentence dropped and one added, some punctuation changed."""
    sentences = re.split(r"(?<=[.!?])\s+", body)
    if len(sentences) > 3:
        sentences.pop(rnd.randrange(1, len(sentences)))
    sentences.insert(rnd.randrange(len(sentences) + 1), "The story was first published by a partner site.")
    words = " ".join(sentences).split(" ")
    for _ in range(max(1, int(len(words) * share))):
        words[rnd.randrange(len(words))] = rnd.choice(FILLER)
    text = " ".join(words)
    return text.replace(", ", " ,", 1).replace("\u2019", "'")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, help="warehouse to take distinct articles from")
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--copies", type=int, default=300, help="copies per edit level")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rnd = random.Random(args.seed)

    with duckdb.connect(str(args.db), read_only=True) as source:
        originals = source.execute(
            "SELECT article_id, published_date, body FROM articles WHERE n_words >= 80 "
            "ORDER BY hash(article_id) LIMIT ?",
            [args.articles],
        ).pl()
    distinct = originals.to_dicts()
    rows = list(distinct)
    truth: dict[str, set[tuple[str, str]]] = {}
    for level, share in EDIT_LEVELS.items():
        pairs = set()
        for i, original in enumerate(rnd.sample(distinct, min(args.copies, len(distinct)))):
            copy_id = f"copy-{level}-{i:05d}-{original['article_id'][:8]}"
            rows.append(
                {
                    "article_id": copy_id,
                    "published_date": original["published_date"],
                    "body": edit(original["body"], share, rnd),
                }
            )
            pairs.add((min(original["article_id"], copy_id), max(original["article_id"], copy_id)))
        truth[level] = pairs
    articles = pl.DataFrame(rows, schema={"article_id": pl.String, "published_date": pl.Date, "body": pl.String})

    con = duckdb.connect()
    con.execute("SET threads = 2")
    con.register("frame", articles.to_arrow())
    con.execute("CREATE TABLE articles AS FROM frame")
    started = time.perf_counter()
    update_near_duplicates(con)
    seconds = time.perf_counter() - started
    clustered = con.execute(
        "SELECT least(a.article_id, b.article_id), greatest(a.article_id, b.article_id) FROM article_duplicates a "
        "JOIN article_duplicates b ON a.dup_cluster_id = b.dup_cluster_id AND a.article_id < b.article_id"
    ).fetchall()
    same_cluster = set(clustered)
    all_true = set().union(*truth.values())
    print(f"{articles.height} articles ({len(originals)} distinct originals + copies), clustered in {seconds:.1f} s")
    for level, pairs in truth.items():
        found = len(pairs & same_cluster)
        print(
            f"recall {level:>6} edits ({EDIT_LEVELS[level]:.0%} of words + 1 sentence dropped/added): "
            f"{found}/{len(pairs)} = {found / len(pairs):.3f}"
        )
    true_positive = len(same_cluster & all_true)
    # A pair of copies of the same original is a correct pair too.
    copies_of_same = {
        (a, b)
        for a, b in same_cluster - all_true
        if a.startswith("copy-") and b.startswith("copy-") and a[-8:] == b[-8:]
    }
    wrong = same_cluster - all_true - copies_of_same
    precision = (true_positive + len(copies_of_same)) / len(same_cluster) if same_cluster else 1.0
    print(f"precision: {true_positive + len(copies_of_same)}/{len(same_cluster)} same-cluster pairs = {precision:.3f}")
    print(f"pairs of distinct originals put together: {len(wrong)}")
    for a, b in sorted(wrong)[:5]:
        print("  e.g.", a, b)


if __name__ == "__main__":
    main()
