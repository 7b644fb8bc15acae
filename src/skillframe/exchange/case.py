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

import itertools
import json
from collections.abc import Iterator
from typing import Any

from .. import model as m
from .._catalog import Catalog
from ._ids import IRI_BASE, iri, uuid_for

__all__ = ["ASSOCIATION_TYPES", "ITEM_TYPES", "case_json", "case_package"]

#: SKOS mapping predicate → CASE association type (closest; the predicate itself goes in the notes).
ASSOCIATION_TYPES: dict[str, str] = {
    "skos:exactMatch": "exactMatchOf",
    "skos:broadMatch": "isPartOf",
    "skos:closeMatch": "isRelatedTo",
    "skos:narrowMatch": "isRelatedTo",
    "skos:relatedMatch": "isRelatedTo",
}

#: CFItemType of each kind of definition, with its description.
ITEM_TYPES: dict[str, str] = {
    "Framework": "A skill framework (skillframe Framework)",
    "Persona": "A persona / 人材類型 (skillframe Persona)",
    "RoleVariant": "A role variant of a persona / ロール (skillframe RoleVariant)",
    "Skill": "A skill item / スキル項目 (skillframe Skill)",
    "Scale": "A level scale / レベル尺度 (skillframe Scale)",
    "Level": "A level of a scale / レベル (skillframe Level)",
    "Step": "A rung of a persona's development ladder / 育成段階 (skillframe Step)",
}

_ADOPTION = {"current": "Adopted", "draft": "Draft", "superseded": "Deprecated"}
_EPOCH = "1970-01-01T00:00:00Z"


def _datetime(issued: str | None) -> str | None:
    """``2025-10`` → ``2025-10-01T00:00:00Z``; None when the date is not known."""
    if not issued:
        return None
    parts = issued.split("-")
    if not all(p.isdigit() for p in parts) or not 1 <= len(parts) <= 3:
        return None
    year, month, day = ([*parts, "01", "01"])[:3]
    return f"{int(year):04d}-{int(month):02d}-{int(day):02d}T00:00:00Z"


def _date(issued: str | None) -> str | None:
    stamp = _datetime(issued)
    return stamp[:10] if stamp else None


def _provenance_note(p: m.Provenance) -> str:
    parts = []
    if p.source:
        parts.append(f"source: {p.source}")
    if p.locator:
        parts.append(f"locator: {p.locator}")
    if p.flags:
        parts.append("flags: " + ", ".join(p.flags))
    if p.note:
        parts.append(f"note: {p.note}")
    return "; ".join(parts)


def _provenance_ext(p: m.Provenance) -> dict[str, Any]:
    return {
        k: v
        for k, v in (
            ("source", p.source),
            ("locator", p.locator),
            ("interpretation", p.interpretation or None),
            ("unverified", p.unverified or None),
            ("note", p.note),
        )
        if v is not None
    }


class _Builder:
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
        stamps = [s for s in (_datetime(f.issued) for f in frameworks) if s]
        self.stamp = max(stamps) if stamps else _EPOCH
        self.stamp_known = bool(stamps)
        self.type_ids = {t: uuid_for(f"case-item-type:{t}") for t in ITEM_TYPES}
        self.groupings: dict[str, dict[str, Any]] = {}
        self.negated = 0

    # -- links -------------------------------------------------------------
    def link(self, key: str) -> dict[str, Any]:
        """A LinkGenURI to a definition (or the document)."""
        if key == self.doc_key:
            return {"title": self.titles[key], "identifier": uuid_for(key), "uri": self._uri(key), "targetType": "CASE"}
        title = self.titles.get(key)
        if title is None:  # a definition outside this package (a mapping's object)
            d = self.catalog.get(key)
            title = str(getattr(d, "label", key))
        return {"title": title, "identifier": uuid_for(key), "uri": iri(key), "targetType": "CASE"}

    def _uri(self, key: str) -> str:
        return iri(key) if key in self.titles and key != self.doc_key else IRI_BASE + "case/" + uuid_for(key)

    def type_link(self, item_type: str) -> dict[str, Any]:
        return {"title": item_type, "identifier": self.type_ids[item_type], "uri": IRI_BASE + "case/types/" + item_type}

    # -- items -------------------------------------------------------------
    def item(self, d: Any, item_type: str, statement: str | None, extra: dict[str, Any] | None = None) -> None:
        label = str(d.label)
        self.titles[d.id] = label
        prov: m.Provenance = getattr(d, "provenance", m.Provenance())
        ext: dict[str, Any] = {"id": d.id}
        if getattr(d, "label_en", None):
            ext["label_en"] = d.label_en
        if getattr(d, "aliases", ()):
            ext["aliases"] = list(d.aliases)
        if prov != m.Provenance():
            ext["provenance"] = _provenance_ext(prov)
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
        note = _provenance_note(prov)
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

    # -- the package --------------------------------------------------------
    def build(self) -> dict[str, Any]:
        first = self.frameworks[0]
        self.titles[self.doc_key] = first.label if self.single else "skillframe catalog"
        for fw in self.frameworks:
            parent = self.doc_key
            if not self.single:
                self.item(fw, "Framework", fw.description, {"version": fw.version, "status": fw.status})
                self.association(fw.id, "isChildOf", self.doc_key, "skillframe:in-catalog; framework in the catalog")
                parent = fw.id
            self._framework(fw, parent)
        if not self.single:
            for fw in self.frameworks:
                if fw.superseded_by and fw.superseded_by in self.fids:
                    self.association(
                        fw.id, "replacedBy", fw.superseded_by, "skillframe:superseded_by; superseded by the destination"
                    )
        self._mappings()
        return {
            "CFDocument": self._document(),
            "CFItems": self.items,
            "CFAssociations": self.associations,
            "CFDefinitions": self._definitions(),
        }

    def _framework(self, fw: m.Framework, parent: str) -> None:
        cat = self.catalog
        personas = cat.personas(fw.id)
        here = {p.id for p in personas}
        for n, p in enumerate(personas, 1):
            self.item(p, "Persona", "\n".join(p.definition) or None, _persona_ext(p))
            # a persona hangs from the persona(s) it inherits from (skos:broader in the SKOS
            # export); from the framework when it inherits from none in this package
            if not p.inherits or any(q not in here and q not in self.titles for q in p.inherits):
                self.association(p.id, "isChildOf", parent, "skillframe:in-framework; persona of framework", sequence=n)
            for q in p.inherits:
                self.association(
                    p.id,
                    "isChildOf",
                    q,
                    "skillframe:inherits; 継承: the persona has every requirement of the one it inherits"
                    " from, and its own (skos:broader in the SKOS export)",
                    sequence=n,
                )
        for p in personas:
            for n, v in enumerate(p.variants, 1):
                self.item(v, "RoleVariant", v.description, _variant_ext(v))
                self.association(
                    v.id, "isChildOf", p.id, "skillframe:variant-of; role variant of the persona", sequence=n
                )
        for n, s in enumerate(cat.skills(fw.id), 1):
            self.item(s, "Skill", s.definition, _skill_ext(s))
            self.association(s.id, "isChildOf", parent, "skillframe:in-framework; skill of framework", sequence=n)
        for n, sc in enumerate(cat.scales(fw.id), 1):
            self.item(sc, "Scale", sc.description, {"measures": sc.measures, "status": sc.status})
            self.association(sc.id, "isChildOf", parent, "skillframe:in-framework; scale of framework", sequence=n)
            for lv in sc.levels:
                self.item(lv, "Level", lv.descriptor, {"rank": lv.rank})
                self.association(
                    lv.id, "isChildOf", sc.id, "skillframe:level-of; level of scale (skos:broader)", sequence=lv.rank
                )
                self.association(
                    sc.id, "hasSkillLevel", lv.id, "skillframe:has-level; the scale's level", sequence=lv.rank
                )
            for lo, hi in itertools.pairwise(sc.levels):
                self.association(lo.id, "precedes", hi.id, "skillframe:rank-order; level order (rank)")
        for p in personas:
            for n, req in enumerate(p.requirements, 1):
                self.association(
                    p.id,
                    "isRelatedTo",
                    req.skill,
                    "skillframe:requires; " + _requirement_note(req),
                    sequence=n,
                    ext=_requirement_ext(req),
                )
        steps = cat.all_steps(fw.id)
        for st in steps:
            self.item(st, "Step", st.description, {"rank": st.rank, "persona": st.persona})
            self.association(
                st.id,
                "isChildOf",
                st.persona,
                "skillframe:step-of; step of the persona's ladder (skos:broader)",
                sequence=st.rank,
            )
        by_persona: dict[str, list[m.Step]] = {}
        for st in steps:
            by_persona.setdefault(st.persona, []).append(st)
        for ladder in by_persona.values():
            ladder.sort(key=lambda s: s.rank)
            for low, high in itertools.pairwise(ladder):
                self.association(
                    low.id, "precedes", high.id, "skillframe:rank-order; step order (a higher step needs the lower)"
                )

    def _mappings(self) -> None:
        for mp in self.catalog.mappings():
            if mp.subject_id not in self.titles or mp.subject_id == self.doc_key:
                continue
            if mp.negated:  # CASE cannot say "not"; counted in the document's notes
                self.negated += 1
                continue
            note = f"{mp.predicate}; confidence {mp.confidence:g}; basis {mp.basis}; justification {mp.justification}"
            for label, value in (("locator", mp.locator), ("quote", mp.quote), ("comment", mp.comment)):
                if value:
                    note += f"; {label}: {value}"
            ext = {
                "predicate": mp.predicate,
                "confidence": mp.confidence,
                "basis": mp.basis,
                "mapping_set": mp.mapping_set,
            }
            self.association(
                mp.subject_id,
                ASSOCIATION_TYPES[mp.predicate],
                mp.object_id,
                note,
                grouping=mp.mapping_set,
                discriminator=mp.predicate,
                ext=ext,
            )

    def _document(self) -> dict[str, Any]:
        first = self.frameworks[0]
        doc: dict[str, Any] = {
            "identifier": uuid_for(self.doc_key),
            "uri": self._uri(self.doc_key),
            "caseVersion": "1.1",
            "creator": first.publisher if self.single else "skillframe",
            "title": self.titles[self.doc_key],
            "lastChangeDateTime": self.stamp,
            "language": "ja",
        }
        notes = []
        if self.single:
            doc["publisher"] = first.publisher
            if first.version:
                doc["version"] = first.version
            doc["adoptionStatus"] = _ADOPTION[first.status]
            if (start := _date(first.issued)) is not None:
                doc["statusStartDate"] = start
            if first.description:
                doc["description"] = first.description
            src = next((s for s in first.sources if s.id == first.source), None)
            if src is not None and src.url:
                doc["officialSourceURL"] = src.url
            if first.licence:
                doc["licenseURI"] = self._license_link(first)
            notes.append(f"skillframe framework {first.id}; verified: {first.verified}")
            if first.attribution:
                notes.append(f"attribution: {first.attribution}")
            for s in first.sources:
                notes.append(f"source {s.id}: {s.title}" + (f" ({s.publisher}, {s.issued})" if s.publisher else ""))
        else:
            doc["description"] = "skillframe frameworks: " + ", ".join(f.id for f in self.frameworks)
        if self.negated:
            notes.append(
                f"{self.negated} negated mapping(s) not exported: CASE cannot say 'not' "
                "(skillframe export sssom has them)"
            )
        if not self.stamp_known:
            notes.append("lastChangeDateTime: the issue date is not known (set to 1970-01-01)")
        notes.append(f"identifiers: UUIDv5 of the skillframe ids; IRIs under {IRI_BASE} are placeholders")
        doc["notes"] = "\n".join(notes)
        ext: dict[str, Any] = {"frameworks": [f.id for f in self.frameworks]}
        if self.single and first.history:
            ext["editions"] = [_edition_ext(e) for e in first.history]
        doc["extensions"] = {"skillframe": ext}
        return doc

    def _license_link(self, fw: m.Framework) -> dict[str, Any]:
        return {
            "title": f"Licence of {fw.id}",
            "identifier": uuid_for(f"case-license:{fw.id}"),
            "uri": IRI_BASE + "case/licenses/" + fw.id,
        }

    def _definitions(self) -> dict[str, Any]:
        types = [
            {
                "identifier": self.type_ids[t],
                "uri": IRI_BASE + "case/types/" + t,
                "title": t,
                "description": desc,
                "hierarchyCode": str(n),
                "typeCode": t,
                "lastChangeDateTime": self.stamp,
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
                "lastChangeDateTime": self.stamp,
            }
            for f in self.frameworks
            if self.single and f.licence
        ]
        if licenses:
            out["CFLicenses"] = licenses
        if self.groupings:
            out["CFAssociationGroupings"] = list(self.groupings.values())
        return out


def _edition_ext(e: m.Edition) -> dict[str, Any]:
    out: dict[str, Any] = {
        name: getattr(e, name)
        for name in ("version", "issued", "status", "replaces", "replaced_by", "source", "contents", "note")
        if getattr(e, name) is not None
    }
    if e.provenance != m.Provenance():
        out["provenance"] = _provenance_ext(e.provenance)
    return out


def _persona_ext(p: m.Persona) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in ("number", "department", "role", "development", "no_ladder"):
        value = getattr(p, name)
        if value is not None:
            out[name] = value
    return out


def _variant_ext(v: m.RoleVariant) -> dict[str, Any]:
    return {name: list(getattr(v, name)) for name in ("tasks", "required_skills", "welcome_skills") if getattr(v, name)}


def _skill_ext(s: m.Skill) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in ("category", "category_en", "subcategory", "number"):
        value = getattr(s, name)
        if value is not None:
            out[name] = value
    for name in ("trainings", "certifications", "tags"):
        if getattr(s, name):
            out[name] = list(getattr(s, name))
    return out


def _requirement_fields(req: m.Requirement) -> Iterator[tuple[str, Any]]:
    for name in ("level", "mark", "priority", "note"):
        value = getattr(req, name)
        if value is not None:
            yield name, value
    if req.certifications:
        yield "certifications", list(req.certifications)
    for name in ("trainings", "category"):  # requirement-level overrides, where the model has them
        value = getattr(req, name, None)
        if value is not None:
            yield name, list(value) if isinstance(value, tuple) else value


def _requirement_note(req: m.Requirement) -> str:
    parts = [f"{k}: {', '.join(v) if isinstance(v, list) else v}" for k, v in _requirement_fields(req)]
    prov = _provenance_note(req.provenance)
    if prov:
        parts.append(prov)
    return "; ".join(parts)


def _requirement_ext(req: m.Requirement) -> dict[str, Any]:
    out = dict(_requirement_fields(req))
    if req.provenance != m.Provenance():
        out["provenance"] = _provenance_ext(req.provenance)
    return out


def case_package(catalog: Catalog, framework: str | m.Framework | None = None) -> dict[str, Any]:
    """A CASE 1.1 CFPackage (a dict ready for :func:`json.dumps`) of one framework, or of all.

    ``framework`` is a framework key or object; None exports every framework of the
    catalog in one package (each framework an item of type ``Framework``). Raises
    :class:`~skillframe.UnknownKeyError` for an unknown framework.
    """
    if framework is None:
        return _Builder(catalog, catalog.frameworks(), single=False).build()
    fid = framework.id if isinstance(framework, m.Framework) else framework
    return _Builder(catalog, [catalog.framework(fid)], single=True).build()


def case_json(catalog: Catalog, framework: str | m.Framework | None = None) -> str:
    """:func:`case_package` as JSON text (UTF-8, Japanese kept as is, keys in a fixed order)."""
    return json.dumps(case_package(catalog, framework), ensure_ascii=False, indent=2) + "\n"
