"""Start-up cost: ``import skillframe; skillframe.load()`` against importing what ``load()`` uses.

Baseline: ``import yaml, attrs, cattrs`` (the dependencies ``load()`` really uses; networkx
is imported only when a graph is asked for). Every command runs as a fresh interpreter,
interleaved, many times; the ratio of the medians is reported. Goal (issue 9): <= 1.5 with
the catalog cache warm (the usual case: the built-in catalogs do not change between
runs). The cold build (cache off) is reported beside it.

The cache lives in a temporary directory for the run (``SKILLFRAME_CACHE_DIR``), so the
benchmark never reads or writes the user's cache.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

RUNS = 21
OURS = "import skillframe; skillframe.load()"
BASE = "import yaml, attrs, cattrs"


def _time(code: str, env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
    return time.perf_counter() - t0


def main() -> None:
    with tempfile.TemporaryDirectory() as cache:
        warm = {**os.environ, "SKILLFRAME_CACHE_DIR": cache}
        warm.pop("SKILLFRAME_NO_CACHE", None)
        cold = {**warm, "SKILLFRAME_NO_CACHE": "1"}
        _time(OURS, warm)  # fills the cache
        _time(BASE, warm)  # warms the file cache
        ours: list[float] = []
        uncached: list[float] = []
        base: list[float] = []
        for _ in range(RUNS):
            ours.append(_time(OURS, warm))
            base.append(_time(BASE, warm))
            uncached.append(_time(OURS, cold))
    mo, mb, mc = statistics.median(ours), statistics.median(base), statistics.median(uncached)
    print(f"python -c {OURS!r} (cache warm): median {mo * 1000:.0f} ms (min {min(ours) * 1000:.0f})")
    print(f"python -c {OURS!r} (cache off):  median {mc * 1000:.0f} ms (min {min(uncached) * 1000:.0f})")
    print(f"python -c {BASE!r}: median {mb * 1000:.0f} ms (min {min(base) * 1000:.0f})")
    print(f"ratio load / deps import: {mo / mb:.2f} with the cache (goal <= 1.5); {mc / mb:.2f} without")


if __name__ == "__main__":
    main()
