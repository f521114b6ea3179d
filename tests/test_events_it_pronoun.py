"""'it' (and its, they, their) never stands for one person: in "Rakhimov believes that the
visit changed little but that it opened a channel" the opener is the visit, not the analyst."""

from __future__ import annotations

from pathlib import Path

from multivector.pipeline import Pipeline


def test_it_in_a_believed_clause_is_not_the_believer() -> None:
    path = Path(__file__).resolve().parents[1] / "examples" / "02_interview_rakhimov_blinken_tour.txt"
    doc = Pipeline().analyze_text(path.read_text(encoding="utf-8"), source="ex-02", title=None)
    assert doc.events
    for e in doc.events:
        start = e.text.find(e.trigger or "") if e.text else -1
        if (e.trigger or "") == "opened" and start >= 0 and " it opened" in e.text:
            assert not any((a.id or "").startswith("PER:") for a in e.source), e
