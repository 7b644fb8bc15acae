"""Plain dicts and DataFrame rows are read exactly like file rows (issue 10, item 16).

A pandas and a polars DataFrame of examples/staff.csv, read the way a user would (types
inferred: numbers become floats, empty cells NaN/None), evaluate to exactly the CLI's ranks
and unmet lists.
"""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path
from typing import Any

import pytest

import skillframe
from skillframe.cli import main
from skillframe.errors import StaffValueError
from skillframe.staff import RowReader, StaffRecord

ROOT = Path(__file__).resolve().parents[2]
STAFF = ROOT / "examples" / "staff.csv"


def _cli_results(tmp_path: Path) -> list[tuple[str, int, int]]:
    out = tmp_path / "cli.csv"
    assert main(["evaluate", str(STAFF), "--lang", "en", "--wide", "-f", "csv", "-o", str(out)]) == 0
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return [(r["id"], int(r["rank"]), int(r["missing"])) for r in rows]


def _api_results(cat: skillframe.Catalog, records: Any) -> list[tuple[str, int, tuple[Any, ...]]]:
    return [(ev.record_id, ev.rank, tuple(ev.unmet)) for ev in skillframe.evaluate_many(cat, None, records)]


@pytest.fixture(scope="module")
def from_file() -> list[tuple[str, int, tuple[Any, ...]]]:
    cat = skillframe.load()
    return _api_results(cat, skillframe.read_staff(STAFF, catalog=cat).records)


def test_file_api_matches_cli(
    tmp_path: Path, cat: skillframe.Catalog, from_file: list[tuple[str, int, tuple[Any, ...]]]
) -> None:
    assert _cli_results(tmp_path) == [(i, rank, len(unmet)) for i, rank, unmet in from_file]


def test_pandas_rows_match_the_file(cat: skillframe.Catalog, from_file: list[tuple[str, int, tuple[Any, ...]]]) -> None:
    pd = pytest.importorskip("pandas")
    df = pd.read_csv(STAFF, encoding="cp932")
    records = df.to_dict("records")
    assert any(isinstance(v, float) and math.isnan(v) for v in records[0].values())  # NaN reaches the reader
    assert _api_results(cat, records) == from_file


def test_polars_rows_match_the_file(cat: skillframe.Catalog, from_file: list[tuple[str, int, tuple[Any, ...]]]) -> None:
    pl = pytest.importorskip("polars")
    df = pl.read_csv(
        io.BytesIO(STAFF.read_bytes().decode("cp932").encode()), infer_schema=False
    )  # full-width digits: text
    assert _api_results(cat, df.iter_rows(named=True)) == from_file
    assert _api_results(cat, df.to_dicts()) == from_file


def test_a_mapping_reads_like_a_file_row(tmp_path: Path, cat: skillframe.Catalog) -> None:
    header = ["職員番号", "人材像", "所属", "研修", "dx_lead_years", "mentoring", "tool:Excel", "dsm:業務分析/BPR"]
    row = ["A1", "DX推進員", "市民課～窓口", "BPR研修；業務分析/BPR", "１.5", "有り", "Lv.2", "1"]
    path = tmp_path / "one.csv"
    path.write_text(",".join(header) + "\n" + ",".join(row) + "\n", encoding="utf-8")
    (from_file,) = skillframe.read_staff(path, catalog=cat).records
    from_dict = RowReader(catalog=cat).read_mapping(dict(zip(header, row, strict=True)), row=2)
    assert from_dict == from_file and from_dict.department == "市民課～窓口"
    bad = dict(zip(header, row, strict=True)) | {"dx_lead_years": "0,5", "mentoring": float("nan")}
    errors = RowReader(catalog=cat).read_mapping(bad)
    assert isinstance(errors, list) and [(e.row, e.column, e.code) for e in errors] == [
        (None, "dx_lead_years", "ambiguous-decimal-comma")
    ]


def test_from_mapping_raises_only_library_errors() -> None:
    for bad in ({"id": "A", "trainings": float("nan"), "dx_lead_years": "inf"}, {"id": ["a"]}, {"id": True}):
        with pytest.raises(StaffValueError) as info:
            StaffRecord.from_mapping(bad)
        assert info.value.errors and all(e.code for e in info.value.errors)
    assert StaffRecord.from_mapping({"id": "A", "trainings": float("nan")}).trainings is None


def test_a_dataframe_read_from_excel_keeps_its_other_columns_as_the_file_does(
    tmp_path: Path, cat: skillframe.Catalog
) -> None:
    """pandas.read_excel gives a date column as Timestamps (NaT when empty), an integer column with a
    blank as floats, a TRUE/FALSE column as bools: in columns the evaluation does not read, each
    was a row error of a mapping (evaluate_many raised at the first row), while the file read them
    as text. Now the mapping's extra columns read as the same workbook's cells."""
    import datetime as dt

    pd = pytest.importorskip("pandas")
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["職員番号", "人材像", "所属", "入庁日", "年齢", "評価", "管理職"])
    ws.append(["A1", "DX推進員", "総務課", dt.datetime(2020, 4, 1), 45, 4.5, True])
    ws.append(["A2", "DX推進員", "税務課", None, None, None, False])
    ws["D2"].number_format = "yyyy/m/d"  # as Excel formats a date typed in Japan
    path = tmp_path / "職員.xlsx"
    wb.save(path)
    expected = [{"入庁日": "2020/4/1", "年齢": "45", "評価": "4.5", "管理職": "TRUE"}, {"管理職": "FALSE"}]
    file_records = skillframe.read_staff(path, catalog=cat).records
    assert [dict(r.extra) for r in file_records] == expected
    rows = pd.read_excel(path).to_dict("records")
    assert isinstance(rows[0]["入庁日"], pd.Timestamp) and math.isnan(rows[1]["年齢"])
    assert [dict(StaffRecord.from_mapping(r).extra) for r in rows] == expected
    assert _api_results(cat, rows) == _api_results(cat, file_records)


def test_a_bad_mapping_is_named_by_its_id_under_any_column_name(cat: skillframe.Catalog) -> None:
    """The id of a record whose other column is wrong, read as the reader reads it (職員番号),
    not 'record None'."""
    rows = [{"職員番号": "A1", "人材像": "DX推進員", "DXリード年数": "inf"}]
    with pytest.raises(skillframe.StaffDataError) as info:
        list(skillframe.evaluate_many(cat, None, rows))
    assert str(info.value) == ("record A1: DXリード年数: 有限の数ではありません: 'inf' / not a finite number: 'inf'")
