"""Years recorded with a framework the current catalog does not load: say so, and ask for
the ``--catalog FILE`` used when recording (re-evaluating without it cannot work: the
stored personas and trainings are that framework's).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .._fingerprint import CatalogFingerprint
from ..errors import HistoryError

__all__ = ["catalog_not_loaded", "unloaded_frameworks"]


def unloaded_frameworks(
    current: CatalogFingerprint,
    digests: Mapping[int, set[str]],
    prints: Mapping[str, CatalogFingerprint],
    years: Iterable[int],
) -> dict[str, list[int]]:
    """Framework id -> the ``years`` recorded with it, for the frameworks the current catalog lacks.

    >>> now = CatalogFingerprint(digest="a", versions={"tokyo-wg-2025": "2025-10"})
    >>> then = CatalogFingerprint(digest="b", versions={"tokyo-wg-2025": "2025-10", "town": None})
    >>> unloaded_frameworks(now, {2025: {"b"}, 2026: {"a"}}, {"a": now, "b": then}, [2025, 2026])
    {'town': [2025]}
    """
    out: dict[str, list[int]] = {}
    for y in years:
        for d in sorted(digests.get(y, ())):
            for fw in prints[d].versions:
                if fw not in current.versions and y not in out.setdefault(fw, []):
                    out[fw].append(y)
    return out


def catalog_not_loaded(missing: Mapping[str, list[int]]) -> HistoryError:
    """The error ``catalog-not-loaded``: which framework, which years, and ``--catalog FILE``."""
    names = ", ".join(missing)
    years = sorted({y for ys in missing.values() for y in ys})
    shown = ", ".join(map(str, years))
    return HistoryError(
        "catalog-not-loaded",
        f"{shown}年度はフレームワーク {names} で記録されていますが、読み込まれていません: "
        "記録したときと同じ --catalog FILE を指定してください",
        f"FY{shown} were recorded with framework {names}, which is not loaded: "
        "pass the same --catalog FILE used when recording",
    )
