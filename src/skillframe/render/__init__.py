"""Pictures and documents made from a catalog: Mermaid, Graphviz DOT and GraphML.

>>> import skillframe
>>> from skillframe.render import persona_diagram
>>> persona_diagram(skillframe.load(), persona="DX推進員").mermaid().startswith("---")
True
"""

from __future__ import annotations

from .diagrams import (
    DIAGRAM_FORMATS,
    Diagram,
    Edge,
    Node,
    crosswalk_diagram,
    graphml,
    graphml_safe,
    ladder_diagram,
    persona_diagram,
)

__all__ = [
    "DIAGRAM_FORMATS",
    "Diagram",
    "Edge",
    "Node",
    "crosswalk_diagram",
    "graphml",
    "graphml_safe",
    "ladder_diagram",
    "persona_diagram",
]
