"""A learned choice of an event's source and target among the noun phrases of its sentence.

Why: the coder's argument rules (``coder._subject``, ``_role_tokens``, ``_fallback_targets``)
were tuned by reading dev errors, and on unseen news they transfer poorly (PLOVER GSR target
accuracy 0.77 on dev, 0.65 on test). A small logistic model scores every candidate phrase for
the source and the target role from general features of the parse (dependency path to the
trigger, relative position, entity type, voice, the event's quad class, whether the rules
chose it), trained on real-news sentences with argument spans (``scripts/train_arg_ranker.py``,
the ConfliBERT BIO file's dev half).

How it is used (``rerank``): after the rules coded a sentence, an event whose target is missing
takes the best-scoring candidate when the model is sure enough (``fill_threshold`` in the model
file, calibrated by the training script's cross-validation); the rules' choice is otherwise
kept. A candidate is always a phrase of the sentence that the actor resolver maps to an actor:
the model never invents an actor, and an event stays ``complete: false`` when no candidate
scores above the threshold.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

MODEL_FILE = Path(__file__).parent / "data" / "arg_ranker.json"
NOUN_POS = ("NOUN", "PROPN", "PRON")
# entity types that never denote an actor ("on Monday", "by 5 percent")
NON_ACTOR_ENTS = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}
# pronouns that can stand for an actor (not "it" of "it is said", not "this")
ACTOR_PRONOUNS = {"he", "she", "they", "him", "her", "them", "we", "us", "it", "its", "his",
                  "their", "our"}


@dataclass
class Candidate:
    """One phrase of the sentence that could fill an argument role of an event."""

    tok: Any  # the phrase's head token (spaCy)
    feats: list[str] = field(default_factory=list)
    refs: list[dict] = field(default_factory=list)  # actors the phrase resolves to (with spans)
    rule_source: bool = False
    rule_target: bool = False
    of_thing: bool = False  # the complement of a thing's "of" (``of_thing``): no agent
    in_clause: bool = False  # inside a relative clause the trigger is not in (``in_clause``)


def _bucket(n: int) -> str:
    return "0" if n == 0 else "1" if n == 1 else "2" if n == 2 else "3-4" if n <= 4 else \
        "5-8" if n <= 8 else "9+"


def _ancestors(tok) -> list:
    out = [tok]
    while out[-1].head.i != out[-1].i:
        out.append(out[-1].head)
    return out


def dep_path(trigger, cand) -> tuple[list[str], list[str]]:
    """Dependency path trigger -> candidate: the labels going up from the trigger to the
    lowest common ancestor, then down to the candidate (a preposition keeps its word:
    "prep:with")."""
    up_t = _ancestors(trigger)
    up_c = _ancestors(cand)
    ids_t = [t.i for t in up_t]
    lca = next((t for t in up_c if t.i in ids_t), None)
    if lca is None:
        return ["?"], ["?"]

    def lab(t) -> str:
        return f"prep:{t.lower_}" if t.dep_ in ("prep", "agent", "dative") and t.pos_ == "ADP" \
            else t.dep_

    ups = [lab(t) for t in up_t[:ids_t.index(lca.i)]]
    downs = [lab(t) for t in up_c[:[t.i for t in up_c].index(lca.i)]][::-1]
    return ups, downs


def _passive(tok) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)


def features(trigger, cand, quad: int | None, ref: dict | None, rule_source: bool,
             rule_target: bool) -> list[str]:
    """The candidate's features for the source and the target role (strings; the model
    file holds one weight per feature and role)."""
    ups, downs = dep_path(trigger, cand)
    path = "^".join(ups[:3]) + "|" + "v".join(downs[:3])
    side = "L" if cand.i < trigger.i else "R"
    dist = _bucket(abs(cand.i - trigger.i))
    voice = "pass" if _passive(trigger) else "act"
    tpos = trigger.pos_
    kind = "none"
    if ref is not None:
        kind = "id" if ref.get("id") else "country" if ref.get("country") else \
            "sector" if ref.get("sector") else "name"
    atype = (ref or {}).get("type") or "-"
    dep = cand.dep_
    hdep = f"prep:{cand.head.lower_}" if cand.dep_ == "pobj" else cand.head.dep_
    q = "q?" if quad is None else f"q{quad}"
    rule = ("rS" if rule_source else "") + ("rT" if rule_target else "") or "r-"
    verbs_between = sum(1 for t in cand.doc[min(cand.i, trigger.i) + 1:max(cand.i, trigger.i)]
                        if t.pos_ == "VERB")
    f = [
        "bias",
        f"dep={dep}", f"hdep={hdep}", f"dep+hdep={dep}+{hdep}",
        f"path={path}", f"up={'^'.join(ups[:3])}", f"down={'v'.join(downs[:3])}",
        f"plen={_bucket(len(ups) + len(downs))}", f"nup={_bucket(len(ups))}",
        f"side={side}", f"dist={dist}", f"side+dist={side}{dist}",
        f"pos={cand.pos_}", f"ent={cand.ent_type_ or '-'}", f"kind={kind}", f"atype={atype}",
        f"voice={voice}", f"tpos={tpos}", f"vb={_bucket(verbs_between)}",
        f"rule={rule}", f"rule+kind={rule}+{kind}", f"rule+dep={rule}+{dep}",
        f"dep+voice={dep}+{voice}", f"dep+tpos={dep}+{tpos}", f"path+voice={path}+{voice}",
        f"side+voice={side}+{voice}", f"q+dep={q}+{dep}", f"q+side={q}+{side}",
        f"q+hdep={q}+{hdep}", f"kind+side={kind}+{side}",
        f"lca_root={'y' if not ups else 'n'}",
    ]
    if cand.pos_ == "PRON":
        f.append(f"pron={cand.lower_}")
    return f


# ------------------------------------------------------------------------------ model
class ArgRanker:
    """Two logistic models (source, target) over string features, and the policy that says
    how their scores are used (``decide``), both written by ``scripts/train_arg_ranker.py``."""

    def __init__(self, data: dict):
        self.meta = data.get("meta", {})
        self.weights: dict[str, dict[str, float]] = data["weights"]
        self.params: dict = dict(self.meta.get("policy") or {})

    def proba(self, role: str, feats: list[str]) -> float:
        w = self.weights[role]
        z = sum(w.get(x, 0.0) for x in feats)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass
class Scored:
    """What ``decide`` needs of a candidate: its two scores, whether the rules chose it, and
    the positions its actors' phrases cover (empty: it resolves to no actor)."""

    p_source: float
    p_target: float
    rule_source: bool
    rule_target: bool
    cover: frozenset
    of_thing: bool = False
    in_clause: bool = False


def _best(items: list[tuple[int, Scored]], role: str) -> tuple[int, Scored] | None:
    key = (lambda x: (-x[1].p_source, x[0])) if role == "source" else (lambda x: (-x[1].p_target, x[0]))
    return min(items, key=key) if items else None


def decide(cands: list[Scored], params: dict, has_source: bool, has_target: bool,
           source_cover: frozenset, keep_source: bool = False, keep_target: bool = False
           ) -> tuple[int | None, int | None]:
    """(candidate replacing the source, candidate replacing or filling the target), indices
    into ``cands`` or None (keep the rules' choice). The same function serves the coder and the
    training script's cross-validation, so the figures it prints are the coder's.

    ``params`` (the model file's ``policy``): ``fill_target`` threshold (an event with a source
    and no target takes the best target candidate at or above it); ``replace_target`` /
    ``replace_source`` [threshold, margin]; ``fill_source`` threshold (an event without source
    takes the best source candidate at or above it) (the best candidate replaces the rules' choice when
    it scores at least the threshold and more than the margin above the rules' own candidate;
    an event without target counts as a rules' score of 0). ``keep_*``: the rules' argument is
    a convention (implied, symmetric) the model does not replace. ``patterns_only`` (read by
    ``rerank``): events only the sentence classifier typed keep the rules' arguments;
    ``classifier_only`` (read by ``rerank``): params overriding these for such events."""
    # a phrase inside a relative clause the trigger is not in is an argument of that clause
    # ("The MP, who was expelled from Labour, accused ...": Labour accuses nobody)
    usable = [(k, c) for k, c in enumerate(cands) if c.cover and not c.in_clause]
    new_source = None
    rs = params.get("replace_source")
    if rs and has_source and not keep_source:
        best = _best(usable, "source")
        rule_p = max((c.p_source for c in cands if c.rule_source), default=0.0)
        if best is not None and not best[1].rule_source and best[1].p_source >= rs[0] \
                and best[1].p_source > rule_p + rs[1]:
            new_source = best[0]
            source_cover = best[1].cover
    fs = params.get("fill_source")
    if fs is not None and not has_source and not keep_source:
        # a filled source is the act's agent: not the "of" complement of a thing ("the
        # growth of Uzbekistan yields ...": the growth yields, not Uzbekistan)
        best = _best([(k, c) for k, c in usable if not c.of_thing], "source")
        if best is not None and best[1].p_source >= fs:
            new_source = best[0]
            source_cover = best[1].cover
    if not has_source and new_source is None:
        return None, None
    free = [(k, c) for k, c in usable if not c.cover & source_cover and k != new_source]
    best = _best(free, "target")
    if best is None:
        return new_source, None
    rt = params.get("replace_target")
    if not has_target:
        thr = min(x for x in (params.get("fill_target"), rt[0] if rt else None, 2.0)
                  if x is not None)
        return new_source, best[0] if best[1].p_target >= thr else None
    if rt and not keep_target and not best[1].rule_target:
        rule_p = max((c.p_target for c in cands if c.rule_target), default=0.0)
        if best[1].p_target >= rt[0] and best[1].p_target > rule_p + rt[1]:
            return new_source, best[0]
    return new_source, None


def policy_for(params: dict, typed_by: list[str] | None) -> dict | None:
    """The policy applied to an event typed by ``typed_by``: events only the sentence
    classifier typed are wrong more often (PLOVER GSR cross-validation: about 3 in 10 of their
    triples right against 6 in 10 overall), so the policy may override its params for them
    (``classifier_only``) or leave them alone (``patterns_only``: None)."""
    if typed_by != ["classifier"]:
        return params
    if params.get("patterns_only"):
        return None
    return {**params, **(params.get("classifier_only") or {})}


@lru_cache(maxsize=1)
def load_ranker(path: str | None = None) -> ArgRanker | None:
    p = Path(path) if path else MODEL_FILE
    if not p.is_file():
        return None
    with open(p, encoding="utf-8") as fh:
        return ArgRanker(json.load(fh))


# ------------------------------------------------------------------------------ candidates
def trigger_token(ev, span, doc) -> Any | None:
    """The token of ``span`` an event hangs on: the first word of its trigger text inside the
    event's extent (events do not keep the token itself)."""
    words = (ev.trigger or "").split()
    if not words:
        return None
    first = words[0].lower()
    best = None
    for t in span:
        if t.lower_ != first:
            continue
        s = doc.token_start(t)
        if ev.start <= s < max(ev.end, ev.start + 1):
            if best is None or t.pos_ in ("VERB", "NOUN") and best.pos_ not in ("VERB", "NOUN"):
                best = t
    return best


def candidate_tokens(span, trigger) -> list:
    """Heads of the noun phrases of the sentence (possessors, compounds and nationality
    modifiers included: "Russia's invasion", "US sanctions"), not the trigger itself, not
    times or amounts, not the inner words of a name."""
    out = []
    for t in span:
        if t.i == trigger.i or t.pos_ not in NOUN_POS and not (t.ent_type_ in ("NORP", "GPE")
                                                                 and t.pos_ == "ADJ"):
            continue
        if t.ent_type_ in NON_ACTOR_ENTS:
            continue
        if t.pos_ == "PRON" and t.lower_ not in ACTOR_PRONOUNS:
            continue
        if t.dep_ in ("compound", "flat") and t.head.pos_ == "PROPN" and t.ent_iob_ == "I" \
                or t.dep_ in ("compound", "flat") and t.pos_ == "PROPN" and t.head.pos_ == "PROPN" \
                and t.head.ent_type_ == t.ent_type_ and t.ent_type_ not in ("GPE", "NORP"):
            continue  # "Anthony" of "Anthony Blinken"
        out.append(t)
    return out


def of_thing(tok, trigger) -> bool:
    """The phrase headed by ``tok`` is the "of" complement of a noun that names a thing, not
    an actor ("the growth of the two countries - Uzbekistan and Kazakhstan", "the removal of
    the president"): a phrase that only qualifies the thing, which is the clause's argument.
    Not under a transparent head ("the leadership of Kazakhstan", "a group of diplomats") or
    an actor noun ("the government of Kenya", "troops of the UN"), whose complement names the
    actor, nor under the trigger itself ("the attack of the rebels": its argument).
    Appositions, conjuncts and compounds count as their head."""
    from .arguments import TRANSPARENT_HEADS, head_sector

    t = tok
    while t.dep_ in ("appos", "conj", "compound", "flat") and t.head.i != t.i:
        t = t.head
    if t.dep_ != "pobj" or t.head.lower_ != "of":
        return False
    gov = t.head.head
    return gov.i != trigger.i and gov.pos_ == "NOUN" and not gov.ent_type_ and \
        gov.lemma_.lower() not in TRANSPARENT_HEADS and head_sector(gov) is None


def in_clause(tok, trigger) -> bool:
    """``tok`` lies inside a relative clause that does not hold the trigger ("The MP, who was
    expelled from Labour last year, accused ..."): the clause is about its head noun, and its
    words are arguments of its own verb, never of the event's. The path from the lowest
    common ancestor of trigger and phrase down to the phrase passes through the clause's
    verb. Not a participle's agent ("the closures arranged by Israel restrict ...": whose
    closures they are, the act's source by the CAMEO convention)."""
    up_t = {t.i for t in _ancestors(trigger)}
    for t in _ancestors(tok):
        if t.i in up_t:
            return False  # reached the common ancestor: no clause boundary crossed
        if t.dep_ == "relcl":
            return True
    return False


def _overlaps(doc, tok, refs) -> bool:
    s = doc.token_start(tok)
    e = s + len(tok.text)
    return any(r.get("start") is not None and r.get("end") is not None
               and r["start"] < e and s < r["end"] for r in refs)


def candidates(coder, doc, ev, trigger, span, resolver, cache: dict | None = None
               ) -> list[Candidate]:
    """Every candidate phrase of the event's sentence with its features and resolved actors.
    ``cache``: (token index, allow_place) -> refs, shared by the events of one sentence (actor
    resolution is the costly part)."""
    from .classifier import quad_of_cameo

    cache = {} if cache is None else cache
    quad = quad_of_cameo(ev.cameo)
    allow_place = quad == 4
    src, tgt = list(ev.source), list(ev.target)
    out = []
    for t in candidate_tokens(span, trigger):
        key = (t.i, allow_place)
        if key not in cache:
            try:
                cache[key] = coder._resolve(doc, [t], resolver, allow_place=allow_place,
                                            context={"quote": None, "trigger": trigger.i})
            except Exception:  # noqa: BLE001 - an odd phrase is no candidate, never a failure
                cache[key] = []
        refs = [r for r in cache[key] if r.get("start") is not None]
        rs, rt = _overlaps(doc, t, src), _overlaps(doc, t, tgt)
        c = Candidate(tok=t, refs=refs, rule_source=rs, rule_target=rt, of_thing=of_thing(t, trigger),
                      in_clause=in_clause(t, trigger))
        c.feats = features(trigger, t, quad, refs[0] if refs else None, rs, rt)
        out.append(c)
    return out


def _cover(doc, span, refs) -> frozenset:
    """Token indices of ``span`` inside the phrases of ``refs``."""
    out = set()
    for r in refs:
        a, b = r.get("start"), r.get("end")
        if a is None or b is None:
            continue
        for t in span:
            s = doc.token_start(t)
            if s < b and a < s + len(t.text):
                out.add(t.i)
    return frozenset(out)


def rerank(coder, doc, sent, resolver, events: list, ranker: ArgRanker | None = None) -> list:
    """Apply the model's policy (``decide``) to each event of one sentence: the events are
    changed in place (source, target, ``complete``) and returned."""
    ranker = ranker or load_ranker()
    if ranker is None or not events or not ranker.params:
        return events
    from .arguments import public

    cache: dict = {}
    replaces = "replace_source" in ranker.params or "replace_target" in ranker.params
    for ev in events:
        if ev.source and ev.target and not replaces:
            continue  # a fill-only policy has nothing to decide (and the candidates' actor
            # resolution was a fifth of the events stage's time)
        if not ev.source and not ev.target and "fill_source" not in ranker.params:
            continue
        params = policy_for(ranker.params, ev.typed_by)
        if params is None:
            continue
        trig = trigger_token(ev, sent.span, doc)
        if trig is None:
            continue
        cands = candidates(coder, doc, ev, trig, sent.span, resolver, cache)
        if not cands:
            continue
        scored = [Scored(ranker.proba("source", c.feats), ranker.proba("target", c.feats),
                         c.rule_source, c.rule_target,
                         frozenset() if same_side(c.refs, list(ev.source))
                         else _cover(doc, sent.span, c.refs), c.of_thing, c.in_clause)
                  for c in cands]
        implied = [a for a in ev.source + ev.target if a.get("method") == "implied"]
        symmetric = any(_same_ref(s, t) for s in ev.source for t in ev.target)
        # an agentless passive ("officials have been asked to ...") names no agent: the
        # model does not guess one from another clause
        ks, kt = decide(scored, params, bool(ev.source), bool(ev.target),
                        _cover(doc, sent.span, list(ev.source)),
                        keep_source=bool(implied) or symmetric or _passive(trig),
                        keep_target=bool(implied) or symmetric)
        if ks is not None:
            ev.source = [public(r) for r in cands[ks].refs]
            ev.target = [t for t in ev.target if not any(_same_ref(s, t) for s in ev.source)]
        if kt is not None:
            refs = [r for r in cands[kt].refs if not any(_same_ref(r, s) for s in ev.source)]
            if refs:
                ev.target = [public(r) for r in refs]
        if ks is not None or kt is not None:
            ev.complete = bool(ev.source and ev.target) and not any(
                a.get("method") == "implied" for a in ev.source + ev.target)
    return events


def same_side(refs: list, sources: list) -> bool:
    """Every actor of a candidate is one of the sources, or their own state or the same
    sector of it ("Beijing prepares a summit ..., a Chinese view": China is no target of the
    Chinese government); a domestic dyad of another sector ("Kenyan police" -> "Kenyan
    students") stays a candidate."""
    def same(r, s) -> bool:
        if _same_ref(r, s):
            return True
        c = r.get("country")
        return bool(c) and c == s.get("country") and (not r.get("sector")
                                                      or r.get("sector") == s.get("sector"))
    return bool(refs) and bool(sources) and all(any(same(r, s) for s in sources) for r in refs)


def _same_ref(a, b) -> bool:
    if a.get("id") or b.get("id"):
        return a.get("id") == b.get("id")
    return bool(a.get("name")) and a.get("name") == b.get("name")
