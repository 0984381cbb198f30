"""The grown ledger: 10,000 meetings and 1,000,000 key-work entries made by varying real records.

    from bigledger import big_ledger          # with bench/ on sys.path
    path = big_ledger(meetings=10_000, entries=1_000_000, seed=0)   # a cached SQLite file
    python bench/bigledger.py                 # build (or find) it and print its row counts
    python bench/bigledger.py --meetings 500 --entries 20000 --out /tmp/small.db

How it is made (built once, cached on disk under ``$TMPDIR/jidu-bench-bigledger/`` keyed by size,
seed, :data:`VERSION` and the migration scripts, so a schema change means a new build):

1. **Templates, through the real code.**  The demo ledger is built with :func:`jidu.web.demo.build_demo`
   (the examples ingested, the demo users, a year of work run through the workflow service) and
   the real corpus and the 45 fixture readouts are ingested into it with :func:`ingest_paths`.  Its
   meetings (every row ingest wrote for them: sources with their records and MinHash signatures,
   provenance, appearances, speeches, remarks, items, term occurrences) and its work entries (with
   their history, feedback, evaluations, cooperating units) are the templates.
2. **Varied copies.**  The grown ledger has ``SLOTS`` city committees (苏州市委, 杭州市委...), each
   meeting once a quarter, quarter after quarter up to 2026Q4.  Each meeting copies a template
   city-committee meeting of the same quarter number (so its text says 二季度 in Q2) and varies it:
   the city (in the organ, the text and the units: 示例市东湖区委 becomes 苏州市东湖区委), the
   people (every leader gets another name, consistently within a city for a five-year term, so a
   person's history spans about twenty meetings), the years in the text, and the deployment: each
   item is replaced by a new sentence spliced from two real items (the first clause of one and the
   rest of another), a third of them kept or lightly edited from the city's previous quarter, so
   quarter diffs find continued, reworded, new and dropped items.  The source text is rebuilt with
   these replacements and *every* span (rows, provenance, the record's own provenance map) is
   moved with it, term occurrences are found again in the new text with the same functions ingest
   uses, and each source gets its own sha256 and MinHash signature.
3. **Key-work entries.**  Each meeting gets ``entries / meetings`` entries: one per deployment item
   (``origin=item``), one per remark requirement (``origin=remark``), carried-over entries from the
   city's previous quarter (``origin=carry``, with their confirmed link), and the rest the office's
   decomposition of the items over units (``origin=manual``).  Each copies a template entry of a
   fitting status (closed, carried over, under review, running...; the latest quarter is still
   running) with its whole history, feedback and evaluation, its dates moved to the new quarter.
4. The search index is rebuilt (:func:`jidu.ledger.search.rebuild`), the schema is the one the
   migrations create, foreign keys are checked (``PRAGMA foreign_key_check``), and no ``ANALYZE`` is
   run (an ingested ledger has none).

Rows are written with ``sqlite3`` ``executemany`` in id order, in one transaction with the journal
off (a half-built file is never renamed into the cache).  The demo users and password
(:data:`jidu.web.demo.DEMO_PASSWORD`) are in the copy, so the web benchmark can log in.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import json
import os
import random
import re
import sqlite3
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from hashlib import sha256
from pathlib import Path
from types import SimpleNamespace
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

VERSION = 1
"""Bumped whenever the generated ledger changes, so an old cached file is not reused."""
SLOTS = 100
LAST_QUARTER = (2026, 4)
CURRENT_NOW = dt.datetime(2026, 11, 20, 2, 0)
"""When the generated work was last touched (UTC, naive as stored)."""

CITIES = (
    "苏州 杭州 南京 宁波 无锡 合肥 福州 厦门 济南 青岛 郑州 武汉 长沙 广州 深圳 成都 重庆 西安 昆明 贵阳 南宁 "
    "海口 南昌 太原 石家庄 沈阳 大连 长春 哈尔滨 呼和浩特 银川 兰州 西宁 乌鲁木齐 拉萨 天津 北京 常州 南通 徐州 "
    "扬州 镇江 泰州 盐城 淮安 连云港 宿迁 温州 嘉兴 湖州 绍兴 金华 衢州 舟山 台州 丽水 芜湖 蚌埠 安庆 马鞍山 "
    "泉州 漳州 莆田 三明 赣州 九江 烟台 潍坊 临沂 淄博 洛阳 开封 宜昌 襄阳 株洲 湘潭 珠海 佛山 东莞 中山 惠州 "
    "江门 汕头 湛江 绵阳 德阳 宜宾 柳州 桂林 遵义 曲靖 宝鸡 咸阳 唐山 保定 邯郸 鞍山 吉林 大庆 包头"
).split()
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "建国志强海涛立群文华明红军伟平敏静丽秀英桂芳玉兰凤霞春梅晓燕新宇浩然子涵思远嘉怡振东卫民德胜永利宏伟国庆雪松晨曦博文雅琴俊杰启航"
DEPARTMENTS = (
    "市发展改革委党组", "市经济信息化委党组", "市商务委党组", "市科委党组", "市教委党组", "市卫生健康委党委",
    "市住房城乡建设管理委党组", "市交通委党组", "市生态环境局党组", "市应急局党委", "市民政局党组", "市财政局党组",
)
DISTRICTS = ("东湖区委", "西岭区委", "南港新区党工委", "北塘区委", "中山区委", "新城区委")
RUNNING_STATUSES = ("assigned", "acknowledged", "in_progress", "pending_review")


def cache_dir() -> Path:
    return Path(tempfile.gettempdir()) / "jidu-bench-bigledger"


def schema_key() -> str:
    """A short hash of the migration scripts: a cached ledger is only reused with the schema it was built with."""
    from hashlib import sha1

    digest = sha1()
    for script in sorted((ROOT / "src" / "jidu" / "ledger" / "migrations" / "versions").glob("*.py")):
        digest.update(script.name.encode() + script.read_bytes())
    return digest.hexdigest()[:8]


def cache_path(meetings: int, entries: int, seed: int) -> Path:
    return cache_dir() / f"ledger-{meetings}m-{entries}e-s{seed}-v{VERSION}-{schema_key()}.db"


# -- templates ----------------------------------------------------------------------------------


@dataclass
class Template:
    """One ingested meeting with every row ingest wrote for it (as dicts of column values)."""

    meeting: dict[str, Any]
    sources: list[dict[str, Any]]
    provenance: list[dict[str, Any]]
    appearances: list[dict[str, Any]]
    speeches: list[dict[str, Any]]
    remarks: list[dict[str, Any]]
    items: list[dict[str, Any]]
    terms: list[dict[str, Any]]
    people: dict[int, str] = field(default_factory=dict)
    units: dict[int, str] = field(default_factory=dict)


@dataclass
class EntryTemplate:
    entry: dict[str, Any]
    history: list[dict[str, Any]]
    feedback: list[dict[str, Any]]
    evaluations: list[dict[str, Any]]
    cooperating: int


def _rows(con: sqlite3.Connection, sql: str, *args: Any) -> list[dict[str, Any]]:
    cur = con.execute(sql, args)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def build_templates(folder: Path) -> Path:
    """The demo ledger plus the real corpus and the fixtures, through the real ingest and service."""
    from jidu.ledger.db import open_db
    from jidu.ledger.ingest import ingest_paths
    from jidu.web.demo import build_demo

    path = folder / "templates.db"
    if path.exists():
        path.unlink()
    engine = open_db(f"sqlite:///{path}")
    build_demo(engine, ROOT / "examples")
    seeds = [p for p in (ROOT.parent / "shared" / "corpus" / "readouts", ROOT / "tests" / "readouts") if p.is_dir()]
    ingest_paths(engine, seeds)
    engine.dispose()
    return path


def load_templates(path: Path) -> tuple[list[Template], dict[str, list[EntryTemplate]], sqlite3.Connection]:
    con = sqlite3.connect(path)
    people = dict(con.execute("SELECT id, name FROM person").fetchall())
    units = dict(con.execute("SELECT id, name FROM unit").fetchall())
    templates = []
    for m in _rows(con, "SELECT * FROM meeting WHERE quarter IS NOT NULL AND date IS NOT NULL ORDER BY id"):
        if not (m["city"] and m["organ"] == f"{m['city']}市委"):
            continue  # city committees only: each slot of the grown ledger is one city's committee
        mid = m["id"]
        t = Template(
            meeting=m,
            sources=_rows(con, "SELECT * FROM source WHERE meeting_id = ? ORDER BY id", mid),
            provenance=_rows(con, "SELECT p.* FROM provenance p JOIN source s ON s.id = p.source_id "
                                  "WHERE s.meeting_id = ? ORDER BY p.id", mid),
            appearances=_rows(con, "SELECT * FROM appearance WHERE meeting_id = ? ORDER BY id", mid),
            speeches=_rows(con, "SELECT * FROM speech WHERE meeting_id = ? ORDER BY id", mid),
            remarks=_rows(con, "SELECT * FROM remark WHERE meeting_id = ? ORDER BY id", mid),
            items=_rows(con, 'SELECT * FROM key_work_item WHERE meeting_id = ? ORDER BY "order"', mid),
            terms=_rows(con, "SELECT * FROM term_occurrence WHERE meeting_id = ? ORDER BY id", mid),
        )
        if not t.items or not t.sources:
            continue
        t.people = {a["person_id"]: people[a["person_id"]] for a in t.appearances}
        t.units = {s["unit_id"]: units[s["unit_id"]] for s in t.speeches}
        templates.append(t)
    by_status: dict[str, list[EntryTemplate]] = defaultdict(list)
    for e in _rows(con, "SELECT * FROM work_entry ORDER BY id"):
        eid = e["id"]
        by_status[e["status"]].append(EntryTemplate(
            entry=e,
            history=_rows(con, "SELECT * FROM work_history WHERE entry_id = ? ORDER BY id", eid),
            feedback=_rows(con, "SELECT * FROM work_feedback WHERE entry_id = ? ORDER BY id", eid),
            evaluations=_rows(con, "SELECT * FROM work_evaluation WHERE entry_id = ? ORDER BY id", eid),
            cooperating=con.execute("SELECT count(*) FROM work_entry_unit WHERE entry_id = ?", (eid,)).fetchone()[0],
        ))
    return templates, by_status, con


# -- text edits that move spans -------------------------------------------------------------------


class Edit:
    """Non-overlapping replacements of ``text``; maps any old offset to the new text."""

    def __init__(self, text: str, replacements: list[tuple[int, int, str]]) -> None:
        replacements = sorted(replacements)
        parts: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.new_starts: list[int] = []
        self.new_ends: list[int] = []
        at = 0
        out_len = 0
        for s, e, new in replacements:
            parts.append(text[at:s])
            out_len += s - at
            self.starts.append(s)
            self.ends.append(e)
            self.new_starts.append(out_len)
            parts.append(new)
            out_len += len(new)
            self.new_ends.append(out_len)
            at = e
        parts.append(text[at:])
        self.text = "".join(parts)

    def map(self, pos: int | None, *, end: bool = False) -> int | None:
        if pos is None:
            return None
        i = bisect.bisect_right(self.ends, pos) - 1  # last replacement ending at or before pos
        if i + 1 < len(self.starts) and self.starts[i + 1] < pos < self.ends[i + 1]:
            return self.new_ends[i + 1] if end else self.new_starts[i + 1]
        if i < 0:
            return pos
        return self.new_ends[i] + (pos - self.ends[i])

    def span(self, start: int | None, stop: int | None) -> tuple[int | None, int | None]:
        return self.map(start), self.map(stop, end=True)


def _occurrences(text: str, mapping: dict[str, str], taken: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Every occurrence of a key of ``mapping`` (longest first) outside the ``taken`` ranges."""
    if not mapping:
        return []
    pattern = re.compile("|".join(re.escape(k) for k in sorted(mapping, key=len, reverse=True)))
    out = []
    for m in pattern.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        out.append((m.start(), m.end(), mapping[m.group(0)]))
    return out


# -- the generator ------------------------------------------------------------------------------


class Names:
    """Distinct generated person names, one per (city slot, template name, five-year term)."""

    def __init__(self, rng: random.Random, taken: set[str]) -> None:
        self.rng = rng
        self.by_key: dict[tuple[int, str, int], str] = {}
        self.used = set(taken)

    def get(self, slot: int, name: str, term: int) -> str:
        key = (slot, name, term)
        if key not in self.by_key:
            tries = 0
            while True:  # two-character names run out (about 7,000 of them): then three characters
                tries += 1
                given = self.rng.choice(GIVEN) + (self.rng.choice(GIVEN) if len(name) >= 3 or tries > 20 else "")
                candidate = self.rng.choice(SURNAMES) + given
                if candidate not in self.used:
                    break
            self.used.add(candidate)
            self.by_key[key] = candidate
        return self.by_key[key]


def _quarter(index: int, count: int) -> tuple[int, int]:
    """The ``index``-th of ``count`` consecutive quarters ending at :data:`LAST_QUARTER`."""
    last = LAST_QUARTER[0] * 4 + LAST_QUARTER[1] - 1
    n = last - (count - 1) + index
    return n // 4, n % 4 + 1


def _quarter_days(year: int, q: int) -> tuple[dt.date, dt.date]:
    first = dt.date(year, 3 * q - 2, 1)
    last = dt.date(year + (q == 4), 1 if q == 4 else 3 * q + 1, 1) - dt.timedelta(days=1)
    return first, last


def _splice(rng: random.Random, pool: list[str]) -> str:
    """A new item sentence: the first clause of one real item and the rest of another."""
    a, b = rng.choice(pool), rng.choice(pool)
    head = a.split("，", 1)[0]
    tail = b.split("，", 1)[1] if "，" in b else b
    return f"{head}，{tail}" if head != tail else head


def _reword(rng: random.Random, text: str, pool: list[str]) -> str:
    """The same line of work in new words: one clause replaced from another item."""
    clauses = text.split("，")
    if len(clauses) < 2:
        return text + "，" + rng.choice(pool).split("，")[-1]
    i = rng.randrange(len(clauses))
    clauses[i] = rng.choice(rng.choice(pool).split("，"))
    return "，".join(clauses)


class Writer:
    """Buffers rows per table and writes them with executemany."""

    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con
        self.buffers: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
        self.columns: dict[str, list[str]] = {}

    def add(self, table: str, row: dict[str, Any]) -> None:
        cols = self.columns.get(table)
        if cols is None:
            cols = self.columns[table] = list(row)
        self.buffers[table].append(tuple(row[c] for c in cols))
        if len(self.buffers[table]) >= 50_000:
            self.flush(table)

    def flush(self, table: str | None = None) -> None:
        for name in [table] if table else list(self.buffers):
            rows = self.buffers.pop(name, [])
            if rows:
                cols = self.columns[name]
                quoted = ", ".join('"' + c + '"' for c in cols)
                sql = f"INSERT INTO {name} ({quoted}) VALUES ({', '.join('?' for _ in cols)})"
                self.con.executemany(sql, rows)


def generate(path: Path, meetings: int, entries: int, seed: int, log: Any = print) -> None:
    from jidu.analysis.domains import classify
    from jidu.ledger import ingest as ingest_module
    from jidu.ledger import search
    from jidu.ledger.db import open_db
    from jidu.ledger.ingest import signature
    from jidu.ledger.store import body_offset, find_occurrences, sentence_around
    from jidu.record import MeetingRecord

    rng = random.Random(seed)
    t0 = time.perf_counter()
    work = path.with_suffix(".build")
    work.mkdir(parents=True, exist_ok=True)
    templates, entry_templates, tcon = load_templates(build_templates(work))
    log(f"templates: {len(templates)} meetings, {sum(len(v) for v in entry_templates.values())} entries "
        f"({time.perf_counter() - t0:.1f} s)")
    by_qnum: dict[int, list[Template]] = defaultdict(list)
    for t in templates:
        by_qnum[int(t.meeting["quarter"][-1])].append(t)
    item_pool = sorted({i["text"] for t in templates for i in t.items if len(i["text"]) >= 8})
    template_cities = sorted({t.meeting["city"] for t in templates}, key=len, reverse=True)

    part = path.with_suffix(".part")
    for p in (part, part.with_name(part.name + "-wal"), part.with_name(part.name + "-shm")):
        if p.exists():
            p.unlink()
    engine = open_db(f"sqlite:///{part}")
    engine.dispose()
    con = sqlite3.connect(part, isolation_level=None)
    con.execute("PRAGMA journal_mode = OFF")
    con.execute("PRAGMA synchronous = OFF")
    con.execute("PRAGMA foreign_keys = OFF")
    con.execute("DROP TABLE IF EXISTS search_fts")
    has_bands = con.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='source_band'").fetchone()
    band_keys = getattr(ingest_module, "band_keys", None) if has_bands else None
    con.execute("BEGIN")
    w = Writer(con)

    # users, settings and the templates' own units are copied as they are
    for table in ("app_user", "work_setting"):
        for row in _rows(tcon, f"SELECT * FROM {table}"):
            w.add(table, row)
    w.flush()
    unit_ids: dict[str, int] = {}
    unit_names: dict[int, str] = {}

    def unit_id(name: str) -> int:
        if name not in unit_ids:
            unit_ids[name] = len(unit_ids) + 1
            unit_names[unit_ids[name]] = name
            w.add("unit", {"id": unit_ids[name], "name": name})
        return unit_ids[name]

    for (uid, name) in tcon.execute("SELECT id, name FROM unit ORDER BY id"):
        assert unit_id(name) == uid  # app_user.unit_id points at these
    person_ids: dict[str, int] = {}

    def person_id(name: str) -> int:
        if name not in person_ids:
            person_ids[name] = len(person_ids) + 1
            w.add("person", {"id": person_ids[name], "name": name})
        return person_ids[name]

    names = Names(rng, {p for t in templates for p in t.people.values()})
    slots = max(1, min(SLOTS, meetings // 8))
    n_quarters = -(-meetings // slots)
    ids: dict[str, int] = defaultdict(int)

    def next_id(table: str) -> int:
        ids[table] += 1
        return ids[table]

    per_meeting = [entries // meetings + (1 if k < entries % meetings else 0) for k in range(meetings)]
    prev_items: dict[int, list[str]] = {}
    carried: dict[int, list[dict[str, Any]]] = defaultdict(list)  # slot -> entries carried into its next quarter
    domain_cache: dict[str, tuple[str, str]] = {}
    digests: set[str] = set()

    def classified(text: str) -> tuple[str, str]:
        if text not in domain_cache:
            a = classify(text)
            domain_cache[text] = (a.domain, json.dumps(
                {"matched": list(a.matched), "scores": a.scores, "explanation": a.explain()}, ensure_ascii=False))
        return domain_cache[text]

    status_pools = {
        "old": [("closed", 80), ("carried_over", 8), ("pending_review", 4), ("in_progress", 5), ("assigned", 3)],
        "current": [("registered", 20), ("assigned", 20), ("in_progress", 45), ("pending_review", 15)],
    }
    for pool in status_pools.values():
        pool[:] = [(s, n) for s, n in pool if entry_templates.get(s)]

    carry_templates = [e for pool in entry_templates.values() for e in pool if e.entry["origin"] == "carry"]

    def pick_status(current: bool) -> str:
        pool = status_pools["current" if current else "old"]
        return rng.choices([s for s, _ in pool], [n for _, n in pool])[0]

    t1 = time.perf_counter()
    for k in range(meetings):
        qi, slot = divmod(k, slots)
        year, qnum = _quarter(qi, n_quarters)
        quarter = f"{year}Q{qnum}"
        current = qi == n_quarters - 1
        city = CITIES[slot % len(CITIES)] + ("" if slot < len(CITIES) else str(slot // len(CITIES)))
        t = rng.choice(by_qnum[qnum] or templates)
        m = t.meeting
        old_date = dt.date.fromisoformat(m["date"])
        shift = year - int(m["quarter"][:4])
        try:
            date = old_date.replace(year=old_date.year + shift)
        except ValueError:
            date = old_date.replace(year=old_date.year + shift, day=28)
        term = year // 5
        name_map = {n: names.get(slot, n, term) for n in t.people.values()}
        unit_map = {u: (f"{city}{u}" if u.startswith("市") else f"{city}市{u}") for u in t.units.values()}
        city_map = {c: city for c in template_cities}
        year_map = {f"{y}年": f"{y + shift}年" for y in range(1990, 2040)}
        text_map = {**year_map, **city_map, **unit_map, **name_map}
        meeting_id = k + 1
        organ = f"{city}市委"

        # the deployment: some items kept or reworded from the city's last quarter, the rest new
        before = prev_items.get(slot, [])
        new_items = []
        for _ in t.items:
            r = rng.random()
            if before and r < 0.2:
                new_items.append(rng.choice(before))
            elif before and r < 0.35:
                new_items.append(_reword(rng, rng.choice(before), item_pool))
            else:
                new_items.append(_splice(rng, item_pool))
        for i, text in enumerate(new_items):
            for c in template_cities:
                text = text.replace(c, city)
            new_items[i] = text
        prev_items[slot] = new_items

        source_ids: dict[int, int] = {}
        edits: dict[int, Edit] = {}
        for s in t.sources:
            sid = next_id("source")
            source_ids[s["id"]] = sid
            item_spans = [(i["start"], i["end"], new_items[n]) for n, i in enumerate(t.items)
                          if i["source_id"] == s["id"] and i["start"] is not None]
            for n, i in enumerate(t.items):  # another readout of the meeting words the items too
                at = s["text"].find(i["text"]) if i["source_id"] != s["id"] else -1
                if at >= 0 and not any(a < at + len(i["text"]) and at < b for a, b, _ in item_spans):
                    item_spans.append((at, at + len(i["text"]), new_items[n]))
            taken = [(a, b) for a, b, _ in item_spans]
            edit = Edit(s["text"], item_spans + _occurrences(s["text"], text_map, taken))
            digest = sha256(edit.text.encode()).hexdigest()
            if digest in digests:  # a copy that varied nothing of this readout: another outlet's footer
                edit.text += f"\n（{city}市融媒体中心 供稿 {sid}）"
                digest = sha256(edit.text.encode()).hexdigest()
            digests.add(digest)
            sig = signature(edit.text)
            if band_keys is not None:  # the near-duplicate index ingest keeps (revision 0004)
                for key in dict.fromkeys(band_keys(sig)):
                    w.add("source_band", {"key": key, "source_id": sid})
            edits[s["id"]] = edit
            record = json.loads(s["record"])
            body = {k2: v for k2, v in record.items() if k2 not in ("text", "provenance")}
            dumped = json.dumps(body, ensure_ascii=False)
            body = json.loads(Edit(dumped, _occurrences(dumped, text_map, [])).text)
            body["date"], body["quarter"], body["organ"], body["city"] = date.isoformat(), quarter, organ, city
            if body.get("deployment") and body["deployment"].get("items"):
                body["deployment"]["items"] = new_items[: len(body["deployment"]["items"])]
            body["text"] = edit.text
            body["provenance"] = {
                f: [list(edit.span(a, b)) for a, b in spans] for f, spans in record["provenance"].items()
            }
            if k < 3:
                MeetingRecord.model_validate(body)  # the copies are still valid records
            w.add("source", {
                **s, "id": sid, "meeting_id": meeting_id, "path": f"bigledger/{quarter}/{city}-{sid}{Path(s['path']).suffix}",
                "sha256": digest, "minhash": sig.astype("<u8").tobytes(),
                "text": edit.text, "record": json.dumps(body, ensure_ascii=False),
                "title": Edit(s["title"] or "", _occurrences(s["title"] or "", text_map, [])).text or s["title"],
                "published": None,
            })
        w.add("meeting", {
            **m, "id": meeting_id, "organ": organ, "city": city, "date": date.isoformat(), "quarter": quarter,
            "opening_speaker": name_map.get(m["opening_speaker"], m["opening_speaker"]),
            "opening_text": Edit(m["opening_text"], _occurrences(m["opening_text"], text_map, [])).text
            if m["opening_text"] else None,
            "deployment_speaker": name_map.get(m["deployment_speaker"], m["deployment_speaker"]),
            "conflicts": json.dumps([
                {**c, "values": [{**v, "source_id": source_ids.get(v.get("source_id"), v.get("source_id"))}
                                 for v in c.get("values", [])]} for c in json.loads(m["conflicts"] or "[]")
            ], ensure_ascii=False),
            "merged": json.dumps({key: source_ids.get(v, v) if isinstance(v, int) else v
                                  for key, v in json.loads(m["merged"] or "{}").items()}, ensure_ascii=False),
        })
        for p in t.provenance:
            edit = edits[p["source_id"]]
            a, b = edit.span(p["start"], p["end"])
            w.add("provenance", {**p, "id": next_id("provenance"), "source_id": source_ids[p["source_id"]],
                                 "start": a, "end": b})

        def moved(
            row: dict[str, Any], edits: dict[int, Edit] = edits, source_ids: dict[int, int] = source_ids
        ) -> dict[str, Any]:
            src = row["source_id"]
            if src is None or src not in edits:
                return {"source_id": None, "start": row["start"], "end": row["end"]}
            a, b = edits[src].span(row["start"], row["end"])
            return {"source_id": source_ids[src], "start": a, "end": b}

        for a in t.appearances:
            w.add("appearance", {**a, "id": next_id("appearance"), "meeting_id": meeting_id,
                                 "person_id": person_id(name_map[t.people[a["person_id"]]]),
                                 "title": a["title"], **moved(a)})
        for s in t.speeches:
            w.add("speech", {**s, "id": next_id("speech"), "meeting_id": meeting_id,
                             "unit_id": unit_id(unit_map[t.units[s["unit_id"]]]), **moved(s)})
        remark_rows = []
        for r in t.remarks:
            row = {**r, "id": next_id("remark"), "meeting_id": meeting_id,
                   "speaker": name_map.get(r["speaker"], r["speaker"]),
                   "person_id": person_id(name_map[r["speaker"]]) if r["speaker"] in name_map else None,
                   "heading": Edit(r["heading"], _occurrences(r["heading"], text_map, [])).text if r["heading"] else None,
                   "text": Edit(r["text"], _occurrences(r["text"], text_map, [])).text, **moved(r)}
            w.add("remark", row)
            remark_rows.append(row)
        item_rows = []
        for n, i in enumerate(t.items):
            row = {**i, "id": next_id("key_work_item"), "meeting_id": meeting_id, "text": new_items[n],
                   "speaker": name_map.get(i["speaker"], i["speaker"]),
                   "heading": Edit(i["heading"], _occurrences(i["heading"], text_map, [])).text if i["heading"] else None,
                   "domain": classified(new_items[n])[0], **moved(i)}
            w.add("key_work_item", row)
            item_rows.append(row)
        # term occurrences found again in the new texts, as ingest's store does
        for s in t.sources:
            record = json.loads(s["record"])
            text = edits[s["id"]].text
            offset = body_offset(SimpleNamespace(source=SimpleNamespace(title=record["source"].get("title"))), text)  # type: ignore[arg-type]
            for term_text in dict.fromkeys(record.get("terms") or []):
                for a, b in find_occurrences(text, term_text, offset):
                    w.add("term_occurrence", {"id": next_id("term_occurrence"), "term": term_text,
                                              "meeting_id": meeting_id, "source_id": source_ids[s["id"]],
                                              "sentence": sentence_around(text, a, b), "start": a, "end": b})

        # key-work entries
        first, last = _quarter_days(year, qnum)
        start_date = date if first <= date <= last else first
        local_units = [unit_id(unit_map[u]) for u in t.units.values()] + [
            unit_id(f"{city}{d}" if d.startswith("市") else f"{city}市{d}") for d in DEPARTMENTS + DISTRICTS]
        quota = per_meeting[k]
        made = 0
        for carry in carried.pop(slot, []):
            if made >= quota:
                break
            _write_entry(w, next_id, rng, carry["template"], {
                **carry["base"], "quarter": quarter, "origin": "carry", "carried_from_id": carry["from"],
                "item_id": None, "remark_id": None, "created_by": "duban",
                "start_date": first, "deadline": last,
            }, current, local_units, unit_names, carried_from=carry)
            made += 1
        specs: list[dict[str, Any]] = []
        for row in item_rows:
            specs.append({"title": row["text"], "detail": row["heading"], "origin": "item", "item_id": row["id"],
                          "source_id": row["source_id"], "span_start": row["start"], "span_end": row["end"],
                          "domain_text": row["text"], "created_by": "system", "reason": "由会议部署事项自动生成",
                          "details": {"meeting_id": meeting_id, "item_order": row["order"]}})
        for row in remark_rows:
            if row["heading"]:
                specs.append({"title": row["heading"], "detail": row["text"], "origin": "remark",
                              "remark_id": row["id"], "source_id": row["source_id"], "span_start": row["start"],
                              "span_end": row["end"], "domain_text": row["text"], "created_by": "duban",
                              "reason": "由讲话要求生成",
                              "details": {"meeting_id": meeting_id, "remark_order": row["order"]}})
        n_manual = max(0, quota - made - len(specs))
        for j in range(n_manual):
            row = item_rows[j % len(item_rows)]
            specs.append({"title": row["text"], "detail": f"分解任务（第{j // len(item_rows) + 1}批）",
                          "origin": "manual", "domain_text": row["text"], "created_by": "duban",
                          "reason": "手工立项", "details": {}})
        for spec in specs[: max(0, quota - made)]:
            domain, evidence = classified(spec.pop("domain_text"))
            status = pick_status(current)
            tmpl = rng.choice(entry_templates[status])
            base = {
                "title": spec["title"], "detail": spec["detail"], "quarter": quarter, "origin": spec["origin"],
                "meeting_id": meeting_id, "item_id": spec.get("item_id"), "remark_id": spec.get("remark_id"),
                "source_id": spec.get("source_id"), "span_start": spec.get("span_start"),
                "span_end": spec.get("span_end"), "domain": domain, "domain_manual": 0, "domain_evidence": evidence,
                "start_date": start_date, "deadline": last, "carried_from_id": None,
                "created_by": spec["created_by"],
            }
            eid = _write_entry(w, next_id, rng, tmpl, base, current, local_units, unit_names,
                               reason=spec["reason"], details=spec["details"])
            if status == "carried_over" and not current:
                carried[slot].append({"template": rng.choice(carry_templates or entry_templates["in_progress"]),
                                      "base": base, "from": eid, "from_quarter": quarter})
        if k % 1000 == 999:
            w.flush()
            log(f"  {k + 1} meetings, {ids['work_entry']} entries ({time.perf_counter() - t1:.0f} s)")
    w.flush()
    con.execute("COMMIT")
    log(f"rows written ({time.perf_counter() - t1:.0f} s); search index...")
    problems = con.execute("PRAGMA foreign_key_check").fetchall()
    if problems:
        raise RuntimeError(f"foreign key problems in the generated ledger: {problems[:5]}")
    con.execute("PRAGMA journal_mode = WAL")
    con.close()
    tcon.close()
    engine = open_db(f"sqlite:///{part}", migrate=False)
    search.rebuild(engine)
    engine.dispose()
    con = sqlite3.connect(part)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    part.rename(path)
    for p in work.iterdir():
        p.unlink()
    work.rmdir()
    log(f"built {path} in {time.perf_counter() - t0:.0f} s")


def _when(template_start: str, template_at: str, new_start: dt.date) -> str:
    """A template timestamp moved to the new entry's start, keeping its distance from the start."""
    start = dt.date.fromisoformat(template_start)
    at = dt.datetime.fromisoformat(template_at)
    days = (at.date() - start).days
    moved = dt.datetime.combine(new_start + dt.timedelta(days=max(days, 0)), at.time())
    return str(min(moved, CURRENT_NOW))


def _write_entry(
    w: Writer, next_id: Any, rng: random.Random, tmpl: EntryTemplate, base: dict[str, Any], current: bool,
    units: list[int], unit_names: dict[int, str], *, reason: str | None = None, details: dict[str, Any] | None = None,
    carried_from: dict[str, Any] | None = None,
) -> int:
    """One entry copied from ``tmpl`` (status, progress, history, feedback, evaluation) onto ``base``."""
    e = tmpl.entry
    eid = next_id("work_entry")
    start: dt.date = base["start_date"]
    lead = rng.choice(units) if e["lead_unit_id"] is not None else None
    co = rng.sample([u for u in units if u != lead], min(tmpl.cooperating, len(units) - 1)) if lead else []
    created = str(dt.datetime.combine(start, dt.time(2, 0)))

    def at(value: str | None) -> str | None:
        return _when(e["start_date"], value, start) if value else None

    w.add("work_entry", {
        "id": eid, "title": base["title"], "detail": base["detail"], "quarter": base["quarter"],
        "origin": base["origin"], "meeting_id": base["meeting_id"], "item_id": base.get("item_id"),
        "remark_id": base.get("remark_id"), "source_id": base.get("source_id"), "span_start": base.get("span_start"),
        "span_end": base.get("span_end"), "domain": base["domain"], "domain_manual": 0,
        "domain_evidence": base["domain_evidence"], "lead_unit_id": lead, "start_date": start.isoformat(),
        "deadline": base["deadline"].isoformat(), "status": e["status"], "progress": e["progress"],
        "carried_to": _next_quarter(base["quarter"]) if e["status"] == "carried_over" else None,
        "carried_from_id": base.get("carried_from_id"), "reported_done_at": at(e["reported_done_at"]),
        "closed_at": at(e["closed_at"]), "created_by": base["created_by"], "created_at": created,
        "updated_at": created,
    })
    for pos, u in enumerate(co):
        w.add("work_entry_unit", {"id": next_id("work_entry_unit"), "entry_id": eid, "unit_id": u, "position": pos})
    for h in tmpl.history:
        row = {**h, "id": next_id("work_history"), "entry_id": eid, "at": at(h["at"]) or created}
        if h["action"] == "create":
            row["at"], row["actor"] = created, base["created_by"]
            row["reason"], row["details"] = reason or h["reason"], json.dumps(details or {}, ensure_ascii=False)
        elif h["action"] == "assign":
            row["details"] = json.dumps({"lead": unit_names[lead], "cooperating": [unit_names[u] for u in co]})
        elif h["action"] == "carry" and carried_from is not None and h["from_status"] is None:
            row["reason"], row["details"] = f"由 {carried_from['from_quarter']} 结转", json.dumps(
                {"carried_from": carried_from["from"]})
        w.add("work_history", row)
    for f in tmpl.feedback:
        w.add("work_feedback", {**f, "id": next_id("work_feedback"), "entry_id": eid,
                                "unit_id": (co[0] if co else lead) if f["unit_id"] is not None else None,
                                "at": at(f["at"]), "reported_on": None})
    for v in tmpl.evaluations:
        w.add("work_evaluation", {**v, "id": next_id("work_evaluation"), "entry_id": eid, "at": at(v["at"])})
    if carried_from is not None:
        w.add("work_link", {"id": next_id("work_link"), "entry_id": eid, "predecessor_id": carried_from["from"],
                            "kind": "carry", "state": "confirmed", "similarity": 1.0,
                            "evidence": f"由 {carried_from['from_quarter']} 结转", "shared_terms": "[]",
                            "decided_by": "duban", "decided_at": created, "reason": None, "created_at": created})
    return eid


def _next_quarter(quarter: str) -> str:
    year, q = int(quarter[:4]), int(quarter[-1])
    return f"{year + (q == 4)}Q{1 if q == 4 else q + 1}"


def big_ledger(meetings: int = 10_000, entries: int = 1_000_000, seed: int = 0, *, log: Any = print) -> Path:
    """The cached grown ledger's path, building it first if it is not there."""
    path = cache_path(meetings, entries, seed)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        generate(path, meetings, entries, seed, log=log)
    return path


def counts(path: Path) -> dict[str, int]:
    con = sqlite3.connect(path)
    tables = [r[0] for r in con.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'search_fts_%' "
        "AND name NOT LIKE 'sqlite_%' AND name != 'alembic_version' ORDER BY name")]
    out = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
    con.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--meetings", type=int, default=10_000)
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, help="build here instead of the cache (replaces the file)")
    args = parser.parse_args(argv)
    if args.out:
        if args.out.exists():
            args.out.unlink()
        generate(args.out, args.meetings, args.entries, args.seed)
        path = args.out
    else:
        path = big_ledger(args.meetings, args.entries, args.seed)
    print(path, f"{os.path.getsize(path) / 1e6:.0f} MB")
    for table, n in counts(path).items():
        print(f"  {table:<18} {n:>10,}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
