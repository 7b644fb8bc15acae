"""The municipality's own figures that the advice does not choose by: population and IT staff.

``population`` and ``it_staff`` of the profile (docs/policy.md) are shown only — the report
gives no threshold for them, so no recommendation depends on them (``it_arrangement`` is
answered, never inferred from ``it_staff``). :func:`profile_facts` writes them for the
draft's overview of the municipality (``lang="ja"``) and the header of ``skillframe advise``
(``"both"``); ``None`` when neither is answered.

>>> from skillframe.model import Profile
>>> profile_facts(Profile(population=12000, it_staff=2))
'人口 12,000 人、全庁情報システム担当 2 名'
>>> profile_facts(Profile(population=12000, it_staff=2), lang="both")
'人口 / population 12,000、全庁情報システム担当 / IT staff 2'
>>> profile_facts(Profile(it_staff=0), lang="en")
'IT staff 0'
>>> profile_facts(Profile()) is None
True
"""

from __future__ import annotations

from typing import Literal

from ..model import Profile

__all__ = ["SHOWN_ONLY", "profile_facts"]

#: Why these figures are shown and not used: (Japanese, English).
SHOWN_ONLY = (
    "表示のみ: 報告書に閾値がないため、助言の選択には使いません",
    "shown only: the report gives no threshold, so no advice depends on them",
)


def profile_facts(profile: Profile | None, lang: Literal["ja", "en", "both"] = "ja") -> str | None:
    """Population and IT staff as a short phrase in ``lang``; ``None`` when neither is given."""
    if profile is None:
        return None
    parts = []
    for value, ja, unit, en in (
        (profile.population, "人口", "人", "population"),
        (profile.it_staff, "全庁情報システム担当", "名", "IT staff"),
    ):
        if value is None:
            continue
        if lang == "ja":
            parts.append(f"{ja} {value:,} {unit}")
        elif lang == "en":
            parts.append(f"{en} {value:,}")
        else:
            parts.append(f"{ja} / {en} {value:,}")
    return ("、" if lang != "en" else ", ").join(parts) or None
