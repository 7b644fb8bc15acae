"""The way to run everything: ``nox`` (tests, lint, typecheck, docs) and ``nox -s bench``."""

from __future__ import annotations

import nox

nox.options.sessions = ["tests", "lint", "typecheck", "docs"]
nox.options.reuse_existing_virtualenvs = True
nox.options.error_on_missing_interpreters = False


@nox.session
def tests(session: nox.Session) -> None:
    """The whole test suite (unit, property, CLI, doctests in src/ and docs/)."""
    session.install("-e", ".[test]", "hatchling")
    session.run("pytest", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff check and format check."""
    session.install("ruff")
    session.run("ruff", "check", "src", "tests", "noxfile.py", "benchmarks")
    session.run("ruff", "format", "--check", "src", "tests", "noxfile.py", "benchmarks")


@nox.session
def typecheck(session: nox.Session) -> None:
    """mypy --strict over the package."""
    session.install("-e", ".[typecheck]")
    session.run("mypy", "--strict", "src/skillframe")


@nox.session
def docs(session: nox.Session) -> None:
    """Run the documentation's examples, then build the API reference from the docstrings."""
    session.install("-e", ".[test]", "pdoc")
    session.run("pytest", "docs", "--no-header", "-q")
    # The front door and the public modules (pdoc skips modules missing from ``skillframe.__all__``).
    modules = ["skillframe", "skillframe.model", "skillframe.errors", "skillframe.render", "skillframe.testing"]
    modules += ["skillframe.exchange", "skillframe.editions"]
    modules += ["skillframe.forms", "skillframe.history", "skillframe.policy"]
    # A warning of pdoc (an annotation it cannot read, …) fails the session: -W error::UserWarning.
    args = [*modules, "-o", "docs/_build/api", "--docformat", "restructuredtext"]
    session.run("python", "-W", "error::UserWarning", "-m", "pdoc", *args)


@nox.session
def bench(session: nox.Session) -> None:
    """Benchmarks: each reports ratios against a baseline measured in the same run."""
    session.install("-e", ".[test]")
    # peers of bench_evaluate.py (each optional there; skipped with a message when missing)
    session.install("zen-engine", "json-logic-qubit", "rule-engine")
    session.run("python", "benchmarks/run.py", *session.posargs)
