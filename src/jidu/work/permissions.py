"""Who may do what: the role rules of the workflow, as one pure function.

Roles: ``admin`` (everything, including users and settings), ``supervisor`` (the supervision
office: registers, assigns, reviews, closes, evaluates, carries over, links, corrects domains),
``unit_editor`` (bound to one unit: signs for and reports on the entries that unit leads; gives
progress and feedback on entries it leads or co-owns) and ``viewer`` (reads only).

:func:`check` is called by every service function before it changes anything, so no interface
can bypass it.  It needs only the actor and the entry's units, never the database.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from jidu.work.errors import InvalidInput, PermissionDenied
from jidu.work.lifecycle import Action


class Role(StrEnum):
    ADMIN = "admin"
    SUPERVISOR = "supervisor"
    UNIT_EDITOR = "unit_editor"
    VIEWER = "viewer"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.ADMIN: "管理员",
    Role.SUPERVISOR: "督办人员",
    Role.UNIT_EDITOR: "单位填报员",
    Role.VIEWER: "只读用户",
}


def parse_role(value: str | Role) -> Role:
    """A role from its code or Chinese name."""
    if isinstance(value, Role):
        return value
    for role in Role:
        if value.strip() in (role.value, role.label):
            return role
    raise InvalidInput(f"未知角色 {value!r}", f"unknown role {value!r}; one of {', '.join(r.value for r in Role)}")


@dataclass(frozen=True)
class Actor:
    """The user performing an action, as the rules need it: role and, for a unit editor, the unit."""

    username: str
    role: Role
    unit_id: int | None = None
    user_id: int | None = None


@dataclass(frozen=True)
class EntryUnits:
    """The units that own an entry: the lead unit (may be unassigned) and the cooperating units."""

    lead: int | None
    cooperating: frozenset[int] = field(default_factory=frozenset)

    @classmethod
    def of(cls, lead: int | None, cooperating: Iterable[int] = ()) -> EntryUnits:
        return cls(lead, frozenset(cooperating))


SUPERVISOR_ACTIONS = frozenset({
    Action.CREATE, Action.EDIT, Action.ASSIGN, Action.FEEDBACK, Action.APPROVE, Action.REJECT,
    Action.CLOSE, Action.REOPEN, Action.EVALUATE, Action.CARRY, Action.SET_DOMAIN, Action.LINK,
    Action.VIEW,
})
"""The office does not sign for units or report their progress; it may comment (feedback)."""

LEAD_ACTIONS = frozenset({Action.ACKNOWLEDGE, Action.PROGRESS, Action.FEEDBACK, Action.REPORT_DONE,
                          Action.VIEW})
"""What the lead unit's editor may do on its own entries."""

COOPERATING_ACTIONS = frozenset({Action.PROGRESS, Action.FEEDBACK, Action.VIEW})
"""What a cooperating unit's editor may do: report its part, never sign or report the whole done."""


def can(actor: Actor, action: Action, units: EntryUnits | None = None) -> bool:
    """Whether ``actor`` may perform ``action`` (on an entry owned by ``units``, if any)."""
    try:
        check(actor, action, units)
    except PermissionDenied:
        return False
    return True


def check(actor: Actor, action: Action, units: EntryUnits | None = None) -> None:
    """Raise :class:`PermissionDenied`, with a message saying why, unless the actor may act."""
    if actor.role is Role.ADMIN or action is Action.VIEW:
        return
    if actor.role is Role.SUPERVISOR:
        if action in SUPERVISOR_ACTIONS:
            return
        raise _denied(actor, action, "督办人员不代替单位签收或报送进度", "supervisors do not act for units")
    if actor.role is Role.UNIT_EDITOR:
        if actor.unit_id is None:
            raise _denied(actor, action, "该用户未绑定单位", "the unit editor is bound to no unit")
        if units is not None and actor.unit_id == units.lead and action in LEAD_ACTIONS:
            return
        if units is not None and actor.unit_id in units.cooperating and action in COOPERATING_ACTIONS:
            return
        if units is not None and actor.unit_id not in units.cooperating | {units.lead}:
            raise _denied(actor, action, "本单位不是该事项的牵头或配合单位",
                          "the user's unit neither leads nor co-owns this entry")
        raise _denied(actor, action, "单位填报员无权执行此操作", "unit editors may not do this")
    raise _denied(actor, action, "只读用户不能修改台账", "viewers cannot change the ledger")


def _denied(actor: Actor, action: Action, zh: str, en: str) -> PermissionDenied:
    return PermissionDenied(
        f"{actor.username}（{actor.role.label}）不能{action.label}：{zh}",
        f"{actor.username} ({actor.role.value}) may not {action.value}: {en}",
    )
