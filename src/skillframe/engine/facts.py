"""The one record reader: a staff record → its *facts*, validated completely.

A record is a :class:`~skillframe.StaffRecord` or a plain mapping, read exactly like a
row of a staff file by :meth:`skillframe.StaffRecord.from_mapping` (the same column
names and aliases, ``dsm:<skill>``, ``tool:<tool>``, ``check:<tool>``, the same value
parsers of :mod:`skillframe.staff`). A StaffRecord made by hand or by ``attrs.evolve``
is read as the plain dict of its fields; one the staff reader made holds parsed values.

*Facts* are a tuple (for speed), in this layout:

========  ==============================================================
slot      value (``None`` = unknown)
========  ==============================================================
REC       the record as given
TRAINED   ``frozenset`` of qualified skill ids whose training is completed
DSM       ``dict`` qualified skill id → self-assessed DSM level 0–3
TOOLS     ``dict`` qualified tool id → effective tool level 0–3 (declared or
          from ticked checklist items, the higher)
PY, LY    years on DX projects, years leading DX projects (numbers ≥ 0)
LC        DX projects led (a number ≥ 0)
MT        mentors juniors (``bool``)
========  ==============================================================

Every value is parsed and every key resolved, whatever the ladder needs: a bad value
raises :class:`~skillframe.StaffDataError` (code of the first problem, every problem in
the message), an unknown key :class:`~skillframe.UnknownKeyError` — the same error at
every rank, through every path.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .. import model as m
from ..errors import SkillframeError, StaffDataError, StaffValueError
from ..staff.columns import PLAIN_KEYS, same_key
from ..staff.record import StaffRecord
from ..staff.structured import parse_keys

if TYPE_CHECKING:
    from .._catalog import Catalog
    from .._keys import KeyResolver
    from ..conditions.registry import Aggregation

__all__ = [
    "DSM",
    "LC",
    "LY",
    "MT",
    "PY",
    "REC",
    "TOOLS",
    "TRAINED",
    "FactReader",
    "Facts",
    "read_record",
    "record_id",
]

# Facts layout (a tuple, for speed)
REC, TRAINED, DSM, TOOLS, PY, LY, LC, MT = range(8)

Facts = tuple[Any, ...]
_MEMO_MAX = 65536  # distinct values remembered per reader (then forgotten at once)
_NONE: Any = object()


def record_id(record: Any) -> str | None:
    """The id of a record (a :class:`~skillframe.StaffRecord` or a mapping) as the staff
    reader reads it (``職員番号``, surrounding spaces dropped); a record the reader refuses
    shows its ``id`` as written."""
    if not isinstance(record, Mapping):
        rid = getattr(record, "id", None)
        return None if rid is None else str(rid)
    rid = record.get("id")
    if type(rid) is str and rid and rid.strip() == rid and record.keys() <= PLAIN_KEYS:
        return rid
    try:
        return StaffRecord.from_mapping(record).id
    except StaffValueError as exc:  # a problem in another column: the id as the reader read it
        found = next((str(i) for i in (getattr(e, "id", None) for e in exc.errors) if i), None)
        return found if found is not None else None if rid is None else str(rid)


def read_record(record: Any) -> StaffRecord:
    """A record as the staff reader reads it: a :class:`~skillframe.StaffRecord` the reader
    made as it is (its values are parsed); a mapping, or a StaffRecord made by hand or by
    ``attrs.evolve`` (read as the plain dict of its fields), by
    :meth:`~skillframe.StaffRecord.from_mapping`. A bad value raises
    :class:`~skillframe.StaffDataError` (code of the first problem, every problem in the
    message); keys are not resolved.

    >>> f = read_record({"id": "A", "DX_Lead_Years": "１.5年", "tool:Excel": "Lv.2", "mentoring": "はい"})
    >>> f.dx_lead_years, f.tools, f.mentoring
    (1.5, {'Excel': 2}, True)
    >>> read_record({"id": "B", "mentoring": "maybe"})
    Traceback (most recent call last):
    ...
    skillframe.errors.StaffDataError: record B: mentoring: ...
    >>> read_record(StaffRecord(id="C", dx_lead_years="abc"))
    Traceback (most recent call last):
    ...
    skillframe.errors.StaffDataError: record C: dx_lead_years: ...
    """
    if isinstance(record, StaffRecord) and getattr(record, "_parsed", False):
        return record
    try:
        return StaffRecord.from_mapping(record)
    except StaffValueError as exc:
        raise StaffDataError(f"record {record_id(record)}", str(exc), code=exc.code) from exc


class SameKeyError(ValueError):
    """Two keys of a record's ``dsm``, ``tools`` or ``tool_checks`` name one skill or tool
    (``duplicate-skill-column``; :meth:`FactReader.facts` gives it with the record)."""

    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column


class FactReader:
    """Reads records into facts for one persona: keys resolve against its frameworks.

    ``aggregate`` turns a tool's ticked checklist items into a level. Key resolutions
    are cached (per reader).
    """

    def __init__(self, catalog: Catalog, resolver: KeyResolver, persona: str, aggregate: Aggregation) -> None:
        self.catalog = catalog
        self.resolver = resolver
        self.frameworks = resolver.frameworks_of(persona)
        self.aggregate = aggregate
        self._skills: dict[str, str] = {}
        self._tools: dict[str, str] = {}
        self._memo: dict[tuple[str, ...], frozenset[str]] = {}
        self._dsm: dict[Any, dict[str, int]] = {}
        self._levels: dict[Any, dict[str, int] | None] = {}
        # sets of skill / tool keys that resolve to themselves
        self._as_is: tuple[dict[tuple[str, ...], bool], dict[tuple[str, ...], bool]] = ({}, {})

    def skill(self, key: str) -> str:
        """The qualified id of a skill key (:class:`~skillframe.UnknownKeyError` when none)."""
        hit = self._skills.get(key)
        if hit is None:
            hit = self._skills[key] = self.resolver.skill(key, self.frameworks)
        return hit

    def tool(self, key: str) -> str:
        """The qualified id of a tool key."""
        hit = self._tools.get(key)
        if hit is None:
            hit = self._tools[key] = self.resolver.tool(key, self.frameworks)
        return hit

    def _trained_ids(self, keys: tuple[str, ...]) -> frozenset[str]:
        # a key is a skill, or a training that counts for the skills it serves
        # (a training whose name has 、 is joined back first: KeyResolver.trained_many)
        return frozenset(self.resolver.trained_many(keys, self.frameworks))

    def trained(self, raw: Any) -> frozenset[str] | None:
        """The trained skill ids of a ``trainings`` value as written (``None``: unknown)."""
        keys = parse_keys(raw)
        return None if keys is None else self._trained_ids(keys)

    def facts(self, record: Any) -> Facts:
        """The facts of one record (every value parsed, every key resolved).

        A :class:`~skillframe.StaffRecord` the staff reader made holds parsed values
        already: they are taken as they are; any other record is read by :func:`read_record`.
        The resolved DSM levels and tool levels are remembered per distinct set of values
        as written (a file has few), so a record costs a few look-ups.
        """
        f = read_record(record)
        trained = None if f.trainings is None else self.trained_keys(f.trainings)
        try:
            dsm, tools = self.dsm_levels(f.dsm), self.tools_levels(f)
        except SameKeyError as exc:  # with the record, as the staff reader says it
            raise StaffDataError(f"record {f.id}", f"{exc.column}: {exc}", code="duplicate-skill-column") from None
        return (
            record,
            trained,
            dsm,
            tools,
            f.dx_project_years,
            f.dx_lead_years,
            f.dx_lead_count,
            f.mentoring,
        )

    def dsm_levels(self, dsm: dict[str, int]) -> dict[str, int] | None:
        """DSM levels by skill id of parsed ``dsm`` levels (keys as written; remembered per set)."""
        if not dsm:
            return None
        if self._resolved(dsm, tool=False) and None not in dsm.values():  # the staff reader's: as they are
            return dsm
        try:
            key: Any = tuple(dsm.items())
            hit = self._dsm.get(key)
        except TypeError:  # a value that is not hashable: not remembered
            return self._levels_by_id(dsm, "dsm", self.skill)
        if hit is None:
            if len(self._dsm) >= _MEMO_MAX:
                self._dsm.clear()
            hit = self._dsm[key] = self._levels_by_id(dsm, "dsm", self.skill)
        return hit

    @staticmethod
    def _levels_by_id(levels: Mapping[Any, Any], prefix: str, resolve: Any) -> dict[str, Any]:
        """``levels`` by the id each key resolves to; a level ``None`` (a record's level blanked)
        is unknown: no declared level. Two keys naming one id raise :class:`SameKeyError`
        (never "the last one wins"), as two such columns of a file do."""
        out: dict[str, Any] = {}
        seen: dict[str, Any] = {}
        for k, v in levels.items():
            if v is None:
                continue
            ident = resolve(k)
            if ident in seen:
                raise SameKeyError(f"{prefix}:{k}", same_key(f"{prefix}:{seen[ident]}", f"{prefix}:{k}", ident))
            seen[ident] = k
            out[ident] = v
        return out

    def tools_levels(self, f: Any) -> dict[str, int] | None:
        """Tool levels by tool id of a record's parsed ``tools`` and ``tool_checks`` (remembered per set)."""
        if not f.tool_checks:
            if not f.tools:
                return None
            if self._resolved(f.tools, tool=True) and None not in f.tools.values():  # by tool id already
                return f.tools  # type: ignore[no-any-return]
        try:
            key: Any = (tuple(f.tools.items()), tuple(f.tool_checks.items()))
            hit = self._levels.get(key, _NONE)
        except TypeError:
            return self._tool_levels(f)
        if hit is _NONE:
            if len(self._levels) >= _MEMO_MAX:
                self._levels.clear()
            hit = self._levels[key] = self._tool_levels(f)
        return hit  # type: ignore[no-any-return]

    def _resolved(self, levels: dict[str, int], *, tool: bool) -> bool:
        """Every key of ``levels`` is the qualified id it resolves to (a skill's, or with
        ``tool`` a tool's), as the staff reader gives them; remembered per set of keys (a
        file has few). The levels themselves are parsed already (ints 0-3)."""
        keys = tuple(levels)
        memo = self._as_is[tool]
        same = memo.get(keys)
        if same is None:
            resolve = self.tool if tool else self.skill
            try:
                same = all(resolve(k) == k for k in keys)
            except (TypeError, SkillframeError):  # not a key, or unknown: the full read says so
                same = False
            if len(memo) >= _MEMO_MAX:
                memo.clear()
            memo[keys] = same
        return same

    def trained_keys(self, keys: tuple[str, ...]) -> frozenset[str]:
        """The trained skill ids of ``trainings`` keys already parsed (remembered per tuple)."""
        hit = self._memo.get(keys)
        if hit is None:
            if len(self._memo) >= _MEMO_MAX:
                self._memo.clear()
            hit = self._memo[keys] = self._trained_ids(keys)
        return hit

    def _tool_levels(self, f: Any) -> dict[str, int] | None:
        if not f.tools and not f.tool_checks:
            return None
        out = self._levels_by_id(f.tools, "tool", self.tool)  # None: unknown, not declared
        checked = self._levels_by_id(f.tool_checks, "check", self.tool)  # each tool once
        for tid, ticks in checked.items():
            tool: m.Tool = self.catalog.get(tid)
            ticked = frozenset(self.resolver.tick(tid, t) for t in ticks)
            if not any(lv.checklist for lv in tool.levels):
                continue  # nothing to derive a level from: only a declared level counts
            derived = self.aggregate(tool, ticked)
            out[tid] = max(out.get(tid, derived), derived)  # the higher evidence wins
        return out


def as_staff_record(record: Any) -> StaffRecord:
    """A record as a :class:`~skillframe.StaffRecord` (what a custom rule gets)."""
    return StaffRecord.from_mapping(record)
