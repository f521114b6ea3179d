"""The Russian event gold (tests/gold/ru_events.jsonl) and its scorer (eval/ru_events.py,
``eval events --ru-gold``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from multivector.cli import app
from multivector.eval.bbc_events import load_gold
from multivector.eval.ru_events import body_start, read_text, sample_sentences

GOLD = Path(__file__).parent / "gold" / "ru_events.jsonl"


def test_gold_shape_and_splits():
    dev, held = load_gold(GOLD, "dev"), load_gold(GOLD, "heldout")
    assert len(dev) == 10 and len(held) == 5
    assert not {a.file for a in dev} & {a.file for a in held}
    for art in dev + held:
        assert 0 < len(art.sentences) <= 30
        for s, nxt in zip(art.sentences, art.sentences[1:]):
            assert s.start < s.end <= nxt.start
        for s in art.sentences:
            for g, (a, b) in zip(s.events, s.triggers):
                assert g.source and s.start <= a < b <= s.end
    assert sum(len(s.events) for a in dev for s in a.sentences) == 56
    assert sum(len(s.events) for a in held for s in a.sentences) == 32


def test_sample_skips_title_and_source_lines():
    text = ("Заголовок статьи о политике\ninosmi.ruПосмотреть оригинал июнь 22-го, 2016\n"
            "Первое предложение текста. Второе предложение текста.\nТретье предложение.")
    base = body_start(text)
    assert text[base:].startswith("Первое")
    spans = sample_sentences(text, 2)
    assert [text[a:b] for a, b in spans] == ["Первое предложение текста.", "Второе предложение текста."]


def test_gold_matches_the_articles(shared_dir):
    folder = shared_dir / "eval" / "stance" / "rusentrel" / "train"
    if not folder.is_dir():
        pytest.skip("RuSentRel is not present")
    from multivector.eval.bbc_events import check_article

    for art in load_gold(GOLD):
        text = read_text(folder, art.file)
        assert check_article(art, text) == []
        # the gold's sentences are the sample, in order
        assert [(s.start, s.end) for s in art.sentences] == sample_sentences(text)


def test_cli_refuses_unknown_split():
    res = CliRunner().invoke(app, ["eval", "events", "--ru-gold", str(GOLD), "--split", "test"])
    assert res.exit_code == 2 and "unknown split" in res.output


def test_cli_scores_one_article(shared_dir, tmp_path):
    folder = shared_dir / "eval" / "stance" / "rusentrel" / "train"
    if not folder.is_dir():
        pytest.skip("RuSentRel is not present")
    line = next(ln for ln in GOLD.read_text(encoding="utf-8").splitlines()
                if json.loads(ln)["file"] == "art15")
    one = tmp_path / "one.jsonl"
    one.write_text(line + "\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["eval", "events", "--ru-gold", str(one), "--corpus", str(folder),
                                   "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert out["articles"] == 1 and out["gold_events"] == 11 and out["records"] == 30
    assert not out["failures"]
    # the sanctions article: the coder finds at least one of its Russian sanctions on Turkey
    assert out["by_root"]["16"]["found"] >= 1


def test_cli_refuses_details_on_heldout():
    res = CliRunner().invoke(app, ["eval", "events", "--ru-gold", str(GOLD), "--split", "heldout",
                                   "--details"])
    assert res.exit_code == 2 and "dev split only" in res.output
