"""The engine's fast paths read a plain dict exactly as the staff reader does.

``evaluate_ranks`` / ``evaluate_many`` read plain dicts in loops specialised to their keys;
every other record goes through :meth:`skillframe.StaffRecord.from_mapping`. For a corpus
of good and bad values, a dict and ``StaffRecord.from_mapping`` of it give the same rank,
the same unmet leaves, or the same error code, whatever the other records around it.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import attrs
import pytest

import skillframe
from skillframe.errors import StaffDataError, StaffValueError, UnknownKeyError

GENERAL = ["dx-necessity", "user-understanding", "gov-digital-basics", "security-literacy", "privacy"]
OWN = ["project-management", "value-discovery", "data-literacy", "bpr", "service-validation", "it-governance"]
FULL = GENERAL + OWN

GOOD: list[dict[str, Any]] = [
    {"id": "g1", "trainings": FULL, "dx_lead_years": 1.5, "dx_lead_count": 2, "mentoring": True},
    {"id": "g2", "trainings": FULL, "dx_lead_years": 1, "dx_lead_count": 3, "mentoring": False},
    {"id": "g3", "trainings": ";".join(FULL), "dx_lead_years": "２年", "dx_lead_count": "2件", "mentoring": "はい"},
    {"id": "g4", "trainings": tuple(FULL), "dx_lead_years": 0.5},
    {"id": "g5", "trainings": FULL[:-1], "dx_lead_years": 3, "dx_lead_count": 2, "mentoring": True},
    {"id": "g6", "trainings": None, "dx_lead_years": None, "dx_lead_count": None, "mentoring": None},
    {"id": "g7", "trainings": "なし", "dx_project_years": 2, "persona": "DX推進員", "department": "総務課"},
    {"id": "g8", "trainings": FULL, "dx_lead_years": 2.0, "dx_lead_count": 1.0, "mentoring": 1},
    {"id": "g9", "trainings": FULL, "dx_lead_years": math.nan, "dx_lead_count": 2, "mentoring": "yes"},
    {"id": " g10 ", "trainings": [" bpr ", *FULL], "dx_lead_years": 10**14, "department": ""},
    {"id": 11, "trainings": FULL, "dx_lead_years": 1},
    {"id": "職員-12", "trainings": FULL, "dx_lead_years": 1, "dx_lead_count": 2, "mentoring": True},
    {"id": "g13", "trainings": FULL, "dx_lead_years": 10**16 // 10**2, "dx_lead_count": 0},
    {"id": "g14", "trainings": FULL, "dx_lead_years": -0.0},
    {"id": "g15"},
    {"id": "g19", "persona": 5},
    {"id": "g16", "職員区分": "x", "trainings": FULL},
    {"id": "g17", "tool:Excel": 2, "trainings": FULL, "dx_lead_years": 1},
    {"id": "g18", "trainings": FULL, "dx_lead_years": 1, "dx_lead_count": 2, "mentoring": True, "dsm": {"bpr": 2}},
    # a nested field given as None, empty or NaN: not given
    {"id": "g20", "trainings": FULL, "dx_lead_years": 1, "dx_lead_count": 2, "mentoring": True, "dsm": None},
    {"id": "g21", "trainings": FULL, "tools": None, "tool_checks": "", "extra": math.nan, "dsm": " "},
    # a plain mapping's own row number (not a column): as without it
    {"id": "g22", "trainings": FULL, "dx_lead_years": 1, "row": 7},
    {"id": "g23", "trainings": FULL, "row": None},
]

BAD: list[dict[str, Any]] = [
    {"id": "b1", "mentoring": "maybe"},
    {"id": "b2", "dx_lead_years": "abc"},
    {"id": "b3", "dx_lead_years": -1},
    {"id": "b4", "dx_lead_years": "inf"},
    {"id": "b5", "dx_lead_years": math.inf},
    {"id": "b6", "dx_lead_count": True},
    {"id": "b7", "dx_lead_years": "0,5"},
    {"id": "b8", "dx_lead_years": 10**16},
    {"id": "b9", "mentoring": 2},
    {"id": "b10", "trainings": [1, 2]},
    {"id": "b11", "trainings": ["bpr", None, 3]},
    {"id": "b12", "trainings": {"bpr": 1}},
    {"id": "b13", "trainings": 5},
    {"id": ""},
    {"id": "   "},
    {"id": None, "trainings": FULL},
    {"id": 1.5},
    {"id": "a\x00b"},
    {"id": "x" * 200_000},
    {"id": "b14", "department": ["総務課"]},
    {"id": "b15", "department": "a\x00b"},
    {"id": "b17", "mentoring": [True]},
    {"id": "b18", "dx_project_years": "1e400"},
    {"id": "b19", "trainings": FULL, "dx_lead_years": 1, "dx_lead_count": 2, "mentoring": "maybe"},
    {"id": "b20", "trainings": ["no-such-skill"]},
    {"trainings": FULL},
    # a nested field (a mapping) given as something else: never an extra column named "dsm"
    {"id": "b21", "dsm": 5},
    {"id": "b22", "trainings": FULL, "dx_lead_years": 1, "dx_lead_count": 2, "mentoring": True, "dsm": "bpr"},
    {"id": "b23", "tools": "Excel"},
    {"id": "b24", "trainings": FULL, "tools": 0},
    {"id": "b25", "tool_checks": ["Excel"]},
    {"id": "b26", "extra": "memo"},
    {"id": "b27", "dsm": [("bpr", 2)]},
    {"id": "b28", "persona": "DX推進員", "department": "総務課", "tools": False},
    # trainings of another type (not-a-list), a row number that is none (bad-row)
    {"id": "b29", "trainings": 5},
    {"id": "b30", "trainings": {"bpr": True}, "dx_lead_years": 1},
    {"id": "b31", "trainings": [*FULL, 3]},
    {"id": "b32", "trainings": FULL, "row": "3行目"},
    {"id": "b33", "trainings": FULL, "dx_lead_years": 1, "dx_lead_count": 2, "mentoring": True, "row": 0},
    # two keys naming one skill or tool (duplicate-skill-column)
    {"id": "b34", "trainings": FULL, "dsm": {"bpr": 2, "業務分析/BPR": 1}},
    {"id": "b35", "tools": {"Excel": 2, "tokyo-dsm:excel": 2}},
]


def outcome(cat: skillframe.Catalog, records: list[Any], how: str) -> Any:
    """The ranks and unmet ids of records, or the error's type and code."""
    try:
        if how == "ranks":
            return skillframe.evaluate_ranks(cat, "DX推進員", records)
        evs = list(skillframe.evaluate_many(cat, "DX推進員", records))
        return [(e.rank, e.unmet_ids) for e in evs]
    except (StaffDataError, UnknownKeyError) as exc:
        return (type(exc).__name__, getattr(exc, "code", None))


def as_record(d: dict[str, Any]) -> Any:
    """StaffRecord.from_mapping of a dict, or the error the engine gives for it."""
    try:
        return skillframe.StaffRecord.from_mapping(d)
    except StaffValueError as exc:
        return ("StaffDataError", exc.code)


@pytest.mark.parametrize("how", ["ranks", "many"])
@pytest.mark.parametrize("d", GOOD + BAD, ids=lambda d: repr(d)[:40])
def test_a_dict_reads_as_its_staff_record(cat: skillframe.Catalog, d: dict[str, Any], how: str) -> None:
    rec = as_record(d)
    via_dict = outcome(cat, [d], how)
    if isinstance(rec, tuple):  # the staff reader refuses it: the engine refuses the dict the same way
        assert via_dict == rec
        return
    assert via_dict == outcome(cat, [rec], how)
    # and the same inside a stream of other shapes (loops change on each record)
    good = [dict(g) for g in GOOD[:3]]
    around = outcome(cat, [*good, d, *good], how)
    assert around == outcome(cat, [*good, rec, *good], how)


@pytest.mark.parametrize("how", ["ranks", "many"])
@pytest.mark.parametrize("d", BAD, ids=lambda d: repr(d)[:40])
def test_a_bad_value_is_the_same_error_at_any_place(cat: skillframe.Catalog, d: dict[str, Any], how: str) -> None:
    alone = outcome(cat, [d], how)
    assert isinstance(alone, tuple)  # every record of BAD is refused
    from skillframe.engine.ladder import _BATCH

    many = [dict(GOOD[0], id=f"s{i}") for i in range(_BATCH + 100)]  # more than a batch before it
    assert outcome(cat, [*many, d, *many], how) == alone


def test_ranks_equal_one_by_one_over_mixed_shapes(cat: skillframe.Catalog) -> None:
    records = [dict(g, id=f"r{i}-{j}") for i in range(40) for j, g in enumerate(GOOD)]
    one_by_one = [skillframe.evaluate(cat, "DX推進員", r).rank for r in records]
    assert skillframe.evaluate_ranks(cat, "DX推進員", records) == one_by_one
    assert [e.rank for e in skillframe.evaluate_many(cat, "DX推進員", records)] == one_by_one
    assert one_by_one.count(3) >= 40 and one_by_one.count(0) >= 40  # the ranks differ


def test_evaluate_many_hands_out_the_batch_before_an_error(cat: skillframe.Catalog) -> None:
    records = [dict(GOOD[0], id=f"s{i}") for i in range(300)] + [BAD[0]]
    seen = []
    with pytest.raises(StaffDataError) as info:
        for ev in skillframe.evaluate_many(cat, "DX推進員", records):
            seen.append(ev.rank)
    assert seen == [3] * 300 and info.value.code == "not-yes-no"


@pytest.mark.parametrize("kind", ["list", "tuple", "iterator"])
def test_a_list_a_tuple_and_an_iterator_give_the_same_evaluations(cat: skillframe.Catalog, kind: str) -> None:
    """Lists and tuples are read by slices of a batch (no record put back in front of the rest),
    any other iterable one record at a time: the same ranks, in order, across shape changes and
    batch ends, and the same evaluations handed out before the same error."""
    from skillframe.engine.ladder import _BATCH

    records = [dict(g, id=f"r{i}-{j}") for i in range(3 * _BATCH // len(GOOD)) for j, g in enumerate(GOOD)]
    records += [dict(GOOD[0], id=f"s{i}") for i in range(_BATCH + 7)]  # one shape across a batch end
    expected = [skillframe.evaluate(cat, "DX推進員", r).rank for r in records]

    def given(rs: list[Any]) -> Any:
        return {"list": rs, "tuple": tuple(rs), "iterator": iter(rs)}[kind]

    assert skillframe.evaluate_ranks(cat, "DX推進員", given(records)) == expected
    evs = list(skillframe.evaluate_many(cat, "DX推進員", given(records)))
    assert [e.rank for e in evs] == expected
    assert [e.record for e in evs] == records  # each evaluation holds its own record, in order
    bad = [*records[: _BATCH + 3], BAD[0], *records[:5]]
    seen: list[int] = []
    with pytest.raises(StaffDataError) as info:
        seen.extend(e.rank for e in skillframe.evaluate_many(cat, "DX推進員", given(bad)))
    assert seen == expected[: _BATCH + 3] and info.value.code == "not-yes-no"
    with pytest.raises(StaffDataError):
        skillframe.evaluate_ranks(cat, "DX推進員", given(bad))


TOOLS_GOOD: list[dict[str, Any]] = [
    {"id": "t1", "trainings": GENERAL, "tools": {"Excel": 2, "word": "Lv.1"}},
    {"id": "t2", "trainings": GENERAL, "tools": {"excel": None}},
    {"id": "t4", "trainings": GENERAL, "tools": {"Excel": 1.0}, "persona": "一般行政職員", "department": None},
    {"id": "t5", "trainings": GENERAL, "tools": {}},
    {"id": "t6", "trainings": GENERAL, "dx_lead_years": None, "mentoring": None, "department": "総務課"},
]
TOOLS_BAD: list[dict[str, Any]] = [
    {"id": "t3", "trainings": GENERAL, "tools": {"Excel": 2, "excel": 3}},  # one tool twice: as two columns in a file
    {"id": "u1", "tools": {"Excel": "abc"}},
    {"id": "u2", "tools": {"nope": 1}},
    {"id": "u3", "tools": {"Excel": [1]}},
    {"id": "u4", "tools": {"Excel": 4}},
]


def _said(exc: Exception) -> str:
    """An error's message, without the record an engine error names (the reader's does not)."""
    return exc.message() if isinstance(exc, UnknownKeyError) else str(exc)


def keyed_outcome(ladder: Any, records: list[Any]) -> Any:
    try:
        return ladder.keyed(records), [ladder.facts(r)[1:] for r in records]
    except (StaffDataError, UnknownKeyError) as exc:
        return (type(exc).__name__, getattr(exc, "code", None), _said(exc))


@pytest.mark.parametrize("d", TOOLS_GOOD + TOOLS_BAD + GOOD + BAD, ids=lambda d: repr(d)[:40])
def test_keyed_and_facts_read_a_dict_as_the_reader_does(cat: skillframe.Catalog, d: dict[str, Any]) -> None:
    """Ladder.keyed (the rollup's pass) and Ladder.facts give what the reader gives, or its error."""
    from skillframe.engine.ladder import compile_ladder

    ladder = compile_ladder(cat, "一般行政職員")
    around = [dict(TOOLS_GOOD[0], id=f"s{i}") for i in range(3)]
    try:
        facts = ladder.reader.facts(d)
    except (StaffDataError, UnknownKeyError) as exc:
        error = (type(exc).__name__, getattr(exc, "code", None), _said(exc))
        assert keyed_outcome(ladder, [d]) == error
        assert keyed_outcome(ladder, [*around, d]) == error
        return
    ev = skillframe.evaluate(cat, "一般行政職員", skillframe.StaffRecord.from_mapping(d))
    assert keyed_outcome(ladder, [d]) == ([(ev.rank, ev.unmet_key)], [facts[1:]])
    # the outcomes say what the explanation says: False unmet, None unknown (no `not` here)
    status = {False: "unmet", None: "unknown"}
    assert [status[o] for o in ev.unmet_key if o is not True] == [u.status for u in ev.unmet]
    keyed, _ = keyed_outcome(ladder, [*around, d])
    assert keyed[-1] == (ev.rank, ev.unmet_key)


def test_rollup_of_dicts_equals_rollup_of_their_staff_records(cat: skillframe.Catalog) -> None:
    """The rollup's one-pass counting (ranks and unmet keys, no Evaluation objects) counts
    what evaluating each record and counting the evaluations does."""
    records = [
        dict(g, id=f"r{i}-{j}", persona=p, department=f"課{i % 3}")
        for i in range(30)
        for j, g in enumerate(TOOLS_GOOD + GOOD[:9])
        for p in ("DX推進員", "一般行政職員")
    ]
    as_records = [skillframe.StaffRecord.from_mapping(r) for r in records]
    evaluations = list(skillframe.evaluate_many(cat, None, as_records))
    a, b, c = (skillframe.rollup(cat, x) for x in (records, as_records, evaluations))
    assert a == b == c
    assert a.total == len(records) and len({rank for _, _, rank, _, _ in a.cells}) >= 3
    assert sum(unknown for *_, unknown in a.cells) > 0


@pytest.mark.parametrize("column", ["人材像", "Persona", "persona"])
def test_persona_none_reads_the_persona_column_as_a_file_row(cat: skillframe.Catalog, column: str) -> None:
    """With persona=None each mapping's persona is read as a file row reads it (its Japanese alias too)."""
    rows = [{"id": "a", column: "DX推進員", "trainings": FULL, "dx_lead_years": 2}, {"id": "b", column: "一般行政職員"}]
    evs = list(skillframe.evaluate_many(cat, None, rows))
    want = [("tokyo-wg-2025:dx-promoter", 2), ("tokyo-wg-2025:general-staff", 0)]
    assert [(e.persona.id, e.rank) for e in evs] == want
    assert skillframe.evaluate_ranks(cat, None, rows) == [2, 0]
    assert skillframe.rollup(cat, rows).no_persona == 0


def test_rollup_raises_the_first_bad_record_in_order(cat: skillframe.Catalog) -> None:
    """Records are ranked per ladder in batches; the error raised is still the first bad record's."""
    rows = [
        {"id": "a1", "persona": "DX推進員"},
        {"id": "b1", "persona": "一般行政職員", "mentoring": "maybe"},  # the first bad record
        {"id": "a2", "persona": "DX推進員", "dx_lead_years": "abc"},
    ]
    with pytest.raises(StaffDataError) as info:
        skillframe.rollup(cat, rows)
    assert info.value.code == "not-yes-no" and "b1" in str(info.value)


# -- found by an attack on the fast paths (each was a difference from StaffRecord.from_mapping) --


def test_a_tool_level_equal_to_another_of_another_type_is_read_for_itself(cat: skillframe.Catalog) -> None:
    """True == 1 == Decimal(1), but only 1 is a level: the memo never serves one for the other."""
    from decimal import Decimal

    good = {"id": "a", "trainings": GENERAL, "tools": {"Excel": 1}}
    for value in (True, Decimal(1)):
        bad = {"id": "b", "trainings": GENERAL, "tools": {"Excel": value}}
        for records in ([bad], [good, bad], [bad]):
            with pytest.raises(StaffDataError) as info:
                skillframe.evaluate_ranks(cat, "一般行政職員", records)
            assert info.value.code == "not-a-number"


def test_a_bad_value_is_said_before_an_unknown_key(cat: skillframe.Catalog) -> None:
    d = {"id": "a", "trainings": ["nope"], "mentoring": "maybe"}
    for how in (
        lambda: skillframe.evaluate(cat, "DX推進員", d),
        lambda: skillframe.evaluate_ranks(cat, "DX推進員", [d]),
    ):
        with pytest.raises(StaffDataError) as info:
            how()
        assert info.value.code == "not-yes-no"


@pytest.mark.parametrize("value", [1e15, "1e15", 10**15, 1e300])
def test_a_number_of_16_digits_is_refused_on_every_path(cat: skillframe.Catalog, value: object) -> None:
    for d in ({"id": "a", "dx_lead_years": value}, {"id": "a", "dx_lead_years": value, "備考": "x"}):
        with pytest.raises(StaffDataError) as info:
            skillframe.evaluate_ranks(cat, "DX推進員", [d])
        assert info.value.code == "number-too-long"


@pytest.mark.parametrize(
    "d",
    [
        {"id": "a", "persona": None, "人材像": "DX推進員"},
        {"id": "a", "人材像": None, "ペルソナ": "DX推進員"},
        {"id": "a", "人材像": "DX推進員", "ペルソナ": "一般行政職員"},
        {"id": "a", "persona": math.nan},
        {"id": "a", "persona": "   "},
        {"id": "a", "persona": 1.5},
    ],
    ids=repr,
)
def test_persona_none_reads_the_persona_as_the_reader_does(cat: skillframe.Catalog, d: dict[str, Any]) -> None:
    def run(f: Any) -> Any:
        try:
            return f()
        except (StaffDataError, StaffValueError) as exc:
            return exc.code

    reader = run(lambda: skillframe.StaffRecord.from_mapping(d).persona)
    many = run(lambda: [e.persona.label for e in skillframe.evaluate_many(cat, None, [d])])
    if reader is None:  # no persona: an error when evaluating, the 未設定 bucket in a rollup
        assert many == "missing-persona" and skillframe.rollup(cat, [d]).no_persona == 1
    elif reader in ("DX推進員", "一般行政職員"):
        assert many == [reader] and skillframe.rollup(cat, [d]).no_persona == 0
    else:
        assert many == reader == run(lambda: skillframe.rollup(cat, [d]))


def test_rollup_reads_trainings_and_department_as_the_reader_does(cat: skillframe.Catalog) -> None:
    import pandas as pd

    rows = [
        {"id": "a", "persona": "DX推進員", "trainings": math.nan, "department": math.nan},
        {"id": "b", "persona": "DX推進員", "trainings": ["bpr", None], "部署": "総務課"},
        {"id": "c", "persona": "DX推進員", "trainings": ["bpr"], "mentoring": pd.NA, "dx_lead_years": pd.NA},
    ]
    as_records = [skillframe.StaffRecord.from_mapping(r) for r in rows]
    assert skillframe.rollup(cat, rows) == skillframe.rollup(cat, as_records)
    assert set(skillframe.rollup(cat, rows).departments) == {None, "総務課"}


def test_an_unpickled_evaluation_groups_by_its_unmet_leaves(cat: skillframe.Catalog) -> None:
    import pickle

    own = ["project-management", "value-discovery", "data-literacy", "bpr"]
    rows = [
        {"id": "a", "persona": "DX推進員", "trainings": [*GENERAL, *own, "service-validation"]},
        {"id": "b", "persona": "DX推進員", "trainings": [*GENERAL, *own, "it-governance"]},
    ]
    evs = list(skillframe.evaluate_many(cat, None, rows))
    again = pickle.loads(pickle.dumps(evs))
    assert again[0].unmet_key != again[1].unmet_key
    assert skillframe.rollup(cat, again).demand == skillframe.rollup(cat, evs).demand


def test_the_record_id_is_the_readers(cat: skillframe.Catalog) -> None:
    for d, rid in (({"職員番号": "A01"}, "A01"), ({"id": " a "}, "a")):
        ev = skillframe.evaluate(cat, "DX推進員", d)
        assert ev.record_id == rid == skillframe.StaffRecord.from_mapping(d).id


@pytest.mark.parametrize(
    "extra",
    [{"department": "A", "部署": "B"}, {"trainings": None, "研修": FULL}, {"dsm": {"bpr": 2}, "dsm:bpr": 3}],
    ids=repr,
)
def test_two_columns_that_say_the_same_are_refused_as_in_a_file(cat: skillframe.Catalog, extra: dict[str, Any]) -> None:
    d = {"id": "a", "persona": "DX推進員", **extra}
    with pytest.raises(StaffValueError) as info:
        skillframe.StaffRecord.from_mapping(d)
    assert info.value.code == "duplicate-column"
    for how in (lambda: skillframe.evaluate_ranks(cat, None, [d]), lambda: skillframe.rollup(cat, [d])):
        with pytest.raises(StaffDataError) as err:
            how()
        assert err.value.code == "duplicate-column"


@pytest.mark.parametrize("record", [None, 5, ("id", "a")], ids=repr)
def test_a_record_that_is_not_a_mapping_is_a_staff_error(cat: skillframe.Catalog, record: Any) -> None:
    for how in (
        lambda: skillframe.evaluate_ranks(cat, "DX推進員", [record]),
        lambda: list(skillframe.evaluate_many(cat, "DX推進員", [record])),
        lambda: skillframe.rollup(cat, [record], persona="DX推進員"),
    ):
        with pytest.raises(StaffDataError) as info:
            how()
        assert info.value.code == "not-a-mapping"


def test_a_pandas_row_says_how_to_pass_a_dataframe(cat: skillframe.Catalog) -> None:
    import pandas as pd

    rows = [row for _, row in pd.DataFrame([{"id": "a", "persona": "DX推進員"}]).iterrows()]
    with pytest.raises(StaffDataError, match="to_dict") as info:
        skillframe.evaluate_ranks(cat, None, rows)
    assert info.value.code == "not-a-mapping"


def test_an_overlong_persona_is_the_readers_error(cat: skillframe.Catalog) -> None:
    d = {"id": "a", "persona": "D" * 131_073}
    with pytest.raises(StaffDataError) as info:
        skillframe.evaluate_ranks(cat, None, [d])
    assert info.value.code == "cell-too-long"


def test_an_unknown_key_in_a_record_names_the_record(cat: skillframe.Catalog) -> None:
    cases = [
        (lambda: skillframe.evaluate(cat, "一般行政職員", {"id": "x1", "tools": {"nope": 1}}), "x1"),
        (lambda: list(skillframe.evaluate_many(cat, None, [{"id": "x2", "persona": "DX推進"}])), "x2"),
        (lambda: skillframe.rollup(cat, [{"id": "x3", "persona": "DX推進員", "trainings": ["BPR研習"]}]), "x3"),
    ]
    for how, rid in cases:
        with pytest.raises(UnknownKeyError) as info:
            how()
        assert info.value.record_id == rid and str(info.value).startswith(f"record {rid}: ")
    with pytest.raises(UnknownKeyError) as info:  # the argument, not a record's value: no record named
        skillframe.evaluate(cat, "nope", {"id": "x4"})
    assert info.value.record_id is None and not str(info.value).startswith("record")


def test_a_lookup_error_naming_a_record_pickles() -> None:
    import pickle

    err = UnknownKeyError("tool", "nope", suggestions=("Excel",)).of_record("r1")
    again = pickle.loads(pickle.dumps(err))
    assert (str(again), again.record_id, again.suggestions) == (str(err), "r1", ("Excel",))


def test_a_staff_record_from_a_file_reads_as_the_reader_does(cat: skillframe.Catalog, tmp_path: Path) -> None:
    """The generated read of a StaffRecord the reader made (values taken as they are, its
    trainings resolved once per tuple, DSM and tool levels by the reader's memos) gives
    FactReader.facts, ranks and unmet keys; an
    unknown training key is the reader's error."""
    from skillframe.engine.ladder import compile_ladder

    f = tmp_path / "staff.csv"
    f.write_text(
        "id,persona,trainings,dx_lead_years,dx_lead_count,mentoring,dsm:bpr,tool:Excel\n"
        "a,DX推進員,DXの必要性理解;bpr,1.5,2,はい,,\n"
        "b,DX推進員,,,,,,\n"
        "c,DX推進員,BPR研修,０.５,1,いいえ,,Lv.2\n"
        "d,DX推進員,DXの必要性理解,3,0,,2,1\n",
        encoding="utf-8",
    )
    records = list(skillframe.read_staff(f).records)
    assert [r.row for r in records] == [2, 3, 4, 5]
    hand = [skillframe.StaffRecord(**{**attrs.asdict(r), "row": None}) for r in records]  # parsed here
    ladder = compile_ladder(cat, "DX推進員")
    for r in records * 2:  # the second time from the memo
        assert ladder.facts(r)[1:] == ladder.reader.facts(r)[1:]
    assert ladder.keyed(records) == ladder.keyed(hand)
    assert ladder.ranks(records) == ladder.ranks(hand) == [e.rank for e in ladder.run_many(hand)]
    assert ladder.facts(records[0])[1] == frozenset(ladder.reader.facts(hand[0])[1])
    bad = attrs.evolve(records[0], trainings=("BPR研習",))
    with pytest.raises(UnknownKeyError) as info:
        ladder.ranks([*records, bad])
    with pytest.raises(UnknownKeyError) as canonical:
        ladder.reader.facts(bad)
    assert _said(info.value) == _said(canonical.value)
