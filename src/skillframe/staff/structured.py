"""Values of a staff record that hold structure: lists of keys (``trainings``, ``check:``),
the nested mappings of a dict or JSON record (``dsm``, ``tools``, ``tool_checks``, ``extra``)
and a record's own row number. Scalar values (text, yes/no, numbers, levels) are
:mod:`skillframe.staff.values`; the same rules hold: ``None``, NaN and empty text are *not
given*, anything else that does not fit raises :class:`~skillframe.errors.StaffValueError`
with a machine-readable ``code``, and nothing is guessed.

>>> parse_keys("BPR研修；DXマインドセット研修")
('BPR研修', 'DXマインドセット研修')
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..errors import StaffValueError
from .values import (
    _BAD_CHAR,
    _KEY_SEPARATORS,
    MAX_CELL_CHARS,
    NONE_WORDS,
    FormulaWithoutValue,
    _check_text,
    _fail,
    _formula,
    _is_nan,
    _show,
    _type_name,
    match_key,
    parse_number,
)

__all__ = [
    "LIST_FIELDS",
    "NESTED_COLUMNS",
    "NESTED_MAPPINGS",
    "is_empty",
    "parse_keys",
    "parse_nested",
    "parse_row",
]


#: What a list column holds, in Japanese and English (the message of ``not-a-list``).
LIST_FIELDS: Mapping[str, tuple[str, str]] = {
    "trainings": ("研修名・スキル名", "training or skill names"),
    "check": ("チェックした項目", "ticked checklist items"),
}


def _not_a_list(field: str, value: object, *, item: bool = False) -> StaffValueError:
    """``not-a-list``: what a list column (:data:`LIST_FIELDS`) accepts, and what was given."""
    ja, en = LIST_FIELDS.get(field, LIST_FIELDS["trainings"])
    kind = _type_name(value)
    shown = f"'{_show(value)}'" if isinstance(value, str) else _show(value)
    what_ja = f"リストの要素 {shown}（{kind}）が文字列ではありません" if item else f"{shown}（{kind}）"
    what_en = f"not a list with an item of {kind}: {shown}" if item else f"not {kind}: {shown}"
    return _fail(
        "not-a-list",
        f"{ja}のリスト、または「;」「；」「、」・改行で区切った 1 つの文字列で書いてください: {what_ja}",
        f"must be a list of {en}, or one text separated by ; ； 、 or line breaks, {what_en}",
    )


def parse_row(value: object) -> int | None:
    """A record's own row number (the ``row`` of a plain mapping: :attr:`StaffRecord.row
    <skillframe.StaffRecord.row>`, the spreadsheet row with the header as row 1, or a JSON
    item's number): a whole number from 1 (``7``, ``7.0``, ``"７"``); ``None``, NaN and empty →
    ``None`` (not given). Anything else raises ``bad-row``.

    >>> parse_row(7), parse_row("７"), parse_row(None)
    (7, 7, None)
    >>> try:
    ...     parse_row("3行目")
    ... except StaffValueError as exc:
    ...     print(exc.code, "/", exc.en)
    bad-row / row is the record's row number, a whole number from 1 (rename the column to keep it as text): '3行目'
    """
    shown = f"'{_show(value)}'" if isinstance(value, str) else _show(value)
    problem = _fail(
        "bad-row",
        f"row はその記録の行番号で、1 以上の整数です（文字列として残すなら列名を変えてください）: {shown}",
        f"row is the record's row number, a whole number from 1 (rename the column to keep it as text): {shown}",
    )
    if isinstance(value, bool):
        raise problem
    try:
        number = parse_number(value)
    except StaffValueError:
        raise problem from None
    if number is None:
        return None
    if number < 1 or number != int(number):
        raise problem
    return int(number)


def parse_keys(value: object, field: str = "trainings") -> tuple[str, ...] | None:
    """Keys separated by ``;`` ``；`` ``、`` or line breaks, each as written.

    Empty or NaN → ``None`` (unknown); ``なし`` / ``-`` → ``()`` (none). A list, tuple or set
    of strings is taken as the keys (``None`` and NaN items left out). Any other value, or a
    list with an item that is not text, raises ``not-a-list``, saying what ``field``
    (:data:`LIST_FIELDS`: ``trainings``, ``check``) accepts.

    >>> try:
    ...     parse_keys(["BPR研修", 3])
    ... except StaffValueError as exc:
    ...     print(exc.code)
    ...     print(exc.en)
    not-a-list
    must be a list of training or skill names, or one text separated by ; ； 、 ... not a list with an item of int: 3
    """
    if value is None or _is_nan(value):
        return None
    if (  # fast path: keys already split and clean
        (type(value) is tuple or type(value) is list)
        and all(type(v) is str for v in value)
        and not _BAD_CHAR.search("".join(value))
        and all(len(v) <= MAX_CELL_CHARS for v in value)
    ):
        return tuple(k for k in (v.strip() for v in value) if k)
    if isinstance(value, list | tuple | set | frozenset):
        out = []
        for v in value:
            if _is_nan(v) or v is None:
                continue
            if not isinstance(v, str):
                raise _not_a_list(field, v, item=True)
            if _check_text(v).strip():
                out.append(v.strip())
        return tuple(out)
    if isinstance(value, FormulaWithoutValue):
        raise _formula(value)
    if not isinstance(value, str):
        raise _not_a_list(field, value)
    text = _check_text(value).strip()
    if not text:
        return None
    if match_key(text) in NONE_WORDS:
        return ()
    return tuple(k for k in (part.strip() for part in _KEY_SEPARATORS.split(text)) if k)


#: The nested mappings of a record (a dict, a JSON object) and what each maps, in Japanese and English.
NESTED_MAPPINGS: Mapping[str, tuple[str, str]] = {
    "dsm": ("スキルからレベルへ", "skill to level"),
    "tools": ("ツールからレベルへ", "tool to level"),
    "tool_checks": ("ツールからチェックした項目へ", "tool to ticked checklist items"),
    "extra": ("列名から文字列へ", "column name to text"),
}


#: How a table (a file, a DataFrame) writes each nested field: one column per key.
NESTED_COLUMNS: Mapping[str, tuple[str, str]] = {
    "dsm": ("1 スキル 1 列: dsm:<スキル名>", "one column per skill: dsm:<skill>"),
    "tools": ("1 ツール 1 列: tool:<ツール名>", "one column per tool: tool:<tool>"),
    "tool_checks": ("1 ツール 1 列: check:<ツール名>", "one column per tool: check:<tool>"),
    "extra": ("列ごとにその列名で", "each column under its own name"),
}


def is_empty(value: object) -> bool:
    """Whether a mapping's value is not given: ``None``, NaN (pandas' missing values too) or
    blank text.

    >>> is_empty(None), is_empty(float("nan")), is_empty(" "), is_empty(0), is_empty([])
    (True, True, True, False, False)
    """
    return value is None or _is_nan(value) or (isinstance(value, str) and not value.strip())


def parse_nested(field: str, value: object, column: str | None = None) -> Mapping[Any, Any] | None:
    """The value of a nested field of a record (:data:`NESTED_MAPPINGS`: ``dsm``, ``tools``,
    ``tool_checks``, ``extra``): a mapping as it is; ``None``, NaN and empty text → ``None``
    (not given). Anything else raises ``not-a-mapping``: it is never read as something else.
    The message names ``column`` (the key or header as written; default ``field``) and how a
    table writes the field (:data:`NESTED_COLUMNS`: a file cell is never a mapping).

    >>> parse_nested("dsm", {"bpr": 2}), parse_nested("dsm", None), parse_nested("tools", " ")
    ({'bpr': 2}, None, None)
    >>> try:
    ...     parse_nested("dsm", 5)
    ... except StaffValueError as exc:
    ...     print(exc.code)
    ...     print(exc.ja)
    ...     print(exc.en)
    not-a-mapping
    dsm はスキルからレベルへの辞書（JSON ではオブジェクト、表では 1 スキル 1 列: dsm:<スキル名>）で書いて...: 5（int）
    dsm must be a mapping of skill to level (a JSON object; in a table, ...: dsm:<skill>), not int: 5
    """
    if isinstance(value, Mapping):
        return value
    if is_empty(value):
        return None
    ja, en = NESTED_MAPPINGS[field]
    table_ja, table_en = NESTED_COLUMNS[field]
    name = field if column is None else column
    kind = _type_name(value)
    shown = f"'{_show(value)}'" if isinstance(value, str) else _show(value)
    raise _fail(
        "not-a-mapping",
        f"{name} は{ja}の辞書（JSON ではオブジェクト、表では {table_ja}）で書いてください: {shown}（{kind}）",
        f"{name} must be a mapping of {en} (a JSON object; in a table, {table_en}), not {kind}: {shown}",
    )
