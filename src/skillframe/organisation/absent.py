"""People missing from a staff file: those of a fuller list — the roster the self-check forms
were made from, or a 年度 recorded in the assessment history — with no row in the file.

A staff table made by ``collect`` holds only the people whose forms came back; a 課 that
returned nothing is absent from it, not zero. The report counts the roster's missing people as
not answered (データ不足), or names the recorded year's missing people it does not count, so
that nobody is dropped without a word.

>>> import skillframe
>>> roster = [skillframe.StaffRecord(id="Ｓ１１１", persona="DX推進員", department="福祉課"),
...           skillframe.StaffRecord(id="00101", persona="DX推進員", department="総務課"),
...           skillframe.StaffRecord(id="00112", persona="一般行政職員", department="福祉課")]
>>> gone = AbsentStaff(absent_from({"00101"}, roster), counted=True, source="名簿.csv")
>>> [p.id for p in gone.people], gone.departments()
(['Ｓ１１１', '00112'], [('福祉課', 2)])
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable

import attrs

from ..staff import StaffRecord
from ..staff.record import absent_people

__all__ = ["AbsentStaff", "absent_from"]


@attrs.frozen
class AbsentStaff:
    """People of a fuller list with no row in the staff file a report counts.

    ``people``: each with its id as written, persona and 課 as that list has them, in its order
    (no answer: their records hold nothing else); ``counted``: whether the report counts them
    (the roster's people: in the headcount and their 課, as not answered, データ不足) or only
    names them (a recorded year's people); ``source``: the roster file's name; ``year``: the
    recorded 年度 they were found in (``None`` for a roster)."""

    people: tuple[StaffRecord, ...]
    counted: bool
    source: str | None = None
    year: int | None = None

    def departments(self) -> list[tuple[str | None, int]]:
        """``(課, people)`` of :attr:`people`, most first (ties in first-seen order; ``None``: no 課)."""
        return Counter(p.department for p in self.people).most_common()


def absent_from(seen: Collection[str], people: Iterable[StaffRecord]) -> tuple[StaffRecord, ...]:
    """The people of ``people`` whose id is not among ``seen`` (the staff file's ids, by their
    matching form :func:`~skillframe.staff.values.id_key`: ``Ｓ１１１`` is ``S111``), each once,
    as records with no answer (id, persona and 課 only). People without an id are skipped."""
    return tuple(absent_people(seen, people).values())
