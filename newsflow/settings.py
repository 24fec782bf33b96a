"""Where newsflow reads and writes: resolved once, in one order.

Explicit argument (CLI option or flow parameter) -> environment variable -> default.
This is the only module that reads newsflow's environment variables.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from newsflow.locking import LOCK_NAME
from tasks.out_store import OutDir, as_out_dir
from tasks.raw_store import RawDir, as_raw_dir

DEFAULT_RAW_DIR = "data/raw"
DEFAULT_OUT_DIR = "data/processed"
DEFAULT_DB = "data/newsflow.duckdb"

ENV_RAW_DIR = "NEWSFLOW_RAW_DIR"
ENV_OUT_DIR = "NEWSFLOW_OUT_DIR"
ENV_DB = "NEWSFLOW_DB"


@dataclass(frozen=True)
class Settings:
    raw_dir: RawDir  # a local folder, or an fsspec URL (s3://bucket/dumps)
    out_dir: OutDir  # a local folder, or an fsspec URL (s3://bucket/processed)
    db_path: Path  # always a local file: DuckDB is published by one process, on one machine

    @property
    def lock_path(self) -> Path:
        """The file whose OS lock lets one ingest run at a time.

        In a local out_dir, as always (one run per out_dir). An advisory lock cannot live in object
        storage, so with an out_dir URL it sits beside the DuckDB file instead: one run at a time per
        warehouse, which is enough when that warehouse's publisher is the only writer of the URL.
        """
        if isinstance(self.out_dir, Path):
            return self.out_dir / LOCK_NAME
        return self.db_path.with_name(f".{self.db_path.name}{LOCK_NAME}")

    @classmethod
    def resolve(
        cls,
        raw_dir: str | os.PathLike[str] | None = None,
        out_dir: str | os.PathLike[str] | None = None,
        db: str | os.PathLike[str] | None = None,
    ) -> Settings:
        def pick(value: str | os.PathLike[str] | None, env: str, default: str) -> str | os.PathLike[str]:
            return value if value not in (None, "") else os.environ.get(env) or default

        db_choice = os.fspath(pick(db, ENV_DB, DEFAULT_DB))
        if "://" in db_choice:
            raise ValueError(f"db must be a local file (DuckDB publishes to one machine), not a URL: {db_choice}")
        db_path = Path(db_choice).expanduser().resolve()
        return cls(
            raw_dir=as_raw_dir(pick(raw_dir, ENV_RAW_DIR, DEFAULT_RAW_DIR)),
            out_dir=as_out_dir(pick(out_dir, ENV_OUT_DIR, DEFAULT_OUT_DIR)),
            db_path=db_path,
        )
