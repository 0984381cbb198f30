"""The workflow's exceptions: what an interface shows a person when an action is refused.

Each carries a Chinese and an English message, because the people who use the ledger read
Chinese and the people who maintain it may not.  ``str(error)`` gives both.
"""

from __future__ import annotations


class WorkError(Exception):
    """Base of every refusal by the workflow service; ``zh`` and ``en`` are the two messages."""

    def __init__(self, zh: str, en: str | None = None) -> None:
        self.zh = zh
        self.en = en or zh
        super().__init__(f"{zh} ({self.en})" if en else zh)


class PermissionDenied(WorkError):
    """The acting user's role or unit does not allow the action."""


class InvalidTransition(WorkError):
    """The entry's status does not allow the action (e.g. closing an entry never assigned)."""


class NotFound(WorkError):
    """An entry, user, unit or link that does not exist."""


class InvalidInput(WorkError):
    """A value that breaks a rule: progress outside 0-100, an unknown unit, a bad quarter."""


class AuthenticationFailed(WorkError):
    """Wrong user name or password (deliberately the same message for both)."""
