"""What a pickled :class:`~skillframe.Catalog` keeps of its build (the load cache).

The build's data (:class:`~skillframe._build.state.CatalogData`) holds each definition's
parsed document, for messages with file and line. A catalog needs only the file and line
afterwards (:meth:`~skillframe.Catalog.where`), so its pickle keeps :class:`Built`
instead: unpickling reads less and imports nothing of the build.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._build.state import CatalogData

__all__ = ["Built"]


class Built:
    """What a catalog keeps of its build when pickled: :class:`CatalogData` with each
    definition's file and line instead of its document (``where``)."""

    __slots__ = ("copied_from", "definitions", "files", "frameworks", "lines", "merged_into")

    def __init__(  # noqa: PLR0917 - private, made by of()
        self,
        frameworks: dict[str, Any],
        definitions: dict[str, dict[str, Any]],
        files: tuple[str, ...],
        copied_from: dict[str, str],
        merged_into: dict[str, str],
        lines: dict[str, tuple[str, int | None]],
    ) -> None:
        self.frameworks, self.definitions, self.files = frameworks, definitions, files
        self.copied_from, self.merged_into, self.lines = copied_from, merged_into, lines

    @classmethod
    def of(cls, data: CatalogData | Built) -> Built:
        if isinstance(data, Built):
            return data
        lines = {did: found for did in data.located if (found := data.where(did)) is not None}
        return cls(data.frameworks, data.definitions, data.files, data.copied_from, data.merged_into, lines)

    def where(self, did: str) -> tuple[str, int | None] | None:
        return self.lines.get(did)

    def __reduce__(self) -> tuple[Any, ...]:
        return (Built, (self.frameworks, self.definitions, self.files, self.copied_from, self.merged_into, self.lines))
