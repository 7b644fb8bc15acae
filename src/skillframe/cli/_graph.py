"""``skillframe graph``: pictures of the graph (Mermaid, Graphviz DOT) and GraphML."""

from __future__ import annotations

import argparse

from ..render.diagrams import DIAGRAM_FORMATS, crosswalk_diagram, graphml, ladder_diagram, persona_diagram
from ._context import Context
from ._options import UsageError

NAME = "graph"
HELP = "グラフの図 / diagrams: persona inheritance, a ladder, a crosswalk (Mermaid, DOT) or the whole graph (GraphML)"
EXAMPLE = (
    "  skillframe graph --persona 全庁DX推進担当 --format dot -o personas.dot\n"
    "  skillframe graph --view ladder --persona DX推進員\n"
    '  skillframe graph --scales "DSM level,ITSS+ level (7 levels)"\n'
    "  skillframe graph --format graphml -o skillframe.graphml"
)

FORMATS = DIAGRAM_FORMATS

VIEWS = ("personas", "ladder", "crosswalk")


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--view",
        choices=VIEWS,
        help="図の種類 / personas (inheritance and skills), ladder (one persona) or crosswalk (two scales); "
        "default: crosswalk with --scales, else personas",
    )
    p.add_argument("--persona", metavar="KEY", help="人材像 / persona (its lineage, or its ladder)")
    p.add_argument("--framework", metavar="KEY", help="フレームワーク / framework of the personas view")
    p.add_argument("--scales", metavar="A,B", help="比較する2つの尺度 / two scales for the crosswalk view")


def run(args: argparse.Namespace, ctx: Context) -> int:
    fmt = ctx.format
    cat = ctx.catalog()
    if fmt == "graphml":
        ctx.out.write(graphml(cat))
        return 0
    view = args.view or ("crosswalk" if args.scales else "personas")
    if view == "crosswalk":
        scales = [s.strip() for s in (args.scales or "").split(",") if s.strip()]
        if len(scales) != 2:
            raise UsageError("--scales には尺度を2つ指定してください / --scales takes two scales: A,B")
        diagram = crosswalk_diagram(cat, scales[0], scales[1], lang=ctx.lang)
    elif view == "ladder":
        if not args.persona:
            raise UsageError("ladder には --persona が必要です / the ladder view needs --persona")
        diagram = ladder_diagram(cat, args.persona, lang=ctx.lang)
    else:
        diagram = persona_diagram(cat, framework=args.framework, persona=args.persona, lang=ctx.lang)
    ctx.out.write(diagram.render(fmt))
    return 0
