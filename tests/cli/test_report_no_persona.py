"""``skillframe report`` and the people without a persona (人材像 未設定).

``evaluate`` refuses a row without a persona (``missing-persona``); ``report`` counts it
under 未設定 and lists its row. Such a person was evaluated against no ladder, so the
attainment table never counts them under Step未満: ``—`` there, as for a persona without a
ladder, and a note says they are 評価対象外 — the same in HTML, Markdown and XLSX.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from skillframe.cli import main

STAFF = "職員番号,人材像,所属,研修\nA1,DX推進員,総務課,\nA2,,税務課,\nA3,管理監督職,税務課,\n"
HEADERS = ("人材像", "人数", "Step未満", "Step1以上", "Step2以上", "Step3以上", "データ不足")
NOTE = "人材像 未設定 の職員 1 名は評価対象外です（人材像がなく段階で評価していません。「Step未満」欄は —）"


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    Path("staff.csv").write_text(STAFF, encoding="utf-8")
    return tmp_path


def test_evaluate_refuses_the_row_report_counts(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", "staff.csv", "-o", "e.csv"]) == 1
    assert (
        "staff.csv: row 3, 人材像: 人材像がありません (--persona で指定) / no persona (give --persona) "
        "[missing-persona]\n" in capsys.readouterr().err
    )
    assert main(["report", "staff.csv", "-o", "r.md"]) == 0
    assert "職員 3 名（人材像 未設定 1 名、段階のない人材像 1 名、データ不足 1 名）" in Path("r.md").read_text("utf-8")


def test_markdown_shows_no_persona_apart_from_below_step1(here: Path) -> None:
    assert main(["report", "staff.csv", "-o", "r.md"]) == 0
    text = Path("r.md").read_text(encoding="utf-8")
    table = text.split("## 人材像別の育成段階の到達状況\n")[1].split("\n## ")[0]
    rows = [tuple(c.strip() for c in line.strip("|").split("|")) for line in table.splitlines() if line[:2] == "| "]
    assert rows == [
        HEADERS,
        ("DX推進員", "1", "1", "0 (0.0%)", "0 (0.0%)", "0 (0.0%)", "1"),
        ("一般行政職員（管理監督職）", "1", "—", "—", "—", "—", "0"),
        ("未設定", "1", "—", "—", "—", "—", "0"),  # not one below Step 1
    ]
    assert NOTE in table.splitlines()[-1]


def test_html_shows_no_persona_apart_from_below_step1(here: Path) -> None:
    assert main(["report", "staff.csv", "-o", "r.html"]) == 0
    page = Path("r.html").read_text(encoding="utf-8")
    table = page.split("<caption>人材像別の育成段階の到達状況</caption>")[1].split("</table>")[0]
    rows = [tuple(re.findall(r"<t[dh][^>]*>([^<]*)</t[dh]>", tr)) for tr in re.findall(r"<tr>(.*?)</tr>", table)]
    assert rows[0] == HEADERS
    assert rows[-1] == ("未設定", "1", "—", "—", "—", "—", "0")
    assert f'<p class="note">{NOTE}</p>' in page
    en = here / "en.html"
    assert main(["report", "staff.csv", "-o", str(en), "--lang", "en"]) == 0
    assert (
        '<p class="note">1 staff without a persona are not evaluated (no persona, so no steps to evaluate against;'
        " &#x27;below Step 1&#x27; shows —)</p>" in en.read_text(encoding="utf-8")
    )


def test_xlsx_shows_no_persona_apart_from_below_step1(here: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    assert main(["report", "staff.csv", "-o", "r.xlsx"]) == 0
    wb = openpyxl.load_workbook("r.xlsx")
    rows = list(wb["人材像別の育成段階の到達状況"].iter_rows(values_only=True))
    assert rows[-1] == ("未設定", 1, "—", "—", None, "—", None, "—", None, 0)
    assert rows[1][:3] == ("DX推進員", 1, 1)
    assert (NOTE,) in list(wb["注記"].iter_rows(values_only=True))


FINDING = {
    "ja": "職員 3 名のうち、まだどの段階にも達していない職員 1 名（うちデータ不足 1 名）、Step1 以上 0 名、"
    "Step2 以上 0 名、Step3 0 名、評価対象外 2 名（人材像 未設定 1 名、"
    "段階のない人材像（研修受講のみ管理） 1 名）です。",
    "en": "3 staff: 1 have reached no step yet (1 of them for unknown data), 0 Step 1 or above, 0 Step 2 or above,"
    " 0 Step 3; 2 not evaluated (1 without a persona, 1 of a persona without a ladder (training attendance only)).",
}


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_findings_count_every_person_in_every_format(here: Path, lang: str) -> None:
    """The 所見's first sentence adds up to the staff counted: 1 at no step + 0 at Step 1 or
    above + 2 not evaluated (one 未設定, one of a persona without a ladder) = 3, in HTML,
    Markdown and the XLSX notes sheet."""
    import html

    import openpyxl

    for out in ("r.md", "r.html", "r.xlsx"):
        assert main(["report", "staff.csv", "--lang", lang, "-o", out]) == 0
    assert FINDING[lang] in Path("r.md").read_text(encoding="utf-8")
    assert FINDING[lang] in html.unescape(Path("r.html").read_text(encoding="utf-8"))
    notes = openpyxl.load_workbook("r.xlsx").worksheets[-1]
    assert FINDING[lang] in [c.value for row in notes.iter_rows() for c in row]
