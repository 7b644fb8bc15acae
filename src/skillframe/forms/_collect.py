"""Collect returned self-check forms (and online-form exports) into one staff table.

Every person read ends up in ``rows`` or, with every problem found, in ``errors``:
``people == len(rows) + len(people_with_errors)``, the people of a refused file included
(counted from the form's index, or the export's rows). A file whose people cannot even be
counted (not a form, damaged, not read: ``.xls``, ``.ods``) is an error of its own and is
named in ``files_not_read``. A problem names the file, the sheet and the cell (or the CSV
row and column) and has a machine-readable ``code``:

- the file: ``unsupported-file`` (not read: save as .xlsx; :mod:`skillframe.forms._files`),
  ``not-a-form``, the staff reader's file codes (``xlsx-damaged``, ``xlsx-legacy-xls``,
  ``wrong-encoding`` …), ``catalog-version`` (a form of another catalog version whose persona
  is gone, whose question's choices changed, or none of whose questions is left),
  ``duplicate-column`` (an export), ``unknown-sheet`` (a sheet the form did not make);
- a sheet: ``catalog-version`` (none of its questions left), ``sheet-missing`` (renamed or
  deleted), ``form-index-damaged``, ``rows-changed`` (question rows inserted, deleted or
  merged), ``merged-cells`` (answer cells merged), ``no-id``, ``id-changed``;
- an answer: ``value-not-in-list``, ``not-a-number`` (and the staff reader's other number codes:
  ``negative-number``, ``ambiguous-decimal-comma``…), ``not-a-whole-number``,
  ``formula-without-value``, ``unknown-question``, ``more-cells-than-header`` (an export row);
- a person in several files: ``duplicate-person`` (answered differently).

Warnings leave nobody out: ``not-answered`` (sheets returned blank: every answer unknown),
``duplicate-same-answers`` (one person filled in identically in two files), ``old-form``
(a form made more than a year ago, or in an earlier 年度 than the newest form collected with
it), ``catalog-changed`` (a form of another catalog digest whose questions still asked mean the
same), ``question-gone`` (a question on such a form that the current catalog no longer asks:
its answer cell, not read, unknown) and ``trainings-partly-answered`` (trainings written
unknown: :mod:`skillframe.forms._trainings`).
Which copy of a person in several files counts: :mod:`skillframe.forms._merge`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from .._fingerprint import catalog_fingerprint
from ..errors import FormError
from ..staff.values import id_key
from ._answers import CollectProblem, Person, staff_columns, staff_row
from ._files import input_files, unsupported
from ._merge import merge_copies, not_answered
from ._read_export import read_export
from ._read_form import FormRead, read_form
from ._trainings import partly_answered

if TYPE_CHECKING:
    from .._catalog import Catalog

__all__ = ["OLD_FORM_DAYS", "CollectProblem", "Collected", "collect", "staff_columns"]

#: A form made more than this many days before it is collected is warned about (``old-form``).
OLD_FORM_DAYS = 365


@attrs.frozen
class Collected:
    """The merged staff rows (dicts with staff-file columns), the problems, the people counts
    (``people == len(rows) + len(people_with_errors)``; each id shown as its file writes it),
    the warnings (``not-answered``, ``duplicate-same-answers``, ``old-form``: nothing left
    out), the files whose people could not be counted (``files_not_read``), and the ids of the
    people written whose form was not answered at all (``not_answered``: every answer unknown)."""

    rows: tuple[dict[str, Any], ...]
    errors: tuple[CollectProblem, ...]
    people: int
    people_with_errors: tuple[str, ...]
    warnings: tuple[CollectProblem, ...] = ()
    files_not_read: tuple[str, ...] = ()
    not_answered: tuple[str, ...] = ()


def _fiscal_year(day: dt.date) -> int:
    return day.year if day.month >= 4 else day.year - 1


def old_forms(created: dict[str, dt.date], today: dt.date) -> list[CollectProblem]:
    """``old-form`` warnings: a form made more than :data:`OLD_FORM_DAYS` days before ``today``,
    or in an earlier 年度 (April–March) than the newest form collected with it.

    >>> d = dt.date
    >>> [w] = old_forms({"a.xlsx": d(2025, 12, 1), "b.xlsx": d(2026, 5, 1)}, d(2026, 6, 1))
    >>> w.file, w.code, w.en.split(", an")[0]
    ('a.xlsx', 'old-form', 'a form made on 2025-12-01, in FY2025')
    """
    if not created:
        return []
    newest = max(created.values())
    out: list[CollectProblem] = []
    for file, day in created.items():
        fy = _fiscal_year(day)
        if (today - day).days > OLD_FORM_DAYS:
            ja = f"{day.isoformat()} に作成された票です（1 年以上前）: 前年度の票ではありませんか"
            en = f"a form made on {day.isoformat()}, more than a year ago: last year's form?"
        elif fy < _fiscal_year(newest):
            ja = (
                f"{day.isoformat()}（{fy}年度）に作成された票です。ほかの票（{newest.isoformat()}、"
                f"{_fiscal_year(newest)}年度）より前の年度です: 前年度の票ではありませんか"
            )
            en = (
                f"a form made on {day.isoformat()}, in FY{fy}, an earlier year than the newest form collected"
                f" ({newest.isoformat()}, FY{_fiscal_year(newest)}): last year's form?"
            )
        else:
            continue
        out.append(CollectProblem(file, "_skillframe!B5", "old-form", ja, en))
    return out


def collect(inputs: str | Path | Sequence[str | Path], catalog: Catalog, *, encoding: str | None = None) -> Collected:
    """Merge returned forms (``.xlsx``, ``.xlsm``) and online-form exports (``.csv``) into staff rows.

    ``encoding``: of the exports (``None``: found from each file's bytes, as the staff reader does).

    ``inputs``: files and/or folders (with their subfolders; every other file is an
    ``unsupported-file`` error, Office's lock and temporary files and hidden files are left out:
    :mod:`skillframe.forms._files`). A person whose answers have any problem is left out of
    ``rows`` and named in ``people_with_errors``. A person in several files is taken from the
    one where the sheet is filled (a sheet returned as the form left it gives way); filled in
    two files with the same answers is one person (warning ``duplicate-same-answers``),
    filled differently is the error ``duplicate-person`` naming the files. A person whose
    sheet is blank everywhere is a row with every answer unknown (warning ``not-answered``).
    Raises :class:`~skillframe.FormError` ``no-input`` when there is no file, or an input
    does not exist.
    """
    items = [inputs] if isinstance(inputs, (str, Path)) else list(inputs)
    files = input_files(items)
    if not files:
        raise FormError("no-input", "集めるファイルがありません", "no files to collect")
    current = catalog_fingerprint(catalog)
    people: list[Person] = []
    errors: list[CollectProblem] = []
    unread: list[str] = []
    created: dict[str, dt.date] = {}
    read_warnings: list[CollectProblem] = []
    for f in files:
        if f.kind is None:
            got = FormRead(problems=[unsupported(f)], unread=True)
        elif f.kind == "csv":
            got = read_export(f.path, f.name, catalog, encoding)
        else:
            got = read_form(f.path, f.name, catalog, current)
        people.extend(got.people)
        errors.extend(got.problems)
        read_warnings.extend(got.warnings)
        if got.unread:
            unread.append(f.name)
        if got.created is not None:
            created[f.name] = got.created
    people, warnings, n_people = merge_copies(people)  # one person in several files: which copy counts
    rows: list[dict[str, Any]] = []
    blank: list[str] = []
    bad: list[str] = []
    written: list[Person] = []
    seen_bad: set[object] = set()
    for p in people:
        if p.problems or p.refused:
            errors.extend(p.problems)  # a refused person's file has said why, once
            key: object = id_key(p.id) if p.id else id(p)  # Ｘ１ and X1 are one person
            if key not in seen_bad:
                seen_bad.add(key)
                bad.append(p.id or f"{p.file} {p.where}")
        else:
            rows.append(staff_row(p))
            written.append(p)
            if p.blank and p.id:
                blank.append(p.id)
    warnings = read_warnings + warnings + not_answered(people)
    warnings += partly_answered(written)
    warnings += old_forms(created, dt.date.today())
    return Collected(
        rows=tuple(rows),
        errors=tuple(errors),
        people=n_people,
        people_with_errors=tuple(bad),
        warnings=tuple(warnings),
        files_not_read=tuple(unread),
        not_answered=tuple(blank),
    )
