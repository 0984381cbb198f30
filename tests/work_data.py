"""Shared setup for the workflow tests: a ledger with the real corpus ingested, and one user per role."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from jidu.ledger.db import make_engine
from jidu.ledger.ingest import ingest_file
from jidu.work import service
from jidu.work.clock import SHANGHAI, UTC
from ledger_data import READOUTS, fresh_db, gold_parser

LEAD, CO, OTHER = "长宁区委", "市发展改革委", "金山区委"
PASSWORD = "correct horse battery"


def at(y: int, m: int, d: int, hour: int = 10) -> dt.datetime:
    """A Shanghai wall-clock time as an aware UTC instant."""
    return dt.datetime(y, m, d, hour, tzinfo=SHANGHAI).astimezone(UTC)


def ledger(tmp_path: Path, stems: tuple[str, ...] | None = None) -> Engine:
    """A migrated ledger with corpus readouts ingested (entries are created by the ingest hook)."""
    engine = make_engine(fresh_db(tmp_path))
    for path in sorted(READOUTS.glob("*.txt")):
        if stems is None or path.stem in stems:
            ingest_file(engine, path, parser=gold_parser)
    return engine


def add_users(session: Session) -> dict[str, service.User]:
    """admin, sup (supervisor), lead / co / other (unit editors of three units), viewer."""
    admin = service.create_user(session, None, "admin", PASSWORD, "admin")
    users = {"admin": admin}
    users["sup"] = service.create_user(session, admin, "sup", PASSWORD, "supervisor")
    users["lead"] = service.create_user(session, admin, "lead", PASSWORD, "unit_editor", unit=LEAD)
    users["co"] = service.create_user(session, admin, "co", PASSWORD, "unit_editor", unit=CO)
    users["other"] = service.create_user(session, admin, "other", PASSWORD, "unit_editor", unit=OTHER)
    users["viewer"] = service.create_user(session, admin, "viewer", PASSWORD, "viewer")
    return users


def known_quarter(session: Session, users: dict[str, service.User]) -> list:
    """2022Q3 run to a known state (as of 2022-10-05 in Shanghai):

    0 长宁区委: done 9-20, approved, quality 90 (score 94); 1 长宁区委: 50 %, overdue;
    2 金山区委: closed late 10-03, quality 80 (score 82); 3 金山区委 with 市发展改革委: done, in review;
    4 unassigned (overdue).
    """
    from sqlalchemy import select

    from jidu.work.models import WorkEntry

    e = session.scalars(select(WorkEntry).where(WorkEntry.quarter == "2022Q3").order_by(WorkEntry.id)).all()
    sup, lead, other = users["sup"], users["lead"], users["other"]
    service.assign(session, sup, e[0].id, LEAD, now=at(2022, 7, 2))
    service.assign(session, sup, e[1].id, LEAD, now=at(2022, 7, 2))
    service.assign(session, sup, e[2].id, OTHER, now=at(2022, 7, 2))
    service.assign(session, sup, e[3].id, OTHER, [CO], now=at(2022, 7, 2))
    for i, user in ((0, lead), (1, lead), (2, other), (3, other)):
        service.acknowledge(session, user, e[i].id, now=at(2022, 7, 3))
    service.report_done(session, lead, e[0].id, now=at(2022, 9, 20))
    service.review(session, sup, e[0].id, approve=True, now=at(2022, 9, 21))
    service.evaluate(session, sup, e[0].id, 90, now=at(2022, 10, 4))
    service.report_progress(session, lead, e[1].id, 50, now=at(2022, 8, 15))
    service.close(session, sup, e[2].id, now=at(2022, 10, 3))
    service.evaluate(session, sup, e[2].id, 80, now=at(2022, 10, 4))
    service.report_done(session, other, e[3].id, now=at(2022, 9, 25))
    return list(e)
