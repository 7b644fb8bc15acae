"""The step-rule compiler: conditions → closures over a record's pre-resolved facts.

A ladder (the steps of one persona) compiles once per catalog, persona, registry and
:class:`EvaluationSettings` into a :class:`Ladder`; the result is cached. Compiling
resolves every skill and tool id, structures custom-rule parameters and reads the
deployed tools, so that evaluating a record is a handful of closure calls.

Truth is three-valued: ``True`` met, ``False`` unmet, ``None`` unknown (the record lacks
the value). ``all`` is ``False`` when any part is, else ``None`` when any part is
unknown; ``any`` the dual; ``not`` keeps unknown unknown. A step is reached only when
its rule is ``True`` and every lower step is reached.

A record is read once into *facts*, a tuple: the record itself, the trained skill ids
(``frozenset``), DSM levels, effective tool levels, the three numbers and mentoring —
each ``None`` when unknown, and only the facts the ladder needs are computed.
"""

from __future__ import annotations

import itertools
import re
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from . import model as m
from ._graph import trained_skills
from ._registry import Registry, RuleResult, default_registry
from ._staff import KeyResolver, StaffRecord, parse_bool, parse_keys, parse_level, parse_number
from .errors import LookupFailed, RuleError, SkillframeError, bilingual

if TYPE_CHECKING:
    from ._catalog import Catalog

__all__ = ["EvaluationSettings", "Ladder", "Leaf", "Node", "RuleContext", "compile_ladder"]

# Facts layout (a tuple, for speed)
REC, TRAINED, DSM, TOOLS, PROJECT_YEARS, LEAD_YEARS, LEAD_COUNT, MENTORING = range(8)
_NUMBER_SLOT = {"dx_project_years": PROJECT_YEARS, "dx_lead_years": LEAD_YEARS, "dx_lead_count": LEAD_COUNT}
_NUMBER_LOCAL = {"dx_project_years": "py", "dx_lead_years": "ly", "dx_lead_count": "lc"}

Facts = tuple[Any, ...]
Check = Callable[[Facts], "bool | None"]


def _opt_tuple(value: Iterable[str] | None) -> tuple[str, ...] | None:
    return None if value is None else tuple(value)


@attrs.frozen(kw_only=True)
class EvaluationSettings:
    """A municipality's evaluation settings (a plain parameter object).

    ``deployed_tools``: the tools the municipality has deployed (keys or ids), for
    ``tools: {deployed: true}``; ``None`` takes the persona's framework setting
    (``framework.settings.deployed_tools`` of an overlay) and, failing that, every tool
    of ``tokyo-dsm`` (reading-guide §2).
    ``aggregation``: the registered checklist aggregation that turns ticks into a tool level.
    """

    deployed_tools: tuple[str, ...] | None = attrs.field(default=None, converter=_opt_tuple)
    aggregation: str = "every-item"


@attrs.frozen(kw_only=True)
class RuleContext:
    """What a custom rule gets besides the record and its parameters."""

    catalog: Catalog
    persona: str
    step: m.Step
    settings: EvaluationSettings
    facts: Facts = attrs.field(repr=False)

    def trained(self, skill_id: str) -> bool | None:
        """Whether the recommended training of a skill (qualified id) is completed."""
        t = self.facts[TRAINED]
        return None if t is None else skill_id in t

    def dsm(self, skill_id: str) -> int | None:
        """The self-assessed DSM level of a skill (qualified id), ``None`` when unknown."""
        d = self.facts[DSM]
        return None if d is None else d.get(skill_id)

    def tool_level(self, tool_id: str) -> int | None:
        """The effective level of a tool (declared or from ticks, the higher), ``None`` when unknown."""
        d = self.facts[TOOLS]
        return None if d is None else d.get(tool_id)


@attrs.frozen(kw_only=True, eq=False)
class Node:
    """A compiled condition: ``check`` is the fast closure; ``kind`` all/any/not/leaf."""

    kind: str
    check: Check
    children: tuple[Node, ...] = ()
    leaf: Leaf | None = None
    true_src: str | None = None  # a Python expression over the fact locals: definitely met
    false_src: str | None = None  # …: definitely unmet


@attrs.frozen(kw_only=True, eq=False)
class Leaf:
    """A leaf for explanations: a stable ``id``, what is expected and how to read the actual value."""

    id: str
    condition: m.Condition
    subject: str | None
    expected: object
    actual: Callable[[Facts], object]
    result: Callable[[Facts], RuleResult] | None = None


def _all(checks: tuple[Check, ...]) -> Check:
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        a, b = checks

        def all2(x: Facts) -> bool | None:
            va = a(x)
            if va is False:
                return False
            vb = b(x)
            if vb is False:
                return False
            return None if va is None or vb is None else True

        return all2

    def all_(x: Facts) -> bool | None:
        unknown = False
        for c in checks:
            v = c(x)
            if v is False:
                return False
            if v is None:
                unknown = True
        return None if unknown else True

    return all_


def _any(checks: tuple[Check, ...]) -> Check:
    def any_(x: Facts) -> bool | None:
        unknown = False
        for c in checks:
            v = c(x)
            if v is True:
                return True
            if v is None:
                unknown = True
        return None if unknown else False

    return any_


def _not(check: Check) -> Check:
    def not_(x: Facts) -> bool | None:
        v = check(x)
        return None if v is None else not v

    return not_


def _num(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


#: How many records ``run_many`` evaluates at a time (results held at most).
_BATCH = 256


class _Compiler:
    def __init__(
        self,
        catalog: Catalog,
        persona: str,
        registry: Registry,
        settings: EvaluationSettings,
        ladders: dict[str, Ladder | None],
    ) -> None:
        self.catalog = catalog
        self.persona = persona
        self.registry = registry
        self.settings = settings
        self.ladders = ladders  # persona -> ladder, None while compiling (cycle guard)
        self.needs: set[int] = set()
        self.step: m.Step | None = None
        self._personas = catalog.definitions("persona")
        self._skills = catalog.definitions("skill")
        self.ns: dict[str, Any] = {}
        self.fallback = False  # the generated code calls a closure over the full facts
        self.frameworks = _resolver(catalog).frameworks_of(persona)

    def const(self, value: object) -> str:
        """A name for a value in the generated code's namespace (values never enter the source)."""
        name = f"_k{len(self.ns)}"
        self.ns[name] = value
        return name

    def compile(self, cond: m.Condition | None) -> Node:
        node = self._compile(cond)
        if node.true_src is None:
            if node.kind == "all" and node.children and all(k.true_src for k in node.children):
                t = " and ".join(str(k.true_src) for k in node.children)
                f = " or ".join(str(k.false_src) for k in node.children)
            elif node.kind == "any" and all(k.true_src for k in node.children):
                t = " or ".join(str(k.true_src) for k in node.children)
                f = " and ".join(str(k.false_src) for k in node.children)
            elif node.kind == "not" and node.children[0].true_src:
                t, f = str(node.children[0].false_src), str(node.children[0].true_src)
            else:
                c = self.const(node.check)
                t, f = f"{c}(x) is True", f"{c}(x) is False"
                self.fallback = True
            node = attrs.evolve(node, true_src=f"({t})", false_src=f"({f})")
        return node

    def _compile(self, cond: m.Condition | None) -> Node:
        if cond is None:
            return Node(kind="all", check=lambda x: True, true_src="True", false_src="False")
        if isinstance(cond, m.All | m.Any):
            kids = tuple(self.compile(c) for c in cond.of)
            checks = tuple(k.check for k in kids)
            is_all = isinstance(cond, m.All)
            return Node(kind="all" if is_all else "any", check=_all(checks) if is_all else _any(checks), children=kids)
        if isinstance(cond, m.Not):
            kid = self.compile(cond.of)
            return Node(kind="not", check=_not(kid.check), children=(kid,))
        if isinstance(cond, m.Trained):
            assert self.step is not None
            ids = trained_skills(cond, self.step.persona, self._personas, self._skills)
            node = self._group(cond, [self._trained(cond, s) for s in ids], self._trained_all(ids))
            # t is a set of keys as written (fast path: local ids or qualified ids, checked
            # without resolving) or of resolved ids; otherwise every key is resolved.
            kq = self.const(frozenset(ids))
            test = f"{kq} <= t or {kq} <= _res(t)"
            local = self._local_spellings(ids)
            if local is not None:
                # all keys local ids whose resolution is known: the local test decides alone
                # (and every other key is resolved, so a misspelt key is always reported)
                every = self.const(self._all_local())
                test = f"{self.const(local)} <= t or (not t <= {every} and ({test}))"
            return attrs.evolve(
                node, true_src=f"(t is not None and ({test}))", false_src=f"(t is not None and not ({test}))"
            )
        if isinstance(cond, m.DsmLevel):
            return self._group(cond, [self._dsm(cond, s) for s in cond.skills], None)
        if isinstance(cond, m.ToolsAtLeast):
            tools = self._deployed() if cond.deployed else list(cond.tools)
            return self._group(cond, [self._tool(cond, t) for t in tools], None)
        if isinstance(cond, m.NumberAtLeast):
            v, k = _NUMBER_LOCAL[cond.field], self.const(cond.min)
            node = self._leaf(self._number(cond))
            return attrs.evolve(
                node, true_src=f"({v} is not None and {v} >= {k})", false_src=f"({v} is not None and {v} < {k})"
            )
        if isinstance(cond, m.Mentoring):
            self.needs.add(MENTORING)
            want = cond.value

            def mentoring(x: Facts) -> bool | None:
                v = x[MENTORING]
                return None if v is None else v is want

            leaf = Leaf(
                id="mentoring" if want else "mentoring=false",
                condition=cond,
                subject=None,
                expected=want,
                actual=lambda x: x[MENTORING],
            )
            k = self.const(want)
            return Node(
                kind="leaf",
                check=mentoring,
                leaf=leaf,
                true_src=f"(mt is {k})",
                false_src=f"(mt is not None and mt is not {k})",
            )
        if isinstance(cond, m.StepReached):
            return self._leaf(self._step_reached(cond))
        return self._leaf(self._custom(cond))

    def _all_local(self) -> frozenset[str]:
        """Every local skill id that resolves, for this persona, to the skill of that id."""
        res = _resolver(self.catalog)
        out: set[str] = set()
        for sid in self._skills:
            fw, local = sid.split(":", 1)
            if fw in self.frameworks:
                try:
                    if res.skill(local, self.frameworks) == sid:
                        out.add(local)
                except LookupFailed:
                    continue
        return frozenset(out)

    def _local_spellings(self, ids: list[str]) -> frozenset[str] | None:
        """The local ids of ``ids`` when each resolves back to its own id for this persona."""
        res = _resolver(self.catalog)
        local = [i.split(":", 1)[-1] for i in ids]
        try:
            if all(res.skill(k, self.frameworks) == i for k, i in zip(local, ids, strict=True)):
                return frozenset(local)
        except LookupFailed:
            pass
        return None

    # -- leaves ----------------------------------------------------------------------------

    @staticmethod
    def _leaf(pair: tuple[Check, Leaf]) -> Node:
        return Node(kind="leaf", check=pair[0], leaf=pair[1])

    def _group(self, cond: m.Condition, pairs: list[tuple[Check, Leaf]], fast: Check | None) -> Node:
        kids = tuple(Node(kind="leaf", check=c, leaf=lf) for c, lf in pairs)
        if not kids:
            return Node(kind="all", check=lambda x: True, true_src="True", false_src="False")
        if len(kids) == 1 and fast is None:
            return kids[0]
        return Node(kind="all", check=fast or _all(tuple(k.check for k in kids)), children=kids)

    def _trained_all(self, ids: list[str]) -> Check:
        self.needs.add(TRAINED)
        required = frozenset(ids)

        def trained_all(x: Facts) -> bool | None:
            t = x[TRAINED]
            return None if t is None else required <= t

        return trained_all

    def _trained(self, cond: m.Condition, skill: str) -> tuple[Check, Leaf]:
        self.needs.add(TRAINED)

        def trained(x: Facts) -> bool | None:
            t = x[TRAINED]
            return None if t is None else skill in t

        return trained, Leaf(id=f"trained:{skill}", condition=cond, subject=skill, expected=True, actual=trained)

    def _dsm(self, cond: m.DsmLevel, skill: str) -> tuple[Check, Leaf]:
        self.needs.update((TRAINED, DSM))
        need = cond.min

        def level(x: Facts) -> int | None:
            d = x[DSM]
            lv = None if d is None else d.get(skill)
            t = x[TRAINED]
            ev = 1 if t is not None and skill in t else 0
            if lv is None:
                return 1 if ev else None
            return lv if lv >= ev else ev

        def dsm(x: Facts) -> bool | None:
            if need <= 0:
                return True
            lv = level(x)
            if lv is None:
                return None
            if lv >= need:
                return True
            # a training (Lv1 evidence) without a declared level says nothing about Lv2+
            d = x[DSM]
            return None if d is None or skill not in d else False

        return dsm, Leaf(id=f"dsm:{skill}>={need}", condition=cond, subject=skill, expected=need, actual=level)

    def _tool(self, cond: m.ToolsAtLeast, tool: str) -> tuple[Check, Leaf]:
        self.needs.add(TOOLS)
        need = cond.min

        def level(x: Facts) -> int | None:
            d = x[TOOLS]
            return None if d is None else d.get(tool)

        def tool_check(x: Facts) -> bool | None:
            d = x[TOOLS]
            lv = None if d is None else d.get(tool)
            return None if lv is None else lv >= need

        return tool_check, Leaf(id=f"tool:{tool}>={need}", condition=cond, subject=tool, expected=need, actual=level)

    def _deployed(self) -> list[str]:
        keys = self.settings.deployed_tools
        if keys is None:  # the municipality's setting (an overlay's framework.settings), if any
            keys = self.catalog.settings(self.catalog.persona(self.persona).framework).deployed_tools
        if keys is None:
            tools = [t.id for t in self.catalog.tools("tokyo-dsm")] if "tokyo-dsm" in self.catalog else []
            return tools or [t.id for t in self.catalog.tools()]
        return [self.catalog.tool(k).id for k in keys]

    def _number(self, cond: m.NumberAtLeast) -> tuple[Check, Leaf]:
        slot = _NUMBER_SLOT[cond.field]
        self.needs.add(slot)
        need = cond.min

        def number(x: Facts) -> bool | None:
            v = x[slot]
            return None if v is None else v >= need

        return number, Leaf(
            id=f"{cond.field}>={_num(need)}",
            condition=cond,
            subject=None,
            expected=_num(need),
            actual=lambda x: x[slot],
        )

    def _step_reached(self, cond: m.StepReached) -> tuple[Check, Leaf]:
        other = _compile(self.catalog, cond.persona, self.registry, self.settings, self.ladders)
        self.needs.update(other.needs)
        need = cond.min

        def reached(x: Facts) -> bool | None:
            rank = other.rank_of(x)
            if rank >= need:
                return True
            return None if other.steps[rank].check(x) is None else False

        return reached, Leaf(
            id=f"step:{cond.persona}>={need}",
            condition=cond,
            subject=cond.persona,
            expected=need,
            actual=other.rank_of,
        )

    def _custom(self, cond: m.CustomRule) -> tuple[Check, Leaf]:
        entry = self.registry.get(cond.rule)
        name = cond.rule
        try:
            params = entry.structure(dict(cond.params))
        except Exception as exc:
            raise RuleError(name, None, exc) from exc
        func = entry.function
        catalog, persona, settings = self.catalog, self.persona, self.settings
        assert self.step is not None
        step = self.step

        def result(x: Facts) -> RuleResult:
            raw = x[REC]
            record = raw if isinstance(raw, StaffRecord) else StaffRecord.from_mapping(raw)
            ctx = RuleContext(catalog=catalog, persona=persona, step=step, settings=settings, facts=x)
            try:
                out = func(record, params, ctx)
            except Exception as exc:
                raise RuleError(name, record.id, exc) from exc
            if isinstance(out, RuleResult):
                return out
            if isinstance(out, bool) or out is None:
                return RuleResult.of(out)
            raise RuleError(name, record.id, TypeError(f"a rule returns bool or RuleResult, got {type(out).__name__}"))

        def custom(x: Facts) -> bool | None:
            return result(x).value

        return custom, Leaf(
            id=f"custom:{name}",
            condition=cond,
            subject=None,
            expected=None,
            actual=lambda x: result(x).actual,
            result=result,
        )


@attrs.frozen(kw_only=True, eq=False)
class CompiledStep:
    """A step and its compiled rule."""

    step: m.Step
    node: Node

    @property
    def check(self) -> Check:
        return self.node.check


class Ladder:
    """The compiled ladder of one persona: ``facts(record)`` then ``rank_of(facts)``."""

    def __init__(  # noqa: PLR0917 - built by _compile only
        self,
        catalog: Catalog,
        persona: m.Persona,
        steps: tuple[CompiledStep, ...],
        needs: frozenset[int],
        settings: EvaluationSettings,
        registry: Registry,
        namespace: Mapping[str, Any] | None = None,
        fallback: bool = True,
    ) -> None:
        self.catalog = catalog
        self.persona = persona
        self.steps = steps
        self.needs = needs
        self.settings = settings
        self.registry = registry
        self.framework = persona.framework
        self._resolver = _resolver(catalog)
        checks = tuple(s.check for s in steps)
        self.rank_of: Callable[[Facts], int] = _ranker(checks)
        self._helpers: dict[str, Any] = {}
        self._fallback = fallback
        self.facts: Callable[[Any], Facts] = self._fact_builder()
        ns = dict(namespace or {})
        self._generate(ns)
        self._subclasses: dict[Any, Any] = {}
        self._run: Callable[[Any, Any], Any] = ns["run"]
        self._run_batch: Callable[..., tuple[list[Any], Exception | None]] = ns["run_batch"]

    def run_many(
        self,
        records: Iterable[Any],
        cls: Callable[[Ladder, Any, int], Any],
        bad: Callable[[Any, ValueError], Exception],
    ) -> Iterator[Any]:
        """``cls`` instances for records, lazily, in order (``bad(record, exc)`` wraps a ValueError).

        Memory stays flat: at most one batch of results is held at a time.
        """
        return itertools.chain.from_iterable(self._batches(iter(records), self._bound(cls), bad))

    def run(self, record: Any, cls: Callable[[Ladder, Any, int], Any]) -> Any:
        """One ``cls`` instance for one record."""
        return self._run(record, self._bound(cls))

    def _bound(self, cls: Any) -> Any:
        """``cls`` specialised to this ladder: a subclass whose ``_ladder`` is this ladder."""
        sub = self._subclasses.get(cls)
        if sub is None:
            namespace = {
                "__slots__": (),
                "_ladder": self,
                "__module__": cls.__module__,
                "__qualname__": cls.__qualname__,
            }
            sub = self._subclasses[cls] = type(cls.__name__, (cls,), namespace)
        return sub

    def _batches(
        self, it: Iterator[Any], cls: Callable[[Ladder, Any, int], Any], bad: Callable[[Any, ValueError], Exception]
    ) -> Iterator[list[Any]]:
        run_batch = self._run_batch
        while True:
            batch, error = run_batch(it, cls, bad, _BATCH)
            if batch:
                yield batch
            if error is not None:
                raise error
            if len(batch) < _BATCH:
                return

    def _generate(self, ns: dict[str, Any]) -> None:
        """One function for the whole ladder: read a record's facts, find the rank, build the result.

        For a plain dict (when every step has an inline form) a field is read only when the
        first step that needs it is reached; otherwise the full facts are built. Generated
        source holds only local names and ``_k<n>`` constants (the values live in the
        namespace, never in the text), so catalog content cannot inject code.
        """
        fetch = {
            "t": [
                't = get("trainings")',
                "if t is not None:",
                "    t = _set(t) if t.__class__ is list or t.__class__ is tuple else _raw(t)",
            ],
            "mt": [
                'mt = get("mentoring")',
                "if mt is not None and mt is not True and mt is not False:",
                "    mt = _bool(mt)",
            ],
        }
        for local, field in (("py", "dx_project_years"), ("ly", "dx_lead_years"), ("lc", "dx_lead_count")):
            fetch[local] = [
                f'{local} = get("{field}")',
                f"if {local} is not None and {local}.__class__ is not int and {local}.__class__ is not float:",
                f"    {local} = _num({local})",
            ]

        def ladder(lazy: bool) -> list[str]:
            out = ["k = 0"]
            done: set[str] = set()
            indent = ""
            for rank, st in enumerate(self.steps, start=1):
                src = str(st.node.true_src)
                if lazy:
                    for local in ("t", "py", "ly", "lc", "mt"):
                        if local not in done and re.search(rf"\b{local}\b", src):
                            done.add(local)
                            out += [indent + line for line in fetch[local]]
                out += [f"{indent}if {src}:", f"{indent}    k = {rank}"]
                indent += "    "
            return out

        body = [
            f"if {'r.__class__ is dict' if not self._fallback else 'False'}:",
            "    get = r.get",
            *("    " + line for line in ladder(lazy=True)),
            "else:",
            "    _r, t, d, tl, py, ly, lc, mt = x = _facts(r)",
            *("    " + line for line in ladder(lazy=False)),
        ]
        # cls is this ladder's own subclass of the result class (see _bound): the ladder is a
        # class attribute there, so a result costs one allocation and two slot stores.
        make = ["e = _alloc(cls)", "e.record = r", "e.rank = k"]
        one = ["def run(r, cls):", *("    " + line for line in body), *("    " + line for line in make), "    return e"]
        # Records are evaluated in batches into a list, and the batches are chained in C:
        # no generator frame is resumed per record. A bad record ends its batch; the
        # evaluations before it are still handed out, then the error is raised.
        many = [
            "def run_batch(it, cls, bad, n, _alloc=_alloc, _ladder=_ladder, _set=_set, _islice=_islice):",
            "    out = []",
            "    ap = out.append",
            "    for r in _islice(it, n):",
            "        try:",
            *("            " + line for line in body),
            "        except ValueError as exc:",
            "            return out, bad(r, exc)",
            *("        " + line for line in make),
            "        ap(e)",
            "    return out, None",
        ]
        sk = self._helpers["_sk"]

        def raw(v: Any) -> Any:
            if isinstance(v, str):
                keys = parse_keys(v)
                return None if keys is None else set(keys)
            return v if isinstance(v, set | frozenset) else set(v)

        def resolve(t: Any) -> frozenset[str]:
            return frozenset(map(sk, t))

        ns.update(self._helpers)
        ns.update(_set=set, _raw=raw, _res=resolve, _facts=self.facts, _num=parse_number, _bool=parse_bool)
        ns["_alloc"] = object.__new__
        ns["_ladder"] = self
        ns["_islice"] = itertools.islice
        source = "\n".join([*one, "", *many])
        self.source = source
        exec(compile(source, f"<skillframe ladder {self.persona.id}>", "exec"), ns)

    # -- reading a record --------------------------------------------------------------

    def _fact_builder(self) -> Callable[[Any], Facts]:
        needs = self.needs
        res = self._resolver
        fw = res.frameworks_of(self.persona.id)
        skill_cache = _Cache(lambda k: res.skill(k, fw))
        tool_cache = _Cache(lambda k: res.tool(k, fw))
        skill_get = skill_cache.__getitem__
        want_trained = TRAINED in needs
        want_dsm = DSM in needs
        want_tools = TOOLS in needs
        want_py = PROJECT_YEARS in needs
        want_ly = LEAD_YEARS in needs
        want_lc = LEAD_COUNT in needs
        want_m = MENTORING in needs
        tools_of = self._tool_levels(tool_cache)

        def trained(v: Any) -> frozenset[str] | None:
            if v is None:
                return None
            if type(v) is str:
                keys = parse_keys(v)
                if keys is None:
                    return None
                v = keys
            return frozenset(map(skill_get, v))

        def dsm(v: Any) -> dict[str, int] | None:
            if not v:
                return None
            out: dict[str, int] = {}
            for k, lv in v.items():
                level = lv if type(lv) is int else parse_level(lv)
                if level is not None:
                    out[skill_cache[k]] = level
            return out

        self._helpers.update(_sk=skill_get, _trained=trained, _dsm=dsm, _tools=tools_of)

        def number(v: Any) -> Any:
            return v if v is None or type(v) is int or type(v) is float else parse_number(v)

        def boolean(v: Any) -> Any:
            return v if v is None or v is True or v is False else parse_bool(v)

        def from_mapping(r: Mapping[str, Any]) -> Facts:
            get = r.get
            return (
                r,
                trained(get("trainings")) if want_trained else None,
                dsm(get("dsm")) if want_dsm else None,
                tools_of(get("tools"), get("tool_checks")) if want_tools else None,
                number(get("dx_project_years")) if want_py else None,
                number(get("dx_lead_years")) if want_ly else None,
                number(get("dx_lead_count")) if want_lc else None,
                boolean(get("mentoring")) if want_m else None,
            )

        def from_record(r: StaffRecord) -> Facts:
            return (
                r,
                trained(r.trainings) if want_trained else None,
                dsm(r.dsm) if want_dsm else None,
                tools_of(r.tools, r.tool_checks) if want_tools else None,
                r.dx_project_years,
                r.dx_lead_years,
                r.dx_lead_count,
                r.mentoring,
            )

        def facts(r: Any) -> Facts:
            try:
                if type(r) is dict:
                    return from_mapping(r)
                if isinstance(r, StaffRecord):
                    return from_record(r)
                return from_mapping(r)
            except (ValueError, LookupFailed) as exc:
                rid = r.id if isinstance(r, StaffRecord) else r.get("id")
                if isinstance(exc, SkillframeError):
                    raise
                raise ValueError(
                    bilingual(f"職員 '{rid}' のデータが不正です", f"bad data for record '{rid}'") + f": {exc}"
                ) from exc

        return facts

    def _tool_levels(self, tool_cache: _Cache) -> Callable[[Any, Any], dict[str, int] | None]:
        res = self._resolver
        aggregate = self.registry.get_aggregation(self.settings.aggregation)
        catalog = self.catalog

        def tool_levels(declared: Any, checks: Any) -> dict[str, int] | None:
            if not declared and not checks:
                return None
            out: dict[str, int] = {}
            for k, lv in (declared or {}).items():
                level = lv if type(lv) is int else parse_level(lv)
                if level is not None:
                    out[tool_cache[k]] = level
            for k, ticks in (checks or {}).items():
                tid = tool_cache[k]
                tool: m.Tool = catalog.get(tid)
                if not any(lv.checklist for lv in tool.levels):
                    continue  # nothing to derive a level from: only a declared level counts
                items = parse_keys(ticks) if isinstance(ticks, str) else ticks
                if items is None:
                    continue
                ticked = frozenset(res.tick(tid, t) for t in items)
                derived = aggregate(tool, ticked)
                # the higher evidence wins: a declared level or the level the ticks show
                out[tid] = max(out.get(tid, derived), derived)
            return out

        return tool_levels


class _Cache(dict[str, str]):
    """A dict that resolves (and remembers) a key on a miss."""

    def __init__(self, resolve: Callable[[str], str]) -> None:
        super().__init__()
        self._resolve = resolve

    def __missing__(self, key: str) -> str:
        value = self._resolve(key)
        self[key] = value
        return value


def _ranker(checks: tuple[Check, ...]) -> Callable[[Facts], int]:
    if len(checks) == 3:
        c1, c2, c3 = checks

        def rank3(x: Facts) -> int:
            if c1(x) is not True:
                return 0
            if c2(x) is not True:
                return 1
            return 2 if c3(x) is not True else 3

        return rank3

    def rank(x: Facts) -> int:
        r = 0
        for c in checks:
            if c(x) is not True:
                return r
            r += 1
        return r

    return rank


# ---------------------------------------------------------------------------
# Compilation and its cache

_RESOLVERS: weakref.WeakKeyDictionary[Any, KeyResolver] = weakref.WeakKeyDictionary()
_LADDERS: weakref.WeakKeyDictionary[Any, dict[tuple[Any, ...], Ladder]] = weakref.WeakKeyDictionary()


def _resolver(catalog: Catalog) -> KeyResolver:
    res = _RESOLVERS.get(catalog)
    if res is None:
        res = _RESOLVERS[catalog] = KeyResolver(catalog)
    return res


def _compile(
    catalog: Catalog, persona: str, registry: Registry, settings: EvaluationSettings, ladders: dict[str, Ladder | None]
) -> Ladder:
    p = catalog.persona(persona)
    if p.id in ladders:
        done = ladders[p.id]
        if done is None:
            raise RuleError(
                "step", None, RecursionError(bilingual("step 条件が循環しています", "step conditions form a cycle"))
            )
        return done
    cache = _LADDERS.setdefault(catalog, {})
    key = (p.id, id(registry), registry.version, settings)
    hit = cache.get(key)
    if hit is not None:
        return hit
    ladders[p.id] = None
    comp = _Compiler(catalog, p.id, registry, settings, ladders)
    steps: list[CompiledStep] = []
    for st in catalog.steps(p.id):
        comp.step = st
        steps.append(CompiledStep(step=st, node=comp.compile(st.rule)))
    fallback = comp.fallback or bool({DSM, TOOLS} & comp.needs)
    ladder = Ladder(catalog, p, tuple(steps), frozenset(comp.needs), settings, registry, comp.ns, fallback)
    ladders[p.id] = ladder
    cache[key] = ladder
    return ladder


def compile_ladder(
    catalog: Catalog,
    persona: str,
    *,
    registry: Registry | None = None,
    settings: EvaluationSettings | None = None,
) -> Ladder:
    """The compiled ladder of a persona (cached per catalog, persona, registry and settings)."""
    return _compile(catalog, persona, registry or default_registry, settings or EvaluationSettings(), {})


def leaves(node: Node) -> Iterable[Leaf]:
    """Every leaf of a compiled condition, depth first."""
    if node.leaf is not None:
        yield node.leaf
    for kid in node.children:
        yield from leaves(kid)
