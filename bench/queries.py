"""Query benchmark: p50/p95 of the ledger's questions on the grown ledger (issue 6, part 5).

    python bench/queries.py                          # 10,000 meetings, 1,000,000 entries; 3 runs
    python bench/queries.py --runs 5 --reps 60       # more samples
    python bench/queries.py --meetings 500 --entries 20000 --runs 1   # a quick look
    python bench/queries.py --profile search         # pyinstrument profile of one query

The ledger is :func:`bigledger.big_ledger` (built once, cached).  Each query is called through the
library functions the CLI and the web app call (:mod:`jidu.ledger.queries`, :mod:`jidu.work.queries`),
each call in a fresh session on an engine opened once, as a web request does, with arguments that
vary from call to call (other quarters, cities, people, terms, search words), drawn with a fixed
seed so every run asks the same questions.  Per run, p50 and p95 over ``--reps`` calls; the
figures printed are the median over ``--runs`` runs with the spread (min-max across runs), against
the target p95 < 50 ms.  Lines marked ``(info)`` are not targets: they show what a whole-ledger
answer costs (all 10,000 meetings in one list, a quarter diff over every city at once).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
for p in (ROOT / "src", ROOT / "bench"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

from bigledger import big_ledger  # noqa: E402
from sqlalchemy import Engine, func, select, text  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from jidu.ledger import queries  # noqa: E402
from jidu.ledger.db import open_db  # noqa: E402
from jidu.ledger.models import KeyWorkItem, Meeting, Person, Remark, TermOccurrence  # noqa: E402
from jidu.work import queries as work_queries  # noqa: E402

TARGET_MS = 50.0


@dataclass
class Case:
    name: str
    call: Callable[[Session, Any], Any]
    args: list[Any]
    target: bool = True


def _pick(rng: random.Random, values: list[Any], n: int) -> list[Any]:
    return [rng.choice(values) for _ in range(n)]


def cases(engine: Engine, reps: int, seed: int = 1) -> list[Case]:
    """The questions, each with ``reps`` varied arguments."""
    rng = random.Random(seed)
    with Session(engine) as s:
        quarters = queries.quarters(s)
        organs = list(s.scalars(select(Meeting.organ).distinct().order_by(Meeting.organ)))
        n_meetings = int(s.scalar(select(func.count()).select_from(Meeting)) or 0)
        people = list(s.scalars(select(Person.name).order_by(Person.id)))
        term_list = list(s.scalars(select(TermOccurrence.term).distinct().order_by(TermOccurrence.term)))
        texts = list(s.scalars(select(KeyWorkItem.text).order_by(KeyWorkItem.id).limit(5000)))
        texts += list(s.scalars(select(Remark.text).order_by(Remark.id).limit(2000)))
        max_id = int(s.scalar(text("SELECT max(id) FROM work_entry")) or 1)
    words: list[str] = []
    for _ in range(reps):
        t = rng.choice(texts)
        n = rng.choice((2, 3, 4, 4, 6))
        at = rng.randrange(max(1, len(t) - n))
        words.append(t[at:at + n])
    pairs = [(quarters[i], quarters[i + 1]) for i in range(len(quarters) - 1)]
    page = 50
    return [
        Case("meetings listing, one page of 50", lambda s, off: queries.list_meetings(s, limit=page, offset=off),
             [rng.randrange(0, max(1, n_meetings - page)) for _ in range(reps)]),
        Case("meetings listing, one quarter", lambda s, q: queries.list_meetings(s, q, q), _pick(rng, quarters, reps)),
        Case("meetings listing, all", lambda s, _: queries.list_meetings(s), [None] * max(3, reps // 10), False),
        Case("quarter diff, one city", lambda s, a: queries.compare_quarters(s, a[0][0], a[0][1], a[1]),
             [(rng.choice(pairs), rng.choice(organs)) for _ in range(reps)]),
        Case("quarter diff, every city", lambda s, a: queries.compare_quarters(s, a[0], a[1]),
             _pick(rng, pairs, 2), False),
        Case("term trend", lambda s, t: queries.term_trend(s, t), _pick(rng, term_list, reps)),
        Case("term occurrences", lambda s, t: queries.term_occurrences(s, t), _pick(rng, term_list, reps), False),
        Case("person history", lambda s, n: queries.person_history(s, n), _pick(rng, people, reps)),
        Case("search", lambda s, w: queries.search(s, w), words),
        Case("ledger board page (info)", lambda s, q: work_queries.list_entries(s, quarter=q, limit=page),
             _pick(rng, quarters, reps), False),
        Case("entry view", lambda s, i: work_queries.history(s, s.get(work_queries.WorkEntry, i)),
             [rng.randrange(1, max_id + 1) for _ in range(reps)], False),
    ]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def run_case(engine: Engine, case: Case) -> list[float]:
    times = []
    for arg in case.args:
        t0 = time.perf_counter()
        with Session(engine) as s:
            case.call(s, arg)
        times.append((time.perf_counter() - t0) * 1000)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--meetings", type=int, default=10_000)
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--reps", type=int, default=40)
    parser.add_argument("--only", help="run only the cases whose name contains this")
    parser.add_argument("--profile", metavar="NAME", help="profile the case whose name contains NAME (pyinstrument)")
    args = parser.parse_args(argv)

    path = big_ledger(args.meetings, args.entries, args.seed)
    engine = open_db(f"sqlite:///{path}")
    with engine.connect() as c:
        n_meetings = c.execute(text("SELECT count(*) FROM meeting")).scalar()
        n_entries = c.execute(text("SELECT count(*) FROM work_entry")).scalar()
        n_items = c.execute(text("SELECT count(*) FROM key_work_item")).scalar()
    print(f"ledger: {path} ({path.stat().st_size / 1e6:.0f} MB): {n_meetings:,} meetings, {n_items:,} deployment "
          f"items, {n_entries:,} key-work entries")
    todo = cases(engine, args.reps)
    if args.only:
        todo = [c for c in todo if args.only in c.name]
    if args.profile:
        from pyinstrument import Profiler

        case = next(c for c in todo if args.profile in c.name)
        run_case(engine, Case(case.name, case.call, case.args[:2]))  # warm
        profiler = Profiler()
        profiler.start()
        run_case(engine, case)
        profiler.stop()
        print(profiler.output_text(unicode=True, color=False, show_all=False))
        return 0
    results: dict[str, list[tuple[float, float]]] = {c.name: [] for c in todo}
    for run in range(args.runs):
        for case in todo:
            run_case(engine, Case(case.name, case.call, case.args[:1]))  # warm the page cache and the code
            times = run_case(engine, case)
            results[case.name].append((percentile(times, 50), percentile(times, 95)))
        print(f"run {run + 1}/{args.runs} done", file=sys.stderr)
    print(f"\n{'query':<36} {'calls':>5} {'p50 ms':>18} {'p95 ms':>18}  target p95 < {TARGET_MS:.0f} ms")
    misses = 0
    for case in todo:
        p50s = [r[0] for r in results[case.name]]
        p95s = [r[1] for r in results[case.name]]
        med95 = statistics.median(p95s)
        verdict = ("met" if med95 < TARGET_MS else "MISSED") if case.target else "(info)"
        misses += case.target and med95 >= TARGET_MS
        print(f"{case.name:<36} {len(case.args):>5} {fmt(p50s):>18} {fmt(p95s):>18}  {verdict}")
    print(f"\nmedian of {args.runs} runs (min-max across runs); {misses} target(s) missed")
    return 0


def fmt(values: list[float]) -> str:
    return f"{statistics.median(values):.1f} ({min(values):.1f}-{max(values):.1f})"


if __name__ == "__main__":
    raise SystemExit(main())
