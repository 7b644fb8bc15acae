"""``skillframe export``: an option is used or refused, never ignored (an unknown framework or
set, --set with case/skos); ``--framework`` with sssom keeps the mappings touching it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from skillframe.cli import main


def _rows(path: Path) -> list[dict[str, str]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    head, *body = (ln.split("\t") for ln in lines)
    return [dict(zip(head, row, strict=True)) for row in body]


@pytest.mark.parametrize(
    ("argv", "code", "said"),
    [
        (["export", "sssom", "--framework", "nosuchfw"], 1, "unknown framework 'nosuchfw'"),
        (["export", "case", "--framework", "nosuchfw"], 1, "unknown framework 'nosuchfw'"),
        (["export", "case", "--set", "wg-dsm-stated"], 2, "--set applies to export sssom only"),
        (["export", "skos", "--set", "wg-dsm-stated"], 2, "--set applies to export sssom only"),
        (["export", "sssom", "--set", "nosuchset"], 1, "unknown mapping set 'nosuchset'"),
        (["export", "sssom", "--set", "nosuchset", "--derived"], 1, "unknown mapping set 'nosuchset'"),
    ],
)
def test_an_option_is_never_ignored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], code: int, said: str
) -> None:
    out = tmp_path / ("x.json" if "case" in argv else "x.ttl" if "skos" in argv else "x.tsv")
    assert main([*argv, "-o", str(out)]) == code
    assert said in capsys.readouterr().err
    assert not out.exists()


def test_sssom_framework_keeps_the_mappings_touching_it(tmp_path: Path, run: Callable[..., str]) -> None:
    every, dsm = tmp_path / "all.tsv", tmp_path / "dsm.tsv"
    run("export", "sssom", "-o", str(every))
    run("export", "sssom", "--framework", "tokyo-dsm", "-o", str(dsm))
    kept = _rows(dsm)
    assert 0 < len(kept) < len(_rows(every))
    assert all("tokyo-dsm:" in r["subject_id"] + r["object_id"] for r in kept)
    assert len(kept) == sum("tokyo-dsm:" in r["subject_id"] + r["object_id"] for r in _rows(every))
