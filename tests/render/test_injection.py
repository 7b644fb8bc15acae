"""An injection corpus through every output format of every command.

Labels, ids, departments and a custom rule's text hold formula starts (``= + - @``, tab,
CR, full-width ``＝``), Markdown pipes, ``<script>``, ``"><img onerror>`` and control
characters. Whatever a command writes:

- CSV, TSV and XLSX hold no live formula (cells read back with the csv module and
  openpyxl; with LibreOffice installed, converted by it and the formulas counted);
- HTML, and Markdown rendered to HTML, hold no element or event handler from the input
  (parsed here, and loaded in headless Chromium, where the payloads would leave a mark);
- GraphML parses with networkx, DOT with Graphviz, Mermaid with Mermaid's own parser
  (npm ``mermaid`` under Node; ``.ci/run`` installs it into ``build/node``).

Tools missing outside CI skip their check; under CI (``CI=true``) a missing tool fails.
"""

from __future__ import annotations

import csv
import html.parser
import io
import json
import os
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import openpyxl
import pytest
import yaml

from skillframe._cells import is_dangerous
from skillframe.cli import main

ROOT = Path(__file__).resolve().parents[2]
CI = os.environ.get("CI", "").lower() == "true"

MARK = "document.body.setAttribute('data-pwned','1')"
EVIL = [
    '=HYPERLINK("http://example.invalid","x")',
    "+1+1",
    "-1+1",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
    "＝１＋１",
    "総務課|庶務係",
    f"<script>{MARK}</script>",
    f'"><img src=x onerror="{MARK}">',
    f'\'><svg onload="{MARK}">',
    "ctl\x01\x07\x1b\x7fend",
]


def _need(tool: str | None, name: str) -> str:
    if tool is None:
        if CI:
            pytest.fail(f"{name} is required under CI (.ci/run installs it)")
        pytest.skip(f"{name} not installed")
    return tool


# -- the corpus --------------------------------------------------------------------------


def _catalog(text: str) -> str:
    """The corpus text a catalog can hold: the loader refuses tab, CR and other control characters
    in a label (``text.control``, tests/catalog/test_text_characters.py); the staff file keeps them."""
    return "".join(ch for ch in text if ch.isprintable())


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A town overlay with hostile labels, a custom rule with hostile text, a hostile staff file."""
    d = tmp_path_factory.mktemp("injection")
    rule = f"evil_{uuid.uuid4().hex[:8]}"
    (d / f"{rule}.py").write_text(
        "import attrs\nimport skillframe\n\n@attrs.frozen\nclass P:\n    n: int = 0\n\n"
        f"@skillframe.rule({rule!r}, params=P)\n"
        "def check(record, params, context):\n"
        f"    return skillframe.RuleResult.of(False, expected={EVIL[0]!r} + {EVIL[8]!r}, actual={EVIL[9]!r})\n",
        encoding="utf-8",
    )
    town = {
        "format": "skillframe-catalog/1",
        "framework": {
            "id": "evil-town",
            "label": EVIL[8] + EVIL[0],
            "label_en": EVIL[9],
            "publisher": EVIL[3],
            "source": "s",
            "sources": [{"id": "s", "title": EVIL[8]}],
            "extends": "tokyo-wg-2025",
            "settings": {"departments": [EVIL[6], EVIL[10], "総務課"]},
        },
        "overlay": {
            "rename": [
                {"id": "dx-promoter", "label": EVIL[0] + EVIL[9], "label_en": EVIL[1] + EVIL[8]},
                {"id": "dx-promoter-step1", "label": EVIL[2] + EVIL[7], "label_en": EVIL[3] + EVIL[10]},
                {"id": "bpr", "label": EVIL[6] + EVIL[8], "label_en": _catalog(EVIL[4] + EVIL[9])},
                {"id": "general-staff", "label": _catalog(EVIL[11] + EVIL[5]), "label_en": _catalog(EVIL[11])},
            ],
            "rules": [{"step": "dx-promoter-step1", "extend": {"custom": {"rule": rule, "params": {"n": 1}}}}],
        },
    }
    (d / "town.yaml").write_text(yaml.safe_dump(town, allow_unicode=True, sort_keys=False), encoding="utf-8")
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["id", "persona", "department", "trainings", "dx_lead_years"])
    for n, text in enumerate(EVIL):
        w.writerow([text if n % 2 == 0 else f"{text}{n}", "evil-town:dx-promoter", text, "", "1"])
    w.writerow(["2019.10", "evil-town:general-staff", EVIL[7], "", ""])
    (d / "staff.csv").write_text(buf.getvalue(), encoding="utf-8")
    (d / "rules.txt").write_text(rule, encoding="utf-8")
    return d


def _commands(d: Path) -> Iterator[tuple[str, list[str], tuple[str, ...]]]:
    """(name, argv, formats): every command that shows the corpus, with the formats it writes."""
    rule = (d / "rules.txt").read_text(encoding="utf-8")
    common = ["--catalog", str(d / "town.yaml"), "--rules", str(d / f"{rule}.py")]
    tabular = ("csv", "tsv", "xlsx", "json", "md", "html", "text")
    staff = str(d / "staff.csv")
    yield "evaluate", ["evaluate", staff, "--explain", "--wide", *common], tabular
    yield "evaluate-en", ["evaluate", staff, "--lang", "en", "--explain", *common], tabular
    yield "list-personas", ["list", "personas", "--framework", "evil-town", *common], tabular
    yield "list-steps", ["list", "steps", "--framework", "evil-town", *common], tabular
    yield "list-skills", ["list", "skills", "--framework", "evil-town", *common], tabular
    yield "list-frameworks", ["list", "frameworks", *common], tabular
    yield "compare-steps", ["compare", "steps", "--persona", "evil-town:dx-promoter", *common], tabular
    yield "compare-ps", ["compare", "persona-skills", "--frameworks", "evil-town", *common], tabular
    yield "map", ["map", "evil-town:bpr", *common], tabular
    yield "map-explain", ["map", "evil-town:bpr", "--explain", *common], tabular
    yield "diff", ["diff", "tokyo-wg-2025", str(d / "town.yaml"), "--rules", str(d / f"{rule}.py")], tabular
    yield "show-persona", ["show", "evil-town:dx-promoter", *common], ("text", "md", "html", "json")
    yield "show-step", ["show", "evil-town:dx-promoter-step1", *common], ("text", "md", "html", "json")
    yield "report", ["report", staff, *common], ("html", "md", "xlsx")
    yield (
        "graph-ladder",
        ["graph", "--view", "ladder", "--persona", "evil-town:dx-promoter", *common],
        (
            "mermaid",
            "dot",
        ),
    )
    yield "export", ["export", "sssom", "--derived", *common], ("tsv",)
    yield "graph-personas", ["graph", "--framework", "evil-town", *common], ("mermaid", "dot", "graphml")


SUFFIX = {"text": "txt", "mermaid": "mmd", "md": "md"}


@pytest.fixture(scope="module")
def outputs(corpus: Path) -> dict[tuple[str, str], Path]:
    """Run every command in every format once; ``(command, format) -> file``."""
    out = corpus / "out"
    out.mkdir()
    files: dict[tuple[str, str], Path] = {}
    failures = []
    for name, argv, formats in _commands(corpus):
        for fmt in formats:
            target = out / f"{name}.{SUFFIX.get(fmt, fmt)}"
            code = main([*argv, "--format", fmt, "-o", str(target)])
            if code not in (0, 1) or not target.exists():
                failures.append((name, fmt, code))
            else:
                files[(name, fmt)] = target
    assert not failures, failures
    return files


def _of(outputs: dict[tuple[str, str], Path], *formats: str) -> list[Path]:
    return [p for (_, fmt), p in outputs.items() if fmt in formats]


# -- spreadsheets ------------------------------------------------------------------------


def test_corpus_reaches_the_outputs(outputs: dict[tuple[str, str], Path]) -> None:
    """The hostile text is really there (else the checks below prove nothing)."""
    text = outputs[("evaluate", "csv")].read_text(encoding="utf-8-sig")
    assert "HYPERLINK" in text and "＝１＋１" in text and "<script>" in text
    assert "総務課|庶務係" in text
    assert "2019.10" in text  # an id as written


def test_no_live_formula_in_csv_or_tsv(outputs: dict[tuple[str, str], Path]) -> None:
    checked = 0
    for path in _of(outputs, "csv", "tsv"):
        data = path.read_bytes()
        if path.name.startswith("export"):  # SSSOM TSV: plain UTF-8 with its # metadata block
            data = b"".join(line for line in data.splitlines(keepends=True) if not line.startswith(b"#"))
        else:
            assert data.startswith(b"\xef\xbb\xbf"), path.name
        rows = list(
            csv.reader(
                io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter="\t" if path.suffix == ".tsv" else ","
            )
        )
        for row in rows:
            for cell in row:
                checked += 1
                assert not is_dangerous(cell) or cell.startswith("'"), (path.name, cell)
    assert checked > 200


def test_no_live_formula_in_xlsx(outputs: dict[tuple[str, str], Path]) -> None:
    """XLSX: formula-like text is a string cell with Excel's quote prefix, its value exactly as written."""
    hostile = 0
    for path in _of(outputs, "xlsx"):
        wb = openpyxl.load_workbook(path)
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for c in row:
                    assert c.data_type != "f", (path.name, c.coordinate, c.value)
                    if isinstance(c.value, str) and is_dangerous(c.value):
                        hostile += 1
                        assert c.data_type == "s" and c.quotePrefix, (path.name, c.coordinate, c.value)
                        assert not c.value.startswith("'"), (path.name, c.coordinate, c.value)
    assert hostile > 20
    ws = openpyxl.load_workbook(outputs[("evaluate", "xlsx")]).worksheets[0]
    values = {c.value for row in ws.iter_rows() for c in row}
    assert EVIL[0] in values and EVIL[1] in values and EVIL[6] in values  # exactly the text of the input


def test_libreoffice_finds_no_formula(outputs: dict[tuple[str, str], Path], tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    calc = soffice is not None and any(Path(soffice).resolve().parent.glob("libsclo.so"))
    if soffice is None or not calc:
        pytest.skip("LibreOffice Calc not installed (optional)")
    files = [outputs[("evaluate", "csv")], outputs[("evaluate", "xlsx")], outputs[("list-personas", "csv")]]
    for src in files:
        dest = tmp_path / src.stem
        dest.mkdir(exist_ok=True)
        done = subprocess.run(
            [soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "xlsx",
             *(["--infilter=Text - txt - csv (StarCalc):44,34,76,1"] if src.suffix == ".csv" else []),
             "--outdir", str(dest), str(src)],
            capture_output=True, timeout=180, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        converted = next(dest.glob("*.xlsx"))
        wb = openpyxl.load_workbook(converted)
        formulas = [c.coordinate for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.data_type == "f"]
        assert formulas == [], (src.name, formulas)


# -- HTML and Markdown -------------------------------------------------------------------


class _Elements(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.handlers: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.handlers.extend(f"{tag}[{k}]" for k, _ in attrs if k.startswith("on"))


def _elements(text: str) -> _Elements:
    p = _Elements()
    p.feed(text)
    p.close()
    return p


def _markdown_html(path: Path) -> str:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True}).enable("table")  # raw HTML allowed: the worst case
    return md.render(path.read_text(encoding="utf-8"))


def _pages(outputs: dict[tuple[str, str], Path], tmp: Path) -> list[Path]:
    pages = _of(outputs, "html")
    for path in _of(outputs, "md"):
        page = tmp / f"{path.stem}.md.html"
        page.write_text("<!DOCTYPE html><meta charset='utf-8'>" + _markdown_html(path), encoding="utf-8")
        pages.append(page)
    return pages


def test_no_element_injected_into_html_or_markdown(outputs: dict[tuple[str, str], Path], tmp_path: Path) -> None:
    pages = _pages(outputs, tmp_path)
    assert len(pages) >= 20
    for page in pages:
        found = _elements(page.read_text(encoding="utf-8"))
        assert found.handlers == [], (page.name, found.handlers)
        assert not {"img", "iframe", "svg" if page.name.startswith("show") else "img"} & set(found.tags) - {"svg"}
        assert "script" not in found.tags, page.name  # no output has a script, the report's page neither
        if "report" not in page.name:
            assert "svg" not in found.tags, page.name


def test_nothing_runs_in_chromium(outputs: dict[tuple[str, str], Path], tmp_path: Path) -> None:
    browser = _need(
        next((shutil.which(n) for n in ("chromium", "chromium-browser") if shutil.which(n)), None), "chromium"
    )
    for page in _pages(outputs, tmp_path):
        done = subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=2000", "--dump-dom", page.as_uri()],
            capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr[-1000:]
        assert "<body" in done.stdout
        assert 'data-pwned="1"' not in done.stdout, page.name


# -- diagrams ----------------------------------------------------------------------------


def test_graphml_parses_with_networkx(outputs: dict[tuple[str, str], Path]) -> None:
    for path in _of(outputs, "graphml"):
        g = nx.read_graphml(path)
        labels = [str(data.get("label", "")) for _, data in g.nodes(data=True)]
        assert any("<script>" in label for label in labels)
        assert not any(ch in label for label in labels for ch in "\x01\x07\x1b")


def test_dot_parses_with_graphviz(outputs: dict[tuple[str, str], Path]) -> None:
    dot = _need(shutil.which("dot"), "graphviz")
    for path in _of(outputs, "dot"):
        done = subprocess.run([dot, "-Tsvg", str(path)], capture_output=True, timeout=120, check=False)
        assert done.returncode == 0, (path.name, done.stderr[-500:])
        found = _elements(done.stdout.decode("utf-8"))
        assert "script" not in found.tags and found.handlers == [], path.name


def mermaid_modules() -> str | None:
    """Where npm installed mermaid and jsdom (``MERMAID_MODULES``, else ``build/node/node_modules``)."""
    for folder in (os.environ.get("MERMAID_MODULES"), str(ROOT / "build" / "node" / "node_modules")):
        if folder and (Path(folder) / "mermaid").is_dir() and (Path(folder) / "jsdom").is_dir():
            return folder
    return None


def test_mermaid_parses_with_mermaid(outputs: dict[tuple[str, str], Path]) -> None:
    node = _need(shutil.which("node"), "node")
    modules = _need(mermaid_modules(), "npm mermaid + jsdom")
    files = _of(outputs, "mermaid")
    assert files
    plain = files[0].parent / "plain"  # the built-in catalogs' own diagrams, in both languages
    plain.mkdir(exist_ok=True)
    for lang in ("ja", "en"):
        for n, argv in enumerate(
            (
                ["graph", "--scales", "tokyo-dsm:level,ipa-dss:itss-level"],
                ["graph", "--view", "ladder", "--persona", "tokyo-wg-2025:dx-promoter"],
                ["graph", "--persona", "tokyo-wg-2025:dx-central"],
                ["graph"],
            )
        ):
            target = plain / f"{lang}-{n}.mmd"
            assert main([*argv, "--lang", lang, "-o", str(target)]) == 0
            files.append(target)
    done = subprocess.run(
        [node, str(Path(__file__).parent / "js" / "mermaid_parse.mjs"), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "MERMAID_MODULES": modules},
        check=False,
    )
    results = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    assert len(results) == len(files), done.stderr[-2000:]
    assert [r for r in results if not r["ok"]] == []
