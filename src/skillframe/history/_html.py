"""The report's 年度推移 and 前年度の達成状況 section as an HTML fragment (for API users).

The section is built by :mod:`skillframe.render.history_tables` (tables, then HTML,
Markdown or workbook sheets); :func:`history_section` is its HTML. Every text is escaped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..render.history_tables import history_html, history_tables

if TYPE_CHECKING:
    from .._catalog import Catalog
    from ._yoy import History

__all__ = ["history_section"]


def history_section(history: History, catalog: Catalog, *, lang: str = "ja", year: int | None = None) -> str:
    """``<section>`` with the people at each step by 年度 and the 前年度の達成状況 of ``year`` (default: the last).

    The same as ``history_html(history_tables(history, catalog, lang=lang, year=year))``
    (:mod:`skillframe.render.history_tables`); for Markdown or a workbook use those tables.

    >>> import skillframe
    >>> store = skillframe.open_history("sqlite://")
    >>> cat = skillframe.load()
    >>> _ = store.record(cat, [{"id": "A", "persona": "DX推進員"}], year=2025, municipality="131016")
    >>> history_section(store.history(cat), cat).split("<table>")[0]
    '<section class="history" id="history"><h2>年度推移 / Year over year</h2>'
    >>> store.close()
    """
    return history_html(history_tables(history, catalog, lang=lang, year=year))
