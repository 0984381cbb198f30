"""The workflow commands through the real ``jidu`` app: a supervision office runs a quarter."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from typer.testing import CliRunner

from jidu.cli import app
from ledger_data import READOUTS

runner = CliRunner()
ENV = {"JIDU_NEW_PASSWORD": "long enough secret", "JIDU_USER": "", "JIDU_PASSWORD": ""}


def run(db: str, *args: str, code: int = 0, env: dict[str, str] | None = None) -> str:
    environment = {k: v for k, v in (ENV | (env or {})).items()}
    result = runner.invoke(app, ["--db", db, *args], env={k: v for k, v in environment.items() if v} or None)
    assert result.exit_code == code, result.output
    return result.output


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("workcli") / "work.db")
    run(path, "ingest", str(READOUTS))
    run(path, "users", "add", "root", "--role", "admin")
    run(path, "users", "add", "duban", "--role", "supervisor", "--as", "root")
    run(path, "users", "add", "changning", "--role", "unit_editor", "--unit", "长宁区委", "--as", "root")
    run(path, "users", "add", "jinshan", "--role", "unit_editor", "--unit", "金山区委", "--as", "root")
    return path


def q3(db: str) -> list[dict]:
    return json.loads(run(db, "work", "list", "-q", "2022Q3", "--json", "--at", "2022-07-02"))


def test_users_list_and_role(db: str) -> None:
    users = {u["username"]: u for u in json.loads(run(db, "users", "list", "--json"))}
    assert users["changning"] == {"username": "changning", "name": None, "role": "unit_editor", "unit": "长宁区委",
                                  "active": True}
    out = run(db, "users", "add", "x", "--role", "viewer", "--as", "duban", code=1)
    assert "不能管理用户" in out
    run(db, "users", "role", "jinshan", "unit_editor", "--unit", "金山区委", "--as", "root")


def test_a_quarter_from_ingest_to_briefing(db: str, tmp_path: Path) -> None:
    entries = q3(db)
    assert len(entries) >= 5 and {e["status"] for e in entries} == {"registered"}
    first, second = entries[0]["id"], entries[1]["id"]
    # assign, sign, report progress
    run(db, "work", "assign", str(first), "--lead", "长宁区委", "--co", "市卫生健康委", "--as", "duban")
    run(db, "work", "assign", str(second), "--lead", "金山区委", "--as", "duban")
    run(db, "work", "acknowledge", str(first), "--as", "changning")
    out = run(db, "work", "acknowledge", str(first), "--as", "jinshan", code=1)
    assert "不是该事项的牵头或配合单位" in out
    shown = json.loads(run(db, "work", "progress", str(first), "40", "--note", "方案已印发", "--as", "changning", "--json"))
    assert shown["status"] == "in_progress" and shown["progress"] == 40
    run(db, "work", "feedback", str(first), "完成第一阶段", "--as", "changning")
    # the 催办 list and the bulletin as of late August
    due = json.loads(run(db, "work", "due", "-q", "2022Q3", "--at", "2022-08-25", "--json"))
    light = due["长宁区委"][0]["light"]  # 61 % of the time gone, 40 % done
    assert light["light"] == "yellow" and "滞后 21 个百分点" in light["explanation"]
    bulletin = json.loads(run(db, "work", "bulletin", "2022Q3", "--at", "2022-08-25", "--json"))
    assert bulletin["by_status"]["in_progress"] == 1 and bulletin["by_status"]["assigned"] == 1
    md = run(db, "work", "bulletin", "2022Q3", "--at", "2022-08-25")
    assert "# 2022Q3 重点工作督查通报" in md
    # feedback from Excel: the unit fills its workbook, the office imports it (twice: applied once)
    book = tmp_path / "jinshan.xlsx"
    run(db, "work", "export", "2022Q3", str(book), "--unit", "金山区委", "--at", "2022-08-25")
    wb = openpyxl.load_workbook(book)
    ws = wb["台账"]
    header = [c.value for c in ws[1]]
    ws.cell(row=2, column=header.index("进度(%)") + 1, value=100)
    ws.cell(row=2, column=header.index("办理状态") + 1, value="待复核")
    ws.cell(row=2, column=header.index("反馈内容") + 1, value="已全部完成")
    wb.save(book)
    report = json.loads(run(db, "work", "import", str(book), "--as", "jinshan", "--json"))
    assert report["applied"] == [2] and report["errors"] == []
    again = json.loads(run(db, "work", "import", str(book), "--as", "jinshan", "--json"))
    assert again["applied"] == [] and again["skipped"] == [2]
    # review, close, evaluate, score
    run(db, "work", "review", str(second), "--approve", "--as", "duban")
    scored = json.loads(run(db, "work", "evaluate", str(second), "--quality", "90", "--as", "duban", "--json"))
    assert scored["quality"] == 90
    card = json.loads(run(db, "work", "scorecard", "2022Q3", "--json"))
    assert card[0]["unit"] == "金山区委" and card[0]["closed"] == 1
    # the briefing, then carry the rest into the next quarter
    brief_md = tmp_path / "brief.md"
    run(db, "brief", "2022Q3", "--format", "md", "-o", str(brief_md), "--at", "2022-09-28")
    assert "## 四、结转事项" in brief_md.read_text(encoding="utf-8")
    brief_docx = tmp_path / "brief.docx"
    run(db, "brief", "2022Q3", "-o", str(brief_docx), "--at", "2022-09-28")
    assert Document(str(brief_docx)).paragraphs[0].text == "2022Q3 重点工作督办情况简报"
    moved = json.loads(run(db, "work", "carry", "--quarter", "2022Q3", "--as", "duban", "--json"))
    assert len(moved) == len(entries) - 1 and {m["quarter"] for m in moved} == {"2022Q4"}
    carried = next(m for m in moved if m["from"] == first)
    detail = json.loads(run(db, "work", "show", str(carried["id"]), "--json"))
    assert detail["status"] == "in_progress" and detail["progress"] == 40 and detail["lead_unit"] == "长宁区委"
    assert [h["action"] for h in detail["history"]][:4] == ["create", "assign", "acknowledge", "progress"]
    assert any(lk["kind"] == "carry" and lk["state"] == "confirmed" for lk in detail["links"])


def test_refusals_exit_1_with_the_reason(db: str) -> None:
    entry = json.loads(run(db, "work", "list", "-q", "2020Q4", "--json"))[0]["id"]
    assert "待交办" in run(db, "work", "close", str(entry), "--as", "duban", code=1)
    out = run(db, "work", "assign", str(entry), "--lead", "长宁区委", code=2)
    assert "--as" in out
    out = run(db, "work", "progress", "999999", "10", "--as", "changning", code=1)
    assert "999999" in out


def test_links_domain_settings(db: str) -> None:
    entries = json.loads(run(db, "work", "list", "-q", "2021Q4", "--json"))
    target = next(e for e in entries if "浦东" in e["title"])
    # the entry's own link (its successor's link to it is listed too, in the order links were made)
    links = [lk for lk in json.loads(run(db, "work", "link", str(target["id"]), "--json")) if lk["entry"] == target["id"]]
    assert links and links[0]["predecessor_quarter"] == "2021Q3" and links[0]["state"] == "suggested"
    run(db, "work", "link", "--confirm", str(links[0]["id"]), "--as", "duban")
    after = json.loads(run(db, "work", "link", str(target["id"]), "--json"))
    assert next(lk for lk in after if lk["id"] == links[0]["id"])["state"] == "confirmed"
    run(db, "work", "domain", str(target["id"]), "城市治理与数字化转型", "--as", "duban")
    assert json.loads(run(db, "work", "show", str(target["id"]), "--json"))["domain"] == "governance"
    out = run(db, "work", "settings", "--yellow-lag", "5", "--as", "duban", code=1)
    assert "修改设置" in out
    settings = json.loads(run(db, "work", "settings", "--yellow-lag", "5", "--as", "root", "--json"))
    assert settings == {"yellow_lag": 5.0, "red_lag": 30.0, "near_days": 3}
