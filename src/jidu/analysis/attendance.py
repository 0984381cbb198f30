"""Who attended which meeting, in which role: the attendance matrix and one person's history.

Roles, with the one-letter codes the terminal matrix uses: ``presider`` P (主持), ``deployer`` D
(部署), ``also_present`` V (named in the lead, 出席), ``attendee`` A (市领导…出席会议 list),
``speaker`` S (the principal speaker of remarks).  Pure functions over :class:`AppearanceRow`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

ROLE_CODES = {"presider": "P", "deployer": "D", "also_present": "V", "attendee": "A", "speaker": "S"}
ROLE_ORDER = list(ROLE_CODES)


@dataclass(frozen=True)
class AppearanceRow:
    """One person in one role at one meeting, with the title stated and the source span."""

    person: str
    meeting_id: int
    date: str | None
    quarter: str | None
    role: str
    title: str | None = None
    source_id: int | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class MeetingColumn:
    meeting_id: int
    date: str | None
    quarter: str | None


@dataclass
class PersonRow:
    name: str
    meetings: int
    roles: dict[int, list[str]] = field(default_factory=dict)

    def code(self, meeting_id: int) -> str:
        """The role codes at one meeting (``PS``, ``A``...) or an empty string."""
        return "".join(ROLE_CODES.get(r, "?") for r in self.roles.get(meeting_id, []))


@dataclass
class AttendanceMatrix:
    """People x meetings; meetings by date, people by number of meetings then first appearance
    (date, then order of mention: presider, deployer, named attendees, the attendance list)."""

    meetings: list[MeetingColumn]
    people: list[PersonRow]


@dataclass(frozen=True)
class HistoryEntry:
    meeting_id: int
    date: str | None
    quarter: str | None
    roles: list[str]
    titles: list[str]
    sources: list[int]


def _roles_sorted(roles: Iterable[str]) -> list[str]:
    return sorted(set(roles), key=lambda r: ROLE_ORDER.index(r) if r in ROLE_ORDER else 99)


def matrix(rows: Iterable[AppearanceRow]) -> AttendanceMatrix:
    rows = list(rows)
    columns: dict[int, MeetingColumn] = {}
    people: dict[str, PersonRow] = {}
    first_seen: dict[str, tuple[str, int, int]] = {}
    for index, r in enumerate(rows):
        columns.setdefault(r.meeting_id, MeetingColumn(r.meeting_id, r.date, r.quarter))
        row = people.setdefault(r.person, PersonRow(name=r.person, meetings=0))
        row.roles.setdefault(r.meeting_id, []).append(r.role)
        key = (r.date or "", r.meeting_id, index)
        first_seen[r.person] = min(first_seen.get(r.person, key), key)
    for row in people.values():
        row.meetings = len(row.roles)
        row.roles = {m: _roles_sorted(rs) for m, rs in row.roles.items()}
    ordered_cols = sorted(columns.values(), key=lambda c: (c.date or "", c.meeting_id))
    ordered_people = sorted(people.values(), key=lambda p: (-p.meetings, first_seen[p.name], p.name))
    return AttendanceMatrix(meetings=ordered_cols, people=ordered_people)


def history(rows: Iterable[AppearanceRow], name: str) -> list[HistoryEntry]:
    """Every meeting ``name`` appears at, by date, with roles, titles as stated and sources."""
    by_meeting: dict[int, list[AppearanceRow]] = {}
    for r in rows:
        if r.person == name:
            by_meeting.setdefault(r.meeting_id, []).append(r)
    entries = []
    for meeting_id, rs in by_meeting.items():
        entries.append(
            HistoryEntry(
                meeting_id=meeting_id,
                date=rs[0].date,
                quarter=rs[0].quarter,
                roles=_roles_sorted(r.role for r in rs),
                titles=list(dict.fromkeys(r.title for r in rs if r.title)),
                sources=sorted({r.source_id for r in rs if r.source_id is not None}),
            )
        )
    return sorted(entries, key=lambda e: (e.date or "", e.meeting_id))
