"""Resolve a short phrase ("four Saudi men", "an American destroyer", "President Tokayev") to
the one actor it names, with the sector the phrase states.

Used by ``multivector actors resolve`` and by other stages that hold a phrase rather than a
mention. The same English recogniser as the pipeline stage runs on the phrase; the winner is
the candidate that covers the phrase's syntactic head, else the longest linked one.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from ..config import Config
from .candidates import select
from .kb import KnowledgeBase
from .sectors import composite

# "Albanians | of southern | Serbia": a preposition of residence and at most two modifiers
RESIDENCE = re.compile(r"\s+(?:of|in|from|living\s+in)\s+(?:the\s+)?(?:[a-z]+\s+){0,2}")
FORMER = re.compile(r"\b(?:former|ex-|retired|erstwhile|one-time|onetime)\b", re.I)


_ARRAYS: dict[int, tuple[Any, Any, Any]] = {}


def _doc_array(doc) -> tuple[Any, Any]:
    """The attribute columns ``Span.as_doc`` copies and the whole document as that array, made
    once per parsed paragraph: ``as_doc`` otherwise converts the whole paragraph for every
    phrase taken from it (the events stage resolves dozens of phrases per paragraph). Parsed
    paragraphs are not changed after the parse, so the array stays theirs."""
    hit = _ARRAYS.get(id(doc))
    if hit is not None and hit[0] is doc:
        return hit[1], hit[2]
    head = doc._get_array_attrs()
    array = doc.to_array(head)
    if len(_ARRAYS) > 32:  # paragraphs of finished documents
        _ARRAYS.clear()
    _ARRAYS[id(doc)] = (doc, head, array)
    return head, array


def phrase_doc(span):
    """A span of a parsed document as a Doc of its own, with the parse it had in context: the
    token whose head lies outside the span becomes the phrase's ROOT (``Span.as_doc`` labels
    it ``dep``)."""
    head, array = _doc_array(span.doc)
    # a copy: as_doc fixes the heads and entity tags of its rows in the array it is given
    sdoc = span.as_doc(array_head=head, array=array.copy())
    for t in sdoc:
        if t.head.i == t.i:
            t.dep_ = "ROOT"
    return sdoc


class PhraseResolver:
    _default: PhraseResolver | None = None

    def __init__(self, config: Config | None = None, nlp=None):
        from ..nlp import load_nlp
        from .stage import linker_for

        self.config = config or Config()
        self.nlp = nlp if nlp is not None else load_nlp(self.config.spacy_model)
        self.linker = linker_for(self.config, self.nlp)
        self.kb: KnowledgeBase = self.linker.kb

    @classmethod
    def default(cls) -> PhraseResolver:
        if cls._default is None:
            cls._default = cls()
        return cls._default

    def resolve(self, text: str, date: str | None = None, context: str | None = None,
                country: str | None = None, parsed=None) -> dict | None:
        """The actor a phrase names on ``date``. ``context`` (the article text, a dateline) and
        ``country`` (ISO3) are the support an ambiguous name needs ("the AKP" links to Turkey's
        party only when the context names Turkey); without support such a phrase gives
        ``id: None`` with ``candidates``. Nothing linked but a bare agent noun ("officials",
        "paramedics") gives ``id: None`` with the sector and code ``---GOV``. ``parsed``: the
        phrase already parsed (a span of an analysed document, :func:`phrase_doc`), so a stage
        that holds a parse does not run the model again on its phrases."""
        text = text or ""
        if not text.strip():
            return None
        sdoc = parsed if parsed is not None else self.nlp(text)
        sdoc.user_data["mv_paragraph"] = 0
        cands = self.linker.en.paragraph(sdoc, 0, date)
        chosen = select(cands)
        for c in chosen:
            c.meta["para"] = 0
        self.linker.resolve_references(chosen, date)
        counts = self._support(context, date)
        support = set(counts) | ({country.upper()} if country else set())
        support |= self.linker.places_in(sdoc)
        ranked = counts.most_common(2)
        dominant = country.upper() if country else (
            ranked[0][0] if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]) else None)
        self.linker.resolve_context(chosen, support)
        self.linker.titled_party_country(chosen, text)
        linked = [c for c in chosen if c.actor_id is not None and c.kind not in ("pronoun",)]
        former = bool(FORMER.search(text))
        if not linked:
            r = self._unlinked(text, sdoc, chosen, former)
            if r is not None and r.get("id") is None and r.get("sector") and dominant:
                r.update(country=dominant, code=composite(dominant, r["sector"]),
                         method="agent+context")  # "officials" in an article about Japan
            return r
        root = next((t for t in sdoc if t.dep_ == "ROOT"), sdoc[-1])
        head = root.idx
        best = next((c for c in linked if c.start <= head < c.end), None)
        if best is None:
            best = max(linked, key=lambda c: (c.length, c.person))
        best = self._residence(text, best, linked)
        actor = self.kb.get(best.actor_id) or best.actor
        if actor is None:
            return None
        country_on, sector_on, role_on = self.kb.role_on(actor, date)
        sector = best.sector or sector_on or actor.sector
        if actor.type == "person" and date and role_on is not None:
            sector = sector_on
        if former and (actor.type == "person" or best.role or best.meta.get("agent")):
            sector = "ELI"  # "former president", "ex-minister X"
        if sector is None or actor.type == "state":  # "Russian oil firm Yukos" = RUS + BUS
            found = self._agent_in(sdoc)
            if found is not None:
                sector = found
        method = best.method
        if country_on is None and dominant and actor.type in ("person", "group", "company",
                                                              "media", "ngo", "think-tank"):
            country_on, method = dominant, best.method + "+context"  # a person the KB lacks
        cameo = actor.cameo
        if best.sector and actor.type == "state" and actor.country:
            cameo = actor.country + best.sector
        return {"id": actor.id, "name": actor.name, "country": country_on or actor.country,
                "type": actor.type, "sector": sector, "cameo": cameo,
                "code": composite(country_on or actor.country, sector),
                "discovered": actor.discovered, "role": best.role or (
                    role_on.get("role") if role_on else None), "method": method,
                "span": {"start": best.start, "end": best.end, "text": text[best.start:best.end]}}

    def _residence(self, text: str, best, linked):
        """A nationality noun followed by where the group lives names the group by that state
        ("Hungarians of northern Serbia", "ethnic Russians in Latvia"), as CAMEO codes them."""
        if best.meta.get("kind") != "demonym" or best.sector or best.meta.get("agent"):
            return best
        a = self.kb.get(best.actor_id)
        if a is None or a.type != "state":
            return best
        m = RESIDENCE.match(text, best.end)
        if m is None:
            return best
        nxt = next((c for c in linked if c.start == m.end()), None)
        b = self.kb.get(nxt.actor_id) if nxt is not None else None
        if b is None or b.type not in ("state", "government") or b.country == a.country:
            return best
        return nxt

    def _support(self, context: str | None, date: str | None) -> Counter:
        """Countries the context names, with how often (linked mentions and places)."""
        out: Counter = Counter()
        if not context or not context.strip():
            return out
        csdoc = self.nlp(context[:5000])
        for c in select(self.linker.en.paragraph(csdoc, 0, date)):
            if c.actor_id is None or c.kind == "context":
                continue
            a = c.actor or self.kb.get(c.actor_id)
            if a is not None and a.country and a.type != "media":
                out[a.country] += 1
        for iso in self.linker.places_in(csdoc):
            out[iso] += 1
        return out

    def _agent_in(self, sdoc) -> str | None:
        """The sector of the last agent noun in the phrase ("oil firm", "state bank")."""
        found = None
        for t in sdoc:
            if t.pos_ == "NOUN" and not t.ent_type_ or (t.i == len(sdoc) - 1 and t.pos_ == "PROPN"):
                f = self.linker.en.agent_of(sdoc[max(0, t.i - 2): t.i + 1])
                if f is not None:
                    found = f[1]
        return found

    def _unlinked(self, text: str, sdoc, chosen, former: bool) -> dict | None:
        """An ambiguous name (candidates) or a bare agent noun (sector only)."""
        amb = next((c for c in chosen if c.kind == "context"), None)
        if amb is not None:
            return {"id": None, "name": None, "country": None, "type": None, "sector": None,
                    "cameo": None, "code": None, "method": "unresolved",
                    "candidates": list(amb.meta.get("candidates", [])),
                    "span": {"start": amb.start, "end": amb.end, "text": text[amb.start:amb.end]}}
        nouns = [t for t in sdoc if t.pos_ in ("NOUN", "PROPN")]
        if not nouns:
            return None
        # the syntactic head when it is a noun ("a missionary from Osaka"), else the last noun
        root = next((t for t in sdoc if t.dep_ == "ROOT"), None)
        head = root if root is not None and root.pos_ in ("NOUN", "PROPN") else nouns[-1]
        found = self.linker.en.agent_of(sdoc[max(0, head.i - 2): head.i + 1])
        if found is None and head is not nouns[-1]:
            head = nouns[-1]
            found = self.linker.en.agent_of(sdoc[max(0, head.i - 2): head.i + 1])
        if found is None:
            # a place and nothing else ("Darfur", "the Jaffna peninsula"): its state, typed
            # "place" so that stages wanting actors only (event sources) leave it out
            name = re.sub(r"^(?:the|The)\s+", "", text.strip())
            iso = self.kb.place_country(name)
            if iso is None:
                return None
            return {"id": iso, "name": name, "country": iso, "type": "place", "sector": None,
                    "cameo": iso, "code": iso, "method": "place", "role": None,
                    "span": {"start": 0, "end": len(text), "text": text}}
        phrase, sector = found
        if former:
            sector = "ELI"
        places = self.linker.places_in(sdoc)  # "Herat police" -> AFG
        iso = next(iter(places)) if len(places) == 1 else None
        if iso is not None:
            actor = self.kb.derived(iso, sector) or self.kb.get(iso)
            return {"id": actor.id if actor else iso, "name": actor.name if actor else None,
                    "country": iso, "type": actor.type if actor else "state", "sector": sector,
                    "cameo": composite(iso, sector), "code": composite(iso, sector),
                    "method": "place", "role": phrase,
                    "span": {"start": 0, "end": len(text), "text": text}}
        return {"id": None, "name": None, "country": None, "type": None, "sector": sector,
                "cameo": None, "code": composite(None, sector), "method": "agent",
                "role": phrase, "span": {"start": head.idx, "end": head.idx + len(head),
                                         "text": head.text}}
