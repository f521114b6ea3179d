"""Opening a database file: the one place that turns DuckDB's errors into a clear message.

Shared by the write path (:class:`~multivector.store.db.Store`) and the read layer
(:class:`~multivector.store.read.Reader`), which otherwise do not import each other.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from ..errors import MultivectorError


class StoreError(MultivectorError, RuntimeError):
    """The database cannot be opened or has no such table."""


def connect(path: str | Path, read_only: bool = False, threads: int | None = None) -> Any:
    """A DuckDB connection to ``path`` (``:memory:`` allowed). Read-only: the file must exist
    (nothing is created by a reading command); read-write: its folder is created. ``threads``:
    DuckDB's worker threads for this connection (default: every core; a server running one
    process per core gives each one)."""
    path = str(path)
    if path != ":memory:":
        parent = Path(path).expanduser().resolve().parent
        if not read_only:
            parent.mkdir(parents=True, exist_ok=True)
        elif not Path(path).exists():
            raise StoreError(f"{path}: no such database (run `multivector analyze` first)")
    try:
        config: dict[str, Any] = {"threads": threads} if threads else {}
        return duckdb.connect(path, read_only=read_only, config=config)
    except duckdb.Error as exc:  # locked by another process, not a DuckDB file, ...
        raise StoreError(f"{path}: cannot open database: {exc}") from exc
