"""Training questions left blank stay unknown: a form whose training questions were answered
only in part writes the ``trainings`` cell blank (never the blanks as 未受講), keeps the answers
given in the column ``研修（一部回答）`` and warns ``trainings-partly-answered``."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from _form_helpers import fill, roster_file

import skillframe
from skillframe import forms
from skillframe.cli import main

openpyxl = pytest.importorskip("openpyxl")

NECESSITY = "tokyo-wg-2025:dx-necessity"
ROSTER = (
    "職員番号,氏名,所属,人材像\n"
    "P1,一部 一,総務課,DX推進員\n"  # one training answered 受講済, the rest blank
    "P2,一部 二,総務課,DX推進員\n"  # one training answered 未受講, the rest blank
    "P3,全部 三,総務課,DX推進員\n"  # every training answered
    "P4,空欄 四,総務課,DX推進員\n"  # nothing answered
)


def _trained(cat: skillframe.Catalog) -> list[str]:
    return [q.label for q in forms.questions(cat, "DX推進員") if q.label.startswith("trained/")]


@pytest.fixture
def returned(tmp_path: Path, cat: skillframe.Catalog) -> Path:
    form = tmp_path / "回答" / "票.xlsx"
    form.parent.mkdir()
    roster = skillframe.read_staff(roster_file(tmp_path, ROSTER), catalog=cat)
    form.write_bytes(forms.form_bytes(cat, roster=roster.records))
    fill(
        form,
        {
            "P1": {f"trained/{NECESSITY}": "受講済"},
            "P2": {f"trained/{NECESSITY}": "未受講"},
            "P3": {f"trained/{NECESSITY}": "受講済", "*trained": "未受講"},
        },
    )
    return form


def test_partly_answered_trainings_are_unknown_and_kept_beside(returned: Path, cat: skillframe.Catalog) -> None:
    result = skillframe.collect(returned, cat)
    assert result.errors == ()
    rows = {r["id"]: r for r in result.rows}
    blank = len(_trained(cat)) - 1
    assert rows["P1"]["trainings"] is None  # was NECESSITY alone: every blank read as 未受講
    assert rows["P2"]["trainings"] is None  # was なし
    assert rows["P1"][forms.PARTLY_ANSWERED] == f"受講済: {NECESSITY} / 未受講: - / 空欄: {blank}"
    assert rows["P2"][forms.PARTLY_ANSWERED] == f"受講済: - / 未受講: {NECESSITY} / 空欄: {blank}"
    assert rows["P3"]["trainings"] == NECESSITY and forms.PARTLY_ANSWERED not in rows["P3"]  # fully answered
    assert rows["P4"]["trainings"] is None and forms.PARTLY_ANSWERED not in rows["P4"]  # nothing answered
    [warning] = [w for w in result.warnings if w.code == "trainings-partly-answered"]
    assert warning.file == "票.xlsx"
    assert f"P1（空欄 {blank} 問）, P2（空欄 {blank} 問）" in warning.ja
    assert f"P1 ({blank} blank), P2 ({blank} blank)" in warning.en
    assert "データ不足" in warning.ja and forms.PARTLY_ANSWERED in warning.en


def test_collected_table_reads_partly_answered_trainings_as_unknown(
    returned: Path, tmp_path: Path, cat: skillframe.Catalog, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "staff.csv"
    assert main(["collect", str(returned.parent), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "[trainings-partly-answered]" in err
    [header, *_] = list(csv.reader(out.read_bytes().decode("utf-8-sig").splitlines()))
    assert header[header.index("trainings") + 1] == forms.PARTLY_ANSWERED
    table = skillframe.read_staff(out, catalog=cat)
    assert table.errors == ()
    assert not [w for w in table.warnings if forms.PARTLY_ANSWERED in str(w)]  # no near-miss of 研修
    records = {r.id: r for r in table.records}
    assert records["P1"].trainings is None and records["P2"].trainings is None  # unknown, as a blank sheet
    assert records["P4"].trainings is None
    assert records["P3"].trainings == (NECESSITY,)
    assert records["P1"].extra[forms.PARTLY_ANSWERED].startswith("受講済: ")


def test_partly_answered_export_row_is_unknown_too(tmp_path: Path, cat: skillframe.Catalog) -> None:
    qs = forms.questions(cat, "DX推進員")
    header = ["職員番号 [id]", "人材像 [persona]"] + [f"{q.text} [{q.label}]" for q in qs]
    part = ["E1", "DX推進員"] + [("受講済" if q.label == f"trained/{NECESSITY}" else "") for q in qs]
    full = ["E2", "DX推進員"] + [("未受講" if q.label.startswith("trained/") else "") for q in qs]
    f = tmp_path / "export.csv"
    with f.open("w", encoding="utf-8-sig", newline="") as out:
        csv.writer(out).writerows([header, part, full])
    # an export that asks one training question only: the others were never asked (unknown)
    g = tmp_path / "one-question.csv"
    with g.open("w", encoding="utf-8-sig", newline="") as out:
        csv.writer(out).writerows([["[id]", "[persona]", f"[trained/{NECESSITY}]"], ["E3", "DX推進員", "受講済"]])
    result = skillframe.collect([f, g], cat)
    assert result.errors == ()
    rows = {r["id"]: r for r in result.rows}
    assert rows["E1"]["trainings"] is None and rows["E1"][forms.PARTLY_ANSWERED].startswith(f"受講済: {NECESSITY}")
    assert rows["E2"]["trainings"] == "なし"
    assert rows["E3"]["trainings"] is None and forms.PARTLY_ANSWERED in rows["E3"]
    assert {w.file for w in result.warnings if w.code == "trainings-partly-answered"} == {
        "export.csv",
        "one-question.csv",
    }
