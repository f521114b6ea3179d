"""The word index behind text search: one row per (document, distinct word) in ``doc_terms``.

Why: finding documents whose text contains a word was a scan of every text (37 MB at 10k
documents, ~40 ms of one core per request: most of a search). The words of a document are
written with it, in the same transaction, so the server finds the documents containing a
word from the (small) vocabulary instead of the texts.

Exactness: a word is a maximal run of letters, digits, combining marks and ``_`` of the
lower-cased text and title (DuckDB's ``lower`` and regular expressions, the same functions for
the documents and for the query). A query that is itself one such run (``drones``, ``rail``)
occurs in a text exactly when it occurs inside one of the text's words, so the documents of the
words that contain it *are* the answer of the substring search (``ILIKE '%q%'``) it replaces.
Other queries (``Expert 01``, ``o'brien``) keep the scan (:mod:`multivector.store.browse`).

Files written before this table existed get it when a writing command opens them
(:func:`ensure`, from :class:`~multivector.store.db.Store`); a read-only server on such a
file has no index and scans, as before.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

TABLE = "doc_terms"
WORD = r"[\p{L}\p{N}\p{M}_]+"

DDL = f'CREATE TABLE IF NOT EXISTS "{TABLE}" (doc_id VARCHAR, term VARCHAR)'

# the words of the given documents (a parameter: list of document ids)
_INDEX_SQL = f"""
INSERT INTO "{TABLE}"
SELECT DISTINCT id, term FROM (
    SELECT id, unnest(regexp_extract_all(lower(coalesce(title, '') || ' ' || coalesce(text, '')),
                                         '{WORD}')) AS term
    FROM documents WHERE id IN (SELECT unnest(?::VARCHAR[])))
"""

# the documents that have no word rows yet (a file written before the index, or by a writer
# that did not know it); a document without any word is looked at again, which is cheap
_MISSING_SQL = f"""
SELECT id FROM documents WHERE id NOT IN (SELECT DISTINCT doc_id FROM "{TABLE}")
"""


def ensure(con: Any) -> int:
    """Create the table and index every document not indexed yet; returns how many were.
    Run when a file is opened for writing: an existing database is migrated once."""
    con.execute(DDL)
    missing = [r[0] for r in con.execute(_MISSING_SQL).fetchall()]
    for i in range(0, len(missing), 5000):
        add(con, missing[i:i + 5000])
    return len(missing)


def add(con: Any, doc_ids: Iterable[str]) -> None:
    """Index the words of these (just inserted) documents."""
    ids = list(doc_ids)
    if ids:
        con.execute(_INDEX_SQL, [ids])


def delete(con: Any, doc_ids: Iterable[str]) -> None:
    """Forget the words of these documents (before they are deleted or replaced)."""
    ids = list(doc_ids)
    if ids:
        con.execute(f'DELETE FROM "{TABLE}" WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))',
                    [ids])


# read side -------------------------------------------------------------------------------
# every (word, document) pair, streamed by the server into its in-memory index
POSTINGS_SQL = f'SELECT term, doc_id FROM "{TABLE}"'
