"""Queries over the ingested real corpus: every answer checked against the gold records."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from jidu.ledger import queries
from jidu.ledger.db import make_engine, session_scope
from ledger_data import fresh_db, gold, gold_by_date, ingest_corpus


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    url = fresh_db(tmp_path_factory.mktemp("queries"))
    ingest_corpus(url)
    with session_scope(make_engine(url)) as s:
        yield s


def test_meetings_table(session: Session) -> None:
    rows = queries.list_meetings(session)
    golds = gold_by_date()
    assert [r.date for r in rows] == sorted(golds)
    for r in rows:
        g = golds[r.date or ""]
        assert (r.quarter, r.organ, r.sources, r.conflicts) == (g.quarter, g.organ, 1, 0)
        assert r.presider == (g.presider.name if g.presider else None)
        assert r.deployer == g.deployer.name
        assert (r.remarks, r.items) == (len(g.remarks), len(g.deployment.items))


def test_meetings_in_a_quarter_range(session: Session) -> None:
    assert [r.quarter for r in queries.list_meetings(session, "2021Q3", "2022Q1")] == ["2021Q3", "2021Q4", "2022Q1"]
    with pytest.raises(ValueError):
        queries.list_meetings(session, "2021-3")


def test_resolve_by_id_date_quarter(session: Session) -> None:
    (by_quarter,) = queries.resolve(session, "2022q3")
    assert queries.resolve(session, "2022-07-01") == [by_quarter]
    assert queries.resolve(session, str(by_quarter.id)) == [by_quarter]
    assert queries.resolve(session, "1999Q1") == [] and queries.resolve(session, "99999") == []
    with pytest.raises(ValueError):
        queries.resolve(session, "last week")


def test_meeting_detail_is_the_whole_record(session: Session) -> None:
    (meeting,) = queries.resolve(session, "2021Q3")
    detail = queries.meeting_detail(session, meeting)
    g = gold("001_b532df6ffc21a639")
    assert detail["presider"]["name"] == "李强" and detail["presider"]["title"] == "市委书记"
    assert [p["name"] for p in detail["also_present"]] == [p.name for p in g.also_present]
    assert [p["name"] for p in detail["attendees"]] == g.attendees
    assert detail["opening"]["text"] == g.opening.text
    assert [(r["heading"], r["text"]) for r in detail["remarks"]] == [(r.heading, r.text) for r in g.remarks]
    assert [i["text"] for i in detail["deployment"]["items"]] == g.deployment.items
    assert [u["unit"] for u in detail["speeches"]["units"]] == g.speeches.units
    assert detail["speeches"]["topic"] == g.speeches.topic
    assert {t["term"] for t in detail["terms"]} <= set(g.terms)
    assert detail["sources"][0]["outlet"] == g.source.outlet and detail["conflicts"] == []
    assert all(r["source_id"] == detail["sources"][0]["id"] for r in detail["remarks"])


def test_source_text_traces_a_value(session: Session) -> None:
    hit = queries.term_occurrences(session, "五个新城")[0]
    assert queries.source_text(session, hit.source_id, hit.start, hit.end) == "五个新城"
    with pytest.raises(LookupError):
        queries.source_text(session, 999)


def test_attendance_matrix_and_history(session: Session) -> None:
    matrix = queries.attendance_matrix(session)
    assert [c.date for c in matrix.meetings] == sorted(gold_by_date())
    li = next(p for p in matrix.people if p.name == "李强")
    assert [li.code(c.meeting_id) for c in matrix.meetings] == ["S", "PS", "PS", "PS", "PS"]
    history = queries.person_history(session, "龚正")
    assert [h.quarter for h in history] == ["2020Q4", "2021Q3", "2021Q4", "2022Q1", "2022Q3"]
    assert all(h.roles == ["deployer"] and h.titles == ["市委副书记、市长"] for h in history)
    assert queries.person_history(session, "无此人") == []
    assert queries.find_people(session, "诸葛") == ["诸葛宇杰"]


def test_term_table_and_occurrences(session: Session) -> None:
    table = queries.term_table(session)
    assert table.quarters == ["2020Q4", "2021Q3", "2021Q4", "2022Q1", "2022Q3"]
    rows = {r.term: r for r in table.rows}
    assert rows["五个新城"].by_quarter == {"2021Q3": 1, "2022Q1": 1}
    assert rows["3+6"].by_quarter == {"2021Q4": 1, "2022Q1": 1}
    hits = queries.term_occurrences(session, "3+6")
    assert [h.quarter for h in hits] == ["2021Q4", "2022Q1"]
    assert all("“3+6”" in h.sentence for h in hits)
    limited = queries.term_table(session, "2022Q1", "2022Q1")
    assert limited.quarters == ["2022Q1"]


def test_compare_quarters(session: Session) -> None:
    result = queries.compare_quarters(session, "2021Q4", "2022Q1")
    assert result.counts() == {"continued": 0, "reworded": 0, "new": 6, "dropped": 4}
    assert result.terms_kept == ["3+6"]
    assert "五个新城" in result.terms_appeared and "五型经济" in result.terms_disappeared
    assert result.people_joined == ["刘多"] and set(result.people_left) == {"陈寅", "刘杰"}
    assert result.units_b == gold("002_d72122a47cf86854").speeches.units and result.units_both == []
    with pytest.raises(ValueError):
        queries.compare_quarters(session, "2021", "2022Q1")


def test_overview_and_quarters(session: Session) -> None:
    o = queries.overview(session)
    assert (o.meetings, o.sources) == (5, 5)
    assert o.items == sum(len(g.deployment.items) for g in gold_by_date().values())
    assert queries.quarters(session) == o.quarters


def test_search_through_queries(session: Session, tmp_path: Path) -> None:
    hits = queries.search(session, "五个新城")
    assert len(hits) == 4 and all("[五个新城]" in h.snippet for h in hits)


def test_source_detail(session: Session) -> None:
    (meeting,) = queries.resolve(session, "2022Q3")
    detail = queries.source_detail(session, meeting.sources[0].id)
    assert detail["meeting_id"] == meeting.id and detail["outlet"] == "观察者网" and detail["text"]
    with pytest.raises(LookupError):
        queries.source_detail(session, 999)
