"""Link parsed catalog files into definitions: qualify ids, resolve references, check.

The phases, in order: each file's top level and framework, then each definition
structured by the one converter and its ids qualified (``bpr`` → ``tokyo-wg-2025:bpr``)
(:mod:`.collect`); overlays applied (:mod:`.extends`, :mod:`.overlay`); then references
(with "did you mean"), duplicate ids, inheritance cycles, step ranks and provenance
flags checked (:mod:`.check`). Nothing is raised until everything has been looked at;
then :func:`build` raises one :class:`~skillframe.CatalogError` carrying every
:class:`~skillframe.Problem`, each with its ``code``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from .._formats.yaml import Document
from ..errors import CatalogError, Problem
from .check import check
from .collect import Builder
from .conditions import RuleChecker, coded, registry_checker
from .extends import apply_overlays
from .state import CatalogData

if TYPE_CHECKING:
    from ..conditions.registry import Registry

__all__ = ["build"]


def build(
    docs: Sequence[Document], *, rule_checker: RuleChecker | None = None, registry: Registry | None = None
) -> CatalogData:
    """Structure and check parsed documents into :class:`CatalogData`.

    ``custom:`` rules are checked by ``rule_checker`` (problems with code ``condition``)
    or else against ``registry`` (``rule.unknown`` / ``rule.params``); with neither they
    are not checked. Raises :class:`~skillframe.CatalogError` with every problem found
    (each with file, line, column, path and ``code``) when any document is wrong.
    """
    checker = (
        coded(rule_checker)
        if rule_checker is not None
        else registry_checker(registry)
        if registry is not None
        else None
    )
    b = Builder(docs, checker)
    usable = [doc for doc in docs if b.check_top(doc)]
    for doc in usable:
        b.define_framework(doc)
    b.qualify_settings()
    for doc in usable:
        fid = b.assign_framework(doc)
        if fid is not None:
            b.read_items(doc, fid)
    apply_overlays(b)
    check(b)
    if b.problems:
        raise CatalogError(_dedupe(b.problems))
    return b.finish()


def _dedupe(problems: Iterable[Problem]) -> list[Problem]:
    """Each problem once; a value the YAML reader refused is not reported again as a wrong type."""
    unique = list(dict.fromkeys(problems))
    # an id with a control character: the id rule says more (what an id may hold) than the reader
    bad_ids = {(p.file, p.line, p.column) for p in unique if p.code == "id.invalid"}
    unique = [p for p in unique if not (p.code.startswith("text.") and (p.file, p.line, p.column) in bad_ids)]
    refused = {(p.file, p.line, p.column) for p in unique if p.code in _READER_CODES}
    return [
        p
        for p in unique
        if p.code in _READER_CODES or p.code not in _FOLLOW_UPS or (p.file, p.line, p.column) not in refused
    ]


_READER_CODES = frozenset({"yaml.number", "number.not_finite", "yaml.tag", "text.control", "text.bidi"})
_FOLLOW_UPS = frozenset({"type", "value", "condition", "field.missing"})
