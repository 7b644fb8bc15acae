"""``skillframe show``: one definition in full, with sources."""

from __future__ import annotations

import argparse
import html
import io
import json
from typing import Any

import attrs

from .. import Catalog
from .. import model as m
from .._cells import md_text
from ..conditions.describe import describe_condition
from ._context import Context

NAME = "show"
HELP = "定義を表示 / show a persona (own and inherited skills, ladder), skill, step, scale, tool…"
EXAMPLE = "  skillframe show 全庁DX推進担当\n  skillframe show bpr --lang en"


FORMATS = ("text", "md", "html", "json")


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("key", metavar="KEY", help="id・ラベル・別名 / id, label or alias")
    p.add_argument("--framework", metavar="KEY", help="フレームワークで絞り込む / only this framework")


def _source(cat: Catalog, d: Any, lang: str = "ja") -> str:
    prov = cat.provenance_of(d.id)
    return _prov_text(cat, d, prov, lang)


def _prov_text(cat: Catalog, d: Any, prov: m.Provenance, lang: str = "ja") -> str:
    """Source, locator and flags; the note in ``lang`` (``note_ja`` for Japanese)."""
    fw = cat.framework(d.framework)
    title = next((s.title for s in fw.sources if s.id == prov.source), prov.source or fw.source)
    text = f"{title}" + (f", {prov.locator}" if prov.locator else "")
    if prov.flags:
        text += f" [{', '.join(_FLAG_WORDS.get(f, f) for f in prov.flags)}: {prov.note_in(lang) or ''}]"
    return text


#: Provenance flags in the officer's words (the English term beside them).
_FLAG_WORDS = {"interpretation": "解釈 / interpretation", "unverified": "未確認 / unverified"}


def run(args: argparse.Namespace, ctx: Context) -> int:
    cat = ctx.catalog()
    d = cat.lookup(args.key, args.framework)
    fmt = ctx.format
    if fmt == "json":
        ctx.out.write(json.dumps(_as_data(d, cat), ensure_ascii=False, indent=2, default=str) + "\n")
        return 0
    target = ctx.out
    buf = io.StringIO()
    ctx._out = buf  # the sections below write text; it is wrapped for the format at the end
    try:
        _text(cat, d, ctx)
    finally:
        ctx._out = target
    text = buf.getvalue()
    title = ctx.label(d)
    if fmt == "md":  # an indented code block: nothing in it is read as Markdown or HTML
        target.write(f"# {md_text(title)}\n\n" + "".join(f"    {line}\n" for line in text.splitlines()))
    elif fmt == "html":
        target.write(
            '<!DOCTYPE html>\n<html lang="ja">\n<head><meta charset="utf-8">'
            f"<title>{html.escape(title)}</title></head>\n<body>\n"
            f"<h1>{html.escape(title)}</h1>\n<pre>{html.escape(text)}</pre>\n</body>\n</html>\n"
        )
    else:
        target.write(text)
    return 0


def _as_data(d: Any, cat: Catalog) -> dict[str, Any]:
    data = attrs.asdict(d, recurse=True) if attrs.has(type(d)) else {"id": getattr(d, "id", str(d))}
    data["kind"] = cat.kind_of(d.id)
    return data


def _text(cat: Catalog, d: Any, ctx: Context) -> None:
    out = ctx.out
    lab = ctx.label
    kind = cat.kind_of(d.id)
    out.write(f"{lab(d)}  ({d.id}, {kind})\n")
    if ctx.lang == "ja" and getattr(d, "label_en", None):
        out.write(f"  en: {d.label_en}\n")
    if getattr(d, "aliases", ()):
        out.write(f"  別名 / aliases: {', '.join(d.aliases)}\n")
    out.write(f"  出典 / source: {_source(cat, d, ctx.lang)}\n")
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
        bodies = " ".join(f"{b.body}{b.mark}" + (f"({b.note})" if b.note else "") for b in d.bodies)
        out.write(f"  実施主体 / bodies: {bodies}\n")
        for c in d.curriculum:
            out.write(f"    - {c}\n")
    elif isinstance(d, m.Framework):
        out.write(f"  発行 / publisher: {d.publisher}  version {d.version or '-'}  issued {d.issued or '-'}\n")
        out.write(f"  状態 / status: {d.status or '-'}  verified: {d.verified or '-'}\n")
        if d.licence:
            out.write(f"  利用条件 / licence: {d.licence}\n")


def _skill(cat: Catalog, s: m.Skill, ctx: Context) -> None:
    out, lab = ctx.out, ctx.label
    if s.category:
        out.write(f"  区分 / category: {s.category}" + (f" / {s.subcategory}" if s.subcategory else "") + "\n")
    if s.definition:
        out.write(f"  定義 / definition: {s.definition}\n")
    if s.trainings:
        out.write(f"  教育施策 / trainings: {'; '.join(s.trainings)}\n")
    out.write(f"  関連資格等 / certifications: {'; '.join(s.certifications) or '—'}\n")
    for t in cat.trainings(skill=s.id):
        bodies = " ".join(f"{b.body}{b.mark}" for b in t.bodies)
        out.write(f"  Off-JT: {lab(t)}" + (f" ({bodies})" if bodies else "") + "\n")
    users = [p for p in cat.personas(s.framework) if any(r.skill == s.id for r in p.requirements)]
    for p in users:
        req = next(r for r in p.requirements if r.skill == s.id)
        extra = f" [{'; '.join(req.certifications)}]" if req.certifications else ""
        out.write(f"  人材像 / required by: {lab(p)}{extra}\n")


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
        out.write(f"    - {lab(e.skill)}{level} ({e.category or '-'}){extra}{origin}\n")
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
    out.write(f"{indent}  条件 / requires: {describe_condition(cat, st.rule, st, ctx.lang)}\n")
    out.write(f"{indent}  出典 / source: {_source(cat, st, ctx.lang)}\n")
