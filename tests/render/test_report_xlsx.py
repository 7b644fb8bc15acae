"""The organisation report as a workbook: the same tables as the Markdown report, typed cells."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl

from skillframe.cli import main

ROOT = Path(__file__).resolve().parents[2]
STAFF = ROOT / "examples" / "staff.csv"
TARGETS = ROOT / "examples" / "targets.yaml"


def _markdown_tables(text: str) -> dict[str, list[list[str]]]:
    """Each ``## title`` of the Markdown report with the rows of its table (header first)."""
    out: dict[str, list[list[str]]] = {}
    title = None
    for line in text.splitlines():
        if line.startswith("## "):
            title = line[3:].strip()
            out[title] = []
        elif title is not None and line.startswith("|") and not re.fullmatch(r"\|[-|: ]+\|", line):
            out[title].append([c.strip() for c in line.strip().strip("|").split("|")])
    return {k: v for k, v in out.items() if v}


def _value(text: str) -> object:
    """A cell as compared: a number as a number (``3.0`` in Markdown is ``3`` in the workbook)."""
    try:
        return float(text)
    except ValueError:
        return text


def _shown(cell: object) -> str:
    """A cell as Excel shows it: a number in a percent format as ``80.0%``."""
    v = cell.value  # type: ignore[attr-defined]
    if v is None:
        return ""
    fmt = cell.number_format  # type: ignore[attr-defined]
    if isinstance(v, float | int) and fmt.endswith("%"):
        decimals = len(fmt.split(".")[1]) - 1 if "." in fmt else 0
        return f"{100 * v:.{decimals}f}%"
    return str(v)


def test_report_xlsx_holds_the_markdown_reports_tables(tmp_path: Path) -> None:
    md, xlsx = tmp_path / "r.md", tmp_path / "r.xlsx"
    assert main(["report", str(STAFF), "--targets", str(TARGETS), "-o", str(md)]) == 0
    assert main(["report", str(STAFF), "--targets", str(TARGETS), "-o", str(xlsx)]) == 0
    tables = _markdown_tables(md.read_text(encoding="utf-8"))
    wb = openpyxl.load_workbook(xlsx)
    assert wb.sheetnames[-1] == "注記" and len(wb.sheetnames) == len(tables) + 1
    for name, (title, rows) in zip(wb.sheetnames, tables.items(), strict=False):
        assert title.startswith(name.rstrip("…")[:25])  # sheet names are the titles (cut to 31 characters)
        shown = [[_value(_shown(c)) for c in r] for r in wb[name].iter_rows()]
        assert shown == [[_value(c.replace("\\|", "|")) for c in r] for r in rows], title
        assert all(c.data_type != "f" for r in wb[name].iter_rows() for c in r)  # never a formula
    counts = wb[wb.sheetnames[1]]  # 人材像別の到達状況: people as numbers, rates as the table shows them
    assert counts.cell(2, 2).data_type == "n" and isinstance(counts.cell(2, 2).value, int)
    progress = wb[wb.sheetnames[0]]  # 数値目標の進捗: 見込み値 (a decimal) as a number too
    assert any(isinstance(c.value, float) for r in progress.iter_rows(min_row=2) for c in r)
    # rates are numbers (0–1) shown as percentages, not text: 80.0% is 0.8 in a 0.0% format
    rates = [c for r in progress.iter_rows(min_row=2) for c in r[2:6] if c.number_format == "0.0%"]
    assert rates and all(c.data_type == "n" and 0 <= c.value <= 1 for c in rates)
    assert not any(isinstance(c.value, str) and c.value.endswith("%") for r in progress.iter_rows() for c in r[2:6])
    training = wb["スキル別の研修受講率"]
    rate = training.cell(2, 5)
    required, completed = training.cell(2, 2).value, training.cell(2, 3).value
    assert rate.number_format == "0.0%" and rate.value == completed / required
    notes = [c.value for c in wb["注記"]["A"] if c.value]
    assert "所見" in notes and any(str(n).startswith("職員 40 名") for n in notes)


def test_report_xlsx_refuses_the_history_section(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    db.write_bytes(b"")
    assert main(["report", str(STAFF), "--db", f"sqlite:///{db}", "-o", str(tmp_path / "r.xlsx")]) == 2
    assert not (tmp_path / "r.xlsx").exists()
