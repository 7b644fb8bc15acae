"""Collect returned self-check forms (and online-form exports) into one staff table.

Every person read ends up in ``records`` or, with every problem found, in ``errors``:
``people == len(records) + len(people_with_errors)``. A problem names the file, the sheet
and the cell (or the CSV row and column) and has a machine-readable ``code``:
``not-a-form``, ``catalog-version``, ``value-not-in-list``, ``not-a-number`` (and the staff reader's
other number codes: ``negative-number``, ``ambiguous-decimal-comma``…), ``not-a-whole-number``, ``no-id``,
``duplicate-person`` (answered differently in two files), ``unknown-question``, ``sheet-missing``
(a person in the form's index whose sheet was renamed or deleted), ``unknown-sheet`` (a sheet
the form did not make), and for an online-form export that cannot be read as text, the staff
reader's code (``wrong-encoding`` …).
Warnings leave nobody out: ``not-answered`` (sheets returned blank: every answer unknown) and
``duplicate-same-answers`` (one person filled in identically in two files). Which copy of a
person in several files counts: :mod:`skillframe.forms._merge`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from .._fingerprint import CatalogFingerprint, catalog_fingerprint
from ..errors import FormError, SkillframeError
from ._answers import CollectProblem, Person, answer, staff_columns, staff_row, text
from ._merge import merge_copies, not_answered
from ._questions import questions
from ._workbook import (
    ANSWER_COL,
    DEPT_CELL,
    FORMAT,
    ID_CELL,
    LABEL_COL,
    LISTS_SHEET,
    META_SHEET,
    NAME_CELL,
    _openpyxl,
)

if TYPE_CHECKING:
    from .._catalog import Catalog

__all__ = ["CollectProblem", "Collected", "collect", "staff_columns"]


@attrs.frozen
class Collected:
    """The merged staff rows (dicts with staff-file columns), the problems, the people counts,
    and the warnings (``not-answered``, ``duplicate-same-answers``: nothing left out)."""

    rows: tuple[dict[str, Any], ...]
    errors: tuple[CollectProblem, ...]
    people: int
    people_with_errors: tuple[str, ...]
    warnings: tuple[CollectProblem, ...] = ()


def _files(inputs: Iterable[str | Path]) -> list[Path]:
    out: list[Path] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            out.extend(
                sorted(f for f in p.iterdir() if f.suffix.lower() in (".xlsx", ".csv") and not f.name.startswith("~$"))
            )
        else:
            out.append(p)
    return out


def _read_workbook(
    path: Path, catalog: Catalog, current: CatalogFingerprint
) -> tuple[list[Person], list[CollectProblem]]:
    openpyxl = _openpyxl()
    name = path.name
    try:
        wb = openpyxl.load_workbook(path, data_only=True, read_only=False)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a broken file: one problem
        return [], [CollectProblem(name, "-", "not-a-form", "ファイルを開けません", f"cannot open the file: {exc}")]
    try:
        if META_SHEET not in wb.sheetnames or wb[META_SHEET]["B1"].value != FORMAT:
            return [], [
                CollectProblem(
                    name,
                    "-",
                    "not-a-form",
                    "skillframe の自己チェック票ではありません",
                    "not a skillframe self-check form",
                )
            ]
        meta = wb[META_SHEET]
        digest = text(meta["B2"].value)
        if digest != current.digest:
            try:
                versions = json.loads(text(meta["B3"].value))
            except ValueError:
                versions = {}
            theirs = CatalogFingerprint(digest=digest, versions=versions)
            return [], [
                CollectProblem(
                    name,
                    f"{META_SHEET}!B2",
                    "catalog-version",
                    f"別の版のカタログで作成された票です（票: {theirs.describe()}、現在: {current.describe()}）",
                    f"made from another catalog version (form: {theirs.describe()}; current: {current.describe()})",
                )
            ]
        people: list[Person] = []
        indexed: set[str] = set()
        for row in meta.iter_rows(min_row=7, values_only=True):
            if not row or not row[0]:
                continue
            sheet, pid, sid, first, last = row[:5]
            indexed.add(str(sheet))
            if sheet not in wb.sheetnames:  # renamed or deleted in Excel: the person is an error, not dropped
                missing = Person(name, f"{META_SHEET}!A", text(sid) or None, None, str(pid))
                who = missing.id or str(sheet)
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
                people.append(missing)
                continue
            ws = wb[sheet]
            qs = {q.label: q for q in questions(catalog, str(pid))}
            person = Person(
                name,
                f"{sheet}!{ID_CELL}",
                text(ws[ID_CELL].value) or None,
                text(ws[DEPT_CELL].value) or None,
                str(pid),
                text(ws[NAME_CELL].value) or None,
            )
            if person.id is None:
                person.problems.append(
                    CollectProblem(name, f"{sheet}!{ID_CELL}", "no-id", "職員番号が空欄です", "the staff id is empty")
                )
            for r in range(int(first), int(last) + 1):
                label = text(ws[f"{LABEL_COL}{r}"].value)
                q = qs.get(label)
                if q is None:
                    person.problems.append(
                        CollectProblem(
                            name,
                            f"{sheet}!{LABEL_COL}{r}",
                            "unknown-question",
                            f"設問ID '{label}' が不明です",
                            f"unknown question '{label}'",
                            person.id,
                        )
                    )
                    continue
                answer(q, ws[f"{ANSWER_COL}{r}"].value, person, f"{sheet}!{ANSWER_COL}{r}")
            people.append(person)
        extra = [
            CollectProblem(
                name,
                f"'{title}'",
                "unknown-sheet",
                f"シート '{title}' は票の一覧にありません（名前を変えたシートは元の名前に戻してください）",
                f"the sheet '{title}' is not in the form's index (give a renamed sheet its original name back)",
            )
            for title in wb.sheetnames
            if title not in indexed and title not in (META_SHEET, LISTS_SHEET)
        ]
        return people, extra
    finally:
        wb.close()


def _read_csv(path: Path, catalog: Catalog) -> tuple[list[Person], list[CollectProblem]]:
    """An online-form export: one row per answer set, headers ending in ``[label]``."""
    from ..staff.files import _text_rows

    name = path.name
    try:  # the staff files' reader: CP932, UTF-8 (BOM or not), UTF-16 (Excel "Unicode text")
        numbered = [(n, cells) for n, cells in _text_rows(path, None)]
    except SkillframeError as exc:
        code = getattr(exc, "code", None) or "not-a-form"
        msg = str(exc).splitlines()[0]
        return [], [CollectProblem(name, "-", code, f"読めません: {msg}", f"cannot be read: {msg}")]
    if not numbered:
        return [], [CollectProblem(name, "-", "not-a-form", "空のファイルです", "empty file")]
    labels = [
        h[h.rfind("[") + 1 : -1] if h.rstrip().endswith("]") and "[" in h else ""
        for h in (c.strip() for c in numbered[0][1])
    ]
    if "id" not in labels or "persona" not in labels:
        return [], [
            CollectProblem(
                name,
                "row 1",
                "not-a-form",
                "[id] と [persona] の列がありません",
                "no [id] and [persona] columns: not an export of skillframe's questions",
            )
        ]
    people: list[Person] = []
    for n, row in numbered[1:]:
        if not any(c.strip() for c in row):  # a blank line is not a person
            continue
        cells = dict(zip(labels, row, strict=False))
        try:
            pid = catalog.persona(cells.get("persona", "")).id
        except LookupError:
            people.append(Person(name, f"row {n}", cells.get("id") or None, None, ""))
            people[-1].problems.append(
                CollectProblem(
                    name,
                    f"row {n}, persona",
                    "unknown-persona",
                    f"人材像 '{cells.get('persona')}' が不明です",
                    f"unknown persona '{cells.get('persona')}'",
                    cells.get("id"),
                )
            )
            continue
        qs = {q.label: q for q in questions(catalog, pid)}
        person = Person(
            name,
            f"row {n}",
            cells.get("id", "").strip() or None,
            cells.get("department", "").strip() or None,
            pid,
            cells.get("name", "").strip() or None,
        )
        if person.id is None:
            person.problems.append(
                CollectProblem(name, f"row {n}, id", "no-id", "職員番号が空欄です", "the staff id is empty")
            )
        for col, (label, raw) in enumerate(zip(labels, row, strict=False), start=1):
            if label in ("id", "persona", "department", "name", ""):
                continue
            q = qs.get(label)
            if q is None:
                if raw.strip():
                    person.problems.append(
                        CollectProblem(
                            name,
                            f"row {n}, column {col}",
                            "unknown-question",
                            f"設問 '{label}' はこの人材像・カタログ版にありません",
                            f"question '{label}' is not in this persona / catalog version",
                            person.id,
                        )
                    )
                continue
            answer(q, raw, person, f"row {n}, column {col} [{label}]")
        people.append(person)
    return people, []


def collect(inputs: str | Path | Sequence[str | Path], catalog: Catalog) -> Collected:
    """Merge returned forms (``.xlsx``) and online-form exports (``.csv``) into staff rows.

    ``inputs``: files and/or folders. A person whose answers have any problem is left out of
    ``rows`` and named in ``people_with_errors``. A person in several files is taken from the
    one where the sheet is filled (a sheet returned as the form left it gives way); filled in
    two files with the same answers is one person (warning ``duplicate-same-answers``),
    filled differently is the error ``duplicate-person`` naming the files. A person whose
    sheet is blank everywhere is a row with every answer unknown (warning ``not-answered``).
    """
    items = [inputs] if isinstance(inputs, (str, Path)) else list(inputs)
    files = _files(items)
    if not files:
        raise FormError("no-input", "集めるファイルがありません", "no files to collect")
    current = catalog_fingerprint(catalog)
    people: list[Person] = []
    errors: list[CollectProblem] = []
    for f in files:
        if f.suffix.lower() == ".csv":
            got, problems = _read_csv(f, catalog)
        else:
            got, problems = _read_workbook(f, catalog, current)
        people.extend(got)
        errors.extend(problems)
    people, warnings, n_people = merge_copies(people)  # one person in several files: which copy counts
    rows: list[dict[str, Any]] = []
    bad: list[str] = []
    seen_bad: set[str] = set()
    for p in people:
        if p.problems:
            errors.extend(p.problems)
            key = p.id or f"{p.file} {p.where}"
            if key not in seen_bad:
                seen_bad.add(key)
                bad.append(key)
        else:
            rows.append(staff_row(p))
    warnings += not_answered(people)
    return Collected(
        rows=tuple(rows),
        errors=tuple(errors),
        people=n_people,
        people_with_errors=tuple(bad),
        warnings=tuple(warnings),
    )
