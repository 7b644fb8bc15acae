"""Evaluation: custom rules (API and CLI), rule errors, unknown values, settings, explanations."""

from __future__ import annotations

import importlib.metadata
import sys
import textwrap
from pathlib import Path
from typing import Any

import attrs
import pytest

import skillframe
from skillframe.cli import main

G = ["dx-necessity", "user-understanding", "gov-digital-basics", "security-literacy", "privacy"]
P = ["project-management", "value-discovery", "data-literacy", "bpr", "service-validation", "it-governance"]
FULL = {
    "id": "A1",
    "persona": "DX推進員",
    "trainings": G + P,
    "dx_lead_years": 2,
    "dx_lead_count": 3,
    "mentoring": True,
}


@attrs.frozen
class MinTenure:
    years: int


def town_catalog(tmp_path: Path, rule: str = "tenure", params: str = "{years: 5}") -> Path:
    path = tmp_path / "town.yaml"
    path.write_text(
        textwrap.dedent(
            f"""\
            format: skillframe-catalog/1
            framework:
              id: town
              label: 町
              publisher: 町
              source: town
              sources: [{{id: town, title: 町の育成方針}}]
            personas:
              - id: promoter
                label: 町DX推進員
                inherits: [tokyo-wg-2025:dx-promoter]
            steps:
              - id: s1
                persona: promoter
                rank: 1
                label: Step1
                rule: {{step: {{persona: tokyo-wg-2025:dx-promoter, min: 2}}}}
              - id: s2
                persona: promoter
                rank: 2
                label: Step2
                rule: {{custom: {{rule: {rule}, params: {params}}}}}
            """
        ),
        encoding="utf-8",
    )
    return path


@pytest.fixture
def registry() -> skillframe.Registry:
    reg = skillframe.Registry()

    @reg.rule("tenure", params=MinTenure)
    def tenure(record: skillframe.StaffRecord, params: MinTenure, context: Any) -> skillframe.RuleResult:
        years = record.extra.get("tenure")
        if years is None:
            return skillframe.RuleResult.unknown(expected=f">= {params.years}")
        return skillframe.RuleResult.of(int(years) >= params.years, expected=f">= {params.years}", actual=years)

    @reg.rule("boom")
    def boom(record: Any, params: Any, context: Any) -> bool:
        raise ZeroDivisionError("no")

    return reg


def test_custom_rule_changes_the_result(tmp_path: Path, registry: skillframe.Registry) -> None:
    cat = skillframe.load(town_catalog(tmp_path), registry=registry)
    ev = skillframe.evaluate(cat, "町DX推進員", {**FULL, "tenure": "3"}, registry=registry)
    assert ev.rank == 1
    assert [(u.id, u.status, u.expected, u.actual) for u in ev.unmet] == [("custom:tenure", "unmet", ">= 5", "3")]
    assert skillframe.evaluate(cat, "町DX推進員", {**FULL, "tenure": 6}, registry=registry).rank == 2
    unknown = skillframe.evaluate(cat, "町DX推進員", FULL, registry=registry)
    assert unknown.rank == 1 and unknown.unmet[0].status == "unknown"
    assert "独自ルール 'tenure'" in unknown.explain()


def test_step_reached_uses_the_other_ladder(tmp_path: Path, registry: skillframe.Registry) -> None:
    cat = skillframe.load(town_catalog(tmp_path), registry=registry)
    ev = skillframe.evaluate(cat, "町DX推進員", {**FULL, "dx_lead_years": 0.5}, registry=registry)
    assert (ev.rank, ev.unmet_ids) == (0, ["step:tokyo-wg-2025:dx-promoter>=2"])
    assert ev.unmet[0].actual == 1


def test_unknown_rule_and_bad_params_are_catalog_errors(tmp_path: Path, registry: skillframe.Registry) -> None:
    with pytest.raises(skillframe.CatalogError) as info:
        skillframe.load(town_catalog(tmp_path, rule="tenur"), registry=registry)
    (problem,) = info.value.problems
    assert problem.line is not None and "did you mean: tenure" in problem.message
    with pytest.raises(skillframe.CatalogError) as info:
        skillframe.load(town_catalog(tmp_path, params="{years: many}"), registry=registry)
    assert "years" in str(info.value) and "wrong type" in str(info.value)


def test_a_raising_rule_gives_a_named_rule_error(tmp_path: Path, registry: skillframe.Registry) -> None:
    cat = skillframe.load(town_catalog(tmp_path, rule="boom", params="{}"), registry=registry)
    with pytest.raises(skillframe.RuleError) as info:
        skillframe.evaluate(cat, "町DX推進員", FULL, registry=registry)
    assert info.value.rule == "boom" and info.value.record_id == "A1"
    assert isinstance(info.value.cause, ZeroDivisionError)


def test_custom_rule_through_the_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    module = tmp_path / "town_rules.py"
    module.write_text(
        textwrap.dedent(
            """\
            import attrs, skillframe

            @attrs.frozen
            class P:
                years: int

            @skillframe.rule("tenure", params=P)
            def tenure(record, params, context):
                return int(record.extra.get("tenure", 0)) >= params.years
            """
        ),
        encoding="utf-8",
    )
    staff = tmp_path / "staff.csv"
    trainings = ";".join(G + P)
    staff.write_text(
        "id,persona,trainings,dx_lead_years,dx_lead_count,mentoring,tenure\n"
        f"a,町DX推進員,{trainings},2,2,はい,7\n"
        f"b,町DX推進員,{trainings},2,2,はい,1\n",
        encoding="utf-8",
    )
    sys.path.insert(0, str(tmp_path))
    try:
        code = main(
            ["evaluate", str(staff), "--rules", "town_rules", "-c", str(town_catalog(tmp_path)), "-f", "csv", "--wide"]
        )
    finally:
        sys.path.remove(str(tmp_path))
        skillframe.default_registry.unregister("tenure")
        sys.modules.pop("town_rules", None)
    out = capsys.readouterr().out.splitlines()
    assert code == 0
    # columns: row, id, persona, department, step, rank (--wide), next step, missing (CSV: the input row first)
    assert out[1].startswith("2,a,町DX推進員,,Step2,2,—,0") and out[2].startswith("3,b,町DX推進員,,Step1,1,Step2,1")


def test_entry_points_load_lazily_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def register(reg: skillframe.Registry) -> None:
        calls.append("x")
        reg.register("from-package", lambda r, p, c: True)

    class EP:
        def load(self) -> Any:
            return register

    monkeypatch.setattr(importlib.metadata, "entry_points", lambda group: [EP()] if group == "skillframe.rules" else [])
    reg = skillframe.Registry(entry_points=True)
    assert calls == []
    assert "from-package" in reg.names()
    reg.get("from-package")
    assert calls == ["x"]


def test_the_default_aggregation_needs_no_entry_points(monkeypatch: pytest.MonkeyPatch) -> None:
    """Evaluating with the default aggregation does not scan the installed packages; a
    packaged rule set that registers the default's name is refused, with a warning."""
    calls: list[str] = []

    def register(reg: skillframe.Registry) -> None:
        calls.append("x")
        reg.aggregation("every-item")(lambda tool, ticked: 3)
        reg.aggregation("generous")(lambda tool, ticked: 3)

    class EP:
        def load(self) -> Any:
            return register

    monkeypatch.setattr(importlib.metadata, "entry_points", lambda group: [EP()] if group == "skillframe.rules" else [])
    reg = skillframe.Registry(entry_points=True)
    cat = skillframe.load()
    rec = {"id": "x", "trainings": G, "tool_checks": {"Excel": ["excel-1-1"]}}
    ev = skillframe.evaluate(cat, "一般行政職員", rec, registry=reg, deployed_tools=["Excel"])
    assert calls == []
    assert ev.facts[3] == {"tokyo-dsm:excel": 0}
    with pytest.warns(RuntimeWarning, match="every-item"):
        assert "generous" in reg.aggregations()
    assert calls == ["x"]
    assert reg.get_aggregation("every-item") is skillframe.conditions.registry.every_item
    assert reg.get_aggregation("generous")(cat.tool("Excel"), frozenset()) == 3


def test_deployed_tools_setting() -> None:
    cat = skillframe.load()
    rec = {"id": "g", "trainings": G, "tools": {"Excel": 1}}
    assert skillframe.evaluate(cat, "一般行政職員", rec).rank == 1
    assert skillframe.evaluate(cat, "一般行政職員", rec, deployed_tools=["Excel"]).rank == 2
    s = skillframe.EvaluationSettings(deployed_tools=("excel", "teams"))
    assert skillframe.evaluate(cat, "一般行政職員", rec, settings=s).unmet_ids == ["tool:tokyo-dsm:teams>=1"]


def test_counted_checklist_item() -> None:
    cat = skillframe.load()
    lv1 = ["excel-1-1", "excel-1-2", "excel-1-3", "excel-1-4", "excel-2-2", "excel-2-3", "excel-2-4"]
    base = {"id": "x", "trainings": G}
    four = ["SUM", "ROUND", "excel-2-1:XLOOKUP", "IF/IFS"]
    for ticks, level in ((lv1 + four, 1), ([*lv1, *four, "INDIRECT"], 2), ([*lv1, "excel-2-1"], 2)):
        ev = skillframe.evaluate(
            cat, "一般行政職員", {**base, "tool_checks": {"Excel": ticks}}, deployed_tools=["Excel"]
        )
        assert ev.facts[3] == {"tokyo-dsm:excel": level}


def test_custom_aggregation() -> None:
    reg = skillframe.Registry()

    @reg.aggregation("half")
    def half(tool: skillframe.Tool, ticked: frozenset[str]) -> int:
        return 3 if len(ticked) >= 2 else 0

    cat = skillframe.load()
    rec = {"id": "x", "trainings": G, "tool_checks": {"Excel": ["excel-3-1", "excel-3-2"]}}
    s = skillframe.EvaluationSettings(deployed_tools=("Excel",), aggregation="half")
    assert skillframe.evaluate(cat, "一般行政職員", rec, registry=reg, settings=s).rank == 2
    assert skillframe.evaluate(cat, "一般行政職員", rec, settings=attrs.evolve(s, aggregation="every-item")).rank == 1


def test_evaluate_many_streams_and_takes_persona_from_records() -> None:
    cat = skillframe.load()
    rows = ({**FULL, "id": str(i)} for i in range(5))
    evs = skillframe.evaluate_many(cat, None, rows)
    assert next(evs).rank == 3
    assert [e.record_id for e in evs] == ["1", "2", "3", "4"]
    with pytest.raises(skillframe.StaffDataError):
        list(skillframe.evaluate_many(cat, None, [{"id": "x"}]))


def test_explain_in_both_languages() -> None:
    cat = skillframe.load()
    ev = skillframe.evaluate(cat, "全庁情報システム担当", {"id": "i", "trainings": ["project-management"]})
    assert ev.rank == 0
    assert ev.explain("ja").splitlines()[1] == "  - DSM システム管理 Lv1以上: 現在 不明"
    assert ev.explain("en").splitlines()[1] == "  - DSM System management Lv1+: unknown"
    top = skillframe.evaluate(cat, "DX推進員", FULL)
    assert top.next_step is None and top.unmet == () and "最上位" in top.explain()


def test_staff_record_and_mapping_agree() -> None:
    cat = skillframe.load()
    rec = skillframe.StaffRecord.from_mapping(FULL)
    assert skillframe.evaluate(cat, None, rec).rank == skillframe.evaluate(cat, None, FULL).rank == 3


def test_unknown_skill_key_in_a_record() -> None:
    with pytest.raises(skillframe.UnknownKeyError):
        skillframe.evaluate(skillframe.load(), "DX推進員", {"id": "x", "trainings": ["業務分析/BRP"]})


def test_streaming_hands_out_results_before_a_bad_record() -> None:
    # evaluate_many works in batches; a bad record still comes after the good ones before it.
    cat = skillframe.load()
    trained = [e.skill.id for e in cat.effective_skills("DX推進員") if "tool" not in e.skill.tags]
    good = [{"id": str(i), "trainings": trained, "dx_lead_years": 1} for i in range(300)]
    bad = {"id": "bad", "trainings": trained, "dx_lead_years": "three years"}
    seen = []
    with pytest.raises(skillframe.StaffDataError) as info:
        for ev in skillframe.evaluate_many(cat, "DX推進員", [*good, bad, *good]):
            seen.append(ev.rank)
    assert seen == [2] * 300
    assert "bad" in str(info.value)
