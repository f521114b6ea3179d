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
