"""Which aspect of a relationship a stance is about (security, economy, sovereignty ...).

Why nearest-first: "a partner in security and at the same time a threat" must give the partner
the aspect *security* and leave the threat without it, so the phrase the cue heads is searched
first, then the cue's own clause (without coordinated clauses), never the whole sentence.
"""

from __future__ import annotations

from .lexicon import Lexicon


def _clause_tokens(tok) -> list:
    """Tokens of the clause that governs ``tok``, without coordinated sister clauses."""
    v = tok
    while v.pos_ not in ("VERB", "AUX") and v.head != v:
        v = v.head
    if v.pos_ not in ("VERB", "AUX"):
        return list(tok.sent)
    skip = {c.i for c in v.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")}
    out = []
    stack = [v]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.i not in skip)
    return sorted(out, key=lambda t: t.i)


def _phrase_tokens(tok) -> list:
    """The cue's own phrase: its subtree without coordinated items ("a partner in security"
    but not "... and a threat")."""
    out = []
    stack = [tok]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ not in ("conj", "cc", "relcl"))
    return sorted(out, key=lambda t: t.i)


def _match(tokens: list, lexicon: Lexicon) -> str | None:
    """The first aspect (in lexicon order) with a keyword among the tokens' lemma or word
    n-grams. The n-grams are made once per call and looked up, not rebuilt per keyword."""
    lemmas = [t.lemma_.lower() for t in tokens]
    lowers = [t.lower_ for t in tokens]
    grams: dict[int, set[tuple[str, ...]]] = {}
    for aspect, keywords in lexicon.aspects.items():
        for kw in keywords:
            n = len(kw)
            have = grams.get(n)
            if have is None:
                have = grams[n] = {tuple(seq[i:i + n]) for seq in (lemmas, lowers)
                                   for i in range(len(tokens) - n + 1)}
            if kw in have:
                return aspect
    return None


def _conjuncts(tok) -> list:
    """The other items coordinated with ``tok`` ("a rival ... but a partner in energy")."""
    first = tok
    while first.dep_ == "conj" and first.head != first:
        first = first.head
    out, stack = [], [first]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ == "conj")
    return [t for t in out if t.i != tok.i]


def aspect_of(tok, lexicon: Lexicon) -> str | None:
    """The aspect for a cue token: from its phrase, else its clause, else None. The clause
    leaves out the phrases of items coordinated with the cue: in "a rival to Russia in the
    South Caucasus but a partner in energy" energy is the partnership's aspect, not the
    rivalry's."""
    found = _match(_phrase_tokens(tok), lexicon)
    if found:
        return found
    others = {t.i for c in _conjuncts(tok) for t in _phrase_tokens(c)}
    return _match([t for t in _clause_tokens(tok) if t.i not in others], lexicon)
