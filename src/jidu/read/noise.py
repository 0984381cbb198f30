"""Noise lines: what a page carries around a readout that is not the readout.

Repeated captions (the title again and again under each photo), ``原标题：``, editor and photographer
credits, share prompts, app promotions and "related articles" lists.  Removed lines are returned with
the reason, because some of them still say something useful: a dateline ``来源：… 2021-07-02 20:32``
gives the year of a readout that states none elsewhere.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

_PUNCT = re.compile(r"[\s\W_]+", re.U)

_ORIGINAL_TITLE = re.compile(r"^原标题[：:]")
_CREDIT = re.compile(
    r"^[（(【\[]?\s*(责任编辑|编辑|摄影|记者|作者|来源|通讯员|审核|审校|校对|监制|策划|制作|设计|图片|图文|图|文|视频|"
    r"主编|值班编辑|实习编辑|编审|出品|统筹|撰文|供图|题图|本文来源|文章来源|新闻来源|稿源)\s*[：:|丨/｜]"
)
_REPORTER = re.compile(r"^[（(]\s*(?:本报)?记者[^）)]{1,30}[）)]$")
_PROMO = re.compile(
    r"^(分享到|分享|转发|收藏|点赞|打印|纠错|举报|返回顶部|上一篇|下一篇|扫一扫|扫码|长按|点击|【纠错】|关注我们)"
    r"|APP[。！!]?$|客户端|二维码|公众号|版权所有|未经授权|免责声明"
)
_RELATED = re.compile(r"^(相关文章|相关阅读|相关新闻|延伸阅读|推荐阅读|热门推荐|猜你喜欢|更多新闻|相关报道)[：:]?$")
_DATELINE = re.compile(r"(?:\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?)")
_DATELINE_WORDS = re.compile(r"来源|发布|时间|日期|作者|编辑|记者|稿源|浏览|阅读")
_URL_ONLY = re.compile(r"^(https?://\S+|\S+\.(jpg|jpeg|png|gif|webp))$", re.I)


@dataclass(frozen=True)
class Removed:
    line: str
    reason: str


def _key(text: str) -> str:
    return _PUNCT.sub("", text)


def line_noise(line: str, title_key: str, key: str | None = None) -> str | None:
    """Why a single line is noise, or None when it may be readout text (``key``: the line's _key, if known)."""
    short = len(line) <= 80
    if _ORIGINAL_TITLE.match(line):
        return "original-title line (原标题)"
    if title_key and (key if key is not None else _key(line)) == title_key:
        return "the title repeated (caption)"
    if short and (_CREDIT.match(line) or _REPORTER.match(line)):
        return "credit line"
    if len(line) <= 60 and _DATELINE.search(line) and (_DATELINE_WORDS.search(line) or len(_DATELINE.sub("", line)) <= 12):
        return "dateline"
    if short and _PROMO.search(line):
        return "share or promotion line"
    if _URL_ONLY.match(line.strip()):
        return "bare link or image name"
    return None


def remove_noise(paragraphs: list[str], title: str | None) -> tuple[list[str], list[Removed]]:
    """Keep the readout's paragraphs; return the rest with reasons."""
    title_key = _key(title or "")
    keys = [_key(p) if len(p) <= 80 else None for p in paragraphs]
    counts = Counter(k for k in keys if k is not None)
    kept: list[str] = []
    removed: list[Removed] = []
    for index, line in enumerate(paragraphs):
        if not line:
            continue
        if _RELATED.match(line):
            removed.extend(Removed(rest, "related-articles list") for rest in paragraphs[index:] if rest)
            break
        key = keys[index]
        reason = line_noise(line, title_key, key)
        if reason is None and key is not None and counts[key] >= 3:
            reason = "caption repeated on the page"
        if reason:
            removed.append(Removed(line, reason))
        else:
            kept.append(line)
    return kept, removed
