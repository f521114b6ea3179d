"""``multivector languages``: the registered languages and what each provides.

One row per language of the registry (``languages.yaml`` order, then plugins): how its
paragraphs are detected, how they are parsed and whether that parser is installed, which layers
it codes with code of its own (``actors`` = an actor recogniser; ``quotes`` / ``events`` /
``stances`` = its own coders, see ``lang.routes``), the folders its word lists come from and
who registered it. A newcomer checks here that a plugin language was picked up.
"""

from __future__ import annotations

import json
import os
from importlib import resources, util
from pathlib import Path
from typing import Any

import typer
from rich.console import Console

from .lexicon import PACKAGE, user_dirs
from .registry import (
    CODED_LAYERS,
    PUNCTUATION,
    SPACY,
    DocParserFactory,
    Language,
    languages,
    script_languages,
)

out = Console()


def _installed(module: str) -> bool:
    """Importable, without importing it (a spaCy model may also be a folder)."""
    try:
        return util.find_spec(module) is not None
    except (ImportError, ValueError):
        return os.path.isdir(module)


def _lingua_codes(codes: list[str]) -> frozenset[str] | None:
    """The ``codes`` lingua can tell apart, looked up as ``text/language.py`` does (None when
    lingua is not installed)."""
    try:
        from lingua import IsoCode639_1
    except ImportError:
        return None
    return frozenset(c for c in codes if getattr(IsoCode639_1, c.upper(), None) is not None)


def _parser(lang: Language, spacy_model: str) -> tuple[str, list[str]]:
    """(what parses its paragraphs, the modules that parser needs)."""
    if lang.parser == SPACY:
        return "spacy", [spacy_model]
    if lang.parser == PUNCTUATION:
        return "punctuation", []
    if isinstance(lang.parser, DocParserFactory):
        return ", ".join(lang.parser.requires) or "own", list(lang.parser.requires)
    return "own splitter", []


def _detector(lang: Language, by_script: dict[str, tuple[str, ...]],
              lingua: frozenset[str] | None) -> str:
    """How ``text/language.py`` tells its paragraphs: the only language of its script is known
    by its letters; the others are chosen by lingua among the configured languages of their
    script, so a code lingua does not know is never detected."""
    if by_script.get(lang.script) == (lang.code,):
        return "letters"
    if lingua is not None and lang.code not in lingua:
        return "none"
    return "lingua"


def lexicon_dirs(lang: Language) -> list[str]:
    """The folders ``lexicon(code)`` reads for it: packaged (``lang/<code>`` in multivector),
    the one it registered, the user's (``$MULTIVECTOR_LEXICON_DIRS``)."""
    dirs: list[str] = []
    packaged = resources.files(PACKAGE).joinpath(lang.code)
    if packaged.is_dir() and any(f.name.endswith((".yaml", ".yml")) for f in packaged.iterdir()):
        dirs.append(f"lang/{lang.code}")
    if lang.lexicon_dir is not None:
        dirs.append(str(lang.lexicon_dir))
    dirs.extend(str(Path(d) / lang.code) for d in user_dirs() if (Path(d) / lang.code).is_dir())
    return dirs


def describe_languages(spacy_model: str | None = None) -> list[dict[str, Any]]:
    """One dict per registered language (the rows of ``multivector languages --json``)."""
    if spacy_model is None:
        from ..config import load_config

        spacy_model = load_config(None).spacy_model
    by_script = script_languages()
    langs = languages()
    lingua = _lingua_codes([lang.code for lang in langs])
    rows = []
    for lang in langs:
        parser, needs = _parser(lang, spacy_model)
        layers = (["actors"] if lang.recogniser is not None else []) + [
            layer for layer in CODED_LAYERS if getattr(lang, layer) is not None]
        rows.append({"code": lang.code, "name": lang.name, "script": lang.script,
                     "detect": lang.detect, "detector": _detector(lang, by_script, lingua),
                     "kb_names": lang.kb_names, "parser": parser, "parser_needs": needs,
                     "parser_installed": all(_installed(m) for m in needs),
                     "layers": layers, "lexicon": lexicon_dirs(lang), "origin": lang.origin})
    return rows


def languages_cmd(as_json: bool = typer.Option(False, "--json", help="Print a JSON list.")
                  ) -> None:
    """The languages multivector knows: detection, parser (installed?), the layers each codes
    with its own code (actors, quotes, events, stances), its word-list folders."""
    rows = describe_languages()
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    from rich.table import Table

    t = Table(title="multivector languages (registration order; * = detected by default)")
    for col in ("code", "name", "script", "detector", "parser", "installed", "layers",
                "lexicon"):
        t.add_column(col)
    for r in rows:
        t.add_row(r["code"] + (" *" if r["detect"] else ""), r["name"], r["script"],
                  r["detector"], r["parser"], "yes" if r["parser_installed"] else "NO",
                  ", ".join(r["layers"]) or "-", ", ".join(r["lexicon"]) or "-")
    out.print(t)


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    app.command("languages")(languages_cmd)
