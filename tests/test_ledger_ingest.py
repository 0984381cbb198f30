"""Ingest: outcomes per file, idempotency, near-duplicates, consolidation, atomicity under SIGKILL."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from jidu.ledger import ingest as ingest_module
from jidu.ledger.db import make_engine, session_scope
from jidu.ledger.ingest import (
    NEAR_DUPLICATE,
    Outcome,
    band_keys,
    ingest_paths,
    nearest,
    record_text,
    shingles,
    signature,
    similarity,
)
from jidu.ledger.models import Appearance, KeyWorkItem, Meeting, Provenance, Remark, Source, TermOccurrence
from jidu.record import ErrorRecord
from jidu.record import Source as RecordSource
from ledger_data import (
    READOUTS,
    fresh_db,
    gold,
    gold_parser,
    ingest_corpus,
    list_files,
    variant,
    write_record,
)

STEM = "000_758b895a77f27e86"
TABLES = ("meeting", "source", "appearance", "remark", "key_work_item", "speech", "term_occurrence", "person", "unit")


def counts(url: str) -> dict[str, int]:
    engine = make_engine(url)
    with engine.connect() as conn:
        out = {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in TABLES}
    engine.dispose()
    return out


def run(url: str, paths: list[Path], **kw: object):  # noqa: ANN201
    engine = make_engine(url)
    try:
        return ingest_paths(engine, paths, parser=kw.pop("parser", gold_parser), files=list_files, **kw)
    finally:
        engine.dispose()


def test_corpus_ingests_every_readout_with_all_its_rows(tmp_path: Path) -> None:
    url = fresh_db(tmp_path)
    seen: list[tuple[str, int, int]] = []
    report = run(url, [READOUTS], progress=lambda o, done, total: seen.append((o.outcome.value, done, total)))
    assert report.counts() == {"ingested": 5, "already present": 0, "not a meeting": 0, "error": 0}
    assert [s[1:] for s in seen] == [(i, 5) for i in range(1, 6)]
    record = gold(STEM)
    with session_scope(make_engine(url)) as session:
        meeting = session.scalar(select(Meeting).where(Meeting.quarter == "2022Q3"))
        assert meeting is not None and meeting.form == "电视电话会议"
        assert [r.text for r in meeting.remarks] == [r.text for r in record.remarks]
        assert [i.text for i in meeting.items] == record.deployment.items
        attendees = [a.person.name for a in meeting.appearances if a.role == "attendee"]
        assert attendees == record.attendees
        assert [s.unit.name for s in meeting.speeches] == record.speeches.units
        assert {t.term for t in meeting.terms} <= set(record.terms)
        assert all(t.sentence and t.term in t.sentence for t in meeting.terms)


def test_reingesting_adds_nothing(tmp_path: Path) -> None:
    url = fresh_db(tmp_path)
    run(url, [READOUTS])
    before = counts(url)
    report = run(url, [READOUTS])
    assert report.counts()["already present"] == 5 and report.ok
    assert all("same content" in (f.reason or "") for f in report.files)
    assert counts(url) == before


def test_every_file_gets_an_outcome(tmp_path: Path) -> None:
    url = fresh_db(tmp_path)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "news.txt").write_text("一则无关的新闻。", "utf-8")
    (folder / "broken.txt").write_text("坏文件", "utf-8")
    (folder / "crash.txt").write_text("读者崩溃", "utf-8")

    def parser(data: bytes, name: str):  # noqa: ANN202
        if name.endswith("broken.txt"):
            return ErrorRecord(source=RecordSource(file=name), error="undecodable bytes")
        if name.endswith("crash.txt"):
            raise RuntimeError("reader bug")
        return gold_parser(data, name)

    report = run(url, [folder, tmp_path / "missing.md"], parser=parser)
    by_name = {Path(f.path).name: f for f in report.files}
    assert by_name["news.txt"].outcome is Outcome.NOT_A_MEETING and by_name["news.txt"].reason
    assert by_name["broken.txt"].outcome is Outcome.ERROR and by_name["broken.txt"].reason == "undecodable bytes"
    assert by_name["crash.txt"].outcome is Outcome.ERROR and "reader bug" in (by_name["crash.txt"].reason or "")
    assert by_name["missing.md"].outcome is Outcome.ERROR
    assert not report.ok and counts(url)["source"] == 0


def test_near_duplicate_text_is_already_present(tmp_path: Path) -> None:
    url = fresh_db(tmp_path)
    run(url, [READOUTS / f"{STEM}.txt"])
    original = gold(STEM)
    body = record_text(original)
    copy = variant(original, text=body.replace("李强", "李 强", 1) + "\n（责任编辑：示例）")
    report = run(url, [write_record(tmp_path / "repost.json", copy)])
    assert report.files[0].outcome is Outcome.ALREADY_PRESENT
    assert "near-duplicate" in (report.files[0].reason or "")
    assert counts(url)["source"] == 1


def test_similarity_of_signatures() -> None:
    text_a = "市委季度工作会议今天下午举行。" * 3 + "要抓好疫情防控和经济发展。"
    assert similarity(signature(text_a), signature(text_a)) == 1.0
    assert similarity(signature(text_a), signature("完全不同的另一段文字，讲的是别的事情。")) < 0.2
    assert shingles("ab c", k=5) == {"abc"}
    assert NEAR_DUPLICATE == 0.9


def test_second_readout_is_consolidated_into_the_same_meeting(tmp_path: Path) -> None:
    url = fresh_db(tmp_path)
    run(url, [READOUTS / f"{STEM}.txt"])
    original = gold(STEM)
    with session_scope(make_engine(url)) as session:
        remark_ids = session.scalars(select(Remark.id).order_by(Remark.order)).all()
        item_ids = session.scalars(select(KeyWorkItem.id).order_by(KeyWorkItem.order)).all()
    short = variant(
        original,
        source={"file": "other.json", "outlet": "示例日报", "title": "另一家媒体的报道"},
        form="视频会议",
        remarks=[r.model_dump() for r in original.remarks[:2]],
        attendees=[*original.attendees[:3], "王示例"],
    )
    short = variant(short, text=record_text(short))
    report = run(url, [write_record(tmp_path / "other.json", short)])
    assert report.files[0].outcome is Outcome.INGESTED
    with session_scope(make_engine(url)) as session:
        assert session.scalar(select(func.count()).select_from(Meeting)) == 1
        meeting = session.scalars(select(Meeting)).one()
        assert len(meeting.sources) == 2
        assert meeting.form == "电视电话会议"
        assert meeting.conflicts == [
            {"field": "form", "values": [{"value": "电视电话会议", "sources": [1]}, {"value": "视频会议", "sources": [2]}]}
        ]
        # the fuller remarks stay, with the same row ids (the workflow refers to them)
        assert [r.id for r in meeting.remarks] == remark_ids
        assert [i.id for i in meeting.items] == item_ids
        names = [a.person.name for a in meeting.appearances if a.role == "attendee"]
        assert names[: len(original.attendees)][:3] == original.attendees[:3] and "王示例" in names
        added = next(a for a in meeting.appearances if a.person.name == "王示例")
        assert added.source_id == 2
        assert session.scalar(select(func.count()).select_from(TermOccurrence).where(TermOccurrence.source_id == 2))


def test_spans_are_stored_and_point_into_the_source_text(tmp_path: Path) -> None:
    url = fresh_db(tmp_path)
    record = gold(STEM)
    body = record_text(record)
    first = record.remarks[0].text
    at = body.index(first)
    record = variant(
        record, text=body, provenance={"remarks[0].text": [[at, at + len(first)]], "date": [[0, 4]]}
    )
    run(url, [write_record(tmp_path / "spans.json", record)])
    with session_scope(make_engine(url)) as session:
        remark = session.scalars(select(Remark).where(Remark.order == 0)).one()
        source = session.get(Source, remark.source_id)
        assert source is not None and source.text[remark.start : remark.end] == first
        assert {p.field for p in session.scalars(select(Provenance))} == {"remarks[0].text", "date"}


def test_a_failing_workflow_hook_rolls_the_file_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = fresh_db(tmp_path)

    def boom(session, meeting) -> None:  # noqa: ANN001
        raise RuntimeError("workflow refused")

    monkeypatch.setattr(ingest_module, "_after_meeting_ingested", boom)
    report = run(url, [READOUTS / f"{STEM}.txt"])
    assert report.files[0].outcome is Outcome.ERROR and "workflow refused" in (report.files[0].reason or "")
    assert counts(url) == dict.fromkeys(TABLES, 0)


KILL_SCRIPT = """
import sys, time, pathlib
sys.path.insert(0, {tests!r})
from ledger_data import READOUTS, gold_parser, list_files
import jidu.ledger.ingest as ing
from jidu.ledger.db import open_db

marker = pathlib.Path({marker!r})
calls = []

def hook(session, meeting):
    calls.append(meeting.id)
    if len(calls) == 3:
        session.flush()
        marker.write_text("inside the third file's transaction")
        time.sleep(120)

ing._after_meeting_ingested = hook
ing.ingest_paths(open_db({url!r}), [READOUTS], parser=gold_parser, files=list_files, batch={batch}, batch_seconds=600)
"""


def test_sigkill_mid_ingest_leaves_a_consistent_db_and_rerun_completes(tmp_path: Path) -> None:
    url = fresh_db(tmp_path)
    marker = tmp_path / "marker"
    script = KILL_SCRIPT.format(tests=str(Path(__file__).parent), marker=str(marker), url=url, batch=1)
    proc = subprocess.Popen([sys.executable, "-c", script])
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert proc.poll() is None, "the ingest process ended before reaching the third file"
            assert time.monotonic() < deadline, "the ingest process never reached the third file"
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    engine = make_engine(url)
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
    engine.dispose()
    after_kill = counts(url)
    assert after_kill["source"] == 2 and after_kill["meeting"] == 2  # the third file left nothing behind

    report = run(url, [READOUTS])
    assert report.counts() == {"ingested": 3, "already present": 2, "not a meeting": 0, "error": 0}
    fresh = fresh_db(tmp_path, "fresh.db")
    ingest_corpus(fresh)
    assert counts(url) == counts(fresh)
    with session_scope(make_engine(url)) as session:
        assert session.scalar(select(func.count()).select_from(Appearance)) == counts(fresh)["appearance"]


def test_a_file_holding_several_readouts_gives_one_outcome_each(tmp_path: Path) -> None:
    url = fresh_db(tmp_path)
    path = tmp_path / "two.jsonl"
    path.write_text("two readouts", "utf-8")
    q3, q1 = gold(STEM), gold("002_d72122a47cf86854")

    def parser(data: bytes, name: str) -> list:
        return [variant(r, source={"file": f"{name}#{i + 1}"}) for i, r in enumerate((q3, q1))]

    first = run(url, [path], parser=parser)
    assert [(Path(f.path).name, f.outcome) for f in first.files] == [
        ("two.jsonl#1", Outcome.INGESTED), ("two.jsonl#2", Outcome.INGESTED)]
    again = run(url, [path], parser=parser)
    assert [f.outcome for f in again.files] == [Outcome.ALREADY_PRESENT] * 2
    assert counts(url)["meeting"] == 2


def test_nearest_finds_the_stored_source_through_its_band_keys(tmp_path: Path) -> None:
    url = fresh_db(tmp_path)
    run(url, [READOUTS])
    with session_scope(make_engine(url)) as session:
        source = session.scalars(select(Source).where(Source.path.endswith(f"{STEM}.txt"))).one()
        bands = session.execute(text("SELECT count(*), count(DISTINCT source_id) FROM source_band")).one()
        assert tuple(bands) == (5 * 16, 5)  # 16 band keys per source, nothing kept in memory
        sid, path, sim = nearest(session, signature(source.text))
        assert (sid, sim) == (source.id, 1.0) and path.endswith(f"{STEM}.txt")
        assert nearest(session, signature("无")) is None


def test_band_keys_find_near_copies_and_not_other_readouts() -> None:
    original = record_text(gold(STEM))
    copy = original.replace("李强", "李 强", 1) + "\n（责任编辑：示例）"
    other = record_text(gold("002_d72122a47cf86854"))
    keys = set(band_keys(signature(original)))
    assert len(keys) == 16
    assert keys & set(band_keys(signature(copy)))
    assert not keys & set(band_keys(signature(other)))


RANDOM_KILL_SCRIPT = """
import sys
from pathlib import Path
from jidu.ledger.db import open_db
from jidu.ledger.ingest import ingest_paths
engine = open_db({url!r})
print("start", flush=True)
ingest_paths(engine, [Path(p) for p in {paths!r}])
"""


def assert_consistent(url: str) -> None:
    """No half-stored readout: every source has its meeting and rows, the search index matches the tables."""
    engine = make_engine(url)
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
        assert conn.execute(text("SELECT count(*) FROM source WHERE meeting_id IS NULL")).scalar() == 0
        assert conn.execute(
            text("SELECT count(*) FROM meeting WHERE id NOT IN (SELECT meeting_id FROM source)")
        ).scalar() == 0
        assert conn.execute(
            text("SELECT count(*) FROM meeting m WHERE NOT EXISTS (SELECT 1 FROM appearance a WHERE a.meeting_id = m.id)")
        ).scalar() == 0
        indexed = conn.execute(text("SELECT count(*) FROM search_fts")).scalar()
        rows = conn.execute(text("SELECT (SELECT count(*) FROM remark) + (SELECT count(*) FROM key_work_item)")).scalar()
        assert indexed == rows
    engine.dispose()


def stored_sources(url: str) -> int:
    engine = make_engine(url)
    with engine.connect() as conn:
        n = conn.execute(text("SELECT count(*) FROM source")).scalar_one()
    engine.dispose()
    return n


@pytest.mark.parametrize(("after", "delay"), [(1, 0.0), (3, 0.03), (6, 0.01)])
def test_sigkill_at_an_arbitrary_moment(tmp_path: Path, after: int, delay: float) -> None:
    """Killed once ``after`` readouts are stored, plus a moment, wherever the process then is
    (reading, parsing, inside a transaction, committing)."""
    url = fresh_db(tmp_path)
    examples = Path(__file__).parents[1] / "examples"
    paths = [str(p) for p in sorted(examples.glob("2023q*"))] + [str(READOUTS)]
    script = RANDOM_KILL_SCRIPT.format(url=url, paths=paths)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "start"
        deadline = time.monotonic() + 60
        while stored_sources(url) < after and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        time.sleep(delay)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=60)
        if proc.stdout is not None:
            proc.stdout.close()
    assert_consistent(url)
    engine = make_engine(url)
    report = ingest_paths(engine, [Path(p) for p in paths])
    engine.dispose()
    assert report.ok
    assert_consistent(url)
    assert counts(url)["meeting"] == 3 + 5 and counts(url)["source"] == 4 + 5


def test_readouts_without_a_date_are_never_merged(tmp_path: Path) -> None:
    url = fresh_db(tmp_path)
    a = variant(gold(STEM), date=None, text="第一篇没有日期的报道。" * 5)
    b = variant(gold("002_d72122a47cf86854"), organ="上海市委", date="2022-13-40", text="第二篇日期有误的报道。" * 5)
    report = run(url, [write_record(tmp_path / "a.json", a), write_record(tmp_path / "b.json", b)])
    assert [f.outcome for f in report.files] == [Outcome.INGESTED, Outcome.INGESTED]
    assert counts(url)["meeting"] == 2


CONCURRENT_SCRIPT = """
import json
from pathlib import Path
from jidu.ledger.db import make_engine
from jidu.ledger.ingest import ingest_paths
report = ingest_paths(make_engine({url!r}), [Path(p) for p in {paths!r}])
print(json.dumps(report.counts()))
"""


def test_two_concurrent_ingests_of_the_same_files(tmp_path: Path) -> None:
    url = fresh_db(tmp_path)
    examples = Path(__file__).parents[1] / "examples"
    paths = [str(p) for p in [*sorted(examples.glob("2023q*")), *sorted(READOUTS.iterdir())]]
    # one process goes forwards, the other backwards: they meet in the middle on the same readouts
    scripts = [CONCURRENT_SCRIPT.format(url=url, paths=order) for order in (paths, paths[::-1])]
    procs = [subprocess.Popen([sys.executable, "-c", s], stdout=subprocess.PIPE, text=True) for s in scripts]
    outputs = [p.communicate(timeout=120)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0]
    reports = [json.loads(out.strip().splitlines()[-1]) for out in outputs]
    assert all(r["error"] == 0 for r in reports)
    assert sum(r["ingested"] for r in reports) == 9  # each readout stored once, by one of the two
    assert_consistent(url)
    assert counts(url)["meeting"] == 8 and counts(url)["source"] == 9


def _bench_generator():  # noqa: ANN202 - the benchmark's readout generator (bench/ingest.py)
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_ingest", Path(__file__).parents[1] / "bench" / "ingest.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _generated(folder: Path, n: int) -> list[Path]:
    """``n`` distinct generated readouts: one organ per 40, a meeting per quarter, varied text."""
    generator = _bench_generator()
    folder.mkdir()
    out = []
    for i in range(n):
        name, body = generator.readout(i, n, 1)
        (folder / name).write_text(body, "utf-8")
        out.append(folder / name)
    return sorted(out)


def _links(url: str) -> set[tuple[str, int, str, int]]:
    """Suggested links by (meeting date, item order) of entry and predecessor: ids differ between ledgers."""
    engine = make_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT m1.date, i1.\"order\", m2.date, i2.\"order\" FROM work_link l "
            "JOIN work_entry e1 ON e1.id = l.entry_id JOIN key_work_item i1 ON i1.id = e1.item_id "
            "JOIN meeting m1 ON m1.id = i1.meeting_id "
            "JOIN work_entry e2 ON e2.id = l.predecessor_id JOIN key_work_item i2 ON i2.id = e2.item_id "
            "JOIN meeting m2 ON m2.id = i2.meeting_id")).all()
    engine.dispose()
    return {tuple(r) for r in rows}


def test_links_are_the_same_whatever_the_order_batches_and_workers(tmp_path: Path) -> None:
    """Continuity links suggested per batch, from indexed candidates, equal scoring every entry."""
    from jidu.work import continuity, service
    from jidu.work.models import WorkEntry

    files = _generated(tmp_path / "in", 80)  # two organs, 40 quarters each
    urls = [fresh_db(tmp_path, f"{k}.db") for k in range(3)]
    reports = [
        ingest_paths(make_engine(urls[0]), files, files=list, workers=0),  # batches of 64, quarters in random order
        ingest_paths(make_engine(urls[1]), files[::-1], files=list, workers=0, batch=1),
        ingest_paths(make_engine(urls[2]), files, files=list, workers=2, batch=5),
    ]
    assert [r.counts()["ingested"] for r in reports] == [80, 80, 80]
    links = [_links(u) for u in urls]
    assert links[0] == links[1] == links[2] and len(links[0]) > 80
    with session_scope(make_engine(urls[0])) as session:
        entries = session.scalars(select(WorkEntry)).all()
        organs = service._organs_of(session, entries)
        texts = [service._entry_text(e, service._organ(e, organs)) for e in entries]
        expected = {(c.entry_id, c.predecessor_id) for c in continuity.suggest_links(texts)}
        stored = {tuple(r) for r in session.execute(text("SELECT entry_id, predecessor_id FROM work_link"))}
    assert stored == expected
    assert counts(urls[0]) == counts(urls[1]) == counts(urls[2])


def test_parse_workers_give_the_same_ledger_as_parsing_in_process(tmp_path: Path) -> None:
    files = _generated(tmp_path / "in", 12)
    (tmp_path / "in" / "weather.txt").write_text("今天晴转多云，最高气温二十五度。", "utf-8")
    a, b = fresh_db(tmp_path, "a.db"), fresh_db(tmp_path, "b.db")
    first = ingest_paths(make_engine(a), [tmp_path / "in"], workers=2)
    second = ingest_paths(make_engine(b), [tmp_path / "in"], workers=0)
    assert first.counts() == second.counts() == {"ingested": 12, "already present": 0, "not a meeting": 1, "error": 0}
    assert [f.path for f in first.files] == [f.path for f in second.files]
    assert counts(a) == counts(b)
    again = ingest_paths(make_engine(a), [tmp_path / "in", *files[:2]], workers=2)
    assert again.counts()["already present"] == 14 and counts(a) == counts(b)


def test_sigkill_inside_a_batch_loses_only_that_batch(tmp_path: Path) -> None:
    url = fresh_db(tmp_path)
    marker = tmp_path / "marker"
    script = KILL_SCRIPT.format(tests=str(Path(__file__).parent), marker=str(marker), url=url, batch=4)
    proc = subprocess.Popen([sys.executable, "-c", script])
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert proc.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert_consistent(url)
    assert counts(url)["source"] == 0  # the first two readouts were in the killed, uncommitted batch
    report = run(url, [READOUTS])
    assert report.counts() == {"ingested": 5, "already present": 0, "not a meeting": 0, "error": 0}
    fresh = fresh_db(tmp_path, "fresh.db")
    ingest_corpus(fresh)
    assert counts(url) == counts(fresh)


def test_a_failing_readout_rolls_back_only_itself_in_its_batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = fresh_db(tmp_path)
    calls: list[int] = []
    real = ingest_module._after_meeting_ingested

    def flaky(session, meeting) -> None:  # noqa: ANN001
        calls.append(meeting.id)
        if len(calls) == 2:
            raise RuntimeError("workflow refused")
        real(session, meeting)

    monkeypatch.setattr(ingest_module, "_after_meeting_ingested", flaky)
    report = run(url, [READOUTS])
    assert [f.outcome for f in report.files].count(Outcome.ERROR) == 1
    assert report.counts()["ingested"] == 4 and counts(url)["source"] == 4
    assert_consistent(url)


def test_migration_0004_gives_sources_stored_before_it_their_band_keys(tmp_path: Path) -> None:
    from jidu.ledger.db import upgrade

    url = fresh_db(tmp_path)
    run(url, [READOUTS])
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE source_band"))
        conn.execute(text("UPDATE alembic_version SET version_num = '0003_query_indexes'"))
    upgrade(engine)
    with session_scope(engine) as session:
        assert session.execute(text("SELECT count(*) FROM source_band")).scalar() == 5 * 16
        source = session.scalars(select(Source).where(Source.path.endswith(f"{STEM}.txt"))).one()
        near = nearest(session, signature(source.text))
        assert near is not None and near[0] == source.id
    engine.dispose()


def test_examples_in_one_batch_store_every_readout_once(tmp_path: Path) -> None:
    """A fuller readout of a meeting rewording the entries another readout of the batch opened."""
    url = fresh_db(tmp_path)
    examples = Path(__file__).parents[1] / "examples"
    report = ingest_paths(make_engine(url), [examples])
    assert report.ok and report.counts()["ingested"] >= 3
    assert_consistent(url)


def test_a_dying_parse_worker_loses_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker killed mid-file (out of memory, a signal) breaks the pool: its files are parsed here."""
    _generated(tmp_path / "in", 10)
    parent, real = os.getpid(), ingest_module.prepare

    def dies_in_a_worker(name: str, data: bytes, parser=None):  # noqa: ANN001, ANN202
        if os.getpid() != parent:
            os._exit(1)
        return real(name, data, parser)

    monkeypatch.setattr(ingest_module, "prepare", dies_in_a_worker)
    url = fresh_db(tmp_path)
    report = ingest_paths(make_engine(url), [tmp_path / "in"], workers=2)
    assert report.counts()["ingested"] == 10 and report.ok


def test_ingest_from_a_thread_parses_in_process(tmp_path: Path) -> None:
    """The web app ingests in a background thread: no fork from a threaded process."""
    import threading

    _generated(tmp_path / "in", 6)
    url = fresh_db(tmp_path)
    out = {}
    thread = threading.Thread(target=lambda: out.update(r=ingest_paths(make_engine(url), [tmp_path / "in"], workers=2)))
    thread.start()
    thread.join(120)
    assert out["r"].counts()["ingested"] == 6
