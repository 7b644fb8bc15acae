"""Progress against numeric targets: current value, gap, trajectory and status.

Progress is judged against a *linear trajectory*: from the ``baseline`` value at the
start of the baseline fiscal year to the target value at the end of the target fiscal
year (a 年度 runs from 1 April to 31 March), read at ``as_of``. A target is
``achieved`` when the current value reaches it, ``on_track`` when it reaches the
trajectory, else ``off_track``; ``unknown`` when the data cannot say. Values are in the
target's unit (:data:`~skillframe.organisation.targets.KINDS`): people, departments,
rates 0–1 or levels. The comparison is made at the precision the report shows
(:func:`~skillframe.organisation.targets.as_shown`: 0.1 in the unit, 0.1 percentage point
of a rate), so the verdict can be read off the numbers beside it: a 見込み値 of 1.0022,
shown as ``1.0`` beside 現状 ``1``, is 順調 — a shortfall too small to show is not a delay.

A ``baseline: history`` target read with a history is judged on the *recorded
trajectory* instead (``basis``): its current value is the value recorded for the latest
年度 up to ``as_of``, and that point is compared with the plan's yearly milestone for the
年度 (the 年度計画 target of the same kind, persona, step and 課; ``milestone``) when the
file has one and the 年度 has ended, else with the straight line read at the end of that
年度, or at ``as_of`` while it runs (``recorded``). ``line`` is the straight-line judgement.

>>> from datetime import date
>>> fiscal_time(date(2026, 4, 1)), round(fiscal_time(date(2026, 10, 1)), 3)
(2026.0, 2026.501)
>>> expected(0, 100, 2025.0, 2030.0, 2027.0)
40.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Literal

import attrs

from .. import model as m
from ..errors import LookupFailed
from ..staff.shadowed import ShadowIndex
from .mic_levels import organisation_framework
from .results import ANY, Rollup
from .targets import KINDS, Plan, Target, Targets, YearPlan, as_shown

if TYPE_CHECKING:
    from .._catalog import Catalog

__all__ = ["Basis", "Progress", "RecordedPoint", "Status", "TargetProgress", "expected", "fiscal_time", "progress"]

Status = Literal["achieved", "on_track", "off_track", "unknown"]
#: What a status was judged on: ``line`` (the current value against the straight line at
#: ``as_of``), ``recorded`` (the latest recorded 年度 against the straight line at that
#: 年度) or ``milestone`` (the latest recorded 年度 against the 年度計画's milestone).
Basis = Literal["line", "recorded", "milestone"]


def fiscal_time(day: dt.date) -> float:
    """A date as fiscal years: 年度 Y starts at Y.0 (1 April) and ends at Y+1.0 (31 March → 1 April)."""
    fy = day.year if day.month >= 4 else day.year - 1
    start = dt.date(fy, 4, 1)
    length = (dt.date(fy + 1, 4, 1) - start).days
    return fy + (day - start).days / length


def expected(baseline: float, target: float, t0: float, t1: float, t: float) -> float:
    """The value on the straight line from ``(t0, baseline)`` to ``(t1, target)`` at ``t`` (fiscal years; clamped)."""
    if t1 <= t0:
        return target
    frac = min(1.0, max(0.0, (t - t0) / (t1 - t0)))
    return baseline + (target - baseline) * frac


@attrs.frozen(kw_only=True)
class RecordedPoint:
    """One recorded 年度 of a ``baseline: history`` target: its ``value`` and what it was compared with.

    ``reference`` is the milestone (``basis="milestone"``) or the straight line at the end
    of the 年度 (at ``as_of`` while it runs; ``basis="recorded"``), in the target's unit.
    """

    year: int
    value: float
    reference: float
    basis: Basis


@attrs.frozen(kw_only=True)
class TargetProgress:
    """Progress against one target.

    ``horizon`` is ``plan`` (基本方針) or ``year`` (年度計画); ``unit`` the target's unit
    (``people``, ``departments``, ``rate`` 0–1, ``level``); ``current`` the value now
    (None when the data cannot say), ``value`` the target value, ``expected`` the
    trajectory's value at the date read (None when its baseline cannot be counted: a history
    of the base framework's personas, see :func:`progress`); ``detail``/``detail_en`` how the current value
    was found (e.g. ``4/5 課; 不足: 住民課``). For ``per_department`` the unit is
    departments: ``value`` is the number of named 課 (every one covered) and ``current``
    those with at least the target's people. ``basis`` says what ``status`` was judged
    on (:data:`Basis`); ``recorded`` holds the recorded 年度 of a ``baseline: history``
    target from the baseline 年度 on (the baseline point first, its reference the baseline).
    """

    target: Target
    horizon: Literal["plan", "year"]
    label: str
    label_en: str
    unit: str
    current: float | None
    value: float
    expected: float | None
    status: Status
    detail: str | None = None
    detail_en: str | None = None
    basis: Basis = "line"
    recorded: tuple[RecordedPoint, ...] = ()

    @property
    def gap(self) -> float | None:
        """How far the current value is below the target, in the target's unit (0 when ``status`` says reached)."""
        if self.current is None:
            return None
        return 0.0 if self.status == "achieved" else max(0.0, self.value - self.current)


@attrs.frozen(kw_only=True)
class Progress:
    """Progress against every target of a file, at ``as_of``; iterating gives the :class:`TargetProgress` items."""

    as_of: dt.date
    items: tuple[TargetProgress, ...]
    plan: Plan | None = None
    year: YearPlan | None = None

    def __iter__(self) -> Iterator[TargetProgress]:
        return iter(self.items)


def _people(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def _default_label(t: Target, catalog: Catalog, framework: str | None, lang: str) -> str:
    def name(key: str | None, kind: str) -> str:
        if key is None:
            return ""
        d: m.Persona | m.Skill
        try:
            if kind == "type":
                d = catalog.persona(key, organisation_framework(catalog))
            else:
                find = catalog.persona if kind == "persona" else catalog.skill
                d = find(key, framework) if framework else find(key)
        except LookupFailed:
            return key
        return str(d.label_en or d.label) if lang == "en" else str(d.label)

    p = name(t.persona, "persona")
    step = f" Step{t.step}" if t.step else ""
    en = lang == "en"
    if t.kind == "count":
        where = f" ({t.department})" if t.department else ""
        return f"{p}{step}{where} staff" if en else f"{p}{step}{where} 人数"
    if t.kind == "per_department":
        v = _people(t.value)
        return f"{p}{step}: {v}+ in every department" if en else f"{p}{step} 各課に{v}名以上"
    if t.kind == "step_rate":
        return f"{p} Step{t.step} attainment rate" if en else f"{p} Step{t.step} 到達率"
    if t.kind == "training_rate":
        who = " ".join(x for x in (p, name(t.skill, "skill")) if x)
        return f"training completion rate {who}".strip() if en else f"{who} 研修受講率".strip()
    if t.kind == "new_hires":
        return "new digital hires" if en else "デジタル人材の新規採用人数"
    return f"MIC level: {name(t.type, 'type')}" if en else f"総務省 育成目標レベル {name(t.type, 'type')}"


def _current(
    t: Target, r: Rollup, catalog: Catalog, framework: str | None
) -> tuple[float | None, str | None, str | None]:
    def pid(key: str) -> str:
        return (catalog.persona(key, framework) if framework else catalog.persona(key)).id

    if t.kind == "count":
        assert t.persona is not None
        dept: str | None = ANY
        if t.department is not None:
            try:
                dept = r.department(t.department)
            except LookupFailed:
                return None, f"課 '{t.department}' の職員がいません", f"no staff in department '{t.department}'"
        return float(r.count(persona=pid(t.persona), min_rank=t.step or 0, department=dept)), None, None
    if t.kind == "per_department":
        assert t.persona is not None
        per = [(d, c) for d, c in r.per_department(pid(t.persona), t.step or 0) if d is not None]
        short = [d for d, c in per if c < t.value]
        met = len(per) - len(short)
        return (
            float(met),
            f"{met}/{len(per)} 課; 不足: {'、'.join(short) or 'なし'}",
            f"{met}/{len(per)} departments; short: {', '.join(short) or 'none'}",
        )
    if t.kind == "step_rate":
        assert t.persona is not None and t.step is not None
        pr = r.persona(pid(t.persona))
        if pr is None:
            return None, "該当者なし", "no staff"
        return pr.rate(t.step), f"{pr.reached(t.step)}/{pr.total} 名", f"{pr.reached(t.step)}/{pr.total} staff"
    if t.kind == "training_rate":
        skill = None
        if t.skill is not None:
            skill = (catalog.skill(t.skill, framework) if framework else catalog.skill(t.skill)).id
        rate = r.training_rate(persona=pid(t.persona) if t.persona else None, skill=skill)
        return rate, None, None
    if t.kind == "new_hires":
        if t.actual is None:
            return None, "actual が未記入", "no actual given"
        return t.actual, "ファイルに記入された実績", "actual as given in the file"
    assert t.type is not None
    org = organisation_framework(catalog)
    lv = r.level(catalog.persona(t.type, org).id) if org is not None else None
    if lv is None or lv.level is None:
        return None, "該当者なし", "no staff"
    return (
        float(lv.level),
        f"閾値 {100 * lv.threshold:.0f}%",
        f"threshold {100 * lv.threshold:.0f}%",
    )


def _recorded(t: Target, history: Any, year: int, pid: str) -> float:
    """The value of a ``baseline: history`` target recorded for the last 年度 before ``year``."""
    from ..errors import HistoryError

    if history is None:
        raise HistoryError(
            "baseline-history",
            "baseline: history には評価履歴が必要です（--db）",
            "baseline: history needs the assessment history (--db)",
        )
    before = [y for y in history.years if y < year]
    if not before:
        raise HistoryError(
            "baseline-history",
            f"{year}年度より前の記録がありません（baseline: history）",
            f"nothing recorded before FY{year} (baseline: history)",
        )
    return _value_in(t, history, before[-1], pid)


def _value_in(t: Target, history: Any, y: int, pid: str) -> float:
    """The value of a ``count`` / ``step_rate`` target recorded for 年度 ``y``."""
    from ..staff.values import match_key

    step = t.step or 0
    dept = match_key(t.department) if t.department is not None else None
    rows = [c for c in history.counts if c.year == y and c.persona == pid]
    if dept is not None:
        rows = [c for c in rows if c.department is not None and match_key(c.department) == dept]
    n = sum(c.n for c in rows if c.rank >= step)
    if t.kind == "step_rate":
        total = sum(c.n for c in rows)
        return n / total if total else 0.0
    return float(n)


def _points(
    t: Target,
    history: Any,
    pid: str,
    span: tuple[float, float, float, float],
    now: float,
    *,
    milestone: tuple[int, float] | None,
) -> tuple[RecordedPoint, ...]:
    """The recorded 年度 of a ``baseline: history`` target, baseline 年度 first, each with its reference."""
    t0, t1, base, value = span
    fy = int(now // 1)
    years = [y for y in history.years if y < t0]
    out = [RecordedPoint(year=years[-1], value=_value_in(t, history, years[-1], pid), reference=base, basis="recorded")]
    for y in history.years:
        if not t0 <= y <= fy:
            continue
        ended = y + 1.0 <= now
        basis: Basis
        if milestone is not None and milestone[0] == y and ended:
            ref, basis = milestone[1], "milestone"
        else:
            ref, basis = expected(base, value, t0, t1, min(y + 1.0, now)), "recorded"
        out.append(RecordedPoint(year=y, value=_value_in(t, history, y, pid), reference=ref, basis=basis))
    return tuple(out)


def _milestones(targets: Targets, catalog: Catalog) -> dict[tuple[str, str | None, int, str | None], tuple[int, float]]:
    """The 年度計画's targets as yearly milestones of the 基本方針's, by kind, persona id, step and 課."""
    from ..staff.values import match_key

    out: dict[tuple[str, str | None, int, str | None], tuple[int, float]] = {}
    if targets.year is None:
        return out
    for t in targets.year.targets:
        if t.kind in ("count", "step_rate") and t.persona is not None:
            out[_milestone_key(t, catalog, targets.framework, match_key)] = (targets.year.year, t.value)
    return out


def _milestone_key(t: Target, catalog: Catalog, fw: str | None, norm: Any) -> tuple[str, str | None, int, str | None]:
    assert t.persona is not None
    pid = (catalog.persona(t.persona, fw) if fw else catalog.persona(t.persona)).id
    return (t.kind, pid, t.step or 0, None if t.department is None else norm(t.department))


#: The kinds whose current value counts the staff of the target's persona.
_PERSONA_KINDS = ("count", "per_department", "step_rate", "training_rate")


def _shadow_note(t: Target, pid: str, r: Rollup, *, history: Any, shadows: ShadowIndex) -> tuple[str, str, bool] | None:
    """What says that the staff data (``r.shadowed``) or, for a ``baseline: history`` target, the
    history name a base persona that ``pid`` (an overlay's copy) shadows: those are not counted
    as ``pid``, so the target cannot be judged (``persona-of-base-framework``). The flag: the
    history's records are among them (its baseline and recorded values are not counted either)."""
    ja: list[str] = []
    en: list[str] = []
    for sp in r.shadowed:
        if pid in sp.copies:
            n, base = sp.count, sp.persona
            ja.append(f"職員データの {n} 名は基底フレームワークの人材像 {base} を指し、{pid} に数えていません")
            en.append(f"{n} staff record(s) name the base framework's persona {base}: not counted as {pid}")
    in_history = False
    if history is not None and t.baseline_from == "history":
        for p in sorted({c.persona for c in history.counts}):
            if pid in shadows.copies(p):
                years = "・".join(str(y) for y in sorted({c.year for c in history.counts if c.persona == p}))
                ja.append(f"評価履歴（{years}年度）は基底フレームワークの人材像 {p} の記録で、{pid} に数えていません")
                en.append(f"the history (FY{years}) records the base framework's persona {p}: not counted as {pid}")
                in_history = True
    if not ja:
        return None
    own = r.count(persona=pid)
    if own:
        ja.insert(0, f"{pid} の職員は {own} 名")
        en.insert(0, f"{own} staff of {pid}")
    return "; ".join(ja) + "（判定できません）", "; ".join(en) + " (cannot judge)", in_history


def _status(current: float | None, value: float, exp: float | None, unit: str) -> Status:
    """The verdict, judged on the values as the report shows them (:func:`as_shown`): a
    shortfall too small to show (見込み値 1.0022 shown as 1.0 beside 現状 1) is not 遅れ."""
    if current is None or exp is None:
        return "unknown"
    now = as_shown(current, unit)
    if now >= as_shown(value, unit):
        return "achieved"
    if now >= as_shown(exp, unit):
        return "on_track"
    return "off_track"


def progress(
    targets: Targets,
    rollup: Rollup,
    catalog: Catalog,
    *,
    as_of: dt.date | None = None,
    history: Any = None,
) -> Progress:
    """Progress against every target: current value, target, gap, expected value and status.

    ``as_of`` (default: the file's ``as_of``, else today) places the trajectory. Persona
    and skill keys resolve in the file's ``framework`` first (ids, labels, aliases).
    ``history`` (a :class:`skillframe.History`) gives the baseline of ``baseline: history``
    targets: the value recorded for the last 年度 before the trajectory starts. When a 年度
    from the start of the trajectory to ``as_of`` is recorded, such a target is judged on
    the recorded trajectory (see the module docstring; ``basis``, ``recorded``).
    Raises :class:`~skillframe.UnknownKeyError` for a key the catalog does not know
    (:func:`~skillframe.read_targets` with a catalog reports those first), and
    :class:`~skillframe.HistoryError` (``baseline-history``) when such a baseline cannot be read.

    A target whose persona is an overlay's copy (the town's ``DX推進員``) while the staff data
    (``rollup.shadowed``) or, for ``baseline: history``, the history name the base persona it
    copies (``tokyo-wg-2025:dx-promoter``) is ``unknown`` with ``current`` None, and its
    ``detail`` says how many records name which persona: those are not the copy's staff, and
    a 0 would be wrong (``persona-of-base-framework``; docs/targets.md). When the history's
    records are among them, the baseline read from it counts nobody either: ``expected`` is
    None and ``recorded`` empty (no 基準値 0, no 見込み値 on a line from it).
    """
    day = as_of or targets.as_of or dt.date.today()
    now = fiscal_time(day)
    fw = targets.framework
    items: list[TargetProgress] = []
    milestones = _milestones(targets, catalog) if history is not None else {}
    shadows = ShadowIndex(catalog)
    parts: list[tuple[Literal["plan", "year"], float, float, tuple[Target, ...]]] = []
    if targets.plan is not None:
        parts.append(("plan", float(targets.plan.baseline_year), targets.plan.target_year + 1.0, targets.plan.targets))
    if targets.year is not None:
        parts.append(("year", float(targets.year.year), targets.year.year + 1.0, targets.year.targets))
    for horizon, t0, t1, ts in parts:
        for t in ts:
            current, detail, detail_en = _current(t, rollup, catalog, fw)
            value = t.value
            if t.kind == "per_department":
                value = float(sum(1 for d in rollup.departments if d is not None))
            base = t.baseline if t.baseline is not None else (1.0 if t.kind == "mic_level" else 0.0)
            points: tuple[RecordedPoint, ...] = ()
            if t.baseline_from == "history" and t.persona is not None:
                key = t.persona
                pid = (catalog.persona(key, fw) if fw else catalog.persona(key)).id
                base = _recorded(t, history, int(t0), pid)
                from ..staff.values import match_key

                ms = milestones.get(_milestone_key(t, catalog, fw, match_key)) if horizon == "plan" else None
                points = _points(t, history, pid, (t0, t1, base, value), now, milestone=ms)
            if t.kind == "per_department":
                base = 0.0
            exp: float | None = expected(base, value, t0, t1, now)
            basis: Basis = "line"
            if len(points) > 1:
                last = points[-1]
                current, exp, basis = last.value, last.reference, last.basis
                detail, detail_en = f"{last.year}年度の記録", f"recorded for FY{last.year}"
            if t.persona is not None and t.kind in _PERSONA_KINDS:
                pid = (catalog.persona(t.persona, fw) if fw else catalog.persona(t.persona)).id
                note = _shadow_note(t, pid, rollup, history=history, shadows=shadows)
                if note is not None:  # staff of the base persona are not the copy's: never a silent 0
                    current, detail, detail_en = None, note[0], note[1]
                    if note[2]:  # nor a baseline, recorded values or a line from them, which count nobody
                        exp, points, basis = None, (), "line"
            status = _status(current, value, exp, KINDS[t.kind])
            items.append(
                TargetProgress(
                    target=t,
                    horizon=horizon,
                    label=t.label or _default_label(t, catalog, fw, "ja"),
                    label_en=t.label_en or t.label or _default_label(t, catalog, fw, "en"),
                    unit=KINDS[t.kind],
                    current=current,
                    value=value,
                    expected=exp,
                    status=status,
                    detail=detail,
                    detail_en=detail_en,
                    basis=basis,
                    recorded=points,
                )
            )
    return Progress(as_of=day, items=tuple(items), plan=targets.plan, year=targets.year)
