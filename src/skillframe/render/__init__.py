"""Pictures and documents made from a catalog (Mermaid, Graphviz DOT, GraphML), and the
one safe way to write files (:mod:`.writer`: never over an input, never half-written)
and workbooks (:mod:`.xlsx`).

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
from .writer import SafeOutput, check_not_input, choose_format, write_bytes, write_text
from .xlsx import Sheet, workbook

__all__ = [
    "DIAGRAM_FORMATS",
    "Diagram",
    "Edge",
    "Node",
    "SafeOutput",
    "Sheet",
    "check_not_input",
    "choose_format",
    "crosswalk_diagram",
    "graphml",
    "graphml_safe",
    "ladder_diagram",
    "persona_diagram",
    "workbook",
    "write_bytes",
    "write_text",
]
