"""Conditions and unmet leaves in words, in Japanese or English.

Used by explanations (:meth:`skillframe.Evaluation.explain`), ``skillframe show`` and
the comparisons. The names of the staff number fields come from
:data:`~skillframe.conditions.spec.NUMBER_NAMES`.

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

from .. import model as m
from .spec import NUMBER_NAMES

if TYPE_CHECKING:
    from .._catalog import Catalog

__all__ = ["describe_condition", "describe_unmet", "label", "value_words"]


def label(catalog: Catalog, definition_id: str, lang: str) -> str:
    """The label of a definition in ``lang`` (Japanese when no English exists); the id when unknown."""
    if definition_id not in catalog:
        return definition_id
    d: Any = catalog.get(definition_id)
    if lang == "en" and getattr(d, "label_en", None):
        return str(d.label_en)
    return str(d.label)


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


def describe_unmet(catalog: Catalog, u: Any, lang: str = "ja") -> str:
    """One unmet leaf (a :class:`~skillframe.Unmet`) in words: what is expected, and what the record has."""
    en = lang == "en"
    c = u.condition
    actual = value_words(u.actual, lang)
    if isinstance(c, m.Trained):
        what = (
            f"training for {label(catalog, u.subject or '', lang)}"
            if en
            else f"{label(catalog, u.subject or '', lang)} の研修"
        )
        if u.actual is None:
            return f"{what}: unknown" if en else f"{what}: 不明"
        return f"{what}: not completed" if en else f"{what}: 未受講"
    if isinstance(c, m.DsmLevel):
        name = label(catalog, u.subject or "", lang)
        if u.status == "unknown" and u.actual is not None:
            actual += " (training only; higher level unknown)" if en else "（研修受講のみ、それ以上は不明）"
        return f"DSM {name} Lv{u.expected}+: {actual}" if en else f"DSM {name} Lv{u.expected}以上: 現在 {actual}"
    if isinstance(c, m.ToolsAtLeast):
        name = label(catalog, u.subject or "", lang)
        return f"{name} Lv{u.expected}+: {actual}" if en else f"{name} Lv{u.expected}以上: 現在 {actual}"
    if isinstance(c, m.NumberAtLeast):
        name_en, name_ja = NUMBER_NAMES[c.field]
        exp = value_words(u.expected, lang)
        return f"{name_en} ≥ {exp}: {actual}" if en else f"{name_ja} {exp}以上: 現在 {actual}"
    if isinstance(c, m.Mentoring):
        what = (
            ("mentors juniors" if en else "後進の指導/フォロー")
            if c.value
            else ("does not mentor" if en else "指導なし")
        )
        return f"{what}: {actual}"
    if isinstance(c, m.StepReached):
        name = label(catalog, c.persona, lang)
        return f"{name} Step{c.min}+: Step {actual}" if en else f"{name} Step{c.min}以上: 現在 Step{actual}"
    if isinstance(c, m.Not):
        return f"{u.id}: {'holds, must not' if en else '成立（不可）'}" if u.status == "unmet" else f"{u.id}: {actual}"
    assert isinstance(c, m.CustomRule)
    rule = f"custom rule '{c.rule}'" if en else f"独自ルール '{c.rule}'"
    exp = (
        f" (expected {u.expected})"
        if en and u.expected is not None
        else f"（期待値 {u.expected}）"
        if u.expected is not None
        else ""
    )
    status = ("unknown" if en else "不明") if u.status == "unknown" else ("not met" if en else "未達")
    if u.actual is None:
        return f"{rule}{exp}: {status}"
    return f"{rule}{exp}: {status} (has {actual})" if en else f"{rule}{exp}: {status}（現在 {actual}）"
