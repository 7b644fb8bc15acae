"""Safe YAML reading with line marks.

PyYAML composes the document into nodes (with libyaml's ``CSafeLoader`` where it is
present); this module turns the nodes into plain Python data itself, so that it can
refuse what a catalog must never contain — Python and other non-standard tags,
duplicate keys, merge keys, runaway alias expansion — and remember the line and column
of every value. Problems are collected, not raised one at a time.

>>> doc = parse("a: 1\\nb: [x, y]\\n", "t.yaml")
>>> doc.data, doc.mark(("b", 1))
({'a': 1, 'b': ['x', 'y']}, (2, 8))
>>> [str(p) for p in parse("a: 1\\na: 2\\n", "t.yaml").problems]
["t.yaml:2:1: キー 'a' が重複しています / duplicate key 'a' (at $.a)"]
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import attrs
import yaml

from .errors import Problem, bilingual

try:  # libyaml is much faster; fall back to the pure-Python safe loader.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

__all__ = ["MAX_NODES", "Document", "Path", "format_path", "parse"]

Path = tuple[str | int, ...]

#: Upper bound on the number of values one document may expand to (alias bombs).
MAX_NODES = 250_000
_MAX_DEPTH = 64

_T = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_T + "str", _T + "int", _T + "float", _T + "bool", _T + "null", _T + "timestamp"}
_constructor = yaml.constructor.SafeConstructor()


def format_path(path: Path) -> str:
    """Render a path the way cattrs and JSONPath do.

    >>> format_path(("skills", 3, "label"))
    '$.skills[3].label'
    """
    out = "$"
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


@attrs.define
class Document:
    """A parsed file: its data, the mark of every value, and the problems found."""

    file: str
    data: Any = None
    marks: dict[Path, tuple[int, int]] = attrs.Factory(dict)
    problems: list[Problem] = attrs.Factory(list)

    def mark(self, path: Path) -> tuple[int, int] | None:
        """Line and column (1-based) of the value at ``path``, or of its nearest parent."""
        while True:
            if path in self.marks:
                return self.marks[path]
            if not path:
                return None
            path = path[:-1]

    def problem(self, path: Path, message: str) -> Problem:
        """A :class:`Problem` located at ``path`` in this document."""
        where = self.mark(path)
        line, col = where if where else (None, None)
        return Problem(self.file, message, line=line, column=col, path=format_path(path))


class _Budget:
    def __init__(self) -> None:
        self.left = MAX_NODES


class _TooLarge(Exception):
    pass


def _decode(raw: bytes, file: str) -> tuple[str | None, Problem | None]:
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        msg = bilingual(
            f"UTF-8 として読めません（{exc.start} バイト目）",
            f"file is not valid UTF-8 (byte {exc.start}); save it as UTF-8",
        )
        return None, Problem(file, msg, line=line, column=col)


def parse(source: str | bytes, file: str) -> Document:
    """Parse one YAML document safely, with marks; never raises for bad input."""
    doc = Document(file)
    if isinstance(source, bytes):
        text, problem = _decode(source, file)
        if problem is not None:
            doc.problems.append(problem)
            return doc
        assert text is not None
    else:
        text = source
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        detail = " ".join(str(x) for x in (exc.context, exc.problem) if x)
        doc.problems.append(
            Problem(
                file,
                bilingual("YAML の構文エラー", "YAML syntax error") + f": {detail}",
                line=mark.line + 1 if mark else None,
                column=mark.column + 1 if mark else None,
            )
        )
        return doc
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        doc.problems.append(Problem(file, bilingual("YAML の構文エラー", "YAML syntax error") + f": {exc}"))
        return doc
    if node is None:
        doc.problems.append(Problem(file, bilingual("ファイルが空です", "file is empty"), line=1, column=1))
        return doc
    try:
        doc.data = _convert(node, (), doc, _Budget(), 0)
    except _TooLarge:
        doc.data = None
        doc.problems.append(
            Problem(
                file,
                bilingual(
                    f"エイリアスの展開が大きすぎます（上限 {MAX_NODES} 値）",
                    f"alias expansion too large (more than {MAX_NODES} values); is this an alias bomb?",
                ),
                line=node.start_mark.line + 1,
                column=node.start_mark.column + 1,
            )
        )
    return doc


def _convert(node: yaml.Node, path: Path, doc: Document, budget: _Budget, depth: int) -> Any:
    budget.left -= 1
    if budget.left < 0 or depth > _MAX_DEPTH:
        raise _TooLarge
    doc.marks.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
    tag = node.tag or ""
    if isinstance(node, yaml.ScalarNode):
        if tag not in _SCALAR_TAGS:
            doc.problems.append(doc.problem(path, _tag_message(tag)))
            return None
        if tag in (_T + "str", _T + "timestamp"):
            return node.value  # text as written; dates stay text: "2025-10-01"
        return _constructor.construct_object(node, deep=True)
    if isinstance(node, yaml.SequenceNode):
        if tag != _T + "seq":
            doc.problems.append(doc.problem(path, _tag_message(tag)))
            return None
        return [_convert(child, (*path, i), doc, budget, depth + 1) for i, child in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        if tag != _T + "map":
            doc.problems.append(doc.problem(path, _tag_message(tag)))
            return None
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _T + "merge":
                doc.problems.append(
                    doc.problem(path, bilingual("マージキー '<<' は使えません", "merge keys ('<<') are not supported"))
                )
                continue
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _SCALAR_TAGS:
                line, col = key_node.start_mark.line + 1, key_node.start_mark.column + 1
                doc.problems.append(
                    Problem(
                        doc.file,
                        bilingual("キーは文字列でなければなりません", "keys must be plain scalars"),
                        line=line,
                        column=col,
                        path=format_path(path),
                    )
                )
                continue
            key = _constructor.construct_object(key_node, deep=True)
            if not isinstance(key, Hashable):  # pragma: no cover - scalars are hashable
                continue
            key_text = key if isinstance(key, str) else str(key)
            child = (*path, key_text)
            if key_text in out:
                doc.marks[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                doc.problems.append(
                    doc.problem(child, bilingual(f"キー '{key_text}' が重複しています", f"duplicate key '{key_text}'"))
                )
                continue
            doc.marks[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            out[key_text] = _convert(value_node, child, doc, budget, depth + 1)
        return out
    raise AssertionError(f"unexpected node {node!r}")  # pragma: no cover


def _tag_message(tag: str) -> str:
    return bilingual(
        f"タグ '{tag}' は使えません（安全のため）", f"tag '{tag}' is not allowed (catalogs are loaded safely)"
    )
