"""The forms handed out in parts: one workbook per 課 (or per person), each to send on its own.

Sent the one workbook of everybody, each 課 would return everybody's sheets;
:func:`split_roster` groups the roster instead, and
:func:`skillframe.render.form_files.write_forms` writes one workbook per group into a folder.
A 課 is a group by its matching key (``市民課〜窓口`` and ``市民課～窓口`` are one 課, named as
first written); people without a 課 are a group of their own, :data:`NO_DEPARTMENT`. A file
is named after its 課 as written (or the person's id and name), made safe for Windows
(``pathvalidate``: no ``\\ / : * ? " < > |``, no ``CON``, no trailing dot or space); two
groups whose names would be the same file (``A課`` and ``a課`` on Windows) are told apart
by ``(2)``.

>>> from skillframe import StaffRecord
>>> people = [StaffRecord(id="A1", persona="DX推進員", department="総務課"),
...           StaffRecord(id="A2", persona="DX推進員"),
...           StaffRecord(id="A3", persona="DX推進員", department="総務課"),
...           StaffRecord(id="A4", persona="DX推進員", department="企画/政策課")]
>>> [(g.file, g.ids) for g in split_roster(people)]
[('総務課.xlsx', ('A1', 'A3')), ('企画_政策課.xlsx', ('A4',)), ('所属なし.xlsx', ('A2',))]
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs

from ..errors import FormError, MissingDependencyError
from ..staff.record import department_key
from ._workbook import staff_name

if TYPE_CHECKING:
    from ..staff import StaffRecord

__all__ = ["NO_DEPARTMENT", "SPLITS", "FormFile", "split_roster"]

#: How a roster can be split: one workbook per 課, or per person.
SPLITS = ("department", "person")
#: The file of the people with no 課 (the roster's 所属 cell empty).
NO_DEPARTMENT = "所属なし"
#: The longest file name kept from a 課 or a person (characters, before ``.xlsx``).
MAX_STEM = 80


@attrs.frozen
class FormFile:
    """One workbook of a split: its ``file`` name, the ``group`` it is for (the 課 as written,
    ``None`` for the people without one; with ``by="person"`` the person's id) and its people."""

    file: str
    group: str | None
    records: tuple[StaffRecord, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        """The staff ids on this workbook, in roster order."""
        return tuple(r.id for r in self.records)


def _sanitize(stem: str) -> str:
    try:
        from pathvalidate import sanitize_filename
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise MissingDependencyError("pathvalidate", "xlsx") from exc
    safe = str(sanitize_filename(stem.strip()[:MAX_STEM], platform="windows", replacement_text="_"))
    safe = safe.lstrip(". ")  # a leading dot hides the file on macOS and Linux
    return safe or "_"


def _same_file(name: str) -> str:
    """The key two file names clash on (Windows and macOS: case and Unicode form do not count)."""
    return unicodedata.normalize("NFC", name).casefold()


def split_roster(roster: Sequence[StaffRecord], *, by: str = "department") -> list[FormFile]:
    """The roster's people in groups, one :class:`FormFile` each, in the order the roster
    first names each group (the people without a 課 last). ``by``: ``"department"`` (one
    file per 課) or ``"person"`` (one file per person, named ``<id>_<name>.xlsx``)."""
    if by not in SPLITS:
        raise FormError(
            "form-input",
            f"分け方 '{by}' は使えません（{', '.join(SPLITS)}）",
            f"cannot split by '{by}' ({', '.join(SPLITS)})",
        )
    groups: dict[Any, list[StaffRecord]] = {}
    shown: dict[Any, str | None] = {}
    for r in roster:
        if by == "person":
            key: Any = r.id
            shown[key] = r.id
        else:
            dept = (r.department or "").strip() or None
            key = department_key(dept)
            shown.setdefault(key, dept)
        groups.setdefault(key, []).append(r)
    used: set[str] = set()
    files: dict[Any, str] = {}
    for key in sorted(groups, key=lambda k: k is not None):  # 所属なし named first: it keeps its name
        people = groups[key]
        if by == "person":
            name = staff_name(people[0])
            stem = _sanitize(f"{people[0].id}_{name}" if name else people[0].id)
        else:
            stem = NO_DEPARTMENT if key is None else _sanitize(str(shown[key]))
        file, n = f"{stem}.xlsx", 2
        while _same_file(file) in used:
            file = f"{stem}({n}).xlsx"
            n += 1
        used.add(_same_file(file))
        files[key] = file
    order = [k for k in groups if k is not None] + ([None] if None in groups else [])
    return [FormFile(files[k], shown[k], tuple(groups[k])) for k in order]
