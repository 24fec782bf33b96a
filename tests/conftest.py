from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_RAW_DIR = ROOT / "data" / "raw"
sys.path.insert(0, str(ROOT))

import newsflow  # noqa: E402,F401  (Prefect offline defaults before any prefect import)


@pytest.fixture(scope="session")
def prefect_harness():
    """One temporary Prefect server for the whole session (costs ~10 s to start)."""
    from prefect.testing.utilities import prefect_test_harness

    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")
    with prefect_test_harness(server_startup_timeout=90):
        yield
