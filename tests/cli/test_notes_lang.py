"""``show``, ``map --explain`` and ``evaluate --format json`` show catalog notes in the reader's language.

Japanese (the default): ``note_ja`` / ``comment_ja``; ``--lang en``: the English ``note`` /
``comment``; a note with no Japanese is shown marked 「（英語の注記）」, a note written in
Japanese as it is; JSON carries both.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import skillframe
from skillframe._notes import ENGLISH_MARK
from skillframe.cli import main

ROOT = Path(__file__).resolve().parents[2]


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(list(args)) == 0
    return capsys.readouterr().out


def test_show_note_in_each_language(capsys: pytest.CaptureFixture[str]) -> None:
    prov = skillframe.load().get("tokyo-wg-2025:it-central").provenance
    assert prov.note_ja is not None and prov.note is not None
    ja = _run(capsys, "show", "全庁情報システム担当")
    assert f"[解釈 / interpretation: {prov.note_ja}]" in ja and "read as" not in ja
    en = _run(capsys, "show", "全庁情報システム担当", "--lang", "en")
    assert f"[解釈 / interpretation: {prov.note}]" in en and prov.note_ja not in en
    data = json.loads(_run(capsys, "show", "全庁情報システム担当", "--format", "json"))
    assert data["provenance"]["note"] == prov.note and data["provenance"]["note_ja"] == prov.note_ja


def test_map_explain_evidence_in_each_language(capsys: pytest.CaptureFixture[str]) -> None:
    args = ("map", "データ（ビジネス）ストラテジスト", "--to", "tokyo-dsm", "--explain", "--format", "csv")
    ja = _run(capsys, *args)
    assert "求人ひな型の表題は DSS-P のロール名である データビジネスストラテジスト" in ja
    assert "The posting template" not in ja and ENGLISH_MARK not in ja
    en = _run(capsys, *args, "--lang", "en")
    assert "The posting template is titled データビジネスストラテジスト" in en and "求人ひな型の表題" not in en
    rows = json.loads(_run(capsys, *args[:-2], "--format", "json"))
    evidence = [r["evidence"] for r in rows if r.get("evidence")]
    assert any(e["comment"].startswith("The posting template") and e["comment_ja"] for e in evidence)


def _town(tmp_path: Path, note: str) -> Path:
    path = tmp_path / "town.yaml"
    path.write_text(
        "format: skillframe-catalog/1\n"
        "framework:\n  id: town\n  label: 試験町\n  publisher: 試験町\n  extends: tokyo-wg-2025\n  source: town\n"
        "  sources: [{id: town, title: 試験町 方針}]\n"
        "skills:\n  - id: own-skill\n    label: 試験町の独自スキル\n"
        f"    provenance:\n      interpretation: true\n      note: {note}\n",
        encoding="utf-8",
    )
    return path


def test_a_note_without_japanese_is_marked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _town(tmp_path, "read as the town's own reading of the ladder")
    ja = _run(capsys, "show", "town:own-skill", "--catalog", str(path))
    assert f"[解釈 / interpretation: {ENGLISH_MARK}read as the town's own reading of the ladder]" in ja
    en = _run(capsys, "show", "town:own-skill", "--catalog", str(path), "--lang", "en")
    assert "[解釈 / interpretation: read as the town's own reading of the ladder]" in en and ENGLISH_MARK not in en
    path = _town(tmp_path, "当市の読み（育成段階の上乗せ）")
    ja = _run(capsys, "show", "town:own-skill", "--catalog", str(path))
    assert "[解釈 / interpretation: 当市の読み（育成段階の上乗せ）]" in ja and ENGLISH_MARK not in ja


def test_evaluate_json_carries_both(capsys: pytest.CaptureFixture[str]) -> None:
    docs = json.loads(_run(capsys, "evaluate", str(ROOT / "examples" / "staff.csv"), "--format", "json"))
    provs = [d["next_step"]["provenance"] for d in docs if d.get("next_step")]
    flagged = [p for p in provs if p["interpretation"]]
    assert flagged and all(p["note_ja"] and p["note"] and p["note_ja"] != p["note"] for p in flagged)


def test_exports_keep_both(tmp_path: Path) -> None:
    """SSSOM: ``comment`` stays English, ``comment_ja`` travels in ``other``; CASE: both in the notes."""
    out = tmp_path / "levels.sssom.tsv"
    assert main(["export", "sssom", "--set", "level-judgements", "-o", str(out)]) == 0
    back = {r.key: r for r in skillframe.read_sssom(out).mappings}
    orig = skillframe.load().mapping_set("level-judgements").mappings
    assert all(back[r.key].comment == r.comment and back[r.key].comment_ja == r.comment_ja for r in orig)
    assert sum(1 for r in orig if r.comment_ja) == 6
    case = tmp_path / "wg.json"
    assert main(["export", "case", "--framework", "tokyo-wg-2025", "-o", str(case)]) == 0
    pkg = json.loads(case.read_text(encoding="utf-8"))
    notes = [x.get("notes", "") for x in pkg["CFItems"]]
    assert any("note: " in n and "note_ja: " in n for n in notes)
