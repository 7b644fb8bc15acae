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
(:func:`compose`), and carries a base definition's mappings over to an overlay's
copy of it (:func:`carried`, through the copy hop of :func:`copy_hops`).

The rooms: ``predicates`` (the SKOS predicates, inversion and the chain rules),
``records`` (what a mapping file states), ``mapping`` (mappings between definitions,
direct or derived, and conflicts), ``copies`` (the hop from an overlay's copy to its base),
``crosswalk`` (derivation by chaining and carrying over, cached).
"""

from __future__ import annotations

from .copies import copy_hops
from .crosswalk import MAX_HOPS, Crosswalk, add_mapping_edges
from .mapping import Mapping, MappingConflict, carried, from_record, inverse
from .predicates import BASES, INVERSE, PREDICATES, SEMAPV, compose, invert
from .records import MappingRecord, MappingSet, MappingSetHeader, SetSource

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
    "MappingSetHeader",
    "SetSource",
    "add_mapping_edges",
    "carried",
    "compose",
    "copy_hops",
    "from_record",
    "inverse",
    "invert",
]
