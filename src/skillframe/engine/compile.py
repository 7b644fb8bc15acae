"""Conditions → compiled nodes: each node's meaning is ONE pair of Python expressions.

Truth is three-valued: ``True`` met, ``False`` unmet, ``None`` unknown (the record lacks
the value). A node carries two expressions over a record's fact locals (``t`` trained
ids, ``tv`` the outcomes of the ladder's trained-skill groups for ``t``, ``d`` DSM
levels, ``tl`` tool levels, ``py``/``ly``/``lc`` the numbers, ``mt`` mentoring, ``x``
the whole facts tuple — see :mod:`skillframe.engine.facts`):
``true`` holds when the node is definitely met, ``false`` when definitely unmet; the
two never hold together, and when neither does the node is unknown. So ``all`` is
``False`` when any part is, else ``None`` when any part is unknown; ``any`` is the dual;
``not`` swaps the two expressions and keeps unknown unknown.

These expressions are the only definition of what a condition means: the ladder's
generated code (:mod:`skillframe.engine.ladder`) evaluates them inline, and the
per-node checks used by explanations are compiled from the same text. Values never
enter the source: they are named constants ``_k<n>`` in the namespace, so catalog
content cannot inject code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import attrs

from .. import model as m
from .._inheritance import trained_skills
from ..conditions.ast import children
from ..conditions.registry import Registry, RuleResult
from ..errors import RuleError
from .facts import DSM, LC, LY, MT, PY, REC, TOOLS, TRAINED, Facts, as_staff_record
from .settings import EvaluationSettings, RuleContext

if TYPE_CHECKING:
    from .._catalog import Catalog
    from .ladder import Ladder

__all__ = ["Leaf", "Node", "NodeCompiler", "node_leaves"]

Check = Callable[[Facts], "bool | None"]
_NUMBER_LOCAL = {"dx_project_years": ("py", PY), "dx_lead_years": ("ly", LY), "dx_lead_count": ("lc", LC)}


def _num(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


@attrs.frozen(kw_only=True, eq=False)
class Leaf:
    """A leaf for explanations: a stable ``id``, what is expected and how to read the actual value."""

    id: str
    condition: m.Condition
    subject: str | None
    expected: object
    actual: Callable[[Facts], object]
    result: Callable[[Facts], RuleResult] | None = None


@attrs.define(kw_only=True, eq=False)
class Node:
    """A compiled condition: ``kind`` all/any/not/leaf, its ``true``/``false`` expressions.

    ``check`` (facts → ``True``/``False``/``None``) is compiled from the same expressions
    by the ladder; ``uses_x`` when an expression needs the whole facts tuple.
    """

    kind: str
    true: str
    false: str
    children: tuple[Node, ...] = ()
    leaf: Leaf | None = None
    uses_x: bool = False
    check: Check | None = None


_ALWAYS = ("True", "False")


def _all(kind: str, kids: tuple[Node, ...]) -> Node:
    if not kids:
        return Node(kind="all", true="True", false="False")
    if kind == "all":
        true = " and ".join(k.true for k in kids)
        false = " or ".join(k.false for k in kids)
    else:
        true = " or ".join(k.true for k in kids)
        false = " and ".join(k.false for k in kids)
    return Node(kind=kind, true=f"({true})", false=f"({false})", children=kids, uses_x=any(k.uses_x for k in kids))


def node_leaves(node: Node) -> Iterator[Leaf]:
    """Every leaf of a compiled node, depth first."""
    if node.leaf is not None:
        yield node.leaf
    for kid in node.children:
        yield from node_leaves(kid)


class NodeCompiler:
    """Compiles the rules of one persona's steps (a helper of :func:`~skillframe.engine.ladder.compile_ladder`)."""

    def __init__(
        self,
        catalog: Catalog,
        persona: str,
        registry: Registry,
        settings: EvaluationSettings,
        other_ladder: Callable[[str], Ladder],
    ) -> None:
        self.catalog = catalog
        self.persona = persona
        self.registry = registry
        self.settings = settings
        self.other_ladder = other_ladder
        self.ns: dict[str, Any] = {}
        self.step: m.Step | None = None
        self._consts: dict[tuple[type, Any], str] = {}
        #: The skill sets of the ladder's trained groups (see ``tv``), in order.
        self.groups: list[frozenset[str]] = []

    def const(self, value: object) -> str:
        """A name for a value in the generated code's namespace (values never enter the source)."""
        try:
            key: tuple[type, Any] | None = (type(value), value)
            hit = self._consts.get(key)  # type: ignore[arg-type]
            if hit is not None:
                return hit
        except TypeError:
            key = None
        name = f"_k{len(self.ns)}"
        self.ns[name] = value
        if key is not None:
            self._consts[key] = name
        return name

    def compile(self, cond: m.Condition | None) -> Node:
        """The node of a condition (``None``: always met)."""
        if cond is None:
            return Node(kind="all", true="True", false="False")
        if isinstance(cond, m.All | m.Any):
            return _all("all" if isinstance(cond, m.All) else "any", tuple(self.compile(c) for c in children(cond)))
        if isinstance(cond, m.Not):
            kid = self.compile(cond.of)
            return Node(kind="not", true=kid.false, false=kid.true, children=(kid,), uses_x=kid.uses_x)
        if isinstance(cond, m.Trained):
            return self._trained(cond)
        if isinstance(cond, m.DsmLevel):
            return _all("all", tuple(self._dsm(cond, s) for s in cond.skills))
        if isinstance(cond, m.ToolsAtLeast):
            tools = self._deployed() if cond.deployed else list(cond.tools)
            return _all("all", tuple(self._tool(cond, t) for t in tools))
        if isinstance(cond, m.NumberAtLeast):
            return self._number(cond)
        if isinstance(cond, m.Mentoring):
            return self._mentoring(cond)
        if isinstance(cond, m.StepReached):
            return self._step_reached(cond)
        return self._custom(cond)

    # -- leaves ----------------------------------------------------------------------------

    def _trained(self, cond: m.Trained) -> Node:
        assert self.step is not None
        ids = trained_skills(
            cond, self.step.persona, self.catalog.definitions("persona"), self.catalog.definitions("skill")
        )
        kids = []
        for sid in ids:
            k = self.const(sid)

            def actual(x: Facts, sid: str = sid) -> bool | None:
                t = x[TRAINED]
                return None if t is None else sid in t

            leaf = Leaf(id=f"trained:{sid}", condition=cond, subject=sid, expected=True, actual=actual)
            kids.append(
                Node(
                    kind="leaf",
                    true=f"(t is not None and {k} in t)",
                    false=f"(t is not None and {k} not in t)",
                    leaf=leaf,
                )
            )
        if len(kids) <= 1:
            return kids[0] if kids else Node(kind="all", true="True", false="False")
        # The group says the same as "all" of its leaves, in one subset test per distinct
        # set of trained skills: ``tv`` holds (t, K1 <= t, K2 <= t, …) for the ladder's
        # groups K1, K2…, worked out once per distinct t (see Ladder).
        group = frozenset(ids)
        if group not in self.groups:
            self.groups.append(group)
        j = self.groups.index(group) + 1
        return Node(kind="all", true=f"tv[{j}]", false=f"(tv[0] is not None and not tv[{j}])", children=tuple(kids))

    def _dsm(self, cond: m.DsmLevel, skill: str) -> Node:
        need = cond.min

        def level(d: dict[str, int] | None, t: frozenset[str] | None) -> int | None:
            lv = None if d is None else d.get(skill)
            ev = 1 if t is not None and skill in t else 0  # a training is Lv1 evidence
            if lv is None:
                return 1 if ev else None
            return lv if lv >= ev else ev

        leaf = Leaf(
            id=f"dsm:{skill}>={need}",
            condition=cond,
            subject=skill,
            expected=need,
            actual=lambda x: level(x[DSM], x[TRAINED]),
        )
        if need <= 0:
            return Node(kind="leaf", true="True", false="False", leaf=leaf)
        # inline, as ``level`` reads it: a declared level (0-3; missing reads -1) at least
        # ``need`` is met, below it unmet; a training is Lv1 evidence, so it meets ``need`` <= 1,
        # and without a declared level says nothing about Lv2+ (unknown)
        k, n = self.const(skill), self.const(need)
        true = f"(d is not None and d.get({k}, -1) >= {n})"
        false = f"(d is not None and -1 < d.get({k}, -1) < {n})"
        if need <= 1:
            trained = f"(t is not None and {k} in t)"
            true, false = f"({true} or {trained})", f"({false} and not {trained})"
        return Node(kind="leaf", true=true, false=false, leaf=leaf)

    def _tool(self, cond: m.ToolsAtLeast, tool: str) -> Node:
        need, k, n = cond.min, self.const(tool), self.const(cond.min)

        def actual(x: Facts) -> int | None:
            levels = x[TOOLS]
            return None if levels is None else levels.get(tool)

        leaf = Leaf(id=f"tool:{tool}>={need}", condition=cond, subject=tool, expected=need, actual=actual)
        # levels are 0-3: a missing tool reads -1 (unknown: neither met nor unmet)
        return Node(
            kind="leaf",
            true=f"(tl is not None and tl.get({k}, -1) >= {n})",
            false=f"(tl is not None and -1 < tl.get({k}, -1) < {n})",
            leaf=leaf,
        )

    def _deployed(self) -> list[str]:
        keys = self.settings.deployed_tools
        if keys is None:  # the municipality's setting (an overlay's framework.settings), if any
            keys = self.catalog.settings(self.catalog.persona(self.persona).framework).deployed_tools
        if keys is None:
            provider = self.catalog.provider("dsm_levels")  # the framework whose tools staff records give
            tools = [t.id for t in self.catalog.tools(provider)] if provider is not None else []
            return tools or [t.id for t in self.catalog.tools()]
        return [self.catalog.tool(k).id for k in keys]

    def _number(self, cond: m.NumberAtLeast) -> Node:
        v, slot = _NUMBER_LOCAL[cond.field]
        k = self.const(cond.min)
        leaf = Leaf(
            id=f"{cond.field}>={_num(cond.min)}",
            condition=cond,
            subject=None,
            expected=_num(cond.min),
            actual=lambda x: x[slot],
        )
        # NaN never reaches here (the reader makes it unknown); both false for it anyway
        return Node(
            kind="leaf", true=f"({v} is not None and {v} >= {k})", false=f"({v} is not None and {v} < {k})", leaf=leaf
        )

    def _mentoring(self, cond: m.Mentoring) -> Node:
        want = cond.value
        k = self.const(want)
        leaf = Leaf(
            id="mentoring" if want else "mentoring=false",
            condition=cond,
            subject=None,
            expected=want,
            actual=lambda x: x[MT],
        )
        return Node(kind="leaf", true=f"(mt is {k})", false=f"(mt is not None and mt is not {k})", leaf=leaf)

    def _step_reached(self, cond: m.StepReached) -> Node:
        other = self.other_ladder(cond.persona)
        need = cond.min

        def reached(x: Facts) -> bool | None:
            rank = other.rank_of(x)
            if rank >= need:
                return True
            return None if other.step_check(rank, x) is None else False

        c = self.const(reached)
        leaf = Leaf(
            id=f"step:{cond.persona}>={need}",
            condition=cond,
            subject=cond.persona,
            expected=need,
            actual=other.rank_of,
        )
        return Node(kind="leaf", true=f"({c}(x) is True)", false=f"({c}(x) is False)", leaf=leaf, uses_x=True)

    def _custom(self, cond: m.CustomRule) -> Node:
        entry = self.registry.get(cond.rule)
        name = cond.rule
        try:
            params = entry.structure(dict(cond.params))
        except Exception as exc:
            raise RuleError(name, None, exc) from exc
        func = entry.function
        catalog, persona, settings = self.catalog, self.persona, self.settings
        assert self.step is not None
        step = self.step

        def result(x: Facts) -> RuleResult:
            record = as_staff_record(x[REC])
            ctx = RuleContext(catalog=catalog, persona=persona, step=step, settings=settings, facts=x)
            try:
                out = func(record, params, ctx)
            except Exception as exc:
                raise RuleError(name, record.id, exc) from exc
            if isinstance(out, RuleResult):
                return out
            if isinstance(out, bool) or out is None:
                return RuleResult.of(out)
            raise RuleError(name, record.id, TypeError(f"a rule returns bool or RuleResult, got {type(out).__name__}"))

        c = self.const(result)
        leaf = Leaf(
            id=f"custom:{name}",
            condition=cond,
            subject=None,
            expected=None,
            actual=lambda x: result(x).actual,
            result=result,
        )
        return Node(
            kind="leaf", true=f"({c}(x).value is True)", false=f"({c}(x).value is False)", leaf=leaf, uses_x=True
        )
