"""Mapping sets as a file states them: records between ids, the set's header and sources."""

from __future__ import annotations

import attrs

from .predicates import Basis

__all__ = ["MappingRecord", "MappingSet", "MappingSetHeader", "SetSource"]


@attrs.frozen(kw_only=True)
class MappingRecord:
    """One mapping as a file states it: ids, predicate, evidence.

    ``negated`` is SSSOM's ``predicate_modifier: Not`` (the two do NOT match).
    ``source`` names a source of the mapping set (the document that states or
    supports it), ``locator`` where in it, ``quote`` its words. ``comment`` says why
    (English); ``comment_ja`` is the same in Japanese.
    """

    subject_id: str
    predicate_id: str
    object_id: str
    basis: Basis
    justification: str = "semapv:ManualMappingCuration"
    confidence: float = 1.0
    negated: bool = False
    author_id: str | None = None
    author_label: str | None = None
    source: str | None = None
    locator: str | None = None
    quote: str | None = None
    comment: str | None = None
    comment_ja: str | None = None
    mapping_date: str | None = None
    subject_label: str | None = None
    object_label: str | None = None
    mapping_set: str = ""

    @property
    def key(self) -> tuple[str, str, str, bool]:
        """(subject, predicate, object, negated): what makes a mapping the same."""
        return (self.subject_id, self.predicate_id, self.object_id, self.negated)

    @property
    def authors(self) -> tuple[str, ...]:
        """``author_id`` as a tuple (SSSOM multi-valued: CURIEs separated by ``|``)."""
        return tuple(a.strip() for a in (self.author_id or "").split("|") if a.strip())


@attrs.frozen(kw_only=True)
class SetSource:
    """A document a mapping set quotes or relies on."""

    id: str
    title: str
    publisher: str | None = None
    issued: str | None = None
    url: str | None = None
    note: str | None = None


@attrs.frozen(kw_only=True)
class MappingSetHeader:
    """The metadata of a mapping set (SSSOM mapping-set slots), as a mapping file writes it."""

    id: str
    title: str
    license: str
    license_note: str | None = None
    creator_id: str | None = None
    creator_label: str | None = None
    mapping_date: str | None = None
    description: str | None = None
    source: str | None = None
    sources: tuple[SetSource, ...] = ()


@attrs.frozen(kw_only=True)
class MappingSet(MappingSetHeader):
    """A set of mappings with its header (SSSOM mapping-set metadata).

    >>> r = MappingRecord(subject_id="a:x", predicate_id="skos:exactMatch", object_id="b:y", basis="judgement")
    >>> s = MappingSet(id="demo", title="Demo", license="https://spdx.org/licenses/MIT.html", mappings=(r,))
    >>> len(s), s.frameworks
    (1, ('a', 'b'))
    """

    mappings: tuple[MappingRecord, ...] = ()
    file: str | None = None
    curie_map: tuple[tuple[str, str], ...] = ()

    def __len__(self) -> int:
        return len(self.mappings)

    @property
    def frameworks(self) -> tuple[str, ...]:
        """The frameworks (id prefixes) the set's mappings touch, sorted."""
        out = {i.split(":", 1)[0] for r in self.mappings for i in (r.subject_id, r.object_id)}
        return tuple(sorted(out))

    def source_title(self, source_id: str | None) -> str | None:
        """The title of one of the set's sources."""
        for s in self.sources:
            if s.id == source_id:
                return s.title
        return source_id


def _set_repr(self: MappingSetHeader) -> str:
    n = f", {len(self.mappings)} mappings" if isinstance(self, MappingSet) else ""
    text = f"{type(self).__name__}(id={self.id!r}{n})"
    return text if len(text) <= 120 else text[:118] + "…)"


def _record_repr(self: MappingRecord) -> str:
    neg = "Not " if self.negated else ""
    text = f"MappingRecord({self.subject_id} {neg}{self.predicate_id} {self.object_id}, {self.basis})"
    return text if len(text) <= 120 else text[:118] + "…)"


MappingRecord.__repr__ = _record_repr  # type: ignore[method-assign,assignment]
MappingSetHeader.__repr__ = _set_repr  # type: ignore[method-assign,assignment]
MappingSet.__repr__ = _set_repr  # type: ignore[method-assign,assignment]
