"""Mapping-set files (``format: skillframe-mappings/1``) → :class:`MappingSet`, checked.

Files are read with the same safe YAML reader as catalogs and structured with the
same strict converter; every problem carries file, line and column. Checking
happens in two steps: :func:`read_mapping_sets` checks what a file alone can tell
(shape, predicates, SEMAPV terms, confidence, evidence); :func:`check_against`
checks subjects and objects against the definitions of a catalog, with "did you
mean". Nothing is raised until everything has been looked at.

>>> from skillframe._formats.yaml import parse
>>> doc = parse('''
... format: skillframe-mappings/1
... mapping_set: {id: demo, title: Demo, license: "https://spdx.org/licenses/MIT.html"}
... mappings:
...   - {subject: "a:x", predicate: "skos:exactMatch", object: "b:y", basis: judgement,
...      confidence: 0.8, comment: same words}
... ''', "demo.yaml")
>>> [s.id for s in read_mapping_sets([doc])]
['demo']
>>> text = ("format: skillframe-mappings/1\\nmapping_set: {id: d, title: D, license: x}\\n"
...         "mappings:\\n  - {subject: 'a:x', predicate: 'skos:sameAs', object: 'b:y', basis: stated}\\n")
>>> doc = parse(text, "bad.yaml")
>>> try:
...     read_mapping_sets([doc])
... except Exception as exc:
...     print(str(exc).splitlines()[0])
bad.yaml:4:22: 値が不正です / invalid value: 'skos:sameAs'; expected one of ... (at $.mappings[0].predicate)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path as FsPath
from typing import Any, Literal

import attrs

from .._crosswalk import INVERSE, PREDICATES, SEMAPV, MappingRecord, MappingSet, MappingSetHeader
from .._sssom import read_sssom_lines
from .._text import suggest
from ..errors import MappingError, Problem, bilingual
from .structure import CONVERTER, code_of, problems_of, type_name
from .yaml import Document, Path

__all__ = [
    "FORMAT",
    "LoadedSet",
    "check_against",
    "is_mapping_document",
    "load_crosswalks",
    "read_mapping_sets",
    "split_sources",
]

FORMAT = "skillframe-mappings/1"
TOP_KEYS = ("format", "mapping_set", "mappings")
_QID = re.compile(r"^[a-z0-9][a-z0-9._-]*:[a-z0-9][a-z0-9._-]*$")
_SET_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")

PredicateId = Literal["skos:exactMatch", "skos:closeMatch", "skos:broadMatch", "skos:narrowMatch", "skos:relatedMatch"]
assert set(PredicateId.__args__) == set(PREDICATES)  # type: ignore[attr-defined]


@attrs.frozen(kw_only=True)
class _RawMapping:
    subject: str
    predicate: PredicateId
    object: str
    basis: Literal["stated", "judgement"]
    justification: str = "semapv:ManualMappingCuration"
    confidence: float | None = None
    predicate_modifier: Literal["Not"] | None = None
    author: str | None = None
    source: str | None = None
    locator: str | None = None
    quote: str | None = None
    comment: str | None = None
    comment_ja: str | None = None
    mapping_date: str | None = None


@attrs.frozen
class LoadedSet:
    """A mapping set with where each of its mappings was written (for later problems)."""

    set: MappingSet
    doc: Document | None
    paths: tuple[Path, ...]
    lines: tuple[int, ...] = ()

    def problem(self, i: int, sub: Path, message: str, code: str = "mapping") -> Problem:
        """A problem about mapping ``i`` (its field ``sub``)."""
        if self.doc is not None:
            return self.doc.problem((*self.paths[i], *sub), message, code)
        line = self.lines[i] if i < len(self.lines) else None
        return Problem(self.set.file or self.set.id, message, line=line, code=code)


def is_mapping_document(doc: Document) -> bool:
    """True when a parsed file declares the mapping-set format."""
    return isinstance(doc.data, dict) and doc.data.get("format") == FORMAT


def _structure(raw: Any, cls: type, doc: Document, path: Path, problems: list[Problem]) -> Any:
    try:
        return CONVERTER.structure(raw, cls)
    except Exception as exc:  # noqa: BLE001 - every structuring error becomes a problem
        for sub, message in problems_of(exc):
            problems.append(doc.problem((*path, *sub), message, code_of(message)))
        return None


def _read_one(doc: Document, problems: list[Problem]) -> LoadedSet | None:
    problems.extend(doc.problems)
    data = doc.data
    if not isinstance(data, dict):
        if data is not None:
            problems.append(
                doc.problem(
                    (),
                    bilingual("最上位はマッピングです", "top level must be a mapping") + f": {type_name(data)}",
                    "mapping",
                )
            )
        return None
    for key in data:
        if key not in TOP_KEYS:
            near = suggest(str(key), TOP_KEYS)
            problems.append(
                doc.problem(
                    (key,),
                    bilingual(f"未知のキー '{key}'", f"unknown key '{key}'")
                    + (f" (もしかして / did you mean: {', '.join(near)})" if near else ""),
                    "ref.unknown",
                )
            )
    if data.get("format") != FORMAT:
        problems.append(
            doc.problem(("format",), bilingual(f"format は '{FORMAT}' です", f"format must be '{FORMAT}'"), "format")
        )
        return None
    raw_header = data.get("mapping_set")
    if not isinstance(raw_header, dict):
        problems.append(
            doc.problem(
                ("mapping_set",),
                bilingual("mapping_set がありません", "missing 'mapping_set' header mapping"),
                "mapping",
            )
        )
        return None
    header: MappingSetHeader | None = _structure(raw_header, MappingSetHeader, doc, ("mapping_set",), problems)
    if header is None:
        return None
    if not _SET_ID.match(header.id):
        problems.append(
            doc.problem(
                ("mapping_set", "id"), bilingual(f"id '{header.id}' が不正です", f"invalid id '{header.id}'"), "mapping"
            )
        )
    source_ids = [s.id for s in header.sources]
    if header.source is not None and header.source not in source_ids:
        problems.append(
            doc.problem(
                ("mapping_set", "source"),
                bilingual(
                    f"出典 '{header.source}' が sources にありません", f"source '{header.source}' is not in sources"
                ),
                "mapping",
            )
        )
    items = data.get("mappings")
    if not isinstance(items, list):
        problems.append(
            doc.problem(("mappings",), bilingual("mappings はリストです", "'mappings' must be a list"), "mapping")
        )
        return None
    records: list[MappingRecord] = []
    paths: list[Path] = []
    for i, item in enumerate(items):
        here: Path = ("mappings", i)
        if not isinstance(item, dict):
            problems.append(
                doc.problem(
                    here,
                    bilingual("項目はマッピングです", "an item must be a mapping") + f": {type_name(item)}",
                    "mapping",
                )
            )
            continue
        raw: _RawMapping | None = _structure(item, _RawMapping, doc, here, problems)
        if raw is None:
            continue
        before = len(problems)
        _check_raw(raw, header=header, source_ids=source_ids, doc=doc, here=here, problems=problems)
        if len(problems) > before:
            continue
        records.append(
            MappingRecord(
                subject_id=raw.subject,
                predicate_id=raw.predicate,
                object_id=raw.object,
                basis=raw.basis,
                justification=raw.justification,
                confidence=1.0 if raw.confidence is None else raw.confidence,
                negated=raw.predicate_modifier == "Not",
                author_id=raw.author or header.creator_id,
                author_label=None if raw.author else header.creator_label,
                source=raw.source or header.source,
                locator=raw.locator,
                quote=raw.quote,
                comment=raw.comment,
                comment_ja=raw.comment_ja,
                mapping_date=raw.mapping_date or header.mapping_date,
                mapping_set=header.id,
            )
        )
        paths.append(here)
    ms = MappingSet(
        **{f.name: getattr(header, f.name) for f in attrs.fields(MappingSetHeader)},
        mappings=tuple(records),
        file=doc.file,
    )
    return LoadedSet(ms, doc, tuple(paths))


def _check_raw(
    raw: _RawMapping,
    *,
    header: MappingSetHeader,
    source_ids: Sequence[str],
    doc: Document,
    here: Path,
    problems: list[Problem],
) -> None:
    def bad(field: str, ja: str, en: str) -> None:
        problems.append(doc.problem((*here, field), bilingual(ja, en), "mapping"))

    for field in ("subject", "object"):
        value = getattr(raw, field)
        if not _QID.match(value):
            bad(
                field,
                f"'{value}' は修飾 id（framework:id）ではありません",
                f"'{value}' is not a qualified id (framework:local-id)",
            )
    if raw.subject == raw.object:
        bad("object", "主語と目的語が同じです", "subject and object are the same")
    if raw.justification not in SEMAPV:
        near = suggest(raw.justification, SEMAPV)
        problems.append(
            doc.problem(
                (*here, "justification"),
                bilingual(f"未知の根拠 '{raw.justification}'", f"unknown SEMAPV justification '{raw.justification}'")
                + (f" (もしかして / did you mean: {', '.join(near)})" if near else ""),
                "ref.unknown",
            )
        )
    if raw.justification in ("semapv:MappingChaining", "semapv:MappingInversion"):
        bad(
            "justification",
            "連鎖・逆写像は自動で導出されます",
            "chained and inverted mappings are derived by the library; do not write them",
        )
    if raw.confidence is not None and not 0.0 <= raw.confidence <= 1.0:
        bad("confidence", "confidence は 0〜1 です", "confidence must be between 0 and 1")
    if raw.basis == "stated":
        if not raw.locator:
            bad(
                "locator",
                "stated の写像には locator が必要です",
                "a stated mapping needs a locator (where the source says it)",
            )
        if not raw.quote:
            bad(
                "quote",
                "stated の写像には quote（出典の文言）が必要です",
                "a stated mapping needs a quote (the source's words)",
            )
    else:
        if raw.confidence is None:
            bad("confidence", "判断による写像には confidence が必要です", "a judgement needs a confidence")
        if not raw.comment:
            bad(
                "comment",
                "判断による写像には comment（根拠となる記述）が必要です",
                "a judgement needs a comment: the descriptor wording that supports it",
            )
    src = raw.source or header.source
    if raw.source is not None and raw.source not in source_ids:
        near = suggest(raw.source, source_ids)
        problems.append(
            doc.problem(
                (*here, "source"),
                bilingual(
                    f"出典 '{raw.source}' が sources にありません", f"source '{raw.source}' is not in the set's sources"
                )
                + (f" (もしかして / did you mean: {', '.join(near)})" if near else ""),
                "mapping",
            )
        )
    if raw.basis == "stated" and src is None:
        bad("source", "stated の写像には source が必要です", "a stated mapping needs a source")


def read_mapping_sets(docs: Iterable[Document]) -> list[MappingSet]:
    """Structure and check mapping-set documents; raise :class:`MappingError` with every problem."""
    loaded, problems = read_loaded(docs)
    if problems:
        raise MappingError(list(dict.fromkeys(problems)))
    return [ls.set for ls in loaded]


def read_loaded(docs: Iterable[Document]) -> tuple[list[LoadedSet], list[Problem]]:
    """Like :func:`read_mapping_sets`, returning the problems instead of raising."""
    problems: list[Problem] = []
    loaded: list[LoadedSet] = []
    seen: dict[str, str] = {}
    for doc in docs:
        ls = _read_one(doc, problems)
        if ls is None:
            continue
        if ls.set.id in seen:
            problems.append(
                doc.problem(
                    ("mapping_set", "id"),
                    bilingual(f"写像セット '{ls.set.id}' が重複しています", f"duplicate mapping set '{ls.set.id}'")
                    + f" (first in {seen[ls.set.id]})",
                    "mapping",
                )
            )
            continue
        seen[ls.set.id] = doc.file
        loaded.append(ls)
    return loaded, problems


def check_against(loaded: Sequence[LoadedSet], definitions: Mapping[str, Any]) -> list[Problem]:
    """Problems with subjects and objects that name no definition, and duplicate mappings."""
    problems: list[Problem] = []
    first: dict[tuple[str, str, str, bool], str] = {}
    by_fw: dict[str, list[str]] = {}
    for did in definitions:
        by_fw.setdefault(did.split(":", 1)[0], []).append(did)
    for ls in loaded:
        for i, rec in enumerate(ls.set.mappings):
            for field, value in (("subject", rec.subject_id), ("object", rec.object_id)):
                if value in definitions:
                    continue
                fw, _, local = value.partition(":")
                pool = by_fw.get(fw)
                if pool is None:
                    near = suggest(fw, by_fw)
                    msg = bilingual(f"フレームワーク '{fw}' がありません", f"unknown framework '{fw}' in '{value}'")
                else:
                    locals_ = {p.split(":", 1)[1]: p for p in pool if ":" in p}
                    near = [locals_[n] for n in suggest(local, locals_)]
                    msg = bilingual(f"定義 '{value}' が見つかりません", f"unknown {field} '{value}'")
                if near:
                    msg += f" (もしかして / did you mean: {', '.join(near)})"
                problems.append(ls.problem(i, (field,), msg, "ref.unknown"))
            key = rec.key
            inv_key = (rec.object_id, INVERSE[rec.predicate_id], rec.subject_id, rec.negated)
            where = f"{ls.set.file or ls.set.id}"
            for k in (key, inv_key):
                if k in first:
                    problems.append(
                        ls.problem(
                            i,
                            (),
                            bilingual("同じ写像が重複しています", "duplicate mapping (or its inverse)")
                            + f": {' '.join(map(str, key[:3]))} (first in {first[k]})",
                            "id.duplicate",
                        )
                    )
                    break
            else:
                first[key] = where
    return problems


def split_sources(sources: Iterable[str | FsPath]) -> tuple[list[str | FsPath], list[FsPath]]:
    """Split load sources into YAML sources and SSSOM TSV files (``*.sssom.tsv``, also inside directories)."""
    yaml_sources: list[str | FsPath] = []
    tsv: list[FsPath] = []
    for raw in sources:
        path = FsPath(raw)
        if path.is_dir():
            yaml_sources.append(raw)
            tsv.extend(sorted(p for p in path.rglob("*.sssom.tsv") if p.is_file()))
        elif path.name.endswith(".sssom.tsv"):
            tsv.append(path)
        else:
            yaml_sources.append(raw)
    return yaml_sources, list(dict.fromkeys(tsv))


def load_crosswalks(
    docs: Sequence[Document], tsv_files: Sequence[FsPath], definitions: Mapping[str, Any]
) -> list[MappingSet]:
    """Read mapping-set documents and SSSOM files and check them against the definitions.

    Raises :class:`MappingError` with every problem (file, line, column).
    """
    loaded, problems = read_loaded(docs)
    for path in tsv_files:
        try:
            ms, lines = read_sssom_lines(path)
        except MappingError as exc:
            problems.extend(exc.problems)
            continue
        loaded.append(LoadedSet(ms, None, (), lines))
    problems.extend(check_against(loaded, definitions))
    if problems:
        raise MappingError(list(dict.fromkeys(problems)))
    return [ls.set for ls in loaded]
