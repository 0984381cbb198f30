import pytest

from jidu.work.errors import InvalidInput, PermissionDenied
from jidu.work.lifecycle import Action
from jidu.work.permissions import Actor, EntryUnits, Role, can, check, parse_role

LEAD, CO, OTHER = 1, 2, 3
UNITS = EntryUnits.of(LEAD, [CO])

ADMIN = Actor("admin", Role.ADMIN)
SUPERVISOR = Actor("sup", Role.SUPERVISOR)
LEAD_EDITOR = Actor("lead", Role.UNIT_EDITOR, LEAD)
CO_EDITOR = Actor("co", Role.UNIT_EDITOR, CO)
OTHER_EDITOR = Actor("other", Role.UNIT_EDITOR, OTHER)
UNBOUND_EDITOR = Actor("nobody", Role.UNIT_EDITOR, None)
VIEWER = Actor("viewer", Role.VIEWER)

A = Action
ALLOWED = {
    ADMIN: set(Action),
    SUPERVISOR: {A.CREATE, A.EDIT, A.ASSIGN, A.FEEDBACK, A.APPROVE, A.REJECT, A.CLOSE, A.REOPEN,
                 A.EVALUATE, A.CARRY, A.SET_DOMAIN, A.LINK, A.VIEW},
    LEAD_EDITOR: {A.ACKNOWLEDGE, A.PROGRESS, A.FEEDBACK, A.REPORT_DONE, A.VIEW},
    CO_EDITOR: {A.PROGRESS, A.FEEDBACK, A.VIEW},
    OTHER_EDITOR: {A.VIEW},
    UNBOUND_EDITOR: {A.VIEW},
    VIEWER: {A.VIEW},
}


@pytest.mark.parametrize("actor", list(ALLOWED), ids=lambda a: a.username)
@pytest.mark.parametrize("action", list(Action))
def test_every_role_and_action(actor, action):
    if action in ALLOWED[actor]:
        check(actor, action, UNITS)
        assert can(actor, action, UNITS)
    else:
        with pytest.raises(PermissionDenied) as err:
            check(actor, action, UNITS)
        assert actor.username in str(err.value) and action.label in err.value.zh
        assert not can(actor, action, UNITS)


def test_messages_say_why():
    with pytest.raises(PermissionDenied, match="不是该事项的牵头或配合单位"):
        check(OTHER_EDITOR, A.FEEDBACK, UNITS)
    with pytest.raises(PermissionDenied, match="未绑定单位"):
        check(UNBOUND_EDITOR, A.FEEDBACK, UNITS)
    with pytest.raises(PermissionDenied, match="viewers cannot"):
        check(VIEWER, A.FEEDBACK, UNITS)
    with pytest.raises(PermissionDenied, match="do not act for units"):
        check(SUPERVISOR, A.ACKNOWLEDGE, UNITS)


def test_unassigned_entry_gives_unit_editors_nothing():
    unassigned = EntryUnits.of(None)
    assert not can(LEAD_EDITOR, A.ACKNOWLEDGE, unassigned)
    assert can(SUPERVISOR, A.ASSIGN, unassigned)


def test_parse_role():
    assert parse_role("督办人员") is Role.SUPERVISOR
    assert parse_role("viewer") is Role.VIEWER
    with pytest.raises(InvalidInput):
        parse_role("boss")
