"""Imports point one way (down), as docs/architecture.md draws them.

Every ``import`` in ``src/skillframe`` (at module level or inside a function) is read
with :mod:`ast`. Two rules a newcomer can rely on:

- only the front door (``__init__``, ``__main__``) and ``cli/`` import the front door
  ``skillframe`` itself or ``cli``;
- nothing below the presentation layer imports ``render`` (results are data; ``render``
  presents them) — except the one safe file writer, ``render.writer``, used by the SSSOM
  writer to write its files atomically.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "skillframe"

#: The presentation layer and what is above it (they may import ``render``): see architecture.md.
ABOVE_RENDER = ("render", "_table.py", "_cells.py", "cli", "__init__.py", "__main__.py")
#: (importing module, imported module) pairs allowed across the rules, each with its reason.
ALLOWED = {("_sssom/write.py", "skillframe.render.writer")}


def imports(path: Path) -> list[str]:
    """The absolute names of the modules ``path`` imports (relative imports resolved)."""
    rel = path.relative_to(SRC.parent).with_suffix("")
    package = list(rel.parts[:-1])
    out: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                mod = ".".join([*base, node.module] if node.module else base)
            else:
                mod = node.module or ""
            if node.module:
                out.append(mod)
            out += [f"{mod}.{a.name}" for a in node.names]  # ``from .. import model``: skillframe.model
    return out


def modules() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py") if "migrations" not in p.parts)


#: The modules and packages directly under skillframe (anything else named ``skillframe.X`` is the front door's).
SUBMODULES = {p.stem for p in SRC.glob("*.py")} | {p.name for p in SRC.iterdir() if (p / "__init__.py").exists()}


def front_door(name: str) -> bool:
    """Whether ``name`` is the front door itself or one of its names (``skillframe.StaffRecord``)."""
    if name == "skillframe":
        return True
    head, _, rest = name.partition(".")
    return head == "skillframe" and rest.split(".", 1)[0] not in SUBMODULES


def where(path: Path) -> str:
    return path.relative_to(SRC).as_posix()


@pytest.mark.parametrize("path", modules(), ids=where)
def test_imports_point_down(path: Path) -> None:
    here = where(path)
    top = here.split("/", 1)[0]
    wrong = []
    for name in imports(path):
        if (here, name) in ALLOWED or any((here, a) in ALLOWED for a in [name.rsplit(".", 1)[0]]):
            continue
        if top not in ("cli", "__init__.py", "__main__.py") and (front_door(name) or name.startswith("skillframe.cli")):
            wrong.append(name)
        if top not in ABOVE_RENDER and name.startswith("skillframe.render"):
            wrong.append(name)
    assert not wrong, f"{here} imports upward: {sorted(set(wrong))}"


def test_the_rule_can_fail() -> None:
    """The reader sees an upward import (a module of organisation/ importing render)."""
    names = imports(SRC / "render" / "tables.py")
    assert "skillframe.organisation" in names  # render → organisation: down, as drawn
    assert any(n.startswith("skillframe.render") for n in imports(SRC / "cli" / "_report.py"))
    assert front_door("skillframe.StaffRecord") and front_door("skillframe")
    assert not front_door("skillframe.model") and not front_door("skillframe.engine.ladder")
