"""Token lookups by absolute character offsets (a quote can start mid-token or span
paragraphs, so extractors work with offsets and map them to spaCy tokens here)."""

from __future__ import annotations

import bisect

from ..doc import Doc


class TokenIndex:
    """Absolute start offsets of every token of every parsed, non-translation paragraph."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.starts: list[int] = []
        self.tokens: list = []
        for p in doc.paragraphs:
            if p.spacy is None or p.translation_of is not None:
                continue
            for t in p.spacy:
                self.starts.append(p.start + t.idx)
                self.tokens.append(t)

    def between(self, a: int, b: int) -> list:
        i = bisect.bisect_left(self.starts, a)
        j = bisect.bisect_left(self.starts, b)
        return self.tokens[i:j]

    def start(self, tok) -> int:
        return self.doc.token_start(tok)

    def at(self, offset: int):
        i = bisect.bisect_right(self.starts, offset) - 1
        if i < 0:
            return None
        t = self.tokens[i]
        if self.starts[i] <= offset < self.starts[i] + max(len(t.text), 1):
            return t
        return None
