"""Staff records and the files they come in (CSV, TSV, Unicode text, JSON, XLSX).

Modules, each one concept (imports point down):

- :mod:`~skillframe.staff.values` — one value: text, yes/no, numbers, levels, key lists
  (the spelling tables are data there).
- :mod:`~skillframe.staff.columns` — the standard columns, their Japanese aliases, header
  classification (once per file) and near-miss warnings.
- :mod:`~skillframe.staff.record` — :class:`StaffRecord`, :class:`StaffRowError`,
  :class:`StaffWarning`, :class:`StaffTable`.
- :mod:`~skillframe.staff.rows` — :class:`RowReader`, the one reader of a row or a mapping
  (files, dicts, DataFrame rows all go through it), over :mod:`~skillframe.staff.plan` (the
  columns of one header), :mod:`~skillframe.staff.cells` (what one cell gives) and
  :mod:`~skillframe.staff.builder` (its general reader, compiled per header and persona);
  :mod:`~skillframe.staff.usual`, its fast path for the usual CSV/TSV row (one function
  compiled per header and persona).
- :mod:`~skillframe.staff.files` / :mod:`~skillframe.staff.xlsx` — file kinds, encodings,
  rows with the row number a user sees in Excel.
- :mod:`~skillframe.staff.reading` — :func:`iter_staff` and :func:`read_staff` (and
  :func:`~skillframe.staff.reading.header_columns`, a file's header as classified).
- :mod:`~skillframe.staff.shadowed` — :class:`ShadowedPersona`: records naming a persona of
  a base framework the loaded overlay copied (``persona-of-base-framework``).
- :mod:`~skillframe.staff.roster` — the roster (the staff of a year, read for each person's
  id, name, 課 and persona): :func:`~skillframe.staff.roster.read_roster` and
  :func:`~skillframe.staff.roster.roster_people`, the one reading of the forms, the history
  and ``report`` / ``policy --roster``.

See docs/staff-files.md for the columns, spellings and every error code.
"""

from __future__ import annotations

from .reading import iter_staff, read_staff
from .record import StaffRecord, StaffRowError, StaffTable, StaffWarning
from .rows import RowReader
from .shadowed import ShadowedPersona
from .structured import parse_keys
from .values import match_key, parse_bool, parse_level, parse_number, parse_text

__all__ = [
    "RowReader",
    "ShadowedPersona",
    "StaffRecord",
    "StaffRowError",
    "StaffTable",
    "StaffWarning",
    "iter_staff",
    "match_key",
    "parse_bool",
    "parse_keys",
    "parse_level",
    "parse_number",
    "parse_text",
    "read_staff",
]
