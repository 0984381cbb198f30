"""Attendance matrix and a person's history."""

from __future__ import annotations

from jidu.analysis.attendance import AppearanceRow, history, matrix

ROWS = [
    AppearanceRow("张一", 1, "2022-01-05", "2022Q1", "presider", "市委书记", 1),
    AppearanceRow("张一", 1, "2022-01-05", "2022Q1", "speaker", None, 1),
    AppearanceRow("李二", 1, "2022-01-05", "2022Q1", "attendee", None, 2),
    AppearanceRow("李二", 2, "2022-04-02", "2022Q2", "deployer", "代市长", 3),
    AppearanceRow("张一", 2, "2022-04-02", "2022Q2", "presider", "市委书记", 3),
    AppearanceRow("王三", 2, "2022-04-02", "2022Q2", "also_present", "市委副书记", 3),
]


def test_matrix_columns_rows_and_codes() -> None:
    m = matrix(ROWS)  # rows come ordered by date and order of mention, as the ledger query gives them
    assert [c.meeting_id for c in m.meetings] == [1, 2]
    assert [p.name for p in m.people] == ["张一", "李二", "王三"]
    zhang, li, wang = m.people
    assert [zhang.code(1), zhang.code(2)] == ["PS", "P"]
    assert [li.code(1), li.code(2)] == ["A", "D"]
    assert [wang.code(1), wang.code(2)] == ["", "V"]


def test_history_of_one_person() -> None:
    entries = history(ROWS, "李二")
    assert [(e.quarter, e.roles, e.titles, e.sources) for e in entries] == [
        ("2022Q1", ["attendee"], [], [2]),
        ("2022Q2", ["deployer"], ["代市长"], [3]),
    ]
    assert history(ROWS, "无名") == []


def test_ties_keep_the_order_of_mention() -> None:
    rows = [AppearanceRow("乙", 1, "2022-01-05", "2022Q1", "presider"), AppearanceRow("甲", 1, "2022-01-05", "2022Q1", "attendee")]
    assert [p.name for p in matrix(rows).people] == ["乙", "甲"]
