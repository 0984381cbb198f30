"""Beyond the brief's list: conversion debris (DOMAIN.md), an old <br> page, another fictional city, 昨日."""
from fixtures_05_10 import S08
from fixtures_11_15 import S12, S14
from framework import (
    EXP,
    FIX,
    attendees_of,
    derive,
    expected,
    md_guancha,
    md_sina,
    parse,
    person,
    to_hant,
    write,
    write_expected,
)

M12 = dict(organ="示例市委", city="示例", kind="季度工作会议", date="2022-07-05", date_basis="body",
           time_of_day="上午", quarter="2022Q3", form="电视电话会议", presider=person("陈立群", "市委书记"),
           deployer=person("林海涛", "市委副书记、市长"), also_present=[person("赵明德", "市委副书记")],
           attendees=attendees_of(S12),
           speeches={"units": ["东湖区委", "北塘区委", "市住房城乡建设管理委党组", "市交通委党组"],
                     "topic": "加快经济恢复重振"})


def spaced(text: str) -> str:
    """Scraper debris: a space after every fourth character of the first clause."""
    head, sep, rest = text.partition("，")
    return " ".join(head[i:i + 4] for i in range(0, len(head), 4)) + sep + rest


def build_33():
    """A repost of 12 with ![]() placeholders, spaces inside Chinese text and full-width spaces."""
    title = "示例市委季度工作会议部署三季度工作（转载）"
    lines = [title, "", "2022-07-05 19:20　来源：示例新闻网", "", "![](https://img.shifan-news.example/2022/0705a.jpg)", ""]
    for i, (_, p, r) in enumerate(S12):
        text = p + r
        if i in (2, 4):
            text = spaced(text)
        lines += ["　　" + text, ""]
        if i == 1:
            lines += ["![](https://img.shifan-news.example/2022/0705b.jpg)", ""]
    lines += ["![](https://img.shifan-news.example/2022/qrcode.png)", "", "长按识别二维码，关注示例新闻网", ""]
    write(FIX / "33_repost_debris.txt", "\n".join(lines))
    src = dict(format="text", script="hans", title=title)
    write_expected(EXP / "33_repost_debris.json", expected(src, M12, derive(S12, "陈立群", "林海涛")))


GLOSSES = [("奪回", "奪(duó)回"), ("渡過", "渡(dù)過"), ("堵點", "堵(dǔ)點")]


def build_34():
    """A traditional copy of 14 with pinyin glosses left by a conversion tool; no date: year inferred."""
    title = to_hant("把疫情损失夺回来！示例市委季度工作会议部署三季度工作")
    lines = [title, ""]
    used = set()
    for _, p, r in S14:
        text = to_hant(p + r).replace("“", "「").replace("”", "」")
        for a, b in GLOSSES:
            if a in text and a not in used:
                text = text.replace(a, b, 1)
                used.add(a)
        lines += [text, ""]
    lines += ["（來源：示例新聞網）", ""]
    assert used, "no gloss inserted"
    write(FIX / "34_hant_pinyin.txt", "\n".join(lines))
    src = dict(format="text", script="hant", title="把疫情损失夺回来！示例市委季度工作会议部署三季度工作")
    m = dict(organ="示例市委", city="示例", kind="季度工作会议", date="2020-07-03", date_basis="inferred",
             time_of_day="下午", quarter="2020Q3", form="电视电话会议", presider=person("许正平", "市委书记"),
             deployer=person("林海涛", "市委副书记、市长"), also_present=[person("赵明德", "市委副书记")],
             attendees=attendees_of(S14),
             speeches={"units": ["临江区委", "北塘区委", "市人力资源社会保障局党组"], "topic": "做好“六稳”“六保”工作"})
    write_expected(EXP / "34_hant_pinyin.json", expected(src, m, derive(S14, "许正平", "林海涛")))


BR_PAGE = """<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{title}_示例新闻网</title>
</head>
<body>
<table width="960" align="center"><tr><td class="nav"><a href="/">首页</a> - <a href="/sz">时政</a></td></tr></table>
<table width="960" align="center"><tr><td>
<h2>{title}</h2>
<div class="time">发布时间：2022年04月08日 20:35　来源：示例新闻网</div>
<div id="zoom">
{body}
</div>
<div class="print"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
</td></tr></table>
</body>
</html>
"""


def build_35():
    """An old-style GB2312 page: paragraphs separated by <br> with full-width indents, not <p>."""
    title = "稳住经济基本盘！示例市委季度工作会议部署二季度工作"
    body = "<br>\n<br>\n".join("　　" + p + r for _, p, r in S08)
    write(FIX / "35_br_paragraphs.html", BR_PAGE.format(title=title, body=body), encoding="gb2312")
    src = dict(format="html", script="hans")
    m = dict(organ="示例市委", city="示例", kind="季度工作会议", date="2022-04-08", date_basis="body",
             time_of_day="下午", quarter="2022Q2", form="视频会议", presider=person("陈立群", "市委书记"),
             deployer=person("林海涛", "市委副书记、市长"), also_present=[person("赵明德", "市委副书记")],
             attendees=attendees_of(S08),
             speeches={"units": ["北塘区委", "临江区委", "市商务委党组"], "topic": "助企纾困、稳定经济增长"})
    write_expected(EXP / "35_br_paragraphs.json", expected(src, m, derive(S08, "陈立群", "林海涛")))


S37 = parse("""
L| 范例市委季度工作会议今天下午（7月2日）举行。市委书记宁远航主持会议并强调，|要坚持稳中求进，紧盯全年目标任务，狠抓项目建设和产业升级，推动经济持续健康发展，确保三季度各项工作取得实效。
P| 市委副书记、市长贺明川部署三季度经济社会发展重点工作。市委副书记钟秀兰出席会议。
H| 狠抓项目建设和产业升级
R| 宁远航指出，要狠抓项目建设和产业升级，推动“三区一港”重大平台加快建设，力争三季度新开工亿元以上项目50个。要坚持“链长制”，围绕装备制造、新材料等优势产业招大引强。
H| 扎实做好民生保障
R| 宁远航强调，要扎实做好民生保障，落实好就业优先政策，做好防汛抗旱和安全生产工作，维护社会大局稳定。
D| 贺明川就做好三季度重点工作指出，|要按照市委部署，全力推动经济稳中向好。加快重大项目建设。推进产业转型升级。扎实做好防汛抗旱工作。
P| 市领导葛文涛、邵一平、罗晓红、田志刚出席会议。
P| 会议以视频会议形式召开。范例市江北区委、范例高新区党工委、市工业和信息化局党组作交流发言。
""")
T37 = "范例市委季度工作会议部署三季度重点工作"


def build_37():
    """Another fictional city's quarterly meeting: city and organ must come from the text, not a default."""
    meta = dict(title=T37, author="范例日报", date="Tue, 02 Jul 2024 11:00:00 GMT", cats=["要闻", "范例日报"])
    write(FIX / "37_other_city.md", md_guancha(meta, S37, images=False))
    src = dict(format="markdown+html", script="hans", title=T37, outlet="范例日报", published="2024-07-02T11:00:00+00:00")
    m = dict(organ="范例市委", city="范例", kind="季度工作会议", date="2024-07-02", date_basis="body",
             time_of_day="下午", quarter="2024Q3", form="视频会议", presider=person("宁远航", "市委书记"),
             deployer=person("贺明川", "市委副书记、市长"), also_present=[person("钟秀兰", "市委副书记")],
             attendees=attendees_of(S37),
             speeches={"units": ["范例市江北区委", "范例高新区党工委", "市工业和信息化局党组"], "topic": None})
    write_expected(EXP / "37_other_city.json", expected(src, m, derive(S37, "宁远航", "贺明川")))


S38 = parse("""
L| 示例市政府三季度工作会议昨日上午举行。市委副书记、市长林海涛讲话指出，|上半年全市经济经受住了超预期因素冲击，三季度是稳住经济大盘的关键窗口期。要高效统筹疫情防控和经济社会发展，抓紧抓实稳经济一揽子政策措施，推动经济加快恢复重振。
P| 常务副市长孙文博主持会议。
R| 林海涛指出，要把稳经济一揽子政策措施抓紧抓实，政策要快出台、快落地、快见效。各部门要主动对接企业需求，确保“应享尽享、直达快享”。
R| 林海涛指出，要全力扩大有效投资和促进消费，加快重大项目开工建设，办好“湖畔夜市”等促消费活动。要做好高校毕业生就业工作，保障好困难群众基本生活。
R| 林海涛强调，要切实做好防汛防台和迎峰度夏工作，确保城市安全运行。市政府各部门要强化担当作为，以“时时放心不下”的责任感抓好各项工作。
P| 副市长吴启明、郑晓燕、冯立新、何晓峰出席会议。
""")
T38 = "示例市政府召开三季度工作会议 推动经济加快恢复重振"


def build_38():
    """A city government meeting reported the next day (昨日), held before the quarter it names; 副市长 list."""
    meta = dict(title=T38, author="示例财经", date="Fri, 01 Jul 2022 00:40:00 GMT")
    write(FIX / "38_government_yesterday.md", md_sina(meta, S38, editor="周宁"))
    src = dict(format="markdown+html", script="hans", title=T38, outlet="示例财经", published="2022-07-01T00:40:00+00:00")
    m = dict(organ="示例市政府", city="示例", kind="季度工作会议", date="2022-06-30", date_basis="published",
             time_of_day="上午", quarter="2022Q3", form=None, presider=person("孙文博", "常务副市长"),
             deployer=None, also_present=[], attendees=["吴启明", "郑晓燕", "冯立新", "何晓峰"],
             speeches={"units": [], "topic": None})
    write_expected(EXP / "38_government_yesterday.json", expected(src, m, derive(S38, "林海涛")))
