"""Actors in their sentence, as the event coder asks about them: agents placed by their own
complement ("rebels in X", "police in <city>"), residents named by where they live, and the
``eval actors --in-context`` diagnostic (sentences written for these tests)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from multivector.cli import app


@pytest.fixture(scope="module")
def coded():
    from multivector.events.arguments import ActorResolver
    from multivector.eval.actors import _code3, _phrase_head
    from multivector.pipeline import Pipeline
    from multivector.text.clean import make_document

    pipe = Pipeline(stages=["actors"])

    def run(text: str, phrase: str) -> tuple[str | None, dict | None]:
        docs, _ = pipe.process([make_document(text, source="t", date="2001-05-02")])
        doc = docs[0]
        at = text.index(phrase)
        sent = next(s for s in doc.english_sentences() if s.start <= at < s.end)
        base = doc.paragraphs[sent.paragraph].start
        head = _phrase_head(sent.span, at - base, at - base + len(phrase))
        ref = ActorResolver(doc, "2001-05-02").actor(head)
        return _code3(ref), ref
    return run


@pytest.mark.parametrize("text,phrase,iso", [
    ("Rebels in the Ivory Coast on Friday rejected an offer of talks.", "Rebels", "CIV"),
    ("Police in Lagos detained nine protesters on Tuesday.", "Police", "NGA"),
    ("Four opposition parties in Nepal called a general strike.", "opposition parties", "NPL"),
    ("Students throughout Indonesia marched on Sunday.", "Students", "IDN"),
    ("The Albanians of southern Serbia demanded more autonomy.", "Albanians", "SRB"),
])
def test_an_agent_placed_by_its_complement_is_that_states(coded, text, phrase, iso):
    got, _ = coded(text, phrase)
    assert got == iso


def test_a_stated_nationality_wins_over_the_place(coded):
    got, ref = coded("Russian troops in Syria shelled a village on Monday.", "Russian troops")
    assert got == "RUS" and ref["sector"] == "MIL"


def test_a_complement_of_the_verb_does_not_place_the_object(coded):
    # "in Liberia" says where the arrest happened, not whose the rebels are
    got, _ = coded("The soldiers arrested the rebels in Liberia on Monday.", "rebels")
    assert got is None


def test_in_context_diagnostic_scores_gold_phrases_in_their_sentence(tmp_path):
    from multivector.eval.actors import evaluate_in_context

    recs = [{"text": "Rebels in the Ivory Coast on Friday rejected an offer of talks.",
             "date": "2002-10-04", "event": "REJECT",
             "source": [{"actorText": "Rebels in the Ivory Coast", "code": "CIVREB"}],
             "target": [{"actorText": "Nowhere land", "code": "FRA"}]},
            {"text": "The Iraqi foreign minister met his Syrian counterpart.",
             "date": "2001-05-02", "event": "CONSULT",
             "source": [{"actorText": "Iraqi foreign minister", "code": "IRQGOV"}],
             "target": [{"actorText": "Syrian counterpart", "code": "SYRGOV"}]}]
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps(recs), encoding="utf-8")
    res = evaluate_in_context(plover=path)["plover"]
    assert res["phrases"] == 3 and res["not_found"] == 1
    assert res["in_context_accuracy"] == 1.0
    out = CliRunner().invoke(app, ["eval", "actors", "--in-context", "--plover-gsr", str(path),
                                   "--json"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)["plover"]["phrases"] == 3
    bad = CliRunner().invoke(app, ["eval", "actors", "--in-context"])
    assert bad.exit_code == 2


def test_state_nicknames_name_their_state():
    from multivector.actors.api import resolve_phrase

    for phrase, iso in [("the Hermit Kingdom", "PRK"), ("the Jewish state", "ISR"),
                        ("the Middle Kingdom", "CHN")]:
        r = resolve_phrase(phrase, "2003-02-01")
        assert r is not None and r["country"] == iso, phrase
