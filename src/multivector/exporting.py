"""``multivector export``: one table to JSON lines, CSV or Parquet (stdout or a file).

JSON columns are exported as nested objects in JSON lines and Parquet (as JSON text in CSV).
``relations`` is computed from events and stances; ``--format gdelt`` on ``events`` gives GDELT
2.0 event columns.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from .store.read import Reader
from .store.schema import TABLES

FORMATS = ("jsonl", "csv", "parquet", "gdelt", "plover")


class ExportError(ValueError):
    pass


PERIODS = ("week", "month", "quarter", "year")


def table_rows(store: Reader, table: str, period: str = "month") -> Iterator[dict]:
    if table == "relations":
        from .relations.compute import relations_rows

        yield from relations_rows(store, period=period)
    else:
        yield from store.rows(table)


def export_table(table: str, db: str, fmt: str = "jsonl", output: Path | None = None,
                 period: str = "month", all_events: bool = False) -> int:
    """``all_events``: events also without a source or a target (``complete: false``); by
    default exports keep complete events only."""
    if period not in PERIODS:
        raise ExportError(f"unknown period {period!r}; use one of {', '.join(PERIODS)}")
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if table not in TABLES and table != "relations":
        raise ExportError(f"unknown table {table!r}; tables: {', '.join([*TABLES, 'relations'])}")
    with Reader.open(db) as store:
        rows: Iterable[dict] = table_rows(store, table, period)
        if table == "events" and not all_events:
            rows = (r for r in rows if r.get("complete") is not False)
        if fmt == "plover":
            if table != "events":
                raise ExportError("--format plover applies to the events table only")
            from .events.plover_export import plover_rows

            documents = {d["id"]: d for d in store.rows("documents")}
            rows = plover_rows(rows, documents, complete_only=not all_events)
            fmt = "jsonl"
        if fmt == "gdelt":
            if table != "events":
                raise ExportError("--format gdelt applies to the events table only")
            from .events.gdelt import gdelt_rows

            documents = {d["id"]: d for d in store.rows("documents")}
            rows = gdelt_rows(rows, documents)
            fmt = "tsv"
        return write_rows(rows, fmt, output)


def write_rows(rows: Iterable[dict], fmt: str, output: Path | None) -> int:
    n = 0
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        if output is None:
            raise ExportError("--format parquet needs -o FILE")
        rows = list(rows)
        cols = list(rows[0]) if rows else []
        data = {c: [_parquet_value(r.get(c)) for r in rows] for c in cols}
        pq.write_table(pa.table(data), output)
        return len(rows)
    fh = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        if fmt == "jsonl":
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
                n += 1
        else:
            writer = None
            for r in rows:
                if writer is None:
                    writer = csv.DictWriter(fh, fieldnames=list(r), extrasaction="ignore",
                                            delimiter="\t" if fmt == "tsv" else ",")
                    writer.writeheader()
                writer.writerow({k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v)
                                 for k, v in r.items()})
                n += 1
    finally:
        if output:
            fh.close()
    return n


def _parquet_value(v):
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False)
    return v
