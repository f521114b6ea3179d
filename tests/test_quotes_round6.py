"""Sixth round, on sentences we wrote: the object of an attitude verb is not what was said,
a wire dateline is not part of the content, and an unnamed official introduced by role is the
speaker a later "the minister" or "he" points back to."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def qpipe():
    from multivector.pipeline import Pipeline

    return Pipeline(stages=["quotes"])


def quotes(qpipe, text):
    return qpipe.analyze_text(text).quotes


def name(q):
    return (q.speaker or {}).get("name") or ""


@pytest.mark.parametrize("text", [
    "Kazakhstan's prime minister criticised Beijing on Friday for closing two border crossings.",
    "The two delegations discussed a new railway line to the port.",
    "The Tajik ministry accused the governor of corruption.",
    "Ankara criticised the silence of its allies.",
])
def test_a_noun_phrase_object_is_not_content(qpipe, text):
    assert [(q.cue, q.text) for q in quotes(qpipe, text)] == []


def test_a_that_clause_of_an_attitude_verb_is_content(qpipe):
    qs = quotes(qpipe, "The ministry denied that its aircraft had entered Georgian airspace.")
    assert [(q.cue, q.text) for q in qs] == [("denied", "that its aircraft had entered Georgian airspace")]


def test_accused_of_a_gerund_keeps_the_charge(qpipe):
    qs = quotes(qpipe, "Yerevan accused Baku of shelling three villages near the border.")
    assert [q.cue for q in qs] == ["accused"] and qs[0].text.endswith("of shelling three villages near the border")


def test_an_attitude_verb_still_attributes_a_quotation(qpipe):
    qs = quotes(qpipe, 'The foreign ministry criticised the decision: "No Uzbek soldier has crossed the border."')
    assert len(qs) == 1 and qs[0].kind == "direct" and "ministry" in name(qs[0])


@pytest.mark.parametrize("para", [
    "BISHKEK, May 12 - Kyrgyzstan will not host a new air base, the defence ministry said on Monday.",
    "ASTANA (Reuters) - Kazakhstan will raise its oil output next year, the energy ministry said.",
    "NEW DELHI, March 3 — India will send a trade delegation to Tashkent, officials said.",
])
def test_a_wire_dateline_is_not_part_of_the_content(qpipe, para):
    qs = [q for q in quotes(qpipe, para) if q.kind == "indirect"]
    assert len(qs) == 1
    assert qs[0].text[:1].isupper() and not qs[0].text.split()[0].rstrip(",").isupper()
    assert not any(ch in qs[0].text for ch in "-—") and "," not in qs[0].text[:12]


def test_a_dateline_city_in_the_content_is_kept_when_not_a_dateline(qpipe):
    qs = quotes(qpipe, "The ministry said NATO troops would leave the base by June.")
    assert [q.text for q in qs] == ["NATO troops would leave the base by June"]


def test_an_unnamed_official_introduced_by_role(qpipe):
    text = ("Azerbaijan's foreign minister criticised Armenia on Monday for delaying the border talks. "
            '"Yerevan is wasting time," the minister told reporters in Baku. '
            "He added that Azerbaijan was ready to sign a treaty this year.")
    qs = quotes(qpipe, text)
    assert [q.kind for q in qs] == ["direct", "indirect"], [(q.cue, q.text) for q in qs]
    for q in qs:
        assert q.speaker is not None and q.speaker.name == "Azerbaijan's foreign minister"
        assert q.speaker.role == "foreign minister"
    assert qs[0].speaker.id == qs[1].speaker.id


def test_an_unnamed_official_with_a_national_adjective(qpipe):
    text = ("The Kyrgyz defence minister visited the border post on Friday. "
            '"Our troops are ready," the minister said.')
    qs = quotes(qpipe, text)
    assert len(qs) == 1 and qs[0].speaker is not None
    assert qs[0].speaker.name == "Kyrgyz defence minister" and qs[0].speaker.role == "defence minister"


def test_an_object_with_a_that_clause_is_content(qpipe):
    qs = quotes(qpipe, "The ministry rejected claims that it had misled parliament about the deal.")
    assert [q.cue for q in qs] == ["rejected"] and "that it had misled parliament" in qs[0].text


def test_called_for_and_called_on_keep_their_content(qpipe):
    qs = quotes(qpipe, "The senator called for an independent inquiry into the arms deal.")
    assert [q.text for q in qs] == ["an independent inquiry into the arms deal"]
    qs = quotes(qpipe, "The president called on parliament to pass the budget before the recess.")
    assert [q.text for q in qs] == ["to pass the budget before the recess"]


def test_quoted_words_in_the_object_are_content(qpipe):
    qs = quotes(qpipe, 'The opposition leader called the new border treaty "a betrayal of the nation".')
    assert qs and any("betrayal" in q.text for q in qs)


def test_accused_of_a_gerund_after_a_long_object(qpipe):
    qs = quotes(qpipe, "The union accused the head of the state broadcaster of hiding the strike from viewers.")
    assert [q.cue for q in qs] == ["accused"] and qs[0].text.endswith("of hiding the strike from viewers")
