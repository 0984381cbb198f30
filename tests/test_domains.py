import json
from pathlib import Path

import pytest

from jidu.analysis.domains import OTHER, TAXONOMY, classify, find_matches, resolve

GOLD = Path(__file__).parents[1].parent / "shared" / "corpus" / "gold"


def test_taxonomy_keys_unique_and_keywords_owned_once():
    keys = [d.key for d in TAXONOMY]
    assert len(keys) == len(set(keys)) == 12
    words = [w for d in TAXONOMY for w in (*d.keywords, *d.strong)]
    assert len(words) == len(set(words))


@pytest.mark.parametrize(
    ("text", "domain"),
    [
        ("下更大力气抓好疫情防控，加强疫情监测预警", "epidemic"),
        ("全力以赴稳定经济增长，狠抓稳企业、保就业", "growth"),
        ("精心策划更多扩大消费的商业活动", "consumption"),
        ("聚焦“3+6”新型产业体系，做大做强集成电路", "industry"),
        ("全力推动浦东高水平改革开放，加快推动长三角一体化发展", "reform"),
        ("加快推进旧区改造和保障性租赁住房建设", "livelihood"),
        ("要始终绷紧安全稳定这根弦，确保城市安全运行", "safety"),
        ("全面推进城市数字化转型，着力建制度、立标杆", "governance"),
        ("把学习宣传贯彻市党代会精神作为当前重要政治任务", "party"),
        ("努力建设高水平人才高地", "talent"),
        ("彰显城市软实力，推进建筑可阅读", "culture"),
        ("加快落实碳达峰碳中和工作", "ecology"),
    ],
)
def test_each_domain_has_a_recognisable_sentence(text, domain):
    assert classify(text).domain == domain


def test_longest_keyword_wins_at_a_position():
    # "稳定经济增长" is growth; safety's "社会稳定" must not match inside it
    matches = find_matches("稳定经济增长")
    assert [(m.domain, m.word) for m in matches] == [("growth", "稳定经济增长")]


def test_assignment_explains_itself():
    a = classify("持续保障和改善民生，全力推进民心工程和民生实事，严格落实常态化疫情防控")
    assert a.domain == "livelihood"
    assert a.matched == ("保障和改善民生", "民心工程和民生实事")
    assert a.scores == {"livelihood": 4.0, "epidemic": 2.0}
    assert "民生保障与住房（4 分）" in a.explain() and "疫情防控 2" in a.explain()


def test_tie_goes_to_the_earliest_match():
    a = classify("就业和安全")  # livelihood 1, safety 1
    assert a.scores == {"livelihood": 1.0, "safety": 1.0}
    assert a.domain == "livelihood"
    assert classify("安全和就业").domain == "safety"


def test_no_match_is_other():
    a = classify("确保一季度工作起好步、开好头")
    assert a.domain == OTHER and a.matched == () and "未匹配" in a.explain()
    assert classify("").domain == OTHER


def test_resolve_accepts_keys_and_labels():
    assert resolve("ecology") == "ecology"
    assert resolve("民生保障与住房") == "livelihood"
    assert resolve("Urban safety") == "safety"
    assert resolve("其他") == OTHER
    with pytest.raises(ValueError, match="unknown domain"):
        resolve("天气")


def test_real_deployment_items_get_the_expected_domains():
    gold = json.loads((GOLD / "001_b532df6ffc21a639.json").read_text(encoding="utf-8"))
    got = [classify(item).domain for item in gold["deployment"]["items"]]
    assert got == ["growth", "reform", "governance", "governance", "livelihood", "safety"]
