"""A persona's ladder, compiled once to Python code: read a record, find its rank.

:func:`compile_ladder` turns the steps of one persona into a :class:`Ladder`, cached per
(catalog, persona, registry, settings) in the catalog itself, so the cache goes with the
catalog. Step ``k`` is reached when the rules of steps ``1..k`` all hold (are ``True``).

The generated code has two ways of reading a record into the fact locals, with the same
result: a plain ``dict`` whose keys are all plain columns (``id``, ``trainings``,
``dx_lead_years``…) is read inline — a value already of the parsed type is taken as it
is, anything else goes through the same parser — and every other record goes through
:class:`~skillframe.engine.facts.FactReader`. Either way every value is parsed and every
key resolved before the rank is decided. The rank itself is one ``if``/``elif`` chain
over the steps' ``true`` expressions (:mod:`skillframe.engine.compile`).
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from .. import model as m
from .._cache import compiled
from .._keys import KeyResolver
from ..conditions.registry import Registry
from ..errors import LookupFailed, RuleError, SkillframeError, StaffDataError, bilingual
from ..staff.record import StaffRecord
from . import source
from .compile import Node, NodeCompiler
from .facts import FactReader, Facts, record_id
from .memo import MEMO_MAX, ValueMemo, nones
from .result import Evaluation, Origin
from .settings import EvaluationSettings

if TYPE_CHECKING:
    from .._catalog import Catalog

__all__ = ["Ladder", "compile_ladder", "ladder_of_rules", "persona_id"]

#: How many records ``run_many`` evaluates at a time (results held at most).
_BATCH = 1024  # measured: 256 costs ~15% more per record (GC and per-batch work), 16384 ~60%
_BIG = 10**15  # numbers below this (and ≥ 0) are taken as they are; the parser decides the rest

_END: Any = object()  # no record (the end of the records)
_SWITCHES = 256  # changes of loop allowed before the general loops take every remaining record
_chain = itertools.chain
_islice = itertools.islice


class Ladder(Origin):
    """The compiled ladder of one persona.

    ``steps`` are the persona's steps in rank order, ``nodes`` their compiled rules.
    :meth:`facts` reads a record, :meth:`rank_of` ranks facts, :meth:`run` /
    :meth:`run_many` / :meth:`ranks` do both (validating every record completely).
    """

    def __init__(  # noqa: PLR0917 - built by compile_ladder only
        self,
        catalog: Catalog,
        persona: m.Persona,
        steps: tuple[m.Step, ...],
        nodes: tuple[Node, ...],
        settings: EvaluationSettings,
        registry: Registry,
        reader: FactReader,
        namespace: dict[str, Any],
        groups: Iterable[frozenset[str]] = (),
    ) -> None:
        self.catalog = catalog
        self.persona = persona
        self.steps = steps
        self.nodes = nodes
        self.settings = settings
        self.registry = registry
        self.reader = reader
        self.source = ""
        self.memo = ValueMemo(reader, groups)
        self._shapes: dict[tuple[Any, ...], tuple[Any, Any] | None] = {}
        self._shape_code: dict[frozenset[str], tuple[Any, Any]] = {}
        ns = self._generate(namespace)
        self._ns = ns
        self._facts: Callable[[Any], Facts] = ns["facts"]
        self.rank_of: Callable[[Facts], int] = ns["rank_of"]
        self.run: Callable[[Any], Evaluation] = ns["run"]
        # the loops for any record (``_general``) and, built on first use, one pair per set of
        # plain keys (``_shape``): (ranks loop, evaluations loop)
        self._general: tuple[Any, Any] = (ns["ranks"], ns["run_batch"])

    def __repr__(self) -> str:
        return f"<Ladder {self.persona.id} steps={len(self.steps)}>"

    def facts(self, record: Any) -> Facts:
        """A record's facts (every value parsed, every key resolved); raises as :meth:`run` does."""
        try:
            return self._facts(record)
        except (ValueError, LookupFailed) as exc:
            raise self.bad(record, exc) from None

    def leaf_outcomes(self, rank: int, record: Any) -> tuple[bool | None, ...]:
        """The three-valued outcome of each leaf of the step above ``rank`` (``()`` at the top)."""
        if rank >= len(self.nodes):
            return ()
        x = self.facts(record)
        return tuple(check(x) for check in self._leaf_checks[rank])

    def keyed(self, records: Iterable[Any]) -> list[tuple[int, tuple[bool | None, ...]]]:
        """``(rank, leaf outcomes)`` of each record, in order, in one pass (no Evaluation objects).

        The outcomes are :meth:`leaf_outcomes` of the rank (what
        :attr:`~skillframe.Evaluation.unmet_key` gives): records with equal pairs have the
        same unmet leaves. A bad record raises as :meth:`ranks` does.
        """
        out: list[tuple[int, tuple[bool | None, ...]]] = []
        return self._ns["keyed"](iter(records), out)  # type: ignore[no-any-return]

    def evaluation(self, record: Any, rank: int) -> Evaluation:
        """The :class:`~skillframe.Evaluation` of a record already ranked by this ladder."""
        e = Evaluation()
        e.record, e.rank, e._ladder = record, rank, self
        return e

    def step_check(self, index: int, x: Facts) -> bool | None:
        """The three-valued truth of the rule of ``steps[index]`` for facts ``x``."""
        check = self.nodes[index].check
        assert check is not None
        return check(x)

    def evaluate(self, record: Any) -> Evaluation:
        """One :class:`~skillframe.Evaluation` (:class:`~skillframe.StaffDataError` on a bad record)."""
        try:
            return self.run(record)
        except (ValueError, LookupFailed) as exc:
            raise self.bad(record, exc) from None

    def run_many(self, records: Iterable[Any]) -> Iterator[Evaluation]:
        """Evaluations for records, lazily, in order; at most one batch of results is held.

        A bad record ends its batch: the evaluations before it are handed out, then its
        error is raised.
        """
        if records.__class__ is list or records.__class__ is tuple:
            return itertools.chain.from_iterable(self._sequence_batches(records))
        return itertools.chain.from_iterable(self._batches(iter(records)))

    def ranks(self, records: Iterable[Any]) -> list[int]:
        """The rank of each record, in order (no Evaluation objects)."""
        out: list[int] = []
        switches = 0
        if records.__class__ is list or records.__class__ is tuple:
            # a list or tuple: each loop reads its iterator, set to the record it starts at
            # (one loop takes every record of one shape; none is put back in front of the rest)
            seq: Any = records
            n = len(seq)
            it = iter(seq)
            while (i := len(out)) < n:
                r = seq[i]
                loop = self._loops(r) if switches < _SWITCHES else self._general
                switches += 1
                it.__setstate__(i)
                loop[0](it, out)
                if len(out) == i:  # pragma: no cover - a loop picked for r always takes r
                    switches = _SWITCHES
            return out
        it = iter(records)
        r = next(it, _END)
        while r is not _END:
            loop = self._loops(r) if switches < _SWITCHES else self._general
            switches += 1
            r = loop[0](_chain((r,), it), out)
        return out

    def bad(self, record: Any, exc: Exception) -> Exception:
        """The error for a record that failed: the reader's own error, whichever path found it."""
        try:  # what the reader says of the whole record (a bad value before an unknown key)
            self.reader.facts(record)
        except (ValueError, LookupFailed) as canonical:
            exc = canonical
        if isinstance(exc, LookupFailed) and exc.record_id is None:  # which record's key
            exc = exc.of_record(record_id(record))
        if isinstance(exc, SkillframeError):
            return exc
        return StaffDataError(f"record {record_id(record)}", str(exc), code="bad-value")

    def _batches(self, it: Iterator[Any]) -> Iterator[list[Evaluation]]:
        r = next(it, _END)
        switches = 0
        while r is not _END:
            batch: list[Evaluation] = []
            error = None
            while r is not _END and len(batch) < _BATCH:
                loop = self._loops(r) if switches < _SWITCHES else self._general
                switches += 1
                r, error = loop[1](_islice(_chain((r,), it), _BATCH - len(batch)), batch)
                if error is not None:
                    break
            if batch:
                yield batch
            if error is not None:
                raise error
            if r is _END and len(batch) == _BATCH:
                r = next(it, _END)

    def _sequence_batches(self, seq: list[Any] | tuple[Any, ...]) -> Iterator[list[Evaluation]]:
        """As :meth:`_batches`, for a list or tuple: each loop reads a slice of one batch (no
        record is put back in front of the rest: the plain loop over a slice is the fastest)."""
        n = len(seq)
        start = 0
        switches = 0
        while start < n:
            stop = min(start + _BATCH, n)
            batch: list[Evaluation] = []
            error = None
            while (i := start + len(batch)) < stop:
                loop = self._loops(seq[i]) if switches < _SWITCHES else self._general
                switches += 1
                _, error = loop[1](iter(seq[i:stop]), batch)
                if error is not None:
                    break
                if start + len(batch) == i:  # pragma: no cover - a loop picked for r always takes r
                    switches = _SWITCHES
            if batch:
                yield batch
            if error is not None:
                raise error
            start = stop

    def _loops(self, r: Any) -> tuple[Any, Any]:
        """The loops for records shaped like ``r``: a plain dict of plain columns gets loops
        specialised to its set of keys (no look-up of absent keys, no per-key test); any
        other record the general loops. Both read every value the same way."""
        if r.__class__ is not dict:
            return self._general
        keys = tuple(r)
        hit = self._shapes.get(keys, _END)
        if hit is _END:
            if len(self._shapes) >= 256:
                self._shapes.clear()
            hit = self._shapes[keys] = self._shape(keys)
        return self._general if hit is None else hit

    # -- code generation -----------------------------------------------------------------

    def _generate(self, ns: dict[str, Any]) -> dict[str, Any]:
        """Put the source together (:mod:`skillframe.engine.source`), fill ``ns``, compile."""
        self._uses_x = uses_x = any(n.uses_x for n in self.nodes)
        self._chain_src = chain = source.chain_source(self.nodes)
        self._needs_t = source.needs_t(self.nodes)
        read = source.read_source(uses_x, self._needs_t)
        parse_number, parse_bool, parse_text, max_chars = _parsers()
        memo = self.memo
        ns.update(
            _facts=self.reader.facts,
            _tm=memo.tv_memo,
            _tv=memo.tv,
            _tv_raw=memo.tv_raw,
            _tl=memo.tl,
            _SR=StaffRecord,
            _tsr=memo.record_tv_memo,
            _tsr_read=memo.record_tv,
            _dsm_levels=self.reader.dsm_levels,
            _tools_levels=self.reader.tools_levels,
            _nones=nones,
            _TV0=memo.tv_none,
            _num=parse_number,
            _bool=parse_bool,
            _text=parse_text,
            _BIG=_BIG,
            _MAXC=max_chars,
            _MEMO_MAX=MEMO_MAX,
            _E=Evaluation,
            _L=self,
            _END=_END,
            _islice=itertools.islice,
            _ERRORS=(ValueError, LookupFailed, RuleError),  # a batch hands out what came before its error (H-I)
            _bad=self.bad,
            _lo=self._outcomes_of,
        )
        body = [*read, *chain]
        keyed_body = [
            *read,
            *([] if uses_x else ["t = tv[0]"]),
            *chain,
            *source.signature_source(self.nodes, uses_x, ns),
        ]
        checks: list[Node] = []
        source.all_nodes(self.nodes, checks)
        src = [
            "def rank_of(x):",
            *("    " + line for line in source.UNPACK),
            *("    " + line for line in chain),
            "    return k",
            "",
            "def run(r):",
            *("    " + line for line in body),
            *("    " + line for line in source.MAKE),
            "    return e",
            "",
            "def rank1(r):",
            *("    " + line for line in body),
            "    return k",
            "",
            *source.loop_source("", body, ns),
            "",
            *source.keyed_source(keyed_body, ns),
            "",
            *source.facts_source(read, uses_x),
            *source.checks_source(checks),
        ]
        self.source = "\n".join(src)
        exec(compiled(self.source, f"<skillframe ladder {self.persona.id}>"), ns)
        for i, node in enumerate(checks):
            node.check = ns[f"_c{i}"]
        if not uses_x:
            self._share_checks(ns)
        self._leaf_checks = [tuple(_leaf_checks(node)) for node in self.nodes]
        return ns

    def _outcomes_of(self, rank: int, x: Facts) -> tuple[bool | None, ...]:
        return tuple(check(x) for check in self._leaf_checks[rank])

    def _share_checks(self, ns: dict[str, Any]) -> None:
        """Explanations check every node of a step for the same facts: work out all of them in
        one generated function and let each node's check read its outcome (remembered for
        the last facts, per step). Only without custom or ``step`` conditions, which must be
        called only where the rules' logic reaches them."""
        for s, root in enumerate(self.nodes):
            src, nodes = source.outcomes_source(s, root)
            exec(compiled("\n".join(src), f"<skillframe ladder {self.persona.id} step {s + 1}>"), ns)
            slot: list[tuple[Any, tuple[bool | None, ...]]] = [(None, ())]
            for idx, n in enumerate(nodes):
                n.check = _shared_check(ns[f"_o{s}"], idx, slot)

    def _shape(self, keys: tuple[Any, ...]) -> tuple[Any, Any] | None:
        """The loops for plain dicts with exactly these keys (``None``: not plain columns)."""
        if self._uses_x or "id" not in keys or not all(k.__class__ is str and k in source.PLAIN for k in keys):
            return None
        fields = frozenset(keys)
        hit = self._shape_code.get(fields)
        if hit is not None:
            return hit
        order = sorted(fields)
        name = f"_s{len(self._shape_code)}"
        ns = self._ns
        getter = f"_g{name}"
        ns[getter] = operator.itemgetter(*order)
        ns["_rank1"] = ns["rank1"]
        head, body = source.shape_source(order, getter, self._needs_t, self._chain_src)
        src = source.loop_source(name, body, ns, head=head)
        exec(compiled("\n".join(src), f"<skillframe ladder {self.persona.id} keys {','.join(order)}>"), ns)
        hit = self._shape_code[fields] = (ns[f"ranks{name}"], ns[f"run_batch{name}"])
        return hit


def _parsers() -> tuple[Callable[[object], Any], Callable[[object], Any], Callable[[object], Any], int]:
    from ..staff.values import MAX_CELL_CHARS, parse_bool, parse_number, parse_text

    return parse_number, parse_bool, parse_text, MAX_CELL_CHARS


def _shared_check(
    outcomes: Callable[[Facts], tuple[bool | None, ...]], idx: int, slot: list[tuple[Any, tuple[bool | None, ...]]]
) -> Callable[[Facts], bool | None]:
    def check(x: Facts) -> bool | None:
        last = slot[0]
        if last[0] is not x:  # the facts tuple is kept in the slot: its identity is not reused
            last = slot[0] = (x, outcomes(x))
        return last[1][idx]

    return check


def _leaf_checks(node: Node) -> Iterator[Callable[[Facts], bool | None]]:
    if node.kind == "leaf" and node.check is not None:
        yield node.check
    for kid in node.children:
        yield from _leaf_checks(kid)


# ---------------------------------------------------------------------------
# Compilation and its cache (held by the catalog: dropped with it, never pickled)


class _EngineCache(dict[Any, Any]):
    """Compiled ladders and the key resolver of one catalog; pickles as empty."""

    def __reduce__(self) -> tuple[Any, ...]:
        return (_EngineCache, ())


def _cache(catalog: Catalog) -> _EngineCache:
    attrs_ = vars(catalog)
    cache = attrs_.get("_engine_cache")
    if cache is None:
        cache = attrs_["_engine_cache"] = _EngineCache()
    assert isinstance(cache, _EngineCache)
    return cache


def resolver(catalog: Catalog) -> KeyResolver:
    """The key resolver of a catalog (one per catalog, cached with its ladders)."""
    cache = _cache(catalog)
    res = cache.get("resolver")
    if res is None:
        res = cache["resolver"] = KeyResolver(catalog)
    assert isinstance(res, KeyResolver)
    return res


def persona_id(catalog: Catalog, persona: str | m.Persona) -> str:
    """The qualified id of a persona given as a key or as a :class:`~skillframe.Persona`."""
    if isinstance(persona, m.Persona):
        return persona.id
    # a key naming several personas where the catalog's choice has no ladder but another has
    # (DX推進リーダー) is ambiguous: KeyResolver.ladder_persona (H-H, staff reading)
    return resolver(catalog).ladder_persona(persona)


def _compile(
    catalog: Catalog,
    persona: str | m.Persona,
    registry: Registry,
    settings: EvaluationSettings,
    ladders: dict[str, Ladder | None],
) -> Ladder:
    pid = persona_id(catalog, persona)
    if pid in ladders:
        done = ladders[pid]
        if done is None:
            raise RuleError(
                "step", None, RecursionError(bilingual("step 条件が循環しています", "step conditions form a cycle"))
            )
        return done
    cache = _cache(catalog)
    key = (pid, registry, registry.version, settings)
    hit = cache.get(key)
    if hit is not None:
        assert isinstance(hit, Ladder)
        return hit
    ladders[pid] = None
    ladder = _build(catalog, catalog.persona(pid), tuple(catalog.steps(pid)), registry, settings, ladders)
    ladders[pid] = ladder
    cache[key] = ladder
    return ladder


def _build(  # noqa: PLR0917 - private
    catalog: Catalog,
    p: m.Persona,
    steps: tuple[m.Step, ...],
    registry: Registry,
    settings: EvaluationSettings,
    ladders: dict[str, Ladder | None],
) -> Ladder:
    comp = NodeCompiler(catalog, p.id, registry, settings, lambda k: _compile(catalog, k, registry, settings, ladders))
    nodes = []
    for st in steps:
        comp.step = st
        nodes.append(comp.compile(st.rule))
    reader = FactReader(catalog, resolver(catalog), p.id, registry.get_aggregation(settings.aggregation))
    return Ladder(catalog, p, steps, tuple(nodes), settings, registry, reader, comp.ns, comp.groups)


def ladder_of_rules(
    catalog: Catalog,
    persona: str | m.Persona,
    rules: Iterable[m.Condition | None],
    *,
    registry: Registry | None = None,
    settings: EvaluationSettings | None = None,
) -> Ladder:
    """A ladder of a persona whose steps have ``rules`` (rank 1, 2, …), compiled now, not cached.

    For trying rules without writing a catalog (tests of the rule language):

    >>> import skillframe
    >>> from skillframe.conditions.ast import NumberAtLeast
    >>> lad = ladder_of_rules(skillframe.load(), "DX推進員", [NumberAtLeast(field="dx_lead_count", min=2)])
    >>> lad.ranks([{"id": "a", "dx_lead_count": 2}, {"id": "b", "dx_lead_count": "1件"}, {"id": "c"}])
    [1, 0, 0]
    """
    from ..conditions.registry import default_registry

    p = catalog.persona(persona_id(catalog, persona))
    steps = tuple(
        m.Step(id=f"{p.id.split(':', 1)[-1]}-rule{i}", persona=p.id, rank=i, label=f"Rule {i}", rule=rule)
        for i, rule in enumerate(rules, start=1)
    )
    return _build(catalog, p, steps, registry or default_registry, settings or EvaluationSettings(), {p.id: None})


def compile_ladder(
    catalog: Catalog,
    persona: str | m.Persona,
    *,
    registry: Registry | None = None,
    settings: EvaluationSettings | None = None,
) -> Ladder:
    """The compiled ladder of a persona (a key or a Persona), cached per catalog, persona, registry and settings.

    Raises :class:`~skillframe.UnknownKeyError` for an unknown persona and
    :class:`~skillframe.RuleError` for a custom rule whose parameters do not structure
    or for ``step`` conditions that form a cycle.
    """
    from ..conditions.registry import default_registry

    return _compile(catalog, persona, registry or default_registry, settings or EvaluationSettings(), {})
