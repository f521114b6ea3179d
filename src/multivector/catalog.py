"""What this installation can do: the stages, what each requires and assigns, and its tables.

Read by ``multivector stages`` (and its ``--json``), so a user sees which plugins are active and
in which order a run will call them.
"""

from __future__ import annotations

from dataclasses import MISSING, fields
from typing import Any

from .layers import layer_tables
from .stages import SEGMENT_ASSIGNS, StageSpec, load_stages, resolve_order


def settings_fields(cls: type | None) -> dict[str, Any]:
    """Field -> default of a stage's settings dataclass."""
    if cls is None:
        return {}
    out: dict[str, Any] = {}
    for f in fields(cls):
        default = f.default if f.default is not MISSING else (
            f.default_factory() if f.default_factory is not MISSING else None)
        out[f.name] = list(default) if isinstance(default, tuple) else default
    return out


def describe(spec: StageSpec) -> dict[str, Any]:
    return {"name": spec.name, "requires": list(spec.requires), "assigns": list(spec.assigns),
            "tables": layer_tables(spec.assigns), "origin": spec.origin,
            "settings": settings_fields(spec.settings), "doc": spec.doc}


def describe_all() -> list[dict[str, Any]]:
    """The segmentation root, then every registered stage in run order."""
    rows = [{"name": "segment", "requires": [], "assigns": list(SEGMENT_ASSIGNS),
             "tables": ["documents", "paragraphs", "sentences"],
             "origin": "multivector.text.segment", "settings": {},
             "doc": "paragraphs, languages, translations, sentences and the parse"}]
    stages = load_stages()
    order, _ = resolve_order(stages)
    rows.extend(describe(stages[n]) for n in order)
    return rows
