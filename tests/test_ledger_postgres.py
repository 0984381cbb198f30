"""The ledger and the workflow on PostgreSQL, the server a city's office would run.

Runs when ``JIDU_TEST_POSTGRES`` holds the URL of an empty database the test may wipe
(``.ci/run`` starts a local server and sets it); skipped otherwise.  The same library code runs on
SQLite in every other test: this one proves the SQL, the migrations and the search fallback portable.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import text

from jidu.ledger.db import make_engine, open_db, session_scope
from jidu.ledger.ingest import ingest_paths
from jidu.ledger.models import Base
from jidu.ledger.queries import compare_quarters, list_meetings, search
from jidu.work import service
from jidu.work.queries import list_entries

URL = os.environ.get("JIDU_TEST_POSTGRES")
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

pytestmark = pytest.mark.skipif(not URL, reason="JIDU_TEST_POSTGRES is not set (no PostgreSQL server to test on)")


def _wipe(url: str) -> None:
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def test_ingest_query_and_workflow_on_postgres() -> None:
    assert URL is not None
    _wipe(URL)
    engine = open_db(URL)
    try:
        with engine.connect() as connection:
            tables = set(connection.execute(text(
                "select tablename from pg_tables where schemaname = 'public'"
            )).scalars())
        assert {t.name for t in Base.metadata.sorted_tables} <= tables

        report = ingest_paths(engine, [EXAMPLES])
        outcomes = sorted(f.outcome.value for f in report.files)
        assert outcomes.count("ingested") == 4 and outcomes.count("already present") == 1, outcomes
        again = ingest_paths(engine, [EXAMPLES])
        assert {f.outcome.value for f in again.files} == {"already present"}

        with session_scope(engine) as session:
            meetings = list_meetings(session)
            assert [m.quarter for m in meetings] == ["2023Q2", "2023Q3", "2023Q4"]
            assert [m.sources for m in meetings] == [1, 2, 1]
            hits = search(session, "湖港联动")  # no FTS5 here: the portable LIKE path
            assert {h.quarter for h in hits} == {"2023Q2", "2023Q3", "2023Q4"}
            diff = compare_quarters(session, "2023Q2", "2023Q3")
            assert diff.items

        with session_scope(engine) as session:
            admin = service.create_user(session, None, "admin", "a long password", "admin")
            supervisor = service.create_user(session, admin, "sup", "a long password", "supervisor")
            editor = service.create_user(session, admin, "dh", "a long password", "unit_editor", unit="东湖区委")
            views = list_entries(session, quarter="2023Q3")
            assert len(views) == 7
            entry_id = views[0].entry.id
            service.assign(session, supervisor, entry_id, "东湖区委")
            service.acknowledge(session, editor, entry_id)
            service.report_progress(session, editor, entry_id, 50)
        with session_scope(engine) as session:
            assert service.get_entry(session, entry_id).progress == 50
            assert service.authenticate(session, "dh", "a long password").username == "dh"
    finally:
        engine.dispose()
