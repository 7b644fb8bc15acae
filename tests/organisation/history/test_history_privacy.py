"""The history keeps who (an id or its pseudonym) and what was assessed, never a person's name."""

from __future__ import annotations

from pathlib import Path

import pytest

import skillframe
from skillframe.cli import main

STAFF = "職員番号,氏名,フリガナ,所属,人材像,研修,メモ\nA01,山田 太郎,ヤマダ タロウ,総務課,DX推進員,なし,在宅勤務\n"


def _raw_rows(db_url: str) -> list[str]:
    import sqlalchemy as sa

    engine = sa.create_engine(db_url)
    try:
        with engine.connect() as conn:
            return [" ".join(map(str, row)) for row in conn.execute(sa.text("SELECT * FROM skillframe_assessments"))]
    finally:
        engine.dispose()


def test_names_are_not_stored_even_with_pseudonyms(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    staff = tmp_path / "職員.csv"
    staff.write_text(STAFF, encoding="utf-8-sig")
    monkeypatch.setenv("SKILLFRAME_PSEUDONYM_KEY", "k" * 32)
    code = main(["record", str(staff), "--year", "2025", "-m", "131016", "--db", db_url, "--pseudonymise"])
    assert code == 0
    rows = _raw_rows(db_url)
    assert len(rows) == 1 and "A01" not in rows[0]  # the id is a pseudonym
    assert "山田" not in rows[0] and "ヤマダ" not in rows[0]  # the name and its reading are not stored
    assert "在宅勤務" in rows[0]  # other extra columns are (a custom rule may read them)
    store = skillframe.open_history(db_url, create=False)
    try:
        (stored,) = store.assessments(2025, municipality="131016")
        assert stored.record.extra == {"メモ": "在宅勤務"} and stored.department == "総務課"
    finally:
        store.close()
