"""Executors that spread batches over Dask workers, and the one that decides whether to.

An executor has ``map(batches) -> iterator of (docs, error strings)`` and ``close()`` (the
contract of ``multivector.runner``). Results come back in the order the batches were given, so
the database ends up exactly as after a one-worker run whatever the workers' speeds (later
batches can replace documents or actors written by earlier ones, so order matters).

Memory stays flat however large the corpus: batches are pulled from the reading generator only
when fewer than ``2 x workers`` are in flight, and a result is released as soon as it is stored.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
import uuid
import warnings
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config import Config
from ..doc import Document
from ..execution import BatchResult, Failure, LocalExecutor
from .worker import BatchSummary, ParquetResult, analyse_batch, analyse_batch_to_parquet, read_bytes, remove_files

log = logging.getLogger(__name__)


def default_workers() -> int:
    """All cores (``--workers`` default)."""
    return os.cpu_count() or 1


@dataclass
class ParquetBatch:
    """A batch a worker stored as Parquet; the runner loads it with ``store_into``."""

    files: dict[str, str]
    summary: BatchSummary
    cleanup: bool = True

    def __iter__(self):  # nothing to iterate for code that expects a list of Docs
        return iter(())

    def store_into(self, store) -> int:
        n = store.load_parquet(self.files)
        if self.cleanup:
            remove_files(list(self.files.values()))
        return n

    def account(self, stats) -> None:
        s = self.summary
        stats.paragraphs += s.paragraphs
        stats.sentences += s.sentences
        stats.words += s.words
        stats.languages.update(s.languages)
        stats.stage_seconds.update(s.stage_seconds)
        stats.layers.update(s.layers)


def _tune_local_workers() -> None:
    """Dask defaults that cost CPU on this workload, for the worker processes we start.

    * ``MALLOC_TRIM_THRESHOLD_=65536`` (Dask's default for workers) makes spaCy's many small
      allocations return memory to the OS constantly: about 15% more CPU per document, measured
      (benchmarks/throughput.py). ``None`` leaves glibc's own (dynamic) threshold, as in a
      plain process; memory still stays flat because batches are bounded.
    * the statistical profiler samples every worker thread every 10 ms (about 2%).
    """
    import dask

    dask.config.set({"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
                     "distributed.worker.profile.enabled": False})


@contextmanager
def workers_ignore_ctrl_c() -> Iterator[None]:
    """Start worker processes with SIGINT ignored (Python keeps an ignored SIGINT ignored).
    Ctrl-C in a terminal reaches every process of the group: the workers would each die with
    a KeyboardInterrupt traceback; this way only the client stops, and it closes them."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    old = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, old)


def _quiet_logs() -> None:
    # the scheduler's HTTP server moves to a free port when another cluster has 8787: fine,
    # nobody uses it (no dashboard), and the warning would be a stray line in the output
    warnings.filterwarnings("ignore", message="Port .* is already in use")
    for name in ("distributed", "distributed.worker", "distributed.nanny", "distributed.scheduler",
                 "distributed.core", "distributed.http.proxy", "bokeh"):
        logging.getLogger(name).setLevel(logging.ERROR)


def _start_local_cluster(factory: Any, n: int) -> Any:
    """A LocalCluster of ``n`` one-thread worker processes, or nothing left behind.

    An interrupt (Ctrl-C, or SIGTERM raising ``Terminated``) that lands while the cluster starts
    escapes its constructor as a ``BaseException``, which distributed's own clean-up (it catches
    ``Exception``) lets through: the half-built cluster stays registered, and distributed's atexit
    hook then closes it and fails an assertion on the workers still starting, printing a
    traceback after our one-line stop. So such a cluster is closed here (see ``_abandon``) and
    forgotten, so that nothing is left for the atexit hook.
    """
    from distributed.deploy.spec import SpecCluster

    clusters = set(SpecCluster._instances)
    children = set(multiprocessing.active_children())
    try:
        with workers_ignore_ctrl_c():
            return factory(n_workers=n, threads_per_worker=1, processes=True,
                           dashboard_address=None, silence_logs=logging.CRITICAL)
    except BaseException:
        _abandon(set(SpecCluster._instances) - clusters, children)
        raise


def _abandon(clusters: set[Any], children_before: set[Any]) -> None:
    """Close clusters whose start was interrupted, then unregister them.

    The interrupt only stopped this thread's wait: distributed's event loop goes on starting the
    workers. Closing them half-started fails, and a worker process killed (or orphaned) while it
    unpickles its start-up state prints a traceback of its own; so the start is let finish (30 s
    at most; further signals are ignored meanwhile) and the cluster is then closed as usual.
    """
    from distributed.core import Status
    from distributed.deploy.spec import SpecCluster

    old = [(s, signal.signal(s, signal.SIG_IGN)) for s in (signal.SIGINT, signal.SIGTERM)] \
        if threading.current_thread() is threading.main_thread() else []
    # the same signal reached the workers starting in this process group: their nannies report
    # "failed to start" through asyncio's and distributed's loggers, now and when their tasks are
    # garbage-collected; the run is stopping, so those logs stay silent from here on
    for name in ("distributed", "tornado", "asyncio"):
        logging.getLogger(name).setLevel(logging.CRITICAL + 1)
    settled = {Status.running, Status.failed, Status.closing, Status.closed, Status.closing_gracefully}
    try:
        deadline = time.monotonic() + 30
        for cluster in clusters:
            while time.monotonic() < deadline and any(
                    getattr(w, "status", Status.closed) not in settled
                    for w in list(getattr(cluster, "_created", ()))):
                time.sleep(0.1)
            with suppress(Exception):  # a worker that never started: AssertionError, timeouts
                cluster.close(timeout=10)
        for process in set(multiprocessing.active_children()) - children_before:
            with suppress(Exception):  # what closing left behind; gone already is fine
                process.kill()
                process.join(5)
        for cluster in clusters:
            with suppress(Exception):
                cluster._loop_runner.stop()
    finally:
        for cluster in clusters:
            SpecCluster._instances.discard(cluster)
        for s, h in old:
            signal.signal(s, h)


def _visible(path: str) -> bool:
    """Can this process read a file a worker wrote? (No when they share no file system.)"""
    return Path(path).is_file()


class DaskExecutor:
    """Batches go to Dask workers: a LocalCluster of ``workers`` processes (one thread each),
    or an existing cluster at ``address``.

    ``parquet=False``: workers send back stripped ``Doc`` objects; the client stores them.
    ``parquet=True``: workers write one Parquet file per table per batch into ``run_dir`` and
    the client loads the files (fetching them from the worker when it cannot see them).
    """

    def __init__(self, config: Config, workers: int | None = None, address: str | None = None,
                 parquet: bool = False, run_dir: str | None = None):
        from distributed import Client, LocalCluster

        _quiet_logs()
        self.config = config
        self.parquet = parquet
        self.cluster = None
        if address and address != "local":
            try:
                self.client = Client(address, timeout="30s")
            except Exception as exc:
                raise RuntimeError(f"cannot connect to the Dask scheduler at {address}: {exc}"
                                   ) from exc
        else:
            n = workers or default_workers()
            _tune_local_workers()
            # worker logs: CRITICAL only. A failing batch comes back as its documents'
            # failures; what workers would log on the way out (heartbeats to a scheduler that
            # is closing) is noise around the one-line interrupt message
            self.cluster = _start_local_cluster(LocalCluster, n)
            self.client = Client(self.cluster)
        self._slots_checked = 0.0
        self._refresh_slots()
        self.keep_files = bool(run_dir)
        self._temp_dirs: list[str] = []
        self.run_dir = ""
        if parquet:
            base = run_dir or self._temp_dir()
            self.run_dir = str(Path(base).resolve() / time.strftime("run-%Y%m%dT%H%M%S-")
                               ) + uuid.uuid4().hex[:6]
        self._futures: deque = deque()
        self._fetch_dir: Path | None = None

    def _refresh_slots(self) -> None:
        """Worker threads in the cluster (a remote cluster can grow or shrink during a run)."""
        now = time.monotonic()
        if self._slots_checked and (self.cluster is not None or now - self._slots_checked < 10):
            return
        self._slots_checked = now
        try:
            workers = self.client.scheduler_info().get("workers", {}).values()
            self.slots = max(1, sum(w.get("nthreads", 1) for w in workers))
        except OSError:  # scheduler unreachable (CommClosedError, TimeoutError): keep the last figure
            self.slots = getattr(self, "slots", 1)
        self.max_in_flight = 2 * self.slots

    def _temp_dir(self) -> str:
        d = tempfile.mkdtemp(prefix="multivector-run-")
        self._temp_dirs.append(d)
        return d

    # -------------------------------------------------------------------------------- map
    def _submit(self, batch_no: int, batch: list[Document]):
        if self.parquet:
            return self.client.submit(analyse_batch_to_parquet, self.config, batch, self.run_dir,
                                      batch_no, pure=False, key=f"mv-batch-{uuid.uuid4().hex}")
        return self.client.submit(analyse_batch, self.config, batch, pure=False,
                                  key=f"mv-batch-{uuid.uuid4().hex}")

    def map(self, batches: Iterable[list[Document]]):
        it = iter(batches)
        batch_no = 0
        exhausted = False
        while True:
            self._refresh_slots()
            while not exhausted and len(self._futures) < self.max_in_flight:
                try:
                    batch = next(it)
                except StopIteration:
                    exhausted = True
                    break
                sources = [d.source for d in batch]
                self._futures.append((self._submit(batch_no, batch), sources))
                batch_no += 1
            if not self._futures:
                return
            future, sources = self._futures.popleft()
            try:
                result = future.result()
            except Exception as exc:  # noqa: BLE001 - a worker died or the batch did not come back
                yield BatchResult([], [Failure(None, s, "worker", repr(exc)) for s in sources])
                continue
            finally:
                future.release()
            if self.parquet:
                try:
                    fetched = self._local_batch(result)
                except Exception as exc:  # noqa: BLE001 - the worker holding the files went away
                    yield BatchResult([], [Failure(None, s, "fetch", repr(exc)) for s in sources])
                    continue
                yield BatchResult(fetched, result.failures)
            else:
                yield result

    def _local_batch(self, result: ParquetResult) -> ParquetBatch:
        """The batch's files as paths this process can read; fetched from the worker that
        wrote them when client and worker do not share a file system."""
        from distributed import fire_and_forget

        files = dict(result.files)
        missing = [p for p in files.values() if not _visible(p)]
        if not missing:
            return ParquetBatch(files=files, summary=result.summary, cleanup=not self.keep_files)
        if not result.worker:
            raise FileNotFoundError(f"Parquet files not readable here: {missing[0]}")
        data = self.client.submit(read_bytes, missing, workers=[result.worker],
                                  allow_other_workers=False, pure=False).result()
        if self._fetch_dir is None:
            self._fetch_dir = Path(self._temp_dir())
        for table, p in list(files.items()):
            if p in data:
                q = self._fetch_dir / Path(p).name
                q.write_bytes(data[p])
                files[table] = str(q)
        if not self.keep_files:
            fire_and_forget(self.client.submit(remove_files, missing, workers=[result.worker],
                                               allow_other_workers=False, pure=False))
        return ParquetBatch(files=files, summary=result.summary, cleanup=True)

    def close(self) -> None:
        while self._futures:
            future, _ = self._futures.popleft()
            try:
                future.cancel()
            except Exception:  # noqa: BLE001 - best-effort cancel at shutdown; results already reported
                pass
        try:
            self.client.close()
        finally:
            if self.cluster is not None:
                self.cluster.close()
        for d in self._temp_dirs:
            shutil.rmtree(d, ignore_errors=True)


class LazyExecutor:
    """Builds the real executor on the first batch that has new documents.

    A re-run with nothing new therefore never loads spaCy or starts a cluster. Without
    ``--dask``, a run whose new documents fit in one batch stays in this process: starting
    worker processes (each loading the model) would cost more than it saves.
    """

    def __init__(self, config: Config, workers: int | None, dask: str | None):
        self.config = config
        self.workers = workers
        self.dask = dask
        self.inner: DaskExecutor | LocalExecutor | None = None

    def _build(self, several: bool) -> DaskExecutor | LocalExecutor:
        if self.dask:
            return DaskExecutor(self.config, workers=self.workers, address=self.dask,
                                parquet=True, run_dir=self.config.parquet_dir or None)
        n = self.workers or default_workers()
        if n > 1 and several:
            try:
                return DaskExecutor(self.config, workers=n)
            except Exception as exc:  # noqa: BLE001 - e.g. no local ports or processes; warned, then local
                print(f"warning: cannot start {n} worker processes ({exc!r}); "
                      "analysing in this process", file=sys.stderr)
        return LocalExecutor(self.config)

    def map(self, batches: Iterable[list[Document]]) -> Iterator:
        it = iter(batches)
        first = next(it, None)
        if first is None:
            return
        second = next(it, None)
        self.inner = inner = self._build(second is not None)

        def chained():
            yield first
            if second is not None:
                yield second
                yield from it

        yield from inner.map(chained())

    def close(self) -> None:
        if self.inner is not None:
            self.inner.close()


def make_parallel_executor(config: Config, workers: int | None = None,
                           dask: str | None = None) -> LazyExecutor:
    return LazyExecutor(config, workers, dask)
