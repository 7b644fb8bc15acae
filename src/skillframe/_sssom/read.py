"""Reading SSSOM TSV: the metadata (embedded block and the file beside the table), then the table.

Every problem names its file and line; nothing is returned when there is one.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from pathlib import Path
from typing import IO, Any

from .._crosswalk import MappingRecord, MappingSet
from .._formats.yaml import parse
from ..errors import MappingError, Problem, bilingual
from .columns import BASE, BUILTIN_PREFIXES, REQUIRED, SET_BASE, is_iso_date
from .row import read_row

__all__ = ["read_sssom", "read_sssom_lines"]


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
            missing = [c for c in REQUIRED if c not in header]
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
        rec = read_row(
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
    if set_date is not None and not isinstance(set_date, datetime.date) and not is_iso_date(str(set_date)):
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
