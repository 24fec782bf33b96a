"""The analytics layer of a database being published: one call from the loader (tasks/warehouse.py).

Runs inside the new database before it is swapped in, after its tables are complete: the
views and macros (newsflow/views.py), then the derived structures. `affected` names a table
of the article_ids a patch touched (None for a full build), so that derived work can be
limited to what changed.
"""

from __future__ import annotations

import duckdb

from newsflow.views import create_views
from tasks.near_duplicates import update_near_duplicates
from tasks.search_index import build_search_index, patch_search_index


def prepare_analytics(con: duckdb.DuckDBPyConnection, affected: str | None = None, reindex: bool = False) -> None:
    """Create the views and macros (and derived structures) in the database open on `con`."""
    if affected is None:
        update_near_duplicates(con)  # article_duplicates, read by some views
        create_views(con)
    else:
        # A patch runs ~200 small statements here (near-duplicates, then every view and column
        # comment); one transaction commits, and syncs the write-ahead log, once instead of after each.
        # Not a full build: its near-duplicate pass writes millions of rows and is left to commit in steps.
        con.execute("BEGIN TRANSACTION")
        try:
            update_near_duplicates(con, affected)
            create_views(con)
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")
    # The full-text index is patched with the touched articles whatever the warehouse's size
    # (tasks/search_index.py); `reindex` asks for a rebuild from all sentences (maintenance).
    if affected is None or reindex:
        build_search_index(con)
    else:
        patch_search_index(con, affected)
