"""The organisation view: step attainment, departments, trainings, 総務省 levels, concentration.

:func:`rollup` takes evaluations (or records, which it evaluates as they stream by) and
counts them in one pass into cells keyed by department × persona × rank, plus
per-persona training counters and training demand: memory grows with the number of
departments, personas and steps, never with the number of records. The result is a
frozen :class:`Rollup` whose parts each render as a :class:`~skillframe.Table`.

Nothing is dropped: a record without a persona is counted in the ``未設定 / not set``
bucket, a record without a department in the ``未設定`` department, and a record whose
next step has *unknown* leaves (the data to decide is missing) is counted as such.

The 総務省 育成目標レベル describe an organisation (reading-guide §4): the organisation is
at level k for a type when at least ``nearly_all`` of its staff of that type meet the
level-k descriptor. Which person meets which level comes from the crosswalk mappings
WG step → 総務省 level (a judgement with a confidence, never hard-coded here); the
threshold is the framework setting ``nearly_all`` (default 0.9, itself a judgement) and
is shown with the result.

>>> import skillframe
>>> cat = skillframe.load()
>>> G = ["dx-necessity", "user-understanding", "gov-digital-basics", "security-literacy", "privacy"]
>>> P = ["project-management", "value-discovery", "data-literacy", "bpr", "service-validation", "it-governance"]
>>> rows = [
...     {"id": "1", "persona": "DX推進員", "department": "総務課", "trainings": G + P, "dx_lead_years": 2},
...     {"id": "2", "persona": "DX推進員", "department": "税務課", "trainings": G},
...     {"id": "3", "department": "税務課"},
... ]
>>> r = skillframe.rollup(cat, rows)
>>> r.total, r.count(persona="tokyo-wg-2025:dx-promoter", min_rank=2), r.no_persona
(3, 1, 1)
>>> [(d.department, d.count) for d in r.coverage.departments]
[('税務課', 1), ('総務課', 1)]
>>> r.nearly_all, r.nearly_all_source
(0.9, 'default')
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Literal

import attrs

from . import model as m
from ._evaluate import Evaluation, evaluate_many
from ._staff import KeyResolver, StaffRecord, parse_keys
from ._table import Table
from .errors import LookupFailed

if TYPE_CHECKING:
    from ._catalog import Catalog

__all__ = [
    "MIC_FRAMEWORK",
    "Concentration",
    "Coverage",
    "DepartmentCount",
    "MicLevel",
    "PersonaRollup",
    "Rollup",
    "TrainingCompletion",
    "TrainingDemand",
    "rollup",
]

#: The framework whose organisation-wide levels :attr:`Rollup.levels` reports.
MIC_FRAMEWORK = "mic-guidebook-2024"
#: How a record without a persona or department is shown.
UNSET_JA, UNSET_EN = "未設定", "not set"
#: Predicates under which a person in the subject counts for the object (persona → type,
#: step → level): the same, close to, or narrower than it (``broadMatch``: the object is broader).
_MEMBER_PREDICATES = ("skos:exactMatch", "skos:closeMatch", "skos:broadMatch")


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:.1f}%"


def _rate(n: int, d: int) -> float | None:
    return n / d if d else None


def _t(lang: str, ja: str, en: str) -> str:
    return en if lang == "en" else ja


def _dept(name: str | None, lang: str) -> str:
    return name if name is not None else _t(lang, UNSET_JA, UNSET_EN)


# ---------------------------------------------------------------------------
# Result objects


@attrs.frozen(kw_only=True)
class PersonaRollup:
    """Step attainment of one persona (``persona`` None: records without a persona).

    ``at_rank[k]`` counts staff whose highest step is exactly k (0 = none); ``unknown``
    those whose next step has unknown leaves (they may be higher once the data is in).
    """

    persona: str | None
    label: str
    label_en: str
    steps: tuple[str, ...] = ()
    steps_en: tuple[str, ...] = ()
    at_rank: tuple[int, ...] = (0,)
    unknown: int = 0

    @property
    def total(self) -> int:
        """Every member of staff of this persona."""
        return sum(self.at_rank)

    def reached(self, rank: int) -> int:
        """How many reached step ``rank`` or above."""
        return sum(self.at_rank[rank:])

    def rate(self, rank: int) -> float | None:
        """The share that reached step ``rank`` or above (None without staff)."""
        return _rate(self.reached(rank), self.total)

    def name(self, lang: str = "ja") -> str:
        """The persona's label in ``lang``."""
        return self.label_en if lang == "en" else self.label


@attrs.frozen(kw_only=True)
class DepartmentCount:
    """Staff of one persona in one department: all of them, and those at step ≥ 1."""

    department: str | None
    count: int
    stepped: int


@attrs.frozen(kw_only=True)
class Coverage:
    """A persona (DX推進員) per 課: who has some, and which 課 have none.

    Departments are the framework setting ``departments`` plus every one seen in the
    data; staff without a department are shown (``department`` None) but a missing
    department is not a 課 that could be covered.
    """

    persona: str
    label: str
    label_en: str
    departments: tuple[DepartmentCount, ...]

    @property
    def known(self) -> tuple[DepartmentCount, ...]:
        """The rows of named departments."""
        return tuple(d for d in self.departments if d.department is not None)

    @property
    def covered(self) -> int:
        """Named departments with at least one."""
        return sum(1 for d in self.known if d.count > 0)

    @property
    def without(self) -> tuple[str, ...]:
        """Named departments with none."""
        return tuple(str(d.department) for d in self.known if d.count == 0)

    @property
    def rate(self) -> float | None:
        """Covered departments / named departments."""
        return _rate(self.covered, len(self.known))

    def to_table(self, lang: str = "ja") -> Table:
        """One row per department."""
        name = self.label_en if lang == "en" else self.label
        rows = [(_dept(d.department, lang), d.count, d.stepped) for d in self.departments]
        return Table(
            title=_t(lang, f"{name} の配置（課別）", f"{name} per department"),
            headers=(_t(lang, "課", "department"), _t(lang, "人数", "staff"), _t(lang, "Step1以上", "Step 1+")),
            rows=rows,
            notes=(
                _t(
                    lang,
                    f"配置のある課: {self.covered}/{len(self.known)} ({_pct(self.rate)}); "
                    f"いない課: {'、'.join(self.without) or 'なし'}",
                    f"departments with one: {self.covered}/{len(self.known)} ({_pct(self.rate)}); "
                    f"without: {', '.join(self.without) or 'none'}",
                ),
            ),
        )


@attrs.frozen(kw_only=True)
class TrainingCompletion:
    """The recommended training of one skill: staff who need it, completed, unknown."""

    skill: str
    label: str
    label_en: str
    required: int
    completed: int
    unknown: int

    @property
    def rate(self) -> float | None:
        """Completed / required (unknown counts as not completed)."""
        return _rate(self.completed, self.required)


@attrs.frozen(kw_only=True)
class TrainingDemand:
    """One training and the staff who need it for their next step (purpose A).

    ``training`` is None when no Off-JT training teaches the skill(s); ``bodies`` are
    the implementing bodies of the report's Off-JT table as ``(body, mark, note)``
    (○ main, △ complement). ``needed`` is certain (the record says it is not
    completed), ``unknown`` possible (the record does not say). ``by_step`` splits
    ``needed`` by ``(persona, next step rank)``.
    """

    training: str | None
    label: str
    label_en: str
    skills: tuple[str, ...]
    bodies: tuple[tuple[str, str, str | None], ...]
    needed: int
    unknown: int
    by_step: tuple[tuple[str, int, int], ...] = ()

    def bodies_text(self) -> str:
        """``区市町村○ 研修所△ …``."""
        return " ".join(f"{b}{mk}" + (f"({n})" if n else "") for b, mk, n in self.bodies)


@attrs.frozen(kw_only=True)
class MicLevel:
    """The 総務省 育成目標レベル of one type for the whole organisation.

    ``at_level[k]`` counts staff of the type whose own state meets level k and no
    higher (level 1 「属人的対応」 has no 「ほぼ全ての者」 clause: everyone meets it);
    ``share(k)`` is the share meeting level k or higher; ``level`` the highest k whose
    share is at least ``threshold`` (None without staff). ``mappings`` are the
    judgements used (step → level, with confidence); ``unknown`` counts staff whose
    data is incomplete (they may meet a higher level).
    """

    type: str
    label: str
    label_en: str
    personas: tuple[str, ...]
    at_level: tuple[int, ...]
    unknown: int
    threshold: float
    level: int | None
    mappings: tuple[str, ...] = ()

    @property
    def staff(self) -> int:
        """Staff of this type."""
        return sum(self.at_level)

    def share(self, level: int) -> float | None:
        """The share of the type's staff meeting ``level`` or higher."""
        return _rate(sum(self.at_level[level:]), self.staff)


@attrs.frozen(kw_only=True)
class Concentration:
    """Where the staff at step ≥ ``rank`` of one persona sit (purpose C: 偏らないよう).

    ``counts`` are per named department (all of them, zeros included); ``hhi`` is the
    Herfindahl–Hirschman index Σ share² over named departments (1 = all in one,
    1/n = spread evenly over n); ``unassigned`` counts those without a department.
    """

    persona: str
    label: str
    label_en: str
    rank: int
    step: str
    step_en: str
    counts: tuple[tuple[str, int], ...]
    unassigned: int

    @property
    def total(self) -> int:
        """Staff at step ≥ ``rank`` in named departments."""
        return sum(c for _, c in self.counts)

    def shares(self) -> tuple[tuple[str, float], ...]:
        """Each named department's share (empty when there is nobody)."""
        t = self.total
        return tuple((d, c / t) for d, c in self.counts) if t else ()

    @property
    def hhi(self) -> float | None:
        """Σ share² (None when there is nobody)."""
        s = self.shares()
        return sum(x * x for _, x in s) if s else None

    @property
    def max_share(self) -> tuple[str, float] | None:
        """The department with the largest share, and the share."""
        s = self.shares()
        return max(s, key=lambda p: p[1]) if s else None

    @property
    def even(self) -> float | None:
        """The HHI of an even spread over every named department (1/n)."""
        return 1 / len(self.counts) if self.counts else None

    def to_table(self, lang: str = "ja") -> Table:
        """One row per department with staff at the step, largest first."""
        step = self.step_en if lang == "en" else self.step
        shares = dict(self.shares())
        rows = [(d, c, _pct(shares.get(d))) for d, c in sorted(self.counts, key=lambda p: -p[1]) if c]
        if self.unassigned:
            rows.append((_t(lang, UNSET_JA, UNSET_EN), self.unassigned, "—"))
        top = self.max_share
        hhi = "—" if self.hhi is None else f"{self.hhi:.3f}"
        even = "—" if self.even is None else f"{self.even:.3f}"
        name = self.label_en if lang == "en" else self.label
        return Table(
            title=_t(lang, f"{name} {step} 以上の課別の偏り", f"{name} at {step} or above by department"),
            headers=(_t(lang, "課", "department"), _t(lang, "人数", "staff"), _t(lang, "割合", "share")),
            rows=rows,
            notes=(
                _t(
                    lang,
                    f"HHI {hhi}（均等なら {even}）; 最大 {top[0] + ' ' + _pct(top[1]) if top else '—'}",
                    f"HHI {hhi} (even spread: {even}); largest {top[0] + ' ' + _pct(top[1]) if top else '—'}",
                ),
            ),
        )


@attrs.frozen(kw_only=True)
class Rollup:
    """The organisation view of a set of evaluations (see the module docstring).

    ``cells`` are ``(department, persona, rank) → (count, unknown)``, sorted; every
    other part is derived from counters of the same size.
    """

    total: int
    framework: str | None
    nearly_all: float
    nearly_all_source: Literal["setting", "argument", "default"]
    nearly_all_note: str | None
    departments: tuple[str | None, ...]
    personas: tuple[PersonaRollup, ...]
    cells: tuple[tuple[str | None, str | None, int, int, int], ...]
    trainings: tuple[TrainingCompletion, ...]
    training_cells: tuple[tuple[str, str, int, int, int], ...]
    demand: tuple[TrainingDemand, ...]
    coverage: Coverage | None
    concentration: tuple[Concentration, ...]
    levels: tuple[MicLevel, ...]

    # -- queries -----------------------------------------------------------------------

    @property
    def no_persona(self) -> int:
        """Records without a persona (counted, never evaluated)."""
        return sum(c for _, p, _, c, _ in self.cells if p is None)

    @property
    def unknown(self) -> int:
        """Records whose next step has unknown leaves."""
        return sum(u for *_, u in self.cells)

    def persona(self, persona_id: str | None) -> PersonaRollup | None:
        """The attainment of one persona (by qualified id; None: the records without one)."""
        for p in self.personas:
            if p.persona == persona_id:
                return p
        return None

    def count(
        self,
        *,
        persona: str | Literal["*"] | None = "*",
        min_rank: int = 0,
        department: str | Literal["*"] | None = "*",
    ) -> int:
        """Staff at step ≥ ``min_rank`` (of one persona, in one department; ``"*"``: any)."""
        return sum(
            c for d, p, r, c, _ in self.cells if r >= min_rank and persona in ("*", p) and department in ("*", d)
        )

    def per_department(self, persona: str, min_rank: int = 0) -> tuple[tuple[str | None, int], ...]:
        """Staff of ``persona`` at step ≥ ``min_rank`` in every department (zeros included)."""
        counts: dict[str | None, int] = dict.fromkeys(self.departments, 0)
        for d, p, r, c, _ in self.cells:
            if p == persona and r >= min_rank:
                counts[d] = counts.get(d, 0) + c
        return tuple(counts.items())

    def training_rate(self, *, persona: str | None = None, skill: str | None = None) -> float | None:
        """Completed / required recommended trainings (person × skill), optionally of one persona or skill."""
        req = done = 0
        for p, s, r, c, _ in self.training_cells:
            if (persona is None or p == persona) and (skill is None or s == skill):
                req += r
                done += c
        return _rate(done, req)

    def level(self, type_id: str) -> MicLevel | None:
        """The 総務省 level of one type (by qualified id)."""
        for lv in self.levels:
            if lv.type == type_id:
                return lv
        return None

    # -- tables ------------------------------------------------------------------------

    def attainment_table(self, lang: str = "ja") -> Table:
        """Step attainment per persona: staff, each step's count and rate, unknown data."""
        top = max((len(p.steps) for p in self.personas), default=0)
        headers = [_t(lang, "人材像", "persona"), _t(lang, "人数", "staff"), _t(lang, "段階なし", "no step")]
        for k in range(1, top + 1):
            headers.append(_t(lang, f"Step{k}以上", f"Step {k}+"))
        headers.append(_t(lang, "データ不足", "unknown data"))
        rows = []
        for p in self.personas:
            row: list[object] = [p.name(lang), p.total, p.at_rank[0]]
            for k in range(1, top + 1):
                row.append(f"{p.reached(k)} ({_pct(p.rate(k))})" if k <= len(p.steps) else "—")
            row.append(p.unknown)
            rows.append(row)
        return Table(
            title=_t(lang, "人材像別の育成段階の到達状況", "Step attainment by persona"),
            headers=headers,
            rows=rows,
            notes=(
                _t(
                    lang,
                    f"対象 {self.total} 名（人材像 未設定 {self.no_persona} 名、データ不足 {self.unknown} 名を含む）",
                    f"{self.total} staff (incl. {self.no_persona} without a persona "
                    f"and {self.unknown} with unknown data)",
                ),
            ),
        )

    def department_table(self, lang: str = "ja") -> Table:
        """Staff per department and persona, with how many reached step 1, 2, 3 or above."""
        personas = list(self.personas)
        headers = [_t(lang, "課", "department"), _t(lang, "人数", "staff")]
        headers += [p.name(lang) for p in personas]
        headers += [_t(lang, f"Step{k}以上", f"Step {k}+") for k in (1, 2, 3)]
        rows = []
        for d in self.departments:
            row: list[object] = [_dept(d, lang), self.count(department=d)]
            row += [self.count(persona=p.persona, department=d) for p in personas]
            row += [self.count(department=d, min_rank=k) for k in (1, 2, 3)]
            rows.append(row)
        return Table(
            title=_t(lang, "課別の人数と育成段階", "Staff and steps by department"), headers=headers, rows=rows
        )

    def training_table(self, lang: str = "ja") -> Table:
        """Completion of the recommended training per skill."""
        rows = [
            (t.label_en if lang == "en" else t.label, t.required, t.completed, t.unknown, _pct(t.rate))
            for t in self.trainings
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
                    "対象: その人材像に求められるスキル（継承を含む）",
                    "required: by the persona (incl. inherited)",
                ),
            ),
        )

    def demand_table(self, lang: str = "ja") -> Table:
        """People per training to reach their next step, with the implementing bodies."""
        rows = [
            (t.label_en if lang == "en" else t.label, t.needed, t.unknown, t.bodies_text() or "—") for t in self.demand
        ]
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

    def levels_table(self, lang: str = "ja") -> Table:
        """The 総務省 level per type, the share at each level and the threshold used."""
        rows = []
        for lv in self.levels:
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
            notes=(self.threshold_note(lang), *(m for lv in self.levels for m in lv.mappings)),
        )

    def threshold_note(self, lang: str = "ja") -> str:
        """Which 「ほぼ全ての者」 threshold was used, and where it comes from."""
        src = {
            "setting": _t(lang, f"{self.framework} の設定", f"setting of {self.framework}"),
            "argument": _t(lang, "指定値", "given"),
            "default": _t(lang, "既定値（判断）", "default, a judgement"),
        }[self.nearly_all_source]
        text = _t(
            lang,
            f"「ほぼ全ての者」= {_pct(self.nearly_all)} 以上（{src}）",
            f'"nearly all" = at least {_pct(self.nearly_all)} ({src})',
        )
        return text + (f": {self.nearly_all_note}" if self.nearly_all_note else "")

    def tables(self, lang: str = "ja") -> list[Table]:
        """Every part as a table, in reading order."""
        out = [self.attainment_table(lang), self.department_table(lang)]
        if self.coverage is not None:
            out.append(self.coverage.to_table(lang))
        out += [c.to_table(lang) for c in self.concentration]
        out += [self.training_table(lang), self.demand_table(lang)]
        if self.levels:
            out.append(self.levels_table(lang))
        return out


# ---------------------------------------------------------------------------
# Counting


class _PersonaInfo:
    """What the accumulator needs of one persona, computed once."""

    __slots__ = ("completed", "frameworks", "id", "index", "people", "required", "steps", "unknown")

    def __init__(self, catalog: Catalog, persona: m.Persona, resolver: KeyResolver) -> None:
        self.id = persona.id
        self.steps = tuple(catalog.steps(persona.id))
        self.required = tuple(dict.fromkeys(e.skill.id for e in catalog.effective_skills(persona.id)))
        self.frameworks = resolver.frameworks_of(persona.id)
        # training counters: people of the persona, those with no training record, completions per skill
        self.people = 0
        self.unknown = 0
        self.completed = [0] * len(self.required)
        self.index: dict[str, int] = {}  # training key as written → position in required (-1: not required)


class _Accumulator:
    """Counters of size departments × personas × steps (plus skills and trainings)."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.resolver = KeyResolver(catalog)
        self.total = 0
        self.cells: dict[tuple[str | None, str | None, int], list[int]] = defaultdict(lambda: [0, 0])
        self.info: dict[str, _PersonaInfo] = {}
        self.demand: dict[tuple[str, str, int], list[int]] = defaultdict(lambda: [0, 0])
        self._trainings_of: dict[str, tuple[str, ...]] = {}
        self._tool_skill: dict[str, str | None] = {}

    def add_unevaluated(self, record: Any) -> None:
        """A record without a persona: counted, not evaluated."""
        self.total += 1
        self.cells[(_field(record, "department"), None, 0)][0] += 1

    def add(self, ev: Evaluation) -> None:
        """One evaluation."""
        self.total += 1
        persona = ev.persona
        info = self.info.get(persona.id)
        if info is None:
            info = self.info[persona.id] = _PersonaInfo(self.catalog, persona, self.resolver)
        record = ev.record
        cell = self.cells[(_field(record, "department"), persona.id, ev.rank)]
        cell[0] += 1
        unmet = ev.unmet
        if any(u.status == "unknown" for u in unmet):
            cell[1] += 1
        self._trainings(info, _field(record, "trainings"))
        if unmet:
            self._demand(info, ev.rank + 1, unmet)

    def _trainings(self, info: _PersonaInfo, raw: Any) -> None:
        if not info.required:
            return
        info.people += 1
        keys = parse_keys(raw) if isinstance(raw, str) else raw
        if keys is None:
            info.unknown += 1
            return
        index, completed = info.index, info.completed
        seen: set[int] = set()
        for k in keys:
            i = index.get(k)
            if i is None:
                i = index[k] = self._position(k, info)
            if i >= 0 and i not in seen:
                seen.add(i)
                completed[i] += 1

    def _position(self, key: str, info: _PersonaInfo) -> int:
        try:
            sid = self.resolver.skill(key, info.frameworks)
        except LookupFailed:
            return -1
        return info.required.index(sid) if sid in info.required else -1

    def training_counts(self) -> dict[tuple[str, str], list[int]]:
        """(persona, skill) → [required, completed, unknown]."""
        out: dict[tuple[str, str], list[int]] = {}
        for info in self.info.values():
            if not info.people:
                continue
            for i, s in enumerate(info.required):
                out[(info.id, s)] = [info.people, info.completed[i], info.unknown]
        return out

    def _demand(self, info: _PersonaInfo, next_rank: int, unmet: Iterable[Any]) -> None:
        need: dict[str, int] = {}  # training key -> 0 needed, 1 unknown
        for u in unmet:
            c = u.condition
            skill: str | None = None
            if isinstance(c, m.Trained) or (isinstance(c, m.DsmLevel) and c.min <= 1):
                skill = u.subject
            elif isinstance(c, m.ToolsAtLeast) and c.min <= 1 and u.subject:
                skill = self._tool_skill_of(u.subject)
            if skill is None:
                continue
            status = 1 if u.status == "unknown" else 0
            for t in self._trainings_for(skill):
                need[t] = min(need.get(t, 1), status)
        for t, status in need.items():
            self.demand[(t, info.id, next_rank)][status] += 1

    def _tool_skill_of(self, tool_id: str) -> str | None:
        if tool_id not in self._tool_skill:
            tool = self.catalog.get(tool_id) if tool_id in self.catalog else None
            self._tool_skill[tool_id] = getattr(tool, "skill", None)
        return self._tool_skill[tool_id]

    def _trainings_for(self, skill: str) -> tuple[str, ...]:
        hit = self._trainings_of.get(skill)
        if hit is None:
            ids = tuple(t.id for t in self.catalog.trainings(skill=skill)) if skill in self.catalog else ()
            hit = self._trainings_of[skill] = ids or (f"skill:{skill}",)
        return hit


def _field(record: Any, name: str) -> Any:
    if isinstance(record, StaffRecord):
        return getattr(record, name)
    value = record.get(name) if isinstance(record, Mapping) else getattr(record, name, None)
    if name == "department" and value is not None:
        value = str(value).strip() or None
    return value


# ---------------------------------------------------------------------------
# Finishing: counters → result objects


def _label(catalog: Catalog, did: str) -> tuple[str, str]:
    if did in catalog:
        d = catalog.get(did)
        return str(d.label), str(d.label_en or d.label)
    return did, did


def _chain(catalog: Catalog, did: str) -> list[str]:
    """A definition and the base definitions an overlay copied it from."""
    out = [did]
    while (base := catalog.copied_from(out[-1])) is not None and base not in out:
        out.append(base)
    return out


def _positive(catalog: Catalog, did: str, to: str) -> list[Any]:
    """Mappings of ``did`` (or the base it was copied from) into ``to`` under which it counts as the object."""
    for sid in _chain(catalog, did):
        maps = [mp for mp in catalog.map(sid, to=to) if not mp.negated and mp.predicate in _MEMBER_PREDICATES]
        denied = {mp.object_id for mp in catalog.map(sid, to=to) if mp.negated}
        maps = [mp for mp in maps if mp.object_id not in denied]
        if maps:
            return maps
    return []


def _settings(catalog: Catalog, framework: str | None, seen: Iterable[str]) -> tuple[str | None, m.Settings, bool]:
    """The framework whose settings apply, its settings, and whether it has settings of its own."""
    fid = framework
    if fid is None:
        fws = list(dict.fromkeys(p.split(":", 1)[0] for p in seen))
        # the overlay that extends every other framework seen (a town over the WG), else the only one
        for f in fws:
            bases = set(catalog._bases(f))
            if all(o == f or o in bases for o in fws):
                fid = f
                break
    if fid is None:
        return None, m.Settings(), False
    fid = catalog.framework(fid).id
    own = any(catalog.framework(f).settings is not None for f in (fid, *catalog._bases(fid)))
    return fid, catalog.settings(fid), own


def _finish(
    acc: _Accumulator,
    *,
    framework: str | None,
    focus: str | None,
    nearly_all: float | None,
    departments: Iterable[str] | None,
) -> Rollup:
    cat = acc.catalog
    fid, settings, own = _settings(cat, framework, acc.info)
    if nearly_all is not None:
        threshold, source, note = float(nearly_all), "argument", None
    elif own:
        threshold, source, note = settings.nearly_all, "setting", settings.note
    else:
        threshold, source, note = settings.nearly_all, "default", None
    seen_depts = {d for d, _, _ in acc.cells}
    listed = list(departments) if departments is not None else list(settings.departments)
    depts: list[str | None] = list(dict.fromkeys(listed))
    depts += sorted(d for d in seen_depts if d is not None and d not in depts)
    if None in seen_depts:
        depts.append(None)

    # personas, in catalog order; the no-persona bucket last
    order = {p.id: i for i, p in enumerate(cat.personas())}
    personas: list[PersonaRollup] = []
    for pid in sorted(acc.info, key=lambda p: order.get(p, len(order))):
        info = acc.info[pid]
        at = [0] * (len(info.steps) + 1)
        unknown = 0
        for (_d, p, r), (c, u) in acc.cells.items():
            if p == pid:
                at[r] += c
                unknown += u
        ja, en = _label(cat, pid)
        personas.append(
            PersonaRollup(
                persona=pid,
                label=ja,
                label_en=en,
                steps=tuple(s.label for s in info.steps),
                steps_en=tuple(s.label_en or s.label for s in info.steps),
                at_rank=tuple(at),
                unknown=unknown,
            )
        )
    none = sum(c for (_d, p, _r), (c, _u) in acc.cells.items() if p is None)
    if none:
        personas.append(PersonaRollup(persona=None, label=UNSET_JA, label_en=UNSET_EN, at_rank=(none,)))

    cells = tuple(
        sorted(
            ((d, p, r, c, u) for (d, p, r), (c, u) in acc.cells.items()),
            key=lambda x: (depts.index(x[0]), order.get(x[1] or "", len(order)), x[2]),
        )
    )

    # trainings per skill (summed over personas), in catalog skill order
    skill_order = {s.id: i for i, s in enumerate(cat.skills())}
    per_skill: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    trained = acc.training_counts()
    for (_p, s), row in trained.items():
        for i in range(3):
            per_skill[s][i] += row[i]
    trainings = tuple(
        TrainingCompletion(
            skill=s, label=_label(cat, s)[0], label_en=_label(cat, s)[1], required=r[0], completed=r[1], unknown=r[2]
        )
        for s, r in sorted(per_skill.items(), key=lambda kv: skill_order.get(kv[0], len(skill_order)))
    )
    training_cells = tuple(sorted((p, s, r[0], r[1], r[2]) for (p, s), r in trained.items()))

    demand = _demand(cat, acc.demand)
    rollup_ = Rollup(
        total=acc.total,
        framework=fid,
        nearly_all=threshold,
        nearly_all_source=source,  # type: ignore[arg-type]
        nearly_all_note=note,
        departments=tuple(depts),
        personas=tuple(personas),
        cells=cells,
        trainings=trainings,
        training_cells=training_cells,
        demand=demand,
        coverage=None,
        concentration=(),
        levels=(),
    )
    focus_id = _focus(cat, focus, fid, acc.info)
    coverage: Coverage | None = None
    concentration: list[Concentration] = []
    if focus_id is not None:
        ja, en = _label(cat, focus_id)
        all_ = dict(rollup_.per_department(focus_id, 0))
        stepped = dict(rollup_.per_department(focus_id, 1))
        coverage = Coverage(
            persona=focus_id,
            label=ja,
            label_en=en,
            departments=tuple(DepartmentCount(department=d, count=all_[d], stepped=stepped[d]) for d in depts),
        )
        steps = cat.steps(focus_id)
        for st in steps:
            if st.rank < 2:
                continue
            per = rollup_.per_department(focus_id, st.rank)
            concentration.append(
                Concentration(
                    persona=focus_id,
                    label=ja,
                    label_en=en,
                    rank=st.rank,
                    step=st.label,
                    step_en=st.label_en or st.label,
                    counts=tuple((str(d), c) for d, c in per if d is not None),
                    unassigned=sum(c for d, c in per if d is None),
                )
            )
    levels = _levels(cat, personas, threshold)
    return attrs.evolve(rollup_, coverage=coverage, concentration=tuple(concentration), levels=levels)


def _focus(cat: Catalog, focus: str | None, fid: str | None, seen: Iterable[str]) -> str | None:
    if focus is None:
        return None
    try:
        return cat.persona(focus, fid).id if fid is not None else cat.persona(focus).id
    except LookupFailed:
        for pid in seen:  # a merged or renamed persona the data uses
            if focus == pid:
                return pid
        return None


def _demand(cat: Catalog, counts: Mapping[tuple[str, str, int], list[int]]) -> tuple[TrainingDemand, ...]:
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    steps: dict[str, dict[tuple[str, int], int]] = defaultdict(dict)
    for (t, p, r), (needed, unknown) in counts.items():
        per[t][0] += needed
        per[t][1] += unknown
        if needed:
            steps[t][(p, r)] = steps[t].get((p, r), 0) + needed
    out = []
    for t, (needed, unknown) in per.items():
        if t.startswith("skill:"):
            sid = t.removeprefix("skill:")
            ja, en = _label(cat, sid)
            out.append(
                TrainingDemand(
                    training=None,
                    label=f"（研修なし）{ja}",
                    label_en=f"(no training) {en}",
                    skills=(sid,),
                    bodies=(),
                    needed=needed,
                    unknown=unknown,
                    by_step=tuple(sorted((p, r, n) for (p, r), n in steps[t].items())),
                )
            )
            continue
        tr: m.Training = cat.get(t)
        out.append(
            TrainingDemand(
                training=t,
                label=tr.label,
                label_en=tr.label_en or tr.label,
                skills=tr.skills,
                bodies=tuple((b.body, b.mark, b.note) for b in tr.bodies),
                needed=needed,
                unknown=unknown,
                by_step=tuple(sorted((p, r, n) for (p, r), n in steps[t].items())),
            )
        )
    return tuple(sorted(out, key=lambda d: (-d.needed, -d.unknown, d.label)))


def _levels(cat: Catalog, personas: Iterable[PersonaRollup], threshold: float) -> tuple[MicLevel, ...]:
    if MIC_FRAMEWORK not in {f.id for f in cat.frameworks()}:
        return ()
    scales = [s for s in cat.scales(MIC_FRAMEWORK) if s.measures == "organisation"]
    if not scales:
        return ()
    scale = scales[0]
    top = max(lv.rank for lv in scale.levels)
    level_ids = {lv.id: lv.rank for lv in scale.levels}
    types = {p.id: p for p in cat.personas(MIC_FRAMEWORK)}
    at: dict[str, list[int]] = {t: [0] * (top + 1) for t in types}
    unknown: dict[str, int] = dict.fromkeys(types, 0)
    members: dict[str, list[str]] = {t: [] for t in types}
    used: dict[str, list[str]] = {t: [] for t in types}
    for pr in personas:
        if pr.persona is None:
            continue
        maps = [mp for mp in _positive(cat, pr.persona, MIC_FRAMEWORK) if mp.object_id in types]
        if not maps:
            continue
        t = max(maps, key=lambda mp: mp.confidence).object_id
        members[t].append(pr.persona)
        # each step's own level (from the mappings), cumulative up the ladder
        own = [1]
        for st in cat.steps(pr.persona):
            best = own[-1]
            for mp in _positive(cat, st.id, MIC_FRAMEWORK):
                if mp.object_id in level_ids:
                    best = max(best, level_ids[mp.object_id])
                    used[t].append(
                        f"{st.id} → {mp.object_id} "
                        f"({mp.predicate.removeprefix('skos:')}, {mp.basis}, {mp.confidence:.2f})"
                    )
            own.append(best)
        for r, c in enumerate(pr.at_rank):
            at[t][own[r]] += c
        unknown[t] += pr.unknown
    out = []
    for t, p in types.items():
        counts = at[t]
        staff = sum(counts)
        level: int | None = None
        if staff:
            level = 1
            for k in range(2, top + 1):
                if sum(counts[k:]) / staff >= threshold:
                    level = k
        out.append(
            MicLevel(
                type=t,
                label=p.label,
                label_en=p.label_en or p.label,
                personas=tuple(members[t]),
                at_level=tuple(counts),
                unknown=unknown[t],
                threshold=threshold,
                level=level,
                mappings=tuple(dict.fromkeys(used[t])),
            )
        )
    return tuple(out)


# ---------------------------------------------------------------------------
# The entry point


def rollup(
    catalog: Catalog,
    items: Iterable[Evaluation | StaffRecord | Mapping[str, Any]],
    *,
    persona: str | None = None,
    framework: str | None = None,
    focus: str | None = "DX推進員",
    nearly_all: float | None = None,
    departments: Iterable[str] | None = None,
) -> Rollup:
    """Count evaluations (or records, evaluated on the way) into a :class:`Rollup`, in one pass.

    ``items`` may mix :class:`~skillframe.Evaluation` objects and records; a record is
    evaluated against ``persona`` (default: its own persona) and one without a persona
    is counted in the 未設定 bucket. ``framework`` names whose settings apply
    (``deployed_tools`` when evaluating records here, ``departments``, ``nearly_all``;
    default: the overlay among the personas seen, and every tool deployed); ``focus`` the persona whose
    coverage per 課 and concentration are shown (DX推進員); ``nearly_all`` and
    ``departments`` override the settings.
    """
    acc = _Accumulator(catalog)

    def records() -> Iterator[StaffRecord | Mapping[str, Any]]:
        for item in items:
            if isinstance(item, Evaluation):
                acc.add(item)
            elif persona is None and not _field(item, "persona"):
                acc.add_unevaluated(item)
            else:
                yield item

    # records evaluated here use the deployed tools of the framework named (its settings)
    deployed = catalog.settings(framework).deployed_tools if framework is not None else None
    for ev in evaluate_many(catalog, persona, records(), deployed_tools=deployed):
        acc.add(ev)
    return _finish(acc, framework=framework, focus=focus, nearly_all=nearly_all, departments=departments)
