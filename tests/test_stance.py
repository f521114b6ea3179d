"""Stance records and directed sentiment on text we wrote (no ../shared needed).

Stance extraction is tested on documents segmented by the pipeline with mentions and quotes
added by hand, so these tests check the stance rules alone, whatever the actors and quotes
stages do; tests/test_stance_pipeline.py runs the full pipeline.
"""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from multivector.doc import Actor, Mention, Quote
from multivector.stance.dsa import DSAFormatError, directed_scores, parse_marked, predict_label, read_dsa
from multivector.eval.stance import scores
from multivector.stance.extract import extract_stances, label_for, summarize
from multivector.stance.lexicon import LexiconError, load_lexicon
from multivector.store.db import Store

from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"

DSA_SMALL = FIXTURES / "stance" / "dsa_small.tsv"

ACTORS = {
    "Iran": Actor("IRN", "Iran", "state", "IRN"), "Tehran": Actor("IRN", "Iran", "state", "IRN"),
    "Baku": Actor("AZE", "Azerbaijan", "state", "AZE"),
    "Ankara": Actor("TUR", "Turkey", "state", "TUR"),
    "Moscow": Actor("RUS", "Russia", "state", "RUS"),
    "Russia": Actor("RUS", "Russia", "state", "RUS"),
    "Beijing": Actor("CHN", "China", "state", "CHN"),
    "Georgia": Actor("GEO", "Georgia", "state", "GEO"),
    "Leyla Mammadova": Actor("PER:leyla-mammadova", "Leyla Mammadova", "person", None, discovered=True),
    "Arman Seitkali": Actor("PER:arman-seitkali", "Arman Seitkali", "person", None, discovered=True),
}


@pytest.fixture(scope="module")
def segmenter():
    from multivector.pipeline import Pipeline

    return Pipeline(stages=[])


def make_doc(segmenter, text: str, **meta):
    """Segment ``text`` and add gazetteer mentions of ACTORS (longest names first)."""
    doc = segmenter.analyze_text(text, **meta)
    taken: list[tuple[int, int]] = []
    for name in sorted(ACTORS, key=len, reverse=True):
        a = ACTORS[name]
        for m in re.finditer(re.escape(name), doc.text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            doc.mentions.append(Mention(name, m.start(), m.end(), a.id))
            doc.actors[a.id] = a
    doc.mentions.sort(key=lambda m: m.start)
    return doc


def add_quote(doc, quoted: str, speaker: str):
    start = doc.text.index(quoted)
    a = ACTORS[speaker]
    q = Quote(id=f"{doc.id}:q{len(doc.quotes) + 1}", text=quoted, start=start,
              end=start + len(quoted), kind="direct",
              speaker={"actor_id": a.id, "name": a.name, "role": "analyst"})
    doc.quotes.append(q)
    return q


def by_target(stances, target_id, method="lexicon"):
    return [s for s in stances if s.target["id"] == target_id and s.method == method]


# ----------------------------------------------------------------------------- stance records
def test_mixed_view_stays_mixed(segmenter):
    doc = make_doc(segmenter, "Caspian ties under strain\n\nFor the Caspian states, Iran stays an "
                   "ally in matters of energy and at the same time poses a threat to their "
                   "independence, analyst Leyla Mammadova said on Monday.")
    st = by_target(extract_stances(doc), "IRN")
    assert {(s.label, s.aspect) for s in st} == {("cooperative", "energy"),
                                                 ("hostile", "sovereignty")}
    assert all(s.holder["name"] == "Leyla Mammadova" for s in st)
    assert {e["text"] for s in st for e in s.evidence} >= {"ally", "threat", "Iran"}
    (summary,) = [x for x in summarize(doc.stances) if x.target["id"] == "IRN"]
    assert summary.label == "mixed" and summary.n_cooperative == 1 and summary.n_hostile == 1


def test_one_aspect_both_signs_is_mixed_not_zero():
    pol, label = label_for([0.7, -0.7])
    assert label == "mixed" and pol == 0.0
    assert label_for([0.6])[1] == "cooperative" and label_for([-0.6])[1] == "hostile"


def test_quote_speaker_holds_and_first_person(segmenter):
    text = ("Talks in Baku\n\nThe delegation arrived on Monday. “We support Ankara in this "
            "dispute, and Moscow is a dangerous neighbour,” Arman Seitkali told reporters.")
    doc = make_doc(segmenter, text)
    add_quote(doc, "We support Ankara in this dispute, and Moscow is a dangerous neighbour,",
              "Arman Seitkali")
    st = extract_stances(doc)
    tur = [s for s in st if s.target["id"] == "TUR"]
    assert tur and all(s.polarity > 0 and s.holder["id"] == "PER:arman-seitkali" for s in tur)
    rus = by_target(st, "RUS")
    assert rus and rus[0].polarity < 0 and rus[0].quote_id == doc.quotes[0].id


def test_negation_and_directed(segmenter):
    doc = make_doc(segmenter, "Regional notes\n\nAnkara does not regard Tehran as a threat. "
                   "Baku criticised Moscow for its pressure on Georgia.")
    st = extract_stances(doc)
    regard = [s for s in st if s.holder["id"] == "TUR" and s.target["id"] == "IRN"]
    assert regard and regard[0].polarity > 0 and regard[0].method == "directed"
    crit = [s for s in st if s.holder["id"] == "AZE" and s.target["id"] == "RUS"]
    assert crit and crit[0].label == "hostile"
    # "its pressure on Georgia": "its" is Moscow
    assert any(s.holder["id"] == "RUS" and s.target["id"] == "GEO" and s.polarity < 0 for s in st)


def test_opinion_byline_author_holds_narrative(segmenter):
    text = ("A new season for the Caspian\n\nThe region is changing faster than many expected, "
            "Leyla Mammadova writes.\n\nIn our view, Iran could help its neighbours and remains "
            "a constructive partner for the whole region.")
    doc = make_doc(segmenter, text)
    st = by_target(extract_stances(doc), "IRN")
    assert doc.document.author == "Leyla Mammadova" and doc.document.genre == "opinion"
    assert st and all(s.holder["name"] == "Leyla Mammadova" and s.polarity > 0 for s in st)


def test_unknown_holder_gives_no_record(segmenter):
    doc = make_doc(segmenter, "Wire copy\n\nIran remains a partner of many small states.\n\n"
                   "Iran is a threat to shipping.")
    assert by_target(extract_stances(doc), "IRN") == []  # no author, no outlet, no speaker
    doc2 = make_doc(segmenter, "Wire copy\n\nIran is a threat to shipping.", outlet="Caspian Wire")
    st = by_target(extract_stances(doc2), "IRN")
    assert st and st[0].holder.as_party() == {"id": None, "name": "Caspian Wire", "type": "media",
                                              "country": None, "role": "outlet"}


def test_interview_questions_hold_no_stance(segmenter):
    doc = make_doc(segmenter, "Interview\n\nIs Iran a threat to the region?\n\nNo. Iran is a "
                   "partner, said Leyla Mammadova.")
    doc.paragraphs[1].is_question = True
    st = by_target(extract_stances(doc), "IRN")
    assert st and all(s.polarity > 0 for s in st)


def test_stances_round_trip_through_store(segmenter, tmp_path):
    doc = make_doc(segmenter, "Notes\n\nIran is a threat to shipping, said Leyla Mammadova.")
    extract_stances(doc)
    with Store(tmp_path / "st.duckdb") as s:
        s.write([doc])
        rows = list(s.rows("stances"))
    assert rows[0]["target_id"] == "IRN" and rows[0]["holder_id"] == "PER:leyla-mammadova"
    assert rows[0]["label"] == "hostile" and rows[0]["evidence"][0]["text"] == "threat"


# ----------------------------------------------------------------------------- lexicon files
def test_lexicon_loads_and_reports_bad_files(tmp_path):
    lex = load_lexicon()
    assert lex.cues["role"][("threat",)] < 0 < lex.cues["role"][("partner",)]
    assert "security" in lex.aspects and "supporter" in lex.relational
    bad = tmp_path / "cues.yaml"
    bad.write_text("role:\n  partner: 3\n")
    with pytest.raises(LexiconError, match="cues.yaml.*outside"):
        load_lexicon(bad)
    bad.write_text("feelings:\n  partner: 0.5\n")
    with pytest.raises(LexiconError, match="unknown cue kind"):
        load_lexicon(bad)


# ----------------------------------------------------------------------------- directed sentiment
def test_parse_marked():
    text, p, q = parse_marked("[Tashkent] criticised [Moscow] again.", "Tashkent", "Moscow")
    assert text == "Tashkent criticised Moscow again."
    assert text[p[0]:p[1]] == "Tashkent" and text[q[0]:q[1]] == "Moscow"
    text, p, q = parse_marked("[Los Angele]s is far from [Ohio].", "Los Angele", "Ohio")
    assert text[p[0]:p[1]] == "Los Angele"


def test_read_dsa_errors(tmp_path):
    with pytest.raises(DSAFormatError, match=r"dsa_bad.tsv:1: expected 4"):
        list(read_dsa(FIXTURES / "stance" / "dsa_bad.tsv"))
    f = tmp_path / "x.tsv"
    f.write_text("no brackets here\ta\tb\t1\n")
    with pytest.raises(DSAFormatError, match="x.tsv:1: expected two"):
        list(read_dsa(f))
    with pytest.raises(DSAFormatError, match="cannot read"):
        list(read_dsa(tmp_path / "missing.tsv"))


@pytest.mark.parametrize("marked,p,q,label", [
    ("[Tashkent] criticised [Moscow] for the arrest.", "Tashkent", "Moscow", 3),
    ("[Kazakhstan] was praised by [Brussels] for the reform.", "Kazakhstan", "Brussels", 2),
    ("[Bishkek] is a reliable partner, said [the envoy].", "Bishkek", "the envoy", 2),
    ("[Ankara] sees [Tehran] as a threat.", "Ankara", "Tehran", 3),
    ("[Astana] and [Beijing] held talks on Tuesday.", "Astana", "Beijing", 0),
])
def test_directed_labels(nlp, marked, p, q, label):
    text, ps, qs = parse_marked(marked, p, q)
    assert predict_label(directed_scores(nlp(text)[:], {"p": ps, "q": qs})) == label


def test_scores_figures():
    r = scores([0, 0, 1, 3, 3], [0, 1, 1, 3, 0])
    assert r["accuracy"] == 0.6
    assert r["per_class"]["neg p->q"] == {"label": 3, "precision": 1.0, "recall": 0.5,
                                          "f1": 0.6667, "support": 2, "predicted": 1}
    # classes absent from gold and prediction count as F1 0 in the macro average
    assert r["macro_f1"] == round((0.5 + 0.6667 + 0.6667) / 5, 4)


def test_eval_stance_cli(nlp):
    from multivector.cli import app

    r = CliRunner().invoke(app, ["eval", "stance", "--dsa", str(DSA_SMALL), "--json"])
    assert r.exit_code == 0, r.output
    res = json.loads(r.stdout)
    assert res["n"] == 8 and {"accuracy", "macro_f1", "per_class"} <= set(res)
    assert res["accuracy"] >= 0.75
    r = CliRunner().invoke(app, ["eval", "stance", "--dsa", str(FIXTURES / "stance" / "dsa_bad.tsv")])
    assert r.exit_code == 2 and "dsa_bad.tsv:1" in r.output


def test_stage_uses_configured_lexicon(segmenter, tmp_path):
    from multivector.config import Config
    from multivector.stance.stage import build

    cues = tmp_path / "my_cues.yaml"
    cues.write_text("role:\n  partner: -0.9\n")
    doc = make_doc(segmenter, "Notes\n\nIran is a partner of many states, said Leyla Mammadova.")
    build(Config().with_settings("stances", cues_file=str(cues)), None)(doc)
    assert [s.polarity for s in by_target(doc.stances, "IRN")] == [-0.9]
    build(Config(), None)(doc)
    assert [s.polarity for s in by_target(doc.stances, "IRN")] == [0.7]


def test_as_phrase_affect_nouns_expletive_and_attitude_adjectives(segmenter):
    text = ("Caspian notes\n\nMany small states turned their hopes to Ankara as the guarantor of "
            "their security, Leyla Mammadova said. Leyla Mammadova added that no trust is placed in Tehran or "
            "in Moscow. It is dangerous when politicians meddle, said Arman Seitkali. Baku is "
            "critical of Moscow, Arman Seitkali added.")
    doc = make_doc(segmenter, text)
    st = extract_stances(doc)
    mam = {s.target["id"]: s.polarity for s in st if s.method == "lexicon"
           and s.holder["name"] == "Leyla Mammadova"}
    assert mam.get("TUR", 0) > 0  # the as-phrase characterises the object, not "states"
    assert mam.get("IRN", 0) < 0 and mam.get("RUS", 0) < 0  # "no trust ... in X or in Y"
    # "It is dangerous when ..." is about nobody; "critical of" is Baku's view, not a judgement of Baku
    assert not [s for s in st if s.holder["name"] == "Arman Seitkali" and s.method == "lexicon"]
    crit = [s for s in st if s.method == "directed" and s.holder["id"] == "AZE"]
    assert crit and crit[0].target["id"] == "RUS" and crit[0].polarity < 0


def test_pos_restricted_cue(tmp_path):
    lex = load_lexicon()
    assert lex.lookup(("demand",), ("attitude",), "VERB").weight < 0
    assert lex.lookup(("demand",), ("attitude",), "NOUN") is None  # "demand for goods"


def test_mutual_cues_take_parties_not_places(segmenter):
    doc = make_doc(segmenter, "Notes\n\nTalks were overshadowed by conflicts in Georgia and "
                   "Iran, Leyla Mammadova said. Baku wants to expand cooperation with Ankara, "
                   "Leyla Mammadova added.")
    st = extract_stances(doc)
    assert not [s for s in st if s.target["id"] in ("GEO", "IRN")]
    pairs = {(s.holder["id"], s.target["id"]) for s in st if s.method == "directed"}
    assert ("AZE", "TUR") in pairs and ("TUR", "AZE") in pairs


def test_views_and_stances_command(tmp_path):
    from multivector.cli import app
    from multivector.doc import Doc, Document, Stance
    from multivector.stance.views import views

    expert = {"id": "PER:leyla-mammadova", "name": "Leyla Mammadova", "type": "person"}
    iran = {"id": "IRN", "name": "Iran", "type": "state", "country": "IRN"}
    text = "Iran is an ally in energy. Iran is a threat to independence."
    d = Doc(Document(id="d1", source="d1.txt", text=text))
    ev = lambda w: [{"start": text.index(w), "end": text.index(w) + len(w), "text": w}]  # noqa: E731
    d.stances = [Stance("d1:st1", expert, iran, 0.8, "cooperative", "energy", ev("ally"), 0),
                 Stance("d1:st2", expert, iran, -0.8, "hostile", "sovereignty", ev("threat"), 1)]
    db = tmp_path / "v.duckdb"
    with Store(db) as s:
        s.write([d])
        (v,) = views(s.rows("stances"), holder="mammadova", target="IRN")
    assert v["label"] == "mixed" and v["mean_polarity"] == 0.0
    assert v["aspects"] == {"energy": 0.8, "sovereignty": -0.8}
    r = CliRunner().invoke(app, ["stances", "--db", str(db), "--target", "Iran", "--json"])
    assert r.exit_code == 0 and json.loads(r.stdout)[0]["label"] == "mixed"
    r = CliRunner().invoke(app, ["stances", "--db", str(db), "--holder", "nobody"])
    assert r.exit_code == 1
