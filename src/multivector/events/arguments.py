"""Who an event argument is: from a parse token to an actor dict ``{id, name, country, sector}``.

The event coder asks one question: *which actor does this noun phrase denote?* This module answers
it behind a small interface so the coder does not care where the answer comes from:

1. the actors stage (``doc.mentions`` linked to ``doc.actors``, via ``multivector.actors.api``):
   the mention covering the phrase head, else one inside the phrase ("the leadership of
   Kazakhstan"), else ``resolve_phrase`` on the phrase text;
2. when the actors stage did not run: spaCy entities (GPE, NORP, ORG, PERSON) with ``id`` null
   and a country from a short fallback table.

The sector comes from the actor when it has one, else from the head noun ("Russian troops" ->
MIL, "their government" -> GOV). Places named only as locations never reach this module: the
coder passes only subject/object/pattern-listed prepositional arguments.
"""

from __future__ import annotations

import logging
from typing import Any

from ..actors import api as _api
from ..doc import ActorRef
from ..lang import lexicon as lang_lexicon
from .lexicon import lexicon, places
from .orgs import named_org

log = logging.getLogger(__name__)

ACTOR_ENTS = {"GPE", "NORP", "ORG", "PERSON"}
TITLE_SECTORS = {"GOV", "MIL", "LEG", "JUD"}  # sectors a title before a name can give
PLACE_TYPES = {"region", "place", "city", "location"}
# Heads that stand for the actor in their modifier or complement: collectives and quantities
# ("a group of Moroccan diplomats", "one third of the rebels") and things an actor owns or does
# ("Turkey's efforts", "Belarus's proposal").
TRANSPARENT_HEADS = lang_lexicon("en").words("transparent_heads")
# people who speak or act for the body their complement names ("a spokesman for the Taliban",
# "a representative of the ministry": the body is the actor; lang/en/speaker_words.yaml)
SPOKES_NOUNS = lang_lexicon("en").words("spokes_nouns")
# "the Minsk agreements": a capital naming where a thing was made is no party to it
NAMED_FOR_PLACE = lang_lexicon("en").words("named_for_place")
SPOKES_PREPS = ("for", "of", "from")


def np_range(tok) -> tuple[int, int]:
    """Token range [i, j) of the noun phrase headed by ``tok``: its left dependents (det,
    compound, amod, poss, nmod) and "of" complements ("Secretary of State", "leadership of
    Kazakhstan"), but not relative clauses (nor those of a name in apposition), appositions
    other than a name, or other prepositional phrases, nor a
    time phrase the parser put in front ("Last autumn officials in ...": officials) or an "of"
    clause ("accuses some firms of re-exporting ...": the charge, not the firms' name)."""
    left = tok.i
    for c in tok.lefts:
        if c.ent_type_ in ("DATE", "TIME"):
            continue
        if c.dep_ in ("det", "compound", "amod", "poss", "nmod", "nummod", "quantmod", "case",
                      "prep") or c.dep_ == "punct" and c.text in ("'", "’"):
            left = min(left, c.left_edge.i)
    right = tok.i + 1
    for c in tok.rights:
        if c.dep_ == "case":
            right = max(right, c.i + 1)
        elif c.dep_ == "prep" and c.lower_ == "of":
            pobj = [g for g in c.children if g.dep_ == "pobj"]
            if pobj and not any(g.dep_ == "pcomp" or g.pos_ == "VERB" for g in c.children):
                _, r = np_range(pobj[0])
                right = max(right, r)
        elif c.dep_ in ("compound", "flat", "appos") and c.pos_ == "PROPN" \
                and not listed_appos(c):
            # the name's own phrase, not a relative clause on it ("his rival Alan Milburn -
            # who the prime minister put in charge": the prime minister is no part of it)
            right = max(right, np_range(c)[1])
    while left < tok.i and tok.doc[left].dep_ == "det":
        left += 1
    return left, right


def listed_appos(tok) -> bool:
    """An "apposition" that starts a list: "Mordor, the Shire, Fornost and Bree" parsed as
    Mordor <- appos the Shire <- conj Fornost, Bree. A coordination of actors, not a second
    name of the first one."""
    return tok.dep_ == "appos" and any(c.dep_ == "conj" for c in tok.children)


# CAMEO primary codes of actors that belong to no country ("NGOHRI" Amnesty, "IGOUNO" the UN)
TRANSNATIONAL = ("NGO", "IGO")


def head_sector(tok) -> str | None:
    """Sector implied by a head noun (and a two-word head like "armed forces")."""
    sector_of = lexicon()["sector_of"]
    lem = tok.lemma_.lower()
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    if prev is not None and prev.dep_ in ("compound", "amod"):
        two = f"{prev.lemma_.lower()} {lem}"
        if two in sector_of:
            return sector_of[two]
    for w in (lem, tok.lower_):
        if w in sector_of:
            return sector_of[w]
    if tok.pos_ == "PROPN":  # "US Secretary of State Anthony Blinken": a title before a name
        i, j = np_range(tok)
        for t in tok.doc[i:j]:
            sec = sector_of.get(t.lemma_.lower())
            if t.i != tok.i and t.pos_ in ("NOUN", "PROPN") and sec in TITLE_SECTORS:
                return sec
    return None


class ActorResolver:
    """Maps argument tokens of one document to actor dicts (see module docstring)."""

    def __init__(self, doc: Any, date: str | None = None):
        self.doc = doc
        self.date = date
        self.api = _api
        self.use_mentions = bool(doc.mentions)
        self._resolve_cache: dict[tuple[str, int], dict | None] = {}

    # ---------------------------------------------------------------- public
    def actor(self, tok, allow_place: bool = False) -> dict | None:
        """The actor the phrase headed by ``tok`` denotes, or None."""
        if tok.pos_ == "PRON":
            return None  # pronouns are resolved by the coder (speaker, antecedents)
        body = self._spoken_for(tok)
        if body is not None:
            return body
        i, j = np_range(tok)
        span = tok.doc[i:j]
        hs = head_sector(tok)
        ref = None
        if self.use_mentions and self.api is not None:
            ref = self._from_mentions(tok, span, hs, allow_place)
        if ref is None and self.api is not None and (
                hs is not None or any(t.pos_ == "PROPN" or t.ent_type_ in ("NORP", "GPE")
                                      for t in span)):
            # the phrase resolver runs a parse: only for phrases that can name an actor
            ref = self._from_phrase(span, hs, allow_place, tok)
        if self.use_mentions and tok.pos_ == "PROPN" and self.api is not None and (
                ref is None or not (ref.get("id") or ref.get("country"))):
            # an organisation the knowledge base does not know, typed by what the text says
            # it is; what the phrase resolver placed stays (events/orgs.py)
            ref = named_org(self.doc, tok, self.api) or ref
        if ref is None and not self.use_mentions:
            ref = self._from_entities(tok, span, hs, allow_place)
        if ref is not None and tok.pos_ == "NOUN" and ref.get("type") == "person" \
                and self._owned_by(tok, ref):
            return self._persons_side(tok, span, ref, hs)
        return ref

    def _owned_by(self, tok, ref: dict) -> bool:
        """The person ``ref`` is the possessor of the common noun ``tok``, not ``tok`` itself
        ("Putin's aide", "Chancellor Gordon Brown's closest ally": the linker's mention may
        span the whole phrase)."""
        if tok.lemma_.lower() in TRANSPARENT_HEADS or self.api is None or not self.use_mentions:
            return False  # "McCain's presidential campaign": the campaign is McCain's act
        head_start, _ = self._offsets(tok.doc[tok.i:tok.i + 1])
        for c in tok.children:
            if c.dep_ == "poss" and c.pos_ == "PROPN":
                m = self.api.actor_at(self.doc, *self._offsets(tok.doc[c.i:c.i + 1]))
                # the possessor's own mention, ending before the head ("Russia's president,
                # Mr Putin" linked as one mention is the president himself)
                if m is not None and m.actor_id == ref.get("id") and m.end <= head_start:
                    return True
        return False

    def _persons_side(self, tok, span, ref: dict, hs: str | None) -> dict | None:
        """"Putin's aide", "Brown's closest ally", "Blair's government": someone of the
        person's side, never the person. A spokesperson or aide speaks for the person's
        office (the person's country and sector, as "a spokesman for X"); a head with a
        sector of its own ("Museveni's soldiers") is that sector of the person's country;
        any other relation ("ally", "wife", "rival") names nobody we can code."""
        if not ref.get("country"):
            return None
        if tok.lemma_.lower() in SPOKES_NOUNS:
            sector = ref.get("sector")
        elif hs is not None:
            sector = hs
        else:
            return None
        name = _name(span)
        kb = self._kb()
        derived = kb.derived(ref["country"], sector) if kb is not None and sector else None
        return {"id": derived.id if derived is not None else None, "name": name,
                "country": ref["country"], "sector": sector,
                "type": derived.type if derived is not None else None, "text": name}

    def _spoken_for(self, tok) -> dict | None:
        """"A spokesman for the Taliban", "an official of the Kenyan ministry": the body the
        spokesperson speaks for (CAMEO codes the organisation), when the complement names an
        actor; None otherwise (the head is then resolved as usual)."""
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in SPOKES_NOUNS:
            return None
        for c in tok.children:
            if c.dep_ != "prep" or c.lower_ not in SPOKES_PREPS:
                continue
            for o in c.children:
                if o.dep_ == "pobj" and o.pos_ in ("NOUN", "PROPN"):
                    ref = self.actor(o)
                    if ref is not None:
                        return dict(ref, text=tok.doc[np_range(tok)[0]:o.i + 1].text)
        return None

    def pronoun(self, tok) -> dict | None:
        """The actor the actors stage linked to a pronoun token ("he" -> the person), if any."""
        if not self.use_mentions or self.api is None:
            return None
        s, e = self._offsets(tok.doc[tok.i:tok.i + 1])
        m = self.api.actor_at(self.doc, s, e)
        if m is None or m.start > s or m.end < e:
            return None
        return self._ref(m.actor_id, m.text, None)

    # ---------------------------------------------------------------- sources
    def _offsets(self, span) -> tuple[int, int]:
        return self.doc.span_offsets(span)

    def _ref(self, actor_id: str | None, name: str, hs: str | None) -> dict | None:
        r = self.api.actor_ref(self.doc, actor_id) if actor_id else None
        if r is None:
            return None
        country = r.get("country")
        if str(r.get("cameo") or "")[:3] in TRANSNATIONAL:
            country = None  # CAMEO codes a transnational NGO or IGO without its seat's country
        out = {"id": r.get("id"), "name": r.get("name") or name, "country": country,
               "sector": r.get("sector"), "type": r.get("type"), "text": name}
        if hs and (out["sector"] is None or out["type"] == "state"):
            out["sector"] = hs
        return out

    def _from_mentions(self, tok, span, hs, allow_place) -> dict | None:
        hstart, hend = self._offsets(tok.doc[tok.i:tok.i + 1])
        m = self.api.actor_at(self.doc, hstart, hend)
        if m is None and hs in TITLE_SECTORS:
            # "India's Prime Minister, Narendra Modi": the name in a title's apposition is the head's
            for c in tok.rights:
                if c.dep_ == "appos" and c.pos_ == "PROPN":
                    a = self.api.actor_at(self.doc, *self._offsets(tok.doc[c.i:c.i + 1]))
                    r = self.api.actor_ref(self.doc, a.actor_id) if a is not None and a.actor_id else None
                    if r and r.get("type") == "person":
                        m = a
                        break
        if m is None:
            s, e = self._offsets(span)
            ms = [x for x in self.api.mentions_in(self.doc, s, e) if not self._allegiance(x)]
            if ms:
                # the possessor/modifier closest to the head ("Kazakhstan's president")
                m = ms[-1] if all(x.end <= hstart for x in ms) else ms[0]
                if hs is None and tok.pos_ != "PROPN" and tok.lemma_.lower() not in TRANSPARENT_HEADS:
                    # a country modifier on a head that is not an agent ("Russian oligarchs" is
                    # fine via sector list; "Russian territory" is not an actor)
                    return None
        if m is None:
            return None
        ref = self._ref(m.actor_id, _name(span), hs)
        if ref and not allow_place and ref.get("type") in PLACE_TYPES:
            return None
        if ref and ref.get("type") == "person" and not ref.get("country"):
            ref = self._stated_nationality(ref, span, m) or ref
        if ref and ref.get("country") and ref.get("type") not in ("state", "person"):
            ref = self._nationality_wins(ref, span, m, hs) or ref
        return ref

    def _allegiance(self, m) -> bool:
        """The mention names whom a group is aligned with, not its nationality: "pro-Iranian
        Hizbollah", "Russian-backed separatists"."""
        return _api.allegiance_at(self.doc.text, m.start, m.end)

    def _stated_nationality(self, ref: dict, span, m) -> dict | None:
        """A person the knowledge base knows without a country takes the state its own phrase
        names before the name ("Vietnamese defence chief Gen. X"), not one guessed from the
        rest of the sentence."""
        s, _ = self._offsets(span)
        for other in self.api.mentions_in(self.doc, s, m.start):
            st = self.api.actor_ref(self.doc, other.actor_id) if other.actor_id else None
            if st and st.get("type") == "state" and st.get("country"):
                return dict(ref, country=st["country"])
        return None

    def _nationality_wins(self, ref: dict, span, m, hs) -> dict | None:
        """"Kenyan opposition candidates" linked to another country's organisation: the
        nationality the phrase itself states wins (the state, with the head's sector)."""
        s, e = self._offsets(span)
        for other in self.api.mentions_in(self.doc, s, e):
            if other.end > m.start or not other.actor_id:
                continue
            if self._allegiance(other):
                continue  # "pro-Iranian Hizbollah": an allegiance, not a nationality
            st = self.api.actor_ref(self.doc, other.actor_id)
            if st and st.get("type") == "state" and st.get("country") and \
                    st["country"] != ref["country"]:
                return {"id": st.get("id"), "name": _name(span), "country": st["country"],
                        "sector": hs or ref.get("sector"), "type": "state", "text": ref["text"]}
        return None

    def resolve_text(self, text: str, span=None) -> dict | None:
        """``resolve_phrase`` of ``text`` (``span``: its parsed words, when the document has
        them), once per wording and place: the same words resolve by their context ("rebels in
        Liberia" in one sentence, "rebels in Sierra Leone" in the next), and the events stage
        asks for one phrase several times (arguments, the ranker's candidates, a speaker's
        stated role). The place is the document offset (a span's ``start_char`` counts from
        its paragraph)."""
        key = (text, self._offsets(span)[0] if span is not None else -1)
        if key not in self._resolve_cache:
            try:
                self._resolve_cache[key] = self.api.resolve_phrase(text, date=self.date,
                                                                   span=span)
            except Exception as exc:  # noqa: BLE001 - one odd phrase must not fail the document
                log.warning("actor phrase %r not resolved: %r", text, exc)
                self._resolve_cache[key] = None
        return self._resolve_cache[key]

    def _from_phrase(self, span, hs, allow_place, tok=None) -> dict | None:
        text = span.text
        r = self.resolve_text(text, span)
        if not r:
            return None
        if tok is not None and tok.dep_ == "compound" and r.get("method") == "metonym" \
                and tok.head.lemma_.lower() in NAMED_FOR_PLACE:
            return None  # "violating the Minsk agreements" does not target Belarus
        sp = r.get("span") or {}
        if hs is None and tok is not None and sp.get("end") is not None:
            # a phrase names an actor only through its head, or through a head that stands for
            # its members or owner ("a group of Moroccan diplomats", "Turkey's efforts")
            h0 = tok.idx - span.start_char
            # CAMEO convention: a nationality or owner before the head is the actor ("Palestinian
            # lorries", "Turkey's efforts"); a complement after it is not ("supporters of X")
            if sp.get("start", 0) > h0:
                if tok.lemma_.lower() not in TRANSPARENT_HEADS:
                    return None  # "supporters of President X": X is not the head of the phrase
        out = {"id": r.get("id"), "name": r.get("name") or _name(span), "country": r.get("country"),
               "sector": r.get("sector") or hs, "type": r.get("type"), "text": text}
        if hs and out.get("type") == "state":
            out["sector"] = hs
        if not allow_place and out.get("type") in PLACE_TYPES:
            return None
        return out

    def _kb(self):
        if not hasattr(self, "_kb_obj"):
            try:
                self._kb_obj = self.api.load_kb() if self.api is not None else None
            except Exception as exc:  # noqa: BLE001 - the entity fallback works without a knowledge base
                log.warning("actor knowledge base not loaded: %r", exc)
                self._kb_obj = None
        return self._kb_obj

    def _from_kb(self, tok, span, hs, allow_place) -> dict | None:
        """Look entity texts (head first) up in the actor knowledge base."""
        kb = self._kb()
        if kb is None:
            return None
        ents = [e for e in tok.doc.ents if e.label_ in ACTOR_ENTS | {"LOC"}
                and e.end > span.start and e.start < span.end]
        ents.sort(key=lambda e: (not (e.start <= tok.i < e.end), -e.start))
        cands = [e.text for e in ents]
        cands += [t.text for t in span if t.pos_ == "PROPN" or t.text.isupper() and len(t.text) > 1]
        for text in cands:
            text = text.removeprefix("the ").removesuffix("'s").removesuffix("’s")
            hits = kb.lookup(text)
            if not hits:
                continue
            a = kb.get(hits[0].actor_id)
            if a is None:
                continue
            is_head = any(e.text == text and e.start <= tok.i < e.end for e in ents) or text == tok.text
            if not is_head and hs is None and tok.pos_ != "PROPN":
                return None  # "Russian territory": a modifier on a non-agent head
            if not allow_place and a.type in PLACE_TYPES:
                return None
            sector = a.sector
            if hs and (sector is None or a.type == "state"):
                sector = hs
                if a.type == "state":  # "the leadership of Kazakhstan" -> KAZGOV when known
                    a = kb.derived(a.country, hs) or a
            name = _name(span)
            return {"id": a.id, "name": name, "country": a.country, "sector": sector,
                    "type": a.type, "text": name}
        return None

    def _from_entities(self, tok, span, hs, allow_place) -> dict | None:
        ref = self._from_kb(tok, span, hs, allow_place)
        if ref is not None:
            return ref
        ents = [e for e in tok.doc.ents if e.label_ in ACTOR_ENTS
                and e.end > span.start and e.start < span.end]
        table = places()
        country = None
        ent = None
        for e in ents:
            if e.start <= tok.i < e.end:
                ent = e
        if ent is None and ents:
            ent = ents[-1]
        if ent is not None:
            country = table.get(ent.text.lower()) or table.get(ent.text.lower().removeprefix("the "))
            if country is None and ent.label_ in ("GPE", "NORP"):
                country = _pycountry(ent.text)
            if hs is None and not (ent.start <= tok.i < ent.end):
                return None  # "Russian territory": a modifier on a non-agent head
        elif hs is None and not (tok.pos_ == "PROPN" or tok.text.isupper() and len(tok.text) > 1):
            return None
        if country is None:  # "US Secretary of State Anthony Blinken", "Uzbek nationals"
            for e in ents:
                country = table.get(e.text.lower()) or (
                    _pycountry(e.text) if e.label_ in ("GPE", "NORP") else None)
                if country:
                    break
            for t in span:
                if country is None and t.lower_ in table:
                    country = table[t.lower_]
        if ent is None and country is None and hs is not None and not any(
                t.text.isupper() and len(t.text) > 1 or t.pos_ == "PROPN" for t in span):
            return None  # "the troops": an agent word with nobody named
        name = _name(span)
        return {"id": None, "name": name, "country": country, "sector": hs,
                "type": None, "text": name}


def _name(span) -> str:
    """Phrase text without a trailing possessive marker ("Blinken's" -> "Blinken")."""
    toks = list(span)
    while toks and toks[-1].dep_ == "case":
        toks.pop()
    if not toks:
        return span.text
    return span.doc[toks[0].i:toks[-1].i + 1].text


def _pycountry(name: str) -> str | None:
    try:
        import pycountry

        return pycountry.countries.lookup(name).alpha_3
    except (ImportError, LookupError):
        return None


def public(ref: dict) -> ActorRef:
    """The reference stored in ``Event.source``/``target``; ``method: "implied"`` when the
    ref carries ``implied`` (an actor no word of the text names, filled in by a convention)."""
    return ActorRef(id=ref.get("id"), name=ref.get("name"), country=ref.get("country"),
                    sector=ref.get("sector"), start=ref.get("start"), end=ref.get("end"),
                    method="implied" if ref.get("implied") else None,
                    country_from=ref.get("country_from"))
