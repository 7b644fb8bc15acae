"""Tables of results: the organisation view and target progress as :class:`~skillframe.Table`.

Results are data (:mod:`skillframe.organisation`); the words, the language and the
layout of their tables live here. Every function takes a result and ``lang`` (``"ja"``,
the default, or ``"en"``) and returns a :class:`~skillframe.Table` whose cells are text:
rates are shown as percentages with one decimal (``50.0%``), ``—`` where there is
nothing to divide by; counts are people.

>>> import skillframe
>>> from skillframe.render.tables import attainment_table, rollup_tables
>>> cat = skillframe.load()
>>> r = skillframe.rollup(cat, [{"id": "1", "persona": "DX推進員", "department": "総務課", "trainings": []}])
>>> t = attainment_table(r, "en")
>>> t.headers[:3], t.rows[0][:3]
(('persona', 'staff', 'below Step 1'), ('DX promoter', '1', '1'))
>>> [t.title for t in rollup_tables(r, "en")][:2]
['Step attainment by persona', 'Staff and steps by department']
>>> fmt_value(0.5, "rate"), fmt_value(3.0, "people"), fmt_value(None, "level")
('50.0%', '3', '—')
"""

from __future__ import annotations

from .._table import Table
from .._text import by_lang as _t
from ..engine.result import BELOW_STEP1
from ..organisation import (
    Concentration,
    Coverage,
    Progress,
    Rollup,
    TargetProgress,
    TrainingDemand,
)
from ..organisation.mic_levels import LevelEvidence
from ..organisation.targets import DECIMALS

__all__ = [
    "CountRate",
    "Shown",
    "attainment_table",
    "bodies_text",
    "concentration_table",
    "coverage_table",
    "demand_table",
    "department_table",
    "evidence_note",
    "fmt_value",
    "levels_table",
    "progress_table",
    "rollup_tables",
    "status_text",
    "threshold_note",
    "training_table",
]

#: How a missing persona or department is shown.
UNSET = ("未設定", "not set")


class Shown(str):
    """A cell's text as shown (``80.0%``) that keeps the number it shows: ``value`` (a rate
    0–1) and ``number_format``, the Excel format that shows it the same way (``0.0%``).

    It is text everywhere a table is text (Markdown, HTML, CSV); the report's workbook
    writes it as a number (:mod:`skillframe.render.report_xlsx`).

    >>> s = Shown.rate(0.8)
    >>> s, s.value, s.number_format
    ('80.0%', 0.8, '0.0%')
    """

    value: float
    number_format: str

    @classmethod
    def number(cls, text: str, value: float, number_format: str) -> Shown:
        """``text`` showing ``value`` as the Excel format ``number_format`` shows it."""
        out = cls(text)
        out.value = value
        out.number_format = number_format
        return out

    @classmethod
    def rate(cls, value: float) -> Shown:
        """A rate (0–1) as a percentage with one decimal."""
        return cls.number(f"{100 * value:.{DECIMALS}f}%", value, "0.0%")


class CountRate(str):
    """A count of people with its rate in one cell, as shown (``7 (46.7%)``), keeping both:
    ``people`` (the count) and ``rate`` (0–1; ``None``: nothing to divide by, ``—``).

    Text wherever a table is text; the report's workbook writes it as two cells, the count
    and the rate in ``0.0%`` (:mod:`skillframe.render.report_xlsx`), so both can be summed
    and charted.

    >>> c = CountRate.of(7, 7 / 15)
    >>> c, c.people, round(c.rate, 3)
    ('7 (46.7%)', 7, 0.467)
    """

    people: int
    rate: float | None

    @classmethod
    def of(cls, people: int, rate: float | None) -> CountRate:
        out = cls(f"{people} ({_pct(rate)})")
        out.people, out.rate = people, rate
        return out


def _pct(x: float | None) -> str:
    return "—" if x is None else Shown.rate(x)


def _dept(name: str | None, lang: str) -> str:
    return name if name is not None else _t(lang, *UNSET)


def fmt_value(value: float | None, unit: str) -> str:
    """A value for display: rates (0–1) as percentages, other units as integers where whole; ``—`` for None.

    One decimal (:data:`~skillframe.organisation.targets.DECIMALS`): the precision
    :func:`~skillframe.progress` judges a target at, so the 判定 follows from what is shown.
    """
    if value is None:
        return "—"
    if unit == "rate":
        return Shown.rate(value)
    return str(int(value)) if float(value).is_integer() else f"{value:.{DECIMALS}f}"


def bodies_text(d: TrainingDemand) -> str:
    """The implementing bodies of a training in one cell: ``区市町村○ 研修所△(note) …``."""
    return " ".join(f"{b}{mk}" + (f"({n})" if n else "") for b, mk, n in d.bodies)


# ---------------------------------------------------------------------------
# The rollup


def attainment_table(r: Rollup, lang: str = "ja") -> Table:
    """Step attainment per persona: staff, each step's count and rate, unknown data.

    Nobody evaluated against no ladder is below Step 1: the staff of a persona without a
    ladder (段階なし) and those without a persona (未設定) show ``—`` there, and a note says why.

    >>> import skillframe
    >>> r = skillframe.rollup(skillframe.load(), [{"id": "1", "department": "総務課"}])
    >>> t = attainment_table(r)
    >>> t.rows[-1][:3]
    ('未設定', '1', '—')
    >>> print(t.notes[-1])
    人材像 未設定 の職員 1 名は評価対象外です（人材像がなく段階で評価していません。「Step未満」欄は —）
    """
    top = max((len(p.steps) for p in r.personas), default=0)
    headers = [_t(lang, "人材像", "persona"), _t(lang, "人数", "staff"), _t(lang, *BELOW_STEP1)]
    for k in range(1, top + 1):
        headers.append(_t(lang, f"Step{k}以上", f"Step {k}+"))
    headers.append(_t(lang, "データ不足", "unknown data"))
    rows = []
    for p in r.personas:
        # a persona without a ladder (管理監督職) has no step to reach, and people without a persona
        # (未設定) were evaluated against none: neither is below Step 1
        apart = not p.steps
        row: list[object] = [p.name(lang), p.total, "—" if apart else p.at_rank[0]]
        for k in range(1, top + 1):
            row.append(CountRate.of(p.reached(k), p.rate(k)) if k <= len(p.steps) else "—")
        row.append(p.unknown)
        rows.append(row)
    notes = [
        _t(
            lang,
            f"対象 {r.total} 名（人材像 未設定 {r.no_persona} 名、データ不足 {r.unknown} 名を含む）",
            f"{r.total} staff (incl. {r.no_persona} without a persona and {r.unknown} with unknown data)",
        )
    ]
    if r.no_ladder:
        notes.append(
            _t(
                lang,
                f"段階のない人材像（段階分け無し: 研修受講のみ管理）の職員 {r.no_ladder} 名は段階で評価しません"
                f"（「{BELOW_STEP1[0]}」欄は —、研修受講率には数えます）",
                f"{r.no_ladder} staff of personas without a ladder (training attendance only) are not evaluated "
                f"against steps ('{BELOW_STEP1[1]}' shows —; counted in training completion)",
            )
        )
    if r.no_persona:
        notes.append(
            _t(
                lang,
                f"人材像 未設定 の職員 {r.no_persona} 名は評価対象外です"
                f"（人材像がなく段階で評価していません。「{BELOW_STEP1[0]}」欄は —）",
                f"{r.no_persona} staff without a persona are not evaluated (no persona, so no steps to "
                f"evaluate against; '{BELOW_STEP1[1]}' shows —)",
            )
        )
    return Table(
        title=_t(lang, "人材像別の育成段階の到達状況", "Step attainment by persona"),
        headers=headers,
        rows=rows,
        notes=tuple(notes),
    )


def department_table(r: Rollup, lang: str = "ja") -> Table:
    """Staff per department and persona, with how many reached step 1, 2, 3 or above."""
    personas = list(r.personas)
    headers = [_t(lang, "課", "department"), _t(lang, "人数", "staff")]
    headers += [p.name(lang) for p in personas]
    headers += [_t(lang, f"Step{k}以上", f"Step {k}+") for k in (1, 2, 3)]
    rows = []
    for d in r.departments:
        row: list[object] = [_dept(d, lang), r.count(department=d)]
        row += [r.count(persona=p, department=d) for p in personas]
        row += [r.count(department=d, min_rank=k) for k in (1, 2, 3)]
        rows.append(row)
    return Table(title=_t(lang, "課別の人数と育成段階", "Staff and steps by department"), headers=headers, rows=rows)


def coverage_table(c: Coverage, lang: str = "ja") -> Table:
    """One row per department: the coverage persona's staff, and those at step 1 or above."""
    name = c.label_en if lang == "en" else c.label
    rows = [(_dept(d.department, lang), d.count, d.stepped) for d in c.departments]
    return Table(
        title=_t(lang, f"{name} の配置（課別）", f"{name} per department"),
        headers=(_t(lang, "課", "department"), _t(lang, "人数", "staff"), _t(lang, "Step1以上", "Step 1+")),
        rows=rows,
        notes=(
            _t(
                lang,
                f"配置のある課: {c.covered}/{len(c.known)} ({_pct(c.rate)}); "
                f"いない課: {'、'.join(c.without) or 'なし'}",
                f"departments with one: {c.covered}/{len(c.known)} ({_pct(c.rate)}); "
                f"without: {', '.join(c.without) or 'none'}",
            ),
        ),
    )


def concentration_table(c: Concentration, lang: str = "ja") -> Table:
    """One row per department with staff at the step, largest first; the HHI and the largest share below."""
    step = c.step_en if lang == "en" else c.step
    shares = dict(c.shares())
    rows = [(d, n, _pct(shares.get(d))) for d, n in sorted(c.counts, key=lambda p: -p[1]) if n]
    if c.unassigned:
        rows.append((_t(lang, *UNSET), c.unassigned, "—"))
    top = c.max_share
    hhi = "—" if c.hhi is None else f"{c.hhi:.3f}"
    even = "—" if c.even is None else f"{c.even:.3f}"
    name = c.label_en if lang == "en" else c.label
    largest = top[0] + " " + _pct(top[1]) if top else "—"
    return Table(
        title=_t(lang, f"{name} {step} 以上の課別の偏り", f"{name} at {step} or above by department"),
        headers=(_t(lang, "課", "department"), _t(lang, "人数", "staff"), _t(lang, "割合", "share")),
        rows=rows,
        notes=(
            _t(
                lang,
                f"HHI {hhi}（均等なら {even}）; 最大 {largest}",
                f"HHI {hhi} (even spread: {even}); largest {largest}",
            ),
        ),
    )


def training_table(r: Rollup, lang: str = "ja") -> Table:
    """Completion of the recommended training per skill."""
    rows = [
        (t.label_en if lang == "en" else t.label, t.required, t.completed, t.unknown, _pct(t.rate)) for t in r.trainings
    ]
    return Table(
        title=_t(lang, "スキル別の研修受講率", "Training completion by skill"),
        headers=(
            _t(lang, "スキル", "skill"),
            _t(lang, "対象", "required"),
            _t(lang, "受講済", "completed"),
            _t(lang, "不明", "unknown"),
            _t(lang, "受講率", "rate"),
        ),
        rows=rows,
        notes=(
            _t(
                lang,
                "対象: その人材像に求められるスキル（継承を含む）のうち、いずれかの段階が研修受講で測るもの"
                "、段階のない人材像（管理監督職: 研修受講のみ管理）では自身のスキルのうち推奨研修のあるものも"
                "（ツール活用など研修以外で測るスキルは含まない）",
                "required: by the persona (incl. inherited), of the skills some step measures by training, "
                "and for a persona without a ladder (managers: training attendance only) its own skills with a "
                "recommended training (not tool use or other skills measured otherwise)",
            ),
        ),
    )


def demand_table(r: Rollup, lang: str = "ja") -> Table:
    """People per training to reach their next step, with the implementing bodies."""
    rows = [(t.label_en if lang == "en" else t.label, t.needed, t.unknown, bodies_text(t) or "—") for t in r.demand]
    return Table(
        title=_t(lang, "次の段階に向けた研修需要", "Training demand for the next step"),
        headers=(
            _t(lang, "研修", "training"),
            _t(lang, "必要", "needed"),
            _t(lang, "不明", "unknown"),
            _t(lang, "実施主体", "implementing bodies"),
        ),
        rows=rows,
        notes=(
            _t(
                lang,
                "○ 主な実施主体 △ 学習機会の補完（報告書 §6 Off-JT 表）。不明: 受講記録がない職員",
                "○ main body, △ complement (report §6 Off-JT table). unknown: no training record",
            ),
        ),
    )


def threshold_note(r: Rollup, lang: str = "ja") -> str:
    """Which 「ほぼ全ての者」 threshold was used, and where it comes from."""
    src = {
        "setting": _t(lang, f"{r.framework} の設定", f"setting of {r.framework}"),
        "argument": _t(lang, "指定値", "given"),
        "default": _t(lang, "既定値（判断）", "default, a judgement"),
    }[r.nearly_all_source]
    text = _t(
        lang,
        f"「ほぼ全ての者」= {_pct(r.nearly_all)} 以上（{src}）",
        f'"nearly all" = at least {_pct(r.nearly_all)} ({src})',
    )
    return text + (f": {r.nearly_all_note}" if r.nearly_all_note else "")


def levels_table(r: Rollup, lang: str = "ja") -> Table:
    """The 総務省 level per type, the share at each level and the threshold used."""
    rows = []
    for lv in r.levels:
        shares = " / ".join(f"L{k} {_pct(lv.share(k))}" for k in range(1, len(lv.at_level)))
        rows.append(
            (
                lv.label_en if lang == "en" else lv.label,
                lv.staff,
                "—" if lv.level is None else lv.level,
                shares,
                lv.unknown,
            )
        )
    return Table(
        title=_t(lang, "総務省 育成目標レベル（組織）", "MIC development target level (organisation)"),
        headers=(
            _t(lang, "類型", "type"),
            _t(lang, "人数", "staff"),
            _t(lang, "レベル", "level"),
            _t(lang, "各レベル以上の割合", "share at each level or above"),
            _t(lang, "データ不足", "unknown data"),
        ),
        rows=rows,
        notes=(threshold_note(r, lang), *dict.fromkeys(evidence_note(e, lang) for lv in r.levels for e in lv.mappings)),
    )


#: How a step stands to a level, in words (SKOS predicate → ja, en).
_RELATION = {
    "skos:exactMatch": ("同等", "same as"),
    "skos:closeMatch": ("ほぼ同等", "close to"),
    "skos:broadMatch": ("レベルの一部", "part of"),
}
_MAPPING_BASIS = {"stated": ("資料に明記", "stated in a source"), "judgement": ("判断", "a judgement")}


def evidence_note(e: LevelEvidence, lang: str = "ja") -> str:
    """A step → level mapping in words, for a table note.

    >>> from skillframe.organisation.mic_levels import LevelEvidence
    >>> e = LevelEvidence(step="tokyo-wg-2025:dx-promoter-step2", level="mic-guidebook-2024:level-2",
    ...                   predicate="skos:closeMatch", basis="judgement", confidence=0.7)
    >>> evidence_note(e)
    'tokyo-wg-2025:dx-promoter-step2 → mic-guidebook-2024:level-2（ほぼ同等、判断、確からしさ 0.70）'
    >>> evidence_note(e, "en")
    'tokyo-wg-2025:dx-promoter-step2 → mic-guidebook-2024:level-2 (close to, a judgement, confidence 0.70)'
    """
    ja_rel, en_rel = _RELATION.get(e.predicate, (e.predicate, e.predicate))
    ja_basis, en_basis = _MAPPING_BASIS.get(e.basis, (e.basis, e.basis))
    if lang == "en":
        return f"{e.step} → {e.level} ({en_rel}, {en_basis}, confidence {e.confidence:.2f})"
    return f"{e.step} → {e.level}（{ja_rel}、{ja_basis}、確からしさ {e.confidence:.2f}）"


def rollup_tables(r: Rollup, lang: str = "ja") -> list[Table]:
    """Every part of a rollup as a table, in reading order."""
    out = [attainment_table(r, lang), department_table(r, lang)]
    if r.coverage is not None:
        out.append(coverage_table(r.coverage, lang))
    out += [concentration_table(c, lang) for c in r.concentration]
    out += [training_table(r, lang), demand_table(r, lang)]
    if r.levels:
        out.append(levels_table(r, lang))
    return out


# ---------------------------------------------------------------------------
# Targets

_STATUS = {
    "achieved": ("達成", "achieved"),
    "on_track": ("順調", "on track"),
    "off_track": ("遅れ", "off track"),
    "unknown": ("不明", "unknown"),
}
_HORIZON = {"plan": ("基本方針", "basic policy"), "year": ("年度計画", "year plan")}


def status_text(status: str, lang: str = "ja") -> str:
    """``achieved`` / ``on_track`` / ``off_track`` / ``unknown`` in words."""
    return _t(lang, *_STATUS[status])


_BASIS = {
    "recorded": (
        "判定: 記録の推移（各年度の直線上の値と比較）",
        "judged on: the recorded years (vs the straight line at each)",
    ),
    "milestone": (
        "判定: 記録の推移（年度計画の目標と比較）",
        "judged on: the recorded years (vs the year plan's milestone)",
    ),
}


def _detail(it: TargetProgress, lang: str) -> str:
    """The detail cell: for a ``baseline: history`` target the baseline and the 年度 it was recorded
    for (``基準値 6（2025年度の記録）``), and when judged on the recorded trajectory the basis and the
    later recorded points."""
    detail = (it.detail_en if lang == "en" else it.detail) or ""
    if not it.recorded:
        return detail
    first, later = it.recorded[0], it.recorded[1:]
    v = fmt_value(first.value, it.unit)
    base = _t(lang, f"基準値 {v}（{first.year}年度の記録）", f"baseline {v} (recorded for FY{first.year})")
    basis = _t(lang, *_BASIS[it.basis]) if it.basis != "line" else ""
    pts = ", ".join(f"{p.year}: {fmt_value(p.value, it.unit)}" for p in later)
    return "; ".join(x for x in (detail, basis, base, pts) if x)


def progress_table(p: Progress, lang: str = "ja") -> Table:
    """One row per target: horizon, target, current, target value, gap, expected, status, detail."""
    en = lang == "en"
    rows = []
    for it in p.items:
        rows.append(
            (
                _t(lang, *_HORIZON[it.horizon]),
                it.label_en if en else it.label,
                fmt_value(it.current, it.unit),
                fmt_value(it.value, it.unit),
                fmt_value(it.gap, it.unit),
                fmt_value(it.expected, it.unit),
                status_text(it.status, lang),
                _detail(it, lang),
            )
        )
    notes = [
        _t(
            lang,
            f"基準日 {p.as_of.isoformat()}。見込み値: 基準値（基準年度の期首）から目標値（目標年度の期末）まで"
            "直線で推移すると仮定",
            f"as of {p.as_of.isoformat()}. expected: a straight line from the baseline (start of the baseline "
            "fiscal year) to the target (end of the target fiscal year)",
        )
    ]
    if p.plan is not None:
        notes.append(
            _t(
                lang,
                f"基本方針: {p.plan.baseline_year}〜{p.plan.target_year}年度",
                f"basic policy: FY{p.plan.baseline_year}–FY{p.plan.target_year}",
            )
        )
    if p.year is not None:
        notes.append(_t(lang, f"年度計画: {p.year.year}年度", f"year plan: FY{p.year.year}"))
    return Table(
        title=_t(lang, "数値目標の進捗", "Progress against targets"),
        headers=(
            ("horizon", "target", "current", "target value", "gap", "expected", "status", "detail")
            if en
            else ("区分", "目標", "現状", "目標値", "差", "見込み値", "判定", "補足")
        ),
        rows=rows,
        notes=notes,
    )
