"""The benchmark corpus: thousands of readout files made by varying the readouts at hand.

    from corpus import build_corpus          # with bench/ on sys.path
    files = build_corpus(10_000, seed=0)     # list[CorpusFile]: name, data (bytes), kind
    python bench/corpus.py DIR --files 10000 # write them to DIR (to look at, or to time a CLI)

The seeds are every readout the project can read without inventing one: the real readouts in
``../shared/corpus/readouts`` (when the shared folder is beside the checkout), the bundled examples
and the test fixtures, which include the non-readouts (standing committee meetings, forums, weather
news...).  Each copy varies what differs between real readouts of different meetings and outlets:

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
