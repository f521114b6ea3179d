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


@pytest.mark.parametrize("text", [
    "Demonstrators marched through the capital, demanding the withdrawal of Turkish troops "
    "from Iraq.",
    "The opposition in Tbilisi called for the withdrawal of Russian forces from Georgia.",
])
def test_an_act_noun_someone_demands_did_not_happen(pipeline, text):
    """The withdrawal is wanted, not done: no asserted RETREAT for an analyst's map."""
    doc = pipeline.analyze_text(text, source="demand.txt")
    retreats = [e for e in doc.events if (e.cameo or "").startswith("087")]
    assert retreats and all(e.modality == "recommended" for e in retreats)


def test_an_act_noun_someone_carried_out_stays_asserted(pipeline):
    doc = pipeline.analyze_text("Moscow completed the withdrawal of its troops from Georgia.",
                                source="done.txt")
    assert any((e.cameo or "").startswith("087") and e.modality == "asserted"
               for e in doc.events)
