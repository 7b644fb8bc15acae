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
import re
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from .. import model as m
from .._keys import KeyResolver
from ..conditions.registry import Registry
from ..errors import LookupFailed, RuleError, SkillframeError, StaffDataError, bilingual
from .compile import Node, NodeCompiler
from .facts import TOOLS, FactReader, Facts, record_id
from .result import Evaluation
from .settings import EvaluationSettings

if TYPE_CHECKING:
    from .._catalog import Catalog

__all__ = ["Ladder", "compile_ladder", "ladder_of_rules", "persona_id"]

#: How many records ``run_many`` evaluates at a time (results held at most).
_BATCH = 256
_BIG = 10**15  # numbers below this (and ≥ 0) are taken as they are; the parser decides the rest
_MEMO_MAX = 65536  # distinct trainings values remembered per ladder (then forgotten at once)

# The fast path: a plain dict whose id is plain text. Each value of the parsed type is
# taken as it is (numbers ≥ 0 below _BIG, True/False, str/None texts that parse_text keeps
# as they are); anything else goes to the same parser, which decides. ``n`` counts the
# plain columns present: when the dict holds any other key (an alias, ``tool:Excel``…)
# the staff reader reads the whole record instead.
_FAST_GUARD = (
    "r.__class__ is dict and (i := r.get('id')).__class__ is str"
    " and i.isprintable() and 0 < len(i) <= _MAXC and not i.isspace()"
)
_FAST_READ = [
    "get = r.get",
    "n = 1",
    't = get("trainings")',
    "if t is None:",
    "    tv = _TV0",
    "else:",
    "    n += 1",
    "    try:",
    "        tv = _tm[tuple(t) if t.__class__ is list else t]",
    "    except (KeyError, TypeError):",
    "        tv = _tv_raw(t)",
    *(
        line
        for v, f in (("py", "dx_project_years"), ("ly", "dx_lead_years"), ("lc", "dx_lead_count"))
        for line in (
            f'{v} = get("{f}")',
            f"if {v} is not None:",
            "    n += 1",
            f"    if {v}.__class__ is not int and {v}.__class__ is not float or not 0 <= {v} < _BIG:",
            f"        {v} = _num({v})",
        )
    ),
    'mt = get("mentoring")',
    "if mt is not None:",
    "    n += 1",
    "    if mt is not True and mt is not False:",
    "        mt = _bool(mt)",
    "d = tl = None",
    "if len(r) != n:",  # other keys: persona and department (texts), tools, else the staff reader
    *(
        "    " + line
        for k in ("persona", "department")
        for line in (
            f'v = get("{k}")',
            "if v is not None:",
            "    n += 1",
            "    if v.__class__ is not str or not v.isprintable() or len(v) > _MAXC:",
            "        _text(v)",
        )
    ),
    '    v = get("tools")',
    "    if v.__class__ is dict:",  # tool levels as a nested mapping: resolved once per distinct mapping
    "        n += 1",
    "        tl = _tl(v)",
    "    if len(r) != n:",  # plain columns given as None (unknown, as the reader takes them)
    "        n += _nones(r)",
]
_UNPACK = ["_r, t, d, tl, py, ly, lc, mt = x", "tv = _tv(t)"]
_MAKE = ["e = _E()", "e.record = r", "e.rank = k", "e._ladder = _L"]
#: The keys a plain dict may have for the loops specialised to its keys (others: the general loops).
_PLAIN = frozenset(
    ("id", "persona", "department", "trainings", "dx_project_years", "dx_lead_years", "dx_lead_count", "mentoring")
)
_NUMBER_VARS = {"dx_project_years": "py", "dx_lead_years": "ly", "dx_lead_count": "lc"}
_END: Any = object()  # no record (the end of the records)
_SWITCHES = 256  # changes of loop allowed before the general loops take every remaining record
_chain = itertools.chain


class Ladder:
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
        self._groups = tuple(groups)
        self._tv_sets: dict[frozenset[str], tuple[Any, ...]] = {}
        self._tv_memo: dict[Any, tuple[Any, ...]] = {}
        self._tl_memo: dict[tuple[Any, Any], Any] = {}
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
        return itertools.chain.from_iterable(self._batches(iter(records)))

    def ranks(self, records: Iterable[Any]) -> list[int]:
        """The rank of each record, in order (no Evaluation objects)."""
        out: list[int] = []
        it = iter(records)
        r = next(it, _END)
        switches = 0
        while r is not _END:
            loop = self._loops(r) if switches < _SWITCHES else self._general
            switches += 1
            r = loop[0](_chain((r,), it), out)
        return out

    def bad(self, record: Any, exc: Exception) -> Exception:
        """The error for a record that failed: the reader's own error, whichever path found it."""
        if not isinstance(exc, StaffDataError | LookupFailed):
            try:
                self.reader.facts(record)
            except (ValueError, LookupFailed) as canonical:
                exc = canonical
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
                r, error = loop[1](_chain((r,), it), batch, _BATCH - len(batch))
                if error is not None:
                    break
            if batch:
                yield batch
            if error is not None:
                raise error
            if r is _END and len(batch) == _BATCH:
                r = next(it, _END)

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
        uses_x = any(n.uses_x for n in self.nodes)
        chain = ["k = 0"] if not self.nodes else []
        for i, node in enumerate(self.nodes):
            chain += [f"{'if' if i == 0 else 'elif'} not {node.true}:", f"    k = {i}"]
        if self.nodes:
            chain += ["else:", f"    k = {len(self.nodes)}"]
        self._chain_src = chain
        self._needs_t = needs_t = any(re.search(r"\bt\b", n.true) for n in self.nodes)
        self._uses_x = uses_x
        slow = ["x = _facts(r)", *_UNPACK]
        if uses_x:
            read = slow
        else:
            read = [
                f"if {_FAST_GUARD}:",
                *("    " + line for line in _FAST_READ),
                "        if len(r) != n:",
                *("            " + line for line in slow),
                *(["    t = tv[0]"] if needs_t else []),
                "else:",
                *("    " + line for line in slow),
            ]
        parse_number, parse_bool, parse_text, max_chars = _parsers()
        ns.update(
            _facts=self.reader.facts,
            _tm=self._tv_memo,
            _tv=self._tv,
            _tv_raw=self._tv_raw,
            _tl=self._tl,
            _nones=_nones,
            _TV0=(None,) + (False,) * len(self._groups),
            _num=parse_number,
            _bool=parse_bool,
            _text=parse_text,
            _BIG=_BIG,
            _MAXC=max_chars,
            _E=Evaluation,
            _L=self,
            _END=_END,
            _islice=itertools.islice,
            _ERRORS=(ValueError, LookupFailed, RuleError),  # a batch hands out what came before its error (H-I)
            _bad=self.bad,
        )
        body = [*read, *chain]
        keyed_body = [*read, *([] if uses_x else ["t = tv[0]"]), *chain, *self._signature_source(ns)]
        src = [
            "def rank_of(x):",
            *("    " + line for line in _UNPACK),
            *("    " + line for line in chain),
            "    return k",
            "",
            "def run(r):",
            *("    " + line for line in body),
            *("    " + line for line in _MAKE),
            "    return e",
            "",
            "def rank1(r):",
            *("    " + line for line in body),
            "    return k",
            "",
            *self._loop_source("", body, ns),
            "",
            *self._keyed_source(keyed_body, ns),
            "",
            "def facts(r):",  # the facts as the reader gives them (its numbers: 1.0 is 1)
            *("    " + line for line in read),
            *(
                []
                if uses_x
                else [
                    "    t = tv[0]",
                    *(
                        f"    if {v}.__class__ is float and {v}.is_integer():\n        {v} = int({v})"
                        for v in ("py", "ly", "lc")
                    ),
                ]
            ),
            "    return (r, t, d, tl, py, ly, lc, mt)",
        ]
        checks: list[Node] = []
        _all_nodes(self.nodes, checks)
        for i, node in enumerate(checks):
            src += [
                "",
                f"def _c{i}(x):",
                *("    " + line for line in _UNPACK),
                f"    if {node.true}:",
                "        return True",
                f"    if {node.false}:",
                "        return False",
                "    return None",
            ]
        self.source = "\n".join(src)
        exec(compile(self.source, f"<skillframe ladder {self.persona.id}>", "exec"), ns)
        for i, node in enumerate(checks):
            node.check = ns[f"_c{i}"]
        if not uses_x:
            self._share_checks(ns)
        self._leaf_checks = [tuple(_leaf_checks(node)) for node in self.nodes]
        return ns

    def _signature_source(self, ns: dict[str, Any]) -> list[str]:
        """Lines setting ``sig``: the outcome of each leaf of the step above rank ``k``
        (:meth:`leaf_outcomes`, from the locals already read). A step whose leaves read only
        the trained skills is worked out once per distinct ``t``."""
        lines: list[str] = []
        for s, root in enumerate(self.nodes):
            lines.append(f"{'if' if s == 0 else 'elif'} k == {s}:")
            if self._uses_x:
                lines.append(f"    sig = _lo({s}, x)")
                continue
            leaves: list[Node] = []
            _leaf_nodes(root, leaves)
            items = [f"(True if {n.true} else False if {n.false} else None)" for n in leaves]
            expr = f"({', '.join(items)}{',' if len(items) == 1 else ''})"
            used = set(re.findall(r"\b(?:tv|t|d|tl|py|ly|lc|mt)\b", expr))
            if used <= {"t", "tv"}:
                memo = f"_sm{s}"
                ns[memo] = {}
                lines += [
                    f"    sig = {memo}.get(t)",
                    "    if sig is None:",
                    f"        if len({memo}) >= _MEMO_MAX:",
                    f"            {memo}.clear()",
                    f"        sig = {memo}[t] = {expr}",
                ]
            else:
                lines.append(f"    sig = {expr}")
        lines += ["else:", "    sig = ()"] if self.nodes else ["sig = ()"]
        ns["_lo"] = self._outcomes_of
        ns["_MEMO_MAX"] = _MEMO_MAX
        return lines

    def _outcomes_of(self, rank: int, x: Facts) -> tuple[bool | None, ...]:
        return tuple(check(x) for check in self._leaf_checks[rank])

    @staticmethod
    def _keyed_source(body: list[str], ns: dict[str, Any]) -> list[str]:
        names = sorted(set(re.findall(r"\b_[A-Za-z]\w*", "\n".join(body))) & set(ns))
        local = "".join(f", {n}={n}" for n in names)
        return [
            f"def keyed(it, out, bad=_bad{local}):",
            "    ap = out.append",
            "    for r in it:",
            "        try:",
            *("            " + line for line in body),
            "        except _ERRORS as exc:",
            "            raise bad(r, exc) from None",
            "        ap((k, sig))",
            "    return out",
        ]

    def _share_checks(self, ns: dict[str, Any]) -> None:
        """Explanations check every node of a step for the same facts: work out all of them in
        one generated function and let each node's check read its outcome (remembered for
        the last facts, per step). Only without custom or ``step`` conditions, which must be
        called only where the rules' logic reaches them."""
        for s, root in enumerate(self.nodes):
            nodes: list[Node] = []
            _all_nodes([root], nodes)
            exprs = [f"(True if {n.true} else False if {n.false} else None)" for n in nodes]
            src = [f"def _o{s}(x):", *("    " + line for line in _UNPACK), f"    return ({', '.join(exprs)},)"]
            exec(compile("\n".join(src), f"<skillframe ladder {self.persona.id} step {s + 1}>", "exec"), ns)
            slot: list[tuple[Any, tuple[bool | None, ...]]] = [(None, ())]
            for idx, n in enumerate(nodes):
                n.check = _shared_check(ns[f"_o{s}"], idx, slot)

    @staticmethod
    def _loop_source(shape: str, body: list[str], ns: dict[str, Any], head: list[str] | None = None) -> list[str]:
        """The two loops over records (``ranks{shape}`` and ``run_batch{shape}``) around ``body``.

        ``head`` (shape loops): lines that take the values out of ``r`` or ``return r`` when
        ``r`` has another shape (the driver then picks the loops for it). The namespace's
        names are read as locals (default arguments): a little faster.
        """
        head = head or []
        names = sorted(set(re.findall(r"\b_[A-Za-z]\w*", "\n".join(head + body + _MAKE))) & set(ns))
        local = "".join(f", {n}={n}" for n in names)
        miss_ranks = ["            return r"] if head else []
        miss_batch = ["            return r, None"] if head else []
        return [
            f"def ranks{shape}(it, out, bad=_bad{local}):",
            "    ap = out.append",
            "    for r in it:",
            *(
                ["        try:", *("            " + line for line in head), "        except KeyError:", *miss_ranks]
                if head
                else []
            ),
            "        try:",
            *("            " + line for line in body),
            "        except _ERRORS as exc:",
            "            raise bad(r, exc) from None",
            "        ap(k)",
            "    return _END",
            "",
            f"def run_batch{shape}(it, out, n_max{local}):",
            "    ap = out.append",
            "    for r in _islice(it, n_max):",
            *(
                ["        try:", *("            " + line for line in head), "        except KeyError:", *miss_batch]
                if head
                else []
            ),
            "        try:",
            *("            " + line for line in body),
            "        except _ERRORS as exc:",
            "            return _END, _bad(r, exc)",
            *("        " + line for line in _MAKE),
            "        ap(e)",
            "    return _END, None",
        ]

    def _shape(self, keys: tuple[Any, ...]) -> tuple[Any, Any] | None:
        """The loops for plain dicts with exactly these keys (``None``: not plain columns)."""
        if self._uses_x or "id" not in keys or not all(k.__class__ is str and k in _PLAIN for k in keys):
            return None
        fields = frozenset(keys)
        hit = self._shape_code.get(fields)
        if hit is not None:
            return hit
        order = sorted(fields)
        var = {"id": "i", "persona": "vp", "department": "vd", "trainings": "t", **_NUMBER_VARS, "mentoring": "mt"}
        name = f"_s{len(self._shape_code)}"
        ns = self._ns
        getter = f"_g{name}"
        ns[getter] = operator.itemgetter(*order)
        head = [
            f"if r.__class__ is not dict or len(r) != {len(order)}:",
            "    raise KeyError",  # another shape: the driver picks the loops for it
            f"{', '.join(var[k] for k in order)}, = {getter}(r)" if len(order) > 1 else f"i = {getter}(r)",
        ]
        body = [
            # an id that is not plainly valid text: the general reading decides (and explains)
            "if i.__class__ is not str or not (i.isalnum() or i.isprintable() and not i.isspace() and i)"
            " or len(i) > _MAXC:",
            "    k = _rank1(r)",
            "else:",
        ]
        read: list[str] = []
        if "trainings" in fields:
            read += [
                "try:",
                "    tv = _tm[tuple(t) if t.__class__ is list else t]",
                "except (KeyError, TypeError):",
                "    tv = _tv_raw(t)",
            ]
        else:
            read.append("tv = _TV0")
        for f, v in _NUMBER_VARS.items():
            if f in fields:
                read += [
                    f"if {v}.__class__ is not int and {v}.__class__ is not float or not 0 <= {v} < _BIG:",
                    f"    {v} = _num({v})",
                ]
            else:
                read.append(f"{v} = None")
        if "mentoring" in fields:
            read += ["if mt is not True and mt is not False:", "    mt = _bool(mt)"]
        else:
            read.append("mt = None")
        for f in ("persona", "department"):
            if f in fields:
                v = var[f]
                read += [
                    f"if {v}.__class__ is not str or not {v}.isprintable() or len({v}) > _MAXC:",
                    f"    _text({v})",
                ]
        read.append("d = tl = None")
        if self._needs_t:
            read.append("t = tv[0]")
        read += self._chain_src
        body += ["    " + line for line in read]
        ns["_rank1"] = ns["rank1"]
        src = self._loop_source(name, body, ns, head=head)
        exec(compile("\n".join(src), f"<skillframe ladder {self.persona.id} keys {','.join(order)}>", "exec"), ns)
        hit = self._shape_code[fields] = (ns[f"ranks{name}"], ns[f"run_batch{name}"])
        return hit

    # -- the trained groups: their outcomes per distinct set of trained skills -----------

    def _tv(self, t: frozenset[str] | None) -> tuple[Any, ...]:
        """``(t, K1 <= t, K2 <= t, …)`` for the ladder's trained groups (all False when t is None)."""
        if t is None:
            return (None,) + (False,) * len(self._groups)
        hit = self._tv_sets.get(t)
        if hit is None:
            if len(self._tv_sets) >= _MEMO_MAX:
                self._tv_sets.clear()
            hit = self._tv_sets[t] = (t, *(g <= t for g in self._groups))
        return hit

    def _tv_raw(self, raw: Any) -> tuple[Any, ...]:
        """:meth:`_tv` of a ``trainings`` value as written (parsed, resolved, memoised when hashable)."""
        tv = self._tv(self.reader.trained(raw))
        try:
            key = tuple(raw) if raw.__class__ is list else raw
            if len(self._tv_memo) >= _MEMO_MAX:
                self._tv_memo.clear()
            self._tv_memo[key] = tv
        except TypeError:
            pass
        return tv

    def _tl(self, tools: dict[Any, Any]) -> dict[str, int] | None:
        """The tool levels of a ``tools`` mapping as written, as the record reader reads them.

        Each (tool, level) item is read once by the reader (memoised); a mapping whose items
        name one tool twice is read whole. Any problem is a plain :class:`ValueError`: the
        ladder then reads the whole record again, so the error names the record (:meth:`bad`).
        """
        memo = self._tl_memo
        try:
            hits: list[Any] = [*map(memo.get, tools.items())]
        except TypeError:  # a value that is not hashable: the reader decides
            return self._tl_read(tools)
        if None in hits:
            for i, item in enumerate(tools.items()):
                if hits[i] is None:
                    one = self._tl_read(dict((item,)))
                    hits[i] = next(iter(one.items())) if one else ()
                    if len(memo) >= _MEMO_MAX:
                        memo.clear()
                    memo[item] = hits[i]
        if () in hits:  # no level given
            hits = [h for h in hits if h]
        out = dict(hits)
        if len(out) != len(hits):  # two spellings of one tool: the reader decides
            return self._tl_read(tools)
        return out or None

    def _tl_read(self, tools: dict[Any, Any]) -> dict[str, int] | None:
        try:
            tl: dict[str, int] | None = self.reader.facts({"id": "-", "tools": tools})[TOOLS]
        except (ValueError, LookupFailed) as exc:
            raise ValueError(str(exc)) from None
        return tl


#: Plain columns a dict may give as ``None`` (unknown: the reader takes them so).
_NULLABLE = ("trainings", "dx_project_years", "dx_lead_years", "dx_lead_count", "mentoring", "persona", "department")


def _nones(r: dict[Any, Any]) -> int:
    """How many plain columns of ``r`` are ``None``."""
    return sum(1 for k in _NULLABLE if k in r and r[k] is None)


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


def _leaf_nodes(node: Node, out: list[Node]) -> None:
    """The leaves of a node in :func:`_leaf_checks` order."""
    if node.kind == "leaf":
        out.append(node)
    for kid in node.children:
        _leaf_nodes(kid, out)


def _leaf_checks(node: Node) -> Iterator[Callable[[Facts], bool | None]]:
    if node.kind == "leaf" and node.check is not None:
        yield node.check
    for kid in node.children:
        yield from _leaf_checks(kid)


def _all_nodes(nodes: Iterable[Node], out: list[Node]) -> None:
    for n in nodes:
        out.append(n)
        _all_nodes(n.children, out)


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
