"""The 年度 (fiscal year, April–March): the year a date belongs to, and a check of a year given."""

from __future__ import annotations

import datetime as dt

from ..errors import HistoryError

__all__ = ["check_year", "fiscal_year"]


def fiscal_year(day: dt.date) -> int:
    """The 年度 (April–March) a date belongs to.

    >>> fiscal_year(dt.date(2027, 3, 31)), fiscal_year(dt.date(2027, 4, 1))
    (2026, 2027)
    """
    return day.year if day.month >= 4 else day.year - 1


def check_year(year: int) -> None:
    """Refuse a year that is not an ``int`` from 1990 to 2200 (:class:`~skillframe.HistoryError`, code ``year``).

    >>> check_year(2026)
    >>> check_year("2026")  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    skillframe.errors.HistoryError: invalid fiscal year '2026' (e.g. 2026)
    """
    if not isinstance(year, int) or isinstance(year, bool) or not 1990 <= year <= 2200:
        raise HistoryError("year", f"年度 '{year}' が不正です（例: 2026）", f"invalid fiscal year '{year}' (e.g. 2026)")
