"""Segmenting text for highlighting, snippets, unit lists, times and the per-source comparison."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from jidu.web.format import (
    compare_rows,
    local_time,
    mark_all,
    snippet,
    source_values,
    split_span,
    split_units,
)


@given(st.text(max_size=60), st.integers(-5, 70), st.integers(-5, 70))
def test_split_span_keeps_every_character(text: str, start: int, end: int) -> None:
    segments = split_span(text, start, end)
    assert "".join(s for s, _ in segments) == text
    marked = [s for s, on in segments if on]
    if 0 <= start <= end <= len(text) and start < end:
        assert marked == [text[start:end]]
    else:
        assert marked == []


def test_mark_all_and_snippet() -> None:
    assert mark_all("防汛防台，防汛", "防汛") == [("防汛", True), ("防台，", False), ("防汛", True)]
    assert mark_all("abc", "") == [("abc", False)]
    text = "甲" * 50 + "进博会" + "乙" * 50
    segs = snippet(text, "进博会", context=5)
    assert segs[0] == ("…", False) and segs[-1] == ("…", False)
    assert ("进博会", True) in segs and "".join(s for s, _ in segs) == "…" + "甲" * 5 + "进博会" + "乙" * 5 + "…"
    assert snippet("短句", "无") == [("短句", False)]


def test_split_units_accepts_chinese_separators() -> None:
    assert split_units("市应急局党委、市商务委党组，东湖区委; 西岭区委") == ["市应急局党委", "市商务委党组", "东湖区委", "西岭区委"]
    assert split_units("") == []


def test_local_time_is_shanghai() -> None:
    assert local_time(dt.datetime(2023, 7, 5, 2, 0, tzinfo=dt.UTC)) == "2023-07-05 10:00"
    assert local_time(dt.datetime(2023, 7, 5, 20, 0)) == "2023-07-06 04:00"
    assert local_time(None) == ""


def test_source_values_and_compare_rows() -> None:
    text = "7月5日下午，市委书记陈立群主持会议。"
    spans = {"date": [(0, 4)], "time_of_day": [(4, 6)], "presider": [(11, 14)], "attendees[0]": [(11, 14)],
             "attendees[1]": [(0, 1)], "remarks[0].text": [(0, 5)], "remarks[0].heading": [(0, 2)]}
    values = source_values(spans, text)
    assert values["date"] == "7月5日" and values["presider"] == "陈立群" and values["form"] == ""
    assert values["attendees"] == "2" and values["remarks"] == "1" and values["deployment.items"] == "0"
    rows = {name: (vals, differs) for name, vals, differs in compare_rows([values, {**values, "form": "视频会议"}])}
    assert rows["form"] == (["", "视频会议"], True)
    assert rows["date"] == (["7月5日", "7月5日"], False)
