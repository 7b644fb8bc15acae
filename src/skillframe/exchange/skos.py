"""Frameworks as W3C SKOS, through rdflib (the ``rdf`` extra).

One ``skos:ConceptScheme`` per framework (``prefLabel`` ja/en, ``owl:versionInfo``,
``dcterms:issued``, ``dcterms:publisher``). Personas, their role variants, skills,
scales, levels and steps are ``skos:Concept`` in their framework's scheme, with ``skos:prefLabel``
(``@ja``, and ``@en`` where there is an English label), ``skos:altLabel`` for
aliases, ``skos:definition`` and ``skos:notation`` (the skillframe id).

Hierarchy (``skos:broader`` with its inverse ``skos:narrower``): a persona is narrower
than the persona it inherits from, a level narrower than its scale, a step and a role
variant narrower than their persona. Concepts with nothing broader in their scheme are its top concepts.

Mappings: every direct, positive mapping of the catalog whose subject is exported
becomes its SKOS mapping property (``skos:exactMatch``, ``closeMatch``,
``broadMatch``, ``narrowMatch``, ``relatedMatch``). SKOS cannot say "not": negated
mappings are left out (they are in the SSSOM export). Derived mappings are left out
(a consumer can derive them), except those an overlay's copy carries over from its base
(:meth:`~skillframe._crosswalk.Crosswalk.carried`): the copy has no mapping of its own, and
its base's are its mappings (a copy the overlay changed carries only an exact match, as
``closeMatch``).

IRIs are the placeholder IRIs of :func:`~skillframe.exchange.iri`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import model as m
from .._catalog import Catalog
from ..errors import MissingDependencyError
from ._ids import IRI_BASE, iri

if TYPE_CHECKING:  # pragma: no cover
    import rdflib

__all__ = ["MAPPING_PROPERTIES", "skos_graph", "skos_turtle"]

#: The SKOS mapping properties exported (local names in the SKOS namespace).
MAPPING_PROPERTIES = ("exactMatch", "closeMatch", "broadMatch", "narrowMatch", "relatedMatch")


def _rdflib() -> Any:
    try:
        import rdflib
    except ImportError as exc:  # pragma: no cover - exercised by a test that hides rdflib
        raise MissingDependencyError("rdflib", "rdf") from exc
    return rdflib


def _frameworks(catalog: Catalog, framework: str | m.Framework | None) -> list[m.Framework]:
    if framework is None:
        return catalog.frameworks()
    fid = framework.id if isinstance(framework, m.Framework) else framework
    return [catalog.framework(fid)]


def concepts(catalog: Catalog, fw: m.Framework) -> list[tuple[Any, str | None]]:
    """The definitions exported as concepts of a framework, each with its broader concept id."""
    out: list[tuple[Any, str | None]] = []
    for p in catalog.personas(fw.id):
        out.append((p, p.inherits[0] if p.inherits else None))
        out.extend((p, parent) for parent in p.inherits[1:])
        out.extend((v, p.id) for v in p.variants)
    out.extend((s, None) for s in catalog.skills(fw.id))
    for sc in catalog.scales(fw.id):
        out.append((sc, None))
        out.extend((lv, sc.id) for lv in sc.levels)
    out.extend((st, st.persona) for st in catalog.all_steps(fw.id))
    return out


def skos_graph(catalog: Catalog, framework: str | m.Framework | None = None) -> rdflib.Graph:
    """An rdflib Graph holding the SKOS of one framework (a key or object), or of every framework.

    Raises :class:`~skillframe.MissingDependencyError` (extra ``rdf``) without rdflib,
    :class:`~skillframe.UnknownKeyError` for an unknown framework.
    """
    rdf = _rdflib()
    from rdflib.namespace import DCTERMS, OWL, RDF, SKOS

    lit, ref = rdf.Literal, rdf.URIRef
    g: rdflib.Graph = rdf.Graph()
    g.bind("skos", SKOS)
    g.bind("dcterms", DCTERMS)
    g.bind("owl", OWL)
    frameworks = _frameworks(catalog, framework)
    exported: set[str] = set()
    for fw in frameworks:
        g.bind(fw.id.replace(".", "_").replace("-", "_"), rdf.Namespace(f"{IRI_BASE}{fw.id}/"))
        scheme = ref(iri(fw.id))
        g.add((scheme, RDF.type, SKOS.ConceptScheme))
        g.add((scheme, SKOS.prefLabel, lit(fw.label, lang="ja")))
        if fw.label_en:
            g.add((scheme, SKOS.prefLabel, lit(fw.label_en, lang="en")))
        g.add((scheme, DCTERMS.publisher, lit(fw.publisher, lang="ja")))
        if fw.version:
            g.add((scheme, OWL.versionInfo, lit(fw.version)))
        if fw.issued:
            g.add((scheme, DCTERMS.issued, lit(fw.issued)))
        pairs = concepts(catalog, fw)
        has_broader = {d.id for d, broader in pairs if broader is not None}
        for d, broader in pairs:
            c = ref(iri(d.id))
            exported.add(d.id)
            if broader is not None:
                g.add((c, SKOS.broader, ref(iri(broader))))
                g.add((ref(iri(broader)), SKOS.narrower, c))
                continue
            if d.id in has_broader:
                continue
            g.add((c, SKOS.topConceptOf, scheme))
            g.add((scheme, SKOS.hasTopConcept, c))
        for d, _ in pairs:
            c = ref(iri(d.id))
            g.add((c, RDF.type, SKOS.Concept))
            g.add((c, SKOS.inScheme, scheme))
            g.add((c, SKOS.notation, lit(d.id)))
            g.add((c, SKOS.prefLabel, lit(d.label, lang="ja")))
            if getattr(d, "label_en", None):
                g.add((c, SKOS.prefLabel, lit(d.label_en, lang="en")))
            for alias in getattr(d, "aliases", ()):
                g.add((c, SKOS.altLabel, lit(alias, lang="ja")))
            text = _definition(d)
            if text:
                g.add((c, SKOS.definition, lit(text, lang="ja")))
    for mp in [*catalog.mappings(), *catalog.crosswalk.carried()]:
        if mp.negated or mp.subject_id not in exported:
            continue
        g.add((ref(iri(mp.subject_id)), SKOS[mp.predicate.split(":", 1)[1]], ref(iri(mp.object_id))))
    return g


def _definition(d: Any) -> str | None:
    if isinstance(d, m.Persona):
        return "\n".join(d.definition) or None
    if isinstance(d, m.Skill):
        return d.definition
    if isinstance(d, m.Level):
        return d.descriptor
    if isinstance(d, m.Scale | m.Step | m.RoleVariant):
        return d.description
    return None  # pragma: no cover - concepts() yields only the kinds above


def skos_turtle(catalog: Catalog, framework: str | m.Framework | None = None) -> str:
    """:func:`skos_graph` serialised as Turtle (UTF-8 text).

    >>> import skillframe
    >>> ttl = skos_turtle(skillframe.load(), "tokyo-wg-2025")
    >>> "skos:ConceptScheme" in ttl and '"DX推進員"@ja' in ttl
    True
    """
    text: str = skos_graph(catalog, framework).serialize(format="turtle")
    return text
