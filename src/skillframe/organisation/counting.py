"""The counters behind :func:`~skillframe.rollup`: one pass, memory flat in the number of records.

Each evaluation is counted in a group ``(department as written, rank, unmet key)`` of its
persona; a group is explained (``Evaluation.unmet``) once, from its first member, which
gives the ``unknown`` flag and the training needs of every member. Each ``trainings``
value, as written, is counted per persona and resolved once per distinct value.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from .. import model as m
from .._keys import KeyResolver
from ..errors import LookupFailed
from ..staff.columns import classify
from ..staff.record import department_key
from ..staff.values import parse_keys
from .demand import DemandCounter, Needs

if TYPE_CHECKING:
    from .._catalog import Catalog
    from ..engine.result import Evaluation

__all__ = ["Counter", "field"]

#: Distinct ``trainings`` values kept per persona before they are counted (memory stays flat).
_DISTINCT = 65536


class _PersonaInfo:
    """What the counter needs of one persona, computed once, and its counters."""

    __slots__ = (
        "completed",
        "explained",
        "frameworks",
        "groups",
        "id",
        "index",
        "people",
        "required",
        "steps",
        "top",
        "trainings",
        "unknown",
    )

    def __init__(self, catalog: Catalog, persona: m.Persona, resolver: KeyResolver) -> None:
        self.id = persona.id
        self.steps = tuple(catalog.steps(persona.id))
        self.top = len(self.steps)
        self.required = tuple(dict.fromkeys(e.skill.id for e in catalog.effective_skills(persona.id)))
        self.frameworks = resolver.frameworks_of(persona.id)
        #: (department as written, rank, unmet key) → people
        self.groups: dict[tuple[str | None, int, Hashable], int] = {}
        #: (rank, unmet key) → (some leaf unknown, training needs), from the group's first member
        self.explained: dict[tuple[int, Hashable], tuple[bool, Needs]] = {}
        #: ``trainings`` as written (made hashable) → people
        self.trainings: dict[Hashable, int] = {}
        # training counters: people of the persona, those with no training record, completions per skill
        self.people = 0
        self.unknown = 0
        self.completed = [0] * len(self.required)
        self.index: dict[str, tuple[int, ...]] = {}  # training key as written → positions in required


class Counter:
    """Counters of size departments × personas × steps × situations (plus skills and trainings)."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.resolver = KeyResolver(catalog)
        #: records without a persona, per department as written
        self.unevaluated: dict[str | None, int] = defaultdict(int)
        self.info: dict[str, _PersonaInfo] = {}
        self.demand = DemandCounter(catalog)

    @property
    def total(self) -> int:
        """Every record counted."""
        return sum(self.unevaluated.values()) + sum(n for i in self.info.values() for n in i.groups.values())

    def add_unevaluated(self, record: Any) -> None:
        """A record without a persona: counted, not evaluated."""
        self.unevaluated[field(record, "department")] += 1

    def add_all(self, evaluations: Iterable[Evaluation]) -> None:
        """Count evaluations: one group look-up and one trainings look-up each (the hot loop)."""
        infos = self.info
        last_pid: str | None = None
        info: _PersonaInfo | None = None
        for ev in evaluations:
            persona = ev.persona
            pid = persona.id
            if pid is not last_pid:
                info = infos.get(pid)
                if info is None:
                    info = infos[pid] = _PersonaInfo(self.catalog, persona, self.resolver)
                last_pid = pid
            assert info is not None
            record = ev.record
            if type(record) is dict and "department" in record and "trainings" in record:
                dept = record["department"]
                raw = record["trainings"]
            else:
                dept = field(record, "department")
                raw = field(record, "trainings", text=False)
            if dept is not None and type(dept) is not str:
                dept = str(dept)
            rank = ev.rank
            key = (dept, rank, ev.unmet_key if rank < info.top else ())  # nothing is unmet at the top
            groups = info.groups
            n = groups.get(key)
            if n is None:
                groups[key] = 1
                self._explain(info, ev, key[1], key[2])
            else:
                groups[key] = n + 1
            if info.required:
                tk = tuple(raw) if type(raw) is list else raw
                trainings = info.trainings
                try:
                    n = trainings.get(tk)
                    if n is None:
                        trainings[tk] = 1
                        if len(trainings) > _DISTINCT:  # memory stays flat whatever the data
                            self._flush(info)
                    else:
                        trainings[tk] = n + 1
                except TypeError:  # unhashable as written: counted on its own
                    self._trainings(info, raw, 1)

    def _explain(self, info: _PersonaInfo, ev: Evaluation, rank: int, sig: Hashable) -> None:
        """Explain a group once, from its first member: unknown leaves, training needs."""
        if (rank, sig) not in info.explained:
            unmet = ev.unmet
            needs = self.demand.needs(unmet) if unmet else ()
            info.explained[(rank, sig)] = (any(u.status == "unknown" for u in unmet), needs)

    def cells(self, listed: Iterable[str]) -> dict[tuple[str | None, str | None, int], list[int]]:
        """(department, persona, rank) → [people, unknown]; counts the training demand on the way.

        Departments are grouped by :func:`~skillframe.staff.record.department_key` (全角/半角,
        case, 〜/～ do not matter) and shown as ``listed`` (the settings) spell them, else
        as first written.
        """
        shown: dict[str | None, str | None] = {department_key(d): d for d in reversed(list(listed))}
        memo: dict[Hashable, str | None] = {}

        def dept(raw: Hashable) -> str | None:
            if raw not in memo:
                text = None if raw is None else str(raw).strip() or None
                memo[raw] = shown.setdefault(department_key(text), text)
            return memo[raw]

        out: dict[tuple[str | None, str | None, int], list[int]] = defaultdict(lambda: [0, 0])
        for d, n in self.unevaluated.items():
            out[(dept(d), None, 0)][0] += n
        for info in self.info.values():
            pid = info.id
            for (d, rank, sig), n in info.groups.items():
                unknown, needs = info.explained[(rank, sig)]
                cell = out[(dept(d), pid, rank)]
                cell[0] += n
                if unknown:
                    cell[1] += n
                if needs:
                    self.demand.add(pid, rank + 1, needs, n)
        return out

    def _trainings(self, info: _PersonaInfo, raw: Any, people: int) -> None:
        info.people += people
        keys = parse_keys(raw) if isinstance(raw, str) else raw
        if keys is None:
            info.unknown += people
            return
        index, completed = info.index, info.completed
        seen: set[int] = set()
        for k in keys:
            found = index.get(k)
            if found is None:
                found = index[k] = self._positions(k, info)
            for i in found:
                if i not in seen:
                    seen.add(i)
                    completed[i] += people

    def _positions(self, key: str, info: _PersonaInfo) -> tuple[int, ...]:
        """Where in ``required`` the skills a ``trainings`` entry counts for are (a skill, or a training's)."""
        try:
            sids = self.resolver.trained(key, info.frameworks)
        except LookupFailed:
            return ()
        return tuple(info.required.index(s) for s in sids if s in info.required)

    def _flush(self, info: _PersonaInfo) -> None:
        """Count the ``trainings`` values seen so far into the completion counters."""
        for raw, n in info.trainings.items():
            self._trainings(info, raw, n)
        info.trainings.clear()

    def training_counts(self) -> dict[tuple[str, str], list[int]]:
        """(persona, skill) → [required, completed, unknown] (person × skill pairs)."""
        out: dict[tuple[str, str], list[int]] = {}
        for info in self.info.values():
            self._flush(info)
            if not info.people:
                continue
            for i, s in enumerate(info.required):
                out[(info.id, s)] = [info.people, info.completed[i], info.unknown]
        return out


_KINDS: dict[str, str] = {}  # a mapping key as written → its column kind (staff.columns.classify)


def _kind(key: object) -> str:
    text = str(key)
    kind = _KINDS.get(text)
    if kind is None:
        kind = classify(text)[0]
        if len(_KINDS) < 4096:
            _KINDS[text] = kind
    return kind


def field(record: Any, name: str, *, text: bool = True) -> Any:
    """A standard field of a record as written (department made text when ``text``).

    A mapping is read like a file row: ``部署``, ``所属`` and ``Department`` are the
    department, ``研修`` the trainings (:func:`skillframe.staff.columns.classify`).
    """
    if isinstance(record, Mapping):
        value = record.get(name)
        if value is None and name not in record:
            value = next((v for k, v in record.items() if _kind(k) == name), None)
    else:
        value = getattr(record, name, None)
    return str(value) if text and value is not None and type(value) is not str else value
