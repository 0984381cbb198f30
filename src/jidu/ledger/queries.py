"""The questions every interface asks of the ledger, answered as plain data.

The CLI, the web app and the exports call these functions and only render what they return, so
the answers are the same everywhere.  Every value keeps the ids needed to trace it: the meeting,
the source (readout) and the ``[start, end)`` span of the source's text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, and_, false, func, or_, select
from sqlalchemy.orm import Session

from jidu.analysis import attendance, terms, trends
from jidu.analysis.diff import ItemRef, QuarterDiff, QuarterSnapshot, diff_quarters
from jidu.analysis.domains import classify
from jidu.ledger import search as search_module
from jidu.ledger.models import (
    Appearance,
    KeyWorkItem,
    Meeting,
    Person,
    Remark,
    Source,
    TermOccurrence,
    Unit,
)

QUARTER_RE = re.compile(r"^(\d{4})Q([1-4])$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def is_quarter(value: str) -> bool:
    return bool(QUARTER_RE.match(value.upper()))


def quarter_range(start: str | None, end: str | None) -> tuple[str | None, str | None]:
    """Validate ``2022Q1``-style bounds (inclusive); raises ValueError on a malformed one."""
    for value in (start, end):
        if value is not None and not is_quarter(value):
            raise ValueError(f"not a quarter: {value!r} (write it like 2022Q3)")
    return (start.upper() if start else None, end.upper() if end else None)


def _in_range(stmt: Select[Any], start: str | None, end: str | None) -> Select[Any]:
    start, end = quarter_range(start, end)
    if start:
        stmt = stmt.where(Meeting.quarter >= start)
    if end:
        stmt = stmt.where(Meeting.quarter <= end)
    return stmt


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


@dataclass(frozen=True)
class MeetingRow:
    """One line of the meetings table."""

    id: int
    date: str | None
    quarter: str | None
    organ: str
    kind: str | None
    presider: str | None
    deployer: str | None
    sources: int
    remarks: int
    items: int
    conflicts: int


def _role_subquery(role: str) -> Any:
    """The first person named in ``role`` at the outer query's meeting (correlated subquery)."""
    return (
        select(Person.name)
        .join(Appearance, Appearance.person_id == Person.id)
        .where(Appearance.meeting_id == Meeting.id, Appearance.role == role)
        .order_by(Appearance.position)
        .limit(1)
        .scalar_subquery()
    )


def _count_subquery(model: Any) -> Any:
    return select(func.count()).select_from(model).where(model.meeting_id == Meeting.id).scalar_subquery()


def _filtered(stmt: Select[Any], organ: str | None, year: str | None) -> Select[Any]:
    """Meetings of one organ and/or one year (the quarter's year, else the date's, as the timeline filters)."""
    if organ:
        stmt = stmt.where(Meeting.organ == organ)
    if year:
        if not (len(year) == 4 and year.isdigit()):
            return stmt.where(false())
        first, last = dt.date(int(year), 1, 1), dt.date(int(year), 12, 31)
        stmt = stmt.where(or_(
            Meeting.quarter.between(f"{year}Q1", f"{year}Q4"),
            and_(Meeting.quarter.is_(None), Meeting.date.between(first, last)),
        ))
    return stmt


def count_meetings(
    session: Session, start: str | None = None, end: str | None = None, *, organ: str | None = None,
    year: str | None = None,
) -> int:
    """How many meetings :func:`list_meetings` would list (for pagers)."""
    stmt = _filtered(_in_range(select(func.count(Meeting.id)), start, end), organ, year)
    return int(session.scalar(stmt) or 0)


def list_meetings(
    session: Session, start: str | None = None, end: str | None = None, *, limit: int | None = None,
    offset: int = 0, organ: str | None = None, year: str | None = None, newest_first: bool = False,
) -> list[MeetingRow]:
    """All meetings (optionally within a quarter range), by date, in one query.

    ``limit``/``offset`` give one page of that list (``newest_first`` counts pages from the newest
    meeting): the page's meetings are chosen first, from the date index, and only they get their
    presider, deployer and counts, so a page costs the same on a ledger of 30 meetings or 10,000.
    ``organ`` and ``year`` filter as the timeline does.
    """
    order = (Meeting.date.desc(), Meeting.id.desc()) if newest_first else (Meeting.date, Meeting.id)
    page = _filtered(_in_range(select(Meeting.id), start, end), organ, year).order_by(*order)
    if limit is not None or offset:
        page = page.limit(-1 if limit is None else limit).offset(offset)
    chosen = page.subquery()
    stmt = (
        select(
            Meeting,
            _role_subquery("presider"),
            _role_subquery("deployer"),
            _count_subquery(Source),
            _count_subquery(Remark),
            _count_subquery(KeyWorkItem),
        )
        .join(chosen, chosen.c.id == Meeting.id)
        .order_by(*order)
    )
    return [_meeting_row(*r) for r in session.execute(stmt)]


def neighbours(session: Session, meeting_id: int) -> tuple[MeetingRow | None, MeetingRow | None]:
    """The meetings just before and after ``meeting_id`` in :func:`list_meetings` order (two index seeks)."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        return None, None
    if meeting.date is None:  # NULL dates sort first: compare on the id among them
        before = and_(Meeting.date.is_(None), Meeting.id < meeting.id)
        after = or_(Meeting.date.is_not(None), Meeting.id > meeting.id)
    else:
        before = or_(Meeting.date.is_(None), Meeting.date < meeting.date,
                     and_(Meeting.date == meeting.date, Meeting.id < meeting.id))
        after = or_(Meeting.date > meeting.date, and_(Meeting.date == meeting.date, Meeting.id > meeting.id))
    prev_id = session.scalar(select(Meeting.id).where(before).order_by(Meeting.date.desc(), Meeting.id.desc()).limit(1))
    next_id = session.scalar(select(Meeting.id).where(after).order_by(Meeting.date, Meeting.id).limit(1))

    def row(mid: int | None) -> MeetingRow | None:
        if mid is None:
            return None
        found = [r for r in _rows_for(session, [mid])]
        return found[0] if found else None

    return row(prev_id), row(next_id)


def _rows_for(session: Session, ids: list[int]) -> list[MeetingRow]:
    stmt = select(
        Meeting, _role_subquery("presider"), _role_subquery("deployer"), _count_subquery(Source),
        _count_subquery(Remark), _count_subquery(KeyWorkItem),
    ).where(Meeting.id.in_(ids)).order_by(Meeting.date, Meeting.id)
    return [_meeting_row(*r) for r in session.execute(stmt)]


def _meeting_row(m: Meeting, presider: str | None, deployer: str | None, n_sources: int, n_remarks: int,
                 n_items: int) -> MeetingRow:
    return MeetingRow(
        id=m.id, date=_iso(m.date), quarter=m.quarter, organ=m.organ, kind=m.kind, presider=presider,
        deployer=deployer, sources=int(n_sources), remarks=int(n_remarks), items=int(n_items),
        conflicts=len(m.conflicts or []),
    )


def years(session: Session) -> list[str]:
    """The years meetings were held in (the quarter's year, else the date's), newest first."""
    found = {q[:4] for q in quarters(session)}
    found |= {d.isoformat()[:4] for d in session.scalars(
        select(Meeting.date).where(Meeting.quarter.is_(None), Meeting.date.is_not(None)))}
    return sorted(found, reverse=True)


def resolve(session: Session, ref: str) -> list[Meeting]:
    """Meetings named by an id (``3``), a date (``2022-07-01``) or a quarter (``2022Q3``)."""
    ref = ref.strip()
    if ref.isdigit():
        meeting = session.get(Meeting, int(ref))
        return [meeting] if meeting else []
    if DATE_RE.match(ref):
        try:
            day = dt.date.fromisoformat(ref)
        except ValueError:
            return []
        return list(session.scalars(select(Meeting).where(Meeting.date == day).order_by(Meeting.id)))
    if is_quarter(ref):
        return list(
            session.scalars(select(Meeting).where(Meeting.quarter == ref.upper()).order_by(Meeting.date, Meeting.id))
        )
    raise ValueError(f"not a meeting id, date (YYYY-MM-DD) or quarter (YYYYQn): {ref!r}")


def _span(source_id: int | None, start: int | None, end: int | None) -> dict[str, int | None]:
    return {"source_id": source_id, "start": start, "end": end}


def meeting_detail(session: Session, meeting: Meeting) -> dict[str, Any]:
    """The whole meeting as JSON-ready data: fields, sources, people by role, remarks, items, speeches."""
    people: dict[str, list[dict[str, Any]]] = {role: [] for role in attendance.ROLE_ORDER}
    for a in meeting.appearances:
        people.setdefault(a.role, []).append(
            {"name": a.person.name, "title": a.title, **_span(a.source_id, a.start, a.end)}
        )
    term_counts = terms.meeting_counts(
        terms.TermHit(t.term, t.meeting_id, meeting.quarter, None, t.source_id, "", "", t.start, t.end)
        for t in meeting.terms
    )
    term_order = list(dict.fromkeys(t.term for t in sorted(meeting.terms, key=lambda t: (t.source_id, t.start))))
    return {
        "id": meeting.id,
        "organ": meeting.organ,
        "city": meeting.city,
        "kind": meeting.kind,
        "date": _iso(meeting.date),
        "date_basis": meeting.date_basis,
        "quarter": meeting.quarter,
        "form": meeting.form,
        "time_of_day": meeting.time_of_day,
        "sources": [
            {
                "id": s.id, "path": s.path, "outlet": s.outlet, "title": s.title, "published": s.published,
                "script": s.script, "format": s.format, "sha256": s.sha256,
            }
            for s in meeting.sources
        ],
        "presider": (people["presider"] or [None])[0],
        "deployer": (people["deployer"] or [None])[0],
        "also_present": people["also_present"],
        "attendees": people["attendee"],
        "speakers": people["speaker"],
        "opening": {"speaker": meeting.opening_speaker, "text": meeting.opening_text}
        if meeting.opening_text
        else None,
        "remarks": [
            {
                "id": r.id, "order": r.order, "speaker": r.speaker, "heading": r.heading, "text": r.text,
                **_span(r.source_id, r.start, r.end),
            }
            for r in meeting.remarks
        ],
        "deployment": {
            "speaker": meeting.deployment_speaker,
            "heading": meeting.deployment_heading,
            "items": [
                {"id": i.id, "order": i.order, "text": i.text, **_span(i.source_id, i.start, i.end)}
                for i in meeting.items
            ],
        },
        "speeches": {
            "topic": meeting.speech_topic,
            "units": [
                {"order": s.order, "unit": s.unit.name, **_span(s.source_id, s.start, s.end)} for s in meeting.speeches
            ],
        },
        "terms": [{"term": t, "count": term_counts.get((t, meeting.id), 0)} for t in term_order],
        "conflicts": meeting.conflicts or [],
        "merged_from": meeting.merged or {},
    }


def source_text(session: Session, source_id: int, start: int | None = None, end: int | None = None) -> str:
    """A source's normalized text, or the ``[start, end)`` slice of it: how a value is traced back."""
    source = session.get(Source, source_id)
    if source is None:
        raise LookupError(f"no source #{source_id}")
    return source.text if start is None or end is None else source.text[start:end]


def source_detail(session: Session, source_id: int) -> dict[str, Any]:
    """One readout as stored: what it said of itself, its meeting, its normalized text."""
    source = session.get(Source, source_id)
    if source is None:
        raise LookupError(f"no source #{source_id}")
    return {
        "id": source.id, "meeting_id": source.meeting_id, "path": source.path, "outlet": source.outlet,
        "title": source.title, "published": source.published, "script": source.script, "format": source.format,
        "encoding": source.encoding, "sha256": source.sha256, "text": source.text,
    }


# -- attendance -------------------------------------------------------------------------------


def appearance_rows(
    session: Session, start: str | None = None, end: str | None = None, name: str | None = None,
    organ: str | None = None,
) -> list[attendance.AppearanceRow]:
    stmt = (
        select(Person.name, Meeting.id, Meeting.date, Meeting.quarter, Appearance.role, Appearance.title,
               Appearance.source_id, Appearance.start, Appearance.end)
        .join(Appearance, Appearance.person_id == Person.id)
        .join(Meeting, Meeting.id == Appearance.meeting_id)
        .order_by(Meeting.date, Meeting.id, Appearance.position)
    )
    if name:
        stmt = stmt.where(Person.name == name)
    if organ:
        stmt = stmt.where(Meeting.organ == organ)
    stmt = _in_range(stmt, start, end)
    return [
        attendance.AppearanceRow(p, m, _iso(d), q, role, title, src, s, e)
        for p, m, d, q, role, title, src, s, e in session.execute(stmt)
    ]


def attendance_matrix(
    session: Session, start: str | None = None, end: str | None = None, organ: str | None = None
) -> attendance.AttendanceMatrix:
    return attendance.matrix(appearance_rows(session, start, end, organ=organ))


def person_history(session: Session, name: str) -> list[attendance.HistoryEntry]:
    return attendance.history(appearance_rows(session, name=name), name)


def find_people(session: Session, fragment: str) -> list[str]:
    """Names containing ``fragment`` (for "did you mean")."""
    return list(session.scalars(select(Person.name).where(Person.name.contains(fragment)).order_by(Person.name)))


# -- terms --------------------------------------------------------------------------------------


def term_hits(
    session: Session, term: str | None = None, start: str | None = None, end: str | None = None
) -> list[terms.TermHit]:
    stmt = (
        select(TermOccurrence, Meeting.quarter, Meeting.date, Source.path)
        .join(Meeting, Meeting.id == TermOccurrence.meeting_id)
        .join(Source, Source.id == TermOccurrence.source_id)
        .order_by(Meeting.date, TermOccurrence.source_id, TermOccurrence.start)
    )
    if term:
        stmt = stmt.where(TermOccurrence.term == term)
    stmt = _in_range(stmt, start, end)
    return [
        terms.TermHit(t.term, t.meeting_id, q, _iso(d), t.source_id, path, t.sentence, t.start, t.end)
        for t, q, d, path in session.execute(stmt)
    ]


def _term_counts(term: str | None, start: str | None, end: str | None) -> Select[Any]:
    """``(term, quarter, occurrences, meetings)`` rows: a meeting counts its fullest source (as
    :func:`jidu.analysis.terms.meeting_counts`), grouped by the database."""
    per_source = select(TermOccurrence.term, TermOccurrence.meeting_id, func.count().label("n"))
    if term is not None:
        per_source = per_source.where(TermOccurrence.term == term)
    ps = per_source.group_by(TermOccurrence.term, TermOccurrence.meeting_id, TermOccurrence.source_id).subquery()
    pm = select(ps.c.term, ps.c.meeting_id, func.max(ps.c.n).label("n")).group_by(ps.c.term, ps.c.meeting_id).subquery()
    return _in_range(
        select(pm.c.term, Meeting.quarter, func.sum(pm.c.n), func.count())
        .join(Meeting, Meeting.id == pm.c.meeting_id)
        .group_by(pm.c.term, Meeting.quarter),
        start,
        end,
    )


def _term_rows(rows: Any) -> dict[str, terms.TermRow]:
    out: dict[str, terms.TermRow] = {}
    for term, quarter, n, m in rows:
        row = out.setdefault(term, terms.TermRow(term=term, total=0, meetings=0))
        key = quarter or "?"
        row.by_quarter[key] = row.by_quarter.get(key, 0) + int(n)
        row.total += int(n)
        row.meetings += int(m)
    for row in out.values():
        row.by_quarter = dict(sorted(row.by_quarter.items()))
        qs = list(row.by_quarter)
        row.first, row.last = qs[0], qs[-1]
    return out


def term_table(session: Session, start: str | None = None, end: str | None = None) -> terms.TermTable:
    """The term x quarter table (:func:`jidu.analysis.terms.frequency`), counted by the database:
    the rows read are (term, quarter) pairs, not every occurrence."""
    rows = _term_rows(session.execute(_term_counts(None, start, end))).values()
    quarters = sorted({q for row in rows for q in row.by_quarter})
    ordered = sorted(rows, key=lambda r: (-r.total, r.first or "", r.term))
    return terms.TermTable(quarters=quarters, rows=ordered)


def term_trend(
    session: Session, term: str, start: str | None = None, end: str | None = None
) -> terms.TermRow | None:
    """One term's row of :func:`term_table` (its counts per quarter), read from the term index alone."""
    return _term_rows(session.execute(_term_counts(term, start, end))).get(term)


def term_occurrences(session: Session, term: str, latest: int | None = None) -> list[terms.TermHit]:
    """Every occurrence of ``term`` in date order; with ``latest``, only the last ``latest`` of them
    (picked by the database, newest first, so a term used ten thousand times costs a page)."""
    if latest is None:
        return terms.occurrences(term_hits(session, term=term), term)
    stmt = (
        select(TermOccurrence, Meeting.quarter, Meeting.date, Source.path)
        .join(Meeting, Meeting.id == TermOccurrence.meeting_id)
        .join(Source, Source.id == TermOccurrence.source_id)
        .where(TermOccurrence.term == term)
        .order_by(Meeting.date.desc(), TermOccurrence.meeting_id.desc(), TermOccurrence.source_id.desc(),
                  TermOccurrence.start.desc())
        .limit(latest)
    )
    hits = [
        terms.TermHit(t.term, t.meeting_id, q, _iso(d), t.source_id, path, t.sentence, t.start, t.end)
        for t, q, d, path in session.execute(stmt)
    ]
    return terms.occurrences(hits, term)


def count_term_occurrences(session: Session, term: str) -> int:
    return int(session.scalar(select(func.count()).select_from(TermOccurrence).where(TermOccurrence.term == term))
               or 0)


def meetings_per_quarter(session: Session, organ: str | None = None) -> list[tuple[str, int]]:
    """``(quarter, meetings)`` for every quarter (of one organ), oldest first."""
    stmt = (
        select(Meeting.quarter, func.count()).where(Meeting.quarter.is_not(None))
        .group_by(Meeting.quarter).order_by(Meeting.quarter)
    )
    if organ:
        stmt = stmt.where(Meeting.organ == organ)
    return [(str(q), int(n)) for q, n in session.execute(stmt)]


# -- quarters ------------------------------------------------------------------------------------


def quarter_snapshot(session: Session, quarter: str, organ: str | None = None) -> QuarterSnapshot:
    """Everything the diff compares for one quarter: its meetings' items, terms, people and units."""
    if not is_quarter(quarter):
        raise ValueError(f"not a quarter: {quarter!r} (write it like 2022Q3)")
    quarter = quarter.upper()
    stmt = select(Meeting).where(Meeting.quarter == quarter).order_by(Meeting.date, Meeting.id)
    if organ:
        stmt = stmt.where(Meeting.organ == organ)
    snap = QuarterSnapshot(quarter=quarter)
    for m in session.scalars(stmt):
        snap.meeting_ids.append(m.id)
        snap.items.extend(ItemRef(i.text, m.id, i.id, i.order) for i in m.items)
        snap.terms.extend(t.term for t in sorted(m.terms, key=lambda t: (t.source_id, t.start)))
        snap.people.extend(a.person.name for a in m.appearances if a.role != "speaker")
        snap.units.extend(s.unit.name for s in m.speeches)
    snap.terms = list(dict.fromkeys(snap.terms))
    snap.people = list(dict.fromkeys(snap.people))
    return snap


def compare_quarters(session: Session, a: str, b: str, organ: str | None = None) -> QuarterDiff:
    return diff_quarters(quarter_snapshot(session, a, organ), quarter_snapshot(session, b, organ))


def domain_shares(session: Session, start: str | None = None, end: str | None = None) -> trends.DomainShares:
    """Deployed items per policy domain per quarter (the trends page), counted by the database.

    Equal to classifying every item of every quarter's snapshot, but items keep their domain in a
    column (revision 0003), so only items written before that revision are classified here.
    """
    counted = _in_range(
        select(Meeting.quarter, KeyWorkItem.domain, func.count())
        .join(Meeting, Meeting.id == KeyWorkItem.meeting_id)
        .where(Meeting.quarter.is_not(None), KeyWorkItem.domain.is_not(None))
        .group_by(Meeting.quarter, KeyWorkItem.domain),
        start,
        end,
    )
    unclassified = _in_range(
        select(Meeting.quarter, KeyWorkItem.text)
        .join(Meeting, Meeting.id == KeyWorkItem.meeting_id)
        .where(Meeting.quarter.is_not(None), KeyWorkItem.domain.is_(None)),
        start,
        end,
    )
    rows = [(str(q), str(d), int(n)) for q, d, n in session.execute(counted)]
    rows += [(str(q), classify(t).domain, 1) for q, t in session.execute(unclassified)]
    return trends.shares_from_counts(rows)


def organs(session: Session) -> list[str]:
    """The organs that held meetings, sorted (the compare page's filter)."""
    return list(session.scalars(select(Meeting.organ).distinct().order_by(Meeting.organ)))


def quarters(session: Session) -> list[str]:
    return list(session.scalars(select(Meeting.quarter).where(Meeting.quarter.is_not(None)).distinct().order_by(Meeting.quarter)))


# -- search and overview ------------------------------------------------------------------------


def search(session: Session, query: str, limit: int = 50) -> list[search_module.Hit]:
    return search_module.search(session, query, limit)


@dataclass
class Overview:
    meetings: int = 0
    sources: int = 0
    people: int = 0
    units: int = 0
    remarks: int = 0
    items: int = 0
    quarters: list[str] = field(default_factory=list)


def overview(session: Session) -> Overview:
    """Counts of everything, for status lines and the web front page."""

    def n(model: Any) -> int:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)

    return Overview(
        meetings=n(Meeting), sources=n(Source), people=n(Person), units=n(Unit), remarks=n(Remark),
        items=n(KeyWorkItem), quarters=quarters(session),
    )

