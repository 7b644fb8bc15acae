"""A form made under another catalog digest is collected when its questions (ids, choices,
personas) mean the same in the current catalog (warning ``catalog-changed``); it is refused
(``catalog-version``) when a persona is gone or a question's choices changed, and then the
message says what to do (a question gone: ``test_collect_question_gone``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from _form_helpers import fill, roster_file

import skillframe
from skillframe import forms
from skillframe._fingerprint import catalog_fingerprint
from skillframe.cli import main

openpyxl = pytest.importorskip("openpyxl")

NECESSITY = "trained/town:dx-necessity"  # DX推進員 of the town (a copy of the standard's)


def _town(folder: Path, note: str) -> Path:
    """A town catalog whose only difference between two editions is a note's text."""
    folder.mkdir()
    path = folder / "town.yaml"
    path.write_text(
        "format: skillframe-catalog/1\n"
        "framework:\n  id: town\n  label: 試験町\n  publisher: 試験町\n  extends: tokyo-wg-2025\n  source: town\n"
        "  sources: [{id: town, title: 試験町 方針}]\n"
        "skills:\n  - id: own-skill\n    label: 試験町の独自スキル\n"
        f"    provenance:\n      note_ja: {note}\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def made(tmp_path: Path) -> tuple[Path, Path]:
    """A form made under the town's first edition and filled in; the second edition's file."""
    old = _town(tmp_path / "v1", "当町の判断で追加")
    new = _town(tmp_path / "v2", "当町の判断で追加（文言を修正）")
    roster = roster_file(tmp_path, "職員番号,氏名,所属,人材像\nT1,試験 一,総務課,DX推進員\n")
    form = tmp_path / "回答" / "票.xlsx"
    form.parent.mkdir()
    form.write_bytes(forms.form_bytes(skillframe.load(old), roster=roster))
    fill(form, {"T1": {"*trained": "受講済"}})
    return form, new


def test_a_form_whose_questions_mean_the_same_is_collected_with_a_warning(made: tuple[Path, Path]) -> None:
    form, new = made
    current = skillframe.load(new)
    result = skillframe.collect(form, current)
    assert result.errors == () and len(result.rows) == 1  # was: refused, catalog-version
    assert result.rows[0]["trainings"] and ";" in result.rows[0]["trainings"]
    [w] = [w for w in result.warnings if w.code == "catalog-changed"]
    assert (w.file, w.where) == ("票.xlsx", "_skillframe!B2")
    assert catalog_fingerprint(current).short in w.en and "digest" in w.en  # both digests named
    assert "版の表示は同じ" in w.ja and "version labels are the same" in w.en


def test_cli_collects_a_form_of_an_updated_catalog(
    made: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    form, new = made
    out = tmp_path / "staff.csv"
    assert main(["collect", str(form.parent), "--catalog", str(new), "-o", str(out)]) == 0
    assert "[catalog-changed]" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("edit", "named"),
    [
        (lambda wb: wb["_lists"].__setitem__("A1", "受講した"), NECESSITY),  # the training choices differ
        (lambda wb: wb["_skillframe"].__setitem__("B7", "town:gone-persona"), "town:gone-persona"),
    ],
    ids=["choices-changed", "persona-gone"],  # a question gone alone: test_collect_question_gone
)
def test_a_form_whose_question_changed_is_refused_with_the_way_forward(
    made: tuple[Path, Path], edit: object, named: str
) -> None:
    form, new = made
    wb = openpyxl.load_workbook(form)
    edit(wb)  # type: ignore[operator]
    wb.save(form)
    result = skillframe.collect(form, skillframe.load(new))
    [err] = result.errors
    assert err.code == "catalog-version" and result.rows == () and result.people_with_errors == ("T1",)
    assert named in err.ja and named in err.en
    assert "skillframe form" in err.ja and "--catalog" in err.ja
    assert "make the forms again with `skillframe form`" in err.en and "--catalog" in err.en
    # made by this very skillframe: the advice is the catalog file, never "use skillframe <this version>"
    assert err.ja.endswith(
        f"（skillframe は票を作ったときと同じ {skillframe.__version__} で、変わったのはカタログです:"
        " 変更前のカタログファイルを --catalog に指定）"
    )
    assert err.en.endswith(
        f"(skillframe is the same version ({skillframe.__version__}) as when the forms were made: the catalog"
        " changed, so give the catalog file as it was with --catalog)"
    )
    assert "更新したなら" not in err.ja and "after a skillframe update" not in err.en


def test_a_form_of_another_skillframe_names_that_version(made: tuple[Path, Path]) -> None:
    form, new = made
    wb = openpyxl.load_workbook(form)
    wb["_lists"]["A1"] = "受講した"  # the training choices differ
    wb["_skillframe"]["B4"] = "0.0.9"  # made by an earlier skillframe
    wb.save(form)
    [err] = skillframe.collect(form, skillframe.load(new)).errors
    assert err.code == "catalog-version"
    assert err.ja.endswith(
        "（自治体のカタログを変えたなら変更前のファイルを --catalog に指定、"
        "skillframe を更新したなら skillframe 0.0.9 で）"
    )
    assert err.en.endswith(
        "(the town's catalog file as it was, with --catalog; after a skillframe update, skillframe 0.0.9)"
    )


def test_a_form_that_does_not_say_its_skillframe_says_so(made: tuple[Path, Path]) -> None:
    """User trial: an empty version cell B4 read 「skillframe ?」 in the message."""
    form, new = made
    wb = openpyxl.load_workbook(form)
    wb["_lists"]["A1"] = "受講した"  # the training choices differ
    wb["_skillframe"]["B4"] = None
    wb.save(form)
    [err] = skillframe.collect(form, skillframe.load(new)).errors
    assert "skillframe ?" not in err.ja + err.en
    assert "、作成した skillframe の版は票に書かれていません; 現在: " in err.ja
    assert ", the form does not say which skillframe made it; current: " in err.en
    assert err.ja.endswith(
        "（自治体のカタログを変えたなら変更前のファイルを --catalog に指定、"
        "skillframe を更新したなら票を作ったときの版の skillframe で）"
    )
    assert err.en.endswith(
        "(the town's catalog file as it was, with --catalog; after a skillframe update,"
        " the skillframe version that made the forms)"
    )
