"""The event coder: from a parsed sentence to PLOVER/CAMEO events with actors, modality and date.

How a sentence is coded (precision first):

1. Triggers: every verb or noun whose lemma is in the pattern dictionary (data/patterns.yaml);
   the first entry whose syntactic conditions hold (particle, object lemma, complement lemma)
   gives the CAMEO code, hence the PLOVER type, mode and contexts. No entry, no event: there is
   no generic fallback code.
2. A trigger inside the complement of another trigger is part of that event ("asked Turkey to
   ease ..." is one request, not a request plus an easing); a nominal trigger that is the object
   of a verbal trigger likewise ("issued an ultimatum").
3. Arguments: source from the subject (or the passive by-agent, or the possessor/modifier of a
   nominal trigger), target from the roles the pattern lists; coordination gives actor lists
   ("with South Korea and Turkey" = one event, two targets). Subjects missing from a clause are
   taken from the clause it hangs on (conjoined verbs, control verbs, participles). Places in
   locative phrases ("in Tashkent") are the location, never an actor.
4. An event needs a source actor; patterns that say so also need a target actor.
5. Modality (modality.py), quote link, date (dates.py), confidence.
"""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Callable, Iterable
from typing import Any

from ..doc import ActorRef, Doc, Event, Quote
from ..lang import lexicon as lang_lexicon
from .argrank import load_ranker, rerank
from .arguments import ActorResolver, head_sector, listed_appos, np_range, public
from .attribution import attributed_to
from .classifier import EventClassifier, Prediction, cameo_root, load_classifier, quad_of_cameo
from .countries import complete_countries
from .dates import event_date
from .dyads import state_and_group
from .gate import apply_gate, load_gate
from .headline import drop_headline_repeats
from .lexicon import Pattern, lexicon, patterns
from .modality import (
    PARTICIPATION_NOUN_VERBS,
    PARTICIPATION_NOUNS,
    PARTICIPATION_VERBS,
    REPORTING,
    claim_head,
    condition_clause,
    modality_of,
    refusal,
    wanted_by_other,
)
from .ontology import CameoCode, ontology
from .statements import requested_code, speaker_actor, statement_events
from .typed import (
    ACCURACY,
    CLASSIFIER_BARE,
    CLASSIFIER_LOOSE,
    CLASSIFIER_LOOSE_BESIDE,
    CLASSIFIER_MIN,
    CLASSIFIER_PARTIAL,
    CLASSIFIER_SURE,
    CLASSIFIER_TARGETLESS,
    DEFAULT_ROOT,
    INCOMPLETE_FACTOR,
    RETYPE,
    RETYPE_MIN,
    classifier_confidence,
    pattern_confidence,
    posterior,
    typed_by_for,
)
from .verb_dicts import TARGET_ROLES_BARE

# "Kazinform quotes X as saying ...": relaying someone's words is no statement of the relay
RELAY = lang_lexicon("en").subset("reporting_verbs", "relay")

# a classifier-typed trigger's target roles: a bare verb's, and the partners of its complement
# ("refused to lift sanctions on Iran", "agreed to meet X": the complement names whom the act
# is aimed at). Not for a loose event (no trigger frame): there a complement's partner alone
# would keep an event with no source ("... to help support the Palestinians")
CLASSIFIER_TARGET_ROLES = tuple(TARGET_ROLES_BARE) + ("xcomp_args",)

# "needs to", "has to": a necessity is no trigger (lang/en/events.yaml modality.modal_governors)
MODAL_GOVERNORS = frozenset(lexicon()["modality"].get("modal_governors", ()))
SPEAKER_CONJUNCTS = frozenset(lexicon()["modality"].get("speaker_conjuncts", ()))
NOUN_POS = {"NOUN", "PROPN"}
LOCATION_PREPS = lang_lexicon("en").words("coder_location_preps")
LOCATED_GROUP_PREPS = lang_lexicon("en").words("located_group_preps")
OBJECT_CONTROL = lang_lexicon("en").words("object_control_verbs")
LIGHT_VERBS = lang_lexicon("en").words("event_light_verbs")
REQUEST_NOUNS = lang_lexicon("en").words("request_nouns")
PARTICIPATION_PREPS = lang_lexicon("en").words("participation_preps")
UNDERTAKING_NOUNS = lang_lexicon("en").words("undertaking_nouns")
CIRCUMSTANCE_PREPS = lang_lexicon("en").words("circumstance_preps")
PURPOSE_PREPS = lang_lexicon("en").words("purpose_preps")
TRAVEL_VERBS = lang_lexicon("en").words("travel_verbs")
GROUP_HEADS = {lemma: kind for kind, words in lang_lexicon("en").table("counted_group_heads").items()
               for lemma in words}
AID_PURPOSE_VERBS = lang_lexicon("en").words("aid_purpose_verbs")
GIVING_VERBS = lang_lexicon("en").words("giving_verbs")
ATTITUDE_VERBS = lang_lexicon("en").words("event_attitude_verbs")
GROUP_NUMBERS = {str(k): int(v) for k, v in lang_lexicon("en").table("counted_group_numbers").items()}
# an agentless passive pattern event ("two activists were arrested") is dropped when the
# classifier gives its quad class less than this (it all but rules the class out)
AGENTLESS_MIN_PROBA = 0.1
# reactions that may have an act or a state of affairs as their object ("denounced the war")
OPEN_TARGET_ROOTS = lang_lexicon("en").words("open_target_roots")
GOV_TYPES = {"state", "government", "military", "legislature", "igo"}
GOV_SECTORS = {"GOV", "MIL", "LEG", "JUD"}
# sectors of people who act as themselves or for a group, never for the state
NON_STATE_SECTORS = {"CVL", "REB", "OPP", "JRN", "BUS", "MED", "REF", "NGO", "LAB", "EDU", "REL",
                     "CRM", "UAF", "INS", "SEP", "IGO"}

CONTENT_NOUNS = lang_lexicon("en").words("content_nouns")
PLACE_NOUNS = lang_lexicon("en").words("place_nouns")
# things an attack or aid is aimed at that stand for the state of the place their phrase names
# ("struck a target in the Gaza Strip", "shelled a hospital in northern Syria")
ATTACKED_OBJECTS = lang_lexicon("en").words("placed_object_nouns")
# "test-fired", "test-launched": an attack verb's modifier that makes it a weapons test
TEST_WORDS = lang_lexicon("en").words("event_test_words")
# "accused X of attacking Y": X is the agent of the attack (claimed), not the accuser
ACCUSING_VERBS = frozenset(str(w) for w in lexicon()["modality"].get("claimed_governors", ())
                           ) | lang_lexicon("en").words("event_accusing_verbs")


def _demands(a: dict) -> bool:
    """An actor whose "X must ..." is a demand on X, not an opinion: a state, an office or an
    international organisation; not an analyst, a think tank or a newspaper."""
    return a.get("type") in GOV_TYPES or a.get("sector") in GOV_SECTORS
NON_ACTOR_ENTS = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}
THIRD_PERSON = lang_lexicon("en").words("event_third_person")
# "he" -> "m"; honorifics "mrs" -> "f" (lang/en/actors.yaml): a reporter of the other gender
# is not the antecedent of a reported clause's pronoun
GENDERED_PRONOUNS = lang_lexicon("en").table("gendered_pronouns")
HONORIFICS = lang_lexicon("en").table("honorifics")
PLACE_OR_ORG_ENTS = {"ORG", "GPE", "LOC", "FAC"}

# When an official's quote says "X must <cooperate/retreat/...>", the event is the official's
# demand (REQUEST) on X. CAMEO demand codes by the PLOVER type of the demanded action.
DEMAND_CODE = {"RETREAT": "1056", "CONCEDE": "105", "AID": "103", "COOPERATE": "101",
               "CONSULT": "106", "AGREE": "106", "SUPPORT": "102"}
DEMAND_DEFAULT = "1042"
# Speech verbs whose "X must ..." complement is the speaker's demand (see _speech_demands).
SPEECH_VERBS = lang_lexicon("en").subset("reporting_verbs", "speech_demands")
# CAMEO "express intent to ..." codes for future cooperative events (PLOVER manual, AGREE).
FUTURE_AS_AGREE = {"CONSULT": "036", "SUPPORT": "032", "COOPERATE": "031", "AID": "033",
                   "CONCEDE": "035", "RETREAT": "035"}
# ... and future hostile acts are threats (CAMEO 13x "threaten to ...").
FUTURE_AS_THREAT = {"ASSAULT": "138", "COERCE": "137", "PROTEST": "133", "SANCTION": "131"}
# ... and what an actor says it will not do to cooperate or yield is a rejection (CAMEO 12x,
# PLOVER REJECT: "will not accept refugees", "would not extradite", "will not negotiate")
# raising the alert of forces: whom it is raised against only an "against" phrase says
ALERT_CODE = "152"
REFUSAL_AS_REJECT = {"CONSULT": "125", "COOPERATE": "121", "AID": "121", "CONCEDE": "124",
                     "RETREAT": "124", "SUPPORT": "120", "AGREE": "120"}
# Heads that count the real actors ("thousands of Iraqi Kurds")
COUNT_HEADS = lang_lexicon("en").words("count_heads")
# Heads that measure or wrap the real object: "a state of emergency", "tons of food aid".
QUANTITY_HEADS = lang_lexicon("en").words("quantity_heads")
# prepositions naming the participants of an act or relation noun ("ties with", "aid to")
MANNED_HEADS = frozenset(str(w) for w in lexicon().get("manned_heads") or ())
# dependents that end an argument's phrase (see argument_span)
ARG_SPAN_STOPS = ("relcl", "acl", "punct", "cc", "conj", "advcl")
# how a phrase that can name a pronoun's actor hangs in the clause before it
# act nouns whose "of" complement is the party acted upon ("its blockade of Yemen", "a
# boycott of U.S. products"), not the agent ("the appeal of X", "the decision of X")
PATIENT_OF_NOUNS = lang_lexicon("en").words("patient_of_nouns")
AGENT_PARTICIPLES = lang_lexicon("en").words("agent_participles")
ANTECEDENT_DEPS = ("nsubj", "nsubjpass", "dobj", "pobj", "dative", "appos", "conj")
NOMINAL_PREPS = ("with", "between", "against", "to", "on", "toward", "towards", "for", "of", "into")
ANAPHORA_DETS = lang_lexicon("en").words("event_anaphora_dets")
# nouns of a phrase that says how something was said, not who ("in a statement")
ADJUNCT_NOUNS = lang_lexicon("en").words("argument_adjunct_nouns")
EVENT_NOUN_FAMILY = {str(w): frozenset(str(x) for x in fam)
                     for fam in lang_lexicon("en").get("event_noun_families") or ()
                     for w in fam}


def _children(tok, dep: str) -> list:
    return [c for c in tok.children if c.dep_ == dep]


def _prep_objects(tok, word: str) -> list:
    out = []
    for c in tok.children:
        if c.dep_ in ("prep", "dative", "agent") and c.lower_ == word:
            out += [g for g in c.children if g.dep_ == "pobj"]
    return out


def _expand(toks: Iterable) -> list:
    """A token and its coordinated nouns ("South Korea and Turkey")."""
    out = []
    for t in toks:
        # "Mordor, the Shire, Fornost and Bree": a list the parse began as an apposition
        listed = [x for c in t.children if listed_appos(c) for x in (c, *c.conjuncts)]
        for x in [t] + [c for c in (*t.conjuncts, *listed) if c.pos_ in NOUN_POS | {"PRON"}]:
            if x not in out:
                out.append(x)
    return out


class EventCoder:
    def __init__(self, resolver_factory: Callable[[Doc, str | None], ActorResolver] | None = None,
                 pattern_files: tuple[str, ...] = (), classifier: EventClassifier | None = None,
                 use_classifier: bool = True, use_gate: bool = True) -> None:
        """``classifier``: the sentence classifier that types events with the patterns (the
        packaged one when None and ``use_classifier``); ``use_classifier=False`` codes with
        the patterns alone; ``use_gate=False`` emits every candidate (gate.py)."""
        self.resolver_factory = resolver_factory or ActorResolver
        self.patterns = patterns(tuple(pattern_files))
        self.onto = ontology()
        self.lex = lexicon()
        self.classifier = classifier if classifier is not None else (
            load_classifier() if use_classifier else None)
        self.arg_ranker = load_ranker()  # fills missing targets (argrank.py); None: rules only
        self.gate = load_gate() if use_gate else None  # drops unlikely candidates (gate.py)
        self.gate_features: list[dict[str, float]] = []  # the last document's, for training
        self._preds: dict[int, Prediction] = {}

    def _lemma(self, tok) -> str:
        """The verb's lemma, repaired when the tagger's is no verb we know but a plain
        de-inflection of the word is ("staged" -> "stag" by the lemmatiser, "stage" here; also
        "fined", "raped", "sniped", "lambasted"): the pattern and CAMEO verb lists decide."""
        lem = tok.lemma_.lower()
        if tok.pos_ != "VERB":
            return lem
        known = self.__dict__.get("_known_verbs")
        if known is None:
            known = self._known_verbs = frozenset(
                [k[0] for k in self.patterns if k[1] == "verb"]
                + list(self.classifier.lex.cameo_verbs if self.classifier is not None else ()))
        if lem in known:
            return lem
        return next((c for c in deinflect(tok.lower_) if c in known), lem)

    # ================================================================ document
    def code(self, doc: Doc) -> list[Event]:
        resolver = self.resolver_factory(doc, doc.document.date)
        self._doc = doc
        self._preds = {}  # this document's classifier predictions by sentence (for the gate)
        events: list[Event] = []
        seen: set = set()
        # every event coded so far, the unemitted ones included: the participants and acts
        # named before ("the two leaders", "attacked" ... "the attack")
        context: list[Event] = []
        self._doc_events = context
        for sent in doc.english_sentences():
            try:
                coded = self.code_sentence(doc, sent, resolver)
            except Exception as exc:  # noqa: BLE001 - one odd parse never costs the document its other layers
                doc.user_data.setdefault("events_errors", []).append(
                    f"sentence {sent.idx}: {exc!r}")
                continue
            for ev in coded:
                key = (ev.sentence, ev.cameo, tuple(a.get("name") for a in ev.source),
                       tuple(a.get("name") for a in ev.target), ev.start)
                if key in seen:
                    continue
                seen.add(key)
                context.append(ev)
                if CLASSIFIER_TARGETLESS or ev.target or ev.typed_by != ["classifier"]:
                    # a classifier-only event still without a target once the implied targets
                    # are filled is a class, not a dyad: kept as context for later sentences,
                    # never emitted (typed.CLASSIFIER_TARGETLESS)
                    events.append(ev)
        events = drop_headline_repeats(doc, events)
        for ev in events:
            # complete = the text names both sides. A participant filled in by event-data
            # convention (method "implied": a domestic target, a one-country source) is an
            # inference, so the exports, relations and web counts, which use complete events,
            # show only what the text says; --all / ?all=true show these too
            if any(a.get("method") == "implied" for a in ev.source + ev.target):
                ev.complete = False
        events, self.gate_features = apply_gate(self.gate, doc, events, self._preds)
        return events

    # ================================================================ sentence
    def code_sentence(self, doc: Doc, sent: Any, resolver: ActorResolver) -> list[Event]:
        span = sent.span
        if span is None:
            return []
        found: dict[int, list[Pattern]] = {}
        for tok in span:
            pos = "verb" if tok.pos_ == "VERB" else "noun" if tok.pos_ in NOUN_POS else None
            if pos is None:
                continue
            pats = None
            if pos == "verb" and tok.lower_ != tok.lemma_.lower():
                # an inflected form listed on its own (PETRARCH dictionaries: "LEFT" [032])
                pats = self.patterns.get((tok.lower_, pos))
            if pats is None:
                pats = self.patterns.get((self._lemma(tok), pos))
            if pats is None and pos == "noun":
                pats = self.patterns.get((tok.lower_, pos))
            if pats:
                info = _token_info(tok)  # once per token: large imported dictionaries list
                ok = [p for p in pats if self._syntax_ok(tok, p, info)]  # many senses a lemma
                if ok:
                    found[tok.i] = ok
        question = span.text.rstrip().endswith("?")
        out: list[Event] = []
        self._sentence_events = out
        emitted: dict[int, bool] = {}
        self._claims: list = []  # (trigger, sources) of claimed events, filled by _event
        self._agentless: dict[str, int] = {}  # agentless passive event id -> trigger (_event)
        if not found and (self.classifier is None or not self._has_event_verb(span)):
            return statement_events(self, doc, sent, resolver, [])

        # outer triggers first, so an inner one is absorbed only by an outer one that coded
        for i in sorted(found, key=lambda i: _depth(span.doc[i])):
            tok = span.doc[i]
            if self._absorbed(tok, emitted):
                continue
            for p in found[i]:
                if p.null:
                    break  # the dictionary says this use of the word is no event
                ev = self._event(doc, sent, tok, p, resolver, question)
                if ev is not None:
                    out.append(ev)
                    emitted[i] = True
                    break
            else:
                # no sense found its target: a reaction to an object that names no actor
                # ("denounced the war", "welcomed the ban") is still the speaker's act (our
                # senses only: an imported dictionary's bare verb needs its target)
                for p in found[i]:
                    if (p.requires_target or p.object_class == "actor") and p.origin is None:
                        ev = self._event(doc, sent, tok, p, resolver, question, open_target=True)
                        if ev is not None:
                            out.append(ev)
                            emitted[i] = True
                            break
        constructed = self._speech_demands(doc, sent, resolver, emitted, out)
        nominal, consumed = self._nominal_demands(doc, sent, resolver, out)
        if nominal:
            out = [e for e in out if e.id not in consumed]
            constructed += nominal
            emitted.update(dict.fromkeys(self._consumed_tokens, True))
        constructed += self._accusations(doc, sent, resolver, out + constructed)
        self._constructed = {e.id for e in constructed}  # their code is the construction's
        out += constructed
        if self.classifier is not None:
            out = self._classify(doc, sent, resolver, out, question, emitted)
        out = statement_events(self, doc, sent, resolver, out)  # what people say (01x, 02x, 11x)
        if self.arg_ranker is not None:
            out = rerank(self, doc, sent, resolver, out, self.arg_ranker)
        if resolver.use_mentions:
            complete_countries(doc, sent, out, resolver.api)
        out = [e for e in out if e.id not in self._agentless or self._agentless_kept(e)]
        out.sort(key=lambda e: e.start)
        return out

    def _agentless_kept(self, ev: Event) -> bool:
        """An agentless passive ("two activists were arrested") is kept for whom it names: a
        patient with a name or a country, or a source a convention filled in ("54 civilians
        were killed" with neither agent nor country says nothing about any actor)."""
        return bool(ev.source) or any(a.get("id") or a.get("country") for a in ev.target)

    def _nominal_demands(self, doc: Doc, sent, resolver: ActorResolver, coded: list[Event]
                         ) -> tuple[list[Event], set[str]]:
        """"The UN renewed its call for Israel to withdraw", "the ILO reiterated its demand that
        Israel ease restrictions", "repeated its appeal to Iraq to release the prisoners": the
        event is the demand (REQUEST, typed by the demanded act like a speaker's demand) from
        the noun's owner (or the subject of the verb it is the object of) to the subject of the
        demanded act; the demanded act itself is its content, never a fact (its event, if one
        was coded, is dropped). ``lang/en/event_words.yaml`` ``request_nouns``."""
        out: list[Event] = []
        consumed: set[str] = set()
        self._consumed_tokens: list[int] = []
        for t in sent.span:
            if t.pos_ != "NOUN" or t.lemma_.lower() not in REQUEST_NOUNS:
                continue
            gov = t.head if t.dep_ == "dobj" and t.head.pos_ in ("VERB", "AUX") else None
            content = [c for c in t.children if c.dep_ in ("acl", "ccomp", "advcl", "relcl")
                       and c.pos_ == "VERB" and c.i > t.i]
            if not content and gov is not None:
                # "reiterated its demand today that Israel ease ...": the parse may hang the
                # noun's that-clause on the verb (ccomp)
                content = [c for c in gov.children if c.dep_ in ("advcl", "xcomp", "ccomp")
                           and c.pos_ == "VERB" and c.i > t.i and any(
                               g.dep_ in ("aux", "mark") and g.lower_ in ("to", "for", "that")
                               for g in c.children)]
            if not content:
                continue
            act = content[0]
            tgt_toks = [c for c in act.children if c.dep_ in ("nsubj", "nsubjpass")
                        and c.pos_ != "PRON"] or _prep_objects(t, "to") + _prep_objects(t, "on")
            owner = [c for c in t.children if c.dep_ == "poss"]
            src_toks = [o for o in owner if o.pos_ != "PRON"]
            if not src_toks and gov is not None:
                src_toks, _, _ = self._subject(gov)
            if not src_toks or not tgt_toks:
                continue
            context: dict = {"quote": _quote_at(doc, doc.token_start(t))}
            sources = self._resolve(doc, src_toks, resolver, allow_place=False, context=context)
            if not sources:
                continue
            context["antecedent"] = sources[0]
            targets = [x for x in self._resolve(doc, tgt_toks, resolver, allow_place=False,
                                                context=context)
                       if not any(_same(x, y) for y in sources)]
            if not targets:
                continue
            a0 = doc.token_start(act)
            inner = [e for e in coded if e.start <= a0 < e.end
                     and e.trigger.split()[0] == act.text]
            plover = inner[0].plover if inner else None
            if plover is None and self.classifier is not None:
                roots = list(self.classifier.lex.cameo_verbs.get(self._lemma(act), ()))
                cc0 = self.onto.cameo_code(roots[0] + "0") if roots else None
                plover = cc0.plover if cc0 is not None else None
            cc = self.onto.cameo_code(DEMAND_CODE.get(plover or "", DEMAND_DEFAULT))
            if cc is None:
                continue
            consumed.update(e.id for e in inner)
            self._consumed_tokens += [t.i, act.i] + ([gov.i] if gov is not None else [])
            head = gov if gov is not None else t
            i0 = min([t.i] + [np_range(x)[0] for x in src_toks] + [x.i for x in tgt_toks])
            i1 = max([act.i] + [x.i for x in tgt_toks + src_toks]) + 1
            s_abs, e_abs = doc.span_offsets(t.doc[i0:i1])
            date, precision = event_date(head, doc.document.date, future=False)
            eid = hashlib.sha1(f"{doc.id}:{doc.token_start(t)}:{cc.code}:nominal".encode()).hexdigest()[:16]
            out.append(Event(
                id=eid, sentence=sent.idx, start=s_abs, end=e_abs, trigger=f"{head.text} {t.text}"
                if head is not t else t.text,
                plover=cc.plover, mode=cc.mode, contexts=list(cc.contexts), cameo=cc.code,
                goldstein=cc.goldstein, quad_class=cc.quad_class,
                source=[public(x) for x in sources], target=[public(x) for x in targets],
                location=None, modality=modality_of(head), date=date, date_precision=precision,
                quote_id=context["quote"].id if context["quote"] is not None else None,
                confidence=0.7, text=doc.text[sent.start:sent.end], typed_by=["patterns"],
                attributed_to=attributed_to(context["quote"])))
        return out, consumed

    def _accusations(self, doc: Doc, sent, resolver: ActorResolver, coded: list[Event]
                     ) -> list[Event]:
        """A claimed or alleged clause is also the claimant's ACCUSE event (CAMEO 112) against
        the clause's source: "Kyiv claimed that Russian troops shelled the plant" is Kyiv
        accusing Russia, whatever the shelling was. Not when an accusation between the same
        actors is already coded ("accused X of ...")."""
        out: list[Event] = []
        cc = self.onto.cameo_code("112")
        for tok, accused in self._claims:
            head = claim_head(tok)
            if head is None or cc is None:
                continue
            subj, _, _ = self._subject(head)
            context: dict = {"quote": _quote_at(doc, doc.token_start(head))}
            speakers = self._resolve(doc, subj, resolver, allow_place=False, context=context)
            targets = [a for a in accused if not any(_same(a, s) for s in speakers)]
            if not speakers or not targets:
                continue
            if any(quad_of_cameo(e.cameo) == 3 and any(_same(a, s) for a in e.source for s in speakers)
                   and any(_same(a, t) for a in e.target for t in targets) for e in coded + out):
                continue
            i0 = min([head.i] + [np_range(t)[0] for t in subj])
            s_abs, e_abs = doc.span_offsets(head.doc[i0:head.i + 1])
            date, precision = event_date(head, doc.document.date, future=False)
            eid = hashlib.sha1(f"{doc.id}:{doc.token_start(head)}:112:claim".encode()).hexdigest()[:16]
            out.append(Event(
                id=eid, sentence=sent.idx, start=s_abs, end=e_abs, trigger=head.text,
                plover=cc.plover, mode=cc.mode, contexts=list(cc.contexts), cameo=cc.code,
                goldstein=cc.goldstein, quad_class=cc.quad_class,
                source=[public(a) for a in speakers],
                target=[a if isinstance(a, ActorRef) else public(a) for a in targets],
                location=None, modality=modality_of(head), date=date, date_precision=precision,
                quote_id=context["quote"].id if context["quote"] is not None else None,
                confidence=0.7, text=doc.text[sent.start:sent.end], typed_by=["patterns"],
                attributed_to=attributed_to(context["quote"])))
        return out

    # ================================================================ typing with the classifier
    def _has_event_verb(self, span) -> bool:
        """A verb the CAMEO dictionary or our patterns know, alone or with its object ("launch"
        codes only as "launched cyber warfare"): only such sentences are worth classifying when
        no pattern fired (a sports report has verbs too, but "beat" is the only CAMEO one)."""
        if self.classifier is None:
            return False
        lex = self.classifier.lex
        for t in span:
            if t.pos_ != "VERB":
                continue
            lem = self._lemma(t)
            if lem in lex.cameo_verbs or f"{lem}|verb" in lex.patterns:
                return True
            if any(f"{lem}|{c.lemma_.lower()}" in lex.cameo_objects
                   for c in t.children if c.dep_ == "dobj"):
                return True
        return False

    def _classify(self, doc: Doc, sent, resolver: ActorResolver, out: list[Event],
                  question: bool, emitted: dict) -> list[Event]:
        """Type first: the classifier's distribution over quad classes is combined with each
        pattern event's class (``typed.pattern_confidence``); when no event carries the class
        the classifier prefers, the event it finds is added (trigger: a CAMEO dictionary verb
        of that class, arguments filled from the parse like any pattern's)."""
        assert self.classifier is not None
        pred = self.classifier.predict(sent.span)
        self._preds[sent.idx] = pred
        for ev in out:
            ev.typed_by = typed_by_for(ev.typed_by, quad_of_cameo(ev.cameo), pred)
        # an agentless passive rests on the verb alone: kept unless the classifier all but
        # rules its class out ("was arrested for collaborating with ..." reads as an
        # accusation to it); then its trigger is free for the classifier's own event
        for ev in [e for e in out if e.id in self._agentless
                   and _class_proba(pred, quad_of_cameo(e.cameo)) < AGENTLESS_MIN_PROBA]:
            out.remove(ev)
            emitted.pop(self._agentless[ev.id], None)
        for ev in out:
            qe = quad_of_cameo(ev.cameo)
            ev.confidence = pattern_confidence(pred, qe, ev.typed_by, bool(ev.target))
            if RETYPE:
                self._retype(ev, sent, pred, qe)
        if pred.confidence < CLASSIFIER_MIN or any(quad_of_cameo(e.cameo) == pred.quad for e in out):
            return out
        cev = self._classifier_event(doc, sent, resolver, pred, question, emitted)
        # the loose path is for a sentence where no trigger frame formed at all: beside another
        # event the sentence's class is that event's business, and the loose trigger (the first
        # main verb) is rarely the act ("restore ties ... after crowds trashed its embassy")
        if cev is None and pred.quad != 0 and pred.confidence >= CLASSIFIER_LOOSE \
                and (CLASSIFIER_LOOSE_BESIDE or not out):
            cev = self._loose_event(doc, sent, resolver, pred, question, emitted)
        if cev is not None:
            out.append(cev)
        return out

    def _retype(self, ev: Event, sent, pred: Prediction, qe: int | None) -> None:
        """Type first: when the posterior (classifier prior, pattern as evidence) makes another
        class more likely than the pattern's, the event takes that class: the trigger's root
        in it (our senses, then the CAMEO lexicon), else the classifier's root head's, with
        the pattern's arguments ("expelled diplomats" in a sentence the classifier reads as a
        verbal row). Only for asserted events of a CAMEO class, not for the claimant's
        accusation or an official's demand (their code is the construction's)."""
        assert self.classifier is not None
        if qe is None or ev.modality != "asserted" or ev.id in getattr(self, "_constructed", ()):
            return
        if "verb-dictionary" in ev.typed_by:
            return  # a dictionary the user loaded codes by its own conventions
        acc = max(ACCURACY.get(t, 0.0) for t in ev.typed_by) or 0.75
        post = posterior(pred, qe, acc)
        best = max(range(len(post)), key=lambda q: post[q])
        if best == qe or post[best] < RETYPE_MIN:
            return
        lex = self.classifier.lex
        lem = ev.trigger.split()[0].lower() if ev.trigger else ""
        tok = next((t for t in sent.span if t.text.lower() == lem), None)
        lemma = self._lemma(tok) if tok is not None else lem
        roots = _class_roots(lex, lemma, "verb", best)
        if not roots:
            root_p = self.classifier.root_proba(sent.span)
            roots = sorted((r for r in root_p if quad_of_cameo(r) == best),
                           key=lambda r: -root_p[r])[:1] or [DEFAULT_ROOT[best]]
        cc = self.onto.cameo_code(roots[0] + "0")
        if cc is None:
            return
        ev.cameo, ev.plover, ev.mode = cc.code, cc.plover, cc.mode
        ev.contexts = list(dict.fromkeys(list(cc.contexts) + [c for c in ev.contexts
                                                               if c not in cc.contexts]))
        ev.goldstein, ev.quad_class = cc.goldstein, cc.quad_class
        ev.typed_by = ["classifier"]
        ev.confidence = round(post[best] * (1.0 if ev.target else INCOMPLETE_FACTOR), 3)

    def _classifier_event(self, doc: Doc, sent, resolver: ActorResolver, pred: Prediction,
                          question: bool, emitted: dict) -> Event | None:
        """The event the classifier finds: its trigger is a verb the CAMEO verb dictionary (or
        our patterns) lists with a root of the predicted class, shallowest first; failing that,
        when the classifier is sure (``CLASSIFIER_SURE``), the clause's main verb with the
        root head's code. Arguments come from the parse as for a pattern; an event with a
        source or a target only is kept as ``complete: false``."""
        assert self.classifier is not None
        lex = self.classifier.lex
        root_p = self.classifier.root_proba(sent.span)
        in_quad = sorted((r for r in root_p if quad_of_cameo(r) == pred.quad),
                         key=lambda r: -root_p[r]) or [pred.root or DEFAULT_ROOT[pred.quad]]
        cands = []
        for tok in sent.span:
            if tok.pos_ != "VERB" or tok.i in emitted:
                continue
            lem = self._lemma(tok)
            roots = _class_roots(lex, lem, "verb", pred.quad)
            if self._absorbed(tok, emitted):
                continue  # "asked Turkey to ease ...": the easing is the request's content
            if tok.lower_ == "according" or _copular(tok) or _attitude(tok, lem):
                continue
            if lem in REPORTING:
                # attribution is not the event, unless the classifier says the sentence is a
                # statement (CAMEO 01): then saying is what happened
                if pred.quad == 0 and tok.dep_ == "ROOT" and lem not in RELAY:
                    cands.append((1, _depth(tok), tok.i, tok, ["01"]))
                continue
            if roots:
                cands.append((0, _depth(tok), tok.i, tok, roots))
            elif pred.confidence >= CLASSIFIER_SURE and in_quad and tok.dep_ == "ROOT":
                cands.append((2, _depth(tok), tok.i, tok, in_quad[:1]))
        for kind, _, _, tok, roots in sorted(cands, key=lambda c: c[:3]):
            # the root head's choice when there is one, else the verb's most frequent root
            root = max(roots, key=lambda r: root_p.get(r, 0.0)) if root_p else roots[0]
            code = root + "0"
            p = Pattern(lemma=self._lemma(tok), pos="verb", cameo=code,
                        target=CLASSIFIER_TARGET_ROLES)
            ev = self._event(doc, sent, tok, p, resolver, question, partial=True)
            if ev is None or quad_of_cameo(ev.cameo) is None:
                continue
            if not ev.source or not ev.target and (pred.confidence < CLASSIFIER_PARTIAL or kind == 2):
                continue  # the classifier cannot place an event alone: a source at least, and
                # the whole dyad for a main verb no dictionary lists under the class
            if ev.modality not in ("asserted", "claimed"):
                continue  # "Russia must enhance ...": the classifier learnt from reported facts
            if not all(_political(a) for a in ev.source + ev.target):
                continue  # "Arsenal beat Chelsea": clubs, firms and names without a country
            if not ev.target and not any(a.get("id") or a.get("sector") for a in ev.source):
                continue  # "a Turkish pop singer arrived": alone, a nationality is no actor
            ev.typed_by = ["classifier"]
            ev.complete = bool(ev.source and ev.target)
            ev.confidence = classifier_confidence(pred, ev.complete)
            ev.id = hashlib.sha1(f"{ev.id}:clf".encode()).hexdigest()[:16]
            return ev
        return None

    def _loose_event(self, doc: Doc, sent, resolver: ActorResolver, pred: Prediction,
                     question: bool, emitted: dict) -> Event | None:
        """The classifier is sure the sentence reports an event of its class, but no trigger
        and actor frame formed ("a car bomb killed 12 people", "aid was delivered to ..."):
        the event is kept with whatever arguments the parse gives (source and target may be
        empty; generic agents keep their sector), ``complete: false`` unless both sides were
        found, and the classifier's confidence scaled down (issue 12: an event with a missing
        source or target is kept, exports use complete events by default). Its modality is
        computed as for any event; only asserted and claimed ones are kept, as for the
        classifier's other events (it learnt from reported facts, not from opinions)."""
        assert self.classifier is not None
        tok = self._loose_trigger(sent.span, pred, emitted)
        if tok is None:
            return None
        if _copular(tok):
            return None
        lex = self.classifier.lex
        root_p = self.classifier.root_proba(sent.span)
        lem = self._lemma(tok)
        roots = _class_roots(lex, lem, "verb" if tok.pos_ == "VERB" else "noun", pred.quad)
        if not roots and pred.confidence < CLASSIFIER_BARE:
            return None  # "a Turkish pop singer arrived": no verb of the class, not sure enough
        if not roots:
            roots = sorted((r for r in root_p if quad_of_cameo(r) == pred.quad),
                           key=lambda r: -root_p[r])[:1] or [DEFAULT_ROOT[pred.quad]]
        root = max(roots, key=lambda r: root_p.get(r, 0.0)) if root_p else roots[0]
        p = Pattern(lemma=lem, pos="verb" if tok.pos_ == "VERB" else "noun", cameo=root + "0",
                    target=tuple(TARGET_ROLES_BARE))
        ev = self._event(doc, sent, tok, p, resolver, question, partial=True, loose=True)
        if ev is None or quad_of_cameo(ev.cameo) != pred.quad:
            return None  # modality re-typed it (a future attack is a threat): not this class
        if ev.modality not in ("asserted", "claimed"):
            return None
        if tok.dep_ == "ROOT" and tok.tag_ == "VB" and not any(
                c.dep_ in ("nsubj", "nsubjpass", "aux") for c in tok.children):
            return None  # an imperative ("Please visit ...") asserts nothing
        if not any(a.get("id") or a.get("country") and a.get("sector")
                   for a in ev.source + ev.target) and pred.confidence < CLASSIFIER_BARE:
            # no actor, groups named by a sector noun alone ("many journalists") or people by
            # their nationality alone ("a Turkish pop singer"): only when the classifier is all
            # but certain
            return None
        ev.typed_by = ["classifier"]
        ev.complete = bool(ev.source and ev.target)
        ev.confidence = classifier_confidence(pred, ev.complete)
        ev.id = hashlib.sha1(f"{ev.id}:clf-loose".encode()).hexdigest()[:16]
        return ev

    def _loose_trigger(self, span, pred: Prediction, emitted: dict):
        """The word a classifier-only event hangs on: a verb of the sentence's main clause
        (the reported clause when the main verb reports: "Y was attacked, police said";
        complements followed: "continues to play" is "play"; conjuncts included), the first
        that our patterns or the CAMEO dictionary list with a root of the class, else the
        first main verb, else the sentence's root word. A relative or adverbial clause is
        background ("where Russia plays a leading role"), not what the sentence reports.
        Never a word another event already coded."""
        assert self.classifier is not None
        lex = self.classifier.lex
        main: list = []
        todo = [span.root]
        while todo and len(main) < 12:
            tok = todo.pop(0)
            if any(t.i == tok.i for t in main):
                continue
            main.append(tok)
            kids = [c for c in tok.children if c.pos_ in ("VERB", "AUX")]
            todo += [c for c in kids if c.dep_ in ("xcomp", "conj")]
            if tok.lemma_.lower() in REPORTING:
                todo += [c for c in kids if c.dep_ in ("ccomp", "parataxis", "advcl")]

        def free(t) -> bool:
            """A verb no other event took that reports no speech ("said", "according to")."""
            return t.pos_ == "VERB" and t.i not in emitted and t.lower_ != "according" \
                and t.lemma_.lower() not in REPORTING and not self._absorbed(t, emitted)

        verbs = [t for t in main if free(t) and t.lemma_.lower() not in ATTITUDE_VERBS]
        # the complement carries the act ("needs to play" -> play; its governor, the modality)
        verbs = [t for t in verbs if not any(c.dep_ == "xcomp" and c.pos_ == "VERB"
                                             for c in t.children)] or verbs
        def of_class(tok) -> bool:
            return bool(_class_roots(lex, self._lemma(tok), "verb", pred.quad))

        for tok in verbs:
            if of_class(tok):
                return tok
        # a verb of the class elsewhere, shallowest first, outside relative and adjectival
        # clauses (background, not what the sentence reports)
        others = [t for t in span if free(t) and of_class(t) and not _attitude(t)
                  and not any(a.dep_ in ("relcl", "acl") for a in (t, *t.ancestors))]
        if others:
            return min(others, key=_depth)
        if verbs:
            return verbs[0]
        root = span.root
        if root.i in emitted or root.pos_ not in ("NOUN", "PROPN"):
            return None
        return root

    def _speech_demands(self, doc: Doc, sent, resolver: ActorResolver, emitted: dict,
                        coded: list[Event]) -> list[Event]:
        """"Russia said Sudan must return the helicopter": a political actor's statement that
        another actor must act is that actor's demand (REQUEST), whatever the demanded act is.
        Only for reported clauses (ccomp of a speech verb) with "must"/"has to"; the speaker
        must be political (state, government, military, IGO ...), so an analyst's "Russia must
        ..." stays an opinion (and the demanded act itself stays ``recommended``)."""
        out = []
        for tok in sent.span:
            if tok.pos_ not in ("VERB", "AUX") or tok.dep_ != "ccomp":
                continue
            head = tok.head
            if head.lemma_.lower() not in SPEECH_VERBS:
                continue
            auxes = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
            if not auxes & {"must"} and not (
                    head.lemma_.lower() in ("demand", "insist") and "should" in auxes):
                continue
            # "The Red Cross operating in Iraq said": a participle the parser took for the
            # subject stands for its own subject
            speaker_toks = [g for t in _children(head, "nsubj")
                            for g in (_children(t, "nsubj") or [t] if t.pos_ == "VERB" else [t])]
            actor_toks = _children(tok, "nsubj") or _children(tok, "nsubjpass")
            if not speaker_toks or not actor_toks:
                continue
            context: dict = {"quote": _quote_at(doc, doc.token_start(tok))}
            speakers = self._resolve(doc, speaker_toks, resolver, allow_place=False, context=context,
                                     generic=False)  # the quote's resolved speaker decides
            speakers = [a for a in speakers if _demands(a)]
            if not speakers:
                continue
            context["antecedent"] = speakers[0]
            targets = [t for t in self._resolve(doc, actor_toks, resolver, allow_place=False,
                                                context=context)
                       if not any(_same(t, s_) for s_ in speakers)]
            if not targets:
                continue
            inner = next((e for e in coded if e.start <= doc.token_start(tok) < e.end
                          and e.trigger.split()[0] == tok.text), None)
            if inner is not None and inner.plover == "REQUEST" and all(
                    any(_same(a, s_) for a in inner.source) for s_ in speakers):
                continue  # already coded as this speaker's demand (a quote's "X must ...")
            code = DEMAND_CODE.get(inner.plover or "", "100") if inner is not None else "100"
            cc = self.onto.cameo_code(code)
            if cc is None:  # not a code of the CAMEO table: nothing to type the demand with
                continue
            modality = modality_of(head, question=False)
            date, precision = event_date(head, doc.document.date, future=False)
            i0 = min(t.i for t in speaker_toks + actor_toks + [tok])
            i1 = max(t.i for t in speaker_toks + actor_toks + [tok]) + 1
            i0 = min(i0, np_range(speaker_toks[0])[0])
            s_abs, e_abs = doc.span_offsets(tok.doc[i0:i1])
            eid = hashlib.sha1(f"{doc.id}:{doc.token_start(head)}:{code}:speech".encode()).hexdigest()[:16]
            out.append(Event(
                id=eid, sentence=sent.idx, start=s_abs, end=e_abs,
                trigger=f"{head.text} {' '.join(sorted(auxes & {'must', 'should'}))} {tok.text}",
                plover=cc.plover, mode=cc.mode, contexts=list(cc.contexts), cameo=cc.code,
                goldstein=cc.goldstein, quad_class=cc.quad_class,
                source=[public(a) for a in speakers], target=[public(t) for t in targets],
                location=None, modality=modality, date=date, date_precision=precision,
                quote_id=context["quote"].id if context["quote"] is not None else None,
                confidence=0.7, text=doc.text[sent.start:sent.end], typed_by=["patterns"],
                attributed_to=attributed_to(context["quote"])))
        return out

    # ================================================================ matching
    def _syntax_ok(self, tok, p: Pattern, info: dict | None = None) -> bool:
        info = info if info is not None else _token_info(tok)
        if p.negated and not _negated_use(tok):
            return False
        if p.particle:
            # imported dictionaries do not say particle from preposition ("HAND_OVER", "CLASH
            # OVER"): for their senses either parse will do
            words = info["prt"] | info["prep"] if p.raw_code else info["prt"]
            if words.isdisjoint(p.particle):
                return False
        if p.object:
            if info["obj_words"].isdisjoint(p.object):
                return False
            if p.object_words:
                hits = [o for o in info["objs"] if o.lemma_.lower() in p.object or o.lower_ in p.object]
                if not any(_has_modifiers(o, p.object_words) for o in hits):
                    return False
        if p.predicate and info["pred_words"].isdisjoint(p.predicate):
            return False  # "called the move unfair": the object's predicate decides
        if p.xcomp or p.xcomp_required:
            xs = info["xs"]
            if p.xcomp_required and not xs:
                return False
            if p.xcomp and info["x_lemmas"].isdisjoint(p.xcomp):
                return False
            if p.xcomp_object and not any(o.lemma_.lower() in p.xcomp_object
                                          for x in xs for o in _children(x, "dobj")):
                return False
        for prep, lemmas in (p.prep_object or {}).items():
            objs = info["pobj"].get(str(prep))
            if not objs or lemmas and not any(o.lemma_.lower() in lemmas for o in objs):
                return False
        return True

    def _absorbed(self, tok, found: dict) -> bool:
        """True when ``tok`` is part of another trigger's event (see module docstring, 2)."""
        cur, hops = tok, 0
        while cur.head.i != cur.i and hops < 5:
            dep = cur.dep_
            cur = cur.head
            hops += 1
            if tok.pos_ == "VERB":
                if dep in ("acl", "ccomp", "relcl") and cur.lemma_.lower() in CONTENT_NOUNS:
                    return True  # "its demand that Israel ease restrictions": not an event
                if dep not in ("xcomp", "ccomp", "advcl", "pcomp", "prep", "pobj"):
                    return False
                if dep in ("xcomp", "ccomp") and cur.i in found:
                    return True
            else:
                if dep not in ("dobj", "pobj", "prep", "conj", "attr", "appos", "nsubjpass"):
                    return False
                if cur.i in found and cur.pos_ == "VERB":
                    return True
                if cur.pos_ == "VERB":
                    return False
        return False

    # ================================================================ arguments
    def _subject(self, verb, depth: int = 0) -> tuple[list, list, bool]:
        """(source tokens, patient tokens from a passive subject, inherited?)."""
        subj = _children(verb, "nsubj") + _children(verb, "csubj")
        pas = _children(verb, "nsubjpass")
        if pas:
            agents = []
            for a in _children(verb, "agent"):
                agents += _children(a, "pobj")
            return agents, pas, False
        if subj:
            return subj, [], False
        if depth > 3:
            return [], [], False
        head = verb.head
        if verb.dep_ == "pcomp" and head.pos_ == "ADP" and head.head.pos_ in ("VERB", "AUX"):
            v = head.head  # "Uzbekistan is quoted as telling ...": the passive subject speaks
            if head.lower_ in ("of", "against", "from") and v.lemma_.lower() in ACCUSING_VERBS \
                    and _children(v, "dobj"):
                # "accused Ukraine of shelling", "warned Russia against invading": the object
                return _children(v, "dobj"), [], True
            if _children(v, "nsubjpass"):
                return _children(v, "nsubjpass"), [], True
            s, _, _ = self._subject(v, depth + 1)
            return s, [], True
        if verb.dep_ == "conj" and head.pos_ in ("VERB", "AUX") and head.lemma_ == "be" \
                and head.dep_ == "ccomp" and head.head.lemma_.lower() in REPORTING \
                and verb.lemma_.lower() in SPEAKER_CONJUNCTS and not _is_passive(verb):
            # "X said the checks were unacceptable and urged Moscow to ...": the parser hangs
            # "urged" on "were"; the speaker urges, not the checks
            s, _, _ = self._subject(head.head, depth + 1)
            return s, [], True
        if verb.dep_ == "conj" and head.pos_ in ("VERB", "AUX"):
            aux = [c for c in verb.children if c.dep_ == "aux" and c.i < verb.i]
            if aux:  # "..., and China is offering": a finite conjunct names its own subject
                prev = verb.doc[min(a.i for a in aux) - 1] if min(a.i for a in aux) > 0 else None
                if prev is not None and prev.pos_ in ("PROPN", "NOUN"):
                    return [prev], [], True
            s, pt, _ = self._subject(head, depth + 1)
            if pt and not _is_passive(verb):  # "X has been indicted ... and will resign"
                return pt, [], True
            return s, pt if _is_passive(verb) else [], True
        if verb.dep_ == "xcomp" and head.pos_ == "ADJ" and head.head.i != head.i:
            # "Arnor is about/ready/willing to restore ...": the copula's subject
            s, _, _ = self._subject(head.head, depth + 1)
            return s, [], True
        if verb.dep_ == "xcomp" and head.pos_ in ("VERB", "AUX"):
            if head.lemma_.lower() in OBJECT_CONTROL and _children(head, "dobj"):
                return _children(head, "dobj"), [], True
            if _is_passive(verb) and _children(head, "nsubjpass") and not _children(head, "agent"):
                # "X is understood to have been put on standby": the raised subject is the
                # passive's patient, not its agent
                return [], _children(head, "nsubjpass"), True
            s, _, _ = self._subject(head, depth + 1)
            return s, [], True
        if verb.dep_ in ("acl", "relcl") and head.lemma_.lower() in UNDERTAKING_NOUNS \
                and head.dep_ == "dobj" and head.head.pos_ in ("VERB", "AUX") \
                and verb.tag_ == "VB" and not _is_passive(verb):
            # "Britain took steps to ease sanctions": who took the steps eases them
            s, _, _ = self._subject(head.head, depth + 1)
            return s, [], True
        if verb.dep_ in ("acl", "relcl", "advcl") and head.pos_ in NOUN_POS | {"PRON"}:
            if _is_passive(verb):
                return [], [head], True
            return [head], [], True
        if verb.dep_ == "advcl" and head.pos_ in ("VERB", "AUX"):
            if verb.tag_ == "VBG" and verb.lemma_.lower() in ACCUSING_VERBS and not any(
                    c.dep_ == "mark" for c in verb.children):
                # "Morocco cut ties with Iran, accusing it of ...": the main clause's subject
                # (an accusation is an act of its own; "..., killing 20" repeats the attack)
                s, _, _ = self._subject(head, depth + 1)
                return s, [], True
            # participle clause "Kazakhstan's president, having been protected by ..., said"
            if _is_passive(verb):
                agents = []
                for a in _children(verb, "agent"):
                    agents += _children(a, "pobj")
                s, _, _ = self._subject(head, depth + 1)
                return agents, s, True
        if verb.dep_ == "ROOT" or verb.dep_ == "conj" and verb.head.dep_ == "ROOT":
            return self._dangling_subject(verb), [], True
        return [], [], False

    def _dangling_subject(self, verb) -> list:
        """A sentence that starts lower-case right after a fragment ending in a comma continues
        it ("Kazakhstan's regime, despite ..., [paragraph break] officially promised ..."): the
        fragment's first noun phrase is the subject."""
        doc = getattr(self, "_doc", None)
        sent = verb.sent
        first = next((t for t in sent if not t.is_punct and not t.is_space), None)
        if doc is None or first is None or not first.text[:1].islower():
            return []
        start = doc.token_start(first)
        cur = doc.sentence_at(start)
        if cur is None or cur.idx == 0:
            return []
        prev = doc.sentences[cur.idx - 1]
        if prev.span is None or not doc.text[prev.start:prev.end].rstrip().endswith(","):
            return []
        for t in prev.span:
            if t.dep_ in ("nsubj", "nsubjpass", "ROOT") and t.pos_ in NOUN_POS:
                return [t]
        return []

    def _role_tokens(self, tok, roles: Iterable[str]) -> list:
        out = []
        for r in roles:
            if r == "dobj":
                for o in _direct_objects(tok):  # "scores of refugees": the refugees
                    of = _prep_objects(o, "of") if o.lemma_.lower() in QUANTITY_HEADS | {
                        "score", "dozen", "hundred", "thousand", "group", "member"} else []
                    out += of or [o]
            elif r == "dative":
                for c in _children(tok, "dative"):
                    out += _children(c, "pobj") if c.pos_ == "ADP" else [c]
            elif r == "poss":
                out += _children(tok, "poss")
            elif r in ("compound", "amod"):
                out += [c for c in _children(tok, r)
                        if c.ent_type_ in ("NORP", "GPE", "ORG", "PERSON") or c.pos_ == "PROPN"]
            elif r.startswith("prep:"):
                out += _prep_objects(tok, r[5:])
            elif r == "xcomp_args":  # "refused to meet X": the complement's partners
                for c in tok.children:
                    if c.dep_ == "xcomp":
                        out += [o for o in _children(c, "dative") if o.pos_ in NOUN_POS]
                        out += [o for o in _children(c, "dobj") if o.pos_ in NOUN_POS]
                        for w in ("with", "to", "from"):
                            out += _prep_objects(c, w)
            elif r == "owner" or r.startswith("owner:"):
                # "confiscated opposition property": whose object it was; owner:with, the
                # owner of a prepositional object ("complied with its order": its)
                objs = (_children(tok, "dobj") or _children(tok, "nsubjpass")) if r == "owner" \
                    else _prep_objects(tok, r[6:])  # "X's application was blocked": X
                for o in objs:
                    if o.lemma_.lower() in COUNT_HEADS:  # "met many of the government's demands"
                        o = next(iter(_prep_objects(o, "of")), o)
                    out += [c for c in o.children if c.dep_ in ("poss", "compound", "amod")]
                    out += _prep_objects(o, "of") + _prep_objects(o, "by")
                    # "the conditions set by the IMF": who made it
                    out += [x for c in o.children if c.dep_ == "acl" and c.tag_ == "VBN"
                            for x in _prep_objects(c, "by")]
            elif r == "ccomp_subj":
                for c in tok.children:
                    if c.dep_ == "ccomp":
                        out += _children(c, "nsubj")
        return out

    def _fallback_targets(self, tok, p: Pattern) -> list:
        """Targets named further away: on the complement verb ("threatened to break relations
        with Russia"), on the object ("issued an ultimatum to Ecuador", "rejected a U.S.
        request": its owner)."""
        out = []
        for c in tok.children:
            if c.dep_ == "xcomp" and (p.xcomp or p.xcomp_required or "xcomp_args" in p.target):
                for w in ("with", "to", "against", "on", "from", "between"):
                    out += _prep_objects(c, w)
                objs = [o for o in _children(c, "dobj") if o.pos_ in NOUN_POS]
                out += objs
                for o in objs:  # "threatened to impose restrictions against German goods"
                    for w in ("to", "against", "on", "with"):
                        out += _prep_objects(o, w)
                # "agreed to provide 70 million dollars of aid for Romania": who receives it
                out += [x for x in _recipients(c) if x not in out]
        attack = _material_conflict(p.cameo)
        if attack:  # "fired at the patrol", "seized weapons from the militias"
            out += _prep_objects(tok, "at") + _prep_objects(tok, "from")
            for c in tok.children:  # "opened fire to disperse the protesters": its purpose's object
                if c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
                    out += [o for o in _children(c, "dobj") if o.pos_ in NOUN_POS]
        for w in ("to", "with", "against", "into"):  # "agreed to US mediation", "sided with Kyiv"
            out += [o for o in _prep_objects(tok, w) if o not in out]
        for c in tok.children:  # "called for Britain to stay in the market": whom it asks
            if c.dep_ in ("advcl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == "for"
                                                    for m in c.children):
                out += [x for x in _children(c, "nsubj") if x.pos_ in NOUN_POS and x not in out]
        if quad_of_cameo(p.cameo) == 2:
            out += [o for o in _recipients(tok) if o not in out]
        # "called for sanctions against Syria": the participants of the act asked for
        out += [x for x in _nominal_participants(_prep_objects(tok, "for"))
                if x.head.dep_ == "prep" and x.head.head.dep_ == "pobj" and x not in out]
        for o in _expand(_children(tok, "dobj") or _small_clause_objects(tok)):
            if o.pos_ in NOUN_POS:  # "broke relations with Libya": the partner of the object
                for w in ("to", "on", "against", "with", "from", "into") + (("at", "in") if attack else ()):
                    # "demanded support from the parliament"; an attacked thing stands for
                    # the state it is in ("torched a village in Cameroon's north")
                    out += _prep_objects(o, w)
                for c in o.children:  # "lifted a ban imposed on Chad": whom the act was aimed at
                    if c.dep_ == "acl" and c.tag_ == "VBN":
                        for w in ("on", "against", "to"):
                            out += [x for x in _prep_objects(c, w) if x not in out]
                        if attack:  # "hit bases used by the militia": whose they are
                            out += [g for a in c.children if a.dep_ == "agent"
                                    for g in a.children if g.dep_ == "pobj" and g not in out]
                # "demanded a meeting of the OAS": the participants an act noun names
                out += [x for x in _nominal_participants([o], agents=quad_of_cameo(p.cameo) in (0, 1, 3)
                                                         and not _material_conflict(p.cameo))
                        if x is not o and x not in out]
            if p.owner_target:
                out += [c for c in o.children if c.dep_ in ("poss", "compound", "amod")]
                out += _prep_objects(o, "by") + _prep_objects(o, "from")
        return out

    def _resolve(self, doc: Doc, toks: list, resolver: ActorResolver, allow_place: bool,
                 context: dict, generic: bool = True, nominal: bool = False,
                 agents: bool = False) -> list[dict]:
        """Actors of argument tokens; ``generic``: a sector noun alone ("militants") is an
        actor with that sector (``_generic_agent``); ``nominal`` (targets): an object that
        names an act or a relation rather than an actor stands for its participants
        (``_nominal_participants``); ``agents`` (reactions: verbal events): an act noun's
        named agent is the target ("condemned Russia's invasion of Ukraine" -> Russia)."""
        refs: list[dict] = []
        # each actor token with the argument phrase it was found in: an act or relation noun
        # stands for its participants, but the phrase of the argument is the noun's
        # ("condemned Germany's decision": Germany, named in "Germany's decision")
        phrase_of: dict[int, Any] = {}
        if nominal:
            inner: list = []
            for r in toks:
                for x in _nominal_participants([r], agents=agents):
                    if x not in inner:
                        inner.append(x)
                        # "lifted the ban on Cypriot ships", "an investigation into X": a
                        # participant the act noun's preposition names is worded by its own
                        # phrase; an owner or agent ("Romania's request", "the appeal of X")
                        # by the act noun's
                        phrase_of.setdefault(x.i, _prep_phrase(x, r) or r)
            toks = inner
        for t in _expand(toks):
            origin = phrase_of.get(t.i)
            if origin is None and t.conjuncts:  # a conjunct of a participant: the same phrase
                origin = next((phrase_of[c.i] for c in t.conjuncts
                               if c.i in phrase_of and phrase_of[c.i].i != c.i), None)
            origin = origin if origin is not None else t
            if origin is t and t.dep_ == "poss" and t.head.pos_ == "NOUN" \
                    and t.head.i != context.get("trigger"):
                # "rejected Romania's request" (the owner is the argument): the argument's
                # words are the owned noun's phrase, not the possessor alone
                origin = t.head
            ref = None
            if t.ent_type_ in NON_ACTOR_ENTS and t.lemma_.lower() not in COUNT_HEADS:
                continue  # "on Monday", "by 5 percent": never an actor
            group = self._counted_group(doc, t, resolver)
            if group is not None:
                # "the two leaders": the participants named before, each an actor (or nobody,
                # when they cannot be told: never the bare head "leaders" with a guessed country)
                _add_spanned(refs, group, argument_span(doc, origin, t))
                continue
            if t.pos_ == "PRON" or t.lower_ in THIRD_PERSON:
                ref = self._pronoun(doc, t, resolver, context)
            else:
                many = (self._coordinated_owners(t, resolver, allow_place)
                        or self._coordinated_modifiers(t, resolver))
                if many:
                    _add_spanned(refs, many, argument_span(doc, origin, t))
                    continue
                ref = self._located_group(t, resolver) if t.ent_type_ == "NORP" else None
                if ref is None and t.ent_type_ not in NON_ACTOR_ENTS:
                    ref = resolver.actor(t, allow_place=allow_place)
                if ref is None:
                    ref = self._possessive_pronoun_np(doc, t, resolver, context)
                if ref is None:
                    ref = self._located_group(t, resolver)
                if ref is None and t.pos_ == "NOUN" and not _children(t, "prep"):
                    # "will meet regional rival Japan's Prime Minister X", "his counterpart, Y":
                    # a common noun that names no actor stands for the name in its apposition
                    # (not an act's "the involvement of X, mainly Russia": an example of it)
                    for c in t.children:
                        if c.dep_ == "appos" and c.pos_ in NOUN_POS and c.i > t.i \
                                and not _children(c, "advmod"):
                            ref = resolver.actor(c, allow_place=allow_place)
                            if ref is not None:
                                break
                if ref is None and t.lemma_.lower() in COUNT_HEADS:
                    # "thousands of Iraqi Kurds", "a group of Chechen refugees": the members
                    for o in _prep_objects(t, "of"):
                        ref = resolver.actor(o, allow_place=False) or self._located_group(o, resolver)
                        if ref is None and generic:
                            ref = _generic_agent(o)  # "hundreds of students": students (CVL)
                        if ref is not None:
                            break
                if ref is None and allow_place and t.lemma_.lower() in PLACE_NOUNS | ATTACKED_OBJECTS:
                    ref = self._placed_noun(t, resolver)  # "besieged towns in northern Ethiopia"
                if ref is None and generic:
                    ref = _generic_agent(t)
                if ref is None and agents:
                    # "condemned the drills": the agents of the act reported before
                    earlier = self._earlier_act_agents(doc, t)
                    if earlier:
                        _add_spanned(refs, earlier, argument_span(doc, origin, t))
                        continue
                if ref is not None and not ref.get("country") and ref.get("type") == "person":
                    ref = self._igo_official(t, ref, resolver)
            if ref is not None and not any(_same(ref, r) for r in refs):
                if ref.get("start") is None and t.sent is not None:
                    # where the text names the argument (the knowledge base's name may
                    # differ): evidence for readers and for span-level evaluation
                    ref = dict(ref)
                    ante = self._named_antecedent(t, ref, resolver) if origin is t else None
                    ref["start"], ref["end"] = argument_span(doc, ante if ante is not None else origin,
                                                             None if ante is not None else t)
                refs.append(ref)
        return refs

    def _posture_targets(self, doc: Doc, tok, sources: list[dict], targets: list[dict],
                         resolver: ActorResolver, context: dict, alert: bool = False) -> list[dict]:
        """A show of force or mobilisation (CAMEO 15) whose object is the source's own forces
        ("Israel mobilized the army", "mobilized troops for a war against Iraq"): the forces are
        its instrument, not its target; the target is whom they are raised against (an
        "against" phrase in the clause), else nobody."""
        own = {s.get("country") for s in sources}
        # an alert (152) is raised for the source's own people too ("put forces on standby to
        # evacuate their nationals"): they are whom it serves, not its target
        if not all(t.get("sector") in ("MIL", "REB") and (t.get("country") in own
                                                           or not t.get("country"))
                   or alert and t.get("country") in own - {None}
                   for t in targets):
            return targets
        against = [o for w in tok.subtree if w.dep_ == "prep" and w.lower_ == "against"
                   and not any(a.dep_ in ("relcl", "ccomp") for a in w.ancestors if a.i != tok.i
                               and tok in a.ancestors)
                   for o in _children(w, "pobj")]
        found = self._resolve(doc, against, resolver, allow_place=True, context=context,
                              nominal=True, agents=True) if against else []
        return [t for t in found if not any(_same(t, s) for s in sources)]

    def _named_antecedent(self, t, ref: dict, resolver: ActorResolver):
        """The noun phrase before a pronoun in its sentence that names the actor the pronoun
        was resolved to ("Tajikistan says it will not accept ...": Tajikistan; "filed a lawsuit
        against Crown Prince X, accusing him of ...": X), the nearest first: the argument's
        words are the name, not the pronoun. None for other words or when no phrase names it."""
        if not (t.pos_ == "PRON" or t.lower_ in THIRD_PERSON):
            return None
        for x in sorted((x for x in t.sent if x.i < t.i and x.dep_ in ANTECEDENT_DEPS
                         and x.pos_ in NOUN_POS), key=lambda x: -x.i):
            named = resolver.actor(x) or _generic_agent(x)
            if named is not None and _same(named, ref):
                return x
        return None

    def _earlier_act_agents(self, doc: Doc, t) -> list[dict]:
        """A definite act noun without participants of its own ("the drills", "these
        strikes") names an act reported before it, in this sentence or the two before: the
        latest event whose clause holds the noun's lemma or a word of its family
        (``lang/en/event_words.yaml`` ``event_noun_families``: "exercises" / "the drills",
        "attacked" / "the attack"). Its sources (the agents) are returned; none when no such
        event was coded."""
        if t.pos_ != "NOUN" or not any(c.dep_ in ("det", "predet") and c.lower_ in ANAPHORA_DETS
                                       for c in t.children):
            return []
        lem = t.lemma_.lower()
        family = EVENT_NOUN_FAMILY.get(lem, frozenset()) | {lem, t.lower_}
        start = doc.token_start(t)
        sent = doc.sentence_at(start)
        if sent is None:
            return []
        prior = sorted((e for e in getattr(self, "_sentence_events", []) if e.end <= start),
                       key=lambda e: -e.start)
        prior += [e for e in reversed(getattr(self, "_doc_events", []))
                  if sent.idx - 2 <= e.sentence < sent.idx]
        for ev in prior:
            span = doc.sentences[ev.sentence].span if ev.sentence < len(doc.sentences) else None
            if span is None or not ev.source:
                continue
            for w in span:
                at = doc.token_start(w)
                inside = ev.start <= at < ev.end or ev.start <= doc.token_start(w.head) < ev.end
                if inside and w.i != t.i and (w.lemma_.lower() in family or w.lower_ in family):
                    return [{"id": a.get("id"), "name": a.get("name"), "country": a.get("country"),
                             "sector": a.get("sector"), "type": None, "text": a.get("name"),
                             "country_from": a.get("country_from")}
                            for a in ev.source
                            if a.get("method") != "implied" and (a.get("id") or a.get("country"))]
        return []

    def _counted_group(self, doc: Doc, t, resolver: ActorResolver) -> list[dict] | None:
        """"the two leaders", "both countries", "the three ministers": a definite, counted
        group (``lang/en/event_words.yaml`` ``counted_group_heads``/``counted_group_numbers``)
        stands for the participants named before it: those of the latest event coded before
        it (this sentence, then the document's) with that many participants of its kind,
        else the last persons (or states) the text named in this and the two previous
        sentences. None when ``t`` is no such group; an empty list when it is one but its
        members cannot be told."""
        if t.pos_ != "NOUN" or t.tag_ not in ("NNS", "NNPS"):
            return None
        lem = t.lemma_.lower()
        prev = t.doc[t.i - 1] if t.i > 0 else None
        kind = None
        if prev is not None and prev.dep_ == "compound":
            kind = GROUP_HEADS.get(f"{prev.lemma_.lower()} {lem}")
        kind = kind or GROUP_HEADS.get(lem)
        if kind is None:
            return None
        n = definite = None
        for c in t.children:
            w = c.lower_
            if c.i < t.i and w in GROUP_NUMBERS and c.dep_ in ("nummod", "det", "predet", "preconj"):
                n = GROUP_NUMBERS[w]
                definite = definite or w == "both"
            elif c.i < t.i and c.dep_ == "det" and w in ("the", "these", "those"):
                definite = True
        if n is None or not definite:
            return None  # "two leaders were arrested": people not named before
        start = doc.token_start(t)

        def fits(a: ActorRef | dict) -> bool:
            if a.get("method") == "implied" or not (a.get("id") or a.get("country")):
                return False
            if str(a.get("id") or "")[:4] in ("IGO:", "NGO:"):
                return kind == "any"
            return True

        def as_kind(a: ActorRef | dict) -> dict:
            d = {"id": a.get("id"), "name": a.get("name"), "country": a.get("country"),
                 "sector": a.get("sector"), "type": a.get("type"), "text": a.get("name"),
                 "country_from": a.get("country_from")}
            kb = resolver._kb() if hasattr(resolver, "_kb") else None
            if kind == "state" and d["country"] and not str(d["id"] or "").isupper():
                st = kb.derived(d["country"], None) if kb is not None else None
                d.update(id=st.id if st else d["country"], name=st.name if st else d["country"],
                         sector=None, type="state", text=st.name if st else d["country"])
            elif kind == "person" and d["id"] and d["id"] == d["country"]:
                # "Tajikistan negotiated with Iran. The two presidents ...": their governments
                gov = kb.derived(d["country"], "GOV") if kb is not None else None
                if gov is not None:
                    d.update(id=gov.id, name=gov.name, sector="GOV", type=gov.type, text=gov.name)
            return d

        prior = sorted((e for e in getattr(self, "_sentence_events", []) if e.start < start),
                       key=lambda e: -e.start)
        prior += list(reversed(getattr(self, "_doc_events", [])))
        for ev in prior:
            found: list[dict] = []
            for a in list(ev.source) + list(ev.target):
                if fits(a):
                    d = as_kind(a)
                    if not any(_same(d, x) for x in found):
                        found.append(d)
            if len(found) == n:
                return found
        if not resolver.use_mentions or resolver.api is None:
            return []
        sent = doc.sentence_at(start)
        lo = doc.sentences[max(0, sent.idx - 2)].start if sent is not None else max(0, start - 600)
        named: list[dict] = []
        for m in doc.mentions:
            if not (lo <= m.start and m.end <= start) or not m.actor_id:
                continue
            r = resolver.api.actor_ref(doc, m.actor_id)
            if not r or (kind == "person") != (r.get("type") == "person") or not fits(r):
                continue
            d = as_kind(r)
            named = [x for x in named if not _same(d, x)] + [d]
        return named[-n:] if len(named) >= n else []

    def _placed_noun(self, t, resolver: ActorResolver) -> dict | None:
        """A common place noun ("towns", "a village") whose phrase names where it is ("in
        northern Ethiopia", "of Idlib province" is not): where a place may stand for its state
        (attacked places, aid delivered to places), the state of the place it names. The parser
        often hangs the locative on the verb ("shelled villages near Afrin"): a direct object
        takes a locative that follows it on its verb."""
        preps = list(t.children)
        if t.dep_ == "dobj":
            preps += [c for c in t.head.children if c.i > t.i]
        for c in preps:
            if c.dep_ == "prep" and c.lower_ in ("in", "near", "inside", "across"):
                for o in _children(c, "pobj"):
                    r = resolver.actor(o, allow_place=True)
                    if r and r.get("country") and r.get("type") in (
                            "state", "region", "place", "city", "location"):
                        return r
        return None

    def _igo_official(self, t, ref: dict, resolver: ActorResolver) -> dict:
        """A person without a country whose title names an international organisation ("Arab
        League Secretary General X", "UN envoy X", "the NATO chief X") acts for it: sector IGO
        (its staff), the PLOVER coders' IGO actor."""
        i, j = np_range(t)
        for w in t.doc[i:j]:
            if w.i == t.i or w.dep_ not in ("compound", "nmod", "poss") or w.pos_ != "PROPN":
                continue
            r = resolver.actor(w, allow_place=False)
            if r and (r.get("type") == "igo" or str(r.get("id") or "").startswith("IGO:")):
                return dict(ref, sector="IGO")
        return ref

    def _coordinated_owners(self, t, resolver: ActorResolver, allow_place: bool) -> list[dict]:
        """"the presidents of Russia and Turkey": one actor per coordinated owner, with the
        head's sector."""
        hs = head_sector(t)
        if hs is None:
            return []
        owners = [o for o in _prep_objects(t, "of") if o.conjuncts]
        if not owners:
            return []
        out = []
        for o in _expand(owners):
            r = resolver.actor(o, allow_place=True)
            if r is None:
                return []
            r = dict(r)
            r["sector"] = hs
            r["name"] = f"{t.text} of {r.get('name')}"
            if r.get("type") == "state":
                kb = resolver._kb() if hasattr(resolver, "_kb") else None
                d = kb.derived(r.get("country"), hs) if kb is not None else None
                if d is not None:
                    r["id"], r["type"] = d.id, d.type
            out.append(r)
        return out

    def _coordinated_modifiers(self, t, resolver: ActorResolver) -> list[dict]:
        """"Hungarian and Romanian officials", "the Turkish and Greek sides": one actor per
        coordinated state modifier, with the head's sector (PLOVER codes a compound actor).
        Only when every modifier names a state."""
        if t.pos_ not in NOUN_POS:
            return []
        mods = [c for c in t.children if c.dep_ in ("amod", "compound") and c.i < t.i
                and any(x.dep_ == "conj" for x in c.children)]
        if not mods:
            return []
        hs = head_sector(t)
        kb = resolver._kb() if hasattr(resolver, "_kb") else None
        out: list[dict] = []
        for m in [x for c in mods for x in (c, *c.conjuncts)]:
            r = resolver.actor(m, allow_place=True)
            if r is None or r.get("type") not in ("state", "government") or not r.get("country"):
                return []
            r = dict(r)
            if r.get("type") == "government" and kb is not None:  # "Ugandan" of "Ugandan police"
                st = kb.derived(r["country"], None)
                r["id"], r["type"], r["sector"] = (st.id if st else r["country"]), "state", None
            r["name"] = f"{m.text} {t.text}"
            if hs:
                r["sector"] = hs
                d = kb.derived(r.get("country"), hs) if kb is not None else None
                if d is not None:
                    r["id"], r["type"] = d.id, d.type
            if not any(_same(r, x) for x in out):
                out.append(r)
        return out if len(out) > 1 else []

    def _located_group(self, t, resolver: ActorResolver) -> dict | None:
        """"demonstrators in Baghdad", "rebels in the Ivory Coast", "the deputy chief of Israel's
        militia": a group or office named by its sector head is an actor of the state its
        complement names (PLOVER/CAMEO code such groups by country). Only sector heads (data:
        lexicon ``sectors``), and only when the head is not itself the name of someone else."""
        hs = head_sector(t)
        people = t.ent_type_ == "NORP" and t.tag_ in ("NNPS", "NNS")  # "the Albanians of Serbia"
        if people:
            hs = hs or "CVL"
        elif hs is None or t.pos_ == "PROPN":
            return None
        for c in t.children:
            if c.dep_ != "prep" or c.lower_ not in LOCATED_GROUP_PREPS:
                continue
            for o in _children(c, "pobj"):
                r = resolver.actor(o, allow_place=True)
                if r is None or not r.get("country") or r.get("type") not in (
                        "state", "region", "place", "city", "location", None):
                    continue
                if r.get("type") is None and not r.get("id"):
                    continue
                name = " ".join(x.text for x in t.subtree if x.dep_ not in ("relcl", "acl", "punct"))
                aid = None
                kb = resolver._kb() if hasattr(resolver, "_kb") else None
                if kb is not None:
                    try:
                        d = kb.derived(r["country"], hs)
                        aid = d.id if d is not None else None
                    except (KeyError, TypeError):
                        aid = None
                return {"id": aid or r["country"], "name": name, "country": r["country"],
                        "sector": hs, "type": "government" if hs == "GOV" else None, "text": name}
        return None

    def _possessive_pronoun_np(self, doc, t, resolver, context) -> dict | None:
        """"their government": a sector head owned by a pronoun takes the country of the
        clause's other argument (the antecedent within the sentence)."""
        hs = head_sector(t)
        poss = [c for c in t.children if c.dep_ == "poss" and c.lower_ in ("their", "its", "his", "her")]
        if hs is None or not poss:
            return None
        ante = context.get("antecedent") or self._reporter(t, resolver)
        if ante and ante.get("country"):
            name = " ".join(x.text for x in t.subtree if x.dep_ not in ("relcl", "acl"))
            aid = None
            kb = resolver._kb() if hasattr(resolver, "_kb") else None
            if kb is not None:
                try:
                    d = kb.derived(ante["country"], hs)
                    aid = d.id if d is not None else None
                except (KeyError, TypeError):
                    aid = None
            return {"id": aid, "name": name, "country": ante["country"], "sector": hs,
                    "type": "government" if hs == "GOV" else None, "text": name}
        return None

    def _reporter(self, t, resolver: ActorResolver) -> dict | None:
        """The subject of the reporting verb whose clause holds ``t``: "Israel said its forces
        had killed ..." (its = Israel's)."""
        for anc in t.ancestors:
            if anc.dep_ == "ccomp" and anc.head.lemma_.lower() in REPORTING:
                for s_ in _children(anc.head, "nsubj"):
                    if s_.pos_ in NOUN_POS:
                        return resolver.actor(s_, allow_place=False)
                return None
        return None

    def _pronoun(self, doc: Doc, t, resolver: ActorResolver, context: dict) -> dict | None:
        low = t.lower_
        quote = context.get("quote")
        if low in set(self.lex["speaker_pronouns"]) and quote is not None:
            return speaker_actor(doc, quote, resolver)
        reporter = self._reporting_subject(doc, t, resolver, context)
        if reporter is not None:
            return reporter or None  # {}: a named reporter the resolver cannot map
        linked = resolver.pronoun(t) if hasattr(resolver, "pronoun") else None
        if linked is not None and not (low in GENDERED_PRONOUNS and not _person(linked)):
            # he/she is a person: never a party or a group the linker reached
            return linked
        if low in ("he", "she", "him", "her", "his"):
            return self._previous_person(doc, t, resolver)
        if low in ("it", "they", "its", "their"):
            # "..., when it issued an ultimatum": the subject of the governing clause
            clause = t.head
            if t.dep_ == "pobj":  # "Kenya said Uganda closed its border with it": the verb
                while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
                    clause = clause.head
            while clause.dep_ in ("advcl", "relcl", "ccomp", "conj", "xcomp") and clause.head.i != clause.i:
                clause = clause.head
                for s in _children(clause, "nsubj"):
                    if s.pos_ != "PRON":
                        ref = resolver.actor(s)
                        # never a person: "Rakhimov believes that the visit ... it opened a
                        # channel" (it is the visit, not the one who believes)
                        if ref is not None and not _person(ref):
                            return ref
        return None

    def _reporting_subject(self, doc: Doc, t, resolver: ActorResolver, context: dict
                           ) -> dict | None:
        """"Lord Tebbit said he agreed ...", "Mr Hague added that he may have misjudged ...":
        he/she as the subject of the clause a reporting verb reports is that verb's own
        subject when it is one person (a name or a title the resolver maps to a person), or
        the same pronoun again ("He said he would ..."). The nearest person mentioned before
        (the actors stage's link) is often someone else the story named last; a subject of
        the other gender ("Mrs X said he ..."), a subject that is no person's name or a direct
        quote (where "he" is not the speaker) leaves the link alone; a person's name the
        resolver maps to no person gives ``{}`` (no argument: better than someone else's)."""
        low = t.lower_
        if low not in ("he", "she") or t.dep_ not in ("nsubj", "nsubjpass"):
            return None
        clause = t.head
        while clause.dep_ == "conj" and clause.head.i != clause.i:
            clause = clause.head  # "said he agreed ... and would ...": the first conjunct's
        if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in REPORTING:
            return None
        quote = context.get("quote")
        lo, hi = sorted((t.i, clause.head.i))
        if quote is not None and quote.kind == "direct" \
                or any(w.is_quote for w in t.doc[lo:hi]):
            return None  # '"He did not like it," the spokesman added': someone else
        subj = _children(clause.head, "nsubj")
        if len(subj) != 1:
            return None
        s = subj[0]
        i, j = np_range(s)
        gender = GENDERED_PRONOUNS.get(low)
        titles = [HONORIFICS[w.lower_.rstrip(".")] for w in s.doc[i:j]
                  if w.lower_.rstrip(".") in HONORIFICS]
        if any(g not in (None, gender) for g in titles):
            return None  # "Mrs X said he ...": someone else
        sp = quote.speaker if quote is not None else None
        if quote is not None and sp is not None and sp.start is not None \
                and sp.end is not None and sp.start <= doc.token_start(s) < sp.end:
            # the reporter is the speaker of the quote the clause is: the statement's own
            # source (one resolution for both, so "he" is not coded as someone else)
            spoke = speaker_actor(doc, quote, resolver)
            if spoke and _person(spoke):
                return spoke
        if s.pos_ == "PRON":
            return self._pronoun(doc, s, resolver, context) if s.lower_ == low else None
        if s.pos_ not in ("PROPN", "NOUN"):
            return None
        ref = resolver.actor(s)
        if ref is not None and _person(ref):
            return ref
        if s.pos_ != "PROPN" or s.ent_type_ in PLACE_OR_ORG_ENTS and not titles:
            return None  # "the spokesman said he ...": often someone else
        # a person's name the resolver maps to no person: nobody rather than whom the
        # linker reached
        return {}

    def _previous_person(self, doc: Doc, t, resolver: ActorResolver) -> dict | None:
        """He/she: the last person mentioned before the pronoun within three sentences."""
        start = doc.token_start(t)
        sent = doc.sentence_at(start)
        lo = doc.sentences[max(0, sent.idx - 3)].start if sent is not None else max(0, start - 600)
        if resolver.use_mentions and resolver.api is not None:
            ms = doc.mentions  # sorted by start: the window, not the whole document
            first = bisect.bisect_left(ms, lo, key=lambda m: m.start)
            last = bisect.bisect_left(ms, start, lo=first, key=lambda m: m.start)
            for m in reversed([m for m in ms[first:last] if lo <= m.start < start and m.actor_id]):
                r = resolver.api.actor_ref(doc, m.actor_id)
                if r and r.get("type") == "person":
                    return {"id": r["id"], "name": r.get("name"), "country": r.get("country"),
                            "sector": r.get("sector"), "type": "person", "text": m.text}
            return None
        window = doc.sentences[bisect.bisect_left(doc.sentences, lo, key=lambda s: s.start):
                               bisect.bisect_right(doc.sentences, start, key=lambda s: s.start)]
        for s in reversed([s for s in window if s.span is not None and lo <= s.start <= start]):
            persons = [e for e in s.span.ents if e.label_ == "PERSON"
                       and doc.span_offsets(e)[0] < start]
            if persons:
                e = persons[-1]
                return resolver.actor(e.root) or {"id": None, "name": e.text, "country": None,
                                                  "sector": None, "type": "person", "text": e.text}
        return None

    # ================================================================ event
    def _event(self, doc: Doc, sent, tok, p: Pattern, resolver: ActorResolver,
               question: bool, partial: bool = False, loose: bool = False,
               open_target: bool = False) -> Event | None:
        """The event of trigger ``tok`` typed by ``p``; None when its arguments do not line up.
        ``partial``: keep an event with a source or a target only (``complete: false``);
        ``loose``: keep it even with neither (the classifier typed it), with the political
        arguments the parse gives; ``open_target``: a sense that requires a target actor may
        go without one when it is a verbal reaction (``open_target_roots``) to a direct object
        that names no actor, from political sources."""
        start = doc.token_start(tok)
        quote = _quote_at(doc, start)
        context: dict = {"quote": quote, "trigger": tok.i}
        is_verb = tok.pos_ == "VERB"
        inherited = False
        circumstance = False
        patient: list = []
        if is_verb and p.experiencer:
            src_toks, tgt_toks = _experiencer_args(tok)
        elif is_verb:
            src_toks, patient, inherited = self._subject(tok)
            tgt_toks = list(patient) if patient and ("dobj" in p.target or not p.target) else []
            if not patient:
                tgt_toks = self._role_tokens(tok, p.target)
            else:
                tgt_toks += [t for t in self._role_tokens(tok, p.target) if t.dep_ != "dobj"]
        else:
            src_toks = self._role_tokens(tok, p.source)
            tgt_toks = self._role_tokens(tok, p.target)
            gov = tok.head
            if tok.dep_ == "dobj" and gov.pos_ == "VERB":
                lem = self._lemma(gov)  # "staged a raid": the tagger's lemma is "stag"
                if not src_toks and lem in LIGHT_VERBS:
                    src_toks, _, _ = self._subject(gov)
                    inherited = True
                if lem in p.governor_target:
                    tgt_toks = tgt_toks or self._subject(gov)[0]
            elif not src_toks and (carrier := self._participation_verb(tok)) is not None:
                src_toks, _, _ = self._subject(carrier)  # "Iran took part in talks with X"
                inherited = True
                # an act the clause only happens during names its partner or is no event of
                # the clause's subject ("X dealt with Y during a brief visit": whose visit?)
                circumstance = tok.head.lower_ not in PARTICIPATION_PREPS
        # an agentless passive ("two activists were arrested", "the ban was imposed"): the
        # text names the patient only; the event is kept without a source (complete: false)
        agentless = (is_verb and not src_toks and bool(patient) and _is_passive(tok)
                     and ("dobj" in p.target or not p.target) and p.min_sources <= 1)
        if agentless and p.patient_source:  # "troops were put on standby": the troops' side
            src_toks, tgt_toks, agentless = list(patient), [], False
        partial = partial or agentless
        if not src_toks and not (partial and tgt_toks) and not loose:
            return None  # no source phrase at all: nothing to resolve
        if (p.requires_target or p.object_class == "actor") and not tgt_toks and not (
                is_verb and self._fallback_targets(tok, p)):
            return None  # cheap exit before the (costly) phrase resolution
        sources = self._resolve(doc, src_toks, resolver, allow_place=False, context=context)
        if sources:
            context["antecedent"] = sources[0]
        # an attacked place stands for its state ("fired shells at Seoul"); a place in a
        # locative phrase stays the location ("clashed in Tashkent")
        attack = _material_conflict(p.cameo)
        reaction = quad_of_cameo(p.cameo) in (0, 1, 3) and not attack
        targets = self._resolve(doc, tgt_toks, resolver, allow_place=p.place_target or attack,
                                context=context, nominal=True, agents=reaction)
        if not sources and targets and tgt_toks:
            context["antecedent"] = targets[0]
            sources = self._resolve(doc, src_toks, resolver, allow_place=False, context=context)
        targets = [t for t in targets if not any(_same(t, s) for s in sources)]
        if not targets and sources and is_verb:
            extra = self._fallback_targets(tok, p)
            if extra:
                targets = [t for t in self._resolve(doc, extra, resolver,
                                                    allow_place=p.place_target or attack,
                                                    context=context, nominal=True,
                                                    agents=reaction)
                           if not any(_same(t, s) for s in sources)]
                tgt_toks = tgt_toks + extra
        if is_verb and sources and targets and cameo_root(p.cameo) == 15:
            targets = self._posture_targets(doc, tok, sources, targets, resolver, context,
                                            alert=p.cameo == ALERT_CODE)
        if is_verb and sources and (p.cameo or "")[:2] == "13" and not any(
                t.get("id") or t.get("country") for t in targets):
            # a threat is aimed at whoever must meet its condition: "threatened to close the
            # strait unless Washington lifted ..." -> USA (CAMEO 13x: the threatened party)
            cond = [t for t in self._resolve(doc, self._condition_subjects(tok), resolver,
                                              allow_place=False, context=context, generic=False)
                    if (t.get("id") or t.get("country")) and not any(_same(t, s) for s in sources)]
            if cond:
                targets = cond
        if circumstance and not targets:
            return None
        if not targets and len(sources) >= 2 and self._symmetric(tok):
            # "the Philippines and France agree", "Turkey and Iran held talks": each is the
            # other's partner; the dyads (self-pairs skipped) give both directions
            targets = list(sources)
        if loose:  # "Arsenal beat Chelsea": clubs, firms and unknown names are no actors
            sources = [a for a in sources if _political(a)]
            targets = [a for a in targets if _political(a)]
        elif not (sources or partial and targets) or len(sources) < p.min_sources and not partial:
            return None
        if (p.requires_target or p.object_class == "actor") and not targets and not (
                open_target and is_verb and sources and (p.cameo or "")[:2] in OPEN_TARGET_ROOTS
                and any(t.dep_ == "dobj" for t in tgt_toks) and (p.particle or not any(
                    c.dep_ == "prt" for c in tok.children))  # "back up their words"
                and all(_political(a) for a in sources)):
            return None
        if p.source_type and not any((s.get("type") or "") in p.source_type for s in sources):
            return None
        if p.political_source and not any(
                (s.get("type") in GOV_TYPES - {"state"} or s.get("sector") in GOV_SECTORS)
                for s in sources):
            return None  # "a Turkish pop singer arrived": a nationality is not an office
        code = p.cameo
        for t in targets:
            if t.get("type") in p.target_type:
                code = str(p.target_type[t["type"]])
                break
        for s in sources:
            if s.get("sector") in p.source_sector:
                code = p.source_sector[s["sector"]]
                if code in (None, "none"):
                    return None  # the pattern says this sense does not apply to such actors
                code = str(code)
                break
        if quad_of_cameo(code) == 4 and any(c.lower_ in TEST_WORDS and c.i < tok.i
                                            for c in tok.children):
            code = "150"  # "test-fired two missiles": a show of force, not an attack
        # news attribution ("X attacked Y, officials said") keeps a factual clause asserted;
        # who said it is ``attributed_to`` (event-data practice)
        modality = modality_of(tok, pattern_intent=p.intent, question=question and is_verb)
        if p.negated and modality in ("negated", "future"):
            modality = "asserted"  # "had no comment", "would not comment": the refusal was made
        if modality == "hypothetical" and code[:2] == "13" and _condition_only(tok):
            modality = "asserted"  # a threat states its condition ("warned X of retaliation if")
        elif modality == "hypothetical" and _condition_only(tok) and _stated_intent(tok):
            # "is ready to strike Israel if attacked", "will send troops if asked": a
            # conditional offer or threat is an intention (AGREE / THREATEN below)
            modality = "future"
        trigger_text = self._trigger_text(tok, p)
        # an official's "X must stop ..." inside a quote is the official's demand on X
        if modality == "recommended" and quote is not None:
            speaker = speaker_actor(doc, quote, resolver)
            if speaker and _demands(speaker):
                plover_demanded = self.onto.plover_for_cameo(code) or ""
                code = requested_code(tok, plover_demanded,  # should: 02x, must: 10x
                                      DEMAND_CODE.get(plover_demanded, DEMAND_DEFAULT))
                targets = [s for s in sources if not _same(s, speaker)]
                sources = [speaker]
                modality = "asserted"  # the demand itself was made: the speaker's act
        # PLOVER: future meetings, support, cooperation and aid are coded AGREE (intent)
        if p.raw_code:
            pass  # an imported dictionary's code already says what it means
        elif modality == "future" and wanted_by_other(tok):
            pass  # someone else wants the act ("Germany wants to see Iran's withdrawal"): no intent
        elif modality == "future" and self.onto.plover_for_cameo(code) in FUTURE_AS_AGREE and not p.plover:
            code = FUTURE_AS_AGREE[self.onto.plover_for_cameo(code) or ""]
        elif modality == "future" and self.onto.plover_for_cameo(code) in FUTURE_AS_THREAT and not p.plover:
            code = FUTURE_AS_THREAT[self.onto.plover_for_cameo(code) or ""]
        elif modality == "negated" and self.onto.plover_for_cameo(code) in REFUSAL_AS_REJECT \
                and not p.plover and refusal(tok):
            code = REFUSAL_AS_REJECT[self.onto.plover_for_cameo(code) or ""]
            modality = "asserted"  # the refusal itself was stated
        cc: CameoCode | _RawCode | None = self.onto.cameo_code(code)
        if p.raw_code and (cc is None or cc.code != code):
            # an imported dictionary's own code: kept as given, typed by its CAMEO parent (if any)
            cc = _RawCode(code, cc)
        elif cc is None:  # CAMEO 01x has no PLOVER type: kept, with plover null
            return None
        if sources and not targets and cc.code:
            implied = self._domestic_target(cc.code, sources, resolver,
                                            self._place_country(tok, [], resolver))
            if implied is not None:
                targets = [implied]
        if any(_ethnic(a) for a in sources + targets):
            place = self._place_country(tok, [], resolver)
            if place:
                sources = [_resident(a, place) for a in sources]
                targets = [_resident(a, place) for a in targets]
        plover = p.plover or cc.plover
        mode = p.mode if p.mode is not None else cc.mode
        contexts = list(p.contexts) if p.contexts is not None else list(cc.contexts)
        for ctx in self._sentence_contexts(sent.span):
            if ctx not in contexts:
                contexts.append(ctx)
        date, precision = event_date(tok, doc.document.date, future=modality == "future")
        if modality == "claimed":
            self._claims.append((tok, sources))
        arg_toks = [t for t in _expand(src_toks + tgt_toks) if t.sent == tok.sent]
        i0 = min([tok.i] + [np_range(t)[0] for t in arg_toks])
        i1 = max([tok.i] + [t.i for t in arg_toks]) + 1
        s_abs, e_abs = doc.span_offsets(tok.doc[i0:i1])
        s_abs = min(s_abs, start)
        conf = 0.9 if is_verb else 0.8
        if inherited:
            conf -= 0.1
        if not resolver.use_mentions:
            conf -= 0.1
        if any(s.get("id") is None for s in sources):
            conf -= 0.05
        eid = hashlib.sha1(f"{doc.id}:{start}:{code}".encode()).hexdigest()[:16]
        complete = bool(sources and targets)
        if agentless and not sources:
            self._agentless[eid] = tok.i
        return Event(
            id=eid, sentence=sent.idx, start=s_abs, end=e_abs, trigger=trigger_text,
            plover=plover, mode=mode, contexts=contexts, cameo=cc.code, goldstein=cc.goldstein,
            quad_class=cc.quad_class, source=[public(s) for s in sources],
            target=[public(t) for t in targets], location=self._location(tok, tgt_toks),
            modality=modality, date=date, date_precision=precision,
            quote_id=quote.id if quote is not None else None, confidence=round(conf, 2),
            text=doc.text[sent.start:sent.end],
            typed_by=["verb-dictionary" if p.raw_code else "patterns"], complete=complete,
            attributed_to=attributed_to(quote))

    def _participation_verb(self, tok):
        """The verb of taking part whose "in" phrase is the act noun ``tok`` ("Iran took part
        in talks with X", "participated in the negotiations", "played a role in the attack"),
        or the clause an act noun is the circumstance of ("said during talks with X"): its
        subject is the act's source. None when ``tok`` is no such phrase's object."""
        prep = tok.head
        if tok.dep_ != "pobj" or prep.i == tok.i or prep.dep_ != "prep":
            return None
        gov = prep.head
        if prep.lower_ in CIRCUMSTANCE_PREPS or prep.lower_ in PURPOSE_PREPS and \
                gov.pos_ == "VERB" and self._lemma(gov) in TRAVEL_VERBS:
            # "said during talks with X", "flew to Moscow for talks with Y": the clause's
            # subject takes part (not a passive's: "were killed during an attack")
            return gov if gov.pos_ == "VERB" and not _is_passive(gov) else None
        if prep.lower_ not in PARTICIPATION_PREPS:
            return None
        if gov.pos_ in NOUN_POS and gov.lemma_.lower() in PARTICIPATION_NOUNS and gov.dep_ == "dobj":
            verb = gov.head  # "took part in", "played a key role in"
            return verb if verb.pos_ == "VERB" and self._lemma(verb) in PARTICIPATION_NOUN_VERBS else None
        if gov.pos_ != "VERB":
            return None
        lem = self._lemma(gov)
        if lem in PARTICIPATION_VERBS or lem in PARTICIPATION_NOUN_VERBS and any(
                o.lemma_.lower() in PARTICIPATION_NOUNS for o in _children(gov, "dobj")):
            return gov  # "participated in", or "took part" with "in" hung on the verb
        return None

    def _domestic_target(self, code: str, sources: list[dict], resolver: ActorResolver,
                         place: str | None = None) -> dict | None:
        """The implicit target of an act that is domestic by definition (``lang/en/events.yaml``
        ``domestic_targets``): the source's own state, its government for a protest by its
        people ("Chilean students protested" -> CHL GOV), its population for a curfew or a
        crackdown by its government ("Kenya imposed a curfew" -> KEN CVL). Only when every
        source has the same country, protesters are not officials and the repressor is.
        ``place``: the country of the act's location; when it is another state's, the act is
        aimed at that state's authorities or population ("Israel reimposed blockades in the
        West Bank" -> PSE CVL; prisoners rioting in a jail of another state protest against
        its government)."""
        table = self.lex.get("domestic_targets") or {}
        key = max((k for k in table if code.startswith(str(k))), key=len, default=None)
        countries = {s.get("country") for s in sources}
        if key is None or len(countries) != 1 or None in countries:
            return None
        sector = str(table[key])
        official = [s.get("sector") in GOV_SECTORS | {"COP", "SPY"}
                    or (s.get("type") or "") in GOV_TYPES - {"state"} for s in sources]
        if sector == "GOV" and (any(official) or any(
                s.get("type") == "state" and (s.get("text") or "") == (s.get("name") or "")
                for s in sources)):
            return None  # a state's or a government's "protest" is diplomatic: no implied target
        if sector != "GOV" and not all(ok or s.get("type") == "state" and s.get("sector") is None
                                       or s.get("type") == "person"
                                       and s.get("sector") not in NON_STATE_SECTORS
                                       for ok, s in zip(official, sources)):
            return None  # only an authority (a state, an office, a leader) represses
        country = countries.pop()
        if place and place != country:
            country = place  # the act happens in, and is aimed at, another state
        kb = resolver._kb() if hasattr(resolver, "_kb") else None
        d = kb.derived(country, sector) if kb is not None and sector == "GOV" else None
        st = kb.derived(country, None) if kb is not None else None
        name = (d.name if d is not None else None) or (st.name if st is not None else country)
        return {"id": d.id if d is not None else None, "name": name, "country": country,
                "sector": sector, "type": "government" if sector == "GOV" else None,
                "text": name, "implied": True}

    def _condition_subjects(self, tok) -> list:
        """Subjects of the if/unless clauses hanging on the trigger or on its complements
        ("threatened to launch an offensive unless Baghdad accepted ...": Baghdad)."""
        marks = self.lex["modality"]["conditional_marks"] - {"whether"}
        out: list = []
        todo, seen = [tok], 0
        while todo and seen < 6:
            head = todo.pop(0)
            seen += 1
            for c in head.children:
                if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX"):
                    todo.append(c)  # "warned it would retaliate if NATO deployed ...": NATO
                elif c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in marks
                                               for g in c.children):
                    out += [g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")
                            and g.pos_ != "PRON"]
        return out

    def _symmetric(self, tok) -> bool:
        """A symmetric act (``lang/en/events.yaml`` ``symmetric_verbs``, or an act on a
        relation noun, ``symmetric_objects``)."""
        sets = self.__dict__.get("_symmetric_sets")
        if sets is None:  # the lexicon is fixed once the coder is built: the sets once too
            sets = self._symmetric_sets = (frozenset(self.lex.get("symmetric_verbs") or ()),
                                           frozenset(self.lex.get("symmetric_objects") or ()))
        verbs, objs = sets
        lemma = tok.lemma_.lower()
        if lemma in verbs or (tok.pos_ in NOUN_POS and lemma in objs):
            return True
        return any(o.lemma_.lower() in objs for o in _direct_objects(tok))

    def _sentence_contexts(self, span) -> list[str]:
        """PLOVER contexts named by words of the sentence (lang/en/events.yaml ``contexts``)."""
        table = self.lex["context_of"]
        text = span.text.lower()
        found = []
        for t in span:
            for key in (t.lemma_.lower(), t.lower_):
                ctx = table.get(key)
                if ctx and ctx not in found:
                    found.append(ctx)
        for phrase, ctx in table.items():
            if " " in phrase and phrase in text and ctx not in found:
                found.append(ctx)
        return found

    def _trigger_text(self, tok, p: Pattern) -> str:
        words = [tok]
        words += [c for c in tok.children if c.dep_ == "prt"]
        if p.object:
            words += [c for c in tok.children if c.dep_ == "dobj"]
        if p.xcomp:
            words += [c for c in tok.children if c.dep_ == "xcomp"]
        words.sort(key=lambda t: t.i)
        return " ".join(t.text for t in words)

    def _location(self, tok, used: list) -> str | None:
        o = self._location_token(tok, used)
        if o is None:
            return None
        i = min(t.i for t in o.subtree)
        j = max(t.i for t in o.subtree) + 1
        return o.doc[i:j].text

    def _location_token(self, tok, used: list, nested: bool = False):
        """The head of the place named in a locative phrase of the trigger or of its object
        ("met the ambassador in Tashkent"); ``nested``: also a place inside a locative phrase
        whose head is a common noun ("rioted at a jail in northern Israel")."""
        preps = [c for c in tok.children if c.dep_ == "prep"]
        for o in _children(tok, "dobj"):  # "met the ambassador in Tashkent"
            preps += [c for c in o.children if c.dep_ == "prep"]
        for c in preps:
            if c.lower_ in LOCATION_PREPS:
                for o in _children(c, "pobj"):
                    if o in used:
                        continue
                    if o.ent_type_ in NON_ACTOR_ENTS or _is_time_word(o):
                        continue  # "In November ...": a date is never a place
                    if o.ent_type_ in ("GPE", "LOC", "FAC") or o.pos_ == "PROPN":
                        return o
                    if nested:
                        inner = [g for pp in o.children if pp.dep_ == "prep"
                                 and pp.lower_ in LOCATION_PREPS for g in _children(pp, "pobj")
                                 if g.ent_type_ in ("GPE", "LOC") and g not in used]
                        if inner:
                            return inner[0]
        return None

    def _place_country(self, tok, used: list, resolver: ActorResolver) -> str | None:
        """The country of the place an act happens in (its locative phrase), or None."""
        o = self._location_token(tok, used, nested=True)
        if o is None:
            return None
        ref = resolver.actor(o, allow_place=True)
        return ref.get("country") if ref else None


PARTICLE_PREPS = lang_lexicon("en").words("particle_preps")


def _direct_objects(tok) -> list:
    """Direct objects, including one the parse hid behind "up to" ("kidnapped up to 16
    advisers", "contribute up to 4,000 troops") or behind a predicative as-phrase
    ("denounced as a crime X's suppression of ...")."""
    out = [c for c in tok.children if c.dep_ == "dobj"]
    if not out:
        for c in tok.children:
            if c.dep_ in ("prep", "advmod", "prt") and c.lower_ == "up":  # also read as a particle
                for to in (*c.children, *tok.children):
                    if to.dep_ == "prep" and to.lower_ == "to" and to.i == c.i + 1:
                        out += [g for g in to.children if g.dep_ == "pobj"]
    if not out:  # "denounced as an ugly crime Serbia's suppression of ...": the object moved
        # behind the as-phrase, which the parse reads as an apposition of its noun
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "as" and c.i == tok.i + 1:
                out += [a for g in c.children if g.dep_ == "pobj" for a in g.children
                        if a.dep_ == "appos" and a.pos_ in NOUN_POS]
    return out or _small_clause_objects(tok)


def _material_conflict(code: str | None) -> bool:
    """CAMEO 14-20 (protest, force posture, reduced relations, coercion, assault, fight): the
    argument conventions of material acts (attacked places, from-phrases), whatever class
    the ConfliBERT labels give 16 (``classifier.quad_of_root``)."""
    r = cameo_root(code)
    return r is not None and r >= 14


def _person(ref: dict) -> bool:
    """The actor is one person (it/they/its/their never stand for one)."""
    return ref.get("type") == "person" or str(ref.get("id") or "").startswith("PER:")


def _attitude(tok, lem: str | None = None) -> bool:
    """A verb that states an attitude to an act, never the act a classifier-typed event hangs
    on: wanting or planning ("still want to develop cooperation", ``event_attitude_verbs``) or
    a necessity with its complement ("Kazakhstan needs to diversify", "has to pay":
    ``modality.modal_governors``). ``lem``: the lemma to read (the coder's repaired one)."""
    lem = lem if lem is not None else tok.lemma_.lower()
    return lem in ATTITUDE_VERBS or (
        lem in MODAL_GOVERNORS and any(c.dep_ == "xcomp" for c in tok.children))

def _copular(tok) -> bool:
    """"have ceased to be a single space", "continues to be a partner": the verb only frames a
    state, no act for the classifier to hang an event on."""
    return any(c.dep_ == "xcomp" and c.lemma_.lower() == "be" for c in tok.children)


def _small_clause_objects(tok) -> list:
    """The object the parse made the subject of an object complement ("called [Ukraine's
    decision unacceptable]": decision)."""
    return [g for c in tok.children if c.dep_ == "oprd" for g in c.children if g.dep_ == "nsubj"]


def _token_info(tok) -> dict:
    """What the pattern conditions look at, computed once per candidate trigger."""
    prt, prep = set(), set()
    pobj: dict = {}
    prep_objs = []  # objects the parse hung on a particle-like preposition ("called off a strike")
    for c in tok.children:
        if c.dep_ == "prt":
            prt.add(c.lower_)
            # "put on standby": the parse may hang the phrase's object on the particle
            objs_of_prt = [g for g in c.children if g.dep_ == "pobj"]
            if objs_of_prt:
                pobj.setdefault(c.lower_, []).extend(objs_of_prt)
        elif c.dep_ == "advmod" and c.i == tok.i + 1 and c.lower_ in PARTICLE_PREPS:
            prt.add(c.lower_)  # "stepped down": the tagger's adverb is the verb's particle
        elif c.dep_ in ("prep", "dative", "agent"):
            prep.add(c.lower_)
            pobj.setdefault(c.lower_, []).extend(g for g in c.children if g.dep_ in ("pobj", "pcomp"))
            if not pobj[c.lower_] and c.i + 1 < len(c.doc) and c.nbor().head.i == tok.i \
                    and c.nbor().dep_ in ("advmod", "npadvmod", "dobj", "conj"):
                # a mis-parsed object: "put their forces on standby" with "standby" tagged
                # as the verb's adverb; the word right after the bare preposition is its object
                pobj[c.lower_].append(c.nbor())
            if c.lower_ in PARTICLE_PREPS:
                prt.add(c.lower_)
                prep_objs += [g for g in c.children if g.dep_ == "pobj"]
                for g in c.children:  # "pulled out of the talks": the particle's of-phrase
                    if g.dep_ == "prep":
                        prep.add(g.lower_)
                        pobj.setdefault(g.lower_, []).extend(
                            x for x in g.children if x.dep_ in ("pobj", "pcomp"))
    if tok.pos_ in NOUN_POS:
        objs = list(pobj.get("of", []))
    else:
        objs = _direct_objects(tok) + [c for c in tok.children if c.dep_ == "nsubjpass"] + prep_objs
    # what an amount measures is the object: "tons of food", "15 million euros in aid"
    objs = objs + [g for o in objs if o.lemma_.lower() in QUANTITY_HEADS
                   for g in _prep_objects(o, "of") + _prep_objects(o, "in")]
    # ... and what a count stands for: "met many of the demands"
    objs = objs + [g for o in objs if o.lemma_.lower() in COUNT_HEADS - QUANTITY_HEADS
                   for g in _prep_objects(o, "of")]
    objs = _expand(objs)
    words = set()
    for o in objs:
        words.add(o.lemma_.lower())
        words.add(o.lower_)
    xs = [c for c in tok.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX")]
    return {"prt": prt, "prep": prep, "pobj": pobj, "objs": objs, "obj_words": words, "xs": xs,
            "x_lemmas": {x.lemma_.lower() for x in xs}, "pred_words": _predicate_words(tok)}


def _predicate_words(tok) -> set[str]:
    """Words of what a verb says its object is (``predicate`` of a sense): an object
    complement ("called the move *unfair*", "a *violation*"), a second object ("branded the
    report a *provocation*") or an "as" phrase ("described the sanctions as *illegal*")."""
    preds = []
    dobjs = [c for c in tok.children if c.dep_ == "dobj"]
    for c in tok.children:
        if c.dep_ in ("oprd", "xcomp", "ccomp") and c.pos_ in ("ADJ", "NOUN") \
                or c.dep_ == "dobj" and len(dobjs) > 1 and c is not dobjs[0]:
            preds.append(c)
        elif c.dep_ == "prep" and c.lower_ == "as":
            preds += [g for g in c.children if g.dep_ in ("pobj", "amod", "acomp")]
    # "an act of aggression": the of-phrase of a light head says what it is
    preds += [g for p in preds if p.lemma_.lower() in ("act", "form", "kind")
              for c in p.children if c.dep_ == "prep" and c.lower_ == "of"
              for g in c.children if g.dep_ == "pobj"]
    return {w for p in preds for w in (p.lemma_.lower(), p.lower_)}


class _RawCode:
    """A code from an imported verb dictionary that is not (exactly) in the CAMEO table: the
    code is kept; PLOVER type, Goldstein score and QuadClass come from its CAMEO parent."""

    def __init__(self, code: str, parent) -> None:
        self.code = code
        self.plover = parent.plover if parent is not None else None
        self.mode = parent.mode if parent is not None else None
        self.contexts = parent.contexts if parent is not None else ()
        self.goldstein = parent.goldstein if parent is not None else None
        self.quad_class = parent.quad_class if parent is not None else None


def deinflect(word: str) -> list[str]:
    """Base-form candidates of an inflected English verb, most likely first (regular
    inflection only: -ed, -ing, -s with their spelling changes)."""
    w = word
    out: list[str] = []
    if w.endswith("ied") and len(w) > 4:
        out.append(w[:-3] + "y")
    if w.endswith("ed") and len(w) > 3:
        out += [w[:-1], w[:-2]]
        if len(w) > 4 and w[-3] == w[-4]:
            out.append(w[:-3])  # "planned" -> "plan"
    if w.endswith("ing") and len(w) > 4:
        out += [w[:-3] + "e", w[:-3]]
        if len(w) > 5 and w[-4] == w[-5]:
            out.append(w[:-4])
    if w.endswith("ies") and len(w) > 4:
        out.append(w[:-3] + "y")
    if w.endswith("es") and len(w) > 3:
        out += [w[:-1], w[:-2]]
    elif w.endswith("s") and len(w) > 2:
        out.append(w[:-1])
    return out


ETHNIC_WORDS = lang_lexicon("en").words("ethnic_words")


def _stated_intent(tok) -> bool:
    """The act is stated as what the actor will do: "will"/"shall", or the complement of
    "ready", "willing", "prepared", "plans to" (``future_governors``)."""
    m = lexicon()["modality"]
    if any(c.dep_ == "aux" and c.lower_ in m["future_aux"] for c in tok.children):
        return True
    return tok.dep_ == "xcomp" and tok.head.lemma_.lower() in m["future_governors"]


def _condition_only(tok) -> bool:
    """The trigger's only hypothetical cue is an if/unless clause of its own (no could/would/
    might): for a threat the condition is part of what is said, not a doubt about saying it."""
    m = lexicon()["modality"]
    if any(c.dep_ in ("aux", "auxpass") and (c.lower_ in m["hypothetical_aux"] or c.lower_ == "can")
           for c in tok.children):
        return False
    if any(a.dep_ in ("xcomp", "ccomp", "advcl") for a in (tok,)) and tok.head.lemma_.lower() in \
            m["hypothetical_governors"]:
        return False
    return any(condition_clause(c) for c in tok.children)


def _ethnic(a: dict) -> bool:
    """An argument named as an ethnic group ("ethnic Albanians", "ethnic Serb civilians"): a
    nationality word that names a people, not a state's citizens."""
    words = (a.get("text") or "").lower().split()
    return bool(a.get("country")) and any(w in ETHNIC_WORDS for w in words)


def _resident(a: dict, place: str) -> dict:
    """An ethnic group is coded by the state it lives in when the act's place names one ("Serb
    forces killed three ethnic Albanians in southern Serbia" -> SRB, as event data code
    residents): its country becomes the place's, its id (the kin state's) is dropped."""
    if not _ethnic(a) or a.get("country") == place:
        return a
    return dict(a, id=None, name=a.get("text") or a.get("name"), country=place,
                sector=a.get("sector") or "CVL", type=None)


def _is_time_word(tok) -> bool:
    """Month and weekday names (lang/en/dates.yaml), whatever the parser tagged them."""
    from .dates import MONTHS, WEEKDAYS

    return tok.lower_ in MONTHS or tok.lower_ in WEEKDAYS


def _political(a: Any) -> bool:
    """An actor event data codes: known to the knowledge base, or with a country or sector."""
    return bool(a.get("id") or a.get("country") or a.get("sector"))


def _generic_agent(t) -> dict | None:
    """"militants", "the army convoy", "a militant camp": a group named by its sector noun alone is
    an actor with that sector and no country (CAMEO codes such agents by sector: REB, MIL,
    COP); with a country the resolver has already coded it ("Russian troops" -> RUS MIL)."""
    if t.pos_ != "NOUN" or t.ent_type_:
        return None
    hs = head_sector(t)
    if hs is None and t.lemma_.lower() in MANNED_HEADS:
        # "an army convoy": the sector of a modifier, on a head that stands for its crew (not
        # "a general strike", "a military offensive")
        hs = next((head_sector(c) for c in t.children
                   if c.dep_ in ("compound", "amod") and c.pos_ in ("NOUN", "ADJ")
                   and head_sector(c)), None)
    if hs is None:
        return None
    i, j = np_range(t)
    words = [x for x in t.doc[i:j] if x.dep_ not in ("det", "predet", "nummod", "punct")
             and x.pos_ not in ("DET", "NUM")]
    name = " ".join(x.text for x in words) or t.text
    return {"id": None, "name": name, "country": None, "sector": hs, "type": None, "text": name}


def _recipients(tok) -> list:
    """Who receives aid or cooperation the trigger's phrase does not attach to the verb: a
    "to"/"for" phrase inside the object ("provides 10 million euros in aid to the Palestinian
    people", "the release of $1.2 billion in assistance to Egypt"), else the object of a purpose
    clause of helping ("donated ventilators to help Ethiopia"; ``aid_purpose_verbs``)."""
    out: list = []
    if tok.lemma_.lower() in GIVING_VERBS:  # "provide 20 million dollars of aid for Laos"
        out += [o for o in _prep_objects(tok, "for") if o.pos_ in NOUN_POS]
    todo = list(_direct_objects(tok))
    seen = 0
    while todo and seen < 12:
        o = todo.pop(0)
        seen += 1
        for c in o.children:
            if c.dep_ == "prep" and c.lower_ in ("to", "for"):
                out += [g for g in c.children if g.dep_ == "pobj" and g.pos_ in NOUN_POS]
            elif c.dep_ == "prep" and c.lower_ in ("of", "in", "as"):
                # "of aid", "in aid", "supplies and personnel such as doctors to Nepal"
                todo += [g for g in c.children if g.dep_ == "pobj"]
            elif c.dep_ == "conj" and c.pos_ in NOUN_POS:
                todo.append(c)
            elif c.dep_ in ("nummod", "quantmod", "compound") and c.pos_ in ("NUM", "SYM", "NOUN"):
                todo.append(c)
    if out:
        return out
    for c in tok.children:
        if c.dep_ in ("advcl", "xcomp") and c.lemma_.lower() in AID_PURPOSE_VERBS and any(
                a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
            out += [o for o in _children(c, "dobj") if o.pos_ in NOUN_POS]
            for g in c.children:  # "to help Zambia fight measles": whom it helps do it
                if g.dep_ in ("ccomp", "xcomp"):
                    out += [x for x in _children(g, "nsubj") if x.pos_ in NOUN_POS]
    return out


def argument_span(doc: Doc, tok, actor=None) -> tuple[int, int]:
    """Offsets of the noun phrase of an argument headed by ``tok``, the extent event annotation
    gives an argument (ACE, the ConfliBERT spans): with its determiner ("the Chinese
    government") and its prepositional complements ("protesters in southern Nepal", "an accord
    with Iran"), up to the first clause, comma or coordination (relative and participle
    clauses, conjuncts: those are arguments of their own). ``actor``: the token that named the
    actor inside that phrase ("Germany" of "Germany's decision"), always covered."""
    i, j = np_range(tok)
    for c in tok.lefts:
        if c.dep_ in ("det", "predet") or c.pos_ == "DET":
            i = min(i, c.left_edge.i)
    for c in tok.rights:
        if c.dep_ in ARG_SPAN_STOPS or _adjunct(c):
            break
        if tok.pos_ == "PROPN" and c.dep_ == "prep" and c.lower_ in LOCATION_PREPS:
            break  # "President X in Rome": where the named actor was, not part of the name
        j = max(j, c.right_edge.i + 1)
    if actor is not None and actor.i != tok.i:
        a, b = np_range(actor)
        i, j = min(i, a), max(j, b)
    while j - 1 > i and tok.doc[j - 1].is_punct:
        j -= 1
    while i < j - 1 and tok.doc[i].is_punct:
        i += 1
    return doc.span_offsets(tok.doc[i:j])


def _adjunct(c) -> bool:
    """A dependent of an argument's head that belongs to the clause, not to the phrase: the
    parse hung a time ("the EU's foreign policy chief on Monday"), an adverb ("a delegation
    here") or a medium ("the office in a statement") on the noun."""
    if c.dep_ in ("advmod", "npadvmod"):
        return True
    if c.dep_ != "prep":
        return False
    objs = [g for g in c.children if g.dep_ == "pobj"]
    return any(o.ent_type_ in ("DATE", "TIME") or _is_time_word(o)
               or o.lemma_.lower() in ADJUNCT_NOUNS for o in objs)


def _act_agents(t) -> list:
    """The named agent of an act noun: its possessor or a proper-name/nationality modifier
    ("Serbia's crackdown", "the US mediation", "Turkish shelling", "crimes by extremists", "the
    US-led war"), or
    the agent of a clause on it that says who made or did it ("the proposal submitted by China",
    "the plan that was drafted by Nigeria", "the drills that Russia and Belarus began")."""
    out = [c for c in t.children if c.i < t.i and (
        c.dep_ == "poss" and c.pos_ in NOUN_POS
        or c.dep_ in ("compound", "amod", "nmod") and (
            c.pos_ == "PROPN" or c.ent_type_ in ("NORP", "GPE", "ORG")))] + [
        o for o in _prep_objects(t, "by") if o.pos_ in NOUN_POS]
    for c in t.children:  # "the US-led war": who led it (agent_participles)
        if c.i < t.i and c.dep_ == "amod" and c.lower_ in AGENT_PARTICIPLES:
            out += [g for g in c.children if g.i < c.i and g.dep_ in ("npadvmod", "compound", "nmod")
                    and (g.pos_ == "PROPN" or g.ent_type_ in ("NORP", "GPE", "ORG"))]
    for c in t.children:
        if c.i < t.i or c.dep_ not in ("acl", "relcl") or c.pos_ != "VERB":
            continue
        if c.dep_ == "acl" and c.tag_ != "VBN":
            continue  # "the attack killing 20": the noun is the clause's subject, not its object
        if c.dep_ == "relcl" and not _is_passive(c):
            # the noun is the clause's object: its subject did it ("that Russia began")
            out += [s for s in _children(c, "nsubj") if s.pos_ in NOUN_POS]
        else:
            out += [o for o in _prep_objects(c, "by") if o.pos_ in NOUN_POS]
    return out


def _experiencer_args(tok) -> tuple[list, list]:
    """(feeler, cause) tokens of a stimulus verb ("X was irritated by Y's disclosure", "Y's
    remarks angered X"): the feeler is the passive subject or the active object; the cause is
    the by-agent (or another preposition's object: "angered at/over/with") or the active
    subject, and an act noun stands for its agent ("Rover's disclosure": Rover)."""
    feelers = _children(tok, "nsubjpass")
    if feelers:
        causes = [o for a in _children(tok, "agent") for o in _children(a, "pobj")]
        for w in ("at", "over", "with", "about"):
            causes += _prep_objects(tok, w)
    else:
        feelers = _children(tok, "dobj")
        causes = _children(tok, "nsubj")
    out: list = []
    for c in causes:
        for x in (_act_agents(c) if c.pos_ == "NOUN" else []) or [c]:
            if x not in out:
                out.append(x)
    return feelers, out


def _negated_use(tok) -> bool:
    """The trigger is used negated: a negation on it ("did not comment"), a "no" object ("had
    no comment") or a "neither"/"no" subject ("Neither X nor Y commented")."""
    if any(c.dep_ == "neg" for c in tok.children):
        return True
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubj") and any(
                d.dep_ == "det" and d.lower_ in ("no", "neither") for d in c.children):
            return True
    return False


def _prep_phrase(x, r):
    """The phrase that words participant ``x`` of the act noun ``r`` when a participant
    preposition other than "of" leads to it, or "of" after an act whose complement is its
    patient ("sanctions on X", "the resumption of ties with X", "its blockade of Yemen", "a ban
    on imports of British beef" -> "British beef", the object nearest to ``x``); None for an
    owner or agent ("Romania's request", "the appeal of X", "a request by X")."""
    t, hops, nearest = x, 0, None
    while t.i != r.i and t.head.i != t.i and hops < 8:
        if t.dep_ == "pobj" and nearest is None:
            nearest = t
        if t.dep_ == "pobj" and t.head.dep_ == "prep" and t.head.lower_ in NOMINAL_PREPS and (
                t.head.lower_ != "of" or t.head.head.lemma_.lower() in PATIENT_OF_NOUNS):
            return nearest
        t, hops = t.head, hops + 1
    return None


def _nominal_participants(toks: list, hops: int = 2, agents: bool = False) -> list:
    """"welcomed the resumption of ties with Osgiliath", "condemned the sanctions against
    Iran": an object that is a common noun naming no actor (no entity, no sector head, not a
    count or quantity word) stands for the participants its prepositions name (with, between,
    against, to, on, toward, for, of), followed through a chain of such nouns ("resumption of
    ties between A and B"); an object without such participants is kept."""
    out: list = []
    for t in toks:
        inner: list = []
        if (t.pos_ == "NOUN" and not t.ent_type_ and head_sector(t) is None
                and t.lemma_.lower() not in COUNT_HEADS | QUANTITY_HEADS):
            if agents:  # a reaction is aimed at whoever did the act it reacts to
                inner = _act_agents(t)
            if not inner:
                for w in NOMINAL_PREPS:
                    inner += _prep_objects(t, w)
                for c in t.children:  # "an invitation to attend a meeting of X": its act
                    if c.dep_ == "acl" and c.pos_ == "VERB" and any(
                            a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
                        inner += [o for o in _children(c, "dobj") if o.pos_ in NOUN_POS]
                        for w in ("with", "to", "against"):  # "an invitation to meet with X"
                            inner += [o for o in _prep_objects(c, w) if o.pos_ in NOUN_POS]
                if inner and hops > 0:
                    inner = _nominal_participants(inner, hops - 1, agents)
        for x in inner or [t]:
            if x not in out:
                out.append(x)
    return out


def _class_roots(lex, lemma: str, pos: str, quad: int | None) -> list[str]:
    """CAMEO roots of class ``quad`` for ``lemma`` used as a ``pos`` ("verb"/"noun"): our
    curated senses' roots first, then the CAMEO dictionary's (most frequent first)."""
    return [r for r in (*lex.patterns.get(f"{lemma}|{pos}", ()), *lex.cameo_verbs.get(lemma, ()))
            if quad_of_cameo(r) == quad]


def _depth(tok) -> int:
    d = 0
    while tok.head.i != tok.i and d < 50:
        tok, d = tok.head, d + 1
    return d


def _has_modifiers(obj, groups) -> bool:
    """Every word group has a member among the object's left modifiers ("full diplomatic
    ties": groups [[diplomatic]])."""
    words = set()
    for c in obj.lefts:
        for t in c.subtree:
            words.add(t.lower_)
            words.add(t.lemma_.lower())
    return all(any(w in words for w in g) for g in groups)


def _class_proba(pred: Prediction, quad: int | None) -> float:
    """The classifier's probability of quad class ``quad`` (1.0 for a code outside the 20
    CAMEO roots: no class to compare)."""
    if quad is None or not 0 <= quad < len(pred.quad_proba):
        return 1.0
    return float(pred.quad_proba[quad])


def _is_passive(verb) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or (
        verb.tag_ == "VBN" and verb.dep_ in ("acl", "advcl") and any(
            c.dep_ == "agent" for c in verb.children))


def _add_spanned(refs: list, found: list, span: tuple[int, int]) -> None:
    """Append each of ``found`` not already in ``refs``, as a copy pointing at ``span`` (the
    argument's words: "the two leaders", "Kazakhstan and Uzbekistan")."""
    for r in found:
        if not any(_same(r, x) for x in refs):
            r = dict(r)
            r["start"], r["end"] = span
            refs.append(r)


def _same(a: ActorRef | dict, b: ActorRef | dict) -> bool:
    if a.get("id") and b.get("id"):
        if state_and_group(a, b):
            return False  # a state and its people or rebels ("Croatia" and "Croatian extremists")
        return a["id"] == b["id"]
    return (a.get("name") or "").lower() == (b.get("name") or "").lower()


def _quote_at(doc: Doc, offset: int) -> Quote | None:
    """The innermost quote whose span contains ``offset`` (quotes are filled before events;
    indexed once per document, not scanned per trigger)."""
    return doc.quote_containing(offset, offset + 1)
