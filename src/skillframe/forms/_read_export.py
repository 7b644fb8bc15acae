"""An online-form export (Microsoft Forms, Google Forms): one row per answer set, each question
column's header ending in ``[label]`` (:func:`skillframe.forms.questions`).

Read as the staff reader reads a CSV (CP932, UTF-8 with or without BOM, UTF-16; the encoding
found from the bytes unless given). Two columns
for one question (``[exp/dx_lead_count]`` twice) refuse the file (``duplicate-column``, both
columns named): which answer counts cannot be known; its people are counted, not collected.
A row with more cells than the header is the staff reader's ``more-cells-than-header``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import SkillframeError
from ._answers import CollectProblem, Person, answer, file_problem
from ._questions import questions
from ._read_form import FormRead

if TYPE_CHECKING:
    from .._catalog import Catalog

__all__ = ["read_export"]

#: The columns that say who answered (not questions).
WHO = ("id", "persona", "department", "name")


def _label(header: str) -> str:
    h = header.strip()
    return h[h.rfind("[") + 1 : -1] if h.endswith("]") and "[" in h else ""


def _duplicates(name: str, headers: list[str], labels: list[str]) -> CollectProblem | None:
    cols: dict[str, list[int]] = {}
    for i, label in enumerate(labels):
        if label:
            cols.setdefault(label, []).append(i)
    twice = {label: idx for label, idx in cols.items() if len(idx) > 1}
    if not twice:
        return None
    shown = "; ".join(" / ".join(f"column {i + 1} '{headers[i].strip()}'" for i in idx) for idx in twice.values())
    shown_ja = "; ".join(" と ".join(f"{i + 1} 列目「{headers[i].strip()}」" for i in idx) for idx in twice.values())
    return CollectProblem(
        name,
        "row 1",
        "duplicate-column",
        f"同じ設問の列が複数あります: {shown_ja}（どちらの回答か分からないためファイル全体を読みません）:"
        " 1 列を削除してください",
        f"one question has several columns: {shown} (which answer counts cannot be known: the file is not"
        " collected); delete all but one",
    )


def read_export(path: Path, name: str, catalog: Catalog, encoding: str | None = None) -> FormRead:
    """Read one online-form export (``name``: how messages name it; ``encoding``: ``None`` detects it)."""
    from ..staff.files import text_rows

    try:  # the staff files' reader: CP932, UTF-8 (BOM or not), UTF-16 (Excel "Unicode text")
        numbered = list(text_rows(path, encoding))
    except SkillframeError as exc:
        return FormRead(problems=[file_problem(name, exc)], unread=True)
    if not numbered:
        return FormRead(
            problems=[CollectProblem(name, "-", "not-a-form", "空のファイルです", "empty file")], unread=True
        )
    headers = [str(h) for h in numbered[0][1]]
    labels = [_label(h) for h in headers]
    if "id" not in labels or "persona" not in labels:
        return FormRead(
            problems=[
                CollectProblem(
                    name,
                    "row 1",
                    "not-a-form",
                    "[id] と [persona] の列がありません",
                    "no [id] and [persona] columns: not an export of skillframe's questions",
                )
            ],
            unread=True,
        )
    width = len(labels)
    rows = [(n, cells) for n, cells in numbered[1:] if any(c.strip() for c in cells)]  # a blank line is no one
    dup = _duplicates(name, headers, labels)
    if dup is not None:
        at = labels.index("id")
        people = [
            Person(
                name,
                f"row {n}",
                (cells[at] if at < len(cells) else "").strip() or None,
                None,
                "",
                refused=True,
                sheet=False,
            )
            for n, cells in rows
        ]
        return FormRead(people=people, problems=[dup], unread=not people)
    out = FormRead()
    for n, row in rows:
        cells = dict(zip(labels, row, strict=False))
        pid_text = cells.get("persona", "")
        person = Person(
            name,
            f"row {n}",
            cells.get("id", "").strip() or None,
            cells.get("department", "").strip() or None,
            "",
            cells.get("name", "").strip() or None,
            sheet=False,
        )
        out.people.append(person)
        if len(row) > width and any(c.strip() for c in row[width:]):
            person.problems.append(
                CollectProblem(
                    name,
                    f"row {n}",
                    "more-cells-than-header",
                    f"列が見出しより多いです（見出し {width} 列、この行 {len(row)} 列）",
                    f"more cells than header columns (header {width}, this row {len(row)})",
                    person.id,
                )
            )
            continue
        try:
            person.persona = catalog.persona(pid_text).id
        except LookupError:
            person.problems.append(
                CollectProblem(
                    name,
                    f"row {n}, persona",
                    "unknown-persona",
                    f"人材像 '{pid_text}' が不明です",
                    f"unknown persona '{pid_text}'",
                    person.id,
                )
            )
            continue
        if person.id is None:
            person.problems.append(
                CollectProblem(name, f"row {n}, id", "no-id", "職員番号が空欄です", "the staff id is empty")
            )
        qs = {q.label: q for q in questions(catalog, person.persona)}
        person.asked = tuple(qs)  # a question with no column in the export is one left blank
        for col, (label, raw) in enumerate(zip(labels, row, strict=False), start=1):
            if label in (*WHO, ""):
                continue
            q = qs.get(label)
            if q is None:
                if raw.strip():
                    person.problems.append(
                        CollectProblem(
                            name,
                            f"row {n}, column {col}",
                            "unknown-question",
                            f"設問 '{label}' はこの人材像・カタログ版にありません",
                            f"question '{label}' is not in this persona / catalog version",
                            person.id,
                        )
                    )
                continue
            answer(q, raw, person, f"row {n}, column {col} [{label}]")
    return out
