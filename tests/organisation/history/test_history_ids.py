"""The history matches a person by the id's key and shows the id as the user wrote it.

``Ｘ１`` (full width, as Excel users type) and ``X1`` are one person across years (``staff_key``
``X1``), but what was written is what is shown: ``StoredAssessment.id``, the record's id, the
ids of ``moves``, ``people`` (arrivals, leavers) and ``changed``, ``skillframe history`` and
``migrate --db``. ``remove(ids=…)`` matches as ``record`` does. A pseudonymised store keeps no
id as written (the record's id is the pseudonym).
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from _history_helpers import MUNI_A, person

import skillframe
from skillframe.cli import main

pytest.importorskip("sqlalchemy")

EDITIONS = Path(__file__).resolve().parents[2] / "data" / "editions"


def _years(store: skillframe.HistoryStore, cat: skillframe.Catalog) -> None:
    store.record(cat, [person("Ｘ１", 1), person("ＬＥ１", 2, "税務課")], year=2025, municipality=MUNI_A)
    store.record(cat, [person("X1", 2), person("Ｎ　１", 0)], year=2026, municipality=MUNI_A)


def _csv(out: str) -> list[list[str]]:
    return list(csv.reader(out.lstrip("\ufeff").splitlines()))


def test_api_stores_the_id_as_written_and_matches_by_key(open_store: Any, cat: skillframe.Catalog) -> None:
    store = open_store()
    _years(store, cat)
    [le, x25] = sorted(store.assessments(2025), key=lambda a: a.staff_key)
    assert (le.staff_key, le.id, le.record.id) == ("LE1", "ＬＥ１", "ＬＥ１")
    assert (x25.staff_key, x25.id, x25.record.id) == ("X1", "Ｘ１", "Ｘ１")
    h = store.history(cat)
    [move] = h.moves(2025, 2026)
    assert (move.staff_key, move.id, move.from_rank, move.to_rank) == ("X1", "X1", 1, 2)  # one person
    assert h.leavers(2025, 2026) == ["LE1"] and h.people(2025)["LE1"].id == "ＬＥ１"
    assert h.arrivals(2025, 2026) == ["N 1"] and h.people(2026)["N 1"].id == "Ｎ　１"
    assert store.remove(2025, ids=["Ｘ１"]) == 1  # matched as recorded
    assert [a.id for a in store.assessments(2025)] == ["ＬＥ１"]


def test_api_changed_results_show_the_id_as_written(open_store: Any, cat: skillframe.Catalog) -> None:
    store = open_store()
    _years(store, cat)
    import sqlalchemy as sa

    with store.engine.begin() as conn:  # as if recorded under another catalog version
        conn.execute(sa.text("UPDATE skillframe_runs SET catalog_digest = 'old' WHERE fiscal_year = 2025"))
        conn.execute(sa.text("UPDATE skillframe_assessments SET rank = 3 WHERE fiscal_year = 2025"))
    ids = {c.staff_key: c.id for c in store.history(cat, reevaluate=True).changed}
    assert ids == {"X1": "Ｘ１", "LE1": "ＬＥ１"}


def test_pseudonymised_store_keeps_no_written_id(open_store: Any, cat: skillframe.Catalog) -> None:
    store = open_store()
    store.record(cat, [person("Ｘ１", 1)], year=2025, municipality=MUNI_A, key="k")
    [a] = store.assessments(2025)
    assert a.id == a.staff_key == skillframe.history.pseudonymise("X1", "k")
    assert store.remove(2025, ids=["Ｘ１"], key="k") == 1


def test_cli_history_and_migrate_show_the_id_as_written(
    db_url: str, cat: skillframe.Catalog, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with skillframe.open_history(db_url) as store:
        _years(store, cat)
    assert main(["history", "--db", db_url, "--table", "moves", "--format", "csv"]) == 0
    rows = _csv(capsys.readouterr().out)
    assert [r[1] for r in rows[1:]] == ["X1", "Ｎ　１", "ＬＥ１"]  # a move (2026's id), an arrival, a leaver
    assert main(["history", "--db", db_url, "--table", "moves", "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert '"id": "ＬＥ１"' in out or '"id":"ＬＥ１"' in out
    staff = tmp_path / "ids.csv"
    staff.write_text("id,persona,department\nＸ１,DX推進員,総務課\n", encoding="utf-8-sig")
    assert main(["record", str(staff), "--year", "2027", "-m", MUNI_A, "--db", db_url]) == 0
    capsys.readouterr()
    emap = ["--editions", str(EDITIONS / "town-std-1.2-to-2.0.yaml")]
    catalogs = ["--catalog", str(EDITIONS / "town-std-1.2.yaml"), "--catalog", str(EDITIONS / "town-std-2.0.yaml")]
    assert main(["migrate", "--db", db_url, "--year", "2027", "-m", MUNI_A, *emap, *catalogs]) == 0
    rows = _csv(capsys.readouterr().out)
    assert rows[0][0] == "id" and [r[0] for r in rows[1:]] == ["Ｘ１"]
