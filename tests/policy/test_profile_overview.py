"""``population`` and ``it_staff`` are shown, as docs/policy.md says (表示のみ / shown only).

User trial: the town's population and IT staff appeared nowhere — not in ``advise``, not in
the drafts. They are shown in advise's header and in the draft's overview of the
municipality, and still choose no advice (the report gives no threshold).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import skillframe
from skillframe.cli import main
from skillframe.policy import advise, draft
from skillframe.render.drafts import draft_markdown

from .conftest import TOWN
from .test_draft import _draft


def test_advise_shows_population_and_it_staff(town: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["advise", "--catalog", str(town["catalog"])]) == 0
    head = capsys.readouterr().out.split("## ")[0]
    assert "人口 / population 8,000、全庁情報システム担当 / IT staff 1" in head
    assert "表示のみ" in head and "shown only" in head


@pytest.mark.parametrize("kind", ["basic", "annual"])
def test_the_draft_shows_them_in_the_overview(town: dict[str, Path], kind: str) -> None:
    d = _draft(town, kind)
    md = draft_markdown(d)
    assert "自治体の概要: 人口 8,000 人、全庁情報システム担当 1 名" in md
    assert ("自治体の概要", "自治体の回答（profile）", "profile.population, profile.it_staff") in d.origins


def test_they_choose_no_advice(town: dict[str, Path], tmp_path: Path) -> None:
    other = tmp_path / "other.yaml"
    other.write_text(TOWN.replace("population: 8000", "population: 900000"), encoding="utf-8")
    a, b = (advise(skillframe.load(p)) for p in (town["catalog"], other))
    assert [r.text for r in a] == [r.text for r in b]


def test_unanswered_they_are_not_shown(capsys: pytest.CaptureFixture[str]) -> None:
    md = draft_markdown(draft(skillframe.load()))
    assert "自治体の概要" not in md
