"""``skillframe advise``: the report's recommendations for the municipality's profile.

Reads ``settings.profile`` of the overlay given with ``--catalog`` (docs/policy.md). Each
recommendation comes with its reasons, risks and source; unanswered questions are listed
and nothing is guessed. Formats: ``text``/``md`` (the advice as text), ``json`` (the data),
and tables (``csv``, ``tsv``, ``xlsx``, ``html``: one row per recommendation, then one per
missing answer). Exit 0 when every question is answered, 1 when some are missing
(the advice that could be given is still printed) or a file is invalid, 2 on usage errors.
"""

from __future__ import annotations

import argparse
import json
import sys

import attrs

from .._cells import md_text
from ..errors import bilingual
from ..policy import Advice, advise
from ..policy.advice import cite_summary
from ..policy.overview import SHOWN_ONLY, profile_facts
from ._context import Context

NAME = "advise"
HELP = "方針の助言 / the report's recommendations for the profile in the overlay's settings"
EXAMPLE = (
    "  skillframe advise --catalog town.yaml\n"
    "  skillframe advise --catalog town.yaml --format json\n"
    "  skillframe advise --catalog town.yaml -o 助言.xlsx"
)

FORMATS = ("text", "md", "json", "csv", "tsv", "xlsx", "html")
#: What --lang does here: the tables follow it; text and JSON keep both languages.
LANG_HELP = (
    "表（csv, tsv, xlsx, html）の見出しと言葉、text の解釈の注記の言語。text と json は日英併記 / "
    "the language of the tables (csv, tsv, xlsx, html) and of the interpretation notes in text; "
    "text and json keep Japanese and English side by side"
)


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("--framework", metavar="ID", help="プロファイルを読むフレームワーク / overlay whose profile applies")


def render_text(a: Advice, *, markdown: bool = False, lang: str = "ja") -> str:
    """The advice as Markdown-like text (``markdown``: every value escaped, never live HTML).

    An interpretation's note is in ``lang`` (Japanese: ``note_ja``).
    """
    e = md_text if markdown else str
    out = [f"# 助言 / advice ({e(a.framework or 'プロファイルなし / no overlay')})", ""]
    facts = profile_facts(a.profile, lang="both")
    if facts is not None:  # the municipality's figures, shown only (the report gives no threshold)
        out += [f"{e(facts)}（{' / '.join(SHOWN_ONLY)}）", ""]
    for r in a:
        out.append(f"## {e(r.topic)}: {e(r.text)}")
        out += [f"- 理由 / reason: {e(x)}" for x in r.reasons]
        out += [f"- リスク / risk: {e(x)}" for x in r.risks]
        out += [f"- {e(x)}" for x in r.details]
        out.append("- 出典 / source: " + e(cite_summary(r.cites)))
        if r.interpretation:
            out.append(f"- 解釈 / interpretation: {e(r.note_in(lang) or '')}")
        out.append("")
    if a.missing:
        out.append("## 未回答 / missing answers")
        out += [f"- {e(str(m))}" for m in a.missing]
        out.append("")
    return "\n".join(out)


def table_rows(a: Advice, ctx: Context) -> tuple[list[str], list[list[str]]]:
    """The advice as a table: one row per recommendation, then one per missing answer.

    ``a`` is asked for in ``ctx.lang`` (``advise(lang=...)``): a table's words are in one language.
    """
    h = ctx.h
    headers = [
        h("項目", "topic"),
        h("助言", "recommendation"),
        h("理由", "reasons"),
        h("リスク", "risks"),
        h("詳細", "details"),
        h("出典", "source"),
        h("解釈", "interpretation"),
    ]
    rows = [
        [
            r.topic,
            r.text,
            "\n".join(r.reasons),
            "\n".join(r.risks),
            "\n".join(r.details),
            cite_summary(r.cites, lang="en" if ctx.lang == "en" else "ja"),
            (r.note_in(ctx.lang) or h("解釈", "interpretation")) if r.interpretation else "",
        ]
        for r in a
    ]
    rows += [[m.field, h("未回答", "not answered"), h(m.question, m.question_en), "", "", "", ""] for m in a.missing]
    return headers, rows


def run(args: argparse.Namespace, ctx: Context) -> int:
    fmt = ctx.format
    tables = fmt in ("csv", "tsv", "xlsx", "html")
    # a table's headers are in one language (--lang), and so are the words advice adds; text and JSON keep both
    a = advise(ctx.catalog(), framework=args.framework, lang=("en" if ctx.lang == "en" else "ja") if tables else "both")
    if tables:
        headers, rows = table_rows(a, ctx)
        ctx.write_rows(headers, rows, title=ctx.h("助言", "Advice"))
    elif fmt == "json":
        data = {
            "framework": a.framework,
            "profile": attrs.asdict(a.profile),
            "recommendations": [attrs.asdict(r) for r in a],
            "missing": [attrs.asdict(m) for m in a.missing],
        }
        ctx.out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        ctx.out.write(render_text(a, markdown=fmt == "md", lang=ctx.lang))
    if a.missing:
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
