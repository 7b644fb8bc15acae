"""The Japanese and English halves of a row error (``StaffRowError.ja`` / ``.en``: the --errors
file, the result's error column, the report's table) keep the did-you-mean hint, each in its
own language."""

from __future__ import annotations

from pathlib import Path

from skillframe.cli import main
from skillframe.staff import StaffRowError


def test_halves_keep_the_hint() -> None:
    e = StaffRowError(
        3,
        "受講研修",
        "研修 'BPR研習' が見つかりません / unknown training 'BPR研習' (もしかして / did you mean: BPR研修, BPR)",
    )
    assert e.ja == "研修 'BPR研習' が見つかりません（もしかして: BPR研修, BPR）"
    assert e.en == "unknown training 'BPR研習' (did you mean: BPR研修, BPR)"
    plain = StaffRowError(3, None, "数値ではありません: '半年' / not a number: '半年'")
    assert (plain.ja, plain.en) == ("数値ではありません: '半年'", "not a number: '半年'")


def test_errors_file_keeps_the_hint(tmp_path: Path) -> None:
    (tmp_path / "s.csv").write_text("職員番号,人材像,受講研修\nA1,DX推進員,BPR研習\n", encoding="utf-8")
    for lang, hint in (("ja", "（もしかして: BPR研修）"), ("en", " (did you mean: BPR研修)")):
        errors = tmp_path / f"e-{lang}.csv"
        code = main(
            [
                "evaluate",
                str(tmp_path / "s.csv"),
                "--lang",
                lang,
                "-o",
                str(tmp_path / "o.csv"),
                "--errors",
                str(errors),
            ]
        )
        assert code == 1
        row = errors.read_text(encoding="utf-8-sig").splitlines()[1]
        assert row.startswith("2,受講研修,unknown-training,") and row.endswith(f"{hint},A1"), row
