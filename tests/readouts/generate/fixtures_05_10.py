import json

from framework import (
    EXP,
    FIX,
    attendees_of,
    derive,
    expected,
    md_guancha,
    parse,
    person,
    plain,
    to_hant,
    write,
    write_expected,
)

# ------------------------------------------------------------------ 05 city government quarterly meeting
S05 = parse("""
L| 示例市政府二季度工作会议今天上午（3月30日）举行。市委副书记、市长林海涛讲话强调，|要深入贯彻落实市委部署要求，坚持稳中求进，把恢复和扩大需求摆在优先位置，狠抓二季度各项工作落地见效，推动经济运行持续回升向好，为完成全年目标任务打下坚实基础。
P| 常务副市长孙文博主持会议。副市长吴启明、郑晓燕、冯立新、何晓峰分别就分管领域二季度重点工作作具体部署。
R| 林海涛指出，一季度全市经济开局良好，主要指标好于预期，但需求不足、企业预期偏弱等问题仍然存在。二季度是承上启下的关键阶段，各部门要以只争朝夕的劲头抢时间、抢进度，确保上半年实现“时间过半、任务过半”。
R| 林海涛指出，要千方百计扩大有效投资，加快推进湖东科创走廊、南港深水港区二期等重大项目，滚动实施“四个一批”项目推进机制。要大力提振消费，办好“湖畔消费季”系列活动，培育夜间经济、首发经济等消费新场景。要稳住外贸外资基本盘，帮助企业拓市场、抢订单。
R| 林海涛强调，要更加注重保障和改善民生，抓好高校毕业生等重点群体就业，加快推进保障性租赁住房建设。要统筹发展和安全，提前做好防汛防台各项准备，深入开展安全生产隐患排查整治。各部门要强化担当作为，以“高效办成一件事”为牵引，持续提升政府服务效能。
P| 市政府秘书长韩志刚出席会议。
P| 会议以电视电话会议形式召开。
""")
T05 = "示例市政府召开二季度工作会议 林海涛讲话"


def build_05():
    meta = dict(title=T05, author="示例政务", date="Thu, 30 Mar 2023 09:40:00 GMT", cats=["政务", "示例政务"])
    write(FIX / "05_city_government.md", md_guancha(meta, S05, images=False))
    src = dict(format="markdown+html", script="hans", title=T05, outlet="示例政务", published="2023-03-30T09:40:00+00:00")
    m = dict(organ="示例市政府", city="示例", kind="季度工作会议", date="2023-03-30", date_basis="body",
             time_of_day="上午", quarter="2023Q2", form="电视电话会议", presider=person("孙文博", "常务副市长"),
             deployer=None, also_present=[], speeches={"units": [], "topic": None})
    d = derive(S05, "林海涛")
    write_expected(EXP / "05_city_government.json", expected(src, m, d))


# ------------------------------------------------------------------ 06 district quarterly meeting
S06 = parse("""
L| 东湖区委季度工作会议今天下午（7月4日）举行。区委书记黄卫东主持会议并强调，|要深入贯彻落实示例市委季度工作会议精神，坚持以新发展理念引领高质量发展，聚焦“湖畔科创带”建设和城市更新两大重点，抓紧抓实三季度各项工作，为全市发展大局多作贡献。
P| 区委副书记、区长刘晓岚部署三季度重点工作。区委副书记方志强出席会议。
H| 聚焦重点抓攻坚
R| 黄卫东指出，上半年全区主要经济指标稳中有进，但与年度目标相比仍有差距。下半年要聚焦重点抓攻坚，紧盯“湖畔科创带”重点项目，加快科创载体建设和企业落地，力争三季度新增规上企业30家以上。要做深做实“企业服务专员”制度，做到企业有呼、服务必应。
H| 下足绣花功夫推进城市更新
R| 黄卫东指出，要下足绣花功夫推进城市更新，统筹推进老旧小区改造、口袋公园建设和背街小巷整治，让群众切实感受到身边的变化。要把“民呼我为”贯穿始终，认真解决群众急难愁盼问题。
R| 黄卫东强调，要持续加强干部队伍建设，大力营造比学赶超的浓厚氛围。各级领导干部要带头抓落实、敢于涉深水，真正做到“一线发现问题、一线解决问题”。
H| 全力确保全年目标任务完成
D| 刘晓岚就做好三季度重点工作指出，|要全力确保全年目标任务完成，加大招商引资和项目推进力度。加快湖滨商务区二期开发，推动一批重点项目开工。扎实推进城市更新和民生实事项目。切实抓好防汛防台和高温天气安全生产。
P| 区领导张建平、李慧、王海鹰、赵一凡、周婷、孔德明出席会议。
P| 东湖街道党工委、湖滨镇党委、区科委党组、区建设管理委党组围绕推进“湖畔科创带”建设和城市更新作交流发言。
""")
T06 = "东湖区委季度工作会议部署三季度重点工作"


def build_06():
    meta = dict(title=T06, author="示例东湖", date="Tue, 04 Jul 2023 10:15:00 GMT", cats=["区县", "示例东湖"])
    write(FIX / "06_district_donghu.md", md_guancha(meta, S06))
    src = dict(format="markdown+html", script="hans", title=T06, outlet="示例东湖", published="2023-07-04T10:15:00+00:00")
    m = dict(organ="示例市东湖区委", city="示例", kind="季度工作会议", date="2023-07-04", date_basis="body",
             time_of_day="下午", quarter="2023Q3", form=None, presider=person("黄卫东", "区委书记"),
             deployer=person("刘晓岚", "区委副书记、区长"), also_present=[person("方志强", "区委副书记")],
             attendees=attendees_of(S06),
             speeches={"units": ["东湖街道党工委", "湖滨镇党委", "区科委党组", "区建设管理委党组"],
                       "topic": "推进“湖畔科创带”建设和城市更新"})
    write_expected(EXP / "06_district_donghu.json", expected(src, m, derive(S06, "黄卫东", "刘晓岚")))


# ------------------------------------------------------------------ 08 GBK-encoded front matter + HTML
S08 = parse("""
L| 示例市委季度工作会议今天下午（4月8日）举行。市委书记陈立群主持会议并强调，|二季度工作对于稳住全年经济基本盘至关重要。要高效统筹疫情防控和经济社会发展，坚持稳中求进，抓紧落实稳增长各项政策，确保经济运行在合理区间。
P| 市委副书记、市长林海涛部署二季度经济社会发展重点工作。市委副书记赵明德出席会议。
H| 抓紧落实稳增长各项政策
R| 陈立群指出，要抓紧落实稳增长各项政策，政策宁可多一点、宁可早一点。加强对中小微企业和个体工商户的帮扶，落实减租降费措施，帮助市场主体渡过难关。畅通物流运输通道，保障产业链供应链稳定。
H| 守护好群众生命安全和身体健康
R| 陈立群指出，要守护好群众生命安全和身体健康，坚持“人民至上、生命至上”。加强重点人群健康服务，保障好群众就医用药需求，关心关爱一线工作人员。
D| 林海涛就做好二季度重点工作指出，|要按照市委部署，统筹推进疫情防控和经济社会发展。狠抓助企纾困政策落地，推动企业有序复工复产。加快重大项目建设，扩大有效投资。做好重要民生物资保供稳价。
P| 市领导孙文博、吴启明、郑晓燕、冯立新、何晓峰、马国栋、唐振宇出席会议。
P| 会议以视频会议形式召开。北塘区委、临江区委、市商务委党组围绕助企纾困、稳定经济增长作交流发言。
""")
T08 = "稳住经济基本盘！示例市委季度工作会议部署二季度工作"


def build_08():
    meta = dict(title=T08, author="示例新闻网", date="Fri, 08 Apr 2022 12:20:11 GMT")
    write(FIX / "08_gbk.md", md_guancha(meta, S08, images=False), encoding="gbk")
    src = dict(format="markdown+html", script="hans", title=T08, outlet="示例新闻网", published="2022-04-08T12:20:11+00:00")
    m = dict(organ="示例市委", city="示例", kind="季度工作会议", date="2022-04-08", date_basis="body",
             time_of_day="下午", quarter="2022Q2", form="视频会议", presider=person("陈立群", "市委书记"),
             deployer=person("林海涛", "市委副书记、市长"), also_present=[person("赵明德", "市委副书记")],
             attendees=attendees_of(S08),
             speeches={"units": ["北塘区委", "临江区委", "市商务委党组"], "topic": "助企纾困、稳定经济增长"})
    write_expected(EXP / "08_gbk.json", expected(src, m, derive(S08, "陈立群", "林海涛")))


# ------------------------------------------------------------------ 09 Big5 traditional plain text with a dateline
S09 = parse("""
L| 示例市委季度工作会议今天下午（10月10日）举行。市委书记陈立群主持会议并强调，|要认真贯彻落实党中央决策部署，紧盯全年目标任务，坚定信心、攻坚克难，全力以赴稳增长、保民生、防风险，奋力夺取全年经济社会发展好成绩。
P| 市委副书记、市长林海涛部署四季度经济社会发展重点工作。市委副书记赵明德出席会议。
R| 陈立群指出，四季度是决战决胜的关键时期。要紧盯全年目标任务，把每一项工作都落实到具体项目、具体单位、具体责任人。要抓住有利时机，推动消费持续恢复，加快“南港物流枢纽”等重大项目建设。
R| 陈立群指出，要扎实做好民生保障，确保困难群众温暖过冬。抓好秋冬季疫情防控和城市运行安全，及时化解各类矛盾纠纷。
D| 林海涛就做好四季度重点工作指出，|要按照市委部署，千方百计稳定经济增长。加快释放政策效应，推动重点产业提质增效。扎实办好民生实事。全力维护城市安全稳定。
P| 市领导孙文博、吴启明、郑晓燕、冯立新、何晓峰、韩志刚出席会议。
P| 会议以电视电话会议形式召开。西岭区委、青川区委、市经济信息化委党组作交流发言。
""")
T09 = "示例市委季度工作会议部署四季度经济社会发展重点工作"


def build_09():
    title = to_hant(T09)
    q = str.maketrans({"“": "「", "”": "」"})
    body = [(t, to_hant(p).translate(q), to_hant(r).translate(q)) for t, p, r in S09]
    head = [title, "來源：示例日報 2022-10-10 20:45", ""]
    write(FIX / "09_big5.txt", plain(title, body, head=head, tail=["（責任編輯：何小蕾）"]), encoding="big5")
    src = dict(format="text", script="hant", title=T09)
    m = dict(organ="示例市委", city="示例", kind="季度工作会议", date="2022-10-10", date_basis="body",
             time_of_day="下午", quarter="2022Q4", form="电视电话会议", presider=person("陈立群", "市委书记"),
             deployer=person("林海涛", "市委副书记、市长"), also_present=[person("赵明德", "市委副书记")],
             attendees=attendees_of(S09),
             speeches={"units": ["西岭区委", "青川区委", "市经济信息化委党组"], "topic": None})
    write_expected(EXP / "09_big5.json", expected(src, m, derive(S09, "陈立群", "林海涛")))


# ------------------------------------------------------------------ 10 UTF-16 HTML page and UTF-8 with BOM
S10 = parse("""
L| 示例市委季度工作会议今天下午（7月6日）举行。市委书记许正平主持会议并强调，|要以庆祝建党100周年为强大动力，坚持稳中求进，抓好“十四五”开局之年各项工作，确保全年目标任务顺利完成。
P| 市委副书记、市长林海涛部署三季度经济社会发展重点工作。市委副书记赵明德出席会议。
H| 把建党百年激发的热情转化为干事创业的实际行动
R| 许正平指出，要把建党百年激发的热情转化为干事创业的实际行动，以党史学习教育为契机，深入开展“我为群众办实事”实践活动，着力解决一批群众反映强烈的问题。
H| 持续巩固经济稳中向好态势
R| 许正平指出，要持续巩固经济稳中向好态势，加快推进“十四五”规划重大项目，推动“2+4”产业集群壮大。加强对企业的精准服务，帮助企业应对原材料价格上涨等困难。
D| 林海涛就做好三季度重点工作指出，|要按照市委部署，持续巩固经济稳中向好态势。加快推进重大项目和重点区域建设。深化营商环境改革。抓好常态化疫情防控和疫苗接种。做好防汛防台和高温天气应对。
P| 市领导孙文博、吴启明、郑晓燕、冯立新、何晓峰、许雅琴、马国栋出席会议。
P| 会议以电视电话会议形式召开。东湖区委、南港新区党工委、市科委党组围绕开展“我为群众办实事”实践活动作交流发言。
""")
T10 = "示例市委季度工作会议部署三季度重点工作"
PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="{charset}">
<title>{title}</title>
<meta property="article:published_time" content="{published}">
<link rel="stylesheet" href="/static/site.css">
</head>
<body>
<div class="topbar"><a href="/">首页</a> | <a href="/news">新闻</a> | <a href="/gov">政务</a></div>
<div class="article">
<h1>{title}</h1>
<div class="info">{published_text}　来源：{outlet}</div>
<div class="article-content">
{paras}
</div>
</div>
<div class="footer">示例新闻网版权所有</div>
</body>
</html>
"""


def page(title, spec, published, published_text, outlet, charset="utf-8") -> str:
    paras = "\n".join(f"<p>{p + r}</p>" for _, p, r in spec)
    return PAGE.format(charset=charset, title=title, published=published, published_text=published_text,
                       outlet=outlet, paras=paras)


def build_10():
    m = dict(organ="示例市委", city="示例", kind="季度工作会议", date="2021-07-06", date_basis="body",
             time_of_day="下午", quarter="2021Q3", form="电视电话会议", presider=person("许正平", "市委书记"),
             deployer=person("林海涛", "市委副书记、市长"), also_present=[person("赵明德", "市委副书记")],
             attendees=attendees_of(S10),
             speeches={"units": ["东湖区委", "南港新区党工委", "市科委党组"], "topic": "开展“我为群众办实事”实践活动"})
    html = page(T10, S10, "2021-07-06T20:05:00+08:00", "2021-07-06 20:05", "示例新闻网", charset="utf-16")
    write(FIX / "10_utf16.html", html, encoding="utf-16")
    src = dict(format="html", script="hans", title=T10, published="2021-07-06T20:05:00+08:00")
    write_expected(EXP / "10_utf16.json", expected(src, m, derive(S10, "许正平", "林海涛")))
    meta = dict(title=T10, author="示例新闻网", date="Tue, 06 Jul 2021 12:05:00 GMT")
    write(FIX / "10_utf8_bom.md", md_guancha(meta, S10), encoding="utf-8-sig")
    src = dict(format="markdown+html", script="hans", title=T10, outlet="示例新闻网", published="2021-07-06T12:05:00+00:00")
    write_expected(EXP / "10_utf8_bom.json", expected(src, m, derive(S10, "许正平", "林海涛")))


_ = json
