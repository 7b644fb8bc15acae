"""``skillframe policy``: a draft 基本方針 or 年度計画 as Word (.docx) or Markdown.

The structure is the report's ひな形; personas, skills and ladders come from the catalog
(with the overlay's names), current figures from ``--staff`` (evaluated and rolled up) or
from one recorded 年度 of the assessment history (``--db``), progress from ``--targets``, and
the advice from the overlay's profile. ``--staff`` with ``--db``: the staff file gives the
current figures, the history the baselines of ``baseline: history`` targets and the
年度計画's 前年度の達成状況 (as ``report STAFF --db``). ``--roster FILE`` (with ``--staff``; as
``report --roster``: the roster the forms were made from, a roster with a problem refuses,
``roster-errors``, exit 1) counts its people with no row in the staff file as not answered
(データ不足), in the headcount and their 課; the draft says so beside the figures' source and
stderr warns ``roster-only``. Years recorded under another catalog
stop the command unless ``--reevaluate`` (as ``history``). What only the
municipality can write is a visible 【要記入：…】. The output goes through the safe writer
(never over an input, renamed into place only when complete). Formats: ``docx`` (needs
``-o FILE.docx``) and ``md``. Exit 0; 1 on invalid input (nothing written) or unreadable
staff rows (the draft is still written, errors on stderr); 2 on usage errors.

The draft is a Japanese municipal document and is written in Japanese whatever ``--lang`` is;
its messages (stderr) are in Japanese and English either way, so ``--lang en`` changes nothing
but a note on stderr saying so.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from .. import Catalog
from ..errors import HistoryError, OutputError, bilingual
from ..organisation import progress, read_targets, rollup
from ..policy import draft
from ..policy.achievement import achievement_table
from ..render.absent import absent_sentences, absent_warning
from ..render.drafts import draft_markdown
from ..staff import StaffRecord, StaffRowError, StaffWarning, iter_staff
from ._context import Context
from ._history import REEVALUATE_HELP
from ._options import UsageError, add_staff_file_options
from ._roster import RosterCount, add_roster_option

if TYPE_CHECKING:
    from .._table import Table
    from ..history import History
    from ..organisation import Rollup

NAME = "policy"
HELP = (
    "方針の下書き（日本語の文書）/ a draft 基本方針 or 年度計画 (Word .docx or Markdown) in the report's "
    "template structure, written in Japanese whatever --lang"
)
#: The draft is a Japanese document: --lang does not translate it.
LANG_NOTE = (
    "下書きは --lang に関係なく日本語で書きます（自治体の文書のため）。メッセージは日英併記です",
    "the draft is written in Japanese whatever --lang is (a Japanese municipal document); "
    "messages are in Japanese and English either way",
)
LANG_HELP = " / ".join(LANG_NOTE)
EXAMPLE = (
    "  skillframe policy --catalog town.yaml --staff staff.csv --targets targets.yaml -o 方針.docx\n"
    "  skillframe policy --catalog town.yaml --kind annual --format md -o 年度計画.md\n"
    "  skillframe policy --db sqlite:///history.db -m 131016 --kind annual -o 年度計画.docx\n"
    "  skillframe policy --staff staff.csv --db sqlite:///history.db -m 131016 --targets targets.yaml -o 方針.docx"
)


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("--staff", "-s", metavar="FILE", help="職員ファイル / staff file (.csv, .json, .xlsx)")
    p.add_argument("--targets", "-t", metavar="FILE", help="数値目標ファイル / targets file (docs/targets.md)")
    p.add_argument("--kind", choices=("basic", "annual"), default="basic", help="基本方針 (basic) / 年度計画 (annual)")
    p.add_argument("--framework", metavar="ID", help="自治体のフレームワーク / the municipality's overlay")
    add_staff_file_options(p, ja="--staff の職員ファイル", en="--staff file")
    p.add_argument(
        "--db",
        metavar="URL",
        help=(
            "評価履歴（--staff がなければ現状の数値も履歴から; baseline: history の基準値）/ assessment history: "
            "the current figures without --staff, and the baselines of baseline: history targets"
        ),
    )
    p.add_argument(
        "--municipality",
        "-m",
        metavar="CODE",
        help="履歴の全国地方公共団体コード / municipality code of the history (default: $SKILLFRAME_MUNICIPALITY)",
    )
    p.add_argument(
        "--year",
        "-y",
        type=int,
        help="履歴の年度 / fiscal year of the history to use (default: the latest recorded)",
    )
    p.add_argument("--reevaluate", action="store_true", help=REEVALUATE_HELP)
    add_roster_option(p)


FORMATS = ("docx", "md")


def run(args: argparse.Namespace, ctx: Context) -> int:
    if (args.municipality or args.year is not None or args.reevaluate) and not args.db:
        raise UsageError(
            bilingual(
                "-m/--municipality・--year・--reevaluate は --db と一緒に指定します",
                "-m/--municipality, --year and --reevaluate need --db",
            )
        )
    if args.roster and not args.staff:
        raise UsageError(bilingual("--roster は --staff と一緒に指定します", "--roster needs --staff"))
    if (args.encoding or args.sheet) and not args.staff:
        raise UsageError(
            bilingual("--encoding・--sheet は --staff と一緒に指定します", "--encoding and --sheet need --staff")
        )
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
    if ctx.lang == "en":  # said, not silently ignored: the draft stays Japanese
        sys.stderr.write("skillframe: " + bilingual(*LANG_NOTE) + "\n")
    cat = ctx.catalog()
    framework = cat.framework(args.framework).id if args.framework else None
    if framework is None:  # as report and the draft: the one overlay's settings (its 課), whatever the staff name
        overlays = [f.id for f in cat.frameworks() if f.extends]
        framework = overlays[0] if len(overlays) == 1 else None
    targets = read_targets(args.targets, catalog=cat) if args.targets else None
    errors: list[StaffRowError] = []
    warnings: list[StaffWarning] = []
    r = None
    staff_date = None
    # as report --roster: its people with no row, not answered
    roster = RosterCount(cat, args.roster, encoding=args.roster_encoding)
    if args.staff:
        staff_date = dt.date.fromtimestamp(Path(args.staff).stat().st_mtime)

        def records() -> Iterator[StaffRecord]:
            for item in iter_staff(args.staff, encoding=args.encoding, catalog=cat, sheet=args.sheet):
                if isinstance(item, StaffRecord):
                    roster.see(item.id)
                    yield item
                elif isinstance(item, StaffWarning):
                    warnings.append(item)
                else:
                    errors.append(item)
                    roster.see(item.id)  # in the file, listed as unreadable: not missing
            yield from roster.missing()

        r = rollup(cat, records(), framework=framework)
    hist = _from_history(args, cat, framework) if args.db else None
    if hist is not None and r is None:
        r = hist.rollup
    history = hist.history if hist is not None else None
    prog = progress(targets, r, cat, history=history) if targets is not None and r is not None else None
    d = draft(
        cat,
        kind=args.kind,
        framework=framework,
        rollup=r,
        progress=prog,
        staff_source=args.staff,
        staff_date=staff_date,
        targets_source=args.targets,
        figures_source=hist.source if hist is not None and not args.staff else None,
        history_source=hist.history_source if hist is not None else None,
        achievement=hist.achievement if hist is not None and args.kind == "annual" else None,
        staff_rejected=len({(e.file, e.row) for e in errors}),  # rows, not errors (a row may have several)
        staff_notes=tuple(absent_sentences(roster.absent)),  # the draft is Japanese
    )
    if fmt == "docx":
        from ..render.docx import draft_docx

        ctx.write_bytes(draft_docx(d))
    else:
        ctx.out.write(draft_markdown(d))
    if not args.staff and r is not None:  # figures from the history: its records' personas (as --staff would warn)
        warnings += [attrs.evolve(s, file=args.db).warning() for s in r.shadowed]
    for w in warnings:
        sys.stderr.write(f"skillframe: {w}\n")
    for a in roster.absent:
        sys.stderr.write(f"skillframe: {absent_warning(a)}\n")
    if errors:
        for e in errors:
            sys.stderr.write(f"skillframe: {e}\n" if e.file else f"skillframe: {args.staff}: {e}\n")
        return 1
    return 0


@attrs.frozen
class _FromHistory:
    rollup: Rollup
    source: str
    achievement: Table
    history: History
    history_source: str


def _from_history(args: argparse.Namespace, cat: Catalog, framework: str | None) -> _FromHistory:
    """The figures of one recorded 年度 (``--year``, default the latest), re-evaluated with ``cat``,
    and the history up to that 年度 (baselines of ``baseline: history`` targets)."""
    import os

    from ..history import no_years, open_history  # the history extra (sqlalchemy) only when --db is given
    from ..history import validate_municipality_code as code

    store = open_history(args.db, create=False)
    try:
        muni = args.municipality or os.environ.get("SKILLFRAME_MUNICIPALITY")
        years = store.years(muni)  # nothing recorded at all, or several codes and none given: refused
        if not years and muni:  # a code with no records: named, with the codes recorded (as history says it)
            raise no_years(code(muni), [], store.municipalities(), None, None)
        if not years:
            raise HistoryError("empty", "記録がありません", "nothing has been recorded")
        year = years[-1] if args.year is None else args.year
        if year not in years:
            listed = ", ".join(map(str, years))
            raise HistoryError(
                "year-not-recorded",
                f"{year}年度の記録がありません（記録のある年度: {listed}）",
                f"fiscal year {year} is not recorded (recorded: {listed})",
            )
        h = store.history(cat, municipality=muni, to_year=year, reevaluate=args.reevaluate)
        runs = [run for run in store.runs(h.municipality) if run.fiscal_year == year]
        days = ", ".join(sorted({run.recorded_on.isoformat() for run in runs})) or "不明"
        url = store.engine.url.render_as_string(hide_password=True)
        source = (
            f"出典: 評価履歴データベース {url}（団体コード {h.municipality}、{year}年度、記録日 {days}）"
            "の職員データを現在のカタログで skillframe が集計"
        )
        r = rollup(cat, (a.record for a in store.assessments(year, municipality=h.municipality)), framework=framework)
        before = max((y for y in years if y < year), default=None)
        prev = f"と{before}年度の記録を比較" if before is not None else "（前年度の記録なし）"
        ach = achievement_table(
            cat,
            h.achievement(year),
            year=year,
            before=before,
            source=source.replace("の職員データを現在のカタログで skillframe が集計", prev),
            absent=h.flow(before, year, to_rank=None) if before is not None else 0,
            ladderless=h.ladderless,
        )
        span = f"{h.years[0]}〜{year}" if h.years[0] != year else str(year)
        history_source = f"評価履歴データベース {url}（団体コード {h.municipality}、{span}年度の記録）"
        return _FromHistory(r, source, ach, h, history_source)
    finally:
        store.close()
