"""The benchmark corpus: thousands of readout files made by varying the readouts at hand.

    from corpus import build_corpus          # with bench/ on sys.path
    files = build_corpus(10_000, seed=0)     # list[CorpusFile]: name, data (bytes), kind
    python bench/corpus.py DIR --files 10000 # write them to DIR (to look at, or to time a CLI)

The seeds are every readout the project can read without inventing one: the real readouts in
``../shared/corpus/readouts`` (when the shared folder is beside the checkout), the bundled examples
and the test fixtures, which include near-miss non-readouts (standing committee meetings, forums,
relays of a quarterly meeting's spirit...), and a few items of everyday news (:data:`NEWS`: weather,
sport, a library, the metro) as web pages and plain text, the bulk of any crawl.  Each copy varies what differs between real readouts of different meetings and outlets:

* the people: every person the seed's own parse names gets another name (surname + given name),
  consistently through the copy;
* the dates: the year moves by up to +-4 and the month and day change (the lead's dates and the
  page metadata alike), so copies fall in many quarters;
* the script: a third of the simplified copies become traditional (OpenCC s2t);
* the encoding: UTF-8, UTF-8 with BOM, GB18030, Big5 (traditional copies), UTF-16; an HTML page's
  ``charset`` declaration follows the encoding it is written in.

The kind of each copy (readout or not) is what jidu says of the seed, so benchmarks can report the
two paths separately; copies are not checked one by one (that would be the thing measured).
"""

from __future__ import annotations

import argparse
import functools
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

SEED_FOLDERS = (ROOT.parent / "shared" / "corpus" / "readouts", ROOT / "examples", ROOT / "tests" / "readouts")
SUFFIXES = {".txt", ".md", ".html", ".htm", ".json", ".jsonl"}

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "建国志强海涛立群文华明红军伟平敏静丽秀英桂芳玉兰凤霞春梅晓燕新宇浩然子涵思远嘉怡振东卫民德胜永利宏伟国庆雪松晨曦博文雅琴俊杰"


# Everyday news of the fictional city, in the outlets' usual shapes: what most of a crawl is made of.
# None of it is about a meeting, and none of it mentions a quarter.
NEWS = (
    ("示例市本周迎来入夏首轮高温", ["记者从示例市气象台获悉，受副热带高压影响，本周示例市将迎来入夏以来首轮高温天气，最高气温或达37℃。",
                          "气象部门提醒市民，高温时段尽量减少户外活动，注意防暑降温，老人和儿童要格外当心。",
                          "周末起受冷空气影响，气温将有所回落，并伴有雷阵雨，出行请携带雨具。"]),
    ("示例市足球队主场三连胜", ["昨晚，示例市足球队在湖滨体育场以2比1战胜来访的临州队，取得联赛三连胜，积分升至第四位。",
                        "比赛第18分钟，客队率先破门。下半场，主队连续发起进攻，先后由两名年轻球员攻入两球完成逆转。",
                        "赛后主教练表示，球队的体能和斗志都很好，接下来将全力备战客场比赛。"]),
    ("湖畔图书馆新馆开放", ["经过两年建设，示例市湖畔图书馆新馆今天正式向市民开放，新馆藏书逾百万册，设有少儿阅览区和古籍修复室。",
                      "开馆首日，不少市民一早就在门口排队。一位退休教师说，新馆环境舒适，离家也近，以后会常来。",
                      "据介绍，新馆实行预约入馆，每天开放至晚上九点，节假日照常开放。"]),
    ("地铁5号线南延伸段开始试运行", ["示例市地铁5号线南延伸段今天开始试运行，新增车站6座，线路全长11.2公里。",
                             "试运行期间列车不载客，主要检验信号、供电和车辆等系统的稳定性，预计年底前开通运营。",
                             "沿线居民表示，线路开通后进城通勤时间可以缩短一半。"]),
    ("示例市举办秋季招聘会", ["由示例市人力资源和社会保障局主办的秋季大型招聘会今天在会展中心举行，300余家用人单位提供岗位8000余个。",
                        "招聘会设置了先进制造、现代服务、医疗健康等专区，并为高校毕业生开设了咨询服务台。",
                        "主办方表示，今年还将举办多场线上招聘活动，为求职者和企业搭建对接平台。"]),
    ("老城区燃气管道改造完工", ["示例市东湖区老城区燃气管道改造工程日前完工，涉及居民小区42个，惠及居民1.6万户。",
                        "施工单位采用分段施工、错峰作业的方式，尽量减少对居民生活的影响。",
                        "区住建部门提醒，居民如发现燃气异味，请及时拨打抢修电话。"]),
)

_PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{title}_示例新闻网</title>
<meta name="keywords" content="示例,新闻"><meta name="description" content="{lede}">
<link rel="stylesheet" href="/static/css/main.css">
<script>window.siteConfig={{channel:"city",pageId:"{page}",share:["weibo","wechat"],ads:{{slot:"top",size:[728,90]}}}};
function track(e){{var x=new Image();x.src="/t.gif?e="+encodeURIComponent(e)+"&p="+window.siteConfig.pageId;}}
document.addEventListener("DOMContentLoaded",function(){{track("view");}});</script>
<style>body{{font-family:sans-serif;margin:0}}.nav li{{display:inline-block;padding:0 12px}}.footer{{color:#666}}</style>
</head><body>
<div class="header"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/city">本市</a></li><li><a href="/china">国内</a></li>
<li><a href="/world">国际</a></li><li><a href="/sports">体育</a></li><li><a href="/culture">文化</a></li><li><a href="/video">视频</a></li></ul></div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/city">本市</a></div>
<div class="article"><h1>{title}</h1><div class="info">来源：示例新闻网　{stamp}</div>
{body}
</div>
<div class="share">分享到：微博 微信 QQ空间</div>
<div class="related"><h3>相关新闻</h3><ul>{related}</ul></div>
<div class="footer">版权所有 示例新闻网　未经授权禁止转载　联系我们　网站地图</div>
</body></html>
"""


def _news_seed(number: int, title: str, paragraphs: list[str]) -> tuple[str, str]:
    """One news item as a web page (even numbers) or as plain text (odd)."""
    if number % 2:
        return f"news{number}.txt", "\n\n".join([title, *paragraphs, "（编辑：王小明）"]) + "\n"
    related = "".join(f"<li><a href=\"/city/{number}{i}.html\">{t}</a></li>" for i, (t, _) in enumerate(NEWS))
    page = _PAGE.format(title=title, lede=paragraphs[0][:40], page=f"c{number:04d}", stamp="2023-07-10 08:00",
                        body="\n".join(f"<p>{p}</p>" for p in paragraphs), related=related)
    return f"news{number}.html", page


@dataclass(frozen=True)
class CorpusFile:
    name: str
    data: bytes
    kind: str
    """"readout" or "non-readout": what jidu says of the seed this file varies."""


@dataclass(frozen=True)
class Seed:
    name: str
    suffix: str
    data: bytes
    text: str
    script: str
    names: tuple[str, ...]
    kind: str


def seed_files() -> list[Path]:
    files = []
    for folder in SEED_FOLDERS:
        if folder.is_dir():
            files.extend(
                p for p in sorted(folder.iterdir())
                if p.is_file() and p.suffix in SUFFIXES and p.name != "README.md"
            )
    return files


@functools.lru_cache(maxsize=1)
def seeds() -> tuple[Seed, ...]:
    """Each seed file decoded once, with the people jidu finds in it and whether it is a readout."""
    from jidu.parse import parse_all
    from jidu.read.decode import decode

    out = []
    for path in seed_files():
        data = path.read_bytes()
        records = parse_all(data, path.name)
        meetings = [r for r in records if getattr(r, "is_meeting", False)]
        try:
            text = decode(data).text
        except ValueError:
            continue
        names: set[str] = set()
        for record in meetings:
            people = [record.presider, record.deployer, *record.also_present]
            names.update(p.name for p in people if p is not None and len(p.name) >= 2)
            names.update(a for a in record.attendees if len(a) >= 2)
            names.update(r.speaker for r in record.remarks if r.speaker and len(r.speaker) >= 2)
        script = records[0].source.script if records and hasattr(records[0], "source") else "hans"
        out.append(Seed(path.name, path.suffix, data, text, script or "hans", tuple(sorted(names, key=len, reverse=True)),
                        "readout" if meetings else "non-readout"))
    for number, (title, paragraphs) in enumerate(NEWS):
        name, text = _news_seed(number, title, paragraphs)
        out.append(Seed(name, Path(name).suffix, text.encode("utf-8"), text, "hans", (), "non-readout"))
    return tuple(out)


def _new_name(rng: random.Random, length: int) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(max(1, length - 1)))


_YEAR = re.compile(r"(?<!\d)(20[12]\d)(?=年|-|/|\.)")
_MONTH_DAY = re.compile(r"(?<!\d)(1[0-2]|0?[1-9])月([12]\d|3[01]|0?[1-9])日")
_ISO_MONTH_DAY = re.compile(r"(?<=\d{4}-)(\d\d)-(\d\d)")


def vary_text(seed: Seed, rng: random.Random) -> str:
    """The seed's text with other people, another year and other days."""
    text = seed.text
    for name in seed.names:
        text = text.replace(name, _new_name(rng, len(name)))
    shift = rng.randint(-4, 4)
    text = _YEAR.sub(lambda m: str(int(m.group(1)) + shift), text)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    text = _MONTH_DAY.sub(f"{month}月{day}日", text)
    return _ISO_MONTH_DAY.sub(f"{month:02d}-{day:02d}", text)


@functools.lru_cache(maxsize=1)
def _s2t():
    import opencc

    return opencc.OpenCC("s2t")


_CHARSET = re.compile(r"(charset\s*=\s*[\"']?)([\w-]+)", re.I)


def encode(text: str, suffix: str, script: str, rng: random.Random) -> tuple[bytes, str]:
    """Bytes in an encoding such a file is found in; JSON stays UTF-8 (its standard)."""
    if suffix in (".json", ".jsonl"):
        return text.encode("utf-8"), "utf-8"
    choices = ["utf-8", "utf-8", "utf-8-sig", "utf-16"] + (["big5", "gb18030"] if script == "hant" else ["gb18030"] * 2)
    encoding = rng.choice(choices)
    if suffix in (".html", ".htm"):
        label = {"utf-8-sig": "utf-8", "utf-16": "utf-16"}.get(encoding, encoding)
        text = _CHARSET.sub(lambda m: m.group(1) + label, text)
    try:
        return text.encode(encoding), encoding
    except UnicodeEncodeError:  # a character Big5 lacks
        return text.encode("utf-8"), "utf-8"


def vary(seed: Seed, rng: random.Random) -> bytes:
    text = vary_text(seed, rng)
    script = seed.script
    if script != "hant" and seed.suffix not in (".json", ".jsonl") and rng.random() < 1 / 3:
        text, script = _s2t().convert(text), "hant"
    return encode(text, seed.suffix, script, rng)[0]


def build_corpus(n: int = 10_000, seed: int = 0) -> list[CorpusFile]:
    """``n`` files: the seeds themselves first, then varied copies of seeds taken in turn."""
    rng = random.Random(seed)
    pool = seeds()
    files = [CorpusFile(f"{i:05d}-{s.name}", s.data, s.kind) for i, s in enumerate(pool[:n])]
    for i in range(len(files), n):
        s = pool[i % len(pool)]
        files.append(CorpusFile(f"{i:05d}-{s.name}", vary(s, rng), s.kind))
    return files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("directory", type=Path)
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    args.directory.mkdir(parents=True, exist_ok=True)
    files = build_corpus(args.files, args.seed)
    for f in files:
        (args.directory / f.name).write_bytes(f.data)
    readouts = sum(f.kind == "readout" for f in files)
    size = sum(len(f.data) for f in files) / 1e6
    print(f"{len(files)} files ({readouts} readouts, {len(files) - readouts} non-readouts), {size:.1f} MB in {args.directory}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
