"""Custom rules an overlay adds to a base step: problems are reported where the overlay wrote them.

An overlay's ``extend``/``replace`` lands in a copy of a built-in step, but an unknown
rule or wrong parameters are the overlay file's mistake: file, line and column are the
overlay's (never ``catalogs/tokyo-wg-2025/steps.yaml``), through the API, ``validate``
and ``evaluate --catalog``.
"""

from __future__ import annotations

import textwrap
import uuid
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

import skillframe
from skillframe.cli import main

HEAD = textwrap.dedent(
    """\
    format: skillframe-catalog/1
    framework:
      id: rule-town
      label: 規則町
      publisher: 規則町
      source: s
      sources: [{id: s, title: 規則町}]
      extends: tokyo-wg-2025
    overlay:
      rules:
        - step: dx-promoter-step1
    """
)
RULE_LINE = 12  # the line of `extend:` / `replace:` in HEAD + one change line


def town(tmp_path: Path, change: str) -> Path:
    path = tmp_path / "rule-town.yaml"
    path.write_text(HEAD + f"      {change}\n", encoding="utf-8")
    return path


def problems(path: Path, registry: skillframe.Registry | None = None) -> list[skillframe.Problem]:
    with pytest.raises(skillframe.CatalogError) as info:
        skillframe.load(path, registry=registry, cache=False)
    return list(info.value.problems)


@attrs.frozen
class Years:
    years: int


@pytest.fixture
def tenure() -> Iterator[str]:
    """A rule with parameters registered on the default registry (a unique name, removed after)."""
    name = f"tenure-{uuid.uuid4().hex[:8]}"
    skillframe.rule(name, params=Years)(lambda record, params, context: True)
    yield name
    skillframe.default_registry.unregister(name)


def test_unknown_rule_in_extend_is_reported_at_the_overlay(tmp_path: Path) -> None:
    path = town(tmp_path, "extend: {custom: {rule: no-such-rule, params: {n: 1}}}")
    (p,) = problems(path)
    assert (p.file, p.line, p.code) == (str(path), RULE_LINE, "rule.unknown")
    assert p.column == len("      extend: {custom: {") + 1  # at the `rule:` key
    assert p.path == "$.overlay.rules[0].extend.custom.rule"
    assert "no-such-rule" in p.message
    # how a rule becomes known, in both languages
    assert "--rules MODULE|FILE.py" in p.message and "@skillframe.rule" in p.message
    assert "コマンドでは" in p.message and "on the command line" in p.message


def test_unknown_rule_in_replace_nested_is_reported_where_written(tmp_path: Path) -> None:
    path = town(tmp_path, "replace: {all: [{mentoring: true}, {custom: {rule: no-such-rule}}]}")
    (p,) = problems(path)
    assert (p.file, p.line, p.code) == (str(path), RULE_LINE, "rule.unknown")
    assert p.path == "$.overlay.rules[0].replace.all[1].custom.rule"


def test_near_name_is_suggested(tmp_path: Path, tenure: str) -> None:
    path = town(tmp_path, f"extend: {{custom: {{rule: {tenure}x, params: {{years: 3}}}}}}")
    (p,) = problems(path)
    assert p.code == "rule.unknown" and p.line == RULE_LINE
    assert f"did you mean: {tenure}" in p.message


def test_wrong_params_are_reported_at_the_overlay(tmp_path: Path, tenure: str) -> None:
    path = town(tmp_path, f"extend: {{custom: {{rule: {tenure}, params: {{years: many}}}}}}")
    (p,) = problems(path)
    assert (p.file, p.line, p.code) == (str(path), RULE_LINE, "rule.params")
    assert p.path == "$.overlay.rules[0].extend.custom.params"
    assert "years" in p.message


def test_a_known_rule_extends_the_copied_step(tmp_path: Path, tenure: str) -> None:
    path = town(tmp_path, f"extend: {{custom: {{rule: {tenure}, params: {{years: 3}}}}}}")
    cat = skillframe.load(path, cache=False)
    rule = cat.step("rule-town:dx-promoter-step1").rule
    assert isinstance(rule, skillframe.model.All)
    assert rule.of[-1] == skillframe.model.CustomRule(rule=tenure, params=(("years", 3),))
    assert cat.step("tokyo-wg-2025:dx-promoter-step1").rule != rule  # the base is untouched


def test_a_registry_given_to_load_is_used(tmp_path: Path) -> None:
    registry = skillframe.Registry()
    registry.rule("local-rule")(lambda record, params, context: True)
    path = town(tmp_path, "extend: {custom: {rule: local-rule}}")
    skillframe.load(path, registry=registry, cache=False)
    (p,) = problems(path)  # the default registry does not know it
    assert p.code == "rule.unknown" and p.file == str(path)


def test_unknown_rule_in_a_step_of_the_file_itself(tmp_path: Path) -> None:
    path = tmp_path / "own.yaml"
    path.write_text(
        HEAD.split("overlay:")[0]
        + "steps:\n  - id: s1\n    persona: tokyo-wg-2025:dx-promoter\n    rank: 9\n    label: x\n"
        "    rule: {custom: {rule: no-such-rule}}\n",
        encoding="utf-8",
    )
    found = [p for p in problems(path) if p.code == "rule.unknown"]
    assert [(p.file, p.line, p.path) for p in found] == [(str(path), 14, "$.steps[0].rule.custom.rule")]


def test_unknown_skill_in_extend_is_reported_where_written(tmp_path: Path) -> None:
    path = town(tmp_path, "extend: {all: [{mentoring: true}, {trained: [bprr]}]}")
    (p,) = problems(path)
    assert (p.file, p.line, p.code) == (str(path), RULE_LINE, "ref.unknown")
    assert p.path == "$.overlay.rules[0].extend.all[1].trained[0]"
    assert "unknown skill 'rule-town:bprr'" in p.message and "did you mean: rule-town:bpr" in p.message


# -- the command line ---------------------------------------------------------------------------


def test_validate_reports_the_overlay_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = town(tmp_path, "extend: {custom: {rule: no-such-rule, params: {n: 1}}}")
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}:{RULE_LINE}:" in err and "no-such-rule" in err
    assert "--rules MODULE|FILE.py" in err
    assert "tokyo-wg-2025" not in err.split("no-such-rule")[0]
    assert "steps.yaml" not in err


def test_evaluate_reports_the_overlay_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    path = town(tmp_path, "extend: {custom: {rule: no-such-rule}}")
    staff = tmp_path / "staff.csv"
    staff.write_text("職員番号,所属,人材像\n1,総務課,rule-town:dx-promoter\n", encoding="utf-8")
    assert main(["evaluate", str(staff), "--catalog", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}:{RULE_LINE}:" in err and "no-such-rule" in err
    assert "steps.yaml" not in err


def test_rules_module_given_but_name_misspelt(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    name = f"rules_{uuid.uuid4().hex[:8]}"
    rule_name = f"rule-{uuid.uuid4().hex[:8]}"
    module = tmp_path / f"{name}.py"
    module.write_text(
        f"import skillframe\n\n@skillframe.rule({rule_name!r})\ndef r(record, params, context):\n    return True\n",
        encoding="utf-8",
    )
    try:
        path = town(tmp_path, f"extend: {{custom: {{rule: {rule_name}s}}}}")
        assert main(["validate", "--rules", str(module), str(path)]) == 1
        err = capsys.readouterr().err
        assert f"{path}:{RULE_LINE}:" in err and f"did you mean: {rule_name}" in err
        ok = town(tmp_path, f"extend: {{custom: {{rule: {rule_name}}}}}")
        assert main(["validate", "--rules", str(module), str(ok)]) == 0, capsys.readouterr().err
    finally:
        skillframe.default_registry.unregister(rule_name)
