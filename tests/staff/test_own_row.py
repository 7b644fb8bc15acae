"""A mapping's key ``row``: never lost in silence.

A plain mapping (a dict, a DataFrame row, a StaffRecord made by hand) has no place in a file,
so its ``row`` is its own row number (:attr:`StaffRecord.row`, shown in errors and in the
evaluation's JSON); a value that is no row number is the row error ``bad-row``. A mapping read
where it sits (a JSON staff file's item, ``RowReader.read_mapping(data, row=n)``) has its
row from its place: its ``row`` key is then a column like any other, as a CSV file's ``row``
column is (kept as text in ``extra``).
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import attrs
import pytest

import skillframe
from skillframe.errors import StaffDataError, StaffValueError
from skillframe.staff import RowReader

PERSONA = "DX推進員"


@pytest.mark.parametrize(
    ("value", "row"), [(7, 7), (7.0, 7), ("７", 7), (" 12 ", 12), (None, None), (math.nan, None), ("", None)]
)
def test_a_plain_mappings_row_is_its_own_row_number(cat: skillframe.Catalog, value: Any, row: int | None) -> None:
    record = skillframe.StaffRecord.from_mapping({"id": "A", "row": value})
    assert record.row == row and record.extra == {}
    ev = skillframe.evaluate(cat, PERSONA, {"id": "A", "row": value})
    assert ev.to_dict()["record"] == {"id": "A", "row": row, "department": None}
    [error] = RowReader(catalog=cat).read_mapping({"id": "A", "row": value, "mentoring": "maybe"})  # type: ignore[misc]
    assert (error.row, error.column, error.code) == (row, "mentoring", "not-yes-no")


@pytest.mark.parametrize("value", ["3行目", "abc", 0, -1, 2.5, True, False, [3], {"r": 3}, "inf"], ids=repr)
def test_a_row_that_is_no_row_number_is_a_row_error(cat: skillframe.Catalog, value: Any) -> None:
    with pytest.raises(StaffValueError) as info:
        skillframe.StaffRecord.from_mapping({"id": "A", "row": value})
    assert (info.value.code, info.value.column) == ("bad-row", "row")
    assert info.value.ja.startswith("row はその記録の行番号で、1 以上の整数です")
    assert info.value.en.startswith("row is the record's row number, a whole number from 1 (rename the column")
    for run in (
        lambda r: skillframe.evaluate(cat, PERSONA, r),
        lambda r: list(skillframe.evaluate_many(cat, None, [r])),
        lambda r: skillframe.evaluate_ranks(cat, PERSONA, [r]),
        lambda r: skillframe.rollup(cat, [r]),
    ):
        with pytest.raises(StaffDataError) as err:
            run({"id": "A", "persona": PERSONA, "row": value})
        assert err.value.code == "bad-row"


def test_a_record_made_by_hand_keeps_its_row_and_a_bad_one_is_refused(cat: skillframe.Catalog) -> None:
    hand = skillframe.StaffRecord(id="A", persona=PERSONA, row=7)
    assert skillframe.StaffRecord.from_mapping(hand).row == 7
    assert skillframe.evaluate(cat, None, hand).to_dict()["record"]["row"] == 7
    read = skillframe.StaffRecord.from_mapping({"id": "A", "persona": PERSONA, "row": 3})
    assert attrs.evolve(read, dx_lead_years="1").row == 3
    assert skillframe.StaffRecord.from_mapping(attrs.evolve(read, dx_lead_years="1")).row == 3
    with pytest.raises(StaffDataError) as info:
        skillframe.evaluate(cat, None, attrs.evolve(read, row="x"))
    assert info.value.code == "bad-row"
    # attrs.asdict of a record, read back: the same record, row included
    assert skillframe.StaffRecord.from_mapping(attrs.asdict(read)).row == 3


def test_a_json_items_row_is_its_place_and_its_row_key_a_column(cat: skillframe.Catalog, tmp_path: Path) -> None:
    items = [{"id": "A", "persona": PERSONA, "row": 40}, {"id": "B", "row": "x", "mentoring": "maybe"}]
    path = tmp_path / "staff.json"
    path.write_text(json.dumps(items), encoding="utf-8")
    table = skillframe.read_staff(path, catalog=cat)
    [record] = table.records
    assert record.row == 1 and record.extra == {"row": "40"}
    [error] = table.errors
    assert (error.row, error.column, error.code, error.extra) == (2, "mentoring", "not-yes-no", (("row", "x"),))
    # as RowReader.read_mapping with a row number, and as a CSV file's column "row"
    got = RowReader(catalog=cat).read_mapping({"id": "A", "row": 40}, 5)
    assert isinstance(got, skillframe.StaffRecord) and (got.row, got.extra) == (5, {"row": "40"})
    csv = tmp_path / "staff.csv"
    csv.write_text("id,row\nA,40\n", encoding="utf-8")
    [from_csv] = skillframe.read_staff(csv).records
    assert (from_csv.row, from_csv.extra) == (2, {"row": "40"})


def test_the_same_keys_with_and_without_a_place_are_read_each_their_way() -> None:
    """The reader's plans (one per set of keys) keep the two readings apart."""
    reader = RowReader(check_duplicates=False)
    for _ in range(2):
        a = reader.read_mapping({"id": "A", "row": 4})
        b = reader.read_mapping({"id": "B", "row": 4}, 9)
        assert isinstance(a, skillframe.StaffRecord) and isinstance(b, skillframe.StaffRecord)
        assert (a.row, a.extra, b.row, b.extra) == (4, {}, 9, {"row": "4"})
    # a duplicate id names the first one's own row
    reader = RowReader()
    reader.read_mapping({"id": "A", "row": 4})
    [error] = reader.read_mapping({"id": "A", "row": 6})  # type: ignore[misc]
    assert (error.row, error.code, error.en) == (6, "duplicate-id", "duplicate id 'A' (row 4)")
