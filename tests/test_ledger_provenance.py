"""Provenance spans of a stored readout: every field's span points at the text it was read from."""

from __future__ import annotations

from pathlib import Path

from jidu.ledger import queries
from jidu.ledger.db import open_db, session_scope
from jidu.ledger.ingest import ingest_paths
from jidu.ledger.provenance import field_spans, spans_of
from web_support import EXAMPLES


def test_field_spans_point_at_the_values(tmp_path: Path) -> None:
    engine = open_db(f"sqlite:///{tmp_path / 'p.db'}")
    ingest_paths(engine, [EXAMPLES / "2023q4_shifanwei.txt"])
    with session_scope(engine) as session:
        meeting = queries.resolve(session, "2023Q4")[0]
        detail = queries.meeting_detail(session, meeting)
        source_id = detail["sources"][0]["id"]
        spans = field_spans(session, source_id)
        text = queries.source_text(session, source_id)
        start, end = spans["presider"][0]
        assert text[start:end] == detail["presider"]["name"]
        assert "10月9日" in text[spans["date"][0][0]:spans["date"][0][1]]
        remark = spans_of(spans, "remarks[0]")
        assert len(remark) == 2 and remark == sorted(remark)  # heading and text
        assert spans_of(spans, "remarks[0]") != spans_of(spans, "remarks[1]")
        assert field_spans(session, 9999) == {}


def test_spans_of_matches_whole_path_segments() -> None:
    spans = {"remarks[1].text": [(5, 9)], "remarks[10].text": [(50, 60)], "remarks[1].heading": [(1, 4)]}
    assert spans_of(spans, "remarks[1]") == [(1, 4), (5, 9)]
    assert spans_of(spans, "remarks") == [(1, 4), (5, 9), (50, 60)]
    assert spans_of(spans, "date") == []
