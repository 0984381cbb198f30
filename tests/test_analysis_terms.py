"""Term frequency: a meeting reported twice counts its fullest readout once."""

from __future__ import annotations

from jidu.analysis.terms import TermHit, frequency, meeting_counts, occurrences


def hit(term: str, meeting: int, quarter: str, source: int, start: int) -> TermHit:
    return TermHit(term, meeting, quarter, f"{quarter}-date", source, f"s{source}.md", f"句{start}", start, start + 2)


HITS = [
    hit("新城", 1, "2022Q1", 10, 5), hit("新城", 1, "2022Q1", 10, 50), hit("新城", 1, "2022Q1", 11, 7),
    hit("新城", 2, "2022Q2", 12, 3),
    hit("清零", 2, "2022Q2", 12, 9), hit("清零", 3, "2022Q3", 13, 1),
]


def test_meeting_counts_take_the_fullest_source() -> None:
    assert meeting_counts(HITS)[("新城", 1)] == 2


def test_frequency_by_quarter() -> None:
    table = frequency(HITS)
    assert table.quarters == ["2022Q1", "2022Q2", "2022Q3"]
    first, second = table.rows
    assert (first.term, first.total, first.meetings, first.by_quarter) == ("新城", 3, 2, {"2022Q1": 2, "2022Q2": 1})
    assert (second.term, second.first, second.last) == ("清零", "2022Q2", "2022Q3")


def test_occurrences_in_order() -> None:
    found = occurrences(HITS, "新城")
    assert [(h.meeting_id, h.source_id, h.start) for h in found] == [(1, 10, 5), (1, 10, 50), (1, 11, 7), (2, 12, 3)]
    assert occurrences(HITS, "无") == []
    assert frequency([]).rows == []
