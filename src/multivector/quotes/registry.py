"""Who is who in one document: the entity registry speaker attribution resolves against.

A news article introduces people once ("Former WorldCom chief Bernie Ebbers", "Attallah
Shabazz, the daughter of activist Malcolm X") and then refers to them by surname, title,
pronoun or description ("Mr Ebbers", "she", "the 87-year-old", "the Black Sabbath singer").
The registry collects, per document:

* people: full name, first and last name, titles, the roles stated next to the name
  (apposition, role words before it), a stated age, and a gender from evidence in the text —
  titles (Mr/Ms), gendered role nouns (wife, spokeswoman, actress), pronouns in a sentence
  about only that person — and, weakest, the given-name list shipped in
  ``lang/en/given_names.tsv``;
* organisations (spaCy ORG/GPE names) and groups (two or more names joined by "and");
* every mention with its sentence, paragraph and grammatical weight (a subject counts more
  than an object), outside quotation marks only.

Resolution is by salience, not by recency alone: each candidate scores the best of its mentions,
``weight * 0.5 ** (sentences back)``, plus a bonus for being the current speaker; candidates of
the wrong gender or number are out, and mentions inside the statement being attributed are not
candidates ("Mr Sullivan 'made accounting decisions,' he told the court": "he" is not Sullivan).
A resolution returns the entity, the method and a confidence, or None with the candidates, never
a guess between equals.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..doc import Doc
from ..lang.names import given_names

log = logging.getLogger(__name__)

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
SURNAME_DEPS = SUBJECT_DEPS | {"poss", "pobj", "appos", "conj"}
ARG_DEPS = {"dobj", "pobj", "poss", "agent", "appos", "attr", "dative", "conj"}
PRONOUN_GENDER_DEPS = {"nsubj", "nsubjpass", "poss"}
# actor types (actors stage) of names that speak as an organisation; states and regions are
# places first ("in the US") and stay with the tagger's GPE handling
LINKED_ORG_TYPES = {"media", "company", "ngo", "igo", "government", "legislature", "military",
                    "think-tank", "party"}
ROLE_PREPOSITIONS = {"of", "at", "for", "in", "with", "from", "on", "to", "behind", "under"}
WINDOW_SENTENCES = 12  # how far back a pronoun or descriptor may reach
WINDOW_PARAGRAPHS = 3


@dataclass(frozen=True)
class SpeakerWords:
    """The word lists of ``lang/<code>/speaker_words.yaml``."""

    titles_male: frozenset[str]
    titles_female: frozenset[str]
    titles_neutral: frozenset[str]
    female_nouns: frozenset[str]
    male_nouns: frozenset[str]
    spokes_nouns: frozenset[str]
    carrier_nouns: frozenset[str]
    org_plural_nouns: frozenset[str]
    person_plural_nouns: frozenset[str]
    org_nouns: frozenset[str]
    age_pattern: str
    male_pronouns: frozenset[str]
    female_pronouns: frozenset[str]
    plural_pronouns: frozenset[str]
    org_pronouns: frozenset[str]
    reporter_nouns: frozenset[str]
    reporter_possessives: frozenset[str]
    person_noun_endings: frozenset[str]
    company_nouns: frozenset[str]
    people_plural_nouns: frozenset[str]
    people_plural_endings: frozenset[str]
    role_abbreviations: frozenset[str]
    research_nouns: frozenset[str]
    org_metonyms: frozenset[str]
    org_name_words: frozenset[str]

    @property
    def titles(self) -> frozenset[str]:
        return self.titles_male | self.titles_female | self.titles_neutral


@lru_cache(maxsize=1)
def org_aliases() -> dict[str, str]:
    """Each name of ``org_aliases`` (lang/en/quote_words.yaml) -> its organisation's key."""
    from ..lang import lexicon

    out: dict[str, str] = {}
    for key, names in lexicon("en").table("org_aliases").items():
        for n in [key, *names]:
            out[str(n).lower()] = str(key)
    return out


@lru_cache(maxsize=4)
def speaker_words(code: str = "en") -> SpeakerWords:
    """The speaker word lists of ``multivector/lang/<code>/speaker_words.yaml``."""
    from ..lang import lexicon

    lex = lexicon(code)
    kw: dict[str, Any] = {}
    for name, f in SpeakerWords.__dataclass_fields__.items():
        kw[name] = str(lex.get(name)) if f.type == "str" else frozenset(w.lower() for w in lex.words(name))
    return SpeakerWords(**kw)


@lru_cache(maxsize=4)
def metonym_pattern(code: str = "en") -> re.Pattern | None:
    """One regex for the organisation metonyms of ``speaker_words.yaml`` (longest first)."""
    from ..lang import lexicon

    words = sorted(lexicon(code).ordered("org_metonyms"), key=len, reverse=True)  # as written
    if not words:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")


@dataclass
class Entity:
    idx: int
    kind: str  # person, org, group
    name: str
    first: str | None = None
    last: str | None = None
    actor_id: str | None = None
    roles: list[str] = field(default_factory=list)
    role_words: set[str] = field(default_factory=set)
    ages: set[str] = field(default_factory=set)
    votes: dict[str, float] = field(default_factory=dict)
    members: list[int] = field(default_factory=list)  # a group's people or organisations
    org: int | None = None  # an unnamed spokesman's organisation
    unnamed: bool = False
    plural: bool = False  # an organisation named in the plural ("the Tories", "Liberal Democrats"): "they"
    media: bool = False  # introduced as a reporter ("The BBC's Zubair Ahmed")

    @property
    def gender(self) -> str | None:
        m, f = self.votes.get("m", 0.0), self.votes.get("f", 0.0)
        if m > f:
            return "m"
        if f > m:
            return "f"
        return None

    def vote(self, gender: str | None, weight: float) -> None:
        if gender in ("m", "f"):
            self.votes[gender] = self.votes.get(gender, 0.0) + weight

    def add_role(self, role: str | None) -> None:
        if not role or role in self.roles:
            return
        self.roles.append(role)
        # the role's own words, not those of what it is a role of: "the head of giant chip
        # maker X" is a head, not a maker ("the chip maker" is X)
        words = re.findall(r"[a-z][a-z\-]+", role.lower())
        for k, w in enumerate(words):
            if k and w in ROLE_PREPOSITIONS:
                words = words[:k]
                break
        for w in words:
            self.role_words.add(w)
            if w.endswith("s") and len(w) > 3:
                self.role_words.add(w[:-1])


@dataclass
class EMention:
    start: int
    end: int
    entity: int
    sent: int
    para: int
    weight: float
    token: tuple[int, int] | None = None  # (paragraph idx, token index) of the mention's head


@dataclass
class Resolution:
    entity: Entity | None
    method: str
    confidence: float
    candidates: list[str] = field(default_factory=list)


def in_clause_after(w: Any, head: Any) -> bool:
    """``w`` is in a relative or participle clause after ``head`` (the clause's verb included):
    "the union, which represents teachers," is the union, not "union represents"."""
    x = w
    while x.i != head.i:
        if x.dep_ in ("relcl", "acl") and x.i > head.i:
            return True
        if x.head.i == x.i:
            return False
        x = x.head
    return False


def _one_edit(a: str, b: str) -> bool:
    """One letter substituted, added or dropped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    if len(a) > len(b):
        a, b = b, a
    return any(b[:i] + b[i + 1:] == a for i in range(len(b)))


def _is_person_word(low: str, sw: SpeakerWords) -> bool:
    """A noun that names a person ("mother", "teacher", "student", "spokesman")."""
    return (low in sw.female_nouns or low in sw.male_nouns or low.endswith(tuple(sw.person_noun_endings))
            or low in sw.spokes_nouns)


def _joined_words(toks: list) -> list[str]:
    """The words of a name as the text writes them: tokens the tagger split at a hyphen or an
    apostrophe with no space ("Kilroy", "-", "Silk") are one word ("Kilroy-Silk")."""
    out: list[str] = []
    prev = None
    for t in toks:
        if out and prev is not None and prev.i + 1 == t.i and not prev.whitespace_ \
                and (t.text in ("-", "'", "’") or prev.text in ("-", "'", "’")):
            out[-1] += t.text
        else:
            out.append(t.text)
        prev = t
    return [w for w in out if w not in ("-", "'", "’")]


def _strip_titles(words: list[str], sw: SpeakerWords) -> tuple[list[str], str | None]:
    """Drop leading titles; return the rest and the gender the titles state."""
    gender = None
    while words and words[0].lower().rstrip(".") in sw.titles:
        t = words[0].lower().rstrip(".")
        if t in sw.titles_male:
            gender = "m"
        elif t in sw.titles_female:
            gender = "f"
        words = words[1:]
    return words, gender


class Registry:
    """The people, organisations and groups of one document (see the module docstring)."""

    def __init__(self, doc: Doc, quoted: list[tuple[int, int]] | None = None,
                 role_of: Any = None, words: SpeakerWords | None = None):
        self.doc = doc
        self.sw = words or speaker_words()
        self.quoted = sorted(quoted or [])
        self._qstarts = [a for a, _ in self.quoted]
        self.role_of = role_of
        self.entities: list[Entity] = []
        self.mentions: list[EMention] = []
        self.speaker_events: list[tuple[int, int]] = []  # (position of the cue, entity idx)
        self._surnames: set[str] = set()  # last names and one-word names of people (fast test)
        # entity idx by name, last name, first name and (organisations) acronym, so a name is
        # looked up, not compared with every entity (quadratic on long documents); filled
        # lazily from ``entities`` (see ``_names``), every hit checked against the entity
        self._ix_n = 0
        self._ix: dict[str, dict[str, list[int]]] = {
            "name": {}, "lname": {}, "last": {}, "first": {}, "acro": {}, "members": {}}
        self._want: set[int] | None = None
        from spacy.parts_of_speech import NOUN as _NOUN_POS

        self._noun_pos = int(_NOUN_POS)
        self._sent_starts: list[int] = [s.start for s in doc.sentences]
        # distance counts narrative sentences: a long quotation does not push referents away
        self._narr: list[int] = []
        n = 0
        for st in self._sent_starts:
            if not self.in_quote(st):
                n += 1
            self._narr.append(n)
        self._build()

    # --- geometry ------------------------------------------------------------------------
    def in_quote(self, pos: int) -> bool:
        i = bisect.bisect_right(self._qstarts, pos) - 1
        while i >= 0:
            a, b = self.quoted[i]
            if a <= pos < b:
                return True
            if b < pos - 5000:
                break
            i -= 1
        return False

    def sent_index(self, pos: int) -> int:
        return max(bisect.bisect_right(self._sent_starts, pos) - 1, 0)

    def _dist(self, a: int, b: int) -> int:
        """Narrative sentences from sentence ``a`` to sentence ``b``."""
        if not self._narr:
            return b - a
        a = min(max(a, 0), len(self._narr) - 1)
        b = min(max(b, 0), len(self._narr) - 1)
        return max(self._narr[b] - self._narr[a], 0)

    def para_index(self, pos: int) -> int:
        p = self.doc.paragraph_at(pos)
        return p.idx if p is not None else 0

    # --- building --------------------------------------------------------------------------
    def _build(self) -> None:
        doc = self.doc
        ents_of: dict[int, list] = {}  # paragraph -> its entities (Doc.ents is costly to rebuild)
        cand_of: dict[int, list[int]] = {}  # paragraph -> indices of the tokens worth a look
        self.spokes_subjects: list = []  # "a Home Office spokesman said": for the resolver
        self.demonym_subjects: list = []  # "The Scot defended him": resolved before any quote
        for s in doc.english_sentences():
            span = s.span
            if span is None:
                continue
            para = self.doc.paragraphs[s.paragraph]
            if para.idx not in ents_of:
                ents_of[para.idx] = list(span.doc.ents)
                cand_of[para.idx] = self._candidates(span.doc)
            sent_ents = [e for e in ents_of[para.idx] if span.start <= e.start < span.end]
            nouns: list = []
            plural: list = []  # "Labour backbenchers and opposition politicians opposed it"
            pronouns: list = []
            roled: list = []  # "Turkey's foreign minister criticised ...": an unnamed person by role
            in_sentence: list[int] = []
            covered: set[int] = set()
            first_mention = len(self.mentions)
            person_titles = self.sw.titles_male | self.sw.titles_female
            for ent in sent_ents:
                pt = span.doc[ent.start - 1] if ent.start > 0 else None
                titled = ent[0].lower_.rstrip(".") in person_titles or (
                    pt is not None and pt.lower_.rstrip(".") in person_titles)
                if ent.label_ != "PERSON" and not titled and self.person_by_name(ent.text) is not None:
                    titled = True  # a known person's surname the tagger took for a company
                if ent.label_ == "ORG" and not titled and pt is not None \
                        and pt.pos_ == "NOUN" and pt.dep_ == "compound" \
                        and len(ent) >= 2 and all(t.pos_ == "PROPN" for t in ent) and (
                        pt.lower_ in self.sw.titles_neutral or pt.lower_.endswith(tuple(self.sw.person_noun_endings))):
                    titled = True  # "captain Fabien Pelous" tagged as a company
                if ent.label_ == "PERSON" and len(ent) == 1 and not titled and pt is not None \
                        and pt.lower_ == "the" and ent[0].text not in self._surnames:
                    if ent.root.dep_ in SUBJECT_DEPS:
                        self.demonym_subjects.append(ent.root)
                    continue  # "The Scot", "the Argentine": a descriptor (coref), not a name
                if ent.label_ in ("ORG", "GPE") and not titled and len(ent) == 1 and ent[0].text in given_names() \
                        and any(c.dep_ == "appos" and c.pos_ == "NOUN" and _is_person_word(c.lower_, self.sw)
                                for c in ent.root.children):
                    titled = True  # "Michelle, a mother of twins, said" tagged as a company
                if ent.label_ == "ORG" and not titled and len(ent) >= 3 \
                        and ent[-1].lower_ in self.sw.role_abbreviations and ent[0].text in given_names():
                    titled = True  # "Guy Mansfield QC" tagged as a company
                if ent.label_ == "ORG" and not titled and len(ent) >= 3:
                    named = self._role_and_name(ent)
                    if named is not None:  # "Balco boss Victor Conte" tagged as a company
                        e = self._person_from_tokens(named, s.idx, para.idx, para.start)
                        if e is not None:
                            covered.update(t.i for t in ent)
                            in_sentence.append(e.idx)
                            continue
                split = self._misread_name(ent, pt, covered)
                if split is not None:  # "Vera Kolosova" as an untagged word and a company
                    e = self._person_from_tokens(split, s.idx, para.idx, para.start)
                    if e is not None:
                        covered.update(t.i for t in split)
                        in_sentence.append(e.idx)
                    continue
                if ent.label_ == "PERSON" or titled:
                    toks = list(ent)
                    nxt = span.doc[ent.end] if ent.end < span.end else None
                    if ent.label_ == "PERSON" and ent[-1].text in given_names() and nxt is not None \
                            and nxt.pos_ == "PROPN" and nxt.is_alpha and nxt.text[:1].isupper() \
                            and not nxt.ent_type_:
                        toks.append(nxt)  # "Olga" tagged, "Petrenkova" after it not: one name
                        covered.add(nxt.i)
                    e = self._person_from_tokens(toks, s.idx, para.idx, para.start)
                elif ent.label_ in ("ORG", "GPE", "FAC"):  # FAC: "Downing Street", "the White House" speak
                    e = self._org_from_span(ent, s.idx, para.idx, para.start)
                elif ent.label_ == "NORP" and ent[-1].tag_ in ("NNPS", "NNS") and ent[-1].text.endswith("s"):
                    # a party or a people named in the plural ("the Tories", "Liberal Democrats"):
                    # speaks as an organisation, and "they" points back to it
                    e = self._org_from_span(ent, s.idx, para.idx, para.start)
                    if e is not None:
                        e.plural = True
                else:
                    continue
                if e is not None:
                    covered.update(t.i for t in ent)
                    in_sentence.append(e.idx)
            self._metonyms(span, para.idx, covered, in_sentence, s.idx, para.start)
            self._linked_orgs(span, para.idx, covered, in_sentence, s.idx, para.start)
            # one pass over the words for what the tagger missed
            person_titles = self.sw.titles_male | self.sw.titles_female
            pdoc = span.doc
            lo, hi = span.start, span.end
            for i in cand_of[para.idx]:
                if i < lo or i >= hi or i in covered:
                    continue
                t = pdoc[i]
                low = t.lower_.rstrip(".")
                if t.pos_ == "PRON":
                    if low in self.sw.male_pronouns or low in self.sw.female_pronouns:
                        pronouns.append(t)
                    continue
                if t.pos_ == "NOUN" and t.dep_ in SUBJECT_DEPS:
                    lemma = t.lemma_.lower()
                    if lemma in self.sw.org_nouns and t.tag_ == "NN":
                        nouns.append(t)
                    elif lemma in self.sw.spokes_nouns:
                        self.spokes_subjects.append(t)
                    elif t.tag_ == "NNS" and self._people_noun(lemma):
                        plural.append(t)
                    elif t.tag_ == "NN" and _is_person_word(lemma, self.sw) and lemma not in self.sw.reporter_nouns \
                            and lemma not in self.sw.carrier_nouns and lemma not in self.sw.research_nouns \
                            and lemma not in self.sw.company_nouns:  # ("statement" ends like "agent")
                        roled.append(t)
                if low in person_titles:
                    # titled names the tagger missed ("Mr Khatami", "Sir Alan")
                    if t.i + 1 < len(t.doc) and t.i + 1 in covered:
                        continue
                    run = [t]
                    j = t.i + 1
                    while j < span.end and t.doc[j].text[:1].isupper() and t.doc[j].is_alpha:
                        run.append(t.doc[j])
                        j += 1
                    if len(run) > 1:
                        e = self._person_from_tokens(run, s.idx, para.idx, para.start)
                        if e is not None:
                            covered.update(x.i for x in run)
                            in_sentence.append(e.idx)
                    continue
                if not t.text[:1].isupper() or not t.is_alpha:
                    continue
                named = self._given_name_run(t, hi, covered)
                if named:  # "routed Vera Zvonareva 6-1": a given name and a surname, untagged
                    e = self._person_from_tokens(named, s.idx, para.idx, para.start)
                    if e is not None:
                        covered.update(x.i for x in named)
                        in_sentence.append(e.idx)
                        continue
                if t.dep_ in SURNAME_DEPS and t.pos_ in ("PROPN", "NOUN", "VERB", "AUX", "ADJ"):
                    # surnames of people already introduced, tagged as something else ("May said")
                    e = self.person_by_name(t.text)
                    if e is not None:
                        self._add_mention(e, t, t, s.idx, para.idx, para.start)
                        in_sentence.append(e.idx)
                        covered.add(t.i)
                        continue
                if t.dep_ in SUBJECT_DEPS and t.pos_ == "PROPN" and t.ent_type_ not in ("ORG", "GPE", "NORP", "DATE"):
                    # "captain Fabien Pelous" with no entity tag
                    run = sorted([c for c in t.children if c.dep_ in ("compound", "flat") and c.pos_ == "PROPN"] + [t],
                                 key=lambda x: x.i)
                    role = [c for c in t.children if c.dep_ in ("compound", "amod") and c.pos_ == "NOUN"
                            and c.i < run[0].i]
                    if len(run) >= 2 and (role or any(x.text in given_names() for x in run[:-1])) and all(
                            x.i not in covered
                                                                                        for x in run):
                        e = self._person_from_tokens(run, s.idx, para.idx, para.start)
                        if e is not None:
                            covered.update(x.i for x in run)
                            in_sentence.append(e.idx)
            self._org_noun_subjects(nouns, covered, s.idx, para.idx, para.start)
            self._role_subjects(roled, covered, para.start)
            self._people_groups(plural, covered, s.idx, para.idx, para.start)
            self._groups(span, s.idx, para.idx, para.start, first_mention)
            self._pronoun_gender(pronouns, in_sentence, para.start, first_mention, span)
        for e in self.entities:
            if e.kind == "person" and e.first and not e.votes:
                e.vote(given_names().get(e.first), 0.5)
        # the passes above add a sentence's mentions out of text order (names, then the words
        # the tagger missed, then groups); in order, lookups bisect instead of scanning
        self.mentions.sort(key=lambda m: m.start)

    def _role_subjects(self, heads: list, covered: set[int], pbase: int) -> None:
        """An unnamed official introduced by role and country or organisation as a subject
        ("Turkey's foreign minister criticised ...", "the Kyrgyz defence minister said"): one
        person, registered so that "the minister" and "he" later point back to him."""
        for t in heads:
            if t.i in covered or self.in_quote(pbase + t.idx):
                continue
            kids = list(t.children)
            # (the small model tags some countries as people: "Azerbaijan's foreign minister")
            owner = next((c for c in kids if c.dep_ == "poss" and (c.pos_ == "PROPN" or c.ent_type_ in (
                "GPE", "ORG", "NORP", "PERSON"))), None)
            if owner is None and not any(e.kind == "person" and not e.unnamed for e in self.entities):
                # "the Kyrgyz defence minister" before anyone is named; after a name, "the
                # Republican nominee" or "the Vermont senator" is that person again
                owner = next((c for c in kids if c.dep_ in ("amod", "compound") and c.i < t.i
                              and c.ent_type_ in ("NORP", "GPE", "ORG")), None)
            owner_toks = {x.i for x in owner.subtree} if owner is not None else set()
            if owner is None or any(c.dep_ in ("appos", "relcl", "acl", "prep") for c in kids) or any(
                    x.ent_type_ == "PERSON" and x.i not in owner_toks for x in t.subtree) or (
                    t.i + 1 < len(t.doc) and t.doc[t.i + 1].pos_ == "PROPN"):
                continue  # named in apposition ("..., Hakan Fidan,") or a name follows
            role_toks = [c for c in kids if c.dep_ in ("compound", "amod") and c.i < t.i and not c.ent_type_
                         and c.pos_ in ("NOUN", "ADJ")] + [t]
            role = " ".join(x.lower_ for x in sorted(role_toks, key=lambda x: x.i))
            words = set(role.split())
            if any(e.kind == "person" and not e.unnamed and words <= e.role_words for e in self.entities):
                continue  # a named person holds that role: "the minister" is him
            toks = [x for x in t.subtree if x.i <= t.i and x.dep_ != "det"]
            phrase = re.sub(r"\s+(['’]s)\b", r"\1", " ".join(x.text for x in toks))
            self.unnamed_person(phrase, None, None, pbase + t.idx, t, pbase, role)
            covered.add(t.i)

    @staticmethod
    def _misread_name(ent: Any, pt: Any, covered: set[int]) -> list | None:
        """A person's name the tagger split or mislabelled: an untagged given name before a
        one-word company or place ("Vera Kolosova" as "Vera" + ORG "Kolosova"), or a product
        that opens with a given name and a surname ("Elena Dobrova 6-1 6-0")."""
        names = given_names()
        if ent.label_ in ("ORG", "GPE") and len(ent) == 1 and pt is not None and pt.i not in covered \
                and not pt.ent_type_ and pt.pos_ == "PROPN" and pt.text in names \
                and ent[0].pos_ == "PROPN" and ent[0].is_alpha:
            before = pt.doc[pt.i - 1] if pt.i > 0 else None
            if before is None or not (before.text[:1].isupper() and before.is_alpha) or pt.is_sent_start:
                return [pt, ent[0]]
        if ent.label_ in ("PRODUCT", "WORK_OF_ART") and len(ent) >= 2 and ent[0].text in names \
                and ent[0].pos_ == "PROPN" and ent[1].pos_ == "PROPN" and ent[1].is_alpha \
                and ent[1].text[:1].isupper() and (len(ent) == 2 or not ent[2].is_alpha):
            return [ent[0], ent[1]]
        return None

    @staticmethod
    def _given_name_run(t: Any, hi: int, covered: set[int]) -> list | None:
        """A person the tagger left without any label: a given name of the shipped list
        followed by capitalised proper nouns ("Vera Zvonareva", "Svetlana Kuznetsova"), not
        inside a longer name (a capitalised word before it) and with no entity tag on any word,
        so a firm the tagger did see ("Grant Samuel") stays a firm."""
        if t.ent_type_ or t.pos_ != "PROPN" or t.text not in given_names():
            return None
        doc = t.doc
        if t.i > 0 and doc[t.i - 1].text[:1].isupper() and doc[t.i - 1].is_alpha \
                and not doc[t.i - 1].is_sent_start:
            return None
        run = [t]
        j = t.i + 1
        while j < hi and j not in covered and doc[j].pos_ == "PROPN" and doc[j].is_alpha \
                and doc[j].text[:1].isupper() and not doc[j].ent_type_:
            run.append(doc[j])
            j += 1
        if run[-1].dep_ == "compound" and run[-1].head.pos_ == "NOUN":
            return None  # "the Sydney Olympic gold medallist": names modifying a noun
        return run if 2 <= len(run) <= 3 else None

    def _candidates(self, pdoc: Any) -> list[int]:
        """Tokens the name pass needs (capitalised words, titles, he/she, nouns as subjects),
        found on the parse arrays so the other tokens are never built as Python objects."""
        from spacy.attrs import DEP, IS_TITLE, IS_UPPER, LOWER, POS

        if len(pdoc) == 0:
            return []
        arr = pdoc.to_array([POS, DEP, IS_TITLE, IS_UPPER, LOWER])
        sw = self.sw
        strings = pdoc.vocab.strings
        if self._want is None:
            words = sw.male_pronouns | sw.female_pronouns | sw.titles_male | sw.titles_female
            self._want = {strings.add(w) for w in words} | {strings.add(w + ".")
                                                            for w in sw.titles_male | sw.titles_female}
            self._subj = {strings.add(d) for d in SUBJECT_DEPS}
        out = []
        for i, (pos, dep, title, upper, lower) in enumerate(arr.tolist()):
            if title or upper or lower in self._want or (dep in self._subj and pos == self._noun_pos):
                out.append(i)
        return out

    def _weight(self, tok: Any) -> float:
        if tok.dep_ == "conj" and tok.head.i != tok.i:
            return self._weight(tok.head)  # "Ann Clark and Mary Stone met ...": equally salient
        if tok.dep_ in SUBJECT_DEPS:
            v = tok.head
            while v.dep_ == "conj" and v.head.i != v.i:
                v = v.head
            # the subject of the main clause, not of a clause inside it; a clause coordinated
            # with "but"/"and" that has its own subject is a statement of its own ("France have
            # been criticised as they have ground on, but captain X sees hope")
            if v.dep_ == "ROOT" or tok.head.dep_ == "conj" and any(
                    c.dep_ == "cc" for c in tok.head.head.children if c.i < tok.head.i):
                return 3.0
            return 1.5
        # inside the subject phrase ("Shares in firm X", "X's e-mail") counts nearly as much
        t, hops = tok, 0
        while t.head.i != t.i and hops < 4:
            t, hops = t.head, hops + 1
            if t.dep_ in SUBJECT_DEPS:
                return 2.5 if self._weight(t) == 3.0 else 1.5
            if t.pos_ in ("VERB", "AUX"):
                break
        if tok.dep_ == "attr" and tok.head.dep_ == "ROOT" and tok.head.lemma_ == "be":
            return 3.0  # "The film's director is X": the sentence introduces X
        if tok.dep_ in ARG_DEPS or tok.dep_ == "compound" and tok.head.dep_ in SUBJECT_DEPS:
            return 1.5
        return 1.0

    def _add_mention(self, e: Entity, first: Any, last: Any, sent: int, para: int, pbase: int) -> None:
        a = pbase + first.idx
        b = pbase + last.idx + len(last.text)
        if self.in_quote(a):
            return
        head = last
        for t in first.doc[first.i : last.i + 1]:
            if t.head.i < first.i or t.head.i > last.i:
                head = t
                break
        self.mentions.append(EMention(a, b, e.idx, sent, para, self._weight(head), (para, head.i)))

    def person_by_name(self, word: str) -> Entity | None:
        """The one person whose last name (or whole one-word name) is ``word``."""
        hits = {e.idx for e in self._named("last", word, "name") if e.kind == "person" and not e.unnamed
                and (e.last == word or e.name == word)} if word in self._surnames else set()
        if len(hits) == 1:
            return self.entities[next(iter(hits))]
        return None

    def person_by_misspelt_name(self, word: str) -> Entity | None:
        """The one person whose surname is ``word`` but for one letter ("Wines" for Wimes,
        "Barot" for Barrot): a cue's subject the text misspelt. Five letters or more, same
        first letter, never a word that is itself a surname of the document."""
        if len(word) < 5 or word in self._surnames or not word[:1].isupper():
            return None
        hits = {w for w in self._surnames if w[:1] == word[:1] and _one_edit(w, word)}
        if len(hits) != 1:
            return None
        return self.person_by_name(next(iter(hits)))

    def _person_from_tokens(self, toks: list, sent: int, para: int, pbase: int) -> Entity | None:
        # the name: the run of capitalised words, titles first
        prev = toks[0].doc[toks[0].i - 1] if toks[0].i > 0 else None
        run = [t for i, t in enumerate(toks) if t.text[:1].isupper() or t.text in ("-", "'", "’")
               or i and toks[i - 1].text == "-" and not toks[i - 1].whitespace_]  # "Ban Ki-moon"
        if run and run[0].text == "-" and run[0].i > 0 and not run[0].doc[run[0].i - 1].whitespace_:
            return None  # "pro-Clinton", "anti-Trump": a word made of the name, not a mention
        if not run:
            return None
        # a capitalised role noun opening the sentence ("Striker Tom Hale", "Manager Ian Pike"):
        # the tagger takes it into the name; it is the role ("the veteran striker" finds him)
        peeled = []
        while len(run) > 2 and self._role_capital(run[0]):
            peeled.append(run.pop(0))
        if peeled:
            prev = run[0].doc[run[0].i - 1]
        words = _joined_words([t for t in run if t.text not in ("'s", "’s")])
        title_words = [prev.text] if prev is not None and prev.lower_.rstrip(".") in self.sw.titles else []
        words, g = _strip_titles(title_words + words, self.sw)
        if not words:
            return None
        was_sir = bool(title_words or len(words) < len(run)) and (
            (title_words[:1] or [run[0].text])[0].lower() in ("sir", "dame", "lord", "lady"))
        name = " ".join(words)
        if len(run) >= 2 and not title_words and g is None and run[-1].lower_ in self.sw.org_name_words:
            # "Argonaut Games", "David Rubin & Partners" tagged as a person: a firm
            doc = run[0].doc
            return self._org_from_span(doc[run[0].i : run[-1].i + 1], sent, para, pbase)
        if len(words) == 1 and not title_words and g is None:
            org = self._org_named_first(words[0])
            if org is not None:  # "Contrack said" after "Contrack International": the firm
                self._add_mention(org, run[0], run[-1], sent, para, pbase)
                return org
        e = self._find_person(words, was_sir)
        if e is None:
            e = Entity(len(self.entities), "person", name)
            if len(words) > 1:
                e.first, e.last = words[0], words[-1]
            else:
                e.last = words[0]
            self.entities.append(e)
        elif len(words) > len(e.name.split()):
            e.name = name
            e.first, e.last = words[0], words[-1]
            self._index(e)
        e.vote(g, 2.0)
        if prev is not None and prev.ent_type_ == "NORP" and prev.text[:1].isupper():
            e.role_words.add(prev.lower_)  # "Argentine David Nalbandian" -> "the Argentine"
        for t in peeled:
            e.add_role(t.lower_)
            e.vote("f" if t.lower_ in self.sw.female_nouns else "m" if t.lower_ in self.sw.male_nouns else None, 1.5)
        root = run[-1]
        for t in run:
            if t.head.i < run[0].i or t.head.i > run[-1].i:
                root = t
                break
        if self.role_of is not None:
            try:
                role = self.role_of(root)
            except Exception as exc:  # noqa: BLE001 - a parse oddity must not break the stage
                log.warning("role of %r skipped: %r", root.text, exc)
                role = None
            if role:
                e.add_role(role)
                words_l = [w.lower() for w in re.findall(r"[A-Za-z][A-Za-z\-]+", role)]
                for w in (words_l[:1] + words_l[-1:]) if words_l else []:
                    if w in self.sw.female_nouns:
                        e.vote("f", 1.5)
                    elif w in self.sw.male_nouns:
                        e.vote("m", 1.5)
                m = re.search(r"(\d{1,3})-year-old", role)
                if m:
                    e.ages.add(m.group(1))
        # "Mr Tanzi, 66," - an age in apposition
        nxt = root.doc[run[-1].i + 1 : run[-1].i + 4]
        if len(nxt) >= 2 and nxt[0].text == "," and nxt[1].like_num and nxt[1].text.isdigit():
            e.ages.add(nxt[1].text)
        # "The BBC's Zubair Ahmed": a reporter of an outlet
        if prev is not None and prev.tag_ == "POS" and prev.i > 0 and prev.doc[prev.i - 1].ent_type_ == "ORG":
            e.media = True
        self._add_mention(e, run[0], run[-1], sent, para, pbase)
        self._surnames.update((e.last or "", e.name))
        return e

    @staticmethod
    def _role_and_name(ent: Any) -> list | None:
        """The name in an ORG span that is a role and a person's name: a lower-case role noun,
        then a given name and a surname at the end ("Balco boss Victor Conte")."""
        toks = list(ent)
        for k in range(1, len(toks) - 1):
            t = toks[k]
            if t.text in given_names() and toks[k - 1].pos_ == "NOUN" and toks[k - 1].text.islower() \
                    and all(x.pos_ == "PROPN" and x.text[:1].isupper() for x in toks[k:]):
                return toks[k:]
        return None

    def _metonyms(self, span: Any, para: int, covered: set[int], in_sentence: list[int],
                  sent: int, pbase: int) -> None:
        """Places that speak for an organisation ("Downing Street said"), from the data list."""
        found = self.__dict__.get("_metonym_hits")
        if found is None:  # one search of the document's text, not one per sentence
            pat = metonym_pattern()
            text = self.doc.text
            found = self.__dict__["_metonym_hits"] = [] if pat is None else [
                (m.start(), m.end()) for m in pat.finditer(text)]
        if not found:
            return
        lo = pbase + span.start_char
        hi = pbase + span.end_char
        k = bisect.bisect_left(found, (lo, -1))
        while k < len(found) and found[k][1] <= hi:
            a, b = found[k]
            k += 1
            cs = span.doc.char_span(a - pbase, b - pbase)
            if cs is None or any(t.i in covered for t in cs):
                continue
            e = self._org_from_span(cs, sent, para, pbase)
            if e is not None:
                covered.update(t.i for t in cs)
                in_sentence.append(e.idx)

    def _linked_orgs(self, span: Any, para: int, covered: set[int], in_sentence: list[int],
                     sent: int, pbase: int) -> None:
        """Organisations the actors stage linked by name where the tagger saw none ("According
        to the FT", "Euronext said"), so "the newspaper" and "it" can point back to them."""
        spans = self.__dict__.get("_org_links")
        if spans is None:
            spans = self.__dict__["_org_links"] = self._org_link_spans()
        if not spans:
            return
        a = pbase + span.start_char
        b = pbase + span.end_char
        k = bisect.bisect_left(spans, (a, -1))
        while k < len(spans) and spans[k][0] < b:
            ms, me = spans[k]
            k += 1
            cs = span.doc.char_span(ms - pbase, me - pbase)
            if cs is None or any(t.i in covered or t.ent_type_ == "PERSON" or t.text in self._surnames
                                 for t in cs):
                continue
            prev = span.doc[cs.start - 1] if cs.start > 0 else None
            if prev is not None and prev.lower_.rstrip(".") in self.sw.titles:
                continue  # "Mr Hague": a person, whatever the linker took the name for
            e = self._org_from_span(cs, sent, para, pbase)
            if e is not None:
                covered.update(t.i for t in cs)
                in_sentence.append(e.idx)

    def _org_link_spans(self) -> list[tuple[int, int]]:
        out = []
        actors = self.doc.actors
        for m in self.doc.mentions or []:
            a = actors.get(m.actor_id) if m.actor_id else None
            if a is not None and a.type in LINKED_ORG_TYPES and m.method not in ("pronoun", "descriptor") \
                    and m.text[:1].isupper():
                out.append((m.start, m.end))
        out.sort()
        return out

    def _org_named_first(self, word: str) -> Entity | None:
        """The named organisation whose name is ``word`` or starts with it (an index by first
        word, extended as entities are added, so long documents stay linear)."""
        ix = self.__dict__.setdefault("_org_first", {})
        n = self.__dict__.get("_org_first_n", 0)
        ents = self.entities
        while n < len(ents):
            e = ents[n]
            n += 1
            if e.kind == "org" and not e.unnamed and e.name:
                ix.setdefault(e.name.split()[0], e.idx)
        self.__dict__["_org_first_n"] = n
        i = ix.get(word)
        return ents[i] if i is not None else None

    def _role_capital(self, t: Any) -> bool:
        """A role noun capitalised only because it opens the sentence."""
        prev = t.doc[t.i - 1] if t.i > 0 else None
        if not (t.is_sent_start or prev is None or prev.is_punct):
            return False
        low = t.lower_
        sw = self.sw
        if low in given_names() or t.text.isupper():
            return False
        return low in sw.people_plural_nouns or low in sw.male_nouns or low in sw.female_nouns \
            or low.endswith(tuple(sw.person_noun_endings))

    # --- names -> entities ---------------------------------------------------------------
    def _index(self, e: Entity) -> None:
        """File ``e`` under its current name (as written and in lower case), last and first
        name, acronym and a group's members (an entity renamed later is filed again; the old
        keys stay and are filtered out on lookup)."""
        acro = "".join(w[0] for w in e.name.split() if w[0].isupper()) if e.kind == "org" else None
        members = ",".join(map(str, e.members)) if e.members else None
        for table, key in (("name", e.name), ("lname", e.name.lower()), ("last", e.last),
                           ("first", e.first), ("acro", acro), ("members", members)):
            if key is None:
                continue
            idxs = self._ix[table].setdefault(key, [])
            i = bisect.bisect_left(idxs, e.idx)
            if i == len(idxs) or idxs[i] != e.idx:
                idxs.insert(i, e.idx)

    def _named(self, table: str, key: str, also: str | None = None) -> list[Entity]:
        """Entities filed under ``key`` in ``table`` (and in ``also``), in entity order; a
        superset: callers test the attribute as a scan over every entity did."""
        ents = self.entities
        while self._ix_n < len(ents):
            self._index(ents[self._ix_n])
            self._ix_n += 1
        idxs = self._ix[table].get(key, [])
        if also is not None:
            idxs = sorted(set(idxs) | set(self._ix[also].get(key, [])))
        return [ents[i] for i in idxs]

    def entity_named(self, name: str) -> Entity | None:
        """The first entity (of any kind) called ``name``."""
        return next((x for x in self._named("name", name) if x.name == name), None)

    def _find_person(self, words: list[str], by_first: bool) -> Entity | None:
        name = " ".join(words)
        for e in self._named("name", name):
            if e.kind == "person" and not e.unnamed and e.name == name:
                return e
        if len(words) == 1:
            w = words[0]
            hits = [e for e in self._named("last", w, "first" if by_first else None)
                    if e.kind == "person" and not e.unnamed
                    and (e.last == w or (by_first and e.first == w))]
            if not hits:  # a first name alone ("Charlie") for the one person who has it
                firsts = [e for e in self._named("first", w) if e.kind == "person" and not e.unnamed and e.first == w]
                hits = firsts if len(firsts) == 1 else []
            if len(hits) > 1:
                # "Clinton" after "Hillary Clinton" and "Bill Clinton": the one the article names
                # most so far (the one named last on a tie)
                count: dict[int, int] = {}
                for m in self.mentions:
                    count[m.entity] = count.get(m.entity, 0) + 1
                return max(hits, key=lambda e: (count.get(e.idx, 0), e.idx))
            return hits[-1] if hits else None
        # a full name after its surname alone ("Sullivan" ... "Scott Sullivan")
        hits = [e for e in self._named("last", words[-1]) if e.kind == "person" and not e.unnamed
                and e.first is None and e.last == words[-1]]
        return hits[-1] if hits else None

    def _org_from_span(self, ent: Any, sent: int, para: int, pbase: int) -> Entity | None:
        toks = [t for t in ent if not (t.i == ent.start and t.lower_ == "the")]
        if not toks:
            return None
        toks = [t for t in toks if t.tag_ != "POS"]
        if not toks:
            return None
        name = " ".join(t.text for t in toks)
        e = next((x for x in self._named("name", name) if x.kind == "org" and x.name == name), None)
        if e is None and name.isupper() and len(name) >= 2:
            # an acronym of an organisation named before ("British Retail Consortium" ... "BRC")
            e = next((x for x in self._named("acro", name) if x.kind == "org" and
                      "".join(w[0] for w in x.name.split() if w[0].isupper()) == name), None)
        if e is None and name.lower() in org_aliases():
            # "the Tories" ... "the Conservative Party": one organisation (lang data)
            key = org_aliases()[name.lower()]
            e = next((x for x in self.entities if x.kind == "org" and org_aliases().get(x.name.lower()) == key), None)
        if e is None:
            e = Entity(len(self.entities), "org", name)
            self.entities.append(e)
        role = self._org_role(toks[0])
        if role:
            e.add_role(role)
        self._add_mention(e, toks[0], toks[-1], sent, para, pbase)
        return e

    @staticmethod
    def _org_role(first: Any) -> str | None:
        """The common nouns right before an organisation's name ("investment firm Grant
        Samuel", "administrators David Rubin & Partners", "rival Xstrata"): what "the
        administrators" or "the investment firm" later call it."""
        doc = first.doc
        j = first.i - 1
        words: list = []
        while j >= 0 and len(words) < 3:
            t = doc[j]
            if t.pos_ not in ("NOUN", "ADJ") or not t.text[:1].islower() or not t.is_alpha \
                    and "-" not in t.text:
                break
            words.insert(0, t)
            j -= 1
        while words and words[-1].pos_ != "NOUN":
            words.pop()
        if not words or doc[j].tag_ == "POS" or doc[j].dep_ == "poss":
            return None  # "the company's chairman X" is a person's role, not the firm's
        return " ".join(t.text for t in words)

    def _org_noun_subjects(self, nouns: list, covered: set[int], sent: int, para: int, pbase: int) -> None:
        """"A committee of MPs and peers has warned", "the committee also highlighted", "the
        firm said": organisations named with common nouns, as subjects."""
        for t in nouns:
            if t.i in covered or t.dep_ not in SUBJECT_DEPS or t.pos_ != "NOUN" or t.tag_ != "NN":
                continue
            lemma = t.lemma_.lower()
            if lemma not in self.sw.org_nouns:
                continue
            if any(c.dep_ in ("compound", "poss") and c.ent_type_ in ("ORG", "GPE", "NORP", "PERSON")
                   for c in t.children):
                continue  # "the Home Office spokesman", "Labour's campaign": a name is there
            dets = [c for c in t.children if c.dep_ == "det"]
            if not dets:
                continue
            a = pbase + t.idx
            if self.in_quote(a):
                continue
            e = None
            for m in reversed(self.mentions):
                x = self.entities[m.entity]
                if m.start < a and x.kind == "org" and lemma in x.name.lower().split():
                    e = x
                    break
            if e is None and lemma in self.sw.company_nouns and dets[0].lower_ in ("the", "this"):
                np_start = pbase + t.left_edge.idx  # "The London-based company": not London
                for m in reversed(self.mentions):
                    x = self.entities[m.entity]
                    if m.start < np_start and x.kind == "org" and not x.unnamed and para - m.para <= 2:
                        e = x
                        break
            if e is None:
                words = [w for w in t.subtree if w.dep_ != "det" and not w.is_punct and w.i <= t.right_edge.i
                         and not in_clause_after(w, t)]
                name = " ".join(w.text for w in sorted(words, key=lambda x: x.i))
                if not name or len(name.split()) > 8:
                    continue
                e = Entity(len(self.entities), "org", name, unnamed=True)
                self.entities.append(e)
            self.mentions.append(EMention(a, a + len(t.text), e.idx, sent, para, self._weight(t), (para, t.i)))

    def _people_noun(self, lemma: str) -> bool:
        sw = self.sw
        return lemma in sw.people_plural_nouns or lemma in sw.person_plural_nouns \
            or lemma.endswith(tuple(sw.people_plural_endings))

    def _people_groups(self, nouns: list, covered: set[int], sent: int, para: int, pbase: int) -> None:
        """People named by a plural noun as the subject ("campaigners were angered", "with
        Labour backbenchers and opposition politicians opposing the plan"): a group a later
        "they" can point to. The name is the noun phrase without its article, relative clauses
        or prepositional phrases."""
        keep = ("compound", "amod", "nmod", "poss", "cc", "conj", "nummod", "quantmod", "case", "det")
        for t in nouns:
            if t.i in covered or t.dep_ not in SUBJECT_DEPS:
                continue
            a = pbase + t.idx
            if self.in_quote(a):
                continue
            words = [t]
            todo = [t]
            while todo:
                w = todo.pop()
                for c in w.children:
                    if c.dep_ in keep and not (c.dep_ == "det" and w is t) and not (
                            c.dep_ == "conj" and not self._people_noun(c.lemma_.lower())):
                        words.append(c)
                        todo.append(c)
            words.sort(key=lambda x: x.i)
            while words and words[0].dep_ in ("cc", "det", "case"):
                words.pop(0)
            name = " ".join(w.text for w in words).replace(" 's", "'s").replace(" ’s", "’s")
            if not name or len(name.split()) > 8:
                continue
            e = next((x for x in self._named("lname", name.lower())
                      if x.kind == "group" and x.unnamed and x.name.lower() == name.lower()), None)
            if e is None:
                e = Entity(len(self.entities), "group", name, unnamed=True)
                e.roles.append("person")
                self.entities.append(e)
            self.mentions.append(EMention(a, a + len(t.text), e.idx, sent, para, self._weight(t), (para, t.i)))

    def _groups(self, span: Any, sent: int, para: int, pbase: int, first: int = 0) -> None:
        """Two or more names joined by 'and' ("Elan and Biogen Idec") become a group."""
        by_tok: dict[int, int] = {}
        for m in self.mentions[first:]:
            if m.sent == sent and m.token is not None and m.token[0] == para:
                by_tok[m.token[1]] = m.entity
        for i, eidx in by_tok.items():
            tok = span.doc[i]
            if tok.dep_ == "conj" and tok.head.i in by_tok:
                continue  # a member: the chain is read from its first name
            # "A, B and C": the parser chains the conjuncts (C hangs on B, "and" too)
            conj: list = []
            has_and = False
            stack = [tok]
            while stack:
                t = stack.pop()
                for c in t.children:
                    if c.dep_ == "conj" and c.i in by_tok:
                        conj.append(c)
                        stack.append(c)
                    elif c.dep_ == "cc" and c.lower_ in ("and", "&"):
                        has_and = True
            conj.sort(key=lambda c: c.i)
            if not conj or not has_and:
                continue
            members = [eidx] + [by_tok[c.i] for c in conj]
            if len(set(members)) < 2:
                continue
            kinds = {self.entities[m].kind for m in members}
            names = [self.entities[m].name for m in members]
            name = ", ".join(names[:-1]) + " and " + names[-1]
            g = next((x for x in self._named("members", ",".join(map(str, members)))
                      if x.kind == "group" and x.members == members), None)
            if g is None:
                g = Entity(len(self.entities), "group", name, members=members)
                g.roles.append("+".join(sorted(kinds)))
                self.entities.append(g)
            last = max(conj, key=lambda c: c.i)
            self._add_mention(g, tok, last, sent, para, pbase)
            self.mentions[-1].weight = self._weight(tok)

    def _pronoun_gender(self, pronouns: list, ents: list[int], pbase: int, first_m: int = 0,
                        span: Any = None) -> None:
        """A sentence about one person: its he/his or she/her is that person's gender. A
        subject or possessive pronoun of a clause the person's own verb governs ("X said he",
        "X lost his seat") is strong evidence; one elsewhere in the sentence ("... against X
        following his allegations") may be about a person the tagger missed and weighs less;
        an object pronoun ("a road named after him") is usually someone else and is skipped."""
        people = {i for i in ents if self.entities[i].kind == "person"}
        if len(people) != 1:
            return
        e = self.entities[next(iter(people))]
        mine = [m for m in self.mentions[first_m:] if m.entity == e.idx]
        first = min((m.start for m in mine), default=None)
        heads = {m.token[1] for m in mine if m.token}
        if span is not None and pronouns:
            for t in span:
                if t.dep_ in SUBJECT_DEPS and t.head.dep_ == "ROOT" and t.pos_ == "NOUN" and t.tag_ == "NN" \
                        and _is_person_word(t.lower_, self.sw) and any(c.dep_ in ("det", "poss") for c in t.children) \
                        and not any(x.i in heads for x in t.subtree) \
                        and not any(a.i in heads for a in t.ancestors):
                    return  # "The gold medallist says X hurt her": another person, named by a noun
        for t in pronouns:
            if first is None or pbase + t.idx <= first or self.in_quote(pbase + t.idx):
                continue
            if t.dep_ not in PRONOUN_GENDER_DEPS or t.lower_.endswith("self"):
                continue
            low = t.lower_
            w = 1.0 if self._governed_by(t, heads) else 0.3
            if low in self.sw.male_pronouns:
                e.vote("m", w)
            elif low in self.sw.female_pronouns:
                e.vote("f", w)

    @staticmethod
    def _governed_by(t: Any, heads: set[int]) -> bool:
        """The pronoun's clause hangs (through complements, conjuncts and adverbial clauses)
        from a verb whose subject is one of ``heads``."""
        v = t.head
        if t.dep_ == "poss" and v.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "pobj"):
            v = v.head.head if v.dep_ == "pobj" else v.head
        for _ in range(4):
            if any(c.dep_ in SUBJECT_DEPS and c.i in heads for c in v.children):
                return True
            if v.dep_ not in ("ccomp", "xcomp", "conj", "advcl", "parataxis") or v.head is v:
                return False
            v = v.head
        return False

    # --- salience --------------------------------------------------------------------------
    def remember_speaker(self, pos: int, entity: Entity | None) -> None:
        if entity is not None:  # kept sorted by insertion: a sort per call was quadratic
            bisect.insort(self.speaker_events, (pos, entity.idx))

    def scores(self, pos: int, kinds: Iterable[str], exclude: set[tuple[int, int]] | None = None,
               gender: str | None = None) -> list[tuple[float, Entity]]:
        """Candidates of the wanted kinds before ``pos``, best first."""
        kinds = set(kinds)
        cur_s = self.sent_index(pos)
        cur_p = self.para_index(pos)
        best: dict[int, float] = {}
        # mentions before the window are skipped by bisect (sorted by start, sentence and
        # paragraph): scanning from the document's first mention for every pronoun was
        # quadratic in the document's length
        _, _, _, mono, sents, paras = self._mention_tables()
        first = max(bisect.bisect_left(sents, cur_s - WINDOW_SENTENCES),
                    bisect.bisect_left(paras, cur_p - WINDOW_PARAGRAPHS)) if mono else 0
        for j in range(first, len(self.mentions)):
            m = self.mentions[j]
            if m.start >= pos:
                break
            if cur_s - m.sent > WINDOW_SENTENCES or cur_p - m.para > WINDOW_PARAGRAPHS:
                continue
            if exclude and m.token in exclude:
                continue
            e = self.entities[m.entity]
            if e.kind not in kinds:
                continue
            s = m.weight * 0.5 ** self._dist(m.sent, cur_s)
            if e.kind in ("org", "group") and m.para <= 1 and not (e.kind == "group" and e.unnamed):
                s = max(s, 0.6 * m.weight)  # the organisations of the lead stay the topic
            if s > best.get(e.idx, 0.0):
                best[e.idx] = s
        k = bisect.bisect_left(self.speaker_events, (pos,))  # the last speaker before pos
        if k:
            p, i = self.speaker_events[k - 1]
            e = self.entities[i]
            if e.kind in kinds and cur_p - self.para_index(p) <= WINDOW_PARAGRAPHS:
                best[i] = best.get(i, 0.0) + 1.0 * 0.5 ** self._dist(self.sent_index(p), cur_s)
        out = []
        for i, s in best.items():
            e = self.entities[i]
            if gender is not None and e.kind == "person":
                if e.gender is not None and e.gender != gender:
                    continue
                if e.gender is None:
                    s *= 0.85
            out.append((s, e))
        out.sort(key=lambda x: (-x[0], -x[1].idx))
        return out

    @staticmethod
    def _decide(cands: list[tuple[float, Entity]], method: str, margin: float = 1.25,
                floor: float = 0.1) -> Resolution:
        if len(cands) == 1 and floor > 0.02:
            floor = 0.02  # the only candidate in reach
        if not cands or cands[0][0] < floor:
            return Resolution(None, method, 0.0, [e.name for _, e in cands[:5]])
        top, e = cands[0]
        second = cands[1][0] if len(cands) > 1 else 0.0
        if second and top < margin * second:
            return Resolution(None, method, 0.0, [x.name for _, x in cands[:5]])
        conf = round(min(0.95, 0.5 + 0.5 * (top - second) / top), 3)
        return Resolution(e, method, conf, [x.name for _, x in cands[1:5]])

    # --- resolution --------------------------------------------------------------------------
    def pronoun(self, word: str, pos: int, exclude: set[tuple[int, int]] | None = None) -> Resolution:
        low = word.lower()
        if low in self.sw.male_pronouns or low in self.sw.female_pronouns:
            g = "m" if low in self.sw.male_pronouns else "f"
            return self._decide(self.scores(pos, ("person",), exclude, g), "pronoun", margin=1.15)
        if low in self.sw.org_pronouns:
            cands = [(s, e) for s, e in self.scores(pos, ("org",), exclude) if not e.plural]
            return self._decide(cands, "pronoun", margin=1.15)
        if low in self.sw.plural_pronouns:
            cands = [(s, e) for s, e in self.scores(pos, ("group", "org"), exclude) if e.kind == "group" or e.plural]
            return self._decide(cands, "pronoun", margin=1.15)
        return Resolution(None, "pronoun", 0.0)

    def by_age(self, age: str, pos: int) -> Resolution:
        cands = [(s, e) for s, e in self.scores(pos, ("person",)) if age in e.ages]
        if not cands:
            cands = [(0.2, e) for e in self.entities if e.kind == "person" and age in e.ages]
        return self._decide(cands, "descriptor", floor=0.0)

    def by_role_word(self, noun: str, pos: int, exclude: set[tuple[int, int]] | None = None) -> Resolution:
        """A definite descriptor ("the minister", "the guitarist"): the salient person whose
        stated role has that word; failing that, the first one introduced just after."""
        noun = noun.lower()
        cands = [(s, e) for s, e in self.scores(pos, ("person",), exclude) if noun in e.role_words]
        if cands:
            return self._decide(cands, "descriptor", margin=1.1, floor=0.0)
        ok, starts, _ = self._mention_index()  # sorted: the 1,500 characters, not every mention
        window = self.mentions[bisect.bisect_left(starts, pos):bisect.bisect_left(starts, pos + 1500)] \
            if ok else self.mentions
        ahead = [m for m in window if pos <= m.start < pos + 1500
                 and self.entities[m.entity].kind == "person" and noun in self.entities[m.entity].role_words]
        if ahead:
            return Resolution(self.entities[ahead[0].entity], "descriptor", 0.6)
        return Resolution(None, "descriptor", 0.0)

    def salient_person(self, pos: int, exclude: set[tuple[int, int]] | None = None,
                       gender: str | None = None) -> Resolution:
        """The one clearly most salient person (a descriptor no stated role matches: "the
        55-year-old Frenchman" in an article about one man)."""
        return self._decide(self.scores(pos, ("person",), exclude, gender), "descriptor", margin=2.0, floor=0.5)

    def org_by_word(self, noun: str, pos: int, exclude: set[tuple[int, int]] | None = None) -> Resolution:
        noun = noun.lower()
        cands = self.scores(pos, ("org",), exclude)
        named = [(s, e) for s, e in cands if noun in e.name.lower().split()]
        if named:
            return self._decide(named, "descriptor", margin=1.1, floor=0.0)
        return Resolution(None, "descriptor", 0.0, [e.name for _, e in cands[:5]])

    def org_by_role(self, noun: str, pos: int, exclude: set[tuple[int, int]] | None = None) -> Resolution:
        """"The administrators told" after "called in administrators X": the organisation
        introduced with that noun before its name, else the first one introduced just after."""
        noun = noun.lower()
        cands = [(s, e) for s, e in self.scores(pos, ("org",), exclude) if noun in e.role_words]
        if cands:
            return self._decide(cands, "descriptor", margin=1.1, floor=0.0)
        ok, starts, _ = self._mention_index()
        window = self.mentions[bisect.bisect_left(starts, pos):bisect.bisect_left(starts, pos + 1500)] \
            if ok else self.mentions
        ahead = [m for m in window if pos <= m.start < pos + 1500
                 and self.entities[m.entity].kind == "org" and noun in self.entities[m.entity].role_words]
        if ahead:
            return Resolution(self.entities[ahead[0].entity], "descriptor", 0.6)
        return Resolution(None, "descriptor", 0.0)

    def org_ahead(self, pos: int, noun: str, sentences: int = 3) -> Resolution:
        """"A US bank has said ..." in the lead, then "Riggs Bank will ...": the organisation a
        descriptor introduces before the text names it. The first organisation named (outside
        quotation marks) in the next ``sentences`` sentences and not before ``pos``, whose name or
        stated role has ``noun``; else the first of them that is a main clause's subject."""
        ok, starts, _ = self._mention_index()
        if not ok:
            return Resolution(None, "descriptor", 0.0)
        cur = self.sent_index(pos)
        subject = None
        for m in self.mentions[bisect.bisect_right(starts, pos):]:
            if m.sent - cur > sentences:
                break
            e = self.entities[m.entity]
            if e.kind != "org" or e.unnamed or self.in_quote(m.start):
                continue
            if self.mentions_of(e.idx)[0].start < pos:
                continue  # named before: not the one the descriptor introduces
            if noun in e.name.lower().split() or noun in e.role_words:
                return Resolution(e, "descriptor", 0.7)
            if subject is None and m.weight >= 3.0:  # the subject itself, not a word inside it
                subject = e
        if subject is not None:
            return Resolution(subject, "descriptor", 0.6)
        return Resolution(None, "descriptor", 0.0)

    def group(self, pos: int, orgs: bool | None = None, noun: str | None = None) -> Resolution:
        """Two or more named together ("the two firms"), or a group named with ``noun`` ("the
        campaigners" -> "Save the Regiments campaigners")."""
        cands = [(s, e) for s, e in self.scores(pos, ("group",))
                 if not e.unnamed or noun is not None and noun in e.name.lower()]
        if orgs is not None:
            kind = [(s, e) for s, e in cands if ("org" in e.roles[0]) == orgs]
            cands = kind or cands  # the tagger often takes firms for people
        return self._decide(cands, "descriptor", margin=1.1, floor=0.0)

    def noun_group(self, pos: int, noun: str) -> Resolution:
        """"The elders said" after "the village elders met ...": the group named with that noun."""
        cands = [(s, e) for s, e in self.scores(pos, ("group",)) if e.unnamed and noun in e.name.lower()]
        return self._decide(cands, "descriptor", margin=1.1, floor=0.0)

    def reporter(self, pos: int) -> Resolution:
        """"Our correspondent": the reporter the article introduced ("The BBC's Zubair Ahmed")."""
        hits = [e for e in self.entities if e.kind == "person" and (e.media or e.role_words & self.sw.reporter_nouns)
                and any(m.start < pos for m in self.mentions_of(e.idx))]
        if len(hits) == 1:
            return Resolution(hits[0], "descriptor", 0.8)
        return Resolution(None, "descriptor", 0.0, [e.name for e in hits])

    def _mention_index(self) -> tuple[bool, list[int], int]:
        """(sorted?, starts, longest length) of ``self.mentions``, rebuilt when the list
        grows (every change appends, then re-sorts at once), not on every question."""
        return self._mention_tables()[:3]

    def _mention_tables(self) -> tuple[bool, list[int], int, bool, list[int], list[int]]:
        """``_mention_index`` plus (sentence and paragraph indexes both non-decreasing
        along the list?, sentence indexes, paragraph indexes)."""
        ms = self.mentions
        hit = self.__dict__.get("_mindex")
        if hit is None or hit[0] is not ms or hit[1] != len(ms):
            starts = [m.start for m in ms]
            ok = all(x <= y for x, y in zip(starts, starts[1:]))
            longest = max((m.end - m.start for m in ms), default=0)
            sents = [m.sent for m in ms]
            paras = [m.para for m in ms]
            mono = ok and all(x <= y for x, y in zip(sents, sents[1:])) \
                and all(x <= y for x, y in zip(paras, paras[1:]))
            hit = self.__dict__["_mindex"] = (ms, len(ms), (ok, starts, longest, mono, sents, paras))
        return hit[2]

    def entity_at(self, start: int, end: int, kinds: Iterable[str] = ("person", "org", "group")) -> Entity | None:
        kinds = set(kinds)
        best = None
        ok, starts, longest = self._mention_index()
        # sorted: a mention that starts at or before start - longest ends before start, so the
        # scan may begin after those (bisect) instead of at the document's first mention
        first = bisect.bisect_right(starts, start - longest) if ok else 0
        for j in range(first, len(self.mentions)):
            m = self.mentions[j]
            if m.start >= end:
                break
            if m.end > start and self.entities[m.entity].kind in kinds:
                if best is None or (m.end - m.start) > (best[1] - best[0]):
                    best = (m.start, m.end, m.entity)
        return self.entities[best[2]] if best else None

    def phrase_org(self, name: str, pos: int, tok: Any) -> Entity:
        """An organisation the text names with common nouns ("the joint committee on human
        rights") once it speaks, so "it" and "the report" can point back to it."""
        e = next((x for x in self._named("lname", name.lower())
                  if x.kind == "org" and x.name.lower() == name.lower()), None)
        if e is None:
            e = Entity(len(self.entities), "org", name, unnamed=True)
            self.entities.append(e)
        s = self.sent_index(pos)
        p = self.para_index(pos)
        self._insert_mention(EMention(pos, pos + len(tok.text), e.idx, s, p, 3.0, (p, tok.i)))
        return e

    def unnamed_person(self, name: str, gender: str | None, org: Entity | None, pos: int,
                       sent_tok: Any, pbase: int, role: str) -> Entity:
        """Register "a Home Office spokesman" so that a later "he added" finds him."""
        e = next((x for x in self._named("name", name) if x.unnamed and x.name == name), None)
        if e is None:
            # "Seattle officials said": several people, not a "he" or "she" to point back to
            kind = "group" if getattr(sent_tok, "tag_", "") in ("NNS", "NNPS") else "person"
            e = Entity(len(self.entities), kind, name, unnamed=True, org=org.idx if org else None)
            e.add_role(role)
            self.entities.append(e)
        e.vote(gender, 2.0)
        s = self.sent_index(pos)
        p = self.para_index(pos)
        self._insert_mention(EMention(pos, pos + len(sent_tok.text), e.idx, s, p, 3.0,
                                      (p, sent_tok.i)))
        return e

    def mentions_of(self, idx: int) -> list[EMention]:
        """The mentions of entity ``idx`` in list order (an index rebuilt when the list
        changes other than through ``_insert_mention``)."""
        ms = self.mentions
        hit = self.__dict__.get("_eindex")
        if hit is None or hit[0] is not ms or hit[1] != len(ms):
            by: dict[int, list[EMention]] = {}
            for m in ms:
                by.setdefault(m.entity, []).append(m)
            hit = self.__dict__["_eindex"] = (ms, len(ms), by)
        return hit[2].get(idx, [])

    def _insert_mention(self, m: EMention) -> None:
        """Add a mention in start order, after those with the same start (what append + a
        stable sort did). Once the list is sorted and indexed, the mention is inserted by
        bisect and the index tables are updated in place: re-sorting and re-indexing the whole
        list at every addition was quadratic in a long document."""
        ms = self.mentions
        hit = self.__dict__.get("_mindex")
        if hit is None or hit[0] is not ms or hit[1] != len(ms) or not hit[2][0]:
            ms.append(m)
            ms.sort(key=lambda x: x.start)
            return
        ehit = self.__dict__.get("_eindex")
        if ehit is not None and ehit[0] is ms and ehit[1] == len(ms):
            lst = ehit[2].setdefault(m.entity, [])
            lst.insert(bisect.bisect_right(lst, m.start, key=lambda x: x.start), m)
            self.__dict__["_eindex"] = (ms, len(ms) + 1, ehit[2])
        _, starts, longest, mono, sents, paras = hit[2]
        k = bisect.bisect_right(starts, m.start)
        ms.insert(k, m)
        starts.insert(k, m.start)
        sents.insert(k, m.sent)
        paras.insert(k, m.para)
        n = len(ms)
        mono = mono and (k == 0 or (sents[k - 1] <= m.sent and paras[k - 1] <= m.para)) and (
            k == n - 1 or (m.sent <= sents[k + 1] and m.para <= paras[k + 1]))
        self.__dict__["_mindex"] = (ms, n, (True, starts, max(longest, m.end - m.start), mono,
                                            sents, paras))
