"""``skillframe evaluate``: each member of staff against their persona's ladder.

Exit 0 when every row was read and evaluated; exit 1 when any row had errors (the
others are still printed; the errors go to stderr, or to ``--errors FILE`` as CSV
``row,column,message``).
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from typing import Any

from .. import Evaluation, evaluate_many
from .._cells import neutralise
from ..conditions.describe import describe_unmet
from ..errors import bilingual
from ..render.writer import SafeOutput
from ..staff import StaffRecord, StaffRowError, StaffWarning, iter_staff
from ._common import TABLE_FORMATS, Context, progress

NAME = "evaluate"
HELP = "職員を育成段階で評価 / evaluate staff against the step ladders (CSV/JSON/XLSX)"
EXAMPLE = (
    "  skillframe evaluate examples/staff.csv --explain\n"
    "  skillframe evaluate staff.xlsx --persona DX推進員 -o result.xlsx --errors errors.csv\n"
    "  skillframe evaluate staff.csv --rules town_rules.py --catalog town.yaml"
)
FORMATS = TABLE_FORMATS

#: Formats written row by row while the staff file is read (no table kept in memory).
_STREAMED = ("csv", "tsv")


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("staff", metavar="STAFF_FILE", help="職員ファイル / staff file (.csv, .json, .xlsx)")
    p.add_argument(
        "--persona", "-p", metavar="KEY", help="人材像 / persona for every row (default: the persona column)"
    )
    p.add_argument("--explain", action="store_true", help="不足要件を表示 / list what is missing for the next step")
    p.add_argument("--wide", action="store_true", help="全列 / every column: step number and what is missing")
    p.add_argument(
        "--errors", metavar="FILE", help="行エラーを CSV に出力 / write row errors to FILE (row,column,message)"
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


def headers(ctx: Context, *, explain: bool = False, wide: bool = False) -> list[str]:
    """The columns of the result in the chosen language."""
    h = ctx.h
    cols = [
        h("職員番号", "id"),
        h("人材像", "persona"),
        h("所属", "department"),
        h("到達段階", "step"),
        h("次の段階", "next step"),
        h("不足数", "missing"),
    ]
    if wide:
        cols.insert(4, h("段階番号", "rank"))
    if explain or wide:
        cols.append(h("不足要件", "what is missing"))
    return cols


def run(args: argparse.Namespace, ctx: Context) -> int:
    cat = ctx.catalog()
    fmt = ctx.format
    errors: list[StaffRowError] = []

    def records() -> Any:
        for item in progress(
            iter_staff(args.staff, encoding=args.encoding, catalog=cat, sheet=args.sheet), label="rows"
        ):
            if isinstance(item, StaffRecord):
                if args.persona is None and item.persona is None:
                    errors.append(
                        StaffRowError(
                            getattr(item, "row", 0) or 0,
                            "persona",
                            bilingual("人材像がありません (--persona で指定)", "no persona (give --persona)"),
                            item.id,
                            code="missing-persona",
                            file=str(args.staff),
                        )
                    )
                    continue
                yield item
            elif isinstance(item, StaffWarning):
                sys.stderr.write(f"skillframe: {item}\n")
            else:
                errors.append(item)

    cols = headers(ctx, explain=args.explain, wide=args.wide)
    stream = fmt in _STREAMED
    writer = csv.writer(ctx.out, delimiter="\t" if fmt == "tsv" else ",", lineterminator="\r\n") if stream else None
    if writer is not None:
        writer.writerow([neutralise(c) for c in ctx.fit([cols], 1)[0]])
    rows: list[list[str]] = []
    ranks: Counter[int] = Counter()
    top = 0
    n = 0
    for ev in evaluate_many(cat, args.persona, records()):
        n += 1
        row = _row(ev, ctx, explain=args.explain, wide=args.wide)
        ranks[ev.rank] += 1
        top = max(top, len(ev.steps))
        if writer is not None:
            writer.writerow([neutralise(c) for c in ctx.fit([row], n + 1)[0]])
        else:
            rows.append(row)
    if writer is None:
        ctx.write_rows(cols, rows, title=ctx.h("評価結果", "Evaluation"), notes=_notes(ctx, args.staff))
    bad_rows = len({e.row for e in errors})
    summary = _summary(ctx, n, ranks, top, bad_rows)
    if fmt in ("github", "md", "text", "simple", "plain", "grid") and not args.output:
        ctx.out.write("\n" + summary + "\n")
    elif sys.stderr.isatty():  # beside a file or a machine format: on a terminal only, like the progress
        sys.stderr.write(summary + "\n")
    if errors:
        _write_errors(errors, args.errors, ctx)
        return 1
    return 0


def _notes(ctx: Context, source: str) -> tuple[str, ...]:
    return (ctx.h(f"職員ファイル: {source}", f"staff file: {source}"),)


def _summary(ctx: Context, n: int, ranks: Counter[int], top: int, bad_rows: int) -> str:
    """``N名: 未到達 x名, Step1 a名, Step2 b名 …, エラー c行`` (by the step reached, whatever the persona)."""
    ja = ctx.lang == "ja"
    parts = [f"未到達 {ranks[0]}名" if ja else f"no step {ranks[0]}"]
    parts += [f"Step{k} {ranks[k]}名" if ja else f"Step {k} {ranks[k]}" for k in range(1, top + 1)]
    if ja:
        return f"{n}名: " + ", ".join(parts) + f", エラー {bad_rows}行"
    return f"{n} staff: " + ", ".join(parts) + f", errors in {bad_rows} row(s)"


def _row(ev: Evaluation, ctx: Context, *, explain: bool, wide: bool) -> list[str]:
    step, nxt = ev.step, ev.next_step
    rec = ev.record
    department = rec.department if isinstance(rec, StaffRecord) else rec.get("department")
    none = ctx.h("未到達", "none")
    row = [
        str(ev.record_id or ""),
        ctx.label(ev.persona),
        "" if department is None else str(department),
        ctx.label(step) if step is not None else none,
        ctx.label(nxt) if nxt is not None else "—",
        str(len(ev.unmet)),
    ]
    if wide:
        row.insert(4, str(ev.rank))
    if explain or wide:
        row.append("\n".join(describe_unmet(ev.catalog, u, ctx.lang) for u in ev.unmet))
    return row


def _write_errors(errors: list[StaffRowError], target: str | None, ctx: Context) -> None:
    if target:
        with SafeOutput(target, inputs=ctx.inputs(), encoding="utf-8-sig") as out:
            w = csv.writer(out.text(), lineterminator="\r\n")
            w.writerow([ctx.h("行", "row"), ctx.h("列", "column"), ctx.h("内容", "message")])
            for e in errors:
                w.writerow([neutralise(str(e.row)), neutralise(e.column or ""), neutralise(e.message)])
        sys.stderr.write(
            bilingual(f"{len(errors)} 件の行エラー → {target}", f"{len(errors)} row error(s) written to {target}")
            + "\n"
        )
        return
    for e in errors:
        sys.stderr.write(f"skillframe: {e}\n")
    sys.stderr.write(bilingual(f"{len(errors)} 件の行エラー", f"{len(errors)} row error(s)") + "\n")
