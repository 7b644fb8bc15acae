"""Every kind of bad catalog gives errors naming file and line — through load and validate."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

import skillframe
from skillframe.cli import main

HEAD = "format: skillframe-catalog/1\n"

GOOD = HEAD + textwrap.dedent(
    """\
    framework:
      id: town
      label: 町
      publisher: 町
      source: plan
      sources: [{id: plan, title: 町の方針}]
    skills:
      - {id: a, label: スキルA}
      - {id: b, label: スキルB}
    personas:
      - id: p
        label: 職員
        requirements: [{skill: a}, {skill: b}]
      - id: q
        label: 推進役
        inherits: [p]
    steps:
      - {id: q-step1, persona: q, rank: 1, label: Step1, rule: {trained: [a, b]}}
    """
)


def _alias_bomb() -> str:
    """Ten to the eighth strings from eight lines (billion laughs)."""
    lines = [HEAD, "framework: town\n", 'a: &a ["x","x","x","x","x","x","x","x","x","x"]\n']
    for i in range(7):
        prev, name = chr(97 + i), chr(98 + i)
        lines.append(f"{name}: &{name} [{','.join([f'*{prev}'] * 10)}]\n")
    return "".join(lines)


# name -> (file content (str or bytes), expected line, expected fragment of the message)
BAD: dict[str, tuple[str | bytes, int | None, str]] = {
    "syntax": (GOOD + "skills: [unclosed\n", 21, "YAML syntax error"),
    "unknown-reference": (
        GOOD.replace("requirements: [{skill: a}, {skill: b}]", "requirements: [{skill: a}, {skill: bb}]"),
        14,
        "unknown skill 'town:bb'",
    ),
    "duplicate-id": (GOOD.replace("{id: b, label: スキルB}", "{id: a, label: スキルB}"), 10, "duplicate id 'town:a'"),
    "duplicate-key": (GOOD.replace("  label: 町\n", "  label: 町\n  label: 村\n"), 5, "duplicate key 'label'"),
    "cycle": (GOOD.replace("label: 職員\n", "label: 職員\n    inherits: [q]\n"), None, "inheritance cycle"),
    "wrong-type": (GOOD.replace("{id: a, label: スキルA}", "{id: a, label: 42}"), 9, "expected str, got int"),
    "missing-field": (GOOD.replace("{id: a, label: スキルA}", "{id: a}"), 9, "required field missing"),
    "python-tag": (GOOD + "extra: !!python/object/apply:os.system ['echo hi']\n", 20, "is not allowed"),
    "alias-bomb": (_alias_bomb(), 1, "alias expansion too large"),
    "empty": ("", 1, "file is empty"),
    "not-utf8": ((HEAD + "framework: town\n# 日本語\n").encode("cp932"), 3, "not valid UTF-8"),
    "unknown-condition": (
        GOOD.replace("rule: {trained: [a, b]}", "rule: {trainned: [a, b]}"),
        19,
        "did you mean: trained",
    ),
    "bad-step-rank": (GOOD.replace("rank: 1", "rank: 2"), 19, "numbered 1, 2, 3"),
    "flag-without-note": (
        GOOD.replace("{id: b, label: スキルB}", "{id: b, label: スキルB, provenance: {unverified: true}}"),
        10,
        "needs a 'note'",
    ),
    "unknown-top-key": (GOOD + "skils: []\n", 20, "did you mean: skills"),
}

#: name -> the machine-readable code of the problem (programs and tests read codes, not messages)
CODES = {
    "syntax": "yaml.syntax",
    "unknown-reference": "ref.unknown",
    "duplicate-id": "id.duplicate",
    "duplicate-key": "yaml.duplicate_key",
    "cycle": "cycle",
    "wrong-type": "type",
    "missing-field": "field.missing",
    "python-tag": "yaml.tag",
    "alias-bomb": "yaml.too_large",
    "empty": "file.empty",
    "not-utf8": "file.encoding",
    "unknown-condition": "condition",
    "bad-step-rank": "rank",
    "flag-without-note": "provenance",
    "unknown-top-key": "key.unknown",
}


def _write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / f"{name}.yaml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_good_catalog_loads(tmp_path: Path) -> None:
    cat = skillframe.load(_write(tmp_path, "good", GOOD), builtins=False)
    assert [e.skill.id for e in cat.effective_skills("推進役")] == ["town:a", "town:b"]
    assert [e.origin for e in cat.effective_skills("q")] == ["town:p", "town:p"]


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_catalog_through_load(tmp_path: Path, name: str) -> None:
    content, line, fragment = BAD[name]
    path = _write(tmp_path, name, content)
    with pytest.raises(skillframe.CatalogError) as info:
        skillframe.load(path, builtins=False)
    problems = info.value.problems
    assert problems, "a CatalogError always carries its problems"
    assert all(p.file == str(path) for p in problems)
    matching = [p for p in problems if p.code == CODES[name]]
    assert matching, [(p.code, str(p)) for p in problems]
    assert fragment in matching[0].message  # the bilingual text users read
    if line is not None:
        assert matching[0].line == line, str(matching[0])
    else:
        assert matching[0].line is not None


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_catalog_through_validate(tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]) -> None:
    content, line, fragment = BAD[name]
    path = _write(tmp_path, name, content)
    code = main(["validate", str(path)])
    err = capsys.readouterr().err
    assert code == 1
    assert "Traceback" not in err
    assert fragment in err
    expected_prefix = f"{path}:{line}:" if line is not None else f"{path}:"
    assert any(row.startswith(expected_prefix) for row in err.splitlines()), err


def test_all_problems_are_reported_at_once(tmp_path: Path) -> None:
    text = GOOD.replace("{id: a, label: スキルA}", "{id: a, label: 1}").replace("{skill: b}", "{skill: zz}")
    with pytest.raises(skillframe.CatalogError) as info:
        skillframe.load(_write(tmp_path, "two", text), builtins=False)
    assert {p.code for p in info.value.problems} == {"type", "ref.unknown"}


def test_did_you_mean_for_references(tmp_path: Path) -> None:
    text = GOOD.replace("inherits: [p]", "inherits: [pp]")
    with pytest.raises(skillframe.CatalogError) as info:
        skillframe.load(_write(tmp_path, "dym", text), builtins=False)
    assert "did you mean: town:p" in str(info.value)


def test_cycle_names_the_cycle(tmp_path: Path) -> None:
    text = GOOD.replace("label: 職員\n", "label: 職員\n    inherits: [q]\n")
    with pytest.raises(skillframe.CatalogError) as info:
        skillframe.load(_write(tmp_path, "cyc", text), builtins=False)
    (problem,) = [p for p in info.value.problems if p.code == "cycle"]
    assert "town:p → town:q → town:p" in problem.message or "town:q → town:p → town:q" in problem.message


def test_validate_good_file_exits_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(_write(tmp_path, "good", GOOD))]) == 0
    assert "valid" in capsys.readouterr().out


def test_builtin_catalogs_validate(capsys: pytest.CaptureFixture[str]) -> None:
    root = Path(__file__).resolve().parents[2] / "catalogs"
    assert main(["validate", str(root)]) == 0, capsys.readouterr().err


def test_extra_file_may_refer_to_builtin_framework(tmp_path: Path) -> None:
    text = HEAD + "framework: tokyo-wg-2025\nskills:\n  - {id: town-extra, label: 町の独自スキル}\n"
    cat = skillframe.load(_write(tmp_path, "extra", text))
    assert cat.skill("町の独自スキル").id == "tokyo-wg-2025:town-extra"
