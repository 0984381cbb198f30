"""The demo ledger: the bundled examples ingested, one user per role, and a year of work run.

``jidu demo`` calls :func:`build_demo` so that a newcomer opens an application with something in
it: three quarters of 示例市 meetings, entries assigned, signed, reported, reviewed, evaluated
and carried over at the dates they would have happened, and some left open (so the board shows
warnings and overdue work).  Everything goes through the ingest and the workflow service.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine

from jidu.ledger.db import session_scope
from jidu.ledger.ingest import IngestReport, ingest_paths
from jidu.work import queries as work_queries
from jidu.work import service
from jidu.work.clock import SHANGHAI, UTC

DEMO_PASSWORD = "jidu-demo-2023"
"""Shown on the console by ``jidu demo``; a demo database is not for real work."""

UNITS = ("东湖区委", "西岭区委", "市发展改革委党组")
CO_UNITS = ("市商务委党组", "市应急局党委", "市科委党组")

DEMO_USERS: tuple[tuple[str, str, str | None, str], ...] = (
    ("admin", "admin", None, "系统管理员"),
    ("duban", "supervisor", None, "督查室 王督办"),
    ("donghu", "unit_editor", "东湖区委", "东湖区委 填报员"),
    ("xiling", "unit_editor", "西岭区委", "西岭区委 填报员"),
    ("fagai", "unit_editor", "市发展改革委党组", "市发展改革委 填报员"),
    ("guest", "viewer", None, "只读访客"),
)


@dataclass
class DemoResult:
    report: IngestReport
    users: list[tuple[str, str, str | None]] = field(default_factory=list)
    entries: int = 0


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    """A Shanghai working-hours instant on ``day``, as UTC (the service stores UTC)."""
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=SHANGHAI).astimezone(UTC)


def default_examples() -> Path:
    """``examples/`` of the working folder, else of the source checkout the package runs from."""
    here = Path("examples")
    if here.is_dir():
        return here
    return Path(__file__).resolve().parents[3] / "examples"


def _run_quarter(session, users: dict[str, service.User], quarter: str, *, finish: bool) -> None:  # type: ignore[no-untyped-def]
    """Assign every entry of ``quarter`` round the units and take each a different distance."""
    sup = users["duban"]
    editors = {"东湖区委": users["donghu"], "西岭区委": users["xiling"], "市发展改革委党组": users["fagai"]}
    views = [v for v in work_queries.list_entries(session, quarter=quarter) if v.entry.origin != "carry"]
    for i, v in enumerate(views):
        e = v.entry
        if not finish and i == len(views) - 1:
            continue  # one entry of the open quarter stays unassigned (待交办)
        start = e.start_date
        lead = UNITS[i % len(UNITS)]
        co = [CO_UNITS[i % len(CO_UNITS)]] if i % 2 == 0 else []
        service.assign(session, sup, e.id, lead, co, now=at(start + dt.timedelta(days=2)))
        editor = editors[lead]
        if not finish and i % 3 == 2:
            continue  # assigned, not yet signed
        service.acknowledge(session, editor, e.id, now=at(start + dt.timedelta(days=3)))
        service.report_progress(session, editor, e.id, 30 + 10 * (i % 4), note="已制定工作方案，明确责任分工",
                                channel="web", now=at(start + dt.timedelta(days=30)))
        if co:
            service.add_feedback(session, users["admin"], e.id, "配合单位已提供相关数据", on_behalf_of=co[0],
                                 channel="web", now=at(start + dt.timedelta(days=35)))
        if not finish:
            continue
        if i == len(views) - 1:
            service.carry_over(session, sup, e.id, reason="跨季度推进，结转下季度", now=at(e.deadline))
            continue
        done_day = e.deadline - dt.timedelta(days=5 if i % 3 else -3)  # every third one reports late
        service.report_done(session, editor, e.id, note="已完成阶段任务", channel="web", now=at(done_day))
        if i == len(views) - 2:
            continue  # waiting for review (待复核)
        service.review(session, sup, e.id, approve=True, now=at(done_day + dt.timedelta(days=1)))
        service.evaluate(session, sup, e.id, 80 + 5 * (i % 4), now=at(e.deadline + dt.timedelta(days=7)))


def build_demo(engine: Engine, examples: Path | None = None) -> DemoResult:
    """Ingest ``examples`` into an empty ledger, add the demo users and run the quarters."""
    report = ingest_paths(engine, [examples or default_examples()])
    result = DemoResult(report=report)
    with session_scope(engine) as session:
        users: dict[str, service.User] = {}
        admin = None
        for username, role, unit, display in DEMO_USERS:
            user = service.create_user(session, admin, username, DEMO_PASSWORD, role, unit=unit,
                                       display_name=display)
            admin = admin or user
            users[username] = user
            result.users.append((username, role, unit))
        quarters = sorted({v.entry.quarter for v in work_queries.list_entries(session)})
        for n, quarter in enumerate(quarters):
            _run_quarter(session, users, quarter, finish=n < len(quarters) - 1)
        result.entries = len(work_queries.list_entries(session))
    return result
