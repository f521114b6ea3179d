"""``multivector analyze``: read inputs, skip what is stored, analyse in batches, store, summarise.

Order of work per batch: read and clean (cheap) -> drop documents whose content hash is already
stored (so a re-run costs reading and hashing only) -> pipeline -> one transaction. A failure in
one document is reported on one line and the run goes on; Ctrl-C stops after reporting what was
stored, and a re-run resumes from there.
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

import duckdb
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from .config import Config
from .doc import Document
from .errors import MultivectorError
from .execution import Executor, RunStats, account
from .ingest import IngestError, InputRef, expand, read
from .stages import resolve_order
from .store.db import Store, StoreError
from .text.clean import document_from_raw

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, EXIT_NOTHING = 0, 1, 2, 3


class Terminated(KeyboardInterrupt):
    """SIGTERM, turned into the same clean stop as Ctrl-C (exit code 143 instead of 130)."""


# The last stop signal this process received. DuckDB checks for signals while a query runs and
# turns the KeyboardInterrupt (or our Terminated) into its own "Query interrupted" error, so the
# exception alone cannot tell Ctrl-C from SIGTERM; the handlers record it here.
_LAST_SIGNAL: list[int] = []


def _interrupt_code(exc: BaseException) -> int | None:
    """130 / 143 when ``exc`` is how an interrupt surfaced (directly or through DuckDB)."""
    if isinstance(exc, Terminated):
        return 143
    if isinstance(exc, KeyboardInterrupt):
        return 130
    if isinstance(exc, duckdb.InterruptException) or (
            isinstance(exc, (RuntimeError, duckdb.Error)) and _LAST_SIGNAL and _from_signal(str(exc))):
        return 143 if _LAST_SIGNAL and _LAST_SIGNAL[-1] == signal.SIGTERM else 130
    return None


def _from_signal(message: str) -> bool:
    """DuckDB's message for an error our signal handler raised inside it: "Query interrupted",
    or, when the signal lands while DuckDB reads a registered Python object, "reading the
    schema of the object registered as '_mv_rows' failed: Terminated" (an InvalidInput error
    carrying our exception's name)."""
    low = message.lower()
    return "interrupted" in low or f"failed: {Terminated.__name__.lower()}" in low \
        or "failed: keyboardinterrupt" in low


def on_terminate() -> Callable[[], None]:
    """Make SIGTERM stop the run like Ctrl-C; returns the function that puts the old handler
    back. (Signal handlers can only be set from the main thread; elsewhere nothing changes.)"""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None

    def handler(signum: int, frame: object) -> None:
        _LAST_SIGNAL.append(signum)
        raise Terminated()

    def int_handler(signum: int, frame: object) -> None:
        _LAST_SIGNAL.append(signum)
        raise KeyboardInterrupt()

    old_term = signal.signal(signal.SIGTERM, handler)
    # Ctrl-C raises KeyboardInterrupt from here on (the command line stops at once before)
    old_int = signal.signal(signal.SIGINT, int_handler)

    def restore() -> None:
        signal.signal(signal.SIGTERM, old_term)
        signal.signal(signal.SIGINT, old_int)

    return restore


@contextmanager
def quiet_shutdown(for_good: bool = False) -> Iterator[None]:
    """While the run is wound down: a second Ctrl-C or SIGTERM is ignored (stopping half-way
    through closing would leave worker processes behind), and Dask's logs about the tasks and
    connections being cancelled are silenced: they are expected, not news. ``for_good`` (after
    an interrupt): the logs stay silent until the process ends, since tasks of a cluster
    stopped while starting report themselves when they are garbage-collected."""
    main = threading.current_thread() is threading.main_thread()
    old = [(s, signal.signal(s, signal.SIG_IGN)) for s in (signal.SIGINT, signal.SIGTERM)] \
        if main else []
    loggers = [logging.getLogger(n) for n in ("distributed", "tornado", "asyncio")]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        if not for_good:
            for lg, lvl in zip(loggers, levels):
                lg.setLevel(lvl)
        for s, h in old:
            signal.signal(s, h)


def iter_documents(refs: list[InputRef], config: Config,
                   on_problem: Callable[[str], None]) -> Iterator[tuple[InputRef, Document]]:
    """Cleaned documents from every input; problems go to ``on_problem`` as 'file: reason'."""
    for ref in refs:
        try:
            for item in read(ref, config.max_bytes, config.fetch_timeout):
                if isinstance(item, IngestError):
                    on_problem(str(item))
                    continue
                try:
                    document = document_from_raw(item)
                except Exception as exc:  # noqa: BLE001 - one bad input must not stop the run (reported)
                    on_problem(f"{item.source}: cannot clean: {exc!r}")
                    continue
                if not document.text.strip():
                    on_problem(f"{item.source}: no text left after cleaning")
                    continue
                yield ref, document
        except IngestError as exc:
            on_problem(str(exc))
        except Exception as exc:  # noqa: BLE001 - a reader bug must not kill the run (reported)
            on_problem(f"{ref.location}: cannot read: {exc!r}")


def batched(items: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for it in items:
        batch.append(it)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def make_executor(config: Config, workers: int | None, dask: str | None) -> Executor:
    """``multivector.scale`` picks (lazily, on the first batch with new documents) between this
    process, a LocalCluster of ``workers`` processes (default: all cores) and ``--dask``."""
    from .scale import make_parallel_executor

    return make_parallel_executor(config, workers=workers, dask=dask)


def run_analyze(paths: list[str], db: str, config: Config, workers: int | None = None,
                dask: str | None = None, quiet: bool = False, console: Console | None = None,
                out: Console | None = None) -> int:
    console = console or Console(stderr=True, soft_wrap=True)
    out = out or Console()
    stats = RunStats()
    t0 = time.perf_counter()

    def problem(msg: str) -> None:
        stats.skipped += 1
        stats.problems.append(msg)
        console.print(f"skipped: {msg}", highlight=False, markup=False, soft_wrap=True)

    refs, bad = expand(paths)
    for b in bad:
        problem(f"{b.location}: {b.reason}")
    if not refs:
        console.print("nothing to analyse", style="red")
        return EXIT_NOTHING if bad else EXIT_USAGE
    try:
        order, added = resolve_order(config.stages)
    except MultivectorError as exc:
        console.print(f"error: {exc}", style="red", highlight=False, markup=False)
        return EXIT_USAGE
    if added:
        console.print(f"stages: {', '.join(order)} ({', '.join(added)} added: "
                      f"{'it is' if len(added) == 1 else 'they are'} required by the stages asked for)",
                      highlight=False, markup=False)
    try:
        # the file is open only while a batch is looked up or stored: `serve`, `stats` and
        # `export` can read it in between (DuckDB allows one writer and no readers meanwhile)
        store = Store(db, hold=False)
    except StoreError as exc:
        console.print(f"error: {exc}", style="red", highlight=False, markup=False)
        return EXIT_USAGE

    executor = None
    interrupted = 0
    run_ids: set[str] = set()  # documents of this run so far (a second copy is a duplicate)
    progress = Progress(TextColumn("[bold]analyse"), BarColumn(), MofNCompleteColumn(),
                        TextColumn("inputs"), TimeElapsedColumn(),
                        TextColumn("{task.fields[status]}"), console=console,
                        disable=quiet, transient=False)
    restore = on_terminate()
    try:
        with store, progress:
            task = progress.add_task("analyse", total=len(refs), status="")
            seen_refs: set[InputRef] = set()

            def fresh_documents() -> Iterator[list[Document]]:
                for chunk in batched(iter_documents(refs, config, problem), config.batch_size):
                    for ref, _ in chunk:
                        if ref not in seen_refs:
                            seen_refs.add(ref)
                            progress.update(task, completed=len(seen_refs))
                    documents = [d for _, d in chunk]
                    known = store.known_ids(d.id for d in documents)
                    store.release()
                    todo = []
                    for d in documents:
                        if d.id in run_ids:
                            stats.duplicates += 1
                        elif d.id in known:
                            stats.unchanged += 1
                        else:
                            todo.append(d)
                        run_ids.add(d.id)
                    if todo:
                        yield todo

            executor = make_executor(config, workers, dask)
            for result in executor.map(fresh_documents()):
                docs = result.docs
                for f in result.failures:
                    stats.failed += 1
                    stats.problems.append(str(f))
                    console.print(f"failed: {f}", highlight=False, markup=False, soft_wrap=True)
                store.record_failures([f.row() for f in result.failures])
                if hasattr(docs, "store_into"):  # a batch --dask workers wrote as Parquet
                    stats.new += docs.store_into(store)
                    docs.account(stats)
                else:
                    stats.new += store.write(docs)
                    # the summary counts what was stored (another process may have stored
                    # some of these documents meanwhile)
                    written = set(getattr(store, "last_written", ()))
                    account(stats, [d for d in docs if d.id in written])
                store.release()
                progress.update(task, status=f"{stats.new} new, {stats.unchanged} unchanged")
            progress.update(task, completed=len(refs))
    except (KeyboardInterrupt, RuntimeError, duckdb.Error) as exc:
        code = _interrupt_code(exc)
        if code is None:
            raise
        interrupted = code
        console.print("interrupted: everything stored so far is kept; run again to resume",
                      style="yellow", highlight=False)
    finally:
        with quiet_shutdown(for_good=bool(interrupted)):
            if executor is not None:
                executor.close()
            store.close()
        restore()
    stats.seconds = time.perf_counter() - t0
    print_summary(stats, db, out)
    if interrupted:
        return interrupted
    if stats.new + stats.unchanged == 0:
        return EXIT_NOTHING
    return EXIT_PARTIAL if (stats.skipped or stats.failed) else EXIT_OK


def print_summary(stats: RunStats, db: str, out: Console) -> None:
    t = Table(title="multivector analyze", show_header=False)
    t.add_column("what")
    t.add_column("value", justify="right")
    t.add_row("documents new", str(stats.new))
    t.add_row("documents unchanged (already stored)", str(stats.unchanged))
    if stats.duplicates:
        t.add_row("documents duplicate (same text as another input)", str(stats.duplicates))
    t.add_row("inputs skipped (bad input)", str(stats.skipped))
    t.add_row("documents failed (analysis error)", str(stats.failed))
    t.add_row("paragraphs", str(stats.paragraphs))
    t.add_row("sentences", str(stats.sentences))
    t.add_row("languages (paragraphs)",
              ", ".join(f"{k} {v}" for k, v in stats.languages.most_common()) or "-")
    for k, v in stats.layers.items():
        if v:
            t.add_row(k, str(v))
    t.add_row("seconds", f"{stats.seconds:.1f}")
    rate = stats.new / stats.seconds if stats.seconds else 0.0
    t.add_row("docs/s", f"{rate:.2f}")
    t.add_row("words/s", f"{stats.words / stats.seconds if stats.seconds else 0:.0f}")
    out.print(t)
    out.print(f"database: {db}", soft_wrap=True, highlight=False, markup=False)
