"""The query paths made for grown ledgers (issue 6) answer exactly what the whole-ledger paths answer.

Checked on the examples and the 45 fixture readouts ingested by the real reader (several cities,
organs, quarters and meetings with more than one readout): pages of the meetings list are slices
of the full list, a term's trend counted in SQL is its row of the term table, the ledger board's
SQL counts are the counts of the listed entries, and the items' stored domain is what the
classifier says of their text.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from jidu.analysis import trends
from jidu.analysis.domains import classify
from jidu.ledger import queries
from jidu.ledger.db import make_engine, open_db, session_scope
from jidu.ledger.ingest import ingest_paths
from jidu.ledger.models import KeyWorkItem

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    url = f"sqlite:///{tmp_path_factory.mktemp('scale') / 'ledger.db'}"
    engine = open_db(url)
    ingest_paths(engine, [ROOT / "examples", ROOT / "tests" / "readouts"])
    engine.dispose()
    with session_scope(make_engine(url)) as s:
        yield s


def test_the_ledger_is_varied_enough(session: Session) -> None:
    rows = queries.list_meetings(session)
    assert len(rows) >= 20
    assert len({r.organ for r in rows}) >= 3
    assert len({r.quarter for r in rows}) >= 8


@pytest.mark.parametrize("limit", [1, 7, 50])
def test_meeting_pages_are_slices_of_the_list(session: Session, limit: int) -> None:
    everything = queries.list_meetings(session)
    for offset in range(0, len(everything) + limit, limit):
        assert queries.list_meetings(session, limit=limit, offset=offset) == everything[offset:offset + limit]


def test_meeting_pages_within_a_quarter_range(session: Session) -> None:
    quarters = queries.quarters(session)
    start, end = quarters[2], quarters[-3]
    ranged = queries.list_meetings(session, start, end)
    assert ranged and len(ranged) < len(queries.list_meetings(session))
    assert queries.list_meetings(session, start, end, limit=3, offset=2) == ranged[2:5]
    assert queries.list_meetings(session, start, end, offset=1) == ranged[1:]


def test_term_trend_is_the_term_tables_row(session: Session) -> None:
    table = queries.term_table(session)
    assert len(table.rows) >= 10
    for row in table.rows:
        assert queries.term_trend(session, row.term) == row
    assert queries.term_trend(session, "没有这个提法") is None


def test_term_trend_within_a_quarter_range(session: Session) -> None:
    quarters = queries.quarters(session)
    start, end = quarters[1], quarters[-2]
    table = queries.term_table(session, start, end)
    for row in table.rows:
        assert queries.term_trend(session, row.term, start, end) == row


def test_items_keep_their_domain(session: Session) -> None:
    items = list(session.scalars(select(KeyWorkItem)))
    assert len(items) > 50
    for item in items:
        assert item.domain == classify(item.text).domain
    item = items[0]
    item.text = "做好防汛防台工作，开展安全生产隐患排查整治"
    session.flush()
    assert item.domain == classify(item.text).domain == "safety"
    session.rollback()


def _shares_by_classifying(session: Session) -> trends.DomainShares:
    quarters = queries.quarters(session)
    return trends.domain_shares((q, i.text) for q in quarters for i in queries.quarter_snapshot(session, q).items)


def test_domain_shares_counted_in_sql(session: Session) -> None:
    expected = _shares_by_classifying(session)
    got = queries.domain_shares(session)
    assert got.as_dict() == expected.as_dict()
    quarters = queries.quarters(session)
    ranged = queries.domain_shares(session, quarters[3], quarters[-2])
    assert ranged.quarters == [q for q in expected.quarters if quarters[3] <= q <= quarters[-2]]


def test_domain_shares_classify_rows_from_before_the_column(session: Session) -> None:
    """Items written before revision 0003 have no stored domain; they are classified on the fly."""
    expected = _shares_by_classifying(session).as_dict()
    session.execute(update(KeyWorkItem).values(domain=None).execution_options(synchronize_session=False))
    try:
        assert queries.domain_shares(session).as_dict() == expected
    finally:
        session.rollback()


def test_organs(session: Session) -> None:
    assert queries.organs(session) == sorted({r.organ for r in queries.list_meetings(session)})



def test_term_table_counted_in_sql_is_frequency(session: Session) -> None:
    from jidu.analysis.terms import frequency

    assert queries.term_table(session) == frequency(queries.term_hits(session))
    quarters = queries.quarters(session)
    start, end = quarters[2], quarters[-2]
    assert queries.term_table(session, start, end) == frequency(queries.term_hits(session, start=start, end=end))


def test_neighbours_are_the_list_neighbours(session: Session) -> None:
    rows = queries.list_meetings(session)
    for i, row in enumerate(rows):
        prev, nxt = queries.neighbours(session, row.id)
        assert prev == (rows[i - 1] if i > 0 else None)
        assert nxt == (rows[i + 1] if i < len(rows) - 1 else None)
    assert queries.neighbours(session, 10**9) == (None, None)


def test_filters_and_newest_first(session: Session) -> None:
    rows = queries.list_meetings(session)
    organ = rows[0].organ
    for year in {(r.quarter or r.date or "")[:4] for r in rows} | {"1999", "20x1"}:
        expected = [r for r in rows if r.organ == organ and (r.quarter or r.date or "").startswith(year)]
        got = queries.list_meetings(session, organ=organ, year=year)
        assert got == expected
        assert queries.count_meetings(session, organ=organ, year=year) == len(expected)
    newest = queries.list_meetings(session, newest_first=True)
    assert [r.id for r in newest] == [r.id for r in sorted(rows, key=lambda r: (r.date or "", r.id), reverse=True)]
    assert queries.list_meetings(session, newest_first=True, limit=5, offset=3) == newest[3:8]
    assert queries.years(session) == sorted({(r.quarter or r.date or "")[:4] for r in rows if r.quarter or r.date},
                                            reverse=True)


def test_latest_term_occurrences_are_the_tail(session: Session) -> None:
    for row in queries.term_table(session).rows[:15]:
        everything = queries.term_occurrences(session, row.term)
        assert queries.count_term_occurrences(session, row.term) == len(everything)
        for n in (1, 3, len(everything), len(everything) + 4):
            assert queries.term_occurrences(session, row.term, latest=n) == everything[-n:]


def test_meetings_per_quarter(session: Session) -> None:
    rows = queries.list_meetings(session)
    expected = Counter(r.quarter for r in rows if r.quarter)
    assert queries.meetings_per_quarter(session) == sorted(expected.items())


def test_people_window_of_a_larger_ledger(session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    from jidu.web.routes import views

    monkeypatch.setattr(views, "PEOPLE_COLUMNS", 1000)
    whole = views.people_window(session, None, None, None)
    assert not whole.partial and whole.start is None  # a ledger that fits is shown whole
    monkeypatch.setattr(views, "PEOPLE_COLUMNS", 4)
    window = views.people_window(session, None, None, None)
    assert window.partial and window.start
    shown = queries.list_meetings(session, window.start, window.end, organ=window.organ)
    assert 1 <= len(shown) <= max(4, queries.meetings_per_quarter(session, window.organ)[-1][1])
    assert shown[-1].id == queries.list_meetings(session, organ=window.organ)[-1].id  # the latest ones
    matrix = queries.attendance_matrix(session, window.start, window.end, window.organ)
    assert {c.meeting_id for c in matrix.meetings} == {r.id for r in shown}
    asked = views.people_window(session, "2022Q1", "2022Q4", None)
    assert (asked.start, asked.end, asked.partial) == ("2022Q1", "2022Q4", False)
