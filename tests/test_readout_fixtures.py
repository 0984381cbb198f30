"""The fictional readout corpus: every fixture (and bundled example) parses to its expected record.

The fixtures under ``tests/readouts/`` are readouts about a fictional city (示例市) written in the genre
of the real ones (see ``shared/docs/DOMAIN.md``), one variant of the genre each: encodings, scripts,
formats, wording, noise.  Each has an expected record in ``tests/readouts/expected/<stem>.json`` holding
only the fields of ``jidu.meeting/1`` whose value is certain; the examples under ``examples/`` have theirs in
``tests/readouts/expected_examples/``.  The extractor must generalise from the genre, so these are the
readouts that prove it does, beside the five real samples.

Comparison follows ``shared/eval/score.py``: scalars are equal after Unicode NFKC folding with white space
removed; persons compare by (name, title); lists compare item by item, in order.  A failure lists every
differing field with what was expected and what was got.

The second half checks the expected files themselves against the conventions of ``MEETING_RECORD.md``
(term lengths, remark openings, deployment items...), so a fixture cannot silently drift from the contract.
"""

from __future__ import annotations

import importlib
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).parent
READOUTS = HERE / "readouts"
EXPECTED = READOUTS / "expected"
EXAMPLES = HERE.parent / "examples"
EXPECTED_EXAMPLES = READOUTS / "expected_examples"

SOURCE_FORMATS = {"markdown+html", "html", "text", "json"}
QUARTER = re.compile(r"^\d{4}Q[1-4]$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def canon(value: Any) -> Any:
    """Fold a scalar the way the scorer does: NFKC, no white space; booleans and None kept as they are."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return str(value)
    return "".join(unicodedata.normalize("NFKC", str(value)).split())


def _short(value: Any, limit: int = 160) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[:limit] + "…"


def differences(expected: Any, got: Any, path: str = "") -> list[str]:
    """Every field of ``expected`` that ``got`` does not match, as ``path: expected X, got Y`` lines.

    Only keys present in ``expected`` are compared, so an expected file states just what is certain;
    a dict in ``got`` may carry more (provenance, ids).  Lists must match in length and item by item.
    """
    where = path or "<record>"
    if isinstance(expected, dict):
        if not isinstance(got, dict):
            return [f"{where}: expected {_short(expected)}, got {_short(got)}"]
        out: list[str] = []
        for key, value in expected.items():
            out += differences(value, got.get(key), f"{path}.{key}" if path else key)
        return out
    if isinstance(expected, list):
        if not isinstance(got, list):
            return [f"{where}: expected {_short(expected)}, got {_short(got)}"]
        out = []
        if len(expected) != len(got):
            out.append(f"{where}: expected {len(expected)} items {_short(expected)}, got {len(got)} {_short(got)}")
        for i, (e, g) in enumerate(zip(expected, got, strict=False)):
            out += differences(e, g, f"{path}[{i}]")
        return out
    if canon(expected) != canon(got):
        return [f"{where}: expected {_short(expected)}, got {_short(got)}"]
    return []


def _fixture_for(expected: Path, directory: Path) -> Path:
    """The readout an expected file describes: the file in ``directory`` with the same stem."""
    matches = [p for p in directory.iterdir() if p.is_file() and p.stem == expected.stem]
    assert len(matches) == 1, f"{expected.name}: expected one readout named {expected.stem}.* in {directory}, found {matches}"
    return matches[0]


def _cases() -> list[Any]:
    cases = []
    for directory, expected_dir in ((READOUTS, EXPECTED), (EXAMPLES, EXPECTED_EXAMPLES)):
        for expected in sorted(expected_dir.glob("*.json")):
            cases.append(pytest.param(expected, directory, id=f"{directory.name}/{expected.stem}"))
    return cases


CASES = _cases()


def _parse_module() -> Any:
    """``jidu.parse``, or a clean skip while the reader has not landed (any other import error fails)."""
    try:
        return importlib.import_module("jidu.parse")
    except ModuleNotFoundError as exc:
        if exc.name in ("jidu.parse",):
            pytest.skip("jidu.parse is not there yet")
        raise


@pytest.mark.parametrize(("expected_file", "directory"), CASES)
def test_readout_parses_to_expected_record(expected_file: Path, directory: Path) -> None:
    parse = _parse_module()
    readout = _fixture_for(expected_file, directory)
    expected = json.loads(expected_file.read_text(encoding="utf-8"))
    record = parse.parse_file(readout)
    got = record.to_json(with_text=False)
    assert "error" not in got, f"{readout.name} could not be read: {got.get('error')}"
    diffs = differences(expected, got)
    assert not diffs, f"{readout.name}: {len(diffs)} field(s) differ\n" + "\n".join(diffs)


TRACED = re.compile(r"^(attendees|terms|speeches\.units|deployment\.items|also_present)\[\d+\]$|"
                    r"^remarks\[\d+\]\.(text|heading)$|^(opening\.text|presider|deployer)$")


def _value_at(record: dict[str, Any], path: str) -> Any:
    """The value of ``record`` at a provenance path such as ``remarks[2].text`` or ``attendees[3]``."""
    value: Any = record
    for part in path.split("."):
        name, _, index = part.partition("[")
        value = value.get(name) if isinstance(value, dict) else None
        if index and isinstance(value, list):
            i = int(index.rstrip("]"))
            value = value[i] if i < len(value) else None
    return value.get("name") if isinstance(value, dict) else value


@pytest.mark.parametrize(("expected_file", "directory"), CASES)
def test_every_stated_value_is_traceable_to_the_text(expected_file: Path, directory: Path) -> None:
    """Names, terms, remarks, items and units point at spans of the normalized text that read as the value."""
    parse = _parse_module()
    record = parse.parse_file(_fixture_for(expected_file, directory)).to_json(with_text=True)
    if not record.get("is_meeting"):
        assert record.get("reason"), "a non-readout says why"
        return
    text, provenance = record["text"], record.get("provenance") or {}
    wanted = [f"attendees[{i}]" for i in range(len(record["attendees"]))]
    wanted += [f"remarks[{i}].text" for i in range(len(record["remarks"]))]
    wanted += [f"terms[{i}]" for i in range(len(record["terms"]))]
    if record.get("deployment"):
        wanted += [f"deployment.items[{i}]" for i in range(len(record["deployment"]["items"]))]
    missing = [k for k in wanted if k not in provenance]
    assert not missing, f"values without provenance: {missing}"
    wrong = []
    for key, spans in provenance.items():
        if not TRACED.match(key):
            continue
        quoted = "".join(text[start:end] for start, end in spans)
        if canon(quoted) != canon(_value_at(record, key)):
            wrong.append(f"{key}: value {_short(_value_at(record, key))}, spans read {_short(quoted)}")
    assert not wrong, "\n".join(wrong)


# ---------------------------------------------------------------- the corpus itself


def test_every_readout_has_an_expected_record() -> None:
    names = {p.stem for p in EXPECTED.glob("*.json")}
    readouts = [p for p in READOUTS.iterdir() if p.is_file() and not p.name.startswith(".")]
    missing = [p.name for p in readouts if p.stem not in names]
    assert readouts, "no fixture readouts found"
    assert not missing, f"fixtures without expected record: {missing}"
    examples = {p.stem for p in EXPECTED_EXAMPLES.glob("*.json")}
    readable = [p for p in EXAMPLES.iterdir() if p.is_file() and p.name != "README.md"]
    assert [p.name for p in readable if p.stem not in examples] == []


def _meetings() -> list[Any]:
    return [c for c in CASES if json.loads(c.values[0].read_text(encoding="utf-8")).get("is_meeting")]


@pytest.mark.parametrize(("expected_file", "directory"), CASES)
def test_expected_record_has_source(expected_file: Path, directory: Path) -> None:
    record = json.loads(expected_file.read_text(encoding="utf-8"))
    source = record["source"]
    assert source["format"] in SOURCE_FORMATS
    assert source["script"] in ("hans", "hant")
    assert isinstance(record["is_meeting"], bool)
    if source.get("published") is not None:
        assert re.search(r"[+-]\d{2}:\d{2}$", source["published"]), "published must carry its offset"


@pytest.mark.parametrize(("expected_file", "directory"), _meetings())
def test_expected_meeting_follows_the_conventions(expected_file: Path, directory: Path) -> None:
    """The expected records obey MEETING_RECORD.md, so a fixture cannot encode a wrong convention."""
    record = json.loads(expected_file.read_text(encoding="utf-8"))
    assert record["schema"] == "jidu.meeting/1"
    if "city" in record:
        assert record["city"] in ("示例", "范例"), "fictional cities only"
    if "organ" in record:
        assert record["organ"].startswith(record.get("city", "示例"))
    if record.get("date") is not None:
        assert DATE.match(record["date"])
        assert record["date_basis"] in ("body", "published", "inferred")
    if record.get("quarter") is not None:
        assert QUARTER.match(record["quarter"])
        if record.get("date"):
            year = int(record["date"][:4])
            assert int(record["quarter"][:4]) in (year, year + 1)
    for term in record.get("terms", []):
        assert 2 <= len(term) <= 20, term
        assert not re.search(r"[，。！？；：]", term), term
    assert len(set(record.get("terms", []))) == len(record.get("terms", []))
    for remark in record.get("remarks", []):
        speaker, text = remark["speaker"], remark["text"]
        assert text.startswith(speaker) or text.startswith("“"), text[:30]
        assert speaker in text[:200]
        if remark["heading"] is not None:
            assert remark["heading"][-1] not in "。！？", remark["heading"]
    deployment = record.get("deployment")
    if deployment:
        assert deployment["items"], "a deployment has items"
        for item in deployment["items"]:
            assert not item.endswith("。") and "。" not in item, item
    opening = record.get("opening")
    if opening:
        assert opening["text"][-1] in "。！", "the opening runs to the end of the lead paragraph"


def test_differences_folds_width_and_space_and_reports_each_field() -> None:
    assert differences({"a": "要，稳 中求进！"}, {"a": "要,稳中求进!", "extra": 1}) == []
    assert differences({"p": {"name": "陈立群", "title": "市委书记"}}, {"p": {"name": "陈立群", "title": "市长"}}) == [
        'p.title: expected "市委书记", got "市长"'
    ]
    diffs = differences({"terms": ["一湖两岸", "2+4"]}, {"terms": ["2+4"]})
    assert diffs[0].startswith("terms: expected 2 items") and diffs[1].startswith("terms[0]:")
    assert differences({"presider": None}, {"presider": {"name": "x"}}) != []
    assert differences({"is_meeting": False}, {}) != []


def test_value_at_resolves_provenance_paths() -> None:
    record = {"remarks": [{"text": "甲"}, {"text": "乙"}], "presider": {"name": "陈立群", "title": "市委书记"},
              "deployment": {"items": ["一", "二"]}, "attendees": ["孙文博"]}
    assert _value_at(record, "remarks[1].text") == "乙"
    assert _value_at(record, "presider") == "陈立群"
    assert _value_at(record, "deployment.items[1]") == "二"
    assert _value_at(record, "attendees[3]") is None
    assert TRACED.match("deployment.items[0]") and TRACED.match("remarks[2].heading")
    assert not TRACED.match("date") and not TRACED.match("quarter")
