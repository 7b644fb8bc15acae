"""DSM-level leaves (inline in the generated code) give the general reader's outcomes.

Every combination of a declared level (none, 0-3) for two skills, trainings unknown / none /
the skill (Lv1 evidence) / another skill, written as a file writes them (digits, ``Lv.2``,
full-width), against rules that need 0-3 alone, in ``all``, ``any``, ``not`` and a second
step: a record read from a staff file (keys qualified already: taken as they are), the same
record as a plain dict and as ``StaffRecord.from_mapping`` give the same rank, the same
unmet leaves (id, status, expected, actual) and the same ``to_dict()``, and the rank the
reference says (a training shows Lv1 and says nothing above it).
"""

from __future__ import annotations

import csv
import io
import itertools
from pathlib import Path
from typing import Any

import attrs
import pytest

import skillframe
from skillframe.conditions import ast
from skillframe.engine.ladder import ladder_of_rules

P = "全庁情報システム担当"
A, B = "tokyo-wg-2025:project-management", "tokyo-wg-2025:system-management"
LEVELS = [None, 0, 1, 2, 3]
TRAININGS = {"unknown": None, "none": "なし", "yes": "project-management", "other": "cybersecurity"}
STYLES = {"int": str, "lv": lambda v: f"Lv.{v}", "full": lambda v: "Ｌｖ．" + "０１２３"[v]}
COMBOS = list(itertools.product(LEVELS, LEVELS, TRAININGS, STYLES))
COLUMNS = ["id", "persona", "trainings", "dsm:project-management", "dsm:system-management"]


def _dict(i: int, a: int | None, b: int | None, trained: str, style: str) -> dict[str, Any]:
    rec: dict[str, Any] = {"id": f"R{i}", "persona": P}
    if TRAININGS[trained] is not None:
        rec["trainings"] = TRAININGS[trained]
    for column, lv in (("dsm:project-management", a), ("dsm:system-management", b)):
        if lv is not None:
            rec[column] = STYLES[style](lv)
    return rec


def ref_dsm(declared: int | None, trained: bool | None, need: int) -> bool | None:
    if need <= 0:
        return True
    levels = [lv for lv in (declared, 1 if trained else None) if lv is not None]
    if not levels:
        return None
    if max(levels) >= need:
        return True
    return False if declared is not None else None


def _ref_rank(rule: str, need: int, a: int | None, b: int | None, trained: str) -> int:
    t = trained == "yes"
    ra, rb = ref_dsm(a, t, need), ref_dsm(b, False, need)
    both = False if False in (ra, rb) else None if None in (ra, rb) else True
    first = {
        "one": ra,
        "two": both,
        "not": None if ra is None else not ra,
        "any": True if True in (ra, rb) else None if None in (ra, rb) else False,
        "stair": ref_dsm(a, t, 1),
    }[rule]
    if first is not True:
        return 0
    return 2 if rule == "stair" and both is True else 1


def _rules(rule: str, need: int) -> list[Any]:
    one = ast.DsmLevel(skills=(A,), min=need)
    return {
        "one": [one],
        "two": [ast.DsmLevel(skills=(A, B), min=need)],
        "not": [ast.Not(of=one)],
        "any": [ast.Any(of=(one, ast.DsmLevel(skills=(B,), min=need)))],
        "stair": [ast.DsmLevel(skills=(A,), min=1), ast.DsmLevel(skills=(A, B), min=need)],
    }[rule]


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[dict[str, Any]], list[skillframe.StaffRecord]]:
    dicts = [_dict(i, *c) for i, c in enumerate(COMBOS)]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(COLUMNS)
    w.writerows([str(d.get(c, "")) for c in COLUMNS] for d in dicts)
    path = Path(tmp_path_factory.mktemp("dsm")) / "staff.csv"
    path.write_text(buf.getvalue(), encoding="cp932")
    read = skillframe.read_staff(path, catalog=skillframe.load())
    assert not read.errors
    return dicts, list(read.records)


def _seen(ladder: Any, record: Any) -> tuple[Any, ...]:
    ev = ladder.evaluate(record)
    doc = ev.to_dict()
    doc.pop("record", None)
    unmet = [(u.id, u.status, u.expected, u.actual) for u in ev.unmet]
    return ev.rank, unmet, ladder.ranks([record]), ladder.keyed([record]), doc


@pytest.mark.parametrize("rule", ["one", "two", "not", "any", "stair"])
@pytest.mark.parametrize("need", [0, 1, 2, 3])
def test_dsm_leaves_of_file_records_are_the_general_readers(
    cat: skillframe.Catalog, records: tuple[list[dict[str, Any]], list[Any]], rule: str, need: int
) -> None:
    dicts, read = records
    ladder = ladder_of_rules(cat, P, _rules(rule, need))
    for combo, d, r in zip(COMBOS, dicts, read, strict=True):
        want = _seen(ladder, d)
        assert _seen(ladder, r) == want, (combo, rule, need)
        assert _seen(ladder, skillframe.StaffRecord.from_mapping(d)) == want, (combo, rule, need)
        a, b, trained, _ = combo
        assert want[0] == _ref_rank(rule, need, a, b, trained), (combo, rule, need)
    # in one batch, in every order: the same ranks and keys
    assert ladder.keyed(read) == ladder.keyed(dicts)
    assert ladder.keyed(read[::-1]) == ladder.keyed(dicts[::-1])


@pytest.mark.parametrize("trained", [None, ("project-management",)])
@pytest.mark.parametrize("need", [1, 2])
def test_a_dsm_level_blanked_on_a_read_record_is_unknown(
    cat: skillframe.Catalog, tmp_path: Path, need: int, trained: tuple[str, ...] | None
) -> None:
    """A record the reader made, changed with ``attrs.evolve`` to say its DSM level is not
    known (``None``: unknown, as everywhere in StaffRecord), reads as the same record as a
    plain dict with the level blank: unknown (or Lv1 from its training), never a TypeError.

    Found by the adversarial run: the inline DSM leaf compares ``d.get(k, -1) >= n`` and the
    levels of a read record are taken as they are, so ``None`` raises a raw TypeError (the
    Python ``level`` function before read ``None`` as unknown)."""
    f = tmp_path / "staff.csv"
    f.write_text(f"id,persona,dsm:project-management\nA1,{P},2\n", encoding="utf-8")
    (record,) = skillframe.read_staff(f, catalog=cat).records
    blanked = attrs.evolve(record, dsm={A: None}, trainings=trained)
    assert blanked.row == 2
    as_dict = {"id": "A1", "persona": P, "dsm:project-management": ""}
    if trained is not None:
        as_dict["trainings"] = "project-management"
    ladder = ladder_of_rules(cat, P, [ast.DsmLevel(skills=(A,), min=need)])
    assert _seen(ladder, blanked)[:2] == _seen(ladder, as_dict)[:2]


@pytest.mark.parametrize("need", [1, 2])
def test_a_tool_level_blanked_on_a_read_record_is_unknown(cat: skillframe.Catalog, tmp_path: Path, need: int) -> None:
    """As for DSM levels: a tool level set to ``None`` on a record the reader made is unknown,
    as a blank cell is (the generated leaf compares ``tl.get(k, -1)``: never a TypeError)."""
    f = tmp_path / "staff.csv"
    f.write_text(f"id,persona,tool:Excel,tool:Teams\nA1,{P},2,3\n", encoding="utf-8")
    (record,) = skillframe.read_staff(f, catalog=cat).records
    excel = cat.tool("Excel").id
    blanked = attrs.evolve(record, tools={**record.tools, excel: None})
    as_dict = {"id": "A1", "persona": P, "tool:Excel": "", "tool:Teams": "3"}
    ladder = ladder_of_rules(cat, P, [ast.ToolsAtLeast(tools=(excel,), min=need)])
    assert _seen(ladder, blanked)[:2] == _seen(ladder, as_dict)[:2]
    assert _seen(ladder, blanked)[0] == 0
