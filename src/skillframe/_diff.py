"""What an overlay changes in the framework it extends (``skillframe diff``).

>>> import skillframe
>>> cat = skillframe.load("examples/overlays/small-town.yaml")
>>> for c in diff(cat, "tokyo-wg-2025", "example-town")[:2]:
...     print(c.change, c.base_id, "→", c.overlay_id)
merged tokyo-wg-2025:dx-central → example-town:it-central
removed tokyo-wg-2025:tool-bi → None
>>> c = next(c for c in diff(cat, "tokyo-wg-2025", "example-town") if c.field == "inherits")
>>> c.before
['tokyo-wg-2025:general-staff']
>>> c.after
['example-town:general-staff', 'example-town:dx-promoter']
"""

from __future__ import annotations

from typing import Any, Literal

import attrs

from . import model as m
from ._build.overlay import requalify, requalify_condition
from ._catalog import Catalog
from .conditions.data import condition_tree
from .conditions.describe import describe_condition

__all__ = ["Change", "diff"]

ChangeKind = Literal["added", "removed", "merged", "renamed", "requirements", "rule", "settings", "changed"]
_ORDER = ("merged", "removed", "renamed", "requirements", "rule", "changed", "added", "settings")


@attrs.frozen
class Change:
    """One difference between a base definition and the overlay's version of it.

    ``detail`` says it in words; where the change is a value, ``field`` names it and
    ``before`` / ``after`` are the base's and the overlay's values as JSON-able data
    (``label``: ``{"label", "label_en"}``; ``requirements``: the required skill ids;
    ``inherits``: persona ids; ``rule``: the rule as
    :func:`~skillframe.conditions.data.condition_tree`; ``settings``: ``{"deployed_tools"
    (``None``: all), "departments", "nearly_all"}``). ``None`` for an item added, removed or merged.
    """

    change: ChangeKind
    kind: str
    base_id: str | None
    overlay_id: str | None
    detail: str
    field: str | None = attrs.field(default=None, kw_only=True)
    before: Any = attrs.field(default=None, kw_only=True)
    after: Any = attrs.field(default=None, kw_only=True)


def _requirement_ids(p: m.Persona) -> list[str]:
    return [r.skill.split(":", 1)[1] for r in p.requirements]


def diff(catalog: Catalog, base: str | m.Framework, overlay: str | m.Framework, *, lang: str = "ja") -> list[Change]:
    """Every change ``overlay`` makes to ``base`` (framework keys or objects), grouped by kind of change."""
    b = catalog.framework(base).id
    o = catalog.framework(overlay).id
    origin = {orig: copy for copy, orig in ((c, catalog.copied_from(c)) for c in _ids(catalog, o)) if orig}
    out: list[Change] = []
    for did in _ids(catalog, b):
        d = catalog.get(did)
        kind = catalog.kind_of(did)
        copy_id = origin.get(did)
        if copy_id is None:
            local = did.split(":", 1)[1]
            into = _merged_into(catalog, o, d) if kind == "persona" else None
            if into is not None:
                out.append(Change("merged", kind, did, into.id, f"{d.label} → {into.label}"))
            else:
                out.append(Change("removed", kind, did, None, f"{d.label} ({local})"))
            continue
        c = catalog.get(copy_id)
        if d.label != c.label or d.label_en != c.label_en:
            labels = ({"label": d.label, "label_en": d.label_en}, {"label": c.label, "label_en": c.label_en})
            out.append(Change("renamed", kind, did, copy_id, f"{d.label} → {c.label}", **_values("label", *labels)))
        if isinstance(d, m.Persona):
            before, after = _requirement_ids(d), _requirement_ids(c)
            added = [x for x in after if x not in before]
            gone = [x for x in before if x not in after]
            if added or gone:
                text = " ".join([*(f"+{x}" for x in added), *(f"-{x}" for x in gone)])
                skills = ([r.skill for r in d.requirements], [r.skill for r in c.requirements])
                out.append(Change("requirements", kind, did, copy_id, text, **_values("requirements", *skills)))
            if [x.split(":", 1)[1] for x in d.inherits] != [x.split(":", 1)[1] for x in c.inherits]:
                inherits = _values("inherits", list(d.inherits), list(c.inherits))
                out.append(Change("changed", kind, did, copy_id, f"inherits: {', '.join(c.inherits)}", **inherits))
        if isinstance(d, m.Step) and requalify_condition(d.rule, requalify(b, o)) != c.rule:
            was = describe_condition(catalog, d.rule, d, lang)
            now = describe_condition(catalog, c.rule, c, lang)
            rules = _values("rule", condition_tree(d.rule), condition_tree(c.rule))
            out.append(Change("rule", kind, did, copy_id, f"{was} → {now}", **rules))
    for did in _ids(catalog, o):
        if catalog.copied_from(did) is None:
            out.append(Change("added", catalog.kind_of(did), None, did, catalog.get(did).label))
    settings = catalog.framework(o).settings
    if settings is not None:
        tools = (
            "all" if settings.deployed_tools is None else ", ".join(t.split(":", 1)[1] for t in settings.deployed_tools)
        )
        detail = f"deployed_tools: {tools}; departments: {len(settings.departments)}; nearly_all: {settings.nearly_all}"
        base_settings = _settings(catalog.framework(b).settings)
        out.append(
            Change("settings", "framework", b, o, detail, **_values("settings", base_settings, _settings(settings)))
        )
    return sorted(out, key=lambda c: _ORDER.index(c.change))


def _values(field: str, before: Any, after: Any) -> dict[str, Any]:
    return {"field": field, "before": before, "after": after}


def _settings(s: m.Settings | None) -> dict[str, Any] | None:
    """The settings ``detail`` describes, as data."""
    if s is None:
        return None
    tools = None if s.deployed_tools is None else list(s.deployed_tools)
    return {"deployed_tools": tools, "departments": list(s.departments), "nearly_all": s.nearly_all}


def _ids(catalog: Catalog, fid: str) -> list[str]:
    kinds = ("skill", "persona", "step", "training", "tool", "scale")
    return [d.id for k in kinds for d in catalog.definitions(k).values() if d.framework == fid]


def _merged_into(catalog: Catalog, fid: str, d: m.Persona) -> m.Persona | None:
    for p in catalog.personas(fid):
        if d.label in p.aliases:
            return p
    return None
