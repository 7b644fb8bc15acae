"""Editions as data: the recorded editions, FW@VERSION, edition maps, diff and migrate.

diff and migrate run on a FICTIONAL edition pair built for the tests (tests/data/editions,
written by make_editions.py), never on invented DSS 2.0 content.
"""

from __future__ import annotations

import csv
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import skillframe
from skillframe.cli import main
from skillframe.editions import editions, resolve_edition, same_version

EDITIONS = Path(__file__).resolve().parents[1] / "data" / "editions"
MAP = EDITIONS / "town-std-1.2-to-2.0.yaml"
STAFF = EDITIONS / "town-staff-1.2.csv"
CATALOGS = ("--catalog", str(EDITIONS / "town-std-1.2.yaml"), "--catalog", str(EDITIONS / "town-std-2.0.yaml"))


@pytest.fixture(scope="module")
def town() -> skillframe.Catalog:
    return skillframe.load(EDITIONS / "town-std-1.2.yaml", EDITIONS / "town-std-2.0.yaml")


@pytest.fixture(scope="module")
def emap(town: skillframe.Catalog) -> skillframe.EditionMap:
    return skillframe.read_edition_map(MAP, town)


def test_fixture_files_are_what_the_script_writes() -> None:
    script = str(EDITIONS / "make_editions.py")
    r = subprocess.run([sys.executable, script, "--check"], check=False, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout


# -- the editions the built-in catalogs record --------------------------------------------


def test_tokyo_basic_policy_v2_is_recorded_without_contents(cat: skillframe.Catalog) -> None:
    eds = {e.version: e for e in editions(cat, "tokyo-dsm")}
    v2 = eds["基本方針 ver.2.0"]
    assert (v2.issued, v2.replaces, v2.contents, v2.status) == ("2024-03-29", "基本方針 ver.1.0", None, None)
    assert v2.provenance.unverified and "NOT verified" in (v2.note or "")
    assert eds["基本方針 ver.1.0"].replaced_by == "基本方針 ver.2.0"
    assert eds["WG報告書（2025-10）掲載時点"].contents == "tokyo-dsm"
    with pytest.raises(skillframe.EditionError) as info:
        resolve_edition(cat, "tokyo-dsm@基本方針 ver.2.0")
    assert info.value.code == "edition-not-carried"


def test_dss_v2_is_recorded_without_contents_and_no_item_is_invented(cat: skillframe.Catalog) -> None:
    eds = {e.version: e for e in editions(cat, "ipa-dss")}
    v2 = eds["2.0"]
    assert (v2.issued, v2.status, v2.replaces, v2.contents) == ("2026-04-16", "current", "1.2", None)
    assert v2.provenance.unverified
    assert v2.source == "meti-press-2026-04-16"
    assert v2.source in {s.id for s in cat.framework("ipa-dss").sources}
    assert (eds["1.2"].status, eds["1.2"].replaced_by, eds["1.2"].contents) == ("superseded", "2.0", "ipa-dss")
    assert len(cat.skills("ipa-dss")) == 49  # DSS-P v1.x items only: nothing of 2.0 carried
    assert len(cat.personas("ipa-dss")) == 5
    with pytest.raises(skillframe.EditionError) as info:
        skillframe.edition_diff(cat, "ipa-dss@1.2", "ipa-dss@2.0")
    assert info.value.code == "edition-not-carried"
    assert "ipa-dss@2.0" in str(info.value) and " / " in str(info.value)


def test_every_recorded_edition_refers_to_what_exists(cat: skillframe.Catalog) -> None:
    checked = 0
    for fw in cat.frameworks():
        versions = [e.version for e in fw.history]
        for e in fw.history:
            if e.source is not None:
                assert e.source in {s.id for s in fw.sources}, (fw.id, e.version)
            if e.contents is not None:
                assert cat.framework(e.contents).id == e.contents
            for other in (e.replaces, e.replaced_by):
                assert other is None or other in versions, (fw.id, e.version, other)
            checked += 1
    assert checked == sum(len(f.history) for f in cat.frameworks()) >= 8


def test_resolve_edition(cat: skillframe.Catalog, town: skillframe.Catalog) -> None:
    assert same_version("ver.1.2", "1.2") and same_version("V１.２", "1.2") and not same_version("1.2", "1.20")
    ref = resolve_edition(town, "town-std@v1.2")
    assert (ref.contents, ref.key, ref.edition.replaced_by) == ("town-std-1-2", "town-std@1.2", "2.0")
    assert resolve_edition(town, "town-std@2.0").contents == "town-std"
    assert resolve_edition(cat, "ipa-dss@1.2").contents == "ipa-dss"
    for key, code in (("ipa-dss", "edition-syntax"), ("ipa-dss@9.9", "edition-unknown"), ("@1.2", "edition-syntax")):
        with pytest.raises(skillframe.EditionError) as info:
            resolve_edition(cat, key)
        assert info.value.code == code
    with pytest.raises(skillframe.UnknownKeyError):
        resolve_edition(cat, "no-such-framework@1.0")


# -- edition maps -------------------------------------------------------------------------


def test_edition_map(emap: skillframe.EditionMap) -> None:
    assert (emap.source.contents, emap.target.contents, emap.same_ids) == ("town-std-1-2", "town-std", True)
    got = {(x.subject, x.predicate, x.object, x.confidence) for x in emap.mappings}
    assert got == {
        ("town-std-1-2:bpr", "replacedBy", "town-std:business-analysis", 1.0),
        ("town-std-1-2:design", "skos:closeMatch", "town-std:service-design", 0.8),
        ("town-std-1-2:legacy-it", "skos:broadMatch", "town-std:infra", 0.9),
        ("town-std-1-2:fax", "replacedBy", None, 1.0),
    }


def test_bad_edition_map_lists_every_problem_with_its_line(town: skillframe.Catalog, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "format: skillframe-editions/1\n"
        "edition_map: {id: x, from: town-std@1.2, to: town-std@2.0}\n"
        "mappings:\n"
        "  - {subject: bpr, predicate: skos:sameAs, object: business-analysis}\n"
        "  - {subject: nope, predicate: replacedBy, object: ai}\n"
        "  - {subject: data, predicate: replacedBy, object: data, confidence: 1.5}\n"
        "  - {subject: fax, predicate: replacedBy, object: sssom:NoTermFound}\n"
        "  - {subject: fax, predicate: replacedBy, object: sssom:NoTermFound}\n",
        encoding="utf-8",
    )
    with pytest.raises(skillframe.EditionError) as info:
        skillframe.read_edition_map(bad, town)
    err = info.value
    assert err.code == "edition-map-invalid"
    assert [(p.line, p.path) for p in err.problems] == [
        (4, "$.mappings[0].predicate"),
        (5, "$.mappings[1].subject"),
        (6, "$.mappings[2].confidence"),
        (8, "$.mappings[4]"),
    ]
    assert [p.code for p in err.problems] == ["value", "ref.unknown", "value", "mapping"]
    assert all("\n" not in p.message and " / " in p.message for p in err.problems)  # one line, ja / en
    assert all(str(bad) == p.file for p in err.problems)
    assert "skos:sameAs" in str(err) and "duplicate" in str(err)


def test_edition_map_yaml_problems_have_codes(town: skillframe.Catalog, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    for text, code, line in (
        ("format: skillframe-editions/1\nformat: x\n", "yaml.duplicate_key", 2),
        ("format: skillframe-editions/1\nmappings: [\n", "yaml.syntax", 3),
        ("format: skillframe-editions/2\n", "format", 1),
        (
            "format: skillframe-editions/1\nedition_map: {id: x, from: town-std@1.2, to: town-std@2.0}\n"
            "mappings:\n  - {subject: bpr, predicate: replacedBy, object: ai, confidence: 1_0}\n",
            "yaml.number",
            4,
        ),
    ):
        bad.write_text(text, encoding="utf-8")
        with pytest.raises(skillframe.EditionError) as info:
            skillframe.read_edition_map(bad, town)
        assert info.value.code == "edition-map-invalid"
        assert [(p.code, p.line) for p in info.value.problems][:1] == [(code, line)], text


def test_edition_map_unknown_edition(town: skillframe.Catalog, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: skillframe-editions/1\nedition_map: {id: x, from: town-std@1.0, to: town-std@2.0}\n")
    with pytest.raises(skillframe.EditionError) as info:
        skillframe.read_edition_map(bad, town)
    assert info.value.code == "edition-unknown"
    assert "(recorded: 1.2, 2.0)" in str(info.value)  # each version once, though 2.0 is also the framework's own


# -- diff ------------------------------------------------------------------------------------


def test_edition_diff_with_the_map(town: skillframe.Catalog, emap: skillframe.EditionMap) -> None:
    got = {(c.change, c.old_id, c.new_id) for c in skillframe.edition_diff(town, "town-std@1.2", "town-std@2.0", emap)}
    assert got == {
        ("unmapped", "town-std-1-2:minutes", None),  # no mapping, no item of that id: listed, never dropped
        ("removed", "town-std-1-2:fax", None),
        ("replaced", "town-std-1-2:bpr", "town-std:business-analysis"),
        ("mapped", "town-std-1-2:design", "town-std:service-design"),
        ("mapped", "town-std-1-2:legacy-it", "town-std:infra"),
        ("renamed", "town-std-1-2:bpr", "town-std:business-analysis"),
        ("renamed", "town-std-1-2:data", "town-std:data"),
        ("renamed", "town-std-1-2:design", "town-std:service-design"),
        ("renamed", "town-std-1-2:legacy-it", "town-std:infra"),
        ("changed", "town-std-1-2:security", "town-std:security"),
        ("changed", "town-std-1-2:legacy-it", "town-std:infra"),
        ("requirements", "town-std-1-2:staff", "town-std:staff"),
        ("added", None, "town-std:ai"),
    }


def test_edition_diff_gives_the_change_as_data(town: skillframe.Catalog, emap: skillframe.EditionMap) -> None:
    changes = skillframe.edition_diff(town, "town-std@1.2", "town-std@2.0", emap)
    legacy = {c.change: c for c in changes if c.old_id == "town-std-1-2:legacy-it"}
    assert (legacy["mapped"].predicate, legacy["mapped"].confidence) == ("skos:broadMatch", 0.9)
    assert (legacy["renamed"].field, legacy["renamed"].before["label"], legacy["renamed"].after["label"]) == (
        "label",
        "レガシー基盤",
        "情報基盤",
    )
    assert (legacy["changed"].field, legacy["changed"].after) == ("definition", "基盤を設計し運用する")
    unmapped = next(c for c in changes if c.change == "unmapped")
    assert (unmapped.field, unmapped.before, unmapped.after, unmapped.predicate) == (None, None, None, None)


def test_edition_diff_without_a_map_pairs_by_id(town: skillframe.Catalog) -> None:
    changes = skillframe.edition_diff(town, "town-std@1.2", "town-std@2.0")
    removed = {c.old_id for c in changes if c.change == "removed"}
    assert removed == {f"town-std-1-2:{x}" for x in ("bpr", "fax", "design", "legacy-it", "minutes")}
    added = {c.new_id for c in changes if c.change == "added"}
    assert added == {f"town-std:{x}" for x in ("business-analysis", "service-design", "infra", "ai")}


def test_cli_diff_editions(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["diff", "town-std@1.2", "town-std@2.0", "--editions", str(MAP), *CATALOGS, "--format", "csv"])
    out = capsys.readouterr().out
    assert code == 0
    assert "unmapped,skill,town-std-1-2:minutes,,議事録作成" in out
    assert "replaced,skill,town-std-1-2:bpr,town-std:business-analysis" in out


def test_diff_refuses_a_map_between_other_editions(
    town: skillframe.Catalog, emap: skillframe.EditionMap, capsys: pytest.CaptureFixture[str]
) -> None:
    """The 1.2 → 2.0 map used for 2.0 → 1.2 would list every item as unmapped: an error instead."""
    with pytest.raises(skillframe.EditionError) as info:
        skillframe.edition_diff(town, "town-std@2.0", "town-std@1.2", emap)
    assert info.value.code == "edition-map-mismatch"
    assert main(["diff", "town-std@2.0", "town-std@1.2", "--editions", str(MAP), *CATALOGS]) == 1
    err = capsys.readouterr().err
    assert "goes from town-std@1.2 to town-std@2.0" in err and "版の対応" in err and "Traceback" not in err


def test_cli_diff_editions_never_writes_over_the_map(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    emap = tmp_path / "map.yaml"
    emap.write_bytes(MAP.read_bytes())
    code = main(["diff", "town-std@1.2", "town-std@2.0", "--editions", str(emap), *CATALOGS, "-o", str(emap)])
    assert code == 2 and "Traceback" not in capsys.readouterr().err  # OutputError output-is-input
    assert emap.read_bytes() == MAP.read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == ["map.yaml"]


def test_cli_diff_editions_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "changes.csv"
    assert main(["diff", "town-std@1.2", "town-std@2.0", "--editions", str(MAP), *CATALOGS, "-o", str(out)]) == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM for Japanese Excel
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0] == ["変更", "種類", "旧版", "新版", "内容"]
    assert rows[1 + [r[2] for r in rows[1:]].index("town-std-1-2:minutes")][:4] == [
        "unmapped",
        "skill",
        "town-std-1-2:minutes",
        "",
    ]
    assert main(["diff", "town-std@1.2", "town-std@2.0", *CATALOGS, "-o", str(tmp_path / "x.mmd")]) == 2
    assert not (tmp_path / "x.mmd").exists()


def test_cli_diff_editions_not_carried(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "ipa-dss@1.2", "ipa-dss@2.0"]) == 1
    err = capsys.readouterr().err
    assert "ipa-dss@2.0" in err and "Traceback" not in err


# -- migrate ---------------------------------------------------------------------------------


def _keys(r: skillframe.StaffRecord) -> int:
    return (
        (r.persona is not None)
        + len(r.trainings or ())
        + len(r.dsm)
        + len(r.tools)
        + len(r.tool_checks)
        + sum(len(v) for v in r.tool_checks.values())
    )


def test_migrate_the_fixture_staff(town: skillframe.Catalog, emap: skillframe.EditionMap) -> None:
    table = skillframe.read_staff(STAFF)
    mg = skillframe.migrate(town, table, emap)
    assert (mg.source, mg.target) == ("town-std@1.2", "town-std@2.0")
    recs = {r.id: r for r in mg.records}
    assert list(recs) == ["S01", "S02", "S03", "S04"]
    s01 = recs["S01"]
    assert s01.persona == "town-std:promoter"
    assert s01.trainings == ("town-std:business-analysis", "town-std:data", "town-std:security")
    assert s01.dsm == {"town-std:business-analysis": 2}
    assert (s01.tools, s01.tool_checks) == ({"town-std:excel": 1}, {"town-std:excel": ("x1",)})
    assert (s01.dx_lead_years, s01.mentoring, s01.department, s01.extra) == (1.5, True, "総務課", {"memo": "係長"})
    assert recs["S02"].trainings == ("town-std:security", "town-std:service-design")  # closeMatch carries
    assert recs["S03"].trainings is None  # unknown stays unknown
    assert recs["S04"].persona is None
    assert recs["S04"].trainings is None  # 'nope' not carried: unknown in 2.0, never なし (none)
    got = {(n.record, n.field, n.key, n.code) for n in mg.not_carried}
    assert got == {
        ("S01", "trainings", "fax", "removed"),
        ("S01", "dsm", "legacy-it", "predicate"),
        ("S01", "tool_checks", "excel: x2", "check-item"),
        ("S02", "trainings", "minutes", "unmapped"),  # the item without a mapping: listed, never dropped
        ("S04", "persona", "存在しない類型", "unknown-key"),
        ("S04", "trainings", "nope", "unknown-key"),
        ("S05", "row", "row 6", "row"),  # the unreadable row (mentoring: maybe)
    }
    # every key of every readable record is either carried or listed
    carried_keys = len(mg.carried) + sum(len(v) for r in mg.records for v in r.tool_checks.values())
    assert sum(_keys(r) for r in table.records) == carried_keys + len(mg.not_carried) - len(table.errors)
    for n in mg.not_carried:
        assert " / " in n.message  # Japanese and English


def test_migrate_plain_records_and_options(town: skillframe.Catalog, emap: skillframe.EditionMap) -> None:
    records = [{"id": "P1", "persona": "DX推進員", "trainings": "design;legacy-it;bpr"}]
    strict = skillframe.migrate(town, records, emap, min_confidence=0.9)
    assert strict.records[0].trainings == ("town-std:business-analysis",)
    assert {(n.key, n.code) for n in strict.not_carried} == {("design", "low-confidence"), ("legacy-it", "predicate")}
    wide = skillframe.migrate(town, records, emap, carry=("replacedBy", "skos:closeMatch", "skos:broadMatch"))
    assert wide.records[0].trainings == ("town-std:service-design", "town-std:infra", "town-std:business-analysis")
    assert wide.not_carried == ()


def test_migrate_without_same_ids_lists_every_unmapped_key(town: skillframe.Catalog, tmp_path: Path) -> None:
    text = MAP.read_text(encoding="utf-8").replace("same_ids: true", "same_ids: false")
    (tmp_path / "m.yaml").write_text(text, encoding="utf-8")
    emap = skillframe.read_edition_map(tmp_path / "m.yaml", town)
    mg = skillframe.migrate(town, [{"id": "X", "persona": "一般職員", "trainings": "security;minutes"}], emap)
    assert {(n.key, n.code) for n in mg.not_carried} == {
        ("一般職員", "unmapped"),
        ("security", "unmapped"),
        ("minutes", "unmapped"),
    }
    assert mg.records[0].trainings is None  # nothing carried: unknown, not "none"


def test_migrate_trainings_only_withdrawn_become_none(town: skillframe.Catalog, emap: skillframe.EditionMap) -> None:
    """A record whose only training was withdrawn without successor (fax) has none in 2.0."""
    mg = skillframe.migrate(town, [{"id": "R", "persona": "一般職員", "trainings": "fax"}], emap)
    assert mg.records[0].trainings == ()
    assert [(n.key, n.code) for n in mg.not_carried] == [("fax", "removed")]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    def run(*argv: str) -> tuple[int, str, str]:
        code = main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_cli_migrate(cli: Callable[..., tuple[int, str, str]], town: skillframe.Catalog, tmp_path: Path) -> None:
    out, report = tmp_path / "staff-2.0.csv", tmp_path / "not-carried.csv"
    code, _, err = cli(
        "migrate", str(STAFF), "--editions", str(MAP), *CATALOGS, "-o", str(out), "--report", str(report)
    )
    assert code == 1, err  # S05 could not be read (mentoring: maybe): the others are written
    assert "7 key(s) not carried" in err and "minutes" in err and "Traceback" not in err
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM for Japanese Excel
    back = skillframe.read_staff(out, catalog=town)  # the output reads back as a staff file of the new edition
    assert back.errors == ()
    assert [r.id for r in back.records] == ["S01", "S02", "S03", "S04"]
    assert back.records[0].trainings == ("town-std:business-analysis", "town-std:data", "town-std:security")
    with report.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["職員番号", "項目", "キー", "コード", "旧版の id", "新版の候補", "理由"]  # --lang ja (default)
    assert ["S02", "trainings", "minutes", "unmapped"] in [r[:4] for r in rows]
    assert len(rows) == 1 + 7


def test_cli_migrate_never_writes_over_an_input(cli: Callable[..., tuple[int, str, str]]) -> None:
    before = STAFF.read_bytes()
    code, _, err = cli("migrate", str(STAFF), "--editions", str(MAP), *CATALOGS, "-o", str(STAFF))
    assert code == 2 and "Traceback" not in err  # OutputError output-is-input
    assert STAFF.read_bytes() == before


def test_cli_migrate_never_writes_the_report_over_an_input(
    cli: Callable[..., tuple[int, str, str]], tmp_path: Path
) -> None:
    emap = tmp_path / "map.yaml"
    emap.write_bytes(MAP.read_bytes())
    out = tmp_path / "out.csv"
    for report in (emap, STAFF, out):
        code, _, err = cli(
            "migrate", str(STAFF), "--editions", str(emap), *CATALOGS, "-o", str(out), "--report", str(report)
        )
        assert code == 2 and "Traceback" not in err, report
    assert emap.read_bytes() == MAP.read_bytes()
    code, _, _ = cli("migrate", str(STAFF), "--editions", str(emap), *CATALOGS, "-o", str(emap))
    assert code == 2 and emap.read_bytes() == MAP.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.yaml"]  # nothing written, no temporary file
    code, _, _ = cli("migrate", str(STAFF), "--editions", str(emap), *CATALOGS, "--report", str(tmp_path / "r.mmd"))
    assert code == 2 and not (tmp_path / "r.mmd").exists()


def test_cli_migrate_neutralises_cells_and_writes_xlsx_report(
    cli: Callable[..., tuple[int, str, str]], tmp_path: Path
) -> None:
    staff = tmp_path / "staff.csv"
    staff.write_text(STAFF.read_text(encoding="utf-8-sig").replace("総務課", "=HYPERLINK(1)"), encoding="utf-8-sig")
    out, report = tmp_path / "out.csv", tmp_path / "report.xlsx"
    code, _, err = cli(
        "migrate", str(staff), "--editions", str(MAP), *CATALOGS, "-o", str(out), "--report", str(report)
    )
    assert code == 1, err  # S05 unreadable; everything else written
    text = out.read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK(1)" in text and ",=HYPERLINK" not in text
    import openpyxl

    ws = openpyxl.load_workbook(report).worksheets[0]
    assert [c.value for c in ws[1]][:4] == ["職員番号", "項目", "キー", "コード"]
    assert ws.max_row == 1 + 7
    en = ("--lang", "en", "--report", str(report))
    assert cli("migrate", str(staff), "--editions", str(MAP), *CATALOGS, *en)[0] == 1
    ws = openpyxl.load_workbook(report).worksheets[0]
    assert [c.value for c in ws[1]] == ["record", "field", "key", "code", "old", "targets", "reason"]


def test_cli_migrate_bad_map(cli: Callable[..., tuple[int, str, str]], tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "format: skillframe-editions/1\nedition_map: {id: x, from: town-std@1.2, to: town-std@2.0}\n"
        "mappings:\n  - {subject: nope, predicate: replacedBy, object: ai}\n",
        encoding="utf-8",
    )
    code, _, err = cli("migrate", str(STAFF), "--editions", str(bad), *CATALOGS)
    assert code == 1
    assert f"{bad}:4" in err and "not an item of town-std-1-2" in err and "Traceback" not in err


# -- unreadable rows: not carried, and the exit status says so --------------------------------


def test_migration_names_the_rows_not_carried(town: skillframe.Catalog, emap: skillframe.EditionMap) -> None:
    mg = skillframe.migrate(town, skillframe.read_staff(STAFF), emap)
    assert [(n.record, n.key, n.code) for n in mg.rows_not_carried] == [("S05", "row 6", "row")]
    clean = skillframe.migrate(town, [{"id": "A1", "persona": "DX推進員", "trainings": "bpr;minutes"}], emap)
    assert clean.rows_not_carried == () and [n.code for n in clean.not_carried] == ["unmapped"]


def test_cli_migrate_exits_1_when_a_row_is_not_carried(
    cli: Callable[..., tuple[int, str, str]], tmp_path: Path
) -> None:
    """As evaluate and record: 1 when any row could not be read (the others are still written)."""
    out, report = tmp_path / "staff-2.0.csv", tmp_path / "not-carried.csv"
    code, _, err = cli(
        "migrate", str(STAFF), "--editions", str(MAP), *CATALOGS, "-o", str(out), "--report", str(report)
    )
    assert code == 1, err
    assert "1 row(s) could not be read" in err and "Traceback" not in err
    assert [r.id for r in skillframe.read_staff(out).records] == ["S01", "S02", "S03", "S04"]  # still written
    assert "S05,row,row 6,row" in report.read_text(encoding="utf-8-sig")
    # keys not carried from rows that were read: still exit 0
    clean = tmp_path / "clean.csv"
    clean.write_text("id,persona,trainings\nA1,DX推進員,bpr;minutes\n", encoding="utf-8")
    code, _, err = cli("migrate", str(clean), "--editions", str(MAP), *CATALOGS, "-o", str(out))
    assert code == 0, err
    assert "1 key(s) not carried" in err and "could not be read" not in err


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_cli_migrate_report_is_written_when_everything_is_carried(
    cli: Callable[..., tuple[int, str, str]], tmp_path: Path, suffix: str
) -> None:
    """--report is never left stale from an earlier run: nothing not carried writes the header alone."""
    staff, report = tmp_path / "clean.csv", tmp_path / f"not-carried.{suffix}"
    staff.write_text("id,persona,trainings\nA1,DX推進員,bpr;security\n", encoding="utf-8")
    report.write_bytes(b"stale")
    code, _, err = cli("migrate", str(staff), "--editions", str(MAP), *CATALOGS, "--report", str(report))
    assert code == 0, err
    assert "0 key(s) not carried" in err
    if suffix == "csv":
        assert report.read_text(encoding="utf-8-sig").splitlines() == [
            "職員番号,項目,キー,コード,旧版の id,新版の候補,理由"
        ]
    else:
        import openpyxl

        ws = openpyxl.load_workbook(report).worksheets[0]
        assert ws.max_row == 1 and [c.value for c in ws[1]][:4] == ["職員番号", "項目", "キー", "コード"]
