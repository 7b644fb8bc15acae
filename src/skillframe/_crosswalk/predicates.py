"""The SKOS mapping predicates and their algebra: inversion and the SSSOM chain rules.

Chaining (:func:`compose`): exact passes any predicate through, broad∘broad = broad,
narrow∘narrow = narrow, nothing chains through close or related, broad and narrow never
mix. Inversion swaps broad and narrow:

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

from typing import Literal

__all__ = [
    "BASES",
    "BROAD",
    "CLOSE",
    "EXACT",
    "INVERSE",
    "NARROW",
    "PREDICATES",
    "RELATED",
    "SEMAPV",
    "Basis",
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
