"""The lifecycle of a key-work entry: statuses, actions, and which action leads where.

It follows the chain supervision offices use (立项交办 → 签收 → 跟踪督查 → 临近提醒 → 办结报告 →
到期催办 → 情况通报 → 结果考评).  Statuses are stored as short English codes and shown with their
Chinese names.  *Overdue* (逾期) is not a status: it is computed from the deadline (see
:mod:`jidu.work.lights`), so it can never be stale.

This module is pure: :func:`next_status` answers "may this action happen now, and what status
follows?", and the service applies the answer.  Who may act is :mod:`jidu.work.permissions`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from jidu.work.errors import InvalidTransition


class Status(StrEnum):
    REGISTERED = "registered"
    ASSIGNED = "assigned"
    ACKNOWLEDGED = "acknowledged"
    IN_PROGRESS = "in_progress"
    PENDING_REVIEW = "pending_review"
    CLOSED = "closed"
    CARRIED_OVER = "carried_over"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS: dict[Status, str] = {
    Status.REGISTERED: "待交办",
    Status.ASSIGNED: "已交办",
    Status.ACKNOWLEDGED: "已签收",
    Status.IN_PROGRESS: "办理中",
    Status.PENDING_REVIEW: "待复核",
    Status.CLOSED: "已办结",
    Status.CARRIED_OVER: "已结转",
}

FINAL = frozenset({Status.CLOSED, Status.CARRIED_OVER})
"""Statuses that end an entry's life in its quarter."""

RUNNING = frozenset({Status.REGISTERED, Status.ASSIGNED, Status.ACKNOWLEDGED, Status.IN_PROGRESS})
"""Statuses whose entries can be overdue and get a light: the work is still with the unit or office.

An entry waiting for review (待复核) has been reported done, so the unit is no longer late; the
office's review is what is pending.
"""


def parse_status(value: str | Status) -> Status:
    """A status from its code (``in_progress``) or its Chinese name (``办理中``)."""
    if isinstance(value, Status):
        return value
    text = str(value).strip()
    for status in Status:
        if text in (status.value, status.label):
            return status
    names = "、".join(s.label for s in Status)
    raise InvalidTransition(f"未知状态 {text!r}，应为：{names}", f"unknown status {text!r}")


class Action(StrEnum):
    CREATE = "create"
    EDIT = "edit"
    ASSIGN = "assign"
    ACKNOWLEDGE = "acknowledge"
    PROGRESS = "progress"
    FEEDBACK = "feedback"
    REPORT_DONE = "report_done"
    APPROVE = "approve"
    REJECT = "reject"
    CLOSE = "close"
    REOPEN = "reopen"
    EVALUATE = "evaluate"
    CARRY = "carry"
    SET_DOMAIN = "set_domain"
    LINK = "link"
    MANAGE_USERS = "manage_users"
    SETTINGS = "settings"
    VIEW = "view"

    @property
    def label(self) -> str:
        return ACTION_LABELS[self]


ACTION_LABELS: dict[Action, str] = {
    Action.CREATE: "立项",
    Action.EDIT: "修改",
    Action.ASSIGN: "交办",
    Action.ACKNOWLEDGE: "签收",
    Action.PROGRESS: "报送进度",
    Action.FEEDBACK: "反馈",
    Action.REPORT_DONE: "办结报告",
    Action.APPROVE: "复核通过",
    Action.REJECT: "复核退回",
    Action.CLOSE: "销号办结",
    Action.REOPEN: "重新打开",
    Action.EVALUATE: "考评",
    Action.CARRY: "结转",
    Action.SET_DOMAIN: "更正领域",
    Action.LINK: "确认/解除关联",
    Action.MANAGE_USERS: "管理用户",
    Action.SETTINGS: "修改设置",
    Action.VIEW: "查看",
}


@dataclass(frozen=True)
class Rule:
    """An action is allowed from ``sources``; it leads to ``target`` (None: the status stays)."""

    sources: frozenset[Status]
    target: Status | None


_ALL = frozenset(Status)
_OPEN = frozenset(Status) - FINAL

TRANSITIONS: dict[Action, Rule] = {
    # assigning again (to another unit) is allowed until the unit signs
    Action.ASSIGN: Rule(frozenset({Status.REGISTERED, Status.ASSIGNED}), Status.ASSIGNED),
    Action.ACKNOWLEDGE: Rule(frozenset({Status.ASSIGNED}), Status.ACKNOWLEDGED),
    Action.PROGRESS: Rule(frozenset({Status.ACKNOWLEDGED, Status.IN_PROGRESS}), Status.IN_PROGRESS),
    Action.FEEDBACK: Rule(frozenset({Status.ASSIGNED, Status.ACKNOWLEDGED, Status.IN_PROGRESS,
                                     Status.PENDING_REVIEW}), None),
    Action.REPORT_DONE: Rule(frozenset({Status.ACKNOWLEDGED, Status.IN_PROGRESS}), Status.PENDING_REVIEW),
    Action.APPROVE: Rule(frozenset({Status.PENDING_REVIEW}), Status.CLOSED),
    Action.REJECT: Rule(frozenset({Status.PENDING_REVIEW}), Status.IN_PROGRESS),
    # a supervisor may close off (销号) without a unit report, but never an entry never assigned
    Action.CLOSE: Rule(frozenset({Status.ACKNOWLEDGED, Status.IN_PROGRESS, Status.PENDING_REVIEW}),
                       Status.CLOSED),
    Action.REOPEN: Rule(frozenset({Status.CLOSED}), Status.IN_PROGRESS),
    Action.EVALUATE: Rule(frozenset({Status.CLOSED}), None),
    Action.CARRY: Rule(_OPEN, Status.CARRIED_OVER),
    Action.EDIT: Rule(_OPEN, None),
    Action.SET_DOMAIN: Rule(_ALL, None),
    Action.LINK: Rule(_ALL, None),
    Action.VIEW: Rule(_ALL, None),
}


def allowed_actions(status: Status) -> list[Action]:
    """The actions an entry in ``status`` accepts (before asking who is acting)."""
    return [action for action, rule in TRANSITIONS.items() if status in rule.sources]


def next_status(status: Status | str, action: Action) -> Status:
    """The status after ``action`` on an entry in ``status``; :class:`InvalidTransition` if not allowed."""
    status = parse_status(status)
    rule = TRANSITIONS.get(action)
    if rule is None:
        raise InvalidTransition(f"“{action.label}”不是事项的操作", f"{action.value} is not an entry action")
    if status not in rule.sources:
        allowed = "、".join(s.label for s in Status if s in rule.sources)
        raise InvalidTransition(
            f"事项状态为“{status.label}”，不能{action.label}（只能在 {allowed} 时）",
            f"cannot {action.value} an entry that is {status.value}; allowed from: "
            + ", ".join(s.value for s in Status if s in rule.sources),
        )
    return rule.target or status
