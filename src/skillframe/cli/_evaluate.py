"""``skillframe evaluate``: each member of staff against their persona's ladder.

Exit 0 when every row was read and evaluated; exit 1 when any row had errors (the
others are still evaluated). A result file (``-o`` .csv .tsv .xlsx .json .html) holds
every row of the staff file in input order, an unreadable one with its message in the
error column (XLSX: also an エラー sheet, and the summary on the 注記 sheet); on a
terminal the errors go to stderr. ``--errors FILE`` writes them (row, column, code,
message, id) in the format its suffix names. A custom rule that raises for one record
makes that row an error (code ``rule-error``); the others are evaluated.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterator
from itertools import islice
from typing import Any

from .. import Evaluation, evaluate_many
from .._cells import neutralise
from .._keys import KeyResolver
from ..conditions.describe import describe_unmet
from ..engine.evaluate import ranked_in_order
from ..errors import RuleError, bilingual
from ..staff import StaffRecord, StaffRowError, StaffWarning, iter_staff
from ..staff.columns import Column, header_of
from ._common import ERRORS_FORMATS, TABLE_FORMATS, Context, progress
from ._evaluate_out import ERROR_COLUMNS, FULL, WIDE_FIELDS, Out, cell_of, error_cells, error_headers

NAME = "evaluate"
HELP = "職員を育成段階で評価 / evaluate staff against the step ladders (CSV/JSON/XLSX)"
EXAMPLE = (
    "  skillframe evaluate examples/staff.csv --explain\n"
    "  skillframe evaluate staff.xlsx --persona DX推進員 -o result.xlsx --errors errors.csv\n"
    "  skillframe evaluate staff.csv --rules town_rules.py --catalog town.yaml"
)
FORMATS = TABLE_FORMATS

#: Formats written row by row while the staff file is read (no table kept in memory).


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("staff", metavar="STAFF_FILE", help="職員ファイル / staff file (.csv, .json, .xlsx)")
    p.add_argument(
        "--persona", "-p", metavar="KEY", help="人材像 / persona for every row (default: the persona column)"
    )
    p.add_argument("--explain", action="store_true", help="不足要件を表示 / list what is missing for the next step")
    p.add_argument(
        "--wide",
        action="store_true",
        help="全列 / add the step number, what is missing, DX experience, mentoring and the file's other columns",
    )
    p.add_argument(
        "--errors",
        metavar="FILE",
        help="行エラーを出力 / write row errors to FILE (.csv .tsv .xlsx .json .html .md, from the suffix)",
    )
    p.add_argument(
        "--encoding",
        metavar="ENC",
        help="入力の文字コード / encoding of a CSV staff file (default: detect UTF-8 / CP932)",
    )
    p.add_argument(
        "--sheet",
        metavar="NAME",
        help="XLSX のシート / the XLSX sheet to read (default: the only sheet with an id column)",
    )


def run(args: argparse.Namespace, ctx: Context) -> int:
    cat = ctx.catalog()
    if args.persona is not None:  # a persona without a ladder cannot be evaluated: say so (H-H)
        KeyResolver(cat).evaluable_persona(args.persona)
    fmt = ctx.format
    full = fmt in FULL or bool(args.output)
    source = str(args.staff)
    errors: list[StaffRowError] = []
    last: list[StaffRecord | None] = [None]  # the record the engine took last (a rule error is its)
    header: list[list[Column]] = []  # the file's header columns, as the reader classified them

    def records() -> Iterator[StaffRecord]:
        for item in progress(
            iter_staff(
                args.staff,
                encoding=args.encoding,
                catalog=cat,
                sheet=args.sheet,
                require_ladder=args.persona is None,
                on_header=header.append,
            ),
            label="rows",
        ):
            if isinstance(item, StaffRecord):
                if args.persona is None and item.persona is None:
                    errors.append(
                        StaffRowError(
                            item.row,
                            header_of(header[0] if header else [], "persona"),  # as written (人材像…)
                            bilingual("人材像がありません (--persona で指定)", "no persona (give --persona)"),
                            item.id,
                            code="missing-persona",
                            file=source,
                            department=item.department,
                            extra=tuple(item.extra.items()),
                        )
                    )
                    continue
                last[0] = item
                yield item
            elif isinstance(item, StaffWarning):
                sys.stderr.write(f"skillframe: {item}\n")
            else:
                errors.append(item)

    if fmt == "json":  # evaluation documents, not table rows (H-K): see _run_json at the end
        return _run_json(ctx, args, cat=cat, records=records(), errors=errors, last=last)
    out = Out(ctx, args, full, header)
    ranks: Counter[int] = Counter()
    top = 0
    n = 0
    memo = _RowMemo(ctx)
    explain, wide = args.explain, args.wide
    safe = not explain and not wide and out.safe  # streamed CSV/TSV: cells neutralised as each row is made
    try:
        if safe:  # the usual result file: as below, with less done per row (and a batch at a time)
            for ranked in _ranked_lists(cat, args.persona, records(), errors, source=source):
                out.safe_rows(_safe_rows(ranked, memo, out, errors, ranks, source), errors)
            n, top = sum(ranks.values()), memo.top
        for ev, key in () if safe else _ranked(cat, args.persona, records(), errors, source=source):
            try:
                row = _row(ev, ctx, explain=explain, wide=wide, memo=memo, key=key)
            except RuleError as exc:  # a custom rule that raises only when explaining what is missing
                _add_error(errors, _rule_error(exc, ev.record, source))
                continue
            n += 1
            ranks[ev.rank] += 1
            memo.unknown_rows += ev.rank < len(ev.steps) and memo.unknown(ev, key)
            top = max(top, len(ev.steps))
            out.evaluation(getattr(ev.record, "row", None), row, errors, getattr(ev.record, "extra", None))
        bad_rows = len({e.row for e in errors})
        summary = _summary(ctx, n, ranks, top, bad_rows, unknown=memo.unknown_rows)
        out.finish(errors, summary, _notes(ctx, args.staff))
    finally:
        out.flush()  # the rows made so far, as when each was written at once
    if fmt in ("github", "md", "text", "simple", "plain", "grid") and not args.output:
        ctx.out.write("\n" + summary + "\n")
    elif sys.stderr.isatty():  # beside a file or a machine format: on a terminal only, like the progress
        sys.stderr.write(summary + "\n")
    if errors or args.errors:  # --errors FILE is written even when empty: never a stale file
        _report_errors(errors, args.errors, ctx)
    return 1 if errors else 0


def _evaluations(
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
            errors.append(_rule_error(exc, record, source))
            last[0] = None


#: Records ranked at once (read ahead of the output: memory is flat in the rows).
_BATCH = 1024


#: A batch of ranked records, in input order: the ladder of each, the records, and ``(rank,
#: leaf outcomes)`` of each; for records evaluated one by one (a batch where a custom rule
#: raised) the ladders are ``None``, the records their evaluations, the outcomes ``None``.
Ranked = tuple[list[Any], list[Any], list[tuple[int, "tuple[bool | None, ...] | None"]]]


def _ranked_lists(
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
    :func:`_evaluations` does (outcomes ``None``: worked out when needed): that record is a
    row error (code ``rule-error``) and the others are evaluated.
    """
    while batch := list(islice(records, _BATCH)):
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
                    _add_error(errors, _rule_error(exc, record, source))
            yield [None] * len(evs), evs, [(ev.rank, None) for ev in evs]
            continue
        yield ranked  # type: ignore[misc]


def _ranked(
    cat: Any,
    persona: str | None,
    records: Iterator[StaffRecord],
    errors: list[StaffRowError],
    *,
    source: str,
) -> Iterator[tuple[Evaluation, tuple[bool | None, ...] | None]]:
    """The evaluation of each record, in order, with its leaf outcomes (:func:`_ranked_lists`)."""
    for ladders, rs, keyed in _ranked_lists(cat, persona, records, errors, source=source):
        for ladder, r, (rank, key) in zip(ladders, rs, keyed, strict=True):
            yield (r if ladder is None else ladder.evaluation(r, rank)), key


def _safe_rows(  # noqa: PLR0917 - private
    ranked: Ranked, memo: _RowMemo, out: Out, errors: list[StaffRowError], ranks: Counter[int], source: str
) -> list[tuple[int | None, str | list[Any]]]:
    """The rows of a streamed CSV/TSV result (as :func:`_row` with ``safe`` makes them) of one
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
                    if len(departments) >= _RowMemo._MAX:
                        departments.clear()
                    shown = departments[dep] = out.cell_text((neutralise(dep),))
                made.append((n, f"{n}{d}{text}{known[0]}{shown}{known[1]}{end}"))
                ranks[rank] += 1
                unknowns += known[2]
                continue
        ev = r if ladder is None else ladder.evaluation(r, rank)
        try:
            row = _row(ev, memo.ctx, explain=False, wide=False, memo=memo, key=key, safe=True)
        except RuleError as exc:
            _add_error(errors, _rule_error(exc, ev.record, source))
            continue
        unknown = rank < len(ev.steps) and memo.unknown(ev, key)
        if ladder is not None and key is not None and known is None:  # this row's cells, remembered as text
            if len(texts) >= _RowMemo._MAX:
                texts.clear()
            # what comes between the id and the department, and after the department
            texts[(ladder, rank, key)] = (d + out.cell_text(row[2:3]) + d, d + out.cell_text(row[4:]), unknown)
        made.append((row[0], row))
        ranks[rank] += 1
        unknowns += unknown
    memo.unknown_rows += unknowns
    return made


def _add_error(errors: list[StaffRowError], error: StaffRowError) -> None:
    """Add ``error`` after the errors of its row and of the rows before it (the rows read
    ahead of the evaluation may have errors already): the list stays in row order."""
    i = len(errors)
    if error.row is not None:
        while i and errors[i - 1].row is not None and errors[i - 1].row > error.row:  # type: ignore[operator]
            i -= 1
    errors.insert(i, error)


def _rule_error(exc: RuleError, record: Any, source: str) -> StaffRowError:
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


def _notes(ctx: Context, source: str) -> tuple[str, ...]:
    return (ctx.h(f"職員ファイル: {source}", f"staff file: {source}"),)


def _summary(ctx: Context, n: int, ranks: Counter[int], top: int, bad_rows: int, *, unknown: int = 0) -> str:
    """``N名（うちデータ不足 u名）: 未到達 x名, Step1 a名, Step2 b名 …, エラー c行`` (by the step
    reached, whatever the persona; データ不足: people whose next step cannot be decided for
    missing data, counted at the step they reached too, as the report counts them)."""
    ja = ctx.lang == "ja"
    parts = [f"未到達 {ranks[0]}名" if ja else f"no step {ranks[0]}"]
    parts += [f"Step{k} {ranks[k]}名" if ja else f"Step {k} {ranks[k]}" for k in range(1, top + 1)]
    if ja:
        head = f"{n}名（うちデータ不足 {unknown}名）" if unknown else f"{n}名"
        return f"{head}: " + ", ".join(parts) + f", エラー {bad_rows}行"
    head = f"{n} staff ({unknown} with data missing for the next step)" if unknown else f"{n} staff"
    return f"{head}: " + ", ".join(parts) + f", errors in {bad_rows} row(s)"


def _wide_value(value: Any, ctx: Context) -> Any:
    if isinstance(value, bool):
        return ctx.h("はい", "yes") if value else ctx.h("いいえ", "no")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


class _RowMemo:
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
        # for streamed CSV/TSV lines (_safe_rows): a department as written -> its cell's text;
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
                ctx.label(step) if step is not None else ctx.h("未到達", "none"),
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


def _row(
    ev: Evaluation,
    ctx: Context,
    *,
    explain: bool,
    wide: bool,
    memo: _RowMemo | None = None,
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
        memo = _RowMemo(ctx)
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
        row += [_wide_value(getattr(rec, f, None), ctx) for f, _, _ in WIDE_FIELDS]
    if safe:  # the full row of a CSV/TSV result, as Out writes it
        memo.top = max(memo.top, len(ev.steps))
        cells = [neutralise(c) if c.__class__ is str else "" if c is None else cell_of(c) for c in row]
        return [getattr(rec, "row", None), *cells, ""]
    return row


def _report_errors(errors: list[StaffRowError], target: str | None, ctx: Context) -> None:
    """The row errors on stderr, or in ``--errors FILE`` (its format from its suffix, like ``-o``);
    on stderr, the ``--catalog`` hint when they name ids of a framework not loaded."""
    from ._hints import catalog_hint

    hint = catalog_hint(ctx.catalog(), (str(e) for e in errors))
    tail = f"skillframe: {hint}\n" if hint else ""
    if target:
        ctx.write_file(
            target,
            ERRORS_FORMATS,
            error_headers(ctx),
            error_cells(errors, ctx),
            title=ctx.h("エラー", "errors"),
            notes=_notes(ctx, str(ctx.args.staff)),
            json_keys=[en for _, en in ERROR_COLUMNS],
        )
        sys.stderr.write(
            bilingual(f"{len(errors)} 件の行エラー → {target}", f"{len(errors)} row error(s) written to {target}")
            + "\n"
            + tail
        )
        return
    sys.stdout.flush()  # the table first, then its errors (a terminal shows both)
    for e in errors:
        sys.stderr.write(f"skillframe: {e}\n")
    sys.stderr.write(bilingual(f"{len(errors)} 件の行エラー", f"{len(errors)} row error(s)") + "\n" + tail)


# -- ``--format json``: one evaluation document per record (issue 14 item 3, H-K) ------------


def _run_json(
    ctx: Context,
    args: argparse.Namespace,
    *,
    cat: Any,
    records: Iterator[StaffRecord],
    errors: list[StaffRowError],
    last: list[StaffRecord | None],
) -> int:
    """A JSON array of ``skillframe-evaluation/1`` documents (:meth:`Evaluation.to_dict`,
    docs/evaluation-json.md), in input order, written one element per line as the staff
    file is read (nothing kept). Row errors are not elements: they go to stderr or to
    ``--errors FILE``, as for every format; the exit status is 1 when there are any."""
    import json

    from ..engine.explain_data import evaluation_dict

    source = str(args.staff)
    out = ctx.out
    out.write("[")
    ranks: Counter[int] = Counter()
    n = top = 0
    memo = _RowMemo(ctx)
    for ev in _evaluations(cat, args.persona, records, errors, last, source=source):
        try:
            doc = evaluation_dict(ev, fresh=False)  # = ev.to_dict(), written at once: nothing copied
        except RuleError as exc:  # a custom rule that raises only when explaining
            errors.append(_rule_error(exc, ev.record, source))
            continue
        out.write(("\n" if n == 0 else ",\n") + json.dumps(doc, ensure_ascii=False, allow_nan=False))
        n += 1
        ranks[ev.rank] += 1
        top = max(top, len(ev.steps))
        memo.unknown_rows += ev.rank < len(ev.steps) and memo.unknown(ev)
    out.write("\n]\n" if n else "]\n")
    if sys.stderr.isatty():
        bad_rows = len({e.row for e in errors})
        sys.stderr.write(_summary(ctx, n, ranks, top, bad_rows, unknown=memo.unknown_rows) + "\n")
    if errors or args.errors:  # --errors FILE is written even when empty: never a stale file
        _report_errors(errors, args.errors, ctx)
    return 1 if errors else 0
