"""A quote's speaker name and actor id belong to the same person. The actor linker resolves
pronouns by its own rules; when it picks another person than the quote resolver, the speaker
must not get one person's name and the other's id (it did for 83 of 1,208 quotes on 80 BBC
politics articles). Text written for this test."""

from __future__ import annotations

import pytest

from multivector.stages import get_stage

pytestmark = pytest.mark.slow

TEXT = ("Attorney General Peter Goldsmith met the justice minister, Charles Falconer, in London "
        "on Monday. He said the legal advice had been written without any pressure from ministers.")


def test_a_pronoun_speaker_keeps_the_id_of_the_person_it_names(pipeline):
    doc = pipeline.analyze_text(TEXT, source="ids.txt")
    [q] = [q for q in doc.quotes if q.speaker is not None and q.speaker.method == "pronoun"]
    assert (q.speaker.name, q.speaker.id) == ("Peter Goldsmith", "PER:peter-goldsmith")
    falconer = next(m.actor_id for m in doc.mentions if m.text == "Charles Falconer")
    # the linker's reading of "He" disagrees with the quote resolver's
    for m in doc.mentions:
        if m.method == "pronoun":
            m.actor_id = falconer
    get_stage("quotes").build(pipeline.config, pipeline.nlp)(doc)
    [q] = [q for q in doc.quotes if q.speaker is not None and q.speaker.method == "pronoun"]
    assert q.speaker.name == "Peter Goldsmith"
    assert q.speaker.id in ("PER:peter-goldsmith", None)


def test_the_evaluation_counts_speakers_whose_id_is_another_person(pipeline):
    from multivector.eval.bbc_quotes import id_agreement

    doc = pipeline.analyze_text(TEXT, source="ids.txt")
    assert id_agreement(doc) == (1, 1)
    q = next(q for q in doc.quotes if q.speaker is not None)
    q.speaker.id = next(m.actor_id for m in doc.mentions if m.text == "Charles Falconer")
    assert id_agreement(doc) == (1, 0)
