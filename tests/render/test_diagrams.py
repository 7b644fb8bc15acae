"""Pictures of the graph: DOT renders with Graphviz, Mermaid has the graph's nodes and edges,
GraphML round-trips, and labels survive Japanese text, quotes and brackets.

The Graphviz test needs ``dot``: ``.ci/run`` installs it from the distribution's packages.
Outside CI a missing ``dot`` skips the test; under CI (``CI=true``) it fails.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

import skillframe
from skillframe.render import (
    Diagram,
    Edge,
    Node,
    crosswalk_diagram,
    graphml,
    graphml_safe,
    ladder_diagram,
    persona_diagram,
)


def _views(cat: skillframe.Catalog) -> dict[str, Diagram]:
    return {
        "personas": persona_diagram(cat),
        "personas-dsm": persona_diagram(cat, framework="tokyo-dsm", lang="en"),
        "lineage": persona_diagram(cat, persona="全庁DX推進担当"),
        "ladder": ladder_diagram(cat, "DX推進員"),
        "ladder-general": ladder_diagram(cat, "一般行政職員", lang="en"),
        "crosswalk": crosswalk_diagram(cat, "DSM level", "tokyo-wg-2025:draft-dx-promoter-level"),
    }


TRICKY = Diagram(
    title='題 "quoted" [x] {y} <z> a|b #1 & `c` \\ end',
    nodes=(
        Node("a", '人材像 "A" [1]\n2行目 (括弧) {b} <c> #d & e|f `g` \\h', "persona"),
        Node("b", "end", "skill", group="g"),
        Node("c", "subgraph", "step", group="g"),
    ),
    edges=(Edge("a", "b", "requires", 'Lv"3"|x'), Edge("b", "c", "mapping", "≈*", dashed=True)),
    groups=(("g", 'グループ "g" [1]'),),
)


# ---------------------------------------------------------------------------
# Graphviz


def _dot() -> str:
    exe = shutil.which("dot")
    if exe is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Graphviz 'dot' is missing under CI: .ci/run should install it (apt-get install graphviz)")
        pytest.skip("Graphviz 'dot' is not installed")
    return exe


def _render_svg(diagram: Diagram, tmp_path: Path) -> None:
    dot = _dot()
    src = tmp_path / "g.dot"
    src.write_text(diagram.dot(), encoding="utf-8")
    done = subprocess.run([dot, "-Tsvg", str(src)], capture_output=True, check=False, timeout=60)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    svg = ET.fromstring(done.stdout)
    texts = {"".join(t.itertext()) for t in svg.iter("{http://www.w3.org/2000/svg}text")}
    titles = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}title")]
    # every node is drawn, under its short id, and every label line is there verbatim
    assert sum(1 for t in titles if t and re.fullmatch(r"n\d+", t)) == len(diagram.nodes)
    for n in diagram.nodes:
        for line in n.label.split("\n"):
            assert line in texts, line
    assert sum(1 for t in titles if t and "->" in t) == len(diagram.edges)


@pytest.mark.parametrize("view", ["personas", "personas-dsm", "lineage", "ladder", "ladder-general", "crosswalk"])
def test_dot_renders_to_svg(cat: skillframe.Catalog, view: str, tmp_path: Path) -> None:
    _render_svg(_views(cat)[view], tmp_path)


def test_dot_with_tricky_labels_renders_to_svg(tmp_path: Path) -> None:
    _render_svg(TRICKY, tmp_path)


# ---------------------------------------------------------------------------
# Mermaid: parse the text back and compare with the diagram and the graph

_NODE = re.compile(r'^\s*(n\d+)(\(\[|\[\[|\[/|\[)"([^"]*)"(\]\)|\]\]|/\]|\])$')
_EDGE = re.compile(r'^\s*(n\d+) (-->|-\.->)(?:\|"([^"]*)"\|)? (n\d+)$')
_GROUP = re.compile(r'^\s*subgraph (g\d+)\["([^"]*)"\]$')


def _unescape(text: str) -> str:
    text = text.replace("<br/>", "\n")
    named = {"quot": '"', "lt": "<", "gt": ">", "amp": "&"}
    return re.sub(r"#(\w+);", lambda mt: named.get(mt[1]) or chr(int(mt[1])), text)


def parse_mermaid(text: str) -> tuple[dict[str, str], list[tuple[str, str, str, bool]], dict[str, list[str]]]:
    """Nodes (id → label), edges (source, target, label, dashed), groups (label → node ids)."""
    lines = text.splitlines()
    assert lines[0] == "---" and lines[2] == "---" and lines[3].startswith("flowchart ")
    nodes: dict[str, str] = {}
    edges: list[tuple[str, str, str, bool]] = []
    groups: dict[str, list[str]] = {}
    current: str | None = None
    for line in lines[4:]:
        if mt := _GROUP.match(line):
            current = _unescape(mt[2])
            groups[current] = []
        elif line.strip() == "end":
            current = None
        elif mt := _NODE.match(line):
            assert mt[1] not in nodes, f"node {mt[1]} twice"
            nodes[mt[1]] = _unescape(mt[3])
            if current is not None:
                groups[current].append(mt[1])
        elif mt := _EDGE.match(line):
            edges.append((mt[1], mt[4], _unescape(mt[3] or ""), mt[2] == "-.->"))
        else:
            raise AssertionError(f"unparsed Mermaid line: {line!r}")
    return nodes, edges, groups


@pytest.mark.parametrize("view", ["personas", "personas-dsm", "lineage", "ladder", "ladder-general", "crosswalk"])
def test_mermaid_structure_matches_the_diagram(cat: skillframe.Catalog, view: str) -> None:
    diagram = _views(cat)[view]
    nodes, edges, _ = parse_mermaid(diagram.mermaid())
    short = {n.id: f"n{i}" for i, n in enumerate(diagram.nodes)}
    assert nodes == {short[n.id]: n.label for n in diagram.nodes}
    assert edges == [(short[e.source], short[e.target], e.label, e.dashed) for e in diagram.edges]


def test_mermaid_persona_edges_match_the_graph(cat: skillframe.Catalog) -> None:
    diagram = persona_diagram(cat)
    nodes, edges, _ = parse_mermaid(diagram.mermaid())
    back = {f"n{i}": n.id for i, n in enumerate(diagram.nodes)}
    drawn = {(back[s], back[t]) for s, t, _, _ in edges}
    g = cat.graph
    wanted = {
        (u, v)
        for u, v, k in g.edges(keys=True)
        if k in ("inherits", "requires") and g.nodes[u]["framework"] == "tokyo-wg-2025"
    }
    assert drawn == wanted
    labels = {back[i]: lab for i, lab in nodes.items()}
    assert labels["tokyo-wg-2025:dx-central"] == "全庁DX推進担当"


def test_mermaid_ladder_edges_match_the_graph(cat: skillframe.Catalog) -> None:
    diagram = ladder_diagram(cat, "DX推進員")
    _, edges, _ = parse_mermaid(diagram.mermaid())
    back = {f"n{i}": n.id for i, n in enumerate(diagram.nodes)}
    drawn = {(back[s], back[t]) for s, t, _, _ in edges}
    g = cat.graph
    steps = {st.id for st in cat.steps("DX推進員")}
    wanted = {
        (u, v)
        for u, v, k in g.edges(keys=True)
        if (u in steps and k in ("step_requires", "precedes"))
        or (u == "tokyo-wg-2025:dx-promoter" and k == "has_step" and v.endswith("step1"))
    }
    assert drawn == wanted


def test_mermaid_crosswalk_groups_are_the_scales(cat: skillframe.Catalog) -> None:
    diagram = _views(cat)["crosswalk"]
    nodes, edges, groups = parse_mermaid(diagram.mermaid())
    assert list(groups) == ["デジタルスキルマップ レベル", "DX推進員 育成目標レベル（WG案・4段階）"]
    assert [nodes[i].split("\n")[0] for i in groups["デジタルスキルマップ レベル"]] == ["Lv.0", "Lv.1", "Lv.2", "Lv.3"]
    precedes = [e for e in edges if e[2] == ""]
    assert len(precedes) == 3 + 3


def test_mermaid_escapes_every_special_character() -> None:
    text = TRICKY.mermaid()
    nodes, edges, groups = parse_mermaid(text)
    assert nodes["n0"] == TRICKY.nodes[0].label
    assert nodes["n1"] == "end" and nodes["n2"] == "subgraph"  # keywords are safe as quoted labels
    assert edges[0][2] == 'Lv"3"|x' and edges[1] == ("n1", "n2", "≈*", True)
    assert list(groups) == ['グループ "g" [1]']
    body = "\n".join(text.splitlines()[4:])
    # no raw quote inside a label, no raw bracket or pipe that Mermaid would read as syntax
    for label in re.findall(r'"([^"]*)"', body):
        assert not set(label.replace("<br/>", "")) & set("[]{}<>|`")


def test_dot_escaping() -> None:
    text = TRICKY.dot()
    assert 'label="人材像 \\"A\\" [1]\\n2行目' in text
    assert "\\\\h" in text
    assert "style=dashed" in text


def test_unknown_diagram_format() -> None:
    with pytest.raises(skillframe.UnknownKeyError):
        TRICKY.render("png")


# ---------------------------------------------------------------------------
# GraphML


def test_graphml_round_trips_with_scalar_attributes(cat: skillframe.Catalog, tmp_path: Path) -> None:
    text = graphml(cat)
    path = tmp_path / "g.graphml"
    path.write_text(text, encoding="utf-8")
    back = nx.read_graphml(path, force_multigraph=True)
    g = cat.graph
    assert back.number_of_nodes() == g.number_of_nodes()
    assert back.number_of_edges() == g.number_of_edges()
    node = back.nodes["tokyo-wg-2025:dx-promoter"]
    assert node["label"] == "DX推進員" and node["kind"] == "persona" and node["label_en"] == "DX promoter"
    kinds = {d["kind"] for _, _, d in back.edges(data=True)}
    assert {"inherits", "requires", "has_level", "teaches"} <= kinds
    for _, data in back.nodes(data=True):
        assert "definition" not in data


def test_graphml_safe_stringifies_and_drops() -> None:
    g: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    g.add_node("a", kind="skill", definition=object(), tags=("x", "y"), none=None)
    g.add_node("b")
    g.add_edge("a", "b", key="requires", level=None, weird={"k": 1})
    safe = graphml_safe(g)
    assert safe.nodes["a"] == {"kind": "skill", "tags": "x; y"}
    assert safe.edges["a", "b", "requires"] == {"kind": "requires", "weird": "{'k': 1}"}
