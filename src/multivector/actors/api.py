"""The small, stable API other stages use to ask about actors.

Quotes, events and stances only need three questions answered: *which actor is at these
offsets*, *what is this actor*, and *who is meant by this short phrase*. Keeping these in one
module lets those stages depend on a tiny surface while the recogniser and linker change.

    from multivector.actors.api import actor_at, mentions_in, actor_ref, resolve_phrase, load_kb

    m = actor_at(doc, start, end)          # Mention | None (largest overlap, then longest)
    a = doc.actors[m.actor_id]             # Actor record (also: load_kb().get(id))
    ref = actor_ref(doc, m.actor_id)       # {"id","name","type","country","sector","cameo"}
    resolve_phrase("Uzbek diplomats")      # {"id": "UZBGOV", "country": "UZB", "sector": "GOV", ...}
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..doc import Actor, Doc, Mention

if TYPE_CHECKING:  # pragma: no cover
    from .kb import KnowledgeBase


def load_kb(overlays: Iterable[str] = ()) -> KnowledgeBase:
    """The packaged knowledge base with user overlay files merged on top (cached per process)."""
    from .kb import load_kb as _load

    return _load(tuple(overlays))


def actor_at(doc: Doc, start: int, end: int) -> Mention | None:
    """The linked mention that best covers ``[start, end)``: the one with the largest overlap,
    then the longest. Mentions are non-overlapping and sorted by start, so this is a bisect."""
    ms = doc.mentions
    if not ms:
        return None
    starts = _starts(doc)
    i = max(bisect.bisect_right(starts, start) - 1, 0)
    best: Mention | None = None
    best_key = (0, 0)
    for j in range(i, len(ms)):
        m = ms[j]
        if m.start >= end and m.start > start:
            break
        ov = min(end, m.end) - max(start, m.start)
        if start == end and m.start <= start < m.end:  # a point query
            ov = 1
        if ov <= 0 or m.actor_id is None:
            continue
        key = (ov, m.end - m.start)
        if key > best_key:
            best, best_key = m, key
    return best


def mentions_in(doc: Doc, start: int, end: int, linked_only: bool = True) -> list[Mention]:
    """Mentions lying entirely inside ``[start, end)``, in text order."""
    ms = doc.mentions
    out: list[Mention] = []
    for j in range(bisect.bisect_left(_starts(doc), start), len(ms)):
        m = ms[j]
        if m.start >= end:
            break
        if m.end <= end and (m.actor_id is not None or not linked_only):
            out.append(m)
    return out


_STARTS: dict[int, tuple[list[Mention], int, list[int]]] = {}


def _starts(doc: Doc) -> list[int]:
    """Start offsets of ``doc.mentions`` (sorted), built once per document rather than per
    query: stages ask tens of thousands of questions about a long document."""
    ms = doc.mentions
    hit = _STARTS.get(id(doc))
    if hit is not None and hit[0] is ms and hit[1] == len(ms):
        return hit[2]
    starts = [m.start for m in ms]
    if len(_STARTS) > 64:  # documents of finished batches
        _STARTS.clear()
    _STARTS[id(doc)] = (ms, len(ms), starts)
    return starts


def actor_ref(doc: Doc | None, actor_id: str | None) -> dict | None:
    """A compact dict for an actor id (used in events' source/target, stances' holder/target).
    Looks in ``doc.actors`` first, then the knowledge base. A person's country and sector are
    those of the role held on the document's date (ELI once every office has ended); ``code``
    is the CAMEO-style composite of country and PLOVER sector (``RUSMIL``, ``---REB``)."""
    if actor_id is None:
        return None
    a: Actor | None = doc.actors.get(actor_id) if doc is not None else None
    kb = load_kb()
    if a is None:
        a = kb.get(actor_id)
    if a is None:
        return {"id": actor_id, "name": None, "type": None, "country": None, "sector": None,
                "cameo": None, "code": None}
    date = doc.document.date if doc is not None else None
    country, sector, _ = kb.role_on(a, date) if a.type == "person" else (a.country, a.sector, None)
    from .sectors import composite

    return {"id": a.id, "name": a.name, "type": a.type, "country": country,
            "sector": sector, "cameo": a.cameo,
            "code": composite(country, sector) if (country or sector) else None}


def resolve_phrase(text: str, date: str | None = None, span=None) -> dict | None:
    """The best actor for a short phrase ("four Saudi men", "an American destroyer",
    "President Tokayev") on an optional ISO date, as a dict with ``id, name, country, type,
    sector, cameo, code, span: {start, end, text}, method``; None when no actor is linked
    (the CLI's ``resolve`` also reports ambiguous names' candidates and bare agent sectors).
    ``span``: the phrase as a span of an already parsed document (its parse is reused: running
    the model again on every argument phrase was half of the events stage's time)."""
    from .resolve import PhraseResolver, phrase_doc

    resolver = PhraseResolver.default()
    # only a parse by the resolver's own pipeline (a Russian document's tokens are natasha's)
    parsed = phrase_doc(span) if span is not None and span.doc.vocab is resolver.nlp.vocab else None
    r = resolver.resolve(text, date=date, parsed=parsed)
    if r is not None and allegiance_only(text, r):
        r = None  # "Russian-backed separatists": separatists, aligned with Russia, not Russian
    if span is not None and (r is None or r.get("id") is None):
        r = _located(resolver, span, r) or r
    return r if r is not None and r.get("id") is not None else None


def allegiance_at(text: str, start: int, end: int) -> bool:
    """The name at ``text[start:end]`` states an allegiance, not a nationality: "pro-Iranian",
    "anti-Russian", "Russian-backed", "Iranian-funded" (data: ``allegiance_participles`` in
    lang/en)."""
    from ..lang import lexicon as lang_lexicon

    if text[max(0, start - 5):start].lower().endswith(("pro-", "anti-", "pro ", "anti ")):
        return True
    if end >= len(text) or text[end] not in "-\u2010\u2011":
        return False
    rest = text[end + 1:end + 24].split()
    return bool(rest) and rest[0].strip(",.;:").lower() in \
        lang_lexicon("en").words("allegiance_participles")


def allegiance_only(text: str, r: dict) -> bool:
    """The phrase names its actor only in an allegiance ("Russian-backed separatists"): the
    group is aligned with Russia, not Russian."""
    sp = r.get("span") or {}
    return sp.get("end") is not None and allegiance_at(text, sp.get("start") or 0, sp["end"])


def _located(resolver, span, r: dict | None) -> dict | None:
    """A bare agent ("rebels", "police", "opposition parties") whose own complement in the
    sentence places it ("rebels in the Ivory Coast", "police in Lagos") is that state's agent,
    as CAMEO codes it. The phrase handed over ends before the complement, so the parsed
    sentence is read; no mention is made (the place stays the only mention)."""
    root = span.root
    sector = (r or {}).get("sector")
    if sector is None:
        found = resolver.linker.en.agent_of(span.doc[max(span.start, root.i - 2):root.i + 1])
        sector = found[1] if found else None
    if sector is None or root.pos_ != "NOUN":
        return None
    iso = resolver.linker.en.located_country(root)
    if iso is None:
        return None
    from .sectors import composite

    kb = resolver.kb
    actor = kb.derived(iso, sector) or kb.get(iso)
    start = root.idx - span.start_char
    return {"id": actor.id if actor else iso, "name": actor.name if actor else None,
            "country": iso, "type": actor.type if actor else "state", "sector": sector,
            "cameo": composite(iso, sector), "code": composite(iso, sector),
            "method": "located", "role": (r or {}).get("role"),
            "span": {"start": start, "end": start + len(root), "text": root.text}}
