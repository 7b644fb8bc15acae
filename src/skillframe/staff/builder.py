"""The general reader of a staff row's non-id columns, compiled once per header and persona:
unrolled (no loop, no dispatch per cell), each non-empty cell one cache look-up, the record
made by :func:`make_record`. :mod:`~skillframe.staff.usual` compiles the usual row's reader
the same way."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from .._cache import compiled
from .cells import MISS, Failed
from .record import StaffRecord, set_parsed
from .usual import TARGETS, VARIABLES, cells_source

if TYPE_CHECKING:
    from .plan import ColumnPlan

__all__ = ["compile_build", "make_record"]


def _record_maker() -> Any:
    """A constructor of :class:`StaffRecord` for values the reader has already checked: it sets
    the slots directly (2-3x faster than the attrs ``__init__`` with its converters) and marks
    the record parsed (the engine takes its values as they are)."""
    names = [f.name for f in attrs.fields(StaffRecord)]
    ns: dict[str, Any] = {"new": object.__new__, "S": StaffRecord, "parsed": set_parsed}
    ns.update({f"s{i}": getattr(StaffRecord, n).__set__ for i, n in enumerate(names)})
    args = ", ".join(f"a{i}" for i in range(len(names)))
    body = "".join(f"    s{i}(r, a{i})\n" for i in range(len(names)))
    exec(f"def make({args}):\n    r = new(S)\n{body}    parsed(r, True)\n    return r\n", ns)
    return ns["make"]


#: ``make_record(id, persona, department, trainings, dx_project_years, dx_lead_years,
#: dx_lead_count, mentoring, dsm, tools, tool_checks, extra, row)``: a parsed
#: :class:`~skillframe.StaffRecord` of values already checked.
make_record = _record_maker()


def compile_build(
    plan: ColumnPlan, caches: Sequence[tuple[dict[Any, Any], Callable[[object], Any]]], *, plain: bool
) -> Any:
    """A function ``build(cells, found, rid, persona, row) -> record`` reading the non-id columns
    of a row under ``plan`` into a record: ``caches[j]`` is the cache of ``plan.others[j]`` and
    the function that works out a value it does not hold (a value seen for the first time);
    ``plain``: every cell is a ``str`` (a CSV/TSV row; a mapping may hold any value). The
    problems of the row's cells go to ``found`` as ``(j, problem)`` (a
    :class:`~skillframe.staff.cells.CellProblem`); the record then
    holds its readable cells only."""
    ns: dict[str, Any] = {"make": make_record}
    others = plan.others
    lines = ["def build(cells, found, rid, persona, row):", *cells_source(others, ns)]
    variables, targets = VARIABLES, TARGETS  # the names the usual row's reader uses too
    ns["M"], ns["E"] = MISS, Failed
    for j, c in enumerate(others):
        ns[f"c{j}"], ns[f"m{j}"] = caches[j]
        v = f"v{j}"
        # a mapping's cell: any value but None and "" (never its truth: pandas' NA has none)
        test = f"if {v}:" if plan.text else f"if {v}.__class__ is not str and {v} is not None or {v}:"
        look = f"c{j}.get({v}, M)" if plain else f"c{j}.get({v}, M) if {v}.__class__ is str else M"
        lines += [
            f"    {test}",
            f"        x = {look}",
            "        if x is M:",
            f"            x = m{j}({v})",
            "        if x.__class__ is E:",
            f"            found.extend([({j}, p) for p in x.problems])",
        ]
        if c.kind in variables:
            lines.append(f"        else: {variables[c.kind]} = x")
        elif c.kind in targets:
            lines.append(f"        elif x is not None: {targets[c.kind]}[x[0]] = x[1]")
    lines += [
        "    return make(rid, persona, dep, tr, py, ly, lc, me, dsm, tools, checks, extra, row)",
    ]
    exec(compiled("\n".join(lines), "<skillframe staff row reader>"), ns)
    return ns["build"]
