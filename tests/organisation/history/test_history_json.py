"""``skillframe history --format json``: counts and rates are numbers, arrivals and leavers ``null``
steps (as :class:`skillframe.history.Flow` has them), moves in words; the text formats unchanged."""

from __future__ import annotations

import csv
import io
import json
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


def test_flows_json(history: Callable[..., str]) -> None:
    rows = _json(history, "flows")
    flows = [(r["from"], r["to"], r["n"], r["rate"]) for r in rows]
    assert ("Step1", "Step2", 1, None) in flows  # U1
    assert ("Step1", None, 1, None) in flows  # L1 left
    assert (None, "below Step 1", 1, None) in flows  # N1 arrived
    conversion = [r for r in rows if r["rate"] is not None]
    assert [(r["department"], r["from"], r["to"], r["n"], r["rate"]) for r in conversion] == [
        (None, "Step1", "Step2+", None, 1.0)  # U1 of the one still there at Step1 reached Step2
    ]
    shown = _csv(history, "flows")
    assert [(r["department"], r["from"], r["n"]) for r in shown if r["n"].endswith("%")] == [
        ("(全体 / all)", "Step1→Step2+", "100%")
    ]
    assert {"(着任 / arrived)", "(離任 / left)"} <= {v for r in shown for v in (r["from"], r["to"])}


def test_moves_json(history: Callable[..., str]) -> None:
    rows = _json(history, "moves")
    assert [(r["id"], r["move"]) for r in rows] == [("U1", "up"), ("N1", "arrived"), ("L1", "left")]
    assert rows[1]["leaves"] is None and isinstance(rows[0]["leaves"], str)
    shown = _csv(history, "moves")
    assert [r["move"] for r in shown] == ["↑", "着任 / arrived", "離任 / left"]
    assert shown[1]["leaves"] == ""
