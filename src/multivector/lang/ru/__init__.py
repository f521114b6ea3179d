"""Russian, in one folder: this package registers the language the way a plugin registers its own
(``register_language``), and its modules are the language's code beside its word lists:

* ``parse.py``: natasha -> spaCy ``Doc`` objects with the English model's labels (``parse.yaml``);
* ``actors.py``: natasha NER and lemmas against the knowledge base's Russian aliases (``actors.yaml``);
* ``quotes.py``, ``events.py``, ``stance.py``: the quote, event and stance coders on that parse
  (``quotes.yaml``, ``events.yaml``, ``stance.yaml``);
* ``pairs.py`` (+ ``pairs_model.json``): the cue lexicon and the RuSentRel entity-pair model.

Nothing heavy is imported here: ``register`` runs whenever the registry is first read (every
command line start), so each coder imports its module on its first call and natasha loads on
the first Russian paragraph only.
"""

from __future__ import annotations

from typing import Any

from ..registry import doc_parser, register_language

CYRILLIC = r"[А-Яа-яЁё]"


class RussianRecogniser:
    """natasha NER and lemmas against the KB's Russian aliases (models load on first use)."""

    def __init__(self, kb: Any, nlp: Any):
        from .actors import RussianRecognizer

        self.rec = RussianRecognizer(kb=kb)

    def __call__(self, paragraph: Any, text: str, date: str | None) -> list:
        return self.rec.paragraph(text, paragraph.start, date)


def _parser() -> Any:
    """natasha -> spaCy Docs with the English labels (``parse.py``)."""
    from .parse import RussianParser

    return RussianParser()


def _quotes(doc: Any, paragraphs: list[Any], marks: list[Any]) -> list:
    """Quotes on the natasha parse, words of ``quotes.yaml`` (``quotes.py``)."""
    from .quotes import russian_drafts

    return russian_drafts(doc, marks, paragraphs)


def _events(doc: Any, paragraphs: list[Any]) -> list:
    """Events on the natasha parse, triggers of ``events.yaml`` (``events.py``)."""
    from .events import russian_events

    return russian_events(doc, paragraphs)


def _stances(doc: Any, paragraphs: list[Any]) -> list:
    """Stance cues of ``stance.yaml`` on the natasha parse (``stance.py``)."""
    from .stance import russian_hits

    return russian_hits(doc, paragraphs)


def register() -> None:
    """Register Russian. Its Cyrillic recogniser is tried first on paragraphs of languages
    without one (``fallback_rank`` 10: Cyrillic before Han before Latin, the rarer script tells
    what a paragraph really is)."""
    register_language("ru", name="Russian", script="cyrillic", detect=True, kb_names=True,
                      parser=doc_parser(_parser, requires=("natasha",)),
                      recogniser=RussianRecogniser, accepts=CYRILLIC, fallback_rank=10,
                      quotes=_quotes, events=_events, stances=_stances,
                      replace=True, origin=__name__)
