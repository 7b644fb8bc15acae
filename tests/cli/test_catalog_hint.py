"""The ``--catalog`` hint comes from the framework the failed look-up names (the error's
``framework``, set where the look-up fails), never from the message's wording."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import skillframe
from skillframe.cli import main
from skillframe.cli._hints import catalog_hint, missing_frameworks
from skillframe.errors import UnknownKeyError
from skillframe.staff.rows import RowReader

HINT_JA = "フレームワーク town は読み込まれていません: その人材像・研修を定義した --catalog FILE を指定してください"
HINT_EN = "framework town is not loaded: pass the --catalog FILE that defines it (the one used when recording)"


def _unknown(find: Callable[[str], object], key: str) -> UnknownKeyError:
    with pytest.raises(UnknownKeyError) as info:
        find(key)
    return info.value


def test_a_failed_look_up_names_the_framework_it_does_not_have() -> None:
    cat = skillframe.load()
    assert _unknown(cat.persona, "town:dx-promoter").framework == "town"
    assert _unknown(cat.persona, "Ｔｏｗｎ:DX").framework == "town"  # keys match NFKC, case-insensitive
    assert _unknown(cat.lookup, "town:x").framework == "town"
    assert _unknown(cat.get, "town:x").framework == "town"
    assert _unknown(cat.persona, "tokyo-wg-2025:nope").framework is None  # loaded: no --catalog missing
    assert _unknown(cat.persona, "DX推進:係").framework is None  # a label with a colon names no framework
    assert _unknown(cat.persona, "DX推").framework is None


def test_row_errors_and_targets_problems_carry_it(tmp_path: Path) -> None:
    cat = skillframe.load()
    staff = tmp_path / "staff.csv"
    staff.write_text(
        "id,persona,trainings,dsm:town:bpr\nA1,town:dx,,\nA2,DX推進員,other:course,\nA3,DX推進員,,2\nA4,DX推進:係,,\n",
        encoding="utf-8",
    )
    table = skillframe.read_staff(staff, catalog=cat)
    assert [(e.row, e.code, e.framework) for e in table.errors] == [
        (2, "unknown-persona", "town"),
        (3, "unknown-training", "other"),
        (4, "unknown-key", "town"),
        (5, "unknown-persona", None),
    ]
    [err] = RowReader(catalog=cat).read_mapping({"id": "B1", "persona": "town:dx"}, row=1)
    assert (err.code, err.framework) == ("unknown-persona", "town")
    targets = tmp_path / "targets.yaml"
    targets.write_text(
        "format: skillframe-targets/1\nplan:\n  baseline_year: 2025\n  target_year: 2029\n"
        "  targets:\n    - {kind: count, persona: town:dx, value: 3}\n",
        encoding="utf-8",
    )
    with pytest.raises(skillframe.TargetsError) as info:
        skillframe.read_targets(targets, catalog=cat)
    assert [(p.code, p.framework) for p in info.value.problems] == [("ref.unknown", "town")]


def test_the_hint_reads_the_field_not_the_message() -> None:
    # the message quotes no qualified id, the field names the framework: the hint is there
    named = UnknownKeyError("persona", "推進員", framework="town")
    assert missing_frameworks([named]) == ["town"]
    assert catalog_hint([named]) == f"{HINT_JA} / {HINT_EN}"
    # the message quotes 'town:dx' (and ends in an unknown-… code), the field names nothing: no hint
    quoted = skillframe.StaffRowError(2, "persona", "人材像 'town:dx' / unknown persona 'town:dx'", code="unknown-x")
    assert catalog_hint([quoted, UnknownKeyError("persona", "town:dx")]) is None


def test_the_cli_hint_survives_a_reworded_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(UnknownKeyError, "message", lambda self: "見つかりません / not found")
    staff = tmp_path / "staff.csv"
    staff.write_text("id,persona\nA1,town:dx\n", encoding="utf-8")
    assert main(["evaluate", str(staff)]) == 1
    err = capsys.readouterr().err
    assert "row 2, persona: 見つかりません / not found [unknown-persona]" in err
    assert err.endswith(f"skillframe: {HINT_JA} / {HINT_EN}\n")
    assert main(["show", "town:dx"]) == 1
    assert capsys.readouterr().err == f"skillframe: 見つかりません / not found\nskillframe: {HINT_JA} / {HINT_EN}\n"
