"""A draft 基本方針 or 年度計画: the report's ひな形 structure filled from the catalog and data.

:func:`draft` returns a :class:`Draft` — headings, texts, tables, the municipality's
figures (as result objects, :class:`Figures`) and visible placeholders (【要記入：…】) — that
:func:`skillframe.render.docx.draft_docx` writes as Word and
:func:`skillframe.render.drafts.draft_markdown` as Markdown (this module builds data only;
the tables of figures are made by ``render``). Nothing is invented: what only the
municipality can write is a placeholder; every figure names its source and date; the last
table says which part comes from the report (with its section) and which from the
municipality's data.

Structure (report §1 方針ひな形 構成案, line 200; §2 構成案, line 218):

- ``basic``: (1) デジタル人材が必要な背景 (2) 求められる人材像 (3) スキル基準
  (4) 現状の分析と育成目標（数値目標） (5) 確保・育成施策と計画
- ``annual``: 策定の目的（前年度の達成状況/改善点） 本年度の定量/定性目標
  確保施策のアクションプラン 育成施策のアクションプラン

>>> import skillframe
>>> d = draft(skillframe.load(), kind="basic")
>>> [b.text for b in d.blocks if b.kind == "heading" and b.level == 1][:2]
['1. デジタル人材が必要な背景', '2. 求められる人材像']
>>> d.placeholders[0]
'【要記入：自治体名】'
"""

from __future__ import annotations

import datetime as dt

import attrs

from .._catalog import Catalog
from .._table import Table
from ..organisation import Progress, Rollup
from .achievement import achievement_table
from .advice import Advice, advise, cite_summary
from .blocks import Block, Draft, Figures, Kind, placeholder
from .load import Policy, load_policy
from .model import Cite, PolicyTable
from .overview import profile_facts
from .silent_cells import cell_text, row_notes

# Block, Draft, Figures, placeholder (.blocks) and achievement_table (.achievement) are
# exported here too, where they were first.
__all__ = ["Block", "Draft", "Figures", "achievement_table", "draft", "placeholder"]


def _cite(c: Cite) -> str:
    flag = "（解釈）" if c.interpretation else ""
    return f"報告書 {c.locator}{flag}"


def _policy_table(t: PolicyTable, title: str | None = None) -> Table:
    # an empty cell says so (報告書に記載なし, or see the row's note): never a blank
    rows = [(r.label, *(cell_text(r, c.id) for c in t.columns)) for r in t.rows]
    notes = [f"出典: 区市町村デジタル人材確保・育成検討WG 報告書 {t.cite.locator}"]
    # the draft is Japanese: the readings and notes in Japanese (note_ja; an English-only note is marked so)
    notes += row_notes(t)
    return Table(title=title or t.label, headers=("", *(c.label for c in t.columns)), rows=rows, notes=notes)


@attrs.frozen
class _Data:
    """The municipality's figures and where they come from."""

    rollup: Rollup | None
    progress: Progress | None
    staff_source: str | None
    staff_date: dt.date | None
    targets_source: str | None
    figures_source: str | None = None
    achievement: Table | None = None
    history_source: str | None = None

    staff_rejected: int = 0
    staff_notes: tuple[str, ...] = ()

    def source(self) -> str:
        """Where the current figures come from (the history when given, else the staff file)."""
        return self.figures_source or _figures_source(
            self.staff_source, self.staff_date, self.staff_rejected, self.staff_notes
        )


class _Builder:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.origins: list[tuple[str, str, str]] = []

    def h(self, text: str, level: int = 1) -> None:
        self.blocks.append(Block("heading", text, level=level))

    def t(self, text: str) -> None:
        self.blocks.append(Block("text", text))

    def ph(self, what: str) -> None:
        self.blocks.append(Block("placeholder", placeholder(what)))
        self.origin(what, "自治体が記入", "—")

    def li(self, items: tuple[str, ...] | list[str]) -> None:
        self.blocks.append(Block("list", items=tuple(items)))

    def tab(self, table: Table) -> None:
        self.blocks.append(Block("table", table=table))

    def fig(self, figures: Figures) -> None:
        self.blocks.append(Block("figures", figures=figures))

    def src(self, text: str) -> None:
        self.blocks.append(Block("source", text))

    def origin(self, part: str, origin: str, where: str) -> None:
        """One row of 出典の一覧, once (the two action plans name the same parts); ``where``
        without a leading 「出典: 」, the column's own name."""
        row = (part, origin, where.removeprefix("出典: ").replace("; 出典: ", "; "))
        if row not in self.origins:
            self.origins.append(row)


def draft(
    catalog: Catalog,
    *,
    kind: Kind = "basic",
    framework: str | None = None,
    rollup: Rollup | None = None,
    progress: Progress | None = None,
    staff_source: str | None = None,
    staff_date: dt.date | None = None,
    targets_source: str | None = None,
    staff_rejected: int = 0,
    staff_notes: tuple[str, ...] = (),
    advice: Advice | None = None,
    policy: Policy | None = None,
    figures_source: str | None = None,
    achievement: Table | None = None,
    history_source: str | None = None,
) -> Draft:
    """Build a draft 基本方針 (``kind="basic"``) or 年度計画 (``"annual"``).

    ``framework`` is the municipality's overlay (default: the one overlay, else the WG
    framework); ``rollup`` and ``progress`` (from :func:`skillframe.rollup` and
    :func:`skillframe.progress`) give the current figures, with ``staff_source`` /
    ``staff_date`` and ``targets_source`` named beside them. Without them the figures are
    placeholders. ``figures_source`` (e.g. the assessment history, its 年度 and recording
    date) replaces the staff file as the named source of the figures; ``achievement`` (from
    :func:`achievement_table`) is the 年度計画's 前年度の達成状況; ``history_source`` names the
    assessment history the ``baseline: history`` targets of ``progress`` were read from (said
    beside the progress when some target's baseline came from it); ``staff_rejected`` rows of
    the staff file that could not be read are said to be left out of the figures;
    ``staff_notes`` are sentences said after the staff file's source (each ending in 。, e.g.
    :func:`skillframe.render.absent.absent_sentences`: the roster's people counted as not answered).
    """
    pol = policy if policy is not None else load_policy(catalog)
    adv = advice if advice is not None else advise(catalog, framework=framework, policy=pol, lang="ja")
    overlays = [f for f in catalog.frameworks() if f.extends]
    fid = framework or adv.framework or (overlays[0].id if len(overlays) == 1 else "tokyo-wg-2025")
    fw = catalog.framework(fid)
    name = fw.publisher.split(" / ")[0] if fw.extends else placeholder("自治体名")
    b = _Builder()
    data = _Data(
        rollup,
        progress,
        staff_source,
        staff_date,
        targets_source,
        figures_source=figures_source,
        achievement=achievement,
        history_source=history_source,
        staff_rejected=staff_rejected,
        staff_notes=tuple(staff_notes),
    )
    if kind == "basic":
        b.h(f"{name} デジタル人材確保・育成基本方針（案）", 0)
        _basic(b, catalog, fw.id, pol, adv, data)
    else:
        b.h(f"{name} デジタル人材確保・育成 年度計画（案）", 0)
        _annual(b, catalog, fw.id, pol, adv, data)
    origins = tuple(b.origins)
    b.h("出典の一覧", 1)
    b.tab(Table(title="出典の一覧", headers=("部分", "由来", "出典"), rows=origins))
    title = b.blocks[0].text
    author = name if fw.extends else ""
    return Draft(kind=kind, title=title, blocks=tuple(b.blocks), origins=origins, author=author)


def _figures_source(
    staff_source: str | None, staff_date: dt.date | None, rejected: int = 0, notes: tuple[str, ...] = ()
) -> str:
    day = staff_date.isoformat() if staff_date else "日付不明"
    text = f"出典: 職員データ {staff_source or '（API から渡された評価）'}（ファイル更新日 {day}）を skillframe で集計"
    if rejected:
        text += f"。読み込めなかった {rejected} 行は含みません（エラー一覧を参照）"
    if notes:  # sentences ending in 。; the source line itself has none at its end
        text += "。" + "".join(notes).removesuffix("。")
    return text


def _basic(b: _Builder, cat: Catalog, fid: str, pol: Policy, adv: Advice, data: _Data) -> None:  # noqa: PLR0917
    kinds = pol.table("plan-kinds")
    b.h("1. デジタル人材が必要な背景", 1)
    b.ph("本自治体のDX推進計画/方針と、デジタル人材が必要な背景（政策/戦略）")
    b.t("基本方針の役割: " + " ".join(kinds.row("role").cell("basic")))
    b.src(_cite(kinds.row("role").cite) + f"（{kinds.row('role').cite.line} 行）")
    b.origin("1. 背景: 基本方針の役割", "報告書", "§2 基本方針/年度計画の比較表")
    if adv.profile.pattern is not None:
        row = pol.table("patterns").row(adv.profile.pattern)
        b.t(f"策定パターン: {row.label}")
        b.src(_cite(row.cite))
        b.origin("1. 背景: 策定パターン", "自治体の選択（profile.pattern）と報告書", "§2 策定パターン")
    else:
        b.ph("策定パターン（新規策定／DX推進計画を改定／人材育成基本方針を改定）")
    _overview(b, adv)
    b.ph("本方針の対象期間（5年程度）と位置づけ")

    b.h("2. 求められる人材像", 1)
    personas = list(cat.personas(fid))
    rows = [(p.label, " ".join(p.definition) or "—", p.role or "—") for p in personas]
    b.tab(
        Table(
            title="人材像",
            headers=("人材像", "定義", "役割"),
            rows=rows,
            notes=(f"出典: カタログ {fid}（報告書 §3 人材像とスキル要件、自治体の上書きを反映）",),
        )
    )
    b.origin("2. 人材像", "報告書（自治体の上書きを反映）", f"§3 人材像とスキル要件（カタログ {fid}）")
    skill_rows = []
    for p in personas:
        own = [e.skill.label for e in cat.effective_skills(p.id) if e.origin == p.id]
        if own:
            skill_rows.append((p.label, "、".join(own)))
    b.tab(
        Table(
            title="スキル要件（各人材像に固有のもの）",
            headers=("人材像", "スキル要件"),
            rows=skill_rows,
            notes=(f"出典: カタログ {fid}（報告書 §3）。上位の人材像は下位の要件を引き継ぐ",),
        )
    )
    b.origin("2. スキル要件", "報告書（自治体の上書きを反映）", f"§3（カタログ {fid}）")
    b.tab(_policy_table(pol.table("process-involvement")))
    b.origin("2. 政策実現プロセスへの関与", "報告書", "§3 政策実現プロセス")

    b.h("3. スキル基準", 1)
    ladder_rows = []
    for p in personas:
        for s in cat.steps(p.id):
            ladder_rows.append((p.label, s.label, s.description or "—"))
        if p.no_ladder:
            ladder_rows.append((p.label, "—", p.no_ladder))
    b.tab(
        Table(
            title="育成段階（スキル基準）",
            headers=("人材像", "段階", "基準"),
            rows=ladder_rows,
            notes=(f"出典: カタログ {fid}（報告書 §4 スキル基準）",),
        )
    )
    b.origin("3. スキル基準", "報告書（自治体の上書きを反映）", f"§4 スキル基準（カタログ {fid}）")
    b.tab(_policy_table(pol.table("persona-purposes")))
    b.origin("3. スキル基準の活用目的", "報告書", "§4 人材像区分 × 活用目的")
    usage = pol.table("step-usage")
    cols = ("persona", "step", "purpose", "actor", "method", "examples")
    b.tab(
        Table(
            title=usage.label,
            headers=("人材像", "段階", "区分", "活用主体", "活用方法", "具体活用例"),
            rows=[tuple("\n".join(r.cell(c)) for c in cols) for r in usage.rows],
            notes=(f"出典: 区市町村デジタル人材確保・育成検討WG 報告書 {usage.cite.locator}",),
        )
    )
    b.origin("3. スキル基準の活用方法と具体活用例", "報告書", "§4 レベルの活用方法")

    b.h("4. 現状の分析と育成目標（数値目標）", 1)
    _figures(b, data)
    areas = pol.table("goal-areas")
    b.tab(_policy_table(areas, "目標設定領域と数値目標例（報告書）"))
    b.origin("4. 目標設定領域と数値目標例", "報告書", "§2 目標設定")
    b.ph("中期ビジョン（5年程度の定性目標）")

    b.h("5. 確保・育成施策と計画", 1)
    b.h(_ADVICE_HEADING, 2)
    _advice(b, adv)
    b.h("確保施策", 2)
    _measures(b, pol, "securing")
    b.h("育成施策", 2)
    _measures(b, pol, "development")
    b.tab(_policy_table(pol.table("roles")))
    b.origin("5. 都・GovTech東京との役割分担", "報告書", "§7 役割分担表")
    b.ph("施策の実施計画（時期・担当）")


def _overview(b: _Builder, adv: Advice) -> None:
    """The municipality's population and IT staff, as answered (shown only: the report has no threshold)."""
    facts = profile_facts(adv.profile)
    if facts is not None:
        b.t(f"自治体の概要: {facts}")
        source = "出典: 自治体の回答（profile.population, profile.it_staff）"
        b.src(source + "。報告書に人数の閾値がないため、助言の選択には使っていません")
        b.origin("自治体の概要", "自治体の回答（profile）", "profile.population, profile.it_staff")


def _annual(b: _Builder, cat: Catalog, fid: str, pol: Policy, adv: Advice, data: _Data) -> None:  # noqa: PLR0917
    kinds = pol.table("plan-kinds")
    b.h("1. 策定の目的（前年度の達成状況/改善点）", 1)
    b.t("年度計画の役割: " + " ".join(kinds.row("role").cell("annual")))
    b.src(_cite(kinds.row("role").cite))
    b.origin("1. 年度計画の役割", "報告書", "§2 基本方針/年度計画の比較表")
    _overview(b, adv)
    if data.achievement is not None:
        b.tab(data.achievement)
        b.origin("1. 前年度の達成状況", "自治体のデータ", "; ".join(data.achievement.notes))
    _figures(b, data)
    b.ph("前年度の達成状況の評価と改善点")
    b.h("2. 本年度の定量/定性目標", 1)
    prog, targets_source = data.progress, data.targets_source
    if prog is not None and any(it.horizon == "year" for it in prog.items):
        where = f"出典: 数値目標ファイル {targets_source or '（API）'}（基準日 {prog.as_of.isoformat()}）"
        where += _baselines(data, prog)
        b.fig(Figures("year-targets", prog, "本年度の定量目標", (where,)))
        b.origin("2. 本年度の定量目標", "自治体のデータ", f"数値目標ファイル {targets_source or '（API）'}")
    else:
        b.ph("本年度の定量目標（例: 研修受講率、DX推進員のStep○到達率○%）")
    b.ph("本年度の定性目標")
    b.h("3. 確保施策のアクションプラン", 1)
    b.h(_ADVICE_HEADING, 2)
    _advice(b, adv, only=("specialist-system", "rotation", "cio-adviser", "cio-channels"))
    _actions(b, pol, "securing")
    b.h("4. 育成施策のアクションプラン", 1)
    if data.rollup is not None and data.rollup.demand:
        _demand(b, data.rollup, data.source())
    _actions(b, pol, "development")


def _figures(b: _Builder, data: _Data) -> None:
    r, prog = data.rollup, data.progress
    targets_source = data.targets_source
    if r is None:
        b.ph("現状の人数と育成段階（職員データを --staff で渡すと自動で集計されます）")
    else:
        b.fig(Figures("attainment", r))
        b.src(data.source())
        b.origin("現状の人数と育成段階", "自治体のデータ", data.source())
    if prog is None:
        b.ph("数値目標と現状との差（数値目標ファイルを --targets で渡すと自動で計算されます）")
    else:
        b.fig(Figures("progress", prog))
        figures = data.figures_source or "職員データ " + (data.staff_source or "（API）")
        where = (
            f"出典: 数値目標ファイル {targets_source or '（API）'}（基準日 {prog.as_of.isoformat()}）"
            f"と{figures.removeprefix('出典: ')}{_baselines(data, prog)}"
        )
        b.src(where)
        b.origin("数値目標の進捗", "自治体のデータ", where)


def _baselines(data: _Data, prog: Progress) -> str:
    """``、基準値は評価履歴 …`` when some target's baseline was read from the history."""
    if not any(it.recorded for it in prog.items):
        return ""
    return f"。基準値（baseline: history）は{data.history_source or '評価履歴'}から"


def _demand(b: _Builder, r: Rollup, source: str) -> None:
    b.fig(Figures("demand", r))
    b.src(source)
    b.origin("研修需要", "自治体のデータと報告書（実施主体）", source + "; §6 Off-JT 表")


#: The advice is the report's, chosen by the profile: the municipality decides what to adopt.
_ADVICE_HEADING = "報告書の助言（自治体の回答により選択。採否を検討して本文に反映してください）"


def _advice(b: _Builder, adv: Advice, only: tuple[str, ...] | None = None) -> None:
    recs = [r for r in adv if only is None or r.id in only]
    for rec in recs:
        b.h(f"{rec.topic}: {rec.text}", 3)
        if rec.reasons:
            b.li([f"理由: {x}" for x in rec.reasons])
        if rec.risks:
            b.li([f"リスク/留意点: {x}" for x in rec.risks])
        if rec.details:
            b.li(list(rec.details))
        b.src("出典: " + cite_summary(rec.cites, lang="ja"))
        origin = "報告書（自治体の回答により選択）" if rec.answers else "報告書"
        if any(c.document != "wg2025-report" for c in rec.cites):
            origin += "と自治体の追加"
        b.origin(f"助言: {rec.topic}", origin, rec.cites[0].locator)
    for m in adv.missing:
        if only is None or m.field in {"it_arrangement", "specialist_system", "cio_adviser"}:
            b.ph(f"{m.question}（profile.{m.field} が未回答のため助言を選べません）")


def _measures(b: _Builder, pol: Policy, kind: str) -> None:
    rows = []
    for m in pol.measures_of(kind=kind):
        origin = pol.origin.get(m.id, "report")
        src = _cite(m.cite) if origin != "municipality" else f"{m.cite.document} {m.cite.locator}"
        rows.append((m.group or "—", m.label, "、".join(m.actors) or "—", "、".join(m.targets) or "—", src))
    b.tab(
        Table(
            title="確保施策" if kind == "securing" else "育成施策（OJT）",
            headers=("区分", "施策", "実施者", "対象", "出典"),
            rows=rows,
            notes=("Off-JT の研修はスキル要件の表（カタログ trainings）を参照",) if kind == "development" else (),
        )
    )
    b.origin(
        "5. " + ("確保施策" if kind == "securing" else "育成施策"),
        "報告書（自治体の追加・削除・名称変更を反映）",
        "§5 人材確保施策" if kind == "securing" else "§6 人材育成施策",
    )


def _actions(b: _Builder, pol: Policy, kind: str) -> None:
    rows = [
        (
            m.label,
            _cite(m.cite) if pol.origin.get(m.id) != "municipality" else m.cite.locator,
            placeholder("実施時期"),
            placeholder("担当"),
        )
        for m in pol.measures_of(kind=kind)
        if m.mode in ("channel", "career", "ojt")
    ]
    b.tab(Table(title="アクションプラン", headers=("施策", "出典", "実施時期", "担当"), rows=rows))
    b.origin("アクションプラン（施策名）", "報告書", "§5/§6")
    b.origin("アクションプラン（実施時期・担当）", "自治体が記入", "—")
