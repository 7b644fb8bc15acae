"""Frameworks in standard exchange formats: 1EdTech CASE 1.1 and W3C SKOS.

- :func:`case_package` — a CASE 1.1 ``CFPackage`` (a JSON-ready dict): one
  ``CFDocument``, ``CFItems`` for personas, skills, scales, levels and steps,
  ``CFAssociations`` of CASE 1.1's own types for structure, inheritance,
  levels, requirements, step order and the catalog's mappings (the SKOS
  predicate in the association type where CASE has one, in the notes where it
  has not). Identifiers are UUIDv5 of the skillframe
  ids: stable across runs and machines.
- :func:`skos_graph` / :func:`skos_turtle` — SKOS through rdflib (the ``rdf``
  extra): a ``skos:ConceptScheme`` per framework, concepts with ``prefLabel``
  ja/en, ``broader``/``narrower`` and the SKOS mapping properties.

>>> import skillframe
>>> from skillframe.exchange import case_package
>>> pkg = case_package(skillframe.load(), "tokyo-wg-2025")
>>> pkg["CFDocument"]["title"], pkg["CFDocument"]["caseVersion"]
('区市町村デジタル人材確保・育成検討WG 標準（人材像・スキル要件・スキル基準）', '1.1')
"""

from __future__ import annotations

from ._ids import IRI_BASE, iri, uuid_for
from .case import case_json, case_package
from .skos import skos_graph, skos_turtle

__all__ = ["IRI_BASE", "case_json", "case_package", "iri", "skos_graph", "skos_turtle", "uuid_for"]
