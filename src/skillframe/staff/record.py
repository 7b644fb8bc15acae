"""A staff record, its row errors and warnings, and THE reader that turns a row into a record.

:class:`RowReader` is the one place a record is read: a file row (already split into
cells under a classified header) and a plain mapping (a dict, a JSON object, a DataFrame
row) go through the same columns, parsers and key resolution, so they give the same
record and the same errors. :meth:`StaffRecord.from_mapping` and the engine use it.

>>> reader = RowReader()
>>> reader.read_mapping({"職員番号": "A01", "tool:Excel": "Lv.2", "mentoring": "有り"}).tools
{'Excel': 2}
>>> [e.code for e in reader.read_mapping({"id": "A02", "dx_lead_years": "0,5"})]
['ambiguous-decimal-comma']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from .._keys import KeyResolver
from ..errors import LookupFailed, StaffDataError, StaffValueError, UnknownKeyError, bilingual
from .columns import NUMBER_FIELDS, Column, classify
from .values import match_key, parse_bool, parse_keys, parse_level, parse_number, parse_text

if TYPE_CHECKING:
    from .._catalog import Catalog

__all__ = ["RowReader", "StaffRecord", "StaffRowError", "StaffTable", "StaffWarning"]


def _opt_tuple(value: Iterable[str] | None) -> tuple[str, ...] | None:
    return None if value is None else tuple(value)


def _mapping(value: Any) -> dict[str, Any]:
    return dict(value) if value else {}


@attrs.frozen(kw_only=True)
class StaffRecord:
    """One member of staff. ``None`` means *unknown* (not zero, not "no").

    Keys (skills, tools, checklist items) are as written or as resolved by
    :func:`~skillframe.read_staff` with a catalog (qualified ids); evaluation resolves them
    either way. ``row`` is the spreadsheet row (header = row 1) or JSON item the record came
    from, when it came from a file.

    >>> r = StaffRecord(id="A01", persona="DX推進員", trainings=("bpr",), dx_lead_years=1.5)
    >>> r.mentoring is None, r.dsm
    (True, {})
    >>> StaffRecord.from_mapping({"id": 7, "mentoring": "はい", "dsm": {"bpr": "Lv.２"}}).dsm
    {'bpr': 2}
    """

    id: str
    persona: str | None = None
    department: str | None = None
    trainings: tuple[str, ...] | None = attrs.field(default=None, converter=_opt_tuple)
    dx_project_years: float | None = None
    dx_lead_years: float | None = None
    dx_lead_count: float | None = None
    mentoring: bool | None = None
    dsm: dict[str, int] = attrs.field(factory=dict, converter=_mapping)
    tools: dict[str, int] = attrs.field(factory=dict, converter=_mapping)
    tool_checks: dict[str, tuple[str, ...]] = attrs.field(factory=dict, converter=_mapping)
    extra: dict[str, str] = attrs.field(factory=dict, converter=_mapping)
    row: int | None = attrs.field(default=None, eq=False, repr=False)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], catalog: Catalog | None = None) -> StaffRecord:
        """A record from a plain mapping, read exactly as a file row (same columns, aliases,
        parsing). Raises :class:`~skillframe.errors.StaffValueError` (``errors`` holds every
        problem of the row); never another exception for bad values.

        >>> StaffRecord.from_mapping({"id": "A", "dx_lead_years": "inf"})
        Traceback (most recent call last):
        ...
        skillframe.errors.StaffValueError: dx_lead_years: 有限の数ではありません: 'inf' / not a finite number: 'inf'
        """
        if isinstance(data, StaffRecord):
            return data
        result = RowReader(catalog=catalog, check_duplicates=False).read_mapping(data)
        if isinstance(result, StaffRecord):
            return result
        first = result[0]
        raise StaffValueError(first.code, first.ja, first.en, column=first.column, errors=result)


@attrs.frozen
class StaffRowError:
    """A problem with one row: ``row`` (the spreadsheet row, header = row 1; the item number
    in JSON; ``None`` for a mapping not from a file), ``column`` as written (``None`` for the
    row as a whole), ``message`` (``日本語 / English``), ``id`` of the record when known,
    a machine-readable ``code`` and the ``file``."""

    row: int | None
    column: str | None
    message: str
    id: str | None = None
    code: str = "bad-value"
    file: str | None = None

    @property
    def ja(self) -> str:
        return self.message.split(" / ", 1)[0]

    @property
    def en(self) -> str:
        return self.message.split(" / ", 1)[-1]

    def __str__(self) -> str:
        where = f"{self.file}: " if self.file else ""
        where += f"row {self.row}" if self.row is not None else "record"
        col = f", {self.column}" if self.column else ""
        return f"{where}{col}: {self.message} [{self.code}]"


@attrs.frozen
class StaffWarning:
    """Something probably wrong that did not stop a row or a file (a misspelt column)."""

    row: int | None
    column: str | None
    message: str
    code: str
    file: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}: " if self.file else ""
        where += f"row {self.row}" if self.row is not None else "record"
        col = f", {self.column}" if self.column else ""
        return f"{where}{col}: warning: {self.message} [{self.code}]"


@attrs.frozen
class StaffTable:
    """The records, row errors and warnings of a staff file; ``rows`` counts the data rows read
    (``rows == len(records) + len(error_rows)``)."""

    records: tuple[StaffRecord, ...]
    errors: tuple[StaffRowError, ...]
    rows: int
    warnings: tuple[StaffWarning, ...] = ()

    @property
    def error_rows(self) -> tuple[int, ...]:
        """The rows that had errors, each once, in order."""
        return tuple(sorted({e.row for e in self.errors if e.row is not None}))


_NESTED = {"dsm": "dsm", "tools": "tool", "tool_checks": "check"}
# What one cell gives: (op, a, b). op: 0 field a = b; 1 dsm[a] = b; 2 tools[a] = b; 3 checks[a] = b;
# 4 extra[a] = b; 5 errors b (a list of (code, message)); 6 nothing.
_Hit = tuple[int, Any, Any]
_NOTHING: _Hit = (6, None, None)
_MISS: Any = object()


class _Plan:
    """The columns of one header (or one set of mapping keys): id, persona, and the others."""

    __slots__ = ("built", "ids", "others", "personas")

    def __init__(self, columns: Sequence[Column]) -> None:
        self.ids = [c for c in columns if c.kind == "id"]
        self.personas = [c for c in columns if c.kind == "persona"]
        self.others = [c for c in columns if c.kind not in ("id", "persona")]
        # per persona's frameworks: the compiled reader of the other columns (see RowReader._compile)
        self.built: dict[tuple[str, ...] | None, Any] = {}


class RowReader:
    """Reads rows of one source (a file or a stream of mappings) into records or row errors.

    Columns are classified once per header (once per set of keys for mappings); each
    distinct cell value is parsed and resolved once per column and persona (caches), so a
    100,000-row file costs little more than its distinct values. ``catalog`` resolves
    persona, skill, training, tool and checklist keys (unknown → row error); without one,
    keys are kept as written.
    """

    def __init__(
        self,
        file: str | None = None,
        catalog: Catalog | None = None,
        *,
        resolver: KeyResolver | None = None,
        check_duplicates: bool = True,
    ) -> None:
        self.file = file
        self.resolver = resolver if resolver is not None else KeyResolver(catalog) if catalog is not None else None
        self.check_duplicates = check_duplicates
        self.seen: dict[str, int | None] = {}
        self._kinds: dict[str, tuple[str, str | None]] = {}
        self._plans: dict[tuple[Any, ...], _Plan] = {}
        self._file_columns: Sequence[Column] | None = None
        self._file_plan = _Plan(())
        self._texts: dict[str, Any] = {}
        self._personas: dict[str, tuple[str, tuple[str, ...]] | StaffValueError] = {}
        self._cells: dict[tuple[str, str | None, str, tuple[str, ...] | None], dict[Any, _Hit]] = {}

    # -- columns ---------------------------------------------------------------------

    def check_columns(self, columns: Sequence[Column]) -> None:
        """With a catalog: two keyed columns naming the same skill or tool (``dsm:ITストラテジー``
        and ``dsm:it-strategy``) are a file error, not "the last one wins"."""
        res = self.resolver
        if res is None:
            return
        seen: dict[tuple[str, str], str] = {}
        for c in columns:
            if c.kind not in ("dsm", "tool", "check") or c.key is None:
                continue
            try:
                ident = res.skill(c.key) if c.kind == "dsm" else res.tool(c.key)
            except LookupFailed:
                continue  # reported on each row that has a value
            if (c.kind, ident) in seen:
                raise StaffDataError(
                    self.file or "<data>",
                    bilingual(
                        f"列 '{seen[(c.kind, ident)]}' と '{c.header}' は同じ {ident} です",
                        f"columns '{seen[(c.kind, ident)]}' and '{c.header}' both name {ident}",
                    ),
                    code="duplicate-skill-column",
                )
            seen[(c.kind, ident)] = c.header

    def _kind(self, key: object) -> tuple[str, str | None]:
        name = str(key)
        hit = self._kinds.get(name)
        if hit is None:
            hit = self._kinds[name] = classify(name)
        return hit

    # -- rows ------------------------------------------------------------------------

    def read_row(self, row: int, columns: Sequence[Column], cells: Sequence[object]) -> StaffRecord | list[StaffRowError]:
        """One file row: ``cells[i]`` is under the column whose ``index`` is ``i``."""
        if self._file_columns is not columns:
            self._file_columns, self._file_plan = columns, _Plan(columns)
        return self._build(row, self._file_plan, cells)

    def read_mapping(self, data: Mapping[Any, Any], row: int | None = None) -> StaffRecord | list[StaffRowError]:
        """One mapping: keys are column names (aliases, ``dsm:…``, ``tool:…``, ``check:…``) or the
        record's own fields (``dsm``, ``tools``, ``tool_checks``, ``extra`` as nested mappings)."""
        keys = tuple(data)
        plan = self._plans.get(keys)
        cells: list[object] = list(data.values())
        if plan is None:
            columns: list[Column] = []
            nested = False
            for i, key in enumerate(keys):
                if (key in _NESTED or key == "extra") and isinstance(cells[i], Mapping):
                    nested = True
                    continue
                if key == "row" and not isinstance(cells[i], str):
                    continue  # a record's own row number, not a column
                kind, ckey = self._kind(key)
                columns.append(Column(i, str(key), kind, ckey))
            plan = _Plan(columns)
            if not nested:
                self._plans[keys] = plan
        for i, key in enumerate(keys):  # nested mappings: their items become columns of this row
            value = cells[i]
            if (key in _NESTED or key == "extra") and isinstance(value, Mapping):
                kind = _NESTED.get(key, "extra")
                extra_cols = []
                for k, v in value.items():
                    extra_cols.append(Column(len(cells), f"{kind}:{k}" if kind != "extra" else str(k), kind, str(k)))
                    cells.append(v)
                plan = _Plan([*plan.ids, *plan.personas, *plan.others, *extra_cols])
        return self._build(row, plan, cells)

    def _cache(self, c: Column, fws: tuple[str, ...] | None) -> dict[Any, _Hit]:
        ck = (c.kind, c.key, c.header, fws)
        cache = self._cells.get(ck)
        if cache is None:
            cache = self._cells[ck] = {}
        return cache

    def _text(self, raw: object) -> Any:
        if type(raw) is str:
            hit = self._texts.get(raw, _MISS)
            if hit is _MISS:
                try:
                    hit = parse_text(raw)
                except StaffValueError as exc:
                    hit = exc
                self._texts[raw] = hit
        else:
            try:
                hit = parse_text(raw)
            except StaffValueError as exc:
                hit = exc
        return hit

    def _persona(self, text: str) -> tuple[str, tuple[str, ...]] | StaffValueError:
        hit = self._personas.get(text)
        if hit is None:
            res = self.resolver
            if res is None:
                hit = (text, ())
            else:
                try:
                    pid = res.persona(text)
                    hit = (pid, res.frameworks_of(pid))
                except LookupFailed as exc:
                    code = "unknown-persona" if isinstance(exc, UnknownKeyError) else "ambiguous-persona"
                    ja, _, en = str(exc).partition(" / ")
                    hit = StaffValueError(code, ja, en or ja)
            self._personas[text] = hit
        return hit

    def _build(self, row: int | None, plan: _Plan, cells: Sequence[object]) -> StaffRecord | list[StaffRowError]:
        n = len(cells)
        problems: list[tuple[str | None, str, str]] = []  # (column, code, message)
        rid: str | None = None
        seen_id = False
        for c in plan.ids:
            raw = cells[c.index] if c.index < n else None
            try:
                hit = parse_text(raw)
            except StaffValueError as exc:
                hit = exc
            if isinstance(hit, StaffValueError):
                problems.append((c.header, hit.code, bilingual(hit.ja, hit.en)))
                seen_id = True
            elif hit is not None:
                rid = hit
        persona: str | None = None
        fws: tuple[str, ...] | None = None
        for c in plan.personas:
            raw = cells[c.index] if c.index < n else None
            hit = self._text(raw)
            if isinstance(hit, StaffValueError):
                problems.append((c.header, hit.code, bilingual(hit.ja, hit.en)))
            elif hit is not None:
                found = self._persona(hit)
                if isinstance(found, StaffValueError):
                    problems.append((c.header, found.code, bilingual(found.ja, found.en)))
                else:
                    persona = found[0]
                    fws = found[1] if self.resolver is not None else None
        if rid is None and not seen_id:
            problems.append(("id", "missing-id", bilingual("id（職員番号）がありません", "missing id")))
        elif rid is not None and self.check_duplicates:
            first = self.seen.get(rid, _MISS)
            if first is _MISS:
                self.seen[rid] = row
            else:
                problems.append(
                    (
                        "id",
                        "duplicate-id",
                        bilingual(f"id '{rid}' が重複しています", f"duplicate id '{rid}'")
                        + (f" (row {first})" if first is not None else ""),
                    )
                )
        build = plan.built.get(fws)
        if build is None:
            build = plan.built[fws] = self._compile(plan, fws)
        found: list[tuple[int, str, str]] = []
        dep, tr, py, ly, lc, me, dsm, tools, checks, extra = build(cells, n, found)
        if found:
            others = plan.others
            problems.extend((others[j].header, code, message) for j, code, message in found)
        if problems:
            file = self.file
            return [StaffRowError(row, col, message, rid, code, file) for col, code, message in problems]
        return StaffRecord(
            id=rid or "",
            persona=persona,
            department=dep,
            trainings=tr,
            dx_project_years=py,
            dx_lead_years=ly,
            dx_lead_count=lc,
            mentoring=me,
            dsm=dsm,
            tools=tools,
            tool_checks=checks,
            extra=extra,
            row=row,
        )

    def _compile(self, plan: _Plan, fws: tuple[str, ...] | None) -> Any:
        """A function reading the non-id columns of a row, unrolled once per header and persona
        (no loop, no dispatch per cell): each non-empty cell is one cache look-up; a value seen
        for the first time goes through :meth:`_compute`."""
        ns: dict[str, Any] = {}
        lines = [
            "def build(cells, n, found):",
            "    dep = tr = py = ly = lc = me = None",
            "    dsm = {}; tools = {}; checks = {}; extra = {}",
        ]
        variables = {
            "department": "dep", "trainings": "tr", "dx_project_years": "py", "dx_lead_years": "ly",
            "dx_lead_count": "lc", "mentoring": "me",
        }
        targets = {"dsm": "dsm", "tool": "tools", "check": "checks", "extra": "extra"}
        for j, c in enumerate(plan.others):
            ns[f"c{j}"] = cache = self._cache(c, fws)
            ns[f"m{j}"] = self._miss(c, cache, fws)
            lines += [
                f"    v = cells[{c.index}] if {c.index} < n else None",
                "    if v or (v is not None and v != ''):",
                f"        h = c{j}.get(v) if v.__class__ is str else None",
                "        if h is None:",
                f"            h = m{j}(v)",
                "        t = h[0]",
                "        if t == 5:",
                f"            found.extend([({j}, code, message) for code, message in h[2]])",
            ]
            if c.kind in variables:
                lines.append(f"        elif t == 0: {variables[c.kind]} = h[2]")
            elif c.kind in targets:
                lines.append(f"        elif t < 5: {targets[c.kind]}[h[1]] = h[2]")
        lines.append("    return dep, tr, py, ly, lc, me, dsm, tools, checks, extra")
        exec(compile("\n".join(lines), "<skillframe staff row reader>", "exec"), ns)
        return ns["build"]

    def _miss(self, c: Column, cache: dict[Any, _Hit], fws: tuple[str, ...] | None) -> Any:
        compute = self._compute

        def miss(raw: object) -> _Hit:
            hit = compute(c, raw, fws)
            if type(raw) is str:
                cache[raw] = hit
            return hit

        return miss

    def _compute(self, c: Column, raw: object, fws: tuple[str, ...] | None) -> _Hit:
        """What one cell gives (cached by the caller for text cells)."""
        kind, key = c.kind, c.key
        res = self.resolver
        try:
            if kind in NUMBER_FIELDS:
                return (0, kind, parse_number(raw))
            if kind == "department":
                return (0, "department", parse_text(raw))
            if kind == "mentoring":
                return (0, "mentoring", parse_bool(raw))
            if kind == "trainings":
                keys = parse_keys(raw)
                if keys is None or res is None:
                    return (0, "trainings", keys)
                skills: list[str] = []
                failed: list[tuple[str, str]] = []
                for k in keys:
                    try:
                        skills.extend(res.trained(k, fws))
                    except LookupFailed as exc:
                        failed.append(("unknown-training" if isinstance(exc, UnknownKeyError) else "ambiguous-key", str(exc)))
                return (5, None, failed) if failed else (0, "trainings", tuple(dict.fromkeys(skills)))
            if kind == "dsm" or kind == "tool":
                level = parse_level(raw)
                if level is None or key is None:
                    return _NOTHING
                found = key
                if res is not None:
                    found = res.skill(key, fws) if kind == "dsm" else res.tool(key, fws)
                return (1 if kind == "dsm" else 2, found, level)
            if kind == "check":
                ticks = parse_keys(raw)
                if ticks is None or key is None:
                    return _NOTHING
                if res is None:
                    return (3, key, ticks)
                tool = res.tool(key, fws)
                bad: list[tuple[str, str]] = []
                out: list[str] = []
                for t in ticks:
                    try:
                        out.append(res.tick(tool, t))
                    except LookupFailed as exc:
                        bad.append(("unknown-checklist-item", str(exc)))
                return (5, None, bad) if bad else (3, tool, tuple(out))
            if kind == "extra":
                text = parse_text(raw)
                return _NOTHING if text is None else (4, key or c.header, text)
            if kind == "blank":
                if parse_text(raw) is None:
                    return _NOTHING
                return (5, None, [("cell-without-header", bilingual("見出しのない列に値があります", "a value under no header"))])
        except StaffValueError as exc:
            return (5, None, [(exc.code, bilingual(exc.ja, exc.en))])
        except LookupFailed as exc:
            return (5, None, [("unknown-key" if isinstance(exc, UnknownKeyError) else "ambiguous-key", str(exc))])
        return _NOTHING


def department_key(text: str | None) -> str | None:
    """The key departments are grouped by (``市民課〜窓口`` and ``市民課～窓口`` are one 課);
    show :attr:`StaffRecord.department` itself."""
    return None if text is None else match_key(text)
