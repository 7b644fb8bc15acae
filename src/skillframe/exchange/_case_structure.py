"""What a framework becomes in CASE: its definitions as items, its structure and mappings as associations."""

from __future__ import annotations

import itertools
from typing import Any

from .. import model as m
from ._case_fields import persona_ext, requirement_ext, requirement_note, skill_ext, variant_ext
from ._case_terms import ASSOCIATION_TYPES
from ._case_writer import CaseWriter

__all__ = ["add_framework", "add_mappings"]


def add_framework(w: CaseWriter, fw: m.Framework, parent: str) -> None:
    """Add framework ``fw``'s personas, variants, skills, scales, levels and steps, and the
    associations of its structure, inheritance, requirements and order; ``parent`` is what its
    definitions hang from (the document, or the framework's own item)."""
    cat = w.catalog
    personas = cat.personas(fw.id)
    here = {p.id for p in personas}
    for n, p in enumerate(personas, 1):
        w.item(p, "Persona", "\n".join(p.definition) or None, persona_ext(p))
        # a persona hangs from the persona(s) it inherits from (skos:broader in the SKOS
        # export); from the framework when it inherits from none in this package
        if not p.inherits or any(q not in here and q not in w.titles for q in p.inherits):
            w.association(p.id, "isChildOf", parent, "skillframe:in-framework; persona of framework", sequence=n)
        for q in p.inherits:
            w.association(
                p.id,
                "isChildOf",
                q,
                "skillframe:inherits; 継承: the persona has every requirement of the one it inherits"
                " from, and its own (skos:broader in the SKOS export)",
                sequence=n,
            )
    for p in personas:
        for n, v in enumerate(p.variants, 1):
            w.item(v, "RoleVariant", v.description, variant_ext(v))
            w.association(v.id, "isChildOf", p.id, "skillframe:variant-of; role variant of the persona", sequence=n)
    for n, s in enumerate(cat.skills(fw.id), 1):
        w.item(s, "Skill", s.definition, skill_ext(s))
        w.association(s.id, "isChildOf", parent, "skillframe:in-framework; skill of framework", sequence=n)
    for n, sc in enumerate(cat.scales(fw.id), 1):
        said = {"measures": sc.measures, **({"status": sc.status} if sc.status is not None else {})}
        w.item(sc, "Scale", sc.description, said)  # a status only where the catalog states one
        w.association(sc.id, "isChildOf", parent, "skillframe:in-framework; scale of framework", sequence=n)
        for lv in sc.levels:
            w.item(lv, "Level", lv.descriptor, {"rank": lv.rank})
            w.association(
                lv.id, "isChildOf", sc.id, "skillframe:level-of; level of scale (skos:broader)", sequence=lv.rank
            )
            w.association(sc.id, "hasSkillLevel", lv.id, "skillframe:has-level; the scale's level", sequence=lv.rank)
        for lo, hi in itertools.pairwise(sc.levels):
            w.association(lo.id, "precedes", hi.id, "skillframe:rank-order; level order (rank)")
    for p in personas:
        for n, req in enumerate(p.requirements, 1):
            w.association(
                p.id,
                "isRelatedTo",
                req.skill,
                "skillframe:requires; " + requirement_note(req),
                sequence=n,
                ext=requirement_ext(req),
            )
    steps = cat.all_steps(fw.id)
    for st in steps:
        w.item(st, "Step", st.description, {"rank": st.rank, "persona": st.persona})
        w.association(
            st.id,
            "isChildOf",
            st.persona,
            "skillframe:step-of; step of the persona's ladder (skos:broader)",
            sequence=st.rank,
        )
    by_persona: dict[str, list[m.Step]] = {}
    for st in steps:
        by_persona.setdefault(st.persona, []).append(st)
    for ladder in by_persona.values():
        ladder.sort(key=lambda s: s.rank)
        for low, high in itertools.pairwise(ladder):
            w.association(
                low.id, "precedes", high.id, "skillframe:rank-order; step order (a higher step needs the lower)"
            )


def add_mappings(w: CaseWriter) -> None:
    """Add the catalog's mappings whose subject is in the package, each in its mapping set's grouping:
    the direct ones, then those an overlay's copies carry over from their bases (the notes and
    ``extensions.skillframe.carried_from`` say so)."""
    cat = w.catalog
    for mp in [*cat.mappings(), *cat.crosswalk.carried()]:
        if mp.subject_id not in w.titles or mp.subject_id == w.doc_key:
            continue
        if mp.negated:  # CASE cannot say "not"; counted in the document's notes
            w.negated += 1
            continue
        note = f"{mp.predicate}; confidence {mp.confidence:g}; basis {mp.basis}; justification {mp.justification}"
        base = mp.carried_from
        if base is not None:
            note += f"; carried over from the base framework's mapping via the overlay: {mp.path[0].describe()}"
            note += f"; {base.describe()}"
        for label, value in (("locator", mp.locator), ("quote", mp.quote), ("comment", mp.comment)):
            if value:
                note += f"; {label}: {value}"
        ext: dict[str, Any] = {
            "predicate": mp.predicate,
            "confidence": mp.confidence,
            "basis": mp.basis,
            "mapping_set": mp.mapping_set,
        }
        if base is not None:
            ext["carried_from"] = {"subject": base.subject_id, "predicate": base.predicate, "object": base.object_id}
            ext["copy_hop"] = mp.path[0].predicate
        w.association(
            mp.subject_id,
            ASSOCIATION_TYPES[mp.predicate],
            mp.object_id,
            note,
            grouping=mp.mapping_set,
            discriminator=mp.predicate,
            ext=ext,
        )
