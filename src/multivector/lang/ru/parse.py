"""Russian paragraphs parsed by natasha into spaCy ``Doc`` objects.

The quote, event and stance stages read spaCy docs (sentences, ``token.idx`` offsets into the
paragraph, ``dep_``/``head``, ``lemma_``, ``pos_``, ``morph``, ``ents``). natasha gives all of it
for Russian (razdel segmentation, slovnet morphology and syntax, pymorphy lemmas, slovnet NER;
the models ship inside the installed packages, nothing is downloaded), so this module turns its
output into a spaCy ``Doc`` with the same conventions as the English parse: UD labels are mapped
to the English model's labels and prepositional phrases re-attached the English way (see
``multivector/lang/ru/parse.yaml``). Then the stage code is shared and only lexicons differ per language.

Paragraphs are parsed in batches: the sentences of all paragraphs go through the morphology and
syntax models together, which is what makes natasha fast enough (see ``benchmarks``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BATCH = 64  # sentences per slovnet batch


@dataclass(frozen=True)
class ParseRules:
    """The label conventions of ``multivector/lang/ru/parse.yaml``."""

    deps: dict[str, str]
    prep_restructure: frozenset[str]
    negations: frozenset[str]
    ents: dict[str, str]
    geographic: frozenset[str]
    dateline: re.Pattern | None = None

    @classmethod
    def load(cls, path: Path | None = None) -> ParseRules:
        from ..lexicon import section_or_file

        raw = section_or_file("ru", "parse", path)
        return cls(deps=dict(raw.get("deps") or {}),
                   prep_restructure=frozenset(raw.get("prep_restructure") or ()),
                   negations=frozenset(raw.get("negations") or ()),
                   ents=dict(raw.get("ents") or {}),
                   geographic=frozenset(raw.get("geographic_nouns") or ()),
                   dateline=re.compile(raw["dateline"]) if raw.get("dateline") else None)


@dataclass
class _Models:
    segmenter: Any
    morph: Any
    syntax: Any
    ner: Any
    vocab: Any  # natasha MorphVocab (pymorphy)


@functools.lru_cache(maxsize=1)
def _models() -> _Models:
    """Load natasha once per process (about 1.5 s); only called when Russian text appears."""
    from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser, Segmenter

    emb = NewsEmbedding()
    morph = NewsMorphTagger(emb)
    syntax = NewsSyntaxParser(emb)
    ner = NewsNERTagger(emb)
    for model in (morph, syntax):
        model.batch_size = BATCH
    return _Models(Segmenter(), morph, syntax, ner, MorphVocab())


@dataclass
class _Token:
    start: int
    stop: int
    text: str
    sent: int
    pos: str = "X"
    feats: dict = field(default_factory=dict)
    head: int = -1  # index in the paragraph's token list, -1 for the root
    rel: str = "dep"
    lemma: str = ""


class RussianParser:
    """Russian text -> spaCy ``Doc``; ``pipe`` parses many paragraphs in one batch."""

    def __init__(self, vocab: Any = None, rules: ParseRules | None = None):
        if vocab is None:
            import spacy

            # the Russian vocabulary's lexical attributes (lower_, is_alpha, like_num ...)
            vocab = spacy.blank("ru").vocab
        self.vocab = vocab
        self.rules = rules or ParseRules.load()

    # ------------------------------------------------------------------ public
    def __call__(self, text: str) -> Any:
        return self.pipe([text])[0]

    def pipe(self, texts: Iterable[str]) -> list[Any]:
        """Parse paragraphs; returns one spaCy ``Doc`` per text, ``doc.text == text``."""
        texts = list(texts)
        m = _models()
        paras: list[list[_Token]] = []
        sents: list[list[str]] = []  # words of every sentence of every paragraph
        owners: list[tuple[int, int]] = []  # (paragraph, first token index) per sentence
        for pi, text in enumerate(texts):
            toks: list[_Token] = []
            for si, (base, sent_text) in enumerate(self._sentences(text)):
                first = len(toks)
                for t in m.segmenter.tokenize(sent_text):
                    toks.append(_Token(base + t.start, base + t.stop, t.text, si))
                if len(toks) > first:
                    sents.append([t.text for t in toks[first:]])
                    owners.append((pi, first))
            paras.append(toks)
        for markup, (pi, first) in zip(m.morph.map(sents), owners):
            for k, mt in enumerate(markup.tokens):
                tok = paras[pi][first + k]
                tok.pos, tok.feats = mt.pos, dict(mt.feats or {})
        for markup, (pi, first) in zip(m.syntax.map(sents), owners):
            for k, st in enumerate(markup.tokens):
                tok = paras[pi][first + k]
                head = int(st.head_id)
                tok.head = first + head - 1 if head > 0 else -1
                tok.rel = st.rel or "dep"
        for toks in paras:
            for tok in toks:
                tok.lemma = _lemma(m.vocab, tok.text, tok.pos, tuple(sorted(tok.feats.items())))
        spans = list(m.ner.map(texts))
        return [self._to_spacy(text, toks, markup.spans)
                for text, toks, markup in zip(texts, paras, spans)]

    def _sentences(self, text: str) -> list[tuple[int, str]]:
        """(offset, text) of the sentences of a paragraph; a wire dateline opening it is a
        sentence of its own, so that its city is not parsed as the report's subject."""
        out = [(s.start, s.text) for s in _models().segmenter.sentenize(text)]
        dl = self.rules.dateline.match(text) if self.rules.dateline is not None else None
        if dl and out and out[0][0] == 0 and dl.end() < len(out[0][1]):
            cut = dl.end()
            head = text[:cut].rstrip()
            out[0:1] = [(0, head), (cut, out[0][1][cut:])]
        return out

    # ------------------------------------------------------------------ conversion
    def _to_spacy(self, text: str, toks: list[_Token], ner_spans: list) -> Any:
        from spacy.tokens import Doc as SpacyDoc

        r = self.rules
        # one tree per sentence: natasha sometimes gives a sentence two roots ("..., пишет X."),
        # which spaCy would split into two sentences; later roots hang from the first
        first_root: dict[int, int] = {}
        for i, t in enumerate(toks):
            if t.head < 0:
                if t.sent in first_root:
                    t.head, t.rel = first_root[t.sent], "parataxis"
                else:
                    first_root[t.sent] = i
        heads = [t.head for t in toks]
        ud = [t.rel for t in toks]
        deps = [r.deps.get(t.rel, t.rel) for t in toks]
        # prepositional phrases the English way: verb -prep-> ADP -pobj-> noun
        for i, t in enumerate(toks):
            if t.rel not in r.prep_restructure or heads[i] < 0:
                continue
            case = next((j for j in range(len(toks))
                         if heads[j] == i and ud[j] == "case" and toks[j].pos == "ADP"), None)
            if case is None:
                continue
            heads[case], deps[case] = heads[i], "prep"
            heads[i], deps[i] = case, "pobj"
        for i, t in enumerate(toks):
            if t.lemma in r.negations and ud[i] in ("advmod", "dep", "discourse") and heads[i] >= 0:
                deps[i] = "neg"
        # words, spaces and whitespace tokens so that token.idx is the offset in ``text``
        words: list[str] = []
        spaces: list[bool] = []
        index: list[int] = []  # spaCy index of each natasha token
        extra: list[tuple[int, int]] = []  # (spaCy index, natasha token it hangs on)
        if toks and toks[0].start > 0:
            words.append(text[:toks[0].start])
            spaces.append(False)
            extra.append((0, 0))
        for k, t in enumerate(toks):
            index.append(len(words))
            words.append(t.text)
            nxt = toks[k + 1].start if k + 1 < len(toks) else len(text)
            gap = text[t.stop:nxt]
            if gap == "":
                spaces.append(False)
            elif gap == " ":
                spaces.append(True)
            else:
                lead = gap.startswith(" ")
                spaces.append(lead)
                words.append(gap[1:] if lead else gap)
                spaces.append(False)
                extra.append((len(words) - 1, k))
        n = len(words)
        s_heads = list(range(n))
        s_deps = ["dep"] * n
        s_pos = ["SPACE"] * n
        s_lemmas = list(words)
        s_morphs = [""] * n
        for k, t in enumerate(toks):
            i = index[k]
            s_heads[i] = index[heads[k]] if heads[k] >= 0 else i
            s_deps[i] = deps[k] if heads[k] >= 0 else "ROOT"
            s_pos[i] = t.pos if t.pos else "X"
            s_lemmas[i] = t.lemma or t.text.lower()
            s_morphs[i] = "|".join(f"{a}={b}" for a, b in sorted(t.feats.items()))
        for i, k in extra:
            s_heads[i] = index[k] if toks else i
            if not toks:
                s_deps[i] = "ROOT"
        ents = self._ents(toks, index, n, ner_spans)
        doc = SpacyDoc(self.vocab, words=words, spaces=spaces, heads=s_heads, deps=s_deps,
                       pos=s_pos, tags=s_pos, lemmas=s_lemmas, morphs=s_morphs, ents=ents)
        ud_full = ["dep"] * n
        for k in range(len(toks)):
            ud_full[index[k]] = ud[k]
        doc.user_data["lang"] = "ru"
        doc.user_data["ud_deps"] = ud_full
        return doc

    def _ents(self, toks: list[_Token], index: list[int], n: int, spans: list) -> list[str]:
        tags = ["O"] * n
        for sp in spans:
            inside = [k for k, t in enumerate(toks) if t.start >= sp.start and t.stop <= sp.stop]
            if not inside:
                continue
            label = self.rules.ents.get(sp.type, sp.type)
            if sp.type == "LOC" and toks[inside[0]].lemma in self.rules.geographic:
                label = "LOC"
            for j, k in enumerate(inside):
                tags[index[k]] = ("B-" if j == 0 else "I-") + label
        return tags


@functools.lru_cache(maxsize=200_000)
def _lemma(vocab: Any, word: str, pos: str, feats: tuple) -> str:
    """pymorphy lemma chosen with natasha's tag (cached: news repeats its words)."""
    if not any(ch.isalpha() for ch in word):
        return word
    try:
        lemma = vocab.lemmatize(word, pos, dict(feats))
    except Exception:  # noqa: BLE001 - pymorphy has no form for some tokens
        lemma = None
    return lemma or word.lower()

