"""Writing SSSOM TSV: a mapping set's metadata block, then one row per mapping."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import IO, Any

import attrs
import yaml

from .._cells import neutralise
from .._crosswalk import MappingRecord, MappingSet
from .columns import BASE, COLUMNS, EXTENSIONS, FREE_TEXT, SET_BASE, curie_map_for, other_cell

__all__ = ["with_labels", "write_sssom"]


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
        from ..render.writer import SafeOutput  # never half-written

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
        "other": other_cell(r),
    }[column]
    text = "" if value is None else str(value)
    return neutralise(text) if column in FREE_TEXT else text


def with_labels(ms: MappingSet, label_of: Any) -> MappingSet:
    """The set with ``subject_label`` / ``object_label`` filled by ``label_of(id)``."""
    return attrs.evolve(
        ms,
        mappings=tuple(
            attrs.evolve(r, subject_label=label_of(r.subject_id), object_label=label_of(r.object_id))
            for r in ms.mappings
        ),
    )
