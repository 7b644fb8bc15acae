"""The rule language has one home: the specification drives parser, schema and walker."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest

import skillframe
from skillframe.conditions import ast, spec
from skillframe.conditions.parse import CONDITION_KEYS

HEAD = "format: skillframe-catalog/1\n"
CATALOG = HEAD + textwrap.dedent(
    """\
    framework: {id: town, label: 町, publisher: 町, source: plan, sources: [{id: plan, title: 町の方針}]}
    skills:
      - {id: a, label: スキルA}
      - {id: b, label: スキルB}
    personas:
      - {id: p, label: 職員, requirements: [{skill: a}, {skill: b}]}
      - {id: q, label: 推進役, inherits: [p]}
    steps:
      - {id: p-step1, persona: p, rank: 1, label: Step1, rule: {trained: [a]}}
      - {id: q-step1, persona: q, rank: 1, label: Step1, rule: RULE}
    """
)

#: One valid example of each condition kind, as written in YAML (flow style).
EXAMPLES: dict[str, str] = {
    "all": "{all: [{trained: [a]}, {mentoring: true}]}",
    "any": "{any: [{trained: [a]}, {mentoring: true}]}",
    "not": "{not: {mentoring: true}}",
    "trained": "{trained: {skills_of: self, except_tags: [x]}}",
    "dsm": "{dsm: {skills: [a], min: 2}}",
    "tools": "{tools: {tools: [excel], min: 1}}",
    "dx_project_years": "{dx_project_years: {min: 1}}",
    "dx_lead_years": "{dx_lead_years: {min: 0.5}}",
    "dx_lead_count": "{dx_lead_count: {min: 2}}",
    "mentoring": "{mentoring: false}",
    "step": "{step: {persona: p, min: 1}}",
    "custom": "{custom: {rule: nothing, params: {}}}",
}


def load(tmp_path: Path, rule: str) -> skillframe.Catalog:
    path = tmp_path / "town.yaml"
    path.write_text(CATALOG.replace("RULE", rule), encoding="utf-8")
    reg = skillframe.Registry()
    reg.register("nothing", lambda record, params, context: None)
    return skillframe.load(path, registry=reg)


def test_every_kind_is_specified_once_and_has_an_example() -> None:
    assert CONDITION_KEYS == tuple(spec.SPEC) == tuple(EXAMPLES)
    assert {k.cls for k in spec.KINDS} == set(ast.Condition.__args__)  # type: ignore[attr-defined]


@pytest.mark.parametrize("key", list(EXAMPLES))
def test_every_kind_parses_and_its_schema_accepts_it(tmp_path: Path, key: str) -> None:
    cat = load(tmp_path, EXAMPLES[key])
    rule = cat.step("town:q-step1").rule
    assert rule is not None and spec.key_of(rule) == key
    variant = next(v for v in spec.condition_schema()["oneOf"] if key in v["properties"])
    assert variant["required"] == [key]


@pytest.mark.parametrize(
    ("rule", "path", "fragment"),
    [
        ("{dsm: {skills: [a], min: 4}}", "min", "(allowed 0..3)"),
        ("{tools: {tools: [excel], min: -1}}", "min", "(allowed 0..3)"),
        ("{step: {persona: p, min: 0}}", "min", "(allowed >= 1)"),
        ("{dx_lead_count: {min: -2}}", "min", "(allowed >= 0)"),
        ("{trained: {except_tags: [x]}}", "trained", "needs one of: skills / skills_of"),
        ("{tools: {min: 1}}", "tools", "needs one of: tools / deployed"),
        ("{mentoring: maybe}", "mentoring", "takes true or false"),
        ("{all: []}", "all", "takes a non-empty list"),
        ("{dsm: 3}", "dsm", "takes a mapping ({skills: …, min: …})"),
        ("{mentorin: true}", "mentorin", "did you mean: mentoring"),
    ],
)
def test_ranges_and_shapes_come_from_the_spec(tmp_path: Path, rule: str, path: str, fragment: str) -> None:
    with pytest.raises(skillframe.CatalogError) as info:
        load(tmp_path, rule)
    problems = [p for p in info.value.problems if fragment in p.message]
    assert problems, [p.message for p in info.value.problems]
    assert problems[0].line == 11 and str(problems[0].path).endswith(f".{path}")
    assert problems[0].code == "condition"


def test_levels_range_is_written_once() -> None:
    schema: dict[str, Any] = spec.condition_schema()
    dsm = next(v for v in schema["oneOf"] if "dsm" in v["properties"])["properties"]["dsm"]
    assert (dsm["properties"]["min"]["minimum"], dsm["properties"]["min"]["maximum"]) == spec.LEVEL_RANGE == (0, 3)


def test_the_walker_finds_and_maps_every_reference() -> None:
    rule = ast.All(
        of=(
            ast.Trained(skills=("a",), skills_of="p"),
            ast.Any(of=(ast.DsmLevel(skills=("b",), min=1), ast.ToolsAtLeast(tools=("excel",), min=1))),
            ast.Not(of=ast.StepReached(persona="q", min=2)),
            ast.Mentoring(),
        )
    )
    assert [(r.kind, r.key) for r in ast.refs(rule)] == [
        ("skill", "a"),
        ("persona", "p"),
        ("skill", "b"),
        ("tool", "excel"),
        ("persona", "q"),
    ]
    mapped = ast.map_refs(rule, lambda kind, key: f"{kind}:{key}")
    assert [r.key for r in ast.refs(mapped)] == ["skill:a", "persona:p", "skill:b", "tool:excel", "persona:q"]
    assert [type(c).__name__ for c in ast.leaves(rule)] == [
        "Trained",
        "DsmLevel",
        "ToolsAtLeast",
        "StepReached",
        "Mentoring",
    ]
    assert ast.refs(rule).__next__().path == ("all", 0, "trained", "skills", 0)
