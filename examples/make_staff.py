"""Generate ``examples/staff.csv``: 40 fictional staff of a fictional town, in CP932.

Municipal spreadsheets are usually saved from Excel as Shift_JIS (CP932), with Japanese
values: persona labels, department names, skill labels in ``trainings``, はい/いいえ and
some full-width digits. The column names are the documented ones (see ``skillframe._staff``).
Deterministic (fixed seed): ``python examples/make_staff.py`` rewrites the same file.
"""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
GENERAL = [
    "DXの必要性理解",
    "顧客/ユーザー理解",
    "行政職員のためのデジタル技術の基礎知識",
    "セキュリティリテラシー",
    "プライバシー保護理解",
]
PROMOTER = [
    "プロジェクトマネジメント",
    "価値発見/定義",
    "データ理解/活用",
    "業務分析/BPR",
    "サービス検証（顧客/ユーザー視点）",
    "庁内ITガバナンスに対する理解",
]
CENTRAL = ["変革マネジメント", "データ・AI活用業務の設計・事業実装・評価"]
IT_G1 = ["ITストラテジー", "システム監査"]
IT_G2 = ["システムアーキテクチャ", "クラウドサービス活用", "ネットワーク設計", "運用設計"]
IT_G3 = ["プロジェクトマネジメント", "システム管理", "サイバーセキュリティ"]
TOOLS = [
    "Teams",
    "Word",
    "Excel",
    "PowerPoint",
    "Copilot",
    "Forms",
    "LoGoフォーム",
    "Power Automate",
    "Power BI",
    "Kintone",
]
LINE = ["総務課", "税務課", "市民課", "福祉課", "子育て支援課", "環境課", "都市計画課", "産業振興課"]
CENTRE = ["デジタル推進課", "情報政策課"]
COLUMNS = [
    "id",
    "persona",
    "department",
    "trainings",
    "dx_project_years",
    "dx_lead_years",
    "dx_lead_count",
    "mentoring",
    *(f"dsm:{s}" for s in IT_G1 + IT_G2 + IT_G3),
    *(f"tool:{t}" for t in TOOLS),
    "check:Excel",
]
FULL = str.maketrans("0123456789.", "０１２３４５６７８９．")


def _num(rng: random.Random, value: float) -> str:
    text = str(int(value)) if float(value).is_integer() else str(value)
    return text.translate(FULL) if rng.random() < 0.3 else text  # some typed with a Japanese IME


def _yes(rng: random.Random, p: float) -> str:
    return "はい" if rng.random() < p else "いいえ"


def _trained(rng: random.Random, skills: list[str], p: float) -> list[str]:
    return [s for s in skills if rng.random() < p]


def make(n: int = 40, seed: int = 2025) -> list[dict[str, str]]:
    rng = random.Random(seed)
    rows: list[dict[str, str]] = []
    for i in range(1, n + 1):
        kind = rng.choices(["一般行政職員", "DX推進員", "全庁DX推進担当", "全庁情報システム担当"], [14, 14, 6, 6])[0]
        row = dict.fromkeys(COLUMNS, "")
        row["id"] = f"S{i:03d}"
        row["persona"] = kind
        row["department"] = rng.choice(CENTRE if kind.startswith("全庁") else LINE)
        if kind == "一般行政職員":
            row["trainings"] = ";".join(_trained(rng, GENERAL, 0.85))
            for t in TOOLS:
                row[f"tool:{t}"] = _num(rng, rng.choice([0, 1, 1, 1, 2, 2, 3]) if rng.random() < 0.9 else 1)
            if rng.random() < 0.5:  # ticked the Excel checklist instead of declaring a level
                row["tool:Excel"] = ""
                ticks = ["excel-1-1", "excel-1-2", "excel-1-3", "excel-1-4"][: rng.choice([3, 4, 4])]
                if rng.random() < 0.5:
                    ticks += ["SUM", "ROUND", "IF/IFS", "XLOOKUP", "COUNTIF/COUNTIFS"]
                row["check:Excel"] = ";".join(ticks)
        elif kind in ("DX推進員", "全庁DX推進担当"):
            skills = GENERAL + PROMOTER + (CENTRAL if kind == "全庁DX推進担当" else [])
            row["trainings"] = ";".join(_trained(rng, skills, 0.93))
            years = rng.choice([0, 0.5, 1, 1.5, 2, 3])
            row["dx_project_years"] = _num(rng, years + rng.choice([0, 1]))
            row["dx_lead_years"] = _num(rng, years)
            row["dx_lead_count"] = _num(rng, rng.choice([0, 1, 2, 3]) if years else 0)
            row["mentoring"] = _yes(rng, 0.4)
        else:
            row["trainings"] = ";".join(_trained(rng, GENERAL + IT_G3, 0.9))
            stage = rng.choice([0, 1, 2, 3])
            for group, base in ((IT_G1, stage - 2), (IT_G2, stage - 1), (IT_G3, stage)):
                for s in group:
                    lv = max(0, min(3, base + rng.choice([0, 0, 0, -1, 1])))
                    row[f"dsm:{s}"] = f"Lv.{_num(rng, lv)}" if rng.random() < 0.5 else _num(rng, lv)
            row["mentoring"] = _yes(rng, 0.3)
        rows.append(row)
    return rows


def main(argv: list[str]) -> None:
    path = Path(argv[0]) if argv else HERE / "staff.csv"
    with path.open("w", encoding="cp932", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\r\n")
        w.writeheader()
        w.writerows(make())
    print(f"wrote {path}")


if __name__ == "__main__":
    main(sys.argv[1:])
