"""displaCy-like highlighting of a stored document: actors, quotes and events as labelled spans.

Built on the server from the stored offsets, so the page shows exactly the characters each
record points to. Spans may overlap (a mention inside a quote inside an event sentence), so the
text is cut at every span boundary and each piece is wrapped in the spans that cover it, outer
layers first; a span's label is written after its last piece. Every piece of document text and
every attribute value goes through :func:`html.escape`: a document that contains ``<script>`` or
``onerror=`` shows those characters and nothing else.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

# Outer to inner. The evidence being shown is innermost so its colour is never covered.
LAYERS = {"quote": 0, "event": 1, "mention": 2, "evidence": 3}


@dataclass
class Span:
    start: int
    end: int
    layer: str
    label: str | None = None
    attrs: dict[str, str] = field(default_factory=dict)
    anchor: str | None = None  # id attribute, written on the first piece only
    href: str | None = None  # mentions link to their actor page

    @property
    def order(self) -> tuple:
        return (LAYERS[self.layer], self.start, -self.end)


def esc(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _open(span: Span, first: bool) -> str:
    attrs = {"class": f"hl hl-{span.layer}", **span.attrs}
    if first and span.anchor:
        attrs["id"] = span.anchor
    tag = "a" if span.href else "mark"
    if span.href:
        attrs["href"] = span.href
    inner = " ".join(f'{k}="{esc(v)}"' for k, v in attrs.items())
    return f"<{tag} {inner}>"


def render_spans(text: str, spans: list[Span]) -> str:
    """HTML for ``text`` with ``spans`` highlighted; spans outside the text are ignored."""
    n = len(text)
    spans = [s for s in spans if 0 <= s.start < s.end <= n]
    cuts = sorted({0, n, *(s.start for s in spans), *(s.end for s in spans)})
    spans.sort(key=lambda s: s.order)
    out: list[str] = []
    for p, q in zip(cuts, cuts[1:]):
        active = [s for s in spans if s.start <= p and s.end >= q]
        out.extend(_open(s, s.start == p) for s in active)
        out.append(esc(text[p:q]))
        for s in reversed(active):
            if s.end == q and s.label:
                out.append(f'<span class="hl-label">{esc(s.label)}</span>')
            out.append("</a>" if s.href else "</mark>")
    return "".join(out)


def _names(refs: list[dict] | None) -> str:
    return ", ".join(str(r.get("name") or r.get("id")) for r in (refs or []) if r) or "?"


def document_spans(doc: dict, evidence: list[tuple[int, int]] | None = None) -> list[Span]:
    """The spans of one document as returned by :func:`multivector.web.queries.document`."""
    spans: list[Span] = []
    types = {a["id"]: a for a in doc.get("actors", [])}
    for m in doc.get("mentions", []):
        aid = m.get("actor_id")
        actor = types.get(aid, {})
        label = (actor.get("type") or m.get("actor_type") or "actor").upper()
        spans.append(Span(
            m["start"], m["end"], "mention", label,
            attrs={"data-actor-id": aid or "", "title": actor.get("name") or m.get("actor_name")
                   or "unlinked mention"},
            href=f"/actors/{aid}" if aid else None))
    for q in doc.get("quotes", []):
        speaker = (q.get("speaker") or {}).get("name") or q.get("speaker_name") or "unknown"
        spans.append(Span(
            q["start"], q["end"], "quote", f"QUOTE · {speaker}",
            attrs={"data-quote-id": q.get("id") or "", "data-kind": q.get("kind") or "",
                   "title": f"{q.get('kind') or 'quote'} quote, speaker: {speaker}"},
            anchor=f"quote-{q.get('id')}"))
    for e in doc.get("events", []):
        label = e.get("plover") or "EVENT"
        spans.append(Span(
            e["start"], e["end"], "event", label,
            attrs={"data-event-id": e.get("id") or "",
                   "title": f"{_names(e.get('source'))} → {_names(e.get('target'))}: "
                            f"{e.get('trigger') or ''} ({e.get('modality') or ''}"
                            f"{', CAMEO ' + e['cameo'] if e.get('cameo') else ''})"},
            anchor=f"event-{e.get('id')}"))
    for i, (start, end) in enumerate(sorted(evidence or [])):
        spans.append(Span(start, end, "evidence", None, attrs={"title": "evidence"},
                          anchor="evidence" if i == 0 else None))
    return spans


def parse_ranges(value: str | None, limit: int = 20) -> list[tuple[int, int]]:
    """``"120-245,300-310"`` -> [(120, 245), (300, 310)]; malformed parts are ignored."""
    out = []
    for part in (value or "").split(",")[:limit]:
        a, _, b = part.strip().partition("-")
        if a.isdigit() and b.isdigit() and int(a) < int(b):
            out.append((int(a), int(b)))
    return out
