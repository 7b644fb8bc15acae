"""The counters behind :func:`~skillframe.rollup`: one pass, memory flat in the number of records.

Each evaluation is counted in a group ``(department as written, rank, unmet key)`` of its
persona; a group is explained (``Evaluation.unmet``) once, from its first member, which
gives the ``unknown`` flag and the training needs of every member. Each ``trainings``
value, as written, is counted per persona and resolved once per distinct value, against
the persona's required skills that some step measures by training
(:func:`~skillframe.organisation.trained.trained_skills`; for a persona without a ladder
also its own skills with a recommended training: :func:`~skillframe.organisation.trained.counted_skills`).
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .. import model as m
from .._keys import KeyResolver
from ..errors import LookupFailed, StaffValueError
from ..staff.columns import PLAIN_KEYS, classify
from ..staff.record import StaffRecord, department_key
from ..staff.shadowed import FIRST_ROWS, ShadowedPersona, ShadowIndex
from ..staff.structured import parse_keys
from .demand import DemandCounter, Needs
from .trained import counted_skills, trained_skills

if TYPE_CHECKING:
    from .._catalog import Catalog
    from ..engine.ladder import Ladder
    from ..engine.result import Evaluation

__all__ = ["Counter", "field"]

#: Distinct ``trainings`` values kept per persona before they are counted (memory stays flat).
_DISTINCT = 65536


class _PersonaInfo:
    """What the counter needs of one persona, computed once, and its counters."""

    __slots__ = (
        "completed",
        "copies",
        "explained",
        "frameworks",
        "groups",
        "id",
        "index",
        "people",
        "required",
        "rows",
        "steps",
        "top",
        "trainings",
        "unknown",
    )

    def __init__(
        self,
        catalog: Catalog,
        persona: m.Persona,
        resolver: KeyResolver,
        taught: frozenset[str],
        *,
        copies: tuple[str, ...] = (),
    ) -> None:
        self.id = persona.id
        #: the overlay copies that shadow this persona (its records are not counted as them), and their first rows
        self.copies = copies
        self.rows: list[int] = []
        self.steps = tuple(catalog.steps(persona.id))
        self.top = len(self.steps)
        #: the required skills training completion counts: those some step measures by training
        self.required = counted_skills(catalog, persona.id, taught)
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
        self.taught = trained_skills(catalog)
        self.shadows = ShadowIndex(catalog)

    @property
    def total(self) -> int:
        """Every record counted."""
        return sum(self.unevaluated.values()) + sum(n for i in self.info.values() for n in i.groups.values())

    def add_unevaluated(self, record: Any) -> None:
        """A record without a persona: counted, not evaluated."""
        self.unevaluated[field(record, "department")] += 1

    def add_all(self, evaluations: Iterable[Evaluation]) -> None:
        """Count evaluations (their unmet keys worked out here), grouped by persona."""
        by: dict[str, list[Evaluation]] = {}
        for ev in evaluations:
            pid = ev.persona.id
            group = by.get(pid)
            if group is None:
                group = by[pid] = []
            group.append(ev)
        for evs in by.values():
            info = self._info(evs[0].persona)
            top = info.top
            records = [ev.record for ev in evs]
            keyed: Sequence[tuple[int, tuple[object, ...]]] | None = _keyed(evs, records)
            if keyed is None:  # evaluations of several ladders (or unpickled): each one's own key
                keyed = [(ev.rank, ev.unmet_key if ev.rank < top else ()) for ev in evs]  # nothing unmet at the top
            self.add_ranked(info, records, keyed, functools.partial(_nth, evs))

    def add_batch(self, ladder: Ladder, records: list[Any], keyed: list[tuple[int, tuple[bool | None, ...]]]) -> None:
        """Count records ranked by ``ladder`` (``keyed``: :meth:`Ladder.keyed` of them)."""
        self.add_ranked(self._info(ladder.persona), records, keyed, lambda _i, r, k: ladder.evaluation(r, k))

    def _info(self, persona: m.Persona) -> _PersonaInfo:
        info = self.info.get(persona.id)
        if info is None:
            copies = self.shadows.copies(persona.id)
            info = self.info[persona.id] = _PersonaInfo(
                self.catalog, persona, self.resolver, self.taught, copies=copies
            )
        return info

    def shadowed(self) -> tuple[ShadowedPersona, ...]:
        """The personas counted that an overlay's copy shadows (``persona-of-base-framework``)."""
        return tuple(
            ShadowedPersona.of(self.catalog, i.id, copies=i.copies, count=sum(i.groups.values()), rows=i.rows)
            for i in self.info.values()
            if i.copies
        )

    def add_ranked(
        self,
        info: _PersonaInfo,
        records: list[Any],
        keyed: Sequence[tuple[int, tuple[object, ...]]],
        evaluation: Callable[[int, Any, int], Evaluation],
    ) -> None:
        """Count records of one persona with their ``(rank, unmet key)``: one group look-up and
        one trainings look-up each (the hot loop). ``evaluation(i, record, rank)`` gives the
        evaluation of the ``i``-th record, asked for the first member of each new group."""
        groups = info.groups
        trainings = info.trainings
        required = bool(info.required)
        if info.copies and len(info.rows) < FIRST_ROWS:  # a shadowed persona: its first rows, for the warning
            found = (getattr(r, "row", None) for r in records[:FIRST_ROWS])
            info.rows += [r for r in found if type(r) is int][: FIRST_ROWS - len(info.rows)]
        for i, (record, (rank, sig)) in enumerate(zip(records, keyed, strict=True)):
            if type(record) is dict and "trainings" in record:
                dept = record.get("department")
                raw = record["trainings"]
                if type(dept) is not str and (dept is not None or not record.keys() <= PLAIN_KEYS):
                    dept = _department(record)  # NaN, a number, an alias (部署): as the reader reads it
            else:
                dept = field(record, "department")
                raw = field(record, "trainings", text=False)
                if (dept is not None and type(dept) is not str) or (dept is None and _other_mapping(record)):
                    dept = _department(record)
            key = (dept, rank, sig)
            n = groups.get(key)
            if n is None:
                groups[key] = 1
                self._explain(info, evaluation(i, record, rank), rank, sig)
            else:
                groups[key] = n + 1
            if required:
                tk = tuple(raw) if type(raw) is list else raw
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
        try:
            keys = parse_keys(raw)  # as the reader reads it (NaN: unknown; empty items left out)
        except StaffValueError:  # pragma: no cover - an evaluated record's trainings read fine
            keys = None
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


def _nth(evs: list[Evaluation], i: int, _record: Any, _rank: int) -> Evaluation:
    return evs[i]


def _keyed(evs: list[Evaluation], records: list[Any]) -> list[tuple[int, tuple[bool | None, ...]]] | None:
    """The unmet keys of evaluations of one ladder in one pass (:meth:`Ladder.keyed`), when
    it gives each its own rank; else ``None``."""
    from ..engine.ladder import Ladder

    ladder = evs[0]._ladder
    if not isinstance(ladder, Ladder) or any(ev._ladder is not ladder for ev in evs):
        return None
    keyed = ladder.keyed(records)
    if any(k != ev.rank for (k, _), ev in zip(keyed, evs, strict=True)):
        return None
    return keyed


def _other_mapping(record: Any) -> bool:
    """A mapping that is not a plain dict (OrderedDict, a DataFrame row…): read by the reader."""
    return type(record) is not dict and isinstance(record, Mapping)


def _department(record: Any) -> str | None:
    """The department of a record as the staff reader reads it (``部署``, NaN → ``None``…)."""
    if isinstance(record, Mapping):
        try:
            return StaffRecord.from_mapping(record).department
        except StaffValueError:  # pragma: no cover - an evaluated record reads fine
            return None
    value = getattr(record, "department", None)
    return None if value is None else str(value)


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
