"""The public classes read their annotations, though most are shown as ``skillframe.X``.

Their modules use ``from __future__ import annotations`` and the front door renames
``__module__``; ``typing.get_type_hints``, ``attrs.resolve_types``, cattrs and pdoc must
still find every name (``skillframe._exports``).
"""

from __future__ import annotations

import datetime as dt
import pickle
import types
import typing
from typing import Any, Literal

import attrs
import pytest

import skillframe
import skillframe.errors
import skillframe.history
import skillframe.model
import skillframe.organisation
import skillframe.policy


def _public_classes() -> dict[str, type]:
    out: dict[str, type] = {}
    subpackages = (skillframe.history, skillframe.organisation, skillframe.policy)
    for module in (skillframe, skillframe.model, skillframe.errors, *subpackages):
        for name in module.__all__:
            obj = getattr(module, name)
            if isinstance(obj, type):
                out.setdefault(f"{module.__name__}.{name}", obj)
    return out


CLASSES = _public_classes()


def _unresolved(t: Any) -> list[object]:
    """The strings and forward references left anywhere inside a type (``Literal`` values are values)."""
    if isinstance(t, str | typing.ForwardRef):
        return [t]
    if typing.get_origin(t) is Literal:
        return []
    return [u for a in typing.get_args(t) for u in _unresolved(a)]


def test_the_classes_are_found() -> None:
    assert len(CLASSES) > 80
    assert {"skillframe.Level", "skillframe.Evaluation", "skillframe.model.RequirementChange"} <= CLASSES.keys()
    assert {"skillframe.policy.Figures", "skillframe.history.Move"} <= CLASSES.keys()


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_get_type_hints_resolves_every_annotation(name: str) -> None:
    cls = CLASSES[name]
    hints = typing.get_type_hints(cls, include_extras=True)
    assert {k: _unresolved(v) for k, v in hints.items() if _unresolved(v)} == {}
    if attrs.has(cls):
        attrs.resolve_types(cls)
        fields = {f.name: f.type for f in attrs.fields(cls)}
        assert {k: v for k, v in fields.items() if k in hints} == {k: hints[k] for k in fields.keys() & hints.keys()}


def test_exported_classes_keep_the_front_door_as_module() -> None:
    assert skillframe.Level.__module__ == "skillframe"
    assert repr(skillframe.Evaluation) == "<class 'skillframe.Evaluation'>"
    assert skillframe.Rollup.__module__ == skillframe.RuleContext.__module__ == "skillframe"
    level = skillframe.load().scale("ipa-dss:itss-level").levels[0]
    assert pickle.dumps(level).count(b"skillframe.model.scales") == 0  # pickled by its public name
    assert pickle.loads(pickle.dumps(level)) == level


def test_resolved_types_are_the_definitions() -> None:
    hint = typing.get_type_hints
    assert hint(skillframe.Level)["descriptors"] == tuple[skillframe.model.TypedText, ...]
    assert hint(skillframe.Framework)["sources"] == tuple[skillframe.model.Source, ...]
    assert hint(skillframe.RuleContext)["catalog"] is skillframe.Catalog
    assert hint(skillframe.EffectiveSkill)["skill"] is skillframe.Skill
    assert hint(skillframe.Unmet)["status"] == Literal["unmet", "unknown"]
    assert hint(skillframe.Unmet)["condition"] == skillframe.model.Condition
    assert hint(skillframe.Targets)["as_of"] == (dt.date | types.NoneType)
    assert hint(skillframe.History)["_store"] is skillframe.HistoryStore
    assert hint(skillframe.model.RequirementChange)["provenance"] is skillframe.Provenance


def test_generated_init_reads_its_annotations() -> None:
    """pdoc documents ``__init__``: attrs wrote the field types there as strings."""
    init = skillframe.model.RequirementChange.__init__
    assert init.__annotations__["provenance"] is skillframe.Provenance
    assert typing.get_type_hints(skillframe.Level.__init__)["descriptors"] == tuple[skillframe.model.TypedText, ...]
