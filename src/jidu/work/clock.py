"""Time in the workflow: aware UTC instants stored, Asia/Shanghai calendar days for deadlines.

A deadline is a date as the office writes it (``2022-09-30``), meaning the end of that day in
Shanghai.  An entry is overdue from Shanghai midnight after its deadline, whatever the server's
time zone; every function takes ``now`` so that tests can pin the clock.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")
UTC = dt.UTC


def utcnow() -> dt.datetime:
    """The current instant, aware, in UTC (the only clock the service reads when none is given)."""
    return dt.datetime.now(UTC)


def as_utc(value: dt.datetime) -> dt.datetime:
    """An aware UTC datetime; a naive one (as SQLite returns them) is taken to be UTC already."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def local_date(now: dt.datetime) -> dt.date:
    """The Shanghai calendar day of an instant."""
    return as_utc(now).astimezone(SHANGHAI).date()


def day_start(day: dt.date) -> dt.datetime:
    """Shanghai midnight at the start of ``day``, as an aware UTC instant."""
    return dt.datetime.combine(day, dt.time(0), tzinfo=SHANGHAI).astimezone(UTC)


def deadline_end(deadline: dt.date) -> dt.datetime:
    """The instant a deadline passes: Shanghai midnight after the deadline day, in UTC."""
    return day_start(deadline + dt.timedelta(days=1))


def is_past_deadline(deadline: dt.date, now: dt.datetime) -> bool:
    """Whether ``now`` is after the end of the deadline day in Shanghai."""
    return as_utc(now) >= deadline_end(deadline)


def days_left(deadline: dt.date, now: dt.datetime) -> int:
    """Shanghai calendar days from today to the deadline: 0 on the day itself, negative when past."""
    return (deadline - local_date(now)).days
