"""Overlays: a municipality's changes to the framework it extends (applied by the loader)."""

from __future__ import annotations

from typing import Literal

import attrs

from ..conditions.ast import Condition
from .personas import Requirement

__all__ = ["Merge", "Overlay", "Rename", "RequirementChange", "RuleChange"]


@attrs.frozen(kw_only=True, repr=False)
class Rename:
    """Give a base definition a new label (the old label stays findable as an alias)."""

    id: str
    label: str | None = None
    label_en: str | None = None
    aliases: tuple[str, ...] = ()


@attrs.frozen(kw_only=True, repr=False)
class RequirementChange(Requirement):
    """A requirement with the persona it is for: to add, or to name one to remove (``persona``, ``skill``)."""

    persona: str

    def requirement(self) -> Requirement:
        """The plain requirement (without the persona)."""
        return Requirement(**{f.name: getattr(self, f.name) for f in attrs.fields(Requirement)})


@attrs.frozen(kw_only=True, repr=False)
class RuleChange:
    """Replace a step's rule, or extend it (the step then needs the old rule and the new one)."""

    step: str
    replace: Condition | None = None
    extend: Condition | None = None


@attrs.frozen(kw_only=True, repr=False)
class Merge:
    """Merge persona ``merged`` into ``into`` (one person holds both roles).

    ``into`` gains the other's requirements, parents and label as an alias; references
    to the merged persona now point at ``into``; ``ladder`` says whose steps stay.
    """

    into: str
    merged: str
    label: str | None = None
    label_en: str | None = None
    ladder: Literal["into", "merged"] = "into"


@attrs.frozen(kw_only=True, repr=False)
class Overlay:
    """The changes an overlay framework makes to the copy of its base."""

    rename: tuple[Rename, ...] = ()
    remove: tuple[str, ...] = ()
    remove_requirements: tuple[RequirementChange, ...] = ()
    add_requirements: tuple[RequirementChange, ...] = ()
    rules: tuple[RuleChange, ...] = ()
    merge: tuple[Merge, ...] = ()
