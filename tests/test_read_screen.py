"""The screen turns away files that cannot be readouts, and never a readout."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jidu.parse import parse_all
from jidu.read.screen import may_be_readout
from jidu.record import ErrorRecord

ROOT = Path(__file__).resolve().parents[1]
READOUT = "示例市委召開二季度工作會議\n市委書記陳立群主持會議並講話。"  # traditional: Big5 has it
ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "big5", "utf-16", "utf-16-le", "utf-16-be", "utf-32"]


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_quarter_is_seen_in_every_encoding_the_reader_accepts(encoding: str) -> None:
    assert may_be_readout(READOUT.encode(encoding))


@pytest.mark.parametrize(
    "data",
    [
        "<p>示例市委召开二&#23395;度工作会议</p>".encode(),
        "<p>示例市委召开二&#x5B63;度工作会议</p>".encode(),
        json.dumps({"title": "示例市委召开二季度工作会议"}).encode(),  # ensure_ascii: \u5b63
        "示例市委召开二季度工作会议".encode().decode("latin-1").encode(),  # mojibake the reader repairs
        "示例市委召开二季度工作会议".encode().decode("cp1252", errors="ignore").encode(),
    ],
)
def test_quarter_is_seen_in_escaped_and_garbled_forms(data: bytes) -> None:
    assert may_be_readout(data)


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_text_without_a_quarter_is_turned_away(encoding: str) -> None:
    assert not may_be_readout("示例市本週將迎來入夏首輪高溫，天氣晴。".encode(encoding))


def test_ascii_that_looks_like_utf16_quarter_does_not_count_in_utf8_text() -> None:
    # 季 in UTF-16-LE is the two bytes "c[": common in scripts, meaningless in UTF-8 text
    assert not may_be_readout("<script>var a=b[c[0]];</script><p>天气晴。</p>".encode())


@given(st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), max_size=60),
       st.sampled_from(ENCODINGS), st.integers(min_value=0, max_value=60))
@settings(max_examples=200, deadline=None)
def test_any_text_holding_the_quarter_passes(text: str, encoding: str, at: int) -> None:
    text = text[:at] + "季度" + text[at:]
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return  # Big5 lacks the character: such a text is never written in Big5
    if encoding in ("utf-16-le", "utf-16-be") and b"\x00" not in data:
        return  # nothing but Chinese characters: left to the decoded text (next test)
    assert may_be_readout(data)


def test_utf16_of_nothing_but_chinese_is_read_in_full_after_all() -> None:
    data = "示例市委二季度工作会议今天举行市委书记陈立群主持会议并讲话".encode("utf-16-le")
    assert b"\x00" not in data and not may_be_readout(data)
    (record,) = parse_all(data, "x.txt")
    assert record.source.title and "季度" in record.source.title  # read (a screened record has no title)


def _readout_files() -> list[Path]:
    folders = [ROOT / "examples", ROOT / "tests" / "readouts", ROOT.parent / "shared" / "corpus" / "readouts"]
    return [p for d in folders if d.is_dir() for p in sorted(d.iterdir()) if p.is_file() and p.name != "README.md"]


def test_no_readout_at_hand_is_turned_away() -> None:
    from jidu.extract import extract
    from jidu.read import read_bytes
    from jidu.record import Source

    checked = 0
    for path in _readout_files():
        data = path.read_bytes()
        try:
            documents = read_bytes(data)
        except ValueError:
            continue
        if any(extract(doc, Source(file=path.name)).is_meeting for doc in documents):
            checked += 1
            assert may_be_readout(data), path.name
    assert checked >= 40


def test_a_screened_file_gets_a_record_that_says_why() -> None:
    (record,) = parse_all("市委常委会举行会议\n示例市委常委会今天召开会议，研究近期工作。".encode("gb18030"), "x.txt")
    assert record.is_meeting is False
    assert "standing committee" in record.reason
    assert record.source.encoding == "gb18030" and record.source.format == "text" and record.source.sha256


def test_screened_html_reason_ignores_scripts() -> None:
    page = "<html><head><script>var s='全会';</script><title>座谈会</title></head><body><p>民营企业座谈会举行。</p></body></html>"
    (record,) = parse_all(page.encode(), "x.html")
    assert record.source.format == "html" and "forum" in record.reason


def test_a_corrupt_file_is_still_an_error_not_a_non_readout() -> None:
    (record,) = parse_all(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "x.txt")
    assert isinstance(record, ErrorRecord) and "cannot decode" in record.error
