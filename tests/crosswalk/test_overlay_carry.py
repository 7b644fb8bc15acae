"""An overlay's copies carry their base's mappings over, by one rule: map, the report's
総務省 levels, and the SSSOM, SKOS and CASE exports give the same answer.

The rule (``skillframe._crosswalk.copies``): a copy the overlay left unchanged is
``exactMatch`` its base and carries every mapping as it is; a copy it changed is only
``closeMatch`` its base, so under the chain rules only an exact match carries, as a close one.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import skillframe
from skillframe.cli import main
from skillframe.organisation.mic_levels import positive_mappings

WG, MIC = "tokyo-wg-2025", "mic-guidebook-2024"
TOWN = "niseko-like-town"
LEVEL3 = f"{MIC}:org-level.level3"

# The trial's town catalog: an overlay that changes nothing of the standard (settings only).
TOWN_YAML = f"""\
format: skillframe-catalog/1
framework:
  id: {TOWN}
  label: 架空町 デジタル人材確保・育成基本方針
  publisher: 架空町
  issued: "2026-04"
  extends: {WG}
  source: town-policy
  sources:
    - id: town-policy
      title: 架空町 デジタル人材確保・育成基本方針
  settings:
    departments: [総務課, 企画課]
    deployed_tools: [teams, word, excel]
"""

# The town's own mapping of its copy: it says Step2 is NOT close to level 3.
TOWN_MAP = f"""\
format: skillframe-mappings/1
mapping_set: {{id: town-own, title: 町の対応, license: https://spdx.org/licenses/MIT.html}}
mappings:
  - {{subject: {TOWN}:dx-promoter-step2, predicate: skos:closeMatch, predicate_modifier: Not,
     object: {LEVEL3}, basis: judgement, confidence: 0.9, comment: the town says not}}
"""


@pytest.fixture(scope="module")
def town_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("town") / "town.yaml"
    path.write_text(TOWN_YAML, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def town(town_file: Path) -> skillframe.Catalog:
    return skillframe.load(town_file, cache=False)


@pytest.fixture(scope="module")
def ward(root: Path) -> skillframe.Catalog:
    """The example ward: renames DX推進員, changes its requirements, extends its Step2's rule."""
    return skillframe.load(root / "examples" / "overlays" / "special-ward.yaml", cache=False)


def test_unchanged_copy_carries_the_base_mapping(town: skillframe.Catalog) -> None:
    base = town.map(f"{WG}:dx-promoter-step2", to=MIC)
    (m,) = town.map(f"{TOWN}:dx-promoter-step2", to=MIC)
    (b,) = [x for x in base if x.object_id == LEVEL3]
    assert (m.predicate, m.object_id, m.confidence, m.basis) == (b.predicate, LEVEL3, b.confidence, b.basis)
    assert (m.predicate, m.confidence) == ("skos:closeMatch", 0.5)
    assert m.derived and m.justification == "semapv:MappingChaining" and m.carried_from is b
    hop = m.path[0]
    assert (hop.subject_id, hop.predicate, hop.object_id) == (
        f"{TOWN}:dx-promoter-step2",
        "skos:exactMatch",
        b.subject_id,
    )
    assert hop.locator == "extends" and TOWN in (hop.comment or "")
    # direct only: the base's direct mapping still stands for the copy's
    assert [x.object_id for x in town.map(f"{TOWN}:dx-promoter-step2", to=MIC, derived=False)] == [LEVEL3]


def test_report_levels_use_the_same_mappings_as_map(town: skillframe.Catalog) -> None:
    sid = f"{TOWN}:dx-promoter-step2"
    assert positive_mappings(town, sid, MIC) == [m for m in town.map(sid, to=MIC) if not m.negated]


def test_changed_copy_carries_its_base_mappings_weakened(ward: skillframe.Catalog) -> None:
    step2 = "example-ward:dx-promoter-step2"  # the ward extended its rule
    hop = ward.crosswalk.copies[step2]
    assert (hop.predicate, hop.basis) == ("skos:closeMatch", "judgement")
    assert ward.crosswalk.copies["example-ward:dx-promoter-step1"].predicate == "skos:exactMatch"
    # the base's close match to level 3 carries as close, a judgement: the ward keeps its 総務省 level
    (lv3,) = ward.map(step2, to=MIC)
    assert (lv3.predicate, lv3.object_id, lv3.confidence, lv3.basis) == ("skos:closeMatch", LEVEL3, 0.5, "judgement")
    assert lv3.carried_from is not None and positive_mappings(ward, step2, MIC) == [lv3]
    assert "changed" in (ward.crosswalk.copies[step2].comment or "")
    # the base's exact match (draft Lv3 = Step2, inverted) carries, as a close match
    carried = {m.object_id: m for m in ward.map(step2, to=WG)}
    m = carried[f"{WG}:draft-dx-promoter-level.lv3"]
    assert (m.predicate, m.basis, m.carried_from is not None) == ("skos:closeMatch", "judgement", True)
    # an unchanged copy of the same overlay carries as is
    assert [(m.predicate, m.object_id) for m in ward.map("example-ward:general-staff-step2", to=MIC)] == [
        ("skos:closeMatch", LEVEL3)
    ]


def test_a_mapping_of_the_copy_itself_wins(town_file: Path, tmp_path: Path) -> None:
    own = tmp_path / "town-map.yaml"
    own.write_text(TOWN_MAP, encoding="utf-8")
    cat = skillframe.load(town_file, own, cache=False)
    (m,) = cat.map(f"{TOWN}:dx-promoter-step2", to=MIC)
    assert m.negated and m.carried_from is None
    assert positive_mappings(cat, f"{TOWN}:dx-promoter-step2", MIC) == []


def test_cli_map_of_the_copy(town_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["map", f"{TOWN}:dx-promoter-step2", "--to", MIC, "--catalog", str(town_file)]) == 0
    out = capsys.readouterr().out
    assert "対応なし" not in out and LEVEL3 in out and "0.50" in out and "基底から引き継ぎ" in out


def test_sssom_export_says_where_a_carried_mapping_comes_from(town_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "town.sssom.tsv"
    assert main(["export", "sssom", "--catalog", str(town_file), "-o", str(out)]) == 0
    rows = skillframe.read_sssom(out).mappings
    (r,) = [r for r in rows if r.subject_id == f"{TOWN}:dx-promoter-step2" and r.object_id == LEVEL3]
    assert (r.predicate_id, r.justification, r.confidence, r.basis) == (
        "skos:closeMatch",
        "semapv:MappingChaining",
        0.5,
        "judgement",
    )
    assert f"carried over from the base framework's mapping via the overlay {TOWN}" in (r.comment or "")
    assert f"{WG}:dx-promoter-step2 skos:closeMatch {LEVEL3}" in (r.comment or "")
    derived = tmp_path / "town-derived.sssom.tsv"
    assert main(["export", "sssom", "--derived", "--catalog", str(town_file), "-o", str(derived)]) == 0
    more = skillframe.read_sssom(derived).mappings
    assert any(x.subject_id == r.subject_id and x.object_id == LEVEL3 for x in more)


def test_skos_export_of_the_overlay_has_its_carried_mappings(town_file: Path, tmp_path: Path) -> None:
    pytest.importorskip("rdflib")
    out = tmp_path / "town.ttl"
    assert main(["export", "skos", "--catalog", str(town_file), "--framework", TOWN, "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "skos:closeMatch" in text and "org-level.level3" in text


def test_case_export_of_the_overlay(town: skillframe.Catalog, town_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "town.case.json"
    assert main(["export", "case", "--catalog", str(town_file), "--framework", TOWN, "-o", str(out)]) == 0
    pkg = json.loads(out.read_text(encoding="utf-8"))
    maps = [a for a in pkg["CFAssociations"] if a["notes"].startswith("skos:")]
    want = [m for m in town.crosswalk.carried() if m.subject.framework == TOWN and not m.negated]
    assert len(maps) == len(want) > 0
    by_origin = {(a["originNodeURI"]["title"], a["destinationNodeURI"]["title"]): a for a in maps}
    step2 = town.get(f"{TOWN}:dx-promoter-step2").label
    a = by_origin[(step2, town.get(LEVEL3).label)]
    assert a["associationType"] == "isRelatedTo" and a["notes"].startswith("skos:closeMatch; confidence 0.5")
    assert "carried over from the base framework's mapping via the overlay" in a["notes"]
    assert a["extensions"]["skillframe"]["carried_from"]["subject"] == f"{WG}:dx-promoter-step2"


def test_case_export_invents_no_status(town_file: Path, tmp_path: Path) -> None:
    """town.yaml states neither status nor verified: the export says neither (the standard's does)."""
    out = tmp_path / "town.case.json"
    assert main(["export", "case", "--catalog", str(town_file), "--framework", TOWN, "-o", str(out)]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))["CFDocument"]
    assert "adoptionStatus" not in doc
    assert "verified: full" not in doc["notes"] and "verified: not stated in the catalog" in doc["notes"]
    fw = skillframe.load(town_file, cache=False).framework(TOWN)
    assert (fw.status, fw.verified) == (None, None)
    std = skillframe.load().framework(WG)
    assert (std.status, std.verified) == ("current", "full")  # stated in catalogs/tokyo-wg-2025
