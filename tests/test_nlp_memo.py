"""The memoised attribute ruler and lemmatizer (``multivector.nlp_memo``) parse exactly as
spaCy's own components do: every token attribute, the parse and the entities, compared through
``Doc.to_bytes()`` on texts that reach each kind of rule (one-token rules by tag, by word and by
dependency; two-token rules; the regular-expression rule; whitespace tokens; words the lemmatizer
has cached and words it has not)."""

from __future__ import annotations

import pytest
import spacy

from multivector.config import Config
from multivector.nlp_memo import MemoAttributeRuler, memoize_pipeline

TEXTS = [
    "The foreign ministers of Kazakhstan and Uzbekistan met in Astana on Monday.",
    "There are no plans to cut gas supplies, the spokesman said; there is nothing to add.",
    "I told it to you and you gave it to me, but it wasn't enough.",
    "We're gonna win, he said. Y'all know that, don't you? Let's go.",
    "Ain't nobody got time for that, nothin' at all, c'mon.",
    "She has had doubts. Did they do it? Have you done what he does?",
    "Officials  said\u00a0the  talks,\n\nwhich began in 2019 ,  would resume.",
    "Which of these would the government accept, and that one, whose terms are those?",
    "Running, swimming and cycling: the athletes ran faster than the runners had run.",
    "Ministers are meeting; the minister is meeting; I am meeting; you have met.",
    # one word, two lemmas by its tag: the lemma memo is keyed on more than the word
    "The meeting ended before they were meeting again. He saw the saw; the left wing left.",
]


@pytest.fixture(scope="module")
def pair():
    model = Config().spacy_model
    try:
        stock, memo = spacy.load(model), spacy.load(model)
    except OSError:  # pragma: no cover - the pinned model is part of the install
        pytest.skip(f"spaCy model {model} not installed")
    return stock, memoize_pipeline(memo)


def test_components_are_swapped(pair):
    _stock, memo = pair
    assert isinstance(memo.get_pipe("attribute_ruler"), MemoAttributeRuler)
    assert type(memo.get_pipe("lemmatizer")).__name__.startswith("Memo")
    assert memoize_pipeline(memo) is memo  # a second call changes nothing


def test_same_parse_as_spacy(pair):
    stock, memo = pair
    for _ in range(2):  # the second round is answered from the memos
        for a, b in zip(stock.pipe(TEXTS), memo.pipe(TEXTS), strict=True):
            assert a.to_bytes() == b.to_bytes(), a.text
            assert [(t.lemma_, t.pos_, str(t.morph), t.dep_) for t in a] == \
                [(t.lemma_, t.pos_, str(t.morph), t.dep_) for t in b]
    ruler = memo.get_pipe("attribute_ruler")
    assert ruler._memo  # the one-token rules were looked up, not matched token by token
    assert ruler._memo_rest is not None  # the two-token and regular-expression rules remain
    lemmatizer = memo.get_pipe("lemmatizer")
    assert lemmatizer._mv_state[1]  # every lemma cached
    assert lemmatizer._mv_lookups  # new words were looked up in the word sets


def test_rules_added_later_are_applied(pair):
    stock, memo = pair
    text = "The delegation arrived in Bishkek."
    memo(text)  # memo built with the model's rules
    for nlp in (stock, memo):
        nlp.get_pipe("attribute_ruler").add([[{"LOWER": "bishkek"}]], {"LEMMA": "frunze"})
    a, b = stock(text), memo(text)
    assert [t.lemma_ for t in b] == [t.lemma_ for t in a]
    assert "frunze" in [t.lemma_ for t in b]
