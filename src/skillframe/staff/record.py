"""A staff record, its row errors and warnings, and a file's table of them.

Records are read by :class:`~skillframe.staff.rows.RowReader`, the one reader of a file
row or a plain mapping; :meth:`StaffRecord.from_mapping` uses it.

>>> StaffRecord.from_mapping({"職員番号": "A01", "tool:Excel": "Lv.2", "mentoring": "有り"}).tools
{'Excel': 2}
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from ..errors import StaffValueError, bilingual
from .values import id_key, match_key

if TYPE_CHECKING:
    from .._catalog import Catalog

__all__ = [
    "MISSING_ID",
    "StaffRecord",
    "StaffRowError",
    "StaffTable",
    "StaffWarning",
    "absent_people",
    "department_key",
    "duplicate_id",
    "listed_errors",
]


def _opt_tuple(value: Iterable[str] | None) -> tuple[str, ...] | None:
    """A list (any iterable of keys) as a tuple; text, a mapping or a value that is not a
    collection is kept as it is (never split into characters): evaluating the record then
    reads it as a staff file's cell, and says what is wrong with it."""
    if value is None or isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        return value  # type: ignore[return-value]
    return tuple(value)


def _mapping(value: Any) -> dict[str, Any]:
    """A mapping (or pairs) as a dict, ``None`` as ``{}``; a value that is neither is kept as it
    is (``0``, ``False``, ``5``, ``'abc'``; see :func:`_opt_tuple`): evaluating the record then
    says it is not a mapping (``not-a-mapping``), as for the plain dict of its fields."""
    if value is None:
        return {}
    if isinstance(value, Mapping):
        return dict(value)
    try:
        return dict(value)
    except (TypeError, ValueError):
        return value  # type: ignore[no-any-return]


class _Parsed:
    """The slot that tells a record the staff reader made (its values parsed) from one made by
    hand or by ``attrs.evolve`` (``__init__``: read again, as the plain dict of its fields,
    when it is evaluated). Not a field: not compared, shown, copied by ``attrs.evolve`` or
    given by ``attrs.asdict``."""

    __slots__ = ("_parsed",)
    _parsed: bool


@attrs.frozen(kw_only=True)
class StaffRecord(_Parsed):
    """One member of staff. ``None`` means *unknown* (not zero, not "no").

    Keys (skills, tools, checklist items) are as written or as resolved by
    :func:`~skillframe.read_staff` with a catalog (qualified ids); evaluation resolves them
    either way. ``row`` is the spreadsheet row (header = row 1) or JSON item the record came
    from, when it came from a file.

    >>> r = StaffRecord(id="A01", persona="DX推進員", trainings=("bpr",), dx_lead_years=1.5)
    >>> r.mentoring is None, r.dsm
    (True, {})
    >>> StaffRecord.from_mapping({"id": 7, "mentoring": "はい", "dsm": {"bpr": "Lv.２"}}).dsm
    {'bpr': 2}
    """

    id: str
    persona: str | None = None
    department: str | None = None
    trainings: tuple[str, ...] | None = attrs.field(default=None, converter=_opt_tuple)
    dx_project_years: float | None = None
    dx_lead_years: float | None = None
    dx_lead_count: float | None = None
    mentoring: bool | None = None
    dsm: dict[str, int] = attrs.field(factory=dict, converter=_mapping)
    tools: dict[str, int] = attrs.field(factory=dict, converter=_mapping)
    tool_checks: dict[str, tuple[str, ...]] = attrs.field(factory=dict, converter=_mapping)
    extra: dict[str, str] = attrs.field(factory=dict, converter=_mapping)
    row: int | None = attrs.field(default=None, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        set_parsed(self, False)  # made by hand: read again when evaluated

    def __getstate__(self) -> dict[str, Any]:
        state = {name: getattr(self, name) for name in _NAMES}
        state["_parsed"] = self._parsed
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name in _NAMES:
            if name in state:
                _SETTERS[name](self, state[name])
        set_parsed(self, state.get("_parsed", False) is True)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any] | StaffRecord, catalog: Catalog | None = None) -> StaffRecord:
        """A record from a plain mapping, read exactly as a file row (same columns, aliases,
        parsing). Raises :class:`~skillframe.errors.StaffValueError` (``errors`` holds every
        problem of the row); never another exception for bad values. A StaffRecord the staff
        reader made is returned as it is; one made by hand (or by ``attrs.evolve``) is read
        as the plain dict of its fields (:meth:`as_dict`).

        >>> StaffRecord.from_mapping({"id": "A", "dx_lead_years": "inf"})
        Traceback (most recent call last):
        ...
        skillframe.errors.StaffValueError: dx_lead_years: 有限の数ではありません: 'inf' / not a finite number: 'inf'
        """
        if isinstance(data, StaffRecord):
            if data._parsed:  # the staff reader's: its values are parsed
                return data
            row = data.row
            data = data.as_dict() if row is None else {**data.as_dict(), "row": row}  # its own row, checked
        if not isinstance(data, Mapping):  # a pandas Series, a namedtuple…: say what to pass
            kind = type(data).__name__
            raise StaffValueError(
                "not-a-mapping",
                f"職員の記録が辞書（mapping）ではありません: {kind}（DataFrame は to_dict('records') で）",
                f"a staff record must be a mapping, not {kind} (a DataFrame: use to_dict('records'))",
            )
        rows = _rows()
        reader = (
            rows.RowReader(catalog=catalog, check_duplicates=False) if catalog is not None else rows.shared_reader()
        )
        result = reader.read_mapping(data)
        if isinstance(result, StaffRecord):
            return result
        first = result[0]
        raise StaffValueError(first.code, first.ja, first.en, column=first.column, errors=result)

    def as_dict(self) -> dict[str, Any]:
        """The record's fields as a plain dict (without ``row``: :meth:`from_mapping` reads a
        record made by hand with its ``row`` too, as a plain mapping's own row number).

        >>> StaffRecord(id="A", dx_lead_years="1").as_dict()["dx_lead_years"]
        '1'
        >>> StaffRecord.from_mapping(StaffRecord(id="A", dx_lead_years="1")).dx_lead_years
        1
        """
        return {name: getattr(self, name) for name in _NAMES if name != "row"}


_NAMES = tuple(a.name for a in attrs.fields(StaffRecord))
_SETTERS = {name: getattr(StaffRecord, name).__set__ for name in _NAMES}
#: Sets a record's ``_parsed`` slot (the staff reader sets it ``True``; ``__init__`` ``False``).
set_parsed = _Parsed.__dict__["_parsed"].__set__


_ROWS: list[Any] = []


def _rows() -> Any:
    """The module :mod:`skillframe.staff.rows` (imported on first use: it imports this one)."""
    if not _ROWS:
        from . import rows

        _ROWS.append(rows)
    return _ROWS[0]


#: The did-you-mean hint that ends a bilingual message (:func:`skillframe._text.did_you_mean`).
_HINT = " (もしかして / did you mean: "


def _hint(message: str) -> tuple[str, str]:
    """``(message without its trailing did-you-mean hint, the hint's candidates)``."""
    at = message.rfind(_HINT)
    if at < 0 or not message.endswith(")"):
        return message, ""
    return message[:at], message[at + len(_HINT) : -1]


@attrs.frozen
class StaffRowError:
    """A problem with one row: ``row`` (the spreadsheet row, header = row 1; the item number
    in JSON; ``None`` for a mapping not from a file), ``column`` as written (``None`` for the
    row as a whole), ``message`` (``日本語 / English``), ``id`` of the record when known,
    a machine-readable ``code`` and the ``file``.

    ``department``, ``persona`` (the persona cell, when it named a persona of the catalog) and
    ``extra`` (the file's other columns, ``(column, text)``) are what the
    row's readable cells say, as written (a result file shows them on the error row); they
    take no part in comparing errors. ``framework`` is, for a key of a framework the catalog
    does not have (``town:dx-promoter``), that framework's id
    (:attr:`~skillframe.errors.LookupFailed.framework`), else ``None``."""

    row: int | None
    column: str | None
    message: str
    id: str | None = None
    code: str = "bad-value"
    file: str | None = None
    department: str | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)
    persona: str | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)
    extra: tuple[tuple[str, str], ...] = attrs.field(default=(), eq=False, repr=False, kw_only=True)
    framework: str | None = attrs.field(default=None, repr=False, kw_only=True)

    @property
    def ja(self) -> str:
        """The Japanese half of :attr:`message`, with its did-you-mean hint (``（もしかして: …）``)."""
        text, hint = _hint(self.message)
        return text.split(" / ", 1)[0] + (f"（もしかして: {hint}）" if hint else "")

    @property
    def en(self) -> str:
        """The English half of :attr:`message`, with its did-you-mean hint (`` (did you mean: …)``)."""
        text, hint = _hint(self.message)
        return text.split(" / ", 1)[-1] + (f" (did you mean: {hint})" if hint else "")

    def __str__(self) -> str:
        where = f"{self.file}: " if self.file else ""
        where += f"row {self.row}" if self.row is not None else "record"
        col = f", {self.column}" if self.column else ""
        return f"{where}{col}: {self.message} [{self.code}]"


@attrs.frozen
class StaffWarning:
    """Something probably wrong that did not stop a row or a file: a misspelt column
    (``column-near-miss``), title rows above the header (``title-rows-skipped``), blank rows
    between data rows (``blank-rows-skipped``), an option that does not apply to the file
    (``sheet-ignored``, ``encoding-ignored``: ``row`` is ``None``, about the file as a whole).
    ``rows`` lists the rows it is about."""

    row: int | None
    column: str | None
    message: str
    code: str
    file: str | None = None
    rows: tuple[int, ...] = ()

    def __str__(self) -> str:
        if self.row is None and self.file and not self.column:  # about the file as a whole
            return f"{self.file}: warning: {self.message} [{self.code}]"
        where = f"{self.file}: " if self.file else ""
        where += f"row {self.row}" if self.row is not None else "record"
        col = f", {self.column}" if self.column else ""
        return f"{where}{col}: warning: {self.message} [{self.code}]"


@attrs.frozen
class StaffTable:
    """The records, row errors and warnings of a staff file; ``rows`` counts the data rows read
    (``rows == len(records) + len(error_rows)``). Blank rows between data rows are not data
    rows: they are listed in :attr:`blank_rows` (and a ``blank-rows-skipped`` warning), so
    every row from the header to the last data row is a record, an error row or a blank row."""

    records: tuple[StaffRecord, ...]
    errors: tuple[StaffRowError, ...]
    rows: int
    warnings: tuple[StaffWarning, ...] = ()

    def __iter__(self) -> Iterator[StaffRecord]:
        """The records, in row order (the rows with errors are in :attr:`errors`, not here).

        >>> import skillframe
        >>> table = skillframe.read_staff("examples/staff.csv")
        >>> [r.id for r in table][:3] == [r.id for r in table.records][:3]
        True
        """
        return iter(self.records)

    @property
    def error_rows(self) -> tuple[int, ...]:
        """The rows that had errors, each once, in order."""
        return tuple(sorted({e.row for e in self.errors if e.row is not None}))

    @property
    def blank_rows(self) -> tuple[int, ...]:
        """The blank rows between the header and the last data row (skipped, not data)."""
        return tuple(r for w in self.warnings if w.code == "blank-rows-skipped" for r in w.rows)


def department_key(text: str | None) -> str | None:
    """The key departments are grouped by (``市民課〜窓口`` and ``市民課～窓口`` are one 課);
    show :attr:`StaffRecord.department` itself."""
    return None if text is None else match_key(text)


#: The message of a ``missing-id`` row error (a row or record with no id): one wording everywhere.
MISSING_ID = bilingual("id（職員番号）がありません", "missing id")


def absent_people(
    have: Collection[str], people: Iterable[StaffRecord], key: Callable[[str], str] = id_key
) -> dict[str, StaffRecord]:
    """The people of ``people`` whose key is not in ``have``, by key, each once, in their order,
    as records with no answer (id, persona and 課 only). ``key``: an id's matching form
    (:func:`~skillframe.staff.values.id_key`: ``Ｓ１１１`` is ``S111``; the history passes its
    stored key, the pseudonym of that form). People without an id are skipped.

    >>> gone = absent_people({"S1"}, [StaffRecord(id="Ｓ１"), StaffRecord(id="S2"), StaffRecord(id="Ｓ２")])
    >>> [(k, r.id) for k, r in gone.items()]
    [('S2', 'S2')]
    """
    out: dict[str, StaffRecord] = {}
    for p in people:
        if not p.id:
            continue  # no id, nobody to name: a list is read for the people it names
        k = key(p.id)
        if k not in have and k not in out:
            out[k] = StaffRecord(id=p.id, persona=p.persona, department=p.department)
    return out


def duplicate_id(
    staff_id: str,
    first: int | None,
    personas: tuple[str, str] | None = None,
    departments: tuple[str, str] | None = None,
) -> str:
    """The message (``日本語 / English``) of a ``duplicate-id`` row error: ``staff_id`` given again,
    first at row ``first`` (``None``: not from a file); ``personas`` and ``departments``: the
    persona and the 課 of the first and of this one, when they differ.

    >>> duplicate_id("A1", 3)
    "id 'A1' が重複しています（3 行目と同じ） / duplicate id 'A1' (row 3)"
    >>> print(duplicate_id("A1", None, ("DX推進員", "管理監督職")).replace(" / ", "\\n"))
    id 'A1' が重複しています（人材像 'DX推進員' と '管理監督職'）
    duplicate id 'A1' with another persona: 'DX推進員', then '管理監督職'
    >>> print(duplicate_id("A1", 2, departments=("総務課", "税務課")).replace(" / ", "\\n"))
    id 'A1' が重複しています（2 行目と同じ、課 '総務課' と '税務課'）
    duplicate id 'A1' (row 2) with another department: '総務課', then '税務課'
    """
    ja = [f"{first} 行目と同じ"] if first is not None else []
    en = f" (row {first})" if first is not None else ""
    differ = []
    if personas is not None:
        ja.append(f"人材像 '{personas[0]}' と '{personas[1]}'")
        differ.append(f"another persona: '{personas[0]}', then '{personas[1]}'")
    if departments is not None:
        ja.append(f"課 '{departments[0]}' と '{departments[1]}'")
        differ.append(f"another department: '{departments[0]}', then '{departments[1]}'")
    en += f" with {' and '.join(differ)}" if differ else ""
    said = f"（{'、'.join(ja)}）" if ja else ""
    return bilingual(f"id '{staff_id}' が重複しています{said}", f"duplicate id '{staff_id}'{en}")


def listed_errors(errors: Sequence[StaffRowError], lang: str, *, files: bool = True, limit: int = 5) -> str:
    """At most ``limit`` row errors in one line, each with where it is (its file unless ``files``
    is false, row — or, for a record given with no row, ``record`` and its id —, column), its
    message in ``lang`` (``ja`` or ``en``) and code, then how many more: what a refusal of a
    staff file or roster with row errors lists.

    >>> e = StaffRowError(3, "人材像", "人材像がありません / no persona", "A2", code="missing-persona", file="名簿.csv")
    >>> listed_errors([e], "en")
    '名簿.csv: row 3, 人材像: no persona [missing-persona]'
    >>> listed_errors([e, e], "ja", files=False, limit=1)
    'row 3, 人材像: 人材像がありません [missing-persona]; ほか 1 件'
    >>> given = StaffRowError(None, "persona", "人材像がありません / no persona", "A2", code="missing-persona")
    >>> listed_errors([given], "en")
    'record A2, persona: no persona [missing-persona]'
    """

    def where(e: StaffRowError) -> str:
        at = f"{e.file}: " if files and e.file else ""
        at += f"row {e.row}" if e.row is not None else f"record {e.id}" if e.id else "record"
        return at + (f", {e.column}" if e.column else "")

    parts = [f"{where(e)}: {getattr(e, lang)} [{e.code}]" for e in errors[:limit]]
    more = len(errors) - len(parts)
    if more:
        parts.append(f"ほか {more} 件" if lang == "ja" else f"{more} more")
    return "; ".join(parts)
