"""Consolidation: several readouts of one meeting merged without overwriting disagreements."""

from __future__ import annotations

import pytest

from jidu.ledger.consolidate import consolidate, meeting_key, union_pairs
from jidu.record import Deployment, Person, Remark
from ledger_data import gold, variant

STEM = "000_758b895a77f27e86"


def test_union_pairs_keeps_first_order_and_inserts_after_predecessor() -> None:
    lists = [["甲", "乙", "丁"], ["乙", "丙", "丁", "戊"], ["己", "甲"]]
    merged = [lists[li][ii] for li, ii in union_pairs(lists)]
    assert merged == ["己", "甲", "乙", "丙", "丁", "戊"]


def test_union_pairs_points_at_the_first_list_that_has_each_item() -> None:
    assert union_pairs([["a"], ["a", "b"]]) == [(0, 0), (1, 1)]


def test_meeting_key_is_organ_city_date() -> None:
    record = gold(STEM)
    assert meeting_key(record) == ("上海市委", "上海", "2022-07-01")
    assert meeting_key(variant(record, date=None)) is None


def test_single_record_passes_through() -> None:
    record = gold(STEM)
    merged = consolidate([(1, record)])
    assert merged.primary == 1 and merged.conflicts == []
    assert [t.value for t in merged.attendees] == record.attendees
    assert [t.value.text for t in merged.remarks] == [r.text for r in record.remarks]
    assert [t.value for t in merged.items] == record.deployment.items
    assert merged.presider and merged.presider.value.name == "李强"
    assert merged.scalars["quarter"] == "2022Q3"
    assert all(t.path == f"attendees[{i}]" for i, t in enumerate(merged.attendees))


def test_shorter_copy_adds_nothing_and_fuller_remarks_win() -> None:
    full = gold(STEM)
    short = variant(full, remarks=[r.model_dump() for r in full.remarks[:2]], attendees=full.attendees[:5])
    merged = consolidate([(1, short), (2, full)])
    assert merged.conflicts == []
    assert [t.source for t in merged.remarks] == [2] * len(full.remarks)
    assert merged.chosen["remarks"] == 2
    assert [t.value for t in merged.attendees] == full.attendees
    # the first five attendees are credited to the first readout, the rest to the second
    assert {t.source for t in merged.attendees[:5]} == {1} and {t.source for t in merged.attendees[5:]} == {2}


def test_union_of_attendees_and_units_from_two_partial_readouts() -> None:
    full = gold(STEM)
    a = variant(full, attendees=["刘学新", "吴清", "陈通"], speeches={"units": ["长宁区委"], "topic": None})
    b = variant(full, attendees=["吴清", "胡文容", "陈通", "张为"], speeches={"units": ["长宁区委", "金山区委"]})
    merged = consolidate([(1, a), (2, b)])
    assert [t.value for t in merged.attendees] == ["刘学新", "吴清", "胡文容", "陈通", "张为"]
    assert [t.value for t in merged.units] == ["长宁区委", "金山区委"]


def test_disagreeing_scalars_are_recorded_as_conflicts_not_overwritten() -> None:
    full = gold(STEM)
    other = variant(full, form="视频会议", time_of_day="上午", presider={"name": "王示例", "title": "市委书记"})
    merged = consolidate([(1, full), (2, other)])
    fields = {c.field: c for c in merged.conflicts}
    assert set(fields) == {"form", "time_of_day", "presider"}
    assert merged.scalars["form"] == "电视电话会议"  # the first readout's value is kept
    assert fields["form"].values == [("电视电话会议", [1]), ("视频会议", [2])]
    assert merged.presider and merged.presider.value.name == "李强"
    assert fields["presider"].to_json() == {
        "field": "presider",
        "values": [{"value": "李强", "sources": [1]}, {"value": "王示例", "sources": [2]}],
    }


def test_missing_value_is_not_a_conflict_and_fullest_title_is_kept() -> None:
    full = gold(STEM)
    other = variant(full, form=None, deployer=Person(name="龚正", title="市长").model_dump())
    merged = consolidate([(1, other), (2, full)])
    assert merged.conflicts == []
    assert merged.scalars["form"] == "电视电话会议" and merged.chosen["form"] == 2
    assert merged.deployer and merged.deployer.value.title == "市委副书记、市长"


def test_deployment_from_the_readout_with_most_items() -> None:
    full = gold(STEM)
    more = variant(full, deployment=Deployment(speaker="龚正", items=[*full.deployment.items, "新增一项"]).model_dump())
    merged = consolidate([(1, full), (2, more)])
    assert [t.value for t in merged.items][-1] == "新增一项"
    assert {t.source for t in merged.items} == {2}


def test_remarks_fullness_counts_text_when_counts_tie() -> None:
    full = gold(STEM)
    longer = [Remark(speaker=r.speaker, heading=r.heading, text=r.text + "补充。").model_dump() for r in full.remarks]
    merged = consolidate([(1, full), (2, variant(full, remarks=longer))])
    assert merged.chosen["remarks"] == 2


def test_date_basis_prefers_a_stated_date() -> None:
    full = gold(STEM)
    merged = consolidate([(1, variant(full, date_basis="published")), (2, full)])
    assert merged.date_basis == "body"


def test_consolidate_needs_a_record() -> None:
    with pytest.raises(ValueError):
        consolidate([])
