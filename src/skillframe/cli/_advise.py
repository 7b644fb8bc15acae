"""``skillframe advise``: the report's recommendations for the municipality's profile.

Reads ``settings.profile`` of the overlay given with ``--catalog`` (docs/policy.md). Each
recommendation comes with its reasons, risks and source; unanswered questions are listed
and nothing is guessed. Exit 0 when every question is answered, 1 when some are missing
(the advice that could be given is still printed) or a file is invalid, 2 on usage errors.
"""

from __future__ import annotations

import argparse
import json

import attrs

from ..errors import bilingual
from ..policy import Advice, advise
from ..policy.advice import cite_summary
from ._common import Context

NAME = "advise"
HELP = "方針の助言 / the report's recommendations for the profile in the overlay's settings"
EXAMPLE = "  skillframe advise --catalog town.yaml\n  skillframe advise --catalog town.yaml --format json"


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("--framework", metavar="ID", help="プロファイルを読むフレームワーク / overlay whose profile applies")


def render_text(a: Advice) -> str:
    """The advice as Markdown-like text."""
    out = [f"# 助言 / advice ({a.framework or 'プロファイルなし / no overlay'})", ""]
    for r in a:
        out.append(f"## {r.topic}: {r.text}")
        out += [f"- 理由 / reason: {x}" for x in r.reasons]
        out += [f"- リスク / risk: {x}" for x in r.risks]
        out += [f"- {x}" for x in r.details]
        out.append("- 出典 / source: " + cite_summary(r.cites))
        if r.interpretation:
            out.append(f"- 解釈 / interpretation: {r.note}")
        out.append("")
    if a.missing:
        out.append("## 未回答 / missing answers")
        out += [f"- {m}" for m in a.missing]
        out.append("")
    return "\n".join(out)


def run(args: argparse.Namespace, ctx: Context) -> int:
    fmt = ctx.fmt("text", ("text", "md", "json"))
    a = advise(ctx.catalog(), framework=args.framework)
    if fmt == "json":
        data = {
            "framework": a.framework,
            "profile": attrs.asdict(a.profile),
            "recommendations": [attrs.asdict(r) for r in a],
            "missing": [attrs.asdict(m) for m in a.missing],
        }
        ctx.out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        ctx.out.write(render_text(a))
    if a.missing:
        import sys

        fields = ", ".join(m.field for m in a.missing)
        sys.stderr.write(
            "skillframe: "
            + bilingual(
                f"プロファイルに未回答の項目があります: {fields}", f"the profile leaves questions unanswered: {fields}"
            )
            + "\n"
        )
        return 1
    return 0
