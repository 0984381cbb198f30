"""Reading the workflow: entry views with their lights, lists, the 催办 list, history chains.

Nothing here changes state.  Lights and overdue are computed at the ``now`` given, from the
entry's dates and progress and the stored thresholds, so a list printed today and a bulletin
for last quarter use the same rules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, selectinload

from jidu.analysis.domains import LABELS
from jidu.ledger.models import Unit
from jidu.work.clock import days_left, is_past_deadline, local_date, utcnow
from jidu.work.lifecycle import RUNNING, Status
from jidu.work.lights import Light, LightReading, LightSettings, compute_light
from jidu.work.models import WorkEntry, WorkEntryUnit, WorkEvaluation, WorkHistory, WorkLink
from jidu.work.quarters import parse_quarter
from jidu.work.settings import load_light_settings

UNASSIGNED = "（未交办）"


def light_of(entry: WorkEntry, now: dt.datetime, settings: LightSettings) -> LightReading | None:
    """The light of an entry still with the unit; None for entries reported done, closed or carried."""
    if Status(entry.status) not in RUNNING:
        return None
    return compute_light(entry.start_date, entry.deadline, entry.progress, now, settings)


def is_overdue(entry: WorkEntry, now: dt.datetime) -> bool:
    """Overdue (逾期): still with the unit after the end of the deadline day in Shanghai."""
    return Status(entry.status) in RUNNING and is_past_deadline(entry.deadline, now)


def closed_on_time(entry: WorkEntry) -> bool:
    return entry.status == Status.CLOSED.value and entry.closed_at is not None and not is_past_deadline(
        entry.deadline, entry.closed_at)


@dataclass(frozen=True)
class EntryView:
    """An entry as interfaces show it: its fields, units, light and overdue state at ``now``."""

    entry: WorkEntry
    light: LightReading | None
    overdue: bool

    @property
    def lead(self) -> str:
        return self.entry.lead_unit.name if self.entry.lead_unit else UNASSIGNED

    @property
    def cooperating(self) -> list[str]:
        return [u.name for u in self.entry.cooperating_units]

    @property
    def status_label(self) -> str:
        label = Status(self.entry.status).label
        return f"{label}（逾期）" if self.overdue else label

    def as_dict(self) -> dict[str, Any]:
        e = self.entry
        ev = e.evaluation
        return {
            "id": e.id, "quarter": e.quarter, "title": e.title, "detail": e.detail, "origin": e.origin,
            "meeting_id": e.meeting_id, "item_id": e.item_id, "remark_id": e.remark_id,
            "source": {"source_id": e.source_id, "span": [e.span_start, e.span_end]} if e.source_id else None,
            "domain": e.domain, "domain_label": LABELS.get(e.domain, e.domain), "domain_manual": e.domain_manual,
            "domain_evidence": e.domain_evidence, "lead_unit": e.lead_unit.name if e.lead_unit else None,
            "cooperating_units": self.cooperating, "start_date": e.start_date.isoformat(),
            "deadline": e.deadline.isoformat(), "status": e.status, "status_label": Status(e.status).label,
            "progress": e.progress, "overdue": self.overdue,
            "light": self.light.as_dict() if self.light else None,
            "carried_to": e.carried_to, "carried_from": e.carried_from_id,
            "reported_done_at": e.reported_done_at.isoformat() if e.reported_done_at else None,
            "closed_at": e.closed_at.isoformat() if e.closed_at else None,
            "evaluation": {"quality": ev.quality, "timeliness": ev.timeliness, "score": ev.score,
                           "comment": ev.comment, "evaluator": ev.evaluator} if ev else None,
        }


def view(entry: WorkEntry, now: dt.datetime, settings: LightSettings) -> EntryView:
    return EntryView(entry, light_of(entry, now, settings), is_overdue(entry, now))


def list_entries(
    session: Session,
    *,
    quarter: str | None = None,
    unit: str | None = None,
    status: Sequence[str] = (),
    domain: str | None = None,
    light: str | None = None,
    overdue: bool | None = None,
    now: dt.datetime | None = None,
    settings: LightSettings | None = None,
    meeting_id: int | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[EntryView]:
    """Entries filtered by quarter, unit (lead or cooperating), status, domain, light, overdue, meeting.

    ``limit``/``offset`` give one page of the list; without a light or overdue filter the database
    pages it, so a page of a quarter with ten thousand entries loads only its own entries.
    """
    now = now or utcnow()
    settings = settings or load_light_settings(session)
    stmt = select(WorkEntry).options(
        selectinload(WorkEntry.lead_unit), selectinload(WorkEntry.cooperating).selectinload(WorkEntryUnit.unit),
        selectinload(WorkEntry.evaluations),
    ).order_by(WorkEntry.quarter, WorkEntry.id)
    stmt = _filtered(session, stmt, quarter=quarter, status=status, domain=domain, unit=unit)
    if meeting_id is not None:
        stmt = stmt.where(WorkEntry.meeting_id == meeting_id)
    paged_in_sql = not light and overdue is None
    if paged_in_sql and (limit is not None or offset):
        stmt = stmt.limit(-1 if limit is None else limit).offset(offset)
    views = [view(e, now, settings) for e in session.scalars(stmt)]
    if light:
        views = [v for v in views if v.light is not None and v.light.light == Light(light)]
    if overdue is not None:
        views = [v for v in views if v.overdue == overdue]
    if not paged_in_sql and (limit is not None or offset):
        views = views[offset:None if limit is None else offset + limit]
    return views


def _filtered(
    session: Session, stmt: Any, *, quarter: str | None, status: Sequence[str], domain: str | None, unit: str | None
) -> Any:
    """The filters :func:`list_entries` and :func:`count_entries` share, so the two never disagree."""
    if quarter:
        stmt = stmt.where(WorkEntry.quarter == str(parse_quarter(quarter)))
    if status:
        stmt = stmt.where(WorkEntry.status.in_(list(status)))
    if domain:
        stmt = stmt.where(WorkEntry.domain == domain)
    if unit:
        unit_id = session.scalar(select(Unit.id).where(Unit.name == unit))
        co = select(WorkEntryUnit.entry_id).where(WorkEntryUnit.unit_id == unit_id)
        stmt = stmt.where(or_(WorkEntry.lead_unit_id == unit_id, WorkEntry.id.in_(co)))
    return stmt


def count_entries(
    session: Session, *, quarter: str | None = None, unit: str | None = None, status: Sequence[str] = (),
    domain: str | None = None,
) -> int:
    """How many entries :func:`list_entries` lists with these filters (no light/overdue filter)."""
    stmt = select(func.count(WorkEntry.id))
    stmt = _filtered(session, stmt, quarter=quarter, status=status, domain=domain, unit=unit)
    return int(session.scalar(stmt) or 0)


def entry_quarters(session: Session) -> list[str]:
    """The quarters that have entries, newest first (from the quarter index)."""
    return list(session.scalars(select(WorkEntry.quarter).distinct().order_by(WorkEntry.quarter.desc())))


def entry_units(session: Session) -> list[str]:
    """Units that lead or cooperate on any entry, sorted by name."""
    leads = select(WorkEntry.lead_unit_id).where(WorkEntry.lead_unit_id.is_not(None))
    cooperating = select(WorkEntryUnit.unit_id)
    return list(session.scalars(
        select(Unit.name).where(or_(Unit.id.in_(leads), Unit.id.in_(cooperating))).order_by(Unit.name)))


@dataclass(frozen=True)
class QuarterCounts:
    """Entries of a quarter per status, how many are overdue and how many are still open."""

    by_status: dict[str, int]
    overdue: int
    open: int


def quarter_counts(session: Session, quarter: str | None, now: dt.datetime | None = None) -> QuarterCounts:
    """The board's counters for a quarter (all quarters when None), counted by the database.

    Overdue means what :func:`is_overdue` means: still with the unit (a running status) after the
    deadline day ended in Shanghai, i.e. a deadline before today's Shanghai date.
    """
    now = now or utcnow()
    stmt = select(WorkEntry.status, func.count()).group_by(WorkEntry.status)
    late = select(func.count()).select_from(WorkEntry).where(
        WorkEntry.status.in_([s.value for s in RUNNING]), WorkEntry.deadline < local_date(now))
    if quarter:
        q = str(parse_quarter(quarter))
        stmt = stmt.where(WorkEntry.quarter == q)
        late = late.where(WorkEntry.quarter == q)
    by_status = {str(k): int(n) for k, n in session.execute(stmt)}
    still_open = sum(n for k, n in by_status.items() if k not in (Status.CLOSED.value, Status.CARRIED_OVER.value))
    return QuarterCounts(by_status=by_status, overdue=int(session.scalar(late) or 0), open=still_open)


def due_list(
    session: Session, *, within_days: int = 7, quarter: str | None = None, now: dt.datetime | None = None,
    settings: LightSettings | None = None,
) -> dict[str, list[EntryView]]:
    """The 催办 list: running entries due within N days, yellow, red or overdue, grouped by lead unit."""
    now = now or utcnow()
    running = [s.value for s in RUNNING]
    groups: dict[str, list[EntryView]] = {}
    for v in list_entries(session, quarter=quarter, status=running, now=now, settings=settings):
        due_soon = days_left(v.entry.deadline, now) <= within_days
        if due_soon or v.overdue or (v.light is not None and v.light.light is not Light.GREEN):
            groups.setdefault(v.lead, []).append(v)
    for items in groups.values():
        items.sort(key=lambda v: (v.entry.deadline, v.entry.id))
    return dict(sorted(groups.items(), key=lambda kv: (kv[0] == UNASSIGNED, kv[0])))


def quarter_scorecard(
    session: Session, quarter: str | None = None, *, now: dt.datetime | None = None,
    settings: LightSettings | None = None,
) -> list[Any]:
    """The per-unit scorecard of a quarter (every quarter when None), counted by the database.

    The same :class:`~jidu.work.scorecard.UnitScore` lines, in the same order, as
    ``build_scorecard(list_entries(session, quarter=quarter))``, but a quarter of ten thousand
    entries is read as a few grouped rows:

    * entries per lead unit and status (owned, closed, under review, carried over);
    * closed entries closed before the end of their deadline day, with the deadline's end computed
      here for each distinct deadline (a quarter has a handful);
    * running entries grouped by (lead unit, start, deadline, progress): the light and the overdue
      state depend on nothing else, so each group's light is computed once;
    * the latest evaluation score of each entry, and the cooperating units of led entries.
    """
    from jidu.work.clock import deadline_end
    from jidu.work.scorecard import UnitScore, rank

    now = now or utcnow()
    settings = settings or load_light_settings(session)
    q = str(parse_quarter(quarter)) if quarter else None

    def scoped(stmt: Any) -> Any:
        stmt = stmt.where(WorkEntry.lead_unit_id.is_not(None))
        return stmt.where(WorkEntry.quarter == q) if q else stmt

    names = dict(session.execute(select(Unit.id, Unit.name)).all()) if q is None else dict(session.execute(
        select(Unit.id, Unit.name).where(or_(
            Unit.id.in_(scoped(select(WorkEntry.lead_unit_id))),
            Unit.id.in_(scoped(select(WorkEntryUnit.unit_id).join(WorkEntry, WorkEntry.id == WorkEntryUnit.entry_id))),
        ))).all())
    table: dict[str, Any] = {}

    def row(unit_id: int) -> Any:
        name = names[unit_id]
        if name not in table:
            table[name] = UnitScore(name)
        return table[name]

    for unit_id, status, n in session.execute(scoped(
            select(WorkEntry.lead_unit_id, WorkEntry.status, func.count()).group_by(WorkEntry.lead_unit_id,
                                                                                    WorkEntry.status))):
        r = row(unit_id)
        r.owned += n
        r.closed += n if status == Status.CLOSED.value else 0
        r.pending_review += n if status == Status.PENDING_REVIEW.value else 0
        r.carried_over += n if status == Status.CARRIED_OVER.value else 0
    closed = scoped(select(WorkEntry.deadline).where(WorkEntry.status == Status.CLOSED.value,
                                                     WorkEntry.closed_at.is_not(None)).distinct())
    deadlines = list(session.scalars(closed))
    if deadlines:
        in_time = or_(*(and_(WorkEntry.deadline == d, WorkEntry.closed_at < deadline_end(d)) for d in deadlines))
        for unit_id, n in session.execute(scoped(
                select(WorkEntry.lead_unit_id, func.count()).where(WorkEntry.status == Status.CLOSED.value, in_time)
                .group_by(WorkEntry.lead_unit_id))):
            row(unit_id).closed_on_time += n
    running = scoped(select(WorkEntry.lead_unit_id, WorkEntry.start_date, WorkEntry.deadline, WorkEntry.progress,
                            func.count()).where(WorkEntry.status.in_([s.value for s in RUNNING]))
                     .group_by(WorkEntry.lead_unit_id, WorkEntry.start_date, WorkEntry.deadline, WorkEntry.progress))
    lights: dict[tuple[Any, ...], tuple[Light, bool]] = {}
    for unit_id, start, deadline, progress, n in session.execute(running):
        key = (start, deadline, progress)
        if key not in lights:
            lights[key] = (compute_light(start, deadline, progress, now, settings).light,
                           is_past_deadline(deadline, now))
        light, late = lights[key]
        r = row(unit_id)
        r.overdue += n if late else 0
        r.yellow += n if light is Light.YELLOW else 0
        r.red += n if light is Light.RED else 0
    latest = scoped(select(func.max(WorkEvaluation.id)).join(WorkEntry, WorkEntry.id == WorkEvaluation.entry_id)
                    .group_by(WorkEvaluation.entry_id))
    for unit_id, score in session.execute(
            select(WorkEntry.lead_unit_id, WorkEvaluation.score).join(WorkEntry, WorkEntry.id == WorkEvaluation.entry_id)
            .where(WorkEvaluation.id.in_(latest)).order_by(WorkEntry.quarter, WorkEntry.id)):
        row(unit_id).scores.append(score)
    for unit_id, n in session.execute(scoped(
            select(WorkEntryUnit.unit_id, func.count()).join(WorkEntry, WorkEntry.id == WorkEntryUnit.entry_id)
            .group_by(WorkEntryUnit.unit_id))):
        row(unit_id).cooperating += n
    return rank(table.values())


def lineage(session: Session, entry: WorkEntry) -> list[WorkEntry]:
    """The entry and the entries it was carried from, oldest first."""
    chain = [entry]
    while chain[0].carried_from_id is not None:
        chain.insert(0, session.get(WorkEntry, chain[0].carried_from_id))  # type: ignore[arg-type]
    return chain


def history(session: Session, entry: WorkEntry, *, with_predecessors: bool = True) -> list[WorkHistory]:
    """The entry's history; with its carried-from entries' history before it (carry-over keeps history)."""
    chain = lineage(session, entry) if with_predecessors else [entry]
    ids = [e.id for e in chain]
    rows = session.scalars(select(WorkHistory).where(WorkHistory.entry_id.in_(ids))).all()
    order = {entry_id: i for i, entry_id in enumerate(ids)}
    return sorted(rows, key=lambda h: (order[h.entry_id], h.id))


def links_of(session: Session, entry: WorkEntry) -> list[WorkLink]:
    """Continuity links where the entry is the successor or the predecessor."""
    return list(session.scalars(select(WorkLink).where(
        or_(WorkLink.entry_id == entry.id, WorkLink.predecessor_id == entry.id)).order_by(WorkLink.id)))


def predecessor(session: Session, entry: WorkEntry) -> WorkLink | None:
    """The entry's live predecessor link (confirmed preferred over suggested; broken ones ignored)."""
    links = session.scalars(select(WorkLink).where(WorkLink.entry_id == entry.id,
                                                   WorkLink.state != "broken")).all()
    return min(links, key=lambda lk: (lk.state != "confirmed", lk.id), default=None)
