"""Whole-ledger answers kept between requests are dropped as soon as the data under them changes."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from jidu.ledger import queries
from jidu.ledger.db import open_db
from jidu.ledger.ingest import ingest_paths
from jidu.web import cache
from jidu.work import queries as work_queries
from jidu.work import service

ROOT = Path(__file__).resolve().parents[1]


def test_an_answer_is_kept_until_its_version_changes(tmp_path: Path) -> None:
    engine = open_db(f"sqlite:///{tmp_path / 'l.db'}")
    calls: list[int] = []

    def compute() -> list[int]:
        calls.append(1)
        return [len(calls)]

    with Session(engine) as db:
        first = cache.cached(db, "q", None, (1,), compute)
        assert cache.cached(db, "q", None, (1,), compute) is first and len(calls) == 1
        assert cache.cached(db, "q", "other args", (1,), compute) == [2]
        assert cache.cached(db, "q", None, (2,), compute) == [3]
        assert cache.cached(db, "q", None, (2,), compute, ttl=0.0) == [4]  # expired at once


def test_versions_follow_ingest_and_the_workflow(tmp_path: Path) -> None:
    engine = open_db(f"sqlite:///{tmp_path / 'l.db'}")
    with Session(engine) as db:
        empty_ledger, empty_work = cache.ledger_version(db), cache.work_version(db)
        table = cache.cached(db, "terms", None, empty_ledger, lambda: queries.term_table(db))
        assert table.rows == []
    ingest_paths(engine, [ROOT / "examples" / "2023q2_shifanwei.md"])
    with Session(engine) as db:
        after_one = cache.ledger_version(db)
        assert after_one != empty_ledger
        assert cache.work_version(db) != empty_work  # ingest opened entries, with their history
        table = cache.cached(db, "terms", None, after_one, lambda: queries.term_table(db))
        assert table.rows and table == queries.term_table(db)
    ingest_paths(engine, [ROOT / "examples" / "2023q3_shifanwei.html"])
    with Session(engine) as db:
        assert cache.ledger_version(db) != after_one
        before = cache.work_version(db)
        admin = service.create_user(db, None, "admin", "a-long-password", "admin")
        first = work_queries.list_entries(db)[0].entry
        service.assign(db, admin, first.id, "东湖区委", [])
        db.flush()
        assert cache.work_version(db) != before


def test_compare_opens_on_one_organ_when_the_quarters_are_large(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    from fastapi.testclient import TestClient

    from jidu.ledger.db import session_scope
    from jidu.web.app import WebSettings, create_app
    from jidu.web.demo import build_demo
    from jidu.web.routes import views
    from web_support import login

    url = f"sqlite:///{tmp_path / 'l.db'}"
    engine = open_db(url)
    build_demo(engine, ROOT / "examples")
    ingest_paths(engine, [ROOT / "tests" / "readouts"])
    with session_scope(engine) as db:
        newest = queries.list_meetings(db, newest_first=True, limit=1)[0].organ
        assert len(queries.organs(db)) > 1
    client = TestClient(create_app(url, WebSettings(secret_key="test-secret")))
    login(client, "duban")
    everything = client.get("/compare").text
    assert f"<option selected>{newest}</option>" not in everything  # a small ledger: every organ
    monkeypatch.setattr(views, "COMPARE_ALL_ORGANS", 1)
    page = client.get("/compare").text
    assert f"<option selected>{newest}</option>" in page
    chosen = client.get("/compare", params={"a": "2023Q3", "b": "2023Q4", "organ": ""}).text
    assert f"<option selected>{newest}</option>" not in chosen  # asked for every organ: every organ
