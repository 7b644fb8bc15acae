"""The organisation report: one self-contained HTML page (inline SVG charts) or Markdown.

The page has no external assets and no script: styles and charts (SVG drawn here) are
inline. Every text is escaped.

>>> import skillframe
>>> from skillframe.render.report import report_html, report_markdown
>>> cat = skillframe.load()
>>> r = skillframe.rollup(cat, [{"id": "1", "persona": "DX推進員", "department": "総務課<script>", "trainings": []}])
>>> page = report_html(r, lang="en")
>>> page.startswith("<!DOCTYPE html>"), "<script" in page
(True, False)
>>> "総務課&lt;script&gt;" in page
True
>>> report_markdown(r, lang="en").splitlines()[0]
'# Digital talent report'
"""

from __future__ import annotations

import datetime
import html
import re
from collections.abc import Sequence

import attrs

from .._cells import md_text
from .._table import Table
from ..organisation import AbsentStaff, Concentration, Progress, Rollup
from ..staff import StaffRowError
from . import tables as tb
from .absent import absent_line, absent_table
from .charts import bar_chart
from .findings import findings
from .history_tables import history_html, history_markdown

__all__ = [
    "ERRORS_SHOWN",
    "errors_table",
    "findings",
    "meta_text",
    "no_persona_table",
    "report_html",
    "report_markdown",
    "report_tables",
    "staff_line",
]


def _t(lang: str, ja: str, en: str) -> str:
    return en if lang == "en" else ja


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


#: A number cell (right-aligned): digits with separators, %, a dash for none, an optional unit.
_NUMERIC_SRC = r"^[-+]?[\d.,%/ —–]+(名|人|件|課|名分)?$"
_NUMERIC = re.compile(_NUMERIC_SRC)


def _cell(text: str) -> str:
    """A table cell: numbers right-aligned (``num``), text left-aligned."""
    cls = ' class="num"' if text.strip() and _NUMERIC.match(text) else ""
    return f"<td{cls}>{_e(text)}</td>"


def _table_html(t: Table, css: str = "") -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in t.headers)
    body = "".join("<tr>" + "".join(_cell(c) for c in row) + "</tr>" for row in t.rows)
    notes = "".join(f'<p class="note">{_e(n)}</p>' for n in t.notes)
    cls = f' class="{css}"' if css else ""
    caption = f"<caption>{_e(t.title)}</caption>"
    return f"<table{cls}>{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{notes}"


_STYLE = """
body{font-family:"Yu Gothic UI","Yu Gothic","YuGothic","Meiryo","Hiragino Sans","Noto Sans CJK JP",system-ui,
sans-serif;margin:2em;max-width:1100px;color:#1a202c;line-break:strict;overflow-wrap:break-word}
h1{font-size:1.6em;margin-bottom:.2em}h2{border-bottom:2px solid #2b6cb0;padding-bottom:.2em;margin-top:2em}
.meta{color:#4a5568;font-size:.85em;margin:0 0 1em}.findings{background:#f7fafc;border-left:4px solid #2b6cb0;
padding:.6em 1em;margin:1em 0}.findings h2{border:0;margin:.2em 0;font-size:1.1em}.findings p{margin:.3em 0}
table{border-collapse:collapse;margin:.8em 0;font-size:.9em}caption{text-align:left;font-weight:bold;padding:.3em 0}
th,td{border:1px solid #cbd5e0;padding:.25em .6em;text-align:left;vertical-align:top}th{background:#edf2f7}
td.num{text-align:right;white-space:nowrap}.note{color:#4a5568;font-size:.85em;margin:.2em 0}
.status-off_track{color:#c53030;font-weight:bold}.status-achieved{color:#276749;font-weight:bold}
.status-on_track{color:#2b6cb0}.kpi{display:inline-block;margin:0 1.5em 1em 0}.kpi b{font-size:1.5em;display:block}
.chart{display:block;margin:.5em 0;max-width:100%;height:auto}
@page{size:A4;margin:15mm}
@media print{body{margin:0;max-width:none;font-size:10pt}h2{break-after:avoid}table,.chart,.findings{break-inside:avoid}
.kpi b{font-size:1.3em}}
"""


def _progress_html(p: Progress, lang: str) -> str:
    en = lang == "en"
    t = tb.progress_table(p, lang)
    head = "".join(f"<th>{_e(h)}</th>" for h in t.headers)
    rows = []
    for it, row in zip(p.items, t.rows, strict=True):
        cells = "".join(
            f'<td class="status-{it.status}">{_e(c)}</td>' if i == 6 else _cell(c) for i, c in enumerate(row)
        )
        rows.append(f'<tr data-target="{_e(it.target.id or "")}">{cells}</tr>')
    notes = "".join(f'<p class="note">{_e(n)}</p>' for n in t.notes)
    table = (
        f"<table><caption>{_e(t.title)}</caption><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )
    labels = [it.label_en if en else it.label for it in p.items]
    done = [min(1.0, (it.current or 0) / it.value) if it.value else 1.0 for it in p.items]
    exp = [min(1.0, (it.expected or 0) / it.value) if it.value else 1.0 for it in p.items]
    chart = bar_chart(
        _t(lang, "目標に対する達成度", "Attainment against targets"),
        labels,
        [(_t(lang, "現状/目標値", "current/target"), done), (_t(lang, "見込み値/目標値", "expected/target"), exp)],
        max_value=1.0,
        percent=True,
    )
    return table + notes + chart


def _concentration(c: Concentration, lang: str) -> Table:
    """The concentration table with the share of the largest 課 in words (no index to explain)."""
    t = tb.concentration_table(c, lang)
    top = c.max_share
    if top is None:
        return t
    even = 1 / len(c.counts) if c.counts else None
    note = (
        f"The largest department, {top[0]}, holds {100 * top[1]:.1f}% of them"
        + (f" (an even spread would be {100 * even:.1f}% each)." if even else ".")
        if lang == "en"
        else f"最も多い課（{top[0]}）に {100 * top[1]:.1f}% が集まっています"
        + (f"（均等なら各課 {100 * even:.1f}%）。" if even else "。")
    )
    return attrs.evolve(t, notes=(note,))


def report_html(
    r: Rollup,
    progress: Progress | None = None,
    *,
    lang: str = "ja",
    title: str | None = None,
    row_errors: int = 0,
    source: str | None = None,
    catalog: str | None = None,
    generated: datetime.date | None = None,
    history: Sequence[Table] | str | None = None,
    errors: Sequence[StaffRowError] = (),
    no_persona: Sequence[StaffRowError] = (),
    absent: Sequence[AbsentStaff] = (),
) -> str:
    """The whole report as one HTML page (no external assets), read top down by a 課長.

    ``history`` is the 年度推移 / 前年度の達成状況 section: the tables of
    :func:`skillframe.render.history_tables.history_tables` (or HTML already escaped, as
    :func:`~skillframe.render.history_tables.history_html` makes); it follows the 所見.

    The header names the generation date, the staff file (``source``) and the catalogs
    with their versions (``catalog``); then the 所見 (:func:`findings`), the key numbers,
    and the details. Print CSS lays it out on A4. The training-completion table counts the
    skills some step measures by training, as the rollup does
    (:func:`~skillframe.organisation.trained.trained_skills`). ``errors`` (the staff file's row errors) are listed
    in their own section — row, column, code, message — at most :data:`ERRORS_SHOWN`, with
    the count of the rest; ``no_persona`` (the rows without a persona, ``missing-persona``,
    counted under 人材像 未設定) likewise in theirs, so every row of the file is either
    counted (職員 N 名) or listed as unreadable, and the 未設定 rows can be found by row.
    ``absent``: the people of the roster or of a recorded 年度 with no row in the staff file
    (:class:`~skillframe.organisation.AbsentStaff`), said in the 所見 (how many, their 課, counted
    or not) and listed in their own section, so a 課 whose forms never came back is never
    silently missing.
    """
    en = lang == "en"
    title = title or _t(lang, "デジタル人材 育成状況レポート", "Digital talent report")
    parts = [f"<h1>{_e(title)}</h1>", _meta_html(lang, source, catalog, generated)]
    parts.append(
        f'<section class="findings" id="findings"><h2>{_e(_t(lang, "所見", "Findings"))}</h2><p>'
        + _e((" " if en else "").join(findings(r, progress, lang=lang, row_errors=row_errors, absent=absent)))
        + "</p></section>"
    )
    if history:
        parts.append(history if isinstance(history, str) else history_html(history))
    kpis: list[tuple[str, object]] = [
        (_t(lang, "職員", "staff"), r.total),
        (_t(lang, "人材像 未設定", "no persona"), r.no_persona),
        (_t(lang, "データ不足", "unknown data"), r.unknown),
    ]
    if r.no_ladder:
        kpis.insert(2, (_t(lang, "段階のない人材像", "persona without a ladder"), r.no_ladder))
    if row_errors:
        kpis.append((_t(lang, "読めなかった行", "unreadable rows"), row_errors))
    if r.coverage is not None:
        kpis.append(
            (
                _t(lang, f"{r.coverage.label} のいる課", f"departments with a {r.coverage.label_en}"),
                f"{r.coverage.covered}/{len(r.coverage.known)}",
            )
        )
    parts.append(
        '<div class="kpis">'
        + "".join(f'<span class="kpi" data-kpi="{i}"><b>{_e(v)}</b>{_e(k)}</span>' for i, (k, v) in enumerate(kpis))
        + "</div>"
    )
    if progress is not None:
        parts.append(f'<h2 id="targets">{_e(_t(lang, "数値目標の進捗", "Progress against targets"))}</h2>')
        parts.append(_progress_html(progress, lang))

    parts.append(f'<h2 id="steps">{_e(_t(lang, "育成段階の到達状況", "Step attainment"))}</h2>')
    parts.append(_table_html(tb.attainment_table(r, lang)))
    parts.append(f'<h2 id="departments">{_e(_t(lang, "課別", "Departments"))}</h2>')
    depts = [d if d is not None else _t(lang, "未設定", "not set") for d in r.departments]
    parts.append(
        bar_chart(
            _t(lang, "課別の育成段階（全人材像）", "Steps reached by department (all personas)"),
            depts,
            [
                (f"Step{k}" + _t(lang, "以上", "+"), [float(r.count(department=d, min_rank=k)) for d in r.departments])
                for k in (1, 2, 3)
            ],
        )
    )
    parts.append(_table_html(tb.department_table(r, lang)))
    if r.coverage is not None:
        parts.append(_table_html(tb.coverage_table(r.coverage, lang)))
    for c in r.concentration:
        parts.append(_table_html(_concentration(c, lang)))

    parts.append(f'<h2 id="trainings">{_e(_t(lang, "研修", "Trainings"))}</h2>')
    if r.demand:
        parts.append(
            bar_chart(
                _t(lang, "次の段階に向けた研修需要（人）", "Training demand for the next step (people)"),
                [d.label_en if en else d.label for d in r.demand],
                [
                    (_t(lang, "必要", "needed"), [float(d.needed) for d in r.demand]),
                    (_t(lang, "不明", "unknown"), [float(d.unknown) for d in r.demand]),
                ],
            )
        )
    parts.append(_table_html(tb.demand_table(r, lang)))
    parts.append(_table_html(tb.training_table(r, lang)))

    if r.levels:
        parts.append(f'<h2 id="levels">{_e(_t(lang, "総務省 育成目標レベル", "MIC development target levels"))}</h2>')
        for lv in r.levels:
            if not lv.staff:
                continue
            ks = list(range(1, len(lv.at_level)))
            parts.append(
                bar_chart(
                    _t(lang, f"{lv.label}: 各レベル以上の割合", f"{lv.label_en}: share at each level or above"),
                    [f"L{k}" for k in ks],
                    [(lv.label_en if en else lv.label, [lv.share(k) or 0.0 for k in ks])],
                    max_value=1.0,
                    percent=True,
                    marker=lv.threshold,
                    marker_label=_t(lang, f"閾値 {100 * lv.threshold:.0f}%", f"threshold {100 * lv.threshold:.0f}%"),
                )
            )
        parts.append(_table_html(tb.levels_table(r, lang)))
    if no_persona:
        parts.append(f'<h2 id="no-persona">{_e(_t(lang, "人材像が未設定の行", "Rows without a persona"))}</h2>')
        parts.append(_table_html(no_persona_table(no_persona, lang)))
    if any(a.people for a in absent):
        parts.append(f'<h2 id="absent">{_e(_t(lang, "職員ファイルにいない職員", "Staff not in the staff file"))}</h2>')
        parts += [_table_html(absent_table(a, lang)) for a in absent if a.people]
    if errors:
        parts.append(f'<h2 id="row-errors">{_e(_t(lang, "読めなかった行", "Rows that could not be read"))}</h2>')
        parts.append(_table_html(errors_table(errors, lang)))
    body = "\n".join(parts)
    return (
        f'<!DOCTYPE html>\n<html lang="{_e(lang)}"><head><meta charset="utf-8">'
        f"<title>{_e(title)}</title><style>{_STYLE}</style></head>\n<body>\n{body}\n</body></html>\n"
    )


#: How many row errors a report lists (the rest are counted).
ERRORS_SHOWN = 50


def errors_table(errors: Sequence[StaffRowError], lang: str = "ja", limit: int = ERRORS_SHOWN) -> Table:
    """The row errors of the staff file: row, column, code, message (the first ``limit``; a note
    counts the rest).

    >>> from skillframe.staff import StaffRowError
    >>> t = errors_table([StaffRowError(4, "所属", "空です / empty", code="x")] * 3, limit=2)
    >>> t.rows[0], t.notes
    (('4', '所属', 'x', '空です'), ('ほか 1 件（evaluate --errors FILE で全件を出力できます）',))
    """
    title = _t(lang, f"読めなかった行（{len(errors)} 件）", f"Row errors ({len(errors)})")
    return _rows_table(title, errors, lang, limit)


def no_persona_table(rows: Sequence[StaffRowError], lang: str = "ja", limit: int = ERRORS_SHOWN) -> Table:
    """The rows without a persona (``missing-persona``): counted under 人材像 未設定, listed by row
    so they can be completed — the rows ``skillframe evaluate`` reports as errors. Columns as
    :func:`errors_table`.

    >>> from skillframe.staff import StaffRowError
    >>> t = no_persona_table([StaffRowError(3, "persona", "人材像がありません / no persona", code="missing-persona")])
    >>> t.title, t.rows[0]
    ('人材像が未設定の行（1 件）', ('3', 'persona', 'missing-persona', '人材像がありません'))
    """
    title = _t(lang, f"人材像が未設定の行（{len(rows)} 件）", f"Rows without a persona ({len(rows)})")
    table = _rows_table(title, rows, lang, limit)
    note = _t(
        lang,
        "人材像 未設定 として数えています（段階の評価はしていません）。人材像を記入すると評価されます",
        "counted as 'not set' (not evaluated against a ladder); fill in the persona to evaluate them",
    )
    return attrs.evolve(table, notes=(note, *table.notes))


def _rows_table(title: str, errors: Sequence[StaffRowError], lang: str, limit: int) -> Table:
    rows = [
        ("" if e.row is None else str(e.row), e.column or "", e.code, e.en if lang == "en" else e.ja)
        for e in errors[:limit]
    ]
    rest = len(errors) - len(rows)
    notes = (
        (
            _t(
                lang,
                f"ほか {rest} 件（evaluate --errors FILE で全件を出力できます）",
                f"{rest} more (evaluate --errors FILE lists all)",
            ),
        )
        if rest > 0
        else ()
    )
    headers = (_t(lang, "行", "row"), _t(lang, "列", "column"), _t(lang, "コード", "code"), _t(lang, "内容", "message"))
    return Table(title=title, headers=headers, rows=rows, notes=notes)


def meta_text(lang: str, source: str | None, catalog: str | None, generated: datetime.date | None) -> str:
    """The report's header line: generation date, staff file and catalogs."""
    day = (generated or datetime.date.today()).isoformat()
    bits = [_t(lang, f"作成日 {day}", f"generated {day}")]
    if source:
        bits.append(_t(lang, f"職員ファイル {source}", f"staff file {source}"))
    if catalog:
        bits.append(_t(lang, f"カタログ {catalog}", f"catalogs {catalog}"))
    return " / ".join(bits)


def _meta_html(lang: str, source: str | None, catalog: str | None, generated: datetime.date | None) -> str:
    return f'<p class="meta">{_e(meta_text(lang, source, catalog, generated))}</p>'


def staff_line(r: Rollup, row_errors: int = 0, lang: str = "ja", absent: Sequence[AbsentStaff] = ()) -> str:
    """The staff counted, without a persona, of a persona without a ladder (when any), with
    unknown data (people), the unreadable rows, and the people not in the staff file
    (``absent``: the roster's counted, a recorded year's not)."""
    apart = r.no_ladder
    line = _t(
        lang,
        f"職員 {r.total} 名（人材像 未設定 {r.no_persona} 名、"
        + (f"段階のない人材像 {apart} 名、" if apart else "")
        + f"データ不足 {r.unknown} 名）",
        f"{r.total} staff ({r.no_persona} without a persona, "
        + (f"{apart} of a persona without a ladder, " if apart else "")
        + f"{r.unknown} with unknown data)",
    )
    gone = absent_line(absent, lang)
    return (
        line
        + (_t(lang, f"; 読めなかった行 {row_errors}", f"; {row_errors} unreadable row(s)") if row_errors else "")
        + (f"; {gone}" if gone else "")
    )


def report_tables(
    r: Rollup,
    progress: Progress | None,
    errors: Sequence[StaffRowError] = (),
    lang: str = "ja",
    no_persona: Sequence[StaffRowError] = (),
    *,
    absent: Sequence[AbsentStaff] = (),
) -> list[Table]:
    """The report's tables in reading order: the targets' progress, the rollup's, the rows
    without a persona (counted as 未設定), the people not in the staff file (``absent``), the
    unreadable rows."""
    tables = ([tb.progress_table(progress, lang)] if progress is not None else []) + tb.rollup_tables(r, lang)
    if no_persona:
        tables.append(no_persona_table(no_persona, lang))
    tables += [absent_table(a, lang) for a in absent if a.people]
    if errors:
        tables.append(errors_table(errors, lang))
    return tables


def report_markdown(
    r: Rollup,
    progress: Progress | None = None,
    *,
    lang: str = "ja",
    title: str | None = None,
    row_errors: int = 0,
    source: str | None = None,
    catalog: str | None = None,
    generated: datetime.date | None = None,
    errors: Sequence[StaffRowError] = (),
    no_persona: Sequence[StaffRowError] = (),
    history: Sequence[Table] = (),
    absent: Sequence[AbsentStaff] = (),
) -> str:
    """The same report as Markdown (the 所見, the ``history`` tables as in :func:`report_html`,
    then the tables, then the rows without a persona, the people not in the staff file and the
    row errors)."""
    title = title or _t(lang, "デジタル人材 育成状況レポート", "Digital talent report")
    out = [f"# {md_text(title)}", "", md_text(meta_text(lang, source, catalog, generated)), ""]
    said = (" " if lang == "en" else "").join(findings(r, progress, lang=lang, row_errors=row_errors, absent=absent))
    out += [f"## {_t(lang, '所見', 'Findings')}", "", md_text(said), ""]
    out += [staff_line(r, row_errors, lang, absent), ""]
    out += history_markdown(history)
    for t in report_tables(r, progress, errors, lang, no_persona, absent=absent):
        out.append(f"## {md_text(t.title)}")
        out.append("")
        out.append(Table(title="", headers=t.headers, rows=t.rows).render("github").strip())
        out.append("")
        out.extend(f"{md_text(n)}  " for n in t.notes)
        if t.notes:
            out.append("")
    return "\n".join(out).rstrip() + "\n"
