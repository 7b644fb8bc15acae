"""``skillframe list``: frameworks, personas, skills, steps, scales, trainings, tools.

``--format json`` is the same whatever ``--lang`` is: English snake_case keys, ``label``
(Japanese) with ``label_en`` beside it (and a step's ``description`` with ``description_en``), a
step's ``persona`` and a training's ``skills`` as ``{"id", "label", "label_en"}``. It types the
cells: counts and ranks are numbers, an empty cell is ``null``, and a cell that lists several
things is a list (a persona's ``inherits``, a skill's ``certifications``, a training's ``skills``;
its ``bodies`` as ``{"body", "mark"}`` with the report's ○ main / △ complement). The text formats
show the labels of ``--lang`` and join lists as before.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from .._table import TABLE_FORMATS
from ._context import Context
from ._json import label_en, ref

NAME = "list"
HELP = "定義の一覧 / list frameworks, personas, skills, steps, scales, trainings or tools"
EXAMPLE = "  skillframe list personas --framework tokyo-wg-2025\n  skillframe list skills --format csv -o skills.csv"

FORMATS = TABLE_FORMATS

WHAT = ("frameworks", "personas", "skills", "steps", "scales", "trainings", "tools")


_TITLES = {
    "frameworks": "フレームワーク",
    "personas": "人材像",
    "skills": "スキル",
    "steps": "育成段階",
    "scales": "尺度",
    "trainings": "研修",
    "tools": "ツール",
}


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("what", choices=WHAT, help="一覧の種類 / what to list")
    p.add_argument("--framework", metavar="KEY", help="フレームワークで絞り込む / only this framework")


def run(args: argparse.Namespace, ctx: Context) -> int:
    cat = ctx.catalog()
    fw = args.framework
    lab = ctx.label
    h = ctx.h
    js = ctx.format == "json"

    def opt(x: str | None) -> str | None:
        """An absent value: ``null`` in JSON, empty text in the other formats."""
        return (x or None) if js else (x or "")

    def many(items: Sequence[Any], sep: str) -> list[Any] | str:
        """Several values: a list in JSON, joined by ``sep`` in the other formats."""
        return list(items) if js else sep.join(str(x) for x in items)

    def named(d: Any) -> list[Any]:
        """A definition's label: in JSON its Japanese and English labels (two columns)."""
        return [d.label, label_en(d)] if js else [lab(d)]

    named_cols = ["label", "label_en"] if js else [h("名称", "label")]

    headers: list[str]
    rows: list[list[Any]]
    if args.what == "frameworks":
        headers = [h("ID", "id"), *named_cols, h("発行者", "publisher"), h("版", "version"), h("状態", "status")]
        rows = [[f.id, *named(f), f.publisher, opt(f.version), opt(f.status)] for f in cat.frameworks()]
    elif args.what == "personas":
        headers = [
            h("ID", "id"),
            *named_cols,
            h("部門", "department"),
            h("継承元", "inherits"),
            h("スキル数", "skills"),
            h("段階数", "steps"),
        ]
        rows = [
            [
                p.id,
                *named(p),
                opt(p.department),
                many(p.inherits, ", "),
                len(cat.effective_skills(p.id)),
                len(cat.steps(p.id)),
            ]
            for p in cat.personas(fw)
        ]
    elif args.what == "skills":
        headers = [h("ID", "id"), *named_cols, h("区分", "category"), h("関連資格等", "certifications")]
        rows = [[s.id, *named(s), opt(s.category), many(s.certifications, "; ")] for s in cat.skills(fw)]
    elif args.what == "steps":
        headers = [
            h("ID", "id"),
            h("人材像", "persona"),
            h("段階", "rank"),
            *named_cols,
            *(["description", "description_en"] if js else [h("説明", "description")]),
        ]
        rows = [
            [
                s.id,
                ref(cat.persona(s.persona)) if js else lab(cat.persona(s.persona)),
                s.rank,
                *named(s),
                *(
                    [opt(s.description), opt(s.description_en)]
                    if js
                    else [opt(s.description_en if ctx.lang == "en" and s.description_en else s.description)]
                ),
            ]
            for s in cat.all_steps(fw)
        ]
    elif args.what == "scales":
        headers = [
            h("ID", "id"),
            *named_cols,
            h("対象", "measures"),
            h("レベル数", "levels"),
            h("状態", "status"),
        ]
        rows = [[s.id, *named(s), s.measures, len(s.levels), s.status] for s in cat.scales(fw)]
    elif args.what == "trainings":
        headers = [h("ID", "id"), *named_cols, h("スキル", "skills"), h("実施主体", "bodies")]
        rows = [
            [
                t.id,
                *named(t),
                [ref(cat.get(x)) for x in t.skills] if js else ", ".join(lab(cat.get(x)) for x in t.skills),
                [{"body": b.body, "mark": b.mark} for b in t.bodies]
                if js
                else " ".join(f"{b.body}{b.mark}" for b in t.bodies),
            ]
            for t in cat.trainings(fw)
        ]
    else:
        headers = [
            h("ID", "id"),
            *named_cols,
            h("区分", "category"),
            h("レベル数", "levels"),
            "checklist_items" if js else h("チェック項目数", "checklist items"),
        ]
        rows = [
            [t.id, *named(t), opt(t.category), len(t.levels), sum(len(lv.checklist) for lv in t.levels)]
            for t in cat.tools(fw)
        ]
    ctx.write_rows(headers, rows, title=h(_TITLES[args.what], args.what.capitalize()))
    return 0
