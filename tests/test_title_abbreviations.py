"""Abbreviated titles with a full stop (sentences written for this test): spaCy's parser ended a
sentence after "Coun." and "Cst.", so "said Coun. Maria Delgado" gave a speaker called "Coun"."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("text, first", [
    ('"We owe residents another look," said Coun. Maria Delgado, who chairs the committee.',
     '"We owe residents another look," said Coun. Maria Delgado, who chairs the committee.'),
    ("Cst. Jane Doe of the RCMP said the road was closed. Insp. Tom Ray agreed.",
     "Cst. Jane Doe of the RCMP said the road was closed."),
    ("Lt. Col. Ann Smith said the convoy had left. Nobody was hurt.",
     "Lt. Col. Ann Smith said the convoy had left."),
    # a street is not a title, and a pronoun after a title starts a new sentence
    ("He lives on Main St. The store is closed.", "He lives on Main St."),
    ("The vote was led by Gen. He said no.", "The vote was led by Gen."),
])
def test_a_title_does_not_end_the_sentence(nlp, text, first):
    doc = nlp(text)
    assert next(iter(doc.sents)).text == first


TEXT = """Council delays vote on bike lanes

"We heard a lot of concerns tonight, and we owe residents another look at the parking numbers," said Coun. Maria Delgado, who chairs the transportation committee.
"""


def test_the_speaker_after_an_abbreviated_title(pipeline):
    doc = pipeline.analyze_text(TEXT, source="council.txt")
    (q,) = [q for q in doc.quotes if q.kind == "direct"]
    assert q.speaker is not None and q.speaker.name == "Maria Delgado", q.speaker
