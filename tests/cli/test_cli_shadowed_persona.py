"""The CLI on staff data that names the WG's persona by id under a town's catalog (``persona-of-base-framework``).

The municipal trial's case: ``report``, ``policy`` and ``evaluate`` with ``--catalog
町カタログ.yaml`` (``extends: tokyo-wg-2025``, settings only) on a staff table naming
``tokyo-wg-2025:dx-promoter`` showed every DX推進員 target as 0 / 不明 / 該当者なし, with
no warning. Now each warns on stderr once per persona (code, both ids, rows, what to do),
exit codes unchanged (0: a warning), and the documents say why a target cannot be judged.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from skillframe.cli import main

CODE = "persona-of-base-framework"
BASE = "tokyo-wg-2025:dx-promoter"
COPY = "marumaru-town:dx-promoter"
TOWN = """\
format: skillframe-catalog/1
framework:
  id: marumaru-town
  label: ○○町 デジタル人材確保・育成基本方針
  publisher: ○○町
  extends: tokyo-wg-2025
  source: town-policy
  sources:
    - {id: town-policy, title: ○○町 デジタル人材確保・育成基本方針}
  settings:
    departments: [総務課, 税務課, 福祉課]
"""
TARGETS = """\
format: skillframe-targets/1
as_of: 2026-12-01
plan:
  baseline_year: 2025
  target_year: 2030
  targets:
    - {id: dx-count, kind: count, persona: DX推進員, step: 1, value: 15}
    - {id: dx-per-ka, kind: per_department, persona: DX推進員, step: 1, value: 1}
    - {id: dx-step2, kind: step_rate, persona: DX推進員, step: 2, value: 0.5}
"""
STAFF = (
    "id,persona,department,trainings,dx_lead_years\n"
    f"A1,{BASE},総務課,dx-necessity;bpr,1\n"
    f"A2,{BASE},税務課,dx-necessity,0\n"
    f"A3,{BASE},総務課,,\n"
)
NOTE_JA = f"職員データの 3 名は基底フレームワークの人材像 {BASE} を指し、{COPY} に数えていません（判定できません）"
#: the per-department target over the town's three 課 (its settings), though the staff are in two
PER_KA = re.compile(r"\| DX推進員 Step1 各課に1名以上 +\| — +\| 3 +\|")
NOTE_EN = f"3 staff record(s) name the base framework's persona {BASE}: not counted as {COPY} (cannot judge)"


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    out = {"town": "町カタログ.yaml", "targets": "目標.yaml", "staff": "職員データ.csv"}
    for key, text in (("town", TOWN), ("targets", TARGETS), ("staff", STAFF)):
        (tmp_path / out[key]).write_text(text, encoding="utf-8")
    return {k: str(tmp_path / v) for k, v in out.items()} | {"dir": str(tmp_path)}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def assert_warned(err: str, staff: str) -> None:
    """The warning, once, on stderr: where, the code, both ids, the rows and what to do (ja and en)."""
    assert err.count(f"[{CODE}]") == 1, err
    line = next(x for x in err.splitlines() if CODE in x)
    assert line.startswith(
        f"skillframe: {staff}: row 2, persona: warning: 人材像 {BASE}（DX推進員）は基底フレームワーク"
    )
    assert f"写し {COPY}（DX推進員）" in line and "この 3 名（行 2, 3, 4）" in line and "同じ --catalog" in line
    assert f"its copy {COPY} (DX推進員)" in line and "these 3 record(s) (rows 2, 3, 4)" in line
    assert "write the persona by name (DX推進員)" in line


def test_report_warns_and_its_targets_say_why_they_cannot_be_judged(
    capsys: pytest.CaptureFixture[str], files: dict[str, str]
) -> None:
    out = str(Path(files["dir"]) / "報告書.md")
    code, _, err = run(capsys, "report", files["staff"], "--catalog", files["town"], "-t", files["targets"], "-o", out)
    assert code == 0  # a warning: the report is written and the run succeeds
    assert_warned(err, files["staff"])
    text = Path(out).read_text(encoding="utf-8")
    assert text.count(NOTE_JA) == 3  # each DX推進員 target: 不明 with the note, never a silent 0
    rows = [x for x in text.splitlines() if NOTE_JA in x]
    assert all("| 不明 " in x and "| —  " in x for x in rows), rows
    assert "該当者なし" not in text
    assert f"職員データの 3 名は基底フレームワークの人材像（{BASE}）を指しており" in text  # the 所見
    assert PER_KA.search(text), text
    code, _, err = run(
        capsys, "report", files["staff"], "--catalog", files["town"], "-t", files["targets"], "--lang", "en", "-o", out
    )
    assert code == 0 and err.count(f"[{CODE}]") == 1
    assert Path(out).read_text(encoding="utf-8").count(NOTE_EN) == 3


def test_policy_warns_and_the_draft_says_why(capsys: pytest.CaptureFixture[str], files: dict[str, str]) -> None:
    out = str(Path(files["dir"]) / "方針.md")
    argv = ["policy", "--catalog", files["town"], "--staff", files["staff"], "--targets", files["targets"]]
    code, _, err = run(capsys, *argv, "--format", "md", "-o", out)
    assert code == 0
    assert_warned(err, files["staff"])
    text = Path(out).read_text(encoding="utf-8")
    assert text.count(NOTE_JA) == 3
    assert "0/3 課" not in text  # no 0 of the town's 課 either: the per-department target is 不明 too
    assert PER_KA.search(text), text  # the one overlay's settings apply, as in report (not only the 課 seen)


def test_policy_docx_warns_too(capsys: pytest.CaptureFixture[str], files: dict[str, str]) -> None:
    pytest.importorskip("docx")
    out = str(Path(files["dir"]) / "方針.docx")
    argv = ["policy", "--catalog", files["town"], "--staff", files["staff"], "--targets", files["targets"], "-o", out]
    code, _, err = run(capsys, *argv)
    assert code == 0 and Path(out).is_file()
    assert_warned(err, files["staff"])


def test_evaluate_warns_with_exit_0(capsys: pytest.CaptureFixture[str], files: dict[str, str]) -> None:
    code, out, err = run(capsys, "evaluate", files["staff"], "--catalog", files["town"], "--format", "csv")
    assert code == 0
    assert out.count("A") >= 3  # every record is still evaluated (against the persona it names)
    assert_warned(err, files["staff"])


def test_no_warning_when_the_data_names_personas_by_name(
    capsys: pytest.CaptureFixture[str], files: dict[str, str]
) -> None:
    Path(files["staff"]).write_text(STAFF.replace(BASE, "DX推進員"), encoding="utf-8")
    out = str(Path(files["dir"]) / "報告書.md")
    code, _, err = run(capsys, "report", files["staff"], "--catalog", files["town"], "-t", files["targets"], "-o", out)
    assert code == 0 and CODE not in err
    text = Path(out).read_text(encoding="utf-8")
    assert NOTE_JA not in text and "| DX推進員 Step1 人数 " in text


def test_form_from_a_roster_naming_the_base_persona_warns(
    capsys: pytest.CaptureFixture[str], files: dict[str, str]
) -> None:
    pytest.importorskip("openpyxl")
    out = str(Path(files["dir"]) / "票.xlsx")
    code, _, err = run(capsys, "form", "--catalog", files["town"], "--roster", files["staff"], "-o", out)
    assert code == 0 and Path(out).is_file()
    assert_warned(err, files["staff"])
