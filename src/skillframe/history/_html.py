"""The report's 年度推移 and 前年度の達成状況 section, as a self-contained HTML fragment.

Kept beside the history (not in ``render/``) until the report's layout settles; the HTML
report can embed :func:`history_section` as it is. Every text is escaped.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .._catalog import Catalog
    from ._yoy import History

__all__ = ["history_section"]


def _label(catalog: Catalog, pid: str, lang: str) -> str:
    try:
        p = catalog.persona(pid)
    except LookupError:
        return pid
    return str(p.label_en) if lang == "en" and p.label_en else str(p.label)


def _step(rank: int, lang: str) -> str:
    if rank == 0:
        return "below Step 1" if lang == "en" else "Step未満"
    return f"Step{rank}"


def _table(headers: list[str], rows: list[list[Any]]) -> str:
    head = "".join(f"<th>{html.escape(str(h))}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in r) + "</tr>" for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def history_section(history: History, catalog: Catalog, *, lang: str = "ja", year: int | None = None) -> str:
    """``<section>`` with the people at each step by 年度 and the 前年度の達成状況 of ``year`` (default: the last).

    >>> import skillframe
    >>> store = skillframe.open_history("sqlite://")
    >>> cat = skillframe.load()
    >>> _ = store.record(cat, [{"id": "A", "persona": "DX推進員"}], year=2025, municipality="131016")
    >>> print(history_section(store.history(cat), cat)[:62])
    <section class="history"><h2>年度推移 / Year over year</h2><table>
    """
    h = history
    year = year if year is not None else h.years[-1]
    keys = sorted({(c.persona, c.rank) for c in h.counts})
    trend = [
        [_label(catalog, pid, lang), _step(rank, lang), *[h.count(y, pid, rank=rank) for y in h.years]]
        for pid, rank in keys
    ]
    persona_h, step_h = ("persona", "step") if lang == "en" else ("人材像", "段階")
    parts = [
        '<section class="history"><h2>年度推移 / Year over year</h2>',
        _table([persona_h, step_h, *[str(y) for y in h.years]], trend),
        f"<h2>前年度の達成状況 / Progress since the year before ({year})</h2>",
        _table(
            [persona_h, step_h, "前年度 / year before", "今年度 / this year", "増減 / change"],
            [[_label(catalog, p, lang), _step(r, lang), a, b, f"{d:+d}"] for p, r, a, b, d in h.achievement(year)],
        ),
        f"<p>catalog: {html.escape(h.catalog.describe())}</p></section>",
    ]
    return "".join(parts)
