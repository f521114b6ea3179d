"""Directed sentiment between two actors of one sentence ("who blames or endorses whom").

The same cue lexicon and dependency rules as the stance stage: a directed pair from the rules
(``A criticised B``, ``A is a supporter of B``) counts for A -> B; a characterisation of B inside
a clause reported by A (``A said B was reckless``) also counts for A -> B. The strongest summed
direction wins; no evidence means neutral.

Labels follow the directed-sentiment format of Park et al. (2021):
0 neutral, 1 positive p->q, 2 positive q->p, 3 negative p->q, 4 negative q->p.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..lang import lexicon as lang_lexicon
from .cues import find_cues
from .lexicon import Lexicon, default_lexicon
from .links import FIRST_PERSON, link, objects, speakers

LABELS = ["neutral", "pos p->q", "pos q->p", "neg p->q", "neg q->p"]


class DSAFormatError(ValueError):
    pass


@dataclass
class DSAItem:
    text: str  # sentence without the bracket markers
    p: tuple[int, int]  # character span of entity p in ``text``
    q: tuple[int, int]
    label: int | None = None
    line: int = 0


_BRACKET = re.compile(r"\[([^\[\]]*)\]")


def parse_marked(sentence: str, p: str, q: str) -> tuple[str, tuple[int, int], tuple[int, int]]:
    """Remove the ``[entity]`` markers; return the clean text and the spans of p and q."""
    spans: list[tuple[str, int, int]] = []
    out: list[str] = []
    pos = 0
    shift = 0
    for m in _BRACKET.finditer(sentence):
        out.append(sentence[pos:m.start()])
        start = m.start() - shift
        out.append(m.group(1))
        spans.append((m.group(1), start, start + len(m.group(1))))
        shift += 2
        pos = m.end()
    out.append(sentence[pos:])
    if len(spans) != 2:
        raise DSAFormatError(f"expected two [bracketed] entities, found {len(spans)}")
    a, b = spans
    if a[0] == p or b[0] != p:
        ps, qs = a, b
    else:
        ps, qs = b, a
    return "".join(out), (ps[1], ps[2]), (qs[1], qs[2])


def read_dsa(path: str | Path) -> Iterator[DSAItem]:
    """Items of a directed-sentiment TSV file: sentence, p, q, label (0-4)."""
    path = Path(path)
    try:
        fh = open(path, encoding="utf-8")
    except OSError as exc:
        raise DSAFormatError(f"{path}: cannot read: {exc.strerror}") from exc
    with fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip():
                continue
            parts = line.split("\t")
            if len(parts) != 4:
                raise DSAFormatError(f"{path}:{n}: expected 4 tab-separated fields, got {len(parts)}")
            sent, p, q, label = parts
            try:
                lab = int(label)
            except ValueError as exc:
                raise DSAFormatError(f"{path}:{n}: label {label!r} is not 0-4") from exc
            if lab not in range(5):
                raise DSAFormatError(f"{path}:{n}: label {lab} is not 0-4")
            try:
                text, ps, qs = parse_marked(sent, p, q)
            except DSAFormatError as exc:
                raise DSAFormatError(f"{path}:{n}: {exc}") from exc
            yield DSAItem(text, ps, qs, lab, n)


THIRD_PERSON = lang_lexicon("en").words("dsa_third_person")
_CLAUSES = {"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis"}


def _np_tokens(tok, deep: bool) -> list:
    """The token and its noun-phrase dependents; ``deep`` also takes prepositional phrases
    ("the policy of X"), never relative or other clauses."""
    keep = {"compound", "flat", "appos", "poss", "amod", "nmod", "case", "det"}
    out = [tok]
    stack = [tok]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ in keep or (deep and c.dep_ not in _CLAUSES and c.dep_ not in ("punct", "cc")):
                out.append(c)
                stack.append(c)
    return out


def _entity_of(tok, spans: dict[str, tuple[int, int]], deep: bool = False) -> str | None:
    """Which entity a token (with its noun-phrase neighbours) belongs to. The head itself wins;
    then its modifiers; ``deep`` extends to its whole phrase (targets: "X's policy")."""
    for cands in ([tok], _np_tokens(tok, False), _np_tokens(tok, True) if deep else []):
        for name, (s, e) in spans.items():
            for t in cands:
                if t.idx < e and t.idx + len(t.text) > s:
                    return name
    return None


ACCUSING = lang_lexicon("en").words("accusing_verbs")


def _misdeed_pairs(cue) -> list:
    """"X accused Y of attacking Z", "Y was charged with assaulting Z": the deed the
    accusation names is Y's act against Z (pairs Y -> Z); their weight is the cue's own, so
    only negative accusing cues give them."""
    t = cue.token
    if cue.weight >= 0 or t.pos_ != "VERB" or t.lemma_.lower() not in ACCUSING:
        return []
    accused = [c for c in t.children if c.dep_ in ("dobj", "nsubjpass")]
    deeds = [g for p in t.children if p.dep_ == "prep" and p.lower_ in ("of", "for", "with")
             for g in p.children if g.dep_ == "pcomp" and g.pos_ == "VERB"]
    return [(a, o) for a in accused for d in deeds for o in objects(d)]


def _reported_clause(speaker, cue_tok) -> list:
    """Tokens of the clause a speaker reports that holds ``cue_tok``: the reporting verb's
    clausal child on the way to the cue ("X said [that ...]"), or, for a trailing "..., says
    X", the sentence outside the reporting verb's own phrase."""
    verb = speaker.head
    sent = cue_tok.sent
    if cue_tok in verb.subtree and cue_tok != verb:
        for c in verb.children:
            if c.dep_ not in ("nsubj", "nsubjpass", "dobj", "dative", "prep", "agent", "npadvmod") \
                    and cue_tok in c.subtree:
                return list(c.subtree)
        return []
    if verb.lower_ == "to" or speaker.dep_ == "pobj":  # "according to X": the rest of it
        inside = set(verb.head.subtree) if verb.lower_ == "to" else set(verb.subtree)
    else:
        inside = {verb} | {t for c in verb.children if c.dep_ not in ("ccomp", "parataxis")
                           for t in c.subtree}
    return [t for t in sent if t not in inside]


def _inside(name: str | None, tok, spans: dict[str, tuple[int, int]]) -> bool:
    """Whether entity ``name`` lies inside the phrase (subtree) of ``tok``."""
    if name is None:
        return False
    lo, hi = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text)
    return spans[name][0] < hi and spans[name][1] > lo


def _speaker_entity(tok, spans: dict[str, tuple[int, int]]) -> str | None:
    """A speaker's entity: the name itself, else the organisation its apposition names
    ("said Jane Roe, president of [the Association]")."""
    name = _entity_of(tok, spans)
    if name is None:
        for ap in tok.children:
            if ap.dep_ == "appos":
                name = _entity_of(ap, spans, deep=True)
                if name:
                    break
    return name


def directed_scores(span: Any, spans: dict[str, tuple[int, int]], lexicon: Lexicon | None = None,
                    holder: str | None = None,
                    reported_weight: float = 0.5) -> dict[tuple[str, str], float]:
    """Summed polarity per (source, target) entity pair in one parsed sentence.

    ``spans`` maps entity names to character spans relative to ``span.doc``; ``holder`` names
    the entity whose view the whole sentence is (a quote's speaker), if any.
    """
    lexicon = lexicon or default_lexicon()
    scores: dict[tuple[str, str], float] = {}

    def add(src: str | None, tgt: str | None, w: float) -> None:
        if src and tgt and src != tgt:
            scores[(src, tgt)] = scores.get((src, tgt), 0.0) + w

    def other(name: str | None) -> str | None:
        """The entity that is not ``name`` (a sentence marks exactly two)."""
        rest = [n for n in spans if n != name]
        return rest[0] if name and len(rest) == 1 else None

    def side(tok, deep: bool) -> str | None:
        """The entity of a source or target token (a relative pronoun stands for its
        antecedent); None for a third-person pronoun, resolved by the caller."""
        name = _entity_of(tok, spans, deep=deep)
        if name is None and any(c.lower_ == "whose" for c in tok.children):
            # "Y, whose reforms X praised": the reforms are Y's
            rel = next((a for a in tok.ancestors if a.dep_ == "relcl"), None)
            if rel is not None:
                name = _entity_of(rel.head, spans)
        if name is None and not deep and tok.pos_ in ("PROPN", "NOUN") and (
                tok.dep_ in ("nsubj", "nsubjpass")
                or (tok.dep_ == "pobj" and tok.head.lower_ in ("by", "from"))):
            # "the press office of X blasted Y", "a spokesman for X criticised Y",
            # "praise from the staff of X"
            name = _entity_of(tok, spans, deep=True)
        return name

    cues = find_cues(span, lexicon)
    for cue in cues:
        ln = link(cue, lexicon.relational, lexicon.patient)
        ln.pairs = ln.pairs + _misdeed_pairs(cue)
        linked: set[tuple[str | None, str | None]] = set()  # one cue counts once per direction
        said_by = {_speaker_entity(sp, spans) for sp in speakers(cue.token)} - {None}
        for a, b in ln.pairs:
            src = side(a, False)
            if src is None and a.lower_ in FIRST_PERSON:
                # "We applaud Y, said X": the first person is the quoted speaker
                said = [_speaker_entity(sp, spans) for sp in speakers(cue.token)]
                src = next((x for x in said if x), holder)
            tgt = side(b, True)
            # binding: a third-person pronoun opposite one entity is the other one
            # ("X said Y had attacked him", "Y's attack on her"; never to an entity inside the
            # other side's own phrase: "X's manager accused him"). Measured on train, binding
            # also inside one clause gains more than it loses ("X praised them in [Y]").
            if src is None and a.lower_ in THIRD_PERSON and not _inside(other(tgt), b, spans):
                src = other(tgt)
            if tgt is None and b.lower_ in THIRD_PERSON and not _inside(other(src), a, spans):
                tgt = other(src)
            if tgt in said_by and src != tgt and b.lower_ not in THIRD_PERSON \
                    and _entity_of(b, spans) != tgt:
                # a speaker found deep inside the patient's phrase is not its patient:
                # "[X] misrepresented the figures of a study by [Y], [Y] charges"
                continue
            if (src, tgt) not in linked:
                linked.add((src, tgt))
                add(src, tgt, cue.weight)
        if ln.evaluated:
            who = speakers(cue.token)
            says = [_entity_of(s, spans, deep=True) for s in who]
            says = [s for s in says if s] or ([holder] if holder else [])
            for ev in ln.evaluated:
                tgt = _entity_of(ev, spans, deep=True)
                # "Y is reckless, he said": the pronoun speaker is the other entity
                pron = [other(tgt) for s in who if s.lower_ in THIRD_PERSON] if not says else []
                for s in says or pron:
                    add(s, tgt, cue.weight * 0.8)
    if not scores and reported_weight:
        # fallback: a speaker's reported clause that carries cues is that speaker's view of the
        # other entity in it ("Y avoided a crisis thanks to ..., says X")
        for cue in cues:
            for sp in speakers(cue.token):
                s = _speaker_entity(sp, spans)
                if s is None:
                    continue
                # the other entity must be in the reported clause, not in the speaker's own
                # phrase ("County Attorney X said ...") nor the frame ("told [the Times]")
                clause = _reported_clause(sp, cue.token)
                for o in spans:
                    if o != s and any(t.idx < spans[o][1] and t.idx + len(t.text) > spans[o][0]
                                      for t in clause):
                        add(s, o, cue.weight * reported_weight)
    return scores


def predict_label(scores: dict[tuple[str, str], float], threshold: float = 0.0) -> int:
    pq = scores.get(("p", "q"), 0.0)
    qp = scores.get(("q", "p"), 0.0)
    best, direction = (pq, "pq") if abs(pq) >= abs(qp) else (qp, "qp")
    if abs(best) <= threshold:
        return 0
    if best > 0:
        return 1 if direction == "pq" else 2
    return 3 if direction == "pq" else 4


def predict(items: Iterable[DSAItem], nlp, lexicon: Lexicon | None = None,
            batch_size: int = 64) -> list[int]:
    """Predicted labels for DSA items (sentences parsed with ``nlp.pipe``)."""
    items = list(items)
    lexicon = lexicon or default_lexicon()
    out = []
    for item, doc in zip(items, nlp.pipe((i.text for i in items), batch_size=batch_size)):
        scores = directed_scores(doc[:], {"p": item.p, "q": item.q}, lexicon)
        out.append(predict_label(scores))
    return out
