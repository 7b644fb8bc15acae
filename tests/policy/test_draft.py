"""The draft 方針: its structure, placeholders and figures in Word (python-docx) and Markdown,
and LibreOffice converting it to PDF (first pages kept as PNG under build/policy/ for review).

The figures are computed by hand from the fixture (conftest.py): DX推進員 4 staff — D01 Step3,
D02 Step2, D03 Step1, D04 no step — so Step1以上 3 (75.0%), Step2以上 2 (50.0%), Step3以上 1
(25.0%); targets: DX推進員 count 10 → current 4, gap 6; Step2 rate 75.0% → 50.0%, gap 25.0%;
this year's Step1 count 6 → 3, gap 3.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

import skillframe
from skillframe.policy import draft
from skillframe.render.docx import draft_docx
from skillframe.render.drafts import draft_markdown

ROOT = Path(__file__).resolve().parents[2]
BASIC_HEADINGS = [
    "1. デジタル人材が必要な背景",
    "2. 求められる人材像",
    "3. スキル基準",
    "4. 現状の分析と育成目標（数値目標）",
    "5. 確保・育成施策と計画",
    "出典の一覧",
]
ANNUAL_HEADINGS = [
    "1. 策定の目的（前年度の達成状況/改善点）",
    "2. 本年度の定量/定性目標",
    "3. 確保施策のアクションプラン",
    "4. 育成施策のアクションプラン",
    "出典の一覧",
]


def _draft(town: dict[str, Path], kind: str) -> skillframe.policy.Draft:
    cat = skillframe.load(town["catalog"])
    r = skillframe.rollup(cat, skillframe.iter_staff(town["staff"], catalog=cat), framework="policy-town")
    prog = skillframe.progress(skillframe.read_targets(town["targets"], catalog=cat), r, cat)
    return draft(
        cat,
        kind=kind,
        rollup=r,
        progress=prog,
        staff_source="staff.csv",
        staff_date=dt.date(2026, 9, 30),
        targets_source="targets.yaml",  # type: ignore[arg-type]
    )


def _table(document: docx.document.Document, first_header: str, second: str) -> list[list[str]]:
    for t in document.tables:
        rows = [[c.text for c in row.cells] for row in t.rows]
        if rows[0][:2] == [first_header, second]:
            return rows
    raise AssertionError(f"no table {first_header}/{second}")


def test_basic_docx(town: dict[str, Path], tmp_path: Path) -> None:
    data = draft_docx(_draft(town, "basic"))
    path = tmp_path / "方針.docx"
    path.write_bytes(data)
    d = docx.Document(str(path))
    assert d.paragraphs[0].text == "試験町 デジタル人材確保・育成基本方針（案）"
    h1 = [p.text for p in d.paragraphs if p.style is not None and p.style.name == "Heading 1"]
    assert h1 == BASIC_HEADINGS
    # hand-computed figures (module docstring)
    att = _table(d, "人材像", "人数")
    assert ["DX推進員", "4", "1", "3 (75.0%)", "2 (50.0%)", "1 (25.0%)", "0"] in att
    prog = _table(d, "区分", "目標")
    assert prog[1][:5] == ["基本方針", "DX推進員 人数", "4", "10", "6"]
    assert prog[2][:5] == ["基本方針", "DX推進員 Step2 到達率", "50.0%", "75.0%", "25.0%"]
    texts = [p.text for p in d.paragraphs]
    assert "出典: 職員データ staff.csv（ファイル更新日 2026-09-30）を skillframe で集計" in texts
    assert any(t.startswith("出典: 数値目標ファイル targets.yaml（基準日 2026-10-01）") for t in texts)
    # placeholders are visible (bold, highlighted) and never filled with prose
    ph = [p for p in d.paragraphs if p.text.startswith("【要記入：")]
    assert ph[0].text == "【要記入：本自治体のDX推進計画/方針と、デジタル人材が必要な背景（政策/戦略）】"
    assert all(p.runs[0].bold and p.runs[0].font.highlight_color is not None for p in ph)
    # the advice for the profile (single → 制度化は非推奨) with its source
    assert any(t == "専門職制度検討: 制度化は非推奨" for t in texts)
    h2 = [p.text for p in d.paragraphs if p.style is not None and p.style.name == "Heading 2"]
    assert h2[:3] == [
        "報告書の助言（自治体の回答により選択。採否を検討して本文に反映してください）",
        "確保施策",
        "育成施策",
    ]
    # the closing table: which part from the report, which from the municipality
    origins = _table(d, "部分", "由来")
    kinds = {row[1] for row in origins[1:]}
    assert {"報告書", "自治体のデータ", "自治体が記入"} <= kinds
    assert ["4. 目標設定領域と数値目標例", "報告書", "§2 目標設定"] in origins


def test_docx_is_a4_and_tables_fill_the_text_width(town: dict[str, Path]) -> None:
    from docx.shared import Mm

    d = docx.Document(__import__("io").BytesIO(draft_docx(_draft(town, "basic"))))
    sec = d.sections[0]
    assert (round(sec.page_width.mm), round(sec.page_height.mm)) == (210, 297)  # Word stores twips
    for t in d.tables:
        widths = [c.width for c in t.columns]
        assert abs(sum(widths) - Mm(170)) < Mm(0.5), [c.text for c in t.rows[0].cells]
    # the progress table: short figures get room, the long 目標 text the rest
    prog = next(t for t in d.tables if [c.text for c in t.rows[0].cells][:2] == ["区分", "目標"])
    w = {c.text: col.width for c, col in zip(prog.rows[0].cells, prog.columns, strict=True)}
    assert w["現状"] >= Mm(13) and w["目標"] > w["現状"]


def test_annual_docx(town: dict[str, Path]) -> None:
    d = docx.Document(__import__("io").BytesIO(draft_docx(_draft(town, "annual"))))
    h1 = [p.text for p in d.paragraphs if p.style is not None and p.style.name == "Heading 1"]
    assert h1 == ANNUAL_HEADINGS
    goals = _table(d, "目標", "目標値")
    assert goals[1] == ["DX推進員 Step1 人数", "6"]
    texts = [p.text for p in d.paragraphs]
    assert "出典: 数値目標ファイル targets.yaml（基準日 2026-10-01）" in texts  # every figure: source and date
    plan = _table(d, "施策", "出典")
    assert plan[1][2:] == ["【要記入：実施時期】", "【要記入：担当】"]


def test_the_sources_table_names_each_part_once_without_a_label_in_its_cells(town: dict[str, Path]) -> None:
    for kind in ("basic", "annual"):
        origins = _draft(town, kind).origins
        assert len(origins) == len(set(origins)), kind  # the two action plans named their parts twice
        assert not any(where.startswith("出典") or "; 出典:" in where for _, _, where in origins), kind
        assert any("staff.csv" in where for _, _, where in origins), kind  # the data's source is still named


def test_markdown_has_the_same_content(town: dict[str, Path]) -> None:
    dr = _draft(town, "basic")
    md = draft_markdown(dr)
    for h in BASIC_HEADINGS:
        assert f"## {h}" in md
    for p in dr.placeholders:
        assert p in md
    assert "| DX推進員     | 4      | 1          | 3 (75.0%)" in md
    # a reading of a garbled table is labelled as such where it is shown, in Japanese (note_ja)
    assert "解釈（常勤人材(ICT職)）: この行のセルはテキストでは空。CIO補佐 の行との結合セルと読む（1104 行）。" in md


def test_without_data_the_figures_are_placeholders() -> None:
    dr = draft(skillframe.load())
    assert "【要記入：現状の人数と育成段階（職員データを --staff で渡すと自動で集計されます）】" in dr.placeholders
    assert "【要記入：自治体名】" in dr.placeholders
    assert dr.title == "【要記入：自治体名】 デジタル人材確保・育成基本方針（案）"


def _fc_list() -> str:
    return subprocess.run(["fc-list"], capture_output=True, check=False, text=True).stdout


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def test_libreoffice_converts_to_pdf(town: dict[str, Path], tmp_path: Path) -> None:
    soffice, pdftoppm = _soffice(), shutil.which("pdftoppm")
    if soffice is None or pdftoppm is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice and poppler-utils must be installed in CI (.ci/run installs them)")
        pytest.skip("LibreOffice / pdftoppm not installed (not in CI)")
    out = ROOT / "build" / "policy"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    for kind in ("basic", "annual"):
        src = tmp_path / f"policy-{kind}.docx"
        src.write_bytes(draft_docx(_draft(town, kind)))
        env = {**os.environ, "HOME": str(tmp_path)}  # a private LibreOffice profile
        subprocess.run(
            [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(src)],
            check=True,
            capture_output=True,
            timeout=300,
            env=env,
        )
        pdf = tmp_path / f"policy-{kind}.pdf"
        assert pdf.read_bytes()[:5] == b"%PDF-"
        shutil.copy(pdf, out / pdf.name)
        subprocess.run(
            [pdftoppm, "-png", "-r", "60", "-f", "1", "-l", "2", str(pdf), str(out / f"policy-{kind}")],
            check=True,
            timeout=120,
        )
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True, text=True).stdout
        assert "デジタル人材" in text and "【要記入：" in text
        # the Japanese is drawn with a CJK font (not tofu boxes): CI installs fonts-noto-cjk
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, check=True, text=True).stdout
        if os.environ.get("CI") == "true" or (shutil.which("fc-list") and "Noto Sans CJK" in _fc_list()):
            assert "NotoSansCJK" in fonts or "NotoSerifCJK" in fonts, fonts
    # pdftoppm pads the page number to the page count's width (policy-basic-01.png)
    assert len(list(out.glob("policy-basic-*.png"))) == 2 and len(list(out.glob("policy-annual-*.png"))) == 2


def _texts(d: skillframe.policy.Draft) -> list[str]:
    out: list[str] = []
    for b in d.blocks:
        out += [b.text, *b.items]
        if b.table is not None:
            out += [b.table.title, *b.table.headers, *(c for row in b.table.rows for c in row), *b.table.notes]
    return [t for t in out if t]


@pytest.mark.parametrize("kind", ["basic", "annual"])
def test_the_draft_is_in_japanese(town: dict[str, Path], kind: str) -> None:
    """A 方針 is a Japanese document: no 'ja / English' labels of our own (advice topics, the
    origins table, the municipality's marks, source lines) — the advice is asked for in Japanese."""
    dr = _draft(town, kind)
    texts = _texts(dr)
    assert [t for t in texts if re.search(r" / [A-Za-z]", t)] == []
    assert [t for t in texts if t.startswith("出典: 報告書") and re.search(r"\((?:line|lines) \d", t)] == []
    # a source's line in Japanese, wherever it is cited (「（216 行）」, never 「（line 216）」)
    assert [t for t in texts if "報告書 §" in t and re.search(r"[（(]lines? \d", t)] == []
    md = draft_markdown(dr)
    assert "出典の一覧 / " not in md and "/ the municipality" not in md
    assert re.search(r"報告書 §\S+ [^\n]*（\d+(?:-\d+)?(?:, \d+(?:-\d+)?)* 行）", md)  # source lines, in Japanese


def test_advice_in_each_language() -> None:
    from skillframe.model import Profile
    from skillframe.policy import advise
    from skillframe.policy.advice import cite_summary

    cat = skillframe.load()
    profile = Profile(pattern="new", cio_adviser="part-time", it_arrangement="small")
    both, ja, en = (advise(cat, profile=profile, lang=lang) for lang in ("both", "ja", "en"))
    assert both.get("pattern").topic == "策定パターン / pattern"
    assert ja.get("pattern").topic == "策定パターン"
    assert en.get("pattern").topic == "pattern"
    assert ja.get("cio-adviser").text.endswith("（比較表による評価）")
    assert [m.needed_for for m in ja.missing] == ["策定手順（新規策定／策定済み）", "専門職制度が無い場合の対応"]
    # the report's own words are the same in every language
    assert [r.reasons for r in ja] == [r.reasons for r in both] == [r.reasons for r in en]
    cites = ja.get("specialist-system").cites
    in_ja = cite_summary(cites, lang="ja")
    assert "（解釈を含む）" in in_ja and "includes a reading" not in in_ja
    assert "（解釈を含む / includes a reading）" in cite_summary(cites)
