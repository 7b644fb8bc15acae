"""An evaluation as data: the versioned JSON-able dict of :meth:`skillframe.Evaluation.to_dict`.

Format ``skillframe-evaluation/1`` (JSON Schema: :mod:`skillframe.engine.evaluation_schema`,
shipped as ``skillframe/schema/evaluation.schema.json``, printed by ``skillframe schema
evaluation``; described in docs/evaluation-json.md). Shape::

    {"format": "skillframe-evaluation/1",
     "record":  {"id": str|null, "row": int|null, "department": str|null},
     "persona": {"id", "label", "label_en"},
     "rank": int (0 = no step), "top": int (steps in the ladder),
     "step": STEP|null (the step reached), "next_step": STEP with "leaves"|null,
     "next": {"reachable", "exact", "count", "leaves": [NEXT…]}|null,
     "steps": [STEP with "leaves"…] (only with all_steps=True),
     "catalog": {"digest": sha256 hex, "versions": {framework id: version|null}}}

    STEP = {"id", "rank", "label", "label_en", "status": met|unmet|unknown (its own rule),
            "provenance": PROVENANCE, "leaves": [LEAF…] (next_step; steps)}
    LEAF = {"path": "all[1].any[0]" ("" = the rule itself), "item": int|null (which skill/tool
            of a condition that names several), "id": stable leaf id (as Unmet.id),
            "condition": {"kind": YAML key, "params": {…as in the catalog, ids qualified}},
            "subject": {"kind": skill|tool|persona, "id", "label", "label_en", "provenance"}|null,
            "expected", "actual" (the record's value as read; null = unknown),
            "status": met|unmet|unknown, "negated": bool (under an odd number of ``not``:
            the rule needs it NOT to hold)}
    NEXT = {"leaf": index into next_step.leaves, "id", "path", "item", "status" (as in the leaf:
            unmet|unknown, or met for a negated leaf that must come not to hold),
            "negated", "subject": id|null, "trainings": [{"id", "label", "label_en"}…],
            "training_meets": bool (completing one of those trainings alone meets the leaf)}

"next" is a minimum-size set of leaves of the next step whose completion (making each
hold, or not hold where ``negated``) makes the next step's rule hold, every other leaf
kept as it is (:mod:`skillframe.engine.completion`); leaves are taken as independent
facts. ``null`` at the top of the ladder. ``reachable`` is false only for a rule no
completion can make hold (it needs one fact both ways).

>>> import json, skillframe
>>> cat = skillframe.load()
>>> ev = skillframe.evaluate(cat, "DX推進員", {"id": "A01", "trainings": ["dx-necessity"]})
>>> d = ev.to_dict()
>>> d["format"], d["rank"], d["next_step"]["id"], d["next"]["count"]
('skillframe-evaluation/1', 0, 'tokyo-wg-2025:dx-promoter-step1', 10)
>>> leaf = d["next_step"]["leaves"][1]
>>> leaf["path"], leaf["item"], leaf["id"], leaf["status"], leaf["actual"]
('', 1, 'trained:tokyo-wg-2025:user-understanding', 'unmet', False)
>>> leaf["condition"]
{'kind': 'trained', 'params': {'skills_of': 'self', 'except_tags': ['tool']}}
>>> d["next"]["leaves"][0]["trainings"][0]["label"]
'デザイン思考の研修'
>>> json.loads(json.dumps(d)) == d
True
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from typing import TYPE_CHECKING, Any, Literal

import attrs

from .. import model as m
from .._fingerprint import catalog_fingerprint
from .._inheritance import trained_skills
from ..conditions.ast import children
from ..conditions.data import condition_dict, jsonable
from ..errors import StaffValueError
from ..staff.record import StaffRecord
from .compile import Node
from .completion import Gate, Lit, Tree, minimal_completion
from .evaluation_schema import FORMAT
from .facts import Facts, record_id
from .source import leaf_nodes

if TYPE_CHECKING:
    from .._catalog import Catalog
    from .ladder import Ladder
    from .result import Evaluation

__all__ = ["FORMAT", "condition_dict", "evaluation_dict", "jsonable"]

_STATUS = {True: "met", False: "unmet", None: "unknown"}
_MULTI = (m.Trained, m.DsmLevel, m.ToolsAtLeast)  # conditions that name several skills/tools


# ---------------------------------------------------------------------------
# The plan of a step (once per compiled ladder): its leaves with their paths and
# static parts (condition, subject, trainings), and the tree for the completion


@attrs.frozen
class _LeafPlan:
    path: str
    item: int | None
    node: Node
    negated: bool
    condition: dict[str, Any]
    subject: dict[str, Any] | None
    trainings: tuple[dict[str, Any], ...]
    training_meets: bool


@attrs.frozen
class _StepPlan:
    head: dict[str, Any]  # id, rank, labels (status and provenance are added per call)
    provenance: dict[str, Any]
    leaves: tuple[_LeafPlan, ...]
    tree: Tree


def _join(path: str, part: str) -> str:
    return f"{path}.{part}" if path else part


def _get(catalog: Catalog, did: str | None, cls: type) -> Any:
    """The definition with id ``did`` when it is a ``cls``, else None."""
    if not did or did not in catalog:
        return None
    d = catalog.get(did)
    return d if isinstance(d, cls) else None


def _provenance(catalog: Catalog, definition: Any, framework: str | None = None) -> dict[str, Any]:
    prov: m.Provenance = definition.provenance
    fw = _get(catalog, getattr(definition, "framework", "") or framework, m.Framework)
    source = prov.source if prov.source is not None else (fw.source if fw is not None else None)
    title = next((s.title for s in fw.sources if s.id == source), None) if fw is not None else None
    return {
        "source": source,
        "source_title": title,
        "locator": prov.locator,
        "interpretation": prov.interpretation,
        "unverified": prov.unverified,
        "note": prov.note,
        "note_ja": prov.note_ja,
    }


def _labelled(definition: Any) -> dict[str, Any]:
    return {"id": definition.id, "label": definition.label, "label_en": definition.label_en}


def _subject(catalog: Catalog, cond: m.Condition, sid: str | None) -> dict[str, Any] | None:
    kinds: tuple[tuple[type, type, str], ...] = (
        (m.Trained, m.Skill, "skill"),
        (m.DsmLevel, m.Skill, "skill"),
        (m.ToolsAtLeast, m.Tool, "tool"),
        (m.StepReached, m.Persona, "persona"),
    )
    for ccls, dcls, kind in kinds:
        if isinstance(cond, ccls):
            d = _get(catalog, sid, dcls)
            return None if d is None else {"kind": kind, **_labelled(d), "provenance": _provenance(catalog, d)}
    return None


def _trainings(catalog: Catalog, cond: m.Condition, sid: str | None) -> tuple[tuple[dict[str, Any], ...], bool]:
    """The Off-JT trainings teaching a leaf's skill (a tool: its ツール活用 skill), and whether one meets it."""
    skill: str | None = None
    meets = False
    if isinstance(cond, m.Trained):
        skill, meets = sid, True
    elif isinstance(cond, m.DsmLevel):
        skill, meets = sid, cond.min <= 1  # a training is Lv1 evidence, nothing more
    elif isinstance(cond, m.ToolsAtLeast):
        skill = getattr(_get(catalog, sid, m.Tool), "skill", None)
    if _get(catalog, skill, m.Skill) is None:
        return (), False
    found = tuple(_labelled(t) for t in catalog.trainings(skill=skill))
    return found, meets and bool(found)


class _Planner:
    def __init__(self, catalog: Catalog, step: m.Step, node: Node) -> None:
        self.catalog = catalog
        self.step = step
        self.pending: list[Node] = []
        leaf_nodes(node, self.pending)
        self.pos = 0
        self.leaves: list[_LeafPlan] = []

    def count(self, cond: m.Condition) -> int | None:
        """How many leaves the compiler makes of a leaf condition (None: as many as follow, deployed tools)."""
        if isinstance(cond, m.Trained):
            cat = self.catalog
            return len(trained_skills(cond, self.step.persona, cat.definitions("persona"), cat.definitions("skill")))
        if isinstance(cond, m.DsmLevel):
            return len(cond.skills)
        if isinstance(cond, m.ToolsAtLeast):
            return None if cond.deployed else len(cond.tools)
        return 1

    def tree(self, cond: m.Condition | None, path: str, negated: bool) -> Tree:
        if cond is None:
            return Gate("all", ())
        if isinstance(cond, m.All | m.Any):
            gate: Literal["all", "any"] = "all" if isinstance(cond, m.All) else "any"
            kids = tuple(self.tree(c, _join(path, f"{gate}[{i}]"), negated) for i, c in enumerate(children(cond)))
            return Gate(gate, kids)
        if isinstance(cond, m.Not):
            return Gate("not", (self.tree(cond.of, _join(path, "not"), not negated),))
        # a leaf condition: the compiled leaves made from it (one per skill/tool it names)
        mine: list[Node] = []
        want = self.count(cond)
        while self.pos < len(self.pending) and (want is None or len(mine) < want):
            lf = self.pending[self.pos].leaf
            if lf is None or lf.condition is not cond:
                break
            mine.append(self.pending[self.pos])
            self.pos += 1
        multi = isinstance(cond, _MULTI)
        data = condition_dict(cond)
        lits: list[Tree] = []
        for i, n in enumerate(mine):
            assert n.leaf is not None
            # equal ids test the same fact; a custom rule's id does not name its params
            key: Hashable = ("custom", path) if isinstance(cond, m.CustomRule) else n.leaf.id
            lits.append(Lit(len(self.leaves), key))
            trainings, meets = _trainings(self.catalog, cond, n.leaf.subject) if not negated else ((), False)
            self.leaves.append(
                _LeafPlan(
                    path=path,
                    item=i if multi else None,
                    node=n,
                    negated=negated,
                    condition=data,
                    subject=_subject(self.catalog, cond, n.leaf.subject),
                    trainings=trainings,
                    training_meets=meets,
                )
            )
        if len(lits) == 1 and not multi:
            return lits[0]
        return Gate("all", tuple(lits))


def _plan(ladder: Ladder, index: int) -> _StepPlan:
    # kept on the ladder itself (its lifetime; the plan's checks refer to the ladder)
    plans: dict[int, _StepPlan] = vars(ladder).setdefault("_explain_plans", {})
    hit = plans.get(index)
    if hit is None:
        st = ladder.steps[index]
        planner = _Planner(ladder.catalog, st, ladder.nodes[index])
        tree = planner.tree(st.rule, "", False)
        if planner.pos != len(planner.pending):  # pragma: no cover - the compiler keeps the rule's leaves in order
            raise AssertionError(f"the compiled leaves of {st.id} do not follow its rule")
        head = {"id": st.id, "rank": st.rank, "label": st.label, "label_en": st.label_en}
        prov = _provenance(ladder.catalog, st, ladder.persona.framework)
        hit = plans[index] = _StepPlan(head, prov, tuple(planner.leaves), tree)
    return hit


# ---------------------------------------------------------------------------
# Building the dict (fresh containers each call: callers may change them)


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_copy(v) for v in value]
    return value


def _same(value: Any) -> Any:
    return value


def _leaf(lp: _LeafPlan, x: Facts, copy: Callable[[Any], Any]) -> tuple[dict[str, Any], bool | None]:
    node, leaf = lp.node, lp.node.leaf
    assert leaf is not None and node.check is not None
    value = node.check(x)
    expected: object = leaf.expected
    actual: object
    if leaf.result is not None:  # a custom rule says both
        res = leaf.result(x)
        expected, actual = res.expected, res.actual
    else:
        actual = leaf.actual(x)
    row = {
        "path": lp.path,
        "item": lp.item,
        "id": leaf.id,
        "condition": copy(lp.condition),
        "subject": copy(lp.subject),
        "expected": jsonable(expected),
        "actual": jsonable(actual),
        "status": _STATUS[value],
        "negated": lp.negated,
    }
    return row, value


def _step(
    ladder: Ladder, index: int, x: Facts, *, leaves: bool, copy: Callable[[Any], Any] = _copy
) -> tuple[dict[str, Any], list[bool | None]]:
    plan = _plan(ladder, index)
    out = dict(plan.head)
    out["status"] = _STATUS[ladder.step_check(index, x)]
    out["provenance"] = copy(plan.provenance)
    values: list[bool | None] = []
    if leaves:
        rows = []
        for lp in plan.leaves:
            row, value = _leaf(lp, x, copy)
            rows.append(row)
            values.append(value)
        out["leaves"] = rows
    return out, values


def _next(
    plan: _StepPlan, leaves: list[dict[str, Any]], values: list[bool | None], copy: Callable[[Any], Any]
) -> dict[str, Any]:
    done = minimal_completion(plan.tree, values)
    if done is None:
        return {"reachable": False, "exact": True, "count": 0, "leaves": []}
    out = []
    for index, _want in done.changes:
        lp, row = plan.leaves[index], leaves[index]
        out.append(
            {
                "leaf": index,
                "id": row["id"],
                "path": row["path"],
                "item": row["item"],
                "status": row["status"],
                "negated": lp.negated,
                "subject": None if lp.node.leaf is None else lp.node.leaf.subject,
                "trainings": copy(lp.trainings),
                "training_meets": lp.training_meets,
            }
        )
    return {"reachable": True, "exact": done.exact, "count": len(out), "leaves": out}


def _record(record: Any) -> dict[str, Any]:
    if isinstance(record, Mapping):  # as the staff reader reads it (部署, spaces dropped…)
        try:
            read = StaffRecord.from_mapping(record)
        except StaffValueError:  # pragma: no cover - an evaluated record reads fine
            dept, row = record.get("department"), None
        else:
            dept, row = read.department, read.row  # a plain mapping's own "row", if any
    else:
        dept, row = getattr(record, "department", None), getattr(record, "row", None)
    return {
        "id": record_id(record),
        "row": row if isinstance(row, int) and not isinstance(row, bool) else None,
        "department": None if dept is None else str(dept),
    }


def evaluation_dict(ev: Evaluation, *, all_steps: bool = False, fresh: bool = True) -> dict[str, Any]:
    """The ``skillframe-evaluation/1`` dict of an evaluation (see the module for its shape).

    ``all_steps``: add ``steps``, every step of the ladder with its leaves. ``fresh=False``
    (for a caller that serialises the dict at once and drops it, as ``evaluate --format
    json`` does) shares the catalog parts between documents instead of copying them. Reads the
    record's facts again (as :attr:`Evaluation.unmet` does). Raises :class:`TypeError`
    for an unpickled evaluation (its compiled ladder is not kept: evaluate again).
    """
    from .ladder import Ladder

    ladder = ev._ladder
    if not isinstance(ladder, Ladder):
        raise TypeError("the explanation of an unpickled Evaluation is not kept: evaluate the record again")
    x = ladder.facts(ev.record)
    copy = _copy if fresh else _same
    rank, top = ev.rank, len(ladder.steps)
    fp = catalog_fingerprint(ladder.catalog)
    out: dict[str, Any] = {
        "format": FORMAT,
        "record": _record(ev.record),
        "persona": _labelled(ladder.persona),
        "rank": rank,
        "top": top,
        "step": _step(ladder, rank - 1, x, leaves=False, copy=copy)[0] if rank else None,
        "next_step": None,
        "next": None,
    }
    if rank < top:
        nxt, values = _step(ladder, rank, x, leaves=True, copy=copy)
        out["next_step"] = nxt
        out["next"] = _next(_plan(ladder, rank), nxt["leaves"], values, copy)
    if all_steps:
        out["steps"] = [_step(ladder, i, x, leaves=True, copy=copy)[0] for i in range(top)]
    out["catalog"] = {"digest": fp.digest, "versions": dict(fp.versions)}
    return out
