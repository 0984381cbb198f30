"""Quarter comparison: item matching thresholds, greedy pairing, terms, people, units."""

from __future__ import annotations

import pytest

from jidu.analysis.diff import (
    CONTINUED,
    REWORDED,
    ItemRef,
    QuarterSnapshot,
    diff_quarters,
    match_items,
    similarity,
    status_for,
)


def refs(*texts: str) -> list[ItemRef]:
    return [ItemRef(t, order=i) for i, t in enumerate(texts)]


def test_similarity_bounds() -> None:
    assert similarity("加快推进五个新城建设", "加快推进五个新城建设") == 1.0
    assert similarity("", "") == 1.0
    assert similarity("甲乙丙", "丁戊己") == 0.0


@pytest.mark.parametrize(("score", "status"), [(1.0, "continued"), (CONTINUED, "continued"), (0.6, "reworded"),
                                               (REWORDED, "reworded"), (0.2, None)])
def test_status_thresholds(score: float, status: str | None) -> None:
    assert status_for(score) == status


def test_match_items_classifies_each_item() -> None:
    a = refs("全力抓好疫情防控工作，守住不发生规模性反弹的底线",
             "加快推进五个新城建设，抓好规划编制和项目落地",
             "做好防汛防台各项准备")
    b = refs("加快推进五个新城建设，抓好规划编制和重大项目落地",
             "毫不放松抓好常态化疫情防控，坚决守住不发生规模性反弹底线",
             "办好第五届进博会")
    result = match_items(a, b)
    by_b = {m.b.text: m for m in result if m.b}
    assert by_b[b[0].text].status == "continued" and by_b[b[0].text].a == a[1]
    assert by_b[b[1].text].status == "reworded" and by_b[b[1].text].a == a[0]
    assert by_b[b[2].text].status == "new" and by_b[b[2].text].a is None
    dropped = [m for m in result if m.status == "dropped"]
    assert [m.a for m in dropped] == [a[2]] and dropped[0].similarity < REWORDED


def test_each_item_is_matched_at_most_once() -> None:
    a = refs("抓好疫情防控工作")
    b = refs("抓好疫情防控工作", "抓好疫情防控工作。")
    result = match_items(a, b)
    assert [m.status for m in result] == ["continued", "new"]


def test_empty_quarters() -> None:
    assert match_items([], []) == []
    assert [m.status for m in match_items(refs("甲"), [])] == ["dropped"]


def test_diff_quarters_lists_terms_people_units() -> None:
    a = QuarterSnapshot("2022Q1", [1], refs("做好防汛"), ["五个新城", "3+6"], ["张一", "李二"], ["东湖区委", "市财政局"])
    b = QuarterSnapshot("2022Q2", [2], refs("做好防汛"), ["3+6", "一网统管"], ["李二", "王三"], ["市财政局", "西山区委"])
    d = diff_quarters(a, b)
    assert (d.a, d.b) == ("2022Q1", "2022Q2")
    assert d.terms_appeared == ["一网统管"] and d.terms_disappeared == ["五个新城"] and d.terms_kept == ["3+6"]
    assert d.people_joined == ["王三"] and d.people_left == ["张一"] and d.people_stayed == ["李二"]
    assert d.units_both == ["市财政局"]
    assert d.counts() == {"continued": 1, "reworded": 0, "new": 0, "dropped": 0}
    assert (d.meetings_a, d.meetings_b) == ([1], [2])
