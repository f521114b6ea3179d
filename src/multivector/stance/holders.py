"""Whose view a piece of text is: a quoted speaker, the author, the outlet, or nobody known.

Rules (nothing is invented; unknown stays None):

* inside a quote: the quote's speaker (None when the quotes stage could not name one);
* an interviewer's question paragraph holds no stance (it is skipped);
* outside quotes in an opinion piece or analysis: the author; else the outlet when known.

Opinion bylines: many opinion pieces name their author in the lead ("..., Jane Doe writes.")
rather than in metadata. :func:`detect_byline` finds that pattern in the first sentences and,
when the document has no author or genre yet, fills ``Document.author`` from the text and sets
``Document.genre = 'opinion'`` (the byline is kept in ``Document.meta['byline']`` as evidence).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..doc import ActorRef, Doc, Quote
from ..lang import lexicon as lang_lexicon

OPINION_GENRES = lang_lexicon("en").words("opinion_genres")
BYLINE_VERBS = lang_lexicon("en").words("byline_verbs")


@dataclass
class HolderContext:
    """Per-document holder facts computed once."""

    author: dict | None  # holder dict for the author, when the text is the author's view
    outlet: dict | None

    def narrative(self) -> dict | None:
        return self.author or self.outlet


def _actor_type(doc: Doc, actor_id: str | None) -> str | None:
    if actor_id and actor_id in doc.actors:
        return doc.actors[actor_id].type
    return None


def speaker_holder(doc: Doc, quote: Quote) -> dict | None:
    sp: ActorRef | dict = quote.speaker or {}
    if not sp.get("name") and not sp.get("actor_id"):
        return None
    out = {"id": sp.get("actor_id"), "name": sp.get("name"),
           "type": _actor_type(doc, sp.get("actor_id")) or "person"}
    if sp.get("role"):
        out["role"] = sp["role"]
    country = _speaker_country(doc, quote)
    if country:
        out["country"] = country  # "relations KEN UGA" finds "a Kenyan government spokeswoman"
    return out


def _speaker_country(doc: Doc, quote: Quote) -> str | None:
    """The speaker's country as statement events code it (``events.statements.speaker_actor``:
    the actor's, the one its role states, the story's home country for a domestic role)."""
    from ..events.statements import speaker_country

    try:
        return speaker_country(doc, quote)
    except Exception:  # noqa: BLE001 - a holder without a country is still a holder
        return None


def _author_actor_id(doc: Doc, name: str) -> str | None:
    low = name.lower()
    for m in doc.mentions:
        if m.actor_id and m.text.lower() == low:
            return m.actor_id
    return None


def detect_byline(doc: Doc, max_sentences: int = 4) -> dict | None:
    """``{name, start, end}`` of a lead byline ("..., NAME writes.") or None."""
    for n, s in enumerate(doc.english_sentences()):
        if n >= max_sentences:
            break
        for tok in s.span:
            if tok.lemma_.lower() not in BYLINE_VERBS or tok.tag_ != "VBZ":
                continue
            if any(c.dep_ in ("dobj", "neg") for c in tok.children):
                continue
            subj = [c for c in tok.children if c.dep_ == "nsubj"]
            if len(subj) != 1:
                continue
            head = subj[0]
            toks = [t for t in head.subtree]
            if head.pos_ != "PROPN" or not all(t.pos_ == "PROPN" for t in toks) or len(toks) < 2:
                continue
            # the byline closes the sentence: "..., NAME writes." (nothing after but punctuation)
            rest = [t for t in s.span if t.i > tok.i and not t.is_punct]
            if rest:
                continue
            start, end = doc.span_offsets(s.span.doc[toks[0].i:toks[-1].i + 1])
            return {"name": doc.text[start:end], "start": start, "end": end}
    return None


def holder_context(doc: Doc) -> HolderContext:
    d = doc.document
    byline = detect_byline(doc)
    if byline is not None:
        d.meta = dict(d.meta or {})
        d.meta.setdefault("byline", byline)
        if d.author is None:
            d.author = byline["name"]
        if d.genre is None:
            d.genre = "opinion"
    author = None
    if d.author and (d.genre or "").lower() in OPINION_GENRES:
        author = {"id": _author_actor_id(doc, d.author), "name": d.author, "type": "person",
                  "role": "author"}
    outlet = {"id": None, "name": d.outlet, "type": "media", "role": "outlet"} if d.outlet else None
    return HolderContext(author, outlet)


def quote_at(doc: Doc, start: int, end: int) -> Quote | None:
    """The innermost quote containing ``[start, end)`` (indexed once per document)."""
    return doc.quote_containing(start, end)
