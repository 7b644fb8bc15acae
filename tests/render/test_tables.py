"""Comparison tables: every aspect in every main format, alignment through the crosswalk,
spreadsheet safety, and golden files for the tables a municipal user reads first.

Golden files live in ``tests/golden/``. After a deliberate change, regenerate them with::

    python -m pytest tests/render/test_tables.py -k golden --update-golden

then read the diff before committing it.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

import skillframe
from skillframe import Table, compare
from skillframe._compare import ASPECTS

# ---------------------------------------------------------------------------
# Every aspect, every format


@pytest.mark.parametrize("aspect", ASPECTS)
@pytest.mark.parametrize("fmt", ["github", "grid", "html", "csv", "json"])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_each_aspect_renders(cat: skillframe.Catalog, aspect: str, fmt: str, lang: str) -> None:
    table = compare(cat, aspect, lang=lang)
    assert table.rows, f"{aspect} is empty"
    text = table.render(fmt)
    assert text.endswith("\n")
    if fmt == "json":
        data = json.loads(text)
        assert data["headers"] == list(table.headers)
        assert [tuple(r) for r in data["rows"]] == list(table.rows)
        assert data["notes"] == list(table.notes)
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(text)))
        assert len(rows) == 1 + len(table.rows)
    elif fmt == "html":
        assert text.startswith("<table>") and "<caption>" in text
        assert text.count("<tr>") == 1 + len(table.rows)
    elif fmt == "github":
        lines = [ln for ln in text.splitlines() if ln.startswith("|")]
        assert len(lines) == 2 + len(table.rows)  # one line per row: newlines became <br>
    else:
        assert table.title in text


def test_every_tabulate_format_renders() -> None:
    from skillframe._table import table_formats

    t = Table(title="題", headers=("a|b", "c"), rows=(("x\ny", "<z>"),), notes=("注",))
    for fmt in table_formats():
        assert isinstance(t.render(fmt), str if fmt != "xlsx" else bytes)
    assert "a\\|b" in t.render("github") and "x<br>y" in t.render("github")
    assert "&lt;z&gt;" in t.render("html")


def test_unknown_format_and_aspect(cat: skillframe.Catalog) -> None:
    t = Table(title="t", headers=("a",), rows=())
    with pytest.raises(skillframe.UnknownKeyError):
        t.render("gitub")
    with pytest.raises(skillframe.UnknownKeyError, match="levels"):
        compare(cat, "level")
    with pytest.raises(skillframe.UnknownKeyError):
        compare(cat, "steps", persona="誰でもない人")


def test_table_checks_row_width() -> None:
    with pytest.raises(ValueError, match="row 0"):
        Table(title="t", headers=("a", "b"), rows=(("only one",),))


# ---------------------------------------------------------------------------
# Content of each aspect


def test_persona_skills_marks_own_and_inherited(cat: skillframe.Catalog) -> None:
    t = compare(cat, "persona-skills", frameworks=["tokyo-wg-2025"])
    col = {h: i for i, h in enumerate(t.headers)}
    row = {r[0]: r for r in t.rows}
    assert row["DXの必要性理解"][col["一般行政職員"]] == "●"
    assert row["DXの必要性理解"][col["全庁DX推進担当"]] == "○"
    assert row["業務分析/BPR"][col["DX推進員"]] == "●"
    assert row["業務分析/BPR"][col["一般行政職員"]] == ""
    # 全庁DX推進担当 needs 19 skills: 2 own, 17 inherited
    marks = [r[col["全庁DX推進担当"]] for r in t.rows]
    assert marks.count("●") == 2 and marks.count("○") == 17


def test_persona_skills_of_one_persona_shows_its_lineage(cat: skillframe.Catalog) -> None:
    t = compare(cat, "persona-skills", persona="全庁DX推進担当", lang="en")
    assert t.headers[2:4] == ("General administrative staff", "DX promoter")
    assert len(t.headers) == 2 + 3
    assert len(t.rows) == 19


def test_persona_skills_dsm_levels_and_welcome(cat: skillframe.Catalog) -> None:
    t = compare(cat, "persona-skills", frameworks="tokyo-dsm")
    cells = {c for r in t.rows for c in r[2:] if c}
    assert any(c.startswith("● Lv3") for c in cells)
    assert any("歓迎" in c for c in cells)


def test_steps_in_words(cat: skillframe.Catalog) -> None:
    t = compare(cat, "steps", persona="DX推進員")
    assert [r[2] for r in t.rows][1:] == ["DX案件リード年数 1以上", "(DX案件リード件数 2以上 かつ 後進の指導/フォロー)"]
    assert t.rows[0][2].startswith("研修受講済: DXの必要性理解")
    en = compare(cat, "steps", persona="DX推進員", lang="en")
    assert en.rows[1][2] == "years leading DX projects ≥ 1"


def test_steps_of_a_persona_without_ladder_says_so(cat: skillframe.Catalog) -> None:
    t = compare(cat, "steps", persona="CIO補佐官")
    assert t.rows == ()
    assert any("育成段階なし" in n for n in t.notes)


def test_trainings_bodies_and_curriculum(cat: skillframe.Catalog) -> None:
    t = compare(cat, "trainings", frameworks="tokyo-wg-2025")
    row = {r[0]: r for r in t.rows}["DXの必要性理解"]
    assert row[3] == "DXマインドセット研修"
    assert "区市町村○" in row[4] and "研修所△" in row[4] and "東京都・GTT○(事例)" in row[4]
    assert row[5]  # curriculum


def test_levels_without_crosswalk_places_by_rank_and_says_so(cat: skillframe.Catalog) -> None:
    t = compare(cat, "levels", frameworks="tokyo-dsm,tokyo-wg-2025")
    assert t.rows[0] == ("Lv.0\n基礎知識が無く、実践の経験もない", "")
    assert t.rows[1][0].startswith("Lv.1") and t.rows[1][1].startswith("Lv1")
    assert t.rows[-1][0] == "" and t.rows[-1][1].startswith("Lv4")
    if not hasattr(cat, "map"):
        assert any("同等を意味しない" in n for n in t.notes)


def test_levels_organisation_scale_descriptor_per_persona(cat: skillframe.Catalog) -> None:
    t = compare(cat, "levels", frameworks="mic-guidebook-2024", persona="mic-guidebook-2024:dx-leader")
    assert t.rows[1][0].startswith("業務課題の把握・改善策の提案\nほぼ全ての者は")
    assert "[" not in t.rows[1][0]
    everyone = compare(cat, "levels", frameworks="mic-guidebook-2024")
    assert everyone.rows[1][0].count("\n[") == 3


# ---------------------------------------------------------------------------
# Alignment through the crosswalk, with a small fake of ``Catalog.map``


@attrs.frozen
class FakeMapping:
    subject: Any
    predicate: str
    object: Any
    derived: bool = False
    negated: bool = False
    confidence: float = 1.0

    @property
    def path(self) -> tuple[FakeMapping, ...]:
        return (self,)


class MappedCatalog:
    """A real catalog plus ``map`` answering from a fixed list of mappings."""

    def __init__(self, cat: skillframe.Catalog, triples: list[tuple[str, str, str, bool]]) -> None:
        self._cat = cat
        self._triples = triples

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cat, name)

    def __contains__(self, key: object) -> bool:
        return key in self._cat

    def map(self, key: str, to: str) -> list[FakeMapping]:
        subject = self._cat.get(key)
        return [
            FakeMapping(subject, f"skos:{p}", self._cat.get(o), derived=d)
            for s, p, o, d in self._triples
            if s == key and o.split(":", 1)[0] == to
        ]


DSM = "tokyo-dsm:level."
WG = "tokyo-wg-2025:draft-dx-promoter-level."


@pytest.fixture
def mapped(cat: skillframe.Catalog) -> Iterator[MappedCatalog]:
    yield MappedCatalog(
        cat,
        [
            (DSM + "lv1", "exactMatch", WG + "lv1", False),
            (DSM + "lv2", "closeMatch", WG + "lv2", True),
            (WG + "lv3", "narrowMatch", DSM + "lv3", False),  # stated the other way round
            ("tokyo-wg-2025:dx-promoter", "exactMatch", "mic-guidebook-2024:dx-leader", False),
            ("tokyo-wg-2025:dx-promoter", "relatedMatch", "tokyo-dsm:pd", True),
        ],
    )


def test_levels_aligned_through_mappings(mapped: MappedCatalog) -> None:
    t = compare(mapped, "levels", frameworks="tokyo-dsm,tokyo-wg-2025")  # type: ignore[arg-type]
    rows = [(a.split("\n")[0], b.split("\n")[0]) for a, b in t.rows]
    assert rows == [
        ("Lv.0", ""),
        ("Lv.1", "= Lv1"),
        ("Lv.2", "≈ Lv2*"),  # derived: the marker follows the level's label
        ("Lv.3", "⊃ Lv3"),  # WG lv3 narrowMatch DSM lv3 → seen from DSM lv3 the WG level is broader
        ("", "Lv4"),  # mapped to nothing: its own row after its lower neighbour
    ]
    assert t.rows[2][1].endswith("発揮中")  # the descriptor stays on its own line
    assert "*" not in t.rows[1][1]
    assert any("⊃" in n for n in t.notes) and any("*" in n for n in t.notes)
    assert not any("同等を意味しない" in n for n in t.notes)


def test_counterparts_through_mappings(mapped: MappedCatalog) -> None:
    t = compare(mapped, "personas", frameworks="tokyo-wg-2025,mic-guidebook-2024,tokyo-dsm")  # type: ignore[arg-type]
    row = next(r for r in t.rows if r[0] == "DX推進員")
    assert row[1] == "= DX推進リーダー"
    assert row[2] == "~ プロデューサー*"
    # a counterpart is not listed again as a row of its own
    assert not any(r[1] == "DX推進リーダー" for r in t.rows)
    one = compare(mapped, "personas", persona="DX推進員")  # type: ignore[arg-type]
    assert len(one.rows) == 1 and one.headers[0] == "tokyo-wg-2025"


def test_negated_mapping_is_never_a_cell(cat: skillframe.Catalog) -> None:
    class Negated(MappedCatalog):
        def map(self, key: str, to: str) -> list[FakeMapping]:
            return [attrs.evolve(mp, negated=True) for mp in super().map(key, to)]

    t = compare(
        Negated(cat, [(DSM + "lv1", "exactMatch", WG + "lv1", False)]),
        "levels",  # type: ignore[arg-type]
        frameworks="tokyo-dsm,tokyo-wg-2025",
    )
    assert all("=" not in c for r in t.rows for c in r)


# ---------------------------------------------------------------------------
# Spreadsheets: CSV and XLSX hold the same cells; nothing runs


def test_neutralised_in_csv_and_xlsx(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    evil = ('=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "\tx", "safe", "=1+1")
    t = Table(title="t", headers=("=h", "b", "c", "d", "e", "f", "g"), rows=(evil,))
    text = t.render("csv")
    cells = list(csv.reader(io.StringIO(text)))
    assert cells[1][:5] == ['\'=HYPERLINK("http://x")', "'+1", "'-2", "'@SUM(A1)", "'\tx"]
    assert cells[1][5] == "safe" and cells[0][0] == "'=h"
    path = tmp_path / "t.xlsx"
    t.write(path)
    ws = openpyxl.load_workbook(path).worksheets[0]
    got = [[c.value if c.value is not None else "" for c in row] for row in ws.iter_rows()]
    assert got[1][:5] == list(evil[:5]) and got[0][0] == "=h"  # exactly as written: no added '
    assert got == [[cell.removeprefix("'") for cell in row] for row in cells]
    for row in ws.iter_rows():
        for c in row:
            assert c.data_type == "s"
            assert c.quotePrefix == (c.value in ("=h", *evil[:5], "=1+1"))  # Excel's text marker


@pytest.mark.parametrize("aspect", ASPECTS)
def test_xlsx_holds_the_same_cells_as_csv(cat: skillframe.Catalog, aspect: str) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    t = compare(cat, aspect)
    wb = openpyxl.load_workbook(io.BytesIO(t.render("xlsx")))
    got = [
        [("'" if c.quotePrefix else "") + c.value if c.value is not None else "" for c in row]
        for row in wb.worksheets[0].iter_rows()
    ]
    want = list(csv.reader(io.StringIO(t.render("csv"))))
    # openpyxl drops trailing empty cells of the sheet's width only when the whole column is empty
    width = len(t.headers)
    assert [r + [""] * (width - len(r)) for r in got] == want
    notes = [r[0].value for r in wb.worksheets[-1].iter_rows()]
    assert wb.sheetnames[-1] == "注記" and notes[1:] == [t.title, *t.notes]


def test_xlsx_without_openpyxl_says_which_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(skillframe.MissingDependencyError, match="追加機能 xlsx"):
        Table(title="t", headers=("a",), rows=()).render("xlsx")


def test_write_reads_format_from_suffix(tmp_path: Path) -> None:
    t = Table(title="t", headers=("a",), rows=(("x",),))
    for name, probe in (("t.json", '"headers"'), ("t.html", "<table>"), ("t.md", "| a"), ("t.csv", "a\nx")):
        t.write(tmp_path / name)
        assert probe in (tmp_path / name).read_text(encoding="utf-8")


# ---------------------------------------------------------------------------
# Golden files


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_golden_levels(cat: skillframe.Catalog, lang: str, golden: Callable[[str, str], None]) -> None:
    golden(f"levels.{lang}.md", compare(cat, "levels", lang=lang).render("github"))


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("framework", ["tokyo-wg-2025", "tokyo-dsm"])
def test_golden_persona_skills(
    cat: skillframe.Catalog, framework: str, lang: str, golden: Callable[[str, str], None]
) -> None:
    golden(
        f"persona-skills.{framework}.{lang}.md",
        compare(cat, "persona-skills", frameworks=framework, lang=lang).render("github"),
    )
