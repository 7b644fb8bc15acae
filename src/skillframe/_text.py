"""Text normalisation for look-ups: NFKC, case-folded, whitespace collapsed.

全角/半角 must never matter to a user typing a key:

>>> normalize("ＤＸ推進員") == normalize("DX推進員")
True
>>> normalize("  Lv.２ ")
'lv.2'
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalize"]

_SPACE = re.compile(r"\s+")


def normalize(text: str) -> str:
    """NFKC-normalise, case-fold and collapse white space."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()
