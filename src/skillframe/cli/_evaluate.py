"""``skillframe evaluate``: each member of staff against their persona's ladder.

Exit 0 when every row was read and evaluated; exit 1 when any row had errors (the
others are still printed; the errors go to stderr, or to ``--errors FILE`` as CSV
``row,column,message``).
"""

from __future__ import annotations

import argparse
import csv
import importlib
import sys
from typing import Any

from .._evaluate import Evaluation, describe_unmet, evaluate_many
from .._staff import StaffRecord, StaffRowError, iter_staff
from ..errors import bilingual
from ._common import Context, UsageError, progress, render_rows

NAME = "evaluate"
HELP = "職員を育成段階で評価 / evaluate staff against the step ladders (CSV/JSON/XLSX)"
EXAMPLE = (
    "  skillframe evaluate examples/staff.csv --explain\n"
    "  skillframe evaluate staff.xlsx --persona DX推進員 --format csv --errors errors.csv\n"
    "  skillframe evaluate staff.csv --rules town_rules --catalog town.yaml"
)


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("staff", metavar="STAFF_FILE", help="職員ファイル / staff file (.csv, .json, .xlsx)")
    p.add_argument(
        "--persona", "-p", metavar="KEY", help="人材像 / persona for every row (default: the persona column)"
    )
    p.add_argument("--explain", action="store_true", help="未達の条件を表示 / list what is missing for the next step")
    p.add_argument(
        "--errors", metavar="FILE", help="行エラーを CSV に出力 / write row errors to FILE (row,column,message)"
    )
    p.add_argument(
        "--encoding", metavar="ENC", help="文字コード / encoding of a CSV file (default: detect UTF-8 / CP932)"
    )
    p.add_argument(
        "--rules",
        action="append",
        default=[],
        metavar="MODULE",
        help="独自ルールのモジュール / import MODULE first (it registers custom rules; repeatable)",
    )


def run(args: argparse.Namespace, ctx: Context) -> int:
    for module in args.rules:
        try:
            importlib.import_module(module)
        except ImportError as exc:
            raise UsageError(
                bilingual(f"モジュール '{module}' を読み込めません", f"cannot import '{module}'") + f": {exc}"
            ) from None
    cat = ctx.catalog()
    fmt = ctx.fmt("github")
    errors: list[StaffRowError] = []

    def records() -> Any:
        for item in progress(iter_staff(args.staff, encoding=args.encoding, catalog=cat), label="rows"):
            if isinstance(item, StaffRecord):
                if args.persona is None and item.persona is None:
                    errors.append(
                        StaffRowError(
                            0, "persona", bilingual("persona がありません", "no persona (give --persona)"), item.id
                        )
                    )
                    continue
                yield item
            else:
                errors.append(item)

    headers = ["id", "persona", "department", "rank", "step", "next step", "unmet"]
    if args.explain:
        headers.append("explain")
    out = ctx.out
    writer = csv.writer(out, lineterminator="\n") if fmt == "csv" else None
    if writer is not None:
        writer.writerow(headers)
    rows: list[list[Any]] = []
    for ev in evaluate_many(cat, args.persona, records()):
        row = _row(ev, ctx, args.explain)
        if writer is not None:
            writer.writerow(row)
        else:
            rows.append(row)
    if writer is None:
        out.write(render_rows(headers, rows, fmt))
    if errors:
        _write_errors(errors, args.errors)
        return 1
    return 0


def _row(ev: Evaluation, ctx: Context, explain: bool) -> list[Any]:
    step, nxt = ev.step, ev.next_step
    lang = ctx.lang
    rec = ev.record
    row: list[Any] = [
        ev.record_id,
        ctx.label(ev.persona),
        rec.department if isinstance(rec, StaffRecord) else rec.get("department"),
        ev.rank,
        ctx.label(step) if step is not None else "-",
        ctx.label(nxt) if nxt is not None else "-",
        len(ev.unmet),
    ]
    if explain:
        row.append("; ".join(describe_unmet(ev._ladder.catalog, u, lang) for u in ev.unmet))
    return row


def _write_errors(errors: list[StaffRowError], target: str | None) -> None:
    if target:
        with open(target, "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(["row", "column", "message"])
            for e in errors:
                w.writerow([e.row, e.column or "", e.message])
        sys.stderr.write(
            bilingual(f"{len(errors)} 件の行エラー → {target}", f"{len(errors)} row error(s) written to {target}")
            + "\n"
        )
        return
    for e in errors:
        sys.stderr.write(f"skillframe: {e}\n")
    sys.stderr.write(bilingual(f"{len(errors)} 件の行エラー", f"{len(errors)} row error(s)") + "\n")
