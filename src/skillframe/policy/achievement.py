"""前年度の達成状況 (the previous year's achievement) as a table, for the 年度計画's draft."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from .._catalog import Catalog
from .._table import Table
from ..engine.result import BELOW_STEP1, NOT_EVALUATED

__all__ = ["MISSING_NOTE", "absent_note", "achievement_table"]

#: The note under a table with a データ不足 row (people lower than the year before only for
#: missing data), in Japanese and in English: the one wording of it. The 年度計画's draft (this
#: table) is Japanese and shows the first; the report's 年度推移 shows both, joined as
#: :func:`~skillframe.errors.bilingual` joins them.
MISSING_NOTE: tuple[str, str] = (
    "データ不足: 前年度より低い段階になったのは今年度の回答が不明（未回答など）のためで、"
    "要件を満たさなくなったわけではありません（低下には数えていません）",
    "data missing: lower than the year before only because this year's answers are unknown (unanswered"
    " forms and the like), not because the requirements are no longer met (not counted as a drop)",
)


def achievement_table(
    catalog: Catalog,
    rows: Iterable[tuple[str, int | None, int, int, int]],
    *,
    year: int,
    before: int | None,
    source: str,
    absent: int = 0,
    ladderless: Collection[str] = frozenset(),
) -> Table:
    """前年度の達成状況 as a table: ``rows`` are ``(persona, rank, n before, n in year, change)``
    (what :meth:`skillframe.History.achievement` returns; rank ``None``: データ不足, people lower
    than the year before for missing data only, not a drop); ``source`` names where they come from;
    ``absent``: people recorded the year before and not this year (:meth:`~skillframe.History.leavers`),
    said in a note — they left, or their row was not recorded (a form refused by ``collect``);
    ``ladderless``: the personas without a ladder (:attr:`skillframe.History.ladderless`), whose
    people (rank 0, never evaluated) are 評価対象外（段階なし）, never Step未満 — as ``history`` and
    ``report`` show them.

    >>> import skillframe
    >>> t = achievement_table(skillframe.load(), [("tokyo-wg-2025:dx-promoter", 1, 2, 3, 1)],
    ...                       year=2026, before=2025, source="出典: 評価履歴")
    >>> t.headers, t.rows[0]
    (('人材像', '段階', '2025年度', '2026年度', '増減'), ('DX推進員', 'Step1', '2', '3', '+1'))
    >>> boss = "tokyo-wg-2025:manager"
    >>> achievement_table(skillframe.load(), [(boss, 0, 1, 1, 0)], year=2026, before=2025,
    ...                   source="出典: 評価履歴", ladderless={boss}).rows[0][:2]
    ('一般行政職員（管理監督職）', '評価対象外（段階なし）')
    """

    def label(pid: str) -> str:
        try:
            return str(catalog.persona(pid).label)
        except LookupError:
            return pid

    prev = f"{before}年度" if before is not None else "前年度（記録なし）"
    body = [
        (
            label(p),
            _step(r, ladderless=p in ladderless),
            *((str(a),) if before is not None else ("—",)),
            str(n),
            f"{d:+d}" if before is not None else "—",
        )
        for p, r, a, n, d in rows
    ]
    gaps: tuple[str, ...] = (MISSING_NOTE[0],) if any(row[1] == "データ不足" for row in body) else ()
    if absent and before is not None:
        gaps += (absent_note(absent, before, year),)
    return Table(
        title="前年度の達成状況（育成段階別の人数）",
        headers=("人材像", "段階", prev, f"{year}年度", "増減"),
        rows=body,
        notes=(source, *gaps),
    )


def _step(rank: int | None, *, ladderless: bool) -> str:
    if rank is None:  # lower than the year before for missing data only: not a drop
        return "データ不足"
    if rank == 0:  # a persona without a ladder: never evaluated, so not below Step 1
        return (NOT_EVALUATED if ladderless else BELOW_STEP1)[0]
    return f"Step{rank}"


def absent_note(n: int, before: int, year: int) -> str:
    """The note on people recorded in ``before`` and not in ``year`` (the counts fall by them).

    >>> print(absent_note(1, 2025, 2026))
    2025年度に記録があり 2026年度の記録にない職員 1 名（離任、または今年度の票が読めず記録されなかった人）は、...
    """
    return (
        f"{before}年度に記録があり {year}年度の記録にない職員 {n} 名"
        f"（離任、または今年度の票が読めず記録されなかった人）は、{year}年度の人数に含みません"
    )
