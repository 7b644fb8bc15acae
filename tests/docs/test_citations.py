"""Citations inside the catalogs point at files (and sections) that exist in the repository."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_CITED_FILE = re.compile(r"(?<![\w/.-])((?:docs|examples|catalogs)/[\w./-]+\.(?:md|yaml|csv|tsv))")
_SOURCES_SECTION = re.compile(r"docs/sources\.md §(R?\d+)")
_BARE_MD = re.compile(r"(?<![\w/.-])([\w-]+\.md)\b")


def _catalog_texts() -> dict[Path, str]:
    return {p: p.read_text(encoding="utf-8") for p in sorted((ROOT / "catalogs").rglob("*.yaml"))}


def test_cited_files_exist() -> None:
    cited = {m.group(1).rstrip(".") for text in _catalog_texts().values() for m in _CITED_FILE.finditer(text)}
    assert "docs/sources.md" in cited
    missing = sorted(c for c in cited if not (ROOT / c).exists())
    assert missing == []


def test_no_citation_of_a_file_outside_the_repository() -> None:
    """A bare ``name.md`` (the project's old reference notes) is no citation a reader can follow."""
    for path, text in _catalog_texts().items():
        for m in _BARE_MD.finditer(text):
            start = m.start()
            assert text[max(0, start - 5) : start].endswith("docs/"), f"{path.name}: {m.group(1)}"


def test_no_citation_of_the_old_reference_notes() -> None:
    for path, text in _catalog_texts().items():
        assert "reading-guide" not in text and "frameworks.md" not in text, path.name


def test_cited_sections_of_sources_exist() -> None:
    headings = (ROOT / "docs" / "sources.md").read_text(encoding="utf-8")
    sections = set(re.findall(r"^#{2,3} (R?\d+)\. ", headings, re.M))
    cited = {m.group(1) for text in _catalog_texts().values() for m in _SOURCES_SECTION.finditer(text)}
    assert cited, "the catalogs cite docs/sources.md by section"
    assert cited <= sections, cited - sections


def test_the_declared_licence_file_exists() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT"
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License") and "WITHOUT WARRANTY OF ANY KIND" in text
