"""Catalog files (``format: skillframe-catalog/1``): reading them, and what their top level holds.

>>> is_id("bpr"), is_id("bpr\\n"), is_id("BPR")
(True, False, False)
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import Path as FsPath

from .. import model as m
from .._text import did_you_mean
from ..errors import Problem, bilingual
from .structure import type_name
from .yaml import Document, parse

__all__ = ["FORMAT", "ID_RE", "KINDS", "TOP_KEYS", "bad_id", "catalog_files", "check_top", "is_id", "read_documents"]

FORMAT = "skillframe-catalog/1"
#: A local id: lower-case ASCII letters, digits, '.', '_' and '-'. Always use ``fullmatch``
#: (:func:`is_id`): ``$`` alone also matches before a final newline. The pattern is the JSON Schema's too.
ID_RE = re.compile(r"^[a-z0-9][a-z0-9._-]*$")

#: Top-level list keys and the class each item structures into.
KINDS: dict[str, type] = {
    "scales": m.Scale,
    "skills": m.Skill,
    "trainings": m.Training,
    "tools": m.Tool,
    "personas": m.Persona,
    "steps": m.Step,
}
TOP_KEYS = ("format", "framework", *KINDS, "overlay", "policy")  # policy: read by skillframe.policy


def is_id(value: object) -> bool:
    """True when ``value`` is a valid local id, in full."""
    return isinstance(value, str) and ID_RE.fullmatch(value) is not None


def bad_id(value: str) -> str:
    """The message for an invalid id."""
    shown = value.encode("unicode_escape").decode("ascii") if not value.isprintable() else value
    return (
        bilingual(f"id '{shown}' が不正です", f"invalid id '{shown}'")
        + ": use lower-case ASCII letters, digits, '.', '_' and '-'"
    )


def catalog_files(paths: Iterable[str | FsPath]) -> list[FsPath]:
    """The files named (a directory means its ``*.yaml`` / ``*.yml`` files, sorted, recursively)."""
    out: list[FsPath] = []
    for raw in paths:
        path = FsPath(raw)
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()))
        else:
            out.append(path)
    return out


def read_documents(paths: Iterable[str | FsPath]) -> list[Document]:
    """Parse every file (see :func:`catalog_files`); problems are kept in each document.

    The same file named twice is read once — also when it is the same *content* at
    another path (a built-in catalog given again from a source checkout while the
    installed package carries its own copy): identical content can only repeat ids.
    """
    docs: list[Document] = []
    seen: set[FsPath] = set()
    seen_content: set[bytes] = set()
    for file in catalog_files(paths):
        resolved = file.resolve()
        if resolved in seen:
            continue
        seen.add(resolved)
        try:
            data = file.read_bytes()
        except OSError as exc:
            doc = Document(str(file))
            doc.problems.append(
                Problem(
                    str(file),
                    bilingual("ファイルを読めません", "cannot read file") + f": {exc.strerror}",
                    code="file.unreadable",
                )
            )
            docs.append(doc)
            continue
        digest = hashlib.sha256(data).digest()
        if digest in seen_content:
            continue
        seen_content.add(digest)
        docs.append(parse(data, str(file)))
    return docs


def check_top(doc: Document) -> tuple[bool, list[Problem]]:
    """Check a document's top level: ``(usable, problems)``."""
    problems = list(doc.problems)
    if doc.data is None:
        return False, problems
    if not isinstance(doc.data, dict):
        problems.append(
            doc.problem(
                (),
                bilingual("最上位はマッピングでなければなりません", "top level must be a mapping")
                + f"; got {type_name(doc.data)}",
                "type",
            )
        )
        return False, problems
    ok = True
    for key in doc.data:
        if key not in TOP_KEYS:
            problems.append(
                doc.problem(
                    (key,),
                    bilingual(f"未知のキー '{key}'", f"unknown key '{key}'") + did_you_mean(key, TOP_KEYS),
                    "key.unknown",
                )
            )
    fmt = doc.data.get("format")
    if fmt != FORMAT:
        what = "missing" if fmt is None else f"{fmt!r}"
        problems.append(
            doc.problem(
                ("format",),
                bilingual(f"format は '{FORMAT}' です", f"format must be '{FORMAT}'") + f" ({what})",
                "format",
            )
        )
        ok = False
    if "framework" not in doc.data:
        problems.append(doc.problem((), bilingual("framework がありません", "missing 'framework'"), "field.missing"))
        ok = False
    return ok, problems
