"""The roster of the self-check forms: a staff file read for what the form needs.

A form needs each person's id, name, 課 (``department``) and persona, nothing else: the
roster is read as every command reads one (:mod:`skillframe.staff.roster`: :func:`read_roster`,
:func:`form_column`); :func:`roster_records` refuses one with a problem in the form's words
(:class:`~skillframe.FormError` ``roster-errors``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import FormError
from ..staff import StaffRecord, StaffRowError
from ..staff.record import listed_errors
from ..staff.roster import Roster, read_roster, roster_people
from ..staff.roster import roster_column as form_column

if TYPE_CHECKING:
    from .._catalog import Catalog

__all__ = ["Roster", "form_column", "read_roster", "roster_error", "roster_records"]


def roster_error(errors: Sequence[StaffRowError]) -> FormError:
    """The ``roster-errors`` refusal: the roster file (when read from one), the count, and the
    first five errors (row, column, message)."""
    n = len(errors)
    file = next((e.file for e in errors if e.file), None)
    ja, en = (listed_errors(errors, lang, files=False) for lang in ("ja", "en"))
    where_ja, where_en = (f"名簿 {file} に", f"the roster {file}") if file else ("名簿に", "the roster")
    return FormError("roster-errors", f"{where_ja} {n} 件の誤りがあります: {ja}", f"{n} error(s) in {where_en}: {en}")


def roster_records(catalog: Catalog, roster: Roster, *, encoding: str | None = None) -> list[StaffRecord]:
    """The people of ``roster``: a staff file (read by :func:`read_roster`, in ``encoding`` when
    given), a :class:`~skillframe.StaffTable` or records. Raises :class:`~skillframe.FormError`
    ``roster-errors`` naming every problem the form cannot do without (rows and columns: a
    table's errors; a record without an id, ``missing-id``; without a persona, ``missing-persona``;
    an id given twice with two personas or two 課, ``duplicate-id``, as a file's reading refuses any id given twice: see
    :func:`~skillframe.staff.roster.roster_people`), and ``form-input`` for no people."""
    if isinstance(roster, (str, Path)):
        roster = read_roster(roster, catalog, encoding=encoding)
    records, errors = roster_people(catalog, roster)
    if errors:
        raise roster_error(errors)
    if not records:
        raise FormError("form-input", "名簿に職員がいません", "the roster has no staff")
    return records
