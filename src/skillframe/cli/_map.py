"""``skillframe map``: the mappings of a definition into another framework, with their paths."""

from __future__ import annotations

import argparse
from typing import Any

from .._crosswalk import Mapping
from ._common import Context, render_rows

NAME = "map"
HELP = "フレームワーク間の対応 / map a definition into another framework (direct and derived, with paths)"
EXAMPLE = (
    "  skillframe map tokyo-wg-2025:network-design --to tokyo-dsm\n"
    "  skillframe map データ（ビジネス）ストラテジスト --to tokyo-dsm --explain\n"
    "  skillframe map DX推進員 --no-derived --format json"
)


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


def _pred(m: Mapping) -> str:
    return ("Not " if m.negated else "") + m.predicate


def _path(m: Mapping) -> str:
    if len(m.path) == 1:
        return "—"
    parts = [m.path[0].subject_id]
    for h in m.path:
        parts.append(f"—{h.predicate.removeprefix('skos:')}→ {h.object_id}")
    return " ".join(parts)


def _evidence(m: Mapping, en: bool) -> str:
    base = m.inverse_of if m.inverse_of is not None else m
    bits = []
    if base.locator:
        bits.append(base.locator)
    if base.quote:
        bits.append(f"「{base.quote.strip('「」')}」")
    if base.comment:
        bits.append(base.comment)
    return " | ".join(bits)


def run(args: argparse.Namespace, ctx: Context) -> int:
    cat = ctx.catalog()
    subject = cat.lookup(args.key, args.framework)
    mappings = cat.map(subject, to=args.to, derived=not args.no_derived)
    lab = ctx.label
    en = ctx.lang == "en"
    fmt = ctx.fmt("github")
    rows: list[list[Any]]
    if not args.explain:
        headers = ["predicate", "object", "label", "confidence", "basis", "justification", "path", "mapping set"]
        rows = [
            [
                _pred(m),
                m.object_id,
                lab(m.object),
                f"{m.confidence:.2f}",
                m.basis,
                m.justification,
                _path(m),
                ", ".join(dict.fromkeys(h.mapping_set or "" for h in m.path)),
            ]
            for m in mappings
        ]
    else:
        headers = ["#", "predicate", "object", "confidence", "hop", "hop mapping", "basis", "justification", "evidence"]
        rows = []
        for n, m in enumerate(mappings, 1):
            for k, h in enumerate(m.path, 1):
                rows.append(
                    [
                        n if k == 1 else "",
                        _pred(m) if k == 1 else "",
                        f"{m.object_id} ({lab(m.object)})" if k == 1 else "",
                        f"{m.confidence:.2f}" if k == 1 else "",
                        f"{k}/{len(m.path)}",
                        f"{h.subject_id} {_pred(h)} {h.object_id}",
                        h.basis,
                        h.justification,
                        _evidence(h, en),
                    ]
                )
        for c in cat.crosswalk.conflicts_of(subject.id):
            rows.append(
                [
                    "conflict",
                    _pred(c.positive),
                    c.positive.object_id,
                    f"{c.positive.confidence:.2f}",
                    "",
                    c.negative.describe(),
                    c.negative.basis,
                    c.negative.justification,
                    ("denied by a negative mapping: " if en else "否定の対応と衝突: ") + _evidence(c.negative, en),
                ]
            )
    ctx.out.write(render_rows(headers, rows, fmt))
    if not mappings and fmt not in ("json", "csv"):
        ctx.out.write("no mapping\n" if en else "対応なし / no mapping\n")
    return 0
