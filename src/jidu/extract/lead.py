"""The lead paragraph: which meeting, convened by whom, when, deploying which quarter, in what form.

The genre opens with one sentence that names the meeting and says it was held
(``市委季度工作会议今天下午（7月1日）举行``), or names the convening body and says it held the meeting
(``示例市委昨天召开二季度工作会议``).  Everything in this module keys on that sentence and on the
deployer's ``部署X季度…工作``, never on a particular city's names.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from jidu.extract.years import YearCue, cn_number, infer_year

HAN = r"\u4e00-\u9fff"

# "…季度…工作会议": the meeting kinds we track, with the quarter named in them if any.
KIND = re.compile(
    rf"(?P<pre>[{HAN}、]{{0,24}}?)"
    r"(?:(?P<kyear>\d{4})年(?:度)?|[上本今]年)?(?:第?(?P<kq>[一二三四1-4])|前三|上半年及?三?)?季度"
    r"(?P<rest>(?:重点)?工作(?:会议|点评会|讲评会|推进会|总结会)|(?:重点)?工作会|(?:重点)?工作点评会)"
)
# Bodies whose name contains 市委/区委 but which are not the city's or district's party committee
# or government: democratic parties, mass organisations, advisory bodies.
NOT_GOVERNING_ANY = re.compile(r"民盟|民革|民建|民进|农工党|致公党|九三学社|台盟|共青团|团|妇联|工商联|总工会|侨联|科协|文联|作协|政协|青联|学联|红十字会")
_PLACE_JUNK = (
    "的", "今天", "昨天", "今日", "昨日", "会上", "季度", "召开", "举行", "在", "前天", "日前", "近日",
    # bylines and wire datelines that run into the lead once spaces are gone: 本报讯, 新华社…6日电
    "讯", "日电", "社", "记者", "消息", "报道", "发布",
)

# Other meetings and events that are not quarterly work meetings, with how we name them in reasons.
OTHER_KINDS = [
    (re.compile(r"常委会(?:会议|扩大会议)?"), "a standing committee meeting (常委会)"),
    (re.compile(r"全体(?:会议|扩大会议)"), "a plenary meeting (全体会议)"),
    (re.compile(r"常务会议"), "an executive meeting (常务会议)"),
    (re.compile(r"座谈会"), "a forum (座谈会)"),
    (re.compile(r"碰头会"), "a briefing meeting (碰头会)"),
    (re.compile(r"月度[^。，]{0,10}?(?:会|会议)|月度工作"), "a monthly meeting"),
    (re.compile(r"推进会|推进大会"), "a push meeting (推进会)"),
    (re.compile(r"人民代表大会|人大常委会|人大会议"), "a legislature's session"),
    (re.compile(r"政协[^。，]{0,10}会议"), "a CPPCC session"),
    (re.compile(r"调研|考察|视察|走访"), "a visit or inspection"),
    (re.compile(r"学习会|理论学习中心组"), "a study session"),
    (re.compile(r"全会"), "a plenary session of the committee (全会)"),
    (re.compile(r"(?:大会|会议)"), "a different meeting"),
]

# Cities readouts name without 市.  Reference data about places, not about officials.
CITIES = (
    "北京", "天津", "上海", "重庆", "石家庄", "太原", "呼和浩特", "沈阳", "长春", "哈尔滨", "南京", "杭州", "合肥", "福州",
    "南昌", "济南", "郑州", "武汉", "长沙", "广州", "南宁", "海口", "成都", "贵阳", "昆明", "拉萨", "西安", "兰州", "西宁",
    "银川", "乌鲁木齐", "大连", "青岛", "宁波", "厦门", "深圳", "苏州", "无锡", "佛山", "东莞", "温州", "常州", "南通",
    "徐州", "烟台", "泉州", "唐山", "珠海", "绍兴", "嘉兴", "金华", "台州", "扬州", "洛阳", "襄阳", "宜昌", "芜湖",
)
CITY_ABBREVIATIONS = {"沪": "上海", "京": "北京", "津": "天津", "渝": "重庆", "穗": "广州", "深": "深圳", "杭": "杭州"}
_CITY_AS = re.compile(rf"([{HAN}])市(?:委|政府|人民政府|长|民|区)")
# Characters of grammar and counting that do not occur in city names but do precede 市 in running text.
_FUNCTION_CHARS = set("和的届要按照在与及等是对把从向为以了会一二三四五十各全本该我城这那其每个此省区县镇乡村")
# Two-character words that stand before 市委/市政府 in running text (贯彻市委部署) and are not places.
_RUNNING_WORDS = {
    "贯彻", "落实", "按照", "根据", "遵照", "部署", "交给", "提出", "要求", "作出", "全体", "学习", "传达", "服从",
    "对照", "执行", "围绕", "服务", "配合", "报请", "经过", "代表", "关于", "通过", "召开", "举行", "出席", "参加",
    "主持", "书记", "领导", "成员", "常委", "委员", "组织", "宣传", "统战", "政法", "机关", "直属", "所属", "派出",
}
_CITY_STOP = {"全市", "本市", "该市", "各市", "我市", "城市", "超大城", "特大城", "直辖", "地级", "县级", "副省级"}

_DATE = re.compile(
    r"(?P<rel>今天|今日|昨天|昨日|前天|当天|当日)?(?P<tod1>上午|下午|晚上|晚间|中午|早上)?"
    r"[（(]?(?:(?P<y>\d{4})年)?(?P<m>\d{1,2})月(?P<d>\d{1,2})日[）)]?(?P<tod2>上午|下午|晚上|晚间|中午)?"
)
_REL = re.compile(r"(?P<rel>今天|今日|昨天|昨日|前天|当天|当日)(?P<tod>上午|下午|晚上|晚间|中午|早上)?")
_TOD = re.compile(r"(上午|下午|晚上|晚间|中午|早上)")
_FORM = re.compile(r"以(?P<form>[^，。；“”]{2,16}?)(?:的)?(?:形式|方式)(?:召开|举行|进行)|采取(?P<form2>[^，。；]{2,16}?)(?:的)?(?:形式|方式)")
_QUARTER_DEPLOY = re.compile(
    r"部署(?:了)?(?:(?P<y>\d{4})年)?(?:第?(?P<q>[一二三四1-4]))季度"
    r"|就(?:做好|抓好|推进)?(?:(?P<y2>\d{4})年)?第?(?P<q2>[一二三四1-4])季度[^。]{0,20}?工作(?:作|进行|作出)(?:了)?部署"
)
_QUARTER_WORK = re.compile(r"(?:做好|抓好|推进|部署)(?:(?P<y>\d{4})年)?第?(?P<q>[一二三四1-4])季度(?:的)?(?:各项|重点)?工作")
_REVIEW = re.compile(r"点评|讲评|总结")
_RELATIVE_DAYS = {"今天": 0, "今日": 0, "当天": 0, "当日": 0, "昨天": -1, "昨日": -1, "前天": -2}


@dataclass
class Lead:
    paragraph: int  # index of the lead paragraph
    sentence: tuple[int, int]  # span of the sentence naming the meeting, within the paragraph
    name: str
    name_span: tuple[int, int]
    organ: str | None
    organ_span: tuple[int, int] | None
    kind: str
    named_quarter: int | None
    named_year: int | None
    reason: str | None = None  # why this is not a meeting we track, when it is not


@dataclass
class When:
    date: str | None = None
    basis: str | None = None
    time_of_day: str | None = None
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)  # relative to the paragraph
    cues: list[YearCue] = field(default_factory=list)  # year evidence, spans absolute in the text


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in re.finditer(r"[。！？；]", text):
        spans.append((start, match.end()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def quarter_number(text: str | None) -> int | None:
    if not text:
        return None
    return cn_number(text) if not text.isdigit() else int(text)


_ORGAN_FORM = re.compile(
    rf"(?:[{HAN}]{{2,4}}[市省])?(?:[{HAN}]{{1,5}}?(?:新区|区|县))?(?:市|区|县|省|州)?(?:委|政府|人民政府)"
    # a place alone convenes review meetings: "示例市一季度重点工作点评会"
    rf"|[{HAN}]{{2,4}}[市省](?:[{HAN}]{{1,5}}?(?:新区|区|县))?|[{HAN}]{{1,5}}?(?:新区|区|县)"
)
_CALLED = re.compile(
    rf"(?P<who>[{HAN}]{{1,16}}?)(?:今天|今日|昨天|昨日|日前|近日|上午|下午|晚上|[（）()\d月日])*(?:召开|举行)(?:了)?$"
)
_DEPARTMENT = re.compile(r"(部|办|局|厅|办公室|工委|中心|组)$")


def _organ(words: str) -> tuple[str, int] | None:
    """The longest tail of ``words`` shaped like a convening body (``示例市东湖区委``), and its offset."""
    for start in range(len(words)):
        tail = words[start:]
        if any(junk in tail for junk in _PLACE_JUNK) or _cuts_a_junk_word(words, start):
            continue
        if _ORGAN_FORM.fullmatch(tail) and tail not in ("委", "政府", "人民政府"):
            return tail, start
    return None


def _cuts_a_junk_word(words: str, start: int) -> bool:
    """Whether ``start`` falls inside a junk word (``6日电示例市委``: a tail ``电示例市委`` is not a place)."""
    for junk in _PLACE_JUNK:
        position = words.find(junk)
        while position != -1:
            if position < start < position + len(junk):
                return True
            position = words.find(junk, position + 1)
    return False


def find_lead(paragraphs: list[str]) -> Lead | None:
    """The first sentence that names a quarterly work meeting being held."""
    for index, paragraph in enumerate(paragraphs):
        for start, end in _sentences(paragraph):
            sentence = paragraph[start:end]
            for match in KIND.finditer(sentence):
                if sentence.startswith("精神", match.end()):
                    continue  # "传达学习…季度工作会议精神": a report about the meeting, not of it
                # held: "NAME今天下午举行" (no clause break between), or "召开(了)NAME" right before it
                after = re.match(r"[^，。；]{0,25}?(?:举行|召开|举办)", sentence[match.end():])
                before = re.search(r"(?:召开|举行)(?:了)?[^，。；的]{0,12}$", sentence[: match.start("rest")])
                if after or before:
                    return _lead_from(index, (start, end), sentence, match)
    return None


def _lead_from(index: int, sentence_span: tuple[int, int], sentence: str, match: re.Match[str]) -> Lead:
    offset = sentence_span[0]
    pre = match.group("pre")
    organ, organ_start = None, None
    found = _organ(pre)
    if found:
        organ, organ_start = found[0], match.start("pre") + found[1]
    else:
        # The body may be named before the verb: "示例市委昨天召开二季度工作会议".
        called = _CALLED.search(sentence[: match.start("pre")] + pre)
        if called:
            found = _organ(called.group("who"))
            if found:
                organ, organ_start = found[0], called.start("who") + found[1]
    reason = None
    if organ is not None and organ_start is not None:
        around = sentence[max(0, organ_start - 6): organ_start] + organ[:4]
        party = NOT_GOVERNING_ANY.search(around)
        if party:
            reason = f"convened by {party.group(0)} ({around}…), which is not a party committee or government"
    elif _DEPARTMENT.search(pre):
        reason = f"a meeting of a department ({pre}), not of a party committee or government"
    kind_prefix = pre.lstrip("的") if organ is None and not _CALLED.search(sentence[: match.start("pre")] + pre) else ""
    kind = kind_prefix + "季度" + match.group("rest")
    if kind.endswith("工作会"):
        kind += "议"
    return Lead(
        paragraph=index,
        sentence=sentence_span,
        name=match.group(0),
        name_span=(offset + match.start("pre"), offset + match.end()),
        organ=organ,
        organ_span=(offset + organ_start, offset + organ_start + len(organ)) if organ and organ_start is not None else None,
        kind=kind,
        named_quarter=quarter_number(match.group("kq")),
        named_year=int(match.group("kyear")) if match.group("kyear") else None,
        reason=reason,
    )


def not_meeting_reason(paragraphs: list[str], title: str | None) -> str:
    """Say what a readout reports, when it reports no quarterly work meeting."""
    head = "\n".join(([title] if title else []) + paragraphs[:3])
    for pattern, description in OTHER_KINDS:
        match = pattern.search(head)
        if match:
            return f"reports {description} ({match.group(0)}), not a quarterly work meeting (季度工作会议)"
    return "names no quarterly work meeting (季度工作会议) being held: not a meeting readout"


def find_city(organ: str | None, title: str | None, text: str) -> str | None:
    """The city: from the organ when it names one, else the city the text speaks of most."""
    if organ:
        match = re.match(rf"([{HAN}]{{2,4}}?)市", organ)
        if match and match.group(1) not in _CITY_STOP:
            return match.group(1)
    haystack = (title or "") + "\n" + text
    counts: dict[str, int] = {}
    for name, weight in _city_candidates(haystack):
        counts[name] = counts.get(name, 0) + weight
    counts = {name: n + haystack.count(name) for name, n in counts.items() if n + haystack.count(name) >= 3}
    for city in CITIES:
        n = haystack.count(city)
        if n:
            counts[city] = counts.get(city, 0) + 2 * n
    for abbr, city in CITY_ABBREVIATIONS.items():
        n = len(re.findall(rf"[来在赴抵离返驻]{abbr}|{abbr}[上]", haystack))
        if n:
            counts[city] = counts.get(city, 0) + n
    if not counts:
        return None
    return max(counts.items(), key=lambda kv: kv[1])[0]


def _city_candidates(haystack: str) -> list[tuple[str, int]]:
    """Names written before 市 (``示例市委``), with a weight for how strongly they name a city.

    Where a name recurs, it is grown leftwards from the character before 市 while every occurrence
    agrees on the next character (``海市`` always follows 上, so the name is 上海).  A name seen once
    takes the longest start that follows punctuation, else two characters.  Words of running text
    that often stand before 市委 (贯彻市委部署, 落实市委要求) are not names.
    """
    out = []
    for match in _CITY_AS.finditer(haystack):
        end = match.start() + 1
        positions = [m.start() for m in re.finditer(re.escape(haystack[end - 2:end] + "市"), haystack)]
        if len(positions) >= 2:
            name = haystack[end - 1:end]
            while len(name) < 4:
                spots = [m.start() for m in re.finditer(re.escape(name + "市"), haystack)]
                lefts = {haystack[p - 1] if p > 0 else "" for p in spots}
                left = lefts.pop() if len(lefts) == 1 else ""
                if not re.match(f"[{HAN}]", left) or left in _FUNCTION_CHARS:
                    break
                name = left + name
        elif not match.group(0).endswith(("委", "政府")):
            continue  # one "X市民" is no evidence of a city
        else:
            name = haystack[max(0, end - 2):end]
            for size in (4, 3):
                before = haystack[end - size - 1:end - size] if end - size > 0 else ""
                if end - size >= 0 and not re.match(f"[{HAN}]", before or "。"):
                    name = haystack[end - size:end]
                    break
        if len(name) < 2 or name in _CITY_STOP or name[-2:] in _RUNNING_WORDS or set(name) & _FUNCTION_CHARS:
            continue
        if any(junk in name for junk in _PLACE_JUNK):
            continue
        # "X市委" / "X市政府" names a city's own bodies: strong evidence; "X市民" weaker.
        out.append((name, 3 if match.group(0).endswith(("委", "政府")) else 1))
    return out


def full_organ(organ: str | None, city: str | None) -> str | None:
    """``市委`` + 上海 -> ``上海市委``; ``东湖区委`` + 示例 -> ``示例市东湖区委``; named cities kept."""
    if organ is None:
        return f"{city}市委" if city else None
    if city and not organ.startswith(city):
        if organ.startswith(("市", "省")):
            return city + organ
        return f"{city}市{organ}"
    return organ


def find_when(lead_text: str, sentence: tuple[int, int], published: str | None, dateline: str | None, body: str) -> When:
    """Date, its basis and the time of day from the lead sentence (and around it)."""
    from jidu.read.dates import published_date

    when = When()
    window_start = max(0, sentence[0])
    window = lead_text[window_start: sentence[1] + 40]
    match = _DATE.search(window)
    rel = _REL.search(window)
    tod = (match and (match.group("tod1") or match.group("tod2"))) or (rel and rel.group("tod"))
    if not tod:
        tod_match = _TOD.search(lead_text[sentence[0]:sentence[1]])
        if tod_match and re.search(r"(?:举行|召开)", lead_text[tod_match.end():sentence[1]]):
            tod = tod_match.group(1)
            when.spans["time_of_day"] = (tod_match.start() + sentence[0], tod_match.end() + sentence[0])
    if tod:
        when.time_of_day = "晚上" if tod == "晚间" else tod
        if "time_of_day" not in when.spans:
            pos = window.find(tod)
            when.spans["time_of_day"] = (window_start + pos, window_start + pos + len(tod))
    reference = published_date(published) or published_date(dateline)
    if match:
        month, day = int(match.group("m")), int(match.group("d"))
        when.spans["date"] = (window_start + match.start("m"), window_start + match.end("d") + 1)
        if match.group("y"):
            year, basis = int(match.group("y")), "body"
        elif reference is not None:
            year = reference.year
            if month - reference.month > 6:
                year -= 1
            elif reference.month - month > 6:
                year += 1
            basis = "body"
        else:
            inferred = infer_year(body)
            if inferred is None:
                return when
            year, when.cues, basis = inferred[0], inferred[1], "inferred"
        try:
            when.date, when.basis = dt.date(year, month, day).isoformat(), basis
        except ValueError:
            when.spans.pop("date", None)
        return when
    if rel and reference is not None:
        day = reference + dt.timedelta(days=_RELATIVE_DAYS[rel.group("rel")])
        when.date, when.basis = day.isoformat(), "published"
        when.spans["date"] = (window_start + rel.start("rel"), window_start + rel.end("rel"))
    return when


def find_form(paragraphs: list[str]) -> tuple[str, int, tuple[int, int]] | None:
    for index, paragraph in enumerate(paragraphs):
        match = _FORM.search(paragraph)
        if match:
            group = "form" if match.group("form") else "form2"
            return match.group(group), index, match.span(group)
    return None


def deployed_quarter(
    lead: Lead, block: list[tuple[int, str]], date: str | None, year_hint: int | None
) -> tuple[str | None, tuple[int, int, int] | None]:
    """The quarter whose work the meeting deploys (``2022Q3``) and the (paragraph, start, end) it rests on.

    In order: the deployer's ``部署X季度``; the meeting's own name (a review meeting's named quarter is
    the one reviewed, so it deploys the next); ``做好X季度工作`` in the lead; else the date's quarter,
    counting a meeting in a quarter's last month as deploying the next.
    """
    number, where = None, None
    explicit_year = None
    for index, text in block:
        match = _QUARTER_DEPLOY.search(text)
        if match:
            number = quarter_number(match.group("q") or match.group("q2"))
            where = (index, match.start(), match.end())
            year = match.group("y") or match.group("y2")
            explicit_year = int(year) if year else None
            break
    if number is None and lead.named_quarter:
        number = lead.named_quarter
        explicit_year = lead.named_year
        if _REVIEW.search(lead.kind):
            number += 1
            if number == 5:
                number, explicit_year = 1, (explicit_year + 1 if explicit_year else None)
        where = (lead.paragraph, lead.name_span[0], lead.name_span[1])
    if number is None:
        for index, text in block:
            match = _QUARTER_WORK.search(text)
            if match:
                number, where = quarter_number(match.group("q")), (index, match.start(), match.end())
                explicit_year = int(match.group("y")) if match.group("y") else None
                break
    day = dt.date.fromisoformat(date) if date else None
    if number is None:
        if day is None:
            return None, None
        number = (day.month - 1) // 3 + 1
        if day.month % 3 == 0 and day.day > 15:
            number += 1
        if number == 5:
            return f"{day.year + 1}Q1", None
        return f"{day.year}Q{number}", None
    if not 1 <= number <= 4:
        return None, None
    if explicit_year:
        return f"{explicit_year}Q{number}", where
    if day is None:
        return (f"{year_hint}Q{number}", where) if year_hint else (None, None)
    # The quarter's year is the one whose start lies nearest the meeting.
    best = min(
        (day.year - 1, day.year, day.year + 1),
        key=lambda y: abs((dt.date(y, 3 * number - 2, 1) - day).days),
    )
    return f"{best}Q{number}", where
