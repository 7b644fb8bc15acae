"""THE reader of a staff row: a file row or a plain mapping → a record or row errors.

A file row (cells under a classified header) and a mapping (a dict, a JSON object, a
DataFrame row) go through the same columns, parsers and key resolution, so they give the
same record and the same errors. :meth:`~skillframe.StaffRecord.from_mapping`,
:func:`~skillframe.read_staff` and the engine use it.

>>> reader = RowReader()
>>> reader.read_mapping({"職員番号": "A01", "tool:Excel": "Lv.2", "mentoring": "有り"}).tools
{'Excel': 2}
>>> [e.code for e in reader.read_mapping({"id": "A02", "dx_lead_years": "0,5"})]
['ambiguous-decimal-comma']
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .._keys import KeyResolver
from ..errors import AmbiguousKeyError, LookupFailed, StaffDataError, StaffValueError, UnknownKeyError, bilingual
from .builder import compile_build
from .cells import EMPTY, FIELDS, MISS, CellProblem, Failed, cell_value
from .columns import Column, classify, same_key
from .plan import ColumnPlan
from .record import MISSING_ID, StaffRecord, StaffRowError, duplicate_id
from .structured import NESTED_MAPPINGS, is_empty, parse_row
from .usual import UsualRow, compile_usual
from .values import MAX_CELL_CHARS, id_key, parse_text

if TYPE_CHECKING:
    from .._catalog import Catalog

__all__ = ["RowReader", "shared_reader"]

_NESTED = {"dsm": "dsm", "tools": "tool", "tool_checks": "check"}
_MEMO_MAX = 65536  # distinct values remembered per cache (then forgotten at once)


class RowReader:
    """Reads rows of one source (a file or a stream of mappings) into records or row errors.

    Columns are classified once per header (once per set of keys for mappings); each
    distinct cell value is parsed and resolved once per column and persona (caches), so a
    100,000-row file costs little more than its distinct values. ``catalog`` resolves
    persona, skill, training, tool and checklist keys (unknown → row error); without one,
    keys are kept as written. A persona value is resolved by
    :meth:`~skillframe._keys.KeyResolver.ladder_persona` (a value naming several personas
    where the catalog's choice has no ladder but another has: ``ambiguous-persona``); with
    ``require_ladder`` a persona without a ladder is a row error ``persona-without-ladder``
    (``skillframe evaluate`` sets it; a rollup counts such staff without evaluating them).
    """

    def __init__(
        self,
        file: str | None = None,
        catalog: Catalog | None = None,
        *,
        resolver: KeyResolver | None = None,
        check_duplicates: bool = True,
        require_ladder: bool = False,
    ) -> None:
        self.file = file
        self.require_ladder = require_ladder
        self.resolver = resolver if resolver is not None else KeyResolver(catalog) if catalog is not None else None
        self.check_duplicates = check_duplicates
        self.seen: dict[str, int | None] = {}
        self.misses = 0
        self._kinds: dict[str, tuple[str, str | None]] = {}
        self._plans: dict[tuple[Any, ...], ColumnPlan] = {}
        self._persona_cells: dict[str, tuple[str, tuple[str, ...] | None]] = {}
        self._file_columns: Sequence[Column] | None = None
        self._file_plan = ColumnPlan(())
        self._texts: dict[str, Any] = {}
        self._personas: dict[str, tuple[str, tuple[str, ...]] | CellProblem] = {}
        self._cells: dict[tuple[str, str | None, str, tuple[str, ...] | None], dict[Any, Any]] = {}
        self.plain = False  # every cell is a plain str (a CSV/TSV file): no type check per cell

    # -- columns ---------------------------------------------------------------------

    def check_columns(self, columns: Sequence[Column]) -> None:
        """With a catalog: two keyed columns naming the same skill or tool (``dsm:ITストラテジー``
        and ``dsm:it-strategy``) are a file error, not "the last one wins"."""
        for first, second, ident in self._same_keys(columns)[:1]:
            message = same_key(first.header, second.header, ident)
            raise StaffDataError(self.file or "<data>", message, code="duplicate-skill-column")

    def _same_keys(self, columns: Sequence[Column]) -> list[tuple[Column, Column, str]]:
        """The pairs of keyed columns naming one skill or tool, and its id."""
        res = self.resolver
        if res is None:
            return []
        seen: dict[tuple[str, str], Column] = {}
        found: list[tuple[Column, Column, str]] = []
        for c in columns:
            if c.kind not in ("dsm", "tool", "check") or c.key is None:
                continue
            try:
                ident = res.skill(c.key) if c.kind == "dsm" else res.tool(c.key)
            except AmbiguousKeyError as exc:  # the same candidates: the same skill, whichever persona
                ident = " | ".join(sorted(exc.candidates))
            except LookupFailed:
                continue  # reported on each row that has a value
            if (c.kind, ident) in seen:
                found.append((seen[(c.kind, ident)], c, ident))
            else:
                seen[(c.kind, ident)] = c
        return found

    def _kind(self, key: object) -> tuple[str, str | None]:
        name = str(key)
        hit = self._kinds.get(name)
        if hit is None:
            hit = self._kinds[name] = classify(name)
        return hit

    # -- rows ------------------------------------------------------------------------

    def read_row(
        self, row: int, columns: Sequence[Column], cells: Sequence[object]
    ) -> StaffRecord | list[StaffRowError]:
        """One file row: ``cells[i]`` is under the column whose ``index`` is ``i``."""
        if self._file_columns is not columns:
            self._file_columns, self._file_plan = columns, ColumnPlan(columns, text=True)
        plan = self._file_plan
        if len(cells) < plan.width:
            cells = [*cells, *[""] * (plan.width - len(cells))]
        if plan.one is not None:  # one id and one persona column: the usual row first
            record = self._usual(row, plan, cells)
            if record is not None:
                return record
        return self._build(row, plan, cells)

    def usual_reader(self, columns: Sequence[Column]) -> Callable[[list[str], int], StaffRecord | None] | None:
        """For a CSV/TSV file (:attr:`plain`) with one id and one persona column: a function
        ``(cells, row) -> record or None`` reading a usual row of ``len(columns)`` cells as
        :meth:`read_row` does, in one call (:mod:`~skillframe.staff.usual`); ``None`` for
        any other row, with nothing remembered (:meth:`read_row` reads it then)."""
        if not self.plain:
            return None
        if self._file_columns is not columns:
            self._file_columns, self._file_plan = columns, ColumnPlan(columns, text=True)
        plan = self._file_plan
        if plan.one is None:
            return None
        p = plan.one[1]
        known: dict[str, tuple[str, UsualRow]] = {}  # persona cell as written -> (persona, reader)
        compiled: dict[tuple[str, ...] | None, UsualRow] = {}
        persona_cells = self._persona_cells
        seen = self.seen if self.check_duplicates else None

        def learn(raw: str) -> tuple[str, UsualRow] | None:
            hit = persona_cells.get(raw)
            if hit is None:  # a persona cell not read yet (or not readable): read_row first
                return None
            persona, fws = hit
            usual = compiled.get(fws)
            if usual is None:
                caches = [(cache := self._cache(c, fws), self._miss(c, cache, fws)) for c in plan.others]
                usual = compiled[fws] = compile_usual(plan, caches, Failed, MISS, seen)
            if len(known) >= _MEMO_MAX:
                known.clear()
            found = known[raw] = (persona, usual)
            return found

        def read(cells: list[str], row: int) -> StaffRecord | None:
            raw = cells[p]
            hit = known.get(raw)
            if hit is None:
                hit = learn(raw)
                if hit is None:
                    return None
            return hit[1](cells, row, hit[0])

        return read

    def _usual(self, row: int, plan: ColumnPlan, cells: Sequence[object]) -> StaffRecord | None:
        """The record of a row with nothing unusual (an id in plain text, a persona seen before,
        no problem in any cell), else ``None`` with nothing remembered: :meth:`_build` reads
        the row then (and gives the same record for a usual row)."""
        assert plan.one is not None
        i, p = plan.one
        raw = cells[i]
        if raw.__class__ is not str or not raw.isprintable() or len(raw) > MAX_CELL_CHARS:
            return None
        rid: str = raw.strip()
        if not rid or rid[0] == "'":  # a ' that may be a formula's guard: _build reads it (parse_text)
            return None
        raw = cells[p]
        known = self._persona_cells.get(raw) if raw.__class__ is str else None
        if known is None:
            return None
        persona, fws = known
        check = self.check_duplicates
        key = rid if rid.isascii() else id_key(rid)
        if check and key in self.seen:
            return None
        build = plan.built.get(fws)
        if build is None:
            return None
        bad: list[tuple[int, str, str]] = []
        record = build(cells, bad, rid, persona, row)
        if bad:
            return None
        if check:
            self.seen[key] = row
        return record  # type: ignore[no-any-return]

    def read_mapping(self, data: Mapping[Any, Any], row: int | None = None) -> StaffRecord | list[StaffRowError]:
        """One mapping: keys are column names (aliases, ``dsm:…``, ``tool:…``, ``check:…``) or the
        record's own fields (``dsm``, ``tools``, ``tool_checks``, ``extra`` as nested mappings).

        ``row`` is where the mapping is (a JSON staff file's item number): its key ``row``, if
        any, is then a column as in a CSV file (kept as text in ``extra``). Without ``row``, the
        key ``row`` is the record's own row number (:func:`~skillframe.staff.structured.parse_row`;
        another value is the row error ``bad-row``)."""
        given = row
        keys = tuple(data)
        cells: list[object] = list(data.values())
        first: list[tuple[str | None, CellProblem]] = []
        if row is None and "row" in data:  # a plain mapping's own row number (a file's row is its place)
            try:
                row = parse_row(data["row"])
            except StaffValueError as exc:
                first.append(("row", CellProblem(exc.code, bilingual(exc.ja, exc.en))))
        nested = [i for i, k in enumerate(keys) if k in NESTED_MAPPINGS and isinstance(cells[i], Mapping)]
        # which keys hold nested mappings, and their keys: ``dsm={"x": 1}, tools={}`` and
        # ``dsm={}, tools={"x": 1}`` are two plans
        sig: tuple[Any, ...] = keys if not nested else (keys, *((i, tuple(cells[i])) for i in nested))  # type: ignore[arg-type]
        own = given is None  # "row" is the record's row number, else (a file's item) a column
        if not own and "row" in data:
            sig = ("row", sig)
        plan = self._plans.get(sig)
        if plan is None:
            columns: list[Column] = []
            for i, key in enumerate(keys):
                if i in nested or (key == "row" and own):  # read above: not a column
                    continue
                # a nested field whose value is no mapping: a column of kind "nested", whose
                # cell is empty (not given) or a row error (never an extra column "dsm")
                kind, ckey = ("nested", key) if key in NESTED_MAPPINGS else self._kind(key)
                columns.append(Column(i, str(key), kind, ckey))
            at = len(keys)
            for i in nested:  # the items of nested mappings become columns after the others
                kind = _NESTED.get(keys[i], "extra")
                for k in cells[i]:  # type: ignore[attr-defined]
                    columns.append(self._nested_column(at, kind, str(k)))
                    at += 1
            if len(self._plans) > 10_000:  # many different sets of keys: start afresh
                self._plans.clear()
            plan = self._plans[sig] = ColumnPlan(columns)
            if plan.duplicate is None:  # with a catalog, two keys naming one skill: as for a file
                plan.clash = [
                    (a.index, b.index, b.header, same_key(a.header, b.header, i))
                    for a, b, i in self._same_keys(columns)
                ]
        for i in nested:
            cells.extend(cells[i].values())  # type: ignore[attr-defined]
        return self._build(row, plan, cells, first)

    def _nested_column(self, at: int, kind: str, key: str) -> Column:
        """The column of one key of a nested mapping. An ``extra`` key is a column as a file's
        header is: no name is ``blank`` (a value there is ``cell-without-header``), and a name
        the reader takes for a column of its own (``職員番号``, ``dsm:…``) is ``named-column``
        (a value there is ``extra-names-column``): never a second column of that name."""
        if kind != "extra":
            return Column(at, f"{kind}:{key}", kind, key)
        if not key.strip():
            return Column(at, key, "blank")
        return Column(at, key, "extra" if self._kind(key)[0] == "extra" else "named-column", key)

    def _cache(self, c: Column, fws: tuple[str, ...] | None) -> dict[Any, Any]:
        ck = (c.kind, c.key, c.header, fws)
        cache = self._cells.get(ck)
        if cache is None:
            cache = self._cells[ck] = dict(EMPTY)
        return cache

    def _text(self, raw: object) -> Any:
        if type(raw) is str:
            hit = self._texts.get(raw, MISS)
            if hit is MISS:
                try:
                    hit = parse_text(raw)
                except StaffValueError as exc:
                    hit = exc
                if len(self._texts) >= _MEMO_MAX:
                    self._texts.clear()
                self._texts[raw] = hit
                self.misses += 1
        else:
            try:
                hit = parse_text(raw)
            except StaffValueError as exc:
                hit = exc
        return hit

    def _persona(self, text: str) -> tuple[str, tuple[str, ...]] | CellProblem:
        hit = self._personas.get(text)
        if hit is None:
            res = self.resolver
            if res is None:
                hit = (text, ())
            else:
                try:
                    pid = res.ladder_persona(text)
                    hit = (pid, res.frameworks_of(pid))
                    if self.require_ladder:
                        res.evaluable_persona(text)
                except LookupFailed as exc:
                    code = (
                        "unknown-persona"
                        if isinstance(exc, UnknownKeyError)
                        else "ambiguous-persona"
                        if isinstance(exc, AmbiguousKeyError)
                        else exc.code  # persona-without-ladder
                    )
                    ja, _, en = str(exc).partition(" / ")
                    hit = CellProblem(code, bilingual(ja, en or ja), exc.framework)
            if len(self._personas) >= _MEMO_MAX:
                self._personas.clear()
            self._personas[text] = hit
        return hit

    def _build(
        self,
        row: int | None,
        plan: ColumnPlan,
        cells: Sequence[object],
        first: list[tuple[str | None, CellProblem]] | None = None,
    ) -> StaffRecord | list[StaffRowError]:
        n = len(cells)
        problems: list[tuple[str | None, CellProblem]] = first or []  # (column, problem)
        if plan.duplicate is not None:
            a, b = plan.duplicate
            same = bilingual(f"列 '{a}' と '{b}' は同じ列です", f"columns '{a}' and '{b}' are the same")
            problems.append((b, CellProblem("duplicate-column", same)))
        for i, j, column, message in plan.clash:
            if not is_empty(cells[i]) and not is_empty(cells[j]):
                problems.append((column, CellProblem("duplicate-skill-column", message)))
        rid: str | None = None
        seen_id = False
        for c in plan.ids:
            raw = cells[c.index] if c.index < n else None
            if raw.__class__ is str and raw.isprintable() and len(raw) <= MAX_CELL_CHARS:
                plain = raw.strip()
                if plain[:1] != "'":  # a ' that may be a formula's guard: parse_text reads it
                    rid = plain or rid
                    continue  # fast path: no NUL, no undecodable or control character
            try:
                text = parse_text(raw)
            except StaffValueError as exc:
                problems.append((c.header, CellProblem(exc.code, bilingual(exc.ja, exc.en))))
                seen_id = True
                continue
            if text is not None:
                rid = text
        persona: str | None = None
        fws: tuple[str, ...] | None = None
        named: object = None  # the persona cell that named ``persona`` (an error row shows it as written)
        for c in plan.personas:
            raw = cells[c.index] if c.index < n else None
            known = self._persona_cells.get(raw) if raw.__class__ is str else None
            if known is not None:  # fast path: a persona cell seen before
                persona, fws = known
                named = raw
                continue
            hit = self._text(raw)
            if isinstance(hit, StaffValueError):
                problems.append((c.header, CellProblem(hit.code, bilingual(hit.ja, hit.en))))
            elif hit is not None:
                found = self._persona(hit)
                if not isinstance(found, CellProblem) and raw.__class__ is str:
                    if len(self._persona_cells) >= _MEMO_MAX:
                        self._persona_cells.clear()
                    self._persona_cells[raw] = (found[0], found[1] if self.resolver is not None else None)
                if isinstance(found, CellProblem):
                    problems.append((c.header, found))
                else:
                    persona, named = found[0], raw
                    fws = found[1] if self.resolver is not None else None
        if rid is None and not seen_id:
            problems.append(("id", CellProblem("missing-id", MISSING_ID)))
        elif rid is not None and self.check_duplicates:
            key = id_key(rid)  # Ｘ１ and X1 are one id (shown as written)
            at = self.seen.get(key, MISS)
            if at is MISS:
                self.seen[key] = row
            else:
                problems.append(("id", CellProblem("duplicate-id", duplicate_id(rid, at))))
        build = plan.built.get(fws)
        if build is None:
            build = plan.built[fws] = self._compile(plan, fws)
        bad: list[tuple[int, CellProblem]] = []
        record = build(cells, bad, rid or "", persona, row)
        if bad:
            others = plan.others
            problems.extend((others[j].header, p) for j, p in bad)
        if problems:  # with what the row's readable cells say (a result file shows it)
            file = self.file
            dep, extra = record.department, tuple(record.extra.items())
            written = self._text(named) if persona is not None else None
            written = written if isinstance(written, str) else None
            return [
                StaffRowError(
                    row,
                    col,
                    p.message,
                    rid,
                    p.code,
                    file,
                    department=dep,
                    persona=written,
                    extra=extra,
                    framework=p.framework,
                )
                for col, p in problems
            ]
        return record  # type: ignore[no-any-return]

    def _compile(self, plan: ColumnPlan, fws: tuple[str, ...] | None) -> Any:
        """The general reader of a row's non-id columns under ``plan`` for a persona of the
        frameworks ``fws`` (:func:`~skillframe.staff.builder.compile_build`): a value seen for
        the first time goes through :meth:`_miss`."""
        caches = [(cache := self._cache(c, fws), self._miss(c, cache, fws)) for c in plan.others]
        return compile_build(plan, caches, plain=self.plain and plan.text)

    def _miss(self, c: Column, cache: dict[Any, Any], fws: tuple[str, ...] | None) -> Any:
        """What a cell gives, in the compiled reader's form: a field's value; ``(key, value)`` for
        a keyed column (``None``: nothing); :class:`Failed` for problems. Text cells are cached."""
        compute, res = cell_value, self.resolver
        field = c.kind in FIELDS
        failed: dict[str, Failed] = {}  # text cells with problems: never in ``cache`` (see EMPTY)

        def miss(raw: object) -> Any:
            if type(raw) is str:
                known = failed.get(raw)
                if known is not None:
                    return known
            op, a, b = compute(res, c, raw, fws)
            out: Any = Failed(b) if op == 5 else b if field else None if op == 6 else (a, b)
            if type(raw) is str:
                if op == 5:
                    if len(failed) >= _MEMO_MAX:
                        failed.clear()
                    failed[raw] = out
                else:
                    if len(cache) >= _MEMO_MAX:  # a column of all-different values: memory stays flat
                        cache.clear()
                        cache.update(EMPTY)
                    cache[raw] = out
                self.misses += 1
            return out

        return miss


_SHARED: list[RowReader] = []
_SHARED_LIMIT = 200_000  # distinct values remembered by the shared reader before it starts afresh


def shared_reader() -> RowReader:
    """The reader :meth:`StaffRecord.from_mapping` uses without a catalog (its caches are pure
    parsing, so sharing them is safe; they are dropped when they grow large)."""
    if not _SHARED or _SHARED[0].misses > _SHARED_LIMIT:
        _SHARED[:] = [RowReader(check_duplicates=False)]
    return _SHARED[0]
