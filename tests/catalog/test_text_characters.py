"""Control and bidi-override characters in any text field of a YAML input are file:line errors.

One check in the YAML reader covers every field of catalogs, overlays, policy files and
targets files: labels, ids and names are one line; descriptions and notes may hold line
feeds and tabs; nothing may hold ESC, NUL, BEL… or U+202E and the other bidi controls.
Nothing of it reaches the terminal or an output file raw.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

import skillframe
from skillframe.cli import main
from skillframe.organisation import read_targets
from skillframe.policy import PolicyError, load_policy

# The characters no terminal, Markdown file or workbook may receive (tab and line feed aside).
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")

TOWN = textwrap.dedent(
    """\
    format: skillframe-catalog/1
    framework:
      id: text-town
      label: LABEL
      publisher: 町
      extends: tokyo-wg-2025
      source: town
      sources: [{id: town, title: 町の方針}]
      description: DESCRIPTION
    skills:
      - {id: a, label: スキルA, definition: "一行目\\n\\t二行目"}
    """
)


def _town(tmp_path: Path, label: str = "町", description: str = "説明") -> Path:
    path = tmp_path / "town.yaml"
    path.write_text(TOWN.replace("LABEL", label).replace("DESCRIPTION", description), encoding="utf-8")
    return path


def _problems(path: Path) -> tuple[skillframe.Problem, ...]:
    with pytest.raises(skillframe.CatalogError) as info:
        skillframe.load(path, cache=False)
    return info.value.problems


@pytest.mark.parametrize(
    ("label", "named"),
    [
        ('"町\\x1b[31m"', "U+001B (ESC)"),
        ('"町\\0"', "U+0000 (NUL)"),
        ('"町\\a"', "U+0007 (BEL)"),
        ('"町\\x7f"', "U+007F (DEL)"),
        ('"町\\x85"', "U+0085"),
        ('"町\\u2028村"', "U+2028 (LINE SEPARATOR)"),
        ('"一行目\\n二行目"', "U+000A (LF)"),
        ('"町\\t村"', "U+0009 (HT)"),
    ],
)
def test_control_character_in_a_label_is_an_error_with_line(tmp_path: Path, label: str, named: str) -> None:
    (p,) = _problems(_town(tmp_path, label=label))
    assert (p.code, p.line, p.column, p.path) == ("text.control", 4, 3, "$.framework.label")
    assert named in p.message and "制御文字" in p.message and "control character" in p.message
    assert RAW.search(str(p)) is None


def test_bidi_override_in_a_label_is_an_error(tmp_path: Path) -> None:
    (p,) = _problems(_town(tmp_path, label='"\\u202eexe.txt\\u202c 町"'))
    assert (p.code, p.line, p.path) == ("text.bidi", 4, "$.framework.label")
    assert "U+202E (RIGHT-TO-LEFT OVERRIDE), U+202C (POP DIRECTIONAL FORMATTING)" in p.message
    # written raw (not as an escape) it is refused too; an isolate as well
    (p,) = _problems(_town(tmp_path, label="\u2067町\u2069"))
    assert p.code == "text.bidi" and "U+2067 (RIGHT-TO-LEFT ISOLATE)" in p.message
    assert RAW.search(str(p)) is None


def test_prose_fields_may_span_lines_but_hold_no_other_control(tmp_path: Path) -> None:
    cat = skillframe.load(_town(tmp_path, description='"一行目\\n\\t二行目"'), cache=False)
    assert cat.framework("text-town").description == "一行目\n\t二行目"
    assert cat.skill("text-town:a").definition == "一行目\n\t二行目"
    (p,) = _problems(_town(tmp_path, description='"一行目\\n\\x1b[2J"'))
    assert (p.code, p.line, p.path) == ("text.control", 9, "$.framework.description")
    assert "U+001B (ESC)" in p.message and "U+000A" not in p.message


def test_every_field_and_key_is_checked(tmp_path: Path) -> None:
    """Not a list of fields by hand: an id, a list item, a cite, a key are all checked."""
    path = tmp_path / "town.yaml"
    path.write_text(
        TOWN.replace("LABEL", "町").replace("DESCRIPTION", "説明")
        + 'personas:\n  - {id: "p\\x07", label: 職員, aliases: ["a\\x1b"]}\n'
        + 'trainings:\n  - {id: t, label: 研修, "x\\x1bkey": 1}\n',
        encoding="utf-8",
    )
    problems = [p for p in _problems(path) if p.code.startswith("text.") or p.code == "id.invalid"]
    assert [(p.code, p.line, p.path) for p in problems] == [
        ("text.control", 13, "$.personas[0].aliases[0]"),
        ("text.control", 15, "$.trainings[0].x\x1bkey"),
        ("id.invalid", 13, "$.personas[0].id"),  # a catalog id: once, by the id rule (what an id may hold)
    ]
    assert "'p\\x07'" in problems[2].message
    # the unknown-key problem quotes the key: shown escaped, never raw
    shown = str(skillframe.CatalogError(_problems(path)))
    assert "x\\u001bkey" in shown and RAW.search(shown) is None


def test_policy_file_and_targets_file_are_checked(tmp_path: Path) -> None:
    policy = tmp_path / "p.yaml"
    policy.write_text(
        "format: skillframe-policy/1\nmeasures:\n  - id: a\n"
        '    label: "A\\x1b]0;owned\\x07"\n    kind: securing\n    mode: channel\n    cite: {locator: x}\n',
        encoding="utf-8",
    )
    with pytest.raises(PolicyError) as pinfo:
        load_policy(skillframe.load(), policy)
    assert ("text.control", 4) in [(p.code, p.line) for p in pinfo.value.problems]
    targets = tmp_path / "t.yaml"
    targets.write_text(
        "format: skillframe-targets/1\nplan:\n  baseline_year: 2025\n  target_year: 2029\n  targets:\n"
        '    - {id: x, kind: count, persona: DX推進員, value: 10, label: "\\u202e目標"}\n',
        encoding="utf-8",
    )
    with pytest.raises(skillframe.TargetsError) as tinfo:
        read_targets(targets)
    assert [(p.code, p.line, p.path) for p in tinfo.value.problems] == [("text.bidi", 6, "$.plan.targets[0].label")]


def test_validate_advise_and_policy_refuse_with_file_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    town = _town(tmp_path, label='"町\\x1b[31m\\0\\u202e"')
    md = tmp_path / "方針.md"
    for argv in (
        ["validate", str(town)],
        ["advise", "--catalog", str(town)],
        ["policy", "--catalog", str(town), "--format", "md", "-o", str(md)],
    ):
        assert main(argv) == 1, argv
        out, err = capsys.readouterr()
        assert f"{town}:4:3:" in err and "U+001B (ESC), U+0000 (NUL)" in err and "U+202E" in err
        assert RAW.search(out + err) is None, argv
    assert not md.exists()
