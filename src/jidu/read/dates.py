"""Publication times as files state them, turned into ISO 8601 without changing their meaning.

We keep the offset the file gives (``GMT`` stays ``+00:00``): converting would move a late-evening
publication onto the next day and break the "今天" rule, and many feeds label local times as GMT.
A time with no offset stays without one.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re

_CN = re.compile(
    r"(?P<y>\d{4})\s*[年/.-]\s*(?P<m>\d{1,2})\s*[月/.-]\s*(?P<d>\d{1,2})\s*日?"
    r"(?:\s*(?P<H>\d{1,2})[:：](?P<M>\d{2})(?:[:：](?P<S>\d{2}))?)?"
)


def iso_published(value: object) -> str | None:
    """ISO 8601 for a date or datetime in any of the usual feed spellings; None when unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        seconds = value / 1000 if value > 1e11 else value
        return dt.datetime.fromtimestamp(seconds, dt.UTC).isoformat()
    text = str(value).strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return dt.date.fromisoformat(text).isoformat()
        except ValueError:
            return None
    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is not None:
        return parsed.isoformat()
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()
    except ValueError:
        pass
    match = _CN.search(text)
    if match:
        return _from_match(match)
    return None


def _from_match(match: re.Match[str]) -> str | None:
    try:
        day = dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None
    if match["H"] is None:
        return day.isoformat()
    try:
        stamp = dt.datetime(day.year, day.month, day.day, int(match["H"]), int(match["M"]), int(match["S"] or 0))
    except ValueError:
        return day.isoformat()
    return stamp.isoformat()


def find_datestamp(text: str) -> tuple[str, tuple[int, int]] | None:
    """A full date (with year) written in a line of text, e.g. a dateline ``来源：… 2021-07-02 20:32``."""
    match = _CN.search(text)
    if not match:
        return None
    iso = _from_match(match)
    return (iso, match.span()) if iso else None


def published_date(published: str | None) -> dt.date | None:
    """The calendar date of a publication time as stated (no time-zone conversion, see module doc)."""
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None
