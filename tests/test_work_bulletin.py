import pytest
from sqlalchemy.orm import Session

from jidu.work.bulletin import bulletin, render_markdown
from jidu.work.queries import UNASSIGNED
from work_data import LEAD, add_users, at, known_quarter, ledger


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    engine = ledger(tmp_path_factory.mktemp("bulletin"), stems=("000_758b895a77f27e86",))
    with Session(engine) as session:
        known_quarter(session, add_users(session))
        session.commit()
    return engine


def test_counts_by_status_and_light_and_late_units(engine):
    with Session(engine) as session:
        b = bulletin(session, "2022Q3", now=at(2022, 10, 5))
    assert b.total == 5 and b.overdue == 2 and b.as_of.isoformat() == "2022-10-05"
    assert b.by_status == {"registered": 1, "assigned": 0, "acknowledged": 0, "in_progress": 1,
                           "pending_review": 1, "closed": 2, "carried_over": 0}
    assert b.by_light == {"green": 0, "yellow": 0, "red": 2}
    assert [(u.unit, u.overdue, u.red) for u in b.late_units] == [(LEAD, 1, 1), (UNASSIGNED, 1, 1)]


def test_markdown_names_late_units(engine):
    with Session(engine) as session:
        text = render_markdown(bulletin(session, "2022Q3", now=at(2022, 10, 5)))
    assert text.startswith("# 2022Q3 重点工作督查通报")
    assert "| 已办结 | 2 |" in text and "| 红灯 | 2 |" in text and "逾期未办结 2 项" in text
    assert f"| {LEAD} | 1 | 1 | 0 |" in text


def test_quiet_quarter(engine):
    with Session(engine) as session:
        b = bulletin(session, "2022Q3", now=at(2022, 7, 1, 12))
    assert b.late_units == () and "无逾期或预警事项" in render_markdown(b)
