"""A hint for errors about ids of a framework that is not loaded: pass ``--catalog``.

An id such as ``niseko-like-town:dx-promoter`` names its framework before the colon. When
a persona or training of such an id is unknown and the framework is not in the catalog
loaded, the user most likely forgot the ``--catalog FILE`` they recorded or wrote it with.
The look-up that failed says so where it fails: the error's ``framework``
(:attr:`~skillframe.errors.LookupFailed.framework`), carried on by a row error
(:attr:`~skillframe.StaffRowError.framework`) and a file's problem
(:attr:`~skillframe.Problem.framework`); the message's wording plays no part.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..errors import LookupFailed, Problem, bilingual
from ..staff.record import StaffRowError

__all__ = ["catalog_hint", "missing_frameworks"]


def _named(error: object) -> Iterator[str | None]:
    """The frameworks not loaded that ``error`` names: its own, and each of its problems'."""
    if isinstance(error, LookupFailed | StaffRowError | Problem):
        yield error.framework
    for p in getattr(error, "problems", ()):  # TargetsError, CatalogError…: every Problem
        if isinstance(p, Problem):
            yield p.framework


def missing_frameworks(errors: Iterable[object]) -> list[str]:
    """The ids of the frameworks not loaded that ``errors`` name (look-up errors, row errors,
    errors with problems), in order of first mention.

    >>> import skillframe
    >>> cat = skillframe.load()
    >>> errors = []
    >>> for key in ("niseko-like-town:dx-promoter", "tokyo-wg-2025:nope"):
    ...     try:
    ...         cat.persona(key)
    ...     except skillframe.UnknownKeyError as exc:
    ...         errors.append(exc)
    >>> missing_frameworks(errors)
    ['niseko-like-town']
    >>> row = skillframe.StaffRowError(2, "dsm:bpr", "a column / a column", code="extra-names-column")
    >>> missing_frameworks([row])
    []
    """
    out: list[str] = []
    for error in errors:
        for fw in _named(error):
            if fw is not None and fw not in out:
                out.append(fw)
    return out


def catalog_hint(errors: Iterable[object]) -> str | None:
    """The hint line (bilingual) when ``errors`` name ids of a framework not loaded, else ``None``.

    >>> import skillframe
    >>> try:
    ...     skillframe.load().persona("niseko-like-town:dx-promoter")
    ... except skillframe.UnknownKeyError as exc:
    ...     print(catalog_hint([exc]).split(" / ")[1])
    framework niseko-like-town is not loaded: pass the --catalog FILE that defines it (the one used when recording)
    """
    fws = missing_frameworks(errors)
    if not fws:
        return None
    names = ", ".join(fws)
    return bilingual(
        f"フレームワーク {names} は読み込まれていません: その人材像・研修を定義した --catalog FILE を指定してください",
        f"framework {names} is not loaded: pass the --catalog FILE that defines it (the one used when recording)",
    )
