"""The parts of a CASE 1.1 package being written: items, associations and the links between them."""

from __future__ import annotations

from typing import Any

from .. import model as m
from .._catalog import Catalog
from ._case_fields import provenance_ext, provenance_note
from ._case_terms import EPOCH, ITEM_TYPES, case_datetime
from ._ids import IRI_BASE, iri, uuid_for

__all__ = ["CaseWriter"]


class CaseWriter:
    """The parts of one CASE package as they are added: items, associations, groupings, and the
    links between them (titles, UUIDv5 identifiers, IRIs)."""

    def __init__(self, catalog: Catalog, frameworks: list[m.Framework], single: bool) -> None:
        self.catalog = catalog
        self.frameworks = frameworks
        self.single = single
        self.fids = {f.id for f in frameworks}
        self.items: list[dict[str, Any]] = []
        self.associations: list[dict[str, Any]] = []
        self.titles: dict[str, str] = {}
        first = frameworks[0]
        self.doc_key = first.id if single else "skillframe-catalog:" + "+".join(sorted(self.fids))
        stamps = [s for s in (case_datetime(f.issued) for f in frameworks) if s]
        self.stamp = max(stamps) if stamps else EPOCH
        self.stamp_known = bool(stamps)
        self.type_ids = {t: uuid_for(f"case-item-type:{t}") for t in ITEM_TYPES}
        self.groupings: dict[str, dict[str, Any]] = {}
        self.negated = 0

    # -- links -------------------------------------------------------------
    def link(self, key: str) -> dict[str, Any]:
        """A LinkGenURI to a definition (or the document)."""
        if key == self.doc_key:
            return {"title": self.titles[key], "identifier": uuid_for(key), "uri": self.uri(key), "targetType": "CASE"}
        title = self.titles.get(key)
        if title is None:  # a definition outside this package (a mapping's object)
            d = self.catalog.get(key)
            title = str(getattr(d, "label", key))
        return {"title": title, "identifier": uuid_for(key), "uri": iri(key), "targetType": "CASE"}

    def uri(self, key: str) -> str:
        """The IRI of a definition in this package; the document's own IRI for the document."""
        return iri(key) if key in self.titles and key != self.doc_key else IRI_BASE + "case/" + uuid_for(key)

    def type_link(self, item_type: str) -> dict[str, Any]:
        """A LinkURI to the ``CFItemType`` of ``item_type``."""
        return {"title": item_type, "identifier": self.type_ids[item_type], "uri": IRI_BASE + "case/types/" + item_type}

    # -- items -------------------------------------------------------------
    def item(self, d: Any, item_type: str, statement: str | None, extra: dict[str, Any] | None = None) -> None:
        """Add definition ``d`` as a ``CFItem`` (``statement``: its ``fullStatement``, the label when None)."""
        label = str(d.label)
        self.titles[d.id] = label
        prov: m.Provenance = getattr(d, "provenance", m.Provenance())
        ext: dict[str, Any] = {"id": d.id}
        if getattr(d, "label_en", None):
            ext["label_en"] = d.label_en
        if getattr(d, "aliases", ()):
            ext["aliases"] = list(d.aliases)
        if prov != m.Provenance():
            ext["provenance"] = provenance_ext(prov)
        ext.update(extra or {})
        item: dict[str, Any] = {
            "identifier": uuid_for(d.id),
            "fullStatement": statement or label,
            "abbreviatedStatement": label,
            "CFItemType": item_type,
            "CFItemTypeURI": self.type_link(item_type),
            "uri": iri(d.id),
            "humanCodingScheme": d.id,
            "language": "ja",
            "lastChangeDateTime": self.stamp,
            "extensions": {"skillframe": ext},
        }
        keywords = [k for k in (getattr(d, "label_en", None), *getattr(d, "aliases", ())) if k]
        if keywords:
            item["conceptKeywords"] = keywords
        note = provenance_note(prov)
        if note:
            item["notes"] = note
        self.items.append(item)

    def association(
        self,
        origin: str,
        kind: str,
        dest: str,
        note: str,
        *,
        sequence: int | None = None,
        grouping: str | None = None,
        discriminator: str = "",
        ext: dict[str, Any] | None = None,
    ) -> None:
        """One association; ``note`` starts with the relation it carries (``skos:…`` or ``skillframe:…``)."""
        ident = uuid_for(f"case-association:{origin}|{kind}|{dest}|{discriminator}")
        a: dict[str, Any] = {
            "identifier": ident,
            "associationType": kind,
            "uri": IRI_BASE + "case/associations/" + ident,
            "originNodeURI": self.link(origin),
            "destinationNodeURI": self.link(dest),
            "lastChangeDateTime": self.stamp,
            "notes": note,
        }
        if sequence is not None:
            a["sequenceNumber"] = sequence
        if grouping is not None:
            a["CFAssociationGroupingURI"] = self.grouping_link(grouping)
        a["extensions"] = {"skillframe": {"relation": note.split(";", 1)[0], **(ext or {})}}
        self.associations.append(a)

    def grouping_link(self, set_id: str) -> dict[str, Any]:
        """A LinkURI to the ``CFAssociationGrouping`` of mapping set ``set_id`` (made on first use)."""
        g = self.groupings.get(set_id)
        if g is None:
            ms = self.catalog.mapping_set(set_id)
            g = {
                "identifier": uuid_for(f"case-grouping:{set_id}"),
                "uri": IRI_BASE + "mappings/" + set_id,
                "title": ms.title,
                "description": f"skillframe mapping set {set_id}" + (f": {ms.description}" if ms.description else ""),
                "lastChangeDateTime": self.stamp,
            }
            self.groupings[set_id] = g
        return {"title": g["title"], "identifier": g["identifier"], "uri": g["uri"]}
