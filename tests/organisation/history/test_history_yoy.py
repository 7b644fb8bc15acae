"""Year over year: moves and why, arrivals/leavers, flows, conversion, cohorts, catalog versions, RLS, CLI."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from _history_helpers import MUNI_A, MUNI_B, dump, person

import skillframe
from skillframe.cli import main
from skillframe.errors import HistoryError
from skillframe.history._yoy import build_history
from skillframe.render.history_tables import history_html, history_tables

DX = "tokyo-wg-2025:dx-promoter"


@pytest.fixture
def two_years(open_store: Any, cat: skillframe.Catalog) -> skillframe.HistoryStore:
    store = open_store()
    store.record(
        cat,
        [person("U1", 1), person("U2", 1, "税務課"), person("D1", 2), person("S1", 0), person("L1", 1)],
        year=2025,
        municipality=MUNI_A,
    )
    store.record(
        cat,
        [person("U1", 2), person("U2", 3, "税務課"), person("D1", 1), person("S1", 0), person("N1", 1, "税務課")],
        year=2026,
        municipality=MUNI_A,
    )
    return store


def test_moves_with_the_leaves_that_changed(two_years: skillframe.HistoryStore, cat: skillframe.Catalog) -> None:
    h = two_years.history(cat)
    moves = {m.staff_key: m for m in h.moves(2025, 2026)}
    assert sorted(moves) == ["D1", "U1", "U2"]
    assert (moves["U1"].from_rank, moves["U1"].to_rank, moves["U1"].direction) == (1, 2, "up")
    assert moves["U1"].leaves == ("dx_lead_years>=1",)  # what was missing last year, now met
    assert (moves["D1"].from_rank, moves["D1"].to_rank, moves["D1"].direction) == (2, 1, "down")
    assert moves["D1"].leaves == ("dx_lead_years>=1",)  # what is missing now
    assert moves["U2"].department == "税務課"
    assert h.arrivals(2025, 2026) == ["N1"]
    assert h.leavers(2025, 2026) == ["L1"]


def test_counts_flows_conversion_and_cohorts(two_years: skillframe.HistoryStore, cat: skillframe.Catalog) -> None:
    h = two_years.history(cat)
    assert h.years == (2025, 2026)
    assert [h.count(2025, rank=r) for r in range(4)] == [1, 3, 1, 0]
    assert [h.count(2026, "DX推進員", rank=r) for r in range(4)] == [1, 2, 1, 1]
    assert h.count(2026, department="税務課") == 2
    assert h.flow(2025, 2026, DX, from_rank=1, to_rank=2) == 1
    assert h.flow(2025, 2026, from_rank=None) == 1  # N1 arrived
    assert h.flow(2025, 2026, to_rank=None) == 1  # L1 left
    assert h.flow(2025, 2026, department="税務課", from_rank=1, to_rank=3) == 1
    # of the two at Step1 in 2025 who stayed (U1, U2), both reached Step2 or above
    assert h.conversion(2025, 2026, "DX推進員", 1, 2) == 1.0
    assert h.conversion(2025, 2026, cat.persona("DX推進員"), 2, 3) == 0.0
    cohort = {(c.cohort, c.year, c.rank): c.n for c in h.cohorts}
    assert cohort[(2025, 2026, 1)] == 1 and cohort[(2026, 2026, 1)] == 1
    assert sum(n for (c, y, _r), n in cohort.items() if (c, y) == (2025, 2026)) == 4


def test_sql_and_python_counting_agree(two_years: skillframe.HistoryStore, cat: skillframe.Catalog) -> None:
    kw: dict[str, Any] = {"municipality": None, "from_year": None, "to_year": None, "reevaluate": False}
    in_sql = build_history(two_years, cat, **kw)
    in_python = build_history(two_years, cat, **kw, _in_python=True)
    assert (in_sql.counts, in_sql.flows, in_sql.cohorts) == (in_python.counts, in_python.flows, in_python.cohorts)


def test_persona_change_is_a_leave_and_an_arrival(open_store: Any, cat: skillframe.Catalog) -> None:
    store = open_store()
    store.record(cat, [person("X", 1)], year=2025, municipality=MUNI_A)
    store.record(cat, [{**person("X", 1), "persona": "一般行政職員"}], year=2026, municipality=MUNI_A)
    h = store.history(cat)
    assert h.moves(2025, 2026) == []
    assert h.flow(2025, 2026, "DX推進員", to_rank=None) == 1
    assert h.flow(2025, 2026, "一般行政職員", from_rank=None) == 1


def test_an_id_typed_full_width_is_the_same_person(open_store: Any, cat: skillframe.Catalog) -> None:
    """Ｘ１ one year and X1 the next are one person (a move, not a leaver and an arrival);
    in one year they are one person twice (refused)."""
    store = open_store()
    store.record(cat, [person("Ｘ１", 1)], year=2025, municipality=MUNI_A)
    store.record(cat, [person("X1", 2)], year=2026, municipality=MUNI_A)
    h = store.history(cat)
    assert [(m.from_rank, m.to_rank) for m in h.moves(2025, 2026)] == [(1, 2)]
    assert h.arrivals(2025, 2026) == [] and h.leavers(2025, 2026) == []
    with pytest.raises(HistoryError) as info:
        store.record(cat, [person("A1", 1), person("Ａ１", 2)], year=2027, municipality=MUNI_A)
    assert info.value.code == "duplicate-person"


def _town(tmp_path: Path, version: str, stricter: bool) -> skillframe.Catalog:
    text = f"""\
        format: skillframe-catalog/1
        framework:
          id: test-town
          label: テスト町
          publisher: テスト町（架空）
          version: "{version}"
          extends: tokyo-wg-2025
          source: town
          sources: [{{id: town, title: テスト町方針}}]
        """
    text = textwrap.dedent(text)
    if stricter:
        text += textwrap.dedent("""\
        overlay:
          rules:
            - step: dx-promoter-step2
              extend: {dx_project_years: {min: 2}}
        """)
    f = tmp_path / f"town-{version}.yaml"
    f.write_text(text, encoding="utf-8")
    return skillframe.load(f)


def test_other_catalog_version_is_refused_then_reevaluated_on_request(open_store: Any, tmp_path: Path) -> None:
    v1, v2 = _town(tmp_path, "1", False), _town(tmp_path, "2", True)
    store = open_store()
    town = "test-town:dx-promoter"
    store.record(
        v1, [{**person("A", 2), "persona": town}, {**person("B", 1), "persona": town}], year=2025, municipality=MUNI_A
    )
    store.record(v2, [{**person("A", 2), "persona": town, "dx_project_years": 2}], year=2026, municipality=MUNI_A)
    with pytest.raises(HistoryError) as info:
        store.history(v2)
    err = info.value
    assert err.code == "catalog-versions-mixed"
    was, now = (skillframe._fingerprint.catalog_fingerprint(c).short for c in (v1, v2))
    assert err.en == (  # what differs, in words: the version (2026 was recorded under the current one)
        f"years recorded under another catalog than the current one: FY2025 — test-town version 1 → 2 "
        f"(digest {was} → {now}). Use --reevaluate (Python: reevaluate=True) to re-evaluate them under the current one"
    )
    assert err.ja.startswith(
        "現在のカタログと違うカタログで記録された年度があります: "
        f"2025年度 — test-town の版 1 → 2（digest {was} → {now}）。"
    )
    before = dump(store)
    h = store.history(v2, reevaluate=True)
    assert [(c.year, c.staff_key, c.old_rank, c.new_rank) for c in h.changed] == [(2025, "A", 2, 1)]
    assert h.changed[0].old_catalog == skillframe._fingerprint.catalog_fingerprint(v1).short
    assert h.count(2025, town, rank=2) == 0 and h.count(2025, town, rank=1) == 2
    assert [(m.staff_key, m.from_rank, m.to_rank) for m in h.moves(2025, 2026)] == [("A", 1, 2)]
    assert dump(store) == before  # re-evaluation never rewrites what was recorded


def test_row_level_security_keeps_municipalities_apart(db_url: str, cat: skillframe.Catalog) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("row-level security is PostgreSQL's")
    import uuid

    from _history_helpers import pg_engine

    admin = skillframe.open_history(db_url)
    tag = uuid.uuid4().hex[:8]
    role_a, role_b = f"sf_a_{tag}", f"sf_b_{tag}"
    raw = pg_engine(db_url)
    try:
        with raw.connect() as c:
            for r in (role_a, role_b):
                c.execute(sa.text(f'CREATE ROLE "{r}" LOGIN'))
        admin.grant(role_a, MUNI_A)
        admin.grant(role_b, MUNI_B)
        url = sa.engine.make_url(db_url)
        as_a = skillframe.open_history(url.set(username=role_a).render_as_string(hide_password=False))
        as_b = skillframe.open_history(url.set(username=role_b).render_as_string(hide_password=False))
        as_a.record(cat, [person("A1", 2)], year=2026, municipality=MUNI_A)
        as_b.record(cat, [person("B1", 1)], year=2026, municipality=MUNI_B)
        # each sees only its own rows; the owner sees both
        assert as_a.municipalities() == [MUNI_A] and as_b.municipalities() == [MUNI_B]
        assert admin.municipalities() == [MUNI_B, MUNI_A]
        assert as_b.assessments(2026, municipality=MUNI_A) == []
        # B can neither change nor delete A's rows, nor write rows in A's name
        with as_b.engine.begin() as c:
            n = c.execute(
                sa.text("UPDATE skillframe_assessments SET rank = 0 WHERE municipality = :m"), {"m": MUNI_A}
            ).rowcount
            assert n == 0
            assert (
                c.execute(sa.text("DELETE FROM skillframe_assessments WHERE municipality = :m"), {"m": MUNI_A}).rowcount
                == 0
            )
        assert as_b.remove(2026, municipality=MUNI_A) == 0
        with pytest.raises(HistoryError, match="row-level security") as info:
            as_b.record(cat, [person("A1", 0)], year=2026, municipality=MUNI_A)
        assert info.value.code == "database"
        assert [(a.staff_key, a.rank) for a in admin.assessments(2026, municipality=MUNI_A)] == [("A1", 2)]
        as_a.close()
        as_b.close()
    finally:
        admin.close()
        with raw.connect() as c:
            for r in (role_a, role_b):
                c.execute(sa.text(f'DROP OWNED BY "{r}"'))
                c.execute(sa.text(f'DROP ROLE "{r}"'))
        raw.dispose()


# -- CLI -------------------------------------------------------------------------------


def test_cli_record_and_history(db_url: str, root: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    staff = root / "examples" / "staff.csv"
    assert main(["record", str(staff), "--year", "2025", "-m", MUNI_A, "--db", db_url]) == 0
    out = capsys.readouterr().out
    assert "2025年度（131016）: 40 人を記録" in out and "recorded 40 people" in out
    f = tmp_path / "s2026.csv"
    f.write_text("id,persona,department,trainings,dx_lead_years\nNEW,DX推進員,総務課,,0\n", encoding="utf-8")
    assert main(["record", str(f), "--year", "2026", "-m", MUNI_A, "--db", db_url]) == 0
    capsys.readouterr()
    assert main(["history", "--db", db_url, "--table", "counts", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].lstrip("\ufeff") == "人材像,段階,2025,2026"
    assert "DX推進員,Step未満,11,1" in out
    assert main(["history", "--db", db_url, "--table", "counts", "--format", "csv", "--lang", "en"]) == 0
    assert capsys.readouterr().out.splitlines()[0].lstrip("\ufeff") == "persona,step,2025,2026"
    book = tmp_path / "history.xlsx"
    assert main(["history", "--db", db_url, "-o", str(book)]) == 0
    wb = pytest.importorskip("openpyxl").load_workbook(book)
    assert wb.sheetnames[:2] == ["年度別の段階人数", "段階間の移動（人材像・課別）"]
    assert [c.value for c in wb.worksheets[0][1]] == ["人材像", "段階", "2025", "2026"]
    assert main(["history", "--db", db_url, "--table", "moves", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.count("離任 / left") == 40 and out.count("着任 / arrived") == 1


def test_cli_errors(
    db_url: str, root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    staff = str(root / "examples" / "staff.csv")
    assert main(["record", staff, "--year", "2025", "-m", "131017", "--db", db_url]) == 1
    err = capsys.readouterr().err
    assert "expected 131016" in err and "検査数字" in err and "Traceback" not in err
    monkeypatch.delenv("SKILLFRAME_MUNICIPALITY", raising=False)
    assert main(["record", staff, "--year", "2025", "--db", db_url]) == 2
    monkeypatch.delenv("SKILLFRAME_PSEUDONYM_KEY", raising=False)
    assert main(["record", staff, "--year", "2025", "-m", MUNI_A, "--pseudonymise", "--db", db_url]) == 2
    assert "SKILLFRAME_PSEUDONYM_KEY" in capsys.readouterr().err
    monkeypatch.setenv("SKILLFRAME_PSEUDONYM_KEY", "k")
    assert main(["record", staff, "--year", "2025", "-m", MUNI_A, "--pseudonymise", "--db", db_url]) == 0
    assert main(["record", staff, "--year", "2026", "-m", MUNI_A, "--db", db_url]) == 1
    err = capsys.readouterr().err
    assert "以前の記録は仮名化されています" in err and "give the same key (FY2025)" in err
    assert err.count("\n") == 1 and "Traceback" not in err  # one bilingual line


def test_trajectory_achievement_and_report_section(two_years: skillframe.HistoryStore, cat: skillframe.Catalog) -> None:
    h = two_years.history(cat)
    # people of DX推進員 at Step2 or above: 1 of 5 in 2025 (D1), 2 of 5 in 2026 (U1, U2)
    assert h.trajectory("DX推進員", 2) == [(2025, 1, 5), (2026, 2, 5)]
    rows = {(p, r): (a, b, d) for p, r, a, b, d in h.achievement(2026)}
    assert rows[(DX, 1)] == (3, 2, -1) and rows[(DX, 3)] == (0, 1, 1)
    section = history_html(history_tables(h, cat))
    row = '<td>DX推進員</td><td>Step3</td><td class="num">0</td><td class="num">1</td><td class="num">+1</td>'
    assert "前年度の達成状況" in section and row in section
    assert "<script" not in section


def test_report_gains_the_history_section(db_url: str, root: Path, tmp_path: Path) -> None:
    staff = str(root / "examples" / "staff.csv")
    for year in ("2025", "2026"):
        assert main(["record", staff, "--year", year, "-m", MUNI_A, "--db", db_url]) == 0
    out = tmp_path / "report.html"
    assert main(["report", staff, "--db", db_url, "-m", MUNI_A, "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.index("所見") < text.index("年度推移 / Year over year") < text.index("前年度の達成状況")
    plain = tmp_path / "plain.html"
    assert main(["report", staff, "-o", str(plain)]) == 0
    assert "年度推移" not in plain.read_text(encoding="utf-8")
    md = tmp_path / "report.md"  # Markdown (and XLSX: tests/render/test_report_xlsx.py) have it too
    assert main(["report", staff, "--db", db_url, "-m", MUNI_A, "-o", str(md)]) == 0
    text = md.read_text(encoding="utf-8")
    assert text.index("## 所見") < text.index("## 年度推移 / Year over year") < text.index("## 前年度の達成状況")


TARGETS_FROM_HISTORY = """\
format: skillframe-targets/1
year:
  year: 2026
  targets:
    - {kind: count, persona: DX推進員, step: 2, value: 4, baseline: history}
    - {kind: step_rate, persona: DX推進員, step: 1, value: 1.0, baseline: history}
    - {kind: count, persona: DX推進員, step: 1, department: 税務課, value: 3, baseline: history}
    - {kind: count, persona: DX推進員, step: 1, value: 9}
"""


def test_targets_take_their_baseline_from_the_history(
    two_years: skillframe.HistoryStore, cat: skillframe.Catalog, tmp_path: Path
) -> None:
    path = tmp_path / "targets.yaml"
    path.write_text(TARGETS_FROM_HISTORY, encoding="utf-8")
    targets = skillframe.read_targets(path, catalog=cat)
    assert [t.baseline_from for t in targets.year.targets] == ["history", "history", "history", None]
    r = skillframe.rollup(cat, [])
    import datetime as dt

    start = dt.date(2026, 4, 1)  # the start of the 年度: expected = the baseline
    prog = skillframe.progress(targets, r, cat, as_of=start, history=two_years.history(cat))
    # recorded in 2025 (the last 年度 before 2026): 1 at Step2+, 4 of 5 at Step1+, 1 in 税務課 at Step1+
    assert [round(p.expected, 6) for p in prog.items] == [1.0, 0.8, 1.0, 0.0]
    with pytest.raises(HistoryError) as info:
        skillframe.progress(targets, r, cat, as_of=start)
    assert info.value.code == "baseline-history"
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        TARGETS_FROM_HISTORY.replace("count, persona: DX推進員, step: 2, value: 4", "training_rate, value: 0.5")
    )
    with pytest.raises(skillframe.TargetsError) as err:
        skillframe.read_targets(bad)
    assert [(p.line, p.code) for p in err.value.problems] == [(5, "value")]


def test_report_reads_history_baselines(db_url: str, root: Path, tmp_path: Path) -> None:
    staff = str(root / "examples" / "staff.csv")
    assert main(["record", staff, "--year", "2025", "-m", MUNI_A, "--db", db_url]) == 0
    path = tmp_path / "targets.yaml"
    path.write_text(TARGETS_FROM_HISTORY, encoding="utf-8")
    out = tmp_path / "r.html"
    assert main(["report", staff, "-t", str(path), "--db", db_url, "-m", MUNI_A, "-o", str(out)]) == 0
    assert "年度推移" in out.read_text(encoding="utf-8")
    assert main(["report", staff, "-t", str(path), "-o", str(tmp_path / "no-db.html")]) == 1  # needs --db
    assert not (tmp_path / "no-db.html").exists()
