"""The built-in tokyo-wg-2025 catalog against the tables of the WG report.

Every expected value below is copied from the report
(区市町村デジタル人材確保・育成検討WG 報告書, 東京都 / GovTech東京, 2025-10):
§3 人材像とスキル要件, §4 スキル基準, §5 人材確保施策, §6 人材育成施策, §8 参考資料.
"""

from __future__ import annotations

import skillframe

FW = "tokyo-wg-2025"


def q(local: str) -> str:
    return f"{FW}:{local}"


# ---------------------------------------------------------------------------
# Expected data, copied from the report

# §3: persona id -> (number, label, department)
PERSONAS = {
    "general-staff": ("①", "一般行政職員", "事業所管部門"),
    "dx-promoter": ("②", "DX推進員", "事業所管部門"),
    "dx-central": ("③", "全庁DX推進担当", "情報政策・DX推進部門"),
    "it-central": ("④", "全庁情報システム担当", "情報政策・DX推進部門"),
    "manager": ("⑤", "一般行政職員（管理監督職）", "事業所管部門"),
    "cio-adviser": (None, "CIO補佐官", None),
    "expert": (None, "高度専門人材", None),
}

# §3 skill tables: persona -> its own skills (id, スキル要件, 区分), in the report's order
OWN_SKILLS = {
    "general-staff": [
        ("dx-necessity", "DXの必要性理解", "共通"),
        ("user-understanding", "顧客/ユーザー理解", "共通"),
        ("gov-digital-basics", "行政職員のためのデジタル技術の基礎知識", "共通"),
        ("security-literacy", "セキュリティリテラシー", "共通"),
        ("privacy", "プライバシー保護理解", "共通"),
        ("tool-spreadsheet", "ツール活用（表計算）", "業務高度化"),
        ("tool-bi", "ツール活用（BIツール）", "業務高度化"),
        ("tool-communication", "ツール活用（コミュニケーションツール）", "業務効率化"),
        ("tool-office", "ツール活用（Officeアプリ）", "業務効率化"),
        ("tool-business-apps", "ツール活用（業務アプリ）", "業務効率化"),
        ("tool-generative-ai", "ツール活用（生成AI）", "業務効率化"),
    ],
    "dx-promoter": [
        ("project-management", "プロジェクトマネジメント", "共通"),
        ("value-discovery", "価値発見/定義", "業務高度化"),
        ("data-literacy", "データ理解/活用", "業務高度化"),
        ("bpr", "業務分析/BPR", "業務効率化"),
        ("service-validation", "サービス検証（顧客/ユーザー視点）", "業務効率化"),
        ("it-governance", "庁内ITガバナンスに対する理解", "情報基盤/統制"),
    ],
    "dx-central": [
        ("change-management", "変革マネジメント", "共通"),
        ("data-ai-implementation", "データ・AI活用業務の設計・事業実装・評価", "業務高度化"),
    ],
    "it-central": [
        ("project-management", "プロジェクトマネジメント", "共通"),
        ("it-strategy", "ITストラテジー", "情報基盤/統制"),
        ("system-architecture", "システムアーキテクチャ", "情報基盤/統制"),
        ("cloud-services", "クラウドサービス活用", "情報基盤/統制"),
        ("network-design", "ネットワーク設計", "情報基盤/統制"),
        ("cybersecurity", "サイバーセキュリティ", "情報基盤/統制"),
        ("system-audit", "システム監査", "情報基盤/統制"),
        ("operations-design", "運用設計", "情報基盤/統制"),
        ("system-management", "システム管理", "情報基盤/統制"),
    ],
    "manager": [
        ("transformation-goal-setting", "変革ゴール設定", "共通"),
        ("transformation-support", "変革推進サポート", "共通"),
        ("it-governance", "庁内ITガバナンスに対する理解", "情報基盤/統制"),
    ],
    "cio-adviser": [],
    "expert": [],
}

# 関連資格等 ("—" -> []) and 教育施策, skill id -> (certifications, trainings)
SKILL_ROWS = {
    "dx-necessity": ([], ["DXマインドセット研修", "トップダウンメッセージ"]),
    "user-understanding": (["デザイン思考検定"], ["デザイン思考の研修"]),
    "gov-digital-basics": (["（ITパスポート）"], ["行政デジタルに関する基礎研修", "右記資格の講座等"]),
    "security-literacy": (["情報セキュリティマネジメント"], ["情報セキュリティ研修"]),
    "privacy": (["個人情報保護士"], ["情報セキュリティ研修"]),
    "tool-spreadsheet": (["MOS(Excel)"], ["Excelに関する研修"]),
    "tool-bi": (["PL-900"], ["BIツールに関する研修"]),
    "tool-communication": ([], ["Teamsに関する研修等"]),
    "tool-office": (["MOS等"], ["Officeアプリに関する研修"]),
    "tool-business-apps": (["Kintone認定アソシエイト等"], ["業務アプリに関する研修"]),
    "tool-generative-ai": ([], ["生成AIツールに関する研修"]),
    "project-management": ([], ["プロジェクトマネジメント研修"]),
    "value-discovery": ([], ["サービスデザイン研修"]),
    "data-literacy": (["G検定"], ["データ分析/活用に関する研修"]),
    "bpr": (["ビジネス・プロセス革新エンジニア (BPIE)"], ["BPR研修"]),
    "service-validation": ([], ["UX(特にユーザビリティテストに関する)研修"]),
    "it-governance": ([], ["自治体にて各種ガイド、ドキュメントの説明会"]),
    "change-management": (["Prosci", "CCMP"], ["チェンジマネジメント研修"]),
    "data-ai-implementation": (
        ["データサイエンティスト検定"],
        ["データ分析/活用に関する研修（設計/実装のハンズオン）"],
    ),
    "it-strategy": (["ITストラテジスト"], ["右記資格および準ずる領域に関する研修"]),
    "system-architecture": (["システムアーキテクト"], ["右記資格および準ずる領域に関する研修"]),
    "cloud-services": (["CSPの認定資格"], ["右記資格および準ずる領域に関する研修"]),
    "network-design": (["ネットワークスペシャリスト"], ["右記資格および準ずる領域に関する研修"]),
    "cybersecurity": (["情報処理安全確保支援士など"], ["右記資格および準ずる領域に関する研修"]),
    "system-audit": (["システム監査技術者"], ["右記資格および準ずる領域に関する研修"]),
    "operations-design": (["ITサービスマネージャ"], ["右記資格および準ずる領域に関する研修"]),
    "system-management": (["ITサービスマネージャ"], ["右記資格および準ずる領域に関する研修"]),
    "transformation-goal-setting": ([], ["サービスデザイン研修", "BPR研修"]),
    "transformation-support": ([], ["(DX推進員のスキル要件に対応する研修)"]),
}

TOOL_SKILLS = {
    "tool-spreadsheet",
    "tool-bi",
    "tool-communication",
    "tool-office",
    "tool-business-apps",
    "tool-generative-ai",
}

# §3 definitions quoted, a few rows checked verbatim
DEFINITIONS = {
    "bpr": "業務内容及びプロセスの可視化、課題抽出、優先順位付け、解決策検討をBPR手法を用いて実践するスキル",
    "it-governance": (
        "システム開発ライフサイクルを理解しつつ、自治体の調達方針・情報システムのガイドラインを基にプロジェクト推進する"
    ),
    "network-design": (
        "総務省のセキュリティポリシーガイドラインの理解を前提としつつ、自治体におけるネットワークの導入に係る要件を検討し、"
        "システム要件に落とし込むスキル"
    ),
    "transformation-support": (
        "デジタルを用いた変革アプローチを理解し、メンバーが推進する変革施策の進捗状況に応じて、"
        "アドバイスや他部署調整などサポートを行うスキル"
    ),
}

# inheritance (「グレー字は一般職員として習得している前提」, 「太字がDX推進員に追加して求められる要件」)
INHERITS = {
    "general-staff": [],
    "dx-promoter": ["general-staff"],
    "dx-central": ["dx-promoter"],
    "it-central": ["general-staff"],
    "manager": ["general-staff"],
    "cio-adviser": [],
    "expert": [],
}

EFFECTIVE_COUNTS = {"general-staff": 11, "dx-promoter": 17, "dx-central": 19, "it-central": 20, "manager": 14}

# §4 スキル基準: persona -> [(rank, label, description)]
STEPS = {
    "general-staff": [
        (1, "Step1 マインドセット", "共通で求められる基礎知識を有している (=推奨する研修を受講済)"),
        (2, "Step2 ツール活用", "ツール毎に定義されたスキルマップを参照"),
    ],
    "dx-promoter": [
        (1, "Step1 (Off-JT)", "人材要件で定めるスキル項目の基礎知識を有している (= 推奨する研修を受講済)"),
        (2, "Step2 (OJT)", "DX案件のリードを1年以上取り組んでいる"),
        (3, "Step3 (指導)", "複数のDX案件リードの経験があり、後進の指導/フォローを行える"),
    ],
    "dx-central": [
        (1, "Step1 (Off-JT)", "人材要件で定めるスキル項目の基礎知識を有している (= 推奨する研修を受講済)"),
        (2, "Step2 (OJT)", "DX案件のリードを1年以上取り組んでいる"),
        (3, "Step3 (指導)", "複数のDX案件リードの経験があり、後進の指導/フォローを行える"),
    ],
    "it-central": [
        (
            1,
            "Step1 日常業務に直結する基本的な管理スキル優先",
            "基礎的な管理スキルの知識を有しており、定型的な業務を遂行できる",
        ),
        (
            2,
            "Step2 具体的なシステム導入/設計支援を担えるスキルを優先",
            "具体的なシステム導入/設計支援の知識を有しており、所管部門への支援を円滑に実施できる",
        ),
        (
            3,
            "Step3 全庁の戦略やリスク管理、ガバナンス設計スキルを習得",
            "中核人材として戦略的なITガバナンス設計や事業所管部門を巻き込んだ横断施策を担い、後進の指導/フォローを行える",
        ),
    ],
    "manager": [],
    "cio-adviser": [],
    "expert": [],
}

NO_LADDER = {
    "manager": "段階分け無し(Off-JT受講の管理のみ)",
    "cio-adviser": "定義なし (専門性が既に高い人材のため)",
    "expert": "定義なし (専門性が既に高い人材のため)",
}

# §4 全庁情報システム担当: the DSM groups of the staircase (reading-guide §2)
G1 = ["it-strategy", "system-audit"]
G2 = ["system-architecture", "cloud-services", "network-design", "operations-design"]
G3 = ["project-management", "system-management", "cybersecurity"]

# §6 Off-JT table: id -> (研修, persona, skills, {body: (mark, note)})
TRAININGS = {
    "dx-mindset-training": (
        "DXマインドセット研修",
        "general-staff",
        ["dx-necessity"],
        {"区市町村": ("○", None), "研修所": ("△", None), "J-LIS": ("△", None), "東京都・GTT": ("○", "事例")},
    ),
    "design-thinking-training": (
        "デザイン思考の研修",
        "general-staff",
        ["user-understanding"],
        {"区市町村": ("○", None), "研修所": ("△", None)},
    ),
    "infosec-training": (
        "情報セキュリティ研修",
        "general-staff",
        ["security-literacy", "privacy"],
        {"区市町村": ("○", None), "J-LIS": ("△", None)},
    ),
    "gov-digital-basics-training": (
        "行政デジタルに関する基礎研修",
        "general-staff",
        ["gov-digital-basics"],
        {"区市町村": ("○", None), "研修所": ("△", None), "J-LIS": ("△", None)},
    ),
    "tool-basics-training": (
        "各種ツールに関する基礎研修",
        "general-staff",
        [
            "tool-spreadsheet",
            "tool-bi",
            "tool-communication",
            "tool-office",
            "tool-business-apps",
            "tool-generative-ai",
        ],
        {"区市町村": ("○", None), "研修所": ("△", None), "東京都・GTT": ("○", "共同調達")},
    ),
    "pm-training": (
        "プロジェクトマネジメント研修",
        "dx-promoter",
        ["project-management"],
        {"区市町村": ("○", None), "研修所": ("△", None), "J-LIS": ("△", None), "東京都・GTT": ("△", None)},
    ),
    "service-design-training": (
        "サービスデザイン研修",
        "dx-promoter",
        ["value-discovery"],
        {"区市町村": ("○", None), "研修所": ("△", None), "東京都・GTT": ("○", "事例")},
    ),
    "data-analysis-training": (
        "データ分析/活用に関する研修",
        "dx-promoter",
        ["data-literacy"],
        {"区市町村": ("○", None), "研修所": ("△", None), "東京都・GTT": ("○", "事例")},
    ),
    "bpr-training": (
        "BPR研修",
        "dx-promoter",
        ["bpr"],
        {"区市町村": ("○", None), "研修所": ("△", None), "東京都・GTT": ("○", "事例")},
    ),
    "ux-training": (
        "UX研修",
        "dx-promoter",
        ["service-validation"],
        {"区市町村": ("○", None), "研修所": ("△", None), "東京都・GTT": ("△", None)},
    ),
    "it-governance-briefing": (
        "各種ガイド、ドキュメントの説明会",
        "dx-promoter",
        ["it-governance"],
        {"区市町村": ("○", None)},
    ),
    "change-management-training": (
        "チェンジマネジメント研修",
        "dx-central",
        ["change-management"],
        {"東京都・GTT": ("○", None)},
    ),
    "data-ai-handson-training": (
        "設計/実装のハンズオン研修",
        "dx-central",
        ["data-ai-implementation"],
        {"東京都・GTT": ("○", "Dify")},
    ),
    "it-central-domain-training": (
        "左記に準ずる領域に関する研修",
        "it-central",
        [
            "it-strategy",
            "system-architecture",
            "cloud-services",
            "network-design",
            "cybersecurity",
            "system-audit",
            "operations-design",
            "system-management",
        ],
        {"東京都・GTT": ("△", "都ICT職向け研修の公開")},
    ),
}

# §6 curriculum tables: number of 主な学習項目 per training
CURRICULUM_SIZES = {
    "dx-mindset-training": 4,
    "design-thinking-training": 4,
    "infosec-training": 5,
    "gov-digital-basics-training": 4,
    "tool-basics-training": 3 + 3 + 3 + 2 + 3 + 3,
    "pm-training": 5,
    "service-design-training": 5,
    "data-analysis-training": 5,
    "bpr-training": 5,
    "ux-training": 6,
    "it-governance-briefing": 5,
    "change-management-training": 5,
    "data-ai-handson-training": 6,
    "it-central-domain-training": 5 + 4 + 4 + 4 + 4 + 4 + 4 + 4,
}

# §3/§5: CIO補佐官 role variants and 高度専門人材 job types: id -> (label, n tasks, n 必須, n 歓迎)
VARIANTS = {
    "cio-adviser": {
        "cio-policy": ("情報政策官", 4, 0, 0),
        "cio-dx": ("DX推進者", 6, 0, 0),
    },
    "expert": {
        "bpr-consultant": ("BPRコンサルタント", 5, 2, 2),
        "rpa-engineer": ("RPA（/生成AI）エンジニア", 4, 3, 2),
        "data-strategist": ("データ（ビジネス）ストラテジスト", 4, 5, 4),
        "designer": ("デザイナー（参考）", 4, 2, 3),
    },
}

# §8: the WG's earlier draft DX推進員 ladder
DRAFT_LEVELS = [
    (1, "スキル要件の研修を学習済"),
    (2, "DX案件に1年以上関わり、学習したスキルを発揮中"),
    (3, "DX案件のリードを1年以上経験"),
    (4, "DX案件のリードについて1年以上後輩を指導"),
]


def assert_provenance(d: object) -> None:
    prov = d.provenance  # type: ignore[attr-defined]
    assert prov.locator, f"{d.id} has no provenance locator"  # type: ignore[attr-defined]
    assert prov.source in (None, "wg2025-report")
    if prov.interpretation or prov.unverified:
        assert prov.note, f"{d.id}: a flag needs a note"  # type: ignore[attr-defined]


# ---------------------------------------------------------------------------
# Framework


def test_framework(cat: skillframe.Catalog) -> None:
    fw = cat.framework(FW)
    assert fw.publisher == "東京都 / GovTech東京"
    assert fw.version == "2025-10" and fw.issued == "2025-10"
    assert fw.source == "wg2025-report"
    assert [s.title for s in fw.sources] == ["区市町村デジタル人材確保・育成検討WG 報告書"]
    assert "文章の引用、転載等ご自由に利用いただけます" in (fw.licence or "")
    assert fw.status == "current"


def test_draft_scale(cat: skillframe.Catalog) -> None:
    scale = cat.scale("draft-dx-promoter-level", framework=FW)
    assert scale.id == q("draft-dx-promoter-level")
    assert scale.measures == "person"
    assert scale.status == "superseded"
    assert scale.superseded_by is None
    assert "dx-promoter-step" in (scale.description or "")
    assert [(lv.rank, lv.label, lv.descriptor) for lv in scale.levels] == [
        (rank, f"Lv{rank}", text) for rank, text in DRAFT_LEVELS
    ]
    assert scale.provenance.locator and "§8" in scale.provenance.locator
    for lv in scale.levels:
        assert_provenance(lv)


# ---------------------------------------------------------------------------
# Personas


def test_personas_are_exactly_the_reports(cat: skillframe.Catalog) -> None:
    got = [(p.id, p.number, p.label, p.department) for p in cat.personas(framework=FW)]
    assert got == [(q(pid), *row) for pid, row in PERSONAS.items()]
    for p in cat.personas(framework=FW):
        assert_provenance(p)
        assert p.label_en


def test_persona_definitions_and_development(cat: skillframe.Catalog) -> None:
    for pid in ("general-staff", "dx-promoter", "dx-central", "it-central", "manager"):
        p = cat.persona(q(pid))
        assert p.development == "internal"
        assert p.definition[-1] == "自治体内での育成を基本とする"
        assert len(p.definition) == 2
        assert p.role
    for pid in ("cio-adviser", "expert"):
        p = cat.persona(q(pid))
        assert p.development == "external"
        assert p.definition == ()
        assert p.requirements == ()


def test_persona_inheritance(cat: skillframe.Catalog) -> None:
    for pid, parents in INHERITS.items():
        p = cat.persona(q(pid))
        assert list(p.inherits) == [q(x) for x in parents]
        if parents:
            assert p.provenance.interpretation and "docs/sources.md §R1" in (p.provenance.note or "")


def test_persona_aliases(cat: skillframe.Catalog) -> None:
    for key, pid in [
        ("DX推進リーダー", "dx-promoter"),
        ("推進員", "dx-promoter"),
        ("DX推進担当", "dx-central"),
        ("情報システム担当", "it-central"),
        ("情報政策担当", "it-central"),
        ("管理監督職", "manager"),
        ("一般行政職員_管理職", "manager"),
        ("一般行政職員(管理監督職)", "manager"),
        ("CIO補佐", "cio-adviser"),
    ]:
        assert cat.persona(key, framework=FW).id == q(pid), key


def test_small_municipality_note(cat: skillframe.Catalog) -> None:
    for pid in ("dx-central", "it-central"):
        assert "※1" in (cat.persona(q(pid)).note or "")


def test_no_ladder(cat: skillframe.Catalog) -> None:
    for p in cat.personas(framework=FW):
        local = p.id.split(":", 1)[1]
        assert p.no_ladder == NO_LADDER.get(local)


def test_variants(cat: skillframe.Catalog) -> None:
    for pid, expected in VARIANTS.items():
        p = cat.persona(q(pid))
        got = {
            v.id.split(":", 1)[1]: (v.label, len(v.tasks), len(v.required_skills), len(v.welcome_skills))
            for v in p.variants
        }
        assert got == expected
        for v in p.variants:
            assert_provenance(v)
    designer = cat.variant(q("designer"))
    assert designer.required_skills[0] == "コーポレートサイトやキャンペーンサイト等のコンテンツ制作の経験"


# ---------------------------------------------------------------------------
# Skills


def test_skills_are_exactly_the_reports(cat: skillframe.Catalog) -> None:
    expected: dict[str, tuple[str, str]] = {}
    for rows in OWN_SKILLS.values():
        for sid, label, category in rows:
            expected.setdefault(sid, (label, category))
    got = {s.id: s for s in cat.skills(framework=FW)}
    assert set(got) == {q(x) for x in expected}
    assert len(got) == 29
    for sid, (label, category) in expected.items():
        s = got[q(sid)]
        assert s.label == label
        assert s.label_en
        assert s.definition
        assert s.category_en
        assert_provenance(s)
        # it-governance is 情報基盤/統制 in ②'s table (⑤'s table has a merged 共通 cell)
        if sid != "it-governance" or category == "情報基盤/統制":
            assert s.category == category, sid


def test_skill_rows(cat: skillframe.Catalog) -> None:
    for sid, (certs, trainings) in SKILL_ROWS.items():
        s = cat.skill(q(sid))
        assert list(s.certifications) == certs, sid
        assert list(s.trainings) == trainings, sid
        assert ("tool" in s.tags) == (sid in TOOL_SKILLS), sid
    for sid, text in DEFINITIONS.items():
        assert cat.skill(q(sid)).definition == text


def test_skill_aliases(cat: skillframe.Catalog) -> None:
    for key, sid in [
        ("行政デジタル基礎知識", "gov-digital-basics"),
        ("府内ITガバナンス理解", "it-governance"),
        ("庁内ITガバナンス理解", "it-governance"),
        ("サービス検証", "service-validation"),
        ("検証(顧客/ユーザー視点)", "service-validation"),
        ("業務分析・BPR", "bpr"),
        ("価値発見・定義", "value-discovery"),
        ("データ理解・活用", "data-literacy"),
        ("ネットワーク設計・構築", "network-design"),
        ("Business analysis / BPR", "bpr"),
        (q("bpr"), "bpr"),
    ]:
        assert cat.skill(key, framework=FW).id == q(sid), key


def test_requirements_in_report_order(cat: skillframe.Catalog) -> None:
    for pid, rows in OWN_SKILLS.items():
        p = cat.persona(q(pid))
        assert [r.skill for r in p.requirements] == [q(sid) for sid, _, _ in rows], pid
        assert all(r.priority == "required" for r in p.requirements)


def test_project_management_is_one_skill(cat: skillframe.Catalog) -> None:
    pm = cat.skill(q("project-management"))
    assert pm.certifications == ()
    it_req = next(r for r in cat.persona(q("it-central")).requirements if r.skill == pm.id)
    assert list(it_req.certifications) == ["PMP", "プロジェクトマネージャ"]
    dx_req = next(r for r in cat.persona(q("dx-promoter")).requirements if r.skill == pm.id)
    assert dx_req.certifications == ()


def test_effective_skills(cat: skillframe.Catalog) -> None:
    for pid, n in EFFECTIVE_COUNTS.items():
        es = cat.effective_skills(q(pid))
        assert len(es) == n, pid
        assert len({e.skill.id for e in es}) == n, pid
        own = {q(sid) for sid, _, _ in OWN_SKILLS[pid]}
        for e in es:
            assert isinstance(e.skill, skillframe.Skill)
            assert e.requirement.skill == e.skill.id
            if e.skill.id in own:
                assert e.origin == q(pid)
    gs = {q(sid) for sid, _, _ in OWN_SKILLS["general-staff"]}
    dp = {q(sid) for sid, _, _ in OWN_SKILLS["dx-promoter"]}
    origins = {e.skill.id: e.origin for e in cat.effective_skills(q("dx-central"))}
    assert {s for s, o in origins.items() if o == q("general-staff")} == gs
    assert {s for s, o in origins.items() if o == q("dx-promoter")} == dp
    assert {s for s, o in origins.items() if o == q("dx-central")} == {
        q("change-management"),
        q("data-ai-implementation"),
    }
    for pid in ("dx-promoter", "it-central", "manager"):
        inherited = {e.skill.id for e in cat.effective_skills(q(pid)) if e.origin == q("general-staff")}
        assert inherited == gs, pid
    # it-central's project-management is its own requirement, with its certifications
    pm = next(e for e in cat.effective_skills(q("it-central")) if e.skill.id == q("project-management"))
    assert pm.origin == q("it-central")
    assert "PMP" in pm.requirement.certifications
    for pid in ("cio-adviser", "expert"):
        assert cat.effective_skills(q(pid)) == []


# ---------------------------------------------------------------------------
# Steps


def test_steps_are_exactly_the_reports(cat: skillframe.Catalog) -> None:
    for pid, expected in STEPS.items():
        steps = cat.steps(q(pid))
        assert [(s.rank, s.label, s.description) for s in steps] == expected, pid
        for k, s in enumerate(steps, start=1):
            assert s.id == q(f"{pid}-step{k}")
            assert s.persona == q(pid)
            assert s.rule is not None
            assert s.description_en and s.label_en
            assert_provenance(s)
            if s.provenance.interpretation:
                assert "docs/sources.md §R2" in (s.provenance.note or "")


def test_step_rules(cat: skillframe.Catalog) -> None:
    from skillframe.model import All, DsmLevel, Mentoring, NumberAtLeast, ToolsAtLeast, Trained

    for pid in ("general-staff", "dx-promoter", "dx-central"):
        rule = cat.steps(q(pid))[0].rule
        assert rule == Trained(skills_of="self", except_tags=("tool",))
    assert cat.steps(q("general-staff"))[1].rule == ToolsAtLeast(deployed=True, min=1)
    for pid in ("dx-promoter", "dx-central"):
        s1, s2, s3 = cat.steps(q(pid))
        assert isinstance(s2.rule, NumberAtLeast) and s2.rule.field == "dx_lead_years" and s2.rule.min == 1
        assert isinstance(s3.rule, All)
        lead, mentor = s3.rule.of
        assert isinstance(lead, NumberAtLeast) and lead.field == "dx_lead_count" and lead.min == 2
        assert isinstance(mentor, Mentoring) and mentor.value is True

    def dsm(rule: object) -> dict[tuple[str, ...], int]:
        leaves = rule.of if isinstance(rule, All) else (rule,)  # type: ignore[attr-defined]
        assert all(isinstance(x, DsmLevel) for x in leaves)
        return {tuple(x.skills): x.min for x in leaves}

    g1, g2, g3 = (tuple(q(s) for s in g) for g in (G1, G2, G3))
    s1, s2, s3 = cat.steps(q("it-central"))
    assert dsm(s1.rule) == {g3: 1}
    assert dsm(s2.rule) == {g2: 1, g3: 2}
    assert dsm(s3.rule) == {g1: 1, g2: 2, g3: 3}
    own = {q(sid) for sid, _, _ in OWN_SKILLS["it-central"]}
    assert set(g1) | set(g2) | set(g3) == own


# ---------------------------------------------------------------------------
# Trainings


def test_trainings_are_exactly_the_reports(cat: skillframe.Catalog) -> None:
    got = {t.id: t for t in cat.trainings(framework=FW)}
    assert list(got) == [q(x) for x in TRAININGS]
    for tid, (label, persona, skills, bodies) in TRAININGS.items():
        t = got[q(tid)]
        assert t.label == label
        assert t.label_en
        assert t.persona == q(persona)
        assert list(t.skills) == [q(s) for s in skills]
        assert {b.body: (b.mark, b.note) for b in t.bodies} == bodies, tid
        assert len(t.curriculum) == CURRICULUM_SIZES[tid], tid
        assert_provenance(t)
    assert "対象職員規模が小さいため" in (got[q("it-central-domain-training")].note or "")


def test_every_skill_has_an_off_jt_training_except_the_managers(cat: skillframe.Catalog) -> None:
    taught = {s for t in cat.trainings(framework=FW) for s in t.skills}
    untaught = {s.id for s in cat.skills(framework=FW)} - taught
    # the Off-JT table has no 管理監督職 rows
    assert untaught == {q("transformation-goal-setting"), q("transformation-support")}
