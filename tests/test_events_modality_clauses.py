"""Modality across coordinated clauses (sentences written for these tests): a conjunct with its
own subject or auxiliary keeps its own modality; a bare coordinated verb shares the first one's."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def _modalities(pipeline, text):
    doc = pipeline.analyze_text(text, source="modality.txt")
    return {e.cameo: e.modality for e in doc.events}


def test_a_refusal_after_but_is_asserted_though_the_first_clause_is_negated(pipeline):
    got = _modalities(pipeline, "Kazakhstan did not condemn the Russian invasion of Ukraine, "
                                "but it has refused to recognise the annexed regions.")
    assert got.get("111") == "negated"
    assert got.get("124") == "asserted"


def test_a_bare_coordinated_verb_shares_negation_and_future(pipeline):
    assert _modalities(pipeline, "Turkey did not meet Greece and sign the accord.") == \
        {"040": "negated", "057": "negated"}
    got = _modalities(pipeline, "China will meet Russia and sign a treaty next week.")
    assert set(got.values()) == {"future"}
