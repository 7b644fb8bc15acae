"""``skillframe policy --db``: current figures from the assessment history instead of a staff file."""

from __future__ import annotations

from pathlib import Path

import pytest

from skillframe.cli import main

ROOT = Path(__file__).parents[2]
STAFF = ROOT / "examples" / "staff.csv"
TOWN = ROOT / "examples" / "policy" / "town.yaml"


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    url = f"sqlite:///{tmp_path / 'h.db'}"
    assert main(["record", str(STAFF), "--db", url, "-m", "131016", "--year", "2025"]) == 0
    capsys.readouterr()
    return url


def _figures(md: str) -> str:
    """The (4) 現状の分析 section up to the line naming its source."""
    part = md.split("## 4. 現状の分析と育成目標（数値目標）", 1)[1]
    return part.split("<small>出典:", 1)[0]


def test_db_gives_the_same_counts_as_the_staff_file(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["policy", "--staff", str(STAFF), "--format", "md"]) == 0
    from_staff = capsys.readouterr().out
    assert main(["policy", "--db", db, "-m", "131016", "--format", "md"]) == 0
    from_db = capsys.readouterr().out
    assert "| DX推進員             | 19     | 11         | 8 (42.1%)" in _figures(from_db)
    assert _figures(from_db) == _figures(from_staff)
    assert "出典: 評価履歴データベース sqlite:///" in from_db
    assert "（団体コード 131016、2025年度、記録日 " in from_db
    assert "職員データ " not in _figures(from_db) and "評価履歴" not in from_staff


def test_annual_states_last_years_achievement_from_the_history(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["record", str(STAFF), "--db", db, "-m", "131016", "--year", "2026"]) == 0
    capsys.readouterr()
    assert main(["policy", "--db", db, "-m", "131016", "--kind", "annual", "--format", "md"]) == 0
    out = capsys.readouterr().out
    purpose = out.split("## 1. 策定の目的（前年度の達成状況/改善点）", 1)[1].split("## 2.", 1)[0]
    assert "| 人材像               | 段階     | 2025年度   | 2026年度   | 増減   |" in purpose
    assert "| DX推進員             | Step1    | 5          | 5          | +0     |" in purpose
    assert "2026年度、記録日" in purpose and "と2025年度の記録を比較" in purpose
    # --year picks an earlier 年度: no year before it, so no invented zeros
    assert main(["policy", "--db", db, "-m", "131016", "--year", "2025", "--kind", "annual", "--format", "md"]) == 0
    out = capsys.readouterr().out
    assert "| DX推進員             | Step1    | —                    | 5          | —      |" in out
    assert "（前年度の記録なし）" in out


def test_options_of_the_history_need_db(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    for extra in (["-m", "131016"], ["--year", "2025"], ["--reevaluate"]):
        assert main(["policy", "--staff", str(STAFF), *extra, "--format", "md"]) == 2
        assert "need --db" in capsys.readouterr().err


def test_year_not_recorded_is_a_clear_error(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "方針.md"
    assert main(["policy", "--db", db, "-m", "131016", "--year", "2024", "--format", "md", "-o", str(out)]) == 1
    cap = capsys.readouterr()
    assert "2024年度の記録がありません（記録のある年度: 2025） / fiscal year 2024 is not recorded (recorded: 2025)" in (
        cap.err
    )
    assert "Traceback" not in cap.err and not out.exists()


# ---- the flow of docs/policy.md: record, then draft under the town's overlay ----------------


def test_recorded_under_the_overlay_the_documented_flow_drafts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'history.db'}"
    rec = ["record", str(STAFF), "--catalog", str(TOWN), "--db", url, "-m", "131016", "--year", "2025"]
    assert main(rec) == 0
    out = tmp_path / "年度計画.docx"
    args = ["policy", "--catalog", str(TOWN), "--db", url, "-m", "131016", "--kind", "annual", "-o", str(out)]
    assert main(args) == 0, capsys.readouterr().err
    assert out.read_bytes()[:2] == b"PK"


_TOWN_DB_COMMANDS = {
    "history": ["history"],
    "report": ["report", str(STAFF), "--format", "md"],
    "policy": ["policy", "--format", "md"],
}


@pytest.mark.parametrize("command", sorted(_TOWN_DB_COMMANDS))
def test_the_hint_for_another_catalog_names_an_option_the_command_has(
    command: str, db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Recorded under the built-in catalog, read under the town's overlay: each command stops (exit 1)
    saying what differs — the town's framework added, not another version (trial F7) — and naming
    --reevaluate, and that option is its own: with it the command runs (exit 0)."""
    import skillframe
    from skillframe._fingerprint import catalog_fingerprint

    was, now = (catalog_fingerprint(c).short for c in (skillframe.load(), skillframe.load(TOWN)))
    args = [*_TOWN_DB_COMMANDS[command], "--catalog", str(TOWN), "--db", db, "-m", "131016"]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert err == (
        "skillframe: 現在のカタログと違うカタログで記録された年度があります: 2025年度 — 記録時になかったフレームワーク "
        f"example-city が加わっています（digest {was} → {now}）。現在のカタログで再評価するには --reevaluate"
        "（Python では reevaluate=True）を指定してください / years recorded under another catalog than the current "
        f"one: FY2025 — framework example-city is loaded now and was not when recorded (digest {was} → {now}). "
        "Use --reevaluate (Python: reevaluate=True) to re-evaluate them under the current one\n"
    )
    assert main([*args, "--reevaluate"]) == 0, capsys.readouterr().err
    assert "unrecognized arguments" not in capsys.readouterr().err


def test_the_hint_names_the_python_parameter_too(db: str) -> None:
    import skillframe
    from skillframe.errors import HistoryError

    cat = skillframe.load(TOWN)
    store = skillframe.open_history(db, create=False)
    try:
        with pytest.raises(HistoryError) as info:
            store.history(cat, municipality="131016")
        assert info.value.code == "catalog-versions-mixed" and "reevaluate=True" in str(info.value)
        assert store.history(cat, municipality="131016", reevaluate=True).years == (2025,)
    finally:
        store.engine.dispose()


# ---- baseline: history targets in the draft -------------------------------------------------

HISTORY_TARGETS = """\
format: skillframe-targets/1
as_of: 2026-10-01
plan:
  baseline_year: 2026
  target_year: 2029
  targets:
    - {kind: count, persona: DX推進員, step: 1, value: 20, baseline: history}
"""


def _progress_row(md: str) -> str:
    return next(line for line in md.splitlines() if line.startswith("|") and "DX推進員 Step1 人数" in line)


@pytest.mark.parametrize("with_staff", [False, True])
def test_baseline_history_targets_draft_as_the_report_reads_them(
    with_staff: bool, db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``policy --db`` (figures from the history) and ``policy --staff --db`` (figures from the
    staff file, baselines from the history) give the row ``report --db`` gives."""
    targets = tmp_path / "目標.yaml"
    targets.write_text(HISTORY_TARGETS, encoding="utf-8")
    assert main(["report", str(STAFF), "--db", db, "-m", "131016", "-t", str(targets), "--format", "md"]) == 0
    from_report = _progress_row(capsys.readouterr().out)
    # 2025 recorded 8 at Step1+ (the baseline); 8 now; the line 8 (2026.0) → 20 (2030.0) at 2026.5 is 9.5
    cells = [c.strip() for c in from_report.strip("|").split("|")]
    assert cells == ["基本方針", "DX推進員 Step1 人数", "8", "20", "12", "9.5", "遅れ", "基準値 8（2025年度の記録）"]
    staff = ["--staff", str(STAFF)] if with_staff else []
    args = ["policy", *staff, "--db", db, "-m", "131016", "-t", str(targets), "--format", "md"]
    assert main(args) == 0, capsys.readouterr().err
    md = capsys.readouterr().out
    assert [c.strip() for c in _progress_row(md).strip("|").split("|")] == cells
    figures = "職員データ " if with_staff else "評価履歴データベース sqlite:///"
    source = next(line for line in md.splitlines() if line.startswith("<small>出典: 数値目標ファイル"))
    assert f"（基準日 2026-10-01）と{figures}" in source
    assert "。基準値（baseline: history）は評価履歴データベース sqlite:///" in source
    assert "（団体コード 131016、2025年度の記録）から" in source


def test_baseline_history_targets_through_the_python_api(db: str, tmp_path: Path) -> None:
    import skillframe
    from skillframe.policy import draft
    from skillframe.render.drafts import draft_markdown

    cat = skillframe.load()
    path = tmp_path / "目標.yaml"
    path.write_text(HISTORY_TARGETS, encoding="utf-8")
    targets = skillframe.read_targets(path, catalog=cat)
    r = skillframe.rollup(cat, skillframe.iter_staff(STAFF, catalog=cat))
    store = skillframe.open_history(db, create=False)
    try:
        h = store.history(cat, municipality="131016")
    finally:
        store.engine.dispose()
    prog = skillframe.progress(targets, r, cat, history=h)
    item = prog.items[0]
    assert (item.current, item.value, item.status, item.recorded[0].year, item.recorded[0].value) == (
        8.0,
        20.0,
        "off_track",
        2025,
        8.0,
    )
    md = draft_markdown(draft(cat, rollup=r, progress=prog, history_source="評価履歴 H"))
    assert "| 基準値 8（2025年度の記録） |" in md.replace("  ", "")
    assert "。基準値（baseline: history）は評価履歴 Hから" in md
    # without the history such a target cannot be read: a named error, not a silent 0
    from skillframe.errors import HistoryError

    with pytest.raises(HistoryError) as info:
        skillframe.progress(targets, r, cat)
    assert info.value.code == "baseline-history"


# ---- staff of a persona without a ladder in the 年度計画's 前年度の達成状況 -----------------------

# The trial's town in two 年度 (CP932 files with Japanese headers, as an office writes them):
# a 管理監督職 (no ladder: never evaluated), a DX推進員 who reaches Step1, a 一般行政職員 below Step1.
_TRIAL_2025 = (
    "職員番号,所属,人材像,研修\r\n"
    "00101,総務課,ＤＸ推進員,なし\r\n"
    "00102,総務課,一般行政職員,なし\r\n"
    "00105,税務課,一般行政職員（管理監督職）,DXマインドセット研修\r\n"
)
_STEP1 = (
    "DXマインドセット研修、デザイン思考の研修、情報セキュリティ研修、行政デジタルに関する基礎研修、"
    "プロジェクトマネジメント研修、サービスデザイン研修、データ分析/活用に関する研修、BPR研修、UX研修、"
    "各種ガイド、ドキュメントの説明会"
)
_TRIAL_2026 = _TRIAL_2025.replace("00101,総務課,ＤＸ推進員,なし", f'00101,総務課,ＤＸ推進員,"{_STEP1}"')


def _trial_db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    url = f"sqlite:///{tmp_path / 'history.db'}"
    for year, text in (("2025", _TRIAL_2025), ("2026", _TRIAL_2026)):
        staff = tmp_path / f"職員データ{year}.csv"
        staff.write_bytes(text.encode("cp932"))
        assert main(["record", str(staff), "--db", url, "-m", "131016", "--year", year]) == 0
    capsys.readouterr()
    return url


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip("|").split("|")]


def test_annual_achievement_sets_staff_without_a_ladder_apart_as_history_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Trial F1: the 年度計画 said 「Step未満」 of the 管理監督職 while ``history`` and ``report`` said
    「評価対象外（段階なし）」 for the same database: the draft now says what they say, in .md and .docx."""
    import docx  # the docx extra

    url = _trial_db(tmp_path, capsys)
    assert main(["policy", "--db", url, "-m", "131016", "--kind", "annual", "--format", "md"]) == 0
    plan = capsys.readouterr().out.split("前年度の達成状況（育成段階別の人数）", 1)[1].split("出典:", 1)[0]
    rows = [_cells(line) for line in plan.splitlines() if line.startswith("| ") and "---" not in line]
    assert rows == [
        ["人材像", "段階", "2025年度", "2026年度", "増減"],
        ["DX推進員", "Step未満", "1", "0", "-1"],
        ["DX推進員", "Step1", "0", "1", "+1"],
        ["一般行政職員", "Step未満", "1", "1", "+0"],
        ["一般行政職員（管理監督職）", "評価対象外（段階なし）", "1", "1", "+0"],
    ]
    # the same persona and step as history's 年度推移 names them
    assert main(["history", "--db", url, "-m", "131016", "--table", "counts", "--format", "csv"]) == 0
    counts = capsys.readouterr().out.lstrip("\ufeff").splitlines()
    assert "一般行政職員（管理監督職）,評価対象外（段階なし）,1,1" in counts
    out = tmp_path / "年度計画.docx"
    assert main(["policy", "--db", url, "-m", "131016", "--kind", "annual", "-o", str(out)]) == 0
    table = next(t for t in docx.Document(str(out)).tables if t.rows[0].cells[0].text == "人材像")
    assert [c.text for c in table.rows[-1].cells] == [
        "一般行政職員（管理監督職）",
        "評価対象外（段階なし）",
        "1",
        "1",
        "+0",
    ]


# ---- a history recorded without the town's catalog, drafted with it ---------------------------

# the trial's 目標.yaml: HISTORY_TARGETS' plan with its two baseline: history targets
SHADOWED_TARGETS = HISTORY_TARGETS.replace(
    "step: 1, value: 20, baseline: history}",
    "step: 2, value: 6, baseline: history}\n"
    "    - {kind: step_rate, persona: 一般行政職員, step: 1, value: 0.5, baseline: history}",
)


def test_a_baseline_the_history_cannot_count_shows_no_numbers(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Trial F7: recorded without ``--catalog``, drafted with the town's: the rows said 不明 (the
    history's records are the WG's personas, not the town's) yet showed 見込み値 0.8 and 「基準値 0
    （2025年度の記録）; 2026: 0」 — numbers counted from nobody. Now those cells are empty (—)."""
    targets = tmp_path / "目標.yaml"
    targets.write_text(SHADOWED_TARGETS, encoding="utf-8")
    assert main(["record", str(STAFF), "--db", db, "-m", "131016", "--year", "2026"]) == 0
    capsys.readouterr()
    args = ["policy", "--catalog", str(TOWN), "--staff", str(STAFF), "-t", str(targets), "--db", db, "-m", "131016"]
    assert main([*args, "--reevaluate", "--format", "md"]) == 0, capsys.readouterr().err
    md = capsys.readouterr().out
    rows = [_cells(line) for line in md.splitlines() if line.startswith("| 基本方針 |")]
    base, copy = "tokyo-wg-2025:dx-promoter", "example-city:dx-promoter"
    assert rows[0] == [
        "基本方針",
        "DX推進員 Step2 人数",
        "—",
        "6",
        "—",
        "—",
        "不明",
        f"{copy} の職員は 19 名; 評価履歴（2025・2026年度）は基底フレームワークの人材像 {base} の記録で、"
        f"{copy} に数えていません（判定できません）",
    ]
    assert rows[1][2:7] == ["—", "50.0%", "—", "—", "不明"] and "基準値" not in rows[1][7]
    # nothing was read from the history as a baseline: the source does not say so either
    assert "基準値（baseline: history）は" not in md


def test_a_municipality_code_with_no_records_is_named_with_the_codes_recorded(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """As ``history`` says it (one wording: ``skillframe.history.no_years``), not a bare 記録がありません."""
    out = tmp_path / "方針.md"
    for code in (["-m", "011002"], ["-m", "０１１００２"]):
        assert main(["policy", "--db", db, *code, "--format", "md", "-o", str(out)]) == 1
        assert capsys.readouterr().err == (
            "skillframe: 団体コード 011002 の記録がありません（記録のある団体コード: 131016）"
            " / nothing recorded for municipality code 011002 (codes recorded: 131016)\n"
        )
    assert not out.exists()
    assert main(["history", "--db", db, "-m", "011002"]) == 1  # the words history says
    assert capsys.readouterr().err == (
        "skillframe: 団体コード 011002 の記録がありません（記録のある団体コード: 131016）"
        " / nothing recorded for municipality code 011002 (codes recorded: 131016)\n"
    )
