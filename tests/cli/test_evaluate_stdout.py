"""``skillframe evaluate`` output: ``--wide`` has the staff file's own extra columns (from its
header, whatever the first record holds); stdout CSV/TSV is written in ``--output-encoding``
(bytes, the same 〓 policy as ``-o``), a write failure is never written twice and never a
traceback."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from skillframe.cli import main

#: The first record has no extra cells; A3 is an error row (not a number).
WIDE = "id,persona,氏名,備考,dx_lead_years\nA1,DX推進員,,,\nA2,DX推進員,山田,=1+1,\nA3,DX推進員,佐藤,x,たくさん\n"


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def _column(rows: list[list[str]], name: str) -> list[str]:
    at = rows[0].index(name)
    return [r[at] for r in rows[1:]]


# -- 1. --wide: the file's extra columns from its header ---------------------------------------


def test_wide_columns_come_from_the_header_not_the_first_record(work: Path) -> None:
    (work / "s.csv").write_text(WIDE, encoding="utf-8")
    assert main(["evaluate", "s.csv", "--wide", "-o", "w.csv"]) == 1  # A3: an error row
    rows = _cells((work / "w.csv").read_bytes().decode("utf-8-sig"))
    assert rows[0][-3:] == ["氏名", "備考", "エラー"]  # header order, before the error column
    assert _column(rows, "氏名") == ["", "山田", "佐藤"]
    assert _column(rows, "備考") == ["", "'=1+1", "x"]  # a formula stays neutralised
    assert "not-a-number" in rows[3][-1]  # the error row shows its extra cells too


def test_the_staff_file_is_read_once(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--wide's extra columns and a missing persona's column come from the header the reader
    read: an XLSX file (its shared strings parsed on opening) is opened once."""
    import openpyxl

    from skillframe.staff import files, reading

    wb = openpyxl.Workbook()
    ws = wb.active
    for line in (WIDE.replace("たくさん", "1") + "A4,,鈴木,y,\n").splitlines():
        ws.append(line.split(","))
    wb.save(work / "s.xlsx")
    opened: list[str] = []
    real = files.open_rows

    def counted(*a: object, **k: object) -> object:
        opened.append(str(a[0]))
        return real(*a, **k)  # type: ignore[arg-type]

    monkeypatch.setattr(reading, "open_rows", counted)
    assert main(["evaluate", "s.xlsx", "--wide", "-o", "w.csv"]) == 1  # A4: no persona
    assert len(opened) == 1
    rows = _cells((work / "w.csv").read_bytes().decode("utf-8-sig"))
    assert _column(rows, "氏名") == ["", "山田", "佐藤", "鈴木"]
    assert "persona: 人材像がありません" in rows[4][-1]


def test_wide_columns_on_stdout_and_in_a_table(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "s.csv").write_text(WIDE.replace("たくさん", "1"), encoding="utf-8")
    assert main(["evaluate", "s.csv", "--wide", "-f", "csv"]) == 0
    rows = _cells(capsys.readouterr().out)
    assert _column(rows, "氏名") == ["", "山田", "佐藤"] and _column(rows, "備考") == ["", "'=1+1", "x"]
    assert main(["evaluate", "s.csv", "--wide", "-f", "json"]) == 0  # evaluation documents: no columns
    capsys.readouterr()
    assert main(["evaluate", "s.csv", "--wide", "-o", "w.html"]) == 0
    html = (work / "w.html").read_text(encoding="utf-8")
    assert "<th>氏名</th>" in html and "山田" in html and "<th>備考</th>" in html


def test_wide_columns_of_json_input_are_the_keys_seen(work: Path) -> None:
    items = [
        {"id": "J1", "persona": "DX推進員"},
        {"id": "J2", "persona": "DX推進員", "氏名": "山田", "dx_lead_years": "たくさん", "係": "企画"},
        {"id": "J3", "persona": "DX推進員", "備考": "=1+1", "氏名": "佐藤"},
    ]
    (work / "s.json").write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    assert main(["evaluate", "s.json", "--wide", "-o", "w.csv"]) == 1
    rows = _cells((work / "w.csv").read_bytes().decode("utf-8-sig"))
    assert rows[0][-4:] == ["氏名", "係", "備考", "エラー"]  # in the order first seen (J2 is an error row)
    assert _column(rows, "氏名") == ["", "山田", "佐藤"]
    assert _column(rows, "係") == ["", "企画", ""]
    assert _column(rows, "備考") == ["", "", "'=1+1"]


# -- 2. a write failure on stdout: no traceback, no batch written twice ------------------------


def _big(work: Path, rows: int = 1000, at: int = 700) -> Path:
    lines = ["id,persona,department"]
    lines += [f"S{i:04d},DX推進員,{'𠮷田課' if i == at else '総務課'}" for i in range(1, rows + 1)]
    path = work / "s.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _run(work: Path, *argv: str, stdout: object = subprocess.PIPE, **env: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "skillframe", *argv],
        stdout=stdout,  # type: ignore[arg-type]
        stderr=subprocess.PIPE,
        cwd=work,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), **env},
        check=False,
    )


def test_cp932_stdout_redirected_to_a_file_holds_every_row(work: Path) -> None:
    _big(work)
    with open(work / "out.csv", "wb") as f:
        done = _run(work, "evaluate", "s.csv", "-f", "csv", stdout=f, PYTHONIOENCODING="cp932")
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 0, err
    assert "Traceback" not in err
    data = (work / "out.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # a file: UTF-8 with BOM (--output-encoding's default)
    rows = _cells(data.decode("utf-8-sig"))
    assert len(rows) == 1001 and rows[700][:4] == ["701", "S0700", "DX推進員", "𠮷田課"]
    assert [r[0] for r in rows[1:]] == [str(n) for n in range(2, 1002)]


def test_a_table_stdout_cannot_hold_is_a_clear_error(work: Path) -> None:
    _big(work, rows=3, at=2)
    done = _run(work, "evaluate", "s.csv", "-f", "md", PYTHONIOENCODING="cp932")
    err = done.stderr.decode("cp932")
    assert done.returncode == 2  # an OutputError (code "encoding")
    assert "Traceback" not in err and "During handling" not in err
    assert "U+20BB7" in err and "-o FILE" in err and "cp932" in err and "標準出力" in err


class _Console(io.TextIOWrapper):
    """A CP932 terminal (text written as it is: what a console does)."""

    def isatty(self) -> bool:
        return True


def test_a_failed_batch_is_not_written_twice(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _big(work)
    raw = io.BytesIO()
    console = _Console(raw, encoding="cp932", newline="", write_through=True)
    monkeypatch.setattr(sys, "stdout", console)
    errors = io.StringIO()
    monkeypatch.setattr(sys, "stderr", errors)
    assert main(["evaluate", "s.csv", "-f", "csv"]) == 2
    rows = _cells(raw.getvalue().decode("cp932"))
    numbers = [r[0] for r in rows[1:]]
    assert numbers == [str(n) for n in range(2, 701)]  # each row before S0700 once, in order
    said = errors.getvalue()
    assert "𠮷" in said and "row 701, id S0700" in said and "-o FILE" in said
    assert "Traceback" not in said


# -- 3. stdout honours --output-encoding --------------------------------------------------------


def _stdout_bytes(monkeypatch: pytest.MonkeyPatch) -> io.BytesIO:
    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw, encoding="utf-8", write_through=True))
    return raw


def test_stdout_is_written_in_the_output_encoding(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _big(work, rows=3, at=2)
    raw = _stdout_bytes(monkeypatch)
    errors = io.StringIO()
    monkeypatch.setattr(sys, "stderr", errors)
    assert main(["evaluate", "s.csv", "-f", "csv", "--output-encoding", "cp932"]) == 1
    rows = _cells(raw.getvalue().decode("cp932"))  # CP932 bytes, not UTF-8
    assert rows[2][3] == "〓田課" and "[unencodable]" in rows[2][-1]
    assert "CP932" in errors.getvalue() and "3" in errors.getvalue()
    assert rows[1][3] == "総務課"


def test_stdout_bom_only_in_a_file_or_when_asked(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _big(work, rows=2, at=0)
    raw = _stdout_bytes(monkeypatch)  # a pipe: no BOM by default
    assert main(["evaluate", "s.csv", "-f", "tsv"]) == 0
    assert raw.getvalue().startswith("行\t職員番号".encode())
    raw = _stdout_bytes(monkeypatch)
    assert main(["evaluate", "s.csv", "-f", "csv", "--output-encoding", "utf-8-sig"]) == 0
    assert raw.getvalue().startswith(b"\xef\xbb\xbf\xe8\xa1\x8c,")  # asked for: a BOM
    raw = _stdout_bytes(monkeypatch)
    assert main(["evaluate", "s.csv", "-f", "csv", "--output-encoding", "utf-8"]) == 0
    assert raw.getvalue().count(b"\r\n") == 3 and b"\r\r" not in raw.getvalue()


def test_stdout_file_with_utf8_has_no_bom(work: Path) -> None:
    _big(work, rows=2, at=0)
    with open(work / "out.csv", "wb") as f:
        done = _run(work, "evaluate", "s.csv", "-f", "csv", "--output-encoding", "utf-8", stdout=f)
    assert done.returncode == 0, done.stderr
    assert (work / "out.csv").read_bytes().startswith("行,".encode())
