"""``skillframe advise`` and ``skillframe policy`` on the command line, good and bad input."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import docx
import pytest

from skillframe.cli import main

from .conftest import STAFF, TOWN


def test_advise_text_and_json(town: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["advise", "--catalog", str(town["catalog"])]) == 0
    out = capsys.readouterr().out
    assert "## 専門職制度検討 / specialist track: 制度化は非推奨" in out
    assert "- 出典 / source: 報告書 §5 専門職制度 判断表 単独配置 (line 930)" in out
    assert main(["advise", "--catalog", str(town["catalog"]), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["framework"] == "policy-town" and data["missing"] == []
    assert data["recommendations"][0]["text"] == "デジタル人材の確保・育成に係る方針を新規で策定"


def test_advise_incomplete_profile_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "town.yaml"
    path.write_text(TOWN.replace("      cio_adviser: outsourced\n", ""), encoding="utf-8")
    assert main(["advise", "--catalog", str(path)]) == 1
    cap = capsys.readouterr()
    assert "cio_adviser: 未回答 / not answered" in cap.out
    assert "プロファイルに未回答の項目があります: cio_adviser" in cap.err


def test_advise_bad_profile(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "town.yaml"
    path.write_text(TOWN.replace("pattern: new", "pattern: rewrite"), encoding="utf-8")
    assert main(["advise", "--catalog", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}:18:" in err and "rewrite" in err and "Traceback" not in err


def test_advise_contradictory_profile(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "town.yaml"
    path.write_text(TOWN.replace("it_staff: 1", "it_staff: 4"), encoding="utf-8")
    assert main(["advise", "--catalog", str(path)]) == 1
    cap = capsys.readouterr()
    assert cap.out == ""
    assert f"{path}:14:" in cap.err and "it_staff 4 contradicts it_arrangement single" in cap.err
    assert "Traceback" not in cap.err


def test_policy_docx(town: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "方針.docx"
    args = [
        "policy",
        "--catalog",
        str(town["catalog"]),
        "--staff",
        str(town["staff"]),
        "--targets",
        str(town["targets"]),
    ]
    assert main([*args, "-o", str(out)]) == 0
    d = docx.Document(str(out))
    assert d.paragraphs[0].text == "試験町 デジタル人材確保・育成基本方針（案）"
    assert not list(tmp_path.glob(".*.tmp"))  # the temporary file was renamed
    assert main([*args, "--kind", "annual", "-o", str(tmp_path / "plan.md")]) == 0
    md = (tmp_path / "plan.md").read_text(encoding="utf-8")
    assert md.startswith("# 試験町 デジタル人材確保・育成 年度計画（案）")


def test_policy_never_over_an_input(town: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    before = town["staff"].read_bytes()
    code = main(
        [
            "policy",
            "--catalog",
            str(town["catalog"]),
            "--staff",
            str(town["staff"]),
            "--format",
            "md",
            "-o",
            str(town["staff"]),
        ]
    )
    assert code == 2  # OutputError output-is-input
    assert "Traceback" not in capsys.readouterr().err
    assert town["staff"].read_bytes() == before
    assert not list(town["staff"].parent.glob(".*.tmp"))


def test_policy_usage_errors(town: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["policy", "--catalog", str(town["catalog"])]) == 2  # docx needs -o
    assert "docx output needs -o FILE" in capsys.readouterr().err
    assert main(["policy", "--format", "pdf", "-o", "x.pdf"]) == 2
    assert main(["policy", "-o", "x.pdf"]) == 2  # never Word bytes in a file named otherwise
    assert main(["policy", "--format", "md", "-o", "x.csv"]) == 2
    assert main(["policy", "--format", "md", "-o", "x.docx"]) == 2
    assert not Path("x.pdf").exists() and not Path("x.csv").exists()
    assert main(["policy", "--kind", "yearly"]) == 2


def test_policy_bad_targets_writes_nothing(
    town: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    town["targets"].write_text("format: skillframe-targets/1\nplan: 3\n", encoding="utf-8")
    out = tmp_path / "x.docx"
    assert (
        main(
            [
                "policy",
                "--catalog",
                str(town["catalog"]),
                "--staff",
                str(town["staff"]),
                "--targets",
                str(town["targets"]),
                "-o",
                str(out),
            ]
        )
        == 1
    )
    assert not out.exists()
    assert "targets.yaml:2" in capsys.readouterr().err


HOSTILE = """overlay:
  rename:
    - {id: dx-central, label: "<script>alert(1)</script>"}
    - {id: dx-promoter, label: '=HYPERLINK("http://x","y")'}
policy:
  rename:
    - {id: channel-govtech, label: "<img src=x onerror=alert(1)>|pipe"}
  measures:
    - {id: ctl, label: "a|b", kind: development, mode: ojt, group: "# 見出し", cite: {document: town, locator: "5"}}
"""


def test_policy_labels_from_an_overlay_are_inert(town: dict[str, Path], tmp_path: Path) -> None:
    town["catalog"].write_text(town["catalog"].read_text(encoding="utf-8") + HOSTILE, encoding="utf-8")
    base = ["policy", "--catalog", str(town["catalog"]), "--staff", str(town["staff"])]
    assert main([*base, "-o", str(tmp_path / "x.md")]) == 0
    md = (tmp_path / "x.md").read_text(encoding="utf-8")
    assert "<script" not in md and "<img" not in md
    assert "| &lt;script&gt;alert(1)&lt;/script&gt; |" in md  # shown as written, in its table cell
    assert "&lt;img src=x onerror=alert(1)&gt;\\|pipe" in md
    origin = next(line for line in md.splitlines() if line.startswith("| 助言: 育成施策"))
    assert "| 報告書と自治体の追加 " in origin  # the closing table says the municipality added to it
    assert main([*base, "-o", str(tmp_path / "x.docx")]) == 0
    d = docx.Document(str(tmp_path / "x.docx"))
    cells = [c.text for t in d.tables for r in t.rows for c in r.cells]
    assert "a|b" in cells
    assert '=HYPERLINK("http://x","y")' in cells  # plain text in Word, never a field
    # a control character never gets that far: the overlay is refused with its line (text.control)
    town["catalog"].write_text(
        town["catalog"].read_text(encoding="utf-8").replace('label: "a|b"', 'label: "a\\x01b"'), encoding="utf-8"
    )
    assert main([*base, "-o", str(tmp_path / "y.docx")]) == 1
    assert not (tmp_path / "y.docx").exists()


def test_policy_never_over_a_hard_link_of_an_input(
    town: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = tmp_path / "方針.docx"
    os.link(town["staff"], link)
    before = town["staff"].read_bytes()
    assert main(["policy", "--catalog", str(town["catalog"]), "--staff", str(town["staff"]), "-o", str(link)]) == 2
    assert "Traceback" not in capsys.readouterr().err  # OutputError output-is-input
    assert town["staff"].read_bytes() == before


def test_advise_tables(town: dict[str, Path], tmp_path: Path) -> None:
    import csv

    import openpyxl

    base = ["advise", "--catalog", str(town["catalog"])]
    assert main([*base, "-o", str(tmp_path / "a.csv")]) == 0
    raw = (tmp_path / "a.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM for Japanese Excel
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(keepends=True)))
    assert rows[0] == ["項目", "助言", "理由", "リスク", "詳細", "出典", "解釈"]
    assert ["専門職制度検討", "制度化は非推奨"] in [r[:2] for r in rows]  # a table is in one language (--lang)
    assert not any(" / " in cell for r in rows[1:] for cell in r[:1] + r[5:6])  # topics and sources
    assert main([*base, "--lang", "en", "-o", str(tmp_path / "en.csv")]) == 0
    en = list(csv.reader((tmp_path / "en.csv").read_text(encoding="utf-8-sig").splitlines(keepends=True)))
    assert en[0][0] == "topic" and ["specialist track", "制度化は非推奨"] in [r[:2] for r in en]
    assert main([*base, "-o", str(tmp_path / "a.xlsx")]) == 0
    ws = openpyxl.load_workbook(tmp_path / "a.xlsx").worksheets[0]
    assert [c.value for c in ws[1]] == rows[0] and ws.max_row == len(rows)
    assert main([*base, "--lang", "en", "-o", str(tmp_path / "en.xlsx")]) == 0  # every sheet in --lang
    assert openpyxl.load_workbook(tmp_path / "en.xlsx").sheetnames == ["Advice", "notes"]
    assert openpyxl.load_workbook(tmp_path / "a.xlsx").sheetnames == ["助言", "注記"]
    assert main([*base, "-o", str(tmp_path / "a.mmd")]) == 2  # a format advise cannot write
    assert not (tmp_path / "a.mmd").exists()


def test_advise_never_over_an_input(town: dict[str, Path]) -> None:
    before = town["catalog"].read_bytes()
    assert main(["advise", "--catalog", str(town["catalog"]), "--format", "md", "-o", str(town["catalog"])]) == 2
    assert town["catalog"].read_bytes() == before


def test_advise_labels_from_an_overlay_are_inert(tmp_path: Path) -> None:
    import csv

    from skillframe._cells import is_dangerous

    example = Path(__file__).resolve().parents[2] / "examples" / "policy" / "town.yaml"
    text = example.read_text(encoding="utf-8")
    assert "label: 庁内メンター制度（DX推進員の相談役）" in text
    town = tmp_path / "town.yaml"
    town.write_text(
        text.replace("庁内メンター制度（DX推進員の相談役）", '"=1+1<img src=x>|<script>x</script>"'), "utf-8"
    )
    base = ["advise", "--catalog", str(town)]
    for name in ("a.md", "a.csv", "a.html"):
        assert main([*base, "-o", str(tmp_path / name)]) == 0
    md = (tmp_path / "a.md").read_text(encoding="utf-8")
    html = (tmp_path / "a.html").read_text(encoding="utf-8")
    assert "=1+1&lt;img src=x&gt;" in md and "=1+1&lt;img src=x&gt;" in html  # shown, as written
    assert "<img" not in md + html and "<script" not in md + html
    raw = (tmp_path / "a.csv").read_text(encoding="utf-8-sig")
    assert "=1+1<img src=x>|<script>x</script>" in raw
    assert not [c for row in csv.reader(raw.splitlines()) for c in row if is_dangerous(c)]


def test_policy_says_rejected_rows_are_left_out(
    town: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with town["staff"].open("a", encoding="utf-8") as f:
        f.write("X99,存在しない人材像,総務課,,0,0,いいえ\n")
    out = tmp_path / "x.md"
    assert main(["policy", "--catalog", str(town["catalog"]), "--staff", str(town["staff"]), "-o", str(out)]) == 1
    assert "row 7, persona:" in capsys.readouterr().err  # header = row 1; the sixth record
    md = out.read_text(encoding="utf-8")
    assert "対象 5 名" in md
    assert "を skillframe で集計。読み込めなかった 1 行は含みません（エラー一覧を参照）" in md
    # a row with two errors is one row left out (was counted per error)
    with town["staff"].open("a", encoding="utf-8") as f:
        f.write("X98,存在しない人材像,総務課,,たくさん,0,たぶん\n")
    assert main(["policy", "--catalog", str(town["catalog"]), "--staff", str(town["staff"]), "-o", str(out)]) == 1
    assert len([line for line in capsys.readouterr().err.splitlines() if "row 8," in line]) == 3
    assert "読み込めなかった 2 行は含みません" in out.read_text(encoding="utf-8")


TRAINING_TARGET = """\
format: skillframe-targets/1
as_of: 2026-10-01
year:
  year: 2026
  targets:
    - {kind: training_rate, persona: DX推進員, value: 0.9}
"""


def test_training_rate_is_the_reports_figure(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The same staff file and 研修受講率 target give the same figure in ``report`` and in the
    Word draft of ``policy`` (both count only the skills some step measures by training)."""
    import skillframe

    staff = Path(__file__).parents[2] / "examples" / "staff.csv"
    targets = tmp_path / "目標.yaml"
    targets.write_text(TRAINING_TARGET, encoding="utf-8")
    assert main(["report", str(staff), "--targets", str(targets), "--format", "md"]) == 0
    row = next(ln for ln in capsys.readouterr().out.splitlines() if ln.startswith("|") and "研修受講率" in ln)
    from_report = [c.strip() for c in row.strip("|").split("|")]
    assert from_report[:4] == ["年度計画", "DX推進員 研修受講率", "92.3%", "90.0%"]
    out = tmp_path / "方針.docx"
    assert main(["policy", "--staff", str(staff), "--targets", str(targets), "-o", str(out)]) == 0
    rows = [[c.text for c in r.cells] for t in docx.Document(str(out)).tables for r in t.rows]
    from_policy = next(r for r in rows if "DX推進員 研修受講率" in r)
    assert from_policy[:4] == from_report[:4]
    # the Python API: the target's current value is the rollup's own training rate
    cat = skillframe.load()
    r = skillframe.rollup(cat, skillframe.iter_staff(staff, catalog=cat))
    item = skillframe.progress(skillframe.read_targets(targets, catalog=cat), r, cat).items[0]
    assert item.current == r.training_rate(persona=cat.persona("DX推進員").id)
    assert round(100 * (item.current or 0), 1) == 92.3


def test_policy_roster_counts_the_unreturned_department_as_not_answered(
    town: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``policy --roster``, as ``report --roster``: the roster's people with no row in the staff
    file (市民課 never returned its forms) are counted as not answered, and the draft says so."""
    roster = tmp_path / "名簿.csv"
    roster.write_text(STAFF + "G02,DX推進員,市民課,,0,0,いいえ\n", encoding="utf-8")
    town["staff"].write_text("".join(x for x in STAFF.splitlines(True) if not x.startswith("G01")), "utf-8")
    out = tmp_path / "年度計画.md"
    base = ["policy", "--catalog", str(town["catalog"]), "--staff", str(town["staff"]), "--kind", "annual"]
    assert main([*base, "--roster", str(roster), "-o", str(out)]) == 0
    md = out.read_text(encoding="utf-8")
    assert "対象 6 名（人材像 未設定 0 名、データ不足 2 名を含む）" in md
    assert "| 一般行政職員 | 1      | 1          | 0 (0.0%)    | 0 (0.0%)    | —           | 1            |" in md
    day = dt.date.fromtimestamp(town["staff"].stat().st_mtime).isoformat()
    assert (
        f"staff.csv（ファイル更新日 {day}）を skillframe で集計。名簿（名簿.csv）にいて職員ファイルにいない 2 名"
        "（市民課 2 名）は、回答なし（データ不足）として数えています</small>"
    ) in md
    assert capsys.readouterr().err == (
        "skillframe: warning: 名簿にいて職員ファイルにいない 2 名を回答なし（データ不足）として数えました: G01, G02"
        " / 2 people on the roster not in the staff file were counted as not answered: G01, G02 [roster-only]\n"
    )
    # without the roster, 市民課 is absent from the draft, not zero
    assert main([*base, "-o", str(out)]) == 0
    assert "対象 4 名（人材像 未設定 0 名、データ不足 0 名を含む）" in out.read_text(encoding="utf-8")
    # --roster is the staff file's roster: without --staff it is a usage error
    assert main(["policy", "--catalog", str(town["catalog"]), "--roster", str(roster), "-o", str(out)]) == 2
    assert "--roster needs --staff" in capsys.readouterr().err
