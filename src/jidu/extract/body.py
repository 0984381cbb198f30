"""The body: headings, remarks, the deployment, exchange speeches and quoted terms.

A remark starts with its speaker (``李强指出，`` or a quotation then ``李强强调，``) and runs on through
paragraphs that name no speaker, because scrapers cut paragraphs (sometimes mid-sentence).  A heading
is a short paragraph without final punctuation standing right before a speaker's paragraph; a
paragraph that only looks like one (a cut sentence) continues the remark instead.  Structural
paragraphs (attendance, exchange speeches, form) close whatever remark is open.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

HAN = r"\u4e00-\u9fff"
_FINAL = "。！？；，、：…—"
_CLOSERS = "”’）)》」』"
_VERBS = r"(?:指出|强调|要求|表示|说|提出|讲话指出|讲话强调)"
_QUOTE_LEAD = r"(?:“[^”]{1,400}”[。！？]?)?"
_SPEECH = re.compile(
    r"(?P<units>[^。；：]*?)(?:等单位)?(?:主要)?(?:负责同志|负责人)?(?:围绕(?P<topic>[^。]*?))?"
    r"(?:先后|分别)?(?:作|做|进行)(?:了)?(?:交流|书面交流)?发言|(?P<units2>[^。；：]*?)(?:负责同志|负责人)?先后发言"
)
_STRUCTURAL = re.compile(r"出席会议|参加会议|出席。|交流发言|先后发言|形式召开|方式召开|形式举行")
# The meeting's own voice ("会议强调，…") is no leader's remark: it closes the open one.
_MEETING_VOICE = re.compile(r"^(?:会议|会上|会议认为|会议要求)(?:指出|强调|要求|认为|提出|号召)?[，：]")
_SPEECH_OR_FORM = re.compile(r"交流发言|先后发言|形式召开|方式召开|形式举行")
_TERM = re.compile(r"“([^“”]{2,20})”")
_TERM_STOP = set("，。！？；：")


@dataclass
class Block:
    """A remark or the deployment: its speaker, heading and paragraphs (index, start, end)."""

    kind: str  # "remark" or "deployment"
    speaker: str
    heading: tuple[int, str] | None
    parts: list[tuple[int, int, int]] = field(default_factory=list)


def speaker_of(paragraph: str, names: set[str]) -> tuple[str, int] | None:
    """The speaker a paragraph opens with, and where the name starts, if it is one of ``names``.

    The name may follow a quoted sentence (“…”。X强调，); longer names are tried first, so that a
    full name wins over a shorter one it starts with.
    """
    if not names:
        return None
    starts = [0]
    quote = _QUOTE_LEAD_RE.match(paragraph)
    if quote and quote.end():
        starts.insert(0, quote.end())
    for start in starts:
        for name in sorted(names, key=len, reverse=True):
            if paragraph.startswith(name, start) and _SPEAKER_TAIL.match(paragraph, start + len(name)):
                return name, start
    return None


_QUOTE_LEAD_RE = re.compile(_QUOTE_LEAD)
_SPEAKER_TAIL = re.compile(rf"(?:同志)?(?:在讲话中|在会上|在会议上|最后)?(?:就[^。]{{0,80}}?)?{_VERBS}[，：]")


def is_heading_like(paragraph: str) -> bool:
    """Short and without final punctuation (a closing quote is looked through: …抓好“十大工程”)."""
    bare = paragraph.rstrip(_CLOSERS)
    return 2 <= len(paragraph) <= 120 and bool(bare) and bare[-1] not in _FINAL


def is_structural(paragraph: str) -> bool:
    return bool(_STRUCTURAL.search(paragraph))


def is_speeches_or_form(paragraph: str) -> bool:
    return bool(_SPEECH_OR_FORM.search(paragraph))


def read_blocks(
    paragraphs: list[str], start: int, principal: str | None, deployer: str | None, others: set[str]
) -> list[Block]:
    """Remarks of the principal speaker and the deployer's paragraphs, in order."""
    names = {n for n in (principal, deployer) if n} | others
    blocks: list[Block] = []
    current: Block | None = None
    pending: tuple[int, str] | None = None
    for index in range(start, len(paragraphs)):
        text = paragraphs[index]
        found = speaker_of(text, names)
        if found:
            name, _ = found
            kind = "deployment" if name == deployer else "remark" if name == principal else None
            current = Block(kind, name, pending) if kind else None
            if current is not None:
                current.parts.append((index, 0, len(text)))
                blocks.append(current)
            pending = None
            continue
        if is_structural(text) or _MEETING_VOICE.match(text):
            current, pending = None, None
            continue
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else ""
        if is_heading_like(text) and speaker_of(following, names):
            current, pending = None, (index, text)
            continue
        if current is not None:
            current.parts.append((index, 0, len(text)))
    return blocks


def block_text(block: Block, paragraphs: list[str]) -> str:
    return "".join(paragraphs[i][s:e] for i, s, e in block.parts)


_DEPLOY_LEAD = re.compile(rf"^(?P<name>[{HAN}]{{2,4}}?)(?:同志)?(?:在讲话中|在会上)?(?:就[^。]{{0,80}}?)?{_VERBS}[，：]")


def deployment_items(block: Block, paragraphs: list[str]) -> list[tuple[str, int, int, int]]:
    """The deployer's sentences as items: (text, paragraph, start, end), lead ``X就…指出，`` removed."""
    items: list[tuple[str, int, int, int]] = []
    for number, (index, start, end) in enumerate(block.parts):
        text = paragraphs[index][start:end]
        offset = start
        if number == 0:
            match = _DEPLOY_LEAD.match(text)
            if match and match.group("name") == block.speaker:
                offset += match.end()
        for s, e in sentence_spans(paragraphs[index], offset, end):
            sentence = paragraphs[index][s:e]
            stripped = sentence.rstrip("。")
            if stripped.strip():
                items.append((stripped, index, s, s + len(stripped)))
    return items


_SENTENCE_MARKS = re.compile("[“”。！？]")


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences ending at 。！？ outside quotation marks."""
    spans, depth, begin = [], 0, start
    for mark in _SENTENCE_MARKS.finditer(text, start, end):  # only the characters that matter
        ch, position = mark.group(), mark.start()
        if ch == "“":
            depth += 1
        elif ch == "”":
            depth = max(0, depth - 1)
        elif depth == 0:
            spans.append((begin, position + 1))
            begin = position + 1
    if begin < end and text[begin:end].strip():
        spans.append((begin, end))
    return spans


@dataclass
class SpeechList:
    paragraph: int
    units: list[tuple[str, int, int]]
    topic: tuple[str, int, int] | None


def find_speeches(paragraphs: list[str], start: int) -> SpeechList | None:
    for index in range(start, len(paragraphs)):
        text = paragraphs[index]
        if "发言" not in text:
            continue
        for match in _SPEECH.finditer(text):
            group = "units" if match.group("units") is not None else "units2"
            raw = match.group(group)
            base = match.start(group)
            # Only the clause that lists the units: cut at the last sentence or clause boundary.
            cut = max(raw.rfind("。"), raw.rfind("，"), raw.rfind("："))
            if cut >= 0:
                base, raw = base + cut + 1, raw[cut + 1:]
            raw = re.sub(r"^(?:会上|会议上|会议中|此外|同时|随后)", "", raw)
            base = match.start(group) + (match.group(group).rfind(raw) if raw else 0)
            units = []
            for unit in re.finditer(r"[^、]+", raw):
                for name, start in _split_last_unit(unit.group(0), unit.start()):
                    if len(name) >= 2:
                        units.append((name, base + start, base + start + len(name)))
            if not units:
                continue
            topic = None
            if group == "units" and match.group("topic"):
                topic = (match.group("topic"), match.start("topic"), match.end("topic"))
            return SpeechList(index, units, topic)
    return None


_UNIT_END = re.compile(r"(委|党组|党委|党工委|局|办|部|厅|区|县|政府|公司|集团|中心|院|所|镇|街道)$")


def _split_last_unit(piece: str, start: int) -> list[tuple[str, int]]:
    """``东湖区委和西岭区委`` is two units; ``市工业和信息化局党组`` is one (和 inside a name)."""
    for match in re.finditer(r"和|及|以及", piece):
        left, right = piece[: match.start()], piece[match.end():]
        if _UNIT_END.search(left) and _UNIT_END.search(right):
            return [(left, start), (right, start + match.end())]
    return [(piece, start)]


def unit_comments(paragraphs: list[str], speeches: SpeechList) -> list[tuple[str, int]]:
    """After 逐一作工作点评: one evaluation paragraph per speaking unit, opening with the unit's name."""
    names = [u[0] for u in speeches.units]
    comments = []
    for index in range(speeches.paragraph + 1, len(paragraphs)):
        text = paragraphs[index]
        unit = next((n for n in names if text.startswith(n) or text.startswith(n.removesuffix("委"))), None)
        if unit:
            comments.append((unit, index))
        elif comments:
            break
    return comments


def find_terms(paragraphs: list[str], start: int) -> list[tuple[str, int, int, int]]:
    """Distinct quoted spans “…” of 2-20 characters without sentence punctuation, in order."""
    seen: set[str] = set()
    terms = []
    for index in range(start, len(paragraphs)):
        for match in _TERM.finditer(paragraphs[index]):
            term = match.group(1)
            if set(term) & _TERM_STOP or term in seen:
                continue
            seen.add(term)
            terms.append((term, index, match.start(1), match.end(1)))
    return terms
