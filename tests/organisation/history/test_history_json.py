"""``skillframe history --format json``: the same under ``--lang ja`` and ``en`` (English snake_case
keys, a persona ``{"id", "label", "label_en"}``, a step its rank, years ``{"from", "to"}``), counts and
rates numbers, arrivals and leavers ``null`` steps (as :class:`skillframe.history.Flow` has them),
moves in words; the text formats unchanged."""

from __future__ import annotations

import csv
import io
import json
import re
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from _history_helpers import MUNI_A, person

import skillframe
from skillframe.cli import main

#: 2025: U1 Step1, L1 Step1 (leaves); 2026: U1 Step2 (up), N1 arrives below Step 1.
YEARS = {2025: [("U1", 1), ("L1", 1)], 2026: [("U1", 2), ("N1", 0)]}


@pytest.fixture
def history(tmp_path: Path, cat: skillframe.Catalog, capsys: pytest.CaptureFixture[str]) -> Callable[..., str]:
    url = f"sqlite:///{tmp_path / 'history.db'}"
    with skillframe.open_history(url) as store:
        for year, people in YEARS.items():
            store.record(cat, [person(pid, rank) for pid, rank in people], year=year, municipality=MUNI_A)

    def run(*argv: str) -> str:
        code = main(["history", "--db", url, "-m", MUNI_A, *argv])
        out, err = capsys.readouterr()
        assert code == 0, err
        return out

    return run


def _json(run: Callable[..., str], table: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads(run("--table", table, "--format", "json", "--lang", "en"))
    return rows


def _csv(run: Callable[..., str], table: str) -> list[dict[str, str]]:
    text = run("--table", table, "--format", "csv", "--lang", "en")
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


PROMOTER = {"id": "tokyo-wg-2025:dx-promoter", "label": "DX推進員", "label_en": "DX promoter"}
SNAKE = re.compile(r"[a-z][a-z0-9_]*")


def _keys(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [k for k, v in value.items() for k in (k, *_keys(v))]
    if isinstance(value, list):
        return [k for v in value for k in _keys(v)]
    return []


@pytest.mark.parametrize("table", ["counts", "flows", "moves", "cohorts"])
def test_json_is_the_same_in_ja_and_en(history: Callable[..., str], table: str) -> None:
    ja = json.loads(history("--table", table, "--format", "json", "--lang", "ja"))
    en = json.loads(history("--table", table, "--format", "json", "--lang", "en"))
    assert ja and ja == en
    assert all(SNAKE.fullmatch(k) for k in _keys(ja)), _keys(ja)
    assert len({tuple(r) for r in ja}) == 1  # every row has the same keys, whatever the years
    assert all(r["persona"] == PROMOTER for r in ja if "persona" in r)


def test_counts_json(history: Callable[..., str]) -> None:
    rows = _json(history, "counts")
    assert [(r["step"], r["by_year"]) for r in rows] == [
        (0, [{"year": 2025, "n": 0}, {"year": 2026, "n": 1}]),
        (1, [{"year": 2025, "n": 2}, {"year": 2026, "n": 0}]),
        (2, [{"year": 2025, "n": 0}, {"year": 2026, "n": 1}]),
    ]
    shown = _csv(history, "counts")
    assert [(r["step"], r["2025"], r["2026"]) for r in shown] == [
        ("below Step 1", "0", "1"),
        ("Step1", "2", "0"),
        ("Step2", "0", "1"),
    ]


def test_cohorts_json(history: Callable[..., str]) -> None:
    rows = _json(history, "cohorts")
    assert [(r["cohort"], r["year"], r["people"], r["by_rank"]) for r in rows] == [
        (2025, 2025, 2, [{"rank": 0, "n": 0}, {"rank": 1, "n": 2}, {"rank": 2, "n": 0}]),
        (2025, 2026, 1, [{"rank": 0, "n": 0}, {"rank": 1, "n": 0}, {"rank": 2, "n": 1}]),
        (2026, 2026, 1, [{"rank": 0, "n": 1}, {"rank": 1, "n": 0}, {"rank": 2, "n": 0}]),
    ]
    assert [r["Step1"] for r in _csv(history, "cohorts")] == ["2", "0", "0"]  # as the 年度推移 names steps
    assert "below Step 1" in _csv(history, "cohorts")[0]


def test_flows_json(history: Callable[..., str]) -> None:
    rows = _json(history, "flows")
    assert all(r["years"] == {"from": 2025, "to": 2026} for r in rows)
    flows = [(r["from"], r["to"], r["n"], r["rate"]) for r in rows]
    assert (1, 2, 1, None) in flows  # U1
    assert (1, None, 1, None) in flows  # L1 left
    assert (None, 0, 1, None) in flows  # N1 arrived
    conversion = [r for r in rows if r["rate"] is not None]
    assert [(r["department"], r["from"], r["to"], r["n"], r["rate"]) for r in conversion] == [
        (None, 1, 2, None, 1.0)  # U1 of the one still there at Step1 reached Step2 (or above)
    ]
    shown = _csv(history, "flows")
    assert [(r["department"], r["from"], r["n"]) for r in shown if r["n"].endswith("%")] == [
        ("(全体 / all)", "Step1→Step2+", "100%")
    ]
    assert {"(着任 / arrived)", "(離任 / left)"} <= {v for r in shown for v in (r["from"], r["to"])}
    assert {r["years"] for r in shown} == {"2025→2026"}


def test_moves_json(history: Callable[..., str]) -> None:
    rows = _json(history, "moves")
    assert [(r["id"], r["move"], r["steps"]) for r in rows] == [
        ("U1", "up", {"from": 1, "to": 2}),
        ("N1", "arrived", {"from": None, "to": 0}),
        ("L1", "left", {"from": 1, "to": None}),
    ]
    assert rows[0]["leaves"] == [
        {"id": "dx_lead_years>=1", "label": "DX案件リード年数 1以上", "label_en": "years leading DX projects ≥ 1"}
    ]
    assert rows[1]["leaves"] == [] and rows[2]["leaves"] == []
    assert all(r["years"] == {"from": 2025, "to": 2026} for r in rows)
    shown = _csv(history, "moves")
    assert [r["move"] for r in shown] == ["↑", "着任 / arrived", "離任 / left"]
    assert [r["steps"] for r in shown] == ["Step1→Step2", "below Step 1", "Step1"]
    assert shown[0]["leaves"] == "years leading DX projects ≥ 1" and shown[1]["leaves"] == ""


def test_changed_json(tmp_path: Path, cat: skillframe.Catalog, capsys: pytest.CaptureFixture[str]) -> None:
    """``--reevaluate --table changed``: snake_case keys, the ranks numbers, the persona an object."""
    towns = []
    for version, rule in (
        ("1", ""),
        ("2", "overlay:\n  rules:\n    - step: dx-promoter-step2\n      extend: {dx_project_years: {min: 2}}\n"),
    ):
        f = tmp_path / f"town-{version}.yaml"
        text = f"""\
            format: skillframe-catalog/1
            framework:
              id: test-town
              label: テスト町
              label_en: Test town
              publisher: テスト町（架空）
              version: "{version}"
              extends: tokyo-wg-2025
              source: town
              sources: [{{id: town, title: テスト町方針}}]
            """
        f.write_text(textwrap.dedent(text) + rule, encoding="utf-8")
        towns.append(f)
    url = f"sqlite:///{tmp_path / 'history.db'}"
    with skillframe.open_history(url) as store:
        for year, town in ((2025, towns[0]), (2026, towns[1])):
            rec = {**person("A", 2), "persona": "test-town:dx-promoter"}
            store.record(skillframe.load(town), [rec], year=year, municipality=MUNI_A)
    argv = ["history", "--db", url, "-m", MUNI_A, "--reevaluate", "--table", "changed", "-c", str(towns[1])]
    docs = []
    for lang in ("ja", "en"):
        assert main([*argv, "--format", "json", "--lang", lang]) == 0
        docs.append(json.loads(capsys.readouterr().out))
    assert docs[0] == docs[1]
    (row,) = docs[0]
    persona = {"id": "test-town:dx-promoter", "label": "DX推進員", "label_en": "DX promoter"}
    assert row == {
        "year": 2025,
        "id": "A",
        "persona": persona,
        "recorded_under": row["recorded_under"],
        "old_rank": 2,
        "new_rank": 1,
    }
    assert re.fullmatch(r"[0-9a-f]{12}", row["recorded_under"])
    assert main([*argv, "--format", "csv", "--lang", "en"]) == 0
    (shown,) = csv.DictReader(io.StringIO(capsys.readouterr().out.lstrip("\ufeff")))
    assert (shown["persona"], shown["old rank"], shown["new rank"]) == ("DX promoter", "2", "1")
