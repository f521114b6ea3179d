"""The BBC quote gold (tests/gold/bbc_quotes.jsonl) and its scorer.

Scoring rules are tested on a text we wrote; the gold itself is checked against the corpus it
was written on (skipped without ../shared)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from multivector.eval.bbc_quotes import (GoldArticle, GoldError, GoldQuote, Tally, check_article,
                                        load_gold, metrics, read_article, score_article, speaker_ok)

GOLD = Path(__file__).parent / "gold" / "bbc_quotes.jsonl"


def test_speaker_names_match_by_words_not_by_guess():
    gold = {"name": "Tessa Jowell", "aliases": []}
    assert speaker_ok(gold, {"name": "Jowell"})
    assert speaker_ok(gold, {"name": "Culture Secretary Tessa Jowell"})
    assert speaker_ok(gold, {"name": "Ms Jowell"})
    assert not speaker_ok(gold, {"name": "she"})  # an unresolved pronoun is not a speaker
    assert not speaker_ok(gold, {"name": "Roger Bennett"})
    assert not speaker_ok(gold, None)
    group = {"name": "Elan and Biogen Idec", "aliases": ["the two firms"]}
    assert speaker_ok(group, {"name": "two firms"})
    assert not speaker_ok(group, {"name": "companies"})
    assert speaker_ok(None, None) and not speaker_ok(None, {"name": "Jowell"})


def test_score_article_matches_one_to_one_and_counts_speakers():
    text = 'Title\nThe minister said the plan was "a good start". "We will go on," she added.'
    a1 = text.index("the plan")
    b1 = text.index(". ")
    a2 = text.index("We will")
    b2 = text.index(',"')
    art = GoldArticle("x/001", "dev", "id", len(text), [
        GoldQuote(a1, b1, "indirect", "", {"name": "Ann Lee", "aliases": []}),
        GoldQuote(a2, b2, "direct", "", {"name": "Ann Lee", "aliases": []}),
    ])
    preds = [
        {"start": a1, "end": b1, "kind": "indirect", "speaker": {"name": "Ann Lee"}},
        {"start": text.index("a good"), "end": text.index('". '), "kind": "direct", "speaker": {"name": "Lee"}},
        {"start": a2, "end": b2, "kind": "direct", "speaker": {"name": "she"}},
    ]
    t = Tally()
    score_article(art, text, preds, 0.3, t)
    m = metrics(t, 0.3)
    # the fragment inside the reported clause is a second prediction for one gold quote
    assert (m["gold_quotes"], m["predicted"], m["overlap"]["matched"]) == (2, 3, 2)
    assert m["precision"] == round(2 / 3, 4) and m["recall"] == 1.0
    assert m["speaker_accuracy"] == 0.5  # "she" left unresolved is wrong
    kinds = sorted(e["type"] for e in t.errors)
    assert kinds == ["speaker", "spurious"]


def test_check_article_detects_a_different_text():
    art = GoldArticle("x/001", "dev", "id", 11, [GoldQuote(0, 5, "direct", "0000000000", None)])
    probs = check_article(art, "hello world")
    assert probs and "does not match" in probs[0]
    assert "characters" in check_article(art, "hello")[0]


def test_gold_file_layout_and_split():
    dev = load_gold(GOLD, "dev")
    held = load_gold(GOLD, "heldout")
    assert len(dev) == 120 and len(held) == 20  # dev: the first 20, then 20 in each of the second to sixth rounds
    assert not {a.file for a in dev} & {a.file for a in held}
    for arts in (dev, held):
        assert sorted({a.file.split("/")[0] for a in arts}) == [
            "business", "entertainment", "politics", "sport", "tech"]
    quotes = [q for a in dev + held for q in a.quotes]
    assert len(quotes) > 400
    assert {q.kind for q in quotes} == {"direct", "indirect", "floating"}
    assert all(q.speaker is None or q.speaker["name"] for q in quotes)


def test_gold_holds_no_article_sentences():
    # offsets, short check strings, cue words and names only: no long runs of article text
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        for q in json.loads(line)["quotes"]:
            assert len(q["check"]) <= 21
            assert q["speaker"] is None or len(q["speaker"].get("mention", "")) < 80


def test_load_gold_errors(tmp_path):
    with pytest.raises(GoldError, match="no such gold file"):
        load_gold(tmp_path / "missing.jsonl")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"file": "x"}\n')
    with pytest.raises(GoldError, match="bad.jsonl:1"):
        load_gold(bad)


def test_gold_matches_the_stored_corpus_text(shared_dir):
    corpus = shared_dir / "corpora" / "bbc"
    for art in load_gold(GOLD):
        doc = read_article(corpus, art.file)
        assert doc.id == art.doc_id, art.file
        assert check_article(art, doc.text) == []
