"""Per-document linking: run the recognisers on every paragraph, keep non-overlapping
candidates, resolve surnames, given names, descriptors and pronouns against the people the
document has introduced, and write ``doc.mentions`` and ``doc.actors``.

Why per document: "the political scientist", "he" and a bare "Sattarov" only make sense
against the people introduced earlier in the same text. The rules are conservative: a
reference links to the most recent compatible person and stays unlinked (is dropped) otherwise.
"""

from __future__ import annotations

import re

from ..doc import Actor, Doc, Mention
from ..lang import Language, fallback_order, get_language
from ..lang import lexicon as lang_lexicon
from .candidates import Cand, select
from .english import EXPERT_WORDS
from .kb import KnowledgeBase, date_in, fold, norm, slug

PRONOUN_WINDOW = 3  # paragraphs back a pronoun may reach
DESCRIPTOR_WINDOW = 1000  # paragraphs back (and 2 forward) a descriptor may reach
FEMALE_ENDINGS = lang_lexicon("en").ordered("female_surname_endings")
MALE_ENDINGS = lang_lexicon("en").ordered("male_surname_endings")


_TR = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
               ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o",
                "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e",
                "yu", "ya"]))


def translit(text: str) -> str:
    return "".join(_TR.get(ch, ch) for ch in text.lower())


def guess_gender(actor: Actor | None) -> str | None:
    """'f'/'m' from Slavic and Central Asian surname endings (Karimova, Sattarov); None for
    names that do not say (Blinken, Erdogan), which are then compatible with any pronoun."""
    if actor is None or actor.type != "person":
        return None
    last = re.sub(r"['’]s$", "", actor.name).split()[-1].lower() if actor.name.split() else ""
    if last.endswith(FEMALE_ENDINGS):
        return "f"
    if last.endswith(MALE_ENDINGS):
        return "m"
    return None


class DocLinker:
    def __init__(self, kb: KnowledgeBase, nlp):
        self.kb = kb
        self.nlp = nlp
        self._recognisers: dict[str, object] = {}  # code -> recogniser, built on first use
        self._fallback = fallback_order()

    def recogniser(self, lang: Language):
        """The language's recogniser (built once; the Russian one loads models on first use)."""
        if lang.code not in self._recognisers:
            factory = lang.recogniser
            self._recognisers[lang.code] = factory(self.kb, self.nlp) if factory else None
        return self._recognisers[lang.code]

    @property
    def en(self):
        """The English recogniser (``actors resolve TEXT`` parses English)."""
        rec = self.recogniser(get_language("en"))
        return rec.rec if rec is not None else None

    def recogniser_for(self, p, text: str):
        """By the language registry: the paragraph's own language when its recogniser reads
        it (a parsed paragraph always), else the first language whose script the text has."""
        lang = get_language(p.lang)
        if lang is not None and lang.recogniser is not None and (
                p.spacy is not None or lang.reads(text)):
            rec = self.recogniser(lang)
            if rec is not None:
                return rec
        for lang in self._fallback:
            if lang.reads(text):
                rec = self.recogniser(lang)
                if rec is not None:
                    return rec
        return None

    # ------------------------------------------------------------------ entry point
    def __call__(self, doc: Doc) -> None:
        date = doc.document.date
        cands: list[Cand] = []
        para_of: dict[int, int] = {}
        for p in doc.paragraphs:
            text = doc.text[p.start:p.end]
            rec = self.recogniser_for(p, text)
            found: list[Cand] = rec(p, text, date) if rec is not None else []
            for c in found:
                para_of[id(c)] = p.idx
            cands += found
        def placed(c: Cand) -> Cand:
            """``c`` with the paragraph and sentence it stands in (``meta``)."""
            c.meta["para"] = para_of.get(id(c), 0)
            sent = doc.sentence_at(c.start)
            c.meta["sidx"] = sent.idx if sent is not None else None
            return c

        chosen = [placed(c) for c in select(cands)]
        self.resolve_references(chosen, date)
        # a one-word "person" no introduced name explains ("accused Labour of ...", tagged
        # PERSON) that is also an ambiguous party or group name: the name, settled by context
        ctx = {(c.start, c.end): c for c in cands if c.kind == "context"}
        chosen = [placed(ctx[(c.start, c.end)]) if c.kind == "unresolved-person"
                  and c.actor_id is None and not c.role and (c.start, c.end) in ctx else c
                  for c in chosen]
        self.resolve_context(chosen, self.support(doc, chosen))
        self.titled_party_country(chosen, doc.text)
        self.write(doc, [c for c in chosen if c.actor_id is not None])

    def titled_party_country(self, cands: list[Cand], text: str, base: int = 0) -> None:
        """A person discovered after a title whose party the context settled ("Conservative MP
        Jane Doe" in a British story: "Conservative" linked to the UK's party) takes that
        party's country. ``base``: offset of ``text`` in the candidates' coordinates."""
        from .lexicon import lexicon

        role_re = lexicon().role_re
        parties = [k for k in cands if k.method == "context" and k.actor_id
                   and (a := self.kb.get(k.actor_id)) is not None and a.country
                   and (a.type == "party" or a.sector == "PTY")]
        if not parties:
            return
        for c in cands:
            a = c.actor
            if not c.person or a is None or not a.discovered or a.country:
                continue
            for k in parties:
                if not (0 < c.start - k.end <= 40):
                    continue
                between = text[k.end - base:c.start - base].strip()
                if between and role_re.fullmatch(between):
                    iso = self.kb.actors[k.actor_id or ""].country
                    a.country = iso
                    for r in a.roles:
                        r["country"] = r.get("country") or iso
                    if a.sector and not a.cameo:
                        a.cameo = f"{iso}{a.sector}"
                    break

    # ------------------------------------------------------------------ ambiguous names
    def support(self, doc: Doc | None, cands: list[Cand]) -> set[str]:
        """Countries the document supports: those of its linked mentions (states, demonyms,
        capitals, people, outlets), the places it names and its outlet."""
        out: set[str] = set()
        for c in cands:
            if c.actor_id is None or c.kind == "context":
                continue
            a = c.actor or self.kb.get(c.actor_id)
            if a is not None and a.country and a.type not in ("media",):
                out.add(a.country)
        if doc is not None:
            for p in doc.paragraphs:
                if p.spacy is not None:
                    out.update(self.places_in(p.spacy))
            outlet = doc.document.outlet
            if outlet:
                hits = self.kb.lookup(outlet)
                a = self.kb.get(hits[0].actor_id) if hits else None
                if a is not None and a.country:
                    out.add(a.country)
        return out

    def places_in(self, sdoc) -> set[str]:
        """States of the cities and provinces a parsed paragraph names ("Herat" -> AFG)."""
        out: set[str] = set()
        if not self.kb.places:
            return out
        texts = [e.text for e in sdoc.ents if e.label_ in ("GPE", "LOC", "FAC")]
        texts += [t.text for t in sdoc if t.text[:1].isupper() and t.is_alpha and len(t) > 3]
        for text in texts:
            iso = self.kb.place_country(re.sub(r"^(?:the|The)\s+", "", text))
            if iso:
                out.add(iso)
        return out

    def resolve_context(self, cands: list[Cand], countries: set[str]) -> None:
        """Link an ambiguous name when exactly one of its candidates' countries is supported;
        otherwise it stays unresolved (its candidates remain in ``meta``)."""
        for c in cands:
            if c.kind != "context" or c.actor_id is not None:
                continue
            ids = c.meta.get("candidates", [])
            fits = [i for i in ids if ((a := self.kb.get(i)) is not None
                                       and a.country in countries)]
            if len({self.kb.actors[i].country for i in fits}) == 1:
                c.actor_id, c.method = fits[0], "context"
                c.sector = self.kb.actors[fits[0]].sector
            elif not fits and (default := self.kb.context_defaults.get(
                    fold(c.meta.get("name") or ""))) is not None:
                # a name several actors share, none of whose countries the document names:
                # the usual reading ("Tripoli" is Libya's capital unless the text is Lebanese)
                c.actor_id, c.method = default, "context"
                c.sector = self.kb.actors[default].sector
            elif not fits and len(ids) >= 2 and len(placed := [
                    i for i in ids if (a := self.kb.get(i)) is not None and a.country]) >= 1 \
                    and len({self.kb.actors[i].country for i in placed}) == 1:
                # one organisation recorded by two sources, one of them without a country
                # ("Boko Haram": a transnational curated group and Phoenix's NGA one; "UNITA":
                # a Phoenix group under CAMEO's ANG and Party Facts' AGO party): the one
                # country on record, a curated record first
                best = sorted(placed, key=lambda i: (i.startswith("PHX:"), i))[0]
                c.actor_id, c.method = best, "context"
                c.sector = self.kb.actors[best].sector

    # ------------------------------------------------------------------ references
    def resolve_references(self, cands: list[Cand], date: str | None) -> None:
        people = [c for c in cands if c.person and c.actor_id]
        actors: dict[str, Actor | None] = {}
        for c in people:
            actors.setdefault(c.actor_id or "", c.actor or self.kb.get(c.actor_id))
        introduced = {c.actor_id for c in people if len(c.meta.get("name", "").split()) >= 2}
        # surnames and given names of people this document introduces
        by_surname: dict[str, list[str]] = {}
        by_given: dict[str, list[str]] = {}
        for aid, a in actors.items():
            if a is None or aid not in introduced:
                continue
            for n in [a.name] + a.aliases.get("en", []) + a.aliases.get("ru", []):
                parts = re.sub(r"['’]s$", "", n).split()
                if len(parts) >= 2:
                    by_surname.setdefault(norm(parts[-1]), [])
                    if aid not in by_surname[norm(parts[-1])]:
                        by_surname[norm(parts[-1])].append(aid)
                    by_given.setdefault(norm(parts[0]), [])
                    if aid not in by_given[norm(parts[0])]:
                        by_given[norm(parts[0])].append(aid)
        # a bare surname means the person this text introduced, not a namesake in the KB
        # ("Abdrakhmanov said" after "Nurlan Abdrakhmanov, deputy head of ...")
        for c in cands:
            if c.kind == "person" and c.method in ("surname", "alias") and " " not in \
                    c.meta.get("name", "x y") and c.language == "en":
                ids = by_surname.get(norm(re.sub(r"['’]s$", "", c.meta["name"]))) or []
                if len(ids) == 1 and ids[0] != c.actor_id:
                    c.actor_id, c.method = ids[0], "surname"
        for c in cands:
            if c.kind != "unresolved-person":
                continue
            key = norm(re.sub(r"['’]s$", "", c.meta.get("name", "")))
            ids = by_surname.get(key) or self._ru_surname(key, by_surname) or []
            if ids and len(ids) == 1:
                c.actor_id, c.method, c.kind = ids[0], "surname", "person"
            elif by_given.get(key) and len(by_given[key]) == 1:
                c.actor_id, c.method, c.kind = by_given[key][0], "given-name", "person"
            elif c.meta.get("honorific"):  # "Mr Karlsson": a person even without a first name
                name = re.sub(r"['’]s$", "", c.meta["name"])
                c.actor = Actor(id=f"PER:{slug(name)}", name=name, type="person",
                                aliases={"en": [name]}, discovered=True)
                c.actor_id, c.method, c.kind = c.actor.id, "discovered", "person"
        # role phrases without a name ("Kazakhstan's president") -> a person the text names
        for c in cands:
            kb_role = c.meta.get("kb_role")
            if kb_role and c.method != "role" and c.meta.get("country"):
                for aid, a in actors.items():
                    if a is not None and not a.discovered and any(
                            r["role"] == kb_role and (r.get("country") == c.meta["country"]
                                                      or r.get("org") == c.meta["country"])
                            and (date is None or date_in(date, r.get("start"), r.get("end")))
                            for r in a.roles):
                        c.actor_id, c.method, c.person, c.kind = aid, "role", True, "person"
                        c.role = c.role or kb_role
                        break
        # descriptors and pronouns, in text order. ``genders`` (actor -> the gender of its
        # last mention that states one) and ``last_role`` (actor -> its last mention with a
        # role) follow ``history`` as it grows: rebuilding them from the whole history for
        # every pronoun and name made a long document's cost quadratic
        history: list[Cand] = []
        genders: dict[str | None, str] = {}
        last_role: dict[str | None, Cand] = {}
        for i, c in enumerate(cands):
            if c.kind == "descriptor":
                ante = self._descriptor_antecedent(c, history, cands[i + 1:], actors, date)
                if ante is not None:
                    c.actor_id, c.person = ante.actor_id, True
                    c.role_class = c.role_class or ante.role_class
            elif c.kind == "pronoun":
                ante = self._pronoun_antecedent(c, history, actors, genders)
                if ante is not None:
                    c.actor_id, c.person, c.confidence = ante.actor_id, True, 0.7
            if c.person and c.actor_id:
                if c.role is None and c.kind == "person":
                    prev = last_role.get(c.actor_id)
                    if prev is not None:
                        c.role_class = prev.role_class
                        c.meta["inherited_role"] = prev.role
                history.append(c)
                if c.meta.get("gender"):
                    genders[c.actor_id] = c.meta["gender"]
                if c.role:
                    last_role[c.actor_id] = c

    def _ru_surname(self, key: str, by_surname: dict[str, list[str]]) -> list[str] | None:
        """A Cyrillic surname ("Соколов") of a person the English text introduced
        ("Andrei Sokolov"): compare transliterations."""
        if not re.search("[а-яё]", key):
            return None
        from rapidfuzz import fuzz

        lat = translit(key)  # both sides transliterated: a Russian name the text introduced
        hits = [k for k in by_surname if fuzz.ratio(lat, translit(k)) >= 85]  # inflects too
        return by_surname[hits[0]] if len(hits) == 1 else None

    def _pronoun_antecedent(self, c: Cand, history: list[Cand], actors: dict[str, Actor | None],
                            genders: dict[str | None, str] | None = None):
        """Most recent compatible person, preferring (1) for "he said" the last person who
        spoke, (2) the last grammatical subject in this or the previous paragraph.
        ``genders``: actor -> gender of its last mention in ``history`` that states one (kept
        by the caller as history grows; computed here when not given)."""
        gender = c.meta.get("gender")
        if genders is None:
            genders = {h.actor_id: h.meta["gender"] for h in history if h.meta.get("gender")}
        window = []
        for h in reversed(history):
            if c.meta["para"] - h.meta.get("para", 0) > PRONOUN_WINDOW:
                break
            g = h.meta.get("gender") or genders.get(h.actor_id) or guess_gender(
                actors.get(h.actor_id or "") or self.kb.get(h.actor_id))
            if gender and g and g != gender:
                continue
            window.append(h)
        if not window:
            return None
        if c.meta.get("speaker"):
            spoke = next((h for h in window if h.meta.get("speaker")), None)
            if spoke is not None:
                return spoke
        # a subject in this or the previous sentence beats a more recent non-subject
        # ("Blinken ... held talks with Tokayev and Nurtleu, and he arrived"); otherwise the
        # most recent person ("For Aliyev, the movement served ... when he was isolated")
        sidx = c.meta.get("sidx")
        if sidx is not None:
            near = [h for h in window if h.meta.get("sidx") is not None
                    and 0 <= sidx - h.meta["sidx"] <= 1]
            subj = next((h for h in near if h.meta.get("subj")), None)
            if subj is not None:
                return subj
            if near:
                return near[0]
        return window[0]

    def _descriptor_antecedent(self, c: Cand, history: list[Cand], after: list[Cand],
                               actors: dict[str, Actor | None], date: str | None = None) -> Cand | None:
        word = c.meta.get("role_word", c.role or "").lower()
        head = word.split()[-1] if word else ""
        generic = head in EXPERT_WORDS or head in {"expert", "interlocutor"}

        def compatible(h: Cand) -> bool:
            roles = [r.lower() for r in (h.role, h.meta.get("inherited_role")) if r]
            if any(word in r or head in r.split() for r in roles):
                return True
            if generic and h.role_class == "expert":
                return True
            kb_role = c.meta.get("desc_kb_role")
            a = actors.get(h.actor_id or "") or self.kb.get(h.actor_id)
            if kb_role and a is not None and not a.discovered:  # "the Secretary of State"
                return any(r["role"] == kb_role and (date is None or date_in(
                    date, r.get("start"), r.get("end"))) for r in a.roles)
            return False

        for h in reversed(history):
            if c.meta["para"] - h.meta.get("para", 0) > DESCRIPTOR_WINDOW:
                break
            if compatible(h):
                return h
        for h in after:  # a lede may describe the expert before naming them
            if h.meta.get("para", 0) - c.meta["para"] > 2:
                break
            if h.person and h.actor_id and h.kind == "person" and compatible(h):
                return h
        return None

    # ------------------------------------------------------------------ output
    def write(self, doc: Doc, cands: list[Cand]) -> None:
        mentions: list[Mention] = []
        found = {c.actor.id: c.actor for c in cands if c.actor is not None}
        for c in cands:
            actor = c.actor or self.kb.get(c.actor_id) or found.get(c.actor_id or "")
            if actor is None:
                continue
            if c.actor is not None:
                have = doc.actors.get(actor.id)
                if have is None:
                    doc.actors[actor.id] = actor
                else:
                    for r in actor.roles:
                        if r not in have.roles:
                            have.roles.append(r)
                    if have.country is None and actor.country:
                        have.country, have.cameo, have.sector = actor.country, actor.cameo, actor.sector
            else:
                doc.actors.setdefault(actor.id, actor)
            s = doc.sentence_at(c.start)
            mentions.append(Mention(text=doc.text[c.start:c.end], start=c.start, end=c.end,
                                    actor_id=actor.id, sentence=s.idx if s else None,
                                    language=c.language, method=c.method, role=c.role,
                                    confidence=c.confidence))
        mentions.sort(key=lambda m: (m.start, m.end))
        doc.mentions = mentions
