"""The usual row of a CSV/TSV file, read by one function compiled per header and persona.

A *usual* row has an id in plain text not seen before, a persona cell read before, and
no problem in any cell. :meth:`~skillframe.staff.rows.RowReader.usual_reader` gives a
function that reads such a row straight into a :class:`~skillframe.StaffRecord` (one call:
the id, the persona, each cell a cache look-up, the record's slots set directly, marked parsed) and
returns ``None`` for any other row, with nothing remembered: the general reader
(:meth:`~skillframe.staff.rows.RowReader.read_row`) reads it then, and gives the same
record for a usual row. Only plain text cells (CSV/TSV) take this path.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from .._cache import compiled
from .record import StaffRecord, set_parsed
from .values import MAX_CELL_CHARS, id_key

if TYPE_CHECKING:
    from .plan import ColumnPlan

__all__ = ["TARGETS", "VARIABLES", "UsualRow", "cells_source", "compile_usual"]

#: A compiled reader of a usual row: ``(cells, row, persona) -> record or None``.
UsualRow = Callable[[Sequence[str], int, "str | None"], "StaffRecord | None"]

#: The variable of a generated row reader that holds each plain field (here and in
#: :mod:`skillframe.staff.builder`'s general reader), and the mapping each keyed kind fills.
VARIABLES = {
    "department": "dep",
    "trainings": "tr",
    "dx_project_years": "py",
    "dx_lead_years": "ly",
    "dx_lead_count": "lc",
    "mentoring": "me",
}
TARGETS = {"dsm": "dsm", "tool": "tools", "check": "checks", "extra": "extra"}
# the record's fields, by the variable of the compiled reader that holds each
_FIELD_VARIABLES = {
    "id": "rid",
    "persona": "persona",
    **VARIABLES,
    "dsm": "dsm",
    "tools": "tools",
    "tool_checks": "checks",
    "extra": "extra",
    "row": "row",
}


def cells_source(others: Sequence[Any], ns: dict[str, Any]) -> list[str]:
    """The first lines of a generated row reader (here and in :mod:`skillframe.staff.builder`):
    the cells of ``others`` (columns with an ``index``) into ``v0``, ``v1``…, and the plain
    fields (:data:`VARIABLES`) and keyed mappings (:data:`TARGETS`) empty."""
    lines = []
    if len(others) == 1:
        lines.append(f"    v0 = cells[{others[0].index}]")
    elif others:
        ns["get"] = operator.itemgetter(*(c.index for c in others))
        lines.append(f"    {', '.join(f'v{j}' for j in range(len(others)))}, = get(cells)")
    lines.append(f"    {' = '.join(VARIABLES.values())} = None")
    lines.append("    " + "; ".join(f"{t} = {{}}" for t in TARGETS.values()))
    return lines


def compile_usual(
    plan: ColumnPlan,
    caches: Sequence[tuple[dict[Any, Any], Callable[[object], Any]]],
    failed: type,
    miss: object,
    seen: dict[str, int | None] | None,
) -> UsualRow:
    """The reader of a usual row under ``plan`` (one id and one persona column, every cell a
    ``str``): ``caches[j]`` is the cache of ``plan.others[j]`` and the function that works out
    a value it does not hold; ``failed`` the class of a cell with problems, ``miss`` the
    marker of a value not in a cache; ``seen`` the ids read so far (``None``: no duplicate
    check). It sets ``seen[id_key(id)] = row`` for a record it returns.

    A cache holds only values without problems, and ``""`` (nothing): a row whose every cell
    is in its cache is read with one look-up per cell; on the first miss the row is read
    again cell by cell (a value not seen yet is worked out and cached; one with problems
    leaves the row, ``None``)."""
    assert plan.one is not None
    i, _ = plan.one
    others = plan.others
    ns: dict[str, Any] = {"M": miss, "E": failed, "MAXC": MAX_CELL_CHARS, "seen": seen, "new": object.__new__}
    ns["S"], ns["IDK"] = StaffRecord, id_key
    lines = [
        "def usual(cells, row, persona):",
        f"    raw = cells[{i}]",
        "    if not raw.isprintable() or len(raw) > MAXC:",
        "        return None",
        "    rid = raw.strip()",
        '    if not rid or rid[0] == "\'":',  # none, or a ' that may be a formula's guard: the general reader
        "        return None",
    ]
    if seen is not None:  # ids matched as id_key reads them (an ASCII id as it is)
        lines += ["    k = rid if rid.isascii() else IDK(rid)", "    if k in seen:", "        return None"]
    start = cells_source(others, ns)
    fields = [c.kind for c in others if c.kind in VARIABLES]
    long = []  # each cell the long way: a value not cached yet, or one with problems
    for j, c in enumerate(others):
        ns[f"c{j}"], ns[f"m{j}"] = caches[j]
        long += [
            f"    if v{j}:",
            f"        x = c{j}.get(v{j}, M)",
            "        if x is M:",
            f"            x = m{j}(v{j})",
            "        if x.__class__ is E:",
            "            return None",
        ]
        if c.kind in VARIABLES:
            long.append(f"        {VARIABLES[c.kind]} = x")
        elif c.kind in TARGETS:
            long.append(f"        if x is not None: {TARGETS[c.kind]}[x[0]] = x[1]")
    if others and len(fields) == len(set(fields)):
        # every cell cached (an empty one too) without problems: one look-up each, else the long way
        # each cell straight from the row (no tuple of them all: the long way makes it)
        lines += [*start[-2:], "    try:"]
        for j, c in enumerate(others):
            if c.kind in VARIABLES:
                lines.append(f"        {VARIABLES[c.kind]} = c{j}[cells[{c.index}]]")
            elif c.kind in TARGETS:
                lines += [
                    f"        x = c{j}[cells[{c.index}]]",
                    f"        if x is not None: {TARGETS[c.kind]}[x[0]] = x[1]",
                ]
            else:
                lines.append(f"        c{j}[cells[{c.index}]]")
        lines += ["    except KeyError:", *("    " + line for line in start), *("    " + line for line in long)]
    else:
        lines += start + long
    if seen is not None:
        lines.append("    seen[k] = row")
    lines.append("    r = new(S)")
    names = [f.name for f in attrs.fields(StaffRecord)]
    for k, name in enumerate(names):
        ns[f"s{k}"] = getattr(StaffRecord, name).__set__
        lines.append(f"    s{k}(r, {_FIELD_VARIABLES[name]})")
    ns["parsed"] = set_parsed
    lines += ["    parsed(r, True)", "    return r"]
    exec(compiled("\n".join(lines), "<skillframe usual row reader>"), ns)
    return ns["usual"]  # type: ignore[no-any-return]
