"""Whether a form made under another catalog (its digest, ``_skillframe!B2``, differs from the
current one) still asks what the current catalog asks.

A form stores what it was made from: the catalog's digest (B2) and framework versions (B3), the
skillframe version (B4), the date (B5), and per person the sheet, the persona id and the rows of
the questions; each sheet holds the question ids (column B) and each answer cell its allowed
answers (a drop-down list on the hidden ``_lists`` sheet, or a number range). An update that
changes nothing a form asks (a note, a description) changes the digest but not these, so the
form is read (:func:`compare_form`). A question is taken when its id (column B) is a question
the current catalog asks of the persona and the answers it allows (its choices, its kind) are
the same: the wording of its text (a skill renamed, the same id) does not change what an answer
means. A question the current catalog no longer asks (a skill no longer required of the
persona, removed, or given a new id) is not read: its answer is unknown, never "no" (warning
``question-gone`` naming its cell, :func:`gone_warning`), and the other answers are taken.
The form is refused when a persona no longer exists, when the answers a question allows
changed (its answers would be read with another meaning), or when none of its questions is
left; a sheet none of whose questions is left is its person's error (:func:`emptied_problem`).
A question the current catalog asks that the form does not carry is one left blank (unknown).
An answer cell without its drop-down (pasted over in Excel) is checked as every answer is:
against the current choices.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from .._cells import xml_safe
from .._version import __version__
from ._answers import CollectProblem, text, unquote
from ._questions import Question, questions
from ._workbook import ANSWER_COL, LABEL_COL

if TYPE_CHECKING:
    from .._catalog import Catalog
    from .._fingerprint import CatalogFingerprint

__all__ = ["FormChange", "catalog_problem", "compare_form", "emptied_problem", "gone_warning", "listed"]

#: A drop-down's list range as the form writes it: ``'_lists'!$A$1:$A$2``.
_RANGE = re.compile(r"^'?(?P<sheet>[^'!]+)'?!\$?(?P<c1>[A-Z]+)\$?(?P<r1>\d+):\$?(?P<c2>[A-Z]+)\$?(?P<r2>\d+)$")
_KINDS = {"list": "choice", "decimal": "decimal", "whole": "whole"}
#: At most this many items are named in one message.
_SHOWN = 5


@attrs.frozen
class FormChange:
    """What differs: ``personas_gone`` (personas the current catalog no longer has), ``changed``
    (question ids whose allowed answers differ), ``gone`` (the questions on the form the current
    catalog no longer asks: sheet, row, question id, each once per sheet), ``emptied`` (sheets
    none of whose questions is left), ``labels`` (sheet -> the question ids on it),
    ``not_on_form`` (question ids of the current catalog no sheet carries)."""

    personas_gone: tuple[str, ...]
    changed: tuple[str, ...]
    gone: tuple[tuple[str, int, str], ...]
    emptied: frozenset[str]
    labels: dict[str, frozenset[str]]
    not_on_form: tuple[str, ...]

    @property
    def nothing_left(self) -> bool:
        """No sheet keeps any question: every question on the form is gone."""
        asking = [sheet for sheet, on_sheet in self.labels.items() if on_sheet]
        return bool(asking) and all(sheet in self.emptied for sheet in asking)

    @property
    def refused(self) -> bool:
        return bool(self.personas_gone or self.changed or self.nothing_left)

    def gone_ids(self) -> tuple[str, ...]:
        """The question ids gone, each once, in form order."""
        return tuple(dict.fromkeys(label for _sheet, _row, label in self.gone))


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
    personas_gone: dict[str, None] = {}
    changed: dict[str, None] = {}
    gone: list[tuple[str, int, str]] = []
    emptied: set[str] = set()
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
            personas_gone[pid] = None
            continue
        if not (isinstance(first, int) and isinstance(last, int) and first <= last):
            continue
        by_label = current.setdefault(persona, {q.label: q for q in questions(catalog, persona)})
        allowed = _allowed(wb, wb[sheet])
        read = cells(sheet)
        on_sheet: set[str] = set()
        kept = False
        for r in range(first, last + 1):
            value = read(f"{LABEL_COL}{r}")
            label = unquote(text(value)) if isinstance(value, str) else ""
            if not label or label in on_sheet:  # a question on two rows: the reader's rows-changed
                continue
            on_sheet.add(label)
            q = by_label.get(label)
            if q is None:
                gone.append((sheet, r, label))
                continue
            kept = True
            if not _same(q, allowed.get(r)):
                changed[label] = None
        if on_sheet and not kept:
            emptied.add(sheet)
        labels[sheet] = frozenset(on_sheet)
        missing.update(set(by_label) - on_sheet)
    return FormChange(
        tuple(personas_gone), tuple(changed), tuple(gone), frozenset(emptied), labels, tuple(sorted(missing))
    )


def listed(items: Sequence[str], ja: bool) -> str:
    """At most five items, and how many more (``ほか 3 件`` / ``and 3 more``)."""
    shown = ", ".join(items[:_SHOWN])
    if len(items) > _SHOWN:
        shown += f" ほか {len(items) - _SHOWN} 件" if ja else f" and {len(items) - _SHOWN} more"
    return shown


def catalog_problem(
    file: str,
    where: str,
    made: tuple[CatalogFingerprint, str | None],
    current: CatalogFingerprint,
    change: FormChange,
) -> CollectProblem:
    """The ``catalog-version`` error (a persona gone, a question's choices changed, no question
    left; what to do) or the ``catalog-changed`` warning (the questions still asked mean the
    same; those gone are not read), naming the catalog the form was made from (``made``: its
    fingerprint and skillframe version, ``None`` when the form does not say: its cell is empty)
    and the current one. The error's way forward names the skillframe the form was made with
    only when it is another version than this one (the same version: only the catalog files differ)."""
    theirs, version = made
    if version is None:
        made_ja, made_en = (
            "作成した skillframe の版は票に書かれていません",
            "the form does not say which skillframe made it",
        )
    else:
        made_ja, made_en = f"skillframe {version}", f"skillframe {version}"
    ja = f"票: {theirs.describe()}、{made_ja}; 現在: {current.describe()}"
    en = f"form: {theirs.describe()}, {made_en}; current: {current.describe()}"
    gone = change.gone_ids()
    if theirs.versions == current.versions:
        ja += "。版の表示は同じで、カタログの内容" + ("" if gone else "（注記・説明など）") + "が違います"
        en += "; the version labels are the same, the catalog's content" + (
            " differs" if gone else " (notes, descriptions…) differs"
        )
    if not change.refused:
        more_ja = more_en = ""
        if gone:
            more_ja += f"。現在のカタログにない設問 {len(gone)} 問（{listed(gone, True)}）は読まず不明としました"
            more_en += (
                f"; {len(gone)} question(s) no longer in the current catalog ({listed(gone, False)})"
                " are not read (unknown)"
            )
        if change.not_on_form:
            n = len(change.not_on_form)
            more_ja += f"。現在のカタログにあって票にない設問 {n} 問（{listed(change.not_on_form, True)}）は不明です"
            more_en += (
                f"; {n} question(s) of the current catalog not on the form"
                f" ({listed(change.not_on_form, False)}) are unknown"
            )
        still_ja, still_en = ("のうち現在のカタログにある設問", " still asked") if gone else ("", "")
        return CollectProblem(
            file,
            where,
            "catalog-changed",
            f"別の版のカタログで作成された票ですが、票の設問{still_ja}（設問ID・選択肢・人材像）は現在のカタログと"
            f"同じ意味なので集めました（{ja}）{more_ja}",
            f"made from another catalog version, but its questions{still_en} (ids, choices, personas) mean the"
            f" same in the current catalog, so it is collected ({en}){more_en}",
        )
    why_ja: list[str] = []
    why_en: list[str] = []
    if change.personas_gone:
        why_ja.append(f"現在のカタログにない人材像: {listed(change.personas_gone, True)}")
        why_en.append(f"personas no longer in the current catalog: {listed(change.personas_gone, False)}")
    if change.nothing_left:
        why_ja.append(f"票の設問がどれも現在のカタログにありません: {listed(gone, True)}")
        why_en.append(f"none of the form's questions is in the current catalog: {listed(gone, False)}")
    elif gone:
        why_ja.append(f"現在のカタログにない設問: {listed(gone, True)}")
        why_en.append(f"questions no longer in the current catalog: {listed(gone, False)}")
    if change.changed:
        why_ja.append(f"選択肢が変わった設問: {listed(change.changed, True)}")
        why_en.append(f"questions whose choices changed: {listed(change.changed, False)}")
    if version == __version__:  # the same program: only the catalog files it was given can differ
        how_ja = (
            f"skillframe は票を作ったときと同じ {version} で、変わったのはカタログです:"
            " 変更前のカタログファイルを --catalog に指定"
        )
        how_en = (
            f"skillframe is the same version ({version}) as when the forms were made: the catalog changed,"
            " so give the catalog file as it was with --catalog"
        )
    else:
        then_ja = f" skillframe {version} で" if version else "票を作ったときの版の skillframe で"
        then_en = f"skillframe {version}" if version else "the skillframe version that made the forms"
        how_ja = f"自治体のカタログを変えたなら変更前のファイルを --catalog に指定、skillframe を更新したなら{then_ja}"
        how_en = f"the town's catalog file as it was, with --catalog; after a skillframe update, {then_en}"
    return CollectProblem(
        file,
        where,
        "catalog-version",
        f"別の版のカタログで作成された票で、票の設問が現在のカタログと合いません（{'; '.join(why_ja)}）（{ja}）:"
        " 現在のカタログで `skillframe form` により票を作り直して回答を写すか、票を作ったときのカタログで"
        f"集めてください（{how_ja}）",
        f"made from another catalog version whose questions differ from the current catalog's"
        f" ({'; '.join(why_en)}) ({en}): make the forms again with `skillframe form` under the current"
        f" catalog and copy the answers, or collect with the catalog the forms were made with ({how_en})",
    )


def gone_warning(file: str, where: str, person: str | None, question: tuple[str, str], answer: str) -> CollectProblem:
    """The ``question-gone`` warning of one question on a sheet that the current catalog no
    longer asks (``question``: its id and its text as the form shows them, ``answer`` as
    written, ``""`` for blank; ``where``: the answer cell): not read, unknown."""
    label, shown = question
    what = f"'{label}'（{shown}）" if shown else f"'{label}'"
    what_en = f"'{label}' ({shown})" if shown else f"'{label}'"
    return CollectProblem(
        file,
        where,
        "question-gone",
        f"設問 {what}は現在のカタログにありません（削除されたか、ID が変わりました）: "
        + (f"回答 '{answer}' は読まず、不明としました" if answer else "空欄の回答は不明のままです"),
        f"the question {what_en} is no longer in the current catalog (removed, or given a new id): "
        + (f"its answer '{answer}' is not read and is unknown" if answer else "its blank answer stays unknown"),
        person,
    )


def emptied_problem(file: str, where: str, person: str | None, sheet: str, gone: Sequence[str]) -> CollectProblem:
    """The ``catalog-version`` error of a sheet none of whose questions (``gone``) the current
    catalog asks (``where``: its question rows)."""
    return CollectProblem(
        file,
        where,
        "catalog-version",
        f"シート '{sheet}' の設問がどれも現在のカタログにありません（{listed(gone, True)}）:"
        " 現在のカタログで `skillframe form` により票を作り直すか、票を作ったときのカタログで集めてください",
        f"none of the questions of sheet '{sheet}' is in the current catalog ({listed(gone, False)}):"
        " make the form again with `skillframe form` under the current catalog, or collect with the catalog"
        " the form was made with",
        person,
    )
