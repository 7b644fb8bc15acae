"""``--lang`` and the two commands whose output does not simply follow it.

User trial: ``policy --lang en`` wrote a draft byte-identical to ``--lang ja`` while the README
said every command takes --lang. The draft is a Japanese municipal document on purpose: the
command now says so (stderr, --help, README, docs/policy.md). ``advise``'s text and JSON keep
both languages by design; its --help and the README say what --lang changes there.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from skillframe.cli import main

ROOT = Path(__file__).resolve().parents[2]


def test_policy_lang_en_writes_the_japanese_draft_and_says_so(
    town: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outs = {}
    for lang in ("ja", "en"):
        out = tmp_path / f"{lang}.md"
        assert main(["policy", "--catalog", str(town["catalog"]), "--lang", lang, "-o", str(out)]) == 0
        outs[lang] = (out.read_bytes(), capsys.readouterr().err)
    assert outs["en"][0] == outs["ja"][0]  # the same Japanese document…
    assert outs["ja"][1] == ""
    assert "the draft is written in Japanese whatever --lang is" in outs["en"][1]  # …and said so
    assert "下書きは --lang に関係なく日本語で書きます" in outs["en"][1]


def test_policy_help_says_the_draft_is_japanese(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["policy", "--help"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "written in Japanese whatever --lang is" in out


def test_advise_help_says_what_lang_changes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["advise", "--help"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "text and json keep Japanese and English side by side" in out


def test_advise_json_is_the_same_in_each_language(town: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    outs = []
    for lang in ("ja", "en"):
        assert main(["advise", "--catalog", str(town["catalog"]), "--format", "json", "--lang", lang]) == 0
        outs.append(capsys.readouterr().out)
    assert outs[0] == outs[1]


def test_the_readme_says_which_commands_do_not_follow_lang() -> None:
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert "`policy` writes its draft in Japanese whatever `--lang`" in readme
    assert "`advise`'s text and JSON keep Japanese and English side by side" in readme
