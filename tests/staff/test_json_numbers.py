"""A JSON staff file's integer longer than a float keeps is a row error, shown as written."""

from __future__ import annotations

from pathlib import Path

import skillframe


def test_a_json_integer_longer_than_a_float_keeps_is_shown_as_written(tmp_path: Path) -> None:
    """``12345678901234567890`` in a JSON staff file: number-too-long, shown as written and
    with the hint to write an id as text (was ``not text: inf``)."""
    long = "12345678901234567890"
    path = tmp_path / "staff.json"
    path.write_text(
        f'[{{"id": {long}}}, {{"id": "B", "dx_lead_count": {long}}}, {{"id": "C", "備考": {long}}},'
        f' {{"id": "D", "trainings": [{long}]}}]',
        encoding="utf-8",
    )
    errors = skillframe.read_staff(path).errors
    assert [(e.row, e.column, e.code) for e in errors] == [
        (1, "id", "number-too-long"),
        (2, "dx_lead_count", "number-too-long"),
        (3, "備考", "number-too-long"),
        (4, "trainings", "not-a-list"),
    ]
    assert errors[0].en == f'too many digits (an id? write it as text, "{long}"): {long}'
    assert errors[0].ja == f'数値の桁が多すぎます（番号なら文字列 "{long}" で書いてください）: {long}'
    assert errors[3].en.endswith(f"not a list with an item of int: {long}")
    assert "inf" not in " ".join(e.message for e in errors)
