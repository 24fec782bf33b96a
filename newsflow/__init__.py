"""newsflow: batch pipeline from raw news text dumps to Parquet and DuckDB."""

from __future__ import annotations

import os

__version__ = "0.1.0"

# Prefect reads these at import time, so they are set before anything imports it.
# Telemetry is off (it logs an error and stalls exit on a closed network), and the
# ephemeral server gets time to start on a busy 2-core machine.
for _key, _value in {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
}.items():
    os.environ.setdefault(_key, _value)
