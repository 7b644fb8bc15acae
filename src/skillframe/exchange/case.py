"""A framework as a 1EdTech CASE 1.1 ``CFPackage`` (``skillframe export case``).

What goes where:

=====================  ======================================================================
skillframe             CASE 1.1
=====================  ======================================================================
framework              ``CFDocument`` (several frameworks: one document for the catalog and a
                       ``CFItem`` of type ``Framework`` per framework)
persona, role         ``CFItems`` with ``CFItemType`` ``Persona`` / ``RoleVariant`` /
variant, skill,        ``Skill`` / ``Scale`` / ``Level`` / ``Step``;
scale, level, step     ``humanCodingScheme`` = the skillframe id;
                       ``abbreviatedStatement`` = the Japanese label; ``fullStatement`` = the
                       definition where there is one; provenance in ``notes``; the English
                       label, aliases and flags in ``extensions.skillframe``
structure              ``isChildOf`` (item → framework, level → scale, step and role
                       variant → persona);
                       a persona that inherits hangs from the persona it inherits from
                       instead of the framework (the SKOS export's ``skos:broader``)
scale levels           ``hasSkillLevel`` (scale → each of its levels)
step and level order   ``precedes`` (rank k → rank k+1)
inheritance            ``isChildOf`` (persona → the persona it inherits from; notes
                       ``skos:broader; skillframe:inherits``)
requirement            ``isRelatedTo`` (persona → skill; notes ``skillframe:requires`` with
                       level, priority and overrides; the same in ``extensions.skillframe``)
mapping                ``exactMatchOf`` (skos:exactMatch), ``isPartOf`` (skos:broadMatch),
                       ``isRelatedTo`` (skos:relatedMatch, and skos:closeMatch /
                       skos:narrowMatch, which CASE has no type for: the predicate is in the
                       notes); each in the ``CFAssociationGrouping`` of its mapping set.
                       CASE cannot say "not": negated mappings are left out and counted
                       in the document's notes (they are in the SSSOM export)
superseded framework   ``replacedBy`` (framework item → its successor), several frameworks only
=====================  ======================================================================

Only CASE 1.1's own association types are used (no ``ext:`` types), so importers that
accept only those (OpenSALT's CASE import, for one) keep every association. Every
association's ``notes`` starts with the SKOS or skillframe predicate it carries, and
``extensions.skillframe.relation`` holds it for programs.
Identifiers are UUIDv5 of the skillframe ids (:func:`~skillframe.exchange.uuid_for`); dates
come from the framework (``issued``), so two runs give identical files.

>>> import skillframe
>>> pkg = case_package(skillframe.load(), "tokyo-wg-2025")
>>> sorted({i["CFItemType"] for i in pkg["CFItems"]})
['Level', 'Persona', 'RoleVariant', 'Scale', 'Skill', 'Step']
>>> req = next(a for a in pkg["CFAssociations"] if a["notes"].startswith("skillframe:requires"))
>>> req["associationType"], req["originNodeURI"]["title"], req["destinationNodeURI"]["title"]
('isRelatedTo', '一般行政職員', 'DXの必要性理解')
"""

from __future__ import annotations

import json
from typing import Any

from .. import model as m
from .._catalog import Catalog
from ._case_document import definitions, document
from ._case_structure import add_framework, add_mappings
from ._case_terms import ASSOCIATION_TYPES, ITEM_TYPES
from ._case_writer import CaseWriter

__all__ = ["ASSOCIATION_TYPES", "ITEM_TYPES", "case_json", "case_package"]


def _package(w: CaseWriter) -> dict[str, Any]:
    first = w.frameworks[0]
    w.titles[w.doc_key] = first.label if w.single else "skillframe catalog"
    for fw in w.frameworks:
        parent = w.doc_key
        if not w.single:
            said = {"version": fw.version, "status": fw.status, "verified": fw.verified}
            w.item(fw, "Framework", fw.description, {k: v for k, v in said.items() if v is not None})
            w.association(fw.id, "isChildOf", w.doc_key, "skillframe:in-catalog; framework in the catalog")
            parent = fw.id
        add_framework(w, fw, parent)
    if not w.single:
        for fw in w.frameworks:
            if fw.superseded_by and fw.superseded_by in w.fids:
                w.association(
                    fw.id, "replacedBy", fw.superseded_by, "skillframe:superseded_by; superseded by the destination"
                )
    add_mappings(w)
    return {
        "CFDocument": document(w),
        "CFItems": w.items,
        "CFAssociations": w.associations,
        "CFDefinitions": definitions(w),
    }


def case_package(catalog: Catalog, framework: str | m.Framework | None = None) -> dict[str, Any]:
    """A CASE 1.1 CFPackage (a dict ready for :func:`json.dumps`) of one framework, or of all.

    ``framework`` is a framework key or object; None exports every framework of the
    catalog in one package (each framework an item of type ``Framework``). Raises
    :class:`~skillframe.UnknownKeyError` for an unknown framework.
    """
    if framework is None:
        return _package(CaseWriter(catalog, catalog.frameworks(), single=False))
    fid = framework.id if isinstance(framework, m.Framework) else framework
    return _package(CaseWriter(catalog, [catalog.framework(fid)], single=True))


def case_json(catalog: Catalog, framework: str | m.Framework | None = None) -> str:
    """:func:`case_package` as JSON text (UTF-8, Japanese kept as is, keys in a fixed order)."""
    return json.dumps(case_package(catalog, framework), ensure_ascii=False, indent=2) + "\n"
