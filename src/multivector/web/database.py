"""The server's handle on the DuckDB file: one connection, one cursor per worker thread.

Why this shape: DuckDB lets many threads read one database through cursors of a single
connection, but only one *process* may open a file for writing. So the server opens the file
read-only (the default: `multivector analyze` may run later) or, with ``--allow-write``, read-write
through :class:`~multivector.store.db.Store` so ``POST /api/analyze`` can store its result. Every
request reads through a cursor that belongs to its worker thread (created once, reused), which
keeps a request at a few milliseconds of overhead. ``generation`` increases after every write so
cached aggregates (the network) are recomputed.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any, Callable, Sequence

import duckdb

from ..store.db import Store, StoreError
from ..store.schema import TABLES, json_columns

# Extra indexes for the lookups the API makes by actor. Only created when the server owns the
# file read-write (a read-only connection cannot create them); DuckDB scans are fast enough
# without them at 10k documents (see docs/web.md), they help point lookups on larger files.
WEB_INDEXES = [
    ("mentions", "actor_id"),
    ("quotes", "speaker_id"),
    ("stances", "holder_id"),
    ("stances", "target_id"),
]


class Database:
    """Read access for request handlers, plus the write path for the analyze endpoint."""

    def __init__(self, path: str | Path, allow_write: bool = False):
        self.path = str(path)
        self.allow_write = allow_write
        self.generation = 0
        self._local = threading.local()
        self._lock = threading.Lock()
        self._cursors: list[Any] = []
        self._cache: dict[tuple, Any] = {}
        if allow_write:
            self.store: Store | None = Store(self.path, read_only=False)
            self.con = self.store.con
            for table, col in WEB_INDEXES:
                self.con.execute(
                    f'CREATE INDEX IF NOT EXISTS "idx_web_{table}_{col}" ON "{table}" ("{col}")'
                )
        else:
            if self.path != ":memory:" and not Path(self.path).exists():
                raise StoreError(f"{self.path}: no such database (run `multivector analyze` first)")
            self.store = None
            try:
                self.con = duckdb.connect(self.path, read_only=True)
            except duckdb.Error as exc:
                raise StoreError(f"{self.path}: cannot open database: {exc}") from exc
        self._root = self.con.cursor()
        self.tables = {r[0] for r in self.con.execute(
            "SELECT table_name FROM information_schema.tables").fetchall()}
        self.columns = {
            t: {r[0] for r in self.con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [t]
            ).fetchall()}
            for t in self.tables
        }

    # ------------------------------------------------------------------ reads
    def cursor(self):
        cur = getattr(self._local, "cursor", None)
        if cur is None:
            with self._lock:
                # from a root cursor that never runs queries: the main connection may be busy
                # writing (Store.write), and DuckDB refuses to open a cursor on a busy one
                cur = self._root.cursor()
                self._cursors.append(cur)
            self._local.cursor = cur
        return cur

    def cached(self, key: str, compute: Callable[[], Any]) -> Any:
        """``compute()`` once per data generation (aggregates over whole tables)."""
        k = (self.generation, key)
        if k not in self._cache:
            value = compute()
            with self._lock:
                self._cache = {kk: v for kk, v in self._cache.items()
                               if kk[0] == self.generation}
                self._cache[k] = value
        return self._cache[k]

    def has(self, table: str) -> bool:
        return table in self.tables

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict]:
        """Rows as dicts. ``sql`` is a constant written in this package; every value from a
        request travels in ``params`` (never formatted into the SQL)."""
        cur = self.cursor()
        cur.execute(sql, list(params))
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, r)) for r in cur.fetchall()]

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        cur = self.cursor()
        row = cur.execute(sql, list(params)).fetchone()
        return row[0] if row else None

    # ------------------------------------------------------------------ writes
    def write(self, docs: list) -> int:
        if self.store is None:
            raise PermissionError("the server was started without --allow-write")
        n = self.store.write(docs)
        self.generation += 1
        return n

    def close(self) -> None:
        for cur in self._cursors:
            try:
                cur.close()
            except Exception:  # pragma: no cover
                pass
        self._root.close()
        if self.store is not None:
            self.store.close()
        else:
            self.con.close()


def decode_row(table: str, row: dict) -> dict:
    """Decode the JSON columns of one row of ``table`` (DuckDB returns them as strings)."""
    for c in json_columns(table):
        v = row.get(c)
        if isinstance(v, str):
            try:
                row[c] = json.loads(v)
            except ValueError:
                pass
    for k, v in list(row.items()):
        if hasattr(v, "isoformat"):
            row[k] = v.isoformat()
    return row


def table_columns(table: str) -> list[str]:
    return [c for c, _ in TABLES[table]]
