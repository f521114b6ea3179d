"""The ``stances`` pipeline stage: how each holder sees each actor (see :mod:`.extract`)."""

from __future__ import annotations

from ..doc import Doc
from .extract import extract_stances
from .lexicon import default_lexicon, load_lexicon


def build(config, nlp):
    """Load the lexicons once; return the per-document callable.

    ``config.stance_cues_file`` / ``config.stance_aspects_file`` (when the config has them)
    replace the packaged lexicons."""
    cues = getattr(config, "stance_cues_file", None)
    aspects = getattr(config, "stance_aspects_file", None)
    lexicon = load_lexicon(cues, aspects) if (cues or aspects) else default_lexicon()

    def run(doc: Doc) -> None:
        extract_stances(doc, lexicon)

    return run
