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

import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from ..store.connect import connect
from ..store.db import Store
from ..store.read import Reader, add_read_indexes
from ..store.schema import TABLES

# A read-only server closes the file after this many idle seconds (no request running), so
# `multivector analyze` can store its next batch; the next request opens it again and sees the
# new documents. (DuckDB lets no process read a file while another one writes it.)
IDLE_RELEASE = float(os.environ.get("MULTIVECTOR_SERVE_IDLE", "1.0"))


class Database(Reader):
    """Read access for request handlers, plus the write path for the analyze endpoint."""

    def __init__(self, path: str | Path, allow_write: bool = False, threads: int | None = None):
        self.path = str(path)
        self.allow_write = allow_write
        self.generation = 0
        self._local = threading.local()
        self._lock = threading.RLock()
        self._cursors: list[Any] = []
        self._cache: dict[tuple, Any] = {}
        self._con_gen = 0  # which connection the thread-local cursors belong to
        self._active = 0  # requests (sessions) running now
        self._last_use = time.monotonic()
        self._releasing = False  # set by release_when_idle()
        self._closed = False
        self._threads = threads
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
        self._state = self._file_state()

    # ------------------------------------------------------------------ sharing the file
    def _file_state(self) -> tuple:
        """Size and modification time of the file and its WAL: changed = someone wrote."""
        out: list[Any] = []
        for p in (self.path, self.path + ".wal"):
            try:
                st = os.stat(p)
                out += [st.st_size, st.st_mtime_ns]
            except OSError:
                out += [None, None]
        return tuple(out)

    def _ensure_open(self) -> None:
        """(Re)open the read-only connection released while idle; a file another process
        changed meanwhile starts a new data generation (cached aggregates are recomputed)."""
        if self.con is not None:
            return
        con = connect(self.path, read_only=True, threads=self._threads)
        self.con = con
        self._root = con.cursor()
        self._con_gen += 1
        state = self._file_state()
        if state != self._state:
            self._state = state
            columns = Reader(self._root.cursor()).schema()
            self.tables, self.columns = set(columns), columns
            self.generation += 1

    def release_when_idle(self, idle: float = IDLE_RELEASE) -> None:
        """Close the file whenever no request has run for ``idle`` seconds (read-only servers:
        `serve` next to a running `analyze`). Requests must run inside :meth:`session`."""
        if self.store is not None or self._releasing:
            return
        self._releasing = True

        def reap() -> None:
            while not self._closed:
                time.sleep(max(idle / 2, 0.05))
                with self._lock:
                    if (self.con is not None and self._active == 0
                            and time.monotonic() - self._last_use > idle):
                        self._close_connection()

        threading.Thread(target=reap, daemon=True, name="mv-release").start()

    @contextmanager
    def session(self) -> Iterator[None]:
        """One request (or background computation): the file stays open while it runs."""
        with self._lock:
            self._active += 1
            if self._releasing:
                self._ensure_open()
        try:
            yield
        finally:
            with self._lock:
                self._active -= 1
                self._last_use = time.monotonic()

    def _close_connection(self) -> None:
        for cur in self._cursors:
            try:
                cur.close()
            except duckdb.Error:  # pragma: no cover - already closed
                pass
        self._cursors = []
        if self._root is not None:
            self._root.close()
        if self.con is not None:
            self.con.close()
        self._root = None
        self.con = None

    # ------------------------------------------------------------------ reads
    def cursor(self):
        entry = getattr(self._local, "cursor", None)
        if entry is None or entry[0] != self._con_gen:
            with self._lock:
                self._ensure_open()
                # from a root cursor that never runs queries: the main connection may be busy
                # writing (Store.write), and DuckDB refuses to open a cursor on a busy one
                cur = self._root.cursor()
                self._cursors.append(cur)
                entry = (self._con_gen, cur)
            self._local.cursor = entry
        self._last_use = time.monotonic()
        return entry[1]

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

    def columns_of(self, table: str) -> set[str]:
        return self.columns.get(table, set())

    # ------------------------------------------------------------------ writes
    def write(self, docs: list) -> int:
        if self.store is None:
            raise PermissionError("the server was started without --allow-write")
        n = self.store.write(docs)
        self.generation += 1
        return n

    def close(self) -> None:
        self._closed = True
        with self._lock:
            if self.store is not None:
                for cur in self._cursors:
                    try:
                        cur.close()
                    except duckdb.Error:  # pragma: no cover - already closed
                        pass
                self._root.close()
                self.store.close()
            else:
                self._close_connection()
