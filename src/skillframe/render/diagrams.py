r"""Pictures of the graph: Mermaid and Graphviz DOT diagrams, and GraphML for other tools.

A :class:`Diagram` is plain data (nodes, edges, groups); :meth:`Diagram.mermaid` and
:meth:`Diagram.dot` write it in each syntax with labels escaped for that syntax, so
Japanese text, quotes and brackets survive. Three views are drawn from a catalog:

- :func:`persona_diagram`: persona inheritance with each persona's own skills;
- :func:`ladder_diagram`: one persona's ladder, with what each step names;
- :func:`crosswalk_diagram`: two scales side by side and the mappings between them.

:func:`graphml` writes the whole graph with GraphML-safe attributes.

>>> import skillframe
>>> cat = skillframe.load()
>>> d = ladder_diagram(cat, "DX推進員")
>>> print(d.mermaid().splitlines()[3])
flowchart LR
>>> 'label="Step2 (OJT)\\nDX案件のリードを1年以上取り組んでいる"' in d.dot()
True
"""

from __future__ import annotations

import io
import itertools
import json
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Literal

import attrs

from .._cells import xml_safe
from .._compare import DERIVED_MARK, PREDICATE_MARKS
from .._text import label_of, text_of
from ..errors import LookupFailed, UnknownKeyError

if TYPE_CHECKING:  # networkx is imported when a GraphML file is made, not at import time
    from .._catalog import Catalog
    from .._graph import Graph

__all__ = [
    "DIAGRAM_FORMATS",
    "Diagram",
    "Edge",
    "Node",
    "crosswalk_diagram",
    "dot_escape",
    "graphml",
    "graphml_safe",
    "ladder_diagram",
    "mermaid_escape",
    "persona_diagram",
]

#: The formats ``skillframe graph`` writes.
DIAGRAM_FORMATS = ("mermaid", "dot", "graphml")


@attrs.frozen
class Node:
    """A node: the definition id it draws, its label, its kind and the group it sits in."""

    id: str
    label: str
    kind: str
    group: str | None = None


@attrs.frozen
class Edge:
    """An edge between two node ids: its kind (the graph's edge key), label and style."""

    source: str
    target: str
    kind: str
    label: str = ""
    dashed: bool = False


@attrs.frozen(kw_only=True)
class Diagram:
    """Nodes, edges and labelled groups, to be written as Mermaid or DOT."""

    title: str
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    groups: tuple[tuple[str, str], ...] = ()
    direction: Literal["LR", "TB", "BT", "RL"] = "LR"

    def render(self, fmt: str) -> str:
        """The diagram as ``mermaid`` or ``dot``."""
        if fmt == "mermaid":
            return self.mermaid()
        if fmt == "dot":
            return self.dot()
        raise UnknownKeyError("format", fmt, suggestions=("mermaid", "dot"))

    def _short_ids(self) -> dict[str, str]:
        return {n.id: f"n{i}" for i, n in enumerate(self.nodes)}

    def mermaid(self) -> str:
        """A Mermaid ``flowchart``; node ids are ``n0``, ``n1``… and labels are quoted.

        >>> d = Diagram(title="t", nodes=(Node("a", 'say "hi" [1]', "skill"),), edges=())
        >>> print(d.mermaid())
        ---
        title: "t"
        ---
        flowchart LR
          n0["say #quot;hi#quot; #91;1#93;"]
        <BLANKLINE>
        """
        ids = self._short_ids()
        lines = ["---", f"title: {_yaml_quoted(self.title)}", "---", f"flowchart {self.direction}"]

        def node_line(n: Node, indent: str) -> str:
            left, right = _MERMAID_SHAPES.get(n.kind, ("[", "]"))
            return f'{indent}{ids[n.id]}{left}"{mermaid_escape(n.label)}"{right}'

        for n in self.nodes:
            if n.group is None:
                lines.append(node_line(n, "  "))
        for gi, (gid, glabel) in enumerate(self.groups):
            lines.append(f'  subgraph g{gi}["{mermaid_escape(glabel)}"]')
            lines.extend(node_line(n, "    ") for n in self.nodes if n.group == gid)
            lines.append("  end")
        for e in self.edges:
            arrow = "-.->" if e.dashed else "-->"
            label = f'|"{mermaid_escape(e.label)}"|' if e.label else ""
            lines.append(f"  {ids[e.source]} {arrow}{label} {ids[e.target]}")
        return "\n".join(lines) + "\n"

    def dot(self) -> str:
        """A Graphviz ``digraph``; every id and label is a double-quoted, escaped string.

        >>> d = Diagram(title="t", nodes=(Node("a", 'C:\\\\x "y"', "skill"),), edges=())
        >>> print(d.dot())  # doctest: +NORMALIZE_WHITESPACE
        digraph "skillframe" {
          graph [rankdir=LR, label="t", labelloc=t, fontname="sans-serif"];
          node [fontname="sans-serif", shape=box, style=rounded];
          edge [fontname="sans-serif", fontsize=10];
          "n0" [label="C:\\\\x \\"y\\""];
        }
        <BLANKLINE>
        """
        ids = self._short_ids()
        lines = [
            'digraph "skillframe" {',
            f'  graph [rankdir={self.direction}, label="{dot_escape(self.title)}", labelloc=t, fontname="sans-serif"];',
            '  node [fontname="sans-serif", shape=box, style=rounded];',
            '  edge [fontname="sans-serif", fontsize=10];',
        ]

        def node_line(n: Node, indent: str) -> str:
            shape = _DOT_SHAPES.get(n.kind)
            extra = f", shape={shape}" if shape else ""
            return f'{indent}"{ids[n.id]}" [label="{dot_escape(n.label)}"{extra}];'

        lines.extend(node_line(n, "  ") for n in self.nodes if n.group is None)
        for gi, (gid, glabel) in enumerate(self.groups):
            lines.append(f'  subgraph "cluster_{gi}" {{')
            lines.append(f'    label="{dot_escape(glabel)}";')
            lines.extend(node_line(n, "    ") for n in self.nodes if n.group == gid)
            lines.append("  }")
        for e in self.edges:
            attrs_: list[str] = []
            if e.label:
                attrs_.append(f'label="{dot_escape(e.label)}"')
            if e.dashed:
                attrs_.append("style=dashed")
            tail = f" [{', '.join(attrs_)}]" if attrs_ else ""
            lines.append(f'  "{ids[e.source]}" -> "{ids[e.target]}"{tail};')
        lines.append("}")
        return "\n".join(lines) + "\n"


_MERMAID_SHAPES = {"persona": ("([", "])"), "step": ("[[", "]]"), "tool": ("[/", "/]")}
_DOT_SHAPES = {"persona": "ellipse", "step": "box3d", "tool": "parallelogram"}

# Mermaid reads "#name;" / "#35;" entity codes inside quoted labels.
_MERMAID_ENTITIES = {
    "#": "#35;",
    '"': "#quot;",
    "<": "#lt;",
    ">": "#gt;",
    "&": "#amp;",
    "[": "#91;",
    "]": "#93;",
    "{": "#123;",
    "}": "#125;",
    "|": "#124;",
    "`": "#96;",
}


def mermaid_escape(text: str) -> str:
    """Escape text for a quoted Mermaid label (entity codes; newlines become ``<br/>``).

    >>> mermaid_escape('A "B" <C> #1 [x]\\ny')
    'A #quot;B#quot; #lt;C#gt; #35;1 #91;x#93;<br/>y'
    """
    out = "".join(_MERMAID_ENTITIES.get(ch, ch) for ch in xml_safe(text))
    return out.replace("\r\n", "\n").replace("\n", "<br/>")


def _yaml_quoted(text: str) -> str:
    r"""A YAML double-quoted scalar on one line (JSON's string syntax is valid YAML).

    >>> print(_yaml_quoted('Ladder: DX "a"\n#1'))
    "Ladder: DX \"a\" #1"
    """
    one_line = " ".join(xml_safe(text).split())
    return json.dumps(one_line, ensure_ascii=False)


def dot_escape(text: str) -> str:
    r"""Escape text for a double-quoted DOT string (backslash, quote, newline).

    >>> print(dot_escape('a\\b "c"\nd'))
    a\\b \"c\"\nd
    """
    text = xml_safe(text)
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\r\n", "\n").replace("\n", "\\n")


# ---------------------------------------------------------------------------
# Views


def _words(lang: str, ja: str, en: str) -> str:
    return en if lang == "en" else ja


def persona_diagram(
    cat: Catalog, *, framework: str | None = None, persona: str | None = None, lang: str = "ja"
) -> Diagram:
    """Persona inheritance with skills: each persona, whom it inherits from, its own skills.

    With ``persona``: that persona and its ancestors only. Otherwise every persona of
    ``framework`` (default: the framework :func:`~skillframe.compare` uses) that has
    skills or parents.

    >>> import skillframe
    >>> d = persona_diagram(skillframe.load(), persona="全庁DX推進担当")
    >>> sorted({e.kind for e in d.edges})
    ['inherits', 'requires']
    """
    from .._compare import _one_framework

    p = cat.persona(persona) if persona is not None else None
    if p is not None:
        personas = [*reversed(cat.ancestors(p.id)), p]
    else:
        fw = _one_framework(cat, [framework] if framework else None, None)
        personas = [x for x in cat.personas(fw.id) if x.requirements or x.inherits]
    nodes: dict[str, Node] = {}
    edges: list[Edge] = []
    for x in personas:
        nodes[x.id] = Node(x.id, label_of(x, lang), "persona")
    for x in personas:
        for parent in x.inherits:
            if parent in nodes:
                edges.append(Edge(x.id, parent, "inherits", _words(lang, "継承", "inherits")))
        for req in x.requirements:
            if req.skill not in cat:
                continue
            nodes.setdefault(req.skill, Node(req.skill, label_of(cat.get(req.skill), lang), "skill"))
            label = f"Lv{req.level}" if req.level is not None else ""
            edges.append(Edge(x.id, req.skill, "requires", label, dashed=req.priority == "welcome"))
    title = _words(lang, "人材像の継承とスキル", "Persona inheritance and skills")
    return Diagram(title=title, nodes=tuple(nodes.values()), edges=tuple(edges), direction="LR")


def ladder_diagram(cat: Catalog, persona: str, *, lang: str = "ja") -> Diagram:
    """One persona's ladder: its steps in order, and the skills, tools and steps each names.

    >>> import skillframe
    >>> d = ladder_diagram(skillframe.load(), "DX推進員")
    >>> [n.label.splitlines()[0] for n in d.nodes if n.kind == "step"]
    ['Step1 (Off-JT)', 'Step2 (OJT)', 'Step3 (指導)']
    """
    p = cat.persona(persona)
    g = cat.graph
    nodes: dict[str, Node] = {p.id: Node(p.id, label_of(p, lang), "persona")}
    edges: list[Edge] = []
    steps = cat.steps(p.id)
    for st in steps:
        desc = text_of(st, "description", lang)
        nodes[st.id] = Node(st.id, label_of(st, lang) + (f"\n{desc}" if desc else ""), "step")
    for i, st in enumerate(steps):
        edges.append(Edge(p.id, st.id, "has_step") if i == 0 else Edge(steps[i - 1].id, st.id, "precedes"))
    for st in steps:
        for _, target, key, data in g.out_edges(st.id, keys=True, data=True):
            if key != "step_requires":
                continue
            if target not in nodes:
                d = cat.get(target)
                kind = cat.kind_of(target)
                label = label_of(d, lang)
                if kind == "step":
                    label = f"{label_of(cat.get(d.persona), lang)} {label}"
                nodes[target] = Node(target, label, kind)
            cond = data.get("condition")
            label = _words(lang, "研修", "trained") if cond == "Trained" else ""
            if data.get("min") is not None:
                label = f"Lv{data['min']}+"
            edges.append(Edge(st.id, target, "step_requires", label))
    title = _words(lang, f"育成段階: {label_of(p, lang)}", f"Ladder: {label_of(p, lang)}")
    return Diagram(title=title, nodes=tuple(nodes.values()), edges=tuple(edges), direction="LR")


def _crosswalk_maps(cat: Catalog, level_id: str, framework: str) -> list[Any]:
    mapper: Callable[..., Iterable[Any]] | None = getattr(cat, "map", None)
    if mapper is None:
        return []
    try:
        return list(mapper(level_id, to=framework))
    except LookupFailed:
        return []


def crosswalk_diagram(cat: Catalog, scale_a: str, scale_b: str, *, lang: str = "ja") -> Diagram:
    """Two scales side by side, each in order, and the crosswalk mappings between their levels.

    Edges are labelled with the predicate's mark (``=`` ``≈`` ``⊃`` ``⊂`` ``~``); a
    derived mapping is dashed and marked ``*``.

    >>> import skillframe
    >>> d = crosswalk_diagram(skillframe.load(), "DSM level", "ITSS+ level (7 levels)")
    >>> len(d.groups), len([n for n in d.nodes if n.kind == "level"])
    (2, 11)
    """
    a, b = cat.scale(scale_a), cat.scale(scale_b)
    nodes: list[Node] = []
    edges: list[Edge] = []
    for sc in (a, b):
        levels = sorted(sc.levels, key=lambda lv: lv.rank)
        for lv in levels:
            desc = f"\n{lv.descriptor}" if lv.descriptor else ""
            nodes.append(Node(lv.id, label_of(lv, lang) + desc, "level", group=sc.id))
        edges.extend(Edge(x.id, y.id, "precedes") for x, y in itertools.pairwise(levels))
    b_ids = {lv.id for lv in b.levels}
    for lv in sorted(a.levels, key=lambda lv: lv.rank):
        for mp in _crosswalk_maps(cat, lv.id, b.framework):
            if getattr(mp, "negated", False):
                continue
            obj = mp.object if not isinstance(mp.object, str) else cat.get(mp.object)
            if obj.id not in b_ids:
                continue
            pred = str(mp.predicate).rsplit(":", 1)[-1]
            mark = PREDICATE_MARKS.get(pred, "?") + (DERIVED_MARK if mp.derived else "")
            edges.append(Edge(lv.id, obj.id, "mapping", mark, dashed=bool(mp.derived)))
    groups = ((a.id, label_of(a, lang)), (b.id, label_of(b, lang)))
    title = _words(lang, f"対応: {label_of(a, lang)} ↔ {label_of(b, lang)}", f"Crosswalk: {a.id} ↔ {b.id}")
    return Diagram(title=title, nodes=tuple(nodes), edges=tuple(edges), groups=groups, direction="TB")


# ---------------------------------------------------------------------------
# GraphML


def _safe(value: Any) -> str | int | float | bool | None:
    if value is None:
        return None
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, (tuple, list, set, frozenset)):
        return xml_safe("; ".join(str(v) for v in value))
    return xml_safe(str(value))


def graphml_safe(graph: Graph) -> Graph:
    """A copy of the graph whose attributes GraphML can hold.

    The ``definition`` object is dropped (its ``label_en`` is kept beside ``label``);
    ``None`` values are left out; sequences are joined with ``; ``; other values
    become strings.
    """
    import networkx as nx

    out: Graph = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        clean = {k: _safe(v) for k, v in data.items() if k != "definition"}
        label_en = getattr(data.get("definition"), "label_en", None)
        if label_en:
            clean["label_en"] = xml_safe(str(label_en))
        out.add_node(xml_safe(node), **{k: v for k, v in clean.items() if v is not None})
    for u, v, key, data in graph.edges(keys=True, data=True):
        clean = {k: _safe(x) for k, x in data.items() if k != "definition"}
        clean.setdefault("kind", str(key))
        mapping = data.get("mapping")
        if mapping is not None:  # a crosswalk edge: its SSSOM fields as scalars
            for name in ("predicate", "confidence", "justification", "derived", "negated"):
                clean[name] = _safe(getattr(mapping, name, None))
        out.add_edge(
            xml_safe(u), xml_safe(v), key=xml_safe(str(key)), **{k: x for k, x in clean.items() if x is not None}
        )
    return out


def graphml(cat: Catalog) -> str:
    """The whole graph as GraphML (for yEd, Gephi, Cytoscape…).

    >>> import skillframe
    >>> text = graphml(skillframe.load())
    >>> text.startswith("<?xml") and 'attr.name="kind"' in text
    True
    """
    buf = io.BytesIO()
    import networkx as nx

    nx.write_graphml(graphml_safe(cat.graph), buf, encoding="utf-8")
    return buf.getvalue().decode("utf-8")
