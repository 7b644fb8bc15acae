"""A person's training answers (受講済 / 未受講 per training) as the staff file's ``trainings`` cell.

The staff file cannot say "unknown" for one training: a training listed is taken, one not
listed is not taken, and a blank cell is every training unknown. So the answers become a list
only when every training question asked was answered; when some were answered and others left
blank (the form says 「分からない項目は空欄のままに（不明として扱います）」), the cell is written
blank (unknown), never a list that reads the blanks as 未受講. The answers given are kept in the
extra column :data:`PARTLY_ANSWERED` and named in the warning ``trainings-partly-answered``
(:func:`partly_answered`).

>>> asked = ["trained/a", "trained/b", "trained/c", "dsm/a"]
>>> trainings_cell({"trained/a": True, "trained/b": False, "trained/c": False}, asked)
('a', None, 0)
>>> trainings_cell({"trained/a": False, "trained/b": False, "trained/c": False}, asked)
('なし', None, 0)
>>> trainings_cell({"trained/a": True, "trained/b": False}, asked)
(None, '受講済: a / 未受講: b / 空欄: 1', 1)
>>> trainings_cell({"dsm/a": 2}, asked)
(None, None, 0)
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ..staff.columns import PARTLY_ANSWERED

if TYPE_CHECKING:
    from ._answers import CollectProblem, Person

__all__ = ["PARTLY_ANSWERED", "partly_answered", "trainings_cell"]

_TRAINED = "trained/"
#: At most this many people are named in one warning.
_SHOWN = 10


def trainings_cell(answers: Mapping[str, Any], asked: Collection[str]) -> tuple[str | None, str | None, int]:
    """``(trainings, partly, blank)``: the ``trainings`` cell (the skill ids taken joined by
    ``;``, ``なし``, or ``None`` for unknown), the :data:`PARTLY_ANSWERED` cell (``None`` unless
    some training questions of ``asked`` were answered and others left blank) and how many
    were left blank. ``asked``: the labels of the questions the person was asked (empty: only
    the answered ones are known to have been asked)."""
    given = {label[len(_TRAINED) :]: bool(v) for label, v in answers.items() if label.startswith(_TRAINED)}
    if not given:
        return None, None, 0
    taken = [skill for skill, yes in given.items() if yes]
    blank = sum(1 for label in asked if label.startswith(_TRAINED) and label not in answers)
    if not blank:
        return (";".join(taken) if taken else "なし"), None, 0
    not_taken = [skill for skill, yes in given.items() if not yes]
    shown = f"受講済: {';'.join(taken) or '-'} / 未受講: {';'.join(not_taken) or '-'} / 空欄: {blank}"
    return None, shown, blank


def partly_answered(people: Iterable[Person]) -> list[CollectProblem]:
    """One ``trainings-partly-answered`` warning per file naming the people (and how many of
    their training questions were blank) whose trainings are written unknown."""
    from ._answers import CollectProblem

    by_file: dict[str, list[tuple[str | None, int]]] = {}
    for p in people:
        _, partly, blank = trainings_cell(p.answers, p.asked)
        if partly is not None:
            by_file.setdefault(p.file, []).append((p.id, blank))
    out = []
    for file, who in by_file.items():
        shown_ja = ", ".join(f"{pid}（空欄 {n} 問）" for pid, n in who[:_SHOWN])
        shown_en = ", ".join(f"{pid} ({n} blank)" for pid, n in who[:_SHOWN])
        more_ja = f" ほか {len(who) - _SHOWN} 人" if len(who) > _SHOWN else ""
        more_en = f" and {len(who) - _SHOWN} more" if len(who) > _SHOWN else ""
        out.append(
            CollectProblem(
                file,
                "-",
                "trainings-partly-answered",
                f"研修の設問に一部だけ回答した職員 {len(who)} 人: {shown_ja}{more_ja}。"
                f"研修は不明（空欄）として出力し、回答した分は列「{PARTLY_ANSWERED}」に残しました:"
                " 空欄の設問を記入して集め直すか、研修をデータ不足のまま使ってください",
                f"{len(who)} people answered only some training questions: {shown_en}{more_en}."
                " Their trainings are written unknown (blank), the answers given are kept"
                f" in the column '{PARTLY_ANSWERED}': fill in the blank questions and collect again, or accept"
                " the trainings as データ不足 (not enough data)",
            )
        )
    return out
