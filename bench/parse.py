"""Parse throughput on one core, and how far it is from the floor of reading at all.

    python bench/parse.py                  # 10,000 files, 5 runs
    python bench/parse.py --files 20000 --runs 7 --json out.json

The corpus is :func:`corpus.build_corpus` (real readouts, examples, fixtures and everyday news, varied
in people, dates, script and encoding).  Every run times, in this process and one after the other:

* **readouts**: ``jidu.parse.parse_all`` on the files that are readouts (full extraction);
* **news**: the same on non-readouts that never mention a quarter (季);
* **near misses**: non-readouts that do mention one (一季度经济运行, other meetings, relays of a
  quarterly meeting): the screen turns away those that never name a quarterly work meeting; the
  others (a relay of the meeting's spirit, a democratic party's own 季度工作会议) are read in full;
* **floor**: only decoding (:func:`jidu.read.decode.decode`), parsing the HTML (selectolax, for the
  files that hold HTML) and converting the text to simplified script (OpenCC ``t2s``), on the readouts:
  the least any reader of these files does; full extraction is reported as a multiple of it.

Each figure is the median of the runs with the min-max spread; the floor ratio is computed run by run
(both measured in the same run) and its median printed.  Targets (issue 6): 2,000 readouts/s, 20,000
rejected documents/s, extraction within 5x the floor.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

from corpus import CorpusFile, build_corpus  # noqa: E402

from jidu.parse import parse_all  # noqa: E402
from jidu.read.decode import DecodeError, decode  # noqa: E402
from jidu.read.formats import detect_format  # noqa: E402

TARGETS = {"readouts": 2000.0, "news": 20000.0, "near misses": None, "all non-readouts": 20000.0}
FLOOR_TARGET = 5.0


def groups(files: Sequence[CorpusFile]) -> dict[str, list[CorpusFile]]:
    readouts = [f for f in files if f.kind == "readout"]
    others = [f for f in files if f.kind != "readout"]
    return {
        "readouts": readouts,
        "news": [f for f in others if _quarter_free(f.data)],
        "near misses": [f for f in others if not _quarter_free(f.data)],
        "all non-readouts": others,
    }


def _quarter_free(data: bytes) -> bool:
    try:
        return "季" not in decode(data).text
    except DecodeError:
        return True


def parse_group(files: Sequence[CorpusFile]) -> Callable[[], None]:
    def run() -> None:
        for f in files:
            parse_all(f.data, f.name)

    return run


def floor_group(files: Sequence[CorpusFile]) -> Callable[[], None]:
    import opencc
    from selectolax.lexbor import LexborHTMLParser

    t2s = opencc.OpenCC("t2s")

    def run() -> None:
        for f in files:
            text = decode(f.data).text
            if detect_format(text) in ("html", "markdown+html"):
                LexborHTMLParser(text)
            t2s.convert(text)

    return run


CLOCK = time.perf_counter


def timed(stage: Callable[[], None]) -> float:
    start = CLOCK()
    stage()
    return CLOCK() - start


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):10,.0f}  ({min(values):,.0f}-{max(values):,.0f})"


def measure(files: Sequence[CorpusFile], runs: int) -> dict[str, object]:
    parts = groups(files)
    stages = {name: parse_group(group) for name, group in parts.items()}
    stages["floor"] = floor_group(parts["readouts"])
    for stage in stages.values():  # warm-up: OpenCC tables, regex compilation, imports
        stage()
    seconds: dict[str, list[float]] = {name: [] for name in stages}
    for _ in range(runs):
        for name, stage in stages.items():
            seconds[name].append(timed(stage))
    sizes = {name: len(group) for name, group in parts.items()} | {"floor": len(parts["readouts"])}
    megabytes = {name: sum(len(f.data) for f in group) / 1e6 for name, group in parts.items()}
    megabytes["floor"] = megabytes["readouts"]
    rates = {name: [sizes[name] / s for s in times] for name, times in seconds.items()}
    mbps = {name: [megabytes[name] / s for s in times] for name, times in seconds.items()}
    floor_ratio = [r / f for r, f in zip(seconds["readouts"], seconds["floor"], strict=True)]
    return {"files": sizes, "megabytes": megabytes, "per_second": rates, "mb_per_second": mbps,
            "floor_ratio": floor_ratio, "runs": runs}


def report(result: dict[str, object]) -> None:
    files, rates, mbps = result["files"], result["per_second"], result["mb_per_second"]
    print(f"{'stage':18s} {'files':>6s} {'files/s median (min-max)':>34s} {'MB/s':>7s} {'target':>8s}")
    for name in ("readouts", "news", "near misses", "all non-readouts", "floor"):
        target = TARGETS.get(name)
        verdict = ""
        if target:
            verdict = f"{target:8,.0f} {'met' if statistics.median(rates[name]) >= target else 'MISSED'}"
        print(f"{name:18s} {files[name]:6d} {spread(rates[name]):>34s} {statistics.median(mbps[name]):7.2f} {verdict}")
    ratios = result["floor_ratio"]
    print(f"full extraction / floor: {statistics.median(ratios):.2f}x ({min(ratios):.2f}-{max(ratios):.2f}), "
          f"target within {FLOOR_TARGET:.0f}x: {'met' if statistics.median(ratios) <= FLOOR_TARGET else 'MISSED'}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    parser.add_argument("--profile", action="store_true", help="then profile full extraction (pyinstrument)")
    parser.add_argument("--cpu", action="store_true",
                        help="time with the process's CPU clock instead of the wall clock (on a busy machine)")
    args = parser.parse_args()
    global CLOCK
    if args.cpu:
        CLOCK = time.process_time
    files = build_corpus(args.files, args.seed)
    print(f"{len(files)} files, {sum(len(f.data) for f in files) / 1e6:.1f} MB; {args.runs} runs, one core")
    result = measure(files, args.runs)
    report(result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    if args.profile:
        profile([f for f in files if f.kind == "readout"])
    return 0


def profile(files: Sequence[CorpusFile]) -> None:
    """Where the time of full extraction goes: a pyinstrument profile of one pass over the readouts."""
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.0005)
    profiler.start()
    parse_group(files)()
    profiler.stop()
    print(profiler.output_text(unicode=True, color=False, show_all=False))


if __name__ == "__main__":
    sys.exit(main())
