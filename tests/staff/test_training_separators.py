"""Trainings written with ・, a comma or a space between known names: one clear row error
saying how to separate them (、 or ;), on every path — never "did you mean" read as a choice."""

from __future__ import annotations

from pathlib import Path

import pytest

import skillframe

SAY = "「、」か「;」で区切ってください"


@pytest.mark.parametrize(
    ("written", "parts"),
    [
        ("BPR研修・UX研修", "BPR研修、UX研修"),
        ("DXマインドセット研修，情報セキュリティ研修", "DXマインドセット研修、情報セキュリティ研修"),
        ("BPR研修 UX研修", "BPR研修、UX研修"),
        ("BPR研修\u3000UX研修", "BPR研修、UX研修"),
        ("DXマインドセット研修/情報セキュリティ研修", "DXマインドセット研修、情報セキュリティ研修"),
        ("BPR研修／UX研修", "BPR研修、UX研修"),
    ],
)
def test_names_separated_otherwise(tmp_path: Path, cat: skillframe.Catalog, written: str, parts: str) -> None:
    f = tmp_path / "staff.csv"
    f.write_bytes(f"職員番号,人材像,研修\nA1,DX推進員,{written}\nA2,DX推進員,BPR研修、UX研修\n".encode("cp932"))
    table = skillframe.read_staff(f, catalog=cat)
    assert [r.id for r in table] == ["A2"]
    (err,) = table.errors
    assert (err.row, err.code) == (2, "unknown-training")
    assert SAY in err.message and parts in err.message and written in err.message
    assert "もしかして" not in err.message
    with pytest.raises(skillframe.SkillframeError) as raised:  # a plain dict: the same words
        skillframe.evaluate_ranks(cat, "DX推進員", [{"id": "A1", "trainings": written}])
    assert SAY in str(raised.value) and parts in str(raised.value)


def test_one_unknown_part_is_the_usual_error(cat: skillframe.Catalog) -> None:
    with pytest.raises(skillframe.errors.UnknownKeyError) as raised:
        skillframe.evaluate_ranks(cat, "DX推進員", [{"id": "A1", "trainings": "BPR研修・ないもの"}])
    assert SAY not in str(raised.value) and "もしかして" in str(raised.value)


def test_a_name_with_a_slash_is_one_name(cat: skillframe.Catalog) -> None:
    assert skillframe.evaluate_ranks(cat, "DX推進員", [{"id": "A1", "trainings": "業務分析/BPR"}]) == [0]
