"""The engine against a small reference interpreter of the three-valued rule language.

Hypothesis generates step rules (every leaf kind the engine evaluates without Python
hooks, nested in all/any/not) and staff records (plain dicts read on the fast path, the
same records with a DSM/tool column read by the staff reader, and StaffRecords); the
compiled ladder must rank each record as the reference says, its per-node check must
give the reference's three values, and its explanation must be empty exactly when the
rule holds.

The reference is written for reading, not speed: a record is a few Python values, each
leaf is one obvious rule. The last tests break one leaf of the engine at a time and
check that the property notices (so the number of examples is enough to find a
single-leaf change).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import skillframe
from skillframe.conditions import ast
from skillframe.engine import compile as engine_compile
from skillframe.engine.ladder import ladder_of_rules
from skillframe.errors import StaffDataError

CAT = skillframe.load()
PERSONA = "DX推進員"
SKILLS = ["bpr", "data-literacy", "privacy", "project-management"]  # local ids of tokyo-wg-2025
TOOLS = ["Excel", "Teams"]
Q_SKILL = {s: f"tokyo-wg-2025:{s}" for s in SKILLS}
Q_TOOL = {"Excel": "tokyo-dsm:excel", "Teams": "tokyo-dsm:teams"}
NUMBERS = ("dx_project_years", "dx_lead_years", "dx_lead_count")

#: How many examples each property runs: enough to find any single-leaf change below.
EXAMPLES = settings(
    max_examples=300,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# ---------------------------------------------------------------------------
# The reference interpreter

Truth = bool | None


def ref_all(values: list[Truth]) -> Truth:
    if any(v is False for v in values):
        return False
    if any(v is None for v in values):
        return None
    return True


def ref_any(values: list[Truth]) -> Truth:
    if any(v is True for v in values):
        return True
    if any(v is None for v in values):
        return None
    return False


def ref_not(value: Truth) -> Truth:
    return None if value is None else not value


@attrs.frozen
class Person:
    """A record as the reference sees it (qualified ids; None = unknown)."""

    trained: frozenset[str] | None
    dsm: dict[str, int] | None
    tools: dict[str, int] | None
    numbers: dict[str, float | None]
    mentoring: bool | None


def ref_dsm(p: Person, skill: str, need: int) -> Truth:
    if need <= 0:
        return True
    declared = None if p.dsm is None else p.dsm.get(skill)
    evidence = 1 if p.trained is not None and skill in p.trained else None  # a training shows Lv1
    levels = [lv for lv in (declared, evidence) if lv is not None]
    if not levels:
        return None
    if max(levels) >= need:
        return True
    return False if declared is not None else None  # training alone says nothing above Lv1


def ref(cond: ast.Condition, p: Person) -> Truth:
    if isinstance(cond, ast.All):
        return ref_all([ref(c, p) for c in cond.of])
    if isinstance(cond, ast.Any):
        return ref_any([ref(c, p) for c in cond.of])
    if isinstance(cond, ast.Not):
        return ref_not(ref(cond.of, p))
    if isinstance(cond, ast.Trained):
        return ref_all([None if p.trained is None else s in p.trained for s in cond.skills])
    if isinstance(cond, ast.DsmLevel):
        return ref_all([ref_dsm(p, s, cond.min) for s in cond.skills])
    if isinstance(cond, ast.ToolsAtLeast):
        levels = [None if p.tools is None else p.tools.get(t) for t in cond.tools]
        return ref_all([None if lv is None else lv >= cond.min for lv in levels])
    if isinstance(cond, ast.NumberAtLeast):
        v = p.numbers[cond.field]
        return None if v is None else v >= cond.min
    if isinstance(cond, ast.Mentoring):
        return None if p.mentoring is None else p.mentoring == cond.value
    raise AssertionError(cond)


# ---------------------------------------------------------------------------
# Strategies


def some(items: list[str]) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(items), min_size=1, max_size=3, unique=True)


leaf = st.one_of(
    some(SKILLS).map(lambda s: ast.Trained(skills=tuple(Q_SKILL[k] for k in s))),
    st.builds(lambda s, n: ast.DsmLevel(skills=tuple(Q_SKILL[k] for k in s), min=n), some(SKILLS), st.integers(0, 3)),
    st.builds(lambda t, n: ast.ToolsAtLeast(tools=tuple(Q_TOOL[k] for k in t), min=n), some(TOOLS), st.integers(0, 3)),
    st.builds(
        lambda f, n: ast.NumberAtLeast(field=f, min=n), st.sampled_from(NUMBERS), st.sampled_from([0, 0.5, 1, 2, 3])
    ),
    st.booleans().map(lambda v: ast.Mentoring(value=v)),
)
conditions = st.recursive(
    leaf,
    lambda sub: st.one_of(
        st.lists(sub, min_size=1, max_size=3).map(lambda cs: ast.All(of=tuple(cs))),
        st.lists(sub, min_size=1, max_size=3).map(lambda cs: ast.Any(of=tuple(cs))),
        sub.map(lambda c: ast.Not(of=c)),
    ),
    max_leaves=6,
)

#: The nested mappings of a record, and values of another type (never read as something else).
NESTED = ("dsm", "tools", "tool_checks", "extra")
NOT_MAPPINGS = st.one_of(
    st.integers(),
    st.booleans(),
    st.floats(allow_nan=False),
    st.text(min_size=1).filter(str.strip),
    st.lists(st.sampled_from(SKILLS + TOOLS), max_size=2),
    st.lists(st.tuples(st.sampled_from(SKILLS), st.integers(0, 3)), min_size=1, max_size=2),  # pairs
)

number = st.one_of(st.none(), st.sampled_from([0, 0.5, 1, 1.5, 2, 3]))
levels = st.dictionaries(st.sampled_from(SKILLS), st.integers(0, 3), max_size=3)
tool_levels = st.dictionaries(st.sampled_from(TOOLS), st.integers(0, 3), max_size=2)


@st.composite
def records(draw: st.DrawFn) -> tuple[dict[str, Any], Person]:
    trained = draw(st.one_of(st.none(), st.lists(st.sampled_from(SKILLS), unique=True, max_size=4)))
    dsm = draw(st.one_of(st.none(), levels))
    tools = draw(st.one_of(st.none(), tool_levels))
    nums = {f: draw(number) for f in NUMBERS}
    mentoring = draw(st.one_of(st.none(), st.booleans()))
    text = draw(st.booleans())  # values written as a file would have them
    rec: dict[str, Any] = {"id": "r1"}
    if trained is not None:
        rec["trainings"] = (";".join(trained) or "なし") if text else trained
    for f, v in nums.items():
        if v is not None:
            rec[f] = f"{v}年" if text else v
    if mentoring is not None:
        rec["mentoring"] = ("はい" if mentoring else "いいえ") if text else mentoring
    for s, lv in (dsm or {}).items():
        rec[f"dsm:{s}"] = f"Lv.{lv}" if text else lv
    for t, lv in (tools or {}).items():
        rec[f"tool:{t}"] = lv
    if draw(st.integers(0, 3)) == 0:  # a nested field given as empty: not given (the reference is unchanged)
        rec[draw(st.sampled_from(NESTED))] = draw(st.sampled_from([None, "", " ", math.nan]))
    person = Person(
        trained=None if trained is None else frozenset(Q_SKILL[s] for s in trained),
        dsm={Q_SKILL[s]: lv for s, lv in dsm.items()} if dsm else None,
        tools={Q_TOOL[t]: lv for t, lv in tools.items()} if tools else None,
        numbers=nums,
        mentoring=mentoring,
    )
    return rec, person


# ---------------------------------------------------------------------------
# The property


def check(cond: ast.Condition, rec: dict[str, Any], person: Person) -> None:
    ladder = ladder_of_rules(CAT, PERSONA, [cond])
    want = ref(cond, person)
    as_record = skillframe.StaffRecord.from_mapping(rec)
    ranks = ladder.ranks([rec, as_record])
    assert ranks == [1 if want is True else 0] * 2, (cond, rec, want)
    evs = list(ladder.run_many([rec]))
    assert [e.rank for e in evs] == ranks[:1]
    assert ladder.step_check(0, ladder.facts(rec)) is want, (cond, rec)
    ev = evs[0]
    assert (ev.unmet == ()) is (want is True), (cond, rec, ev.unmet)
    if want is None:
        assert any(u.status == "unknown" for u in ev.unmet), ev.unmet


@EXAMPLES
@given(conditions, records())
def test_engine_agrees_with_the_reference(cond: ast.Condition, data: tuple[dict[str, Any], Person]) -> None:
    check(cond, *data)


@EXAMPLES
@given(st.lists(conditions, min_size=1, max_size=3), records())
def test_rank_is_the_first_step_not_met(rules: list[ast.Condition], data: tuple[dict[str, Any], Person]) -> None:
    rec, person = data
    ladder = ladder_of_rules(CAT, PERSONA, rules)
    want = 0
    for rule in rules:
        if ref(rule, person) is not True:
            break
        want += 1
    assert ladder.ranks([rec]) == [want]


@settings(EXAMPLES, max_examples=100)
@given(conditions, records(), st.sampled_from(NESTED), NOT_MAPPINGS)
def test_a_nested_field_of_another_type_is_refused_on_every_path(
    cond: ast.Condition, data: tuple[dict[str, Any], Person], field: str, value: Any
) -> None:
    """``"dsm": 5`` is no mapping: every path raises the reader's error, whatever the rules (never a rank)."""
    good = data[0]
    bad = {**good, field: value}
    ladder = ladder_of_rules(CAT, PERSONA, [cond])
    for run in (
        lambda: ladder.evaluate(bad),
        lambda: ladder.ranks([good, bad]),
        lambda: list(ladder.run_many([good, bad])),
        lambda: ladder.keyed([good, bad]),
        lambda: ladder.facts(bad),
    ):
        with pytest.raises(StaffDataError) as info:
            run()
        assert info.value.code == "not-a-mapping", (bad, info.value)
        assert str(info.value).startswith(f"record r1: {field}: {field} は"), str(info.value)


# ---------------------------------------------------------------------------
# The property finds a single broken leaf


@contextmanager
def broken(method: str, wrap: Callable[[engine_compile.Node], engine_compile.Node]) -> Iterator[None]:
    original = getattr(engine_compile.NodeCompiler, method)

    def patched(self: Any, *args: Any) -> engine_compile.Node:
        return wrap(original(self, *args))

    setattr(engine_compile.NodeCompiler, method, patched)
    try:
        yield
    finally:
        setattr(engine_compile.NodeCompiler, method, original)


def _strict(node: engine_compile.Node) -> engine_compile.Node:
    # ">=" read as ">": a boundary error in one number leaf
    return attrs.evolve(node, true=node.true.replace(">=", ">"), false=node.false.replace(" < ", " <= "))


def _unknown_is_no(node: engine_compile.Node) -> engine_compile.Node:
    # an unknown mentoring value read as "no"
    return attrs.evolve(node, false=f"(not {node.true})")


def _not_unknown_true(node: engine_compile.Node) -> engine_compile.Node:
    # not(unknown) read as met
    return attrs.evolve(node, true=f"(not {node.false})")


#: What hypothesis raises on a falsified property (several distinct failures come as a group).
FOUND = (AssertionError, ExceptionGroup)

MUTANTS = [("_number", _strict), ("_mentoring", _unknown_is_no)]


@pytest.mark.parametrize(("method", "wrap"), MUTANTS, ids=[m for m, _ in MUTANTS])
def test_the_property_finds_a_broken_leaf(
    method: str, wrap: Callable[[engine_compile.Node], engine_compile.Node]
) -> None:
    with broken(method, wrap), pytest.raises(FOUND):
        test_engine_agrees_with_the_reference()


def test_the_property_finds_a_broken_not() -> None:
    original = engine_compile.NodeCompiler.compile

    def patched(self: Any, cond: Any) -> engine_compile.Node:
        node = original(self, cond)
        return _not_unknown_true(node) if isinstance(cond, ast.Not) else node

    engine_compile.NodeCompiler.compile = patched  # type: ignore[method-assign]
    try:
        with pytest.raises(FOUND):
            test_engine_agrees_with_the_reference()
    finally:
        engine_compile.NodeCompiler.compile = original  # type: ignore[method-assign]
