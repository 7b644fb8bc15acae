"""One person's answers: each answer cell read as the staff reader reads a cell, the problems
found (:class:`CollectProblem`), and the staff-file row the answers make (:func:`staff_row`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from .._cells import is_dangerous, neutralise
from ..errors import SkillframeError, StaffValueError, bilingual
from ..staff.columns import STANDARD_COLUMNS
from ..staff.values import cell_error, parse_bool, parse_level, parse_number
from ._questions import Question, questions
from ._trainings import PARTLY_ANSWERED, trainings_cell
from ._workbook import NAME_HEADER

if TYPE_CHECKING:
    from .._catalog import Catalog

__all__ = ["CollectProblem", "Person", "answer", "file_problem", "staff_columns", "staff_row", "text", "unquote"]


@attrs.frozen
class CollectProblem:
    """One problem in a returned form: ``file``, ``where`` (``Sheet!F15`` or ``row 3, column``), ``code``."""

    file: str
    where: str
    code: str
    ja: str
    en: str
    person: str | None = None

    def __str__(self) -> str:
        return f"{self.file}: {self.where}: {bilingual(self.ja, self.en)} [{self.code}]"


@attrs.define
class Person:
    """One person's answers as read from one sheet (or one row of an online-form export):
    ``where`` is the id cell (``Sheet!C3``, ``row 3``); ``answered`` is whether any answer
    cell holds something (a sheet returned as the form left it has none); ``answers`` the
    values read, by question label; ``problems`` every problem found; ``refused`` that the
    person's whole file was refused (a form of another catalog version, an export with two
    columns for one question): the person is counted, not collected, and the file's one error
    says why; a copy read from another file is taken instead. ``sheet``: read from a form's
    sheet (``False``: a row of an online-form export), which places the person in the roster's order.
    ``asked``: the labels of the questions the person was asked (the persona's questions in the
    catalog collected with; one the form or export does not carry counts as left blank), so that
    training questions left blank are known (:mod:`skillframe.forms._trainings`)."""

    file: str
    where: str
    id: str | None
    department: str | None
    persona: str
    name: str | None = None
    answers: dict[str, Any] = attrs.field(factory=dict)
    problems: list[CollectProblem] = attrs.field(factory=list)
    answered: bool = False
    refused: bool = False
    sheet: bool = True
    asked: tuple[str, ...] = ()

    @property
    def blank(self) -> bool:
        """Returned as the form left it: no answer cell filled, and no problem."""
        return not self.answered and not self.problems and not self.refused


def unquote(text: str) -> str:
    """``text`` as the user wrote it: without the ``'`` an older form wrote before formula-like
    text (``'-5`` for ``-5``; a form now writes such text with Excel's quote-prefix style).
    Excel never stores a typed leading ``'`` in a cell, so only a program can have put it there.

    >>> unquote("'-5"), unquote("'abc"), unquote("-5")
    ('-5', "'abc", '-5')
    """
    return text[1:] if text.startswith("'") and is_dangerous(text[1:]) else text


def text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def file_problem(name: str, exc: SkillframeError) -> CollectProblem:
    """The problem of a file that cannot be read at all, from the staff reader's error (its code)."""
    msg = str(exc)
    prefix = f"{getattr(exc, 'file', '')}: "
    if msg.startswith(prefix):
        msg = msg[len(prefix) :]
    msg = msg.splitlines()[0] if msg else msg
    ja, _, en = msg.partition(" / ")
    return CollectProblem(
        name, "-", getattr(exc, "code", None) or "not-a-form", f"読めません: {ja}", f"cannot be read: {en or ja}"
    )


def _problem(person: Person, where: str, code: str, ja: str, en: str) -> None:
    person.problems.append(CollectProblem(person.file, where, code, ja, en, person.id))


_NOT_A_CHOICE = object()


def _choice(q: Question, text: str) -> Any:
    """The value of a choice answer: one of the listed choices, or the same answer spelled as a
    staff file may spell it (the staff reader's parsers: ``はい``/``✓`` for yes, ``Lv.２`` for a
    level); :data:`_NOT_A_CHOICE` when it is neither."""
    if text not in q.choices:  # a choice written neutralised in the form's list is that choice
        text = next((c for c in q.choices if neutralise(c) == text), text)
    if text in q.choices:
        return q.value(text)
    kind = q.label.partition("/")[0]
    try:
        if kind in ("dsm", "tool"):
            level = parse_level(text)
            if level is not None and level in {q.value(c) for c in q.choices}:
                return level
        else:
            yes = parse_bool(text)
            if yes is not None:
                return yes
    except StaffValueError:
        pass
    return _NOT_A_CHOICE


def answer(q: Question, raw: Any, person: Person, where: str) -> None:
    """Read one answer cell into ``person`` (a value, or a problem naming ``where``).

    ``raw`` is the cell as Excel shows it (:func:`skillframe.staff.xlsx.shown`), a CSV cell, or
    a formula with no saved value (the staff reader's ``formula-without-value``)."""
    bad = cell_error(raw)
    if bad is not None:
        person.answered = True
        _problem(person, where, bad.code, bad.ja, bad.en)
        return
    written = text(raw)
    if not written:
        return
    person.answered = True
    if q.kind == "choice":
        value = _choice(q, written)
        if value is not _NOT_A_CHOICE:
            person.answers[q.label] = value
        else:
            _problem(
                person,
                where,
                "value-not-in-list",
                f"'{written}' は選択肢にありません（{' / '.join(q.choices)}）",
                f"'{written}' is not one of the choices ({' / '.join(q.choices)})",
            )
        return
    try:  # the staff reader's numbers: ``１年``, ``1.5``, ``Lv.2``, ``1,000``; never a guess
        number = parse_number(raw)
    except StaffValueError as exc:
        _problem(person, where, exc.code, exc.ja, exc.en)
        return
    if number is None:
        return
    if q.kind == "whole" and not float(number).is_integer():
        _problem(
            person,
            where,
            "not-a-whole-number",
            f"'{written}' は整数ではありません",
            f"'{written}' is not a whole number",
        )
        return
    person.answers[q.label] = number


def staff_columns(catalog: Catalog, personas: Iterable[str]) -> list[str]:
    """The staff-file columns the answers of these personas fill, in a stable order."""
    cols = list(STANDARD_COLUMNS)
    extra: list[str] = []
    for pid in personas:
        for q in questions(catalog, pid):
            kind, _, rest = q.label.partition("/")
            col = {"dsm": f"dsm:{rest}", "tool": f"tool:{rest}", "check": f"check:{rest.split('/')[0]}"}.get(kind)
            if col and col not in extra:
                extra.append(col)
    return cols + extra


def staff_row(p: Person) -> dict[str, Any]:
    row: dict[str, Any] = {"id": p.id, "persona": p.persona, "department": p.department}
    if p.name:
        row[NAME_HEADER] = p.name
    checks: dict[str, list[str]] = {}
    for label, value in p.answers.items():
        kind, _, rest = label.partition("/")
        if kind == "trained":
            continue  # below: all answered, or the cell is unknown (never blanks as 未受講)
        if kind == "dsm":
            row[f"dsm:{rest}"] = value
        elif kind == "tool":
            row[f"tool:{rest}"] = value
        elif kind == "check":
            tool, _, item = rest.partition("/")
            if value:
                checks.setdefault(tool, []).append(item)
        elif rest == "mentoring":
            row["mentoring"] = "はい" if value else "いいえ"
        else:
            row[rest] = value
    row["trainings"], partly, _ = trainings_cell(p.answers, p.asked)
    if partly is not None:
        row[PARTLY_ANSWERED] = partly
    for tool, items in checks.items():
        row[f"check:{tool}"] = ";".join(items)
    return row
