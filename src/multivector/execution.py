"""What the runner and the executors share: the executor protocol, the in-process executor, the
result of one batch and the run's statistics.

Why a module of its own: ``runner`` (which drives a run) and ``scale`` (which spreads batches over
Dask workers) both need these, and neither may import the other (no import cycle).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from . import layers
from .config import Config
from .doc import Doc, Document

if TYPE_CHECKING:
    from .errors import StageError


@dataclass
class Failure:
    """A document that could not be analysed (row of table ``failures``)."""

    doc_id: str | None
    source: str
    stage: str
    error: str

    @classmethod
    def from_error(cls, err: StageError) -> Failure:
        return cls(doc_id=err.doc_id, source=err.source, stage=err.stage, error=repr(err.exc))

    def __str__(self) -> str:
        return f"{self.source}: stage {self.stage} failed: {self.error}"

    def row(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "source": self.source, "stage": self.stage,
                "error": self.error}


@dataclass
class BatchResult:
    """What an executor yields per batch: analysed documents (or a batch a worker stored as
    Parquet, which has ``store_into`` and ``account``) and the documents that failed."""

    docs: Any  # list[Doc] or scale.ParquetBatch
    failures: list[Failure] = field(default_factory=list)


class Executor(Protocol):
    def map(self, batches: Iterable[list[Document]]) -> Iterator[BatchResult]: ...

    def close(self) -> None: ...


@dataclass
class RunStats:
    new: int = 0
    unchanged: int = 0
    duplicates: int = 0  # same content as another input of this run (analysed once)
    skipped: int = 0  # could not be read (bad input)
    failed: int = 0  # read, but analysis failed
    paragraphs: int = 0
    sentences: int = 0
    words: int = 0
    languages: Counter = field(default_factory=Counter)
    stage_seconds: Counter[str] = field(default_factory=Counter)
    layers: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)


def account(stats: RunStats, docs: list[Doc]) -> None:
    """Add analysed documents to the run statistics (counts come from the layer declarations)."""
    counted = [la for la in layers.all_layers() if la.count is not None and la.summary]
    for d in docs:
        stats.paragraphs += len(d.paragraphs)
        stats.sentences += len(d.sentences)
        stats.words += len(d.text.split())
        for p in d.paragraphs:
            if p.lang:
                stats.languages[p.lang] += 1
        for k, v in d.timings.items():
            stats.stage_seconds[k] += v  # type: ignore[assignment]  # seconds, not counts
        for la in counted:
            stats.layers[la.name] += la.count(d)  # type: ignore[misc]


class LocalExecutor:
    """Runs batches in this process."""

    def __init__(self, config: Config):
        from .pipeline import Pipeline

        self.pipeline = Pipeline(config)

    def map(self, batches: Iterable[list[Document]]) -> Iterator[BatchResult]:
        for batch in batches:
            docs, errors = self.pipeline.process(batch)
            yield BatchResult(docs, [Failure.from_error(e) for e in errors])

    def close(self) -> None:
        pass
