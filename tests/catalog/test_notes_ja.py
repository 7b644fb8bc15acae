"""Every English note of the built-in catalogs has its Japanese beside it (``note_ja``).

The notes are the catalogs' readings of the report's garbled tables (and where facts were
not checked): Japanese outputs show ``note_ja``. The walk reads the YAML files themselves,
so a note added in English without its Japanese fails here with its file and key path. The
Japanese must keep the report's words: every 「…」 quote of the English note (nested quotes
inside it included) and every line reference ``(line N)`` / ``(lines N-M)`` — cited the
Japanese way, 「（N 行）」 / 「（N-M 行）」 — and line number.
The crosswalks' ``comment`` / ``comment_ja`` are held to the same rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

import skillframe
from skillframe._notes import ENGLISH_MARK, looks_english, note_in
from skillframe.errors import CatalogError
from skillframe.model import Provenance

CATALOGS = Path(__file__).resolve().parents[2] / "catalogs"
FILES = sorted(CATALOGS.rglob("*.yaml"))
_LINE_REF = re.compile(r"\(lines? ([^)]*)\)")
_LINE_NO = re.compile(r"\blines? (\d+)(?:\s*(?:-|,|and)\s*(\d+))?")


def _walk(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], dict[str, Any]]]:
    if isinstance(node, dict):
        yield path, node
        for k, v in node.items():
            yield from _walk(v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _walk(v, (*path, i))


def _notes() -> list[tuple[str, str, str, str | None, bool]]:
    """(where, key, English, Japanese, interpretation) for every note / crosswalk comment."""
    out = []
    for f in FILES:
        data = yaml.safe_load(f.read_text(encoding="utf-8"))
        key = "comment" if f.parent.name == "crosswalks" else "note"
        for path, mapping in _walk(data):
            text = mapping.get(key)
            if isinstance(text, str):
                where = f"{f.relative_to(CATALOGS)}:{'/'.join(map(str, path))}"
                out.append((where, key, text, mapping.get(f"{key}_ja"), mapping.get("interpretation") is True))
    return out


NOTES = _notes()


def _top_quotes(text: str) -> list[str]:
    """The top-level 「…」 quotes of a text (a quote holding a nested 「…」 is one quote)."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "「":
            start = i if depth == 0 else start
            depth += 1
        elif ch == "」" and depth:
            depth -= 1
            if depth == 0:
                out.append(text[start : i + 1])
    return out


def test_the_walk_sees_the_notes() -> None:
    assert len(NOTES) > 400  # 410 notes and 67 crosswalk comments when this test was written
    assert sum(1 for n in NOTES if n[3]) >= 300


def test_every_english_note_has_its_japanese() -> None:
    missing = [where for where, _, en, ja, _ in NOTES if looks_english(en) and not ja]
    assert not missing, f"{len(missing)} English notes without note_ja/comment_ja, e.g. {missing[:5]}"


def test_every_interpretation_reads_in_japanese() -> None:
    """A reading (interpretation: true) is what a municipality must be able to check: never English-only."""
    interpretations = [n for n in NOTES if n[4]]
    assert len(interpretations) >= 100
    english_only = [where for where, _, en, ja, _ in interpretations if not ja and looks_english(en)]
    assert not english_only


TRANSLATED = [(w, k, e, j) for w, k, e, j, _ in NOTES if j]


@pytest.mark.parametrize("where,key,en,ja", TRANSLATED, ids=[t[0] for t in TRANSLATED])
def test_the_japanese_keeps_the_reports_words(where: str, key: str, en: str, ja: str) -> None:
    for quote in _top_quotes(en):
        assert quote in ja, f"{where}: {key}_ja drops the quote {quote}"
    for lines in _LINE_REF.findall(en):
        assert f"（{lines} 行）" in ja, f"{where}: {key}_ja drops (line(s) {lines}) or cites it in English"
    for numbers in _LINE_NO.findall(en):
        for n in filter(None, numbers):
            assert n in ja, f"{where}: {key}_ja drops line {n}"
    assert not looks_english(ja), f"{where}: {key}_ja still reads as English: {ja[:80]}"
    assert ja != en


def test_a_reference_kept_by_example() -> None:
    (_, _, en, ja, interp) = next(n for n in NOTES if n[0].endswith("usage.yaml:tables/1/rows/2/cite"))
    assert interp and en.startswith("Its スキル基準 and A cells are empty in the text")
    assert ja.startswith("この行の スキル基準 と A のセルはテキストでは空")
    # the reading it rests on is named (the merged cell, sources §R2), not an English heading in 「」
    assert "docs/sources.md §R2" in ja and "（741, 742 行）" in ja and " and " not in ja


# -- the model and the loader -----------------------------------------------------------


def test_provenance_note_in_each_language() -> None:
    cat = skillframe.load()
    step = cat.get("tokyo-wg-2025:dx-promoter-step3")
    prov = step.provenance
    assert prov.note is not None and prov.note_ja is not None
    assert prov.note_in("ja") == prov.note_ja and prov.note_in("en") == prov.note
    assert "「複数」" in prov.note_ja and "2件以上" in prov.note_ja
    # the crosswalk comment of a judgement, both languages
    m = next(x for x in cat.mappings() if x.subject_id == "tokyo-dsm:level.lv1" and not x.derived)
    assert m.comment_in("en") == m.comment and m.comment_in("ja") == m.comment_ja
    assert m.comment_ja == (
        "「基礎知識を有し、指導のもと実践できる」（DSM Lv.1）と 「指導の下で要求作業を遂行」（ITSS+ 2）: "
        "どちらも指導の下で行う。"
    )


def test_fallback_marks_english_and_leaves_japanese_alone() -> None:
    assert Provenance(note="read as merged with the row above").note_in("ja") == ENGLISH_MARK + (
        "read as merged with the row above"
    )
    assert Provenance(note="当市の読み: 上の行と結合").note_in("ja") == "当市の読み: 上の行と結合"
    assert Provenance(note_ja="当市の読み").note_in("en") == "当市の読み"  # nothing else to show
    assert note_in(None, None, "ja") is None and note_in("", "", "en") is None


def _town(tmp_path: Path, provenance: str) -> Path:
    path = tmp_path / "town.yaml"
    path.write_text(
        "format: skillframe-catalog/1\n"
        "framework:\n  id: town\n  label: 試験町\n  publisher: 試験町\n  extends: tokyo-wg-2025\n  source: town\n"
        "  sources: [{id: town, title: 試験町 方針}]\n"
        "skills:\n  - id: own-skill\n    label: 試験町の独自スキル\n"
        f"    provenance:\n{provenance}",
        encoding="utf-8",
    )
    return path


def test_loader_reads_note_ja_and_a_flag_may_rest_on_it(tmp_path: Path) -> None:
    path = _town(tmp_path, "      interpretation: true\n      note_ja: 当市の判断で追加\n")
    prov = skillframe.load(path).get("town:own-skill").provenance
    assert prov.interpretation and prov.note is None and prov.note_ja == "当市の判断で追加"


def test_loader_bad_inputs_name_file_and_line(tmp_path: Path) -> None:
    path = _town(tmp_path, "      interpretation: true\n")
    with pytest.raises(CatalogError) as exc:
        skillframe.load(path)
    assert f"{path}:" in str(exc.value) and "note_ja" in str(exc.value)
    path = _town(tmp_path, "      interpretation: true\n      note_jp: 当市の判断\n")
    with pytest.raises(CatalogError) as exc:
        skillframe.load(path)
    text = str(exc.value)
    assert f"{path}:14:7:" in text and "note_jp" in text
    path = _town(tmp_path, "      interpretation: true\n      note_ja: [当市の判断]\n")
    with pytest.raises(CatalogError, match="note_ja"):
        skillframe.load(path)


def test_schema_accepts_note_ja() -> None:
    from skillframe._schema import catalog_schema
    from skillframe.policy.schema import policy_schema

    assert catalog_schema()["$defs"]["Provenance"]["properties"]["note_ja"] == {
        "anyOf": [{"type": "string"}, {"type": "null"}]
    }
    for cls in ("Source", "Edition", "Persona"):
        assert "note_ja" in catalog_schema()["$defs"][cls]["properties"]
    assert "note_ja" in policy_schema()["$defs"]["Cite"]["properties"]
    assert "note_ja" in policy_schema()["$defs"]["PolicyTable"]["properties"]
