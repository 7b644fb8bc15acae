"""Make the staff-file corpus: one small file per kind of fault of issue 10, with what
reading it must give.

``python tests/data/staff/make_files.py [DIR]`` writes the files (default: ``files/``
next to this script); the tests call :func:`make` into a temporary folder. Every file is
invented (no real people). :data:`CASES` says, per file, the records expected (the fields
named, exactly) and the row errors ``(row, column, code)``, or the file error code.

Rows are the rows Excel shows (header = row 1).
"""

from __future__ import annotations

import codecs
import datetime as dt
import io
import json
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
P = "DX推進員"


def _text(rows: list[list[str]], encoding: str, sep: str = ",", bom: bool = False) -> bytes:
    import csv

    buf = io.StringIO()
    csv.writer(buf, delimiter=sep, lineterminator="\r\n").writerows(rows)
    data = buf.getvalue().encode(encoding)
    return (codecs.BOM_UTF8 if bom else b"") + data


def _xlsx(fill: Callable[[Any], None], *, sheets: int = 1) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.properties.created = wb.properties.modified = dt.datetime(2026, 4, 1)
    fill(wb)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _rewrite_zip(data: bytes, change: Callable[[str, bytes], bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, change(info.filename, src.read(info.filename)))
    return out.getvalue()


def _basic(ws: Any) -> None:
    ws.append(["id", "persona", "department", "dx_lead_years"])
    ws.append(["X001", P, "総務課", 1])
    ws.append(["X002", P, "税務課", 2])
    ws.append(["X003", P, "福祉課", 3])


# -- builders: name -> bytes -------------------------------------------------------


def cp932_extended() -> bytes:
    return _text(
        [
            ["id", "persona", "department", "trainings", "dx_lead_years", "mentoring"],
            ["T001", P, "髙橋第①係", "業務分析/BPR", "1", "はい"],
            ["T002", P, "市民課～窓口", "業務分析/BPR", "2", "いいえ"],
            ["T003", P, "市民課～窓口", "なし", "", "×"],
        ],
        "cp932",
    )


def alt_enter() -> bytes:
    return _text(
        [
            ["id", "persona", "department", "dx_lead_years"],
            ["A001", P, "福祉課\n高齢者支援係", "1"],
            ["A002", P, "総務課", "たくさん"],
            ["A003", P, "税務課\n\n収納係", "2"],
            ["A001", P, "環境課", "1"],
            ["", P, "環境課", "1"],
        ],
        "cp932",
    )


def ids_as_written() -> bytes:
    return _text(
        [
            ["職員番号", "人材像", "所属", "dx_lead_years"],
            ["000123", P, "001", "1"],
            ["2019.10", P, "税務課", "2"],
            ["1E3", P, "市民課", "0"],
        ],
        "utf-8",
    )


def ids_full_width() -> bytes:
    return _text(
        [
            ["職員番号", "人材像", "dx_lead_years"],
            ["Ｘ１", P, "1"],
            ["X1", P, "2"],  # the same id typed half-width: a duplicate
            ["x1", P, "0"],  # another id (case is kept)
            ["職員１", P, "1"],
            ["職員1", P, "1"],  # full-width digit or not: a duplicate
        ],
        "utf-8",
    )


def japanese_headers() -> bytes:
    return _text(
        [
            [
                "職員番号",
                "人材像",
                "所属",
                "研修",
                "DXリード経験年数",
                "DXリード件数",
                "メンタリング",
                "スキル:BPR",
                "ツール:Excel",
            ],
            ["J001", P, "企画課", "BPR研修；DXマインドセット研修", "1.5", "2", "有り", "Lv.2", "3"],
        ],
        "cp932",
    )


def booleans() -> bytes:
    rows = [["id", "persona", "mentoring"]]
    for i, word in enumerate(["有り", "無し", "済み", "未済", "✓", "レ", "✔", "〇", "×", "ﾚ", "たぶん"], start=1):
        rows.append([f"M{i:03d}", P, word])
    return _text(rows, "utf-8", bom=True)


def numbers() -> bytes:
    return _text(
        [
            ["id", "persona", "dx_lead_years", "dx_lead_count"],
            ["N001", P, "0,5", "1"],
            ["N002", P, "1,000", "１"],
            ["N003", P, "inf", "1e999"],
            ["N004", P, "NaN", "Infinity"],
            ["N005", P, "1" * 5000, "-1"],
            ["N006", P, "１．５年", "3件"],
        ],
        "utf-8",
    )


def trainings() -> bytes:
    return _text(
        [
            ["id", "persona", "trainings"],
            ["R001", P, "BPR研修;DXマインドセット研修"],
            ["R002", P, "業務分析/BPR;情報セキュリティ研修"],
            ["R003", P, "BPR研習"],
            ["R004", P, "なし"],
        ],
        "utf-8",
    )


def near_miss_columns() -> bytes:
    return _text([["id", "persona", "DX Lead Years", "mentorng", "備考"], ["X1", P, "3", "はい", "メモ"]], "utf-8")


def title_and_blank_rows() -> bytes:
    """A title row (and a blank row) above the header, headers spaced as people type them,
    blank rows between the data rows and after the last one (trial item 7, 20)."""
    return _text(
        [
            ["令和7年度 職員名簿（人事課作成）", "", "", ""],
            ["", "", "", ""],
            ["職員\u3000番号", "人材像", "所属", "DX リード 年数"],
            ["B001", P, "総務課", "1"],
            ["", "", "", ""],
            ["B002", P, "税務課", "x"],
            [" ", "", "", ""],
            ["", "", "", ""],
            ["B003", P, "福祉課", "2"],
            ["", "", "", ""],
        ],
        "cp932",
    )


def japanese_near_miss_columns() -> bytes:
    """Japanese headers near a standard column: a warning each, never dropped in silence; a
    column the header has already (id) is not suggested for 電話番号."""
    return _text(
        [
            ["職員番号", "人材像", "後輩指導の有無", "受講した研修名", "電話番号"],
            ["K1", P, "はい", "BPR研修", "03-0000-0000"],
        ],
        "utf-8",
    )


def training_with_separator() -> bytes:
    """A training whose name has the list separator 、 (as `skillframe list trainings` prints it)."""
    return _text(
        [
            ["id", "人材像", "受講研修"],
            ["C001", P, "各種ガイド、ドキュメントの説明会"],
            ["C002", P, "BPR研修、各種ガイド、ドキュメントの説明会"],
            ["C003", P, "各種ガイド"],
        ],
        "utf-8",
    )


def personas_and_ladders() -> bytes:
    """Persona values naming the 総務省 types (no ladder): DX推進リーダー is also an alias of the
    WG's DX推進員 (ambiguous); 一般行政職 names only the 総務省 type (no ladder); 一般行政職員 is
    the label of the WG persona (its ladder wins over the 総務省 type's alias)."""
    return _text(
        [
            ["職員番号", "所属", "人材像"],
            ["1", "総務課", "DX推進リーダー"],
            ["4", "総務課", "一般行政職"],
            ["5", "総務課", P],
            ["6", "総務課", "一般行政職員"],
        ],
        "utf-8",
    )


def xlsx_title_row() -> bytes:
    """A workbook whose header is in row 3 under a merged title, with a blank row and a second
    sheet of notes: the sheet with the id header is found and read."""

    def fill(wb: Any) -> None:
        ws = wb.active
        ws.title = "名簿"
        ws.append(["令和7年度 職員名簿"])
        ws.merge_cells("A1:D1")
        ws.append(["作成: 人事課", None, None, "2026/4/1"])
        ws.append(["職員番号", "人材像", "所属", "DXリード年数"])
        ws.append(["X001", P, "総務課", 1])
        ws.append([None, None, None, None])
        ws.append(["X002", P, "税務課", 2])
        wb.create_sheet("メモ").append(["この表について"])

    return _xlsx(fill)


def duplicate_skill_columns() -> bytes:
    return _text([["id", "dsm:ITストラテジー", "dsm:it-strategy"], ["D1", "1", "2"]], "utf-8")


def duplicate_columns() -> bytes:
    return _text([["id", "persona", "人材像"], ["D1", P, P]], "utf-8")


def unicode_text() -> bytes:
    text = "id\tpersona\tdx_lead_years\r\nU001\tDX推進員\t1\r\nU002\tDX推進員\t２\r\n"
    return codecs.BOM_UTF16_LE + text.encode("utf-16-le")


def tsv() -> bytes:
    return _text([["id", "persona", "department"], ["T1", P, "総務課, 庶務係"]], "utf-8", sep="\t")


def mixed_encoding() -> bytes:
    return (
        "id,department\r\nM1,総務課\r\nM2,税務課\r\n".encode()
        + "M3,福祉課\r\n".encode("cp932")
        + "M4,市民課\r\n".encode()
    )


def cp932_halfwidth_kana() -> bytes:
    return "id,persona,name_kana\r\nK1,dx-promoter,ﾏｷ ﾕｳ\r\nK2,dx-promoter,ﾃｽ\r\n".encode("cp932")


def nul_and_long_cells() -> bytes:
    return _text(
        [["id", "persona", "department"], ["L1", P, "総務\x00課"], ["L2", P, "x" * 131_073], ["L3", P, "税務課"]],
        "utf-8",
    )


def json_values() -> bytes:
    items = [
        {"id": "J001", "persona": P, "dx_lead_years": float("nan"), "trainings": ["BPR研修"]},
        {"id": True, "persona": P},
        {"id": 1.0, "persona": P},
        {"id": ["a", "b"], "persona": P},
        {"id": "J005", "persona": P, "department": "\ud800"},
        {"id": "J006", "persona": P, "dx_lead_count": 10**30},
        "not an object",
        {"id": "J008", "persona": P, "tool:Excel": "2", "dsm": {"業務分析/BPR": "Lv.1"}},
    ]
    return json.dumps(items, ensure_ascii=True, allow_nan=True).encode()


_JSON_PEOPLE = [
    {"id": "P001", "persona": P, "department": "髙橋第①係"},
    {"id": "P002", "persona": P, "department": "市民課～窓口"},
]


def json_utf16() -> bytes:
    """JSON as Windows PowerShell 5 writes it (``ConvertTo-Json | Out-File``): UTF-16 with a BOM."""
    return json.dumps(_JSON_PEOPLE, ensure_ascii=False).encode("utf-16")


def json_cp932() -> bytes:
    """JSON saved in CP932 (PowerShell's ``Set-Content``, Notepad's ANSI)."""
    return json.dumps(_JSON_PEOPLE, ensure_ascii=False).encode("cp932")


def json_mixed() -> bytes:
    """A UTF-8 JSON file with one CP932 line (edited in two editors)."""
    return '[{"id": "P001", "department": "総務課"},\n'.encode() + '{"id": "P002", "department": "税務課"}]\n'.encode(
        "cp932"
    )


def json_extra_values() -> bytes:
    """Columns the evaluation does not read, holding JSON numbers and booleans: text, as a
    spreadsheet shows the same cells (they were row errors)."""
    items = [
        {"id": "V001", "persona": P, "年齢": 45, "評価": 4.5, "管理職": True, "入庁日": "2020-04-01", "メモ": None},
        {"id": "V002", "persona": P, "年齢": 30.0, "評価": 1e400, "管理職": False},
        {"id": "V003", "persona": P, "年齢": [1, 2]},
    ]
    return json.dumps(items, ensure_ascii=False, allow_nan=True).encode().replace(b"Infinity", b"1e400")


def json_deep() -> bytes:
    return b"[" * 100_000 + b"]" * 100_000


def xlsx_dimension_a1() -> bytes:
    data = _xlsx(lambda wb: _basic(wb.active))
    return _rewrite_zip(
        data,
        lambda name, b: (
            b.replace(b'<dimension ref="A1:D4"/>', b'<dimension ref="A1"/>') if "worksheets/" in name else b
        ),
    )


def xlsx_formula() -> bytes:
    def fill(wb: Any) -> None:
        ws = wb.active
        ws.append(["id", "persona", "dx_lead_years", "dx_lead_count"])
        ws.append(["F001", P, '=DATEDIF(DATE(2022,4,1),DATE(2025,4,1),"y")', "=1+1"])
        ws.append(["F002", P, 2, 1])

    return _xlsx(fill)


def xlsx_formula_empty_text() -> bytes:
    """Formulas whose saved result is the empty text, as Excel writes ``=IFERROR(VLOOKUP(…),"")``
    (``<c t="str"><f>…</f><v/></c>``): blank cells, not "no saved value"; F003 was never saved."""

    def fill(wb: Any) -> None:
        ws = wb.active
        ws.append(["id", "persona", "department", "dx_lead_years"])
        ws.append(["F001", P, '=IFERROR(VLOOKUP(A2,課!A:B,2,FALSE),"")', '=IF(B2="","",1)'])
        ws.append(["F002", P, "総務課", 2])
        ws.append(["F003", P, '=IFERROR(VLOOKUP(A4,課!A:B,2,FALSE),"")', 3])

    def saved(name: str, data: bytes) -> bytes:
        if name != "xl/worksheets/sheet1.xml":
            return data
        text = data.decode()
        for ref in ("C2", "D2"):  # Excel's saved empty result; C4 keeps no saved value
            text = text.replace(f'<c r="{ref}">', f'<c r="{ref}" t="str">').replace(
                "</f><v></v></c>", "</f><v/></c>", 1
            )
        return text.replace('<c r="C4" t="str">', '<c r="C4">').encode()

    return _rewrite_zip(_xlsx(fill), saved)


def xlsx_error_values() -> bytes:
    """Excel's error values (a VLOOKUP that found nothing: #N/A): never an id, 課, persona or
    number; an extra column (a name looked up) shows it as Excel does."""

    def fill(wb: Any) -> None:
        ws = wb.active
        ws.append(["id", "persona", "department", "name", "dx_lead_years"])
        ws.append(["E001", P, "#N/A", "山田", 1])
        ws.append(["#N/A", P, "総務課", "鈴木", 1])
        ws.append(["E003", "#N/A", "総務課", "佐藤", "#DIV/0!"])
        ws.append(["E004", P, "総務課", "#REF!", 2])

    return _xlsx(fill)


def xlsx_chart_sheet() -> bytes:
    """A staff sheet and a chart on a sheet of its own (グラフ), as office reports have."""

    def fill(wb: Any) -> None:
        from openpyxl.chart import BarChart, Reference

        _basic(wb.active)
        wb.active.title = "名簿"
        chart = BarChart()
        chart.add_data(Reference(wb.active, min_col=4, min_row=1, max_row=4))
        wb.create_chartsheet("グラフ").add_chart(chart)

    return _xlsx(fill)


def xlsx_formats() -> bytes:
    def fill(wb: Any) -> None:
        ws = wb.active
        ws.append(["id", "persona", "department", "dx_lead_years"])
        ws.append([123, P, dt.datetime(2026, 3, 1), 1.5])
        ws["A2"].number_format = "000000"
        ws["C2"].number_format = "yyyy/m/d"
        ws.append([dt.datetime(2026, 3, 1), P, "総務課", dt.datetime(2026, 1, 2)])
        ws["A3"].number_format = 'm"月"d"日"'
        ws["D3"].number_format = "yyyy/m/d"

    return _xlsx(fill)


def xlsx_merged() -> bytes:
    def fill(wb: Any) -> None:
        ws = wb.active
        ws.append(["id", "persona", "department", "備考"])
        ws.append(["M1", P, "総務課"])
        ws.append(["M2", P, None])
        ws.append(["M3", P, None])
        ws.append(["M4", P, "税務課", "出向"])
        ws.merge_cells("C2:C4")  # a 課 merged down: every row of it is in 総務課
        ws.merge_cells("D1:E1")  # a heading across two columns: shown once, not a second 備考

    return _xlsx(fill)


def xlsx_two_sheets() -> bytes:
    def fill(wb: Any) -> None:
        _basic(wb.active)
        wb.active.title = "本庁"
        other = wb.create_sheet("出先機関")
        other.append(["id", "persona"])
        other.append(["Y001", P])

    return _xlsx(fill)


def xlsx_second_sheet_only() -> bytes:
    def fill(wb: Any) -> None:
        wb.active.title = "説明"
        wb.active.append(["この表の使い方"])
        data = wb.create_sheet("名簿")
        _basic(data)

    return _xlsx(fill)


def _ole(names: list[str]) -> bytes:
    head = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    directory = b"".join(n.encode("utf-16-le").ljust(128, b"\x00") for n in names)
    return head + directory.ljust(1024, b"\x00")


def xlsx_encrypted() -> bytes:
    return _ole(["Root Entry", "EncryptionInfo", "EncryptedPackage"])


def xls_legacy() -> bytes:
    return _ole(["Root Entry", "Workbook", "SummaryInformation"])


def csv_named_xlsx() -> bytes:
    return _text([["id", "persona"], ["C1", P]], "cp932")


def html_named_xlsx() -> bytes:
    return b"<html><body><table><tr><td>id</td></tr></table></body></html>"


def xlsx_truncated() -> bytes:
    data = _xlsx(lambda wb: _basic(wb.active))
    return data[: len(data) // 2]


def xlsx_bomb() -> bytes:
    data = _xlsx(lambda wb: _basic(wb.active))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info.filename))
        dst.writestr("xl/sharedStrings.xml", b"<sst>" + b"<si><t>A</t></si>" * 200_000 + b"</sst>")
    return out.getvalue()


def empty() -> bytes:
    return b""


def no_id_column() -> bytes:
    return _text([["name", "persona"], ["A", P]], "utf-8")


def invisible_characters() -> bytes:
    """Zero-width spaces and a BOM pasted with an id or a persona (from a web page, a PDF, chat):
    invisible, so the same id (a duplicate) and the same persona; shown as written."""
    return _text(
        [
            ["id", "persona", "department"],
            ["I01", P, "総務課"],
            ["I01\u200b", P, "総務課"],
            ["I02\ufeff", P + "\u200b", "総務課\u200b"],
        ],
        "utf-8",
        bom=True,
    )


def my_number_column() -> bytes:
    """An HR export: 職員番号 and 個人番号 (My Number, personal data under 番号法) side by side."""
    return _text(
        [["職員番号", "氏名", "個人番号", "所属", "人材像"], ["M001", "山田 太郎", "123456789018", "総務課", P]],
        "cp932",
    )


def my_number_only() -> bytes:
    """個人番号 (My Number) and no staff number: never taken as the staff id."""
    return _text([["個人番号", "人材像"], ["123456789018", P]], "cp932")


# -- the corpus and what it must give ----------------------------------------------

#: name -> (builder, expected). ``records``: ``[{field: value}]`` (fields compared exactly);
#: ``errors``: ``[(row, column, code)]``; ``file_error``: the StaffDataError code;
#: ``warnings``: ``[(column, code)]``; ``encoding``/``sheet``: passed to read_staff.
CASES: dict[str, tuple[Callable[[], bytes], dict[str, Any]]] = {
    "cp932_extended.csv": (
        cp932_extended,
        {
            "encoding": "shift_jis",
            "records": [
                {"id": "T001", "department": "髙橋第①係", "dx_lead_years": 1, "mentoring": True},
                {"id": "T002", "department": "市民課～窓口", "dx_lead_years": 2, "mentoring": False},
                {"id": "T003", "department": "市民課～窓口", "trainings": (), "dx_lead_years": None},
            ],
        },
    ),
    "alt_enter.csv": (
        alt_enter,
        {
            "records": [
                {"id": "A001", "department": "福祉課\n高齢者支援係", "row": 2},
                {"id": "A003", "department": "税務課\n\n収納係", "row": 4},
            ],
            "errors": [(3, "dx_lead_years", "not-a-number"), (5, "id", "duplicate-id"), (6, "id", "missing-id")],
        },
    ),
    "ids_full_width.csv": (
        ids_full_width,
        {
            "records": [
                {"id": "Ｘ１", "dx_lead_years": 1},
                {"id": "x1", "dx_lead_years": 0},
                {"id": "職員１", "dx_lead_years": 1},
            ],
            "errors": [(3, "id", "duplicate-id"), (6, "id", "duplicate-id")],
        },
    ),
    "ids_as_written.csv": (
        ids_as_written,
        {
            "records": [
                {"id": "000123", "department": "001"},
                {"id": "2019.10", "department": "税務課"},
                {"id": "1E3", "dx_lead_years": 0},
            ]
        },
    ),
    "japanese_headers.csv": (
        japanese_headers,
        {
            "records": [
                {
                    "id": "J001",
                    "department": "企画課",
                    "trainings": ("tokyo-wg-2025:bpr", "tokyo-wg-2025:dx-necessity"),
                    "dx_lead_years": 1.5,
                    "dx_lead_count": 2,
                    "mentoring": True,
                    "dsm": {"tokyo-wg-2025:bpr": 2},
                    "tools": {"tokyo-dsm:excel": 3},
                }
            ]
        },
    ),
    "booleans.csv": (
        booleans,
        {
            "records": [
                {"id": f"M{i:03d}", "mentoring": v}
                for i, v in enumerate([True, False, True, False, True, True, True, True, False, True], start=1)
            ],
            "errors": [(12, "mentoring", "not-yes-no")],
        },
    ),
    "numbers.csv": (
        numbers,
        {
            "records": [
                {"id": "N002", "dx_lead_years": 1000, "dx_lead_count": 1},
                {"id": "N006", "dx_lead_years": 1.5, "dx_lead_count": 3},
            ],
            "errors": [
                (2, "dx_lead_years", "ambiguous-decimal-comma"),
                (4, "dx_lead_years", "not-finite"),
                (4, "dx_lead_count", "not-finite"),
                (5, "dx_lead_count", "not-finite"),
                (6, "dx_lead_years", "number-too-long"),
                (6, "dx_lead_count", "negative-number"),
            ],
        },
    ),
    "trainings.csv": (
        trainings,
        {
            "records": [
                {"id": "R001", "trainings": ("tokyo-wg-2025:bpr", "tokyo-wg-2025:dx-necessity")},
                {
                    "id": "R002",
                    "trainings": ("tokyo-wg-2025:bpr", "tokyo-wg-2025:security-literacy", "tokyo-wg-2025:privacy"),
                },
                {"id": "R004", "trainings": ()},
            ],
            "errors": [(4, "trainings", "unknown-training")],
        },
    ),
    "near_miss_columns.csv": (
        near_miss_columns,
        {
            "records": [{"id": "X1", "extra": {"DX Lead Years": "3", "mentorng": "はい", "備考": "メモ"}}],
            "warnings": [("DX Lead Years", "column-near-miss"), ("mentorng", "column-near-miss")],
        },
    ),
    "title_and_blank_rows.csv": (
        title_and_blank_rows,
        {
            "encoding": "cp932",
            "records": [
                {"id": "B001", "department": "総務課", "dx_lead_years": 1},
                {"id": "B003", "department": "福祉課", "dx_lead_years": 2},
            ],
            "errors": [(6, "DX リード 年数", "not-a-number")],
            "warnings": [(None, "title-rows-skipped"), (None, "blank-rows-skipped")],
            "warning_rows": [(1,), (5, 7, 8)],
            "blank_rows": (5, 7, 8),
        },
    ),
    "japanese_near_miss_columns.csv": (
        japanese_near_miss_columns,
        {
            "records": [
                {
                    "id": "K1",
                    "trainings": None,
                    "mentoring": None,
                    "extra": {"後輩指導の有無": "はい", "受講した研修名": "BPR研修", "電話番号": "03-0000-0000"},
                }
            ],
            "warnings": [("後輩指導の有無", "column-near-miss"), ("受講した研修名", "column-near-miss")],
            "messages_warn": {"後輩指導の有無": "mentoring / メンタリング", "受講した研修名": "trainings / 研修"},
        },
    ),
    "training_with_separator.csv": (
        training_with_separator,
        {
            "records": [
                {"id": "C001", "trainings": ("tokyo-wg-2025:it-governance",)},
                {"id": "C002", "trainings": ("tokyo-wg-2025:bpr", "tokyo-wg-2025:it-governance")},
            ],
            "errors": [(4, "受講研修", "unknown-training")],
        },
    ),
    "personas_and_ladders.csv": (
        personas_and_ladders,
        {
            "persona_column": True,
            "records": [
                {"id": "4", "persona": "mic-guidebook-2024:general-staff"},
                {"id": "5", "persona": "tokyo-wg-2025:dx-promoter"},
                {"id": "6", "persona": "tokyo-wg-2025:general-staff"},
            ],
            "errors": [(2, "人材像", "ambiguous-persona")],
            # read_staff(require_ladder=True): a persona without a ladder is a row error too
            # (skillframe evaluate: not evaluated, a warning)
            "ladder_errors": [(2, "人材像", "ambiguous-persona"), (3, "人材像", "persona-without-ladder")],
            "messages": {2: "mic-guidebook-2024:dx-leader、段階なし"},
        },
    ),
    "xlsx_title_row.xlsx": (
        xlsx_title_row,
        {
            "records": [{"id": "X001", "department": "総務課"}, {"id": "X002", "department": "税務課"}],
            "warnings": [(None, "title-rows-skipped"), (None, "blank-rows-skipped")],
            "warning_rows": [(1, 2), (5,)],
            "blank_rows": (5,),
        },
    ),
    "duplicate_skill_columns.csv": (duplicate_skill_columns, {"file_error": "duplicate-skill-column"}),
    "duplicate_columns.csv": (duplicate_columns, {"file_error": "duplicate-column"}),
    "unicode_text.txt": (
        unicode_text,
        {"records": [{"id": "U001", "dx_lead_years": 1}, {"id": "U002", "dx_lead_years": 2}]},
    ),
    "tab_separated.tsv": (tsv, {"records": [{"id": "T1", "department": "総務課, 庶務係"}]}),
    "mixed_encoding.csv": (
        mixed_encoding,
        {
            "records": [
                {"id": "M1", "department": "総務課"},
                {"id": "M2", "department": "税務課"},
                {"id": "M4", "department": "市民課"},
            ],
            "errors": [(4, "department", "undecodable-text")],
            "no_persona": True,
        },
    ),
    "cp932_halfwidth_kana.csv": (cp932_halfwidth_kana, {"file_error": "ambiguous-encoding"}),
    "nul_and_long_cells.csv": (
        nul_and_long_cells,
        {
            "records": [{"id": "L3", "department": "税務課"}],
            "errors": [(2, "department", "nul-character"), (3, "department", "cell-too-long")],
        },
    ),
    "bogus_encoding.csv": (alt_enter, {"encoding": "bogus", "file_error": "unknown-encoding"}),
    "json_values.json": (
        json_values,
        {
            "records": [
                {"id": "J001", "dx_lead_years": None, "trainings": ("tokyo-wg-2025:bpr",)},
                {"id": "J008", "tools": {"tokyo-dsm:excel": 2}, "dsm": {"tokyo-wg-2025:bpr": 1}},
            ],
            "errors": [
                (2, "id", "not-text"),
                (3, "id", "decimal-id"),
                (4, "id", "not-text"),
                (5, "department", "undecodable-text"),
                (6, "dx_lead_count", "number-too-long"),  # 10**30: a JSON integer longer than a float keeps
                (7, None, "json-not-an-object"),
            ],
        },
    ),
    "json_deep.json": (json_deep, {"file_error": "json-too-deep"}),
    "json_extra_values.json": (
        json_extra_values,
        {
            "records": [
                {"id": "V001", "extra": {"年齢": "45", "評価": "4.5", "管理職": "TRUE", "入庁日": "2020-04-01"}},
            ],
            "errors": [(2, "評価", "not-text"), (3, "年齢", "not-text")],
        },
    ),
    "json_utf16.json": (
        json_utf16,
        {"records": [{"id": "P001", "department": "髙橋第①係"}, {"id": "P002", "department": "市民課～窓口"}]},
    ),
    "json_cp932.json": (
        json_cp932,
        {"records": [{"id": "P001", "department": "髙橋第①係"}, {"id": "P002", "department": "市民課～窓口"}]},
    ),
    "json_mixed.json": (json_mixed, {"file_error": "wrong-encoding"}),
    "xlsx_dimension_a1.xlsx": (
        xlsx_dimension_a1,
        {
            "records": [
                {"id": "X001", "department": "総務課", "dx_lead_years": 1},
                {"id": "X002", "department": "税務課", "dx_lead_years": 2},
                {"id": "X003", "department": "福祉課", "dx_lead_years": 3},
            ]
        },
    ),
    "xlsx_formula.xlsx": (
        xlsx_formula,
        {
            "records": [{"id": "F002", "dx_lead_years": 2, "dx_lead_count": 1}],
            "errors": [(2, "dx_lead_years", "formula-without-value"), (2, "dx_lead_count", "formula-without-value")],
        },
    ),
    "xlsx_formula_empty_text.xlsx": (
        xlsx_formula_empty_text,
        {
            "records": [
                {"id": "F001", "department": None, "dx_lead_years": None},
                {"id": "F002", "department": "総務課", "dx_lead_years": 2},
            ],
            "errors": [(4, "department", "formula-without-value")],
        },
    ),
    "xlsx_error_values.xlsx": (
        xlsx_error_values,
        {
            "records": [{"id": "E004", "department": "総務課", "dx_lead_years": 2, "extra": {"name": "#REF!"}}],
            "errors": [
                (2, "department", "cell-error-value"),
                (3, "id", "cell-error-value"),
                (4, "persona", "cell-error-value"),
                (4, "dx_lead_years", "cell-error-value"),
            ],
        },
    ),
    "xlsx_chart_sheet.xlsx": (
        xlsx_chart_sheet,
        {"persona_column": True, "records": [{"id": "X001"}, {"id": "X002"}, {"id": "X003"}]},
    ),
    "xlsx_chart_sheet_named.xlsx": (xlsx_chart_sheet, {"sheet": "グラフ", "file_error": "xlsx-no-sheet"}),
    "xlsx_formats.xlsx": (
        xlsx_formats,
        {
            "records": [{"id": "000123", "department": "2026/3/1", "dx_lead_years": 1.5}],
            "errors": [(3, "dx_lead_years", "not-a-number")],
            "messages": {3: "2026/1/2"},
        },
    ),
    "xlsx_merged.xlsx": (
        xlsx_merged,
        {
            "records": [
                {"id": "M1", "department": "総務課"},
                {"id": "M2", "department": "総務課"},
                {"id": "M3", "department": "総務課"},
                {"id": "M4", "department": "税務課", "extra": {"備考": "出向"}},
            ]
        },
    ),
    "xlsx_two_sheets.xlsx": (xlsx_two_sheets, {"file_error": "xlsx-several-sheets"}),
    "xlsx_two_sheets_named.xlsx": (
        xlsx_two_sheets,
        {"sheet": "出先機関", "records": [{"id": "Y001"}]},
    ),
    "xlsx_second_sheet_only.xlsx": (
        xlsx_second_sheet_only,
        {"records": [{"id": "X001"}, {"id": "X002"}, {"id": "X003"}]},
    ),
    "xlsx_encrypted.xlsx": (xlsx_encrypted, {"file_error": "xlsx-encrypted"}),
    "xls_legacy.xls": (xls_legacy, {"file_error": "xlsx-legacy-xls"}),
    "csv_named.xlsx": (csv_named_xlsx, {"file_error": "xlsx-is-text"}),
    "html_named.xlsx": (html_named_xlsx, {"file_error": "xlsx-is-html"}),
    "xlsx_truncated.xlsx": (xlsx_truncated, {"file_error": "xlsx-damaged"}),
    "xlsx_bomb.xlsx": (xlsx_bomb, {"file_error": "xlsx-too-large"}),
    "empty.csv": (empty, {"file_error": "empty-file"}),
    "no_id_column.csv": (no_id_column, {"file_error": "missing-id-column"}),
    "invisible_characters.csv": (
        invisible_characters,
        {
            "persona_column": True,
            "records": [
                {"id": "I01", "persona": "tokyo-wg-2025:dx-promoter"},
                {"id": "I02\ufeff", "persona": "tokyo-wg-2025:dx-promoter", "department": "総務課\u200b"},
            ],
            "errors": [(3, "id", "duplicate-id")],
        },
    ),
    "my_number_column.csv": (
        my_number_column,
        {
            "records": [
                {"id": "M001", "department": "総務課", "extra": {"氏名": "山田 太郎", "個人番号": "123456789018"}}
            ]
        },
    ),
    "my_number_only.csv": (my_number_only, {"file_error": "missing-id-column"}),
}


def make(folder: Path) -> dict[str, Path]:
    """Write every file of :data:`CASES` into ``folder``; returns name -> path."""
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for name, (build, _expected) in CASES.items():
        path = folder / name
        path.write_bytes(build())
        out[name] = path
    return out


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "files"
    for p in make(target).values():
        print(p)
