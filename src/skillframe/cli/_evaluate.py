"""``skillframe evaluate``: each member of staff against their persona's ladder.

Exit 0 when every row was read and evaluated; exit 1 when any row had errors (the
others are still evaluated). A result file (``-o`` .csv .tsv .xlsx .json .html) holds
every row of the staff file in input order, an unreadable one with its message in the
error column (XLSX: also an エラー sheet, and the summary on the 注記 sheet); on a
terminal the errors go to stderr. ``--errors FILE`` writes them (row, column, code,
message, id) in the format its suffix names. A custom rule that raises for one record
makes that row an error (code ``rule-error``); the others are evaluated.

A row whose persona has no ladder (一般行政職員（管理監督職）, CIO補佐官: 「段階分け無し」) is not
an error: it is not evaluated (評価対象外). It keeps its place in the result table, its step
cell saying 評価対象外（段階なし） and the other cells of the evaluation empty; the summary
counts it apart and one warning ``not-evaluated-no-ladder`` on stderr names the first rows
(with ``--format json``, whose array holds evaluation documents only, every row). The exit
status is not changed by it. ``--persona`` naming such a persona is refused (exit 1).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterator
from typing import Any

from .._keys import KeyResolver
from .._table import TABLE_FORMATS
from ..engine.result import BELOW_STEP1, NOT_EVALUATED
from ..errors import RuleError, bilingual
from ..staff import StaffRecord, StaffRowError, StaffWarning, iter_staff
from ..staff.columns import Column, header_of
from ._context import ERRORS_FORMATS, Context
from ._evaluate_batches import add_error, each_ranked, evaluations, ranked_lists, rule_error
from ._evaluate_out import ERROR_COLUMNS, FULL, Out, error_cells, error_headers
from ._evaluate_rows import RowMemo, result_row, safe_rows
from ._options import add_staff_file_options
from ._progress import progress

NAME = "evaluate"
HELP = "職員を育成段階で評価 / evaluate staff against the step ladders (CSV/JSON/XLSX)"
EXAMPLE = (
    "  skillframe evaluate examples/staff.csv --explain\n"
    "  skillframe evaluate staff.xlsx --persona DX推進員 -o result.xlsx --errors errors.csv\n"
    "  skillframe evaluate staff.csv --rules town_rules.py --catalog town.yaml"
)
FORMATS = TABLE_FORMATS


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
    add_staff_file_options(p)


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
    resolver = KeyResolver(cat)
    aside: list[StaffRecord] = []  # records of a persona without a ladder: not evaluated (評価対象外)

    def records() -> Iterator[StaffRecord]:
        for item in progress(
            iter_staff(
                args.staff,
                encoding=args.encoding,
                catalog=cat,
                sheet=args.sheet,
                require_ladder=False,  # a persona without a ladder is not evaluated, not an error
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
                if args.persona is None and item.persona is not None and not resolver.has_ladder(item.persona):
                    aside.append(item)
                    continue
                last[0] = item
                yield item
            elif isinstance(item, StaffWarning):
                sys.stderr.write(f"skillframe: {item}\n")
            else:
                errors.append(item)

    if fmt == "json":  # evaluation documents, not table rows (H-K): see _run_json at the end
        return _run_json(ctx, args, cat=cat, records=records(), errors=errors, last=last, aside=aside, header=header)
    out = Out(ctx, args, full, header)
    out.aside = aside
    ranks: Counter[int] = Counter()
    top = 0
    n = 0
    memo = RowMemo(ctx)
    explain, wide = args.explain, args.wide
    safe = not explain and not wide and out.safe  # streamed CSV/TSV: cells neutralised as each row is made
    try:
        if safe:  # the usual result file: as below, with less done per row (and a batch at a time)
            for batch in ranked_lists(cat, args.persona, records(), errors, source=source):
                out.safe_rows(safe_rows(batch, memo, out, errors, ranks, source), errors)
            n, top = sum(ranks.values()), memo.top
        for ev, key in () if safe else each_ranked(ranked_lists(cat, args.persona, records(), errors, source=source)):
            try:
                row = result_row(ev, ctx, explain=explain, wide=wide, memo=memo, key=key)
            except RuleError as exc:  # a custom rule that raises only when explaining what is missing
                add_error(errors, rule_error(exc, ev.record, source))
                continue
            n += 1
            ranks[ev.rank] += 1
            memo.unknown_rows += ev.rank < len(ev.steps) and memo.unknown(ev, key)
            top = max(top, len(ev.steps))
            out.evaluation(getattr(ev.record, "row", None), row, errors, getattr(ev.record, "extra", None))
        bad_rows = len({e.row for e in errors})
        summary = _summary(ctx, n, ranks, top, bad_rows, unknown=memo.unknown_rows, apart=len(aside))
        out.finish(errors, summary, _notes(ctx, args.staff))
    finally:
        out.flush()  # the rows made so far, as when each was written at once
    if aside:
        sys.stdout.flush()
        sys.stderr.write(f"skillframe: {_aside_warning(aside, ctx, header, every=False)}\n")
    if fmt in ("github", "md", "text", "simple", "plain", "grid") and not args.output:
        ctx.out.write("\n" + summary + "\n")
    elif sys.stderr.isatty():  # beside a file or a machine format: on a terminal only, like the progress
        sys.stderr.write(summary + "\n")
    if errors or args.errors:  # --errors FILE is written even when empty: never a stale file
        _report_errors(errors, args.errors, ctx)
    return 1 if errors else 0


def _notes(ctx: Context, source: str) -> tuple[str, ...]:
    return (ctx.h(f"職員ファイル: {source}", f"staff file: {source}"),)


def _summary(
    ctx: Context, n: int, ranks: Counter[int], top: int, bad_rows: int, *, unknown: int = 0, apart: int = 0
) -> str:
    """``N名（うちデータ不足 u名）: Step未満 x名, Step1 a名, Step2 b名 …, エラー c行`` (by the step
    reached, whatever the persona; データ不足: people whose next step cannot be decided for
    missing data, counted at the step they reached too, as the report counts them). With nobody
    evaluated there is no ladder to count by: the line says so (``0名: 評価できた職員はいません, エラー c行``).
    ``apart`` staff of a persona without a ladder are in N, not evaluated, and counted apart
    (``…, うち段階のない人材像 a名（評価対象外）, エラー c行``)."""
    ja = ctx.lang == "ja"
    aside = (
        (
            f", うち段階のない人材像 {apart}名（評価対象外）"
            if ja
            else f", {apart} of a persona without a ladder (not evaluated)"
        )
        if apart
        else ""
    )
    errs = f", エラー {bad_rows}行" if ja else f", errors in {bad_rows} row(s)"
    if n == 0:
        if apart:
            return (
                (f"{apart}名: 評価できた職員はいません" if ja else f"{apart} staff: nobody could be evaluated")
                + aside
                + errs
            )
        nobody = "0名: 評価できた職員はいません" if ja else "0 staff: nobody could be evaluated"
        return nobody + errs
    parts = [f"{BELOW_STEP1[0]} {ranks[0]}名" if ja else f"{BELOW_STEP1[1]}: {ranks[0]}"]
    parts += [f"Step{k} {ranks[k]}名" if ja else f"Step {k}: {ranks[k]}" for k in range(1, top + 1)]
    total = n + apart
    if ja:
        head = f"{total}名（うちデータ不足 {unknown}名）" if unknown else f"{total}名"
        return f"{head}: " + ", ".join(parts) + aside + errs
    head = f"{total} staff ({unknown} with data missing for the next step)" if unknown else f"{total} staff"
    return f"{head}: " + ", ".join(parts) + aside + errs


#: Rows of a persona without a ladder the warning names when they are in the result table.
_FIRST_ASIDE = 5


def _aside_warning(aside: list[StaffRecord], ctx: Context, header: list[list[Column]], *, every: bool) -> StaffWarning:
    """The one warning ``not-evaluated-no-ladder``: how many rows of which personas without a
    ladder were not evaluated, and their rows and ids — the first few when the result table
    shows them (``every`` False), every one when it does not (``--format json``).

    A persona of a framework none of whose personas has a ladder (a 総務省 type such as
    一般行政職, a DSM or IPA role) is more likely a slip for a persona that has one: it gets the
    nearest such persona as "did you mean" (一般行政職 → 一般行政職員); the WG's own personas
    without a ladder (管理監督職, CIO補佐官) get none."""
    cat = ctx.catalog()
    resolver = KeyResolver(cat)
    per: Counter[str] = Counter(r.persona for r in aside if r.persona is not None)
    named: list[tuple[str, str, int]] = []  # (label, did you mean, count)
    for pid, c in per.items():
        label = str(cat.persona(pid).label)
        fw = pid.split(":", 1)[0]
        alone = not any(resolver.has_ladder(p.id) for p in cat.personas(fw))
        near = resolver.laddered_near(label)[:3] if alone else []
        named.append((label, ", ".join(near), c))
    personas = "、".join(f"{p} {c}名" + (f"（もしかして: {n}）" if n else "") for p, n, c in named)
    personas_en = ", ".join(f"{p} {c}" + (f" (did you mean: {n})" if n else "") for p, n, c in named)
    shown = aside if every else aside[:_FIRST_ASIDE]
    rows = ", ".join(f"{r.row} ({r.id})" for r in shown)
    more = len(aside) - len(shown)
    n = len(aside)
    where_ja = "評価結果の配列には含みません" if every else f"結果には到達段階「{NOT_EVALUATED[0]}」の行として出します"
    where_en = "not in the array of evaluations" if every else f"shown in the result with the step '{NOT_EVALUATED[1]}'"
    return StaffWarning(
        aside[0].row,
        header_of(header[0] if header else [], "persona"),
        bilingual(
            f"段階のない人材像の職員 {n} 名は評価対象外です（段階分け無し: 研修受講のみ管理。{where_ja}）: {personas}; "
            f"行 {rows}" + (f" ほか {more} 名" if more else ""),
            f"{n} staff of a persona without a ladder are not evaluated (no steps: training attendance only; "
            f"{where_en}): {personas_en}; rows {rows}" + (f" and {more} more" if more else ""),
        ),
        "not-evaluated-no-ladder",
        file=str(ctx.args.staff),
        rows=tuple(r.row for r in aside if r.row is not None),
    )


def _report_errors(errors: list[StaffRowError], target: str | None, ctx: Context) -> None:
    """The row errors on stderr, or in ``--errors FILE`` (its format from its suffix, like ``-o``);
    on stderr, the ``--catalog`` hint when they name ids of a framework not loaded."""
    from ._hints import catalog_hint

    hint = catalog_hint(errors)
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
    aside: list[StaffRecord],
    header: list[list[Column]],
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
    memo = RowMemo(ctx)
    for ev in evaluations(cat, args.persona, records, errors, last, source=source):
        try:
            doc = evaluation_dict(ev, fresh=False)  # = ev.to_dict(), written at once: nothing copied
        except RuleError as exc:  # a custom rule that raises only when explaining
            errors.append(rule_error(exc, ev.record, source))
            continue
        out.write(("\n" if n == 0 else ",\n") + json.dumps(doc, ensure_ascii=False, allow_nan=False))
        n += 1
        ranks[ev.rank] += 1
        top = max(top, len(ev.steps))
        memo.unknown_rows += ev.rank < len(ev.steps) and memo.unknown(ev)
    out.write("\n]\n" if n else "]\n")
    if aside:  # not in the array: the warning names every row
        sys.stdout.flush()
        sys.stderr.write(f"skillframe: {_aside_warning(aside, ctx, header, every=True)}\n")
    if sys.stderr.isatty():
        bad_rows = len({e.row for e in errors})
        sys.stderr.write(_summary(ctx, n, ranks, top, bad_rows, unknown=memo.unknown_rows, apart=len(aside)) + "\n")
    if errors or args.errors:  # --errors FILE is written even when empty: never a stale file
        _report_errors(errors, args.errors, ctx)
    return 1 if errors else 0
