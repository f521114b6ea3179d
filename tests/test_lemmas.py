"""The silent-e lemma correction (multivector.lemmas): spaCy's small English model lemmatises
"hopes" as "hop", "waged" as "wag" and "fined" as "fin", and every lemma-keyed rule then misses
the word (the modality governor "hope", the trigger "fine"). The rule is spelling, not a list:
a consonant-vowel-consonant base doubles before -ed/-ing, so "hoped" comes from "hope"."""

from __future__ import annotations

import pytest

from multivector.lemmas import short_base, silent_e_lemma

KNOWN = frozenset({"hop", "hope", "wag", "wage", "fin", "fine", "visit", "box", "star", "stare"})


@pytest.mark.parametrize("word,spacy_form,lemma", [
    ("hopes", "hop", "hope"), ("hoped", "hop", "hope"), ("hoping", "hop", "hope"),
    ("waged", "wag", "wage"), ("fined", "fin", "fine"), ("stared", "star", "stare"),
    ("hopped", "hop", "hop"),        # doubled: really "hop"
    ("visited", "visit", "visit"),   # "visite" is no word
    ("boxed", "box", "box"),         # a final x never doubles
    ("hopes", "hope", "hope"),       # already right
])
def test_silent_e_lemma(word, spacy_form, lemma):
    assert silent_e_lemma(word, spacy_form, KNOWN) == lemma


def test_short_base():
    assert short_base("hop") and short_base("spar")
    assert not short_base("sing") and not short_base("show") and not short_base("be")


@pytest.mark.slow
def test_pipeline_lemmas(events_pipeline):
    doc = events_pipeline.nlp("Iran hopes to talk. Rebels waged war. The court fined the firm "
                              "and hopped away. Iran visited Iraq.")
    lemmas = {t.lower_: t.lemma_ for t in doc}
    assert lemmas["hopes"] == "hope" and lemmas["waged"] == "wage"
    assert lemmas["fined"] == "fine" and lemmas["hopped"] == "hop"
    assert lemmas["visited"] == "visit"
