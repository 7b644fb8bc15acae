"""Generated catalogs: the loader accepts them or raises CatalogError — never anything else."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import skillframe
from skillframe._build.link import build
from skillframe._formats.yaml import parse

ids = st.sampled_from(["a", "b", "c", "p", "q", "Bad Id", "", "x:y", "a.b"])
texts = st.one_of(st.text(max_size=8), st.integers(), st.none(), st.booleans())
scalar = st.one_of(texts, ids, st.floats(allow_nan=False))
refs = st.lists(ids, max_size=3)

condition: st.SearchStrategy[Any] = st.recursive(
    st.one_of(
        st.fixed_dictionaries({"trained": refs}),
        st.fixed_dictionaries({"trained": st.fixed_dictionaries({"skills_of": st.sampled_from(["self", "p", "zz"])})}),
        st.fixed_dictionaries({"dsm": st.fixed_dictionaries({"skills": refs, "min": st.integers(-1, 5)})}),
        st.fixed_dictionaries({"dx_lead_years": st.fixed_dictionaries({"min": scalar})}),
        st.fixed_dictionaries({"mentoring": scalar}),
        st.fixed_dictionaries({"nonsense": scalar}),
        st.fixed_dictionaries({"tools": st.fixed_dictionaries({"deployed": st.booleans(), "min": st.integers(0, 4)})}),
        st.fixed_dictionaries({"custom": st.fixed_dictionaries({"rule": ids})}),
        scalar,
    ),
    lambda inner: st.one_of(
        st.fixed_dictionaries({"all": st.lists(inner, max_size=3)}),
        st.fixed_dictionaries({"any": st.lists(inner, max_size=3)}),
        st.fixed_dictionaries({"not": inner}),
    ),
    max_leaves=6,
)

skill = st.fixed_dictionaries(
    {"id": ids, "label": texts}, optional={"tags": st.lists(texts, max_size=2), "category": texts}
)
persona = st.fixed_dictionaries(
    {"id": ids, "label": texts},
    optional={
        "inherits": refs,
        "requirements": st.lists(st.fixed_dictionaries({"skill": ids}, optional={"level": scalar}), max_size=3),
        "variants": st.lists(st.fixed_dictionaries({"id": ids, "label": texts}), max_size=2),
    },
)
step = st.fixed_dictionaries(
    {"id": ids, "persona": ids, "rank": st.one_of(st.integers(0, 4), texts), "label": texts},
    optional={"rule": condition},
)
scale = st.fixed_dictionaries(
    {"id": ids, "label": texts},
    optional={
        "levels": st.lists(st.fixed_dictionaries({"id": ids, "rank": st.integers(0, 3), "label": texts}), max_size=3),
        "measures": st.sampled_from(["person", "organisation", "team"]),
    },
)
framework = st.one_of(
    st.fixed_dictionaries({"id": ids, "label": texts, "publisher": texts, "source": ids}),
    ids,
    scalar,
)
catalog = st.fixed_dictionaries(
    {"format": st.sampled_from(["skillframe-catalog/1", "skillframe-catalog/1", "other"]), "framework": framework},
    optional={
        "skills": st.one_of(st.lists(skill, max_size=4), scalar),
        "personas": st.lists(persona, max_size=3),
        "steps": st.lists(step, max_size=3),
        "scales": st.lists(scale, max_size=2),
        "trainings": st.lists(st.fixed_dictionaries({"id": ids, "label": texts, "skills": refs}), max_size=2),
    },
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalog)
def test_generated_catalogs_load_or_raise_catalog_error(data: dict[str, Any]) -> None:
    text = yaml.safe_dump(data, allow_unicode=True)
    doc = parse(text, "gen.yaml")
    try:
        build([doc])
    except skillframe.CatalogError as exc:
        assert exc.problems
        assert all(p.file == "gen.yaml" for p in exc.problems)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_arbitrary_bytes_never_crash(raw: bytes) -> None:
    with contextlib.suppress(skillframe.CatalogError):
        build([parse(raw, "raw.yaml")])


def test_generated_file_through_load(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("format: skillframe-catalog/1\nframework: nowhere\n", encoding="utf-8")
    try:
        skillframe.load(path, builtins=False)
    except skillframe.CatalogError as exc:
        assert "unknown framework 'nowhere'" in str(exc)
    else:  # pragma: no cover
        raise AssertionError("expected a CatalogError")
