"""``skillframe export``: mapping sets as SSSOM TSV (with the YAML metadata block), frameworks
as CASE 1.1 JSON (``export case`` -> ``.json``) or SKOS Turtle (``export skos`` -> ``.ttl``).

Each kind writes one format: ``sssom`` tsv, ``case`` json, ``skos`` turtle. ``--format`` or an
``-o`` suffix naming another one is a usage error (exit 2); the file is written through the
safe writer (never over an input, renamed into place only when complete).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from pathlib import Path

import attrs

from .._crosswalk import Mapping, MappingRecord, MappingSet
from .._sssom import curie_map_for, write_sssom
from ..errors import OutputError, bilingual
from ..render.writer import choose_format
from ._context import Context
from ._options import UsageError

NAME = "export"
HELP = "標準形式での書き出し / export mapping sets as SSSOM TSV, frameworks as CASE 1.1 JSON or SKOS Turtle"
EXAMPLE = (
    "  skillframe export sssom --set wg-dsm-stated -o wg-dsm.sssom.tsv\n"
    "  skillframe export sssom --derived -o all.sssom.tsv\n"
    "  skillframe export case --framework tokyo-wg-2025 -o fw.case.json\n"
    "  skillframe export skos --framework tokyo-wg-2025 -o fw.ttl"
)


FORMATS = ("tsv", "json", "turtle")
#: The one format each kind of export writes.
KIND_FORMATS = {"sssom": "tsv", "case": "json", "skos": "turtle"}
#: File suffixes of those formats (a file named for another format is refused).
_SUFFIXES = {"tsv": (".tsv", ".tab"), "json": (".json",), "turtle": (".ttl", ".turtle")}


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("what", choices=("sssom", "case", "skos"), help="書き出す形式 / what to export")
    p.add_argument(
        "--framework",
        metavar="ID",
        help="フレームワーク（sssom: そのフレームワークに関わる対応だけ） / one framework"
        " (sssom: the mappings touching it; default: every framework)",
    )
    p.add_argument("--set", dest="set_id", metavar="NAME", help="sssom: 写像セット id / one mapping set (default: all)")
    p.add_argument("--derived", action="store_true", help="導出した対応も含める / include derived mappings")


def _derivation(m: Mapping) -> tuple[Mapping | None, str, str | None, str]:
    """How a derived mapping came about: (the mapping whose evidence it keeps, comment, comment_ja, author_label)."""
    base = m.carried_from
    if base is not None:  # an overlay's copy carries its base's mapping over
        overlay = m.subject_id.split(":", 1)[0]
        how = f"{m.path[0].describe()}; {base.describe()}"
        return (
            base,
            f"carried over from the base framework's mapping via the overlay {overlay}: {how}"
            + (f" | {base.comment}" if base.comment else ""),
            f"オーバーレイ {overlay} が基底フレームワークの対応から引き継ぎ: {how}"
            + (f" | {base.comment_ja}" if base.comment_ja else ""),
            "skillframe (carried over from the base framework's mapping via an overlay)",
        )
    base = m.inverse_of
    chain = "skillframe (derived by the SSSOM chain rules)"
    if base is not None:
        return (
            base,
            f"inverse of: {base.describe()}" + (f" | {base.comment}" if base.comment else ""),
            f"逆の対応: {base.describe()} | {base.comment_ja}" if base.comment_ja else None,
            chain,
        )
    via = " → ".join([m.path[0].subject_id, *(h.object_id for h in m.path)])
    return None, f"chain: {via} ({'; '.join(h.describe() for h in m.path)})", None, chain


def record_of(m: Mapping) -> MappingRecord:
    """A catalog mapping as a record (a derived one: its path in ``comment``; a carried one: the
    overlay and the base mapping it carries over, with that mapping's evidence)."""
    if m.record is not None:
        return attrs.evolve(m.record, subject_label=m.subject.label, object_label=m.object.label)
    base, comment, comment_ja, author_label = _derivation(m)
    return MappingRecord(
        subject_id=m.subject_id,
        predicate_id=m.predicate,
        object_id=m.object_id,
        basis=m.basis,
        justification=m.justification,
        confidence=round(m.confidence, 6),
        negated=m.negated,
        author_id="skillframe:derivation",
        author_label=author_label,
        source=base.source if base is not None else None,
        locator=base.locator if base is not None else None,
        quote=base.quote if base is not None else None,
        comment=comment,
        comment_ja=comment_ja,
        mapping_date=base.record.mapping_date if base is not None and base.record is not None else None,
        subject_label=m.subject.label,
        object_label=m.object.label,
        mapping_set="all",
    )


def run(args: argparse.Namespace, ctx: Context) -> int:
    fmt = KIND_FORMATS[args.what]
    choose_format(args.format, args.output, (fmt,), fmt)  # OutputError "format" (exit 2) for another format
    suffix = Path(args.output).suffix.lower() if args.output else ""
    if any(suffix in sfx for other, sfx in _SUFFIXES.items() if other != fmt):
        raise OutputError(
            "format",
            bilingual(
                f"export {args.what} は {fmt} 形式です: {args.output}",
                f"export {args.what} writes {fmt}: {args.output}",
            ),
            path=args.output,
        )
    cat = ctx.catalog()
    if args.framework is not None:  # an unknown one: did-you-mean (exit 1), never ignored
        args.framework = cat.framework(args.framework).id
    if args.what in ("case", "skos"):
        if args.set_id is not None:
            raise UsageError(
                bilingual(
                    f"--set は sssom だけで使えます（export {args.what} はフレームワークを書き出します）",
                    f"--set applies to export sssom only (export {args.what} writes frameworks)",
                )
            )
        from ..exchange import case_json, skos_turtle

        # the whole text first: an error (unknown framework, no rdflib) leaves -o FILE untouched
        text = (case_json if args.what == "case" else skos_turtle)(cat, args.framework)
        ctx.out.write(text)
        return 0
    if args.set_id is not None and not args.derived:
        ms = cat.mapping_set(args.set_id)
        records = tuple(record_of(m) for m in _touching(cat.mappings(ms.id), args.framework))
        out = attrs.evolve(ms, mappings=records, curie_map=())
    else:
        mappings: list[Mapping] = list(cat.mappings(args.set_id))
        if args.set_id is None:  # what overlay copies carry over stands beside the direct mappings
            mappings.extend(cat.crosswalk.carried())
        if args.derived:
            seen = {m.key for m in mappings}
            subjects = cat.crosswalk.subjects(
                [i for m in mappings for i in (m.subject_id, m.object_id)] if args.set_id is not None else None
            )
            for sid in dict.fromkeys(subjects):
                for m in cat.map(sid):
                    if m.derived and m.key not in seen:
                        seen.add(m.key)
                        mappings.append(m)
        records = tuple(record_of(m) for m in _touching(mappings, args.framework))
        sets = cat.mapping_sets()
        out = MappingSet(
            id=f"{args.set_id}-with-derived" if args.set_id else ("all-with-derived" if args.derived else "all"),
            title="skillframe crosswalks" + (" (with derived mappings)" if args.derived else ""),
            license=sets[0].license if sets else "https://w3id.org/sssom/license/unspecified",
            license_note=sets[0].license_note if sets else None,
            creator_id="skillframe:curators",
            creator_label="skillframe developers (crosswalk curation)",
            description="Mapping sets: " + ", ".join(s.id for s in sets),
            mappings=records,
            sources=tuple(dict.fromkeys(src for s in sets for src in s.sources)),
            curie_map=(),
        )
    out = attrs.evolve(out, curie_map=tuple(curie_map_for(out.mappings).items()))
    write_sssom(out, ctx.out)
    return 0


def _touching(mappings: Iterable[Mapping], framework: str | None) -> list[Mapping]:
    """The mappings whose subject or object belongs to ``framework`` (all of them for ``None``)."""
    if framework is None:
        return list(mappings)
    return [m for m in mappings if framework in (m.subject.framework, m.object.framework)]
