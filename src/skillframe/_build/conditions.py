"""Step rules while linking: qualify the ids a condition names, check that they exist.

The rule language itself (classes, walker, parser) is :mod:`skillframe.conditions`;
this module only applies its walker (:func:`~skillframe.conditions.ast.refs`,
:func:`~skillframe.conditions.ast.map_refs`) to the loader's definitions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from .. import model as m
from .._formats.yaml import Path
from .._text import did_you_mean
from ..conditions import parse
from ..conditions.ast import map_refs, refs, walk
from ..errors import Problem, bilingual, kind_ja
from .state import Located, did_you_mean_ids

if TYPE_CHECKING:
    from ..conditions.registry import Registry

__all__ = [
    "CodedRuleChecker",
    "ConditionHost",
    "RuleChecker",
    "check_condition",
    "check_custom_rules",
    "coded",
    "qualify_condition",
    "registry_checker",
    "unknown_rule_message",
]

#: A checker for custom-rule conditions: returns problem messages (empty when fine).
RuleChecker = Callable[[m.CustomRule], Sequence[str]]
#: The loader's own form of a checker: ``(code, message)`` pairs (code ``rule.unknown``,
#: ``rule.params`` or, for a checker given to :func:`~skillframe.load`, ``condition``).
CodedRuleChecker = Callable[[m.CustomRule], Sequence[tuple[str, str]]]


def unknown_rule_message(name: str, known: Sequence[str]) -> str:
    """The message for a ``custom:`` rule nobody registered: near names, and how rules are loaded.

    >>> print(unknown_rule_message("tenur", ["tenure"]))  # doctest: +NORMALIZE_WHITESPACE
    未知のルール 'tenur'。独自ルールはコマンドでは --rules MODULE|FILE.py で読み込み、Python では
    @skillframe.rule で登録します / unknown rule 'tenur': load custom rules with --rules MODULE|FILE.py
    on the command line, or register them with @skillframe.rule in Python (もしかして / did you mean: tenure)
    """
    none_ja, none_en = ("", "") if known else ("登録済みの独自ルールはありません。", "no custom rule is registered; ")
    return bilingual(
        f"未知のルール '{name}'。{none_ja}独自ルールはコマンドでは --rules MODULE|FILE.py で読み込み、"
        "Python では @skillframe.rule で登録します",
        f"unknown rule '{name}': {none_en}load custom rules with --rules MODULE|FILE.py on the command line, "
        "or register them with @skillframe.rule in Python",
    ) + did_you_mean(name, known)


def coded(checker: RuleChecker) -> CodedRuleChecker:
    """A caller's checker (messages only) as the loader's: every message has code ``condition``."""

    def check(cond: m.CustomRule) -> list[tuple[str, str]]:
        return [("condition", message) for message in checker(cond)]

    return check


def registry_checker(registry: Registry) -> CodedRuleChecker:
    """Check each ``custom:`` condition against ``registry``.

    An unregistered name is ``rule.unknown`` (with "did you mean" and how rules are
    loaded); parameters that do not fit the rule's class are ``rule.params``.
    """

    def check(cond: m.CustomRule) -> list[tuple[str, str]]:
        messages = registry.check_params(cond.rule, dict(cond.params))
        if not messages:
            return []
        known = registry.names()
        if cond.rule in known:
            return [("rule.params", message) for message in messages]
        return [("rule.unknown", unknown_rule_message(cond.rule, known))]

    return check


_POOLS = {"skill": "skills", "tool": "tools", "persona": "personas"}


class ConditionHost(parse.ConditionHost, Protocol):
    """What the loader lends the condition checks: problems, definitions, the rule checker."""

    problems: list[Problem]
    defs: dict[str, dict[str, Any]]
    removed_refs: set[str]
    rule_checker: CodedRuleChecker | None


def check_custom_rules(host: ConditionHost, cond: m.Condition | None, loc: Any, path: Path) -> None:
    """Report every ``custom:`` rule in ``cond`` that the checker refuses, where it is written.

    Called where a condition is read (a step's ``rule``, an overlay's ``extend`` or
    ``replace``), so a rule an overlay adds to a base step is reported at the overlay.
    """
    if cond is None or host.rule_checker is None:
        return
    for leaf, at in walk(cond, path):
        if isinstance(leaf, m.CustomRule):
            for code, message in host.rule_checker(leaf):
                sub = {"rule.unknown": ("rule",), "rule.params": ("params",)}.get(code, ())
                host.problems.append(loc.problem((*at, "custom", *sub), message, code))


def check_condition(host: ConditionHost, cond: m.Condition, step: m.Step, loc: Located, path: Path) -> None:
    """Report every id ``cond`` names that is not defined (removed ones report at the overlay).

    Custom rules are checked where the condition is read (:func:`check_custom_rules`).
    """
    for ref in refs(cond, path):
        pool = host.defs[_POOLS[ref.kind]]
        if ref.key not in pool and ref.key not in host.removed_refs:
            host.problems.append(
                loc.problem(
                    ref.path,
                    bilingual(f"{kind_ja(ref.kind)} '{ref.key}' が見つかりません", f"unknown {ref.kind} '{ref.key}'")
                    + did_you_mean_ids(ref.key, pool),
                    "ref.unknown",
                )
            )


def qualify_condition(
    cond: m.Condition | None, q: Callable[[str], str], tool_q: Callable[[str], str] | None = None
) -> m.Condition | None:
    """``cond`` with every id it names qualified by ``q`` (tools by ``tool_q``, default ``q``)."""
    if cond is None:
        return None
    tq = q if tool_q is None else tool_q
    return map_refs(cond, lambda kind, key: tq(key) if kind == "tool" else q(key))
