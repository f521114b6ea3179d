"""A KB person written with fewer middle names links only on evidence: a middle name kept or an
office title. A quoted bystander with a common two-word name is nobody from the KB (a false link
makes their words a politician's and drags the story's country with it)."""

from __future__ import annotations

from typer.testing import CliRunner

from multivector.cli import app

runner = CliRunner()


def _resolve(phrase: str) -> str:
    res = runner.invoke(app, ["actors", "resolve", phrase])
    assert res.exit_code == 0, res.output
    return res.output


def test_a_common_two_word_name_does_not_link_to_a_longer_kb_name():
    assert "ESP" not in _resolve("Jose Lopez")


def test_a_kept_middle_name_still_links():
    assert "SDN" in _resolve("Omar Hassan al-Bashir")


def test_a_party_name_tagged_as_a_person_is_settled_by_context(pipeline):
    """spaCy tags "Labour" after a verb as a PERSON; it is the party the story's other
    British names point to, not an unknown person with that surname."""
    doc = pipeline.analyze_text("The Liberal Democrats accused Labour of copying Conservative "
                                "tax plans.", source="party.txt")
    assert any(m.text == "Labour" and m.actor_id == "PTY:gbr-lab" for m in doc.mentions)
    accuse = [e for e in doc.events if (e.cameo or "").startswith("112")]
    assert accuse and accuse[0].target[0]["id"] == "PTY:gbr-lab"
