"""The ledger as JSON (one document) or JSON Lines (one meeting per line), for scripts and pandas.

Each meeting is :func:`jidu.ledger.queries.meeting_detail`: the same data ``jidu show --json``
prints, with source ids and spans on every remark, item, person and unit.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy.orm import Session

from jidu.export.tables import select_meetings
from jidu.ledger.queries import meeting_detail

SCHEMA = "jidu.ledger/1"


def meeting_documents(session: Session, start: str | None = None, end: str | None = None) -> list[dict[str, Any]]:
    return [meeting_detail(session, m) for m in select_meetings(session, start, end)]


def ledger_document(session: Session, start: str | None = None, end: str | None = None) -> dict[str, Any]:
    """The whole export as one JSON object: schema, range and meetings by date."""
    return {"schema": SCHEMA, "from": start, "to": end, "meetings": meeting_documents(session, start, end)}


def write_json(session: Session, out: TextIO, start: str | None = None, end: str | None = None) -> int:
    """Write one JSON document; returns the number of meetings."""
    doc = ledger_document(session, start, end)
    json.dump(doc, out, ensure_ascii=False, indent=2)
    out.write("\n")
    return len(doc["meetings"])


def write_jsonl(session: Session, out: TextIO, start: str | None = None, end: str | None = None) -> int:
    """Write one meeting per line; returns the number of meetings."""
    docs = meeting_documents(session, start, end)
    for doc in docs:
        out.write(json.dumps(doc, ensure_ascii=False) + "\n")
    return len(docs)


def write_json_file(session: Session, path: Path, fmt: str, start: str | None = None, end: str | None = None) -> int:
    with path.open("w", encoding="utf-8") as out:
        return (write_jsonl if fmt == "jsonl" else write_json)(session, out, start, end)
