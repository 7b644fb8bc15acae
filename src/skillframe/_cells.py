r"""Cells made safe for the place they are written: spreadsheets, Markdown, XML.

One neutraliser for every CSV, TSV and XLSX cell skillframe writes. A spreadsheet
runs a cell that begins with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return)
as a formula; Japanese input methods type those signs full-width (``＝１＋１``), which
Excel and LibreOffice also accept, so the test is made on the NFKC-normalised text
with leading blanks removed. Such a cell is written with a leading ``'`` and is
otherwise exactly as given.

>>> neutralise("=HYPERLINK(1)"), neutralise("＝１＋１"), neutralise(" @SUM(A1)"), neutralise("Lv.1")
("'=HYPERLINK(1)", "'＝１＋１", "' @SUM(A1)", 'Lv.1')
>>> md_cell("a|b <script> & c\nd")
'a\\|b &lt;script&gt; &amp; c<br>d'
>>> xml_safe("ok\x00\x1b!")
'ok!'
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

__all__ = ["DANGEROUS_STARTS", "is_dangerous", "md_cell", "neutralise", "put_text", "unquote", "xml_safe"]

#: What a spreadsheet reads as the start of a formula (after NFKC and leading blanks).
DANGEROUS_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")

_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def is_dangerous(text: str) -> bool:
    """True when a spreadsheet could read ``text`` as a formula.

    >>> is_dangerous("－1"), is_dangerous("\u3000=1"), is_dangerous("1-2")
    (True, True, False)
    """
    if not text:
        return False
    if text.startswith(DANGEROUS_STARTS):
        return True
    norm = unicodedata.normalize("NFKC", text).lstrip(" \u3000\u00a0")
    return norm.startswith(DANGEROUS_STARTS)


def neutralise(text: str) -> str:
    """``text`` for a spreadsheet cell: without control characters XLSX cannot hold, and a
    formula-like start made text with a leading ``'``.

    Printable ASCII (ids, numbers) is decided from its first non-blank character (NFKC
    leaves ASCII as it is and it holds no control character); other text is worked out
    once per distinct value (a bounded memo: a result file repeats its labels).
    """
    if text.isascii() and text.isprintable():
        first = text[:1]
        if first == " ":
            first = text.lstrip(" ")[:1]
        return "'" + text if first and first in "=+-@" else text
    hit = _MEMO.get(text)
    if hit is None:
        if len(_MEMO) >= _MEMO_MAX:
            _MEMO.clear()
        safe = xml_safe(text)
        hit = _MEMO[text] = "'" + safe if is_dangerous(safe) else safe
    return hit


def unquote(text: str) -> str:
    """What :func:`neutralise` was given: ``text`` without the ``'`` it puts before a
    formula-like start (a CSV that skillframe or another careful tool wrote, read back);
    any other text as it is. Excel itself never writes such a ``'`` into a CSV (it is a
    prefix there, not part of the cell), so the ``'`` is not what the user typed.

    >>> unquote("'-5"), unquote("'＝１＋１"), unquote("'quoted"), unquote("-5")
    ('-5', '＝１＋１', "'quoted", '-5')
    """
    if text[:1] == "'" and is_dangerous(text[1:]):
        return text[1:]
    return text


_MEMO: dict[str, str] = {}
_MEMO_MAX = 4096  # distinct non-ASCII cells remembered (then forgotten at once)


def md_cell(text: str) -> str:
    """``text`` for a Markdown table cell: ``& < > |`` escaped, line breaks as ``<br>``."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


def md_text(text: str) -> str:
    """``text`` for Markdown prose: HTML and table syntax escaped, on one line per paragraph."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold (C0 controls but tab, LF, CR)."""
    return _ILLEGAL_XML.sub("", text)


def put_text(cell: Any, text: str) -> None:
    """Write ``text`` into an XLSX cell (openpyxl) as a string cell holding exactly ``text``.

    Never a formula, never a number, never an added ``'``: formula-like text (``=1+1``,
    ``-5``) gets Excel's own "quote prefix" style, so Excel shows it as typed and reads it
    back unchanged (openpyxl too). ``text`` must be XML-safe (:func:`xml_safe`).
    """
    cell.value = text
    cell.data_type = "s"  # openpyxl makes "=…" a formula; a string cell it stays
    if is_dangerous(text):
        cell.quotePrefix = True
