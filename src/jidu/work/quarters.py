"""Quarters written ``2022Q3``: parsing, first and last days, neighbours.

A deadline defaults to the last day of an entry's quarter and a light counts time from the
quarter's first day, so these small date facts are used everywhere in the workflow.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from jidu.work.errors import InvalidInput

_QUARTER = re.compile(r"^\s*(\d{4})\s*[Qq]\s*([1-4])\s*$")


@dataclass(frozen=True, order=True)
class Quarter:
    """A calendar quarter; orders chronologically; ``str()`` gives ``2022Q3``."""

    year: int
    q: int

    def __str__(self) -> str:
        return f"{self.year}Q{self.q}"

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, 3 * self.q - 2, 1)

    @property
    def last_day(self) -> dt.date:
        return self.next().first_day - dt.timedelta(days=1)

    def next(self) -> Quarter:
        return Quarter(self.year + 1, 1) if self.q == 4 else Quarter(self.year, self.q + 1)

    def previous(self) -> Quarter:
        return Quarter(self.year - 1, 4) if self.q == 1 else Quarter(self.year, self.q - 1)

    def index(self) -> int:
        """Quarters since year 0: differences give distances between quarters."""
        return self.year * 4 + self.q - 1


def parse_quarter(value: str | Quarter) -> Quarter:
    """``2022Q3`` (or ``2022q3``) as a :class:`Quarter`; anything else is refused with a clear message."""
    if isinstance(value, Quarter):
        return value
    m = _QUARTER.match(str(value))
    if not m:
        raise InvalidInput(f"季度格式应为 2022Q3，收到 {value!r}", f"a quarter is written like 2022Q3, got {value!r}")
    return Quarter(int(m.group(1)), int(m.group(2)))


def quarter_of(day: dt.date) -> Quarter:
    """The quarter a date falls in."""
    return Quarter(day.year, (day.month - 1) // 3 + 1)
