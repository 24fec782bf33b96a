"""One ingest run at a time: an advisory file lock, released by the OS if the holder dies.

The lock file is Settings.lock_path: in out_dir when it is a folder, beside the DuckDB file when
out_dir is an object-store URL (where no OS lock can live).
"""

from __future__ import annotations

import fcntl
import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

LOCK_NAME = ".newsflow.lock"


class RunLockedError(RuntimeError):
    """Another ingest run holds the lock."""


def _holder(lock_path: Path) -> str:
    try:
        info = json.loads(lock_path.read_text() or "{}")
    except (OSError, ValueError):
        return "another ingest run"
    return f"ingest run {info.get('run_id', '?')} (pid {info.get('pid', '?')}, started {info.get('started_at', '?')})"


@contextmanager
def run_lock(
    lock_path: Path,
    run_id: str,
    wait_seconds: float = 0.0,
    on_wait: Callable[[str], None] | None = None,
    poll_seconds: float = 0.5,
) -> Iterator[None]:
    """Hold the lock on `lock_path` for the duration of the block.

    Waits up to `wait_seconds` for a running ingest to finish (calling `on_wait` once with
    who holds it), then raises RunLockedError with the same explanation.
    """
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(lock_path, "a+")  # noqa: SIM115 - held open for the whole block
    try:
        deadline = time.monotonic() + wait_seconds
        told = False
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = _holder(lock_path)
                if time.monotonic() >= deadline:
                    raise RunLockedError(
                        f"{holder} is writing (lock {lock_path}); not starting a second one"
                        + (f" (waited {wait_seconds:.0f} s)" if wait_seconds else " (use --wait SECONDS to queue)")
                    ) from None
                if not told and on_wait is not None:
                    on_wait(f"waiting for {holder} to finish (up to {wait_seconds:.0f} s)")
                    told = True
                time.sleep(poll_seconds)
        handle.seek(0)
        handle.truncate()
        handle.write(
            json.dumps(
                {"run_id": run_id, "pid": os.getpid(), "started_at": datetime.now(UTC).isoformat(timespec="seconds")}
            )
        )
        handle.flush()
        yield
    finally:
        handle.close()  # closing releases the flock
