"""Small helpers the quote tests share (the ``qpipe`` fixture is in conftest.py)."""

from __future__ import annotations


def run(qpipe, text):
    """The quotes of ``text``."""
    return qpipe.analyze_text(text).quotes


def find(qs, words):
    """The first quote whose text holds ``words``."""
    return next(q for q in qs if words in q.text)


def name(q):
    """The speaker's name, or None."""
    return q.speaker.name if q.speaker is not None else None
