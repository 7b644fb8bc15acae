"""Scales: ordered levels (ranks) and named bands of ranks."""

from __future__ import annotations

from typing import Literal

import attrs

from .provenance import Provenance, TypedText, derived

__all__ = ["Band", "Level", "Scale"]


@attrs.frozen(kw_only=True, repr=False)
class Level:
    """One rank of a scale. ``rank`` orders levels; higher is more."""

    id: str
    rank: int
    label: str
    label_en: str | None = None
    aliases: tuple[str, ...] = ()
    descriptor: str | None = None
    descriptors: tuple[TypedText, ...] = ()
    provenance: Provenance = attrs.field(factory=Provenance)
    framework: str = attrs.field(default="", metadata=derived())
    scale: str = attrs.field(default="", metadata=derived())

    def descriptor_for(self, subject: str) -> str | None:
        """The descriptor of this level for one subject (e.g. a 総務省 type id)."""
        for d in self.descriptors:
            if subject in (d.subject, d.subject.split(":", 1)[-1]):
                return d.text
        return None


@attrs.frozen(kw_only=True, repr=False)
class Band:
    """A named range of ranks of a scale (e.g. ITSS entry = 1-2)."""

    id: str
    label: str
    label_en: str | None = None
    ranks: tuple[int, ...] = ()


@attrs.frozen(kw_only=True, repr=False)
class Scale:
    """An ordered set of levels. ``measures`` is ``person`` or ``organisation``; ``status``
    (``current`` / ``draft`` / ``superseded``) is ``None`` when the catalog does not state it
    (never assumed current)."""

    id: str
    label: str
    label_en: str | None = None
    aliases: tuple[str, ...] = ()
    measures: Literal["person", "organisation"] = "person"
    description: str | None = None
    status: Literal["current", "draft", "superseded"] | None = None
    superseded_by: str | None = None
    levels: tuple[Level, ...] = ()
    bands: tuple[Band, ...] = ()
    provenance: Provenance = attrs.field(factory=Provenance)
    framework: str = attrs.field(default="", metadata=derived())

    def level(self, rank: int) -> Level:
        """The level of this rank.

        >>> s = Scale(id="x:s", label="s", levels=(Level(id="x:l1", rank=1, label="一"),))
        >>> s.level(1).label
        '一'
        """
        for lv in self.levels:
            if lv.rank == rank:
                return lv
        from ..errors import UnknownKeyError

        raise UnknownKeyError("level", f"{self.id} rank {rank}", suggestions=tuple(str(lv.rank) for lv in self.levels))
