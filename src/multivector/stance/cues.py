"""Find stance cues (lexicon words) in a parsed sentence, with negation.

A cue is a token whose lemma is in the lexicon for a kind its part of speech allows (see
``KINDS_BY_POS``). Negation ("not a threat", "does not support", "no partner") flips the sign
and halves the strength: "not a threat" is a mild positive, not the opposite of a threat.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..lang import lexicon as lang_lexicon
from .lexicon import KINDS_BY_POS, Lexicon

NEGATORS = lang_lexicon("en").words("negators")
# a cue that is the object or predicate of these verbs is denied: treated like a negation
NEGATING_VERBS = lang_lexicon("en").words("negating_verbs")
# verbs whose negation negates the clause they govern
NEGATABLE_FRAMES = lang_lexicon("en").words("negatable_frames")


@dataclass
class Cue:
    token: Any  # spaCy Token (head of the cue)
    tokens: list  # all tokens of the cue (multi-word cues)
    kind: str
    weight: float  # after negation
    negated: bool = False

    @property
    def text(self) -> str:
        return " ".join(t.text for t in self.tokens)


def _has_neg(tok) -> bool:
    doc = tok.doc
    for c in tok.children:
        if c.dep_ == "neg" and not (c.i + 1 < len(doc) and doc[c.i + 1].lower_ == "only"):
            return True
    return False


def _negated(tok) -> bool:
    for c in tok.children:
        if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no"):
            return True
    # "does not agree with the opinion that X is a partner", "X does not seek to become ..."
    for anc in list(tok.ancestors)[:6]:
        if anc.lemma_.lower() in NEGATABLE_FRAMES and _has_neg(anc):
            return True
    # "not a threat": negation on the governing copula / verb / "as"
    h = tok
    for _ in range(3):
        if h.dep_ in ("attr", "dobj", "acomp", "oprd", "pobj", "prep", "xcomp", "conj", "acl") \
                and h.head != h:
            h = h.head
            if h.pos_ == "ADP" and h.lower_ == "without":
                return True
            if any(c.dep_ == "neg" for c in h.children):
                return True
            if h.lemma_.lower() in NEGATING_VERBS:
                return True
        else:
            break
    return False


def find_cues(tokens: Iterable, lexicon: Lexicon) -> list[Cue]:
    """Cues in a sequence of tokens (a sentence span), longest match first."""
    toks = list(tokens)
    out: list[Cue] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        kinds = KINDS_BY_POS.get(tok.pos_, ())
        found = None
        if kinds:
            for n in range(min(lexicon.max_len, len(toks) - i), 0, -1):
                seq = toks[i:i + n]
                for words in (tuple(t.lemma_.lower() for t in seq), tuple(t.lower_ for t in seq)):
                    entry = lexicon.lookup(words, kinds, seq[0].pos_)
                    if entry is not None:
                        found = (entry, seq)
                        break
                if found:
                    break
        if found:
            entry, seq = found
            neg = _negated(tok)
            if neg and entry.weight < 0 and entry.kind in ("action", "attitude"):
                # "would not dominate", "did not criticise": no stance either way
                i += len(seq)
                continue
            w = -0.5 * entry.weight if neg else entry.weight
            out.append(Cue(tok, list(seq), entry.kind, w, neg))
            i += len(seq)
        else:
            i += 1
    return out
