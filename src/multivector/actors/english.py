"""Recognition of actor mentions in English paragraphs (spaCy parse + knowledge-base gazetteer).

Why a gazetteer next to spaCy NER: the small model misses CSTO, SCO and most outlets, and never
knows that "Tashkent" stands for Uzbekistan's government. Why the parse: it says whether
"Uzbek" modifies "leadership" (the government) or "origin" (the country), and whether "Astana"
is where someone went (the state) or who decided (the government).

Everything here produces :class:`Cand` objects with absolute offsets; overlaps, surnames,
pronouns and descriptors are settled per document in :mod:`multivector.actors.linker`.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import re

from rapidfuzz import fuzz, process

from ..doc import Actor
from ..lang import lexicon as lang_lexicon
from ..lang.names import given_names
from .candidates import Cand
from .kb import DERIVED, KnowledgeBase, _cache_dir, date_in, fold, norm, slug, store_pickle
from .lexicon import PRONOUNS, lexicon

LOC_PREPS = lang_lexicon("en").words("loc_preps")
MOTION_PREPS = lang_lexicon("en").words("motion_preps")  # a place only after a motion word ("flew to Moscow")
MOVE_VERBS = lang_lexicon("en").words("move_words")
LOCATED_PREPS = lang_lexicon("en").words("located_agent_preps")
LOCATED_PARTICIPLES = lang_lexicon("en").words("located_agent_participles")
MESSAGES = lang_lexicon("en").words("message_nouns")
QUOTE_CHARS = ('"', "“", "”", "«", "»", "„")
INSTITUTIONS = lang_lexicon("en").words("institution_nouns")
QUANT = lang_lexicon("en").words("quantifiers")
SMALL_WORDS = lang_lexicon("en").words("name_small_words")
REPORTING = lang_lexicon("en").subset("reporting_verbs", "actors")
NER_LINKABLE = {"GPE", "ORG", "NORP", "LOC", "FAC", "PERSON"}
POSSESSIVE = {"'s", "’s", "'", "’"}
DETS = lang_lexicon("en").words("determiners")
NAME_PARTICLES = lang_lexicon("en").words("name_particles")
_PARTICLE = "|".join(sorted((re.escape(p) for p in NAME_PARTICLES), key=len, reverse=True))
_NAME_WORD = r"[A-Z][\w'’\-.]*"
# capitalised words, with lower-case particles between them ("Luiz Inacio Lula da Silva", "Bashar
# al-Assad"): without them such names were cut into single unresolved words
NAME_RE = re.compile(rf"^{_NAME_WORD}(?:\s+(?:(?:{_PARTICLE})\s+)*(?:(?:{_PARTICLE})-)?{_NAME_WORD})*$")
FUZZY_STATE = 90.0  # ratio threshold for misspelt state names ("Kazakhtan")
FUZZY_PERSON = 92.0  # stricter for people: "Umarov" must not become "Usmanov"
NOT_PERSON_FIRST = lang_lexicon("en").words("not_person_first")
HONORIFICS = lang_lexicon("en").table("honorifics")
NOT_PERSON_PREV = lang_lexicon("en").words("not_person_prev")
NOT_PERSON_NEXT = lang_lexicon("en").words("not_person_next")
NAMED_FOR_PLACE = lang_lexicon("en").words("named_for_place")
EXPERT_WORDS = lang_lexicon("en").words("expert_words")
NATIONALITY_HEADS = lang_lexicon("en").words("nationality_heads")
PARTY_LEADER_WORDS = lang_lexicon("en").words("party_leader_words")
NON_POLITICAL_TITLES = lang_lexicon("en").words("non_political_titles")


def after_non_political_title(sdoc, s: int) -> bool:
    """Token ``s`` follows a title that is not a political role ("Coach Putin", "striker
    Kane"): a lone surname there is not the KB's namesake."""
    return s > 0 and sdoc[s - 1].lower_.rstrip(".") in NON_POLITICAL_TITLES


# actor types whose one-word name inside a longer unknown organisation name is not a link
WORD_INSIDE_ORG_TYPES = {"party", "group", "company", "media", "ngo", "think-tank"}


def after_honorific(sdoc, i: int) -> bool:
    """Token ``i`` follows an honorific ("Mr Hague", "Mrs Jordan"): what follows is a person's
    name even when it spells a place, a country or a capital."""
    return i > 0 and sdoc[i - 1].lower_.rstrip(".") in HONORIFICS


def sentence_start(sdoc, i: int) -> int:
    """Token index where token ``i``'s sentence starts. Why not ``sdoc[i].sent``: spaCy walks
    the whole parse for every call; the starts are computed once per paragraph here."""
    import bisect

    starts = sdoc.user_data.get("mv_sent_starts")
    if starts is None:
        starts = sdoc.user_data["mv_sent_starts"] = [t.i for t in sdoc if t.is_sent_start or t.i == 0]
    return starts[bisect.bisect_right(starts, i) - 1]


def paragraph_text(sdoc) -> str:
    """``sdoc.text``, kept with the parse: spaCy rebuilds it from every token on each call, and
    the recogniser reads a paragraph's text several times (its people, references, titles)."""
    text = sdoc.user_data.get("mv_text")
    if text is None:
        text = sdoc.user_data["mv_text"] = sdoc.text
    return text


def signatures(name: str) -> list[str]:
    """'recep tayyip erdogan' -> ['* tayyip erdogan', 'recep * erdogan', 'recep tayyip *']."""
    toks = name.split()
    return [" ".join(toks[:i] + ["*"] + toks[i + 1:]) for i in range(len(toks))
            if len(toks[i]) >= 5]


def one_typo(text: str, name: str) -> bool:
    """A bounded typo of a known full name: the same number of words, every word equal except
    one of at least six letters that is one edit away ("Erdogn" for "Erdogan"). Why so strict:
    with tens of thousands of people in the KB, "Samir Haddad" must not become "Sami Haddad"."""
    from rapidfuzz.distance import Levenshtein

    a, b = text.split(), name.split()
    if len(a) != len(b):
        return False
    diff = [(x, y) for x, y in zip(a, b) if x != y]
    return len(diff) == 1 and min(len(diff[0][0]), len(diff[0][1])) >= 6 and \
        Levenshtein.distance(*diff[0]) <= 1


GazetteerPatterns = list[tuple[str, list[tuple[int, ...]]]]


def _token_keys(nlp, terms: dict[str, list[str]], exact: bool) -> GazetteerPatterns:
    """Each key's aliases as the token hashes a PhraseMatcher compares (ORTH for the exact
    matcher, LOWER for the other), in the order the matcher is given them. The exact matcher
    also takes a lower-case alias capitalised ("the Kremlin" is stored as "kremlin")."""
    out: GazetteerPatterns = []
    for key, aliases in terms.items():
        forms = aliases
        if exact:
            variants = set(aliases)
            for a in aliases:
                if a.islower():
                    variants.add(a[:1].upper() + a[1:])
            forms = sorted(variants)
        out.append((key, [tuple(t.orth if exact else t.lower for t in d)
                          for d in nlp.tokenizer.pipe(forms)]))
    return out


def gazetteer_patterns(nlp, exact_terms: dict[str, list[str]],
                       lower_terms: dict[str, list[str]]) -> tuple[GazetteerPatterns,
                                                                   GazetteerPatterns]:
    """The gazetteer matchers' patterns as token hashes, from a cache file when the aliases
    and the tokenizer are those it was made with. Tokenizing ~20k aliases into Docs took
    ~5 s of every process's start (a third of the start-up, 4% of a 300-article run); the
    matchers are given the hashes they would have read from those Docs, so they match the
    same. The cache sits beside the knowledge base's (``$MULTIVECTOR_CACHE``); a read-only
    home only costs the tokenizing."""
    import spacy

    h = hashlib.sha256(b"gazetteer-patterns-1")
    # keys in matcher order; a key's aliases sorted (they come from a set: the order of one
    # key's patterns changes no match)
    h.update(json.dumps([spacy.__version__, nlp.lang, nlp.meta.get("name"),
                         nlp.meta.get("version")] + [[(k, sorted(v)) for k, v in terms.items()]
                                                     for terms in (exact_terms, lower_terms)]
                        ).encode())
    h.update(nlp.tokenizer.to_bytes(exclude=["vocab"]))  # rules, affixes, special cases
    cache = _cache_dir() / f"gazetteer-{h.hexdigest()[:20]}.pickle"
    try:
        with open(cache, "rb") as fh:
            found = pickle.load(fh)
        if isinstance(found, tuple) and len(found) == 2:
            return found
    except (OSError, pickle.PickleError, EOFError, ValueError):
        pass
    built = (_token_keys(nlp, exact_terms, True), _token_keys(nlp, lower_terms, False))
    store_pickle(cache, built)
    return built


def plain_lexemes(vocab, strings: list[str]) -> None:
    """Vocabulary entries for match keys that are never a token's text (they hold a space).

    ``PhraseMatcher.add`` looks its key up in the vocabulary, which makes a lexeme for a new
    string and computes its ~15 lexical attributes (shape, prefix, like_num ...) in Python:
    ~0.5 CPU s of every process's start for the gazetteer's ~17k multi-word keys. spaCy's
    tokenizer splits at spaces, so no token ever reads those lexemes' attributes; they are made
    here without the attribute getters (the key's string is stored as before, which is all a
    match ID needs). Strings without a space are left to the normal path."""
    getters = vocab.lex_attr_getters
    vocab.lex_attr_getters = {}
    try:
        for text in strings:
            if " " in text and text.strip() == text and text not in vocab:
                vocab[text]
    finally:
        vocab.lex_attr_getters = getters


class EnglishRecognizer:
    """Builds the gazetteer matchers once (per knowledge base and spaCy vocab)."""

    def __init__(self, kb: KnowledgeBase, nlp):
        from spacy.matcher import PhraseMatcher

        self.kb = kb
        self.nlp = nlp
        self.lex = lexicon()
        self._first_names: set[str] | None = None
        self._CURATED = {a.id for a in kb.actors.values() if a.type == "person" and a.id in
                         kb.actor_sources and any("source" not in r for r in a.roles)}
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        exact_terms: dict[str, list[str]] = {}
        lower_terms: dict[str, list[str]] = {}
        world = kb.actor_sources
        for key, entries in kb.index.get("en", {}).items():
            # world people and Phoenix organisations are found through spaCy's entities and a
            # KB lookup (_people, _ner_rest), not the matchers: their ~80k name patterns would
            # cost well over 100 MB per process
            if all(e.actor_id in world and e.actor_id.startswith(("PER:", "PHX:"))
                   and e.actor_id not in self._CURATED for e in entries):
                continue
            for alias in self._surface_forms(key, entries):
                toks = alias.split()
                short = len(alias) <= 4 or alias.isupper() or len(toks) == 1
                (exact_terms if short else lower_terms).setdefault(key, []).append(alias)
        # multi-word aliases written as proper names must match capitalised text
        self.proper_keys = {k for k, forms in lower_terms.items()
                            if all(all(w[:1].isupper() or w in SMALL_WORDS or not w[:1].isalpha()
                                       for w in f.split()) for f in forms)
                            and not any("'s" in f or "’s" in f for f in forms)}
        patterns_by_matcher = gazetteer_patterns(nlp, exact_terms, lower_terms)
        plain_lexemes(nlp.vocab, [key for patterns in patterns_by_matcher
                                  for key, _ in patterns if " " in key])
        for matcher, patterns in zip((self.exact, self.lower), patterns_by_matcher,
                                     strict=True):
            for key, keywords in patterns:
                # token hashes: PhraseMatcher.add reads a pattern that is not a Doc as the
                # attribute values themselves (its stub only names Docs)
                matcher.add(key, keywords)  # type: ignore[arg-type]
        # fuzzy targets: state names and multi-word names of organisations and people
        self.fuzzy_states: dict[str, str] = {}
        self.fuzzy_people: dict[str, str] = {}
        for a in kb.actors.values():
            names = [a.name] + a.aliases.get("en", [])
            if a.type == "state":
                for n in names:
                    if len(n) >= 5 and " " not in n:
                        self.fuzzy_states[fold(n)] = a.id
            elif a.type == "person" and (a.id not in kb.actor_sources or a.id in self._CURATED):
                for n in names:  # typo tolerance for curated people only (memory, precision)
                    if len(n.split()) >= 2:
                        self.fuzzy_people[fold(n)] = a.id
        self._state_keys = list(self.fuzzy_states)
        # one-typo candidates by signature (the name with one word blanked): a dictionary
        # lookup instead of a fuzzy scan over tens of thousands of names per unknown person
        self.person_sigs: dict[str, list[str]] = {}
        for k in self.fuzzy_people:
            for sig in signatures(k):
                self.person_sigs.setdefault(sig, []).append(k)
        self.agent_nouns = kb.agents

    def _surface_forms(self, key: str, entries) -> set[str]:
        """The written forms of an alias (the index is keyed by normalised text)."""
        forms = set()
        for e in entries:
            a = self.kb.actors.get(e.actor_id)
            if a is None:
                continue
            for n in [a.name] + a.aliases.get("en", []):
                if norm(n) == key:
                    forms.add(n)
        if not forms:  # demonyms, capitals and metonyms are stored as keys only
            forms.add(self._restore_case(key))
        return forms

    def _restore_case(self, key: str) -> str:
        small = {"of", "and", "the", "for", "de", "la", "in", "on", "to", "al"}
        if len(key) <= 4 and key.isalpha() and key not in small:
            return key.upper() if key in {"us", "uk", "uae", "dc", "rf", "prc", "rok"} else key.title()
        return " ".join(w if w in small else w[:1].upper() + w[1:] for w in key.split())

    # ------------------------------------------------------------------ per paragraph
    def paragraph(self, sdoc, base: int, date: str | None, lang: str = "en") -> list[Cand]:
        """Candidates in one parsed English paragraph; ``base`` is its absolute offset."""
        cands: list[Cand] = []
        vocab = self.nlp.vocab.strings
        person_ents = [e for e in sdoc.ents if e.label_ == "PERSON"]
        seen: set[tuple[int, int, str]] = set()
        for matcher in (self.exact, self.lower):
            for mid, s, e in matcher(sdoc):
                key = vocab[mid]
                if (s, e, key) in seen:
                    continue
                seen.add((s, e, key))
                c = self._gazetteer(sdoc, s, e, key, base, date, person_ents)
                if c is not None:
                    cands.append(c)
        cands = self._residence_first(sdoc, cands)
        cands += [c for c in self._agent_phrases(sdoc, base, date, cands) if c is not None]
        self._located_residents(sdoc, cands)
        cands += self._people(sdoc, base, date, cands)
        cands += self._context_names(sdoc, base, cands)
        cands += self._ner_rest(sdoc, base, cands)
        cands += self._references(sdoc, base)
        cands = [c for c in cands if not self._named_for_place(sdoc, base, c)]
        for c in cands:
            c.language = lang
            if c.person or c.kind in ("pronoun", "descriptor", "unresolved-person"):
                self._salience(sdoc, base, c)
        return cands

    def _named_for_place(self, sdoc, base: int, c: Cand) -> bool:
        """A place that only names a thing made or meeting there ("the Minsk agreements", "the
        Astana process", "the Paris agreement"): no actor of that state acts in the phrase."""
        span = sdoc.char_span(c.start - base, c.end - base)
        if span is None or c.person or span.root.dep_ != "compound":
            return False
        if span.root.head.lemma_.lower() not in NAMED_FOR_PLACE:
            return False
        actor = self.kb.get(c.actor_id) if c.actor_id else None
        # a capital stands for a government; a state's own name ("the Iran deal") is a party
        return c.method in ("metonym", "capital") or (
            c.method == "ner" and actor is not None and actor.type == "government")

    def _state_word(self, tok) -> str | None:
        """The state a single token names as a state name or demonym ("Kosovo", "Serbs")."""
        for en in self.kb.index["en"].get(norm(tok.text), []):
            if en.kind in ("name", "demonym") and self.kb.actors[en.actor_id].type == "state":
                return en.actor_id
        return None

    def _nationalities_only(self, ent) -> bool:
        return len(ent) >= 2 and all(t.text[:1].isupper() and self._state_word(t) for t in ent)

    def _residence_first(self, sdoc, cands: list[Cand]) -> list[Cand]:
        """A state or nationality word right before a people noun of another nationality names
        the group by where it lives: "Bosnian Serbs" = BIH, "Kosovo Albanians" = XKX, as CAMEO
        codes them. Not across a hyphen ("Russian-Chinese talks" are two states), and not when
        the second word is a nationality of immigrants (``nationality_heads``: "Chinese
        Americans" are Americans)."""
        by_tok = {c.meta["tok"]: c for c in cands if "tok" in c.meta and not c.person
                  and c.actor_id and c.meta.get("kind") in ("name", "demonym")
                  and self.kb.actors[c.actor_id].type == "state"}
        drop = set()
        for (s, e), a in sorted(by_tok.items()):
            b = next((c for (s2, e2), c in by_tok.items() if s2 == e and e2 == e + 1), None)
            if b is None or b.actor_id == a.actor_id or id(a) in drop:
                continue
            head = sdoc[e]
            if head.lower_ in NATIONALITY_HEADS or head.tag_ not in ("NNS", "NNPS") and not (
                    e + 1 < len(sdoc) and self.agent_of(sdoc[e + 1:e + 2])):
                continue  # "Kosovo Albanians", "Bosnian Serb leaders"; not "Russian Chinese ties"
            a.end = b.end
            a.meta = dict(a.meta, tok=(s, e + 1), kind="demonym")
            a.method = "demonym"
            drop.add(id(b))
        return [c for c in cands if id(c) not in drop]

    @staticmethod
    def _salience(sdoc, base, c: Cand) -> None:
        """Is the mention a grammatical subject, and of a reporting verb ("he said")? Pronoun
        resolution prefers such antecedents."""
        span = sdoc.char_span(c.start - base, c.end - base, alignment_mode="expand")
        if span is None or not len(span):
            return
        root = span.root
        subj = root.dep_ in ("nsubj", "nsubjpass") or (root.dep_ == "poss" and c.kind == "pronoun")
        c.meta["subj"] = subj
        c.meta["speaker"] = root.dep_ in ("nsubj",) and root.head.lemma_.lower() in REPORTING
        if c.kind == "pronoun":  # '"...," he said' : the pronoun closes a quotation
            c.meta["speaker"] = c.meta["speaker"] and any(q in root.sent.text for q in QUOTE_CHARS)
        c.meta["sent"] = base + root.sent.start_char

    def plain(self, text: str, base: int, lang: str | None) -> list[Cand]:
        """Names only, for Latin-script paragraphs without a parse (short lines whose language
        was not judged English, German or Turkish quotations): the gazetteer on tokens, no
        demonym phrases, roles or references."""
        sdoc = self.nlp.make_doc(text)
        vocab = self.nlp.vocab.strings
        out = []
        for matcher in (self.exact, self.lower):
            for mid, s, e in matcher(sdoc):
                key = vocab[mid]
                entries = self.kb.index["en"].get(key, [])
                span = sdoc[s:e]
                if not entries or (e - s == 1 and span[0].is_lower):
                    continue
                if e - s > 1 and key in self.proper_keys and any(
                        t.is_lower and t.lower_ not in SMALL_WORDS and t.text not in POSSESSIVE
                        for t in span):
                    continue
                entry = self.choose(entries, None)
                actor = self.kb.actors[entry.actor_id]
                if actor.type == "person" and e - s == 1:
                    continue  # a bare surname needs context we do not have here
                method = {"capital": "metonym", "metonym": "metonym",
                          "demonym": "demonym"}.get(entry.kind, "gazetteer")
                if method == "gazetteer" and norm(actor.name) != key:
                    method = "alias"
                out.append(Cand(base + span.start_char, base + span.end_char, actor.id, method,
                                language=lang, person=actor.type == "person",
                                kind="person" if actor.type == "person" else "name",
                                sector=actor.sector))
        return out

    # ------------------------------------------------------------------ gazetteer
    def _gazetteer(self, sdoc, s, e, key, base, date, person_ents) -> Cand | None:
        span = sdoc[s:e]
        entries = self.kb.index["en"].get(key, [])
        if not entries:
            return None
        # a capital or demonym inside a longer person name ("George Washington") is not one
        for pe in person_ents:
            if self._nationalities_only(pe):
                continue  # "Bosnian Serbs" tagged PERSON is two nationality words, no name
            # (a trailing possessive is not part of the name: "[Sri Lanka's]" tagged PERSON)
            pe_end = pe.end - 1 if pe.end - pe.start > 1 and sdoc[pe.end - 1].text in POSSESSIVE \
                else pe.end
            # (nor a leading article: "[the Quai d'Orsay]" tagged PERSON is the ministry)
            pe_start = pe.start + 1 if pe.end - pe.start > 1 and sdoc[pe.start].lower_ in DETS \
                else pe.start
            if pe_start <= s and e <= pe_end and (pe_end - pe_start) > (e - s):
                if all(self.kb.actors[x.actor_id].type != "person" for x in entries):
                    return None
        if e - s == 1 and span[0].is_lower and not span.text.isupper():
            return None
        if after_honorific(sdoc, s) and all(self.kb.actors[x.actor_id].type != "person" for x in entries):
            return None  # "Mr Hague", "Mrs Jordan": a title makes a person's name, not a place
        if e - s > 1 and key in self.proper_keys and any(
                t.is_lower and t.lower_ not in SMALL_WORDS and t.text not in POSSESSIVE
                for t in span):
            return None  # "Russia today" is not the channel "Russia Today"
        # a region inside a longer organisation name ("Eurasia Review Weekly") is not one
        if any(self.kb.actors[x.actor_id].type == "region" for x in entries) and any(
                ent.label_ in ("ORG", "FAC", "WORK_OF_ART", "PRODUCT") and ent.start <= s
                and e <= ent.end and ent.end - ent.start > e - s for ent in sdoc.ents):
            return None
        # a one-word party or group name inside a longer organisation name the KB does not
        # know ("Salvation", a Jordanian party, in "the Islamic Salvation Front") is not it
        if e - s == 1 and all(self.kb.actors[x.actor_id].type in WORD_INSIDE_ORG_TYPES
                              for x in entries) and any(
                ent.label_ in ("ORG", "FAC", "WORK_OF_ART") and ent.start <= s and e <= ent.end
                and sum(t.pos_ == "PROPN" for t in ent) >= 3 and not self.kb.lookup(
                    re.sub(r"^(?:the|The)\s+", "", ent.text)) for ent in sdoc.ents):
            return None
        # ... nor in a run of three or more capitalised words that is no name of the KB's
        # (spaCy does not always tag the run: "Islamic Salvation Front demanded ...")
        if e - s == 1 and all(self.kb.actors[x.actor_id].type in WORD_INSIDE_ORG_TYPES
                              for x in entries):
            a, b = s, e
            while a > 0 and sdoc[a - 1].pos_ == "PROPN" and sdoc[a - 1].text[:1].isupper():
                a -= 1
            while b < len(sdoc) and sdoc[b].pos_ == "PROPN" and sdoc[b].text[:1].isupper():
                b += 1
            if b - a >= 3 and not self.kb.lookup(sdoc[a:b].text):
                return None
        # ... nor the first words of a longer place name ("the West" in "the West Bank")
        if any(self.kb.actors[x.actor_id].type == "region" for x in entries) and any(
                ent.label_ in ("GPE", "LOC") and ent.start <= s and ent.end > e
                and sdoc[e].text[:1].isupper() for ent in sdoc.ents):
            return None
        entry = self.choose(entries, date)
        actor = self.kb.actors[entry.actor_id]
        if entry.kind == "demonym" and e - s == 1 and self._is_language(span[0]):
            return None
        method = {"capital": "metonym", "metonym": "metonym", "demonym": "demonym"}.get(
            entry.kind, "gazetteer")
        actor_id: str | None = actor.id
        if method == "gazetteer":
            if norm(actor.name) != key:
                method = "alias"
            if actor.type == "person" and e - s == 1:
                method = "surname"
                if span[0].pos_ not in ("PROPN", "NOUN") and not span[0].ent_type_:
                    return None
                if after_non_political_title(sdoc, s):
                    return None  # "Coach Putin" is not Vladimir Putin
        if entry.kind == "capital":
            head = span.root
            if self._is_location(head):
                actor_id, method = actor.country, "capital"
            elif any(ent.label_ in ("ORG", "FAC", "WORK_OF_ART") and ent.start <= s and e <= ent.end
                     and ent.end - ent.start > e - s and not self._only_places(ent)
                     for ent in sdoc.ents):
                return None  # "Radio Tashkent", "the Moscow Centre for ..." name no actor
        return Cand(base + span.start_char, base + span.end_char, actor_id, method,
                    person=actor.type == "person", kind="person" if actor.type == "person"
                    else "name", sector=self.kb.actors[actor_id or ""].sector,
                    meta={"kind": entry.kind, "tok": (s, e), "name": span.text})

    def choose(self, entries, date: str | None):
        """Among several actors for one alias: a person in office on the date, else a name
        over a demonym, else the first listed."""
        if len(entries) == 1:
            return entries[0]
        if date:
            for en in entries:
                a = self.kb.actors[en.actor_id]
                if a.type == "person" and any(
                        (r.get("start") or "") <= date and (r.get("end") is None or date[: len(r["end"])] <= r["end"])
                        for r in a.roles):
                    return en
        rank = {"name": 0, "metonym": 1, "capital": 2, "demonym": 3}
        return sorted(entries, key=lambda en: rank.get(en.kind, 4))[0]

    def _only_places(self, ent) -> bool:
        """An entity that is just capitals joined by 'and'/'or' ("Dushanbe or Tashkent")."""
        return all(t.pos_ in ("CCONJ", "PUNCT") or any(
            e.kind == "capital" for e in self.kb.index["en"].get(norm(t.text), []))
            for t in ent)

    @staticmethod
    def _is_language(tok) -> bool:
        """'in Kazakh', 'switching to Russian': a demonym naming a language."""
        return (tok.dep_ == "pobj" and tok.head.lower_ in ("in", "to", "into", "from")
                and not any(c.pos_ in ("NOUN", "PROPN") for c in tok.children)
                and (tok.i + 1 >= len(tok.doc) or tok.doc[tok.i + 1].pos_ not in ("NOUN", "PROPN")))

    @staticmethod
    def _is_location(tok) -> bool:
        """'visited Astana', 'in Tashkent', 'flew to Moscow', 'Almaty-based', a dateline
        ('Bishkek –') name a place, not a government."""
        doc = tok.doc
        if tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" and doc[tok.i + 2].lower_ in (
                "based", "headquartered", "registered"):
            return True
        if tok.i == 0 and len(doc) > 1 and doc[1].text in ("–", "—", "-", ",", ":"):
            return True  # dateline
        if tok.dep_ == "pobj" and tok.head.lower_ in LOC_PREPS:
            return True
        if tok.dep_ == "pobj" and tok.head.lower_ in MOTION_PREPS and \
                tok.head.head.lemma_.lower() in MOVE_VERBS:
            verb = tok.head.head
            if any(c.dep_ == "dobj" and c.lemma_.lower() in MESSAGES for c in verb.children):
                return False
            return True
        if tok.dep_ in ("dobj", "npadvmod") and tok.head.lemma_ in MOVE_VERBS:
            return True
        if tok.dep_ == "conj" and tok.head is not tok:
            return EnglishRecognizer._is_location(tok.head)
        return False

    # ------------------------------------------------------------------ "Uzbek diplomats"
    def agent_of(self, toks) -> tuple[str, str] | None:
        """(phrase, sector) if the tokens end in an agent noun ("security forces", "men")."""
        words = [t.lower_ for t in toks]
        for n in (3, 2, 1):
            if len(words) >= n:
                ph = " ".join(words[-n:])
                if ph in self.agent_nouns:
                    return ph, self.agent_nouns[ph]
                lem = " ".join(words[-n:-1] + [toks[-1].lemma_.lower()])
                if lem in self.agent_nouns:
                    return lem, self.agent_nouns[lem]
        return None

    def _agent_phrases(self, sdoc, base, date, cands: list[Cand]) -> list[Cand | None]:
        """Demonym/state/metonym + agent noun ("the Uzbek leadership", "Kazakhstan's president",
        "Russian troops") and agent noun + of + state ("the leadership of Kazakhstan")."""
        out: list[Cand | None] = []
        for c in cands:
            kind = c.meta.get("kind")
            if c.person or kind is None or c.actor_id is None:
                continue
            actor = self.kb.actors[c.actor_id]
            iso = actor.country
            if not iso or actor.type not in ("state", "government", "military", "legislature"):
                continue
            s, e = c.meta["tok"]
            last = sdoc[e - 1]
            j = e
            if j < len(sdoc) and sdoc[j].text in POSSESSIVE:
                j += 1
            # an office right after the state ("US Secretary of State", "Russia's president")
            if j < len(sdoc) and j > s:
                rm = self.lex.role_re.match(paragraph_text(sdoc), sdoc[j].idx)
                role = self.lex.role(rm.group(0)) if rm else None
                if rm is not None and role is not None and role.kb_role and (
                        rm.end() == len(paragraph_text(sdoc))
                        or not paragraph_text(sdoc)[rm.end()].isalnum()):
                    k = next((t.i + 1 for t in sdoc[j:] if t.idx + len(t) >= rm.end()), len(sdoc))
                    if k >= len(sdoc) or not (sdoc[k].pos_ == "PROPN" or sdoc[k].ent_type_ == "PERSON"):
                        out.append(self._agent_cand(sdoc, s, k, base, iso,
                                                     (role.phrase, role.sector), date, c.method,
                                                     c.actor_id))
                        continue
            # collect the noun group to the right: adjectives, compounds, the head noun
            k = j
            while k < len(sdoc) and k - j < 4 and sdoc[k].pos_ in ("ADJ", "NOUN", "PROPN") \
                    and sdoc[k].ent_type_ not in ("PERSON",):
                k += 1
                if sdoc[k - 1].pos_ == "NOUN" and (k >= len(sdoc) or sdoc[k].pos_ != "NOUN"):
                    break
            if k > j and sdoc[k - 1].pos_ in ("NOUN", "PROPN"):
                head_ok = last.dep_ in ("amod", "compound", "nmod", "poss") or j > e
                found = self.agent_of(sdoc[j:k]) if head_ok else None
                # "Russian foreign minister Lavrov": a title before a name is not a mention
                if found and k < len(sdoc) and (sdoc[k].ent_type_ == "PERSON"
                                                or sdoc[k].pos_ == "PROPN"):
                    found = None
                    continue
                if found:
                    out.append(self._agent_cand(sdoc, s, k, base, iso, found, date, c.method,
                                                 c.actor_id))
                    continue
            # agent + of + state: look left of the state for "<agent> of (the)"
            i = s
            if kind == "demonym":  # "oligarchs of Uzbek origin" is not Uzbekistan's oligarchs
                continue
            if i >= 1 and sdoc[i - 1].lower_ == "the":
                i -= 1
            # "the defence ministry in Baku": an institution in a capital is that state's
            in_capital = kind == "capital" and i >= 2 and sdoc[i - 1].lower_ == "in" and \
                sdoc[i - 2].lemma_.lower() in INSTITUTIONS
            if i >= 2 and (sdoc[i - 1].lower_ == "of" or in_capital):
                k2 = i - 1
                j2 = k2
                while j2 > 0 and k2 - j2 < 3 and sdoc[j2 - 1].pos_ in ("NOUN", "PROPN", "ADJ") \
                        and sdoc[j2 - 1].lower_ not in DETS and sdoc[j2 - 1].lower_ not in QUANT:
                    j2 -= 1
                if j2 < k2:
                    found = self.agent_of(sdoc[j2:k2])
                    if not found and j2 >= 2 and sdoc[j2 - 1].lower_ == "of" and \
                            sdoc[j2 - 2].lemma_.lower() in INSTITUTIONS:
                        j2 -= 2  # "the Ministry of Finance of Kyrgyzstan"
                        found = (sdoc[j2].lemma_.lower(), "GOV")
                    if found:
                        if j2 > 0 and sdoc[j2 - 1].lower_ in DETS:
                            pass
                        # the institution's words only: the capital stays a place
                        out.append(self._agent_cand(sdoc, j2, k2 if in_capital else e, base, iso,
                                                     found, date, c.method, c.actor_id))
        return out

    def _located_residents(self, sdoc, cands: list[Cand]) -> None:
        """A nationality noun placed by its own complement in another state is named by where
        it lives ("Albanians of southern Serbia", "ethnic Russians in Latvia"), as CAMEO codes
        such groups; the mention is relinked to that state. Only when the preposition attaches
        to the noun, and not for a nationality of immigrants (``nationality_heads``)."""
        for c in cands:
            if c.meta.get("kind") != "demonym" or c.sector or c.meta.get("agent") or \
                    "tok" not in c.meta or c.meta["tok"][1] - c.meta["tok"][0] != 1:
                continue
            h = sdoc[c.meta["tok"][0]]
            a = self.kb.actors.get(c.actor_id or "")
            if a is None or a.type != "state" or h.tag_ not in ("NNS", "NNPS") or \
                    h.lower_ in NATIONALITY_HEADS:
                continue
            iso = self.located_country(h, preps=("of", "in"))
            if iso is not None and iso != a.country:
                c.actor_id = iso

    def located_country(self, tok, preps=None) -> str | None:
        """The state a noun's own locative complement names: "rebels in the Ivory Coast"
        (CIV), "police in Lagos" (NGA), "a group based in Trinidad" (TTO). The preposition
        (``located_agent_preps``) must attach to the noun or to a participle on it
        (``located_agent_participles``: "based in"); its object is a state, a capital or a
        place the knowledge base knows. None when nothing places the noun, or several do."""
        preps = LOCATED_PREPS if preps is None else preps
        found: set[str] = set()
        heads = [tok] + [c for c in tok.children if c.dep_ in ("acl", "amod")
                         and c.lemma_.lower() in LOCATED_PARTICIPLES and c.i > tok.i]
        for h in heads:
            for p in h.children:
                if p.dep_ != "prep" or p.lower_ not in preps or p.i < tok.i:
                    continue
                for o in p.children:
                    if o.dep_ != "pobj":
                        continue
                    ent = next((e for e in o.doc.ents if e.start <= o.i < e.end), None)
                    name = ent.text if ent is not None and ent.label_ in ("GPE", "LOC") else (
                        o.text if o.pos_ == "PROPN" else None)
                    if name is None:
                        continue
                    name = re.sub(r"^(?:the|The)\s+", "", name)
                    iso = None
                    for hit in self.kb.lookup(name):
                        a = self.kb.actors.get(hit.actor_id)
                        if a is not None and a.country and a.type in ("state", "government"):
                            iso = a.country
                            break
                    iso = iso or self.kb.place_country(name)
                    if iso:
                        found.add(iso)
        return next(iter(found)) if len(found) == 1 else None

    def _agent_cand(self, sdoc, s, e, base, iso, found, date, method, base_id) -> Cand | None:
        phrase, sector = found
        role = self.lex.role(phrase)
        if role is not None and role.kb_role and any(
                t.tag_ in ("NNS", "NNPS") for t in sdoc[s:e]):
            return None  # "the presidents of Kazakhstan, Uzbekistan ..." are not one actor
        actor_id = None
        role_text = None
        person = False
        if role is not None and role.kb_role and role.cls == "office":
            holders = self.kb.holders(role.kb_role, iso, date) if date else []
            if len(holders) == 1:
                actor_id, method, person = holders[0].id, "role", True
            role_text = phrase
        if actor_id is None:
            if sector in DERIVED:
                actor_id = iso + sector
            elif method == "metonym" and base_id:
                actor_id = base_id
            else:
                actor_id = iso
        span = sdoc[s:e]
        return Cand(base + span.start_char, base + span.end_char, actor_id,
                    method if method in ("role", "metonym") else "demonym", sector=sector,
                    role=role_text, person=person, kind="person" if person else "name",
                    meta={"agent": phrase, "country": iso,
                          "kb_role": role.kb_role if role else None})

    # ------------------------------------------------------------------ people and roles
    @property
    def first_names(self) -> set[str]:
        """First words of the knowledge base's people (worldwide: 'Luiz', 'Muyassar') and the
        shipped given-name list, folded: the words a left-out start of a name can be."""
        if self._first_names is None:
            names = {fold(a.name.split()[0]) for a in self.kb.actors.values()
                     if a.type == "person" and not a.discovered and a.name}
            self._first_names = names | {fold(n) for n in given_names()}
        return self._first_names

    def _kb_person(self, span) -> bool:
        """A name (or a curated alias such as "Putin") of a person in the knowledge base."""
        return any(self.kb.actors[e.actor_id].type == "person" for e in self.kb.lookup(span.text))

    def _known_person(self, span) -> bool:
        """A person's name in the knowledge base, or a lone word that is someone's surname."""
        return self._kb_person(span) or (len(span) == 1 and norm(span[0].text) in self.kb.surnames)

    def _people(self, sdoc, base, date, cands: list[Cand]) -> list[Cand]:
        out = []
        text = paragraph_text(sdoc)
        spans = []
        persons: list[list[int]] = []
        for ent in sdoc.ents:
            if ent.label_ != "PERSON" or self._nationalities_only(ent):
                continue
            if persons and persons[-1][1] == ent.start and not self._known_person(ent) \
                    and not self._known_person(sdoc[persons[-1][0]:persons[-1][1]]):
                # two person entities back to back are one long name spaCy cut in two
                # ("[Muyassar Raja] [Shallah al Tikriti]"), unless either is a name we know
                # (a headline's "Trump Putin summit" stays two people)
                persons[-1][1] = ent.end
            else:
                persons.append([ent.start, ent.end])
        split: list[list[int]] = []
        for a, b in persons:
            # one entity that is two people we know side by side ("Trump Putin summit",
            # "Narendra Modi Vladimir Putin talks"): two mentions
            cut = None if b - a < 2 or self._known_person(sdoc[a:b]) else next(
                (k for k in range(a + 1, b) if self._kb_person(sdoc[a:k])
                 and self._kb_person(sdoc[k:b])), None)
            split += [[a, cut], [cut, b]] if cut is not None else [[a, b]]
        for ent in (sdoc[a:b] for a, b in split):
            s = ent.start
            # spaCy sometimes leaves a first given name out of the entity ("Luiz [Inacio
            # Lula da Silva]"): take back an untagged capitalised proper noun just before it
            # that is someone's first name ("Coach" is not), unless the entity is a name we
            # know already or the word ends a title
            # ("Minister for Interior [Aftab Ahmad Khan Sherpao]")
            known = self._known_person(ent)
            while not known and s > 0 and ent.start - s < 2 and sdoc[s - 1].pos_ == "PROPN" \
                    and not (s > 1 and sdoc[s - 2].pos_ == "ADP") \
                    and fold(sdoc[s - 1].text) in self.first_names \
                    and sdoc[s - 1].is_alpha and sdoc[s - 1].text[:1].isupper() \
                    and not sdoc[s - 1].ent_type_ and not self.lex.role(sdoc[s - 1].text) \
                    and sdoc[s - 1].lower_ not in HONORIFICS:
                s -= 1
            e = ent.end  # and a last surname it left out ("[Maria Corina] Machado")
            if not known and e < len(sdoc) and sdoc[e].pos_ == "PROPN" and sdoc[e].is_alpha \
                    and sdoc[e].text[:1].isupper() and not sdoc[e].ent_type_ \
                    and not self.lex.role(sdoc[e].text):
                e += 1
            spans.append((s, e, None))
        for c in cands:
            if c.person and "tok" in c.meta:
                spans.append((*c.meta["tok"], c.actor_id))
        for t in sdoc[1:]:  # "Chancellor Scholz": a capitalised word right after an office title
            prev = self.lex.role(sdoc[t.i - 1].text)
            if t.pos_ == "PROPN" and t.text[:1].isupper() and t.is_alpha and not t.ent_type_ \
                    and prev is not None and prev.cls == "office" and sdoc[t.i - 1].text[:1].isupper() \
                    and (t.i + 1 >= len(sdoc) or sdoc[t.i + 1].pos_ != "PROPN"):
                spans.append((t.i, t.i + 1, None))
        done: set[tuple[int, int]] = set()
        for s, e, kb_id in sorted(spans, key=lambda x: (x[0], -(x[1] - x[0]))):
            # trim possessives and titles spaCy sometimes includes
            while e > s and (sdoc[e - 1].text in POSSESSIVE or sdoc[e - 1].is_punct):
                e -= 1
            gender = None
            while s < e and (sdoc[s].lower_ in DETS or self.lex.role(sdoc[s].text)
                             or sdoc[s].is_punct or sdoc[s].lower_.rstrip(".") in HONORIFICS):
                gender = HONORIFICS.get(sdoc[s].lower_.rstrip("."), gender)
                s += 1
            if gender is None and after_honorific(sdoc, s):
                gender = HONORIFICS[sdoc[s - 1].lower_.rstrip(".")]
            if e <= s or any(s < b and a < e for a, b in done):
                continue
            span = sdoc[s:e]
            name = span.text
            if not NAME_RE.match(name) or span[0].lower_ in NOT_PERSON_FIRST or (
                    s > 0 and sdoc[s - 1].lower_ in NOT_PERSON_PREV and kb_id is None):
                continue
            done.add((s, e))
            cs, ce = span.start_char, span.end_char
            role, aff_ids, role_start = self._pre_title(sdoc, s, cands, base)
            if role is not None and role_start is not None and role[1].sector == "GOV" \
                    and role[1].phrase in PARTY_LEADER_WORDS \
                    and self._party_before(cands, base + role_start):
                # "Tory leader Michael Howard", "Lib Dem leader X": a party's leader, PTY
                role = (role[0], self.lex.roles.get("party leader", role[1]))
            if role is None:
                role, aff_ids = self._apposition(text, ce, cands, base)
            actor_id = kb_id
            method = "gazetteer"
            actor = None
            lone_after_title = len(span) == 1 and after_non_political_title(sdoc, s)
            if lone_after_title:
                actor_id = None  # "Coach Putin": a surname after a non-political title
            if actor_id is None and not lone_after_title:
                hits = [en for en in self.kb.lookup(name) if self.kb.actors[en.actor_id].type == "person"]
                if hits:
                    actor_id = self.choose(hits, date).actor_id
                    method = "gazetteer" if norm(self.kb.actors[actor_id].name) == norm(name) \
                        else "alias"
            if actor_id is None and len(span) >= 2:
                q = fold(name)
                typo_hits = sorted({k for sig in signatures(q) for k in self.person_sigs.get(sig, ())
                                    if one_typo(q, k)})
                if len({self.fuzzy_people[k] for k in typo_hits}) == 1:
                    actor_id, method = self.fuzzy_people[typo_hits[0]], "fuzzy"
            if actor_id is None and len(span) >= 2:
                titled = role is not None and role[1].cls == "office"
                found = self._name_variant(name, titled, role[1].sector if titled else None)
                if found is not None:
                    actor_id, method = found
            # a role with an office and a country settles ambiguous or unknown surnames
            if role is not None and role[1].kb_role and aff_ids:
                country = self._country_of(aff_ids)
                if country:
                    holders = self.kb.holders(role[1].kb_role, country, date)
                    cand_ids = {h.id for h in holders}
                    if actor_id is None or actor_id not in cand_ids:
                        surname = norm(span[-1].text)
                        match = [h for h in holders if surname in self.kb.surnames
                                 and h.id in self.kb.surnames[surname]]
                        if not match and len(span) == 1:
                            match = [h for h in self.kb.holders(role[1].kb_role, country, None)
                                     if h.id in self.kb.surnames.get(surname, [])]
                        if len(match) == 1:
                            actor_id, method = match[0].id, "role"
            if actor_id is None and len(span) == 1 and role is not None and role[1].cls == "office":
                # title + surname ("Chancellor Scholz", "President Erdogan"): the one person
                # with that surname, preferring who held the titled office on the date
                ids = self.kb.surnames.get(norm(span[0].text), [])
                if len(ids) > 1 and role[1].kb_role:
                    held = [i for i in ids if any(
                        r.get("role") == role[1].kb_role and (date is None or date_in(
                            date, r.get("start"), r.get("end"))) for r in self.kb.actors[i].roles)]
                    ids = held or ids
                if role[1].sector:
                    # "Mayor Crane" is not the congressman Eli Crane, "General X" not a
                    # president: a titled surname links only to someone of the title's sector
                    ids = [i for i in ids if not (sectors := self._sectors(i))
                           or role[1].sector in sectors]
                if len(ids) == 1:
                    actor_id, method = ids[0], "title"
            if actor_id is None and len(span) == 1:
                fz = self._fuzzy_state(span[0], base)  # "Kazakstan" tagged as a person
                if fz is not None:
                    out.append(fz)
                    continue
            if actor_id is None and len(span) >= 2:
                # an organisation's name spaCy tags PERSON ("Tamil Tiger rebels", "Boko Haram"
                # in some sentences): the organisation, not a discovered person
                orgs = [en for en in self.kb.lookup(name)
                        if self.kb.actors[en.actor_id].type in WORD_INSIDE_ORG_TYPES]
                if orgs:
                    out.append(Cand(base + cs, base + ce, self.choose(orgs, date).actor_id, "ner",
                                    meta={"label": "PERSON", "name": name}))
                    continue
            if actor_id is None:
                if e < len(sdoc) and sdoc[e].lower_ in NOT_PERSON_NEXT:
                    continue  # "the Jackson-Vanik amendment"
                if len(span) < 2:
                    out.append(Cand(base + cs, base + ce, None, "surname", person=True,
                                    kind="unresolved-person", role=role[0] if role else None,
                                    role_class=role[1].cls if role else None,
                                    meta={"name": name, "gender": gender,
                                          "honorific": after_honorific(sdoc, s)}))
                    continue
                if self.kb.lookup_context(name):
                    continue  # "Boko Haram" tagged PERSON: a group's name, settled by context
                actor = self.discover(name, role, aff_ids, date)
                actor_id, method = actor.id, "discovered"
            out.append(Cand(base + cs, base + ce, actor_id, method, person=True, kind="person",
                            role=role[0] if role else None,
                            role_class=role[1].cls if role else None, actor=actor,
                            sector=role[1].sector if role else None,
                            meta={"name": name, "affiliation": aff_ids, "gender": gender}))
        return out

    def _party_before(self, cands: list[Cand], at: int) -> bool:
        """A party's name (or an ambiguous name all of whose readings are parties) ends right
        before offset ``at``."""
        for c in cands:
            if not (0 <= at - c.end <= 2):
                continue
            ids = [c.actor_id] if c.actor_id else list(c.meta.get("candidates", []))
            if ids and all((a := self.kb.get(i)) is not None and (a.type == "party" or a.sector == "PTY")
                           for i in ids):
                return True
        return False

    def _name_variant(self, name: str, titled: bool,
                      title_sector: str | None = None) -> tuple[str, str] | None:
        """A world person written with fewer middle names ("Omar Hassan al-Bashir" for the KB's
        "Omar Hassan Ahmad al Bashir": same first and last word, the rest in order), or, after
        an office title only, with a one-letter slip in the surname ("President Abdelaziz
        Bouteflka"). Only a single candidate links."""
        from rapidfuzz.distance import Levenshtein

        words = fold(re.sub(r"(?<=\w)-(?=\w)", " ", name)).split()
        if len(words) < 3 and not titled:
            # "Jose Lopez", a quoted accountant, is not the KB's "Jose Blanco Lopez": a bare
            # first name + surname is too common to stand for a longer KB name; a middle name
            # kept ("Omar Hassan al-Bashir") or an office title before it is evidence enough
            return None
        first, last = words[0], words[-1]

        def subsequence(kb_words: list[str]) -> bool:
            it = iter(kb_words)
            return all(w in it for w in words)

        def people(ids) -> list[tuple[str, list[str]]]:
            out = []
            for i in ids:
                a = self.kb.actors.get(i)
                if a is not None and a.type == "person" and a.name and (
                        title_sector is None or title_sector in self._sectors(i)):
                    # after a title, only someone of the title's sector ("Labour MP John
                    # Smith" is no Kiribati minister John Hilary Smith)
                    out.append((i, fold(a.name.replace("-", " ")).split()))
            return out

        ids = {i for i, kw in people(self.kb.surnames.get(last, [])) if len(kw) > len(words)
               and kw[0] == first and kw[-1] == last and subsequence(kw)}
        if len(ids) == 1:
            return ids.pop(), "alias"
        if ids or not titled or len(last) < 5:
            return None
        near = [k for k in self.kb.surnames if k[:1] == last[:1] and abs(len(k) - len(last)) <= 1
                and Levenshtein.distance(k, last, score_cutoff=1) <= 1 and k != last]
        ids = {i for k in near for i, kw in people(self.kb.surnames[k])
               if kw[0] == first and len(kw) == len(words)}
        return (ids.pop(), "fuzzy") if len(ids) == 1 else None

    def _sectors(self, actor_id: str) -> set[str]:
        """Every sector a person of the KB is recorded in: their own and their roles'."""
        a = self.kb.actors[actor_id]
        return {x for x in [a.sector] + [r.get("sector") for r in a.roles] if x}

    def _pre_title(self, sdoc, s, cands, base):
        """'US Secretary of State X', 'political scientist X', 'Russian foreign minister X'."""
        sent_start = sentence_start(sdoc, s)
        start_char = sdoc[sent_start].idx
        window = paragraph_text(sdoc)[start_char: sdoc[s].idx]
        stripped = window.rstrip()
        if not stripped or len(window) - len(stripped) > 2:
            return None, [], None
        best = None
        for m in self.lex.role_re.finditer(stripped):
            if m.end() == len(stripped) and (m.start() == 0 or not stripped[m.start() - 1].isalnum()):
                best = m
                break
        if best is None:
            return None, [], None
        phrase = best.group(0)
        role = self.lex.role(phrase)
        if role is None:
            return None, [], None
        # affiliation: linked candidates just before the role ("US", "Uzbekistan's", "Russian")
        rs = start_char + best.start()
        re_ = start_char + best.end()
        aff = []
        for c in cands:
            if c.actor_id and not c.person and base + rs - 40 <= c.start and c.end <= base + re_:
                between = paragraph_text(sdoc)[c.end - base: rs]
                if c.end - base <= rs and re.fullmatch(
                        r"(?:['’]s)?\s*(?:[A-Z][\w\-]*\s+)*(?:[a-z][\w\-]*\s+){0,2}", between):
                    aff.append(c.actor_id)
                elif c.start >= base + rs:  # "Secretary of State" contains no actor normally
                    aff.append(c.actor_id)
        return (phrase.strip(), role), aff, rs

    def _apposition(self, text: str, end: int, cands, base):
        """'X, a fellow at the Carnegie Moscow Center,' and 'X, first deputy chief of
        Kazakhstan's Executive Office,'."""
        rest = text[end:end + 160]
        m = re.match(r"\s*,\s+(?:(?:a|an|the)\s+)?((?:[A-Z][\w\-'’]*\s+){0,3})", rest)
        if not m:
            return None, []
        pos = m.end()
        rm = self.lex.role_re.match(rest, pos)
        if rm is None and m.group(1):
            pos = m.start(1)
            rm = self.lex.role_re.match(rest, pos)
        if rm is None:
            return None, []
        role = self.lex.role(rm.group(0))
        if role is None:
            return None, []
        lead = rest[m.start(1):rm.start()].strip() if rm.start() > m.start(1) else ""
        tail = rest[rm.end():]
        om = re.match(r"\s+(?:of|at|in|with|for|from|to)\s+"
                      r"([^,;:()\n“”\"]+?)(?=\s*(?:[,;:)\n“”\"]|\.(?:\s|$)|$))", tail)
        phrase = (lead + " " + rm.group(0)).strip()
        aff = []
        if lead:  # "a Central Asia analyst", "a Kazakh diplomat"
            l_s, l_e = base + end + m.start(1), base + end + rm.start()
            aff = [c.actor_id for c in cands if c.actor_id and not c.person
                   and l_s <= c.start and c.end <= l_e]
        if om:
            phrase = phrase + tail[: om.end()].rstrip()
            o_s = base + end + rm.end() + om.start(1)
            o_e = base + end + rm.end() + om.end(1)
            inside = [c for c in cands if c.actor_id and not c.person and o_s <= c.start
                      and c.end <= o_e]
            inside.sort(key=lambda c: -c.length)
            kept: list[Cand] = []
            for c in inside:  # "Carnegie Moscow Center", not "Carnegie" or "Moscow"
                if not any(k.start <= c.start and c.end <= k.end for k in kept):
                    kept.append(c)
            aff = [c.actor_id for c in sorted(kept, key=lambda c: c.start)] + aff
            if not aff:
                hits = self.kb.lookup(om.group(1))
                aff = [h.actor_id for h in hits[:1]]
        else:
            # the role must end the apposition ("X, an expert, said")
            if not re.match(r"\s*(?:[,;:)]|\.(?:\s|$)|$)", tail):
                return None, []
        return (phrase.strip(), role), aff

    def _country_of(self, aff_ids: list[str]) -> str | None:
        for a in aff_ids:
            actor = self.kb.actors.get(a)
            if actor is not None:
                if actor.type == "igo":
                    return actor.id
                if actor.country:
                    return actor.country
        return None

    def discover(self, name: str, role, aff_ids: list[str], date: str | None) -> Actor:
        """An actor for a person who is not in the knowledge base (deterministic id)."""
        name = re.sub(r"['’]s$", "", name).strip()
        country = None
        org = None
        for a in aff_ids:
            actor = self.kb.actors.get(a)
            if actor is None:
                continue
            if org is None:
                org = actor.id
            if country is None and actor.country:
                country = actor.country
        roles = []
        sector = None
        if role is not None:
            sector = role[1].sector
            roles.append({"role": role[0], "org": org, "country": country, "start": None,
                          "end": None, "as_of": date})
        return Actor(id=f"PER:{slug(name)}", name=name, type="person", country=country,
                     cameo=f"{country}{sector}" if country and sector else None, sector=sector,
                     roles=roles, aliases={"en": [name]}, discovered=True)

    # ------------------------------------------------------------------ ambiguous names
    def _context_names(self, sdoc, base, cands: list[Cand]) -> list[Cand]:
        """Party acronyms and generic names ("AKP", "MHP", "Republican Guard", "People's
        Party"): candidates without an actor; the linker picks one only when the document
        supports its country (see DocLinker.resolve_context)."""
        if not self.kb.context:
            return []
        covered = [(c.start, c.end) for c in cands if c.actor_id is not None]
        spans = {(e.start, e.end) for e in sdoc.ents
                 if e.label_ in ("ORG", "NORP", "GPE", "FAC", "LOC", "PRODUCT", "PERSON")}
        run = None
        for t in list(sdoc) + [None]:
            if t is not None and t.text.isupper() and len(t.text) >= 2 and t.text.isalpha():
                spans.add((t.i, t.i + 1))
            elif t is not None and t.pos_ == "PROPN" and t.text[:1].isupper() and t.i + 1 < len(sdoc) \
                    and self.lex.role(sdoc[t.i + 1].text) is not None:
                spans.add((t.i, t.i + 1))  # a party name before a title ("Conservative MP X")
            if t is not None and (t.pos_ == "PROPN" or (run is not None and t.lower_ in SMALL_WORDS
                                                         and t.i + 1 < len(sdoc)
                                                         and sdoc[t.i + 1].pos_ == "PROPN")):
                run = t.i if run is None else run
            else:
                if run is not None and t is not None:
                    spans.add((run, t.i))
                elif run is not None:
                    spans.add((run, len(sdoc)))
                run = None
        out: list[Cand] = []
        for s, e in sorted(spans, key=lambda x: (x[0], -(x[1] - x[0]))):
            while s < e and (sdoc[s].lower_ in DETS):
                s += 1
            while e > s and (sdoc[e - 1].text in POSSESSIVE or sdoc[e - 1].is_punct):
                e -= 1
            if e <= s:
                continue
            span = sdoc[s:e]
            a, b = base + span.start_char, base + span.end_char
            if any(a < ce and cs < b for cs, ce in covered):
                continue
            entries = self.kb.lookup_context(span.text)
            if not entries:
                continue
            out.append(Cand(a, b, None, "context", kind="context",
                            meta={"candidates": [en.actor_id for en in entries],
                                  "name": span.text}))
            covered.append((a, b))
        return out

    # ------------------------------------------------------------------ NER leftovers, typos
    def _ner_rest(self, sdoc, base, cands: list[Cand]) -> list[Cand]:
        out = []
        covered = [(c.start, c.end) for c in cands]

        def free(a, b):
            return not any(a < e and s < b for s, e in covered)

        for ent in sdoc.ents:
            if ent.label_ not in NER_LINKABLE or ent.label_ == "PERSON":
                continue
            a, b = base + ent.start_char, base + ent.end_char
            if not free(a, b):
                continue
            if len(ent) == 1 and self._is_language(ent[0]):
                continue
            if after_honorific(sdoc, ent.start):
                continue  # "Mr Sudan" is a person's name (the surname pass below may take it)
            text = re.sub(r"^(?:the|The)\s+", "", ent.text)
            text = re.sub(r"['’]s?$", "", text)
            hits = self.kb.lookup(text)
            if hits:
                en = self.choose(hits, None)
                aid = en.actor_id
                if en.kind == "capital" and self._is_location(ent.root):  # "ASTANA, Oct 25 –"
                    aid = self.kb.actors[aid].country
                out.append(Cand(a, b, aid, "ner", meta={"label": ent.label_}))
                covered.append((a, b))
                continue
            if len(ent) == 1:
                c = self._fuzzy_state(ent[0], base)
                if c:
                    out.append(c)
                    covered.append((c.start, c.end))
        for tok in sdoc:  # misspelt states the NER did not tag
            if tok.pos_ == "PROPN" and not tok.ent_type_ and len(tok) >= 5:
                a, b = base + tok.idx, base + tok.idx + len(tok)
                if free(a, b):
                    c = self._fuzzy_state(tok, base)
                    if c:
                        out.append(c)
                        covered.append((a, b))
        i = 0
        while i < len(sdoc):  # a known person's full name the NER missed ("Theresa May met ...")
            j = i
            while j < len(sdoc) and sdoc[j].pos_ == "PROPN" and sdoc[j].text[:1].isupper():
                j += 1
            if j - i >= 2:
                a, b = base + sdoc[i].idx, base + sdoc[j - 1].idx + len(sdoc[j - 1])
                hits = [h for h in self.kb.lookup(sdoc[i:j].text)
                        if self.kb.actors[h.actor_id].type == "person"] if free(a, b) else []
                if hits:
                    out.append(Cand(a, b, self.choose(hits, None).actor_id, "gazetteer",
                                    person=True, kind="person", meta={"name": sdoc[i:j].text}))
                    covered.append((a, b))
            i = max(j, i + 1)
        for tok in sdoc:  # a bare surname or given name the NER missed ("Khamroev: ...")
            if tok.pos_ == "PROPN" and tok.text[:1].isupper() and tok.text.isalpha() \
                    and not tok.is_sent_end and tok.ent_type_ not in ("DATE", "TIME", "MONEY"):
                a, b = base + tok.idx, base + tok.idx + len(tok)
                if free(a, b):
                    out.append(Cand(a, b, None, "surname", person=True, kind="unresolved-person",
                                    meta={"name": tok.text}))
        return out

    def _fuzzy_state(self, tok, base) -> Cand | None:
        text = tok.text
        if len(text) < 5 or not text[0].isupper():
            return None
        best = process.extractOne(fold(text), self._state_keys, scorer=fuzz.ratio,
                                  score_cutoff=FUZZY_STATE)
        if not best or best[0][0] != fold(text)[0]:
            return None
        if fold(text).startswith(best[0]) or best[0].startswith(fold(text)):
            return None  # "Korean" is a word form of "Korea", not a misspelling
        return Cand(base + tok.idx, base + tok.idx + len(text), self.fuzzy_states[best[0]],
                    "fuzzy", confidence=round(best[1] / 100, 3))

    # ------------------------------------------------------------------ pronouns, descriptors
    def _references(self, sdoc, base) -> list[Cand]:
        out = []
        for tok in sdoc:
            if tok.lower_ in PRONOUNS and tok.pos_ == "PRON" or (
                    tok.lower_ in ("his", "her") and tok.dep_ == "poss"):
                out.append(Cand(base + tok.idx, base + tok.idx + len(tok), None, "pronoun",
                                kind="pronoun", meta={"gender": PRONOUNS[tok.lower_]}))
        text = paragraph_text(sdoc)
        for m in re.finditer(r"\b(?:the|this|our)\s+", text, re.IGNORECASE):
            rm = self.lex.role_re.match(text, m.end())
            if rm is None:
                continue
            role = self.lex.role(rm.group(0))
            end = rm.end()
            if role is None or (end < len(text) and (text[end].isalnum() or text[end] in "-’'")):
                continue
            after = text[end:end + 30]
            # "the President of Uzbekistan", "the expert Rafael X" are not bare descriptors
            if re.match(r"\s+[A-Z]|['’]s\b", after) or (
                    role.cls == "office" and re.match(r"\s+of\b", after)):
                continue
            if role.cls not in ("expert", "media", "civil", "business") and not role.kb_role:
                continue
            out.append(Cand(base + m.start(), base + end, None, "descriptor", kind="descriptor",
                            role=rm.group(0), role_class=role.cls,
                            meta={"role_word": role.phrase, "kb_role": None,
                                  "desc_kb_role": role.kb_role}))
        return out
