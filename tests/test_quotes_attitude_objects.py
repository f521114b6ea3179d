"""What a government condemned or welcomed is not what it said (sentences written for this
test): "condemned the drills" gave a quote whose content was "the drills"."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

TEXT = """Drills near the border

Armenia's foreign ministry condemned the drills on Monday. Georgia welcomed the decision to reopen the border crossing.

The ministry also condemned what it called "a provocation" by the two neighbours.
"""


def test_the_object_of_condemn_or_welcome_is_no_quote(pipeline):
    doc = pipeline.analyze_text(TEXT, source="attitudes.txt")
    texts = [q.text for q in doc.quotes]
    assert "the drills" not in texts and not any(t.startswith("the decision") for t in texts), texts
    # quoted words in the object stay a quote
    assert any("a provocation" in t for t in texts), texts
