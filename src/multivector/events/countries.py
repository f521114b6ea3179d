"""Country of an argument the text names without one, from the sentence around it.

Event data code every actor by country and sector ("---REB" is a last resort). A phrase such
as "demonstrators", "the opposition newspaper", "Prisoners" or an unknown person ("President
X" whom the knowledge base does not know) resolves to a sector at best, yet the sentence
usually says where it happens: "Egyptian police opened fire on demonstrators" (Egypt),
"Prisoners rioted at a jail in Dili" (East Timor), "X threatened a curfew in Algiers"
(Algeria). Human coders (PLOVER, CAMEO) give such an actor that country; so does this step,
in this order:

1. the country of the event's location ("in Algiers");
2. the one country the sentence names outside its attribution ("..., Thai police said" names
   no place of the event);
3. the country shared by the event's other side ("Egyptian police ... demonstrators"), when
   the sentence names several.

Nothing is guessed when these disagree or name nothing; international bodies (IGO/NGO) and
actors that have a country are left alone. The actor keeps its id and sector: only ``country``
is filled.
"""

from __future__ import annotations

from typing import Any

from ..doc import ActorRef, Doc, Event
from .modality import REPORTING

# sectors of bodies that belong to no country
STATELESS_SECTORS = {"IGO", "NGO", "MNC"}
# how a phrase hangs on a reporting verb when it is the attribution, not the content
ATTRIBUTION_DEPS = {"nsubj", "nsubjpass", "agent", "prep", "pobj", "npadvmod", "dobj"}


def _needs_country(a: ActorRef) -> bool:
    aid = a.id or ""
    if a.country or aid[:3] in ("IGO", "NGO"):
        return False
    return (a.sector or "") not in STATELESS_SECTORS


def _in_attribution(tok) -> bool:
    """True for a word of the attribution ("western diplomatic sources in Pakistan said",
    "according to the Canadian Press"), not of the reported content."""
    child = tok
    for anc in tok.ancestors:
        lem = anc.lemma_.lower()
        if (lem in REPORTING or anc.lower_ == "according") and child.dep_ in ATTRIBUTION_DEPS:
            return True
        child = anc
    return False


def _countries(doc: Doc, api: Any, span, start: int, end: int) -> list[tuple[int, str]]:
    """(offset, country) of the linked mentions in ``[start, end)`` outside the attribution."""
    out = []
    toks = [(doc.token_start(t), t) for t in span] if span is not None else []
    for m in api.mentions_in(doc, start, end):
        ref = api.actor_ref(doc, m.actor_id)
        if not ref or not ref.get("country"):
            continue
        inside = [t for s, t in toks if m.start <= s < m.end]
        if inside and _in_attribution(inside[-1]):
            continue
        out.append((m.start, ref["country"]))
    return out


def complete_countries(doc: Doc, sent: Any, events: list[Event], api: Any) -> None:
    """Fill ``country`` of country-less arguments of ``events`` (one sentence) in place."""
    todo = [(ev, a) for ev in events for a in ev.source + ev.target if _needs_country(a)]
    if not todo or api is None or not doc.mentions:
        return
    named = _countries(doc, api, sent.span, sent.start, sent.end)
    distinct = {c for _, c in named}
    for ev, a in todo:
        country = None
        if ev.location:
            at = doc.text.find(ev.location, sent.start, sent.end)
            if at >= 0:
                inside = {c for o, c in named if at <= o < at + len(ev.location)}
                country = inside.pop() if len(inside) == 1 else None
        if country is None and len(distinct) == 1:
            country = next(iter(distinct))
        if country is None:
            other = ev.target if any(a is s for s in ev.source) else ev.source
            sides = {o.country for o in other if o.country}
            if len(sides) == 1 and sides <= distinct:
                country = next(iter(sides))
        if country is not None:
            a.country = country
