"""The self-check forms split into one workbook per 課 (or per person), written into a folder
through :mod:`.writer` (never over an input; all files or none).

>>> import pathlib, tempfile, skillframe
>>> from skillframe import StaffRecord
>>> people = [StaffRecord(id="A1", persona="DX推進員", department="総務課"),
...           StaffRecord(id="A2", persona="DX推進員", department="税務課")]
>>> folder = pathlib.Path(tempfile.mkdtemp()) / "票"
>>> [(f.file, f.ids) for f in write_forms(skillframe.load(), people, folder)]
[('総務課.xlsx', ('A1',)), ('税務課.xlsx', ('A2',))]
>>> sorted(p.name for p in folder.iterdir())
['税務課.xlsx', '総務課.xlsx']
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import FormError
from ..forms import FormFile, Roster, form_bytes, roster_records, split_roster
from .writer import SafeOutput

if TYPE_CHECKING:
    from .._catalog import Catalog

__all__ = ["write_forms"]


def write_forms(
    catalog: Catalog,
    roster: Roster,
    folder: str | Path,
    *,
    by: str = "department",
    inputs: Sequence[str | Path] = (),
) -> list[FormFile]:
    """Write one form workbook per group of :func:`skillframe.forms.split_roster` (``by``:
    ``"department"`` or ``"person"``) into ``folder`` (made if missing); returns the files,
    in order. All or nothing: every workbook is made first, then all are put in place
    together (an error leaves the folder as it was). A file of the same name in the folder
    is replaced; other files are left alone. ``roster`` as :func:`skillframe.forms.build_form`
    takes it (a staff file is read by :func:`skillframe.forms.read_roster`); ``inputs``: files
    no output may be (a roster file is one already).

    Raises :class:`~skillframe.FormError` (``roster-errors`` naming the rows, ``form-input``;
    ``form-folder`` when ``folder`` is a file) and :class:`~skillframe.OutputError`
    (``output-is-input``).
    """
    target = Path(folder)
    if target.exists() and not target.is_dir():
        raise FormError(
            "form-folder",
            f"出力先 {folder} はファイルです: 分けた票はフォルダーに書きます",
            f"{folder} is a file: split forms are written into a folder",
        )
    sources = [*inputs, *([roster] if isinstance(roster, (str, Path)) else [])]
    files = split_roster(roster_records(catalog, roster), by=by)
    made = [(f, form_bytes(catalog, roster=f.records)) for f in files]
    target.mkdir(parents=True, exist_ok=True)
    outputs: list[SafeOutput] = []
    try:
        for f, data in made:
            out = SafeOutput(target / f.file, inputs=sources)
            outputs.append(out)
            out.binary().write(data)
        for out in outputs:
            out.commit()
    except BaseException:
        for out in outputs:
            out.abort()
        raise
    return files
