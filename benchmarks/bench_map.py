"""Map every level, skill and persona of every framework to every other framework.

Reports the total time of the sweep with a cold derivation cache, the same sweep
again with a warm cache, and the time per query of each.

    python benchmarks/run.py map
"""

from __future__ import annotations

import time

import skillframe


def sweep(cat: skillframe.Catalog, queries: list[tuple[str, str]]) -> tuple[float, int]:
    found = 0
    t0 = time.perf_counter()
    for subject, target in queries:
        found += len(cat.map(subject, to=target))
    return time.perf_counter() - t0, found


def main() -> None:
    t0 = time.perf_counter()
    cat = skillframe.load()
    load_s = time.perf_counter() - t0
    frameworks = [f.id for f in cat.frameworks()]
    subjects = [
        d.id
        for fw in frameworks
        for d in (*(lv for sc in cat.scales(fw) for lv in sc.levels), *cat.skills(fw), *cat.personas(fw))
    ]
    queries = [(s, fw) for s in subjects for fw in frameworks if fw != s.split(":", 1)[0]]
    _ = cat.crosswalk  # build the direct index (part of load's cost, not of a query)
    rounds = 5
    cold: list[float] = []
    found = 0
    for _i in range(rounds):
        cat.crosswalk.clear_cache()
        seconds, found = sweep(cat, queries)
        cold.append(seconds)
    warm = [sweep(cat, queries)[0] for _i in range(rounds)]
    n = len(queries)
    print(f"load (catalogs + {len(cat.mappings())} direct mappings): {load_s * 1e3:.0f} ms")
    print(f"{len(subjects)} subjects x {len(frameworks) - 1} other frameworks = {n} queries, {found} mappings found")
    print(f"cold cache: total {min(cold) * 1e3:.1f} ms (best of {rounds}), {min(cold) / n * 1e6:.1f} µs/query")
    print(f"warm cache: total {min(warm) * 1e3:.2f} ms (best of {rounds}), {min(warm) / n * 1e6:.2f} µs/query")


if __name__ == "__main__":
    main()
