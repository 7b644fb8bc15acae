"""How a year's catalog differs from the current one. Years recorded with a framework the
current catalog does not load: say so, and ask for the ``--catalog FILE`` used when recording
(re-evaluating without it cannot work: the stored personas and trainings are that framework's).
Any other difference (:func:`catalog_difference`: a framework added, a version changed, the
definitions edited) is named in words before ``--reevaluate`` is asked for.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .._fingerprint import CatalogFingerprint
from ..errors import HistoryError

__all__ = ["catalog_difference", "catalog_not_loaded", "unloaded_frameworks"]


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


def catalog_difference(current: CatalogFingerprint, recorded: CatalogFingerprint) -> tuple[str, str]:
    """What differs between the catalog a year was ``recorded`` under and the ``current`` one, in
    words (Japanese, English): the frameworks loaded now and not then (a town's overlay added),
    those loaded then and not now, the versions changed; else (same frameworks and versions) the
    definitions' content. The two digests close it, the recorded one first.

    >>> import attrs
    >>> now = CatalogFingerprint(digest="b" * 64, versions={"tokyo-wg-2025": "2025-10", "town": None})
    >>> then = CatalogFingerprint(digest="a" * 64, versions={"tokyo-wg-2025": "2025-10"})
    >>> catalog_difference(now, then)[0]
    '記録時になかったフレームワーク town が加わっています（digest aaaaaaaaaaaa → bbbbbbbbbbbb）'
    >>> catalog_difference(then, attrs.evolve(then, digest="c" * 64, versions={"tokyo-wg-2025": "2026-04"}))[1]
    'tokyo-wg-2025 version 2026-04 → 2025-10 (digest cccccccccccc → aaaaaaaaaaaa)'
    >>> catalog_difference(then, attrs.evolve(then, digest="c" * 64))[0]
    'フレームワークと版は同じで、定義の内容が違います（digest cccccccccccc → aaaaaaaaaaaa）'
    """
    now, then = current.versions, recorded.versions
    added = sorted(set(now) - set(then))
    gone = sorted(set(then) - set(now))
    changed = [(fw, then[fw] or "-", now[fw] or "-") for fw in sorted(set(now) & set(then)) if now[fw] != then[fw]]
    ja: list[str] = []
    en: list[str] = []
    if added:
        ja.append(f"記録時になかったフレームワーク {', '.join(added)} が加わっています")
        en.append(f"framework {', '.join(added)} is loaded now and was not when recorded")
    if gone:
        ja.append(f"記録時のフレームワーク {', '.join(gone)} が読み込まれていません")
        en.append(f"framework {', '.join(gone)} of the record is not loaded")
    for fw, old, new in changed:
        ja.append(f"{fw} の版 {old} → {new}")
        en.append(f"{fw} version {old} → {new}")
    if not ja:
        ja.append("フレームワークと版は同じで、定義の内容が違います")
        en.append("same frameworks and versions, other definitions")
    digests = f"digest {recorded.short} → {current.short}"
    return f"{'、'.join(ja)}（{digests}）", f"{'; '.join(en)} ({digests})"
