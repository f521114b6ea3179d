"""`multivector serve`: the explorer and JSON API for one database."""

from __future__ import annotations

import os
from typing import Optional

import typer


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    @app.command()
    def serve(
        db: str = typer.Option("multivector.duckdb", "--db", help="DuckDB file to explore."),
        host: str = typer.Option("127.0.0.1", "--host",
                                 help="Address to listen on (default: this machine only)."),
        port: int = typer.Option(8000, "--port"),
        allow_write: bool = typer.Option(False, "--allow-write",
                                         help="Enable POST /api/analyze (opens the file "
                                              "read-write: no other process may write it)."),
        token: Optional[str] = typer.Option(
            None, "--token", envvar="MULTIVECTOR_TOKEN",
            help="Bearer token for write endpoints (required, and generated when missing, "
                 "if --allow-write is used on a non-loopback --host)."),
        max_upload: int = typer.Option(5 * 1024 * 1024, "--max-upload",
                                       help="Largest accepted request body in bytes (413 above)."),
    ) -> None:
        """Explore a database in the browser: actor network, dyads, actors, documents with
        evidence highlighted, search; JSON API under /api/ (OpenAPI at /docs)."""
        import uvicorn
        from rich.console import Console

        from ..store.db import StoreError
        from .app import create_app
        from .security import Settings, is_loopback, new_token

        console = Console(stderr=True)
        if allow_write and not token and not is_loopback(host):
            token = new_token()
            console.print(f"write token (send as 'Authorization: Bearer …'): [bold]{token}[/bold]")
        settings = Settings(db=db, host=host, port=port, allow_write=allow_write, token=token,
                            max_upload=max_upload)
        try:
            application = create_app(settings)
        except StoreError as exc:
            console.print(f"[red]error:[/red] {exc}")
            raise typer.Exit(2)
        shown = f"[{host}]" if ":" in host else host
        console.print(f"multivector: http://{shown}:{port}/  (API docs: /docs; "
                      f"{'read-write' if allow_write else 'read-only'})")
        uvicorn.run(application, host=host, port=port,
                    log_level=os.environ.get("MULTIVECTOR_LOG_LEVEL", "warning"))
