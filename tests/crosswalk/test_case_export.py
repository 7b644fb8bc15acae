"""CASE 1.1 export: valid against 1EdTech's published CFPackage schema, round-trips its ids.

The schema (``tests/data/case/case-v1p1-cfpackage.json``) is 1EdTech's, kept unchanged
with its licence beside it (see the README there).
"""

from __future__ import annotations

import itertools
import json
import uuid
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import skillframe
from skillframe.cli import main
from skillframe.exchange import case_json, case_package, iri, uuid_for

SCHEMA = Path(__file__).resolve().parents[1] / "data" / "case" / "case-v1p1-cfpackage.json"
FRAMEWORKS = ["tokyo-wg-2025", "tokyo-dsm", "ipa-dss", "mic-guidebook-2024", None]


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["$id"].startswith("https://purl.imsglobal.org/spec/case/v1p1/")
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def expected_items(cat: skillframe.Catalog, fid: str | None) -> dict[str, str]:
    """skillframe id -> CFItemType that the export must contain."""
    fids = [fid] if fid else [f.id for f in cat.frameworks()]
    out: dict[str, str] = {}
    for f in fids:
        if fid is None:
            out[f] = "Framework"
        out.update({p.id: "Persona" for p in cat.personas(f)})
        out.update({v.id: "RoleVariant" for p in cat.personas(f) for v in p.variants})
        out.update({s.id: "Skill" for s in cat.skills(f)})
        for sc in cat.scales(f):
            out[sc.id] = "Scale"
            out.update({lv.id: "Level" for lv in sc.levels})
        out.update({st.id: "Step" for st in cat.all_steps(f)})
    return out


CASE_TYPES = {  # the CASE 1.1 CFAssociationType vocabulary, as 1EdTech's schema lists it
    "isChildOf", "isPeerOf", "isPartOf", "exactMatchOf", "precedes",
    "isRelatedTo", "replacedBy", "exemplar", "hasSkillLevel", "isTranslationOf",
}  # fmt: skip


def expected_associations(cat: skillframe.Catalog, fid: str | None) -> Counter[tuple[str, str, str]]:
    """Every (origin id, association type, destination id) the export must hold, from the catalog.

    Directions follow CASE 1.1: ``A isChildOf B`` (A the child), ``A precedes B`` (A first),
    ``S hasSkillLevel L`` (S the scale), ``A isPartOf B`` (skos:broadMatch: B is broader).
    """
    fids = [fid] if fid else [f.id for f in cat.frameworks()]
    items = expected_items(cat, fid)
    out: Counter[tuple[str, str, str]] = Counter()
    for f in fids:
        top = "<document>" if fid else f
        if fid is None:
            out[(f, "isChildOf", "<document>")] += 1
            nxt = cat.framework(f).superseded_by
            if nxt and nxt in fids:
                out[(f, "replacedBy", nxt)] += 1
        for p in cat.personas(f):
            out[(p.id, "isChildOf", top)] += not p.inherits
            out.update((p.id, "isChildOf", q) for q in p.inherits)  # inheritance: the child is the origin
            out.update((p.id, "isRelatedTo", r.skill) for r in p.requirements)
            out.update((v.id, "isChildOf", p.id) for v in p.variants)
        out.update((s.id, "isChildOf", top) for s in cat.skills(f))
        for sc in cat.scales(f):
            out[(sc.id, "isChildOf", top)] += 1
            for lv in sc.levels:
                out[(lv.id, "isChildOf", sc.id)] += 1
                out[(sc.id, "hasSkillLevel", lv.id)] += 1
            ranked = sorted(sc.levels, key=lambda lv: lv.rank)
            out.update((a.id, "precedes", b.id) for a, b in itertools.pairwise(ranked))
        steps = cat.all_steps(f)
        out.update((st.id, "isChildOf", st.persona) for st in steps)
        for pid in {st.persona for st in steps}:
            ladder = sorted((st for st in steps if st.persona == pid), key=lambda st: st.rank)
            out.update((a.id, "precedes", b.id) for a, b in itertools.pairwise(ladder))
    kinds = {
        "skos:exactMatch": "exactMatchOf",
        "skos:broadMatch": "isPartOf",
        "skos:closeMatch": "isRelatedTo",
        "skos:narrowMatch": "isRelatedTo",
        "skos:relatedMatch": "isRelatedTo",
    }
    for m in cat.mappings():
        if m.subject_id in items and not m.negated:
            out[(m.subject_id, kinds[m.predicate], m.object_id)] += 1
    return +out


@pytest.mark.parametrize("fid", FRAMEWORKS)
def test_case_export_validates_against_the_published_schema(
    cat: skillframe.Catalog, validator: jsonschema.protocols.Validator, fid: str | None
) -> None:
    pkg = json.loads(case_json(cat, fid))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(pkg)]
    assert errors == []
    # the format checker checks uuid; date-time needs an optional package, so check it here
    stamps = [pkg["CFDocument"]["lastChangeDateTime"]] + [x["lastChangeDateTime"] for x in pkg["CFItems"]]
    for s in stamps:
        assert datetime.fromisoformat(s.replace("Z", "+00:00")).tzinfo is not None
    ids = [x["identifier"] for x in [pkg["CFDocument"], *pkg["CFItems"], *pkg["CFAssociations"]]]
    assert len(ids) == len(set(ids))
    assert all(uuid.UUID(i).version == 5 for i in ids)


def test_the_schema_rejects_a_broken_package(
    validator: jsonschema.protocols.Validator, cat: skillframe.Catalog
) -> None:
    """The validation can fail: a package without a CFDocument title, or with a bad association type."""
    pkg = case_package(cat, "tokyo-wg-2025")
    del pkg["CFDocument"]["title"]
    assert not validator.is_valid(pkg)
    pkg = case_package(cat, "tokyo-wg-2025")
    pkg["CFAssociations"][0]["associationType"] = "requires"
    assert not validator.is_valid(pkg)


@pytest.mark.parametrize("fid", FRAMEWORKS)
def test_case_round_trip_items_and_associations(cat: skillframe.Catalog, fid: str | None) -> None:
    pkg = json.loads(case_json(cat, fid))
    want = expected_items(cat, fid)
    got = {x["humanCodingScheme"]: x["CFItemType"] for x in pkg["CFItems"]}
    assert len(pkg["CFItems"]) == len(want)
    assert got == want
    assert {x["identifier"] for x in pkg["CFItems"]} == {uuid_for(i) for i in want}
    assert all(x["uri"] == iri(x["humanCodingScheme"]) for x in pkg["CFItems"])
    by_uuid = {uuid_for(i): i for i in [*want, *(d.id for d in cat.iter_definitions())]}
    by_uuid[pkg["CFDocument"]["identifier"]] = "<document>"

    def triple(a: dict[str, Any]) -> tuple[str, str, str]:
        return (
            by_uuid[a["originNodeURI"]["identifier"]],
            a["associationType"],
            by_uuid[a["destinationNodeURI"]["identifier"]],
        )

    triples = Counter(triple(a) for a in pkg["CFAssociations"])
    assert triples == expected_associations(cat, fid)
    assert {a["associationType"] for a in pkg["CFAssociations"]} <= CASE_TYPES  # no ext: types
    if fid is None:  # the whole catalog: every association joins two nodes of the package
        nodes = {x["identifier"] for x in pkg["CFItems"]} | {pkg["CFDocument"]["identifier"]}
        ends = {a[k]["identifier"] for a in pkg["CFAssociations"] for k in ("originNodeURI", "destinationNodeURI")}
        assert ends <= nodes
    # structure: every item hangs from at least one parent
    assert {t[0] for t in triples if t[1] == "isChildOf"} == set(want)


def test_case_details_tokyo_wg(cat: skillframe.Catalog) -> None:
    pkg = case_package(cat, cat.framework("tokyo-wg-2025"))  # the framework object is accepted too
    doc = pkg["CFDocument"]
    assert (doc["creator"], doc["version"], doc["adoptionStatus"]) == ("東京都 / GovTech東京", "2025-10", "Adopted")
    assert doc["lastChangeDateTime"] == "2025-10-01T00:00:00Z"
    items = {x["humanCodingScheme"]: x for x in pkg["CFItems"]}
    bpr = items["tokyo-wg-2025:bpr"]
    assert bpr["abbreviatedStatement"] == "業務分析/BPR"
    assert bpr["fullStatement"].startswith("業務内容及びプロセスの可視化")
    assert bpr["extensions"]["skillframe"]["label_en"] == "Business analysis / BPR"
    steps = [a for a in pkg["CFAssociations"] if a["associationType"] == "precedes"]
    titles = {(a["originNodeURI"]["identifier"], a["destinationNodeURI"]["identifier"]) for a in steps}
    assert (uuid_for("tokyo-wg-2025:dx-promoter-step1"), uuid_for("tokyo-wg-2025:dx-promoter-step2")) in titles
    # a mapping whose SKOS predicate has no CASE type keeps it in the notes
    close = [a for a in pkg["CFAssociations"] if a["notes"].startswith("skos:closeMatch")]
    assert close and all(a["associationType"] == "isRelatedTo" for a in close)
    assert all("CFAssociationGroupingURI" in a for a in close)
    # provenance in notes
    flagged = [x for x in pkg["CFItems"] if "flags: interpretation" in x.get("notes", "")]
    assert flagged


def test_case_directions_and_relations_tokyo_wg(cat: skillframe.Catalog) -> None:
    """Inheritance is the CASE hierarchy (child = origin), levels hang from their scale with
    ``hasSkillLevel`` (scale = origin), requirements are ``isRelatedTo`` named in notes and
    extensions, and a negated mapping is counted in the document, not turned into a relation."""
    pkg = case_package(cat, "tokyo-wg-2025")
    assocs = pkg["CFAssociations"]

    def between(a: str, b: str) -> list[dict[str, Any]]:
        return [
            x for x in assocs
            if (x["originNodeURI"]["identifier"], x["destinationNodeURI"]["identifier"]) == (uuid_for(a), uuid_for(b))
        ]  # fmt: skip

    inherit = between("tokyo-wg-2025:dx-promoter", "tokyo-wg-2025:general-staff")
    assert [(x["associationType"], x["extensions"]["skillframe"]["relation"]) for x in inherit] == [
        ("isChildOf", "skillframe:inherits")
    ]
    assert between("tokyo-wg-2025:general-staff", "tokyo-wg-2025:dx-promoter") == []
    # a persona that inherits is not also a top-level child of the document
    doc = pkg["CFDocument"]["identifier"]
    top = {x["originNodeURI"]["title"] for x in assocs if x["destinationNodeURI"]["identifier"] == doc}
    assert "一般行政職員" in top and "DX推進員" not in top
    levels = [x for x in assocs if x["associationType"] == "hasSkillLevel"]
    types = {i["identifier"]: i["CFItemType"] for i in pkg["CFItems"]}
    assert levels
    ends = {(types[x["originNodeURI"]["identifier"]], types[x["destinationNodeURI"]["identifier"]]) for x in levels}
    assert ends == {("Scale", "Level")}
    req = between("tokyo-wg-2025:general-staff", "tokyo-wg-2025:dx-necessity")
    assert [x["associationType"] for x in req] == ["isRelatedTo"]
    assert req[0]["notes"].startswith("skillframe:requires")
    assert req[0]["extensions"]["skillframe"]["relation"] == "skillframe:requires"
    # the report's negated mapping (the draft scale's 2 is not Step2) is not exported as a relation
    assert between("tokyo-wg-2025:draft-dx-promoter-level.lv2", "tokyo-wg-2025:dx-promoter-step2") == []
    assert "1 negated mapping(s) not exported" in pkg["CFDocument"]["notes"]


def test_case_identifiers_are_stable(cat: skillframe.Catalog) -> None:
    assert case_json(cat, "tokyo-dsm") == case_json(skillframe.load(), "tokyo-dsm")
    namespace = uuid.uuid5(uuid.NAMESPACE_URL, "https://w3id.org/skillframe/")
    assert uuid_for("tokyo-wg-2025:bpr") == str(uuid.uuid5(namespace, "tokyo-wg-2025:bpr"))


def test_cli_export_case(tmp_path: Path, validator: jsonschema.protocols.Validator) -> None:
    out = tmp_path / "fw.case.json"
    assert main(["export", "case", "--framework", "tokyo-wg-2025", "-o", str(out)]) == 0
    pkg = json.loads(out.read_text(encoding="utf-8"))
    assert validator.is_valid(pkg)
    assert len(pkg["CFItems"]) == len(expected_items(skillframe.load(), "tokyo-wg-2025"))


def test_cli_export_case_unknown_framework(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "case", "--framework", "no-such-framework"]) == 1
    err = capsys.readouterr().err
    assert "no-such-framework" in err and "見つかりません" in err and "Traceback" not in err


def test_case_document_lists_the_editions(cat: skillframe.Catalog) -> None:
    eds = case_package(cat, "ipa-dss")["CFDocument"]["extensions"]["skillframe"]["editions"]
    v2 = next(e for e in eds if e["version"] == "2.0")
    assert (v2["issued"], v2["replaces"], v2["provenance"]["unverified"]) == ("2026-04-16", "1.2", True)
    assert "contents" not in v2  # recorded without contents


def test_cli_export_case_never_writes_over_an_input_nor_half_writes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = Path(__file__).resolve().parents[1] / "data" / "editions" / "town-std-1.2.yaml"
    catalog = tmp_path / "town.yaml"
    catalog.write_bytes(src.read_bytes())
    assert main(["export", "case", "--catalog", str(catalog), "-o", str(catalog)]) == 2  # OutputError output-is-input
    assert "Traceback" not in capsys.readouterr().err
    assert catalog.read_bytes() == src.read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == ["town.yaml"]  # no temporary file left behind
    old = tmp_path / "old.case.json"
    old.write_text("{}", encoding="utf-8")
    assert main(["export", "case", "--framework", "no-such-framework", "-o", str(old)]) == 1
    assert old.read_text(encoding="utf-8") == "{}"  # an error leaves an existing output as it was


@pytest.mark.parametrize(
    "argv",
    [
        ("export", "case", "-o", "x.csv"),
        ("export", "case", "--format", "tsv", "-o", "x.json"),
        ("export", "case", "--format", "turtle"),
        ("export", "case", "--format", "json", "-o", "x.ttl"),
        ("export", "skos", "-o", "x.tsv"),
        ("export", "skos", "-o", "x.json"),
        ("export", "sssom", "-o", "x.json"),
        ("export", "sssom", "--format", "json"),
    ],
)
def test_cli_export_a_format_the_kind_cannot_write_is_a_usage_error(
    argv: tuple[str, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(list(argv)) == 2
    assert list(tmp_path.iterdir()) == []
    assert "Traceback" not in capsys.readouterr().err


def test_case_export_of_an_overlay_is_valid(
    root: Path, tmp_path: Path, validator: jsonschema.protocols.Validator
) -> None:
    """An overlay (no status, no verified in its file) exports valid CASE, with its carried mappings."""
    ward = root / "examples" / "overlays" / "special-ward.yaml"
    out = tmp_path / "ward.case.json"
    assert main(["export", "case", "--catalog", str(ward), "--framework", "example-ward", "-o", str(out)]) == 0
    pkg = json.loads(out.read_text(encoding="utf-8"))
    assert validator.is_valid(pkg), next(iter(validator.iter_errors(pkg)))
    assert "adoptionStatus" not in pkg["CFDocument"]
    assert any("via the overlay" in a["notes"] for a in pkg["CFAssociations"])
