"""``skillframe compare --format json`` is data, not the rendered table: one object per row, the
same under ``--lang ja`` and ``--lang en``, ids with their labels beside, SKOS predicates (not the
marks), numbers as numbers, the step rules as condition trees. The other formats keep the table.

The Python API (skillframe.compare_data): tests/render/test_compare_data.py.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from skillframe.cli import main

WG = "tokyo-wg-2025"
ASPECTS = ("levels", "personas", "skills", "persona-skills", "steps", "trainings")
MARKS = ("= ", "≈ ", "⊃ ", "⊂ ", "~ ")  # what a cell of the table starts with


def _json(run: Callable[..., str], *argv: str, lang: str = "ja") -> Any:
    return json.loads(run("compare", *argv, "--format", "json", "--lang", lang))


def _csv(run: Callable[..., str], *argv: str, lang: str = "en") -> list[list[str]]:
    text = run("compare", *argv, "--format", "csv", "--lang", lang).lstrip("\ufeff")
    return list(csv.reader(io.StringIO(text, newline="")))


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


@pytest.mark.parametrize("aspect", ASPECTS)
def test_compare_json_is_rows_of_data_not_the_rendered_table(run: Callable[..., str], aspect: str) -> None:
    ja, en = _json(run, aspect, lang="ja"), _json(run, aspect, lang="en")
    assert ja == en  # keys and values: nothing follows --lang
    assert isinstance(ja, list) and ja and all(isinstance(r, dict) for r in ja)
    assert len({tuple(r) for r in ja}) == 1  # every row the same keys
    assert not {"title", "headers", "rows", "notes"} & set(ja[0])  # not the table as shown
    shown = [s for s in _strings(ja) if s.startswith(MARKS) or s.endswith("*")]
    assert not shown, shown[:3]  # no display marks (≈ Lv.1, …*)


def test_compare_levels_json_gives_levels_and_their_predicates(run: Callable[..., str]) -> None:
    rows = _json(run, "levels", "--frameworks", "tokyo-dsm,ipa-dss")
    by_level = {r["level"]["id"]: r for r in rows}
    lv2 = by_level["ipa-dss:itss-level.lv2"]
    assert lv2["scale"] == {"id": "ipa-dss:itss-level", "label": "ITSS+ レベル", "label_en": "ITSS+ level (7 levels)"}
    assert (lv2["rank"], lv2["placement"], lv2["derived"], lv2["confidence"]) == (2, "mapping", False, 0.7)
    assert lv2["mapping"] == {
        "subject": "tokyo-dsm:level.lv1",
        "predicate": "skos:closeMatch",
        "object": "ipa-dss:itss-level.lv2",
    }
    assert lv2["row"] == by_level["tokyo-dsm:level.lv1"]["row"] == 3  # side by side
    base = by_level["tokyo-dsm:level.lv0"]
    assert (base["placement"], base["mapping"], base["derived"], base["row"]) == ("base", None, None, 1)
    assert base["descriptor"] == "基礎知識が無く、実践の経験もない" and base["descriptors"] == []
    lv1 = by_level["ipa-dss:itss-level.lv1"]  # no mapping: a row of its own below the first mapped level
    assert (lv1["placement"], lv1["mapping"], lv1["row"]) == ("neighbour", None, 2)
    # the rows are the table's rows: each level sits in its row and scale's column
    table = _csv(run, "levels", "--frameworks", "tokyo-dsm,ipa-dss")
    columns = {"tokyo-dsm:level": 0, "ipa-dss:itss-level": 1}
    assert len(table) - 1 == max(r["row"] for r in rows)
    for r in rows:
        assert (r["level"]["label_en"] or r["level"]["label"]) in table[r["row"]][columns[r["scale"]["id"]]]


def test_compare_levels_json_derived_through_another_scale_and_by_rank(run: Callable[..., str]) -> None:
    rows = {r["level"]["id"]: r for r in _json(run, "levels")}
    wg3 = rows[f"{WG}:draft-dx-promoter-level.lv3"]  # aligned through the MIC scale, derived
    assert wg3["mapping"] == {
        "subject": "mic-guidebook-2024:org-level.level3",
        "predicate": "skos:closeMatch",
        "object": f"{WG}:draft-dx-promoter-level.lv3",
    }
    assert (wg3["derived"], wg3["confidence"], wg3["row"]) == (True, 0.45, rows["ipa-dss:itss-level.lv3"]["row"])
    mic1 = rows["mic-guidebook-2024:org-level.level1"]  # no mapping to ITSS+: beside the same rank only
    assert (mic1["placement"], mic1["mapping"], mic1["descriptor"]) == ("rank", None, None)
    assert mic1["descriptors"][0] == {
        "subject": {"id": "mic-guidebook-2024:dx-leader", "label": "DX推進リーダー", "label_en": "DX promotion leader"},
        "text": "業務改善のけん引は個人任せ",
    }
    one = {r["level"]["id"]: r for r in _json(run, "levels", "--persona", "mic-guidebook-2024:dx-leader")}
    narrowed = one["mic-guidebook-2024:org-level.level1"]
    assert (narrowed["descriptor"], narrowed["descriptors"]) == ("業務改善のけん引は個人任せ", [])


def test_compare_personas_and_skills_json_counterparts(run: Callable[..., str]) -> None:
    personas = {r["id"]: r for r in _json(run, "personas")}
    designer = personas["ipa-dss:designer"]
    assert (designer["framework"], designer["label"], designer["label_en"]) == ("ipa-dss", "デザイナー", "Designer")
    assert designer["counterparts"][0] == {
        "framework": "tokyo-dsm",
        "predicate": "skos:narrowMatch",
        "object": {"id": "tokyo-dsm:ux", "label": "UI/UXデザイナー", "label_en": "UI/UX designer"},
        "derived": True,
        "confidence": 0.6,
    }
    assert personas["ipa-dss:business-architect"]["counterparts"] == []
    skills = {r["id"]: r for r in _json(run, "skills", "--persona", "DX推進員")}
    (ipa, dsm) = skills[f"{WG}:user-understanding"]["counterparts"]
    assert (ipa["framework"], ipa["predicate"], ipa["object"]["id"], ipa["derived"], ipa["confidence"]) == (
        "ipa-dss",
        "skos:closeMatch",
        "ipa-dss:customer-user-understanding",
        False,
        0.85,
    )
    assert (dsm["predicate"], dsm["object"]["id"]) == ("skos:broadMatch", "tokyo-dsm:marketing")
    assert len(skills) == len(_csv(run, "skills", "--persona", "DX推進員")) - 1  # one object per table row


def test_compare_persona_skills_json_requirements(run: Callable[..., str]) -> None:
    rows = {r["id"]: r for r in _json(run, "persona-skills", "--frameworks", "tokyo-dsm")}
    strategy = rows["tokyo-dsm:it-strategy"]
    assert (strategy["category"], strategy["category_en"]) == ("戦略・企画", "Strategy and planning")
    reqs = {q["persona"]["id"]: q for q in strategy["requirements"]}
    assert reqs["tokyo-dsm:bd"] == {
        "persona": {"id": "tokyo-dsm:bd", "label": "ビジネスデザイナー", "label_en": "Business designer"},
        "inherited": False,
        "origin": "tokyo-dsm:bd",
        "level": 3,
        "priority": "required",
    }
    assert (reqs["tokyo-dsm:pd"]["level"], reqs["tokyo-dsm:pd"]["priority"]) == (1, "welcome")
    wg = {r["id"]: r for r in _json(run, "persona-skills")}
    (own, *inherited) = wg[f"{WG}:dx-necessity"]["requirements"]
    assert (own["persona"]["id"], own["inherited"], own["level"]) == (f"{WG}:general-staff", False, None)
    assert inherited and all(q["inherited"] and q["origin"] == f"{WG}:general-staff" for q in inherited)


def test_compare_steps_json_rules_as_conditions(run: Callable[..., str]) -> None:
    step1, step2, step3 = _json(run, "steps", "--persona", "DX推進員")
    assert step1["persona"] == {"id": f"{WG}:dx-promoter", "label": "DX推進員", "label_en": "DX promoter"}
    assert (step1["id"], step1["rank"], step1["label_en"]) == (f"{WG}:dx-promoter-step1", 1, "Step 1 (Off-JT)")
    assert step1["requires"] == {"kind": "trained", "params": {"skills_of": "self", "except_tags": ["tool"]}}
    assert step1["refers_to"][0] == {
        "kind": "skill",
        "id": f"{WG}:dx-necessity",
        "label": "DXの必要性理解",
        "label_en": "Understanding the need for DX",
    }
    assert step2["requires"] == {"kind": "dx_lead_years", "params": {"min": 1}}
    assert (step2["requires_text"], step2["requires_text_en"]) == (
        "DX案件リード年数 1以上",
        "years leading DX projects ≥ 1",
    )
    assert step3["requires"] == {
        "kind": "all",
        "of": [{"kind": "dx_lead_count", "params": {"min": 2}}, {"kind": "mentoring", "params": {"value": True}}],
    }
    assert step3["refers_to"] == []
    it1 = _json(run, "steps", "--persona", "全庁情報システム担当")[0]
    assert it1["requires"]["kind"] == "dsm" and it1["requires"]["params"]["min"] == 1
    assert [r["id"] for r in it1["refers_to"]] == it1["requires"]["params"]["skills"]


def test_compare_trainings_json(run: Callable[..., str]) -> None:
    rows = {r["id"]: r for r in _json(run, "trainings")}
    necessity = rows[f"{WG}:dx-necessity"]
    assert necessity["trainings"] == ["DXマインドセット研修", "トップダウンメッセージ"]
    (training,) = necessity["off_jt_trainings"]
    assert (training["id"], training["label_en"]) == (f"{WG}:dx-mindset-training", "DX mindset training")
    assert training["bodies"][0] == {"body": "区市町村", "mark": "○", "note": None}
    assert training["bodies"][-1] == {"body": "東京都・GTT", "mark": "○", "note": "事例"}
    assert training["curriculum"][0] == "DX（デジタルトランスフォーメーション）の概念と重要性"
    assert necessity["certifications"] == []
    assert rows[f"{WG}:user-understanding"]["certifications"] == ["デザイン思考検定"]


def test_compare_json_to_a_file(run: Callable[..., str], tmp_path: Path) -> None:
    out = tmp_path / "steps.json"
    assert run("compare", "steps", "--persona", "DX推進員", "-o", str(out)) == ""
    assert json.loads(out.read_text(encoding="utf-8")) == _json(run, "steps", "--persona", "DX推進員")


def test_compare_json_bad_persona_is_an_error_not_a_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["compare", "steps", "--persona", "誰でもない人", "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert "誰でもない人" in err and "Traceback" not in err
