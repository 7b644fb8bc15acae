"""What a catalog is, as a short value to store beside results: a content digest and versions.

A form, a collect run and the assessment history each record the digest of the catalog
they were made from, so a result made under another edition is recognised, never mixed.

>>> import skillframe
>>> fp = catalog_fingerprint(skillframe.load())
>>> len(fp.digest), fp.versions["tokyo-wg-2025"]
(64, '2025-10')
>>> fp.short == fp.digest[:12]
True
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from ._catalog import Catalog

__all__ = ["CatalogFingerprint", "catalog_fingerprint"]


@attrs.frozen
class CatalogFingerprint:
    """``digest``: SHA-256 (hex) of every definition's content; ``versions``: framework id -> version."""

    digest: str
    versions: dict[str, str | None]

    @property
    def short(self) -> str:
        """The first 12 hex digits, as shown to users."""
        return self.digest[:12]

    def describe(self) -> str:
        """``tokyo-wg-2025 2025-10, … (digest 1a2b3c4d5e6f)``: one line for messages."""
        parts = ", ".join(f"{k} {v or '-'}" for k, v in sorted(self.versions.items()))
        return f"{parts} (digest {self.short})"


def _plain(value: Any) -> Any:
    """A JSON-able, order-stable form of a definition's field value."""
    if attrs.has(type(value)):
        return {
            "@": type(value).__name__,
            **{f.name: _plain(getattr(value, f.name)) for f in attrs.fields(type(value))},
        }
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (set, frozenset)):
        return sorted(_plain(v) for v in value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return f"{type(value).__name__}:{value}"


def catalog_fingerprint(catalog: Catalog) -> CatalogFingerprint:
    """The digest of a catalog's definitions (order-independent) and its frameworks' versions."""
    cached = getattr(catalog, "_skillframe_fingerprint", None)
    if isinstance(cached, CatalogFingerprint):
        return cached
    items = sorted((d.id, _plain(d)) for d in catalog.iter_definitions())
    text = json.dumps(items, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    fp = CatalogFingerprint(
        digest=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        versions={f.id: f.version for f in catalog.frameworks()},
    )
    with contextlib.suppress(AttributeError):  # a catalog with slots: no cache
        object.__setattr__(catalog, "_skillframe_fingerprint", fp)
    return fp
