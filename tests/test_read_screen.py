"""The screen turns away files that cannot be readouts, and never a readout."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jidu.parse import parse_all
from jidu.read.screen import turned_away
from jidu.record import ErrorRecord, MeetingRecord

ROOT = Path(__file__).resolve().parents[1]
READOUT = "示例市委召開二季度工作會議\n市委書記陳立群主持會議並講話。"  # traditional: Big5 has it
ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "big5", "utf-16", "utf-16-le", "utf-16-be", "utf-32"]


@pytest.mark.parametrize(
    "text",
    [
        "示例市委召开二季度工作会议",
        "示例市委召開二季度工作會議",
        "示例市委<b>季度</b>工作<span>会议</span>今天举行",
        "示例市委季 度\u200b工作会议今天举行",
        "示例市委季度工作&nbsp;点评会今天举行",
        "示例市委季度重点工作推进会今天举行",
        "<p>示例市委召开二&#23395;度工作会议</p>",
        "<p>示例市委召开二&#x5B63;度工作会议</p>",
        json.dumps({"title": "示例市委召开二季度工作会议"}),  # ensure_ascii: \u5b63
        "示例市委召开二季度工作会议".encode().decode("latin-1"),  # mojibake the reader repairs
        "示例市委召开二季度工作会议".encode().decode("cp1252", errors="ignore"),
    ],
)
def test_any_way_of_writing_the_meeting_name_is_read_in_full(text: str) -> None:
    assert not turned_away(text)


@pytest.mark.parametrize(
    "text",
    [
        "示例市本周将迎来入夏首轮高温，最高气温或达37℃。",
        "示例市委常委会今天举行会议，听取一季度经济运行情况汇报。",
        "市政府召开第三次全体会议，总结一季度工作，部署二季度工作。",
        "<script>var a=b[c[0]];</script><p>今年第三季度，全市工业产值增长。</p>",
    ],
)
def test_text_that_names_no_quarterly_meeting_is_turned_away(text: str) -> None:
    assert turned_away(text)


@given(st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), max_size=60),
       st.lists(st.sampled_from([" ", "\u3000", "\u200b", "<b>", "</b>", '<span class="x">', "&nbsp;"]), max_size=3)
       .map("".join), st.integers(min_value=0, max_value=60))
@settings(max_examples=200, deadline=None)
def test_the_name_is_seen_whatever_markup_or_spacing_splits_it(text: str, junk: str, at: int) -> None:
    assert not turned_away(text[:at] + "季度" + junk + "工作会议" + text[at:])


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_a_readout_in_any_accepted_encoding_is_read_in_full(encoding: str) -> None:
    (record,) = parse_all(READOUT.encode(encoding), "x.txt")
    assert isinstance(record, MeetingRecord) and record.source.title  # read: a screened record has no title


def _readout_files() -> list[Path]:
    folders = [ROOT / "examples", ROOT / "tests" / "readouts", ROOT.parent / "shared" / "corpus" / "readouts"]
    return [p for d in folders if d.is_dir() for p in sorted(d.iterdir()) if p.is_file() and p.name != "README.md"]


def test_no_readout_at_hand_is_turned_away() -> None:
    from jidu.extract import extract
    from jidu.read import read_bytes
    from jidu.read.decode import decode
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
            assert not turned_away(decode(data).text), path.name
    assert checked >= 40


def test_a_turned_away_file_gets_a_record_that_says_why() -> None:
    (record,) = parse_all("市委常委会举行会议\n示例市委常委会今天召开会议，研究近期工作。".encode("gb18030"), "x.txt")
    assert record.is_meeting is False
    assert "standing committee" in record.reason
    assert record.source.encoding == "gb18030" and record.source.format == "text" and record.source.sha256
    assert record.source.title is None and record.text is None  # not read in full


def test_turned_away_html_reason_ignores_scripts() -> None:
    page = "<html><head><script>var s='全会';</script><title>座谈会</title></head><body><p>民营企业座谈会举行。</p></body></html>"
    (record,) = parse_all(page.encode(), "x.html")
    assert record.source.format == "html" and "forum" in record.reason


def test_a_corrupt_file_is_still_an_error_not_a_non_readout() -> None:
    (record,) = parse_all(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "x.txt")
    assert isinstance(record, ErrorRecord) and "cannot decode" in record.error
