"""Shared fixtures for the whole suite.

Layout: one folder per layer (``conditions/``, ``engine/``, ``catalog/``, ``staff/``,
``crosswalk/``, ``organisation/``, ``policy/``, ``render/``, ``cli/``, ``docs/``), the YAML
evaluation cases in ``cases/``, small input files in ``data/`` and golden outputs in
``golden/``.

Golden files: a test compares its output with ``tests/golden/NAME`` through the
``golden`` fixture. A missing golden file fails, always; ``pytest --update-golden``
writes them (then review the diff before committing).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import skillframe

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="write the golden files under tests/golden/ instead of comparing with them",
    )


@pytest.fixture(scope="session", autouse=True)
def _catalog_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The catalog cache of this test run lives in a temporary directory, never the user's."""
    old = os.environ.get("SKILLFRAME_CACHE_DIR")
    os.environ["SKILLFRAME_CACHE_DIR"] = str(tmp_path_factory.mktemp("catalog-cache"))
    yield
    if old is None:
        os.environ.pop("SKILLFRAME_CACHE_DIR", None)
    else:
        os.environ["SKILLFRAME_CACHE_DIR"] = old


@pytest.fixture(scope="session")
def root() -> Path:
    """The repository checkout (examples/, catalogs/, docs/ live here)."""
    return ROOT


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """``tests/data``: small input files, each made by a script in the repository."""
    return TESTS / "data"


@pytest.fixture(scope="session")
def cat() -> skillframe.Catalog:
    """The built-in catalogs (WG 2025, DSM, IPA DSS, MIC guidebook and the crosswalks)."""
    return skillframe.load()


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """``golden(name, text)``: assert *text* equals ``tests/golden/<name>``.

    A missing golden file fails; ``--update-golden`` writes it instead of comparing.
    """
    update = bool(request.config.getoption("--update-golden"))

    def check(name: str, text: str) -> None:
        path = TESTS / "golden" / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            return
        if not path.exists():
            pytest.fail(f"golden file {path} is missing (write it with `pytest --update-golden`, then review it)")
        assert text == path.read_text(encoding="utf-8"), (
            f"{name} differs from the golden file; if the change is wanted, run `pytest --update-golden` and review"
        )

    return check


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Callable[..., str]:
    """``run(*argv)``: ``skillframe ARGS`` in-process; asserts exit 0 and returns stdout."""
    from skillframe.cli import main

    def go(*argv: str) -> str:
        code = main(list(argv))
        out, err = capsys.readouterr()
        assert code == 0, err
        return out

    return go
