"""import-phoenix on a small fixture, and the actors CLI through typer's CliRunner."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from multivector.actors.kb import build_kb
from multivector.actors.phoenix import parse, phx_date, phx_name, to_overlay
from multivector.cli import app

FIXTURES = __import__("pathlib").Path(__file__).parent / "fixtures"
runner = CliRunner()


def test_phoenix_parse_entries_synonyms_dates_and_comments():
    entries, skipped = parse(FIXTURES / "phoenix_sample.actors.txt")
    names = [e.name for e in entries]
    assert names[:3] == ["Kyrgyzstan", "Sooronbai Jeenbekov", "Zarina Osmonalieva"]
    kg = entries[0]
    assert kg.aliases == ["Kyrgyz Republic", "Kirgizstan"]
    assert kg.codes == [{"code": "KGZ", "start": "1991-08-31", "end": None}]
    sj = entries[1]
    assert {"code": "KGZGOV", "start": "2016-04-13", "end": "2017-08-22"} in sj.codes
    zo = entries[2]
    assert zo.codes[0] == {"code": "KGZGOVEDU", "start": "2019-03-01", "end": None}
    assert zo.codes[1]["start"] == "2021-01-01"  # "> 210101" with a space


def test_phoenix_dates_and_names():
    assert phx_date("911221") == "1991-12-21" and phx_date("20020602") == "2002-06-02"
    assert phx_name("ISLAM_KARIMOV_") == "Islam Karimov"
    assert phx_name("SCO_") == "SCO"


def test_phoenix_overlay_merges_known_and_adds_new(tmp_path):
    entries, _ = parse(FIXTURES / "phoenix_sample.actors.txt")
    recs, stats = to_overlay(entries)
    by_id = {r["id"]: r for r in recs}
    assert "Kirgizstan" in by_id["KGZ"]["en"]  # merged into the state
    assert by_id["PER:sooronbay-jeenbekov"]["type"] == "person"  # merged (alias known)
    new = by_id["PER:zarina-osmonalieva"]
    assert new["type"] == "person" and new["country"] == "KGZ"
    assert new["roles"][0]["cameo"] == "KGZGOVEDU"
    group = by_id["PHX:steppe-river-alliance"]
    assert group["type"] == "group" and group["cameo"] == "KGZREB"
    assert stats["agents"] == 1 and stats["no_code"] == 1
    assert "Farmer" not in json.dumps(recs)


def test_import_phoenix_cli_writes_a_loadable_overlay(tmp_path):
    out = tmp_path / "phx.json"
    r = runner.invoke(app, ["actors", "import-phoenix", str(FIXTURES / "phoenix_sample.actors.txt"),
                            "-o", str(out)])
    assert r.exit_code == 0, r.output
    kb = build_kb((str(out),))
    assert kb.lookup("Steppe River Alliance")[0].actor_id == "PHX:steppe-river-alliance"
    assert kb.lookup("Kirgizstan")[0].actor_id == "KGZ"


def test_import_phoenix_missing_file_is_usage_error(tmp_path):
    r = runner.invoke(app, ["actors", "import-phoenix", str(tmp_path / "none.txt"), "-o",
                            str(tmp_path / "o.json")])
    assert r.exit_code == 2 and "cannot read" in r.output


@pytest.mark.parametrize("text,date,expect", [
    ("four Saudi men", None, {"id": "SAU", "country": "SAU", "sector": "CVL", "type": "state"}),
    ("an American destroyer", None, {"id": "USAMIL", "country": "USA", "sector": "MIL"}),
    ("Uzbek diplomats", None, {"id": "UZBGOV", "country": "UZB", "sector": "GOV"}),
    ("President Mirziyoyev", "2021-06-01", {"id": "PER:shavkat-mirziyoyev", "type": "person"}),
    ("the Uzbek president", "2014-06-01", {"id": "PER:islam-karimov", "country": "UZB"}),
    ("the Kremlin", None, {"id": "RUSGOV", "type": "government"}),
])
def test_resolve_json(text, date, expect):
    args = ["actors", "resolve", text, "--json"] + (["--date", date] if date else [])
    r = runner.invoke(app, args)
    assert r.exit_code == 0, r.output
    got = json.loads(r.stdout)
    for k, v in expect.items():
        assert got[k] == v, (k, got)
    assert text[got["span"]["start"]:got["span"]["end"]] == got["span"]["text"]


def test_resolve_batch_keeps_order_and_reports_bad_lines(tmp_path):
    f = tmp_path / "in.jsonl"
    f.write_text('{"text": "Kazakh police"}\n{"text": "nothing here at all"}\nnot json\n'
                 '{"text": "the Russian president", "date": "2009-01-01"}\n', encoding="utf-8")
    r = runner.invoke(app, ["actors", "resolve", "--batch", str(f)])
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    assert len(lines) == 4 and r.exit_code == 1
    assert lines[0]["id"] == "KAZCOP" and lines[0]["sector"] == "COP"
    assert lines[1]["id"] is None and lines[1]["text"] == "nothing here at all"
    assert "error" in lines[2] and ":3:" in lines[2]["error"]
    assert lines[3]["id"] == "PER:dmitry-medvedev"


def test_list_show_search():
    r = runner.invoke(app, ["actors", "show", "IGO:CSTO", "--json"])
    assert r.exit_code == 0 and json.loads(r.stdout)["cameo"] == "IGOCASMIL"
    r = runner.invoke(app, ["actors", "show", "NOPE"])
    assert r.exit_code == 1
    r = runner.invoke(app, ["actors", "search", "Tokaev", "--json"])
    assert json.loads(r.stdout.splitlines()[0])["id"] == "PER:kassym-jomart-tokayev"
    r = runner.invoke(app, ["actors", "list", "--type", "igo", "--json"])
    ids = {json.loads(x)["id"] for x in r.stdout.splitlines()}
    assert {"IGO:NATO", "IGO:SCO", "IGO:CIS", "IGO:OTS", "IGO:BRICS", "IGO:G20"} <= ids
