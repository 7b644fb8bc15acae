"""Every error skillframe raises on purpose has a machine-readable ``code`` (errors.py)."""

from __future__ import annotations

import importlib
import pkgutil
import re

import skillframe
from skillframe.errors import CatalogError, SkillframeError, UnknownKeyError

KEBAB = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")


def _subclasses(cls: type) -> set[type]:
    out = set()
    for sub in cls.__subclasses__():
        out |= {sub, *_subclasses(sub)}
    return out


def test_every_error_class_has_its_own_code() -> None:
    for mod in pkgutil.walk_packages(skillframe.__path__, "skillframe."):
        if ".cli" not in mod.name and "__main__" not in mod.name:
            importlib.import_module(mod.name)
    classes = _subclasses(SkillframeError)
    assert len(classes) >= 15
    for cls in classes:
        code = cls.code  # its own or a parent's (AmbiguousPersonaError is an ambiguous-key)
        if code == SkillframeError.code:  # not a class-wide one: the instance sets its own
            assert "self.code" in _init_source(cls), cls
            continue
        assert KEBAB.fullmatch(code), (cls, code)
    class_codes = [c.__dict__["code"] for c in classes if "code" in c.__dict__]
    assert len(class_codes) == len(set(class_codes)), class_codes


def _init_source(cls: type) -> str:
    import inspect

    for klass in cls.__mro__:
        if "__init__" in klass.__dict__:
            return inspect.getsource(klass.__dict__["__init__"])
    return ""


def test_codes_of_raised_errors(cat: skillframe.Catalog) -> None:
    try:
        cat.persona("no-such-persona")
    except UnknownKeyError as e:
        assert e.code == "unknown-key"
    else:  # pragma: no cover
        raise AssertionError("no error")
    assert CatalogError([]).code == "catalog-invalid"
