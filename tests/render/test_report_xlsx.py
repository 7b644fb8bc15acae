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


_COUNT_RATE = re.compile(r"(\d+) \((\d+\.\d%)\)")


def _split(rows: list[list[str]]) -> list[list[str]]:
    """A Markdown table as the workbook holds it: a column of ``7 (46.7%)`` cells as two, the
    count and the rate (``Step1以上``, ``Step1以上 割合``); ``—`` there leaves the rate empty."""
    both = {i for r in rows[1:] for i, c in enumerate(r) if _COUNT_RATE.fullmatch(c)}
    out = []
    for n, r in enumerate(rows):
        cells: list[str] = []
        for i, c in enumerate(r):
            if i not in both:
                cells.append(c)
            elif n == 0:
                cells += [c, c + " 割合"]
            else:
                m = _COUNT_RATE.fullmatch(c)
                cells += [m.group(1), m.group(2)] if m else [c, ""]
        out.append(cells)
    return out


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
        assert shown == [[_value(c.replace("\\|", "|")) for c in r] for r in _split(rows)], title
        assert all(c.data_type != "f" for r in wb[name].iter_rows() for c in r)  # never a formula
    counts = wb[wb.sheetnames[1]]  # 人材像別の到達状況: people as numbers, rates as the table shows them
    assert counts.cell(2, 2).data_type == "n" and isinstance(counts.cell(2, 2).value, int)
    # a step's count and its rate: two number cells (the Markdown's "7 (46.7%)"), summable and chartable
    assert [c.value for c in counts[1]][3:5] == ["Step1以上", "Step1以上 割合"]
    people, rate = counts.cell(2, 4), counts.cell(2, 5)
    assert isinstance(people.value, int) and rate.number_format == "0.0%" and 0 <= rate.value <= 1
    assert rate.value == people.value / counts.cell(2, 2).value
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


def test_report_xlsx_has_the_history_sheets_of_the_markdown_report(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'h.db'}"
    for year in ("2025", "2026"):
        assert main(["record", str(STAFF), "--year", year, "-m", "131016", "--db", db]) == 0
    md, xlsx = tmp_path / "r.md", tmp_path / "r.xlsx"
    for out in (md, xlsx):
        assert main(["report", str(STAFF), "--targets", str(TARGETS), "--db", db, "-m", "131016", "-o", str(out)]) == 0
    tables = _markdown_tables(md.read_text(encoding="utf-8"))
    wb = openpyxl.load_workbook(xlsx)
    assert wb.sheetnames[:3] == ["年度推移", "前年度の達成状況", "数値目標の進捗"]  # the 年度推移 follows the 所見
    assert len(wb.sheetnames) == len(tables) + 1
    for name, (title, rows) in zip(wb.sheetnames, tables.items(), strict=False):
        assert title.startswith(name.rstrip("…")[:25])
        shown = [[_value(_shown(c)) for c in r] for r in wb[name].iter_rows()]
        assert shown == [[_value(c.replace("\\|", "|")) for c in r] for r in _split(rows)], title
    trend, yoy = wb["年度推移"], wb["前年度の達成状況"]
    assert [c.value for c in trend[1]] == ["人材像 / persona", "段階 / step", "2025", "2026"]
    assert [c.value for c in yoy[1]][2:] == ["2025年度 / FY2025", "2026年度 / FY2026", "増減 / change"]
    body = [[c.value for c in r] for r in trend.iter_rows(min_row=2)]
    assert sum(r[2] for r in body) == sum(r[3] for r in body) == 40  # the 40 staff, recorded in both years
    assert all(isinstance(c.value, int) and c.data_type == "n" for r in yoy.iter_rows(min_row=2) for c in r[2:])
    assert {c.value for c in yoy["E"][1:]} == {0} and yoy["E2"].number_format == "+0;-0;0"  # the same staff twice
    notes = [str(c.value) for c in wb["注記"]["A"] if c.value]
    assert any("評価履歴に記録した年度から" in n and "カタログ / catalog: " in n and "digest" in n for n in notes)
