"""Crosswalks: mapping sets, the SKOS chain algebra, and derived mappings.

A *mapping set* (``catalogs/crosswalks/*.yaml`` or an SSSOM TSV file) holds
:class:`MappingRecord` rows: one SKOS mapping between two definitions, named by
qualified id, with a SEMAPV justification, a confidence and where it comes from.
``basis`` tells a mapping the source states (``stated``, quoted with ``locator``
and ``quote``) from one a curator judged (``judgement``, with the descriptor
wording that supports it in ``comment``).

In a :class:`~skillframe.Catalog` each record becomes a :class:`Mapping` whose
``subject`` and ``object`` are the definitions themselves. :class:`Crosswalk`
derives further mappings by chaining under the SSSOM chain rules
(:func:`compose`): exact passes any predicate through, broad∘broad = broad,
narrow∘narrow = narrow, nothing chains through close or related, broad and
narrow never mix. Inversion swaps broad and narrow:

>>> compose("skos:exactMatch", "skos:broadMatch")
'skos:broadMatch'
>>> compose("skos:broadMatch", "skos:broadMatch")
'skos:broadMatch'
>>> compose("skos:broadMatch", "skos:narrowMatch") is None
True
>>> compose("skos:closeMatch", "skos:closeMatch") is None
True
>>> invert("skos:broadMatch")
'skos:narrowMatch'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Literal

import attrs

__all__ = [
    "BASES",
    "INVERSE",
    "MAX_HOPS",
    "PREDICATES",
    "SEMAPV",
    "Crosswalk",
    "Mapping",
    "MappingConflict",
    "MappingRecord",
    "MappingSet",
    "compose",
    "invert",
]

EXACT = "skos:exactMatch"
CLOSE = "skos:closeMatch"
BROAD = "skos:broadMatch"
NARROW = "skos:narrowMatch"
RELATED = "skos:relatedMatch"

#: The SKOS mapping predicates a mapping may use.
PREDICATES: tuple[str, ...] = (EXACT, CLOSE, BROAD, NARROW, RELATED)

#: The predicate of the inverse mapping (exact, close and related are symmetric).
INVERSE: dict[str, str] = {EXACT: EXACT, CLOSE: CLOSE, BROAD: NARROW, NARROW: BROAD, RELATED: RELATED}

#: ``stated``: the source says so (quoted); ``judgement``: a curator's reading.
BASES: tuple[str, ...] = ("stated", "judgement")

#: SEMAPV justifications (https://w3id.org/semapv/vocab/) accepted in a mapping set.
SEMAPV: tuple[str, ...] = (
    "semapv:ManualMappingCuration",
    "semapv:MappingReview",
    "semapv:LexicalMatching",
    "semapv:LogicalReasoning",
    "semapv:CompositeMatching",
    "semapv:UnspecifiedMatching",
    "semapv:SemanticSimilarityThresholdMatching",
    "semapv:LexicalSimilarityThresholdMatching",
    "semapv:BackgroundKnowledgeBasedMatching",
    "semapv:StructuralMatching",
    "semapv:InstanceBasedMatching",
    "semapv:MappingChaining",
    "semapv:MappingInversion",
)

#: The longest chain :class:`Crosswalk` derives (in direct or inverted hops).
MAX_HOPS = 4

Basis = Literal["stated", "judgement"]


def invert(predicate: str) -> str:
    """The predicate of the inverse mapping."""
    return INVERSE[predicate]


def compose(first: str, second: str) -> str | None:
    """The predicate of ``first`` followed by ``second``, or None when they do not chain."""
    if first == EXACT:
        return second
    if second == EXACT:
        return first
    if first == second and first in (BROAD, NARROW):
        return first
    return None


# ---------------------------------------------------------------------------
# Records and sets (ids only: what a file says)


@attrs.frozen(kw_only=True)
class MappingRecord:
    """One mapping as a file states it: ids, predicate, evidence.

    ``negated`` is SSSOM's ``predicate_modifier: Not`` (the two do NOT match).
    ``source`` names a source of the mapping set (the document that states or
    supports it), ``locator`` where in it, ``quote`` its words.
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


# ---------------------------------------------------------------------------
# Mappings in a catalog (definitions, with provenance and path)


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
    author_id: str | None = None

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


def _collides(negative: str, positive: str) -> bool:
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
        mapping_set=m.mapping_set,
        source=m.source,
        locator=m.locator,
        quote=m.quote,
        comment=m.comment,
        author_id=m.author_id,
    )


def _chain(hops: tuple[Mapping, ...], predicate: str) -> Mapping:
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


class Crosswalk:
    """Direct mappings of a catalog and the mappings derived from them (cached).

    ``frameworks_of`` tells the framework of a definition id. Results of
    :meth:`map` are cached per (subject, target framework).
    """

    def __init__(self, direct: Iterable[Mapping], *, max_hops: int = MAX_HOPS) -> None:
        self.direct: tuple[Mapping, ...] = tuple(direct)
        self.max_hops = max_hops
        self._out: dict[str, list[Mapping]] = {}  # direct, by subject id
        self._edges: dict[str, list[Mapping]] = {}  # positive hops incl. inversions, by subject id
        self._inverse: dict[str, list[Mapping]] = {}  # inversions of direct mappings, by subject id
        for m in self.direct:
            self._out.setdefault(m.subject_id, []).append(m)
            inv = inverse(m)
            self._inverse.setdefault(inv.subject_id, []).append(inv)
            if not m.negated:
                self._edges.setdefault(m.subject_id, []).append(m)
                self._edges.setdefault(inv.subject_id, []).append(inv)
        self._cache: dict[tuple[str, str | None, bool], tuple[Mapping, ...]] = {}

    def __len__(self) -> int:
        return len(self.direct)

    def clear_cache(self) -> None:
        """Forget derived results (a cold cache)."""
        self._cache.clear()

    def subjects(self) -> list[str]:
        """Every definition id that takes part in a mapping (either end), in first-seen order."""
        return list(dict.fromkeys(i for m in self.direct for i in (m.subject_id, m.object_id)))

    # -- derivation ----------------------------------------------------------------------

    def chains(self, subject_id: str) -> Iterator[Mapping]:
        """Every mapping derivable from ``subject_id`` by chaining (2 … max_hops hops), no cycles."""
        stack: list[tuple[str, str, tuple[Mapping, ...]]] = [(subject_id, EXACT, ())]
        while stack:
            node, pred, hops = stack.pop()
            if len(hops) >= self.max_hops:
                continue
            seen = {subject_id, *(h.object_id for h in hops)}
            for edge in self._edges.get(node, ()):
                nxt = edge.object_id
                if nxt in seen:
                    continue
                p = compose(pred, edge.predicate) if hops else edge.predicate
                if p is None:
                    continue
                path = (*hops, edge)
                if len(path) >= 2:
                    yield _chain(path, p)
                stack.append((nxt, p, path))

    def _candidates(self, subject_id: str, target: str | None, derived: bool) -> tuple[list[Mapping], list[Mapping]]:
        def wanted(m: Mapping) -> bool:
            return target is None or m.object.framework == target

        direct = [m for m in self._out.get(subject_id, ()) if wanted(m)]
        if not derived:
            return direct, []
        more = [m for m in self._inverse.get(subject_id, ()) if wanted(m)]
        more.extend(m for m in self.chains(subject_id) if wanted(m) and m.object_id != subject_id)
        return direct, more

    def map(self, subject_id: str, target: str | None = None, *, derived: bool = True) -> tuple[Mapping, ...]:
        """Mappings from ``subject_id`` into framework ``target`` (every framework when None).

        A direct mapping wins over a derived one for the same object, an inversion
        over a chain; among chains the highest confidence (then the shortest)
        wins for each (object, predicate). Direct first, then by confidence.
        """
        key = (subject_id, target, derived)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        direct, more = self._candidates(subject_id, target, derived)
        have = {m.object_id for m in direct}
        inverted = [m for m in more if m.inverse_of is not None and m.object_id not in have]
        have |= {m.object_id for m in inverted}
        best: dict[tuple[str, str], Mapping] = {}
        for m in more:
            if m.inverse_of is not None or m.object_id in have:
                continue
            k = (m.object_id, m.predicate)
            old = best.get(k)
            if old is None or (m.confidence, -len(m.path)) > (old.confidence, -len(old.path)):
                best[k] = m
        chained = sorted(best.values(), key=lambda m: (-m.confidence, len(m.path), m.object_id, m.predicate))
        inverted.sort(key=lambda m: (-m.confidence, m.object_id))
        result = (*direct, *inverted, *chained)
        self._cache[key] = result
        return result

    # -- conflicts -----------------------------------------------------------------------

    def conflicts(self) -> list[MappingConflict]:
        """Every positive mapping (direct or derived) that a negative mapping denies."""
        out: list[MappingConflict] = []
        seen: set[tuple[Any, ...]] = set()
        for neg in self.direct:
            if not neg.negated:
                continue
            for neg_view in (neg, inverse(neg)):
                direct, more = self._candidates(neg_view.subject_id, neg_view.object.framework, True)
                for pos in (*direct, *more):
                    if pos.negated or pos.object_id != neg_view.object_id:
                        continue
                    if not _collides(neg_view.predicate, pos.predicate):
                        continue
                    k = (neg.key, frozenset((pos.subject_id, pos.object_id)), pos.predicate)
                    if k in seen:
                        continue
                    seen.add(k)
                    out.append(MappingConflict(positive=pos, negative=neg_view))
        return out

    def conflicts_of(self, subject_id: str) -> list[MappingConflict]:
        """The conflicts whose pair includes ``subject_id``."""
        return [c for c in self.conflicts() if subject_id in (c.positive.subject_id, c.positive.object_id)]


def add_mapping_edges(graph: Any, mappings: Sequence[Mapping]) -> None:
    """Add direct mappings to a networkx multigraph: key = predicate (``Not …`` when negated)."""
    for m in mappings:
        key = ("Not " if m.negated else "") + m.predicate
        graph.add_edge(m.subject_id, m.object_id, key=key, mapping=m, kind="mapping")
