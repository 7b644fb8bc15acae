"""Roll up evaluated records, as a ratio to the time to evaluate them (same run).

Synthetic plain-dict records (seed 7): DX推進員 and 一般行政職員 across 12 departments, a few
without a persona or a department and some with unknown values, so that every counter
of :func:`skillframe.rollup` is exercised (cells, unknown leaves, training completion,
training demand, 総務省 levels, concentration). Timed, best of 3:

- evaluate: ``list(evaluate_many(...))`` (the baseline);
- rollup: ``rollup(catalog, evaluations)`` over those evaluations (computes ``unmet``);
- both in one stream: ``rollup(catalog, records)``.

Then the memory of the streaming pass (tracemalloc peak, 20k vs 100k records from a
generator): flat in the number of records.

``python benchmarks/bench_rollup.py [N]`` (default 200000).
"""

from __future__ import annotations

import random
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from typing import Any

import skillframe

N = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 200_000
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


def timed(
    name: str, fn: Callable[[Any], Any], repeat: int = 3, setup: Callable[[], Any] = lambda: None
) -> tuple[Any, float]:
    """Best of ``repeat``; ``setup`` (untimed) makes a fresh input each time."""
    best = float("inf")
    out: Any = None
    for _ in range(repeat):
        arg = setup()
        t0 = time.perf_counter()
        out = fn(arg)
        best = min(best, time.perf_counter() - t0)
    print(f"  {name:34s} {best:7.2f} s  ({N / best:10,.0f} records/s, best of {repeat})", flush=True)
    return out, best


def main() -> None:
    cat = skillframe.load()
    data = list(records(N))
    with_persona = [r for r in data if r.get("persona")]
    print(f"{N:,} records ({len(data) - len(with_persona):,} without a persona)")

    def fresh() -> list[skillframe.Evaluation]:
        return list(skillframe.evaluate_many(cat, None, with_persona))

    _, t_eval = timed("evaluate_many (baseline)", lambda _: fresh())
    # fresh evaluations each time: an Evaluation caches its unmet leaves once computed
    roll, t_roll = timed("rollup(evaluations)", lambda evs: skillframe.rollup(cat, evs), setup=fresh)
    _, t_both = timed("rollup(records): evaluate + rollup", lambda _: skillframe.rollup(cat, data))
    print(f"\n  rollup / evaluate               = {t_roll / t_eval:5.2f}x")
    print(f"  (evaluate + rollup) / evaluate  = {t_both / t_eval:5.2f}x")
    dx = roll.persona("tokyo-wg-2025:dx-promoter")
    print(
        f"  DX推進員 at_rank {dx.at_rank}, unknown {dx.unknown}; no persona {roll.no_persona}; unknown {roll.unknown}"
    )
    print(
        f"  {len(roll.cells)} cells, {len(roll.demand)} trainings in demand, levels {[lv.level for lv in roll.levels]}"
    )
    print("\nmemory of one streaming pass (records from a generator), tracemalloc peak:")
    peaks = {}
    for n in (20_000, 100_000):
        tracemalloc.start()
        r = skillframe.rollup(cat, records(n, seed=3))
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        peaks[n] = peak
        print(f"  {n:7,d} records: {r.total:,} rolled up, peak {peak / 1e6:6.2f} MB")
    print(f"  growth {(peaks[100_000] - peaks[20_000]) / 80_000:.1f} bytes/record")


if __name__ == "__main__":
    main()
