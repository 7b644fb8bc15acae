"""The Japanese draft and advice show the catalogs' readings in Japanese (``note_ja``).

User trial: the Word draft printed 8+ English sentences (``解釈 / reading（DX推進担当）: Its
スキル基準 and A cells are empty in the text: read as merged…``). The draft is Japanese: its
readings come from ``note_ja``. ``advise`` shows the note in ``--lang`` (Japanese by default,
English with ``--lang en``).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import attrs
import docx
import pytest

import skillframe
from skillframe._notes import ENGLISH_MARK, looks_english
from skillframe.cli import main
from skillframe.policy import advise, draft, load_policy
from skillframe.policy.drafts import _policy_table
from skillframe.policy.model import Cell, Cite, Column, PolicyTable, Row
from skillframe.render.drafts import draft_markdown


def _docx_text(path: Path) -> str:
    d = docx.Document(str(path))
    parts = [p.text for p in d.paragraphs]
    parts += [c.text for t in d.tables for row in t.rows for c in row.cells]
    return "\n".join(parts)


def test_policy_docx_has_no_english_reading(town: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "方針.docx"
    assert main(["policy", "--catalog", str(town["catalog"]), "--staff", str(town["staff"]), "-o", str(out)]) == 0
    text = _docx_text(out)
    for phrase in ("read as", "is printed", "are empty in the text", "shifted up", ENGLISH_MARK):
        assert phrase not in text, phrase
    lines = [line for line in text.splitlines() if line.startswith("解釈（")]
    assert len(lines) >= 8  # every reading the draft shows…
    assert not [line for line in lines if looks_english(line)]  # …in Japanese
    assert "解釈（DX推進担当）: この行の スキル基準 と A のセルはテキストでは空" in text
    assert "解釈（常勤人材(ICT職)）: この行のセルはテキストでは空。CIO補佐 の行との結合セルと読む（1104 行）。" in text
    # no English note of any reading of the policy tables reaches the draft
    pol = load_policy(skillframe.load())
    english = [r.cite.note for t in pol.tables for r in t.rows if r.cite.interpretation and r.cite.note]
    assert len(english) >= 8 and not [n for n in english if n in text]


def test_policy_draft_python_api_is_japanese() -> None:
    md = draft_markdown(draft(skillframe.load(), kind="basic"))
    assert "read as" not in md and "is printed" not in md
    assert "（741, 742 行）" in md  # the line numbers of the reading are kept, cited in Japanese


def test_a_reading_without_japanese_is_marked_english() -> None:
    """A municipality's own table with an English-only note: shown, and marked as English."""
    row = Row(
        id="r1",
        label="当市の行",
        cells=(Cell(column="c", items=("x",)),),
        cite=Cite(locator="当市 方針 表1", document="city", interpretation=True, note="read as the merged cell above"),
    )
    t = PolicyTable(id="t", label="表", columns=(Column(id="c", label="列"),), rows=(row,), cite=row.cite)
    assert f"解釈（当市の行）: {ENGLISH_MARK}read as the merged cell above" in _policy_table(t).notes
    ja = attrs.evolve(row, cite=attrs.evolve(row.cite, note_ja="上の結合セルと読む"))
    t2 = PolicyTable(id="t", label="表", columns=t.columns, rows=(ja,), cite=row.cite)
    assert "解釈（当市の行）: 上の結合セルと読む" in _policy_table(t2).notes


def test_advise_note_in_each_language(town: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    rec = advise(skillframe.load(town["catalog"])).get("rotation")
    assert rec.interpretation and rec.note is not None and rec.note_ja is not None
    assert rec.note_in("en") == rec.note and rec.note_in("ja") == rec.note_ja
    assert "945-953 行" in rec.note_ja
    assert main(["advise", "--catalog", str(town["catalog"])]) == 0
    out = capsys.readouterr().out
    assert f"- 解釈 / interpretation: {rec.note_ja}" in out and rec.note not in out
    assert main(["advise", "--catalog", str(town["catalog"]), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert f"- 解釈 / interpretation: {rec.note}" in out and rec.note_ja not in out
    for lang, want in (("ja", rec.note_ja), ("en", rec.note)):
        assert main(["advise", "--catalog", str(town["catalog"]), "--format", "csv", "--lang", lang]) == 0
        rows = list(csv.reader(io.StringIO(capsys.readouterr().out.lstrip("\ufeff"))))
        assert want in [r[-1] for r in rows]
