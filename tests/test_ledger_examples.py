"""The ledger end to end with the real reader: the fictional examples (one meeting reported by
three readouts) and the real corpus, every stored value traced back to its source text."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from jidu.ledger import queries
from jidu.ledger.db import make_engine, session_scope
from jidu.ledger.ingest import Outcome, ingest_paths
from jidu.ledger.models import Appearance, KeyWorkItem, Remark, Source, Speech
from ledger_data import READOUTS, fresh_db

EXAMPLES = Path(__file__).parents[1] / "examples"
EXAMPLE_FILES = sorted(EXAMPLES.glob("2023q*"))


@pytest.fixture(scope="module")
def example_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, Outcome]]:
    url = fresh_db(tmp_path_factory.mktemp("examples"))
    engine = make_engine(url)
    report = ingest_paths(engine, EXAMPLE_FILES)
    engine.dispose()
    return url, {Path(f.path).name: f for f in report.files}


@pytest.fixture()
def session(example_db: tuple[str, dict]):  # noqa: ANN201
    with session_scope(make_engine(example_db[0])) as s:
        yield s


def assert_traceable(session: Session) -> None:
    """Every row with a span shows, in its source's text, the value it stores."""
    texts = {s.id: s.text for s in session.scalars(select(Source))}
    checked = 0
    for row in session.scalars(select(Remark)):
        assert row.start is not None and row.source_id is not None
        assert "".join(texts[row.source_id][row.start : row.end].split("\n")) == row.text
        checked += 1
    for row in session.scalars(select(KeyWorkItem)):
        assert row.start is not None and texts[row.source_id][row.start : row.end].rstrip("。") == row.text
        checked += 1
    for row in session.scalars(select(Appearance).where(Appearance.role.in_(["presider", "deployer", "attendee"]))):
        assert row.start is not None and row.person.name in texts[row.source_id][row.start : row.end]
        checked += 1
    for row in session.scalars(select(Speech)):
        assert row.start is not None and texts[row.source_id][row.start : row.end] == row.unit.name
        checked += 1
    assert checked > 20


def test_examples_ingest_with_one_meeting_reported_three_times(example_db: tuple[str, dict]) -> None:
    _, outcomes = example_db
    assert {name: f.outcome for name, f in outcomes.items()} == {
        "2023q2_shifanwei.md": Outcome.INGESTED,
        "2023q3_repost.json": Outcome.INGESTED,
        "2023q3_shifanwei.html": Outcome.INGESTED,
        "2023q3_shifanwei_hant.txt": Outcome.ALREADY_PRESENT,
        "2023q4_shifanwei.txt": Outcome.INGESTED,
    }
    hant = outcomes["2023q3_shifanwei_hant.txt"]
    assert "near-duplicate" in hant.reason and "2023q3_shifanwei.html" in hant.reason
    assert outcomes["2023q3_repost.json"].meeting_id == outcomes["2023q3_shifanwei.html"].meeting_id


def test_the_q3_meeting_merges_its_readouts(session: Session) -> None:
    rows = queries.list_meetings(session)
    assert [(r.quarter, r.sources) for r in rows] == [("2023Q2", 1), ("2023Q3", 2), ("2023Q4", 1)]
    (q3,) = queries.resolve(session, "2023Q3")
    detail = queries.meeting_detail(session, q3)
    outlets = {s["id"]: s["outlet"] for s in detail["sources"]}
    attendees = [a["name"] for a in detail["attendees"]]
    assert "邓雪梅" in attendees and "严伟" in attendees  # the repost omits 邓雪梅; the union keeps her
    assert len(attendees) == len(set(attendees))
    assert outlets[detail["remarks"][0]["source_id"]] == "示例新闻网"  # the fuller remarks
    assert len(detail["deployment"]["items"]) == 7


def test_examples_are_traceable(session: Session) -> None:
    assert_traceable(session)


def test_example_quarters_compare_as_the_story_says(session: Session) -> None:
    d = queries.compare_quarters(session, "2023Q2", "2023Q3")
    assert d.people_joined == ["严伟"] and d.people_left == ["宋佳怡"]
    dropped = [m.a.text for m in d.items if m.status == "dropped"]
    assert any("湖畔科创带" in t for t in dropped)
    kept = [m for m in d.items if m.status in ("continued", "reworded")]
    assert any("湖港联动" in m.b.text for m in kept)
    assert d.counts()["new"] == 2
    later = queries.compare_quarters(session, "2023Q3", "2023Q4")
    assert [m.a.text for m in later.items if m.status == "dropped" and m.a] == [
        m.b.text for m in d.items if m.status == "new" and m.b and "湖畔夜市" in m.b.text
    ]
    assert later.people_joined == ["范志诚"] and later.people_left == ["韩志刚"]


def test_example_terms_and_search(session: Session) -> None:
    table = {r.term: r for r in queries.term_table(session).rows}
    assert set(table["湖港联动"].by_quarter) == {"2023Q2", "2023Q3", "2023Q4"}
    hits = queries.search(session, "湖港联动")
    assert {h.quarter for h in hits} == {"2023Q2", "2023Q3", "2023Q4"}


def test_reingesting_examples_adds_nothing(example_db: tuple[str, dict]) -> None:
    engine = make_engine(example_db[0])
    report = ingest_paths(engine, EXAMPLE_FILES)
    assert report.count(Outcome.ALREADY_PRESENT) == len(EXAMPLE_FILES)


def test_real_corpus_with_the_reader_is_traceable(tmp_path: Path) -> None:
    url = fresh_db(tmp_path)
    report = ingest_paths(make_engine(url), [READOUTS])
    assert report.counts()["ingested"] == 5
    with session_scope(make_engine(url)) as s:
        assert_traceable(s)
        assert [r.quarter for r in queries.list_meetings(s)] == ["2020Q4", "2021Q3", "2021Q4", "2022Q1", "2022Q3"]
