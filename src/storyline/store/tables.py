"""How the records of the analysis steps map to store tables: columns, keys, JSON fields."""

from __future__ import annotations

import dataclasses
import json
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from storyline.model import (
    DateMention,
    Entity,
    Evidence,
    Link,
    Passage,
    PublishedDate,
    Quote,
    SourcedSentence,
    Story,
    Substitution,
    TimelineEntry,
)
from storyline.timestamps import format_timestamp, parse_timestamp

AnalysisRecord: typing.TypeAlias = (
    DateMention | PublishedDate | Quote | Entity | Link | Story | TimelineEntry
)
ANALYSIS_TYPES = (DateMention, PublishedDate, Quote, Entity, Link, Story, TimelineEntry)


@dataclass(frozen=True, slots=True)
class Table:
    """Where one record type lives: the table, its key, and fields stored under other names."""

    name: str
    record: type[Any]
    key: tuple[str, ...]  # column names
    renames: Mapping[str, str] = dataclasses.field(default_factory=dict)  # field -> column

    @property
    def fields(self) -> tuple[str, ...]:
        """Return the record's field names, in declaration order."""
        return tuple(f.name for f in dataclasses.fields(self.record))

    @property
    def columns(self) -> tuple[str, ...]:
        """Return the column names, in field order."""
        return tuple(self.renames.get(name, name) for name in self.fields)

    @property
    def json_columns(self) -> frozenset[str]:
        """Return the columns stored as JSON text: tuples and nested records."""
        hints = HINTS[self.record]
        return frozenset(
            self.renames.get(name, name)
            for name in self.fields
            if typing.get_origin(hints[name]) is tuple or hints[name] is Evidence
        )


TABLES: dict[type[Any], Table] = {
    table.record: table
    for table in (
        Table("dates", DateMention, ("article", "start", "end"), {"article_id": "article"}),
        Table("published_dates", PublishedDate, ("article",), {"article_id": "article"}),
        Table("quotes", Quote, ("article", "start", "end")),
        Table("entities", Entity, ("id",), {"kind": "type", "variants": "aliases"}),
        Table("links", Link, ("a", "b")),
        Table("stories", Story, ("id",), {"start_at": "start", "end_at": "end"}),
        Table("timeline", TimelineEntry, ("storyline", "date", "text")),
    )
}
# Each record type's field types, resolved once: resolving them per row is slow.
HINTS: dict[type[Any], dict[str, Any]] = {t: typing.get_type_hints(t) for t in TABLES}


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    return value


def to_row(record: AnalysisRecord) -> tuple[Any, ...]:
    """Return a record's column values, in column order, ready for SQLite."""
    table = TABLES[type(record)]
    json_columns = table.json_columns
    values = []
    for name, column in zip(table.fields, table.columns, strict=True):
        value = getattr(record, name)
        if column in json_columns:
            value = json.dumps(_plain(value), ensure_ascii=False)
        elif isinstance(value, datetime):
            value = format_timestamp(value)
        values.append(value)
    return tuple(values)


def _evidence(data: dict[str, Any]) -> Evidence:
    return Evidence(
        passages=tuple(Passage(**p) for p in data.get("passages", ())),
        substitutions=tuple(Substitution(**s) for s in data.get("substitutions", ())),
    )


def _decode(hint: Any, text: str) -> Any:
    data = json.loads(text)
    if hint is Evidence:
        return _evidence(data)
    item = typing.get_args(hint)[0]
    if item is SourcedSentence:
        return tuple(SourcedSentence(s["text"], tuple(s["articles"])) for s in data)
    if typing.get_origin(item) is tuple:
        return tuple(tuple(x) for x in data)  # spans: (start, end) pairs
    return tuple(data)


def _reading_plan(record: type[Any]) -> tuple[tuple[str, str, Any, bool, bool], ...]:
    """Return (field, column, type, is JSON, is a time) per field: worked out once per type."""
    table = TABLES[record]
    hints = HINTS[record]
    json_columns = table.json_columns
    return tuple(
        (
            name,
            column,
            hints[name],
            column in json_columns,
            hints[name] in (datetime, datetime | None),
        )
        for name, column in zip(table.fields, table.columns, strict=True)
    )


READING_PLANS = {t: _reading_plan(t) for t in TABLES}


def from_row(record: type[Any], row: Mapping[str, Any]) -> Any:
    """Rebuild a record of type `record` from a row read from its table."""
    values: dict[str, Any] = {}
    for name, column, hint, is_json, is_time in READING_PLANS[record]:
        value = row[column]
        if is_json and value is not None:
            value = _decode(hint, value)
        elif is_time:
            value = parse_timestamp(value)
        values[name] = value
    return record(**values)


def to_json_row(record: AnalysisRecord) -> dict[str, Any]:
    """Return a record as an exported JSON Lines row: its columns, lists and objects parsed."""
    table = TABLES[type(record)]
    return decode_json_columns(table.name, dict(zip(table.columns, to_row(record), strict=True)))


def decode_json_columns(table_name: str, row: dict[str, Any]) -> dict[str, Any]:
    """Return an exported row with its JSON columns parsed into lists and objects."""
    table = next((t for t in TABLES.values() if t.name == table_name), None)
    if table is None:
        return row
    for column in table.json_columns & row.keys():
        if row[column] is not None:
            row[column] = json.loads(row[column])
    return row
