"""A headline's events that the body reports again are one happening, not two.

News repeats its headline in the lead ("Turkey and Iraq agree to reopen border crossing" /
"Turkey and Iraq agreed on Tuesday to reopen ..."). Coded sentence by sentence, the article
gives the dyad two AGREE events and the relations layer counts the agreement twice. GDELT folds
repeated events of one article into one record; we keep the body's (it carries the date, the
place and the fuller evidence) and drop the title's when the body has an event of the same
CAMEO root, the same modality and the same source and target actors. A headline event the
body does not repeat stays: it is often the article's only statement of the event.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..doc import Doc, Event


def _side(actors: Sequence) -> frozenset[str]:
    return frozenset(str(a.get("id") or a.get("country") or a.get("name") or "") for a in actors)


def _key(ev: Event) -> tuple:
    return ((ev.cameo or "")[:2], ev.modality, _side(ev.source), _side(ev.target))


def title_sentences(doc: Doc) -> set[int]:
    """Indexes of the sentences of the title paragraph (the document's title is its first
    paragraph, as ingest puts it), or none when the document has no title."""
    title = (doc.document.title or "").strip()
    if not title or not doc.paragraphs:
        return set()
    p = doc.paragraphs[0]
    if doc.text[p.start : p.end].strip() != title:
        return set()
    return {s.idx for s in doc.sentences if s.paragraph == p.idx}


def drop_headline_repeats(doc: Doc, events: list[Event]) -> list[Event]:
    """``events`` without the title's events that a body sentence codes again."""
    heads = title_sentences(doc)
    if not heads:
        return events
    body = {_key(e) for e in events if e.sentence not in heads}
    return [e for e in events if e.sentence not in heads or _key(e) not in body]
