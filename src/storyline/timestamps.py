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


def parse_timestamp(value: object) -> datetime | None:
    """Return an aware UTC datetime for an ISO 8601, RFC 822 or epoch value, or None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return to_utc(value)
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
        return to_utc(datetime.fromisoformat(text))
    except ValueError:
        pass
    try:
        return to_utc(parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return to_utc(dateutil_parser.parse(text))
    except (ValueError, OverflowError):
        return None


def format_timestamp(moment: datetime | None) -> str | None:
    """Return an ISO 8601 string in UTC with a Z, or None."""
    if moment is None:
        return None
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
