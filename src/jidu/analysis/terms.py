"""Policy terms across quarters: how often each quoted term (“五个新城”) is used, and where.

The ledger stores every occurrence of a record's quoted terms in each source's text.  When
several readouts report one meeting, adding their counts would count one speech twice, so a
meeting counts the occurrences of its *fullest* readout for that term (the maximum over its
sources).  A quarter's count is the sum over its meetings.  Pure functions over :class:`TermHit`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class TermHit:
    """One occurrence of a term: the meeting, the source and the ``[start, end)`` span of its text."""

    term: str
    meeting_id: int
    quarter: str | None
    date: str | None
    source_id: int
    source_path: str
    sentence: str
    start: int
    end: int


@dataclass
class TermRow:
    term: str
    total: int
    meetings: int
    by_quarter: dict[str, int] = field(default_factory=dict)
    first: str | None = None
    last: str | None = None


@dataclass
class TermTable:
    """Terms x quarters: occurrences per quarter, most used terms first."""

    quarters: list[str]
    rows: list[TermRow]


def meeting_counts(hits: Iterable[TermHit]) -> dict[tuple[str, int], int]:
    """Occurrences of each (term, meeting): the maximum over the meeting's sources."""
    per_source: dict[tuple[str, int, int], int] = defaultdict(int)
    for h in hits:
        per_source[(h.term, h.meeting_id, h.source_id)] += 1
    out: dict[tuple[str, int], int] = {}
    for (term, meeting, _src), n in per_source.items():
        out[(term, meeting)] = max(out.get((term, meeting), 0), n)
    return out


def frequency(hits: Iterable[TermHit]) -> TermTable:
    """The term x quarter table; rows sorted by total (desc), then first quarter, then term."""
    hits = list(hits)
    quarter_of = {h.meeting_id: h.quarter or "?" for h in hits}
    rows: dict[str, TermRow] = {}
    for (term, meeting), n in meeting_counts(hits).items():
        row = rows.setdefault(term, TermRow(term=term, total=0, meetings=0))
        quarter = quarter_of[meeting]
        row.total += n
        row.meetings += 1
        row.by_quarter[quarter] = row.by_quarter.get(quarter, 0) + n
    for row in rows.values():
        qs = sorted(row.by_quarter)
        row.first, row.last = qs[0], qs[-1]
    quarters = sorted({q for row in rows.values() for q in row.by_quarter})
    ordered = sorted(rows.values(), key=lambda r: (-r.total, r.first or "", r.term))
    return TermTable(quarters=quarters, rows=ordered)


def occurrences(hits: Iterable[TermHit], term: str) -> list[TermHit]:
    """Every occurrence of ``term``, by meeting date, source and position."""
    return sorted(
        (h for h in hits if h.term == term), key=lambda h: (h.date or "", h.meeting_id, h.source_id, h.start)
    )
