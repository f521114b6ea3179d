"""Opening a database file: the one place that turns DuckDB's errors into a clear message.

Shared by the write path (:class:`~multivector.store.db.Store`) and the read layer
(:class:`~multivector.store.read.Reader`), which otherwise do not import each other.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path
from typing import Any

import duckdb

from ..errors import MultivectorError


class StoreError(MultivectorError, RuntimeError):
    """The database cannot be opened or has no such table."""


# How long an open waits for another process to release the file: a reader waits out a batch
# being flushed by `analyze` (a second or two); the writer waits out readers' queries.
WAIT_READ = float(os.environ.get("MULTIVECTOR_LOCK_WAIT", "5"))
WAIT_WRITE = float(os.environ.get("MULTIVECTOR_LOCK_WAIT", "30"))
_PID = re.compile(r"\(PID (\d+)\)")


def is_lock_error(exc: BaseException) -> bool:
    text = str(exc)
    return "Could not set lock" in text or "Conflicting lock" in text


def lock_holder(exc: BaseException) -> str:
    """'PID 123: multivector analyze corpus/' for DuckDB's lock error (who holds the file)."""
    m = _PID.search(str(exc))
    if not m:
        return "another process"
    pid = int(m.group(1))
    try:
        import psutil

        cmd = psutil.Process(pid).cmdline()
    except Exception:  # noqa: BLE001 - gone already, or not ours to inspect
        return f"process {pid}"
    words = [os.path.basename(cmd[0])] + cmd[1:] if cmd else []
    if any(os.path.basename(w) == "multivector" or w == "multivector.cli" for w in words):
        i = next(i for i, w in enumerate(words)
                 if os.path.basename(w) == "multivector" or w == "multivector.cli")
        words = ["multivector"] + words[i + 1:]
    shown = " ".join(words)
    return f"process {pid} ({shown[:120]})" if shown else f"process {pid}"


def connect(path: str | Path, read_only: bool = False, threads: int | None = None,
            wait: float | None = None) -> Any:
    """A DuckDB connection to ``path`` (``:memory:`` allowed). Read-only: the file must exist
    (nothing is created by a reading command); read-write: its folder is created. ``threads``:
    DuckDB's worker threads for this connection (default: every core; a server running one
    process per core gives each one).

    Only one process may have a DuckDB file open for writing, and not while others read it, so
    a locked file is retried for ``wait`` seconds (default: 5 for readers, 30 for the writer)
    before the error names the process that holds it."""
    path = str(path)
    if path != ":memory:":
        parent = Path(path).expanduser().resolve().parent
        if not read_only:
            parent.mkdir(parents=True, exist_ok=True)
        elif not Path(path).exists():
            raise StoreError(f"{path}: no such database (run `multivector analyze` first)")
    config: dict[str, Any] = {"threads": threads} if threads else {}
    wait = (WAIT_READ if read_only else WAIT_WRITE) if wait is None else wait
    deadline = time.monotonic() + wait
    delay = 0.02
    while True:
        try:
            return duckdb.connect(path, read_only=read_only, config=config)
        except duckdb.Error as exc:  # locked by another process, not a DuckDB file, ...
            if is_lock_error(exc):
                if time.monotonic() + delay < deadline:
                    time.sleep(delay)
                    delay = min(delay * 2, 0.5)
                    continue
                raise StoreError(
                    f"{path}: in use by {lock_holder(exc)}, which holds it for writing (or, when"
                    " writing, is reading it); try again when it has finished") from None
            detail = " ".join(str(exc).split())
            if "Could not read enough bytes" in detail or "not a valid DuckDB" in detail:
                raise StoreError(f"{path}: not a readable database file (truncated or damaged:"
                                 f" {detail})") from None
            raise StoreError(f"{path}: cannot open database: {detail}") from None
