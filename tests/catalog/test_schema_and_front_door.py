"""The JSON Schema is generated from the model, shipped, and every built-in file validates."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

import skillframe
from skillframe._schema import catalog_schema
from skillframe.cli import main

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "src" / "skillframe" / "schema" / "catalog.schema.json"
CATALOG_FILES = sorted(
    p
    for p in [*(ROOT / "catalogs").rglob("*.yaml"), *(ROOT / "examples").rglob("*.yaml")]
    if yaml.safe_load(p.read_text("utf-8")).get("format") == "skillframe-catalog/1"
)


def test_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(catalog_schema())


def test_shipped_schema_matches_model() -> None:
    # Regenerate with: skillframe schema -o src/skillframe/schema/catalog.schema.json
    assert json.loads(SHIPPED.read_text("utf-8")) == catalog_schema()


def test_cli_prints_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == catalog_schema()


@pytest.mark.parametrize("path", CATALOG_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_builtin_file_validates_against_schema(path: Path) -> None:
    validator = jsonschema.Draft202012Validator(catalog_schema())
    errors = [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator.iter_errors(yaml.safe_load(path.read_text("utf-8")))
    ]
    assert not errors, errors[:5]


def test_schema_rejects_what_the_loader_rejects() -> None:
    validator = jsonschema.Draft202012Validator(catalog_schema())
    bad = {"format": "skillframe-catalog/1", "framework": "x", "skills": [{"id": "Bad Id", "label": "x"}]}
    assert list(validator.iter_errors(bad))
    bad_rule = {
        "format": "skillframe-catalog/1",
        "framework": "x",
        "steps": [{"id": "s", "persona": "p", "rank": 1, "label": "S", "rule": {"trainned": ["a"]}}],
    }
    assert list(validator.iter_errors(bad_rule))


def test_all_is_sorted_and_complete() -> None:
    names = skillframe.__all__
    assert list(names) == sorted(names)
    for name in names:
        assert hasattr(skillframe, name), name
    for name in names:  # lazily imported names resolve too
        assert getattr(skillframe, name) is not None, name
    public = {
        n
        for n in vars(skillframe)
        if not n.startswith("_")
        and n
        not in {
            "annotations",
            "cli",
            "errors",
            "model",
            "testing",
            "render",
            "conditions",
            "engine",
            "organisation",
            "staff",
            "editions",
            "exchange",
            "policy",
            "forms",
            "history",
        }
    }
    assert public <= set(names), public - set(names)


def test_nothing_is_read_at_import() -> None:
    import subprocess
    import sys

    code = (
        "import pathlib\n"
        "seen = []\n"
        "orig = pathlib.Path.read_bytes\n"
        "def spy(self):\n"
        "    seen.append(str(self))\n"
        "    return orig(self)\n"
        "pathlib.Path.read_bytes = spy\n"
        "import skillframe\n"
        "print(len(seen))\n"
        "skillframe.load()\n"
        "print(len(seen))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out[0] == "0"  # importing reads no catalog
    assert int(out[1]) > 0  # load() does (the spy works)


def test_version() -> None:
    assert skillframe.__version__.count(".") == 2
    assert main(["--version"]) == 0
