"""docs/staff-files.md documents every column alias, yes/no spelling and error code the reader has."""

from __future__ import annotations

import re
from pathlib import Path

from skillframe.staff import columns, values

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "staff-files.md").read_text(encoding="utf-8")
SOURCES = sorted((ROOT / "src" / "skillframe" / "staff").glob("*.py"))


def test_every_alias_is_documented() -> None:
    table = DOC.casefold()
    for aliases in columns.STANDARD_COLUMNS.values():
        for alias in aliases:
            assert alias.casefold() in table, alias
    for aliases in columns.KEYED_PREFIXES.values():
        for alias in aliases:
            assert f"`{alias}:" in DOC, alias


def test_every_spelling_is_documented() -> None:
    section = DOC.split("**はい / yes**", 1)[1].split("**数値", 1)[0]
    listed = {w.strip() for w in re.split(r"[,\n]", section.replace("**いいえ / no**:", ",")) if w.strip()}
    for word in values.BOOLEAN_SPELLINGS:
        assert word in listed or word in section, word


def test_every_error_code_is_documented() -> None:
    codes: set[str] = set()
    for path in SOURCES:
        text = path.read_text(encoding="utf-8")
        codes |= set(re.findall(r'code="([a-z0-9-]+)"', text))
        codes |= set(re.findall(r'_fail\(\s*(?:file,\s*|str\(path\),\s*)?"([a-z0-9-]+)"', text))
        codes |= set(re.findall(r'\(5, None, \[\("([a-z0-9-]+)"', text))
        codes |= set(re.findall(r'"((?:unknown|ambiguous)-[a-z-]+)"', text))
        codes |= set(re.findall(r'StaffValueError\(\s*"([a-z0-9-]+)"', text))
        codes |= set(re.findall(r'\n\s+"([a-z0-9-]+)",\n\s+file,', text))  # StaffWarning(..., code, file)
    assert len(codes) > 30
    missing = sorted(c for c in codes if f"`{c}`" not in DOC)
    assert missing == []
