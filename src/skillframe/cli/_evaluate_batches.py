"""``skillframe evaluate``'s records, evaluated a batch at a time, and the row error of a
custom rule that raises for one record (code ``rule-error``: that row is an error, the others
are evaluated)."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice
from typing import Any

from .. import Evaluation, evaluate_many
from ..engine.evaluate import ranked_in_order
from ..errors import RuleError, bilingual
from ..staff import StaffRecord, StaffRowError

__all__ = ["BATCH", "Ranked", "add_error", "each_ranked", "evaluations", "ranked_lists", "rule_error"]


def evaluations(
    cat: Any,
    persona: str | None,
    records: Iterator[StaffRecord],
    errors: list[StaffRowError],
    last: list[StaffRecord | None],
    *,
    source: str,
) -> Iterator[Evaluation]:
    """Evaluate ``records``; a custom rule that raises for one record makes that record a row
    error (code ``rule-error``) and the evaluation goes on with the next (the API raises)."""
    while True:
        try:
            yield from evaluate_many(cat, persona, records)
            return
        except RuleError as exc:
            record = last[0]
            if exc.record_id is None or record is None:  # not about one record (bad parameters)
                raise
            errors.append(rule_error(exc, record, source))
            last[0] = None


#: Records ranked at once (read ahead of the output: memory is flat in the rows).
BATCH = 1024


#: A batch of ranked records, in input order: the ladder of each, the records, and ``(rank,
#: leaf outcomes)`` of each; for records evaluated one by one (a batch where a custom rule
#: raised) the ladders are ``None``, the records their evaluations, the outcomes ``None``.
Ranked = tuple[list[Any], list[Any], list[tuple[int, "tuple[bool | None, ...] | None"]]]


def ranked_lists(
    cat: Any,
    persona: str | None,
    records: Iterator[StaffRecord],
    errors: list[StaffRowError],
    *,
    source: str,
) -> Iterator[Ranked]:
    """The records ranked a batch at a time, each batch in input order, each record with the
    outcome of each leaf of its next step (:attr:`~skillframe.Evaluation.unmet_key`), from
    :func:`~skillframe.engine.evaluate.ranked_in_order` (one pass, no facts read twice, no
    Evaluation objects: :meth:`~skillframe.engine.ladder.Ladder.evaluation` makes one).

    A batch where a custom rule raises is evaluated one record at a time instead, as
    :func:`evaluations` does (outcomes ``None``: worked out when needed): that record is a
    row error (code ``rule-error``) and the others are evaluated.
    """
    while batch := list(islice(records, BATCH)):
        try:
            ranked = next(ranked_in_order(cat, persona, batch, size=len(batch)))
        except RuleError as exc:
            if exc.record_id is None:  # not about one record (bad parameters)
                raise
            evs: list[Evaluation] = []
            for record in batch:
                try:
                    evs.append(next(iter(evaluate_many(cat, persona, (record,)))))
                except RuleError as exc:
                    if exc.record_id is None:
                        raise
                    add_error(errors, rule_error(exc, record, source))
            yield [None] * len(evs), evs, [(ev.rank, None) for ev in evs]
            continue
        yield ranked  # type: ignore[misc]


def each_ranked(lists: Iterator[Ranked]) -> Iterator[tuple[Evaluation, tuple[bool | None, ...] | None]]:
    """The evaluation of each record of the batches ``lists`` (:func:`ranked_lists`), in order,
    with its leaf outcomes."""
    for ladders, rs, keyed in lists:
        for ladder, r, (rank, key) in zip(ladders, rs, keyed, strict=True):
            yield (r if ladder is None else ladder.evaluation(r, rank)), key


def add_error(errors: list[StaffRowError], error: StaffRowError) -> None:
    """Add ``error`` after the errors of its row and of the rows before it (the rows read
    ahead of the evaluation may have errors already): the list stays in row order."""
    i = len(errors)
    if error.row is not None:
        while i and errors[i - 1].row is not None and errors[i - 1].row > error.row:  # type: ignore[operator]
            i -= 1
    errors.insert(i, error)


def rule_error(exc: RuleError, record: Any, source: str) -> StaffRowError:
    """The row error (code ``rule-error``) of ``record``, for which a custom rule raised ``exc``."""
    cause = f"{type(exc.cause).__name__}: {exc.cause}"
    return StaffRowError(
        getattr(record, "row", None),
        None,
        bilingual(
            f"独自ルール '{exc.rule}' がこの職員の評価中に失敗しました（{cause}）",
            f"custom rule '{exc.rule}' failed on this record ({cause})",
        ),
        getattr(record, "id", None),
        code="rule-error",
        file=source,
        department=getattr(record, "department", None),
        extra=tuple((getattr(record, "extra", None) or {}).items()),
    )
