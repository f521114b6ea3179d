"""Chinese, in one folder: this package registers the language the way a plugin registers its
own (``register_language``); its modules are the language's code beside its word lists:

* ``actors.py``: longest match of the knowledge base's Chinese aliases (``actors.yaml``);
* ``quotes.py``, ``events.py``: the quote and event coders, surface patterns over each sentence
  (``quotes.yaml``, ``events.yaml``). Chinese paragraphs get punctuation sentences, no parse.

Nothing heavy is imported here (``register`` runs at every start): each coder imports its
module on its first call.
"""

from __future__ import annotations

from typing import Any

from ..registry import PUNCTUATION, register_language

HAN = r"[\u4e00-\u9fff]"


class ChineseRecogniser:
    """Longest match of the KB's Chinese aliases."""

    def __init__(self, kb: Any, nlp: Any):
        from .actors import ChineseRecognizer

        self.rec = ChineseRecognizer(kb)

    def __call__(self, paragraph: Any, text: str, date: str | None) -> list:
        return self.rec.paragraph(text, paragraph.start, date)


def _quotes(doc: Any, paragraphs: list[Any], marks: list[Any]) -> list:
    """Surface patterns over each sentence, words of ``quotes.yaml`` (``quotes.py``; its
    quotation marks are in that file, so ``marks`` is not read)."""
    from .quotes import chinese_drafts

    return chinese_drafts(doc, paragraphs)


def _events(doc: Any, paragraphs: list[Any]) -> list:
    """Triggers of ``events.yaml`` between linked actors (``events.py``)."""
    from .events import chinese_events

    return chinese_events(doc, paragraphs)


def register() -> None:
    """Register Chinese (its recogniser is tried on Han text after the Cyrillic one)."""
    register_language("zh", name="Chinese", script="han", detect=True, kb_names=True,
                      parser=PUNCTUATION, recogniser=ChineseRecogniser, accepts=HAN,
                      fallback_rank=20, quotes=_quotes, events=_events,
                      replace=True, origin=__name__)
