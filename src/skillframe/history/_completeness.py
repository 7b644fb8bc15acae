"""What ``record`` warns of before missing data becomes history: people with no answer at all
(an unanswered self-check form, collected with every answer blank), people who answered
far less than the year before, people of the year before not in this year, and ids that are
the year before's but for their leading zeros (lost in Excel).

An answer is a value given for one of the assessed fields: the trainings list, each of the
numbers (``dx_project_years`` …) and ``mentoring``, and each DSM level, tool level and tool
check. Training questions answered in part count as the trainings answer: ``collect`` writes
``trainings`` blank (unknown) for them and keeps the answers given in the extra column
``研修（一部回答）`` (:data:`~skillframe.staff.columns.PARTLY_ANSWERED`), so such a person
answered, and is never said to have returned an empty form. Persona, 課 and the other extra
columns are not answers. Nothing here stops a record: the
warnings are said (bilingual, on stderr for the CLI) and kept in
:attr:`~skillframe.history.RecordResult.warnings` with a code.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from .._text import shown_ids
from ..staff.columns import PARTLY_ANSWERED, header_key
from ..staff.values import id_key
from ._schema import ASSESSMENTS

if TYPE_CHECKING:
    import sqlalchemy

__all__ = ["SHOWN_AS_MISSING", "RecordWarning", "answers", "completeness_warnings", "shown", "zero_pairs"]

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
_PARTLY_KEY = header_key(PARTLY_ANSWERED)


@attrs.frozen
class RecordWarning:
    """Something ``record`` stored but the user should check: ``code`` ``no-answers`` (people
    with no answer at all), ``less-complete`` (people with fewer than half of their answers
    of ``year_before``), ``not-in-file`` (people of ``year_before`` not recorded in this
    year: shown as left), ``leading-zeros`` (people of the file whose id is the id of someone of
    ``year_before`` not in this year but for its leading zeros: Excel dropped them, and the
    history shows one person as two, left and arrived) or ``roster-only`` (people of the roster
    not in the file, recorded with no answer); ``ids`` as written (in the file; of
    ``year_before`` for ``not-in-file``; in the roster for ``roster-only``)."""

    code: str
    ids: tuple[str, ...]
    ja: str
    en: str
    year_before: int | None = None

    def __str__(self) -> str:
        return f"warning: {self.ja} / {self.en} [{self.code}]"


def answers(record: Any) -> int:
    """How many answers a record (a :class:`~skillframe.StaffRecord` or a stored mapping) gives.
    Trainings answered in part (``trainings`` unknown, the answers given in the extra column
    ``研修（一部回答）``) are the trainings answer, one as a list is.

    >>> from skillframe.staff import StaffRecord
    >>> answers(StaffRecord(id="A", persona="DX推進員", department="総務課"))
    0
    >>> answers({"id": "A", "trainings": ["bpr"], "mentoring": False, "dsm": {"bpr": 2, "ux": 1}})
    4
    >>> partly = {"研修（一部回答）": "受講済: bpr / 未受講: - / 空欄: 9"}
    >>> answers(StaffRecord(id="A", persona="DX推進員", extra=partly))
    1
    """

    def get(name: str) -> Any:
        return record.get(name) if isinstance(record, Mapping) else getattr(record, name, None)

    n = sum(1 for k in _ONE if get(k) is not None) + sum(len(get(k) or ()) for k in _MANY)
    if get("trainings") is None and _partly_answered(get("extra")):
        n += 1
    return n


def _partly_answered(extra: Any) -> bool:
    """Whether a record's extra columns hold training answers given in part (a non-blank
    ``研修（一部回答）``, its header matched as headers are: width, case and spaces aside)."""
    if not extra or not isinstance(extra, Mapping):
        return False
    return any(value is not None and str(value).strip() and _is_partly(str(key)) for key, value in extra.items())


@functools.lru_cache(maxsize=1024)
def _is_partly(header: str) -> bool:
    return header_key(header) == _PARTLY_KEY


def completeness_warnings(
    conn: sqlalchemy.Connection,
    muni: str,
    year: int,
    given: Iterable[tuple[str, str, int]],
    key_of: Callable[[str], str] = id_key,
    *,
    roster: bool = False,
) -> list[RecordWarning]:
    """The warnings of a year being recorded: ``given`` is ``(staff key, id as written, answers)``
    of each person; the year before is the latest recorded before ``year`` (its stored rows);
    ``key_of`` gives the staff key of an id (:func:`~skillframe.staff.values.id_key`, or its
    pseudonym), to find ids that differ from the year before's only by leading zeros;
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
    gone: dict[str, str] = {}  # staff key -> id as recorded, of the people of the year before not in this year
    this_year = {
        str(k) for (k,) in conn.execute(sa.select(a.staff_key).where(a.municipality == muni, a.fiscal_year == year))
    }
    q = sa.select(a.staff_key, a.record).where(a.municipality == muni, a.fiscal_year == before).order_by(a.staff_key)
    for k, text in conn.execute(q):
        got = json.loads(text)
        if str(k) in now:
            then[str(k)] = answers(got)
        elif str(k) not in this_year:
            gone[str(k)] = str(got.get("id", k))
    absent = list(gone.values())
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
    pairs = zero_pairs([i for k, (i, _n) in now.items() if k not in then], gone, key_of)
    if pairs:
        out.append(_zeros_warning(pairs, int(before)))
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


#: Staff ids are matched to a zero-padded form of at most this many digits.
_PADDED = 20


def zero_pairs(new: Iterable[str], gone: Mapping[str, str], key_of: Callable[[str], str]) -> list[tuple[str, str]]:
    """``(new id, id of the year before)``: each id of ``new`` (as written; people not recorded
    the year before) made of digits that, with leading zeros added or taken away, is the id of a
    person of the year before not in this year (``gone``: staff key -> id). The id of the year
    before is shown as its key's form (its own digits; a pseudonymised store keeps only the key).
    Ids are never matched or changed by this: it only says why two people look like four.

    >>> gone = {"00101": "00101", "00102": "００１０２", "S1": "S1"}
    >>> zero_pairs(["101", "102", "103", "S1"], gone, id_key)
    [('101', '00101'), ('102', '00102')]
    >>> zero_pairs(["00101"], {"101": "101"}, id_key)  # the year before lost them
    [('00101', '101')]
    """
    out: list[tuple[str, str]] = []
    taken: set[str] = set()
    for written in new:
        digits = id_key(written)
        if not (digits.isascii() and digits.isdigit()):
            continue
        bare = digits.lstrip("0") or "0"
        for width in range(len(bare), max(_PADDED, len(digits)) + 1):
            other = bare.zfill(width)
            if other == digits:
                continue
            k = key_of(other)
            if k in gone and k not in taken:
                taken.add(k)
                out.append((written, other))
                break
    return out


def _zeros_warning(pairs: list[tuple[str, str]], before: int) -> RecordWarning:
    """The ``leading-zeros`` warning: ids of this year that are ids of the year before but for
    their leading zeros (Excel reads an id column of digits as numbers and drops them)."""
    n = len(pairs)
    ja = shown([f"{new}（{before}年度 {old}）" for new, old in pairs], "ja")
    en = shown([f"{new} (FY{before}: {old})" for new, old in pairs], "en")
    return RecordWarning(
        "leading-zeros",
        tuple(new for new, _old in pairs),
        f"{n}名の職員番号が{before}年度の記録と先頭の 0 だけ違います: {ja}。Excel が職員番号を数値として読み、"
        "先頭の 0 を消した可能性があります。職員番号は書き換えないため、このままでは history で離任と着任に分かれます。"
        "0 が消えた年度のファイルを、職員番号の列を文字列（テキスト）の書式にして作り直すか元のデータから出力し直し、"
        "--replace-year を付けてその年度を記録し直してください",
        f"{n} staff ids differ from ids recorded in FY{before} only by leading zeros: {en}. Excel probably read the "
        "ids as numbers and dropped their leading zeros. Ids are never reformatted, so history shows these people as "
        "left and arrived. Make the file of the year that lost the zeros again with the id column formatted as text, "
        "or export it again from the source, then record that year again with --replace-year",
        before,
    )


def shown(ids: list[str], lang: str) -> str:
    """The first :data:`SHOWN` of ``ids`` and how many more (:func:`skillframe._text.shown_ids`)."""
    return shown_ids(ids, lang, SHOWN)
