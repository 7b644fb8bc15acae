"""Whether a form made under another catalog (its digest, ``_skillframe!B2``, differs from the
current one) still asks what the current catalog asks.

A form stores what it was made from: the catalog's digest (B2) and framework versions (B3), the
skillframe version (B4), the date (B5), and per person the sheet, the persona id and the rows of
the questions; each sheet holds the question ids (column B) and each answer cell its allowed
answers (a drop-down list on the hidden ``_lists`` sheet, or a number range). An update that
changes nothing a form asks (a note, a description) changes the digest but not these, so the
form is read (:func:`compare_form`): it is refused only when a persona or a question it asks
no longer exists in the current catalog, or the answers a question allows (its choices, its
kind) changed. A question the current catalog asks that the form does not carry is one left
blank (unknown). An answer cell without its drop-down (pasted over in Excel) is checked as
every answer is: against the current choices.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from .._cells import xml_safe
from ._answers import CollectProblem, text, unquote
from ._questions import Question, questions
from ._workbook import ANSWER_COL, LABEL_COL

if TYPE_CHECKING:
    from .._catalog import Catalog
    from .._fingerprint import CatalogFingerprint

__all__ = ["FormChange", "catalog_problem", "compare_form", "listed"]

#: A drop-down's list range as the form writes it: ``'_lists'!$A$1:$A$2``.
_RANGE = re.compile(r"^'?(?P<sheet>[^'!]+)'?!\$?(?P<c1>[A-Z]+)\$?(?P<r1>\d+):\$?(?P<c2>[A-Z]+)\$?(?P<r2>\d+)$")
_KINDS = {"list": "choice", "decimal": "decimal", "whole": "whole"}
#: At most this many items are named in one message.
_SHOWN = 5


@attrs.frozen
class FormChange:
    """What differs: ``gone`` (personas and questions the current catalog no longer has),
    ``changed`` (questions whose allowed answers differ), ``labels`` (sheet -> the question ids
    on it), ``not_on_form`` (question ids of the current catalog no sheet carries)."""

    gone: tuple[str, ...]
    changed: tuple[str, ...]
    labels: dict[str, frozenset[str]]
    not_on_form: tuple[str, ...]

    @property
    def refused(self) -> bool:
        return bool(self.gone or self.changed)


def _allowed(wb: Any, ws: Any) -> dict[int, tuple[str, tuple[str, ...] | None]]:
    """Answer row -> (kind, choices as the form offered them; ``None`` for a number)."""
    col = ord(ANSWER_COL) - 64
    out: dict[int, tuple[str, tuple[str, ...] | None]] = {}
    for dv in getattr(getattr(ws, "data_validations", None), "dataValidation", ()):
        kind = _KINDS.get(str(dv.type or ""))
        if kind is None:
            continue
        choices: tuple[str, ...] | None = None
        if kind == "choice":
            m = _RANGE.match(str(dv.formula1 or "").strip())
            if m is None or m["sheet"] not in wb.sheetnames:
                continue
            cells = wb[m["sheet"]][f"{m['c1']}{m['r1']}:{m['c2']}{m['r2']}"]
            choices = tuple(text(c.value) for row in cells for c in row)
        for rng in dv.sqref.ranges:
            if rng.min_col <= col <= rng.max_col:
                out.update(dict.fromkeys(range(rng.min_row, rng.max_row + 1), (kind, choices)))
    return out


def _same(q: Question, allowed: tuple[str, tuple[str, ...] | None] | None) -> bool:
    if allowed is None:  # no drop-down left on the cell: its answer is checked against the current choices
        return True
    kind, choices = allowed
    if kind != q.kind:
        return False
    return choices is None or choices == tuple(text(xml_safe(c)) for c in q.choices)


def compare_form(
    wb: Any, index: Iterable[tuple[Any, ...]], catalog: Catalog, cells: Callable[[str], Callable[[str], Any]]
) -> FormChange:
    """Compare the questions of every indexed sheet with the current catalog's (``cells(sheet)``:
    the sheet's cells as Excel shows them). Index rows that cannot be used are left to the reader."""
    gone: dict[str, None] = {}
    changed: dict[str, None] = {}
    labels: dict[str, frozenset[str]] = {}
    current: dict[str, dict[str, Question]] = {}
    missing: set[str] = set()
    for row in index:
        sheet, pid, _sid, first, last = (tuple(row) + (None,) * 5)[:5]
        sheet, pid = text(sheet), text(pid)
        if not (sheet in wb.sheetnames and hasattr(wb[sheet], "cell") and pid):
            continue
        try:
            persona = catalog.persona(pid).id
        except LookupError:
            gone[f"人材像 / persona {pid}"] = None
            continue
        if not (isinstance(first, int) and isinstance(last, int) and first <= last):
            continue
        by_label = current.setdefault(persona, {q.label: q for q in questions(catalog, persona)})
        allowed = _allowed(wb, wb[sheet])
        read = cells(sheet)
        on_sheet: set[str] = set()
        for r in range(first, last + 1):
            value = read(f"{LABEL_COL}{r}")
            label = unquote(text(value)) if isinstance(value, str) else ""
            if not label:
                continue
            on_sheet.add(label)
            q = by_label.get(label)
            if q is None:
                gone[label] = None
            elif not _same(q, allowed.get(r)):
                changed[label] = None
        labels[sheet] = frozenset(on_sheet)
        missing.update(set(by_label) - on_sheet)
    return FormChange(tuple(gone), tuple(changed), labels, tuple(sorted(missing)))


def listed(items: Sequence[str], ja: bool) -> str:
    """At most five items, and how many more (``ほか 3 件`` / ``and 3 more``)."""
    shown = ", ".join(items[:_SHOWN])
    if len(items) > _SHOWN:
        shown += f" ほか {len(items) - _SHOWN} 件" if ja else f" and {len(items) - _SHOWN} more"
    return shown


def catalog_problem(
    file: str, where: str, made: tuple[CatalogFingerprint, str], current: CatalogFingerprint, change: FormChange
) -> CollectProblem:
    """The ``catalog-version`` error (a persona or question gone or changed; what to do) or the
    ``catalog-changed`` warning (the form asks what the current catalog asks), naming the
    catalog the form was made from (``made``: its fingerprint and skillframe version) and the
    current one."""
    theirs, version = made
    ja = f"票: {theirs.describe()}、skillframe {version}; 現在: {current.describe()}"
    en = f"form: {theirs.describe()}, skillframe {version}; current: {current.describe()}"
    if theirs.versions == current.versions:
        ja += "。版の表示は同じで、カタログの内容（注記・説明など）が違います"
        en += "; the version labels are the same, the catalog's content (notes, descriptions…) differs"
    if not change.refused:
        more_ja = more_en = ""
        if change.not_on_form:
            n = len(change.not_on_form)
            more_ja = f"。現在のカタログにあって票にない設問 {n} 問（{listed(change.not_on_form, True)}）は不明です"
            more_en = (
                f"; {n} question(s) of the current catalog not on the form"
                f" ({listed(change.not_on_form, False)}) are unknown"
            )
        return CollectProblem(
            file,
            where,
            "catalog-changed",
            "別の版のカタログで作成された票ですが、票の設問（設問ID・選択肢・人材像）は現在のカタログと同じ意味なので"
            f"集めました（{ja}）{more_ja}",
            "made from another catalog version, but its questions (ids, choices, personas) mean the same in the"
            f" current catalog, so it is collected ({en}){more_en}",
        )
    why_ja: list[str] = []
    why_en: list[str] = []
    if change.gone:
        why_ja.append(f"現在のカタログにない設問・人材像: {listed(change.gone, True)}")
        why_en.append(f"no longer in the current catalog: {listed(change.gone, False)}")
    if change.changed:
        why_ja.append(f"選択肢が変わった設問: {listed(change.changed, True)}")
        why_en.append(f"questions whose choices changed: {listed(change.changed, False)}")
    return CollectProblem(
        file,
        where,
        "catalog-version",
        f"別の版のカタログで作成された票で、票の設問が現在のカタログと合いません（{'; '.join(why_ja)}）（{ja}）:"
        " 現在のカタログで `skillframe form` により票を作り直して回答を写すか、票を作ったときのカタログで"
        "集めてください（自治体のカタログを変えたなら変更前のファイルを --catalog に指定、skillframe を"
        f"更新したなら skillframe {version} で）",
        f"made from another catalog version whose questions differ from the current catalog's"
        f" ({'; '.join(why_en)}) ({en}): make the forms again with `skillframe form` under the current"
        " catalog and copy the answers, or collect with the catalog the forms were made with (the town's"
        f" catalog file as it was, with --catalog; after a skillframe update, skillframe {version})",
    )
