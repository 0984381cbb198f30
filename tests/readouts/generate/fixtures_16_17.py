import json

from framework import (
    EXP,
    FIX,
    attendees_of,
    derive,
    expected,
    parse,
    person,
    write,
    write_expected,
)

# ------------------------------------------------------------------ 16 a full HTML page
S16 = parse("""
L| 示例市委季度工作会议今天下午（4月8日）举行。市委书记陈立群主持会议并强调，|要坚持稳中求进、以进促稳，紧扣高质量发展首要任务，抓好二季度各项工作，推动经济持续回升向好，为完成全年目标任务打下坚实基础。
P| 市委副书记、市长林海涛部署二季度经济社会发展重点工作。市委副书记宋立文出席会议。
H| 紧扣高质量发展首要任务
R| 陈立群指出，一季度全市经济起步平稳，但有效需求不足、部分行业经营困难等问题仍然存在。要紧扣高质量发展首要任务，大力推进新型工业化，加快培育“湖畔科创带”新质生产力，推动传统产业向高端化、智能化、绿色化转型。
H| 以更大力度推进改革开放
R| 陈立群指出，要以更大力度推进改革开放，深化“湖港联动”，提升南港新区开放型经济水平。持续优化营商环境，以“高效办成一件事”为牵引，推动政务服务从“能办”向“好办”转变。
H| 用心用情保障和改善民生
R| 陈立群指出，要用心用情保障和改善民生，抓好高校毕业生就业，推进“十五分钟生活圈”建设，加快补齐养老、托育等民生短板。
R| 陈立群强调，要压紧压实安全生产责任，提前做好防汛防台准备，深入开展城镇燃气、消防等领域隐患排查整治，坚决防范遏制重特大事故。
D| 林海涛就做好二季度重点工作指出，|要按照市委部署，持续巩固经济回升向好态势。加快推进重大项目建设，扩大有效投资。大力提振消费，稳住外贸外资基本盘。推进“湖港联动”发展和南港新区建设。办好民心工程和民生实事项目。做好防汛防台各项准备。
P| 市领导孙文博、吴启明、郑晓燕、冯立新、何晓峰、许雅琴、马国栋、梁思远、邱海平、邓雪梅、严伟出席会议。
P| 会议以电视电话会议形式召开。东湖区委、西岭区委、市商务委党组、市数据局党组围绕推进高质量发展作交流发言。
""")
T16 = "示例市委季度工作会议部署二季度工作 推动经济持续回升向好"

FULL_PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<meta name="keywords" content="示例市委,季度工作会议,二季度">
<meta name="description" content="示例市委季度工作会议今天下午举行。市委书记陈立群主持会议并强调，要坚持稳中求进、以进促稳。">
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="示例新闻网">
<meta property="article:published_time" content="{published}">
<style>
body {{ font-family: "PingFang SC", sans-serif; }}
.nav li {{ display: inline-block; padding: 0 12px; }}
.share-box {{ float: right; }}
</style>
<script>
  window.dataLayer = window.dataLayer || [];
  function track(e) {{ window.dataLayer.push({{"event": e, "title": "示例市委季度工作会议"}}); }}
</script>
</head>
<body>
<header class="site-header">
  <div class="logo"><a href="/"><img src="/img/logo.png" alt="示例新闻网"></a></div>
  <ul class="nav">
    <li><a href="/">首页</a></li><li><a href="/politics">时政</a></li><li><a href="/economy">经济</a></li>
    <li><a href="/society">社会</a></li><li><a href="/districts">区县</a></li><li><a href="/video">视频</a></li>
  </ul>
  <div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/politics">时政</a> &gt; 正文</div>
</header>
<main>
<article class="news-article">
  <h1 class="article-title">{title}</h1>
  <div class="article-meta"><span class="time">2024-04-08 19:42</span> <span class="source">来源：示例新闻网</span> <span class="author">记者 顾晨 李想</span></div>
  <div class="share-box">分享到：<a href="#" onclick="track('wechat')">微信</a> <a href="#" onclick="track('weibo')">微博</a> <a href="#">QQ空间</a></div>
  <div class="article-body" id="content">
{paras}
  </div>
  <div class="qr-block"><img src="/img/qr-app.png" alt="二维码"><p>扫一扫，下载示例新闻客户端</p><p>关注“示例发布”微信公众号，获取更多权威资讯</p></div>
  <p class="editor">责任编辑：顾晨</p>
</article>
<aside class="related">
  <h3>相关阅读</h3>
  <ul>
    <li><a href="/a/1.html">示例市政府召开二季度工作会议</a></li>
    <li><a href="/a/2.html">东湖区委季度工作会议部署二季度重点工作</a></li>
    <li><a href="/a/3.html">示例市一季度经济运行情况发布：“开门红”成色足</a></li>
  </ul>
</aside>
</main>
<footer class="site-footer">
  <p>关于我们 | 联系我们 | 广告服务 | 网站地图</p>
  <p>Copyright © 2024 示例新闻网 版权所有 示ICP备00000000号</p>
</footer>
<script src="/js/stat.js"></script>
<script>track("pageview");</script>
</body>
</html>
"""


def build_16():
    paras = "\n".join(f"    <p>{p + r}</p>" if t != "H" else f"    <p><strong>{p + r}</strong></p>" for t, p, r in S16)
    html = FULL_PAGE.format(title=T16, published="2024-04-08T19:42:00+08:00", paras=paras)
    write(FIX / "16_full_html_page.html", html)
    src = dict(format="html", script="hans", title=T16, outlet="示例新闻网", published="2024-04-08T19:42:00+08:00")
    m = dict(organ="示例市委", city="示例", kind="季度工作会议", date="2024-04-08", date_basis="body",
             time_of_day="下午", quarter="2024Q2", form="电视电话会议", presider=person("陈立群", "市委书记"),
             deployer=person("林海涛", "市委副书记、市长"), also_present=[person("宋立文", "市委副书记")],
             attendees=attendees_of(S16),
             speeches={"units": ["东湖区委", "西岭区委", "市商务委党组", "市数据局党组"], "topic": "推进高质量发展"})
    write_expected(EXP / "16_full_html_page.json", expected(src, m, derive(S16, "陈立群", "林海涛")))


# ------------------------------------------------------------------ 17 JSON and JSON Lines
S17 = parse("""
L| 示例市委季度工作会议今天下午（7月5日）举行。市委书记陈立群主持会议并强调，|要坚定不移推进高质量发展，以改革开放为动力，狠抓三季度各项工作落实，确保全年目标任务完成。
P| 市委副书记、市长林海涛部署三季度经济社会发展重点工作。市委副书记宋立文出席会议。
R| 陈立群指出，上半年全市经济运行稳中有进，新动能加快成长。要坚定不移推进高质量发展，加快建设“湖畔科创带”，推动“2+4”产业集群迈向万亿级。
R| 陈立群指出，要以改革开放为动力，抓好南港新区制度创新，推动“湖港联动”走深走实。要持续深化“高效办成一件事”改革，提升企业和群众获得感。
R| 陈立群强调，要做好防汛防台和迎峰度夏工作，抓好高温天气安全生产，确保城市运行安全有序。
D| 林海涛就做好三季度重点工作指出，|要按照市委部署，全力以赴稳增长。加快推进重大项目建设。大力提振消费。深化南港新区改革开放。抓好防汛防台和迎峰度夏工作。
P| 市领导孙文博、吴启明、郑晓燕、冯立新、何晓峰、马国栋、邱海平、邓雪梅出席会议。
P| 会议以电视电话会议形式召开。青川区委、南港新区党工委、市科委党组作交流发言。
""")
T17 = "坚定不移推进高质量发展 示例市委季度工作会议部署三季度工作"

S17L = parse("""
L| 示例市委季度工作会议今天下午（10月8日）举行。市委书记陈立群主持会议并强调，|四季度是完成全年任务的冲刺阶段，要咬定目标、加压奋进，确保全年经济社会发展目标任务圆满完成。
P| 市委副书记、市长林海涛部署四季度经济社会发展重点工作。市委副书记宋立文出席会议。
H| 咬定目标、加压奋进
R| 陈立群指出，要咬定目标、加压奋进，对照年度目标查漏补缺，对进度滞后的任务挂牌督办。要全力办好第七届进博会城市服务保障，放大进博会溢出带动效应。
H| 谋划好明年工作
R| 陈立群指出，要提前谋划好明年工作，深入开展调查研究，把“十五五”规划前期研究做深做实。
D| 林海涛就做好四季度重点工作指出，|要按照市委部署，全力冲刺全年目标。加快重大项目建设进度。全力做好第七届进博会服务保障。扎实办好民生实事。做好冬季安全生产和保供稳价工作。
P| 市领导孙文博、吴启明、郑晓燕、冯立新、何晓峰、马国栋、邱海平出席会议。
P| 会议以电视电话会议形式召开。北塘区委、临江区委、市商务委党组围绕冲刺全年目标作交流发言。
""")
T17L = "加压奋进冲刺全年目标 示例市委季度工作会议部署四季度工作"


def build_17():
    body = "\n".join(p + r for _, p, r in S17)
    data = {"title": T17, "body": body, "date": "2024-07-05T20:15:00+08:00", "source": "示例日报"}
    write(FIX / "17_json.json", json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    src = dict(format="json", script="hans", title=T17, outlet="示例日报", published="2024-07-05T20:15:00+08:00")
    m = dict(organ="示例市委", city="示例", kind="季度工作会议", date="2024-07-05", date_basis="body",
             time_of_day="下午", quarter="2024Q3", form="电视电话会议", presider=person("陈立群", "市委书记"),
             deployer=person("林海涛", "市委副书记、市长"), also_present=[person("宋立文", "市委副书记")],
             attendees=attendees_of(S17),
             speeches={"units": ["青川区委", "南港新区党工委", "市科委党组"], "topic": None})
    write_expected(EXP / "17_json.json", expected(src, m, derive(S17, "陈立群", "林海涛")))

    body = "\n\n".join(p + r for _, p, r in S17L)
    data = {"title": T17L, "body": body, "date": "2024-10-08T19:30:00+08:00", "source": "示例晚报"}
    write(FIX / "17_jsonl.jsonl", json.dumps(data, ensure_ascii=False) + "\n")
    src = dict(format="json", script="hans", title=T17L, outlet="示例晚报", published="2024-10-08T19:30:00+08:00")
    m = dict(organ="示例市委", city="示例", kind="季度工作会议", date="2024-10-08", date_basis="body",
             time_of_day="下午", quarter="2024Q4", form="电视电话会议", presider=person("陈立群", "市委书记"),
             deployer=person("林海涛", "市委副书记、市长"), also_present=[person("宋立文", "市委副书记")],
             attendees=attendees_of(S17L),
             speeches={"units": ["北塘区委", "临江区委", "市商务委党组"], "topic": "冲刺全年目标"})
    write_expected(EXP / "17_jsonl.json", expected(src, m, derive(S17L, "陈立群", "林海涛")))
