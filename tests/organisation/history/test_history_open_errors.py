"""Opening a history database: bad URLs and missing files are one-line HistoryErrors, exit 1."""

from __future__ import annotations

from pathlib import Path

import pytest

import skillframe
from skillframe.cli import main
from skillframe.errors import HistoryError

pytest.importorskip("sqlalchemy")

STAFF = Path(__file__).resolve().parents[3] / "examples" / "staff.csv"


@pytest.mark.parametrize(
    "url", ["nonsense://user:s3cret@x/db", "sqlite+nodriver:///x.db", "postgresql+nope://u:s3cret@h/d"]
)
def test_cli_bad_database_url_is_one_line_and_exit_1(
    tmp_path: Path, url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["record", str(STAFF), "--db", url, "-m", "131016", "-y", "2026"]) == 1
    assert main(["history", "--db", url, "-m", "131016"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "s3cret" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 2 and all("/ cannot open database" in ln or "invalid database URL" in ln for ln in lines)
    assert url.split("://", maxsplit=1)[0] in lines[0]
    with pytest.raises(HistoryError) as info:
        skillframe.open_history(url)
    assert info.value.code == "database"
    assert list(tmp_path.iterdir()) == []


def test_cli_reading_a_missing_sqlite_file_refuses_and_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    typo = tmp_path / "typo.db"
    url = f"sqlite:///{typo}"
    assert main(["history", "--db", url]) == 1
    assert main(["report", str(STAFF), "--db", url, "--format", "html", "-o", str(tmp_path / "r.html")]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.count("no such database") == 2 and str(typo) in err
    assert not typo.exists()
    with pytest.raises(HistoryError) as info:
        skillframe.open_history(url, create=False)
    assert info.value.code == "no-database"
    assert main(["record", str(STAFF), "--db", url, "-m", "131016", "-y", "2026"]) == 0  # record may create it
    assert typo.exists()
    assert main(["history", "--db", url, "--format", "csv", "--table", "counts"]) == 0
