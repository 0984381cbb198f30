import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session

from jidu.ledger.db import make_engine
from jidu.ledger.ingest import ingest_paths
from jidu.work import queries, service
from jidu.work.errors import AuthenticationFailed, InvalidInput, InvalidTransition, NotFound, PermissionDenied
from jidu.work.lifecycle import Status
from jidu.work.lights import Light
from jidu.work.models import WorkEntry, WorkHistory, WorkLink
from ledger_data import fresh_db
from work_data import CO, LEAD, OTHER, PASSWORD, add_users, at, ledger

Q3 = "2022Q3"


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    """The corpus ingested and one user per role, committed once (password hashing is slow by design)."""
    engine = ledger(tmp_path_factory.mktemp("work"))
    with Session(engine) as session:
        add_users(session)
        session.commit()
    return engine


@pytest.fixture
def session(engine):
    """Each test works in a transaction that is rolled back, over the same ingested corpus."""
    connection = engine.connect()
    trans = connection.begin()
    session = Session(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False)
    try:
        yield session
    finally:
        session.close()
        trans.rollback()
        connection.close()


@pytest.fixture
def users(session):
    return {u.username: u for u in service.list_users(session)}


def q3_entries(session):
    return session.scalars(select(WorkEntry).where(WorkEntry.quarter == Q3).order_by(WorkEntry.id)).all()


def assigned(session, users, now=None):
    entry = q3_entries(session)[1]
    service.assign(session, users["sup"], entry.id, LEAD, [CO], now=now or at(2022, 7, 2))
    return entry


# ---------------------------------------------------------------- ingest creates entries
def test_ingest_created_one_entry_per_deployment_item(session):
    entries = q3_entries(session)
    assert len(entries) == 5
    first = entries[1]
    assert first.title.startswith("全力抓好“外防输入、内防反弹”")
    assert first.origin == "item" and first.status == "registered" and first.progress == 0
    assert first.start_date == dt.date(2022, 7, 1) and first.deadline == dt.date(2022, 9, 30)
    assert first.domain == "epidemic" and "外防输入、内防反弹" in first.domain_evidence["matched"]
    assert first.source_id is not None and first.item_id is not None
    assert [h.action for h in first.history] == ["create"]
    assert first.history[0].actor == "system" and first.history[0].to_status == "registered"


def test_entries_from_meeting_is_idempotent(session):
    entry = q3_entries(session)[0]
    before = session.scalar(select(WorkEntry.id).order_by(WorkEntry.id.desc()))
    assert service.entries_from_meeting(session, entry.meeting_id and session.get(
        service.Meeting, entry.meeting_id)) == []
    assert session.scalar(select(WorkEntry.id).order_by(WorkEntry.id.desc())) == before


def test_remark_requirements_become_entries(session, users):
    meeting_id = q3_entries(session)[0].meeting_id
    made = service.entries_from_remarks(session, users["sup"], meeting_id, now=at(2022, 7, 2))
    assert len(made) == 5 and all(e.origin == "remark" for e in made)
    assert made[1].title == "坚决贯彻“动态清零”总方针，毫不放松抓好疫情防控"
    assert service.entries_from_remarks(session, users["sup"], meeting_id) == []
    with pytest.raises(PermissionDenied):
        service.entries_from_remarks(session, users["lead"], meeting_id)


# ---------------------------------------------------------------- the whole chain
def test_full_lifecycle_with_history(session, users):
    entry = assigned(session, users)
    assert entry.status == "assigned" and entry.lead_unit.name == LEAD
    assert [u.name for u in entry.cooperating_units] == [CO]
    service.acknowledge(session, users["lead"], entry.id, now=at(2022, 7, 3))
    service.report_progress(session, users["lead"], entry.id, 40, note="监测网络建成", now=at(2022, 8, 1))
    service.report_progress(session, users["co"], entry.id, 60, now=at(2022, 8, 20))
    service.add_feedback(session, users["co"], entry.id, "配合完成疫苗接种点布设", now=at(2022, 8, 21))
    service.report_done(session, users["lead"], entry.id, note="全部完成", now=at(2022, 9, 20))
    assert entry.status == "pending_review" and entry.progress == 100
    service.review(session, users["sup"], entry.id, approve=True, now=at(2022, 9, 22))
    assert entry.status == "closed" and entry.closed_at == at(2022, 9, 20)
    ev = service.evaluate(session, users["sup"], entry.id, 90, comment="成效明显", now=at(2022, 10, 8))
    assert ev.timeliness == 100 and ev.score == 94.0
    rows = queries.history(session, entry)
    assert [(h.action, h.from_status, h.to_status) for h in rows] == [
        ("create", None, "registered"),
        ("assign", "registered", "assigned"),
        ("acknowledge", "assigned", "acknowledged"),
        ("progress", "acknowledged", "in_progress"),
        ("progress", "in_progress", "in_progress"),
        ("feedback", "in_progress", "in_progress"),
        ("report_done", "in_progress", "pending_review"),
        ("approve", "pending_review", "closed"),
        ("evaluate", "closed", "closed"),
    ]
    assert [h.actor for h in rows][1:4] == ["sup", "lead", "lead"]
    assert rows[1].details == {"lead": LEAD, "cooperating": [CO]}
    assert [f.text for f in entry.feedback] == ["监测网络建成", "", "配合完成疫苗接种点布设", "全部完成"]


def test_rejected_review_needs_a_reason_and_returns_to_work(session, users):
    entry = assigned(session, users)
    service.acknowledge(session, users["lead"], entry.id)
    service.report_done(session, users["lead"], entry.id)
    with pytest.raises(InvalidInput, match="退回须说明理由"):
        service.review(session, users["sup"], entry.id, approve=False)
    service.review(session, users["sup"], entry.id, approve=False, reason="缺少佐证材料")
    assert entry.status == "in_progress" and entry.reported_done_at is None
    assert entry.history[-1].reason == "缺少佐证材料"


def test_no_closing_an_entry_never_assigned(session, users):
    entry = q3_entries(session)[0]
    with pytest.raises(InvalidTransition, match="待交办"):
        service.close(session, users["sup"], entry.id)
    assert entry.status == "registered" and len(entry.history) == 1


def test_close_off_directly_and_reopen(session, users):
    entry = assigned(session, users)
    service.acknowledge(session, users["lead"], entry.id)
    service.close(session, users["sup"], entry.id, reason="并入其他事项", now=at(2022, 8, 1))
    assert entry.status == "closed" and entry.progress == 100
    with pytest.raises(InvalidInput):
        service.reopen(session, users["sup"], entry.id, reason=" ")
    service.reopen(session, users["sup"], entry.id, reason="误销号")
    assert entry.status == "in_progress" and entry.closed_at is None


def test_evaluate_only_closed_entries_and_late_timeliness(session, users):
    entry = assigned(session, users)
    with pytest.raises(InvalidTransition):
        service.evaluate(session, users["sup"], entry.id, 80)
    service.acknowledge(session, users["lead"], entry.id)
    # closed 3 days after the deadline (Shanghai): timeliness 85
    service.close(session, users["sup"], entry.id, now=at(2022, 10, 3))
    ev = service.evaluate(session, users["sup"], entry.id, 80)
    assert ev.timeliness == 85 and ev.score == pytest.approx(0.6 * 80 + 0.4 * 85)
    with pytest.raises(InvalidInput):
        service.evaluate(session, users["sup"], entry.id, 120)


# ---------------------------------------------------------------- roles, per action
def test_unit_editors_only_on_their_own_entries(session, users):
    entry = assigned(session, users)
    with pytest.raises(PermissionDenied, match="不是该事项的牵头或配合单位"):
        service.acknowledge(session, users["other"], entry.id)
    with pytest.raises(PermissionDenied):
        service.acknowledge(session, users["co"], entry.id)  # only the lead unit signs
    with pytest.raises(PermissionDenied):
        service.acknowledge(session, users["sup"], entry.id)
    service.acknowledge(session, users["lead"], entry.id)
    with pytest.raises(PermissionDenied, match="feedback"):
        service.add_feedback(session, users["other"], entry.id, "不是我的事项")
    with pytest.raises(PermissionDenied):
        service.report_progress(session, users["viewer"], entry.id, 10)
    with pytest.raises(PermissionDenied):
        service.report_done(session, users["co"], entry.id)
    with pytest.raises(PermissionDenied):
        service.report_progress(session, users["sup"], entry.id, 10)  # the office does not report for units
    for name in ("lead", "co", "other", "viewer"):
        with pytest.raises(PermissionDenied):
            service.assign(session, users[name], entry.id, OTHER)
        with pytest.raises(PermissionDenied):
            service.close(session, users[name], entry.id)
        with pytest.raises(PermissionDenied):
            service.carry_over(session, users[name], entry.id)
        with pytest.raises(PermissionDenied):
            service.set_domain(session, users[name], entry.id, "safety")
    assert entry.status == "acknowledged"


def test_office_can_enter_a_units_report_on_its_behalf(session, users):
    entry = assigned(session, users)
    service.acknowledge(session, users["sup"], entry.id, on_behalf_of=LEAD)
    assert entry.history[-1].actor == "sup（代长宁区委）"
    with pytest.raises(PermissionDenied):
        service.report_progress(session, users["sup"], entry.id, 20, on_behalf_of=OTHER)
    with pytest.raises(PermissionDenied):
        service.report_progress(session, users["lead"], entry.id, 20, on_behalf_of=CO)


def test_progress_is_validated(session, users):
    entry = assigned(session, users)
    with pytest.raises(InvalidTransition, match="已交办"):
        service.report_progress(session, users["lead"], entry.id, 10)  # sign first
    service.acknowledge(session, users["lead"], entry.id)
    for bad in (-1, 101, 12.5, True):
        with pytest.raises(InvalidInput):
            service.report_progress(session, users["lead"], entry.id, bad)


def test_history_is_append_only(session, users):
    entry = assigned(session, users)
    row = entry.history[0]
    row.reason = "篡改"
    with pytest.raises(PermissionError):
        session.flush()
    session.rollback()
    with pytest.raises(DatabaseError, match="append-only"):
        session.execute(text("DELETE FROM work_history"))


def test_deactivated_user_can_do_nothing(session, users):
    entry = assigned(session, users)
    service.set_role(session, users["admin"], "lead", "unit_editor", unit=LEAD, active=False)
    with pytest.raises(PermissionDenied, match="停用"):
        service.acknowledge(session, users["lead"], entry.id)


# ---------------------------------------------------------------- users
def test_users_and_authentication(session, users):
    user = service.authenticate(session, "lead", PASSWORD)
    assert user.unit.name == LEAD and user.password_hash.startswith("$argon2")
    assert PASSWORD not in user.password_hash
    with pytest.raises(AuthenticationFailed, match="用户名或密码错误"):
        service.authenticate(session, "lead", "wrong password")
    with pytest.raises(AuthenticationFailed, match="用户名或密码错误"):
        service.authenticate(session, "nobody", PASSWORD)
    with pytest.raises(PermissionDenied):
        service.create_user(session, users["sup"], "x1", PASSWORD, "viewer")
    with pytest.raises(InvalidInput, match="绑定单位"):
        service.create_user(session, users["admin"], "x2", PASSWORD, "unit_editor")
    with pytest.raises(InvalidInput, match="至少"):
        service.create_user(session, users["admin"], "x3", "short", "viewer")
    with pytest.raises(InvalidInput, match="已存在"):
        service.create_user(session, users["admin"], "lead", PASSWORD, "viewer")
    with pytest.raises(InvalidInput, match="最后一个管理员"):
        service.set_role(session, users["admin"], "admin", "viewer")
    service.set_role(session, users["admin"], "viewer", "supervisor")
    assert service.get_user(session, "viewer").role == "supervisor"
    service.set_password(session, users["co"], "co", "another long one")
    assert service.authenticate(session, "co", "another long one").username == "co"
    with pytest.raises(PermissionDenied):
        service.set_password(session, users["co"], "lead", "another long one")
    with pytest.raises(NotFound):
        service.get_user(session, "ghost")


def test_first_user_must_be_admin(tmp_path):
    engine = ledger(tmp_path, stems=())
    with Session(engine) as session:
        with pytest.raises(InvalidInput, match="第一个用户必须是管理员"):
            service.create_user(session, None, "sup", PASSWORD, "supervisor")
        service.create_user(session, None, "root", PASSWORD, "admin")
        with pytest.raises(PermissionDenied):
            service.create_user(session, None, "sup", PASSWORD, "supervisor")


# ---------------------------------------------------------------- lights and overdue in the ledger
def test_lights_and_overdue_of_entries(session, users):
    entry = assigned(session, users)
    service.acknowledge(session, users["lead"], entry.id)
    service.report_progress(session, users["lead"], entry.id, 20, now=at(2022, 8, 1))
    settings = service.light_settings(session)
    mid = queries.view(entry, at(2022, 8, 15), settings)  # ~49 % elapsed, lag ~29: yellow
    assert mid.light.light is Light.YELLOW and not mid.overdue
    late = queries.view(entry, at(2022, 10, 1, 0), settings)  # Shanghai midnight after the deadline
    assert late.overdue and late.light.light is Light.RED and late.status_label == "办理中（逾期）"
    still = queries.view(entry, dt.datetime(2022, 9, 30, 15, 59, tzinfo=dt.UTC), settings)
    assert not still.overdue
    service.report_done(session, users["lead"], entry.id, now=at(2022, 9, 29))
    done = queries.view(entry, at(2022, 10, 5), settings)
    assert done.light is None and not done.overdue  # reported done: waiting for the office


def test_settings_are_stored_and_change_lights(session, users):
    entry = assigned(session, users)
    service.acknowledge(session, users["lead"], entry.id)
    service.report_progress(session, users["lead"], entry.id, 45)
    with pytest.raises(PermissionDenied):
        service.update_light_settings(session, users["sup"], yellow_lag=1)
    with pytest.raises(InvalidInput):
        service.update_light_settings(session, users["admin"], yellow_lag=50)
    with pytest.raises(InvalidInput, match="unknown settings"):
        service.update_light_settings(session, users["admin"], blue_lag=5)
    assert queries.view(entry, at(2022, 8, 15), service.light_settings(session)).light.light is Light.GREEN
    service.update_light_settings(session, users["admin"], yellow_lag=2, red_lag=20)
    s = service.light_settings(session)
    assert (s.yellow_lag, s.red_lag, s.near_days) == (2, 20, 3)
    assert queries.view(entry, at(2022, 8, 15), s).light.light is Light.YELLOW


def test_due_list_groups_by_unit(session, users):
    entries = q3_entries(session)
    service.assign(session, users["sup"], entries[1].id, LEAD)
    service.assign(session, users["sup"], entries[2].id, OTHER, deadline=dt.date(2022, 8, 10))
    groups = queries.due_list(session, within_days=7, quarter=Q3, now=at(2022, 8, 5))
    assert list(groups) == [OTHER, LEAD, queries.UNASSIGNED]
    assert [v.entry.id for v in groups[OTHER]] == [entries[2].id]  # due in 5 days
    assert groups[LEAD][0].light.light is Light.RED  # 38 % elapsed, 0 % done: lag > 30
    early = queries.due_list(session, within_days=7, quarter=Q3, now=at(2022, 7, 2))
    assert early == {}


# ---------------------------------------------------------------- carry-over and continuity
def test_carry_over_keeps_history_units_and_progress(session, users):
    entry = assigned(session, users)
    service.acknowledge(session, users["lead"], entry.id)
    service.report_progress(session, users["lead"], entry.id, 70, now=at(2022, 9, 1))
    new = service.carry_over(session, users["sup"], entry.id, reason="跨季度推进", now=at(2022, 9, 30))
    assert entry.status == "carried_over" and entry.carried_to == "2022Q4"
    assert (new.quarter, new.status, new.progress) == ("2022Q4", "in_progress", 70)
    assert new.lead_unit_id == entry.lead_unit_id and [u.name for u in new.cooperating_units] == [CO]
    assert (new.start_date, new.deadline) == (dt.date(2022, 10, 1), dt.date(2022, 12, 31))
    chain = queries.history(session, new)
    assert [h.entry_id for h in chain][:5] == [entry.id] * 5
    assert [h.action for h in chain][-2:] == ["carry", "carry"]
    link = queries.predecessor(session, new)
    assert link.predecessor_id == entry.id and link.kind == "carry" and link.state == "confirmed"
    with pytest.raises(InvalidTransition):
        service.carry_over(session, users["sup"], entry.id)
    with pytest.raises(InvalidInput, match="之后的季度"):
        service.carry_over(session, users["sup"], new.id, to_quarter="2022Q3")
    with pytest.raises(InvalidTransition, match="cannot be broken"):
        service.decide_link(session, users["sup"], link.id, confirm=False)
    service.report_progress(session, users["co"], new.id, 80)  # still the co-owner after carry-over


def test_carry_quarter_moves_all_unfinished(session, users):
    entries = q3_entries(session)
    e = assigned(session, users)
    service.acknowledge(session, users["lead"], e.id)
    service.close(session, users["sup"], e.id)
    moved = service.carry_quarter(session, users["sup"], Q3, to_quarter="2023Q1")
    assert len(moved) == len(entries) - 1 and {m.quarter for m in moved} == {"2023Q1"}


def test_suggested_links_on_the_real_corpus(session, users):
    q3 = q3_entries(session)
    safety = q3[4]
    link = queries.predecessor(session, safety)
    pred = session.get(WorkEntry, link.predecessor_id)
    assert pred.quarter == "2022Q1" and "维护城市安全稳定" in pred.title
    assert link.state == "suggested" and "同一领域" in link.evidence and link.similarity > 0.3
    service.decide_link(session, users["sup"], link.id, confirm=False, reason="不是同一项工作")
    assert queries.predecessor(session, safety) is None
    service.suggest_links(session, [safety])
    relinked = queries.predecessor(session, safety)
    assert relinked is not None and relinked.predecessor_id != pred.id  # a broken pair is not suggested again
    manual = service.link_entries(session, users["sup"], safety.id, pred.id, reason="复核后确认")
    assert manual.state == "confirmed" and queries.predecessor(session, safety).id == manual.id
    with pytest.raises(PermissionDenied):
        service.link_entries(session, users["lead"], safety.id, pred.id)
    with pytest.raises(InvalidInput):
        service.link_entries(session, users["sup"], pred.id, safety.id)


def test_links_found_whatever_the_ingest_order(session):
    # the corpus files are ingested 2022Q3 first, 2020Q4 last; links still point to the nearest quarter
    by_quarter = {}
    for link in session.scalars(select(WorkLink)):
        by_quarter.setdefault(link.entry.quarter, set()).add(link.predecessor.quarter)
    assert by_quarter["2022Q3"] >= {"2022Q1"}
    assert by_quarter["2021Q3"] == {"2020Q4"}
    assert "2020Q4" not in by_quarter


# ---------------------------------------------------------------- domain corrections, manual entries
def test_domain_correction_sticks(session, users):
    entry = q3_entries(session)[0]
    assert entry.domain == "party"
    service.set_domain(session, users["sup"], entry.id, "疫情防控", reason="统筹疫情防控为主")
    assert entry.domain == "epidemic" and entry.domain_manual
    assert entry.history[-1].details == {"domain_from": "party", "domain_to": "epidemic"}
    with pytest.raises(InvalidInput):
        service.set_domain(session, users["sup"], entry.id, "天气")


def test_manual_entry(session, users):
    entry = service.create_entry(session, users["sup"], "编制新城重点产业导入清单", "2022Q3", lead_unit="嘉定区委",
                                 cooperating=["市经济信息化委"], now=at(2022, 7, 20))
    assert entry.status == "assigned" and entry.start_date == dt.date(2022, 7, 20)
    assert entry.domain == "industry" and not entry.domain_manual
    assert [h.action for h in entry.history] == ["create", "assign"]
    with pytest.raises(PermissionDenied):
        service.create_entry(session, users["lead"], "x", "2022Q3")
    with pytest.raises(InvalidInput, match="2022Q3"):
        service.create_entry(session, users["sup"], "x", "2022-3")
    with pytest.raises(InvalidInput, match="牵头单位"):
        service.assign(session, users["sup"], entry.id, "嘉定区委", ["嘉定区委"])
    with pytest.raises(NotFound):
        service.get_entry(session, 99999)


def test_edit_entry_keeps_old_values(session, users):
    entry = q3_entries(session)[0]
    service.edit_entry(session, users["sup"], entry.id, deadline=dt.date(2022, 8, 31), reason="提前完成")
    assert entry.deadline == dt.date(2022, 8, 31)
    assert entry.history[-1].details == {"old_deadline": "2022-09-30"}
    with pytest.raises(InvalidInput):
        service.edit_entry(session, users["sup"], entry.id, deadline=dt.date(2022, 6, 1))
    assert Status(entry.status) is Status.REGISTERED
    assert session.scalars(select(WorkHistory).where(WorkHistory.entry_id == entry.id)).all()[-1].action == "edit"


# ---------------------------------------------------------------- the 示例市 story across three quarters
EXAMPLES = Path(__file__).parents[1] / "examples"


def test_continuity_on_the_example_quarters(tmp_path):
    engine = make_engine(fresh_db(tmp_path))
    ingest_paths(engine, [EXAMPLES])
    with Session(engine) as session:
        entries = session.scalars(select(WorkEntry).order_by(WorkEntry.quarter, WorkEntry.id)).all()
        assert [sum(e.quarter == q for e in entries) for q in ("2023Q2", "2023Q3", "2023Q4")] == [6, 7, 7]

        def pred(fragment: str, quarter: str) -> str | None:
            entry = next(e for e in entries if e.quarter == quarter and fragment in e.title)
            link = queries.predecessor(session, entry)
            return None if link is None else f"{link.predecessor.quarter}:{link.predecessor.title[:6]}"

        # continued (some reworded) from Q2 to Q3
        assert pred("扩大有效投资", "2023Q3") == "2023Q2:全力扩大有效"
        assert pred("湖港联动", "2023Q3") == "2023Q2:深化“湖港联"
        assert pred("民心工程", "2023Q3") == "2023Q2:用心用情办好"
        assert pred("防汛防台", "2023Q3") == "2023Q2:提前做好防汛"
        # new in Q3: consumption and the 6th CIIE
        assert pred("提振消费", "2023Q3") is None and pred("进博会", "2023Q3") is None
        # Q4 continues Q3, safety reworded for winter; the mid-term review of the plan is new
        assert pred("进博会", "2023Q4") == "2023Q3:全力做好第六"
        assert pred("冬季安全生产", "2023Q4") == "2023Q3:切实做好防汛"
        assert pred("十四五", "2023Q4") is None
        link = queries.predecessor(session, next(e for e in entries if e.quarter == "2023Q4" and "湖港联动" in e.title))
        assert link.shared_terms == ["湖港联动"] and "共同提法 “湖港联动”" in link.evidence


# ---------------------------------------------------------------- every role for every service action
def _to(session, users, status: str):
    """A 2022Q3 entry brought to ``status`` by the admin (lead 长宁区委, cooperating 市发展改革委)."""
    admin = users["admin"]
    entry = q3_entries(session)[2]
    if status == "registered":
        return entry
    service.assign(session, admin, entry.id, LEAD, [CO])
    if status == "assigned":
        return entry
    service.acknowledge(session, admin, entry.id)
    if status == "acknowledged":
        return entry
    service.report_done(session, admin, entry.id)
    if status == "pending_review":
        return entry
    service.review(session, admin, entry.id, approve=True)
    return entry


def _earlier(session):
    return session.scalars(select(WorkEntry).where(WorkEntry.quarter == "2022Q1")).first()


ACTIONS = {
    "assign": ("registered", lambda s, u, e: service.assign(s, u, e.id, LEAD)),
    "acknowledge": ("assigned", lambda s, u, e: service.acknowledge(s, u, e.id)),
    "progress": ("acknowledged", lambda s, u, e: service.report_progress(s, u, e.id, 30)),
    "feedback": ("acknowledged", lambda s, u, e: service.add_feedback(s, u, e.id, "进展顺利")),
    "report_done": ("acknowledged", lambda s, u, e: service.report_done(s, u, e.id)),
    "approve": ("pending_review", lambda s, u, e: service.review(s, u, e.id, approve=True)),
    "reject": ("pending_review", lambda s, u, e: service.review(s, u, e.id, approve=False, reason="补材料")),
    "close": ("acknowledged", lambda s, u, e: service.close(s, u, e.id)),
    "reopen": ("closed", lambda s, u, e: service.reopen(s, u, e.id, reason="误操作")),
    "evaluate": ("closed", lambda s, u, e: service.evaluate(s, u, e.id, 80)),
    "carry": ("acknowledged", lambda s, u, e: service.carry_over(s, u, e.id)),
    "edit": ("registered", lambda s, u, e: service.edit_entry(s, u, e.id, title="新表述")),
    "set_domain": ("registered", lambda s, u, e: service.set_domain(s, u, e.id, "safety")),
    "link": ("registered", lambda s, u, e: service.link_entries(s, u, e.id, _earlier(s).id)),
    "from_remarks": ("registered", lambda s, u, e: service.entries_from_remarks(s, u, e.meeting_id)),
    "create": ("registered", lambda s, u, e: service.create_entry(s, u, "新事项", "2022Q3")),
    "settings": ("registered", lambda s, u, e: service.update_light_settings(s, u, near_days=5)),
    "add_user": ("registered", lambda s, u, e: service.create_user(s, u, "newbie", PASSWORD, "viewer")),
}
OFFICE = {"admin", "sup"}
ALLOWED = {
    "assign": OFFICE, "approve": OFFICE, "reject": OFFICE, "close": OFFICE, "reopen": OFFICE,
    "evaluate": OFFICE, "carry": OFFICE, "edit": OFFICE, "set_domain": OFFICE, "link": OFFICE,
    "from_remarks": OFFICE, "create": OFFICE,
    "acknowledge": {"admin", "lead"}, "report_done": {"admin", "lead"},
    "progress": {"admin", "lead", "co"}, "feedback": {"admin", "sup", "lead", "co"},
    "settings": {"admin"}, "add_user": {"admin"},
}


@pytest.mark.parametrize("role", ["admin", "sup", "lead", "co", "other", "viewer"])
@pytest.mark.parametrize("action", list(ACTIONS))
def test_service_enforces_every_role_for_every_action(session, users, action, role):
    status, call = ACTIONS[action]
    entry = _to(session, users, status)
    history = len(entry.history)
    if role in ALLOWED[action]:
        call(session, users[role], entry)
    else:
        with pytest.raises(PermissionDenied):
            call(session, users[role], entry)
        session.refresh(entry)
        assert entry.status == status and len(entry.history) == history


def test_available_actions_are_what_an_interface_offers(session, users):
    entry = _to(session, users, "acknowledged")
    assert [a.value for a in service.available_actions(users["lead"], entry)] == [
        "progress", "feedback", "report_done"]
    assert [a.value for a in service.available_actions(users["co"], entry)] == ["progress", "feedback"]
    assert service.available_actions(users["other"], entry) == []
    assert service.available_actions(users["viewer"], entry) == []
    assert [a.value for a in service.available_actions(users["sup"], entry)] == [
        "feedback", "close", "carry", "edit", "set_domain", "link"]
    registered = q3_entries(session)[0]
    assert "close" not in [a.value for a in service.available_actions(users["admin"], registered)]


def test_reassign_until_signed(session, users):
    entry = assigned(session, users)
    service.assign(session, users["sup"], entry.id, OTHER, reason="调整牵头单位")
    assert entry.lead_unit.name == OTHER and entry.cooperating_units == []
    assert entry.history[-1].from_status == "assigned" and entry.history[-1].reason == "调整牵头单位"
    with pytest.raises(PermissionDenied):
        service.acknowledge(session, users["lead"], entry.id)  # no longer the lead unit
    service.acknowledge(session, users["other"], entry.id)
    with pytest.raises(InvalidTransition):
        service.assign(session, users["sup"], entry.id, LEAD)


def test_meeting_without_a_quarter_gets_no_entries(session):
    meeting = session.get(service.Meeting, q3_entries(session)[0].meeting_id)
    meeting.quarter = None
    assert service.entries_from_meeting(session, meeting) == []
    meeting.quarter = "sometime"
    assert service.entries_from_meeting(session, meeting) == []
