"""Quotation-mark pairing (no spaCy needed): every mark tradition, nesting, quotes over
several paragraphs and broken mark counts."""

from __future__ import annotations

import re

from multivector.quotes.marks import find_marks


def paras(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]


def contents(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_marks(text, paras(text))]


def test_each_mark_tradition_is_paired():
    text = (
        'He said "the plan is ready" today.\n'
        "She said “the plan is late” today.\n"
        "Er sagte „der Plan ist fertig“ heute.\n"
        "Il a dit « le plan est prêt » hier.\n"
        "他说「计划已经准备好了」。\n"
        "They said ‘the plan is fine’ then.\n"
    )
    assert contents(text) == [
        "the plan is ready", "the plan is late", "der Plan ist fertig", "le plan est prêt",
        "计划已经准备好了", "the plan is fine",
    ]


def test_apostrophes_are_not_quotes():
    text = "The minister's aides don't agree, and the ministers' union said 'no deal' on Friday."
    assert contents(text) == ["no deal"]


def test_typewriter_double_apostrophes():
    text = "''We are not finished,'' the senator said."
    assert contents(text) == ["We are not finished,"]


def test_nested_quotes_keep_the_outer_span():
    text = "“When he told us ‘the door is open’, we believed him,” said Omarov."
    spans = find_marks(text, paras(text))
    outer = [s for s in spans if s.depth == 0]
    inner = [s for s in spans if s.depth == 1]
    assert [text[s.start : s.end] for s in outer] == ["When he told us ‘the door is open’, we believed him,"]
    assert [text[s.start : s.end] for s in inner] == ["the door is open"]


def test_multi_paragraph_quote_with_repeated_opening_mark():
    text = (
        "The general described the exercise.\n\n"
        "“The first phase tested the units. It went well.\n\n"
        "“The second phase starts in October,” he said."
    )
    spans = find_marks(text, paras(text))
    assert len(spans) == 1
    s = spans[0]
    assert text[s.start : s.end].startswith("The first phase")
    assert text[s.start : s.end].endswith("starts in October,")
    assert s.paragraphs == [1, 2] and s.recovered is None


def test_unclosed_quote_runs_to_paragraph_end():
    text = 'The spokesman said "talks will continue next week.\n\nNo date was set.'
    spans = find_marks(text, paras(text))
    assert [(text[s.start : s.end], s.recovered) for s in spans] == [
        ("talks will continue next week.", "unclosed")
    ]


def test_stray_closing_mark_after_a_lead_in_paragraph():
    text = "The minister was quoted as saying that his country,\n\nwe will respect the rules.”\n\nEnd."
    spans = find_marks(text, paras(text))
    assert [(text[s.start : s.end], s.recovered) for s in spans] == [("we will respect the rules.", "unopened")]


def test_stray_closing_mark_after_a_finished_paragraph_is_ignored():
    text = "The talks ended.\n\nNothing else was agreed.” Officials left."
    assert contents(text) == []


def test_no_marks_no_spans_and_empty_text():
    assert contents("Plain text without any quotation.") == []
    assert find_marks("", []) == []


def test_cue_lexicon_loads_and_is_consistent():
    from multivector.quotes.lexicon import load_lexicon

    lex = load_lexicon()
    assert {"say", "tell", "note", "add", "emphasise"} <= lex.speech_verbs
    assert "believe" in lex.belief_verbs and "quote" in lex.relay_verbs
    assert "according to" in lex.according_to
    assert not lex.speech_verbs & lex.evidence_verbs - {"suggest", "reveal", "report", "confirm", "estimate", "conclude"}


def test_bad_cue_file_names_the_file(tmp_path):
    import pytest

    from multivector.quotes.lexicon import load_lexicon

    bad = tmp_path / "cues.yaml"
    bad.write_text("speech_verbs: [say\n", encoding="utf-8")
    with pytest.raises(ValueError, match="cues.yaml"):
        load_lexicon(str(bad))


def test_reopened_quote_in_a_joined_paragraph_continues_it():
    # agency style: each quoted paragraph opens with a mark, only the last one closes; once the
    # paragraphs are joined, the next speaker's quote must not be swallowed by the first
    text = ('The coach said: "We pressed well. "The second half was harder." '
            'The visiting coach said: "We lacked ideas. "Next week will be different."')
    assert contents(text) == ["We pressed well. \"The second half was harder.",
                              "We lacked ideas. \"Next week will be different."]


def test_single_quote_closed_before_the_double_one():
    text = ("\"We knew at once that 'this will work,'\" the singer wrote. "
            "\"The tour was an easy choice,\" she added.")
    got = [(text[s.start : s.end], s.depth) for s in find_marks(text, paras(text))]
    assert got == [("We knew at once that 'this will work,'", 0), ("this will work,", 1),
                   ("The tour was an easy choice,", 0)]
