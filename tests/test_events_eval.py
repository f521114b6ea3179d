"""Ontology data, the eval readers and scoring, GDELT rows, the CLI (small fixtures we wrote)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from multivector.eval.events import GoldFormatError, read_petrarch, read_plover
from multivector.events.gdelt import COLUMNS, gdelt_rows
from multivector.events.ontology import PLOVER_TYPES, ontology
from multivector.events.petrarch_dicts import PetrarchOverlay

FIXTURES = Path(__file__).resolve().parent / "fixtures"

EV = FIXTURES / "events"


def test_ontology_has_sixteen_types_and_cameo_scores():
    o = ontology()
    assert set(o.plover_types) == set(PLOVER_TYPES) and len(o.plover_types) == 16
    assert "visit" in o.plover_types["CONSULT"]["modes"]
    c = o.cameo_code("139")
    assert (c.plover, c.mode, c.goldstein, c.quad_class) == ("THREATEN", "relations", -7.0, 3)
    assert o.cameo_code("190").plover == "ASSAULT" and o.cameo_code("190").quad_class == 4
    assert o.cameo_code("010").plover is None  # statements are not coded
    assert o.current_plover("DEMAND") == "REQUEST" and o.current_plover("FIGHT") == "ASSAULT"
    assert o.current_plover("DISAPPROVE") == "ACCUSE" and o.current_plover("NOPE") is None


def test_read_plover_maps_legacy_names_and_skips_document_record():
    recs = read_plover(EV / "plover_small.json")
    assert [r.id for r in recs] == ["T-1", "T-2", "T-3", "T-4"]
    assert [r.events[0].plover for r in recs] == ["CONSULT", "REQUEST", "ASSAULT", "ACCUSE"]
    assert recs[0].events[0].source == ["MNG"]


def test_read_petrarch_tolerates_self_closing_headers_and_parse_blocks():
    recs, env = read_petrarch(EV / "petrarch_small.xml")
    assert env["Actorfile"] == ["small.actors.txt"]
    assert [r.id for r in recs] == ["FX-01", "FX-02", "FX-03"]  # the error record is skipped
    assert recs[1].text == "The Gondor government asked Arnor to ease the trade restrictions."
    assert recs[1].events[0].cameo == "0251" and recs[1].events[0].source == ["GONGOV"]
    assert recs[2].events == [] and recs[0].date == "2015-01-05"


def test_petrarch_dictionary_overlay_codes_and_dates():
    o = PetrarchOverlay.from_files(EV / "small.actors.txt", EV / "small.agents.txt")
    assert o.code("the Gondor government")[0] == "GONGOV"
    assert o.code("Minas Tirith")[0] == "GON"
    assert o.code("Mordor", "1999-05-01")[0] == "MOR"
    assert o.code("Mordor", "2001-05-01")[0] == "MORGOV"
    assert o.code("rebel men")[0] == "---REB"
    assert o.code("the weather") is None


def test_bad_gold_file_is_a_clear_error(tmp_path):
    from multivector.eval.events import GoldFormatError

    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(GoldFormatError, match="bad.json"):
        read_plover(bad)
    xml = tmp_path / "x.xml"
    xml.write_text("<Validation></Validation>", encoding="utf-8")
    with pytest.raises(GoldFormatError, match="Sentence"):
        read_petrarch(xml)


def test_gdelt_rows_are_dyadic_with_gdelt_columns():
    row = {"doc_id": "d1", "id": "e1", "sentence": 0, "cameo": "046", "plover": "CONSULT",
           "mode": None, "modality": "asserted", "goldstein": 7.0, "quad_class": 1,
           "date": "2024-03-12", "location": None, "start": 0, "end": 10,
           "source": [{"id": "KGZ", "name": "Kyrgyzstan", "country": "KGZ", "sector": None}],
           "target": [{"id": "KOR", "name": "South Korea", "country": "KOR", "sector": None},
                      {"id": "TURGOV", "name": "Turkish government", "country": "TUR", "sector": "GOV"}]}
    rows = list(gdelt_rows([row], {"d1": {"id": "d1", "url": "https://example.org/a", "source": "a.txt"}}))
    assert len(rows) == 2 and list(rows[0]) == COLUMNS
    assert rows[0]["Day"] == "20240312" and rows[0]["EventRootCode"] == "04"
    assert rows[0]["Actor1Code"] == "KGZ" and rows[1]["Actor2Code"] == "TURGOV"
    assert rows[1]["Actor2CountryCode"] == "TUR" and rows[0]["SOURCEURL"] == "https://example.org/a"
    assert rows[0]["GlobalEventID"] != rows[1]["GlobalEventID"]


@pytest.mark.slow
def test_cli_eval_events_plover_json():
    from multivector.cli import app

    r = CliRunner().invoke(app, ["eval", "events", "--plover", str(EV / "plover_small.json"), "--json"])
    assert r.exit_code == 0, r.output
    res = json.loads(r.stdout)
    assert {"f1", "root_accuracy", "type_accuracy", "source_accuracy", "target_accuracy"} <= set(res)
    assert res["records"] == 4 and res["type_accuracy"] >= 0.75 and res["f1"] >= 0.6


@pytest.mark.slow
def test_cli_eval_events_petrarch_json_uses_dictionaries():
    from multivector.cli import app

    r = CliRunner().invoke(app, ["eval", "events", "--petrarch", str(EV / "petrarch_small.xml"), "--json"])
    assert r.exit_code == 0, r.output
    res = json.loads(r.stdout)
    assert res["dictionaries"] is True and res["records"] == 3
    assert res["root_accuracy"] == 1.0 and res["f1"] == 1.0
    assert res["no_event_records_clean"] == 1


def test_cli_eval_events_needs_exactly_one_file():
    from multivector.cli import app

    r = CliRunner().invoke(app, ["eval", "events"])
    assert r.exit_code == 2


@pytest.mark.slow
def test_plover_gold_from_shared(shared_dir):
    from multivector.eval.events import evaluate_plover

    res = evaluate_plover(shared_dir / "eval" / "events" / "PLOVER_GSR_CAMEO.json")
    assert res["records"] > 300 and res["precision"] > 0.3


def test_own_actor_reader_agrees_with_the_actors_package_reader():
    from multivector.events.petrarch_dicts import read_actors, read_actors_own

    own = {(e.words, tuple(c[0] for c in e.codes)) for e in read_actors_own(EV / "small.actors.txt")}
    shared = {(e.words, tuple(c[0] for c in e.codes)) for e in read_actors(EV / "small.actors.txt")}
    assert own == shared
    assert (("MINAS", "TIRITH"), ("GON",)) in own


def test_read_petrarch_comma_separated_dictionaries_and_text_from_parse():
    from multivector.eval.events import text_from_parse

    recs, env = read_petrarch(EV / "petrarch_env.xml")
    assert env["Actorfile"] == ["small.actors.txt", "missing.actors.txt"]
    assert env["Verbfile"] == ["small.verbs.txt", "also-missing.verbs.txt"]
    assert [r.id for r in recs] == ["PE-01", "PE-02"]
    assert recs[0].text == "Arnor's king visited Gondor on Tuesday, officials said."
    assert recs[0].events[0].cameo == "042"
    assert text_from_parse("(S (NP (-LRB- -LRB-) (NNP X) (-RRB- -RRB-)) (VBD left))") == "(X) left"


def test_split_halves_are_disjoint_deterministic_and_keep_a_sentence_together():
    from multivector.eval.events import GoldRecord, select_split, split_of

    recs = [GoldRecord(id=str(i), text=f"Country {i} recalled its envoy from country {i + 1}.",
                       date=None) for i in range(40)]
    dev, test = select_split(recs, "dev"), select_split(recs, "test")
    assert dev and test and len(dev) + len(test) == 40
    assert not {r.id for r in dev} & {r.id for r in test}
    assert [r.id for r in select_split(recs, "dev")] == [r.id for r in dev]
    twin = GoldRecord(id="x", text="  country 3 RECALLED its envoy from country 4. ", date=None)
    assert split_of(twin) == split_of(recs[3])  # same sentence, same half
    assert select_split(recs, None) == recs
    with pytest.raises(ValueError):
        select_split(recs, "train")


@pytest.mark.slow
def test_cli_eval_events_plover_split(tmp_path):
    from multivector.cli import app

    full = CliRunner().invoke(app, ["eval", "events", "--plover", str(EV / "plover_small.json"), "--json"])
    halves = [json.loads(CliRunner().invoke(app, ["eval", "events", "--plover", str(EV / "plover_small.json"),
                                                  "--split", s, "--json"]).stdout) for s in ("dev", "test")]
    assert [h["split"] for h in halves] == ["dev", "test"]
    assert sum(h["records"] for h in halves) == json.loads(full.stdout)["records"]
    bad = CliRunner().invoke(app, ["eval", "events", "--plover", str(EV / "plover_small.json"), "--split", "x"])
    assert bad.exit_code == 2


def test_read_plover_accepts_json_lines(tmp_path):
    """Records one per line (JSON Lines) read as the JSON list does."""
    recs = json.loads((EV / "plover_small.json").read_text(encoding="utf-8"))
    jl = tmp_path / "small.jsonl"
    jl.write_text("\n".join(json.dumps(r) for r in recs) + "\n", encoding="utf-8")
    assert [r.id for r in read_plover(jl)] == [r.id for r in read_plover(EV / "plover_small.json")]
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "A", "text": "x"}\n{oops\n', encoding="utf-8")
    with pytest.raises(GoldFormatError, match="bad.jsonl"):
        read_plover(bad)


def test_read_bio_accepts_tabs_crlf_and_docstart(tmp_path):
    from multivector.eval.events_conflibert import read_bio

    p = tmp_path / "args.txt"
    p.write_bytes(b"-DOCSTART- O\r\n\r\nRebels\tB-S\r\nshelled\tB-R\r\nthe\tB-T\r\ntown\tI-T\r\n"
                  b"\r\nTwo O\r\nenvoys B-S\r\n")
    sents = read_bio(p)
    assert [s.tokens for s in sents] == [["Rebels", "shelled", "the", "town"], ["Two", "envoys"]]
    assert sents[0].labels == ["B-S", "B-R", "B-T", "I-T"]
    p.write_text("Rebels B-S\nshelled\n", encoding="utf-8")
    with pytest.raises(ValueError, match="args.txt:2"):
        read_bio(p)
