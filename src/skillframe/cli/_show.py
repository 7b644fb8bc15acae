"""``skillframe show``: one definition in full, with sources."""

from __future__ import annotations

import argparse
from typing import Any

from .. import model as m
from .._catalog import Catalog
from ._common import Context

NAME = "show"
HELP = "定義を表示 / show a persona (own and inherited skills, ladder), skill, step, scale, tool…"
EXAMPLE = "  skillframe show 全庁DX推進担当\n  skillframe show bpr --lang en"


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("key", metavar="KEY", help="id・ラベル・別名 / id, label or alias")
    p.add_argument("--framework", metavar="KEY", help="フレームワークで絞り込む / only this framework")


def _source(cat: Catalog, d: Any) -> str:
    prov = cat.provenance_of(d.id)
    return _prov_text(cat, d, prov)


def _prov_text(cat: Catalog, d: Any, prov: m.Provenance) -> str:
    fw = cat.framework(d.framework)
    title = next((s.title for s in fw.sources if s.id == prov.source), prov.source or fw.source)
    text = f"{title}" + (f", {prov.locator}" if prov.locator else "")
    if prov.flags:
        text += f" [{', '.join(prov.flags)}: {prov.note}]"
    return text


def run(args: argparse.Namespace, ctx: Context) -> int:
    cat = ctx.catalog()
    d = cat.lookup(args.key, args.framework)
    out = ctx.out
    lab = ctx.label
    kind = cat.kind_of(d.id)
    out.write(f"{lab(d)}  ({d.id}, {kind})\n")
    if ctx.lang == "ja" and getattr(d, "label_en", None):
        out.write(f"  en: {d.label_en}\n")
    if getattr(d, "aliases", ()):
        out.write(f"  別名 / aliases: {', '.join(d.aliases)}\n")
    out.write(f"  出典 / source: {_source(cat, d)}\n")
    if isinstance(d, m.Persona):
        _persona(cat, d, ctx)
    elif isinstance(d, m.Skill):
        _skill(cat, d, ctx)
    elif isinstance(d, m.Step):
        _step(cat, d, ctx, indent="  ")
    elif isinstance(d, m.Scale):
        for lv in d.levels:
            out.write(f"  {lv.rank}: {lab(lv)}" + (f" — {lv.descriptor}" if lv.descriptor else "") + "\n")
            for td in lv.descriptors:
                out.write(f"      [{td.subject}] {td.text}\n")
    elif isinstance(d, m.Tool):
        for tl in d.levels:
            out.write(f"  Lv{tl.rank} {tl.label}" + (f" — {tl.guide}" if tl.guide else "") + "\n")
            for item in tl.checklist:
                out.write(
                    f"      □ {item.text}"
                    + (f" ({item.min_choices}/{len(item.choices)}: {', '.join(item.choices)})" if item.choices else "")
                    + "\n"
                )
    elif isinstance(d, m.Training):
        out.write(f"  スキル / skills: {', '.join(lab(cat.get(s)) for s in d.skills)}\n")
        out.write(
            f"  実施主体 / bodies: {' '.join(f'{b.body}{b.mark}' + (f'({b.note})' if b.note else '') for b in d.bodies)}\n"
        )
        for c in d.curriculum:
            out.write(f"    - {c}\n")
    elif isinstance(d, m.Framework):
        out.write(
            f"  発行 / publisher: {d.publisher}  version {d.version or '-'}  issued {d.issued or '-'}  status {d.status}\n"
        )
        if d.licence:
            out.write(f"  利用条件 / licence: {d.licence}\n")
    return 0


def _persona(cat: Catalog, p: m.Persona, ctx: Context) -> None:
    out, lab = ctx.out, ctx.label
    if p.department:
        out.write(f"  部門 / department: {p.department}\n")
    for line in p.definition:
        out.write(f"  定義: {line}\n")
    if p.inherits:
        out.write(f"  継承 / inherits: {', '.join(lab(cat.get(x)) for x in p.inherits)}\n")
    skills = cat.effective_skills(p.id)
    own = [e for e in skills if not e.inherited]
    out.write(f"\n  スキル / skills ({len(skills)}: own {len(own)}, inherited {len(skills) - len(own)})\n")
    for e in skills:
        origin = "" if not e.inherited else f"  ← {lab(cat.get(e.origin))}"
        certs = e.requirement.certifications or e.skill.certifications
        extra = f"  [{'; '.join(certs)}]" if certs else ""
        level = f" Lv{e.requirement.level}" if e.requirement.level is not None else ""
        out.write(f"    - {lab(e.skill)}{level} ({e.skill.category or '-'}){extra}{origin}\n")
    for v in p.variants:
        out.write(f"  類型 / variant: {lab(v)} ({v.id})\n")
        for t in v.tasks:
            out.write(f"      · {t}\n")
    steps = cat.steps(p.id)
    if steps:
        out.write("\n  育成段階 / ladder\n")
        for st in steps:
            _step(cat, st, ctx, indent="    ")
    elif p.no_ladder:
        out.write(f"\n  育成段階 / ladder: なし / none — {p.no_ladder}\n")


def _step(cat: Catalog, st: m.Step, ctx: Context, indent: str) -> None:
    out, lab = ctx.out, ctx.label
    desc = st.description_en if ctx.lang == "en" and st.description_en else st.description
    out.write(f"{indent}{lab(st)}: {desc or ''}\n")
    out.write(f"{indent}  条件 / requires: {describe_condition(cat, st.rule, st, ctx)}\n")
    out.write(f"{indent}  出典 / source: {_source(cat, st)}\n")


def describe_condition(cat: Catalog, cond: m.Condition | None, st: m.Step, ctx: Context) -> str:
    """A condition in words (the language of ``--lang``)."""
    lab = ctx.label
    en = ctx.lang == "en"
    if cond is None:
        return "—"
    if isinstance(cond, (m.All, m.Any)):
        joiner = (" and " if en else " かつ ") if isinstance(cond, m.All) else (" or " if en else " または ")
        return "(" + joiner.join(describe_condition(cat, c, st, ctx) for c in cond.of) + ")"
    if isinstance(cond, m.Not):
        return ("not " if en else "否: ") + describe_condition(cat, cond.of, st, ctx)
    if isinstance(cond, m.Trained):
        names = ", ".join(
            lab(cat.get(s))
            for s in cat.step_skills(m.Step(id=st.id, persona=st.persona, rank=st.rank, label=st.label, rule=cond))
        )
        return f"training completed for: {names}" if en else f"研修受講済: {names}"
    if isinstance(cond, m.DsmLevel):
        names = ", ".join(lab(cat.get(s)) for s in cond.skills)
        return f"DSM Lv{cond.min}+ in: {names}" if en else f"DSM Lv{cond.min}以上: {names}"
    if isinstance(cond, m.ToolsAtLeast):
        what = (
            ("every deployed tool" if en else "導入済みの全ツール")
            if cond.deployed
            else ", ".join(lab(cat.get(t)) for t in cond.tools)
        )
        return f"{what} at Lv{cond.min}+" if en else f"{what} Lv{cond.min}以上"
    if isinstance(cond, m.NumberAtLeast):
        names = {
            "dx_project_years": ("years on DX projects", "DX案件従事年数"),
            "dx_lead_years": ("years leading DX projects", "DX案件リード年数"),
            "dx_lead_count": ("DX projects led", "DX案件リード件数"),
        }[cond.field]
        n = int(cond.min) if float(cond.min).is_integer() else cond.min
        return f"{names[0]} ≥ {n}" if en else f"{names[1]} {n}以上"
    if isinstance(cond, m.Mentoring):
        return (
            ("mentors juniors" if en else "後進の指導/フォロー")
            if cond.value
            else ("does not mentor" if en else "指導なし")
        )
    if isinstance(cond, m.StepReached):
        return f"{lab(cat.get(cond.persona))} Step{cond.min}+" + ("" if en else " 到達")
    return f"custom rule '{cond.rule}'" if en else f"独自ルール '{cond.rule}'"
