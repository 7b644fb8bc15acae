"""所見 (findings): the report's opening sentences, from a rollup and the targets' progress —
where the municipality stands, against each target, what most holds staff back, which 課 lack
the coverage persona, and how complete the data is. Words only; the numbers are the rollup's.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..organisation import AbsentStaff, Progress, Rollup
from .absent import absent_sentences

__all__ = ["findings"]


def findings(
    r: Rollup,
    progress: Progress | None = None,
    *,
    lang: str = "ja",
    row_errors: int = 0,
    absent: Sequence[AbsentStaff] = (),
) -> list[str]:
    """The 所見: a few sentences computed from the numbers, for a reader who reads only these.

    Where the municipality stands (staff at each step) and who is missing from the staff file
    (``absent``: the roster's people counted as not answered, a recorded year's not counted,
    with their 課), against each target (achieved, on
    track, behind — naming those behind), what most holds it back (the training most people
    need for their next step; 課 without the coverage persona) and how complete the data is.

    >>> import skillframe
    >>> cat = skillframe.load()
    >>> r = skillframe.rollup(cat, [{"id": "1", "persona": "DX推進員", "department": "総務課", "trainings": []}])
    >>> findings(r, lang="en")[0]
    '1 staff: 1 have reached no step yet, 0 Step 1 or above, 0 Step 2 or above, 0 Step 3.'

    Staff of a persona without a ladder (管理監督職: training attendance only) and staff without
    a persona (未設定) are counted apart as not evaluated, never as not yet at any step: the
    sentence's counts add up to the staff counted:

    >>> staff = [{"id": "1", "persona": "管理監督職"}, {"id": "2", "persona": "DX推進員", "trainings": []},
    ...          {"id": "3", "department": "総務課"}]
    >>> first = findings(skillframe.rollup(cat, staff))[0]
    >>> first.split("、Step1")[0]
    '職員 3 名のうち、まだどの段階にも達していない職員 1 名'
    >>> first.split("Step3 0 名、")[1]
    '評価対象外 2 名（人材像 未設定 1 名、段階のない人材像（研修受講のみ管理） 1 名）です。'

    Those at no step whose Step 1 is unknown (nothing answered) are said among them:

    >>> findings(skillframe.rollup(cat, [{"id": "1", "persona": "DX推進員"}]))[0].split("、")[0]
    '職員 1 名のうち'
    >>> findings(skillframe.rollup(cat, [{"id": "1", "persona": "DX推進員"}]))[0].split("、")[1]
    'まだどの段階にも達していない職員 1 名（うちデータ不足 1 名）'
    """
    en = lang == "en"
    total = r.total
    reached = [sum(p.reached(k) for p in r.personas) for k in (1, 2, 3)]
    apart = r.no_ladder  # staff of a persona without a ladder: never "not yet at any step"
    none = total - r.no_persona - apart - reached[0]
    laddered = {p.persona for p in r.personas if p.steps}
    # of those at no step, the ones whose Step 1 is unknown (データ不足: unanswered, not failed)
    gap = sum(u for _d, pid, rank, _c, u in r.cells if rank == 0 and pid in laddered)
    if en:
        out = [
            f"{total} staff: {max(none, 0)} have reached no step yet"
            + (f" ({gap} of them for unknown data)" if gap else "")
            + f", {reached[0]} Step 1 or above, "
            f"{reached[1]} Step 2 or above, {reached[2]} Step 3" + _not_evaluated(r, en)
        ]
    else:
        out = [
            f"職員 {total} 名のうち、まだどの段階にも達していない職員 {max(none, 0)} 名"
            + (f"（うちデータ不足 {gap} 名）" if gap else "")
            + f"、Step1 以上 {reached[0]} 名、"
            f"Step2 以上 {reached[1]} 名、Step3 {reached[2]} 名" + _not_evaluated(r, en)
        ]
    out += absent_sentences(absent, lang)
    if progress is not None and progress.items:
        items = list(progress.items)
        behind = [it.label_en if en else it.label for it in items if it.status == "off_track"]
        n_ok = sum(it.status == "on_track" for it in items)
        n_done = sum(it.status == "achieved" for it in items)
        if en:
            text = f"Of {len(items)} targets, {n_done} are achieved, {n_ok} on track and {len(behind)} behind"
            out.append(text + (f" ({', '.join(behind)})." if behind else "."))
        else:
            text = f"数値目標 {len(items)} 件のうち、達成 {n_done} 件、順調 {n_ok} 件、遅れ {len(behind)} 件"
            out.append(text + (f"（遅れ: {'、'.join(behind)}）です。" if behind else "です。"))
    most = _most_needed(r, en)
    if most:
        out.append(most)
    if r.coverage is not None and r.coverage.without:
        missing = list(r.coverage.without)
        shown = "、".join(missing[:3]) + (" ほか" if len(missing) > 3 else "")
        out.append(
            f"{len(missing)} department(s) have no {r.coverage.label_en}: {', '.join(missing[:3])}"
            + (" and others." if len(missing) > 3 else ".")
            if en
            else f"{r.coverage.label} がいない課が {len(missing)} 課あります（{shown}）。"
        )
    if r.shadowed:  # persona-of-base-framework: the staff data name the base of the town's personas
        n = sum(s.count for s in r.shadowed)
        base = ", ".join(s.persona for s in r.shadowed)
        copies = ", ".join(c for s in r.shadowed for c in s.copies)
        out.append(
            f"{n} staff record(s) name personas of a base framework ({base}), not the municipality's "
            f"({copies}): they are not counted as those, and targets on them cannot be judged."
            if en
            else f"職員データの {n} 名は基底フレームワークの人材像（{base}）を指しており、自治体の人材像"
            f"（{copies}）には数えていません。その人材像の数値目標は判定できません。"
        )
    if r.unknown or row_errors:
        out.append(
            f"Data: {r.unknown} staff with unknown data, {row_errors} unreadable row(s)."
            if en
            else f"データ: 記録が不足している職員 {r.unknown} 名、読めなかった行 {row_errors} 行。"
        )
    return out


def _not_evaluated(r: Rollup, en: bool) -> str:
    """The end of the first sentence: the staff not evaluated against a ladder, and why —
    without a persona (人材像 未設定) or of a persona without a ladder — so that those at no
    step, those at Step 1 or above and these add up to the staff counted.

    >>> import skillframe
    >>> staff = [{"id": "1", "persona": "管理監督職"}, {"id": "2", "department": "総務課"}]
    >>> r = skillframe.rollup(skillframe.load(), staff)
    >>> _not_evaluated(r, False)
    '、評価対象外 2 名（人材像 未設定 1 名、段階のない人材像（研修受講のみ管理） 1 名）です。'
    >>> _not_evaluated(r, True)
    '; 2 not evaluated (1 without a persona, 1 of a persona without a ladder (training attendance only)).'
    """
    no_ladder = "of a persona without a ladder (training attendance only)"
    apart = [
        (r.no_persona, "人材像 未設定", "without a persona"),
        (r.no_ladder, "段階のない人材像（研修受講のみ管理）", no_ladder),
    ]
    shown = [(n, ja, en_) for n, ja, en_ in apart if n]
    if not shown:
        return "." if en else "です。"
    n = sum(k for k, _ja, _en in shown)
    if en:
        return f"; {n} not evaluated ({', '.join(f'{k} {why}' for k, _ja, why in shown)})."
    return f"、評価対象外 {n} 名（{'、'.join(f'{why} {k} 名' for k, why, _en in shown)}）です。"


#: Trainings tied for the most needed named in the 所見; more are counted (「など N 件」).
_TIED_SHOWN = 3


def _most_needed(r: Rollup, en: bool) -> str:
    """The sentence on the training(s) most staff need for their next step, every tie named
    (at most three) or counted; ``""`` when nobody needs one.

    >>> import attrs, skillframe
    >>> from skillframe.organisation import TrainingDemand
    >>> r = skillframe.rollup(skillframe.load(), [])
    >>> t = [TrainingDemand(training=None, label=f"研修{i}", label_en=f"T{i}", skills=(), bodies=(),
    ...                     needed=1, unknown=0) for i in range(4)]
    >>> _most_needed(r, False)
    ''
    >>> _most_needed(attrs.evolve(r, demand=tuple(t[:1])), False)
    '次の段階に向けて最も多くの職員に不足しているのは「研修0」（1 名）です。'
    >>> _most_needed(attrs.evolve(r, demand=tuple(t[:2])), False)
    '次の段階に向けて最も多くの職員に不足しているのは「研修0」「研修1」（同数、各 1 名）です。'
    >>> _most_needed(attrs.evolve(r, demand=tuple(t)), False)
    '次の段階に向けて最も多くの職員に不足しているのは「研修0」「研修1」「研修2」など 4 件（同数、各 1 名）です。'
    >>> _most_needed(attrs.evolve(r, demand=tuple(t[:2])), True)
    'What most holds staff back from their next step is a tie of 2 trainings: T0 and T1 (1 person needs each).'
    >>> _most_needed(attrs.evolve(r, demand=tuple(t)), True).split(": ")[1]
    'T0, T1, T2 and 1 more (1 person needs each).'
    """
    n = max((d.needed for d in r.demand), default=0)
    if not n:
        return ""
    tied = [d for d in r.demand if d.needed == n]
    shown = tied[:_TIED_SHOWN]
    if en:
        who = "1 person needs" if n == 1 else f"{n} people need"
        if len(tied) == 1:
            return f"What most holds staff back from their next step is {tied[0].label_en} ({who} it)."
        rest = [f"{len(tied) - len(shown)} more"] if len(tied) > len(shown) else []
        *first, last = [d.label_en for d in shown] + rest
        names = f"{', '.join(first)} and {last}"
        return (
            f"What most holds staff back from their next step is a tie of {len(tied)} trainings: {names} ({who} each)."
        )
    names = "".join(f"「{d.label}」" for d in shown)
    if len(tied) == 1:
        return f"次の段階に向けて最も多くの職員に不足しているのは{names}（{n} 名）です。"
    more = f"など {len(tied)} 件" if len(tied) > len(shown) else ""
    return f"次の段階に向けて最も多くの職員に不足しているのは{names}{more}（同数、各 {n} 名）です。"
