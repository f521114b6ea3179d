"""The second blind BBC event round (tests/gold/bbc_events_r2.jsonl) and the agreement of two
codings.

The agreement rules are tested on hand-made codings of a text we wrote; the r2 file is checked
for its layout and its relation to the first round without the corpus, and against the corpus
it was written on (skipped without ../shared)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from multivector.eval.bbc_events import (
    GoldArticle,
    GoldError,
    GoldSentence,
    agreement,
    check_article,
    evaluate,
    load_gold,
)
from multivector.eval.bbc_quotes import read_article
from multivector.eval.events import GoldEvent
from multivector.events.ontology import ontology

HERE = Path(__file__).parent / "gold"
R1 = HERE / "bbc_events.jsonl"
R2 = HERE / "bbc_events_r2.jsonl"


def _art(events_per_sentence: list[list[GoldEvent]], file: str = "x/001") -> GoldArticle:
    sents = [GoldSentence(10 * i, 10 * i + 9, "0", list(ev)) for i, ev in enumerate(events_per_sentence)]
    return GoldArticle(file, "dev", "id", 100, sents)


def test_agreement_counts_triples_roots_codes_and_kappa():
    a = _art([[GoldEvent(["ARDGOV"], ["BRVGOV"], "ACCUSE", "111")],
              [GoldEvent(["ARDCOP"], ["BRVBUS"], "COERCE", "173")],
              [],
              []])
    b = _art([[GoldEvent(["ARD"], ["BRV"], "ACCUSE", "112")],       # same root, other code: a triple
              [GoldEvent(["ARDCOP"], ["ARDCVL"], "COERCE", "173")],  # right code, wrong target
              [GoldEvent(["ARDGOV"], [], None, "010")],              # only the second codes it
              []])
    res = agreement([a], [b])
    assert (res["articles"], res["sentences"], res["unaligned_sentences"]) == (1, 4, 0)
    assert res["events"] == [2, 3] and res["triples"] == [2, 3]
    # one triple of each side matched: recall 1/2 and 1/3
    assert res["triple_recall"] == [0.5, 0.3333]
    assert res["triple_f1"] == round(2 * 0.5 * (1 / 3) / (0.5 + 1 / 3), 4)
    # roots: 11 and 17 on both sides, 01 only on the second
    assert res["root_f1"] == round(2 * 1.0 * (2 / 3) / (1.0 + 2 / 3), 4)
    # full codes: only 173 shared
    assert res["code_f1"] == round(2 * 0.5 * (1 / 3) / (0.5 + 1 / 3), 4)
    # sentences with events 2 / 3 of 4: observed 3/4, expected 0.5*0.75 + 0.5*0.25 = 0.5
    assert res["sentences_with_events"] == [2, 3] and res["event_sentence_kappa"] == 0.5
    # symmetric and perfect against itself
    swapped = agreement([b], [a])
    assert swapped["triple_f1"] == res["triple_f1"] and swapped["triple_recall"] == res["triple_recall"][::-1]
    same = agreement([a], [a])
    assert same["triple_f1"] == same["root_f1"] == same["event_sentence_kappa"] == 1.0


def test_agreement_needs_common_articles_and_reports_unaligned_sentences():
    a = _art([[GoldEvent(["ARD"], ["BRV"], None, "010")]])
    with pytest.raises(GoldError, match="no article"):
        agreement([a], [_art([], file="x/002")])
    shifted = GoldArticle("x/001", "dev", "id", 100, [GoldSentence(1, 9, "0", [])])
    res = agreement([a], [shifted])
    assert res["sentences"] == 0 and res["unaligned_sentences"] == 2


def test_r2_layout_splits_and_draw():
    unseen = load_gold(R2, "unseen")
    agree = load_gold(R2, "agreement")
    assert len(unseen) == 20 and len(agree) == 6
    sections = [a.file.split("/")[0] for a in unseen]
    assert sections.count("business") == 10 and sections.count("politics") == 10
    first = {a.file: a for a in load_gold(R1)}
    # the unseen articles are new to both BBC golds; the agreement ones are first-round dev
    quotes = {json.loads(line)["file"] for line in (HERE / "bbc_quotes.jsonl").read_text().splitlines()}
    assert not {a.file for a in unseen} & (set(first) | quotes)
    assert all(first[a.file].split == "dev" for a in agree)
    onto = ontology()
    for art in unseen + agree:
        assert 1000 <= art.chars <= 2600
        starts = [s.start for s in art.sentences]
        assert starts == sorted(starts) and all(s.start < s.end <= art.chars for s in art.sentences)
        for s in art.sentences:
            for g, (a, b) in zip(s.events, s.triggers):
                assert onto.cameo_code(g.cameo) is not None, (art.file, g.cameo)
                assert g.plover == onto.plover_for_cameo(g.cameo)
                assert g.source and s.start <= a < b <= s.end
    # the agreement articles are segmented as in the first round, sentence for sentence
    for art in agree:
        assert [(s.start, s.end, s.sha1) for s in art.sentences] == \
               [(s.start, s.end, s.sha1) for s in first[art.file].sentences]


def test_r2_holds_no_article_sentences():
    for line in R2.read_text(encoding="utf-8").splitlines():
        for s in json.loads(line)["sentences"]:
            assert len(s["check"]) <= 21
            assert all(len(e["trigger"]["text"]) < 20 for e in s["events"])


def test_blind_splits_refuse_details(tmp_path):
    with pytest.raises(GoldError, match="blind split"):
        evaluate(R2, tmp_path, "unseen", details=True)


def test_r2_matches_the_stored_corpus_text(shared_dir):
    corpus = shared_dir / "corpora" / "bbc"
    for art in load_gold(R2):
        doc = read_article(corpus, art.file)
        assert doc.id == art.doc_id, art.file
        assert check_article(art, doc.text) == []
        text = doc.text
        for line in R2.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            if rec["file"] != art.file:
                continue
            for s in rec["sentences"]:
                span = text[s["start"]:s["end"]]
                assert s["check"] == span[:12] + "|" + span[-8:]
                for e in s["events"]:
                    t = e["trigger"]
                    assert text[t["start"]:t["end"]] == t["text"]


def test_cli_agreement_of_the_two_rounds():
    from typer.testing import CliRunner

    from multivector.cli import app

    r = CliRunner().invoke(app, ["eval", "events", "--gold", str(R1), "--split", "dev",
                                 "--agreement", str(R2), "--json"])
    assert r.exit_code == 0, r.output
    res = json.loads(r.stdout)
    # the six re-coded articles, every sentence aligned with the first round's segmentation
    assert (res["articles"], res["unaligned_sentences"]) == (6, 0)
    # the figures written in tests/gold/README.md and docs/events.md: a changed coding of either
    # round must update them
    assert (res["triple_f1"], res["root_f1"], res["event_sentence_kappa"]) == (0.7576, 0.7879, 0.8958)
    bad = CliRunner().invoke(app, ["eval", "events", "--gold", str(R2), "--split", "test"])
    assert bad.exit_code == 2 and "unseen" in bad.output
