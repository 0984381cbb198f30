"""JSON and JSON Lines exports: the same meeting documents as ``jidu show --json``."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from jidu.export.ledger_json import SCHEMA, write_json, write_json_file, write_jsonl
from jidu.ledger.db import make_engine, session_scope
from ledger_data import fresh_db, gold, ingest_corpus


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> str:
    u = fresh_db(tmp_path_factory.mktemp("json"))
    ingest_corpus(u)
    return u


def test_json_document(url: str) -> None:
    out = io.StringIO()
    with session_scope(make_engine(url)) as session:
        assert write_json(session, out) == 5
    doc = json.loads(out.getvalue())
    assert doc["schema"] == SCHEMA and len(doc["meetings"]) == 5
    q3 = doc["meetings"][-1]
    assert q3["quarter"] == "2022Q3"
    assert [i["text"] for i in q3["deployment"]["items"]] == gold("000_758b895a77f27e86").deployment.items


def test_jsonl_one_meeting_per_line(url: str, tmp_path: Path) -> None:
    path = tmp_path / "m.jsonl"
    with session_scope(make_engine(url)) as session:
        assert write_json_file(session, path, "jsonl", "2021Q4") == 3
    lines = path.read_text("utf-8").splitlines()
    assert [json.loads(line)["quarter"] for line in lines] == ["2021Q4", "2022Q1", "2022Q3"]
    out = io.StringIO()
    with session_scope(make_engine(url)) as session:
        write_jsonl(session, out, None, "2020Q4")
    assert len(out.getvalue().splitlines()) == 1
