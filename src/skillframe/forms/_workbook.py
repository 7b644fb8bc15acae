"""The self-check workbook (openpyxl): one protected sheet per person, drop-down answers,
A4 print setup, and a hidden sheet saying which catalog the form was made from."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .._cells import put_text, xml_safe
from .._fingerprint import catalog_fingerprint
from .._version import __version__
from ..errors import FormError, MissingDependencyError
from ..staff.columns import NAME_COLUMNS, is_name_column
from ._questions import Question, questions
from ._roster import Roster, roster_records

if TYPE_CHECKING:
    from .._catalog import Catalog
    from ..staff import StaffRecord

__all__ = ["FORMAT", "META_SHEET", "NAME_COLUMNS", "NAME_HEADER", "build_form", "form_bytes", "staff_name"]

FORMAT = "skillframe-form/1"
META_SHEET = "_skillframe"
LISTS_SHEET = "_lists"
#: Where things are on a person's sheet (collect reads the same places).
ID_CELL, DEPT_CELL, PERSONA_CELL, NAME_CELL = "C3", "C4", "C5", "C6"
NAME_HEADER = "氏名"
FIRST_ROW = 14
LABEL_COL, TEXT_COL, ANSWER_COL = "B", "C", "F"  # question id, its text (項目), answer

INSTRUCTIONS = (
    "記入方法",
    "1. 職員番号・所属・氏名を確認してください（空欄の場合は記入してください）。",
    "2. 「回答」列（黄色のセル）だけに入力できます。セルを選ぶと選択肢が表示されます。",
    "3. 研修受講: 受講済／未受講。DSMレベル: Lv.0〜3 のうち当てはまるもの。"
    "チェックリスト: 経験があれば ○、なければ空欄。",
    "4. 経験年数・件数は数値で入力してください（例: 1.5）。"
    "分からない項目は空欄のままにしてください（不明として扱います）。",
    "5. 記入後、このファイルを保存して人事担当（DX推進担当）へ返送してください。"
    "シート名や設問IDは変更しないでください。",
)


def _openpyxl() -> Any:  # the form needs openpyxl itself: data validation, protection, print setup
    try:
        import openpyxl
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise MissingDependencyError("openpyxl", "xlsx") from exc
    return openpyxl


_BAD_SHEET = re.compile(r"[\[\]:*?/\\]")


def _sheet_name(text: str, used: set[str]) -> str:
    base = _BAD_SHEET.sub("_", text).strip("'").lstrip("=+-@") or "sheet"  # no formula-like sheet names
    base = base[:28]
    name, n = base, 2
    while name.lower() in used or name in (META_SHEET, LISTS_SHEET):
        name = f"{base[:25]}({n})"
        n += 1
    used.add(name.lower())
    return name


def staff_name(record: StaffRecord) -> str | None:
    """The person's name from the roster's extra columns (``氏名``, ``名前``, ``name``…), or ``None``."""
    for column, value in record.extra.items():
        if is_name_column(column) and str(value).strip():
            return str(value).strip()
    return None


def build_form(
    catalog: Catalog,
    *,
    persona: Any = None,
    roster: Roster | None = None,
) -> Any:
    """The workbook (an ``openpyxl.Workbook``): a blank sheet for ``persona``, or one per roster person.

    ``roster``: a staff file (read by :func:`~skillframe.forms.read_roster`: only the columns the
    form uses must be right), a :class:`~skillframe.StaffTable` or records. Raises
    :class:`~skillframe.FormError`: ``roster-errors`` (every problem, with its row), ``form-input``.
    """
    openpyxl = _openpyxl()
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
    from openpyxl.worksheet.datavalidation import DataValidation

    if (persona is None) == (roster is None):
        raise FormError(
            "form-input", "--persona か --roster のどちらかを指定してください", "give either a persona or a roster"
        )
    people: list[tuple[str | None, str | None, str | None, str]] = []
    if roster is not None:
        for r in roster_records(catalog, roster):
            people.append((r.id, staff_name(r), r.department, catalog.persona(str(r.persona)).id))
    else:
        people.append((None, None, None, catalog.persona(str(getattr(persona, "id", persona))).id))

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    lists = wb.create_sheet(LISTS_SHEET)
    meta = wb.create_sheet(META_SHEET)
    list_ranges: dict[tuple[str, ...], str] = {}

    def list_range(choices: tuple[str, ...]) -> str:
        if choices not in list_ranges:
            col = openpyxl.utils.get_column_letter(len(list_ranges) + 1)
            for i, c in enumerate(choices, start=1):
                put_text(lists[f"{col}{i}"], xml_safe(c))
            list_ranges[choices] = f"'{LISTS_SHEET}'!${col}$1:${col}${len(choices)}"
        return list_ranges[choices]

    fp = catalog_fingerprint(catalog)
    meta_rows: list[list[Any]] = [
        ["format", FORMAT],
        ["catalog_digest", fp.digest],
        ["catalog_versions", json.dumps(fp.versions, ensure_ascii=False, sort_keys=True)],
        ["skillframe_version", __version__],
        ["created", dt.date.today().isoformat()],
        ["sheet", "persona", "staff id", "first row", "last row"],
    ]
    thin = Side(style="thin", color="999999")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    fill = PatternFill("solid", fgColor="FFF2CC")
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    unlocked = Protection(locked=False)
    used: set[str] = set()
    qcache: dict[str, list[Question]] = {}
    for staff_id, staff_nm, dept, pid in people:
        p = catalog.persona(pid)
        qs = qcache.setdefault(pid, questions(catalog, pid))
        ws = wb.create_sheet(_sheet_name(staff_id or p.label, used), index=len(wb.sheetnames) - 2)
        ws["A1"] = "デジタルスキル自己チェック票 / Digital skill self-check"
        ws["A1"].font = Font(bold=True, size=14)
        for row, (label, value, cell) in enumerate(
            [
                ("職員番号", staff_id, ID_CELL),
                ("所属", dept, DEPT_CELL),
                ("人材像", p.label, PERSONA_CELL),
                (NAME_HEADER, staff_nm, NAME_CELL),
            ],
            start=3,
        ):
            ws[f"A{row}"] = label
            ws[f"A{row}"].font = bold
            if value is not None:  # as written: a string cell, formula-like text quote-prefixed (never a ')
                put_text(ws[cell], xml_safe(value))
            ws[cell].border = box
            if cell != PERSONA_CELL and value is None:
                ws[cell].protection = unlocked
                ws[cell].fill = fill
        for i, line in enumerate(INSTRUCTIONS, start=7):
            ws[f"A{i}"] = line
            ws.merge_cells(f"A{i}:F{i}")
            ws[f"A{i}"].alignment = Alignment(wrap_text=True)
        ws["A7"].font = bold
        headers = ["区分", "設問ID", "項目", "定義・レベルの説明", "研修", "回答"]
        for col, h in enumerate(headers, start=1):
            c = ws.cell(row=FIRST_ROW - 1, column=col, value=h)
            c.font = bold
            c.border = box
        validations: dict[Any, Any] = {}
        for i, q in enumerate(qs):
            row = FIRST_ROW + i
            for col, v in enumerate([q.section, q.label, q.text, q.detail, q.training], start=1):
                c = ws.cell(row=row, column=col)
                put_text(c, xml_safe(v))
                c.alignment = wrap
                c.border = box
            answer = ws[f"{ANSWER_COL}{row}"]
            answer.protection = unlocked
            answer.fill = fill
            answer.border = box
            key: Any = q.choices if q.kind == "choice" else q.kind
            dv = validations.get(key)
            if dv is None:
                if q.kind == "choice":
                    dv = DataValidation(type="list", formula1=list_range(q.choices), allow_blank=True)
                    dv.error = "一覧から選んでください / choose from the list"
                elif q.kind == "decimal":
                    dv = DataValidation(
                        type="decimal", operator="between", formula1="0", formula2="60", allow_blank=True
                    )
                    dv.error = "0〜60 の数値を入力してください / a number from 0 to 60"
                else:
                    dv = DataValidation(
                        type="whole", operator="between", formula1="0", formula2="999", allow_blank=True
                    )
                    dv.error = "0 以上の整数を入力してください / a whole number, 0 or more"
                dv.errorTitle = "入力エラー / invalid entry"
                dv.showErrorMessage = True
                ws.add_data_validation(dv)
                validations[key] = dv
            dv.add(answer)
        last = FIRST_ROW + len(qs) - 1
        for letter, width in zip("ABCDEF", (16, 30, 26, 60, 24, 26), strict=True):
            ws.column_dimensions[letter].width = width
        ws.protection.sheet = True  # no password: protection guides input, it is not security
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.orientation = "landscape"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_title_rows = f"{FIRST_ROW - 1}:{FIRST_ROW - 1}"
        ws.print_area = f"A1:F{last}"
        meta_rows.append([ws.title, pid, staff_id or "", FIRST_ROW, last])
    for meta_r, meta_row in enumerate(meta_rows, start=1):
        for c, value in enumerate(meta_row, start=1):
            cell = meta.cell(row=meta_r, column=c)
            if isinstance(value, str):  # the index holds ids as written: a string cell, never a formula
                put_text(cell, xml_safe(value))
            else:
                cell.value = value
    lists.sheet_state = "hidden"
    meta.sheet_state = "hidden"
    meta.protection.sheet = True
    lists.protection.sheet = True
    wb.active = 0
    return wb


def form_bytes(catalog: Catalog, *, persona: Any = None, roster: Roster | None = None) -> bytes:
    """The workbook as ``.xlsx`` bytes (arguments as :func:`build_form`)."""
    buf = io.BytesIO()
    build_form(catalog, persona=persona, roster=roster).save(buf)
    return buf.getvalue()


def question_rows(catalog: Catalog, persona: Any) -> tuple[Sequence[str], list[list[str]]]:
    """``--format questions``: one row per question (label, section, text, type, choices)."""
    rows = [[q.label, q.section, q.text, q.kind, " | ".join(q.choices)] for q in questions(catalog, persona)]
    return ["label", "section", "question", "type", "choices"], rows
