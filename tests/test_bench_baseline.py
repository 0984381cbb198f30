"""The comparison baseline (bench/baseline_pipeline.py) and compare.py's scoring and table code.

The baseline must really find what a readout states, or the speed ratio and the score table in
docs/performance.md would compare jidu with a strawman; these tests pin what it finds on fictional
readouts written in the genre.  Nothing here is timed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH))

pytest.importorskip("trafilatura")
pytest.importorskip("jieba")

import baseline_pipeline as bp  # noqa: E402
import compare  # noqa: E402

LEAD = (
    "样例市委季度工作会议今天上午（4月8日）举行。市委书记韩立诚主持会议并强调，做好二季度工作，"
    "要稳字当头、稳中求进，推动“湖港联动”和“一网统管”取得新成效。"
)
BODY = [
    LEAD,
    "市委副书记、市长林海涛部署二季度经济社会发展重点工作。市委副书记诸葛明远出席会议。",
    "韩立诚指出，要扎实推进重大项目建设，打好“组合拳”，确保“开门红”延续为“全年红”。",
    "林海涛就做好二季度重点工作指出，要按照市委部署，抓好投资、消费和民生实事。",
    "市领导宋佳怡、邓雪梅、范志诚、欧阳文博出席会议。",
    "会议以电视电话会议形式召开。东湖区委、市发展改革委围绕稳增长作交流发言。",
]
FRONT_MATTER = (
    "---\ntitle: '稳字当头抓落实！样例市委季度工作会议部署二季度重点工作'\nauthor: 样例日报\n"
    "date: Sat, 08 Apr 2023 18:20:00 GMT\n---\n\n"
)


def markdown_readout() -> bytes:
    return (FRONT_MATTER + "\n\n".join(BODY) + "\n").encode("utf-8")


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    bp.warm_up()  # jieba's dictionary loads once for the module (about a second)


def test_baseline_finds_the_meeting_in_a_markdown_readout() -> None:
    record = bp.baseline_parse(markdown_readout(), "2023q2_yangli.md")
    assert record["is_meeting"] is True
    assert record["city"] == "样例" and record["organ"] == "样例市委"
    assert record["kind"] == "季度工作会议"
    assert record["date"] == "2023-04-08" and record["time_of_day"] == "上午"
    assert record["quarter"] == "2023Q2"
    assert record["form"] == "电视电话会议"
    assert record["presider"] == {"name": "韩立诚", "title": "市委书记"}
    assert record["deployer"] == {"name": "林海涛", "title": "市委副书记、市长"}
    assert record["also_present"] == [{"name": "诸葛明远", "title": "市委副书记"}]
    assert record["attendees"] == ["宋佳怡", "邓雪梅", "范志诚", "欧阳文博"]
    assert record["terms"] == ["湖港联动", "一网统管", "组合拳", "开门红", "全年红"]
    assert record["source"] == {
        "file": "2023q2_yangli.md", "title": "稳字当头抓落实！样例市委季度工作会议部署二季度重点工作",
        "outlet": "样例日报", "published": "2023-04-08T18:20:00+00:00",
    }
    # It produces only the fields it claims to; compare.py scores exactly those.
    produced = {k for k in record if k not in ("schema", "source")} | {f"source.{k}" for k in record["source"]}
    assert produced - {"source.file"} == set(bp.FIELDS)


def test_baseline_reads_an_html_page_in_gb18030_through_trafilatura() -> None:
    paragraphs = "".join(f"<p>{p}</p>\n" for p in BODY)
    page = (
        '<html><head><meta charset="gb18030"><title>样例市委季度工作会议</title></head><body>'
        '<nav><a href="/">首页</a> <a href="/news">新闻</a></nav>'
        f"<article><h1>样例市委季度工作会议召开</h1>{paragraphs}</article>"
        "<footer>版权所有 样例日报社</footer></body></html>"
    )
    record = bp.baseline_parse(page.encode("gb18030"), "page.html")
    assert record["is_meeting"] is True
    assert record["presider"] == {"name": "韩立诚", "title": "市委书记"}
    assert record["attendees"] == ["宋佳怡", "邓雪梅", "范志诚", "欧阳文博"]
    assert record["date"] is None  # 4月8日 but no year anywhere: the baseline does not guess one


def test_baseline_reads_traditional_script_into_simplified_names() -> None:
    import opencc

    text = opencc.OpenCC("s2t").convert("\n".join(BODY))
    record = bp.baseline_parse(text.encode("big5", "replace"), "hant.txt")
    assert record["is_meeting"] is True
    assert record["deployer"] == {"name": "林海涛", "title": "市委副书记、市长"}
    assert "邓雪梅" in record["attendees"]


def test_baseline_says_a_non_readout_is_not_a_meeting_and_never_raises() -> None:
    weather = "样例市气象台今天发布暴雨蓝色预警。\n预计今天夜里到明天白天，本市有中到大雨。".encode()
    record = bp.baseline_parse(weather, "weather.txt")
    assert record["is_meeting"] is False and record["reason"]
    for junk in (b"", b"\xff\xfe\x00", bytes(range(256)), b"{not json", b"<html><p></p></html>"):
        out = bp.baseline_parse(junk, "junk.json")
        assert out["source"]["file"] == "junk.json"
        assert out.get("is_meeting") is False or "error" in out


@pytest.mark.parametrize(("clause", "name", "title"), [
    ("市委书记韩立诚", "韩立诚", "市委书记"),
    ("市委副书记诸葛明远", "诸葛明远", "市委副书记"),  # jieba splits 诸葛/明远
    ("市委副书记、市长林海涛", "林海涛", "市委副书记、市长"),  # jieba takes 市长林 together
])
def test_names_and_titles_from_jieba(clause: str, name: str, title: str) -> None:
    assert bp.name_and_title(clause) == {"name": name, "title": title}


# -- compare.py: scoring and the table ----------------------------------------------------------------

SCORE_OUTPUT = """\
attendees              0.8000  (5 records)
city                   1.0000  (5 records)
date                   0.6000  (5 records)
field score: 0.8000
"""


def test_parse_score_output_reads_every_field_line() -> None:
    assert compare.parse_score_output(SCORE_OUTPUT) == {
        "attendees": (0.8, 5), "city": (1.0, 5), "date": (0.6, 5),
    }


def test_merge_scores_weights_by_records() -> None:
    merged = compare.merge_scores([{"date": (1.0, 1)}, {"date": (0.5, 3), "city": (1.0, 2)}])
    assert merged["date"] == (pytest.approx(0.625), 4)
    assert merged["city"] == (1.0, 2)
    assert compare.overall(merged) == pytest.approx((0.625 * 4 + 2) / 6)


def test_field_table_gives_a_verdict_per_field_and_the_target() -> None:
    jidu = {"date": (1.0, 5), "city": (1.0, 5), "terms": (0.5, 5), "remarks": (1.0, 5)}
    base = {"date": (0.6, 5), "city": (1.0, 5), "terms": (0.9, 5), "remarks": (0.0, 5)}
    lines = compare.field_table(jidu, base, ["date", "city", "terms", "quarter"])
    rows = {line.split()[0]: line for line in lines[1:4]}
    assert rows["date"].endswith("jidu better")
    assert rows["city"].endswith("tie")
    assert rows["terms"].endswith("BASELINE BETTER")
    assert not any(line.startswith(("quarter", "remarks")) for line in lines)  # absent / not a baseline field
    assert lines[-1] == "jidu better on 1, tie on 1, baseline better on 1 of 3 fields (target: jidu better on every one: missed)"


def test_speed_report_ratio_is_per_round() -> None:
    lines = compare.speed_report({"jidu": [0.01, 0.02, 0.01], "baseline": [1.0, 1.0, 2.0]}, 100, 1.0)
    assert lines[-1].startswith("speed ratio jidu/baseline (wall time): 100.0x (min-max 50.0-200.0x over 3 rounds")
    assert lines[-1].endswith("met)")


def test_rounds_interleave_and_alternate() -> None:
    calls: list[tuple[str, str]] = []
    parsers = {"jidu": lambda data, name: calls.append(("jidu", name)),
               "baseline": lambda data, name: calls.append(("baseline", name))}
    cpu: dict[str, list[float]] = {}
    seconds = compare.time_interleaved(parsers, [[("a", b"")], [("b", b"")], [("c", b"")]], cpu=cpu)
    assert calls == [("jidu", "a"), ("baseline", "a"), ("baseline", "b"), ("jidu", "b"), ("jidu", "c"), ("baseline", "c")]
    assert {k: len(v) for k, v in seconds.items()} == {"jidu": 3, "baseline": 3}
    assert {k: len(v) for k, v in cpu.items()} == {"jidu": 3, "baseline": 3}


@pytest.mark.skipif(not compare.SCORE.is_file(), reason="the shared scorer is not beside the checkout")
def test_score_runs_the_shared_scorer(tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "a.json").write_text(json.dumps({"city": "样例", "attendees": ["甲乙", "丙丁"]}), encoding="utf-8")
    good = compare.write_jsonl([{"source": {"file": "a.md"}, "city": "样例", "attendees": ["甲乙"]}], tmp_path / "g.jsonl")
    scores = compare.score(gold, good)
    assert scores["city"] == (1.0, 1)
    assert scores["attendees"][0] == pytest.approx(2 / 3, abs=1e-4)
