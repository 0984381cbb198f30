"""Answers to whole-ledger questions kept between requests while what they depend on is unchanged.

The term table, the domain shares and a quarter's scorecard read every row of a grown ledger
(tens of thousands of term occurrences and items, ten thousand entries a quarter); pages and API
calls ask them again and again while the ledger does not change.  Each answer is kept with a
*version* of the data it was computed from, read in one cheap query per request:

* :func:`ledger_version` for what ingest writes (meetings, items, terms): the latest
  ``meeting.updated_at`` (ingest stamps it whenever it writes or re-consolidates a meeting), the
  number of meetings and the latest source id;
* :func:`work_version` for the workflow: the latest ``work_history`` id (the service appends a
  history row for every change of an entry, and the history is append-only).

A changed version is a miss, so an answer is never older than the data.  Answers that also depend
on the clock (lights) are kept at most ``ttl`` seconds.  The cache is per process (each uvicorn
worker has its own) and small (least recently used answers are dropped).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jidu.ledger.models import Meeting, Source
from jidu.work.models import WorkHistory

T = TypeVar("T")
MAX_ANSWERS = 128

_answers: OrderedDict[Hashable, tuple[float, Any]] = OrderedDict()
_lock = threading.Lock()
_computing: dict[Hashable, threading.Lock] = {}


def ledger_version(db: Session) -> tuple[Any, ...]:
    """Changes whenever ingest adds, re-consolidates or removes a meeting or a source."""
    return tuple(db.execute(select(func.max(Meeting.updated_at), func.count(Meeting.id),
                                   select(func.max(Source.id)).scalar_subquery())).one())


def work_version(db: Session) -> tuple[Any, ...]:
    """Changes whenever the workflow service changes an entry: it always appends to the history,
    which refuses updates and deletes, so the latest history id (one index seek) is enough."""
    return (db.scalar(select(func.max(WorkHistory.id))),)


def cached(
    db: Session, name: str, args: Hashable, version: tuple[Any, ...], compute: Callable[[], T],
    ttl: float | None = None,
) -> T:
    """``compute()``, or the answer kept for the same database, question, arguments and version."""
    key = (str(db.get_bind().url), name, args, version)

    def lookup() -> tuple[bool, Any]:
        with _lock:
            hit = _answers.get(key)
            if hit is not None and (ttl is None or time.monotonic() - hit[0] < ttl):
                _answers.move_to_end(key)
                return True, hit[1]
        return False, None

    found, answer = lookup()
    if found:
        return answer  # type: ignore[no-any-return]
    with _lock:
        computing = _computing.setdefault(key, threading.Lock())
    with computing:  # one request computes, the others asking the same wait for its answer
        found, answer = lookup()
        if found:
            return answer  # type: ignore[no-any-return]
        answer = compute()
        with _lock:
            _answers[key] = (time.monotonic(), answer)
            _computing.pop(key, None)
            while len(_answers) > MAX_ANSWERS:
                _answers.popitem(last=False)
    return answer


def clear() -> None:
    with _lock:
        _answers.clear()
