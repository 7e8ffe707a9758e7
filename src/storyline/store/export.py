"""Write the store's tables to files: JSON Lines, CSV or Parquet, one file per table."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal, TypeAlias

from storyline.errors import InputError, MissingExtraError, StoreError
from storyline.store.schema import ARTICLE_JSON_COLUMNS, EXPORT_TABLES
from storyline.store.sqlite import Store
from storyline.store.tables import decode_json_columns
from storyline.writable import can_create_in

ExportFormat: TypeAlias = Literal["jsonl", "csv", "parquet"]
FORMATS: tuple[ExportFormat, ...] = ("jsonl", "csv", "parquet")
PARQUET_BATCH_ROWS = 2000  # rows per Parquet row group: bounded memory on big stores
BOOLEAN_COLUMNS = {"articles": ("brief",)}  # stored as 0/1, exported to JSON as false/true
# Rows written in key order whatever order runs stored them in: an incremental run upserts
# only its new links, and its export must read as the export of one run over everything.
EXPORT_ORDER = {"links": "a, b"}


def export_tables(db_path: Path, out_dir: Path, fmt: ExportFormat = "jsonl") -> list[Path]:
    """Write every exported table of the store to `out_dir`; return the files written."""
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if not db_path.exists():
        raise StoreError(f"no store at {db_path}; run `storyline run --db {db_path}` first")
    check_export(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with Store(db_path) as store:
        for table, columns in EXPORT_TABLES.items():
            path = out_dir / f"{table}.{fmt}"
            quoted = [f'"{column}"' for column in columns]  # "group" and "end" are SQL words
            order = EXPORT_ORDER.get(table, "rowid")
            rows = (dict(row) for row in store.rows(table, quoted, order_by=order))
            if fmt == "jsonl":  # lists and objects stay lists and objects
                rows = (_as_json(table, decode_json_columns(table, row)) for row in rows)
            {"jsonl": _write_jsonl, "csv": _write_csv, "parquet": _write_parquet}[fmt](
                path, columns, rows
            )
            written.append(path)
    return written


def _as_json(table: str, row: dict[str, Any]) -> dict[str, Any]:
    """Return a row as JSON wants it: lists from their JSON text, flags as booleans."""
    if table == "articles":
        for column in ARTICLE_JSON_COLUMNS & row.keys():
            row[column] = json.loads(row[column] or "[]")
    for column in BOOLEAN_COLUMNS.get(table, ()):
        row[column] = bool(row[column])
    return row


def _write_jsonl(path: Path, columns: tuple[str, ...], rows: Iterator[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def _write_csv(path: Path, columns: tuple[str, ...], rows: Iterator[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)


def _write_parquet(path: Path, columns: tuple[str, ...], rows: Iterator[dict[str, Any]]) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as err:
        raise MissingExtraError(
            "Parquet export needs the 'parquet' extra: pip install 'storyline[parquet]'"
        ) from err
    schema = pa.schema([(name, pa.string()) for name in columns])
    with pq.ParquetWriter(path, schema) as writer:
        batch: list[dict[str, Any]] = []
        for row in rows:
            batch.append({k: None if v is None else str(v) for k, v in row.items()})
            if len(batch) >= PARQUET_BATCH_ROWS:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch = []
        writer.write_table(pa.Table.from_pylist(batch, schema=schema))


def check_export(out: Path) -> None:
    """Raise InputError when `out` cannot be a folder of exported tables."""
    if out.exists() and not out.is_dir():
        raise InputError(f"cannot export into {out}: it is a file, not a folder")
    folder = next(p for p in (out, *out.parents) if p.exists())  # mkdir makes the rest
    if (problem := can_create_in(folder)) is not None:
        raise InputError(f"cannot export into {out}: {problem}")
