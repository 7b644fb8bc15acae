"""``skillframe evaluate`` writes a streamed CSV/TSV result by fast paths (the usual-row
reader, rows made neutralised and written a batch at a time): the bytes written, the
messages and the exit status must be those of the general paths, for every file of the
staff corpus and the example file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import make_files
import pytest

from skillframe.cli import _evaluate_out, main
from skillframe.staff import RowReader

ROOT = Path(__file__).resolve().parents[2]

VARIANTS = [
    ("-f", "csv"),
    ("-f", "tsv", "--lang", "en"),
    ("-o", "OUT.csv"),
    ("-o", "OUT.csv", "--persona", "DX推進員"),
    ("-o", "OUT.tsv", "--errors", "ERR.csv"),
    ("-f", "csv", "--output-encoding", "cp932"),
]


def _run(
    path: Path, argv: tuple[str, ...], tmp: Path, *, fast: bool, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> tuple[Any, ...]:
    out = tmp / ("fast" if fast else "general")
    out.mkdir(exist_ok=True)
    args = [str(out / a) if a in ("OUT.csv", "OUT.tsv", "ERR.csv") else a for a in argv]
    with monkeypatch.context() as m:
        if not fast:
            m.setattr(RowReader, "usual_reader", lambda self, columns: None)
            m.setattr(_evaluate_out.Out, "safe", property(lambda self: False))
        code = main(["evaluate", str(path), *args])
    stdout, stderr = capsys.readouterr()
    if isinstance(stderr, bytes):  # capsysbinary: stdout as written (CSV in --output-encoding)
        stderr = stderr.decode("utf-8")
    files = {p.name: p.read_bytes() for p in sorted(out.iterdir())}
    return code, stdout, stderr.replace(str(out), "OUT"), files


def _inputs(tmp: Path) -> list[Path]:
    pytest.importorskip("openpyxl")
    paths = make_files.make(tmp / "corpus")
    return [*paths.values(), ROOT / "examples" / "staff.csv"]


@pytest.mark.parametrize("argv", VARIANTS, ids=" ".join)
def test_fast_paths_write_what_the_general_paths_write(
    argv: tuple[str, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    compared = 0
    for path in _inputs(tmp_path):
        general = _run(path, argv, tmp_path, fast=False, monkeypatch=monkeypatch, capsys=capsysbinary)
        fast = _run(path, argv, tmp_path, fast=True, monkeypatch=monkeypatch, capsys=capsysbinary)
        assert fast == general, path.name
        compared += bool(general[1] or general[3])
    assert compared >= 20  # most files give a result (the others a file error, compared too)


def test_many_rows_are_written_in_batches_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """More rows than one batch, with errors between them: the same bytes both ways."""
    lines = ["id,persona,department,dx_lead_years"]
    lines += [f"A{i},DX推進員,{'=課' if i % 7 == 0 else '課'},{'x' if i % 97 == 0 else i % 3}" for i in range(1, 1500)]
    path = tmp_path / "many.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    general = _run(path, ("-o", "OUT.csv"), tmp_path, fast=False, monkeypatch=monkeypatch, capsys=capsys)
    fast = _run(path, ("-o", "OUT.csv"), tmp_path, fast=True, monkeypatch=monkeypatch, capsys=capsys)
    assert fast == general
    text = fast[3]["OUT.csv"].decode("utf-8-sig")
    assert text.count("\r\n") == 1500 and "'=課" in text and "[not-a-number]" in text
