"""The built-in languages, registered the way a plugin registers its own.

``register`` is the entry point named in ``pyproject.toml`` under ``multivector.languages``;
a plugin package declares its own function there and calls ``register_language`` the same way.
The attributes of each language are data (``languages.yaml``); what is code (a parser, a
recogniser) is set here.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml

from .registry import PUNCTUATION, SPACY, doc_parser, register_language

LATIN = r"[A-Za-z]"
CYRILLIC = r"[А-Яа-яЁё]"
HAN = r"[\u4e00-\u9fff]"


class EnglishRecogniser:
    """spaCy-parsed English paragraphs (NER + gazetteer + roles); unparsed Latin text (a
    paragraph in another Latin-script language) gets the gazetteer only."""

    def __init__(self, kb: Any, nlp: Any):
        from ..actors.english import EnglishRecognizer

        self.rec = EnglishRecognizer(kb, nlp)

    def __call__(self, paragraph: Any, text: str, date: str | None) -> list:
        if paragraph.spacy is not None:
            return self.rec.paragraph(paragraph.spacy, paragraph.start, date,
                                      lang=paragraph.lang or "en")
        return self.rec.plain(text, paragraph.start, paragraph.lang)


class RussianRecogniser:
    """natasha NER and lemmas against the KB's Russian aliases (models load on first use)."""

    def __init__(self, kb: Any, nlp: Any):
        from ..actors.russian import RussianRecognizer

        self.rec = RussianRecognizer(kb=kb)

    def __call__(self, paragraph: Any, text: str, date: str | None) -> list:
        return self.rec.paragraph(text, paragraph.start, date)


class ChineseRecogniser:
    """Longest match of the KB's Chinese aliases."""

    def __init__(self, kb: Any, nlp: Any):
        from ..actors.chinese import ChineseRecognizer

        self.rec = ChineseRecognizer(kb)

    def __call__(self, paragraph: Any, text: str, date: str | None) -> list:
        return self.rec.paragraph(text, paragraph.start, date)


def _russian_parser() -> Any:
    """natasha -> spaCy Docs with the English labels (multivector.text.parse_ru)."""
    from ..text.parse_ru import RussianParser

    return RussianParser()


def _english(kb: Any, nlp: Any) -> EnglishRecogniser | None:
    return EnglishRecogniser(kb, nlp) if nlp is not None else None  # needs a spaCy pipeline


# code -> (parser, recogniser factory, pattern of text it reads, fallback rank). A paragraph of
# a language without a recogniser goes to the first of these whose script it contains:
# Cyrillic before Han before Latin (the rarer script tells what the paragraph really is).
CODE: dict[str, tuple[Any, Any, str, int]] = {
    "en": (SPACY, _english, LATIN, 90),
    "ru": (doc_parser(_russian_parser), RussianRecogniser, CYRILLIC, 10),
    "zh": (PUNCTUATION, ChineseRecogniser, HAN, 20),
}


def register() -> None:
    """Register every language of ``languages.yaml``."""
    text = resources.files(__package__).joinpath("languages.yaml").read_text("utf-8")
    for code, attrs in (yaml.safe_load(text) or {}).items():
        parser, factory, accepts, rank = CODE.get(code, (PUNCTUATION, None, None, 100))
        register_language(code, name=attrs.get("name"), script=attrs["script"],
                          detect=bool(attrs.get("detect")),
                          kb_names=bool(attrs.get("kb_names")), parser=parser,
                          recogniser=factory, accepts=accepts, fallback_rank=rank,
                          replace=True, origin=__name__)
