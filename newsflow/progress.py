"""Progress of a long ingest, shown by whoever started it (the CLI draws a bar in a terminal).

The flow reports through `current()`; by default nobody listens. This keeps Prefect code free of
terminal concerns and works the same under a worker, where there is no terminal.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol


class ProgressReporter(Protocol):
    def start(self, total_files: int, total_bytes: int) -> None: ...

    def advance(self, files: int, size_bytes: int) -> None: ...

    def finish(self) -> None: ...


class _Silent:
    def start(self, total_files: int, total_bytes: int) -> None:
        pass

    def advance(self, files: int, size_bytes: int) -> None:
        pass

    def finish(self) -> None:
        pass


_current: ProgressReporter = _Silent()


def current() -> ProgressReporter:
    return _current


@contextmanager
def reporting_to(reporter: ProgressReporter) -> Iterator[None]:
    global _current
    previous, _current = _current, reporter
    try:
        yield
    finally:
        _current = previous


class RichBar:
    """A rich progress bar over the raw bytes of the files being parsed, with a file count."""

    def __init__(self) -> None:
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
            TransferSpeedColumn,
        )

        self._progress = Progress(
            TextColumn("parsing"),
            BarColumn(),
            DownloadColumn(),
            TransferSpeedColumn(),
            TextColumn("{task.fields[files_done]}/{task.fields[files_total]} files"),
            TimeRemainingColumn(),
        )
        self._task: int | None = None

    def start(self, total_files: int, total_bytes: int) -> None:
        self._progress.start()
        self._task = self._progress.add_task("ingest", total=max(total_bytes, 1), files_done=0, files_total=total_files)

    def advance(self, files: int, size_bytes: int) -> None:
        if self._task is None:
            return
        done = self._progress.tasks[0].fields["files_done"] + files
        self._progress.update(self._task, advance=size_bytes, files_done=done)

    def finish(self) -> None:
        self._progress.stop()
