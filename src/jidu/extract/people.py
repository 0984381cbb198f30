"""Names and titles as readouts write them: ``市委副书记、市长龚正``, ``市领导A、B、C``.

Leaders change every few years, so nothing here knows a name.  A title is a run of offices, each
ending in an office word (书记, 市长, 部长, 主任…); the name is the two to four characters between the
title and the verb that follows (主持, 部署, 出席, 指出…).  Where several splits are possible the
shortest name that leaves a well-formed title wins (``市长张长生`` -> ``张长生``: ``长生`` would leave the
title ``市长张``, which ends in no office word).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Office words a title ends with, longest first so that 副书记 wins over 书记.
OFFICES = tuple(
    sorted(
        {
            "书记", "副书记", "市长", "代市长", "副市长", "常务副市长", "区长", "代区长", "副区长", "县长", "代县长",
            "副县长", "省长", "代省长", "副省长", "州长", "部长", "副部长", "主任", "副主任", "秘书长", "副秘书长",
            "主席", "副主席", "常委", "委员", "院长", "副院长", "检察长", "局长", "副局长", "厅长", "镇长", "组长",
            "司令员", "政委", "督察长", "总监", "行长", "会长", "社长", "校长", "领导", "党组书记", "第一书记",
        },
        key=len,
        reverse=True,
    )
)
_OFFICE_END = re.compile("(?:" + "|".join(OFFICES) + ")$")
HAN = r"\u4e00-\u9fff"
_HAN_ONLY = re.compile(rf"^[{HAN}]+$")
# Characters and words that never occur in a person's name but often in what surrounds one.
_NOT_NAME_CHARS = set("的了在与等是从向")
_NOT_NAME_WORDS = ("出席", "参加", "主持", "部署", "指出", "强调", "讲话", "领导", "负责", "分别", "会议", "同志", "部门")
_NOT_NAME = re.compile("[" + "".join(sorted(_NOT_NAME_CHARS)) + "]|" + "|".join(_NOT_NAME_WORDS))


@dataclass(frozen=True)
class Named:
    name: str
    title: str | None
    start: int  # offset of the name within the string it was read from
    end: int


@lru_cache(maxsize=8192)
def is_title(text: str) -> bool:
    """A run of offices joined by 、 (``市委副书记、市长``), every part ending in an office word."""
    if not text:
        return False
    return all(part and _HAN_ONLY.match(part) and _OFFICE_END.search(part) for part in text.split("、"))


def plausible_name(text: str) -> bool:
    return 2 <= len(text) <= 4 and bool(_HAN_ONLY.match(text)) and not _NOT_NAME.search(text)


@lru_cache(maxsize=8192)
def split_title_name(text: str) -> tuple[str | None, str] | None:
    """``市委书记李强`` -> (``市委书记``, ``李强``); a bare name -> (None, name); anything else -> None."""
    text = text.strip()
    for size in (2, 3, 4):
        if len(text) <= size:
            break
        name, title = text[-size:], text[:-size]
        if plausible_name(name) and is_title(title):
            return title, name
    if plausible_name(text):
        return None, text
    return None


_INTRO = re.compile(rf"^(?:[{HAN}]{{0,6}}领导(?:同志)?|出席会议的(?:还有|有)|参加会议的(?:还有|有)|会议由)")
_LIST_SPLIT = re.compile(r"[、，,]|(?<=[\u4e00-\u9fff]{2})(?:和|及|以及)(?=[\u4e00-\u9fff]{2})")


def split_people_list(text: str, offset: int = 0) -> tuple[str | None, list[Named]]:
    """A list of people as in ``市领导A、B和C`` or ``副市长A、B，市政府秘书长C``.

    Returns the list's introduction (``市领导``) and the people, each with the title stated before
    it (carried forward to the bare names that follow, as the text means it).  Pieces that are not
    names (``市政府各部门负责同志``) are skipped.
    """
    intro_match = _INTRO.match(text)
    intro = intro_match.group(0) if intro_match else None
    position = intro_match.end() if intro_match else 0
    people: list[Named] = []
    current_title: str | None = None
    for piece_match in re.finditer(r"[^、，,]+", text[position:]):
        for sub in _split_conjunctions(piece_match.group(0), position + piece_match.start()):
            piece, start = sub
            parsed = split_title_name(piece)
            if parsed is None:
                continue
            title, name = parsed
            if title is not None:
                current_title = title
            name_start = offset + start + len(piece) - len(name)
            people.append(Named(name, current_title if intro is None else title, name_start, name_start + len(name)))
    return intro, people


def _split_conjunctions(piece: str, start: int) -> list[tuple[str, int]]:
    parts, last = [], 0
    for match in re.finditer(r"(?:以及|和|及)", piece):
        left, right = piece[last:match.start()], piece[match.end():]
        if split_title_name(left) and split_title_name(right.split("和")[0].split("及")[0]):
            parts.append((left, start + last))
            last = match.end()
    parts.append((piece[last:], start + last))
    return parts
