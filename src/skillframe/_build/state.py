"""What the build passes around: where a definition was written, and the built data."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import attrs

from .._formats.document import Document, Path
from .._text import suggest
from ..errors import Problem

__all__ = ["CatalogData", "Located", "did_you_mean_ids", "qualifier"]


@attrs.frozen
class Located:
    """Where a definition was written: its document and its path inside it."""

    doc: Document
    path: Path

    def problem(self, sub: Path, message: str, code: str = "invalid") -> Problem:
        """A problem at ``sub`` under this definition, with its machine-readable ``code``."""
        return self.doc.problem((*self.path, *sub), message, code)

    def line(self) -> int | str:
        """The line the definition starts at (``"?"`` when unknown)."""
        return (self.doc.mark(self.path) or ("?",))[0]


@attrs.frozen
class CatalogData:
    """Everything a loaded set of files defines, in file order, with locations."""

    frameworks: dict[str, Any]  # id -> model.Framework
    definitions: dict[str, dict[str, Any]]  # kind -> id -> definition
    located: dict[str, Located]  # id -> where it was written
    files: tuple[str, ...]
    copied_from: dict[str, str] = attrs.Factory(dict)  # overlay copy id -> base id
    merged_into: dict[str, str] = attrs.Factory(dict)  # merged persona id -> the persona it merged into

    def where(self, did: str) -> tuple[str, int | None] | None:
        """The file and line (1-based) ``did`` was written at; ``None`` for an unknown id."""
        loc = self.located.get(did)
        if loc is None:
            return None
        mark = loc.doc.mark(loc.path)
        return loc.doc.file, mark[0] if mark else None


def qualifier(fid: str) -> Callable[[str], str]:
    """``ref`` → ``fid:ref`` for a local reference; a qualified one is kept."""

    def q(ref: str) -> str:
        return ref if ":" in ref else f"{fid}:{ref}"

    return q


def did_you_mean_ids(key: str, pool: Mapping[str, Any]) -> str:
    """ "Did you mean" for an id: near local ids of the same framework first, then near labels."""
    local = key.split(":", 1)[-1]
    same_fw = [i for i in pool if i.split(":", 1)[0] == key.split(":", 1)[0]]
    by_local = {i.split(":", 1)[-1]: i for i in same_fw or pool}
    near = suggest(local, by_local)
    if not near:
        labels = {getattr(pool[i], "label", ""): i for i in (same_fw or pool)}
        near_labels = suggest(local, labels)
        near = [f"{lab} ({labels[lab]})" for lab in near_labels]
        return f" (もしかして / did you mean: {', '.join(near)})" if near else ""
    return f" (もしかして / did you mean: {', '.join(by_local[n] for n in near)})"
