"""The skill graph: a typed networkx ``MultiDiGraph`` view of a catalog, built on demand
(this module, and networkx, are imported when a catalog's graph is first built).

Nodes are definition ids; each node carries ``kind``, ``label``, ``framework`` and
the definition itself under ``definition``. Edges are typed by their key:

=============  =====================  ==================================================
edge key       from → to              meaning
=============  =====================  ==================================================
defines        framework → definition the framework defines it
has_level      scale → level          a level of the scale
precedes       level/step → next      the next level or step up
inherits       persona → persona      presumes the parent's skills
requires       persona → skill        a requirement (attributes: level, mark, priority)
has_variant    persona → variant      a role variant or job type
has_step       persona → step         a rung of the persona's ladder
step_requires  step → skill/tool/step what the step's rule names (attribute ``condition``)
teaches        training → skill       an Off-JT training teaches the skill
exercises      tool → skill           a DSM tool exercises a skill
=============  =====================  ==================================================

Mapping edges (SKOS predicates) join when crosswalks are loaded.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, TypeAlias

import networkx as nx

from . import model as m
from ._inheritance import EffectiveSkill, effective_skills, lineage, trained_skills
from .conditions.ast import leaves

__all__ = ["EffectiveSkill", "Graph", "build_graph", "effective_skills", "lineage", "trained_skills"]

if TYPE_CHECKING:
    #: The graph's type: nodes are definition ids (``str``).
    Graph: TypeAlias = nx.MultiDiGraph[str]
else:  # networkx's classes take no type arguments at run time (docs tools evaluate this one)
    Graph = nx.MultiDiGraph


def _node(g: Graph, d: Any, kind: str) -> None:
    g.add_node(d.id, kind=kind, label=d.label, framework=d.framework, definition=d)


def build_graph(frameworks: Mapping[str, m.Framework], defs: Mapping[str, Mapping[str, Any]]) -> Graph:
    """Build the typed graph of every definition."""
    g: Graph = nx.MultiDiGraph()
    for fw in frameworks.values():
        g.add_node(fw.id, kind="framework", label=fw.label, framework=fw.id, definition=fw)
    for kind, singular in (
        ("skills", "skill"),
        ("personas", "persona"),
        ("scales", "scale"),
        ("trainings", "training"),
        ("tools", "tool"),
        ("steps", "step"),
    ):
        for d in defs[kind].values():
            _node(g, d, singular)
            if kind != "steps":
                g.add_edge(d.framework, d.id, key="defines")
    for sc in defs["scales"].values():
        prev: m.Level | None = None
        for lv in sorted(sc.levels, key=lambda lv: lv.rank):
            _node(g, lv, "level")
            g.add_edge(sc.id, lv.id, key="has_level")
            if prev is not None:
                g.add_edge(prev.id, lv.id, key="precedes")
            prev = lv
    personas: Mapping[str, m.Persona] = defs["personas"]
    skills: Mapping[str, m.Skill] = defs["skills"]
    for p in personas.values():
        for parent in p.inherits:
            g.add_edge(p.id, parent, key="inherits")
        for req in p.requirements:
            g.add_edge(p.id, req.skill, key="requires", level=req.level, mark=req.mark, priority=req.priority)
        for v in p.variants:
            _node(g, v, "variant")
            g.add_edge(p.id, v.id, key="has_variant")
    ladders: dict[str, list[m.Step]] = {}
    for st in defs["steps"].values():
        ladders.setdefault(st.persona, []).append(st)
    for pid, steps in ladders.items():
        steps.sort(key=lambda s: s.rank)
        for i, st in enumerate(steps):
            g.add_edge(pid, st.id, key="has_step")
            if i:
                g.add_edge(steps[i - 1].id, st.id, key="precedes")
            for leaf in leaves(st.rule):
                for target, extra in _leaf_targets(leaf, st, personas, skills, ladders):
                    if target in g:
                        g.add_edge(st.id, target, key="step_requires", condition=type(leaf).__name__, **extra)
    for t in defs["trainings"].values():
        for s in t.skills:
            g.add_edge(t.id, s, key="teaches")
    for tool in defs["tools"].values():
        if tool.skill:
            g.add_edge(tool.id, tool.skill, key="exercises")
    return g


def _leaf_targets(
    leaf: m.Condition,
    step: m.Step,
    personas: Mapping[str, m.Persona],
    skills: Mapping[str, m.Skill],
    ladders: Mapping[str, list[m.Step]],
) -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(leaf, m.Trained):
        yield from ((s, {}) for s in trained_skills(leaf, step.persona, personas, skills))
    elif isinstance(leaf, m.DsmLevel):
        yield from ((s, {"min": leaf.min}) for s in leaf.skills)
    elif isinstance(leaf, m.ToolsAtLeast):
        yield from ((t, {"min": leaf.min}) for t in leaf.tools)
    elif isinstance(leaf, m.StepReached):
        for st in ladders.get(leaf.persona, ()):
            if st.rank == leaf.min:
                yield st.id, {}
