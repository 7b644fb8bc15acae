"""A form made under another catalog in which a question is no longer asked (a skill or its
training removed, or given a new id) is collected: the answers still asked are taken, the gone
question is not read (unknown, never "no") and named at its cell (warning ``question-gone``).
A form none of whose questions is left is refused (``catalog-version``); a sheet none of whose
questions is left is its person's error. A skill renamed under the same id asks the same."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest
from _form_helpers import fill, index, roster_file

import skillframe
from skillframe import forms
from skillframe.cli import main

openpyxl = pytest.importorskip("openpyxl")

HEAD = textwrap.dedent(
    """\
    format: skillframe-catalog/1
    framework:
      id: town
      label: 試験町
      publisher: 試験町
      extends: tokyo-wg-2025
      source: town
      sources: [{id: town, title: 試験町 方針}]
    """
)
#: The town's next edition: 全庁情報システム担当's Step3 no longer reads システム監査's DSM level.
NO_AUDIT_LEVEL = """\
overlay:
  rules:
    - step: it-central-step3
      replace:
        all:
          - dsm: {skills: [it-strategy], min: 1}
          - dsm: {skills: [system-architecture, cloud-services, network-design, operations-design], min: 2}
          - dsm: {skills: [project-management, system-management, cybersecurity], min: 3}
"""
#: The town's next edition: DX推進員 no longer requires サービス検証.
NO_VALIDATION = """\
overlay:
  remove_requirements:
    - {persona: dx-promoter, skill: service-validation}
"""
#: The town's next edition: サービス検証 given a new id (a new skill in its place).
NEW_ID = """\
overlay:
  remove_requirements:
    - {persona: dx-promoter, skill: service-validation}
  add_requirements:
    - {persona: dx-promoter, skill: ux-validation}
skills:
  - {id: ux-validation, label: サービス検証（利用者の視点）}
"""
#: The town's next edition: サービス検証 renamed, its id kept.
RENAMED = """\
overlay:
  rename:
    - {id: service-validation, label: サービス検証（利用者の視点）}
"""
VALIDATION = "trained/town:service-validation"
AUDIT_LEVEL = "dsm/town:system-audit"
LV1 = "Lv.1 基礎知識を有し、指導のもと実践できる"
LV3 = "Lv.3 高度な専門知識を有し、他者を指導できる"
HEADER = "職員番号,氏名,所属,人材像\n"
S1 = "S1,町 一,総務課,町職員\n"


def _catalog(folder: Path, body: str = "", head: str = HEAD) -> Path:
    folder.mkdir()
    path = folder / "town.yaml"
    path.write_text(head + body, encoding="utf-8")
    return path


def _row(form: Path, sid: str, label: str) -> tuple[str, int]:
    """The sheet of ``sid`` and the row of the question ``label`` on it."""
    sheet = index(form)[sid]
    wb = openpyxl.load_workbook(form, read_only=True)
    try:
        [row] = [
            r for r, (b,) in enumerate(wb[sheet].iter_rows(min_col=2, max_col=2, values_only=True), 1) if b == label
        ]
    finally:
        wb.close()
    return sheet, row


def _gone(result: forms.Collected) -> list[forms.CollectProblem]:
    return [w for w in result.warnings if w.code == "question-gone"]


@pytest.fixture
def old_form(tmp_path: Path) -> Path:
    """A form made under the town's first edition, DX推進員 T1 and 全庁情報システム担当 I1 filled in."""
    roster = roster_file(tmp_path, f"{HEADER}T1,試験 一,総務課,DX推進員\nI1,情報 二,情報課,全庁情報システム担当\n")
    form = tmp_path / "回答" / "票.xlsx"
    form.parent.mkdir()
    made_with = skillframe.load(_catalog(tmp_path / "v1"))
    form.write_bytes(forms.form_bytes(made_with, roster=roster))
    levels = {q.label: LV1 for q in forms.questions(made_with, "全庁情報システム担当") if q.label.startswith("dsm/")}
    fill(
        form,
        {
            "T1": {"*trained": "受講済", "exp/dx_lead_years": 2, "exp/dx_lead_count": 1, "exp/mentoring": "はい"},
            "I1": {**levels, AUDIT_LEVEL: LV3, "*trained": "未受講"},
        },
    )
    return form


def test_a_gone_skill_question_is_unknown_and_the_other_answers_are_taken(old_form: Path, tmp_path: Path) -> None:
    current = skillframe.load(_catalog(tmp_path / "v2", NO_AUDIT_LEVEL))
    result = skillframe.collect(old_form, current)
    assert result.errors == () and result.people_with_errors == ()  # was: catalog-version, both people lost
    rows = {r["id"]: r for r in result.rows}
    assert [k for k in rows["I1"] if k.startswith("dsm:")] == [
        "dsm:town:project-management",
        "dsm:town:system-management",
        "dsm:town:cybersecurity",
        "dsm:town:system-architecture",
        "dsm:town:cloud-services",
        "dsm:town:network-design",
        "dsm:town:operations-design",
        "dsm:town:it-strategy",
    ]  # not dsm:town:system-audit: its Lv.3 is not read
    assert {rows["I1"][k] for k in rows["I1"] if k.startswith("dsm:")} == {1}
    assert rows["I1"]["trainings"] == "なし"  # the training questions are all still asked
    assert rows["T1"]["dx_lead_years"] == 2 and rows["T1"]["mentoring"] == "はい"  # another sheet, untouched
    sheet, row = _row(old_form, "I1", AUDIT_LEVEL)
    [w] = _gone(result)
    assert (w.file, w.where, w.person) == ("票.xlsx", f"{sheet}!F{row}", "I1")
    assert w.en == (
        f"the question '{AUDIT_LEVEL}' (システム監査) is no longer in the current catalog (removed, or given a new"
        f" id): its answer '{LV3}' is not read and is unknown"
    )
    assert w.ja == (
        f"設問 '{AUDIT_LEVEL}'（システム監査）は現在のカタログにありません（削除されたか、ID が変わりました）:"
        f" 回答 '{LV3}' は読まず、不明としました"
    )
    [changed] = [w for w in result.warnings if w.code == "catalog-changed"]
    assert changed.en.startswith("made from another catalog version, but its questions still asked (ids,")
    assert changed.ja.startswith("別の版のカタログで作成された票ですが、票の設問のうち現在のカタログにある設問（")
    assert f"1 question(s) no longer in the current catalog ({AUDIT_LEVEL}) are not read (unknown)" in changed.en
    assert "the catalog's content differs" in changed.en  # not "(notes, descriptions…)": a question went
    evaluated = skillframe.evaluate(current, "全庁情報システム担当", rows["I1"])
    assert evaluated.rank == 1  # Step1 (every G3 skill at Lv.1) from the answers taken


def test_a_gone_training_is_unknown_not_untaken(old_form: Path, tmp_path: Path) -> None:
    current = skillframe.load(_catalog(tmp_path / "v2", NO_VALIDATION))
    result = skillframe.collect(old_form, current)
    assert result.errors == ()
    t1 = {r["id"]: r for r in result.rows}["T1"]
    asked = [q.label.removeprefix("trained/") for q in forms.questions(current, "DX推進員") if q.kind == "choice"]
    assert t1["trainings"] == ";".join(a for a in asked if a.startswith("town:"))  # every training still asked
    assert "town:service-validation" not in t1["trainings"].split(";") and forms.PARTLY_ANSWERED not in t1
    sheet, row = _row(old_form, "T1", VALIDATION)
    [w] = _gone(result)
    assert (w.where, w.person) == (f"{sheet}!F{row}", "T1")
    assert f"'{VALIDATION}' (サービス検証（顧客/ユーザー視点）)" in w.en and "its answer '受講済' is not read" in w.en


def test_a_training_given_a_new_id_leaves_the_trainings_unknown(old_form: Path, tmp_path: Path) -> None:
    result = skillframe.collect(old_form, skillframe.load(_catalog(tmp_path / "v2", NEW_ID)))
    assert result.errors == ()
    t1 = {r["id"]: r for r in result.rows}["T1"]
    assert t1["trainings"] is None  # the new question was never asked: unknown, never read as 未受講
    assert t1[forms.PARTLY_ANSWERED].endswith(" / 未受講: - / 空欄: 1")
    [w] = _gone(result)
    assert VALIDATION in w.en and w.person == "T1"
    [changed] = [w for w in result.warnings if w.code == "catalog-changed"]
    assert "not on the form (trained/town:ux-validation) are unknown" in changed.en
    assert [w.code for w in result.warnings if w.code == "trainings-partly-answered"] == ["trainings-partly-answered"]


def test_a_blank_answer_to_a_gone_question_is_named_too(old_form: Path, tmp_path: Path) -> None:
    fill(old_form, {"T1": {VALIDATION: None}})
    result = skillframe.collect(old_form, skillframe.load(_catalog(tmp_path / "v2", NO_VALIDATION)))
    [w] = _gone(result)
    assert w.en.endswith("(removed, or given a new id): its blank answer stays unknown")
    assert result.errors == () and len(result.rows) == 2


def test_a_skill_renamed_under_its_id_is_the_same_question(old_form: Path, tmp_path: Path) -> None:
    current = skillframe.load(_catalog(tmp_path / "v2", RENAMED))
    assert current.skill("town:service-validation").label == "サービス検証（利用者の視点）"
    result = skillframe.collect(old_form, current)
    assert result.errors == () and _gone(result) == []
    [changed] = result.warnings
    assert changed.code == "catalog-changed" and "its questions (ids, choices, personas) mean the same" in changed.en
    t1 = {r["id"]: r for r in result.rows}["T1"]
    assert "town:service-validation" in t1["trainings"].split(";")  # the answer 受講済, taken as is


STANDALONE = textwrap.dedent(
    """\
    format: skillframe-catalog/1
    framework:
      id: town
      label: 試験町
      publisher: 試験町
      source: town
      sources: [{{id: town, title: 試験町 方針}}]
    skills:
      - {{id: {records}, label: 文書管理}}
      - {{id: counter, label: 窓口対応}}
    personas:
      - {{id: staff, label: 町職員, requirements: [{{skill: {records}}}]}}
      - {{id: desk, label: 窓口職員, requirements: [{{skill: counter}}]}}
    steps:
      - {{id: staff-1, persona: staff, rank: 1, label: Step1, rule: {{trained: {{skills_of: self}}}}}}
      - {{id: desk-1, persona: desk, rank: 1, label: Step1, rule: {{trained: {{skills_of: self}}}}}}
    """
)


def _standalone(tmp_path: Path, roster: str) -> tuple[Path, skillframe.Catalog]:
    """A form of the town's own catalog filled in, and its next edition (文書管理 given a new id)."""
    old = _catalog(tmp_path / "v1", head=STANDALONE.format(records="records"))
    new = _catalog(tmp_path / "v2", head=STANDALONE.format(records="filing"))
    form = tmp_path / "回答" / "票.xlsx"
    form.parent.mkdir()
    form.write_bytes(forms.form_bytes(skillframe.load(old), roster=roster_file(tmp_path, roster)))
    fill(form, {sid: {"*trained": "受講済"} for sid in index(form)})
    return form, skillframe.load(new)


def test_a_form_none_of_whose_questions_is_left_is_refused(tmp_path: Path) -> None:
    form, current = _standalone(tmp_path, HEADER + S1)
    result = skillframe.collect(form, current)
    [err] = result.errors
    assert (err.code, err.where) == ("catalog-version", "_skillframe!B2")
    assert "(none of the form's questions is in the current catalog: trained/town:records)" in err.en
    assert "（票の設問がどれも現在のカタログにありません: trained/town:records）" in err.ja
    assert "make the forms again with `skillframe form`" in err.en
    assert result.rows == () and result.people_with_errors == ("S1",) and _gone(result) == []


def test_a_sheet_none_of_whose_questions_is_left_is_its_persons_error(tmp_path: Path) -> None:
    form, current = _standalone(tmp_path, f"{HEADER}{S1}D1,窓口 二,市民課,窓口職員\n")
    result = skillframe.collect(form, current)
    [err] = result.errors
    sheet = index(form)["S1"]
    assert (err.code, err.where, err.person) == ("catalog-version", f"{sheet}!B14:B14", "S1")
    assert err.en.startswith(
        f"none of the questions of sheet '{sheet}' is in the current catalog (trained/town:records):"
    )
    assert err.ja.startswith(f"シート '{sheet}' の設問がどれも現在のカタログにありません（trained/town:records）:")
    assert [r["id"] for r in result.rows] == ["D1"] and result.rows[0]["trainings"] == "town:counter"
    assert result.people_with_errors == ("S1",)


def test_cli_collects_a_form_with_a_gone_question(
    old_form: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = _catalog(tmp_path / "v2", NO_VALIDATION)
    out = tmp_path / "staff.csv"
    assert main(["collect", str(old_form.parent), "--catalog", str(new), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    sheet, row = _row(old_form, "T1", VALIDATION)
    assert f"skillframe: warning: 票.xlsx: {sheet}!F{row}: " in err and "[question-gone]" in err
    assert "2 people: 2 written, 0 with errors" in err
    table = skillframe.read_staff(out, catalog=skillframe.load(new))
    assert sorted(r.id for r in table.records) == ["I1", "T1"]


def test_cli_refuses_a_form_none_of_whose_questions_is_left(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    form, _ = _standalone(tmp_path, HEADER + S1)
    new = tmp_path / "v2" / "town.yaml"
    assert main(["collect", str(form.parent), "--catalog", str(new), "-o", str(tmp_path / "staff.csv")]) == 1
    err = capsys.readouterr().err
    assert "票.xlsx: _skillframe!B2: " in err and "[catalog-version]" in err
    assert "none of the form's questions is in the current catalog" in err


@pytest.mark.parametrize(
    ("number_format", "said"),
    [
        ("mm-dd-yy", "2026/4/1"),  # 2026/4/1 typed in Excel (ja-JP): its built-in date format 14
        ("yyyy-mm-dd h:mm:ss", "2026-04-01 0:00:00"),  # a date written by a program (openpyxl): so Excel shows it
    ],
)
def test_a_date_answer_to_a_gone_question_is_named_as_excel_shows_it(
    old_form: Path, tmp_path: Path, number_format: str, said: str
) -> None:
    """The answer is shown as Excel shows its cell (``skillframe.staff.xlsx.shown``, as the staff reader)."""
    sheet, row = _row(old_form, "T1", VALIDATION)
    wb = openpyxl.load_workbook(old_form)
    wb[sheet][f"F{row}"] = dt.datetime(2026, 4, 1)
    wb[sheet][f"F{row}"].number_format = number_format
    wb.save(old_form)
    [w] = _gone(skillframe.collect(old_form, skillframe.load(_catalog(tmp_path / "v2", NO_VALIDATION))))
    assert w.en.endswith(f"(removed, or given a new id): its answer '{said}' is not read and is unknown")
    assert w.ja.endswith(f"回答 '{said}' は読まず、不明としました")
