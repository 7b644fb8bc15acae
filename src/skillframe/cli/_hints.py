"""A hint for errors about ids of a framework that is not loaded: pass ``--catalog``.

An id such as ``niseko-like-town:dx-promoter`` names its framework before the colon. When
a persona or training of such an id is unknown and the framework is not in the catalog
loaded, the user most likely forgot the ``--catalog FILE`` they recorded or wrote it with.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..errors import bilingual

if TYPE_CHECKING:
    from .._catalog import Catalog

__all__ = ["catalog_hint", "missing_frameworks"]

#: A quoted qualified id in an error message: ``'niseko-like-town:dx-promoter'``.
_QUALIFIED = re.compile(r"'([A-Za-z0-9][A-Za-z0-9_.-]*):[^':\s][^']*'")
#: The code a row error ends with (``[extra-names-column]``): only an unknown id is a hint's.
_CODE = re.compile(r"\[([a-z0-9-]+)\]\s*$")


def missing_frameworks(catalog: Catalog, texts: Iterable[str]) -> list[str]:
    """The framework ids named as the prefix of a quoted id in ``texts`` and not loaded in
    ``catalog``, in order of first mention.

    >>> import skillframe
    >>> missing_frameworks(skillframe.load(), ["unknown persona 'niseko-like-town:dx-promoter'",
    ...                                        "unknown skill 'tokyo-wg-2025:nope'"])
    ['niseko-like-town']
    >>> missing_frameworks(skillframe.load(), ["the extra key 'dsm:bpr' names a column [extra-names-column]"])
    []
    """
    loaded = {f.id for f in catalog.frameworks()}
    out: list[str] = []
    for text in texts:
        code = _CODE.search(text)
        if code and not code.group(1).startswith("unknown-"):  # a column named dsm:bpr, not an id
            continue
        for fw in _QUALIFIED.findall(text):
            if fw not in loaded and fw not in out:
                out.append(fw)
    return out


def catalog_hint(catalog: Catalog, texts: Iterable[str]) -> str | None:
    """The hint line (bilingual) when ``texts`` name ids of a framework not loaded, else ``None``.

    >>> import skillframe
    >>> print(catalog_hint(skillframe.load(), ["unknown persona 'niseko-like-town:dx-promoter'"]).split(" / ")[1])
    framework niseko-like-town is not loaded: pass the --catalog FILE that defines it (the one used when recording)
    """
    fws = missing_frameworks(catalog, texts)
    if not fws:
        return None
    names = ", ".join(fws)
    return bilingual(
        f"フレームワーク {names} は読み込まれていません: その人材像・研修を定義した --catalog FILE を指定してください",
        f"framework {names} is not loaded: pass the --catalog FILE that defines it (the one used when recording)",
    )
