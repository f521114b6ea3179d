"""The shipped given-name list (``lang/en/given_names.tsv``), read once.

Shared by the quote resolver (gender from a first name, "Michelle" tagged as a company) and the
actor recogniser (a first name spaCy left out of a person entity). Sources:
scripts/build_given_names.py.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def given_names() -> dict[str, str]:
    """Given name -> 'm' / 'f'."""
    out: dict[str, str] = {}
    text = resources.files("multivector.lang").joinpath("en/given_names.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, _, g = line.partition("\t")
            out[name] = g.strip()
    return out
