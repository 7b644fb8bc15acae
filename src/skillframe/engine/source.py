"""The source text of a ladder's generated code: reading a record, the rank chain, the loops.

Pure functions from compiled nodes (:mod:`skillframe.engine.compile`) to lines of Python;
:class:`~skillframe.engine.ladder.Ladder` puts them together, fills the namespace (the
names starting with ``_``) and compiles them. The locals every piece shares: ``r`` the
record, ``t`` trained skills, ``tv`` the trained groups' outcomes, ``d`` DSM levels,
``tl`` tool levels, ``py``/``ly``/``lc`` the numbers, ``mt`` mentoring, ``x`` the facts
tuple (:mod:`skillframe.engine.facts`), ``k`` the rank, ``sig`` the leaf outcomes of the
next step.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ..staff.columns import STANDARD_COLUMNS
from .compile import Node

__all__ = [
    "FAST_GUARD",
    "FAST_READ",
    "MAKE",
    "NUMBER_VARS",
    "PLAIN",
    "RECORD_GUARD",
    "RECORD_READ",
    "UNPACK",
    "all_nodes",
    "chain_source",
    "checks_source",
    "facts_source",
    "keyed_source",
    "leaf_nodes",
    "loop_source",
    "number_check",
    "outcomes_source",
    "read_source",
    "shape_source",
    "signature_source",
]


def number_check(v: str) -> list[str]:
    """Lines keeping the number ``v`` as it is when it is an int or float in ``[0, 10**15)``
    (NaN is not), else giving it to the parser (``_num``), which decides. Floats compare
    with a float bound and ints with an int bound: mixed comparisons are slower."""
    return [
        f"c = type({v})",
        "if c is float:",
        f"    if not 0.0 <= {v} < 1e15:",
        f"        {v} = _num({v})",
        f"elif c is not int or not 0 <= {v} < _BIG:",
        f"    {v} = _num({v})",
    ]


# The fast path: a plain dict whose id is plain text. Each value of the parsed type is
# taken as it is (numbers ≥ 0 below _BIG, True/False, str/None texts that parse_text keeps
# as they are); anything else goes to the same parser, which decides. ``n`` counts the
# plain columns present: when the dict holds any other key (an alias, ``tool:Excel``…)
# the staff reader reads the whole record instead.
FAST_GUARD = (
    "type(r) is dict and type(i := r.get('id')) is str and i.isprintable() and 0 < len(i) <= _MAXC and not i.isspace()"
)
FAST_READ = [
    "get = r.get",
    "n = 1",
    't = get("trainings")',
    "if t is None:",
    "    tv = _TV0",
    "else:",
    "    n += 1",
    "    try:",
    "        tv = _tm[tuple(t) if type(t) is list else t]",
    "    except (KeyError, TypeError):",
    "        tv = _tv_raw(t)",
    *(
        line
        for v, f in (("py", "dx_project_years"), ("ly", "dx_lead_years"), ("lc", "dx_lead_count"))
        for line in (
            f'{v} = get("{f}")',
            f"if {v} is not None:",
            "    n += 1",
            *("    " + line for line in number_check(v)),
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
            "    if type(v) is not str or not v.isprintable() or len(v) > _MAXC:",
            "        _text(v)",
        )
    ),
    '    v = get("tools")',
    "    if type(v) is dict:",  # tool levels as a nested mapping: resolved once per distinct mapping
    "        n += 1",
    "        tl = _tl(v)",
    "    if len(r) != n:",  # plain columns given as None (unknown, as the reader takes them)
    "        n += _nones(r)",
]
UNPACK = ["_r, t, d, tl, py, ly, lc, mt = x", "tv = _tv(t)"]
MAKE = ["e = _E()", "e.record = r", "e.rank = k", "e._ladder = _L"]
#: The keys a plain dict may have for the loops specialised to its keys (others: the general loops).
PLAIN = frozenset(STANDARD_COLUMNS)
NUMBER_VARS = {"dx_project_years": "py", "dx_lead_years": "ly", "dx_lead_count": "lc"}


def chain_source(nodes: tuple[Node, ...]) -> list[str]:
    """Lines setting ``k``: the highest step whose rule and every rule below it hold."""
    chain = ["k = 0"] if not nodes else []
    for i, node in enumerate(nodes):
        chain += [f"{'if' if i == 0 else 'elif'} not {node.true}:", f"    k = {i}"]
    if nodes:
        chain += ["else:", f"    k = {len(nodes)}"]
    return chain


def needs_t(nodes: Iterable[Node]) -> bool:
    """Whether the rules read ``t`` itself (not only ``tv``)."""
    return any(re.search(r"\bt\b", n.true) for n in nodes)


# A StaffRecord the staff reader made (``_parsed``; not one made by hand or by attrs.evolve,
# which FactReader.facts reads again) holds parsed values: taken as they are, as
# FactReader.facts takes them; its trainings (a tuple of keys) resolved once per distinct
# tuple (``_tsr``), its DSM and tool levels by the reader's memos.
RECORD_GUARD = "type(r) is _SR and r._parsed"
RECORD_READ = [
    "t = r.trainings",
    "if t is None:",
    "    tv = _TV0",
    "else:",
    "    tv = _tsr.get(t)",
    "    if tv is None:",
    "        tv = _tsr_read(t)",
    "py, ly, lc, mt = r.dx_project_years, r.dx_lead_years, r.dx_lead_count, r.mentoring",
    "d = _dsm_levels(r.dsm) if r.dsm else None",
    "tl = _tools_levels(r) if r.tools or r.tool_checks else None",
]


def read_source(uses_x: bool, needs_t: bool) -> list[str]:
    """Lines reading ``r`` into the fact locals: inline for a plain dict of plain columns
    and for a StaffRecord the staff reader made (unless the rules need the whole facts
    tuple ``x``), else by the record reader."""
    slow = ["x = _facts(r)", *UNPACK]
    if uses_x:
        return slow
    return [
        f"if {FAST_GUARD}:",
        *("    " + line for line in FAST_READ),
        "        if len(r) != n:",
        *("            " + line for line in slow),
        *(["    t = tv[0]"] if needs_t else []),
        f"elif {RECORD_GUARD}:",
        *("    " + line for line in RECORD_READ),
        *(["    t = tv[0]"] if needs_t else []),
        "else:",
        *("    " + line for line in slow),
    ]


def facts_source(read: list[str], uses_x: bool) -> list[str]:
    """``facts(r)``: the facts as the reader gives them (its numbers: ``1.0`` is ``1``)."""
    return [
        "def facts(r):",
        *("    " + line for line in read),
        *(
            []
            if uses_x
            else [
                "    t = tv[0]",
                *(
                    f"    if type({v}) is float and {v}.is_integer():\n        {v} = int({v})"
                    for v in ("py", "ly", "lc")
                ),
            ]
        ),
        "    return (r, t, d, tl, py, ly, lc, mt)",
    ]


def checks_source(nodes: list[Node]) -> list[str]:
    """``_c<i>(x)``: the three-valued truth of each node, for explanations."""
    src: list[str] = []
    for i, node in enumerate(nodes):
        src += [
            "",
            f"def _c{i}(x):",
            *("    " + line for line in UNPACK),
            f"    if {node.true}:",
            "        return True",
            f"    if {node.false}:",
            "        return False",
            "    return None",
        ]
    return src


def outcomes_source(s: int, root: Node) -> tuple[list[str], list[Node]]:
    """``_o<s>(x)``: the outcome of every node of step ``s`` in one function, and those nodes."""
    nodes: list[Node] = []
    all_nodes([root], nodes)
    exprs = [f"(True if {n.true} else False if {n.false} else None)" for n in nodes]
    return [f"def _o{s}(x):", *("    " + line for line in UNPACK), f"    return ({', '.join(exprs)},)"], nodes


def signature_source(nodes: tuple[Node, ...], uses_x: bool, ns: dict[str, Any]) -> list[str]:
    """Lines setting ``sig``: the outcome of each leaf of the step above rank ``k``
    (:meth:`~skillframe.engine.ladder.Ladder.leaf_outcomes`, from the locals already read;
    ``_lo(k, x)`` when the rules need ``x``). A step whose leaves read only the trained
    skills is worked out once per distinct ``t`` (a memo ``_sm<s>`` put in ``ns``)."""
    lines: list[str] = []
    for s, root in enumerate(nodes):
        lines.append(f"{'if' if s == 0 else 'elif'} k == {s}:")
        if uses_x:
            lines.append(f"    sig = _lo({s}, x)")
            continue
        leaves: list[Node] = []
        leaf_nodes(root, leaves)
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
    lines += ["else:", "    sig = ()"] if nodes else ["sig = ()"]
    return lines


def _locals(lines: list[str], ns: dict[str, Any]) -> str:
    """The namespace's names used in ``lines``, as default arguments (read as locals: faster)."""
    names = sorted(set(re.findall(r"\b_[A-Za-z]\w*", "\n".join(lines))) & set(ns))
    return "".join(f", {n}={n}" for n in names)


def keyed_source(body: list[str], ns: dict[str, Any]) -> list[str]:
    """``keyed(it, out)``: ``(k, sig)`` of each record (``body`` sets both)."""
    return [
        f"def keyed(it, out, bad=_bad{_locals(body, ns)}):",
        "    ap = out.append",
        "    for r in it:",
        "        try:",
        *("            " + line for line in body),
        "        except _ERRORS as exc:",
        "            raise bad(r, exc) from None",
        "        ap((k, sig))",
        "    return out",
    ]


def loop_source(shape: str, body: list[str], ns: dict[str, Any], head: list[str] | None = None) -> list[str]:
    """The two loops over records (``ranks{shape}`` and ``run_batch{shape}``) around ``body``.

    ``head`` (shape loops): lines that take the values out of ``r`` or ``return r`` when
    ``r`` has another shape (the driver then picks the loops for it).
    """
    head = head or []
    local = _locals(head + body + MAKE, ns)
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
        f"def run_batch{shape}(it, out{local}):",
        "    ap = out.append",
        "    for r in it:",
        *(
            ["        try:", *("            " + line for line in head), "        except KeyError:", *miss_batch]
            if head
            else []
        ),
        "        try:",
        *("            " + line for line in body),
        "        except _ERRORS as exc:",
        "            return _END, _bad(r, exc)",
        *("        " + line for line in MAKE),
        "        ap(e)",
        "    return _END, None",
    ]


def shape_source(order: list[str], getter: str, needs_t: bool, chain: list[str]) -> tuple[list[str], list[str]]:
    """``(head, body)`` of the loops for plain dicts with exactly the keys ``order`` (sorted):
    ``head`` takes the values out with ``getter`` (an itemgetter of ``order``), ``body``
    reads them as the general loop does and sets ``k``."""
    fields = frozenset(order)
    var = {"id": "i", "persona": "vp", "department": "vd", "trainings": "t", **NUMBER_VARS, "mentoring": "mt"}
    head = [
        f"if type(r) is not dict or len(r) != {len(order)}:",
        "    raise KeyError",  # another shape: the driver picks the loops for it
        f"{', '.join(var[k] for k in order)}, = {getter}(r)" if len(order) > 1 else f"i = {getter}(r)",
    ]
    body = [
        # an id that is not plainly valid text: the general reading decides (and explains)
        "if type(i) is not str or not (i.isalnum() or i.isprintable() and not i.isspace() and i) or len(i) > _MAXC:",
        "    k = _rank1(r)",
        "else:",
    ]
    read: list[str] = []
    if "trainings" in fields:
        read += [
            "try:",
            "    tv = _tm[tuple(t) if type(t) is list else t]",
            "except (KeyError, TypeError):",
            "    tv = _tv_raw(t)",
        ]
    else:
        read.append("tv = _TV0")
    for f, v in NUMBER_VARS.items():
        if f in fields:
            read += number_check(v)
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
                f"if type({v}) is not str or not {v}.isprintable() or len({v}) > _MAXC:",
                f"    _text({v})",
            ]
    read.append("d = tl = None")
    if needs_t:
        read.append("t = tv[0]")
    read += chain
    body += ["    " + line for line in read]
    return head, body


def leaf_nodes(node: Node, out: list[Node]) -> None:
    """The leaves of a node, depth first (the order of :meth:`Ladder.leaf_outcomes`)."""
    if node.kind == "leaf":
        out.append(node)
    for kid in node.children:
        leaf_nodes(kid, out)


def all_nodes(nodes: Iterable[Node], out: list[Node]) -> None:
    """Every node, depth first."""
    for n in nodes:
        out.append(n)
        all_nodes(n.children, out)
