"""Time every SQL statement of one nightly patch (tasks/warehouse.py patch_database) on a warehouse copy.

    python benchmarks/profile_patch.py OUT_DIR DB_COPY [--top 25]

DB_COPY is patched in place (pass a copy: e.g. the standby generation of a benchmark warehouse,
whose ledger is one run behind OUT_DIR). Prints the statements by time spent, grouped by the
Python function that issued them, and the patch's total.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402

import tasks.warehouse as warehouse  # noqa: E402

TIMINGS: list[tuple[float, str, str]] = []


class TimedConnection:
    """Delegates to a DuckDB connection and records how long each execute() takes, and who called it."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self._con = con

    def execute(self, sql: str, *args: Any) -> Any:
        caller = next(
            (f"{f.name}" for f in reversed(traceback.extract_stack(limit=6)[:-1]) if "/tasks/" in f.filename),
            "?",
        )
        started = time.perf_counter()
        result = self._con.execute(sql, *args)
        TIMINGS.append((time.perf_counter() - started, caller, " ".join(sql.split())[:150]))
        return result

    def __getattr__(self, name: str) -> Any:
        return getattr(self._con, name)

    def __enter__(self) -> TimedConnection:
        return self

    def __exit__(self, *exc: object) -> None:
        self._con.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("db", type=Path)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument(
        "--split-checkpoint",
        action="store_true",
        help="CHECKPOINT before the analytics layer too, to tell the loader's share of the final CHECKPOINT",
    )
    args = parser.parse_args()
    if args.split_checkpoint:
        prepare = warehouse.prepare_analytics

        def checkpoint_first(con: Any, *rest: Any) -> None:
            con.execute("CHECKPOINT")
            prepare(con, *rest)

        warehouse.prepare_analytics = checkpoint_first  # type: ignore[assignment]
    connect = warehouse.connect_for_build
    warehouse.connect_for_build = lambda path: TimedConnection(connect(path))  # type: ignore[assignment,return-value]
    started = time.perf_counter()
    warehouse.patch_database(args.out_dir, args.db)
    total = time.perf_counter() - started
    with duckdb.connect(str(args.db), read_only=True) as con:
        print("articles:", con.execute("SELECT count(*) FROM articles").fetchone())
    by_caller: dict[str, float] = defaultdict(float)
    for seconds, caller, _ in TIMINGS:
        by_caller[caller] += seconds
    print(f"patch_database: {total:.2f} s, {len(TIMINGS)} statements, {sum(t for t, _, _ in TIMINGS):.2f} s in SQL")
    for caller, seconds in sorted(by_caller.items(), key=lambda kv: -kv[1]):
        print(f"  {seconds:6.3f} s  {caller}")
    print("slowest statements:")
    for seconds, caller, sql in sorted(TIMINGS, reverse=True)[: args.top]:
        print(f"  {seconds:6.3f} s  {caller:28s} {sql}")
    print("checkpoints, in order:", [round(t, 3) for t, _, sql in TIMINGS if sql == "CHECKPOINT"])


if __name__ == "__main__":
    main()
