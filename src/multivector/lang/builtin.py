"""The built-in languages, registered the way a plugin registers its own.

``register`` is the entry point named in ``pyproject.toml`` under ``multivector.languages``;
a plugin package declares its own function there and calls ``register_language`` the same way.
The attributes of each language are data (``languages.yaml``); what is code (a parser, a
recogniser, the language's own quote, event and stance coders) is set here (``CODE``).

English has no coders of its own: its paragraphs are the ones the stages' default path reads
(spaCy-parsed sentences). The coders below import their modules on first call, like the
recognisers: the stage packages import ``multivector.lang``, so this module must not import
them when it is loaded.
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


def _russian_quotes(doc: Any, paragraphs: list[Any], marks: list[Any]) -> list:
    """Quotes on the natasha parse, words of ``lang/ru/quotes.yaml`` (``quotes/russian.py``)."""
    from ..quotes.russian import russian_drafts

    return russian_drafts(doc, marks, paragraphs)


def _russian_events(doc: Any, paragraphs: list[Any]) -> list:
    """Events on the natasha parse, triggers of ``lang/ru/events.yaml`` (``events/russian.py``)."""
    from ..events.russian import russian_events

    return russian_events(doc, paragraphs)


def _russian_stances(doc: Any, paragraphs: list[Any]) -> list:
    """Stance cues of ``lang/ru/stance.yaml`` on the natasha parse (``stance/russian.py``)."""
    from ..stance.russian import russian_hits

    return russian_hits(doc, paragraphs)


def _chinese_quotes(doc: Any, paragraphs: list[Any], marks: list[Any]) -> list:
    """Surface patterns over each sentence, words of ``lang/zh/quotes.yaml``
    (``quotes/chinese.py``; its quotation marks are in that file, so ``marks`` is not read)."""
    from ..quotes.chinese import chinese_drafts

    return chinese_drafts(doc, paragraphs)


def _chinese_events(doc: Any, paragraphs: list[Any]) -> list:
    """Triggers of ``lang/zh/events.yaml`` between linked actors (``events/chinese.py``)."""
    from ..events.chinese import chinese_events

    return chinese_events(doc, paragraphs)


# code -> the register_language arguments that are code: parser, recogniser factory, pattern
# of text it reads, fallback rank, the language's own coders. A paragraph of a language without
# a recogniser goes to the first recogniser whose script it contains: Cyrillic before Han
# before Latin (the rarer script tells what the paragraph really is). A language not listed
# gets punctuation sentences and no recogniser or coders.
CODE: dict[str, dict[str, Any]] = {
    "en": {"parser": SPACY, "recogniser": _english, "accepts": LATIN, "fallback_rank": 90},
    "ru": {"parser": doc_parser(_russian_parser), "recogniser": RussianRecogniser,
           "accepts": CYRILLIC, "fallback_rank": 10,
           "quotes": _russian_quotes, "events": _russian_events, "stances": _russian_stances},
    "zh": {"parser": PUNCTUATION, "recogniser": ChineseRecogniser, "accepts": HAN,
           "fallback_rank": 20, "quotes": _chinese_quotes, "events": _chinese_events},
}


def register() -> None:
    """Register every language of ``languages.yaml``."""
    text = resources.files(__package__).joinpath("languages.yaml").read_text("utf-8")
    for code, attrs in (yaml.safe_load(text) or {}).items():
        register_language(code, name=attrs.get("name"), script=attrs["script"],
                          detect=bool(attrs.get("detect")),
                          kb_names=bool(attrs.get("kb_names")), **CODE.get(code, {}),
                          replace=True, origin=__name__)
