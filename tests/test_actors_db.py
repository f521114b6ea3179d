"""`multivector actors list|show|search|resolve --db FILE`: the actors a corpus linked or
discovered, read from its database (read-only, retried while a writer holds the file)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from multivector.cli import app

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
runner = CliRunner()
pytestmark = pytest.mark.slow

# written for this test: one person the knowledge base cannot know, named with a role
TEXT = ("Kazakh oil output to rise, analyst says\n\n"
        "Kazakhstan will raise oil output next year, economist Nurlan Zhaksybekov said on "
        "Tuesday in Almaty. Zhaksybekov said the government of Kazakhstan expects prices to "
        "hold.\n\nRussia and China buy most of the oil, Zhaksybekov added.\n")


@pytest.fixture(scope="module")
def db(tmp_path_factory, pipeline) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    path = folder / "c.duckdb"
    res = runner.invoke(app, ["analyze", "-q", str(folder), "--db", str(path), "--stages", "actors",
                              "--workers", "1"])
    assert res.exit_code == 0, res.output
    return path


def cli(*args: str) -> tuple[int, str]:
    res = runner.invoke(app, ["actors", *args])
    return res.exit_code, res.stdout


def lines(out: str) -> list[dict]:
    return [json.loads(x) for x in out.splitlines() if x.strip()]


def test_list_shows_the_corpus_actors_with_counts(db):
    rc, out = cli("list", "--db", str(db), "--json")
    assert rc == 0
    rows = {r["id"]: r for r in lines(out)}
    assert rows["KAZ"]["n_mentions"] >= 2 and rows["KAZ"]["n_documents"] == 1
    assert {"RUS", "CHN"} <= set(rows)
    assert "UZB" not in rows  # the corpus's actors, not the knowledge base's
    counts = [r["n_mentions"] for r in rows.values()]
    assert counts == sorted(counts, reverse=True)  # most mentioned first
    rc, out = cli("list", "--db", str(db), "--json", "--discovered")
    (person,) = lines(out)
    assert person["id"] == "PER:nurlan-zhaksybekov" and person["discovered"] is True
    assert person["sector"] == "EDU" and person["roles"][0]["role"] == "economist"
    rc, out = cli("list", "--db", str(db), "--json", "--country", "kaz", "--type", "state")
    assert [r["id"] for r in lines(out)] == ["KAZ"]


def test_show_gives_counts_and_the_forms_mentioned(db):
    rc, out = cli("show", "PER:nurlan-zhaksybekov", "--db", str(db), "--json")
    assert rc == 0
    (a,) = lines(out)
    assert a["n_mentions"] == 3 and a["n_documents"] == 1
    forms = {m["text"]: m["n"] for m in a["mentioned_as"]}
    assert forms["Zhaksybekov"] == 2 and "Nurlan Zhaksybekov" in forms
    rc, out = cli("show", "PER:nurlan-zhaksybekov", "--db", str(db))
    assert "discovered in the text" in out and "economist" in out
    rc, _ = cli("show", "UZB", "--db", str(db))  # in the knowledge base, not in this corpus
    assert rc == 1


def test_search_matches_id_name_and_aliases(db):
    rc, out = cli("search", "zhaksy", "--db", str(db), "--json")
    assert [r["id"] for r in lines(out)] == ["PER:nurlan-zhaksybekov"]
    rc, out = cli("search", "Казахстан", "--db", str(db), "--json")  # a Russian alias
    assert "KAZ" in [r["id"] for r in lines(out)]
    rc, _ = cli("search", "nothing like this", "--db", str(db))
    assert rc == 1


def test_resolve_completes_a_discovered_person_from_the_corpus(db):
    rc, out = cli("resolve", "Nurlan Zhaksybekov", "--json")
    (bare,) = lines(out)
    assert bare["sector"] is None  # the name alone says nothing about the person
    rc, out = cli("resolve", "Nurlan Zhaksybekov", "--db", str(db), "--json")
    (r,) = lines(out)
    assert r["id"] == "PER:nurlan-zhaksybekov" and r["method"] == "corpus"
    assert r["sector"] == "EDU" and r["role"] == "economist" and r["code"] == "---EDU"
    rc, out = cli("resolve", "Kazakhstan", "--db", str(db), "--json")  # the KB answer stands
    (k,) = lines(out)
    assert k["id"] == "KAZ" and k["method"] != "corpus"


def mv(*args: str, **env: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "multivector.cli", *args],
                            env={**ENV, **env}, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


HOLD = ("import sys, time; from multivector.store.db import Store; s = Store(sys.argv[1]); "
        "print('held', flush=True); time.sleep(float(sys.argv[2])); s.close()")


def hold(db: Path, seconds: float) -> subprocess.Popen:
    """Another process holding the file for writing, as `analyze` does while it stores."""
    p = subprocess.Popen([sys.executable, "-c", HOLD, str(db), str(seconds)], env=ENV,
                         stdout=subprocess.PIPE, text=True)
    assert p.stdout is not None and p.stdout.readline().strip() == "held"
    return p


def test_a_reader_waits_for_a_short_write_and_names_a_long_one(db):
    writer = hold(db, 4.0)  # released while the reader retries (its Python starts in ~2 s)
    reader = mv("actors", "list", "--db", str(db), "--json", MULTIVECTOR_LOCK_WAIT="30")
    out, err = reader.communicate(timeout=120)
    writer.wait(timeout=30)
    assert reader.returncode == 0, err
    assert "KAZ" in [r["id"] for r in lines(out)]
    writer = hold(db, 60)
    try:
        reader = mv("actors", "show", "KAZ", "--db", str(db), MULTIVECTOR_LOCK_WAIT="0.5")
        out, err = reader.communicate(timeout=120)
    finally:
        writer.kill()
        writer.wait()
    assert reader.returncode == 2
    msg = [x for x in err.splitlines() if x.strip()]
    assert len(msg) == 1 and f"in use by process {writer.pid}" in msg[0], err


def test_a_parsed_phrase_resolves_as_the_text_does_without_running_the_model_again():
    """The events stage hands argument phrases as spans of the analysed document; their parse
    is reused (re-parsing them was half the stage's time) and the answer is the same."""
    from multivector.actors.api import resolve_phrase
    from multivector.actors.resolve import PhraseResolver

    resolver = PhraseResolver.default()
    doc = resolver.nlp("On Monday the Russian foreign minister met Chinese diplomats in Beijing.")
    span = doc[3:6]
    assert span.text == "Russian foreign minister"
    plain = resolve_phrase(span.text)
    assert plain is not None and plain["country"] == "RUS"

    class Counting:
        def __init__(self, nlp):
            self.nlp, self.vocab, self.calls = nlp, nlp.vocab, 0

        def __call__(self, text):
            self.calls += 1
            return self.nlp(text)

    real = resolver.nlp
    resolver.nlp = counting = Counting(real)
    try:
        reused = resolve_phrase(span.text, span=span)
    finally:
        resolver.nlp = real
    assert counting.calls == 0
    assert reused == plain
