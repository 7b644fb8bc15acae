"""The HTML report in a real browser: headless Chromium renders the page; the test reads the DOM.

Skipped only when Chromium is missing and we are not under CI (CI=true → fail instead:
``.ci/run`` installs it).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from skillframe.cli import main
from skillframe.render.report import _NUMERIC_SRC

DATA = Path(__file__).parents[1] / "data"
ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser") if shutil.which(n)), None)


def _browser() -> str:
    if CHROMIUM is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("chromium is required under CI (.ci/run installs it)")
        pytest.skip("chromium not installed")
    return CHROMIUM


# Measures what the browser drew, on a copy of the report (the report itself has no script):
# chart bars with a non-zero size (data-drawn), chart labels outside their SVG (data-overflow),
# text cells not left-aligned (data-misaligned), and the number of charts (data-charts).
_MEASURE = (
    "var NUMERIC=new RegExp("
    + json.dumps(_NUMERIC_SRC)
    + ");"
    + """(function(){var n=0,out=0;document.querySelectorAll('svg.chart rect.bar').forEach(function(r){
var b=r.getBBox();if(b.width>0&&b.height>0){n++;}});document.body.setAttribute('data-drawn',String(n));
document.querySelectorAll('svg.chart').forEach(function(svg){
var w=svg.viewBox.baseVal.width,h=svg.viewBox.baseVal.height;
svg.querySelectorAll('text').forEach(function(t){var b=t.getBBox();
if(b.x<-0.5||b.y<-0.5||b.x+b.width>w+0.5||b.y+b.height>h+0.5){out++;}});});
document.body.setAttribute('data-overflow',String(out));var bad=0;
document.querySelectorAll('td').forEach(function(td){var t=td.textContent.trim(),a=getComputedStyle(td).textAlign;
if(t&&!NUMERIC.test(t)&&a!=='left'&&a!=='start'){bad++;}});
document.body.setAttribute('data-misaligned',String(bad));
document.body.setAttribute('data-charts',String(document.querySelectorAll('svg.chart').length));})();
"""
)


def _dump_dom(page: Path, profile: Path) -> str:
    args = [
        _browser(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--dump-dom",
        page.as_uri(),
    ]
    done = subprocess.run(args, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def _screenshot(page: Path, dest: Path, profile: Path) -> None:
    args = [
        _browser(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        "--window-size=1200,3200",
        f"--screenshot={dest}",
        page.as_uri(),
    ]
    done = subprocess.run(args, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]


def test_report_renders_in_chromium(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    code = main(
        [
            "report",
            str(DATA / "rollup-staff.csv"),
            "-c",
            str(DATA / "rollup-town.yaml"),
            "-t",
            str(DATA / "rollup-targets.yaml"),
            "-o",
            str(page),
        ]
    )
    assert code == 0
    source = page.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", source), "no external assets"
    assert "<script" not in source, "the report has no script: the test measures a copy"
    measured = tmp_path / "measured.html"
    measured.write_text(source.replace("</body>", f"<script>{_MEASURE}</script></body>"), encoding="utf-8")
    dom = _dump_dom(measured, tmp_path / "profile")
    body = re.search(r"<body([^>]*)>", dom)
    assert body is not None
    drawn = re.search(r'data-drawn="(\d+)"', body.group(1))
    charts = re.search(r'data-charts="(\d+)"', body.group(1))
    assert drawn is not None and charts is not None, "the inline script ran and measured the charts"
    assert int(charts.group(1)) >= 4  # targets, departments, training demand, 2 MIC types
    assert int(drawn.group(1)) >= 20  # bars with a non-zero width and height, measured by the browser
    # key numbers, as the browser sees them
    text = re.sub(r"<[^>]+>", " ", dom)
    assert "30" in re.search(r'data-kpi="0"><b>(\d+)', dom).group(1)  # type: ignore[union-attr]
    assert "4/5" in text and "住民課" in text  # DX推進員 coverage, the 課 without one
    assert "BPR研修" in text and "区市町村○" in text  # training demand with implementing bodies
    assert "「ほぼ全ての者」= 75.0% 以上" in text  # the threshold shown
    assert "L3 50.0%" in text  # share at 総務省 level 3, DX推進リーダー
    assert re.search(r'data-target="dx-each">.*?4/5 課', dom, re.S)
    assert "遅れ" in text and "順調" in text and "達成" in text
    assert "HHI" not in text and "最も多い課" in text  # the share of the largest 課, in words
    # a briefing: the header says when, from what; the 所見 comes first, computed from the numbers
    assert re.search(r"作成日 \d{4}-\d{2}-\d{2} / 職員ファイル rollup-staff.csv / カタログ .*試験町", text)
    findings = re.search(r'<section class="findings"[^>]*>(.*?)</section>', dom, re.S)
    assert findings is not None and dom.index("findings") < dom.index('id="targets"')
    said = re.sub(r"<[^>]+>", "", findings.group(1))
    assert "職員 30 名" in said and "遅れ 3 件" in said and "住民課" in said
    assert "Yu Gothic" in source and "Meiryo" in source and "@page{size:A4" in source
    misaligned = re.search(r'data-misaligned="(\d+)"', body.group(1))
    overflow = re.search(r'data-overflow="(\d+)"', body.group(1))
    assert misaligned is not None and misaligned.group(1) == "0", "text columns are left-aligned"
    assert overflow is not None and overflow.group(1) == "0", "no chart label runs outside its SVG"
    assert "tokyo-wg-2025:" not in text, "labels, not raw ids"
    completion = re.search(r"<caption>スキル別の研修受講率</caption>(.*?)</table>", dom, re.S)
    assert completion is not None and "DXの必要性理解" in completion.group(1)
    assert "ツール活用" not in completion.group(1), "tool skills are measured by tool levels, not by training"
    shot = ROOT / "build" / "report.png"  # a CI artifact: what the page looks like
    shot.parent.mkdir(exist_ok=True)
    _screenshot(page, shot, tmp_path / "profile-shot")
    assert shot.stat().st_size > 10_000


def test_report_escapes_text(tmp_path: Path) -> None:
    staff = tmp_path / "s.csv"
    staff.write_text('id,persona,department\nA,DX推進員,"<img src=x onerror=alert(1)>"\n', encoding="utf-8")
    page = tmp_path / "r.html"
    assert main(["report", str(staff), "-o", str(page), "--lang", "en"]) == 0
    source = page.read_text(encoding="utf-8")
    assert "<img" not in source and "&lt;img src=x onerror=alert(1)&gt;" in source
    dom = _dump_dom(page, tmp_path / "profile")
    assert "<img" not in dom
