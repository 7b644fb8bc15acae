"""``skillframe map``: the mappings of a definition into another framework, with their paths.

``--format json`` is the same whatever ``--lang`` is: it keeps the SKOS/SSSOM terms, its keys are
English snake_case, and it types the cells: ``object`` is the id with ``label`` (Japanese) and
``label_en`` beside it, ``confidence`` a number (0–1), ``path`` the list of hops of a derived
mapping (each ``{"subject", "predicate", "object"}``; ``[]`` for a direct mapping or an inversion,
where the text formats show ``—``), ``mapping_sets`` the list of the mapping sets of its hops, and
an empty cell is ``null``. With ``--explain``, ``mapping`` is the mapping's number on its first hop
(``null`` on the others and on a conflict row, whose ``conflict`` is ``true``), ``hop`` the hop's
number (1, 2…), ``hop_mapping`` the hop as ``{"subject", "predicate", "object"}`` (on a conflict
row, the negative mapping) and ``evidence`` ``{"locator", "quote", "comment", "comment_ja"}``
(``comment`` English, ``comment_ja`` its Japanese). The text formats show the same values as text
(``0.60``, ``—``, ``1/2``, ``id (label)``), the comment in the ``--lang`` (Japanese: ``comment_ja``;
a comment without one is marked 「（英語の注記）」).
"""

from __future__ import annotations

import argparse
from typing import Any

from .._crosswalk import Mapping
from .._table import TABLE_FORMATS
from ._context import Context
from ._json import label_en

NAME = "map"
HELP = "フレームワーク間の対応 / map a definition into another framework (direct and derived, with paths)"
EXAMPLE = (
    "  skillframe map tokyo-wg-2025:network-design --to tokyo-dsm\n"
    "  skillframe map データ（ビジネス）ストラテジスト --to tokyo-dsm --explain\n"
    "  skillframe map DX推進員 --no-derived --format json"
)


FORMATS = TABLE_FORMATS

#: SKOS predicates in the user's words (``--format json`` keeps the SKOS terms).
PREDICATE_WORDS = {
    "exactMatch": ("完全一致", "exact match"),
    "closeMatch": ("近い", "close match"),
    "broadMatch": ("上位", "broader"),
    "narrowMatch": ("下位", "narrower"),
    "relatedMatch": ("関連", "related"),
}
#: The basis of a mapping in the user's words.
BASIS_WORDS = {"stated": ("報告書に明記", "stated in the source"), "judgement": ("担当者の判断", "curators' judgement")}
#: SEMAPV justifications in the user's words.
JUSTIFICATION_WORDS = {
    "semapv:ManualMappingCuration": ("手作業で対応付け", "manual curation"),
    "semapv:MappingReview": ("レビュー済み", "reviewed"),
    "semapv:LexicalMatching": ("名称の一致", "matching names"),
    "semapv:LogicalReasoning": ("推論（連鎖・逆転）", "reasoning (chain, inverse)"),
    "semapv:MappingChaining": ("連鎖", "chaining"),
    "semapv:MappingInversion": ("逆転", "inversion"),
    "semapv:CompositeMatching": ("複合", "composite"),
    "semapv:UnspecifiedMatching": ("不明", "unspecified"),
}


#: The method of a mapping an overlay's copy carries over from its base, and the basis of its copy hop.
CARRIED_WORDS = ("オーバーレイが基底から引き継ぎ", "carried over from the base by the overlay")
COPY_BASIS_WORDS = ("カタログに明記（extends）", "stated in the catalog (extends)")


def _word(table: dict[str, tuple[str, str]], key: str, lang: str) -> str:
    ja_en = table.get(key)
    return key if ja_en is None else (ja_en[1] if lang == "en" else ja_en[0])


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("key", metavar="KEY", help="id・ラベル・別名 / id, label or alias")
    p.add_argument("--to", metavar="FRAMEWORK", help="対応先 / target framework (default: every framework)")
    p.add_argument("--framework", metavar="KEY", help="KEY をこのフレームワークで解決 / resolve KEY in this framework")
    p.add_argument(
        "--explain",
        action="store_true",
        help="経路の各段と根拠 / show every hop with its evidence, and conflicts",
    )
    p.add_argument("--no-derived", action="store_true", help="直接の対応のみ / direct mappings only")


def _pred(m: Mapping, lang: str = "json") -> str:
    """The predicate: SKOS for JSON, else in the user's words (``lang`` ja / en)."""
    if lang == "json":
        return ("Not " if m.negated else "") + m.predicate
    word = _word(PREDICATE_WORDS, m.predicate.rsplit(":", 1)[-1], lang)
    if m.negated:
        return f"not {word}" if lang == "en" else f"{word}ではない"
    return word


def _path(m: Mapping, lang: str = "json") -> str:
    """The path as text (``—`` when the mapping is direct or an inversion)."""
    if len(m.path) == 1:
        return "—"
    parts = [m.path[0].subject_id]
    for h in m.path:
        parts.append(f"—{_pred(h, lang).removeprefix('skos:')}→ {h.object_id}")
    return " ".join(parts)


def _hops(m: Mapping) -> list[dict[str, str]]:
    """The path for JSON: the hops of a chain, ``[]`` for a direct mapping or an inversion."""
    if len(m.path) == 1:
        return []
    return [{"subject": h.subject_id, "predicate": _pred(h), "object": h.object_id} for h in m.path]


def _number(x: float) -> float:
    """A confidence for JSON: a number, without the float noise of a product (0.35, not 0.35000000000000003)."""
    return round(x, 6)


def _evidence(m: Mapping, en: bool) -> str:
    base = m.inverse_of if m.inverse_of is not None else m
    bits = []
    if base.locator:
        bits.append(base.locator)
    if base.quote:
        bits.append(f"「{base.quote.strip('「」')}」")
    comment = base.comment_in("en" if en else "ja")
    if comment:
        bits.append(comment)
    return " | ".join(bits)


def _hop(m: Mapping) -> dict[str, str]:
    """One mapping as JSON: ``{"subject", "predicate", "object"}`` (the predicate with ``Not``)."""
    return {"subject": m.subject_id, "predicate": _pred(m), "object": m.object_id}


def _evidence_data(m: Mapping) -> dict[str, str | None] | None:
    """The evidence for JSON: ``{"locator", "quote", "comment", "comment_ja"}`` (``None`` when there is none)."""
    base = m.inverse_of if m.inverse_of is not None else m
    if not (base.locator or base.quote or base.comment or base.comment_ja):
        return None
    return {
        "locator": base.locator or None,
        "quote": base.quote or None,
        "comment": base.comment or None,
        "comment_ja": base.comment_ja or None,
    }


def _json_table(cat: Any, subject: Any, mappings: list[Mapping], explain: bool) -> tuple[list[str], list[list[Any]]]:
    """The rows of ``--format json`` (one per row of the table), whatever ``--lang`` is."""
    if not explain:
        headers = ["predicate", "object", "label", "label_en", "confidence", "basis", "justification", "path"]
        rows = [
            [
                _pred(m),
                m.object_id,
                m.object.label,
                label_en(m.object),
                _number(m.confidence),
                m.basis,
                m.justification,
                _hops(m),
                [s for s in dict.fromkeys(hop.mapping_set for hop in m.path) if s],
            ]
            for m in mappings
        ]
        return [*headers, "mapping_sets"], rows
    headers = [
        "mapping",
        "conflict",
        "predicate",
        "object",
        "label",
        "label_en",
        "confidence",
        "hop",
        "hop_mapping",
        "basis",
        "justification",
        "evidence",
    ]
    rows = []
    for n, m in enumerate(mappings, 1):
        for k, hop in enumerate(m.path, 1):
            first: list[Any] = (
                [n, False, _pred(m), m.object_id, m.object.label, label_en(m.object), _number(m.confidence)]
                if k == 1
                else [None, False, None, None, None, None, None]
            )
            rows.append([*first, k, _hop(hop), hop.basis, hop.justification, _evidence_data(hop)])
    for c in cat.crosswalk.conflicts_of(subject.id):
        p, neg = c.positive, c.negative
        rows.append(
            [
                None,
                True,
                _pred(p),
                p.object_id,
                p.object.label,
                label_en(p.object),
                _number(p.confidence),
                None,
                _hop(neg),
                neg.basis,
                neg.justification,
                _evidence_data(neg),
            ]
        )
    return headers, rows


def run(args: argparse.Namespace, ctx: Context) -> int:
    cat = ctx.catalog()
    subject = cat.lookup(args.key, args.framework)
    mappings = cat.map(subject, to=args.to, derived=not args.no_derived)
    lab = ctx.label
    en = ctx.lang == "en"
    fmt = ctx.format
    words = ctx.lang
    h = ctx.h

    def conf(x: float) -> str:
        return f"{x:.2f}"

    def basis(x: str) -> str:
        return _word(BASIS_WORDS, x, words)

    def why(x: str) -> str:
        return _word(JUSTIFICATION_WORDS, x, words)

    def copy_hop(hop: Mapping) -> bool:
        return cat.crosswalk.copies.get(hop.subject_id) is hop

    headers: list[str]
    rows: list[list[Any]]
    if fmt == "json":
        headers, rows = _json_table(cat, subject, mappings, args.explain)
    elif not args.explain:
        headers = [
            h("関係", "relation"),
            h("対応先ID", "object"),
            h("対応先", "label"),
            h("確からしさ", "confidence"),
            h("根拠", "basis"),
            h("対応付けの方法", "method"),
            h("経路", "path"),
            h("写像セット", "mapping set"),
        ]
        rows = [
            [
                _pred(m, words),
                m.object_id,
                lab(m.object),
                conf(m.confidence),
                basis(m.basis),
                h(*CARRIED_WORDS) if m.carried_from is not None else why(m.justification),
                _path(m, words),
                ", ".join(dict.fromkeys(hop.mapping_set for hop in m.path if hop.mapping_set)),
            ]
            for m in mappings
        ]
    else:
        headers = [
            "#",
            h("関係", "relation"),
            h("対応先", "object"),
            h("確からしさ", "confidence"),
            h("段", "hop"),
            h("各段の対応", "hop mapping"),
            h("根拠", "basis"),
            h("対応付けの方法", "method"),
            h("典拠", "evidence"),
        ]
        rows = []
        for n, m in enumerate(mappings, 1):
            for k, hop in enumerate(m.path, 1):
                first = k == 1
                rows.append(
                    [
                        n if first else "",
                        _pred(m, words) if first else "",
                        f"{m.object_id} ({lab(m.object)})" if first else "",
                        conf(m.confidence) if first else "",
                        f"{k}/{len(m.path)}",
                        f"{hop.subject_id} {_pred(hop, words)} {hop.object_id}",
                        h(*COPY_BASIS_WORDS) if copy_hop(hop) and hop.basis == "stated" else basis(hop.basis),
                        why(hop.justification),
                        _evidence(hop, en),
                    ]
                )
        for c in cat.crosswalk.conflicts_of(subject.id):
            rows.append(
                [
                    h("衝突", "conflict"),
                    _pred(c.positive, words),
                    c.positive.object_id,
                    conf(c.positive.confidence),
                    "",
                    c.negative.describe(),
                    basis(c.negative.basis),
                    why(c.negative.justification),
                    ("denied by a negative mapping: " if en else "否定の対応と衝突: ") + _evidence(c.negative, en),
                ]
            )
    ctx.write_rows(headers, rows, title=h(f"対応: {lab(subject)}", f"Mappings: {lab(subject)}"))
    if not mappings and fmt in ("github", "md", "text", "simple", "plain", "grid"):
        ctx.out.write("no mapping\n" if en else "対応なし / no mapping\n")
    return 0
