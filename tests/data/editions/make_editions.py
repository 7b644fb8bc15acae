# ruff: noqa: E501 - the fixture text is kept as the files read
"""Write the fixture edition pair used by tests/catalog/test_editions.py (run: python make_editions.py).

A FICTIONAL framework 架空市 デジタル人材スキル標準 in two editions, built only for the tests
(it is not DSS 2.0 or any real edition): 1.2 (framework ``town-std-1-2``) and 2.0 (framework
``town-std``), an edition map between them, and a staff file in edition 1.2. The tests check
that the files in this folder are what this script writes.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

_SOURCE = """  source: fixture
  sources:
    - id: fixture
      title: 架空市 デジタル人材スキル標準（テスト用の架空の版）
      note: fictional, for the tests only / テスト専用の架空の資料
"""

_TOOL = """tools:
  - id: excel
    label: Excel
    levels:
      - {{rank: 0, label: 未活用, checklist: []}}
      - rank: 1
        label: 初級
        checklist:
{items}
"""

_X1 = "          - {id: x1, text: SUMを使える}"
_X2 = "          - {id: x2, text: 並び替えができる}"
_TOOL_V1 = _TOOL.format(items=_X1 + "\n" + _X2)
_TOOL_V2 = _TOOL.format(items=_X1)

FILES: dict[str, str] = {
    "town-std-1.2.yaml": f"""# Fixture (fictional): edition 1.2 of 架空市 デジタル人材スキル標準. Written by make_editions.py.
format: skillframe-catalog/1
framework:
  id: town-std-1-2
  label: 架空市 デジタル人材スキル標準 1.2
  label_en: Fictional city digital skill standard 1.2
  publisher: 架空市（テスト用） / Fictional city (tests)
  version: "1.2"
  issued: "2024-04"
  status: superseded
  superseded_by: town-std
{_SOURCE}skills:
  - {{id: bpr, label: 業務分析/BPR, definition: 業務を可視化し見直す}}
  - {{id: data, label: データ理解/活用, definition: データを読み解く}}
  - {{id: security, label: セキュリティ, definition: 情報を守る}}
  - {{id: fax, label: FAX運用, definition: FAXで送受信する}}
  - {{id: design, label: デザイン思考, definition: 利用者から考える}}
  - {{id: legacy-it, label: レガシー基盤, definition: 既存の基盤を保守する}}
  - {{id: minutes, label: 議事録作成, definition: 会議の記録を作る}}
personas:
  - id: staff
    label: 一般職員
    requirements: [{{skill: security}}, {{skill: minutes}}]
  - id: promoter
    label: DX推進員
    inherits: [staff]
    requirements: [{{skill: bpr}}, {{skill: data}}, {{skill: design}}]
{_TOOL_V1}""",
    "town-std-2.0.yaml": f"""# Fixture (fictional): edition 2.0 of 架空市 デジタル人材スキル標準. Written by make_editions.py.
format: skillframe-catalog/1
framework:
  id: town-std
  label: 架空市 デジタル人材スキル標準
  label_en: Fictional city digital skill standard
  publisher: 架空市（テスト用） / Fictional city (tests)
  version: "2.0"
  issued: "2026-04"
  status: current
{_SOURCE}  history:
    - {{version: "1.2", issued: "2024-04", status: superseded, replaced_by: "2.0", source: fixture, contents: town-std-1-2}}
    - {{version: "2.0", issued: "2026-04", status: current, replaces: "1.2", source: fixture}}
skills:
  - {{id: business-analysis, label: ビジネスアナリシス, definition: 業務を可視化し見直す}}
  - {{id: data, label: データ活用, definition: データを読み解く}}
  - {{id: security, label: セキュリティ, definition: 情報を守り、事故に備える}}
  - {{id: service-design, label: サービスデザイン, definition: 利用者から考える}}
  - {{id: infra, label: 情報基盤, definition: 基盤を設計し運用する}}
  - {{id: ai, label: 生成AI活用, definition: 生成AIを業務に使う}}
personas:
  - id: staff
    label: 一般職員
    requirements: [{{skill: security}}, {{skill: ai}}]
  - id: promoter
    label: DX推進員
    inherits: [staff]
    requirements: [{{skill: business-analysis}}, {{skill: data}}, {{skill: service-design}}]
{_TOOL_V2}""",
    "town-std-1.2-to-2.0.yaml": """# Fixture (fictional): how edition 1.2 becomes 2.0. Written by make_editions.py.
# same_ids: an unmapped item whose id exists in 2.0 carries over as itself.
# minutes (議事録作成) is deliberately left out: it must be listed, never dropped.
format: skillframe-editions/1
edition_map:
  id: town-std-1.2-to-2.0
  title: 架空市 スキル標準 1.2 → 2.0
  from: town-std@1.2
  to: town-std@2.0
  same_ids: true
mappings:
  - {subject: bpr, predicate: replacedBy, object: business-analysis, confidence: 1.0, comment: 名称変更}
  - {subject: design, predicate: skos:closeMatch, object: service-design, confidence: 0.8}
  - {subject: legacy-it, predicate: skos:broadMatch, object: infra, confidence: 0.9}
  - {subject: fax, predicate: replacedBy, object: sssom:NoTermFound, comment: 2.0で廃止}
""",
    "town-staff-1.2.csv": "\ufeff"
    + "\r\n".join(
        [
            "id,persona,department,trainings,dx_lead_years,mentoring,dsm:bpr,dsm:legacy-it,tool:excel,check:excel,memo",
            "S01,DX推進員,総務課,bpr;data;security;fax,1.5,はい,2,1,1,x1;x2,係長",
            "S02,一般職員,住民課,security;design;minutes,,いいえ,,,0,,",
            "S03,DX推進員,産業課,,2,,3,,,,",
            "S04,存在しない類型,総務課,nope,,,,,,,",
            "S05,一般職員,総務課,security,,maybe,,,,,",
        ]
    )
    + "\r\n",
}


def main(argv: list[str]) -> int:
    """Write the files (``--check``: only compare, exit 1 on a difference)."""
    check = "--check" in argv
    stale = []
    for name, text in FILES.items():
        path = HERE / name
        data = text.encode("utf-8")
        if check:
            if not path.is_file() or path.read_bytes() != data:
                stale.append(name)
        else:
            path.write_bytes(data)
    if stale:
        print("stale:", ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
