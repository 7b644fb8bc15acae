"""The docs work as written: their shell blocks run, in a fresh folder holding a copy of the checkout.

For each of ``README.md``, ``docs/tutorial.*.md`` and ``docs/getting-started.md``:

- a fenced block whose info string names a file (```` ```yaml file=town.yaml ````) is written
  to that file when the walk reaches it;
- every ``sh`` block runs with bash (``set -euo pipefail``), in order, in the folder; a
  ``.venv`` made by an earlier block stays active (as in a terminal);
- a ``console`` block's ``$ command`` lines run the same way and their output (stdout and
  stderr, as a terminal shows them) is compared with the lines the doc shows (blanks
  collapsed; a ``...`` line stands for any lines); each must exit 0, or the status that
  ``<!-- docs-test: exit N -->`` right before the block names;
- ``<!-- docs-test: skip (reason) -->`` right before a block leaves it out.

The install commands run for real (``python3 -m venv .venv``, ``pip install '.[xlsx]'`` from the
copy; pip's cache makes the second doc fast).

Every Python, YAML, CSV or JSON block in ``README.md`` and ``docs/*.md`` is complete (``file=``)
or says it is a ``fragment``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import attrs
import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ["README.md", "docs/tutorial.en.md", "docs/tutorial.ja.md", "docs/getting-started.md"]
COPY = ["src", "catalogs", "examples", "docs", "pyproject.toml", "README.md", "LICENSE"]
CI = os.environ.get("CI", "").lower() == "true"

_FENCE = re.compile(r"^```([^\n`]*)\n(.*?)^```[ \t]*$", re.S | re.M)
_SKIP = re.compile(r"<!--\s*docs-test:\s*skip\b[^>]*-->\s*$")
_EXIT = re.compile(r"<!--\s*docs-test:\s*exit\s+(\d+)\s*-->\s*$")


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


def _bash(script: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    prologue = (
        "set -euo pipefail\n"
        "if [ -f .venv/bin/activate ] && [ -x .venv/bin/skillframe ]; then . .venv/bin/activate; fi\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if ".nox" not in p)
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
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


@pytest.mark.parametrize("doc", DOCS)
def test_shell_blocks_run_as_written(doc: str, tmp_path: Path) -> None:
    if shutil.which("bash") is None:  # pragma: no cover - every supported system has it
        pytest.skip("bash not installed")
    work = tmp_path / "checkout"
    work.mkdir()
    _checkout_copy(work)
    ran = 0
    for block in blocks((ROOT / doc).read_text(encoding="utf-8")):
        where = f"{doc}:{block.line}"
        if block.skip:
            continue
        if block.file:
            (work / block.file).write_text(block.body, encoding="utf-8")
        elif block.lang in ("sh", "bash", "shell"):
            done = _bash(block.body, work)
            assert done.returncode == 0, (
                f"{where}\n{block.body}\n--- stdout\n{done.stdout[-3000:]}\n--- stderr\n{done.stderr[-3000:]}"
            )
            ran += 1
        elif block.lang == "console":
            for command, expected in _console(block.body):
                done = _bash(f"{{ {command}\n}} 2>&1", work)  # as a terminal shows it
                assert done.returncode == block.exit, f"{where}: {command}\n{done.stdout[-3000:]}"
                out = done.stdout.splitlines()
                assert _matches(expected, out), (
                    f"{where}: {command}\n--- expected\n" + "\n".join(expected) + ("\n--- got\n" + done.stdout[-3000:])
                )
            ran += 1
    assert ran >= 1, f"{doc} has no shell block that runs"


@pytest.mark.parametrize("doc", ["README.md", *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "docs").glob("*.md"))])
def test_code_blocks_are_complete_or_marked(doc: str) -> None:
    for block in blocks((ROOT / doc).read_text(encoding="utf-8")):
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
