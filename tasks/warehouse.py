"""Publish the Parquet tables as a DuckDB database file, atomically.

DuckDB lets one process hold a database file for writing, and while it does every other
process fails to open it, readers included. So the loader never writes into the file
people query: it prepares a complete new database next to it and renames it over the old
one. A reader that opened the old file keeps a consistent snapshot; the next one opens the
new file; nobody ever sees a half-loaded state, and nobody waits for a run.

Two generations live side by side: the published file and, under a hidden name beside it,
the one it replaced (the *standby*). A nightly run does not copy the published file: it takes
the standby, brings it up to date by delete-insert of the rows of every source file whose
Parquet ledger differs from the standby's (the files of this run and of the run before), and
swaps it in; the file it replaces becomes the next standby. So publishing costs work in
proportion to the new data, never a copy of the warehouse. When the standby cannot be used
(none yet, an older schema, or a reader still holds it open: DuckDB's file lock tells), the
published file is copied instead. A first run, `--rebuild` or a schema change builds from all
the Parquet, and so does a run that re-read most of the warehouse (a new parser version, a
`--reprocess`): deleting and re-inserting most rows costs more time and memory than a build.
All paths give the same tables.
"""

from __future__ import annotations

import json
import os
import shutil
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from newsflow.schemas import RUNS, TABLES, Table
from tasks.analytics import prepare_analytics
from tasks.out_store import OutDir, OutPath, child
from tasks.parquet_io import ParquetFiles, file_key, parquet_files, write_atomic


class PublishMode(Enum):
    """How publish_database prepared the new generation."""

    STANDBY = 1  # the previous generation, patched up to date (the nightly path)
    COPY = 2  # a copy of the published file, patched (no usable standby)
    BUILD = 3  # built from all the Parquet


@dataclass(frozen=True)
class Published:
    rows: dict[str, int]  # row count of every table in the published database
    mode: PublishMode


# Bump when a table definition changes: the next publish then rebuilds from Parquet.
SCHEMA_VERSION = 9
META_TABLE = "newsflow_meta"

# Rows of one source file are unique within its Parquet files. An article found in several
# source files is kept once, from the source file that sorts first; its sentences and embeds
# come from that same file (see insert_article_rows). The runs table, the only other one that
# can hold a row twice (a run recorded again after a failure), keeps the latest.
DEDUPLICATION: dict[str, tuple[str, str]] = {
    "runs": ("run_id", "finished_at DESC"),
}
# Tables whose rows belong to one article, and tables whose rows belong to one source file.
PER_ARTICLE = ("articles", "sentences", "social_embeds", "blocks")
PER_SOURCE = {"article_sources": "source_file", "rejects": "source_file", "ingested_files": "path"}

# A patch that replaces more than this share of the warehouse's articles is published as a build
# instead: at 1 GB, patching the standby with every file re-parsed peaked at 1.69 GB RSS (a build:
# 1.49 GB) and took longer. Below PATCH_MIN_ARTICLES changed articles a patch is cheap whatever
# the share, and the standby stays the path of a small warehouse's nightly runs.
PATCH_MAX_SHARE = 0.2
PATCH_MIN_ARTICLES = 20_000


def quote_literal(value: str) -> str:
    """SQL string literal for DDL text and file paths newsflow generated itself, never for data values."""
    return "'" + value.replace("'", "''") + "'"


def create_table_sql(table: Table) -> str:
    # No PRIMARY KEY: see Table.primary_key; check_keys_unique guards the keys instead.
    columns = [f'"{c.name}" {c.duckdb_type}{"" if c.nullable else " NOT NULL"}' for c in table.columns]
    return f'CREATE TABLE "{table.name}" (\n  ' + ",\n  ".join(columns) + "\n)"


def comment_sql(table: Table) -> list[str]:
    comment = table.comment + (f" Key: ({', '.join(table.primary_key)})." if table.primary_key else "")
    statements = [f'COMMENT ON TABLE "{table.name}" IS {quote_literal(comment)}']
    statements += [f'COMMENT ON COLUMN "{table.name}"."{c.name}" IS {quote_literal(c.comment)}' for c in table.columns]
    return statements


def source_columns(con: duckdb.DuckDBPyConnection, table: Table, source: str, alias: str = "") -> str:
    """`table`'s columns as a select list over `source`. Parquet written by an older version may lack a
    newer nullable column altogether: it reads as NULL (a missing NOT NULL column still fails the insert)."""
    available = {row[0] for row in con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()}
    prefix = f"{alias}." if alias else ""
    return ", ".join(
        f'{prefix}"{c.name}"' if c.name in available else f'NULL::{c.duckdb_type} AS "{c.name}"' for c in table.columns
    )


def select_sql(con: duckdb.DuckDBPyConnection, table: Table, source: str, where: str = "") -> str:
    """SELECT of `table`'s columns from a Parquet source, one row per key."""
    columns = source_columns(con, table, source)
    select = f"SELECT {columns} FROM {source}" + (f" WHERE {where}" if where else "")
    if table.name in DEDUPLICATION:
        key, order = DEDUPLICATION[table.name]
        select += f" QUALIFY row_number() OVER (PARTITION BY {key} ORDER BY {order}) = 1"
    return select


def parquet_source(paths: str | list[OutPath], with_filename: bool = False) -> str:
    """read_parquet over a glob or a list of files newsflow wrote (optionally with a `filename` column).

    Columns are matched by name: files a previous version wrote (a column fewer) read as NULL there.
    """
    if isinstance(paths, str):
        listing = quote_literal(paths)
    else:
        listing = "[" + ", ".join(quote_literal(str(p)) for p in paths) + "]"
    options = "hive_partitioning = false, union_by_name = true" + (", filename = true" if with_filename else "")
    return f"read_parquet({listing}, {options})"


def insert_article_rows(
    con: duckdb.DuckDBPyConnection, parquet: ParquetFiles, sources: list[str] | None, where: str = ""
) -> None:
    """Insert articles, sentences and embeds, one copy per article_id, from the Parquet files of
    `sources` (all source files when None).

    The winner of each article is chosen on narrow columns (article_id, source_file) first;
    the wide rows then stream through a hash join, so memory stays bounded however large the
    warehouse (a window over the wide rows does not spill and ran out of memory at 1 GB of text).
    """
    articles = TABLES["articles"]
    has = {name: sources is not None or parquet.has_files(TABLES[name]) for name in PER_ARTICLE}
    files: dict[str, str | list[Path]] = {
        name: (
            parquet.files_of(TABLES[name], sources)
            if sources is not None
            else (parquet.table_glob(TABLES[name]) if has[name] else [])
        )
        for name in PER_ARTICLE
    }
    if not files["articles"]:
        return
    filter_sql = f" WHERE {where}" if where else ""
    con.execute(
        "CREATE OR REPLACE TEMP TABLE winners AS SELECT article_id, min(source_file) AS source_file "
        f"FROM {parquet_source(files['articles'])}{filter_sql} GROUP BY article_id"
    )
    holders = [row[0] for row in con.execute("SELECT DISTINCT source_file FROM winners").fetchall()]
    keys = [(file_key(source), source) for source in holders]
    con.execute("CREATE OR REPLACE TEMP TABLE source_keys (key VARCHAR, source_file VARCHAR)")
    con.executemany("INSERT INTO source_keys VALUES (?, ?)", keys)
    columns = source_columns(con, articles, parquet_source(files["articles"]), "a")
    con.execute(
        f"INSERT INTO articles SELECT {columns} FROM {parquet_source(files['articles'])} AS a "
        "JOIN winners AS w ON a.article_id = w.article_id AND a.source_file = w.source_file"
    )
    for name in PER_ARTICLE[1:]:
        if not files[name]:
            continue
        source = parquet_source(files[name], with_filename=True)
        columns = source_columns(con, TABLES[name], source, "r")
        con.execute(
            f'INSERT INTO "{name}" SELECT {columns} FROM {source} AS r '
            "JOIN source_keys AS k ON k.key = regexp_extract(r.filename, '([^/]+)[.]parquet$', 1) "
            "JOIN winners AS w ON r.article_id = w.article_id AND k.source_file = w.source_file"
        )


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    for table in TABLES.values():
        con.execute(create_table_sql(table))
        for statement in comment_sql(table):
            con.execute(statement)
    con.execute(f"CREATE TABLE {META_TABLE} (key VARCHAR PRIMARY KEY, value VARCHAR)")
    con.execute(f"COMMENT ON TABLE {META_TABLE} IS 'newsflow bookkeeping: schema version of this database.'")
    con.execute(f"COMMENT ON COLUMN {META_TABLE}.key IS 'Setting name.'")
    con.execute(f"COMMENT ON COLUMN {META_TABLE}.value IS 'Setting value.'")
    con.execute(f"INSERT INTO {META_TABLE} VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])


def row_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    counts = {}
    for name in TABLES:
        row = con.execute(f'SELECT count(*) FROM "{name}"').fetchone()
        counts[name] = int(row[0]) if row else 0
    return counts


# DuckDB would take most of the machine's memory for the joins and aggregates of a full build;
# cap it and let it spill to disk beside the database instead, so the whole run stays bounded.
# The cap covers DuckDB's buffer pool only: its Parquet readers and per-thread state come on top
# (~400 MB more at 1 GB). A build of the 1 GB corpus's Parquet on its own peaked at 1.12 GB RSS at a
# 512 MB cap, 0.94 GB at 384 MB and 0.79 GB at 256 MB, taking 412 s, 435 s and 477 s: 384 MB keeps
# the publish after a whole parse (whose freed pages the process keeps) under 1.5 GB for a few
# percent of build time. The list aggregates that cannot spill (search_index's sentence offsets)
# are built in slices.
DUCKDB_MEMORY_LIMIT = "384MB"


def connect_for_build(path: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(path))
    con.execute(f"SET memory_limit = '{DUCKDB_MEMORY_LIMIT}'")
    con.execute("SET preserve_insertion_order = false")
    con.execute("SET enable_progress_bar = false")
    con.execute("SET temp_directory = ?", [str(path) + ".spill"])
    return con


class DuplicateKeyError(RuntimeError):
    """The database about to be published would hold a key twice: a bug, so nothing is published."""


def check_keys_unique(con: duckdb.DuckDBPyConnection, where: dict[str, str] | None = None) -> None:
    """Raise DuplicateKeyError if a table holds a key twice (only rows matching `where[table]`, if given)."""
    for table in TABLES.values():
        if not table.primary_key:
            continue
        if where is not None and table.name not in where:
            continue
        key = ", ".join(f'"{c}"' for c in table.primary_key)
        filter_sql = f" WHERE {where[table.name]}" if where else ""
        row = con.execute(
            f'SELECT {key}, count(*) FROM "{table.name}"{filter_sql} GROUP BY ALL HAVING count(*) > 1 LIMIT 1'
        ).fetchone()
        if row is not None:
            raise DuplicateKeyError(f"{table.name}: key {row[:-1]} would be stored {row[-1]} times; not published")


def build_database(out_dir: OutDir, path: Path, reindex: bool = False) -> dict[str, int]:
    """Create a complete database at `path` from all the Parquet under `out_dir`; returns row counts."""
    with connect_for_build(path) as con, parquet_files(out_dir, path) as parquet:
        create_schema(con)
        insert_article_rows(con, parquet, None)
        for table in TABLES.values():
            if table.name not in PER_ARTICLE and parquet.has_files(table):
                source = parquet_source(parquet.table_glob(table))
                con.execute(f'INSERT INTO "{table.name}" ' + select_sql(con, table, source))
        check_keys_unique(con)
        prepare_analytics(con)  # analytics layer: views, macros, derived structures
        con.execute("CHECKPOINT")
        return row_counts(con)


def can_patch(db_path: Path) -> bool:
    """True when db_path is a newsflow database of the current schema version."""
    if not db_path.exists():
        return False
    try:
        with duckdb.connect(str(db_path), read_only=True) as con:
            row = con.execute(f"SELECT value FROM {META_TABLE} WHERE key = 'schema_version'").fetchone()
    except duckdb.Error:
        return False
    return row is not None and row[0] == str(SCHEMA_VERSION)


def changed_sources(con: duckdb.DuckDBPyConnection, parquet: ParquetFiles) -> list[str]:
    """Source files whose ledger row in Parquet differs from the one in the database.

    Comparing the two ledgers, rather than trusting the list of files the current run read,
    also catches files an earlier run wrote to Parquet but died before publishing.
    """
    ledger = TABLES["ingested_files"]
    if not parquet.has_files(ledger):
        return []
    rows = con.execute(
        f"SELECT p.path FROM {parquet_source(parquet.table_glob(ledger))} AS p "
        "LEFT JOIN ingested_files AS d ON p.path = d.path "
        "WHERE d.path IS NULL OR p.content_hash IS DISTINCT FROM d.content_hash "
        "OR p.run_id IS DISTINCT FROM d.run_id OR p.ingested_at IS DISTINCT FROM d.ingested_at "
        "ORDER BY 1"
    ).fetchall()
    return [row[0] for row in rows]


def patch_is_cheaper(out_dir: OutDir, db_path: Path, staging_beside: Path) -> bool:
    """True when patching the database at db_path up to date beats building a new one.

    Counts the articles of the source files whose Parquet ledger row differs from the
    database's (what a patch would re-insert) against the articles of the whole ledger.
    """
    ledger = TABLES["ingested_files"]
    with duckdb.connect(str(db_path), read_only=True) as con, parquet_files(out_dir, staging_beside) as parquet:
        if not parquet.has_files(ledger):
            return True
        changed = changed_sources(con, parquet)
        row = con.execute(
            "SELECT coalesce(sum(n_articles), 0), "
            "coalesce(sum(n_articles) FILTER (WHERE path IN (SELECT unnest(?))), 0) "
            f"FROM {parquet_source(parquet.table_glob(ledger))}",
            [changed],
        ).fetchone()
    total, to_patch = (int(row[0]), int(row[1])) if row else (0, 0)
    return to_patch < PATCH_MIN_ARTICLES or to_patch <= PATCH_MAX_SHARE * total


def patch_database(out_dir: OutDir, path: Path, reindex: bool = False) -> dict[str, int]:
    """Bring the database at `path` up to date with the source files whose Parquet changed (and new runs)."""
    with connect_for_build(path) as con, parquet_files(out_dir, path) as parquet:
        changed = changed_sources(con, parquet)
        con.execute("CREATE TEMP TABLE changed AS SELECT unnest(?::VARCHAR[]) AS source_file", [changed])
        # Articles touched: those a changed file held before, and those it holds now.
        new_articles = parquet.files_of(TABLES["articles"], changed)
        con.execute(
            "CREATE TEMP TABLE affected AS SELECT article_id FROM articles WHERE source_file IN (FROM changed)"
            + (f" UNION SELECT article_id FROM {parquet_source(new_articles)}" if new_articles else "")
        )
        for name in PER_ARTICLE:
            con.execute(f'DELETE FROM "{name}" WHERE article_id IN (FROM affected)')
        for name, column in PER_SOURCE.items():
            con.execute(f'DELETE FROM "{name}" WHERE "{column}" IN (FROM changed)')
            files = parquet.files_of(TABLES[name], changed)
            if files:
                con.execute(f'INSERT INTO "{name}" ' + select_sql(con, TABLES[name], parquet_source(files)))
        # Every file that holds an affected article (the changed ones, and unchanged files with
        # a duplicate) supplies the candidates; the same dedup rule as a full build picks one.
        holders = [
            row[0]
            for row in con.execute(
                "SELECT DISTINCT source_file FROM article_sources WHERE article_id IN (FROM affected) ORDER BY 1"
            ).fetchall()
        ]
        insert_article_rows(con, parquet, holders, "article_id IN (FROM affected)")
        runs = TABLES["runs"]
        if parquet.has_files(runs):
            con.execute(
                'INSERT INTO "runs" '
                + select_sql(
                    con, runs, parquet_source(parquet.table_glob(runs)), "run_id NOT IN (SELECT run_id FROM runs)"
                )
            )
        # Only the rows this patch touched can break a key (the rest passed the same check before).
        check_keys_unique(
            con,
            {
                "articles": "article_id IN (FROM affected)",
                "social_embeds": "article_id IN (FROM affected)",
                "article_sources": "source_file IN (FROM changed)",
                "ingested_files": "path IN (FROM changed)",
                "runs": "true",
            },
        )
        prepare_analytics(con, "affected", reindex)  # analytics layer, limited to the articles this patch touched
        con.execute("CHECKPOINT")
        return row_counts(con)


def run_row_path(out_dir: OutDir, run_id: str) -> OutPath:
    return child(out_dir, RUNS.name, f"{run_id}.parquet")


def write_run_row(out_dir: OutDir, run_row: dict[str, Any]) -> None:
    """The run's row in the runs table's Parquet (JSON columns given as dicts are serialised)."""
    row = {k: json.dumps(v, sort_keys=True) if isinstance(v, dict) else v for k, v in run_row.items()}
    write_atomic(RUNS, pl.DataFrame([row]), run_row_path(out_dir, str(run_row["run_id"])))


def standby_path(db_path: Path) -> Path:
    """The previous generation of db_path, kept to be patched into the next one."""
    return db_path.with_name(f".{db_path.name}.standby")


def remove_stale_builds(db_path: Path) -> int:
    """Delete half-built databases a killed run left beside db_path (only while holding the lock)."""
    removed = 0
    for path in db_path.parent.glob(f".{db_path.name}.*.building*"):
        if path.is_dir():  # DuckDB's spill folder
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed += 1
    return removed


def held_by_reader(path: Path) -> bool:
    """True when another process has the database open (DuckDB's lock on the file is taken)."""
    try:
        duckdb.connect(str(path)).close()
    except duckdb.IOException as error:
        if "lock" in str(error).lower():
            return True
        raise
    return False


def take_standby(db_path: Path, building: Path) -> bool:
    """Move the standby generation to `building` when it can be patched: same schema, no reader."""
    standby = standby_path(db_path)
    if not can_patch(standby):
        return False
    # A reader that opened the published file before the last swap may still hold this file.
    # Patching it under that reader would fail on the lock; copying is the way out then.
    os.replace(standby, building)
    if held_by_reader(building):
        os.replace(building, standby)
        return False
    return True


def fsync_path(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def swap_in(building: Path, db_path: Path, fresh_standby: Path | None) -> None:
    """Publish `building` as db_path; the generation it replaces (or `fresh_standby`) becomes the standby.

    Each step is one rename, so a crash between two leaves either the old or the new database
    published, and at worst a missing standby (the next run then copies).
    """
    standby = standby_path(db_path)
    fsync_path(building)
    if fresh_standby is None and db_path.exists():
        fresh_standby = db_path.with_name(f".{db_path.name}.{uuid.uuid4().hex[:8]}.building-standby")
        os.link(db_path, fresh_standby)  # keeps the outgoing generation once its name moves on
    os.replace(building, db_path)
    if fresh_standby is not None:
        os.replace(fresh_standby, standby)
    fsync_path(db_path.parent)


def publish_database(
    out_dir: OutDir,
    db_path: Path,
    rebuild: bool = False,
    run_row: dict[str, Any] | None = None,
    reindex: bool = False,
) -> Published:
    """Prepare a new database beside `db_path` and atomically rename it into place.

    The new database is the standby patched up to date, else a patched copy of the current
    one, else (first run, `rebuild`, schema change, or most of the warehouse re-read) built
    from all the Parquet; the result says which, with the row count of every table.
    `run_row`, when given, is completed with the publish time and recorded in the runs
    table (Parquet and the new database) before the swap, so the published database
    already describes the run that published it.
    """
    db_path.parent.mkdir(parents=True, exist_ok=True)
    building = db_path.with_name(f".{db_path.name}.{uuid.uuid4().hex[:8]}.building")
    fresh_standby: Path | None = None
    started = time.perf_counter()
    try:
        if not rebuild and take_standby(db_path, building):
            mode = PublishMode.STANDBY
            if not patch_is_cheaper(out_dir, building, building):
                # The old standby is dropped: this build leaves a fresh one (below).
                building.unlink()
                mode = PublishMode.BUILD
        elif not rebuild and can_patch(db_path) and patch_is_cheaper(out_dir, db_path, building):
            mode = PublishMode.COPY
            shutil.copyfile(db_path, building)
        else:
            mode = PublishMode.BUILD
        counts = (
            build_database(out_dir, building)
            if mode is PublishMode.BUILD
            else patch_database(out_dir, building, reindex)
        )
        if run_row is not None:
            finished = datetime.now(UTC).replace(tzinfo=None)
            run_row = {
                **run_row,
                "finished_at": finished,
                "duration_s": (finished - run_row["started_at"]).total_seconds(),
                "stage_seconds": {
                    **run_row["stage_seconds"],
                    "publish_duckdb": round(time.perf_counter() - started, 3),
                },
            }
            write_run_row(out_dir, run_row)
            with duckdb.connect(str(building)) as con, parquet_files(out_dir, building) as parquet:
                con.execute("DELETE FROM runs WHERE run_id = ?", [run_row["run_id"]])
                row_file = parquet.local([run_row_path(out_dir, str(run_row["run_id"]))])
                con.execute("INSERT INTO runs " + select_sql(con, RUNS, parquet_source(row_file)))
                counts["runs"] = int(con.execute("SELECT count(*) FROM runs").fetchone()[0])  # type: ignore[index]
        if mode is PublishMode.BUILD:
            # The old file has another schema or was replaced wholesale: the standby for the
            # next run is a copy of this build (a rebuild costs a full pass anyway).
            fresh_standby = building.with_name(building.name + "-standby")
            shutil.copyfile(building, fresh_standby)
        swap_in(building, db_path, fresh_standby)
    finally:
        for leftover in (building, fresh_standby):
            if leftover is not None:
                leftover.unlink(missing_ok=True)
                Path(str(leftover) + ".wal").unlink(missing_ok=True)
        shutil.rmtree(str(building) + ".spill", ignore_errors=True)
    return Published(rows=counts, mode=mode)
