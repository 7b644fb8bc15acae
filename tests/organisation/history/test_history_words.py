"""``history`` in words a 課長 reads: the leaves of a move as labels (Japanese, English with
``--lang en``), arrivals and leavers with their persona, 課 and step, and the steps named as
the report's 年度推移 names them (``Step1``, ``Step未満``)."""

from __future__ import annotations

import csv
import json
from typing import Any

import pytest
from _history_helpers import MUNI_A, TRAINED, person

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


# Trial F2: Z1 went from Step未満 to Step2 in one year (a.csv / b.csv of the trial): the reasons
# named only the Step1 trainings, not the Step2 condition met (DX案件リード年数 1以上).
_STEP1_WORDS = [
    "研修受講済: DXの必要性理解",
    "研修受講済: 顧客/ユーザー理解",
    "研修受講済: 行政職員のためのデジタル技術の基礎知識",
    "研修受講済: セキュリティリテラシー",
    "研修受講済: プライバシー保護理解",
    "研修受講済: プロジェクトマネジメント",
    "研修受講済: 価値発見/定義",
    "研修受講済: データ理解/活用",
    "研修受講済: 業務分析/BPR",
    "研修受講済: サービス検証（顧客/ユーザー視点）",
    "研修受講済: 庁内ITガバナンスに対する理解",
]
_STEP1_TRAININGS = (
    "DXマインドセット研修;デザイン思考の研修;情報セキュリティ研修;行政デジタルに関する基礎研修;"
    "プロジェクトマネジメント研修;サービスデザイン研修;データ分析/活用に関する研修;BPR研修;UX研修;"
    "各種ガイド、ドキュメントの説明会"
)


def _jumps(store: skillframe.HistoryStore, cat: skillframe.Catalog) -> None:
    def dx(pid: str, trainings: str, lead: int) -> dict[str, Any]:
        return {"id": pid, "persona": "DX推進員", "department": "総務課", "trainings": trainings, "dx_lead_years": lead}

    store.record(
        cat,
        [dx("Z1", "なし", 0), dx("D2", _STEP1_TRAININGS, 1), dx("D3", _STEP1_TRAININGS, 1)],
        year=2025,
        municipality=MUNI_A,
    )
    # D2 loses both steps' conditions; D3 only Step1's (it still leads DX projects: Step2's own rule holds)
    store.record(
        cat,
        [dx("Z1", _STEP1_TRAININGS, 1), dx("D2", "なし", 0), dx("D3", "なし", 1)],
        year=2026,
        municipality=MUNI_A,
    )


def test_a_move_of_two_steps_gives_the_leaves_of_both_steps(open_store: Any, cat: skillframe.Catalog) -> None:
    store = open_store()
    _jumps(store, cat)
    h = store.history(cat)
    moves = {m.staff_key: m for m in h.moves(2025, 2026)}
    assert {k: (m.direction, m.from_rank, m.to_rank) for k, m in moves.items()} == {
        "Z1": ("up", 0, 2),
        "D2": ("down", 2, 0),
        "D3": ("down", 2, 0),
    }
    step1, step2 = "tokyo-wg-2025:dx-promoter-step1", "tokyo-wg-2025:dx-promoter-step2"
    z1 = moves["Z1"]
    assert z1.leaves == (*(f"trained:tokyo-wg-2025:{s}" for s in TRAINED), "dx_lead_years>=1")
    assert z1.leaf_steps == (step1,) * 11 + (step2,) and z1.step == step1
    assert h.reasons(z1) == [*_STEP1_WORDS, "DX案件リード年数 1以上"]
    assert h.reasons(z1, "en")[-1] == "years leading DX projects ≥ 1"
    # down by two steps: what is unmet now, of both steps lost ...
    assert h.reasons(moves["D2"]) == [*_STEP1_WORDS, "DX案件リード年数 1以上"]
    # ... and only Step1's when Step2's own condition still holds (Step2 went with Step1)
    assert h.reasons(moves["D3"]) == _STEP1_WORDS and moves["D3"].leaf_steps == (step1,) * 11


def test_cli_moves_of_two_steps_name_both_steps_conditions(
    db_url: str, cat: skillframe.Catalog, capsys: pytest.CaptureFixture[str]
) -> None:
    store = skillframe.open_history(db_url)
    try:
        _jumps(store, cat)
    finally:
        store.close()
    assert main(["history", "--db", db_url, "--table", "moves", "--format", "csv"]) == 0
    rows = {r[1]: r for r in _csv(capsys.readouterr().out)[1:]}
    assert rows["Z1"][4:] == ["↑", "Step未満→Step2", "; ".join([*_STEP1_WORDS, "DX案件リード年数 1以上"])]
    assert rows["D2"][4:] == ["↓", "Step2→Step未満", "; ".join([*_STEP1_WORDS, "DX案件リード年数 1以上"])]
    assert main(["history", "--db", db_url, "--table", "moves", "--format", "json"]) == 0
    z1 = next(r for r in json.loads(capsys.readouterr().out) if r["id"] == "Z1")
    assert z1["leaves"][-1] == {
        "id": "dx_lead_years>=1",
        "label": "DX案件リード年数 1以上",
        "label_en": "years leading DX projects ≥ 1",
    }
