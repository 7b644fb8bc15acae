"""``skillframe diff``: what an overlay changes in the framework it extends, or what changed
between two editions (``skillframe diff FW@1.2 FW@2.0 [--editions MAP]``).

``--format json`` is the same whatever ``--lang`` is: an id a change does not have (the overlay's
for a removed item, the new edition's for an unmapped one) is ``null`` (the text formats leave the
cell empty), and an overlay's ``detail`` (a changed rule in words) is given in Japanese with
``detail_en`` beside it. Beside the words, the change as data: ``field`` (``label``,
``requirements``, ``inherits``, ``rule``, ``settings``; an edition's ``definition``…; ``null`` for
an item added, removed or merged) with ``before`` and ``after`` (the base's / old edition's value
and the overlay's / new edition's: labels as ``{"label", "label_en"}``, lists of ids, a rule as a
condition tree ``{"kind", "params"}`` / ``{"kind": "all", "of": [...]}``), and for editions the
pairing's ``predicate`` and ``confidence`` (a number).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from .. import Catalog, load
from .._diff import diff
from .._table import TABLE_FORMATS
from ..errors import bilingual
from ..render.writer import check_not_input
from ._context import Context
from ._options import UsageError

NAME = "diff"
HELP = "オーバーレイ・版の変更点 / list what an overlay changes in its base, or what changed between two editions"
EXAMPLE = (
    "  skillframe diff tokyo-wg-2025 examples/overlays/small-town.yaml\n"
    "  skillframe diff town-std@1.2 town-std@2.0 --editions town-1.2-to-2.0.yaml --catalog town-1.2.yaml"
    " --catalog town-2.0.yaml"
)


FORMATS = TABLE_FORMATS


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("base", metavar="BASE", help="基底フレームワーク / the base framework (id or label)")
    p.add_argument(
        "overlay",
        metavar="OVERLAY",
        help="オーバーレイのファイル、または新しい版 / the overlay file, or FW@VERSION",
    )
    p.add_argument("--editions", metavar="MAP", help="版の対応ファイル / edition map for FW@A FW@B (default: by id)")


def run(args: argparse.Namespace, ctx: Context) -> int:
    if "@" in args.base and "@" in args.overlay and not Path(args.overlay).is_file():
        return _editions(args, ctx)
    if args.editions:
        raise UsageError(
            bilingual("--editions は FW@版 どうしの比較に使います", "--editions needs FW@VERSION FW@VERSION")
        )
    path = Path(args.overlay)
    if not path.is_file():
        raise UsageError(bilingual(f"ファイルがありません: {path}", f"no such file: {path}"))
    ctx.import_rules()
    cat = load(*[Path(p) for p in args.catalog], path)
    candidates = [f for f in cat.frameworks() if f.extends is not None and _defined_in(cat, f.id, path)]
    if not candidates:
        raise UsageError(
            bilingual(f"{path} はオーバーレイではありません", f"{path} defines no overlay (framework.extends)")
        )
    overlay_fw = candidates[0]
    h = ctx.h
    cols = [
        h("変更", "change"),
        h("種類", "kind"),
        h("基底", "base"),
        h("オーバーレイ", "overlay"),
        h("内容", "detail"),
    ]
    if ctx.format == "json":  # the detail in both languages (a rule is described in words)
        ja, en = diff(cat, args.base, overlay_fw.id, lang="ja"), diff(cat, args.base, overlay_fw.id, lang="en")
        rows = [
            [
                c.change,
                c.kind,
                _id(c.base_id, ctx),
                _id(c.overlay_id, ctx),
                c.detail,
                e.detail,
                c.field,
                c.before,
                c.after,
            ]
            for c, e in zip(ja, en, strict=True)
        ]
        cols += ["detail_en", "field", "before", "after"]
    else:
        changes = diff(cat, args.base, overlay_fw.id, lang=ctx.lang)
        rows = [[c.change, c.kind, _id(c.base_id, ctx), _id(c.overlay_id, ctx), c.detail] for c in changes]
    ctx.write_rows(cols, rows, title=h("変更点", "Changes"))
    return 0


def _id(value: str | None, ctx: Context) -> str | None:
    """An id the change may lack (an item added or removed): ``null`` in JSON, empty in the other formats."""
    if value:
        return value
    return None if ctx.format == "json" else ""


def _defined_in(cat: Catalog, fid: str, path: Path) -> bool:
    file, _ = cat.where(fid)
    return Path(file).resolve() == path.resolve()


def _editions(args: argparse.Namespace, ctx: Context) -> int:
    from ..editions import edition_diff, read_edition_map

    if args.editions and args.output:  # --editions is an input the common front end does not know
        check_not_input(args.output, [args.editions])
    cat = ctx.catalog()
    emap = None
    if args.editions:
        if not Path(args.editions).is_file():
            raise UsageError(bilingual(f"ファイルがありません: {args.editions}", f"no such file: {args.editions}"))
        emap = read_edition_map(args.editions, cat)
    changes = edition_diff(cat, args.base, args.overlay, emap)
    rows: list[list[Any]] = [[c.change, c.kind, _id(c.old_id, ctx), _id(c.new_id, ctx), c.detail] for c in changes]
    h = ctx.h
    cols = [h("変更", "change"), h("種類", "kind"), h("旧版", "old"), h("新版", "new"), h("内容", "detail")]
    if ctx.format == "json":  # the change as data beside the words
        rows = [[*r, c.field, c.before, c.after, c.predicate, c.confidence] for r, c in zip(rows, changes, strict=True)]
        cols += ["field", "before", "after", "predicate", "confidence"]
    ctx.write_rows(cols, rows, title=h("版の変更点", "Changes between editions"))
    return 0
