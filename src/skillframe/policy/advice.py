"""Advice: the report's recommendations that apply to a municipality's profile.

Each :class:`Recommendation` quotes the report (its reasons and risks are the report's
words) and cites where it is written. What the profile does not answer is listed as a
:class:`MissingAnswer` — the advice never guesses an answer. The population and the
number of IT staff are shown but select nothing: the report gives no threshold for them.

>>> import skillframe
>>> from skillframe.model import Profile
>>> a = advise(skillframe.load(), profile=Profile(it_arrangement="multiple"))
>>> a.get("specialist-system").text
'制度化を推奨'
>>> [m.field for m in a.missing][:2]
['pattern', 'policy_exists']
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

import attrs

from .._catalog import Catalog
from .._notes import note_in
from ..errors import Problem
from ..model import Profile
from .load import Policy, PolicyError, load_policy, profile_of, profile_problems
from .model import Cite, Comparison

__all__ = ["QUESTIONS", "Advice", "Lang", "MissingAnswer", "Recommendation", "advise", "cite_summary"]

#: The language of the words advice adds to the report's own (topics, marks, the source lines):
#: ``both`` (Japanese / English, as the ``advise`` command shows them), ``ja`` (the draft 方針) or ``en``.
Lang = Literal["both", "ja", "en"]


def _say(lang: Lang, ja: str, en: str) -> str:
    return ja if lang == "ja" else en if lang == "en" else f"{ja} / {en}"


#: The profile's questions: field -> (Japanese, English).
QUESTIONS: dict[str, tuple[str, str]] = {
    "pattern": (
        "策定パターン（新規策定／DX推進計画を改定／人材育成基本方針を改定）",
        "which way the policy is drawn up (new / revise the DX plan / revise the HR policy)",
    ),
    "policy_exists": ("デジタル人材の方針を既に策定済みか", "whether a digital-talent policy is already in force"),
    "it_arrangement": (
        "全庁情報システム担当の配置（単独配置／1～2名体制／複数名体制）",
        "how IT staff are arranged (single / one or two / several)",
    ),
    "specialist_system": ("専門職制度（ICT職など）があるか", "whether a specialist track (ICT 職) exists"),
    "cio_adviser": (
        "CIO補佐官の確保形態（任用（常勤）／任用（非常勤）／外部委託／なし）",
        "how the CIO adviser is secured (full-time / part-time / outsourced / none)",
    ),
}


@attrs.frozen
class MissingAnswer:
    """A question of the profile left unanswered, and what it would have decided."""

    field: str
    question: str
    question_en: str
    needed_for: str

    def __str__(self) -> str:
        return f"{self.field}: 未回答 / not answered — {self.question} / {self.question_en} ({self.needed_for})"


@attrs.frozen
class Recommendation:
    """One recommendation of the report that applies, with its reasons, risks and source.

    ``answers`` are the profile fields that selected it (``()``: it applies to every
    municipality). ``details`` are the report's items that go with it (steps, channels,
    measures). ``interpretation`` (with ``note``, English, and ``note_ja``, the same in
    Japanese: :meth:`note_in`) marks where applying it is a reading.
    """

    id: str
    topic: str
    text: str
    reasons: tuple[str, ...] = ()
    risks: tuple[str, ...] = ()
    details: tuple[str, ...] = ()
    answers: tuple[str, ...] = ()
    cites: tuple[Cite, ...] = ()
    interpretation: bool = False
    note: str | None = None
    note_ja: str | None = None

    def note_in(self, lang: str = "ja") -> str | None:
        """The note in ``lang`` (``ja``: ``note_ja``, else the English note marked 「（英語の注記）」)."""
        return note_in(self.note, self.note_ja, lang)

    def __repr__(self) -> str:
        return f"<Recommendation {self.id}: {self.text[:40]}>"


@attrs.frozen
class Advice:
    """The recommendations for a profile and the answers still missing."""

    framework: str | None
    profile: Profile
    recommendations: tuple[Recommendation, ...]
    missing: tuple[MissingAnswer, ...]

    def __iter__(self) -> Iterator[Recommendation]:
        return iter(self.recommendations)

    def __len__(self) -> int:
        return len(self.recommendations)

    def __repr__(self) -> str:
        return f"<Advice {self.framework}: {len(self.recommendations)} recommendations, {len(self.missing)} missing>"

    def get(self, rec_id: str) -> Recommendation:
        """The recommendation with this id (``KeyError`` when it does not apply)."""
        for r in self.recommendations:
            if r.id == rec_id:
                return r
        raise KeyError(rec_id)

    @property
    def complete(self) -> bool:
        """True when every question is answered."""
        return not self.missing


def advise(
    catalog: Catalog,
    *,
    framework: str | None = None,
    profile: Profile | None = None,
    policy: Policy | None = None,
    lang: Lang = "both",
) -> Advice:
    """The report's recommendations that apply to the profile of ``catalog``'s overlay.

    ``lang`` is the language of the words the advice adds to the report's (topics, the
    marks on the municipality's own measures, the report's table rating): ``both`` gives
    「策定パターン / pattern」, ``ja`` 「策定パターン」 (the draft 方針 is Japanese).

    ``profile`` overrides the overlay's ``settings.profile``; ``framework`` chooses the
    overlay when there are several. Raises :class:`~skillframe.policy.PolicyError` for
    invalid policy content or profile values, and for answers that contradict each other
    (``profile.contradiction``: e.g. ``it_staff=5`` with ``it_arrangement="single"``).
    """
    fid, found = profile_of(catalog, framework) if profile is None else (framework, profile)
    prof = profile if profile is not None else found
    if profile is not None and (problems := profile_problems(profile)):
        raise PolicyError(Problem("<profile>", message, code=code) for code, _, message in problems)
    pol = policy if policy is not None else load_policy(catalog)
    recs: list[Recommendation] = []
    missing: list[MissingAnswer] = []

    def need(name: str, needed_for: str) -> bool:
        if getattr(prof, name) is None:
            ja, en = QUESTIONS[name]
            missing.append(MissingAnswer(name, ja, en, needed_for))
            return False
        return True

    if need("pattern", _say(lang, "策定パターンの特徴と留意点", "the pattern's features and cautions")):
        recs.append(_pattern(pol, str(prof.pattern), lang))
    if need("policy_exists", _say(lang, "策定手順（新規策定／策定済み）", "the drafting steps (new or revised)")):
        recs.append(_procedure(pol, bool(prof.policy_exists), lang))
    if need("it_arrangement", _say(lang, "専門職制度の検討", "whether to set up a specialist track")):
        recs.append(_specialist(pol, str(prof.it_arrangement), lang))
    if (
        need("specialist_system", _say(lang, "専門職制度が無い場合の対応", "what to do without a specialist track"))
        and not prof.specialist_system
    ):
        recs.append(_rotation(pol, lang))
    if need("cio_adviser", _say(lang, "CIO補佐官の確保形態", "how to secure the CIO adviser")):
        recs.extend(_cio(pol, str(prof.cio_adviser), lang))
    recs.extend(_general(pol, lang))
    return Advice(fid, prof, tuple(recs), tuple(missing))


def _pattern(pol: Policy, pattern: str, lang: Lang) -> Recommendation:
    table = pol.table("patterns")
    row = table.row(pattern)
    return Recommendation(
        id="pattern",
        topic=_say(lang, "策定パターン", "pattern"),
        text=row.label,
        reasons=row.cell("features"),
        risks=row.cell("cautions"),
        answers=("pattern",),
        cites=(row.cite,),
    )


def _procedure(pol: Policy, exists: bool, lang: Lang) -> Recommendation:
    table = pol.table("procedure")
    column = "revised" if exists else "new"
    sep = "／" if lang == "ja" else " / "  # the report's items of one step
    details = tuple(f"{r.label}: {sep.join(r.cell(column))}" for r in table.rows)
    label = next(c.label for c in table.columns if c.id == column)
    note = table.note_in("ja") if lang == "ja" else table.note  # the report's words, cited the draft's way
    return Recommendation(
        id="procedure",
        topic=_say(lang, "策定手順", "drafting steps"),
        text=f"策定手順（{label}）",
        reasons=(note,) if note else (),
        details=details,
        answers=("policy_exists",),
        cites=(table.cite, *(r.cite for r in table.rows)),
    )


def _specialist(pol: Policy, arrangement: str, lang: Lang) -> Recommendation:
    dec = pol.decision("specialist-system")
    row = dec.row(arrangement)
    risks: tuple[str, ...] = ()
    cites: tuple[Cite, ...] = (row.cite,)
    if row.mark in ("○", "△"):
        risks = tuple(f"{r.aspect}: {r.risk} → 対応策: {r.countermeasure}" for r in dec.risks)
        risks += tuple(f"想定される懸念: {c}" for c in dec.concerns)
        cites += tuple(r.cite for r in dec.risks)
    return Recommendation(
        id="specialist-system",
        topic=_say(lang, "専門職制度検討", "specialist track"),
        text=row.recommendation,
        reasons=(row.reason, *(f"外部委託方法: {c}" for c in row.context)),
        risks=risks,
        details=tuple(g.text for g in dec.guidance),
        answers=("it_arrangement",),
        cites=cites,
    )


def _rotation(pol: Policy, lang: Lang) -> Recommendation:
    comp = pol.comparison("specialist-system")
    career = pol.measures_of(kind="securing", mode="career")
    rotation = [c for c in comp.criteria if c.mark("rotation").mark != "○"]
    return Recommendation(
        id="rotation",
        topic=_say(lang, "専門職制度が無い場合", "without a specialist track"),
        text=comp.guidance[0].text,
        reasons=tuple(n for c in comp.criteria if c.mark("rotation").mark == "○" for n in c.mark("rotation").notes),
        risks=tuple(n for c in rotation for n in c.mark("rotation").notes),
        details=tuple(f"{m.group} — {m.label}{_own(pol, m.id, lang)}: {' '.join(m.details)}" for m in career),
        answers=("specialist_system",),
        cites=(comp.guidance[0].cite, *(m.cite for m in career)),
        interpretation=True,
        note=(
            "The career-continuity measures (§5, lines 945-953) are attached to the rotation case: "
            "the report places them after the specialist-track discussion without naming the case."
        ),
        note_ja=(
            "キャリアの継続性に関する施策（§5、945-953 行）をローテーション（専門職制度が無い場合）に"
            "結び付けている: 報告書はこれらを専門職制度の検討の後に置いているが、どの場合の施策かは述べていない。"
        ),
    )


def _marks(comp: Comparison, option: str, mark: str) -> tuple[str, ...]:
    return tuple(c.label for c in comp.criteria if c.mark(option).mark == mark)


def _cio(pol: Policy, choice: str, lang: Lang) -> list[Recommendation]:
    comp = pol.comparison("cio-adviser")
    guidance = {g.cite.line: g for g in comp.guidance}
    channels = pol.measures_of(kind="securing", mode="channel")
    out: list[Recommendation] = []
    if choice == "none":
        out.append(
            Recommendation(
                id="cio-adviser",
                topic=_say(lang, "CIO補佐官", "CIO adviser"),
                text=comp.guidance[0].text,
                details=tuple(g.text for g in comp.guidance[1:]),
                answers=("cio_adviser",),
                cites=(comp.cite, *(g.cite for g in comp.guidance)),
            )
        )
    else:
        option = next(o for o in comp.options if o.id == choice)
        rated = _say(lang, "比較表による評価", "as the report's table rates it")
        details = [f"△: {label}" for label in _marks(comp, choice, "△")]
        if choice == "full-time":
            details.append(guidance[831].text)
        # the report's rule for choosing between 任用 and 外部委託 (lines 821-829)
        details += [g.text for g in comp.guidance if g.text.startswith("業務内容・対応期間")]
        out.append(
            Recommendation(
                id="cio-adviser",
                topic=_say(lang, "CIO補佐官", "CIO adviser"),
                # the profile's own arrangement, rated by the report's table (not a recommendation of it)
                text=f"{option.label}（{rated}）",
                reasons=tuple(f"○: {label}" for label in _marks(comp, choice, "○")),
                risks=tuple(f"×: {label}" for label in _marks(comp, choice, "×")),
                details=tuple(details),
                answers=("cio_adviser",),
                cites=(comp.cite, *(c.cite for c in comp.criteria), *(g.cite for g in comp.guidance[1:3])),
            )
        )
    if choice != "outsourced":
        out.append(
            Recommendation(
                id="cio-channels",
                topic=_say(lang, "CIO補佐官の確保手段", "channels"),
                text=guidance[833].text,
                details=(
                    *(f"{m.label}{_own(pol, m.id, lang)}: {' '.join(m.details)}" for m in channels),
                    *(g.text for g in comp.guidance if g.text.startswith("※その他")),
                ),
                answers=("cio_adviser",),
                cites=(
                    guidance[833].cite,
                    *(m.cite for m in channels),
                    *(g.cite for g in comp.guidance if g.text.startswith("※その他")),
                ),
            )
        )
    return out


def _general(pol: Policy, lang: Lang) -> list[Recommendation]:
    purposes = pol.table("purposes")
    a = purposes.row("A")
    ojt = pol.measures_of(kind="development", mode="ojt")
    return [
        Recommendation(
            id="purpose-a-first",
            topic=_say(lang, "スキル基準の活用", "using the skill standard"),
            text="スキル基準は「A.目標設定/研修活用」から始め、徐々に事業所管_管理職/人事部門と連携し「B.メンバーの能力開発/業務アサイン」「C.適材適所配置」の活用を検討することが望ましい",
            reasons=tuple(f"A 効果: {t}" for t in a.cell("effect")[1:]),
            details=tuple(f"A 運用負荷: {t}" for t in a.cell("load")),
            cites=(Cite(locator="§4 活用目的", line=683),),
        ),
        Recommendation(
            id="ojt",
            topic=_say(lang, "育成施策", "development"),
            text="育成施策については、Off-JTのみならずOJTを含めて整理する必要がある",
            details=tuple(f"{m.group}: {m.label}（{'・'.join(m.actors)}）{_own(pol, m.id, lang)}" for m in ojt),
            cites=(Cite(locator="§6 人材育成施策", line=959), *(m.cite for m in ojt)),
        ),
    ]


def cite_summary(cites: tuple[Cite, ...], lang: Lang = "both") -> str:
    """Every source of a recommendation, grouped by section, lines joined into ranges.

    The report is named 報告書; another document (a municipality's own) by its id. A
    section with an ``interpretation`` or ``unverified`` item says so.

    >>> cite_summary((Cite(locator="§5 表", line=806), Cite(locator="§5 表", line=807),
    ...               Cite(locator="§5 表", line=809), Cite(document="city", locator="5.2")))
    '報告書 §5 表 (lines 806-807, 809); city 5.2'
    >>> cite_summary((Cite(locator="§5 表", line=806), Cite(locator="§5 表", line=807)), lang="ja")
    '報告書 §5 表（806-807 行）'
    """
    groups: dict[tuple[str, str], list[int]] = {}
    flagged: set[tuple[str, str]] = set()
    for c in cites:
        lines = groups.setdefault((c.document, c.locator), [])
        if c.line is not None and c.line not in lines:
            lines.append(c.line)
        if c.flags:
            flagged.add((c.document, c.locator))
    out = []
    for (doc, locator), lines in groups.items():
        name = "報告書" if doc == "wg2025-report" else doc
        text = f"{name} {locator}" + (
            f"（{_say(lang, '解釈を含む', 'includes a reading')}）" if (doc, locator) in flagged else ""
        )
        if lines:
            ranges: list[str] = []
            for n in sorted(lines):
                if ranges and ranges[-1].split("-")[-1] == str(n - 1):
                    ranges[-1] = f"{ranges[-1].split('-')[0]}-{n}"
                else:
                    ranges.append(str(n))
            if lang == "ja":
                text += f"（{', '.join(ranges)} 行）"
            else:
                text += f" ({'line' if len(lines) == 1 else 'lines'} {', '.join(ranges)})"
        out.append(text)
    return "; ".join(out)


def _own(pol: Policy, measure_id: str, lang: Lang) -> str:
    """A visible mark on a measure the municipality added or renamed (none on the report's)."""
    origin = pol.origin.get(measure_id, "report")
    if origin == "municipality":
        return f"〔{_say(lang, '自治体が追加', 'added by the municipality')}〕"
    if origin == "renamed":
        return f"〔{_say(lang, '名称は自治体', 'renamed by the municipality')}〕"
    return ""
