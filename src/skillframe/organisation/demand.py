"""Training demand: which Off-JT trainings staff need to reach their next step (purpose A).

Each unmet or unknown leaf of a person's next step that a training can close — a
recommended training not completed (``trained``), a DSM level of at most 1 (``dsm``,
taught by the skill's training), a tool at level ≤ 1 (``tools``, taught by the tool's
ツール活用 skill) — is turned into the trainings that teach the skill (the report's
§6 Off-JT table, ``Training.skills``). A skill no training teaches is counted under
``（研修なし）`` with ``training`` None. ``needed`` counts people certain to need it (the
record says not done), ``unknown`` people who may (the record does not say); a person
counts once per training, as ``needed`` when any of their leaves for it is certain.

>>> import skillframe
>>> cat = skillframe.load()
>>> d = DemandCounter(cat)
>>> ev = skillframe.evaluate(cat, "DX推進員", {"id": "1", "trainings": ["dx-necessity"]})
>>> d.add(ev.persona.id, ev.rank + 1, d.needs(ev.unmet))
>>> top = d.finish()[0]
>>> top.needed, top.unknown, top.by_step[0][1:]
(1, 0, (1, 1))
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from .. import model as m

if TYPE_CHECKING:
    from .._catalog import Catalog

__all__ = ["DemandCounter", "TrainingDemand"]

#: A person's needs for their next step: (training key, 0 needed / 1 unknown), sorted.
Needs = tuple[tuple[str, int], ...]


@attrs.frozen(kw_only=True)
class TrainingDemand:
    """One training and the staff who need it for their next step.

    ``training`` is the training's qualified id, None when no Off-JT training teaches
    the skill(s); ``skills`` the skill ids it teaches; ``bodies`` the implementing
    bodies of the report's Off-JT table (WG report §6) as ``(body, mark, note)``
    (○ main, △ complement). ``needed`` (people) is certain — the record says the
    training is not completed; ``unknown`` (people) possible — the record does not say.
    ``by_step`` splits ``needed`` as ``(persona id, next step rank, people)``.
    """

    training: str | None
    label: str
    label_en: str
    skills: tuple[str, ...]
    bodies: tuple[tuple[str, str, str | None], ...]
    needed: int
    unknown: int
    by_step: tuple[tuple[str, int, int], ...] = ()


class DemandCounter:
    """Counts needs per (training, persona, next rank); memory grows with trainings × steps only."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.counts: dict[tuple[str, str, int], list[int]] = defaultdict(lambda: [0, 0])
        self._trainings_of: dict[str, tuple[str, ...]] = {}
        self._tool_skill: dict[str, str | None] = {}

    def needs(self, unmet: Iterable[Any]) -> Needs:
        """The trainings that close the unmet leaves of one person's next step (see the module docstring).

        ``unmet``: :class:`~skillframe.Unmet` leaves (``condition``, ``subject``, ``status``).
        """
        need: dict[str, int] = {}  # training key -> 0 needed, 1 unknown
        for u in unmet:
            c = u.condition
            skill: str | None = None
            if isinstance(c, m.Trained) or (isinstance(c, m.DsmLevel) and c.min <= 1):
                skill = u.subject
            elif isinstance(c, m.ToolsAtLeast) and c.min <= 1 and u.subject:
                skill = self._tool_skill_of(u.subject)
            if skill is None:
                continue
            status = 1 if u.status == "unknown" else 0
            for t in self._trainings_for(skill):
                need[t] = min(need.get(t, 1), status)
        return tuple(sorted(need.items()))

    def add(self, persona: str, next_rank: int, needs: Needs, people: int = 1) -> None:
        """Count ``people`` of ``persona`` with the same ``needs`` for step ``next_rank``."""
        counts = self.counts
        for t, status in needs:
            counts[(t, persona, next_rank)][status] += people

    def _tool_skill_of(self, tool_id: str) -> str | None:
        if tool_id not in self._tool_skill:
            tool = self.catalog.get(tool_id) if tool_id in self.catalog else None
            self._tool_skill[tool_id] = getattr(tool, "skill", None)
        return self._tool_skill[tool_id]

    def _trainings_for(self, skill: str) -> tuple[str, ...]:
        hit = self._trainings_of.get(skill)
        if hit is None:
            ids = tuple(t.id for t in self.catalog.trainings(skill=skill)) if skill in self.catalog else ()
            hit = self._trainings_of[skill] = ids or (f"skill:{skill}",)
        return hit

    def finish(self) -> tuple[TrainingDemand, ...]:
        """One :class:`TrainingDemand` per training in demand, most needed first."""
        return _finish(self.catalog, self.counts)


def _finish(cat: Catalog, counts: Mapping[tuple[str, str, int], list[int]]) -> tuple[TrainingDemand, ...]:
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    steps: dict[str, dict[tuple[str, int], int]] = defaultdict(dict)
    for (t, p, r), (needed, unknown) in counts.items():
        per[t][0] += needed
        per[t][1] += unknown
        if needed:
            steps[t][(p, r)] = steps[t].get((p, r), 0) + needed
    out = []
    for t, (needed, unknown) in per.items():
        by_step = tuple(sorted((p, r, n) for (p, r), n in steps[t].items()))
        if t.startswith("skill:"):
            sid = t.removeprefix("skill:")
            d = cat.get(sid) if sid in cat else None
            ja = str(d.label) if d is not None else sid
            en = str(d.label_en or d.label) if d is not None else sid
            out.append(
                TrainingDemand(
                    training=None,
                    label=f"（研修なし）{ja}",
                    label_en=f"(no training) {en}",
                    skills=(sid,),
                    bodies=(),
                    needed=needed,
                    unknown=unknown,
                    by_step=by_step,
                )
            )
            continue
        tr: m.Training = cat.get(t)
        out.append(
            TrainingDemand(
                training=t,
                label=tr.label,
                label_en=tr.label_en or tr.label,
                skills=tr.skills,
                bodies=tuple((b.body, b.mark, b.note) for b in tr.bodies),
                needed=needed,
                unknown=unknown,
                by_step=by_step,
            )
        )
    return tuple(sorted(out, key=lambda d: (-d.needed, -d.unknown, d.label)))
