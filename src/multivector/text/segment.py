"""Segmentation: paragraphs with languages and translations, sentences, and the spaCy parse.

The parse is the expensive part, so it runs once per batch over the English paragraphs of all
documents with ``nlp.pipe``. Each paragraph gets its own spaCy ``Doc`` whose ``user_data``
records the paragraph index, which is how later stages turn token offsets into absolute ones.
"""

from __future__ import annotations

import re
import time

from ..config import Config
from ..doc import Doc, Document, Paragraph, Sentence
from ..lang import get_language, parsed_languages
from .language import LanguageDetector, rough_sentences
from .translation import find_translations

_LINE = re.compile(r"[^\n]+")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line, trimmed."""
    spans = []
    for m in _LINE.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
    return spans


class Segmenter:
    def __init__(self, nlp, config: Config | None = None):
        self.nlp = nlp
        self.config = config or Config()
        self.detector = LanguageDetector(self.config.languages)
        # which paragraphs spaCy parses, and other languages' own sentence splitters: from the
        # language registry (multivector.lang)
        self.parsed = parsed_languages()

    # ------------------------------------------------------------------ paragraphs
    def paragraphs(self, text: str) -> list[Paragraph]:
        paras: list[Paragraph] = []
        for s, e in paragraph_spans(text):
            chunk = text[s:e]
            if self.detector.is_mixed(chunk):
                pieces = []
                for ss, se in rough_sentences(chunk, s):
                    lang = self.detector.detect(text[ss:se])
                    if pieces and (pieces[-1][2] == lang or lang is None):
                        pieces[-1] = (pieces[-1][0], se, pieces[-1][2])
                    else:
                        pieces.append((ss, se, lang))
                for ps, pe, lang in pieces:
                    paras.append(Paragraph(idx=len(paras), start=ps, end=pe, lang=lang))
            else:
                paras.append(Paragraph(idx=len(paras), start=s, end=e,
                                       lang=self.detector.detect(chunk)))
        # undetermined (too short) paragraphs take the language of a judged neighbour
        last = None
        for p in paras:
            if p.lang is None:
                p.lang = last
            else:
                last = p.lang
        nxt = None
        for p in reversed(paras):
            if p.lang is None:
                p.lang = nxt
            else:
                nxt = p.lang
        trans = find_translations([(text[p.start:p.end], p.lang) for p in paras])
        for i, j in trans.items():
            paras[i].translation_of = j
        return paras

    # ------------------------------------------------------------------ batch
    def process_batch(self, documents: list[Document]) -> list[Doc]:
        docs: list[Doc] = []
        jobs: list[tuple[int, Paragraph]] = []
        t0 = time.perf_counter()
        for di, document in enumerate(documents):
            doc = Doc(document=document)
            doc.paragraphs = self.paragraphs(document.text)
            chars: dict[str, int] = {}
            for p in doc.paragraphs:
                if p.lang:
                    chars[p.lang] = chars.get(p.lang, 0) + (p.end - p.start)
            document.languages = sorted(chars, key=lambda k: -chars[k])
            for p in doc.paragraphs:
                if p.lang in self.parsed:
                    jobs.append((di, p))
            docs.append(doc)
        t_lang = time.perf_counter() - t0
        t1 = time.perf_counter()
        texts = ((docs[di].text[p.start:p.end], (di, p)) for di, p in jobs)
        for sdoc, (di, p) in self.nlp.pipe(texts, as_tuples=True, batch_size=64):
            sdoc.user_data["mv_paragraph"] = p.idx
            p.spacy = sdoc
        t_nlp = time.perf_counter() - t1
        t2 = time.perf_counter()
        for doc in docs:
            self._sentences(doc)
        t_sent = time.perf_counter() - t2
        n = max(1, len(docs))
        for doc in docs:  # batch costs shared evenly; used for per-stage benchmark figures
            doc.timings["language"] = t_lang / n
            doc.timings["nlp"] = t_nlp / n
            doc.timings["sentences"] = t_sent / n
        return docs

    def _sentences(self, doc: Doc) -> None:
        sents: list[Sentence] = []
        for p in doc.paragraphs:
            if p.spacy is not None:
                for span in p.spacy.sents:
                    s, e = span.start_char, span.end_char
                    txt = p.spacy.text
                    while s < e and txt[s].isspace():
                        s += 1
                    while e > s and txt[e - 1].isspace():
                        e -= 1
                    if e <= s:
                        continue
                    sents.append(Sentence(idx=len(sents), paragraph=p.idx, start=p.start + s,
                                          end=p.start + e, lang=p.lang, span=span))
            else:
                lang = get_language(p.lang)
                split = lang.parser if lang is not None and callable(lang.parser) \
                    else rough_sentences
                for s, e in split(doc.text[p.start:p.end], p.start):
                    sents.append(Sentence(idx=len(sents), paragraph=p.idx, start=s, end=e,
                                          lang=p.lang))
        doc.sentences = sents
