"""The Crosswalk: a catalog's direct mappings and those derived from them by chaining, cached."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from collections.abc import Mapping as Map
from typing import Any

from .mapping import Mapping, MappingConflict, carried, chained, collides, inverse
from .predicates import EXACT, compose

__all__ = ["MAX_HOPS", "Crosswalk", "add_mapping_edges"]

#: The longest chain :class:`Crosswalk` derives (in direct or inverted hops).
MAX_HOPS = 4


class Crosswalk:
    """Direct mappings of a catalog and the mappings derived from them (cached).

    ``copies`` holds the copy hop of every overlay copy, by the copy's id
    (:func:`~skillframe._crosswalk.copies.copy_hops`): a copy carries its base's
    mappings over (:meth:`map`). Results of :meth:`map` are cached per (subject,
    target framework, derived).
    """

    def __init__(
        self, direct: Iterable[Mapping], *, copies: Map[str, Mapping] | None = None, max_hops: int = MAX_HOPS
    ) -> None:
        self.direct: tuple[Mapping, ...] = tuple(direct)
        self.copies: dict[str, Mapping] = dict(copies or {})
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

    def subjects(self, among: Iterable[str] | None = None) -> list[str]:
        """Every definition id that takes part in a mapping (either end; or the ids ``among``), in
        first-seen order, then the overlay copies of those (which carry their mappings over)."""
        ids = among if among is not None else (i for m in self.direct for i in (m.subject_id, m.object_id))
        out = dict.fromkeys(ids)
        for cid in self.copies:
            if self._root(cid) in out:
                out[cid] = None
        return list(out)

    def _root(self, copy_id: str) -> str:
        """The first base definition an overlay copy (or a copy of a copy) comes from."""
        did, seen = copy_id, {copy_id}
        while (hop := self.copies.get(did)) is not None and hop.object_id not in seen:
            did = hop.object_id
            seen.add(did)
        return did

    def carried(self) -> list[Mapping]:
        """The mappings every overlay copy carries over from its base's direct ones (see :meth:`map`)."""
        return [m for cid in self.copies for m in self.map(cid, derived=False) if m.carried_from is not None]

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
                    yield chained(path, p)
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

        An overlay's copy (in ``copies``) carries its base's mappings over
        (:func:`~skillframe._crosswalk.mapping.carried`): the base's answer for the same
        target and ``derived``, each chained after the copy hop, after the copy's own
        mappings; a mapping of the copy's own wins over a carried one for the same object.
        With ``derived`` False the base's direct mappings are carried (they stand for the
        copy's direct ones, which the overlay did not write).
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
        hop = self.copies.get(subject_id)
        if hop is not None:
            have = {m.object_id for m in result} | {subject_id}
            more_carried = (carried(hop, m) for m in self.map(hop.object_id, target, derived=derived))
            result = (*result, *(c for c in more_carried if c is not None and c.object_id not in have))
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
                    if not collides(neg_view.predicate, pos.predicate):
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
