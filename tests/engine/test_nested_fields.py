"""A record's nested fields (``dsm``, ``tools``, ``tool_checks``, ``extra``) are mappings.

A value of another type (``"dsm": 5``, ``"tools": "Excel"``, a list) is the row error
``not-a-mapping`` naming the field, what it must be and the record, through every path that
reads a record; it is never read as something else (an extra column named ``dsm``). ``None``,
empty text and NaN still mean "not given".
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest

import skillframe
from skillframe.engine.ladder import compile_ladder
from skillframe.errors import StaffDataError, StaffValueError
from skillframe.staff import RowReader

PERSONA = "DX推進員"
FULL = [
    "dx-necessity", "user-understanding", "gov-digital-basics", "security-literacy", "privacy",
    "project-management", "value-discovery", "data-literacy", "bpr", "service-validation", "it-governance",
]  # fmt: skip
#: A record at rank 3 of DX推進員: a nested field must not change it, or must refuse it.
TOP = {"id": "k1", "persona": PERSONA, "trainings": FULL, "dx_lead_years": 2, "dx_lead_count": 2, "mentoring": True}
#: What each field must be, as the message says it (English half).
MUST = {
    "dsm": "dsm must be a mapping of skill to level (a JSON object; in a table, one column per skill: "
    "dsm:<skill>), not ",
    "tools": "tools must be a mapping of tool to level (a JSON object; in a table, one column per tool: "
    "tool:<tool>), not ",
    "tool_checks": (
        "tool_checks must be a mapping of tool to ticked checklist items (a JSON object; in a table, one column per "
        "tool: check:<tool>), not "
    ),
    "extra": "extra must be a mapping of column name to text (a JSON object; in a table, each column under "
    "its own name), not ",
}
MUST_JA = {
    "dsm": "スキルからレベルへ",
    "tools": "ツールからレベルへ",
    "tool_checks": "ツールからチェック",
    "extra": "列名から",
}
WRONG = [5, 0, 1.5, True, False, "Excel", "bpr:2", ["bpr"], ("Excel", 2), [("bpr", 2)]]


def _paths(cat: skillframe.Catalog) -> dict[str, Callable[[Any], Any]]:
    """Every way a record is read, each giving what it reads (a rank, ranks, counts…)."""
    ladder = compile_ladder(cat, PERSONA)
    good = dict(TOP, id="k0")
    return {
        "evaluate": lambda r: skillframe.evaluate(cat, PERSONA, r).rank,
        "evaluate-own-persona": lambda r: skillframe.evaluate(cat, None, r).rank,
        "evaluate_many": lambda r: [e.rank for e in skillframe.evaluate_many(cat, PERSONA, [good, r, good])],
        "evaluate_many-own-persona": lambda r: [e.rank for e in skillframe.evaluate_many(cat, None, [good, r])],
        "evaluate_ranks": lambda r: skillframe.evaluate_ranks(cat, PERSONA, [good, r, good]),
        "evaluate_ranks-own-persona": lambda r: skillframe.evaluate_ranks(cat, None, [good, r]),
        "rollup": lambda r: skillframe.rollup(cat, [good, r]).total,
        "rollup-persona": lambda r: skillframe.rollup(cat, [good, r], persona=PERSONA).total,
        "keyed": lambda r: [k for k, _ in ladder.keyed([good, r])],
        "facts": lambda r: ladder.facts(r)[1:],
    }


PATHS = list(_paths(skillframe.load()))


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("value", WRONG, ids=repr)
@pytest.mark.parametrize("field", list(MUST))
def test_a_nested_field_of_another_type_is_refused(cat: skillframe.Catalog, field: str, value: Any, path: str) -> None:
    run = _paths(cat)[path]
    with pytest.raises(StaffDataError) as info:
        run({**TOP, field: value})
    err = info.value
    assert err.code == "not-a-mapping"
    text = str(err)
    assert text.startswith(f"record k1: {field}: {field} は{MUST_JA[field]}"), text
    assert f" / {MUST[field]}{type(value).__name__}: " in text, text


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("value", [None, "", "  ", math.nan], ids=repr)
@pytest.mark.parametrize("field", list(MUST))
def test_none_empty_or_nan_is_not_given(cat: skillframe.Catalog, field: str, value: Any, path: str) -> None:
    run = _paths(cat)[path]
    assert run({**TOP, field: value}) == run(TOP)


@pytest.mark.parametrize("field", list(MUST))
def test_a_record_made_by_hand_or_evolved_gives_the_same_error(cat: skillframe.Catalog, field: str) -> None:
    """The StaffRecord constructor keeps a value that is no mapping (``0`` and ``False`` too,
    once read as ``{}``): evaluating the record says what the plain dict says."""
    base = skillframe.StaffRecord.from_mapping(TOP)
    assert skillframe.evaluate(cat, PERSONA, base).rank == 3
    for value in (5, 0, False, "Excel"):
        for record in (
            attrs.evolve(base, **{field: value}),
            skillframe.StaffRecord(**{**TOP, field: value}),
            {**TOP, field: value},
        ):
            for run in _paths(cat).values():
                with pytest.raises(StaffDataError) as info:
                    run(record)
                assert info.value.code == "not-a-mapping" and f"{field}: {field} は" in str(info.value)
    # pairs are made a dict by the constructor (as documented), a mapping by any path
    hand = skillframe.StaffRecord(id="k1", dsm=[("bpr", 2)])
    assert hand.dsm == {"bpr": 2} and skillframe.evaluate(cat, PERSONA, hand).record is hand


@pytest.mark.parametrize("field", list(MUST))
def test_the_staff_reader_gives_a_row_error_with_the_field(field: str) -> None:
    with pytest.raises(StaffValueError) as info:
        skillframe.StaffRecord.from_mapping({"id": "k1", field: 5})
    assert (info.value.code, info.value.column) == ("not-a-mapping", field)
    [error] = info.value.errors
    assert isinstance(error, skillframe.StaffRowError)
    assert (error.row, error.column, error.id, error.code) == (None, field, "k1", "not-a-mapping")
    assert error.en == f"{MUST[field]}int: 5"
    assert error.ja.startswith(f"{field} は{MUST_JA[field]}") and error.ja.endswith("）で書いてください: 5（int）")
    # with a catalog and a row number, as a JSON staff file's item is read
    errors = RowReader("staff.json", skillframe.load()).read_mapping({"id": "k2", field: "x"}, 4)
    assert isinstance(errors, list)
    assert [(e.file, e.row, e.column, e.id, e.code) for e in errors] == [
        ("staff.json", 4, field, "k2", "not-a-mapping")
    ]
    assert errors[0].en == f"{MUST[field]}str: 'x'"
    # the same key holding a mapping is read as its columns; None is not given
    assert skillframe.StaffRecord.from_mapping({"id": "k1", field: None}).extra == {}


def test_a_json_staff_file_gives_the_row_of_each_item(cat: skillframe.Catalog, tmp_path: Path) -> None:
    items = [
        TOP,
        {"id": "k2", "persona": PERSONA, "dsm": 5},
        {"id": "k3", "persona": PERSONA, "tools": "Excel", "dsm": None},
        {"id": "k4", "persona": PERSONA, "tool_checks": ["Excel"], "extra": {"備考": "x"}},
        {"id": "k5", "persona": PERSONA, "extra": "memo", "dsm": {"bpr": 2}},
    ]
    path = tmp_path / "staff.json"
    path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    table = skillframe.read_staff(path, catalog=cat)
    assert [r.id for r in table.records] == ["k1"]
    assert [(e.row, e.column, e.id, e.code) for e in table.errors] == [
        (2, "dsm", "k2", "not-a-mapping"),
        (3, "tools", "k3", "not-a-mapping"),
        (4, "tool_checks", "k4", "not-a-mapping"),
        (5, "extra", "k5", "not-a-mapping"),
    ]
    assert str(table.errors[0]) == (
        f"{path}: row 2, dsm: dsm はスキルからレベルへの辞書（JSON ではオブジェクト、"
        "表では 1 スキル 1 列: dsm:<スキル名>）で書いてください: 5（int） / "
        "dsm must be a mapping of skill to level (a JSON object; in a table, one column per "
        "skill: dsm:<skill>), not int: 5 [not-a-mapping]"
    )
    assert table.errors[2].department is None and table.errors[2].extra == (("備考", "x"),)


# -- trainings of another type: what trainings takes, on every path ----------------------------------

#: trainings values of a wrong type, and the end of the English message for each.
TRAININGS_WRONG = {
    5: "not int: 5",
    2.5: "not float: 2.5",
    True: "not bool: True",
    b"bpr": "not bytes: b'bpr'",
    ("bpr", 3): "not a list with an item of int: 3",
    ("bpr", ("x",)): "not a list with an item of tuple: ('x',)",
}
TRAININGS_TAKES = (
    "trainings: 研修名・スキル名のリスト、または「;」「；」「、」・改行で区切った 1 つの文字列で書いてください: ",
    " / must be a list of training or skill names, or one text separated by ; ； 、 or line breaks, ",
)


def _trainings(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value  # a JSON list


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("value", [*TRAININGS_WRONG, "dict"], ids=repr)
def test_trainings_of_another_type_say_what_trainings_takes(cat: skillframe.Catalog, value: Any, path: str) -> None:
    """``"trainings": 5`` (a dict, a list holding a number…) is ``not-a-list``, whose message
    says what trainings takes (in Japanese and English), on every path that reads a record."""
    given = {"BPR研修": True} if value == "dict" else _trainings(value)
    with pytest.raises(StaffDataError) as info:
        _paths(cat)[path]({**TOP, "trainings": given})
    assert info.value.code == "not-a-list"
    text = str(info.value)
    ja, en = TRAININGS_TAKES
    assert text.startswith(f"record k1: {ja}"), text
    end = "not dict: {'BPR研修': True}" if value == "dict" else TRAININGS_WRONG[value]
    assert text.endswith(f"{en}{end}"), text


def test_trainings_by_hand_evolved_or_in_a_json_file_give_the_same_error(
    cat: skillframe.Catalog, tmp_path: Path
) -> None:
    base = skillframe.StaffRecord.from_mapping(TOP)
    for value in (5, {"bpr": True}, ["bpr", 3]):
        said = set()
        for record in (
            attrs.evolve(base, trainings=value),
            skillframe.StaffRecord(**{**TOP, "trainings": value}),
            {**TOP, "trainings": value},
        ):
            for run in _paths(cat).values():
                with pytest.raises(StaffDataError) as info:
                    run(record)
                said.add((info.value.code, str(info.value)))
        assert len(said) == 1 and next(iter(said))[0] == "not-a-list", said
    path = tmp_path / "staff.json"
    items = [TOP, {"id": "k2", "trainings": 5}, {"id": "k3", "trainings": ["bpr", None, 3]}]
    path.write_text(json.dumps(items), encoding="utf-8")
    table = skillframe.read_staff(path, catalog=cat)
    assert [(e.row, e.column, e.code) for e in table.errors] == [
        (2, "trainings", "not-a-list"),
        (3, "trainings", "not-a-list"),
    ]
    assert table.errors[0].en.endswith("or line breaks, not int: 5")
    assert table.errors[1].ja.endswith(": リストの要素 3（int）が文字列ではありません")


def test_a_checklist_column_of_another_type_says_what_it_takes() -> None:
    with pytest.raises(StaffValueError) as info:
        skillframe.StaffRecord.from_mapping({"id": "k1", "check:Excel": 5})
    assert (info.value.code, info.value.column) == ("not-a-list", "check:Excel")
    assert info.value.en == (
        "must be a list of ticked checklist items, or one text separated by ; ； 、 or line breaks, not int: 5"
    )
    assert info.value.ja.startswith("チェックした項目のリスト")


# -- two keys naming one skill or tool: never "the last one wins" -----------------------------------

SAME = [
    ({"dsm": {"bpr": 2, "業務分析/BPR": 1}}, "dsm:業務分析/BPR", "'dsm:bpr' and 'dsm:業務分析/BPR'"),
    ({"dsm": {"bpr": 2}, "dsm:業務分析/BPR": 1}, "dsm:bpr", "'dsm:業務分析/BPR' and 'dsm:bpr'"),
    ({"dsm:bpr": 2, "スキル:業務分析/BPR": 3}, "dsm:業務分析/BPR", "'dsm:bpr' and 'dsm:業務分析/BPR'"),
]


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize(("keys", "column", "both"), SAME, ids=lambda v: repr(v)[:40])
def test_two_keys_naming_one_skill_are_refused_on_every_path(
    cat: skillframe.Catalog, keys: dict[str, Any], column: str, both: str, path: str
) -> None:
    """A mapping whose two keys name one skill (its id and its label) is refused as a file with
    two such columns is (``duplicate-skill-column``), whichever value is given last."""
    with pytest.raises(StaffDataError) as info:
        _paths(cat)[path]({**TOP, **keys})
    assert info.value.code == "duplicate-skill-column"
    assert str(info.value).startswith(f"record k1: {column}: 列 ")
    assert str(info.value).endswith(f" / columns {both} both name tokyo-wg-2025:bpr")
    # one of them not given: no clash (as the reader takes a blank level)
    blank = {k: (dict.fromkeys(v) if isinstance(v, dict) else None) for k, v in keys.items()}
    first = next(iter(keys))
    _paths(cat)[path]({**TOP, **keys, **{first: blank[first]}})  # no error


def test_two_keys_naming_one_skill_or_tool_in_a_json_file_and_by_hand(cat: skillframe.Catalog, tmp_path: Path) -> None:
    items = [
        TOP,
        {"id": "k2", "dsm": {"bpr": 2, "業務分析/BPR": 1}},
        {"id": "k3", "dsm": {"bpr": 2, "業務分析/BPR": None}},
        {"id": "k4", "tools": {"Excel": 2}, "tool:tokyo-dsm:excel": 1},
    ]
    path = tmp_path / "staff.json"
    path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    table = skillframe.read_staff(path, catalog=cat)
    assert [r.id for r in table.records] == ["k1", "k3"]
    assert [(e.row, e.column, e.code) for e in table.errors] == [
        (2, "dsm:業務分析/BPR", "duplicate-skill-column"),
        (4, "tool:Excel", "duplicate-skill-column"),
    ]
    hand = skillframe.StaffRecord(id="k5", persona=PERSONA, tools={"Excel": 2, "tokyo-dsm:excel": 1})
    with pytest.raises(StaffDataError) as info:
        skillframe.evaluate(cat, None, hand)
    assert info.value.code == "duplicate-skill-column" and str(info.value).startswith(
        "record k5: tool:tokyo-dsm:excel: "
    )
    # a tool's level and its checklist name one tool: both count (the higher evidence wins)
    both = {**TOP, "tools": {"Excel": 1}, "tool_checks": {"Excel": []}}
    assert skillframe.evaluate(cat, PERSONA, both).rank == 3
