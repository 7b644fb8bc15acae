"""Start-up cost: ``import skillframe; skillframe.load()`` against importing its dependencies.

Both commands run as fresh interpreters, interleaved, many times; the ratio of the
medians is reported. Goal: <= 1.3 (nothing is read at import; the graph is lazy).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

RUNS = 21
OURS = "import skillframe; skillframe.load()"
BASE = "import yaml, networkx, attrs, cattrs, tabulate"


def _time(code: str) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - t0


def main() -> None:
    _time(OURS)
    _time(BASE)  # warm the file cache
    ours: list[float] = []
    base: list[float] = []
    for _ in range(RUNS):
        ours.append(_time(OURS))
        base.append(_time(BASE))
    mo, mb = statistics.median(ours), statistics.median(base)
    print(f"python -c {OURS!r}: median {mo * 1000:.0f} ms (min {min(ours) * 1000:.0f})")
    print(f"python -c {BASE!r}: median {mb * 1000:.0f} ms (min {min(base) * 1000:.0f})")
    print(f"ratio load / deps import: {mo / mb:.2f} (goal <= 1.3)")


if __name__ == "__main__":
    main()
