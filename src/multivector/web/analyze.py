"""``POST /api/analyze``: turn a posted text or uploaded file into a stored, analysed document.

The pipeline (spaCy and every stage) is loaded on the first request, not at start-up, so a
read-only server starts in a second. Analysis runs in a worker thread; one request at a time
holds the pipeline (spaCy objects are not meant to be shared by threads mid-call).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import PurePath

from ..doc import Document


class AnalyzeError(ValueError):
    """Input that cannot be analysed (reported as 422 with the reason)."""


class Busy(RuntimeError):
    """Too many analyses waiting (reported as 503 with Retry-After)."""

    def __init__(self, message: str, retry_after: int = 30):
        super().__init__(message)
        self.retry_after = retry_after


class AnalysisFailed(RuntimeError):
    """The input was fine but a stage failed on it (reported as 500 with the stage and error;
    the server goes on serving)."""


@dataclass
class Submission:
    text: str | None = None
    data: bytes | None = None
    filename: str | None = None
    title: str | None = None
    date: str | None = None
    source: str | None = None
    url: str | None = None


def to_document(sub: Submission, max_bytes: int) -> Document:
    """A ``Document`` built the way `multivector analyze` builds one (same cleaning and ids)."""
    from ..text.clean import document_from_raw, make_document

    source = sub.source or (f"upload:{PurePath(sub.filename).name}" if sub.filename else "api")
    if sub.data is not None:
        from ..ingest.decode import DecodeError, decode

        if len(sub.data) > max_bytes:
            raise AnalyzeError(f"{source}: larger than {max_bytes:,} bytes")
        try:
            text, enc = decode(sub.data)
        except DecodeError as exc:
            raise AnalyzeError(f"{source}: {exc}") from exc
        suffix = PurePath(sub.filename or "").suffix.lower()
        head = text.lstrip()[:500].lower()
        if suffix in (".html", ".htm", ".xhtml") or head.startswith(("<!doctype html", "<html")):
            from ..ingest.readers import IngestError, html_to_raw

            try:
                raw = html_to_raw(source, text, enc, url=sub.url)
            except IngestError as exc:
                raise AnalyzeError(str(exc)) from exc
            if sub.title:
                raw.title = sub.title
            if sub.date:
                raw.date = sub.date
            return document_from_raw(raw)
        return make_document(text, source=source, title=sub.title, date=sub.date, url=sub.url,
                             encoding=enc, format="upload", title_in_text=sub.title is None)
    if not sub.text or not sub.text.strip():
        raise AnalyzeError("nothing to analyse: give `text` or upload a `file`")
    if len(sub.text.encode("utf-8")) > max_bytes:
        raise AnalyzeError(f"text larger than {max_bytes:,} bytes")
    # like a plain-text file: without a given title, the first line is the headline
    return make_document(sub.text, source=source, title=sub.title, date=sub.date, url=sub.url,
                         format="api", title_in_text=sub.title is None)


class Analyzer:
    """Holds the pipeline (built lazily) and writes results through the server's database."""

    def __init__(self, db, max_bytes: int, pipeline=None, config=None, max_queue: int = 4):
        self.db = db
        # analyses run one at a time (spaCy objects are not shared by threads mid-call); at
        # most ``max_queue`` may wait or run, so a flood of requests cannot pile up minutes of
        # CPU work each: the rest are refused at once
        self.max_queue = max(1, max_queue)
        self._pending = 0
        self._count = threading.Lock()
        self.max_bytes = max_bytes
        self.config = config  # the server's Config (TOML, MULTIVECTOR_*, --actors), as analyze
        self._pipeline = pipeline
        self._lock = threading.Lock()

    def pipeline(self):
        if self._pipeline is None:
            from ..pipeline import Pipeline

            self._pipeline = Pipeline(self.config)
        return self._pipeline

    def run(self, sub: Submission) -> dict:
        document = to_document(sub, self.max_bytes)
        with self._count:
            if self._pending >= self.max_queue:
                raise Busy(f"{self._pending} analyses are queued (limit {self.max_queue}); "
                           "try again later")
            self._pending += 1
        try:
            with self._lock:
                docs, errors = self.pipeline().process([document])
                if errors:
                    raise AnalysisFailed(str(errors[0]))
                new = self.db.write(docs)
        finally:
            with self._count:
                self._pending -= 1
        doc = docs[0]
        return {
            "id": doc.id,
            "new": bool(new),
            "title": doc.document.title,
            "date": doc.document.date,
            "url": f"/documents/{doc.id}",
            "counts": {"sentences": len(doc.sentences), "mentions": len(doc.mentions),
                       "actors": len(doc.actors), "quotes": len(doc.quotes),
                       "events": len(doc.events), "stances": len(doc.stances)},
        }
