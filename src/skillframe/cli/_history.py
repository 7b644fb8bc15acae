"""``skillframe history``: year over year from the assessment history.

Shows the step counts per 年度, the flows between steps (per persona and 課, with the
Step1→Step2 conversion), who moved up or down and why, arrivals and leavers, and a cohort
table. Years recorded under another catalog version stop the command (exit 1) unless
``--reevaluate`` re-evaluates them under the current one, listing every changed result.

``--format json`` (one table) is the same whatever ``--lang`` is: English snake_case keys, one
object per row of the table, with the cells typed. A step is its rank (``0`` = below Step 1; the
text formats show ``Step未満`` / ``Step1``; ``null`` when unknown), a persona ``{"id", "label",
"label_en"}``, a pair of years ``{"from": 2025, "to": 2026}`` (the text: ``2025→2026``), counts
numbers and an unknown 課 ``null``. ``counts`` gives ``by_year`` (``[{"year", "n"}]``), ``cohorts``
``by_rank`` (``[{"rank", "n"}]``, ``rank`` ``null`` for データ不足) and ``not_evaluated`` (people);
in ``flows`` an arrival's ``from`` and a leaver's ``to`` are ``null`` (as in :class:`~skillframe.history.Flow`) and the
Step1→Step2 conversion rows (``from`` 1, ``to`` 2: Step2 or above) carry ``rate`` (0–1; ``null``
on the other rows, whose ``n`` is a count; the text formats show it as ``60%`` under ``n``); in
``moves`` the ``move`` is ``up``, ``down``,
``data-missing``, ``arrived`` or ``left`` (the text formats: ↑ ↓ データ不足 着任 離任), ``steps``
``{"from", "to"}`` (``null`` on the side an arrival or a leaver lacks) and ``leaves`` the list of
leaves that explain it, each ``{"id", "label", "label_en"}`` (``[]`` for an arrival or a leaver).

データ不足 / data missing: a person whose step is lower than the year before only because this
year's answers are unknown (an unanswered form: no step they held is now failed) is not a drop
(↓): ``counts`` shows them on a row of their own (step ``データ不足``; JSON ``null``), ``flows``
as going to ``データ不足`` (JSON ``"to": "data-missing"``), ``cohorts`` in a ``データ不足``
column (JSON ``"rank": null``), ``moves`` as ``data-missing`` with
the leaves now unknown (text: ``不明: …``).

評価対象外 / not evaluated: the people of a persona without a ladder (管理監督職, 高度専門人材…) are
recorded at rank 0 but never evaluated. Tables by persona name their step ``評価対象外（段階なし）``;
``cohorts``, which has no persona, counts them in a column of that name (when there are any;
JSON ``not_evaluated``, on every row), never under ``Step未満``.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from ..engine.result import BELOW_STEP1, NOT_EVALUATED
from ..errors import bilingual
from ._context import Context
from ._json import ref
from ._record import add_db_options

NAME = "history"
HELP = "年度推移 / year over year: step counts, flows, movers, arrivals, leavers, cohorts"
EXAMPLE = (
    "  skillframe history --from 2025 --to 2026\n"
    "  skillframe history --db postgresql://user@host/skills -m 131016 --table flows --format csv\n"
    "  skillframe history --reevaluate --table changed"
)

#: ``--reevaluate`` of every command that reads the history (history, report, policy).
REEVALUATE_HELP = (
    "現在と違うカタログで記録された年度を現在のカタログで再評価 / re-evaluate years recorded under another catalog"
)

TABLES = ("counts", "flows", "moves", "cohorts", "changed")
#: Text and Markdown show every table (or those chosen); CSV/TSV/JSON one; XLSX one sheet per table.
FORMATS = ("text", "md", "github", "csv", "tsv", "json", "xlsx")
_ONE_TABLE = ("csv", "tsv", "json")


def configure(p: argparse.ArgumentParser) -> None:
    add_db_options(p)
    p.add_argument("--from", dest="from_year", type=int, metavar="YEAR", help="開始年度 / first year")
    p.add_argument("--to", dest="to_year", type=int, metavar="YEAR", help="終了年度 / last year")
    p.add_argument(
        "--reevaluate",
        action="store_true",
        help=REEVALUATE_HELP,
    )
    p.add_argument(
        "--table",
        choices=TABLES,
        action="append",
        help="表を選ぶ（既定: すべて; csv/json は 1 つ）/ which table(s) (default: all; csv/json: one)",
    )


def run(args: argparse.Namespace, ctx: Context) -> int:
    import skillframe

    cat = ctx.catalog()
    store = skillframe.open_history(args.db, create=False)
    try:
        h = store.history(
            cat,
            municipality=args.municipality,
            from_year=args.from_year,
            to_year=args.to_year,
            reevaluate=args.reevaluate,
        )
        fmt = ctx.format
        tables = args.table or (["counts"] if fmt in _ONE_TABLE else list(TABLES))
        if fmt in _ONE_TABLE:
            tables = tables[:1]
        built = [_TABLES[name](h, cat, ctx) for name in tables]
        if fmt == "xlsx":  # one sheet per table, provenance on the notes sheet
            from ..render.xlsx import Sheet, workbook

            sheets = [Sheet(title.split(" / ")[0], tuple(headers), rows) for title, headers, rows in built]
            ctx.write_bytes(workbook(sheets, notes=ctx.provenance()))
            return 0
        for title, headers, rows in built:
            if fmt in _ONE_TABLE:
                ctx.write_rows(headers, rows, title=title)
                continue
            ctx.out.write(f"\n## {title}\n\n")
            if rows:
                ctx.write_rows(headers, rows)
            else:
                ctx.out.write("(なし / none)\n")
    finally:
        store.close()
    return 0


def _json(ctx: Context) -> bool:
    return ctx.format == "json"


_ARROWS = {"up": "↑", "down": "↓"}


def _missing(ctx: Context, *, both: bool = True) -> str:
    """データ不足 (a step lower for missing data only: not a drop), as the text formats show it:
    in both languages as a move (as 着任 / arrived), in ``--lang`` as a step."""
    return "データ不足 / data missing" if both else ctx.h("データ不足", "data missing")


def _reasons(h: Any, m: Any, ctx: Context) -> list[str]:
    """A move's leaves in words; of a data-missing one the leaves now unknown, the first three
    (``不明: a; b; c; ほか 8 件`` / ``unknown: a; b; c; 8 more``)."""
    said = h.reasons(m, ctx.lang)
    if not m.missing or not said:
        return list(said)
    en = ctx.lang == "en"
    more = [f"{len(said) - 3} more" if en else f"ほか {len(said) - 3} 件"] if len(said) > 3 else []
    return [f"{'unknown' if en else '不明'}: {said[0]}", *said[1:3], *more]


def _opt(value: str | None, ctx: Context) -> str | None:
    """A value that may be absent (課, reasons): ``null`` in JSON, empty text in the other formats."""
    return (value or None) if _json(ctx) else (value or "")


def _step(h: Any, persona: str, rank: int | None, ctx: Context) -> Any:
    """A step as the report's 年度推移 names it (``Step1``, ``Step未満``), in every table
    (unknown: ``-``); in JSON its rank (``0`` below Step 1; unknown ``null``). ``h``: the
    history, whose :attr:`~skillframe.History.ladderless` personas were never evaluated."""
    if _json(ctx):
        return rank
    if rank is None:
        return "-"
    if rank == 0 and persona in h.ladderless:  # never evaluated: not below Step 1
        return ctx.h(*NOT_EVALUATED)
    if rank == 0:
        return BELOW_STEP1[0] if ctx.lang == "ja" else BELOW_STEP1[1]
    return f"Step{rank}"


def _persona(cat: Any, pid: str, ctx: Context) -> Any:
    """A persona's label (its id when the catalog does not know it); in JSON ``{"id", "label", "label_en"}``."""
    try:
        p = cat.persona(pid)
    except skillframe_lookup_errors():
        return ref(None, pid) if _json(ctx) else pid
    return ref(p) if _json(ctx) else ctx.label(p)


def _years(y1: int, y2: int, ctx: Context) -> Any:
    """Two years: ``2025→2026``; in JSON ``{"from": 2025, "to": 2026}``."""
    return {"from": y1, "to": y2} if _json(ctx) else f"{y1}→{y2}"


def skillframe_lookup_errors() -> tuple[type[BaseException], ...]:
    from ..errors import LookupFailed

    return (LookupFailed,)


def _counts(h: Any, cat: Any, ctx: Context) -> tuple[str, Sequence[str], list[list[Any]]]:
    keys = sorted({(c.persona, -1 if c.missing else c.rank) for c in h.counts}, key=lambda k: (k[0], k[1] < 0, k[1]))
    rows = []
    for persona, rank in keys:
        by_year = [
            sum(c.n for c in h.counts if (c.persona, -1 if c.missing else c.rank, c.year) == (persona, rank, y))
            for y in h.years
        ]
        per_year = [[{"year": y, "n": n} for y, n in zip(h.years, by_year, strict=True)]] if _json(ctx) else by_year
        step = (
            _missing(ctx, both=False)
            if rank < 0 and not _json(ctx)
            else _step(h, persona, None if rank < 0 else rank, ctx)
        )
        rows.append([_persona(cat, persona, ctx), step, *per_year])
    title = bilingual("年度別の段階人数", "people at each step by year")
    years = ["by_year"] if _json(ctx) else [str(y) for y in h.years]
    return title, [ctx.h("人材像", "persona"), ctx.h("段階", "step"), *years], rows


def _flows(h: Any, cat: Any, ctx: Context) -> tuple[str, Sequence[str], list[list[Any]]]:
    js = _json(ctx)
    arrived, left = (None, None) if js else ("(着任 / arrived)", "(離任 / left)")
    rows = [
        [
            _years(f.from_year, f.to_year, ctx),
            _persona(cat, f.persona, ctx),
            _opt(f.department, ctx),
            arrived if f.from_rank is None else _step(h, f.persona, f.from_rank, ctx),
            ("data-missing" if js else f"({_missing(ctx)})")
            if f.missing
            else left
            if f.to_rank is None
            else _step(h, f.persona, f.to_rank, ctx),
            f.n,
            *([None] if js else []),  # JSON: the rate column (conversion rows)
        ]
        for f in h.flows
    ]
    for y1, y2 in zip(h.years, h.years[1:], strict=False):
        for pid in sorted({f.persona for f in h.flows}):
            rate = h.conversion(y1, y2, pid, 1, 2)
            if rate is None:
                continue
            if js:  # all 課: department null, n null (a share, not a count), the rate a number 0-1
                rows.append([_years(y1, y2, ctx), _persona(cat, pid, ctx), None, 1, 2, None, rate])
            else:
                rows.append([f"{y1}→{y2}", _persona(cat, pid, ctx), "(全体 / all)", "Step1→Step2+", "", f"{rate:.0%}"])
    title = bilingual("段階間の移動（人材像・課別）", "flows between steps (by persona and 課)")
    heads = [("年度", "years"), ("人材像", "persona"), ("所属", "department"), ("移動前", "from"), ("移動後", "to")]
    tail = [ctx.h("人数", "n"), *([ctx.h("移行率", "rate")] if js else [])]
    return title, [*(ctx.h(ja, en) for ja, en in heads), *tail], rows


def _moves(h: Any, cat: Any, ctx: Context) -> tuple[str, Sequence[str], list[list[Any]]]:
    rows: list[list[Any]] = []
    for y1, y2 in zip(h.years, h.years[1:], strict=False):
        for m in h.moves(y1, y2):
            rows.append(
                [
                    _years(y1, y2, ctx),
                    m.id,  # as written (the matching key is m.staff_key)
                    _persona(cat, m.persona, ctx),
                    _opt(m.department, ctx),
                    m.direction if _json(ctx) else _ARROWS.get(m.direction) or _missing(ctx),
                    {"from": m.from_rank, "to": m.to_rank}
                    if _json(ctx)
                    else f"{_step(h, m.persona, m.from_rank, ctx)}→"
                    + (ctx.h("不明", "unknown") if m.missing else _step(h, m.persona, m.to_rank, ctx)),
                    _leaves(h, m) if _json(ctx) else "; ".join(_reasons(h, m, ctx)),
                ]
            )
        # arrivals and leavers: persona, 課 and step of the year that has them
        came_went = ("arrived", "left") if _json(ctx) else ("着任 / arrived", "離任 / left")
        for keys, year, move in ((h.arrivals(y1, y2), y2, came_went[0]), (h.leavers(y1, y2), y1, came_went[1])):
            people = h.people(year) if keys else {}
            for k in keys:
                p = people[k]
                arrived = move == came_went[0]
                rows.append(
                    [
                        _years(y1, y2, ctx),
                        p.id,
                        _persona(cat, p.persona, ctx),
                        _opt(p.department, ctx),
                        move,
                        {"from": None if arrived else p.rank, "to": p.rank if arrived else None}
                        if _json(ctx)
                        else _step(h, p.persona, p.rank, ctx),
                        [] if _json(ctx) else "",
                    ]
                )
    title = bilingual("段階が上下した職員と理由、着任・離任", "who moved up or down and why; arrivals, leavers")
    heads = [("年度", "years"), ("職員番号", "id"), ("人材像", "persona"), ("所属", "department"), ("移動", "move")]
    return title, [*(ctx.h(ja, en) for ja, en in heads), ctx.h("段階", "steps"), ctx.h("変化した要件", "leaves")], rows


def _cohorts(h: Any, cat: Any, ctx: Context) -> tuple[str, Sequence[str], list[list[Any]]]:
    # a step lower for missing data only is a column of its own (rank None), never a drop; the
    # people of a persona without a ladder (never evaluated) too: 評価対象外, never below Step 1
    ranks: list[int | None] = sorted({c.rank for c in h.cohorts if not c.missing and not c.no_ladder})
    ranks += [None] if any(c.missing for c in h.cohorts) else []
    apart = any(c.no_ladder for c in h.cohorts)
    rows = []
    for cohort in sorted({c.cohort for c in h.cohorts}):
        for y in h.years:
            mine = [c for c in h.cohorts if (c.cohort, c.year) == (cohort, y)]
            cells = [sum(c.n for c in mine if not c.no_ladder and (None if c.missing else c.rank) == r) for r in ranks]
            not_evaluated = sum(c.n for c in mine if c.no_ladder)
            if sum(cells) + not_evaluated:
                people = sum(cells) + not_evaluated
                if _json(ctx):  # the same keys on every row: not_evaluated 0 when none
                    by_rank = [{"rank": r, "n": n} for r, n in zip(ranks, cells, strict=True)]
                    rows.append([cohort, y, people, by_rank, not_evaluated])
                else:
                    rows.append([cohort, y, people, *cells, *([not_evaluated] if apart else [])])
    title = bilingual("コホート（初回記録年度別）", "cohorts (by first year recorded)")
    heads = [ctx.h("初回記録年度", "cohort"), ctx.h("年度", "year"), ctx.h("人数", "people")]
    if _json(ctx):
        return title, [*heads, "by_rank", "not_evaluated"], rows
    named = [_missing(ctx, both=False) if r is None else _step(h, "", r, ctx) for r in ranks]  # as the 年度推移
    if apart:
        named.append(ctx.h(*NOT_EVALUATED))
    return title, [*heads, *named], rows


def _changed(h: Any, cat: Any, ctx: Context) -> tuple[str, Sequence[str], list[list[Any]]]:
    rows = [[c.year, c.id, _persona(cat, c.persona, ctx), c.old_catalog, c.old_rank, c.new_rank] for c in h.changed]
    title = bilingual(
        f"再評価で変わった結果（現在のカタログ {h.catalog.short}）",  # what it is first: sheet names are cut
        f"results changed by re-evaluation ({h.catalog.short})",
    )
    if _json(ctx):
        return title, ["year", "id", "persona", "recorded_under", "old_rank", "new_rank"], rows
    heads = [("年度", "year"), ("職員番号", "id"), ("人材像", "persona"), ("記録時のカタログ", "recorded under")]
    return (
        title,
        [*(ctx.h(ja, en) for ja, en in heads), ctx.h("記録時の段階", "old rank"), ctx.h("再評価の段階", "new rank")],
        rows,
    )


def _leaves(h: Any, m: Any) -> list[dict[str, str | None]]:
    """The leaves that explain a move, for JSON: ``{"id", "label", "label_en"}`` (labels: the words
    the text formats show; ``null`` when the leaf cannot be put in words)."""
    ja, en = h.reasons(m, "ja"), h.reasons(m, "en")
    return [
        {"id": leaf, "label": a if a != leaf else None, "label_en": b if b != leaf else None}
        for leaf, a, b in zip(m.leaves, ja, en, strict=True)
    ]


_TABLES = {"counts": _counts, "flows": _flows, "moves": _moves, "cohorts": _cohorts, "changed": _changed}
