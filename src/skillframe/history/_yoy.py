"""Year over year: step counts, flows between steps, movers and why, arrivals, leavers, cohorts.

Counts and flows are computed in the database (``GROUP BY``); the reasons for a move are
found by evaluating the two stored records again (only for the people who moved). Years
recorded under another catalog than the current one are refused, or re-evaluated under the
current one when asked (``reevaluate=True``), with every changed result listed.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from .._catalog import Catalog  # at run time (as HistoryStore): History's annotations resolve
from .._fingerprint import CatalogFingerprint, catalog_fingerprint
from ..engine.result import Unmet
from ..errors import HistoryError
from ._frameworks import catalog_difference, catalog_not_loaded, unloaded_frameworks
from ._missing import Undecided, find_undecided, set_apart
from ._queries import no_years, resolve_municipality
from ._schema import ASSESSMENTS, RUNS
from ._store import HistoryStore
from ._yoy_counts import count_in_python, count_in_sql, ladderless, python_rows
from ._yoy_results import ChangedResult, CohortCell, Flow, Move, Placement, StepCount

__all__ = ["History", "Undecided", "build_history", "crossed_leaves", "describe_leaf"]


@attrs.frozen(eq=False)
class History:
    """Year over year for one municipality: what ``skillframe history`` shows.

    All results are data (lists of :class:`StepCount`, :class:`Flow`, :class:`Move`,
    :class:`CohortCell`); ``changed`` lists the results that differ after re-evaluation.
    Personas are qualified ids. ``undecided``: the people whose rank fell only for missing
    data (:class:`Undecided`); they are counted apart (``missing``) in ``counts`` and ``flows``.
    ``ladderless``: the personas of the catalog without a ladder (管理監督職…): their people are
    recorded at rank 0 but never evaluated (評価対象外, never below Step 1: the cohorts count them
    apart, :attr:`CohortCell.no_ladder`, and ``count(year, rank=0)`` without a persona leaves
    them out).

    The counts, flows and cohorts are read when the History is made, and they and the methods
    computed from them (``count``, ``flow``, ``conversion``, ``trajectory``, ``achievement``)
    stay usable after the store is closed; :meth:`moves`, :meth:`people`, :meth:`arrivals` and
    :meth:`leavers` read the store, and once it is closed raise
    :class:`~skillframe.HistoryError` ``history-closed`` (never opening a connection again).
    """

    municipality: str
    years: tuple[int, ...]
    catalog: CatalogFingerprint
    counts: tuple[StepCount, ...]
    flows: tuple[Flow, ...]
    cohorts: tuple[CohortCell, ...]
    changed: tuple[ChangedResult, ...]
    undecided: tuple[Undecided, ...]
    ladderless: frozenset[str]
    _store: HistoryStore = attrs.field(repr=False)
    _cat: Catalog = attrs.field(repr=False)
    _overrides: dict[tuple[int, str], tuple[str, int]] = attrs.field(repr=False)

    def __repr__(self) -> str:
        return f"<History {self.municipality} {'-'.join(map(str, self.years[:1] + self.years[-1:]))}>"

    def count(
        self,
        year: int,
        persona: Any = None,
        *,
        department: str | None = None,
        rank: int | None = None,
        missing: bool | None = None,
    ) -> int:
        """People in ``year`` (of a persona — key, label or definition —, 課, rank). With a
        ``rank``, only those whose rank is decided (not データ不足); ``missing=True``: only the
        データ不足 (lower than the year before for missing data), ``False``: only the others.

        ``rank=0`` without a persona counts the people evaluated who reached no step (Step未満),
        as the cohorts do: not those of a persona without a ladder (:attr:`ladderless`, 評価対象外,
        recorded at rank 0; :attr:`CohortCell.no_ladder`). With such a persona, ``rank=0``
        counts its people."""
        pid = self._persona(persona)
        if missing is None and rank is not None:
            missing = False
        apart = self.ladderless if pid is None and rank == 0 else frozenset()
        return sum(
            c.n
            for c in self.counts
            if c.year == year
            and (pid is None or c.persona == pid)
            and c.persona not in apart
            and (department is None or c.department == department)
            and (rank is None or c.rank == rank)
            and (missing is None or c.missing == missing)
        )

    def flow(
        self,
        from_year: int,
        to_year: int,
        persona: Any = None,
        *,
        department: str | None = None,
        from_rank: int | None = -1,
        to_rank: int | None = -1,
    ) -> int:
        """People flowing between two ranks (``None``: arrived/left; ``-1``: any; with a
        ``to_rank``, not the データ不足)."""
        pid = self._persona(persona)
        return sum(
            f.n
            for f in self.flows
            if (f.from_year, f.to_year) == (from_year, to_year)
            and (pid is None or f.persona == pid)
            and (department is None or f.department == department)
            and (from_rank in (-1, f.from_rank))
            and (to_rank in (-1, f.to_rank))
            and (to_rank == -1 or not f.missing)
        )

    def conversion(
        self, from_year: int, to_year: int, persona: Any, from_rank: int = 1, to_rank: int = 2
    ) -> float | None:
        """Share of those at ``from_rank`` in ``from_year`` (and still there, their rank decided)
        who reached ``to_rank`` or above."""
        pid = self._persona(persona)
        base = [f for f in self.flows if (f.from_year, f.to_year, f.from_rank) == (from_year, to_year, from_rank)]
        base = [f for f in base if f.persona == pid and f.to_rank is not None and not f.missing]
        total = sum(f.n for f in base)
        if not total:
            return None
        return sum(f.n for f in base if f.to_rank is not None and f.to_rank >= to_rank) / total

    def trajectory(self, persona: Any, rank: int) -> list[tuple[int, int, int]]:
        """The recorded trajectory of "people of ``persona`` at ``rank`` or above": ``(year, n, of)`` per 年度.

        What a target's baseline and current value read from the history (not a straight line);
        the データ不足 (lower for missing data) are among ``of``, not ``n``.
        """
        pid = self._persona(persona)
        out = []
        for y in self.years:
            of = self.count(y, pid)
            n = sum(c.n for c in self.counts if c.year == y and c.persona == pid and c.rank >= rank and not c.missing)
            out.append((y, n, of))
        return out

    def year_before(self, year: int) -> int | None:
        """The latest recorded 年度 before ``year`` (``None`` when there is none)."""
        return max((y for y in self.years if y < year), default=None)

    def achievement(self, year: int) -> list[tuple[str, int | None, int, int, int]]:
        """前年度の達成状況: per persona and rank, ``(persona, rank, n in year-1, n in year, change)``;
        rank ``None``: データ不足 (people lower than the year before for missing data only,
        counted apart from the ranks, after them).

        The year before is :meth:`year_before` (0 people when none).
        """
        before = self.year_before(year)
        shown = [c for c in self.counts if c.year in (year, before)]
        keys = sorted({(c.persona, c.rank) for c in shown if not c.missing})
        keys += sorted({(c.persona, -1) for c in shown if c.missing})
        rows: list[tuple[str, int | None, int, int, int]] = []
        for pid, rank in sorted(keys, key=lambda k: (k[0], k[1] < 0, k[1])):
            r, gone = (None, True) if rank < 0 else (rank, False)
            a = self.count(before, pid, rank=r, missing=gone) if before is not None else 0
            b = self.count(year, pid, rank=r, missing=gone)
            rows.append((pid, r, a, b, b - a))
        return rows

    def moves(self, from_year: int, to_year: int) -> list[Move]:
        """Who moved up or down a step between two 年度, and the leaves that changed: of every
        step crossed (up from Step未満 to Step2: those of Step1 and of Step2; :class:`Move`)."""
        old = {a.staff_key: a for a in self._store.assessments(from_year, municipality=self.municipality)}
        new = {a.staff_key: a for a in self._store.assessments(to_year, municipality=self.municipality)}
        same_catalog = self._digest_ok(from_year) and self._digest_ok(to_year)
        missing = {u.staff_key for u in self.undecided if (u.from_year, u.year) == (from_year, to_year)}
        out: list[Move] = []
        for k in sorted(old.keys() & new.keys()):
            a, b = old[k], new[k]
            ra, rb = self._rank(from_year, k, a.persona, a.rank), self._rank(to_year, k, b.persona, b.rank)
            pa, pb = (
                self._overrides.get((from_year, k), (a.persona, ra))[0],
                self._overrides.get((to_year, k), (b.persona, rb))[0],
            )
            if pa != pb or ra == rb:
                continue
            crossed: list[tuple[str, Unmet]] = []
            if same_catalog:  # up: what last year's record lacked; down: what this year's lacks
                crossed = crossed_leaves(self._cat, pa, a.record if rb > ra else b.record, ra, rb)
                crossed = [(s, u) for s, u in crossed if k not in missing or u.status == "unknown"]
            out.append(
                Move(
                    from_year,
                    to_year,
                    k,
                    pb,
                    b.department,
                    ra,
                    rb,
                    tuple(u.id for _s, u in crossed),
                    tuple(u for _s, u in crossed),
                    crossed[0][0] if crossed else None,
                    b.id,
                    k in missing,
                    tuple(s for s, _u in crossed),
                )
            )
        return out

    def reasons(self, move: Move, lang: str = "ja") -> list[str]:
        """The leaves of a move in words, as a 課長 reads them (``lang``: ``ja`` or ``en``):
        ``研修受講済: DXの必要性の理解``, ``DX案件リード年数 1以上`` — what was newly met for a
        move up, what is now unmet for a move down, of every step crossed (lowest step first).
        Uses the describer of ``skillframe show``
        (:func:`skillframe.conditions.describe.describe_condition`); a leaf without its
        condition (made under another catalog) is shown by its id."""
        steps = move.leaf_steps or ((move.step,) * len(move.unmet) if move.step is not None else ())
        if len(move.unmet) != len(move.leaves) or len(steps) != len(move.unmet):
            return list(move.leaves)
        return [describe_leaf(self._cat, u, self._cat.step(s), lang) for s, u in zip(steps, move.unmet, strict=True)]

    def people(self, year: int) -> dict[str, Placement]:
        """Everyone recorded in ``year``, by staff key: persona, 課 and rank (as counted)."""
        out = {}
        for a in self._store.assessments(year, municipality=self.municipality):
            persona, rank = self._overrides.get((year, a.staff_key), (a.persona, a.rank))
            out[a.staff_key] = Placement(year, a.staff_key, persona, a.department, rank, a.id)
        return out

    def arrivals(self, from_year: int, to_year: int) -> list[str]:
        """Staff keys recorded in ``to_year`` but not in ``from_year`` (their persona and 課:
        :meth:`people` of ``to_year``)."""
        return sorted(self._keys(to_year) - self._keys(from_year))

    def leavers(self, from_year: int, to_year: int) -> list[str]:
        """Staff keys recorded in ``from_year`` but not in ``to_year`` (their persona and 課:
        :meth:`people` of ``from_year``)."""
        return sorted(self._keys(from_year) - self._keys(to_year))

    # -- helpers ----------------------------------------------------------------------

    def _keys(self, year: int) -> set[str]:
        return {a.staff_key for a in self._store.assessments(year, municipality=self.municipality)}

    def _rank(self, year: int, key: str, persona: str, rank: int) -> int:
        return self._overrides.get((year, key), (persona, rank))[1]

    def _digest_ok(self, year: int) -> bool:
        return self._digests.get(year) == {self.catalog.digest} or year in self._reevaluated

    @property
    def _digests(self) -> dict[int, set[str]]:
        return _year_digests(self._store, self.municipality, self.years)[0]

    @property
    def _reevaluated(self) -> set[int]:
        return {c.year for c in self.changed} | {y for (y, _k) in self._overrides}

    def _persona(self, persona: Any) -> str | None:
        if persona is None:
            return None
        key = getattr(persona, "id", persona)
        return str(self._cat.persona(str(key)).id)


def crossed_leaves(
    catalog: Catalog, persona: str, record: Any, from_rank: int, to_rank: int
) -> list[tuple[str, Unmet]]:
    """``(step id, leaf)`` of every step crossed between two ranks (steps ``lower+1 .. higher``, lowest
    first) that ``record`` does not meet (unmet or unknown), each leaf once: for a move up the
    earlier year's record (what it lacked), for a move down the later one's (what it lacks now).
    A step crossed may give none (its own rule still met: the step below it was lost or gained).

    >>> import skillframe
    >>> cat = skillframe.load()
    >>> rec = {"id": "Z1", "trainings": "なし", "dx_lead_years": 0}
    >>> [(s.split(":")[1], u.id) for s, u in crossed_leaves(cat, "DX推進員", rec, 0, 2)][-2:]
    [('dx-promoter-step1', 'trained:tokyo-wg-2025:it-governance'), ('dx-promoter-step2', 'dx_lead_years>=1')]
    """
    from ..engine.ladder import compile_ladder

    ladder = compile_ladder(catalog, persona)
    low, high = sorted((from_rank, to_rank))
    out: list[tuple[str, Unmet]] = []
    seen: set[str] = set()
    for rank in range(low, min(high, len(ladder.steps))):  # the leaves of the step above ``rank``
        for u in ladder.evaluation(record, rank).unmet:
            if u.id not in seen:
                seen.add(u.id)
                out.append((ladder.steps[rank].id, u))
    return out


def describe_leaf(catalog: Catalog, unmet: Unmet, step: Any, lang: str = "ja") -> str:
    """One leaf (a :class:`~skillframe.Unmet` of ``step``) as the condition it asks, in words:
    a training or DSM leaf names its one skill (``研修受講済: <skill label>``), a number leaf
    its field and minimum (``DX案件リード年数 1以上`` / ``years leading DX projects ≥ 1``).

    >>> import skillframe
    >>> cat = skillframe.load()
    >>> ev = skillframe.evaluate(cat, "DX推進員", {"id": "A", "trainings": "なし"})
    >>> describe_leaf(cat, ev.unmet[0], ev.next_step)
    '研修受講済: DXの必要性理解'
    >>> describe_leaf(cat, ev.unmet[0], ev.next_step, "en")
    'training completed for: Understanding the need for DX'
    >>> step1 = ";".join(cat.step_skills("dx-promoter-step1"))
    >>> ev = skillframe.evaluate(cat, "DX推進員", {"id": "A", "trainings": step1, "dx_lead_years": 0})
    >>> [(u.id, describe_leaf(cat, u, ev.next_step)) for u in ev.unmet]
    [('dx_lead_years>=1', 'DX案件リード年数 1以上')]
    """
    from .. import model as m
    from ..conditions.describe import describe_condition, label

    cond: Any = unmet.condition
    if unmet.subject is not None:  # the one skill or tool this leaf is about
        if isinstance(cond, m.Trained):  # the words of describe_condition, for this one skill
            name = label(catalog, unmet.subject, lang)
            return f"training completed for: {name}" if lang == "en" else f"研修受講済: {name}"
        if isinstance(cond, m.DsmLevel):
            cond = attrs.evolve(cond, skills=(unmet.subject,))
        elif isinstance(cond, m.ToolsAtLeast):
            cond = attrs.evolve(cond, tools=(unmet.subject,), deployed=False)
    text = describe_condition(catalog, cond, step, lang)
    return text[1:-1] if text.startswith("(") and text.endswith(")") else text


def _year_digests(
    store: HistoryStore, muni: str, years: Iterable[int]
) -> tuple[dict[int, set[str]], dict[str, CatalogFingerprint]]:
    import sqlalchemy as sa

    ys = list(years)
    q = (
        sa.select(ASSESSMENTS.c.fiscal_year, RUNS.c.catalog_digest, RUNS.c.catalog_versions)
        .join(RUNS, RUNS.c.id == ASSESSMENTS.c.run_id)
        .where(ASSESSMENTS.c.municipality == muni, ASSESSMENTS.c.fiscal_year.in_(ys))
        .distinct()
    )
    digests: dict[int, set[str]] = {}
    prints: dict[str, CatalogFingerprint] = {}
    with store.engine.connect() as conn:
        for year, digest, versions in conn.execute(q):
            digests.setdefault(int(year), set()).add(str(digest))
            prints[str(digest)] = CatalogFingerprint(digest=str(digest), versions=json.loads(versions))
    return digests, prints


def build_history(
    store: HistoryStore,
    catalog: Catalog | None,
    *,
    municipality: str | None,
    from_year: int | None,
    to_year: int | None,
    reevaluate: bool,
    _in_python: bool = False,
) -> History:
    """Build a :class:`History` (see :meth:`HistoryStore.history`)."""
    from .._load import load

    cat = catalog if catalog is not None else load()
    current = catalog_fingerprint(cat)
    with store.engine.connect() as conn:
        muni = resolve_municipality(conn, municipality)
    recorded = store.years(muni)
    years = tuple(y for y in recorded if (from_year is None or y >= from_year) and (to_year is None or y <= to_year))
    if not years:
        raise no_years(muni, recorded, store.municipalities(), from_year, to_year)
    digests, prints = _year_digests(store, muni, years)
    stale = sorted(y for y in years if digests.get(y) != {current.digest})
    changed: list[ChangedResult] = []
    overrides: dict[tuple[int, str], tuple[str, int]] = {}
    unloaded = unloaded_frameworks(current, digests, prints, stale)
    if unloaded and not reevaluate:  # not another version: a framework left out (--catalog forgotten)
        raise catalog_not_loaded(unloaded)
    if stale and not reevaluate:
        raise _other_catalog(current, {y: digests[y] for y in stale}, prints)
    for y in stale:
        for a, ev in _reevaluate(store, cat, muni, y, unloaded):
            overrides[(y, a.staff_key)] = (ev.persona.id, ev.rank)
            new_step = ev.step.id if ev.step is not None else None
            if (ev.persona.id, ev.rank, new_step) != (a.persona, a.rank, a.step):
                old = prints[_run_digest(store, a.run_id)].short
                changed.append(
                    ChangedResult(y, a.staff_key, ev.persona.id, a.rank, ev.rank, a.step, new_step, old, a.id)
                )
    apart = ladderless(cat)  # their people: rank 0, never evaluated (the cohorts count them apart)
    if overrides or _in_python:
        rows = list(python_rows(store, muni, years, overrides))
        counts, flows, cohorts = count_in_python(rows, years, apart)
    else:
        with store.engine.connect() as conn:
            counts, flows, cohorts = count_in_sql(conn, muni, years, apart)
    undecided = find_undecided(store, cat, muni, years, overrides)
    if undecided:
        counts = set_apart(counts, Counter((u.year, u.persona, u.department, u.rank) for u in undecided))
        flows = set_apart(
            flows,
            Counter((u.from_year, u.year, u.persona, u.department, u.from_rank, u.rank) for u in undecided),
        )
        first = _first_years(store, muni, years, {u.staff_key for u in undecided})
        # (cohort, year, rank, no_ladder): a persona without a ladder never falls for missing data
        cohorts = set_apart(cohorts, Counter((first[u.staff_key], u.year, u.rank, False) for u in undecided))
    return History(
        municipality=muni,
        years=years,
        catalog=current,
        counts=tuple(counts),
        flows=tuple(flows),
        cohorts=tuple(cohorts),
        changed=tuple(changed),
        undecided=tuple(undecided),
        ladderless=apart,
        store=store,
        cat=cat,
        overrides=overrides,
    )


def _other_catalog(
    current: CatalogFingerprint, digests: dict[int, set[str]], prints: dict[str, CatalogFingerprint]
) -> HistoryError:
    """``catalog-versions-mixed``: the years recorded under another catalog, grouped by what differs
    from the current one (:func:`catalog_difference`: an overlay added, a version, the content)."""
    years: dict[str, list[int]] = {}
    for y, ds in sorted(digests.items()):
        for d in sorted(ds):
            years.setdefault(d, []).append(y)
    said = [(ys, catalog_difference(current, prints[d])) for d, ys in years.items()]
    ja = "; ".join(f"{'・'.join(map(str, ys))}年度 — {j}" for ys, (j, _e) in said)
    en = "; ".join(f"{', '.join(f'FY{y}' for y in ys)} — {e}" for ys, (_j, e) in said)
    return HistoryError(
        "catalog-versions-mixed",
        f"現在のカタログと違うカタログで記録された年度があります: {ja}。"
        "現在のカタログで再評価するには --reevaluate（Python では reevaluate=True）を指定してください",
        f"years recorded under another catalog than the current one: {en}. "
        "Use --reevaluate (Python: reevaluate=True) to re-evaluate them under the current one",
    )


def _first_years(store: HistoryStore, muni: str, years: tuple[int, ...], keys: set[str]) -> dict[str, int]:
    """The first of ``years`` each of ``keys`` is recorded in (their cohort)."""
    import sqlalchemy as sa

    a = ASSESSMENTS.c
    q = (
        sa.select(a.staff_key, sa.func.min(a.fiscal_year))
        .where(a.municipality == muni, a.fiscal_year.in_(years), a.staff_key.in_(sorted(keys)))
        .group_by(a.staff_key)
    )
    with store.engine.connect() as conn:
        return {str(k): int(y) for k, y in conn.execute(q)}


def _run_digest(store: HistoryStore, run_id: int) -> str:
    import sqlalchemy as sa

    with store.engine.connect() as conn:
        return str(conn.execute(sa.select(RUNS.c.catalog_digest).where(RUNS.c.id == run_id)).scalar_one())


def _reevaluate(
    store: HistoryStore, cat: Catalog, muni: str, year: int, unloaded: dict[str, list[int]]
) -> Iterator[tuple[Any, Any]]:
    from ..engine.evaluate import evaluate_many
    from ..errors import LookupFailed, StaffDataError

    stored = store.assessments(year, municipality=muni)
    pairs = zip(stored, evaluate_many(cat, None, [a.record for a in stored]), strict=True)
    while True:  # lazily, as evaluated; a persona or training of a framework not loaded: --catalog
        try:
            pair = next(pairs)
        except StopIteration:
            return
        except (LookupFailed, StaffDataError) as exc:
            if unloaded:
                raise catalog_not_loaded(unloaded) from exc
            raise
        yield pair
