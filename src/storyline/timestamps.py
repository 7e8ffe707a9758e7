"""Parse the timestamps inputs carry into timezone-aware UTC datetimes."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from dateutil import parser as dateutil_parser


def to_utc(moment: datetime) -> datetime:
    """Return `moment` in UTC; a naive datetime is taken to be UTC already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def parse_timestamp(value: object, *, keep_offset: bool = False) -> datetime | None:
    """Return an aware UTC datetime for an ISO 8601, RFC 822 or epoch value, or None.

    With `keep_offset`, a value that states its UTC offset keeps it ("2020-04-16T01:00+05:30"
    stays on the 16th); one without is taken to be UTC.
    """
    if keep_offset:
        parsed = parse_timestamp_as_stated(value)
        return parsed if parsed is None or parsed.tzinfo else parsed.replace(tzinfo=UTC)
    parsed = parse_timestamp_as_stated(value)
    return None if parsed is None else to_utc(parsed)


def parse_timestamp_as_stated(value: object) -> datetime | None:
    """Return the datetime a value states, with its offset if it gives one, or None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value
    if isinstance(value, time.struct_time):
        return datetime(*value[:6], tzinfo=UTC)
    if isinstance(value, int | float) and not isinstance(value, bool):
        seconds = value / 1000 if value > 1e11 else value  # epoch milliseconds are common in APIs
        try:
            return datetime.fromtimestamp(seconds, tz=UTC)
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        pass
    try:
        parsed: datetime = dateutil_parser.parse(text)
        return parsed
    except (ValueError, OverflowError):
        return None


def format_timestamp(moment: datetime | None, *, keep_offset: bool = False) -> str | None:
    """Return an ISO 8601 string in UTC with a Z (or with the moment's own offset), or None."""
    if moment is None:
        return None
    if keep_offset and moment.tzinfo is not None:
        return moment.isoformat().replace("+00:00", "Z")
    return to_utc(moment).isoformat().replace("+00:00", "Z")


# A day written in a path or URL: "2010-04-23/" (a folder per day), "/2010/04/23/" (news
# URLs), "20100423" (file names). Digits around it must not continue the number.
PATH_DAY = re.compile(
    r"(?<![0-9])((?:19|20)[0-9]{2})(?:([-_/.])([01][0-9])\2([0-3][0-9])|([01][0-9])([0-3][0-9]))"
    r"(?![0-9])"
)


def date_in_path(path: str) -> datetime | None:
    """Return the last calendar day a path or URL spells out (2010-04-23, 2010/04/23, 20100423).

    The last one wins: in `archive/2009/topic/2010-04-23/a.txt` the deepest folder is the
    most specific. Impossible days (2010-02-30) are skipped.
    """
    found = None
    for match in PATH_DAY.finditer(path):
        year, _, month, day, month2, day2 = match.groups()
        try:
            found = datetime(int(year), int(month or month2), int(day or day2), tzinfo=UTC)
        except ValueError:
            continue
    return found
