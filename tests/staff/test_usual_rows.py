"""The usual-row reader (staff/usual.py) is a fast path of the general row reader: a CSV/TSV
row it reads must give what the general reader gives (record, row number, every field), and
a row it leaves must be left with nothing remembered. Checked by reading the same files both
ways: generated rows (hypothesis, valid values mixed with bad ones, repeated ids and
personas), the staff corpus and the example file."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import attrs
import make_files
import make_staff
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import skillframe
from skillframe.staff import RowReader, StaffRecord, iter_staff

ROOT = Path(__file__).resolve().parents[2]


COLUMNS = [*make_staff.COLUMNS, "備考", "dsm:業務分析/BPR", "check:Word"]
BASE = make_staff.make(40, seed=7)
# bad or unusual values, in any column
ODD = ["", " ", "nan", "inf", "0,5", "-1", "4", "たぶん", "なし", "\x00", "＝1+1", "-", "不明な研修", "x" * 5, "a\nb"]
PERSONAS = ["DX推進員", "一般行政職員", "ＤＸ推進員", " DX推進員 ", "dx-promoter", "不明な人材像", "", "デジタル推進員"]
IDS = ["S1", "S2", "S3", " S4 ", "=S5", "S1", "", "S\x007"]


@st.composite
def sheets(draw: st.DrawFn) -> list[list[str]]:
    """A header and rows: each cell a value of the example file (of its column), or an odd one."""
    rows: list[list[str]] = [COLUMNS]
    for _ in range(draw(st.integers(1, 25))):
        base = draw(st.sampled_from(BASE))
        row = [str(base.get(c, "")) for c in COLUMNS]
        row[0] = draw(st.one_of(st.sampled_from(IDS), st.builds(lambda i: f"S{i}", st.integers(0, 40))))
        if draw(st.booleans()):
            row[1] = draw(st.sampled_from(PERSONAS))
        for j in draw(st.lists(st.integers(2, len(COLUMNS) - 1), max_size=3)):
            row[j] = draw(st.one_of(st.sampled_from(ODD), st.text(max_size=6)))
        rows.append(row)
    return rows


def _items(path: Path, fast: bool, monkeypatch: pytest.MonkeyPatch, **kw: Any) -> list[Any]:
    """Everything reading ``path`` gives (a record with its row number), the usual-row reader on or off."""
    with monkeypatch.context() as m:
        if not fast:
            m.setattr(RowReader, "usual_reader", lambda self, columns: None)
        try:
            items = list(iter_staff(path, **kw))
        except skillframe.StaffDataError as exc:
            return [("file error", exc.code, str(exc))]
    return [(x, attrs.asdict(x), x.row) if isinstance(x, StaffRecord) else x for x in items]


def _both(path: Path, monkeypatch: pytest.MonkeyPatch, **kw: Any) -> list[Any]:
    slow = _items(path, False, monkeypatch, **kw)
    fast = _items(path, True, monkeypatch, **kw)
    assert fast == slow
    return fast


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=sheets(), encoding=st.sampled_from(["cp932", "utf-8"]), sep=st.sampled_from([",", "\t"]))
def test_generated_rows_read_the_same_both_ways(  # noqa: PLR0917 - fixtures and drawn values
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    cat: skillframe.Catalog,
    rows: list[list[str]],
    encoding: str,
    sep: str,
) -> None:
    buf = io.StringIO()
    csv.writer(buf, delimiter=sep, lineterminator="\r\n").writerows(rows)
    path = tmp_path / ("staff.csv" if sep == "," else "staff.tsv")
    path.write_bytes(buf.getvalue().encode(encoding, "replace"))
    for kw in ({"catalog": cat, "require_ladder": True}, {"catalog": cat}, {}):
        items = _both(path, monkeypatch, **kw)
        records = [x for x in items if isinstance(x, tuple) and isinstance(x[0], StaffRecord)]
        assert all(r[2] is not None for r in records)


def test_the_usual_reader_takes_usual_rows(tmp_path: Path, cat: skillframe.Catalog) -> None:
    """The fast path is taken (so the tests above compare something): every row of the
    example file after the first of each persona is a usual row."""
    path = ROOT / "examples" / "staff.csv"
    reader = RowReader(str(path), cat, require_ladder=True)
    reader.plain = True
    rows = list(csv.reader(path.read_text(encoding="cp932").splitlines()))
    from skillframe.staff.columns import classify_header

    columns, _ = classify_header(str(path), rows[0])
    usual = reader.usual_reader(columns)
    assert usual is not None
    got = []
    for n, cells in enumerate(rows[1:], start=2):
        record = usual(cells, n)
        if record is None:
            first = reader.read_row(n, columns, cells)
            assert isinstance(first, StaffRecord)
            got.append("general")
        else:
            again = RowReader(str(path), cat, require_ladder=True).read_row(n, columns, cells)
            assert isinstance(again, StaffRecord) and attrs.asdict(again) == attrs.asdict(record)
            got.append("usual")
    personas = len({r[1] for r in rows[1:]})
    assert got.count("general") == personas and got.count("usual") == len(rows) - 1 - personas
    assert usual(rows[1], 99) is None  # a duplicate id: left to the general reader (which reports it)


def test_a_row_left_is_not_remembered(cat: skillframe.Catalog) -> None:
    reader = RowReader("f.csv", cat, require_ladder=True)
    reader.plain = True
    from skillframe.staff.columns import classify_header

    columns, _ = classify_header("f.csv", ["id", "persona", "dx_lead_years"])
    usual = reader.usual_reader(columns)
    assert usual is not None
    assert isinstance(reader.read_row(2, columns, ["A", "DX推進員", "1"]), StaffRecord)
    assert usual(["B", "DX推進員", "たくさん"], 3) is None  # a bad value
    assert "B" not in reader.seen
    errors = reader.read_row(3, columns, ["B", "DX推進員", "たくさん"])
    assert [e.code for e in errors] == ["not-a-number"]  # type: ignore[union-attr]
    record = usual(["C", "DX推進員", "２"], 4)
    assert record is not None and (record.id, record.dx_lead_years, record.row) == ("C", 2, 4)
    assert reader.seen["C"] == 4
    # the bad value is known now: still left (a cell cache never hands out a value with problems)
    assert usual(["D", "DX推進員", "たくさん"], 5) is None
    assert "D" not in reader.seen
    record = usual(["E", "DX推進員", ""], 6)  # an empty cell: nothing
    assert record is not None and record.dx_lead_years is None


def test_full_caches_start_afresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cat: skillframe.Catalog) -> None:
    """A column of all-different values fills its cache, which is then emptied at once: the
    rows after that (empty cells among them) still read the same both ways."""
    import skillframe.staff.rows as rows_module

    monkeypatch.setattr(rows_module, "_MEMO_MAX", 3)
    lines = ["id,persona,department,dx_lead_years,tool:Excel"]
    for i in range(40):  # every 3rd row a level, every 2nd a tool level (every 10th bad)
        excel = "" if i % 2 else "たぶん" if i % 5 == 0 else "2"
        lines.append(f"S{i},DX推進員,課{i % 7},{'' if i % 3 else i % 4},{excel}")
    path = tmp_path / "staff.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = _both(path, monkeypatch, catalog=cat, require_ladder=True)
    records = [x[0] for x in items if isinstance(x, tuple)]
    assert [r.department for r in records[:3]] == ["課1", "課2", "課3"]
    assert [r.dx_lead_years for r in records[:4]] == [None, None, 3, None]
    errors = [x for x in items if not isinstance(x, tuple)]
    assert [e.row for e in errors] == [i + 2 for i in range(0, 40, 10)]


@pytest.mark.parametrize("name", sorted(make_files.CASES))
def test_corpus_reads_the_same_both_ways(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cat: skillframe.Catalog
) -> None:
    pytest.importorskip("openpyxl")
    paths = make_files.make(tmp_path)
    expected = make_files.CASES[name][1]
    kw = {"encoding": expected.get("encoding"), "sheet": expected.get("sheet")}
    _both(paths[name], monkeypatch, catalog=cat, require_ladder=True, **kw)
    _both(paths[name], monkeypatch, **kw)


def test_example_file_reads_the_same_both_ways(monkeypatch: pytest.MonkeyPatch, cat: skillframe.Catalog) -> None:
    items = _both(ROOT / "examples" / "staff.csv", monkeypatch, catalog=cat, require_ladder=True)
    assert len(items) == 40
