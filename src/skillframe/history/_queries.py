"""Reading the history back: municipalities, 年度, runs and the stored rows of a year.

Every function takes an SQLAlchemy connection or engine; :class:`~skillframe.HistoryStore`
offers them as methods.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING

from .._fingerprint import CatalogFingerprint
from ..errors import HistoryError
from ._database import sa
from ._municode import validate_municipality_code
from ._record_json import record_from_json
from ._results import RunInfo, StoredAssessment
from ._schema import ASSESSMENTS, RUNS

if TYPE_CHECKING:
    import sqlalchemy

__all__ = ["iter_assessments", "municipalities", "no_years", "resolve_municipality", "run_info", "runs", "years"]


def resolve_municipality(conn: sqlalchemy.Connection, municipality: str | None) -> str:
    """``municipality`` checked, or the only municipality recorded when it is ``None``.

    :class:`~skillframe.HistoryError` ``empty`` when nothing is recorded, ``municipality-required``
    when several municipalities are.
    """
    if municipality is not None:
        return validate_municipality_code(municipality)
    sa_ = sa()
    codes = [str(r[0]) for r in conn.execute(sa_.select(RUNS.c.municipality).distinct())]
    if len(codes) == 1:
        return codes[0]
    if not codes:
        raise HistoryError("empty", "記録がありません", "nothing has been recorded")
    raise HistoryError(
        "municipality-required",
        f"複数の団体の記録があります（{', '.join(sorted(codes))}）: 団体コードを指定してください",
        f"several municipalities are recorded ({', '.join(sorted(codes))}): give a municipality code",
    )


def no_years(
    municipality: str, recorded: list[int], others: list[str], from_year: int | None, to_year: int | None
) -> HistoryError:
    """:class:`~skillframe.HistoryError` ``empty`` for no 年度 to show (a history; ``policy --db``'s
    figures): nothing
    recorded for ``municipality`` (naming the codes that have records, ``others``), or no
    ``recorded`` 年度 between ``from_year`` and ``to_year`` (naming those recorded).

    >>> e = no_years("011002", [], ["131016"], None, None)
    >>> e.code, e.ja
    ('empty', '団体コード 011002 の記録がありません（記録のある団体コード: 131016）')
    >>> e.en
    'nothing recorded for municipality code 011002 (codes recorded: 131016)'
    >>> print(no_years("131016", [2025, 2026], ["131016"], 2027, None))
    2027年度以降の記録がありません（記録のある年度: 2025, 2026） / nothing recorded from FY2027 (recorded: 2025, 2026)
    >>> no_years("131016", [2025], [], 2022, 2023).en
    'nothing recorded in FY2022–FY2023 (recorded: 2025)'
    """
    if not recorded:
        listed = ", ".join(c for c in others if c != municipality)
        return HistoryError(
            "empty",
            f"団体コード {municipality} の記録がありません" + (f"（記録のある団体コード: {listed}）" if listed else ""),
            f"nothing recorded for municipality code {municipality}"
            + (f" (codes recorded: {listed})" if listed else ""),
        )
    if from_year is not None and to_year is not None:
        span, span_en = f"{from_year}〜{to_year}年度", f"in FY{from_year}–FY{to_year}"
    elif from_year is not None:
        span, span_en = f"{from_year}年度以降", f"from FY{from_year}"
    else:
        span, span_en = f"{to_year}年度以前", f"up to FY{to_year}"
    shown = ", ".join(map(str, recorded))
    return HistoryError(
        "empty",
        f"{span}の記録がありません（記録のある年度: {shown}）",
        f"nothing recorded {span_en} (recorded: {shown})",
    )


def run_info(conn: sqlalchemy.Connection, run_id: int) -> RunInfo:
    """The stored run ``run_id``."""
    sa_ = sa()
    r = conn.execute(sa_.select(RUNS).where(RUNS.c.id == run_id)).mappings().one()
    return RunInfo(
        id=int(r["id"]),
        municipality=str(r["municipality"]),
        fiscal_year=int(r["fiscal_year"]),
        recorded_on=r["recorded_on"],
        catalog=CatalogFingerprint(digest=r["catalog_digest"], versions=json.loads(r["catalog_versions"])),
        skillframe_version=str(r["skillframe_version"]),
        source=r["source"],
        pseudonymised=bool(r["pseudonymised"]),
        people=int(r["people"]),
    )


def municipalities(engine: sqlalchemy.Engine) -> list[str]:
    """The municipality codes with rows this connection may see."""
    sa_ = sa()
    with engine.connect() as conn:
        rows = conn.execute(sa_.select(ASSESSMENTS.c.municipality).distinct().order_by(ASSESSMENTS.c.municipality))
        return [str(r[0]) for r in rows]


def years(engine: sqlalchemy.Engine, municipality: str | None) -> list[int]:
    """The 年度 recorded, in order."""
    sa_ = sa()
    with engine.connect() as conn:
        muni = resolve_municipality(conn, municipality)
        q = sa_.select(ASSESSMENTS.c.fiscal_year).where(ASSESSMENTS.c.municipality == muni).distinct()
        return sorted(int(r[0]) for r in conn.execute(q))


def runs(engine: sqlalchemy.Engine, municipality: str | None) -> list[RunInfo]:
    """Every stored run (the ``record`` calls whose rows remain), oldest first."""
    sa_ = sa()
    with engine.connect() as conn:
        muni = resolve_municipality(conn, municipality)
        ids = conn.execute(sa_.select(RUNS.c.id).where(RUNS.c.municipality == muni).order_by(RUNS.c.id))
        return [run_info(conn, int(i[0])) for i in ids.fetchall()]


def iter_assessments(engine: sqlalchemy.Engine, year: int, municipality: str | None) -> Iterator[StoredAssessment]:
    """The stored rows of one 年度, by staff key."""
    sa_ = sa()
    a = ASSESSMENTS.c
    with engine.connect() as conn:
        muni = resolve_municipality(conn, municipality)
        q = (
            sa_.select(a.fiscal_year, a.staff_key, a.persona, a.department, a.rank, a.step, a.record, a.run_id)
            .where(a.municipality == muni, a.fiscal_year == year)
            .order_by(a.staff_key)
        )
        for row in conn.execute(q):
            yield StoredAssessment(
                fiscal_year=int(row[0]),
                staff_key=str(row[1]),
                persona=str(row[2]),
                department=row[3],
                rank=int(row[4]),
                step=row[5],
                record=record_from_json(row[6]),
                run_id=int(row[7]),
            )
