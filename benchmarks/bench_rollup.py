"""Roll up evaluated records, as a ratio to the time to evaluate them (measured in the same run).

Synthetic plain-dict records (seed 7): DX推進員 and 一般行政職員 across 12 departments, a few
without a persona or a department and some with unknown values, so that every counter
of :func:`skillframe.rollup` is exercised (cells, unknown leaves, training completion,
training demand, 総務省 levels, concentration).

Each round, with ``gc.collect()`` before each timing:

- evaluate: ``list(evaluate_many(catalog, None, records))`` — the baseline;
- rollup(records): ``rollup(catalog, records)``, evaluating as it goes — the goal is
  ≤ 1.5× the baseline (issue 9);
- rollup(evaluations): ``rollup(catalog, evaluations)`` over fresh evaluations (an
  evaluation keeps its unmet leaves once worked out), as a ratio to the baseline too.

Rounds run in several processes (speed differs between processes); the report gives
the median of the per-round ratios and every round's figures. Then the memory of the
streaming pass (tracemalloc peak, 20k vs 100k records from a generator): flat in the
number of records.

``python benchmarks/bench_rollup.py [N] [--processes P] [--rounds R]`` (default 200000, 3, 2).
"""

from __future__ import annotations

import argparse
import functools
import gc
import json
import random
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from typing import Any

import skillframe

GENERAL = ["dx-necessity", "user-understanding", "gov-digital-basics", "security-literacy", "privacy"]
PROMOTER = ["project-management", "value-discovery", "data-literacy", "bpr", "service-validation", "it-governance"]
DEPTS = [f"課{i:02d}" for i in range(12)]
TOOLS = [
    "teams",
    "word",
    "excel",
    "powerpoint",
    "copilot",
    "forms",
    "logo-form",
    "power-automate",
    "power-bi",
    "kintone",
]


def records(n: int, seed: int = 7) -> Iterator[dict[str, Any]]:
    rng = random.Random(seed)
    for i in range(n):
        kind = rng.random()
        dept = rng.choice(DEPTS) if rng.random() > 0.01 else None
        if kind < 0.01:
            yield {"id": str(i), "department": dept}
        elif kind < 0.55:
            yield {
                "id": str(i),
                "persona": "DX推進員",
                "department": dept,
                "trainings": [s for s in GENERAL + PROMOTER if rng.random() < 0.93] if rng.random() > 0.02 else None,
                "dx_lead_years": rng.choice([0, 0.5, 1, 1.5, 3, None]),
                "dx_lead_count": rng.choice([0, 1, 2, 3]),
                "mentoring": rng.random() < 0.3,
            }
        else:
            yield {
                "id": str(i),
                "persona": "一般行政職員",
                "department": dept,
                "trainings": [s for s in GENERAL if rng.random() < 0.9],
                "tools": {t: rng.choice([0, 1, 1, 2]) for t in TOOLS if rng.random() < 0.97},
            }


def timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    gc.collect()
    t0 = time.process_time()  # CPU time of this process: the machine is shared (see bench_evaluate.py)
    out = fn()
    return out, time.process_time() - t0


def rounds(n: int, count: int) -> list[dict[str, float]]:
    """``count`` rounds in this process: seconds of each timing."""
    cat = skillframe.load()
    data = list(records(n))
    with_persona = [r for r in data if r.get("persona")]
    skillframe.rollup(cat, data[:1000])  # compile the ladders once
    out = []
    for _ in range(count):
        _, t_eval = timed(lambda: list(skillframe.evaluate_many(cat, None, with_persona)))
        _, t_records = timed(lambda: skillframe.rollup(cat, data))
        fresh = list(skillframe.evaluate_many(cat, None, with_persona))
        _, t_evs = timed(functools.partial(skillframe.rollup, cat, fresh))
        del fresh
        out.append({"evaluate": t_eval, "rollup_records": t_records, "rollup_evaluations": t_evs})
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("n", nargs="?", type=int, default=200_000)
    ap.add_argument("--processes", type=int, default=3)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    # run directly: its own arguments; through benchmarks/run.py (argv holds bench names): the defaults
    argv = sys.argv[1:]
    if argv and not (argv[0].isdigit() or argv[0].startswith("-")):
        argv = []
    args = ap.parse_args(argv)
    if args.worker:
        print(json.dumps(rounds(args.n, args.rounds)))
        return

    n = args.n
    print(f"{n:,} records; {args.processes} processes x {args.rounds} rounds; gc.collect() before each timing")
    results: list[dict[str, float]] = []
    for p in range(args.processes):
        cmd = [sys.executable, __file__, str(n), "--rounds", str(args.rounds), "--worker"]
        done = subprocess.run(cmd, check=True, capture_output=True, text=True)
        got = json.loads(done.stdout.strip().splitlines()[-1])
        for i, r in enumerate(got):
            print(
                f"  process {p} round {i}: evaluate {r['evaluate']:6.2f} s  "
                f"rollup(records) {r['rollup_records']:6.2f} s  rollup(evaluations) {r['rollup_evaluations']:6.2f} s",
                flush=True,
            )
        results += got
    rec = [r["rollup_records"] / r["evaluate"] for r in results]
    evs = [r["rollup_evaluations"] / r["evaluate"] for r in results]
    print(f"\n  rollup(records) / evaluate      = {statistics.median(rec):5.2f}x  (median; goal <= 1.5x)")
    print(f"  rollup(evaluations) / evaluate  = {statistics.median(evs):5.2f}x  (median)")
    print(f"  per round: {' '.join(f'{x:.2f}' for x in rec)} | {' '.join(f'{x:.2f}' for x in evs)}")
    print(f"  evaluate: {n / statistics.median(r['evaluate'] for r in results):,.0f} records/s (median)")

    cat = skillframe.load()
    roll = skillframe.rollup(cat, records(n))
    dx = roll.persona("DX推進員")
    assert dx is not None
    print(f"  DX推進員 at_rank {dx.at_rank}, unknown {dx.unknown}; no persona {roll.no_persona}")
    levels = [lv.level for lv in roll.levels]
    print(f"  {len(roll.cells)} cells, {len(roll.demand)} trainings in demand, levels {levels}, unknown {roll.unknown}")
    print("\nmemory of one streaming pass (records from a generator), tracemalloc peak:")
    peaks = {}
    for k in (20_000, 100_000):
        tracemalloc.start()
        r = skillframe.rollup(cat, records(k, seed=3))
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        peaks[k] = peak
        print(f"  {k:7,d} records: {r.total:,} rolled up, peak {peak / 1e6:6.2f} MB")
    print(f"  growth {(peaks[100_000] - peaks[20_000]) / 80_000:.1f} bytes/record")


if __name__ == "__main__":
    main()
