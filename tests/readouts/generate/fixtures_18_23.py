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
    write,
    write_expected,
)

# ------------------------------------------------------------------ 18 参加会议, 先后发言 + 逐一作工作点评
S18 = parse("""
L| 示例市委季度工作会议今天下午（1月6日）举行。市委书记陈立群主持会议并强调，|今年是全面贯彻落实党的二十大精神的开局之年，做好一季度工作意义重大。要坚持稳中求进，把恢复和扩大消费摆在优先位置，全力以赴拼经济、稳增长，推动经济运行整体好转。
P| 市委副书记、市长林海涛部署一季度经济社会发展重点工作。市委副书记宋立文参加会议。
H| 全力以赴拼经济、稳增长
R| 陈立群指出，要全力以赴拼经济、稳增长，各区、各部门要拿出拼的劲头、抢的意识，抓项目、稳投资、促消费。主要领导要亲自抓招商、跑项目，推动一批重大项目在一季度签约落地。
H| 平稳有序做好疫情防控转段
R| 陈立群指出，要平稳有序做好疫情防控转段，保健康、防重症，加强医疗资源统筹，做好老年人等重点人群健康服务。
R| 陈立群强调，要以“赛马场上比作为、比实绩”的导向激励干部担当作为，对工作中表现突出的干部要大胆使用。
D| 林海涛就做好一季度重点工作指出，|要按照市委部署，推动经济运行整体好转。抓好重点企业稳产达产。加快重大项目开工建设。办好“湖畔消费季”，推动消费加快恢复。做好春节期间保供稳价和安全生产。
P| 市领导孙文博、吴启明、郑晓燕、冯立新、何晓峰、许雅琴、马国栋、梁思远、邱海平参加会议。
P| 会议以电视电话会议形式召开。会上，东湖区委、西岭区委、市发展改革委党组、市数据局党组先后发言。陈立群逐一作工作点评。
P| 东湖区委去年在推动科创企业集聚、城市更新等方面取得积极成效，但在招引重大产业项目方面仍存不足，今年要在增强产业发展后劲上下更大功夫。
P| 西岭区委在乡村振兴和生态环境治理方面亮点纷呈，但区域经济体量偏小、新兴产业培育仍存不足，要加快打造新的增长极。
P| 市发展改革委党组在重大项目统筹推进方面工作有力，但对全市经济运行的预研预判仍存不足，要加强前瞻性研究和政策储备。
P| 市数据局党组在政务数据共享方面进展明显，但数据赋能基层治理的实际效果仍存不足，要推动更多应用场景落地见效。
""")
T18 = "拼经济、稳增长！示例市委季度工作会议部署一季度工作"


def build_18():
    meta = dict(title=T18, author="示例新闻网", date="Fri, 06 Jan 2023 12:31:40 GMT")
    write(FIX / "18_exchange_evaluations.md", md_guancha(meta, S18, images=False))
    src = dict(format="markdown+html", script="hans", title=T18, outlet="示例新闻网", published="2023-01-06T12:31:40+00:00")
    m = dict(organ="示例市委", city="示例", kind="季度工作会议", date="2023-01-06", date_basis="body",
             time_of_day="下午", quarter="2023Q1", form="电视电话会议", presider=person("陈立群", "市委书记"),
             deployer=person("林海涛", "市委副书记、市长"), also_present=[person("宋立文", "市委副书记")],
             attendees=attendees_of(S18),
             speeches={"units": ["东湖区委", "西岭区委", "市发展改革委党组", "市数据局党组"], "topic": None})
    write_expected(EXP / "18_exchange_evaluations.json", expected(src, m, derive(S18, "陈立群", "林海涛")))


# ------------------------------------------------------------------ 19 dateline inside plain text gives the year
S19 = parse("""
L| 示例市委季度工作会议今天下午（4月8日）举行。市委书记许正平主持会议并强调，|要在常态化疫情防控中统筹推进复工复产，千方百计稳住经济基本盘，努力把疫情影响降到最低。
P| 市委副书记、市长林海涛部署二季度经济社会发展重点工作。市委副书记赵明德出席会议。
H| 统筹推进复工复产
R| 许正平指出，要统筹推进复工复产，打通产业链供应链堵点，帮助企业解决防疫物资、用工、资金等实际困难。要落实好“援企稳岗”政策，千方百计稳住就业。
H| 抓牢外防输入关口
R| 许正平指出，要抓牢外防输入关口，严格落实入境人员闭环管理，同时坚持“内防反弹”不放松，毫不松懈抓好社区防控。
D| 林海涛就做好二季度重点工作指出，|要按照市委部署，统筹疫情防控和经济社会发展。全面推动复工复产复商复市。加快重大项目建设。保障好基本民生。
P| 市领导孙文博、吴启明、郑晓燕、冯立新、何晓峰、许雅琴出席会议。
P| 会议以电视电话会议形式召开。东湖区委、南港新区党工委、市卫生健康委党组作交流发言。
""")
T19 = "示例市委季度工作会议部署二季度工作 统筹推进复工复产"


def build_19():
    head = [T19, "", "来源：示例日报 2020-04-08 20:32", ""]
    write(FIX / "19_dateline.txt", plain(T19, S19, head=head, tail=["【纠错】 【责任编辑：许可】", ""]))
    src = dict(format="text", script="hans", title=T19)
    m = dict(organ="示例市委", city="示例", kind="季度工作会议", date="2020-04-08", date_basis="body",
             time_of_day="下午", quarter="2020Q2", form="电视电话会议", presider=person("许正平", "市委书记"),
             deployer=person("林海涛", "市委副书记、市长"), also_present=[person("赵明德", "市委副书记")],
             attendees=attendees_of(S19),
             speeches={"units": ["东湖区委", "南港新区党工委", "市卫生健康委党组"], "topic": None})
    write_expected(EXP / "19_dateline.json", expected(src, m, derive(S19, "许正平", "林海涛")))


# ------------------------------------------------------------------ 20 relative date: 昨天
S20 = parse("""
L| 示例市委季度工作会议昨天下午举行。市委书记许正平主持会议并强调，|要立足新发展阶段、贯彻新发展理念、构建新发展格局，以“十四五”开局之年的新气象抓好一季度各项工作，确保实现良好开局。
P| 市委副书记、市长林海涛部署一季度经济社会发展重点工作。市委副书记赵明德出席会议。
R| 许正平指出，开局决定全局，起步决定后程。要以“十四五”开局之年的新气象抓好一季度工作，推动一批打基础、利长远的重大项目集中开工。
R| 许正平指出，要精准做好冬春季疫情防控，坚持“外防输入、内防反弹”，严格落实冷链食品全链条管控，确保群众过一个安全祥和的春节。
D| 林海涛就做好一季度重点工作指出，|要按照市委部署，确保一季度实现良好开局。推动重大项目集中开工。精准做好冬春季疫情防控。做好节日期间市场保供和安全生产。
P| 市领导孙文博、吴启明、郑晓燕、冯立新、何晓峰、许雅琴、马国栋出席会议。
P| 会议以电视电话会议形式召开。北塘区委、青川区委、市发展改革委党组作交流发言。
""")
T20 = "示例市委季度工作会议部署一季度工作 以新气象实现良好开局"


def build_20():
    meta = dict(title=T20, author="示例晨报", date="Thu, 07 Jan 2021 01:30:00 GMT", cats=["要闻", "示例晨报"])
    write(FIX / "20_yesterday.md", md_guancha(meta, S20, images=False))
    src = dict(format="markdown+html", script="hans", title=T20, outlet="示例晨报", published="2021-01-07T01:30:00+00:00")
    m = dict(organ="示例市委", city="示例", kind="季度工作会议", date="2021-01-06", date_basis="published",
             time_of_day="下午", quarter="2021Q1", form="电视电话会议", presider=person("许正平", "市委书记"),
             deployer=person("林海涛", "市委副书记、市长"), also_present=[person("赵明德", "市委副书记")],
             attendees=attendees_of(S20),
             speeches={"units": ["北塘区委", "青川区委", "市发展改革委党组"], "topic": None})
    write_expected(EXP / "20_yesterday.json", expected(src, m, derive(S20, "许正平", "林海涛")))


# ------------------------------------------------------------------ 21 older meeting name
S21 = parse("""
L| 示例市区县、大口党委书记二季度工作会议今天下午（4月9日）举行。市委书记罗海峰主持会议并强调，|要坚持稳中求进，着力推进创新驱动、转型发展，扎实做好稳增长、调结构、促改革、惠民生各项工作，努力实现全年经济社会发展目标。
P| 市委副书记、市长程光耀部署二季度经济社会发展重点工作。市委副书记邵文华出席会议。
R| 罗海峰指出，一季度全市经济运行总体平稳，但结构调整任务依然艰巨。要着力推进创新驱动、转型发展，坚决淘汰落后产能，加快发展现代服务业和战略性新兴产业。
R| 罗海峰指出，要深入开展党的群众路线教育实践活动准备工作，切实改进作风，坚决反对“四风”，做到为民务实清廉。
R| 罗海峰强调，要高度重视安全生产和社会稳定，认真做好防汛防台准备，加强食品药品安全监管。
D| 程光耀就做好二季度重点工作指出，|要按照市委部署，着力稳增长、调结构、促改革、惠民生。加快重大项目建设进度。推进营业税改征增值税试点扩围。抓好保障性住房建设和供应。做好防汛防台各项准备。
P| 市领导高振东、魏国强、陆春梅、钱永康、戴明、潘晓东出席会议。
P| 东湖区委、西岭县委、市经济信息化工作党委作交流发言。
""")
T21 = "示例市区县、大口党委书记二季度工作会议举行"


def build_21():
    meta = dict(title=T21, author="示例新闻网", date="Tue, 09 Apr 2013 11:48:25 GMT")
    write(FIX / "21_old_name.md", md_guancha(meta, S21, images=False))
    src = dict(format="markdown+html", script="hans", title=T21, outlet="示例新闻网", published="2013-04-09T11:48:25+00:00")
    m = dict(organ="示例市委", city="示例", date="2013-04-09", date_basis="body",
             time_of_day="下午", quarter="2013Q2", form=None, presider=person("罗海峰", "市委书记"),
             deployer=person("程光耀", "市委副书记、市长"), also_present=[person("邵文华", "市委副书记")],
             attendees=attendees_of(S21),
             speeches={"units": ["东湖区委", "西岭县委", "市经济信息化工作党委"], "topic": None})
    write_expected(EXP / "21_old_name.json", expected(src, m, derive(S21, "罗海峰", "程光耀")))


# ------------------------------------------------------------------ 22 review meeting (季度重点工作点评会)
S22 = parse("""
L| 示例市委一季度重点工作点评会今天上午（4月3日）举行。市委副书记、市长林海涛通报一季度重点工作推进情况并逐一点评。市委书记陈立群出席并讲话。|
P| 市委常委、组织部部长马国栋主持会议。市委副书记宋立文出席会议。
H| 在“赛马场”上比作为、比实绩
R| 陈立群指出，开展季度重点工作点评，就是要在“赛马场”上比作为、比实绩。从一季度情况看，多数单位工作推进有力、成效明显，但也有少数单位存在进度滞后、质量不高等问题。被点名的单位要认真对照检查，拿出整改措施。
H| 以钉钉子精神抓好二季度重点工作
R| 陈立群指出，要以钉钉子精神抓好二季度重点工作，对照年度任务清单，逐项明确责任单位、完成时限和工作标准，做到“月有进度、季有成效”。
R| 陈立群强调，各级领导干部要树立正确政绩观，坚持实事求是，防止形式主义、官僚主义，让干部把更多精力用在抓落实上。
P| 市领导孙文博、吴启明、郑晓燕、冯立新、何晓峰、梁思远、邱海平出席会议。
""")
T22 = "示例市委一季度重点工作点评会举行 陈立群出席并讲话"


def build_22():
    meta = dict(title=T22, author="示例新闻网", date="Wed, 03 Apr 2024 08:55:10 GMT")
    write(FIX / "22_review_meeting.md", md_guancha(meta, S22, images=False))
    src = dict(format="markdown+html", script="hans", title=T22, outlet="示例新闻网", published="2024-04-03T08:55:10+00:00")
    d = derive(S22, "陈立群")
    d["opening"] = None
    m = dict(organ="示例市委", city="示例", kind="季度重点工作点评会", date="2024-04-03", date_basis="body",
             time_of_day="上午", quarter="2024Q2", form=None, presider=person("马国栋", "市委常委、组织部部长"),
             deployer=None, also_present=[person("宋立文", "市委副书记")], attendees=attendees_of(S22),
             deployment=None, speeches={"units": [], "topic": None})
    write_expected(EXP / "22_review_meeting.json", expected(src, m, d))


# ------------------------------------------------------------------ 23 teaser cut short
S23 = parse("""
L| 示例市委季度工作会议今天下午（10月12日）举行。市委书记许正平主持会议并强调，|四季度是“十三五”收官之年的收官季，要鼓足干劲、乘势而上，统筹抓好收官冲刺和“十四五”谋划各项工作。
P| 市委副书记、市长林海涛部署四季度经济社会发展重点工作。
H| 全力冲刺“十三五”收官
R| 许正平指出，要全力冲刺“十三五”收官，对照规划目标逐项盘点，对尚未完成的指标要集中攻坚。全力做好第三届进博会城市服务保障和疫情防控，办出水平、办出成效。
N| 更多精彩内容，请下载示例新闻客户端查看
""")
T23 = "许正平：全力冲刺“十三五”收官"


def build_23():
    meta = dict(title=T23, author="示例新闻网", date="Mon, 12 Oct 2020 09:05:00 GMT")
    write(FIX / "23_teaser.md", md_guancha(meta, S23, images=False))
    src = dict(format="markdown+html", script="hans", title=T23, outlet="示例新闻网", published="2020-10-12T09:05:00+00:00")
    m = dict(organ="示例市委", city="示例", kind="季度工作会议", date="2020-10-12", date_basis="body",
             time_of_day="下午", quarter="2020Q4", form=None, presider=person("许正平", "市委书记"),
             deployer=person("林海涛", "市委副书记、市长"), also_present=[], attendees=[],
             speeches={"units": [], "topic": None})
    write_expected(EXP / "23_teaser.json", expected(src, m, derive(S23, "许正平", "林海涛")))
