"""The report's words and table for people missing from the staff file
(:class:`~skillframe.organisation.AbsentStaff`): those of the roster, counted as not answered,
and those of a recorded 年度, named but not counted.

>>> import skillframe
>>> from skillframe.organisation import AbsentStaff
>>> gone = AbsentStaff((skillframe.StaffRecord(id="Ｓ１１１", persona="DX推進員", department="福祉課"),),
...                    counted=True, source="名簿.csv")
>>> absent_sentences([gone])
['名簿（名簿.csv）にいて職員ファイルにいない 1 名（福祉課 1 名）は、回答なし（データ不足）として数えています。']
>>> absent_table(gone, "en").rows
(('Ｓ１１１', '福祉課', 'DX推進員'),)
"""

from __future__ import annotations

from collections.abc import Sequence

from .._table import Table
from .._text import by_lang as _t
from .._text import shown_ids
from ..organisation import AbsentStaff

__all__ = ["ABSENT_SHOWN", "absent_line", "absent_sentences", "absent_table", "absent_warning"]

#: How many people an absent table lists (the rest are counted).
ABSENT_SHOWN = 50
#: How many 課 a sentence names (the rest: ほか).
_DEPARTMENTS = 5
#: How many ids a warning names (the rest are counted).
_IDS = 10


def _departments(a: AbsentStaff, lang: str) -> str:
    depts = a.departments()
    none = _t(lang, "所属なし", "no department")
    if lang == "en":
        shown = ", ".join(f"{d or none}: {n}" for d, n in depts[:_DEPARTMENTS])
        return shown + (" and others" if len(depts) > _DEPARTMENTS else "")
    shown = "、".join(f"{d or none} {n} 名" for d, n in depts[:_DEPARTMENTS])
    return shown + (" ほか" if len(depts) > _DEPARTMENTS else "")


def absent_sentences(absent: Sequence[AbsentStaff], lang: str = "ja") -> list[str]:
    """One 所見 sentence for each list of missing people: how many, their 課, and whether the
    report counts them (the roster's, as not answered) or not (a recorded year's)."""
    out = []
    for a in absent:
        n, depts = len(a.people), _departments(a, lang)
        if not n:
            continue
        if a.counted:
            src = f"（{a.source}）" if a.source else ""
            out.append(
                _t(
                    lang,
                    f"名簿{src}にいて職員ファイルにいない {n} 名（{depts}）は、"
                    "回答なし（データ不足）として数えています。",
                    f"{n} people on the roster{f' ({a.source})' if a.source else ''} have no row in the staff file "
                    f"({depts}): they are counted as not answered (unknown data).",
                )
            )
        else:
            out.append(
                _t(
                    lang,
                    f"評価履歴の {a.year}年度に記録した {n} 名（{depts}）はこの職員ファイルになく、"
                    "この報告書には数えていません。",
                    f"{n} people recorded for FY{a.year} in the assessment history ({depts}) are not in this staff "
                    "file and are not counted in this report.",
                )
            )
    return out


def absent_line(absent: Sequence[AbsentStaff], lang: str = "ja") -> str:
    """What the staff line adds: the roster's people counted, a recorded year's not counted."""
    bits = []
    for a in absent:
        n = len(a.people)
        if not n:
            continue
        if a.counted:
            bits.append(_t(lang, f"名簿にだけいる {n} 名を含む", f"including {n} on the roster only"))
        else:
            bits.append(
                _t(
                    lang,
                    f"{a.year}年度の記録にだけいる {n} 名は含まない",
                    f"{n} recorded for FY{a.year} but not in the file are not counted",
                )
            )
    return "; ".join(bits)


def absent_table(a: AbsentStaff, lang: str = "ja", limit: int = ABSENT_SHOWN) -> Table:
    """The missing people of ``a``: id, 課 and persona as written (the first ``limit``; a note
    counts the rest), with a note on how the report treats them."""
    n = len(a.people)
    if a.counted:
        title = _t(lang, f"名簿にいて職員ファイルにいない職員（{n} 名）", f"On the roster, not in the staff file ({n})")
        note = _t(
            lang,
            "回答なし（回答はすべて不明: データ不足）として、人数と課別に数えています。票が返ってこなかったか、"
            "collect でエラーになった職員です",
            "counted in the headcount and their department as not answered (every answer unknown: unknown data); "
            "their forms never came back or were refused by collect",
        )
    else:
        title = _t(
            lang,
            f"{a.year}年度の記録にあって職員ファイルにいない職員（{n} 名）",
            f"Recorded for FY{a.year}, not in the staff file ({n})",
        )
        note = _t(
            lang,
            "この報告書には数えていません。在籍中なら、票を作った名簿を report --roster で指定すると"
            "回答なし（データ不足）として数えます",
            "not counted in this report; staff still there are counted as not answered (unknown data) when the "
            "roster the forms were made from is given: report --roster",
        )
    rows = [(p.id, p.department or "", p.persona or "") for p in a.people[:limit]]
    rest = n - len(rows)
    notes = (note, *((_t(lang, f"ほか {rest} 名", f"{rest} more"),) if rest > 0 else ()))
    headers = (_t(lang, "職員番号", "id"), _t(lang, "所属", "department"), _t(lang, "人材像", "persona"))
    return Table(title=title, headers=headers, rows=rows, notes=notes)


def absent_warning(a: AbsentStaff) -> str:
    """The one-line warning (for stderr) naming the people missing from the staff file:
    ``roster-only`` (counted as not answered) or ``recorded-not-in-file`` (not counted).

    >>> import skillframe
    >>> gone = AbsentStaff((skillframe.StaffRecord(id="00112", persona="一般行政職員"),), counted=False, year=2026)
    >>> print(absent_warning(gone).split(" / ")[1])
    1 people recorded for FY2026 are not in this staff file and are not counted in the report: 00112; to count
    staff whose forms never came back, give the roster the forms were made from with --roster [recorded-not-in-file]
    """
    ids = [p.id for p in a.people]
    ja_ids, en_ids = shown_ids(ids, "ja", _IDS), shown_ids(ids, "en", _IDS)
    if a.counted:
        ja = f"名簿にいて職員ファイルにいない {len(ids)} 名を回答なし（データ不足）として数えました: {ja_ids}"
        en = f"{len(ids)} people on the roster not in the staff file were counted as not answered: {en_ids}"
        return f"warning: {ja} / {en} [roster-only]"
    ja = (
        f"評価履歴の {a.year}年度に記録した {len(ids)} 名がこの職員ファイルにいないため、報告書には数えていません:"
        f" {ja_ids}。票が返ってこなかった職員も数えるには、票を作った名簿を --roster で指定してください"
    )
    en = (
        f"{len(ids)} people recorded for FY{a.year} are not in this staff file and are not counted in the report: "
        f"{en_ids}; to count staff whose forms never came back, give the roster the forms were made from with --roster"
    )
    return f"warning: {ja} / {en} [recorded-not-in-file]"
