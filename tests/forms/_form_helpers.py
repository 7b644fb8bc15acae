"""What the split/merge/roster tests share: a roster file, and a staff member filling a sheet in Excel
(openpyxl, as the workbook would be edited and saved)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl

#: The trial's pattern: three 課, two people each, and one person without a 課.
ROSTER = (
    "職員番号,氏名,所属,人材像,受講研修\n"
    "A01,青木 一,総務課,DX推進員,\n"
    "A02,石井 二,総務課,一般行政職員,\n"
    "B01,上田 三,税務課,DX推進員,\n"
    "B02,江藤 四,税務課,一般行政職員,\n"
    "C01,大野 五,福祉課,DX推進員,\n"
    "C02,加藤 六,福祉課,一般行政職員,\n"
    "D01,木村 七,,一般行政職員,\n"
)


def roster_file(folder: Path, text: str = ROSTER, name: str = "名簿.csv", encoding: str = "cp932") -> Path:
    """A roster as Excel saves a CSV (CP932, CRLF)."""
    path = folder / name
    path.write_bytes(text.replace("\n", "\r\n").encode(encoding))
    return path


def index(path: Path) -> dict[str, str]:
    """The form's hidden index: staff id -> sheet name."""
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        return {str(r[2]): str(r[0]) for r in wb["_skillframe"].iter_rows(min_row=7, values_only=True) if r[0]}
    finally:
        wb.close()


def fill(path: Path, answers: dict[str, dict[str, Any]], out: Path | None = None) -> dict[str, str]:
    """Fill the sheets of the ids in ``answers`` (label -> value; ``"*trained"`` answers every
    training question) and save to ``out`` (default: over ``path``). Returns id -> sheet."""
    wb = openpyxl.load_workbook(path)
    where = index(path)
    for sid, given in answers.items():
        ws = wb[where[sid]]
        for r in range(14, ws.max_row + 1):
            label = ws[f"B{r}"].value
            if not label:
                continue
            if label in given:
                ws[f"F{r}"] = given[label]
            elif "*trained" in given and str(label).startswith("trained/"):
                ws[f"F{r}"] = given["*trained"]
    wb.save(out or path)
    return where
