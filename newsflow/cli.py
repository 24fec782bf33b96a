"""The `newsflow` command."""

from __future__ import annotations

import csv
import json
import sys
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

import newsflow  # noqa: F401  (Prefect's offline defaults)
from newsflow.settings import ENV_DB, ENV_OUT_DIR, ENV_RAW_DIR, Settings

app = typer.Typer(
    help="newsflow: raw news text dumps -> Parquet (articles, sentences, social embeds) -> DuckDB.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

RawDirOption = Annotated[
    str | None,
    typer.Option("--raw-dir", envvar=ENV_RAW_DIR, help="Folder of raw dumps [default: data/raw].", show_default=False),
]
OutDirOption = Annotated[
    str | None,
    typer.Option(
        "--out-dir", envvar=ENV_OUT_DIR, help="Folder for Parquet tables [default: data/processed].", show_default=False
    ),
]
DbOption = Annotated[
    str | None,
    typer.Option(
        "--db", envvar=ENV_DB, help="DuckDB database file [default: data/newsflow.duckdb].", show_default=False
    ),
]


class OutputFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def _fail(message: str, code: int = 1) -> None:
    typer.secho(f"newsflow: {message}", err=True, fg=typer.colors.RED)
    raise typer.Exit(code)


def print_summary(summary: dict[str, Any]) -> None:
    rows = summary["rows"]
    rejects = ", ".join(f"{k}={v}" for k, v in sorted(summary["rejects_by_reason"].items())) or "none"
    platforms = ", ".join(f"{k}={v}" for k, v in sorted(summary["embeds_by_platform"].items())) or "none"
    stages = ", ".join(f"{k} {v:.2f}s" for k, v in summary["stage_seconds"].items())
    typer.echo(
        "\n".join(
            [
                f"newsflow ingest {summary['run_id']}",
                f"  files      {summary['files_seen']} seen, {summary['files_processed']} processed, "
                f"{summary['files_skipped']} unchanged, {summary['files_failed']} failed",
                f"  articles   {rows.get('articles', 0)} read "
                f"({summary['warehouse_rows'].get('articles', 0)} distinct in the warehouse)",
                f"  sentences  {rows.get('sentences', 0)}",
                f"  embeds     {rows.get('social_embeds', 0)} ({platforms})",
                f"  rejects    {rows.get('rejects', 0)} ({rejects})",
                f"  time       {summary['duration_s']:.1f} s ({stages})",
                f"  database   {summary['db']}",
            ]
        )
    )


@app.command()
def ingest(
    raw_dir: RawDirOption = None,
    out_dir: OutDirOption = None,
    db: DbOption = None,
    limit: Annotated[int | None, typer.Option(help="Process at most this many files (for a trial run).")] = None,
    reprocess: Annotated[
        bool, typer.Option("--reprocess", help="Re-read every file, even those the ledger says are unchanged.")
    ] = False,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Rebuild the DuckDB file from all the Parquet instead of patching it.")
    ] = False,
    wait: Annotated[
        float, typer.Option(help="If another ingest run holds out_dir, wait up to this many seconds.")
    ] = 0.0,
    json_output: Annotated[bool, typer.Option("--json", help="Print the run summary as JSON.")] = False,
) -> None:
    """Ingest every dump under --raw-dir: Parquet under --out-dir, then publish --db."""
    from newsflow.locking import RunLockedError

    settings = Settings.resolve(raw_dir, out_dir, db)
    if not settings.raw_dir.is_dir():
        _fail(f"raw dir {settings.raw_dir} does not exist (set --raw-dir or {ENV_RAW_DIR})", 2)
    from flows.ingest import ingest as ingest_flow

    try:
        summary = ingest_flow(
            raw_dir=str(settings.raw_dir),
            out_dir=str(settings.out_dir),
            db=str(settings.db_path),
            limit=limit,
            reprocess=reprocess,
            rebuild=rebuild,
            wait_seconds=wait,
        )
    except RunLockedError as exc:
        _fail(str(exc), 3)
    except (OSError, ValueError) as exc:
        _fail(f"ingest could not run: {exc}")
    if json_output:
        typer.echo(json.dumps(summary, indent=2, default=str))
    else:
        print_summary(summary)


def _json_default(value: object) -> object:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


@app.command()
def query(
    sql: Annotated[str, typer.Argument(help="SQL to run against the database (read-only).")],
    db: DbOption = None,
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat.table,
    max_rows: Annotated[int, typer.Option(help="Rows shown in table format.")] = 40,
) -> None:
    """Run SQL on the DuckDB file, opened read-only (never blocks or alters a run)."""
    import duckdb

    db_path = Settings.resolve(db=db).db_path
    if not Path(db_path).exists():
        _fail(f"database {db_path} does not exist yet: run `newsflow ingest` first", 2)
    try:
        con = duckdb.connect(str(db_path), read_only=True)
    except duckdb.Error as exc:
        _fail(f"cannot open {db_path}: {exc}")
    with con:
        try:
            relation = con.sql(sql)
        except duckdb.Error as exc:
            _fail(f"query failed: {exc}")
        if relation is None:
            return
        if output_format is OutputFormat.table:
            relation.show(max_rows=max_rows, max_width=200)
            return
        columns = relation.columns
        rows = relation.fetchall()
    if output_format is OutputFormat.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)
    else:
        typer.echo(
            json.dumps(
                [dict(zip(columns, row, strict=True)) for row in rows], default=_json_default, ensure_ascii=False
            )
        )


def main() -> None:
    app()


if __name__ == "__main__":
    main()
