import pytest

from jidu.work.errors import InvalidTransition
from jidu.work.lifecycle import (
    FINAL,
    TRANSITIONS,
    Action,
    Status,
    allowed_actions,
    next_status,
    parse_status,
)

S = Status
EXPECTED = {
    Action.ASSIGN: ({S.REGISTERED, S.ASSIGNED}, S.ASSIGNED),
    Action.ACKNOWLEDGE: ({S.ASSIGNED}, S.ACKNOWLEDGED),
    Action.PROGRESS: ({S.ACKNOWLEDGED, S.IN_PROGRESS}, S.IN_PROGRESS),
    Action.REPORT_DONE: ({S.ACKNOWLEDGED, S.IN_PROGRESS}, S.PENDING_REVIEW),
    Action.APPROVE: ({S.PENDING_REVIEW}, S.CLOSED),
    Action.REJECT: ({S.PENDING_REVIEW}, S.IN_PROGRESS),
    Action.CLOSE: ({S.ACKNOWLEDGED, S.IN_PROGRESS, S.PENDING_REVIEW}, S.CLOSED),
    Action.REOPEN: ({S.CLOSED}, S.IN_PROGRESS),
    Action.CARRY: (set(Status) - FINAL, S.CARRIED_OVER),
}


@pytest.mark.parametrize("action", list(EXPECTED))
@pytest.mark.parametrize("status", list(Status))
def test_every_transition_and_every_forbidden_one(action, status):
    sources, target = EXPECTED[action]
    if status in sources:
        assert next_status(status, action) is target
    else:
        with pytest.raises(InvalidTransition) as err:
            next_status(status, action)
        assert status.label in err.value.zh and status.value in err.value.en


@pytest.mark.parametrize("status", list(Status))
def test_actions_that_keep_the_status(status):
    for action in (Action.FEEDBACK, Action.EVALUATE, Action.EDIT):
        rule = TRANSITIONS[action]
        if status in rule.sources:
            assert next_status(status, action) is status
        else:
            with pytest.raises(InvalidTransition):
                next_status(status, action)
    assert next_status(status, Action.SET_DOMAIN) is status


def test_no_closing_an_entry_never_assigned():
    with pytest.raises(InvalidTransition, match="待交办"):
        next_status(S.REGISTERED, Action.CLOSE)
    with pytest.raises(InvalidTransition):
        next_status(S.ASSIGNED, Action.CLOSE)


def test_feedback_needs_an_assigned_open_entry():
    assert Action.FEEDBACK not in allowed_actions(S.REGISTERED)
    assert Action.FEEDBACK in allowed_actions(S.PENDING_REVIEW)
    assert Action.FEEDBACK not in allowed_actions(S.CLOSED)
    assert Action.EVALUATE in allowed_actions(S.CLOSED)


def test_parse_status_accepts_codes_and_chinese():
    assert parse_status("办理中") is S.IN_PROGRESS
    assert parse_status("carried_over") is S.CARRIED_OVER
    with pytest.raises(InvalidTransition, match="未知状态"):
        parse_status("逾期")  # overdue is computed, never a status


def test_non_entry_action_is_refused():
    with pytest.raises(InvalidTransition):
        next_status(S.ASSIGNED, Action.MANAGE_USERS)
