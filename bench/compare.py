"""jidu against the baseline a user would otherwise assemble: speed and accuracy, in one process run.

    python bench/compare.py                      # 5 rounds of 1000 benchmark readouts, then the scores
    python bench/compare.py --files 1000 --rounds 7 --out /tmp/preds
    python bench/compare.py --fixtures           # also score on the fictional fixtures (see below)
    python bench/compare.py --profile            # where the baseline's time goes (pyinstrument)

Speed: the benchmark corpus (bench/corpus.py) is built once and held in memory as bytes; then, in
the same process, jidu (``jidu.parse.parse_all``) and the baseline (bench/baseline_pipeline.py:
trafilatura + jieba's POS tagger + regular expressions) each parse every file, round after round,
interleaved (the order alternates, so neither always runs on a warmer or quieter machine).  Both
are warmed up first (jieba's dictionary, OpenCC's tables, trafilatura's imports) so that one-off
loading is not counted.  By default only the corpus files that are readouts are timed (the task
the baseline stands in for is extracting readouts; ``--all-kinds`` adds the non-readouts).  Each
round gives readouts/s of each and their ratio; printed are the median and the min-max.

Accuracy: both parse the real readouts (../shared/corpus/readouts); their JSON Lines predictions
are written to a temporary directory (or ``--out``), ../shared/eval/score.py scores each (as a
subprocess, exactly as a user would run it), and a per-field table compares them on every field
the baseline produces (baseline_pipeline.FIELDS).  ``--fixtures`` adds the same table on the
project's 40 fictional fixtures and 5 examples (tests/readouts/expected*): many more cases than the
five real readouts (other cities, no presider, yesterday, encodings...), but written together with
jidu, so a figure that favours jidu there counts for less than on the real corpus.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCH = Path(__file__).resolve().parent
for _path in (str(BENCH), str(ROOT / "src")):
    if _path not in sys.path:
        sys.path.insert(0, _path)

import baseline_pipeline  # noqa: E402
from corpus import build_corpus  # noqa: E402

from jidu.parse import iter_readout_files, parse_all  # noqa: E402

SHARED = ROOT.parent / "shared"
SCORE = SHARED / "eval" / "score.py"
CORPUS = SHARED / "corpus" / "readouts"
GOLD = SHARED / "corpus" / "gold"
FIXTURES = ROOT / "tests" / "readouts"
SCORE_LINE = re.compile(r"^(\S+)\s+(\d+\.\d+)\s+\((\d+) records\)$")

Parser = Callable[[bytes, str], object]


# -- speed --------------------------------------------------------------------------------------------


def jidu_parse(data: bytes, name: str) -> object:
    return parse_all(data, name)


def run_once(parse: Parser, files: Sequence[tuple[str, bytes]], cpu: list[float] | None = None) -> float:
    """Wall seconds to parse every file once (the process's CPU seconds appended to ``cpu``)."""
    start, start_cpu = time.perf_counter(), time.process_time()
    for name, data in files:
        parse(data, name)
    if cpu is not None:
        cpu.append(time.process_time() - start_cpu)
    return time.perf_counter() - start


def spread(values: Sequence[float]) -> tuple[float, float, float]:
    """(median, min, max): how every figure is reported."""
    return statistics.median(values), min(values), max(values)


def time_interleaved(parsers: dict[str, Parser], rounds: Sequence[Sequence[tuple[str, bytes]]],
                     progress: Callable[[str], None] = lambda _: None,
                     cpu: dict[str, list[float]] | None = None) -> dict[str, list[float]]:
    """Wall seconds per round for each parser (CPU seconds into ``cpu``), the rounds interleaved and
    the order alternating.

    Each round has its own files, which both parsers see for the first time in that round: both
    tools keep content-keyed caches (trafilatura's per-line caches, jidu's name caches), and parsing
    the very same bytes again would time those caches rather than a user's first reading of a file.
    """
    seconds: dict[str, list[float]] = {name: [] for name in parsers}
    order = list(parsers)
    for number, files in enumerate(rounds):
        for name in order if number % 2 == 0 else reversed(order):
            seconds[name].append(run_once(parsers[name], files, None if cpu is None else cpu.setdefault(name, [])))
            progress(f"round {number + 1}/{len(rounds)} {name}: {seconds[name][-1]:.2f} s")
    return seconds


def speed_report(seconds: dict[str, list[float]], files: int, megabytes: float, clock: str = "wall",
                 unit: str = "readouts") -> list[str]:
    """Readouts/s and MB/s of each parser (median, min-max) and the jidu/baseline ratio per round."""
    lines = [f"{clock + ' time':10s} {unit + '/s (median, min-max)':>32s} {'MB/s (median)':>14s}"]
    for name, secs in seconds.items():
        rate = [files / s for s in secs]
        med, lo, hi = spread(rate)
        lines.append(f"{name:10s} {med:14.1f}  ({lo:.1f}-{hi:.1f}){'':4s} {megabytes / statistics.median(secs):10.2f}")
    ratios = [b / j for j, b in zip(seconds["jidu"], seconds["baseline"], strict=True)]
    med, lo, hi = spread(ratios)
    lines.append(f"speed ratio jidu/baseline ({clock} time): {med:.1f}x (min-max {lo:.1f}-{hi:.1f}x over {len(ratios)} rounds;"
                 f" target >= 100x: {'met' if med >= 100 else 'missed'})")
    return lines


# -- accuracy -----------------------------------------------------------------------------------------


def jidu_records(paths: Iterable[Path]) -> list[dict[str, Any]]:
    records = []
    for path in paths:
        for record in parse_all(path.read_bytes(), path.name):
            data = record.to_json(with_text=False)
            data.pop("provenance", None)
            records.append(data)
    return records


def baseline_records(paths: Iterable[Path]) -> list[dict[str, Any]]:
    return [baseline_pipeline.baseline_parse(path.read_bytes(), path.name) for path in paths]


def write_jsonl(records: Iterable[dict[str, Any]], path: Path) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def parse_score_output(stdout: str) -> dict[str, tuple[float, int]]:
    """score.py's per-field lines (``field  0.8000  (5 records)``) as {field: (score, records)}."""
    scores = {}
    for line in stdout.splitlines():
        if (match := SCORE_LINE.match(line.strip())) is not None:
            scores[match.group(1)] = (float(match.group(2)), int(match.group(3)))
    return scores


def score(gold: Path, predictions: Path) -> dict[str, tuple[float, int]]:
    """Run the shared scorer on one prediction file, as a user would, and read its per-field lines."""
    result = subprocess.run([sys.executable, str(SCORE), str(gold), str(predictions)],
                            capture_output=True, text=True, check=True)
    return parse_score_output(result.stdout)


def merge_scores(parts: Sequence[dict[str, tuple[float, int]]]) -> dict[str, tuple[float, int]]:
    """Per-field scores over several gold folders, weighted by their record counts."""
    merged: dict[str, tuple[float, int]] = {}
    for part in parts:
        for field, (value, count) in part.items():
            total, n = merged.get(field, (0.0, 0))
            merged[field] = (total + value * count, n + count)
    return {field: (total / n if n else 0.0, n) for field, (total, n) in merged.items()}


def overall(scores: dict[str, tuple[float, int]]) -> float:
    """The mean over every scored field of every record: score.py's last line, across gold folders."""
    count = sum(n for _, n in scores.values())
    return sum(value * n for value, n in scores.values()) / count if count else 0.0


def verdict(jidu: float, base: float) -> str:
    return "jidu better" if jidu > base + 1e-9 else "tie" if abs(jidu - base) <= 1e-9 else "BASELINE BETTER"


def field_table(jidu: dict[str, tuple[float, int]], base: dict[str, tuple[float, int]],
                fields: Sequence[str]) -> list[str]:
    """One line per field the baseline produces: jidu's score, the baseline's, which is better."""
    lines = [f"{'field':18s} {'records':>7s} {'jidu':>7s} {'baseline':>9s}  verdict"]
    counts = {"jidu better": 0, "tie": 0, "BASELINE BETTER": 0}
    for field in fields:
        if field not in jidu and field not in base:
            continue
        j, n = jidu.get(field, (0.0, 0))
        b, _ = base.get(field, (0.0, n))
        counts[verdict(j, b)] += 1
        lines.append(f"{field:18s} {n:7d} {j:7.4f} {b:9.4f}  {verdict(j, b)}")
    scored = [f for f in fields if f in jidu or f in base]
    j_mean = statistics.fmean(jidu.get(f, (0.0, 0))[0] for f in scored) if scored else 0.0
    b_mean = statistics.fmean(base.get(f, (0.0, 0))[0] for f in scored) if scored else 0.0
    lines.append(f"{'mean of fields':18s} {'':7s} {j_mean:7.4f} {b_mean:9.4f}")
    lines.append(f"jidu better on {counts['jidu better']}, tie on {counts['tie']}, baseline better on "
                 f"{counts['BASELINE BETTER']} of {len(scored)} fields"
                 f" (target: jidu better on every one: {'met' if counts['jidu better'] == len(scored) else 'missed'})")
    return lines


def accuracy(out: Path, fixtures: bool) -> list[str]:
    lines: list[str] = []
    sets = [("real corpus (../shared/corpus/readouts, gold ../shared/corpus/gold)", sorted(CORPUS.glob("*")), [GOLD])]
    if fixtures:
        paths = [p for p in iter_readout_files([FIXTURES, ROOT / "examples"])
                 if "expected" not in str(p) and "generate" not in str(p) and p.name != "README.md"]
        sets.append(("fictional fixtures and examples (tests/readouts/expected*; written with jidu)", paths,
                     [FIXTURES / "expected", FIXTURES / "expected_examples"]))
    for number, (title, paths, golds) in enumerate(sets):
        predictions = {
            "jidu": write_jsonl(jidu_records(paths), out / f"jidu_{number}.jsonl"),
            "baseline": write_jsonl(baseline_records(paths), out / f"baseline_{number}.jsonl"),
        }
        jidu = merge_scores([score(g, predictions["jidu"]) for g in golds])
        base = merge_scores([score(g, predictions["baseline"]) for g in golds])
        lines += ["", f"Scores on the {title}, {len(paths)} files, fields the baseline produces:"]
        lines += field_table(jidu, base, baseline_pipeline.FIELDS)
        other = sorted(f for f in jidu if f not in baseline_pipeline.FIELDS)
        if other:
            lines.append("jidu alone (the baseline leaves these out): "
                         + ", ".join(f"{f} {jidu[f][0]:.4f}" for f in other))
        lines.append(f"over every gold field (score.py's field score): jidu {overall(jidu):.4f},"
                     f" baseline {overall(base):.4f}")
    return lines


# -- profile ------------------------------------------------------------------------------------------

LIBRARIES = (
    ("trafilatura", ("trafilatura", "htmldate", "dateparser", "justext", "courlan", "lxml")),
    ("jieba", ("jieba",)),
    ("opencc", ("opencc",)),
    ("charset-normalizer", ("charset_normalizer",)),
    ("baseline regexes and glue", ("baseline_pipeline",)),
    ("jidu read/ (decode, format, script, noise)", ("jidu/read",)),
    ("jidu extract/", ("jidu/extract",)),
    ("jidu record (pydantic)", ("jidu/record", "pydantic", "pydantic_core")),
    ("selectolax", ("selectolax",)),
    ("yaml", ("yaml",)),
    ("jidu parse.py", ("jidu/parse",)),
)


def library_of(file_path: str | None) -> str | None:
    path = (file_path or "").replace("\\", "/")
    for library, markers in LIBRARIES:
        if any(f"/{m}/" in path or path.endswith(f"/{m}.py") for m in markers):
            return library
    return None


def time_by_library(frame: Any, owner: str = "other") -> dict[str, float]:
    """Seconds of a pyinstrument frame tree per library: each frame's own time goes to the innermost
    library on its stack (re or lxml called from jieba count as jieba)."""
    owner = library_of(getattr(frame, "file_path", None)) or owner
    own = frame.time - sum(child.time for child in frame.children)
    totals = {owner: max(own, 0.0)}
    for child in frame.children:
        for library, seconds in time_by_library(child, owner).items():
            totals[library] = totals.get(library, 0.0) + seconds
    return totals


def profile_one(title: str, parse: Parser, files: Sequence[tuple[str, bytes]]) -> list[str]:
    """A pyinstrument profile of one pass: seconds per library and the heaviest functions."""
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.0005)
    profiler.start()
    run_once(parse, files)
    profiler.stop()
    session = profiler.last_session
    assert session is not None
    root = session.root_frame()
    totals = time_by_library(root) if root is not None else {}
    whole = sum(totals.values()) or 1.0
    lines = ["", f"Where {title}'s time goes (pyinstrument, one pass over {len(files)} files,"
                 f" {1000 * whole / len(files):.2f} ms a file under the profiler):"]
    for library, seconds in sorted(totals.items(), key=lambda kv: -kv[1]):
        if seconds >= 0.0005:
            lines.append(f"  {library:44s} {seconds:7.2f} s  {100 * seconds / whole:5.1f} %")
    flat = profiler.output_text(unicode=True, color=False, flat=True, show_all=True)
    # (pyinstrument's synthetic "[self]" lines lump time it did not attribute; the tree above has it)
    heaviest = [line for line in flat.splitlines() if re.match(r"\s*\d+\.\d+ ", line) and "[self]" not in line][:15]
    return lines + ["Heaviest functions (own time, seconds):"] + ["  " + line.strip() for line in heaviest]


def profile(files: Sequence[tuple[str, bytes]]) -> list[str]:
    lines = profile_one("the baseline", baseline_pipeline.baseline_parse, files)
    lines += profile_one("jidu", jidu_parse, files)
    # What the usual way of using the tagger would cost: over the whole body, not just the clauses.
    sample = files[:200]
    texts = [baseline_pipeline.read(data, name)["text"] for name, data in sample]
    clauses = run_once(baseline_pipeline.baseline_parse, sample)
    start = time.perf_counter()
    for text in texts:
        baseline_pipeline.pseg.lcut(text)
    whole = time.perf_counter() - start
    lines.append(f"jieba.posseg over the whole body instead of the name clauses: {1000 * whole / len(sample):.1f} ms"
                 f" a readout for the tagging alone, against {1000 * clauses / len(sample):.1f} ms for the whole"
                 f" baseline as it is ({len(sample)} files)")
    return lines


# -- main ---------------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=1000, help="readouts per round (default 1000)")
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds of each (default 5)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the benchmark corpus")
    parser.add_argument("--all-kinds", action="store_true", help="time the non-readouts of the corpus too")
    parser.add_argument("--out", type=Path, help="keep the predictions (JSON Lines) in this directory")
    parser.add_argument("--fixtures", action="store_true", help="also score on the fictional fixtures")
    parser.add_argument("--profile", action="store_true", help="profile the baseline with pyinstrument")
    parser.add_argument("--no-speed", action="store_true", help="skip the timing (scores and profile only)")
    args = parser.parse_args(argv)

    def say(line: str = "") -> None:
        print(line, flush=True)

    # One set of files to warm up on, one fresh set per round, and one for the profile: each
    # --files readouts long (bench/corpus.py makes about one non-readout in five).
    sets_needed = args.rounds + 2
    wanted = args.files * sets_needed
    corpus = build_corpus(wanted if args.all_kinds else wanted * 5 // 4 + 50, seed=args.seed)
    chosen = [(f.name, f.data, f.kind) for f in corpus if args.all_kinds or f.kind == "readout"]
    if len(chosen) < wanted:
        chosen = (chosen * (wanted // max(len(chosen), 1) + 1))[:wanted]
    sets = [[(n, d) for n, d, _ in chosen[i * args.files:(i + 1) * args.files]] for i in range(sets_needed)]
    warm, rounds, last = sets[0], sets[1:-1], sets[-1]
    megabytes = statistics.fmean(sum(len(d) for _, d in files) / 1e6 for files in rounds)
    non_readouts = sum(kind != "readout" for _, _, kind in chosen[: wanted])
    say(f"benchmark corpus (bench/corpus.py, seed {args.seed}): {sets_needed} sets of {args.files} files"
        f" ({non_readouts} non-readouts in all), about {megabytes:.2f} MB a set: one to warm up on,"
        f" {args.rounds} timed rounds each on a fresh set, one for the profile")

    baseline_pipeline.warm_up()
    run_once(jidu_parse, warm)
    run_once(baseline_pipeline.baseline_parse, warm)

    if not args.no_speed:
        say(f"timing {args.rounds} interleaved rounds of each...")
        cpu: dict[str, list[float]] = {}
        seconds = time_interleaved({"jidu": jidu_parse, "baseline": baseline_pipeline.baseline_parse}, rounds,
                                   progress=lambda line: print("  " + line, file=sys.stderr, flush=True), cpu=cpu)
        say("")
        unit = "files" if args.all_kinds else "readouts"
        for line in speed_report(seconds, args.files, megabytes, unit=unit):
            say(line)
        say("(the same rounds in the process's CPU time, less disturbed by other work on the machine)")
        for line in speed_report(cpu, args.files, megabytes, clock="CPU", unit=unit):
            say(line)

    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        for line in accuracy(args.out, args.fixtures):
            say(line)
        say(f"predictions kept in {args.out}")
    else:
        with tempfile.TemporaryDirectory(prefix="jidu-compare-") as tmp:
            for line in accuracy(Path(tmp), args.fixtures):
                say(line)

    if args.profile:
        for line in profile(last):
            say(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
