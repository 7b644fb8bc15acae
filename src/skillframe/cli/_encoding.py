"""The output encoding of CSV and TSV (``--output-encoding``), and text it cannot hold.

Shift_JIS names mean CP932 (what Windows writes). A character CP932 holds under another
code point (— for ―) is written as CP932 spells it; any other it cannot hold is written
as 〓 and reported as an error of its row (:func:`fit_cp932`).

>>> output_encoding("Shift_JIS"), output_encoding("UTF8")
('cp932', 'utf-8')
>>> problems: list[str] = []
>>> fit_cp932("A—B", 2, problems), fit_cp932("🙂", 3, problems), len(problems)
('A―B', '〓', 1)
"""

from __future__ import annotations

import os
import stat
import sys
from typing import Any

from ..errors import OutputError, bilingual
from ..render.writer import ENCODINGS
from ._options import UsageError

__all__ = ["CP932_TWINS", "fit_cp932", "is_regular_file", "output_encoding", "unencodable"]

#: ``--output-encoding`` spellings: Shift_JIS names mean CP932 (what Windows writes).
_ENCODING_NAMES = {
    "utf-8-sig": "utf-8-sig",
    "utf8-sig": "utf-8-sig",
    "utf-8": "utf-8",
    "utf8": "utf-8",
    "cp932": "cp932",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "windows-31j": "cp932",
}


def output_encoding(name: str) -> str:
    """The codec of an ``--output-encoding`` name; :class:`UsageError` for an unknown one."""
    enc = _ENCODING_NAMES.get(name.strip().lower())
    if enc is None:
        raise UsageError(
            bilingual(f"出力の文字コード '{name}' は使えません", f"unknown output encoding '{name}'")
            + f" ({', '.join(ENCODINGS)})"
        )
    return enc


def unencodable(exc: UnicodeEncodeError, where: tuple[str, str] | None = None) -> OutputError:
    """The error for text the output cannot hold (code ``encoding``): the character, the
    encoding and, on stdout, what to do (``where``: the row it is in, Japanese and English)."""
    ch = str(exc.object[exc.start : exc.start + 1])
    shown = f"'{ch}' (U+{ord(ch):04X})" if ch else "?"
    enc = str(getattr(sys.stdout, "encoding", None) or exc.encoding)
    on_stdout = False  # stdout can hold it: the error came from another output
    try:
        ch.encode(enc)
    except UnicodeEncodeError:
        on_stdout = True
    except LookupError:
        pass
    at_ja, at_en = (f"（{where[0]}）", f" ({where[1]})") if where else ("", "")
    if on_stdout:
        return OutputError(
            "encoding",
            bilingual(
                f"標準出力（{enc}）に書けない文字 {shown} があります{at_ja}: -o FILE で書き出してください"
                "（CSV/TSV は --output-encoding の文字コード、既定は BOM 付き UTF-8）",
                f"stdout ({enc}) cannot hold the character {shown}{at_en}: write it with -o FILE "
                "(CSV/TSV in --output-encoding, UTF-8 with BOM by default)",
            ),
            path="<stdout>",
        )
    return OutputError(
        "encoding",
        bilingual(
            f"出力の文字コード {exc.encoding} で書けない文字 {shown} があります{at_ja}",
            f"the output encoding {exc.encoding} cannot hold the character {shown}{at_en}",
        ),
    )


def is_regular_file(stream: Any) -> bool:
    """Whether ``stream`` is a regular file (stdout redirected with ``>``), not a pipe or terminal."""
    try:
        return stat.S_ISREG(os.fstat(stream.fileno()).st_mode)
    except (OSError, ValueError, AttributeError):  # no file descriptor (io.UnsupportedOperation too)
        return False


#: Characters of JIS X 0208 that CP932 (Windows' Shift_JIS) holds under another code point:
#: each to the code point CP932 gives the same two bytes. Other Shift_JIS tables (Python's
#: ``shift_jis`` codec for all but the em dash, Unicode's JIS0208.TXT for it) decode those
#: bytes to the first; Excel shows both alike. Written in a CP932 file instead of 〓.
CP932_TWINS = str.maketrans(
    {
        "\u2014": "\u2015",  # EM DASH → HORIZONTAL BAR (0x815C)
        "\u301c": "\uff5e",  # WAVE DASH → FULLWIDTH TILDE (0x8160)
        "\u2016": "\u2225",  # DOUBLE VERTICAL LINE → PARALLEL TO (0x8161)
        "\u2212": "\uff0d",  # MINUS SIGN → FULLWIDTH HYPHEN-MINUS (0x817C)
        "\u00a2": "\uffe0",  # CENT SIGN → FULLWIDTH CENT SIGN (0x8191)
        "\u00a3": "\uffe1",  # POUND SIGN → FULLWIDTH POUND SIGN (0x8192)
        "\u00ac": "\uffe2",  # NOT SIGN → FULLWIDTH NOT SIGN (0x81CA)
    }
)


def _encodable(ch: str) -> bool:
    try:
        ch.encode("cp932")
        return True
    except UnicodeEncodeError:
        return False


def fit_cp932(text: str, row: int, problems: list[str]) -> str:
    """``text`` as a CP932 file can hold it: a character CP932 holds under another code point
    as CP932 spells it (:data:`CP932_TWINS`), any other it cannot hold as 〓, with a problem
    of output row ``row`` added to ``problems``."""
    try:
        text.encode("cp932")
        return text
    except UnicodeEncodeError:
        text = text.translate(CP932_TWINS)  # the same JIS character, as CP932 spells it (— → ―)
    try:
        text.encode("cp932")
        return text
    except UnicodeEncodeError:
        bad = "".join(dict.fromkeys(ch for ch in text if not _encodable(ch)))
        problems.append(
            bilingual(
                f"出力の {row} 行目: CP932 で書けない文字 '{bad}' を 〓 にしました",
                f"output row {row}: characters CP932 cannot hold ('{bad}') written as 〓",
            )
        )
        return "".join(ch if _encodable(ch) else "〓" for ch in text)
