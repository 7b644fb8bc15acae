"""Mappings in a catalog: between definitions, direct or derived (inverted, chained), and conflicts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from .._notes import note_in
from .predicates import CLOSE, EXACT, RELATED, Basis, compose, invert
from .records import MappingRecord

__all__ = ["Mapping", "MappingConflict", "carried", "chained", "collides", "from_record", "inverse"]


@attrs.frozen(kw_only=True, eq=False)
class Mapping:
    """A mapping between two definitions of a catalog, direct or derived.

    ``subject`` and ``object`` are the definitions; ``predicate`` a SKOS
    predicate; ``negated`` marks a negative mapping (SSSOM ``Not``). A direct
    mapping has ``derived`` False and its ``path`` is itself alone; a derived one
    (``semapv:MappingInversion`` or ``semapv:MappingChaining``) keeps the hops it
    was made of in ``path``, in order — each hop a direct mapping or the
    inversion of one. ``basis`` of a derived mapping is ``stated`` only when
    every hop is stated.

    ``carried_from`` is set on a mapping an overlay's copy carries over from its
    base (:func:`carried`): the base definition's mapping it stands for. Its
    ``path`` starts with the copy hop (the copy ``exactMatch`` its base, or
    ``closeMatch`` when the overlay changed it), then that mapping's own path.
    """

    subject: Any
    predicate: str
    object: Any
    justification: str
    confidence: float
    basis: Basis
    negated: bool = False
    derived: bool = False
    hops: tuple[Mapping, ...] = ()
    inverse_of: Mapping | None = None
    record: MappingRecord | None = None
    mapping_set: str | None = None
    source: str | None = None
    locator: str | None = None
    quote: str | None = None
    comment: str | None = None
    comment_ja: str | None = None
    author_id: str | None = None
    carried_from: Mapping | None = None

    def comment_in(self, lang: str = "ja") -> str | None:
        """The comment in ``lang`` (``ja``: ``comment_ja``, else the English comment marked 「（英語の注記）」)."""
        return note_in(self.comment, self.comment_ja, lang)

    @property
    def path(self) -> tuple[Mapping, ...]:
        """The mappings this one chains, in order (a direct mapping: itself alone)."""
        return self.hops if self.hops else (self,)

    @property
    def subject_id(self) -> str:
        """The id of the subject."""
        return str(self.subject.id)

    @property
    def object_id(self) -> str:
        """The id of the object."""
        return str(self.object.id)

    @property
    def key(self) -> tuple[str, str, str, bool]:
        """(subject id, predicate, object id, negated)."""
        return (self.subject_id, self.predicate, self.object_id, self.negated)

    @property
    def through(self) -> tuple[str, ...]:
        """The ids of the intermediate definitions a derived mapping went through."""
        return tuple(h.object_id for h in self.path[:-1])

    def describe(self) -> str:
        """One line: ``subject predicate object`` (with ``Not``), then the path."""
        pred = ("Not " if self.negated else "") + self.predicate
        text = f"{self.subject_id} {pred} {self.object_id}"
        if len(self.path) > 1:
            text += " via " + " → ".join(self.through)
        return text

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Mapping):
            return NotImplemented
        return (self.key, self.derived, self.justification, self.path_key) == (
            other.key,
            other.derived,
            other.justification,
            other.path_key,
        )

    def __hash__(self) -> int:
        return hash((self.key, self.derived, self.justification))

    @property
    def path_key(self) -> tuple[tuple[str, str, str, bool], ...]:
        """The keys of the hops (compares paths without recursion)."""
        return tuple(h.key for h in self.hops)

    def __repr__(self) -> str:
        extra = f", derived via {list(self.through)}" if self.derived and self.hops else ""
        return (
            f"<Mapping {self.subject_id} {'Not ' if self.negated else ''}{self.predicate} "
            f"{self.object_id} ({self.basis}, {self.confidence:.2f}){extra}>"
        )


@attrs.frozen(kw_only=True)
class MappingConflict:
    """A positive and a negative mapping that say opposite things about one pair."""

    positive: Mapping
    negative: Mapping

    def __str__(self) -> str:
        return f"{self.positive.describe()}  ⟂  {self.negative.describe()}"


def collides(negative: str, positive: str) -> bool:
    """Whether a negative mapping with predicate ``negative`` denies one with ``positive``."""
    # SKOS: exactMatch is a sub-property of closeMatch, so "not close" also denies "exact".
    return negative == positive or (negative == CLOSE and positive == EXACT)


def from_record(record: MappingRecord, resolve: Callable[[str], Any]) -> Mapping:
    """The catalog mapping of a record (``resolve`` turns an id into its definition)."""
    return Mapping(
        subject=resolve(record.subject_id),
        predicate=record.predicate_id,
        object=resolve(record.object_id),
        justification=record.justification,
        confidence=record.confidence,
        basis=record.basis,
        negated=record.negated,
        record=record,
        mapping_set=record.mapping_set,
        source=record.source,
        locator=record.locator,
        quote=record.quote,
        comment=record.comment,
        comment_ja=record.comment_ja,
        author_id=record.author_id,
    )


def inverse(m: Mapping) -> Mapping:
    """The inverse of a direct mapping (``semapv:MappingInversion``)."""
    return Mapping(
        subject=m.object,
        predicate=invert(m.predicate),
        object=m.subject,
        justification="semapv:MappingInversion",
        confidence=m.confidence,
        basis=m.basis,
        negated=m.negated,
        derived=True,
        hops=(),
        inverse_of=m,
        **_evidence(m),
    )


def _evidence(m: Mapping) -> dict[str, Any]:
    """The mapping set and evidence fields of ``m``, for a mapping derived from it alone."""
    names = ("mapping_set", "source", "locator", "quote", "comment", "comment_ja", "author_id")
    return {name: getattr(m, name) for name in names}


def chained(hops: tuple[Mapping, ...], predicate: str) -> Mapping:
    """The mapping of a chain of hops (``semapv:MappingChaining``; one hop: that hop itself).

    Its confidence is the product of the hops', its basis ``stated`` only when every hop is.
    """
    if len(hops) == 1:
        return hops[0]
    conf = 1.0
    for h in hops:
        conf *= h.confidence
    basis: Basis = "stated" if all(h.basis == "stated" for h in hops) else "judgement"
    return Mapping(
        subject=hops[0].subject,
        predicate=predicate,
        object=hops[-1].object,
        justification="semapv:MappingChaining",
        confidence=min(conf, *(h.confidence for h in hops)),
        basis=basis,
        derived=True,
        hops=hops,
    )


def carried(hop: Mapping, m: Mapping) -> Mapping | None:
    """Mapping ``m`` of a base definition carried over to an overlay's copy of it, or None.

    ``hop`` is the copy hop: the copy ``skos:exactMatch`` the base (copied unchanged)
    or ``skos:closeMatch`` (the overlay changed it). An unchanged copy carries every mapping
    as it is (the chain rules, :func:`~skillframe._crosswalk.predicates.compose`). A changed
    copy is still the base's role adapted by the municipality, not some other concept that
    happens to be close: it carries the base's positive mappings weakened (exact and close
    as close, broad, narrow and related as related), always as a judgement, so a town that
    tightens a step keeps its 総務省 level and can replace it with a mapping of its own; a
    negative mapping is carried only by an unchanged copy.
    ``justification`` is ``semapv:MappingChaining``, ``confidence`` the product of the
    hop's and ``m``'s, ``basis`` ``stated`` only when both are; the evidence
    (``source``, ``locator``, ``quote``, ``comment``) and ``mapping_set`` are ``m``'s,
    ``carried_from`` is ``m``.
    """
    if m.negated:  # a negative mapping never chains; an unchanged copy is its base, so it says "not" too
        predicate = m.predicate if hop.predicate == EXACT else None
    elif hop.predicate == EXACT:
        predicate = compose(EXACT, m.predicate)
    else:  # a changed copy: the base's claim, weakened
        predicate = CLOSE if m.predicate in (EXACT, CLOSE) else RELATED
    if predicate is None:
        return None
    hops = (hop, *m.path)
    basis: Basis = "stated" if hop.basis == "stated" and m.basis == "stated" else "judgement"
    return Mapping(
        subject=hop.subject,
        predicate=predicate,
        object=m.object,
        justification="semapv:MappingChaining",
        confidence=min(hop.confidence * m.confidence, hop.confidence, m.confidence),
        basis=basis,
        negated=m.negated,
        derived=True,
        hops=hops,
        carried_from=m,
        **_evidence(m),
    )
