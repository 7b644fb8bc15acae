"""Bar charts for the report: inline SVG (no external assets), labels cut to fit with …
(the full text in a tooltip), every text escaped."""

from __future__ import annotations

import html
import unicodedata
from collections.abc import Sequence

__all__ = ["bar_chart"]

_COLOURS = ("#2b6cb0", "#68a0d8", "#b3cde8", "#9aa5b1")
_MAX_LABEL_PX = 300


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def bar_chart(
    title: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    *,
    max_value: float | None = None,
    percent: bool = False,
    marker: float | None = None,
    marker_label: str = "",
) -> str:
    """A horizontal grouped bar chart as inline SVG (one group per label, one bar per series).

    >>> svg = bar_chart("t", ["a", "b"], [("n", [1, 3])])
    >>> svg.count("<rect class=\\"bar\\""), 'width="0.0"' in svg
    (2, False)
    """
    bar_h, gap, width = 14, 10, 360
    shown = [_fit_label(lab) for lab in labels]
    # the label column fits the longest label (12px font: a wide character ~12px, a narrow one ~7px)
    left = max(60, min(_MAX_LABEL_PX, max((_label_px(t) for t in shown), default=0) + 12))
    n_series = max(1, len(series))
    group_h = n_series * bar_h + gap
    legend_h = 20
    height = legend_h + len(labels) * group_h + 24
    top = max([max(max_value or 0, 0)] + [v for _, vals in series for v in vals] + [1e-9])
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{left + width + 80}" '
        f'height="{height}" viewBox="0 0 {left + width + 80} {height}"><title>{_e(title)}</title>'
    ]
    x = left
    for i, (name, _) in enumerate(series):
        out.append(f'<rect x="{x}" y="4" width="10" height="10" fill="{_COLOURS[i % len(_COLOURS)]}"/>')
        out.append(f'<text x="{x + 14}" y="13" font-size="11">{_e(name)}</text>')
        x += 14 + 8 * max(4, len(name)) + 12
    for g, lab in enumerate(labels):
        y0 = legend_h + g * group_h
        out.append(
            f'<text class="label" x="{left - 6}" y="{y0 + n_series * bar_h / 2 + 4}" font-size="12" '
            f'text-anchor="end"><title>{_e(lab)}</title>{_e(shown[g])}</text>'
        )
        for i, (_, vals) in enumerate(series):
            v = vals[g] if g < len(vals) else 0
            w = width * v / top
            y = y0 + i * bar_h
            text = f"{100 * v:.1f}%" if percent else (str(int(v)) if float(v).is_integer() else f"{v:.1f}")
            if v > 0:
                out.append(
                    f'<rect class="bar" x="{left}" y="{y}" width="{w:.1f}" height="{bar_h - 2}" '
                    f'fill="{_COLOURS[i % len(_COLOURS)]}"><title>{_e(lab)}: {_e(text)}</title></rect>'
                )
            out.append(f'<text x="{left + w + 4:.1f}" y="{y + bar_h - 4}" font-size="10">{_e(text)}</text>')
    axis_y = legend_h + len(labels) * group_h
    out.append(f'<line x1="{left}" y1="{legend_h}" x2="{left}" y2="{axis_y}" stroke="#555"/>')
    if marker is not None:
        mx = left + width * marker / top
        out.append(
            f'<line class="marker" x1="{mx:.1f}" y1="{legend_h}" x2="{mx:.1f}" y2="{axis_y}" stroke="#c53030" '
            f'stroke-dasharray="4 3"/><text x="{mx:.1f}" y="{axis_y + 14}" font-size="10" fill="#c53030" '
            f'text-anchor="middle">{_e(marker_label)}</text>'
        )
    out.append("</svg>")
    return "".join(out)


def _label_px(text: str) -> int:
    return sum(12 if unicodedata.east_asian_width(ch) in ("W", "F") else 7 for ch in text)


def _fit_label(text: str) -> str:
    """The label as drawn: cut with … when wider than the label column (the full text is its tooltip)."""
    if _label_px(text) + 12 <= _MAX_LABEL_PX:
        return text
    out = ""
    for ch in text:
        if _label_px(out + ch + "…") + 12 > _MAX_LABEL_PX:
            break
        out += ch
    return out + "…"
