"""A step rule as written in YAML → a condition, with file:line problems.

Driven by :data:`~skillframe.conditions.spec.SPEC`: the key picks the kind, the kind's
``shape`` says what its value is, its parameters are structured by the loader's
converter (unknown keys, wrong types) and checked against their ranges. Nothing is
raised: every problem goes to ``host.problems`` with the path where it is written, and
the condition is ``None`` when it cannot be built.
"""

from __future__ import annotations

from typing import Any, Protocol

from .._text import did_you_mean
from ..errors import Problem, bilingual
from . import ast
from .spec import SPEC, Kind

__all__ = ["CONDITION_KEYS", "ConditionHost", "parse_condition"]

Path = tuple[str | int, ...]

#: Every condition key, in the order of the specification.
CONDITION_KEYS = tuple(SPEC)


class ConditionHost(Protocol):
    """What the loader lends the parser: the problem list and its structurer."""

    problems: list[Problem]

    def structure(self, raw: dict[str, Any], cls: type, loc: Any) -> Any: ...


def _type_name(value: object) -> str:
    return {dict: "mapping", list: "list", str: "string", bool: "boolean", int: "integer", float: "number"}.get(
        type(value), "null" if value is None else type(value).__name__
    )


def parse_condition(host: ConditionHost, raw: Any, loc: Any, path: Path) -> ast.Condition | None:
    """The condition written at ``path`` under ``loc`` (``None`` when wrong: problems in ``host``).

    ``loc`` makes problems (``loc.problem(path, message, code)``) and, through
    ``type(loc)(loc.doc, path)``, the location the converter reports under.
    """

    def problem(sub: Path, en_ja: str) -> None:
        host.problems.append(loc.problem(sub, en_ja, "condition"))

    if not isinstance(raw, dict) or len(raw) != 1:
        got = _type_name(raw) if not isinstance(raw, dict) else list(raw)
        problem(
            path,
            bilingual("条件は 1 つのキーを持つマッピングです", "a condition is a mapping with exactly one key")
            + f"; got {got}",
        )
        return None
    ((key, value),) = raw.items()
    here = (*path, key)
    kind = SPEC.get(key)
    if kind is None:
        problem(here, bilingual(f"未知の条件 '{key}'", f"unknown condition '{key}'") + did_you_mean(key, SPEC))
        return None
    if kind.shape == "list":
        if not isinstance(value, list) or not value:
            problem(here, bilingual(f"{key} は空でないリストです", f"'{key}' takes a non-empty list"))
            return None
        subs = [parse_condition(host, v, loc, (*here, i)) for i, v in enumerate(value)]
        if any(s is None for s in subs):
            return None
        of = tuple(s for s in subs if s is not None)
        return ast.All(of=of) if kind.cls is ast.All else ast.Any(of=of)
    if kind.shape == "one":
        sub = parse_condition(host, value, loc, here)
        return None if sub is None else ast.Not(of=sub)
    if kind.shape == "boolean":
        if not isinstance(value, bool):
            problem(here, bilingual(f"{key} は true/false です", f"'{key}' takes true or false"))
            return None
        return ast.Mentoring(value=value)
    return _mapping(host, kind, value, loc, here, problem)


def _mapping(  # noqa: PLR0917 - one private helper of parse_condition
    host: ConditionHost, kind: Kind, value: Any, loc: Any, here: Path, problem: Any
) -> ast.Condition | None:
    key = kind.key
    if kind.shorthand is not None and isinstance(value, list):
        value = {kind.shorthand: value}
    if not isinstance(value, dict):
        shown = ", ".join(f"{p.name}: …" for p in kind.params if p.required)
        problem(
            here,
            bilingual(f"{key} の値はマッピングです", f"'{key}' takes a mapping")
            + f" ({{{shown}}}); got {_type_name(value)}",
        )
        return None
    if kind.cls is ast.CustomRule:
        return _custom(value, here, problem)
    cond = host.structure({**value, **dict(kind.fixed)}, kind.cls, type(loc)(loc.doc, (*loc.path, *here)))
    if cond is None:
        return None
    for p in kind.params:
        given = getattr(cond, p.name, None)
        if p.range is None or not isinstance(given, int | float):
            continue
        low, high = p.range
        if (low is not None and given < low) or (high is not None and given > high):
            span = f"{low}..{high}" if high is not None else f">= {low}"
            problem(
                (*here, p.name),
                bilingual(f"{p.name} が範囲外です", f"'{p.name}' out of range") + f": {given} (allowed {span})",
            )
    if kind.one_of and not any(getattr(cond, name) for name in kind.one_of):
        names = " / ".join(kind.one_of)
        problem(here, bilingual(f"{names} のいずれかが必要です", f"'{key}' needs one of: {names}"))
    result: ast.Condition = cond
    return result


def _custom(value: dict[str, Any], here: Path, problem: Any) -> ast.Condition | None:
    params = value.get("params", {})
    ok = True
    if not isinstance(value.get("rule"), str):
        problem((*here, "rule"), bilingual("rule（登録名）が必要です", "'custom' needs 'rule' (a registered name)"))
        ok = False
    if not isinstance(params, dict):
        problem((*here, "params"), bilingual("params はマッピングです", "'params' must be a mapping"))
        ok = False
    for extra in sorted(set(value) - {"rule", "params"}):
        problem((*here, extra), bilingual(f"未知のキー '{extra}'", f"unknown key '{extra}'"))
        ok = False
    if not ok:
        return None
    return ast.CustomRule(rule=value["rule"], params=tuple(params.items()))
