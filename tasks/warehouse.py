"""Publish the Parquet tables as a DuckDB database file, atomically.

DuckDB lets one process hold a database file for writing, and while it does every other
process fails to open it, readers included. So the loader never writes into the file
people query: it builds a complete new database next to it and renames it over the old
one. A reader that opened the old file keeps a consistent snapshot; the next one opens the
new file; nobody ever sees a half-loaded state, and nobody waits for a run.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import duckdb

from newsflow.schemas import TABLES, Table, duckdb_type
from tasks.parquet_io import has_files, table_glob

# How each table's rows are made unique when the same row was written more than once
# (an article found in two source files, a file re-read by a later run): the key, and
# which copy wins.
DEDUPLICATION: dict[str, tuple[str, str]] = {
    "articles": ("article_id", "source_file, record_no"),
    "article_sources": ("source_file, record_no", "run_id DESC"),
    "sentences": ("article_id, sentence_no", "article_id"),
    "social_embeds": ("embed_id", "embed_id"),
    "runs": ("run_id", "finished_at DESC"),
    "ingested_files": ("path", "ingested_at DESC"),
}


def quote_literal(value: str) -> str:
    """SQL string literal; used only for DDL text (comments, file globs), never for data."""
    return "'" + value.replace("'", "''") + "'"


def create_table_sql(table: Table) -> str:
    columns = [f'"{c.name}" {duckdb_type(c.dtype)}{"" if c.nullable else " NOT NULL"}' for c in table.columns]
    if table.primary_key:
        columns.append(f"PRIMARY KEY ({', '.join(table.primary_key)})")
    return f'CREATE TABLE "{table.name}" (\n  ' + ",\n  ".join(columns) + "\n)"


def comment_sql(table: Table) -> list[str]:
    statements = [f'COMMENT ON TABLE "{table.name}" IS {quote_literal(table.comment)}']
    statements += [f'COMMENT ON COLUMN "{table.name}"."{c.name}" IS {quote_literal(c.comment)}' for c in table.columns]
    return statements


def insert_sql(table: Table, out_dir: Path) -> str:
    columns = ", ".join(f'"{c}"' for c in table.column_names)
    source = f"read_parquet({quote_literal(table_glob(out_dir, table))}, hive_partitioning = false)"
    select = f"SELECT {columns} FROM {source}"
    if table.name in DEDUPLICATION:
        key, order = DEDUPLICATION[table.name]
        select += f" QUALIFY row_number() OVER (PARTITION BY {key} ORDER BY {order}) = 1"
    if "published_date" in table.column_names and table.name == "articles":
        select += " ORDER BY published_date, article_id"
    return f'INSERT INTO "{table.name}" {select}'


def build_database(out_dir: Path, path: Path) -> dict[str, int]:
    """Create a complete database at `path` from the Parquet under `out_dir`; returns row counts."""
    counts: dict[str, int] = {}
    with duckdb.connect(str(path)) as con:
        for table in TABLES.values():
            con.execute(create_table_sql(table))
            for statement in comment_sql(table):
                con.execute(statement)
            if has_files(out_dir, table):
                con.execute(insert_sql(table, out_dir))
            row = con.execute(f'SELECT count(*) FROM "{table.name}"').fetchone()
            counts[table.name] = int(row[0]) if row else 0
        con.execute("CHECKPOINT")
    return counts


def publish_database(out_dir: Path, db_path: Path) -> dict[str, int]:
    """Build a new database beside `db_path` and atomically rename it into place."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    building = db_path.with_name(f".{db_path.name}.{uuid.uuid4().hex[:8]}.building")
    try:
        counts = build_database(out_dir, building)
        with open(building, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(building, db_path)
        directory = os.open(db_path.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
    finally:
        building.unlink(missing_ok=True)
        Path(str(building) + ".wal").unlink(missing_ok=True)
    return counts
