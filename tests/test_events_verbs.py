"""The PETRARCH/CAMEO verb dictionary reader and the overlays it produces."""

from __future__ import annotations

from pathlib import Path

import pytest

from multivector.events.coder import EventCoder
from multivector.events.lexicon import patterns
from multivector.events.verb_dicts import VerbDictionaryError, convert_file, read_verb_dictionary, write_overlay

FIX = Path(__file__).parent / "fixtures" / "events"
SMALL = FIX / "small.verbs.txt"


def _entries(lemma: str) -> list[dict]:
    entries, _ = convert_file(SMALL)
    return [e for e in entries if e["lemma"] == lemma or lemma in (e["lemma"] if isinstance(e["lemma"], list) else [])]


def test_reader_blocks_verbs_synsets():
    vd = read_verb_dictionary(SMALL)
    names = [b.name for b in vd.blocks]
    assert names == ["RESTORE", "DELIVER", "WITHDRAW", "SAID", "LEFT"]
    assert vd.synsets["RELIEF"] == [["food"], ["medicine"], ["relief", "supplies"]]
    restore = vd.blocks[0]
    assert restore.code == "050" and [v.lemma for v in restore.verbs] == ["restore", "reestablish"]
    deliver = vd.blocks[1]
    assert deliver.code is None
    hand = [v for v in deliver.verbs if v.lemma == "hand"][0]
    assert hand.particle == ["over"] and hand.code == "070"
    assert vd.skipped == 1  # "NOT * RELATIONS"


def test_patterns_most_specific_first_with_codes():
    es = _entries("restore")
    codes = [e["cameo"] for e in es]
    # ties with a modifier from the synset, the null sense, the "with" phrase, the bare verb
    assert codes[0] == "064" and codes[-1] == "050"
    ties = es[0]
    assert ties["object"] == ["ties", "tie"] and ties["object_words"] == [["diplomatic", "trade"]]
    assert ties["lemma"] == ["restore", "reestablish"]
    assert any(e["cameo"] == "---" and e["object"] == ["monument"] for e in es)
    with_ = [e for e in es if e.get("prep_object") == {"with": []}][0]
    assert with_["cameo"] == "051" and with_["target"][0] == "prep:with"
    assert "112" not in codes  # pattern with a word before the verb is skipped


def test_synset_objects_prepositions_and_pair_codes():
    es = _entries("deliver")
    relief = [e for e in es if e["cameo"] == "073"][0]
    assert set(relief["object"]) >= {"food", "medicine", "supplies"}
    assert relief["prep_object"] == {"to": []}
    arms = [e for e in es if e.get("object") == ["shipment"]][0]
    assert arms["cameo"] == "072" and arms["object_words"] == [["arms", "arm"]]
    assert not any(e for e in es if "object" not in e and "prep_object" not in e)  # block [---]
    hand = _entries("hand")
    assert hand and hand[0]["particle"] == ["over"] and hand[0]["cameo"] == "070"


def test_reporting_verbs_and_inflected_forms():
    assert _entries("said") == []  # a reporting verb's bare code is not imported
    left = _entries("left")
    assert left and left[0]["cameo"] == "032"  # first code of a [A:B] pair


def test_bad_file_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.verbs.txt"
    bad.write_text("--- MEET [040] ---\nMEET\n- * TALKS\n", encoding="utf-8")
    with pytest.raises(VerbDictionaryError, match=r"bad.verbs.txt:3"):
        read_verb_dictionary(bad)
    with pytest.raises(VerbDictionaryError, match="cannot read"):
        read_verb_dictionary(tmp_path / "missing.txt")


def test_overlay_round_trip_and_lemma_index(tmp_path):
    entries, stats = convert_file(SMALL, fallback=True)
    assert stats["blocks"] == 5 and stats["entries"] == len(entries)
    out = tmp_path / "verbs.yaml"
    write_overlay(entries, out, source=SMALL.name)
    table = patterns((str(out),))
    # indexed by lemma: each verb of a synset has its own key
    assert ("reestablish", "verb") in table and ("withdraw", "verb") in table
    # fallback entries come after the packaged senses of the same lemma
    wd = table[("withdraw", "verb")]
    assert wd[0].origin is None and wd[-1].fallback


def test_dictionary_codes_a_sentence(pipeline, tmp_path):
    first = tmp_path / "first.yaml"
    write_overlay(convert_file(SMALL, require_target=False)[0], first)
    coder = EventCoder(pattern_files=(str(first),))
    doc = pipeline.analyze_text("Estonia restored diplomatic ties with Finland on Monday.",
                                date="2024-03-12")
    evs = coder.code(doc)
    assert [(e.cameo, e.plover) for e in evs] == [("064", "COOPERATE")]
    # a dictionary named directly comes after the packaged senses ("restore ties" = 050)
    assert [e.cameo for e in EventCoder(pattern_files=(str(SMALL),)).code(doc)] == ["050"]
    assert [s["country"] for s in evs[0].source] == ["EST"]
    assert [t["country"] for t in evs[0].target] == ["FIN"]
    # the bare verb codes 050 even without a target when allowed ...
    doc = pipeline.analyze_text("Estonia restored the bridge in Tartu.", date="2024-03-12")
    assert [e.cameo for e in coder.code(doc)] == ["050"]
    # ... but not by default (a bare verb needs a target actor)
    default = tmp_path / "default.yaml"
    write_overlay(convert_file(SMALL)[0], default)
    assert EventCoder(pattern_files=(str(default),)).code(doc) == []
    # the null sense: the verb codes nothing here
    doc = pipeline.analyze_text("Estonia restored the monument in Tartu.", date="2024-03-12")
    assert coder.code(doc) == []


@pytest.mark.slow
def test_eval_petrarch_loads_the_verb_dictionary():
    from multivector.eval.events import evaluate_petrarch

    res = evaluate_petrarch(FIX / "petrarch_verbs.xml")
    assert res["verbs"] and res["verbs"][0].endswith("small.verbs.txt")
    assert res["root_accuracy"] == 1.0 and res["f1"] == 1.0
    bare = evaluate_petrarch(FIX / "petrarch_verbs.xml", use_dictionaries=False)
    assert bare["verbs"] == [] and bare["root_accuracy"] < 1.0


def test_cli_import_verbs(tmp_path):
    from typer.testing import CliRunner

    from multivector.cli import app

    out = tmp_path / "overlay.yaml"
    r = CliRunner().invoke(app, ["events", "import-verbs", str(SMALL), "-o", str(out)])
    assert r.exit_code == 0, r.output
    table = patterns((str(out),))
    assert table[("restore", "verb")][0].cameo == "064"
    r = CliRunner().invoke(app, ["events", "import-verbs", str(tmp_path / "none.txt")])
    assert r.exit_code == 2
