"""Crosswalks: the built-in mapping sets, the chain rules on the real catalogs, conflicts,
SSSOM round trip, and errors with file and line."""

from __future__ import annotations

import io
import textwrap
import warnings
from pathlib import Path

import attrs
import pytest

import skillframe
from skillframe import MappingError, read_sssom, write_sssom
from skillframe._crosswalk import INVERSE, PREDICATES, SEMAPV
from skillframe.cli import main

WG, DSM, DSS, MIC = "tokyo-wg-2025", "tokyo-dsm", "ipa-dss", "mic-guidebook-2024"
REPORT_TITLE = "区市町村デジタル人材確保・育成検討WG 報告書"


def one(cat: skillframe.Catalog, subject: str, to: str, obj: str) -> skillframe.Mapping:
    hits = [m for m in cat.map(subject, to=to) if m.object.id == obj]
    assert len(hits) == 1, hits
    return hits[0]


# -- the mapping sets themselves ---------------------------------------------------------


def test_every_mapping_has_existing_ends_valid_predicate_and_evidence(cat: skillframe.Catalog) -> None:
    mappings = cat.mappings()
    assert len(mappings) >= 60
    for m in mappings:
        assert m.subject.id in cat and m.object.id in cat
        assert m.predicate in PREDICATES
        assert m.justification in SEMAPV
        assert 0.0 <= m.confidence <= 1.0
        assert m.path == (m,) and not m.derived
        if m.basis == "stated":
            assert m.source == "wg2025-report" and m.locator and m.quote
            ms = cat.mapping_set(m.mapping_set or "")
            assert ms.source_title(m.source) == REPORT_TITLE
        else:
            assert m.basis == "judgement" and m.comment, m


def test_stated_mappings_of_the_report_are_present(cat: skillframe.Catalog) -> None:
    rename = one(cat, f"{MIC}:dx-leader", WG, f"{WG}:dx-promoter")
    assert (rename.basis, rename.predicate, rename.derived) == ("stated", "skos:closeMatch", False)
    assert "DX推進リーダー→DX推進員" in (rename.quote or "")
    it_central = [e.skill.id for e in cat.effective_skills("全庁情報システム担当") if not e.inherited]
    assert len(it_central) == 9
    for sid in it_central:
        m = one(cat, sid, DSM, sid.replace(WG, DSM))
        assert (m.basis, m.predicate, m.derived) == ("stated", "skos:exactMatch", False)
        assert "デジタルスキルマップ」のスキル項目から選定" in (m.quote or "")


def test_name_identity_pairs_are_judgements_quoting_the_general_statement(cat: skillframe.Catalog) -> None:
    names = cat.mappings("wg-dss-names")
    assert len(names) == 8
    for m in names:
        assert m.basis == "judgement" and m.confidence < 1.0
        assert "IPA「デジタルスキル標準」を参考に策定" in (m.quote or "")


def test_dsm_marks_are_the_stated_levels(cat: skillframe.Catalog) -> None:
    # ◎/○/△ = Lv.3/Lv.2/Lv.1相当 (§8 凡例) is carried by the requirement, not by a mapping.
    legend = {"◎": 3, "○": 2, "△": 1}
    reqs = [r for p in cat.personas(DSM) for r in p.requirements]
    assert reqs
    for r in reqs:
        assert legend[r.mark or ""] == r.level
        assert cat.level("tokyo-dsm:level", r.level).rank == r.level


def test_mapping_edges_join_the_graph(cat: skillframe.Catalog) -> None:
    g = cat.graph
    data = g.get_edge_data(f"{MIC}:dx-leader", f"{WG}:dx-promoter")
    assert "skos:closeMatch" in data
    assert data["skos:closeMatch"]["mapping"].basis == "stated"
    neg = g.get_edge_data(f"{WG}:draft-dx-promoter-level.lv2", f"{WG}:dx-promoter-step2")
    assert "Not skos:exactMatch" in neg


# -- chain rules on the real catalogs ---------------------------------------------------------


def test_exact_passes_a_predicate_through(cat: skillframe.Catalog) -> None:
    # wg:cybersecurity =exact= dsm:cybersecurity, dsm:cybersecurity narrowMatch dss:secure-design
    m = one(cat, f"{WG}:cybersecurity", DSS, f"{DSS}:secure-design")
    assert (m.predicate, m.derived, m.justification) == ("skos:narrowMatch", True, "semapv:MappingChaining")
    assert [h.object.id for h in m.path] == [f"{DSM}:cybersecurity", f"{DSS}:secure-design"]
    assert m.confidence == pytest.approx(0.6) and m.confidence <= min(h.confidence for h in m.path)
    # P∘exact, with the inversion of both hops
    back = one(cat, f"{DSS}:secure-design", WG, f"{WG}:cybersecurity")
    assert back.predicate == "skos:broadMatch"
    assert [h.justification for h in back.path] == ["semapv:MappingInversion"] * 2
    # exact∘close = close: the draft Lv3 (= Step2) reaches the 総務省 level 3 through Step2
    lv3 = one(cat, f"{WG}:draft-dx-promoter-level.lv3", MIC, f"{MIC}:org-level.level3")
    assert lv3.predicate == "skos:closeMatch" and lv3.through == (f"{WG}:dx-promoter-step2",)
    assert lv3.confidence == pytest.approx(0.9 * 0.5)


def test_broad_broad_and_narrow_narrow(cat: skillframe.Catalog) -> None:
    m = one(cat, f"{WG}:data-strategist", DSM, f"{DSM}:ds")
    assert m.predicate == "skos:broadMatch" and m.through == (f"{DSS}:data-business-strategist",)
    assert m.confidence == pytest.approx(0.7 * 0.5)
    n = one(cat, f"{DSM}:ds", WG, f"{WG}:data-strategist")
    assert n.predicate == "skos:narrowMatch" and len(n.path) == 2
    assert all(h.predicate == "skos:narrowMatch" and h.inverse_of is not None for h in n.path)


def test_inversion(cat: skillframe.Catalog) -> None:
    m = one(cat, f"{DSM}:network-design", WG, f"{WG}:network-design")
    assert (m.predicate, m.justification, m.derived) == ("skos:exactMatch", "semapv:MappingInversion", True)
    assert m.inverse_of is not None and m.inverse_of.subject.id == f"{WG}:network-design"
    b = one(cat, f"{DSS}:designer", WG, f"{WG}:designer")
    assert b.predicate == "skos:narrowMatch"
    assert INVERSE["skos:broadMatch"] == "skos:narrowMatch"


def test_broad_and_narrow_never_mix_and_close_does_not_chain(cat: skillframe.Catalog) -> None:
    # wg:designer broadMatch dss:designer, dss:designer narrowMatch (inverse) dsm:ux: no chain
    assert cat.map(f"{WG}:designer", to=DSM) == []
    # wg:data-literacy closeMatch dss:data-understanding: nothing chains on from a close hop
    for m in cat.map(f"{WG}:general-staff"):
        if m.derived and m.inverse_of is None:
            assert all(h.predicate == "skos:exactMatch" for h in m.path[1:]), m
    for m in (x for s in cat.crosswalk.subjects() for x in cat.map(s)):
        if len(m.path) > 1:
            non_exact = [h for h in m.path if h.predicate != "skos:exactMatch"]
            assert len({h.predicate for h in non_exact}) <= 1
            assert not any(h.predicate in ("skos:closeMatch", "skos:relatedMatch") for h in non_exact[1:])
            assert len(m.path) <= 4
            ids = [m.subject.id, *(h.object.id for h in m.path)]
            assert len(ids) == len(set(ids)), "no cycles"


def test_direct_beats_derived(cat: skillframe.Catalog) -> None:
    # derivable: dsm:PM =exact= wg:PM closeMatch dss:PM; but a direct judgement exists
    ms = cat.map(f"{DSM}:project-management", to=DSS)
    hits = [m for m in ms if m.object.id == f"{DSS}:project-management"]
    assert len(hits) == 1 and not hits[0].derived and hits[0].confidence == 0.8
    chained = [
        m for m in cat.crosswalk.chains(f"{DSM}:project-management") if m.object.id == f"{DSS}:project-management"
    ]
    assert chained and chained[0].predicate == "skos:closeMatch"


def test_no_derived_and_cache(cat: skillframe.Catalog) -> None:
    direct = cat.map(f"{WG}:cybersecurity", to=DSS, derived=False)
    assert all(not m.derived for m in direct)
    first = cat.map(f"{WG}:data-strategist", to=DSM)
    assert cat.map("データ（ビジネス）ストラテジスト", to="東京都デジタルスキルマップ") == first
    assert cat.crosswalk.map(f"{WG}:data-strategist", DSM) is cat.crosswalk.map(f"{WG}:data-strategist", DSM)


def test_negative_mappings_do_not_chain(cat: skillframe.Catalog) -> None:
    neg = one(cat, f"{DSM}:level.lv0", DSS, f"{DSS}:itss-level.lv1")
    assert neg.negated and not neg.derived
    for m in cat.map(f"{DSM}:level.lv0"):
        assert all(not h.negated for h in m.path[1:]) and (m.negated or len(m.path) == 1 or not m.path[0].negated)


# -- conflicts (fixture adds a positive that a built-in negative denies) ----------------------


FIXTURE = """\
format: skillframe-mappings/1
mapping_set:
  id: conflict-fixture
  title: fixture
  license: https://spdx.org/licenses/MIT.html
mappings:
  - subject: tokyo-wg-2025:draft-dx-promoter-level.lv2
    predicate: skos:exactMatch
    object: mic-guidebook-2024:org-level.level2
    basis: judgement
    confidence: 0.5
    comment: test fixture
  - subject: mic-guidebook-2024:org-level.level2
    predicate: skos:exactMatch
    object: tokyo-wg-2025:dx-promoter-step2
    basis: judgement
    confidence: 0.5
    comment: test fixture (absurd on purpose)
"""


def test_conflict_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "fixture.yaml"
    f.write_text(FIXTURE, encoding="utf-8")
    cat = skillframe.load(f)
    conflicts = cat.mapping_conflicts()
    assert len(conflicts) == 1
    c = conflicts[0]
    assert c.negative.negated and not c.positive.negated
    assert {c.positive.subject.id, c.positive.object.id} == {
        f"{WG}:draft-dx-promoter-level.lv2",
        f"{WG}:dx-promoter-step2",
    }
    assert c.positive.derived and c.positive.through == (f"{MIC}:org-level.level2",)
    # the direct negative wins in map(); the conflict shows in --explain
    got = [m for m in cat.map(f"{WG}:draft-dx-promoter-level.lv2", to=WG) if m.object.id == f"{WG}:dx-promoter-step2"]
    assert len(got) == 1 and got[0].negated
    assert main(["map", f"{WG}:draft-dx-promoter-level.lv2", "--to", WG, "--explain", "-c", str(f)]) == 0
    out = capsys.readouterr().out
    assert any(row.startswith("衝突") and "dx-promoter-step2" in row for row in out.splitlines()), out  # ja: 衝突


# -- bad mapping files -----------------------------------------------------------------------


def test_bad_mapping_file_errors_name_file_line_and_suggest(tmp_path: Path) -> None:
    f = tmp_path / "bad.yaml"
    f.write_text(
        textwrap.dedent("""\
        format: skillframe-mappings/1
        mapping_set: {id: bad, title: bad, license: x}
        mappings:
          - subject: tokyo-wg-2025:dx-promotr
            predicate: skos:exactMatch
            object: tokyo-dsm:level.lv2
            basis: judgement
            confidence: 1.5
            comment: c
          - subject: tokyo-wg-2025:bpr
            predicate: skos:sameAs
            object: ipa-dss:business-analysis
            basis: judgement
          - subject: tokyo-wg-2025:bpr
            predicate: skos:closeMatch
            object: ipa-dss:business-analysis
            basis: stated
            justification: semapv:ManualMapingCuration
        """),
        encoding="utf-8",
    )
    with pytest.raises(MappingError) as info:
        skillframe.load(f)
    text = str(info.value)
    assert {(p.line, p.code) for p in info.value.problems} >= {(8, "mapping"), (11, "value"), (14, "mapping")}
    assert f"{f}:8:" in text and "confidence" in text
    assert f"{f}:11:" in text and "skos:sameAs" in text
    assert "semapv:ManualMappingCuration" in text  # did you mean
    assert f"{f}:14:" in text and "locator" in text and "quote" in text  # stated without evidence
    f.write_text(
        "format: skillframe-mappings/1\nmapping_set: {id: bad, title: bad, license: x}\nmappings:\n"
        "  - {subject: 'tokyo-wg-2025:dx-promotr', predicate: 'skos:exactMatch', object: 'tokyo-dsm:level.lv2',"
        " basis: judgement, confidence: 0.5, comment: c}\n",
        encoding="utf-8",
    )
    with pytest.raises(MappingError) as info:
        skillframe.load(f)
    (p,) = info.value.problems
    assert (p.file, p.line, p.code) == (str(f), 4, "ref.unknown")
    assert "tokyo-wg-2025:dx-promoter" in p.message  # did you mean


# -- SSSOM ------------------------------------------------------------------------------------


def test_sssom_round_trip(cat: skillframe.Catalog, tmp_path: Path) -> None:
    out = tmp_path / "wg-dsm.sssom.tsv"
    assert main(["export", "sssom", "--set", "level-judgements", "-o", str(out)]) == 0
    back = read_sssom(out)
    orig = cat.mapping_set("level-judgements")
    assert back.id == orig.id and back.license == orig.license
    strip = ("subject_label", "object_label")
    assert [attrs.evolve(r, **dict.fromkeys(strip)) for r in back.mappings] == list(orig.mappings)
    text = out.read_text(encoding="utf-8")
    assert "#curie_map:" in text and "tokyo-dsm: https://w3id.org/skillframe/tokyo-dsm/" in text
    # load() accepts the TSV beside the built-ins (same set id: load it without built-ins' set)
    renamed = tmp_path / "copy.sssom.tsv"
    renamed.write_text(text.replace("mappings/level-judgements", "mappings/level-copy"), encoding="utf-8")
    with pytest.raises(MappingError, match="duplicate mapping"):
        skillframe.load(renamed)


def test_sssom_all_with_derived_reads_back(tmp_path: Path) -> None:
    out = tmp_path / "all.sssom.tsv"
    assert main(["export", "sssom", "--derived", "-o", str(out)]) == 0
    back = read_sssom(out)
    justs = {r.justification for r in back.mappings}
    assert {"semapv:MappingChaining", "semapv:MappingInversion", "semapv:ManualMappingCuration"} <= justs
    assert any(r.negated for r in back.mappings)


def test_sssom_foreign_file_unknown_prefix_is_an_error_with_line() -> None:
    text = (
        "#curie_map:\n#  TWG: https://w3id.org/skillframe/tokyo-wg-2025/\n"
        "#mapping_set_id: https://example.org/x\n#license: https://example.org/l\n"
        "subject_id\tpredicate_id\tobject_id\tmapping_justification\n"
        "TWG:bpr\tskos:closeMatch\tipa-dss:business-analysis\tsemapv:ManualMappingCuration\n"
        "TWG:bpr\towl:equivalentClass\tFOO:1\tsemapv:ManualMappingCuration\n"
    )
    with pytest.raises(MappingError) as info:
        read_sssom(io.StringIO(text), name="foreign.sssom.tsv")
    lines = sorted((p.line, p.path) for p in info.value.problems)
    assert lines == [(6, "object_id"), (7, "object_id"), (7, "predicate_id")]
    assert "prefix 'ipa-dss'" in str(info.value)


def test_sssom_renamed_prefix_is_recognised_by_iri() -> None:
    text = (
        "#curie_map:\n#  TWG: https://w3id.org/skillframe/tokyo-wg-2025/\n"
        "#  DSS: https://w3id.org/skillframe/ipa-dss/\n#mapping_set_id: https://example.org/x\n"
        "subject_id\tpredicate_id\tobject_id\tmapping_justification\tconfidence\n"
        "TWG:bpr\tskos:closeMatch\tDSS:business-analysis\tsemapv:ManualMappingCuration\t0.5\n"
    )
    ms = read_sssom(io.StringIO(text))
    (r,) = ms.mappings
    assert (r.subject_id, r.object_id, r.basis, r.confidence) == (
        f"{WG}:bpr",
        f"{DSS}:business-analysis",
        "judgement",
        0.5,
    )
    buf = io.StringIO()
    write_sssom(ms, buf)
    assert "TWG:" in buf.getvalue() or "tokyo-wg-2025:" in buf.getvalue()


def test_sssom_py_validates_the_export(tmp_path: Path) -> None:
    sssom = pytest.importorskip("sssom")
    from sssom.constants import SchemaValidationType
    from sssom.parsers import parse_sssom_table
    from sssom.validators import validate

    out = tmp_path / "all.sssom.tsv"
    assert main(["export", "sssom", "--derived", "-o", str(out)]) == 0
    with warnings.catch_warnings():  # sssom-py's own dependencies warn (pandas deprecations)
        warnings.simplefilter("ignore")
        msdf = parse_sssom_table(out)
        report = validate(
            msdf,
            [SchemaValidationType.JsonSchema, SchemaValidationType.PrefixMapCompleteness],
            fail_on_error=False,
        )
    assert len(msdf.df) == len(read_sssom(out).mappings)
    assert all(not r.results for r in report.values()), report
    assert sssom is not None


def test_cli_map_formats(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["map", "tokyo-wg-2025:network-design", "--to", "tokyo-dsm", "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert '"predicate": "skos:exactMatch"' in out and '"basis": "stated"' in out
    assert main(["map", "データ（ビジネス）ストラテジスト", "--to", "tokyo-dsm", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Data scientist" in out and "ipa-dss:data-business-strategist" in out
