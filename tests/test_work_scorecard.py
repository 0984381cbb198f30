import pytest
from sqlalchemy.orm import Session

from jidu.work.scorecard import scorecard
from work_data import CO, LEAD, OTHER, add_users, at, known_quarter, ledger


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    engine = ledger(tmp_path_factory.mktemp("score"), stems=("000_758b895a77f27e86",))
    with Session(engine) as session:
        known_quarter(session, add_users(session))
        session.commit()
    return engine


def test_scorecard_on_a_known_quarter(engine):
    with Session(engine) as session:
        rows = scorecard(session, "2022Q3", now=at(2022, 10, 5))
    got = {r.unit: r.as_dict() for r in rows}
    assert [r.unit for r in rows] == [LEAD, OTHER, CO]
    assert got[LEAD] == {
        "unit": LEAD, "owned": 2, "cooperating": 0, "closed": 1, "closed_on_time": 1, "pending_review": 0,
        "overdue": 1, "yellow": 0, "red": 1, "carried_over": 0, "rank": 1, "on_time_rate": 0.5,
        "average_score": 94.0, "evaluated": 1,
    }
    assert (got[OTHER]["owned"], got[OTHER]["closed"], got[OTHER]["closed_on_time"]) == (2, 1, 0)
    assert (got[OTHER]["pending_review"], got[OTHER]["average_score"], got[OTHER]["rank"]) == (1, 82.0, 2)
    assert (got[CO]["owned"], got[CO]["cooperating"], got[CO]["average_score"], got[CO]["rank"]) == (0, 1, None, 3)


def test_scorecard_before_the_deadline_has_no_overdue(engine):
    with Session(engine) as session:
        rows = {r.unit: r for r in scorecard(session, "2022Q3", now=at(2022, 9, 28))}
    assert rows[LEAD].overdue == 0 and rows[LEAD].red == 1  # 50 % done with 97 % of the time gone


def test_empty_quarter(engine):
    with Session(engine) as session:
        assert scorecard(session, "2019Q1", now=at(2022, 10, 5)) == []
