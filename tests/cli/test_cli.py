"""The CLI harness: every registered command, for success, bad input and usage errors.

Exit codes: 0 success, 1 bad data or validation errors (a message, no traceback), 2 usage
errors. The generic tests run over :data:`skillframe.cli.COMMANDS`, so a new command is
covered the moment it is registered: its ``--help`` shows a real example that parses, an
unknown option exits 2, a missing ``--catalog`` file exits 1. The explicit cases below
(``CASES``) say, per command, one invocation that succeeds, inputs that are bad and
invocations that are wrong; ``test_every_command_has_cases`` fails until a new command
adds its own — keep them short and literal.
"""

from __future__ import annotations

import io
import json
import os
import shlex
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import attrs
import pytest

from skillframe.cli import COMMANDS, build_parser, main

ROOT = Path(__file__).resolve().parents[2]
STAFF = str(ROOT / "examples" / "staff.csv")
OVERLAY = str(ROOT / "examples" / "overlays" / "small-town.yaml")
EDITIONS = ROOT / "tests" / "data" / "editions"  # the fictional edition pair (make_editions.py)
EDITION_CATALOGS = ("--catalog", str(EDITIONS / "town-std-1.2.yaml"), "--catalog", str(EDITIONS / "town-std-2.0.yaml"))
POLICY_TOWN = str(ROOT / "examples" / "policy" / "town.yaml")


@attrs.frozen
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Run ``skillframe ARGS`` in-process, in a scratch directory; ``{tmp}`` in an argument is that directory."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.yaml").write_text("format: skillframe-catalog/1\nframework: [oops\n", encoding="utf-8")
    (tmp_path / "bad-staff.csv").write_text("id,persona\n1,誰でもない人\n", encoding="utf-8")
    (tmp_path / "staff-1.2.csv").write_text("id,persona,trainings\nA1,DX推進員,bpr;minutes\n", encoding="utf-8")

    def run(*argv: str) -> Result:
        _yearly_inputs(tmp_path, argv)
        code = main([a.replace("{tmp}", str(tmp_path)) for a in argv])
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return run


def _yearly_inputs(tmp: Path, argv: tuple[str, ...]) -> None:
    """The inputs of the yearly-cycle commands, made only when a case names them."""
    import skillframe
    from skillframe import forms

    text = " ".join(argv)
    if "{tmp}/history.db" in text and not (tmp / "history.db").exists():
        cat = skillframe.load()
        with skillframe.open_history(f"sqlite:///{tmp}/history.db") as store:
            for year in (2025, 2026):
                store.record(cat, STAFF, year=year, municipality="131016")
    if "{tmp}/form.xlsx" in text and not (tmp / "form.xlsx").exists():
        cat = skillframe.load()
        (tmp / "form.xlsx").write_bytes(
            forms.form_bytes(cat, roster=skillframe.read_staff(STAFF, catalog=cat).records[:3])
        )


@attrs.frozen
class Cases:
    """One command's explicit invocations: one success (with a probe of its output), bad inputs, usage errors."""

    ok: tuple[str, ...]
    probe: str
    bad: tuple[tuple[str, ...], ...]
    usage: tuple[tuple[str, ...], ...]


CASES: dict[str, Cases] = {
    "list": Cases(
        ok=("list", "personas", "--framework", "tokyo-wg-2025", "--format", "csv"),
        probe="tokyo-wg-2025:dx-promoter",
        bad=(("list", "skills", "--framework", "no-such-framework"),),
        usage=(("list",), ("list", "everything"), ("list", "skills", "--format", "nope")),
    ),
    "show": Cases(
        ok=("show", "DX推進員"),
        probe="育成段階",
        bad=(("show", "誰でもない人"), ("show", "general-staff")),  # unknown; ambiguous across frameworks
        usage=(("show",),),
    ),
    "compare": Cases(
        ok=("compare", "persona-skills", "--frameworks", "tokyo-wg-2025", "--format", "csv"),
        probe="DXの必要性理解,共通,●,○",
        bad=(
            ("compare", "levels", "--frameworks", "no-such-framework"),
            ("compare", "steps", "--persona", "誰でもない人"),
        ),
        usage=(
            ("compare",),
            ("compare", "level"),
            ("compare", "levels", "--format", "nope"),
            ("compare", "levels", "-o", "{tmp}/no/such/dir/levels.csv"),  # no-such-folder, before anything runs
        ),
    ),
    "evaluate": Cases(
        ok=("evaluate", STAFF, "--explain"),
        probe="",
        bad=(("evaluate", "{tmp}/no-such-staff.csv"), ("evaluate", "{tmp}/bad-staff.csv")),
        usage=(("evaluate",),),
    ),
    "report": Cases(
        ok=("report", STAFF, "--targets", str(ROOT / "examples" / "targets.yaml"), "--format", "md"),
        probe="DX推進員",
        bad=(("report", "{tmp}/no-such-staff.csv"), ("report", STAFF, "--targets", "{tmp}/no-such-targets.yaml")),
        usage=(("report",), ("report", STAFF, "--format", "pdf")),
    ),
    "validate": Cases(
        ok=("validate", str(ROOT / "catalogs" / "tokyo-wg-2025")),
        probe="valid",
        bad=(("validate", "{tmp}/bad.yaml"), ("validate", "{tmp}/no-such.yaml")),
        usage=(("validate",),),
    ),
    "graph": Cases(
        ok=("graph", "--persona", "全庁DX推進担当"),
        probe='(["全庁DX推進担当"])',
        bad=(("graph", "--view", "ladder", "--persona", "誰でもない人"), ("graph", "--scales", "no,such")),
        usage=(
            ("graph", "--format", "png"),
            ("graph", "--view", "ladder"),
            ("graph", "--scales", "only-one"),
            ("graph", "--view", "sideways"),
        ),
    ),
    "schema": Cases(
        ok=("schema",),
        probe='"$schema"',
        bad=(),  # it reads no input; an -o into a missing folder is a usage error (exit 2)
        usage=(("schema", "extra-argument"), ("schema", "-o", "{tmp}/no/such/dir/schema.json")),
    ),
    "map": Cases(
        ok=("map", "DX推進員", "--to", "mic-guidebook-2024", "--format", "csv"),
        probe="mic-guidebook-2024:dx-leader",
        bad=(("map", "誰でもない人"), ("map", "DX推進員", "--to", "no-such-framework")),
        usage=(("map",), ("map", "DX推進員", "--format", "nope")),
    ),
    "export": Cases(
        ok=("export", "sssom", "--derived"),
        probe="subject_id",
        bad=(("export", "sssom", "--set", "no-such-set"),),
        usage=(("export",), ("export", "owl")),
    ),
    "form": Cases(
        ok=("form", "--persona", "DX推進員", "--format", "questions"),
        probe="trained/tokyo-wg-2025:bpr",
        bad=(("form", "--persona", "誰でもない人", "--format", "questions"),),
        usage=(("form",), ("form", "--roster", STAFF)),
    ),
    "collect": Cases(
        ok=("collect", "{tmp}/form.xlsx"),
        probe="S001",
        bad=(("collect", "{tmp}/bad.yaml"),),
        usage=(("collect",),),
    ),
    "record": Cases(
        ok=("record", STAFF, "--year", "2026", "-m", "131016", "--db", "sqlite:///{tmp}/h.db"),
        probe="recorded 40 people",
        bad=(
            ("record", STAFF, "--year", "2026", "-m", "131017", "--db", "sqlite:///{tmp}/h.db"),
            ("record", "{tmp}/bad-staff.csv", "--year", "2026", "-m", "131016", "--db", "sqlite:///{tmp}/h.db"),
        ),
        usage=(
            ("record",),
            ("record", STAFF, "--year", "abc"),
            ("record", STAFF, "--date", "2026-13-01", "-m", "131016"),
        ),
    ),
    "history": Cases(
        ok=("history", "--db", "sqlite:///{tmp}/history.db", "--table", "counts"),
        probe="DX推進員",
        bad=(
            ("history", "--db", "sqlite:///{tmp}/empty.db"),
            ("history", "--db", "sqlite:///{tmp}/history.db", "-m", "131017"),
        ),
        usage=(("history", "--table", "nope"),),
    ),
    "diff": Cases(
        ok=("diff", "tokyo-wg-2025", OVERLAY),
        probe="",
        bad=(("diff", "no-such-framework", OVERLAY),),
        usage=(("diff",), ("diff", "tokyo-wg-2025")),
    ),
    "migrate": Cases(
        ok=(
            "migrate",
            "{tmp}/staff-1.2.csv",  # every row readable (town-staff-1.2.csv has one that is not: exit 1)
            "--editions",
            str(EDITIONS / "town-std-1.2-to-2.0.yaml"),
            *EDITION_CATALOGS,
        ),
        probe="town-std:business-analysis",
        bad=(
            ("migrate", str(EDITIONS / "town-staff-1.2.csv"), "--editions", str(EDITIONS / "town-std-1.2.yaml")),
            ("migrate", str(EDITIONS / "town-staff-1.2.csv"), "--editions", str(EDITIONS / "town-std-1.2-to-2.0.yaml")),
            (  # a row that cannot be read (S05, mentoring: maybe): the others are carried, exit 1
                "migrate",
                str(EDITIONS / "town-staff-1.2.csv"),
                "--editions",
                str(EDITIONS / "town-std-1.2-to-2.0.yaml"),
                *EDITION_CATALOGS,
            ),
        ),
        usage=(
            ("migrate",),
            ("migrate", str(EDITIONS / "town-staff-1.2.csv")),
            ("migrate", "{tmp}/no-such-staff.csv", "--editions", str(EDITIONS / "town-std-1.2-to-2.0.yaml")),
        ),
    ),
    "advise": Cases(
        ok=("advise", "--catalog", POLICY_TOWN),
        probe="将来的に制度化検討",
        bad=(("advise", "--catalog", "{tmp}/bad.yaml"), ("advise",)),  # no overlay: every answer missing
        usage=(("advise", "--format", "nope"),),
    ),
    "policy": Cases(
        ok=("policy", "--catalog", POLICY_TOWN, "--staff", STAFF, "--format", "md"),
        probe="【要記入：",
        bad=(("policy", "--format", "md", "--staff", "{tmp}/no-such-staff.csv"),),
        usage=(("policy", "--kind", "yearly"), ("policy", "--format", "pdf", "-o", "x.pdf"), ("policy",)),
    ),
}

NAMES = [module.NAME for module in COMMANDS]


def _command(name: str) -> ModuleType:
    return next(module for module in COMMANDS if name == module.NAME)


def _no_traceback(r: Result) -> None:
    assert "Traceback" not in r.err and "Traceback" not in r.out


# ---------------------------------------------------------------------------
# Generic: every registered command


def test_every_command_has_cases() -> None:
    missing = [n for n in NAMES if n not in CASES]
    assert not missing, f"add CASES for the new command(s) {missing} in tests/test_cli.py"


@pytest.mark.parametrize("name", NAMES)
def test_help_shows_a_real_example(cli: Callable[..., Result], name: str) -> None:
    r = cli(name, "--help")
    assert r.code == 0
    assert "example / 例:" in r.out and f"skillframe {name}" in r.out
    for line in _command(name).EXAMPLE.strip().splitlines():
        argv = shlex.split(line.strip())
        assert argv[:2] == ["skillframe", name], line
        build_parser().parse_args(argv[1:])  # parses: no usage error (SystemExit 2)


@pytest.mark.parametrize("name", NAMES)
def test_unknown_option_is_a_usage_error(cli: Callable[..., Result], name: str) -> None:
    r = cli(name, "--no-such-option")
    assert r.code == 2
    assert "usage:" in r.err
    _no_traceback(r)


@pytest.mark.parametrize("name", NAMES)
def test_shared_options_everywhere(name: str) -> None:
    parser = build_parser()
    args = parser.parse_args([name, *CASES[name].ok[1:], "--lang", "en", "-o", "x", "--format", "json"])
    assert (args.lang, args.output, args.format) == ("en", "x", "json")


def test_no_command_is_a_usage_error(cli: Callable[..., Result]) -> None:
    assert cli().code == 2
    assert cli("no-such-command").code == 2


# ---------------------------------------------------------------------------
# Explicit: success, bad input, usage errors


def _ids(kind: str) -> list[tuple[str, tuple[str, ...]]]:
    out: list[tuple[str, tuple[str, ...]]] = []
    for name in NAMES:
        cases = CASES.get(name)
        if cases is None:
            continue
        out.extend((name, argv) for argv in getattr(cases, kind))
    return out


@pytest.mark.parametrize("name", NAMES)
def test_success(cli: Callable[..., Result], name: str) -> None:
    if name not in CASES:
        pytest.fail(f"no CASES for {name}")
    r = cli(*CASES[name].ok)
    assert r.code == 0, r.err
    assert CASES[name].probe in r.out
    assert r.out.strip()
    _no_traceback(r)


@pytest.mark.parametrize("name", NAMES)
def test_success_to_a_file(cli: Callable[..., Result], name: str, tmp_path: Path) -> None:
    if name not in CASES:
        pytest.fail(f"no CASES for {name}")
    target = tmp_path / "out.txt"
    r = cli(*CASES[name].ok, "-o", str(target))
    assert r.code == 0, r.err
    assert r.out == ""
    assert target.read_text(encoding="utf-8").strip()


@pytest.mark.parametrize(("name", "argv"), _ids("bad"))
def test_bad_input_exits_1_with_a_message(cli: Callable[..., Result], name: str, argv: tuple[str, ...]) -> None:
    del name
    r = cli(*argv)
    assert r.code == 1, (r.out, r.err)
    assert r.err.strip(), "a message on stderr"
    _no_traceback(r)


@pytest.mark.parametrize("name", [n for n in NAMES if n not in ("schema", "validate")])  # these read no catalog
def test_missing_catalog_file_exits_1(cli: Callable[..., Result], name: str) -> None:
    if name not in CASES:
        pytest.fail(f"no CASES for {name}")
    r = cli(*CASES[name].ok, "--catalog", "{tmp}/no-such-catalog.yaml")
    assert r.code == 1, (r.out, r.err)
    assert "no-such-catalog.yaml" in r.err
    _no_traceback(r)


@pytest.mark.parametrize(("name", "argv"), _ids("usage"))
def test_usage_error_exits_2(cli: Callable[..., Result], name: str, argv: tuple[str, ...]) -> None:
    del name
    r = cli(*argv)
    assert r.code == 2, (r.out, r.err)
    assert r.err.strip()
    _no_traceback(r)


# ---------------------------------------------------------------------------
# compare and graph in more detail


@pytest.mark.parametrize("aspect", ["levels", "personas", "skills", "persona-skills", "steps", "trainings"])
@pytest.mark.parametrize("fmt", ["github", "grid", "html", "csv", "json"])
def test_compare_every_aspect_and_format(cli: Callable[..., Result], aspect: str, fmt: str) -> None:
    r = cli("compare", aspect, "--format", fmt, "--lang", "en")
    assert r.code == 0, r.err
    if fmt == "json":  # data: one object per row, every row with the same keys
        rows = json.loads(r.out)
        assert rows and isinstance(rows, list) and len({tuple(row) for row in rows}) == 1


def test_compare_xlsx_by_suffix(cli: Callable[..., Result], tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    r = cli("compare", "steps", "--persona", "DX推進員", "-o", "{tmp}/steps.xlsx")
    assert r.code == 0, r.err
    ws = openpyxl.load_workbook(tmp_path / "steps.xlsx").worksheets[0]
    assert ws["A2"].value == "Step1 (Off-JT)"


def test_compare_xlsx_to_a_pipe(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run(
        [sys.executable, "-m", "skillframe", "compare", "steps", "--format", "xlsx"],
        capture_output=True,
        check=False,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    ws = openpyxl.load_workbook(io.BytesIO(done.stdout)).worksheets[0]
    assert ws["A1"].value == "ステップ"


def test_compare_xlsx_refuses_a_terminal(cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    r = cli("compare", "steps", "--format", "xlsx")
    assert r.code == 2
    assert "-o FILE" in r.err


def test_format_from_output_suffix(cli: Callable[..., Result], tmp_path: Path) -> None:
    assert cli("compare", "levels", "-o", "{tmp}/levels.csv").code == 0
    assert (tmp_path / "levels.csv").read_text(encoding="utf-8-sig").startswith("ITSS+ レベル,")
    assert cli("graph", "--persona", "DX推進員", "-o", "{tmp}/p.dot").code == 0
    assert (tmp_path / "p.dot").read_text(encoding="utf-8").startswith('digraph "skillframe"')


@pytest.mark.parametrize(
    ("argv", "start"),
    [
        (("graph",), "---"),
        (("graph", "--format", "dot"), "digraph"),
        (("graph", "--format", "graphml"), "<?xml"),
        (("graph", "--view", "ladder", "--persona", "DX推進員", "--lang", "en"), '---\ntitle: "Ladder: DX promoter"'),
        (("graph", "--scales", "tokyo-dsm:level,ipa-dss:itss-level", "--format", "dot"), "digraph"),
    ],
)
def test_graph_views(cli: Callable[..., Result], argv: tuple[str, ...], start: str) -> None:
    r = cli(*argv)
    assert r.code == 0, r.err
    assert r.out.startswith(start)
