"""A CSV cell that a careful writer made safe with a leading ``'`` (``'-5``, ``'=1+1``: what
skillframe's own CSV outputs hold) reads back as the text before that guard, so a staff table
written by ``collect`` or ``evaluate`` and read again keeps ids and 課 exactly; a ``'`` before
anything else is the user's and is kept."""

from __future__ import annotations

from pathlib import Path

import pytest

import skillframe
from skillframe.cli import main
from skillframe.staff import StaffRecord, iter_staff


@pytest.mark.parametrize("catalog", [True, False])
def test_guarded_cells_read_as_they_were(tmp_path: Path, cat: skillframe.Catalog, catalog: bool) -> None:
    path = tmp_path / "s.csv"
    path.write_text(
        "id,persona,department,備考\n"
        "'-5,DX推進員,'-,'=1+1\n"
        "' +7 ,DX推進員,'＋課,'quoted\n"
        "'x,DX推進員,総務課,'\n"
        "-6,DX推進員,'@課,plain\n",
        encoding="utf-8",
    )
    records = [r for r in iter_staff(path, catalog=cat if catalog else None) if isinstance(r, StaffRecord)]
    assert [(r.id, r.department, r.extra.get("備考")) for r in records] == [
        ("-5", "-", "=1+1"),
        ("+7", "＋課", "'quoted"),
        ("'x", "総務課", "'"),
        ("-6", "@課", "plain"),
    ]


def test_a_result_read_back_keeps_its_ids(tmp_path: Path) -> None:
    """evaluate's CSV guards '-5 and '=x; the same ids read from it are the ids of the input."""
    staff = tmp_path / "staff.csv"
    staff.write_text("id,persona,department\n-5,DX推進員,-\n=x,DX推進員,総務課\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    assert main(["evaluate", str(staff), "-o", str(out), "--lang", "en"]) == 0
    text = out.read_text(encoding="utf-8-sig")
    assert "'-5" in text and "'=x" in text  # the output is safe to open
    back = tmp_path / "back.csv"  # its id and department columns, as a new staff file
    rows = [line.split(",") for line in text.splitlines()[1:]]
    back.write_text("id,persona,department\n" + "".join(f"{r[1]},DX推進員,{r[3]}\n" for r in rows), encoding="utf-8")
    got = [(r.id, r.department) for r in iter_staff(back) if isinstance(r, StaffRecord)]
    assert got == [("-5", "-"), ("=x", "総務課")]
