"""Hand memory freed by the parse stage back to the operating system before the DuckDB build.

Parsing a batch allocates many short-lived buffers (Python strings, Arrow and polars arrays).
When a batch is done they are freed, but the allocators keep most of the pages for reuse, so the
process still holds them when DuckDB starts its own (capped) build: the two add up in peak RSS.
Trimming costs a few milliseconds once per run.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import gc

import pyarrow as pa


def release_unused_memory() -> None:
    """Collect garbage, then ask Arrow's pool and glibc's malloc to return free pages (best effort)."""
    gc.collect()
    with contextlib.suppress(AttributeError, NotImplementedError):
        pa.default_memory_pool().release_unused()
    libc_name = ctypes.util.find_library("c")
    if libc_name is None:
        return
    try:
        libc = ctypes.CDLL(libc_name)
        trim = libc.malloc_trim  # glibc only; musl and macOS have no malloc_trim
    except (OSError, AttributeError):
        return
    trim(0)
