"""A file column named like a record's nested field (``dsm``, ``tools``, ``tool_checks``,
``extra``) is read as a mapping's key is: an empty cell is not given, a value is the row
error ``not-a-mapping`` saying how a table writes it (``dsm:<skill>``, ``tool:<tool>``…) —
never an extra column whose skill levels are lost in silence. A DataFrame row of the same
file gives the same errors. A keyed prefix without its key (``dsm:``, ``ツール``) or a near
one (``tools:Excel``) stays an extra column with a ``column-near-miss`` warning naming the
keyed column meant.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

import skillframe
from skillframe.errors import StaffDataError
from skillframe.staff import RowReader
from skillframe.staff.columns import classify

HOW = {
    "dsm": "one column per skill: dsm:<skill>",
    "tools": "one column per tool: tool:<tool>",
    "tool_checks": "one column per tool: check:<tool>",
    "extra": "each column under its own name",
}


@pytest.mark.parametrize(
    ("header", "field"),
    [("dsm", "dsm"), ("DSM", "dsm"), ("ｄｓｍ", "dsm"), ("tools", "tools"), ("Tools", "tools"),
     ("tool_checks", "tool_checks"), ("Tool Checks", "tool_checks"), ("tool-checks", "tool_checks"),
     ("extra", "extra"), ("EXTRA", "extra")],
)  # fmt: skip
@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_column_named_like_a_nested_field_is_refused_where_it_has_a_value(
    tmp_path: Path, cat: skillframe.Catalog, header: str, field: str, kind: str
) -> None:
    rows = [["id", "persona", header], ["A", "DX推進員", ""], ["B", "DX推進員", "bpr:2"], ["C", "DX推進員", "2"]]
    path = tmp_path / f"staff.{kind}"
    if kind == "csv":
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows(rows)
        path.write_text(buf.getvalue(), encoding="utf-8")
    else:
        openpyxl = pytest.importorskip("openpyxl")
        wb = openpyxl.Workbook()
        for r in rows:
            wb.active.append([int(c) if c.isdigit() else c for c in r])  # a number cell too
        wb.save(path)
    table = skillframe.read_staff(path, catalog=cat)
    assert [r.id for r in table.records] == ["A"] and table.records[0].extra == {}
    assert [(e.row, e.column, e.id, e.code) for e in table.errors] == [
        (3, header, "B", "not-a-mapping"),
        (4, header, "C", "not-a-mapping"),
    ]
    assert table.errors[0].en.startswith(f"{header} must be a mapping of ")
    assert f"(a JSON object; in a table, {HOW[field]}), not str: 'bpr:2'" in table.errors[0].en
    assert "表では" in table.errors[0].ja
    assert table.warnings == ()
    # a DataFrame row of the same file (a dict per row) gives the same errors
    reader = RowReader(catalog=cat)
    dicts = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    got = [reader.read_mapping(d, n) for n, d in enumerate(dicts, start=2)]
    said = [g if isinstance(g, skillframe.StaffRecord) else [(e.row, e.column, e.code) for e in g] for g in got]
    assert said[1:] == [
        [(3, header, "not-a-mapping")],
        [(4, header, "not-a-mapping")],
    ]


def test_the_cli_lists_each_row_of_such_a_column(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from skillframe.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "s.csv").write_text("職員番号,人材像,dsm\nA,DX推進員,\nB,DX推進員,ITストラテジー=2\n", encoding="utf-8")
    assert main(["evaluate", "s.csv", "-o", "r.csv", "--errors", "e.csv"]) == 1
    errors = list(csv.reader(io.StringIO((tmp_path / "e.csv").read_text(encoding="utf-8-sig"))))
    assert [r[:3] for r in errors[1:]] == [["3", "dsm", "not-a-mapping"]]
    assert "dsm:<スキル名>" in errors[1][3]
    capsys.readouterr()


def test_a_mapping_under_another_spelling_is_never_dropped() -> None:
    """``{"DSM": {...}}``: a nested mapping under a key that is not its field's own name."""
    errors = RowReader().read_mapping({"id": "A", "DSM": {"bpr": 2}})
    assert isinstance(errors, list)
    assert [(e.column, e.code, e.en) for e in errors] == [
        ("DSM", "nested-field-spelling", "write the key of the nested mapping as 'dsm', not 'DSM'")
    ]
    assert skillframe.StaffRecord.from_mapping({"id": "A", "dsm": {"bpr": 2}}).dsm == {"bpr": 2}


def test_two_columns_naming_one_nested_field_are_one_column_twice(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("id,dsm,DSM\nA,,\n", encoding="utf-8")
    with pytest.raises(StaffDataError) as info:
        skillframe.read_staff(path)
    assert info.value.code == "duplicate-column"


@pytest.mark.parametrize(
    ("header", "meant"),
    [("tools:Excel", "tool:Excel"), ("Tools：Excel", "tool:Excel"), ("skills:bpr", "dsm:bpr"),
     ("checks:Excel", "check:Excel"), ("tool_checks:Excel", "check:Excel"), ("dsm:", "dsm:<skill>"),
     ("dsm：", "dsm:<skill>"), ("tool", "tool:<tool>"), ("skill", "skill:<skill>"), ("スキル", "スキル:<スキル名>"),
     ("ツール：", "ツール:<ツール名>"), ("チェック", "チェック:<ツール名>"), ("実務経験", "実務経験:<ツール名>")],
)  # fmt: skip
def test_a_keyed_prefix_without_its_key_or_a_near_one_is_a_warning(tmp_path: Path, header: str, meant: str) -> None:
    from skillframe.staff.columns import keyed_near_miss

    assert classify(header)[0] == "extra" and keyed_near_miss(header) == meant
    path = tmp_path / "s.csv"
    path.write_text(f"id,{header}\nA,2\n", encoding="utf-8")
    table = skillframe.read_staff(path)
    assert table.records[0].extra == {header.strip(): "2"}
    [warning] = table.warnings
    assert (warning.row, warning.column, warning.code) == (1, header, "column-near-miss")
    assert f"(did you mean: {meant}?); kept as extra" in warning.message


@pytest.mark.parametrize("header", ["備考", "スキルメモ", "ツール名", "tooling", "skill set", "メモ:dsm"])
def test_other_headers_are_no_keyed_near_miss(header: str) -> None:
    from skillframe.staff.columns import keyed_near_miss

    assert keyed_near_miss(header) is None


@pytest.mark.parametrize("key", ["職員番号", "所属", " Department ", "dsm:ITストラテジー", "tool:Excel", "dsm"])
def test_an_extra_key_naming_a_column_is_a_row_error(key: str) -> None:
    # kept as extra it would be a second 職員番号 column of `evaluate --wide`, unreadable back
    [err] = RowReader().read_mapping({"id": "A", "persona": "DX推進員", "extra": {key: "B", "備考": "x"}}, row=1)
    assert (err.column, err.code) == (key, "extra-names-column")
    assert f"the extra key '{key}' names a staff-file column" in str(err)
    # not given (empty) is nothing, as an empty cell is
    ok = RowReader().read_mapping({"id": "A", "persona": "DX推進員", "extra": {key: "", "備考": "x"}}, row=1)
    assert isinstance(ok, skillframe.StaffRecord) and ok.extra == {"備考": "x"}


@pytest.mark.parametrize("key", ["", "  "])
def test_an_extra_key_without_a_name_is_a_value_under_no_header(key: str, tmp_path: Path) -> None:
    [err] = RowReader().read_mapping({"id": "A", "persona": "DX推進員", "extra": {key: "x"}}, row=1)
    assert err.code == "cell-without-header"  # as a file's cell under an empty header
    staff = tmp_path / "staff.csv"  # the same cell in a file
    staff.write_text("id,persona,\nA,DX推進員,x\n", encoding="utf-8")
    assert [(e.column, e.code) for e in skillframe.read_staff(staff).errors] == [("", err.code)]
    ok = RowReader().read_mapping({"id": "A", "persona": "DX推進員", "extra": {key: None}}, row=1)
    assert isinstance(ok, skillframe.StaffRecord) and ok.extra == {}


def test_an_extra_key_naming_a_keyed_column_gives_no_catalog_hint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from skillframe.cli import main

    # 'dsm:bpr' is a column (dsm:<skill>), not an id of a framework 'dsm' to load with --catalog
    staff = tmp_path / "staff.json"
    staff.write_text('[{"id": "A", "persona": "DX推進員", "extra": {"dsm:bpr": 1}}]', encoding="utf-8")
    assert main(["evaluate", str(staff)]) == 1
    err = capsys.readouterr().err
    assert "[extra-names-column]" in err and "is not loaded" not in err
    staff.write_text('[{"id": "A", "persona": "town:dx"}]', encoding="utf-8")  # an unknown id still has it
    assert main(["evaluate", str(staff)]) == 1
    assert "framework town is not loaded" in capsys.readouterr().err
