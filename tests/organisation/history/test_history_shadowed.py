"""A history recorded with the town's catalog from records that name the WG's persona by id
(``persona-of-base-framework``): ``record`` warns, and a ``baseline: history`` target on the
town's persona says the history holds the base persona instead of judging on a silent 0."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from _history_helpers import MUNI_A, person

import skillframe
from skillframe.cli import main
from skillframe.organisation.targets import Plan, Target, Targets

BASE = "tokyo-wg-2025:dx-promoter"
COPY = "example-town:dx-promoter"
CODE = "persona-of-base-framework"


@pytest.fixture(scope="module")
def small(root: Path) -> skillframe.Catalog:
    return skillframe.load(root / "examples" / "overlays" / "small-town.yaml")


def test_baseline_history_of_the_base_persona_is_said_not_judged(open_store: Any, small: skillframe.Catalog) -> None:
    store = open_store()
    for year in (2025, 2026):
        people = [person(f"S{i}", 1, persona=BASE) for i in range(3)]
        store.record(small, people, year=year, municipality=MUNI_A)
    history = store.history(small)
    target = Target(kind="count", persona="DX推進員", step=1, value=6, baseline_from="history")
    targets = Targets(format="skillframe-targets/1", plan=Plan(baseline_year=2026, target_year=2028, targets=(target,)))
    rows = [person("S0", 1, persona="DX推進員")]  # this year's staff data names the town's persona
    prog = skillframe.progress(
        targets, skillframe.rollup(small, rows), small, as_of=dt.date(2026, 12, 1), history=history
    )
    (it,) = prog.items
    assert (it.status, it.current) == ("unknown", None)
    assert (it.expected, it.recorded) == (None, ())  # no baseline 0 read from nobody, no line from it
    assert it.detail == (
        f"{COPY} の職員は 1 名; 評価履歴（2025・2026年度）は基底フレームワークの人材像 {BASE} の記録で、"
        f"{COPY} に数えていません（判定できません）"
    )
    assert it.detail_en == (
        f"1 staff of {COPY}; the history (FY2025・2026) records the base framework's persona {BASE}: "
        f"not counted as {COPY} (cannot judge)"
    )


def test_cli_record_warns_and_the_report_of_the_history_says_so(
    db_url: str, tmp_path: Path, root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    town = str(root / "examples" / "overlays" / "small-town.yaml")
    staff = tmp_path / "職員データ.csv"
    staff.write_text(
        "id,persona,department,trainings\n" + "".join(f"S{i},{BASE},総務課,bpr\n" for i in range(3)), encoding="utf-8"
    )
    argv = ["record", str(staff), "--catalog", town, "--db", db_url, "-m", MUNI_A]
    assert main([*argv, "--year", "2025"]) == 0  # a warning, not an error: the year is recorded
    out, err = capsys.readouterr()
    assert "3 人を記録" in out
    assert err.count(f"[{CODE}]") == 1 and "row 2, persona: warning:" in err and COPY in err
    targets = tmp_path / "目標.yaml"
    targets.write_text(
        "format: skillframe-targets/1\nas_of: 2026-12-01\nplan:\n  baseline_year: 2026\n  target_year: 2028\n"
        "  targets:\n    - {kind: count, persona: DX推進員, step: 1, value: 6, baseline: history}\n",
        encoding="utf-8",
    )
    named = tmp_path / "名称.csv"  # this year's data by name: the town's persona, no warning of its own
    named.write_text("id,persona,department\nS0,DX推進員,総務課\n", encoding="utf-8")
    out_md = tmp_path / "報告書.md"
    argv = ["report", str(named), "--catalog", town, "-t", str(targets), "--db", db_url, "-m", MUNI_A]
    assert main([*argv, "-o", str(out_md)]) == 0
    _, err = capsys.readouterr()
    assert CODE not in err
    text = out_md.read_text(encoding="utf-8")
    assert f"評価履歴（2025年度）は基底フレームワークの人材像 {BASE} の記録で、{COPY} に数えていません" in text
    # the figures from the history alone (policy --db): the history's records warn on stderr
    out_policy = tmp_path / "方針.md"
    argv = ["policy", "--catalog", town, "--db", db_url, "-m", MUNI_A, "--format", "md", "-o", str(out_policy)]
    assert main(argv) == 0
    _, err = capsys.readouterr()
    assert err.count(f"[{CODE}]") == 1 and f"{db_url}: record, persona: warning: 人材像 {BASE}" in err
