"""Edition maps: how the items of one edition become the items of the next.

A file ``format: skillframe-editions/1``::

    format: skillframe-editions/1
    edition_map:
      id: town-std-1.2-to-2.0
      title: 町の標準 1.2 → 2.0
      from: town-std@1.2            # FRAMEWORK@VERSION (resolve_edition)
      to: town-std@2.0
      same_ids: true                # an item not mapped below, whose id exists in the new
                                    # edition, carries over as itself (default false)
    mappings:
      - {subject: bpr, predicate: replacedBy, object: business-analysis, confidence: 1.0}
      - {subject: fax, predicate: replacedBy, object: sssom:NoTermFound, comment: 廃止}

``subject`` is an item of the old edition, ``object`` one of the new (local ids are
qualified with the edition's framework); ``sssom:NoTermFound`` says the item has no
successor. Predicates: ``replacedBy`` (CASE; ``dcterms:isReplacedBy`` is read as it)
and the SKOS mapping predicates; ``confidence`` is 0–1 (default 1).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs

from .._catalog import Catalog
from .._formats.document import Document
from .._formats.yaml import parse
from ..errors import EditionError, LookupFailed, Problem, bilingual
from ._resolve import EditionRef, resolve_edition

__all__ = ["FORMAT", "NO_TERM", "PREDICATES", "EditionMap", "EditionMapping", "read_edition_map"]

FORMAT = "skillframe-editions/1"
NO_TERM = "sssom:NoTermFound"
#: The predicates an edition mapping may use.
PREDICATES = (
    "replacedBy",
    "skos:exactMatch",
    "skos:closeMatch",
    "skos:broadMatch",
    "skos:narrowMatch",
    "skos:relatedMatch",
)
_SYNONYMS = {"dcterms:isReplacedBy": "replacedBy"}
_KINDS = ("skill", "persona", "step", "training", "tool", "scale")


@attrs.frozen(kw_only=True)
class EditionMapping:
    """One item of the old edition → one of the new (``object`` None: no successor)."""

    subject: str
    predicate: str
    object: str | None
    confidence: float = 1.0
    comment: str | None = None
    line: int | None = None


@attrs.frozen(kw_only=True)
class EditionMap:
    """The mappings from one edition to the next (``source`` → ``target``, both ``FW@VERSION``)."""

    id: str
    title: str
    source: EditionRef
    target: EditionRef
    mappings: tuple[EditionMapping, ...]
    same_ids: bool = False
    file: str | None = None

    def of(self, subject: str) -> list[EditionMapping]:
        """The mappings whose subject is ``subject`` (a qualified id), in file order."""
        return [x for x in self.mappings if x.subject == subject]

    def __repr__(self) -> str:
        return f"<EditionMap {self.id}: {self.source.key} → {self.target.key}, {len(self.mappings)} mappings>"


def _qualify(fid: str, key: str) -> str:
    return key if ":" in key else f"{fid}:{key}"


def read_edition_map(path: str | Path, catalog: Catalog) -> EditionMap:
    """Read and check an edition map against ``catalog``.

    Raises :class:`~skillframe.EditionError` (``code`` ``edition-map-invalid``) listing
    every problem (:class:`~skillframe.errors.Problem` with file, line, column and ``code``:
    ``yaml.*``/``file.*`` from reading, ``format``, ``key.unknown``, ``field.missing``,
    ``type``, ``value``, ``ref.unknown``, ``mapping`` for a duplicate); an ``EditionError`` of
    the editions themselves (``edition-unknown``, ``edition-not-carried``) for ``from``/``to``.
    """
    file = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        msg = bilingual("ファイルを読めません", "cannot read the file") + f": {exc.strerror or exc}"
        raise _invalid(file, [Problem(file, msg, code="file.unreadable")]) from None
    doc = parse(raw, file)
    if doc.problems:
        raise _invalid(file, list(doc.problems))
    data = doc.data
    if not isinstance(data, Mapping) or data.get("format") != FORMAT:
        msg = bilingual(f"format: {FORMAT} がありません", f"not a {FORMAT} file")
        raise _invalid(file, [doc.problem(("format",), msg, "format")])
    problems: list[Problem] = []
    for key in data:
        if key not in ("format", "edition_map", "mappings"):
            msg = bilingual("不明なキー", "unknown key") + f": {key!r}"
            problems.append(doc.problem((str(key),), msg, "key.unknown"))
    head = data.get("edition_map")
    if not isinstance(head, Mapping) or not all(isinstance(head.get(k), str) for k in ("id", "from", "to")):
        msg = bilingual("edition_map に id, from, to が必要です", "edition_map needs id, from and to")
        problems.append(doc.problem(("edition_map",), msg, "field.missing"))
        raise _invalid(file, problems)
    source = resolve_edition(catalog, head["from"])
    target = resolve_edition(catalog, head["to"])
    items = data.get("mappings") or []
    if not isinstance(items, list):
        msg = bilingual("mappings はリストです", "mappings must be a list")
        raise _invalid(file, [*problems, doc.problem(("mappings",), msg, "type")])
    out: list[EditionMapping] = []
    seen: dict[tuple[str, str, str | None], int] = {}
    for i, item in enumerate(items):
        where = ("mappings", i)
        line = (doc.mark(where) or (None, None))[0]
        found = list(_check(catalog, item, old=source.contents, new=target.contents, doc=doc, where=where))
        if found and isinstance(found[0], Problem):
            problems.extend(p for p in found if isinstance(p, Problem))
            continue
        mapping = found[0]
        assert isinstance(mapping, EditionMapping)
        key = (mapping.subject, mapping.predicate, mapping.object)
        if key in seen:
            msg = bilingual(f"{seen[key]} 行目の対応と重複しています", f"duplicate of the mapping at line {seen[key]}")
            problems.append(doc.problem(where, msg, "mapping"))
            continue
        seen[key] = line or 0
        out.append(attrs.evolve(mapping, line=line))
    if problems:
        raise _invalid(file, problems)
    return EditionMap(
        id=head["id"],
        title=str(head.get("title") or head["id"]),
        source=source,
        target=target,
        mappings=tuple(out),
        same_ids=bool(head.get("same_ids", False)),
        file=file,
    )


def _check(
    catalog: Catalog, raw: Any, *, old: str, new: str, doc: Document, where: tuple[str | int, ...]
) -> Iterator[EditionMapping | Problem]:
    if not isinstance(raw, Mapping):
        msg = bilingual("対応は subject, predicate, object を持つ辞書です", "a mapping is a dict")
        yield doc.problem(where, msg, "type")
        return
    bad = False
    unknown = set(raw) - {"subject", "predicate", "object", "confidence", "comment"}
    if unknown:
        bad = True
        msg = bilingual("不明なキー", "unknown key(s)") + f": {', '.join(sorted(map(str, unknown)))}"
        yield doc.problem((*where, sorted(map(str, unknown))[0]), msg, "key.unknown")
    predicate = _SYNONYMS.get(str(raw.get("predicate")), str(raw.get("predicate")))
    if predicate not in PREDICATES:
        bad = True
        msg = bilingual("述語が不正です", "invalid predicate") + f" {raw.get('predicate')!r}"
        yield doc.problem((*where, "predicate"), msg + f"; expected one of {', '.join(PREDICATES)}", "value")
    confidence = raw.get("confidence", 1.0)
    if isinstance(confidence, bool) or not isinstance(confidence, int | float) or not 0 <= confidence <= 1:
        bad = True
        msg = bilingual("confidence は 0〜1", "confidence must be 0-1") + f": {confidence!r}"
        yield doc.problem((*where, "confidence"), msg, "value")
    subject = _resolve(catalog, raw.get("subject"), old)
    if subject is None:
        bad = True
        msg = bilingual("旧版にない項目", f"not an item of {old}") + f": {raw.get('subject')!r}"
        yield doc.problem((*where, "subject"), msg, "ref.unknown")
    obj_raw = raw.get("object")
    obj: str | None = None
    if obj_raw != NO_TERM:
        obj = _resolve(catalog, obj_raw, new)
        if obj is None:
            bad = True
            msg = bilingual("新版にない項目", f"not an item of {new}") + f": {obj_raw!r}"
            yield doc.problem((*where, "object"), msg, "ref.unknown")
    if bad or subject is None:
        return
    comment = raw.get("comment")
    yield EditionMapping(
        subject=subject,
        predicate=predicate,
        object=obj,
        confidence=float(confidence),
        comment=None if comment is None else str(comment),
    )


def _resolve(catalog: Catalog, key: object, fid: str) -> str | None:
    if not isinstance(key, str) or not key.strip():
        return None
    qid = _qualify(fid, key.strip())
    if qid in catalog and catalog.get(qid).framework == fid:
        return qid
    try:
        d = catalog.lookup(key.strip(), framework=fid)
    except LookupFailed:
        return None
    if getattr(d, "framework", None) == fid and catalog.kind_of(d.id) in _KINDS:
        return str(d.id)
    return None


def _invalid(file: str, problems: list[Problem]) -> EditionError:
    n = len(problems)
    return EditionError(
        "edition-map-invalid",
        f"版の対応ファイル {file} に {n} 件の誤りがあります",
        f"{n} problem(s) in edition map {file}",
        problems,
    )
