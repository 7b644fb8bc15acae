"""``skillframe policy``: a draft 基本方針 or 年度計画 as Word (.docx) or Markdown.

The structure is the report's ひな形; personas, skills and ladders come from the catalog
(with the overlay's names), current figures from ``--staff`` (evaluated and rolled up),
progress from ``--targets``, and the advice from the overlay's profile. What only the
municipality can write is a visible 【要記入：…】. The output goes through the safe writer
(never over an input, renamed into place only when complete). Formats: ``docx`` (needs
``-o FILE.docx``) and ``md``. Exit 0; 1 on invalid input (nothing written) or unreadable
staff rows (the draft is still written, errors on stderr); 2 on usage errors.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path

from ..errors import OutputError, bilingual
from ..organisation import progress, read_targets, rollup
from ..policy import draft
from ..render.drafts import draft_markdown
from ..staff import StaffRecord, StaffRowError, StaffWarning, iter_staff
from ._common import Context, UsageError

NAME = "policy"
HELP = "方針の下書き / a draft 基本方針 or 年度計画 (Word .docx or Markdown) in the report's template structure"
EXAMPLE = (
    "  skillframe policy --catalog town.yaml --staff staff.csv --targets targets.yaml -o 方針.docx\n"
    "  skillframe policy --catalog town.yaml --kind annual --format md -o 年度計画.md"
)


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("--staff", "-s", metavar="FILE", help="職員ファイル / staff file (.csv, .json, .xlsx)")
    p.add_argument("--targets", "-t", metavar="FILE", help="数値目標ファイル / targets file (docs/targets.md)")
    p.add_argument("--kind", choices=("basic", "annual"), default="basic", help="基本方針 (basic) / 年度計画 (annual)")
    p.add_argument("--framework", metavar="ID", help="自治体のフレームワーク / the municipality's overlay")
    p.add_argument("--encoding", metavar="ENC", help="文字コード / encoding of a CSV staff file")


FORMATS = ("docx", "md")


def run(args: argparse.Namespace, ctx: Context) -> int:
    out_file = str(args.output or "")
    fmt = ctx.format  # docx or md (checked by the front end)
    if fmt == "docx" and not out_file:
        raise UsageError(bilingual("Word 形式は -o FILE を指定してください", "docx output needs -o FILE"))
    if (fmt == "docx" and Path(out_file).suffix.lower() != ".docx") or (
        fmt == "md" and Path(out_file).suffix.lower() == ".docx"
    ):
        raise OutputError(
            "format",
            bilingual(
                f"出力形式 {fmt} と出力先 {out_file} の拡張子が一致しません（Word は .docx）",
                f"format {fmt} does not match the suffix of {out_file} (Word needs .docx)",
            ),
            path=out_file,
        )
    cat = ctx.catalog()
    framework = cat.framework(args.framework).id if args.framework else None
    targets = read_targets(args.targets, catalog=cat) if args.targets else None
    errors: list[StaffRowError] = []
    warnings: list[StaffWarning] = []
    r = None
    staff_date = None
    if args.staff:
        staff_date = dt.date.fromtimestamp(Path(args.staff).stat().st_mtime)

        def records() -> Iterator[StaffRecord]:
            for item in iter_staff(args.staff, encoding=args.encoding, catalog=cat):
                if isinstance(item, StaffRecord):
                    yield item
                elif isinstance(item, StaffWarning):
                    warnings.append(item)
                else:
                    errors.append(item)

        r = rollup(cat, records(), framework=framework)
    prog = progress(targets, r, cat) if targets is not None and r is not None else None
    d = draft(
        cat,
        kind=args.kind,
        framework=framework,
        rollup=r,
        progress=prog,
        staff_source=args.staff,
        staff_date=staff_date,
        targets_source=args.targets,
    )
    if fmt == "docx":
        from ..render.docx import draft_docx

        ctx.write_bytes(draft_docx(d))
    else:
        ctx.out.write(draft_markdown(d))
    for w in warnings:
        sys.stderr.write(f"skillframe: {w}\n")
    if errors:
        for e in errors:
            sys.stderr.write(f"skillframe: {e}\n" if e.file else f"skillframe: {args.staff}: {e}\n")
        return 1
    return 0
