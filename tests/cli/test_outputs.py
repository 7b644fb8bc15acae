"""What the CLI writes: never over an input, never half-written, real XLSX, CSV for Japanese Excel.

Each behaviour is checked through the CLI (in-process ``main`` and, once, a real
subprocess) and, where it has one, through the Python API.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import openpyxl
import pytest

import skillframe
from skillframe.cli import main

ROOT = Path(__file__).resolve().parents[2]

STAFF_CSV = (
    "id,persona,department,trainings,dx_lead_years\n"
    "2019.10,DX推進員,総務課,,1\n"
    "000123,DX推進員,税務課,,0\n"
    "A3,一般行政職員,住民課,,\n"
)


@attrs.frozen
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "staff.csv").write_text(STAFF_CSV, encoding="utf-8")
    (tmp_path / "staff.json").write_text(
        json.dumps([{"id": "J1", "persona": "DX推進員", "department": "総務課"}], ensure_ascii=False), encoding="utf-8"
    )
    return tmp_path


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], work: Path) -> Callable[..., Result]:
    def run(*argv: str) -> Result:
        code = main(list(argv))
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return run


# -- never over an input ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv, victim",
    [
        (("evaluate", "staff.csv", "-o", "staff.csv"), "staff.csv"),
        (("evaluate", "staff.json", "-o", "staff.json"), "staff.json"),
        (("evaluate", "staff.csv", "--errors", "staff.csv"), "staff.csv"),
        (("evaluate", "staff.csv", "-o", "./staff.csv", "--format", "csv"), "staff.csv"),
        (("report", "staff.csv", "-o", "staff.csv", "--format", "html"), "staff.csv"),
        (("list", "skills", "--catalog", "town.yaml", "-o", "town.yaml", "--format", "csv"), "town.yaml"),
        (("validate", "town.yaml", "-o", "town.yaml", "--format", "text"), "town.yaml"),
    ],
)
def test_output_over_an_input_is_refused(
    cli: Callable[..., Result], work: Path, argv: tuple[str, ...], victim: str
) -> None:
    (work / "town.yaml").write_text(
        "format: skillframe-catalog/1\nframework:\n  id: t\n  label: 町\n  publisher: 町\n  source: s\n"
        "  sources: [{id: s, title: 町}]\n  extends: tokyo-wg-2025\n",
        encoding="utf-8",
    )
    before = (work / victim).read_bytes()
    r = cli(*argv)
    assert r.code != 0
    assert "入力" in r.err and "inputs" in r.err
    assert (work / victim).read_bytes() == before
    assert not [p for p in work.iterdir() if p.name.endswith(".tmp")]


def test_output_over_an_input_in_a_real_process(work: Path) -> None:
    before = (work / "staff.csv").read_bytes()
    done = subprocess.run(
        [sys.executable, "-m", "skillframe", "evaluate", "staff.csv", "-o", "staff.csv"],
        capture_output=True,
        cwd=work,
        check=False,
    )
    assert done.returncode == 2
    assert (work / "staff.csv").read_bytes() == before


def test_output_over_an_input_through_the_api(work: Path, cat: skillframe.Catalog) -> None:
    before = (work / "staff.csv").read_bytes()
    table = skillframe.compare(cat, "levels")
    with pytest.raises(skillframe.OutputError) as info:
        table.write(work / "staff.csv", inputs=[work / "staff.csv"])
    assert info.value.code == "output-is-input"
    assert (work / "staff.csv").read_bytes() == before


# -- never half-written ----------------------------------------------------------------------


def _rules_module(work: Path, name: str, body: str) -> str:
    path = work / f"{name}.py"
    path.write_text(
        "import attrs\nimport skillframe\n\n"
        "@attrs.frozen\nclass P:\n    n: int = 0\n\n"
        f"@skillframe.rule({name!r}, params=P)\n"
        "def check(record, params, context):\n" + body,
        encoding="utf-8",
    )
    return name


def _overlay_with_rule(work: Path, rule: str) -> Path:
    path = work / "rule-town.yaml"
    path.write_text(
        "format: skillframe-catalog/1\nframework:\n  id: rule-town\n  label: 規則町\n  publisher: 規則町\n"
        "  source: s\n  sources: [{id: s, title: 規則町}]\n  extends: tokyo-wg-2025\n"
        "overlay:\n  rules:\n    - step: dx-promoter-step1\n"
        f"      extend: {{custom: {{rule: {rule}, params: {{n: 1}}}}}}\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "github"])
def test_a_command_failing_half_way_leaves_no_output(
    cli: Callable[..., Result], work: Path, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from skillframe.cli import _evaluate, _evaluate_batches

    real = _evaluate.iter_staff

    def boom(*a: Any, **k: Any) -> Iterator[object]:
        for item in real(*a, **k):
            if getattr(item, "id", None) == "000123":  # the second row: the first is already made
                raise skillframe.errors.StaffDataError("record 000123", "boom", code="bad-value")
            yield item

    monkeypatch.setattr(_evaluate, "iter_staff", boom)
    monkeypatch.setattr(_evaluate_batches, "BATCH", 1)  # each row made (and written) before the next is read
    out = work / f"out.{'md' if fmt == 'github' else fmt}"
    r = cli("evaluate", "staff.csv", "-o", str(out))
    assert r.code == 1, r.err
    assert "boom" in r.err
    assert not out.exists()
    assert not [p.name for p in work.iterdir() if p.name.endswith(".tmp")]


def test_a_rule_that_raises_for_one_record_is_a_row_error(cli: Callable[..., Result], work: Path) -> None:
    """CLI: that row is an error (row, rule, code rule-error, ja/en); the others are evaluated.
    API: evaluate/evaluate_many raise RuleError naming the rule and the record."""
    name = f"boom_{uuid.uuid4().hex[:8]}"
    _rules_module(work, name, "    if record.id == '000123':\n        raise RuntimeError('boom')\n    return True\n")
    town = _overlay_with_rule(work, name)
    (work / "staff2.csv").write_text(STAFF_CSV.replace("DX推進員", "rule-town:dx-promoter"), encoding="utf-8")
    common = ("--rules", f"{name}.py", "--catalog", str(town))
    r = cli("evaluate", "staff2.csv", *common)
    assert r.code == 1
    assert "2019.10" in r.out and "A3" in r.out and "000123" not in r.out
    assert "row 3" in r.err and name in r.err and "[rule-error]" in r.err
    assert "独自ルール" in r.err and "custom rule" in r.err
    assert r.out.strip().splitlines()[-1].endswith("エラー 1行")
    for fmt in ("csv", "xlsx", "html"):
        assert cli("evaluate", "staff2.csv", *common, "-o", f"r.{fmt}").code == 1
    cells = _csv_cells(work / "r.csv")
    assert [row[:2] for row in cells[1:]] == [["2", "2019.10"], ["3", "000123"], ["4", "A3"]]
    assert "rule-error" in cells[2][-1] and name in cells[2][-1] and cells[1][-1] == ""
    wb = openpyxl.load_workbook(work / "r.xlsx")
    assert [[c.value for c in row][:2] for row in wb.worksheets[0].iter_rows(min_row=2)] == [
        [2, "2019.10"],
        [3, "000123"],
        [4, "A3"],
    ]
    assert [c.value for c in wb["エラー"][2]][:3] == [3, None, "rule-error"]
    assert "3" in (work / "r.html").read_text(encoding="utf-8").split("rule-error")[0].rsplit("<tr>", 1)[1]
    # the API keeps raising, naming rule and record; the evaluations before it are handed out
    cat = skillframe.load(town)
    trained = [e.skill.id for e in cat.effective_skills("rule-town:dx-promoter") if "tool" not in e.skill.tags]
    rows = [{"id": i, "trainings": trained} for i in ("2019.10", "000123", "A3")]
    got: list[str] = []
    with pytest.raises(skillframe.RuleError) as info:  # one persona: evaluated in batches
        got.extend(str(ev.record_id) for ev in skillframe.evaluate_many(cat, "rule-town:dx-promoter", rows))
    assert got == ["2019.10"]
    assert info.value.rule == name and info.value.record_id == "000123"
    assert name in str(info.value) and "000123" in str(info.value)


def test_a_failing_command_keeps_the_previous_output(cli: Callable[..., Result], work: Path) -> None:
    out = work / "levels.csv"
    out.write_text("old\n", encoding="utf-8")
    r = cli("compare", "steps", "--persona", "誰でもない人", "-o", str(out))
    assert r.code == 1
    assert out.read_text(encoding="utf-8") == "old\n"
    r = cli("graph", "--view", "ladder", "-o", "ladder.mmd")  # a usage error
    assert r.code == 2 and not (work / "ladder.mmd").exists()


# -- formats ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ("graph", "--format", "grid"),
        ("graph", "-o", "x.xlsx"),
        ("evaluate", "staff.csv", "-o", "x.graphml"),
        ("report", "staff.csv", "-o", "x.csv"),
        ("list", "skills", "-o", "x.mmd"),
        ("list", "skills", "--format", "csv", "-o", "x.xlsx"),
        ("schema", "-o", "x.csv"),
        ("export", "sssom", "-o", "x.xlsx"),
    ],
)
def test_a_format_the_command_cannot_write_is_a_usage_error(
    cli: Callable[..., Result], work: Path, argv: tuple[str, ...]
) -> None:
    r = cli(*argv)
    assert r.code == 2, r.err
    assert "形式" in r.err or "format" in r.err
    assert sorted(p.name for p in work.iterdir()) == ["staff.csv", "staff.json"]


def test_graph_help_lists_only_its_formats(cli: Callable[..., Result]) -> None:
    r = cli("graph", "--help")
    assert r.code == 0
    assert "mermaid, dot, graphml" in " ".join(r.out.split())
    assert "grid" not in r.out and "latex" not in r.out


def test_format_follows_the_suffix(cli: Callable[..., Result], work: Path) -> None:
    for name in ("e.csv", "e.tsv", "e.json", "e.md", "e.html", "e.xlsx"):
        assert cli("evaluate", "staff.csv", "-o", name).code == 0
    assert (work / "e.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert "\t" in (work / "e.tsv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert json.loads((work / "e.json").read_text(encoding="utf-8"))[0]["record"]["id"] == "2019.10"
    assert (work / "e.md").read_text(encoding="utf-8").startswith("| 行   | 職員番号")
    assert "<table>" in (work / "e.html").read_text(encoding="utf-8")
    assert openpyxl.load_workbook(work / "e.xlsx").worksheets[0]["B2"].value == "2019.10"


# -- CSV for Japanese Excel; XLSX with the same cells ----------------------------------------

TABULAR = [
    ("evaluate", "staff.csv"),
    ("evaluate", "staff.csv", "--wide"),
    ("evaluate", "staff.csv", "--explain", "--lang", "en"),
    ("list", "frameworks"),
    ("list", "personas"),
    ("list", "skills"),
    ("list", "steps"),
    ("list", "scales"),
    ("list", "trainings"),
    ("list", "tools"),
    ("compare", "levels"),
    ("compare", "persona-skills"),
    ("compare", "steps", "--persona", "DX推進員"),
    ("compare", "trainings"),
    ("map", "tokyo-wg-2025:network-design", "--to", "tokyo-dsm"),
    ("map", "DX推進員", "--explain"),
    ("diff", "tokyo-wg-2025", str(ROOT / "examples" / "overlays" / "small-town.yaml")),
]


def _csv_cells(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 with a BOM"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def _xlsx_cells(path: Path) -> list[list[str]]:
    ws = openpyxl.load_workbook(path).worksheets[0]
    width = ws.max_column
    rows = [
        ["" if c.value is None else ("'" if c.quotePrefix else "") + str(c.value) for c in row]
        for row in ws.iter_rows()
    ]
    for row in ws.iter_rows():
        for c in row:
            assert c.data_type != "f", f"formula in {c.coordinate}"
    return [r + [""] * (width - len(r)) for r in rows]


@pytest.mark.parametrize("argv", TABULAR, ids="-".join)
def test_xlsx_has_the_same_cells_as_csv(cli: Callable[..., Result], work: Path, argv: tuple[str, ...]) -> None:
    r = cli(*argv, "-o", "out.csv")
    assert r.code == 0, r.err
    assert cli(*argv, "-o", "out.xlsx").code == 0
    cells = _csv_cells(work / "out.csv")
    assert len(cells) >= 2
    assert _xlsx_cells(work / "out.xlsx") == cells
    wb = openpyxl.load_workbook(work / "out.xlsx")
    ws = wb.worksheets[0]
    assert ws.freeze_panes == "A2" and ws["A1"].font.b and ws.auto_filter.ref
    assert ws.title not in ("Sheet", "table")


def test_evaluate_csv_headers_ids_and_summary(cli: Callable[..., Result], work: Path) -> None:
    r = cli("evaluate", "staff.csv", "-o", "out.csv")
    assert r.code == 0
    cells = _csv_cells(work / "out.csv")
    assert cells[0] == ["行", "職員番号", "人材像", "所属", "到達段階", "次の段階", "不足数", "エラー"]
    assert [row[:2] for row in cells[1:]] == [["2", "2019.10"], ["3", "000123"], ["4", "A3"]]
    en = cli("evaluate", "staff.csv", "--lang", "en", "--format", "csv")
    assert en.out.splitlines()[0] == "row,id,persona,department,step,next step,missing,error"


def test_evaluate_default_is_a_short_table_with_a_summary(cli: Callable[..., Result]) -> None:
    r = cli("evaluate", "staff.csv")
    assert r.code == 0, r.err
    lines = r.out.strip().splitlines()
    assert lines[0].split() == ["職員番号", "人材像", "所属", "到達段階", "次の段階", "不足数"]
    assert "2019.10" in r.out and "000123" in r.out
    assert lines[-1].startswith("3名（うちデータ不足 3名）: ") and lines[-1].endswith("エラー 0行")
    wide = cli("evaluate", "staff.csv", "--wide")
    assert "段階番号" in wide.out and "不足要件" in wide.out


def test_cp932_output_with_a_row_error_for_what_it_cannot_hold(cli: Callable[..., Result], work: Path) -> None:
    (work / "emoji.csv").write_text(STAFF_CSV.replace("住民課", "住民課🏠"), encoding="utf-8")
    r = cli("evaluate", "emoji.csv", "--output-encoding", "cp932", "-o", "out.csv")
    assert r.code == 1
    assert "4" in r.err and "CP932" in r.err
    cells = list(csv.reader(io.StringIO((work / "out.csv").read_bytes().decode("cp932"), newline="")))
    assert cells[3][3] == "住民課〓" and cells[1][3] == "総務課"
    assert "CP932" in cells[3][-1] and "[unencodable]" in cells[3][-1] and cells[1][-1] == ""  # that row says so
    ok = cli("evaluate", "staff.csv", "--output-encoding", "shift_jis", "-o", "ok.csv")
    assert ok.code == 0
    assert (work / "ok.csv").read_bytes().decode("cp932").startswith("行,職員番号,")


def test_cp932_output_writes_jis_twins_as_cp932_spells_them(cli: Callable[..., Result], work: Path) -> None:
    """The top step's next step is "—" (EM DASH), which CP932 holds only as "―" (its 0x815C):
    no 〓 and no row error for it, nor for 〜 − ‖ ¢ £ ¬ typed on another system."""
    general = "dx-necessity;user-understanding;gov-digital-basics;security-literacy;privacy"
    trainings = f"{general};project-management;value-discovery;data-literacy;bpr;service-validation;it-governance"
    (work / "top.csv").write_text(
        "id,persona,department,trainings,dx_lead_years,dx_lead_count,mentoring\n"
        f"T1,DX推進員,市民課〜窓口−2‖¢£¬,{trainings},2,3,はい\n",
        encoding="utf-8",
    )
    r = cli("evaluate", "top.csv", "--output-encoding", "cp932", "-o", "out.csv")
    assert r.code == 0, r.err
    assert "〓" not in r.err
    cells = list(csv.reader(io.StringIO((work / "out.csv").read_bytes().decode("cp932"), newline="")))
    assert cells[1][3:6] == ["市民課～窓口－2∥￠￡￢", "Step3 (指導)", "―"] and cells[1][-1] == ""


# -- every row of the input in the result; --errors like -o; typed cells; HTML pages ----------

BAD_STAFF = STAFF_CSV + "B5,DX推進員,総務課,,たくさん\nB6,,総務課,,\n"


def test_errors_file_takes_its_format_from_its_suffix(cli: Callable[..., Result], work: Path) -> None:
    (work / "bad.csv").write_text(BAD_STAFF, encoding="utf-8")
    for name in ("e.csv", "e.tsv", "e.xlsx", "e.json", "e.html", "e.md"):
        assert cli("evaluate", "bad.csv", "--errors", name).code == 1
    assert _csv_cells(work / "e.csv")[0] == ["行", "列", "コード", "内容", "職員番号"]
    assert "\t" in (work / "e.tsv").read_text(encoding="utf-8-sig").splitlines()[0]
    ws = openpyxl.load_workbook(work / "e.xlsx").worksheets[0]  # a real workbook, not a CSV under .xlsx
    assert ws["A2"].value == 5 and [c.value for c in ws[3]][:3] == [6, "persona", "missing-persona"]
    data = json.loads((work / "e.json").read_text(encoding="utf-8"))
    assert [(d["row"], d["code"]) for d in data] == [(5, "not-a-number"), (6, "missing-persona")]
    assert set(data[0]) == {"row", "column", "code", "message", "id"}
    page = (work / "e.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "missing-persona" in page
    assert (work / "e.md").read_text(encoding="utf-8").startswith("| 行")
    # a suffix --errors cannot write is a usage error, and nothing is written
    r = cli("evaluate", "bad.csv", "--errors", "e.docx", "-o", "never.csv")
    assert r.code == 2 and "docx" in r.err
    assert not (work / "e.docx").exists() and not (work / "never.csv").exists()


def test_a_result_file_holds_every_input_row(cli: Callable[..., Result], work: Path) -> None:
    (work / "bad.csv").write_text(BAD_STAFF, encoding="utf-8")
    assert cli("evaluate", "bad.csv", "-o", "r.csv").code == 1
    cells = _csv_cells(work / "r.csv")
    assert [row[:2] for row in cells[1:]] == [["2", "2019.10"], ["3", "000123"], ["4", "A3"], ["5", "B5"], ["6", "B6"]]
    assert "not-a-number" in cells[4][-1] and "たくさん" in cells[4][-1] and cells[4][4] == ""
    assert "missing-persona" in cells[5][-1]
    assert cli("evaluate", "bad.csv", "-o", "r.xlsx").code == 1
    wb = openpyxl.load_workbook(work / "r.xlsx")
    assert wb.sheetnames == ["評価結果", "エラー", "注記"]
    assert [c.value for c in wb["評価結果"]["A"]][1:] == [2, 3, 4, 5, 6]
    assert [[c.value for c in row][:3] for row in wb["エラー"].iter_rows(min_row=2)] == [
        [5, "dx_lead_years", "not-a-number"],
        [6, "persona", "missing-persona"],
    ]
    summary = wb["注記"]["A2"].value
    assert summary.startswith("3名（うちデータ不足 3名）: ") and summary.endswith("エラー 2行")
    assert cli("evaluate", "bad.csv", "-o", "r.html").code == 1
    page = (work / "r.html").read_text(encoding="utf-8")
    assert "エラー 2行" in page and "<td>B6</td>" in page and "missing-persona" in page


def test_numbers_are_number_cells_in_xlsx(cli: Callable[..., Result], work: Path) -> None:
    assert cli("evaluate", "staff.csv", "--wide", "-o", "w.xlsx").code == 0
    ws = openpyxl.load_workbook(work / "w.xlsx").worksheets[0]
    head = [c.value for c in ws[1]]
    for name in ("行", "段階番号", "不足数"):
        col = head.index(name)
        cells = [row[col] for row in ws.iter_rows(min_row=2)]
        assert [c.data_type for c in cells] == ["n"] * 3, name
        assert all(isinstance(c.value, int) for c in cells), name
    assert ws.cell(row=2, column=head.index("職員番号") + 1).value == "2019.10"  # an id stays text


def test_formula_text_is_exact_text_in_xlsx(cli: Callable[..., Result], work: Path) -> None:
    evil = "=1+1"
    (work / "evil.csv").write_text(STAFF_CSV.replace("総務課", evil).replace("税務課", "＝１＋１"), encoding="utf-8")
    assert cli("evaluate", "evil.csv", "-o", "x.xlsx").code == 0
    ws = openpyxl.load_workbook(work / "x.xlsx").worksheets[0]
    col = [c.value for c in ws[1]].index("所属") + 1
    cells = [ws.cell(row=r, column=col) for r in (2, 3)]
    assert [c.value for c in cells] == [evil, "＝１＋１"]  # exactly as written: no added '
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)
    # the API: a Table written as XLSX the same way
    skillframe.Table(title="t", headers=("a",), rows=((evil,),)).write(work / "t.xlsx")
    cell = openpyxl.load_workbook(work / "t.xlsx").worksheets[0]["A2"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == (evil, "s", True)


def test_html_output_is_a_complete_page(cli: Callable[..., Result], work: Path) -> None:
    assert cli("evaluate", "staff.csv", "--explain", "-o", "x.html").code == 0
    page = (work / "x.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="ja">' in page and '<meta charset="utf-8">' in page and "<title>評価結果</title>" in page
    assert "<td> " not in page and " </td>" not in page  # no padded cells
    assert "の研修: 不明<br>" in page  # the lines of 不足要件 kept
    assert page.rstrip().endswith("</html>")
    en = cli("evaluate", "staff.csv", "--lang", "en", "--format", "html")
    assert '<html lang="en">' in en.out and "<title>Evaluation</title>" in en.out
    skillframe.Table(title="t<", headers=("a",), rows=(("x\ny",),)).write(work / "t.html")  # the API
    api = (work / "t.html").read_text(encoding="utf-8")
    assert api.startswith("<!DOCTYPE html>") and "<title>t&lt;</title>" in api and "<td>x<br>y</td>" in api


def test_wide_adds_the_records_own_columns(cli: Callable[..., Result], work: Path) -> None:
    (work / "named.csv").write_text(
        "id,persona,department,dx_lead_years,mentoring,氏名,備考\nN1,DX推進員,総務課,1.5,はい,山田 花子,=メモ\n",
        encoding="utf-8",
    )
    assert cli("evaluate", "named.csv", "--wide", "-o", "w.csv").code == 0
    head, row = _csv_cells(work / "w.csv")
    got = dict(zip(head, row, strict=True))
    assert got["氏名"] == "山田 花子" and got["備考"] == "'=メモ"
    assert got["DXリード年数"] == "1.5" and got["後輩指導"] == "はい" and got["段階番号"] == "0"
    assert "不足要件" in got


# -- the officer's words; --rules; validate -------------------------------------------------


def test_map_speaks_the_users_language_and_json_keeps_skos(cli: Callable[..., Result]) -> None:
    r = cli("map", "tokyo-wg-2025:network-design", "--to", "tokyo-dsm")
    assert r.code == 0
    assert any(w in r.out for w in ("完全一致", "近い", "上位", "下位", "関連"))
    assert any(w in r.out for w in ("担当者の判断", "報告書に明記"))
    assert "skos:" not in r.out
    j = cli("map", "tokyo-wg-2025:network-design", "--to", "tokyo-dsm", "--format", "json")
    rows = json.loads(j.out)
    assert rows and all(row["predicate"].startswith(("skos:", "Not skos:")) for row in rows)
    assert {row["basis"] for row in rows} <= {"stated", "judgement"}


def test_rules_by_module_name_from_the_current_folder_and_by_path(cli: Callable[..., Result], work: Path) -> None:
    name = f"town_rules_{uuid.uuid4().hex[:8]}"
    _rules_module(work, name, "    return True\n")
    town = _overlay_with_rule(work, name)
    for spec in (name, f"{name}.py", str(work / f"{name}.py")):
        for argv in (
            ("validate", str(town)),
            ("compare", "steps", "--persona", "rule-town:dx-promoter"),
            ("diff", "tokyo-wg-2025", str(town)),
            ("list", "steps", "--framework", "rule-town"),
        ):
            r = (
                cli(*argv, "--rules", spec, "--catalog", str(town))
                if argv[0] != "validate"
                else cli(*argv, "--rules", spec)
            )
            assert r.code == 0, (argv, spec, r.err)
    r = cli("validate", "nowhere_rules.py", "--rules", "nowhere_rules.py")
    assert r.code == 2 and "nowhere_rules" in r.err


def test_unknown_rule_is_reported_at_the_overlay(cli: Callable[..., Result], work: Path) -> None:
    town = _overlay_with_rule(work, "no-such-rule")
    r = cli("validate", str(town))
    assert r.code == 1
    assert "rule-town.yaml:" in r.err and "no-such-rule" in r.err
    assert "catalogs/tokyo-wg-2025" not in r.err


def test_validate_an_edited_copy_of_a_builtin_catalog(cli: Callable[..., Result], work: Path) -> None:
    original = ROOT / "catalogs" / "tokyo-wg-2025" / "skills.yaml"
    copy = work / "skills.yaml"
    copy.write_text(original.read_text(encoding="utf-8"), encoding="utf-8")
    r = cli("validate", str(copy))
    assert r.code == 0, r.err
    assert "valid" in r.out
    broken = original.read_text(encoding="utf-8").replace(
        "format: skillframe-catalog/1", "format: skillframe-catalog/9"
    )
    copy.write_text(broken, encoding="utf-8")
    r = cli("validate", str(copy))
    assert r.code == 1
    assert "skills.yaml:" in r.err.splitlines()[0]
    assert "重複" not in r.err and "duplicate" not in r.err


def test_report_lists_the_rows_it_could_not_read(cli: Callable[..., Result], work: Path) -> None:
    (work / "bad.csv").write_text(BAD_STAFF, encoding="utf-8")
    r = cli("report", "bad.csv", "-o", "r.html")
    assert r.code == 1
    assert "bad.csv: bad.csv" not in r.err and "bad.csv: row 5" in r.err  # the file named once
    page = (work / "r.html").read_text(encoding="utf-8")
    section = page.split('id="row-errors"', 1)[1]
    assert "not-a-number" in section and "たくさん" in section and '<td class="num">5</td>' in section
    md = cli("report", "bad.csv", "--format", "md")  # (a row without a persona is counted, not an error here)
    assert "読めなかった行（1 件）" in md.out and "not-a-number" in md.out
    # the API: capped, with the count of the rest
    from skillframe.render.report import errors_table

    errs = skillframe.read_staff(work / "bad.csv").errors
    t = errors_table(list(errs) * 80, "en", limit=50)
    assert len(t.rows) == 50 and t.notes == ("30 more (evaluate --errors FILE lists all)",)
    assert t.rows[0][:3] == ("5", "dx_lead_years", "not-a-number")


def test_usage_errors_in_japanese_and_english(cli: Callable[..., Result]) -> None:
    r = cli("evaluate")
    assert r.code == 2
    assert "次の引数が必要です: STAFF_FILE / the following arguments are required: STAFF_FILE" in r.err
    bad = cli("list", "personas", "--lang", "fr")
    assert bad.code == 2 and "は選べません" in bad.err and "invalid choice" in bad.err


def test_show_names_provenance_flags_in_japanese_too(cli: Callable[..., Result]) -> None:
    r = cli("show", "DX推進員")
    assert r.code == 0
    assert "[解釈 / interpretation: " in r.out and "[interpretation:" not in r.out


def test_ctrl_c_is_one_line_and_leaves_no_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ctrl-C mid-run: exit 130, one bilingual line, no traceback, the old output untouched."""
    from skillframe.cli import _list

    out = tmp_path / "personas.csv"
    out.write_text("old", encoding="utf-8")

    def interrupted(*_: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(_list, "run", interrupted)
    assert main(["list", "personas", "-o", str(out)]) == 130
    err = capsys.readouterr().err
    assert "中断しました" in err and "interrupted" in err and "Traceback" not in err
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["personas.csv"]
