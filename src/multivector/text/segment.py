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
from ..lang import get_language, own_parser_languages, parsed_languages, parser_for
from ..lang.lexicon import lexicon
from .language import LanguageDetector, rough_sentences
from .translation import find_translations

_LINE = re.compile(r"[^\n]+")
# Longer lines are split into several paragraphs at sentence ends (at a space when one sentence
# is longer): spaCy refuses texts over 1,000,000 characters (E088) and its memory grows with the
# text, while news paragraphs are a few hundred characters. Offsets still point into the stored
# text; only the paragraph boundaries inside such a line are ours.
MAX_PARAGRAPH_CHARS = 10_000


DATELINE = re.compile(lexicon("mul").section("layout")["wire_dateline"])


def dateline_end(text: str, start: int, end: int) -> int | None:
    """Where the prose starts after a wire dateline opening ``text[start:end]`` ("ASTANA,
    March 3 - Kazakhstan's ..."), or None. Prose after a dateline opens with a capital, a digit
    or a quotation mark; a bare capitalised word before a dash ("MOSCOW — ") needs four letters,
    so "US - China talks" and "NATO - the alliance" stay prose."""
    m = DATELINE.match(text, start, end)
    if m is None or end - m.end() < 20:
        return None
    nxt = text[m.end()]
    if not (nxt.isupper() or nxt.isdigit() or nxt in "\"'“‘«"):
        return None
    head = m.group(0)
    if "," not in head and "(" not in head and len(head.split()[0]) < 4:
        return None
    return m.end()


def paragraph_spans(text: str, limit: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line, trimmed; lines over ``limit`` characters
    (default ``MAX_PARAGRAPH_CHARS``) split."""
    limit = limit or MAX_PARAGRAPH_CHARS
    spans = []
    for m in _LINE.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e - s > limit:
            spans.extend(split_long(text, s, e, limit))
        elif e > s:
            spans.append((s, e))
    return spans


def split_long(text: str, start: int, end: int, limit: int) -> list[tuple[int, int]]:
    """``text[start:end]`` as pieces of at most ``limit`` characters: whole sentences packed
    together, a longer sentence cut at its last space before the limit (hard cut without one)."""
    pieces: list[tuple[int, int]] = []
    cur_s = cur_e = -1
    for s, e in rough_sentences(text[start:end], start):
        while e - s > limit:  # one sentence too long for a piece of its own
            if cur_s >= 0:
                pieces.append((cur_s, cur_e))
                cur_s = -1
            cut = text.rfind(" ", s + 1, s + limit)
            cut = cut if cut > s else s + limit
            pieces.append((s, cut))
            s = cut
            while s < e and text[s].isspace():
                s += 1
        if s >= e:
            continue
        if cur_s >= 0 and e - cur_s <= limit:
            cur_e = e
        else:
            if cur_s >= 0:
                pieces.append((cur_s, cur_e))
            cur_s, cur_e = s, e
    if cur_s >= 0:
        pieces.append((cur_s, cur_e))
    out = []
    for s, e in pieces:  # trimmed, like every paragraph
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


class Segmenter:
    def __init__(self, nlp, config: Config | None = None):
        self.nlp = nlp
        self.config = config or Config()
        self.detector = LanguageDetector(self.config.languages)
        # which paragraphs spaCy parses, and other languages' own sentence splitters: from the
        # language registry (multivector.lang)
        self.parsed = parsed_languages()
        # languages parsed by their own parser (Russian: natasha); their spaCy docs go to
        # doc.user_data["parses"][paragraph idx] (see Doc.parsed_sentences)
        self.own = own_parser_languages()

    # ------------------------------------------------------------------ paragraphs
    def paragraphs(self, text: str) -> list[Paragraph]:
        paras: list[Paragraph] = []
        for s, e in paragraph_spans(text):
            cut = dateline_end(text, s, e)
            if cut is not None:  # the dateline is a paragraph of its own (language: its neighbour's)
                dl_end = cut
                while dl_end > s and text[dl_end - 1].isspace():
                    dl_end -= 1
                paras.append(Paragraph(idx=len(paras), start=s, end=dl_end, lang=None))
                s = cut
            chunk = text[s:e]
            if self.detector.is_mixed(chunk):
                pieces: list[tuple[int, int, str | None]] = []
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
        own_jobs: dict[str, list[tuple[int, Paragraph]]] = {}
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
                elif p.lang in self.own and p.translation_of is None:
                    own_jobs.setdefault(p.lang, []).append((di, p))
            docs.append(doc)
        t_lang = time.perf_counter() - t0
        t1 = time.perf_counter()
        texts = ((docs[di].text[p.start:p.end], (di, p)) for di, p in jobs)
        for sdoc, (_di, p) in self.nlp.pipe(texts, as_tuples=True, batch_size=64):
            sdoc.user_data["mv_paragraph"] = p.idx
            p.spacy = sdoc
        for code, items in own_jobs.items():
            lang = get_language(code)
            if lang is None:
                continue
            parsed = parser_for(lang).pipe([docs[di].text[p.start:p.end] for di, p in items])
            for sdoc, (di, p) in zip(parsed, items, strict=True):
                sdoc.user_data["mv_paragraph"] = p.idx
                docs[di].user_data.setdefault("parses", {})[p.idx] = sdoc
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
        own = doc.user_data.get("parses", {})
        for p in doc.paragraphs:
            parse = p.spacy if p.spacy is not None else own.get(p.idx)
            if parse is not None:
                txt = parse.text  # spaCy joins every token's text for this: once per paragraph
                for span in parse.sents:
                    s, e = span.start_char, span.end_char
                    while s < e and txt[s].isspace():
                        s += 1
                    while e > s and txt[e - 1].isspace():
                        e -= 1
                    if e <= s:
                        continue
                    sents.append(Sentence(idx=len(sents), paragraph=p.idx, start=p.start + s,
                                          end=p.start + e, lang=p.lang,
                                          span=span if p.spacy is not None else None))
            else:
                lang = get_language(p.lang)
                split = lang.parser if lang is not None and callable(lang.parser) \
                    else rough_sentences
                for s, e in split(doc.text[p.start:p.end], p.start):
                    sents.append(Sentence(idx=len(sents), paragraph=p.idx, start=s, end=e,
                                          lang=p.lang))
        doc.sentences = sents
