"""The comparison baseline: meeting records the way a capable analyst would get them without jidu.

    python bench/baseline_pipeline.py FILE...      # one jidu.meeting/1-shaped JSON record per line

This is what a user would otherwise assemble in an afternoon from well-known tools, and it is what
``bench/compare.py`` times and scores jidu against.  It contains no jidu code on purpose:

* **body text and metadata**: trafilatura (``bare_extraction``: main text, title, date, site name)
  for anything that looks like HTML, which also handles the page's encoding; for plain text and
  Markdown, charset-normalizer decodes the bytes and the text is taken as it is; a YAML front matter
  block (``title:``/``author:``/``date:``) and JSON files (``title``/``body``…) are read with the
  standard library.  OpenCC ``t2s`` turns traditional-script copies into simplified script (the
  records' names are simplified), as anyone reading Chinese news in both scripts would do.
* **person names**: jieba's part-of-speech tagger (``jieba.posseg``, tags ``nr*``) on the sentences
  that name people (the 主持 / 部署 / 出席 / 参加 clauses), with consecutive name tokens joined
  (jieba splits 诸葛/宇杰) and a single-character surname joined to the token after it (陈/金山);
  the title is what stands before the name in its clause.
* **everything else**: regular expressions: the meeting (``…季度…工作会议``), organ and city, date
  (month/day in the lead, the year from the lead or the publication date, 今天 = publication day),
  time of day, quarter (``部署X季度``), form (``以…形式召开``), attendees (``市领导…出席会议``
  split at 、) and quoted terms (“…”).

Fields of jidu.meeting/1 it produces: ``is_meeting``, ``organ``, ``city``, ``kind``, ``date``,
``time_of_day``, ``quarter``, ``form``, ``presider``, ``deployer``, ``also_present``, ``attendees``,
``terms``, ``source.title``, ``source.outlet``, ``source.published``.  It leaves out what needs an
understanding of the readout's structure that a handful of regular expressions does not give
(``opening``, ``remarks``, ``deployment``, ``speeches``) and jidu's own notions (``date_basis``,
``source.format``, ``source.script``): ``compare.py`` scores only the fields listed above.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from collections import Counter
from datetime import date, timedelta
from email.utils import parsedate_to_datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import charset_normalizer
import jieba
import jieba.posseg as pseg
import opencc
import trafilatura

jieba.setLogLevel(logging.WARNING)

# The fields this baseline produces (the others of jidu.meeting/1 it leaves out; see the docstring).
FIELDS: tuple[str, ...] = (
    "is_meeting", "organ", "city", "kind", "date", "time_of_day", "quarter", "form",
    "presider", "deployer", "also_present", "attendees", "terms",
    "source.title", "source.outlet", "source.published",
)

HTML_HINT = re.compile(rb"<(?:p|div|br|html|body|article|span|h[1-6])\b", re.I)
FRONT_MATTER = re.compile(r"\A\ufeff?\s*---\s*\n(.*?)\n---\s*\n", re.S)
FM_FIELD = re.compile(r"^(title|author|date|source)\s*:\s*(.*?)\s*$", re.M)
HAN = "\u4e00-\u9fff"

MEETING = re.compile(r"季度(工作会议|工作点评会)")
ORGAN_LEAD = re.compile(rf"([{HAN}]{{2,4}}?)?(市委|市政府|市人民政府)(?:召开|举行)?[^。，,]{{0,4}}?季度")
HELD = re.compile(r"举行|召开")
CITY_ORGAN = re.compile(rf"([{HAN}]{{2,4}}?)市(?:委|政府|人民政府)")
MONTH_DAY = re.compile(r"(\d{1,2})月(\d{1,2})日")
YEAR = re.compile(r"(20\d\d)年")
TODAY = re.compile(r"今天|今日")
YESTERDAY = re.compile(r"昨天|昨日")
TIME_OF_DAY = re.compile(r"(上午|下午|晚上)")
QUARTER = re.compile(r"(?:部署|推进|做好)([一二三四])季度|([一二三四])季度[^。]{0,12}重点工作")
FORM = re.compile(rf"以([{HAN}]{{2,10}}?会议)形式")
FORM_PLAIN = re.compile(r"(电视电话会议|视频会议)")
PRESIDE = re.compile(r"([^。；，,！？\n]*?)主持(?:会议|召开)")
DEPLOY = re.compile(r"([^。；，,！？\n]*?)(?:就[^。\n]*?)?部署[^。\n]{0,20}?工作")
PRESENT = re.compile(r"([^。；！？\n]*?)(?:出席|参加|列席)(?:会议|并讲话)")
LEADERS = re.compile(r"^(?:市|区|县)?领导(?:同志)?")
TERM = re.compile(r"[“「]([^”」“「]{2,20})[”」]")
TERM_STOP = re.compile(r"[，。！？；：,!?;:]")
TITLE_WORD = re.compile(rf"^(.*(?:书记|市长|区长|主任|主席|部长|局长|秘书长|委员|常委|院长|检察长|副市长))([{HAN}]{{2,4}})$")
SPLIT_LIST = re.compile(r"[、，,]|和|及")
# The municipalities, provincial capitals and other large cities: what an analyst would type in.
MAJOR_CITY = re.compile(
    "北京|上海|天津|重庆|广州|深圳|杭州|南京|武汉|成都|西安|郑州|长沙|济南|青岛|沈阳|大连|哈尔滨|长春|"
    "石家庄|太原|呼和浩特|合肥|福州|厦门|南昌|南宁|海口|昆明|贵阳|兰州|西宁|银川|乌鲁木齐|拉萨|宁波|苏州|无锡"
)
# The hundred commonest surnames (jieba often glues a surname to the word before it).
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
NOT_CITIES = {"城市", "全市", "全国", "中国", "国家", "国际", "世界"}
QUARTER_NUMBER = {"一": 1, "二": 2, "三": 3, "四": 4}


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


# -- reading ------------------------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    """charset-normalizer's best guess (UTF-8 first: it is what most files are, and it is fast)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        best = charset_normalizer.from_bytes(data).best()
        return str(best) if best is not None else data.decode("utf-8", "replace")


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text
    fields = {k: v.strip("'\"") for k, v in FM_FIELD.findall(match.group(1))}
    return fields, text[match.end():]


def _published(value: str | None) -> str | None:
    """A front matter / JSON date as ISO 8601: RFC 2822 (``Fri, 01 Jul 2022 20:39:09 GMT``) or ISO."""
    if not value:
        return None
    try:
        return parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError):
        match = re.match(r"\d{4}-\d\d-\d\d(?:[T ][\d:]+(?:[+-]\d\d:?\d\d|Z)?)?", value.strip())
        return match.group(0).replace(" ", "T") if match else None


def read(data: bytes, name: str) -> dict[str, Any]:
    """Body text and metadata of one file: ``text``, ``title``, ``outlet``, ``published``."""
    suffix = Path(name).suffix.lower()
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        data = data.decode("utf-16").encode("utf-8")  # neither the HTML sniffing nor lxml takes UTF-16
    meta: dict[str, str] = {}
    if suffix in (".json", ".jsonl"):
        text = _decode(data)
        try:
            obj = json.loads(text.splitlines()[0] if suffix == ".jsonl" else text)
        except (json.JSONDecodeError, IndexError):
            obj = {}
        obj = obj if isinstance(obj, dict) else {}
        body = str(obj.get("body") or obj.get("content") or obj.get("text") or "")
        if HTML_HINT.search(body.encode()):
            body = trafilatura.extract(body, favor_recall=True) or body
        meta = {k: str(obj.get(k) or obj.get(alt) or "") for k, alt in
                (("title", "headline"), ("author", "source"), ("date", "published"))}
        title, outlet, published, body_text = meta["title"], meta["author"], meta["date"], body
    elif HTML_HINT.search(data[:20000]):
        raw: bytes | str = data
        if FRONT_MATTER.match(data[:4096].decode("utf-8", "ignore")):
            meta, raw = _front_matter(_decode(data))
        doc = trafilatura.bare_extraction(raw, with_metadata=True, favor_recall=True)
        body_text = (doc.text if doc is not None else "") or ""
        title = meta.get("title") or (doc.title if doc is not None else None) or ""
        outlet = meta.get("author") or meta.get("source") or (doc.sitename if doc is not None else None) or ""
        published = meta.get("date") or (doc.date if doc is not None else None) or ""
    else:
        meta, body_text = _front_matter(_decode(data))
        lines = [line.strip() for line in body_text.splitlines() if line.strip()]
        title = meta.get("title") or (lines[0].lstrip("# ") if lines and len(lines[0]) < 60 else "")
        outlet = meta.get("author") or meta.get("source") or ""
        published = meta.get("date") or ""
    convert = _t2s().convert
    return {
        "text": convert(body_text),
        "title": convert(title.strip()) or None,
        "outlet": outlet.strip() or None,
        "published": _published(published),
    }


# -- people -------------------------------------------------------------------------------------------


def name_and_title(clause: str) -> dict[str, str | None] | None:
    """The person a clause ends with (``市委副书记、市长龚正`` -> 龚正, 市委副书记、市长), via jieba.

    jieba tags Chinese names ``nr``; it often splits them (诸葛/宇杰, 陈/金山), so consecutive name
    tokens are joined, and a one-character surname takes the one- or two-character token after it.
    """
    clause = clause.strip(" ，,、：:\u3000")
    if not clause:
        return None
    tokens = [(t.word, t.flag) for t in pseg.lcut(clause)]
    end = None
    for i in range(len(tokens) - 1, -1, -1):
        if tokens[i][1].startswith("nr"):
            end = i
            break
    if end is None:
        match = TITLE_WORD.match(clause)
        return {"name": match.group(2), "title": match.group(1)} if match else None
    start = end
    while start > 0 and tokens[start - 1][1].startswith("nr"):
        start -= 1
    stop = end + 1
    if len(tokens[end][0]) == 1 and stop < len(tokens) and len(tokens[stop][0]) <= 2:
        stop += 1
    if 0 < sum(len(w) for w, _ in tokens[stop:]) <= 2:
        stop = len(tokens)  # the clause ends with the name: 诸葛/nr 明远 is one name, not 诸葛
    offset = sum(len(w) for w, _ in tokens[:start])
    name = "".join(w for w, _ in tokens[start:stop])
    if len(name) == 2 and offset > 0 and clause[offset - 1] in SURNAMES and name[0] not in SURNAMES:
        offset, name = offset - 1, clause[offset - 1] + name  # 市长林/海涛: jieba took the surname as title
    title = clause[:offset].strip(" ，,、")
    return {"name": name, "title": title or None}


def _attendee(item: str) -> str | None:
    item = LEADERS.sub("", item.strip(" ，,、\u3000"))
    if not item:
        return None
    if len(item) <= 4:
        return item
    person = name_and_title(item)
    return person["name"] if person else None


# -- the record ---------------------------------------------------------------------------------------


def _lead(paragraphs: list[str], start: int) -> str:
    """The lead: the paragraph naming the meeting and the next two (presider, deployer, attendance)."""
    return "\n".join(paragraphs[start:start + 3])


def _place_like(words: str) -> bool:
    """Whether the characters before 市委 can be a place: jieba sees no verb, time word, particle…"""
    return all(f[0] not in "vtudpr" for _, f in pseg.lcut(words))


def _city(title: str, text: str, organ_city: str | None) -> str | None:
    """The organ's city.  When the lead says only 市委: a place before 市委/市政府 elsewhere that jieba
    tags as a place name (ns), else the major city the readout names most, else its commonest place."""
    if organ_city:
        return organ_city
    counts = Counter(m.group(1) for m in CITY_ORGAN.finditer(title + "\n" + text))
    for candidate, _ in counts.most_common():
        if [f for _, f in pseg.lcut(candidate)] == ["ns"]:
            return candidate
    named = Counter(m.group(0) for m in MAJOR_CITY.finditer(title + "\n" + text))
    if named:
        return named.most_common(1)[0][0]
    places = Counter(w for w, f in pseg.lcut(title + text[:2000])
                     if f == "ns" and 2 <= len(w) <= 3 and w not in NOT_CITIES)
    return places.most_common(1)[0][0] if places else None


def _date(lead: str, published: str | None) -> str | None:
    year = None
    if (match := YEAR.search(lead)) is not None:
        year = int(match.group(1))
    elif published:
        year = int(published[:4])
    if (match := MONTH_DAY.search(lead)) is not None:
        if year is None:
            return None
        month, day = int(match.group(1)), int(match.group(2))
        if published and int(published[5:7]) == 1 and month == 12:
            year -= 1  # a January report of a late-December meeting
        return f"{year:04d}-{month:02d}-{day:02d}"
    if published and TODAY.search(lead):
        return published[:10]
    if published and YESTERDAY.search(lead):
        return (date.fromisoformat(published[:10]) - timedelta(days=1)).isoformat()
    return None


def extract(doc: dict[str, Any], name: str) -> dict[str, Any]:
    """A jidu.meeting/1-shaped record of the fields listed in :data:`FIELDS`."""
    text, title = doc["text"], doc["title"] or ""
    source = {"file": name, "title": doc["title"], "outlet": doc["outlet"], "published": doc["published"]}
    record: dict[str, Any] = {"schema": "jidu.meeting/1", "source": source}
    paragraphs = [p.strip() for p in text.splitlines() if p.strip()]
    start = next((i for i, p in enumerate(paragraphs[:6]) if MEETING.search(p) and HELD.search(p)), None)
    if start is None:
        record["is_meeting"] = False
        record["reason"] = "no 季度工作会议 held in the first paragraphs"
        return record
    lead = _lead(paragraphs, start)
    meeting = MEETING.search(paragraphs[start])
    assert meeting is not None
    organ_lead = ORGAN_LEAD.search(paragraphs[start])
    organ_kind = organ_lead.group(2) if organ_lead else "市委"
    organ_city = None
    if organ_lead is not None and organ_lead.group(1) and _place_like(organ_lead.group(1)):
        organ_city = organ_lead.group(1)
    city = _city(title, text, organ_city)
    record["is_meeting"] = True
    record["city"] = city
    record["organ"] = f"{city}{organ_kind}" if city else organ_kind
    record["kind"] = "季度" + meeting.group(1)
    record["date"] = _date(lead, doc["published"])
    record["time_of_day"] = m.group(1) if (m := TIME_OF_DAY.search(paragraphs[start])) else None
    quarter = QUARTER.search(lead) or QUARTER.search(title)
    if quarter and record["date"]:
        number = QUARTER_NUMBER[quarter.group(1) or quarter.group(2)]
        year = int(record["date"][:4]) + (1 if number == 1 and record["date"][5:7] == "12" else 0)
        record["quarter"] = f"{year}Q{number}"
    else:
        record["quarter"] = None
    form = FORM.search(text) or FORM_PLAIN.search(text)
    record["form"] = form.group(1) if form else None
    record["presider"] = name_and_title(m.group(1)) if (m := PRESIDE.search(lead)) else None
    record["deployer"] = name_and_title(m.group(1)) if (m := DEPLOY.search(lead)) else None
    also: list[dict[str, str | None]] = []
    attendees: list[str] = []
    for match in PRESENT.finditer(text):
        clause = match.group(1).split("，")[-1].split(",")[-1]
        if LEADERS.match(clause):
            attendees.extend(a for a in map(_attendee, SPLIT_LIST.split(clause)) if a)
        elif match.start() < len(lead) + 200 and (person := name_and_title(clause)):
            also.append(person)
    record["also_present"] = also
    record["attendees"] = list(dict.fromkeys(attendees))
    terms = [t for t in TERM.findall(text) if not TERM_STOP.search(t)]
    record["terms"] = list(dict.fromkeys(terms))
    return record


def baseline_parse(data: bytes, name: str) -> dict[str, Any]:
    """One file's bytes to a record; a file the tools cannot read gives an error record, never raises."""
    try:
        return extract(read(data, name), name)
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop a corpus run
        return {"source": {"file": name}, "error": f"{type(exc).__name__}: {exc}"}


def warm_up() -> None:
    """Load jieba's dictionary and trafilatura's/OpenCC's tables once, before anything is timed."""
    jieba.initialize()
    pseg.lcut("市委书记李强主持会议")
    trafilatura.bare_extraction("<html><body><p>" + "市委季度工作会议举行。" * 20 + "</p></body></html>")
    _t2s().convert("會議")


def main(argv: list[str]) -> int:
    warm_up()
    for arg in argv:
        path = Path(arg)
        record = baseline_parse(path.read_bytes(), path.name)
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
