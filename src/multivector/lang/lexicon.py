"""Per-language word lists, read from ``multivector/lang/<code>/*.yaml``.

Why data and not code: an analyst adds a reporting verb or a role noun by editing a YAML file,
and a new language is a new folder. Every file of a language's folder is read; its top-level
keys form one namespace for that language (a key defined in two packaged files is an error, so
nothing is silently shadowed).

User extension: ``MULTIVECTOR_LEXICON_DIRS`` names one or more folders (separated by ``:``, the
path separator) laid out like the packaged one (``<folder>/<code>/*.yaml``). Their keys are merged
over the packaged ones, later folders last:

* ``key: [...]`` replaces the packaged list or table;
* ``key+: [...]`` adds to it (words are appended, table entries updated).

A folder for a code the package does not have adds a lexicon for that language.

A registered language may name a folder of its own (``register_language(code,
lexicon_dir=...)``: a plugin's word lists, shipped in its package); it is merged the same way,
after the packaged files and before the user folders.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import yaml

from .. import yamlload
from .registry import get_language

ENV_DIRS = "MULTIVECTOR_LEXICON_DIRS"
PACKAGE = "multivector.lang"


class LexiconError(LookupError):
    """A missing or malformed lexicon entry; the message names the language, file and key."""

    def __str__(self) -> str:  # LookupError would quote the message
        return str(self.args[0]) if self.args else ""


@dataclass(frozen=True)
class Lexicon:
    """The word lists of one language. ``origin`` maps each key to the file it came from."""

    code: str
    data: dict[str, Any] = field(default_factory=dict)
    origin: dict[str, str] = field(default_factory=dict)

    def __contains__(self, key: str) -> bool:
        return key in self.data

    def keys(self) -> list[str]:
        return list(self.data)

    def get(self, key: str) -> Any:
        """The raw value of ``key`` (list, mapping or scalar)."""
        if key not in self.data:
            folder = f"multivector/lang/{self.code}/*.yaml"
            raise LexiconError(f"lexicon {self.code!r}: no key {key!r} in {folder}"
                               f" (or in ${ENV_DIRS})")
        return self.data[key]

    def _where(self, key: str) -> str:
        return f"{self.origin.get(key, self.code)}: key {key!r}"

    def _list(self, key: str) -> list:
        value = self.get(key)
        if not isinstance(value, list):
            raise LexiconError(f"{self._where(key)}: expected a list of words,"
                               f" got {type(value).__name__}")
        return value

    def words(self, key: str) -> frozenset[str]:
        """A word list as a set (membership tests)."""
        return frozenset(str(w) for w in self._list(key))

    def ordered(self, key: str) -> tuple[str, ...]:
        """A word list in file order (where order matters: regex alternatives, suffixes)."""
        return tuple(str(w) for w in self._list(key))

    def table(self, key: str) -> dict:
        """A mapping (word -> value)."""
        value = self.get(key)
        if not isinstance(value, dict):
            raise LexiconError(f"{self._where(key)}: expected a mapping,"
                               f" got {type(value).__name__}")
        return dict(value)

    def subset(self, key: str, name: str) -> frozenset[str]:
        """Words of a tagged table (``word: [subset, ...]``) that carry the tag ``name``.

        One list, several consumers: e.g. ``reporting_verbs`` lists each verb once with the
        modules that treat it as reporting."""
        table = self.table(key)
        out = set()
        for word, tags in table.items():
            if not isinstance(tags, list):
                raise LexiconError(f"{self._where(key)}: {word!r} needs a list of subsets")
            if name in tags:
                out.add(str(word))
        if not out:
            raise LexiconError(f"{self._where(key)}: no word is in subset {name!r}")
        return frozenset(out)

    def section(self, stem: str) -> dict[str, Any]:
        """All keys defined in the packaged file ``<stem>.yaml`` (with user overrides applied):
        for loaders that read a whole file (quote cues, stance cues, boilerplate)."""
        keys = {k: v for k, v in self.data.items()
                if Path(self.origin.get(k, "")).stem == stem}
        if not keys:
            raise LexiconError(f"lexicon {self.code!r}: no file {stem}.yaml in"
                               f" multivector/lang/{self.code}/")
        return keys


def section_or_file(code: str, stem: str, path: Path | None = None) -> dict[str, Any]:
    """Section ``stem`` of language ``code``'s lexicon, or the YAML file ``path`` in its place
    (rule loaders take a file of their own for experiments and tests)."""
    if path is None:
        return lexicon(code).section(stem)
    with open(path, encoding="utf-8") as fh:
        return yamlload.safe_load(fh) or {}


def _read(node: Traversable | Path, where: str) -> dict[str, Any]:
    try:
        data = yamlload.safe_load(node.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise LexiconError(f"{where}: not valid YAML: {exc}") from exc
    except OSError as exc:
        raise LexiconError(f"{where}: cannot read: {exc.strerror or exc}") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise LexiconError(f"{where}: expected a mapping of named word lists at the top level")
    return data


def _files(folder: Traversable | Path) -> list[Traversable | Path]:
    if not folder.is_dir():
        return []
    return sorted((f for f in folder.iterdir() if f.name.endswith((".yaml", ".yml"))),
                  key=lambda f: f.name)


def user_dirs() -> list[Path]:
    """Extra lexicon folders from ``$MULTIVECTOR_LEXICON_DIRS`` (``os.pathsep``-separated)."""
    raw = os.environ.get(ENV_DIRS, "")
    return [Path(p).expanduser() for p in raw.split(os.pathsep) if p.strip()]


def _merge(lex: Lexicon, data: dict[str, Any], where: str) -> None:
    for key, value in data.items():
        key = str(key)
        if key.endswith("+"):
            base = key[:-1]
            old = lex.data.get(base)
            if old is None:
                lex.data[base] = value
            elif isinstance(old, list) and isinstance(value, list):
                lex.data[base] = old + [v for v in value if v not in old]
            elif isinstance(old, dict) and isinstance(value, dict):
                lex.data[base] = {**old, **value}
            else:
                raise LexiconError(f"{where}: key {key!r}: cannot add a {type(value).__name__}"
                                   f" to a {type(old).__name__}")
            lex.origin.setdefault(base, where)
        else:
            lex.data[key] = value
            lex.origin.setdefault(key, where)


@cache
def lexicon(code: str) -> Lexicon:
    """The lexicon of language ``code`` (packaged files, the registered language's own
    ``lexicon_dir``, then user folders), read once."""
    lex = Lexicon(code=code)
    packaged = resources.files(PACKAGE).joinpath(code)
    for f in _files(packaged):
        where = f"multivector/lang/{code}/{f.name}"
        for key, value in _read(f, where).items():
            if key in lex.data:
                raise LexiconError(f"{where}: key {key!r} is already defined in"
                                   f" {lex.origin[key]}")
            lex.data[str(key)] = value
            lex.origin[str(key)] = where
    lang = get_language(code)  # loads the registry (built-ins, then plugins) on first use
    if lang is not None and lang.lexicon_dir is not None:
        for f in _files(lang.lexicon_dir):
            _merge(lex, _read(f, str(f)), str(f))
    for d in user_dirs():
        for f in _files(d / code):
            _merge(lex, _read(f, str(f)), str(f))
    return lex
