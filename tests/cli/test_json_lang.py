"""``--format json`` is for programs: the same document under ``--lang ja`` and ``--lang en``, its
keys English snake_case, ids where the tables show labels (the labels beside them as ``label`` /
``label_en``), lists and pairs as JSON, not joined text. The text formats keep showing the labels of
``--lang``. ``compare`` too: its JSON is the comparison as data, not the table as shown.

history: tests/organisation/history/test_history_json.py; compare's values: test_compare_json.py.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
EDITIONS = ROOT / "tests" / "data" / "editions"
SNAKE = re.compile(r"[a-z][a-z0-9_]*")
WG = "tokyo-wg-2025"

#: One invocation of every command that writes JSON (evaluate's own tests: tests/engine, docs/evaluation-json.md).
INVOCATIONS: dict[str, tuple[str, ...]] = {
    **{f"list {w}": ("list", w) for w in ("frameworks", "personas", "skills", "steps", "scales", "trainings", "tools")},
    "show persona": ("show", "DX推進員"),
    "show step": ("show", f"{WG}:dx-promoter-step2"),
    "map": ("map", "tokyo-wg-2025:network-design", "--to", "tokyo-dsm"),
    "map derived": ("map", "データ（ビジネス）ストラテジスト", "--to", "tokyo-dsm"),
    "map explain": ("map", "DX推進員", "--explain"),
    "diff overlay": ("diff", WG, str(EXAMPLES / "overlays" / "special-ward.yaml")),
    "diff editions": (
        "diff",
        "town-std@1.2",
        "town-std@2.0",
        "--editions",
        str(EDITIONS / "town-std-1.2-to-2.0.yaml"),
        "--catalog",
        str(EDITIONS / "town-std-1.2.yaml"),
        "--catalog",
        str(EDITIONS / "town-std-2.0.yaml"),
    ),
    "advise": ("advise", "--catalog", str(EXAMPLES / "policy" / "town.yaml")),
    "form": ("form", "--persona", "DX推進員"),
    **{
        f"compare {a}": ("compare", a) for a in ("levels", "personas", "skills", "persona-skills", "steps", "trainings")
    },
    "compare levels --persona": ("compare", "levels", "--persona", "mic-guidebook-2024:dx-leader"),
    "compare skills --persona": ("compare", "skills", "--persona", "DX推進員", "--frameworks", "tokyo-wg-2025,ipa-dss"),
    "compare steps --persona": ("compare", "steps", "--persona", "全庁情報システム担当"),
    "compare trainings --persona": ("compare", "trainings", "--persona", "DX推進員"),
}


def _json(run: Callable[..., str], *argv: str, lang: str = "ja") -> Any:
    return json.loads(run(*argv, "--format", "json", "--lang", lang))


def _csv(run: Callable[..., str], *argv: str, lang: str = "en") -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(run(*argv, "--format", "csv", "--lang", lang).lstrip("\ufeff"))))


def _keys(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [k for key, v in value.items() for k in (key, *_keys(v))]
    if isinstance(value, list):
        return [k for v in value for k in _keys(v)]
    return []


@pytest.mark.parametrize("name", list(INVOCATIONS))
def test_json_is_the_same_whatever_the_language(run: Callable[..., str], name: str) -> None:
    argv = INVOCATIONS[name]
    ja, en = _json(run, *argv, lang="ja"), _json(run, *argv, lang="en")
    assert ja, name
    assert ja == en, name
    bad = sorted({k for k in _keys(ja) if not SNAKE.fullmatch(k)})
    assert not bad, f"{name}: keys that are not English snake_case: {bad}"
    if isinstance(ja, list):  # one object per table row, every row with the same keys
        assert len({tuple(row) for row in ja}) == 1, name


def test_compare_json_is_data_not_the_table(run: Callable[..., str]) -> None:
    ja, en = _json(run, "compare", "personas", lang="ja"), _json(run, "compare", "personas", lang="en")
    assert ja == en and isinstance(ja, list)  # one object per row, not {"title", "headers", "rows", "notes"}
    shown = _csv(run, "compare", "personas")
    assert len(ja) == len(shown) and list(shown[0]) == ["ipa-dss", "mic-guidebook-2024", "tokyo-dsm", WG]


# -- list ------------------------------------------------------------------------------------


def test_list_json_gives_both_labels_and_refers_by_id(run: Callable[..., str]) -> None:
    personas = {r["id"]: r for r in _json(run, "list", "personas")}
    promoter = personas[f"{WG}:dx-promoter"]
    assert (promoter["label"], promoter["label_en"]) == ("DX推進員", "DX promoter")
    steps = {r["id"]: r for r in _json(run, "list", "steps", "--framework", WG)}
    step1 = steps[f"{WG}:dx-promoter-step1"]
    assert step1["persona"] == {"id": f"{WG}:dx-promoter", "label": "DX推進員", "label_en": "DX promoter"}
    assert (step1["rank"], step1["label"], step1["label_en"]) == (1, "Step1 (Off-JT)", "Step 1 (Off-JT)")
    assert step1["description"].startswith("人材要件で定める") and step1["description_en"].startswith("Has the")
    trainings = {r["id"]: r for r in _json(run, "list", "trainings")}
    assert trainings[f"{WG}:dx-mindset-training"]["skills"] == [
        {"id": f"{WG}:dx-necessity", "label": "DXの必要性理解", "label_en": "Understanding the need for DX"}
    ]
    tools = {r["id"]: r for r in _json(run, "list", "tools")}
    assert tools["tokyo-dsm:excel"]["checklist_items"] == 12
    # the text formats show the labels of --lang, as before
    shown = {r["id"]: r for r in _csv(run, "list", "steps", "--framework", WG)}
    assert shown[f"{WG}:dx-promoter-step1"]["persona"] == "DX promoter"
    shown = {r["ID"]: r for r in _csv(run, "list", "steps", "--framework", WG, lang="ja")}
    assert shown[f"{WG}:dx-promoter-step1"]["人材像"] == "DX推進員"
    shown = {r["id"]: r for r in _csv(run, "list", "tools")}
    assert shown["tokyo-dsm:excel"]["checklist items"] == "12"


# -- map -------------------------------------------------------------------------------------


CONFLICT = """\
format: skillframe-mappings/1
mapping_set:
  id: conflict-fixture
  title: fixture
  license: https://spdx.org/licenses/MIT.html
mappings:
  - subject: tokyo-wg-2025:draft-dx-promoter-level.lv2
    predicate: skos:exactMatch
    object: mic-guidebook-2024:org-level.level2
    basis: judgement
    confidence: 0.5
    comment: test fixture
  - subject: mic-guidebook-2024:org-level.level2
    predicate: skos:exactMatch
    object: tokyo-wg-2025:dx-promoter-step2
    basis: judgement
    confidence: 0.5
    comment: test fixture (absurd on purpose)
"""


def test_map_json_label_beside_the_object(run: Callable[..., str]) -> None:
    (row,) = _json(run, "map", "データ（ビジネス）ストラテジスト", "--to", "tokyo-dsm")
    assert (row["object"], row["label"], row["label_en"]) == (
        "tokyo-dsm:ds",
        "データサイエンティスト",
        "Data scientist",
    )
    assert row["mapping_sets"] == ["persona-judgements"]  # both hops' set, once
    (shown,) = _csv(run, "map", "データ（ビジネス）ストラテジスト", "--to", "tokyo-dsm")
    assert (shown["label"], shown["mapping set"]) == ("Data scientist", "persona-judgements")


def test_map_json_mapping_sets_a_list(run: Callable[..., str], tmp_path: Path) -> None:
    f = tmp_path / "conflict.yaml"
    f.write_text(CONFLICT, encoding="utf-8")
    argv = ("map", f"{WG}:draft-dx-promoter-level.lv2", "--to", WG, "-c", str(f))
    (row,) = [r for r in _json(run, *argv) if r["object"] == f"{WG}:draft-dx-promoter-level.lv3"]
    assert row["mapping_sets"] == ["conflict-fixture", "wg-draft-ladder"]
    (shown,) = [r for r in _csv(run, *argv) if r["object"] == f"{WG}:draft-dx-promoter-level.lv3"]
    assert shown["mapping set"] == "conflict-fixture, wg-draft-ladder"


def test_map_explain_json_hops_and_evidence_are_data(run: Callable[..., str]) -> None:
    rows = _json(run, "map", "データ（ビジネス）ストラテジスト", "--to", "tokyo-dsm", "--explain")
    first, second = rows
    assert (first["mapping"], first["conflict"], first["object"], first["label_en"]) == (
        1,
        False,
        "tokyo-dsm:ds",
        "Data scientist",
    )
    assert first["hop_mapping"] == {
        "subject": f"{WG}:data-strategist",
        "predicate": "skos:broadMatch",
        "object": "ipa-dss:data-business-strategist",
    }
    assert second["mapping"] is None and second["label"] is None and second["hop"] == 2
    assert second["evidence"]["locator"].startswith("DSS-P") and second["evidence"]["quote"] is None
    shown = _csv(run, "map", "データ（ビジネス）ストラテジスト", "--to", "tokyo-dsm", "--explain")
    assert shown[0]["object"] == "tokyo-dsm:ds (Data scientist)"
    assert shown[0]["hop mapping"] == f"{WG}:data-strategist broader ipa-dss:data-business-strategist"


def test_map_explain_json_conflict_row(run: Callable[..., str], tmp_path: Path) -> None:
    f = tmp_path / "conflict.yaml"
    f.write_text(CONFLICT, encoding="utf-8")
    argv = ("map", f"{WG}:draft-dx-promoter-level.lv2", "--to", WG, "--explain", "-c", str(f))
    ja, en = _json(run, *argv, lang="ja"), _json(run, *argv, lang="en")
    assert ja == en
    (conflict,) = [r for r in ja if r["conflict"]]
    assert conflict["mapping"] is None and conflict["hop"] is None
    assert (conflict["predicate"], conflict["object"]) == ("skos:exactMatch", f"{WG}:dx-promoter-step2")
    assert conflict["hop_mapping"] == {
        "subject": f"{WG}:draft-dx-promoter-level.lv2",
        "predicate": "Not skos:exactMatch",
        "object": f"{WG}:dx-promoter-step2",
    }
    assert set(conflict["evidence"]) == {"locator", "quote", "comment", "comment_ja"}
    assert all(isinstance(r["mapping"], int) for r in ja if not r["conflict"] and r["hop"] == 1)
    shown = _csv(run, *argv)
    assert [r["#"] for r in shown if r["#"] == "conflict"] == ["conflict"]
    assert any(r["evidence"].startswith("denied by a negative mapping: ") for r in shown)


# -- diff ------------------------------------------------------------------------------------


def test_diff_json_detail_in_both_languages(run: Callable[..., str]) -> None:
    rows = _json(run, *INVOCATIONS["diff overlay"])
    (rule,) = [r for r in rows if r["change"] == "rule"]
    assert rule["detail"].startswith("DX案件リード年数 1以上 → ")
    assert rule["detail_en"].startswith("years leading DX projects ≥ 1 → ")
    shown = [r for r in _csv(run, *INVOCATIONS["diff overlay"]) if r["change"] == "rule"]
    assert [r["detail"] for r in shown] == [rule["detail_en"]]
    assert all("detail_en" not in r for r in shown)
