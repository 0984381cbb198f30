"""The flat export tables: one row per meeting, remark, item, appearance, speech, term, source."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from jidu.export.tables import ledger_tables
from jidu.ledger.db import make_engine, session_scope
from ledger_data import fresh_db, gold_by_date, ingest_corpus


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    url = fresh_db(tmp_path_factory.mktemp("tables"))
    ingest_corpus(url)
    with session_scope(make_engine(url)) as s:
        yield s


def test_tables_hold_every_row(session: Session) -> None:
    golds = gold_by_date().values()
    t = {tb.name: tb for tb in ledger_tables(session)}
    assert list(t) == ["meetings", "remarks", "items", "attendance", "speeches", "terms", "sources"]
    assert len(t["meetings"].rows) == 5 and len(t["sources"].rows) == 5
    assert len(t["remarks"].rows) == sum(len(g.remarks) for g in golds)
    assert len(t["items"].rows) == sum(len(g.deployment.items) for g in golds)
    assert len(t["speeches"].rows) == sum(len(g.speeches.units) for g in golds)
    attendees = [r for r in t["attendance"].rows if r["role"] == "出席"]
    assert len(attendees) == sum(len(g.attendees) for g in golds)
    assert [r["date"] for r in t["meetings"].rows] == sorted(gold_by_date())


def test_rows_carry_their_source_span_columns(session: Session) -> None:
    for table in ledger_tables(session):
        keys = [c.key for c in table.columns]
        if table.name not in ("meetings", "sources"):
            assert keys[-3:] == ["source_id", "start", "end"]
        assert all(c.zh and c.en for c in table.columns)
        assert all(len(v) == len(keys) for v in table.values())


def test_quarter_range_limits_every_table(session: Session) -> None:
    t = {tb.name: tb for tb in ledger_tables(session, "2022Q1", "2022Q3")}
    assert {r["quarter"] for r in t["meetings"].rows} == {"2022Q1", "2022Q3"}
    assert {r["quarter"] for r in t["items"].rows} == {"2022Q1", "2022Q3"}
    assert {r["meeting_id"] for r in t["sources"].rows} == {r["meeting_id"] for r in t["meetings"].rows}
    with pytest.raises(ValueError):
        ledger_tables(session, "Q1")
