"""Evaluation settings (:class:`EvaluationSettings`) and what a custom rule sees (:class:`RuleContext`)."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from .. import model as m
from .._catalog import Catalog  # at run time: RuleContext's annotations resolve (export)
from .._exports import export
from .facts import DSM, TOOLS, TRAINED, Facts

__all__ = ["EvaluationSettings", "RuleContext"]


def _opt_tuple(value: Iterable[str] | None) -> tuple[str, ...] | None:
    return None if value is None else tuple(value)


@attrs.frozen(kw_only=True)
class EvaluationSettings:
    """A municipality's evaluation settings (a plain parameter object).

    ``deployed_tools``: the tools the municipality has deployed (keys or ids), for
    ``tools: {deployed: true}``; ``None`` takes the persona's framework setting
    (``framework.settings.deployed_tools`` of an overlay) and, failing that, every tool
    of the framework that provides ``dsm_levels`` (``tokyo-dsm`` among the built-in
    catalogs; reading-guide §2).
    ``aggregation``: the registered checklist aggregation that turns ticks into a tool level.

    >>> EvaluationSettings(deployed_tools=["Excel"])
    EvaluationSettings(deployed_tools=('Excel',), aggregation='every-item')
    """

    deployed_tools: tuple[str, ...] | None = attrs.field(default=None, converter=_opt_tuple)
    aggregation: str = "every-item"


@attrs.frozen(kw_only=True)
class RuleContext:
    """What a custom rule gets besides the record and its parameters.

    ``persona`` is the qualified id of the persona evaluated, ``step`` the step whose
    rule is being checked; the methods read the record's resolved facts.
    """

    catalog: Catalog = attrs.field(repr=False)
    persona: str
    step: m.Step = attrs.field(repr=False)
    settings: EvaluationSettings
    facts: Facts = attrs.field(repr=False)

    def trained(self, skill_id: str) -> bool | None:
        """Whether the recommended training of a skill (qualified id) is completed; ``None`` unknown."""
        t = self.facts[TRAINED]
        return None if t is None else skill_id in t

    def dsm(self, skill_id: str) -> int | None:
        """The self-assessed DSM level (0–3) of a skill (qualified id), ``None`` when unknown."""
        d = self.facts[DSM]
        return None if d is None else d.get(skill_id)

    def tool_level(self, tool_id: str) -> int | None:
        """The effective level (0–3) of a tool (declared or from ticks, the higher), ``None`` when unknown."""
        d = self.facts[TOOLS]
        return None if d is None else d.get(tool_id)


# Exported as skillframe.X: shown (and pickled) under that name.
export("skillframe", EvaluationSettings, RuleContext)
