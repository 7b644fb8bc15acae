"""CASE 1.1 terms skillframe uses: association and item types, adoption status, dates.

>>> ASSOCIATION_TYPES["skos:broadMatch"], case_datetime("2025-10"), case_date("2025"), case_date("n.d.")
('isPartOf', '2025-10-01T00:00:00Z', '2025-01-01', None)
"""

from __future__ import annotations

__all__ = ["ADOPTION", "ASSOCIATION_TYPES", "EPOCH", "ITEM_TYPES", "case_date", "case_datetime"]

#: SKOS mapping predicate → CASE association type (closest; the predicate itself goes in the notes).
ASSOCIATION_TYPES: dict[str, str] = {
    "skos:exactMatch": "exactMatchOf",
    "skos:broadMatch": "isPartOf",
    "skos:closeMatch": "isRelatedTo",
    "skos:narrowMatch": "isRelatedTo",
    "skos:relatedMatch": "isRelatedTo",
}

#: CFItemType of each kind of definition, with its description.
ITEM_TYPES: dict[str, str] = {
    "Framework": "A skill framework (skillframe Framework)",
    "Persona": "A persona / 人材類型 (skillframe Persona)",
    "RoleVariant": "A role variant of a persona / ロール (skillframe RoleVariant)",
    "Skill": "A skill item / スキル項目 (skillframe Skill)",
    "Scale": "A level scale / レベル尺度 (skillframe Scale)",
    "Level": "A level of a scale / レベル (skillframe Level)",
    "Step": "A rung of a persona's development ladder / 育成段階 (skillframe Step)",
}

#: Framework status → CASE ``adoptionStatus``.
ADOPTION = {"current": "Adopted", "draft": "Draft", "superseded": "Deprecated"}
#: ``lastChangeDateTime`` when no issue date is known.
EPOCH = "1970-01-01T00:00:00Z"


def case_datetime(issued: str | None) -> str | None:
    """``2025-10`` → ``2025-10-01T00:00:00Z``; None when the date is not known."""
    if not issued:
        return None
    parts = issued.split("-")
    if not all(p.isdigit() for p in parts) or not 1 <= len(parts) <= 3:
        return None
    year, month, day = ([*parts, "01", "01"])[:3]
    return f"{int(year):04d}-{int(month):02d}-{int(day):02d}T00:00:00Z"


def case_date(issued: str | None) -> str | None:
    """``2025-10`` → ``2025-10-01``; None when the date is not known."""
    stamp = case_datetime(issued)
    return stamp[:10] if stamp else None
