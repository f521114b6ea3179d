"""Organisations the knowledge base does not know, coded by what the text says they are.

News names companies, agencies, campaign groups and unions that no actor list holds ("Metrovias",
"the Countryside Alliance", "Shanghai Automotive Industry Corp", "oil giant Yukos"). Event data
code them by country and sector all the same (ARGBUS, GBRNGO, CHNBUS, RUSBUS), and a reporter
always says what they are, in one of two ways:

* the name's own words: its last word before any "of"/"for" ("the Countryside *Alliance*",
  "the *Department* of Health") or a legal suffix ("... *Corp*", "... *plc*");
* a descriptor noun the story attaches to the name somewhere in the document: a title before it
  ("oil *giant* Yukos", "the *carmaker* MG Rover"), an apposition ("Metrovias, the private
  *firm* ...") or a predicate ("Yukos is an oil *company*").

Both word lists are data (``lang/en/actors.yaml``: ``org_sector_words``, ``org_sector_descriptors``); a
user extends them there. The result is an actor with no id, the sector those words give and the
country of a place its name holds ("*Shanghai* Automotive" -> CHN); without one, the event
coder's country completion gives it the sentence's or the story's country
(``events/countries.py``), as it does for "police" or "the court". Names the actors stage linked
never reach this module; a name that no word types stays unknown (no guess from the name alone).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from ..lang import lexicon as lang_lexicon
from .home import STATELESS_SECTORS, home_country

# words that join the parts of a name ("Department of Health", "Bank for International ...")
NAME_JOINERS = frozenset({"of", "for", "and", "&"})
NOT_NAME_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
ORG_TYPE = "organisation"


@cache
def _words() -> dict[str, Any]:
    lex = lang_lexicon("en")

    def by_word(key: str) -> dict[str, str]:
        out: dict[str, str] = {}
        for sector, words in (lex.table(key) or {}).items():
            for w in words or ():
                out[str(w).lower()] = str(sector)
        return out

    return {"name": by_word("org_sector_words"), "descriptor": by_word("org_sector_descriptors"),
            "owned": by_word("org_sector_owned"), "modified": by_word("org_sector_modified"),
            "transnational": lex.words("org_transnational_words")}


def name_sector(words: list[str]) -> str | None:
    """The sector a name's own words give: its head (the last word before "of"/"for", else the
    last word; "Ltd."-style suffixes count without their dot), or None."""
    table = _words()["name"]
    ws = [w.lower().rstrip(".") for w in words if w.strip(".")]
    while ws and ws[0] in ("the",):
        ws = ws[1:]
    if len(ws) < 2:
        return None  # "Union", "Trust" alone: a common word, not a name
    scope = _words()["transnational"]
    while len(ws) > 2 and ws[-1] in scope:
        ws = ws[:-1]  # "X Watch International": the head is "Watch"
    cut = next((i for i, w in enumerate(ws) if w in ("of", "for") and i > 0), len(ws))
    head = ws[cut - 1]
    if head.endswith(("'s", "’s")):
        head = head[:-2]
    return table.get(head)


def descriptor_sector(tok) -> str | None:
    """The sector a descriptor noun gives ("firm" BUS, "rating agency" BUS, "charity" NGO), the
    two-word form first ("rating agency", "campaign group")."""
    table = _words()["descriptor"]
    lem = tok.lemma_.lower()
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    if prev is not None and prev.dep_ in ("compound", "amod") and prev.head.i == tok.i:
        two = f"{prev.lemma_.lower()} {lem}"
        if two in table:
            return table[two]
        two = f"{prev.lower_} {tok.lower_}"
        if two in table:
            return table[two]
    return table.get(lem) or table.get(tok.lower_)


def _name_tokens(tok) -> list:
    """The proper name ``tok`` ends or lies in: the run of capitalised tokens (and joiners
    between them) around it in its sentence, without a leading "the" or a possessive."""
    doc = tok.doc

    def part(k: int) -> bool:
        return 0 <= k < len(doc) and doc[k].pos_ == "PROPN" and doc[k].ent_type_ not in NOT_NAME_ENTS

    i = j = tok.i
    while i > 0 and not doc[i].is_sent_start and (
            part(i - 1) or doc[i - 1].lower_ in NAME_JOINERS and part(i - 2)):
        i -= 1
    while doc[i].lower_ in NAME_JOINERS and i < tok.i:
        i += 1
    while j + 1 < len(doc) and not doc[j + 1].is_sent_start and (
            part(j + 1) or doc[j + 1].lower_ in NAME_JOINERS and part(j + 2)):
        j += 1
    return [t for t in doc[i:j + 1] if t.dep_ != "case"]


def _key(words) -> str:
    return " ".join(w.lower() for w in words)


def _linked(doc, api, toks) -> bool:
    if api is None or not toks:
        return False
    s = doc.token_start(toks[0])
    e = doc.token_start(toks[-1]) + len(toks[-1])
    return any(m.end > s and m.start < e for m in api.mentions_in(doc, s, e)) or \
        api.actor_at(doc, s, e) is not None


def _registry(doc, api) -> dict[str, str]:
    """Name (lower-cased words) -> sector for every unknown organisation the document types
    with a descriptor: "oil giant Yukos", "Metrovias, the private firm", "Yukos is a company".
    Built once per document (``doc.user_data``)."""
    memo = doc.user_data.get("mv_org_names")
    if memo is not None:
        return memo
    out: dict[str, str] = {}
    owned, modified = _words()["owned"], _words()["modified"]
    for sent in doc.english_sentences():
        for t in sent.span:
            if t.pos_ == "PUNCT" and t.text == "(":
                _acronym(doc, api, t, out)
            if t.pos_ != "NOUN":
                continue
            sector = descriptor_sector(t)
            if sector is None:
                # what only a body of one sector has: "Rover's Longbridge plant", "Yukos
                # shares", "the Acme chief executive" name a company
                lem = t.lemma_.lower()
                sector = owned.get(lem) or modified.get(lem)
                deps = ("poss", "compound") if lem in modified else ("poss",)
                for c in t.children if sector else ():
                    if c.dep_ in deps and c.pos_ == "PROPN" and c.i < t.i:
                        toks = _name_tokens(c)
                        if toks and toks[-1].i == c.i and not _linked(doc, api, toks):
                            out.setdefault(_key(x.text for x in toks), sector)
                continue
            names = []
            if t.head.pos_ == "PROPN" and (t.dep_ == "appos" or t.dep_ in ("compound", "nmod")
                                           and t.head.i > t.i):
                names.append(t.head)  # "oil giant Yukos", "Metrovias, the private firm"
            names += [c for c in t.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
            if t.dep_ == "attr" and t.head.lemma_ == "be":  # "Yukos is an oil company"
                names += [c for c in t.head.children if c.dep_ == "nsubj" and c.pos_ == "PROPN"]
            for n in names:
                toks = _name_tokens(n)
                if toks and not _linked(doc, api, toks):
                    out.setdefault(_key(t.text for t in toks), sector)
    doc.user_data["mv_org_names"] = out
    return out


def _acronym(doc, api, paren, out: dict[str, str]) -> None:
    """"the Office of Fair Trading (OFT)": the short form in brackets after a name its own
    words type is the same organisation."""
    i = paren.i
    d = paren.doc
    if i < 1 or i + 2 >= len(d) or d[i + 2].text != ")" or not d[i + 1].text[:1].isupper():
        return
    toks = _name_tokens(d[i - 1]) if d[i - 1].pos_ == "PROPN" else []
    sector = name_sector([x.text for x in toks]) if toks else None
    if sector is None and toks:
        sector = out.get(_key(x.text for x in toks))
    if sector is not None and not _linked(doc, api, [d[i + 1]]):
        out.setdefault(d[i + 1].lower_, sector)


def _lookup(registry: dict[str, str], key: str) -> str | None:
    """The sector of ``key`` in the registry, or of the one registered name it begins or ends
    ("Rover" for "MG Rover", "Shanghai Automotive" for "Shanghai Automotive Industry Corp")."""
    if key in registry:
        return registry[key]
    hits = {s for k, s in registry.items()
            if k.startswith(key + " ") or k.endswith(" " + key)}
    return hits.pop() if len(hits) == 1 else None


def named_org(doc, tok, api) -> dict | None:
    """The unknown organisation the proper name at ``tok`` names, as an argument actor
    ``{id: None, name, country, sector, type: "organisation"}``, or None when neither its
    words nor a descriptor in the document say what it is."""
    if tok.pos_ != "PROPN" or tok.ent_type_ in ("NORP", "DATE"):
        return None
    toks = _name_tokens(tok)
    if not toks or _linked(doc, api, toks):
        return None
    words = [t.text for t in toks]
    # a name the tagger took for a place is an organisation only when the story says so
    if tok.ent_type_ in ("GPE", "LOC"):  # exactly as the story typed it: "Shanghai" is
        sector = _registry(doc, api).get(_key(words))  # no "Shanghai Automotive"
    else:
        sector = name_sector(words) or _lookup(_registry(doc, api), _key(words))
    if sector is None:
        return None
    country = origin = None
    if api is not None and not any(w.lower() in _words()["transnational"] for w in words):
        kb = api.load_kb()
        found = {c for t in toks if t.text[:1].isupper() and (c := kb.place_country(t.text))}
        country = found.pop() if len(found) == 1 else None  # "Shanghai Automotive" -> CHN
        if country is None and sector in STATELESS_SECTORS:
            # a campaign group or charity of the story's country ("the Countryside Alliance"
            # in a British story): event data code it GBRNGO; country completion leaves NGOs
            # alone. Inferred, not in its words: ``country_from``
            country = home_country(doc, api)
            origin = "story" if country else None
    s = doc.token_start(toks[0])
    e = doc.token_start(toks[-1]) + len(toks[-1])
    out = {"id": None, "name": doc.text[s:e], "country": country, "sector": sector,
           "type": ORG_TYPE, "text": doc.text[s:e], "start": s, "end": e}
    if origin:
        out["country_from"] = origin
    return out
