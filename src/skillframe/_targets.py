"""Numeric targets (数値目標) and progress against them.

A targets file holds the two forms the WG report gives (§2 確保・育成の方針および年度計画の
策定方法): the 基本方針 (``plan``: about five years; 人材像 and スキル基準 targets such as
「○○年までにDX推進員○名/各課に○名」 and 「Step○到達率○%」) and the 年度計画 (``year``:
this fiscal year; 確保施策 and 育成施策 targets such as new hires, 研修受講率 and
「DX推進員のStep○到達率○%」). ``docs/targets.md`` documents the format.

Progress is judged against a *linear trajectory*: from the ``baseline`` value at the
start of the baseline fiscal year to the target value at the end of the target fiscal
year (a 年度 runs from 1 April to 31 March), read at ``as_of``. A target is
``achieved`` when the current value reaches it, ``on_track`` when it reaches the
trajectory, else ``off_track``; ``unknown`` when the data cannot say.

>>> from datetime import date
>>> fiscal_time(date(2026, 4, 1)), round(fiscal_time(date(2026, 10, 1)), 3)
(2026.0, 2026.501)
>>> expected(0, 100, 2025.0, 2030.0, 2027.0)
40.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import attrs

from ._rollup import Rollup
from ._structure import CONVERTER, problems_of
from ._table import Table
from ._yaml import Path as YPath
from ._yaml import parse
from .errors import LookupFailed, Problem, TargetsError, bilingual

if TYPE_CHECKING:
    from ._catalog import Catalog

__all__ = [
    "FORMAT",
    "KINDS",
    "Plan",
    "Progress",
    "Target",
    "TargetProgress",
    "Targets",
    "YearPlan",
    "expected",
    "fiscal_time",
    "progress",
    "read_targets",
]

#: The value of ``format:`` a targets file starts with.
FORMAT = "skillframe-targets/1"

Kind = Literal["count", "per_department", "step_rate", "training_rate", "new_hires", "mic_level"]
#: The target kinds, and the unit of each.
KINDS: dict[str, str] = {
    "count": "people",
    "per_department": "departments",
    "step_rate": "rate",
    "training_rate": "rate",
    "new_hires": "people",
    "mic_level": "level",
}


@attrs.frozen(kw_only=True)
class Target:
    """One numeric target.

    ``kind``: ``count`` (staff of ``persona`` at step ≥ ``step``, optionally in one
    ``department``), ``per_department`` (every 課 has at least ``value`` of them),
    ``step_rate`` (share of ``persona`` at step ≥ ``step``), ``training_rate`` (share of
    required recommended trainings completed, optionally of one ``persona`` / ``skill``),
    ``new_hires`` (not in the staff data: give ``actual``), ``mic_level`` (the 総務省
    level of ``type``). Rates are fractions (0.5 = 50%). ``baseline`` is the value at
    the start of the trajectory (default 0).
    """

    kind: Kind
    value: float
    id: str | None = None
    label: str | None = None
    label_en: str | None = None
    persona: str | None = None
    step: int | None = None
    department: str | None = None
    skill: str | None = None
    type: str | None = None
    baseline: float | None = None
    actual: float | None = None
    note: str | None = None


@attrs.frozen(kw_only=True)
class Plan:
    """The 基本方針: targets for ``target_year`` (end of that 年度) from ``baseline_year`` (its start)."""

    baseline_year: int
    target_year: int
    label: str | None = None
    label_en: str | None = None
    targets: tuple[Target, ...] = ()


@attrs.frozen(kw_only=True)
class YearPlan:
    """The 年度計画: targets for the end of fiscal ``year``, from its start."""

    year: int
    label: str | None = None
    label_en: str | None = None
    targets: tuple[Target, ...] = ()


@attrs.frozen(kw_only=True)
class Targets:
    """A targets file: the 基本方針 (``plan``), the 年度計画 (``year``), the date read at."""

    format: Literal["skillframe-targets/1"]
    framework: str | None = None
    as_of: dt.date | None = None
    plan: Plan | None = None
    year: YearPlan | None = None
    file: str | None = None


# ---------------------------------------------------------------------------
# Reading


def _check(t: Target, path: YPath, doc_problem: list[tuple[YPath, str]]) -> None:
    def bad(field: str, ja: str, en: str) -> None:
        doc_problem.append(((*path, field), bilingual(ja, en)))

    if t.kind in ("count", "per_department", "step_rate") and t.persona is None:
        bad("persona", f"{t.kind} には persona が必要です", f"{t.kind} needs a persona")
    if t.kind == "step_rate" and t.step is None:
        bad("step", "step_rate には step が必要です", "step_rate needs a step")
    if t.kind == "mic_level" and t.type is None:
        bad("type", "mic_level には type が必要です", "mic_level needs a type")
    if KINDS[t.kind] == "rate":
        for field, v in (("value", t.value), ("baseline", t.baseline), ("actual", t.actual)):
            if v is not None and not 0 <= v <= 1:
                bad(field, f"割合は 0〜1 です: {v}", f"a rate is between 0 and 1 (0.5 = 50%): {v}")
    elif t.value < 0:
        bad("value", f"負の値です: {t.value}", f"negative value: {t.value}")
    if t.step is not None and t.step < 0:
        bad("step", f"負の値です: {t.step}", f"negative step: {t.step}")


def _check_keys(t: Target, path: YPath, catalog: Catalog, framework: str | None, out: list[tuple[YPath, str]]) -> None:
    for field, find in (("persona", catalog.persona), ("skill", catalog.skill)):
        key = getattr(t, field)
        if key is None:
            continue
        try:
            d = find(key, framework) if framework else find(key)
        except LookupFailed as exc:
            out.append(((*path, field), str(exc)))
            continue
        if field == "persona" and t.step is not None:
            top = len(catalog.steps(d.id))
            if t.step > top:
                out.append(
                    (
                        (*path, "step"),
                        bilingual(f"{d.label} の段階は {top} までです", f"{d.label} has steps up to {top}")
                        + f": {t.step}",
                    )
                )
    if t.type is not None:
        try:
            catalog.persona(t.type, "mic-guidebook-2024")
        except LookupFailed as exc:
            out.append(((*path, "type"), str(exc)))


def read_targets(path: str | Path, *, catalog: Catalog | None = None) -> Targets:
    """Read a targets file (YAML, safe-loaded); every problem is reported with file:line.

    With ``catalog``, persona, skill and 総務省 type keys are checked too. Raises
    :class:`~skillframe.TargetsError` listing every problem.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.yaml"
    >>> _ = p.write_text("format: skillframe-targets/1\\nyear:\\n  year: 2026\\n  targets:\\n"
    ...                  "    - {kind: step_rate, persona: DX推進員, step: 1, value: 1.5}\\n", encoding="utf-8")
    >>> try:
    ...     read_targets(p)
    ... except Exception as exc:
    ...     print(str(exc).splitlines()[1])  # doctest: +ELLIPSIS
    /.../t.yaml:5:50: 割合は 0〜1 です: 1.5 / a rate is between 0 and 1 (0.5 = 50%): 1.5 (at $.year.targets[0].value)
    """
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise TargetsError(
            [Problem(str(p), bilingual("ファイルを読めません", "cannot read the file") + f": {exc}")]
        ) from None
    doc = parse(raw, str(p))
    if doc.problems:
        raise TargetsError(doc.problems)
    data = doc.data
    if not isinstance(data, dict):
        raise TargetsError([doc.problem((), bilingual("マッピングではありません", "the file must be a mapping"))])
    if data.get("format") != FORMAT:
        raise TargetsError(
            [doc.problem(("format",), bilingual(f"format は {FORMAT} です", f"format must be {FORMAT}"))]
        )
    data = dict(data)
    as_of = data.pop("as_of", None)
    problems: list[tuple[YPath, str]] = []
    if as_of is not None and not isinstance(as_of, dt.date):
        try:
            as_of = dt.date.fromisoformat(str(as_of))
        except ValueError:
            problems.append((("as_of",), bilingual("日付ではありません（YYYY-MM-DD）", "not a date (YYYY-MM-DD)")))
            as_of = None
    if "file" in data:
        problems.append((("file",), bilingual("未知のキー 'file'", "unknown key 'file'")))
        data.pop("file")
    targets: Targets | None = None
    try:
        targets = CONVERTER.structure(data, Targets)
    except Exception as exc:  # noqa: BLE001 - cattrs errors become located problems
        problems.extend(problems_of(exc))
    framework = data.get("framework") if isinstance(data.get("framework"), str) else None
    for section in ("plan", "year"):
        part = data.get(section)
        items = part.get("targets") if isinstance(part, dict) else None
        for i, item in enumerate(items if isinstance(items, list) else []):
            try:
                t = CONVERTER.structure(item, Target)
            except Exception:  # noqa: BLE001 - already reported by the whole-file structuring
                continue
            _check(t, (section, "targets", i), problems)
            if catalog is not None:
                _check_keys(t, (section, "targets", i), catalog, framework, problems)
    if targets is not None:
        if targets.plan is not None and targets.plan.target_year < targets.plan.baseline_year:
            problems.append(
                (
                    ("plan", "target_year"),
                    bilingual("target_year が baseline_year より前です", "target_year is before baseline_year"),
                )
            )
        if catalog is not None and targets.framework is not None:
            try:
                catalog.framework(targets.framework)
            except LookupFailed as exc:
                problems.append((("framework",), str(exc)))
    if problems:
        raise TargetsError([doc.problem(path_, msg) for path_, msg in problems])
    assert targets is not None
    return attrs.evolve(targets, as_of=as_of, file=str(p))


# ---------------------------------------------------------------------------
# Progress


def fiscal_time(day: dt.date) -> float:
    """A date as fiscal years: 年度 Y starts at Y.0 (1 April) and ends at Y+1.0 (31 March → 1 April)."""
    fy = day.year if day.month >= 4 else day.year - 1
    start = dt.date(fy, 4, 1)
    length = (dt.date(fy + 1, 4, 1) - start).days
    return fy + (day - start).days / length


def expected(baseline: float, target: float, t0: float, t1: float, t: float) -> float:
    """The value on the straight line from ``(t0, baseline)`` to ``(t1, target)`` at ``t`` (clamped)."""
    if t1 <= t0:
        return target
    frac = min(1.0, max(0.0, (t - t0) / (t1 - t0)))
    return baseline + (target - baseline) * frac


@attrs.frozen(kw_only=True)
class TargetProgress:
    """Progress against one target: current value, target, gap, trajectory and status."""

    target: Target
    horizon: Literal["plan", "year"]
    label: str
    label_en: str
    unit: str
    current: float | None
    value: float
    expected: float | None
    status: Literal["achieved", "on_track", "off_track", "unknown"]
    detail: str | None = None
    detail_en: str | None = None

    @property
    def gap(self) -> float | None:
        """How far the current value is below the target (0 when reached)."""
        return None if self.current is None else max(0.0, self.value - self.current)


_STATUS = {
    "achieved": ("達成", "achieved"),
    "on_track": ("順調", "on track"),
    "off_track": ("遅れ", "off track"),
    "unknown": ("不明", "unknown"),
}


def fmt_value(value: float | None, unit: str) -> str:
    """A value for display: rates as percentages, counts as integers where whole."""
    if value is None:
        return "—"
    if unit == "rate":
        return f"{100 * value:.1f}%"
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


@attrs.frozen(kw_only=True)
class Progress:
    """Progress against every target of a file, at ``as_of``."""

    as_of: dt.date
    items: tuple[TargetProgress, ...]
    plan: Plan | None = None
    year: YearPlan | None = None

    def __iter__(self) -> Iterator[TargetProgress]:
        return iter(self.items)

    def to_table(self, lang: str = "ja") -> Table:
        """One row per target."""
        en = lang == "en"
        horizon = {"plan": ("基本方針", "basic policy"), "year": ("年度計画", "year plan")}
        rows = []
        for it in self.items:
            rows.append(
                (
                    horizon[it.horizon][1 if en else 0],
                    it.label_en if en else it.label,
                    fmt_value(it.current, it.unit),
                    fmt_value(it.value, it.unit),
                    fmt_value(it.gap, it.unit),
                    fmt_value(it.expected, it.unit),
                    _STATUS[it.status][1 if en else 0],
                    (it.detail_en if en else it.detail) or "",
                )
            )
        notes = [
            f"as of {self.as_of.isoformat()}. expected: a straight line from the baseline (start of the baseline "
            "fiscal year) to the target (end of the target fiscal year)"
            if en
            else f"基準日 {self.as_of.isoformat()}。見込み値: 基準値（基準年度の期首）から目標値（目標年度の期末）まで"
            "直線で推移すると仮定"
        ]
        if self.plan is not None:
            notes.append(
                f"基本方針: {self.plan.baseline_year}〜{self.plan.target_year}年度"
                if not en
                else f"basic policy: FY{self.plan.baseline_year}–FY{self.plan.target_year}"
            )
        if self.year is not None:
            notes.append(f"年度計画: {self.year.year}年度" if not en else f"year plan: FY{self.year.year}")
        return Table(
            title="数値目標の進捗" if not en else "Progress against targets",
            headers=(
                ("区分", "目標", "現状", "目標値", "差", "見込み値", "判定", "補足")
                if not en
                else ("horizon", "target", "current", "target value", "gap", "expected", "status", "detail")
            ),
            rows=rows,
            notes=notes,
        )


def _default_label(t: Target, catalog: Catalog, framework: str | None, lang: str) -> str:
    def name(key: str | None, find: str) -> str:
        if key is None:
            return ""
        try:
            d = getattr(catalog, find)(key, framework) if framework and find != "type" else None
            if find == "type":
                d = catalog.persona(key, "mic-guidebook-2024")
            elif d is None:
                d = getattr(catalog, find)(key)
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
        v = fmt_value(t.value, "people")
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
        dept: str | Literal["*"] | None = t.department if t.department is not None else "*"
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
    lv = r.level(catalog.persona(t.type, "mic-guidebook-2024").id)
    if lv is None or lv.level is None:
        return None, "該当者なし", "no staff"
    return (
        float(lv.level),
        f"閾値 {100 * lv.threshold:.0f}%",
        f"threshold {100 * lv.threshold:.0f}%",
    )


def progress(targets: Targets, rollup: Rollup, catalog: Catalog, *, as_of: dt.date | None = None) -> Progress:
    """Progress against every target: current value, target, gap, expected value and status.

    ``as_of`` (default: the file's ``as_of``, else today) places the trajectory.
    """
    day = as_of or targets.as_of or dt.date.today()
    now = fiscal_time(day)
    fw = targets.framework
    items: list[TargetProgress] = []
    parts: list[tuple[Literal["plan", "year"], float, float, tuple[Target, ...]]] = []
    if targets.plan is not None:
        parts.append(("plan", float(targets.plan.baseline_year), targets.plan.target_year + 1.0, targets.plan.targets))
    if targets.year is not None:
        parts.append(("year", float(targets.year.year), targets.year.year + 1.0, targets.year.targets))
    for horizon, t0, t1, ts in parts:
        for t in ts:
            unit = KINDS[t.kind]
            current, detail, detail_en = _current(t, rollup, catalog, fw)
            value = t.value
            if t.kind == "per_department":
                value = float(sum(1 for d in rollup.departments if d is not None))
            base = t.baseline if t.baseline is not None else (1.0 if t.kind == "mic_level" else 0.0)
            if t.kind == "per_department":
                base = 0.0
            exp = expected(base, value, t0, t1, now)
            if current is None:
                status: Literal["achieved", "on_track", "off_track", "unknown"] = "unknown"
            elif current >= value - 1e-9:
                status = "achieved"
            elif current >= exp - 1e-9:
                status = "on_track"
            else:
                status = "off_track"
            items.append(
                TargetProgress(
                    target=t,
                    horizon=horizon,
                    label=t.label or _default_label(t, catalog, fw, "ja"),
                    label_en=t.label_en or t.label or _default_label(t, catalog, fw, "en"),
                    unit=unit,
                    current=current,
                    value=value,
                    expected=exp,
                    status=status,
                    detail=detail,
                    detail_en=detail_en,
                )
            )
    return Progress(as_of=day, items=tuple(items), plan=targets.plan, year=targets.year)
