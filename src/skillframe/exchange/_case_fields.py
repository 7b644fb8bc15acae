"""skillframe definitions' own fields in a CASE package: provenance notes and ``extensions.skillframe``.

CASE has no place for a persona's number, a skill's trainings or a requirement's level; they
go in ``extensions.skillframe`` (for programs) and, for requirements, in the notes (for people).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .. import model as m

__all__ = [
    "edition_ext",
    "persona_ext",
    "provenance_ext",
    "provenance_note",
    "requirement_ext",
    "requirement_note",
    "skill_ext",
    "variant_ext",
]


def provenance_note(p: m.Provenance) -> str:
    parts = []
    if p.source:
        parts.append(f"source: {p.source}")
    if p.locator:
        parts.append(f"locator: {p.locator}")
    if p.flags:
        parts.append("flags: " + ", ".join(p.flags))
    if p.note:
        parts.append(f"note: {p.note}")
    if p.note_ja:
        parts.append(f"note_ja: {p.note_ja}")
    return "; ".join(parts)


def provenance_ext(p: m.Provenance) -> dict[str, Any]:
    return {
        k: v
        for k, v in (
            ("source", p.source),
            ("locator", p.locator),
            ("interpretation", p.interpretation or None),
            ("unverified", p.unverified or None),
            ("note", p.note),
            ("note_ja", p.note_ja),
        )
        if v is not None
    }


def edition_ext(e: m.Edition) -> dict[str, Any]:
    out: dict[str, Any] = {
        name: getattr(e, name)
        for name in ("version", "issued", "status", "replaces", "replaced_by", "source", "contents", "note", "note_ja")
        if getattr(e, name) is not None
    }
    if e.provenance != m.Provenance():
        out["provenance"] = provenance_ext(e.provenance)
    return out


def persona_ext(p: m.Persona) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in ("number", "department", "role", "development", "no_ladder"):
        value = getattr(p, name)
        if value is not None:
            out[name] = value
    return out


def variant_ext(v: m.RoleVariant) -> dict[str, Any]:
    return {name: list(getattr(v, name)) for name in ("tasks", "required_skills", "welcome_skills") if getattr(v, name)}


def skill_ext(s: m.Skill) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in ("category", "category_en", "subcategory", "number"):
        value = getattr(s, name)
        if value is not None:
            out[name] = value
    for name in ("trainings", "certifications", "tags"):
        if getattr(s, name):
            out[name] = list(getattr(s, name))
    return out


def _requirement_fields(req: m.Requirement) -> Iterator[tuple[str, Any]]:
    for name in ("level", "mark", "priority", "note"):
        value = getattr(req, name)
        if value is not None:
            yield name, value
    if req.certifications:
        yield "certifications", list(req.certifications)
    for name in ("trainings", "category"):  # requirement-level overrides, where the model has them
        value = getattr(req, name, None)
        if value is not None:
            yield name, list(value) if isinstance(value, tuple) else value


def requirement_note(req: m.Requirement) -> str:
    parts = [f"{k}: {', '.join(v) if isinstance(v, list) else v}" for k, v in _requirement_fields(req)]
    prov = provenance_note(req.provenance)
    if prov:
        parts.append(prov)
    return "; ".join(parts)


def requirement_ext(req: m.Requirement) -> dict[str, Any]:
    out = dict(_requirement_fields(req))
    if req.provenance != m.Provenance():
        out["provenance"] = provenance_ext(req.provenance)
    return out
