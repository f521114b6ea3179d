"""A speaker named by a phrase the actor linker resolved carries that actor (sentences written
for these tests): otherwise the quote has a name but no actor, and the speaker's stances are
filed under a bare name, even toward the speaker's own government."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_a_group_of_officials_speaks_for_its_government(pipeline):
    doc = pipeline.analyze_text("Turkmen officials said the pipeline would be finished next year.",
                                source="q.txt")
    [q] = doc.quotes
    assert (q.speaker.id, q.speaker.name) == ("TKMGOV", "Turkmen officials")


def test_a_ministry_holds_no_stance_toward_its_own_government(pipeline):
    doc = pipeline.analyze_text("The Uzbek foreign ministry said Tashkent valued its strategic "
                                "partnership with Washington.", source="q.txt")
    assert doc.quotes[0].speaker.id == "UZBGOV"
    pairs = {(s.holder.id or s.holder.name, s.target.id) for s in doc.stances}
    assert ("UZBGOV", "USAGOV") in pairs
    assert not [p for p in pairs if p[1] == "UZBGOV" and p[0] in ("UZBGOV", "Uzbek foreign ministry")]
