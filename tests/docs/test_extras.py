"""The packages a missing-dependency message names are the extras of pyproject.toml."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from skillframe.errors import EXTRAS, MissingDependencyError

ROOT = Path(__file__).resolve().parents[2]


def _name(requirement: str) -> str:
    """``openpyxl>=3.1`` → ``openpyxl``; ``psycopg[binary]>=3.1`` → ``psycopg[binary]``."""
    return re.split(r"[<>=!~;\s]", requirement, maxsplit=1)[0]


def test_extras_are_the_optional_dependencies_of_pyproject() -> None:
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    user_extras = {k: v for k, v in declared.items() if k not in {"test", "lint", "typecheck"}}
    assert {k: tuple(_name(r) for r in v) for k, v in user_extras.items()} == EXTRAS


@pytest.mark.parametrize("extra", sorted(EXTRAS))
def test_the_message_names_packages_pip_finds_anywhere(extra: str) -> None:
    message = str(MissingDependencyError(EXTRAS[extra][0], extra))
    assert "skillframe[" not in message  # skillframe is not on PyPI: name the packages themselves
    assert all(p in message for p in EXTRAS[extra]) and f"追加機能 {extra}" in message
