"""PolNeAR reading and scoring on a small brat fixture we wrote, and the CLI command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from multivector.eval.polnear import PolnearError, load_gold, parse_ann, score_doc, metrics

FIX = Path(__file__).parent / "fixtures" / "polnear" / "dev"


def test_parse_ann_fragments_and_sources():
    ann = (
        "T1\tContent 0 10;20 30\tpart one part two\n"
        "T2\tSource 12 18\tAliyev\n"
        "T3\tCue 12 18\tsaid\n"
        "T4\tAttribution 12 18\tsaid\n"
        "E1\tAttribution:T4 Content:T1 Source:T2 Cue:T3\n"
        "T5\tContent 40 50\tno source\n"
        "T6\tAttribution-no-source 35 39\tseen\n"
        "E2\tAttribution-no-source:T6 Content:T5\n"
        "T7\tDiscuss 60 70\tignored\n"
    )
    frags = parse_ann(ann)
    assert [(f.start, f.end, f.sources) for f in frags] == [(0, 10, [(12, 18)]), (20, 30, [(12, 18)]), (40, 50, [])]


def test_parse_ann_reports_malformed_lines():
    with pytest.raises(PolnearError, match="x.ann:1"):
        parse_ann("T1\tContent zero ten\tx\n", "x.ann")


def test_load_gold_and_missing_layout(tmp_path):
    docs = load_gold(FIX)
    assert len(docs) == 1 and len(docs[0].fragments) == 2
    with pytest.raises(PolnearError, match="text/ and attributions/"):
        load_gold(tmp_path)


def test_score_exact_overlap_and_speaker():
    text = 'He said "we agree on the plan" today, the minister added.'
    from multivector.eval.polnear import GoldFragment

    a = text.index('"we')
    b = text.index(" today")
    gold = [GoldFragment(a, b, [(0, 2)], "He", "Attribution")]
    exact = [{"start": a + 1, "end": b - 1, "speaker": {"name": "Petrov", "start": 0, "end": 2}}]
    c = score_doc(text, gold, exact)
    assert (c.exact, c.overlap, c.speaker_ok, c.speaker_total) == (1, 1, 1, 1)
    partial = [{"start": a + 1, "end": a + 10, "speaker": {"name": "someone", "start": 40, "end": 48}}]
    c = score_doc(text, gold, partial)
    assert (c.exact, c.overlap, c.speaker_ok) == (0, 1, 0)
    c = score_doc(text, gold, partial, threshold=0.8)
    assert c.overlap == 0
    m = metrics(c, 0.8)
    assert m["overlap"]["recall"] == 0.0 and m["speaker_accuracy"] is None


@pytest.mark.slow
def test_eval_quotes_cli_json():
    from typer.testing import CliRunner

    from multivector.cli import app

    res = CliRunner().invoke(app, ["eval", "quotes", "--polnear", str(FIX), "--json", "-q"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout.strip().splitlines()[-1])
    assert data["documents"] == 1 and data["gold_fragments"] == 2
    assert data["overlap"]["recall"] == 1.0
    assert data["speaker_accuracy"] == 1.0


def test_eval_quotes_cli_bad_dir(tmp_path):
    from typer.testing import CliRunner

    from multivector.cli import app

    res = CliRunner().invoke(app, ["eval", "quotes", "--polnear", str(tmp_path), "-q"])
    assert res.exit_code == 2


def test_offsets_map_back_to_the_raw_gold_text():
    from multivector.eval.polnear import _offset_map
    from multivector.text.clean import normalize

    raw = "A\xa0b  \nc\r\nd\ufeffe\u200bf \t\ng"
    clean = normalize(raw)
    fix = _offset_map(raw, clean)
    assert [raw[fix(i)].replace("\xa0", " ") for i in range(len(clean))] == list(clean)
    assert fix(len(clean)) == len(raw)
    assert _offset_map("same", "same") is None


def test_sample_names_is_deterministic_and_splits_in_two_halves():
    from multivector.eval.polnear import sample_names

    names = [f"doc{i:03d}" for i in range(40)]
    a = sample_names(names, 10, skip=5)
    assert a == sample_names(list(reversed(names)), 10, skip=5) and len(a) == 10
    assert not set(a) & set(names[:5]) and a == sorted(a)
    read, report = sample_names(names, 10, 5, "read"), sample_names(names, 10, 5, "report")
    assert len(read) == len(report) == 5 and set(read) | set(report) == set(a)
    with pytest.raises(PolnearError):
        sample_names(names, 10, part="other")


def test_score_doc_details_lists_wrong_speakers_misses_and_extras():
    from multivector.eval.polnear import GoldFragment

    text = 'Ann said "we agree on the plan" today. Bob said it was late. "Fine," Cy said.'
    a, b = text.index('"we') + 1, text.index('" today')
    miss = text.index("it was")
    gold = [GoldFragment(a, b, [(0, 3)], "Ann", "Attribution", cls="direct"),
            GoldFragment(miss, miss + 11, [(35, 38)], "Bob", "Attribution", cls="speech")]
    pred = [{"start": a, "end": b, "speaker": {"name": "Bob", "start": 35, "end": 38}},
            {"start": text.index("Fine"), "end": text.index("Fine") + 4, "speaker": None}]
    rows: list = []
    score_doc(text, gold, pred, details=rows, name="d")
    assert sorted(r["error"] for r in rows) == ["missed", "speaker", "spurious"]


def test_a_relative_pronoun_source_accepts_its_antecedent_in_a_separate_key():
    from multivector.eval.polnear import GoldFragment

    text = "Mr. Dale, who said the vote was rigged, lost."
    src = text.index("who")
    a, b = text.index("the vote"), text.index(", lost")
    gold = [GoldFragment(a, b, [(src, src + 3)], "who", "Attribution", cls="speech")]
    pred = [{"start": a, "end": b, "speaker": {"name": "Tom Dale", "start": 4, "end": 8}}]
    c = score_doc(text, gold, pred)
    m = metrics(c, 0.3)
    assert m["speaker_accuracy"] == 0.0 and m["speaker_accuracy_antecedent"] == 1.0
    far = [{"start": a, "end": b, "speaker": {"name": "Mr", "start": 0, "end": 3}}]
    assert metrics(score_doc(text, gold, far), 0.3)["speaker_accuracy_antecedent"] == 0.0
