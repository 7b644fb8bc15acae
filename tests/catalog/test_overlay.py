"""A municipality's own catalog: overlays on the WG standard (copy on write), and `skillframe diff`."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

import skillframe
from skillframe.cli import main

ROOT = Path(__file__).resolve().parents[2]
WARD = ROOT / "examples" / "overlays" / "special-ward.yaml"
TOWN = ROOT / "examples" / "overlays" / "small-town.yaml"

HEAD = textwrap.dedent(
    """\
    format: skillframe-catalog/1
    framework:
      id: town
      label: 町
      publisher: 町
      source: plan
      sources: [{id: plan, title: 町の方針}]
      extends: tokyo-wg-2025
    """
)


def overlay(tmp_path: Path, body: str, head: str = HEAD) -> Path:
    path = tmp_path / "town.yaml"
    path.write_text(head + textwrap.dedent(body), encoding="utf-8")
    return path


def test_base_is_unchanged_after_loading_an_overlay() -> None:
    plain = skillframe.load()
    with_overlays = skillframe.load(WARD, TOWN)
    for d in plain.iter_definitions():
        assert with_overlays.get(d.id) == d, d.id
    assert with_overlays.framework("tokyo-wg-2025") == plain.framework("tokyo-wg-2025")
    assert len(with_overlays.effective_skills("tokyo-wg-2025:dx-promoter")) == 17


def test_rename_keeps_the_old_label_findable() -> None:
    cat = skillframe.load(WARD)
    p = cat.persona("DXサポーター")
    assert p.id == "example-ward:dx-promoter"
    assert "DX推進員" in p.aliases
    # The overlay shadows its base: the ward's DX推進員 is its DXサポーター.
    assert cat.persona("DX推進員").id == "example-ward:dx-promoter"
    assert cat.persona("DX推進員", framework="tokyo-wg-2025").id == "tokyo-wg-2025:dx-promoter"


def test_add_and_remove_requirements_and_skills() -> None:
    cat = skillframe.load(WARD)
    skills = [e.skill.id.split(":")[1] for e in cat.effective_skills("DXサポーター") if not e.inherited]
    assert "nocode-development" in skills
    assert "service-validation" not in skills
    assert cat.skill("ノーコード開発").framework == "example-ward"


def test_extend_a_step_rule() -> None:
    cat = skillframe.load(WARD)
    rule = cat.step("dx-promoter-step2", framework="example-ward").rule
    assert isinstance(rule, skillframe.model.All)
    assert {type(c).__name__ for c in rule.of} == {"NumberAtLeast"}


def test_replace_a_step_rule(tmp_path: Path) -> None:
    path = overlay(
        tmp_path,
        """\
        overlay:
          rules:
            - step: dx-promoter-step3
              replace: {dx_lead_count: {min: 3}}
        """,
    )
    cat = skillframe.load(path)
    assert cat.step("dx-promoter-step3", framework="town").rule == skillframe.model.NumberAtLeast(
        field="dx_lead_count", min=3
    )


def test_merge_two_personas_for_a_one_person_it_office() -> None:
    cat = skillframe.load(TOWN)
    p = cat.persona("全庁DX・情報システム担当")
    assert p.id == "example-town:it-central"
    assert cat.persona("全庁DX推進担当", framework="example-town") is p  # the merged label is an alias
    assert cat.persona("全庁DX推進担当") is p  # and shadows the standard's persona it absorbed
    own = {r.skill.split(":")[1] for r in p.requirements}
    assert {"change-management", "data-ai-implementation", "it-strategy"} <= own
    assert [s.rank for s in cat.steps(p.id)] == [1, 2, 3]
    assert "tool-bi" not in {s.id.split(":")[1] for s in cat.skills("example-town")}


def test_settings() -> None:
    cat = skillframe.load(TOWN)
    s = cat.settings("example-town")
    assert s.deployed_tools == ("tokyo-dsm:teams", "tokyo-dsm:word", "tokyo-dsm:excel", "tokyo-dsm:logo-form")
    assert s.nearly_all == 0.8
    assert cat.settings("tokyo-wg-2025").deployed_tools is None  # default: every tool


def test_add_persona_to_overlay(tmp_path: Path) -> None:
    path = overlay(
        tmp_path,
        """\
        personas:
          - id: dx-mentor
            label: DXメンター
            inherits: [dx-promoter]
            requirements: [{skill: change-management}]
        """,
    )
    cat = skillframe.load(path)
    assert len(cat.effective_skills("DXメンター")) == 18


def test_copies_remember_their_origin() -> None:
    cat = skillframe.load(WARD)
    assert cat.copied_from("example-ward:bpr") == "tokyo-wg-2025:bpr"
    assert cat.copied_from("example-ward:nocode-development") is None


# -- bad overlays ------------------------------------------------------------------------------


def problems(path: Path) -> list[skillframe.Problem]:
    with pytest.raises(skillframe.CatalogError) as info:
        skillframe.load(path)
    return list(info.value.problems)


def test_unknown_base(tmp_path: Path) -> None:
    path = overlay(tmp_path, "", head=HEAD.replace("extends: tokyo-wg-2025", "extends: tokyo-wg-2052"))
    (p,) = problems(path)
    assert p.file == str(path) and p.line == 8
    assert "unknown base framework 'tokyo-wg-2052'" in p.message and "tokyo-wg-2025" in p.message


def test_reference_to_a_removed_skill(tmp_path: Path) -> None:
    path = overlay(
        tmp_path,
        """\
        overlay:
          remove: [bpr]
          add_requirements:
            - {persona: dx-central, skill: bpr}
        """,
    )
    found = problems(path)
    assert any("removed skill 'tokyo-wg-2025:bpr'" in p.message or "town:bpr" in p.message for p in found)
    assert all(p.file == str(path) for p in found)
    assert {p.line for p in found} <= {10, 12}


def test_removed_skill_still_named_by_a_step(tmp_path: Path) -> None:
    path = overlay(tmp_path, "overlay:\n  remove: [cybersecurity]\n")
    found = problems(path)
    assert found and all(p.file == str(path) and p.line == 10 for p in found)
    assert "it-central-step1" in found[0].message


def test_cycle_created_by_a_merge(tmp_path: Path) -> None:
    path = overlay(
        tmp_path,
        """\
        overlay:
          merge:
            - {into: general-staff, merged: dx-central}
        """,
    )
    found = problems(path)
    assert any("cycle" in p.message for p in found), found
    assert all(p.file == str(path) and p.line == 11 for p in found)


def test_overlay_without_extends(tmp_path: Path) -> None:
    path = overlay(tmp_path, "overlay:\n  remove: [bpr]\n", head=HEAD.replace("  extends: tokyo-wg-2025\n", ""))
    (p,) = problems(path)
    assert "needs 'framework.extends'" in p.message


def test_unknown_deployed_tool(tmp_path: Path) -> None:
    head = HEAD + "  settings: {deployed_tools: [teams, exel]}\n"
    (p,) = problems(overlay(tmp_path, "", head=head))
    assert "unknown tool 'tokyo-dsm:exel'" in p.message and "tokyo-dsm:excel" in p.message


def test_added_definition_colliding_with_a_copy(tmp_path: Path) -> None:
    path = overlay(tmp_path, "skills:\n  - {id: bpr, label: 町のBPR}\n")
    (p,) = problems(path)
    assert "already comes from the base framework" in p.message and p.line == 10


# -- CLI ------------------------------------------------------------------------------------------


def test_load_overlay_through_cli(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "DXサポーター", "--catalog", str(WARD)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("DXサポーター  (example-ward:dx-promoter, persona)")
    assert "ノーコード開発" in out


def test_validate_overlays(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(WARD), str(TOWN)]) == 0


def test_diff_lists_each_kind_of_change(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "tokyo-wg-2025", str(WARD), "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert "renamed,persona,tokyo-wg-2025:dx-promoter,example-ward:dx-promoter,DX推進員 → DXサポーター" in out
    assert "+nocode-development -service-validation" in out
    assert "rule,step,tokyo-wg-2025:dx-promoter-step2" in out
    assert "added,skill,,example-ward:nocode-development" in out
    assert "settings,framework" in out
    assert main(["diff", "tokyo-wg-2025", str(TOWN)]) == 0
    out = capsys.readouterr().out
    assert "merged" in out and "全庁DX・情報システム担当" in out


def test_diff_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "tokyo-wg-2025", str(tmp_path / "missing.yaml")]) == 2
    bad = overlay(tmp_path, "overlay:\n  remove: [nothing-here]\n")
    assert main(["diff", "tokyo-wg-2025", str(bad)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:10" in err and "Traceback" not in err
    assert main(["diff"]) == 2


def test_evaluation_uses_the_overlays_deployed_tools() -> None:
    # example-town deployed only Teams, Word, Excel and LoGoフォーム: Step2 needs those at Lv1, no more.
    cat = skillframe.load(TOWN)
    general = [e.skill.id.split(":")[1] for e in cat.effective_skills("example-town:general-staff")]
    record = {
        "id": "t1",
        "trainings": [s for s in general if not s.startswith("tool-")],
        "tools": {"teams": 1, "word": 2, "excel": 1, "logo-form": 1},
    }
    town = skillframe.evaluate(cat, "example-town:general-staff", record)
    assert town.rank == 2, town.explain("en")
    standard = skillframe.evaluate(cat, "tokyo-wg-2025:general-staff", record)
    assert standard.rank == 1  # the standard asks for every tool: the others are unknown
    assert any(u.id == "tool:tokyo-dsm:kintone>=1" for u in standard.unmet)


def test_overlaid_is_a_pure_function() -> None:
    # base state + overlay -> new state; the state given is left as it was
    from skillframe import model as m
    from skillframe._build.overlay import OverlayState, overlaid

    cat = skillframe.load(cache=False)  # built here: a cached catalog keeps no build state (_data.located)
    base = cat.framework("tokyo-wg-2025")
    data = cat._data  # the built state the catalog was made from
    state = OverlayState({k: dict(v) for k, v in data.definitions.items()}, dict(data.located), {}, {}, set())
    before = {k: dict(v) for k, v in state.defs.items()}
    spec = m.Overlay(remove=("bpr",))

    class Where:
        def problem(self, sub: tuple[str | int, ...], message: str, code: str = "overlay") -> skillframe.Problem:
            return skillframe.Problem("town.yaml", message, code=code)

    new = overlaid(state, base, "town", spec=spec, rule_changes=[], where=Where())
    assert state.defs == before and state.copied_from == {}  # unchanged
    assert "town:dx-promoter" in new.defs["personas"] and "town:bpr" not in new.defs["skills"]
    assert new.copied_from["town:dx-promoter"] == "tokyo-wg-2025:dx-promoter"
