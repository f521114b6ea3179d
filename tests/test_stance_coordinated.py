"""A clause coordinated with a reporting verb is another actor's act, not what the reporting
verb's subject said (sentences written for this test). "The EU announced aid, and the United
States imposed sanctions" made the EU the holder of a hostile view of the United States."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

TEXT = """Aid and sanctions after the border clashes

The European Union announced 15 million euros in humanitarian aid for people displaced by the fighting, and the United States imposed sanctions on two Azerbaijani officials.

Russia said that Washington had become a threat to the region.
"""


def test_a_coordinated_clause_is_not_the_reporting_subjects_view(pipeline):
    doc = pipeline.analyze_text(TEXT, source="coordinated.txt")
    eu_views = [s for s in doc.stances if s.holder and s.holder.id == "IGO:EU"]
    assert not any(s.target.id in ("USA", "USAGOV") for s in eu_views), eu_views
    # the sanctions are the United States' act against Azerbaijan's officials
    assert any(s.holder and s.holder.id == "USA" and s.polarity < 0 for s in doc.stances)
    # a clause under the reporting verb still is its subject's view
    assert any(s.holder and s.holder.id == "RUS" and s.target.id in ("USA", "USAGOV") and s.polarity < 0
               for s in doc.stances), doc.stances
