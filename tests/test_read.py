"""The reading pipeline: encodings, formats, script, normalization and noise."""

from __future__ import annotations

import codecs
import json

import pytest

from jidu.read import ReadError, read_bytes
from jidu.read.dates import find_datestamp, iso_published
from jidu.read.decode import DecodeError, decode
from jidu.read.formats import detect_format
from jidu.read.html import html_paragraphs
from jidu.read.noise import remove_noise
from jidu.read.normalize import normalize_paragraph
from jidu.read.script import detect_script

LEAD = "示例市委季度工作会议今天下午（4月6日）举行。市委书记陈立群主持会议并强调，要抓好二季度各项工作。"


@pytest.mark.parametrize(
    ("encoding", "reported"),
    [("utf-8", "utf-8"), ("gb18030", "gb18030"), ("gbk", "gb18030"), ("utf-16", "utf-16 (BOM)"), ("utf-8-sig", "utf-8 (BOM)")],
)
def test_decode_simplified_encodings(encoding: str, reported: str) -> None:
    decoded = decode(LEAD.encode(encoding))
    assert decoded.text == LEAD
    assert decoded.encoding == reported


def test_decode_big5_traditional() -> None:
    text = "示例市委季度工作會議今天下午舉行。市委書記陳立群主持會議並強調，要抓好二季度各項工作。"
    decoded = decode(text.encode("big5"))
    assert decoded.text == text and decoded.encoding == "big5"


def test_decode_utf16_without_bom() -> None:
    decoded = decode(LEAD.encode("utf-16-le"))
    assert decoded.text == LEAD


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"", "empty"), (b"\x00\x01\x02\x03binary\x00\x00\xff", "binary"), (codecs.BOM_UTF8 + b"\xff\xfe\xfa", "byte-order mark")],
)
def test_decode_refuses_with_reason(data: bytes, message: str) -> None:
    with pytest.raises(DecodeError, match=message):
        decode(data)


def test_read_bytes_wraps_decode_errors() -> None:
    with pytest.raises(ReadError, match="cannot decode"):
        read_bytes(b"")


def test_detect_format() -> None:
    assert detect_format("---\ntitle: x\n---\n<p>a</p>") == "markdown+html"
    assert detect_format('{"title": "x", "body": "y"}') == "json"
    assert detect_format("<html><body><p>a</p><p>b</p></body></html>") == "html"
    assert detect_format("第一行\n第二行") == "text"


def test_front_matter_fields() -> None:
    text = (
        "---\ntitle: '标题！示例'\nauthor: 示例日报\ndate: Fri, 01 Jul 2022 20:39:09 GMT\ncategories:\n - 新闻\n---\n"
        f"<div><p>{LEAD}</p></div>"
    )
    doc = read_bytes(text.encode())[0]
    assert (doc.format, doc.title, doc.outlet, doc.published) == (
        "markdown+html", "标题！示例", "示例日报", "2022-07-01T20:39:09+00:00"
    )
    assert doc.paragraphs == [LEAD]


def test_html_page_body_without_furniture() -> None:
    page = f"""<html><head><title>会议 - 示例网</title><meta property="og:site_name" content="示例网">
    <meta property="article:published_time" content="2023-04-06T18:00:00+08:00"><style>p{{color:red}}</style></head>
    <body><nav><a>首页</a><a>要闻</a></nav><script>var x = "市委";</script>
    <div class="main"><h1>示例市委季度工作会议举行</h1><div class="article"><p>{LEAD}</p>
    <p>陈立群指出，要<b>稳中求进</b>，抓好落实。</p></div>
    <div class="share-box">分享到：微信 微博</div><div class="qrcode">扫码关注</div>
    <ul class="related"><li>相关新闻一</li></ul></div><footer>版权所有</footer></body></html>"""
    doc = read_bytes(page.encode())[0]
    assert doc.format == "html"
    assert doc.title == "示例市委季度工作会议举行"
    assert doc.outlet == "示例网" and doc.published == "2023-04-06T18:00:00+08:00"
    assert doc.paragraphs == [LEAD, "陈立群指出，要稳中求进，抓好落实。"]


def test_html_br_separated_lines() -> None:
    assert html_paragraphs("<div><p>第一段，文字。<br>第二段，文字。</p></div>") == ["第一段，文字。", "第二段，文字。"]


def test_json_and_json_lines() -> None:
    one = json.dumps({"title": "标题", "content": LEAD, "pubdate": "2023-04-06 20:32", "source": "示例日报"}, ensure_ascii=False)
    doc = read_bytes(one.encode())[0]
    assert (doc.format, doc.title, doc.outlet, doc.published) == ("json", "标题", "示例日报", "2023-04-06T20:32:00")
    two = one + "\n" + one.replace("标题", "标题二") + "\n"
    docs = read_bytes(two.encode())
    assert [d.title for d in docs] == ["标题", "标题二"]


@pytest.mark.parametrize(
    ("text", "message"),
    [('{"title": "x"}', "no body"), ('{"title": "x", "body": "y"}\n{oops', "line 2"), ("[1, 2]", "not an object")],
)
def test_json_errors_name_the_problem(text: str, message: str) -> None:
    with pytest.raises(ReadError, match=message):
        read_bytes(text.encode())


def test_script_detection_and_conversion() -> None:
    hant = "市委季度工作會議今天下午舉行。市委書記主持會議並強調。"
    assert detect_script(hant) == "hant"
    assert detect_script(LEAD) == "hans"
    doc = read_bytes(("標題\n" + hant).encode())[0]
    assert doc.script == "hant"
    assert doc.paragraphs == ["市委季度工作会议今天下午举行。市委书记主持会议并强调。"]


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("　　市委季度工作会议今天下午(10月9日)举行。", "市委季度工作会议今天下午（10月9日）举行。"),
        ("他指出,要抓好落实!", "他指出，要抓好落实！"),
        ("加快打造 “3+6”新型产业体系", "加快打造“3+6”新型产业体系"),
        ("「動態清零」方針", "“動態清零”方針"),
        ('贯彻"动态清零"总方针', "贯彻“动态清零”总方针"),
        ("示 例 市 委", "示例市委"),
        ("来源：示例日报 2023-04-08 20:32", "来源：示例日报2023-04-08 20:32"),
        ("增长3.5%，共1,000人", "增长3.5%，共1,000人"),
        ("长宁(cháng)区", "长宁区"),
        ("见图![](a.jpg)。", "见图。"),
        ("\u200b市委\u00a0会议", "市委会议"),
    ],
)
def test_normalize_paragraph(raw: str, clean: str) -> None:
    assert normalize_paragraph(raw) == clean


def test_mojibake_repaired() -> None:
    broken = LEAD.encode("utf-8").decode("latin-1")
    assert normalize_paragraph(broken) == LEAD


def test_noise_lines_removed_with_reasons() -> None:
    title = "抓好落实！示例市委季度工作会议举行"
    paragraphs = [
        "原标题：抓好落实！示例市委季度工作会议举行", LEAD, title, "陈立群指出，要抓好落实。", title,
        "摄影：张三", "编辑：李四", "分享到：", "相关文章：", "另一篇新闻的标题",
    ]
    kept, removed = remove_noise(paragraphs, title)
    assert kept == [LEAD, "陈立群指出，要抓好落实。"]
    reasons = {r.line: r.reason for r in removed}
    assert reasons["另一篇新闻的标题"] == "related-articles list"
    assert reasons["摄影：张三"] == "credit line"


def test_repeated_caption_removed_even_when_not_the_title() -> None:
    caption = "图为会议现场"
    kept, _ = remove_noise([LEAD, caption, "甲。", caption, "乙。", caption], "标题")
    assert kept == [LEAD, "甲。", "乙。"]


def test_dateline_is_kept_as_metadata() -> None:
    doc = read_bytes(("标题\n来源：示例日报 2021-07-02 20:32\n" + LEAD).encode())[0]
    assert doc.dateline == "2021-07-02T20:32:00"
    assert doc.paragraphs == [LEAD]


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("Fri, 01 Jul 2022 20:39:09 GMT", "2022-07-01T20:39:09+00:00"),
        ("2022-07-01T20:39:09+08:00", "2022-07-01T20:39:09+08:00"),
        ("2022年7月1日 20:39", "2022-07-01T20:39:00"),
        ("2022-07-01", "2022-07-01"),
        ("not a date", None),
        (None, None),
    ],
)
def test_iso_published(value: object, iso: str | None) -> None:
    assert iso_published(value) == iso


def test_find_datestamp() -> None:
    assert find_datestamp("来源：示例日报 2021-07-02 20:32") == ("2021-07-02T20:32:00", (8, 24))
