"""Modality of a coded event: did it happen as stated, or is it denied, conditional, planned,
recommended, or only reported inside a quote?

Why it matters: commentary is full of "Russia must ...", "Russia could ...", "if ... then ...";
coding those as events that happened is the commonest error of dictionary coders. Every event
gets exactly one label, chosen in this order (the first that applies wins):

    negated       "did not", "never", "refused to", "no invasion"
    hypothetical  "could", "might", "would", an "if"/"unless" clause, a question
    recommended   "must", "should", "needs to", "it is important to"
    future        "will", "plans to", "is expected to", "the upcoming visit"
    claimed       someone claims or alleges it ("X claimed that Y attacked", "allegedly")
    reported      (no longer assigned: an attributed clause stays ``asserted`` with
                  ``attributed_to``, as in event data; kept for stored data)
    asserted      otherwise

The cues are read from the trigger's own auxiliaries and from the verbs/adjectives that govern it
through complement clauses (``xcomp``/``ccomp``/``acomp``), stopping at a reporting verb's clause.
"""

from __future__ import annotations

from ..lang import lexicon as lang_lexicon
from .lexicon import lexicon

ORDER = ("negated", "hypothetical", "recommended", "future", "claimed", "reported", "asserted")
CLAUSE_UP = {"xcomp", "ccomp", "acomp", "advcl", "conj", "relcl", "acl", "pcomp", "csubj"}
# Verbs that introduce what someone said; the modality of the saying does not pass down.
REPORTING = lang_lexicon("en").subset("reporting_verbs", "modality")
# verbs that only carry an act noun ("hold talks", "host a meeting", "wants to see a
# withdrawal"): the noun's modality is theirs
# verbs of attaining ("wants to see a withdrawal"): carriers, and the sign that the act is
# wanted by someone other than its actor (``wanted_by_other``)
ATTAINING = frozenset(lexicon()["modality"].get("attainment_carriers", ()))
CARRIERS = lang_lexicon("en").words("event_light_verbs") | frozenset(
    lexicon()["modality"].get("nominal_carriers", ())) | ATTAINING
# "will take part in talks", "is to join X in a visit": the verb of taking part carries the
# act noun's modality as a light verb does (lang/en/event_words.yaml, participation_*)
PARTICIPATION_VERBS = lang_lexicon("en").words("participation_verbs")
PARTICIPATION_NOUN_VERBS = lang_lexicon("en").words("participation_noun_verbs")
PARTICIPATION_NOUNS = lang_lexicon("en").words("participation_nouns")


def _own_cues(tok, m: dict, out: set, intent: bool) -> None:
    for c in tok.children:
        if c.dep_ == "acomp" and c.lemma_.lower() in m["recommended_governors"]:
            out.add("recommended")  # "it is important (for X) to ..."
        elif c.dep_ == "acomp" and c.lemma_.lower() in m["hypothetical_governors"]:
            out.add("hypothetical")
        low = c.lower_
        if c.dep_ == "neg" or low in ("never",) and c.dep_ in ("neg", "advmod"):
            out.add("negated")
        elif c.dep_ in ("aux", "auxpass"):
            if low in m["hypothetical_aux"] or c.lemma_.lower() in ("can",) and low != "can":
                out.add("hypothetical")
            elif low == "can":
                pass  # ability in the present ("can help") is not an event that happened
            elif low in m["recommended_aux"] and low != "shall":
                out.add("recommended")
            elif low in m["future_aux"] and not intent:
                out.add("future")
        elif c.dep_ == "mark" and low in m["conditional_marks"]:
            out.add("hypothetical")
        elif c.dep_ == "det" and low == "no":
            out.add("negated")
        elif c.dep_ == "amod" and low in m["future_adjectives"]:
            out.add("future")
    if any(c.lower_ == "can" and c.dep_ == "aux" for c in tok.children):
        out.add("hypothetical")


def condition_clause(tok) -> bool:
    """``tok`` heads an "if"/"unless" adverbial clause (``conditional_marks``): what it says is
    supposed ("If the Americans changed their policy, ..."), neither done nor spoken of."""
    marks = lexicon()["modality"]["conditional_marks"]
    return tok.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in marks for g in tok.children)


def _conditional_child(tok, out: set) -> None:
    """A clause with an "if"/"unless" adverbial clause is itself conditional."""
    if any(condition_clause(c) for c in tok.children):
        out.add("hypothetical")


def _reported_would(tok, m: dict) -> bool:
    """"would" is the only hypothetical cue of a clause reported by a speech verb, with no
    if/unless clause: "Iraq said it would allow the inspectors back" reports an intention."""
    if tok.dep_ != "ccomp" or tok.head.lemma_.lower() not in REPORTING:
        return False
    auxes = [c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")]
    if "would" not in auxes or any(a in m["hypothetical_aux"] and a != "would" for a in auxes):
        return False
    cond: set = set()
    _conditional_child(tok, cond)
    if cond or any(c.dep_ == "mark" and c.lower_ in m["conditional_marks"] for c in tok.children):
        return False
    return not any(c.dep_ == "acomp" and c.lemma_.lower() in m["hypothetical_governors"]
                   for c in tok.children)


def claim_head(tok):
    """The verb that claims the clause of ``tok`` ("claimed", "alleged", "accused ... of"), or
    None: its subject is who makes the claim."""
    m = lexicon()["modality"]
    gov = set(m.get("claimed_governors", ()))
    cur, hops = tok, 0
    while cur.head.i != cur.i and hops < 6:
        head = cur.head
        if cur.dep_ in ("ccomp", "pcomp") and head.lemma_.lower() in gov:
            return head
        if cur.dep_ == "pcomp" and head.dep_ == "prep" and head.head.lemma_.lower() in gov:
            return head.head
        if cur.dep_ not in CLAUSE_UP | {"pcomp", "prep"}:
            return None
        cur, hops = head, hops + 1
    return None


def modality_of(tok, pattern_intent: bool = False, question: bool = False) -> str:
    """The modality label for the trigger token ``tok`` (see module docstring)."""
    m = lexicon()["modality"]
    cues: set[str] = set()
    _own_cues(tok, m, cues, pattern_intent)
    _conditional_child(tok, cues)
    if "hypothetical" in cues and _reported_would(tok, m):
        # "X said it would allow ...": future in the past of the reported clause, not a guess
        cues.discard("hypothetical")
        if not pattern_intent:
            cues.add("future")
    # climb the clause chain: "refused to X", "plans to X", "it is important to X", "if ... X"
    cur = tok
    hops = 0
    while cur.dep_ in CLAUSE_UP | {"dobj", "pobj", "nsubj", "nsubjpass", "prep"} and hops < 6:
        head = cur.head
        if head.i == cur.i:
            break
        lem = head.lemma_.lower()
        if cur.dep_ in ("xcomp", "ccomp", "acomp", "csubj", "advcl", "relcl", "acl", "pcomp"):
            if cur.dep_ in ("ccomp", "pcomp") and lem in m.get("claimed_governors", ()):
                cues.add("claimed")
                break
            if cur.dep_ == "pcomp" and head.dep_ == "prep" and head.head.lemma_.lower() in \
                    m.get("claimed_governors", ()):
                cues.add("claimed")  # "accused X of attacking Y"
                break
            if cur.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ in ("against", "from"):
                gov = head.head.lemma_.lower()
                if gov in m["negated_governors"] or gov in m.get("deterring_governors", ()):
                    cues.add("negated")  # "refrained from attacking", "prevented X from leaving"
                    break
                if gov in m["hypothetical_governors"]:
                    cues.add("hypothetical")  # "warned Russia against invading Ukraine"
                    break
            if cur.dep_ == "ccomp" and lem in REPORTING:
                break
            if lem in m["negated_governors"] and cur.dep_ in ("xcomp", "ccomp"):
                cues.add("negated")
            elif lem in m["future_governors"] and (cur.dep_ == "xcomp" or cur.dep_ == "ccomp"
                                                    and _own_subject_infinitive(cur)):
                cues.add("future")  # "plans to withdraw", "expects Russia to withdraw"
            elif lem in m["recommended_governors"]:
                cues.add("recommended")
            elif lem in m["hypothetical_governors"]:
                cues.add("hypothetical")
            if cur.dep_ == "advcl" and any(c.dep_ == "acomp" for c in head.children):
                _own_cues(head, m, cues, pattern_intent)
            if cur.dep_ in ("xcomp", "ccomp", "acomp", "csubj", "pcomp"):
                _own_cues(head, m, cues, pattern_intent)
                _conditional_child(head, cues)
        elif cur.dep_ in ("nsubj", "nsubjpass") and tok.pos_ == "NOUN":
            # "the visit ... is expected", "the invasion could happen"
            if lem in m["future_nominal_governors"] or head.lemma_.lower() == "plan":
                cues.add("future")
            _own_cues(head, m, cues, pattern_intent)
        elif (cur.dep_ == "prep" and cur.lower_ == "for" and tok.pos_ == "NOUN"
              and lem in m.get("requesting_governors", ())):
            cues.add("recommended")  # "called for the release of the prisoners"
            break
        elif cur.dep_ in ("dobj", "pobj", "prep") and tok.pos_ == "NOUN":
            # "end its invasion" is about the noun, not a modality of it; stop at the verb
            if cur.dep_ == "prep" and (lem in PARTICIPATION_VERBS or lem in PARTICIPATION_NOUN_VERBS
                                       and any(o.dep_ == "dobj" and o.lemma_.lower()
                                               in PARTICIPATION_NOUNS for o in head.children)):
                # "will participate in talks": the talks are as the taking part is
                _own_cues(head, m, cues, pattern_intent)
            if cur.dep_ == "dobj" and lem in PARTICIPATION_NOUN_VERBS \
                    and cur.lemma_.lower() in PARTICIPATION_NOUNS:
                # "will take part in talks", "is due to take part in ..."
                _own_cues(head, m, cues, pattern_intent)
                if head.dep_ in ("xcomp", "ccomp", "conj"):
                    cur, hops = head, hops + 1
                    continue
                break
            if cur.dep_ == "dobj":
                if lem in m["future_nominal_governors"]:
                    cues.add("future")
                if lem in m.get("requesting_governors", ()):
                    cues.add("recommended")  # "demanded the withdrawal": wanted, not done
                    break
                if lem in CARRIERS and head.dep_ in ("xcomp", "ccomp", "conj"):
                    # "offered to host talks": a verb that only carries the act noun gives it
                    # its own modality (the talks are offered, not held)
                    _own_cues(head, m, cues, pattern_intent)
                    cur, hops = head, hops + 1
                    continue
                break
        own_clause = any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "neg")
                         for c in cur.children)
        if cur.dep_ == "conj" and not own_clause:
            # a coordinated verb shares the first conjunct's auxiliaries ("will meet and sign");
            # a conjunct with its own subject or auxiliary does not ("did not condemn X, but it
            # has refused to recognise Y": the refusal is asserted)
            for c in head.children:
                if c.dep_ in ("aux",) and c.lower_ in m["future_aux"] and not pattern_intent:
                    cues.add("future")
                elif c.dep_ == "aux" and c.lower_ in m["hypothetical_aux"]:
                    cues.add("hypothetical")
                elif c.dep_ == "aux" and c.lower_ in m["recommended_aux"]:
                    cues.add("recommended")
                elif c.dep_ == "neg":
                    cues.add("negated")
        cur = head
        hops += 1
    if question and tok.pos_ == "VERB":
        cues.add("hypothetical")
    if headline_infinitive(tok) or cur is not tok and headline_infinitive(cur):
        cues.add("future")
    if any(c.dep_ == "advmod" and c.lower_ in m.get("claimed_adverbs", ()) for c in tok.children):
        cues.add("claimed")
    for label in ORDER:
        if label in cues:
            return label
    return "asserted"


def wanted_by_other(tok) -> bool:
    """Whether ``tok``'s act is future only because someone other than its actor wants,
    expects or plans it: the act is a noun carried by a verb of attaining ("Germany wants to see
    a withdrawal of Iranian troops") or a to-clause with its own subject ("Turkey expects Russia
    to withdraw"). Why: a future act is coded as its actor's intent (CAMEO 03x, PLOVER AGREE;
    13x threats) only when the actor is the one who means to do it; Germany wanting Iran's
    troops gone is no Iranian intent."""
    m = lexicon()["modality"]
    cur, hops, other = tok, 0, False
    while cur.dep_ in CLAUSE_UP | {"dobj", "pobj", "prep"} and hops < 6:
        head = cur.head
        if head.i == cur.i:
            return False
        lem = head.lemma_.lower()
        if cur.dep_ == "dobj" and lem in ATTAINING:
            other = True
        if cur.dep_ == "ccomp" and _own_subject_infinitive(cur):
            other = True
        if cur.dep_ in ("xcomp", "ccomp") and lem in m["future_governors"]:
            return other
        if cur.dep_ == "ccomp" and lem in REPORTING:
            return False
        cur, hops = head, hops + 1
    return False


def _own_subject_infinitive(tok) -> bool:
    """``tok`` heads a to-clause with its own subject ("expects Russia to withdraw")."""
    kids = list(tok.children)
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in kids) \
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in kids)


def headline_infinitive(tok) -> bool:
    """A headline's bare to-infinitive with its subject ("Japan and the Philippines to hold
    drills", "EU to impose new sanctions on Belarus") announces what is planned: in news style
    it is the future ("will hold"), not an act that happened. The story's body reports the act
    itself when it happens ("began joint exercises"); counting both as asserted would count one
    happening twice."""
    kids = list(tok.children)
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in kids):
        return False
    if any(c.dep_ in ("aux", "auxpass") and c.lower_ != "to" for c in kids):
        return False
    if tok.dep_ == "ROOT":
        return any(c.dep_ in ("nsubj", "nsubjpass") for c in kids)
    # "EU to impose ...": the parser hangs the infinitive on the subject as the sentence's root
    return tok.dep_ == "acl" and tok.head.dep_ == "ROOT" and tok.head.pos_ in ("PROPN", "NOUN")


# auxiliaries that make a negated act a stated refusal: "will not accept", "would not
# extradite", "cannot accept", "won't lift"
REFUSAL_AUX = frozenset({"will", "would", "can", "'ll", "wo", "ca"})


def refusal(tok) -> bool:
    """A negated act stated as what the actor will not do ("Hungary will not accept refugees",
    "said it would not extradite the suspects", "cannot accept more refugees"): in event data
    a rejection (CAMEO 12, PLOVER REJECT), not a non-event. Past negation ("did not attend")
    and negations by a governing verb stay plain negations."""
    kids = list(tok.children)
    neg = any(c.dep_ == "neg" or c.lower_ in ("never",) and c.dep_ == "advmod" for c in kids)
    aux = any(c.dep_ == "aux" and c.lower_ in REFUSAL_AUX for c in kids)
    return neg and aux

