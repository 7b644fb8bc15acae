"""``skillframe evaluate`` ranks records a batch at a time: the result must be the one of
evaluating them one by one — rows in input order, row errors (reading errors, a custom rule
that raises) in their rows' places and in row order, the same counts and explanations —
whatever the batch size and wherever the batch boundaries fall."""

from __future__ import annotations

import csv
import io
import uuid
from pathlib import Path

import pytest
from _one_by_one import one_by_one
from _raising_rule import write_raising_rule

from skillframe.cli import _evaluate, _evaluate_batches, main


def _files(tmp: Path) -> tuple[str, ...]:
    """A staff file of two personas (one ladder with a rule that raises for some ids) with
    reading errors between, and the options that load the rule."""
    options = write_raising_rule(tmp, f"boom_{uuid.uuid4().hex[:8]}")
    lines = ["id,persona,department,trainings,dx_lead_years,mentoring"]
    for i in range(1, 40):
        persona = "rule-town:dx-promoter" if i % 3 else "一般行政職員"
        years = "x" if i % 11 == 0 else str(i % 4)  # a reading error now and then
        trainings = "DXの必要性理解" if i % 2 else ""
        lines.append(f"P{i:03d},{persona},課{i % 5},{trainings},{years},{'はい' if i % 4 else ''}")
    (tmp / "staff.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tuple(options)


def _run(tmp: Path, capsys: pytest.CaptureFixture[str], tag: str, *argv: str) -> tuple[int, bytes, bytes, str]:
    code = main(["evaluate", "staff.csv", *argv, "-o", f"out-{tag}.csv", "--errors", f"errors-{tag}.csv"])
    _, err = capsys.readouterr()
    err = err.replace(f"errors-{tag}.csv", "ERRORS")
    return code, (tmp / f"out-{tag}.csv").read_bytes(), (tmp / f"errors-{tag}.csv").read_bytes(), err


@pytest.mark.parametrize("extra", [(), ("--explain",), ("--wide",)])
@pytest.mark.parametrize("batch", [1, 4, 7, 1024])
def test_batches_give_the_result_of_one_by_one(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    batch: int,
    extra: tuple[str, ...],
) -> None:
    monkeypatch.chdir(tmp_path)
    rules = _files(tmp_path)
    monkeypatch.setattr(_evaluate_batches, "BATCH", batch)
    got = _run(tmp_path, capsys, "batched", *rules, *extra)
    monkeypatch.setattr(_evaluate, "ranked_lists", one_by_one)
    want = _run(tmp_path, capsys, "reference", *rules, *extra)
    assert got == want
    code, out, errors, _ = got
    assert code == 1
    text = out.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))[1:]
    assert [r[1] for r in rows] == [f"P{i:03d}" for i in range(1, 40)]  # every row, in input order
    assert [r[0] for r in rows] == [str(i + 1) for i in range(1, 40)]
    assert "[rule-error]" in text and "[not-a-number]" in text
    listed = [r[0] for r in list(csv.reader(io.StringIO(errors.decode("utf-8-sig"), newline="")))[1:]]
    assert listed == sorted(listed, key=int)  # in row order
    assert {"8", "12", "18", "23"} <= set(listed)  # P007 P011 P017 P022: raising rule or bad number


def _hostile(tmp: Path) -> None:
    """Ids and departments that need quotes, neutralising or both, in a CSV and a TSV result."""
    ids = ["A,1", 'B"2', "=C3", "-4", "D 5", "Ｅ６", "F\t7", "G8", " H9", "@I", "J10", "+K"]
    deps = ['課,"A"', "=SUM(A1)", "企画\n課", "課\t1", "", " 課", "課2", "-課"]
    rows = [["id", "persona", "department", "trainings", "dx_lead_years", "mentoring"]]
    for i in range(60):
        persona = ["DX推進員", "一般行政職員", "全庁DX推進担当"][i % 3]
        rows.append(
            [
                f"{ids[i % len(ids)]}-{i}",
                persona,
                deps[i % len(deps)],
                "DXの必要性理解" if i % 2 else "",
                str(i % 4),
                "はい",
            ]
        )
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    (tmp / "staff.csv").write_text(buf.getvalue(), encoding="utf-8")


@pytest.mark.parametrize("suffix", ["csv", "tsv"])
def test_lines_put_together_are_the_writers_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    """The streamed result's lines made from remembered cell texts (safe_rows) are the bytes
    the csv writer gives each row: ids and departments with delimiters, quotes, tabs, line
    breaks, formula starts and full-width text, in CSV and TSV."""
    monkeypatch.chdir(tmp_path)
    _hostile(tmp_path)
    main(["evaluate", "staff.csv", "-o", f"fast.{suffix}"])
    monkeypatch.setattr(_evaluate, "ranked_lists", one_by_one)
    main(["evaluate", "staff.csv", "-o", f"reference.{suffix}"])
    capsys.readouterr()
    fast, reference = (tmp_path / f"fast.{suffix}").read_bytes(), (tmp_path / f"reference.{suffix}").read_bytes()
    assert fast == reference
    text = fast.decode("utf-8-sig")
    assert ('"A,1-0"' if suffix == "csv" else "\tA,1-0\t") in text
    assert "'=C3-2" in text and "'=SUM(A1)" in text and "'-4-3" in text
    assert ('"F\t7-6"' if suffix == "tsv" else ",F\t7-6,") in text
    assert len(list(csv.reader(io.StringIO(text, newline=""), delimiter="\t" if suffix == "tsv" else ","))) == 61
