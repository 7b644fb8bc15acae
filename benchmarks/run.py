"""Run every ``benchmarks/bench_*.py`` (or those named on the command line) in turn.

Each benchmark prints its own report, with ratios against a baseline measured in
the same run (machines here are noisy: absolute times mean little).
"""

from __future__ import annotations

import runpy
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    names = argv or sorted(p.stem.removeprefix("bench_") for p in HERE.glob("bench_*.py"))
    for name in names:
        path = HERE / f"bench_{name}.py"
        print(f"== {name} ({path.name}) ==", flush=True)
        t0 = time.perf_counter()
        runpy.run_path(str(path), run_name="__main__")
        print(f"-- {name}: {time.perf_counter() - t0:.1f} s\n", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
