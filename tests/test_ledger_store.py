"""Row-writing helpers: sentences around a span, term occurrences, body offsets, spans."""

from __future__ import annotations

from jidu.ledger.store import body_offset, covering_span, find_occurrences, parse_date, sentence_around
from jidu.record import MeetingRecord, Source


def test_sentence_around_a_span() -> None:
    text = "第一句。要建设“五个新城”，加快推进！第三句"
    start = text.index("五个新城")
    assert sentence_around(text, start, start + 4) == "要建设“五个新城”，加快推进！"
    assert sentence_around(text, len(text) - 2, len(text)) == "第三句"


def test_sentence_stops_at_paragraph_breaks() -> None:
    text = "标题行\n正文“提法”在此"
    start = text.index("提法")
    assert sentence_around(text, start, start + 2) == "正文“提法”在此"


def test_find_occurrences_after_offset() -> None:
    assert list(find_occurrences("3+6和3+6", "3+6")) == [(0, 3), (4, 7)]
    assert list(find_occurrences("3+6和3+6", "3+6", offset=1)) == [(4, 7)]
    assert list(find_occurrences("abc", "")) == []


def test_body_offset_skips_a_title_line() -> None:
    record = MeetingRecord(source=Source(file="x", title="标题“提法”"), is_meeting=True)
    assert body_offset(record, "标题“提法”\n正文") == len("标题“提法”") + 1
    assert body_offset(record, "正文\n标题“提法”") == 0


def test_covering_span_and_dates() -> None:
    record = MeetingRecord(source=Source(file="x"), is_meeting=True, provenance={"date": [(3, 8), (9, 10)]})
    assert covering_span(record, "date") == (3, 10)
    assert covering_span(record, "form") == (None, None) and covering_span(None, "date") == (None, None)
    assert str(parse_date("2022-07-01")) == "2022-07-01" and parse_date("2022-13-01") is None


def test_covering_span_accepts_person_paths_with_or_without_name() -> None:
    record = MeetingRecord(source=Source(file="x"), is_meeting=True, provenance={"presider": [(1, 3)],
                                                                                 "deployer.name": [(5, 7)]})
    assert covering_span(record, "presider.name") == (1, 3)
    assert covering_span(record, "deployer") == (5, 7)
