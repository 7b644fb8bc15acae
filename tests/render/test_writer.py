"""The safe writer, the cell neutraliser and the XLSX workbook, through the Python API."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import openpyxl
import pytest

from skillframe import OutputError, Table
from skillframe._cells import is_dangerous, md_cell, neutralise, xml_safe
from skillframe.render.writer import SafeOutput, check_not_input, choose_format, write_bytes, write_text
from skillframe.render.xlsx import Sheet, display_width, sheet_name, workbook

DANGEROUS = ["=1+1", "+1", "-1", "@SUM(1)", "\t=1", "\r=1", "＝１＋１", "＋1", "－1", "＠SUM(1)", " =1", "\u3000=1"]
SAFE = ["1-2", "Lv.1", "総務課", "2019.10", "", "a=b"]


@pytest.mark.parametrize("text", DANGEROUS)
def test_dangerous_cells_become_text(text: str) -> None:
    assert is_dangerous(text)
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", SAFE)
def test_safe_cells_unchanged(text: str) -> None:
    assert neutralise(text) == text


def test_md_and_xml_escaping() -> None:
    assert md_cell("a|b<script>&") == "a\\|b&lt;script&gt;&amp;"
    assert xml_safe("a\x00\x07\x1fb\tc") == "ab\tc"


def test_output_equal_to_input_is_refused_and_input_untouched(tmp_path: Path) -> None:
    src = tmp_path / "staff.csv"
    src.write_bytes(b"id,persona\nA1,x\n")
    before = src.read_bytes()
    for spelling in (src, tmp_path / "." / "staff.csv", Path(os.path.relpath(src))):
        with pytest.raises(OutputError) as info:
            write_text(spelling, "x", inputs=[src])
        assert info.value.code == "output-is-input"
    link = tmp_path / "link.csv"
    link.symlink_to(src)
    with pytest.raises(OutputError):
        write_bytes(link, b"x", inputs=[src])
    with pytest.raises(OutputError):
        Table(title="t", headers=("a",), rows=(("1",),)).write(src, inputs=[src])
    assert src.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.csv", "staff.csv"]


def test_output_inside_an_input_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "catalogs"
    folder.mkdir()
    (folder / "town.yaml").write_text("x: 1\n", encoding="utf-8")
    with pytest.raises(OutputError):
        check_not_input(folder / "town.yaml", [folder])
    check_not_input(tmp_path / "out.csv", [folder])  # a new file elsewhere is fine


def test_failed_write_leaves_no_file_and_keeps_the_old_one(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    with pytest.raises(RuntimeError), SafeOutput(target) as out:
        out.text().write("half")
        raise RuntimeError("boom")
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), SafeOutput(target) as out:
        out.text().write("new")
        raise RuntimeError("boom")
    assert target.read_text(encoding="utf-8") == "old"
    assert list(tmp_path.iterdir()) == [target]


def test_choose_format_by_suffix_and_refusals() -> None:
    tabular = ("github", "md", "csv", "tsv", "json", "xlsx", "html")
    assert choose_format(None, "a.csv", tabular, "github") == "csv"
    assert choose_format(None, "a.TSV", tabular, "github") == "tsv"
    assert choose_format(None, "a.md", tabular, "github") == "md"
    assert choose_format(None, None, tabular, "github") == "github"
    assert choose_format(None, "a.unknown", tabular, "github") == "github"
    assert choose_format("csv", None, tabular, "github") == "csv"
    with pytest.raises(OutputError) as info:
        choose_format(None, "a.graphml", tabular, "github")
    assert info.value.code == "format"
    with pytest.raises(OutputError):
        choose_format("csv", "a.xlsx", tabular, "github")  # never CSV in a file named .xlsx
    with pytest.raises(OutputError):
        choose_format("grid", None, ("mermaid", "dot", "graphml"), "mermaid")


def test_table_write_csv_has_bom_and_round_trips(tmp_path: Path) -> None:
    rows = (("2019.10", "=HYPERLINK(1)", "総務課|庶務係"), ("000123", "a\nb", "＝１＋１"))
    t = Table(title="表", headers=("職員番号", "所属", "備考"), rows=rows)
    p = tmp_path / "t.csv"
    t.write(p)
    data = p.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    back = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert back == [
        ["職員番号", "所属", "備考"],
        ["2019.10", "'=HYPERLINK(1)", "総務課|庶務係"],
        ["000123", "a\nb", "'＝１＋１"],
    ]
    x = tmp_path / "t.xlsx"
    t.write(x)
    ws = openpyxl.load_workbook(x).worksheets[0]
    assert [[("'" if c.quotePrefix else "") + (c.value or "") for c in r] for r in ws.iter_rows()] == back
    assert ws["B2"].value == "=HYPERLINK(1)" and ws["B2"].quotePrefix  # the text as written, never a formula
    assert all(c.data_type == "s" for r in ws.iter_rows() for c in r if c.value is not None)


def test_workbook_layout() -> None:
    data = workbook(
        [Sheet("評価結果", ("職員番号", "所属"), [("A1", "デジタル推進課" * 3), ("A2", None)])],
        notes=("出典: テスト",),
    )
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["評価結果", "注記"]
    ws = wb["評価結果"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:B3"
    assert ws["A1"].font.b and ws["B1"].font.b
    assert ws["B2"].alignment.wrap_text
    assert ws.column_dimensions["B"].width == display_width("デジタル推進課" * 3) + 2
    assert ws.column_dimensions["A"].width >= display_width("職員番号")
    assert wb["注記"]["A2"].value == "出典: テスト"


def test_sheet_names() -> None:
    assert sheet_name("a/b:c") == "a_b_c"
    assert len(sheet_name("x" * 40)) == 31
    assert sheet_name("表", ["表", "表 (2)"]) == "表 (3)"


def test_table_write_that_fails_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    import skillframe

    monkeypatch.setitem(sys.modules, "openpyxl", None)  # the xlsx extra missing: rendering fails
    target = tmp_path / "t.xlsx"
    with pytest.raises(skillframe.MissingDependencyError):
        Table(title="t", headers=("a",), rows=(("1",),)).write(target)
    assert list(tmp_path.iterdir()) == []


def test_a_link_is_followed_and_kept(tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    write_text(link, "new")
    assert link.is_symlink(), "the link itself must not be replaced"
    assert real.read_text(encoding="utf-8") == "new"


def test_an_existing_file_keeps_its_permissions(tmp_path: Path) -> None:
    out = tmp_path / "private.csv"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o600)
    write_text(out, "new")
    assert out.read_text(encoding="utf-8") == "new"
    assert out.stat().st_mode & 0o777 == 0o600


def test_a_fifo_is_written_into_not_replaced(tmp_path: Path) -> None:
    import stat
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    write_text(fifo, "through the pipe")
    reader.join(timeout=10)
    assert got == [b"through the pipe"]
    assert stat.S_ISFIFO(fifo.stat().st_mode), "the FIFO must still be a FIFO"


def test_output_over_the_history_database_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from skillframe.cli import main

    monkeypatch.chdir(tmp_path)
    db = tmp_path / "h.db"
    db.write_bytes(b"SQLite format 3\x00 not really")
    before = db.read_bytes()
    code = main(["history", "--db", "sqlite:///h.db", "-m", "131016", "-o", "h.db"])
    assert code == 2
    assert db.read_bytes() == before
