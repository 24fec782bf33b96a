"""The bundled sample dumps as a published warehouse, built without Prefect (fast, deterministic)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from tasks.batch import process_batch
from tasks.ledger import list_hashed_raw_files, plan_work, read_ledger
from tasks.parse import PARSER_VERSION
from tasks.run_record import completed_run_row
from tasks.warehouse import publish_database

SAMPLE_NOW = datetime(2026, 11, 25, 2, 0, 0)
SAMPLE_RUN_ID = "20261125T020000Z-sample"


def build_sample_warehouse(raw_dir: Path, out_dir: Path, db_path: Path, now: datetime = SAMPLE_NOW) -> Path:
    """Parse every dump under raw_dir into out_dir and publish db_path, with one completed run row."""
    hashed, _ = list_hashed_raw_files(raw_dir)
    plan = plan_work(hashed, read_ledger(out_dir), PARSER_VERSION)
    report = process_batch(raw_dir, out_dir, plan.to_process, SAMPLE_RUN_ID, now)
    run_row = completed_run_row(
        {"run_id": SAMPLE_RUN_ID, "flow_run_id": "", "started_at": now},
        plan,
        report,
        False,
        {"plan": 0.0, "read": 0.0, "parse": 0.0, "write_parquet": 0.0, "parse_and_write_wall": 0.0},
    )
    publish_database(out_dir, db_path, run_row=run_row)
    return db_path
