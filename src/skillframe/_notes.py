"""A catalog note in the reader's language: ``note_ja`` beside ``note``, and an honest fallback.

Catalog notes (a provenance's or a policy cite's ``note``, a mapping's ``comment``) are
written in English; ``note_ja`` (``comment_ja``) carries the same content in Japanese.
Japanese outputs show the Japanese text; where there is none and the note is English,
they show the English note marked 「（英語の注記）」 rather than pretend it is Japanese.
A note written in Japanese in the first place (a municipality's own) is shown as it is.
English outputs show ``note`` (``note_ja`` only where there is no ``note``).

>>> note_in("read as merged", "結合セルと読む", "ja")
'結合セルと読む'
>>> note_in("read as merged", "結合セルと読む", "en")
'read as merged'
>>> note_in("the cells are empty in the text", None, "ja")
'（英語の注記）the cells are empty in the text'
>>> note_in("当市の読み", None, "ja")
'当市の読み'
>>> note_in(None, None, "ja") is None
True
"""

from __future__ import annotations

import re

__all__ = ["ENGLISH_MARK", "looks_english", "note_in"]

#: What a Japanese output puts before a note it can only show in English.
ENGLISH_MARK = "（英語の注記）"

# Three ASCII words in a row, the last two in lower case: an English phrase ("read as merged",
# "column alignment of"), not a name or a term inside Japanese text ("Power BI", "Off-JT 研修").
_ENGLISH = re.compile(r"[A-Za-z]+[ ,;:]+[a-z]+'?[a-z]*[ ,;:]+[a-z]+")


def looks_english(text: str) -> bool:
    """Whether a note reads as English (it has an English phrase in it).

    >>> looks_english("column alignment of the source table is uncertain")
    True
    >>> looks_english("「共通」は結合セル。Power BI と Off-JT 研修")
    False
    """
    return _ENGLISH.search(text) is not None


def note_in(note: str | None, note_ja: str | None, lang: str = "ja") -> str | None:
    """The note to show in ``lang`` (``"ja"`` or ``"en"``); None when there is none."""
    if lang == "en":
        return note or note_ja or None
    if note_ja:
        return note_ja
    if note and looks_english(note):
        return ENGLISH_MARK + note
    return note or None
