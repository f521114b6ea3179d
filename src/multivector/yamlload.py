"""YAML reading for the packaged word lists, patterns and settings: libyaml's C parser when
PyYAML was built with it.

The pure-Python ``yaml.safe_load`` took ~0.65 CPU s of every process's start (two dozen
files, ~9k nodes: the lexicons, quote, stance and event rules); the C parser reads the same
files in a tenth of that. Both build the result with the same ``SafeConstructor`` and
resolver, so the objects are equal (tests/test_yamlload.py compares every packaged file).
"""

from __future__ import annotations

from typing import IO, Any

import yaml

LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(stream: str | bytes | IO[str] | IO[bytes]) -> Any:
    """``yaml.safe_load`` through the fastest available safe loader (errors are
    ``yaml.YAMLError`` either way)."""
    return yaml.load(stream, Loader=LOADER)  # noqa: S506 - a safe loader
