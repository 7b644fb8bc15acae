"""``skillframe policy``: a draft 基本方針 or 年度計画 as Word (.docx) or Markdown.

The structure is the report's ひな形; personas, skills and ladders come from the catalog
(with the overlay's names), current figures from ``--staff`` (evaluated and rolled up),
progress from ``--targets``, and the advice from the overlay's profile. What only the
municipality can write is a visible 【要記入：…】. The output is written atomically
(temporary file + rename) and never over an input. Exit 0; 1 on invalid input (nothing
written) or unreadable staff rows (the draft is still written, errors on stderr); 2 on
usage errors.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .._rollup import rollup
from .._staff import StaffRecord, StaffRowError, iter_staff
from .._targets import progress, read_targets
from ..errors import bilingual
from ..policy import draft, draft_markdown
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


def write_atomic(target: str, data: bytes, inputs: list[str]) -> None:
    """Write ``data`` to ``target`` through a temporary file in the same folder, then rename.

    Refuses (:class:`UsageError`) when ``target`` is one of ``inputs``. A local helper until
    the shared writer exists.
    """
    out = Path(target).resolve()
    for i in inputs:
        same = Path(i).resolve() == out
        if not same and out.exists() and Path(i).exists():
            same = os.path.samefile(i, out)  # a hard link is the same file too
        if same:
            raise UsageError(bilingual(f"出力先 {target} は入力ファイルです", f"the output {target} is an input file"))
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)  # as an ordinary new file (mkstemp makes it private)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def run(args: argparse.Namespace, ctx: Context) -> int:
    out_file = str(args.output or "")
    fmt = args.format or ("md" if out_file.lower().endswith((".md", ".markdown")) else "docx")
    if fmt not in ("docx", "md"):
        raise UsageError(bilingual(f"不明な出力形式 '{fmt}'", f"unknown format '{fmt}'") + " (choose from: docx, md)")
    if fmt == "docx" and not out_file:
        raise UsageError(bilingual("Word 形式は -o FILE を指定してください", "docx output needs -o FILE"))
    cat = ctx.catalog()
    framework = cat.framework(args.framework).id if args.framework else None
    targets = read_targets(args.targets, catalog=cat) if args.targets else None
    errors: list[StaffRowError] = []
    r = None
    staff_date = None
    if args.staff:
        staff_date = dt.date.fromtimestamp(Path(args.staff).stat().st_mtime)

        def records() -> Iterator[StaffRecord]:
            for item in iter_staff(args.staff, encoding=args.encoding, catalog=cat):
                if isinstance(item, StaffRecord):
                    yield item
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
        staff_rejected=len(errors),
    )
    if fmt == "docx":
        from ..render.docx import draft_docx

        data = draft_docx(d)
    else:
        data = draft_markdown(d).encode("utf-8")
    if out_file:
        inputs = [*args.catalog, *(x for x in (args.staff, args.targets) if x)]
        write_atomic(out_file, data, inputs)
    else:
        ctx.out.write(data.decode("utf-8"))
    if errors:
        for e in errors:
            sys.stderr.write(f"skillframe: {args.staff}: {e}\n")
        return 1
    return 0
