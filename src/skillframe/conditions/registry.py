"""Custom rules and checklist aggregations: the :class:`Registry` and its default one.

A municipality extends the closed condition language (:mod:`skillframe.conditions`) in two places:

- a **custom rule** is a Python function named in a catalog's step rule
  (``custom: {rule: name, params: {...}}``). It is registered with
  :func:`skillframe.rule` (on the default registry) or :meth:`Registry.rule`, with an
  attrs class for its parameters; the loader checks the rule name (with "did you
  mean") and structures the parameters with cattrs when the catalog loads.
- a **checklist aggregation** turns the ticked 実務経験 items of a DSM tool into a
  level. The default, ``every-item`` (reading-guide §3), reaches a level when every
  item of that level and of each level below is ticked.

Packaged rule sets are found through the entry-point group ``skillframe.rules``: each
entry point names a callable that takes the registry (``register(registry)``) or a
module that registers on import. The default registry loads them lazily, once, the
first time a name is looked up.

A rule's function gets ``(record, params, context)`` and returns ``True``/``False``
or a :class:`RuleResult` (met, unmet or unknown, with expected and actual):

>>> import attrs
>>> reg = Registry()
>>> @attrs.frozen
... class MinAge:
...     years: int
>>> @reg.rule("tenure", params=MinAge)
... def tenure(record, params, context):
...     years = record.extra.get("tenure")
...     if years is None:
...         return RuleResult.unknown(expected=f">= {params.years}")
...     return RuleResult.of(years >= params.years, expected=f">= {params.years}", actual=str(years))
>>> reg.names()
['tenure']
>>> reg.check_params("tenure", {"years": "x"})
['tenure: years: 型が違います / wrong type: expected int, got str']
>>> reg.check_params("tenur", {})[0]
"未知のルール 'tenur' / unknown rule 'tenur' (もしかして / did you mean: tenure)"
"""

from __future__ import annotations

import threading
import warnings
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Literal

import attrs

from .. import model as m
from .._text import suggest
from ..errors import UnknownKeyError, bilingual

__all__ = [
    "AGGREGATION_DEFAULT",
    "ENTRY_POINT_GROUP",
    "Aggregation",
    "RegisteredRule",
    "Registry",
    "RuleFunction",
    "RuleResult",
    "default_registry",
    "every_item",
    "rule",
]

ENTRY_POINT_GROUP = "skillframe.rules"
AGGREGATION_DEFAULT = "every-item"

Status = Literal["met", "unmet", "unknown"]


@attrs.frozen(slots=True)
class RuleResult:
    """What a custom rule found: ``status`` met / unmet / unknown, with expected and actual.

    >>> RuleResult.of(False, expected="≥ 2", actual="1")
    RuleResult(status='unmet', expected='≥ 2', actual='1')
    >>> RuleResult.unknown().status
    'unknown'
    """

    status: Status
    expected: str | None = None
    actual: str | None = None

    @classmethod
    def met(cls, *, expected: str | None = None, actual: str | None = None) -> RuleResult:
        """The rule holds."""
        return cls("met", expected, actual)

    @classmethod
    def unmet(cls, *, expected: str | None = None, actual: str | None = None) -> RuleResult:
        """The rule does not hold."""
        return cls("unmet", expected, actual)

    @classmethod
    def unknown(cls, *, expected: str | None = None, actual: str | None = None) -> RuleResult:
        """The record lacks the data to decide (neither met nor failed)."""
        return cls("unknown", expected, actual)

    @classmethod
    def of(cls, value: bool | None, *, expected: str | None = None, actual: str | None = None) -> RuleResult:
        """From a three-valued truth: ``True`` met, ``False`` unmet, ``None`` unknown."""
        return cls("met" if value else "unknown" if value is None else "unmet", expected, actual)

    @property
    def value(self) -> bool | None:
        """``True`` met, ``False`` unmet, ``None`` unknown."""
        return True if self.status == "met" else None if self.status == "unknown" else False


#: A custom rule: ``(record, params, context) -> bool | RuleResult``.
RuleFunction = Callable[[Any, Any, Any], "bool | RuleResult | None"]

#: A checklist aggregation: ``(tool, ticked) -> level``. ``ticked`` holds checklist item
#: ids, and ``"<item id>:<choice>"`` for each ticked choice of a counted item.
Aggregation = Callable[[m.Tool, frozenset[str]], int]


@attrs.frozen(kw_only=True)
class RegisteredRule:
    """A registered custom rule: its name, function and parameter class."""

    name: str
    function: RuleFunction
    params: type | None = None
    doc: str | None = None

    def structure(self, params: Mapping[str, object]) -> Any:
        """The parameters as an instance of :attr:`params` (a plain dict when there is no class)."""
        if self.params is None:
            return dict(params)
        from .._formats.structure import CONVERTER  # cattrs: only when a rule's parameters are read

        return CONVERTER.structure(dict(params), self.params)


def every_item(tool: m.Tool, ticked: frozenset[str]) -> int:
    """The default aggregation (reading-guide §3): every item of a level and of each level below.

    A counted item (Excel's 「以下より5種類以上の関数」) is ticked when the item itself is
    ticked or when at least ``min_choices`` of its choices are. A level without items
    (Lv0) is reached by everyone.

    >>> item = m.CheckItem(id="x-1-1", text="a")
    >>> counted = m.CheckItem(id="x-2-1", text="b", choices=("P", "Q", "R"), min_choices=2)
    >>> tool = m.Tool(id="d:x", label="X", levels=(
    ...     m.ToolLevel(rank=0, label="0"),
    ...     m.ToolLevel(rank=1, label="1", checklist=(item,)),
    ...     m.ToolLevel(rank=2, label="2", checklist=(counted,))))
    >>> every_item(tool, frozenset({"x-1-1", "x-2-1:P"})), every_item(tool, frozenset({"x-1-1", "x-2-1:P", "x-2-1:R"}))
    (1, 2)
    """
    reached = 0
    for level in sorted(tool.levels, key=lambda lv: lv.rank):
        if all(_item_ticked(item, ticked) for item in level.checklist):
            reached = max(reached, level.rank)
        else:
            break
    return reached


def _item_ticked(item: m.CheckItem, ticked: frozenset[str]) -> bool:
    if item.id in ticked:
        return True
    if item.choices:
        need = item.min_choices if item.min_choices is not None else len(item.choices)
        return sum(f"{item.id}:{c}" in ticked for c in item.choices) >= need
    return False


class Registry:
    """Custom rules and checklist aggregations, by name.

    ``Registry()`` is empty; :data:`default_registry` (used when no registry is given)
    also loads the packaged rule sets of the ``skillframe.rules`` entry-point group,
    lazily and once. ``version`` grows on every registration, so compiled ladders
    notice a change.
    """

    def __init__(self, *, entry_points: bool = False) -> None:
        self._rules: dict[str, RegisteredRule] = {}
        self._aggregations: dict[str, Aggregation] = {AGGREGATION_DEFAULT: every_item}
        self._entry_points = entry_points
        self._loaded = not entry_points
        self._lock = threading.RLock()
        self.version = 0

    def __repr__(self) -> str:
        return f"<Registry rules={sorted(self._rules)} aggregations={sorted(self._aggregations)}>"

    # -- registration --------------------------------------------------------------------

    def rule(self, name: str, *, params: type | None = None) -> Callable[[RuleFunction], RuleFunction]:
        """A decorator that registers a custom rule under ``name``."""

        def deco(func: RuleFunction) -> RuleFunction:
            self.register(name, func, params=params)
            return func

        return deco

    def register(self, name: str, function: RuleFunction, *, params: type | None = None) -> RegisteredRule:
        """Register (or replace) a custom rule."""
        if params is not None and not attrs.has(params):
            raise TypeError(bilingual("params は attrs クラスです", "params must be an attrs class") + f": {params!r}")
        entry = RegisteredRule(name=name, function=function, params=params, doc=getattr(function, "__doc__", None))
        with self._lock:
            self._rules[name] = entry
            self.version += 1
        return entry

    def unregister(self, name: str) -> None:
        """Remove a custom rule (tests use this to clean up the default registry)."""
        with self._lock:
            self._rules.pop(name, None)
            self.version += 1

    def aggregation(self, name: str) -> Callable[[Aggregation], Aggregation]:
        """A decorator that registers a checklist aggregation under ``name``."""

        def deco(func: Aggregation) -> Aggregation:
            with self._lock:
                self._aggregations[name] = func
                self.version += 1
            return func

        return deco

    # -- look-ups ------------------------------------------------------------------------

    def _load_entry_points(self) -> None:
        if self._loaded:
            return
        with self._lock:
            if self._loaded:
                return
            self._loaded = True
            import importlib.metadata  # only when packaged rule sets are first needed

            builtin = self._aggregations.get(AGGREGATION_DEFAULT)
            for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
                target = ep.load()
                if callable(target):
                    target(self)
            if builtin is not None and self._aggregations.get(AGGREGATION_DEFAULT) is not builtin:
                self._aggregations[AGGREGATION_DEFAULT] = builtin  # see get_aggregation
                name = AGGREGATION_DEFAULT
                warnings.warn(
                    bilingual(
                        f"パッケージのルールセットは集計 '{name}' を置き換えられません（別の名前で登録してください）",
                        f"a packaged rule set cannot replace the aggregation '{name}' (use another name)",
                    ),
                    RuntimeWarning,
                    stacklevel=2,
                )

    def names(self) -> list[str]:
        """Every registered rule name, sorted."""
        self._load_entry_points()
        return sorted(self._rules)

    def aggregations(self) -> list[str]:
        """Every registered aggregation name, sorted."""
        self._load_entry_points()
        return sorted(self._aggregations)

    def get(self, name: str) -> RegisteredRule:
        """The rule registered under ``name``; :class:`~skillframe.UnknownKeyError` with near names."""
        self._load_entry_points()
        try:
            return self._rules[name]
        except KeyError:
            raise UnknownKeyError("rule", name, suggestions=suggest(name, self._rules)) from None

    def get_aggregation(self, name: str) -> Aggregation:
        """The aggregation registered under ``name``.

        The default (``every-item``) is skillframe's own: packaged rule sets (entry points)
        add aggregations under other names and are not loaded to find it, so evaluating
        with the default does not scan the installed packages."""
        if name != AGGREGATION_DEFAULT or AGGREGATION_DEFAULT not in self._aggregations:
            self._load_entry_points()
        try:
            return self._aggregations[name]
        except KeyError:
            raise UnknownKeyError("aggregation", name, suggestions=suggest(name, self._aggregations)) from None

    def check_params(self, name: str, params: Mapping[str, object]) -> list[str]:
        """Problems with a custom-rule reference: unknown name or parameters that don't structure."""
        self._load_entry_points()
        entry = self._rules.get(name)
        if entry is None:
            near = suggest(name, self._rules)
            hint = f" (もしかして / did you mean: {', '.join(near)})" if near else ""
            return [bilingual(f"未知のルール '{name}'", f"unknown rule '{name}'") + hint]
        from .._formats.structure import problems_of

        try:
            entry.structure(params)
        except Exception as exc:  # noqa: BLE001 - every structuring error becomes a message
            return [f"{name}: {'.'.join(map(str, path)) or 'params'}: {msg}" for path, msg in problems_of(exc)]
        return []

    def checker(self) -> Callable[[m.CustomRule], Sequence[str]]:
        """A ``rule_checker`` for the loader: checks each ``custom:`` condition against this registry."""

        def check(cond: m.CustomRule) -> Sequence[str]:
            return self.check_params(cond.rule, dict(cond.params))

        return check


#: The registry used when none is given; it loads the ``skillframe.rules`` entry points.
default_registry = Registry(entry_points=True)


def rule(
    name: str, *, params: type | None = None, registry: Registry | None = None
) -> Callable[[RuleFunction], RuleFunction]:
    """Register a custom rule on the default registry (or ``registry``).

    >>> import skillframe
    >>> reg = skillframe.Registry()
    >>> @skillframe.rule("always", registry=reg)
    ... def always(record, params, context):
    ...     return True
    >>> reg.get("always").name
    'always'
    """
    return (registry or default_registry).rule(name, params=params)
