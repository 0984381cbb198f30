import json

from framework import (
    EXP,
    FIX,
    md_guancha,
    plain,
    write,
    write_expected,
)


def non(stem: str, src: dict, screened: bool = False) -> None:
    """``screened``: the file never names a quarterly work meeting (…季度工作会议), so the reader's
    screen turns it away unread (jidu.read.screen): its record keeps the format and script but no
    title, outlet or date."""
    if screened:
        src = {k: v for k, v in src.items() if k in ("format", "script")}
    write_expected(EXP / f"{stem}.json", {"schema": "jidu.meeting/1", "source": src, "is_meeting": False})


def md(stem, title, author, date, iso, paras, cats=None, screened=False):
    spec = [("P", "", p) for p in paras]
    meta = dict(title=title, author=author, date=date, **({"cats": cats} if cats else {}))
    write(FIX / f"{stem}.md", md_guancha(meta, spec, images=False))
    non(stem, dict(format="markdown+html", script="hans", title=title, outlet=author, published=iso), screened)


def txt(stem, title, paras, tail=(), screened=False):
    spec = [("P", "", p) for p in paras]
    write(FIX / f"{stem}.txt", plain(title, spec, tail=list(tail)))
    non(stem, dict(format="text", script="hans", title=title, outlet=None, published=None), screened)


def build_24():
    md("24_standing_committee", "示例市委常委会举行会议 听取一季度经济运行情况汇报", "示例新闻网",
       "Mon, 17 Apr 2023 11:20:00 GMT", "2023-04-17T11:20:00+00:00", [
           "市委常委会今天上午举行会议，听取一季度全市经济运行情况汇报，研究部署二季度经济工作。市委书记陈立群主持会议并讲话。",
           "会议指出，一季度全市经济运行开局良好，主要指标好于预期。要坚持稳中求进，抓好二季度各项重点工作，推动经济持续回升向好。",
           "会议强调，要深化“湖港联动”，加快南港新区建设，持续优化营商环境，全力稳住外贸外资基本盘。",
           "会议还研究了其他事项。",
       ], screened=True)


def build_25():
    txt("25_government_plenary", "示例市政府召开第三次全体会议", [
        "示例市政府今天上午召开第三次全体会议，总结一季度工作，部署二季度和下一阶段重点工作。市委副书记、市长林海涛出席会议并讲话。常务副市长孙文博主持会议。",
        "林海涛指出，一季度全市经济社会发展取得积极成效。市政府各部门要坚持稳中求进，把恢复和扩大需求摆在优先位置，确保完成上半年目标任务。",
        "林海涛强调，要持续加强政府自身建设，深入推进依法行政，以“高效办成一件事”为牵引提升政务服务效能。",
        "副市长吴启明、郑晓燕、冯立新、何晓峰出席会议。",
    ], tail=["编辑：顾晨", ""], screened=True)


def build_26():
    title = "林海涛主持召开市政府常务会议 研究推进二季度重点工作"
    body = "\n".join(f"<p>{p}</p>" for p in [
        "市委副书记、市长林海涛今天主持召开市政府常务会议，研究推进二季度重点工作，审议《示例市促进消费扩容提质若干措施》。",
        "会议指出，二季度是完成上半年目标任务的关键。各部门要加快推进重大项目建设，办好“湖畔消费季”系列活动。",
        "会议原则同意《示例市促进消费扩容提质若干措施》，要求抓紧推动落地见效。会议还研究了其他事项。",
    ])
    html = ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + title + "</title>"
            "<meta property=\"article:published_time\" content=\"2023-04-10T18:30:00+08:00\"></head>\n<body>\n"
            "<div class=\"nav\"><a href=\"/\">首页</a> | <a href=\"/gov\">政务</a></div>\n<h1>" + title + "</h1>\n"
            "<div class=\"content\">\n" + body + "\n</div>\n<div class=\"footer\">示例政务网</div>\n</body></html>\n")
    write(FIX / "26_government_executive.html", html)
    non("26_government_executive", dict(format="html", script="hans", title=title, published="2023-04-10T18:30:00+08:00"),
        screened=True)


def build_27():
    md("27_forum", "陈立群主持召开民营企业家座谈会", "示例新闻网", "Wed, 12 Jul 2023 10:02:00 GMT",
       "2023-07-12T10:02:00+00:00", [
           "示例市民营企业家座谈会今天下午举行。市委书记陈立群主持会议并讲话。市委副书记、市长林海涛出席会议。",
           "座谈会上，8位民营企业家先后发言，围绕拓展市场、融资服务、人才引进等提出意见建议。",
           "陈立群指出，民营经济是推动示例高质量发展的重要力量。要坚持“两个毫不动摇”，真心实意为民营企业排忧解难，以“企业服务专员”制度为抓手，推动惠企政策直达快享。",
           "市领导孙文博、吴启明出席座谈会。",
       ], screened=True)


def build_28():
    txt("28_mayor_briefing", "林海涛主持召开二季度经济运行碰头会", [
        "市委副书记、市长林海涛今天下午主持召开二季度经济运行碰头会，听取各部门关于4月份经济运行情况的汇报，分析研判当前形势。",
        "林海涛指出，当前经济恢复总体向好，但基础尚不牢固。要紧盯重点行业、重点企业，加强监测调度，及时协调解决企业生产经营中的困难问题。",
        "常务副市长孙文博，副市长吴启明、郑晓燕参加。",
    ], screened=True)


def build_29():
    md("29_monthly_push", "东湖区召开重点工作月度推进会", "示例东湖", "Thu, 08 Jun 2023 09:15:00 GMT",
       "2023-06-08T09:15:00+00:00", [
           "东湖区5月份重点工作月度推进会今天上午举行。区委书记黄卫东主持会议并讲话。",
           "会议通报了5月份“湖畔科创带”重点项目、城市更新项目推进情况，对进度滞后的项目进行了提示。",
           "黄卫东指出，二季度已过大半，各部门要对照季度目标查漏补缺，确保二季度重点工作按时完成。",
           "区委副书记、区长刘晓岚，区领导张建平、李慧出席会议。",
       ], cats=["区县", "示例东湖"], screened=True)


def build_30():
    md("30_democratic_party", "民盟示例市委召开二季度工作会议", "示例统战", "Fri, 07 Apr 2023 08:30:00 GMT",
       "2023-04-07T08:30:00+00:00", [
           "民盟示例市委二季度工作会议今天上午（4月7日）举行。民盟示例市委主委宁静怡主持会议并讲话。",
           "宁静怡指出，要深入开展主题教育，加强盟员思想政治引领，围绕示例市委市政府中心工作积极建言献策，重点做好“湖港联动”专题调研。",
           "会议部署了二季度参政议政、社会服务和组织建设重点工作。民盟示例市委专职副主委郝明出席会议。",
       ], cats=["统战", "示例统战"])


def build_31():
    txt("31_npc_session", "示例市十六届人大常委会举行第五次会议", [
        "示例市第十六届人民代表大会常务委员会第五次会议今天上午举行。市人大常委会主任冯国华主持会议。",
        "会议听取了市政府关于一季度国民经济和社会发展计划执行情况的报告，审议了《示例市湖区保护条例（草案）》。",
        "会议表决通过了有关人事任免事项。市人大常委会副主任刘明辉、邹海燕出席会议。副市长吴启明列席会议。",
    ], screened=True)


def build_32():
    data = {
        "title": "示例市本周将迎来入夏首轮高温 最高气温或达37℃",
        "body": "记者从示例市气象台获悉，受副热带高压影响，本周示例市将迎来入夏以来首轮高温天气，最高气温或达37℃。\n"
                "气象部门提醒，高温时段尽量减少户外活动，注意防暑降温。周末起受冷空气影响，气温将有所回落，并伴有雷阵雨。\n"
                "另外，昨晚示例市足球队主场2比1战胜来访的临州队，取得联赛三连胜。",
        "date": "2023-07-10T08:00:00+08:00",
        "source": "示例晚报",
    }
    write(FIX / "32_unrelated_weather.json", json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    non("32_unrelated_weather", dict(format="json", script="hans", title=data["title"], outlet="示例晚报",
                                     published="2023-07-10T08:00:00+08:00"), screened=True)


def build_36():
    """A report that relays a quarterly meeting's spirit at another meeting: not the meeting itself."""
    md("36_relay_study", "东湖区委常委会传达学习示例市委季度工作会议精神", "示例东湖", "Fri, 07 Jul 2023 09:30:00 GMT",
       "2023-07-07T09:30:00+00:00", [
           "7月6日上午，东湖区委书记黄卫东主持召开区委常委会会议，传达学习示例市委季度工作会议精神，研究部署贯彻落实工作。",
           "会议指出，7月5日召开的示例市委季度工作会议，市委书记陈立群主持会议并强调，下半年要坚定信心、迎难而上，扎实推动经济高质量发展。市委副书记、市长林海涛部署三季度经济社会发展重点工作。",
           "会议强调，全区上下要把思想和行动统一到市委部署要求上来，深化“湖畔科创带”建设，抓好三季度各项重点工作。区委副书记、区长刘晓岚就做好三季度重点工作作具体部署。",
           "区领导张建平、李慧、王海鹰出席会议。",
       ], cats=["区县", "示例东湖"])
