"""Text helpers in one place: key normalisation, "did you mean", text by language, short reprs.

全角/半角 must never matter to a user typing a key; normalisation is for *matching*
only, what users wrote is what they are shown.

>>> normalize("ＤＸ推進員") == normalize("DX推進員")
True
>>> normalize("  Lv.２ ")
'lv.2'
>>> normalize("DX推進員\u200b") == normalize("DX推進員")  # a zero-width space pasted from a web page
True
>>> suggest("mentorng", ["mentoring", "trainings", "id"])
['mentoring']
>>> by_lang("en", "研修", "training")
'training'
>>> short("x" * 100, 10)
'xxxxxxxxx…'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

__all__ = [
    "IGNORABLE",
    "by_lang",
    "did_you_mean",
    "label_of",
    "normalize",
    "short",
    "shown_ids",
    "suggest",
    "text_of",
]

_SPACE = re.compile(r"\s+")
#: Unicode's default-ignorable code points (zero-width spaces and joiners, the BOM, soft hyphen,
#: bidi marks, variation selectors): invisible, so never a difference between two keys. Text
#: copied from web pages, PDFs and chat carries them; matching leaves them out (as NFKC_Casefold).
IGNORABLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\U000e0000-\U000e0fff]"
)


def normalize(text: str) -> str:
    """NFKC-normalise, case-fold, leave out invisible characters (:data:`IGNORABLE`) and collapse
    white space (for matching keys, never for display)."""
    return _SPACE.sub(" ", IGNORABLE.sub("", unicodedata.normalize("NFKC", text))).strip().casefold()


def suggest(key: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """The nearest candidates to ``key`` (for "did you mean"), at most ``n``, nearest first."""
    import difflib  # only when a key is wrong: keeps import skillframe light

    pool = list(dict.fromkeys(candidates))
    return difflib.get_close_matches(key, pool, n=n, cutoff=0.6)


def did_you_mean(key: str, candidates: Iterable[str]) -> str:
    """`` (もしかして / did you mean: a, b)`` for the nearest candidates, or ``""`` when none is near.

    >>> did_you_mean("mentorng", ["mentoring", "trainings"])
    ' (もしかして / did you mean: mentoring)'
    """
    near = suggest(key, candidates)
    return f" (もしかして / did you mean: {', '.join(near)})" if near else ""


def by_lang(lang: str, ja: str, en: str) -> str:
    """``en`` when ``lang`` is ``"en"``, else ``ja`` (Japanese is the default language)."""
    return en if lang == "en" else ja


def label_of(d: Any, lang: str) -> str:
    """A definition's label in ``lang`` (Japanese when no English exists).

    >>> from skillframe.model import Skill
    >>> label_of(Skill(id="x:a", label="業務分析", label_en="Business analysis"), "en")
    'Business analysis'
    """
    if lang == "en" and getattr(d, "label_en", None):
        return str(d.label_en)
    return str(getattr(d, "label", getattr(d, "id", d)))


def text_of(d: Any, field: str, lang: str) -> str:
    """A text field of a definition in ``lang`` (``<field>_en`` for English, falling back to Japanese).

    >>> from skillframe.model import Skill
    >>> text_of(Skill(id="x:a", label="a", category="業務効率化"), "category", "en")
    '業務効率化'
    """
    if lang == "en":
        en = getattr(d, f"{field}_en", None)
        if en:
            return str(en)
    value = getattr(d, field, None)
    return "" if value is None else str(value)


def short(text: str, limit: int = 60) -> str:
    """``text`` on one line, cut to at most ``limit`` characters (``…`` marks a cut)."""
    one = " ".join(str(text).split()) if ("\n" in text or "\r" in text) else text
    return one if len(one) <= limit else one[: limit - 1] + "…"


def shown_ids(ids: Sequence[str], lang: str, limit: int = 10) -> str:
    """The first ``limit`` of ``ids`` (people, as written), and how many more (``ほか 3 名`` /
    ``and 3 more``): the one way a message names a list of people.

    >>> shown_ids(["A1", "A2", "A3"], "ja", 2), shown_ids(["A1", "A2", "A3"], "en", 2)
    ('A1, A2 ほか 1 名', 'A1, A2 and 1 more')
    >>> shown_ids(["A1"], "ja")
    'A1'
    """
    more = len(ids) - limit
    tail = "" if more <= 0 else f" ほか {more} 名" if lang == "ja" else f" and {more} more"
    return ", ".join(ids[:limit]) + tail
