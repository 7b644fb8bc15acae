"""The YAML corpus (tests/data/catalogs/, made by make_catalogs.py): each kind of fault, exactly.

Issue 10 items 12 (``.nan``/``.inf``), 18 (YAML 1.1 numbers), 19 (ids match in full) and
20 (no recursion limit reachable from input) — through ``load``/``read_targets`` and the CLI.
"""

from __future__ import annotations

from pathlib import Path

import make_catalogs
import pytest

import skillframe
from skillframe.cli import main

DATA = Path(__file__).resolve().parents[1] / "data" / "catalogs"


def test_corpus_files_are_what_the_script_writes() -> None:
    files = make_catalogs.files()
    for name, text in files.items():
        assert (DATA / name).read_text(encoding="utf-8") == text, f"run make_catalogs.py ({name} differs)"


def _problems(name: str) -> list[tuple[str, int | None, int | None, str | None]]:
    with pytest.raises(skillframe.CatalogError) as info:
        skillframe.load(DATA / name, builtins=False, cache=False)
    assert all(p.file == str(DATA / name) for p in info.value.problems)
    return [(p.code, p.line, p.column, p.path) for p in info.value.problems]


def test_leading_zero_is_decimal() -> None:
    cat = skillframe.load(DATA / "number_leading_zero.yaml", builtins=False, cache=False)
    assert [s.number for s in cat.skills("town")] == [10, 11]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("number_underscore.yaml", [("yaml.number", 9, 26, "$.skills[0].number")]),
        ("number_sexagesimal.yaml", [("yaml.number", 9, 13, "$.skills[0].label")]),
        ("number_binary.yaml", [("yaml.number", 9, 26, "$.skills[0].number")]),
        ("min_nan.yaml", [("number.not_finite", 13, 77, "$.steps[0].rule.dx_lead_years.min")]),
        ("min_inf.yaml", [("number.not_finite", 13, 77, "$.steps[0].rule.dx_lead_count.min")]),
        ("id_trailing_newline.yaml", [("id.invalid", 9, 6, "$.skills[0].id")]),
    ],
)
def test_fault_is_one_problem_at_its_place(name: str, expected: list[tuple[str, int, int, str]]) -> None:
    assert _problems(name) == expected


def test_yaml_number_message_says_quote_it() -> None:
    with pytest.raises(skillframe.CatalogError) as info:
        skillframe.load(DATA / "number_sexagesimal.yaml", builtins=False, cache=False)
    (problem,) = info.value.problems
    assert "'1:30'" in problem.message and "quote it" in problem.message and "引用符" in problem.message


def test_trailing_newline_id_is_shown_escaped() -> None:
    with pytest.raises(skillframe.CatalogError) as info:
        skillframe.load(DATA / "id_trailing_newline.yaml", builtins=False, cache=False)
    assert "invalid id 'bpr\\n'" in info.value.problems[0].message


def test_targets_numbers_read_as_yaml_1_2(cat: skillframe.Catalog) -> None:
    targets = skillframe.read_targets(DATA / "targets_octal.yaml", catalog=cat)
    assert targets.plan is not None
    (target,) = targets.plan.targets
    assert (target.value, target.baseline) == (30, 12)


@pytest.mark.parametrize(("name", "line"), [("targets_inf.yaml", 7), ("targets_nan.yaml", 7)])
def test_targets_not_finite_is_a_file_line_error(cat: skillframe.Catalog, name: str, line: int) -> None:
    with pytest.raises(skillframe.TargetsError) as info:
        skillframe.read_targets(DATA / name, catalog=cat)
    codes = [(p.code, p.line) for p in info.value.problems]
    assert ("number.not_finite", line) in codes, codes


def test_deep_chain_loads_and_answers() -> None:
    cat = skillframe.load(DATA / "deep_chain.yaml", builtins=False, cache=False)
    deepest = cat.persona("p2999")
    ancestors = cat.ancestors(deepest)
    assert len(ancestors) == 2999 and ancestors[0].id == "town:p2998" and ancestors[-1].id == "town:p0"
    assert cat.effective_skills(deepest) == []


def test_deep_cycle_is_named() -> None:
    problems = _problems("deep_cycle.yaml")
    assert [p[0] for p in problems] == ["cycle"]
    with pytest.raises(skillframe.CatalogError) as info:
        skillframe.load(DATA / "deep_cycle.yaml", builtins=False, cache=False)
    message = info.value.problems[0].message
    assert "inheritance cycle" in message and "town:p0 → town:p1" in message and "more" in message
    assert len(message) < 400


def test_cli_validate_deep_files(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(DATA / "deep_chain.yaml")]) == 0
    capsys.readouterr()
    assert main(["validate", str(DATA / "deep_cycle.yaml")]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "RecursionError" not in err
    assert f"{DATA / 'deep_cycle.yaml'}:" in err and "inheritance cycle" in err


def test_cli_show_deep_chain(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["show", "--catalog", str(DATA / "deep_chain.yaml"), "P2999"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "P2999" in out


@pytest.mark.parametrize("name", ["number_underscore.yaml", "min_nan.yaml", "id_trailing_newline.yaml"])
def test_cli_validate_names_file_and_line(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(DATA / name)]) == 1
    err = capsys.readouterr().err
    line = {"number_underscore.yaml": 9, "min_nan.yaml": 13, "id_trailing_newline.yaml": 9}[name]
    assert f"{DATA / name}:{line}:" in err, err
