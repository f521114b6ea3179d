"""Cleaning: from raw text to the stored text, one paragraph per line.

The stored (cleaned) text is what every offset points into, so cleaning happens exactly once,
here, before any analysis. What was removed is kept in ``Document.removed`` (kind and text) so
nothing disappears silently. Patterns live in ``multivector/lang/mul/boilerplate.yaml`` (one file
for all languages: cleaning runs before language detection).

Paragraphs: blocks separated by blank lines; inside a block, lines that end a sentence stay
separate paragraphs, while hard-wrapped lines (ending mid-sentence) are joined with a space.
"""

from __future__ import annotations

import hashlib
import os
import re
from functools import lru_cache
from pathlib import Path

from .. import yamlload
from ..doc import Document
from ..lang import lexicon
from .dates import find_dateline, parse_date

_END = re.compile(r"[.!?…:;\"”»’)\]。！？」』]\s*$")


@lru_cache(maxsize=1)
def _patterns() -> dict[str, list[re.Pattern]]:
    packaged = lexicon("mul").section("boilerplate")
    merged: dict[str, list[str]] = {k: list(v or []) for k, v in packaged.items()}
    files = []
    extra = os.environ.get("MULTIVECTOR_BOILERPLATE")
    if extra:
        files.append(Path(extra))
    for f in files:
        with open(f, encoding="utf-8") as fh:
            for k, v in (yamlload.safe_load(fh) or {}).items():
                merged.setdefault(k, []).extend(v or [])
    return {k: [re.compile(p, re.I) for p in v] for k, v in merged.items()}


def content_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def normalize(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\ufeff", "").replace("\u200b", "").replace("\xa0", " ")
    text = re.sub(r"[ \t\f\v]+\n", "\n", text)
    return text


def split_blocks(text: str) -> list[str]:
    """Paragraph strings, one per line of the cleaned text."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [ln.strip() for ln in block.split("\n") if ln.strip()]
        if not lines:
            continue
        cur = lines[0]
        for ln in lines[1:]:
            wrapped = (not _END.search(cur) and len(cur) > 40 and ln[:1].islower())
            if wrapped:
                cur = f"{cur} {ln}"
            else:
                out.append(cur)
                cur = ln
        out.append(cur)
    return [re.sub(r"[ \t]{2,}", " ", p) for p in out]


def _classify(line: str) -> str | None:
    pats = _patterns()
    s = line.strip()
    for kind in ("widget_lines", "photo_credits", "pagination", "counters"):
        for rx in pats.get(kind, []):
            if rx.fullmatch(s):
                return kind
    return None


def clean_paragraphs(paragraphs: list[str]) -> tuple[list[str], list[dict]]:
    """Drop boilerplate paragraphs; cut a trailing comment section."""
    pats = _patterns()
    removed: list[dict] = []
    kept: list[str] = []
    n = len(paragraphs)
    for i, p in enumerate(paragraphs):
        for rx in pats.get("line_prefixes", []):
            m = rx.match(p)
            if m and m.end() < len(p):
                removed.append({"kind": "prefix", "text": p[: m.end()]})
                p = p[m.end():]
        if i >= n / 2 and any(rx.fullmatch(p.strip()) for rx in pats.get("comment_section_starts", [])):
            removed.append({"kind": "comment_section", "text": "\n".join(paragraphs[i:])})
            break
        kind = _classify(p)
        if kind:
            removed.append({"kind": kind, "text": p})
            continue
        kept.append(p)
    return kept, removed


def make_document(
    text: str,
    source: str = "<text>",
    title: str | None = None,
    date: str | None = None,
    author: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    format: str | None = None,
    encoding: str | None = None,
    title_in_text: bool = False,
    clean: bool = True,
    meta: dict | None = None,
) -> Document:
    """Build the stored ``Document`` from raw text and metadata.

    ``title_in_text``: the first non-empty line is the title (plain-text files). Otherwise a
    given title is put first in the text so headlines are analysed like the rest.
    ``clean=False`` stores the text verbatim (evaluation against gold offsets).
    """
    date_source = "input" if date else None
    iso = parse_date(date) if date else None
    if date and not iso:
        date_source = None
    if not clean:
        body = normalize(text)
        if title is None and title_in_text:
            first = next((ln.strip() for ln in body.split("\n") if ln.strip()), "")
            title = first or None
        return Document(id=content_id(body), source=source, text=body, title=title, date=iso,
                        date_source=date_source, author=author, url=url, outlet=outlet,
                        format=format, encoding=encoding, meta=meta or {})
    paragraphs = split_blocks(normalize(text))
    paragraphs, removed = clean_paragraphs(paragraphs)
    if title_in_text and paragraphs:
        title = paragraphs[0]
    elif title:
        title = re.sub(r"\s+", " ", title).strip()
        if not paragraphs or paragraphs[0] != title:
            paragraphs.insert(0, title)
    dl_iso, dl_idx, pure = find_dateline(paragraphs)
    if iso is None and dl_iso:
        iso, date_source = dl_iso, "dateline"
    if pure and dl_idx is not None and dl_idx > 0:
        removed.append({"kind": "dateline", "text": paragraphs[dl_idx]})
        del paragraphs[dl_idx]
    body = "\n".join(paragraphs)
    return Document(id=content_id(body), source=source, text=body, title=title or None,
                    date=iso, date_source=date_source, author=author, url=url, outlet=outlet,
                    format=format, encoding=encoding, removed=removed, meta=meta or {})


def document_from_raw(raw) -> Document:
    """``ingest.RawDoc`` -> ``Document``."""
    return make_document(raw.text, source=raw.source, title=raw.title, date=raw.date,
                         author=raw.author, url=raw.url, outlet=raw.outlet, format=raw.format,
                         encoding=raw.encoding, title_in_text=raw.title_in_text, meta=raw.meta)
