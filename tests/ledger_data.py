"""Shared test data for the ledger tests: the real corpus (read from ../shared) and records made from it.

Until a reader is at hand, ``gold_parser`` stands in for :func:`jidu.parse.parse_bytes`: it returns
the gold record of a corpus readout (matched by file stem), with the raw text as ``text``.  Variants
of gold records (another outlet's shorter copy, a disagreeing readout) are derived with
``model_copy`` so consolidation can be tested on known differences.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from jidu.ledger.db import open_db
from jidu.record import MeetingRecord, Source

SHARED = Path(__file__).parents[1].parent / "shared"
READOUTS = SHARED / "corpus" / "readouts"
GOLD = SHARED / "corpus" / "gold"


def gold(stem: str) -> MeetingRecord:
    """The gold record of corpus readout ``stem`` (e.g. ``"000_758b895a77f27e86"``)."""
    return MeetingRecord.model_validate(json.loads((GOLD / f"{stem}.json").read_text("utf-8")))


def gold_by_date() -> dict[str, MeetingRecord]:
    return {r.date or "": r for r in (gold(p.stem) for p in sorted(GOLD.glob("*.json")))}


def gold_parser(data: bytes, name: str) -> MeetingRecord:
    """A stand-in reader: the gold record for corpus files, a not-a-meeting record for anything else."""
    stem = Path(name).stem
    if (GOLD / f"{stem}.json").exists():
        record = gold(stem)
        record.source = Source(file=name, **record.source.model_dump(exclude={"file"}))
        return record
    if data.startswith(b"{"):
        return MeetingRecord.model_validate(json.loads(data))
    return MeetingRecord(source=Source(file=name), is_meeting=False, reason="not a readout of a work meeting")


def list_files(paths: Iterable[Path]) -> list[Path]:
    """Files under ``paths``, recursively and sorted (what ``iter_readout_files`` does)."""
    out: list[Path] = []
    for p in paths:
        out.extend(sorted(q for q in p.rglob("*") if q.is_file()) if p.is_dir() else [p])
    return out


def write_record(path: Path, record: MeetingRecord) -> Path:
    """Write a record as a JSON file that :func:`gold_parser` reads back (a made-up readout)."""
    path.write_text(json.dumps(record.to_json(), ensure_ascii=False), "utf-8")
    return path


def fresh_db(tmp_path: Path, name: str = "ledger.db") -> str:
    url = f"sqlite:///{tmp_path / name}"
    open_db(url).dispose()
    return url


def ingest_corpus(url: str):  # noqa: ANN201 - returns the IngestReport
    """Ingest the five real readouts with the gold stand-in reader."""
    from jidu.ledger.db import make_engine
    from jidu.ledger.ingest import ingest_paths

    engine = make_engine(url)
    try:
        return ingest_paths(engine, [READOUTS], parser=gold_parser, files=list_files)
    finally:
        engine.dispose()


def variant(record: MeetingRecord, **changes: object) -> MeetingRecord:
    """A copy of ``record`` with fields replaced (another outlet's readout of the same meeting)."""
    data = record.model_dump(by_alias=True)
    data.update(changes)
    return MeetingRecord.model_validate(data)
