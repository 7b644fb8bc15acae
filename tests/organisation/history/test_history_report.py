"""The report's 年度推移 section in every format: HTML, Markdown and report.xlsx (API and CLI).

Two 年度 of a town whose DX推進員 is renamed to hostile text: counts per year and the change
column by value, Japanese and English, the label escaped in HTML and Markdown and text
(never a formula) in the workbook.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from _history_helpers import MUNI_A, person

import skillframe
from skillframe.cli import main
from skillframe.render.history_tables import history_html, history_markdown, history_sheets, history_tables
from skillframe.render.report import report_html, report_markdown
from skillframe.render.report_xlsx import report_xlsx
from skillframe.render.xlsx import workbook

EVIL = "=cmd|' /C calc'!A0"
EVIL_EN = "+x<script>alert(1)</script>"
DX = "evil-town:dx-promoter"
#: 2025: ranks 1, 1, 1, 2, 0; 2026: U1 up, U2 up two, L1 left, N1 and N2 arrived.
YEARS = {
    "2025": [("U1", 1), ("U2", 1), ("L1", 1), ("D1", 2), ("S1", 0)],
    "2026": [("U1", 2), ("U2", 3), ("D1", 2), ("S1", 0), ("N1", 0), ("N2", 1)],
}
#: (step, 2025, 2026, change) per row, in order: below Step 1, Step1, Step2, Step3.
EXPECTED = [("Step未満", 1, 2, 1), ("Step1", 3, 1, -2), ("Step2", 1, 2, 1), ("Step3", 0, 1, 1)]


@pytest.fixture
def town(db_url: str, tmp_path: Path) -> dict[str, Any]:
    """A town overlay renaming DX推進員 to hostile text, its staff files, both years recorded by the CLI."""
    overlay = {
        "format": "skillframe-catalog/1",
        "framework": {
            "id": "evil-town",
            "label": "試験町",
            "label_en": "Test town",
            "publisher": "試験町（架空）",
            "source": "s",
            "sources": [{"id": "s", "title": "試験"}],
            "extends": "tokyo-wg-2025",
        },
        "overlay": {"rename": [{"id": "dx-promoter", "label": EVIL, "label_en": EVIL_EN}]},
    }
    cat_path = tmp_path / "town.yaml"
    cat_path.write_text(yaml.safe_dump(overlay, allow_unicode=True), encoding="utf-8")
    files = {}
    for year, people in YEARS.items():
        path = tmp_path / f"staff{year}.json"
        records = [{**person(pid, rank), "persona": DX} for pid, rank in people]
        path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
        files[year] = str(path)
        argv = ["record", str(path), "--year", year, "-m", MUNI_A, "--db", db_url, "--catalog", str(cat_path)]
        assert main(argv) == 0
    common = [files["2026"], "--db", db_url, "-m", MUNI_A, "--catalog", str(cat_path)]
    return {"catalog": str(cat_path), "db": db_url, "common": common}


def _history(town: dict[str, Any]) -> tuple[skillframe.history.History, skillframe.Catalog]:
    cat = skillframe.load(town["catalog"])
    store = skillframe.open_history(town["db"], create=False)
    try:
        return store.history(cat), cat
    finally:
        store.close()


def test_history_tables_count_each_year_and_the_change(town: dict[str, Any]) -> None:
    h, cat = _history(town)
    trend, yoy = history_tables(h, cat)
    assert trend.title == "年度推移 / Year over year"
    assert trend.headers == ("人材像 / persona", "段階 / step", "2025", "2026")
    assert trend.rows == tuple((EVIL, s, str(a), str(b)) for s, a, b, _ in EXPECTED)
    # the years compared are named: a staff file of another year beside it is not mistaken for them
    assert yoy.title == "前年度の達成状況（2025→2026年度） / Progress since the year before (2025 → FY2026)"
    assert yoy.headers[2:] == ("2025年度 / FY2025", "2026年度 / FY2026", "増減 / change")
    assert [r[4] for r in yoy.rows] == ["+1", "-2", "+1", "+1"]
    assert yoy.notes[0].startswith("評価履歴に記録した年度から（職員ファイルの集計ではありません）")
    assert yoy.notes[0].endswith(f"カタログ / catalog: {h.catalog.describe()}")
    _, first = history_tables(h, cat, year=2025, lang="en")  # no year before: all from 0
    assert first.headers[2] == "前年度 / year before" and "記録なし→2025年度" in first.title
    assert [(r[0], r[1], r[2], r[4]) for r in first.rows] == [
        (EVIL_EN, "below Step 1", "0", "+1"),
        (EVIL_EN, "Step1", "0", "+3"),
        (EVIL_EN, "Step2", "0", "+1"),
    ]
    with pytest.raises(AttributeError, match="history_tables"):  # the old HTML-only entry point says where
        _ = skillframe.history.history_section


def test_history_is_escaped_in_html_and_markdown_and_text_in_xlsx(town: dict[str, Any]) -> None:
    h, cat = _history(town)
    tables = history_tables(h, cat, lang="en")
    page = history_html(tables)
    assert "<script>" not in page and "+x&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert '<td>Step1</td><td class="num">3</td><td class="num">1</td><td class="num">-2</td>' in page
    md = "\n".join(history_markdown(history_tables(h, cat)))
    assert "| =cmd\\|' /C calc'!A0 | Step1" in md.replace("  ", " ").replace("  ", " ")
    assert "<script>" not in "\n".join(history_markdown(tables))
    wb = openpyxl.load_workbook(io.BytesIO(workbook(history_sheets(tables))))
    ws = wb["前年度の達成状況"]
    assert ws["A2"].value == EVIL_EN and ws["A2"].data_type == "s" and ws["A2"].quotePrefix
    assert [[c.value for c in r] for r in ws.iter_rows(min_row=2, min_col=3)] == [[a, b, d] for _, a, b, d in EXPECTED]
    assert ws["E3"].number_format == "+0;-0;0"


def test_report_functions_take_the_history_tables(town: dict[str, Any]) -> None:
    h, cat = _history(town)
    tables = history_tables(h, cat)
    r = skillframe.rollup(cat, [])
    page = report_html(r, history=tables)
    assert page.index("所見") < page.index("年度推移 / Year over year") < page.index("育成段階の到達状況")
    text = report_markdown(r, history=tables)
    heads = [text.index(f"## {h}") for h in ("所見", "年度推移", "前年度の達成状況", "人材像別")]
    assert heads == sorted(heads)
    assert "## 年度推移" not in report_markdown(r)
    wb = openpyxl.load_workbook(io.BytesIO(report_xlsx(r, history=tables)))
    assert wb.sheetnames[:2] == ["年度推移", "前年度の達成状況"]
    assert "年度推移" not in openpyxl.load_workbook(io.BytesIO(report_xlsx(r))).sheetnames


def test_report_cli_has_the_section_in_every_format(town: dict[str, Any], tmp_path: Path) -> None:
    html, md, xlsx = tmp_path / "r.html", tmp_path / "r.md", tmp_path / "r.xlsx"
    for out in (html, md, xlsx):
        assert main(["report", *town["common"], "-o", str(out)]) == 0
    page = html.read_text(encoding="utf-8")
    assert '<td>=cmd|&#x27; /C calc&#x27;!A0</td><td>Step1</td><td class="num">3</td><td class="num">1</td>' in page
    assert '<td class="num">-2</td>' in page and EVIL not in page
    text = md.read_text(encoding="utf-8")
    section = text[text.index("## 年度推移") : text.index("## 人材像別")]
    rows = [[c.strip() for c in line.strip("|").split(" | ")] for line in section.splitlines() if "Step" in line]
    assert [r[1:] for r in rows[:4]] == [[s, str(a), str(b)] for s, a, b, _ in EXPECTED]
    assert [r[-1] for r in rows[4:]] == ["+1", "-2", "+1", "+1"]
    assert rows[0][0] == "=cmd\\|' /C calc'!A0"  # the pipe escaped: one cell
    wb = openpyxl.load_workbook(xlsx)
    trend = wb["年度推移"]
    assert [[c.value for c in r] for r in trend.iter_rows(min_row=2)] == [[EVIL, s, a, b] for s, a, b, _ in EXPECTED]
    assert trend["A2"].data_type == "s" and trend["A2"].quotePrefix  # text, never a formula
    assert all(c.data_type != "f" for ws in wb for r in ws.iter_rows() for c in r)
    # English: labels and steps in English, headers Japanese first with English
    en = tmp_path / "en.xlsx"
    assert main(["report", *town["common"], "--lang", "en", "-o", str(en)]) == 0
    ws = openpyxl.load_workbook(en)["前年度の達成状況"]
    assert [c.value for c in ws[1]][-1] == "増減 / change"
    assert [[c.value for c in r] for r in ws.iter_rows(min_row=2, max_row=3)] == [
        [EVIL_EN, "below Step 1", 1, 2, 1],
        [EVIL_EN, "Step1", 3, 1, -2],
    ]
