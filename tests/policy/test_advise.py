"""``skillframe.advise``: each decision row and each 策定パターン selected by a profile; missing answers named."""

from __future__ import annotations

from pathlib import Path

import pytest

import skillframe
from skillframe.model import Profile
from skillframe.policy import advise
from skillframe.policy.advice import cite_summary

from .conftest import TOWN


@pytest.fixture(scope="module")
def cat() -> skillframe.Catalog:
    return skillframe.load()


@pytest.mark.parametrize(
    ("arrangement", "text", "reason", "risky"),
    [
        # §5 判断表 (lines 930-932)
        ("single", "制度化は非推奨", "職員で主導する領域が少ないため、専門性の育成＆活用の場が少ない", False),
        (
            "small",
            "将来的に制度化検討",
            "中期的なプロジェクトを内製で推進する戦略のもと、専任体制を敷く意思決定も採りうる",
            True,
        ),
        (
            "multiple",
            "制度化を推奨",
            "職員で主導する領域が多いため、制度化をもって専門性の育成＆確保が体系的に可能",
            True,
        ),
    ],
)
def test_each_decision_row(cat: skillframe.Catalog, arrangement: str, text: str, reason: str, risky: bool) -> None:
    rec = advise(cat, profile=Profile(it_arrangement=arrangement)).get("specialist-system")
    assert rec.text == text
    assert rec.reasons[0] == reason
    assert rec.answers == ("it_arrangement",)
    # the risks of §5 (lines 942-944) go with a recommendation to consider the track
    assert bool(rec.risks) is risky
    if risky:
        assert rec.risks[0] == (
            "制度設計の意義・目的の明確化: 対象人数から専門制度運用の必要性に疑問が生じる → 対応策: "
            "ローテーション任用が主流の中で、なぜ制度が必要か（例：戦略的DX推進）を明示する"
        )


@pytest.mark.parametrize(
    ("pattern", "label", "caution"),
    [
        ("new", "デジタル人材の確保・育成に係る方針を新規で策定", "既存の人材育成基本方針との整合の考慮が必要"),
        (
            "revise-dx-plan",
            "既存の「DX推進計画」を改定 (デジタル人材の独立章を追加)",
            "他章の構成とのバランスを考慮すると、内容が不足する可能性がある",
        ),
        (
            "revise-hr-policy",
            "既存の「人材育成基本方針」を改定 (デジタル人材の独立章を追加)",
            "他章の構成とのバランスを考慮すると、内容が不足する可能性がある",
        ),
    ],
)
def test_each_pattern(cat: skillframe.Catalog, pattern: str, label: str, caution: str) -> None:
    rec = advise(cat, profile=Profile(pattern=pattern)).get("pattern")
    assert rec.text == label
    assert rec.risks[0] == caution
    assert rec.cites[0].locator.startswith("§2 策定パターン")


def test_incomplete_profile_names_the_missing_answers(cat: skillframe.Catalog) -> None:
    a = advise(cat, profile=Profile(pattern="new", it_arrangement="single"))
    assert [m.field for m in a.missing] == ["policy_exists", "specialist_system", "cio_adviser"]
    assert a.missing[2].question.startswith("CIO補佐官の確保形態")
    assert not a.complete
    # nothing is guessed: no recommendation for the unanswered questions
    ids = [r.id for r in a]
    assert "procedure" not in ids and "cio-adviser" not in ids and "rotation" not in ids
    assert ids == ["pattern", "specialist-system", "purpose-a-first", "ojt"]


def test_no_overlay_means_every_answer_missing(cat: skillframe.Catalog) -> None:
    a = advise(cat)
    assert a.framework is None
    assert [m.field for m in a.missing] == [
        "pattern",
        "policy_exists",
        "it_arrangement",
        "specialist_system",
        "cio_adviser",
    ]


def test_procedure_new_or_revised(cat: skillframe.Catalog) -> None:
    new = advise(cat, profile=Profile(policy_exists=False)).get("procedure")
    revised = advise(cat, profile=Profile(policy_exists=True)).get("procedure")
    assert new.details[0] == "1. 前提の整理: 人材を検討する前提となるDX推進計画/方針の内容を確認"
    assert (
        revised.details[0]
        == "1. 前提の整理: 既存方針の内容や位置づけを確認 / 最新のDX推進計画/方針を確認し、現方針の課題を把握"
    )
    assert len(new.details) == 6


def test_cio_choice(cat: skillframe.Catalog) -> None:
    a = advise(cat, profile=Profile(cio_adviser="outsourced"))
    rec = a.get("cio-adviser")
    assert rec.text == "補佐官業務の外部委託（比較表による評価 / as the report's table rates it）"
    assert rec.reasons == (
        "○: 他の事例/技術の情報へのアクセス",
        "○: 必要な期間/要件に応じた契約",
        "○: 人事異動や組織の軋轢の影響の少なさ",
        "○: 配置（育成）までの時間の短さ",
        "○: 外部視点での課題発見/提言",
    )
    assert "×: 指揮命令権がある" in rec.risks
    with pytest.raises(KeyError):
        a.get("cio-channels")  # channels are for appointing (外部任用), not outsourcing
    full = advise(cat, profile=Profile(cio_adviser="full-time"))
    assert "※任用（常勤）はDX所管部課長による兼務を想定" in full.get("cio-adviser").details
    channels = full.get("cio-channels")
    assert [d.split(":")[0] for d in channels.details] == [
        "自力募集",
        "官庁の制度利用",
        "GovTech東京利用",
        "※その他、民間企業等が提供する人材紹介サービス、人材マッチングサービスの活用も適宜検討",  # line 840
    ]
    none = advise(cat, profile=Profile(cio_adviser="none")).get("cio-adviser")
    assert none.text.startswith("確保形態によってそれぞれ特徴があるため")


def test_without_specialist_track(cat: skillframe.Catalog) -> None:
    rec = advise(cat, profile=Profile(specialist_system=False)).get("rotation")
    assert (
        rec.text == "デジタルの専門性習得に中長期でのキャリア形成・育成が必要となるため、"
        "専門職制度が無い場合は、「ローテーション上の考慮」で対応する必要がある"
    )
    assert len(rec.details) == 5 and rec.interpretation
    with pytest.raises(KeyError):
        advise(cat, profile=Profile(specialist_system=True)).get("rotation")


def test_profile_from_the_overlay(town: dict[str, Path]) -> None:
    cat = skillframe.load(town["catalog"])
    a = skillframe.advise(cat)
    assert a.framework == "policy-town" and a.complete
    assert a.profile.population == 8000
    assert a.get("specialist-system").text == "制度化は非推奨"
    assert repr(a) == "<Advice policy-town: 7 recommendations, 0 missing>"


def test_cio_choice_carries_the_reports_selection_rule(cat: skillframe.Catalog) -> None:
    rec = advise(cat, profile=Profile(cio_adviser="part-time")).get("cio-adviser")
    # §5 lines 821-829: what decides between 任用 and 外部委託
    assert rec.details[-2:] == (
        "業務内容・対応期間を限定できる → 外部委託を検討",
        "業務内容・対応期間に柔軟性を求める → 任用を検討",
    )
    assert [c.line for c in rec.cites][-2:] == [821, 826]


def test_municipality_measures_are_marked_and_cited(tmp_path: Path) -> None:
    path = tmp_path / "town.yaml"
    path.write_text(
        TOWN
        + """policy:
  rename: [{id: channel-govtech, label: GTTの活用}]
  measures:
    - {id: mentor, label: 庁内メンター制度, kind: development, mode: ojt, group: 業務でのフォロー,
       actors: [全庁DX推進/情報システム担当], cite: {document: town, locator: 町方針 5.2}}
""",
        encoding="utf-8",
    )
    a = skillframe.advise(skillframe.load(path), profile=Profile(cio_adviser="part-time"))
    ojt = a.get("ojt")
    assert (
        ojt.details[-1] == "業務でのフォロー: 庁内メンター制度（全庁DX推進/情報システム担当）"
        "〔自治体が追加 / added by the municipality〕"
    )
    assert not any("〔" in d for d in ojt.details[:-1])  # the report's own measures carry no mark
    assert cite_summary(ojt.cites) == (
        "報告書 §6 人材育成施策 (line 959); 報告書 §6 OJTの育成施策 必要な施策と役割 (lines 1053-1065); town 町方針 5.2"
    )
    assert a.get("cio-channels").details[2].startswith("GTTの活用〔名称は自治体 / renamed by the municipality〕: ")
    spec = skillframe.advise(skillframe.load(path), profile=Profile(it_arrangement="small")).get("specialist-system")
    assert cite_summary(spec.cites) == (
        "報告書 §5 専門職制度 判断表 1～2名体制（解釈を含む / includes a reading） (line 931); "
        "報告書 §5 専門職制度 リスクと対応策 (lines 942-944)"
    )
