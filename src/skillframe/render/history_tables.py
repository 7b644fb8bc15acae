"""The report's 年度推移 section: the people at each step by 年度, and 前年度の達成状況.

Built once from a :class:`~skillframe.history.History` as two :class:`~skillframe.Table`
(:func:`history_tables`) and presented by the report in each of its formats: an HTML
``<section>`` (:func:`history_html`, every text escaped), Markdown (:func:`history_markdown`)
and workbook sheets (:func:`history_sheets`: counts and changes as numbers, text never a
formula). Headers are Japanese first with English; persona labels follow ``lang``. The
catalog the history was compared under is the note of the last table.

>>> import skillframe
>>> from skillframe.render.history_tables import history_tables
>>> cat = skillframe.load()
>>> store = skillframe.open_history("sqlite://")
>>> _ = store.record(cat, [{"id": "A", "persona": "DX推進員"}], year=2025, municipality="131016")
>>> _ = store.record(cat, [{"id": "A", "persona": "DX推進員"}, {"id": "B", "persona": "DX推進員"}],
...                  year=2026, municipality="131016")
>>> trend, yoy = history_tables(store.history(cat), cat)
>>> trend.headers, trend.rows
(('人材像 / persona', '段階 / step', '2025', '2026'), (('DX推進員', 'Step未満', '1', '2'),))
>>> yoy.title
'前年度の達成状況（2025→2026年度） / Progress since the year before (2025 → FY2026)'
>>> yoy.rows
(('DX推進員', 'Step未満', '1', '2', '+1'),)
>>> store.close()
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .._cells import md_text
from .._table import Table
from .._text import by_lang as _t
from ..engine.result import BELOW_STEP1, NOT_EVALUATED
from ..errors import bilingual
from .tables import Shown
from .xlsx import Sheet, table_cell

if TYPE_CHECKING:
    from .._catalog import Catalog
    from ..history import History

__all__ = [
    "CHANGE_FORMAT",
    "NUMBER_FROM",
    "history_html",
    "history_markdown",
    "history_sheets",
    "history_tables",
]

#: The Excel number format of a change in people: a sign on increases and decreases.
CHANGE_FORMAT = "+0;-0;0"

#: The first column holding a number (people, or a change in people) in both tables.
NUMBER_FROM = 2


def _missing() -> str:
    """The 年度計画's note on データ不足 (:data:`~skillframe.policy.achievement.MISSING_NOTE`), in both languages."""
    from ..policy.achievement import MISSING_NOTE

    return bilingual(*MISSING_NOTE)


def _absent(n: int, before: int, year: int) -> str:
    """The 年度計画's note (:func:`~skillframe.policy.achievement.absent_note`) with its English beside it."""
    from ..policy.achievement import absent_note

    return (
        f"{absent_note(n, before, year)} / {n} people recorded in FY{before} and not in FY{year} "
        "(they left, or this year's form could not be read and was not recorded) are not in this year's counts"
    )


def _label(catalog: Catalog, pid: str, lang: str) -> str:
    try:
        p = catalog.persona(pid)
    except LookupError:
        return pid
    return str(p.label_en) if lang == "en" and p.label_en else str(p.label)


def _step(rank: int | None, lang: str, *, ladderless: bool = False) -> str:
    if rank is None:  # lower than the year before for missing data only: not a drop
        return "data missing" if lang == "en" else "データ不足"
    if rank == 0:  # a persona without a ladder as evaluate's result shows it
        return _t(lang, *(NOT_EVALUATED if ladderless else BELOW_STEP1))
    return f"Step{rank}"


def history_tables(history: History, catalog: Catalog, *, lang: str = "ja", year: int | None = None) -> list[Table]:
    """The section's two tables: 年度推移 and the 前年度の達成状況 of ``year`` (default: the last).

    年度推移: one row per persona and step (``Step未満`` = below Step 1), one column of people
    per recorded 年度; ``データ不足``: the people whose step is lower than the year before only for
    missing data (:meth:`~skillframe.history.History.achievement`), on a row of their own
    after the steps. 前年度の達成状況: per persona and step, the people in the year before
    (the latest recorded 年度 before ``year``; 0 when none), in ``year``, and the change
    (``+1``, ``-2``, ``+0``). Cells are text (:class:`~skillframe.Table`); columns from
    :data:`NUMBER_FROM` on are numbers. Personas are shown by label (English with
    ``lang="en"``); a persona the catalog no longer has by its id.
    """
    h = history
    year = year if year is not None else h.years[-1]
    persona_h, step_h = "人材像 / persona", "段階 / step"
    keys: list[tuple[str, int | None]] = sorted({(c.persona, c.rank) for c in h.counts if not c.missing})
    keys += [(pid, None) for pid in sorted({c.persona for c in h.counts if c.missing})]
    trend = Table(
        title="年度推移 / Year over year",
        headers=(persona_h, step_h, *[str(y) for y in h.years]),
        rows=[
            (
                _label(catalog, pid, lang),
                _step(rank, lang, ladderless=pid in h.ladderless),
                *[str(h.count(y, pid, rank=rank, missing=rank is None)) for y in h.years],
            )
            for pid, rank in sorted(keys, key=lambda k: (k[0], k[1] is None, k[1] or 0))
        ],
    )
    before = h.year_before(year)
    rows = h.achievement(year)
    achievement = Table(
        title=f"前年度の達成状況（{before or '記録なし'}→{year}年度） / Progress since the year before "
        f"({before or 'none recorded'} → FY{year})",
        headers=(
            persona_h,
            step_h,
            f"{before}年度 / FY{before}" if before else "前年度 / year before",
            f"{year}年度 / FY{year}",
            "増減 / change",
        ),
        rows=[
            (
                _label(catalog, p, lang),
                _step(r, lang, ladderless=p in h.ladderless),
                str(a),
                str(b),
                Shown.number(f"{d:+d}", d, CHANGE_FORMAT),
            )
            for p, r, a, b, d in rows
        ],
        notes=(
            f"評価履歴に記録した年度から（職員ファイルの集計ではありません） / from the years recorded in the "
            f"assessment history, not from the staff file. カタログ / catalog: {h.catalog.describe()}",
            *([_missing()] if any(r is None for _p, r, *_n in rows) else []),
            # from the counted flows (to_rank None: left): rendering never reads the store again
            *([_absent(gone, before, year)] if before and (gone := h.flow(before, year, to_rank=None)) else []),
        ),
    )
    return [trend, achievement]


def history_html(tables: Sequence[Table]) -> str:
    """The tables as the report's ``<section class="history">``: a heading and a table each,
    numbers right-aligned (``td.num``), the notes after; every text escaped."""

    def e(text: str) -> str:
        return html.escape(text, quote=True)

    parts = ['<section class="history" id="history">']
    for t in tables:
        head = "".join(f"<th>{e(h)}</th>" for h in t.headers)
        body = "".join(
            "<tr>"
            + "".join(
                f'<td class="num">{e(c)}</td>' if i >= NUMBER_FROM else f"<td>{e(c)}</td>" for i, c in enumerate(row)
            )
            + "</tr>"
            for row in t.rows
        )
        parts.append(f"<h2>{e(t.title)}</h2><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
        parts += [f'<p class="note">{e(n)}</p>' for n in t.notes]
    parts.append("</section>")
    return "".join(parts)


def history_markdown(tables: Sequence[Table]) -> list[str]:
    """The tables as Markdown lines: a ``##`` heading, the table, its notes (every text escaped)."""
    out: list[str] = []
    for t in tables:
        out += [f"## {md_text(t.title)}", "", Table(title="", headers=t.headers, rows=t.rows).render("github").strip()]
        out += ["", *[f"{md_text(n)}  " for n in t.notes]]
        if t.notes:
            out.append("")
    return out


def history_sheets(tables: Sequence[Table]) -> list[Sheet]:
    """One worksheet per table, named by its Japanese title: people and changes as numbers
    (``-2`` is the number −2; a change column, headed ``増減``, is shown ``+1``/``-2``/``0``),
    every other cell text (never a formula)."""
    return [
        Sheet(t.title.split(" / ")[0].split("（")[0], t.headers, [[table_cell(c) for c in row] for row in t.rows])
        for t in tables
    ]
