"""The CASE package's document and definitions: ``CFDocument`` and ``CFDefinitions``."""

from __future__ import annotations

from typing import Any

from .. import model as m
from ._case_fields import edition_ext
from ._case_terms import ADOPTION, ITEM_TYPES, case_date
from ._case_writer import CaseWriter
from ._ids import IRI_BASE, uuid_for

__all__ = ["definitions", "document", "license_link"]


def document(w: CaseWriter) -> dict[str, Any]:
    """The package's ``CFDocument``: the framework (or the catalog), its sources, licence and notes."""
    first = w.frameworks[0]
    doc: dict[str, Any] = {
        "identifier": uuid_for(w.doc_key),
        "uri": w.uri(w.doc_key),
        "caseVersion": "1.1",
        "creator": first.publisher if w.single else "skillframe",
        "title": w.titles[w.doc_key],
        "lastChangeDateTime": w.stamp,
        "language": "ja",
    }
    notes = []
    if w.single:
        doc["publisher"] = first.publisher
        if first.version:
            doc["version"] = first.version
        if first.status is not None:  # only what the catalog says: no status is invented
            doc["adoptionStatus"] = ADOPTION[first.status]
        if (start := case_date(first.issued)) is not None:
            doc["statusStartDate"] = start
        if first.description:
            doc["description"] = first.description
        src = next((s for s in first.sources if s.id == first.source), None)
        if src is not None and src.url:
            doc["officialSourceURL"] = src.url
        if first.licence:
            doc["licenseURI"] = license_link(first)
        notes.append(
            f"skillframe framework {first.id}; verified: "
            + (first.verified or "not stated in the catalog")
            + ("" if first.status else "; status: not stated in the catalog (no adoptionStatus)")
        )
        if first.attribution:
            notes.append(f"attribution: {first.attribution}")
        for s in first.sources:
            notes.append(f"source {s.id}: {s.title}" + (f" ({s.publisher}, {s.issued})" if s.publisher else ""))
    else:
        doc["description"] = "skillframe frameworks: " + ", ".join(f.id for f in w.frameworks)
    if w.negated:
        notes.append(
            f"{w.negated} negated mapping(s) not exported: CASE cannot say 'not' (skillframe export sssom has them)"
        )
    if not w.stamp_known:
        notes.append("lastChangeDateTime: the issue date is not known (set to 1970-01-01)")
    notes.append(f"identifiers: UUIDv5 of the skillframe ids; IRIs under {IRI_BASE} are placeholders")
    doc["notes"] = "\n".join(notes)
    ext: dict[str, Any] = {"frameworks": [f.id for f in w.frameworks]}
    if w.single and first.history:
        ext["editions"] = [edition_ext(e) for e in first.history]
    doc["extensions"] = {"skillframe": ext}
    return doc


def license_link(fw: m.Framework) -> dict[str, Any]:
    """A LinkURI to the ``CFLicense`` of framework ``fw``."""
    return {
        "title": f"Licence of {fw.id}",
        "identifier": uuid_for(f"case-license:{fw.id}"),
        "uri": IRI_BASE + "case/licenses/" + fw.id,
    }


def definitions(w: CaseWriter) -> dict[str, Any]:
    """The package's ``CFDefinitions``: item types, licences and association groupings."""
    types = [
        {
            "identifier": w.type_ids[t],
            "uri": IRI_BASE + "case/types/" + t,
            "title": t,
            "description": desc,
            "hierarchyCode": str(n),
            "typeCode": t,
            "lastChangeDateTime": w.stamp,
        }
        for n, (t, desc) in enumerate(ITEM_TYPES.items(), 1)
    ]
    out: dict[str, Any] = {"CFItemTypes": types}
    licenses = [
        {
            "identifier": uuid_for(f"case-license:{f.id}"),
            "uri": IRI_BASE + "case/licenses/" + f.id,
            "title": f"Licence of {f.id}",
            "licenseText": f.licence,
            "lastChangeDateTime": w.stamp,
        }
        for f in w.frameworks
        if w.single and f.licence
    ]
    if licenses:
        out["CFLicenses"] = licenses
    if w.groupings:
        out["CFAssociationGroupings"] = list(w.groupings.values())
    return out
