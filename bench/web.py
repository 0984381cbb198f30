"""Web benchmark: latency and throughput of the pages and the API under 50 concurrent clients (issue 6, part 6).

    python bench/web.py                                  # demo + grown ledger, 50 clients, 20 s, 3 runs
    python bench/web.py --ledger demo --duration 5 --runs 1   # a quick look
    python bench/web.py --ledger big --workers 1         # one uvicorn worker
    python bench/web.py --ledger big --only /board       # only the routes containing this

For each ledger (``demo``: the examples through :func:`jidu.web.demo.build_demo`; ``big``: the grown
ledger of :mod:`bigledger`, 10,000 meetings and 1,000,000 entries) the script starts ``uvicorn`` with
the app in a subprocess on 127.0.0.1 (``--workers``, 2 by default: the machine has 2 cores, and the
load generator runs on the same 2 cores, so it takes CPU from the server), logs 50 clients in (each its
own session, as the supervisor ``duban``, who sees every page), and for ``--duration`` seconds each
client requests route after route, drawn at random with varied arguments (other meetings, quarters,
cities, people, terms, search words, entries) from the list below; a client waits for each answer
before sending its next request (closed loop), over a kept-alive connection.

Per route: requests, p50/p95/p99 latency (send to last byte) and requests/s; per run and ledger the
total throughput.  With ``--runs`` > 1 every figure is the median over runs with the spread (min-max).
Target: p95 < 100 ms per route.  Any status other than 200 counts as an error and is reported.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
for p in (ROOT / "src", ROOT / "bench"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

TARGET_MS = 100.0
USER, PASSWORD = "duban", "jidu-demo-2023"


def app() -> Any:
    """The ASGI app uvicorn serves (``--factory``): the ledger named by ``JIDU_BENCH_DB``."""
    from jidu.web.app import create_app

    return create_app(os.environ["JIDU_BENCH_DB"])


# -- ledgers -------------------------------------------------------------------------------------


def demo_ledger() -> Path:
    """The demo ledger (examples + users + a year of work), built once into the temp directory."""
    from jidu.ledger.db import open_db
    from jidu.web.demo import DEMO_PASSWORD, build_demo

    assert DEMO_PASSWORD == PASSWORD
    from bigledger import schema_key

    path = Path(tempfile.gettempdir()) / "jidu-bench-web" / f"demo-{schema_key()}.db"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        part = path.with_suffix(".part")
        for p in part.parent.glob(part.name + "*"):
            p.unlink()
        engine = open_db(f"sqlite:///{part}")
        build_demo(engine, ROOT / "examples")
        engine.dispose()
        part.rename(path)
    return path


def ledger_path(name: str, meetings: int, entries: int) -> Path:
    if name == "demo":
        return demo_ledger()
    from bigledger import big_ledger

    return big_ledger(meetings, entries)


# -- what to ask ---------------------------------------------------------------------------------

Route = tuple[str, Callable[[random.Random], str]]


def routes(path: Path) -> list[Route]:
    """The routes with argument generators drawn from the ledger itself."""
    con = sqlite3.connect(path)

    def col(sql: str) -> list[Any]:
        return [r[0] for r in con.execute(sql)]

    meeting_ids = col("SELECT id FROM meeting ORDER BY id")
    quarters = col("SELECT DISTINCT quarter FROM meeting WHERE quarter IS NOT NULL ORDER BY quarter")
    organs = col("SELECT DISTINCT organ FROM meeting ORDER BY organ")
    pairs = [(quarters[i], quarters[i + 1]) for i in range(len(quarters) - 1)] or [(quarters[0], quarters[0])]
    people = col("SELECT name FROM person ORDER BY id")
    term_list = col("SELECT DISTINCT term FROM term_occurrence ORDER BY term")
    entry_max = con.execute("SELECT max(id) FROM work_entry").fetchone()[0]
    entry_quarters = col("SELECT DISTINCT quarter FROM work_entry ORDER BY quarter")
    texts = col("SELECT text FROM key_work_item ORDER BY id LIMIT 3000") + col("SELECT text FROM remark LIMIT 1000")
    n_meetings = len(meeting_ids)
    con.close()

    def word(rng: random.Random) -> str:
        t = rng.choice(texts)
        n = rng.choice((2, 3, 4, 4, 6))
        at = rng.randrange(max(1, len(t) - n))
        return quote(t[at:at + n])

    def pair(rng: random.Random) -> tuple[str, str]:
        return rng.choice(pairs)

    def compare(rng: random.Random, api: bool) -> str:
        a, b = pair(rng)
        organ = quote(rng.choice(organs))
        return f"{'/api' if api else ''}/compare?a={a}&b={b}&organ={organ}"

    return [
        ("/ (timeline)", lambda r: "/"),
        ("/?year=&organ= (timeline filtered)", lambda r: f"/?organ={quote(r.choice(organs))}"),
        ("/meetings/{id}", lambda r: f"/meetings/{r.choice(meeting_ids)}"),
        ("/compare (one organ)", lambda r: compare(r, False)),
        ("/trends", lambda r: "/trends"),
        ("/trends?term=", lambda r: f"/trends?term={quote(r.choice(term_list))}"),
        ("/people", lambda r: "/people"),
        ("/people/{name}", lambda r: f"/people/{quote(r.choice(people))}"),
        ("/board", lambda r: "/board"),
        ("/board?quarter=", lambda r: f"/board?quarter={r.choice(entry_quarters)}"),
        ("/entries/{id}", lambda r: f"/entries/{r.randrange(1, entry_max + 1)}"),
        ("/search?q=", lambda r: f"/search?q={word(r)}"),
        ("/api/meetings (page of 50)",
         lambda r: f"/api/meetings?limit=50&offset={r.randrange(0, max(1, n_meetings - 50))}"),
        ("/api/meetings/{id}", lambda r: f"/api/meetings/{r.choice(meeting_ids)}"),
        ("/api/compare (one organ)", lambda r: compare(r, True)),
        ("/api/terms", lambda r: "/api/terms"),
        ("/api/trends/domains", lambda r: "/api/trends/domains"),
        ("/api/people/{name}", lambda r: f"/api/people/{quote(r.choice(people))}"),
        ("/api/search?q=", lambda r: f"/api/search?q={word(r)}"),
        ("/api/entries (page of 50)", lambda r: f"/api/entries?quarter={r.choice(entry_quarters)}&limit=50"),
        ("/api/entries/{id}", lambda r: f"/api/entries/{r.randrange(1, entry_max + 1)}"),
        ("/api/quarters/{q}/scorecard", lambda r: f"/api/quarters/{r.choice(entry_quarters)}/scorecard"),
    ]


# -- the server ----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """``uvicorn`` serving :func:`app` on the ledger, in its own process group."""

    def __init__(self, db: Path, workers: int) -> None:
        from jidu.ledger.db import open_db

        open_db(f"sqlite:///{db}").dispose()  # migrate here: workers starting together would race to
        self.port = free_port()
        env = {**os.environ, "JIDU_BENCH_DB": f"sqlite:///{db}", "JIDU_SECRET": "bench-secret-shared-by-workers",
               "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT / "bench")])}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--factory", "web:app", "--host", "127.0.0.1", "--port",
             str(self.port), "--workers", str(workers), "--log-level", "warning", "--no-access-log"],
            env=env, cwd=ROOT, start_new_session=True,
        )

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def wait(self, timeout: float = 120.0) -> None:
        import httpx

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("uvicorn exited")
            try:
                if httpx.get(f"{self.base}/login", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        raise RuntimeError("uvicorn did not start")

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


# -- the load ------------------------------------------------------------------------------------


async def login(base: str) -> Any:
    import httpx

    client = httpx.AsyncClient(base_url=base, timeout=60, limits=httpx.Limits(max_connections=1))
    token = (await client.get("/api/csrf")).json()["csrf_token"]
    r = await client.post("/api/login", json={"username": USER, "password": PASSWORD},
                          headers={"X-CSRF-Token": token})
    r.raise_for_status()
    return client


async def drive(
    base: str, todo: list[Route], clients: int, duration: float, seed: int, think: float = 0.0
) -> dict[str, Any]:
    sessions = await asyncio.gather(*(login(base) for _ in range(clients)))
    for c in sessions[:1]:  # warm every route once (templates, caches, page cache)
        rng = random.Random(seed)
        for _, make in todo:
            await c.get(make(rng))
    times: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, list[str]] = defaultdict(list)
    stop_at = time.perf_counter() + duration

    async def client(i: int, c: Any) -> None:
        rng = random.Random(seed * 1000 + i)
        while time.perf_counter() < stop_at:
            name, make = rng.choice(todo)
            url = make(rng)
            t0 = time.perf_counter()
            try:
                r = await c.get(url)
                ok = r.status_code == 200
                detail = f"{r.status_code} {url}"
            except Exception as exc:  # noqa: BLE001 - a timeout or a reset is an error to report
                ok, detail = False, f"{type(exc).__name__} {url}"
            elapsed = (time.perf_counter() - t0) * 1000
            if ok:
                times[name].append(elapsed)
            else:
                errors[name].append(detail)
            if think:
                await asyncio.sleep(rng.uniform(0.5 * think, 1.5 * think))

    started = time.perf_counter()
    await asyncio.gather(*(client(i, c) for i, c in enumerate(sessions)))
    wall = time.perf_counter() - started
    await asyncio.gather(*(c.aclose() for c in sessions))
    return {"times": times, "errors": errors, "wall": wall}


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def fmt(values: list[float]) -> str:
    values = [v for v in values if v == v]
    if not values:
        return "—"
    if len(values) == 1:
        return f"{values[0]:.0f}"
    return f"{statistics.median(values):.0f} ({min(values):.0f}-{max(values):.0f})"


def report(name: str, todo: list[Route], runs: list[dict[str, Any]], workers: int, clients: int) -> int:
    print(f"\n== {name}: {clients} clients, {workers} uvicorn worker(s), {len(runs)} run(s) of "
          f"{statistics.median(r['wall'] for r in runs):.0f} s; median (min-max across runs)")
    print(f"{'route':<38} {'requests':>9} {'p50 ms':>14} {'p95 ms':>14} {'p99 ms':>14} {'req/s':>12}  p95<100")
    misses = 0
    for route, _ in todo:
        n = [len(r["times"][route]) for r in runs]
        p50 = [pct(r["times"][route], 50) for r in runs]
        p95 = [pct(r["times"][route], 95) for r in runs]
        p99 = [pct(r["times"][route], 99) for r in runs]
        rps = [len(r["times"][route]) / r["wall"] for r in runs]
        med95 = statistics.median([v for v in p95 if v == v] or [float("inf")])
        verdict = "met" if med95 < TARGET_MS else "MISSED"
        misses += med95 >= TARGET_MS
        print(f"{route:<38} {int(statistics.median(n)):>9} {fmt(p50):>14} {fmt(p95):>14} {fmt(p99):>14} "
              f"{statistics.median(rps):>12.1f}  {verdict}")
    total = [sum(len(v) for v in r["times"].values()) / r["wall"] for r in runs]
    all_times = [[t for v in r["times"].values() for t in v] for r in runs]
    print(f"{'all routes':<38} {int(statistics.median(sum(len(v) for v in r['times'].values()) for r in runs)):>9} "
          f"{fmt([pct(t, 50) for t in all_times]):>14} {fmt([pct(t, 95) for t in all_times]):>14} "
          f"{fmt([pct(t, 99) for t in all_times]):>14} {statistics.median(total):>12.1f}")
    errs = [(k, v) for r in runs for k, v in r["errors"].items() if v]
    for route, details in errs[:10]:
        print(f"  errors on {route}: {len(details)}, e.g. {details[0]}")
    print(f"{misses} route(s) missed the target")
    return misses


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ledger", choices=("demo", "big", "both"), default="both")
    parser.add_argument("--meetings", type=int, default=10_000)
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=20.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--only", help="only the routes whose name contains this")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--think", type=float, nargs="+", default=[0.0, 1.0],
                        help="scenarios: each client's mean pause between requests, in seconds (uniform, "
                             "0.5x-1.5x); 0 = closed loop at saturation")
    args = parser.parse_args(argv)

    for name in (("demo", "big") if args.ledger == "both" else (args.ledger,)):
        path = ledger_path(name, args.meetings, args.entries)
        todo = routes(path)
        if args.only:
            todo = [r for r in todo if args.only in r[0]]
        server = Server(path, args.workers)
        try:
            server.wait()
            by_think: dict[float, list[dict[str, Any]]] = {}
            for think in args.think:
                for run in range(args.runs):
                    by_think.setdefault(think, []).append(asyncio.run(
                        drive(server.base, todo, args.clients, args.duration, args.seed + run, think)))
                    print(f"{name}, think {think} s: run {run + 1}/{args.runs} done", file=sys.stderr)
        finally:
            server.stop()
        label = "demo ledger" if name == "demo" else f"grown ledger ({args.meetings:,} meetings, {args.entries:,} entries)"
        for think, runs in by_think.items():
            scenario = ("closed loop, no pause (saturation)" if not think
                        else f"each client pauses {0.5 * think:g}-{1.5 * think:g} s between requests")
            report(f"{label}, {scenario}", todo, runs, args.workers, args.clients)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
