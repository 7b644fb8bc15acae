"""What year over year returns: step counts, flows between steps, movers, placements,
cohorts and re-evaluated results (frozen data; :class:`~skillframe.History` holds them)."""

from __future__ import annotations

import attrs

from ..engine.result import Unmet  # at run time: Move's annotations resolve (get_type_hints)

__all__ = ["ChangedResult", "CohortCell", "Flow", "Move", "Placement", "StepCount"]


@attrs.frozen
class StepCount:
    """People of a persona and 課 at a rank (0 = below Step 1) in a 年度; ``missing``: ranked
    there for missing data after a higher step the year before (データ不足, not a drop)."""

    year: int
    persona: str
    department: str | None
    rank: int
    n: int
    missing: bool = False


@attrs.frozen
class Flow:
    """People going from ``from_rank`` to ``to_rank`` between two 年度 (persona and 課 of the later
    year; of the earlier one for leavers). ``from_rank`` ``None``: arrived; ``to_rank`` ``None``: left.
    ``missing``: ``to_rank`` is lower only for missing data (データ不足, not a drop)."""

    from_year: int
    to_year: int
    persona: str
    department: str | None
    from_rank: int | None
    to_rank: int | None
    n: int
    missing: bool = False


@attrs.frozen
class Move:
    """One person who moved up or down, with the leaves (conditions) that explain it.

    The leaves are those of every step crossed, lowest step first (Step未満 → Step2: the
    Step1 and the Step2 conditions), each step's in rule order. Up: the leaves that were
    unmet last year (now met). Down: the leaves unmet now (a step crossed whose own rule
    still holds gives none: it was lost with the step below it).
    ``missing``: the rank fell only because this year's data is unknown (direction
    ``data-missing``, データ不足, not a drop; ``leaves``: the leaves unknown now).
    ``leaves`` is empty when the records were made under another catalog than the current one.
    """

    from_year: int
    to_year: int
    staff_key: str
    persona: str
    department: str | None
    from_rank: int
    to_rank: int
    leaves: tuple[str, ...]
    #: The leaves themselves (:class:`~skillframe.Unmet`, with their conditions), and the lowest
    #: step crossed that gives any (``None`` when no leaf is given).
    unmet: tuple[Unmet, ...] = attrs.field(default=(), eq=False, repr=False)
    step: str | None = attrs.field(default=None, eq=False, repr=False)
    #: The id as written in the later year's file (``staff_key`` is its matching form).
    id: str = attrs.field(default=attrs.Factory(lambda self: self.staff_key, takes_self=True))
    missing: bool = False
    #: The step (id) each leaf of ``unmet`` belongs to, in the same order: what
    #: :meth:`History.reasons` puts each leaf in words with.
    leaf_steps: tuple[str, ...] = attrs.field(default=(), eq=False, repr=False)

    @property
    def direction(self) -> str:
        """``up``, ``down``, or ``data-missing`` (lower for unknown data only: not a drop)."""
        if self.missing:
            return "data-missing"
        return "up" if self.to_rank > self.from_rank else "down"


@attrs.frozen
class Placement:
    """Where a person was in a 年度: persona (qualified id), 課 and rank (re-evaluated when asked);
    ``id`` as written in that year's file (``staff_key`` is its matching form)."""

    year: int
    staff_key: str
    persona: str
    department: str | None
    rank: int
    id: str = attrs.field(default=attrs.Factory(lambda self: self.staff_key, takes_self=True))


@attrs.frozen
class CohortCell:
    """Of the people first recorded in ``cohort``, how many were at ``rank`` in ``year``;
    ``missing``: ranked there for missing data after a higher step the year before (データ不足,
    not a drop); ``no_ladder``: people of a persona without a ladder (管理監督職…), recorded at
    rank 0 but never evaluated (評価対象外), so never among those below Step 1."""

    cohort: int
    year: int
    rank: int
    n: int
    missing: bool = False
    no_ladder: bool = False


@attrs.frozen
class ChangedResult:
    """A stored result that differs when re-evaluated under the current catalog."""

    year: int
    staff_key: str
    persona: str
    old_rank: int
    new_rank: int
    old_step: str | None
    new_step: str | None
    old_catalog: str
    #: The id as written in that year's file (``staff_key`` is its matching form).
    id: str = attrs.field(default=attrs.Factory(lambda self: self.staff_key, takes_self=True))
