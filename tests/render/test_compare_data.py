"""``skillframe.compare_data``: the comparison tables as data, row for row with :func:`skillframe.compare`.

The CLI (``compare --format json``): tests/cli/test_compare_json.py.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs
import pytest

import skillframe
from skillframe import compare, compare_data
from skillframe._compare import ASPECTS

DSM = "tokyo-dsm:level."
WG = "tokyo-wg-2025:draft-dx-promoter-level."


@pytest.mark.parametrize("aspect", ASPECTS)
@pytest.mark.parametrize("persona", [None, "DX推進員"])
def test_one_row_of_data_per_row_of_the_table(cat: skillframe.Catalog, aspect: str, persona: str | None) -> None:
    rows = compare_data(cat, aspect, persona=persona)
    table = compare(cat, aspect, persona=persona)
    assert json.loads(json.dumps(rows)) == rows  # JSON-able as it is
    if aspect == "levels":  # one per level placed; ``row`` is the table's row, the scale its column
        assert sorted({r["row"] for r in rows}) == list(range(1, len(table.rows) + 1))
        for r in rows:
            assert r["level"]["label"] in table.rows[r["row"] - 1][table.headers.index(r["scale"]["label"])]
    else:
        assert len(rows) == len(table.rows)


def test_takes_definitions_as_well_as_keys(cat: skillframe.Catalog) -> None:
    by_key = compare_data(cat, "levels", frameworks="tokyo-dsm,ipa-dss")
    by_object = compare_data(cat, "levels", frameworks=[cat.framework("tokyo-dsm"), cat.framework("ipa-dss")])
    assert by_key == by_object
    assert compare_data(cat, "steps", persona=cat.persona("DX推進員")) == compare_data(cat, "steps", persona="DX推進員")


def test_unknown_aspect_framework_or_persona(cat: skillframe.Catalog) -> None:
    with pytest.raises(skillframe.UnknownKeyError, match="levels"):
        compare_data(cat, "level")
    with pytest.raises(skillframe.UnknownKeyError):
        compare_data(cat, "levels", frameworks="no-such-framework")
    with pytest.raises(skillframe.UnknownKeyError):
        compare_data(cat, "steps", persona="誰でもない人")


def test_an_overlay_ladder_as_data(root: Path) -> None:
    cat = skillframe.load(root / "examples" / "overlays" / "small-town.yaml")
    rows = compare_data(cat, "steps", frameworks="example-town")
    assert rows and all(r["id"].startswith("example-town:") for r in rows)
    assert all(r["persona"]["id"].startswith("example-town:") for r in rows)
    assert [r["rank"] for r in rows] == list(range(1, len(rows) + 1))


# -- alignment with a fake crosswalk (as tests/render/test_tables.py) -------------------------


@attrs.frozen
class FakeMapping:
    subject: Any
    predicate: str
    object: Any
    derived: bool = False
    negated: bool = False
    confidence: float = 0.8


class MappedCatalog:
    """A real catalog plus ``map`` answering from a fixed list of (subject, predicate, object, derived)."""

    def __init__(self, cat: skillframe.Catalog, triples: list[tuple[str, str, str, bool]]) -> None:
        self._cat = cat
        self._triples = triples

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cat, name)

    def __contains__(self, key: object) -> bool:
        return key in self._cat

    def map(self, key: str, to: str) -> list[FakeMapping]:
        return [
            FakeMapping(self._cat.get(key), f"skos:{p}", self._cat.get(o), derived=d)
            for s, p, o, d in self._triples
            if s == key and o.split(":", 1)[0] == to
        ]


def test_levels_data_predicates_seen_from_the_row(cat: skillframe.Catalog) -> None:
    mapped = MappedCatalog(
        cat,
        [
            (DSM + "lv1", "exactMatch", WG + "lv1", False),
            (DSM + "lv2", "closeMatch", WG + "lv2", True),
            (WG + "lv3", "narrowMatch", DSM + "lv3", False),  # stated the other way round
        ],
    )
    rows = compare_data(mapped, "levels", frameworks="tokyo-dsm,tokyo-wg-2025")  # type: ignore[arg-type]
    wg = {r["level"]["id"]: r for r in rows if r["scale"]["id"] == "tokyo-wg-2025:draft-dx-promoter-level"}
    got = {k.rsplit(".", 1)[1]: (v["row"], v["placement"], v["mapping"], v["derived"]) for k, v in wg.items()}
    assert got == {
        "lv1": (2, "mapping", {"subject": DSM + "lv1", "predicate": "skos:exactMatch", "object": WG + "lv1"}, False),
        "lv2": (3, "mapping", {"subject": DSM + "lv2", "predicate": "skos:closeMatch", "object": WG + "lv2"}, True),
        # WG lv3 narrowMatch DSM lv3: seen from DSM lv3 (the row's first cell) the WG level is broader
        "lv3": (4, "mapping", {"subject": DSM + "lv3", "predicate": "skos:broadMatch", "object": WG + "lv3"}, False),
        "lv4": (5, "neighbour", None, None),
    }
    assert all(r["confidence"] == 0.8 for r in wg.values() if r["mapping"])
    # the table shows the same as marks
    assert [c.split("\n")[0] for _, c in compare(mapped, "levels", frameworks="tokyo-dsm,tokyo-wg-2025").rows][1:4] == [  # type: ignore[arg-type]
        "= Lv1",
        "≈ Lv2*",
        "⊃ Lv3",
    ]


def test_negated_mapping_is_never_a_counterpart(cat: skillframe.Catalog) -> None:
    class Negated(MappedCatalog):
        def map(self, key: str, to: str) -> list[FakeMapping]:
            return [attrs.evolve(mp, negated=True) for mp in super().map(key, to)]

    neg = Negated(cat, [("tokyo-wg-2025:dx-promoter", "exactMatch", "mic-guidebook-2024:dx-leader", False)])
    (row,) = compare_data(neg, "personas", persona="DX推進員")  # type: ignore[arg-type]
    assert row["counterparts"] == []
    pos = MappedCatalog(cat, [("tokyo-wg-2025:dx-promoter", "exactMatch", "mic-guidebook-2024:dx-leader", False)])
    (row,) = compare_data(pos, "personas", persona="DX推進員")  # type: ignore[arg-type]
    assert [(c["framework"], c["predicate"], c["object"]["id"]) for c in row["counterparts"]] == [
        ("mic-guidebook-2024", "skos:exactMatch", "mic-guidebook-2024:dx-leader")
    ]
