"""Small pieces every command module shares, so each CLI reports problems the same way."""

from __future__ import annotations

import typer
from rich.console import Console

from .store.db import Store, StoreError


def open_read_only(db: str, err: Console | None = None) -> Store:
    """The database for a reading command, or exit 2 with one line naming the file and why."""
    try:
        return Store(db, read_only=True)
    except StoreError as exc:
        (err or Console(stderr=True)).print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2)
