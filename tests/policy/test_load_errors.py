"""Policy files and the overlay's ``policy:`` section and ``profile``: changes and errors (file:line, codes)."""

from __future__ import annotations

from pathlib import Path

import pytest

import skillframe
from skillframe.model import Profile
from skillframe.policy import PolicyError, load_policy

from .conftest import TOWN


def _town(tmp_path: Path, extra: str) -> Path:
    path = tmp_path / "town.yaml"
    path.write_text(TOWN + extra, encoding="utf-8")
    return path


def test_overlay_adds_removes_renames(tmp_path: Path) -> None:
    path = _town(
        tmp_path,
        "policy:\n"
        "  remove: [ojt-01]\n"
        "  rename:\n"
        "    - {id: channel-own, label: 町の公募}\n"
        "  measures:\n"
        "    - {id: town-mentor, label: 庁内メンター, kind: development, mode: ojt,\n"
        "       cite: {document: town, locator: '3.2'}}\n",
    )
    pol = load_policy(skillframe.load(path))
    ids = [m.id for m in pol.measures]
    assert "ojt-01" not in ids and ids[-1] == "town-mentor"
    assert pol.measure("channel-own").label == "町の公募"
    assert pol.origin["channel-own"] == "renamed" and pol.origin["town-mentor"] == "municipality"
    assert pol.origin["ojt-02"] == "report"


def test_catalog_loader_skips_policy_files() -> None:
    cat = skillframe.load()  # the built-in policy files are under catalogs/tokyo-wg-2025/policy/
    assert not any("/policy/" in f for f in cat.files)


def test_unknown_measure_and_bad_section(tmp_path: Path) -> None:
    path = _town(tmp_path, "policy:\n  remove: [ojt-99]\n  colour: red\n  rename:\n    - {id: ojt-02}\n")
    with pytest.raises(PolicyError) as info:
        load_policy(skillframe.load(path))
    err = info.value
    assert err.codes == ("policy.structure", "policy.unknown-measure", "policy.structure")
    msgs = [str(p) for p in err.problems]
    assert msgs[1].startswith(f"{path}:21:") and "施策 'ojt-99' がありません / unknown measure 'ojt-99'" in msgs[1]
    assert "did you mean" in msgs[1]
    assert msgs[0].startswith(f"{path}:22:")


def test_bad_added_measure_names_line(tmp_path: Path) -> None:
    path = _town(
        tmp_path, "policy:\n  measures:\n    - {id: x, label: X, kind: hiring, mode: ojt, cite: {locator: a}}\n"
    )
    with pytest.raises(PolicyError) as info:
        load_policy(skillframe.load(path))
    (p,) = info.value.problems
    assert p.line == 22 and "値が不正です / invalid value: 'hiring'" in p.message


def test_bad_policy_file(tmp_path: Path) -> None:
    bad = tmp_path / "p.yaml"
    bad.write_text(
        "format: skillframe-policy/1\nmeasures:\n  - id: a\n    label: A\n    kind: securing\n    mode: channel\n"
        "    cite: {locator: x, line: 3, interpretation: true}\n",
        encoding="utf-8",
    )
    with pytest.raises(PolicyError) as info:
        load_policy(skillframe.load(), bad)
    assert info.value.codes == ("policy.flag-without-note",)
    assert info.value.problems[0].line == 7
    wrong = tmp_path / "w.yaml"
    wrong.write_text("format: skillframe-policy/9\n", encoding="utf-8")
    with pytest.raises(PolicyError) as info:
        load_policy(skillframe.load(), wrong)
    assert info.value.codes == ("policy.format",)


def test_duplicate_id_in_overlay(tmp_path: Path) -> None:
    path = _town(
        tmp_path,
        "policy:\n  measures:\n    - {id: ojt-01, label: X, kind: development, mode: ojt, cite: {locator: a}}\n",
    )
    with pytest.raises(PolicyError) as info:
        load_policy(skillframe.load(path))
    assert info.value.codes == ("policy.duplicate",)
    assert "first in" in str(info.value.problems[0])


def test_profile_wrong_value_is_a_catalog_error_with_line(tmp_path: Path) -> None:
    path = tmp_path / "town.yaml"
    path.write_text(TOWN.replace("it_arrangement: single", "it_arrangement: two"), encoding="utf-8")
    with pytest.raises(skillframe.CatalogError) as info:
        skillframe.load(path)
    (p,) = info.value.problems
    assert p.line == 15 and "'two'; expected one of single, small, multiple" in p.message


def test_profile_negative_count(tmp_path: Path) -> None:
    path = tmp_path / "town.yaml"
    path.write_text(TOWN.replace("it_staff: 1", "it_staff: -1"), encoding="utf-8")
    with pytest.raises(PolicyError) as info:
        skillframe.advise(skillframe.load(path))
    assert info.value.codes == ("profile.negative",)
    assert info.value.problems[0].line == 14


@pytest.mark.parametrize(
    ("staff", "arrangement", "words"),
    [
        ("5", "single", "単独配置"),
        ("3", "small", "1～2名体制"),
        ("0", "small", "1～2名体制"),
        ("1", "multiple", "複数名体制"),
    ],
)
def test_profile_contradiction_names_line(tmp_path: Path, staff: str, arrangement: str, words: str) -> None:
    path = tmp_path / "town.yaml"
    text = TOWN.replace("it_staff: 1", f"it_staff: {staff}").replace(
        "it_arrangement: single", f"it_arrangement: {arrangement}"
    )
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PolicyError) as info:
        skillframe.advise(skillframe.load(path))
    assert info.value.codes == ("profile.contradiction",)
    (p,) = info.value.problems
    assert p.line == 14
    assert f"it_staff {staff}名 は it_arrangement {arrangement}（{words}）と矛盾します" in p.message
    assert f"it_staff {staff} contradicts it_arrangement {arrangement}" in p.message


def test_profile_contradiction_through_the_api() -> None:
    with pytest.raises(PolicyError) as info:
        skillframe.advise(skillframe.load(), profile=Profile(it_staff=0, it_arrangement="multiple"))
    assert info.value.codes == ("profile.contradiction",)
    assert info.value.problems[0].file == "<profile>"
    # the boundaries the report's words allow are not contradictions
    for staff, arrangement in ((1, "single"), (0, "single"), (2, "small"), (2, "multiple")):
        rec = skillframe.advise(skillframe.load(), profile=Profile(it_staff=staff, it_arrangement=arrangement))
        assert rec.get("specialist-system").answers == ("it_arrangement",)


def test_two_overlays_need_a_choice(tmp_path: Path) -> None:
    a = _town(tmp_path, "")
    b = tmp_path / "b.yaml"
    b.write_text(TOWN.replace("policy-town", "other-town"), encoding="utf-8")
    cat = skillframe.load(a, b)
    with pytest.raises(PolicyError) as info:
        skillframe.advise(cat)
    assert info.value.codes == ("profile.ambiguous-framework",)
    assert skillframe.advise(cat, framework="other-town").framework == "other-town"


def test_policy_problems_carry_their_codes(tmp_path: Path) -> None:
    """PolicyError holds Problems with codes like every other file error; a YAML problem keeps its own."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: skillframe-policy/1\ntables: [\n  a: 1: 2\n", encoding="utf-8")
    with pytest.raises(PolicyError) as info:
        load_policy(skillframe.load(), bad)
    err = info.value
    assert [p.code for p in err.problems] == list(err.codes) == ["yaml.syntax"]
    assert err.problems[0].file == str(bad) and err.problems[0].line is not None
    assert " / " in str(err).splitlines()[0]
    dup = tmp_path / "dup.yaml"
    dup.write_text("format: skillframe-policy/1\nformat: skillframe-policy/1\n", encoding="utf-8")
    with pytest.raises(PolicyError) as info:
        load_policy(skillframe.load(), dup)
    assert info.value.codes[0] == "yaml.duplicate_key" and info.value.problems[0].line == 2
