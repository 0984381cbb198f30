"""Full-text search: FTS5 trigrams for 3+ characters, LIKE below, the same results either way."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from jidu.ledger import search
from jidu.ledger.db import make_engine, session_scope
from ledger_data import fresh_db, ingest_corpus


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    url = fresh_db(tmp_path_factory.mktemp("search"))
    ingest_corpus(url)
    with session_scope(make_engine(url)) as s:
        yield s


def _brute(session: Session, query: str) -> set[tuple[str, int]]:
    rows = session.execute(text("SELECT 'remark', id, text FROM remark UNION ALL SELECT 'item', id, text FROM key_work_item"))
    return {(kind, rid) for kind, rid, body in rows if query in body}


@pytest.mark.parametrize("query", ["进博会", "五个新城", "疫情防控", "3+6", "进博", "城"])
def test_search_finds_exactly_the_rows_containing_the_query(session: Session, query: str) -> None:
    hits = search.search(session, query, limit=500)
    assert {(h.kind, h.id) for h in hits} == _brute(session, query)
    assert all(f"[{query}]" in h.snippet for h in hits)


def test_hits_are_newest_first(session: Session) -> None:
    dates = [h.date for h in search.search(session, "进博会")]
    assert dates == sorted(dates, reverse=True)


def test_fts_syntax_in_queries_is_taken_literally(session: Session) -> None:
    assert search.search(session, 'a" OR "b') == []
    assert search.search(session, "NEAR(") == []
    assert search.search(session, "   ") == []


def test_like_fallback_escapes_wildcards(session: Session) -> None:
    assert search.search(session, "%") == [] and search.search(session, "_") == []


def test_snippet_marks_matches_in_a_window() -> None:
    body = "甲" * 50 + "五个新城" + "乙" * 50
    s = search.snippet(body, "五个新城", context=5)
    assert s == "…甲甲甲甲甲[五个新城]乙乙乙乙乙…"
    assert search.snippet("短文本", "无") == "短文本"


def test_rebuild_restores_the_index(tmp_path_factory: pytest.TempPathFactory) -> None:
    url = fresh_db(tmp_path_factory.mktemp("rebuild"))
    ingest_corpus(url)
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text(f"DELETE FROM {search.FTS_TABLE}"))
    search.rebuild(engine)
    with session_scope(engine) as s:
        assert len(search.search(s, "五个新城")) == 4


def test_without_the_index_search_falls_back_to_like(tmp_path_factory: pytest.TempPathFactory) -> None:
    url = fresh_db(tmp_path_factory.mktemp("noindex"))
    ingest_corpus(url)
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text(f"DROP TABLE {search.FTS_TABLE}"))
    with session_scope(engine) as s:
        hits = search.search(s, "五个新城")
        assert {(h.kind, h.id) for h in hits} == _brute(s, "五个新城") and len(hits) == 4
