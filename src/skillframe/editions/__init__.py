"""Editions of a framework as data: resolve ``FW@VERSION``, edition maps, diff and migrate.

A framework records its editions in ``history`` (:class:`~skillframe.model.Edition`:
version, issued, status, replaces / replaced_by, source, contents). An edition whose
``contents`` names a framework of the catalog can be compared (:func:`edition_diff`)
and staff records can be carried to it (:func:`migrate`) through an
:class:`EditionMap` (:func:`read_edition_map`). An edition recorded without contents
(e.g. IPA DSS 2.0, whose items are not verified) can be listed but not used.

>>> import skillframe
>>> cat = skillframe.load()
>>> [(e.version, e.status, e.contents) for e in editions(cat, "ipa-dss")][-2:]
[('1.2', 'superseded', 'ipa-dss'), ('2.0', 'current', None)]
"""

from __future__ import annotations

from ._diff import EditionChange, edition_diff
from ._map import EditionMap, EditionMapping, read_edition_map
from ._migrate import CARRY, Carried, Migration, NotCarried, migrate
from ._resolve import EditionRef, editions, resolve_edition, same_version

__all__ = [
    "CARRY",
    "Carried",
    "EditionChange",
    "EditionMap",
    "EditionMapping",
    "EditionRef",
    "Migration",
    "NotCarried",
    "edition_diff",
    "editions",
    "migrate",
    "read_edition_map",
    "resolve_edition",
    "same_version",
]
