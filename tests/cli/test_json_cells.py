"""``--format json`` holds data, not what a table shows: numbers are numbers, absent values null,
lists are lists. The text formats (table, csv, md) keep showing what they show.

map, list, diff and form here; history in tests/organisation/history/test_history_json.py.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import skillframe

ROOT = Path(__file__).resolve().parents[2]
OVERLAY = str(ROOT / "examples" / "overlays" / "small-town.yaml")
EDITIONS = ROOT / "tests" / "data" / "editions"
#: The edition diff of the test data (town-std 1.2 → 2.0, with its edition map).
EDITIONS_DIFF = (
    "diff",
    "town-std@1.2",
    "town-std@2.0",
    "--editions",
    str(EDITIONS / "town-std-1.2-to-2.0.yaml"),
    "--catalog",
    str(EDITIONS / "town-std-1.2.yaml"),
    "--catalog",
    str(EDITIONS / "town-std-2.0.yaml"),
)
DERIVED = ("map", "データ（ビジネス）ストラテジスト", "--to", "tokyo-dsm")  # one chained mapping
DIRECT = ("map", "tokyo-wg-2025:draft-dx-promoter-level.lv2", "--no-derived")  # 0.60 and a negative 0.90


def _json(run: Callable[..., str], *argv: str) -> Any:
    return json.loads(run(*argv, "--format", "json"))


def _csv(run: Callable[..., str], *argv: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(run(*argv, "--format", "csv", "--lang", "en").lstrip("\ufeff"))))


# -- map --------------------------------------------------------------------------------------


def test_map_json_confidence_is_a_number_and_a_direct_mapping_has_no_path(run: Callable[..., str]) -> None:
    rows = _json(run, *DIRECT)
    assert [(r["predicate"], r["confidence"], r["path"]) for r in rows] == [
        ("skos:relatedMatch", 0.6, []),
        ("Not skos:exactMatch", 0.9, []),
    ]
    assert all(r["mapping_sets"] == ["wg-draft-ladder"] for r in rows)
    # the text formats show what they showed
    shown = _csv(run, *DIRECT)
    assert [(r["confidence"], r["path"]) for r in shown] == [("0.60", "—"), ("0.90", "—")]
    assert "0.60" in run(*DIRECT) and "—" in run(*DIRECT, "--format", "md")


def test_map_json_path_of_a_derived_mapping_is_its_hops(run: Callable[..., str], cat: skillframe.Catalog) -> None:
    (row,) = _json(run, *DERIVED)
    (m,) = cat.map("tokyo-wg-2025:data-strategist", to="tokyo-dsm")
    assert row["confidence"] == round(m.confidence, 6) == 0.35  # a number, without float noise
    assert row["path"] == [{"subject": h.subject_id, "predicate": h.predicate, "object": h.object_id} for h in m.path]
    assert [h["object"] for h in row["path"]] == ["ipa-dss:data-business-strategist", "tokyo-dsm:ds"]
    (shown,) = _csv(run, *DERIVED)
    assert shown["confidence"] == "0.35"
    assert (
        shown["path"]
        == "tokyo-wg-2025:data-strategist —broader→ ipa-dss:data-business-strategist —broader→ tokyo-dsm:ds"
    )


def test_map_explain_json_numbers_and_nulls(run: Callable[..., str]) -> None:
    rows = _json(run, *DERIVED, "--explain")
    assert [(r["mapping"], r["confidence"], r["hop"]) for r in rows] == [(1, 0.35, 1), (None, None, 2)]
    assert rows[1]["predicate"] is None and rows[1]["object"] is None
    assert all(set(r["evidence"]) == {"locator", "quote", "comment", "comment_ja"} for r in rows)
    assert "" not in [v for r in rows for v in r.values()]
    shown = _csv(run, *DERIVED, "--explain")
    assert [(r["#"], r["confidence"], r["hop"]) for r in shown] == [("1", "0.35", "1/2"), ("", "", "2/2")]


# -- list ------------------------------------------------------------------------------------


def test_list_json_nulls_and_lists(run: Callable[..., str]) -> None:
    frameworks = {r["id"]: r for r in _json(run, "list", "frameworks")}
    assert frameworks["tokyo-dsm"]["version"] is None and frameworks["ipa-dss"]["version"] == "1.2"
    personas = {r["id"]: r for r in _json(run, "list", "personas", "--lang", "en")}
    assert personas["tokyo-wg-2025:dx-promoter"]["inherits"] == ["tokyo-wg-2025:general-staff"]
    assert personas["ipa-dss:designer"]["inherits"] == [] and personas["ipa-dss:designer"]["department"] is None
    assert isinstance(personas["tokyo-wg-2025:dx-promoter"]["skills"], int)
    skills = {r["id"]: r for r in _json(run, "list", "skills", "--lang", "en")}
    assert skills["tokyo-wg-2025:network-design"]["certifications"] == ["ネットワークスペシャリスト"]
    assert skills["ipa-dss:business-strategy"]["certifications"] == []
    trainings = {r["id"]: r for r in _json(run, "list", "trainings", "--lang", "en")}
    mindset = trainings["tokyo-wg-2025:dx-mindset-training"]
    assert mindset["bodies"][:2] == [{"body": "区市町村", "mark": "○"}, {"body": "研修所", "mark": "△"}]
    assert isinstance(trainings["tokyo-wg-2025:infosec-training"]["skills"], list)
    # the text formats join them as before
    shown = {r["id"]: r for r in _csv(run, "list", "trainings")}
    assert shown["tokyo-wg-2025:dx-mindset-training"]["bodies"].startswith("区市町村○ 研修所△")
    shown = {r["id"]: r for r in _csv(run, "list", "frameworks")}
    assert shown["tokyo-dsm"]["version"] == ""


# -- diff ------------------------------------------------------------------------------------


def test_diff_json_an_id_a_change_lacks_is_null(run: Callable[..., str]) -> None:
    rows = _json(run, "diff", "tokyo-wg-2025", OVERLAY, "--lang", "en")
    removed = [r for r in rows if r["change"] == "removed"]
    assert removed and all(r["overlay"] is None for r in removed)
    assert "" not in [v for r in rows for v in r.values()]
    shown = [r for r in _csv(run, "diff", "tokyo-wg-2025", OVERLAY) if r["change"] == "removed"]
    assert shown and all(r["overlay"] == "" for r in shown)
    editions = (
        *EDITIONS_DIFF,
        "--lang",
        "en",
    )
    unmapped = [r for r in _json(run, *editions) if r["change"] == "unmapped"]
    assert [(r["old"], r["new"]) for r in unmapped] == [("town-std-1-2:minutes", None)]


def test_diff_json_gives_the_change_as_data_beside_the_words(run: Callable[..., str]) -> None:
    ward = str(ROOT / "examples" / "overlays" / "special-ward.yaml")
    rows = {r["change"]: r for r in _json(run, "diff", "tokyo-wg-2025", ward)}
    assert rows["renamed"]["field"] == "label"
    assert rows["renamed"]["before"] == {"label": "DX推進員", "label_en": "DX promoter"}
    assert rows["renamed"]["after"] == {"label": "DXサポーター", "label_en": "DX supporter"}
    req = rows["requirements"]
    assert req["detail"] == "+nocode-development -service-validation"  # the words stay
    assert "tokyo-wg-2025:service-validation" in req["before"] and "example-ward:nocode-development" in req["after"]
    assert "example-ward:service-validation" not in req["after"]
    rule = rows["rule"]
    assert (rule["field"], rule["before"]) == ("rule", {"kind": "dx_lead_years", "params": {"min": 1}})
    assert rule["after"] == {
        "kind": "all",
        "of": [{"kind": "dx_lead_years", "params": {"min": 1}}, {"kind": "dx_project_years", "params": {"min": 2}}],
    }
    assert (rows["added"]["field"], rows["added"]["before"], rows["added"]["after"]) == (None, None, None)
    town = {(r["change"], r["field"]): r for r in _json(run, "diff", "tokyo-wg-2025", OVERLAY)}
    inherits = town["changed", "inherits"]
    assert (inherits["before"], inherits["after"]) == (
        ["tokyo-wg-2025:general-staff"],
        ["example-town:general-staff", "example-town:dx-promoter"],
    )
    settings = town["settings", "settings"]["after"]
    assert settings["departments"] == ["総務課", "住民課", "産業課"] and settings["nearly_all"] == 0.8
    assert settings["deployed_tools"][0] == "tokyo-dsm:teams"
    assert town["settings", "settings"]["before"] == {"deployed_tools": None, "departments": [], "nearly_all": 0.9}
    # the text formats show what they showed
    shown = [r for r in _csv(run, "diff", "tokyo-wg-2025", ward) if r["change"] == "rule"]
    assert list(shown[0]) == ["change", "kind", "base", "overlay", "detail"]


def test_diff_editions_json_gives_the_pairing_and_the_values(run: Callable[..., str]) -> None:
    editions = EDITIONS_DIFF
    rows = _json(run, *editions)
    mapped = {r["old"]: r for r in rows if r["change"] == "mapped"}
    design = mapped["town-std-1-2:design"]
    assert (design["predicate"], design["confidence"], design["field"]) == ("skos:closeMatch", 0.8, None)
    assert design["detail"] == "デザイン思考 skos:closeMatch サービスデザイン (0.8)"
    (replaced,) = [r for r in rows if r["change"] == "replaced"]
    assert (replaced["predicate"], replaced["confidence"]) == ("replacedBy", 1)
    changed = {r["old"]: r for r in rows if r["change"] == "changed"}
    security = changed["town-std-1-2:security"]
    assert (security["field"], security["before"], security["after"]) == (
        "definition",
        "情報を守る",
        "情報を守り、事故に備える",
    )
    (req,) = [r for r in rows if r["change"] == "requirements"]
    assert (req["before"], req["after"]) == (
        ["town-std-1-2:security", "town-std-1-2:minutes"],
        ["town-std:security", "town-std:ai"],
    )
    renamed = {r["old"]: r for r in rows if r["change"] == "renamed"}
    assert renamed["town-std-1-2:data"]["after"] == {"label": "データ活用", "label_en": None}
    assert len({tuple(r) for r in rows}) == 1
    shown = _csv(run, *editions)
    assert list(shown[0]) == ["change", "kind", "old", "new", "detail"]


# -- form ------------------------------------------------------------------------------------


def test_form_json_choices_are_a_list(run: Callable[..., str]) -> None:
    rows = {r["label"]: r for r in _json(run, "form", "--persona", "DX推進員")}
    assert rows["trained/tokyo-wg-2025:dx-necessity"]["choices"] == ["受講済", "未受講"]
    assert rows["exp/dx_lead_count"]["choices"] == []
    text = run("form", "--persona", "DX推進員", "--format", "questions")
    assert "trained/tokyo-wg-2025:dx-necessity,研修受講,DXの必要性理解,choice,受講済 | 未受講" in text
