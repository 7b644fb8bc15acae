"""A staff record changed by ``attrs.evolve`` (or made by hand) reads as the plain dict of its fields.

The staff reader's records hold parsed values and the engine takes them as they are. A
record made by ``StaffRecord(...)`` or ``attrs.evolve`` may hold anything: evaluating it
must give what the plain dict of the same values gives — the same rank and unmet leaves,
or the same error (type and code) — through ``evaluate``, ``evaluate_many``,
``evaluate_ranks`` and ``rollup``, whatever rank the record would reach, and never an
exception from outside :mod:`skillframe.errors` (issue 9, item 2).
"""

from __future__ import annotations

import copy
import math
import pickle
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import skillframe
from skillframe.errors import SkillframeError

G = ["dx-necessity", "user-understanding", "gov-digital-basics", "security-literacy", "privacy"]
P = ["project-management", "value-discovery", "data-literacy", "bpr", "service-validation", "it-governance"]
STAFF = (
    "id,persona,部署,trainings,dx_project_years,dx_lead_years,dx_lead_count,mentoring,dsm:bpr,tool:Excel,備考\n"
    f"A1,DX推進員,総務課,{';'.join(G + P)},3,2,2,はい,2,2,メモ\n"
    f"A2,DX推進員,税務課,{';'.join(G + P)},1,1,1,いいえ,1,,\n"
    f"A3,DX推進員,,{';'.join(G)},,,,,,,\n"
    f"A4,一般行政職員,総務課,{';'.join(G)},0,0,0,いいえ,0,1,x\n"
    "A5,DX推進員,市民課,なし,,,,,,,\n"
)
FIELDS = [a.name for a in attrs.fields(skillframe.StaffRecord) if a.name != "row"]


@pytest.fixture(scope="module")
def records(cat: skillframe.Catalog, tmp_path_factory: pytest.TempPathFactory) -> list[skillframe.StaffRecord]:
    """The reader's records of one file, with keys resolved (a catalog) and as written (none)."""
    f = tmp_path_factory.mktemp("evolve") / "staff.csv"
    f.write_text(STAFF, encoding="utf-8")
    out: list[skillframe.StaffRecord] = []
    for c in (cat, None):
        table = skillframe.read_staff(f, catalog=c)
        assert not table.errors
        out += table.records
    assert [r.row for r in out] == [2, 3, 4, 5, 6] * 2
    return out


def plain(record: skillframe.StaffRecord) -> dict[str, Any]:
    """The plain dict of a record's fields (what a user would pass instead of the record)."""
    return {name: getattr(record, name) for name in FIELDS}


def said(run: Callable[[], Any]) -> Any:
    """What ``run`` gives, or the type and code of the skillframe error it raises (any
    other exception fails the test)."""
    try:
        return run()
    except SkillframeError as exc:
        return (type(exc).__name__, getattr(exc, "code", None))


def outcomes(cat: skillframe.Catalog, x: Any, around: list[Any]) -> dict[str, Any]:
    """``x`` through every path, alone and among the reader's records (``around``)."""
    many = [*around, x, *around]

    def one() -> Any:
        ev = skillframe.evaluate(cat, "DX推進員", x)
        return (ev.rank, ev.unmet_ids)

    def ranked(persona: str | None) -> Any:
        return [(e.persona.id, e.rank, e.unmet_ids) for e in skillframe.evaluate_many(cat, persona, many)]

    return {
        "evaluate": said(one),
        "evaluate-own-persona": said(lambda: skillframe.evaluate(cat, None, x).rank),
        "evaluate_many": said(lambda: ranked("DX推進員")),
        "evaluate_many-own-persona": said(lambda: ranked(None)),
        "evaluate_ranks": said(lambda: skillframe.evaluate_ranks(cat, "DX推進員", many)),
        "evaluate_ranks-own-persona": said(lambda: skillframe.evaluate_ranks(cat, None, many)),
        "rollup": said(lambda: skillframe.rollup(cat, many)),
        "rollup-persona": said(lambda: skillframe.rollup(cat, many, persona="DX推進員")),
    }


# -- values: wrong types, NaN, inf, negative, texts, bools, nested ---------------------------------

TEXTS = [
    "", " ", "abc", "1", "2", "２", "１.5年", "0,5", "1e400", "inf", "nan", "-1", "3.5", "Lv.2", "Lv.9",
    "はい", "いいえ", "maybe", "有り", "なし", "-", "a\x00b", "=1+1", "x" * 300, "bpr", "BPR研修",
    "DXの必要性理解;bpr", "no-such-skill", "Excel", "DX推進員", "一般行政職員", "総務課", " 総務課 ",
    "tokyo-wg-2025:bpr", "tokyo-dsm:excel",
]  # fmt: skip
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 5),
    st.sampled_from([10**15, 10**16, -(10**16), 2**64]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([math.nan, math.inf, -math.inf, -0.0, 0.5, 1.0, 1.5, 2.0, 3.0, 1e15]),
    st.sampled_from(TEXTS),
    st.text(max_size=6),
    st.sampled_from([Decimal("1"), Decimal("1.5"), Decimal("NaN"), b"bpr"]),
)
KEYS = st.sampled_from(["bpr", "Excel", "tokyo-wg-2025:bpr", "tokyo-dsm:excel", "no-such", "DXの必要性理解", ""])
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.lists(inner, max_size=3).map(tuple),
        st.frozensets(st.sampled_from(TEXTS[:12]), max_size=2),
        st.dictionaries(KEYS | st.integers(0, 2), inner, max_size=2),
    ),
    max_leaves=4,
)
#: Per field: its own kind of value (a mapping of levels, a list of keys) or any value at all.
FIELD_VALUES = {
    "dsm": st.dictionaries(KEYS, VALUES, max_size=2) | VALUES,
    "tools": st.dictionaries(KEYS, VALUES, max_size=2) | VALUES,
    "tool_checks": st.dictionaries(KEYS, VALUES, max_size=2) | VALUES,
    "extra": st.dictionaries(st.sampled_from(["備考", "memo", "id", "部署"]), VALUES, max_size=2) | VALUES,
    "trainings": st.lists(st.sampled_from([*G, *P, *TEXTS]), max_size=4) | VALUES,
}
CHANGES = st.lists(
    st.sampled_from(FIELDS).flatmap(lambda f: st.tuples(st.just(f), FIELD_VALUES.get(f, VALUES))),
    min_size=1,
    max_size=3,
    unique_by=lambda change: change[0],
).map(dict)


NESTED = ("dsm", "tools", "tool_checks", "extra")


def not_a_mapping(value: Any) -> bool:
    """A nested field's value that is neither a mapping nor empty (None, NaN, blank text)."""
    blank = value is None or (isinstance(value, float) and math.isnan(value))
    return not (blank or isinstance(value, Mapping) or (isinstance(value, str) and not value.strip()))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(base=st.integers(0, 9), changes=CHANGES)
def test_an_evolved_record_reads_as_the_plain_dict_of_its_values(
    cat: skillframe.Catalog, records: list[skillframe.StaffRecord], base: int, changes: dict[str, Any]
) -> None:
    record = records[base]
    evolved = attrs.evolve(record, **changes)  # never raises: a value is kept to be read later
    assert evolved.row == record.row
    around = [records[0], records[3]]
    got = outcomes(cat, evolved, around)
    assert got == outcomes(cat, plain(evolved), around)
    if any(not_a_mapping(getattr(evolved, f)) for f in NESTED):  # as kept by the converter (pairs: a dict)
        assert all(isinstance(v, tuple) and v[0] == "StaffDataError" for v in got.values()), got
    if "trainings" in changes and isinstance(changes["trainings"], list | str):  # the value as written
        assert got == outcomes(cat, {**plain(evolved), "trainings": changes["trainings"]}, around)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(base=st.integers(0, 9), field=st.sampled_from(NESTED), value=VALUES)
def test_a_nested_field_that_is_no_mapping_is_refused_on_every_path(
    cat: skillframe.Catalog, records: list[skillframe.StaffRecord], base: int, field: str, value: Any
) -> None:
    """``dsm`` / ``tools`` / ``tool_checks`` / ``extra`` set to anything but a mapping (or
    empty) is ``not-a-mapping`` through every path, never read as something else (an extra
    column ``dsm``); empty (None, NaN, blank text) is not given."""
    evolved = attrs.evolve(records[base], **{field: value})
    around = [records[0], records[3]]
    got = outcomes(cat, evolved, around)
    assert got == outcomes(cat, plain(evolved), around)
    kept = getattr(evolved, field)  # as the converter keeps it (pairs: a dict)
    if not_a_mapping(kept):
        assert set(map(repr, got.values())) == {repr(("StaffDataError", "not-a-mapping"))}, got
    elif not isinstance(kept, Mapping):  # None, NaN, blank text
        assert got == outcomes(cat, attrs.evolve(records[base], **{field: {}}), around)


# -- the cases of the issue, with the values they give -----------------------------------------------


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"dx_lead_years": "abc"}, "not-a-number"),
        ({"dx_lead_years": -1}, "negative-number"),
        ({"dx_lead_years": math.inf}, "not-finite"),
        ({"dx_lead_count": True}, "not-a-number"),
        ({"mentoring": "maybe"}, "not-yes-no"),
        ({"mentoring": 2}, "not-yes-no"),
        ({"dsm": {"bpr": True}}, "not-a-number"),
        ({"tools": {"Excel": 1.5}}, "bad-level"),
        ({"trainings": [1, 2]}, "not-a-list"),
        ({"trainings": 5}, "not-a-list"),
        ({"trainings": {"bpr": True}}, "not-a-list"),
        ({"trainings": ["bpr", 1.5]}, "not-a-list"),
        ({"department": ["総務課"]}, "not-text"),
        ({"id": ""}, "missing-id"),
        ({"dsm": 5}, "not-a-mapping"),
        ({"dsm": 0}, "not-a-mapping"),
        ({"tools": "Excel"}, "not-a-mapping"),
        ({"tools": False}, "not-a-mapping"),
        ({"tool_checks": ["Excel"]}, "not-a-mapping"),
        ({"extra": "memo"}, "not-a-mapping"),
        ({"extra": 1.5}, "not-a-mapping"),
    ],
    ids=lambda v: repr(v)[:30],
)
@pytest.mark.parametrize("base", [0, 4, 5], ids=["rank3", "rank0", "as-written-rank3"])
def test_a_bad_value_set_by_evolve_is_the_dicts_error_at_every_rank(
    cat: skillframe.Catalog, records: list[skillframe.StaffRecord], base: int, change: dict[str, Any], code: str
) -> None:
    evolved = attrs.evolve(records[base], **change)
    got = outcomes(cat, evolved, [records[1]])
    assert set(map(repr, got.values())) == {repr(("StaffDataError", code))}, got
    assert got == outcomes(cat, plain(evolved), [records[1]])


@pytest.mark.parametrize(
    "change",
    [
        {"dx_lead_years": "2"},
        {"dx_lead_years": "２年", "dx_lead_count": 2.0, "mentoring": "yes"},
        {"trainings": [*G, *P]},
        {"trainings": ";".join(G + P)},
        {"dsm": {"bpr": "2"}},
        {"tools": {"Excel": "Lv.2"}},
        {"mentoring": 1},
    ],
    ids=lambda v: repr(v)[:30],
)
def test_a_value_the_reader_takes_gives_the_same_rank(
    cat: skillframe.Catalog, records: list[skillframe.StaffRecord], change: dict[str, Any]
) -> None:
    top = records[0]
    assert skillframe.evaluate(cat, "DX推進員", top).rank == 3
    evolved = attrs.evolve(top, **change)
    got = outcomes(cat, evolved, [records[2]])
    assert got["evaluate"] == (3, []) and got["evaluate_ranks"] == [0, 3, 0]
    as_dict = plain(evolved)
    assert got == outcomes(cat, as_dict, [records[2]])
    assert skillframe.StaffRecord.from_mapping(evolved) == skillframe.StaffRecord.from_mapping(as_dict)


def test_only_the_readers_records_are_taken_as_parsed(records: list[skillframe.StaffRecord]) -> None:
    """The mark is no field: evolve, a record made by hand and asdict do not carry it;
    pickle and copy keep it; a text of trainings is kept as written, not split."""
    r = records[0]
    assert r._parsed is True
    assert attrs.evolve(r)._parsed is False and attrs.evolve(r) == r
    assert "_parsed" not in attrs.asdict(r)
    for again in (pickle.loads(pickle.dumps(r)), copy.copy(r), copy.deepcopy(r)):
        assert (again._parsed, again, again.row) == (True, r, 2)
    hand = skillframe.StaffRecord(id="h", trainings="bpr;DXの必要性理解", dsm=5, tools=[("Excel", 2)])
    assert (hand._parsed, hand.trainings, hand.dsm, hand.tools) == (False, "bpr;DXの必要性理解", 5, {"Excel": 2})
    assert pickle.loads(pickle.dumps(hand))._parsed is False
    with pytest.raises(skillframe.errors.StaffValueError) as info:  # dsm=5 is no mapping (never an extra "dsm")
        skillframe.StaffRecord.from_mapping(hand)
    assert (info.value.code, info.value.column) == ("not-a-mapping", "dsm")
    read = skillframe.StaffRecord.from_mapping(attrs.evolve(hand, dsm=None))
    assert (read._parsed, read.trainings, read.dsm, read.extra) == (True, ("bpr", "DXの必要性理解"), {}, {})
    assert skillframe.StaffRecord.from_mapping(read) is read


def test_an_evolved_record_is_the_record_of_its_evaluation(
    cat: skillframe.Catalog, records: list[skillframe.StaffRecord]
) -> None:
    """An evolved record is read again for its values, but it is still the record given."""
    evolved = attrs.evolve(records[1], dx_lead_years="3")
    ev = skillframe.evaluate(cat, "DX推進員", evolved)
    assert ev.record is evolved and ev.record.row == 3 and ev.rank == 2
