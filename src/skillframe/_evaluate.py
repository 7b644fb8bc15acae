"""Evaluating staff against the ladders: :func:`evaluate`, :func:`evaluate_many`, :class:`Evaluation`.

Step k is reached when the rules of steps 1..k all hold; :attr:`Evaluation.rank` is the
highest step reached (0 = none). What is missing for the next step — every unmet or
unknown leaf, with what was expected and what the record has — is computed only when
asked for (:attr:`Evaluation.unmet`, :meth:`Evaluation.explain`).

>>> import skillframe
>>> cat = skillframe.load()
>>> general = ["dx-necessity", "user-understanding", "gov-digital-basics", "security-literacy", "privacy"]
>>> own = ["project-management", "value-discovery", "data-literacy", "bpr", "service-validation", "it-governance"]
>>> ev = skillframe.evaluate(cat, "DX推進員", {"id": "A01", "trainings": general + own, "dx_lead_years": 1.5})
>>> ev.rank, ev.step.label, ev.next_step.label
(2, 'Step2 (OJT)', 'Step3 (指導)')
>>> [u.id for u in ev.unmet]
['dx_lead_count>=2', 'mentoring']
>>> print(ev.explain("en"))
A01: DX promoter — Step 2 (OJT) reached; for Step 3 (Mentoring):
  - DX projects led ≥ 2: unknown
  - mentors juniors: unknown
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Literal

import attrs

from . import model as m
from ._registry import Registry, RuleResult, default_registry
from ._rules import EvaluationSettings, Facts, Ladder, Leaf, Node, compile_ladder
from ._staff import StaffRecord
from ._words import NUMBER_NAMES, label, value_words
from .errors import StaffDataError, bilingual

if TYPE_CHECKING:
    from ._catalog import Catalog

__all__ = ["Evaluation", "Unmet", "evaluate", "evaluate_many"]


@attrs.frozen(kw_only=True)
class Unmet:
    """A leaf of the next step that is not met: ``status`` is ``unmet`` or ``unknown``.

    ``id`` is stable (``trained:tokyo-wg-2025:bpr``, ``dsm:tokyo-wg-2025:cybersecurity>=2``,
    ``tool:tokyo-dsm:excel>=1``, ``dx_lead_years>=1``, ``mentoring``,
    ``step:tokyo-wg-2025:dx-promoter>=2``, ``custom:<rule>``, ``not(<ids>)``);
    ``expected`` and ``actual`` are values (``actual`` is ``None`` when unknown).
    """

    id: str
    status: Literal["unmet", "unknown"]
    expected: object
    actual: object
    condition: m.Condition
    subject: str | None = None


class Evaluation:
    """The result of evaluating one record against one persona's ladder.

    Cheap by design: it holds the compiled ladder, the record's facts and the rank;
    :attr:`unmet` and :meth:`explain` are computed on first use.
    """

    __slots__ = ("_facts", "_ladder", "_unmet", "rank", "record")

    _ladder: Ladder
    #: The record as given (a :class:`~skillframe.StaffRecord` or a mapping).
    record: Any
    #: The highest step reached (0 = none).
    rank: int
    _facts: Facts
    _unmet: tuple[Unmet, ...]

    def __init__(self, ladder: Ladder, record: Any, rank: int) -> None:
        # The compiled ladder builds instances without calling __init__ (three slot stores);
        # the lazy slots (_facts, _unmet) are filled on first use.
        self._ladder = ladder
        self.record = record
        self.rank = rank

    def __repr__(self) -> str:
        return f"<Evaluation {self.record_id!r} {self.persona.id} rank={self.rank}>"

    @property
    def facts(self) -> Facts:
        """The record's resolved facts (computed on first use: every key resolved)."""
        try:
            return self._facts
        except AttributeError:
            self._facts = self._ladder.facts(self.record)
            return self._facts

    @property
    def record_id(self) -> str | None:
        """The record's id."""
        r = self.record
        rid = r.id if isinstance(r, StaffRecord) else r.get("id")
        return None if rid is None else str(rid)

    @property
    def persona(self) -> m.Persona:
        """The persona whose ladder was evaluated."""
        return self._ladder.persona

    @property
    def steps(self) -> tuple[m.Step, ...]:
        """The persona's ladder."""
        return tuple(s.step for s in self._ladder.steps)

    @property
    def step(self) -> m.Step | None:
        """The highest step reached (``None`` at rank 0)."""
        return self._ladder.steps[self.rank - 1].step if self.rank else None

    @property
    def next_step(self) -> m.Step | None:
        """The step above the one reached (``None`` at the top of the ladder)."""
        steps = self._ladder.steps
        return steps[self.rank].step if self.rank < len(steps) else None

    @property
    def unmet(self) -> tuple[Unmet, ...]:
        """Every unmet or unknown leaf of the next step, in rule order (empty at the top)."""
        try:
            return self._unmet
        except AttributeError:
            steps = self._ladder.steps
            out: list[Unmet] = []
            if self.rank < len(steps):
                _collect(steps[self.rank].node, self.facts, out)
            self._unmet = tuple(out)
            return self._unmet

    @property
    def unmet_ids(self) -> list[str]:
        """The stable ids of :attr:`unmet`."""
        return [u.id for u in self.unmet]

    def explain(self, lang: str = "ja") -> str:
        """The result in words: the step reached and, for the next step, what is missing and why."""
        cat = self._ladder.catalog
        en = lang == "en"
        who = self.record_id or "?"
        persona = label(cat, self.persona.id, lang)
        step = self.step
        nxt = self.next_step
        if step is not None:
            reached = f"{_step_label(step, lang)} reached" if en else f"{_step_label(step, lang)} 到達"
        else:
            reached = "no step reached" if en else "到達ステップなし"
        if nxt is None:
            top = "top of the ladder" if en else "最上位"
            return f"{who}: {persona} — {reached} ({top})"
        lines = [
            f"{who}: {persona} — {reached}; "
            + (f"for {_step_label(nxt, lang)}:" if en else f"{_step_label(nxt, lang)} まで:")
        ]
        lines.extend(f"  - {describe_unmet(cat, u, lang)}" for u in self.unmet)
        return "\n".join(lines)


def _step_label(step: m.Step, lang: str) -> str:
    return step.label_en if lang == "en" and step.label_en else step.label


def _collect(node: Node, x: Facts, out: list[Unmet]) -> None:
    kind = node.kind
    if kind == "leaf":
        assert node.leaf is not None
        value = node.check(x)
        if value is not True:
            out.append(_unmet(node.leaf, x, value))
    elif kind == "all":
        if not node.children:
            return
        for kid in node.children:
            if kid.check(x) is not True:
                _collect(kid, x, out)
    elif kind == "any":
        if node.check(x) is True:
            return
        for kid in node.children:
            _collect(kid, x, out)
    else:  # not
        value = node.check(x)
        if value is not True:
            inner = [lf.id for lf in _leaves(node.children[0])]
            first = next(iter(_leaves(node.children[0])), None)
            cond = m.Not(of=first.condition) if first is not None else m.Not(of=m.Mentoring())
            out.append(
                Unmet(
                    id=f"not({','.join(inner)})",
                    status="unknown" if value is None else "unmet",
                    expected=False,
                    actual=None if value is None else True,
                    condition=cond,
                )
            )


def _leaves(node: Node) -> Iterator[Leaf]:
    if node.leaf is not None:
        yield node.leaf
    for kid in node.children:
        yield from _leaves(kid)


def _unmet(leaf: Leaf, x: Facts, value: bool | None) -> Unmet:
    expected: object = leaf.expected
    actual: object
    if leaf.result is not None:
        res: RuleResult = leaf.result(x)
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


def describe_unmet(catalog: Catalog, u: Unmet, lang: str = "ja") -> str:
    """One unmet leaf in words: what is expected, and what the record has."""
    en = lang == "en"
    c = u.condition
    actual = value_words(u.actual, lang)
    if isinstance(c, m.Trained):
        what = (
            f"training for {label(catalog, u.subject or '', lang)}"
            if en
            else f"{label(catalog, u.subject or '', lang)} の研修"
        )
        if u.actual is None:
            return f"{what}: unknown" if en else f"{what}: 不明"
        return f"{what}: not completed" if en else f"{what}: 未受講"
    if isinstance(c, m.DsmLevel):
        name = label(catalog, u.subject or "", lang)
        if u.status == "unknown" and u.actual is not None:
            actual += " (training only; higher level unknown)" if en else "（研修受講のみ、それ以上は不明）"
        return f"DSM {name} Lv{u.expected}+: {actual}" if en else f"DSM {name} Lv{u.expected}以上: 現在 {actual}"
    if isinstance(c, m.ToolsAtLeast):
        name = label(catalog, u.subject or "", lang)
        return f"{name} Lv{u.expected}+: {actual}" if en else f"{name} Lv{u.expected}以上: 現在 {actual}"
    if isinstance(c, m.NumberAtLeast):
        name_en, name_ja = NUMBER_NAMES[c.field]
        exp = value_words(u.expected, lang)
        return f"{name_en} ≥ {exp}: {actual}" if en else f"{name_ja} {exp}以上: 現在 {actual}"
    if isinstance(c, m.Mentoring):
        what = (
            ("mentors juniors" if en else "後進の指導/フォロー")
            if c.value
            else ("does not mentor" if en else "指導なし")
        )
        return f"{what}: {actual}"
    if isinstance(c, m.StepReached):
        name = label(catalog, c.persona, lang)
        return f"{name} Step{c.min}+: Step {actual}" if en else f"{name} Step{c.min}以上: 現在 Step{actual}"
    if isinstance(c, m.Not):
        return f"{u.id}: {'holds, must not' if en else '成立（不可）'}" if u.status == "unmet" else f"{u.id}: {actual}"
    assert isinstance(c, m.CustomRule)
    rule = f"custom rule '{c.rule}'" if en else f"独自ルール '{c.rule}'"
    exp = (
        f" (expected {u.expected})"
        if en and u.expected is not None
        else f"（期待値 {u.expected}）"
        if u.expected is not None
        else ""
    )
    status = ("unknown" if en else "不明") if u.status == "unknown" else ("not met" if en else "未達")
    return f"{rule}{exp}: {status}" + (f", {actual}" if u.actual is not None else "")


def _settings(settings: EvaluationSettings | None, deployed_tools: Iterable[str] | None) -> EvaluationSettings:
    s = settings or EvaluationSettings()
    if deployed_tools is not None:
        tools: tuple[str, ...] = tuple(str(t) for t in deployed_tools)
        s = EvaluationSettings(deployed_tools=tools, aggregation=s.aggregation)
    return s


def evaluate(
    catalog: Catalog,
    persona: str | None,
    record: StaffRecord | Mapping[str, Any],
    *,
    registry: Registry | None = None,
    settings: EvaluationSettings | None = None,
    deployed_tools: Iterable[str] | None = None,
) -> Evaluation:
    """Evaluate one record against a persona's ladder (``None``: the record's ``persona``).

    Records are :class:`~skillframe.StaffRecord` or plain mappings with the same keys.
    A custom rule that raises gives :class:`~skillframe.RuleError`.
    """
    return next(
        evaluate_many(catalog, persona, (record,), registry=registry, settings=settings, deployed_tools=deployed_tools)
    )


def evaluate_many(
    catalog: Catalog,
    persona: str | None,
    records: Iterable[StaffRecord | Mapping[str, Any]],
    *,
    registry: Registry | None = None,
    settings: EvaluationSettings | None = None,
    deployed_tools: Iterable[str] | None = None,
) -> Iterator[Evaluation]:
    """Evaluate records one by one (an iterator over any iterable: memory stays flat).

    ``persona=None`` takes each record's own ``persona`` field. The ladder is compiled
    once per persona and reused.

    >>> import skillframe
    >>> cat = skillframe.load()
    >>> rows = [{"id": "1", "persona": "DX推進員", "trainings": []}, {"id": "2", "persona": "一般行政職員"}]
    >>> [(e.record_id, e.persona.label, e.rank) for e in skillframe.evaluate_many(cat, None, rows)]
    [('1', 'DX推進員', 0), ('2', '一般行政職員', 0)]
    """
    reg = registry or default_registry
    s = _settings(settings, deployed_tools)
    if persona is not None:
        return compile_ladder(catalog, persona, registry=reg, settings=s).run_many(records, Evaluation, _bad_record)
    return _each_persona(catalog, records, reg, s)


def _each_persona(
    catalog: Catalog, records: Iterable[Any], reg: Registry, s: EvaluationSettings
) -> Iterator[Evaluation]:
    ladders: dict[str, Ladder] = {}
    for r in records:
        key = r.persona if isinstance(r, StaffRecord) else r.get("persona")
        if not key:
            rid = r.id if isinstance(r, StaffRecord) else r.get("id")
            raise StaffDataError(
                f"record {rid}",
                bilingual("persona がありません（--persona で指定できます）", "no persona (give one with --persona)"),
            )
        ladder = ladders.get(str(key))
        if ladder is None:
            ladder = ladders[str(key)] = compile_ladder(catalog, str(key), registry=reg, settings=s)
        try:
            ev: Evaluation = ladder.run(r, Evaluation)
        except ValueError as exc:
            raise _bad_record(r, exc) from exc
        yield ev


def _bad_record(r: Any, exc: ValueError) -> Exception:
    if isinstance(exc, StaffDataError):
        return exc
    rid = r.id if isinstance(r, StaffRecord) else r.get("id")
    return StaffDataError(f"record {rid}", str(exc))
