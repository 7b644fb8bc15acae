"""``FRAMEWORK@VERSION`` → the edition and the catalog framework holding its contents.

A framework lists its editions in ``history`` (:class:`~skillframe.model.Edition`).
``tokyo-dsm@基本方針 ver.2.0`` names one of them; the framework's own ``version``
names the edition it carries itself. Versions match ignoring width, case, spaces
and a leading ``ver.``/``v`` (``ipa-dss@v1.2`` = ``ipa-dss@1.2``).

>>> import skillframe
>>> cat = skillframe.load()
>>> ref = resolve_edition(cat, "ipa-dss@v1.2")
>>> ref.contents, ref.edition.status
('ipa-dss', 'superseded')
>>> try:
...     resolve_edition(cat, "ipa-dss@2.0")
... except skillframe.EditionError as exc:
...     print(exc.code)
edition-not-carried
"""

from __future__ import annotations

import re
import unicodedata

import attrs

from .. import model as m
from .._catalog import Catalog
from ..errors import EditionError

__all__ = ["EditionRef", "editions", "resolve_edition", "same_version"]

_PREFIX = re.compile(r"^(ver\.?|v\.?)(?=\d)")


def _norm(version: str) -> str:
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", version)).casefold()
    return _PREFIX.sub("", text)


def same_version(a: str, b: str) -> bool:
    """True when two version strings name the same edition (``ver.1.2`` = ``1.2`` = ``v1.2``)."""
    return _norm(a) == _norm(b)


@attrs.frozen
class EditionRef:
    """An edition of a framework: ``framework`` lists it, ``contents`` holds its definitions."""

    key: str
    framework: m.Framework
    edition: m.Edition
    contents: str

    def __repr__(self) -> str:
        return f"<EditionRef {self.framework.id}@{self.edition.version} → {self.contents}>"


def editions(catalog: Catalog, framework: str | m.Framework) -> tuple[m.Edition, ...]:
    """The editions a framework records (its ``history``), oldest first as written."""
    fid = framework.id if isinstance(framework, m.Framework) else framework
    return catalog.framework(fid).history


def resolve_edition(catalog: Catalog, key: str) -> EditionRef:
    """Resolve ``FRAMEWORK@VERSION``.

    Raises :class:`~skillframe.EditionError` with ``code`` ``edition-syntax``,
    ``edition-unknown`` or ``edition-not-carried`` (the edition is recorded but its
    definitions are not in the catalog), and :class:`~skillframe.UnknownKeyError`
    for an unknown framework.
    """
    fkey, sep, version = key.rpartition("@")
    if not sep or not fkey.strip() or not version.strip():
        raise EditionError(
            "edition-syntax",
            f"版は「フレームワーク@版」で指定してください: {key!r}",
            f"name an edition as FRAMEWORK@VERSION: {key!r}",
        )
    fw = catalog.framework(fkey.strip())
    found = next((e for e in fw.history if same_version(e.version, version)), None)
    if found is None and fw.version is not None and same_version(fw.version, version):
        found = m.Edition(version=fw.version, issued=fw.issued, status=fw.status, contents=fw.id)
    if found is None:
        known = list(dict.fromkeys([e.version for e in fw.history] + ([fw.version] if fw.version else [])))
        raise EditionError(
            "edition-unknown",
            f"{fw.id} に版 {version!r} はありません（記録された版: {', '.join(known) or 'なし'}）",
            f"{fw.id} has no edition {version!r} (recorded: {', '.join(known) or 'none'})",
        )
    contents = found.contents
    if contents is None and fw.version is not None and same_version(fw.version, found.version):
        contents = fw.id
    if contents is None:
        raise EditionError(
            "edition-not-carried",
            f"{fw.id}@{found.version} は記録されていますが、その内容はカタログにありません",
            f"{fw.id}@{found.version} is recorded, but its contents are not in the catalog",
        )
    catalog.framework(contents)  # an edition pointing at a missing framework: UnknownKeyError
    return EditionRef(key=f"{fw.id}@{found.version}", framework=fw, edition=found, contents=contents)
