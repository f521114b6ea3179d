"""The C YAML loader reads every packaged data file to the same objects as PyYAML's
pure-Python safe loader (multivector.yamlload: the start-up saving must not change a word)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from multivector import yamlload

SRC = Path(__file__).resolve().parent.parent / "src" / "multivector"
FILES = sorted(p for p in SRC.rglob("*.y*ml") if p.suffix in (".yaml", ".yml"))


def test_there_are_packaged_yaml_files():
    assert len(FILES) >= 20  # the lexicons, rules and patterns


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(SRC)))
def test_packaged_file_loads_identically(path: Path):
    text = path.read_text(encoding="utf-8")
    slow = yaml.load(text, Loader=yaml.SafeLoader)  # noqa: S506 - a safe loader
    fast = yamlload.safe_load(text)
    assert fast == slow
    assert repr(fast) == repr(slow)  # same key order, same scalar types


def test_invalid_yaml_still_raises_yaml_error():
    with pytest.raises(yaml.YAMLError):
        yamlload.safe_load("key: [unclosed\n")


def test_c_loader_is_used_when_available():
    if getattr(yaml, "__with_libyaml__", False):
        assert yamlload.LOADER is yaml.CSafeLoader
