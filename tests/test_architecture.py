"""The stage contract, self-describing layers, per-stage settings and the module graph.

The toy stage below is the worked example of docs/architecture.md: a stage and its layer added
in one file, with no edit anywhere else, end to end from text to a stored, exported table.
"""

from __future__ import annotations

import ast
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import pytest
from typer.testing import CliRunner

from multivector.config import Config, load_config
from multivector.doc import Doc
from multivector.errors import ConfigError
from multivector.layers import Layer, register_layer, simple_rows, unregister_layer
from multivector.stages import register_stage, resolve_order, unregister_stage

SRC = Path(__file__).resolve().parent.parent / "src" / "multivector"


# --------------------------------------------------------------------------- the toy stage
@dataclass
class Exclamation:
    """One sentence that ends with an exclamation mark."""

    sentence: int
    start: int
    end: int
    mentioned: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ExclaimSettings:
    min_words: int = 1


def _build_exclaim(config: Config, nlp: Any) -> Callable[[Doc], None]:
    min_words = config.settings("exclaim").min_words

    def run(doc: Doc) -> None:
        found = []
        for s in doc.sentences:
            text = doc.text[s.start:s.end]
            if text.rstrip().endswith("!") and len(text.split()) >= min_words:
                ids = sorted({m.actor_id for m in doc.mentions_in(s.start, s.end) if m.actor_id})
                found.append(Exclamation(s.idx, s.start, s.end, ids))
        doc.layers["exclamations"] = found

    return run


@pytest.fixture()
def toy_stage():
    register_layer(Layer(
        name="exclamations", table="exclamations", order=60,
        rows=simple_rows("exclamations"), count=lambda d: len(d.layers.get("exclamations", [])),
        columns=(("doc_id", "VARCHAR"), ("sentence", "INTEGER"), ("start", "INTEGER"),
                 ("end", "INTEGER"), ("mentioned", "JSON"))))
    register_stage("exclaim", requires=("mentions",), assigns=("exclamations",),
                   settings=ExclaimSettings)(_build_exclaim)
    yield
    unregister_stage("exclaim")
    unregister_layer("exclamations")


TOY_TEXT = ("Ministers of Kazakhstan and China met in Astana on Monday.\n"
            "The talks went on late into the night.\n"
            "Russia will not accept this plan!\n")


@pytest.mark.slow
def test_toy_stage_adds_a_layer_end_to_end(toy_stage, tmp_path):
    from multivector.exporting import export_table
    from multivector.runner import run_analyze

    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TOY_TEXT, encoding="utf-8")
    db = tmp_path / "toy.duckdb"
    cfg = Config(stages=("exclaim",))
    from rich.console import Console

    out = Console(file=open(tmp_path / "summary.txt", "w"), width=200)
    assert run_analyze([str(corpus)], db=str(db), config=cfg, workers=1, quiet=True,
                       console=out, out=out) == 0
    out.file.close()
    summary = (tmp_path / "summary.txt").read_text()
    assert "actors added" in summary  # the required stage is run, and the user is told
    (line,) = [x for x in summary.splitlines() if "exclamations" in x]
    assert line.replace("│", " ").split() == ["exclamations", "1"]
    export = tmp_path / "ex.jsonl"
    assert export_table("exclamations", db=str(db), output=export) == 1
    (row,) = [json.loads(line) for line in export.read_text().splitlines()]
    assert row["mentioned"] == ["RUS"]
    assert TOY_TEXT[row["start"]:row["end"]].startswith("Russia will not")


def test_toy_stage_settings_come_from_its_toml_sub_table(toy_stage, tmp_path):
    conf = tmp_path / "mv.toml"
    conf.write_text("[multivector]\nbatch_size = 8\n[multivector.exclaim]\nmin_words = 4\n")
    cfg = load_config(conf)
    assert cfg.batch_size == 8
    assert cfg.settings("exclaim").min_words == 4
    assert Config().settings("exclaim").min_words == 1


def test_toy_stage_is_listed_with_what_it_needs(toy_stage):
    from multivector.cli import app

    res = CliRunner().invoke(app, ["stages", "--json"])
    assert res.exit_code == 0, res.output
    rows = {r["name"]: r for r in json.loads(res.output)}
    assert rows["exclaim"]["requires"] == ["mentions"]
    assert rows["exclaim"]["tables"] == ["exclamations"]
    assert rows["exclaim"]["origin"] == __name__
    assert rows["events"]["requires"] == ["mentions", "quotes"]
    assert list(rows)[:2] == ["segment", "actors"]


# --------------------------------------------------------------------------- ordering
def test_requirements_pull_in_and_order_stages():
    order, added = resolve_order(["events"])
    assert order == ["actors", "quotes", "events"]
    assert added == ["actors", "quotes"]
    order, added = resolve_order(["stances", "actors"])
    assert order.index("actors") < order.index("quotes") < order.index("stances")
    assert added == ["quotes"]


def test_impossible_requests_are_usage_errors():
    with pytest.raises(ConfigError, match="unknown stage 'evnets'"):
        resolve_order(["evnets"])
    register_stage("needs_nothing_known", requires=("tea_leaves",), assigns=("x",))(_build_exclaim)
    try:
        with pytest.raises(ConfigError, match="no stage assigns the layer 'tea_leaves'"):
            resolve_order(["needs_nothing_known"])
    finally:
        unregister_stage("needs_nothing_known")


def test_bad_stage_on_the_command_line_is_one_line_rc_2(tmp_path):
    from multivector.cli import app

    (tmp_path / "a.txt").write_text(TOY_TEXT)
    res = CliRunner().invoke(app, ["analyze", str(tmp_path / "a.txt"), "--db",
                                   str(tmp_path / "x.duckdb"), "--stages", "evnets", "-q"])
    assert res.exit_code == 2
    assert "unknown stage 'evnets'" in res.output


# --------------------------------------------------------------------------- configuration
def test_unknown_and_bad_config_keys_are_refused(tmp_path, monkeypatch):
    conf = tmp_path / "mv.toml"
    conf.write_text("[multivector]\nbatch_sise = 8\n")
    with pytest.raises(ConfigError, match="unknown key 'batch_sise'"):
        load_config(conf)
    conf.write_text("[multivector.events]\npaterns = ['x.yaml']\n")
    with pytest.raises(ConfigError, match="events.paterns"):
        load_config(conf)
    monkeypatch.setenv("MULTIVECTOR_MAX_BYTES", "abc")
    with pytest.raises(ConfigError, match="MULTIVECTOR_MAX_BYTES='abc': expected int"):
        load_config(None)


def test_stage_settings_from_file_env_and_legacy_keys(tmp_path, monkeypatch):
    conf = tmp_path / "mv.toml"
    conf.write_text('[multivector]\nactors_files = ["a.yaml"]\n'
                    '[multivector.stances]\ncues_file = "cues.yaml"\n')
    monkeypatch.setenv("MULTIVECTOR_EVENTS_PATTERNS", "p1.yaml,p2.yaml")
    cfg = load_config(conf)
    assert cfg.settings("actors").files == ("a.yaml",)
    assert cfg.actors_files == ("a.yaml",)
    assert cfg.settings("stances").cues_file == "cues.yaml"
    assert cfg.settings("events").patterns == ("p1.yaml", "p2.yaml")
    assert hash(cfg) == hash(load_config(conf))  # keys the per-process pipeline caches


# --------------------------------------------------------------------------- module graph
def _imports(path: Path, module: str, modules: set[str]) -> set[str]:
    """multivector modules imported anywhere in ``path`` (type-checking-only imports aside)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            node.body = []
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for a in node.names:
                cand = f"{target}.{a.name}"
                out.add(cand if cand in modules else target)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
    return {m for m in out if m in modules and m != module and not module.startswith(m + ".")}


def test_no_import_cycle_in_src():
    files = {}
    for f in SRC.rglob("*.py"):
        parts = f.relative_to(SRC.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        files[name] = f
    graph = {m: _imports(f, m, set(files)) for m, f in files.items()}
    cycles = []
    for start in graph:  # a cycle through `start` = `start` reachable from its own imports
        stack, seen = list(graph[start]), set()
        while stack:
            m = stack.pop()
            if m == start:
                cycles.append(start)
                break
            if m not in seen:
                seen.add(m)
                stack.extend(graph[m])
    assert cycles == []


def test_stage_packages_do_not_import_the_runner_or_pipeline():
    for package in ("actors", "quotes", "events", "stance"):
        for f in (SRC / package).rglob("*.py"):
            text = f.read_text(encoding="utf-8")
            for bad in ("from ..runner", "from ..pipeline", "multivector.runner",
                        "multivector.pipeline"):
                assert bad not in text, f"{f.relative_to(SRC)} imports {bad}"


def test_stage_modules_name_no_language():
    """The stages reach each language's own coders through the language registry
    (``lang.routes``), so a language plugs in without a stage edit: no stage module imports a
    language's module (``.russian``, ``.chinese``) or compares with a language code."""
    from multivector import lang

    codes = {lg.code for lg in lang.languages()}
    names = {lg.name.lower() for lg in lang.languages()}
    assert {"ru", "zh"} <= codes and {"russian", "chinese"} <= names
    for f in sorted(SRC.glob("*/stage.py")):
        tree = ast.parse(f.read_text(encoding="utf-8"))
        literals = {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)}
        assert not literals & codes, f"{f.relative_to(SRC)} names {sorted(literals & codes)}"
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                mods = [node.module or ""] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                mods = [a.name for a in node.names]
            else:
                continue
            for m in mods:
                assert m.rsplit(".", 1)[-1] not in names, f"{f.relative_to(SRC)} imports {m}"


def test_a_language_lives_in_its_folder():
    """A language with code of its own is one package, ``lang/<code>/``: its registration
    (``register()`` calling ``register_language`` as a plugin does), its parser, recogniser and
    coders, beside its word lists. No module elsewhere is named after it (evaluation scorers
    aside), and no stage or text package imports it: they reach it through the registry.
    English is the exception by design: its coders are the stages' default path (its
    recogniser wraps ``actors/english.py``), so only its registration is in ``lang/en/``."""
    from multivector import lang
    from multivector.lang.registry import DocParserFactory

    packaged = []
    for lg in lang.languages():
        folder = SRC / "lang" / lg.code
        code = [c for c in (lg.recogniser, lg.quotes, lg.events, lg.stances) if c is not None]
        if isinstance(lg.parser, DocParserFactory):
            code.append(lg.parser.make)
        if not code:
            continue
        packaged.append(lg.code)
        assert (folder / "__init__.py").is_file(), f"{lg.code}: no package lang/{lg.code}/"
        assert lg.origin == f"multivector.lang.{lg.code}"
        for c in code:
            assert c.__module__.startswith(f"multivector.lang.{lg.code}"), (lg.code, c)
        if not any((lg.quotes, lg.events, lg.stances)):
            continue  # the default path's language
        for f in SRC.rglob("*.py"):
            rel = f.relative_to(SRC)
            if folder in f.parents or rel.parts[0] == "eval":
                continue
            assert f.stem != lg.name.lower() and not f.stem.endswith(f"_{lg.code}") \
                and not f.stem.startswith(f"{lg.code}_"), f"{rel} belongs in lang/{lg.code}/"
    assert packaged[:3] == ["en", "ru", "zh"]
    for package in ("actors", "quotes", "events", "stance", "text"):
        for f in (SRC / package).rglob("*.py"):
            tree = ast.parse(f.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom) and node.module:
                    mod = node.module.split(".")
                    names = [mod + [a.name] for a in node.names]
                    for parts in names:
                        at = parts.index("lang") if "lang" in parts else -1
                        assert at < 0 or parts[at + 1:at + 2] not in ([c] for c in packaged), \
                            f"{f.relative_to(SRC)} imports {'.'.join(parts)}"


def test_an_english_run_loads_no_other_language():
    """Registering the languages (every command line start) imports no language's coders and
    no natasha: they load on the first paragraph of their language."""
    import subprocess
    import sys

    code = ("import sys, multivector.cli; from multivector import lang; lang.languages();"
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('natasha', 'slovnet')"
            " or m.startswith(('multivector.lang.ru.', 'multivector.lang.zh.')));"
            "print(bad); sys.exit(1 if bad else 0)")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={**__import__("os").environ, "PYTHONPATH": str(SRC.parent)})
    assert res.returncode == 0, res.stdout + res.stderr
