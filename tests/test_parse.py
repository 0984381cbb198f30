"""``jidu parse`` end to end: the real corpus scores 1.0, provenance spans hold, nothing raises."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from jidu.cli import app
from jidu.parse import iter_readout_files, parse_all, parse_bytes, parse_file
from jidu.record import ErrorRecord, MeetingRecord

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus" / "readouts"
GOLD = SHARED / "corpus" / "gold"
FIXTURES = Path(__file__).parent / "readouts"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the checkout")


@needs_corpus
def test_corpus_scores_one(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["parse", str(CORPUS)])
    assert result.exit_code == 0, result.output
    predictions = tmp_path / "pred.jsonl"
    predictions.write_text(result.stdout, encoding="utf-8")
    score = subprocess.run(
        [sys.executable, str(SHARED / "eval" / "score.py"), str(GOLD), str(predictions), "--show"],
        capture_output=True, text=True, check=True,
    )
    assert score.stdout.strip().splitlines()[-1] == "field score: 1.0000", score.stdout


def _value(record: dict, path: str) -> object:
    """Resolve ``remarks[2].text`` / ``presider`` / ``attendees[3]`` in a record's JSON."""
    value: object = record
    for part in path.split("."):
        name, _, index = part.partition("[")
        value = value.get(name) if isinstance(value, dict) else None
        if index:
            value = value[int(index[:-1])] if isinstance(value, list) else None
    if isinstance(value, dict) and "name" in value:
        return value["name"]
    return value


EXACT = ("remarks", "deployment.items", "deployment.heading", "attendees", "also_present", "terms", "speeches", "opening.text", "presider", "deployer", "form", "time_of_day", "opening.speaker")


def _files() -> list[Path]:
    files = [*iter_readout_files([FIXTURES]), *iter_readout_files([EXAMPLES])]
    if CORPUS.is_dir():
        files += list(iter_readout_files([CORPUS]))
    return [f for f in files if "expected" not in f.parts and f.suffix != ".json" or f.parent.name != "expected"]


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.name)
def test_every_span_points_at_its_value(path: Path) -> None:
    for record in parse_all(path.read_bytes(), path.name):
        if isinstance(record, ErrorRecord) or not record.is_meeting:
            continue
        data = record.to_json()
        text = data["text"]
        assert data["provenance"], "a meeting record carries provenance"
        for field, spans in data["provenance"].items():
            for start, end in spans:
                assert 0 <= start < end <= len(text), (field, start, end)
            if field.startswith(EXACT) and not field.startswith("remarks") or field.endswith((".text", ".heading")):
                if field.startswith("speeches.comments"):
                    continue
                joined = "".join(text[s:e] for s, e in spans)
                assert joined == _value(data, field), field
        for number in range(len(data["remarks"])):
            assert f"remarks[{number}].text" in data["provenance"]
        for number in range(len(data["attendees"])):
            assert f"attendees[{number}]" in data["provenance"]


def test_iter_readout_files_recurses_and_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "x.txt").write_text("x")
    (tmp_path / "a" / ".hidden.txt").write_text("x")
    (tmp_path / "a" / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / "y.md").write_text("y")
    (tmp_path / "README.md").write_text("about these readouts")
    assert [p.name for p in iter_readout_files([tmp_path])] == ["x.txt", "y.md"]
    assert [p.name for p in iter_readout_files([tmp_path / "README.md"])] == ["README.md"]


def test_cli_reports_errors_and_exit_status(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("标题\n示例市委季度工作会议今天举行。市委书记陈立群主持会议并强调，要抓好落实。", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02\x03\xff\xfe\xfd\x00")
    result = CliRunner().invoke(app, ["parse", str(good), str(bad)])
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines[0]["is_meeting"] is True
    assert lines[1]["source"]["file"] == str(bad) and "binary" in lines[1]["error"]
    assert "bad.txt" in result.stderr
    assert CliRunner().invoke(app, ["parse", str(good)]).exit_code == 0


def test_missing_file_is_an_error_record(tmp_path: Path) -> None:
    record = parse_file(tmp_path / "nope.txt")
    assert isinstance(record, ErrorRecord) and "cannot open" in record.error


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    record = parse_bytes(data, "fuzz.bin")
    assert isinstance(record, (MeetingRecord, ErrorRecord))
    json.dumps(record.to_json(), ensure_ascii=False)


_GENRE = st.sampled_from(
    ["示例市委季度工作会议今天下午（7月1日）举行。", "市委书记陈立群主持会议并强调，", "市委副书记、市长林海涛部署三季度经济社会发展重点工作。",
     "陈立群指出，", "“动态清零”", "市领导甲乙、丙丁出席会议。", "会议以电视电话会议形式召开。", "东湖区委围绕发展作交流发言。",
     "\n", "，", "。", "---\n", "<p>", "</p>", "{", "}", "\"", "「", "」", "(", ")", " ", "\u3000", "第三届进博会"]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_GENRE, st.text(max_size=20)), max_size=40))
def test_arbitrary_text_never_raises(pieces: list[str]) -> None:
    text = "".join(pieces)
    for encoding in ("utf-8", "utf-16"):
        record = parse_bytes(text.encode(encoding, errors="surrogatepass"), "fuzz.txt")
        assert isinstance(record, (MeetingRecord, ErrorRecord))
        if isinstance(record, MeetingRecord) and record.is_meeting:
            for spans in record.provenance.values():
                assert all(0 <= s < e <= len(record.text or "") for s, e in spans)
