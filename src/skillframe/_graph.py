"""The skill graph (a typed networkx ``MultiDiGraph``) and persona inheritance.

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
from typing import TYPE_CHECKING, Any

import attrs

from . import model as m

if TYPE_CHECKING:  # networkx is imported when a graph is first built, not at import time
    import networkx as nx

__all__ = ["EffectiveSkill", "build_graph", "condition_leaves", "effective_skills", "lineage"]


@attrs.frozen
class EffectiveSkill:
    """A skill a persona needs, with the requirement and the persona it comes from.

    ``origin`` is the id of the persona whose requirement it is: the persona itself
    for its own skills, an ancestor for inherited ones.
    """

    skill: m.Skill
    requirement: m.Requirement
    origin: str
    persona: str

    @property
    def inherited(self) -> bool:
        """True when the skill comes from an ancestor."""
        return self.origin != self.persona

    @property
    def trainings(self) -> tuple[str, ...]:
        """The 教育施策 for this persona: the requirement's override, else the skill's own."""
        override = self.requirement.trainings
        return self.skill.trainings if override is None else override

    @property
    def category(self) -> str | None:
        """The 区分 for this persona: the requirement's override, else the skill's own."""
        return self.requirement.category if self.requirement.category is not None else self.skill.category


def lineage(personas: Mapping[str, m.Persona], pid: str) -> list[str]:
    """The persona and its ancestors, most basic first, each once (depth-first, parents in order)."""
    out: list[str] = []
    seen: set[str] = set()

    def visit(p: str) -> None:
        if p in seen or p not in personas:
            return
        seen.add(p)
        for parent in personas[p].inherits:
            visit(parent)
        out.append(p)

    visit(pid)
    return out


def effective_skills(
    personas: Mapping[str, m.Persona], skills: Mapping[str, m.Skill], pid: str
) -> list[EffectiveSkill]:
    """Own and inherited skills of a persona, most basic ancestor's first, in declaration order.

    A skill required by several personas of the line keeps its first place and the
    requirement of the most specific persona (e.g. its own certifications).
    """
    order: list[str] = []
    chosen: dict[str, tuple[m.Requirement, str]] = {}
    for p in lineage(personas, pid):
        for req in personas[p].requirements:
            if req.skill not in skills:
                continue
            if req.skill not in chosen:
                order.append(req.skill)
            chosen[req.skill] = (req, p)
    return [EffectiveSkill(skills[s], chosen[s][0], chosen[s][1], pid) for s in order]


def condition_leaves(cond: m.Condition | None) -> Iterator[m.Condition]:
    """Every leaf condition under ``cond``, depth first."""
    if cond is None:
        return
    if isinstance(cond, (m.All, m.Any)):
        for sub in cond.of:
            yield from condition_leaves(sub)
    elif isinstance(cond, m.Not):
        yield from condition_leaves(cond.of)
    else:
        yield cond


def _node(g: nx.MultiDiGraph[str], d: Any, kind: str) -> None:
    g.add_node(d.id, kind=kind, label=d.label, framework=d.framework, definition=d)


def build_graph(frameworks: Mapping[str, m.Framework], defs: Mapping[str, Mapping[str, Any]]) -> nx.MultiDiGraph[str]:
    """Build the typed graph of every definition."""
    import networkx as nx

    g: nx.MultiDiGraph[str] = nx.MultiDiGraph()
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
            for leaf in condition_leaves(st.rule):
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


def trained_skills(
    cond: m.Trained, step_persona: str, personas: Mapping[str, m.Persona], skills: Mapping[str, m.Skill]
) -> list[str]:
    """The skill ids a :class:`~skillframe.model.Trained` condition asks training for."""
    out = list(cond.skills)
    if cond.skills_of is not None:
        pid = step_persona if cond.skills_of == "self" else cond.skills_of
        for es in effective_skills(personas, skills, pid):
            if not set(es.skill.tags) & set(cond.except_tags) and es.skill.id not in out:
                out.append(es.skill.id)
    return out
