"""The Catalog front door: look-ups, listings, inheritance, the graph."""

from __future__ import annotations

import pytest

import skillframe
from skillframe import Catalog


def test_lookup_by_id_label_alias_and_nfkc(cat: Catalog) -> None:
    p = cat.persona("tokyo-wg-2025:dx-promoter")
    assert cat.persona("dx-promoter", framework="tokyo-wg-2025") is p
    assert cat.persona("DX推進員") is p
    assert cat.persona("ＤＸ推進員") is p  # full-width letters
    assert cat.persona("dx promoter") is p  # English label, case-insensitive
    assert cat.persona("DX推進リーダー", framework="tokyo-wg-2025") is p  # the former name, an alias
    assert cat.persona("管理監督職").id == "tokyo-wg-2025:manager"
    assert cat.skill("行政デジタル基礎知識").id == "tokyo-wg-2025:gov-digital-basics"


def test_label_beats_alias_across_frameworks(cat: Catalog) -> None:
    # DX推進リーダー is the 総務省 type's own name and only an alias of the WG persona.
    assert cat.persona("DX推進リーダー").id == "mic-guidebook-2024:dx-leader"


def test_ambiguous_key_lists_candidates(cat: Catalog) -> None:
    with pytest.raises(skillframe.AmbiguousKeyError) as info:
        cat.skill("project-management")
    assert isinstance(info.value, KeyError)
    assert set(info.value.candidates) >= {"tokyo-wg-2025:project-management", "ipa-dss:project-management"}
    assert "tokyo-wg-2025:project-management" in str(info.value)


def test_unknown_key_suggests_nearest(cat: Catalog) -> None:
    with pytest.raises(skillframe.UnknownKeyError) as info:
        cat.persona("DX推進委員")
    assert "DX推進員" in info.value.suggestions
    assert "did you mean" in str(info.value)


def test_definitions_have_the_common_fields(cat: Catalog) -> None:
    for d in cat.iter_definitions():
        assert (d.id and ":" in d.id) or d.id == d.framework, d
        assert d.label, d.id
        assert hasattr(d, "provenance")
        assert hasattr(d, "label_en")


def test_framework_scales_and_levels(cat: Catalog) -> None:
    fw = cat.framework("tokyo-wg-2025")
    assert fw.id == "tokyo-wg-2025"
    draft = cat.scale("draft-dx-promoter-level")
    assert draft in fw.scales
    assert draft.status == "superseded"
    assert [lv.rank for lv in draft.levels] == [1, 2, 3, 4]
    assert cat.level("draft-dx-promoter-level", 2).rank == 2
    assert cat.scale("org-level").measures == "organisation"


def test_effective_skills_nest(cat: Catalog) -> None:
    general = cat.effective_skills("一般行政職員")
    promoter = cat.effective_skills("DX推進員")
    central = cat.effective_skills("全庁DX推進担当")
    ids = [[e.skill.id for e in x] for x in (general, promoter, central)]
    assert (len(ids[0]), len(ids[1]), len(ids[2])) == (11, 17, 19)
    assert set(ids[0]) < set(ids[1]) < set(ids[2])
    # Stable order: most basic ancestor first; origins say where each comes from.
    assert ids[2][:11] == ids[0] and ids[2][:17] == ids[1]
    origins = [e.origin.split(":")[1] for e in central]
    assert origins == ["general-staff"] * 11 + ["dx-promoter"] * 6 + ["dx-central"] * 2
    assert [e.inherited for e in central].count(False) == 2


def test_it_central_keeps_its_own_certifications(cat: Catalog) -> None:
    pm = next(e for e in cat.effective_skills("全庁情報システム担当") if e.skill.id.endswith(":project-management"))
    assert pm.origin == "tokyo-wg-2025:it-central"
    assert pm.requirement.certifications  # PMP, プロジェクトマネージャ …
    promoter_pm = next(e for e in cat.effective_skills("DX推進員") if e.skill.id.endswith(":project-management"))
    assert promoter_pm.skill is pm.skill  # one skill, two requirements


def test_steps_ordered_by_rank(cat: Catalog) -> None:
    assert [s.rank for s in cat.steps("DX推進員")] == [1, 2, 3]
    assert [s.rank for s in cat.steps("全庁情報システム担当")] == [1, 2, 3]
    assert [s.rank for s in cat.steps("一般行政職員")] == [1, 2]
    assert cat.steps("管理監督職") == []
    assert cat.persona("管理監督職").no_ladder


def test_graph_is_typed_and_shares_skill_nodes(cat: Catalog) -> None:
    g = cat.graph
    pm = "tokyo-wg-2025:project-management"
    requirers = sorted(u for u, _, k in g.in_edges(pm, keys=True) if k == "requires")
    assert requirers == ["tokyo-wg-2025:dx-promoter", "tokyo-wg-2025:it-central"]
    assert g.has_edge("tokyo-wg-2025:dx-central", "tokyo-wg-2025:dx-promoter", key="inherits")
    assert g.has_edge("tokyo-wg-2025:dx-promoter", "tokyo-wg-2025:dx-promoter-step1", key="has_step")
    assert g.has_edge("tokyo-wg-2025:dx-promoter-step1", "tokyo-wg-2025:dx-promoter-step2", key="precedes")
    assert g.has_edge("tokyo-wg-2025:dx-promoter-step1", "tokyo-wg-2025:bpr", key="step_requires")
    assert g.nodes[pm]["kind"] == "skill"
    assert g.nodes["tokyo-dsm:excel"]["kind"] == "tool"


def test_provenance_defaults_to_framework_source(cat: Catalog) -> None:
    prov = cat.provenance_of("tokyo-wg-2025:bpr")
    assert prov.source == "wg2025-report"
    assert prov.locator
    assert cat.source_title("tokyo-wg-2025:bpr") == "区市町村デジタル人材確保・育成検討WG 報告書"


def test_where_gives_file_and_line(cat: Catalog) -> None:
    file, line = cat.where("tokyo-wg-2025:bpr")
    assert file.endswith("skills.yaml")
    assert line and line > 1


def test_catalogs_are_independent() -> None:
    a = skillframe.load()
    b = skillframe.load()
    assert a is not b
    assert a.persona("DX推進員") == b.persona("DX推進員")
