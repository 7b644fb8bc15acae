"""Conditions and unmet leaves in words, in Japanese or English.

Used by explanations (:meth:`skillframe.Evaluation.explain`) and by ``skillframe show``.

>>> import skillframe
>>> cat = skillframe.load()
>>> st = cat.step("dx-promoter-step3")
>>> describe_condition(cat, st.rule, st, "ja")
'(DX案件リード件数 2以上 かつ 後進の指導/フォロー)'
>>> describe_condition(cat, st.rule, st, "en")
'(DX projects led ≥ 2 and mentors juniors)'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import model as m

if TYPE_CHECKING:
    from ._catalog import Catalog

__all__ = ["NUMBER_NAMES", "describe_condition", "label", "label_of", "text_of", "value_words"]

#: field -> (English, Japanese)
NUMBER_NAMES = {
    "dx_project_years": ("years on DX projects", "DX案件従事年数"),
    "dx_lead_years": ("years leading DX projects", "DX案件リード年数"),
    "dx_lead_count": ("DX projects led", "DX案件リード件数"),
}


def label(catalog: Catalog, definition_id: str, lang: str) -> str:
    """The label of a definition in ``lang`` (Japanese when no English exists); the id when unknown."""
    if definition_id not in catalog:
        return definition_id
    d: Any = catalog.get(definition_id)
    if lang == "en" and getattr(d, "label_en", None):
        return str(d.label_en)
    return str(d.label)


def label_of(d: Any, lang: str) -> str:
    """A definition's label in ``lang`` (Japanese when no English exists).

    >>> from skillframe.model import Skill
    >>> label_of(Skill(id="x:a", label="業務分析", label_en="Business analysis"), "en")
    'Business analysis'
    """
    if lang == "en" and getattr(d, "label_en", None):
        return str(d.label_en)
    return str(getattr(d, "label", getattr(d, "id", d)))


def text_of(d: Any, field: str, lang: str) -> str:
    """A text field of a definition in ``lang`` (``<field>_en`` for English, falling back to Japanese).

    >>> from skillframe.model import Skill
    >>> text_of(Skill(id="x:a", label="a", category="業務効率化"), "category", "en")
    '業務効率化'
    """
    if lang == "en":
        en = getattr(d, f"{field}_en", None)
        if en:
            return str(en)
    value = getattr(d, field, None)
    return "" if value is None else str(value)


def _n(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def value_words(value: object, lang: str) -> str:
    """An actual value in words: unknown, yes/no, a number."""
    en = lang == "en"
    if value is None:
        return "unknown" if en else "不明"
    if value is True:
        return "yes" if en else "はい"
    if value is False:
        return "no" if en else "いいえ"
    if isinstance(value, int | float):
        return _n(value)
    return str(value)


def describe_condition(catalog: Catalog, cond: m.Condition | None, step: m.Step, lang: str = "ja") -> str:
    """A condition in words."""
    en = lang == "en"

    def lab(i: str) -> str:
        return label(catalog, i, lang)

    if cond is None:
        return "—"
    if isinstance(cond, m.All | m.Any):
        joiner = (" and " if en else " かつ ") if isinstance(cond, m.All) else (" or " if en else " または ")
        return "(" + joiner.join(describe_condition(catalog, c, step, lang) for c in cond.of) + ")"
    if isinstance(cond, m.Not):
        return ("not " if en else "否: ") + describe_condition(catalog, cond.of, step, lang)
    if isinstance(cond, m.Trained):
        probe = m.Step(id=step.id, persona=step.persona, rank=step.rank, label=step.label, rule=cond)
        names = ", ".join(lab(s) for s in catalog.step_skills(probe))
        return f"training completed for: {names}" if en else f"研修受講済: {names}"
    if isinstance(cond, m.DsmLevel):
        names = ", ".join(lab(s) for s in cond.skills)
        return f"DSM Lv{cond.min}+ in: {names}" if en else f"DSM Lv{cond.min}以上: {names}"
    if isinstance(cond, m.ToolsAtLeast):
        what = (
            ("every deployed tool" if en else "導入済みの全ツール")
            if cond.deployed
            else ", ".join(lab(t) for t in cond.tools)
        )
        return f"{what} at Lv{cond.min}+" if en else f"{what} Lv{cond.min}以上"
    if isinstance(cond, m.NumberAtLeast):
        name_en, name_ja = NUMBER_NAMES[cond.field]
        return f"{name_en} ≥ {_n(cond.min)}" if en else f"{name_ja} {_n(cond.min)}以上"
    if isinstance(cond, m.Mentoring):
        if cond.value:
            return "mentors juniors" if en else "後進の指導/フォロー"
        return "does not mentor" if en else "指導なし"
    if isinstance(cond, m.StepReached):
        return f"{lab(cond.persona)} Step{cond.min}+" + ("" if en else " 到達")
    params = ", ".join(f"{k}={v}" for k, v in cond.params)
    extra = f" ({params})" if params else ""
    return f"custom rule '{cond.rule}'{extra}" if en else f"独自ルール '{cond.rule}'{extra}"
