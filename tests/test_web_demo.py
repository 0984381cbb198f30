"""The demo ledger and the ``jidu demo`` / ``jidu serve`` commands."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from jidu.cli import app
from jidu.ledger.db import open_db, session_scope
from jidu.web.demo import DEMO_PASSWORD, DEMO_USERS
from jidu.work import queries as work_queries
from jidu.work import service
from web_support import EXAMPLES, template_db


def test_demo_ledger_has_users_and_a_year_of_work() -> None:
    engine = open_db(f"sqlite:///{template_db()}")
    with session_scope(engine) as session:
        for username, role, unit, _ in DEMO_USERS:
            user = service.authenticate(session, username, DEMO_PASSWORD)
            assert user.role == role and (user.unit.name if user.unit else None) == unit
        views = work_queries.list_entries(session)
        statuses = {v.entry.status for v in views}
        assert {"registered", "assigned", "in_progress", "pending_review", "closed", "carried_over"} <= statuses
        assert any(v.entry.evaluation for v in views)
        assert any(v.entry.origin == "carry" for v in views)
        assert any(v.overdue for v in views)


def test_jidu_demo_no_serve_builds_and_prints_the_logins(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    result = CliRunner().invoke(app, ["--db", str(db), "demo", "--no-serve", "--examples", str(EXAMPLES)])
    assert result.exit_code == 0, result.output
    assert "4 readouts ingested" in result.output and DEMO_PASSWORD in result.output
    for username, *_ in DEMO_USERS:
        assert username in result.output
    assert "serve" in result.output and db.exists()
    again = CliRunner().invoke(app, ["--db", str(db), "demo", "--no-serve", "--keep", "--examples", str(EXAMPLES)])
    assert again.exit_code == 1 and "cannot build the demo ledger" in again.output


def test_jidu_demo_needs_examples(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "d.db"), "demo", "--no-serve",
                                      "--examples", str(tmp_path / "missing")])
    assert result.exit_code == 2


def test_serve_and_demo_are_registered() -> None:
    result = CliRunner().invoke(app, ["--help"])
    assert "serve" in result.output and "demo" in result.output


def test_serve_runs_uvicorn_on_the_ledger(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import uvicorn

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "s.db"), "serve", "--port", "8123"])
    assert result.exit_code == 0, result.output
    (served, options), = calls
    assert options["port"] == 8123 and options["host"] == "127.0.0.1"
    assert served.openapi_url == "/api/openapi.json" and "http://127.0.0.1:8123/" in result.output
