"""Domain shares per quarter and term series."""

from __future__ import annotations

from jidu.analysis.trends import domain_shares, term_series


def test_domain_shares_count_and_share() -> None:
    shares = domain_shares([
        ("2023Q1", "切实做好防汛防台工作"), ("2023Q1", "全力扩大有效投资，推进重大项目建设"),
        ("2023Q2", "切实做好防汛防台和安全生产"), ("2023Q2", "今天天气很好"),
    ])
    assert shares.quarters == ["2023Q1", "2023Q2"]
    assert "safety" in shares.domains and shares.domains[-1] == "other"
    assert shares.counts["safety"] == {"2023Q1": 1, "2023Q2": 1}
    assert shares.share("safety", "2023Q1") == 50.0
    assert shares.total("2023Q2") == 2
    data = shares.as_dict()
    for i in range(2):
        assert sum(d["shares"][i] for d in data["domains"]) == 100.0
    assert next(d for d in data["domains"] if d["key"] == "safety")["label"] == "城市安全"


def test_empty_input_and_term_series() -> None:
    empty = domain_shares([])
    assert empty.quarters == [] and empty.domains == [] and empty.as_dict()["totals"] == []
    assert term_series({"2023Q1": 2, "2023Q3": 1}, ["2023Q1", "2023Q2", "2023Q3"]) == [2, 0, 1]
