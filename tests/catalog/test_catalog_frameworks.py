"""The built-in catalogs of the DSM, the IPA DSS and the 総務省 guidebook, checked
through the public API against the counts and labels of the sources.

Expected labels are copied literally from the WG report
(区市町村デジタル人材確保・育成検討WG 報告書, 2025-10; §7 tool edition, §8 参考資料) and,
for the DSS-P structure, from the project's reference list (frameworks.md §3).
"""

from __future__ import annotations

from collections import Counter

DSM = "tokyo-dsm"
DSS = "ipa-dss"
MIC = "mic-guidebook-2024"


def local(definition_id: str) -> str:
    return definition_id.rsplit(":", maxsplit=1)[-1]


# ---------------------------------------------------------------------------
# 東京都デジタルスキルマップ

DSM_ITEMS = [
    (1, "ITストラテジー", "戦略・企画"),
    (2, "サービスデザイン", "戦略・企画"),
    (3, "マーケティング", "戦略・企画"),
    (4, "UXデザイン", "デザイン"),
    (5, "UIデザイン", "デザイン"),
    (6, "データアナリティクス", "データ"),
    (7, "データエンジニアリング", "データ"),
    (8, "プロジェクトマネジメント", "プロジェクト管理"),
    (9, "システムアーキテクチャ", "システム全般"),
    (10, "クラウドサービス活用", "システム全般"),
    (11, "業務系アプリ設計・開発", "アプリケーション"),
    (12, "Webアプリ設計・開発", "アプリケーション"),
    (13, "スマホアプリ設計・開発", "アプリケーション"),
    (14, "ネットワーク設計・構築", "インフラ"),
    (15, "サーバ基盤設計・構築", "インフラ"),
    (16, "データベース設計・構築", "インフラ"),
    (17, "サイバーセキュリティ", "セキュリティ"),
    (18, "システム監査", "セキュリティ"),
    (19, "運用設計", "運用"),
    (20, "システム管理", "運用"),
    (21, "ユーザサポート", "運用"),
    (22, "AIエンジニアリング", "先端技術"),
]

DSM_JOB_TYPES = [
    ("bd", "ビジネスデザイナー", "BD"),
    ("ux", "UI/UXデザイナー", "UX"),
    ("ds", "データサイエンティスト", "DS"),
    ("pd", "プロデューサー", "PD"),
    ("sa", "システムアーキテクト", "SA"),
    ("ae", "アプリケーションエンジニア", "AE"),
    ("ie", "インフラエンジニア", "IE"),
    ("se", "セキュリティエンジニア", "SE"),
    ("sm", "サービスマネージャー", "SM"),
    ("at", "先端技術エンジニア", "AT"),
]

DSM_TOOLS = {
    "teams": ("Teams", "コミュニケーション", "tokyo-wg-2025:tool-communication"),
    "word": ("Word", "Officeアプリ", "tokyo-wg-2025:tool-office"),
    "excel": ("Excel", "Officeアプリ", "tokyo-wg-2025:tool-spreadsheet"),
    "powerpoint": ("PowerPoint", "Officeアプリ", "tokyo-wg-2025:tool-office"),
    "copilot": ("Copilot", "生成AI", "tokyo-wg-2025:tool-generative-ai"),
    "forms": ("Forms", "業務効率化", "tokyo-wg-2025:tool-business-apps"),
    "logo-form": ("LoGoフォーム", "業務効率化", "tokyo-wg-2025:tool-business-apps"),
    "power-automate": ("Power Automate", "業務効率化", "tokyo-wg-2025:tool-business-apps"),
    "power-bi": ("Power BI", "BI", "tokyo-wg-2025:tool-bi"),
    "kintone": ("Kintone", "事業支援/情報管理", "tokyo-wg-2025:tool-business-apps"),
}


def test_dsm_framework(cat):
    fw = cat.framework(DSM)
    assert fw.id == DSM
    assert fw.label == "東京都デジタルスキルマップ"
    assert fw.publisher == "東京都"
    assert fw.source == "wg2025-report"
    assert any(h.provenance.unverified for h in fw.history)


def test_dsm_level_scale(cat):
    scale = cat.scale("level", framework=DSM)
    assert scale.measures == "person"
    assert [(lv.rank, lv.label, lv.descriptor) for lv in scale.levels] == [
        (0, "Lv.0", "基礎知識が無く、実践の経験もない"),
        (1, "Lv.1", "基礎知識を有し、指導のもと実践できる"),
        (2, "Lv.2", "応用知識を有し、独力で実践できる"),
        (3, "Lv.3", "高度な専門知識を有し、他者を指導できる"),
    ]
    assert all(lv.descriptors == () for lv in scale.levels)


def test_dsm_skill_items(cat):
    skills = sorted(cat.skills(framework=DSM), key=lambda s: s.number)
    assert len(skills) == 22
    assert [(s.number, s.label, s.category) for s in skills] == DSM_ITEMS
    assert len({s.category for s in skills}) == 10
    assert all(s.definition for s in skills)
    assert cat.skill("system-audit", framework=DSM).definition == (
        "客観的な視点からシステムの信頼性・安全性・効率性等の点検・評価を行う"
    )
    assert cat.skill("ai-engineering", framework=DSM).definition == (
        "機械学習等の専門知識・スキルを有し、調査研究、PoC、サービス企画等を行う"
    )
    assert all(s.id.startswith(f"{DSM}:") for s in skills)


def test_dsm_job_types(cat):
    personas = cat.personas(framework=DSM)
    assert len(personas) == 10
    assert [(local(p.id), p.label, p.aliases) for p in personas] == [
        (pid, label, (abbr,)) for pid, label, abbr in DSM_JOB_TYPES
    ]
    for p in personas:
        assert p.development is None
        assert p.provenance.unverified
        assert "column alignment of the source table is uncertain" in p.provenance.note
        assert p.requirements


def test_dsm_matrix_as_extracted(cat):
    marks = {"◎": 3, "○": 2, "△": 1}
    reqs = [r for p in cat.personas(framework=DSM) for r in p.requirements]
    assert len(reqs) == 86
    assert Counter(r.mark for r in reqs) == {"◎": 10, "○": 20, "△": 56}
    for r in reqs:
        assert r.level == marks[r.mark]
        assert r.provenance.unverified
        assert r.provenance.note.startswith("column alignment of the source table is uncertain")
        # △「基礎的な知識・スキルが望ましい」 is read as welcome (an interpretation); ◎/○ say 「必須」
        assert r.priority == ("welcome" if r.mark == "△" else "required")
        assert r.provenance.interpretation == (r.mark == "△")
    bd = {local(r.skill): r.mark for r in cat.persona("bd", framework=DSM).requirements}
    assert bd == {
        "it-strategy": "◎",
        "service-design": "◎",
        "marketing": "◎",
        "ux-design": "○",
        "ui-design": "○",
        "project-management": "○",
        "cloud-services": "△",
    }
    # the suspected shifts, carried exactly as extracted
    ae = {local(r.skill) for r in cat.persona("ae", framework=DSM).requirements}
    assert "business-app-development" not in ae
    at = {local(r.skill): r.mark for r in cat.persona("at", framework=DSM).requirements}
    assert at == {"project-management": "△", "operations-design": "○"}


def test_dsm_tools(cat):
    tools = cat.tools(framework=DSM)
    assert len(tools) == 10
    assert {local(t.id): (t.label, t.category, t.skill) for t in tools} == DSM_TOOLS
    assert len({t.category for t in tools}) == 6
    for t in tools:
        assert [(lv.rank, lv.label) for lv in t.levels] == [(0, "未活用"), (1, "初級"), (2, "中級"), (3, "上級")]
        if local(t.id) != "excel":
            assert all(lv.checklist == () and lv.guide is None for lv in t.levels)
            assert "not public" in t.provenance.note
            assert t.provenance.interpretation


def test_dsm_excel_checklist(cat):
    excel = cat.tool("excel", framework=DSM)
    assert excel.id == "tokyo-dsm:excel"
    assert [len(lv.checklist) for lv in excel.levels] == [0, 4, 4, 4]
    assert [lv.guide for lv in excel.levels] == [
        "実際の業務には活用できていない",
        "ツールの基本的な操作方法を理解し、実際の業務にも活用できる",
        "高度な機能や応用を理解し、実際の業務にも活用できる",
        "高度な機能や応用に精通し、実際の業務でも周囲をリードすることができる",
    ]
    lv1 = [c.text for c in excel.levels[1].checklist]
    assert lv1 == [
        "セルの書式設定をしたことがある",
        "フィルタを使用したことがある",
        "特定項目によりソートを行ったことがある",
        "数式を使用したことがある",
    ]
    functions = excel.levels[2].checklist[0]
    assert functions.id == "excel-2-1"
    assert functions.text == "以下より5種類以上の関数を使用したことがある"
    assert functions.choices == (
        "SUM",
        "MAX/MIN",
        "ROUND",
        "IF/IFS",
        "IFERROR",
        "SUMIF/SUMIFS",
        "COUNTIF/COUNTIFS",
        "XLOOKUP",
        "SUMPRODUCT",
        "INDIRECT",
    )
    assert functions.min_choices == 5
    assert [c.text for c in excel.levels[3].checklist] == [
        "ピボットテーブルを使用したことがある",
        "マクロの作成・編集をしたことがある",
        "Excelを使い、自分及び周囲の業務を効率化している",
        "レベル2（中級）までの内容に対して、周囲のメンバーに教えている",
    ]
    ids = [c.id for lv in excel.levels for c in lv.checklist]
    assert ids[:4] == ["excel-1-1", "excel-1-2", "excel-1-3", "excel-1-4"]
    assert len(set(ids)) == 12


# ---------------------------------------------------------------------------
# IPA デジタルスキル標準

DSS_TYPES = {
    "ビジネスアーキテクト": [
        "ビジネスアーキテクト（新規事業開発）",
        "ビジネスアーキテクト（既存事業の高度化）",
        "ビジネスアーキテクト（社内業務の高度化・効率化）",
    ],
    "デザイナー": ["サービスデザイナー", "UX/UIデザイナー", "グラフィックデザイナー"],
    "データサイエンティスト": [
        "データビジネスストラテジスト",
        "データサイエンスプロフェッショナル",
        "データエンジニア",
    ],
    "ソフトウェアエンジニア": [
        "フロントエンドエンジニア",
        "バックエンドエンジニア",
        "クラウドエンジニア/SRE",
        "フィジカルコンピューティングエンジニア",
    ],
    "サイバーセキュリティ": ["サイバーセキュリティマネージャー", "サイバーセキュリティエンジニア"],
}

DSS_QUOTED_BY_REPORT = {"変革マネジメント", "プロジェクトマネジメント", "データ・AI活用業務の設計・事業実装・評価"}


def test_dss_framework(cat):
    fw = cat.framework(DSS)
    assert fw.label == "デジタルスキル標準"
    assert fw.verified == "partial"
    assert [h.version for h in fw.history] == ["DSS-L", "1.0", "2023-08 改訂", "1.2", "2.0"]
    assert all(h.provenance.unverified and h.provenance.note for h in fw.history)


def test_itss_levels(cat):
    scale = cat.scale("itss-level", framework=DSS)
    assert scale.measures == "person"
    assert [(lv.rank, lv.descriptor) for lv in scale.levels] == [
        (1, "最低限の基礎知識を有する"),
        (2, "指導の下で要求作業を遂行"),
        (3, "独力で要求作業を遂行"),
        (4, "独力で解決リード"),
        (5, "組織内ハイエンドプレーヤー"),
        (6, "国内ハイエンドプレーヤー"),
        (7, "世界で通用するプレーヤー"),
    ]
    assert [b.ranks for b in scale.bands] == [(1, 2), (3, 4), (5, 6, 7)]
    assert scale.provenance.unverified  # the bands come from public summaries
    assert "ITSS+「レベル4」相当" in scale.description


def test_dss_p_types_and_roles(cat):
    personas = cat.personas(framework=DSS)
    assert len(personas) == 5
    assert {p.label: [v.label for v in p.variants] for p in personas} == DSS_TYPES
    assert sum(len(p.variants) for p in personas) == 15
    for p in personas:
        assert p.requirements == ()
        assert "not verified" in p.note
        assert p.provenance.unverified
        assert all(v.provenance.unverified for v in p.variants)


def test_dss_p_skill_items(cat):
    skills = cat.skills(framework=DSS)
    assert len(skills) == 49
    assert Counter(s.category for s in skills) == {
        "ビジネス変革": 17,
        "データ活用": 7,
        "テクノロジー": 13,
        "セキュリティ": 6,
        "パーソナルスキル": 6,
    }
    assert len({s.subcategory for s in skills}) == 12
    by_label = {s.label: s for s in skills}
    assert by_label["検証（顧客・ユーザー視点）"].subcategory == "デザイン"
    assert by_label["インシデント対応と事業継続"].subcategory == "セキュリティマネジメント"
    assert by_label["適応力"].subcategory == "コンセプチュアルスキル"
    for s in skills:
        if s.label in DSS_QUOTED_BY_REPORT:
            assert not s.provenance.unverified and s.provenance.source == "wg2025-report"
        else:
            assert s.provenance.unverified
            assert "checked against public fragments, not the PDF" in s.provenance.note


# ---------------------------------------------------------------------------
# 総務省 デジタル人材の育成ガイドブック


def test_mic_framework(cat):
    fw = cat.framework(MIC)
    assert fw.label == "デジタル人材の育成ガイドブック"
    assert fw.publisher == "総務省"
    assert fw.issued == "2024-12"
    examples = {local(e.id): e for e in fw.examples}
    for key, town in [
        ("kanazawa-target", "金沢市"),
        ("shiga-target", "滋賀県"),
        ("kakegawa-target", "掛川市"),
        ("kitakyushu-target", "北九州市"),
    ]:
        assert town in examples[key].label
        assert examples[key].provenance.locator
    assert "毎年20名、5年で100名" in examples["kanazawa-target"].text
    assert "各課に1人以上" in examples["dx-leader-per-section"].text


def test_mic_types(cat):
    personas = cat.personas(framework=MIC)
    assert [(local(p.id), p.label) for p in personas] == [
        ("expert", "高度専門人材"),
        ("dx-leader", "DX推進リーダー"),
        ("general-staff", "一般行政職"),
    ]
    assert cat.persona("dx-leader", framework=MIC).definition == (
        "デジタルに関する一定の知識と行政実務の知識・経験を兼ね備え、一般行政職員や高度専門人材と連携し、"
        "中核となって実務を取りまとめることができる人材の総称です。",
    )


def test_mic_org_levels(cat):
    scale = cat.scale("org-level", framework=MIC)
    assert scale.measures == "organisation"
    assert [(lv.rank, lv.label) for lv in scale.levels] == [
        (1, "属人的対応"),
        (2, "業務課題の把握・改善策の提案"),
        (3, "デジタルによる業務改善"),
        (4, "BPRを基に新たなデジタルサービスの開始"),
        (5, "継続的なサービスの見直し"),
    ]
    for lv in scale.levels:
        assert len(lv.descriptors) == 3
        assert {d.subject.split(":")[-1] for d in lv.descriptors} == {"expert", "dx-leader", "general-staff"}
        if lv.rank >= 2:
            assert all(d.text.startswith("ほぼ全ての者は、") for d in lv.descriptors)
    lv3 = scale.levels[2]
    assert lv3.descriptor_for("dx-leader") == "ほぼ全ての者は、業務課題に合わせてデジタルツールの発注ができる"
    assert scale.levels[0].descriptor_for("general-staff") == "業務運用は個人任せ"
    assert scale.levels[4].descriptor_for("expert") == "ほぼ全ての者は、事業の評価と見直しができる"


def test_every_flag_has_a_note(cat):
    for fw in (DSM, DSS, MIC):
        items = [
            *cat.skills(framework=fw),
            *cat.personas(framework=fw),
            *cat.tools(framework=fw),
            *cat.scales(framework=fw),
        ]
        items += [v for p in cat.personas(framework=fw) for v in p.variants]
        items += [lv for s in cat.scales(framework=fw) for lv in s.levels]
        for d in items:
            if d.provenance.flags:
                assert d.provenance.note, d.id
        for p in cat.personas(framework=fw):
            for r in p.requirements:
                if r.provenance.flags:
                    assert r.provenance.note
