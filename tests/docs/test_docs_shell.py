"""The docs work as written: their shell blocks run, in a fresh folder holding a copy of the checkout.

Every Markdown page with a shell block (``README.md`` and ``docs/*.md``; ``docs/_build`` is not a
page) is walked, one test per page (``docs/policy.md`` by ``test_policy_doc``, which checks more):

- a fenced block whose info string names a file (```` ```yaml file=town.yaml ````) is written
  to that file when the walk reaches it;
- every ``sh`` block runs with bash (``set -euo pipefail``), in order, in the folder; a
  ``.venv`` made by an earlier block stays active (as in a terminal);
- a ``console`` block's ``$ command`` lines run the same way and their output (stdout and
  stderr, as a terminal shows them) is compared with the lines the doc shows (blanks
  collapsed; a ``...`` line stands for any lines); each must exit 0, or the status that
  ``<!-- docs-test: exit N -->`` right before the block names;
- ``<!-- docs-test: skip (reason) -->`` right before a block leaves it out.

A page installs at most once, for real. A page that makes its venv (``python3 -m venv .venv``,
``pip install '.[xlsx]'`` from the copy) uses it (pip's cache makes the second page fast). A
reference page does not (its install line is the README's): it gets ``skillframe`` and ``python``
as this test run's interpreter on the copy's ``src`` (the README's venv with every extra,
activated), and the walk takes seconds; if it adds to that venv (``pip install '.[rdf]'``), the
walk first makes an empty ``.venv`` for it, which the page's install fills. No ``SKILLFRAME_*``
variable of the test run reaches a page, but its catalog cache folder (never the user's).

Every fenced block names its language (a block of commands the walk cannot tell from prose would
not run), and every Python, YAML, CSV or JSON block in ``README.md`` and ``docs/*.md`` is complete
(``file=``) or says it is a ``fragment``.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

ROOT = Path(__file__).resolve().parents[2]
COPY = ["src", "catalogs", "examples", "docs", "tests/data/editions", "pyproject.toml", "README.md", "LICENSE"]
CI = os.environ.get("CI", "").lower() == "true"
SHELL = ("sh", "bash", "shell", "console")
OWN_TEST = {"docs/policy.md": "test_policy_doc.py"}  # walked there, with checks of its outputs

_FENCE = re.compile(r"^```([^\n`]*)\n(.*?)^```[ \t]*$", re.S | re.M)
_SKIP = re.compile(r"<!--\s*docs-test:\s*skip\b[^>]*-->\s*$")
_EXIT = re.compile(r"<!--\s*docs-test:\s*exit\s+(\d+)\s*-->\s*$")
_INSTALL = re.compile(r"\bpip install\b")
_VENV = re.compile(r"\bpython3? -m venv\b")


@attrs.frozen
class Block:
    lang: str
    attrs: tuple[str, ...]
    body: str
    line: int
    skip: bool
    exit: int = 0

    @property
    def file(self) -> str | None:
        return next((a.split("=", 1)[1] for a in self.attrs if a.startswith("file=")), None)


def blocks(text: str) -> list[Block]:
    """The fenced blocks of a Markdown text, with their info string and line."""
    found = []
    for m in _FENCE.finditer(text):
        info = m.group(1).split()
        before = text[: m.start()].rstrip("\n").rsplit("\n", 1)[-1]
        found.append(
            Block(
                lang=info[0] if info else "",
                attrs=tuple(info[1:]),
                body=m.group(2),
                line=text.count("\n", 0, m.start()) + 1,
                skip=bool(_SKIP.search(before)),
                exit=int(status.group(1)) if (status := _EXIT.search(before)) else 0,
            )
        )
    return found


_SKIP_COPY = shutil.ignore_patterns("__pycache__", "*.pyc", ".mypy_cache")


def _ignore(folder: str, names: list[str]) -> set[str]:
    """What the copy leaves out: caches, and the built API docs (``docs/_build``, not ``src/…/_build``)."""
    return {*_SKIP_COPY(folder, names), *(["_build"] if Path(folder) == ROOT / "docs" else [])}


def _checkout_copy(dest: Path) -> None:
    for name in COPY:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=_ignore)
        elif src.is_file():
            shutil.copy2(src, dest / name)


def pages() -> list[str]:
    """``README.md`` and every ``docs/*.md`` with a shell block that runs, as paths from the root."""
    found = []
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        if any(b.lang in SHELL and not b.file for b in blocks(path.read_text(encoding="utf-8"))):
            found.append(path.relative_to(ROOT).as_posix())
    return found


def _env(work: Path, *, shim: bool) -> dict[str, str]:
    """The page's terminal: no venv or ``.nox`` of this run, no ``SKILLFRAME_*`` but its cache folder;
    with ``shim``, ``skillframe`` and ``python`` are this interpreter on the copy's ``src``."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("VIRTUAL_ENV", "PYTHONPATH") and (k == "SKILLFRAME_CACHE_DIR" or not k.startswith("SKILLFRAME_"))
    }
    path = [p for p in env.get("PATH", "").split(os.pathsep) if ".nox" not in p]
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    if shim:  # as the README's venv, activated: skillframe, and python with every extra
        bin_dir = work / ".bin"
        bin_dir.mkdir()
        for name, args in [("skillframe", " -m skillframe"), ("python", ""), ("python3", "")]:
            script = bin_dir / name
            script.write_text(
                f'#!/bin/sh\nPYTHONPATH="{work / "src"}" exec "{sys.executable}"{args} "$@"\n', encoding="utf-8"
            )
            script.chmod(script.stat().st_mode | stat.S_IXUSR)
        path.insert(0, str(bin_dir))
    env["PATH"] = os.pathsep.join(path)
    return env


def _bash(script: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    prologue = "set -euo pipefail\nif [ -f .venv/bin/activate ]; then . .venv/bin/activate; fi\n"
    return subprocess.run(
        ["bash", "-c", prologue + script],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=900,
        env=env,
        check=False,
    )


def _tokens(lines: list[str]) -> list[list[str]]:
    return [line.split() for line in lines if line.strip()]


def _matches(expected: list[str], actual: list[str]) -> bool:
    """``expected`` lines (blanks collapsed) against ``actual``; a ``...`` line matches any lines."""
    exp, act = _tokens(expected), _tokens(actual)

    def go(i: int, j: int) -> bool:
        if i == len(exp):
            return j == len(act)
        if exp[i] == ["..."]:
            return any(go(i + 1, k) for k in range(j, len(act) + 1))
        return j < len(act) and exp[i] == act[j] and go(i + 1, j + 1)

    return go(0, 0)


def _console(body: str) -> list[tuple[str, list[str]]]:
    steps: list[tuple[str, list[str]]] = []
    for line in body.splitlines():
        if line.startswith("$ "):
            steps.append((line[2:], []))
        elif steps:
            steps[-1][1].append(line)
    return steps


@attrs.frozen
class Walk:
    """What a walk of a page did: its folder, and the commands it ran (``sh`` lines, ``$`` lines)."""

    work: Path
    commands: tuple[str, ...]


def walk(doc: str, tmp_path: Path) -> Walk:
    """Run the shell blocks of ``doc`` (a path from the root) in a fresh copy under ``tmp_path``;
    a block that fails, or shows other output than it gives, fails the test."""
    if shutil.which("bash") is None:  # pragma: no cover - every supported system has it
        pytest.skip("bash not installed")
    work = tmp_path / "checkout"
    work.mkdir()
    _checkout_copy(work)
    found = blocks((ROOT / doc).read_text(encoding="utf-8"))
    runs = [b for b in found if b.lang in SHELL and not b.file and not b.skip]
    installs = [b for b in runs if _INSTALL.search(b.body)]
    assert len(installs) <= 1, f"{doc} installs more than once (lines {[b.line for b in installs]})"
    makes_venv = any(_VENV.search(b.body) for b in runs)
    env = _env(work, shim=not makes_venv)
    if installs and not makes_venv:  # it adds to the README's venv: one without skillframe yet
        made = _bash("python3 -m venv .venv", work, env)
        assert made.returncode == 0, made.stderr
    commands: list[str] = []
    for block in found:
        where = f"{doc}:{block.line}"
        if block.skip:
            continue
        if block.file:
            (work / block.file).write_text(block.body, encoding="utf-8")
        elif block.lang in ("sh", "bash", "shell"):
            done = _bash(block.body, work, env)
            assert done.returncode == 0, (
                f"{where}\n{block.body}\n--- stdout\n{done.stdout[-3000:]}\n--- stderr\n{done.stderr[-3000:]}"
            )
            commands += [line.strip() for line in block.body.splitlines() if line.strip() and not line.startswith("#")]
        elif block.lang == "console":
            for command, expected in _console(block.body):
                done = _bash(f"{{ {command}\n}} 2>&1", work, env)  # as a terminal shows it
                assert done.returncode == block.exit, f"{where}: {command}\n{done.stdout[-3000:]}"
                assert _matches(expected, done.stdout.splitlines()), (
                    f"{where}: {command}\n--- expected\n" + "\n".join(expected) + ("\n--- got\n" + done.stdout[-3000:])
                )
                commands.append(command)
    assert commands, f"{doc} has no shell block that runs"
    return Walk(work, tuple(commands))


@pytest.mark.parametrize("doc", [d for d in pages() if d not in OWN_TEST])
def test_shell_blocks_run_as_written(doc: str, tmp_path: Path) -> None:
    walk(doc, tmp_path)


def test_every_page_with_shell_blocks_is_walked() -> None:
    """The walk finds the pages (README, tutorials, reference pages), and each page walked
    elsewhere has its test."""
    found = pages()
    assert {"README.md", "docs/tutorial.en.md", "docs/staff-files.md", "docs/yearly-cycle.md"} <= set(found)
    assert all(doc in found and (Path(__file__).parent / test).is_file() for doc, test in OWN_TEST.items())
    assert not any("_build" in doc for doc in found)


@pytest.mark.parametrize("doc", ["README.md", *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "docs").glob("*.md"))])
def test_code_blocks_are_complete_or_marked(doc: str) -> None:
    for block in blocks((ROOT / doc).read_text(encoding="utf-8")):
        assert block.lang, f"{doc}:{block.line}: a block without a language (sh, console, text…)"
        if block.lang in ("python", "py") and block.body.lstrip().startswith(">>>"):
            continue  # a doctest: it runs (pytest --doctest-glob)
        if block.lang in ("python", "py", "yaml", "yml", "csv", "json", "toml"):
            assert block.file or "fragment" in block.attrs, (
                f"{doc}:{block.line}: a {block.lang} block is neither a file (file=NAME) nor marked as a fragment"
            )


def test_exit_marker() -> None:
    found = blocks("<!-- docs-test: exit 1 -->\n```console\n$ false\n```\n\n```console\n$ true\n```\n")
    assert [b.exit for b in found] == [1, 0]


def test_console_matching() -> None:
    assert _matches(["a  b", "...", "z"], ["a b", "x", "y", "z"])
    assert not _matches(["a b"], ["a c"])
    assert _matches(["..."], [])


def test_readme_lists_every_doc_and_every_extra() -> None:
    """README's documentation list names every docs/*.md, and it says what each optional extra is for."""
    import tomllib

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [p.name for p in sorted((ROOT / "docs").glob("*.md")) if f"(docs/{p.name})" not in readme]
    assert missing == [], f"README.md does not link {missing}"
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    unsaid = [e for e in extras if e not in ("test", "dev", "docs", "lint", "typecheck") and f"| `{e}`" not in readme]
    assert unsaid == [], f"README.md does not say which commands need the extras {unsaid}"
