"""Benchmarks: how fast jidu reads readouts and fills the ledger, against a named baseline.

    python bench/run.py                 # print figures and ratios against bench/baseline.json
    python bench/run.py --record NAME   # measure and store the figures as the new baseline NAME

Each figure is the fastest of several runs of a whole stage over the same readouts (the real corpus
when ../shared is beside the checkout, the bundled examples and the test fixtures), timed with
time.perf_counter: on a shared machine the fastest run is the one least disturbed by other work,
so it is the figure that compares across runs (the median is printed beside it).  Ratios are current / baseline, so below 1.00 is faster.  Two in-process
references are printed as well, so a figure can be read without any baseline: the share of parse
time spent in reading (decode, format, script, noise) versus extraction.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from jidu.extract import extract  # noqa: E402
from jidu.parse import iter_readout_files, parse_all  # noqa: E402
from jidu.read import read_bytes  # noqa: E402
from jidu.record import Source  # noqa: E402

BASELINE = Path(__file__).with_name("baseline.json")


def corpus() -> list[tuple[str, bytes]]:
    folders = [ROOT / "examples", ROOT / "tests" / "readouts", ROOT.parent / "shared" / "corpus" / "readouts"]
    files = [f for f in iter_readout_files([d for d in folders if d.is_dir()]) if "expected" not in f.parts]
    return [(f.name, f.read_bytes()) for f in files if f.name != "README.md"]


MEDIANS: dict[str, float] = {}


def fastest_seconds(stage: Callable[[], object], runs: int, name: str) -> float:
    stage()  # warm-up: OpenCC dictionaries, regex compilation, imports
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        stage()
        times.append(time.perf_counter() - start)
    MEDIANS[name] = statistics.median(times)
    return min(times)


def measure(runs: int) -> dict[str, float]:
    files = corpus()
    n = len(files)
    total_bytes = sum(len(b) for _, b in files)

    def read_all() -> None:
        for _, data in files:
            try:
                read_bytes(data)
            except ValueError:
                pass

    docs = []
    for name, data in files:
        try:
            docs.extend((name, d) for d in read_bytes(data))
        except ValueError:
            pass

    def extract_all() -> None:
        for name, doc in docs:
            extract(doc, Source(file=name))

    def parse_everything() -> None:
        for name, data in files:
            parse_all(data, name)

    figures = {
        "readouts": float(n),
        "megabytes": total_bytes / 1e6,
        "read_ms_per_readout": 1000 * fastest_seconds(read_all, runs, "read") / n,
        "extract_ms_per_readout": 1000 * fastest_seconds(extract_all, runs, "extract") / len(docs),
        "parse_ms_per_readout": 1000 * fastest_seconds(parse_everything, runs, "parse") / n,
    }
    figures.update(measure_ingest(max(1, runs // 2)))
    return figures


def measure_ingest(runs: int) -> dict[str, float]:
    """Whole ingest of the examples and fixtures into a fresh SQLite ledger (parse + store + search index)."""
    try:
        from jidu.ledger.db import open_db
        from jidu.ledger.ingest import ingest_paths
    except ImportError:
        return {}
    folders = [ROOT / "examples", ROOT / "tests" / "readouts"]
    count = len(list(iter_readout_files(folders)))

    def ingest_once() -> None:
        with tempfile.TemporaryDirectory() as tmp:
            engine = open_db(f"sqlite:///{tmp}/bench.db")
            ingest_paths(engine, folders)
            engine.dispose()

    seconds = fastest_seconds(ingest_once, runs, "ingest")
    return {"ingest_ms_per_file": 1000 * seconds / count}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--record", metavar="NAME", help="store the figures as the baseline called NAME")
    args = parser.parse_args()
    figures = measure(args.runs)
    if args.record:
        BASELINE.write_text(
            json.dumps({"name": args.record, "machine": platform.platform(), "python": platform.python_version(),
                        "figures": figures}, indent=2) + "\n",
            encoding="utf-8",
        )
        print(f"recorded baseline {args.record!r} in {BASELINE.name}")
    baseline = json.loads(BASELINE.read_text(encoding="utf-8")) if BASELINE.exists() else None
    print(f"{int(figures['readouts'])} readouts, {figures['megabytes']:.2f} MB, fastest of {args.runs} runs")
    header = f"{'figure':26s} {'now':>10s}"
    if baseline:
        header += f" {'baseline':>10s} {'ratio':>7s}   (baseline: {baseline['name']})"
    print(header)
    for key, value in figures.items():
        if key in ("readouts", "megabytes"):
            continue
        line = f"{key:26s} {value:10.3f}"
        if baseline and key in baseline["figures"]:
            base = baseline["figures"][key]
            line += f" {base:10.3f} {value / base:7.2f}"
        print(line)
    print("medians (s per stage): " + ", ".join(f"{k} {v:.3f}" for k, v in MEDIANS.items()))
    share = figures["read_ms_per_readout"] / (figures["read_ms_per_readout"] + figures["extract_ms_per_readout"])
    print(f"reading is {share:.0%} of reading + extraction; extraction the rest")
    return 0


if __name__ == "__main__":
    sys.exit(main())
