"""A report inside reported content is part of that content (sentences written for this
test): one statement of the mayor's, not three, and no words put in the mouth of someone the
speaker only reports on."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

TEXT = """Council delays vote on bike lanes

Mayor Jim Oduya said he still supports the project but agreed more consultation was needed.

The opposition leader, Sara Lind, said the mayor had promised residents a vote before the summer.
"""


def test_reports_inside_reported_content_are_not_second_quotes(pipeline):
    doc = pipeline.analyze_text(TEXT, source="nested.txt")
    mayor = [q for q in doc.quotes if q.speaker and q.speaker.name == "Jim Oduya"]
    assert [q.text for q in mayor] == [
        "he still supports the project but agreed more consultation was needed"]
    lind = [q for q in doc.quotes if "promised" in doc.text[q.start:q.end]]
    assert len(lind) == 1 and lind[0].speaker.name == "Sara Lind"
    # the mayor's promise is Lind's report, not a quote of the mayor's
    assert not any(q.cue == "promised" for q in doc.quotes)
