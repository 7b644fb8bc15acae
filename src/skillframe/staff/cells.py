"""What one cell of a staff row gives, in the form the row reader caches and its compiled
readers take: a field's value, a keyed entry (a DSM level, a tool level, checklist ticks,
an extra column), nothing, or the cell's problems (:class:`Failed`).

>>> from skillframe.staff.columns import Column
>>> cell_value(None, Column(2, "DX案件リード年数", "dx_lead_years", None), "２", None)
(0, 'dx_lead_years', 2)
>>> cell_value(None, Column(3, "tool:Excel", "tool", "Excel"), "Lv.2", None)
(2, 'Excel', 2)
>>> cell_value(None, Column(4, "備考", "extra", None), "", None)
(6, None, None)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from ..errors import LookupFailed, StaffValueError, UnknownKeyError, bilingual
from .columns import NUMBER_FIELDS, Column
from .structured import parse_keys, parse_nested
from .values import parse_bool, parse_extra, parse_level, parse_number, parse_text

if TYPE_CHECKING:
    from .._keys import KeyResolver

__all__ = ["EMPTY", "FIELDS", "MISS", "NOTHING", "CellProblem", "Failed", "Hit", "cell_value", "lookup_problem"]

#: What one cell gives: (op, a, b). op: 0 field a = b; 1 dsm[a] = b; 2 tools[a] = b; 3 checks[a] = b;
#: 4 extra[a] = b; 5 errors b (a list of :class:`CellProblem`); 6 nothing.
Hit = tuple[int, Any, Any]
NOTHING: Hit = (6, None, None)
#: The marker of a value not in a cache (``cache.get(cell, MISS)``).
MISS: Any = object()
#: What every cell cache starts with: an empty cell gives nothing (a field's ``None``, no
#: keyed entry). A cache holds only values without problems (:class:`Failed` ones are kept
#: by the reader, :class:`~skillframe.staff.rows.RowReader`), so the usual row's reader (:mod:`~skillframe.staff.usual`)
#: may take ``cache[cell]`` as it is and read a row the long way on any ``KeyError``.
EMPTY: dict[str, None] = {"": None}
#: The kinds of column whose cell gives a field's value itself (not a keyed entry).
FIELDS = frozenset(("department", "trainings", "dx_project_years", "dx_lead_years", "dx_lead_count", "mentoring"))


class CellProblem(NamedTuple):
    """One problem of a cell: a machine-readable ``code``, the bilingual ``message`` and, for a
    key of a framework the catalog does not have, that ``framework``
    (:attr:`~skillframe.errors.LookupFailed.framework`; a row error carries it on)."""

    code: str
    message: str
    framework: str | None = None


def lookup_problem(exc: LookupFailed, unknown: str = "unknown-key") -> CellProblem:
    """The problem of a key that failed: ``unknown`` when nothing matches, ``ambiguous-key``
    when several do, with the framework the key names when the catalog has none of it."""
    code = unknown if isinstance(exc, UnknownKeyError) else "ambiguous-key"
    return CellProblem(code, str(exc), exc.framework)


class Failed:
    """The problems (:class:`CellProblem`) of a cell (a cache value of the compiled reader)."""

    __slots__ = ("problems",)

    def __init__(self, problems: list[CellProblem]) -> None:
        self.problems = problems


def cell_value(res: KeyResolver | None, c: Column, raw: object, fws: tuple[str, ...] | None) -> Hit:
    """What one cell ``raw`` under column ``c`` gives (:data:`Hit`), keys resolved by ``res``
    (kept as written without one) among the frameworks ``fws`` of the row's persona. The
    reader caches it for text cells."""
    kind, key = c.kind, c.key
    try:
        if kind in NUMBER_FIELDS:
            return (0, kind, parse_number(raw))
        if kind == "department":
            return (0, "department", parse_text(raw))
        if kind == "mentoring":
            return (0, "mentoring", parse_bool(raw))
        if kind == "trainings":
            keys = parse_keys(raw)
            if keys is None or res is None:
                return (0, "trainings", keys)
            skills: list[str] = []
            failed: list[CellProblem] = []
            for k in res.join_names(keys):  # a training whose name has 、 is one entry
                try:
                    skills.extend(res.trained(k, fws))
                except LookupFailed as exc:
                    failed.append(lookup_problem(exc, "unknown-training"))
            return (5, None, failed) if failed else (0, "trainings", tuple(dict.fromkeys(skills)))
        if kind in {"dsm", "tool"}:
            level = parse_level(raw)
            if level is None or key is None:
                return NOTHING
            found = key
            if res is not None:
                found = res.skill(key, fws) if kind == "dsm" else res.tool(key, fws)
            return (1 if kind == "dsm" else 2, found, level)
        if kind == "check":
            ticks = parse_keys(raw, "check")
            if ticks is None or key is None:
                return NOTHING
            if res is None:
                return (3, key, ticks)
            tool = res.tool(key, fws)
            bad: list[CellProblem] = []
            out: list[str] = []
            for t in ticks:
                try:
                    out.append(res.tick(tool, t))
                except LookupFailed as exc:
                    bad.append(CellProblem("unknown-checklist-item", str(exc)))
            return (5, None, bad) if bad else (3, tool, tuple(out))
        if kind == "nested":  # raises unless empty (a mapping under its own name is read as its columns)
            if isinstance(raw, Mapping):  # under another spelling ("DSM"): never dropped
                return (5, None, [_spelt_otherwise(c.header, key or c.header)])
            parse_nested(key or c.header, raw, c.header)
            return NOTHING
        if kind == "extra":  # numbers, dates, an Excel error value (#REF!) as a spreadsheet shows them
            text = parse_extra(raw)
            return NOTHING if text is None else (4, key or c.header, text)
        if kind == "named-column":  # an extra key named as a column of the record's own
            if parse_text(raw) is None:
                return NOTHING
            ja = f"extra のキー '{c.header}' は職員ファイルの列名です: その列として書くか、別の名前にしてください"
            en = f"the extra key '{c.header}' names a staff-file column: give it as that column, or rename it"
            return (5, None, [CellProblem("extra-names-column", bilingual(ja, en))])
        if kind == "blank":
            if parse_text(raw) is None:
                return NOTHING
            return (
                5,
                None,
                [
                    CellProblem(
                        "cell-without-header", bilingual("見出しのない列に値があります", "a value under no header")
                    )
                ],
            )
    except StaffValueError as exc:
        return (5, None, [CellProblem(exc.code, bilingual(exc.ja, exc.en))])
    except LookupFailed as exc:
        return (5, None, [lookup_problem(exc)])
    return NOTHING


def _spelt_otherwise(key: str, field: str) -> CellProblem:
    """The problem of a mapping under a key that names a nested field otherwise (``DSM``)."""
    return CellProblem(
        "nested-field-spelling",
        bilingual(
            f"入れ子の辞書のキーは '{field}' と書いてください（'{key}' ではなく）",
            f"write the key of the nested mapping as '{field}', not '{key}'",
        ),
    )
