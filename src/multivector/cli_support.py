"""Small pieces every command module shares, so each CLI reports problems the same way."""

from __future__ import annotations

import typer
from rich.console import Console

from .store.db import StoreError
from .store.read import Reader


def db_path(db: str | None) -> str:
    """The database a command uses: ``--db`` when given, else the configured one
    (``db`` in multivector.toml, ``MULTIVECTOR_DB``, else the default of
    :class:`~multivector.config.Config`)."""
    if db:
        return db
    from .config import load_config

    return load_config().db


def open_read_only(db: str | None, err: Console | None = None) -> Reader:
    """The database for a reading command (``None``: the configured one), or exit 2 with one
    line naming the file and why."""
    try:
        return Reader.open(db_path(db))
    except StoreError as exc:
        (err or Console(stderr=True)).print(f"[red]error:[/red] {exc}", soft_wrap=True)
        raise typer.Exit(2) from None
