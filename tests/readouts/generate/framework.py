"""Framework: a readout is a list of tagged paragraphs; render it to files and derive its expected record."""
from __future__ import annotations

import json
import re
from pathlib import Path

import opencc

S2T = opencc.OpenCC("s2t")
T2S = opencc.OpenCC("t2s")
ROOT = Path(__file__).resolve().parents[3]
FIX = ROOT / "tests/readouts"
EXP = FIX / "expected"
EXP_EX = FIX / "expected_examples"
EXAMPLES = ROOT / "examples"

BODY_TAGS = {"L", "P", "H", "R", "C", "D"}


def parse(spec: str) -> list[tuple[str, str, str]]:
    """Lines `T| text` (or `T| prefix|rest` for L and D) -> (tag, prefix, rest)."""
    out = []
    for line in spec.strip().splitlines():
        line = line.strip()
        if not line:
            continue
        tag, _, body = line.partition("| ")
        assert tag in BODY_TAGS | {"E", "N"}, line
        if tag in ("L", "D"):
            pre, sep, rest = body.partition("|")
            assert sep, line
            out.append((tag, pre, rest))
        else:
            out.append((tag, "", body))
    return out


def terms_of(spec) -> list[str]:
    seen: list[str] = []
    for tag, p, r in spec:
        if tag not in BODY_TAGS:
            continue
        for m in re.finditer(r"“([^“”]*)”", p + r):
            t = m.group(1)
            if 2 <= len(t) <= 20 and not re.search(r"[，。！？；：]", t) and t not in seen:
                seen.append(t)
    return seen


def split_items(text: str) -> list[str]:
    items = [s.strip() for s in re.split(r"(?<=[。！？])", text) if s.strip()]
    return [s[:-1] if s.endswith("。") else s for s in items]


def derive(spec, speaker: str | None, deployer: str | None = None) -> dict:
    """opening, remarks, deployment and terms from the tagged paragraphs."""
    rec: dict = {}
    lead = [x for x in spec if x[0] == "L"]
    rec["opening"] = {"speaker": speaker, "text": lead[0][2]} if lead and lead[0][2] else None
    remarks: list[dict] = []
    heading = None
    current = None
    deployment = None
    for tag, _, r in spec:
        if tag == "N" or tag == "E":
            continue
        if tag == "H":
            heading = r
            current = None
            continue
        if tag == "R":
            current = {"speaker": speaker, "heading": heading, "text": r}
            remarks.append(current)
        elif tag == "C":
            assert current is not None, r
            current["text"] += r
        elif tag == "D":
            assert deployment is None
            deployment = {"speaker": deployer, "heading": heading, "items": split_items(r)}
            current = None
        else:
            current = None
        heading = None
    rec["remarks"] = remarks
    rec["deployment"] = deployment
    rec["terms"] = terms_of(spec)
    return rec


# ---------------------------------------------------------------- renderers
def to_hant(text: str) -> str:
    t = S2T.convert(text).translate(TW)
    assert T2S.convert(t) == text, (text, T2S.convert(t))
    return t


TW = str.maketrans({"羣": "群", "衆": "眾", "啓": "啟", "峯": "峰", "爲": "為", "裏": "裡", "牀": "床", "纔": "才"})
HALF = str.maketrans({"，": ",", "：": ":", "！": "!", "（": "(", "）": ")", "？": "?", "；": ";", "“": "「", "”": "」"})


def half(text: str) -> str:
    return text.translate(HALF)


def front_matter(title: str, author: str, date: str, cats: list[str], img: str) -> str:
    cat = "\n".join(f" - {c}" for c in cats)
    return (f"\n---\ntitle: '{title}'\ncategories: \n{cat}\nheadimg: '{img}'\nauthor: {author}\n"
            f"comments: false\ndate: {date}\nthumbnail: '{img}'\n---\n\n")


def write(path: Path, text: str, encoding: str = "utf-8") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))


def write_expected(path: Path, rec: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(rec, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def expected(source: dict, meta: dict, derived: dict, drop: tuple[str, ...] = ()) -> dict:
    rec = {"schema": "jidu.meeting/1", "source": source, "is_meeting": True}
    order = ["organ", "city", "kind", "date", "date_basis", "time_of_day", "quarter", "form", "presider",
             "deployer", "also_present", "attendees", "opening", "remarks", "deployment", "speeches", "terms"]
    merged = {**derived, **meta}
    for k in order:
        if k in merged and k not in drop:
            rec[k] = merged[k]
    return rec


def person(name: str, title: str) -> dict:
    return {"name": name, "title": title}


IMG = "https://img.shifan-news.example/2019/pic{}.jpg"


def attendees_of(spec) -> list[str]:
    for tag, p, r in spec:
        m = re.match(r"^(?:市领导|区领导)(.+?)(?:出席|参加)会议。$", p + r)
        if tag == "P" and m:
            return m.group(1).split("、")
    return []


def md_guancha(meta: dict, spec, images: bool = True) -> str:
    out = front_matter(meta["title"], meta["author"], meta["date"], meta.get("cats", ["新媒体", "示例新闻网", "首页"]),
                       meta.get("img", IMG.format(0)))
    out += "<div>   \n"
    n = 0
    for tag, p, r in spec:
        out += f"<p>\n{p + r}\n</p>\n"
        if images and tag == "H":
            n += 1
            out += (f'<p style="text-align:center;">\n<img src="{IMG.format(n)}" style="max-width:600px;" '
                    'referrerpolicy="no-referrer">\n</p>\n')
    return out + "  \n</div>\n            \n"


SINA_TRAILER = """<!-- news_keyword_pub,stock, -->



<!-- 正文下iframe -->

<!-- 总声明-->

<!-- 文末二维码 start -->
            <style>
            .appendQr_wrap&#123;border:1px solid #E6E6E6;padding:8px;&#125;
            .appendQr_normal&#123;float:left;&#125;
            </style>
            <div class="clearfix appendQr_wrap">
                <div class="appendQr_normal"><img src="https://img.shifan-news.example/qr.png"></div>
                <div class="appendQr_normal_txt">扫码下载示例财经APP，海量资讯随时看</div>
            </div>
            <!-- 文末二维码 start -->

<!-- 编辑姓名及工作代码 -->

<p class="article-editor">责任编辑：{editor} </p>
<!-- 编辑姓名及工作代码-->

{ws2}
</div>
{ws12}
""".replace("{ws2}", "  ").replace("{ws12}", " " * 12)


BOLD = '<font cms-style="font-L strong-Bold">{}</font>'


def bolden(tag: str, p: str, r: str) -> str:
    """The sina style's bold spans: the whole opening, and a remark's first sentence after its speaker."""
    if tag == "L":
        return p + BOLD.format(r)
    text = p + r
    i = text.find("，")
    j = text.find("。", i)
    if tag != "R" or i < 0 or j < 0:
        return text
    return text[:i + 1] + BOLD.format(text[i + 1:j + 1]) + text[j + 1:]


def md_sina(meta: dict, spec, editor: str = "李文杰", bold: bool = False) -> str:
    out = front_matter(meta["title"], meta["author"], meta["date"], meta.get("cats", ["财经", "示例财经", "示例财经－国内"]),
                       meta.get("img", IMG.format(9)))
    out += "<div>   \n"
    for tag, p, r in spec:
        text = bolden(tag, p, r) if bold else p + r
        if tag == "N" and text.startswith("原标题"):
            out += f'<p class="ori_titlesource">　　{text}</p>\n'
        elif tag == "H":
            out += f'<p cms-style="font-L align-Center"><strong>{text}</strong></p>\n'
        else:
            out += f'<p cms-style="font-L">　　{text}</p>\n'
    return out + SINA_TRAILER.replace("{editor}", editor)


def plain(title: str, spec, head: list[str] | None = None, tail: list[str] | None = None) -> str:
    lines = (head if head is not None else [title, ""])
    for _, p, r in spec:
        lines += [p + r, ""]
    lines += tail or []
    return "\n".join(lines) + "\n"
