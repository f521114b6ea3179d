"""`multivector serve`: the explorer and JSON API for one database."""

from __future__ import annotations

import json
import os
import socket
import sys
from pathlib import Path
from typing import Any

import typer


def port_problem(host: str, port: int) -> str | None:
    """Why ``host:port`` cannot be listened on (busy, not an address of this machine), or None.
    Checked before the URL is printed so a busy port is a usage error, not a server that
    announces itself and dies."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        return str(exc.strerror or exc)
    family, kind, proto, _, addr = infos[0]
    with socket.socket(family, kind, proto) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does
        try:
            s.bind(addr)
        except OSError as exc:
            return exc.strerror or str(exc)
    return None


def build_app(*, db: str | None = None, host: str = "127.0.0.1", port: int = 8000,
              allow_write: bool = False, token: str | None = None,
              max_upload: int = 5 * 1024 * 1024, config: str | Path | None = None,
              actors: list[str] | list[Path] | None = None, allowed_hosts: list[str] | None = None,
              show_paths: bool = False, max_queue: int = 4, threads: int | None = None,
              console: Any = None):
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
                        max_queue=max_queue, threads=threads)
    return create_app(settings, config=cfg), settings


WORKER_ENV = "MULTIVECTOR_SERVE_ARGS"


def worker_app():
    """The application of one worker process of ``serve --workers N`` (uvicorn imports this
    factory in each process; the options travel in an environment variable)."""
    args = json.loads(os.environ[WORKER_ENV])
    application, _ = build_app(**args)
    return application


def listen_socket(host: str, port: int, reuse_port: bool = False) -> socket.socket:
    """A listening socket for the worker processes of ``serve --workers N``.

    Why not uvicorn's own: it creates the socket with protocol 0, and asyncio sets TCP_NODELAY
    only on connections accepted from a socket whose protocol is IPPROTO_TCP. Without it every
    keep-alive response waited ~40 ms for the client's delayed ACK (Nagle), measured as a
    48 ms floor per request with 2 workers against 7 ms with one.

    ``reuse_port``: SO_REUSEPORT, so each worker binds its own socket on the same port and the
    kernel spreads new connections over them (see :class:`WorkerSocket`)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if reuse_port:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.set_inheritable(True)
    return sock


def reuse_port_supported() -> bool:
    """Linux balances connections over SO_REUSEPORT sockets (since 3.9); elsewhere the option
    is missing or means something else (BSD/macOS: the last socket bound takes them all)."""
    return sys.platform.startswith("linux") and hasattr(socket, "SO_REUSEPORT")


class WorkerSocket:
    """Stands for the listening socket in uvicorn's supervisor: each worker process unpickles
    it (uvicorn starts workers with ``spawn`` and pickles their sockets) into a socket of its
    own, bound with SO_REUSEPORT to the same address, so the kernel hands each new connection
    to one worker by a hash of its addresses.

    Why: with one shared listening socket every worker waits on it, the first to wake up
    accepts every connection waiting (asyncio accepts up to the backlog in one go), and
    keep-alive connections stay where they were accepted. 16 clients connecting at once were
    measured all on one of 2 workers, the other idle: 2 processes served 0.79x the requests/s
    of one (each had half of DuckDB's threads). A worker restarted by the supervisor binds a
    new socket the same way."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port

    def __reduce__(self):
        return (worker_listen, (self.host, self.port))


def worker_listen(host: str, port: int) -> socket.socket:
    """A worker's own listening socket (:class:`WorkerSocket`). If the address cannot be
    bound (taken since `serve` checked it), the worker exits as a failed start-up, so the
    supervisor stops instead of starting it again and again."""
    try:
        return listen_socket(host, port, reuse_port=True)
    except OSError as exc:
        from uvicorn.config import STARTUP_FAILURE

        print(f"multivector serve: cannot listen on {host}:{port}: {exc.strerror or exc}",
              file=sys.stderr)
        raise SystemExit(STARTUP_FAILURE) from None


WORKER_HEALTHCHECK_SECONDS = 60


def default_workers(allow_write: bool) -> int:
    """One process per core for a read-only server. A writing server is one process: DuckDB lets
    one process open a file read-write and then no other may open it at all, so the write
    path stays single (its readers are threads with their own cursors)."""
    return 1 if allow_write else max(1, os.cpu_count() or 1)


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
        workers: int | None = typer.Option(
            None, "--workers", help="Server processes, each with its own read-only connection "
            "(default: one per core; 1 with --allow-write, whose write path stays single)."),
    ) -> None:
        """Explore a database in the browser: actor network, dyads, actors, documents with
        evidence highlighted, search; JSON API under /api/ (OpenAPI at /docs)."""
        import uvicorn
        from rich.console import Console

        from ..store.db import StoreError

        console = Console(stderr=True, soft_wrap=True)
        n = workers if workers is not None else default_workers(allow_write)
        if n < 1:
            console.print("[red]error:[/red] --workers must be 1 or more")
            raise typer.Exit(2)
        if allow_write and n > 1:
            console.print("note: --allow-write runs one process (the write path is single)")
            n = 1
        options: dict[str, Any] = dict(db=db, host=host, port=port, allow_write=allow_write, token=token,
                       max_upload=max_upload, config=str(config) if config else None,
                       actors=[str(a) for a in actors], allowed_hosts=allowed_host,
                       show_paths=show_paths, max_queue=max_queue)
        try:
            application, settings = build_app(**options, console=console)
        except (StoreError, FileNotFoundError) as exc:
            console.print(f"[red]error:[/red] {exc}", soft_wrap=True)
            raise typer.Exit(2) from exc
        problem = port_problem(host, port)
        if problem:
            console.print(f"[red]error:[/red] cannot listen on {host}:{port}: {problem}"
                          " (another server is running there? choose one with --port)",
                          soft_wrap=True)
            raise typer.Exit(2)
        shown = f"[{host}]" if ":" in host else host
        console.print(f"multivector: http://{shown}:{port}/  (API docs: /docs; "
                      f"{'read-write' if allow_write else 'read-only'}; {n} "
                      f"process{'es' if n > 1 else ''})")
        level = os.environ.get("MULTIVECTOR_LOG_LEVEL", "warning")
        if n == 1:
            uvicorn.run(application, host=host, port=port, log_level=level)
            return
        # several processes: each builds its own app (own read-only connection, own caches);
        # this one only checked the options and the file
        application.state.db.close()
        # the cores are shared out: N processes of one DuckDB thread pool each would oversubscribe
        options.update(db=settings.db, token=settings.token,
                       threads=max(1, (os.cpu_count() or 1) // n))
        os.environ[WORKER_ENV] = json.dumps(options)
        from uvicorn.supervisors import Multiprocess

        # a worker must answer the supervisor's health check within this many seconds or it
        # is killed and restarted: uvicorn's 5 s restarted healthy workers on a loaded machine
        # (a 2-core host running an analysis beside the server), dropping their connections
        server_config = uvicorn.Config("multivector.web.cli:worker_app", factory=True,
                                       workers=n, host=host, port=port, log_level=level,
                                       timeout_worker_healthcheck=WORKER_HEALTHCHECK_SECONDS)
        listener: Any = (WorkerSocket(host, port) if reuse_port_supported()
                         else listen_socket(host, port))
        try:
            Multiprocess(server_config, sockets=[listener]).run()
        except KeyboardInterrupt:  # pragma: no cover - the supervisor stops its workers
            pass
