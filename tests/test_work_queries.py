import datetime as dt

import pytest
from sqlalchemy.orm import Session

from jidu.work import queries, service
from work_data import CO, LEAD, OTHER, add_users, at, known_quarter, ledger


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    engine = ledger(tmp_path_factory.mktemp("queries"), stems=("000_758b895a77f27e86",))
    with Session(engine) as session:
        users = add_users(session)
        entries = known_quarter(session, users)
        service.carry_over(session, users["sup"], entries[1].id, now=at(2022, 9, 30))
        session.commit()
    return engine


def ids(views):
    return [v.entry.id for v in views]


def test_filters(engine):
    now = at(2022, 10, 5)
    with Session(engine) as s:
        every = queries.list_entries(s, now=now)
        q3 = queries.list_entries(s, quarter="2022Q3", now=now)
        assert len(q3) == 5 and len(every) == 6
        assert len(queries.list_entries(s, unit=LEAD, now=now)) == 3  # two in Q3, the carried one in Q4
        assert len(queries.list_entries(s, unit=CO, now=now)) == 1  # co-owned entries count for the unit
        assert len(queries.list_entries(s, unit=OTHER, quarter="2022Q3", now=now)) == 2
        assert ids(queries.list_entries(s, status=["closed"], now=now)) == [q3[0].entry.id, q3[2].entry.id]
        assert ids(queries.list_entries(s, domain="safety", now=now)) == [q3[4].entry.id]
        assert ids(queries.list_entries(s, overdue=True, now=now)) == [q3[4].entry.id]  # the unassigned one
        assert ids(queries.list_entries(s, light="red", quarter="2022Q3", now=now)) == [q3[4].entry.id]
        assert queries.list_entries(s, light="green", quarter="2022Q4", now=now)[0].entry.carried_from_id == q3[1].entry.id


def test_view_as_dict(engine):
    with Session(engine) as s:
        v = queries.list_entries(s, quarter="2022Q3", now=at(2022, 10, 5))[0]
        data = v.as_dict()
    assert data["status"] == "closed" and data["status_label"] == "已办结" and data["light"] is None
    assert data["evaluation"]["score"] == 94.0 and data["lead_unit"] == LEAD
    assert data["source"]["source_id"] is not None and data["domain_label"] == "党的建设与干部"


def test_lineage_and_closed_on_time(engine):
    with Session(engine) as s:
        q4 = queries.list_entries(s, quarter="2022Q4", now=at(2022, 10, 5))[0].entry
        chain = queries.lineage(s, q4)
        assert [e.quarter for e in chain] == ["2022Q3", "2022Q4"]
        q3 = queries.list_entries(s, quarter="2022Q3", now=at(2022, 10, 5))
        assert queries.closed_on_time(q3[0].entry) and not queries.closed_on_time(q3[2].entry)
        assert queries.is_overdue(q3[4].entry, at(2022, 10, 1, 0)) and not queries.is_overdue(
            q3[4].entry, dt.datetime(2022, 9, 30, 15, 59, tzinfo=dt.UTC))
