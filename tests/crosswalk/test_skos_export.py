"""SKOS export: Turtle parsed back with rdflib and compared with the catalog triple by triple."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import RDF, SKOS

import skillframe
from skillframe.cli import main
from skillframe.exchange import iri, skos_graph, skos_turtle

FRAMEWORKS = ["tokyo-wg-2025", "tokyo-dsm", "ipa-dss", "mic-guidebook-2024"]
MAPPING = {"exactMatch", "closeMatch", "broadMatch", "narrowMatch", "relatedMatch"}


def parse(text: str) -> rdflib.Graph:
    g = rdflib.Graph()
    g.parse(data=text, format="turtle")
    return g


def concept_ids(cat: skillframe.Catalog, fid: str) -> set[str]:
    out = {p.id for p in cat.personas(fid)} | {s.id for s in cat.skills(fid)}
    out |= {v.id for p in cat.personas(fid) for v in p.variants}
    for sc in cat.scales(fid):
        out |= {sc.id, *(lv.id for lv in sc.levels)}
    return out | {st.id for st in cat.all_steps(fid)}


@pytest.mark.parametrize("fid", FRAMEWORKS)
def test_skos_matches_the_catalog(cat: skillframe.Catalog, fid: str) -> None:
    g = parse(skos_turtle(cat, fid))
    U = rdflib.URIRef
    scheme = U(iri(fid))
    fw = cat.framework(fid)
    assert set(g.subjects(RDF.type, SKOS.ConceptScheme)) == {scheme}
    assert {(lit.language, str(lit)) for lit in g.objects(scheme, SKOS.prefLabel)} == {
        ("ja", fw.label),
        ("en", fw.label_en),
    }
    ids = concept_ids(cat, fid)
    assert set(g.subjects(RDF.type, SKOS.Concept)) == {U(iri(i)) for i in ids}
    for i in ids:
        d = cat.get(i)
        labels = {(lit.language, str(lit)) for lit in g.objects(U(iri(i)), SKOS.prefLabel)}
        want = {("ja", d.label)} | ({("en", d.label_en)} if d.label_en else set())
        assert labels == want, i
        assert set(g.objects(U(iri(i)), SKOS.inScheme)) == {scheme}
        assert {str(a) for a in g.objects(U(iri(i)), SKOS.altLabel)} == set(getattr(d, "aliases", ()))
    # hierarchy: inheritance, level → scale, step → persona; narrower is its inverse
    broader: set[tuple[str, str]] = set()
    for p in cat.personas(fid):
        broader |= {(p.id, parent) for parent in p.inherits}
        broader |= {(v.id, p.id) for v in p.variants}
    for sc in cat.scales(fid):
        broader |= {(lv.id, sc.id) for lv in sc.levels}
    broader |= {(st.id, st.persona) for st in cat.all_steps(fid)}
    got_broader = {(str(s), str(o)) for s, o in g.subject_objects(SKOS.broader)}
    assert got_broader == {(iri(a), iri(b)) for a, b in broader}
    assert {(str(o), str(s)) for s, o in g.subject_objects(SKOS.narrower)} == got_broader
    tops = {str(c) for c in g.subjects(SKOS.topConceptOf, scheme)}
    assert tops == {iri(i) for i in ids} - {a for a, _ in got_broader}
    # mapping properties: exactly the catalog's direct positive mappings from this framework
    want_maps = {
        (iri(m.subject_id), m.predicate.split(":")[1], iri(m.object_id))
        for m in cat.mappings()
        if m.subject_id in ids and not m.negated
    }
    got_maps = {
        (str(s), str(p).rsplit("#", 1)[1], str(o))
        for s, p, o in g
        if str(p).startswith(str(SKOS)) and str(p).rsplit("#", 1)[1] in MAPPING
    }
    assert got_maps == want_maps


def test_skos_integrity_conditions(cat: skillframe.Catalog) -> None:
    """The SKOS Reference's integrity conditions that this export could break, on every framework:
    S9 (Concept and ConceptScheme disjoint), S13 (pref/alt labels disjoint), S14 (one prefLabel per
    language), S46 (exactMatch disjoint with broadMatch/relatedMatch); no broader cycle; a top
    concept is in its scheme with nothing broader there; every mapping's object is an exported concept."""
    import networkx as nx

    g = parse(skos_turtle(cat))
    concepts = set(g.subjects(RDF.type, SKOS.Concept))
    assert concepts and not concepts & set(g.subjects(RDF.type, SKOS.ConceptScheme))  # S9
    for c in concepts:
        pref = [(lit.language, str(lit)) for lit in g.objects(c, SKOS.prefLabel)]
        alt = {(lit.language, str(lit)) for lit in g.objects(c, SKOS.altLabel)}
        assert len({lang for lang, _ in pref}) == len(pref), c  # S14
        assert not set(pref) & alt, c  # S13
        assert all(lit.language in ("ja", "en") for lit in g.objects(c, SKOS.prefLabel)), c
    for s, o in g.subject_objects(SKOS.exactMatch):  # S46
        assert not {(s, SKOS.broadMatch, o), (s, SKOS.relatedMatch, o), (o, SKOS.broadMatch, s)} & set(g)
    assert list(nx.simple_cycles(nx.DiGraph(list(g.subject_objects(SKOS.broader))))) == []
    for c, scheme in g.subject_objects(SKOS.topConceptOf):
        assert (c, SKOS.inScheme, scheme) in g
        assert not [b for b in g.objects(c, SKOS.broader) if (b, SKOS.inScheme, scheme) in g], c
    for prop in MAPPING:
        assert set(g.objects(None, SKOS[prop])) <= concepts, prop


def test_skos_has_the_mapping_properties_and_leaves_out_negated(cat: skillframe.Catalog) -> None:
    g = skos_graph(cat)
    used = {str(p).rsplit("#", 1)[1] for _, p, _ in g if str(p).startswith(str(SKOS))}
    assert used >= MAPPING
    negated = [m for m in cat.mappings() if m.negated]
    assert negated
    for m in negated:
        prop = SKOS[m.predicate.split(":")[1]]
        assert (rdflib.URIRef(iri(m.subject_id)), prop, rdflib.URIRef(iri(m.object_id))) not in g


def test_skos_every_framework_is_a_scheme(cat: skillframe.Catalog) -> None:
    g = parse(skos_turtle(cat))
    assert {str(s) for s in g.subjects(RDF.type, SKOS.ConceptScheme)} == {iri(f.id) for f in cat.frameworks()}


def test_skos_without_rdflib_names_the_extra(cat: skillframe.Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "rdflib", None)
    with pytest.raises(skillframe.MissingDependencyError) as info:
        skos_turtle(cat, "tokyo-wg-2025")
    assert info.value.extra == "rdf"
    assert "pip install rdflib" in str(info.value)


def test_cli_export_skos(tmp_path: Path) -> None:
    out = tmp_path / "fw.ttl"
    assert main(["export", "skos", "--framework", "tokyo-wg-2025", "-o", str(out)]) == 0
    g = parse(out.read_text(encoding="utf-8"))
    assert (rdflib.URIRef(iri("tokyo-wg-2025:dx-promoter")), SKOS.prefLabel, rdflib.Literal("DX推進員", lang="ja")) in g


def test_cli_export_skos_without_rdflib(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(sys.modules, "rdflib", None)
    assert main(["export", "skos", "--framework", "tokyo-wg-2025"]) == 1
    err = capsys.readouterr().err
    assert "pip install rdflib" in err and "Traceback" not in err
