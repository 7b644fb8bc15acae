"""Reading one value of a staff record: text, yes/no, numbers, levels (lists of keys, nested
mappings and a record's row number: :mod:`skillframe.staff.structured`).

Every parser takes what a file cell, a JSON value or a DataFrame cell can be (``str``,
``int``, ``float`` including NaN, ``bool``, ``None``) and returns the value or ``None``
(*unknown*: empty, NaN). Anything else raises :class:`~skillframe.errors.StaffValueError`
with a machine-readable ``code``; nothing is guessed.

Text is kept as written (only the white space around it is removed); keys are
normalised for *matching* only (:func:`match_key`).

>>> parse_bool("有り"), parse_bool("✓"), parse_bool("未済"), parse_bool("")
(True, True, False, None)
>>> parse_number("Lv.２"), parse_number("１.5年"), parse_number(float("nan"))
(2, 1.5, None)
>>> parse_number("0,5")
Traceback (most recent call last):
...
skillframe.errors.StaffValueError: ...
>>> match_key("市民課〜窓口") == match_key("市民課～窓口")
True
"""

from __future__ import annotations

import datetime as dt
import decimal
import math
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from .._cells import unquote
from .._text import IGNORABLE
from ..errors import StaffValueError

__all__ = [
    "BOOLEAN_SPELLINGS",
    "MAX_CELL_CHARS",
    "NONE_WORDS",
    "ErrorValue",
    "FormulaWithoutValue",
    "LongNumber",
    "ShownNumber",
    "date_text",
    "id_key",
    "match_key",
    "parse_bool",
    "parse_extra",
    "parse_level",
    "parse_number",
    "parse_text",
]

#: Spellings of yes/no, compared after :func:`match_key` (so ``ＹＥＳ`` = ``yes``). The one table.
BOOLEAN_SPELLINGS: Mapping[str, bool] = {
    **dict.fromkeys(
        [
            "はい",
            "yes",
            "y",
            "true",
            "t",
            "1",
            "○",
            "〇",
            "◯",
            "◎",
            "✓",
            "✔",
            "☑",
            "レ",
            "有",
            "有り",
            "あり",
            "有る",
            "ある",
            "済",
            "済み",
            "すみ",
            "する",
            "した",
            "修了",
            "実施",
        ],
        True,
    ),
    **dict.fromkeys(
        [
            "いいえ",
            "no",
            "n",
            "false",
            "f",
            "0",
            "×",
            "✗",
            "✘",
            "☐",
            "無",
            "無し",
            "なし",
            "無い",
            "ない",
            "未",
            "未済",
            "未了",
            "しない",
            "していない",
            "未実施",
        ],
        False,
    ),
}
#: Spellings of "none" in a list column (``trainings``, ``check:…``): an empty list, not unknown.
NONE_WORDS = frozenset({"なし", "無し", "無", "-", "none", "—", "なし。"})
#: Longest cell accepted (characters); longer is a row error (``cell-too-long``).
MAX_CELL_CHARS = 131_072
_MAX_DIGITS = 15  # more significant digits than a float keeps: a row error, not a rounded value
_MAX_INT = 10**_MAX_DIGITS
_BAD_CHAR = re.compile("[\x00\ud800-\udfff]")  # NUL, lone surrogates, undecodable bytes (surrogateescape)
_SPACE = re.compile(r"\s+")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_INFINITE = frozenset({"inf", "+inf", "-inf", "infinity", "+infinity", "-infinity", "∞"})
_UNKNOWN = frozenset({"nan", "+nan", "-nan"})
_PREFIXES = ("lv.", "lv", "level", "レベル")
_SUFFIXES = ("年", "件", "回", "years", "year", "y")
_KEY_SEPARATORS = re.compile("[;；、\n]")
# Characters that look the same to a user but that NFKC keeps apart (for matching only).
_FOLD = str.maketrans({"〜": "~", "～": "~", "‐": "-", "−": "-", "–": "-", "—": "-", "―": "-"})


class ShownNumber(str):
    """An XLSX number cell: the text is what Excel shows (``000123``), ``number`` the value.

    Text columns (ids, departments) use the text; number columns use the number.
    """

    __slots__ = ("number",)
    number: int | float

    def __new__(cls, shown: str, number: float) -> ShownNumber:
        obj = super().__new__(cls, shown)
        obj.number = number
        return obj


class LongNumber(float):
    """A JSON integer longer than a float keeps (``12345678901234567890``): infinite to every
    parser, so a row error, never a rounded value; shown as written in the message.

    >>> str(LongNumber("12345678901234567890")), LongNumber("1" * 19) > 1e300
    ('12345678901234567890', True)
    """

    __slots__ = ("text",)
    text: str

    def __new__(cls, text: str) -> LongNumber:
        obj = super().__new__(cls, "inf")
        obj.text = text
        return obj

    def __repr__(self) -> str:
        return self.text

    __str__ = __repr__


def _type_name(value: object) -> str:
    """The type of a value as a message says it (a JSON integer is ``int``, however long)."""
    return "int" if isinstance(value, LongNumber) else type(value).__name__


def _too_long(value: LongNumber) -> StaffValueError:
    return _fail(
        "number-too-long",
        f'数値の桁が多すぎます（番号なら文字列 "{_show(value)}" で書いてください）: {_show(value)}',
        f'too many digits (an id? write it as text, "{_show(value)}"): {_show(value)}',
    )


class ErrorValue(str):
    """An XLSX cell holding one of Excel's error values (``#N/A`` of a VLOOKUP that found
    nothing, ``#REF!``…), as Excel shows it. Never the value of a standard column (the parsers
    raise ``cell-error-value``); an extra column shows it as it is."""

    __slots__ = ()


class FormulaWithoutValue:
    """An XLSX formula cell with no saved result (the file was never opened in Excel)."""

    __slots__ = ("formula",)

    def __init__(self, formula: str) -> None:
        self.formula = formula

    def __repr__(self) -> str:
        return f"={self.formula}"


def match_key(text: str) -> str:
    """The form of ``text`` used to *match* keys, never to show them: NFKC, case-folded, spaces
    collapsed, 〜/～ and the dashes folded, invisible characters (a zero-width space) left out.
    ``match_key("ＤＸ推進員") == match_key("dx推進員")``."""
    text = IGNORABLE.sub("", unicodedata.normalize("NFKC", text))
    return _SPACE.sub(" ", text.translate(_FOLD)).strip().casefold()


def id_key(staff_id: str) -> str:
    """The form of a staff id used to *match* it — duplicates in a file, the same person in
    another year or on a returned form — never to show it: NFKC (full-width ``Ｘ１２`` is
    ``X12``, as Excel users type either), without spaces at the ends nor invisible characters
    (a zero-width space or a BOM pasted with it). Case is kept: ``a01`` and ``A01`` stay two ids.

    >>> id_key("Ｘ１２"), id_key(" X12"), id_key("X12\u200b"), id_key("a01") == id_key("A01")
    ('X12', 'X12', 'X12', False)
    """
    if staff_id.isascii():
        return staff_id.strip()
    return IGNORABLE.sub("", unicodedata.normalize("NFKC", staff_id)).strip()


def _fail(code: str, ja: str, en: str) -> StaffValueError:
    return StaffValueError(code, ja, en)


def _show(value: object) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "…"


def _check_text(text: str) -> str:
    if type(text) is ErrorValue:
        raise _fail(
            "cell-error-value",
            f"セルの値が Excel のエラー {text} です（数式の参照先を確かめてください）",
            f"the cell holds Excel's error {text} (check what its formula refers to)",
        )
    if len(text) > MAX_CELL_CHARS:
        raise _fail(
            "cell-too-long",
            f"セルが長すぎます（{len(text)} 文字、上限 {MAX_CELL_CHARS}）",
            f"cell too long ({len(text)} characters, at most {MAX_CELL_CHARS})",
        )
    bad = _BAD_CHAR.search(text)
    if bad is not None:
        if bad.group() == "\x00":
            raise _fail("nul-character", "NUL 文字が含まれています", "the cell contains a NUL character")
        raise _fail(
            "undecodable-text",
            "文字を解読できません（文字コードの誤りか混在）",
            "cannot decode the text (wrong or mixed encoding?)",
        )
    return text


def _is_nan(value: object) -> bool:
    """NaN, and pandas' missing values (``pd.NA``, ``pd.NaT``): a cell left empty."""
    if isinstance(value, float):
        return math.isnan(value)
    return type(value).__name__ in _PANDAS_MISSING and type(value).__module__.startswith("pandas")


_PANDAS_MISSING = frozenset({"NAType", "NaTType"})


def _formula(value: FormulaWithoutValue) -> StaffValueError:
    return _fail(
        "formula-without-value",
        f"数式 {value!r} に保存された値がありません。Excel で開いて保存し直してください",
        f"formula {value!r} has no saved value: open and save the file in Excel",
    )


def parse_text(value: object) -> str | None:
    """Free text (id, department, an extra column) as written, without the spaces around it.

    ``None``, NaN and empty are ``None``. Numbers become their usual text (``7`` → ``'7'``); a
    ``float`` that is not a whole number, ``bool``, lists, mappings and an Excel error value
    (:class:`ErrorValue`) are errors.
    """
    if value is None or _is_nan(value):
        return None
    if type(value) is str or isinstance(value, str):
        text = _check_text(value).strip()
        if text[:1] == "'":  # a formula-like cell a CSV writer made safe with a ' (ours too): as it was
            text = unquote(text).strip()
        return text or None
    if isinstance(value, FormulaWithoutValue):
        raise _formula(value)
    if isinstance(value, LongNumber):
        raise _too_long(value)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _fail("not-text", f"文字列ではありません: {_show(value)}", f"not text: {_show(value)}")
    if isinstance(value, float):
        if not (math.isfinite(value) and value.is_integer()):
            raise _fail("not-text", f"文字列ではありません: {value!r}", f"not text: {value!r}")
        raise _fail(
            "decimal-id",
            f"小数 {value!r} は文字列として読めません（列を文字列にしてください）",
            f"{value!r} is a decimal number, not text (make the column text)",
        )
    return str(value)


def date_text(value: dt.date) -> str:
    """A date as Excel shows it in the General format: ``2026/3/1``, with ``9:30`` after it
    when a datetime has a time of day."""
    text = f"{value.year}/{value.month}/{value.day}"
    if isinstance(value, dt.datetime) and (value.hour, value.minute, value.second) != (0, 0, 0):
        text += f" {value.hour}:{value.minute:02d}"
    return text


def parse_extra(value: object) -> str | None:
    """An extra column's value (one the evaluation does not read: 入庁日, 年齢, 備考) as text:
    text as :func:`parse_text` reads it; a number, a yes/no or a date — a DataFrame's or a JSON
    file's, which a mapping holds as such — as a spreadsheet shows the same cell (``45``,
    ``1.5``, ``TRUE``, ``2020/4/1``), as an XLSX file's cell is read; an Excel error value as
    it is. NaN and pandas' ``NaT`` are ``None``; a list, a mapping or an infinite number is an
    error (``not-text``).

    >>> parse_extra(45.0), parse_extra(1.5), parse_extra(True), parse_extra(dt.date(2020, 4, 1))
    ('45', '1.5', 'TRUE', '2020/4/1')
    """
    if type(value) is str or value is None:
        return parse_text(value)
    if type(value) is ErrorValue:
        return str(value)
    if _is_nan(value):
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.date):
        return date_text(value)
    if isinstance(value, float | decimal.Decimal) and math.isfinite(value):
        if value == int(value) and abs(value) < _MAX_INT:
            return str(int(value))
        return f"{value:.15g}" if isinstance(value, float) else str(value)
    return parse_text(value)


def parse_bool(value: object) -> bool | None:
    """Yes/no in any spelling of :data:`BOOLEAN_SPELLINGS`; empty or NaN → ``None`` (unknown)."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, ShownNumber):
        value = value.number
    if isinstance(value, int | float) and not isinstance(value, bool):
        if _is_nan(value):
            return None
        if value in (0, 1):
            return bool(value)
        raise _fail("not-yes-no", f"はい/いいえ ではありません: {value!r}", f"not a yes/no value: {value!r}")
    if _is_nan(value):  # pandas' NA
        return None
    if isinstance(value, FormulaWithoutValue):
        raise _formula(value)
    if not isinstance(value, str):
        raise _fail("not-yes-no", f"はい/いいえ ではありません: {_show(value)}", f"not a yes/no value: {_show(value)}")
    key = match_key(_check_text(value))
    if not key:
        return None
    found = BOOLEAN_SPELLINGS.get(key)
    if found is None:
        raise _fail(
            "not-yes-no", f"はい/いいえ ではありません: '{_show(value)}'", f"not a yes/no value: '{_show(value)}'"
        )
    return found


def _checked(number: float, value: object) -> int | float:
    if isinstance(value, LongNumber):
        raise _too_long(value)
    if not math.isfinite(number):
        raise _fail("not-finite", f"有限の数ではありません: {_show(value)}", f"not a finite number: {_show(value)}")
    if number < 0:
        raise _fail("negative-number", f"負の数です: {_show(value)}", f"negative number: {_show(value)}")
    if number >= _MAX_INT:  # as for an int of 16 digits or more: never a number read again differently
        raise _fail("number-too-long", f"数値が大きすぎます: {_show(value)}", f"number too large: {_show(value)}")
    return int(number) if number.is_integer() else number


def parse_number(value: object) -> int | float | None:
    """A number ≥ 0 from a cell: full-width digits, ``Lv.２``, ``2年``, ``1,000`` → int or float.

    Empty, ``NaN`` → ``None`` (unknown). ``0,5`` (a decimal comma, or a misplaced thousands
    separator), infinities, negative numbers and more than 15 digits are errors.
    """
    if value is None:
        return None
    if type(value) is int and 0 <= value < _MAX_INT:  # fast paths: already a number
        return value
    if type(value) is float and 0.0 <= value < _MAX_INT:
        return int(value) if value.is_integer() else value
    if _is_nan(value):  # NaN, pandas' NA and NaT: unknown
        return None
    if isinstance(value, ShownNumber):
        value = value.number
    if isinstance(value, bool):
        raise _fail("not-a-number", f"数値ではありません: {value!r}", f"not a number: {value!r}")
    if isinstance(value, int):
        if abs(value) >= 10**_MAX_DIGITS:
            raise _fail("number-too-long", "数値の桁が多すぎます", "number has too many digits")
        return _checked(float(value), value) if value < 0 else value
    if isinstance(value, float):
        return None if math.isnan(value) else _checked(value, value)
    if isinstance(value, FormulaWithoutValue):
        raise _formula(value)
    if not isinstance(value, str):
        raise _fail("not-a-number", f"数値ではありません: {_show(value)}", f"not a number: {_show(value)}")
    text = unicodedata.normalize("NFKC", _check_text(value)).strip().casefold()
    if not text:
        return None
    if text in _UNKNOWN:
        return None
    if text in _INFINITE:
        raise _fail("not-finite", f"有限の数ではありません: '{_show(value)}'", f"not a finite number: '{_show(value)}'")
    for prefix in _PREFIXES:
        if text.startswith(prefix):
            text = text[len(prefix) :].strip()
            break
    for suffix in _SUFFIXES:
        if text.endswith(suffix):
            text = text[: -len(suffix)].strip()
            break
    if text in _INFINITE:
        raise _fail("not-finite", f"有限の数ではありません: '{_show(value)}'", f"not a finite number: '{_show(value)}'")
    if "," in text:
        if not _THOUSANDS.fullmatch(text):
            raise _fail(
                "ambiguous-decimal-comma",
                f"'{_show(value)}' のカンマが小数点か桁区切りか分かりません（小数点は . で）",
                f"'{_show(value)}': is the comma a decimal point or a thousands separator? (write decimals with .)",
            )
        text = text.replace(",", "")
    if not _NUMBER.fullmatch(text):
        raise _fail("not-a-number", f"数値ではありません: '{_show(value)}'", f"not a number: '{_show(value)}'")
    mantissa = text.split("e", 1)[0]
    if sum(c.isdigit() for c in mantissa.lstrip("+-0.")) > _MAX_DIGITS:
        raise _fail("number-too-long", f"数値の桁が多すぎます: '{_show(value)}'", f"too many digits: '{_show(value)}'")
    return _checked(float(text), value)


def parse_level(value: object) -> int | None:
    """A level 0–3 (``Lv.２`` → 2); empty or NaN → ``None``."""
    if type(value) is int and 0 <= value <= 3:  # fast path: already a level
        return value
    number = parse_number(value)
    if number is None:
        return None
    if number not in (0, 1, 2, 3):
        raise _fail("bad-level", f"レベルは 0〜3 です: {_show(value)}", f"a level is 0 to 3: {_show(value)}")
    return int(number)


def cell_error(value: Any) -> StaffValueError | None:
    """The error of a raw cell that no column may hold (a formula without value), else ``None``."""
    return _formula(value) if isinstance(value, FormulaWithoutValue) else None
