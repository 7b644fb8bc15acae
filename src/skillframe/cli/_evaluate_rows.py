"""One result row of ``skillframe evaluate``, and what the rows of a run share (:class:`RowMemo`).

A streamed CSV/TSV result (:func:`safe_rows`) is made a batch of ranked records at a time:
a plain record's row as its line of text, put together from cell texts remembered per
(persona, rank, leaf outcomes); any other as its cells, neutralised as the writer wants them.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from .. import Evaluation
from .._cells import neutralise
from ..conditions.describe import describe_unmet
from ..engine.result import BELOW_STEP1
from ..errors import RuleError
from ..staff import StaffRecord, StaffRowError
from ._context import Context
from ._evaluate_batches import Ranked, add_error, rule_error
from ._evaluate_out import WIDE_FIELDS, Out, cell_of, wide_value

__all__ = ["RowMemo", "result_row", "safe_rows"]


def safe_rows(  # noqa: PLR0917 - a private module
    ranked: Ranked, memo: RowMemo, out: Out, errors: list[StaffRowError], ranks: Counter[int], source: str
) -> list[tuple[int | None, str | list[Any]]]:
    """The rows of a streamed CSV/TSV result (as :func:`result_row` with ``safe`` makes them) of one
    batch of ranked records, each with its input row: as its line of text when its record
    is a plain one (an id that needs neither quotes nor neutralising, a (persona, rank,
    outcomes) seen before — its cells' text is remembered, made by the writer itself:
    :meth:`~skillframe.cli._evaluate_out.Out.cell_text`), else as its cells. An Evaluation
    is made only for a row that is not a line. A custom rule that raises while the missing
    leaves are counted makes that row a row error (and no row). ``ranks`` counts the rows
    by rank."""
    made: list[tuple[int | None, str | list[Any]]] = []
    texts, departments = memo.texts, memo.departments
    d, end = out.delimiter, out.line_end
    unknowns = 0
    for ladder, r, (rank, key) in zip(*ranked, strict=True):
        known = texts.get((ladder, rank, key)) if key is not None else None
        if known is not None and r.__class__ is StaffRecord and (n := r.row).__class__ is int:
            text = r.id  # kept as written: plain ASCII that cannot start a formula, no quote or delimiter
            if text.isascii() and (
                text.isalnum() or (text.isprintable() and text[:1] not in _RISKY and d not in text and '"' not in text)
            ):
                dep = r.department
                shown: str | None = "" if dep is None else departments.get(dep)
                if shown is None and dep is not None:
                    if len(departments) >= RowMemo._MAX:
                        departments.clear()
                    shown = departments[dep] = out.cell_text((neutralise(dep),))
                made.append((n, f"{n}{d}{text}{known[0]}{shown}{known[1]}{end}"))
                ranks[rank] += 1
                unknowns += known[2]
                continue
        ev = r if ladder is None else ladder.evaluation(r, rank)
        try:
            row = result_row(ev, memo.ctx, explain=False, wide=False, memo=memo, key=key, safe=True)
        except RuleError as exc:
            add_error(errors, rule_error(exc, ev.record, source))
            continue
        unknown = rank < len(ev.steps) and memo.unknown(ev, key)
        if ladder is not None and key is not None and known is None:  # this row's cells, remembered as text
            if len(texts) >= RowMemo._MAX:
                texts.clear()
            # what comes between the id and the department, and after the department
            texts[(ladder, rank, key)] = (d + out.cell_text(row[2:3]) + d, d + out.cell_text(row[4:]), unknown)
        made.append((row[0], row))
        ranks[rank] += 1
        unknowns += unknown
    memo.unknown_rows += unknowns
    return made


class RowMemo:
    """What result rows share, worked out once: the labels of each (persona, rank), and the
    number of unmet leaves of each (persona, rank, leaf outcomes) — equal outcomes give the
    same unmet leaves (:attr:`~skillframe.Evaluation.unmet_key`), so the count is the same.
    Bounded: forgotten at once when it grows large."""

    __slots__ = ("cells", "counts", "ctx", "departments", "labels", "texts", "top", "unknown_rows")

    _MAX = 65536

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.labels: dict[tuple[str, int], tuple[str, str, str, bool]] = {}
        self.counts: dict[tuple[str, int, tuple[object, ...]], tuple[int, bool]] = {}  # (unmet leaves, one unknown)
        self.unknown_rows = 0  # rows counted whose next step has an unknown leaf (the summary's データ不足)
        self.cells: dict[tuple[str, int, tuple[object, ...] | None], tuple[str, str, str, int]] = {}
        self.top = 0  # the most steps of a ladder that :meth:`safe_cells` gave cells for
        # for streamed CSV/TSV lines (safe_rows): a department as written -> its cell's text;
        # (ladder, rank, outcomes) -> the text between the id and the department (the persona
        # cell), after the department (the cells after it), and whether a leaf is unknown
        self.departments: dict[str, str] = {}
        self.texts: dict[tuple[Any, int, tuple[object, ...]], tuple[str, str, bool]] = {}

    def safe_cells(self, ev: Evaluation, outcomes: tuple[object, ...] | None) -> tuple[str, str, str, int]:
        """(persona, step reached, next step, count of unmet leaves) for a CSV/TSV row: the
        labels neutralised (:func:`~skillframe._cells.neutralise`), once per distinct
        (persona, rank, leaf outcomes); ``outcomes`` as for :meth:`count`."""
        persona = ev.persona
        key = (persona.id, ev.rank, outcomes)
        hit = self.cells.get(key) if outcomes is not None else None
        if hit is None:
            label, step, nxt, top = self.labels_of(ev)
            count = 0 if top else self.count(ev, outcomes)
            hit = (neutralise(label), neutralise(step), neutralise(nxt), count)
            self.top = max(self.top, len(ev.steps))
            if outcomes is not None:
                if len(self.cells) >= self._MAX:
                    self.cells.clear()
                self.cells[key] = hit
        return hit

    def labels_of(self, ev: Evaluation) -> tuple[str, str, str, bool]:
        """(persona, step reached, next step, at the top) in the chosen language."""
        persona = ev.persona
        key = (persona.id, ev.rank)
        hit = self.labels.get(key)
        if hit is None:
            ctx = self.ctx
            step, nxt = ev.step, ev.next_step
            hit = (
                ctx.label(persona),
                ctx.label(step) if step is not None else ctx.h(*BELOW_STEP1),
                ctx.label(nxt) if nxt is not None else "—",
                nxt is None,
            )
            if len(self.labels) >= self._MAX:
                self.labels.clear()
            self.labels[key] = hit
        return hit

    def count(self, ev: Evaluation, outcomes: tuple[object, ...] | None = None) -> int:
        """``len(ev.unmet)``, once per distinct leaf outcomes of the next step (``outcomes``:
        :attr:`~skillframe.Evaluation.unmet_key` when known already)."""
        return self._unmet(ev, outcomes)[0]

    def unknown(self, ev: Evaluation, outcomes: tuple[object, ...] | None = None) -> bool:
        """Whether a leaf of the next step is unknown (the data to decide is missing: the
        report's データ不足), once per distinct leaf outcomes, as :meth:`count`."""
        return self._unmet(ev, outcomes)[1]

    def _unmet(self, ev: Evaluation, outcomes: tuple[object, ...] | None) -> tuple[int, bool]:
        if outcomes is None:
            try:
                outcomes = ev.unmet_key
            except RuleError:  # a rule that fails on a leaf the explanation may not reach: as before
                unmet = ev.unmet
                return len(unmet), any(u.status == "unknown" for u in unmet)
        key = (ev.persona.id, ev.rank, outcomes)
        hit = self.counts.get(key)
        if hit is None:
            if len(self.counts) >= self._MAX:
                self.counts.clear()
            unmet = ev.unmet
            hit = self.counts[key] = (len(unmet), any(u.status == "unknown" for u in unmet))
        return hit


#: First characters of an ASCII id that :func:`~skillframe._cells.neutralise` looks at (and "": empty).
_RISKY = "=+-@ "


def result_row(
    ev: Evaluation,
    ctx: Context,
    *,
    explain: bool,
    wide: bool,
    memo: RowMemo | None = None,
    key: tuple[bool | None, ...] | None = None,
    safe: bool = False,
) -> list[Any]:
    """One result row; the step number and the count are numbers (JSON and XLSX keep them so).

    ``memo`` (one per run) remembers what rows share (labels, the count of unmet leaves);
    ``key``: the evaluation's :attr:`~skillframe.Evaluation.unmet_key`, when known. With
    ``wide``, :class:`Out` adds the file's other columns (from its header) after these.
    ``safe`` (neither ``explain`` nor ``wide``): the full row of a streamed CSV/TSV file (the
    input row first, an empty error cell last), its text cells neutralised
    (:func:`~skillframe._cells.neutralise`); ``memo.top`` counts its ladder's steps."""
    if memo is None:
        memo = RowMemo(ctx)
    rec = ev.record
    if safe and rec.__class__ is StaffRecord:
        text = rec.id  # as neutralise gives it: plain ASCII that cannot start a formula is kept
        if not (text.isascii() and text.isprintable() and text[:1] not in _RISKY):
            text = neutralise(text)
        dep = rec.department
        p, s, nx, count = memo.safe_cells(ev, key)
        return [rec.row, text, p, "" if dep is None else neutralise(dep), s, nx, count, ""]
    rid: str | None
    if rec.__class__ is StaffRecord:
        rid = rec.id
        department = rec.department
    else:
        rid = ev.record_id
        department = rec.department if isinstance(rec, StaffRecord) else rec.get("department")
    persona, step, nxt, top = memo.labels_of(ev)
    unmet = ev.unmet if explain or wide else None
    row: list[Any] = [
        "" if rid is None else str(rid),
        persona,
        "" if department is None else str(department),
        step,
        nxt,
        len(unmet) if unmet is not None else 0 if top else memo.count(ev, key),
    ]
    if wide:
        row.insert(4, ev.rank)
    if unmet is not None:
        row.append("\n".join(describe_unmet(ev.catalog, u, ctx.lang) for u in unmet))
    if wide:
        row += [wide_value(getattr(rec, f, None), ctx) for f, _, _ in WIDE_FIELDS]
    if safe:  # the full row of a CSV/TSV result, as Out writes it
        memo.top = max(memo.top, len(ev.steps))
        cells = [neutralise(c) if c.__class__ is str else "" if c is None else cell_of(c) for c in row]
        return [getattr(rec, "row", None), *cells, ""]
    return row
