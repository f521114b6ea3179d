"""Read one input reference into raw documents (one file can hold many: jsonl, csv, feeds).

Every failure is an ``IngestError`` naming the file and the reason, so the runner can report it
on one line and move on to the next input.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .decode import DecodeError, decode
from .sources import InputRef


class IngestError(Exception):
    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


@dataclass
class RawDoc:
    """Text plus whatever metadata the container gave us, before cleaning."""

    source: str
    text: str
    format: str
    title: str | None = None
    date: str | None = None
    author: str | None = None
    url: str | None = None
    outlet: str | None = None
    encoding: str | None = None
    title_in_text: bool = False  # .txt: the first line is the title and stays in the text
    meta: dict = field(default_factory=dict)


def read(ref: InputRef, max_bytes: int, timeout: float = 20.0) -> Iterator[RawDoc]:
    if ref.kind == "stdin":
        data = sys.stdin.buffer.read(max_bytes + 1)
        yield from _read_bytes("-", data, ".txt", max_bytes, fmt="stdin")
    elif ref.kind == "url":
        yield from _read_url(ref.location, max_bytes, timeout)
    else:
        path = Path(ref.location)
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise IngestError(ref.location, f"cannot read: {exc.strerror or exc}") from exc
        if size > max_bytes:
            raise IngestError(ref.location, f"too large: {size:,} bytes > limit {max_bytes:,}")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise IngestError(ref.location, f"cannot read: {exc.strerror or exc}") from exc
        yield from _read_bytes(ref.location, data, path.suffix.lower(), max_bytes)


def _decode(source: str, data: bytes, max_bytes: int) -> tuple[str, str]:
    if len(data) > max_bytes:
        raise IngestError(source, f"too large: more than {max_bytes:,} bytes")
    try:
        return decode(data)
    except DecodeError as exc:
        raise IngestError(source, str(exc)) from exc


def _read_bytes(source: str, data: bytes, suffix: str, max_bytes: int,
                fmt: str | None = None) -> Iterator[RawDoc]:
    text, enc = _decode(source, data, max_bytes)
    head = text.lstrip()[:500].lower()
    if suffix in (".html", ".htm", ".xhtml") or (suffix == ".txt" and head.startswith(("<!doctype html", "<html"))):
        yield from _read_html(source, text, enc)
    elif suffix in (".rss", ".atom") or (suffix == ".xml" and ("<rss" in head or "<feed" in head)):
        yield from _read_feed(source, text, enc)
    elif suffix in (".jsonl", ".ndjson", ".json"):
        yield from _read_jsonl(source, text, enc)
    elif suffix == ".csv":
        yield from _read_csv(source, text, enc)
    elif suffix == ".xml":
        raise IngestError(source, "XML file is neither RSS nor Atom")
    else:
        yield RawDoc(source=source, text=text, format=fmt or "txt", encoding=enc, title_in_text=True)


# ---------------------------------------------------------------------------- HTML
def html_to_raw(source: str, html: str, enc: str | None, url: str | None = None) -> RawDoc:
    import warnings

    import trafilatura

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True,
                                          include_comments=False, include_tables=False)
    if doc is None:
        raise IngestError(source, "HTML page has no extractable article text")
    d = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = d.get("text") or ""
    if not text.strip():
        raise IngestError(source, "HTML page has no extractable article text")
    title = (d.get("title") or "").strip() or None
    lines = text.split("\n")
    if title and lines and lines[0].strip() == title:
        text = "\n".join(lines[1:])
    # trafilatura separates paragraphs with single newlines; make them explicit paragraphs
    text = "\n\n".join(line for line in text.split("\n") if line.strip())
    return RawDoc(source=source, text=text, format="html", title=title, date=d.get("date"),
                  author=d.get("author"), url=url or d.get("url"), outlet=d.get("sitename"),
                  encoding=enc)


def _read_html(source: str, text: str, enc: str) -> Iterator[RawDoc]:
    yield html_to_raw(source, text, enc)


# ---------------------------------------------------------------------------- feeds
def _html_fragment_to_text(fragment: str) -> str:
    if "<" not in fragment:
        return fragment
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.fromstring(f"<div>{fragment}</div>")
    except (ValueError, lxml.etree.LxmlError):
        return fragment
    parts = []
    for el in root.iter("p", "div", "li", "br"):
        if el.tag == "br":
            el.tail = "\n" + (el.tail or "")
    text = root.text_content()
    for line in text.split("\n"):
        if line.strip():
            parts.append(line.strip())
    return "\n\n".join(parts)


def _read_feed(source: str, text: str, enc: str) -> Iterator[RawDoc]:
    import feedparser

    parsed = feedparser.parse(text)
    if parsed.bozo and not parsed.entries:
        raise IngestError(source, f"not a valid RSS/Atom feed: {parsed.bozo_exception}")
    outlet = parsed.feed.get("title")
    if not parsed.entries:
        raise IngestError(source, "feed has no entries")
    for i, e in enumerate(parsed.entries):
        body = ""
        if e.get("content"):
            body = e.content[0].get("value", "")
        body = body or e.get("summary", "") or e.get("description", "")
        body = _html_fragment_to_text(body)
        if not body.strip():
            continue
        date = None
        for key in ("published_parsed", "updated_parsed"):
            t = e.get(key)
            if t:
                date = f"{t.tm_year:04d}-{t.tm_mon:02d}-{t.tm_mday:02d}"
                break
        yield RawDoc(source=f"{source}#{e.get('id') or e.get('link') or i}", text=body,
                     format="rss", title=(e.get("title") or "").strip() or None, date=date,
                     author=e.get("author"), url=e.get("link"), outlet=outlet, encoding=enc)


# ---------------------------------------------------------------------------- tables
_COLUMNS = ("text", "title", "date", "url", "source")


def _row_to_raw(source: str, n: int, row: dict, fmt: str, enc: str) -> RawDoc:
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        raise IngestError(f"{source}#{n}", "row has no 'text'")
    # ``source`` in a row names where the text came from (an outlet or feed); the document's
    # own source stays the file and row it was read from, or its URL
    ident = row.get("url") or f"{source}#{n}"
    return RawDoc(source=str(ident), text=text, format=fmt,
                  title=(row.get("title") or None), date=(row.get("date") or None),
                  url=row.get("url") or None, author=row.get("author") or None,
                  outlet=row.get("outlet") or row.get("source") or None, encoding=enc,
                  meta={k: v for k, v in row.items() if k not in _COLUMNS + ("author", "outlet")})


def _read_jsonl(source: str, text: str, enc: str) -> Iterator[RawDoc]:
    stripped = text.lstrip()
    if stripped.startswith("["):  # a JSON array of objects
        try:
            rows = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise IngestError(source, f"invalid JSON: {exc}") from exc
        items = list(enumerate(rows, 1))
    else:
        items = []
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                items.append((n, json.loads(line)))
            except json.JSONDecodeError as exc:
                items.append((n, IngestError(f"{source}:{n}", f"invalid JSON line: {exc.msg}")))
    for n, row in items:
        if isinstance(row, IngestError):
            yield row  # type: ignore[misc]  # reported by the runner, the rest goes on
            continue
        if not isinstance(row, dict):
            yield IngestError(f"{source}:{n}", "line is not a JSON object")  # type: ignore[misc]
            continue
        try:
            yield _row_to_raw(source, n, row, "jsonl", enc)
        except IngestError as exc:
            yield exc  # type: ignore[misc]


def _read_csv(source: str, text: str, enc: str) -> Iterator[RawDoc]:
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or "text" not in [f.strip().lower() for f in reader.fieldnames]:
        have = ", ".join(f.strip() for f in reader.fieldnames or [] if f and f.strip()) or "none"
        raise IngestError(source, f"CSV has no 'text' column (its columns: {have}; expected: "
                                  "text, and optionally title, date, url, source)")
    for n, row in enumerate(reader, 2):
        row = {(k or "").strip().lower(): v for k, v in row.items()}
        try:
            yield _row_to_raw(source, n, row, "csv", enc)
        except IngestError as exc:
            yield exc  # type: ignore[misc]


# ---------------------------------------------------------------------------- URLs
def _read_url(url: str, max_bytes: int, timeout: float) -> Iterator[RawDoc]:
    import httpx

    try:
        with httpx.Client(follow_redirects=True, timeout=timeout,
                          headers={"User-Agent": "multivector/0.1"}) as client:
            with client.stream("GET", url) as resp:
                resp.raise_for_status()
                chunks, size = [], 0
                for chunk in resp.iter_bytes():
                    size += len(chunk)
                    if size > max_bytes:
                        raise IngestError(url, f"too large: more than {max_bytes:,} bytes")
                    chunks.append(chunk)
                ctype = resp.headers.get("content-type", "")
    except httpx.HTTPStatusError as exc:
        raise IngestError(url, f"HTTP {exc.response.status_code}") from exc
    except httpx.HTTPError as exc:
        raise IngestError(url, f"cannot fetch (network unavailable?): {exc!r}") from exc
    data = b"".join(chunks)
    text, enc = _decode(url, data, max_bytes)
    if "xml" in ctype and ("<rss" in text[:1000] or "<feed" in text[:1000]):
        yield from _read_feed(url, text, enc)
    elif "html" in ctype or "<html" in text[:2000].lower():
        yield html_to_raw(url, text, enc, url=url)
    else:
        yield RawDoc(source=url, text=text, format="url", url=url, encoding=enc, title_in_text=True)
