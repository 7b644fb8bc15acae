"""``skillframe record``: store a 年度's staff records and their evaluation in the assessment history.

Exit 0 when stored; exit 1 (nothing stored) when the file has row errors (each printed once,
then one line "nothing recorded"), has no people (``no-people``: no database file is made), a
person appears twice, the municipality code is wrong, or the database refuses. Re-recording a
year replaces the rows of the people in the file and keeps the others (said, with their
number); ``--replace-year`` makes the year hold exactly the file.

Personal-data columns (name, kana, birth date, address, telephone, e-mail, 個人番号) are never
stored; with ``--pseudonymise`` only the extra columns named by ``--keep-column`` are. The
columns not stored are listed on stderr (Japanese and English); naming a personal column to
keep is refused (exit 1, nothing recorded).

``--roster FILE`` (the roster the forms were made from, read as ``form`` reads it: id, persona,
課): its people with no row this year — a form refused by ``collect``, or never returned — are
recorded with no answer (warning ``roster-only``), so ``history`` shows them as データ不足 when
lower than the year before, not as 離任 (left). A roster with a problem is refused
(``roster-errors``, exit 1, nothing recorded), and so is one naming nobody in STAFF_FILE
(``roster-mismatch``: another municipality's roster, or ids written differently).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import HistoryError, bilingual
from ._context import Context
from ._options import UsageError, add_staff_file_options
from ._roster import add_roster_option, roster_option

if TYPE_CHECKING:
    from ..history import RecordResult

NAME = "record"
HELP = "評価結果を年度ごとに記録 / record a year's staff records and evaluation in the assessment history"
EXAMPLE = (
    "  skillframe record staff.xlsx --year 2026 --municipality 131016\n"
    "  skillframe record staff.csv --year 2026 --municipality 131016 --pseudonymise --key-env TOWN_KEY\n"
    "  skillframe record staff.csv --year 2026 --municipality 131016 --db postgresql://user@host/skills\n"
    "  skillframe record collected.xlsx --year 2026 --municipality 131016 --roster roster.csv"
)

#: A one-line summary of what was recorded.
FORMATS = ("text",)


def add_db_options(p: argparse.ArgumentParser) -> None:
    """``--db`` and ``--municipality``, shared with ``history``."""
    p.add_argument(
        "--db",
        metavar="URL",
        help="データベース / database URL (default: $SKILLFRAME_HISTORY_DB or sqlite:///skillframe-history.db)",
    )
    p.add_argument(
        "--municipality",
        "-m",
        metavar="CODE",
        default=os.environ.get("SKILLFRAME_MUNICIPALITY"),
        help="全国地方公共団体コード（6桁）/ municipality code, 6 digits (default: $SKILLFRAME_MUNICIPALITY)",
    )


def _this_fiscal_year() -> int:
    today = dt.date.today()
    return today.year if today.month >= 4 else today.year - 1


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("staff", metavar="STAFF_FILE", help="職員ファイル / staff file (.csv, .json, .xlsx)")
    add_staff_file_options(p)
    p.add_argument(
        "--year",
        "-y",
        type=int,
        default=_this_fiscal_year(),
        help="年度（4月〜3月）/ fiscal year, April–March (default: the current one)",
    )
    p.add_argument("--date", metavar="YYYY-MM-DD", help="評価日 / assessment date (default: today)")
    add_db_options(p)
    p.add_argument(
        "--pseudonymise",
        action="store_true",
        help="職員番号を仮名化（鍵は保存しない）/ store staff ids as HMAC pseudonyms (the key is never stored)",
    )
    p.add_argument(
        "--key-env",
        metavar="VAR",
        default="SKILLFRAME_PSEUDONYM_KEY",
        help="仮名化の鍵の環境変数 / environment variable holding the key (default: SKILLFRAME_PSEUDONYM_KEY)",
    )
    p.add_argument("--key", metavar="KEY", help="仮名化の鍵（環境変数を推奨）/ the key itself (prefer --key-env)")
    p.add_argument(
        "--keep-column",
        metavar="COLUMN",
        action="append",
        help="保存する独自の列（繰り返し可。仮名化した履歴は指定した列だけを保存。氏名など個人情報の列は保存しない）"
        " / an extra column to store (repeatable; a pseudonymised history stores only those named; "
        "personal data such as names is never stored)",
    )
    add_roster_option(
        p,
        "名簿（票を作った職員ファイル）: ファイルにいない職員を回答なしとして記録（離任にしない）"
        " / the roster (the staff file the forms were made from): its people not in STAFF_FILE are "
        "recorded with no answers (data missing, not left)",
    )
    p.add_argument(
        "--replace-year",
        action="store_true",
        help="この年度の記録をファイルの内容だけにする（ファイルにいない職員の行を削除）"
        " / make the year hold exactly this file (delete the rows of people not in it)",
    )


def pseudonym_key(args: argparse.Namespace) -> str | None:
    """The key asked for by ``--pseudonymise``/``--key``, or ``None``."""
    if args.key:
        return str(args.key)
    if not args.pseudonymise:
        return None
    key = os.environ.get(args.key_env)
    if not key:
        raise UsageError(
            bilingual(
                f"仮名化の鍵がありません: 環境変数 {args.key_env} を設定してください",
                f"no pseudonymisation key: set the environment variable {args.key_env}",
            )
        )
    return key


def municipality(args: argparse.Namespace) -> str:
    if not args.municipality:
        raise UsageError(
            bilingual(
                "--municipality（全国地方公共団体コード 6 桁）を指定してください",
                "give --municipality (the 6-digit municipality code)",
            )
        )
    return str(args.municipality)


def run(args: argparse.Namespace, ctx: Context) -> int:
    import skillframe

    try:
        on = dt.date.fromisoformat(args.date) if args.date else None
    except ValueError:
        raise UsageError(bilingual(f"日付 '{args.date}' が不正です", f"invalid date '{args.date}'")) from None
    muni = municipality(args)
    from ..history import check_keep_columns, check_people, check_roster, validate_municipality_code
    from ._hints import catalog_hint

    validate_municipality_code(muni)
    key = pseudonym_key(args)
    if args.keep_column:
        check_keep_columns(args.keep_column)  # before anything is opened or created
    cat = ctx.catalog()
    table = skillframe.read_staff(args.staff, encoding=args.encoding, sheet=args.sheet, catalog=cat)
    if table.errors:  # all or nothing: each error once, then one line saying nothing was recorded
        for e in table.errors:
            sys.stderr.write(f"skillframe: {e}\n")
        hint = catalog_hint(table.errors)
        if hint:
            sys.stderr.write(f"skillframe: {hint}\n")
        n = len(table.errors)
        raise HistoryError(
            "staff-errors",
            f"{n} 件の誤りがあるため何も記録していません（誤りを直して記録し直してください）",
            f"nothing recorded: {n} error(s) (correct them and record again)",
        )
    for w in table.warnings:  # a persona of the base framework (persona-of-base-framework), blank rows…
        sys.stderr.write(f"skillframe: {w}\n")
    check_people(table.records, args.staff)  # before the store is opened: no SQLite file is made for nothing
    # read as the forms read it (id, persona, 課); any problem refuses, before the store opens
    roster = roster_option(cat, args.roster, args.roster_encoding)
    if roster is not None:
        check_roster(table.records, roster)  # a roster naming nobody in the file: refused, nothing opened
    store = skillframe.open_history(args.db)
    try:
        result = store.record(
            cat,
            table,
            year=args.year,
            municipality=muni,
            key=key,
            on=on,
            source=Path(args.staff).name,
            replace_year=args.replace_year,
            keep_columns=args.keep_column,
            roster=roster,
        )
    finally:
        store.close()
    _say_dropped(result, pseudonymised=key is not None)
    for said in result.warnings:  # no answers, far fewer than the year before: stored, but check
        sys.stderr.write(f"skillframe: {said}\n")
    run_ = result.run
    y = run_.fiscal_year
    ctx.out.write(
        bilingual(
            f"{y}年度（{run_.municipality}）: {result.stored} 人を記録（うち置換 {result.replaced} 人）",
            f"FY{y} ({run_.municipality}): recorded {result.stored} people ({result.replaced} replaced)",
        )
        + "\n"
    )
    if result.kept:
        ctx.out.write(
            bilingual(
                f"このファイルにいない職員の {y}年度の記録 {result.kept} 人分はそのまま残しました"
                f"（{y}年度は計 {result.stored + result.kept} 人）。"
                "年度をこのファイルだけにするには --replace-year を付けて記録し直してください",
                f"{result.kept} earlier row(s) of FY{y} (people not in this file) were kept "
                f"(FY{y} now holds {result.stored + result.kept} people); "
                "to make the year hold only this file, record it again with --replace-year",
            )
            + "\n"
        )
    if result.removed:
        ctx.out.write(
            bilingual(
                f"このファイルにいない職員の {y}年度の記録 {result.removed} 人分を削除しました",
                f"{result.removed} earlier row(s) of FY{y} (people not in this file) were removed",
            )
            + "\n"
        )
    # each label in Japanese with English beside it; the catalog's description once (it is not words)
    ctx.out.write(
        f"カタログ / catalog: {run_.catalog.describe()}; skillframe {run_.skillframe_version}; "
        + f"仮名化 / pseudonymised: {'あり / yes' if run_.pseudonymised else 'なし / no'}\n"
    )
    return 0


def _say_dropped(result: RecordResult, *, pseudonymised: bool) -> None:
    """On stderr: the extra columns not stored (personal data; the others not named to keep),
    and the names given to ``--keep-column`` that matched no column."""
    personal = [d for d in result.dropped if d.reason != "not-kept"]
    others = [d.column for d in result.dropped if d.reason == "not-kept"]
    if personal:
        sys.stderr.write(
            "skillframe: "
            + bilingual(
                f"個人情報の列は保存しませんでした: {', '.join(d.describe('ja') for d in personal)}",
                f"personal-data columns were not stored: {', '.join(d.describe('en') for d in personal)}",
            )
            + "\n"
        )
    if others:
        shown = ", ".join(others)
        ja, en = (
            ("仮名化した評価履歴には --keep-column で指定した列だけを保存します", "a pseudonymised history stores ")
            if pseudonymised
            else ("--keep-column で指定した列だけを保存しました", "this history stored ")
        )
        sys.stderr.write(
            "skillframe: "
            + bilingual(
                f"{ja}。保存しなかった列: {shown}",
                f"{en}only the extra columns named with --keep-column; not stored: {shown}",
            )
            + "\n"
        )
    for name in result.keep_unmatched:
        sys.stderr.write(
            "skillframe: "
            + bilingual(f"--keep-column '{name}' に当たる列がありません", f"--keep-column '{name}' matches no column")
            + "\n"
        )
