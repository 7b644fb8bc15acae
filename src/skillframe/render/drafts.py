"""A draft policy (:class:`skillframe.policy.Draft`) presented: its tables, and Markdown.

:func:`block_table` gives the table a block shows — the catalog and policy tables the
draft holds, and the municipality's figures built here from the results
(:mod:`skillframe.render.tables`); :func:`draft_markdown` writes the whole draft as
Markdown (the Word document is :func:`skillframe.render.docx.draft_docx`).

>>> import skillframe
>>> from skillframe.policy import draft
>>> md = draft_markdown(draft(skillframe.load()))
>>> md.splitlines()[0]
'# 【要記入：自治体名】 デジタル人材確保・育成基本方針（案）'
"""

from __future__ import annotations

import html
import re

from .._table import Table
from ..organisation import Progress, Rollup
from ..policy.blocks import Block, Draft, Figures
from . import tables as tb

__all__ = ["block_table", "draft_markdown", "figures_table"]


def figures_table(f: Figures) -> Table:
    """The table of the municipality's figures a :class:`~skillframe.policy.Figures` names."""
    r = f.result
    if f.view in ("attainment", "demand"):
        if not isinstance(r, Rollup):
            raise TypeError(f"{f.view} figures need a Rollup, not {type(r).__name__}")
        table = tb.attainment_table(r) if f.view == "attainment" else tb.demand_table(r)
    else:
        if not isinstance(r, Progress):
            raise TypeError(f"{f.view} figures need a Progress, not {type(r).__name__}")
        if f.view == "progress":
            table = tb.progress_table(r)
        else:
            rows = [(it.label, tb.fmt_value(it.value, it.unit)) for it in r.items if it.horizon == "year"]
            table = Table(title="本年度の定量目標", headers=("目標", "目標値"), rows=rows)
    if f.title or f.notes:
        table = Table(
            title=f.title or table.title,
            headers=table.headers,
            rows=table.rows,
            notes=f.notes or table.notes,
        )
    return table


def block_table(block: Block) -> Table | None:
    """The table a block shows (``table`` and ``figures`` blocks), else ``None``."""
    if block.table is not None:
        return block.table
    if block.figures is not None:
        return figures_table(block.figures)
    return None


def draft_markdown(d: Draft) -> str:
    """The draft as Markdown (the same content as the Word document).

    Every text is escaped: a label from an overlay (``<script>``, ``# …``, ``|``) shows
    as written and is never live HTML or Markdown structure.

    >>> blocks = (Block("heading", "<b>x</b>", level=0), Block("table", table=Table(title="t", headers=("a",),
    ...           rows=(("<script>|",),))))
    >>> md = draft_markdown(Draft(kind="basic", title="t", blocks=blocks, origins=()))
    >>> md.splitlines()[0], md.splitlines()[6]
    ('# &lt;b&gt;x&lt;/b&gt;', '| &lt;script&gt;\\\\| |')
    """
    out: list[str] = []
    for blk in d.blocks:
        if blk.kind == "heading":
            out.append("#" * (blk.level + 1) + " " + _md_text(blk.text))
        elif blk.kind in ("text", "placeholder"):
            out.append(_md_text(blk.text))
        elif blk.kind == "source":
            out.append(f"<small>{_md_text(blk.text)}</small>")
        elif blk.kind == "list":
            out.append("\n".join(f"- {_md_text(i)}" for i in blk.items))
        else:
            t = block_table(blk)
            if t is not None:
                out.append(_md_table(t))
        out.append("")
    return "\n".join(out)


def _md_table(t: Table) -> str:
    """A table as Markdown: its title and notes as inert text, its cells escaped by the table renderer."""
    body = Table(title="", headers=t.headers, rows=t.rows).render("github").strip("\n")
    parts = [_md_text(t.title), "", body] if t.title else [body]
    if t.notes:
        parts += ["", *(_md_text(n) for n in t.notes)]
    return "\n".join(parts) + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|])")


def _md_text(text: str) -> str:
    """A text as inert Markdown: HTML escaped, Markdown's markup characters backslash-escaped,
    line breaks kept as hard breaks."""
    escaped = _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))
    return escaped.replace("\n", "  \n")
