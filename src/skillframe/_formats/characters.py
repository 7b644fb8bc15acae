"""Characters a text field of a YAML input may not hold: control and bidi-override characters.

Every string the YAML reader (:mod:`._formats.yaml`) produces — catalog, overlay, policy,
targets, edition-map and mapping-set files alike, keys included — is checked here once,
so that no field can carry a character that a terminal, a Markdown file or an Excel
cell would act on instead of showing:

- control characters (C0 ``U+0000``–``U+001F``, ``DEL``, C1 ``U+0080``–``U+009F``) and the
  Unicode line/paragraph separators ``U+2028``/``U+2029``: refused everywhere, except tab
  and line feed in the prose fields (:data:`PROSE_FIELDS`: descriptions, notes…), which may
  span lines. Ids, labels, names and every other field are one line: no tab or line feed.
  YAML itself refuses most of them written raw; they arrive through escapes (``"\\x1b"``).
- bidirectional embedding, override and isolate characters (``U+202A``–``U+202E``,
  ``U+2066``–``U+2069``): refused everywhere, as errors. They reorder what is shown
  (``"\\u202Eexe.txt"`` displays as ``txt.exe``), so a label could show as another label or
  id ("Trojan Source", CVE-2021-42574); Japanese and English text never needs them, and
  right-to-left text is ordered by the Unicode bidi algorithm without them (the marks
  ``U+200E``/``U+200F`` stay allowed). A warning would not do: the loader has no channel that
  reaches every user before the text is printed, in a table, a report or a workbook.

>>> [code for code, _ in text_problems("a\\x1bb", "label")]
['text.control']
>>> text_problems("first\\nsecond", "label")[0][1].split(" / ")[1][:58]
"control character U+000A (LF) is not allowed in 'label' (a"
>>> text_problems("first\\nsecond", "description", prose=True)
[]
>>> text_problems("\\u202eexe.txt", "label")[0][1].split(" / ")[1][:63]
'bidirectional control character U+202E (RIGHT-TO-LEFT OVERRIDE)'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

__all__ = ["PROSE_FIELDS", "char_name", "is_prose", "text_problems"]

#: Fields whose text may span lines (line feed and tab allowed): prose, not names.
#: A rule (``rule:``) may be written over several lines too, at any depth below the key.
PROSE_FIELDS = frozenset(
    {
        "comment",
        "concerns",
        "condition",
        "contents",
        "countermeasure",
        "curriculum",
        "definition",
        "description",
        "description_en",
        "descriptor",
        "details",
        "guide",
        "justification",
        "license_note",
        "note",
        "notes",
        "quote",
        "reason",
        "recommendation",
        "risk",
        "text",
    }
)
_RULE_KEYS = frozenset({"rule"})

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_PROSE_ALLOWED = frozenset("\t\n")

_C0 = (  # the abbreviations of the C0 control codes (U+0000 to U+001F), which have no Unicode name
    *("NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF", "CR", "SO", "SI"),
    *("DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB", "ESC", "FS", "GS", "RS", "US"),
)
_SHOWN_MAX = 3


def char_name(ch: str) -> str:
    """``U+XXXX (NAME)`` for a character: its Unicode name, or the control code's abbreviation.

    >>> char_name("\\x1b"), char_name("\\x7f"), char_name("\\x85"), char_name("\\u2066")
    ('U+001B (ESC)', 'U+007F (DEL)', 'U+0085', 'U+2066 (LEFT-TO-RIGHT ISOLATE)')
    """
    code = ord(ch)
    name = _C0[code] if code < 0x20 else "DEL" if code == 0x7F else unicodedata.name(ch, "")
    return f"U+{code:04X}" + (f" ({name})" if name else "")


def is_prose(path: tuple[str | int, ...]) -> bool:
    """True when the value at ``path`` is a prose field (may hold line feeds and tabs).

    >>> is_prose(("skills", 0, "description")), is_prose(("skills", 0, "label"))
    (True, False)
    >>> is_prose(("framework", "notes", 2)), is_prose(("steps", 1, "rule", "all", 0))
    (True, True)
    """
    names = [part for part in path if isinstance(part, str)]
    return bool(names) and (names[-1] in PROSE_FIELDS or any(n in _RULE_KEYS for n in names))


def text_problems(value: str, field: str | None, *, prose: bool = False) -> list[tuple[str, str]]:
    """``(code, message)`` for each kind of forbidden character in ``value`` (at most two).

    ``field`` is the key the text is written under (for the message); ``prose``: a field
    that may span lines (tab and line feed allowed). Codes: ``text.control``,
    ``text.bidi``. The message names up to three distinct characters as ``U+XXXX``.
    """
    out: list[tuple[str, str]] = []
    controls = _distinct(c for c in _CONTROL.findall(value) if not (prose and c in _PROSE_ALLOWED))
    if controls:
        names = _names(controls)
        where_ja = f" は '{field}' に" if field else " は"
        where_en = f" in '{field}'" if field else ""
        one_line = controls[0] in _PROSE_ALLOWED and all(c in _PROSE_ALLOWED for c in controls)
        if one_line:
            ja = f"改行などの制御文字 {names}{where_ja}使えません（1 行の項目）"
            en = (
                f"control character {names} is not allowed{where_en} (a one-line field; only description, note"
                " and other prose fields may hold line breaks and tabs)"
            )
        else:
            ja = f"制御文字 {names}{where_ja}使えません"
            en = f"control character {names} is not allowed{where_en}: remove it (escapes such as \\x1b or \\0 too)"
        out.append(("text.control", f"{ja} / {en}"))
    bidi = _distinct(_BIDI.findall(value))
    if bidi:
        names = _names(bidi)
        out.append(
            (
                "text.bidi",
                f"文字の表示順を変える制御文字 {names} は使えません / bidirectional control character {names} is"
                " not allowed: it changes how the text is shown",
            )
        )
    return out


def _distinct(chars: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(chars))


def _names(chars: list[str]) -> str:
    text = ", ".join(char_name(c) for c in chars[:_SHOWN_MAX])
    return text + (", …" if len(chars) > _SHOWN_MAX else "")
