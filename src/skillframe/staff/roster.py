"""The roster: the staff of a year (the file the self-check forms were made from), read for who
they are — each person's id, name, 課 (``department``) and persona, nothing else.

One reading for every command that takes a roster: the forms (``form --roster``), the history
(``record --roster``, :meth:`~skillframe.HistoryStore.record`'s ``roster``) and ``report`` /
``policy --roster``. Each refuses a roster with a problem in its own words
(:class:`~skillframe.FormError` or :class:`~skillframe.HistoryError`, code ``roster-errors``).

:func:`read_roster` reads those columns (``id``, ``persona``, ``department`` and the name
columns: ``氏名``, ``名前``, ``name``…) as the staff reader reads them, and every other
column only to warn: an unknown training or a number written ``半年`` in the roster does not
stop the forms; it is a warning naming its row and column (with the staff reader's code,
``unknown-training``, ``not-a-number``…). Every problem in a column the roster is read for is
an error, all of them at once, each with its row: a missing or duplicate id, an unknown
persona, and a person without a persona (``missing-persona``). :func:`roster_people` gives
the people of a roster read or given as records, and its problems.

>>> import pathlib, tempfile, skillframe
>>> p = pathlib.Path(tempfile.mkdtemp()) / "名簿.csv"
>>> _ = p.write_text("職員番号,人材像,所属,受講研修\\nA1,DX推進員,総務課,BPR研習\\nA2,,税務課,\\n", encoding="utf-8")
>>> t = read_roster(p, skillframe.load())
>>> [r.id for r in t.records], [(e.row, e.code) for e in t.errors], [(w.row, w.code) for w in t.warnings]
(['A1'], [(3, 'missing-persona')], [(2, 'unknown-training')])
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from ..errors import LookupFailed, StaffDataError, StaffValueError, bilingual
from .columns import Column, is_name_column
from .reading import iter_staff, read_staff
from .record import MISSING_ID, StaffRecord, StaffRowError, StaffTable, StaffWarning, department_key, duplicate_id
from .values import id_key, match_key

if TYPE_CHECKING:
    from .._catalog import Catalog

__all__ = ["ROSTER_KINDS", "Roster", "read_roster", "roster_column", "roster_people"]

#: What takes a roster: a staff file, a read table, or records.
Roster: TypeAlias = str | Path | StaffTable | Iterable[StaffRecord]

#: The standard columns a roster is read for (besides the name columns).
ROSTER_KINDS = frozenset({"id", "persona", "department"})


def roster_column(column: Column) -> bool:
    """Whether a roster is read for this column: ``id``, ``persona``, ``department`` or a name column."""
    return column.kind in ROSTER_KINDS or (column.kind == "extra" and is_name_column(column.header))


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
    """The roster ``path`` (any staff file): a :class:`~skillframe.StaffTable` whose ``records``
    each have an id and a persona, whose ``errors`` are every problem in the columns a roster is
    read for (:func:`roster_column`; a record without a persona is a ``missing-persona``
    error), and whose ``warnings`` are the file's warnings and the problems of the other
    columns (ignored). ``rows == len(records) + len(error_rows)``.

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
        path, encoding=encoding, catalog=catalog, sheet=sheet, use_columns=roster_column, on_header=header.append
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


def roster_people(
    catalog: Catalog, roster: StaffTable | Iterable[StaffRecord | Mapping[str, Any]]
) -> tuple[list[StaffRecord], list[StaffRowError]]:
    """The people of ``roster`` (a table read by :func:`read_roster` or
    :func:`~skillframe.read_staff`, or records and mappings) as records, and its problems, as
    :func:`read_roster` finds them in a file: a table's errors; a record without an id
    (``missing-id``, the staff reader's code for such a row; a mapping that cannot be read as a
    file row gives its row's errors, as :meth:`~skillframe.StaffRecord.from_mapping` finds them); a
    record without a persona
    (``missing-persona``); and each id given again with another persona or another 課
    (``duplicate-id``, as :func:`read_roster` reports any id given twice in a file). Ids match
    as staff ids do (``Ａ０１`` is ``A01``); personas as the catalog resolves them (``ＤＸ推進員``
    is ``DX推進員``; a key it does not know, as written up to width and case); 課 as they are
    grouped (:func:`~skillframe.staff.record.department_key`). The same person given twice with
    the same persona and 課 (or with no 課 the second time) is one person.

    >>> import skillframe
    >>> given = [{"id": "A1", "persona": "DX推進員"}, {"id": "Ａ１", "persona": "ＤＸ推進員"}]
    >>> people, problems = roster_people(skillframe.load(), given)
    >>> [p.id for p in people], problems
    (['A1', 'Ａ１'], [])
    >>> people, problems = roster_people(skillframe.load(), [*given, {"id": "A1", "persona": "管理監督職"}])
    >>> [(e.id, e.code, e.en) for e in problems]
    [('A1', 'duplicate-id', "duplicate id 'A1' with another persona: 'DX推進員', then '管理監督職'")]
    >>> people, problems = roster_people(skillframe.load(), [{"id": "A2", "department": "税務課"}])
    >>> [(e.id, e.column, e.code, e.en) for e in problems]
    [('A2', 'persona', 'missing-persona', 'no persona')]
    >>> people, problems = roster_people(skillframe.load(), [{"persona": "DX推進員", "department": "税務課"}])
    >>> [(e.id, e.column, e.code, e.en, e.department) for e in problems]
    [(None, 'id', 'missing-id', 'missing id', '税務課')]
    """
    errors: list[StaffRowError] = []
    if isinstance(roster, StaffTable):
        errors += roster.errors
        roster = roster.records
    people: list[StaffRecord] = []
    for r in roster:
        try:
            people.append(r if isinstance(r, StaffRecord) else StaffRecord.from_mapping(r))
        except StaffValueError as e:  # a mapping read as a file row: its row errors (``missing-id``…)
            errors += [x for x in e.errors if isinstance(x, StaffRowError)]
    first: dict[str, tuple[StaffRecord, str]] = {}  # by id: its first record, and the persona it names
    placed: dict[str, StaffRecord] = {}  # by id: its first record that names a 課
    for p in people:
        if not p.id:  # whose answers? (a file's row without an id is an error too, and says only that)
            errors.append(StaffRowError(p.row, "id", MISSING_ID, code="missing-id", department=p.department))
            continue
        if not p.persona:  # no form, no ladder: which persona is the person? (read_roster refuses it too)
            message = bilingual("人材像がありません", "no persona")
            errors.append(
                StaffRowError(p.row, "persona", message, p.id, code="missing-persona", department=p.department)
            )
            continue
        key = id_key(p.id)
        persona = _persona_key(catalog, p.persona)
        seen, seen_persona = first.setdefault(key, (p, persona))
        personas = (str(seen.persona), str(p.persona)) if seen_persona != persona else None
        there = placed.setdefault(key, p) if p.department else seen
        departments = None
        if p.department and department_key(there.department) != department_key(p.department):
            departments = (str(there.department), str(p.department))
        if personas is not None or departments is not None:
            message = duplicate_id(p.id, (seen if personas else there).row, personas, departments)
            errors.append(StaffRowError(p.row, "id", message, p.id, code="duplicate-id", department=p.department))
    return people, errors


def _persona_key(catalog: Catalog, persona: str) -> str:
    """The persona a roster names, to compare two rows: its qualified id, or its text as matched
    (a key the catalog does not resolve: evaluating it says why)."""
    try:
        return str(catalog.persona(persona).id)
    except LookupFailed:
        return match_key(persona)
