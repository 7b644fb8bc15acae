"""One person in several returned files: which copy counts.

A workbook sent to several 課 comes back from each with every person's sheet, but each
person's sheet is filled in only one of them. The copies of one person (the same id, ``Ｘ１``
= ``X1``) are therefore merged:

- a copy returned *blank* (every answer cell as the form left it, no problem) gives way to
  a filled one: a person blank in one file and answered in another is taken from the answered one;
- filled in two or more files with the same answers (the same staff row: answers, 所属,
  氏名) is one person, with a warning ``duplicate-same-answers`` naming the files;
- filled differently (or with a problem in a filled copy) is the error ``duplicate-person``
  on each filled copy, naming the files: the person is left out, as with any error;
- blank in every file is one person, read from the first file, as one blank sheet is: a
  record with every answer unknown, and a warning ``not-answered`` (one per file) naming the people.

A renamed or deleted sheet (``sheet-missing``) is a problem, so a filled copy: it is never
dropped in favour of another file. A copy in a file refused whole (a form of another catalog
version) gives way to any copy read from another file; refused everywhere, the person is one
person not collected. The copy kept takes the place of the person's first sheet (the first
workbook read, in its roster order; an export's row only for a person on no sheet), and keeps
what the other copies know of the person: a 所属 or 氏名 it leaves empty (an online-form export
has no 氏名) is taken from the first copy that has one (the roster's, printed on the form).
Each message names the person as that copy's file writes the id (``Ｘ１`` in one file, ``X1``
in the other), and two copies whose ids differ only so are
compared on their answers.
"""

from __future__ import annotations

from collections.abc import Iterable

from .._text import shown_ids
from ..staff.values import id_key
from ._answers import CollectProblem, Person, staff_row

__all__ = ["merge_copies", "not_answered"]


def _row(p: Person) -> dict[str, object]:
    """The staff row of a copy, its id as matched (``Ｘ１`` = ``X1``)."""
    row = staff_row(p)
    row["id"] = id_key(p.id) if p.id else None
    return row


def _first_difference(a: Person, b: Person) -> str:
    """The first answer (or 所属 / 氏名) two copies differ in, as ``label: x / y``."""
    ra, rb = _row(a), _row(b)
    for key in dict.fromkeys([*ra, *rb]):
        if ra.get(key) != rb.get(key):
            return f"{key}: {ra.get(key, '')} / {rb.get(key, '')}"
    return ""


def _fill_who(keep: list[Person], same: list[Person]) -> None:
    """Give the copies kept the 所属 and 氏名 they leave empty, from the first copy that has them."""
    for attr in ("department", "name"):
        known = next((getattr(p, attr) for p in same if getattr(p, attr)), None)
        for p in keep:
            if not getattr(p, attr):
                setattr(p, attr, known)


def merge_copies(people: list[Person]) -> tuple[list[Person], list[CollectProblem], int]:
    """The people to use (one copy per id, or the conflicting copies with ``duplicate-person``
    problems; each person where its first sheet was), the warnings, and the number of distinct
    people read."""
    by_id: dict[str, list[Person]] = {}
    for p in people:
        if p.id:
            by_id.setdefault(id_key(p.id), []).append(p)
    n_people = len(by_id) + sum(1 for p in people if not p.id)
    dropped: set[int] = set()
    warnings: list[CollectProblem] = []
    for same in by_id.values():
        if len(same) == 1:
            continue
        read = [p for p in same if not p.refused] or same[:1]  # a copy in a refused file gives way
        filled = [p for p in read if not p.blank]
        keep = filled or read[:1]
        _fill_who(keep, same)
        dropped.update(id(p) for p in same if all(p is not k for k in keep))
        if len(keep) == 1:
            continue
        places = " / ".join(f"{p.file} {p.where}" for p in keep)
        first_row = _row(keep[0])
        if not any(p.problems for p in keep) and all(_row(p) == first_row for p in keep[1:]):
            pid = keep[1].id
            dropped.update(id(p) for p in keep[1:])
            warnings.append(
                CollectProblem(
                    keep[1].file,
                    keep[1].where,
                    "duplicate-same-answers",
                    f"職員 '{pid}' は複数の票に同じ回答があります（1 人として出力）: {places}",
                    f"staff '{pid}' has the same answers in more than one form (written once): {places}",
                    pid,
                )
            )
            continue
        differ = _first_difference(keep[0], keep[1])
        ja_diff = f"（違い: {differ}）" if differ else ""
        en_diff = f" (differs: {differ})" if differ else ""
        for p in keep:  # each copy named as its own file writes the id
            p.problems.append(
                CollectProblem(
                    p.file,
                    p.where,
                    "duplicate-person",
                    f"職員 '{p.id}' が複数の票で回答されています: {places}{ja_diff}",
                    f"staff '{p.id}' is answered in more than one form: {places}{en_diff}",
                    p.id,
                )
            )
    place = {key: next((p for p in same if p.sheet), same[0]) for key, same in by_id.items()}
    kept: list[Person] = []
    for p in people:  # each person where its first sheet is: the roster's order of that workbook
        if not p.id:
            kept.append(p)
        elif place[key := id_key(p.id)] is p:
            kept.extend(q for q in by_id[key] if id(q) not in dropped)
    return kept, warnings, n_people


def not_answered(people: Iterable[Person]) -> list[CollectProblem]:
    """One warning per file naming the people whose sheet came back blank (at most 10 ids shown)."""
    by_file: dict[str, list[str]] = {}
    for p in people:
        if p.blank and p.id:
            by_file.setdefault(p.file, []).append(p.id)
    out = []
    for file, ids in by_file.items():
        out.append(
            CollectProblem(
                file,
                "-",
                "not-answered",
                f"回答のない票 {len(ids)} 人（回答はすべて不明として出力）: {shown_ids(ids, 'ja')}",
                f"{len(ids)} form(s) with no answer (written with every answer unknown): {shown_ids(ids, 'en')}",
            )
        )
    return out
