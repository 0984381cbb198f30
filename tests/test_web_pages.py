"""Every page, as the demo's users see it: timeline, meeting, sources, compare, trends, people, search,
import and exports, in Chinese and English."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from docx import Document
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from jidu.web.routes.meetings import by_quarter, filter_meetings
from web_support import EXAMPLES, csrf_of, login, make_client

ROLES = ("admin", "duban", "donghu", "guest")
PAGES = ("/", "/meetings/2", "/sources/3", "/compare", "/trends", "/people", "/people/陈立群", "/search?q=防汛",
         "/board", "/entries/14", "/import", "/exports")


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    return make_client(tmp_path)


@pytest.mark.parametrize("role", ROLES)
def test_every_page_renders_for_every_role(client: TestClient, role: str) -> None:
    login(client, role)
    for path in PAGES:
        response = client.get(path)
        assert response.status_code == 200, (role, path)
        assert response.headers["content-type"].startswith("text/html")
        assert "jidu" in response.text


def test_timeline_groups_by_quarter_and_filters(client: TestClient) -> None:
    login(client, "guest")
    page = client.get("/").text.split('class="timeline"')[1]
    assert page.index("2023Q4") < page.index("2023Q3") < page.index("2023Q2")
    assert page.count('class="meeting-card"') == 3 and "陈立群" in page and "林海涛" in page
    assert client.get("/", params={"year": "2022"}).text.count('class="meeting-card"') == 0
    assert client.get("/", params={"organ": "示例市委", "year": "2023"}).text.count('class="meeting-card"') == 3
    assert client.get("/meetings", params={"year": "2023"}, follow_redirects=False).headers["location"] == "/?year=2023"


def test_meeting_fields_point_at_their_spans(client: TestClient) -> None:
    login(client, "guest")
    detail = client.get("/api/meetings/2").json()
    page = client.get("/meetings/2").text
    texts = {s["id"]: client.get(f"/api/sources/{s['id']}").json()["text"] for s in detail["sources"]}
    spans = re.findall(r'data-src="(\d+)" data-start="(\d+)" data-end="(\d+)"', page)
    assert len(spans) > 20
    for src, start, end in spans:
        assert 0 <= int(start) < int(end) <= len(texts[int(src)])
    presider = re.search(r'id="f-presider" tabindex="0" data-src="(\d+)" data-start="(\d+)" data-end="(\d+)"', page)
    src, start, end = (int(x) for x in presider.groups())
    assert texts[src][start:end] == "陈立群"
    date = re.search(r'id="f-date" tabindex="0" data-src="(\d+)" data-start="(\d+)" data-end="(\d+)"', page)
    assert "7月5日" in texts[int(date.group(1))][int(date.group(2)) - 2:int(date.group(3)) + 2]
    for item in detail["deployment"]["items"]:
        assert f'data-src="{item["source_id"]}" data-start="{item["start"]}" data-end="{item["end"]}"' in page
    assert page.count('class="readout"') == 2  # both readouts of the meeting, side by side in tabs
    assert "由本次会议生成的督办事项" in page


def test_source_page_highlights_the_asked_span(client: TestClient) -> None:
    login(client, "guest")
    page = client.get("/sources/3", params={"start": 27, "end": 30}).text
    assert re.search(r'<mark id="hit">[^<]{3}</mark>', page)
    assert "<mark" not in client.get("/sources/3", params={"start": 30, "end": 10}).text.split("</header>")[1]
    assert client.get("/sources/999").status_code == 404
    assert client.get("/sources/3", params={"start": -1}).status_code == 422


def test_compare_lays_items_side_by_side(client: TestClient) -> None:
    login(client, "guest")
    page = client.get("/compare", params={"a": "2023Q3", "b": "2023Q4"}).text
    assert "2023Q3" in page and "2023Q4" in page
    for label in ("延续", "调整表述", "新增", "不再部署"):
        assert label in page
    assert 'class="d-continued"' in page and 'class="d-new"' in page and 'class="d-dropped"' in page
    assert client.get("/compare", params={"a": "bogus", "b": "2023Q4"}).status_code == 422


def test_trends_page_carries_chart_data_and_occurrences(client: TestClient) -> None:
    login(client, "guest")
    page = client.get("/trends", params={"term": "湖港联动"}).text
    raw = re.search(r"data-chart='([^']+)'", page).group(1)
    data = json.loads(raw.replace("&#34;", '"').replace("&amp;", "&"))
    assert data["term"] == {"term": "湖港联动", "quarters": ["2023Q2", "2023Q3", "2023Q4"], "counts": [2, 3, 2]}
    assert data["domains"]["quarters"] == ["2023Q2", "2023Q3", "2023Q4"]
    assert all(abs(sum(d["shares"][i] for d in data["domains"]["domains"]) - 100) < 0.5 for i in range(3))
    assert page.count("<mark>湖港联动</mark>") >= 7  # every occurrence, marked in its sentence
    assert '/static/vendor/echarts/echarts.min.js' in page
    assert "没有匹配的提法" in client.get("/trends", params={"q": "不存在的提法"}).text


def test_people_matrix_and_person_page(client: TestClient) -> None:
    login(client, "guest")
    page = client.get("/people").text
    assert 'class="role r-presider">P<' in page and 'class="role r-deployer">D<' in page
    assert client.get("/people", params={"name": "林"}).text.count('href="/people/') == 1
    person = client.get("/people/陈立群").text
    assert person.count('href="/meetings/') == 3
    assert client.get("/people/无此人").status_code == 404


def test_search_marks_the_match(client: TestClient) -> None:
    login(client, "guest")
    page = client.get("/search", params={"q": "防汛"}).text
    assert "<mark>防汛</mark>" in page and "条结果" in page
    assert re.search(r'href="/sources/\d+\?start=\d+&amp;end=\d+#hit"', page)
    assert "没有找到匹配的内容" in client.get("/search", params={"q": "火星基地"}).text


def test_english_interface_by_query_and_cookie(client: TestClient) -> None:
    login(client, "guest")
    english = client.get("/board", params={"lang": "en"})
    assert "Ledger board" in english.text and 'lang="en"' in english.text
    assert "Ledger board" in client.get("/board").text  # remembered by the cookie
    assert "督办台账" in client.get("/board", params={"lang": "zh"}).text
    assert "督办台账" in client.get("/board", params={"lang": "xx"}).text


def test_light_explanations_follow_the_language(client: TestClient) -> None:
    login(client, "guest")
    assert "序时进度" in client.get("/board", params={"lang": "zh"}).text
    english = client.get("/board", params={"lang": "en"}).text
    assert "of the time elapsed" in english and "序时进度" not in english


def test_import_page_ingests_and_reports_each_file(client: TestClient) -> None:
    token = login(client, "duban")
    files = [("files", ("q4.txt", (EXAMPLES / "2023q4_shifanwei.txt").read_bytes(), "text/plain")),
             ("files", ("notes.txt", "今天天气很好。".encode(), "text/plain"))]
    page = client.post("/import", data={"csrf_token": token}, files=files)
    assert page.status_code == 200 and "导入完成" in page.text
    assert "q4.txt" in page.text and "已存在" in page.text and "不是会议通稿" in page.text
    job_id = re.search(r'data-job="([0-9a-f]+)"', page.text).group(1)
    data = client.get(f"/api/import/{job_id}").json()
    assert data["finished"] and data["done"] == data["total"] == 2
    assert [f["outcome"] for f in data["files"]] == ["already present", "not a meeting"]
    empty = client.post("/import", data={"csrf_token": csrf_of(page.text)})
    assert "没有选择文件" in empty.text


def test_exports_download_real_files(client: TestClient) -> None:
    login(client, "guest")
    page = client.get("/exports").text
    assert "/exports/brief/2023Q4.docx" in page
    data = client.get("/exports/ledger.json", params={"from": "2023Q3", "to": "2023Q3"}).json()
    assert data["schema"] == "jidu.ledger/1" and len(data["meetings"]) == 1
    xlsx = client.get("/exports/ledger.xlsx")
    assert len(load_workbook(io.BytesIO(xlsx.content)).sheetnames) == 7  # one sheet per ledger table
    assert xlsx.headers["content-disposition"].startswith("attachment")
    names = zipfile.ZipFile(io.BytesIO(client.get("/exports/ledger-csv.zip").content)).namelist()
    assert "meetings.csv" in names and "items.csv" in names
    brief = Document(io.BytesIO(client.get("/exports/brief/2023Q4.docx").content))
    assert any("2023" in p.text for p in brief.paragraphs)
    markdown = client.get("/exports/brief/2023q4.md")
    assert markdown.headers["content-type"].startswith("text/markdown") and markdown.text.startswith("#")
    bulletin = client.get("/exports/bulletin/2023Q4.md")
    assert bulletin.status_code == 200 and "2023Q4" in bulletin.text and "逾期" in bulletin.text
    work = load_workbook(io.BytesIO(client.get("/exports/work/2023Q4.xlsx", params={"unit": "东湖区委"}).content))
    assert "台账" in work.sheetnames
    assert client.get("/exports/brief/nope.docx").status_code == 404
    assert client.get("/exports/ledger.json", params={"from": "2023Q9"}).status_code == 422


def test_filter_and_group_helpers() -> None:
    from jidu.ledger.queries import MeetingRow

    rows = [MeetingRow(i, d, q, o, None, None, None, 1, 0, 0, 0) for i, d, q, o in (
        (1, "2022-04-01", "2022Q2", "甲"), (2, "2023-04-01", "2023Q2", "乙"), (3, "2023-04-02", "2023Q2", "甲"))]
    assert [r.id for r in filter_meetings(rows, "甲", None)] == [1, 3]
    assert [r.id for r in filter_meetings(rows, None, "2023")] == [2, 3]
    assert list(by_quarter(rows)) == ["2023Q2", "2022Q2"]
    assert [r.id for r in by_quarter(rows)["2023Q2"]] == [3, 2]
