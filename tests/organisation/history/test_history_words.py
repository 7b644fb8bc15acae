"""``history`` in words a 課長 reads: the leaves of a move as labels (Japanese, English with
``--lang en``), arrivals and leavers with their persona, 課 and step, and the steps named as
the report's 年度推移 names them (``Step1``, ``Step未満``)."""

from __future__ import annotations

import csv
from typing import Any

import pytest
from _history_helpers import MUNI_A, person

import skillframe
from skillframe.cli import main
from skillframe.history import Placement, describe_leaf
from skillframe.render.history_tables import history_tables


def _two_years(store: skillframe.HistoryStore, cat: skillframe.Catalog) -> None:
    store.record(
        cat,
        [person("U0", 0), person("U1", 1), person("L1", 2, "税務課")],
        year=2025,
        municipality=MUNI_A,
    )
    store.record(cat, [person("U0", 1), person("U1", 2), person("N1", 3, "市民課")], year=2026, municipality=MUNI_A)


def test_api_reasons_people_and_describe_leaf(open_store: Any, cat: skillframe.Catalog) -> None:
    store = open_store()
    _two_years(store, cat)
    h = store.history(cat)
    moves = {m.staff_key: m for m in h.moves(2025, 2026)}
    assert moves["U0"].leaves == ("trained:tokyo-wg-2025:bpr",)
    assert h.reasons(moves["U0"]) == ["研修受講済: 業務分析/BPR"]
    assert h.reasons(moves["U0"], "en") == ["training completed for: Business analysis / BPR"]
    assert h.reasons(moves["U1"]) == ["DX案件リード年数 1以上"]
    assert h.reasons(moves["U1"], "en") == ["years leading DX projects ≥ 1"]
    [u] = moves["U1"].unmet
    assert describe_leaf(cat, u, cat.step(moves["U1"].step)) == "DX案件リード年数 1以上"
    assert h.people(2026)["N1"] == Placement(2026, "N1", "tokyo-wg-2025:dx-promoter", "市民課", 3)
    assert h.people(2025)["L1"] == Placement(2025, "L1", "tokyo-wg-2025:dx-promoter", "税務課", 2)


def _csv(out: str) -> list[list[str]]:
    return list(csv.reader(out.lstrip("\ufeff").splitlines()))


def test_cli_moves_in_words(db_url: str, cat: skillframe.Catalog, capsys: pytest.CaptureFixture[str]) -> None:
    store = skillframe.open_history(db_url)
    try:
        _two_years(store, cat)
        trend, _ = history_tables(store.history(cat), cat)
    finally:
        store.close()
    assert main(["history", "--db", db_url, "--table", "moves", "--format", "csv"]) == 0
    rows = _csv(capsys.readouterr().out)
    assert rows == [
        ["年度", "職員番号", "人材像", "所属", "移動", "段階", "変化した要件"],
        ["2025→2026", "U0", "DX推進員", "総務課", "↑", "Step未満→Step1", "研修受講済: 業務分析/BPR"],
        ["2025→2026", "U1", "DX推進員", "総務課", "↑", "Step1→Step2", "DX案件リード年数 1以上"],
        ["2025→2026", "N1", "DX推進員", "市民課", "着任 / arrived", "Step3", ""],
        ["2025→2026", "L1", "DX推進員", "税務課", "離任 / left", "Step2", ""],
    ]
    assert main(["history", "--db", db_url, "--table", "moves", "--format", "csv", "--lang", "en"]) == 0
    rows = _csv(capsys.readouterr().out)
    assert rows[1][2:] == [
        "DX promoter",
        "総務課",
        "↑",
        "below Step 1→Step1",
        "training completed for: Business analysis / BPR",
    ]
    assert rows[2][-1] == "years leading DX projects ≥ 1"
    # the counts name the steps as the report's 年度推移 does
    assert main(["history", "--db", db_url, "--table", "counts", "--format", "csv"]) == 0
    counts = _csv(capsys.readouterr().out)
    assert [r[:2] for r in counts[1:]] == [list(r[:2]) for r in trend.rows]
    assert [r[1] for r in counts[1:]] == ["Step未満", "Step1", "Step2", "Step3"]
