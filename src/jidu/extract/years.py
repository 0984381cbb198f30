"""The year of a readout that states none, inferred from dated events it mentions.

Readouts speak of the calendar in political time: a five-year plan closing (“十三五”收官 is 2020), the
N-th import expo (第三届进博会 is 2020), an anniversary (浦东开发开放30周年), a party congress being
welcomed (迎接党的二十大).  Each rule below turns one such cue into a year; the inferred year is the
one most cues agree on, and the evidence (cue text and span) travels with it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

_CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def cn_number(text: str) -> int | None:
    """Chinese or Arabic numerals up to 999: ``三十`` -> 30, ``二十一`` -> 21, ``100`` -> 100."""
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


@dataclass(frozen=True)
class YearCue:
    year: int
    cue: str
    span: tuple[int, int]
    rule: str


_NUM = r"([0-9]{1,3}|[一二三四五六七八九十百两]{1,4})"


def _plan_start(ordinal: str) -> int | None:
    """First year of the N-th five-year plan: 十一五 began in 2006."""
    n = cn_number(ordinal)
    return 2006 + 5 * (n - 11) if n and 6 <= n <= 20 else None


def _plan(ordinal: str, word: str) -> int | None:
    """A five-year plan cue: closing (收官) is its last year, opening (开局) its first, planning the year before."""
    start = _plan_start(ordinal)
    if start is None:
        return None
    if word in ("收官", "收官之年", "圆满收官", "决胜"):
        return start + 4
    if word in ("开局", "开局之年", "开篇", "起步"):
        return start
    if word in ("谋划", "编制", "规划编制"):
        return start - 1
    return None


def _congress(match: re.Match[str]) -> int | None:
    n = cn_number(match.group(1))
    return 2012 + 5 * (n - 18) if n and 12 <= n <= 30 else None


def _expo(match: re.Match[str]) -> int | None:
    n = cn_number(match.group(1))
    return 2017 + n if n else None


def _anniversary(base: int) -> Callable[[re.Match[str]], int | None]:
    def rule(match: re.Match[str]) -> int | None:
        n = cn_number(match.group(1))
        return base + n if n else None

    return rule


RULES: list[tuple[str, re.Pattern[str], Callable[[re.Match[str]], int | None]]] = [
    ("five-year plan", re.compile(r"“?十([一二三四五六七八九])五”?(?:规划)?(?:时期)?的?(收官之年|收官|开局之年|开局|开篇|起步)"),
     lambda m: _plan("十" + m.group(1), m.group(2))),
    ("five-year plan", re.compile(r"(谋划|编制)(?:好)?“?十([一二三四五六七八九])五”?"),
     lambda m: _plan("十" + m.group(2), m.group(1))),
    ("import expo", re.compile(rf"第{_NUM}届(?:中国国际)?进(?:口)?博(?:览)?会"), _expo),
    ("party congress", re.compile(rf"迎接(?:党的)?{_NUM}大"), _congress),
    ("party congress", re.compile(rf"(?:党的)?{_NUM}大(?:即将|胜利)?召开之年"), _congress),
    ("anniversary", re.compile(rf"浦东开发开放{_NUM}周年"), _anniversary(1990)),
    ("anniversary", re.compile(rf"(?:建党|中国共产党成立|党的百年华诞){_NUM}?周年"), _anniversary(1921)),
    ("anniversary", re.compile(rf"(?:新中国成立|中华人民共和国成立){_NUM}周年"), _anniversary(1949)),
    ("anniversary", re.compile(rf"改革开放{_NUM}周年"), _anniversary(1978)),
    ("anniversary", re.compile(rf"上海解放{_NUM}周年"), _anniversary(1949)),
]


def year_cues(text: str) -> list[YearCue]:
    cues = []
    for name, pattern, rule in RULES:
        for match in pattern.finditer(text):
            try:
                year = rule(match)
            except (TypeError, ValueError):
                year = None
            if year and 1990 <= year <= 2100:
                cues.append(YearCue(year, match.group(0), match.span(), name))
    return sorted(cues, key=lambda c: c.span)


def infer_year(text: str) -> tuple[int, list[YearCue]] | None:
    """The year most cues point to (ties: the earliest cue in the text), with the agreeing cues."""
    cues = year_cues(text)
    if not cues:
        return None
    counts = Counter(c.year for c in cues)
    best = max(counts.values())
    for cue in cues:
        if counts[cue.year] == best:
            return cue.year, [c for c in cues if c.year == cue.year]
    return None
