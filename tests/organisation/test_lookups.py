"""Look-ups on rollups and targets take what the catalog takes: ids, labels, aliases,
definition objects and the result objects themselves; unknown keys raise UnknownKeyError.

The fixture is the one of test_rollup.py (tests/data/rollup-*.{csv,yaml}): DX推進員 has 14
staff (ranks 3, 4, 5, 2 at 0..3), 総務課 has 10 staff.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

import skillframe
from skillframe.cli import main

DATA = Path(__file__).parents[1] / "data"
STAFF = DATA / "rollup-staff.csv"
TOWN = DATA / "rollup-town.yaml"
DX = "fixture-town:dx-promoter"


@pytest.fixture(scope="module")
def cat() -> skillframe.Catalog:
    return skillframe.load(TOWN)


@pytest.fixture(scope="module")
def records(cat: skillframe.Catalog) -> tuple[skillframe.StaffRecord, ...]:
    return tuple(skillframe.read_staff(STAFF, catalog=cat).records)


@pytest.fixture(scope="module")
def r(cat: skillframe.Catalog, records: tuple[skillframe.StaffRecord, ...]) -> skillframe.Rollup:
    return skillframe.rollup(cat, records, framework="fixture-town")


def test_persona_keys_all_count_the_same(r: skillframe.Rollup, cat: skillframe.Catalog) -> None:
    pr = r.persona(DX)
    assert pr is not None
    # keys resolve in the rollup's framework first, as a targets file's do: the town's own
    # DX推進員 has the alias DX推進リーダー (elsewhere the 総務省 type's label)
    keys: list[object] = [DX, "dx-promoter", "DX推進員", "ＤＸ推進員", "dx promoter", "推進員", "DX推進リーダー"]
    keys += [cat.persona("DX推進員"), pr]
    for key in keys:
        assert r.count(persona=key) == 14, key
        assert r.count(persona=key, min_rank=2) == 7, key
        assert r.persona(key) == pr, key
        assert r.per_department(key, 1)[0] == ("総務課", 4), key
    # the bucket of records without a persona, by None or by its own PersonaRollup
    none = r.persona(None)
    assert none is not None and r.count(persona=none) == r.count(persona=None) == 2


def test_a_known_persona_without_staff_counts_zero(r: skillframe.Rollup) -> None:
    assert r.count(persona="全庁DX推進担当") == 0
    assert r.persona("全庁DX推進担当") is None


def test_unknown_keys_raise_one_short_line(r: skillframe.Rollup) -> None:
    with pytest.raises(skillframe.UnknownKeyError) as info:
        r.count(persona="DX推進")
    text = str(info.value)
    assert "\n" not in text and "DX推進員" in text  # did you mean
    assert info.value.kind == "persona" and info.value.key == "DX推進"
    with pytest.raises(skillframe.UnknownKeyError) as info:
        r.persona("x" * 500)
    assert len(str(info.value)) < 300
    with pytest.raises(skillframe.UnknownKeyError):
        r.training_rate(skill="no-such-skill")
    with pytest.raises(skillframe.UnknownKeyError):
        r.level("no-such-type")
    with pytest.raises(skillframe.UnknownKeyError) as info:
        r.count(department="総務")
    assert info.value.kind == "department" and "総務課" in str(info.value)


def test_departments_match_by_normalised_name(r: skillframe.Rollup) -> None:
    assert r.count(department="総務課") == 10
    assert r.department(" 総務課 ".strip()) == "総務課"
    assert r.department(None) is None


def test_skill_and_type_keys(r: skillframe.Rollup, cat: skillframe.Catalog) -> None:
    bpr = cat.skill("bpr", "fixture-town")
    rate = r.training_rate(skill=bpr.id)
    assert rate == pytest.approx(11 / 14)
    for key in ("bpr", bpr.label, bpr, next(t for t in r.trainings if t.skill == bpr.id)):
        assert r.training_rate(skill=key) == rate, key
    assert r.training_rate(persona=cat.persona("DX推進員")) == pytest.approx(136 / 154)
    leader = r.level("mic-guidebook-2024:dx-leader")
    assert leader is not None and leader.staff == 14
    mic = next(f.id for f in cat.frameworks() if "organisation_levels" in f.provides)
    for key in ("DX推進リーダー", "dx-leader", cat.persona("dx-leader", mic), leader):
        assert r.level(key) == leader, key


def test_rollup_arguments_take_definitions(
    cat: skillframe.Catalog, records: tuple[skillframe.StaffRecord, ...]
) -> None:
    town = cat.framework("fixture-town")
    by_def = skillframe.rollup(cat, records, framework=town, focus=cat.persona("DX推進員"))
    by_key = skillframe.rollup(cat, records, framework="fixture-town", focus="DX推進員")
    assert by_def == by_key
    assert by_def.coverage is not None and by_def.coverage.persona == DX
    # evaluating against one persona given as a definition
    dx_only = [x for x in records if x.persona == DX]
    one = skillframe.rollup(cat, dx_only, persona=cat.persona("DX推進員"), framework=town)
    assert one.count(persona="DX推進員") == 14


def test_targets_take_definitions_and_labels(cat: skillframe.Catalog, r: skillframe.Rollup) -> None:
    town = "fixture-town"
    dx = cat.persona("DX推進員", town)
    t = skillframe.Target(kind="step_rate", persona=dx, step=2, value=0.5)
    assert t.persona == DX
    plan = skillframe.Targets(
        format="skillframe-targets/1",
        framework="fixture-town",
        year=skillframe.YearPlan(
            year=2026,
            targets=(
                t,
                skillframe.Target(id="by-alias", kind="step_rate", persona="推進員", step=2, value=0.5),
                skillframe.Target(id="by-skill", kind="training_rate", skill=cat.skill("bpr", town), value=0.5),
                skillframe.Target(id="dept", kind="count", persona="DX推進員", department="総務課", value=5),
                skillframe.Target(id="no-dept", kind="count", persona="DX推進員", department="水道課", value=5),
            ),
        ),
    )
    p = skillframe.progress(plan, r, cat)
    a, b, c, d, e = p.items
    assert a.current == b.current == pytest.approx(0.5) and a.status == "achieved"
    assert c.current == pytest.approx(11 / 14)
    assert d.current == 5 and d.status == "achieved"
    assert e.current is None and e.status == "unknown" and "水道課" in (e.detail or "")


def test_results_are_plain_data(r: skillframe.Rollup) -> None:
    again = pickle.loads(pickle.dumps(r))
    assert again == r and again.count(persona="DX推進員") == 14
    for obj in (r, *r.personas, r.coverage, *r.concentration, *r.levels, *r.demand, *r.trainings):
        assert type(obj).__module__ == "skillframe"
        assert getattr(skillframe, type(obj).__name__) is type(obj)
    assert len(repr(r)) < 120 and repr(r).startswith("<Rollup 30 staff")


def test_departments_are_grouped_by_match_key() -> None:
    cat = skillframe.load()  # no departments in its settings
    rows = [
        {"id": "1", "persona": "DX推進員", "department": "市民課〜窓口"},
        {"id": "2", "persona": "DX推進員", "department": "市民課～窓口 "},
        {"id": "3", "department": "ｼﾐﾝｶ"},
        {"id": "4", "department": "シミンカ"},
    ]
    r = skillframe.rollup(cat, rows)
    assert set(r.departments) == {"ｼﾐﾝｶ", "市民課〜窓口"}  # one each; shown as written
    assert r.count(department="市民課～窓口") == 2 and r.count(department="ｼﾐﾝｶ") == 2


def test_a_department_with_an_invisible_character_is_the_same_department() -> None:
    """A zero-width space (or a BOM) pasted after a 課 name is invisible: one 課, shown as first written."""
    cat = skillframe.load()
    rows = [
        {"id": "1", "persona": "DX推進員", "department": "総務課"},
        {"id": "2", "persona": "DX推進員", "department": "総務課\u200b"},
        {"id": "3", "persona": "DX推進員", "department": "\ufeff総務課"},
    ]
    r = skillframe.rollup(cat, rows)
    assert list(r.departments) == ["総務課"]
    assert r.count(department="総務課") == 3


def test_cli_report_resolves_target_labels(tmp_path: Path) -> None:
    targets = tmp_path / "t.yaml"
    targets.write_text(
        "format: skillframe-targets/1\nyear:\n  year: 2026\n  targets:\n"
        "    - {id: a, kind: count, persona: 推進員, department: ＤＸ, value: 1}\n"
        "    - {id: b, kind: step_rate, persona: dx-promoter, step: 1, value: 0.5}\n",
        encoding="utf-8",
    )
    out = tmp_path / "r.md"
    code = main(["report", str(STAFF), "-c", str(TOWN), "-t", str(targets), "-o", str(out), "--lang", "en"])
    assert code == 0
    text = out.read_text(encoding="utf-8")
    assert "no staff in department 'ＤＸ'" in text
    assert "11/14 staff" in text  # b: 11 of 14 DX promoters at step 1 or above


def test_mapping_records_are_read_like_file_rows() -> None:
    cat = skillframe.load()
    general = ["dx-necessity", "user-understanding", "gov-digital-basics", "security-literacy", "privacy"]
    rows = [
        {"id": "1", "persona": "一般行政職員", "部署": "総務課", "研修": ";".join(general)},
        {"id": "2", "persona": "一般行政職員", "department": "総務課", "trainings": general},
        {"id": "3", "所属": "税務課"},
    ]
    r = skillframe.rollup(cat, rows)
    assert r.departments == ("税務課", "総務課")
    assert r.count(department="総務課") == 2 and r.no_persona == 1
    assert r.training_rate(persona="一般行政職員", skill="privacy") == 1.0


def test_grouped_counting_matches_a_record_by_record_reference() -> None:
    """Counting by (department, persona, rank, unmet key) and explaining once per group gives
    what explaining every record gives (cells with unknown counts, training demand)."""
    import random
    from collections import Counter

    from skillframe.organisation.demand import DemandCounter

    cat = skillframe.load()
    rng = random.Random(11)
    skills = ["dx-necessity", "user-understanding", "gov-digital-basics", "security-literacy", "privacy", "bpr"]
    tools = ["teams", "excel", "word", "power-bi"]
    rows: list[dict[str, object]] = []
    for i in range(600):
        row: dict[str, object] = {"id": str(i), "department": rng.choice(["総務課", "税務課", None])}
        row["persona"] = rng.choice(["DX推進員", "一般行政職員"])
        row["trainings"] = [s for s in skills if rng.random() < 0.8] if rng.random() > 0.1 else None
        row["dx_lead_years"] = rng.choice([0, 1, 2, None])
        row["mentoring"] = rng.choice([True, False, None])
        row["tools"] = {t: rng.choice([0, 1, 2]) for t in tools if rng.random() < 0.8}
        rows.append(row)
    r = skillframe.rollup(cat, rows)
    cells: Counter[tuple[object, ...]] = Counter()
    unknown: Counter[tuple[object, ...]] = Counter()
    demand = DemandCounter(cat)
    for ev in skillframe.evaluate_many(cat, None, rows):
        key = (ev.record["department"], ev.persona.id, ev.rank)
        cells[key] += 1
        unknown[key] += any(u.status == "unknown" for u in ev.unmet)
        demand.add(ev.persona.id, ev.rank + 1, demand.needs(ev.unmet))
    assert {(d, p, k): (c, u) for d, p, k, c, u in r.cells} == {k: (cells[k], unknown[k]) for k in cells}
    assert r.demand == demand.finish() and sum(d.needed + d.unknown for d in r.demand) > 0
