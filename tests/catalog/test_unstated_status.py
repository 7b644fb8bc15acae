"""A status the catalog does not state is not assumed (a scale's, as a framework's)."""

from __future__ import annotations

import json
from pathlib import Path

import skillframe


def test_a_scale_states_its_status_or_has_none(tmp_path: Path) -> None:
    # a town's own scale that says nothing of its status is not assumed current (nor exported so)
    from skillframe.exchange import case_json

    town = tmp_path / "town.yaml"
    town.write_text(
        "format: skillframe-catalog/1\n"
        "framework: {id: town, label: 町, publisher: 町, source: plan, sources: [{id: plan, title: 方針}]}\n"
        "scales:\n"
        "  - id: lv\n    label: 町のレベル\n    levels:\n"
        "      - {id: l1, rank: 1, label: 一, provenance: {locator: p.1}}\n",
        encoding="utf-8",
    )
    cat = skillframe.load(town, builtins=False, cache=False)
    assert cat.scale("town:lv").status is None
    doc = json.loads(case_json(cat, "town"))
    items = doc["CFItems"]
    (item,) = [i for i in items if i["identifier"].endswith("town:lv") or i.get("humanCodingScheme") == "town:lv"]
    assert "status" not in json.dumps(item.get("extensions", {}))
