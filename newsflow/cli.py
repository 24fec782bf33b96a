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
from tasks.discover import BATCH_MAX_BYTES
from tasks.raw_store import raw_dir_exists

app = typer.Typer(
    help="newsflow: raw news text dumps -> Parquet (articles, sentences, social embeds) -> DuckDB.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

RawDirOption = Annotated[
    str | None,
    typer.Option(
        "--raw-dir",
        envvar=ENV_RAW_DIR,
        help="Folder of raw dumps (default: data/raw), or an fsspec URL such as s3://bucket/dumps.",
        show_default=False,
    ),
]
OutDirOption = Annotated[
    str | None,
    typer.Option(
        "--out-dir", envvar=ENV_OUT_DIR, help="Folder for Parquet tables (default: data/processed).", show_default=False
    ),
]
DbOption = Annotated[
    str | None,
    typer.Option(
        "--db", envvar=ENV_DB, help="DuckDB database file (default: data/newsflow.duckdb).", show_default=False
    ),
]


class TaskRunnerChoice(StrEnum):
    threads = "threads"
    dask = "dask"


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
    kinds = ", ".join(f"{k}={v}" for k, v in sorted(summary["blocks_by_kind"].items())) or "none"
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
                f"  blocks     {rows.get('blocks', 0)} ({kinds})",
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
    since: Annotated[
        datetime | None,
        typer.Option(
            formats=["%Y-%m-%d"], help="Backfill: re-read files with articles published on or after this date."
        ),
    ] = None,
    until: Annotated[
        datetime | None,
        typer.Option(
            formats=["%Y-%m-%d"], help="Backfill: re-read files with articles published on or before this date."
        ),
    ] = None,
    limit: Annotated[int | None, typer.Option(help="Process at most this many files (for a trial run).")] = None,
    reprocess: Annotated[
        bool, typer.Option("--reprocess", help="Re-read every file, even those the ledger says are unchanged.")
    ] = False,
    reindex: Annotated[
        bool,
        typer.Option(
            "--reindex",
            help="Rebuild the full-text index over all sentences (maintenance: nightly runs patch it exactly).",
        ),
    ] = False,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Rebuild the DuckDB file from all the Parquet instead of patching it.")
    ] = False,
    wait: Annotated[
        float, typer.Option(help="If another ingest run holds out_dir, wait up to this many seconds.")
    ] = 0.0,
    json_output: Annotated[bool, typer.Option("--json", help="Print the run summary as JSON.")] = False,
    batch_mb: Annotated[
        float, typer.Option(min=0.000001, help="Raw megabytes per task: smaller batches spread over more workers.")
    ] = BATCH_MAX_BYTES / 1e6,
    task_runner: Annotated[
        TaskRunnerChoice,
        typer.Option(
            help="Where the per-batch tasks run: threads in this process, or a Dask cluster "
            "(needs a Prefect server: PREFECT_API_URL)."
        ),
    ] = TaskRunnerChoice.threads,
    dask_address: Annotated[
        str | None,
        typer.Option(
            envvar="NEWSFLOW_DASK_ADDRESS",
            help="Scheduler of an existing Dask cluster (tcp://host:8786); without it, --task-runner dask "
            "starts a LocalCluster of NEWSFLOW_DASK_WORKERS (2) worker processes.",
        ),
    ] = None,
) -> None:
    """Ingest every dump under --raw-dir: Parquet under --out-dir, then publish --db."""
    from newsflow.locking import RunLockedError

    settings = Settings.resolve(raw_dir, out_dir, db)
    if not raw_dir_exists(settings.raw_dir):
        _fail(f"raw dir {settings.raw_dir} does not exist (set --raw-dir or {ENV_RAW_DIR})", 2)
    window = (since.date() if since else None, until.date() if until else None)
    if window[0] and window[1] and window[0] > window[1]:
        _fail(f"--since {window[0]} is after --until {window[1]}", 2)
    since, until = window  # type: ignore[assignment]
    from flows.ingest import ingest as ingest_flow
    from newsflow import progress

    if task_runner is TaskRunnerChoice.dask:
        from flows.ingest_dask import DaskNeedsServerError, ingest_on_dask, require_prefect_server

        try:
            require_prefect_server()
        except DaskNeedsServerError as exc:
            _fail(str(exc), 2)
        ingest_flow = ingest_on_dask(dask_address)

    reporter = progress.RichBar() if sys.stderr.isatty() and not json_output else progress.current()
    try:
        with progress.reporting_to(reporter):
            summary = ingest_flow(
                raw_dir=str(settings.raw_dir),
                out_dir=str(settings.out_dir),
                db=str(settings.db_path),
                since=since,
                until=until,
                reprocess=reprocess,
                limit=limit,
                rebuild=rebuild,
                reindex=reindex,
                wait_seconds=wait,
                batch_mb=batch_mb,
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
    from tasks.search_index import load_fts

    load_fts(con)  # search_sentences needs it; loaded from its wheel, never downloaded
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


@app.command()
def report(
    out: Annotated[Path, typer.Option("--out", "-o", help="HTML file to write.")] = Path("report.html"),
    db: DbOption = None,
    since: Annotated[datetime | None, typer.Option(formats=["%Y-%m-%d"], help="First publication day shown.")] = None,
    until: Annotated[datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Last publication day shown.")] = None,
) -> None:
    """Write one self-contained HTML page of charts (no network needed to open it) from the database's views."""
    from newsflow.report import Window, write_report

    db_path = Settings.resolve(db=db).db_path
    if not Path(db_path).exists():
        _fail(f"database {db_path} does not exist yet: run `newsflow ingest` first", 2)
    window = Window(since.date() if since else None, until.date() if until else None)
    if window.since and window.until and window.since > window.until:
        _fail(f"--since {window.since} is after --until {window.until}", 2)
    import duckdb

    try:
        figures = write_report(Path(db_path), out, window)
    except duckdb.Error as exc:
        _fail(f"cannot read {db_path}: {exc}")
    typer.echo(
        f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB): {figures['articles']} articles, "
        f"{figures['embeds']} embeds, {figures['window']}"
    )


@app.command()
def status(
    raw_dir: RawDirOption = None,
    out_dir: OutDirOption = None,
    db: DbOption = None,
    runs: Annotated[int, typer.Option(help="How many recent runs to show.")] = 10,
) -> None:
    """Show the last runs and which raw files the next run would read."""
    import duckdb

    from tasks.ledger import list_hashed_raw_files, plan_work, read_ledger
    from tasks.parse import PARSER_VERSION

    settings = Settings.resolve(raw_dir, out_dir, db)
    if settings.db_path.exists():
        with duckdb.connect(str(settings.db_path), read_only=True) as con:
            typer.echo(f"Last runs ({settings.db_path}):")
            con.sql(
                "SELECT run_id, status, started_at, round(duration_s, 1) AS seconds, files_seen AS seen, "
                "files_processed AS processed, files_skipped AS unchanged, files_failed AS failed, "
                "n_articles AS articles, n_embeds AS embeds, n_rejects AS rejects "
                "FROM runs ORDER BY started_at DESC LIMIT ?",
                params=[runs],
            ).show(max_width=200)
    else:
        typer.echo(f"No database at {settings.db_path} yet.")
    if not raw_dir_exists(settings.raw_dir):
        _fail(f"raw dir {settings.raw_dir} does not exist", 2)
    ledger = read_ledger(settings.out_dir)
    hashed, skipped = list_hashed_raw_files(settings.raw_dir, ledger)
    plan = plan_work(hashed, ledger, PARSER_VERSION)
    pending_bytes = sum(f.size_bytes for f in plan.to_process)
    typer.echo(
        f"\nRaw files in {settings.raw_dir}: {len(hashed)} "
        f"({plan.new} new, {plan.changed} changed, {plan.outdated} parser-outdated, {plan.unchanged} unchanged)"
    )
    typer.echo(f"Pending for the next run: {len(plan.to_process)} files, {pending_bytes / 1e6:.1f} MB")
    for raw_file in plan.to_process[:50]:
        typer.echo(f"  {raw_file.source_file}  ({raw_file.size_bytes} bytes)")
    if len(plan.to_process) > 50:
        typer.echo(f"  … and {len(plan.to_process) - 50} more")
    for reason in skipped:
        typer.echo(f"  ignored: {reason}")


@app.command()
def serve(
    raw_dir: RawDirOption = None,
    out_dir: OutDirOption = None,
    db: DbOption = None,
    cron: Annotated[str, typer.Option(help="Cron schedule.")] = "0 2 * * *",
    timezone: Annotated[str, typer.Option(help="IANA time zone of the cron schedule.")] = "UTC",
    name: Annotated[str, typer.Option(help="Deployment name.")] = "nightly-served",
) -> None:
    """Serve the nightly ingest schedule from this process (no work pool needed; needs a Prefect server)."""
    from prefect.schedules import Cron

    from flows.ingest import ingest as ingest_flow

    settings = Settings.resolve(raw_dir, out_dir, db)
    typer.echo(f"Serving '{ingest_flow.name}/{name}' on '{cron}' ({timezone}); Ctrl+C to stop.")
    ingest_flow.serve(
        name=name,
        schedules=[Cron(cron, timezone=timezone)],
        parameters={"raw_dir": str(settings.raw_dir), "out_dir": str(settings.out_dir), "db": str(settings.db_path)},
        pause_on_shutdown=False,
    )


def main() -> None:
    app()


if __name__ == "__main__":
    main()
