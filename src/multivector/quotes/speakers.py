"""Who a cue points to: turn a subject token into a speaker ``{actor_id, name, role}``.

The actors stage (run before this one) links names, pronouns and descriptors to actors in
``doc.mentions``; when a mention covers the subject we take its actor. When there is none (the
actors stage is not installed, or the name is not in its knowledge base) we fall back on the
parse: named entities, the role words around a name ("political scientist Rafael Sattarov",
"Timur Suleimenov, first deputy chief of ..."), a pronoun pointing back to the last person
named outside quotation marks, and a descriptor ("the political scientist") pointing back to the
last person whose stated role has the same head noun. Anything else stays unresolved: the
speaker is then the phrase the document uses ("two diplomats"), with no actor id.
"""

from __future__ import annotations

import bisect
import logging
import re
import unicodedata
from dataclasses import dataclass

from ..actors.api import actor_at as _actor_at
from ..doc import Doc, Mention
from ..lang import lexicon as lang_lexicon
from ..lang.names import given_names
from .coref import Coref, CorefAnswer
from .registry import ROLE_PREPOSITIONS, Entity, Registry

log = logging.getLogger(__name__)

PERSON_PRONOUNS = lang_lexicon("en").words("person_pronouns")
INTERVIEWEE_NOUNS = lang_lexicon("en").words("interviewee_nouns")
SPEAKER_LABELS = {"PERSON", "ORG", "NORP", "GPE"}
NOT_SPEAKERS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
# actor-linker mention methods that resolve a word to an antecedent by the linker's own rules
LINKER_COREF = frozenset({"pronoun", "descriptor"})
ARTICLES = lang_lexicon("en").words("articles")
# a share of people that can hold a view ("47 percent said", "a third said", "six in 10 say")
GROUP_COUNTS = {"PERCENT", "CARDINAL", "ORDINAL"}
GROUP_PRONOUNS = lang_lexicon("en").words("group_pronouns")
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
ROLE_SUFFIXES = lang_lexicon("en").ordered("role_suffixes")
ROLE_DEPS = {"compound", "amod", "nmod", "poss", "case"}


@dataclass
class Speaker:
    name: str | None
    actor_id: str | None = None
    role: str | None = None
    start: int | None = None  # the words in the text the cue points to (name, pronoun, ...)
    end: int | None = None
    label: str | None = None  # PERSON, ORG, ... when known
    method: str = "name"  # name, mention, pronoun, descriptor, carrier, continuation, phrase, interview
    confidence: float | None = None  # how sure the resolution is (pronouns, descriptors, carriers)
    candidates: list[str] | None = None  # unresolved (name None): who it could have been
    via: str | None = None  # a carrier's document ("statement", "report")

    def as_dict(self) -> dict:
        return {"actor_id": self.actor_id, "name": self.name, "role": self.role,
                "start": self.start, "end": self.end, "method": self.public_method,
                "confidence": self.confidence}

    @property
    def public_method(self) -> str:
        """The exported ``speaker.method``: name, pronoun, descriptor, continuation, carrier
        (and interview, label, phrase for the layouts and unnamed groups)."""
        return {"mention": "name", "context": "continuation"}.get(self.method, self.method)

    def same_as(self, other: Speaker | None) -> bool:
        if other is None:
            return False
        if self.actor_id and other.actor_id:
            return self.actor_id == other.actor_id
        return bool(self.name) and self.name == other.name


@dataclass
class _Named:
    start: int
    end: int
    name: str
    role: str | None
    label: str
    actor_id: str | None


def _clean_phrase(text: str) -> str:
    text = " ".join(text.split()).strip(" ,;:–—-")
    words = text.split(" ")
    while words and words[0].lower() in ARTICLES:
        words = words[1:]
    return " ".join(words)


def _role_head_words(role: str) -> list[str]:
    """The words of a stated role up to its first preposition ("head of giant chip maker X"
    -> head): a descriptor names the role, not what it is a role of."""
    words = re.findall(r"[a-z][a-z\-]+", role.lower())
    for k, w in enumerate(words):
        if k and w in ROLE_PREPOSITIONS:
            return words[:k]
    return words


def _shares_word(a: str, b: str) -> bool:
    """Whether two names share a word of three letters or more (case-insensitive)."""
    wa = {w for w in re.findall(r"[a-z0-9]+", a.lower()) if len(w) >= 3}
    return bool(wa & {w for w in re.findall(r"[a-z0-9]+", b.lower()) if len(w) >= 3})


def person_name(ent) -> str:
    """A PERSON entity's name: its first run of proper nouns ("Florian Hamm - Borussia
    Dortmund's" -> "Florian Hamm"; a mis-tagged span stops at the first punctuation)."""
    run: list = []
    for t in ent:
        if t.pos_ == "PROPN" or (t.is_alpha and t.text[:1].isupper() and not run == [] and t.pos_ != "PART"):
            run.append(t)
        elif run:
            break
    text = " ".join(t.text for t in run) if run else ent.text
    return _clean_phrase(text)


def _fold(text: str) -> str:
    """Lower case without accents ("Micheál" -> "micheal")."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _text_full_name(head) -> str | None:
    """The name the text writes at a proper-noun head, when it opens with a given name of the
    shipped list ("Otis Ferry", not "Mr Ferry" or "Ferry"): the head and its name compounds."""
    toks = sorted([t for t in head.children if t.dep_ in ("compound", "flat") and t.pos_ == "PROPN"
                   and t.i < head.i] + [head], key=lambda t: t.i)
    if toks[-1].i - toks[0].i != len(toks) - 1:
        return None
    k = next((k for k, t in enumerate(toks) if t.text in given_names()), None)  # "Speaker Michael Martin"
    if k is None or k == len(toks) - 1:
        return None
    return " ".join(t.text for t in toks[k:])


def _span_text(doc: Doc, start: int, end: int) -> str:
    return " ".join(doc.text[start:end].split())


SUBJECT_WEIGHT = 2.5  # registry mention weight of a (main-clause) subject


class SpeakerResolver:
    """Resolves subject tokens to speakers for one document. ``quoted`` lists the content spans
    of quotation marks: names inside them are never taken as the antecedent of a pronoun."""

    def __init__(self, doc: Doc, quoted: list[tuple[int, int]] | None = None):
        self.doc = doc
        self.quoted = sorted(quoted or [])
        self.named: list[_Named] = []
        self.speakers: list[tuple[int, Speaker]] = []  # (position of cue, speaker) found so far
        self.interviewee: Speaker | None = None  # set when the document is an interview
        self._roles: dict[tuple[int, int], str | None] = {}
        self._build()
        self.registry = Registry(doc, self.quoted, role_of=self.role_of)
        self.coref = Coref(self.registry, doc.token_start)
        # unnamed spokesmen as subjects are people a later "he added" can point to: register
        # them before any quote is attributed
        for t in self.registry.spokes_subjects:
            try:
                self.coref.spokes(t, doc.token_start(t), set())
            except Exception as exc:  # noqa: BLE001 - a parse oddity must not break the stage
                log.warning("%s: spokesman at %d skipped: %r", doc.document.source, t.idx, exc)
        for t in self.registry.demonym_subjects:  # "The Scot defended X" before "He said"
            try:
                self.coref.demonym(t, doc.token_start(t))
            except Exception as exc:  # noqa: BLE001 - a parse oddity must not break the stage
                log.warning("%s: descriptor at %d skipped: %r", doc.document.source, t.idx, exc)

    # --- registry of named speakers -------------------------------------------------------
    def _inside_quote(self, pos: int) -> bool:
        """Inside one of the quoted spans: the registry's scan over the same spans."""
        return self.registry.in_quote(pos)

    def _build(self) -> None:
        doc = self.doc
        seen: set[tuple[int, int]] = set()
        paras = sorted({s.paragraph for s in doc.english_sentences()})
        for pi in paras:  # entities per paragraph: Span.ents rebuilds the whole list each call
            for ent in doc.paragraphs[pi].spacy.ents:
                if ent.label_ not in SPEAKER_LABELS:
                    continue
                a, b = doc.span_offsets(ent)
                if (a, b) in seen:
                    continue
                seen.add((a, b))
                m = self._mention(a, b)
                role = self.role_of(ent.root) if ent.label_ == "PERSON" else None
                name = person_name(ent) if ent.label_ == "PERSON" else _clean_phrase(ent.text)
                actor_id = None
                if m is not None:
                    actor_id = m.actor_id
                    role = m.role or role
                    name = self._actor_name(m) or name
                    other = self._namesake(_text_full_name(ent.root), m) if ent.root.pos_ == "PROPN" else None
                    if other is not None:
                        name, actor_id = other
                self.named.append(_Named(a, b, name, role, ent.label_, actor_id))
        self.named.sort(key=lambda n: n.start)

    def _mention(self, start: int, end: int) -> Mention | None:
        if not self.doc.mentions:
            return None
        try:
            m = _actor_at(self.doc, start, end)
        except Exception as exc:  # noqa: BLE001 - never let a helper break the stage
            log.warning("%s: actor lookup at %d-%d failed: %r", self.doc.document.source, start, end, exc)
            return None
        if m is None:
            return None
        # the mention must be the subject itself, not a word inside a long phrase
        if m.end <= start or m.start >= end:
            return None
        return m

    def _actor_name(self, m: Mention) -> str | None:
        a = self.doc.actors.get(m.actor_id) if m.actor_id else None
        return a.name if a is not None else None

    def _namesake(self, text_name: str | None, m: Mention) -> tuple[str, str | None] | None:
        """The text's full name against the person the linker gave it: ``(name, actor id)`` to
        use instead of the actor's, or None when the actor's name is the text's. A given name
        none of the actor's names has is another person of that surname ("Otis Ferry" linked to
        Bryan Ferry: no actor); one of its names written otherwise keeps the actor and the
        text's spelling ("Michael Martin", an alias of Micheál Martin)."""
        a = self.doc.actors.get(m.actor_id) if m.actor_id else None
        if not text_name or a is None or a.type != "person" or _fold(a.name) == _fold(text_name):
            return None
        given = _fold(text_name.split()[0])
        names = [a.name] + [n for ns in a.aliases.values() for n in ns]
        if any(given in _fold(n).split() for n in names):
            return text_name, m.actor_id
        return text_name, None

    def _role_for_actor(self, actor_id: str, before: int) -> str | None:
        """The role stated at a named mention of the actor (nearest before ``before``, else the
        first after it)."""
        named = [m for m in self._mentions_of(actor_id) if m.role
                 and m.method not in ("pronoun", "descriptor")]
        prior = [m for m in named if m.start < before]
        if prior:
            return prior[-1].role
        if named:
            return named[0].role
        n = self._named_tables()[3].get(actor_id)
        return n.role if n is not None else None

    def _mentions_of(self, actor_id: str) -> list[Mention]:
        """``doc.mentions`` of one actor in their order, from an index built once per list
        (a scan of every mention per speaker was quadratic in the document's length)."""
        ms = self.doc.mentions
        hit = self.__dict__.get("_by_actor")
        if hit is None or hit[0] is not ms or hit[1] != len(ms):
            by: dict[str, list[Mention]] = {}
            for m in ms:
                if m.actor_id is not None:
                    by.setdefault(m.actor_id, []).append(m)
            hit = self.__dict__["_by_actor"] = (ms, len(ms), by)
        return hit[2].get(actor_id, [])

    def _entity_mentions(self, idx: int) -> list:
        """The registry's mentions of entity ``idx`` in list order."""
        return self.registry.mentions_of(idx)

    # --- roles ---------------------------------------------------------------------------
    def role_of(self, head) -> str | None:
        """Cached :meth:`_role_of` (the registry and the resolver both ask for each name)."""
        key = (id(head.doc), head.i)
        if key not in self._roles:
            self._roles[key] = self._role_of(head)
        return self._roles[key]

    def _role_of(self, head) -> str | None:
        """The role a document states for a name: the words before it in its noun phrase
        ("Uzbekistan's foreign minister Abdulaziz Kamilov") or an apposition ("Temur Umarov, a
        fellow at the Carnegie Moscow Center"). None when there is neither."""
        name_toks = {t.i for t in head.subtree if t.pos_ == "PROPN"
                     and (t.i == head.i or t.dep_ in ("compound", "flat"))}
        name_toks.add(head.i)
        first_name = min(name_toks)
        left = [c for c in head.children if c.i < first_name and c.dep_ in ROLE_DEPS
                and c.i not in name_toks
                and not (c.pos_ == "PROPN" and c.dep_ == "compound" and c.ent_type_ == "PERSON")]
        role = None
        if left:
            lo = min(t.i for c in left for t in c.subtree)
            words = [t for t in head.doc[lo:first_name] if not (t.pos_ == "PUNCT" and t.text not in ("’", "'"))]
            text = _clean_phrase(head.doc[lo:first_name].text) if words else ""
            last = words[-1] if words else None
            if text and last is not None and (last.pos_ == "NOUN" or (
                    last.pos_ == "ADJ" and last.lower_.endswith(ROLE_SUFFIXES))):
                role = text
        if role is None:
            role = self._preceding_role(head.doc, first_name)
        if role is None:
            for c in head.children:
                if c.dep_ == "appos" and c.i > head.i and c.pos_ in ("NOUN", "PROPN"):
                    span = head.doc[c.left_edge.i : c.right_edge.i + 1]
                    if c.pos_ == "PROPN" and c.ent_type_ == "PERSON":
                        continue
                    role = _clean_phrase(span.text)
                    break
        return role or None

    @staticmethod
    def _preceding_role(sdoc, first_name: int) -> str | None:
        """Role words right before a name that the parser attached elsewhere
        ("A political expert Bakhrom Khamroev" parsed as two subjects)."""
        i = first_name - 1
        toks = []
        while i >= 0:
            t = sdoc[i]
            if t.pos_ in ("NOUN", "ADJ") or t.tag_ == "POS":
                toks.append(t)
                i -= 1
                continue
            if (t.pos_ == "PROPN" and t.ent_type_ in ("GPE", "NORP", "ORG") and i + 1 < len(sdoc)
                    and sdoc[i + 1].tag_ == "POS"):
                toks.append(t)
                i -= 1
                continue
            break
        if not toks or not (toks[0].pos_ == "NOUN" or toks[0].lower_.endswith(ROLE_SUFFIXES)):
            return None
        toks.reverse()
        return _clean_phrase(sdoc[toks[0].i : first_name].text) or None

    # --- resolution ------------------------------------------------------------------------
    def noun_phrase(self, head) -> tuple[int, int]:
        """Absolute offsets of the phrase headed by ``head`` (without a trailing clause)."""
        toks = [head]
        for c in head.children:
            if c.dep_ in ("relcl", "acl", "ccomp", "advcl", "punct", "cc", "conj") and c.i > head.i:
                continue
            toks.extend(c.subtree)
        lo = min(t.i for t in toks)
        hi = max(t.i for t in toks)
        while hi > lo and head.doc[hi].is_punct:
            hi -= 1
        span = head.doc[lo : hi + 1]
        return self.doc.span_offsets(span)

    def from_token(self, head, position: int | None = None) -> Speaker | None:
        """Speaker for the subject (or agent, object) token ``head``."""
        if head is None:
            return None
        doc = self.doc
        tok_start = doc.token_start(head)
        tok_end = tok_start + len(head.text)
        np_start, np_end = self.noun_phrase(head)
        pos = position if position is not None else tok_start
        low = head.lower_
        # 0. pronouns, descriptors, carriers and groups: the document's registry decides
        if head.dep_ == "nsubj" and (head.pos_ == "NOUN" or (
                head.pos_ == "PROPN" and low in self.registry.sw.role_abbreviations)):  # "X's CEO, NAME, said"
            # "The new chairman of the Bar Council, Guy Mansfield QC warned": the parser made
            # the name a second subject of the verb; the name is the speaker
            name = next((c for c in head.head.children if c.dep_ == "nsubj" and c.i > head.i
                         and c.pos_ == "PROPN" and c.doc[c.left_edge.i - 1].text == ","), None)
            if name is None:  # "The new chairman of X, Anne Whitby, warned": the name in apposition
                # (to the role or, as the parser often has it, to the organisation after "of")
                name = next((c for c in head.subtree if c.dep_ == "appos" and c.pos_ == "PROPN"
                             and c.ent_type_ == "PERSON" and (c.head.i == head.i or (
                                 c.head.head.head.i == head.i and c.doc[c.left_edge.i - 1].text == ","))), None)
            if name is not None:
                return self.from_token(name, position)
        if head.pos_ == "NOUN" and head.dep_ == "dobj":
            # '"...," exhorted the evening's host, actress Jane Rowe': an inverted cue whose
            # speaker the parser made the object; the name in apposition is the speaker
            name = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"
                         and c.ent_type_ == "PERSON"), None)
            k = max(t.i for t in head.subtree if not t.is_punct) + 1
            sdoc = head.doc
            if name is None and k + 1 < len(sdoc) and sdoc[k].text == ",":
                # (the parser often hangs the name on the verb: ", actress Jane Rowe.")
                run = []
                for t in sdoc[k + 1 : k + 7]:
                    if t.ent_type_ == "PERSON" and t.pos_ == "PROPN":
                        run.append(t)
                    elif run or t.pos_ not in ("NOUN", "ADJ", "PROPN"):
                        break
                end = run[-1].i + 1 if run else 0
                if run and (end == len(sdoc) or sdoc[end].is_punct):
                    name = run[-1]
            if name is not None:
                return self.from_token(name, position)
        if head.pos_ == "NOUN" and head.tag_ == "NN" and not any(c.dep_ in ("det", "poss") for c in head.children):
            # "According to local newspaper the Daily Telegraph": a bare role noun and the name
            # right after it (the parser seldom makes it an apposition)
            nxt = head.doc[head.i + 1 : head.i + 6]
            k = 1 if len(nxt) and nxt[0].lower_ == "the" else 0
            run = []
            for t in nxt[k:]:
                if t.pos_ != "PROPN" or not t.text[:1].isupper():
                    break
                run.append(t)
            if run and run[-1].i + 1 < len(head.doc) and not head.doc[run[-1].i + 1].is_alpha \
                    and head.doc[run[-1].i + 1].tag_ != "POS":
                return self.from_token(run[-1], position)
        if head.ent_type_ == "NORP" and head.tag_ in ("NNPS", "NNS"):
            e = self.registry.entity_at(tok_start, tok_end, ("org",))
            if e is not None and e.plural:  # "the Conservatives insisted"
                return self._entity_speaker(e, np_start, np_end, "name", None, pos)
        if head.pos_ == "PROPN" and head.ent_type_ in ("PERSON", "NORP") \
                and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children) \
                and not any(c.dep_ in ("compound", "flat") for c in head.children) \
                and self.registry.person_by_name(head.text) is None:
            dem = self.coref.demonym(head, pos)  # "the Scot said", "The Argentine had ..."
            if dem.resolved:
                return self._answer(dem, np_start, np_end)
        if head.pos_ in ("NOUN", "PROPN") and head.text[:1].isupper() and head.dep_ in SUBJECT_DEPS \
                and head.ent_type_ != "PERSON" and not any(True for _ in head.children) \
                and self.registry.person_by_name(head.text) is None:
            e = self.registry.person_by_misspelt_name(head.text)  # "Wines believes" after "Leslie Wimes"
            if e is not None and not self.registry.in_quote(tok_start):
                self.coref._mention_here(e, head, tok_start)  # the subject "she" may point back to
                return self._entity_speaker(e, np_start, np_end, "name", 0.8, pos)
        if head.pos_ == "PRON" and not (low in GROUP_PRONOUNS and head.dep_ in ("nsubj", "nsubjpass")):
            ans = self.coref.pronoun(head, pos)
            if ans is not None:
                return self._answer(ans, tok_start, tok_end)
        elif head.pos_ == "NOUN" or (head.pos_ == "PROPN" and head.lemma_.lower() in self.registry.sw.carrier_nouns) \
                or (head.pos_ == "PROPN" and low in self.registry.sw.role_abbreviations
                    and any(c.dep_ == "det" for c in head.children)) \
                or (head.lower_ == "old" and head.dep_ in ("nsubj", "nsubjpass")):  # "the 61-year-old said"
            ans = self.coref.noun(head, pos)
            if ans is not None and (ans.resolved or ans.method in ("carrier", "pronoun")):
                return self._answer(ans, np_start, np_end)
        elif (head.pos_ in ("PROPN", "NOUN", "VERB", "ADJ", "AUX") and head.text[:1].isupper()
              and head.ent_type_ != "PERSON"):
            e = self.registry.person_by_name(head.text)
            if e is not None and not self.registry.in_quote(tok_start):
                return self._entity_speaker(e, np_start, np_end, "name", None, pos)
        # 1. the actors stage linked this phrase (a name, a pronoun, a descriptor)
        m = self._mention(tok_start, tok_end)
        if m is not None and head.pos_ == "NOUN" and head.lemma_.lower() not in self.registry.sw.org_nouns \
                and any(c.dep_ == "amod" and c.ent_type_ == "NORP" for c in head.children) \
                and not any(t.pos_ == "PROPN" for t in head.subtree if t.i < head.i):
            m = None  # "Russian media reported": the media, not the country the adjective names
        if m is not None and m.actor_id and low in PERSON_PRONOUNS:
            actor = doc.actors.get(m.actor_id)
            if actor is not None and actor.type != "person":
                m = None  # "he" is a person, whatever the linker thought
        if m is not None and m.actor_id and head.pos_ == "PROPN":
            actor = doc.actors.get(m.actor_id)
            pe = self.registry.entity_at(tok_start, tok_end, ("person",))
            if actor is not None and actor.type not in ("person", None, "") \
                    and pe is not None and (pe.first or pe.votes):
                m = None  # "Mr Hague added": the person, not the city the linker took the name for
        if m is not None and m.actor_id:
            name = self._actor_name(m) or m.text
            if head.pos_ == "PROPN" and head.ent_type_ != "PERSON" and low not in PERSON_PRONOUNS \
                    and not _shares_word(name, m.text):
                # "Washington said" linked to the US government: the record keeps the actor id
                # and names the speaker as the text does, not by a name the text never uses
                name = _clean_phrase(m.text) or name
            other = self._namesake(_text_full_name(head), m) if head.pos_ == "PROPN" else None
            if other is not None and other[1] is None:  # a namesake: the name as a name (step 3)
                m = None
            elif other is not None:
                name = other[0]
        if m is not None and m.actor_id:
            if head.pos_ == "PROPN" or head.ent_type_:
                role = self.role_of(head) or m.role or self._role_for_actor(m.actor_id, pos)
            else:  # a pronoun or descriptor: the role stated next to the name is the fuller one
                role = self._role_for_actor(m.actor_id, pos) or m.role
            label = "PERSON" if head.ent_type_ == "PERSON" or low in PERSON_PRONOUNS else head.ent_type_ or None
            return Speaker(name, m.actor_id, role, np_start, np_end, label, "mention")
        # 2. pronouns: the last person named outside quotation marks
        if head.pos_ == "PRON" and low in GROUP_PRONOUNS and head.dep_ in ("nsubj", "nsubjpass"):
            return self._group(head, np_start, np_end)  # "some of his rivals", "most say"
        if head.pos_ == "PRON":
            if low == "it" and head.dep_ in ("nsubj", "nsubjpass"):
                org = self.organisation_before(pos)
                if org is not None:
                    return Speaker(org.name, org.actor_id, None, tok_start, tok_end, "ORG", "pronoun")
            if low in PERSON_PRONOUNS:
                ante = self.antecedent(pos)
                if ante is not None:
                    return Speaker(ante.name, ante.actor_id, ante.role, tok_start, tok_end, "PERSON", "pronoun")
            return None
        # 3. a name (a date or a number tagged as a proper noun is not one: "said Friday")
        if head.ent_type_ in GROUP_COUNTS and head.dep_ in ("nsubj", "nsubjpass") and head.pos_ in ("NOUN", "NUM"):
            return self._group(head, np_start, np_end)  # "Twenty-four percent said ...": a poll's share
        if head.ent_type_ in NOT_SPEAKERS:
            return None
        if head.ent_type_ in SPEAKER_LABELS or head.pos_ == "PROPN":
            ent = next((e for e in head.doc.ents if e.start <= head.i < e.end), None)
            if ent is not None:
                cc = [t.i for t in ent if t.dep_ == "cc" and t.i < head.i]
                # "at Ashton and Reid says": the name after "and", not the whole entity
                if cc and head.dep_ == "conj" and ent.label_ != "ORG":
                    ent = head.doc.char_span(head.doc[cc[-1] + 1].idx, ent.end_char, label=ent.label_) or ent
            if ent is not None:
                name = person_name(ent) if ent.label_ == "PERSON" else _clean_phrase(ent.text)
                label = ent.label_
            else:
                toks = [t for t in head.subtree if t.pos_ == "PROPN"
                        and (t.i == head.i or t.head.i == head.i and t.dep_ in ("compound", "flat"))]
                lo, hi = min(t.i for t in toks), max(t.i for t in toks)
                name = _clean_phrase(head.doc[lo : hi + 1].text)
                label = None
            full = _text_full_name(head) if label in (None, "PERSON") else None
            if full and len(full) > len(name) and full.endswith(" " + name):
                name = full  # "Otis Ferry" with only "Ferry" tagged
            role = self.role_of(head) if label in (None, "PERSON") else None
            ent_reg = self.registry.entity_at(tok_start, tok_end, ("person",)) if label in (None, "PERSON") else None
            if (ent_reg is not None and not ent_reg.unnamed and len(ent_reg.name) > len(name)
                    and name.split()[-1:] == ent_reg.name.split()[-1:]
                    and not (len(name.split()) > 1 and name.split()[0] in given_names()
                             and name.split()[0] != ent_reg.name.split()[0])):  # not "Otis Ferry"
                name = ent_reg.name  # "Mr Ebbers" -> "Bernie Ebbers"
            known = self._named_by_name(name, pos)
            actor_id = None
            if known is not None:
                actor_id = known.actor_id
                role = role or known.role
                if len(known.name) > len(name) and name in known.name:
                    name = known.name  # "Sattarov" -> "Rafael Sattarov"
            return Speaker(name, actor_id, role, np_start, np_end, label or "PERSON", "name")
        # 4. a descriptor: "the political scientist" -> the last person stated to be one
        if head.pos_ == "NOUN":
            dets = [c for c in head.children if c.dep_ == "det"]
            definite = all(c.lower_ in ("the", "this", "that") for c in dets)
            noun = head.lemma_.lower()
            if noun in INTERVIEWEE_NOUNS and self.interviewee is not None:
                ee = self.interviewee
                return Speaker(ee.name, ee.actor_id, ee.role, np_start, np_end, "PERSON", "descriptor")
            if definite and head.tag_ != "NNS" and not any(c.dep_ == "nummod" for c in head.children):
                ante = self.by_role(noun, pos)
                if ante is not None:
                    return Speaker(ante.name, ante.actor_id,
                                   ante.role or _clean_phrase(head.doc[head.left_edge.i:head.i + 1].text),
                                   np_start, np_end, ante.label, "descriptor")
            # "Fund manager Florian Hamm - the club's largest investor": the person in the phrase
            person = next((e for e in head.doc.ents if e.label_ == "PERSON" and e.start >= head.left_edge.i
                           and e.end <= head.i + 1 and e.root.dep_ != "poss"
                           and not any(t.tag_ == "POS" for t in head.doc[e.end : e.end + 1])), None)
            if person is not None:
                pname = person_name(person)
                pm = self._mention(*doc.span_offsets(person))
                role = self._preceding_role(head.doc, person.start) or _clean_phrase(
                    head.doc[person.end : head.i + 1].text) or None
                if pm is not None and pm.actor_id:
                    return Speaker(self._actor_name(pm) or pname, pm.actor_id, pm.role or role,
                                   np_start, np_end, "PERSON", "mention")
                return Speaker(pname, None, role, np_start, np_end, "PERSON", "name")
            phrase = _clean_phrase(_span_text(doc, np_start, np_end))
            if not phrase or len(phrase.split()) > 20:  # "early results of exit polls conducted for ..."
                return None
            return Speaker(phrase, None, None, np_start, np_end, None, "phrase")
        return None

    def _group(self, head, np_start: int, np_end: int) -> Speaker | None:
        """A share of people as the holder ("47 percent", "nearly half of voters", "six in
        10", "some of his rivals"): the phrase itself, with no actor."""
        phrase = _clean_phrase(_span_text(self.doc, np_start, np_end))
        if not phrase or len(phrase.split()) > 12:
            return None
        return Speaker(phrase, None, None, np_start, np_end, None, "phrase")

    def _named_tables(self) -> tuple[dict[str, list[int]], dict[str, list[int]],
                                     dict[str, list[int]], dict[str | None, _Named]]:
        """Indexes of ``self.named`` (positions in it, in its order), built once: by name, by
        a person's last word, by a person's role words; and each actor's first entry with a
        role. Scanning every named entity per question was quadratic in document length."""
        hit = self.__dict__.get("_ntables")
        if hit is None or hit[0] is not self.named or hit[1] != len(self.named):
            by_name: dict[str, list[int]] = {}
            by_last: dict[str, list[int]] = {}
            by_role: dict[str, list[int]] = {}
            role_of: dict[str | None, _Named] = {}
            for i, n in enumerate(self.named):
                by_name.setdefault(n.name, []).append(i)
                if n.label == "PERSON":
                    words = n.name.split()
                    if words:
                        by_last.setdefault(words[-1], []).append(i)
                    if n.role:
                        for w in set(n.role.lower().split()):
                            by_role.setdefault(w, []).append(i)
                if n.role:
                    role_of.setdefault(n.actor_id, n)
            hit = self.__dict__["_ntables"] = (self.named, len(self.named),
                                                (by_name, by_last, by_role, role_of))
        return hit[2]

    def _named_by_name(self, name: str, pos: int) -> _Named | None:
        last = name.split()[-1] if name else ""
        best = None
        by_name, by_last, _, _ = self._named_tables()
        hits = sorted(set(by_name.get(name, [])) | set(by_last.get(last, []) if last else []))
        first = name.split()[0] if len(name.split()) > 1 and name.split()[0] in given_names() else None
        for n in (self.named[i] for i in hits):
            if first and n.name != name and len(n.name.split()) > 1 and n.name.split()[0] != first:
                continue  # "Otis Ferry" is not "Bryan Ferry"
            if n.name == name or (last and n.name.split()[-1:] == [last] and n.label == "PERSON"):
                if best is None or (best.role is None and n.role) or (best.actor_id is None and n.actor_id):
                    best = n
        return best

    def antecedent(self, pos: int) -> _Named | Speaker | None:
        """The last person before ``pos``: a named person outside quotes or an earlier speaker."""
        cand: tuple[int, _Named | Speaker] | None = None
        for n in self.named:
            if n.start >= pos:
                break
            if n.label == "PERSON" and not self._inside_quote(n.start):
                cand = (n.start, n)
        for p, sp in self.speakers:
            if p < pos and sp.label == "PERSON" and sp.name and (cand is None or p > cand[0]):
                cand = (p, sp)
        if cand is None:
            return None
        # never reach further back than ~3 paragraphs: beyond that "he" is a guess
        if pos - cand[0] > 2500:
            return None
        return cand[1]

    def organisation_before(self, pos: int) -> _Named | None:
        """"It said ...": the last organisation named outside quotes in the ~2 sentences before
        (a company, a ministry, a party), provided no person was named after it."""
        best = None
        for n in self.named:
            if n.start >= pos:
                break
            if pos - n.start > 400 or self._inside_quote(n.start):
                continue
            if n.label == "ORG":
                best = n
            elif n.label == "PERSON" and best is not None:
                best = None
        return best

    def by_role(self, noun: str, pos: int) -> _Named | Speaker | None:
        """The last person before ``pos`` stated to be a ``noun`` ("scientist"); failing that,
        the first one named within the next ~1500 characters (a lead that says "the expert"
        before introducing him)."""
        best: _Named | Speaker | None = None
        ahead = None
        for n in (self.named[i] for i in self._named_tables()[2].get(noun, [])):
            if n.label != "PERSON" or not n.role or noun not in _role_head_words(n.role):
                continue
            if n.start < pos:
                best = n
            elif ahead is None and n.start - pos < 1500:
                ahead = n
        for p, sp in self.speakers:  # in position order (``remember``)
            if p >= pos:
                break
            if sp.role and noun in _role_head_words(sp.role) and sp.name:
                if best is None or p > getattr(best, "start", -1):
                    best = sp
        return best or ahead

    def remember(self, position: int, speaker: Speaker | None) -> None:
        if speaker is not None and speaker.name:
            # in position order, after equal positions (as append + stable sort did), without
            # re-sorting the whole list on every call
            bisect.insort_right(self.speakers, (position, speaker), key=lambda x: x[0])
            e = None
            if speaker.method in ("pronoun", "descriptor", "carrier", "continuation"):
                # "the firm", "the report": the words name no one; the resolution does
                e = self.registry.entity_named(speaker.name)
            if e is None and speaker.start is not None and speaker.end is not None:
                e = self.registry.entity_at(speaker.start, speaker.end)
            if e is None:
                e = self.registry.entity_named(speaker.name)
            self.registry.remember_speaker(position, e)

    # --- registry answers -------------------------------------------------------------------
    def _entity_speaker(self, e: Entity, start: int, end: int, method: str, conf: float | None,
                        pos: int, role: str | None = None, via: str | None = None,
                        candidates: list[str] | None = None) -> Speaker:
        actor_id = None
        for m in self._entity_mentions(e.idx):
            if m.start < pos + 1:
                hit = self._mention(m.start, m.end)
                # a name of the entity, not a pronoun or descriptor of it: the actor linker
                # resolves those on its own and may have chosen another person, which gave
                # a speaker one person's name and another's actor id
                if hit is not None and hit.actor_id and hit.method not in LINKER_COREF:
                    actor_id = hit.actor_id
        if e.kind == "person" and e.unnamed and e.org is not None:
            org = self.registry.entities[e.org]
            name = org.name
            for m in self._entity_mentions(org.idx):
                if m.start < pos + 1:
                    hit = self._mention(m.start, m.end)
                    if hit is not None and hit.actor_id:
                        actor_id = hit.actor_id
        else:
            name = e.name
        if role is None:
            role = (self._role_for_actor(actor_id, pos) if actor_id else None) or (e.roles[0] if e.roles else None)
        label = {"person": "PERSON", "org": "ORG", "group": None}.get(e.kind)
        return Speaker(name, actor_id, role, start, end, label, method, conf, candidates, via)

    def continuation(self, prev: Speaker, prev_end: int, pos: int) -> Speaker | None:
        """The previous quote's speaker for a quote with no cue of its own, when it is at most
        three paragraphs back and no other person or organisation speaks or is named (outside
        quotation marks) in between."""
        pa, pb = self.doc.paragraph_at(prev_end - 1), self.doc.paragraph_at(pos)
        if pa is None or pb is None or pb.idx - pa.idx > 3:
            return None
        mine = (self.registry.entity_at(prev.start, prev.end)
                if prev.start is not None and prev.end is not None else None)
        if self.other_subject(prev_end, pos, prev.name, mine):
            return None
        return Speaker(prev.name, prev.actor_id, prev.role, prev.start, prev.end, prev.label,
                       "continuation", 0.6, None, prev.via)

    def topic(self, pos: int) -> Speaker | None:
        """A quotation with no cue and no statement before it to continue: the person the
        narrative is about, when one person is the subject of the sentences just before it and
        clearly ahead of everyone else ("X spent five weeks at number one ... "Since then, I
        feel ..."")."""
        res = self.registry._decide(self.registry.scores(pos, ("person",)), "continuation", margin=2.0, floor=1.0)
        if res.entity is None:
            return None
        last = [m for m in self.registry.mentions_of(res.entity.idx) if m.start < pos]
        if not last:
            return None
        return self._entity_speaker(res.entity, last[-1].start, last[-1].end, "continuation", 0.5, pos,
                                    candidates=res.candidates)

    def other_subject(self, lo: int, hi: int, name: str | None, mine: Entity | None = None) -> bool:
        """Another person comes in between ``lo`` and ``hi`` (outside quotation marks): as the
        subject of a clause, which opens a new topic. A person merely mentioned ("he praised
        Thomas") does not interrupt the current speaker."""
        ms = self.registry.mentions
        ok, starts, _ = self.registry._mention_index()  # sorted: from ``lo``, not the first mention
        for j in range(bisect.bisect_left(starts, lo) if ok else 0, len(ms)):
            m = ms[j]
            if m.start >= hi:
                break
            if m.start < lo or m.weight < SUBJECT_WEIGHT:
                continue
            e = self.registry.entities[m.entity]
            if e.kind == "person" and (mine is None or e.idx != mine.idx) and e.name != name:
                return True
        return False

    def _answer(self, ans: CorefAnswer, start: int, end: int) -> Speaker:
        if ans.entity is not None:
            return self._entity_speaker(ans.entity, start, end, ans.method, ans.confidence, start,
                                        ans.role, ans.via, ans.candidates or None)
        return Speaker(ans.name, None, ans.role, start, end, None, ans.method,
                       ans.confidence if ans.name else 0.0, ans.candidates or [], ans.via)

    def entity_at(self, start: int, end: int) -> _Named | None:
        for n in self.named:
            if n.start < end and start < n.end:
                return n
        return None
