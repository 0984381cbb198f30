"""The ledger commands through the real ``jidu`` app: outputs on known data, JSON, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from jidu.cli import app
from ledger_data import READOUTS

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("cli") / "cli.db")
    result = runner.invoke(app, ["--db", path, "ingest", str(READOUTS)])
    assert result.exit_code == 0, result.output
    return path


def jidu(db: str, *args: str) -> str:
    result = runner.invoke(app, ["--db", db, *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_ingest_summary_and_rerun(db: str) -> None:
    out = jidu(db, "ingest", str(READOUTS))
    assert "Ingest summary" in out and "already present" in out
    data = json.loads(jidu(db, "ingest", "--json", str(READOUTS)))
    assert data["counts"] == {"ingested": 0, "already present": 5, "not a meeting": 0, "error": 0}


def test_ingest_exits_1_when_a_file_errors(db: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", "utf-8")
    result = runner.invoke(app, ["--db", db, "ingest", str(bad), str(tmp_path / "missing.md")])
    assert result.exit_code == 1
    assert "error" in result.output and "no such file" in result.output


def test_meetings(db: str) -> None:
    rows = json.loads(jidu(db, "meetings", "--json"))
    assert [r["quarter"] for r in rows] == ["2020Q4", "2021Q3", "2021Q4", "2022Q1", "2022Q3"]
    assert "2022-07-01" in jidu(db, "meetings")
    assert len(json.loads(jidu(db, "meetings", "--json", "--from", "2022Q1"))) == 2
    assert runner.invoke(app, ["--db", db, "meetings", "--from", "2022"]).exit_code == 2


def test_show(db: str) -> None:
    out = jidu(db, "show", "2022Q3")
    assert "李强" in out and "动态清零" in out and "长宁区委" in out
    (detail,) = json.loads(jidu(db, "show", "2022-07-01", "--json"))
    assert detail["deployer"]["name"] == "龚正"
    assert json.loads(jidu(db, "show", str(detail["id"]), "--json"))["id"] == detail["id"]
    assert runner.invoke(app, ["--db", db, "show", "1999Q1"]).exit_code == 2


def test_diff(db: str) -> None:
    data = json.loads(jidu(db, "diff", "2021Q4", "2022Q1", "--json"))
    assert data["counts"] == {"continued": 0, "reworded": 0, "new": 6, "dropped": 4}
    assert data["terms_kept"] == ["3+6"] and data["people_joined"] == ["刘多"]
    out = jidu(db, "diff", "2021Q4", "2022Q1")
    assert "dropped" in out and "普陀区委" in out
    assert "no meeting deploys 2019Q1" in jidu(db, "diff", "2019Q1", "2022Q1")


def test_terms(db: str) -> None:
    table = json.loads(jidu(db, "terms", "--json"))
    rows = {r["term"]: r for r in table["rows"]}
    assert rows["五个新城"]["by_quarter"] == {"2021Q3": 1, "2022Q1": 1}
    hits = json.loads(jidu(db, "terms", "五个新城", "--json"))
    assert [h["quarter"] for h in hits] == ["2021Q3", "2022Q1"] and all("五个新城" in h["sentence"] for h in hits)
    assert "2022Q1" in jidu(db, "terms", "五个新城")


def test_people(db: str) -> None:
    matrix = json.loads(jidu(db, "people", "--json"))
    assert len(matrix["meetings"]) == 5
    history = json.loads(jidu(db, "people", "龚正", "--json"))
    assert [m["roles"] for m in history["meetings"]] == [["deployer"]] * 5
    assert "did you mean 诸葛宇杰" in jidu(db, "people", "诸葛")


def test_search(db: str) -> None:
    hits = json.loads(jidu(db, "search", "五个新城", "--json"))
    assert len(hits) == 4 and all("[五个新城]" in h["snippet"] for h in hits)
    assert "进博" in jidu(db, "search", "进博")


def test_export_every_format(db: str, tmp_path: Path) -> None:
    jidu(db, "export", "--format", "xlsx", "--out", str(tmp_path / "l.xlsx"), "--from", "2022Q1", "--to", "2022Q4")
    wb = openpyxl.load_workbook(tmp_path / "l.xlsx")
    assert wb["会议 Meetings"].max_row == 2 + 2
    jidu(db, "export", "-f", "csv", "-o", str(tmp_path / "csv"))
    assert (tmp_path / "csv" / "items.csv").exists()
    jidu(db, "export", "-f", "json", "-o", str(tmp_path / "l.json"))
    assert len(json.loads((tmp_path / "l.json").read_text("utf-8"))["meetings"]) == 5
    out = jidu(db, "export", "-f", "jsonl", "-o", "-")
    assert len([line for line in out.splitlines() if line.startswith("{")]) == 5
    assert runner.invoke(app, ["--db", db, "export", "-f", "pdf"]).exit_code == 2


def test_source_shows_where_a_value_came_from(db: str) -> None:
    hit = json.loads(jidu(db, "terms", "五个新城", "--json"))[0]
    data = json.loads(jidu(db, "source", str(hit["source_id"]), "--span", f"{hit['start']}:{hit['end']}", "--json"))
    assert data["span"]["text"] == "五个新城" and data["id"] == hit["source_id"]
    assert "五个新城" in jidu(db, "source", str(hit["source_id"]))
    assert runner.invoke(app, ["--db", db, "source", "999"]).exit_code == 2
    assert runner.invoke(app, ["--db", db, "source", "1", "--span", "9:1"]).exit_code == 2
