"""Why a record did not reach the next step: its unmet leaves, and the result in words."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import model as m
from ..conditions.describe import describe_unmet, label
from .compile import Leaf, Node, node_leaves
from .facts import Facts
from .result import BELOW_STEP1, NOT_EVALUATED, Unmet

if TYPE_CHECKING:
    from .ladder import Ladder
    from .result import Evaluation

__all__ = ["explain", "unmet_of"]


def unmet_of(ladder: Ladder, record: Any, rank: int) -> tuple[Unmet, ...]:
    """Every unmet or unknown leaf of the step above ``rank``, in rule order (empty at the top)."""
    if rank >= len(ladder.nodes):
        return ()
    out: list[Unmet] = []
    _collect(ladder.nodes[rank], ladder.facts(record), out)
    return tuple(out)


def _collect(node: Node, x: Facts, out: list[Unmet]) -> None:
    kind = node.kind
    check = node.check
    if kind == "leaf":
        assert node.leaf is not None and check is not None
        value = check(x)
        if value is not True:
            out.append(_unmet(node.leaf, x, value))
    elif kind == "all":
        for kid in node.children:
            kid_check = kid.check
            assert kid_check is not None
            if kid_check(x) is not True:
                _collect(kid, x, out)
    elif kind == "any":
        assert check is not None
        if check(x) is True:
            return
        for kid in node.children:
            _collect(kid, x, out)
    else:  # not
        assert check is not None
        value = check(x)
        if value is not True:
            inner = list(node_leaves(node.children[0]))
            cond = m.Not(of=inner[0].condition) if inner else m.Not(of=m.Mentoring())
            out.append(
                Unmet(
                    id=f"not({','.join(lf.id for lf in inner)})",
                    status="unknown" if value is None else "unmet",
                    expected=False,
                    actual=None if value is None else True,
                    condition=cond,
                )
            )


def _unmet(leaf: Leaf, x: Facts, value: bool | None) -> Unmet:
    expected: object = leaf.expected
    actual: object
    if leaf.result is not None:
        res = leaf.result(x)
        expected, actual = res.expected, res.actual
    else:
        actual = leaf.actual(x)
    return Unmet(
        id=leaf.id,
        status="unknown" if value is None else "unmet",
        expected=expected,
        actual=actual,
        condition=leaf.condition,
        subject=leaf.subject,
    )


def _step_label(step: m.Step, lang: str) -> str:
    return step.label_en if lang == "en" and step.label_en else step.label


def explain(ev: Evaluation, lang: str = "ja") -> str:
    """An evaluation in words: the step reached and, for the next step, each unmet leaf.

    No step reached is :data:`~skillframe.engine.result.BELOW_STEP1`; a persona without a
    ladder is :data:`~skillframe.engine.result.NOT_EVALUATED` (nothing to reach):

    >>> import skillframe
    >>> cat = skillframe.load()
    >>> print(explain(skillframe.evaluate(cat, "DX推進員", {"id": "A1", "trainings": []})).splitlines()[0])
    A1: DX推進員 — Step未満; Step1 (Off-JT) まで:
    >>> print(explain(skillframe.evaluate(cat, "管理監督職", {"id": "M1"}), "en"))
    M1: General administrative staff (managers and supervisors) — not evaluated (no ladder)
    """
    cat = ev.catalog
    en = lang == "en"
    who = ev.record_id or "?"
    persona = label(cat, ev.persona.id, lang)
    step, nxt = ev.step, ev.next_step
    if not ev.steps:
        return f"{who}: {persona} — {NOT_EVALUATED[en]}"
    if step is not None:
        reached = f"{_step_label(step, lang)} reached" if en else f"{_step_label(step, lang)} 到達"
    else:
        reached = BELOW_STEP1[en]
    if nxt is None:
        top = "top of the ladder" if en else "最上位"
        return f"{who}: {persona} — {reached} ({top})"
    lines = [
        f"{who}: {persona} — {reached}; "
        + (f"for {_step_label(nxt, lang)}:" if en else f"{_step_label(nxt, lang)} まで:")
    ]
    lines.extend(f"  - {describe_unmet(cat, u, lang)}" for u in ev.unmet)
    return "\n".join(lines)
