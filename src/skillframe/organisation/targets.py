"""Numeric targets (数値目標): the model of a targets file.

A targets file holds the two forms the WG report gives (§2 確保・育成の方針および年度計画の
策定方法, 数値目標例): the 基本方針 (:class:`Plan`: about five years; 人材像 and スキル基準
targets such as 「○○年までにDX推進員○名/各課に○名」 and 「Step○到達率○%」) and the 年度計画
(:class:`YearPlan`: this fiscal year; 確保施策 and 育成施策 targets such as new hires,
研修受講率 and 「DX推進員のStep○到達率○%」). ``docs/targets.md`` documents the file format;
:func:`~skillframe.read_targets` reads one, :func:`~skillframe.progress` measures a
:class:`~skillframe.Rollup` against it.

Keys (``persona``, ``skill``, ``type``) are written as the catalog takes them (id,
label, alias); in Python a definition object is accepted too and kept as its id.

>>> import skillframe
>>> cat = skillframe.load()
>>> Target(kind="step_rate", persona=cat.persona("DX推進員"), step=2, value=0.5).persona
'tokyo-wg-2025:dx-promoter'
>>> KINDS["step_rate"], KINDS["mic_level"]
('rate', 'level')
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

import attrs

from .names import key_of

__all__ = ["DECIMALS", "FORMAT", "KINDS", "Kind", "Plan", "Target", "Targets", "YearPlan", "as_shown"]

#: The value of ``format:`` a targets file starts with.
FORMAT = "skillframe-targets/1"

Kind = Literal["count", "per_department", "step_rate", "training_rate", "new_hires", "mic_level"]
#: The target kinds, and the unit of each: ``people``, ``departments``, ``rate`` (a
#: fraction 0–1, 0.5 = 50%) or ``level`` (a 総務省 育成目標レベル 1–5).
KINDS: dict[str, str] = {
    "count": "people",
    "per_department": "departments",
    "step_rate": "rate",
    "training_rate": "rate",
    "new_hires": "people",
    "mic_level": "level",
}


#: Decimals a target's values are shown with and judged at (:func:`~skillframe.progress`):
#: one, in the unit as shown — 0.1 person, department or level, 0.1 percentage point of a rate.
DECIMALS = 1


def as_shown(value: float, unit: str) -> float:
    """``value`` as a report shows it, as a number: a rate in percent, rounded to :data:`DECIMALS`.

    >>> as_shown(1.0022, "level"), as_shown(0.50011, "rate"), as_shown(0.8, "rate")
    (1.0, 50.0, 80.0)
    """
    return round(100 * value if unit == "rate" else value, DECIMALS)


def _key(value: object) -> str | None:
    """A key as written, or the id of a definition object."""
    out = key_of(value)
    return None if out is None else str(out)


@attrs.frozen(kw_only=True)
class Target:
    """One numeric target.

    ``kind``: ``count`` (staff of ``persona`` at step ≥ ``step``, optionally in one
    ``department``), ``per_department`` (every 課 has at least ``value`` of them; the
    unit is departments), ``step_rate`` (share of ``persona`` at step ≥ ``step``),
    ``training_rate`` (share of required recommended trainings completed, optionally of
    one ``persona`` / ``skill``), ``new_hires`` (not in the staff data: give
    ``actual``), ``mic_level`` (the 総務省 level of ``type``, a persona of the framework
    that provides organisation levels). Rates are fractions 0–1 (0.5 = 50%), levels
    1–5, counts people. ``baseline`` is the value at the start of the trajectory
    (default 0; 1 for ``mic_level``). ``step`` is a rank (1 = Step1).
    ``baseline: history`` in the file sets ``baseline_from="history"`` (``count`` and
    ``step_rate`` only): the baseline is the value recorded in the assessment history for
    the last 年度 before the trajectory starts (:func:`~skillframe.progress` ``history=``).
    """

    kind: Kind
    value: float
    id: str | None = None
    label: str | None = None
    label_en: str | None = None
    persona: str | None = attrs.field(default=None, converter=_key)
    step: int | None = None
    department: str | None = None
    skill: str | None = attrs.field(default=None, converter=_key)
    type: str | None = attrs.field(default=None, converter=_key)
    baseline: float | None = None
    baseline_from: Literal["history"] | None = None
    actual: float | None = None
    note: str | None = None


@attrs.frozen(kw_only=True)
class Plan:
    """The 基本方針: targets for the end of 年度 ``target_year``, from the start of 年度 ``baseline_year``."""

    baseline_year: int
    target_year: int
    label: str | None = None
    label_en: str | None = None
    targets: tuple[Target, ...] = ()


@attrs.frozen(kw_only=True)
class YearPlan:
    """The 年度計画: targets for the end of 年度 ``year`` (31 March of ``year + 1``), from its start (1 April)."""

    year: int
    label: str | None = None
    label_en: str | None = None
    targets: tuple[Target, ...] = ()


@attrs.frozen(kw_only=True)
class Targets:
    """A targets file: the 基本方針 (``plan``), the 年度計画 (``year``), the date read at (``as_of``).

    ``framework`` (a key) is where persona and skill keys are looked up first; ``file``
    is the path read (set by :func:`~skillframe.read_targets`).
    """

    format: Literal["skillframe-targets/1"]
    framework: str | None = None
    as_of: dt.date | None = None
    plan: Plan | None = None
    year: YearPlan | None = None
    file: str | None = None
