"""The rule language's syntax tree: the condition classes and ONE walker over them.

A step rule (``rule:`` of a step in a catalog file) is a tree of conditions: ``all``,
``any`` and ``not`` combine leaves (``trained``, ``dsm``, ``tools``, the staff number
fields, ``mentoring``, ``step``, ``custom``). Everything that looks inside a condition —
the loader qualifying ids, overlays re-qualifying them, the graph, the checks of
references — goes through :func:`children`, :func:`leaves`, :func:`refs` and
:func:`map_refs` here; what each kind's parameters are is in
:mod:`skillframe.conditions.spec`.

>>> rule = All(of=(Trained(skills=("bpr",)), Not(of=StepReached(persona="x:p", min=2))))
>>> [type(c).__name__ for c in leaves(rule)]
['Trained', 'StepReached']
>>> [(r.kind, r.key, r.path) for r in refs(rule)]
[('skill', 'bpr', ('all', 0, 'trained', 0)), ('persona', 'x:p', ('all', 1, 'not', 'step', 'persona'))]
>>> map_refs(rule, lambda kind, key: key if ":" in key else "wg:" + key).of[0]
Trained(skills=('wg:bpr',), skills_of=None, except_tags=())
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Literal

import attrs

__all__ = [
    "All",
    "Any",
    "Condition",
    "CustomRule",
    "DsmLevel",
    "Mentoring",
    "Not",
    "NumberAtLeast",
    "Ref",
    "StepReached",
    "ToolsAtLeast",
    "Trained",
    "children",
    "leaves",
    "map_refs",
    "refs",
    "walk",
]


@attrs.frozen(kw_only=True)
class All:
    """Every sub-condition holds (``all: [...]``)."""

    of: tuple[Condition, ...]


@attrs.frozen(kw_only=True)
class Any:
    """At least one sub-condition holds (``any: [...]``)."""

    of: tuple[Condition, ...]


@attrs.frozen(kw_only=True)
class Not:
    """The sub-condition does not hold (``not: {...}``)."""

    of: Condition


@attrs.frozen(kw_only=True)
class Trained:
    """The recommended training of each listed skill is completed.

    ``skills`` lists skill ids; ``skills_of`` takes every skill a persona requires
    (own and inherited, ``self`` = the step's persona), less those tagged with
    one of ``except_tags``.
    """

    skills: tuple[str, ...] = ()
    skills_of: str | None = None
    except_tags: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class DsmLevel:
    """The DSM level of each listed skill is at least ``min`` (training = Lv1 evidence)."""

    skills: tuple[str, ...]
    min: int


@attrs.frozen(kw_only=True)
class ToolsAtLeast:
    """Each listed tool (or every deployed tool when ``deployed``) is at level ``min`` or above."""

    tools: tuple[str, ...] = ()
    deployed: bool = False
    min: int


@attrs.frozen(kw_only=True)
class NumberAtLeast:
    """A numeric staff field (``dx_project_years``, ``dx_lead_years``, ``dx_lead_count``) ≥ ``min``."""

    field: Literal["dx_project_years", "dx_lead_years", "dx_lead_count"]
    min: float


@attrs.frozen(kw_only=True)
class Mentoring:
    """The person mentors juniors (後進の指導/フォロー)."""

    value: bool = True


@attrs.frozen(kw_only=True)
class StepReached:
    """The person has reached at least step ``min`` of another persona's ladder."""

    persona: str
    min: int


@attrs.frozen(kw_only=True)
class CustomRule:
    """A rule registered in Python (``@skillframe.rule``), with its parameters."""

    rule: str
    params: tuple[tuple[str, object], ...] = ()


Condition = All | Any | Not | Trained | DsmLevel | ToolsAtLeast | NumberAtLeast | Mentoring | StepReached | CustomRule

RefKind = Literal["skill", "tool", "persona"]


@attrs.frozen
class Ref:
    """A reference a condition makes: ``kind`` skill/tool/persona, the ``key`` as stored, and
    the ``path`` below the condition where it is written (for file:line problems)."""

    kind: RefKind
    key: str
    path: tuple[str | int, ...]


def children(cond: Condition) -> tuple[Condition, ...]:
    """The sub-conditions of ``all``/``any``/``not`` (empty for a leaf)."""
    if isinstance(cond, All | Any):
        return cond.of
    if isinstance(cond, Not):
        return (cond.of,)
    return ()


def _key(cond: Condition) -> str:
    if isinstance(cond, All):
        return "all"
    if isinstance(cond, Any):
        return "any"
    return "not"


def leaves(cond: Condition | None) -> Iterator[Condition]:
    """Every leaf condition under ``cond`` (``None``: none), depth first."""
    for leaf, _ in walk(cond):
        yield leaf


def walk(cond: Condition | None, path: tuple[str | int, ...] = ()) -> Iterator[tuple[Condition, tuple[str | int, ...]]]:
    """Every leaf under ``cond`` with the path where it is written (``("all", 0)``…), depth first."""
    if cond is None:
        return
    if isinstance(cond, All | Any):
        for i, sub in enumerate(cond.of):
            yield from walk(sub, (*path, _key(cond), i))
    elif isinstance(cond, Not):
        yield from walk(cond.of, (*path, "not"))
    else:
        yield cond, path


def refs(cond: Condition | None, path: tuple[str | int, ...] = ()) -> Iterator[Ref]:
    """Every skill, tool and persona reference under ``cond``, with where it is written.

    ``trained: {skills_of: self}`` names the step's own persona: no reference.
    """
    for leaf, at in walk(cond, path):
        if isinstance(leaf, Trained):
            short = leaf.skills_of is None  # written as a list (``trained: [a, b]``)
            for i, s in enumerate(leaf.skills):
                yield Ref("skill", s, (*at, "trained", i) if short else (*at, "trained", "skills", i))
            if leaf.skills_of not in (None, "self"):
                yield Ref("persona", str(leaf.skills_of), (*at, "trained", "skills_of"))
        elif isinstance(leaf, DsmLevel):
            for i, s in enumerate(leaf.skills):
                yield Ref("skill", s, (*at, "dsm", "skills", i))
        elif isinstance(leaf, ToolsAtLeast):
            for i, t in enumerate(leaf.tools):
                yield Ref("tool", t, (*at, "tools", "tools", i))
        elif isinstance(leaf, StepReached):
            yield Ref("persona", leaf.persona, (*at, "step", "persona"))


def map_refs(cond: Condition, fn: Callable[[RefKind, str], str]) -> Condition:
    """``cond`` with every reference replaced by ``fn(kind, key)`` (qualification, renames)."""
    if isinstance(cond, All | Any):
        return attrs.evolve(cond, of=tuple(map_refs(c, fn) for c in cond.of))
    if isinstance(cond, Not):
        return Not(of=map_refs(cond.of, fn))
    if isinstance(cond, Trained):
        of = cond.skills_of if cond.skills_of in (None, "self") else fn("persona", str(cond.skills_of))
        return attrs.evolve(cond, skills=tuple(fn("skill", s) for s in cond.skills), skills_of=of)
    if isinstance(cond, DsmLevel):
        return attrs.evolve(cond, skills=tuple(fn("skill", s) for s in cond.skills))
    if isinstance(cond, ToolsAtLeast):
        return attrs.evolve(cond, tools=tuple(fn("tool", t) for t in cond.tools))
    if isinstance(cond, StepReached):
        return attrs.evolve(cond, persona=fn("persona", cond.persona))
    return cond
