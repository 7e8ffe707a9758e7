"""Timelines written out: the tilse text format, JSON and Markdown; and tilse files read back."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict
from itertools import groupby

from storyline.errors import InputError
from storyline.model import TimelineEntry

SEPARATOR = "-" * 32  # the line of dashes tilse and Timeline17 put after each date
DATE_LINE = re.compile(r"\d{4}-\d\d-\d\d$")


def _by_date(entries: Iterable[TimelineEntry]) -> list[tuple[str, list[TimelineEntry]]]:
    """Return the entries grouped by date, in the order given (dates are not re-sorted)."""
    return [(day, list(group)) for day, group in groupby(entries, key=lambda e: e.date)]


def to_tilse(entries: Sequence[TimelineEntry]) -> str:
    """Return the timeline in tilse format: a date line, its sentences, a line of dashes.

    Entries must come sorted by date; undated or partial ones cannot be written this way and
    are left out.
    """
    blocks = []
    for day, group in _by_date(e for e in entries if DATE_LINE.match(e.date)):
        lines = [day, *(e.text.replace("\n", " ") for e in group), SEPARATOR]
        blocks.append("\n".join(lines))
    return "".join(block + "\n" for block in blocks)


def read_tilse(text: str) -> dict[str, list[str]]:
    """Return a tilse-format timeline as {date: sentences}."""
    timeline: dict[str, list[str]] = {}
    current: list[str] | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if DATE_LINE.match(line):
            current = timeline.setdefault(line, [])
        elif line.startswith("-----"):
            current = None
        elif line and current is not None:
            current.append(line)
    return timeline


def to_json(entries: Sequence[TimelineEntry]) -> str:
    """Return the entries as a JSON array of objects, one per entry, fields as in the model."""
    return json.dumps([asdict(e) for e in entries], ensure_ascii=False, indent=2) + "\n"


def to_markdown(entries: Sequence[TimelineEntry], *, title: str = "Timeline") -> str:
    """Return the timeline as Markdown: a heading per date, a bullet per entry with its sources."""
    lines = [f"# {title}", ""]
    for day, group in _by_date(entries):
        lines += [f"## {day or 'Undated'}", ""]
        for entry in group:
            plural = "s" if entry.sources != 1 else ""
            cited = ", ".join(entry.articles)
            lines.append(
                f"- {entry.text.strip()} *({entry.sources} source{plural}: {cited}; "
                f"confidence {entry.confidence:.2f})*"
            )
            if entry.conflict:
                lines.append(f"  - **Disputed:** {entry.conflict}")
        lines.append("")
    return "\n".join(lines)


FORMATS: dict[str, Callable[[Sequence[TimelineEntry]], str]] = {
    "tilse": to_tilse,
    "json": to_json,
    "md": to_markdown,
}


def render_timeline(entries: Sequence[TimelineEntry], format_name: str) -> str:
    """Return the entries written in `format_name`: one of "tilse", "json" or "md"."""
    try:
        write = FORMATS[format_name]
    except KeyError:
        options = ", ".join(FORMATS)
        raise InputError(
            f"unknown timeline format {format_name!r}; choose one of: {options}"
        ) from None
    return write(entries)
