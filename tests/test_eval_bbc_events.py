"""The blind BBC event gold (tests/gold/bbc_events.jsonl) and its scorer.

Scoring rules are tested on a text we wrote with hand-made events; the gold itself is checked
for its layout without the corpus, and against the corpus it was written on (skipped without
../shared)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from multivector.doc import ActorRef, Event
from multivector.eval.bbc_events import (
    GoldArticle,
    GoldError,
    GoldSentence,
    by_sentence,
    check_article,
    evaluate,
    is_asserted,
    load_gold,
    score_articles,
)
from multivector.eval.bbc_quotes import read_article
from multivector.eval.events import GoldEvent
from multivector.events.ontology import ontology

GOLD = Path(__file__).parent / "gold" / "bbc_events.jsonl"


def _ev(i, start, end, cameo, src, tgt, modality="asserted", complete=True) -> Event:
    def ref(code):
        return ActorRef(id=code, name=code, country=code[:3], sector=code[3:] or None)

    return Event(id=f"e{i}", sentence=0, start=start, end=end, trigger="t", plover=None, cameo=cameo,
                 source=[ref(c) for c in src], target=[ref(c) for c in tgt], modality=modality,
                 complete=complete)


def _sentence(text: str, part: str, events: list[GoldEvent]) -> GoldSentence:
    a = text.index(part)
    b = a + len(part)
    return GoldSentence(a, b, hashlib.sha1(text[a:b].encode()).hexdigest()[:10], events,
                        [(a, a + 1)] * len(events))


TEXT = ("Title line\nArdia's police arrested two Borvian traders. The talks went on. "
        "Ardia's minister criticised Borvia, officials said. Borvia may retaliate.")


def _tiny() -> tuple[GoldArticle, list]:
    s1 = _sentence(TEXT, "Ardia's police arrested two Borvian traders.",
                   [GoldEvent(["ARDCOP"], ["BRVBUS"], "COERCE", "173")])
    s2 = _sentence(TEXT, "The talks went on.", [])
    s3 = _sentence(TEXT, "Ardia's minister criticised Borvia, officials said.",
                   [GoldEvent(["ARDGOV"], ["BRV"], "ACCUSE", "111")])
    s4 = _sentence(TEXT, "Borvia may retaliate.", [])
    art = GoldArticle("x/001", "dev", "id", len(TEXT), [s1, s2, s3, s4])
    a1, a3, a4 = s1.start, s3.start, s4.start
    events = [
        _ev(1, a1, a1 + 30, "173", ["ARDCOP"], ["BRVBUS"]),  # right
        _ev(2, a3, a3 + 35, "111", ["ARDGOV"], ["BRVGOV"], modality="reported"),  # right, attributed
        _ev(3, a3, a3 + 35, "190", ["ARDGOV"], ["BRVGOV"]),  # wrong root
        _ev(4, a4, a4 + 20, "170", ["BRV"], [], modality="hypothetical", complete=False),  # no event there
        _ev(5, 0, 5, "010", ["ARD"], ["BRV"]),  # in the title line: not scored
    ]
    return art, events


def test_events_go_to_the_sentence_their_evidence_overlaps_most():
    art, events = _tiny()
    per = by_sentence(art, events)
    assert [[e.id for e in p] for p in per] == [["e1"], [], ["e2", "e3"], ["e4"]]
    # a span crossing a boundary goes where most of it lies
    s1, s2 = art.sentences[0], art.sentences[1]
    cross = _ev(9, s1.end - 3, s2.start + 10, "040", ["ARD"], ["BRV"])
    assert [e.id for e in by_sentence(art, [cross])[1]] == ["e9"]


def test_score_articles_counts_triples_asserted_and_roots():
    art, events = _tiny()
    res = score_articles([art], [by_sentence(art, events)])
    assert (res["records"], res["gold_events"], res["predicted_events"]) == (4, 2, 4)
    # 4 predicted triples (e1, e2, e3, e4 with no target), 2 right; both gold triples found
    assert (res["precision"], res["recall"]) == (0.5, 1.0)
    assert res["f1"] == round(2 * 0.5 / 1.5, 4)
    assert res["no_event_records"] == 2 and res["no_event_records_clean"] == 1
    # asserted complete: e4 (hypothetical, incomplete) is left out; e3 stays (asserted, wrong)
    assert res["asserted"]["predicted_events"] == 3
    assert res["asserted"]["precision"] == round(2 / 3, 4) and res["asserted_f1"] == 0.8
    assert res["by_root"] == {"11": {"gold": 1, "typed": 1, "found": 1, "found_asserted": 1},
                              "17": {"gold": 1, "typed": 1, "found": 1, "found_asserted": 1}}
    assert is_asserted(events[1]) and not is_asserted(events[3])
    # nothing predicted: nothing found, every empty sentence clean
    empty = score_articles([art], [[[] for _ in art.sentences]])
    assert empty["f1"] == 0.0 and empty["by_root"]["17"]["found"] == 0
    assert empty["no_event_records_clean"] == 2


def test_check_article_detects_a_different_text():
    art, _ = _tiny()
    assert check_article(art, TEXT) == []
    changed = TEXT.replace("two", "six")
    probs = check_article(art, changed)
    assert probs and "x/001" in probs[0] and "does not match" in probs[0]
    assert "characters" in check_article(art, TEXT + " More.")[0]


def test_load_gold_errors(tmp_path):
    with pytest.raises(GoldError, match="no such gold file"):
        load_gold(tmp_path / "missing.jsonl")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"file": "x", "split": "dev"}\n')
    with pytest.raises(GoldError, match="bad.jsonl:1"):
        load_gold(bad)
    odd = tmp_path / "odd.jsonl"
    odd.write_text(json.dumps({"file": "x", "split": "test", "doc_id": "d", "chars": 3,
                               "sentences": []}) + "\n")
    with pytest.raises(GoldError, match="unknown split"):
        load_gold(odd)


def test_gold_file_layout_and_split():
    dev = load_gold(GOLD, "dev")
    held = load_gold(GOLD, "heldout")
    assert len(dev) == 21 and len(held) == 21
    assert not {a.file for a in dev} & {a.file for a in held}
    onto = ontology()
    events = 0
    for art in dev + held:
        assert art.file.split("/")[0] in ("business", "politics")
        starts = [s.start for s in art.sentences]
        assert starts == sorted(starts) and all(s.start < s.end <= art.chars for s in art.sentences)
        for s in art.sentences:
            for g, (a, b) in zip(s.events, s.triggers):
                events += 1
                assert onto.cameo_code(g.cameo) is not None, (art.file, g.cameo)
                assert g.plover == onto.plover_for_cameo(g.cameo)
                assert g.source and s.start <= a < b <= s.end
    assert 150 <= events <= 300


def test_gold_holds_no_article_sentences():
    # offsets, short check strings and trigger words only: no runs of article text
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        for s in json.loads(line)["sentences"]:
            assert len(s["check"]) <= 21
            assert all(len(e["trigger"]["text"]) < 20 for e in s["events"])


def test_gold_matches_the_stored_corpus_text(shared_dir):
    corpus = shared_dir / "corpora" / "bbc"
    for art in load_gold(GOLD):
        doc = read_article(corpus, art.file)
        assert doc.id == art.doc_id, art.file
        assert check_article(art, doc.text) == []


def test_evaluate_names_the_file_whose_text_changed(shared_dir, tmp_path):
    line = json.loads(GOLD.read_text(encoding="utf-8").splitlines()[0])
    line["sentences"][0]["sha1"] = "0000000000"
    bad = tmp_path / "changed.jsonl"
    bad.write_text(json.dumps(line) + "\n")
    with pytest.raises(GoldError, match=line["file"]):
        evaluate(bad, shared_dir / "corpora" / "bbc")


def test_evaluate_runs_the_pipeline_on_one_article(shared_dir, tmp_path):
    line = GOLD.read_text(encoding="utf-8").splitlines()[0]
    one = tmp_path / "one.jsonl"
    one.write_text(line + "\n")
    res = evaluate(one, shared_dir / "corpora" / "bbc", details=True)
    n_sent = len(json.loads(line)["sentences"])
    assert res["articles"] == 1 and res["records"] == n_sent and not res["failures"]
    assert res["gold_events"] == sum(v["gold"] for v in res["by_root"].values())
    assert res["asserted"]["predicted_events"] <= res["predicted_events"]
    for key in ("precision", "recall", "f1", "asserted_f1"):
        assert 0.0 <= (res[key] if key in res else res["asserted"][key]) <= 1.0
    assert all(e["file"] == json.loads(line)["file"] for e in res["errors"])
