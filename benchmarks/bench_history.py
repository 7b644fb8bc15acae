"""The assessment history: ``record`` against evaluation, ``history`` against hand-written SQL.

1. record: 100,000 synthetic people (seed 7, StaffRecord objects, DX推進員 and 一般行政職員
   across 12 課) into a fresh SQLite file, in one transaction, as a ratio to
   ``list(evaluate_many(...))`` of the same records (target ≤ 3×).
2. history: a database of 10 年度 × 50,000 people (loaded directly, untimed), then
   ``store.history(cat)`` (step counts, flows between consecutive years, cohorts) as a ratio
   to hand-written ``GROUP BY`` queries of the same counts through the ``sqlite3`` module on the
   same file (target ≤ 2×).

``python benchmarks/bench_history.py [N_RECORD] [N_PEOPLE] [YEARS]`` (default 100000 50000 10).
Best of 3 each, the two sides of a ratio taking turns.
"""

from __future__ import annotations

import json
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import skillframe
from skillframe._fingerprint import catalog_fingerprint

ARGS = [int(a) for a in sys.argv[1:] if a.isdigit()]
N_RECORD = ARGS[0] if len(ARGS) > 0 else 100_000
N_PEOPLE = ARGS[1] if len(ARGS) > 1 else 50_000
YEARS = ARGS[2] if len(ARGS) > 2 else 10
GENERAL = ["dx-necessity", "user-understanding", "gov-digital-basics", "security-literacy", "privacy"]
PROMOTER = ["project-management", "value-discovery", "data-literacy", "bpr", "service-validation", "it-governance"]
DEPTS = [f"課{i:02d}" for i in range(12)]
MUNI = "131016"


def records(n: int, seed: int = 7) -> list[skillframe.StaffRecord]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        if rng.random() < 0.5:
            out.append(
                skillframe.StaffRecord(
                    id=f"S{i:06d}",
                    persona="DX推進員",
                    department=rng.choice(DEPTS),
                    trainings=tuple(s for s in GENERAL + PROMOTER if rng.random() < 0.93),
                    dx_lead_years=rng.choice([0, 0.5, 1, 1.5, 3]),
                    dx_lead_count=rng.choice([0, 1, 2, 3]),
                    mentoring=rng.random() < 0.3,
                    extra={"係": f"{rng.randint(1, 5)}係"},
                )
            )
        else:
            out.append(
                skillframe.StaffRecord(
                    id=f"S{i:06d}",
                    persona="一般行政職員",
                    department=rng.choice(DEPTS),
                    trainings=tuple(s for s in GENERAL if rng.random() < 0.9),
                    tools={t: rng.choice([0, 1, 2]) for t in ("teams", "word", "excel")},
                )
            )
    return out


def bench_record(cat: skillframe.Catalog, tmp: Path) -> None:
    """Evaluation and record take turns (best of 3 each), so a busy machine slows both alike."""
    recs = records(N_RECORD)
    db = tmp / "record.db"
    t_eval = t_rec = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        list(skillframe.evaluate_many(cat, None, recs))
        t_eval = min(t_eval, time.perf_counter() - t0)
        db.unlink(missing_ok=True)
        with skillframe.open_history(f"sqlite:///{db}") as store:
            t0 = time.perf_counter()
            store.record(cat, recs, year=2026, municipality=MUNI)
            t_rec = min(t_rec, time.perf_counter() - t0)
    print(f"evaluate {N_RECORD:,} people: {t_eval:.2f} s (baseline)")
    print(f"record   {N_RECORD:,} people into SQLite: {t_rec:.2f} s  ratio {t_rec / t_eval:.2f}x (target <= 3x)")


def build_years(cat: skillframe.Catalog, db: Path) -> None:
    """10 years x N people, written directly (untimed): ranks drift, 5% leave and arrive a year."""
    store = skillframe.open_history(f"sqlite:///{db}")
    store.close()
    fp = catalog_fingerprint(cat)
    rng = random.Random(11)
    personas = [cat.persona("DX推進員").id, cat.persona("一般行政職員").id]
    people = {
        f"S{i:06d}": (rng.choice(personas), rng.choice(DEPTS), rng.choice([0, 0, 1, 1, 2, 3])) for i in range(N_PEOPLE)
    }
    nxt = N_PEOPLE
    con = sqlite3.connect(db)
    with con:
        for k in range(YEARS):
            year = 2017 + k
            cur = con.execute(
                "INSERT INTO skillframe_runs (municipality, fiscal_year, recorded_on, catalog_digest, catalog_versions,"
                " skillframe_version, source, pseudonymised, key_check, people) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (
                    MUNI,
                    year,
                    f"{year}-06-01",
                    fp.digest,
                    json.dumps(fp.versions),
                    skillframe.__version__,
                    None,
                    0,
                    None,
                    len(people),
                ),
            )
            run_id = cur.lastrowid
            con.executemany(
                "INSERT INTO skillframe_assessments VALUES (?,?,?,?,?,?,?,?,?)",
                [(MUNI, year, key, run_id, p, d, r, None, "{}") for key, (p, d, r) in people.items()],
            )
            for key in list(people):
                p, d, r = people[key]
                if rng.random() < 0.05:
                    del people[key]
                    people[f"S{nxt:06d}"] = (rng.choice(personas), rng.choice(DEPTS), 0)
                    nxt += 1
                elif rng.random() < 0.2:
                    people[key] = (p, d, min(3, r + 1))
    con.close()


HAND_WRITTEN = {
    "counts": "SELECT fiscal_year, persona, department, rank, count(*) FROM skillframe_assessments"
    " WHERE municipality = ? GROUP BY fiscal_year, persona, department, rank",
    "flows": "SELECT po, do, ro, pn, dn, rn, count(*) FROM (SELECT"
    " max(CASE WHEN fiscal_year = ? THEN persona END) po, max(CASE WHEN fiscal_year = ? THEN department END) do,"
    " max(CASE WHEN fiscal_year = ? THEN rank END) ro, max(CASE WHEN fiscal_year = ? THEN persona END) pn,"
    " max(CASE WHEN fiscal_year = ? THEN department END) dn, max(CASE WHEN fiscal_year = ? THEN rank END) rn"
    " FROM skillframe_assessments WHERE municipality = ? AND fiscal_year IN (?, ?) GROUP BY staff_key)"
    " GROUP BY 1, 2, 3, 4, 5, 6",
    "cohorts": "SELECT cohort, fiscal_year, rank, count(*) FROM (SELECT min(fiscal_year) OVER"
    " (PARTITION BY staff_key) AS cohort, fiscal_year, rank FROM skillframe_assessments WHERE municipality = ?)"
    " GROUP BY 1, 2, 3",
}


def hand_written(db: Path) -> None:
    con = sqlite3.connect(db)
    con.execute(HAND_WRITTEN["counts"], (MUNI,)).fetchall()
    for k in range(YEARS - 1):
        y1, y2 = 2017 + k, 2018 + k
        con.execute(HAND_WRITTEN["flows"], (y1, y1, y1, y2, y2, y2, MUNI, y1, y2)).fetchall()
    con.execute(HAND_WRITTEN["cohorts"], (MUNI,)).fetchall()
    con.close()


def bench_history(cat: skillframe.Catalog, tmp: Path) -> None:
    db = tmp / "years.db"
    build_years(cat, db)
    store = skillframe.open_history(f"sqlite:///{db}")
    h: Any = None
    t_sql = t_hist = float("inf")
    for _ in range(3):  # taking turns, best of 3 each
        t0 = time.perf_counter()
        hand_written(db)
        t_sql = min(t_sql, time.perf_counter() - t0)
        t0 = time.perf_counter()
        h = store.history(cat)
        t_hist = min(t_hist, time.perf_counter() - t0)
    store.close()
    assert h is not None and len(h.years) == YEARS
    print(f"hand-written GROUP BY ({YEARS} years x {N_PEOPLE:,}): {t_sql:.2f} s (baseline)")
    print(
        f"history ({len(h.counts)} counts, {len(h.flows)} flows): {t_hist:.2f} s  ratio {t_hist / t_sql:.2f}x"
        " (target <= 2x)"
    )


def main() -> None:
    cat = skillframe.load()
    with tempfile.TemporaryDirectory() as tmp:
        bench_record(cat, Path(tmp))
        bench_history(cat, Path(tmp))


if __name__ == "__main__":
    main()
