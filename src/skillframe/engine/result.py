"""The result of evaluating one record: :class:`Evaluation` and its :class:`Unmet` leaves.

One plain class for every ladder: picklable (with its catalog), comparable, a short repr.

>>> import pickle, skillframe
>>> cat = skillframe.load()
>>> ev = skillframe.evaluate(cat, "DX推進員", {"id": "A01", "trainings": []})
>>> type(ev) is skillframe.Evaluation, ev
(True, <Evaluation 'A01' tokyo-wg-2025:dx-promoter rank=0>)
>>> pickle.loads(pickle.dumps(ev)) == ev, ev.unmet[0].id, ev.unmet[0].status
(True, 'trained:tokyo-wg-2025:dx-necessity', 'unmet')
"""

from __future__ import annotations

from typing import Any, Literal

import attrs

from .. import model as m
from .._catalog import Catalog  # at run time: the annotations resolve (export)
from .._exports import export
from .facts import Facts, record_id

__all__ = ["BELOW_STEP1", "NOT_EVALUATED", "Evaluation", "Origin", "Unmet"]

#: The one name of rank 0 of a persona with a ladder (no step reached yet), in Japanese and in
#: English: every table and summary line (evaluate, report, history, policy) says it so.
BELOW_STEP1: tuple[str, str] = ("Step未満", "below Step 1")
#: The one name of the step of a person whose persona has no ladder (管理監督職: training
#: attendance only), never evaluated: 「段階なし」 means this and nothing else.
NOT_EVALUATED: tuple[str, str] = ("評価対象外（段階なし）", "not evaluated (no ladder)")


@attrs.frozen(kw_only=True)
class Unmet:
    """A leaf of the next step that is not met: ``status`` is ``unmet`` or ``unknown``.

    ``id`` is stable (``trained:tokyo-wg-2025:bpr``, ``dsm:tokyo-wg-2025:cybersecurity>=2``,
    ``tool:tokyo-dsm:excel>=1``, ``dx_lead_years>=1``, ``mentoring``,
    ``step:tokyo-wg-2025:dx-promoter>=2``, ``custom:<rule>``, ``not(<ids>)``);
    ``expected`` and ``actual`` are values (levels 0–3, years, counts, yes/no; ``actual``
    is ``None`` when unknown); ``subject`` the skill, tool or persona id the leaf is about.
    """

    id: str
    status: Literal["unmet", "unknown"]
    expected: object
    actual: object
    condition: m.Condition = attrs.field(repr=False)
    subject: str | None = None


class Origin:
    """What an evaluation reads of the ladder that made it: catalog, persona and steps.

    The compiled :class:`~skillframe.engine.ladder.Ladder` is one; an unpickled
    evaluation keeps just this.
    """

    __slots__ = ("catalog", "persona", "steps")

    def __init__(self, catalog: Catalog, persona: m.Persona, steps: tuple[m.Step, ...]) -> None:
        self.catalog = catalog
        self.persona = persona
        self.steps = steps


def _restore(  # noqa: PLR0917 - the pickle protocol passes positional arguments
    catalog: Catalog, persona: m.Persona, steps: tuple[m.Step, ...], record: Any, rank: int, unmet: tuple[Unmet, ...]
) -> Evaluation:
    ev = Evaluation.__new__(Evaluation)
    ev.record, ev.rank, ev._ladder, ev._unmet = record, rank, Origin(catalog, persona, steps), unmet
    return ev


class Evaluation:
    """The result of evaluating one record against one persona's ladder.

    ``record`` is the record as given (a :class:`~skillframe.StaffRecord` or a mapping),
    ``rank`` the highest step reached (0 = none; step ``k`` needs steps ``1..k``).
    What is missing for the next step (:attr:`unmet`, :meth:`explain`) is worked out on
    first use. Evaluations compare equal when persona, rank and record are equal; they
    pickle (with their catalog, and :attr:`unmet` worked out first).

    See the module for an example.
    """

    __slots__ = ("_ladder", "_unmet", "rank", "record")

    _ladder: Origin  # the compiled Ladder, or (unpickled) the plain Origin
    record: Any
    rank: int
    _unmet: tuple[Unmet, ...]

    # No __init__ on purpose: the compiled ladder makes instances with ``Evaluation()`` and
    # three slot stores, the cheapest way CPython has (a Python __init__ costs ~2x).

    def __repr__(self) -> str:
        rid = self.record_id or "?"
        if len(rid) > 24:
            rid = rid[:23] + "…"
        return f"<Evaluation {rid!r} {self.persona.id} rank={self.rank}>"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Evaluation):
            return NotImplemented
        return (self.persona.id, self.rank, self.record) == (other.persona.id, other.rank, other.record)

    __hash__ = None  # type: ignore[assignment]  # records are mappings: not hashable

    def __reduce__(self) -> tuple[Any, ...]:
        o = self._ladder
        return (_restore, (o.catalog, o.persona, tuple(o.steps), self.record, self.rank, self.unmet))

    @property
    def facts(self) -> Facts:
        """The record's resolved facts (:mod:`skillframe.engine.facts`), read again on each call."""
        from .ladder import Ladder

        ladder = self._ladder
        if not isinstance(ladder, Ladder):
            raise TypeError("the facts of an unpickled Evaluation are not kept")
        return ladder.facts(self.record)

    @property
    def record_id(self) -> str | None:
        """The record's id (text), ``None`` when it has none."""
        return record_id(self.record)

    @property
    def persona(self) -> m.Persona:
        """The persona whose ladder was evaluated."""
        return self._ladder.persona

    @property
    def catalog(self) -> Catalog:
        """The catalog the ladder comes from."""
        return self._ladder.catalog

    @property
    def steps(self) -> tuple[m.Step, ...]:
        """The persona's ladder, lowest step first."""
        return tuple(self._ladder.steps)

    @property
    def step(self) -> m.Step | None:
        """The highest step reached (``None`` at rank 0)."""
        return self._ladder.steps[self.rank - 1] if self.rank else None

    @property
    def next_step(self) -> m.Step | None:
        """The step above the one reached (``None`` at the top of the ladder)."""
        steps = self._ladder.steps
        return steps[self.rank] if self.rank < len(steps) else None

    @property
    def unmet(self) -> tuple[Unmet, ...]:
        """Every unmet or unknown leaf of the next step, in rule order (empty at the top)."""
        try:
            return self._unmet
        except AttributeError:
            from .explain import unmet_of

            self._unmet = unmet_of(self._ladder, self.record, self.rank)  # type: ignore[arg-type]
            return self._unmet

    @property
    def unmet_ids(self) -> list[str]:
        """The stable ids of :attr:`unmet`."""
        return [u.id for u in self.unmet]

    @property
    def unmet_key(self) -> tuple[object, ...]:
        """A hashable key for grouping: the three-valued outcome of each leaf of the next step.

        Two evaluations of the same persona at the same rank with equal keys have the same
        :attr:`unmet` ids and statuses (the values they show may differ). Cheaper than
        :attr:`unmet`: no Unmet objects, no values read for display. ``()`` at the top. An
        unpickled evaluation (its ladder not kept) gives the ``(id, status)`` of each unmet leaf.
        """
        from .ladder import Ladder

        ladder = self._ladder
        if not isinstance(ladder, Ladder):
            return tuple((u.id, u.status) for u in self.unmet)
        return ladder.leaf_outcomes(self.rank, self.record)

    def explain(self, lang: str = "ja") -> str:
        """The result in words (``lang`` ``ja`` or ``en``): the step reached and, for the
        next step, what is missing and why."""
        from .explain import explain

        return explain(self, lang)

    def to_dict(self, *, all_steps: bool = False) -> dict[str, Any]:
        """The result as data: a JSON-able dict of format ``skillframe-evaluation/1``.

        Record, persona, rank, the step reached and the next step with each leaf of its
        rule (condition, expected, actual, met/unmet/unknown, path in the rule,
        provenance), ``next`` (a minimum-size set of leaves whose completion reaches the
        next step, with the trainings that teach them) and the catalog digest and
        versions; ``all_steps`` adds every step with its leaves. Shape:
        :mod:`skillframe.engine.explain_data`; JSON Schema: ``skillframe schema
        evaluation``; docs/evaluation-json.md. :class:`TypeError` for an unpickled
        evaluation (evaluate again).

        >>> import skillframe
        >>> ev = skillframe.evaluate(skillframe.load(), "DX推進員", {"id": "A01", "dx_lead_years": 2})
        >>> d = ev.to_dict()
        >>> d["format"], d["rank"], d["next"]["count"], d["next"]["leaves"][0]["id"]
        ('skillframe-evaluation/1', 0, 11, 'trained:tokyo-wg-2025:dx-necessity')
        """
        from .explain_data import evaluation_dict

        return evaluation_dict(self, all_steps=all_steps)


# Exported as skillframe.X: shown (and pickled) under that name.
export("skillframe", Evaluation, Unmet)
