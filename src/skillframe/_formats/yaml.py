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

import math
import re
from collections.abc import Hashable
from typing import Any

import yaml

from ..errors import Problem, bilingual
from .characters import is_prose, text_problems
from .document import Document, Path, format_path

try:  # libyaml is much faster; fall back to the pure-Python safe loader.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

__all__ = ["MAX_NODES", "Document", "Path", "format_path", "parse"]


#: Upper bound on the number of values one document may expand to (alias bombs).
MAX_NODES = 250_000
_MAX_DEPTH = 64

_T = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_T + "str", _T + "int", _T + "float", _T + "bool", _T + "null", _T + "timestamp"}
_constructor = yaml.constructor.SafeConstructor()


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
        return None, Problem(file, msg, line=line, column=col, code="file.encoding")


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
                code="yaml.syntax",
            )
        )
        return doc
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        doc.problems.append(
            Problem(file, bilingual("YAML の構文エラー", "YAML syntax error") + f": {exc}", code="yaml.syntax")
        )
        return doc
    if node is None:
        doc.problems.append(
            Problem(file, bilingual("ファイルが空です", "file is empty"), line=1, column=1, code="file.empty")
        )
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
                code="yaml.too_large",
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
            doc.problems.append(doc.problem(path, _tag_message(tag), code="yaml.tag"))
            return None
        if tag in (_T + "str", _T + "timestamp"):
            _check_text(node.value, path, doc, prose=is_prose(path), key=False)
            return node.value  # text as written; dates stay text: "2025-10-01"
        return _scalar(node, path, doc)
    if isinstance(node, yaml.SequenceNode):
        if tag != _T + "seq":
            doc.problems.append(doc.problem(path, _tag_message(tag), code="yaml.tag"))
            return None
        return [_convert(child, (*path, i), doc, budget, depth + 1) for i, child in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        if tag != _T + "map":
            doc.problems.append(doc.problem(path, _tag_message(tag), code="yaml.tag"))
            return None
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _T + "merge":
                doc.problems.append(
                    doc.problem(
                        path,
                        bilingual("マージキー '<<' は使えません", "merge keys ('<<') are not supported"),
                        code="yaml.merge_key",
                    )
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
                        code="yaml.key",
                    )
                )
                continue
            key = _scalar(key_node, path, doc) if key_node.tag not in (_T + "str", _T + "timestamp") else key_node.value
            if not isinstance(key, Hashable):  # pragma: no cover - scalars are hashable
                continue
            key_text = key if isinstance(key, str) else str(key)
            child = (*path, key_text)
            if isinstance(key, str):
                doc.marks.setdefault(child, (key_node.start_mark.line + 1, key_node.start_mark.column + 1))
                _check_text(key, child, doc, prose=False, key=True)
            if key_text in out:
                doc.marks[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                doc.problems.append(
                    doc.problem(
                        child,
                        bilingual(f"キー '{key_text}' が重複しています", f"duplicate key '{key_text}'"),
                        code="yaml.duplicate_key",
                    )
                )
                continue
            doc.marks[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            out[key_text] = _convert(value_node, child, doc, budget, depth + 1)
        return out
    raise AssertionError(f"unexpected node {node!r}")  # pragma: no cover


def _check_text(text: str, path: Path, doc: Document, *, prose: bool, key: bool) -> None:
    """Refuse control and bidi-override characters in a value or a key (see :mod:`.characters`)."""
    if text.isprintable():
        return  # the usual case, checked fast (control and bidi characters are never printable)
    field = None if key else next((part for part in reversed(path) if isinstance(part, str)), None)
    for code, message in text_problems(text, field, prose=prose):
        doc.problems.append(doc.problem(path, message, code=code))


_DECIMAL = re.compile(r"[-+]?[0-9]+\Z")
_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT12 = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")


def _scalar(node: yaml.ScalarNode, path: Path, doc: Document) -> Any:
    """A number, boolean or null read as YAML 1.2 reads it (never a YAML 1.1 surprise).

    PyYAML resolves YAML 1.1: ``010`` is 8, ``1_0`` is 10 and ``1:30`` is 90. Here a
    decimal with leading zeros is decimal (``010`` is 10, as in YAML 1.2) and the 1.1-only
    forms (``_`` separators, base-60, ``0b``) are refused with "quote it"; ``.nan`` and
    ``.inf`` are refused too: no catalog or target value is infinite or not a number.
    """
    text = node.value.strip()
    if node.tag == _T + "int":
        if _DECIMAL.match(text) or _HEX.match(text):
            try:
                return int(text, 16 if "x" in text else 10)
            except ValueError:  # more digits than Python converts (int_max_str_digits)
                pass
        doc.problems.append(doc.problem(path, _number_message(node.value), code="yaml.number"))
        return None
    if node.tag == _T + "float":
        if _FLOAT12.match(text):
            value = float(text)
            if math.isfinite(value):
                return value
        lowered = text.lower().lstrip("+-")
        if lowered in (".nan", ".inf") or _FLOAT12.match(text):
            doc.problems.append(
                doc.problem(
                    path,
                    bilingual(
                        f"数値 '{node.value}' は有限の数ではありません", f"'{node.value}' is not a finite number"
                    ),
                    code="number.not_finite",
                )
            )
            return None
        doc.problems.append(doc.problem(path, _number_message(node.value), code="yaml.number"))
        return None
    return _constructor.construct_object(node, deep=True)


def _number_message(text: str) -> str:
    return bilingual(
        f"数値 '{text}' は YAML 1.1 の書き方で、読み方が一つに決まりません。"
        "10 進数で書くか、文字列なら引用符で囲んでください",
        f"'{text}' is a YAML 1.1 number form that reads differently across tools: write a plain decimal number,"
        " or quote it if it is text",
    )


def _tag_message(tag: str) -> str:
    return bilingual(
        f"タグ '{tag}' は使えません（安全のため）", f"tag '{tag}' is not allowed (catalogs are loaded safely)"
    )
