"""Layers describe themselves: the ``Doc`` field, the table, the row builder and the summary count.

Why: before, adding a layer meant editing the schema, the store's insert code, the runner's
summary, the Dask worker's summary and the web counts. Now each of those loops over
:func:`all_layers`, and a stage that adds a layer declares it next to its ``build`` function with
:func:`register_layer` (the built-in stages do exactly that). Core layers (documents, paragraphs,
sentences, actors, failures) are declared here.

A layer's table has a ``doc_id`` column (unless ``per_document`` is False) so a changed document
is replaced in one transaction. Columns are only ever added (old files are migrated with
``ADD COLUMN``), never renamed or dropped: other tools read the exports.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .doc import Doc

Column = tuple[str, str]  # (name, DuckDB type); JSON columns hold lists/objects


@dataclass(frozen=True)
class Layer:
    """What the pipeline, the store, the summary and the web need to know about a layer."""

    name: str  # also the Doc attribute, or the key in ``Doc.layers`` for plugin layers
    table: str | None  # None: in memory only (the spaCy parse)
    columns: tuple[Column, ...] = ()
    rows: Callable[[Doc], list[dict]] | None = None  # table rows for one document
    count: Callable[[Doc], int] | None = None  # what the run summary counts (None: not shown)
    per_document: bool = True  # rows belong to one document (deleted when it changes)
    upsert_key: str | None = None  # shared rows (actors): INSERT OR REPLACE on this key
    summary: bool = True  # show the count in `analyze`'s summary and the web counts
    order: int = 100  # position among tables (and in the summary)

    def get(self, doc: Doc) -> list:
        """The layer's records on ``doc``."""
        if hasattr(doc, self.name) and self.name != "layers":
            return getattr(doc, self.name)
        return doc.layers.get(self.name, [])


_LAYERS: dict[str, Layer] = {}


def register_layer(layer: Layer) -> Layer:
    _LAYERS[layer.name] = layer
    return layer


def unregister_layer(name: str) -> None:
    _LAYERS.pop(name, None)


def all_layers() -> list[Layer]:
    """Every declared layer (core and those of registered stages), in table order."""
    from .stages import load_stages

    load_stages()
    return sorted(_LAYERS.values(), key=lambda la: (la.order, la.name))


def tables() -> dict[str, list[Column]]:
    """table -> columns, for every layer that is stored."""
    return {la.table: list(la.columns) for la in all_layers() if la.table}


def doc_tables() -> list[str]:
    return [la.table for la in all_layers() if la.table and la.per_document
            and la.table != "documents"]


def layer_tables(names: tuple[str, ...] | list[str]) -> list[str]:
    """Tables of the named layers (``multivector stages`` lists them)."""
    by = {la.name: la for la in _LAYERS.values()}
    return [by[n].table for n in names if n in by and by[n].table]  # type: ignore[misc]


def record_dict(record: Any) -> dict:
    """A record as a plain dict without runtime-only fields (spaCy objects)."""
    return {f.name: getattr(record, f.name) for f in dataclasses.fields(record)
            if f.name not in ("spacy", "span")}


def simple_rows(name: str, extra: Callable[[Any, dict], None] | None = None
                ) -> Callable[[Doc], list[dict]]:
    """Row builder: each record of the layer as a dict plus ``doc_id`` (then ``extra``)."""

    def rows(doc: Doc) -> list[dict]:
        out = []
        layer = _LAYERS[name]
        for rec in layer.get(doc):
            r = record_dict(rec)
            r["doc_id"] = doc.id
            if extra is not None:
                extra(rec, r)
            out.append(r)
        return out

    return rows


def _count(name: str) -> Callable[[Doc], int]:
    return lambda doc: len(_LAYERS[name].get(doc))


# ---------------------------------------------------------------------------- core layers
def _document_rows(doc: Doc) -> list[dict]:
    d = record_dict(doc.document)
    d["n_words"] = len(doc.text.split())
    return [d]


def _text_rows(name: str) -> Callable[[Doc], list[dict]]:
    def rows(doc: Doc) -> list[dict]:
        out = []
        for rec in getattr(doc, name):
            r = record_dict(rec)
            r.update(doc_id=doc.id, text=doc.text[rec.start:rec.end])
            out.append(r)
        return out

    return rows


def _actor_rows(doc: Doc) -> list[dict]:
    return [record_dict(a) for a in doc.actors.values()]


register_layer(Layer(
    name="document", table="documents", order=0, per_document=True, summary=False,
    rows=_document_rows,
    columns=(("id", "VARCHAR PRIMARY KEY"), ("source", "VARCHAR"), ("title", "VARCHAR"),
             ("date", "VARCHAR"), ("date_source", "VARCHAR"), ("author", "VARCHAR"),
             ("url", "VARCHAR"), ("outlet", "VARCHAR"), ("genre", "VARCHAR"),
             ("encoding", "VARCHAR"), ("format", "VARCHAR"), ("languages", "JSON"),
             ("removed", "JSON"), ("meta", "JSON"), ("text", "VARCHAR"), ("n_words", "INTEGER"),
             ("added_at", "TIMESTAMP"))))
register_layer(Layer(
    name="paragraphs", table="paragraphs", order=1, rows=_text_rows("paragraphs"),
    count=_count("paragraphs"), summary=False,
    columns=(("doc_id", "VARCHAR"), ("idx", "INTEGER"), ("start", "INTEGER"), ("end", "INTEGER"),
             ("lang", "VARCHAR"), ("translation_of", "INTEGER"), ("is_question", "BOOLEAN"),
             ("text", "VARCHAR"))))
register_layer(Layer(
    name="sentences", table="sentences", order=2, rows=_text_rows("sentences"),
    count=_count("sentences"), summary=False,
    columns=(("doc_id", "VARCHAR"), ("idx", "INTEGER"), ("paragraph", "INTEGER"),
             ("start", "INTEGER"), ("end", "INTEGER"), ("lang", "VARCHAR"), ("text", "VARCHAR"))))
register_layer(Layer(name="parse", table=None, order=3, summary=False))
register_layer(Layer(
    name="actors", table="actors", order=90, per_document=False, upsert_key="id", summary=False,
    rows=_actor_rows,
    columns=(("id", "VARCHAR PRIMARY KEY"), ("name", "VARCHAR"), ("type", "VARCHAR"),
             ("country", "VARCHAR"), ("cameo", "VARCHAR"), ("sector", "VARCHAR"),
             ("roles", "JSON"), ("aliases", "JSON"), ("discovered", "BOOLEAN"))))
# Per-document failures: written by the runner (not a stage) when a document cannot be analysed;
# the document itself is not stored, so a re-run retries it. Rows go when it later succeeds.
register_layer(Layer(
    name="failures", table="failures", order=95, summary=False,
    columns=(("doc_id", "VARCHAR"), ("source", "VARCHAR"), ("stage", "VARCHAR"),
             ("error", "VARCHAR"), ("at", "TIMESTAMP"))))
