"""Comparison tables across frameworks: :func:`compare` returns a :class:`~skillframe.Table`.

Aspects:

================  ==============================================================
``levels``        the scales of the chosen frameworks side by side, rows aligned
                  through the crosswalk, each cell marked with its predicate
``personas``      each persona with its counterparts in the other frameworks
``skills``        each skill with its counterparts in the other frameworks
``persona-skills``  personas × skills of one framework (● own, ○ inherited)
``steps``         one persona's ladder, every requirement in words
``trainings``     skill → Off-JT training, implementing bodies, curriculum, certifications
================  ==============================================================

>>> import skillframe
>>> cat = skillframe.load()
>>> t = skillframe.compare(cat, "steps", persona="DX推進員")
>>> [row[0] for row in t.rows]
['Step1 (Off-JT)', 'Step2 (OJT)', 'Step3 (指導)']
>>> t = skillframe.compare(cat, "persona-skills", frameworks=["tokyo-wg-2025"], lang="en")
>>> t.headers[:3]
('skill', 'category', 'General administrative staff')

Counterparts and alignment come from :meth:`Catalog.map` (the crosswalk). A
catalog without it still yields every table; cells then carry no predicate and
the notes say the rows are placed by rank only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from . import model as m
from ._compare_results import (
    ASPECTS,
    DEFAULT_FRAMEWORK,
    Counterpart,
    Placed,
    align_levels,
    check,
    counterpart_rows,
    has_crosswalk,
    ladder_of,
    local,
    one_framework,
    requirement_grid,
    training_rows,
)
from ._compare_results import frameworks as _frameworks
from ._table import Table
from ._text import label_of, text_of
from .conditions.describe import describe_condition

if TYPE_CHECKING:
    from ._catalog import Catalog

__all__ = ["ASPECTS", "DEFAULT_FRAMEWORK", "PREDICATE_MARKS", "compare", "label_of", "text_of"]

#: The mark of each SKOS mapping predicate in a cell.
PREDICATE_MARKS = {
    "exactMatch": "=",
    "closeMatch": "≈",
    "broadMatch": "⊃",
    "narrowMatch": "⊂",
    "relatedMatch": "~",
}
DERIVED_MARK = "*"

_one_framework = one_framework  # render.diagrams reads it here


def _t(lang: str, ja: str, en: str) -> str:
    return en if lang == "en" else ja


def _legend(lang: str) -> tuple[str, ...]:
    if lang == "en":
        return (
            "marks: = exact match, ≈ close match, ⊃ broader than the row's first cell, ⊂ narrower, ~ related"
            " (SKOS predicates)",
            f"{DERIVED_MARK} derived by chaining or inverting mappings, not stated by a source",
        )
    return (
        "記号: = 完全一致 (exactMatch)、≈ 近い (closeMatch)、⊃ 行の先頭より広い (broadMatch)、"
        "⊂ 狭い (narrowMatch)、~ 関連 (relatedMatch)",
        f"{DERIVED_MARK} 対応の連鎖・逆転から導出（出典に明記なし）",
    )


def _marked(text: str, predicate: str, derived: bool) -> str:
    mark = PREDICATE_MARKS.get(local(predicate), "?")
    return f"{mark} {text}{DERIVED_MARK if derived else ''}"


# ---------------------------------------------------------------------------
# The front door


def compare(
    catalog: Catalog,
    aspect: str,
    *,
    frameworks: Sequence[str | m.Framework] | str | m.Framework | None = None,
    persona: str | m.Persona | None = None,
    lang: str = "ja",
) -> Table:
    """A comparison table of one ``aspect`` (see the module docstring for the list).

    ``frameworks`` chooses and orders the frameworks (keys or Framework objects, or one
    comma-separated string; default: all loaded). Single-framework aspects (``persona-skills``,
    ``steps``, ``trainings``) take the first, or the framework of ``persona``.
    ``persona`` narrows a table to one persona (its skills, its ladder, its
    descriptors on an organisation scale). ``lang`` is ``ja`` or ``en``. The same comparison
    as data (ids, SKOS predicates, numbers; whatever the language): :func:`compare_data`.

    Raises :class:`~skillframe.UnknownKeyError` for an unknown aspect, framework or
    persona.

    >>> import skillframe
    >>> cat = skillframe.load()
    >>> t = skillframe.compare(cat, "levels", frameworks="tokyo-dsm,tokyo-wg-2025")
    >>> t.headers
    ('デジタルスキルマップ レベル', 'DX推進員 育成目標レベル（WG案・4段階）')
    >>> skillframe.compare(cat, "level")
    Traceback (most recent call last):
    ...
    skillframe.errors.UnknownKeyError: 観点 'level' が見つかりません / ... (もしかして / did you mean: levels)
    """
    check(aspect, lang)
    p = catalog.persona(persona) if persona is not None else None
    if aspect == "levels":
        return _levels(catalog, _frameworks(catalog, frameworks), p, lang)
    if aspect in ("personas", "skills"):
        return _counterparts(catalog, aspect, _frameworks(catalog, frameworks), p, lang)
    fw = one_framework(catalog, frameworks, p)
    if aspect == "persona-skills":
        return _persona_skills(catalog, fw, p, lang)
    if aspect == "steps":
        return _steps(catalog, fw, p, lang)
    return _trainings(catalog, fw, p, lang)


# ---------------------------------------------------------------------------
# levels


def _level_text(cat: Catalog, lv: m.Level, persona: m.Persona | None, lang: str) -> str:
    text = label_of(lv, lang)
    if persona is not None and lv.descriptor_for(persona.id):
        return f"{text}\n{lv.descriptor_for(persona.id)}"
    if lv.descriptor:
        return f"{text}\n{lv.descriptor}"
    for td in lv.descriptors:
        subject = cat.get(td.subject) if td.subject in cat else None
        name = label_of(subject, lang) if subject is not None else td.subject
        text += f"\n[{name}] {td.text}"
    return text


def _entry(cat: Catalog, p: Placed, persona: m.Persona | None, lang: str) -> str:
    """One level in its cell: its label and descriptor, marked with its predicate when mapped."""
    text = _level_text(cat, p.level, persona, lang)
    if p.predicate is None or p.anchor is None:
        return text
    via = f" ({label_of(cat.get(p.anchor), lang)})" if p.via else ""
    first, _, rest = text.partition("\n")
    return _marked(first + via, p.predicate, p.derived) + (f"\n{rest}" if rest else "")


def _levels(cat: Catalog, fws: Sequence[m.Framework], persona: m.Persona | None, lang: str) -> Table:
    al = align_levels(cat, fws)
    title = _t(lang, "レベルの比較", "Levels compared")
    if not al.scales:
        return Table(title=title, headers=(), rows=(), notes=(_t(lang, "尺度がありません", "no scales"),))
    headers = tuple(label_of(s, lang) for s in al.scales)
    body = [tuple("\n".join(_entry(cat, p, persona, lang) for p in cell) for cell in row) for row in al.rows]
    notes = list(_legend(lang))
    if al.through:
        through = "; ".join(f"{label_of(sc, lang)} ← {label_of(anchor, lang)}" for sc, anchor in al.through)
        notes.append(
            _t(
                lang,
                f"（）内は記号の比較相手（先頭列以外の尺度を介して並べた）: {through}",
                f"in brackets: the level a mark compares with (aligned through another scale): {through}",
            )
        )
    if al.by_rank:
        by_rank = ", ".join(label_of(sc, lang) for sc in al.by_rank)
        notes.append(
            _t(
                lang,
                f"対応なし・同じ順位の行に並べただけ（同等を意味しない）: {by_rank}",
                f"no mapping, placed beside the same rank only (no equivalence implied): {by_rank}",
            )
        )
    if not has_crosswalk(cat):
        notes.append(_t(lang, "クロスウォーク未読込", "crosswalk not loaded"))
    return Table(title=title, headers=headers, rows=body, notes=notes)


# ---------------------------------------------------------------------------
# personas / skills with their counterparts


def _counterparts(cat: Catalog, aspect: str, fws: Sequence[m.Framework], persona: m.Persona | None, lang: str) -> Table:
    kind: Literal["persona", "skill"] = "persona" if aspect == "personas" else "skill"
    fws, found = counterpart_rows(cat, kind, fws, persona)

    def cell(cs: Sequence[Counterpart]) -> str:
        return "\n".join(_marked(label_of(c.obj, lang), c.predicate, c.derived) for c in cs)

    rows = [
        tuple(label_of(r.definition, lang) if j == r.column else cell(cs) for j, cs in enumerate(r.cells))
        for r in found
    ]
    notes = list(_legend(lang))
    if not has_crosswalk(cat):
        notes.append(_t(lang, "クロスウォーク未読込: 対応は空欄", "crosswalk not loaded: no counterparts shown"))
    title = _t(lang, "人材像の対応" if kind == "persona" else "スキルの対応", f"{kind.capitalize()}s across frameworks")
    return Table(title=title, headers=tuple(f.id for f in fws), rows=rows, notes=notes)


# ---------------------------------------------------------------------------
# persona-skills


def _persona_skills(cat: Catalog, fw: m.Framework, persona: m.Persona | None, lang: str) -> Table:
    personas, skills, needs = requirement_grid(cat, fw, persona)
    marks: dict[str, dict[str, str]] = {}
    for sid, by_persona in needs.items():
        for pid, e in by_persona.items():
            mark = "○" if e.inherited else "●"
            if e.requirement.level is not None:
                mark += f" Lv{e.requirement.level}"
            if e.requirement.priority == "welcome":
                mark += _t(lang, " 歓迎", " welcome")
            marks.setdefault(sid, {})[pid] = mark
    rows = [
        (label_of(s, lang), text_of(s, "category", lang), *(marks[s.id].get(p.id, "") for p in personas))
        for s in skills
    ]
    headers = (_t(lang, "スキル", "skill"), _t(lang, "区分", "category"), *(label_of(p, lang) for p in personas))
    notes = (
        _t(lang, "● 自身の要件、○ 継承した要件", "● own requirement, ○ inherited"),
        _t(lang, "LvN: 必要な最低レベル、歓迎: 歓迎スキル", "LvN: minimum level, welcome: welcome (not required)"),
    )
    title = _t(lang, f"人材像とスキル要件（{label_of(fw, lang)}）", f"Personas and skills ({label_of(fw, lang)})")
    return Table(title=title, headers=headers, rows=rows, notes=notes)


# ---------------------------------------------------------------------------
# steps


def _steps(cat: Catalog, fw: m.Framework, persona: m.Persona | None, lang: str) -> Table:
    persona, steps = ladder_of(cat, fw, persona)
    rows = [
        (label_of(st, lang), text_of(st, "description", lang), describe_condition(cat, st.rule, st, lang))
        for st in steps
    ]
    headers = (_t(lang, "ステップ", "step"), _t(lang, "説明", "description"), _t(lang, "条件", "requires"))
    notes = [_t(lang, "Step k には Step k−1 も必要", "reaching step k needs step k−1 too")]
    if not steps:
        notes.append(_t(lang, "育成段階なし", "no ladder") + (f": {persona.no_ladder}" if persona.no_ladder else ""))
    title = _t(lang, f"育成段階: {label_of(persona, lang)}", f"Ladder: {label_of(persona, lang)}")
    return Table(title=title, headers=headers, rows=rows, notes=notes)


# ---------------------------------------------------------------------------
# trainings


def _bodies(t: m.Training) -> str:
    return " ".join(f"{b.body}{b.mark}" + (f"({b.note})" if b.note else "") for b in t.bodies)


def _trainings(cat: Catalog, fw: m.Framework, persona: m.Persona | None, lang: str) -> Table:
    rows = [
        (
            label_of(r.skill, lang),
            r.category if r.category is not None else text_of(r.skill, "category", lang),
            "\n".join(r.own_trainings),
            "\n".join(label_of(t, lang) for t in r.trainings),
            "\n".join(_bodies(t) for t in r.trainings),
            "\n".join(c for t in r.trainings for c in t.curriculum),
            "\n".join(r.certifications),
        )
        for r in training_rows(cat, fw, persona)
    ]
    headers = (
        _t(lang, "スキル", "skill"),
        _t(lang, "区分", "category"),
        _t(lang, "教育施策", "training (source)"),
        _t(lang, "Off-JT研修", "Off-JT training"),
        _t(lang, "実施主体", "implemented by"),
        _t(lang, "主な学習項目", "curriculum"),
        _t(lang, "関連資格", "certifications"),
    )
    notes = (_t(lang, "○ 主たる実施主体、△ 補完", "○ main implementing body, △ complement"),)
    who = label_of(persona, lang) if persona is not None else label_of(fw, lang)
    title = _t(lang, f"スキルと研修（{who}）", f"Skills and trainings ({who})")
    return Table(title=title, headers=headers, rows=rows, notes=notes)
