"""Guards that keep one bad input unit (a record, a WARC response, a feed item) its own reject."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from storyline.model import Document, Reject
from storyline.urls import url_problem

log = logging.getLogger(__name__)
MAX_REASON_CHARS = 160


def one_line(message: str) -> str:
    """Return the first line of a message, cut short: a reason stays one line."""
    first = message.splitlines()[0] if message else ""
    return first[:MAX_REASON_CHARS]


def invalid_url(url: str, where: str, file: str) -> Reject | None:
    """Return a Reject for a unit whose URL cannot be parsed, or None when it is fine."""
    problem = url_problem(url)
    if problem is None:
        return None
    return Reject(where, f"invalid URL {one_line(url)[:80]!r}: {one_line(problem)}", file)


def guarded(
    make: Callable[..., Document | Reject], unit: Any, where: str, file: str
) -> Document | Reject:
    """Return make(unit, where, file); an unexpected error becomes this unit's Reject alone.

    A reader yields many units from one file: one unit's surprise must not end the file.
    """
    try:
        return make(unit, where, file)
    except Exception as err:  # any failure is this unit's, not its file's
        log.debug("unit %s failed", where, exc_info=True)
        return Reject(where, f"internal error: {type(err).__name__}: {one_line(str(err))}", file)
