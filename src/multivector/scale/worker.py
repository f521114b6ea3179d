"""What runs inside a worker process: analyse one batch of documents.

The spaCy model and the stages are loaded once per worker process (a ``Pipeline`` cached per
``Config``), not once per batch: loading costs seconds, a batch costs a fraction of that.

Two ways back to the client:

* :func:`analyse_batch` returns the analysed ``Doc`` objects stripped of their spaCy objects
  (``Paragraph.spacy``, ``Sentence.span``, ``Doc.user_data``), which do not pickle cheaply and
  are not stored anyway. Used by ``--workers N`` on one machine.
* :func:`analyse_batch_to_parquet` writes the batch as Parquet, one file per table, exactly the
  rows ``Store.write`` would insert, and returns only the file names and a small summary. Used
  by ``--dask``: the bulk of the data moves as compact columnar files, not pickled objects.
"""

from __future__ import annotations

import os
import socket
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Config
from ..doc import Doc, Document
from ..execution import BatchResult, Failure, RunStats, account
from ..pipeline import Pipeline

_PIPELINES: dict[Config, Pipeline] = {}
_LOCK = threading.Lock()


def pipeline_for(config: Config) -> Pipeline:
    """The pipeline of this process for ``config`` (built on first use, then reused)."""
    with _LOCK:
        pipe = _PIPELINES.get(config)
        if pipe is None:
            pipe = _PIPELINES[config] = Pipeline(config)
        return pipe


def strip(doc: Doc) -> Doc:
    """Drop the runtime-only spaCy objects so the Doc pickles as plain records."""
    for p in doc.paragraphs:
        p.spacy = None
    for s in doc.sentences:
        s.span = None
    doc.user_data = {}
    return doc


def analyse_batch(config: Config, documents: list[Document]) -> BatchResult:
    docs, errors = pipeline_for(config).process(documents)
    return BatchResult([strip(d) for d in docs], [Failure.from_error(e) for e in errors])


@dataclass
class BatchSummary:
    """What the run summary needs from a batch that travelled as Parquet."""

    docs: int = 0
    paragraphs: int = 0
    sentences: int = 0
    words: int = 0
    languages: dict[str, int] = field(default_factory=dict)
    stage_seconds: dict[str, float] = field(default_factory=dict)
    layers: dict[str, int] = field(default_factory=dict)


def summarise(docs: list[Doc]) -> BatchSummary:
    st = RunStats()
    account(st, docs)
    return BatchSummary(docs=len(docs), paragraphs=st.paragraphs, sentences=st.sentences,
                        words=st.words, languages=dict(st.languages),
                        stage_seconds=dict(st.stage_seconds), layers=dict(st.layers))


@dataclass
class ParquetResult:
    files: dict[str, str]  # table -> Parquet file (on the worker's file system)
    failures: list[Failure]
    summary: BatchSummary
    host: str  # where the files were written (the client fetches them if it cannot see them)
    worker: str | None = None  # Dask worker address


def _writable_dir(run_dir: str) -> Path:
    """The run directory, or a private temporary one when this machine cannot create it."""
    try:
        p = Path(run_dir)
        p.mkdir(parents=True, exist_ok=True)
        return p
    except OSError:
        p = Path(tempfile.gettempdir()) / ("multivector-" + Path(run_dir).name)
        p.mkdir(parents=True, exist_ok=True)
        return p


def write_parquet(docs: list[Doc], out_dir: Path, batch_no: int) -> dict[str, str]:
    """Write the rows ``Store.write`` would insert for ``docs``: one file per non-empty table.

    The rows are built by ``Store.write`` itself on an in-memory database, so the client-side
    load and a local run store exactly the same thing.
    """
    from ..store.db import Store
    from ..store.read import Reader
    from ..store.schema import TABLES

    files: dict[str, str] = {}
    out_dir.mkdir(parents=True, exist_ok=True)
    with Store(":memory:") as mem:
        mem.write(docs)
        for table in TABLES:
            if not mem.count(table):
                continue
            path = out_dir / f"{table}-{batch_no:06d}.parquet"
            tmp = path.with_suffix(".tmp")
            Reader(mem.con).copy_to_parquet(table, tmp)
            os.replace(tmp, path)  # never a half-written file under the final name
            files[table] = str(path)
    return files


def analyse_batch_to_parquet(config: Config, documents: list[Document], run_dir: str,
                             batch_no: int) -> ParquetResult:
    docs, errors = pipeline_for(config).process(documents)
    files = write_parquet(docs, _writable_dir(run_dir), batch_no) if docs else {}
    worker = None
    try:
        from distributed import get_worker

        worker = get_worker().address
    except (ImportError, ValueError):  # not inside a Dask worker (tests call this directly)
        pass
    return ParquetResult(files=files, failures=[Failure.from_error(e) for e in errors],
                         summary=summarise(docs),
                         host=socket.gethostname(), worker=worker)


def read_bytes(paths: list[str]) -> dict[str, bytes]:
    """File contents, for a client that does not share this worker's file system."""
    return {p: Path(p).read_bytes() for p in paths}


def remove_files(paths: list[str]) -> None:
    for p in paths:
        try:
            os.remove(p)
        except OSError:
            pass
