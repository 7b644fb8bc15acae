"""A custom rule module and the overlay that uses it, for tests of rules that raise for some
records (the rule raises for ids ending in 7 and holds for ids ending in 1)."""

from __future__ import annotations

from pathlib import Path


def write_raising_rule(tmp: Path, name: str, step: str = "dx-promoter-step1") -> list[str]:
    """Write ``{name}.py`` and ``town.yaml`` (framework ``rule-town`` extending the WG
    framework, ``step`` extended by the rule) into ``tmp``; the options that load them."""
    (tmp / f"{name}.py").write_text(
        "import attrs\nimport skillframe\n\n"
        "@attrs.frozen\nclass P:\n    n: int = 0\n\n"
        f"@skillframe.rule({name!r}, params=P)\n"
        "def check(record, params, context):\n"
        "    if record.id.endswith('7'):\n"
        "        raise RuntimeError('boom')\n"
        "    return record.id.endswith('1')\n",
        encoding="utf-8",
    )
    (tmp / "town.yaml").write_text(
        "format: skillframe-catalog/1\nframework:\n  id: rule-town\n  label: 規則町\n  publisher: 規則町\n"
        "  source: s\n  sources: [{id: s, title: 規則町}]\n  extends: tokyo-wg-2025\n"
        f"overlay:\n  rules:\n    - step: {step}\n      extend: {{custom: {{rule: {name}, params: {{n: 1}}}}}}\n",
        encoding="utf-8",
    )
    return ["--rules", f"{name}.py", "--catalog", "town.yaml"]
