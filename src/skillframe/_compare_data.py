"""The comparisons as data (:func:`compare_data`): what ``skillframe compare --format json`` writes.

One JSON-able dict per row, the same whatever the language: English snake_case keys, ids with
``label`` (Japanese) and ``label_en`` beside them, a definition a row refers to as ``{"id",
"label", "label_en"}``, SKOS predicates as the crosswalk writes them (``skos:closeMatch``, not
a mark), numbers as numbers, ``null`` for none, lists as lists. Every row of an aspect has the
same keys:

``levels``  one row per level placed in the table (row by row, column by column)::

    {"row": table row (1, 2…; levels with the same row sit side by side),
     "scale": REF, "level": REF, "rank": int,
     "descriptor": str|null (the persona's with ``persona``, else the level's),
     "descriptors": [{"subject": REF, "text"}] (per subject, where the level has no descriptor),
     "placement": "base" (the first scale: its levels make the rows) | "mapping" (beside the
                  level it is mapped from) | "rank" (no mapping between the scales: beside the
                  same rank, no equivalence implied) | "neighbour" (unmapped, between its
                  neighbours),
     "mapping": {"subject": level id, "predicate": "skos:…", "object": this level's id}|null,
     "derived": bool|null (chained or inverted, not stated by a source), "confidence": 0–1|null}

``personas`` / ``skills``  one row per persona (skill) with its counterparts::

    {"framework": id, "id", "label", "label_en",
     "counterparts": [{"framework": id, "predicate": "skos:…", "object": REF, "derived": bool,
                       "confidence": 0–1|null}]}  (the row's definition is the subject)

``persona-skills``  one row per skill, with what each persona requires of it::

    {"id", "label", "label_en", "category", "category_en",
     "requirements": [{"persona": REF, "inherited": bool, "origin": persona id (whose
                       requirement it is), "level": int|null (minimum), "priority":
                       "required"|"welcome"}]}

``steps``  one row per step of the persona's ladder::

    {"persona": REF, "id", "rank", "label", "label_en", "description", "description_en",
     "requires": the step's rule as data (skillframe.conditions.data.condition_tree: leaves as
                 the evaluation JSON's {"kind", "params"}, all/any/not as {"kind", "of"})|null,
     "refers_to": [{"kind": skill|tool|persona, "id", "label", "label_en"}] (what the rule
                   names, each once; ``trained: {skills_of: …}`` as the skills it resolves to),
     "requires_text", "requires_text_en" (the rule in words)}

``trainings``  one row per skill with a training or a certification::

    {"id", "label", "label_en", "category", "category_en" (null where a persona's 区分
     overrides the skill's), "trainings": [教育施策, the source's words],
     "off_jt_trainings": [{"id", "label", "label_en", "bodies": [{"body", "mark" (○ main,
                           △ complement), "note"}], "curriculum": [str]}],
     "certifications": [str]}

REF is ``{"id", "label", "label_en"}``.

>>> import skillframe
>>> cat = skillframe.load()
>>> rows = compare_data(cat, "levels", frameworks="tokyo-dsm,ipa-dss")
>>> r = next(r for r in rows if r["level"]["id"] == "ipa-dss:itss-level.lv2")
>>> r["row"], r["placement"], r["confidence"]
(3, 'mapping', 0.7)
>>> r["mapping"]
{'subject': 'tokyo-dsm:level.lv1', 'predicate': 'skos:closeMatch', 'object': 'ipa-dss:itss-level.lv2'}
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from . import model as m
from ._compare_results import (
    Counterpart,
    Placed,
    align_levels,
    check,
    counterpart_rows,
    ladder_of,
    one_framework,
    requirement_grid,
    training_rows,
)
from ._compare_results import frameworks as _fws
from .conditions.ast import leaves, refs
from .conditions.data import condition_tree
from .conditions.describe import describe_condition

if TYPE_CHECKING:
    from ._catalog import Catalog

__all__ = ["compare_data"]


def compare_data(
    catalog: Catalog,
    aspect: str,
    *,
    frameworks: Sequence[str | m.Framework] | str | m.Framework | None = None,
    persona: str | m.Persona | None = None,
) -> list[dict[str, Any]]:
    """The comparison :func:`skillframe.compare` shows, as data: one JSON-able dict per row.

    ``frameworks`` and ``persona`` as for :func:`~skillframe.compare`; the shape of each
    aspect's rows is in the module docstring (and docs/tutorial.en.md). Raises
    :class:`~skillframe.UnknownKeyError` for an unknown aspect, framework or persona.

    >>> import json, skillframe
    >>> cat = skillframe.load()
    >>> (step1, step2, step3) = skillframe.compare_data(cat, "steps", persona="DX推進員")
    >>> step2["id"], step2["requires"]
    ('tokyo-wg-2025:dx-promoter-step2', {'kind': 'dx_lead_years', 'params': {'min': 1}})
    >>> json.loads(json.dumps(step3)) == step3
    True
    """
    check(aspect)
    p = catalog.persona(persona) if persona is not None else None
    if aspect == "levels":
        return _levels(catalog, _fws(catalog, frameworks), p)
    if aspect in ("personas", "skills"):
        return _counterparts(catalog, aspect, _fws(catalog, frameworks), p)
    fw = one_framework(catalog, frameworks, p)
    if aspect == "persona-skills":
        return _persona_skills(catalog, fw, p)
    if aspect == "steps":
        return _steps(catalog, fw, p)
    return _trainings(catalog, fw, p)


def _ref(d: Any, key: str | None = None) -> dict[str, str | None]:
    """A definition a row refers to: ``{"id", "label", "label_en"}`` (``None``: a key the catalog lacks)."""
    if d is None:
        return {"id": key, "label": None, "label_en": None}
    return {"id": str(d.id), "label": str(d.label), "label_en": getattr(d, "label_en", None) or None}


def _number(x: float | None) -> float | None:
    """A confidence: a number without the float noise of a product (0.35, not 0.35000000000000003)."""
    return None if x is None else round(x, 6)


# ---------------------------------------------------------------------------
# levels


def _descriptors(cat: Catalog, lv: m.Level, persona: m.Persona | None) -> tuple[str | None, list[dict[str, Any]]]:
    """The descriptor the table shows, or (where the level has none) its descriptors by subject."""
    if persona is not None and lv.descriptor_for(persona.id):
        return lv.descriptor_for(persona.id), []
    if lv.descriptor:
        return lv.descriptor, []
    return None, [
        {"subject": _ref(cat.get(td.subject) if td.subject in cat else None, td.subject), "text": td.text}
        for td in lv.descriptors
    ]


def _placed(cat: Catalog, n: int, p: Placed, persona: m.Persona | None) -> dict[str, Any]:
    descriptor, by_subject = _descriptors(cat, p.level, persona)
    mapped = p.anchor is not None and p.predicate is not None
    return {
        "row": n,
        "scale": _ref(cat.get(p.scale)),
        "level": _ref(p.level),
        "rank": p.level.rank,
        "descriptor": descriptor,
        "descriptors": by_subject,
        "placement": p.placement,
        "mapping": {"subject": p.anchor, "predicate": p.predicate, "object": p.level.id} if mapped else None,
        "derived": p.derived if mapped else None,
        "confidence": _number(p.confidence) if mapped else None,
    }


def _levels(cat: Catalog, fws: Sequence[m.Framework], persona: m.Persona | None) -> list[dict[str, Any]]:
    al = align_levels(cat, fws)
    return [_placed(cat, n, p, persona) for n, row in enumerate(al.rows, 1) for cell in row for p in cell]


# ---------------------------------------------------------------------------
# personas / skills


def _counterpart(fw: m.Framework, c: Counterpart) -> dict[str, Any]:
    return {
        "framework": fw.id,
        "predicate": c.predicate,
        "object": _ref(c.obj),
        "derived": c.derived,
        "confidence": _number(c.confidence),
    }


def _counterparts(
    cat: Catalog, aspect: str, fws: Sequence[m.Framework], persona: m.Persona | None
) -> list[dict[str, Any]]:
    fws, rows = counterpart_rows(cat, "persona" if aspect == "personas" else "skill", fws, persona)
    return [
        {
            "framework": fws[r.column].id,
            **_ref(r.definition),
            "counterparts": [_counterpart(fws[j], c) for j, cs in enumerate(r.cells) for c in cs],
        }
        for r in rows
    ]


# ---------------------------------------------------------------------------
# persona-skills


def _persona_skills(cat: Catalog, fw: m.Framework, persona: m.Persona | None) -> list[dict[str, Any]]:
    personas, skills, needs = requirement_grid(cat, fw, persona)
    out = []
    for s in skills:
        reqs = []
        for p in personas:
            e = needs[s.id].get(p.id)
            if e is None:
                continue
            reqs.append(
                {
                    "persona": _ref(p),
                    "inherited": e.inherited,
                    "origin": e.origin,
                    "level": e.requirement.level,
                    "priority": e.requirement.priority,
                }
            )
        out.append(
            {**_ref(s), "category": s.category or None, "category_en": s.category_en or None, "requirements": reqs}
        )
    return out


# ---------------------------------------------------------------------------
# steps


def _refers_to(cat: Catalog, st: m.Step) -> list[dict[str, Any]]:
    """Every skill, tool and persona the rule names, each once in rule order; a ``trained``
    condition's skills as it resolves them (``skills_of: self``: the persona's own)."""
    seen: dict[str, str] = {}
    for leaf in leaves(st.rule):
        if isinstance(leaf, m.Trained):
            probe = m.Step(id=st.id, persona=st.persona, rank=st.rank, label=st.label, rule=leaf)
            for sid in cat.step_skills(probe):
                seen.setdefault(sid, "skill")
        for r in refs(leaf):
            seen.setdefault(r.key, r.kind)
    return [{"kind": kind, **_ref(cat.get(key) if key in cat else None, key)} for key, kind in seen.items()]


def _steps(cat: Catalog, fw: m.Framework, persona: m.Persona | None) -> list[dict[str, Any]]:
    persona, steps = ladder_of(cat, fw, persona)
    return [
        {
            "persona": _ref(persona),
            **_ref(st),
            "rank": st.rank,
            "description": st.description or None,
            "description_en": st.description_en or None,
            "requires": condition_tree(st.rule),
            "refers_to": _refers_to(cat, st),
            "requires_text": describe_condition(cat, st.rule, st, "ja"),
            "requires_text_en": describe_condition(cat, st.rule, st, "en"),
        }
        for st in steps
    ]


# ---------------------------------------------------------------------------
# trainings


def _training(t: m.Training) -> dict[str, Any]:
    return {
        **_ref(t),
        "bodies": [{"body": b.body, "mark": b.mark, "note": b.note} for b in t.bodies],
        "curriculum": list(t.curriculum),
    }


def _trainings(cat: Catalog, fw: m.Framework, persona: m.Persona | None) -> list[dict[str, Any]]:
    return [
        {
            **_ref(r.skill),
            "category": (r.category if r.category is not None else r.skill.category) or None,
            "category_en": None if r.category is not None else r.skill.category_en or None,
            "trainings": list(r.own_trainings),
            "off_jt_trainings": [_training(t) for t in r.trainings],
            "certifications": list(r.certifications),
        }
        for r in training_rows(cat, fw, persona)
    ]
