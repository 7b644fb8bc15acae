"""One returned workbook read: its hidden index, each person's sheet checked against the
questions it was made with, and every cell read as Excel shows it.

- A cell is read as Excel shows it (:func:`skillframe.staff.xlsx.shown`: a date typed into a
  number cell is ``2026/1/2``, as on screen); a formula with no saved value (the file was
  saved by a program, never opened in Excel) is the staff reader's ``formula-without-value``.
- The index (``_skillframe``, row 7 on: sheet, persona, id, first and last question row) is
  checked row by row: a row that cannot be used (a cell cleared, an unknown persona) is the
  error ``form-index-damaged`` of that sheet's person; the other sheets are read.
- A sheet whose question rows are not as the form made them (a row inserted or deleted,
  label cells merged) is one ``rows-changed`` error saying what happened; answer cells merged
  together are a ``merged-cells`` error naming the range (the covered answers are lost).
- A form made under another catalog digest is read when the questions the current catalog
  still asks mean the same (warning ``catalog-changed``); a question it no longer asks is not
  read, its answer unknown (warning ``question-gone`` naming the answer cell), and a sheet none
  of whose questions is left is its person's ``catalog-version`` error. Else the form is refused
  whole (``catalog-version``: a persona gone, a question's choices changed, or no question left;
  :mod:`skillframe.forms._form_catalog`), its people counted from the index as not collected
  (:attr:`~skillframe.forms._answers.Person.refused`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from .._fingerprint import CatalogFingerprint
from ..errors import StaffDataError
from ..staff.values import FormulaWithoutValue, cell_error, id_key
from ..staff.xlsx import check_zip, ole_error, shown
from ._answers import CollectProblem, Person, answer, file_problem, text, unquote
from ._form_catalog import FormChange, catalog_problem, compare_form, emptied_problem, gone_warning, listed
from ._questions import Question, questions
from ._workbook import (
    ANSWER_COL,
    DEPT_CELL,
    FIRST_ROW,
    FORMAT,
    ID_CELL,
    LABEL_COL,
    LISTS_SHEET,
    META_SHEET,
    NAME_CELL,
    TEXT_COL,
    _openpyxl,
)

if TYPE_CHECKING:
    from .._catalog import Catalog
    from .._fingerprint import CatalogFingerprint as Fingerprint

__all__ = ["FormRead", "read_form"]

#: A formula element in a worksheet's XML (``<f>``, ``<f t="shared" …/>``, ``<x:f>``).
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")


@attrs.define
class FormRead:
    """What one workbook gave: its people, the problems of the file, the date the form was
    made (``created``, ``None`` when unreadable), its warnings (``catalog-changed``,
    ``question-gone``), and ``unread``: the file's people could not even be counted (not a
    form, a damaged file)."""

    people: list[Person] = attrs.field(factory=list)
    problems: list[CollectProblem] = attrs.field(factory=list)
    warnings: list[CollectProblem] = attrs.field(factory=list)
    created: dt.date | None = None
    unread: bool = False


def _has_formulas(path: Path) -> bool:
    """Whether any worksheet of the workbook holds a formula (a form made by skillframe has none)."""
    with zipfile.ZipFile(path) as zf:
        for info in zf.infolist():
            if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                with zf.open(info) as fh:
                    if _FORMULA_TAG.search(fh.read()):
                        return True
    return False


class _Cells:
    """A sheet's cells as Excel shows them; a formula without a saved value as such."""

    def __init__(self, ws: Any, formulas: Any) -> None:
        self.ws = ws
        self.formulas = formulas

    def __call__(self, ref: str) -> Any:
        cell = self.ws[ref]
        value = cell.value
        if value is None and self.formulas is not None:
            f = self.formulas[ref].value
            f = getattr(f, "text", f)  # an array formula
            if isinstance(f, str) and f.startswith("="):
                return FormulaWithoutValue(f[1:])
        return shown(value, cell.number_format)


def _open(path: Path, name: str) -> tuple[Any, Any, CollectProblem | None]:
    """The workbook (values), its formulas (``None`` when it has none), or the problem."""
    openpyxl = _openpyxl()
    try:
        with path.open("rb") as fh:
            ole = fh.read(8) == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        if ole:  # a password-protected workbook or an Excel 97-2003 file named .xlsx
            raise ole_error(path)
        check_zip(path)  # damaged, a zip bomb: the staff reader's checks and codes
        wb = openpyxl.load_workbook(path, data_only=True)
        formulas = openpyxl.load_workbook(path, data_only=False) if _has_formulas(path) else None
    except StaffDataError as exc:
        return None, None, file_problem(name, exc)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a broken file: one problem
        return (
            None,
            None,
            CollectProblem(name, "-", "not-a-form", "ファイルを開けません", f"cannot open the file: {exc}"),
        )
    return wb, formulas, None


def _created(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        return None


def read_form(path: Path, name: str, catalog: Catalog, current: Fingerprint) -> FormRead:
    """Read one returned workbook (``name``: how messages name it)."""
    wb, formulas, problem = _open(path, name)
    if problem is not None:
        return FormRead(problems=[problem], unread=True)
    try:
        meta = wb[META_SHEET] if META_SHEET in wb.sheetnames else None
        if not hasattr(meta, "cell") or meta["B1"].value != FORMAT:  # type: ignore[index]
            return FormRead(
                problems=[
                    CollectProblem(
                        name,
                        "-",
                        "not-a-form",
                        "skillframe の自己チェック票ではありません",
                        "not a skillframe self-check form",
                    )
                ],
                unread=True,
            )
        return _Reader(wb, formulas, name, catalog).read(current)
    finally:
        wb.close()
        if formulas is not None:
            formulas.close()


class _Reader:
    def __init__(self, wb: Any, formulas: Any, name: str, catalog: Catalog) -> None:
        self.wb, self.formulas, self.name, self.catalog = wb, formulas, name, catalog
        self.meta = wb[META_SHEET]
        self.qcache: dict[str, list[Question]] = {}
        #: sheet -> its question ids, for a form made under another catalog that asks the same
        self.form_labels: dict[str, frozenset[str]] | None = None
        #: sheet -> its question ids the current catalog no longer asks (not read: unknown)
        self.gone: dict[str, set[str]] = {}
        #: the sheets none of whose questions the current catalog asks (their person's error)
        self.emptied: frozenset[str] = frozenset()
        self.warnings: list[CollectProblem] = []

    def cells(self, sheet: str) -> _Cells:
        return _Cells(self.wb[sheet], None if self.formulas is None else self.formulas[sheet])

    def read(self, current: CatalogFingerprint) -> FormRead:
        name, meta = self.name, self.meta
        out = FormRead(created=_created(meta["B5"].value))
        index = [
            (r, row)
            for r, row in enumerate(meta.iter_rows(min_row=7, values_only=True), start=7)
            if any(text(v) for v in row[:5])
        ]
        digest = text(meta["B2"].value)
        if digest != current.digest:
            change = compare_form(self.wb, (row for _r, row in index), self.catalog, self.cells)
            if change.refused:
                out.problems.append(self.catalog_changed(current, change))
                out.people = [self.refused(row) for _r, row in index]
                out.unread = not out.people
                return out
            out.warnings.append(self.catalog_changed(current, change))
            self.form_labels = change.labels
            for sheet, _row, label in change.gone:
                self.gone.setdefault(sheet, set()).add(label)
            self.emptied = change.emptied
        indexed: set[str] = set()
        for r, row in index:
            indexed.add(text(row[0]))
            out.people.append(self.person(r, row))
        out.warnings.extend(self.warnings)
        out.problems.extend(
            CollectProblem(
                name,
                f"'{title}'",
                "unknown-sheet",
                f"シート '{title}' は票の一覧にありません（名前を変えたシートは元の名前に戻してください）",
                f"the sheet '{title}' is not in the form's index (give a renamed sheet its original name back)",
            )
            for title in self.wb.sheetnames
            if title not in indexed and title not in (META_SHEET, LISTS_SHEET)
        )
        return out

    def _sheet_id(self, sheet: str, indexed_id: Any) -> str | None:
        """The id of an index row: the sheet's id cell, else the index's (as written)."""
        if sheet in self.wb.sheetnames and hasattr(self.wb[sheet], "cell"):
            value = self.cells(sheet)(ID_CELL)
            if not isinstance(value, FormulaWithoutValue) and text(value):
                return unquote(text(value))
        return text(indexed_id) or None

    def catalog_changed(self, current: CatalogFingerprint, change: FormChange) -> CollectProblem:
        """The ``catalog-version`` error or the ``catalog-changed`` warning of a form made under another catalog."""
        try:
            versions = json.loads(text(self.meta["B3"].value))
        except ValueError:
            versions = {}
        theirs = CatalogFingerprint(
            digest=text(self.meta["B2"].value), versions=versions if isinstance(versions, dict) else {}
        )
        made_with = text(self.meta["B4"].value) or None  # None: the form does not say
        return catalog_problem(self.name, f"{META_SHEET}!B2", (theirs, made_with), current, change)

    def refused(self, row: tuple[Any, ...]) -> Person:
        sheet = text(row[0])
        sid = self._sheet_id(sheet, row[2] if len(row) > 2 else None)
        return Person(self.name, f"{sheet}!{ID_CELL}", sid, None, "", refused=True)

    def _damaged(self, r: int, sheet: str, sid: Any, ja: str, en: str) -> Person:
        person = Person(self.name, f"{sheet}!{ID_CELL}", self._sheet_id(sheet, sid), None, "")
        person.problems.append(
            CollectProblem(
                self.name,
                f"{META_SHEET}!A{r}:E{r}",
                "form-index-damaged",
                f"票の非表示の一覧（{META_SHEET} の {r} 行目）が壊れているため、シート '{sheet}' を読めません"
                f"（{ja}）: 元の票から作り直して回答を写してください",
                f"the form's hidden index ({META_SHEET} row {r}) is damaged, so sheet '{sheet}' cannot be read"
                f" ({en}): make the form again and copy the answers into it",
                person.id,
            )
        )
        return person

    def person(self, r: int, row: tuple[Any, ...]) -> Person:
        name = self.name
        sheet, pid, sid, first, last = (tuple(row) + (None,) * 5)[:5]
        sheet = text(sheet)
        if not sheet:
            return self._damaged(r, sheet, sid, "シート名が空欄です", "the sheet name is empty")
        if sheet not in self.wb.sheetnames:  # renamed or deleted in Excel: the person is an error, not dropped
            missing = Person(name, f"{META_SHEET}!A{r}", text(sid) or None, None, text(pid))
            who = missing.id or sheet
            missing.problems.append(
                CollectProblem(
                    name,
                    f"'{sheet}'",
                    "sheet-missing",
                    f"職員 '{who}' のシート '{sheet}' がありません（名前を変えたか削除しましたか?）",
                    f"the sheet '{sheet}' of staff '{who}' is missing (renamed or deleted?)",
                    missing.id,
                )
            )
            return missing
        if sheet in (META_SHEET, LISTS_SHEET) or not hasattr(self.wb[sheet], "cell"):
            return self._damaged(r, sheet, sid, "票のシートではありません", "not a person's sheet")
        try:
            persona = self.catalog.persona(text(pid)).id
        except LookupError:
            return self._damaged(r, sheet, sid, f"人材像 '{text(pid)}' が不明です", f"unknown persona '{text(pid)}'")
        if not (isinstance(first, int) and isinstance(last, int) and FIRST_ROW <= first <= last):
            return self._damaged(
                r,
                sheet,
                sid,
                "設問の最初と最後の行が空欄か数値でありません",
                "the first or last question row is not a row",
            )
        cells = self.cells(sheet)
        person = Person(name, f"{sheet}!{ID_CELL}", None, None, persona)
        self._who(person, sheet, cells, sid)
        qs = self.qcache.setdefault(persona, questions(self.catalog, persona))
        person.asked = tuple(q.label for q in qs)
        gone = self.gone.get(sheet, set())
        if sheet in self.emptied:
            person.answered = True
            where = f"{sheet}!{LABEL_COL}{first}:{LABEL_COL}{last}"
            person.problems.append(emptied_problem(name, where, person.id, sheet, sorted(gone)))
            return person
        on_form = qs if self.form_labels is None else [q for q in qs if q.label in self.form_labels.get(sheet, ())]
        expected = [q.label for q in on_form] + sorted(gone)
        changed = self._rows_changed(person, sheet, cells, (first, last), expected)
        merged = self._merged_answers(person, sheet, first, last)
        if changed:
            person.answered = True
            return person
        by_label = {q.label: q for q in qs}
        for row_n in range(first, last + 1):
            if f"{ANSWER_COL}{row_n}" in merged:
                person.answered = True
                continue
            label = unquote(text(cells(f"{LABEL_COL}{row_n}")))
            if label in gone:
                self._gone(person, sheet, row_n, label, cells)
                continue
            answer(by_label[label], cells(f"{ANSWER_COL}{row_n}"), person, f"{sheet}!{ANSWER_COL}{row_n}")
        return person

    def _gone(self, person: Person, sheet: str, row_n: int, label: str, cells: _Cells) -> None:
        """A question the current catalog no longer asks: not read (unknown), one ``question-gone`` warning."""
        written = text(cells(f"{ANSWER_COL}{row_n}"))
        if written:
            person.answered = True  # the sheet was filled in: not returned as the form left it
        shown_text = unquote(text(cells(f"{TEXT_COL}{row_n}")))
        where = f"{sheet}!{ANSWER_COL}{row_n}"
        self.warnings.append(gone_warning(self.name, where, person.id, (label, shown_text), written))

    def _who(self, person: Person, sheet: str, cells: _Cells, indexed_id: Any) -> None:
        """The id, 課 and name cells: as written, a formula without value an error."""
        got: dict[str, str | None] = {}
        for ref in (ID_CELL, DEPT_CELL, NAME_CELL):
            value = cells(ref)
            bad = cell_error(value)
            if bad is not None:
                got[ref] = None
                person.problems.append(CollectProblem(self.name, f"{sheet}!{ref}", bad.code, bad.ja, bad.en))
                continue
            got[ref] = unquote(text(value)) or None
        person.id, person.department, person.name = got[ID_CELL], got[DEPT_CELL], got[NAME_CELL]
        if person.id is None and not person.problems:
            person.problems.append(
                CollectProblem(self.name, f"{sheet}!{ID_CELL}", "no-id", "職員番号が空欄です", "the staff id is empty")
            )
        made = text(indexed_id) or None
        if person.id is None:  # counted (and merged) as the person the index names
            person.id = made
        elif made is not None and id_key(person.id) != id_key(made):  # a blank form's id is the person's
            person.problems.append(
                CollectProblem(
                    self.name,
                    f"{sheet}!{ID_CELL}",
                    "id-changed",
                    f"職員番号が票を作ったときの '{made}' から '{person.id}' に変わっています:"
                    f" シート '{sheet}' は '{made}' の票です",
                    f"the staff id was changed from '{made}' (as the form was made) to '{person.id}':"
                    f" sheet '{sheet}' is the form of '{made}'",
                )
            )
            person.id = made
        for i, p in enumerate(person.problems):
            person.problems[i] = attrs.evolve(p, person=person.id)

    def _rows_changed(
        self, person: Person, sheet: str, cells: _Cells, span: tuple[int, int], expected: list[str]
    ) -> bool:
        """One ``rows-changed`` problem when the question rows are not as the form made them
        (``expected``: the question ids the sheet was made with)."""
        first, last = span
        known = set(expected)
        at: dict[str, list[int]] = {}
        for r in range(first, last + 1):
            at.setdefault(unquote(text(cells(f"{LABEL_COL}{r}"))), []).append(r)
        if len(expected) == last - first + 1 and all(len(at.get(label, ())) == 1 for label in expected):
            return False
        ws = self.wb[sheet]
        ja: list[str] = []
        en: list[str] = []
        merges = [
            str(m)
            for m in ws.merged_cells.ranges
            if m.min_col <= 2 <= m.max_col and m.min_row <= last and m.max_row >= first
        ]
        if merges:
            ja.append(f"設問IDのセルが結合されています: {listed(merges, True)}")
            en.append(f"question id cells are merged: {listed(merges, False)}")
        missing = [label for label in expected if label not in at]
        moved: dict[str, int] = {}
        if missing:
            for r in [*range(FIRST_ROW, first), *range(last + 1, ws.max_row + 1)]:
                label = unquote(text(cells(f"{LABEL_COL}{r}")))
                if label in missing and label not in moved:
                    moved[label] = r
        if moved:
            shift = [f"{label} → {LABEL_COL}{r}" for label, r in moved.items()]
            ja.append(f"行が挿入されて設問が回答欄の外に移りました: {listed(shift, True)}")
            en.append(f"rows were inserted and questions moved out of the answer area: {listed(shift, False)}")
        lost = [label for label in missing if label not in moved]
        if lost:
            ja.append(f"見つからない設問（行が削除されましたか?）: {listed(lost, True)}")
            en.append(f"questions not found (rows deleted?): {listed(lost, False)}")
        blank = [f"{r}" for r in at.get("", [])]
        if blank:
            ja.append(f"設問IDのない行: {listed(blank, True)}")
            en.append(f"rows with no question id: {listed(blank, False)}")
        odd = [f"{LABEL_COL}{rows[0]} '{label}'" for label, rows in at.items() if label and label not in known]
        if odd:
            ja.append(f"この票の設問ではない設問ID: {listed(odd, True)}")
            en.append(f"not a question of this form: {listed(odd, False)}")
        twice = [
            f"{label} ({', '.join(f'{LABEL_COL}{r}' for r in rows)})"
            for label, rows in at.items()
            if label in known and len(rows) > 1
        ]
        if twice:
            ja.append(f"同じ設問が複数の行にあります: {listed(twice, True)}")
            en.append(f"a question on several rows: {listed(twice, False)}")
        person.problems.append(
            CollectProblem(
                self.name,
                f"{sheet}!{LABEL_COL}{first}:{LABEL_COL}{last}",
                "rows-changed",
                f"シート '{sheet}' の設問の行が票を作ったときと変わっています（{'; '.join(ja)}）:"
                " 行の挿入・削除・セルの結合を元に戻すか、新しい票に回答を写してください",
                f"the question rows of sheet '{sheet}' are not as the form made them ({'; '.join(en)}):"
                " undo the inserted or deleted rows and merged cells, or copy the answers into a new form",
                person.id,
            )
        )
        return True

    def _merged_answers(self, person: Person, sheet: str, first: int, last: int) -> set[str]:
        """A ``merged-cells`` problem per merged range over answer cells; the cells it covers."""
        covered: set[str] = set()
        col = ord(ANSWER_COL) - 64
        for m in self.wb[sheet].merged_cells.ranges:
            if not (m.min_col <= col <= m.max_col and m.min_row <= last and m.max_row >= first):
                continue
            covered.update(f"{ANSWER_COL}{r}" for r in range(max(m.min_row, first), min(m.max_row, last) + 1))
            person.problems.append(
                CollectProblem(
                    self.name,
                    f"{sheet}!{m}",
                    "merged-cells",
                    f"回答欄のセル {m} が結合されています（結合したセルの回答は読めません）:"
                    " 結合を解除して、設問ごとに回答してください",
                    f"the answer cells {m} are merged (the answers they cover are lost):"
                    " unmerge them and answer each question",
                    person.id,
                )
            )
        return covered
