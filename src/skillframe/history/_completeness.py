"""What ``record`` warns of before missing data becomes history: people with no answer at all
(an unanswered self-check form, collected with every answer blank), and people who answered
far less than the year before.

An answer is a value given for one of the assessed fields: the trainings list, each of the
numbers (``dx_project_years`` …) and ``mentoring``, and each DSM level, tool level and tool
check. Persona, 課 and extra columns are not answers. Nothing here stops a record: the
warnings are said (bilingual, on stderr for the CLI) and kept in
:attr:`~skillframe.history.RecordResult.warnings` with a code.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from ._schema import ASSESSMENTS

if TYPE_CHECKING:
    import sqlalchemy

__all__ = ["SHOWN_AS_MISSING", "RecordWarning", "answers", "completeness_warnings", "shown"]

#: What ``history`` makes of people recorded with no answers, said after the warnings naming
#: them (``no-answers``, ``roster-only``): Japanese, English.
SHOWN_AS_MISSING = (
    "前年度より低い段階は history でデータ不足と表示します",
    "history shows a step lower than the year before as data missing",
)

#: The fields of a record whose value is one answer each.
_ONE = ("trainings", "dx_project_years", "dx_lead_years", "dx_lead_count", "mentoring")
#: The fields of a record that hold one answer per entry.
_MANY = ("dsm", "tools", "tool_checks")
#: People listed in a warning's message (the others are counted).
SHOWN = 10


@attrs.frozen
class RecordWarning:
    """Something ``record`` stored but the user should check: ``code`` ``no-answers`` (people
    with no answer at all), ``less-complete`` (people with fewer than half of their answers
    of ``year_before``), ``not-in-file`` (people of ``year_before`` not recorded in this
    year: shown as left) or ``roster-only`` (people of the roster not in the file, recorded with
    no answer); ``ids`` as written (in the file; of ``year_before`` for ``not-in-file``; in the
    roster for ``roster-only``)."""

    code: str
    ids: tuple[str, ...]
    ja: str
    en: str
    year_before: int | None = None

    def __str__(self) -> str:
        return f"warning: {self.ja} / {self.en} [{self.code}]"


def answers(record: Any) -> int:
    """How many answers a record (a :class:`~skillframe.StaffRecord` or a stored mapping) gives.

    >>> from skillframe.staff import StaffRecord
    >>> answers(StaffRecord(id="A", persona="DX推進員", department="総務課"))
    0
    >>> answers({"id": "A", "trainings": ["bpr"], "mentoring": False, "dsm": {"bpr": 2, "ux": 1}})
    4
    """

    def get(name: str) -> Any:
        return record.get(name) if isinstance(record, Mapping) else getattr(record, name, None)

    return sum(1 for k in _ONE if get(k) is not None) + sum(len(get(k) or ()) for k in _MANY)


def completeness_warnings(
    conn: sqlalchemy.Connection, muni: str, year: int, given: Iterable[tuple[str, str, int]], *, roster: bool = False
) -> list[RecordWarning]:
    """The warnings of a year being recorded: ``given`` is ``(staff key, id as written, answers)``
    of each person; the year before is the latest recorded before ``year`` (its stored rows);
    ``roster``: a roster was given (those absent are on neither the staff data nor the roster)."""
    import sqlalchemy as sa

    people = list(given)
    empty = [i for _k, i, n in people if n == 0]
    out = []
    if empty:
        out.append(
            RecordWarning(
                "no-answers",
                tuple(empty),
                f"{len(empty)}名は回答が空です（未回答の自己チェック票?）: {shown(empty, 'ja')}。{SHOWN_AS_MISSING[0]}",
                f"{len(empty)} people have no answers (unanswered forms?): {shown(empty, 'en')}; {SHOWN_AS_MISSING[1]}",
            )
        )
    a = ASSESSMENTS.c
    before = conn.execute(
        sa.select(sa.func.max(a.fiscal_year)).where(a.municipality == muni, a.fiscal_year < year)
    ).scalar()
    if before is None:
        return out
    now = {k: (i, n) for k, i, n in people}
    then: dict[str, int] = {}
    absent: list[str] = []
    this_year = {
        str(k) for (k,) in conn.execute(sa.select(a.staff_key).where(a.municipality == muni, a.fiscal_year == year))
    }
    q = sa.select(a.staff_key, a.record).where(a.municipality == muni, a.fiscal_year == before).order_by(a.staff_key)
    for k, text in conn.execute(q):
        got = json.loads(text)
        if str(k) in now:
            then[str(k)] = answers(got)
        elif str(k) not in this_year:
            absent.append(str(got.get("id", k)))
    fewer = [i for k, (i, n) in now.items() if n and 2 * n < then.get(k, 0)]
    if fewer:
        out.append(
            RecordWarning(
                "less-complete",
                tuple(fewer),
                f"{len(fewer)}名は{before}年度の半分未満しか回答がありません: {shown(fewer, 'ja')}",
                f"{len(fewer)} people gave fewer than half of their FY{before} answers: {shown(fewer, 'en')}",
                int(before),
            )
        )
    if absent:
        out.append(_not_in_file(absent, int(before), roster))
    return out


def _not_in_file(absent: list[str], before: int, roster: bool) -> RecordWarning:
    """The ``not-in-file`` warning: people of ``before`` not in this year. Without a roster, the
    hint is to give one; with one, they are on neither (left, or missing from the roster)."""
    if roster:
        ja = (
            f"{before}年度に記録した {len(absent)}名は職員データにも名簿にもいません（history では離任と表示します。"
            "在籍中なら名簿に加えて記録し直してください）"
        )
        en = (
            f"{len(absent)} people recorded in FY{before} are neither in the staff data nor on the roster (history"
            " shows them as left; staff still there: add them to the roster and record again)"
        )
    else:
        ja = (
            f"{before}年度に記録した {len(absent)}名がこの年度にまだいません（history では離任と表示します。"
            "collect でエラーになった票ではありませんか? 在籍中なら名簿（record --roster）で"
            "回答なしとして記録できます）"
        )
        en = (
            f"{len(absent)} people recorded in FY{before} are not (yet) in this year (history shows them as "
            "left; were their forms refused by collect? Staff still there are recorded with no answers "
            "from the roster: record --roster)"
        )
    return RecordWarning(
        "not-in-file", tuple(absent), f"{ja}: {shown(absent, 'ja')}", f"{en}: {shown(absent, 'en')}", before
    )


def shown(ids: list[str], lang: str) -> str:
    more = len(ids) - SHOWN
    tail = ("" if more <= 0 else f" ほか {more} 名") if lang == "ja" else ("" if more <= 0 else f" and {more} more")
    return ", ".join(ids[:SHOWN]) + tail
