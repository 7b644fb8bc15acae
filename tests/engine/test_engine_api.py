"""One engine, one semantics: complete validation, one Evaluation class, ranks, the cache."""

from __future__ import annotations

import copy
import gc
import pickle
import weakref
from pathlib import Path

import pytest

import skillframe
from skillframe.cli import main
from skillframe.engine.ladder import compile_ladder

G = ["dx-necessity", "user-understanding", "gov-digital-basics", "security-literacy", "privacy"]
P = ["project-management", "value-discovery", "data-literacy", "bpr", "service-validation", "it-governance"]
TOP = {"id": "top", "trainings": G + P, "dx_lead_years": 2, "dx_lead_count": 2, "mentoring": True}
LOW = {"id": "low", "trainings": []}


@pytest.mark.parametrize(
    ("field", "value", "code"), [("mentoring", "maybe", "not-yes-no"), ("dx_lead_years", "abc", "not-a-number")]
)
@pytest.mark.parametrize("base", [TOP, LOW], ids=["rank3", "rank0"])
def test_a_bad_value_is_the_same_error_at_every_rank(
    cat: skillframe.Catalog, base: dict[str, object], field: str, value: str, code: str
) -> None:
    bad = {**base, field: value}
    messages = set()
    for run in (
        lambda: skillframe.evaluate(cat, "DX推進員", bad),
        lambda: list(skillframe.evaluate_many(cat, "DX推進員", [bad])),
        lambda: skillframe.evaluate_ranks(cat, "DX推進員", [bad]),
        lambda: skillframe.evaluate(cat, "DX推進員", skillframe.StaffRecord(id=str(bad["id"]), **{field: value})),
    ):
        with pytest.raises(skillframe.StaffDataError) as info:
            run()
        assert info.value.code == code
        assert field in str(info.value)
        messages.add(str(info.value).split(": ", 1)[1])
    assert len(messages) == 1, messages


def test_a_bad_value_is_an_error_through_the_cli_whatever_the_rank(tmp_path: Path) -> None:
    staff = tmp_path / "staff.csv"
    staff.write_text(
        f"id,persona,trainings,dx_lead_years\nA,DX推進員,{';'.join(G + P)},abc\nB,DX推進員,,abc\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.csv"
    assert main(["evaluate", str(staff), "-o", str(out)]) == 1


def test_unknown_training_key_is_an_error_at_rank_zero_too(cat: skillframe.Catalog) -> None:
    with pytest.raises(skillframe.UnknownKeyError):
        skillframe.evaluate_ranks(cat, "DX推進員", [{"id": "x", "trainings": ["bpr", "no-such-skill"]}])


def test_a_dict_reads_like_a_file_row(cat: skillframe.Catalog) -> None:
    row = {"id": "g", "研修": ";".join(G), "tool:Excel": "Lv.1", "DX_Lead_Years": "１年"}
    ev = skillframe.evaluate(cat, "一般行政職員", row, deployed_tools=["Excel"])
    assert ev.rank == 2
    assert ev.facts[3] == {"tokyo-dsm:excel": 1} and ev.facts[5] == 1
    as_record = skillframe.StaffRecord.from_mapping(row)
    assert skillframe.evaluate(cat, "一般行政職員", as_record, deployed_tools=["Excel"]).rank == 2


def test_fast_and_slow_reading_agree(cat: skillframe.Catalog) -> None:
    rows = [
        TOP,
        {**TOP, "dx_lead_years": "2年", "mentoring": "はい"},  # texts: parsed
        {**TOP, "department": "総務課", "persona": "DX推進員"},
        {**TOP, "extra column": "x"},  # not a plain column: the staff reader reads it
        {**TOP, "dx_lead_years": float("nan")},  # NaN is unknown
        {**TOP, "trainings": ";".join(G + P)},
    ]
    assert skillframe.evaluate_ranks(cat, "DX推進員", rows) == [3, 3, 3, 3, 1, 3]
    records = [skillframe.StaffRecord.from_mapping(r) for r in rows]
    assert skillframe.evaluate_ranks(cat, "DX推進員", records) == [3, 3, 3, 3, 1, 3]


@pytest.mark.parametrize("row", [{"trainings": []}, {"id": 1.5}, {"id": "  "}, {"id": "a", "department": 3.5}])
def test_what_the_staff_reader_refuses_is_refused(cat: skillframe.Catalog, row: dict[str, object]) -> None:
    with pytest.raises(skillframe.StaffDataError):
        skillframe.evaluate_ranks(cat, "DX推進員", [row])


def test_evaluation_is_one_plain_class(cat: skillframe.Catalog) -> None:
    evs = list(skillframe.evaluate_many(cat, "DX推進員", [TOP, LOW]))
    other = skillframe.evaluate(cat, "一般行政職員", TOP)
    assert all(type(e) is skillframe.Evaluation for e in [*evs, other])
    assert repr(evs[0]) == "<Evaluation 'top' tokyo-wg-2025:dx-promoter rank=3>"
    long = skillframe.evaluate(cat, "DX推進員", {"id": "x" * 500})
    assert len(repr(long)) < 120
    back = pickle.loads(pickle.dumps(evs))
    assert back == evs and back[1].unmet == evs[1].unmet and back[1].explain("en") == evs[1].explain("en")
    assert copy.deepcopy(evs[1]) == evs[1] and copy.copy(evs[1]) == evs[1]
    assert evs[0] != evs[1]
    assert skillframe.Evaluation.__module__ == "skillframe"


def test_evaluate_ranks_in_record_order(cat: skillframe.Catalog) -> None:
    rows = [LOW, TOP, {**TOP, "mentoring": False}, {**TOP, "dx_lead_years": 0.5}]
    assert skillframe.evaluate_ranks(cat, "DX推進員", rows) == [0, 3, 2, 1]
    assert skillframe.evaluate_ranks(cat, "DX推進員", rows) == [
        e.rank for e in skillframe.evaluate_many(cat, "DX推進員", rows)
    ]
    with_persona = [{**r, "persona": "DX推進員"} for r in rows]
    assert skillframe.evaluate_ranks(cat, None, with_persona) == [0, 3, 2, 1]


def test_persona_objects_are_accepted(cat: skillframe.Catalog) -> None:
    p = cat.persona("DX推進員")
    assert skillframe.evaluate(cat, p, TOP).rank == 3
    assert [e.rank for e in skillframe.evaluate_many(cat, p, [TOP])] == [3]
    assert skillframe.evaluate_ranks(cat, p, [TOP]) == [3]
    ev = skillframe.evaluate(cat, p, LOW)
    assert skillframe.evaluate(cat, ev.persona, LOW) == ev


def test_rules_compile_once_per_catalog_and_persona_and_go_with_the_catalog() -> None:
    cat = skillframe.load()
    first = compile_ladder(cat, "DX推進員")
    assert compile_ladder(cat, "dx-promoter") is first
    assert compile_ladder(cat, cat.persona("DX推進員")) is first
    assert compile_ladder(skillframe.load(), "DX推進員") is not first
    ref = weakref.ref(cat)
    del cat, first
    gc.collect()
    assert ref() is None


def test_a_catalog_pickles_without_its_compiled_ladders() -> None:
    cat = skillframe.load()
    compile_ladder(cat, "DX推進員")
    back = pickle.loads(pickle.dumps(cat))
    assert skillframe.evaluate_ranks(back, "DX推進員", [TOP]) == [3]


def test_unmet_key_groups_evaluations_with_the_same_unmet_leaves(cat: skillframe.Catalog) -> None:
    rows = [
        {"id": "a", "trainings": G + P, "dx_lead_years": 0.5},
        {"id": "b", "trainings": G + P, "dx_lead_years": 0},
        {"id": "c", "trainings": G + P},
        TOP,
    ]
    evs = list(skillframe.evaluate_many(cat, "DX推進員", rows))
    assert evs[0].unmet_key == evs[1].unmet_key != evs[2].unmet_key
    assert [u.status for u in evs[0].unmet] == ["unmet"] and [u.status for u in evs[2].unmet] == ["unknown"]
    assert evs[3].unmet_key == ()
    back = pickle.loads(pickle.dumps(evs[0]))
    assert back.unmet == evs[0].unmet
