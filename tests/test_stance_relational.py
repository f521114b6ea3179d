"""A relation stated between two other actors is not the speaker's view of either (sentences
written for these tests)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def _stances(pipeline, text):
    doc = pipeline.analyze_text(text, source="stance.txt")
    return {(s.holder.id, s.target.id, s.method): (s.label, s.aspect) for s in doc.stances}


def test_a_rival_to_someone_is_a_relation_not_the_speakers_judgement(pipeline):
    got = _stances(pipeline, '"Turkey is a rival to Russia in the South Caucasus but a partner '
                             'in energy," said Temur Umarov, an analyst.')
    # Turkey's rivalry with Russia: directed, and its aspect is not the partnership's
    assert got[("TUR", "RUS", "directed")] == ("hostile", None)
    # the analyst calls Turkey a partner in energy; "rival to Russia" says nothing of his view
    assert got[("PER:temur-umarov", "TUR", "lexicon")] == ("cooperative", "energy")
