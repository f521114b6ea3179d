"""The ``multivector`` command line.

Core commands live here (analyze, export, stats, stages). Each capability package adds its own commands
through ``register(app, eval_app)`` in its ``cli`` module (listed in ``COMMAND_MODULES``), so the
command surface grows with the packages without this file knowing their details.

Exit codes (documented in the README):
    0  everything given was analysed or was already stored
    1  some inputs were skipped or failed (the rest was stored)
    2  usage error: bad option, unknown table, missing database
    3  nothing could be read at all
"""

from __future__ import annotations

import importlib
import json
import os
import signal
import sys
from pathlib import Path


def _stop_now(signum: int, frame: object) -> None:
    """Ctrl-C / SIGTERM while the command line starts (imports, configuration): nothing has
    been stored yet, so stop at once with one line (the analysis loop has its own handling)."""
    sys.stderr.write("interrupted: everything stored so far is kept; run again to resume\n"
                     if "analyze" in sys.argv else "interrupted\n")
    sys.stderr.flush()
    os._exit(143 if signum == signal.SIGTERM else 130)


# the process is the command line itself (not a test or notebook calling the app in-process)
COMMAND_LINE = __name__ == "__main__" or os.path.basename(sys.argv[0]) == "multivector"
if COMMAND_LINE:
    signal.signal(signal.SIGINT, _stop_now)
    signal.signal(signal.SIGTERM, _stop_now)

import typer  # noqa: E402  (after the handlers: importing takes a moment)
from rich.console import Console  # noqa: E402

from .config import Config, load_config  # noqa: E402

app = typer.Typer(
    name="multivector",
    help="Who does and says what to whom in international-relations news, with evidence.",
    no_args_is_help=True,
    add_completion=False,
)
eval_app = typer.Typer(help="Score multivector against gold data.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")

console = Console(stderr=True, soft_wrap=True)  # an error is one line, however long
out = Console()

DEFAULT_DB = Config.db  # analyze; reading commands fall back to load_config().db

COMMAND_MODULES = [
    "multivector.actors.cli",
    "multivector.quotes.cli",
    "multivector.events.cli",
    "multivector.stance.cli",
    "multivector.relations.cli",
    "multivector.web.cli",
    "multivector.lang.cli",
]


@app.command()
def analyze(
    paths: list[str] = typer.Argument(..., help="Files, directories, globs, URLs, or - for stdin."),
    db: str | None = typer.Option(None, "--db", help="DuckDB file to create or extend "
                                  "(default: the configured db, multivector.duckdb)."),
    config: Path | None = typer.Option(None, "--config", help="TOML config file."),
    actors: list[Path] = typer.Option([], "--actors", help="Actor overlay file(s) (YAML/JSON)."),
    stages: str | None = typer.Option(None, "--stages", help="Comma-separated subset of stages."),
    model: str | None = typer.Option(None, "--model", help="spaCy model name or path."),
    languages: str | None = typer.Option(None, "--languages", help="Language codes for detection."),
    batch_size: int | None = typer.Option(None, "--batch-size", help="Documents per batch."),
    workers: int | None = typer.Option(None, "--workers", help="Worker processes (default: all cores)."),
    dask: str | None = typer.Option(None, "--dask", help="Dask scheduler address, or 'local'."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Analyse documents and store every layer in a DuckDB file."""
    from .runner import run_analyze

    cfg = load_config(config).with_(
        spacy_model=model,
        languages=tuple(languages.split(",")) if languages else None,
        batch_size=batch_size,
        stages=tuple(s for s in stages.split(",") if s) if stages is not None else None,
        actors_files=tuple(str(a) for a in actors) if actors else None,
    )
    code = run_analyze(paths, db=db or cfg.db, config=cfg, workers=workers, dask=dask, quiet=quiet,
                       console=console, out=out)
    # The run is over and its summary printed: a stop signal has nothing left to stop. Python's
    # shutdown puts the default action back for every handler it installed, so a SIGTERM landing
    # then killed a finished run (exit -15, no line); ignored signals stay ignored.
    if COMMAND_LINE:
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, signal.SIG_IGN)
    raise typer.Exit(code)


@app.command()
def export(
    table: str = typer.Argument(..., help="documents, paragraphs, sentences, actors, mentions, "
                                "quotes, events, stances, relations"),
    db: str | None = typer.Option(None, "--db", help="DuckDB file (default: the configured db)."),
    format: str = typer.Option("jsonl", "--format", "-f", help="jsonl, csv or parquet (events: gdelt, plover)."),
    output: Path | None = typer.Option(None, "-o", "--output", help="File (default: stdout)."),
    period: str = typer.Option("month", "--period", help="relations: week, month, quarter or year."),
    all_events: bool = typer.Option(False, "--all", help="events: also incomplete events (no source or target)."),
) -> None:
    """Export one table. Field names are a stable contract: they are extended, never renamed."""
    from .cli_support import db_path
    from .exporting import ExportError, export_table
    from .store.db import StoreError

    try:
        n = export_table(table, db=db_path(db), fmt=format, output=output, period=period,
                         all_events=all_events)
    except (ExportError, StoreError) as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    if output:
        console.print(f"{n} rows of {table} -> {output}")


@app.command("stages")
def stages_cmd(as_json: bool = typer.Option(False, "--json", help="Print a JSON list.")) -> None:
    """The pipeline's stages: what each requires and assigns, its tables, where it comes from."""
    from rich.table import Table

    from .catalog import describe_all

    rows = describe_all()
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    t = Table(title="multivector stages (in run order)")
    for col in ("stage", "requires", "assigns", "tables", "from"):
        t.add_column(col)
    for r in rows:
        t.add_row(r["name"], ", ".join(r["requires"]) or "-", ", ".join(r["assigns"]),
                  ", ".join(r["tables"]) or "-", r["origin"])
    out.print(t)


@app.command()
def stats(db: str | None = typer.Option(None, "--db", help="DuckDB file (default: the "
                                          "configured db)."),
          as_json: bool = typer.Option(False, "--json", help="Print one JSON object.")) -> None:
    """Counts per table and languages in a database."""
    from rich.table import Table

    from .cli_support import db_path, open_read_only

    db = db_path(db)
    with open_read_only(db, console) as store:
        s = store.stats()
    if as_json:
        out.print_json(json.dumps(s))
        return
    t = Table(title=f"multivector database {db}")
    t.add_column("table")
    t.add_column("rows", justify="right")
    for k, v in s.items():
        if isinstance(v, dict):
            v = ", ".join(f"{a}: {b}" for a, b in v.items())
        t.add_row(k, str(v))
    out.print(t)


def _register_modules() -> None:
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(app, eval_app)


_register_modules()


def main() -> None:  # console script
    """Run the CLI; a deliberate error (bad option value, config, data file) is one line, rc 2."""
    from .errors import MultivectorError

    try:
        app()
    except MultivectorError as exc:
        console.print(f"error: {exc}", style="red", highlight=False, markup=False,
                      soft_wrap=True)
        sys.exit(2)
    except SystemExit as exc:
        # Click ends a write to a closed pipe (`export ... | head`) with exit 1 after making
        # stdout silent; the reader just stopped reading: that is success, not an error
        if exc.code == 1 and type(sys.stdout).__name__ == "PacifyFlushWrapper":
            sys.exit(0)
        raise


if __name__ == "__main__":  # pragma: no cover
    main()
