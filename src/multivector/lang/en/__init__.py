"""English: registered here the way a plugin registers its language (``register_language``).

English has no coders of its own: its paragraphs are the ones the stages' default path reads
(spaCy-parsed sentences: ``actors/english.py``, the quote, event and stance stages), so only
its parser and actor recogniser are named here; its word lists are this folder's ``*.yaml``.
"""

from __future__ import annotations

from typing import Any

from ..registry import SPACY, register_language

LATIN = r"[A-Za-z]"


class EnglishRecogniser:
    """spaCy-parsed English paragraphs (NER + gazetteer + roles); unparsed Latin text (a
    paragraph in another Latin-script language) gets the gazetteer only."""

    def __init__(self, kb: Any, nlp: Any):
        from ...actors.english import EnglishRecognizer

        self.rec = EnglishRecognizer(kb, nlp)

    def __call__(self, paragraph: Any, text: str, date: str | None) -> list:
        if paragraph.spacy is not None:
            return self.rec.paragraph(paragraph.spacy, paragraph.start, date,
                                      lang=paragraph.lang or "en")
        return self.rec.plain(text, paragraph.start, paragraph.lang)


def _recogniser(kb: Any, nlp: Any) -> EnglishRecogniser | None:
    return EnglishRecogniser(kb, nlp) if nlp is not None else None  # needs a spaCy pipeline


def register() -> None:
    """Register English: parsed by the configured spaCy pipeline; its recogniser reads any
    Latin text last (``fallback_rank`` 90) when a paragraph's own language has none."""
    register_language("en", name="English", script="latin", detect=True, kb_names=True,
                      parser=SPACY, recogniser=_recogniser, accepts=LATIN, fallback_rank=90,
                      replace=True, origin=__name__)
