"""Where newsflow reads and writes: resolved once, in one order.

Explicit argument (CLI option or flow parameter) -> environment variable -> default.
This is the only module that reads newsflow's environment variables.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

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
    out_dir: Path
    db_path: Path

    @classmethod
    def resolve(
        cls,
        raw_dir: str | os.PathLike[str] | None = None,
        out_dir: str | os.PathLike[str] | None = None,
        db: str | os.PathLike[str] | None = None,
    ) -> Settings:
        def pick(value: str | os.PathLike[str] | None, env: str, default: str) -> Path:
            chosen = value if value not in (None, "") else os.environ.get(env) or default
            return Path(chosen).expanduser().resolve()

        raw_choice = raw_dir if raw_dir not in (None, "") else os.environ.get(ENV_RAW_DIR) or DEFAULT_RAW_DIR
        return cls(
            raw_dir=as_raw_dir(raw_choice),
            out_dir=pick(out_dir, ENV_OUT_DIR, DEFAULT_OUT_DIR),
            db_path=pick(db, ENV_DB, DEFAULT_DB),
        )
