"""CSV export: one UTF-8 (BOM) file per table, in a directory or a zip archive."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest

from jidu.export.ledger_csv import write_csv
from jidu.ledger.db import make_engine, session_scope
from ledger_data import fresh_db, ingest_corpus

NAMES = ["meetings", "remarks", "items", "attendance", "speeches", "terms", "sources"]


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> str:
    u = fresh_db(tmp_path_factory.mktemp("csv"))
    ingest_corpus(u)
    return u


def test_csv_directory(url: str, tmp_path: Path) -> None:
    with session_scope(make_engine(url)) as session:
        written = write_csv(session, tmp_path / "out")
    assert [p.stem for p in written] == NAMES
    raw = (tmp_path / "out" / "meetings.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["quarter"] for r in rows] == ["2020Q4", "2021Q3", "2021Q4", "2022Q1", "2022Q3"]
    assert rows[0]["presider"] == "" and rows[1]["presider"] == "李强"


def test_csv_zip(url: str, tmp_path: Path) -> None:
    with session_scope(make_engine(url)) as session:
        write_csv(session, tmp_path / "ledger.zip", "2022Q1", "2022Q1")
    with zipfile.ZipFile(tmp_path / "ledger.zip") as archive:
        assert archive.namelist() == [f"{n}.csv" for n in NAMES]
        items = list(csv.DictReader(io.StringIO(archive.read("items.csv").decode("utf-8-sig"))))
    assert len(items) == 6 and {r["quarter"] for r in items} == {"2022Q1"}
    assert all(r["source_id"] for r in items)
