"""SSSOM TSV in and out: a :class:`MappingSet` as a table with its YAML metadata block.

The metadata block is ``#``-prefixed YAML (``curie_map``, ``mapping_set_id``,
``license``, …); then one tab-separated row per mapping. Every prefix the file uses
is defined in its ``curie_map``: each framework id is a prefix whose IRI base is
``https://w3id.org/skillframe/<framework>/`` (a placeholder namespace, not a
resolving one). Reading refuses — with file and line — a prefix the file does not
define, a predicate that is not a SKOS mapping predicate, a bad confidence: rows
are never dropped silently. A prefix renamed by another tool is recognised by its
IRI base.

skillframe's own evidence travels in declared extension slots (SSSOM
``extension_definitions``): ``basis`` (stated / judgement), ``evidence_source``,
``evidence_locator``, ``evidence_quote``; and again in SSSOM's standard ``other``
column (``basis=stated|evidence_locator=…``, values percent-encoded), which tools
that drop undeclared slots (sssom-py) keep, so a file passed through them reads back
with the same evidence.

Multi-valued columns (``author_id``, ``author_label``, ``creator_id`` …) hold values
separated by ``|``; each ``author_id`` must be a CURIE (:attr:`MappingRecord.authors`
gives them as a tuple). Metadata may also stand in a file beside the table
(``NAME.sssom.yml`` for ``NAME.sssom.tsv``); the embedded block wins where both say
something. ``mapping_date`` must be an ISO date (``2025-10-01``): anything else is a
line error.

>>> import io
>>> from skillframe._crosswalk import MappingRecord, MappingSet
>>> r = MappingRecord(subject_id="tokyo-dsm:level.lv1", predicate_id="skos:closeMatch",
...                   object_id="ipa-dss:itss-level.lv2", basis="judgement", confidence=0.7, comment="指導")
>>> s = MappingSet(id="demo", title="Demo", license="https://spdx.org/licenses/MIT.html", mappings=(r,))
>>> buf = io.StringIO()
>>> write_sssom(s, buf)
>>> back = read_sssom(io.StringIO(buf.getvalue()), name="demo.sssom.tsv")
>>> back.mappings[0] == attrs.evolve(r, mapping_set="demo")
True
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import urllib.parse
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Any

import attrs
import yaml

from ._cells import is_dangerous, neutralise
from ._crosswalk import PREDICATES, MappingRecord, MappingSet
from ._formats.yaml import parse
from .errors import MappingError, Problem, bilingual

__all__ = [
    "BASE",
    "BUILTIN_PREFIXES",
    "COLUMNS",
    "SET_BASE",
    "curie_map_for",
    "read_sssom",
    "read_sssom_lines",
    "with_labels",
    "write_sssom",
]

#: The IRI base of every framework prefix (a placeholder namespace).
BASE = "https://w3id.org/skillframe/"
#: The IRI base of mapping-set ids.
SET_BASE = BASE + "mappings/"

#: Prefixes SSSOM defines itself (a file need not declare them).
BUILTIN_PREFIXES: dict[str, str] = {
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "semapv": "https://w3id.org/semapv/vocab/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "sssom": "https://w3id.org/sssom/",
}

#: Columns written, in order (extension slots last).
COLUMNS: tuple[str, ...] = (
    "subject_id",
    "subject_label",
    "predicate_id",
    "predicate_modifier",
    "object_id",
    "object_label",
    "mapping_justification",
    "confidence",
    "author_id",
    "author_label",
    "subject_source",
    "object_source",
    "mapping_date",
    "comment",
    "basis",
    "evidence_source",
    "evidence_locator",
    "evidence_quote",
    "other",
)
EXTENSIONS: tuple[str, ...] = ("basis", "evidence_source", "evidence_locator", "evidence_quote")
_REQUIRED = ("subject_id", "predicate_id", "object_id", "mapping_justification")
_CURIE = re.compile(r"^([A-Za-z_][A-Za-z0-9_.-]*):(\S*)$")


def curie_map_for(records: Iterable[MappingRecord]) -> dict[str, str]:
    """The prefixes a set of records uses, each framework with its placeholder IRI base."""
    out: dict[str, str] = {}
    for r in records:
        for curie in (r.subject_id, r.object_id, *(r.author_id or "").split("|")):
            prefix = curie.split(":", 1)[0] if ":" in curie else None
            if prefix and prefix not in BUILTIN_PREFIXES and prefix != "skillframe":
                out.setdefault(prefix, f"{BASE}{prefix}/")
    out.setdefault("skillframe", BASE)
    return {**dict(sorted(out.items())), "semapv": BUILTIN_PREFIXES["semapv"], "skos": BUILTIN_PREFIXES["skos"]}


def _metadata(ms: MappingSet, curie_map: dict[str, str]) -> dict[str, Any]:
    meta: dict[str, Any] = {"curie_map": curie_map}
    meta["mapping_set_id"] = ms.id if "://" in ms.id else SET_BASE + ms.id
    meta["mapping_set_title"] = ms.title
    if ms.description:
        meta["mapping_set_description"] = ms.description
    meta["license"] = ms.license
    if ms.creator_id:
        meta["creator_id"] = [ms.creator_id]
    if ms.creator_label:
        meta["creator_label"] = [ms.creator_label]
    if ms.mapping_date:
        meta["mapping_date"] = ms.mapping_date
    comment = [f"license note: {ms.license_note}"] if ms.license_note else []
    for s in ms.sources:
        comment.append(f"source {s.id}: {s.title}" + (f" ({s.publisher}, {s.issued})" if s.publisher else ""))
    comment.append(f"IRI bases under {BASE} are placeholder namespaces of skillframe.")
    meta["comment"] = " | ".join(comment)
    meta["extension_definitions"] = [
        {"slot_name": name, "property": f"skillframe:{name}", "type_hint": "xsd:string"} for name in EXTENSIONS
    ]
    return meta


def write_sssom(ms: MappingSet, out: IO[str] | str | Path) -> None:
    """Write a mapping set as SSSOM TSV (metadata block, header, one row per mapping)."""
    if isinstance(out, (str, Path)):
        from .render.writer import SafeOutput  # never half-written

        with SafeOutput(out) as target:
            write_sssom(ms, target.text())
        return
    cmap = dict(ms.curie_map) or curie_map_for(ms.mappings)
    meta = yaml.safe_dump(_metadata(ms, cmap), allow_unicode=True, sort_keys=False, width=10_000)
    for line in meta.splitlines():
        out.write(f"#{line}\n")
    w = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(COLUMNS)
    for r in ms.mappings:
        w.writerow([_cell(r, c) for c in COLUMNS])


def _cell(r: MappingRecord, column: str) -> str:
    value: Any = {
        "subject_id": r.subject_id,
        "subject_label": r.subject_label,
        "predicate_id": r.predicate_id,
        "predicate_modifier": "Not" if r.negated else None,
        "object_id": r.object_id,
        "object_label": r.object_label,
        "mapping_justification": r.justification,
        "confidence": f"{r.confidence:g}",
        "author_id": r.author_id,
        "author_label": r.author_label,
        "subject_source": f"skillframe:{r.subject_id.split(':', 1)[0]}",
        "object_source": f"skillframe:{r.object_id.split(':', 1)[0]}",
        "mapping_date": r.mapping_date,
        "comment": r.comment,
        "basis": r.basis,
        "evidence_source": r.source,
        "evidence_locator": r.locator,
        "evidence_quote": r.quote,
        "other": _other(r),
    }[column]
    text = "" if value is None else str(value)
    return neutralise(text) if column in _FREE_TEXT else text


#: Columns of free text: a spreadsheet opening the TSV must not run them (a leading ``'``, removed on reading).
_FREE_TEXT = frozenset(
    {"subject_label", "object_label", "author_label", "comment", "evidence_quote", "evidence_locator"}
)


def _plain(text: str) -> str:
    """A free-text cell as written before :func:`neutralise`."""
    return text[1:] if text.startswith("'") and is_dangerous(text[1:]) else text


def _other(r: MappingRecord) -> str:
    """The evidence as SSSOM ``other``: ``key=value`` pairs joined by ``|``, values percent-encoded."""
    pairs = {"basis": r.basis, "evidence_source": r.source, "evidence_locator": r.locator, "evidence_quote": r.quote}
    return "|".join(f"{k}={urllib.parse.quote(v, safe='')}" for k, v in pairs.items() if v)


def _read_other(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for part in text.split("|"):
        key, sep, value = part.partition("=")
        if sep and key.strip():
            out[key.strip()] = urllib.parse.unquote(value)
    return out


def _iso_date(value: str) -> bool:
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


# ---------------------------------------------------------------------------
# Reading


def read_sssom(source: str | Path | IO[str], *, name: str | None = None) -> MappingSet:
    """Read an SSSOM TSV file as a :class:`MappingSet`; raise :class:`MappingError` naming each bad line."""
    return read_sssom_lines(source, name=name)[0]


def read_sssom_lines(source: str | Path | IO[str], *, name: str | None = None) -> tuple[MappingSet, tuple[int, ...]]:
    """:func:`read_sssom`, with the line each mapping was read from."""
    if isinstance(source, (str, Path)):
        file = str(source)
        try:
            text = Path(source).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise MappingError(
                [Problem(file, bilingual("ファイルを読めません", "cannot read file") + f": {exc}")]
            ) from None
        return _parse(text, file, external=_external_metadata(Path(source)))
    file = str(name or getattr(source, "name", None) or "<sssom>")
    return _parse(source.read(), file)


def _external_metadata(tsv: Path) -> tuple[str, str] | None:
    """``(file, text)`` of the metadata file beside ``tsv`` (``X.sssom.yml`` / ``.yaml``), if there is one."""
    stem = tsv.name[: -len(".tsv")] if tsv.name.endswith(".tsv") else tsv.stem
    for suffix in (".yml", ".yaml"):
        meta = tsv.with_name(stem + suffix)
        if meta.is_file():
            try:
                return str(meta), meta.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError) as exc:
                raise MappingError(
                    [Problem(str(meta), bilingual("ファイルを読めません", "cannot read file") + f": {exc}")]
                ) from None
    return None


def _parse(text: str, file: str, external: tuple[str, str] | None = None) -> tuple[MappingSet, tuple[int, ...]]:
    problems: list[Problem] = []
    lines = text.splitlines(keepends=True)
    n_meta = 0
    while n_meta < len(lines) and lines[n_meta].startswith("#"):
        n_meta += 1
    meta_text = "".join(line[1:] for line in lines[:n_meta])
    meta: dict[str, Any] = {}
    if external is not None:  # the metadata file beside the table; the embedded block wins
        ext_file, ext_text = external
        ext = parse(ext_text, ext_file)
        problems.extend(ext.problems)
        if isinstance(ext.data, dict):
            meta.update(ext.data)
        elif ext.data is not None:
            problems.append(
                Problem(ext_file, bilingual("メタデータはマッピングです", "metadata must be a mapping"), line=1)
            )
    if meta_text.strip():
        doc = parse(meta_text, file)
        problems.extend(doc.problems)
        if isinstance(doc.data, dict):
            external_map = meta.get("curie_map")
            meta.update(doc.data)
            if isinstance(external_map, dict) and isinstance(doc.data.get("curie_map"), dict):
                meta["curie_map"] = {**external_map, **doc.data["curie_map"]}
        elif doc.data is not None:
            problems.append(
                Problem(file, bilingual("メタデータはマッピングです", "metadata block must be a mapping"), line=1)
            )
    raw_map = meta.get("curie_map") or {}
    if not isinstance(raw_map, dict):
        problems.append(Problem(file, bilingual("curie_map はマッピングです", "curie_map must be a mapping"), line=1))
        raw_map = {}
    prefixes = {**BUILTIN_PREFIXES, **{str(k): str(v) for k, v in raw_map.items()}}
    # a framework prefix (perhaps renamed by another tool) is known by its IRI base
    rename = {p: iri[len(BASE) :].strip("/") for p, iri in prefixes.items() if iri.startswith(BASE) and iri != BASE}

    body = lines[n_meta:]
    reader = csv.reader(io.StringIO("".join(body)), delimiter="\t")
    records: list[MappingRecord] = []
    record_lines: list[int] = []
    header: list[str] | None = None
    set_id = _set_id(meta.get("mapping_set_id"), file)
    for row in reader:
        line = n_meta + reader.line_num
        if not row or all(not c.strip() for c in row):
            continue
        if header is None:
            header = [c.strip() for c in row]
            missing = [c for c in _REQUIRED if c not in header]
            if missing:
                problems.append(
                    Problem(
                        file,
                        bilingual("必須の列がありません", "required columns missing") + f": {', '.join(missing)}",
                        line=line,
                    )
                )
                break
            continue
        if len(row) != len(header):
            problems.append(
                Problem(
                    file,
                    bilingual("列の数が見出しと合いません", "row has a different number of cells than the header")
                    + f" ({len(row)} vs {len(header)})",
                    line=line,
                )
            )
            continue
        cells = dict(zip(header, row, strict=True))
        rec = _record(
            cells,
            header=header,
            prefixes=prefixes,
            rename=rename,
            file=file,
            line=line,
            set_id=set_id,
            meta=meta,
            problems=problems,
        )
        if rec is not None:
            records.append(rec)
            record_lines.append(line)
    set_date = meta.get("mapping_date")
    if set_date is not None and not isinstance(set_date, datetime.date) and not _iso_date(str(set_date)):
        problems.append(
            Problem(
                file,
                bilingual(f"mapping_date '{set_date}' は ISO 形式の日付ではありません", f"mapping_date '{set_date}' "
                          "is not an ISO date (YYYY-MM-DD)"),
                line=1,
            )
        )  # fmt: skip
    if header is None and not problems:
        problems.append(Problem(file, bilingual("表がありません", "no table (header row) found"), line=n_meta + 1))
    if problems:
        raise MappingError(problems)
    creator = meta.get("creator_id")
    creator_label = meta.get("creator_label")
    ms = MappingSet(
        id=set_id,
        title=str(meta.get("mapping_set_title") or set_id),
        license=str(meta.get("license") or "https://w3id.org/sssom/license/unspecified"),
        creator_id=str(creator[0]) if isinstance(creator, list) and creator else (str(creator) if creator else None),
        creator_label=(
            str(creator_label[0])
            if isinstance(creator_label, list) and creator_label
            else (str(creator_label) if creator_label else None)
        ),
        mapping_date=str(meta["mapping_date"]) if meta.get("mapping_date") else None,
        description=str(meta["mapping_set_description"]) if meta.get("mapping_set_description") else None,
        mappings=tuple(records),
        file=file,
        curie_map=tuple((str(k), str(v)) for k, v in raw_map.items()),
    )
    return ms, tuple(record_lines)


def _set_id(raw: Any, file: str) -> str:
    text = str(raw or "")
    if text.startswith(SET_BASE):
        return text[len(SET_BASE) :]
    tail = re.split(r"[/#]", text.rstrip("/"))[-1] if text else Path(file).name.split(".")[0]
    return re.sub(r"[^a-z0-9._-]+", "-", tail.lower()).strip("-") or "sssom"


def _record(
    cells: dict[str, str],
    *,
    header: Sequence[str],
    prefixes: dict[str, str],
    rename: dict[str, str],
    file: str,
    line: int,
    set_id: str,
    meta: dict[str, Any],
    problems: list[Problem],
) -> MappingRecord | None:
    before = len(problems)

    def bad(column: str, message: str) -> None:
        col = header.index(column) + 1 if column in header else None
        problems.append(Problem(file, message, line=line, column=col, path=column))

    def curie(column: str, *, framework: bool, given: str | None = None) -> str:
        value = cells.get(column, "").strip() if given is None else given
        m = _CURIE.match(value)
        if m is None:
            bad(column, bilingual(f"'{value}' は CURIE ではありません", f"'{value}' is not a CURIE (prefix:local)"))
            return value
        prefix, local = m.groups()
        # a framework prefix a tool dropped from curie_map is still named by our subject/object_source column
        sources = {cells.get(c, "").strip().removeprefix("skillframe:") for c in ("subject_source", "object_source")}
        if prefix not in prefixes and not (framework and prefix in sources):
            bad(
                column,
                bilingual(
                    f"接頭辞 '{prefix}' が curie_map にありません", f"prefix '{prefix}' is not defined in curie_map"
                )
                + f" ({value})",
            )
            return value
        if framework and prefix in rename:
            return f"{rename[prefix]}:{local}"
        return value

    subject = curie("subject_id", framework=True)
    obj = curie("object_id", framework=True)
    before_predicate = len(problems)
    predicate = curie("predicate_id", framework=False)
    if predicate not in PREDICATES and len(problems) == before_predicate:
        bad(
            "predicate_id",
            bilingual(f"述語 '{predicate}' は扱えません", f"unsupported predicate '{predicate}'")
            + f"; expected one of {', '.join(PREDICATES)}",
        )
    justification = curie("mapping_justification", framework=False)
    author = cells.get("author_id", "").strip() or None
    if author is not None:  # multi-valued: CURIEs separated by |
        author = "|".join(curie("author_id", framework=False, given=one.strip()) for one in author.split("|"))
    other = _read_other(cells.get("other", ""))
    for key in ("basis", "evidence_source", "evidence_locator", "evidence_quote"):
        if not cells.get(key, "").strip() and other.get(key):
            cells[key] = other[key]
    raw_date = cells.get("mapping_date", "").strip()
    if raw_date and not _iso_date(raw_date):
        bad(
            "mapping_date",
            bilingual(f"mapping_date '{raw_date}' は ISO 形式の日付ではありません", f"mapping_date '{raw_date}' "
                      "is not an ISO date (YYYY-MM-DD)"),
        )  # fmt: skip
    modifier = cells.get("predicate_modifier", "").strip()
    if modifier not in ("", "Not"):
        bad(
            "predicate_modifier",
            bilingual("predicate_modifier は Not のみ", "predicate_modifier must be 'Not' or empty"),
        )
    confidence = 1.0
    raw_conf = cells.get("confidence", "").strip()
    if raw_conf:
        try:
            confidence = float(raw_conf)
        except ValueError:
            bad("confidence", bilingual("confidence は数値です", "confidence must be a number") + f": {raw_conf!r}")
        else:
            if not 0.0 <= confidence <= 1.0:
                bad("confidence", bilingual("confidence は 0〜1 です", "confidence must be between 0 and 1"))
    basis = cells.get("basis", "").strip() or "judgement"
    if basis not in ("stated", "judgement"):
        bad("basis", bilingual("basis は stated か judgement", "basis must be 'stated' or 'judgement'"))
    if len(problems) > before:
        return None

    def opt(column: str) -> str | None:
        value = cells.get(column, "").strip() or None
        return _plain(value) if value is not None and column in _FREE_TEXT else value

    return MappingRecord(
        subject_id=subject,
        predicate_id=predicate,
        object_id=obj,
        basis="stated" if basis == "stated" else "judgement",
        justification=justification,
        confidence=confidence,
        negated=modifier == "Not",
        author_id=author,
        author_label=opt("author_label"),
        source=opt("evidence_source"),
        locator=opt("evidence_locator"),
        quote=opt("evidence_quote"),
        comment=opt("comment"),
        mapping_date=opt("mapping_date") or (str(meta["mapping_date"]) if meta.get("mapping_date") else None),
        subject_label=opt("subject_label"),
        object_label=opt("object_label"),
        mapping_set=set_id,
    )


def with_labels(ms: MappingSet, label_of: Any) -> MappingSet:
    """The set with ``subject_label`` / ``object_label`` filled by ``label_of(id)``."""
    return attrs.evolve(
        ms,
        mappings=tuple(
            attrs.evolve(r, subject_label=label_of(r.subject_id), object_label=label_of(r.object_id))
            for r in ms.mappings
        ),
    )
