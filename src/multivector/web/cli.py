"""`multivector serve`: the explorer and JSON API for one database."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import typer


def build_app(*, db: str | None = None, host: str = "127.0.0.1", port: int = 8000,
              allow_write: bool = False, token: str | None = None,
              max_upload: int = 5 * 1024 * 1024, config: Path | None = None,
              actors: list[Path] | None = None, allowed_hosts: list[str] | None = None,
              show_paths: bool = False, max_queue: int = 4, console: Any = None):
    """The application `serve` runs, and its settings. The configuration is loaded as for
    `multivector analyze` (``--config`` or multivector.toml, ``MULTIVECTOR_*`` variables,
    ``--actors`` overlays) and handed to the analyzer, so ``POST /api/analyze`` stores what
    `analyze` would store; the database is ``--db``, else the configured one."""
    from ..config import load_config
    from .app import create_app
    from .security import Settings, is_loopback, new_token

    cfg = load_config(config).with_(
        actors_files=tuple(str(a) for a in actors) if actors else None)
    if allow_write and not token and not is_loopback(host):
        token = new_token()
        if console is not None:
            console.print(f"write token (send as 'Authorization: Bearer …'): [bold]{token}[/bold]")
    settings = Settings(db=db or cfg.db, host=host, port=port, allow_write=allow_write,
                        token=token, max_upload=max_upload,
                        allowed_hosts=tuple(allowed_hosts or ()), show_paths=show_paths,
                        max_queue=max_queue)
    return create_app(settings, config=cfg), settings


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    @app.command()
    def serve(
        db: str | None = typer.Option(None, "--db", help="DuckDB file to explore (default: "
                                         "the configured db)."),
        host: str = typer.Option("127.0.0.1", "--host",
                                 help="Address to listen on (default: this machine only)."),
        port: int = typer.Option(8000, "--port"),
        allow_write: bool = typer.Option(False, "--allow-write",
                                         help="Enable POST /api/analyze (opens the file "
                                              "read-write: no other process may write it)."),
        token: str | None = typer.Option(
            None, "--token", envvar="MULTIVECTOR_TOKEN",
            help="Bearer token for write endpoints (required, and generated when missing, "
                 "if --allow-write is used on a non-loopback --host)."),
        max_upload: int = typer.Option(5 * 1024 * 1024, "--max-upload",
                                       help="Largest accepted request body in bytes (413 above)."),
        config: Path | None = typer.Option(None, "--config", help="TOML config file (as for "
                                              "analyze; used by POST /api/analyze)."),
        actors: list[Path] = typer.Option([], "--actors", help="Actor overlay file(s) "
                                          "(YAML/JSON) for POST /api/analyze."),
        allowed_host: list[str] = typer.Option(
            [], "--allowed-host", help="Host name the server may be reached by, besides "
            "localhost/127.0.0.1/::1 and --host (repeat). Other Host headers get 421."),
        show_paths: bool = typer.Option(False, "--show-paths", help="Show full server paths "
                                        "(database, document sources); default: file names."),
        max_queue: int = typer.Option(4, "--max-queue", help="Analysis requests waiting or "
                                      "running at once; more get 503."),
    ) -> None:
        """Explore a database in the browser: actor network, dyads, actors, documents with
        evidence highlighted, search; JSON API under /api/ (OpenAPI at /docs)."""
        import uvicorn
        from rich.console import Console

        from ..store.db import StoreError

        console = Console(stderr=True)
        try:
            application, settings = build_app(
                db=db, host=host, port=port, allow_write=allow_write, token=token,
                max_upload=max_upload, config=config, actors=actors,
                allowed_hosts=allowed_host, show_paths=show_paths, max_queue=max_queue,
                console=console)
        except (StoreError, FileNotFoundError) as exc:
            console.print(f"[red]error:[/red] {exc}")
            raise typer.Exit(2) from exc
        shown = f"[{host}]" if ":" in host else host
        console.print(f"multivector: http://{shown}:{port}/  (API docs: /docs; "
                      f"{'read-write' if allow_write else 'read-only'})")
        uvicorn.run(application, host=host, port=port,
                    log_level=os.environ.get("MULTIVECTOR_LOG_LEVEL", "warning"))
