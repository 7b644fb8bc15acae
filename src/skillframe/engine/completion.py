"""The smallest completion of a rule: which leaves must change for the rule to hold.

A rule is a tree of :class:`Gate` (``all`` / ``any`` / ``not``) over :class:`Lit` leaves;
each leaf has a current three-valued value (``True`` met, ``False`` unmet, ``None``
unknown) given beside the tree, by the leaf's ``index``. *Completing* a leaf sets it to
the value the rule wants: ``True`` for a leaf under an even number of ``not``, ``False``
(it must come not to hold) under an odd number. :func:`minimal_completion` finds a set
of leaves of minimum size whose completion makes the rule ``True`` (Kleene logic: an
unknown leaf never makes a rule true), every other leaf keeping its value.

How: negations are pushed down to the leaves (De Morgan), so the rule is monotone in its
literals; each node's *options* are the inclusion-minimal sets of literals that make it
true (``all``: unions of one option per part, ``any``: the options of any part). An
option that needs one leaf both true and false is dropped. Leaves with equal ``key``
test the same fact (one change completes all of them). A literal already satisfied
costs nothing and is left out of its option unless its key also appears with the
opposite polarity (then it is kept, as a constraint, so no option both relies on it and
changes it). The answer is the cheapest option (fewest changes; ties: earliest leaves
in rule order) — exact unless more than ``limit`` options had to be kept at some node
(then the cheapest ``limit`` are kept and ``exact`` is ``False``).

>>> a, b, c = Lit(0, "a"), Lit(1, "b"), Lit(2, "c")
>>> rule = Gate("any", (Gate("all", (a, b)), c))
>>> minimal_completion(rule, [False, None, False]).changes
((2, True),)
>>> minimal_completion(rule, [True, None, False]).changes
((1, True),)
>>> minimal_completion(Gate("all", (a, Gate("not", (b,)))), [False, True, None]).changes
((0, True), (1, False))
>>> minimal_completion(Gate("all", (a, Gate("not", (a,)))), [None]) is None
True
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Sequence
from typing import Literal

import attrs

__all__ = ["Completion", "Gate", "Lit", "Tree", "holds", "minimal_completion"]

#: Options kept per node at most (more: the cheapest are kept, ``exact`` is False).
LIMIT = 4096


@attrs.frozen
class Lit:
    """A leaf: ``index`` into the values (rule order), ``key`` the fact it tests."""

    index: int
    key: Hashable


@attrs.frozen
class Gate:
    """``all`` / ``any`` of ``children``, or ``not`` of its one child."""

    kind: Literal["all", "any", "not"]
    children: tuple[Tree, ...]


Tree = Gate | Lit


@attrs.frozen
class Completion:
    """``changes``: ``(leaf index, wanted value)`` pairs, in rule order; ``exact``: proven minimal."""

    changes: tuple[tuple[int, bool], ...]
    exact: bool = True


def holds(tree: Tree, values: Sequence[bool | None]) -> bool | None:
    """The three-valued truth of ``tree`` for leaf ``values`` (Kleene logic).

    >>> holds(Gate("any", (Lit(0, "a"), Lit(1, "b"))), [None, True])
    True
    """
    if isinstance(tree, Lit):
        return values[tree.index]
    if tree.kind == "not":
        v = holds(tree.children[0], values)
        return None if v is None else not v
    outs = [holds(c, values) for c in tree.children]
    stop = tree.kind == "any"  # any: a True decides; all: a False decides
    if stop in outs:
        return stop
    return None if None in outs else not stop


_Option = frozenset[tuple[Hashable, bool]]


class _Search:
    def __init__(self, tree: Tree, values: Sequence[bool | None], limit: int) -> None:
        self.values = values
        self.limit = limit
        self.exact = True
        self.first: dict[tuple[Hashable, bool], int] = {}  # literal -> its first leaf index
        self.value_of: dict[Hashable, bool | None] = {}
        wants: dict[Hashable, set[bool]] = {}
        for lit, want in _literals(tree, True):
            self.first.setdefault((lit.key, want), lit.index)
            self.value_of.setdefault(lit.key, values[lit.index])
            wants.setdefault(lit.key, set()).add(want)
        self.both = {k for k, w in wants.items() if len(w) == 2}

    def cost(self, option: _Option) -> tuple[int, list[int]]:
        changed = sorted(self.first[lit] for lit in option if self.value_of[lit[0]] is not lit[1])
        return len(changed), changed

    def minimise(self, options: list[_Option]) -> list[_Option]:
        unique = sorted(set(options), key=len)
        kept: list[_Option] = []
        for o in unique:
            if not any(k <= o for k in kept):
                kept.append(o)
        if len(kept) > self.limit:
            self.exact = False
            kept = sorted(kept, key=self.cost)[: self.limit]
        return kept

    def options(self, tree: Tree, want: bool) -> list[_Option]:
        if isinstance(tree, Lit):
            lit = (tree.key, want)
            if self.values[tree.index] is want and tree.key not in self.both:
                return [frozenset()]
            return [frozenset({lit})]
        if tree.kind == "not":
            return self.options(tree.children[0], not want)
        conjunction = (tree.kind == "all") == want
        parts = [self.options(c, want) for c in tree.children]
        if not conjunction:
            return self.minimise([o for p in parts for o in p])
        acc: list[_Option] = [frozenset()]
        for p in parts:
            acc = self.minimise([a | o for a in acc for o in p if not _conflict(a | o)])
            if not acc:
                break
        return acc


def _conflict(option: _Option) -> bool:
    keys = [k for k, _ in option]
    return len(keys) != len(set(keys))


def _conjunctive(tree: Tree) -> bool:
    return isinstance(tree, Lit) or (tree.kind == "all" and all(_conjunctive(c) for c in tree.children))


def _literals(tree: Tree, want: bool) -> Iterator[tuple[Lit, bool]]:
    if isinstance(tree, Lit):
        yield tree, want
    elif tree.kind == "not":
        yield from _literals(tree.children[0], not want)
    else:
        for c in tree.children:
            yield from _literals(c, want)


def minimal_completion(tree: Tree, values: Sequence[bool | None], *, limit: int = LIMIT) -> Completion | None:
    """The fewest leaves to complete for ``tree`` to hold; ``None`` when no completion can.

    ``values[i]`` is the current value of the leaf with index ``i``. An already true
    rule needs no change (``changes == ()``). See the module for the method.
    """
    if _conjunctive(tree):  # the common case (all of leaves): every leaf not yet true, once per key
        seen: set[Hashable] = set()
        changes: list[tuple[int, bool]] = []
        for lit, _ in _literals(tree, True):
            if values[lit.index] is not True and lit.key not in seen:
                changes.append((lit.index, True))
            seen.add(lit.key)
        return Completion(changes=tuple(sorted(changes)))
    search = _Search(tree, values, limit)
    options = search.options(tree, True)
    if not options:
        return None
    best = min(options, key=search.cost)
    found = sorted((search.first[lit], lit[1]) for lit in best if search.value_of[lit[0]] is not lit[1])
    return Completion(changes=tuple(found), exact=search.exact)
