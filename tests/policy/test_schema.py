"""The shipped policy schema is current and every built-in policy file (and the example overlay) validates."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import yaml

from skillframe._schema import catalog_schema
from skillframe.policy import builtin_policy_files
from skillframe.policy.schema import policy_schema, policy_schema_json

SHIPPED = Path(__file__).resolve().parents[2] / "src" / "skillframe" / "schema" / "policy.schema.json"


def test_shipped_schema_is_current() -> None:
    assert SHIPPED.read_text(encoding="utf-8") == policy_schema_json()
    jsonschema.Draft202012Validator.check_schema(policy_schema())


def test_builtin_files_validate() -> None:
    files = builtin_policy_files()
    assert [f.name for f in files] == [
        "development.yaml",
        "plans.yaml",
        "process.yaml",
        "roles.yaml",
        "securing.yaml",
        "usage.yaml",
    ]
    schema = json.loads(SHIPPED.read_text(encoding="utf-8"))
    for f in files:
        jsonschema.validate(yaml.safe_load(f.read_text(encoding="utf-8")), schema)


def test_schema_rejects_a_wrong_mark() -> None:
    doc = {
        "format": "skillframe-policy/1",
        "decisions": [
            {
                "id": "d",
                "label": "D",
                "answer": "x",
                "cite": {"locator": "a"},
                "rows": [
                    {
                        "id": "r",
                        "when": "a",
                        "condition": "c",
                        "mark": "◎",
                        "recommendation": "r",
                        "reason": "r",
                        "cite": {"locator": "a"},
                    }
                ],
            }
        ],
    }
    errors = list(jsonschema.Draft202012Validator(policy_schema()).iter_errors(doc))
    assert errors and "◎" in errors[0].message


def test_example_overlay_validates(root: Path) -> None:
    jsonschema.validate(
        yaml.safe_load((root / "examples/policy/town.yaml").read_text(encoding="utf-8")), catalog_schema()
    )
