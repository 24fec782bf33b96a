"""The analytics layer of a database being published: one call from the loader (tasks/warehouse.py).

Runs inside the new database before it is swapped in, after its tables are complete: the
views and macros (newsflow/views.py), then the derived structures. `affected` names a table
of the article_ids a patch touched (None for a full build), so that derived work can be
limited to what changed.
"""

from __future__ import annotations

import duckdb

from newsflow.views import create_views


def prepare_analytics(con: duckdb.DuckDBPyConnection, affected: str | None = None) -> None:
    """Create the views and macros (and derived structures) in the database open on `con`."""
    create_views(con)
