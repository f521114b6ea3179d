"""Events in Chinese paragraphs (lang/zh/events.py, lang/zh/events.yaml) and the scorer of the
self-written Chinese event sentences (eval/zh_events.py). Sentences written for these tests."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from multivector.doc import ActorRef
from multivector.eval.zh_events import evaluate, load_gold, score_sentences
from multivector.events.ontology import ontology

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold"


def _zh(doc):
    return [e for e in doc.events if any("\u4e00" <= c <= "\u9fff" for c in e.trigger)]


def _ids(refs):
    return sorted(r.id for r in refs)


@pytest.mark.slow
def test_preposition_target_and_record_fields(pipeline):
    doc = pipeline.analyze_text("中国对美国实施制裁。", source="zh1.txt")
    (ev,) = _zh(doc)
    assert (ev.cameo, _ids(ev.source), _ids(ev.target)) == ("163", ["CHN"], ["USA"])
    assert ev.plover == "SANCTION" and ev.quad_class == 4 and ev.goldstein == -8.0
    assert ev.modality == "asserted" and ev.complete and ev.typed_by == ["patterns"]
    assert doc.text[ev.start:ev.end] == ev.trigger == "实施制裁"
    assert ev.text == "中国对美国实施制裁。" and ev.sentence == 0


@pytest.mark.slow
def test_source_of_the_first_clause_and_a_visit(pipeline):
    doc = pipeline.analyze_text("俄罗斯总统普京12日抵达阿斯塔纳，对哈萨克斯坦进行国事访问。", source="zh2.txt")
    (ev,) = _zh(doc)
    assert ev.cameo == "042" and ev.source[0].country == "RUS" and _ids(ev.target) == ["KAZ"]


@pytest.mark.slow
def test_symmetric_signing_both_ways_and_no_event_inside_its_object(pipeline):
    doc = pipeline.analyze_text("中国和乌兹别克斯坦签署了关于加强经贸合作的协议。", source="zh3.txt")
    (ev,) = _zh(doc)  # 经贸合作 is what the agreement is about, not a second event
    assert ev.cameo == "057" and _ids(ev.source) == _ids(ev.target) == ["CHN", "UZB"]
    # a meeting with the place between the two sides: the place is no participant
    doc = pipeline.analyze_text("国家主席习近平18日在阿斯塔纳同哈萨克斯坦总统托卡耶夫举行会谈。", source="zh4.txt")
    (ev,) = _zh(doc)
    assert ev.cameo == "040" and sorted(a.country for a in ev.source) == ["CHN", "KAZ"]


@pytest.mark.slow
@pytest.mark.parametrize("text, cameo, modality", [
    ("美国未对土耳其实施制裁。", "163", "negated"),
    ("吉尔吉斯斯坦总统将于下月访问中国。", "042", "future"),
    ("美国和欧盟应该取消对伊朗的制裁。", "085", "recommended"),
    ("俄罗斯指责乌克兰袭击了核电站。", "190", "claimed"),
])
def test_modality(pipeline, text, cameo, modality):
    doc = pipeline.analyze_text(text, source="zh-mod.txt")
    ev = next(e for e in _zh(doc) if e.cameo == cameo)
    assert ev.modality == modality


@pytest.mark.slow
def test_threat_coded_by_its_complement(pipeline):
    doc = pipeline.analyze_text("伊朗威胁对以色列采取军事行动。", source="zh5.txt")
    evs = _zh(doc)
    assert [(e.cameo, _ids(e.source), _ids(e.target)) for e in evs] == [("138", ["IRN"], ["ISR"])]


@pytest.mark.slow
def test_no_invented_target_and_quote_attribution(pipeline):
    doc = pipeline.analyze_text("外交部发言人表示，中方强烈谴责针对平民的恐怖袭击。", source="zh6.txt")
    (ev,) = _zh(doc)  # the attack has no named actor: no 180 event, and no guessed target
    assert ev.cameo == "111" and _ids(ev.source) == ["CHN"] and ev.target == []
    assert ev.complete is False
    doc = pipeline.analyze_text("中国外交部发言人表示，中方强烈谴责美国的单边制裁。", source="zh7.txt")
    ev = next(e for e in _zh(doc) if e.cameo == "111")
    assert ev.quote_id is not None and ev.modality == "asserted"
    assert ev.attributed_to and ev.attributed_to["actor_id"] == "CHNGOV"


@pytest.mark.slow
def test_translated_paragraphs_are_coded_once(pipeline):
    """The Chinese paragraphs of example 09 translate English ones: their events are the English
    paragraphs' (coding both would count each event twice)."""
    text = (ROOT / "examples" / "09_blog_zh_en_china_central_asia_summit.txt").read_text(encoding="utf-8")
    doc = pipeline.analyze_text(text, source="09.txt")
    assert doc.events and not _zh(doc)


def test_gold_files_cover_all_roots():
    dev, held = load_gold(GOLD / "zh_events_dev.jsonl"), load_gold(GOLD / "zh_events_heldout.jsonl")
    assert (len(dev), len(held)) == (80, 50)
    assert not {r["text"] for r in dev} & {r["text"] for r in held}
    codes = [e["cameo"] for r in dev + held for e in r["events"]]
    assert all(ontology().cameo_code(c) is not None for c in codes)
    assert {c[:2] for r in dev for e in r["events"] for c in [e["cameo"]]} == {f"{i:02d}" for i in range(1, 21)}


def _pred(cameo, src, tgt, modality="asserted"):
    return SimpleNamespace(cameo=cameo, source=[ActorRef(id=s) for s in src],
                           target=[ActorRef(id=t) for t in tgt], modality=modality,
                           complete=bool(src and tgt), confidence=0.8, plover=None)


def test_scorer_triples_asserted_and_modality():
    rows = [{"text": "a", "events": [{"cameo": "163", "source": ["CHN"], "target": ["USA"],
                                      "modality": "asserted"}]},
            {"text": "b", "events": [{"cameo": "042", "source": ["KGZ"], "target": ["CHN"],
                                      "modality": "future"}]},
            {"text": "c", "events": []}]
    perfect = score_sentences(rows, [[_pred("163", ["CHN"], ["USA"])],
                                     [_pred("042", ["KGZGOV"], ["CHN"], "future")], []])
    assert perfect["f1"] == 1.0 and perfect["modality_accuracy"] == 1.0
    assert perfect["asserted_f1"] == 1.0  # the future visit is in neither asserted set
    wrong = score_sentences(rows, [[_pred("111", ["CHN"], ["USA"])],
                                   [_pred("042", ["KGZ"], ["CHN"])], [_pred("190", ["USA"], ["IRN"])]])
    assert wrong["precision"] == pytest.approx(1 / 3, abs=1e-3) and wrong["recall"] == 0.5
    assert wrong["modality_accuracy"] == 0.0 and wrong["root_accuracy"] == 0.5


@pytest.mark.slow
def test_evaluate_runs_the_pipeline_and_refuses_heldout_details(pipeline, tmp_path):
    path = tmp_path / "g.jsonl"
    path.write_text(json.dumps({"id": "t1", "split": "dev", "text": "中国对美国实施制裁。", "events": [
        {"cameo": "163", "source": ["CHN"], "target": ["USA"], "modality": "asserted"}]},
        ensure_ascii=False) + "\n", encoding="utf-8")
    res = evaluate(path, pipeline=pipeline, details=True)
    assert res["f1"] == 1.0 and res["sentences"][0]["predicted"][0]["cameo"] == "163"
    with pytest.raises(ValueError):
        evaluate(GOLD / "zh_events_heldout.jsonl", pipeline=pipeline, details=True)


@pytest.mark.slow
def test_relative_clause_dateline_and_mutual(pipeline):
    # the visit describes the guest (no event of its own) and the talks have both sides; the
    # dateline's city is no participant
    doc = pipeline.analyze_text("新华社北京3月5日电 国家主席习近平5日同来华进行国事访问的乌兹别克斯坦总统"
                                "米尔济约耶夫举行会谈。", source="zh8.txt")
    assert [(e.cameo, sorted(a.country for a in e.source)) for e in _zh(doc)] == [("040", ["CHN", "UZB"])]
    doc = pipeline.analyze_text("印度和巴基斯坦相互指责。", source="zh9.txt")
    (ev,) = _zh(doc)
    assert ev.cameo == "112" and _ids(ev.source) == _ids(ev.target) == ["IND", "PAK"]


@pytest.mark.slow
def test_a_statement_that_introduces_a_report_is_no_event(pipeline):
    doc = pipeline.analyze_text("俄罗斯国防部发表声明称，俄军对乌克兰的军事设施实施了打击。", source="zh10.txt")
    assert [(e.cameo, e.source[0].country, _ids(e.target)) for e in _zh(doc)] == [("190", "RUS", ["UKR"])]
    doc = pipeline.analyze_text("中国国务院总理在会上发表讲话。", source="zh11.txt")
    assert [e.cameo for e in _zh(doc)] == ["010"]


@pytest.mark.slow
def test_short_chinese_state_names_are_participants(pipeline):
    """The knowledge base knew North Korea and Syria only by their official Chinese names."""
    doc = pipeline.analyze_text("朝鲜威胁对韩国采取军事行动。", source="zh12.txt")
    assert [(e.cameo, _ids(e.source), _ids(e.target)) for e in _zh(doc)] == [("138", ["PRK"], ["KOR"])]
    doc = pipeline.analyze_text("美军对叙利亚境内的目标发动了袭击。", source="zh13.txt")
    assert [(e.cameo, _ids(e.target)) for e in _zh(doc)] == [("190", ["SYR"])]


@pytest.mark.slow
def test_pronoun_subject_and_words_between_two_mentions(pipeline):
    # "他" is the subject: the sanctions of the second clause are not Washington's, and
    # "华盛顿企图把中亚" names two actors, not a title and a name
    doc = pipeline.analyze_text("他指责华盛顿企图把中亚变成前线，并利用制裁向哈萨克斯坦施压。", source="zh14.txt")
    got = {e.cameo: e for e in _zh(doc)}
    assert _ids(got["112"].target) == ["USAGOV"] and got["112"].source == []
    assert got["163"].source == [] and _ids(got["163"].target) == ["KAZ"] and not got["163"].complete
