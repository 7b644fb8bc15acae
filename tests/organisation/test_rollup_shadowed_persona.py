"""Records naming a persona of the base framework of the catalog's overlay (``persona-of-base-framework``).

The municipal trial: a town catalog ``extends: tokyo-wg-2025`` (settings only) makes
``DX推進員`` mean ``marumaru-town:dx-promoter``; a staff table written under the plain
catalog names ``tokyo-wg-2025:dx-promoter``. Those records are that persona, not the
town's: the reader warns once per persona, the rollup lists them, and every target on
the town's persona says so (不明 with a note) instead of a silent 0 / 該当者なし.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import skillframe
from skillframe.staff.shadowed import CODE, ShadowIndex

TOWN = """\
format: skillframe-catalog/1
framework:
  id: marumaru-town
  label: ○○町 デジタル人材確保・育成基本方針
  publisher: ○○町
  extends: tokyo-wg-2025
  source: town-policy
  sources:
    - {id: town-policy, title: ○○町 デジタル人材確保・育成基本方針}
  settings:
    departments: [総務課, 税務課]
"""

TARGETS = """\
format: skillframe-targets/1
as_of: 2026-12-01
plan:
  baseline_year: 2025
  target_year: 2030
  targets:
    - {id: dx-count, kind: count, persona: DX推進員, step: 1, value: 4}
    - {id: dx-per-ka, kind: per_department, persona: DX推進員, step: 1, value: 1}
    - {id: dx-step2, kind: step_rate, persona: DX推進員, step: 2, value: 0.5}
    - {id: gen-step1, kind: step_rate, persona: 一般行政職員, step: 1, value: 0.9}
year:
  year: 2026
  targets:
    - {id: train, kind: training_rate, persona: DX推進員, value: 0.7}
"""

BASE = "tokyo-wg-2025:dx-promoter"
COPY = "marumaru-town:dx-promoter"
HEADER = "id,persona,department,trainings,dx_lead_years\n"


def staff(rows: list[str]) -> str:
    return HEADER + "".join(r + "\n" for r in rows)


TRIAL_ROWS = [
    f"A1,{BASE},総務課,dx-necessity;bpr,1",
    f"A2,{BASE},税務課,dx-necessity,0",
    f"A3,{BASE},総務課,,",
    "A4,一般行政職員,税務課,dx-necessity,",  # by name: the town's copy, no warning
]


@pytest.fixture(scope="module")
def town(tmp_path_factory: pytest.TempPathFactory) -> skillframe.Catalog:
    path = tmp_path_factory.mktemp("town") / "町カタログ.yaml"
    path.write_text(TOWN, encoding="utf-8")
    return skillframe.load(path)


@pytest.fixture
def trial(tmp_path: Path, town: skillframe.Catalog) -> tuple[skillframe.StaffTable, skillframe.Targets]:
    (tmp_path / "職員データ.csv").write_text(staff(TRIAL_ROWS), encoding="utf-8")
    (tmp_path / "目標.yaml").write_text(TARGETS, encoding="utf-8")
    table = skillframe.read_staff(tmp_path / "職員データ.csv", catalog=town)
    return table, skillframe.read_targets(tmp_path / "目標.yaml", catalog=town)


def test_the_reader_warns_once_per_persona_with_count_first_rows_and_both_ids(
    trial: tuple[skillframe.StaffTable, skillframe.Targets],
) -> None:
    table, _ = trial
    assert [r.persona for r in table.records][:3] == [BASE] * 3  # the qualified id names exactly that persona
    warnings = [w for w in table.warnings if w.code == CODE]
    assert len(warnings) == 1  # once per persona, not per row; none for the persona written by name
    (w,) = warnings
    assert (w.row, w.column, w.rows) == (2, "persona", (2, 3, 4))
    assert w.file is not None and w.file.endswith("職員データ.csv")
    ja, en = w.message.split(" / ", 1)
    assert BASE in ja and COPY in ja and "3 名（行 2, 3, 4）" in ja and "同じ --catalog" in ja
    assert "人材像を名称（DX推進員）で書いて" in ja
    assert f"its copy {COPY} (DX推進員)" in en and "these 3 record(s) (rows 2, 3, 4)" in en
    assert "same --catalog" in en and "write the persona by name (DX推進員)" in en
    assert str(w).endswith(f"[{CODE}]")


def test_rollup_lists_the_records_of_the_base_persona(
    trial: tuple[skillframe.StaffTable, skillframe.Targets], town: skillframe.Catalog
) -> None:
    table, _ = trial
    r = skillframe.rollup(town, table.records)
    (sp,) = r.shadowed
    assert (sp.persona, sp.copies, sp.count, sp.rows, sp.code) == (BASE, (COPY,), 3, (2, 3, 4), CODE)
    assert isinstance(sp, skillframe.ShadowedPersona)
    assert sp.warning().message == sp.message and sp.warning().code == CODE
    # records given as mappings (no rows): the count still, no rows
    rows = [{"id": f"B{i}", "persona": BASE, "department": "総務課"} for i in range(7)]
    (sp,) = skillframe.rollup(town, rows).shadowed
    assert (sp.count, sp.rows) == (7, ())
    assert "7 record(s) are evaluated" in sp.message


def test_targets_on_the_copy_are_unknown_with_a_note_never_a_silent_zero(
    trial: tuple[skillframe.StaffTable, skillframe.Targets], town: skillframe.Catalog
) -> None:
    table, targets = trial
    prog = skillframe.progress(targets, skillframe.rollup(town, table.records), town)
    by = {it.target.id: it for it in prog}
    for tid in ("dx-count", "dx-per-ka", "dx-step2", "train"):
        it = by[tid]
        assert (it.status, it.current, it.gap) == ("unknown", None, None), tid
        assert it.detail == (
            f"職員データの 3 名は基底フレームワークの人材像 {BASE} を指し、{COPY} に数えていません（判定できません）"
        )
        assert it.detail_en == (
            f"3 staff record(s) name the base framework's persona {BASE}: not counted as {COPY} (cannot judge)"
        )
    # the persona written by name is the town's: counted and judged as before
    gen = by["gen-step1"]
    assert (gen.status, gen.current, gen.detail) == ("off_track", 0.0, "0/1 名")


def test_records_naming_both_say_how_many_each(tmp_path: Path, town: skillframe.Catalog) -> None:
    rows = [f"C1,{BASE},総務課,,", "C2,DX推進員,総務課,,", f"C3,{BASE},税務課,,"]
    (tmp_path / "s.csv").write_text(staff(rows), encoding="utf-8")
    (tmp_path / "t.yaml").write_text(TARGETS, encoding="utf-8")
    table = skillframe.read_staff(tmp_path / "s.csv", catalog=town)
    assert [w.rows for w in table.warnings if w.code == CODE] == [(2, 4)]
    targets = skillframe.read_targets(tmp_path / "t.yaml", catalog=town)
    r = skillframe.rollup(town, table.records)
    assert r.count(persona=COPY) == 1 and r.count(persona=BASE) == 2
    count = next(it for it in skillframe.progress(targets, r, town) if it.target.id == "dx-count")
    assert count.status == "unknown" and count.current is None
    assert count.detail is not None and count.detail.startswith(f"{COPY} の職員は 1 名; 職員データの 2 名は")
    assert count.detail_en is not None and count.detail_en.startswith(f"1 staff of {COPY}; 2 staff record(s)")


def test_nothing_to_say_when_records_name_the_copy_or_no_overlay_is_loaded(
    tmp_path: Path, town: skillframe.Catalog, cat: skillframe.Catalog
) -> None:
    (tmp_path / "by-name.csv").write_text(staff(["D1,DX推進員,総務課,,", f"D2,{COPY},総務課,,"]), encoding="utf-8")
    table = skillframe.read_staff(tmp_path / "by-name.csv", catalog=town)
    assert [r.persona for r in table.records] == [COPY, COPY] and table.warnings == ()
    assert skillframe.rollup(town, table.records).shadowed == ()
    (tmp_path / "base.csv").write_text(staff([f"E1,{BASE},総務課,,"]), encoding="utf-8")
    assert skillframe.read_staff(tmp_path / "base.csv", catalog=cat).warnings == ()  # the standard alone
    assert skillframe.rollup(cat, [{"id": "E1", "persona": BASE}]).shadowed == ()


def test_a_merged_persona_points_at_what_it_went_into(root: Path) -> None:
    small = skillframe.load(root / "examples" / "overlays" / "small-town.yaml")  # merges dx-central into it-central
    index = ShadowIndex(small)
    assert index.copies("tokyo-wg-2025:dx-central") == ("example-town:it-central",)
    assert index.copies("example-town:it-central") == ()  # the copy itself is not shadowed
    assert small.copies("tokyo-wg-2025:tool-bi") == ()  # the town removed it: no copy to point at
    (sp,) = skillframe.rollup(small, [{"id": "F1", "persona": "tokyo-wg-2025:dx-central"}]).shadowed
    assert sp.copies == ("example-town:it-central",) and sp.copy_labels == ("全庁DX・情報システム担当",)
