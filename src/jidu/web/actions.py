"""The ledger actions the web offers, mapped onto the workflow service.

Pages and the JSON API both go through :func:`apply`, so a form post and a crafted API call meet
the same service function and the same role rules.  :func:`available` decides which forms a page
shows (the lifecycle allows it now *and* the rules let this user do it); it is only a courtesy:
the service checks again on every call.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from jidu.web.format import split_units
from jidu.work import service
from jidu.work.errors import InvalidInput, WorkError
from jidu.work.lifecycle import Action, Status, allowed_actions
from jidu.work.models import User, WorkEntry
from jidu.work.permissions import can

WEB_ACTIONS: tuple[str, ...] = (
    "assign", "acknowledge", "progress", "feedback", "report_done", "review", "close", "reopen", "evaluate",
    "carry",
)
"""The actions with a form on the entry page, in the order a quarter runs."""

_LIBRARY_ACTIONS: dict[str, tuple[Action, ...]] = {
    "assign": (Action.ASSIGN,), "acknowledge": (Action.ACKNOWLEDGE,), "progress": (Action.PROGRESS,),
    "feedback": (Action.FEEDBACK,), "report_done": (Action.REPORT_DONE,),
    "review": (Action.APPROVE, Action.REJECT), "close": (Action.CLOSE,), "reopen": (Action.REOPEN,),
    "evaluate": (Action.EVALUATE,), "carry": (Action.CARRY,),
}


def available(user: User, entry: WorkEntry) -> list[str]:
    """Web actions this user may take on this entry now."""
    try:
        actor = service.actor_of(user)
    except WorkError:
        return []
    units = service.units_of(entry)
    now_allowed = set(allowed_actions(Status(entry.status)))
    return [
        name for name in WEB_ACTIONS
        if any(a in now_allowed and can(actor, a, units) for a in _LIBRARY_ACTIONS[name])
    ]


def _text(data: Mapping[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def _int(data: Mapping[str, Any], key: str, *, required: bool = False) -> int | None:
    value = _text(data, key)
    if value is None:
        if required:
            raise InvalidInput(f"缺少 {key}", f"{key} is required")
        return None
    try:
        return int(value)
    except ValueError:
        raise InvalidInput(f"{key} 应为整数：{value!r}", f"{key} must be a whole number, got {value!r}") from None


def _number(data: Mapping[str, Any], key: str) -> float | None:
    value = _text(data, key)
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        raise InvalidInput(f"{key} 应为数字：{value!r}", f"{key} must be a number, got {value!r}") from None


def _date(data: Mapping[str, Any], key: str) -> dt.date | None:
    value = _text(data, key)
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(f"{key} 应为日期（YYYY-MM-DD）：{value!r}", f"{key} must be YYYY-MM-DD, got {value!r}") from None


def _units(data: Mapping[str, Any], key: str) -> list[str]:
    value = data.get(key)
    if isinstance(value, list | tuple):
        return [str(v).strip() for v in value if str(v).strip()]
    return split_units(str(value or ""))


def apply(session: Session, user: User, entry_id: int, action: str, data: Mapping[str, Any], *, channel: str = "web") -> None:
    """Run one web action through the service; refusals raise :class:`jidu.work.errors.WorkError`."""
    if action == "assign":
        lead = _text(data, "lead")
        if not lead:
            raise InvalidInput("请填写牵头单位", "a lead unit is required")
        service.assign(session, user, entry_id, lead, _units(data, "cooperating"), deadline=_date(data, "deadline"),
                       reason=_text(data, "reason"))
    elif action == "acknowledge":
        service.acknowledge(session, user, entry_id, note=_text(data, "note"))
    elif action == "progress":
        progress = _int(data, "progress", required=True)
        service.report_progress(session, user, entry_id, progress or 0, note=_text(data, "note"), channel=channel)
    elif action == "feedback":
        service.add_feedback(session, user, entry_id, _text(data, "text") or "", channel=channel)
    elif action == "report_done":
        service.report_done(session, user, entry_id, note=_text(data, "note"), channel=channel)
    elif action == "review":
        decision = _text(data, "decision")
        if decision not in ("approve", "reject"):
            raise InvalidInput("请选择通过或退回", "decision is approve or reject")
        service.review(session, user, entry_id, approve=decision == "approve", reason=_text(data, "reason"))
    elif action == "close":
        service.close(session, user, entry_id, reason=_text(data, "reason"))
    elif action == "reopen":
        service.reopen(session, user, entry_id, reason=_text(data, "reason") or "")
    elif action == "evaluate":
        quality = _number(data, "quality")
        if quality is None:
            raise InvalidInput("请填写质量分", "quality is required")
        service.evaluate(session, user, entry_id, quality, timeliness=_number(data, "timeliness"),
                         comment=_text(data, "comment"))
    elif action == "carry":
        service.carry_over(session, user, entry_id, to_quarter=_text(data, "to_quarter"), reason=_text(data, "reason"))
    else:
        raise InvalidInput(f"未知操作 {action!r}", f"unknown action {action!r}")


def may(user: User, action: Action) -> bool:
    """Whether the user's role allows an action that concerns no single entry (carry a quarter,
    open entries from remarks, decide links); the service checks again when it runs."""
    try:
        return can(service.actor_of(user), action)
    except WorkError:
        return False


def decide_link(session: Session, user: User, link_id: int, decision: str, reason: str | None = None) -> None:
    """Confirm or break a suggested continuity link."""
    if decision not in ("confirm", "break"):
        raise InvalidInput("请选择确认或解除", "decision is confirm or break")
    service.decide_link(session, user, link_id, confirm=decision == "confirm", reason=reason)


def carry_quarter(session: Session, user: User, quarter: str, to_quarter: str | None = None) -> int:
    """Carry every unfinished entry of ``quarter``; returns how many were carried."""
    return len(service.carry_quarter(session, user, quarter, to_quarter=to_quarter or None))


def entries_from_remarks(session: Session, user: User, meeting_id: int) -> int:
    """Open requirement entries from a meeting's remarks; returns how many were opened."""
    return len(service.entries_from_remarks(session, user, meeting_id))


def why_not(user: User, entry: WorkEntry, lang: str) -> str | None:
    """Why a user has no action on an entry, in the rules' own words (e.g. not the unit's entry)."""
    from jidu.work.permissions import check

    try:
        check(service.actor_of(user), Action.FEEDBACK, service.units_of(entry))
    except WorkError as exc:
        return exc.en if lang == "en" else exc.zh
    return None
