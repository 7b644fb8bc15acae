"""Step rules while linking: qualify the ids a condition names, check that they exist.

The rule language itself (classes, walker, parser) is :mod:`skillframe.conditions`;
this module only applies its walker (:func:`~skillframe.conditions.ast.refs`,
:func:`~skillframe.conditions.ast.map_refs`) to the loader's definitions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

from .. import model as m
from .._formats.yaml import Path
from ..conditions import parse
from ..conditions.ast import map_refs, refs, walk
from ..errors import Problem, bilingual
from .state import Located, did_you_mean_ids

__all__ = ["ConditionHost", "RuleChecker", "check_condition", "qualify_condition"]

#: A checker for custom-rule conditions: returns problem messages (empty when fine).
RuleChecker = Callable[[m.CustomRule], Sequence[str]]

_POOLS = {"skill": "skills", "tool": "tools", "persona": "personas"}


class ConditionHost(parse.ConditionHost, Protocol):
    """What the loader lends the condition checks: problems, definitions, the rule checker."""

    problems: list[Problem]
    defs: dict[str, dict[str, Any]]
    removed_refs: set[str]
    rule_checker: RuleChecker | None


def check_condition(host: ConditionHost, cond: m.Condition, step: m.Step, loc: Located, path: Path) -> None:
    """Report every id ``cond`` names that is not defined (removed ones report at the overlay)."""
    for ref in refs(cond, path):
        pool = host.defs[_POOLS[ref.kind]]
        if ref.key not in pool and ref.key not in host.removed_refs:
            host.problems.append(
                loc.problem(
                    ref.path,
                    bilingual(f"{ref.kind} '{ref.key}' が見つかりません", f"unknown {ref.kind} '{ref.key}'")
                    + did_you_mean_ids(ref.key, pool),
                    "ref.unknown",
                )
            )
    if host.rule_checker is not None:
        for leaf, at in walk(cond, path):
            if isinstance(leaf, m.CustomRule):
                for message in host.rule_checker(leaf):
                    host.problems.append(loc.problem((*at, "custom"), message, "condition"))


def qualify_condition(
    cond: m.Condition | None, q: Callable[[str], str], tool_q: Callable[[str], str] | None = None
) -> m.Condition | None:
    """``cond`` with every id it names qualified by ``q`` (tools by ``tool_q``, default ``q``)."""
    if cond is None:
        return None
    tq = q if tool_q is None else tool_q
    return map_refs(cond, lambda kind, key: tq(key) if kind == "tool" else q(key))
