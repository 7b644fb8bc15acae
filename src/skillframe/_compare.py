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

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from . import model as m
from ._table import Table
from ._text import label_of, text_of
from .conditions.describe import describe_condition
from .errors import LookupFailed, UnknownKeyError

if TYPE_CHECKING:
    from ._catalog import Catalog

__all__ = ["ASPECTS", "PREDICATE_MARKS", "compare", "label_of", "text_of"]

#: The aspects :func:`compare` knows.
ASPECTS = ("levels", "personas", "skills", "persona-skills", "steps", "trainings")

#: The mark of each SKOS mapping predicate in a cell.
PREDICATE_MARKS = {
    "exactMatch": "=",
    "closeMatch": "≈",
    "broadMatch": "⊃",
    "narrowMatch": "⊂",
    "relatedMatch": "~",
}
_INVERSE = {"broadMatch": "narrowMatch", "narrowMatch": "broadMatch"}
DERIVED_MARK = "*"

#: The framework a single-framework aspect uses when none is chosen (if loaded).
DEFAULT_FRAMEWORK = "tokyo-wg-2025"


class _Mapping(Protocol):
    """The part of a crosswalk mapping the tables read."""

    @property
    def predicate(self) -> str: ...

    @property
    def object(self) -> Any: ...

    @property
    def derived(self) -> bool: ...


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


# ---------------------------------------------------------------------------
# The crosswalk, as far as the catalog has one


def _local(predicate: str) -> str:
    return predicate.rsplit(":", 1)[-1]


def _maps(cat: Catalog, def_id: str, framework: str) -> list[tuple[Any, str, bool]]:
    """(object definition, predicate local name, derived) of ``def_id`` into ``framework``."""
    mapper: Callable[..., Iterable[_Mapping]] | None = getattr(cat, "map", None)
    if mapper is None:
        return []
    try:
        found = list(mapper(def_id, to=framework))
    except LookupFailed:
        return []
    out: list[tuple[Any, str, bool]] = []
    for mp in found:
        if getattr(mp, "negated", False):  # "these do NOT match": never a cell
            continue
        obj = mp.object
        if isinstance(obj, str):
            obj = cat.get(obj)
        out.append((obj, _local(mp.predicate), bool(mp.derived)))
    return out


def _has_crosswalk(cat: Catalog) -> bool:
    return callable(getattr(cat, "map", None))


def _marked(text: str, predicate: str, derived: bool) -> str:
    mark = PREDICATE_MARKS.get(predicate, "?")
    return f"{mark} {text}{DERIVED_MARK if derived else ''}"


# ---------------------------------------------------------------------------
# Choosing frameworks


def _frameworks(cat: Catalog, frameworks: Sequence[str | m.Framework] | str | m.Framework | None) -> list[m.Framework]:
    if frameworks is None:
        return cat.frameworks()
    if isinstance(frameworks, m.Framework):
        return [cat.framework(frameworks)]
    keys = frameworks.split(",") if isinstance(frameworks, str) else list(frameworks)
    out: list[m.Framework] = []
    for key in keys:
        fw = cat.framework(key.strip() if isinstance(key, str) else key)
        if fw not in out:
            out.append(fw)
    return out


def _one_framework(
    cat: Catalog, frameworks: Sequence[str | m.Framework] | str | m.Framework | None, persona: m.Persona | None
) -> m.Framework:
    if persona is not None:
        return cat.framework(persona.framework)
    if frameworks is not None:
        return _frameworks(cat, frameworks)[0]
    ids = [f.id for f in cat.frameworks()]
    return cat.framework(DEFAULT_FRAMEWORK if DEFAULT_FRAMEWORK in ids else ids[0])


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
    descriptors on an organisation scale). ``lang`` is ``ja`` or ``en``.

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
    if aspect not in ASPECTS:
        from ._text import suggest

        raise UnknownKeyError("aspect", aspect, suggestions=suggest(aspect, ASPECTS) or ASPECTS)
    if lang not in ("ja", "en"):
        raise UnknownKeyError("lang", lang, suggestions=("ja", "en"))
    p = catalog.persona(persona) if persona is not None else None
    if aspect == "levels":
        return _levels(catalog, _frameworks(catalog, frameworks), p, lang)
    if aspect in ("personas", "skills"):
        return _counterparts(catalog, aspect, _frameworks(catalog, frameworks), p, lang)
    fw = _one_framework(catalog, frameworks, p)
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


_Row = dict[str, list[str]]  # scale id -> the cell's entries; rows are objects so inserting keeps links


def _links(cat: Catalog, anchor: m.Scale, sc: m.Scale) -> dict[str, list[tuple[str, str, bool]]]:
    """For each level of ``sc``: (anchor level id, predicate seen from the anchor, derived).

    Both directions are asked; for one pair a stated mapping wins over a derived one.
    """
    a_ids = {lv.id for lv in anchor.levels}
    s_ids = {lv.id for lv in sc.levels}
    best: dict[tuple[str, str], tuple[str, bool]] = {}

    def offer(a: str, s: str, pred: str, derived: bool) -> None:
        if (a, s) not in best or (best[a, s][1] and not derived):
            best[a, s] = (pred, derived)

    for lv in sorted(anchor.levels, key=lambda x: x.rank):
        for obj, pred, derived in _maps(cat, lv.id, sc.framework):
            if obj.id in s_ids:
                offer(lv.id, obj.id, pred, derived)
    for lv in sc.levels:  # mappings stated the other way round
        for obj, pred, derived in _maps(cat, lv.id, anchor.framework):
            if obj.id in a_ids:
                offer(obj.id, lv.id, _INVERSE.get(pred, pred), derived)
    out: dict[str, list[tuple[str, str, bool]]] = {}
    for (a, s_id), (pred, derived) in best.items():
        out.setdefault(s_id, []).append((a, pred, derived))
    return out


def _levels(cat: Catalog, fws: Sequence[m.Framework], persona: m.Persona | None, lang: str) -> Table:
    scales = [s for f in fws for s in cat.scales(f.id)]
    title = _t(lang, "レベルの比較", "Levels compared")
    if not scales:
        return Table(title=title, headers=(), rows=(), notes=(_t(lang, "尺度がありません", "no scales"),))
    base = scales[0]
    rows: list[_Row] = []
    row_of: dict[str, _Row] = {}  # level id -> the first row it sits in
    rank_of: dict[int, int] = {}  # id(row) -> rank, for rows placed by rank
    for lv in sorted(base.levels, key=lambda x: x.rank):
        row: _Row = {base.id: [_level_text(cat, lv, persona, lang)]}
        rows.append(row)
        row_of[lv.id] = row
        rank_of[id(row)] = lv.rank
    by_rank: list[str] = []
    through: list[str] = []
    placed = [base]
    for sc in scales[1:]:
        levels = sorted(sc.levels, key=lambda x: x.rank)
        anchor, links = base, {}
        for candidate in placed:  # the first scale already in the table that has mappings to this one
            links = _links(cat, candidate, sc)
            if links:
                anchor = candidate
                break
        placed.append(sc)
        if not links:  # no crosswalk to any scale shown: beside the same rank, no claim made
            by_rank.append(label_of(sc, lang))
            for lv in levels:
                found = next((r for r in rows if rank_of.get(id(r)) == lv.rank), None)
                if found is None:
                    found = {}
                    at = next((i for i, r in enumerate(rows) if rank_of.get(id(r), lv.rank) > lv.rank), len(rows))
                    rows.insert(at, found)
                    rank_of[id(found)] = lv.rank
                found.setdefault(sc.id, []).append(_level_text(cat, lv, persona, lang))
                row_of.setdefault(lv.id, found)
            continue
        if anchor is not base:
            through.append(f"{label_of(sc, lang)} ← {label_of(anchor, lang)}")
        last: _Row | None = None
        pending: list[m.Level] = []  # unmapped levels waiting for their upper neighbour's row
        for lv in levels:
            text = _level_text(cat, lv, persona, lang)
            if lv.id not in links:
                if last is None:
                    pending.append(lv)
                else:  # after its lower neighbour
                    new: _Row = {sc.id: [text]}
                    rows.insert(rows.index(last) + 1, new)
                    row_of[lv.id] = last = new
                continue
            targets = [(row_of[a], a, pred, derived) for a, pred, derived in links[lv.id]]
            targets.sort(key=lambda t: rows.index(t[0]))
            for row, a, pred, derived in targets:
                via = f" ({label_of(cat.get(a), lang)})" if anchor is not base else ""
                first, _, rest = text.partition("\n")
                entry = _marked(first + via, pred, derived) + (f"\n{rest}" if rest else "")
                row.setdefault(sc.id, []).append(entry)
            row_of.setdefault(lv.id, targets[0][0])
            if pending:  # before the row of the first mapped level, in order
                at = rows.index(targets[0][0])
                for i, p in enumerate(pending):
                    new = {sc.id: [_level_text(cat, p, persona, lang)]}
                    rows.insert(at + i, new)
                    row_of[p.id] = new
                pending = []
            last = targets[-1][0]
    headers = tuple(label_of(s, lang) for s in scales)
    body = [tuple("\n".join(r.get(s.id, [])) for s in scales) for r in rows]
    notes = list(_legend(lang))
    if through:
        notes.append(
            _t(
                lang,
                f"（）内は記号の比較相手（先頭列以外の尺度を介して並べた）: {'; '.join(through)}",
                f"in brackets: the level a mark compares with (aligned through another scale): {'; '.join(through)}",
            )
        )
    if by_rank:
        notes.append(
            _t(
                lang,
                f"対応なし・同じ順位の行に並べただけ（同等を意味しない）: {', '.join(by_rank)}",
                f"no mapping, placed beside the same rank only (no equivalence implied): {', '.join(by_rank)}",
            )
        )
    if not _has_crosswalk(cat):
        notes.append(_t(lang, "クロスウォーク未読込", "crosswalk not loaded"))
    return Table(title=title, headers=headers, rows=body, notes=notes)


# ---------------------------------------------------------------------------
# personas / skills with their counterparts


def _counterparts(cat: Catalog, aspect: str, fws: Sequence[m.Framework], persona: m.Persona | None, lang: str) -> Table:
    kind = aspect[:-1]
    fws = list(fws)
    if persona is not None and cat.framework(persona.framework) in fws:  # the persona's framework leads
        fws.remove(cat.framework(persona.framework))
        fws.insert(0, cat.framework(persona.framework))

    def pool(fw: m.Framework) -> list[Any]:
        if persona is not None and fw.id == persona.framework:
            if kind == "persona":
                return [persona]
            return [e.skill for e in cat.effective_skills(persona.id)]
        return list(cat.personas(fw.id) if kind == "persona" else cat.skills(fw.id))

    shown: set[str] = set()
    rows: list[tuple[str, ...]] = []
    for i, fw in enumerate(fws):
        for d in pool(fw):
            if d.id in shown:
                continue
            shown.add(d.id)
            cells = [""] * len(fws)
            cells[i] = label_of(d, lang)
            for j, other in enumerate(fws):
                if j == i:
                    continue
                lines = []
                for obj, pred, derived in _maps(cat, d.id, other.id):
                    lines.append(_marked(label_of(obj, lang), pred, derived))
                    if j > i:
                        shown.add(obj.id)
                cells[j] = "\n".join(lines)
            rows.append(tuple(cells))
        if persona is not None and kind == "persona":
            break  # one persona: its counterparts only
    notes = list(_legend(lang))
    if not _has_crosswalk(cat):
        notes.append(_t(lang, "クロスウォーク未読込: 対応は空欄", "crosswalk not loaded: no counterparts shown"))
    title = _t(lang, "人材像の対応" if kind == "persona" else "スキルの対応", f"{kind.capitalize()}s across frameworks")
    return Table(title=title, headers=tuple(f.id for f in fws), rows=rows, notes=notes)


# ---------------------------------------------------------------------------
# persona-skills


def _persona_skills(cat: Catalog, fw: m.Framework, persona: m.Persona | None, lang: str) -> Table:
    if persona is not None:
        personas = [*reversed(cat.ancestors(persona.id)), persona]
    else:
        personas = [p for p in cat.personas(fw.id) if cat.effective_skills(p.id)]
    marks: dict[str, dict[str, str]] = {}
    for p in personas:
        for e in cat.effective_skills(p.id):
            mark = "○" if e.inherited else "●"
            if e.requirement.level is not None:
                mark += f" Lv{e.requirement.level}"
            if e.requirement.priority == "welcome":
                mark += _t(lang, " 歓迎", " welcome")
            marks.setdefault(e.skill.id, {})[p.id] = mark
    skills = [s for s in cat.skills() if s.id in marks]
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
    if persona is None:
        with_ladder = [p for p in cat.personas(fw.id) if cat.steps(p.id)]
        if not with_ladder:
            raise UnknownKeyError("ladder", fw.id)
        persona = with_ladder[0]
    steps = cat.steps(persona.id)
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
    # a persona's requirement may override the shared skill's 教育施策 and 区分 (EffectiveSkill reads them)
    items: list[tuple[m.Skill, tuple[str, ...], tuple[str, ...], str | None]]
    if persona is not None:
        items = [
            (e.skill, e.requirement.certifications or e.skill.certifications, e.trainings, e.requirement.category)
            for e in cat.effective_skills(persona.id)
        ]
    else:
        items = [(s, s.certifications, s.trainings, None) for s in cat.skills(fw.id)]
    rows = []
    for skill, certs, own_trainings, category in items:
        trainings = [t for t in cat.trainings(skill.framework) if skill.id in t.skills]
        if not (trainings or own_trainings or certs):
            continue
        rows.append(
            (
                label_of(skill, lang),
                category if category is not None else text_of(skill, "category", lang),
                "\n".join(own_trainings),
                "\n".join(label_of(t, lang) for t in trainings),
                "\n".join(_bodies(t) for t in trainings),
                "\n".join(c for t in trainings for c in t.curriculum),
                "\n".join(certs),
            )
        )
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
