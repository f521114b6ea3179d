"""Table definitions, read from the layer declarations (``multivector.layers``).

Columns may be added freely (old files are migrated by ADD COLUMN); columns are never renamed or
dropped: other tools read the exports. JSON columns hold lists/objects and are decoded on export.
``doc_id`` ties every layer to its document so a changed document can be replaced in one
transaction.

``TABLES`` and ``DOC_TABLES`` are live views: a stage registered by a plugin (or a test) adds
its table without an edit here.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from .. import layers


class _Tables(Mapping[str, list[tuple[str, str]]]):
    def __getitem__(self, table: str) -> list[tuple[str, str]]:
        return layers.tables()[table]

    def __iter__(self) -> Iterator[str]:
        return iter(layers.tables())

    def __len__(self) -> int:
        return len(layers.tables())


class _DocTables(Sequence[str]):
    def __getitem__(self, i):
        return layers.doc_tables()[i]

    def __len__(self) -> int:
        return len(layers.doc_tables())


TABLES: Mapping[str, list[tuple[str, str]]] = _Tables()
# Tables whose rows belong to one document (deleted and re-inserted when it changes).
DOC_TABLES: Sequence[str] = _DocTables()


def json_columns(table: str) -> set[str]:
    return {c for c, t in TABLES.get(table, []) if t.startswith("JSON")}


def column_names(table: str) -> list[str]:
    return [c for c, _ in TABLES[table]]
