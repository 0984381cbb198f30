"""Ingest benchmark: readouts/s and peak memory of ``ingest_paths`` into a fresh SQLite ledger.

    python bench/ingest.py                          # N = 1000, 10000, 100000; 3 runs each
    python bench/ingest.py --sizes 1000 --runs 5    # a quick look
    python bench/ingest.py --sizes 1000 --profile   # plus the per-stage split (pyinstrument)

For each N the script generates N *distinct* readouts on disk (cached in the temp directory under
``jidu-bench-ingest/N-SEED``, so later runs skip generation), then times a whole ``ingest_paths``
(files on disk to committed ledger: reading, parsing, storing, consolidation, the search index, the
key-work entries the ingest hook opens and their continuity links) in a *child process*, whose
peak RSS (``ru_maxrss`` of that child) is the memory figure: the generator's memory never counts.

The readouts are composed like the examples and fixtures (示例市 style): a lead sentence naming a
quarterly work meeting held by a city's party committee, a presider, a deployer, remark paragraphs
under headings, a deployment paragraph of items, attendees, exchange speeches.  Each meeting has its
own city (an organ per city), date and quarter: the corpus holds ``N/40`` organs, each meeting once
a quarter over 40 quarters (2016-2025), as a city committee does, so the work per readout (the
organ's earlier and later meetings, continuity candidates) is the same at every N.  Names, items,
remark sentences, figures and units are sampled, so no two readouts are near-duplicates (estimated
Jaccard of 5-shingles well below 0.9): every file ends ``ingested``.  The script checks that.

Figures: the median of ``--runs`` runs with the spread (min-max), readouts/s over the whole
ingest, and peak RSS; the targets are 500 readouts/s and a flat peak RSS under 300 MB.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

QUARTERS = 40
FIRST_YEAR = 2016
TARGET_RATE = 500.0
TARGET_RSS_MB = 300.0
CN_QUARTER = "一二三四"

CITY_CHARS = "澜汀岚枫琅瑜璟珂蔚澄渚沂溪泓澈漪滢湄沅澧瀚岑峦崖嵩岫屿峤巍崎峥嵘砚琦琨瑶璞珺玥钰铭锦绮绫缃翎羲羿"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "立群海涛文博启明晓燕新峰雅琴国栋思远振宇平雪梅伟志诚晨静红军建华明辉丽娟永强桂英秀兰玉梅德胜春生宏伟健康"
DISTRICTS = ("东湖区委", "青川区委", "南港区委", "西山区委", "北塘区委", "临江区委", "云岭区委", "石门区委")
DEPARTMENTS = (
    "市经济信息化委党组", "市应急局党委", "市发展改革委党组", "市商务委党组", "市住房城乡建设管理委党组",
    "市生态环境局党组", "市教委党组", "市卫生健康委党组", "市交通委党组", "市科委党组",
)
TOPICS = ("确保完成全年目标任务", "稳增长促发展", "优化营商环境", "推进城市更新", "抓好安全生产", "扩大有效投资")

VERBS = ("全力", "加快", "扎实", "持续", "着力", "深入", "切实", "统筹", "大力", "稳步")
ACTIONS = ("推进", "抓好", "做好", "深化", "落实", "提升", "完善", "实施", "强化", "优化")
OBJECTS = (
    "重大项目建设", "民心工程和民生实事", "城市更新和旧区改造", "营商环境改革", "科技创新策源功能",
    "高校毕业生就业", "保障性租赁住房建设", "防汛防台准备", "安全生产隐患排查整治", "生态环境治理",
    "乡村振兴重点任务", "数字化转型", "外贸外资基本盘", "消费提振行动", "产业链供应链稳定",
    "基层治理创新", "教育综合改革", "医疗卫生服务体系", "养老服务体系建设", "交通基础设施建设",
    "“五个新城”建设", "“一网通办”改革", "“十五分钟生活圈”建设", "“湖港联动”改革开放", "“四个一批”项目推进",
    "粮食和能源保供", "金融风险防范化解", "文化旅游融合发展", "河湖长制落实", "人才高地建设",
)
TAILS = (
    "确保年底前全部完成", "确保按期完成年度任务", "推动更多项目签约落地", "形成一批可复制可推广的经验",
    "确保城市运行安全", "让群众有更多获得感", "加快形成实物工作量", "确保各项指标处于合理区间",
    "推动经济运行持续回升向好", "打通服务群众“最后一公里”", "确保取得实效", "切实守住安全底线",
)
HEADINGS = (
    "咬定目标、加压奋进", "全力扩大有效投资", "打通民生服务“最后一公里”", "抓紧谋划明年工作",
    "稳住经济基本盘", "守牢城市安全底线", "深化改革开放", "提升城市治理效能", "办好民心工程",
    "推动高质量发展", "激发市场主体活力", "加强干部作风建设",
)
SENTENCES = (
    "{a}季度全市经济运行稳中有进，主要指标处于合理区间",
    "对照年初确定的目标任务逐项盘点，对能够完成的要巩固提升，对有差距的要集中攻坚",
    "要全力以赴做好城市服务保障工作，确保安全、精彩、富有成效",
    "要坚持在“赛马场”上比作为、比实绩，以实绩论英雄",
    "各级领导干部要强化“时时放心不下”的责任感",
    "要深入开展调查研究，把目标任务、工作抓手想深想透",
    "全市规模以上工业增加值同比增长{p}%，固定资产投资增长{q}%",
    "要千方百计扩大有效投资，滚动实施重大项目推进机制",
    "要大力提振消费，培育夜间经济、首发经济等消费新场景",
    "要稳住外贸外资基本盘，帮助企业拓市场、抢订单",
    "要更加注重保障和改善民生，抓好重点群体就业",
    "要统筹发展和安全，深入开展安全生产隐患排查整治",
    "要以“高效办成一件事”为牵引，持续提升政府服务效能",
    "要加快推进{o}，确保取得实效",
    "要把{o}摆在更加突出的位置，形成工作合力",
    "全市新增就业岗位{n}万个，城镇调查失业率控制在{p}%以内",
    "要坚持问题导向，盯住薄弱环节，逐项抓好整改落实",
    "要压紧压实各方责任，确保各项部署落地见效",
    "要加强统筹协调，强化要素保障，跑出项目建设加速度",
    "要抓好冬季安全生产和能源保供，确保城市平稳有序运行",
    "要推动{o}取得新突破，为全年目标任务打下坚实基础",
    "区县和部门要主动担当作为，以钉钉子精神抓好落实",
)


def _name(rng: random.Random, used: set[str]) -> str:
    while True:
        n = rng.choice(SURNAMES) + rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.8 else "")
        if n not in used:
            used.add(n)
            return n


def _city(i: int) -> str:
    k = len(CITY_CHARS)
    return CITY_CHARS[i % k] + CITY_CHARS[(i // k + i % k + 1) % k] + ("" if i < k * k else CITY_CHARS[(i // (k * k)) % k])


def _fill(template: str, rng: random.Random, quarter: int) -> str:
    return template.format(
        a="前三一上半前"[quarter] if quarter < 4 else "前", p=f"{rng.uniform(1, 9):.1f}",
        q=f"{rng.uniform(1, 12):.1f}", n=rng.randint(5, 60), o=rng.choice(OBJECTS),
    )


def readout(i: int, n: int, seed: int) -> tuple[str, str]:
    """The ``i``-th of ``n`` readouts: (file name, markdown text)."""
    rng = random.Random(f"{seed}-{i}")
    organs = max(1, n // QUARTERS)
    city = _city(i % organs)
    qi = (i // organs) % QUARTERS
    year, quarter = FIRST_YEAR + qi // 4, qi % 4
    month, day = 3 * quarter + 1, rng.randint(3, 26)
    used: set[str] = set()
    presider, deployer, also = _name(rng, used), _name(rng, used), _name(rng, used)
    qcn = CN_QUARTER[quarter]
    sentences = list(SENTENCES)
    rng.shuffle(sentences)
    opening = "，".join(_fill(s, rng, quarter).removeprefix("要") for s in sentences[:2])
    body = [
        f"{city}市委季度工作会议今天下午（{month}月{day}日）举行。市委书记{presider}主持会议并强调，"
        f"{qcn}季度工作十分关键。要{opening}。",
        f"市委副书记、市长{deployer}部署{qcn}季度经济社会发展重点工作。市委副书记{also}出席会议。",
    ]
    at = 2
    for heading in rng.sample(HEADINGS, rng.randint(3, 5)):
        picked = [_fill(s, rng, quarter) for s in sentences[at : at + rng.randint(2, 3)]]
        at = (at + 3) % (len(sentences) - 3)
        body.append(heading)
        body.append(f"{presider}指出，" + "。".join(picked) + "。")
    items = []
    for obj in rng.sample(OBJECTS, rng.randint(4, 7)):
        items.append(f"{rng.choice(VERBS)}{rng.choice(ACTIONS)}{obj}，{rng.choice(TAILS)}")
    body.append(f"{deployer}就做好{qcn}季度重点工作指出，要按照市委部署，" + "。".join(items) + "。")
    attendees = "、".join(_name(rng, used) for _ in range(rng.randint(6, 14)))
    body.append(f"市领导{attendees}出席会议。")
    units = "、".join([*rng.sample(DISTRICTS, 2), *rng.sample(DEPARTMENTS, 2)])
    body.append(f"会议以电视电话会议形式召开。{units}围绕{rng.choice(TOPICS)}作交流发言。")
    title = f"{city}市委季度工作会议部署{qcn}季度重点工作"
    published = f"{year}-{month:02d}-{day:02d} 18:30"
    text = f"---\ntitle: '{title}'\ndate: {published}\n---\n\n" + "\n\n".join(body) + "\n"
    digest = hashlib.sha1(f"{seed}-{i}".encode()).hexdigest()[:10]
    return f"{digest}_{i:06d}.md", text


def corpus_dir(n: int, seed: int) -> Path:
    """The folder holding the ``n`` generated readouts (written once, then reused)."""
    folder = Path(tempfile.gettempdir()) / "jidu-bench-ingest" / f"{n}-{seed}"
    done = folder / ".complete"
    if done.exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        name, text = readout(i, n, seed)
        (folder / name).write_text(text, "utf-8")
    done.write_text(str(n))
    return folder


CHILD = """
import json, resource, sys, time
from pathlib import Path
sys.path.insert(0, {src!r})
from jidu.ledger.db import open_db
from jidu.ledger.ingest import ingest_paths
engine = open_db({url!r})
start = time.perf_counter()
report = ingest_paths(engine, [Path({folder!r})])
seconds = time.perf_counter() - start
engine.dispose()
print(json.dumps({{"seconds": seconds, "counts": report.counts(),
                  "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "workers_maxrss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}}))
"""


def run_once(folder: Path, profile: Path | None = None) -> dict[str, object]:
    """One whole ingest of ``folder`` into a fresh SQLite file, in a child process."""
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        script = CHILD.format(src=str(ROOT / "src"), url=url, folder=str(folder))
        cmd = [sys.executable, "-c", script]
        if profile is not None:
            cmd = [sys.executable, "-m", "pyinstrument", "--renderer", "json", "-o", str(profile), "-c", script]
        out = subprocess.run(cmd, capture_output=True, text=True, check=False, env={**os.environ})
        if out.returncode != 0:
            raise RuntimeError(f"ingest child failed:\n{out.stderr[-3000:]}")
        result = json.loads(out.stdout.strip().splitlines()[-1])
        return result


STAGES = {
    "waiting for parse workers": ("Future.result", "_result"),
    "parse (in the main process)": ("jidu/parse.py", "jidu/read/", "jidu/extract/", "ingest.py:prepare"),
    "near-duplicate check": ("ingest.py:nearest", "ingest.py:band_keys", "ingest.py:signature"),
    "search index": ("jidu/ledger/search.py",),
    "continuity": ("link_new_entries", "suggest_links", "_with_later_entries", "continuity.py"),
    "work entries": ("entries_from_meeting",),
    "consolidate": ("consolidate.py", "reconsolidate"),
    "store": ("jidu/ledger/store.py", "store_record", "_meeting_for"),
    "hash check": ("_known_keys",),
    "commit": ("Session.commit", "SessionTransaction.commit", "TransactionalContext.__exit__"),
}


def stage_split(profile: Path) -> dict[str, float]:
    """Seconds per stage from a pyinstrument JSON profile: each sample is charged to the innermost
    frame on its stack that names a stage (so ``commit`` inside ``store`` counts as commit)."""
    data = json.loads(profile.read_text("utf-8"))
    totals: dict[str, float] = dict.fromkeys(STAGES, 0.0)
    totals["other"] = 0.0

    def label(frame: dict[str, object]) -> str | None:
        path = str(frame.get("file_path_short") or frame.get("file_path") or "")
        where = f"{path}:{frame.get('function')}".replace("jidu/ledger/ingest.py", "ingest.py")
        for stage, marks in STAGES.items():
            if any(m in where for m in marks):
                return stage
        return None

    def walk(frame: dict[str, object], current: str) -> None:
        here = label(frame) or current
        children = frame.get("children") or []
        own = float(frame.get("time", 0.0)) - sum(float(c.get("time", 0.0)) for c in children)  # type: ignore[union-attr]
        totals[here] += max(0.0, own)
        for child in children:  # type: ignore[union-attr]
            walk(child, here)

    walk(data["root_frame"], "other")
    return totals


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=20260701)
    parser.add_argument("--profile", action="store_true", help="profile one more run of the first size")
    args = parser.parse_args()
    print(f"ingest benchmark: sizes {args.sizes}, {args.runs} runs each, seed {args.seed}; "
          f"targets: >= {TARGET_RATE:.0f} readouts/s, peak RSS flat and < {TARGET_RSS_MB:.0f} MB")
    print(f"{'N':>7s} {'readouts/s (median, min-max)':>32s} {'peak RSS MB (median, min-max)':>32s}  outcomes")
    rows = []
    for n in args.sizes:
        start = time.perf_counter()
        folder = corpus_dir(n, args.seed)
        generated = time.perf_counter() - start
        rates, rss, workers = [], [], []
        counts: dict[str, int] = {}
        for _ in range(args.runs):
            result = run_once(folder)
            counts = result["counts"]  # type: ignore[assignment]
            rates.append(n / float(result["seconds"]))  # type: ignore[arg-type]
            rss.append(int(result["maxrss_kb"]) / 1024)  # type: ignore[call-overload]
            workers.append(int(result["workers_maxrss_kb"]) / 1024)  # type: ignore[call-overload]
        if counts.get("ingested") != n:
            print(f"  warning: not every readout was ingested: {counts}")
        rows.append((n, rates, rss))
        print(f"{n:7d} {statistics.median(rates):12.0f} ({min(rates):6.0f}-{max(rates):6.0f})      "
              f"{statistics.median(rss):12.0f} ({min(rss):5.0f}-{max(rss):5.0f})       {counts}"
              f"  [corpus ready in {generated:.1f} s; largest parse worker {statistics.median(workers):.0f} MB]")
    for n, rates, rss in rows:
        rate, mem = statistics.median(rates), statistics.median(rss)
        print(f"N={n}: {rate / TARGET_RATE:.2f}x the rate target ({'met' if rate >= TARGET_RATE else 'MISSED'}), "
              f"peak RSS {mem / TARGET_RSS_MB:.2f}x the memory cap ({'met' if mem < TARGET_RSS_MB else 'MISSED'})")
    if len(rows) > 1:
        mems = [statistics.median(r) for _, _, r in rows]
        print(f"peak RSS at the largest N / at the smallest: {mems[-1] / mems[0]:.2f} (flat = about 1)")
    if args.profile:
        n = args.sizes[0]
        with tempfile.TemporaryDirectory() as tmp:
            prof = Path(tmp) / "profile.json"
            result = run_once(corpus_dir(n, args.seed), profile=prof)
            split = stage_split(prof)
        total = sum(split.values())
        from jidu.ledger.ingest import prepare

        sample = sorted(corpus_dir(n, args.seed).glob("*.md"))[:1000]
        blobs = [(str(f), f.read_bytes()) for f in sample]
        prepare(*blobs[0])  # warm-up: imports, dictionaries
        start = time.perf_counter()
        for name, data in blobs:
            prepare(name, data)
        parse_ms = 1000 * (time.perf_counter() - start) / len(blobs)
        print(f"parse + MinHash signature alone, one core, in-process: {parse_ms:.2f} ms/readout "
              f"({1000 / parse_ms:.0f} readouts/s per core)")
        print(f"where the time goes (pyinstrument, one run of N={n}, {float(result['seconds']):.1f} s "  # type: ignore[arg-type]
              f"ingest, main process; parse workers run beside it):")
        for stage, seconds in sorted(split.items(), key=lambda kv: -kv[1]):
            print(f"  {stage:22s} {seconds:7.2f} s  {seconds / total:5.0%}  {1000 * seconds / n:6.2f} ms/readout")
    return 0


if __name__ == "__main__":
    sys.exit(main())
