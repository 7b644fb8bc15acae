"""The Japanese draft cites the report's lines the Japanese way, everywhere.

User trial: 方針.docx read 「…役割（line 216）」, 「…(line 318)」, 「B/C は line 690 から読む」 and
「lines 741 と 742」 beside 「（224 行）」 — English fragments from the draft's code and from the
catalogs' Japanese notes (``note_ja``), and an English ``note`` holding only Japanese quotes.
The 年度計画's list of sources named the targets file 「targets targets.yaml」.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pytest
import yaml

import skillframe
from skillframe._notes import looks_english
from skillframe.cli import main
from skillframe.policy import advise, draft
from skillframe.render.drafts import draft_markdown

from .test_draft import _draft

ROOT = Path(__file__).resolve().parents[2]
#: "line 216", "lines 741 と 742", "(line 318)": a line cited in English.
ENGLISH_LINE = re.compile(r"(?<![A-Za-z])lines? (?=[0-9])", re.IGNORECASE)


def _outside_quotes(text: str) -> str:
    """``text`` without the report's words quoted in 「…」 (nested quotes too)."""
    before = None
    while before != text:
        before, text = text, re.sub(r"「[^「」]*」", "「」", text)
    return text


def english_line_cites(text: str) -> list[str]:
    """The lines of ``text`` that cite a line in English outside quoted source text.

    >>> english_line_cites("「see line 3」（216 行）\\nB/C は line 690 から読む")
    ['B/C は line 690 から読む']
    """
    return [line for line in text.splitlines() if ENGLISH_LINE.search(_outside_quotes(line))]


@pytest.mark.parametrize("kind", ["basic", "annual"])
def test_the_draft_cites_lines_in_japanese(town: dict[str, Path], kind: str) -> None:
    md = draft_markdown(_draft(town, kind))
    assert english_line_cites(md) == []
    assert re.search(r"（\d+ 行）", md)  # the lines are still cited
    bare = draft_markdown(draft(skillframe.load(), kind=kind))  # no overlay, no data
    assert english_line_cites(bare) == []


def test_the_cases_of_the_trial_read_the_japanese_way(town: dict[str, Path]) -> None:
    md = draft_markdown(_draft(town, "basic"))
    assert "報告書 §2 基本方針/年度計画 役割（216 行）" in md
    assert "以下の手順により、検討を進めることが望ましい」（318 行）" in md
    assert "B/C は 690 行から読む（上にずれている。741 行と 742 行の内容と一致）" in md
    assert "全庁情報システム担当 の活用方法（741, 742 行）と一致する" in md


def test_the_word_draft_cites_lines_in_japanese(town: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "方針.docx"
    args = ["policy", "--catalog", str(town["catalog"]), "--staff", str(town["staff"]), "-o", str(out)]
    assert main([*args, "--targets", str(town["targets"])]) == 0
    d = docx.Document(io.BytesIO(out.read_bytes()))
    texts = [p.text for p in d.paragraphs] + [c.text for t in d.tables for row in t.rows for c in row.cells]
    assert english_line_cites("\n".join(texts)) == []


def test_the_advice_in_japanese_cites_lines_in_japanese() -> None:
    from skillframe.model import Profile

    profile = Profile(pattern="new", policy_exists=False, specialist_system=False)
    ja = advise(skillframe.load(), profile=profile, lang="ja")
    texts = [t for r in ja for t in (*r.reasons, *r.risks, *r.details, r.note_in("ja") or "")]
    assert english_line_cites("\n".join(texts)) == []
    # the bilingual advice keeps the report's note as written
    assert any("(line 318)" in x for x in advise(skillframe.load(), profile=profile).get("procedure").reasons)


def _notes(node: object, parent: dict[str, object] | None = None) -> list[tuple[str, str, dict[str, object]]]:
    out: list[tuple[str, str, dict[str, object]]] = []
    if isinstance(node, dict):
        for k, v in node.items():
            if k in ("note", "note_ja", "comment", "comment_ja") and isinstance(v, str):
                out.append((k, v, node))
            else:
                out += _notes(v, node)
    elif isinstance(node, list):
        for v in node:
            out += _notes(v, parent)
    return out


def test_the_catalogs_japanese_notes_cite_lines_in_japanese() -> None:
    """Every note a Japanese output shows — ``note_ja``, or a ``note`` written in Japanese with
    no ``note_ja`` beside it — cites the report's lines as 「（N 行）」."""
    shown: list[str] = []
    for path in sorted((ROOT / "catalogs").rglob("*.yaml")):
        for key, text, owner in _notes(yaml.safe_load(path.read_text(encoding="utf-8"))):
            if key.endswith("_ja") or (f"{key}_ja" not in owner and not looks_english(text)):
                shown += [f"{path.name}: {line}" for line in english_line_cites(text)]
    assert shown == []


def test_the_annual_plan_names_the_targets_file_in_japanese(town: dict[str, Path]) -> None:
    d = _draft(town, "annual")
    assert ("2. 本年度の定量目標", "自治体のデータ", "数値目標ファイル targets.yaml") in d.origins
    assert not [o for o in d.origins if o[2].startswith("targets ")]
