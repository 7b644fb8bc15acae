"""Fixtures of the policy tests: a small town (overlay with a profile), its staff and targets.

The files are written here (this is the script that makes them); the figures the draft
must show are computed by hand in test_draft.py from the rows below.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ALL_DX = (
    "dx-necessity;user-understanding;gov-digital-basics;security-literacy;privacy;project-management;"
    "value-discovery;data-literacy;bpr;service-validation;it-governance"
)

TOWN = """\
format: skillframe-catalog/1
framework:
  id: policy-town
  label: 試験町 デジタル人材確保・育成基本方針
  publisher: 試験町 / Test town
  extends: tokyo-wg-2025
  source: town
  sources:
    - {id: town, title: 試験町 方針}
  settings:
    departments: [総務課, 企画課, 市民課]
    profile:
      population: 8000
      it_staff: 1
      it_arrangement: single
      specialist_system: false
      cio_adviser: outsourced
      pattern: new
      policy_exists: false
"""

# D01: Step3 (2 years leading, 3 projects, mentoring); D02: Step2; D03: Step1; D04: no step;
# G01: 一般行政職員 without trainings (no step).
STAFF = f"""\
id,persona,department,trainings,dx_lead_years,dx_lead_count,mentoring
D01,DX推進員,総務課,{ALL_DX},2,3,はい
D02,DX推進員,総務課,{ALL_DX},1.5,1,いいえ
D03,DX推進員,企画課,{ALL_DX},0,0,いいえ
D04,DX推進員,企画課,dx-necessity,0,0,いいえ
G01,一般行政職員,市民課,,0,0,いいえ
"""

TARGETS = """\
format: skillframe-targets/1
framework: policy-town
as_of: 2026-10-01
plan:
  label: 試験町 基本方針
  baseline_year: 2025
  target_year: 2029
  targets:
    - {id: dx-count, kind: count, persona: DX推進員, value: 10, baseline: 2}
    - {id: dx-step2, kind: step_rate, persona: DX推進員, step: 2, value: 0.75, baseline: 0.25}
year:
  label: 令和8年度 年度計画
  year: 2026
  targets:
    - {id: dx-step1, kind: count, persona: DX推進員, step: 1, value: 6, baseline: 2}
"""


@pytest.fixture
def town(tmp_path: Path) -> dict[str, Path]:
    """Paths of the town overlay, its staff CSV and its targets file."""
    files = {"catalog": TOWN, "staff": STAFF, "targets": TARGETS}
    names = {"catalog": "town.yaml", "staff": "staff.csv", "targets": "targets.yaml"}
    out = {}
    for key, text in files.items():
        path = tmp_path / names[key]
        path.write_text(text, encoding="utf-8")
        out[key] = path
    return out
