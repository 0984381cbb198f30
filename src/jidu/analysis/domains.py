"""The policy-domain taxonomy and its keyword rules: which field of policy a piece of text is about.

A quarterly meeting deploys work across a dozen recurring fields (epidemic control, growth,
livelihood, urban safety...).  Supervision offices group the ledger by them and analysts follow
how their weight moves from quarter to quarter.  The rules are plain keyword lists, written for
the readout genre, so that every assignment can say exactly which words decided it: a reader
can check and correct it, which a statistical model could not offer.

How a text is scored: the text is scanned left to right for the longest keyword at each
position (so "稳定经济增长" counts once for growth, not also for safety's "稳定").  Each match adds
its weight (1, or 2 for a *strong* keyword that names the field outright) to its domain.  The
domain with the highest score wins; a tie goes to the domain whose first match comes earliest,
because readout sentences name their main subject first.  A text with no match is ``other``.

:func:`classify` is a pure function; the ledger, the workflow and the web trends page all call it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

OTHER = "other"


@dataclass(frozen=True)
class Domain:
    """One policy domain: a stable key, its Chinese and English labels, and its keyword rules."""

    key: str
    label: str
    label_en: str
    keywords: tuple[str, ...]
    strong: tuple[str, ...] = ()

    def weight(self, word: str) -> float:
        """How much one match of ``word`` counts: strong keywords name the field outright."""
        return 2.0 if word in self.strong else 1.0


TAXONOMY: tuple[Domain, ...] = (
    Domain(
        "epidemic",
        "疫情防控",
        "Epidemic control",
        keywords=("疫情", "防疫", "抗疫", "接种", "核酸", "免疫屏障", "监测预警", "应急处置", "公共卫生",
                  "闭环", "外防输入", "内防反弹", "方舱", "检测", "隔离"),
        strong=("疫情防控", "动态清零", "外防输入、内防反弹", "常态化疫情防控", "公共卫生体系"),
    ),
    Domain(
        "growth",
        "稳增长与投资",
        "Growth and investment",
        keywords=("经济增长", "稳增长", "投资", "重大项目", "经济运行", "助企", "稳企业", "企业", "稳外资",
                  "稳外贸", "外需", "经济平稳", "经济发展", "招商引资", "目标任务", "财政", "金融"),
        strong=("稳定经济增长", "经济恢复重振", "经济恢复", "扩投资", "稳增长各项任务", "保就业"),
    ),
    Domain(
        "consumption",
        "促消费",
        "Consumption",
        keywords=("消费", "内需", "商圈", "购物", "夜间经济", "首发经济", "市场供应", "保供"),
        strong=("促消费", "扩大消费", "扩内需", "保供稳价", "国际消费中心城市"),
    ),
    Domain(
        "industry",
        "产业与科技创新",
        "Industry and innovation",
        keywords=("产业", "科技", "创新", "新增长点", "新动能", "增动能", "制造业", "集成电路", "人工智能",
                  "生物医药", "数字经济", "产业链", "关键核心技术", "五型经济", "四大品牌"),
        strong=("3+6", "科创中心", "新型产业体系", "重点产业", "新旧动能转换"),
    ),
    Domain(
        "reform",
        "改革开放",
        "Reform and opening-up",
        keywords=("改革", "开放", "浦东", "长三角", "自贸", "临港", "虹桥", "营商环境", "外资",
                  "重大战略任务", "国家战略"),
        strong=("改革开放", "证照分离", "长三角一体化", "浦东高水平改革开放", "进博会"),
    ),
    Domain(
        "livelihood",
        "民生保障与住房",
        "Livelihood and housing",
        keywords=("民生", "就业", "民心工程", "民生实事", "旧区改造", "住房", "养老", "托育", "困难群众",
                  "兜底", "帮困", "送温暖", "教育", "医疗", "社区", "老、小、旧、远", "副食品", "居民",
                  "群众"),
        strong=("保障和改善民生", "改善基本民生", "保障性租赁住房", "民心工程和民生实事"),
    ),
    Domain(
        "safety",
        "城市安全",
        "Urban safety",
        keywords=("安全", "风险", "隐患", "安全生产", "防汛", "消防", "能源安全", "社会稳定", "和谐稳定",
                  "安全稳定", "安全运行", "底线", "排查整治", "防范化解"),
        strong=("城市安全", "安全发展", "维护城市安全稳定", "守牢防风险、保安全"),
    ),
    Domain(
        "governance",
        "城市治理与数字化转型",
        "City governance and digital transformation",
        keywords=("治理", "数字化", "一网通办", "一网统管", "两张网", "五个新城", "新城", "城市更新",
                  "规划", "精细化管理", "垃圾分类", "架空线入地", "十四五", "城市管理"),
        strong=("城市数字化转型", "城市治理", "超大城市治理", "“五个新城”"),
    ),
    Domain(
        "party",
        "党的建设与干部",
        "Party building and cadres",
        keywords=("党建", "党代会", "干部", "党员", "作风", "责任制", "从严治党", "政治任务", "学习贯彻",
                  "党史", "换届", "基层党组织", "担当", "追责问责"),
        strong=("全面从严治党", "党的建设", "干部队伍", "市党代会精神"),
    ),
    Domain(
        "talent",
        "人才",
        "Talent",
        keywords=("人才", "引才", "高校毕业生", "青年", "领军人才"),
        strong=("人才高地", "人才工作"),
    ),
    Domain(
        "culture",
        "文化与城市软实力",
        "Culture and soft power",
        keywords=("文化", "软实力", "建筑可阅读", "演艺", "旅游", "红色", "文明", "文创", "体育", "宣传"),
        strong=("城市软实力", "文化大都市", "演艺大世界"),
    ),
    Domain(
        "ecology",
        "生态环境与双碳",
        "Ecology and carbon",
        keywords=("生态", "环保", "绿色", "污染", "环境", "一江一河", "低碳", "节能", "减排", "水环境"),
        strong=("碳达峰", "碳中和", "碳达峰碳中和", "生态环境", "绿色低碳"),
    ),
)

DOMAINS: dict[str, Domain] = {d.key: d for d in TAXONOMY}
LABELS: dict[str, str] = {**{d.key: d.label for d in TAXONOMY}, OTHER: "其他"}


@dataclass(frozen=True)
class Match:
    """One keyword found in the text: which domain it counts for, the word, and where it stands."""

    domain: str
    word: str
    start: int
    weight: float


@dataclass(frozen=True)
class DomainAssignment:
    """The domain a text was put in, and why: the matched words and every domain's score."""

    domain: str
    matched: tuple[str, ...]
    scores: dict[str, float] = field(default_factory=dict)
    matches: tuple[Match, ...] = ()

    @property
    def label(self) -> str:
        return LABELS.get(self.domain, self.domain)

    def explain(self) -> str:
        """One line a person can check: the winner, its words, and the runners-up."""
        if self.domain == OTHER:
            return "未匹配任何领域关键词 (no domain keyword matched)"
        ranked = sorted(self.scores.items(), key=lambda kv: -kv[1])
        others = "，".join(f"{LABELS[k]} {v:g}" for k, v in ranked if k != self.domain)
        words = "、".join(self.matched)
        text = f"{self.label}（{self.scores[self.domain]:g} 分）：匹配 {words}"
        return text + (f"；其他：{others}" if others else "")


def _word_owner() -> dict[str, Domain]:
    """Each keyword belongs to exactly one domain; a duplicate would make scores ambiguous."""
    owner: dict[str, Domain] = {}
    for domain in TAXONOMY:
        for word in (*domain.keywords, *domain.strong):
            if word in owner and owner[word].key != domain.key:
                raise ValueError(f"keyword {word!r} is in both {owner[word].key} and {domain.key}")
            owner[word] = domain
    return owner


@lru_cache(maxsize=1)
def _matcher() -> tuple[re.Pattern[str], dict[str, Domain]]:
    owner = _word_owner()
    words = sorted(owner, key=lambda w: (-len(w), w))
    return re.compile("|".join(re.escape(w) for w in words)), owner


def find_matches(text: str) -> list[Match]:
    """Every keyword match in ``text``, longest keyword first at each position, without overlaps."""
    pattern, owner = _matcher()
    out = []
    for m in pattern.finditer(text):
        domain = owner[m.group(0)]
        out.append(Match(domain.key, m.group(0), m.start(), domain.weight(m.group(0))))
    return out


def classify(text: str) -> DomainAssignment:
    """The policy domain of ``text`` (a deployed item, a remark, an entry title), with its evidence."""
    matches = find_matches(text or "")
    if not matches:
        return DomainAssignment(OTHER, (), {}, ())
    scores: dict[str, float] = {}
    first: dict[str, int] = {}
    for m in matches:
        scores[m.domain] = scores.get(m.domain, 0.0) + m.weight
        first.setdefault(m.domain, m.start)
    best = min(scores, key=lambda k: (-scores[k], first[k]))
    matched = tuple(dict.fromkeys(m.word for m in matches if m.domain == best))
    return DomainAssignment(best, matched, scores, tuple(matches))


def is_domain(key: str) -> bool:
    """Whether ``key`` names a domain of the taxonomy (or ``other``): what a manual correction may use."""
    return key in DOMAINS or key == OTHER


def resolve(value: str) -> str:
    """A domain key from a key or a Chinese/English label, e.g. for ``--domain 民生保障与住房``."""
    value = value.strip()
    if is_domain(value):
        return value
    for domain in TAXONOMY:
        if value in (domain.label, domain.label_en):
            return domain.key
    if value in ("其他", "Other"):
        return OTHER
    raise ValueError(f"未知领域 / unknown domain: {value!r}; one of {', '.join(LABELS)}")
