"""Extraction rules on small texts written for each cue (the fictional city 示例市)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jidu.extract.lead import deployed_quarter, find_city, find_lead, full_organ, not_meeting_reason
from jidu.extract.people import is_title, split_people_list, split_title_name
from jidu.extract.years import cn_number, infer_year
from jidu.parse import parse_bytes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("市委书记陈立群", ("市委书记", "陈立群")),
        ("市委副书记、市长林海涛", ("市委副书记、市长", "林海涛")),
        ("市委副书记、代市长欧阳志远", ("市委副书记、代市长", "欧阳志远")),
        ("市长张长生", ("市长", "张长生")),
        ("宋立文", (None, "宋立文")),
        ("市委常委、组织部部长马国栋", ("市委常委、组织部部长", "马国栋")),
        ("市政府各部门负责同志", None),
    ],
)
def test_split_title_name(text: str, expected: tuple[str | None, str] | None) -> None:
    assert split_title_name(text) == expected


def test_is_title() -> None:
    assert is_title("市委副书记、市长") and not is_title("市委副") and not is_title("")


def test_people_list_carries_titles_forward() -> None:
    intro, people = split_people_list("副市长张三、李四和王五，市政府秘书长赵六")
    assert intro is None
    assert [(p.name, p.title) for p in people] == [
        ("张三", "副市长"), ("李四", "副市长"), ("王五", "副市长"), ("赵六", "市政府秘书长")
    ]
    intro, people = split_people_list("区领导甲乙丙、丁戊")
    assert intro == "区领导" and [p.name for p in people] == ["甲乙丙", "丁戊"]


@pytest.mark.parametrize(
    ("sentence", "organ", "kind", "quarter"),
    [
        ("市委季度工作会议今天下午（7月1日）举行。", "市委", "季度工作会议", None),
        ("示例市委昨天下午召开二季度工作会议。", "示例市委", "季度工作会议", 2),
        ("示例市东湖区委季度工作会议今天举行。", "示例市东湖区委", "季度工作会议", None),
        ("市政府第三季度工作会议今天上午举行。", "市政府", "季度工作会议", 3),
        ("区县、大口党委书记二季度工作会议今天举行。", None, "区县、大口党委书记季度工作会议", 2),
        ("东湖区2023年一季度重点工作点评会今天召开。", "东湖区", "季度重点工作点评会", 1),
    ],
)
def test_find_lead(sentence: str, organ: str | None, kind: str, quarter: int | None) -> None:
    lead = find_lead(["标题行没有会议", sentence])
    assert lead is not None and lead.paragraph == 1 and lead.reason is None
    assert (lead.organ, lead.kind, lead.named_quarter) == (organ, kind, quarter)


@pytest.mark.parametrize(
    ("sentence", "fragment"),
    [
        ("民盟示例市委季度工作会议今天举行。", "民盟"),
        ("共青团示例市委季度工作会议今天举行。", "团"),
        ("市委统战部季度工作会议今天举行。", "department"),
    ],
)
def test_lead_of_other_bodies_has_a_reason(sentence: str, fragment: str) -> None:
    lead = find_lead([sentence])
    assert lead is not None and lead.reason and fragment in lead.reason


def test_not_meeting_reason_names_the_kind() -> None:
    assert "standing committee" in not_meeting_reason(["市委常委会今天召开会议。"], None)
    assert "forum" in not_meeting_reason(["市委召开民营企业座谈会。"], None)
    assert "names no quarterly" in not_meeting_reason(["今天天气晴。"], "天气")


def test_city_from_organ_title_and_text() -> None:
    assert find_city("示例市委", None, "") == "示例"
    assert find_city("市委", "冲刺！示例市委季度工作会议举行", "市委书记主持") == "示例"
    assert find_city("市委", None, "考察上海重要讲话精神，全市上下来沪游客") == "上海"
    assert find_city("市委", None, "深入贯彻市委部署，巩固强化市民意识") is None
    assert full_organ("市委", "示例") == "示例市委"
    assert full_organ("东湖区委", "示例") == "示例市东湖区委"
    assert full_organ("上海市委", "上海") == "上海市委"


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("四季度是“十三五”收官之年的收官季", 2020),
        ("更加主动迎接“十四五”开局", 2021),
        ("全力办好第六届进博会", 2023),
        ("以浦东开发开放30周年为契机", 2020),
        ("庆祝中国共产党成立100周年", 2021),
        ("以实际行动迎接党的二十大胜利召开", 2022),
        ("谋划“十五五”发展", 2025),
    ],
)
def test_infer_year(text: str, year: int) -> None:
    inferred = infer_year(text)
    assert inferred is not None and inferred[0] == year
    assert inferred[1][0].cue in text


def test_infer_year_majority_and_none() -> None:
    assert infer_year("第三届进博会，“十三五”收官，建党100周年")[0] == 2020
    assert infer_year("没有任何年份线索") is None
    assert cn_number("二十一") == 21 and cn_number("100") == 100 and cn_number("甲") is None


def _lead(kind: str, named_quarter: int | None = None):
    lead = find_lead([f"示例市委{kind}今天举行。"])
    assert lead is not None
    return lead


@pytest.mark.parametrize(
    ("block", "date", "quarter"),
    [
        ("市长林海涛部署三季度经济社会发展重点工作。", "2023-07-03", "2023Q3"),
        ("市长林海涛部署一季度经济社会发展重点工作。", "2023-12-29", "2024Q1"),
        ("没有部署字样。", "2023-01-06", "2023Q1"),
        ("没有部署字样。", "2023-03-28", "2023Q2"),
        ("没有部署字样。", "2023-12-28", "2024Q1"),
    ],
)
def test_deployed_quarter(block: str, date: str, quarter: str) -> None:
    lead = _lead("季度工作会议")
    assert deployed_quarter(lead, [(1, block)], date, None)[0] == quarter


def test_review_meeting_deploys_the_next_quarter() -> None:
    lead = find_lead(["示例市四季度重点工作点评会今天举行。"])
    assert deployed_quarter(lead, [], "2024-01-08", None)[0] == "2024Q1"
    lead = find_lead(["示例市一季度重点工作点评会今天举行。"])
    assert deployed_quarter(lead, [], "2024-04-03", None)[0] == "2024Q2"


READOUT = """示例市委季度工作会议召开 部署三季度工作
示例市委季度工作会议今天上午（7月3日）举行。市委书记陈立群主持会议并强调，要坚定信心抓落实。
市委副书记、市长林海涛部署三季度经济社会发展重点工作。市委副书记宋立文出席会议。
抓好“十大工程”
陈立群指出，要抓好“十大工程”。各区要对标对表，
拿出具体的施工图、任务书。
“不能只作技术判断。”陈立群强调，要把“赛马场”上比作为落到实处。
林海涛就做好三季度重点工作指出，要按照市委部署，推动经济持续回升。加快重大项目建设！办好“湖畔消费季”？
市领导孙文博、吴启明和郑晓燕出席会议。
会议以视频会议形式召开。东湖区委、西岭区委、市发展改革委围绕推进“十大工程”作交流发言。
编辑：王五
"""


def test_whole_readout() -> None:
    record = parse_bytes(READOUT.encode("gbk"), "readout.txt")
    data = record.to_json()
    assert data["source"]["encoding"] == "gb18030" and data["source"]["format"] == "text"
    assert (data["organ"], data["city"], data["kind"]) == ("示例市委", "示例", "季度工作会议")
    assert (data["date"], data["date_basis"], data["time_of_day"], data["quarter"]) == (None, None, "上午", None)
    assert data["presider"] == {"name": "陈立群", "title": "市委书记"}
    assert data["deployer"] == {"name": "林海涛", "title": "市委副书记、市长"}
    assert data["also_present"] == [{"name": "宋立文", "title": "市委副书记"}]
    assert data["attendees"] == ["孙文博", "吴启明", "郑晓燕"]
    assert data["opening"] == {"speaker": "陈立群", "text": "要坚定信心抓落实。"}
    assert [(r["heading"], r["text"][:8]) for r in data["remarks"]] == [
        ("抓好“十大工程”", "陈立群指出，要抓"), (None, "“不能只作技术判")
    ]
    assert data["remarks"][0]["text"].endswith("各区要对标对表，拿出具体的施工图、任务书。")
    assert data["deployment"]["items"] == ["要按照市委部署，推动经济持续回升", "加快重大项目建设！", "办好“湖畔消费季”？"]
    assert data["speeches"] == {"units": ["东湖区委", "西岭区委", "市发展改革委"], "topic": "推进“十大工程”"}
    assert data["form"] == "视频会议"
    assert data["terms"] == ["十大工程", "赛马场", "湖畔消费季"]


def test_year_from_publication_and_from_dateline() -> None:
    dated = READOUT.replace("编辑：王五", "来源：示例日报 2023-07-03 20:32")
    data = parse_bytes(dated.encode(), "d.txt").to_json()
    assert (data["date"], data["date_basis"], data["quarter"]) == ("2023-07-03", "body", "2023Q3")
    inferred = READOUT.replace("要坚定信心抓落实。", "要坚定信心抓落实，全力办好第六届进博会。")
    data = parse_bytes(inferred.encode(), "i.txt").to_json()
    assert (data["date"], data["date_basis"], data["quarter"]) == ("2023-07-03", "inferred", "2023Q3")
    assert data["date_evidence"] == ["第六届进博会"]


def test_relative_date_yesterday() -> None:
    text = READOUT.replace("今天上午（7月3日）举行", "昨天上午举行").replace("编辑：王五", "来源：示例日报 2023-07-04 08:00")
    data = parse_bytes(text.encode(), "y.txt").to_json()
    assert (data["date"], data["date_basis"]) == ("2023-07-03", "published")


def test_no_presider_when_only_spoken() -> None:
    text = READOUT.replace("主持会议并强调", "在会上指出")
    data = parse_bytes(text.encode(), "n.txt").to_json()
    assert data["presider"] is None and data["opening"]["speaker"] == "陈立群"
    assert len(data["remarks"]) == 2


def test_government_meeting_with_several_deployers() -> None:
    text = (
        "示例市政府召开二季度工作会议\n"
        "示例市政府二季度工作会议今天下午（3月30日）举行。市长林海涛讲话强调，要扛起经济大市挑大梁责任。\n"
        "市委常委、常务副市长周明主持会议。副市长甲乙丙、丁戊、己庚分别就分管领域二季度重点工作作部署。\n"
        "林海涛指出，要抓项目、促投资。\n"
    )
    data = parse_bytes(text.encode(), "g.txt").to_json()
    assert (data["organ"], data["kind"], data["date"]) == ("示例市政府", "季度工作会议", None)
    assert data["presider"] == {"name": "周明", "title": "市委常委、常务副市长"}
    assert data["deployer"] is None
    assert [p["name"] for p in data["deployers"]] == ["甲乙丙", "丁戊", "己庚"]
    assert data["opening"]["speaker"] == "林海涛" and data["remarks"][0]["text"] == "林海涛指出，要抓项目、促投资。"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("示例市委常委会举行会议\n示例市委常委会今天召开会议，研究近期工作。", "standing committee"),
        ("座谈会\n示例市委今天召开民营企业座谈会。", "forum"),
        ("天气\n明天多云转晴，气温回升。", "names no quarterly"),
        ("民盟\n民盟示例市委季度工作会议今天举行。", "民盟"),
        ("传达\n东湖区委召开常委会会议，传达学习示例市委季度工作会议精神。", "standing committee"),
        ("回顾\n会议指出，7月5日召开的示例市委季度工作会议作出了部署。", "not a quarterly work meeting"),
    ],
)
def test_non_readouts(text: str, fragment: str) -> None:
    data = parse_bytes(text.encode(), "x.txt").to_json()
    assert data["is_meeting"] is False and fragment in data["reason"]
    assert set(data) <= {"schema", "source", "is_meeting", "reason", "text", "provenance"}


def test_unit_names_keep_their_and() -> None:
    text = READOUT.replace("东湖区委、西岭区委、市发展改革委", "东湖区委、市工业和信息化局党组、西岭区委和南港新区党工委")
    data = parse_bytes(text.encode(), "u.txt").to_json()
    assert data["speeches"]["units"] == ["东湖区委", "市工业和信息化局党组", "西岭区委", "南港新区党工委"]


def test_pronoun_opening_and_attended_by_list() -> None:
    text = (
        "标题\n7月5日下午，示例市委召开季度工作会议。\n"
        "市委书记陈立群主持会议并讲话。他强调，要抓好三季度各项工作。\n"
        "市长林海涛就三季度经济社会发展重点工作作部署。\n"
        "出席会议的还有市领导孙文博、吴启明、郑晓燕等。\n来源：示例日报 2023-07-05 21:00"
    )
    data = parse_bytes(text.encode(), "p.txt").to_json()
    assert data["opening"] == {"speaker": "陈立群", "text": "要抓好三季度各项工作。"}
    assert data["attendees"] == ["孙文博", "吴启明", "郑晓燕"]
    assert (data["date"], data["quarter"], data["deployer"]["name"]) == ("2023-07-05", "2023Q3", "林海涛")


@pytest.mark.parametrize(
    ("lead", "organ", "city"),
    [
        ("本报讯　市委季度工作会议昨天下午举行。", "市委", None),
        ("新华社示例4月6日电 示例市委季度工作会议6日举行。", "示例市委", "示例"),
        ("【示例日报】示例市委季度工作会议今天举行。", "示例市委", "示例"),
        ("（记者 张三）示例市东湖区委季度工作会议今天举行。", "示例市东湖区委", "示例"),
    ],
)
def test_bylines_do_not_become_places(lead: str, organ: str, city: str | None) -> None:
    data = parse_bytes(f"标题\n{lead}市委书记陈立群主持会议并强调，要抓落实。".encode(), "b.txt").to_json()
    assert (data["organ"], data["city"]) == (organ, city)


def test_quarter_from_work_deployed_with_zuo_bushu() -> None:
    text = (
        "标题\n示例市委季度工作会议今天举行。市委书记陈立群主持会议并强调，要抓落实。\n"
        "市委副书记、市长林海涛就做好二季度经济社会发展工作作了部署。\n来源：示例日报 2015-03-30"
    )
    data = parse_bytes(text.encode(), "q.txt").to_json()
    assert (data["date"], data["quarter"], data["deployer"]["name"]) == ("2015-03-30", "2015Q2", "林海涛")
    assert data["provenance"]["quarter"]


def test_the_meetings_own_voice_closes_a_remark() -> None:
    text = READOUT.replace("拿出具体的施工图、任务书。", "拿出具体的施工图、任务书。\n会议强调，各级各部门要抓好落实。")
    data = parse_bytes(text.encode(), "v.txt").to_json()
    assert data["remarks"][0]["text"].endswith("拿出具体的施工图、任务书。")
    assert all("会议强调" not in r["text"] for r in data["remarks"])


@given(st.one_of(st.text(alphabet="出席参加了会议本次。；，、甲乙丙市领导", max_size=500),
                 st.text(alphabet="出席参加了会议，、甲乙丙丁戊己庚辛", min_size=150, max_size=700)))
@settings(max_examples=500, deadline=None)
def test_attendance_matches_are_the_patterns_own(text: str) -> None:
    from jidu.extract.roles import _ATTEND, attend_matches

    expected = [(m.start(), m.end(), m.group("who")) for m in _ATTEND.finditer(text)]
    assert [(m.start(), m.end(), m.group("who")) for m in attend_matches(text)] == expected


@given(st.text(alphabet="“”。！？甲乙 ", max_size=80), st.integers(0, 80), st.integers(0, 80))
@settings(max_examples=300, deadline=None)
def test_sentence_spans_end_at_final_marks_outside_quotes(text: str, start: int, end: int) -> None:
    from jidu.extract.body import sentence_spans

    start, end = min(start, len(text)), min(max(start, end), len(text))
    spans = sentence_spans(text, start, end)
    depth, expected, begin = 0, [], start
    for position in range(start, end):  # the definition, one character at a time
        ch = text[position]
        depth = depth + 1 if ch == "“" else max(0, depth - 1) if ch == "”" else depth
        if ch in "。！？" and depth == 0:
            expected.append((begin, position + 1))
            begin = position + 1
    if begin < end and text[begin:end].strip():
        expected.append((begin, end))
    assert spans == expected
