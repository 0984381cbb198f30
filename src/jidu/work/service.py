"""The workflow service: the one public API that changes workflow state.

Every function takes the session, the acting user (a :class:`~jidu.work.models.User` row or an
:class:`~jidu.work.permissions.Actor`) and an injectable ``now``; it checks the role rules
(:mod:`permissions`) and the lifecycle (:mod:`lifecycle`), changes the entry, and appends a
history row (who, when, from, to, why).  It flushes but never commits: the caller's transaction
(``session_scope``) makes a group of changes all-or-nothing, e.g. an Excel import.

Refusals are exceptions from :mod:`jidu.work.errors` with Chinese and English messages, so the
CLI and the web app show the same explanation.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from jidu.analysis import domains
from jidu.ledger.models import KeyWorkItem, Meeting, Remark, Unit
from jidu.work import continuity
from jidu.work.clock import deadline_end, local_date, utcnow
from jidu.work.errors import AuthenticationFailed, InvalidInput, InvalidTransition, NotFound, PermissionDenied
from jidu.work.lifecycle import FINAL, Action, Status, allowed_actions, next_status
from jidu.work.lights import LightSettings
from jidu.work.models import (
    User,
    WorkEntry,
    WorkEntryUnit,
    WorkEvaluation,
    WorkFeedback,
    WorkHistory,
    WorkLink,
)
from jidu.work.permissions import Actor, EntryUnits, Role, can, check, parse_role
from jidu.work.quarters import Quarter, parse_quarter
from jidu.work.settings import load_light_settings, store_light_settings

SYSTEM = Actor("system", Role.ADMIN)
"""The actor of automatic changes (entries created on ingest, suggested links)."""

ActorLike = User | Actor

_hasher = PasswordHasher()
_USERNAME = re.compile(r"^[A-Za-z0-9_.@\-\u4e00-\u9fff]{2,64}$")
MIN_PASSWORD = 8


# --------------------------------------------------------------------------------------------- users
def actor_of(user: ActorLike) -> Actor:
    """The rules' view of a user; an inactive user may do nothing."""
    if isinstance(user, Actor):
        return user
    if not user.active:
        raise PermissionDenied(f"用户 {user.username} 已停用", f"user {user.username} is deactivated")
    return Actor(user.username, parse_role(user.role), user.unit_id, user.id)


def _hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise InvalidInput(f"密码至少 {MIN_PASSWORD} 位", f"passwords have at least {MIN_PASSWORD} characters")
    return _hasher.hash(password)


def create_user(
    session: Session,
    actor: ActorLike | None,
    username: str,
    password: str,
    role: str | Role,
    *,
    unit: str | None = None,
    display_name: str | None = None,
    now: dt.datetime | None = None,
) -> User:
    """Add a user.  Only an admin may, except for the very first user, who must be an admin."""
    role = parse_role(role)
    if session.scalar(select(User.id).limit(1)) is None:
        if role is not Role.ADMIN:
            raise InvalidInput("第一个用户必须是管理员", "the first user must be an admin")
    else:
        if actor is None:
            raise PermissionDenied("需要管理员身份", "an admin must add users")
        check(actor_of(actor), Action.MANAGE_USERS)
    if not _USERNAME.match(username):
        raise InvalidInput(f"用户名无效：{username!r}", f"invalid user name {username!r}")
    if session.scalar(select(User).where(User.username == username)) is not None:
        raise InvalidInput(f"用户 {username} 已存在", f"user {username} already exists")
    unit_row = _unit_for_role(session, role, unit)
    user = User(
        username=username, display_name=display_name, password_hash=_hash_password(password),
        role=role.value, unit_id=unit_row.id if unit_row else None, active=True, created_at=now or utcnow(),
    )
    session.add(user)
    session.flush()
    return user


def _unit_for_role(session: Session, role: Role, unit: str | None) -> Unit | None:
    if role is Role.UNIT_EDITOR:
        if not unit:
            raise InvalidInput("单位填报员必须绑定单位（--unit）", "a unit editor must be bound to a unit (--unit)")
        return get_unit(session, unit, create=True)
    if unit:
        raise InvalidInput("只有单位填报员绑定单位", "only unit editors are bound to a unit")
    return None


def set_role(
    session: Session, actor: ActorLike, username: str, role: str | Role, *, unit: str | None = None,
    active: bool | None = None,
) -> User:
    """Change a user's role (and unit), or deactivate them; admins only, and never the last admin."""
    check(actor_of(actor), Action.MANAGE_USERS)
    user = get_user(session, username)
    role = parse_role(role)
    demoting = user.role == Role.ADMIN.value and (role is not Role.ADMIN or active is False)
    if demoting:
        admins = session.scalars(select(User).where(User.role == Role.ADMIN.value, User.active.is_(True))).all()
        if len(admins) <= 1:
            raise InvalidInput("不能取消最后一个管理员", "cannot remove the last admin")
    unit_row = _unit_for_role(session, role, unit)
    user.role = role.value
    user.unit_id = unit_row.id if unit_row else None
    if active is not None:
        user.active = active
    session.flush()
    return user


def set_password(session: Session, actor: ActorLike, username: str, password: str) -> User:
    """A user changes their own password, or an admin resets anyone's."""
    act = actor_of(actor)
    if act.username != username:
        check(act, Action.MANAGE_USERS)
    user = get_user(session, username)
    user.password_hash = _hash_password(password)
    session.flush()
    return user


def get_user(session: Session, username: str) -> User:
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        raise NotFound(f"没有用户 {username}", f"no user {username}")
    return user


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.username)))


def authenticate(session: Session, username: str, password: str) -> User:
    """The active user with this name and password; the same refusal for any wrong part."""
    user = session.scalar(select(User).where(User.username == username))
    failed = AuthenticationFailed("用户名或密码错误", "wrong user name or password")
    if user is None or not user.active:
        raise failed
    try:
        _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        raise failed from None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
        session.flush()
    return user


# --------------------------------------------------------------------------------------------- units
def get_unit(session: Session, name: str, *, create: bool = False) -> Unit:
    """The unit with this name; created only when asked (assigning work names units)."""
    name = name.strip()
    if not name:
        raise InvalidInput("单位名称为空", "empty unit name")
    unit = session.scalar(select(Unit).where(Unit.name == name))
    if unit is None:
        if not create:
            raise NotFound(f"没有单位“{name}”", f"no unit {name!r}")
        unit = Unit(name=name)
        session.add(unit)
        session.flush()
    return unit


def units_of(entry: WorkEntry) -> EntryUnits:
    return EntryUnits.of(entry.lead_unit_id, [c.unit_id for c in entry.cooperating])


# --------------------------------------------------------------------------------------------- entries
def get_entry(session: Session, entry_id: int) -> WorkEntry:
    entry = session.get(WorkEntry, entry_id)
    if entry is None:
        raise NotFound(f"没有编号为 {entry_id} 的事项", f"no entry {entry_id}")
    return entry


def available_actions(user: ActorLike, entry: WorkEntry) -> list[Action]:
    """The actions this user may take on this entry now (lifecycle and role rules): what an
    interface offers as buttons.  The service still checks again when the action is taken."""
    act = actor_of(user)
    units = units_of(entry)
    return [a for a in allowed_actions(Status(entry.status)) if a is not Action.VIEW and can(act, a, units)]


def _record(
    session: Session, entry: WorkEntry, actor: Actor, action: Action | str, before: str | None,
    after: str | None, reason: str | None, now: dt.datetime, **details: Any,
) -> WorkHistory:
    row = WorkHistory(
        entry_id=entry.id, at=now, actor=actor.username, action=str(action), from_status=before,
        to_status=after, reason=reason, details={k: v for k, v in details.items() if v is not None},
    )
    session.add(row)
    entry.updated_at = now
    return row


def _transition(
    session: Session, entry: WorkEntry, actor: Actor, action: Action, reason: str | None,
    now: dt.datetime, **details: Any,
) -> Status:
    """Check permission and lifecycle, move the entry, write history; returns the new status."""
    check(actor, action, units_of(entry))
    before = Status(entry.status)
    after = next_status(before, action)
    entry.status = after.value
    _record(session, entry, actor, action, before.value, after.value, reason, now, **details)
    return after


def _start_for(quarter: Quarter, held: dt.date | None) -> dt.date:
    """Time for a quarter's work starts at the meeting, or the quarter's first day if held before it."""
    if held is None or held < quarter.first_day or held > quarter.last_day:
        return quarter.first_day
    return held


def _classified(text: str) -> tuple[str, dict[str, Any]]:
    assignment = domains.classify(text)
    return assignment.domain, {"matched": list(assignment.matched), "scores": assignment.scores,
                               "explanation": assignment.explain()}


def create_entry(
    session: Session,
    actor: ActorLike,
    title: str,
    quarter: str,
    *,
    detail: str | None = None,
    deadline: dt.date | None = None,
    domain: str | None = None,
    lead_unit: str | None = None,
    cooperating: Sequence[str] = (),
    now: dt.datetime | None = None,
) -> WorkEntry:
    """Register an entry by hand (立项); with a lead unit it is assigned at once (交办)."""
    act = actor_of(actor)
    check(act, Action.CREATE)
    now = now or utcnow()
    title = title.strip()
    if not title:
        raise InvalidInput("事项标题为空", "empty entry title")
    q = parse_quarter(quarter)
    auto_domain, evidence = _classified(f"{title}{detail or ''}")
    entry = WorkEntry(
        title=title, detail=detail, quarter=str(q), origin="manual",
        domain=domains.resolve(domain) if domain else auto_domain, domain_manual=domain is not None,
        domain_evidence=evidence, start_date=_start_for(q, local_date(now)),
        deadline=deadline or q.last_day, status=Status.REGISTERED.value, progress=0,
        created_by=act.username, created_at=now, updated_at=now,
    )
    session.add(entry)
    session.flush()
    _record(session, entry, act, Action.CREATE, None, Status.REGISTERED.value, "手工立项", now)
    if lead_unit:
        assign(session, actor, entry.id, lead_unit, cooperating, now=now)
    suggest_links(session, [entry], now=now)
    return entry


def entries_from_meeting(
    session: Session, meeting: Meeting, *, now: dt.datetime | None = None,
    defer_links: list[tuple[list[WorkEntry], list[WorkEntry]]] | None = None,
) -> list[WorkEntry]:
    """Open an entry (待交办) for each of the meeting's deployment items: what ingest calls.

    Idempotent: an item that already has an entry keeps it; its wording is refreshed while the
    entry is still unassigned (a fuller readout of the same meeting may word it better).
    A meeting without a quarter cannot be placed in the ledger and gets no entries.
    Continuity links are suggested at once, or, given ``defer_links``, the new and reworded
    entries are appended to it for one :func:`link_new_entries` call later in the transaction.
    """
    try:
        q = parse_quarter(meeting.quarter or "")
    except InvalidInput:
        return []  # no usable quarter: the meeting is kept in the ledger, its items just get no entries
    now = now or utcnow()
    items = session.scalars(
        select(KeyWorkItem).where(KeyWorkItem.meeting_id == meeting.id).order_by(KeyWorkItem.order)
    ).all()
    existing = {e.item_id: e for e in session.scalars(select(WorkEntry).where(
        WorkEntry.item_id.in_([i.id for i in items])))}
    created: list[WorkEntry] = []
    reworded: list[WorkEntry] = []
    for item in items:
        entry = existing.get(item.id)
        if entry is not None:
            if entry.title != item.text and entry.status == Status.REGISTERED.value:
                reworded.append(entry)
                _record(session, entry, SYSTEM, Action.EDIT, entry.status, entry.status,
                        "会议记录更新，同步事项表述", now, old_title=entry.title)
                entry.title = item.text
                if not entry.domain_manual:
                    entry.domain, entry.domain_evidence = _classified(item.text)
            continue
        domain, evidence = _classified(item.text)
        entry = WorkEntry(
            title=item.text, detail=item.heading, quarter=str(q), origin="item", meeting_id=meeting.id,
            item_id=item.id, source_id=item.source_id, span_start=item.start, span_end=item.end,
            domain=domain, domain_manual=False, domain_evidence=evidence,
            start_date=_start_for(q, meeting.date), deadline=q.last_day, status=Status.REGISTERED.value,
            progress=0, created_by=SYSTEM.username, created_at=now, updated_at=now,
        )
        created.append(entry)
    if created:  # one flush for all of the meeting's new entries (their ids for the history rows)
        session.add_all(created)
        session.flush()
        for entry, order in zip(created, [i.order for i in items if i.id not in existing], strict=True):
            _record(session, entry, SYSTEM, Action.CREATE, None, Status.REGISTERED.value,
                    "由会议部署事项自动生成", now, meeting_id=meeting.id, item_order=order)
    if defer_links is not None:
        defer_links.append((created, reworded))
    else:
        link_new_entries(session, created, reworded, now=now)
    return created


def link_new_entries(
    session: Session, created: Sequence[WorkEntry], reworded: Sequence[WorkEntry] = (), *,
    now: dt.datetime | None = None,
) -> list[WorkLink]:
    """Suggest predecessors for new (or reworded) entries, and again for the later entries whose
    best predecessor may now be one of them.  Ingest calls this once per batch of readouts, for the
    entries of every meeting in the batch, so each organ's entries are read once per batch."""
    by_organ: dict[str | None, tuple[list[WorkEntry], list[WorkEntry]]] = {}
    organs = _organs_of(session, [*created, *reworded])
    seen: set[int] = set()
    for group, entries in ((0, created), (1, reworded)):
        for e in entries:
            if e.id not in seen:  # an entry made by one readout of the batch may be reworded by the next
                seen.add(e.id)
                by_organ.setdefault(_organ(e, organs) or None, ([], []))[group].append(e)
    cache: _Texts = {}
    _prefetch_texts(session, {organ for organ in by_organ if organ}, cache)
    new = [e for group, _ in by_organ.values() for e in group]
    changed = [e for _, group in by_organ.values() for e in group]
    return suggest_links(session, _with_later_entries(session, new, changed, cache), now=now, _cache=cache)


_SPEAKER_LEAD = re.compile(r"^[\u4e00-\u9fff]{2,4}(?:指出|强调|要求)，")


def remark_requirement(remark: Remark) -> str:
    """The requirement a remark states: its heading, else its first sentence without 'X指出，'."""
    if remark.heading:
        return remark.heading
    first = re.split(r"[。！？]", remark.text, maxsplit=1)[0]
    return _SPEAKER_LEAD.sub("", first).strip()


def entries_from_remarks(
    session: Session, actor: ActorLike, meeting_id: int, *, now: dt.datetime | None = None
) -> list[WorkEntry]:
    """Open requirement entries from the principal speaker's remarks (optional, by a supervisor)."""
    act = actor_of(actor)
    check(act, Action.CREATE)
    now = now or utcnow()
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound(f"没有编号为 {meeting_id} 的会议", f"no meeting {meeting_id}")
    if not meeting.quarter:
        raise InvalidInput("会议没有季度，无法建立事项", "the meeting has no quarter")
    q = parse_quarter(meeting.quarter)
    remarks = session.scalars(select(Remark).where(Remark.meeting_id == meeting_id).order_by(Remark.order)).all()
    have = set(session.scalars(select(WorkEntry.remark_id).where(WorkEntry.remark_id.is_not(None))))
    created = []
    for remark in remarks:
        if remark.id in have:
            continue
        title = remark_requirement(remark)
        if not title:
            continue
        domain, evidence = _classified(remark.text)
        entry = WorkEntry(
            title=title, detail=remark.text, quarter=str(q), origin="remark", meeting_id=meeting.id,
            remark_id=remark.id, source_id=remark.source_id, span_start=remark.start, span_end=remark.end,
            domain=domain, domain_manual=False, domain_evidence=evidence,
            start_date=_start_for(q, meeting.date), deadline=q.last_day, status=Status.REGISTERED.value,
            progress=0, created_by=act.username, created_at=now, updated_at=now,
        )
        session.add(entry)
        session.flush()
        _record(session, entry, act, Action.CREATE, None, Status.REGISTERED.value, "由讲话要求生成", now,
                meeting_id=meeting.id, remark_order=remark.order)
        created.append(entry)
    link_new_entries(session, created, now=now)
    return created


def assign(
    session: Session,
    actor: ActorLike,
    entry_id: int,
    lead_unit: str,
    cooperating: Sequence[str] = (),
    *,
    deadline: dt.date | None = None,
    reason: str | None = None,
    now: dt.datetime | None = None,
) -> WorkEntry:
    """Assign (交办) an entry to a lead unit and cooperating units, optionally with a new deadline."""
    act = actor_of(actor)
    now = now or utcnow()
    entry = get_entry(session, entry_id)
    lead = get_unit(session, lead_unit, create=True)
    co_units = []
    for name in dict.fromkeys(n.strip() for n in cooperating if n.strip()):
        unit = get_unit(session, name, create=True)
        if unit.id == lead.id:
            raise InvalidInput(f"“{name}”已是牵头单位", f"{name} is already the lead unit")
        co_units.append(unit)
    if deadline is not None and deadline < entry.start_date:
        raise InvalidInput("截止日期早于开始日期", "the deadline is before the start")
    _transition(session, entry, act, Action.ASSIGN, reason, now, lead=lead.name,
                cooperating=[u.name for u in co_units] or None,
                deadline=deadline.isoformat() if deadline else None)
    entry.lead_unit_id = lead.id
    entry.lead_unit = lead
    entry.cooperating.clear()
    session.flush()
    for position, unit in enumerate(co_units):
        entry.cooperating.append(WorkEntryUnit(unit_id=unit.id, unit=unit, position=position))
    if deadline is not None:
        entry.deadline = deadline
    session.flush()
    return entry


def acknowledge(
    session: Session, actor: ActorLike, entry_id: int, *, note: str | None = None,
    on_behalf_of: str | None = None, now: dt.datetime | None = None,
) -> WorkEntry:
    """The lead unit signs for (签收) an assigned entry."""
    act = _acting_for(session, actor_of(actor), on_behalf_of)
    entry = get_entry(session, entry_id)
    _transition(session, entry, act, Action.ACKNOWLEDGE, note, now or utcnow())
    session.flush()
    return entry


def _acting_for(session: Session, act: Actor, unit_name: str | None) -> Actor:
    """An office user entering a unit's report acts under that unit's rules (e.g. Excel collected by the office)."""
    if unit_name is None:
        return act
    unit = get_unit(session, unit_name)
    if act.role in (Role.ADMIN, Role.SUPERVISOR):
        return Actor(f"{act.username}（代{unit.name}）", Role.UNIT_EDITOR, unit.id, act.user_id)
    if act.role is Role.UNIT_EDITOR and act.unit_id == unit.id:
        return act
    raise PermissionDenied(f"{act.username} 不能代“{unit.name}”填报", f"{act.username} cannot report for {unit.name}")


def _check_progress(progress: int | float) -> int:
    if isinstance(progress, bool) or not isinstance(progress, int | float) or not 0 <= progress <= 100:
        raise InvalidInput(f"进度应为 0–100 的整数，收到 {progress!r}", f"progress is 0-100, got {progress!r}")
    if int(progress) != progress:
        raise InvalidInput(f"进度应为整数，收到 {progress!r}", f"progress is a whole number, got {progress!r}")
    return int(progress)


def report_progress(
    session: Session, actor: ActorLike, entry_id: int, progress: int, *, note: str | None = None,
    on_behalf_of: str | None = None, channel: str = "cli", reported_on: dt.date | None = None,
    now: dt.datetime | None = None,
) -> WorkEntry:
    """A lead or cooperating unit reports progress in percent (with an optional note as feedback)."""
    act = _acting_for(session, actor_of(actor), on_behalf_of)
    now = now or utcnow()
    value = _check_progress(progress)
    entry = get_entry(session, entry_id)
    old = entry.progress
    _transition(session, entry, act, Action.PROGRESS, note, now, progress_from=old, progress_to=value)
    entry.progress = value
    session.add(WorkFeedback(entry_id=entry.id, unit_id=act.unit_id, author=act.username, at=now,
                             reported_on=reported_on, progress=value, text=note or "", channel=channel))
    session.flush()
    return entry


def add_feedback(
    session: Session, actor: ActorLike, entry_id: int, text: str, *, on_behalf_of: str | None = None,
    channel: str = "cli", reported_on: dt.date | None = None, now: dt.datetime | None = None,
) -> WorkFeedback:
    """A unit (or the office) adds feedback (反馈) to an entry; the status does not change."""
    act = _acting_for(session, actor_of(actor), on_behalf_of)
    now = now or utcnow()
    if not text.strip():
        raise InvalidInput("反馈内容为空", "empty feedback")
    entry = get_entry(session, entry_id)
    _transition(session, entry, act, Action.FEEDBACK, None, now, text=text.strip()[:200])
    row = WorkFeedback(entry_id=entry.id, unit_id=act.unit_id, author=act.username, at=now,
                       reported_on=reported_on, text=text.strip(), channel=channel)
    session.add(row)
    session.flush()
    return row


def report_done(
    session: Session, actor: ActorLike, entry_id: int, *, note: str | None = None,
    on_behalf_of: str | None = None, channel: str = "cli", now: dt.datetime | None = None,
) -> WorkEntry:
    """The lead unit reports the work done (办结报告): progress 100, the office reviews next."""
    act = _acting_for(session, actor_of(actor), on_behalf_of)
    now = now or utcnow()
    entry = get_entry(session, entry_id)
    _transition(session, entry, act, Action.REPORT_DONE, note, now, progress_from=entry.progress)
    entry.progress = 100
    entry.reported_done_at = now
    session.add(WorkFeedback(entry_id=entry.id, unit_id=act.unit_id, author=act.username, at=now,
                             progress=100, text=note or "申请办结", channel=channel))
    session.flush()
    return entry


def review(
    session: Session, actor: ActorLike, entry_id: int, *, approve: bool, reason: str | None = None,
    now: dt.datetime | None = None,
) -> WorkEntry:
    """The office reviews a done report: approve closes the entry; reject sends it back, with a reason."""
    act = actor_of(actor)
    now = now or utcnow()
    entry = get_entry(session, entry_id)
    if not approve and not (reason and reason.strip()):
        raise InvalidInput("退回须说明理由", "a rejection needs a reason")
    _transition(session, entry, act, Action.APPROVE if approve else Action.REJECT, reason, now)
    if approve:
        entry.closed_at = entry.reported_done_at or now
    else:
        entry.reported_done_at = None
    session.flush()
    return entry


def close(
    session: Session, actor: ActorLike, entry_id: int, *, reason: str | None = None,
    now: dt.datetime | None = None,
) -> WorkEntry:
    """The office closes an entry off (销号); closed at the unit's done report if there was one."""
    act = actor_of(actor)
    now = now or utcnow()
    entry = get_entry(session, entry_id)
    _transition(session, entry, act, Action.CLOSE, reason, now)
    entry.closed_at = entry.reported_done_at or now
    entry.progress = 100
    session.flush()
    return entry


def reopen(
    session: Session, actor: ActorLike, entry_id: int, *, reason: str, now: dt.datetime | None = None
) -> WorkEntry:
    """Reopen a closed entry (e.g. closed by mistake); the reason is required and kept."""
    act = actor_of(actor)
    if not reason.strip():
        raise InvalidInput("重新打开须说明理由", "reopening needs a reason")
    entry = get_entry(session, entry_id)
    _transition(session, entry, act, Action.REOPEN, reason, now or utcnow())
    entry.closed_at = None
    entry.reported_done_at = None
    session.flush()
    return entry


def default_timeliness(entry: WorkEntry) -> float:
    """100 when closed by the end of the deadline day (Shanghai), 5 points less per day late."""
    if entry.closed_at is None:
        return 0.0
    late = entry.closed_at - deadline_end(entry.deadline)
    if late.total_seconds() <= 0:
        return 100.0
    days = late.days + (1 if late.seconds or late.microseconds else 0)
    return float(max(0, 100 - 5 * days))


QUALITY_WEIGHT = 0.6
"""An evaluation's score: 60 % quality, 40 % timeliness."""


def evaluate(
    session: Session, actor: ActorLike, entry_id: int, quality: float, *, timeliness: float | None = None,
    comment: str | None = None, now: dt.datetime | None = None,
) -> WorkEvaluation:
    """Score a closed entry (结果考评): quality 0-100, timeliness 0-100 (default from the dates)."""
    act = actor_of(actor)
    now = now or utcnow()
    entry = get_entry(session, entry_id)
    for name, value in (("quality", quality), ("timeliness", timeliness)):
        if value is not None and not 0 <= value <= 100:
            raise InvalidInput(f"评分应在 0–100 之间（{name}={value}）", f"{name} is 0-100, got {value}")
    _transition(session, entry, act, Action.EVALUATE, comment, now, quality=quality, timeliness=timeliness)
    timely = default_timeliness(entry) if timeliness is None else float(timeliness)
    score = round(QUALITY_WEIGHT * quality + (1 - QUALITY_WEIGHT) * timely, 1)
    row = WorkEvaluation(entry_id=entry.id, quality=float(quality), timeliness=timely, score=score,
                         comment=comment, evaluator=act.username, at=now)
    session.add(row)
    session.flush()
    session.refresh(entry, ["evaluations"])
    return row


def carry_over(
    session: Session, actor: ActorLike, entry_id: int, *, to_quarter: str | None = None,
    deadline: dt.date | None = None, reason: str | None = None, now: dt.datetime | None = None,
) -> WorkEntry:
    """Carry an unfinished entry into a later quarter (结转): the old one is marked 已结转, a new one
    continues with the same units, status and progress, linked to it, its history reachable."""
    act = actor_of(actor)
    now = now or utcnow()
    entry = get_entry(session, entry_id)
    here = parse_quarter(entry.quarter)
    target = parse_quarter(to_quarter) if to_quarter else here.next()
    if target <= here:
        raise InvalidInput(f"只能结转到 {here} 之后的季度", f"carry over only to a quarter after {here}")
    before = Status(entry.status)
    _transition(session, entry, act, Action.CARRY, reason, now, to_quarter=str(target))
    entry.carried_to = str(target)
    new = WorkEntry(
        title=entry.title, detail=entry.detail, quarter=str(target), origin="carry", meeting_id=entry.meeting_id,
        source_id=entry.source_id, span_start=entry.span_start, span_end=entry.span_end, domain=entry.domain,
        domain_manual=entry.domain_manual, domain_evidence=entry.domain_evidence,
        lead_unit_id=entry.lead_unit_id, start_date=target.first_day, deadline=deadline or target.last_day,
        status=before.value, progress=entry.progress, carried_from_id=entry.id,
        reported_done_at=entry.reported_done_at, created_by=act.username, created_at=now, updated_at=now,
    )
    session.add(new)
    session.flush()
    for c in entry.cooperating:
        new.cooperating.append(WorkEntryUnit(unit_id=c.unit_id, position=c.position))
    _record(session, new, act, Action.CARRY, None, before.value, reason or f"由 {here} 结转", now,
            carried_from=entry.id)
    session.add(WorkLink(entry_id=new.id, predecessor_id=entry.id, kind="carry", state="confirmed",
                         similarity=1.0, evidence=f"由 {here} 结转", shared_terms=[], decided_by=act.username,
                         decided_at=now, created_at=now))
    session.flush()
    return new


def carry_quarter(
    session: Session, actor: ActorLike, quarter: str, *, to_quarter: str | None = None,
    reason: str | None = None, now: dt.datetime | None = None,
) -> list[WorkEntry]:
    """Carry every unfinished entry of a quarter into the next (or a named later) quarter."""
    q = parse_quarter(quarter)
    open_entries = session.scalars(select(WorkEntry).where(
        WorkEntry.quarter == str(q), WorkEntry.status.not_in([s.value for s in FINAL])
    ).order_by(WorkEntry.id)).all()
    return [carry_over(session, actor, e.id, to_quarter=to_quarter, reason=reason, now=now) for e in open_entries]


def edit_entry(
    session: Session, actor: ActorLike, entry_id: int, *, title: str | None = None, detail: str | None = None,
    deadline: dt.date | None = None, reason: str | None = None, now: dt.datetime | None = None,
) -> WorkEntry:
    """Change an open entry's wording or deadline; the old values stay in the history."""
    act = actor_of(actor)
    now = now or utcnow()
    entry = get_entry(session, entry_id)
    if deadline is not None and deadline < entry.start_date:
        raise InvalidInput("截止日期早于开始日期", "the deadline is before the start")
    old = {"title": entry.title if title else None, "detail": entry.detail if detail else None,
           "deadline": entry.deadline.isoformat() if deadline else None}
    _transition(session, entry, act, Action.EDIT, reason, now, **{f"old_{k}": v for k, v in old.items()})
    if title:
        entry.title = title.strip()
    if detail:
        entry.detail = detail.strip()
    if deadline:
        entry.deadline = deadline
    session.flush()
    return entry


def set_domain(
    session: Session, actor: ActorLike, entry_id: int, domain: str, *, reason: str | None = None,
    now: dt.datetime | None = None,
) -> WorkEntry:
    """Correct an entry's policy domain by hand; the correction sticks (re-ingest will not undo it)."""
    act = actor_of(actor)
    now = now or utcnow()
    try:
        key = domains.resolve(domain)
    except ValueError as exc:
        raise InvalidInput(f"未知领域：{domain}", str(exc)) from None
    entry = get_entry(session, entry_id)
    _transition(session, entry, act, Action.SET_DOMAIN, reason, now, domain_from=entry.domain, domain_to=key)
    entry.domain = key
    entry.domain_manual = True
    session.flush()
    return entry


# --------------------------------------------------------------------------------------------- links
def _entry_text(entry: WorkEntry, organ: str | None) -> continuity.EntryText:
    return continuity.EntryText(entry.id, entry.quarter, entry.title, entry.domain,
                                continuity.quoted_terms(f"{entry.title}{entry.detail or ''}"), organ)


def _organs_of(session: Session, entries: Iterable[WorkEntry]) -> dict[int, str]:
    """The organ of each of these entries' meetings (meeting id to organ)."""
    ids = sorted({e.meeting_id for e in entries if e.meeting_id is not None})
    connection = session.connection()
    out: dict[int, str] = {}
    for at in range(0, len(ids), 500):
        out.update(connection.execute(select(Meeting.id, Meeting.organ).where(Meeting.id.in_(ids[at : at + 500]))).all())
    return out


def _organ(entry: WorkEntry, organs: dict[int, str]) -> str | None:
    return organs.get(entry.meeting_id) if entry.meeting_id is not None else None


_TEXT_COLUMNS = (WorkEntry.id, WorkEntry.quarter, WorkEntry.title, WorkEntry.detail, WorkEntry.domain, Meeting.organ)

_Texts = dict[str | None, list[continuity.EntryText]]
"""Continuity's view of the entries, by organ, read once per call (entries do not change meanwhile)."""


def _texts(session: Session, organ: str | None, cache: _Texts | None = None) -> list[continuity.EntryText]:
    """Continuity's view of the (non carry-over) entries that an entry of ``organ`` may be linked
    with: the organ's own entries and those without an organ, each found through an index (meeting
    organ, ``work_entry.meeting_id``) instead of reading every entry; an entry without an organ may
    be linked with any entry.  Plain Core statements: no ORM objects are built for them."""
    key = organ or None
    if cache is not None and key in cache:
        return cache[key]
    base = select(*_TEXT_COLUMNS).where(WorkEntry.origin != "carry")
    if organ:
        parts = [
            base.join(Meeting, Meeting.id == WorkEntry.meeting_id).where(Meeting.organ.in_((organ, ""))),
            base.outerjoin(Meeting, Meeting.id == WorkEntry.meeting_id).where(WorkEntry.meeting_id.is_(None)),
        ]
    else:
        parts = [base.outerjoin(Meeting, Meeting.id == WorkEntry.meeting_id)]
    session.flush()
    connection = session.connection()
    out = [
        continuity.EntryText(eid, quarter, title, domain, continuity.quoted_terms(f"{title}{detail or ''}"), mo)
        for part in parts
        for eid, quarter, title, detail, domain, mo in connection.execute(part)
    ]
    if cache is not None:
        cache[key] = out
    return out


def _prefetch_texts(session: Session, organs: set[str], cache: _Texts) -> None:
    """Fill ``cache`` for several organs at once: one statement for all their entries (and one for
    the organ-less ones) instead of two per organ."""
    named = sorted(organs)
    if not named:
        return
    session.flush()
    connection = session.connection()
    base = select(*_TEXT_COLUMNS).where(WorkEntry.origin != "carry")

    def view(row: Any) -> continuity.EntryText:
        eid, quarter, title, detail, domain, organ = row
        return continuity.EntryText(eid, quarter, title, domain, continuity.quoted_terms(f"{title}{detail or ''}"), organ)

    own: dict[str, list[continuity.EntryText]] = {o: [] for o in named}
    for at in range(0, len(named), 500):
        stmt = base.join(Meeting, Meeting.id == WorkEntry.meeting_id).where(Meeting.organ.in_(named[at : at + 500]))
        for row in connection.execute(stmt):
            own[row[5]].append(view(row))
    shared = [view(row) for row in connection.execute(
        base.join(Meeting, Meeting.id == WorkEntry.meeting_id).where(Meeting.organ == ""))]
    shared += [view(row) for row in connection.execute(
        base.outerjoin(Meeting, Meeting.id == WorkEntry.meeting_id).where(WorkEntry.meeting_id.is_(None)))]
    for organ in named:
        cache[organ] = own[organ] + shared


def _earlier_by_quarter(
    session: Session, organ: str | None, quarter: Quarter, cache: _Texts | None = None
) -> list[list[continuity.EntryText]]:
    """The entries an entry of ``organ`` in ``quarter`` may continue, grouped by quarter, latest first."""
    groups: dict[Quarter, list[continuity.EntryText]] = {}
    for t in _texts(session, organ, cache):
        q = _quarter(t.quarter)
        if q < quarter:
            groups.setdefault(q, []).append(t)
    return [groups[q] for q in sorted(groups, reverse=True)]


@lru_cache(maxsize=1024)
def _quarter(value: str) -> Quarter:
    return parse_quarter(value)


def _links_of(session: Session, ids: Sequence[int]) -> dict[int, list[WorkLink]]:
    out: dict[int, list[WorkLink]] = {}
    for at in range(0, len(ids), 500):
        for link in session.scalars(select(WorkLink).where(WorkLink.entry_id.in_(ids[at : at + 500]))):
            out.setdefault(link.entry_id, []).append(link)
    return out


def suggest_links(
    session: Session, entries: Iterable[WorkEntry], *, now: dt.datetime | None = None,
    _cache: _Texts | None = None,
) -> list[WorkLink]:
    """Store the likely predecessor of each entry as a suggested link.

    A confirmed link is never touched and a broken pair is never suggested again; an undecided
    suggestion is replaced when a better predecessor has arrived (readouts come in any order).
    Candidates are the entries of the same organ (and those without one) in earlier quarters,
    fetched once per organ and quarter through indexes and scored latest quarter first: the cost
    of an entry depends on its organ's history, not on the size of the ledger.
    """
    now = now or utcnow()
    todo = list({e.id: e for e in entries if e.origin != "carry"}.values())  # each entry once
    if not todo:
        return []
    organs = _organs_of(session, todo)
    links_of = _links_of(session, [e.id for e in todo])
    earlier: dict[tuple[str | None, Quarter], list[list[continuity.EntryText]]] = {}
    out = []
    for entry in todo:
        links = links_of.get(entry.id, [])
        if any(lk.state == "confirmed" for lk in links):
            continue
        broken = {lk.predecessor_id for lk in links if lk.state == "broken"}
        organ, quarter = _organ(entry, organs), parse_quarter(entry.quarter)
        key = (organ or None, quarter)
        if key not in earlier:
            earlier[key] = _earlier_by_quarter(session, organ, quarter, _cache)
        groups = ([t for t in group if t.id not in broken] for group in earlier[key])
        candidate = continuity.best_in_latest_quarter(_entry_text(entry, organ), groups)
        current = [lk for lk in links if lk.state == "suggested"]
        keep = [lk for lk in current if candidate is not None and lk.predecessor_id == candidate.predecessor_id]
        for lk in current:
            if lk not in keep:
                session.delete(lk)  # stale: the wording changed or a better predecessor arrived
        if current:
            session.flush()
        if candidate is None:
            continue
        if keep:
            keep[0].similarity, keep[0].evidence = candidate.similarity, candidate.evidence()
            keep[0].shared_terms = list(candidate.shared_terms)
            continue
        link = WorkLink(entry_id=entry.id, predecessor_id=candidate.predecessor_id, kind="suggested",
                        state="suggested", similarity=candidate.similarity, evidence=candidate.evidence(),
                        shared_terms=list(candidate.shared_terms), created_at=now)
        session.add(link)
        out.append(link)
    session.flush()
    return out


def _with_later_entries(
    session: Session, created: list[WorkEntry], reworded: Sequence[WorkEntry] = (), cache: _Texts | None = None
) -> list[WorkEntry]:
    """New (or reworded) entries plus the later entries whose best predecessor may have changed.

    A later entry's suggestion can only change if one of the new entries is a plausible
    predecessor of it (scored like any candidate), or if its current suggestion points at a
    reworded entry.  Only later entries of the same organs (and organ-less ones) are looked at,
    through indexes, so the work does not grow with the ledger.
    """
    changed = [*created, *reworded]
    if not changed:
        return []
    organs = _organs_of(session, changed)
    texts = [_entry_text(e, _organ(e, organs)) for e in changed]
    ids = {e.id for e in changed}
    # per organ of the new entries: the new entries that may precede its entries (its own and the
    # organ-less ones), their bigrams and quoted terms (a later entry can only be continued by a new
    # one sharing a bigram or a term with it), and its later entries
    by_organ: dict[str | None, list[continuity.EntryText]] = {}
    for t in texts:
        by_organ.setdefault(t.organ or None, []).append(t)
    later: dict[int, continuity.EntryText] = {}
    may_precede: dict[int, tuple[list[continuity.EntryText], frozenset[str], set[str]]] = {}
    for organ, own in by_organ.items():
        news = texts if organ is None else [*own, *by_organ.get(None, [])]
        grams = frozenset().union(*(continuity.bigrams(t.text) for t in news))
        terms = {term for t in news for term in (*t.terms, *continuity.quoted_terms(t.text))}
        earliest = min(_quarter(t.quarter) for t in news)
        for t in _texts(session, organ, cache):
            if t.id not in ids and _quarter(t.quarter) > earliest:
                later[t.id] = t
                if organ is None or t.id not in may_precede:  # organ-less new entries may precede any
                    may_precede[t.id] = (news, grams, terms)
    # the quarter of each later entry's current predecessor: its suggestion is the best of the latest
    # quarter that has a candidate, so a new entry of an older quarter cannot change it
    settled: dict[int, Quarter | None] = {}
    ordered_later = sorted(later)
    for at in range(0, len(ordered_later), 500):
        predecessor = aliased(WorkEntry)
        for eid, state, quarter in session.execute(
            select(WorkLink.entry_id, WorkLink.state, predecessor.quarter)
            .join(predecessor, predecessor.id == WorkLink.predecessor_id)
            .where(WorkLink.entry_id.in_(ordered_later[at : at + 500]), WorkLink.state != "broken")
        ):
            if state == "confirmed":
                settled[eid] = None  # never re-suggested
            elif settled.get(eid, Quarter(0, 1)) is not None:
                settled[eid] = max(settled.get(eid, Quarter(0, 1)), _quarter(quarter))
    affected: set[int] = set()
    for t in later.values():
        news, grams, terms = may_precede[t.id] if t.organ else (texts, frozenset(), set())
        floor = settled.get(t.id, Quarter(0, 1))
        if floor is None or not any(_quarter(c.quarter) >= floor for c in news):
            continue
        if t.organ and grams.isdisjoint(continuity.bigrams(t.text)) and not terms.intersection(t.terms):
            if not any(term in terms for term in continuity.quoted_terms(t.text)):
                continue
        if any(floor <= _quarter(c.quarter) < _quarter(t.quarter) and continuity.score(t, c) is not None
               for c in news):
            affected.add(t.id)
    if reworded:
        affected.update(session.scalars(select(WorkLink.entry_id).where(
            WorkLink.predecessor_id.in_([e.id for e in reworded]), WorkLink.state == "suggested")))
    affected -= ids
    rows: list[WorkEntry] = []
    ordered = sorted(affected)
    for at in range(0, len(ordered), 500):
        rows.extend(session.scalars(select(WorkEntry).where(WorkEntry.id.in_(ordered[at : at + 500]))))
    return [*changed, *sorted(rows, key=lambda e: e.id)]


def relink_quarter(session: Session, actor: ActorLike, quarter: str, *, now: dt.datetime | None = None) -> list[WorkLink]:
    """Suggest predecessors for a quarter's entries that have no link yet (after earlier quarters arrived)."""
    check(actor_of(actor), Action.LINK)
    q = str(parse_quarter(quarter))
    return suggest_links(session, session.scalars(select(WorkEntry).where(WorkEntry.quarter == q)).all(), now=now)


def decide_link(
    session: Session, actor: ActorLike, link_id: int, *, confirm: bool, reason: str | None = None,
    now: dt.datetime | None = None,
) -> WorkLink:
    """A supervisor confirms or breaks a suggested link; the decision is recorded on the entry."""
    act = actor_of(actor)
    check(act, Action.LINK)
    now = now or utcnow()
    link = session.get(WorkLink, link_id)
    if link is None:
        raise NotFound(f"没有编号为 {link_id} 的关联", f"no link {link_id}")
    if link.kind == "carry" and not confirm:
        raise InvalidTransition("结转关联不能解除", "a carry-over link cannot be broken")
    link.state = "confirmed" if confirm else "broken"
    link.decided_by, link.decided_at, link.reason = act.username, now, reason
    entry = get_entry(session, link.entry_id)
    _record(session, entry, act, Action.LINK, entry.status, entry.status, reason, now,
            link=link.id, predecessor=link.predecessor_id, state=link.state)
    session.flush()
    return link


def link_entries(
    session: Session, actor: ActorLike, entry_id: int, predecessor_id: int, *, reason: str | None = None,
    now: dt.datetime | None = None,
) -> WorkLink:
    """A supervisor links an entry to a predecessor by hand (confirmed at once)."""
    act = actor_of(actor)
    check(act, Action.LINK)
    now = now or utcnow()
    entry, pred = get_entry(session, entry_id), get_entry(session, predecessor_id)
    if parse_quarter(pred.quarter) >= parse_quarter(entry.quarter):
        raise InvalidInput("前序事项必须在更早的季度", "a predecessor must be in an earlier quarter")
    link = session.scalar(select(WorkLink).where(WorkLink.entry_id == entry_id,
                                                 WorkLink.predecessor_id == predecessor_id))
    if link is None:
        organs = _organs_of(session, [entry, pred])
        cand = continuity.score(_entry_text(entry, _organ(entry, organs)), _entry_text(pred, _organ(pred, organs)))
        link = WorkLink(entry_id=entry_id, predecessor_id=predecessor_id, kind="manual", shared_terms=[],
                        similarity=cand.similarity if cand else None,
                        evidence=cand.evidence() if cand else "人工关联", created_at=now)
        session.add(link)
    link.state, link.decided_by, link.decided_at, link.reason = "confirmed", act.username, now, reason
    session.flush()
    _record(session, entry, act, Action.LINK, entry.status, entry.status, reason, now,
            link=link.id, predecessor=predecessor_id, state="confirmed")
    session.flush()
    return link


# --------------------------------------------------------------------------------------------- settings
def light_settings(session: Session) -> LightSettings:
    return load_light_settings(session)


def update_light_settings(
    session: Session, actor: ActorLike, *, now: dt.datetime | None = None, **values: Any
) -> LightSettings:
    """Change the warning thresholds (admins only)."""
    act = actor_of(actor)
    check(act, Action.SETTINGS)
    return store_light_settings(session, values, by=act.username, now=now)
