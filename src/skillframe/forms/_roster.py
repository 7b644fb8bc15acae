"""The roster of the self-check forms: a staff file read for what the form needs.

A form needs each person's id, name, 課 (``department``) and persona, nothing else.
:func:`read_roster` reads those columns (``id``, ``persona``, ``department`` and the name
columns: ``氏名``, ``名前``, ``name``…) as the staff reader reads them, and every other
column only to warn: an unknown training or a number written ``半年`` in the roster does not
stop the forms; it is a warning naming its row and column (with the staff reader's code,
``unknown-training``, ``not-a-number``…). Every problem in a column the form needs is an
error, all of them at once, each with its row: a missing or duplicate id, an unknown persona,
and a person without a persona (``missing-persona``).

>>> import pathlib, tempfile, skillframe
>>> p = pathlib.Path(tempfile.mkdtemp()) / "名簿.csv"
>>> _ = p.write_text("職員番号,人材像,所属,受講研修\\nA1,DX推進員,総務課,BPR研習\\nA2,,税務課,\\n", encoding="utf-8")
>>> t = read_roster(p, skillframe.load())
>>> [r.id for r in t.records], [(e.row, e.code) for e in t.errors], [(w.row, w.code) for w in t.warnings]
(['A1'], [(3, 'missing-persona')], [(2, 'unknown-training')])
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from ..errors import FormError, StaffDataError, bilingual
from ..staff import StaffRecord, StaffRowError, StaffTable, StaffWarning, iter_staff, read_staff
from ..staff.columns import Column, is_name_column

if TYPE_CHECKING:
    from .._catalog import Catalog

__all__ = ["Roster", "form_column", "read_roster", "roster_error", "roster_records"]

#: What the form functions take as a roster: a staff file, a read table, or records.
Roster: TypeAlias = str | Path | StaffTable | Iterable[StaffRecord]

#: The standard columns a form is made from (besides the name columns).
FORM_KINDS = frozenset({"id", "persona", "department"})


def form_column(column: Column) -> bool:
    """Whether the form uses this roster column: ``id``, ``persona``, ``department`` or a name column."""
    return column.kind in FORM_KINDS or (column.kind == "extra" and is_name_column(column.header))


def _ignored(e: StaffRowError) -> StaffWarning:
    return StaffWarning(
        e.row,
        e.column,
        bilingual(
            f"{e.ja}（票には使わない列なので無視します）",
            f"{e.en} (ignored: the form does not use this column)",
        ),
        e.code,
        e.file,
        () if e.row is None else (e.row,),
    )


def read_roster(
    path: str | Path, catalog: Catalog, *, encoding: str | None = None, sheet: str | None = None
) -> StaffTable:
    """The roster ``path`` (any staff file) as the forms read it: a :class:`~skillframe.StaffTable`
    whose ``records`` each have an id and a persona, whose ``errors`` are every problem in the
    columns the form uses (:func:`form_column`; a record without a persona is a
    ``missing-persona`` error), and whose ``warnings`` are the file's warnings and the problems
    of the other columns (ignored). ``rows == len(records) + len(error_rows)``.

    Raises :class:`~skillframe.StaffDataError` for a file that cannot be read at all, as
    :func:`~skillframe.read_staff` does.
    """
    try:
        everything = read_staff(path, encoding=encoding, catalog=catalog, sheet=sheet)
    except StaffDataError as e:
        if e.code != "xlsx-several-sheets" or sheet is not None:
            raise
        raise _several_sheets(e) from None  # --sheet names the staff file's sheet, never the roster's
    header: list[list[Column]] = []
    records: list[StaffRecord] = []
    errors: list[StaffRowError] = []
    items = iter_staff(
        path, encoding=encoding, catalog=catalog, sheet=sheet, use_columns=form_column, on_header=header.append
    )
    for item in items:
        if isinstance(item, StaffRowError):
            errors.append(item)
        elif isinstance(item, StaffRecord):
            if item.persona:
                records.append(item)
                continue
            persona = next((c.header for cols in header for c in cols if c.kind == "persona"), "persona")
            errors.append(
                StaffRowError(
                    item.row,
                    persona,
                    bilingual(
                        "人材像がありません（票は人材像ごとに作ります）", "no persona (a form is made per persona)"
                    ),
                    item.id,
                    code="missing-persona",
                    file=str(path),
                    department=item.department,
                    extra=tuple(item.extra.items()),
                )
            )
    used = {(e.row, e.column, e.code) for e in errors}
    ignored = [_ignored(e) for e in everything.errors if (e.row, e.column, e.code) not in used]
    warnings = sorted([*everything.warnings, *ignored], key=lambda w: (w.row is None, w.row or 0))
    rows = len(records) + len({e.row for e in errors})
    return StaffTable(tuple(records), tuple(errors), rows, tuple(warnings))


def _several_sheets(e: StaffDataError) -> StaffDataError:
    """``xlsx-several-sheets`` for a roster: no option picks a roster's sheet, so the advice is a file of its own."""
    names = ", ".join(e.sheets)
    return StaffDataError(
        e.file,
        bilingual(
            f"名簿の id 列のあるシートが複数あります: {names}。"
            "名簿のシートだけを別のブック（または CSV）に保存して指定してください",
            f"several sheets of the roster have an 'id' column: {names}; save the roster's sheet as a workbook"
            " (or CSV) of its own and give that",
        ),
        code=e.code,
        sheets=e.sheets,
    )


def roster_error(errors: Sequence[StaffRowError]) -> FormError:
    """The ``roster-errors`` refusal: the roster file (when read from one), the count, and the
    first five errors (row, column, message)."""
    n = len(errors)
    file = next((e.file for e in errors if e.file), None)

    def shown(lang: str) -> str:
        parts = []
        for e in errors[:5]:
            at = f"row {e.row}" if e.row is not None else "record"
            parts.append(f"{at}{f', {e.column}' if e.column else ''}: {getattr(e, lang)} [{e.code}]")
        if n > 5:
            parts.append(f"ほか {n - 5} 件" if lang == "ja" else f"{n - 5} more")
        return "; ".join(parts)

    ja, en = (f"名簿 {file} に", f"the roster {file}") if file else ("名簿に", "the roster")
    return FormError(
        "roster-errors", f"{ja} {n} 件の誤りがあります: {shown('ja')}", f"{n} error(s) in {en}: {shown('en')}"
    )


def roster_records(catalog: Catalog, roster: Roster, *, encoding: str | None = None) -> list[StaffRecord]:
    """The people of ``roster``: a staff file (read by :func:`read_roster`, in ``encoding`` when
    given), a :class:`~skillframe.StaffTable` or records. Raises :class:`~skillframe.FormError`
    ``roster-errors`` naming every problem the form cannot do without (rows and columns), and
    ``form-input`` for no people."""
    if isinstance(roster, (str, Path)):
        roster = read_roster(roster, catalog, encoding=encoding)
    if isinstance(roster, StaffTable):
        if roster.errors:
            raise roster_error(roster.errors)
        roster = roster.records
    records = list(roster)
    missing = [
        StaffRowError(r.row, "persona", bilingual("人材像がありません", "no persona"), r.id, code="missing-persona")
        for r in records
        if not r.persona
    ]
    if missing:
        raise roster_error(missing)
    if not records:
        raise FormError("form-input", "名簿に職員がいません", "the roster has no staff")
    return records
