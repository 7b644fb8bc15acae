"""The questions of a persona's self-check, each with a stable label.

A label names what a question asks in ids, never in positions, so the same question has the
same label in every form, in the ``--format questions`` list pasted into Microsoft Forms or
Google Forms, and when answers are collected:

- ``trained/<skill id>``: 受講済 / 未受講 (the training that serves the skill)
- ``dsm/<skill id>``: DSM level Lv.0–3 (with the level's words)
- ``tool/<tool id>``: the tool level
- ``check/<tool id>/<item id>``: a 実務経験 checklist item, ○ or blank
- ``exp/<field>``: a number (years, projects); ``exp/mentoring``: はい / いいえ
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

import attrs

from ..conditions.ast import DsmLevel, Mentoring, NumberAtLeast, StepReached, ToolsAtLeast, leaves
from ..staff.values import parse_number

if TYPE_CHECKING:
    from .._catalog import Catalog

__all__ = ["TRAINED", "UNTRAINED", "Question", "questions"]

TRAINED = "受講済"
UNTRAINED = "未受講"
TICK = "○"
YES, NO = "はい", "いいえ"

_EXPERIENCE = {
    "dx_project_years": ("DX関連業務の経験年数（年）", "years on DX projects", "decimal"),
    "dx_lead_years": ("DX推進をリードした経験年数（年）", "years leading DX work", "decimal"),
    "dx_lead_count": ("DX推進をリードした案件数（件）", "DX projects led (count)", "whole"),
}


@attrs.frozen
class Question:
    """One question: ``label`` (stable), ``section``, ``text`` (ja), ``detail`` (定義 or level words),
    ``training`` (the 研修 that serves it), ``kind`` and ``choices`` (the allowed answers)."""

    label: str
    section: str
    text: str
    detail: str
    training: str
    kind: Literal["choice", "decimal", "whole"]
    choices: tuple[str, ...] = ()

    def value(self, answer: str) -> Any:
        """The staff-file value of an allowed answer (the caller has checked it is allowed)."""
        kind, _, rest = self.label.partition("/")
        if kind == "trained":
            return answer == TRAINED
        if kind in ("dsm", "tool"):
            return int(answer.split(" ", 1)[0].removeprefix("Lv.").removeprefix("Lv"))
        if kind == "check":
            return answer == TICK
        if rest == "mentoring":
            return answer == YES
        return parse_number(answer)


def _uses(catalog: Catalog, persona_id: str) -> tuple[list[str], set[str], bool, bool]:
    """What the persona's ladder reads: DSM skills, experience fields, tools, mentoring.

    Walks the leaves of every step rule (:func:`skillframe.conditions.ast.leaves`); a
    ``step`` condition on another persona's ladder brings in what that ladder reads too.
    """
    dsm: list[str] = []
    fields: set[str] = set()
    tools = mentoring = False
    todo, seen = [persona_id], {persona_id}
    while todo:
        for step in catalog.steps(todo.pop()):
            for leaf in leaves(step.rule):
                if isinstance(leaf, DsmLevel):
                    dsm.extend(s for s in leaf.skills if s not in dsm)
                elif isinstance(leaf, ToolsAtLeast):
                    tools = True
                elif isinstance(leaf, Mentoring):
                    mentoring = True
                elif isinstance(leaf, NumberAtLeast) and leaf.field in _EXPERIENCE:
                    fields.add(leaf.field)
                elif isinstance(leaf, StepReached):
                    other = catalog.persona(leaf.persona).id
                    if other not in seen:
                        seen.add(other)
                        todo.append(other)
    return dsm, fields, tools, mentoring


def _dsm_scale(catalog: Catalog) -> Any:
    for s in catalog.scales():
        if [lv.rank for lv in s.levels] == [0, 1, 2, 3] and s.measures == "person":
            return s
    return None


def questions(catalog: Catalog, persona: Any) -> list[Question]:
    """The self-check questions of a persona (key, label or definition), in form order."""
    p = catalog.persona(str(getattr(persona, "id", persona)))
    dsm, fields, uses_tools, mentoring = _uses(catalog, p.id)
    out: list[Question] = []
    for es in catalog.effective_skills(p.id):
        skill = es.skill
        trainings = [t.label for t in catalog.trainings(skill=skill.id)] or list(skill.trainings)
        out.append(
            Question(
                label=f"trained/{skill.id}",
                section="研修受講",
                text=skill.label,
                detail=skill.definition or "",
                training="、".join(trainings),
                kind="choice",
                choices=(TRAINED, UNTRAINED),
            )
        )
    scale = _dsm_scale(catalog)
    for sid in dsm:
        skill = catalog.get(sid)
        levels = scale.levels if scale is not None else ()
        choices = tuple(f"{lv.label} {lv.descriptor or ''}".strip() for lv in levels) or ("0", "1", "2", "3")
        out.append(
            Question(
                label=f"dsm/{sid}",
                section="デジタルスキルマップ（DSM）レベル",
                text=skill.label,
                detail=(skill.definition or "") + "\n" + "\n".join(choices),
                training="",
                kind="choice",
                choices=choices,
            )
        )
    if uses_tools:
        deployed = catalog.settings(p.framework).deployed_tools
        tools = [t for t in catalog.tools() if deployed is None or t.id.split(":")[-1] in deployed or t.id in deployed]
        for tool in tools:
            choices = tuple(f"{lv.rank} {lv.label}" for lv in tool.levels)
            out.append(
                Question(
                    label=f"tool/{tool.id}",
                    section="ツール活用レベル",
                    text=tool.label,
                    detail="\n".join(f"{lv.rank} {lv.label}: {lv.guide}" for lv in tool.levels if lv.guide),
                    training="",
                    kind="choice",
                    choices=choices,
                )
            )
            for lv in tool.levels:
                for item in lv.checklist:
                    out.append(
                        Question(
                            label=f"check/{tool.id}/{item.id}",
                            section="ツール実務経験チェックリスト",
                            text=f"{tool.label} {lv.label}: {item.text}",
                            detail="、".join(item.choices),
                            training="",
                            kind="choice",
                            choices=(TICK,),
                        )
                    )
    for field in sorted(fields):
        ja, _en, kind = _EXPERIENCE[field]
        out.append(Question(f"exp/{field}", "経験", ja, "", "", "decimal" if kind == "decimal" else "whole"))
    if mentoring:
        out.append(Question("exp/mentoring", "経験", "後進の指導・育成をしている", "", "", "choice", (YES, NO)))
    return out
