from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_RAW_DIR = ROOT / "data" / "raw"
sys.path.insert(0, str(ROOT))

# Under pytest-xdist every worker is a process of its own that starts its own ephemeral Prefect
# server; a Prefect home per worker keeps their SQLite databases from contending for one file.
# Set before `newsflow` (and so Prefect) is imported, because Prefect reads it at import time.
if os.environ.get("PYTEST_XDIST_WORKER"):
    _worker_home = tempfile.mkdtemp(prefix=f"newsflow-{os.environ['PYTEST_XDIST_WORKER']}-prefect-")
    os.environ["PREFECT_HOME"] = _worker_home
    atexit.register(shutil.rmtree, _worker_home, ignore_errors=True)

import newsflow  # noqa: E402,F401  (Prefect offline defaults before any prefect import)

BIN = Path(sys.executable).parent


@pytest.fixture(scope="session")
def prefect_harness():
    """One temporary Prefect server for the whole session (costs ~10 s to start)."""
    from prefect.testing.utilities import prefect_test_harness

    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")
    with prefect_test_harness(server_startup_timeout=90):
        yield


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def stop(process: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> None:
    """Stop a process started in its own session, and everything it started."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, sig)
            process.wait(timeout=20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


@pytest.fixture(scope="session")
def prefect_server(tmp_path_factory) -> Iterator[dict[str, str]]:
    home = tmp_path_factory.mktemp("prefect_home")
    port = free_port()
    env = {
        **os.environ,
        "PREFECT_HOME": str(home),
        "PREFECT_API_URL": f"http://127.0.0.1:{port}/api",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "DO_NOT_TRACK": "1",
        "PREFECT_UI_ENABLED": "false",
    }
    log = open(home / "server.log", "wb")  # noqa: SIM115 - closed in teardown
    server = subprocess.Popen(
        [BIN / "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("Prefect server did not start:\n" + (home / "server.log").read_text()[-3000:])
            time.sleep(0.5)
        yield env
    finally:
        stop(server)
        log.close()
