"""``skillframe report``: the organisation report (HTML with inline SVG charts, or Markdown).

Reads the staff file as a stream, evaluates each record, rolls everything up in one pass
and compares it with a targets file. Exit 0 on success; 1 when the targets file is
invalid (file:line, no report is written) or when staff rows could not be read (the
report is still written, with the count of unreadable rows, and the errors go to
stderr); 2 on usage errors.

Nobody missing from the staff file is dropped silently. ``--roster FILE`` (the roster the
forms were made from, read as ``form`` and ``record --roster`` read it: id, persona, 課; a
roster with a problem refuses, ``roster-errors``, exit 1) counts its people with no row in
the file as not answered (データ不足), in the headcount and their 課, and the report names them.
With ``--db``, the people of the latest recorded 年度 not in the file (when every person of the
file is in that year: the file is that year's, e.g. recorded with ``record --roster``) are
named in the report and on stderr (warning ``recorded-not-in-file``), not counted.
"""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs

from ..errors import LookupFailed, bilingual
from ..organisation import AbsentStaff, absent_from, progress, read_targets, rollup
from ..render.absent import absent_warning
from ..render.history_tables import history_tables
from ..render.report import report_html, report_markdown
from ..render.report_xlsx import report_xlsx
from ..staff import StaffRecord, StaffRowError, StaffWarning, iter_staff
from ..staff.columns import Column, header_of
from ._context import Context
from ._history import REEVALUATE_HELP
from ._options import UsageError, add_staff_file_options
from ._progress import progress as show_progress
from ._roster import RosterCount, add_roster_option

NAME = "report"
HELP = "組織の育成状況レポート / organisation report: steps, departments, training demand, 総務省 levels, targets"
EXAMPLE = (
    "  skillframe report examples/staff.csv --targets examples/targets.yaml -o report.html\n"
    "  skillframe report staff.csv --catalog town.yaml --format md --lang en"
)


FORMATS = ("html", "md", "xlsx")


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("staff", metavar="STAFF_FILE", help="職員ファイル / staff file (.csv, .json, .xlsx)")
    p.add_argument("--targets", "-t", metavar="FILE", help="数値目標ファイル / targets file (YAML, docs/targets.md)")
    p.add_argument(
        "--framework",
        metavar="ID",
        help="設定を使うフレームワーク / framework whose settings apply (default: the overlay)",
    )
    add_staff_file_options(p)
    p.add_argument("--title", metavar="TEXT", help="表題 / report title")
    p.add_argument(
        "--db",
        metavar="URL",
        help="評価履歴（年度推移・前年度の達成状況を追加）/ assessment history: adds the year-over-year section",
    )
    p.add_argument(
        "--municipality",
        "-m",
        metavar="CODE",
        help="履歴の全国地方公共団体コード / municipality code of the history (default: $SKILLFRAME_MUNICIPALITY)",
    )
    p.add_argument("--reevaluate", action="store_true", help=REEVALUATE_HELP)
    add_roster_option(p)


def run(args: argparse.Namespace, ctx: Context) -> int:
    fmt = ctx.format
    # a page of markup helps nobody on a terminal, unless --format html asked for it there
    if fmt == "html" and args.format is None and not args.output and sys.stdout.isatty():
        raise UsageError(
            bilingual(
                "HTML の報告書は端末には出力しません: -o 報告書.html でファイルに書いてください"
                "（端末で読むなら --format md）",
                "the HTML report is not printed to a terminal: write it with -o report.html"
                " (--format md to read it here)",
            )
        )
    cat = ctx.catalog()
    framework = args.framework
    if framework is not None:
        try:
            framework = cat.framework(framework).id
        except LookupFailed as exc:
            raise UsageError(str(exc)) from None
    targets = read_targets(args.targets, catalog=cat) if args.targets else None
    if framework is None and targets is not None and targets.framework is not None:
        framework = cat.framework(targets.framework).id
    if framework is None:
        overlays = [f.id for f in cat.frameworks() if f.extends]
        framework = overlays[-1] if len(overlays) == 1 else None
    errors: list[StaffRowError] = []
    no_persona: list[StaffRowError] = []  # counted as 未設定 and listed by row (evaluate: an error)
    source = Path(args.staff).name
    header: list[list[Column]] = []  # the file's header columns, as the reader classified them
    # the file's ids (for --db too) and, after the file, the roster's people with no row
    roster = RosterCount(cat, args.roster, encoding=args.roster_encoding, track=bool(args.db))

    def records() -> Iterator[StaffRecord]:
        for item in show_progress(
            iter_staff(args.staff, encoding=args.encoding, catalog=cat, sheet=args.sheet, on_header=header.append),
            label="rows",
        ):
            if isinstance(item, StaffRecord):
                roster.see(item.id)
                if item.persona is None:
                    no_persona.append(
                        StaffRowError(
                            item.row,
                            header_of(header[0] if header else [], "persona"),  # as written (人材像…)
                            bilingual(
                                "人材像がありません（人材像 未設定 として数えました）",
                                "no persona (counted as 'not set')",
                            ),
                            item.id,
                            code="missing-persona",
                            file=str(args.staff),
                        )
                    )
                yield item
            elif isinstance(item, StaffWarning):
                sys.stderr.write(f"skillframe: {item}\n")
            else:
                errors.append(item)
                roster.see(item.id)  # in the file, listed as unreadable: not missing
        yield from roster.missing()  # the roster's people with no row: not answered

    # training completion counts the skills some step measures by training (the rollup's own
    # rule, organisation.trained): the table and a 研修受講率 target alike, as from Python
    r = rollup(cat, records(), framework=framework)
    absent = roster.absent
    hist = _history(args, ctx, roster.seen or set(), absent) if getattr(args, "db", None) else None
    missing = [attrs.evolve(a, people=tuple(_labelled(p, ctx) for p in a.people)) for a in absent]
    prog = progress(targets, r, cat, history=hist) if targets is not None else None
    bad_rows = len({e.row for e in errors})
    used = [f for f in cat.frameworks() if framework is None or f.id == framework or f.extends is None]
    catalog = ", ".join(f"{ctx.label(f)}" + (f" ({f.version})" if f.version else "") for f in used)
    # the 年度推移 section follows the 所見 in every format (XLSX: a sheet per table)
    history = history_tables(hist, cat, lang=ctx.lang) if hist is not None else []
    write: Callable[..., str | bytes] = functools.partial(
        report_html if fmt == "html" else report_xlsx if fmt == "xlsx" else report_markdown, history=history
    )
    out = write(
        r,
        prog,
        lang=ctx.lang,
        title=args.title,
        row_errors=bad_rows,
        source=source,
        catalog=catalog,
        errors=errors,
        no_persona=no_persona,
        absent=missing,
    )
    if isinstance(out, bytes):
        ctx.write_bytes(out)
    else:
        ctx.out.write(out)
    if no_persona:
        shown = ", ".join(str(e.row) for e in no_persona[:10]) + (", …" if len(no_persona) > 10 else "")
        sys.stderr.write(
            "skillframe: "
            + bilingual(
                f"人材像のない {len(no_persona)} 行を 人材像 未設定 として数えました（行 {shown}）",
                f"{len(no_persona)} row(s) without a persona counted as 'not set' (row {shown})",
            )
            + "\n"
        )
    for a in missing:
        sys.stderr.write(f"skillframe: {absent_warning(a)}\n")
    if errors:
        for e in errors:
            sys.stderr.write(f"skillframe: {e}\n")  # the error names its file
        sys.stderr.write(bilingual(f"{bad_rows} 行を読めませんでした", f"{bad_rows} row(s) could not be read") + "\n")
        return 1
    return 0


def _history(args: argparse.Namespace, ctx: Context, seen: set[str], absent: list[AbsentStaff]) -> Any:
    """The assessment history of ``--db`` (for the 年度推移 section and ``baseline: history``);
    the people of its latest year not in the file (``seen``: the ids counted) go to ``absent``."""
    import os

    from ..history import open_history

    cat = ctx.catalog()
    muni = args.municipality or os.environ.get("SKILLFRAME_MUNICIPALITY")
    store = open_history(args.db, create=False)
    try:
        hist = store.history(cat, municipality=muni, reevaluate=args.reevaluate)
        gone = _recorded_not_in_file(store, hist, seen)
        if gone is not None:
            absent.append(gone)
        return hist
    finally:
        store.close()


def _recorded_not_in_file(store: Any, hist: Any, seen: set[str]) -> AbsentStaff | None:
    """The people of the latest recorded 年度 not among ``seen`` (the ids the report counts), when
    that year holds everybody of ``seen`` (the file is that year's: a later year's file has
    arrivals, and its missing people are leavers); ``None`` when nobody is missing, when the
    file is not that year's, or when the year is pseudonymised (ids cannot be matched).
    ``hist``: the store's :class:`~skillframe.History` (every year: its municipality and years
    are the store's, resolved and read once)."""
    if not hist.years or not seen:
        return None
    muni, year = hist.municipality, hist.years[-1]
    if any(run.pseudonymised for run in store.runs(muni) if run.fiscal_year == year):
        return None
    rows = store.assessments(year, municipality=muni)
    if not seen <= {a.staff_key for a in rows}:
        return None
    people = [StaffRecord(id=a.id, persona=a.record.persona, department=a.record.department) for a in rows]
    gone = absent_from(seen, people)
    return AbsentStaff(gone, counted=False, year=year) if gone else None


def _labelled(person: StaffRecord, ctx: Context) -> StaffRecord:
    """``person`` with its persona as the report names it (its label in ``--lang``; a persona
    the catalog does not know stays as written)."""
    if not person.persona:
        return person
    try:
        label = ctx.label(ctx.catalog().persona(person.persona))
    except LookupFailed:
        return person
    return attrs.evolve(person, persona=label)
