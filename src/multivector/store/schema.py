"""Table definitions. Columns may be added freely (old files are migrated by ADD COLUMN);
columns are never renamed or dropped: other tools read the exports.

Each table is a list of (column, DuckDB type). JSON columns hold lists/objects and are
decoded on export. ``doc_id`` ties every layer to its document so a changed document can be
replaced in one transaction.
"""

from __future__ import annotations

TABLES: dict[str, list[tuple[str, str]]] = {
    "documents": [
        ("id", "VARCHAR PRIMARY KEY"),
        ("source", "VARCHAR"),
        ("title", "VARCHAR"),
        ("date", "VARCHAR"),
        ("date_source", "VARCHAR"),
        ("author", "VARCHAR"),
        ("url", "VARCHAR"),
        ("outlet", "VARCHAR"),
        ("genre", "VARCHAR"),
        ("encoding", "VARCHAR"),
        ("format", "VARCHAR"),
        ("languages", "JSON"),
        ("removed", "JSON"),
        ("meta", "JSON"),
        ("text", "VARCHAR"),
        ("n_words", "INTEGER"),
        ("added_at", "TIMESTAMP"),
    ],
    "paragraphs": [
        ("doc_id", "VARCHAR"),
        ("idx", "INTEGER"),
        ("start", "INTEGER"),
        ("end", "INTEGER"),
        ("lang", "VARCHAR"),
        ("translation_of", "INTEGER"),
        ("is_question", "BOOLEAN"),
        ("text", "VARCHAR"),
    ],
    "sentences": [
        ("doc_id", "VARCHAR"),
        ("idx", "INTEGER"),
        ("paragraph", "INTEGER"),
        ("start", "INTEGER"),
        ("end", "INTEGER"),
        ("lang", "VARCHAR"),
        ("text", "VARCHAR"),
    ],
    "actors": [
        ("id", "VARCHAR PRIMARY KEY"),
        ("name", "VARCHAR"),
        ("type", "VARCHAR"),
        ("country", "VARCHAR"),
        ("cameo", "VARCHAR"),
        ("sector", "VARCHAR"),
        ("roles", "JSON"),
        ("aliases", "JSON"),
        ("discovered", "BOOLEAN"),
    ],
    "mentions": [
        ("doc_id", "VARCHAR"),
        ("actor_id", "VARCHAR"),
        ("text", "VARCHAR"),
        ("start", "INTEGER"),
        ("end", "INTEGER"),
        ("sentence", "INTEGER"),
        ("language", "VARCHAR"),
        ("method", "VARCHAR"),
        ("role", "VARCHAR"),
        ("confidence", "DOUBLE"),
    ],
    "quotes": [
        ("doc_id", "VARCHAR"),
        ("id", "VARCHAR"),
        ("text", "VARCHAR"),
        ("start", "INTEGER"),
        ("end", "INTEGER"),
        ("kind", "VARCHAR"),
        ("cue", "VARCHAR"),
        ("speaker", "JSON"),
        ("speaker_id", "VARCHAR"),
        ("speaker_name", "VARCHAR"),
        ("via", "VARCHAR"),
        ("addressee", "VARCHAR"),
        ("mentioned", "JSON"),
        ("sentence", "INTEGER"),
        ("confidence", "DOUBLE"),
    ],
    "events": [
        ("doc_id", "VARCHAR"),
        ("id", "VARCHAR"),
        ("sentence", "INTEGER"),
        ("start", "INTEGER"),
        ("end", "INTEGER"),
        ("trigger", "VARCHAR"),
        ("plover", "VARCHAR"),
        ("mode", "VARCHAR"),
        ("contexts", "JSON"),
        ("cameo", "VARCHAR"),
        ("goldstein", "DOUBLE"),
        ("quad_class", "INTEGER"),
        ("source", "JSON"),
        ("target", "JSON"),
        ("location", "VARCHAR"),
        ("modality", "VARCHAR"),
        ("date", "VARCHAR"),
        ("date_precision", "VARCHAR"),
        ("quote_id", "VARCHAR"),
        ("confidence", "DOUBLE"),
        ("text", "VARCHAR"),
    ],
    "stances": [
        ("doc_id", "VARCHAR"),
        ("id", "VARCHAR"),
        ("holder", "JSON"),
        ("holder_id", "VARCHAR"),
        ("target", "JSON"),
        ("target_id", "VARCHAR"),
        ("polarity", "DOUBLE"),
        ("label", "VARCHAR"),
        ("aspect", "VARCHAR"),
        ("evidence", "JSON"),
        ("sentence", "INTEGER"),
        ("quote_id", "VARCHAR"),
        ("method", "VARCHAR"),
        ("confidence", "DOUBLE"),
    ],
}

# Tables whose rows belong to one document (deleted and re-inserted when it changes).
DOC_TABLES = ["paragraphs", "sentences", "mentions", "quotes", "events", "stances"]


def json_columns(table: str) -> set[str]:
    return {c for c, t in TABLES.get(table, []) if t.startswith("JSON")}


def column_names(table: str) -> list[str]:
    return [c for c, _ in TABLES[table]]
