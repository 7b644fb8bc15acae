"""The organisation view as data: :class:`Rollup` and its parts.

Results hold numbers and the labels they are about, never tables: the bilingual
tables are built by :mod:`skillframe.render.tables`. Counts are people; rates and
shares are fractions 0–1 (None when there is nobody to divide by); ranks are step
numbers (0 = no step reached).

Look-ups take what the catalog takes: a qualified id, a local id, a label, an English
label, an alias, or the definition object (``cat.persona("DX推進員")``) — or the result
object itself (a :class:`PersonaRollup`, a :class:`MicLevel`). An unknown key raises
:class:`~skillframe.UnknownKeyError`; a key of the catalog that has no staff counts 0.

>>> import skillframe
>>> cat = skillframe.load()
>>> r = skillframe.rollup(cat, [{"id": "1", "persona": "DX推進員", "department": "総務課"}])
>>> r.count(persona="DX推進員"), r.count(persona=cat.persona("推進員")), r.count(persona="一般行政職員")
(1, 1, 0)
>>> r.count(persona="DX推進")
Traceback (most recent call last):
...
skillframe.errors.UnknownKeyError: 人材像 'DX推進' が見つかりません / unknown persona 'DX推進' (もしかして / ...
"""

from __future__ import annotations

from typing import Literal

import attrs

from .._text import short, suggest
from ..errors import UnknownKeyError
from ..staff.record import department_key
from ..staff.shadowed import ShadowedPersona
from .demand import TrainingDemand
from .mic_levels import MicLevel
from .names import Names, key_of

__all__ = [
    "Concentration",
    "Coverage",
    "DepartmentCount",
    "PersonaRollup",
    "Rollup",
    "TrainingCompletion",
]

#: A key accepted where a persona is: an id, label or alias, a definition object, a PersonaRollup.
Key = object
#: ``"*"``: any.
ANY: Literal["*"] = "*"


def _rate(n: int, d: int) -> float | None:
    return n / d if d else None


@attrs.frozen(kw_only=True)
class PersonaRollup:
    """Step attainment of one persona (``persona`` None: the records without a persona).

    ``at_rank[k]`` counts staff (people) whose highest step is exactly k (0 = none;
    ``len(at_rank) == len(steps) + 1``); ``unknown`` those whose next step has unknown
    leaves (they may be higher once the data is in). ``steps``/``steps_en`` are the
    ladder's step labels, lowest first.
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
        """Every member of staff of this persona (people)."""
        return sum(self.at_rank)

    @property
    def laddered(self) -> bool:
        """Whether the persona has a ladder: False for a persona without steps (管理監督職,
        CIO補佐官: not evaluated, its staff at no rank of any ladder — counted apart from those
        who reached no step yet: :attr:`Rollup.no_ladder`) and for the records without a persona."""
        return bool(self.steps)

    def reached(self, rank: int) -> int:
        """How many reached step ``rank`` or above (people)."""
        return sum(self.at_rank[rank:])

    def rate(self, rank: int) -> float | None:
        """The share (0–1) that reached step ``rank`` or above; None without staff."""
        return _rate(self.reached(rank), self.total)

    def name(self, lang: str = "ja") -> str:
        """The persona's label in ``lang`` (``"ja"`` or ``"en"``)."""
        return self.label_en if lang == "en" else self.label


@attrs.frozen(kw_only=True)
class DepartmentCount:
    """Staff of one persona in one department (``None``: no department): all, and those at step ≥ 1."""

    department: str | None
    count: int
    stepped: int


@attrs.frozen(kw_only=True)
class Coverage:
    """A persona (the coverage persona, DX推進員 in the WG framework) per 課: who has some, which have none.

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
        """Named departments with at least one (departments)."""
        return sum(1 for d in self.known if d.count > 0)

    @property
    def without(self) -> tuple[str, ...]:
        """Named departments with none."""
        return tuple(str(d.department) for d in self.known if d.count == 0)

    @property
    def rate(self) -> float | None:
        """Covered departments / named departments (0–1); None without departments."""
        return _rate(self.covered, len(self.known))


@attrs.frozen(kw_only=True)
class TrainingCompletion:
    """The recommended training of one skill: person × skill pairs required, completed, unknown.

    ``required`` counts staff whose persona requires the skill (inherited requirements
    included) when some step of the catalog measures the skill by training (a ``trained``
    condition: :func:`~skillframe.organisation.trained.trained_skills`; a ツール活用 skill,
    measured by its tool level, has no row), or when the persona has no ladder and the skill
    is its own with a recommended training (管理監督職's 変革ゴール設定:
    :func:`~skillframe.organisation.trained.counted_skills`); ``unknown`` those whose record
    has no training list.
    """

    skill: str
    label: str
    label_en: str
    required: int
    completed: int
    unknown: int

    @property
    def rate(self) -> float | None:
        """Completed / required (0–1; unknown counts as not completed); None when nobody requires it."""
        return _rate(self.completed, self.required)


@attrs.frozen(kw_only=True)
class Concentration:
    """Where the staff at step ≥ ``rank`` of one persona sit (purpose C: 偏らないよう).

    ``counts`` are ``(department, people)`` per named department (zeros included);
    ``unassigned`` counts those without a department.
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
        """Staff at step ≥ ``rank`` in named departments (people)."""
        return sum(c for _, c in self.counts)

    def shares(self) -> tuple[tuple[str, float], ...]:
        """Each named department's share (0–1); empty when there is nobody."""
        t = self.total
        return tuple((d, c / t) for d, c in self.counts) if t else ()

    @property
    def hhi(self) -> float | None:
        """The Herfindahl–Hirschman index Σ share² (1 = all in one, 1/n = even over n); None when nobody."""
        s = self.shares()
        return sum(x * x for _, x in s) if s else None

    @property
    def max_share(self) -> tuple[str, float] | None:
        """The department with the largest share, and the share (0–1)."""
        s = self.shares()
        return max(s, key=lambda p: p[1]) if s else None

    @property
    def even(self) -> float | None:
        """The HHI of an even spread over every named department (1/n)."""
        return 1 / len(self.counts) if self.counts else None


@attrs.frozen(kw_only=True)
class Rollup:
    """The organisation view of a set of evaluations (made by :func:`skillframe.rollup`).

    ``total`` counts every record (people); ``framework`` is the framework whose
    settings applied; ``nearly_all`` the 「ほぼ全ての者」 threshold (0–1) and where it
    came from (``nearly_all_source``: the framework ``setting``, an ``argument`` or the
    ``default`` judgement 0.9). ``departments`` lists the setting's departments, then
    those seen, then None when some staff have none. ``cells`` are ``(department,
    persona id, rank, people, unknown)``, sorted; ``training_cells`` ``(persona, skill,
    required, completed, unknown)``. ``shadowed`` lists the personas counted that the
    catalog holds an overlay's copy of (records naming ``tokyo-wg-2025:dx-promoter`` where
    the town's ``DX推進員`` is ``town:dx-promoter``: counted as the base persona, not the
    copy), each with its count and first rows: a warning ``persona-of-base-framework``
    that :func:`~skillframe.progress` repeats on the targets it concerns. Every other part
    is derived from counters of the same size.
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
    shadowed: tuple[ShadowedPersona, ...] = ()
    names: Names = attrs.field(factory=Names, repr=False, eq=False)

    def __repr__(self) -> str:
        return (
            f"<Rollup {self.total} staff, {len(self.personas)} personas, "
            f"{len(self.departments)} departments, framework={self.framework}>"
        )

    # -- resolving keys ----------------------------------------------------------------

    def _persona_id(self, key: Key) -> str | None:
        if key is None or (isinstance(key, PersonaRollup) and key.persona is None):
            return None
        return self.names.resolve("persona", key_of(key, "persona"), (p.persona for p in self.personas))

    def department(self, key: object) -> str | None:
        """The department named ``key`` as the rollup shows it (None: no department).

        Matched as departments are grouped (:func:`~skillframe.staff.record.department_key`:
        全角/半角, case, spaces and 〜/～ do not matter).

        Raises :class:`~skillframe.UnknownKeyError` for a department neither the
        settings nor the data have.
        """
        if key is None or key in self.departments:
            return key
        if isinstance(key, str):
            want = department_key(key)
            for d in self.departments:
                if d is not None and department_key(d) == want:
                    return d
        raise UnknownKeyError("department", short(str(key)), suggestions=_near(key, self.departments))

    # -- queries -----------------------------------------------------------------------

    @property
    def no_persona(self) -> int:
        """Records without a persona (counted, never evaluated; people)."""
        return sum(c for _, p, _, c, _ in self.cells if p is None)

    @property
    def no_ladder(self) -> int:
        """Staff of a persona without a ladder (counted, never evaluated: 段階なし; people).

        >>> import skillframe
        >>> rows = [{"id": "1", "persona": "管理監督職"}, {"id": "2", "persona": "DX推進員"}]
        >>> skillframe.rollup(skillframe.load(), rows).no_ladder
        1
        """
        return sum(p.total for p in self.personas if p.persona is not None and not p.steps)

    @property
    def unknown(self) -> int:
        """Records whose next step has unknown leaves (people)."""
        return sum(u for *_, u in self.cells)

    def persona(self, persona: Key) -> PersonaRollup | None:
        """The attainment of one persona (any key; ``None``: the records without one).

        None when the catalog knows the persona but no staff have it; raises
        :class:`~skillframe.UnknownKeyError` for a key the catalog does not know.
        """
        pid = self._persona_id(persona)
        for p in self.personas:
            if p.persona == pid:
                return p
        return None

    def count(
        self,
        *,
        persona: Key | Literal["*"] | None = ANY,
        min_rank: int = 0,
        department: str | Literal["*"] | None = ANY,
    ) -> int:
        """Staff (people) at step ≥ ``min_rank`` of one persona in one department.

        ``"*"``: any persona / department; ``None``: no persona / no department. Keys as
        in :meth:`persona`; departments by name (全角/半角 and case do not matter).
        """
        pid = persona if persona == ANY else self._persona_id(persona)
        dep = department if department == ANY else self.department(department)
        return sum(c for d, p, r, c, _ in self.cells if r >= min_rank and pid in (ANY, p) and dep in (ANY, d))

    def per_department(self, persona: Key, min_rank: int = 0) -> tuple[tuple[str | None, int], ...]:
        """``(department, people)`` of ``persona`` at step ≥ ``min_rank`` in every department (zeros included)."""
        pid = self._persona_id(persona)
        counts: dict[str | None, int] = dict.fromkeys(self.departments, 0)
        for d, p, r, c, _ in self.cells:
            if p == pid and r >= min_rank:
                counts[d] = counts.get(d, 0) + c
        return tuple(counts.items())

    def training_rate(self, *, persona: Key | None = None, skill: Key | None = None) -> float | None:
        """Completed / required recommended trainings (person × skill pairs, 0–1), optionally of one persona or skill.

        Counts the skills some step measures by training, as :attr:`trainings` does (the
        report's table and a ``training_rate`` target give the same figure); None when
        nothing is required (also for a skill no step measures by training).
        """
        pid = None if persona is None else self._persona_id(persona)
        sid = (
            None
            if skill is None
            else self.names.resolve("skill", key_of(skill, "skill"), (t.skill for t in self.trainings))
        )
        req = done = 0
        for p, s, r, c, _ in self.training_cells:
            if (persona is None or p == pid) and (skill is None or s == sid):
                req += r
                done += c
        return _rate(done, req)

    def level(self, type: Key) -> MicLevel | None:
        """The 総務省 level of one type (id, label, alias, definition or :class:`MicLevel`).

        None when the catalog has no organisation levels.
        """
        tid = self.names.resolve("type", key_of(type, "type"), (lv.type for lv in self.levels))
        for lv in self.levels:
            if lv.type == tid:
                return lv
        return None


def _near(key: object, departments: tuple[str | None, ...]) -> list[str]:
    return suggest(str(key), [d for d in departments if d is not None])
