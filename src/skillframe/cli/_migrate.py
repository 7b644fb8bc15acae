"""``skillframe migrate``: carry a staff file from one edition of a framework to the next.

Reads the staff file as written — or, with ``--db URL --year YYYY [-m CODE]``, the records
stored for that 年度 in the assessment history (as read, extras included) — follows the
edition map (``--editions``), writes the records in the new edition as CSV (UTF-8 with
BOM, for Japanese Excel; the staff-file columns, ids of the new edition) to ``-o FILE`` or
stdout, and lists every key that could not be carried — with its record, field, code and reason — on stderr and, with
``--report FILE`` (always written, header only when everything was carried), as CSV, TSV or XLSX. Nothing is
dropped. Exit 0 when every row was read and carried (keys not carried are listed, not errors); exit 1 when
any row of the staff file could not be read (code ``row``; the other rows are still written, as ``evaluate``
and ``record`` do) and for a bad map, catalog, staff file or history (nothing written); 2 on usage errors
(both or neither of STAFF_FILE and ``--db``, a missing file, an output over an input).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .._table import Table
from ..editions import Migration, migrate, read_edition_map
from ..errors import HistoryError, OutputError, bilingual
from ..render.writer import SafeOutput, check_not_input, choose_format
from ..staff import StaffRecord, StaffTable, read_staff
from ..staff.columns import NUMBER_FIELDS
from ._context import Context
from ._options import UsageError, add_staff_file_options

NAME = "migrate"
HELP = "職員データを新しい版へ移行 / carry staff records to the next edition of a framework through an edition map"
EXAMPLE = (
    "  skillframe migrate staff-1.2.csv --editions town-1.2-to-2.0.yaml --catalog town-1.2.yaml "
    "--catalog town-2.0.yaml -o staff-2.0.csv --report not-carried.csv\n"
    "  skillframe migrate --db sqlite:///history.db -m 131016 --year 2025 --editions town-1.2-to-2.0.yaml "
    "--catalog town-1.2.yaml --catalog town-2.0.yaml -o staff-2.0.csv"
)

#: The staff file is written as CSV or TSV (what read_staff reads back).
FORMATS = ("csv", "tsv")
#: The --report file: CSV, TSV or XLSX (from its suffix).
REPORT_FORMATS = ("csv", "tsv", "xlsx")
#: Headers of the list of keys not carried: (Japanese, English); ``--lang`` chooses.
REPORT_HEADERS = (
    ("職員番号", "record"),
    ("項目", "field"),
    ("キー", "key"),
    ("コード", "code"),
    ("旧版の id", "old"),
    ("新版の候補", "targets"),
    ("理由", "reason"),
)


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "staff",
        metavar="STAFF_FILE",
        nargs="?",
        help="旧版の職員ファイル / staff file in the old edition (.csv, .json, .xlsx); or --db",
    )
    add_staff_file_options(p)
    p.add_argument(
        "--db",
        metavar="URL",
        help="評価履歴から読む / read the records stored for --year in this assessment history instead",
    )
    p.add_argument(
        "--municipality",
        "-m",
        metavar="CODE",
        default=os.environ.get("SKILLFRAME_MUNICIPALITY"),
        help="--db の団体コード / municipality code in --db (default: $SKILLFRAME_MUNICIPALITY, else the only one)",
    )
    p.add_argument("--year", "-y", type=int, metavar="YYYY", help="--db から読む年度 / fiscal year to read from --db")
    p.add_argument(
        "--editions", metavar="MAP", required=True, help="版の対応ファイル / edition map (format skillframe-editions/1)"
    )
    p.add_argument(
        "--report",
        metavar="FILE",
        help="引き継げなかった項目を出力 / write the keys not carried to FILE (.csv, .tsv, .xlsx)",
    )
    p.add_argument(
        "--min-confidence",
        type=float,
        default=0.0,
        metavar="X",
        help="引き継ぐ対応の最小確度 / lowest confidence that carries (0-1)",
    )


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "はい" if value else "いいえ"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def staff_rows(records: tuple[StaffRecord, ...]) -> tuple[list[str], list[list[str]]]:
    """Records as the header and rows of a staff file (the columns :func:`~skillframe.read_staff` reads).

    Cells are text as written (not yet neutralised: the table writer does that).
    """
    dsm = list(dict.fromkeys(k for r in records for k in r.dsm))
    tools = list(dict.fromkeys(k for r in records for k in r.tools))
    checks = list(dict.fromkeys(k for r in records for k in r.tool_checks))
    extra = list(dict.fromkeys(k for r in records for k in r.extra))
    header = ["id", "persona", "department", "trainings", *NUMBER_FIELDS, "mentoring"]
    header += [f"dsm:{k}" for k in dsm] + [f"tool:{k}" for k in tools] + [f"check:{k}" for k in checks] + extra
    rows: list[list[str]] = []
    for r in records:
        trainings = None if r.trainings is None else (";".join(r.trainings) or "なし")
        row = [r.id, r.persona, r.department, trainings, *(getattr(r, f) for f in NUMBER_FIELDS), r.mentoring]
        row += [r.dsm.get(k) for k in dsm] + [r.tools.get(k) for k in tools]
        row += [";".join(r.tool_checks[k]) if k in r.tool_checks else None for k in checks]
        row += [r.extra.get(k) for k in extra]
        rows.append([_cell(v) for v in row])
    return header, rows


def report_rows(mg: Migration) -> list[list[str]]:
    """The keys not carried: record, field, key, code, old id, targets, reason."""
    return [[n.record, n.field, n.key, n.code, n.old_id or "", " ".join(n.targets), n.message] for n in mg.not_carried]


def _check_outputs(args: argparse.Namespace, ctx: Context) -> str | None:
    """Refuse -o/--report over an input (``--editions`` included) or over each other; the report's format."""
    inputs = [*ctx.inputs(), args.editions]
    for out in (args.output, args.report):
        if out:
            check_not_input(out, inputs)
    if not args.report:
        return None
    if args.output and Path(args.output).resolve() == Path(args.report).resolve():
        raise OutputError(
            "output-is-input",
            bilingual("-o と --report が同じファイルです", "-o and --report name the same file"),
            path=args.report,
        )
    return choose_format(None, args.report, REPORT_FORMATS, "csv")


def _check_source(args: argparse.Namespace) -> None:
    """Exactly one of STAFF_FILE and ``--db`` (with ``--year``); ``--year``/``-m`` only with ``--db``."""
    if (args.staff is None) == (args.db is None):
        raise UsageError(
            bilingual(
                "職員ファイルか --db のどちらか一方を指定してください",
                "give either STAFF_FILE or --db (one of them, not both)",
            )
        )
    if args.db is not None and args.year is None:
        raise UsageError(bilingual("--db には --year（年度）が必要です", "--db needs --year (the fiscal year)"))
    if args.db is None and args.year is not None:
        raise UsageError(bilingual("--year は --db と使います", "--year is used with --db"))
    if args.db is not None and (args.encoding or args.sheet):
        raise UsageError(
            bilingual("--encoding・--sheet は職員ファイルと使います", "--encoding and --sheet are used with STAFF_FILE")
        )


def history_records(url: str, year: int, municipality: str | None) -> tuple[list[StaffRecord], bool]:
    """The records stored for ``year`` in the history at ``url`` (as read), and whether any id is a pseudonym.

    Raises :class:`~skillframe.HistoryError` (code ``no-records``) when that 年度 has none.
    """
    import skillframe

    store = skillframe.open_history(url, create=False)
    try:
        stored = store.assessments(year, municipality=municipality)
        if not stored:
            years = ", ".join(str(y) for y in store.years(municipality)) or "-"
            raise HistoryError(
                "no-records",
                f"{year}年度の記録がありません（記録のある年度: {years}）",
                f"nothing is recorded for FY{year} (recorded years: {years})",
            )
        runs = {r.id: r.pseudonymised for r in store.runs(municipality)}
    finally:
        store.close()
    return [a.record for a in stored], any(runs.get(a.run_id, False) for a in stored)


def run(args: argparse.Namespace, ctx: Context) -> int:
    _check_source(args)
    emap_path = Path(args.editions)
    report_format = _check_outputs(args, ctx)
    for path in (Path(args.staff) if args.staff else None, emap_path):
        if path is not None and path.is_dir():
            raise UsageError(
                bilingual(f"フォルダーです（ファイルを指定してください）: {path}", f"a folder, not a file: {path}")
            )
        if path is not None and not path.is_file():
            raise UsageError(bilingual(f"ファイルがありません: {path}", f"no such file: {path}"))
    if not 0 <= args.min_confidence <= 1:
        raise UsageError(bilingual("--min-confidence は 0〜1 です", "--min-confidence must be 0-1"))
    cat = ctx.catalog()
    emap = read_edition_map(emap_path, cat)
    records: list[StaffRecord] | StaffTable
    if args.db is not None:
        records, pseudonyms = history_records(args.db, args.year, args.municipality)
        if pseudonyms:
            sys.stderr.write(
                bilingual(
                    "注意: 履歴の職員番号は仮名です（出力の id も仮名）",
                    "note: the history stores pseudonyms; the output's ids are pseudonyms",
                )
                + "\n"
            )
    else:
        records = read_staff(Path(args.staff), encoding=args.encoding, sheet=args.sheet)
        for w in records.warnings:  # as every command that reads a staff file says them
            sys.stderr.write(f"skillframe: {w}\n")
    mg = migrate(cat, records, emap, min_confidence=args.min_confidence)
    rows = report_rows(mg)
    headers = tuple(ctx.h(ja, en) for ja, en in REPORT_HEADERS)
    header, staff_out = staff_rows(mg.records)
    ctx.write_rows(header, staff_out)  # the staff file of the new edition (BOM, neutralised cells)
    if args.report and report_format is not None:
        report = Table(
            title=ctx.h("引き継げなかった項目", "not carried"),
            headers=headers,
            rows=[tuple(r) for r in ctx.fit(rows)],
            notes=(f"{mg.source} → {mg.target}", *ctx.provenance()),
        )
        enc = ctx.encoding if report_format in ("csv", "tsv") else "utf-8"
        with SafeOutput(args.report, inputs=[*ctx.inputs(), args.editions], encoding=enc) as out:
            if report_format == "xlsx":
                out.binary().write(report.render("xlsx"))
            else:
                out.text().write(report.render(report_format))
    unread = len(mg.rows_not_carried)
    summary = bilingual(
        f"{mg.source} → {mg.target}: {len(mg.records)} 人を移行、引き継げなかった項目 {len(rows)} 件"
        + (f"（うち読めなかった行 {unread} 件）" if unread else ""),
        f"{len(mg.records)} record(s) carried, {len(rows)} key(s) not carried"
        + (f" ({unread} row(s) could not be read)" if unread else ""),
    )
    sys.stderr.write(summary + "\n")
    if rows:
        text = Table(title="", headers=headers, rows=[tuple(r) for r in rows]).render("simple")
        sys.stderr.write(text[2:] if text.startswith("\n\n") else text)
    return 1 if unread else 0  # as evaluate and record: 1 when any row had errors
