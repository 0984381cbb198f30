"""Who did what at the meeting, read from the verbs the genre uses.

主持 (presides), 部署…工作 (deploys the quarter's work), 主持会议并强调 / 在会上指出 / 讲话强调 (the
principal speaker's opening statement), 出席会议 / 参加会议 (attends).  The subject of each verb is the
title-and-name run right before it, bounded by punctuation; :mod:`jidu.extract.people` splits it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from jidu.extract.people import Named, is_title, split_people_list, split_title_name

HAN = r"\u4e00-\u9fff"
_CLAUSE_START = r"(?:^|(?<=[。；，！？：]))"
_SUBJECT = rf"(?P<who>[{HAN}、]{{2,40}}?)"

_PRESIDE = re.compile(_CLAUSE_START + _SUBJECT + r"(?:在会上|在会议上)?主持(?:会议|本次会议|)")
_PRESIDED_BY = re.compile(r"会议由(?P<who>[\u4e00-\u9fff、]{2,40}?)主持")
_OPENING = re.compile(
    _CLAUSE_START
    + _SUBJECT
    + r"(?:主持会议并|出席会议并|出席并|在会上|在会议上|在讲话中|在讲话时)?(?:讲话|作讲话|发表讲话)?(?:并)?"
    r"(?P<verb>强调|指出|要求|表示)[，：]"
)
_DEPLOY = re.compile(
    _CLAUSE_START
    + _SUBJECT
    + r"(?P<split>分别)?(?:(?:就|对)(?P<topic>[^。]{0,40}?工作)(?:作|进行|作出)(?:了)?部署"
    r"|(?:就[^。]{0,40}?)?(?:作|进行)?部署(?:了)?(?P<what>[^。，；]{0,30}?工作))"
)
_SPEAKS = re.compile(
    _CLAUSE_START + _SUBJECT + r"(?:出席(?:会议)?并|在会上)?(?:讲话|作讲话|发表讲话)(?=[。；，]|$)"
)
_PRONOUN_OPENING = re.compile(r"(?:^|(?<=[。；]))(?:他|她)(?:在讲话中|在会上)?(?P<verb>强调|指出|要求|表示)[，：]")
_ATTENDED_BY = re.compile(r"(?:出席|参加)(?:会议|本次会议)的(?:还)?有(?P<who>[^。；]{2,200}?)(?:等)?(?=[。；]|$)")
_ATTEND = re.compile(r"(?P<who>[^。；]{2,200}?)(?:出席|参加)(?:了)?(?:会议|本次会议)?(?=[。；，]|$)")
_ATTEND_VERB = re.compile(r"(?:出席|参加)(?:了)?(?:会议|本次会议)?(?=[。；，]|$)")


def attend_matches(text: str) -> Iterator[re.Match[str]]:
    """``_ATTEND.finditer(text)``, found from the verbs backwards instead of from every position.

    The pattern's subject is lazy and may be 200 characters long, so trying it at every position
    costs hundreds of steps a character.  Its leftmost match can be computed instead: for each
    verb, the earliest subject start is just after the last 。 or ； before it, at most 200
    characters back and never before where the search stands; the pattern is then matched there
    once, so every match is the pattern's own.
    """
    lower = 0
    for verb in _ATTEND_VERB.finditer(text):
        v = verb.start()
        if v < lower + 2:
            continue
        stop = max(text.rfind("。", 0, v), text.rfind("；", 0, v))
        start = max(lower, stop + 1, v - 200)
        if start > v - 2:
            lower = max(lower, v - 1)
            continue
        match = _ATTEND.match(text, start)
        if match is None:  # cannot happen (see the test); the pattern's own search then decides
            yield from _ATTEND.finditer(text, lower)
            return
        yield match
        lower = match.end()


@dataclass
class Roles:
    presider: Named | None = None
    deployer: Named | None = None
    deployers: list[Named] = field(default_factory=list)  # when several people each deploy part
    opening_speaker: Named | None = None
    speaker: Named | None = None  # said to speak (出席并讲话) without an opening statement in the lead
    opening_text: tuple[int, int] | None = None  # span within its paragraph
    opening_paragraph: int | None = None
    also_present: list[Named] = field(default_factory=list)
    attendees: list[Named] = field(default_factory=list)
    spans: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # role -> (paragraph, start, end)


def _named(who: str, offset: int) -> Named | None:
    parsed = split_title_name(who)
    if parsed is None:
        return None
    title, name = parsed
    start = offset + len(who) - len(name)
    return Named(name, title, start, start + len(name))


def _subject_people(who: str, offset: int) -> list[Named]:
    """The people of a subject like ``副市长A、B、C``."""
    return split_people_list(who, offset)[1]


def find_roles(paragraphs: list[str], lead_index: int, block_end: int) -> Roles:
    """Read the lead block (the lead paragraph up to the first heading or remark)."""
    roles = Roles()
    for index in range(lead_index, block_end):
        text = paragraphs[index]
        if roles.opening_speaker is None:
            match = _OPENING.search(text)
            if match and (person := _named(match.group("who"), match.start("who"))):
                roles.opening_speaker = person
                roles.opening_text = (match.end(), len(text))
                roles.opening_paragraph = index
                roles.spans["opening.speaker"] = (index, person.start, person.end)
        if roles.speaker is None:
            match = _SPEAKS.search(text)
            if match and (person := _named(match.group("who"), match.start("who"))):
                roles.speaker = person
                roles.spans["speaker"] = (index, person.start, person.end)
        if roles.presider is None:
            match = _PRESIDE.search(text) or _PRESIDED_BY.search(text)
            if match and (person := _named(match.group("who"), match.start("who"))):
                roles.presider = person
                roles.spans["presider"] = (index, person.start, person.end)
        if roles.opening_speaker is None and (roles.speaker or roles.presider):
            # "主持会议并讲话。他强调，…": the pronoun's statement is the opening.
            match = _PRONOUN_OPENING.search(text)
            if match:
                roles.opening_speaker = roles.speaker or roles.presider
                roles.opening_text = (match.end(), len(text))
                roles.opening_paragraph = index
        if roles.deployer is None and not roles.deployers:
            match = _DEPLOY.search(text)
            if match:
                single = _named(match.group("who"), match.start("who"))
                if single is not None and not match.group("split"):
                    roles.deployer = single
                    roles.spans["deployer"] = (index, single.start, single.end)
                else:
                    roles.deployers = _subject_people(match.group("who"), match.start("who"))
    return roles


def find_attendance(paragraphs: list[str], lead_index: int, block_end: int, roles: Roles) -> None:
    """Attendees (the 市领导…出席会议 list) anywhere; also-present leaders only in the lead block."""
    principal = {p.name for p in (roles.presider, roles.deployer, roles.opening_speaker, roles.speaker) if p}
    for index in range(lead_index, len(paragraphs)):
        text = paragraphs[index]
        by = _ATTENDED_BY.search(text)
        if by and not roles.attendees:
            people = split_people_list(by.group("who").removesuffix("等"), by.start("who"))[1]
            roles.attendees = people
            for number, person in enumerate(people):
                roles.spans[f"attendees[{number}]"] = (index, person.start, person.end)
            continue
        if "出席" not in text and "参加" not in text:
            continue  # (the pattern below would otherwise be tried from every position)
        for match in attend_matches(text):
            who = match.group("who")
            # Only the clause run that ends in the verb: cut at the last sentence boundary.
            cut = max(who.rfind("。"), who.rfind("；"))
            base = match.start("who") + cut + 1
            who = who[cut + 1:]
            people, is_list = _attending(who, base)
            if not people:
                continue
            if is_list:
                if not roles.attendees:
                    roles.attendees = people
                    for number, person in enumerate(people):
                        roles.spans[f"attendees[{number}]"] = (index, person.start, person.end)
            elif index < block_end:
                for person in people:
                    if person.name not in principal and person.name not in {p.name for p in roles.also_present}:
                        roles.spans[f"also_present[{len(roles.also_present)}]"] = (index, person.start, person.end)
                        roles.also_present.append(person)


def _attending(who: str, offset: int) -> tuple[list[Named], bool]:
    """The trailing run of people in a subject, and whether it is a list (市领导… or three or more)."""
    pieces = list(_PIECE.finditer(who))
    run: list[re.Match[str]] = []
    for piece in reversed(pieces):
        text = piece.group(0)
        if split_title_name(_CONJUNCTION.sub("", text)) is None and not _has_people(text):
            break
        run.insert(0, piece)
    if not run:
        return [], False
    start = run[0].start()
    intro, people = split_people_list(who[start:], offset + start)
    # A title chain cut by the list split: "市委副书记、秘书长X" keeps its whole title.
    if people and people[0].title and who[start - 1: start] == "、":
        chained = _trailing_title_chain(who[:start].rstrip("、"))
        if chained and is_title(chained):
            first = people[0]
            people[0] = Named(first.name, chained + "、" + first.title, first.start, first.end)
    is_list = bool(intro and intro.endswith(("领导", "领导同志"))) or len(people) >= 3
    if any(p.title and p.title.endswith("领导") for p in people):
        is_list = True
    return people, is_list


_PIECE = re.compile(r"[^、，,]+")
_CONJUNCTION = re.compile(r"^(?:以及|和|及)")


def _trailing_title_chain(text: str) -> str:
    """The run of Chinese characters and 、 the text ends with (a title chain cut by the list split)."""
    start = len(text)
    while start and (text[start - 1] == "、" or "\u4e00" <= text[start - 1] <= "\u9fff"):
        start -= 1
    return text[start:]


@lru_cache(maxsize=8192)
def _has_people(text: str) -> bool:
    return bool(split_people_list(text)[1])
