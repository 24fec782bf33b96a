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
from tasks.search_index import build_search_index, has_search_index


def prepare_analytics(con: duckdb.DuckDBPyConnection, affected: str | None = None) -> None:
    """Create the views and macros (and derived structures) in the database open on `con`."""
    update_near_duplicates(con, affected)  # article_duplicates, read by some views
    create_views(con)
    if affected is not None and not _any_rows(con, affected) and has_search_index(con):
        return  # a patch that touched no article: the index over sentences is still exact
    build_search_index(con)


def _any_rows(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    return con.execute(f'SELECT EXISTS (FROM "{table}")').fetchone() == (True,)
