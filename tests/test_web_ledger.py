"""The ledger board and entry actions, for every role, through forms and the JSON API."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from jidu.web import actions
from web_support import login, make_client


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    return make_client(tmp_path)


def entry(client: TestClient, entry_id: int) -> dict:
    return client.get(f"/api/entries/{entry_id}").json()


def test_board_lists_the_latest_quarter_with_overdue_highlighted(client: TestClient) -> None:
    login(client, "duban")
    page = client.get("/board").text
    assert "2023Q4" in page
    assert 'class="overdue"' in page  # the demo's 2023Q4 entries are past their deadline
    assert "逾期" in page and "单位赛马" in page
    closed = client.get("/board", params={"quarter": "2023Q2", "status": "closed"}).text
    assert closed.count('href="/entries/') >= 4 and "待交办" in closed  # the status counts stay


def test_board_filters_by_unit_and_a_unit_editor_sees_their_unit_first(client: TestClient) -> None:
    login(client, "donghu")
    page = client.get("/board").text
    assert "东湖区委" in page and "西岭区委</td>" not in page


def test_supervisor_assigns_through_the_form(client: TestClient) -> None:
    token = login(client, "duban")
    page = client.get("/entries/20").text
    assert 'data-action="assign"' in page and 'data-action="feedback"' not in page
    response = client.post("/entries/20/assign", data={
        "csrf_token": token, "lead": "西岭区委", "cooperating": "市应急局党委、市商务委党组", "deadline": "2023-12-31",
    })
    assert response.status_code == 200 and "操作已完成" in response.text
    data = entry(client, 20)
    assert data["status"] == "assigned" and data["lead_unit"] == "西岭区委"
    assert data["cooperating_units"] == ["市应急局党委", "市商务委党组"]
    assert data["history"][-1]["actor"] == "duban"


def test_unit_editor_signs_reports_and_gives_feedback(client: TestClient) -> None:
    token = login(client, "fagai")  # entry 16 is assigned to 市发展改革委党组
    page = client.get("/entries/16").text
    assert 'data-action="acknowledge"' in page and 'data-action="assign"' not in page
    assert client.post("/entries/16/acknowledge", data={"csrf_token": token}).status_code == 200
    assert client.post("/entries/16/progress", data={"csrf_token": token, "progress": "45", "note": "方案印发"}).status_code == 200
    assert client.post("/entries/16/feedback", data={"csrf_token": token, "text": "已召开推进会"}).status_code == 200
    data = entry(client, 16)
    assert data["status"] == "in_progress" and data["progress"] == 45
    assert [f["text"] for f in data["feedback"]][-2:] == ["方案印发", "已召开推进会"]
    assert data["feedback"][-1]["channel"] == "web"


def test_unit_editor_is_refused_on_another_units_entry(client: TestClient) -> None:
    token = login(client, "xiling")  # entry 14 is led by 东湖区委
    page = client.get("/entries/14").text
    assert 'id="no-actions"' in page and "本单位不是该事项的牵头或配合单位" in page  # says why
    response = client.post("/entries/14/feedback", data={"csrf_token": token, "text": "越权反馈"})
    assert response.status_code == 403
    assert "本单位不是该事项的牵头或配合单位" in response.text
    api = client.post("/api/entries/14/progress", json={"progress": 90}, headers={"X-CSRF-Token": token})
    assert api.status_code == 403 and "neither leads nor co-owns" in api.json()["detail"]
    assert all(f["text"] != "越权反馈" for f in entry(client, 14)["feedback"])
    assert entry(client, 14)["progress"] != 90


def test_cooperating_unit_may_report_progress_but_not_sign() -> None:
    from jidu.work.models import User, WorkEntry

    # the rule is the library's: a co-owner may report progress and feedback, not sign or report done
    editor = User(username="co", role="unit_editor", unit_id=7, active=True, password_hash="x")
    e = WorkEntry(status="acknowledged", lead_unit_id=3)
    e.cooperating = []
    assert actions.available(editor, e) == []
    from jidu.work.models import WorkEntryUnit

    e.cooperating = [WorkEntryUnit(unit_id=7, position=0)]
    assert actions.available(editor, e) == ["progress", "feedback"]


def test_viewer_can_read_but_not_act(client: TestClient) -> None:
    token = login(client, "guest")
    assert client.get("/entries/14").status_code == 200
    assert client.post("/entries/14/feedback", data={"csrf_token": token, "text": "x"}).status_code == 403
    assert client.get("/import").text.count('type="file"') == 0
    assert client.post("/import", data={"csrf_token": token}, files={"files": ("a.txt", b"x")}).status_code == 403


def test_wrong_status_is_a_conflict_with_the_reason(client: TestClient) -> None:
    token = login(client, "duban")
    response = client.post("/entries/1/assign", data={"csrf_token": token, "lead": "东湖区委"})  # closed
    assert response.status_code == 409 and "不能交办" in response.text
    bad = client.post("/entries/14/close", data={"csrf_token": token, "reason": "x"})
    assert bad.status_code == 200  # closing off an entry in progress is allowed
    assert entry(client, 14)["status"] == "closed"


def test_review_evaluate_reopen_and_carry(client: TestClient) -> None:
    token = login(client, "duban")
    pending = [e for e in client.get("/api/entries", params={"status": "pending_review"}).json()]
    target = pending[0]["id"]
    assert client.post(f"/entries/{target}/review", data={"csrf_token": token, "decision": "reject"}).status_code == 422
    assert client.post(f"/entries/{target}/review",
                       data={"csrf_token": token, "decision": "reject", "reason": "缺少佐证材料"}).status_code == 200
    assert entry(client, target)["status"] == "in_progress"
    assert client.post(f"/entries/{target}/close", data={"csrf_token": token}).status_code == 200
    assert client.post(f"/entries/{target}/evaluate", data={"csrf_token": token, "quality": "90"}).status_code == 200
    assert entry(client, target)["evaluation"]["quality"] == 90
    assert client.post(f"/entries/{target}/reopen", data={"csrf_token": token, "reason": "误销号"}).status_code == 200
    response = client.post(f"/entries/{target}/carry", data={"csrf_token": token, "to_quarter": "2024Q1"})
    assert response.status_code == 200
    assert entry(client, target)["carried_to"] == "2024Q1"


def test_bad_input_is_refused_not_crashing(client: TestClient) -> None:
    token = login(client, "donghu")
    for data in ({"progress": "abc"}, {"progress": "150"}, {"progress": ""}):
        response = client.post("/entries/14/progress", data={"csrf_token": token, **data})
        assert response.status_code == 422, data
        assert "操作被拒绝" in response.text
    assert client.post("/entries/14/nonsense", data={"csrf_token": token}).status_code == 422
    assert client.post("/entries/99999/feedback", data={"csrf_token": token, "text": "x"}).status_code == 404
    assert client.get("/entries/99999").status_code == 404


def test_api_runs_a_whole_entry(client: TestClient) -> None:
    sup = login(client, "duban")
    headers = {"X-CSRF-Token": sup}
    assert client.post("/api/entries/20/assign", json={"lead": "东湖区委", "cooperating": ["市科委党组"]},
                       headers=headers).status_code == 200
    client.post("/api/logout", headers=headers)
    assert client.post("/api/login", json={"username": "donghu", "password": "jidu-demo-2023"}).status_code == 403
    fresh = client.get("/api/csrf").json()["csrf_token"]
    unit = client.post("/api/login", json={"username": "donghu", "password": "jidu-demo-2023"},
                       headers={"X-CSRF-Token": fresh}).json()
    assert unit["user"] == {"username": "donghu", "role": "unit_editor", "unit": "东湖区委"}
    headers = {"X-CSRF-Token": unit["csrf_token"]}
    for action, body in (("acknowledge", {}), ("progress", {"progress": 60}), ("feedback", {"text": "推进中"}),
                         ("report_done", {"note": "完成"})):
        response = client.post(f"/api/entries/20/{action}", json=body, headers=headers)
        assert response.status_code == 200, (action, response.text)
    data = response.json()
    assert data["status"] == "pending_review" and data["actions"] == ["feedback"]
    assert client.post("/api/entries/20/review", json={"decision": "approve"}, headers=headers).status_code == 403
    assert client.post("/api/entries/20/fly", json={}, headers=headers).status_code == 404


def test_supervisor_decides_a_continuity_link(client: TestClient) -> None:
    token = login(client, "duban")
    page = client.get("/entries/14").text
    import re

    link_id = int(re.search(r'action="/entries/14/links/(\d+)"', page).group(1))
    done = client.post(f"/entries/14/links/{link_id}", data={"csrf_token": token, "decision": "confirm"})
    assert done.status_code == 200 and "操作已完成" in done.text
    assert f'/entries/14/links/{link_id}"' not in done.text  # confirmed: no more buttons
    bad = client.post(f"/entries/14/links/{link_id}", data={"csrf_token": token, "decision": "maybe"})
    assert "操作被拒绝" in bad.text


def test_unit_editor_cannot_decide_links_carry_or_open_entries(client: TestClient) -> None:
    token = login(client, "donghu")
    headers = {"X-CSRF-Token": token}
    assert "/links/" not in client.get("/entries/14").text
    assert client.post("/api/links/1", json={"decision": "break"}, headers=headers).status_code == 403
    assert client.post("/api/quarters/2023Q4/carry", json={}, headers=headers).status_code == 403
    assert client.post("/api/meetings/3/from-remarks", headers=headers).status_code == 403
    assert "board/carry" not in client.get("/board").text
    refused = client.post("/board/carry", data={"csrf_token": token, "quarter": "2023Q4"})
    assert "操作被拒绝" in refused.text
    assert all(e["status"] != "carried_over" for e in client.get("/api/entries", params={"quarter": "2023Q4"}).json())


def test_supervisor_carries_a_quarter_and_opens_entries_from_remarks(client: TestClient) -> None:
    token = login(client, "duban")
    board = client.get("/board", params={"quarter": "2023Q4"}).text
    assert 'action="/board/carry"' in board
    done = client.post("/board/carry", data={"csrf_token": token, "quarter": "2023Q4"})
    assert done.status_code == 200 and "已结转的事项：8" in done.text
    assert len(client.get("/api/entries", params={"quarter": "2024Q1"}).json()) == 8
    assert client.get("/api/quarters/2023Q4/scorecard").json()[0]["carried_over"] >= 1
    page = client.post("/meetings/3/from-remarks", data={"csrf_token": token})
    assert "新生成的事项：5" in page.text
    assert client.post("/api/meetings/3/from-remarks", headers={"X-CSRF-Token": token}).json() == {"opened": 0}
