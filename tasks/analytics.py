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
from tasks.search_index import build_search_index, forget_articles, has_search_index

# The BM25 index cannot be updated in place: rebuilding it reads every sentence (~25 s per 200 MB of
# raw text on 2 cores). A nightly patch therefore rebuilds it only while the warehouse is small; past
# that it keeps the index and drops the entries of the articles it touched (so nothing stale is ever
# returned), and new articles become searchable at the next `--reindex` run (the weekly deployment).
FTS_AUTO_REBUILD_MAX_SENTENCES = 1_000_000


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
    if affected is not None and has_search_index(con) and not reindex:
        if not _any_rows(con, affected):
            return  # a patch that touched no article: the index over sentences is still exact
        row = con.execute("SELECT count(*) FROM sentences").fetchone()
        if row is not None and row[0] > FTS_AUTO_REBUILD_MAX_SENTENCES:
            forget_articles(con, affected)
            return
    build_search_index(con)


def _any_rows(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    return con.execute(f'SELECT EXISTS (FROM "{table}")').fetchone() == (True,)
