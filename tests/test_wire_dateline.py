"""A wire report that opens with a dateline (written for this test). The parser read the city in
capitals as the subject of the first sentence, so the foreign ministry's statement was given to
"ASTANA" (a speaker with no actor) and everything drawn from it lost its holder. A dateline is a
paragraph of its own; and an unnamed spokeswoman "for the ministry" speaks for the ministry that
is the subject of the sentence, not for a capital mentioned inside another phrase."""

from __future__ import annotations

import pytest

from multivector.text.segment import dateline_end

pytestmark = pytest.mark.slow

TEXT = """Kazakhstan weighs Chinese loans against Russian pressure

ASTANA, March 3 - Kazakhstan's foreign ministry said on Tuesday that cooperation with Beijing was indispensable for the country's transport plans, while a spokeswoman for the ministry described Russia's proposed customs rules as a trap for smaller economies.

Analyst Dina Omarova, who teaches at a university in Almaty, said Moscow and Astana remain close allies.
"""


@pytest.mark.parametrize("para, cut", [
    ("ASTANA, March 3 - Kazakhstan's ministry said it would reply.", "Kazakhstan"),
    ("BISHKEK, Kyrgyzstan (AP) — The parliament voted on Friday to keep the base.", "The"),
    ("TASHKENT (Reuters) - Uzbekistan will sell more gas to China next year.", "Uzbekistan"),
    ("MOSCOW — Russia and Turkey agreed on Monday to extend the grain deal.", "Russia"),
])
def test_a_wire_dateline_ends_where_the_prose_starts(para, cut):
    end = dateline_end(para, 0, len(para))
    assert end is not None and para[end:].startswith(cut)


@pytest.mark.parametrize("para", [
    "US - China trade talks resumed in Geneva after a pause of two months.",
    "NATO - the alliance of thirty-one states - met in Vilnius on Tuesday.",
    "The EU - Central Asia summit opened in Samarkand with five presidents.",
])
def test_prose_with_a_dash_is_not_a_dateline(para):
    assert dateline_end(para, 0, len(para)) is None


def test_the_statement_after_a_dateline_keeps_its_speaker_and_its_views(pipeline):
    doc = pipeline.analyze_text(TEXT, source="wire.txt")
    first = doc.paragraphs[1]
    assert doc.text[first.start:first.end] == "ASTANA, March 3 -"
    assert first.lang == "en"
    speakers = {q.text.split()[0]: q.speaker for q in doc.quotes}
    said = speakers["that"]
    assert said is not None and said.id == "KAZGOV", said
    described = next(q for q in doc.quotes if q.cue == "described")
    assert described.speaker is not None and described.speaker.id == "KAZGOV", described.speaker
    # the spokeswoman calls Russia's rules a trap: a hostile view of Russia held by Kazakhstan's
    # ministry; nobody's view of China is drawn from her words
    hostile = [s for s in doc.stances if s.target.id == "RUS" and s.polarity < 0]
    assert hostile and all(s.holder.id == "KAZGOV" for s in hostile), doc.stances
    assert not any(s.holder.id == "CHNGOV" for s in doc.stances if s.holder)


def test_an_institution_in_a_capital_is_that_states(pipeline):
    """"the defence ministry in Baku said" had no actor; the capital stays a place."""
    text = ("Drills near the border\n\nTroops began joint exercises near the border on Monday, "
            "the defence ministry in Baku said.\n")
    doc = pipeline.analyze_text(text, source="capital.txt")
    (q,) = doc.quotes
    assert q.speaker is not None and q.speaker.id is not None and q.speaker.id.startswith("AZE")
    assert q.speaker.id != "AZE"


def test_a_titled_surname_is_not_a_namesake_of_another_trade(pipeline):
    """"Mayor Crane" is not the US congressman Eli Crane of the knowledge base: a title links a
    lone surname only to someone recorded in the title's sector (a mayor governs, a congressman
    legislates). The speaker keeps the words and no actor rather than a wrong one."""
    text = ("Town approves new budget\n\nMayor Crane defended the budget at Tuesday's meeting. "
            '"We cannot keep borrowing," Crane said.\n')
    doc = pipeline.analyze_text(text, source="mayor.txt")
    assert doc.quotes and all(q.speaker is None or q.speaker.id != "PER:elijah-crane"
                              for q in doc.quotes), [q.speaker for q in doc.quotes]
    assert not any(m.actor_id == "PER:elijah-crane" for m in doc.mentions)


def test_a_spokeswomans_event_takes_her_ministrys_country(pipeline):
    """The spokeswoman the quotes stage resolved to Kazakhstan's ministry is Kazakh; the source of
    her act took Russia's country from "Russia's proposed customs rules" in the object."""
    doc = pipeline.analyze_text(TEXT, source="wire.txt")
    hers = [e for e in doc.events if e.source and e.source[0].name == "spokeswoman"]
    assert hers and all(e.source[0].country == "KAZ" for e in hers), [e.source for e in hers]
