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


def _index_rows(conn) -> tuple[list[tuple], list[tuple]]:  # noqa: ANN001
    fts = sorted(conn.execute(text(f"SELECT rowid, meeting_id, kind, ref_id FROM {search.FTS_TABLE}")).all())
    rows = sorted(conn.execute(text(f"SELECT fts_rowid, meeting_id FROM {search.ROWS_TABLE}")).all())
    return fts, rows


def test_the_row_map_follows_the_index_through_reindexing(tmp_path_factory: pytest.TempPathFactory) -> None:
    url = fresh_db(tmp_path_factory.mktemp("rowmap"))
    ingest_corpus(url)
    engine = make_engine(url)
    with session_scope(engine) as s:
        meeting_id = s.execute(text("SELECT meeting_id FROM remark LIMIT 1")).scalar_one()
        before = s.execute(text(f"SELECT count(*) FROM {search.FTS_TABLE}")).scalar_one()
        search.index_meeting(s, meeting_id)
        search.index_meeting(s, meeting_id)  # twice: the old rows go, none doubles
        fts, rows = _index_rows(s.connection())
        assert len(fts) == before
        assert [(r, m) for r, m, _, _ in fts] == rows  # every index row is mapped to its meeting
        expected = set(s.execute(text(search._ROWS_OF_MEETING.replace("text, ", "")), {"m": meeting_id}).all())
        assert {(k, ref, m) for _, m, k, ref in fts if m == meeting_id} == expected
        assert search.search(s, "五个新城") != []


def test_an_index_from_before_the_row_map_gets_one(tmp_path_factory: pytest.TempPathFactory) -> None:
    url = fresh_db(tmp_path_factory.mktemp("oldindex"))
    ingest_corpus(url)
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text(f"DROP TABLE {search.ROWS_TABLE}"))
    with engine.begin() as conn:
        search.ensure_index(conn)
        fts, rows = _index_rows(conn)
    assert rows and [(r, m) for r, m, _, _ in fts] == rows
