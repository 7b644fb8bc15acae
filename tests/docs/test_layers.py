"""Imports point one way (down), as docs/architecture.md draws them.

Every ``import`` in ``src/skillframe`` (at module level or inside a function) is read
with :mod:`ast`. Two rules a newcomer can rely on:

- only the front door (``__init__``, ``__main__``) and ``cli/`` import the front door
  ``skillframe`` itself or ``cli``;
- nothing below the presentation layer imports ``render`` (results are data; ``render``
  presents them) — except the one safe file writer, ``render.writer``, used by the SSSOM
  writer to write its files atomically;
- no private name (a leading underscore) is imported across packages: ``_x`` belongs to the
  package it is in (a private module ``history/_recording.py`` to ``history``, a private
  name of ``staff/files.py`` to ``staff``), whose modules and sub-packages may import it; the
  private modules directly under ``skillframe`` (``_catalog``, ``_text``…) are the whole
  library's. A package that needs another's private name asks it for a public one.
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


#: Private names imported across packages, each ``(importing module, name): reason`` (none today:
#: keep it short; a package that needs another's private name asks it for a public one).
PRIVATE_CROSSINGS: dict[tuple[str, str], str] = {}


def private_owner(name: str) -> str | None:
    """The package a private name belongs to, or ``None`` for a public name: the package a
    private module or sub-package is in (``skillframe.history._recording`` → ``skillframe.history``),
    the package of the module a private name is in (``skillframe.staff.files._text_rows`` →
    ``skillframe.staff``)."""
    parts = name.split(".")
    for i, part in enumerate(parts):
        if part.startswith("_") and not part.startswith("__"):
            owner = parts[:i]
            if not SRC.parent.joinpath(*owner, "__init__.py").exists():
                owner = owner[:-1]  # a name in a module: its package's
            return ".".join(owner)
    return None


def crosses(package: str, name: str) -> bool:
    """Whether a module of ``package`` importing ``name`` takes a private name of another package."""
    owner = private_owner(name) if name.startswith("skillframe.") else None
    return owner is not None and package != owner and not package.startswith(owner + ".")


def package_of(path: Path) -> str:
    return ".".join(path.relative_to(SRC.parent).parts[:-1])


@pytest.mark.parametrize("path", modules(), ids=where)
def test_no_private_name_crosses_a_package(path: Path) -> None:
    here, package = where(path), package_of(path)
    wrong = {n for n in imports(path) if crosses(package, n) and (here, n) not in PRIVATE_CROSSINGS}
    assert not wrong, f"{here} imports private names of another package: {sorted(wrong)}"


def test_the_private_rule_can_fail() -> None:
    """The crossings this rule was made for are seen; a package's own private names are not."""
    assert crosses("skillframe.cli", "skillframe.history._recording.no_people")
    assert crosses("skillframe.forms", "skillframe.staff.xlsx._check_zip")
    assert crosses("skillframe", "skillframe.model._repr.REPR_LIMIT")
    assert not crosses("skillframe.staff", "skillframe.staff.rows._MEMO_MAX")  # one package
    assert not crosses("skillframe.history", "skillframe._catalog.Catalog")  # the library's own
    assert not crosses("skillframe.history", "skillframe.history._yoy_results.Flow")
    assert not crosses("skillframe.cli", "skillframe.history.check_people")
    assert all((SRC / module).exists() for module, _ in PRIVATE_CROSSINGS)  # no stale entry
