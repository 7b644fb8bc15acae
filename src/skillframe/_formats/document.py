"""A parsed file: its data, the line and column of every value, and the problems found.

Kept apart from the YAML reader so that a cached catalog (which holds documents for
``Catalog.where``) unpickles without importing PyYAML.
"""

from __future__ import annotations

from typing import Any

import attrs

from ..errors import Problem

__all__ = ["Document", "Path", "format_path"]

Path = tuple[str | int, ...]


def format_path(path: Path) -> str:
    """Render a path the way cattrs and JSONPath do.

    >>> format_path(("skills", 3, "label"))
    '$.skills[3].label'
    """
    out = "$"
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


@attrs.define(getstate_setstate=False)
class Document:
    """A parsed file: its data, the mark of every value, and the problems found.

    A pickled document keeps its file and marks only (what ``Catalog.where`` needs): the
    data has been built into definitions by then, and the problems raised.
    """

    file: str
    data: Any = None
    marks: dict[Path, tuple[int, int]] = attrs.Factory(dict)
    problems: list[Problem] = attrs.Factory(list)

    def __getstate__(self) -> dict[str, Any]:
        return {"file": self.file, "marks": self.marks}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.file = state["file"]
        self.marks = state["marks"]
        self.data = None
        self.problems = []

    def mark(self, path: Path) -> tuple[int, int] | None:
        """Line and column (1-based) of the value at ``path``, or of its nearest parent."""
        while True:
            if path in self.marks:
                return self.marks[path]
            if not path:
                return None
            path = path[:-1]

    def problem(self, path: Path, message: str, code: str = "invalid", *, framework: str | None = None) -> Problem:
        """A :class:`Problem` located at ``path`` in this document, with its machine-readable ``code``
        (and, for a key of a framework not loaded, that ``framework``)."""
        where = self.mark(path)
        line, col = where if where else (None, None)
        return Problem(
            self.file, message, line=line, column=col, path=format_path(path), code=code, framework=framework
        )
