import json
from pathlib import Path

from jidu.analysis.domains import classify
from jidu.work.continuity import (
    EntryText,
    best_predecessor,
    bigrams,
    dice,
    quoted_terms,
    score,
    suggest_links,
)

GOLD = Path(__file__).parents[1].parent / "shared" / "corpus" / "gold"


def test_bigrams_skip_punctuation_and_stock_phrases():
    assert bigrams("要按照市委部署要求，抓好防控") == frozenset({"抓好", "好防", "防控"})
    assert dice(frozenset({"ab", "bc"}), frozenset({"bc", "cd"})) == 0.5
    assert dice(frozenset(), frozenset()) == 0.0


def test_quoted_terms():
    assert quoted_terms("加快“五个新城”建设，做好“老、小、旧、远”工作") == ("五个新城", "老、小、旧、远")


def test_predecessor_must_be_earlier():
    a = EntryText(1, "2022Q1", "推进民心工程和民生实事", "livelihood")
    b = EntryText(2, "2022Q1", "推进民心工程和民生实事", "livelihood")
    assert score(a, b) is None
    c = EntryText(3, "2021Q4", "推进民心工程和民生实事", "livelihood")
    cand = score(a, c)
    assert cand is not None and cand.similarity == 1.0 and cand.same_domain


def test_shared_term_links_across_domains_and_low_wording():
    a = EntryText(1, "2021Q3", "加快“五个新城”建设，抓好规划编制", "governance")
    b = EntryText(2, "2021Q1", "聚焦“五个新城”，推动产业导入", "industry")
    cand = score(a, b)
    assert cand is not None and cand.shared_terms == ("五个新城",) and not cand.same_domain
    assert "共同提法 “五个新城”" in cand.evidence()


def test_unrelated_entries_are_not_linked():
    a = EntryText(1, "2022Q1", "做好主副食品保供稳价", "consumption")
    b = EntryText(2, "2021Q4", "加快落实碳达峰碳中和工作", "ecology")
    assert score(a, b) is None


def test_most_recent_quarter_with_a_candidate_wins():
    entry = EntryText(10, "2022Q1", "维护城市安全稳定，防范化解风险隐患", "safety")
    older = EntryText(1, "2021Q3", "维护城市安全稳定，防范化解风险隐患", "safety")
    recent = EntryText(2, "2021Q4", "确保城市安全运行、社会和谐稳定", "safety")
    best = best_predecessor(entry, [older, recent])
    assert best is not None and best.predecessor_id == 2


def _gold_entries() -> list[EntryText]:
    entries, n = [], 0
    for path in sorted(GOLD.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        for item in gold["deployment"]["items"]:
            n += 1
            terms = tuple(t for t in gold["terms"] if t in item)
            entries.append(EntryText(n, gold["quarter"], item, classify(item).domain, terms))
    return entries


def test_real_quarters_link_recurring_items():
    entries = _gold_entries()
    by_id = {e.id: e for e in entries}
    links = {(by_id[c.entry_id].text[:8], by_id[c.predecessor_id].quarter) for c in suggest_links(entries)}
    # 2021Q4's Pudong/Yangtze-delta item continues 2021Q3's; 2022Q3's safety item continues 2022Q1's
    assert ("要全力落实浦东高", "2021Q3") in links
    assert ("牢固树立安全发展", "2022Q1") in links
    # the earliest quarter (2020Q4) has no predecessor
    assert not any(by_id[c.entry_id].quarter == "2020Q4" for c in suggest_links(entries))


def test_work_continues_within_one_organ():
    city = EntryText(1, "2022Q1", "推进民心工程和民生实事", "livelihood", organ="上海市委")
    district = EntryText(2, "2021Q4", "推进民心工程和民生实事", "livelihood", organ="东湖区委")
    assert score(city, district) is None
    assert score(city, EntryText(3, "2021Q4", "推进民心工程和民生实事", "livelihood")) is not None


def test_suggest_links_by_quarter_index_equals_scoring_every_entry():
    import random

    rng = random.Random(7)
    words = ["民心工程", "民生实事", "五个新城", "安全生产", "重大项目", "营商环境", "科技创新", "城市更新", "乡村振兴"]
    organs = ["甲市委", "乙市委", None]
    entries = []
    for n in range(1, 161):
        text = "加快推进" + "、".join(rng.sample(words, 2)) + ("，做好“五个新城”建设" if rng.random() < 0.2 else "")
        entries.append(EntryText(n, f"{rng.randint(2020, 2022)}Q{rng.randint(1, 4)}", text,
                                 rng.choice(["livelihood", "safety", None]), organ=rng.choice(organs)))
    fast = {c.entry_id: c for c in suggest_links(entries)}
    brute = {e.id: c for e in entries if (c := best_predecessor(e, entries)) is not None}
    assert fast == brute and len(fast) > 50
