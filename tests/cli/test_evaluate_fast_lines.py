"""Random staff files through ``skillframe evaluate``: the streamed CSV/TSV result put together
from remembered cell texts (``safe_rows``) and ranked a batch at a time in record order
(``ranked_in_order``) is, byte for byte, the result of evaluating every record alone through
the general path (``one_by_one`` of tests/cli/_one_by_one.py), and the result of the general
rows (every cell neutralised as it is written, not ``_row(safe=True)``): result file,
``--errors`` file, stderr and exit status.

Each file mixes what offices produce: several personas (names, ids, labels, a municipality's
overlay personas), DSM columns (labels, local and qualified ids) with levels 0-3 written as
digits, ``Lv.2``, full-width or blank, trainings that are Lv1 DSM evidence, tool and
``check:`` columns, ids and departments with delimiters, quotes, tabs, line breaks, formula
starts, spaces, non-ASCII text and duplicates, reading errors between good rows, a custom rule
that raises for some records, ``--persona``, CP932 / UTF-8 / UTF-16 / mixed-encoding input.
(A larger run of the same kind of generator, 1,460 files and 1.5 million result lines of which
253,000 rows streamed by ``safe_rows`` (127,000 put together as lines), also against the
code before these fast paths: no difference.)
"""

from __future__ import annotations

import csv
import io
import random
import shutil
from pathlib import Path
from typing import Any

import pytest
from _one_by_one import one_by_one
from _raising_rule import write_raising_rule

from skillframe.cli import _evaluate, _evaluate_batches, _evaluate_out, main

ROOT = Path(__file__).resolve().parents[2]

PERSONAS = [
    "一般行政職員",
    "DX推進員",
    "全庁DX推進担当",
    "全庁情報システム担当",
    "tokyo-wg-2025:it-central",
    "dx-promoter",
]
OVERLAY_PERSONAS = {
    "special-ward.yaml": ["DXサポーター", "example-ward:dx-promoter", "example-ward:it-central"],
    "small-town.yaml": ["example-town:dx-central", "全庁DX・情報システム担当", "example-town:general-staff"],
}
TRAININGS = [
    "DXの必要性理解",
    "セキュリティリテラシー",
    "プライバシー保護理解",
    "業務分析/BPR",
    "データ理解/活用",
    "BPR研修",
    "DXマインドセット研修",
    "情報セキュリティ研修",
]
IT = [
    "ITストラテジー",
    "システムアーキテクチャ",
    "クラウドサービス活用",
    "プロジェクトマネジメント",
    "システム管理",
    "サイバーセキュリティ",
]
IT_IDS = [
    "it-strategy",
    "system-architecture",
    "cloud-services",
    "project-management",
    "system-management",
    "cybersecurity",
]
TOOLS = ["Teams", "Word", "Excel", "LoGoフォーム", "Power BI"]
IDS = ["A,1", 'B"2', "=C3", "-4", "D 5", "Ｅ６", "F\t7", " H9", "@I", "+K", "", "00123", "x\ny", "職員", "'q", "S001"]
DEPARTMENTS = ['課,"A"', "=SUM(A1)", "企画\n課", "課\t1", "", " 課", "-課", "＋課", "総務課", "税務課", "a,b", "𠮷野課"]
FULL = str.maketrans("0123456789.", "０１２３４５６７８９．")


def _level(rng: random.Random) -> str:
    lv = rng.choice([0, 1, 2, 3])
    return rng.choice(
        ["", "", str(lv), str(lv), f"Lv.{lv}", str(lv).translate(FULL), "Ｌｖ．" + str(lv).translate(FULL)]
    )


def _rule(tmp: Path, rng: random.Random) -> list[str]:
    name = f"boom_{rng.getrandbits(32):08x}"
    return write_raising_rule(tmp, name, rng.choice(["dx-promoter-step1", "it-central-step2"]))


def make_case(tmp: Path, seed: int, rows: int) -> list[str]:
    """Write a random staff file (and its overlay or rule) into ``tmp``; the options to evaluate it."""
    rng = random.Random(seed)
    argv: list[str] = []
    pool = list(PERSONAS)
    overlay = rng.choice([None, None, "special-ward.yaml", "small-town.yaml"])
    if overlay is not None:
        shutil.copy(ROOT / "examples" / "overlays" / overlay, tmp / overlay)
        argv += ["--catalog", overlay]
        pool += OVERLAY_PERSONAS[overlay]
    if seed % 4 == 2:  # a custom rule that raises for some records
        argv += _rule(tmp, rng)
        pool += ["rule-town:dx-promoter", "rule-town:it-central"]
    if seed % 5 == 3:
        argv += ["--persona", rng.choice(["全庁情報システム担当", "DX推進員"])]
    picked = rng.sample(range(len(IT)), k=rng.randint(1, len(IT)))
    dsm = [rng.choice([IT[j], IT_IDS[j], f"tokyo-wg-2025:{IT_IDS[j]}"]) for j in picked]
    tools = rng.sample(TOOLS, k=rng.randint(0, 3))
    header = ["id", "persona", "department", "trainings", "dx_lead_years", "dx_lead_count", "mentoring"]
    header += [f"dsm:{s}" for s in dsm] + [f"tool:{t}" for t in tools] + ["check:Excel", "備考"]
    table = [header]
    hostile = rng.random() < 0.6
    for k in range(rows):
        rid = rng.choice(IDS) + str(k % 7) if hostile and rng.random() < 0.3 else f"S{k:04d}"
        persona = rng.choice(pool) if rng.random() > 0.03 else rng.choice(["", "誰か", "高度専門人材"])
        department = rng.choice(DEPARTMENTS) if hostile else rng.choice(["総務課", "", "情報政策課"])
        trainings = rng.choice(["", "なし", ";".join(t for t in TRAININGS + IT if rng.random() < 0.5)])
        years = rng.choice(["", "0", "1", "２", "1.5年", "3"])
        count = rng.choice(["", "0", "2", "３件"])
        mentoring = rng.choice(["", "はい", "いいえ", "有り"])
        levels = [_level(rng) for _ in dsm + tools]
        ticks = ";".join(
            t for t in ["excel-1-1", "excel-1-2", "excel-1-3", "excel-1-4", "SUM", "IF/IFS"] if rng.random() < 0.6
        )
        row = [rid, persona, department, trainings, years, count, mentoring, *levels, ticks, rng.choice(["", "=1+1"])]
        if rng.random() < 0.06:  # a reading error between good rows
            row[rng.choice([4, 6, 7])] = rng.choice(["たくさん", "たぶん", "Lv.9"])
        table.append(row)
    sep = "\t" if rng.random() < 0.25 else ","
    buf = io.StringIO()
    csv.writer(buf, delimiter=sep, lineterminator="\r\n").writerows(table)
    text = buf.getvalue()
    encoding = rng.choice(["cp932", "cp932", "utf-8", "utf-16", "mixed", "utf-8-sig"])
    if encoding == "mixed":  # some lines CP932, the others UTF-8
        data = b"".join(
            line.encode("cp932", "replace") if j % 9 == 4 else line.encode("utf-8")
            for j, line in enumerate(text.splitlines(keepends=True))
        )
    else:
        data = text.encode(encoding, "replace")
    name = "staff.tsv" if sep == "\t" else "staff.csv"
    (tmp / name).write_bytes(data)
    return [name, *argv]


def _run(tmp: Path, capsys: pytest.CaptureFixture[str], tag: str, argv: list[str], fmt: str) -> tuple[Any, ...]:
    code = main(["evaluate", *argv, "-o", f"out-{tag}.{fmt}", "--errors", f"errors-{tag}.csv"])
    _, err = capsys.readouterr()
    out = tmp / f"out-{tag}.{fmt}"
    errors = tmp / f"errors-{tag}.csv"
    return (
        code,
        out.read_bytes() if out.exists() else None,
        errors.read_bytes() if errors.exists() else None,
        err.replace(f"errors-{tag}.csv", "ERRORS"),
    )


@pytest.mark.parametrize("seed", range(12))
def test_random_staff_files_give_the_one_by_one_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], seed: int
) -> None:
    monkeypatch.chdir(tmp_path)
    argv = make_case(tmp_path, seed, rows=150)
    made = {"lines": 0, "cells": 0}
    safe_rows = _evaluate.safe_rows

    def counting(*args: Any) -> Any:
        rows = safe_rows(*args)
        for _, text in rows:
            made["lines" if isinstance(text, str) else "cells"] += 1
        return rows

    monkeypatch.setattr(_evaluate, "safe_rows", counting)
    monkeypatch.setattr(_evaluate_batches, "BATCH", [1024, 16, 7][seed % 3])
    fmt = "tsv" if seed % 2 else "csv"
    got = _run(tmp_path, capsys, "fast", argv, fmt)
    monkeypatch.setattr(_evaluate, "ranked_lists", one_by_one)
    want = _run(tmp_path, capsys, "reference", argv, fmt)
    assert got == want
    # and the rows made cell by cell, each neutralised as it is written (no safe rows at all)
    monkeypatch.setattr(_evaluate_out.Out, "safe", property(lambda self: False))
    assert _run(tmp_path, capsys, "general", argv, fmt) == want
    assert got[1] is not None  # a result was written
    if "--rules" not in argv:  # (a batch where the rule raises is evaluated one by one: no lines)
        assert made["lines"] > 0  # the fast path was taken …
    assert made["cells"] > 0  # … and the writer's way too
