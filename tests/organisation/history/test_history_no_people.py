"""A year is never recorded empty: data with no people is refused (``no-people``, naming the file),
through the API and the CLI, and nothing is written (the CLI makes no SQLite file either)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from _history_helpers import MUNI_A, dump, person

import skillframe
from skillframe.cli import main
from skillframe.errors import HistoryError


def _empty(tmp_path: Path) -> Path:
    f = tmp_path / "職員データ2026.csv"
    f.write_text("\ufeffid,persona,department\n", encoding="utf-8")
    return f


def _nobody() -> Iterable[dict[str, Any]]:
    yield from ()


@pytest.mark.parametrize("given", ["file", "table", "list", "generator"])
def test_api_refuses_no_people_and_leaves_the_store_as_it_was(
    given: str, open_store: Any, cat: skillframe.Catalog, tmp_path: Path
) -> None:
    store = open_store()
    store.record(cat, [person("A1", 1)], year=2025, municipality=MUNI_A)
    before = dump(store)
    f = _empty(tmp_path)
    data: Any = {
        "file": f,
        "table": skillframe.read_staff(f, catalog=cat),
        "list": [],
        "generator": _nobody(),
    }[given]
    with pytest.raises(HistoryError) as info:
        store.record(cat, data, year=2026, municipality=MUNI_A, replace_year=True)
    e = info.value
    assert e.code == "no-people"
    if given == "file":
        assert e.en == "nothing recorded: 職員データ2026.csv has no people (a year is never recorded empty)"
        assert e.ja.startswith("職員データ2026.csv には職員が 1 人もいないため何も記録していません")
    else:
        assert e.en == "nothing recorded: the data has no people (a year is never recorded empty)"
    assert dump(store) == before  # no run, no row: the transaction was rolled back
    assert [r.fiscal_year for r in store.runs()] == [2025]


def test_cli_refuses_a_file_with_no_people(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = _empty(tmp_path)
    db = tmp_path / "history.db"
    assert main(["record", str(f), "--year", "2026", "-m", MUNI_A, "--db", f"sqlite:///{db}"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        f"skillframe: {f} には職員が 1 人もいないため何も記録していません（年度を空のまま記録することはできません）"
        f" / nothing recorded: {f} has no people (a year is never recorded empty)\n"
    )
    assert not db.exists()  # no database made for nothing


def test_check_people_is_the_public_refusal(tmp_path: Path, cat: skillframe.Catalog) -> None:
    """``skillframe.history.check_people`` is the ``no-people`` refusal the CLI uses before a
    database is opened: nothing for someone, the error naming the source for nobody."""
    from skillframe.history import check_people

    assert "check_people" in skillframe.history.__all__
    assert check_people([person("A1", 1)], "staff.csv") is None
    table = skillframe.read_staff(_empty(tmp_path), catalog=cat)
    with pytest.raises(HistoryError) as info:
        check_people(table.records, "職員データ2026.csv")
    assert info.value.code == "no-people"
    assert info.value.en == "nothing recorded: 職員データ2026.csv has no people (a year is never recorded empty)"
    with pytest.raises(HistoryError, match="the data has no people"):
        check_people(())
