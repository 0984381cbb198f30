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
