"""Where facts come from: provenance, sources, a framework's editions, typed texts.

Also :func:`derived`, the field metadata of what the loader fills in itself (the
owning framework, the qualified id), never written in a catalog file.
"""

from __future__ import annotations

from typing import Literal

import attrs

from .._notes import note_in

__all__ = ["Edition", "HistoryEntry", "Provenance", "Source", "TypedText", "derived"]


def derived() -> dict[str, bool]:
    """Field metadata: the loader sets this field; a catalog file must not write it."""
    return {"derived": True}


@attrs.frozen(kw_only=True, repr=False)
class Provenance:
    """Where a fact comes from, and how sure it is.

    ``source`` is the id of a :class:`Source` of the framework (default: the
    framework's primary source); ``locator`` says where inside it (section,
    table, page). ``interpretation`` marks a reading the catalog chose where
    the source is unclear; ``unverified`` marks a fact not checked against a
    primary source. Either flag needs a ``note`` that says why; ``note_ja`` is the
    same note in Japanese (what Japanese outputs show: :meth:`note_in`).
    """

    source: str | None = None
    locator: str | None = None
    interpretation: bool = False
    unverified: bool = False
    note: str | None = None
    note_ja: str | None = None

    def note_in(self, lang: str = "ja") -> str | None:
        """The note in ``lang`` (``ja``: ``note_ja``, else the English note marked 「（英語の注記）」).

        >>> p = Provenance(interpretation=True, note="read as merged", note_ja="結合セルと読む")
        >>> p.note_in("ja"), p.note_in("en")
        ('結合セルと読む', 'read as merged')
        """
        return note_in(self.note, self.note_ja, lang)

    @property
    def flags(self) -> tuple[str, ...]:
        """The flags that are set, in a fixed order."""
        return tuple(
            name for name, on in (("interpretation", self.interpretation), ("unverified", self.unverified)) if on
        )


@attrs.frozen(kw_only=True, repr=False)
class Source:
    """A document facts are taken from."""

    id: str
    title: str
    publisher: str | None = None
    issued: str | None = None
    url: str | None = None
    licence: str | None = None
    note: str | None = None
    note_ja: str | None = None


@attrs.frozen(kw_only=True, repr=False)
class Edition:
    """One edition (version) of a framework, listed in ``Framework.history``.

    ``version`` names the edition as its publisher does; ``issued`` is its date
    (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``); ``status`` is ``current``,
    ``superseded`` or ``draft`` where known. ``replaces`` / ``replaced_by`` name
    other editions of the same framework by ``version``; ``source`` is the id of the
    :class:`Source` that publishes the edition. ``contents`` is the id of the
    framework of the catalog that holds this edition's definitions (None: the
    catalog does not carry them — record its existence, never invent its items).
    """

    version: str
    issued: str | None = None
    status: Literal["current", "draft", "superseded"] | None = None
    replaces: str | None = None
    replaced_by: str | None = None
    source: str | None = None
    contents: str | None = None
    note: str | None = None
    note_ja: str | None = None
    provenance: Provenance = attrs.field(factory=Provenance)


#: The former name of :class:`Edition`.
HistoryEntry = Edition


@attrs.frozen(kw_only=True, repr=False)
class TypedText:
    """A text that belongs to one subject, e.g. a level descriptor for one persona type."""

    subject: str
    text: str
