"""Explanations as data (issue 14 item 3): ``Evaluation.to_dict()``, its shipped schema and ``next``.

``next`` is checked against the engine itself: the record is changed so that exactly the
leaves of ``next`` hold (a training added, a level or number set), evaluated again, and
the next step must be reached; with any one of those leaves left as it was, it must not.
"""

from __future__ import annotations

import copy
import json
import pickle
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import skillframe
from skillframe import model as m
from skillframe import testing
from skillframe._fingerprint import catalog_fingerprint
from skillframe.cli import main
from skillframe.conditions.spec import condition_schema
from skillframe.engine.completion import Gate, Lit, holds, minimal_completion
from skillframe.engine.evaluation_schema import evaluation_schema, evaluation_schema_json
from skillframe.engine.explain_data import _plan
from skillframe.engine.ladder import compile_ladder, ladder_of_rules

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "src" / "skillframe" / "schema" / "evaluation.schema.json"
CASES = testing.load_cases(ROOT / "tests" / "cases")
VALIDATOR = jsonschema.Draft202012Validator(evaluation_schema())
WG = "tokyo-wg-2025:"


def _valid(doc: dict[str, Any]) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(doc)]
    assert errors == []


# -- the schema --------------------------------------------------------------------------


def test_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(evaluation_schema())


def test_shipped_schema_is_current() -> None:
    # Regenerate with: skillframe schema evaluation -o src/skillframe/schema/evaluation.schema.json
    assert SHIPPED.read_text(encoding="utf-8") == evaluation_schema_json()


def test_cli_prints_either_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "evaluation"]) == 0
    assert json.loads(capsys.readouterr().out) == evaluation_schema()
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "skillframe catalog"


def test_cli_refuses_an_unknown_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "evaluations"]) == 2
    assert "evaluation" in capsys.readouterr().err


def test_schema_rejects_a_wrong_document(cat: skillframe.Catalog) -> None:
    doc = skillframe.evaluate(cat, "DX推進員", {"id": "x"}).to_dict()
    for change in (
        lambda d: d.update(format="skillframe-evaluation/2"),
        lambda d: d["next_step"]["leaves"][0].update(status="maybe"),
        lambda d: d["next_step"]["leaves"][0].update(path="all[x]"),
        lambda d: d["next_step"]["leaves"][0]["condition"].update(kind="all"),
        lambda d: d["next"]["leaves"][0].update(status="yes"),
        lambda d: d["next"]["leaves"][0].update(trainings=["bpr"]),
        lambda d: d.pop("catalog"),
    ):
        bad = copy.deepcopy(doc)
        change(bad)
        assert list(VALIDATOR.iter_errors(bad)), bad


# -- every YAML case ------------------------------------------------------------------------


def _complete(record: dict[str, Any], leaves: list[dict[str, Any]], ev: skillframe.Evaluation) -> dict[str, Any]:
    """The record changed so that each of ``leaves`` (next-leaf dicts) is completed."""
    out = copy.deepcopy(record)
    rows = ev.to_dict()["next_step"]["leaves"]
    for nl in leaves:
        leaf = rows[nl["leaf"]]
        kind, params, subject = leaf["condition"]["kind"], leaf["condition"]["params"], nl["subject"]
        if kind == "trained":
            trained = list(out.get("trainings") or [])
            out["trainings"] = (
                [t for t in trained if t not in (subject, subject.split(":")[-1])]
                if nl["negated"]
                else [*trained, subject]
            )
        elif kind in ("dsm", "tools"):  # the level replaces the one written under the short key (never two keys)
            given = {k: v for k, v in (out.get(kind) or {}).items() if k not in (subject, subject.split(":")[-1])}
            out[kind] = {**given, subject: params["min"]}
        elif kind in ("dx_project_years", "dx_lead_years", "dx_lead_count"):
            out[kind] = params["min"]
        elif kind == "mentoring":
            out["mentoring"] = params["value"]
        else:  # pragma: no cover - the cases use the kinds above
            raise AssertionError(kind)
    return out


@pytest.mark.parametrize("case", CASES, ids=[f"{c.source}:{c.name}" for c in CASES])
def test_case_document_validates_and_next_is_minimal(cat: skillframe.Catalog, case: testing.Case) -> None:
    ladder = compile_ladder(cat, case.persona, settings=_settings(case))
    record = dict(case.record)
    ev = ladder.evaluate(record)
    doc = ev.to_dict()
    _valid(doc)
    _valid(ev.to_dict(all_steps=True))
    assert json.loads(json.dumps(doc, allow_nan=False)) == doc
    assert doc["rank"] == case.rank and doc["persona"]["id"] == ladder.persona.id
    assert doc["record"]["id"] == str(record["id"])
    if doc["next"] is None:
        assert case.rank == len(ladder.steps) and doc["next_step"] is None
        return
    nxt = doc["next"]
    assert nxt["reachable"] and nxt["exact"]
    # the case ladders are conjunctions: every unmet or unknown leaf is needed
    assert [n["id"] for n in nxt["leaves"]] == ev.unmet_ids
    assert ladder.evaluate(_complete(record, nxt["leaves"], ev)).rank > case.rank
    for i in range(len(nxt["leaves"])):
        fewer = nxt["leaves"][:i] + nxt["leaves"][i + 1 :]
        assert ladder.evaluate(_complete(record, fewer, ev)).rank == case.rank, nxt["leaves"][i]["id"]


def _settings(case: testing.Case) -> skillframe.EvaluationSettings | None:
    return None if case.deployed_tools is None else skillframe.EvaluationSettings(deployed_tools=case.deployed_tools)


@pytest.mark.parametrize("case", CASES[::4], ids=[f"{c.source}:{c.name}" for c in CASES[::4]])
def test_leaf_paths_rebuild_the_engine_s_truth(cat: skillframe.Catalog, case: testing.Case) -> None:
    """Each step's leaves, combined along their rule, give the status the engine gives."""
    ladder = compile_ladder(cat, case.persona, settings=_settings(case))
    ev = ladder.evaluate(dict(case.record))
    doc = ev.to_dict(all_steps=True)
    value = {"met": True, "unmet": False, "unknown": None}
    for i, step in enumerate(doc["steps"]):
        values = [value[leaf["status"]] for leaf in step["leaves"]]
        assert holds(_plan(ladder, i).tree, values) == value[step["status"]], step["id"]
    assert [s["status"] for s in doc["steps"][: ev.rank]] == ["met"] * ev.rank


def test_leaf_conditions_are_written_as_in_a_catalog(cat: skillframe.Catalog) -> None:
    written = jsonschema.Draft202012Validator({**condition_schema(), "$defs": {"Condition": condition_schema()}})
    for case in CASES:
        doc = compile_ladder(cat, case.persona, settings=_settings(case)).evaluate(dict(case.record)).to_dict()
        for leaf in (doc["next_step"] or {"leaves": []})["leaves"]:
            c = leaf["condition"]
            as_yaml = {c["kind"]: c["params"]["value"] if c["kind"] == "mentoring" else c["params"]}
            assert not list(written.iter_errors(as_yaml)), as_yaml


# -- hand-built rules: the exact minimal set ---------------------------------------------


def _t(*skills: str) -> m.Trained:
    return m.Trained(skills=tuple(WG + s for s in skills))


def _next_ids(cat: skillframe.Catalog, rule: m.Condition, record: dict[str, Any]) -> list[str]:
    ladder = ladder_of_rules(cat, "DX推進員", [rule])
    ev = ladder.evaluate(record)
    doc = ev.to_dict()
    _valid(doc)
    assert ev.rank == 0
    nxt = doc["next"]
    if not nxt["reachable"]:
        return ["<unreachable>"]
    # the engine agrees: completing them reaches the step, leaving out any one does not
    done = _complete(record, nxt["leaves"], ev)
    assert ladder.evaluate(done).rank == 1
    for i in range(len(nxt["leaves"])):
        assert ladder.evaluate(_complete(record, nxt["leaves"][:i] + nxt["leaves"][i + 1 :], ev)).rank == 0
    return [("not " if n["negated"] else "") + n["id"].removeprefix("trained:" + WG) for n in nxt["leaves"]]


def test_any_takes_the_cheaper_branch(cat: skillframe.Catalog) -> None:
    rule = m.Any(of=(m.All(of=(_t("bpr"), _t("privacy"))), _t("data-literacy")))
    assert _next_ids(cat, rule, {"id": "a", "trainings": []}) == ["data-literacy"]
    # one of two equally small completions: the first in rule order
    assert _next_ids(cat, rule, {"id": "a", "trainings": ["bpr"]}) == ["privacy"]


def test_a_shared_leaf_is_completed_once(cat: skillframe.Catalog) -> None:
    rule = m.All(of=(m.Any(of=(_t("bpr"), _t("privacy"))), m.Any(of=(_t("data-literacy"), _t("bpr")))))
    assert _next_ids(cat, rule, {"id": "a", "trainings": []}) == ["bpr"]


def test_unknown_and_unmet_leaves_both_count(cat: skillframe.Catalog) -> None:
    rule = m.All(
        of=(
            m.Any(
                of=(
                    m.NumberAtLeast(field="dx_lead_years", min=1),
                    m.NumberAtLeast(field="dx_lead_count", min=2),
                )
            ),
            m.Mentoring(),
            m.DsmLevel(skills=(WG + "bpr", WG + "privacy"), min=2),
        )
    )
    record = {"id": "a", "dx_lead_count": 1, "mentoring": True, "dsm": {"bpr": 2}}
    assert _next_ids(cat, rule, record) == ["dx_lead_years>=1", "dsm:tokyo-wg-2025:privacy>=2"]
    doc = ladder_of_rules(cat, "DX推進員", [rule]).evaluate(record).to_dict()
    assert [(n["status"], n["path"], n["item"]) for n in doc["next"]["leaves"]] == [
        ("unknown", "all[0].any[0]", None),
        ("unknown", "all[2]", 1),
    ]
    dsm = doc["next_step"]["leaves"][-1]
    assert dsm["condition"] == {"kind": "dsm", "params": {"skills": [WG + "bpr", WG + "privacy"], "min": 2}}
    assert (dsm["expected"], dsm["actual"], dsm["subject"]["label"]) == (2, None, "プライバシー保護理解")
    assert doc["next"]["leaves"][1]["training_meets"] is False  # a training is Lv1 evidence only


def test_not_is_completed_by_a_leaf_that_must_not_hold(cat: skillframe.Catalog) -> None:
    rule = m.All(of=(_t("bpr"), m.Not(of=m.All(of=(_t("privacy"), _t("data-literacy"))))))
    record = {"id": "a", "trainings": ["privacy", "data-literacy"]}
    assert _next_ids(cat, rule, record) == ["bpr", "not privacy"]
    doc = ladder_of_rules(cat, "DX推進員", [rule]).evaluate(record).to_dict()
    leaves = doc["next_step"]["leaves"]
    assert [(x["path"], x["item"], x["negated"], x["status"]) for x in leaves] == [
        ("all[0]", 0, False, "unmet"),
        ("all[1].not.all[0]", 0, True, "met"),
        ("all[1].not.all[1]", 0, True, "met"),
    ]
    assert doc["next"]["leaves"][1]["trainings"] == []  # nothing to attend to un-hold a leaf


def test_a_contradictory_rule_is_unreachable(cat: skillframe.Catalog) -> None:
    rule = m.All(of=(_t("bpr"), m.Not(of=_t("bpr"))))
    assert _next_ids(cat, rule, {"id": "a"}) == ["<unreachable>"]


def test_completion_search_on_its_own() -> None:
    a, b, c, d = (Lit(i, k) for i, k in enumerate("abcd"))
    # any(all(a, b), all(c, d)) with b, d unknown: one change either way, the first wins
    rule = Gate("any", (Gate("all", (a, b)), Gate("all", (c, d))))
    done = minimal_completion(rule, [True, None, True, None])
    assert done is not None and done.changes == ((1, True),) and done.exact
    # already true: nothing to change
    assert minimal_completion(rule, [True, True, False, False]).changes == ()  # type: ignore[union-attr]
    # not(any(a, b)): both must come not to hold
    neg = Gate("not", (Gate("any", (a, b)),))
    assert minimal_completion(neg, [True, None]).changes == ((0, False), (1, False))  # type: ignore[union-attr]
    # a kept constraint: b must stay false for not(b), so the branch needing b true is dearer
    shared = Gate("all", (Gate("not", (Lit(1, "b"),)), Gate("any", (Lit(1, "b"), Gate("all", (c, d))))))
    assert minimal_completion(shared, [None, False, False, False]).changes == ((2, True), (3, True))  # type: ignore[union-attr]
    # a limit too small to keep every option: still a completion, not proven minimal
    wide = Gate("all", tuple(Gate("any", (Lit(2 * i, 2 * i), Lit(2 * i + 1, 2 * i + 1))) for i in range(6)))
    small = minimal_completion(wide, [False] * 12, limit=2)
    assert small is not None and not small.exact and len(small.changes) == 6


# -- edges ---------------------------------------------------------------------------------------


def test_top_of_the_ladder_has_no_next(cat: skillframe.Catalog) -> None:
    record = next(c.record for c in CASES if c.persona == "DX推進員" and c.rank == 3)
    doc = skillframe.evaluate(cat, "DX推進員", record).to_dict(all_steps=True)
    _valid(doc)
    assert (doc["rank"], doc["top"], doc["next_step"], doc["next"]) == (3, 3, None, None)
    assert doc["step"]["id"] == WG + "dx-promoter-step3" and "leaves" not in doc["step"]
    assert [len(s["leaves"]) for s in doc["steps"]][1:] == [1, 2]


def test_document_carries_provenance_and_catalog_version(cat: skillframe.Catalog) -> None:
    doc = skillframe.evaluate(cat, "DX推進員", {"id": "x", "dx_lead_years": "1"}).to_dict()
    prov = doc["next_step"]["provenance"]
    assert prov["source"] == "wg2025-report" and prov["locator"].startswith("§4 DX推進員")
    assert prov["source_title"] == "区市町村デジタル人材確保・育成検討WG 報告書"
    assert doc["catalog"]["digest"] == catalog_fingerprint(cat).digest
    assert doc["catalog"]["versions"]["tokyo-wg-2025"] == "2025-10"
    assert doc["next_step"]["leaves"][0]["subject"]["provenance"]["locator"].startswith("§3")


def test_a_file_record_keeps_its_row_and_a_fresh_dict_each_call(cat: skillframe.Catalog, tmp_path: Path) -> None:
    f = tmp_path / "staff.csv"
    f.write_text("id,persona,department,trainings\nA01,DX推進員,総務課,bpr\n", encoding="utf-8")
    (rec,) = skillframe.read_staff(f, catalog=cat).records
    ev = skillframe.evaluate(cat, None, rec)
    first = ev.to_dict()
    assert first["record"] == {"id": "A01", "row": 2, "department": "総務課"}
    first["next"]["leaves"][0]["trainings"].clear()
    first["next_step"]["provenance"]["locator"] = "changed"
    assert ev.to_dict()["next"]["leaves"][0]["trainings"] and ev.to_dict() != first


def test_an_unpickled_evaluation_says_to_evaluate_again(cat: skillframe.Catalog) -> None:
    ev = pickle.loads(pickle.dumps(skillframe.evaluate(cat, "DX推進員", {"id": "x"})))
    with pytest.raises(TypeError, match="evaluate the record again"):
        ev.to_dict()


# -- the CLI: evaluate --format json ---------------------------------------------------------


def test_cli_evaluate_json_is_an_array_of_valid_documents(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    staff = tmp_path / "staff.csv"
    staff.write_text(
        "id,persona,trainings,dx_lead_years\nA01,DX推進員,bpr,1\nA02,DX推進員,,たくさん\nA03,一般行政職員,,\n",
        encoding="utf-8",
    )
    assert main(["evaluate", str(staff), "--format", "json"]) == 1  # row 3 is bad: reported, not dropped
    captured = capsys.readouterr()
    docs = json.loads(captured.out)
    assert [(d["record"]["id"], d["record"]["row"]) for d in docs] == [("A01", 2), ("A03", 4)]
    for d in docs:
        _valid(d)
    assert "row 3, dx_lead_years" in captured.err and "[not-a-number]" in captured.err
    # -o FILE (format from the suffix), and an empty result is still an array
    out = tmp_path / "result.json"
    assert main(["evaluate", str(staff), "-o", str(out), "--errors", str(tmp_path / "errors.csv")]) == 1
    assert json.loads(out.read_text(encoding="utf-8")) == docs
    empty = tmp_path / "empty.csv"
    empty.write_text("id,persona\n", encoding="utf-8")
    assert main(["evaluate", str(empty), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_shared_parts_give_the_same_document(cat: skillframe.Catalog) -> None:
    from skillframe.engine.explain_data import evaluation_dict

    for case in CASES[::3]:
        ev = compile_ladder(cat, case.persona, settings=_settings(case)).evaluate(dict(case.record))
        assert json.dumps(evaluation_dict(ev, fresh=False, all_steps=True)) == json.dumps(ev.to_dict(all_steps=True))


def test_one_condition_object_written_twice_keeps_both_places(cat: skillframe.Catalog) -> None:
    both = _t("bpr", "privacy")
    rule = m.Any(of=(both, m.All(of=(both, _t("data-literacy")))))
    assert _next_ids(cat, rule, {"id": "a", "trainings": ["bpr"]}) == ["privacy"]
    ladder = ladder_of_rules(cat, "DX推進員", [rule])
    doc = ladder.evaluate({"id": "a", "trainings": ["bpr", "privacy"]}).to_dict(all_steps=True)
    assert [(x["path"], x["item"]) for x in doc["steps"][0]["leaves"]] == [
        ("any[0]", 0),
        ("any[0]", 1),
        ("any[1].all[0]", 0),
        ("any[1].all[0]", 1),
        ("any[1].all[1]", 0),
    ]
    assert doc["steps"][0]["status"] == "met" and doc["next"] is None


def test_record_part_reads_a_mapping_as_the_staff_reader_does(cat: skillframe.Catalog) -> None:
    """The department of a plain dict is the reader's: its Japanese alias, spaces dropped."""
    ev = skillframe.evaluate(cat, "DX推進員", {"id": " A01 ", "部署": " 市民課 ", "trainings": []})
    assert ev.to_dict()["record"] == {"id": "A01", "row": None, "department": "市民課"}
