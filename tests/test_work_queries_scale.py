"""The ledger board's database-side counts and pages equal what listing every entry gives.

Checked on the demo ledger (examples ingested, a year of work run through the service, so every
status, overdue entries, carried entries and cooperating units occur), at several instants.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

import pytest
from sqlalchemy.orm import Session

from jidu.analysis.diff import _score_matrix, similarity
from jidu.ledger.db import open_db, session_scope
from jidu.web.demo import build_demo
from jidu.work import queries
from jidu.work.clock import UTC


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    engine = open_db(f"sqlite:///{tmp_path_factory.mktemp('board') / 'demo.db'}")
    build_demo(engine)
    with session_scope(engine) as s:
        yield s


NOWS = [dt.datetime(2023, 5, 1, tzinfo=UTC), dt.datetime(2024, 9, 30, 17, tzinfo=UTC), dt.datetime(2030, 1, 1, tzinfo=UTC)]


@pytest.mark.parametrize("now", NOWS)
def test_quarter_counts_are_the_listed_counts(session: Session, now: dt.datetime) -> None:
    everything = queries.list_entries(session, now=now)
    assert len({v.entry.status for v in everything}) >= 4
    for quarter in [None, *queries.entry_quarters(session)]:
        views = [v for v in everything if quarter is None or v.entry.quarter == quarter]
        counts = queries.quarter_counts(session, quarter, now)
        assert counts.by_status == dict(Counter(v.entry.status for v in views))
        assert counts.overdue == sum(v.overdue for v in views)
        assert counts.open == sum(v.entry.status not in ("closed", "carried_over") for v in views)
    assert any(queries.quarter_counts(session, q, now).overdue for q in queries.entry_quarters(session)) or now < NOWS[1]


def test_quarters_and_units(session: Session) -> None:
    everything = queries.list_entries(session)
    assert queries.entry_quarters(session) == sorted({v.entry.quarter for v in everything}, reverse=True)
    expected = {v.lead for v in everything if v.entry.lead_unit} | {c for v in everything for c in v.cooperating}
    assert queries.entry_units(session) == sorted(expected)


def test_pages_and_counts(session: Session) -> None:
    now = NOWS[1]
    units = queries.entry_units(session)
    for quarter in [None, *queries.entry_quarters(session)]:
        for unit in [None, units[0]]:
            full = queries.list_entries(session, quarter=quarter, unit=unit, now=now)
            assert queries.count_entries(session, quarter=quarter, unit=unit) == len(full)
            ids = [v.entry.id for v in full]
            for offset in range(0, len(full) + 5, 5):
                page = queries.list_entries(session, quarter=quarter, unit=unit, now=now, limit=5, offset=offset)
                assert [v.entry.id for v in page] == ids[offset:offset + 5]
            late = [v.entry.id for v in full if v.overdue]
            page = queries.list_entries(session, quarter=quarter, unit=unit, now=now, overdue=True, limit=2, offset=1)
            assert [v.entry.id for v in page] == late[1:3]


def test_entries_of_a_meeting(session: Session) -> None:
    everything = queries.list_entries(session)
    for meeting_id in {v.entry.meeting_id for v in everything}:
        expected = [v.entry.id for v in everything if v.entry.meeting_id == meeting_id]
        assert [v.entry.id for v in queries.list_entries(session, meeting_id=meeting_id)] == expected


def test_score_matrix_is_pairwise_similarity() -> None:
    rng = random.Random(3)
    alphabet = "要推进加快经济发展安全防汛民生项目建设，。"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 30))) for _ in range(25)] + [""]
    a, b = texts[:13], texts[13:]
    matrix = _score_matrix(a, b)
    assert matrix == [[similarity(x, y) for y in b] for x in a]


@pytest.mark.parametrize("now", NOWS)
def test_scorecard_counted_in_sql_is_the_scorecard(session: Session, now: dt.datetime) -> None:
    from jidu.work.scorecard import build_scorecard

    for quarter in [None, *queries.entry_quarters(session)]:
        expected = build_scorecard(queries.list_entries(session, quarter=quarter, now=now))
        assert queries.quarter_scorecard(session, quarter, now=now) == expected
