"""The server's handle on the DuckDB file: one connection, one cursor per worker thread.

Why this shape: DuckDB lets many threads read one database through cursors of a single
connection, but only one *process* may open a file for writing. So the server opens the file
read-only (the default: `multivector analyze` may run later) or, with ``--allow-write``, read-write
through :class:`~multivector.store.db.Store` so ``POST /api/analyze`` can store its result. Every
request reads through a cursor that belongs to its worker thread (created once, reused), which
keeps a request at a few milliseconds of overhead. ``generation`` increases after every write so
cached aggregates (the network) are recomputed. The queries themselves are the read layer's
(:class:`~multivector.store.read.Reader`, which this class is).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb

from ..store.connect import connect
from ..store.db import Store
from ..store.read import Reader, add_read_indexes
from ..store.schema import TABLES


class Database(Reader):
    """Read access for request handlers, plus the write path for the analyze endpoint."""

    def __init__(self, path: str | Path, allow_write: bool = False, threads: int | None = None):
        self.path = str(path)
        self.allow_write = allow_write
        self.generation = 0
        self._local = threading.local()
        self._lock = threading.Lock()
        self._cursors: list[Any] = []
        self._cache: dict[tuple, Any] = {}
        # register every stage's layer now, in this thread: the lookup of the table list is
        # lazy and not thread-safe, and the warm-up thread and request threads start at once
        len(TABLES)
        if allow_write:
            self.store: Store | None = Store(self.path, read_only=False)
            con = self.store.con
            add_read_indexes(con)
        else:
            self.store = None
            con = connect(self.path, read_only=True, threads=threads)
        super().__init__(con)
        self._root = con.cursor()
        columns = Reader(self._root.cursor()).schema()
        self.tables = set(columns)
        self.columns = columns

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
            except duckdb.Error:  # pragma: no cover - already closed
                pass
        self._root.close()
        if self.store is not None:
            self.store.close()
        else:
            self.con.close()
