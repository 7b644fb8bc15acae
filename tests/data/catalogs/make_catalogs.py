"""Write the YAML corpus of tests/data/catalogs/: one small file per kind of YAML fault (issue 10, items 12, 18–20).

Run ``python tests/data/catalogs/make_catalogs.py`` after changing it; tests/catalog/test_yaml_corpus.py
checks that the files here are exactly what this script writes, and what each one gives.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent

HEAD = """\
format: skillframe-catalog/1
framework:
  id: town
  label: 例示町
  publisher: 例示町
  source: plan
  sources: [{id: plan, title: 例示町の方針}]
"""

TARGETS_HEAD = """\
format: skillframe-targets/1
as_of: 2026-10-01
plan:
  baseline_year: 2025
  target_year: 2029
  targets:
"""

DEEP = 3000


def _skills(*lines: str) -> str:
    return HEAD + "skills:\n" + "".join(f"  - {line}\n" for line in lines)


def _step(rule: str) -> str:
    return (
        HEAD
        + "skills:\n  - {id: a, label: スキルA}\n"
        + "personas:\n  - {id: p, label: 推進役, requirements: [{skill: a}]}\n"
        + f"steps:\n  - {{id: p-step1, persona: p, rank: 1, label: Step1, rule: {rule}}}\n"
    )


def _chain(n: int, cycle: bool) -> str:
    lines = [HEAD, "personas:\n"]
    for i in range(n):
        parent = (i + 1) % n if cycle else i - 1
        inherits = f", inherits: [p{parent}]" if cycle or i > 0 else ""
        lines.append(f"  - {{id: p{i}, label: P{i}{inherits}}}\n")
    return "".join(lines)


def files() -> dict[str, str]:
    """File name -> content."""
    return {
        # 18: YAML 1.1 integers. A leading zero is decimal (YAML 1.2); 1.1-only forms are refused.
        "number_leading_zero.yaml": _skills(
            "{id: a, label: スキルA, number: 010}", "{id: b, label: スキルB, number: 011}"
        ),
        "number_underscore.yaml": _skills("{id: a, label: スキルA, number: 1_0}"),
        "number_sexagesimal.yaml": _skills("{id: a, label: 1:30}"),
        "number_binary.yaml": _skills("{id: a, label: スキルA, number: 0b11}"),
        # 12: not-a-number and infinity are never catalog values.
        "min_nan.yaml": _step("{dx_lead_years: {min: .nan}}"),
        "min_inf.yaml": _step("{dx_lead_count: {min: .inf}}"),
        "targets_octal.yaml": TARGETS_HEAD + "    - {kind: count, persona: DX推進員, value: 030, baseline: 012}\n",
        "targets_inf.yaml": TARGETS_HEAD + "    - {kind: count, persona: DX推進員, value: .inf}\n",
        "targets_nan.yaml": TARGETS_HEAD + "    - {kind: step_rate, persona: DX推進員, step: 1, value: .NaN}\n",
        # 19: ids match in full: a trailing newline is not part of a valid id.
        "id_trailing_newline.yaml": _skills('{id: "bpr\\n", label: BPR}'),
        # 20: no recursion limit reachable from input.
        "deep_chain.yaml": _chain(DEEP, cycle=False),
        "deep_cycle.yaml": _chain(DEEP, cycle=True),
    }


def main() -> None:
    for name, text in files().items():
        (HERE / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
